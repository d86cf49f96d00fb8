"""Unicode normalisation with a map back to raw offsets.

The character table lives in ``data/unicode_map.json``. ``normalize`` returns the
normalised text and, for every output character, the index of the input character it
came from, so any span found later can be traced to the raw file.
"""

from __future__ import annotations

import json
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


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalise ``text``; return (new text, raw index of each new character).

    Besides the table, other control characters (except newline and tab) become
    spaces, and the result is NFC-composed character by character where that keeps a
    one-to-one map (combining marks are attached to their base's raw index).
    """
    table = char_table()
    out: list[str] = []
    raw_index: list[int] = []
    for i, ch in enumerate(text):
        repl = table.get(ch)
        if repl is None:
            if ch in "\n\t":
                repl = ch
            elif unicodedata.category(ch) == "Cc":
                repl = " "
            elif unicodedata.combining(ch) and out:
                composed = unicodedata.normalize("NFC", out[-1] + ch)
                if len(composed) == 1:
                    out[-1] = composed
                    continue
                repl = ch
            else:
                repl = ch
        for piece in repl:
            out.append(piece)
            raw_index.append(i)
    return "".join(out), raw_index
