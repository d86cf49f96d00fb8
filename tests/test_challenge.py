"""Challenge sets: format validation and scoring on passages the team wrote."""

from __future__ import annotations

import json

import pytest

from pipeline.challenge import Key, load, predict, row_key, score
from pipeline.config import ANNOTATIONS_DIR
from pipeline.errors import DataFileError


def write(tmp_path, records, name="set.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


COMBO = {"id": "c1", "text": "Sotorasib plus trametinib shrank tumours in patients with NSCLC.",
         "relations": [{"relation": "combination", "drug": "DB15569", "partner": ["DB08911"],
                        "cancer": "DOID:3908", "effect": "positive"}]}


@pytest.mark.parametrize("record, message", [
    ({"id": "x", "text": "t", "relations": [{"relation": "binds", "drug": "DB15569"}]}, "relation must be"),
    ({"id": "x", "text": "t", "relations": [{"relation": "inhibits", "drug": "DB15569"}]}, "needs a target"),
    ({"id": "x", "text": "t", "relations": [{"relation": "combination", "drug": "DB15569"}]},
     "needs a partner"),
    ({"id": "x", "text": "t", "relations": [{"relation": "resistance", "drug": "DB15569",
                                              "mechanism": "MAGIC"}]}, "unknown mechanism"),
    ({"id": "x", "text": "t", "relations": [{"relation": "resistance", "drug": "CLASS:NOPE",
                                              "target": "HGNC:6407"}]}, "CLASS:NOPE"),
    ({"id": "x", "text": "t", "relations": [{"relation": "resistance", "drug": "DB15569",
                                              "target": "HGNC:6407", "cancer": "lung"}]}, "lung"),
    ({"id": "x", "text": "", "relations": []}, "non-empty"),
    ({"id": "x", "text": "t", "extra": 1}, "unknown keys"),
])
def test_bad_records_are_rejected_with_line_number(tmp_path, record, message):
    path = write(tmp_path, [COMBO, record])
    with pytest.raises(DataFileError) as err:
        load(path)
    assert "set.jsonl:2" in str(err.value) and message in str(err.value)


def test_duplicate_ids_and_bad_json(tmp_path):
    with pytest.raises(DataFileError, match="duplicate id"):
        load(write(tmp_path, [COMBO, COMBO]))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": ', encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.jsonl:1: not JSON"):
        load(bad)
    with pytest.raises(DataFileError, match="not found"):
        load(tmp_path / "missing.jsonl")


def test_score_counts_exact_keys_and_pairs(tmp_path):
    passages = load(write(tmp_path, [COMBO]))
    gold = next(iter(passages[0].keys))
    wrong_cancer = {"relation": "combination", "drug_id": "DB15569", "partner_id": "DB08911",
                    "target_id": "", "mechanism": "", "cancer_id": "DOID:9256"}
    result = score(passages, {"c1": [wrong_cancer]})
    exact = result["relations"]["exact"]["combination"]
    assert (exact["tp"], exact["fp"], exact["fn"]) == (0, 1, 1)
    pairs = result["relations"]["pairs"]["combination"]  # only drug-cancer is a pair here
    assert (pairs["tp"], pairs["fp"], pairs["fn"]) == (0, 1, 1)
    right = dict(wrong_cancer, cancer_id="DOID:3908")
    assert row_key(right) == gold
    result = score(passages, {"c1": [right, right]})
    assert result["relations"]["exact"]["micro"]["f1"] == 1.0 and not result["errors"]


def test_pipeline_runs_over_passages(tmp_path):
    passages = load(write(tmp_path, [COMBO]))
    rows = predict(passages)["c1"]
    assert Key("combination", "DB15569", "DB08911", "", "", "DOID:3908") in {row_key(r) for r in rows}


@pytest.mark.parametrize("name", ["dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "dev5.jsonl",
                                  "dev6.jsonl", "dev31.jsonl", "dev32.jsonl", "dev33.jsonl", "dev34.jsonl",
                                  "dev35.jsonl", "dev36.jsonl", "dev37.jsonl", "dev38.jsonl",
                                  "dev39.jsonl", "dev40.jsonl", "dev41.jsonl", "dev42.jsonl",
                                  "dev43.jsonl", "dev44.jsonl",
                                  "heldout.jsonl",
                                  "heldout2.jsonl", "heldout3.jsonl", "heldout8.jsonl", "heldout9.jsonl",
                                  "heldout10.jsonl", "heldout11.jsonl", "heldout12.jsonl",
                                  "heldout13.jsonl", "heldout14.jsonl"])
def test_shipped_sets_are_valid(name):
    passages = load(ANNOTATIONS_DIR / "challenge" / name)
    assert len(passages) >= 20 and sum(len(p.keys) for p in passages) >= 40


@pytest.mark.parametrize("text", ["PARP inhibitors", "RET inhibitors", "AXL inhibitors", "ATR inhibitors",
                                  "WEE1 inhibitors", "CDK2 inhibitors"])
def test_classes_the_lexicon_composes_are_in_the_vocabulary(tmp_path, text):
    from pipeline import vocab
    from pipeline.ingest import InputFile
    from pipeline.process import process_document

    path = tmp_path / "p.txt"
    path.write_text(f"{text} were tested.", encoding="utf-8")
    ents = [e for e in process_document(InputFile(path, "p")).entities if e["label"] == "DRUG_CLASS"]
    assert ents and all(vocab.check_id("DRUG_CLASS", e["norm_id"]) is None for e in ents), ents
