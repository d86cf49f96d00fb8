"""Unicode normalisation with a map back to raw offsets.

The character table lives in ``data/unicode_map.json``. ``normalize`` returns the
normalised text and, for every output character, the index of the input character it
came from, so any span found later can be traced to the raw file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from pipeline.config import DATA_DIR
from pipeline.errors import DataFileError


def _cp(code: str) -> str:
    if not code.startswith("U+"):
        raise DataFileError(f"unicode_map.json: bad code point {code!r} (want U+XXXX)")
    return chr(int(code[2:], 16))


@lru_cache(maxsize=1)
def char_table() -> dict[str, str]:
    """Map from a raw character to its replacement ('' deletes it)."""
    data = json.loads((DATA_DIR / "unicode_map.json").read_text(encoding="utf-8"))
    unknown = set(data) - {"version", "description", "space", "delete", "replace"}
    if unknown:
        raise DataFileError(f"unicode_map.json: unknown keys {sorted(unknown)}")
    table: dict[str, str] = {}
    for code in data["space"]:
        table[_cp(code)] = " "
    for code in data["delete"]:
        table[_cp(code)] = ""
    for code, repl in data["replace"].items():
        table[_cp(code)] = repl
    return table


@lru_cache(maxsize=1)
def _special() -> re.Pattern[str]:
    """Characters that need attention: the table, control characters, combining marks."""
    chars = "".join(re.escape(c) for c in char_table())
    return re.compile(f"[{chars}\\x00-\\x08\\x0e-\\x1f\\x7f-\\x9f\\u0300-\\u036f]")


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalise ``text``; return (new text, raw index of each new character).

    Besides the table, other control characters (except newline and tab) become
    spaces, and a combining mark is composed with its base (NFC) where that gives one
    character. Text with nothing to change is returned as is (the common case).
    """
    table = char_table()
    out: list[str] = []
    raw_index: list[int] = []
    pos = 0
    for m in _special().finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i])
            raw_index.extend(range(pos, i))
        pos = i + 1
        ch = text[i]
        repl = table.get(ch)
        if repl is None:
            if unicodedata.combining(ch) and out and out[-1]:
                composed = unicodedata.normalize("NFC", out[-1][-1] + ch)
                if len(composed) == 1:
                    out[-1] = out[-1][:-1] + composed
                    continue
                repl = ch
            elif unicodedata.category(ch) == "Cc":
                repl = " "
            else:
                repl = ch
        out.append(repl)
        raw_index.extend([i] * len(repl))
    if pos < len(text):
        out.append(text[pos:])
        raw_index.extend(range(pos, len(text)))
    return "".join(out), raw_index
