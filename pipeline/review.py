"""Reviewer verdicts: carry them from one run to the next, keep the ones that lost their row,
archive reviewed rows for training.

A verdict is the ``review`` cell of ``relations.csv``: ``correct`` | ``incorrect`` | empty
(case and surrounding spaces are ignored). It belongs to a ``relation_id``, which is
stable across runs for the same claim. A verdict whose ``relation_id`` is not in the new
run is *orphaned*: it is reported and written to ``reviews_orphaned.csv`` in the run folder,
and :func:`carry_reviews` reads that file back next time, so a verdict is never lost even if
its claim disappears for a few runs and comes back.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.export import COLUMNS, atomic_write_text, csv_text, read_table

VERDICTS = ("correct", "incorrect")
ORPHANS_FILE = "reviews_orphaned.csv"
#: reviews_orphaned.csv: the relations.csv columns, then why the verdict was not carried.
ORPHAN_COLUMNS = [*COLUMNS["relations"], "orphan_reason", "orphaned_at"]
REVIEWS_SUBDIR = "reviews"


@dataclass
class CarryResult:
    rows: list[dict]
    warnings: list[str] = field(default_factory=list)
    orphans: list[dict] = field(default_factory=list)


def normalise_verdict(value: object) -> str | None:
    """``" Correct "`` -> ``"correct"``; ``""`` -> ``""``; an unknown word -> None."""
    text = "" if value is None else str(value).strip().lower()
    if text in ("", *VERDICTS):
        return text
    return None


def _read(path: Path) -> list[dict[str, str]]:
    rows = read_table(path)
    # a spreadsheet may save a byte-order mark in front of the first column name
    # (cells beyond the header, which csv puts under the key None, are dropped)
    return [{k.lstrip("\ufeff"): v for k, v in r.items() if k is not None} for r in rows]


def _previous_verdicts(previous: Path) -> tuple[list[tuple[dict, str, str]], list[str]]:
    """(row, verdict, where) of every non-empty verdict in ``previous`` and its orphans file."""
    found: list[tuple[dict, str, str]] = []
    warnings: list[str] = []
    sources = [previous, previous.parent / ORPHANS_FILE]
    for path in sources:
        if not path.exists():
            continue
        rows = _read(path)
        if rows and "relation_id" not in rows[0]:
            warnings.append(f"{path}: no relation_id column; its verdicts cannot be carried")
            continue
        for line, row in enumerate(rows, start=2):
            verdict = normalise_verdict(row.get("review"))
            where = f"{path.name} line {line}"
            if verdict == "":
                continue
            if verdict is None:
                warnings.append(f"{where}: review {row.get('review')!r} for relation "
                                f"{row.get('relation_id')!r} rejected: use one of {', '.join(VERDICTS)}")
                continue
            if not (row.get("relation_id") or "").strip():
                warnings.append(f"{where}: verdict {verdict!r} has no relation_id; not carried")
                continue
            found.append((row, verdict, where))
    return found, warnings


def carry_reviews_full(previous_relations_csv: Path | None, rows: list[dict]) -> CarryResult:
    """Copy verdicts from a previous run onto ``rows`` (new dicts; the input is not changed).

    Also reads ``reviews_orphaned.csv`` next to ``previous_relations_csv``. Returns the new
    rows, warnings (rejected words, conflicts, orphans) and the orphaned rows, ready for
    :func:`write_orphans`.
    """
    out = [dict(r) for r in rows]
    if previous_relations_csv is None or not Path(previous_relations_csv).exists():
        return CarryResult(out)
    found, warnings = _previous_verdicts(Path(previous_relations_csv))
    by_id: dict[str, list[dict]] = {}
    for r in out:
        by_id.setdefault(str(r.get("relation_id") or ""), []).append(r)
    verdicts: dict[str, tuple[str, dict, str]] = {}
    conflicts: set[str] = set()
    for row, verdict, where in found:
        rid = row["relation_id"].strip()
        if rid in verdicts and verdicts[rid][0] != verdict:
            conflicts.add(rid)
            warnings.append(f"{where}: relation {rid} is marked both {verdicts[rid][0]!r} and "
                            f"{verdict!r}; kept as orphan for a reviewer to settle")
        verdicts.setdefault(rid, (verdict, row, where))
    orphans: list[dict] = []
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    for rid, (verdict, row, where) in verdicts.items():
        targets = by_id.get(rid)
        reason = ""
        if rid in conflicts:
            reason = "conflicting verdicts"
        elif not targets:
            reason = "relation_id not in this run"
        if reason:
            orphan = {c: row.get(c, "") for c in COLUMNS["relations"]}
            orphan.update(review=verdict, orphan_reason=reason,
                          orphaned_at=row.get("orphaned_at") or stamp)
            orphans.append(orphan)
            if reason != "conflicting verdicts":
                warnings.append(f"{where}: verdict {verdict!r} for relation {rid} "
                                f"({row.get('relation', '')} {row.get('drug', '')}) is orphaned: "
                                f"its claim is not in this run (kept in {ORPHANS_FILE})")
            continue
        for t in targets:
            current = normalise_verdict(t.get("review"))
            if current and current != verdict:
                warnings.append(f"relation {rid}: new row already says {current!r}; "
                                f"previous verdict {verdict!r} not applied")
                continue
            t["review"] = verdict
    return CarryResult(out, warnings, orphans)


def carry_reviews(previous_relations_csv: Path | None, rows: list[dict]) -> tuple[list[dict], list[str]]:
    """Rows with previous verdicts copied on, and warnings. See :func:`carry_reviews_full`."""
    res = carry_reviews_full(previous_relations_csv, rows)
    return res.rows, res.warnings


def write_orphans(run_dir: Path, orphans: list[dict]) -> Path:
    """Write ``reviews_orphaned.csv`` (header-only when there are none, replacing a stale one)."""
    path = Path(run_dir) / ORPHANS_FILE
    atomic_write_text(path, csv_text(ORPHAN_COLUMNS, [{c: o.get(c, "") for c in ORPHAN_COLUMNS}
                                                      for o in orphans]))
    return path


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._") or "run"


def archive_reviews(relations_csv: Path, annotations_dir: Path) -> Path:
    """Copy the reviewed rows of ``relations_csv`` to ``annotations/reviews/<UTC time>_<name>.csv``.

    ``<name>`` is the doc_id when all reviewed rows come from one document, else the run
    folder's name. Raises ValueError (and writes nothing) if a verdict is not a known word
    or if no row is reviewed. Extra columns a reviewer added are kept, after the contract's.
    The `evidence` column is emptied: archives live in the repository, papers' text does not.
    """
    relations_csv = Path(relations_csv)
    rows = _read(relations_csv)
    bad = [(i, r.get("review")) for i, r in enumerate(rows, start=2)
           if normalise_verdict(r.get("review")) is None]
    if bad:
        listing = "; ".join(f"line {i}: {v!r}" for i, v in bad[:10])
        raise ValueError(f"{relations_csv}: unknown review verdicts ({listing}); "
                         f"use one of {', '.join(VERDICTS)} or leave empty")
    reviewed = []
    for r in rows:
        verdict = normalise_verdict(r.get("review"))
        if verdict:
            # the evidence sentence is the paper's own prose: the archive keeps the claim,
            # its ids and the sentence index, never the text (the run folder has it)
            reviewed.append({**r, "review": verdict, "evidence": ""})
    if not reviewed:
        raise ValueError(f"{relations_csv}: no reviewed rows (the review column is empty)")
    extra = [c for c in reviewed[0] if c and c not in COLUMNS["relations"]]
    docs = {r.get("doc_id", "") for r in reviewed}
    name = docs.pop() if len(docs) == 1 and "" not in docs else relations_csv.resolve().parent.name
    folder = Path(annotations_dir) / REVIEWS_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}_{_safe(name)}"
    path = folder / f"{base}.csv"
    k = 1
    while path.exists():
        k += 1
        path = folder / f"{base}_{k}.csv"
    atomic_write_text(path, csv_text([*COLUMNS["relations"], *extra], reviewed))
    return path
