"""Ingest of text files, including scraped journal web pages.

A scrape carries artefacts that are handled by their shape, never by line number
(the rules are in ``data/ingest_rules.json``):

* interface strings ("Close modal") are dropped;
* a figure or table printed twice (label + caption, or the table body repeated) is kept once;
* tables (lines whose cells are separated by no-break spaces, tabs or " | ") are kept as tables;
* short title-like lines become section headings;
* the reference list, numbered "1." onwards, one reference per line or one field per
  line, is parsed into ``Reference`` records and kept out of the canonical text;
* in-text citations such as "(8, 18)" are located with their reference numbers.

The canonical text is the kept blocks, normalised (``textnorm``), joined by blank
lines; ``OffsetMap`` takes every character back to the raw file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import citations as cit
from pipeline import references as refs
from pipeline.config import DATA_DIR, MAX_TEXT_BYTES
from pipeline.errors import IngestError, too_large
from pipeline.hyphenation import inline_breaks, join_lines
from pipeline.models import IngestedDocument, OffsetMap, PageSpan, Section, Table
from pipeline.textnorm import normalize

CELL_SEPARATORS = "\u00a0\t"
#: cells run together by the scrape ("inhibitorSotorasib", "(MRTX849)Last update"); the
#: case-change rule only applies to rows with no separator at all (header rows)
_RUN_TOGETHER = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])|(?<=\))(?=[A-Z])|(?<=[a-z]{3})(?=[A-Z]{2,}\b)")
_FOOTNOTE = re.compile(r"^(Abbreviations?|Note|Notes|\*|†|a,?\s)")
_RUN_TOGETHER_PAREN = re.compile(r"(?<=\))(?=[A-Z])")


#: a numbered list item opening a line ("2. SHP2 and SOS1 inhibitors ...")
_NUMBERED_ITEM = re.compile(r"\s*\(?\d{1,2}[.)]\s+\S")


@lru_cache(maxsize=1)
def bullet_chars() -> frozenset[str]:
    """The bullet characters that open a sentence at a line start (sentence_rules.json)."""
    return frozenset(json.loads((DATA_DIR / "sentence_rules.json").read_text(encoding="utf-8"))["bullets"])


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads((DATA_DIR / "ingest_rules.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- decoding


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (BOM tolerated), else cp1252 with a warning.

    Raises IngestError for empty, oversized or binary input.
    """
    if len(data) > MAX_TEXT_BYTES:
        raise too_large("file", len(data), MAX_TEXT_BYTES, "KRAS_MAX_TEXT_BYTES")
    if not data.strip():
        raise IngestError("file is empty (no text to read)")
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError("file starts with a UTF-16 byte-order mark but is not valid UTF-16") \
                from exc
        warnings.append("decoded as UTF-16 (byte-order mark); offsets refer to the decoded text")
    sample = data[:65536]
    if b"\x00" in sample or sample.startswith(b"%PDF"):
        raise IngestError("file looks binary (NUL bytes or a PDF signature), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not valid UTF-8 (byte {exc.start}); decoded as Windows-1252")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 65536):
        raise IngestError("file looks binary (too many control characters), not text")
    if text.count("\ufffd") > 0.05 * len(text):
        raise IngestError("file is not readable text in UTF-8 or Windows-1252")
    return text, warnings


# --------------------------------------------------------------------------- blocks


@dataclass
class Block:
    lines: list[tuple[int, str]]  # (raw start offset, raw line text)
    kind: str = "paragraph"  # paragraph | heading | label | caption | table | footnote | junk
    section_kind: str | None = None
    title: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)

    @property
    def key(self) -> str:
        if self.extra.get("key_of") is not self.lines:
            self.extra["key_of"] = self.lines
            self.extra["key"] = re.sub(r"\s+", " ", self.text.replace("\u00a0", " ")).strip()
        return self.extra["key"]


def split_lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def split_blocks(lines: list[tuple[int, str]]) -> list[Block]:
    blocks: list[Block] = []
    cur: list[tuple[int, str]] = []
    for off, line in lines:
        if line.strip(" \t\r\u00a0"):
            cur.append((off, line.rstrip("\r")))
        elif cur:
            blocks.append(Block(cur))
            cur = []
    if cur:
        blocks.append(Block(cur))
    return [part for b in blocks for part in _split_leading_heading(b)]


def _split_leading_heading(block: Block) -> list[Block]:
    """Headings printed right above their paragraph ("Vertical MAPK blockade" over "In most
    KRAS G12C-mutant models, ..."; at most max_headings stacked): each its own block
    (``ingest_rules.json`` leading_heading)."""
    r = rules()["leading_heading"]
    if len(block.lines) < 2 or any(_has_cells(line) for _, line in block.lines):  # a table's header row
        return [block]
    texts = [t.strip() for _, t in block.lines]

    def heading_like(t: str) -> bool:
        return (t[:1].isupper() and len(t.split()) <= r["max_words"] and len(t) <= r["max_chars"]
                and not re.search(r["not_ending"], t))

    k = 0
    while k < min(len(texts) - 1, r["max_headings"]) and heading_like(texts[k]):
        k += 1
    # the first line after them starts the paragraph: upper-case and clearly longer
    while k and not (texts[k][:1].isupper() and len(texts[k]) >= r["min_ratio"] * max(map(len, texts[:k]))):
        k -= 1
    if not k:
        return [block]
    return [Block([line]) for line in block.lines[:k]] + [Block(block.lines[k:])]


# --------------------------------------------------------------------------- references


def find_reference_list(lines: list[tuple[int, str]]) -> int | None:
    """Index of the line where a numbered reference list (1., 2., 3., ...) starts."""
    for i, (_, line) in enumerate(lines):
        s = line.strip()
        if not re.fullmatch(r"\[?1[.)\]]\s*(\S.*)?", s):
            continue
        expect, seen = 2, 1
        for _, later in lines[i + 1:]:
            if re.match(rf"\[?{expect}[.)\]](\s|$)", later.strip()):
                expect += 1
                seen += 1
                if seen >= 3:
                    break
        if seen >= 3:
            # include a "References" heading just above, if any
            j = i - 1
            while j >= 0 and not lines[j][1].strip():
                j -= 1
            if j >= 0 and re.fullmatch(r"(references|bibliography)", lines[j][1].strip(), re.I):
                return j
            if _reads_as_references(lines[i:]):
                return i
            # a numbered list in the body ("Key points 1. ... 2. ... 3. ...") is prose, not the
            # reference list: keep looking further down
    return None


_REFERENCE_LIKE = re.compile(r"\b(?:19|20)\d{2}\b|\bet al\b|\bdoi\b|\bPMID\b", re.I)


def _reads_as_references(lines: list[tuple[int, str]], items: int = 3) -> bool:
    """Whether most of the first numbered items carry a year, "et al" or a DOI."""
    marker = re.compile(r"\[?(\d{1,4})[.)\]](?:\s|$)")
    texts: list[str] = []
    for _, line in lines:
        s = line.strip()
        if marker.match(s):
            if len(texts) == items:
                break
            texts.append(s)
        elif texts:
            texts[-1] += " " + s
    return sum(bool(_REFERENCE_LIKE.search(t)) for t in texts) * 2 > len(texts)


def parse_reference_list(lines: list[tuple[int, str]]) -> list[refs.Reference]:
    """Split the list at its numbers and parse each reference (both scrape layouts)."""
    out: list[refs.Reference] = []
    expect = 1
    cur_num, cur_lines = None, []
    marker = re.compile(r"^\[?(\d{1,4})[.)\]](?:\s+(.*))?$")

    def flush() -> None:
        if cur_num is None:
            return
        if len(cur_lines) == 1:
            out.append(refs.parse_reference(cur_num, cur_lines[0]))
        else:
            out.append(refs.parse_field_lines(cur_num, cur_lines))

    for _, line in lines:
        s = line.strip()
        m = marker.match(s)
        if m and int(m.group(1)) == expect:
            flush()
            cur_num, cur_lines = expect, [m.group(2)] if m.group(2) else []
            expect += 1
        elif cur_num is not None and s:
            cur_lines.append(s)
    flush()
    return out


# --------------------------------------------------------------------------- classify


def _is_heading(block: Block, nxt: Block | None) -> bool:
    if len(block.lines) != 1 or nxt is None:
        return False
    s = block.key
    if not s:  # a line of control characters only (U+001C-U+001F count as white space)
        return False
    r = rules()
    if len(s) > r["heading_max_chars"] or len(s.split()) > r["heading_max_words"]:
        return False
    if not s[0].isupper() and not s[0].isdigit():
        return False
    if s.endswith((".", ",", ";")) and not re.fullmatch(r"\d+(\.\d+)*\.?\s+\S.*", s):
        return False
    return not s.endswith(".") or bool(re.match(r"^\d", s))


#: cells separated by vertical bars, as scraped or markdown tables print them ("A | B | C")
_PIPE_CELLS = re.compile(r"\S\s+\|\s+\S|^\s*\|.*\|\s*$")


def _has_cells(line: str) -> bool:
    return any(c in line for c in CELL_SEPARATORS) or bool(_PIPE_CELLS.search(line))


def _cell_per_line(block: Block) -> bool:
    """A caption line ("Table 5. Selected sotorasib combination arms") over eight or more short
    lines without cell separators or full stops: a table flattened to one cell per line."""
    lines = [t.strip() for _, t in block.lines]
    if len(lines) < 9 or not re.match(r"(?:Table|Figure)\s+S?\d+", lines[0]) \
            or any(_has_cells(t) for t in lines):
        return False
    short = [t for t in lines[1:] if len(t.split()) <= 6 and not t.endswith(".")]
    return len(short) >= 0.8 * (len(lines) - 1)


def _is_table_body(block: Block) -> bool:
    if len(block.lines) < 2:
        return False
    with_cells = sum(1 for _, t in block.lines if _has_cells(t))
    return with_cells >= max(2, len(block.lines) // 2)


def _dedupe_repeated_rows(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], bool]:
    """A table printed twice in one block: keep the first copy."""
    n = len(lines)
    texts = [t.strip() for _, t in lines]
    for k in range(1, n // 2 + 1):
        if texts[:k] == texts[k: 2 * k] and (2 * k == n or k >= 2):
            return lines[:k] + lines[2 * k:], True
    return lines, False


def section_kind(title: str) -> str:
    t = title.strip().rstrip(":").strip().lower()
    for entry in rules()["section_kinds"]:
        if re.search(entry["pattern"], t):
            return entry["kind"]
    return "body"


def classify(blocks: list[Block]) -> list[Block]:
    """Label each block, drop interface strings and repeated figures/tables."""
    r = rules()
    boiler = set(r["boilerplate_lines"])
    label_re = re.compile(r["label_pattern"])
    seen_labels: set[tuple[str, str]] = set()
    seen_keys: set[str] = set()
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.key in boiler:
            i += 1
            continue
        m = label_re.match(b.key)
        if m:
            cap_key = nxt.key if nxt is not None else ""
            sig = (b.key, cap_key)
            if sig in seen_labels:  # the whole figure/table printed again
                i += 2
                while i < len(blocks) and (_is_table_body(blocks[i]) or blocks[i].key in boiler):
                    if blocks[i].key in boiler:
                        i += 1
                        continue
                    i += 1
                continue
            seen_labels.add(sig)
            kind = "table" if "Table" in m.group("kind") else "figure"
            b.kind, b.section_kind = "label", kind
            b.title = f"{'Table' if kind == 'table' else 'Figure'} {m.group('num')}"
            out.append(b)
            if nxt is not None:
                nxt.kind, nxt.section_kind = "caption", kind
                out.append(nxt)
                i += 2
                if kind == "table":
                    while i < len(blocks) and _is_table_body(blocks[i]):
                        body = blocks[i]
                        body.lines, _ = _dedupe_repeated_rows(body.lines)
                        body.kind, body.section_kind = "table", "table"
                        body.title = b.title
                        out.append(body)
                        i += 1
                    if i < len(blocks) and _FOOTNOTE.match(blocks[i].key):
                        blocks[i].kind, blocks[i].section_kind = "footnote", "table"
                        out.append(blocks[i])
                        i += 1
                continue
            i += 1
            continue
        if _is_table_body(b):
            b.lines, _ = _dedupe_repeated_rows(b.lines)
            b.kind, b.section_kind = "table", "table"
            out.append(b)
            i += 1
            continue
        if len(b.key) >= 40 and b.key in seen_keys:  # a paragraph printed twice
            i += 1
            continue
        seen_keys.add(b.key)
        if _is_heading(b, nxt):
            b.kind = "heading"
            b.title = b.key.rstrip(":").strip()
            b.section_kind = section_kind(b.title)
        else:
            for entry in r["paragraph_kinds"]:
                if re.search(entry["pattern"], b.key, re.I):
                    b.section_kind = entry["kind"]
                    break
        out.append(b)
        i += 1
    return out


# --------------------------------------------------------------------------- assemble


def _split_cells(row: str) -> tuple[str, ...]:
    if "\t" not in row and _PIPE_CELLS.search(row):
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
            return ()  # a markdown rule row ("|---|---|")
    else:
        cells = [c.strip() for c in row.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    pattern = _RUN_TOGETHER if len(cells) == 1 else _RUN_TOGETHER_PAREN
    split: list[str] = []
    for c in cells:
        parts = [p.strip() for p in pattern.split(c)]
        split.extend(p for p in parts if p) if len(parts) > 1 else split.append(c)
    cells = split
    return tuple(cells)


def assemble(raw: str, blocks: list[Block]) -> tuple[str, list[int], list[int], list[Section], list[Table]]:
    """Canonical text, its raw-offset map and steps, sections and tables."""
    out: list[str] = []
    raw_map: list[int] = []
    steps: list[int] = []
    sections: list[Section] = []
    tables: list[Table] = []
    r = rules()
    single = set(r["single_paragraph_headings"])
    # the document's own spellings decide a line-end hyphen ("cross-" / "talk" is "crosstalk" if
    # the text writes it so elsewhere)
    vocab = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", raw))

    cur_title, cur_kind, cur_start = "", "body", 0
    body_title, body_kind = "", "body"
    pending_single = False
    saw_heading = any(b.kind == "heading" for b in blocks)
    table_label, table_title, table_start, table_rows = "", "", 0, []

    def pos() -> int:
        return len(out)

    def open_section(title: str, kind: str) -> None:
        nonlocal cur_title, cur_kind, cur_start
        if pos() > cur_start:
            sections.append(Section(len(sections), cur_title, cur_kind, cur_start, pos()))
        cur_title, cur_kind, cur_start = title, kind, pos() + (2 if out else 0)

    def flush_table() -> None:
        nonlocal table_label, table_rows
        if table_label:
            tables.append(Table(len(tables), table_label, table_title, table_start, pos(),
                                tuple(table_rows)))
        table_label, table_rows = "", []

    def emit(lines: list[tuple[int, str]], joiner: str, cells: bool) -> None:
        if out:
            anchor = raw_map[-1] + 1 if raw_map else 0
            for ch in "\n\n":
                out.append(ch)
                raw_map.append(anchor)
                steps.append(0)
        prev = ""
        for li, (off, line) in enumerate(lines):
            src = line.replace("\u00a0", "\t").rstrip("\t ") if cells else line
            norm, idx = normalize(src)
            if joiner == " " and not cells:
                # ("resis- tance" inside a line: a line-end hyphenation whose line break became a space)
                for lo, hi in reversed(inline_breaks(norm, vocab)):
                    norm, idx = norm[:lo] + norm[hi:], idx[:lo] + idx[hi:]
            joined = join_lines(prev, norm, vocab) if li and joiner == " " else ""
            if li and joined == prev[:-1] + norm:
                # a word hyphenated at the line end, as text copied out of a PDF has it
                # ("cetuxi-" / "mab"): rejoined, its hyphen dropped
                out.pop()
                raw_map.pop()
                steps.pop()
            elif li and joined != prev + norm:
                # (a bulleted line keeps its line break: one sentence per bullet)
                sep = "\n" if joiner == " " and (norm.lstrip()[:1] in bullet_chars()
                                                  or _NUMBERED_ITEM.match(norm)) else joiner
                out.append(sep)
                raw_map.append(off - 1)
                steps.append(1 if sep == "\n" else 0)
            prev = norm
            out.extend(norm)
            raw_map.extend(off + k for k in idx)
            steps.extend([1] * len(norm))

    first_para = True
    for b in blocks:
        if b.kind == "heading":
            flush_table()
            kind = b.section_kind or "body"
            open_section(b.title, kind)
            pending_single = b.title.lower() in single
            if not pending_single:
                body_title, body_kind = b.title, kind
            emit(b.lines, " ", False)
            continue
        if b.kind == "label":
            flush_table()
            open_section(b.title, b.section_kind or "figure")
            emit(b.lines, " ", False)
            if b.section_kind == "table":
                table_label, table_start = b.title, pos() - len(b.key)
            continue
        if b.kind == "caption":
            if b.section_kind == "table":
                table_title = b.key
            emit(b.lines, " ", False)
            continue
        if b.kind == "table":
            if not table_label:
                flush_table()
                open_section(f"Table {len(tables) + 1}", "table")
                table_label, table_start = f"Table {len(tables) + 1}", pos()
            emit(b.lines, "\n", True)
            for _, line in b.lines:
                norm, _ = normalize(line.replace("\u00a0", "\t"))
                row = _split_cells(norm)
                if row:
                    table_rows.append(row)
            continue
        if b.kind == "footnote":
            emit(b.lines, " ", False)
            continue
        # paragraph
        flush_table()
        if cur_kind in ("figure", "table"):
            open_section(body_title, body_kind)
        if b.section_kind in ("disclosures", "acknowledgements") and cur_kind != b.section_kind:
            open_section(b.section_kind.capitalize(), b.section_kind)
        elif first_para and not sections and cur_title == "" and not b.section_kind:
            words = len(b.key.split())
            if saw_heading and words <= r["abstract_max_words"]:
                cur_title, cur_kind = "Abstract", "abstract"
        elif cur_kind == "abstract" and not pending_single:
            open_section("", "body")
            body_title, body_kind = "", "body"
        # a table printed one cell per line under its caption keeps its line breaks: each line is a
        # cell, and the relation stage reads the rows from them
        emit(b.lines, "\n" if _cell_per_line(b) else " ", False)
        first_para = False
        if pending_single:
            pending_single = False
            open_section(body_title, body_kind)
    flush_table()
    if pos() > cur_start:
        sections.append(Section(len(sections), cur_title, cur_kind, cur_start, pos()))
    return "".join(out), raw_map, steps, sections, tables


def read_text(data: bytes, doc_id: str, source_path: str, sha256: str) -> IngestedDocument:
    """Ingest one text document (already read as bytes)."""
    text, warnings = decode(data)
    lines = split_lines(text)
    ref_start = find_reference_list(lines)
    references = parse_reference_list(lines[ref_start:]) if ref_start is not None else []
    body_lines = lines[:ref_start] if ref_start is not None else lines
    blocks = classify(split_blocks(body_lines))
    if not blocks:
        raise IngestError("no text left after removing page furniture")
    canon, raw_map, steps, sections, tables = assemble(text, blocks)
    offset_map = OffsetMap.from_list(raw_map, steps)
    cites = cit.find_citations(canon, max_ref=len(references) or None)
    return IngestedDocument(
        doc_id=doc_id,
        source_path=source_path,
        sha256=sha256,
        format="text",
        text=canon,
        offset_map=offset_map,
        sections=tuple(sections),
        pages=(PageSpan(1, 0, len(canon)),),
        tables=tuple(tables),
        references=tuple(references),
        citations=tuple(cites),
        warnings=tuple(warnings),
    )
