"""Tests for pipeline.evaluate: hand-worked scores on tiny gold sets and fake run folders.

The fake ingest drops the first line of the raw file ("Close modal\\n", 12 characters),
so canonical offset = raw offset - 12 and the run writes an OffsetMap; some tests use
``offset_map: null`` (canonical text == raw text) instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import evaluate as E
from pipeline.models import OffsetMap

DOC = "mini"
LINES = [
    "Close modal\n",                                                        # dropped by ingest
    "Sotorasib inhibits KRAS G12C in NSCLC.\n",                             # A dev
    "Feedback activation limits sotorasib via EGFR in colorectal cancer.\n",  # B dev
    "Sotorasib plus cetuximab or TNO155 overcomes it.\n",                   # C test
    "The ORR was 32.2% with sotorasib in NSCLC.\n",                         # D test
]
RAW = "".join(LINES)
DROP = len(LINES[0])  # 12
SPLIT_AT = RAW.index(LINES[3])
ENTITY_COLS = ["doc_id", "mention_id", "label", "text", "start", "end", "sentence_index",
               "norm_id", "norm_name", "source", "confidence"]
RELATION_COLS = ["relation_id", "doc_id", "relation", "drug", "drug_id", "partner", "partner_id",
                 "target", "target_id", "variant", "mechanism", "cancer", "cancer_id",
                 "cell_line", "effect", "assertion", "evidence_level", "section", "page",
                 "sentence_index", "evidence", "citations", "rule_id", "confidence", "review"]
OUTCOME_COLS = ["doc_id", "drug", "drug_id", "cancer", "cancer_id", "trial", "metric", "value",
                "unit", "n", "source", "page", "evidence"]


def find(quote: str, line: int, text: str = RAW) -> int:
    """Raw offset of ``quote`` inside LINES[line]."""
    base = sum(len(x) for x in LINES[:line])
    pos = text.index(quote, base)
    assert pos < base + len(LINES[line])
    return pos


def gm(mid: str, label: str, quote: str, line: int, norm_id: str, norm_name: str) -> dict:
    s = find(quote, line)
    e = s + len(quote)
    return {"id": mid, "label": label, "start": s, "end": e, "quote": quote,
            "prefix": RAW[max(0, s - 20):s], "suffix": RAW[e:e + 20], "norm_id": norm_id,
            "norm_name": norm_name}


def grel(rid: str, rel: str, anchor: str, **slots) -> dict:
    base = {"id": rid, "relation": rel, "anchor": anchor, "drug": None, "partner": [],
            "target": None, "variant": None, "mechanism": None, "mechanism_mention": None,
            "cancer": None, "cell_line": None, "effect": None, "assertion": "affirmed",
            "evidence_level": "unspecified"}
    base.update(slots)
    return base


G = {
    "G1": gm("G1", "DRUG", "Sotorasib", 1, "DB15569", "sotorasib"),
    "G2": gm("G2", "VARIANT", "KRAS G12C", 1, "KRAS p.G12C", "KRAS p.G12C"),
    "G3": gm("G3", "CANCER", "NSCLC", 1, "DOID:3908", "lung non-small cell carcinoma"),
    "G4": gm("G4", "GENE", "EGFR", 2, "HGNC:3236", "EGFR"),
    "G5": gm("G5", "MECHANISM", "Feedback activation", 2, "RTK_FEEDBACK", "RTK_FEEDBACK"),
    "G6": gm("G6", "DRUG", "sotorasib", 2, "DB15569", "sotorasib"),
    "G7": gm("G7", "CANCER", "colorectal cancer", 2, "DOID:9256", "colorectal cancer"),
    "G8": gm("G8", "DRUG", "Sotorasib", 3, "DB15569", "sotorasib"),
    "G9": gm("G9", "DRUG", "cetuximab", 3, "DB00002", "cetuximab"),
    "G10": gm("G10", "DRUG", "TNO155", 3, "CODE:TNO155", "TNO155"),
    "G11": gm("G11", "DRUG", "sotorasib", 4, "DB15569", "sotorasib"),
    "G12": gm("G12", "CANCER", "NSCLC", 4, "DOID:3908", "lung non-small cell carcinoma"),
}
RELS = [
    # key (inhibits, sotorasib, "", kras, "", lung non-small cell carcinoma): the VARIANT
    # target stands for its gene (GUIDELINES 9.5)
    grel("R1", "inhibits", "G1", drug="G1", target="G2", variant="G2", cancer="G3"),
    # key (resistance, sotorasib, "", egfr, rtk_feedback, colorectal cancer)
    grel("R2", "resistance", "G5", drug="G6", target="G4", mechanism="RTK_FEEDBACK",
         mechanism_mention="G5", cancer="G7", evidence_level="in_vitro"),
    # key (overcomes, sotorasib, "cetuximab;tno155", "", "", "")
    grel("R3", "overcomes", "G8", drug="G8", partner=["G10", "G9"], effect="positive"),
]
_v = find("32.2", 4)
OUTS = [{"id": "O1", "drug": "G11", "cancer": "G12", "trial": None, "metric": "ORR",
         "value": "32.2", "unit": "%", "n": None, "start": _v, "end": _v + 4, "quote": "32.2",
         "prefix": RAW[_v - 20:_v], "suffix": RAW[_v + 4:_v + 24]}]


def make_gold(tmp_path: Path, mentions=(), relations=(), outcomes=()) -> Path:
    ann = tmp_path / "annotations"
    d = ann / "gold" / DOC
    (d / "part1").mkdir(parents=True)
    (d / "document.json").write_text(json.dumps({
        "doc": DOC, "file": f"{DOC}.txt", "sha256": hashlib.sha256(RAW.encode()).hexdigest(),
        "chars": len(RAW)}))
    for name, rows in (("mentions", mentions), ("relations", relations),
                       ("outcomes", outcomes)):
        (d / "part1" / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (ann / "split.json").write_text(json.dumps({DOC: [
        {"split": "dev", "start": 0, "end": SPLIT_AT, "first": RAW[:30], "title": "dev"},
        {"split": "test", "start": SPLIT_AT, "end": len(RAW),
         "first": RAW[SPLIT_AT:SPLIT_AT + 30], "title": "test"}]}))
    return ann


def write_csv(path: Path, cols: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in cols})


def make_run(tmp_path: Path, entities=None, relations=None, outcomes=None, *,
             identity: bool = False, sha: str | None = None) -> Path:
    """A run folder; ``None`` leaves a CSV out, ``[]`` writes a header-only file.

    Entities are given as (label, quote, line, norm_id[, nth]) and placed at canonical
    offsets; relations/outcomes as dicts (``line`` -> sentence_index / evidence).
    """
    run = tmp_path / "run"
    folder = run / "docs" / "d1"
    folder.mkdir(parents=True)
    drop = 0 if identity else DROP
    text = RAW[drop:]
    (folder / "text.txt").write_text(text, encoding="utf-8")
    om = None if identity else OffsetMap.from_list(list(range(DROP, len(RAW)))).to_json()
    (folder / "offsets.json").write_text(json.dumps({"offset_map": om, "pages": []}))
    sents, pos = [], 0
    for i, line in enumerate(LINES[0 if identity else 1:]):
        sents.append({"index": i, "start": pos, "end": pos + len(line) - 1, "section_index": 0,
                      "page": None, "text": line.rstrip("\n")})
        pos += len(line)
    (folder / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sents))
    line_to_sent = {(i if identity else i + 1): i for i in range(len(sents))}
    write_csv(run / "documents.csv", ["doc_id", "source_path", "sha256", "format", "pages",
                                      "sentences", "status", "message"],
              [{"doc_id": "d1", "source_path": f"/x/{DOC}.txt", "status": "ok",
                "sha256": sha or hashlib.sha256(RAW.encode()).hexdigest()}])
    if entities is not None:
        rows = []
        for k, (label, quote, line, norm_id, *nth) in enumerate(entities):
            s = find(quote, line)
            for _ in range(nth[0] if nth else 0):
                s = RAW.index(quote, s + 1)
            rows.append({"doc_id": "d1", "mention_id": f"m{k}", "label": label, "text": quote,
                         "start": s - drop, "end": s - drop + len(quote),
                         "sentence_index": line_to_sent[line], "norm_id": norm_id})
        write_csv(run / "entities.csv", ENTITY_COLS, rows)
    if relations is not None:
        rows = [dict(r, doc_id="d1", relation_id=f"r{k}",
                     sentence_index=line_to_sent[r["line"]]) for k, r in enumerate(relations)]
        write_csv(run / "relations.csv", RELATION_COLS, rows)
    if outcomes is not None:
        rows = [dict(o, doc_id="d1", evidence=LINES[o["line"]].strip()) for o in outcomes]
        write_csv(run / "outcomes.csv", OUTCOME_COLS, rows)
    return run


def micro(result: dict, split: str, kind: str = "strict") -> dict:
    return result["splits"][split]["entities_mention"][kind]["micro"]


def counts(s: dict) -> tuple:
    return s["tp"], s["fp"], s["fn"], s["precision"], s["recall"], s["f1"]


# --- primitives -----------------------------------------------------------------------


def test_prf():
    # tp 1, fp 1, fn 2: P = 1/2, R = 1/3, F1 = 2*(1/2)(1/3)/(1/2+1/3) = 0.4
    assert counts(E.prf(1, 1, 2)) == (1, 1, 2, 0.5, 0.3333, 0.4)
    # nothing predicted, nothing gold: zeros, not a ZeroDivisionError
    assert counts(E.prf(0, 0, 0)) == (0, 0, 0, 0.0, 0.0, 0.0)
    assert counts(E.prf(0, 0, 5)) == (0, 0, 5, 0.0, 0.0, 0.0)


def test_match_strict_duplicate_prediction_matches_once():
    gold = [("GENE", 0, 4)]
    pred = [("GENE", 0, 4), ("GENE", 0, 4)]
    assert E.match_strict(gold, pred) == [(0, 0)]  # the copy stays a false positive


def test_match_lenient_is_one_to_one():
    # one prediction overlapping two gold spans goes to the larger overlap (5 > 3)
    assert E.match_lenient([("G", 0, 10), ("G", 12, 20)], [("G", 5, 15)]) == [(0, 0)]
    # two predictions overlapping one gold span: only the larger overlap (8 > 5) matches
    assert E.match_lenient([("G", 0, 10)], [("G", 0, 5), ("G", 2, 10)]) == [(0, 1)]
    # an exact span wins over an equal overlap; labels must agree
    assert E.match_lenient([("G", 0, 4)], [("G", 0, 10), ("G", 0, 4)]) == [(0, 1)]
    assert E.match_lenient([("G", 0, 4)], [("D", 0, 4)]) == []


_spans = st.lists(st.tuples(st.sampled_from("GD"), st.integers(0, 30), st.integers(1, 8)).map(
    lambda t: (t[0], t[1], t[1] + t[2])), max_size=8)


@settings(max_examples=200, deadline=None)
@given(_spans, _spans)
def test_matching_properties(gold, pred):
    strict = E.match_strict(gold, pred)
    lenient = E.match_lenient(gold, pred)
    for pairs in (strict, lenient):
        assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert all(gold[g] == pred[p] for g, p in strict)
    assert all(gold[g][0] == pred[p][0] and min(gold[g][2], pred[p][2])
               > max(gold[g][1], pred[p][1]) for g, p in lenient)
    # exact spans are matched first, so lenient never finds fewer matches than strict
    assert len(lenient) >= len(strict)


def test_norm_helpers():
    assert E.norm_partner("TNO155; Cetuximab") == "cetuximab;tno155"
    assert E.norm_partner(["cetuximab", " TNO155 "]) == "cetuximab;tno155"
    assert E.norm_text("  Colorectal\u00a0 cancer ") == "colorectal cancer"
    assert E.norm_number("32.20") == "32.2"
    assert E.norm_number("5.0") == "5"
    assert E.norm_number("32.2%") == "32.2"
    assert E.norm_number("6,3") == "6.3"


# --- entities -------------------------------------------------------------------------


def test_three_gold_two_pred_strict_and_lenient(tmp_path):
    ann = make_gold(tmp_path, mentions=[G["G1"], G["G2"], G["G3"]])
    run = make_run(tmp_path, entities=[
        ("DRUG", "Sotorasib", 1, "CODE:AMG510"),   # exact span, wrong id
        ("VARIANT", "KRAS", 1, "KRAS p.G12C"),      # overlaps "KRAS G12C": lenient only
    ])
    res = E.evaluate_run(run, ann)
    # strict: tp 1 (Sotorasib), fp 1 (KRAS), fn 2 (KRAS G12C, NSCLC)
    #   P = 1/2, R = 1/3, F1 = 0.4
    assert counts(micro(res, "all")) == (1, 1, 2, 0.5, 0.3333, 0.4)
    # lenient: tp 2, fp 0, fn 1 (NSCLC): P = 1, R = 2/3, F1 = 2*(2/3)/(5/3) = 0.8
    assert counts(micro(res, "all", "lenient")) == (2, 0, 1, 1.0, 0.6667, 0.8)
    per = res["splits"]["all"]["entities_mention"]["strict"]["per_label"]
    assert counts(per["VARIANT"])[:3] == (0, 1, 1)
    assert counts(per["CANCER"])[:3] == (0, 0, 1)
    # normalization over the 2 lenient pairs: VARIANT right, DRUG wrong -> 1/2
    assert res["splits"]["all"]["entities_mention"]["normalization"]["micro"] == {
        "matched": 2, "correct": 1, "accuracy": 0.5}
    # document level: gold {DRUG DB15569, VARIANT KRAS p.G12C, CANCER DOID:3908},
    # pred {DRUG CODE:AMG510, VARIANT KRAS p.G12C}: tp 1, fp 1, fn 2
    assert counts(res["splits"]["all"]["entities_document"]["micro"])[:3] == (1, 1, 2)
    # everything lies in dev; test is empty and reports zeros
    assert res["splits"]["dev"]["entities_mention"] == res["splits"]["all"]["entities_mention"]
    assert counts(micro(res, "test")) == (0, 0, 0, 0.0, 0.0, 0.0)
    # error lists carry the run's own sentence (canonical text via OffsetMap.to_canonical)
    errs = res["splits"]["all"]["errors"]["entities"]
    assert [e["text"] for e in errs["false_negatives"]] == ["NSCLC"]
    assert errs["false_negatives"][0]["sentence"] == LINES[1].rstrip("\n")
    assert errs["boundary"][0]["predicted"][2] == "KRAS"
    assert errs["normalization"][0]["predicted_norm"] == "CODE:AMG510"


def test_offsets_mapped_to_raw(tmp_path):
    # the same prediction with and without the 12-character ingest shift matches strictly
    ann = make_gold(tmp_path, mentions=[G["G4"]])
    run = make_run(tmp_path, entities=[("GENE", "EGFR", 2, "HGNC:3236")])
    assert counts(micro(E.evaluate_run(run, ann), "all"))[:3] == (1, 0, 0)
    other = tmp_path / "b"
    other.mkdir()
    run2 = make_run(other, entities=[("GENE", "EGFR", 2, "HGNC:3236")], identity=True)
    assert counts(micro(E.evaluate_run(run2, ann), "all"))[:3] == (1, 0, 0)


def test_empty_predictions_report_zeros(tmp_path):
    ann = make_gold(tmp_path, mentions=list(G.values()), relations=RELS, outcomes=OUTS)
    run = make_run(tmp_path, entities=[])  # header-only entities.csv, no relations/outcomes
    res = E.evaluate_run(run, ann)
    # all: 12 gold mentions, none predicted: tp 0, fp 0, fn 12, P = R = F1 = 0
    assert counts(micro(res, "all")) == (0, 0, 12, 0.0, 0.0, 0.0)
    assert counts(micro(res, "test", "lenient"))[:3] == (0, 0, 5)  # G8..G12
    assert counts(res["splits"]["all"]["relations"]["exact"]["micro"])[:3] == (0, 0, 3)
    assert counts(res["splits"]["all"]["outcomes"])[:3] == (0, 0, 1)
    # document level: 8 distinct (label, norm_id) pairs in the gold
    assert counts(res["splits"]["all"]["entities_document"]["micro"])[:3] == (0, 0, 8)


def test_empty_gold(tmp_path):
    ann = make_gold(tmp_path)
    run = make_run(tmp_path, entities=[("DRUG", "Sotorasib", 1, "DB15569"),
                                       ("CANCER", "NSCLC", 1, "DOID:3908")])
    res = E.evaluate_run(run, ann)
    # 2 predictions, no gold: P = 0/2 = 0, R undefined -> 0
    assert counts(micro(res, "all")) == (0, 2, 0, 0.0, 0.0, 0.0)


def test_duplicate_prediction_is_false_positive(tmp_path):
    ann = make_gold(tmp_path, mentions=[G["G1"]])
    run = make_run(tmp_path, entities=[("DRUG", "Sotorasib", 1, "DB15569")] * 2, identity=True)
    res = E.evaluate_run(run, ann)
    # mention level: the copy cannot match again -> tp 1, fp 1: P = 0.5, R = 1, F1 = 2/3
    assert counts(micro(res, "all")) == (1, 1, 0, 0.5, 1.0, 0.6667)
    assert counts(micro(res, "all", "lenient"))[:3] == (1, 1, 0)
    # document level is a set: the copy collapses -> tp 1, fp 0
    assert counts(res["splits"]["all"]["entities_document"]["micro"])[:3] == (1, 0, 0)


def test_overlapping_predictions_one_to_one(tmp_path):
    ann = make_gold(tmp_path, mentions=[G["G7"]])  # "colorectal cancer"
    run = make_run(tmp_path, entities=[("CANCER", "colorectal", 2, "DOID:9256"),
                                       ("CANCER", "colorectal cancer", 2, "DOID:9256")])
    res = E.evaluate_run(run, ann)
    # the exact span takes the gold mention; the other overlapping prediction is a fp
    assert counts(micro(res, "all", "lenient"))[:3] == (1, 1, 0)
    assert counts(micro(res, "all"))[:3] == (1, 1, 0)
    assert res["splits"]["all"]["errors"]["entities"]["false_positives"][0]["text"] == "colorectal"


def test_split_filtering(tmp_path):
    ann = make_gold(tmp_path, mentions=[G["G9"]])  # cetuximab, line C -> test
    run = make_run(tmp_path, entities=[("DRUG", "Sotorasib", 1, "DB15569")])  # line A -> dev
    res = E.evaluate_run(run, ann)
    assert counts(micro(res, "test"))[:3] == (0, 0, 1)
    assert counts(micro(res, "dev"))[:3] == (0, 1, 0)
    assert counts(micro(res, "all"))[:3] == (0, 1, 1)
    assert res["splits"]["test"]["ranges"] == {DOC: [[SPLIT_AT, len(RAW)]]}
    only_test = E.evaluate_run(run, ann, splits=("test",))
    assert list(only_test["splits"]) == ["test"]


# --- relations and outcomes -----------------------------------------------------------


def test_relations_exact_keys_and_pairs(tmp_path):
    ann = make_gold(tmp_path, mentions=list(G.values()), relations=RELS)
    run = make_run(tmp_path, relations=[
        # partner order and case differ from the gold: same key
        {"line": 3, "relation": "overcomes", "drug": "sotorasib", "partner": "TNO155; Cetuximab",
         "effect": "positive"},
        # whitespace differs: same key as R2
        {"line": 2, "relation": "resistance", "drug": "Sotorasib", "target": "EGFR",
         "mechanism": "RTK_FEEDBACK", "cancer": "colorectal  cancer"},
        # wrong target, no cancer: a false positive; R1 is then a false negative
        {"line": 1, "relation": "inhibits", "drug": "sotorasib", "target": "EGFR"},
    ])
    res = E.evaluate_run(run, ann)
    rel = res["splits"]["all"]["relations"]
    # exact: tp 2 (R2, R3), fp 1, fn 1 (R1): P = R = F1 = 2/3
    assert counts(rel["exact"]["micro"]) == (2, 1, 1, 0.6667, 0.6667, 0.6667)
    assert counts(rel["exact"]["per_relation"]["inhibits"])[:3] == (0, 1, 1)
    assert counts(rel["exact"]["per_relation"]["overcomes"])[:3] == (1, 0, 0)
    # drug-target: gold {inhibits sotorasib-kras, resistance sotorasib-egfr}
    # pred {inhibits sotorasib-egfr, resistance sotorasib-egfr}: tp 1, fp 1, fn 1
    assert counts(rel["pairs"]["drug-target"]["micro"])[:3] == (1, 1, 1)
    assert counts(rel["pairs"]["drug-target"]["per_relation"]["inhibits"])[:3] == (0, 1, 1)
    # drug-cancer: gold has inhibits and resistance pairs, pred only resistance: tp 1, fn 1
    assert counts(rel["pairs"]["drug-cancer"]["micro"])[:3] == (1, 0, 1)
    # mechanism-cancer: only R2 has both, predicted too
    assert counts(rel["pairs"]["mechanism-cancer"]["micro"])[:3] == (1, 0, 0)
    # splits: R3 (anchor in line C) is test; R1 and R2 are dev
    assert counts(res["splits"]["test"]["relations"]["exact"]["micro"])[:3] == (1, 0, 0)
    assert counts(res["splits"]["dev"]["relations"]["exact"]["micro"])[:3] == (1, 1, 1)
    fn = res["splits"]["all"]["errors"]["relations"]["false_negatives"]
    assert fn[0]["gold_ids"] == ["R1"] and fn[0]["key"]["target"] == "kras"
    assert fn[0]["sentence"] == LINES[1].rstrip("\n")
    fp = res["splits"]["all"]["errors"]["relations"]["false_positives"]
    assert fp[0]["relation_ids"] == ["r2"] and fp[0]["sentence"] == LINES[1].rstrip("\n")


def test_outcomes(tmp_path):
    ann = make_gold(tmp_path, mentions=list(G.values()), outcomes=OUTS)
    run = make_run(tmp_path, outcomes=[
        {"line": 4, "drug": "Sotorasib", "cancer_id": "DOID:3908", "metric": "ORR",
         "value": "32.20", "unit": "%"},
        {"line": 4, "drug": "sotorasib", "cancer_id": "DOID:3908", "metric": "DCR",
         "value": "80", "unit": "%"},
    ])
    res = E.evaluate_run(run, ann)
    # tp 1 (32.20 == 32.2), fp 1 (DCR): P = 0.5, R = 1
    assert counts(res["splits"]["all"]["outcomes"]) == (1, 1, 0, 0.5, 1.0, 0.6667)
    assert counts(res["splits"]["test"]["outcomes"])[:3] == (1, 1, 0)  # found in line D
    assert counts(res["splits"]["dev"]["outcomes"])[:3] == (0, 0, 0)
    fp = res["splits"]["all"]["errors"]["outcomes"]["false_positives"]
    assert fp[0]["key"]["metric"] == "dcr" and fp[0]["sentence"] == LINES[4].strip()


# --- run folder problems and reports -------------------------------------------------


def test_missing_run_folder_and_documents_csv(tmp_path):
    ann = make_gold(tmp_path, mentions=[G["G1"]])
    with pytest.raises(E.EvaluationError, match="does not exist"):
        E.evaluate_run(tmp_path / "nope", ann)
    (tmp_path / "empty_run").mkdir()
    with pytest.raises(E.EvaluationError, match="documents.csv is missing"):
        E.evaluate_run(tmp_path / "empty_run", ann)
    out = io.StringIO()
    assert E.evaluate_main(tmp_path / "nope", ann, stream=out) == 2
    assert out.getvalue().startswith("error: run folder")


def test_gold_document_missing_from_run(tmp_path):
    ann = make_gold(tmp_path, mentions=[G["G1"], G["G2"]])
    run = make_run(tmp_path, entities=[("DRUG", "Sotorasib", 1, "DB15569")], sha="0" * 64)
    res = E.evaluate_run(run, ann)
    assert counts(micro(res, "all"))[:3] == (0, 0, 2)  # predictions of "d1" are unscored
    assert res["unscored_run_documents"] == ["d1"]
    assert any("not in the run" in w for w in res["warnings"])


def test_write_reports(tmp_path):
    ann = make_gold(tmp_path, mentions=list(G.values()), relations=RELS, outcomes=OUTS)
    run = make_run(tmp_path, entities=[("DRUG", "Sotorasib", 1, "DB15569")])
    out = io.StringIO()
    assert E.evaluate_main(run, ann, stream=out) == 0
    assert out.getvalue().startswith("test: entities strict F1")
    md = (run / "evaluation.md").read_text()
    assert md.index("## Split `test`") < md.index("## Split `dev`") < md.index("## Split `all`")
    assert "| **micro** | 1 | 0 | 11 |" in md  # all split, strict
    data = json.loads((run / "evaluation.json").read_text())
    assert data["splits"]["all"]["entities_mention"]["strict"]["micro"]["fn"] == 11


# --- the real gold against its own projection -----------------------------------------


def test_gold_projected_onto_seed_run_scores_one(tmp_path, seed_doc, seed_sentences):
    """Gold mapped raw -> canonical through the real ingest's OffsetMap, written as a run,
    must score 1.0 everywhere: this exercises the offset mapping on the seed's artefacts."""
    from pipeline import annotations as A
    from pipeline.config import ANNOTATIONS_DIR

    dirs = A.gold_doc_dirs(ANNOTATIONS_DIR)
    if not dirs:
        pytest.skip("annotations/gold has no documents yet")
    gold = A.load_gold(dirs[0])
    if not gold.mentions:
        pytest.skip("the seed gold has no mentions yet")
    run = tmp_path / "run"
    folder = run / "docs" / seed_doc.doc_id
    folder.mkdir(parents=True)
    (folder / "text.txt").write_text(seed_doc.text, encoding="utf-8")
    om = seed_doc.offset_map
    (folder / "offsets.json").write_text(json.dumps(
        {"offset_map": om.to_json() if om else None, "pages": []}))
    (folder / "sentences.jsonl").write_text("".join(json.dumps(
        {"index": s.index, "start": s.start, "end": s.end, "section_index": s.section_index,
         "page": s.page, "text": s.text}) + "\n" for s in seed_sentences))
    write_csv(run / "documents.csv", ["doc_id", "sha256", "status"],
              [{"doc_id": seed_doc.doc_id, "sha256": seed_doc.sha256, "status": "ok"}])

    def canon(raw: int) -> int:
        c = om.to_canonical(raw) if om else raw
        assert c is not None, f"raw offset {raw} was dropped by the ingest"
        return c

    def sentence(raw: int) -> int:
        c = canon(raw)
        return next(s.index for s in seed_sentences if s.start <= c < s.end)

    by_id = gold.mention_by_id

    def name(mid):
        if mid is None:
            return ""
        m = by_id[mid]
        return m.norm_name.split(" p.")[0] if m.label == "VARIANT" else m.norm_name

    write_csv(run / "entities.csv", ENTITY_COLS, [
        {"doc_id": seed_doc.doc_id, "mention_id": m.id, "label": m.label,
         "start": canon(m.start), "end": canon(m.end - 1) + 1, "norm_id": m.norm_id,
         "norm_name": m.norm_name} for m in gold.mentions])
    write_csv(run / "relations.csv", RELATION_COLS, [
        {"doc_id": seed_doc.doc_id, "relation_id": r.id, "relation": r.relation,
         "drug": name(r.drug), "partner": ";".join(name(p) for p in r.partner),
         "target": name(r.target), "mechanism": r.mechanism or "", "cancer": name(r.cancer),
         "sentence_index": sentence(by_id[r.anchor].start)} for r in gold.relations])
    sents = {s.index: s for s in seed_sentences}
    write_csv(run / "outcomes.csv", OUTCOME_COLS, [
        {"doc_id": seed_doc.doc_id, "drug": name(o.drug), "cancer_id": by_id[o.cancer].norm_id,
         "metric": o.metric, "value": o.value,
         "evidence": seed_doc.text[sents[sentence(o.start)].start:sents[sentence(o.start)].end]}
        for o in gold.outcomes])
    res = E.evaluate_run(run, ANNOTATIONS_DIR)
    for split in ("test", "dev", "all"):
        s = res["splits"][split]
        assert s["entities_mention"]["strict"]["micro"]["fn"] == 0, split
        assert s["entities_mention"]["strict"]["micro"]["fp"] == 0, split
        assert s["entities_mention"]["normalization"]["micro"]["accuracy"] == 1.0, split
        assert s["relations"]["exact"]["micro"]["fp"] == 0, split
        assert s["relations"]["exact"]["micro"]["fn"] == 0, split
        assert s["outcomes"]["fp"] == 0 and s["outcomes"]["fn"] == 0, split
    assert res["splits"]["all"]["entities_mention"]["strict"]["micro"]["tp"] == len(gold.mentions)
