"""Reviewer verdicts: carried by relation_id, orphans kept, unknown words rejected, archive."""

from __future__ import annotations

import csv

import pytest

from pipeline.export import COLUMNS, read_table, write_table
from pipeline.review import (
    ORPHAN_COLUMNS,
    ORPHANS_FILE,
    archive_reviews,
    carry_reviews,
    carry_reviews_full,
    write_orphans,
)


def rel(rid: str, review: str = "", doc: str = "docA", **kw) -> dict:
    row = {c: "" for c in COLUMNS["relations"]}
    row.update(relation_id=rid, doc_id=doc, relation="resistance", drug="sotorasib", review=review, **kw)
    return row


def test_verdicts_follow_the_relation_id(tmp_path):
    prev = tmp_path / "relations.csv"
    write_table(prev, "relations", [rel("r1", "correct"), rel("r2", "Incorrect "), rel("r3")])
    new = [rel("r2"), rel("r1"), rel("r9")]
    rows, warnings = carry_reviews(prev, new)
    assert [(r["relation_id"], r["review"]) for r in rows] == [("r2", "incorrect"), ("r1", "correct"),
                                                                ("r9", "")]
    assert warnings == []
    assert new[0]["review"] == ""  # the input rows are not changed


def test_no_previous_run_changes_nothing(tmp_path):
    rows, warnings = carry_reviews(None, [rel("r1")])
    assert rows == [rel("r1")] and warnings == []
    rows, warnings = carry_reviews(tmp_path / "missing.csv", [rel("r1")])
    assert rows == [rel("r1")] and warnings == []


def test_orphans_are_reported_written_and_come_back(tmp_path):
    run = tmp_path / "run"
    write_table(run / "relations.csv", "relations", [rel("gone", "correct", evidence="an old claim")])
    res = carry_reviews_full(run / "relations.csv", [rel("r1")])
    assert [r["review"] for r in res.rows] == [""]
    assert len(res.warnings) == 1 and "gone" in res.warnings[0] and "orphaned" in res.warnings[0]
    assert [(o["relation_id"], o["review"], o["evidence"]) for o in res.orphans] == [
        ("gone", "correct", "an old claim")]
    path = write_orphans(run, res.orphans)
    assert path == run / ORPHANS_FILE
    with path.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == ORPHAN_COLUMNS
    assert read_table(path)[0]["orphan_reason"] == "relation_id not in this run"
    # next run: the old relations.csv no longer has the verdict, the orphans file does
    write_table(run / "relations.csv", "relations", [rel("r1")])
    res2 = carry_reviews_full(run / "relations.csv", [rel("r1"), rel("gone")])
    assert [(r["relation_id"], r["review"]) for r in res2.rows] == [("r1", ""), ("gone", "correct")]
    assert res2.orphans == []
    write_orphans(run, res2.orphans)  # replaces the stale file with a header-only one
    assert read_table(run / ORPHANS_FILE) == []


def test_unknown_verdict_words_are_rejected_with_a_message(tmp_path):
    prev = tmp_path / "relations.csv"
    write_table(prev, "relations", [rel("r1", "yes"), rel("r2", "correct")])
    rows, warnings = carry_reviews(prev, [rel("r1"), rel("r2")])
    assert [r["review"] for r in rows] == ["", "correct"]
    assert len(warnings) == 1
    assert "'yes'" in warnings[0] and "r1" in warnings[0] and "correct, incorrect" in warnings[0]


def test_conflicting_verdicts_are_not_applied_but_kept(tmp_path):
    prev = tmp_path / "relations.csv"
    write_table(prev, "relations", [rel("r1", "correct"), rel("r1", "incorrect")])
    res = carry_reviews_full(prev, [rel("r1")])
    assert res.rows[0]["review"] == ""
    assert [o["orphan_reason"] for o in res.orphans] == ["conflicting verdicts"]
    assert any("both" in w for w in res.warnings)


def test_spreadsheet_byte_order_mark_is_tolerated(tmp_path):
    prev = tmp_path / "relations.csv"
    with prev.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS["relations"])
        w.writeheader()
        w.writerow(rel("r1", "correct"))
    rows, warnings = carry_reviews(prev, [rel("r1")])
    assert rows[0]["review"] == "correct" and warnings == []


def test_archive_keeps_only_reviewed_rows(tmp_path):
    run = tmp_path / "outputs"
    write_table(run / "relations.csv", "relations",
                [rel("r1", "correct"), rel("r2"), rel("r3", "INCORRECT", evidence="=cmd()")])
    ann = tmp_path / "annotations"
    path = archive_reviews(run / "relations.csv", ann)
    assert path.parent == ann / "reviews"
    assert path.name.endswith("_docA.csv") and path.name[:8].isdigit()
    got = read_table(path)
    assert [(r["relation_id"], r["review"]) for r in got] == [("r1", "correct"), ("r3", "incorrect")]
    assert got[1]["evidence"] == ""  # papers' text never goes into the repository
    second = archive_reviews(run / "relations.csv", ann)
    assert second != path and second.exists()  # same second: no overwrite


def test_archive_names_the_run_when_several_documents(tmp_path):
    run = tmp_path / "my run"
    write_table(run / "relations.csv", "relations", [rel("r1", "correct"), rel("r2", "correct", doc="docB")])
    assert archive_reviews(run / "relations.csv", tmp_path / "ann").name.endswith("_my_run.csv")


def test_archive_rejects_unknown_words_and_empty_reviews(tmp_path):
    run = tmp_path / "run"
    write_table(run / "relations.csv", "relations", [rel("r1", "correct"), rel("r2", "maybe")])
    with pytest.raises(ValueError, match="maybe"):
        archive_reviews(run / "relations.csv", tmp_path / "ann")
    assert not (tmp_path / "ann" / "reviews").exists() or not any((tmp_path / "ann" / "reviews").iterdir())
    write_table(run / "relations.csv", "relations", [rel("r1")])
    with pytest.raises(ValueError, match="no reviewed rows"):
        archive_reviews(run / "relations.csv", tmp_path / "ann")
