"""Tests for pipeline.annotations (gold loading, validation, splits, brat) and pipeline.vocab."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from pipeline import annotations as A
from pipeline import config, vocab

DOC = "tiny"
RAW = (
    "KRAS G12C inhibitors such as sotorasib and adagrasib are active in NSCLC.\n"
    "Feedback activation limits sotorasib via EGFR in colorectal cancer cells.\n"
    "Sotorasib plus cetuximab\nor TNO155 overcomes this resistance.\n"
    "The ORR was 32.2% in CodeBreaK 100.\n"
)


def ctx(raw: str, start: int, end: int) -> tuple[str, str]:
    return raw[max(0, start - 20):start], raw[end:end + 20]


def mention(mid: str, label: str, quote: str, norm_id: str, norm_name: str, nth: int = 0,
            raw: str = RAW) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = raw.index(quote, start + 1)
    end = start + len(quote)
    prefix, suffix = ctx(raw, start, end)
    return {"id": mid, "label": label, "start": start, "end": end, "quote": quote,
            "prefix": prefix, "suffix": suffix, "norm_id": norm_id, "norm_name": norm_name}


def relation(rid: str, rel: str, anchor: str, **slots) -> dict:
    base = {"id": rid, "relation": rel, "anchor": anchor, "drug": None, "partner": [],
            "target": None, "variant": None, "mechanism": None, "mechanism_mention": None,
            "cancer": None, "cell_line": None, "effect": None, "assertion": "affirmed",
            "evidence_level": "unspecified"}
    base.update(slots)
    return base


MENTIONS = [
    mention("T1", "DRUG_CLASS", "KRAS G12C inhibitors", "CLASS:KRAS_G12C", "KRAS G12C inhibitor"),
    mention("T2", "DRUG", "sotorasib", "DB15569", "sotorasib"),
    mention("T3", "DRUG", "adagrasib", "DB15568", "adagrasib"),
    mention("T4", "CANCER", "NSCLC", "DOID:3908", "lung non-small cell carcinoma"),
    mention("T5", "MECHANISM", "Feedback activation", "RTK_FEEDBACK", "RTK_FEEDBACK"),
    mention("T6", "DRUG", "sotorasib", "DB15569", "sotorasib", nth=1),
    mention("T7", "CANCER", "colorectal cancer", "DOID:9256", "colorectal cancer"),
    mention("T8", "DRUG", "Sotorasib", "DB15569", "sotorasib"),
    mention("T9", "DRUG", "cetuximab", "DB00002", "cetuximab"),
    mention("T10", "DRUG", "TNO155", "CODE:TNO155", "tno155"),
    mention("T11", "TRIAL", "CodeBreaK 100", "NCT03600883", "CodeBreaK 100"),
    mention("T12", "GENE", "EGFR", "HGNC:3236", "EGFR"),
]
RELATIONS = [
    relation("R1", "resistance", "T6", drug="T6", target="T12", mechanism="RTK_FEEDBACK",
             mechanism_mention="T5", cancer="T7", evidence_level="in_vitro"),
    relation("R2", "overcomes", "T8", drug="T8", partner=["T9", "T10"], effect="positive"),
]
_val = RAW.index("32.2")
OUTCOMES = [
    {"id": "O1", "drug": "T2", "cancer": "T4", "trial": "T11", "metric": "ORR", "value": "32.2",
     "unit": "%", "n": 59, "start": _val, "end": _val + 4, "quote": "32.2",
     "prefix": ctx(RAW, _val, _val + 4)[0], "suffix": ctx(RAW, _val, _val + 4)[1]},
]
SPLIT_AT = RAW.index("Sotorasib plus")


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def make_gold(tmp_path: Path, mentions=MENTIONS, relations=RELATIONS, outcomes=OUTCOMES,
              raw: str = RAW, split: list | None = None, document_json: bool = True):
    """annotations/ and corpus/ folders for one tiny gold document, split in two parts."""
    ann = tmp_path / "annotations"
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / f"{DOC}.txt").write_text(raw, encoding="utf-8")
    gdir = ann / "gold" / DOC
    gdir.mkdir(parents=True, exist_ok=True)
    if document_json:
        (gdir / "document.json").write_text(json.dumps({
            "doc": DOC, "file": f"{DOC}.txt",
            "sha256": hashlib.sha256(raw.encode()).hexdigest(), "chars": len(raw)}))
    half = len(mentions) // 2
    write_jsonl(gdir / "part1" / "mentions.jsonl", mentions[:half])
    write_jsonl(gdir / "part2" / "mentions.jsonl", mentions[half:])
    write_jsonl(gdir / "part2" / "relations.jsonl", relations)
    write_jsonl(gdir / "part2" / "outcomes.jsonl", outcomes)
    if split is None:
        split = [{"split": "dev", "start": 0, "end": SPLIT_AT, "first": raw[:30], "title": "a"},
                 {"split": "test", "start": SPLIT_AT, "end": len(raw),
                  "first": raw[SPLIT_AT:SPLIT_AT + 30], "title": "b"}]
    (ann / "split.json").write_text(json.dumps({DOC: split}))
    return ann, corpus


# --- vocab ----------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "norm_id"), [
    ("GENE", "HGNC:6407"), ("GENE", "FPLX:MEK"), ("DRUG", "DB15569"), ("DRUG", "CODE:TNO155"),
    ("DRUG", "CHEBI:45783"), ("DRUG_CLASS", "CLASS:CDK4_6"), ("VARIANT", "KRAS p.G12C"),
    ("VARIANT", "KRAS p.H95D/Q/R"), ("VARIANT", "KRAS p.G12"), ("MECHANISM", "EMT"),
    ("CANCER", "DOID:3908"), ("CELL_LINE", "CVCL_1559"), ("CELL_LINE", "CELL:PaCa-2"),
    ("TRIAL", "NCT03600883"),
])
def test_check_id_accepts_known_ids(label, norm_id):
    assert vocab.check_id(label, norm_id) is None


@pytest.mark.parametrize(("label", "norm_id", "fragment"), [
    ("GENE", "HGNC:99999999", "unknown HGNC"),
    ("GENE", "HGNC:6", "withdrawn"),
    ("GENE", "FPLX:NOT_A_FAMILY", "unknown FamPlex"),
    ("GENE", "KRAS", "neither HGNC"),
    ("DRUG", "DB99999", "unknown DrugBank"),
    ("DRUG", "HGNC:6407", "neither DrugBank"),
    ("DRUG_CLASS", "CLASS:NOPE", "not in drug_classes.tsv"),
    ("VARIANT", "KRAZ p.G12C", "not an approved HGNC symbol"),
    ("VARIANT", "KRAS G12C", "is not '<GENE> p.<change>'"),
    ("MECHANISM", "FEEDBACK", "not a mechanism code"),
    ("CANCER", "DOID:1", "obsolete alt id"),
    ("CANCER", "DOID:999999999", "unknown DOID"),
    ("CELL_LINE", "CVCL_12", "neither CVCL_"),
    ("TRIAL", "NCT123", "not NCT"),
    ("TRIAL", "NCT00000000", "not in trials.tsv"),
    ("PROTEIN", "HGNC:6407", "unknown label"),
    ("GENE", "", "empty"),
])
def test_check_id_rejects(label, norm_id, fragment):
    err = vocab.check_id(label, norm_id)
    assert err is not None and fragment in err


def test_check_name():
    assert vocab.check_name("GENE", "HGNC:9644", "PTPN11") is None
    assert "should be 'PTPN11'" in vocab.check_name("GENE", "HGNC:9644", "SHP2")
    assert vocab.check_name("CANCER", "DOID:3908", "Lung  non-small cell carcinoma") is None
    assert vocab.check_name("DRUG", "CODE:TNO155", "tno155") is None


# --- loading --------------------------------------------------------------------------


def test_load_gold_merges_parts(tmp_path):
    ann, corpus = make_gold(tmp_path)
    gold = A.load_gold(ann / "gold" / DOC, [corpus])
    assert gold.doc == DOC and gold.chars == len(RAW)
    assert [m.id for m in gold.mentions] == [m["id"] for m in MENTIONS]
    assert gold.relations[1].partner == ("T9", "T10")
    assert gold.outcomes[0].n == 59
    assert gold.where("R1").endswith("part2/relations.jsonl:1")


def test_load_gold_rejects_duplicate_ids_and_unknown_keys(tmp_path):
    bad = dict(MENTIONS[0], colour="red")
    ann, corpus = make_gold(tmp_path, mentions=[*MENTIONS, MENTIONS[0], bad])
    _, problems = A.read_gold(ann / "gold" / DOC, [corpus])
    assert any("id T1 already used" in p for p in problems)
    assert any("unknown key 'colour'" in p for p in problems)
    with pytest.raises(A.GoldFormatError):
        A.load_gold(ann / "gold" / DOC, [corpus])


def test_document_json_derived_when_missing(tmp_path):
    ann, corpus = make_gold(tmp_path, document_json=False)
    gold = A.load_gold(ann / "gold" / DOC, [corpus])
    assert gold.file == f"{DOC}.txt"
    assert gold.sha256 == hashlib.sha256(RAW.encode()).hexdigest()
    assert A.validate(ann, [corpus]) == []


# --- validation -----------------------------------------------------------------------


def test_validate_clean_gold(tmp_path):
    ann, corpus = make_gold(tmp_path)
    assert A.validate(ann, [corpus]) == []
    out = io.StringIO()
    assert A.validate_main(ann, [corpus], stream=out) == 0
    assert "OK" in out.getvalue() and "dev: 8 mentions, 1 relations, 0 outcomes" in out.getvalue()


def test_validate_moved_and_lost_anchors(tmp_path):
    moved = dict(MENTIONS[1], start=MENTIONS[1]["start"] + 3, end=MENTIONS[1]["end"] + 3)
    lost = dict(MENTIONS[2], quote="adagrasin", prefix="xx", suffix="yy")
    mentions = [MENTIONS[0], moved, lost, *MENTIONS[3:]]
    ann, corpus = make_gold(tmp_path, mentions=mentions)
    problems = A.validate(ann, [corpus])
    assert any("T2: anchor moved" in p and "shift -3" in p for p in problems), problems
    assert any("T3: anchor lost" in p for p in problems), problems


def test_validate_unknown_hgnc_and_dangling_slot(tmp_path):
    egfr = dict(MENTIONS[-1], norm_id="HGNC:99999999")
    rel = dict(RELATIONS[0], cancer="T99")
    ann, corpus = make_gold(tmp_path, mentions=[*MENTIONS[:-1], egfr],
                            relations=[rel, RELATIONS[1]])
    problems = A.validate(ann, [corpus])
    assert any("T12: unknown HGNC id HGNC:99999999" in p for p in problems), problems
    assert any("R1: cancer -> T99 is not a mention" in p for p in problems), problems
    assert len(problems) == 2, problems


def test_validate_slot_labels_enums_and_required_slots(tmp_path):
    rels = [
        relation("R1", "resistance", "T6", drug="T12", target="T6", assertion="maybe",
                 evidence_level="in_vitro", mechanism="RTK_FEEDBACK"),
        relation("R2", "overcomes", "T8", drug="T8", effect="negative"),
        relation("R3", "blocks", "T8", drug="T8"),
    ]
    ann, corpus = make_gold(tmp_path, relations=rels)
    problems = "\n".join(A.validate(ann, [corpus]))
    assert "R1: drug -> T12 is a GENE, expected DRUG or DRUG_CLASS" in problems
    assert "R1: target -> T6 is a DRUG, expected GENE" in problems
    assert "R1: assertion 'maybe'" in problems
    assert "R2: effect of overcomes is always positive" in problems
    assert "R2: overcomes needs a partner" in problems
    assert "R3: relation 'blocks'" in problems


def test_validate_overlapping_mentions(tmp_path):
    inner = mention("T13", "GENE", "KRAS", "HGNC:6407", "KRAS")  # inside "KRAS G12C inhibitors"
    ann, corpus = make_gold(tmp_path, mentions=[*MENTIONS, inner])
    problems = A.validate(ann, [corpus])
    assert any("T1: overlaps T13" in p for p in problems), problems
    assert len(problems) == 1, problems


def test_inhibits_target_may_be_the_variant(tmp_path):
    # GUIDELINES 9.5: an inhibits claim whose target is named only as a variant
    var = mention("T13", "VARIANT", "G12C", "KRAS p.G12C", "KRAS p.G12C", nth=0)
    var["start"], var["end"] = 5, 9
    var["prefix"], var["suffix"] = ctx(RAW, 5, 9)
    ok = relation("R3", "inhibits", "T2", drug="T2", target="T13", variant="T13")
    bad = relation("R4", "resistance", "T2", drug="T2", target="T13", variant="T13")
    t1 = dict(MENTIONS[0], start=10, end=20, quote="inhibitors", label="DRUG_CLASS",
              prefix=RAW[:10], suffix=RAW[20:40])
    ann, corpus = make_gold(tmp_path, mentions=[t1, *MENTIONS[1:], var],
                            relations=[*RELATIONS, ok, bad])
    problems = A.validate(ann, [corpus])
    assert not any("R3" in p for p in problems), problems
    assert any("R4: target -> T13 is a VARIANT, expected GENE" in p for p in problems), problems


def test_validate_outcome_problems(tmp_path):
    bad = dict(OUTCOMES[0], unit="months", value="about", drug="T4")
    ann, corpus = make_gold(tmp_path, outcomes=[bad])
    problems = "\n".join(A.validate(ann, [corpus]))
    assert "unit 'months' should be '%' for ORR" in problems
    assert "value 'about' is not a number" in problems
    assert "drug -> T4 is a CANCER" in problems


def test_validate_split_problems(tmp_path):
    split = [{"split": "dev", "start": 0, "end": 100, "first": "not the start", "title": "a"},
             {"split": "test", "start": 90, "end": 150, "first": RAW[90:100], "title": "b"}]
    ann, corpus = make_gold(tmp_path, split=split)
    problems = "\n".join(A.validate(ann, [corpus]))
    assert "overlap" in problems
    assert "'first' 'not the start' does not match" in problems
    assert "outside every split.json range" in problems  # the outcome and late mentions


def test_validate_reports_changed_source(tmp_path):
    ann, corpus = make_gold(tmp_path)
    (corpus / f"{DOC}.txt").write_text("Intro. " + RAW, encoding="utf-8")
    problems = A.validate(ann, [corpus])
    assert any("another sha256" in p for p in problems)
    assert any("T1: anchor moved" in p and "shift +7" in p for p in problems)
    assert A.validate_main(ann, [corpus], stream=io.StringIO()) == 1


def test_split_of(tmp_path):
    ann, _ = make_gold(tmp_path)
    splits = A.load_splits(ann)
    assert A.split_of(DOC, 0, splits) == "dev"
    assert A.split_of(DOC, SPLIT_AT - 1, splits) == "dev"
    assert A.split_of(DOC, SPLIT_AT, splits) == "test"
    assert A.split_of(DOC, len(RAW), splits) is None
    assert A.split_of("other", 0, splits) is None


# --- brat -----------------------------------------------------------------------------


def test_brat_round_trip(tmp_path):
    # a mention across a line break, a non-default context, a note, an odd id, multi-partner
    combo = RAW.index("cetuximab\nor TNO155")
    span = {"id": "T13", "label": "DRUG", "start": combo, "end": combo + 19,
            "quote": "cetuximab\nor TNO155", "prefix": "plus ", "suffix": "",
            "norm_id": "CODE:TNO155", "norm_name": "tno155", "note": "test only"}
    extra = mention("X1", "VARIANT", "G12C", "KRAS p.G12C", "KRAS p.G12C")
    ann, corpus = make_gold(tmp_path, mentions=[*MENTIONS, span, extra])
    gold = A.load_gold(ann / "gold" / DOC, [corpus])
    out = tmp_path / "brat"
    ann_path = A.export_brat(gold, RAW, out)
    text = ann_path.read_text()
    assert "T1\tDRUG_CLASS 0 20\tKRAS G12C inhibitors" in text
    assert "Reference T12 HGNC:3236\tEGFR" in text
    assert "Reference T2 DrugBank:DB15569\tsotorasib" in text
    assert f"T13\tDRUG {combo} {combo + 9};{combo + 10} {combo + 19}\t" in text
    assert "Partner:T9 Partner2:T10" in text
    assert (out / f"{DOC}.txt").read_text() == RAW
    back = A.import_brat(ann_path, out / f"{DOC}.txt")
    assert back == gold
    assert back.mentions == gold.mentions and back.relations == gold.relations
    assert back.outcomes == gold.outcomes
    # and back to FORMAT.md JSONL lines, which read as the same records
    lines = A.gold_to_jsonl(back)
    again = [A.record_from_dict("mention", json.loads(x), "x")[0] for x in lines["mentions.jsonl"]]
    assert tuple(again) == gold.mentions


def test_export_brat_all_writes_outside_repo(tmp_path):
    ann, corpus = make_gold(tmp_path)
    paths = A.export_brat_all(ann, [corpus], tmp_path / "out")
    assert [p.name for p in paths] == [f"{DOC}.ann"]
    assert (tmp_path / "out" / "annotation.conf").is_file()


# --- the real gold --------------------------------------------------------------------


def test_real_split_json():
    splits = A.load_splits(config.ANNOTATIONS_DIR)
    seed = "kras_g12c_resistance_review"
    ranges = [(r.split, r.start, r.end) for r in splits[seed]]
    assert ranges == [("dev", 0, 20695), ("test", 20695, 34180)]
    assert A.split_of(seed, 20694, splits) == "dev"
    assert A.split_of(seed, 20695, splits) == "test"
    assert A.split_of(seed, 34180, splits) is None


def test_real_gold_validates():
    if not config.SEED_PATH.is_file():
        pytest.skip(f"seed document {config.SEED_PATH} is absent (it is never committed)")
    assert (config.ANNOTATIONS_DIR / "gold").is_dir(), "annotations/gold is missing"
    problems = A.validate(config.ANNOTATIONS_DIR, [config.SHARED_CORPUS_DIR])
    assert problems == [], "\n".join(problems[:50])
