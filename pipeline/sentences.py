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
from functools import lru_cache

import spacy
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


@Language.component("rule_sentencizer")
def rule_sentencizer(doc: Doc) -> Doc:
    """Set ``is_sent_start`` from punctuation, capitalisation and the abbreviation list."""
    rules = sentence_rules()
    enders = set(rules["enders"])
    no_break_after = {a.lower() for a in rules["abbreviations"]}
    closers = set(rules["closers"])
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        j = i - 1
        while j > 0 and doc[j].text in closers and doc[j - 1].text in enders | closers:
            j -= 1
        end_tok = doc[j]
        is_end = end_tok.text in enders
        if is_end and j > 0 and doc[j - 1].text.lower() + "." in no_break_after:
            is_end = False
        tok.is_sent_start = bool(is_end and prev.whitespace_ and _can_start(tok.text))
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
    return nlp


def blocks_of(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_multiline_table) of each blank-line-separated block."""
    out = []
    for m in _BLOCK.finditer(text):
        block = m.group(0)
        out.append((m.start(), m.end(), "\t" in block))
    return out


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
    for (offset, _piece), sdoc in zip(pieces, nlp.pipe(t for _, t in pieces), strict=True):
        for sent in sdoc.sents:
            s = sent.start_char + offset
            e = sent.end_char + offset
            if doc.text[s:e].strip():
                spans.append((s, e))
    spans.sort()
    out = []
    for i, (s, e) in enumerate(spans):
        sec = doc.section_at(s)
        out.append(Sentence(i, s, e, sec.index if sec else -1, doc.page_at(s), doc.text[s:e]))
    return out
