"""Reference-list parsing: one reference to (authors, title, journal, year)."""

from __future__ import annotations

import re

from pipeline.models import Reference

_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_AUTHORS_END = re.compile(r"(?:,?\s*et al\.?|(?<=[A-Z])\.)\s+(?=[A-Z0-9\"'])")


def parse_reference(number: int, text: str) -> Reference:
    """Parse a one-line reference such as
    ``Smith J, Doe AB, et al. A title. Nature 2016;531:47-52.``
    Fields that cannot be found are left empty; ``raw`` always keeps the input.
    """
    raw = re.sub(r"\s+", " ", text).strip()
    body = re.sub(r"^\[?\d{1,4}[.)\]]\s*", "", raw)
    authors, rest = "", body
    m = _AUTHORS_END.search(body)
    if m and m.start() < 400:
        authors, rest = body[: m.start()].strip(" ,."), body[m.end():]
    year_m = None
    for ym in _YEAR.finditer(rest):
        year_m = ym
        break
    title, journal = rest, ""
    if year_m:
        before = rest[: year_m.start()].rstrip(" ,;.")
        cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        if cut >= 0:
            title, journal = before[: cut + 1].strip(), before[cut + 1:].strip(" .")
        else:
            title = before
    year = int(year_m.group(1)) if year_m else None
    return Reference(number, authors, title.strip().rstrip("."), journal, year, raw)


def parse_field_lines(number: int, lines: list[str]) -> Reference:
    """Parse a reference scraped one field per line (authors, '.', title, '.', journal,
    year, ';', volume, ':', pages), the layout of many publisher web pages."""
    items = [ln.strip() for ln in lines if ln.strip()]
    raw = re.sub(r"\s+([,.;:])", r"\1", " ".join(items))
    # authors end at the first lone '.', or at an 'et al' line
    a_end = len(items)
    for i, item in enumerate(items):
        if item in {".", ". "} or item.rstrip(".").lower().endswith("et al"):
            a_end = i
            break
    author_items = items[: a_end + (1 if a_end < len(items) and items[a_end] != "." else 0)]
    authors = " ".join(author_items).replace(" ,", ",").strip(" .")
    rest = items[a_end + 1:]
    year_i = next((i for i, it in enumerate(rest) if re.fullmatch(r"(1[89]|20)\d{2}", it)), None)
    year = int(rest[year_i]) if year_i is not None else None
    head = rest[:year_i] if year_i is not None else rest
    head = [h for h in head if h != "."]
    journal = head[-1] if len(head) >= 2 else ""
    title = " ".join(head[:-1] if len(head) >= 2 else head)
    return Reference(number, authors, title.strip().rstrip("."), journal, year, raw)
