"""Property-based tests (hypothesis): ingest, sentence splitting, NER and the CSV writer
never crash on arbitrary input, keep every offset inside the text, and write CSVs that
read back to the same rows with no live formula cell."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import IngestError
from pipeline.export import COLUMNS, FORMULA_STARTS, csv_text, inert
from pipeline.grounding import extract_mentions
from pipeline.ingest_text import read_text
from pipeline.sentences import split_sentences

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: words that exercise the matchers, separators that exercise blocks, tables and sentences
WORDS = st.sampled_from([
    "Sotorasib", "AMG 510", "adagrasib", "KRAS", "G12C", "KRASG12C", "EGFR", "SHP2", "NSCLC",
    "colorectal cancer", "MAPK reactivation", "NCI-H358", "CodeBreaK 100", "(1)", "(8, 18)", "e.g.",
    "Fig. 1", "Table 1.", "inhibits", "overcomes", "resistance", "=SUM(A1)", "+1", "-", "@x",
    "\u00a0", "\t", "\n", "\n\n", ".", ";", "References", "1.", "\u2013", "\ufb01", "\u200b",
])
DOCUMENT_TEXT = st.one_of(
    st.lists(WORDS, max_size=80).map(" ".join),
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map("".join),
)


def _ingest(data: bytes):
    try:
        return read_text(data, "fuzz", "fuzz.txt", "0" * 64)
    except IngestError as exc:
        assert str(exc)  # a refusal always says why
        return None


@FAST
@given(st.binary(max_size=2000))
def test_ingest_never_crashes_on_bytes(data: bytes):
    doc = _ingest(data)
    if doc is not None:
        for s in doc.sections:
            assert 0 <= s.start <= s.end <= len(doc.text)
        for t in doc.tables:
            assert 0 <= t.start <= t.end <= len(doc.text)
        for c in doc.citations:
            assert 0 <= c.start <= c.end <= len(doc.text)


@FAST
@given(DOCUMENT_TEXT)
def test_sentences_and_mentions_stay_inside_the_text(text: str):
    doc = _ingest(text.encode("utf-8"))
    if doc is None:
        return
    sents = split_sentences(doc)
    previous_end = 0
    for s in sents:
        assert 0 <= s.start < s.end <= len(doc.text)
        assert s.start >= previous_end  # in order, not overlapping
        assert doc.text[s.start:s.end] == s.text
        previous_end = s.end
    for m in extract_mentions(doc, sents):
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start:m.end] == m.text
        assert 0 <= m.sentence_index < len(sents)
        sent = sents[m.sentence_index]
        assert sent.start <= m.start and m.end <= sent.end


CELL = st.one_of(st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                 st.text(max_size=40), st.sampled_from(["=1+1", "+A1", "-2", "@SUM(A1)", "\tx", "\rx",
                                                        "a,b", 'q"uote', "line\nbreak", "\r\n"]))


@FAST
@given(st.lists(st.fixed_dictionaries({c: CELL for c in COLUMNS["references"]}), max_size=8))
def test_csv_reads_back_to_the_same_rows_and_no_formula_is_live(rows):
    text = csv_text(COLUMNS["references"], rows)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back[0] == COLUMNS["references"]
    assert len(back) == len(rows) + 1
    for row, cells in zip(rows, back[1:], strict=True):
        expected = ["" if row[c] is None else str(inert(row[c])) for c in COLUMNS["references"]]
        assert cells == expected
        for cell, c in zip(cells, COLUMNS["references"], strict=True):
            if isinstance(row[c], str):
                assert not cell.startswith(FORMULA_STARTS)
