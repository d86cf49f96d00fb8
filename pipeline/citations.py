"""In-text citations: "(8, 18)", "(1-3)", "(ref. 7; Fig. 1)", "(MRTX849; ref. 18)", "[4-6]".

A bracketed group is a citation when every ';'-separated part is a list of reference
numbers (optionally after "ref."/"refs."), a figure/table pointer, or, when another
part carries an explicit "ref." marker, any short text (a drug code, "e.g., X").

Scraped pages lose superscripts and glue the numbers on: "after exposure.18 In ..." (after a
full stop) and "escape sotorasib115." / "in models209," (after a lower-case word of four or
more letters). Those count too, the digits being the citation; upper-case words are never
read so ("CDK4", "TP53", "NSCLC109" is left to the NER).
"""

from __future__ import annotations

import re

from pipeline.models import Citation

_GROUP = re.compile(r"[(\[]([^()\[\]\n]{1,120})[)\]]")
_NUMLIST = re.compile(r"^\s*(?:(?P<marker>refs?\.?)\s*)?(?P<nums>\d{1,4}(?:\s*[-,]\s*\d{1,4})*)\s*$", re.I)
_POINTER = re.compile(
    r"^\s*(?:e\.g\.,?\s*)?(?:Supplementary\s+)?(?:Figs?\.?|Figures?|Tables?)\s+\S+.*$", re.I
)
_GLUED = re.compile(
    r"(?:(?<=[A-Za-z%)\]])\.|(?<=[a-z]{3},)|(?<=\sit)|(?<=[a-z]{4})(?<!exon)(?<!codon)(?<!intron)(?<!chr)(?<!day)(?<!week)"
    r"(?<!cycle)(?<!grade)(?<!stage)(?<!phase)(?<!type)(?<!class)(?<!arm)(?<!cohort))(?P<nums>\d{1,3}(?:[,-]\d{1,3})*)(?=[.,;:]?(?:\s|$))"
)
MAX_RANGE = 50


def _numbers(spec: str) -> list[int] | None:
    nums: list[int] = []
    for item in re.split(r"\s*,\s*", spec.strip()):
        if "-" in item:
            a, b = (int(x) for x in item.split("-", 1))
            if not 0 < a < b or b - a > MAX_RANGE:
                return None
            nums.extend(range(a, b + 1))
        else:
            nums.append(int(item))
    return nums


def parse_group(content: str, max_ref: int | None = None) -> tuple[int, ...] | None:
    """Reference numbers cited by a bracket's content, or None if it is not a citation."""
    parts = [p for p in content.split(";")]
    found: list[int] = []
    marked = False
    other = 0
    for part in parts:
        m = _NUMLIST.match(part)
        if m:
            nums = _numbers(m.group("nums"))
            if nums is None:
                return None
            marked = marked or bool(m.group("marker"))
            found.extend(nums)
        elif _POINTER.match(part):
            continue
        else:
            other += 1
    if not found or (other and not marked):
        return None
    limit = max_ref if max_ref else 999
    if any(n < 1 or n > limit for n in found):
        return None
    return tuple(sorted(set(found)))


def find_citations(text: str, max_ref: int | None = None) -> list[Citation]:
    """All citation groups in ``text`` (offsets of the whole bracket, inclusive)."""
    out: list[Citation] = []
    for m in _GROUP.finditer(text):
        nums = parse_group(m.group(1), max_ref)
        if nums:
            out.append(Citation(m.start(), m.end(), nums))
    for m in _GLUED.finditer(text):
        nums = parse_group(m.group("nums"), max_ref)
        if nums:
            out.append(Citation(m.start("nums"), m.end("nums"), nums))
    return sorted(out, key=lambda c: c.start)


def numbers_in(citations: list[Citation] | tuple[Citation, ...], start: int, end: int) -> tuple[int, ...]:
    """Reference numbers of the citations inside ``[start, end)``."""
    found: set[int] = set()
    for c in citations:
        if c.start >= start and c.end <= end:
            found.update(c.numbers)
    return tuple(sorted(found))
