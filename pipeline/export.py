"""CSV and JSON readers and writers: the SPEC column contract, RFC 4180 quoting, inert formulas,
atomic replacement (a reader never sees a half-written file)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "source_path", "sha256", "format", "pages", "sentences", "status",
                  "message"],
    "entities": ["doc_id", "mention_id", "label", "text", "start", "end", "sentence_index",
                 "norm_id", "norm_name", "source", "confidence"],
    "relations": ["relation_id", "doc_id", "relation", "drug", "drug_id", "partner", "partner_id",
                  "target", "target_id", "variant", "mechanism", "cancer", "cancer_id",
                  "cell_line", "effect", "assertion", "evidence_level", "section", "page",
                  "sentence_index", "evidence", "citations", "rule_id", "confidence", "review"],
    "outcomes": ["doc_id", "drug", "drug_id", "cancer", "cancer_id", "trial", "metric", "value",
                 "unit", "n", "source", "page", "evidence"],
    "references": ["doc_id", "number", "authors", "title", "journal", "year"],
}

#: columns added after the SPEC ones (SPEC allows new columns only at the end): where the
#: `cancer` came from (sentence | inferred:paragraph | inferred:table | inferred:section), and
#: the cancer a named cell line implies when the text states none (kept apart: `cancer` holds
#: only stated cancers)
EXTRA_COLUMNS: dict[str, list[str]] = {
    "relations": ["cancer_source", "inferred_cancer", "inferred_cancer_id"],
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """Make a text cell that a spreadsheet would run as a formula inert (leading ')."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(columns: list[str], rows: Iterable[Mapping[str, object]]) -> str:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) with inert formula cells."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:
            raise ValueError(f"unknown columns {sorted(unknown)}")
        writer.writerow(["" if row.get(c) is None else inert(row.get(c)) for c in columns])
    return buf.getvalue()


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for everyone who can read the folder
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(path: Path, name: str, rows: Iterable[Mapping[str, object]],
                extra: list[str] | None = None) -> None:
    """One of the contract's CSVs; ``extra`` columns go after the SPEC ones."""
    atomic_write_text(path, csv_text(COLUMNS[name] + list(extra or []), rows))


def write_json(path: Path, data: object) -> None:
    atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def write_jsonl(path: Path, rows: Iterable[Mapping[str, object]]) -> None:
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def read_jsonl(path: Path) -> Iterator[tuple[int, Any, json.JSONDecodeError | None]]:
    """(line number, parsed value or None, parse error or None) of each non-blank line of a
    JSON Lines file; the caller words the error for its own users."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                value, error = json.loads(line), None
            except json.JSONDecodeError as exc:
                value, error = None, exc
            yield lineno, value, error


def read_table(path: Path) -> list[dict[str, str]]:
    """Read one of our CSVs back (header checked against the contract if known)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
