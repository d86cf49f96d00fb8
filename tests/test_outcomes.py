"""Outcomes stage: rules file, table layouts, text constructions. Mentions are built by hand
(the NER is not needed); all sentences below are our own wording with invented figures."""

from __future__ import annotations

import copy
import json
import re

import pytest

from pipeline.export import COLUMNS
from pipeline.models import IngestedDocument, Mention, Section, Sentence, Table
from pipeline.outcomes import (
    RULES_PATH,
    OutcomeRules,
    assign_blocks,
    extract_outcomes,
    load_rules,
    normalise_number,
    parse_label,
)

#: surface -> (label, norm_id, norm_name)
LEX = {
    "sotorasib": ("DRUG", "DB15569", "sotorasib"),
    "adagrasib": ("DRUG", "DB15568", "adagrasib"),
    "osimertinib": ("DRUG", "DB09330", "osimertinib"),
    "Sotorasib": ("DRUG", "DB15569", "sotorasib"),
    "Adagrasib": ("DRUG", "DB15568", "adagrasib"),
    "NSCLC": ("CANCER", "DOID:3908", "lung non-small cell carcinoma"),
    "CRC": ("CANCER", "DOID:9256", "colorectal cancer"),
    "colorectal cancer": ("CANCER", "DOID:9256", "colorectal cancer"),
    "PDAC": ("CANCER", "DOID:3498", "pancreatic ductal adenocarcinoma"),
    "lung adenocarcinoma": ("CANCER", "DOID:3910", "lung adenocarcinoma"),
    "CodeBreaK 100": ("TRIAL", "NCT03600883", "CodeBreaK 100"),
    "NCT03785249": ("TRIAL", "NCT03785249", "KRYSTAL-1"),
}


def make_doc(paragraphs: list[list[str]], tables: tuple[Table, ...] = (), table_text: str = ""):
    """A document whose paragraphs are lists of sentences, plus mentions from LEX."""
    text, sents = "", []
    for p, para in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for k, s in enumerate(para):
            if k:
                text += " "
            sents.append(Sentence(len(sents), len(text), len(text) + len(s), 0, 1, s))
            text += s
    if table_text:
        text += "\n\n"
        start = len(text)
        text += table_text
        tables = tuple(Table(t.index, t.label, t.title, start, len(text), t.rows, t.page) for t in tables)
        for line in table_text.split("\n"):
            i = text.index(line, start)
            sents.append(Sentence(len(sents), i, i + len(line), 1, 1, line))
    doc = IngestedDocument("d1", "d1.txt", "0" * 64, "text", text, None,
                           (Section(0, "", "body", 0, len(text)),), tables=tables)
    return doc, sents, find_mentions(text, sents)


def find_mentions(text: str, sents: list[Sentence]) -> list[Mention]:
    out = []
    pat = re.compile("|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in sorted(LEX, key=len, reverse=True)))
    for m in pat.finditer(text):
        label, nid, name = LEX[m.group(0)]
        si = next(s.index for s in sents if s.start <= m.start() < s.end)
        out.append(Mention("d1", f"T{len(out)}", label, m.group(0), m.start(), m.end(), si, nid, name,
                           "test", 1.0))
    return out


def key(r: dict) -> tuple:
    return (r["drug"], r["cancer"], r["trial"], r["metric"], r["value"], r["unit"], r["n"])


# --- rules ---------------------------------------------------------------------------


def test_shipped_rules_load_and_cover_the_contract_metrics():
    rules = load_rules()
    assert rules.version
    assert {m.id for m in rules.metrics} == {"ORR", "DCR", "mDOR", "mPFS", "mOS", "N"}
    assert {m.id: m.unit for m in rules.metrics}["mPFS"] == "months"


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(extra=1), "unknown keys"),
    (lambda d: d["metrics"][0].update(unit="weeks"), "unit"),
    (lambda d: d["metrics"][1].update(id="ORR"), "unique"),
    (lambda d: d["metrics"][0].pop("terms"), "missing"),
    (lambda d: d["text"].update(max_cancer_gap_chars=0), "positive"),
])
def test_rules_are_validated_on_load(mutate, message):
    data = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    OutcomeRules.from_dict(copy.deepcopy(data))  # the shipped file is valid
    mutate(data)
    with pytest.raises(ValueError, match=message):
        OutcomeRules.from_dict(data)


@pytest.mark.parametrize("label, metric, unit, leftover", [
    ("ORR (%)", "ORR", "%", None),
    ("DCR, %", "DCR", "%", None),
    ("mPFS (mo.)", "mPFS", "months", None),
    ("Median progression-free survival (months)", "mPFS", "months", None),
    ("mDOR (mo.)", "mDOR", "months", None),
    ("Study population (N)", "N", "patients", None),
    ("Study population (N59", "N", "patients", "59"),
])
def test_parse_label(label, metric, unit, leftover):
    got = parse_label(label, load_rules())
    assert (got.metric.id, got.unit, got.leftover) == (metric, unit, leftover)


@pytest.mark.parametrize("label", ["Sponsor", "Dose (mg)", "ORR (months)", "Patient population", ""])
def test_parse_label_rejects_non_metrics(label):
    assert parse_label(label, load_rules()) is None


def test_normalise_number_keeps_the_figure_as_written():
    assert normalise_number(" 4.0") == "4.0"
    assert normalise_number("1,234") == "1234"
    assert normalise_number("NR") is None
    assert normalise_number("12%") is None


def test_assign_blocks_uses_the_subgroup_row():
    labels = ["All doses", "960 mg", "All doses", "600 mg", "Terminated", "Terminated"]
    is_data = [True, True, True, True, False, False]
    assert assign_blocks(6, 4, labels, is_data) == [0, 0, 1, 1, 2, 3]
    # without labels: equal runs of data blocks, NR blocks on their own
    assert assign_blocks(6, 4, None, is_data) == [0, 0, 1, 1, 2, 3]
    assert assign_blocks(4, 2, None, [True] * 4) == [0, 0, 1, 1]
    # a run starts where the first sub-group label comes back, even if the runs are unequal
    assert assign_blocks(4, 2, ["All", "High", "Low", "All"], [True] * 4) == [0, 0, 0, 1]
    assert assign_blocks(2, 3, None, [True, True]) is None


# --- tables --------------------------------------------------------------------------

WIDE_ROWS = (
    ("KRASG12C inhibitor", "Sotorasib", "Adagrasib (MRTX849)", "Drug X"),
    ("Clinical trial", "Phase I (CodeBreaK 100)", "Phase I/II (NCT03785249)", "Note: pooled update",
     "Phase I (NCT00000001)"),
    ("Dose (mg)", "All doses", "High dose", "All doses", "Low dose", "Terminated"),
    ("", "NSCLC", "CRC", "NSCLC", "CRC", "NSCLC", "CRC", "NSCLC", "CRC", "NR"),
    ("Study population (N40", "30", "20", "10", "12", "8", "50", "25", "NR"),
    ("ORR (%)", "31.5", "8.0", "NR", "12", "40", "20", "44", "16", "NR"),
    ("mPFS (mo.)", "6.1", "4.0", "NR", "NR", "NR", "NR", "NR", "NR", "NR"),
)


def wide_doc():
    t = Table(0, "Table 1", "Activity", 0, 0, WIDE_ROWS, page=3)
    text = "\n".join("\t".join(r) for r in WIDE_ROWS)
    return make_doc([["Our own note on trials of sotorasib."]], (t,), text)


def test_wide_table_maps_columns_to_drug_subgroup_and_cancer():
    doc, sents, ments = wide_doc()
    rows = extract_outcomes(doc, sents, ments)
    assert all(list(r) == COLUMNS["outcomes"] for r in rows)
    got = {(r["drug"], r["cancer"], r["trial"], r["metric"], r["value"], r["n"], r["source"]) for r in rows}
    nsclc, crc = "lung non-small cell carcinoma", "colorectal cancer"
    src = "table:Table 1 col {} ({})|OUT-TBL-WIDE"
    # the N label swallowed the first value; it is put back in column 1
    assert ("sotorasib", nsclc, "CodeBreaK 100", "N", "40", "40", src.format(1, "All doses")) in got
    assert ("sotorasib", nsclc, "CodeBreaK 100", "ORR", "31.5", "40", src.format(1, "All doses")) in got
    assert ("sotorasib", crc, "CodeBreaK 100", "mPFS", "4.0", "30", src.format(2, "All doses")) in got
    assert ("sotorasib", crc, "CodeBreaK 100", "ORR", "12", "10", src.format(4, "High dose")) in got
    # the second drug's columns start at the repeated "All doses"; the note cell is not a trial
    assert ("adagrasib", nsclc, "KRYSTAL-1", "ORR", "40", "12", src.format(5, "All doses")) in got
    assert ("adagrasib", crc, "KRYSTAL-1", "ORR", "16", "25", src.format(8, "Low dose")) in got
    # NR cells and the terminated drug give nothing
    assert not any(r["drug"] == "drug x" for r in rows)
    assert not any(r["value"] in ("NR", "") for r in rows)
    assert len(rows) == 8 + 7 + 2  # N, ORR, mPFS
    assert {r["page"] for r in rows} == {3}
    assert all(r["unit"] == {"N": "patients", "ORR": "%", "mPFS": "months"}[r["metric"]] for r in rows)
    assert rows[0]["evidence"].startswith("Study population (N40 | 30 | 20")


def test_wide_table_without_mentions_falls_back_to_cell_text():
    doc, sents, _ = wide_doc()
    rows = extract_outcomes(doc, sents, [])
    first = next(r for r in rows if r["metric"] == "ORR")
    slots = (first["drug"], first["drug_id"], first["cancer"], first["cancer_id"])
    assert slots == ("sotorasib", "", "NSCLC", "")
    assert first["trial"] == "CodeBreaK 100"


def test_long_table_one_row_per_drug():
    rows_ = (("Drug", "Cancer", "N", "ORR (%)", "DCR (%)"),
             ("Sotorasib", "NSCLC", "120", "37.1", "80.6"),
             ("Adagrasib", "PDAC", "10", "NR", "79.5"))
    t = Table(0, "Table 2", "Example", 0, 0, rows_)
    doc, sents, ments = make_doc([["A note."]], (t,), "\n".join("\t".join(r) for r in rows_))
    rows = extract_outcomes(doc, sents, ments)
    assert {key(r) for r in rows} == {
        ("sotorasib", "lung non-small cell carcinoma", "", "N", "120", "patients", "120"),
        ("sotorasib", "lung non-small cell carcinoma", "", "ORR", "37.1", "%", "120"),
        ("sotorasib", "lung non-small cell carcinoma", "", "DCR", "80.6", "%", "120"),
        ("adagrasib", "pancreatic ductal adenocarcinoma", "", "N", "10", "patients", "10"),
        ("adagrasib", "pancreatic ductal adenocarcinoma", "", "DCR", "79.5", "%", "10"),
    }
    assert {r["source"] for r in rows} == {"table:Table 2 row 1|OUT-TBL-LONG",
                                           "table:Table 2 row 2|OUT-TBL-LONG"}
    # the table's lines are sentences too, but are not read a second time as text
    assert not any(r["source"].startswith("text") for r in rows)


def test_a_table_without_metrics_gives_nothing():
    rows_ = (("Inhibitor", "Combination", "Phase"), ("Sotorasib", "Sotorasib + X", "Ib"))
    doc, sents, ments = make_doc([["A note."]], (Table(0, "Table 3", "", 0, 0, rows_),),
                                 "\n".join("\t".join(r) for r in rows_))
    assert extract_outcomes(doc, sents, ments) == []


# --- text ----------------------------------------------------------------------------


def test_respectively_maps_values_to_metrics_and_the_following_cancer():
    doc, sents, ments = make_doc([[
        "In the CodeBreaK 100 study, sotorasib was given to NSCLC (n = 40) and colorectal cancer (n = 30) "
        "patients.",
        "Our summary: ORR, DCR and median PFS were 30.5%, 85.0% and 6.1 months, respectively, in NSCLC, "
        "and 9.0%, 70.2% and 4.2 months, respectively, in colorectal cancer.",
    ]])
    rows = extract_outcomes(doc, sents, ments)
    nsclc, crc = "lung non-small cell carcinoma", "colorectal cancer"
    t = "CodeBreaK 100"
    assert [key(r) for r in rows] == [
        ("sotorasib", nsclc, t, "N", "40", "patients", "40"),
        ("sotorasib", crc, t, "N", "30", "patients", "30"),
        ("sotorasib", nsclc, t, "ORR", "30.5", "%", "40"),
        ("sotorasib", nsclc, t, "DCR", "85.0", "%", "40"),
        ("sotorasib", nsclc, t, "mPFS", "6.1", "months", "40"),
        ("sotorasib", crc, t, "ORR", "9.0", "%", "30"),
        ("sotorasib", crc, t, "DCR", "70.2", "%", "30"),
        ("sotorasib", crc, t, "mPFS", "4.2", "months", "30"),
    ]
    assert rows[2]["source"] == "text|OUT-TXT-RESP" and rows[0]["source"] == "text|OUT-TXT-N"
    assert rows[2]["evidence"] == sents[1].text and rows[2]["page"] == 1
    assert rows[2]["drug_id"] == "DB15569" and rows[2]["cancer_id"] == "DOID:3908"


def test_respectively_with_one_metric_maps_values_to_cancers():
    doc, sents, ments = make_doc([["With adagrasib the ORR was 40% and 11% in NSCLC and CRC, respectively."]])
    rows = extract_outcomes(doc, sents, ments)
    assert [(r["cancer"], r["metric"], r["value"]) for r in rows] == [
        ("lung non-small cell carcinoma", "ORR", "40"), ("colorectal cancer", "ORR", "11")]


def test_metric_value_and_value_metric_forms():
    doc, sents, ments = make_doc([
        ["Adagrasib was studied in a phase II cohort.", "In NSCLC, an ORR of 37.1% was seen."],
        ["The median PFS was 6.8 months in colorectal cancer with sotorasib."],
        ["For comparison, osimertinib gives nearly 80% ORR against lung adenocarcinoma."],
    ])
    rows = extract_outcomes(doc, sents, ments)
    assert [(key(r), r["source"]) for r in rows] == [
        (("adagrasib", "lung non-small cell carcinoma", "", "ORR", "37.1", "%", ""), "text|OUT-TXT-MV"),
        (("sotorasib", "colorectal cancer", "", "mPFS", "6.8", "months", ""), "text|OUT-TXT-MV"),
        (("osimertinib", "lung adenocarcinoma", "", "ORR", "80", "%", ""), "text|OUT-TXT-VM"),
    ]


@pytest.mark.parametrize("sentence", [
    "Mutation rates in NSCLC, colorectal cancer and PDAC are about 13%, 3% and 1%, respectively.",
    "Sotorasib response rates of 30% to 40% were reported in NSCLC.",
    "With sotorasib, the ORR of 6.3 months is a unit error we must not read.",
    "Sotorasib and adagrasib have ORR and DCR of 45% and 96% in NSCLC.",  # list without "respectively"
])
def test_no_figure_is_invented(sentence):
    doc, sents, ments = make_doc([[sentence]])
    assert extract_outcomes(doc, sents, ments) == []


def test_drug_and_cancer_come_from_elsewhere_when_the_sentence_lacks_them():
    doc, sents, ments = make_doc([
        ["Sotorasib and adagrasib are both active.",
         "Data from CodeBreaK 100 show a median PFS of only 6.1 months."],
        ["In CodeBreaK 100, sotorasib gave an mPFS of 6.1 months in NSCLC."],
    ])
    rows = extract_outcomes(doc, sents, ments)
    # two drugs in the sentence before: the trial decides (CodeBreaK 100 goes with sotorasib);
    # no cancer in the sentence: the same figure for the same drug and trial names one
    assert [key(r) for r in rows] == [
        ("sotorasib", "lung non-small cell carcinoma", "CodeBreaK 100", "mPFS", "6.1", "months", ""),
        ("sotorasib", "lung non-small cell carcinoma", "CodeBreaK 100", "mPFS", "6.1", "months", ""),
    ]


def test_repeated_sentences_give_one_row():
    s = "With sotorasib, an ORR of 37.1% was seen in NSCLC."
    doc, sents, ments = make_doc([[s], [s]])
    assert len(extract_outcomes(doc, sents, ments)) == 1


# --- the seed review, with the gold mentions as a perfect NER ------------------------


def _gold_mentions(seed_doc):
    from pipeline.config import ANNOTATIONS_DIR

    folder = ANNOTATIONS_DIR / "gold" / seed_doc.doc_id
    mentions, gold = [], []
    for part in sorted(folder.glob("part*")):
        for line in (part / "mentions.jsonl").read_text(encoding="utf-8").splitlines():
            m = json.loads(line)
            s = seed_doc.offset_map.to_canonical(m["start"]) if seed_doc.offset_map else m["start"]
            e = (seed_doc.offset_map.to_canonical(m["end"] - 1) + 1) if seed_doc.offset_map else m["end"]
            mentions.append(Mention(seed_doc.doc_id, m["id"], m["label"], seed_doc.text[s:e], s, e, -1,
                                    m["norm_id"], m["norm_name"], "gold", 1.0))
        if (part / "outcomes.jsonl").exists():
            lines = (part / "outcomes.jsonl").read_text(encoding="utf-8").splitlines()
            gold += [json.loads(x) for x in lines]
    return mentions, gold


def test_seed_review_outcomes_match_the_gold_given_gold_mentions(seed_doc, seed_sentences):
    mentions, gold = _gold_mentions(seed_doc)
    if not gold:
        pytest.skip("no gold outcomes")
    by_id = {m.mention_id: m for m in mentions}

    def name(mid):
        return by_id[mid].norm_name if mid else ""

    want = sorted((name(o["drug"]), name(o["cancer"]), name(o.get("trial")), o["metric"], o["value"],
                   o["unit"], "" if o["n"] is None else str(o["n"])) for o in gold)
    got = sorted(key(r) for r in extract_outcomes(seed_doc, seed_sentences, mentions))
    assert got == want
