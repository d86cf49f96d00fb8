"""`make train`: rule state from gold dev + reviews, applied by extract; guards; idempotence;
the test split never reaches the training code."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline import rule_state, train
from pipeline.annotations import load_splits, split_of
from pipeline.config import ANNOTATIONS_DIR, CORPUS_DIR, SEED_PATH, SHARED_CORPUS_DIR
from pipeline.errors import DataFileError
from pipeline.evaluate import read_csv
from pipeline.export import COLUMNS, atomic_write_text, csv_text, write_table
from pipeline.models import Mention

SAMPLE = CORPUS_DIR / "sample_kras_g12c_note.txt"
CORPUS_DIRS = [SHARED_CORPUS_DIR, CORPUS_DIR]
REL_HEADER = [*COLUMNS["relations"], "cancer_source"]


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def review_run(run: Path, verdicts: dict[str, str], header: list[str] | None = None,
               extra: dict[str, dict[str, str]] | None = None) -> Path:
    """Write verdicts (relation_id -> word) into a run folder's relations.csv."""
    path = run / "relations.csv"
    rows = read_csv(path)
    for r in rows:
        r["review"] = verdicts.get(r["relation_id"], "")
        r.update((extra or {}).get(r["relation_id"], {}))
    header = header or list(rows[0])
    atomic_write_text(path, csv_text(header, [{k: r.get(k, "") for k in header} for r in rows]))
    return path


@pytest.fixture(scope="module")
def dev_gold(seed_bytes):
    return train.load_dev_gold(ANNOTATIONS_DIR, CORPUS_DIRS)


@pytest.fixture(scope="module")
def measure_run(tmp_path_factory, seed_bytes) -> Path:
    """The measurement run: the shipped rules (no state) over the seed."""
    out = tmp_path_factory.mktemp("train") / "measure"
    train.extract_into([SEED_PATH], out, None)
    return out


@pytest.fixture()
def sample_run(tmp_path) -> Path:
    out = tmp_path / "sample_run"
    train.extract_into([SAMPLE], out, None)
    return out


def state_from(ev: train.Evidence, previous: dict | None = None, **settings) -> dict:
    content = train.compute_state(ev, previous or rule_state.empty_state(), {"test": True}, settings)
    return train.finalize(content, previous or rule_state.empty_state())[0]


# --------------------------------------------------------------------------- the loop


def test_incorrect_verdicts_lower_a_rule_and_the_next_extract_shows_it(
        tmp_path, monkeypatch, dev_gold, measure_run, sample_run):
    rows = read_csv(sample_run / "relations.csv")
    target = [r for r in rows if r["rule_id"] == "RES_MECHANISM"]
    assert target, "the sample note yields RES_MECHANISM rows"
    review_run(sample_run, {r["relation_id"]: "incorrect" for r in target})
    reviews = train.read_reviews([sample_run / "relations.csv"], tmp_path)
    assert not reviews.problems and len(reviews.verdicts) == len(target)

    base = state_from(train.measure(measure_run, dev_gold, train.ReviewSet()))
    ev = train.measure(measure_run, dev_gold, reviews)
    lowered = state_from(ev)
    before, after = base["relation_rules"]["RES_MECHANISM"], lowered["relation_rules"]["RES_MECHANISM"]
    assert after["review_incorrect"] == len(target)
    assert after["support"] == before["support"] + len(target)
    assert after["confidence"] < before["confidence"]
    # a stricter floor disables it; the next extract has no row of that rule
    strict = state_from(ev, rule_precision_floor=after["precision"] + 0.01)
    assert strict["relation_rules"]["RES_MECHANISM"]["status"] == "disabled"
    assert "floor" in strict["relation_rules"]["RES_MECHANISM"]["reason"]

    for state, check in ((lowered, "lower"), (strict, "gone")):
        path = tmp_path / f"state_{check}.json"
        path.write_text(rule_state.dumps(state), encoding="utf-8")
        out = tmp_path / f"next_{check}"
        train.extract_into([SAMPLE], out, path)
        new = [r for r in read_csv(out / "relations.csv") if r["rule_id"] == "RES_MECHANISM"]
        if check == "gone":
            assert new == []
        else:
            assert new and all(float(r["confidence"]) < float(o["confidence"])
                               for r, o in zip(new, target, strict=False))
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert f"+state{state['version']}.{state['hash'][:8]}" in manifest["rulesets"]["relations"]


def test_beta_prior_keeps_a_rule_seen_twice_below_certainty():
    ev = train.Evidence({"R_X": {"gold_correct": 2, "gold_incorrect": 0, "review_correct": 0,
                                 "review_incorrect": 0, "prior": 0.6, "relations": ["inhibits"],
                                 "recall": 0.1}}, {}, {}, {})
    r = state_from(ev)["relation_rules"]["R_X"]
    assert r["precision"] == 1.0 and r["confidence"] == round((2 + 4 * 0.6) / 6, 3) < 1
    assert r["status"] == "enabled"  # below the minimum support nothing is disabled


# --------------------------------------------------------------------------- dev only


def test_only_dev_gold_reaches_the_training_code(monkeypatch, measure_run):
    splits = load_splits(ANNOTATIONS_DIR)
    seen: dict[str, list] = {}
    real = train.measure

    def spy(run_dir, dev, reviews):
        seen["mentions"], seen["relations"] = list(dev.mentions), list(dev.relations)
        return real(run_dir, dev, reviews)

    monkeypatch.setattr(train, "measure", spy)
    dev = train.load_dev_gold(ANNOTATIONS_DIR, CORPUS_DIRS)
    train.measure(measure_run, dev, train.ReviewSet())
    assert seen["mentions"] and seen["relations"]
    for it in seen["mentions"] + seen["relations"]:
        assert split_of(it.doc, it.raw, splits) == "dev"
    assert not any(m.mentions or m.relations for m in dev.docs.values())  # no items kept there


def test_scrambling_the_test_split_changes_nothing(tmp_path, dev_gold, measure_run):
    ann = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS_DIR / "gold", ann / "gold")
    shutil.copy(ANNOTATIONS_DIR / "split.json", ann / "split.json")
    splits = load_splits(ann)
    doc_dir = ann / "gold" / "kras_g12c_resistance_review"
    starts = {}
    changed = 0
    for path in sorted(doc_dir.rglob("mentions*.jsonl")):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            m = json.loads(line)
            starts[m["id"]] = m["start"]
            if split_of("kras_g12c_resistance_review", m["start"], splits) == "test":
                m["norm_id"], m["norm_name"] = "HGNC:0", "scrambled"
                changed += 1
            lines.append(json.dumps(m))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in sorted(doc_dir.rglob("relations*.jsonl")):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if split_of("kras_g12c_resistance_review", starts[r["anchor"]], splits) == "test":
                r["relation"], r["mechanism"] = "inhibits", "OTHER"
                changed += 1
            lines.append(json.dumps(r))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert changed > 100
    scrambled = train.load_dev_gold(ann, CORPUS_DIRS)
    a = state_from(train.measure(measure_run, dev_gold, train.ReviewSet()))
    b = state_from(train.measure(measure_run, scrambled, train.ReviewSet()))
    assert a == b


def test_reviewed_rows_of_the_test_split_are_not_used(tmp_path, dev_gold, measure_run):
    run = tmp_path / "seed_run"
    shutil.copytree(measure_run, run)
    rows = read_csv(run / "relations.csv")
    splits = load_splits(ANNOTATIONS_DIR)
    by_split: dict[str, dict] = {}
    docs = train._matched_run_docs(run, dev_gold)
    _, rd = docs["kras_g12c_resistance_review"]
    for r in rows:
        sent = rd.sentence_by_index(r["sentence_index"])
        by_split.setdefault(split_of("kras_g12c_resistance_review", rd.to_raw(int(sent["start"])),
                                     splits) or "none", r)
    dev_row, test_row = by_split["dev"], by_split["test"]
    review_run(run, {dev_row["relation_id"]: "incorrect", test_row["relation_id"]: "incorrect"})
    reviews = train.read_reviews([run / "relations.csv"], tmp_path)
    assert len(reviews.verdicts) == 2
    ev = train.measure(measure_run, dev_gold, reviews)
    assert ev.review_counts["used_dev_gold_doc"] == 1
    assert ev.review_counts["excluded_not_dev"] == 1


# --------------------------------------------------------------------------- idempotence


def test_train_twice_changes_nothing_the_second_time(tmp_path, seed_bytes):
    ann = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS_DIR / "gold", ann / "gold")
    shutil.copy(ANNOTATIONS_DIR / "split.json", ann / "split.json")
    work = tmp_path / "work"
    first = train.train(ann, CORPUS_DIRS, work)
    assert first.changed and first.state["version"] == 1
    assert first.before is not None and first.after is not None
    assert set(first.after) == {"test", "dev"} and "relations_pairs" in first.after["test"]
    state_bytes = (ann / "rule_state.json").read_bytes()
    report_bytes = (ann / "train_report.md").read_bytes()
    assert b"## Changes against the previous state" in report_bytes
    assert json.loads(state_bytes)["hash"] == rule_state.content_hash(json.loads(state_bytes))
    second = train.train(ann, CORPUS_DIRS, work)
    assert not second.changed and second.changes == []
    assert (ann / "rule_state.json").read_bytes() == state_bytes
    assert (ann / "train_report.md").read_bytes() == report_bytes


def test_same_inputs_same_state(dev_gold, measure_run):
    a = state_from(train.measure(measure_run, dev_gold, train.ReviewSet()))
    b = state_from(train.measure(measure_run, dev_gold, train.ReviewSet()))
    assert rule_state.dumps(a) == rule_state.dumps(b)


# --------------------------------------------------------------------------- guards


@pytest.fixture()
def reviewed(tmp_path):
    """A hand-made reviewed run folder over a small text file: 4 rows of one document."""
    src = tmp_path / "paper.txt"
    src.write_text("Sotorasib plus cetuximab was tested.\n", encoding="utf-8")
    run = tmp_path / "run"
    rows = []
    for i, word in enumerate(["correct", "incorrect", "correct", ""], start=1):
        row = {c: "" for c in REL_HEADER}
        row.update(relation_id=f"R{i}", doc_id="paper", relation="combination", drug="sotorasib",
                   partner="cetuximab", rule_id="COMB_PLUS", confidence="0.85", review=word,
                   evidence="Sotorasib plus cetuximab was tested.", sentence_index="0")
        rows.append(row)
    write_table(run / "relations.csv", "relations", rows, extra=["cancer_source"])
    write_table(run / "documents.csv", "documents", [{
        "doc_id": "paper", "source_path": str(src), "sha256": sha(src), "format": "text",
        "pages": 1, "sentences": 1, "status": "ok", "message": ""}])
    return run


def test_good_rows_are_used(reviewed, tmp_path):
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    assert res.problems == []
    assert [(v.relation_id, v.verdict) for v in res.verdicts] == [
        ("R1", "correct"), ("R2", "incorrect"), ("R3", "correct")]


def test_unknown_columns_skip_the_file(reviewed, tmp_path):
    review_run(reviewed, {"R1": "correct"}, header=[*REL_HEADER, "my_notes"])
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    assert res.verdicts == [] and len(res.problems) == 1
    assert "unknown columns ['my_notes']" in res.problems[0] and "skipped" in res.problems[0]
    assert res.files[0]["skipped"] == 1


def test_bad_verdict_word_skips_that_row_only(reviewed, tmp_path):
    review_run(reviewed, {"R1": "correct", "R2": "yes", "R3": "Incorrect "})
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    assert [(v.relation_id, v.verdict) for v in res.verdicts] == [("R1", "correct"), ("R3", "incorrect")]
    assert len(res.problems) == 1 and "R2" in res.problems[0] and "'yes'" in res.problems[0]


def test_changed_document_skips_its_rows(reviewed, tmp_path):
    (tmp_path / "paper.txt").write_text("A revised version of the paper.\n", encoding="utf-8")
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    assert res.verdicts == []
    assert len(res.problems) == 3 and all("changed since the review" in p for p in res.problems)


def test_unknown_document_version_skips_rows(reviewed, tmp_path):
    (reviewed / "documents.csv").unlink()
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    assert res.verdicts == [] and all("version is unknown" in p for p in res.problems)


def test_contradictory_verdicts_skip_both(reviewed, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(reviewed, other)
    review_run(other, {"R1": "incorrect", "R3": "correct"})
    res = train.read_reviews([reviewed / "relations.csv", other / "relations.csv"], tmp_path)
    assert [(v.relation_id, v.verdict) for v in res.verdicts] == [("R2", "incorrect"), ("R3", "correct")]
    assert len(res.problems) == 1 and "R1" in res.problems[0] and "contradictory" in res.problems[0]
    assert sum(f["used"] for f in res.files) == 3 and sum(f["skipped"] for f in res.files) == 2


def test_wrong_slot_must_name_a_slot_on_an_incorrect_row(reviewed, tmp_path):
    review_run(reviewed, {"R1": "correct", "R2": "incorrect", "R3": "incorrect"},
               header=[*REL_HEADER, "wrong_slot"],
               extra={"R1": {"wrong_slot": "drug"}, "R2": {"wrong_slot": "colour"},
                      "R3": {"wrong_slot": "partner"}})
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    assert [(v.relation_id, v.wrong_slots) for v in res.verdicts] == [("R3", ("partner",))]
    assert len(res.problems) == 2


def test_wrong_slot_proposes_a_misgrounding(reviewed, tmp_path, dev_gold, measure_run):
    review_run(reviewed, {"R3": "incorrect"}, header=[*REL_HEADER, "wrong_slot"],
               extra={"R3": {"wrong_slot": "partner", "partner_id": "DB00002"}})
    res = train.read_reviews([reviewed / "relations.csv"], tmp_path)
    ev = train.measure(measure_run, dev_gold, res)
    state = state_from(ev)
    assert state["misgroundings"]["DB00002|cetuximab"] == {
        "text": "cetuximab", "norm_id": "DB00002", "gold_dev": 0, "review": 1,
        "gold_norm_ids": [], "accepted": False}
    accepted = train.finalize(train.compute_state(ev, state, {"test": True}, None, ["all"]), state)[0]
    assert accepted["misgroundings"]["DB00002|cetuximab"]["accepted"] is True
    assert accepted["version"] == state["version"] + 1


def test_archive_keeps_the_document_versions(reviewed, tmp_path):
    ann = tmp_path / "ann"
    path, side, check = train.archive_run(reviewed, ann)
    assert path.parent == ann / "reviews" and side.name == f"{path.stem}.documents.csv"
    assert [r["doc_id"] for r in read_csv(side)] == ["paper"]
    assert check.problems == [] and check.files[0]["used"] == 3
    assert train.review_files(ann) == [path]


# --------------------------------------------------------------------------- applying the state


def test_state_file_is_validated(tmp_path):
    bad = tmp_path / "s.json"
    bad.write_text(json.dumps({**rule_state.empty_state(), "surprise": 1}), encoding="utf-8")
    with pytest.raises(DataFileError, match="surprise"):
        rule_state.read_state(bad)
    bad.write_text(json.dumps({**rule_state.empty_state(), "relation_rules": {
        "X": {"status": "maybe"}}}), encoding="utf-8")
    with pytest.raises(DataFileError, match="status"):
        rule_state.read_state(bad)
    assert rule_state.read_state(tmp_path / "missing.json")["hash"] == ""


def test_mentions_additions_only_when_accepted_drops_disabled_and_misgrounded(tmp_path):
    from pipeline.grounding import extract_mentions
    from pipeline.ingest import InputFile, ingest_file
    from pipeline.sentences import split_sentences

    doc = ingest_file(InputFile(SAMPLE, "sample"))
    sents = split_sentences(doc)
    mentions = extract_mentions(doc, sents)
    assert not [m for m in mentions if m.text == "stand-in document"]
    cetux = next(m for m in mentions if m.text == "cetuximab")
    state = rule_state.empty_state()
    state["lexicon_additions"] = {"DRUG|CODE:X|stand-in document": {
        "text": "stand-in document", "label": "DRUG", "norm_id": "CODE:X", "norm_name": "x",
        "gold_dev": 1, "accepted": False}}
    assert rule_state.apply_to_mentions(doc, sents, mentions, state) is mentions
    state["lexicon_additions"]["DRUG|CODE:X|stand-in document"]["accepted"] = True
    state["lexicon_terms"] = {rule_state.mention_term_key(cetux): {"status": "disabled"}}
    state["misgroundings"] = {"HGNC:3236|egfr": {"text": "EGFR", "norm_id": "HGNC:3236",
                                                 "accepted": True}}
    out = rule_state.apply_to_mentions(doc, sents, mentions, state)
    added = [m for m in out if m.source == rule_state.ADDITION_SOURCE]
    assert [(m.text, m.label, m.norm_id) for m in added] == [("stand-in document", "DRUG", "CODE:X")]
    assert doc.text[added[0].start:added[0].end] == "stand-in document"
    assert not [m for m in out if m.text == "cetuximab"]
    assert not [m for m in out if m.norm_id == "HGNC:3236" and m.text == "EGFR"]
    assert [m.mention_id for m in out] == [f"M{i}" for i in range(1, len(out) + 1)]
    assert all(isinstance(m, Mention) for m in out)


def test_word_boundaries_for_additions(tmp_path):
    from pipeline.grounding import extract_mentions
    from pipeline.ingest import InputFile, ingest_file
    from pipeline.sentences import split_sentences

    doc = ingest_file(InputFile(SAMPLE, "sample"))
    sents = split_sentences(doc)
    state = rule_state.empty_state()
    state["lexicon_additions"] = {"k": {"text": "note", "label": "DRUG", "norm_id": "CODE:N",
                                        "norm_name": "n", "accepted": True}}
    out = rule_state.apply_to_mentions(doc, sents, extract_mentions(doc, sents), state)
    hits = [m for m in out if m.source == rule_state.ADDITION_SOURCE]
    assert hits and all(doc.text[m.start - 1:m.end + 1].strip(" :.\n") == "note" for m in hits)


def test_load_rules_applies_the_state(tmp_path, monkeypatch):
    from pipeline.relations import load_rules

    shipped = load_rules()
    state = rule_state.empty_state()
    state["relation_rules"] = {"COMB_PLUS": {"status": "disabled"},
                               "INH_VERB": {"status": "enabled", "confidence": 0.42}}
    state["hash"], state["version"] = rule_state.content_hash(state), 7
    path = tmp_path / "state.json"
    path.write_text(rule_state.dumps(state), encoding="utf-8")
    monkeypatch.setenv(rule_state.STATE_ENV, str(path))
    rules = load_rules()
    assert rules.disabled_rule_ids == {"COMB_PLUS"} and rules.rule_confidence == {"INH_VERB": 0.42}
    assert rules.version.startswith(shipped.version.split("+")[0] + "+state7.")
    monkeypatch.setenv(rule_state.STATE_ENV, "off")
    assert load_rules().disabled_rule_ids == frozenset()


def test_missed_gold_mentions_become_proposals(dev_gold, measure_run):
    from dataclasses import replace as dc_replace

    from pipeline.evaluate import Item

    ents = [r for r in read_csv(measure_run / "entities.csv")
            if r["doc_id"] == "kras_g12c_resistance_review"]
    taken = sorted((int(r["start"]), int(r["end"])) for r in ents)
    gap = next(a_end for (_, a_end), (b_start, _) in zip(taken, taken[1:], strict=False)
               if b_start - a_end > 30 and a_end < 15000)
    fake = Item("kras_g12c_resistance_review", gap + 5, {
        "id": "T9999", "label": "GENE", "start": gap + 5, "end": gap + 10, "text": "fakeg",
        "norm_id": "HGNC:0", "norm_name": "FAKEG"})
    dev = dc_replace(dev_gold, mentions=[*dev_gold.mentions, fake])
    ev = train.measure(measure_run, dev, train.ReviewSet())
    state = state_from(ev)
    key = "GENE|HGNC:0|fakeg"
    assert state["lexicon_additions"][key]["accepted"] is False
    accepted = train.compute_state(ev, state, {"test": True}, None, [key])
    assert accepted["lexicon_additions"][key]["accepted"] is True
    again = train.compute_state(ev, accepted, {"test": True}, None, [])
    assert again["lexicon_additions"][key]["accepted"] is True  # acceptance is kept


def test_a_term_without_gold_support_is_disabled(dev_gold, measure_run):
    from dataclasses import replace as dc_replace

    dev = dc_replace(dev_gold, mentions=[m for m in dev_gold.mentions
                                         if m.data["norm_id"] != "HGNC:6407"])  # no KRAS in gold
    state = state_from(train.measure(measure_run, dev, train.ReviewSet()))
    kras = {k: v for k, v in state["lexicon_terms"].items() if "|HGNC:6407|" in k}
    assert kras and any(v["status"] == "disabled" and v["precision"] == 0 for v in kras.values())


def test_cli_archive_reviews(reviewed, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["archive-reviews", "--run", str(reviewed),
                                   "--annotations", str(tmp_path / "ann")])
    assert res.exit_code == 0, res.output
    assert "3 usable, 0 skipped" in res.output
    (reviewed / "relations.csv").write_text((reviewed / "relations.csv").read_text(
        encoding="utf-8").replace(",correct,", ",maybe,", 1), encoding="utf-8")
    res = CliRunner().invoke(app, ["archive-reviews", "--run", str(reviewed),
                                   "--annotations", str(tmp_path / "ann")])
    assert res.exit_code == 2 and "maybe" in res.output
