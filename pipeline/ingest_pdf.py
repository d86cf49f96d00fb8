"""Ingest of PDF papers: layout-aware text, sections, tables and references.

The text layer is read with pypdfium2 (fast): each page's text comes out as lines
with their boxes, font size and weight. Then, in small pure functions:

* lines repeated at the same height on many pages (running headers and footers) and
  bare page numbers are dropped, and so is rotated margin text ("Downloaded from");
  a page whose text is mostly rotated (a landscape table) is kept in content order;
* two-column pages are read left column first (a vertical gutter in the lines' x
  coverage), full-width lines (titles, wide tables) split the page into bands; a line
  that pdfium ran across the gutter (columns written row by row) is cut at the gap;
* lines become blocks (paragraphs, headings, captions); line-end hyphens are rejoined
  unless the hyphen is real ("ARS-1620", "KRAS-mutant", "wild-type");
* tables on pages with a "Table N" caption are read from the page's ruling lines
  (pdfium path objects): a full grid cell by cell, a table with horizontal rules only
  (booktabs style) row by row with columns from the gaps between words. (pdfplumber's
  finder was measured at ~0.35 s a page, mostly its pdfminer parse: too slow here);
* the reference list is parsed into ``Reference`` records and kept out of the text.

The canonical text is the blocks joined by blank lines; a table is its caption line
then one line per row, cells separated by tabs. ``read_pdf`` is the entry point; bad
input raises ``IngestError`` with a message for the user.
"""

from __future__ import annotations

import ctypes
import json
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline import config
from pipeline.citations import find_citations
from pipeline.errors import IngestError, too_large
from pipeline.hyphenation import join_lines
from pipeline.ingest_text import bullet_chars
from pipeline.models import IngestedDocument, PageSpan, Reference, Section, Table
from pipeline.references import parse_reference
from pipeline.textnorm import normalize

BAND = 0.09  # top and bottom fraction of a page where running heads live
MAX_GRID_PATHS = 800  # more path objects than this is a vector figure, not a table grid
MIN_CHARS_PER_PAGE = 40  # below this on average, the PDF is scanned (a text page has ~3000)
#: "Table 1. Title", "Figure 2: ...", "TABLE 3 | ...", "Table 4 Title" - not "Table 1 shows"
_CAPTION = re.compile(
    r"^(?P<kind>Table|TABLE|Figure|FIGURE|Fig\.)\s+(?P<num>[0-9]+|[IVX]+)"
    r"(?:\s*[.:|]\s*|\s+(?=[A-Z])|\s*$)"
)
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)
_REF_START = re.compile(r"^\[?(\d{1,4})[.\])]?\s+\S")
@dataclass(frozen=True)
class Line:
    """One visual line of a page (PDF coordinates: y grows upwards)."""

    page: int
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float = 10.0
    bold: bool = False
    rows: tuple[tuple[str, ...], ...] | None = None  # set on a table placeholder
    rotated: bool = False  # vertical margin text ("Downloaded from ...")
    span: tuple[int, int] = (0, 0)  # pdfium char indices [start, end) on the page

    @property
    def baseline(self) -> float:
        return self.bottom + 0.2 * self.size


@dataclass
class Block:
    """Consecutive lines read as one unit: paragraph, heading, caption or table."""

    lines: list[Line]
    kind: str = "paragraph"  # paragraph | heading | caption | table
    text: str = ""
    label: str = ""
    marks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, page)


# --------------------------------------------------------------------------- loading


def check_bytes(data: bytes) -> None:
    """Raise IngestError when ``data`` cannot be a readable PDF."""
    limit = config.MAX_PDF_BYTES
    if len(data) > limit:
        raise too_large("PDF", len(data), limit, "KRAS_MAX_PDF_BYTES")
    if not data.strip():
        raise IngestError("file is empty (no PDF data in it)")
    if b"%PDF-" not in data[:1024]:
        raise IngestError("file is not a PDF (no %PDF- signature at its start)")
    tail = data[-2048:]
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise IngestError(
            "PDF is truncated (no end-of-file marker): the download or copy was cut short"
        )


def xref_damaged(data: bytes) -> bool:
    """True when the last ``startxref`` does not point at a cross-reference section."""
    found = list(re.finditer(rb"startxref\s+(\d+)", data[-4096:]))
    if not found:
        return True
    offset = int(found[-1].group(1))
    return not re.match(rb"\s*(xref|\d+\s+\d+\s+obj)", data[offset:offset + 64])


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open PDF bytes with pdfium; translate its failures into IngestError."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(
                "PDF is encrypted and needs a password to open; save an unprotected copy"
            ) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise IngestError("PDF uses an unsupported encryption scheme") from exc
        raise IngestError(f"PDF is damaged and cannot be read ({exc})") from exc
    if len(doc) > config.MAX_PDF_PAGES:
        n = len(doc)
        doc.close()
        raise IngestError(
            f"PDF has {n} pages, more than the {config.MAX_PDF_PAGES}-page limit for one paper"
        )
    return doc


# --------------------------------------------------------------------------- pdfium text


def _font(tp: pdfium.PdfTextPage, index: int, bold_by_font: dict[int, bool]) -> tuple[float, bool]:
    """Font size and boldness of character ``index`` (boldness cached per font)."""
    size = pdfium_c.FPDFText_GetFontSize(tp, index)
    obj = pdfium_c.FPDFText_GetTextObject(tp, index)
    font = ctypes.cast(pdfium_c.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value if obj else 0
    bold = bold_by_font.get(font or 0)
    if bold is None:
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        pdfium_c.FPDFText_GetFontInfo(tp, index, buf, 128, ctypes.byref(flags))
        name = buf.value.decode("latin-1").lower()
        weight = pdfium_c.FPDFText_GetFontWeight(tp, index)
        bold = weight >= 600 or any(w in name for w in ("bold", "black", "heavy"))
        if font:
            bold_by_font[font] = bold
    return float(size), bold


def read_page_lines(tp: pdfium.PdfTextPage, page: int, width: float) -> list[Line]:
    """The page's lines as pdfium segments them (``\ufffe`` marks a line-end hyphen).

    pdfium joins text on one baseline into one line even across a column gutter (when a
    PDF writes its two columns row by row), so wide lines are cut at wide gaps.
    """
    text = tp.get_text_range()
    if len(text) != tp.count_chars():  # inserted/excluded chars: read rect by rect
        return _rect_lines(tp, page)
    lines: list[Line] = []
    fonts: dict[int, bool] = {}
    probes = 8  # wide lines checked for a gutter; if none has one, the page has none
    for m in re.finditer(r"[^\r\n\ufffe]+\ufffe?", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        line = _make_line(tp, text, s, e, page, fonts)
        cuts = []
        if probes and line.x1 - line.x0 > 0.55 * width:
            cuts = _gutter_cuts(tp, text, line, width)
            probes = -1 if cuts else probes - 1  # -1: cut every wide line of this page
        if cuts:
            lines += [_make_line(tp, text, a, b, page, fonts)
                      for a, b in zip([s, *cuts], [*cuts, e], strict=True)]
        else:
            lines.append(line)
    return lines


def _make_line(tp: pdfium.PdfTextPage, text: str, s: int, e: int, page: int,
               fonts: dict[int, bool]) -> Line:
    """A Line for page characters ``[s, e)``, less leading and trailing spaces."""
    while s < e - 1 and text[s].isspace():
        s += 1
    while e > s + 1 and text[e - 1].isspace():
        e -= 1
    size, bold = _font(tp, s, fonts)
    if e - s > 1:  # a line is bold/large only if it ends so too (not a run-in heading)
        size_end, bold_end = _font(tp, e - 1, fonts)
        size, bold = min(size, size_end) or size, bold and bold_end
    x0, b0, _, t0 = tp.get_charbox(s)
    x1 = tp.get_charbox(e - 1)[2]
    size = size or max(t0 - b0, 1.0)
    baseline = _baseline(tp, s)
    angle = pdfium_c.FPDFText_GetCharAngle(tp, s)
    return Line(page, text[s:e].replace("\ufffe", "-"), x0, x1,
                baseline - 0.2 * size, baseline + 0.8 * size, size, bold,
                rotated=0.05 < angle < 2 * math.pi - 0.05, span=(s, e))


def _gutter_cuts(tp: pdfium.PdfTextPage, text: str, line: Line, width: float) -> list[int]:
    """Indices where a wide line jumps over a gap of 1.5 em or more in the page's middle."""
    s, e = line.span
    cuts = []
    k = text.find(" ", s, e)
    while k != -1:
        est = line.x0 + (k - s) / (e - s) * (line.x1 - line.x0)
        if 0.2 * width < est < 0.8 * width and s < k < e - 1:
            gap = tp.get_charbox(k + 1)[0] - tp.get_charbox(k - 1)[2]
            if gap > 1.5 * line.size:
                cuts.append(k + 1)
        k = text.find(" ", k + 1, e)
    return cuts


def _baseline(tp: pdfium.PdfTextPage, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(tp, index, ctypes.byref(x), ctypes.byref(y))
    return y.value


def _rect_lines(tp: pdfium.PdfTextPage, page: int) -> list[Line]:
    """Slower fallback: one line per pdfium text rectangle."""
    lines = []
    for i in range(tp.count_rects()):
        left, bottom, right, top = tp.get_rect(i)
        text = tp.get_text_bounded(left, bottom, right, top).replace("\x02", "-").strip()
        if text:
            lines.append(Line(page, text, left, right, bottom, top, top - bottom, False))
    return lines


def content_order(lines: list[Line]) -> list[Line]:
    """Lines of a rotated page, kept in content order: stacked one per block, marked
    ``rotated`` so that no running-head filter drops them."""
    return [replace(ln, x0=0.0, x1=0.5 * ln.size * len(ln.text), top=-2 * k * ln.size,
                    bottom=-(2 * k + 1) * ln.size, rotated=True)
            for k, ln in enumerate(lines)]


# --------------------------------------------------------------------------- tables


def path_boxes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Bounds (left, bottom, right, top) of the page's vector path objects."""
    boxes = []
    vals = [ctypes.c_float() for _ in range(4)]
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, i)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in vals))
            boxes.append(tuple(v.value for v in vals))
    return boxes


def _snap(values: list[float], tol: float = 3.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def ruled_grids(boxes: list[tuple[float, float, float, float]], thin: float = 2.5):
    """Table grids drawn with ruling lines or cell rectangles.

    Returns ``(xs, ys)`` per grid: column boundaries left to right and row boundaries top
    to bottom, each grid with at least two rows and two columns.
    """
    edges = []  # (left, bottom, right, top, is_vertical)
    for left, bottom, right, top in boxes:
        w, h = right - left, top - bottom
        if h <= thin < w:
            edges.append((left, bottom, right, top, False))
        elif w <= thin < h:
            edges.append((left, bottom, right, top, True))
        elif w > thin and h > thin:
            edges += [(left, bottom, right, bottom, False), (left, top, right, top, False),
                      (left, bottom, left, top, True), (right, bottom, right, top, True)]
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges.sort()
    for i, a in enumerate(edges):  # sweep: edges sorted by left x
        for j in range(i + 1, len(edges)):
            b = edges[j]
            if b[0] - 3 > a[2]:
                break
            if a[1] - 3 <= b[3] and b[1] - 3 <= a[3]:
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, e in enumerate(edges):
        groups.setdefault(find(i), []).append(e)
    grids = []
    for group in groups.values():
        xs = _snap([(e[0] + e[2]) / 2 for e in group if e[4]])
        ys = _snap([(e[1] + e[3]) / 2 for e in group if not e[4]])[::-1]
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append((xs, ys))
    return grids


def read_grid(tp: pdfium.PdfTextPage, xs: list[float], ys: list[float]) -> tuple:
    """Cell texts of a grid, row by row; empty rows are dropped."""
    rows = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        cells = tuple(
            " ".join(tp.get_text_bounded(left, bottom, right, top).split())
            for left, right in zip(xs, xs[1:], strict=False)
        )
        if any(cells):
            rows.append(cells)
    return tuple(rows)


def rule_tables(
    tp: pdfium.PdfTextPage, boxes: list[tuple[float, float, float, float]],
    lines: list[Line], number: int,
) -> list[Line]:
    """Tables drawn with horizontal rules only (booktabs style): rows are the text lines
    between the first and last rule, columns the x gaps between words of the body rows."""
    found = []
    for x0, x1, ys in rule_groups(boxes):
        inside = [ln for ln in lines if ln.x0 >= x0 - 2 and ln.x1 <= x1 + 2
                  and ys[-1] < ln.baseline < ys[0] and ln.span[1] > ln.span[0]]
        if len(inside) < 2:
            continue
        bands: list[list[Line]] = []  # lines sharing a baseline form one table row
        for ln in sorted(inside, key=lambda ln: (-ln.baseline, ln.x0)):
            if bands and bands[-1][0].baseline - ln.baseline < 0.3 * ln.size:
                bands[-1].append(ln)
            else:
                bands.append([ln])
        words = [sorted(w for ln in band for w in _words(tp, ln)) for band in bands]
        body = [w for band, ws in zip(bands, words, strict=True) for w in ws
                if len(ys) < 3 or band[0].baseline < ys[1]]
        columns = column_spans(body or [w for ws in words for w in ws], inside[0].size)
        rows: list[list[str]] = []
        rule_of = [sum(1 for y in ys if y > band[0].baseline) for band in bands]
        for k, ws in enumerate(words):
            cells = [" ".join(t for a, b, t in ws if _column_of((a + b) / 2, columns) == c)
                     for c in range(len(columns))]
            if rows and not cells[0] and rule_of[k] == rule_of[k - 1]:  # a wrapped cell
                rows[-1] = [f"{p} {q}".strip() for p, q in zip(rows[-1], cells, strict=True)]
            else:
                rows.append(cells)
        if len(rows) >= 2 and len(columns) >= 2:
            found.append(Line(number, "", x0, x1, ys[-1], ys[0],
                              rows=tuple(tuple(r) for r in rows)))
    return found


def rule_groups(boxes: list[tuple[float, float, float, float]]):
    """Horizontal rules with the same extent: ``(x0, x1, ys top-down)``, two or more rules."""
    pieces = sorted((round((b + t) / 2), left, right) for left, b, right, t in boxes
                    if t - b <= 2.5 and right - left > 20)
    rules: list[list[float]] = []  # segments at one height joined into [y, x0, x1]
    for y, left, right in pieces:
        if rules and abs(rules[-1][0] - y) <= 1 and left <= rules[-1][2] + 3:
            rules[-1][2] = max(rules[-1][2], right)
        else:
            rules.append([y, left, right])
    groups: list[tuple[float, float, list[float]]] = []
    for y, left, right in rules:
        if right - left < 50:
            continue
        for x0, x1, ys in groups:
            if abs(x0 - left) <= 6 and abs(x1 - right) <= 6:
                ys.append(y)
                break
        else:
            groups.append((left, right, [y]))
    return [(x0, x1, sorted(ys, reverse=True)) for x0, x1, ys in groups if len(ys) >= 2]


def _words(tp: pdfium.PdfTextPage, line: Line) -> list[tuple[float, float, str]]:
    """Words of a line with their x extents (split at spaces and at wide gaps)."""
    text = tp.get_text_range(line.span[0], line.span[1] - line.span[0])
    words: list[list] = []
    for k, ch in enumerate(text):
        if ch.isspace():
            words.append([])
            continue
        left, _, right, _ = tp.get_charbox(line.span[0] + k)
        if words and words[-1] and left - words[-1][1] < 0.5 * line.size:
            words[-1][1] = right
            words[-1][2] += ch
        else:
            words.append([left, right, ch])
    return [(a, b, t) for a, b, t in (w for w in words if w)]


def column_spans(words: list[tuple[float, float, str]], size: float) -> list[tuple[float, float]]:
    """Column extents: word extents merged where the gap is under one em."""
    spans: list[list[float]] = []
    for left, right, _ in sorted(words):
        if spans and left - spans[-1][1] < size:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    return [(a, b) for a, b in spans]


def _column_of(x: float, columns: list[tuple[float, float]]) -> int:
    return min(range(len(columns)), key=lambda c: 0 if columns[c][0] <= x <= columns[c][1]
               else min(abs(x - columns[c][0]), abs(x - columns[c][1])))


def page_tables(
    page: pdfium.PdfPage, tp: pdfium.PdfTextPage, lines: list[Line], number: int
) -> list[Line]:
    """Table placeholders (a Line whose ``rows`` are set) for one captioned page; a
    table must have its "Table N" caption just above or below it (page frames, header
    and footnote rules are not tables)."""
    boxes = path_boxes(page)
    found: list[Line] = []
    grids = ruled_grids(boxes) if len(boxes) <= MAX_GRID_PATHS else []  # vector figure
    for xs, ys in grids:
        rows = read_grid(tp, xs, ys)
        filled = sum(1 for row in rows for cell in row if cell)
        if len(rows) >= 2 and filled >= 0.5 * len(rows) * len(rows[0]):  # not a chart
            found.append(Line(number, "", xs[0], xs[-1], ys[-1], ys[0], rows=rows))
    if not found:
        found = rule_tables(tp, boxes, lines, number)
    captions = [ln for ln in lines if _CAPTION.match(ln.text) and ln.text[0] in "tT"]
    return [t for t in found if any(_captions_table(c, t) for c in captions)]


def _captions_table(caption: Line, table: Line) -> bool:
    """Is ``caption`` just above or just below ``table`` and over the same columns?"""
    overlap = min(caption.x1, table.x1) - max(caption.x0, table.x0) > 0
    above = 0 <= caption.bottom - table.top <= 6 * caption.size
    below = 0 <= table.bottom - caption.top <= 6 * caption.size
    return overlap and (above or below)


def drop_covered(lines: list[Line], tables: list[Line]) -> list[Line]:
    """Lines outside every table box, plus the tables themselves (each once)."""
    def inside(ln: Line, t: Line) -> bool:
        cx, cy = (ln.x0 + ln.x1) / 2, (ln.bottom + ln.top) / 2
        return t.x0 - 2 <= cx <= t.x1 + 2 and t.bottom - 2 <= cy <= t.top + 2

    kept = [ln for ln in lines if not any(inside(ln, t) for t in tables)]
    return kept + tables


# --------------------------------------------------------------------------- layout


def running_keys(pages: list[list[Line]], heights: list[float]) -> set[tuple[str, int]]:
    """(text shape, height) keys of lines repeated in the top/bottom band of many pages."""
    counts: Counter[tuple[str, int]] = Counter()
    for lines, h in zip(pages, heights, strict=True):
        keys = {_band_key(ln) for ln in lines if _in_band(ln, h) and not ln.rotated}
        counts.update(keys)
    need = max(2, math.ceil(0.4 * len(pages)))
    return {k for k, c in counts.items() if c >= need}


def _band_key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split())), round(line.baseline / 4)


def _in_band(line: Line, height: float) -> bool:
    return line.bottom > (1 - BAND) * height or line.top < BAND * height


def drop_running(lines: list[Line], height: float, keys: set[tuple[str, int]]) -> list[Line]:
    """Remove running headers/footers and bare page numbers from one page."""
    return [
        ln for ln in lines
        if ln.rows is not None or ln.rotated or not _in_band(ln, height)
        or (_band_key(ln) not in keys and not _PAGE_NUMBER.match(ln.text.strip()))
    ]


def find_gutter(lines: list[Line], width: float) -> tuple[float, float] | None:
    """The empty vertical strip between two columns, if the page has two columns.

    Only column-wide lines count (full-width titles and tables may cross the gutter):
    the widest strip in the middle half of the page that none of them (or hardly any)
    covers, with enough lines on each side.
    """
    narrow = [ln for ln in lines if ln.x1 - ln.x0 < 0.55 * width]
    if len(narrow) < 6 or len(narrow) < 0.5 * len(lines):
        return None
    cover = [0] * (int(width) + 2)
    for ln in narrow:
        a = min(max(0, int(ln.x0)), len(cover) - 1)  # text may lie off the page
        b = min(max(a, int(ln.x1) + 1), len(cover) - 1)
        cover[a] += 1
        cover[b] -= 1
    level, run, best = 0, None, None
    low = len(narrow) // 40
    for x in range(len(cover)):
        level += cover[x]
        if 0.25 * width <= x <= 0.75 * width and level <= low:
            run = (run[0], x) if run else (x, x)
            if best is None or run[1] - run[0] > best[1] - best[0]:
                best = run
        else:
            run = None
    if not best or best[1] - best[0] < 6:
        return None
    left = sum(1 for ln in narrow if ln.x1 <= best[0] + 1)
    right = sum(1 for ln in narrow if ln.x0 >= best[1] - 1)
    enough = min(left, right) >= max(2, 0.15 * len(narrow))
    return (float(best[0]), float(best[1])) if enough else None


def reading_order(lines: list[Line], gutter: tuple[float, float] | None) -> list[list[Line]]:
    """Lines as column segments in reading order; full-width lines split bands."""
    rows = sorted(lines, key=lambda ln: (-ln.top, ln.x0))
    if gutter is None:
        return [merge_rows(rows)] if rows else []
    segments: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []
    for ln in rows:
        if ln.x1 <= gutter[1] + 1:
            left.append(ln)
        elif ln.x0 >= gutter[0] - 1:
            right.append(ln)
        else:
            segments += [merge_rows(s) for s in (left, right) if s]
            segments.append([ln])
            left, right = [], []
    segments += [merge_rows(s) for s in (left, right) if s]
    return segments


def merge_rows(lines: list[Line]) -> list[Line]:
    """Merge pieces of one visual line (same height band) into a single Line."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        overlap = prev and min(prev.top, ln.top) - max(prev.bottom, ln.bottom)
        if prev and prev.rows is None and ln.rows is None and overlap > 0.5 * min(
            prev.top - prev.bottom, ln.top - ln.bottom
        ):
            a, b = sorted((prev, ln), key=lambda x: x.x0)
            out[-1] = replace(a, text=f"{a.text} {b.text}", x1=max(a.x1, b.x1),
                              bottom=min(a.bottom, b.bottom), top=max(a.top, b.top))
        else:
            out.append(ln)
    return out


# --------------------------------------------------------------------------- blocks


def build_blocks(
    segments: list[list[Line]], body_size: float, pitch: float, vocab: frozenset[str]
) -> list[Block]:
    """Group lines into blocks; a paragraph may continue across columns and pages."""
    blocks: list[Block] = []
    for seg in segments:
        edges = _column_edges(seg)
        prev: Line | None = None
        for ln in seg:
            cur = blocks[-1] if blocks else None
            if ln.rows is not None:
                blocks.append(Block([ln], "table"))
                prev = None
                continue
            style = _style(ln, body_size)
            if prev is None:  # first line of a column segment: continue an open sentence?
                new = not (
                    cur and cur.kind == "paragraph" and style == "body"
                    and not re.search(r"[.!?:]$", cur.lines[-1].text) and ln.text[:1].islower()
                )
            else:
                new = cur.kind == "heading" or starts_block(prev, ln, body_size, pitch, edges)
            if new:
                kind = "caption" if _CAPTION.match(ln.text) else (
                    "heading" if style == "heading" else "paragraph")
                blocks.append(Block([ln], kind))
            else:
                cur.lines.append(ln)
            prev = ln
    for b in blocks:
        _finish(b, vocab)
        if b.kind == "paragraph" and len(b.lines) <= 2 and section_kind(b.text) != "body":
            b.kind = "heading"
        if b.kind == "heading" and (len(b.text) > 120 or len(b.lines) > 3):
            b.kind = "paragraph"
    return blocks


def _column_edges(seg: list[Line]) -> tuple[float, float, bool]:
    """Left edge (most common x0), right edge and whether the column is justified."""
    text = [ln for ln in seg if ln.rows is None]
    if not text:
        return 0.0, 0.0, False
    left = Counter(round(ln.x0) for ln in text).most_common(1)[0][0]
    right = max(ln.x1 for ln in text)
    flush = sum(1 for ln in text if ln.x1 >= right - 2)
    return left, right, len(text) >= 4 and flush >= 0.5 * len(text)


def starts_block(
    prev: Line, ln: Line, body_size: float, pitch: float, edges: tuple[float, float, bool]
) -> bool:
    """Does ``ln`` start a new block after ``prev`` in the same column?

    Yes after a vertical gap, at a change of style, at a caption or a heading's text, at
    an indented first line, or after a short last line in a justified column.
    """
    gap = prev.baseline - ln.baseline
    if ln.rotated or gap > 1.45 * pitch or gap < 0:
        return True
    if _style(prev, body_size) != _style(ln, body_size):
        return True
    if _is_heading_text(ln.text) or _is_heading_text(prev.text):
        return True
    if not re.search(r"[.!?:]$", prev.text):
        return False
    if _CAPTION.match(ln.text):
        return True
    left, right, justified = edges
    indent = ln.x0 - left
    return 0.8 * ln.size < indent < 6 * ln.size or (justified and prev.x1 < right - 3 * ln.size)


def _is_heading_text(text: str) -> bool:
    """A short line that names a known section ("References", "2. Methods")."""
    return len(text) <= 40 and not text.endswith(".") and section_kind(text) != "body"


def _style(line: Line, body_size: float) -> str:
    big = line.size >= body_size + 0.8
    short = len(line.text) <= 100 and not line.text.rstrip().endswith(".")
    return "heading" if (big or line.bold) and short else "body"


def _finish(block: Block, vocab: frozenset[str]) -> None:
    """Set a block's text (lines joined, de-hyphenated) and page marks."""
    if block.kind == "table":
        return
    text = ""
    for ln in block.lines:
        if text and ln.text.lstrip()[:1] in bullet_chars():
            text = f"{text}\n{ln.text}"  # a bulleted line keeps its line break: a sentence of its own
        else:
            text = join_lines(text, ln.text, vocab) if text else ln.text
        if not block.marks or block.marks[-1][1] != ln.page:
            block.marks.append((len(text) - len(ln.text), ln.page))
    block.text = text


@lru_cache(maxsize=1)
def _section_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = json.loads((config.DATA_DIR / "ingest_rules.json").read_text(encoding="utf-8"))
    return tuple((re.compile(e["pattern"]), e["kind"]) for e in rules["section_kinds"])


@lru_cache(maxsize=4096)
def section_kind(title: str) -> str:
    """Kind of a section from its heading ("2. Results" -> results), else "body"."""
    t = re.sub(r"^[0-9.]+\s*", "", title.strip().rstrip(":").strip().lower())
    for pattern, kind in _section_patterns():
        if pattern.search(t):
            return kind
    return "body"


# --------------------------------------------------------------------------- references


def split_references(blocks: list[Block], vocab: frozenset[str]) -> list[Reference]:
    """Numbered references from the reference-list blocks (one per block if unnumbered)."""
    entries: list[tuple[int, str]] = []
    for b in blocks:
        for ln in b.lines:
            m = _REF_START.match(ln.text)
            n = int(m.group(1)) if m else None
            if n is not None and (not entries and n <= 2 or entries and n == entries[-1][0] + 1):
                entries.append((n, ln.text))
            elif entries:
                entries[-1] = (entries[-1][0], join_lines(entries[-1][1], ln.text, vocab))
    if not entries:
        entries = [(i, b.text) for i, b in enumerate(blocks, start=1) if b.text]
    return [parse_reference(n, text) for n, text in entries]


# --------------------------------------------------------------------------- assembly


def _table_record(block: Block, caption: Block | None) -> tuple[str, str, str]:
    """Label, title and canonical text (caption line, then tab-separated rows)."""
    label, title = "Table", ""
    if caption is not None:
        m = _CAPTION.match(caption.text)
        label = f"Table {m.group('num')}"
        title = caption.text[m.end():].strip()
    head = f"{label}. {title}" if title else label
    rows = block.lines[0].rows or ()
    return label, title, "\n".join([head, *("\t".join(r) for r in rows)])


def pair_captions(blocks: list[Block]) -> dict[int, int]:
    """Map table block index -> index of its "Table N" caption block (just before/after)."""
    pairs: dict[int, int] = {}
    for i, b in enumerate(blocks):
        if b.kind != "table":
            continue
        for j in (i - 1, i + 1):
            if (0 <= j < len(blocks) and blocks[j].kind == "caption"
                    and blocks[j].text.lower().startswith("table")
                    and j not in pairs.values()):
                pairs[i] = j
                break
    return pairs


def assemble(blocks: list[Block], n_pages: int, vocab: frozenset[str]):
    """Canonical text, page spans, sections, tables and references from the blocks."""
    parts: list[str] = []
    first_at: dict[int, int] = {}
    sections: list[Section] = []
    tables: list[Table] = []
    ref_blocks: list[Block] = []
    captions = pair_captions(blocks)
    consumed = set(captions.values())
    current, sec_start, in_refs = ("", "body"), 0, False
    pos = 0

    def close(end: int) -> None:
        if end > sec_start:
            sections.append(Section(len(sections), current[0], current[1], sec_start, end))

    for i, b in enumerate(blocks):
        kind = section_kind(b.text) if b.kind == "heading" else None
        if in_refs and kind not in (None, "body", "references"):
            in_refs = False
        elif kind == "references" or in_refs:
            in_refs = True
            if b.kind != "heading":
                ref_blocks.append(b)
            continue
        if i in consumed:
            continue
        start = pos + (2 if parts else 0)
        if b.kind == "table":
            cap = blocks[captions[i]] if i in captions else None
            label, title, b.text = _table_record(b, cap)
            b.marks = [(0, b.lines[0].page)]
            tables.append(Table(len(tables), label, title, start, start + len(b.text),
                                b.lines[0].rows or (), b.lines[0].page))
        if b.kind in ("heading", "table", "caption"):
            close(start)
            sec_start = start
            if b.kind == "heading":
                current = (b.text, kind or "body")
        parts.append(b.text)
        for off, page in b.marks:
            first_at.setdefault(page, start + off)
        pos = start + len(b.text)
        if b.kind in ("table", "caption"):  # its own section; the text around resumes after
            title = tables[-1].label if b.kind == "table" else _CAPTION.match(b.text).group(0)
            kind = "table" if b.text[:1] in "tT" else "figure"
            sections.append(Section(len(sections), title.strip(" .:|"), kind, start, pos))
            sec_start = pos + 2
    text = "\n\n".join(parts)
    close(len(text))
    return text, page_spans(first_at, n_pages, len(text)), tuple(sections), tuple(tables), \
        split_references(ref_blocks, vocab)


def page_spans(first_at: dict[int, int], n_pages: int, length: int) -> tuple[PageSpan, ...]:
    """Contiguous spans: a page runs from its first character to the next page's first."""
    spans, prev_end = [], 0
    for p in range(1, n_pages + 1):
        start = first_at.get(p, prev_end)
        end = next((first_at[q] for q in range(p + 1, n_pages + 1) if q in first_at), length)
        spans.append(PageSpan(p, start, max(start, end)))
        prev_end = max(start, end)
    return tuple(spans)


# --------------------------------------------------------------------------- entry point


def _normalise_line(line: Line) -> Line:
    """Unicode-normalise a line (textnorm); a line-end soft hyphen becomes "-" first."""
    if line.text.isascii() and line.text.isprintable():
        return line
    text = re.sub("[\u00ad\u2010\u2011]$", "-", line.text)
    return replace(line, text=normalize(text)[0].strip())


def read_pdf(path: Path, doc_id: str, sha256: str, data: bytes | None = None) -> IngestedDocument:
    """Read a PDF paper into an IngestedDocument (format "pdf", no offset map).

    Raises IngestError for a missing, empty, non-PDF, truncated, damaged, encrypted,
    oversized or image-only (needs OCR) file; no other exception escapes for bad input.
    """
    path = Path(path)
    if data is None:  # called directly; the ingest stage passes the bytes it already read
        try:
            size = path.stat().st_size
            if size > config.MAX_PDF_BYTES:
                raise too_large("PDF", size, config.MAX_PDF_BYTES, "KRAS_MAX_PDF_BYTES")
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc
    check_bytes(data)
    doc = open_pdf(data)
    warnings: list[str] = []
    if xref_damaged(data):
        warnings.append("the PDF's cross-reference table is damaged; pdfium rebuilt it")
    try:
        pages, heights, widths = _read_pages(doc, warnings)
        _check_text_layer(pages, warnings)
        blocks, vocab = layout(pages, heights, widths)
        text, spans, sections, tables, references = assemble(blocks, len(pages), vocab)
    except IngestError:
        raise
    except Exception as exc:  # a malformed file must not crash the run
        raise IngestError(f"PDF could not be laid out ({type(exc).__name__}: {exc})") from exc
    finally:
        doc.close()
    return IngestedDocument(
        doc_id=doc_id, source_path=str(path), sha256=sha256, format="pdf", text=text,
        offset_map=None, sections=sections, pages=spans, tables=tables,
        references=tuple(references),
        citations=tuple(find_citations(text, len(references) or None)),
        warnings=tuple(warnings),
    )


def _check_text_layer(pages: list[list[Line]], warnings: list[str]) -> None:
    """Raise for a scanned PDF (almost no text); warn about pages without text."""
    chars = sum(len(ln.text) for lines in pages for ln in lines)
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        raise IngestError(
            f"PDF has no usable text layer ({chars} characters on {len(pages)} page(s)): "
            "it looks scanned or image-only and needs OCR before ingest"
        )
    empty = [i + 1 for i, lines in enumerate(pages) if not lines]
    if empty:
        warnings.append(f"pages without a text layer (scanned? needs OCR): {empty}")


def layout(
    pages: list[list[Line]], heights: list[float], widths: list[float]
) -> tuple[list[Block], frozenset[str]]:
    """Drop running heads, order columns, group blocks; also return the word vocabulary."""
    keys = running_keys(pages, heights)
    segments: list[list[Line]] = []
    sizes: Counter[float] = Counter()
    pitches: list[float] = []
    for lines, h, w in zip(pages, heights, widths, strict=True):
        lines = drop_running(lines, h, keys)
        text_lines = [ln for ln in lines if ln.rows is None]
        sizes.update({round(ln.size, 1): len(ln.text) for ln in text_lines})
        for seg in reading_order(lines, find_gutter(text_lines, w)):
            segments.append(seg)
            pitches += [a.baseline - b.baseline for a, b in zip(seg, seg[1:], strict=False)
                        if a.rows is None and b.rows is None and not a.rotated
                        and abs(a.size - b.size) < 0.1]
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pitch = statistics.median([p for p in pitches if p > 0] or [1.2 * body])
    words = " ".join(ln.text for seg in segments for ln in seg if ln.rows is None)
    vocab = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", words))
    return build_blocks(segments, body, pitch, vocab), vocab


def _read_pages(doc: pdfium.PdfDocument, warnings: list[str]):
    """Lines (tables included) of every page, with page heights and widths."""
    pages: list[list[Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    rotated = 0
    for i in range(len(doc)):
        lines: list[Line] = []
        height, width = 792.0, 612.0
        try:
            page = doc[i]
            height, width = page.get_height(), page.get_width()
            tp = page.get_textpage()
            lines = [_normalise_line(ln) for ln in read_page_lines(tp, i + 1, width)]
            lines = [ln for ln in lines if ln.text]
            turned = [ln for ln in lines if ln.rotated]
            if len(turned) > len(lines) / 2:
                warnings.append(f"page {i + 1}: text is rotated (landscape table or figure?); "
                                "read in content order, one line per paragraph")
                lines = content_order(lines)
            else:
                rotated += len(turned)
                lines = [ln for ln in lines if not ln.rotated]
            if any(_CAPTION.match(ln.text) and ln.text[0] in "tT" for ln in lines):
                lines = drop_covered(lines, page_tables(page, tp, lines, i + 1))
        except pdfium.PdfiumError as exc:
            warnings.append(f"page {i + 1} could not be read ({exc})")
        pages.append(lines)
        heights.append(height)
        widths.append(width)
    if rotated:
        warnings.append(f"{rotated} rotated text line(s) left out (margin notes)")
    return pages, heights, widths
