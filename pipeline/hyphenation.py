"""Rejoining words hyphenated at a line end, for text from PDFs (``ingest_pdf``) and for plain
text copied out of one (``ingest_text``): "resis-" + "tance" -> "resistance", but "wild-" +
"type" and "ARS-" + "1620" keep their hyphen."""

from __future__ import annotations

import re

#: a line-end hyphen after these stays (non-small, wild-type); after other lower-case
#: stems it goes, unless the document spells the word with a hyphen elsewhere
_KEEP_PREFIXES = frozenset("non self wild dose time pan cross".split())
_COMPOUND_TAILS = frozenset(
    "type dependent independent mediated induced resistant sensitive specific like based "
    "related associated driven targeted free term line fold positive negative mutant wide "
    "derived selective binding level rich small cell to and of".split()
)

_LINKING_WORDS = frozenset("to and or of in on by for a the".split())


def join_lines(prev: str, nxt: str, vocab: frozenset[str] = frozenset()) -> str:
    """Join two lines of a paragraph, rejoining a word hyphenated at the line end."""
    if not prev.endswith("-") or len(prev) < 2 or not prev[-2].isalnum():
        return f"{prev} {nxt}"
    # the part after a compound's last hyphen or dash: "sotorasib–panitu-" + "mumab",
    # "EGFR-medi-" + "ated" rejoin that part
    # ("epithelial-to-" + "mesenchymal" keeps it: a linking word is no word stem)
    parts = re.split(r"[-\u2010-\u2015]", prev.rsplit(None, 1)[-1][:-1])
    token = parts[-1]
    frag = nxt.split(None, 1)[0] if nxt.strip() else ""
    word = re.match(r"[a-z]*", frag).group(0)
    stem = token.lower()
    if not word or not token or any(c.isdigit() for c in token) or any(
        c.isupper() for c in token[1:]
    ) or len(parts) > 1 and stem in _LINKING_WORDS:
        return prev + nxt
    if f"{stem}{word}" in vocab:
        return prev[:-1] + nxt
    if f"{stem}-{word}" in vocab or stem in _KEEP_PREFIXES or word in _COMPOUND_TAILS:
        return prev + nxt
    if "-" in frag:
        return prev + nxt
    return prev[:-1] + nxt


_INLINE_BREAK = re.compile(r"(?<![\w-])([A-Za-z]*[a-z]{2})- ([a-z]+)\b")
#: a suspended hyphen ("first- and second-line", "irinotecan- or oxaliplatin-based") is no break
_SUSPENDED = _LINKING_WORDS | {"nor", "versus", "vs"}


def inline_breaks(line: str, vocab: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans ("- ") to delete where a line-end hyphenation survived as hyphen and space inside
    a line, as text pasted out of a PDF with its line breaks turned to spaces has it ("resis-
    tance", "panitu- mumab"); the same decision as `join_lines`, and only where it drops the
    hyphen."""
    out = []
    for m in _INLINE_BREAK.finditer(line):
        word = m.group(2)
        if word in _SUSPENDED:
            continue
        if join_lines(m.group(1) + "-", word, vocab) == m.group(1) + word:
            out.append((m.end(1), m.start(2)))
    return out
