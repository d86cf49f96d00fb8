"""Tests for pipeline.ingest_pdf on PDFs built at test time (tests/pdf_factory.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_factory import (
    Heading,
    Lines,
    PageSpec,
    Para,
    TableBlock,
    build_encrypted_pdf,
    build_image_only_pdf,
    build_pdf,
    build_rotated_content_pdf,
    build_row_interleaved_pdf,
)

from pipeline import config
from pipeline import ingest_pdf as ip
from pipeline.errors import IngestError

LEFT = [f"Left column line {i} on sotorasib." for i in range(1, 13)]
RIGHT = [f"Right column line {i} on adagrasib." for i in range(1, 13)]
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
HEADER = "Cancer Discovery June 2021 Running Header"
MARGIN_NOTE = "Downloaded from journals.example.org on May 1, 2024"
FOOTER = "Downloaded from example.org for personal use only"
TABLE_ROWS = (
    ("Drug", "Cancer", "ORR"),
    ("Sotorasib", "NSCLC", "37.1%"),
    ("Adagrasib", "Colorectal cancer after two or more lines of prior therapy", "22%"),
)


def _body(tag: str, n: int = 6) -> Para:
    return Para(" ".join(f"Body text {tag} sentence {i} on KRAS signalling." for i in range(n)))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test PDF, built once."""
    d = tmp_path_factory.mktemp("pdfs")
    out: dict[str, Path] = {}
    out["two_column"] = build_pdf(
        d / "two_column.pdf",
        [PageSpec(
            full_width_top=[Heading("A full width title of the paper", 14)],
            columns=[[Lines(tuple(LEFT))], [Lines(tuple(RIGHT))]],
        )],
    )
    out["ruled_page"] = build_pdf(
        d / "ruled_page.pdf",
        [PageSpec(columns=[
            [Lines(tuple(LEFT)), Lines(("Table 1. Doses are listed in the supplement.",))],
            [Lines(tuple(RIGHT)), Lines(("Figure 2. Feedback reactivation of EGFR.",))],
        ])],
        header=HEADER, page_rules=True,
    )
    out["interleaved"] = build_row_interleaved_pdf(d / "interleaved.pdf", LEFT, RIGHT)
    out["rotated"] = build_rotated_content_pdf(
        d / "rotated.pdf", "A normal portrait page with one line of text on it.",
        [f"Rotated row {i}: sotorasib in NSCLC, ORR {30 + i}%" for i in range(6)],
    )
    out["hyphen"] = build_pdf(
        d / "hyphen.pdf",
        [PageSpec(columns=[[Lines((
            "Resistance to KRAS G12C inhibi-",
            "tion arises through adaptive feedback. The compound ARS-",
            "1620 binds KRAS-",
            "mutant proteins, while the wild-",
            "type allele is spared by the covalent inhibitor.",
        ))]])],
    )
    out["running"] = build_pdf(
        d / "running.pdf",
        [PageSpec(columns=[[Heading(f"Part {n}"), _body(f"P{n}")]]) for n in range(1, 5)],
        header=HEADER, footer=FOOTER, page_numbers=True, margin_note=MARGIN_NOTE,
    )
    for name, borders in (("table", "ALL"), ("booktabs", "BOOKTABS")):
        out[name] = build_pdf(
            d / f"{name}.pdf",
            [PageSpec(columns=[[
                Heading("Results"),
                _body("before", 3),
                Lines(("Responses differed by cancer type, and", "Table 1 summarizes them.")),
                TableBlock("Table 1", "Responses to KRAS G12C inhibitors", TABLE_ROWS, borders),
                _body("after", 3),
            ]])],
        )
    out["references"] = build_pdf(
        d / "references.pdf",
        [
            PageSpec(columns=[[
                Heading("Introduction"),
                Para("Sotorasib inhibits KRAS G12C (1, 2). Resistance emerges quickly (3)."),
            ]]),
            PageSpec(columns=[[
                Heading("References"),
                Lines((
                    "1. Canon J, Rex K, Saiki AY, et al. The clinical KRAS(G12C) inhibitor",
                    "AMG 510 drives anti-tumour immunity. Nature 2019;575:217-23.",
                    "2. Hallin J, Engstrom LD, Hargis L, et al. The KRASG12C inhibitor MRTX849",
                    "provides insight toward therapeutic susceptibility. Cancer Discov",
                    "2020;10:54-71.",
                    "3. Awad MM, Liu S, Rybkin II, et al. Acquired resistance to KRASG12C",
                    "inhibition in cancer. N Engl J Med 2021;384:2382-93.",
                )),
            ]]),
        ],
    )
    out["continued"] = build_pdf(
        d / "continued.pdf",
        [
            PageSpec(columns=[
                [Lines(tuple(LEFT[:8]) + ("The covalent KRAS G12C inhibitor",))],
                [Lines(("sotorasib traps KRAS in its inactive", "state and the second"))],
            ]),
            PageSpec(columns=[[Lines(("col-", "umn ends here.")), Heading("Discussion")]]),
        ],
    )
    if UNICODE_FONT.exists():
        out["unicode"] = build_pdf(
            d / "unicode.pdf",
            [PageSpec(columns=[[Lines((
                "Cancer-associated \ufb01broblasts\u00a0secrete HGF \u2013 and MET",
                "signalling \ufb02ows through the pathway.",
            ))]])],
            font=UNICODE_FONT,
        )
    out["indented"] = build_pdf(
        d / "indented.pdf",
        [PageSpec(columns=[[
            Para(" ".join(f"First paragraph sentence {i} on EGFR feedback." for i in range(8)),
                 indent=5, gap=False),
            Para(" ".join(f"Second paragraph sentence {i} on SHP2 inhibition." for i in range(8)),
                 indent=5, gap=False),
            Lines(("REFERENCES",)),
            Lines((
                "1. Ryan MB, Corcoran RB. Therapeutic strategies to target RAS-mutant cancers.",
                "Nat Rev Clin Oncol 2018;15:709-20.",
                "2. Xue JY, Zhao Y, Aronowitz J, et al. Rapid non-uniform adaptation to",
                "conformation-specific KRAS(G12C) inhibition. Nature 2020;577:421-5.",
            )),
        ]])],
    )
    real = out["running"].read_bytes()
    out["empty"] = d / "empty.pdf"
    out["empty"].write_bytes(b"")
    out["junk"] = d / "junk.pdf"
    out["junk"].write_bytes(bytes(range(256)) * 40)
    out["truncated"] = d / "truncated.pdf"
    out["truncated"].write_bytes(real[: len(real) // 2])
    out["damaged"] = d / "damaged.pdf"
    out["damaged"].write_bytes(_corrupt_objects(real))
    out["bad_xref"] = d / "bad_xref.pdf"
    out["bad_xref"].write_bytes(_corrupt_xref(real))
    out["encrypted"] = build_encrypted_pdf(d / "encrypted.pdf")
    out["image_only"] = build_image_only_pdf(d / "image_only.pdf")
    out["stamped_scan"] = build_image_only_pdf(d / "stamped.pdf", 3, stamp="Scanned 2024")
    return out


def _corrupt_xref(data: bytes) -> bytes:
    """Overwrite the offsets in the cross-reference table and the startxref pointer."""
    start, end = data.rindex(b"xref"), data.rindex(b"trailer")
    data = data[:start] + re.sub(rb"\d", b"7", data[start:end]) + data[end:]
    return re.sub(rb"startxref\s+\d+", b"startxref\n12", data)


def _corrupt_objects(data: bytes) -> bytes:
    """A broken xref and every object header overwritten: nothing can be recovered."""
    return re.sub(rb"\d+ 0 obj", lambda m: b"x" * len(m.group(0)), _corrupt_xref(data))


def _read(path: Path) -> ip.IngestedDocument:
    return ip.read_pdf(path, path.stem, "0" * 64)


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("name", ["two_column", "interleaved"])
def test_two_columns_read_left_then_right(pdfs, name):
    """Columns written one after the other, or row by row in the content stream."""
    text = _read(pdfs[name]).text
    if name == "two_column":
        assert text.startswith("A full width title of the paper")
    left_pos = [text.index(s) for s in LEFT]
    right_pos = [text.index(s) for s in RIGHT]
    assert left_pos == sorted(left_pos)
    assert right_pos == sorted(right_pos)
    assert max(left_pos) < min(right_pos)


def test_rotated_page_is_kept_in_content_order(pdfs):
    doc = _read(pdfs["rotated"])
    rows = [f"Rotated row {i}: sotorasib in NSCLC, ORR {30 + i}%" for i in range(6)]
    assert doc.text.split("\n\n") == ["A normal portrait page with one line of text on it.", *rows]
    assert doc.page_at(doc.text.index("Rotated row 0")) == 2
    assert any("page 2" in w and "rotated" in w for w in doc.warnings)


def test_page_rules_and_a_lone_caption_are_not_a_table(pdfs):
    doc = _read(pdfs["ruled_page"])
    assert doc.tables == ()
    positions = [doc.text.index(s) for s in LEFT + RIGHT]
    assert positions == sorted(positions)
    captions = [(s.title, s.kind, doc.text[s.start:s.end]) for s in doc.sections
                if s.kind in ("table", "figure")]
    assert captions == [
        ("Table 1", "table", "Table 1. Doses are listed in the supplement."),
        ("Figure 2", "figure", "Figure 2. Feedback reactivation of EGFR."),
    ]


def test_line_end_hyphens(pdfs):
    text = _read(pdfs["hyphen"]).text
    assert "KRAS G12C inhibition arises" in text
    assert "ARS-1620" in text
    assert "KRAS-mutant" in text
    assert "wild-type" in text
    assert "inhibi-" not in text and "inhibi tion" not in text


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("the inhibi-", "tion of", "the inhibition of"),
        ("Resis-", "tance to", "Resistance to"),
        ("drug ARS-", "1620 binds", "drug ARS-1620 binds"),
        ("in KRAS-", "mutant cells", "in KRAS-mutant cells"),
        ("the wild-", "type allele", "the wild-type allele"),
        ("epithelial-to-", "mesenchymal", "epithelial-to-mesenchymal"),
        ("dose-", "dependent", "dose-dependent"),
        ("non-", "small cell", "non-small cell"),
        ("the cell-", "ular response", "the cellular response"),
        ("multi-", "ple lines", "multiple lines"),
        ("the sotorasib-panitu-", "mumab doublet", "the sotorasib-panitumumab doublet"),
        ("EGFR-medi-", "ated feedback", "EGFR-mediated feedback"),
        ("plain", "next", "plain next"),
        ("a range 10 -", "20", "a range 10 - 20"),
    ],
)
def test_join_lines(prev, nxt, joined):
    assert ip.join_lines(prev, nxt) == joined


def test_join_lines_uses_document_vocabulary():
    assert ip.join_lines("the cross-", "talk", frozenset({"crosstalk"})) == "the crosstalk"
    assert ip.join_lines("a signal-", "ling", frozenset({"signal-ling"})) == "a signal-ling"


def test_paragraph_continues_across_column_and_page(pdfs):
    doc = _read(pdfs["continued"])
    assert "The covalent KRAS G12C inhibitor sotorasib traps KRAS in its inactive state" in doc.text
    assert "and the second column ends here." in doc.text
    assert doc.text.count("\n\n") == 1  # one paragraph over 2 columns and 2 pages, a heading
    assert doc.page_at(doc.text.index("inhibitor sotorasib")) == 1
    assert doc.page_at(doc.text.index("column ends")) == 2
    assert doc.pages[1].start == doc.text.index("column ends")


def test_unicode_normalised(pdfs):
    if "unicode" not in pdfs:
        pytest.skip(f"no TrueType font at {UNICODE_FONT}")
    text = _read(pdfs["unicode"]).text
    assert text == (
        "Cancer-associated fibroblasts secrete HGF - and MET signalling flows through the pathway."
    )


def test_indented_paragraphs_and_plain_references_heading(pdfs):
    doc = _read(pdfs["indented"])
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("First paragraph") and "Second" not in paragraphs[0]
    assert paragraphs[1].startswith("Second paragraph")
    assert [r.number for r in doc.references] == [1, 2]
    assert doc.references[1].year == 2020
    assert "conformation-specific KRAS(G12C) inhibition" in doc.references[1].title


def test_running_header_footer_and_page_numbers_dropped(pdfs):
    doc = _read(pdfs["running"])
    assert HEADER not in doc.text
    assert FOOTER not in doc.text
    assert "journals.example" not in doc.text
    assert any("rotated" in w for w in doc.warnings)
    assert not re.search(r"^\d+$", doc.text, re.M), "bare page numbers must go"
    for n in range(1, 5):
        assert f"Body text P{n} sentence 0" in doc.text


def test_page_spans(pdfs):
    doc = _read(pdfs["running"])
    assert [p.page for p in doc.pages] == [1, 2, 3, 4]
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    for n in range(1, 5):
        offset = doc.text.index(f"Body text P{n} sentence 3")
        assert doc.page_at(offset) == n
        assert doc.page_at(doc.text.index(f"Part {n}")) == n
    for a, b in zip(doc.pages, doc.pages[1:], strict=False):
        assert a.end == b.start


def test_sections_from_headings(pdfs):
    doc = _read(pdfs["running"])
    titles = [s.title for s in doc.sections]
    assert titles == ["Part 1", "Part 2", "Part 3", "Part 4"]
    refs = _read(pdfs["references"])
    assert [(s.title, s.kind) for s in refs.sections] == [("Introduction", "introduction")]


@pytest.mark.parametrize("name", ["table", "booktabs"])
def test_table_extracted_once(pdfs, name):
    """A fully ruled grid, and a table with three horizontal rules only; one cell wraps."""
    doc = _read(pdfs[name])
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows == TABLE_ROWS
    assert (table.label, table.title, table.page) == (
        "Table 1", "Responses to KRAS G12C inhibitors", 1)
    block = doc.text[table.start:table.end]
    assert block.splitlines() == [
        "Table 1. Responses to KRAS G12C inhibitors",
        "Drug\tCancer\tORR",
        "Sotorasib\tNSCLC\t37.1%",
        "Adagrasib\tColorectal cancer after two or more lines of prior therapy\t22%",
    ]
    assert doc.text.count("Adagrasib") == 1
    assert doc.text.count("Table 1") == 2
    assert "Responses differed by cancer type, and Table 1 summarizes them." in doc.text
    kinds = [s.kind for s in doc.sections]
    assert kinds == ["results", "table", "results"]
    assert doc.text.index("Body text before") < table.start < doc.text.index("Body text after")


def test_references_parsed_and_kept_out_of_text(pdfs):
    doc = _read(pdfs["references"])
    assert [r.number for r in doc.references] == [1, 2, 3]
    first, second, _ = doc.references
    assert first.year == 2019 and first.journal == "Nature"
    assert first.authors.startswith("Canon J")
    assert "AMG 510 drives anti-tumour immunity" in first.title
    assert second.year == 2020 and "Cancer Discov" in second.journal
    assert "References" not in doc.text and "Canon J" not in doc.text
    assert doc.text.endswith("Resistance emerges quickly (3).")
    assert [c.numbers for c in doc.citations] == [(1, 2), (3,)]
    assert doc.text[doc.citations[0].start:doc.citations[0].end] == "(1, 2)"
    assert doc.pages[1].start == doc.pages[1].end == len(doc.text)


# --------------------------------------------------------------------------- pure helpers


def _line(text: str, x0: float, x1: float, top: float) -> ip.Line:
    return ip.Line(1, text, x0, x1, top - 10, top, 10.0)


def test_find_gutter_two_and_one_column():
    lines = [_line("l", 50, 290, 700 - 12 * i) for i in range(10)]
    lines += [_line("r", 310, 560, 700 - 12 * i) for i in range(10)]
    gutter = ip.find_gutter(lines, 612)
    assert gutter is not None and 290 <= gutter[0] < gutter[1] <= 311
    single = [_line("w", 50, 560, 700 - 12 * i) for i in range(20)]
    assert ip.find_gutter(single, 612) is None
    off_page = [_line("o", 700 + i, 900, 700 - 12 * i) for i in range(10)]
    assert ip.find_gutter(off_page + [_line("n", -50, -10, 100)], 612) is None


def test_reading_order_full_width_line_splits_bands():
    top = [_line(f"L{i}", 50, 290, 700 - 12 * i) for i in range(5)]
    top += [_line(f"R{i}", 310, 560, 700 - 12 * i) for i in range(5)]
    wide = _line("WIDE", 50, 560, 600)
    bottom = [_line(f"l{i}", 50, 290, 580 - 12 * i) for i in range(5)]
    bottom += [_line(f"r{i}", 310, 560, 580 - 12 * i) for i in range(5)]
    segs = ip.reading_order(top + [wide] + bottom, (291, 309))
    order = [ln.text for seg in segs for ln in seg]
    assert order == [f"L{i}" for i in range(5)] + [f"R{i}" for i in range(5)] + ["WIDE"] + [
        f"l{i}" for i in range(5)] + [f"r{i}" for i in range(5)]


def test_ruled_grids_from_cell_rectangles():
    boxes = [(100 + 50 * c, 500 - 20 * r, 150 + 50 * c, 520 - 20 * r)
             for r in range(3) for c in range(2)]
    boxes.append((0, 0, 5, 5))  # a stray tiny mark is not a table
    ((xs, ys),) = ip.ruled_grids(boxes)
    assert len(xs) == 3 and len(ys) == 4
    assert ys == sorted(ys, reverse=True)


def test_section_kind():
    assert ip.section_kind("2. Results") == "results"
    assert ip.section_kind("REFERENCES") == "references"
    assert ip.section_kind("Materials and Methods") == "methods"
    assert ip.section_kind("KRAS signalling") == "body"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "empty"),
        ("junk", "not a PDF"),
        ("truncated", "truncated"),
        ("damaged", "damaged"),
        ("encrypted", "password"),
        ("image_only", "OCR"),
        ("stamped_scan", "OCR"),
    ],
)
def test_bad_input_raises_ingest_error(pdfs, name, message):
    with pytest.raises(IngestError, match=message):
        _read(pdfs[name])


def test_broken_xref_is_rebuilt_with_a_warning(pdfs):
    doc = _read(pdfs["bad_xref"])
    assert doc.text == _read(pdfs["running"]).text
    assert any("cross-reference" in w for w in doc.warnings)
    assert not any("cross-reference" in w for w in _read(pdfs["running"]).warnings)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="cannot read"):
        _read(tmp_path / "nope.pdf")


def test_too_large(pdfs, monkeypatch):
    monkeypatch.setattr(config, "MAX_PDF_BYTES", 1000)
    with pytest.raises(IngestError, match="larger than"):
        _read(pdfs["running"])


def test_too_many_pages(pdfs, monkeypatch):
    monkeypatch.setattr(config, "MAX_PDF_PAGES", 3)
    with pytest.raises(IngestError, match="4 pages"):
        _read(pdfs["running"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
                      min_size=1, max_size=6))
def test_damaged_bytes_give_a_document_or_ingest_error(pdfs, tmp_path, edits):
    data = bytearray(pdfs["table"].read_bytes())
    for pos, chunk in edits:
        at = pos % len(data)
        data[at:at + len(chunk)] = chunk
    path = tmp_path / "fuzz.pdf"
    path.write_bytes(bytes(data))
    try:
        doc = _read(path)
    except IngestError as exc:
        assert str(exc)
    else:
        assert doc.pages and all(p.start <= p.end for p in doc.pages)


def test_each_bullet_of_a_key_points_box_is_its_own_sentence(tmp_path):
    from pipeline.sentences import split_sentences
    if not UNICODE_FONT.exists():
        pytest.skip(f"no TrueType font at {UNICODE_FONT}")
    path = build_pdf(tmp_path / "bullets.pdf", font=UNICODE_FONT, pages=[PageSpec(columns=[[Lines((
        "Key points",
        "\u2022 Rebound signalling limits the activity of KRAS G12C inhibitors.",
        "\u2022 Vertical combinations that add SHP2 blockade are being tested to",
        "deepen responses.",
        "\u2022 In colorectal cancer, EGFR antibodies are the best-validated partners.",
        "Conclusions",
        "1. Adding an anti-EGFR antibody is standard practice in colorectal",
        "cancer.",
        "2. SHP2 inhibitors have so far disappointed as partners.",
    ))]])])
    texts = [s.text for s in split_sentences(_read(path))]
    assert ("\u2022 Vertical combinations that add SHP2 blockade are being tested to deepen "
            "responses.") in texts
    assert "\u2022 In colorectal cancer, EGFR antibodies are the best-validated partners." in texts
    assert "1. Adding an anti-EGFR antibody is standard practice in colorectal cancer." in texts
    assert "2. SHP2 inhibitors have so far disappointed as partners." in texts
