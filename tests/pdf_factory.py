"""Build small paper-like PDFs with fpdf2 at test time (no binary fixtures are committed).

A page is described as columns of blocks; the factory lays them out with core fonts,
draws a running header and footer on request, and returns the path it wrote.
Blocks:

* ``Heading("Results")`` - bold, larger font;
* ``Para("text ...")`` - wrapped to the column width (long words may be hyphenated);
* ``Lines(["KRAS inhibi-", "tion ..."])`` - written verbatim, one line each (for
  exact control of line-end hyphens);
* ``TableBlock("Table 1", "Title", rows)`` - a caption line and a ruled table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

PAGE_W = 210.0
PAGE_H = 297.0
MARGIN = 18.0
GUTTER = 8.0
BODY_SIZE = 9.5
LINE_H = 4.6


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = 12.0


@dataclass(frozen=True)
class Para:
    """A paragraph; ``indent`` (mm) indents its first line, ``gap`` adds space after it."""

    text: str
    indent: float = 0.0
    gap: bool = True


@dataclass(frozen=True)
class Lines:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class TableBlock:
    """A caption line and a table; ``borders`` is an fpdf2 TableBordersLayout name, or
    "BOOKTABS" for three horizontal rules (top, under the header, bottom) and no others."""

    label: str
    title: str
    rows: tuple[tuple[str, ...], ...]
    borders: str = "ALL"


Block = Heading | Para | Lines | TableBlock


@dataclass
class PageSpec:
    """One page: a list of columns (one or two), each a list of blocks."""

    columns: list[list[Block]] = field(default_factory=list)
    full_width_top: list[Block] = field(default_factory=list)


def _wrap(pdf: FPDF, text: str, width: float, hyphenate: bool) -> list[str]:
    """Greedy word wrap; a long word that does not fit may be split with a hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        if hyphenate and len(word) >= 9 and word.isalpha() and word.islower():
            cut = len(word) // 2
            head = f"{current} {word[:cut]}-" if current else f"{word[:cut]}-"
            if pdf.get_string_width(head) <= width:
                lines.append(head)
                current = word[cut:]
                continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def _draw_blocks(
    pdf: FPDF, blocks: Sequence[Block], x: float, y: float, width: float, hyphenate: bool
) -> float:
    family = "Body" if "body" in pdf.fonts else "Helvetica"
    """Draw ``blocks`` in a column starting at (x, y); return the y after the last one."""
    for block in blocks:
        if isinstance(block, Heading):
            pdf.set_font(family, "B", block.size)
            y += 2.0
            pdf.text(x, y + 4.0, block.text)
            y += 7.0
        elif isinstance(block, Para | Lines):
            pdf.set_font(family, "", BODY_SIZE)
            indent, gap = 0.0, True
            if isinstance(block, Para):
                indent, gap = block.indent, block.gap
                lines = _wrap(pdf, block.text, width - indent, hyphenate)
            else:
                lines = list(block.lines)
            for i, line in enumerate(lines):
                pdf.text(x + (indent if i == 0 else 0.0), y + 3.5, line)
                y += LINE_H
            y += LINE_H * 0.9 if gap else 0.0
        elif isinstance(block, TableBlock):
            pdf.set_font("Helvetica", "B", BODY_SIZE)
            pdf.text(x, y + 3.5, f"{block.label}. {block.title}")
            y += LINE_H + 1.5
            pdf.set_font("Helvetica", "", BODY_SIZE - 1)
            pdf.set_xy(x, y)
            booktabs = block.borders == "BOOKTABS"
            with pdf.table(width=width, align="LEFT", line_height=LINE_H, padding=(0.5, 2),
                           text_align="LEFT", v_align="TOP",
                           borders_layout="NONE" if booktabs else block.borders) as table:
                for row in block.rows:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            if booktabs:  # top rule, rule under the header row, bottom rule
                row_h = (pdf.get_y() - y) / len(block.rows)
                for rule_y in (y, y + row_h, pdf.get_y()):
                    pdf.line(x, rule_y, x + width, rule_y)
            y = pdf.get_y() + LINE_H
    return y


def build_pdf(
    path: Path,
    pages: Sequence[PageSpec],
    header: str | None = None,
    page_numbers: bool = False,
    footer: str | None = None,
    hyphenate: bool = False,
    font: Path | None = None,
    margin_note: str | None = None,
    page_rules: bool = False,
) -> Path:
    """Write ``pages`` to ``path`` and return it.

    ``font`` (a TrueType file) replaces Helvetica for body text, for non-Latin-1 text;
    ``margin_note`` is written rotated up the left margin of every page; ``page_rules``
    draws a full-width rule under the header and another above the footer.
    """
    pdf = FPDF(unit="mm", format="A4")
    if font is not None:
        pdf.add_font("Body", "", str(font))
        pdf.add_font("Body", "B", str(font))
        pdf.add_font("Body", "I", str(font))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    for number, spec in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", "I", 8)
            pdf.text(MARGIN, 10, header)
        if footer:
            pdf.set_font("Helvetica", "", 8)
            pdf.text(MARGIN, PAGE_H - 8, footer)
        if page_rules:
            pdf.line(MARGIN, 13, PAGE_W - MARGIN, 13)
            pdf.line(MARGIN, PAGE_H - 14, PAGE_W - MARGIN, PAGE_H - 14)
        if margin_note:
            pdf.set_font("Helvetica", "", 7)
            with pdf.rotation(90, 8, PAGE_H - 40):
                pdf.text(8, PAGE_H - 40, margin_note)
        if page_numbers:
            pdf.set_font("Helvetica", "", 8)
            pdf.text(PAGE_W / 2, PAGE_H - 8, str(number))
        full = PAGE_W - 2 * MARGIN
        y = _draw_blocks(pdf, spec.full_width_top, MARGIN, MARGIN + 2, full, hyphenate)
        if len(spec.columns) == 1:
            _draw_blocks(pdf, spec.columns[0], MARGIN, y, full, hyphenate)
        else:
            col_w = (full - GUTTER) / 2
            for i, column in enumerate(spec.columns[:2]):
                _draw_blocks(pdf, column, MARGIN + i * (col_w + GUTTER), y, col_w, hyphenate)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def build_row_interleaved_pdf(path: Path, left: Sequence[str], right: Sequence[str]) -> Path:
    """Two columns written row by row (left line, then the right line on the same
    baseline), as some producers do: the content order is not the reading order."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", BODY_SIZE)
    col_w = (PAGE_W - 2 * MARGIN - GUTTER) / 2
    for i in range(max(len(left), len(right))):
        y = MARGIN + 5 + i * LINE_H
        for x, lines in ((MARGIN, left), (MARGIN + col_w + GUTTER, right)):
            if i < len(lines):
                pdf.text(x, y, lines[i])
    pdf.output(str(path))
    return path


def build_rotated_content_pdf(path: Path, first: str, turned: Sequence[str]) -> Path:
    """Page 1 with one normal line; page 2 with ``turned`` lines drawn rotated by 90
    degrees (a landscape table set on a portrait page)."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_font("Helvetica", "", BODY_SIZE)
    pdf.add_page()
    pdf.text(MARGIN, 30, first)
    pdf.add_page()
    with pdf.rotation(90, PAGE_W / 2, PAGE_H / 2):
        for i, line in enumerate(turned):
            pdf.text(40, 100 + i * LINE_H, line)
    pdf.output(str(path))
    return path


def build_encrypted_pdf(path: Path) -> Path:
    """A one-page PDF that needs a user password to open."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.text(20, 30, "Confidential KRAS G12C results.")
    pdf.output(str(path))
    return path


def build_image_only_pdf(path: Path, n_pages: int = 2, stamp: str | None = None) -> Path:
    """Pages with drawings but no text layer (like a scan); ``stamp`` adds one text line."""
    pdf = FPDF()
    for _ in range(n_pages):
        pdf.add_page()
        pdf.set_fill_color(120, 120, 120)
        pdf.rect(20, 20, 170, 250, style="F")
        if stamp:
            pdf.set_font("Helvetica", "", 7)
            pdf.text(20, 290, stamp)
    pdf.output(str(path))
    return path


# --------------------------------------------------------------------------- realistic paper

_SENTENCES = (
    "Sotorasib and adagrasib covalently bind the switch-II pocket of KRAS G12C.",
    "Adaptive feedback reactivation of EGFR and SHP2 restores MAPK signalling within days.",
    "In NCI-H358 cells, combined treatment with TNO155 delayed the rebound of pERK.",
    "Acquired KRAS Y96D mutations confer resistance to both ARS-1620 and MRTX849.",
    "Patients with colorectal cancer showed lower response rates than those with NSCLC.",
    "Histologic transformation from adenocarcinoma to squamous cell carcinoma was observed.",
    "These observations suggest that vertical inhibition of the pathway may be required.",
    "Co-mutations in STK11 and KEAP1 were associated with shorter progression-free survival.",
    "The combination of cetuximab with sotorasib produced durable regressions in xenografts.",
    "Nongenetic mechanisms, including epithelial-to-mesenchymal transition, were described.",
)


def paper_paragraph(seed: int, n_sentences: int = 5) -> str:
    """A deterministic paragraph of domain-like sentences with a citation."""
    parts = [_SENTENCES[(seed + i * 3) % len(_SENTENCES)] for i in range(n_sentences)]
    parts[-1] = parts[-1][:-1] + f" ({seed % 39 + 1}, {seed % 39 + 2})."
    return " ".join(parts)


def paper_pages(n_pages: int, table_every: int = 4, n_refs: int = 40) -> list[PageSpec]:
    """A two-column paper: abstract, sections, a table every few pages, references last."""
    headings = ["Introduction", "Results", "Discussion", "Methods"]
    pages: list[PageSpec] = []
    seed = 0
    for p in range(max(1, n_pages - 1)):
        cols: list[list[Block]] = [[], []]
        top: list[Block] = []
        if p == 0:
            top = [Heading("Mechanisms of resistance to KRAS G12C inhibitors", 15)]
            cols[0] = [Heading("Abstract"), Para(paper_paragraph(seed, 4))]
            seed += 1
        for c in range(2):
            if p > 0 and c == 0 and p % 3 == 1:
                cols[c].append(Heading(headings[(p // 3) % len(headings)]))
            if table_every and p % table_every == 2 and c == 1:
                cols[c].append(
                    TableBlock(
                        f"Table {p // table_every + 1}",
                        "Response to KRAS G12C inhibitors",
                        (
                            ("Drug", "Cancer", "ORR"),
                            ("Sotorasib", "NSCLC", "37.1%"),
                            ("Adagrasib", "NSCLC", "42.9%"),
                            ("Sotorasib", "CRC", "9.7%"),
                        ),
                        "BOOKTABS" if (p // table_every) % 2 else "ALL",
                    )
                )
            while sum(
                len(b.text) if isinstance(b, Para) else 400 for b in cols[c]
            ) < 2600:
                cols[c].append(Para(paper_paragraph(seed)))
                seed += 1
        pages.append(PageSpec(columns=cols, full_width_top=top))
    refs = [
        Para(
            f"{i}. Author{i} A, Writer B, Smith C. Mechanisms of resistance number {i} "
            f"to KRAS G12C inhibition. Cancer Discov {2015 + i % 8};{i}:{100 + i}-{110 + i}."
        )
        for i in range(1, n_refs + 1)
    ]
    half = (len(refs) + 1) // 2
    pages.append(PageSpec(columns=[[Heading("References"), *refs[:half]], refs[half:]]))
    return pages
