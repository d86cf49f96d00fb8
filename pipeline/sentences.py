"""Sentence stage: scispacy's tokenizer and rule-based sentence boundaries.

Sentences never cross a block boundary (a blank line in the canonical text): a
heading, a caption, each table row and each paragraph are split separately. Inside
a paragraph a sentence ends at a standalone ".", "!" or "?" token followed by a token
that can start a sentence; scispacy's tokenizer keeps "et al.", "Fig.", "i.e.",
"vs." and decimals as single tokens, and the abbreviations in
``data/sentence_rules.json`` never end a sentence.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Sequence
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import DATA_DIR
from pipeline.models import IngestedDocument, Sentence

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")


@lru_cache(maxsize=1)
def sentence_rules() -> dict:
    return json.loads((DATA_DIR / "sentence_rules.json").read_text(encoding="utf-8"))


def _can_start(tok_text: str) -> bool:
    c = tok_text[0]
    if c.isupper() or c.isdigit() or c in "([\"'":
        return True
    # lower-case gene/protein names may start a sentence: p27, pERK, mTOR, siRNA
    return any(ch.isupper() or ch.isdigit() for ch in tok_text[1:])


def _title_case(tok_text: str) -> bool:
    return len(tok_text) > 1 and tok_text[0].isupper() and tok_text[1:].isalpha() and tok_text[1:].islower()


def _glued_heading_end(texts: list[str], number: re.Pattern[str]) -> int | None:
    """Where the first sentence starts after a numbered heading a scraped page glued onto it
    ("4.2 Bypass signalling Amplification of MET ...", "1 Introduction Sotorasib ..."): the first
    capitalised word after a word that is not capitalised (or right after a one-word heading)."""
    if len(texts) < 4 or not number.match(texts[0]):
        return None
    first = 2 if texts[1] == "." else 1
    if not texts[first][:1].isupper():
        return None  # "2 patients had ...": a number, no heading
    for j in range(first + 1, min(len(texts) - 1, first + 10)):
        if _title_case(texts[j]) and (j == first + 1 and _title_case(texts[first])
                                      or texts[j - 1][:1].isalnum() and not _title_case(texts[j - 1])):
            return j
        if texts[j] in (".", ";", ":", ","):
            return None  # punctuation: a sentence, not a heading
    return None


@Language.component("rule_sentencizer")
def rule_sentencizer(doc: Doc) -> Doc:
    """Set sentence starts from punctuation, capitalisation and the abbreviation list.

    The flags are computed in one pass and written with ``Doc.from_array``: setting
    ``Token.is_sent_start`` one token at a time costs O(n) each (spaCy re-checks the doc's
    annotation), which made very long texts quadratic.
    """
    if not len(doc):
        return doc
    rules = sentence_rules()
    enders = set(rules["enders"])
    no_break_after = {a.lower() for a in rules["abbreviations"]}
    closers = set(rules["closers"])
    glued_end = re.compile(rules["glued_citation_end"])
    unit_end = re.compile(rules["unit_end"])
    texts = [t.text for t in doc]
    spaced = [bool(t.whitespace_) for t in doc]
    # "alone.[86", "exposure.18": a sentence's last word with its citation glued on (one token)
    glued = [bool(g) and (g.group("word").rsplit(None, 1)[-1].lower() + ".") not in no_break_after
             for g in map(glued_end.match, texts)]
    flags = [1] + [-1] * (len(texts) - 1)
    heading_end = _glued_heading_end(texts, re.compile(rules["glued_heading_number"]))
    if heading_end is not None:
        flags[heading_end] = 1
    for i in range(1, len(texts)):
        j = i - 1
        while j > 0 and texts[j] in closers and (texts[j - 1] in enders | closers or glued[j - 1]):
            j -= 1
        is_end = texts[j] in enders or glued[j] or bool(unit_end.match(texts[j]))
        if texts[j] in enders and j > 0 and texts[j - 1].lower() + "." in no_break_after:
            is_end = False
        if is_end and spaced[i - 1] and _can_start(texts[i]):
            flags[i] = 1
    doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """A blank English pipeline with scispacy's tokenizer and the rule sentencizer.

    Loaded once per process. scispacy statistical models are not needed here.
    """
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en")
    with warnings.catch_warnings():  # spaCy's own regex compile warns on Python 3.11
        warnings.simplefilter("ignore", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.add_pipe("rule_sentencizer")
    # only a tokenizer and a linear rule component run here: spaCy's 1M-character guard
    # (meant for memory-hungry models) would just turn a long readable text into a failure
    nlp.max_length = 20_000_000
    return nlp


def blocks_of(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_multiline_table) of each blank-line-separated block."""
    out = []
    for m in _BLOCK.finditer(text):
        block = m.group(0)
        out.append((m.start(), m.end(), "\t" in block))
    return out


_LIST_MARKER = re.compile(r"\(?\d{1,2}[.)]")


@lru_cache(maxsize=1)
def _list_item_at() -> re.Pattern[str]:
    """A line break before a bullet or a list number: a bullet or list number that opens a line
    opens a sentence, whatever ends the line before ("Key points\n• ...\n• ...", "\n2. ..."); not
    a bullet inside a line ("J Thorac Oncol • Vol 18")."""
    bullets = re.escape("".join(sentence_rules()["bullets"]))
    return re.compile(rf"\n(?=[{bullets}]|\(?\d{{1,2}}[.)](?:\s|$))")


def split_sentences(doc: IngestedDocument, nlp: Language | None = None) -> list[Sentence]:
    """Sentences of a document, in order, each inside one section and one block."""
    nlp = nlp or get_nlp()
    spans: list[tuple[int, int]] = []
    pieces: list[tuple[int, str]] = []
    for start, end, is_table in blocks_of(doc.text):
        if is_table:  # a table: one row per sentence
            pos = start
            for line in doc.text[start:end].split("\n"):
                if line.strip():
                    spans.append((pos, pos + len(line)))
                pos += len(line) + 1
            continue
        pieces.append((start, doc.text[start:end].replace("\n", " ")))
    bullet_at = _list_item_at()
    for (offset, _piece), sdoc in zip(pieces, nlp.pipe(t for _, t in pieces), strict=True):
        for sent in sdoc.sents:
            s = sent.start_char + offset
            e = sent.end_char + offset
            cuts = [m.end() for m in bullet_at.finditer(doc.text, s, e)]
            for a, b in zip([s, *cuts], [*cuts, e], strict=True):
                while b > a and b != e and doc.text[b - 1].isspace():
                    b -= 1  # (the line break before the next bullet is no part of the sentence)
                if doc.text[a:b].strip():
                    spans.append((a, b))
    spans.sort()
    # a list marker split off as a sentence of its own ("2." before "SHP2 and SOS1 inhibitors
    # ...") opens the item that follows it
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and _LIST_MARKER.fullmatch(doc.text[merged[-1][0]:merged[-1][1]].strip()) \
                and "\n\n" not in doc.text[merged[-1][1]:s]:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    spans = merged
    out = []
    for i, (s, e) in enumerate(spans):
        sec = doc.section_at(s)
        out.append(Sentence(i, s, e, sec.index if sec else -1, doc.page_at(s), doc.text[s:e]))
    return out


def paragraph_ids(doc: IngestedDocument, sentences: Sequence[Sentence]) -> list[int]:
    """The paragraph each sentence is in: a new one after a blank line or a section change
    (each table row is its own block, so a table's rows are separate paragraphs)."""
    ids: list[int] = []
    para = 0
    for k, s in enumerate(sentences):
        if k:
            gap = doc.text[sentences[k - 1].end:s.start]
            if "\n\n" in gap or s.section_index != sentences[k - 1].section_index or (
                    "\n" in gap and "\t" in s.text):
                para += 1
        ids.append(para)
    return ids
