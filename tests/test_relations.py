"""Relation rules on sentences the team wrote, with hand-placed mentions."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.config import DATA_DIR
from pipeline.errors import DataFileError
from pipeline.models import IngestedDocument, Mention, PageSpan, Section
from pipeline.relations import extract_relations, load_rules, parse_rules
from pipeline.sentences import split_sentences

LEX = {
    "sotorasib": ("DRUG", "DB15569", "sotorasib"),
    "AMG 510": ("DRUG", "DB15569", "sotorasib"),
    "adagrasib": ("DRUG", "DB15568", "adagrasib"),
    "cetuximab": ("DRUG", "DB00002", "cetuximab"),
    "palbociclib": ("DRUG", "DB09073", "palbociclib"),
    "trametinib": ("DRUG", "DB08911", "trametinib"),
    "KRAS G12C inhibitors": ("DRUG_CLASS", "CLASS:KRAS_G12C", "KRAS G12C inhibitor"),
    "SHP2 inhibitors": ("DRUG_CLASS", "CLASS:PTPN11", "SHP2 inhibitor"),
    "MEK inhibitor": ("DRUG_CLASS", "CLASS:MEK", "MEK inhibitor"),
    "AURKA inhibitors": ("DRUG_CLASS", "CLASS:AURKA", "AURKA inhibitor"),
    "EGFR": ("GENE", "HGNC:3236", "EGFR"),
    "SHP2": ("GENE", "HGNC:9644", "PTPN11"),
    "PI3K": ("GENE", "FPLX:PI3K", "PI3K"),
    "MTOR": ("GENE", "HGNC:3942", "MTOR"),
    "KRAS": ("GENE", "HGNC:6407", "KRAS"),
    "BRAF": ("GENE", "HGNC:1097", "BRAF"),
    "MAPK reactivation": ("MECHANISM", "MAPK_REACTIVATION", "MAPK_REACTIVATION"),
    "colorectal cancer": ("CANCER", "DOID:9256", "colorectal cancer"),
    "NSCLC": ("CANCER", "DOID:3908", "lung non-small cell carcinoma"),
    "H358": ("CELL_LINE", "CVCL_1559", "NCI-H358"),
}


def build(text: str):
    doc = IngestedDocument("t", "mem", "0" * 64, "text", text, None,
                           (Section(0, "", "body", 0, len(text)),), (PageSpan(1, 0, len(text)),))
    sents = split_sentences(doc)
    mentions = []
    lex = {k.lower(): v for k, v in LEX.items()}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(LEX, key=len, reverse=True))
                         + r")\b", re.I)
    for m in pattern.finditer(text):
        label, nid, name = lex[m.group(0).lower()]
        si = next(s.index for s in sents if s.start <= m.start() < s.end)
        mentions.append(Mention("t", f"M{len(mentions)}", label, m.group(0), m.start(), m.end(), si,
                                nid, name, "test", 1.0))
    return doc, sents, mentions


def rows_for(text: str) -> list[dict]:
    return extract_relations(*build(text))


def keys(rows, *fields):
    return {tuple(r[f] for f in fields) for r in rows}


@pytest.mark.parametrize("text, rel, drug, partner", [
    ("Patients received sotorasib + cetuximab in the trial.", "combination", "sotorasib", "cetuximab"),
    ("Adagrasib plus palbociclib was given to mice.", "combination", "adagrasib", "palbociclib"),
    ("Sotorasib in combination with trametinib was tested in patients.", "combination", "sotorasib",
     "trametinib"),
    ("The combination of palbociclib and adagrasib reduced tumour volume.", "combination", "adagrasib",
     "palbociclib"),
    ("Addition of cetuximab to sotorasib overcame MAPK reactivation in colorectal cancer.", "overcomes",
     "sotorasib", "cetuximab"),
    ("Coadministration of SHP2 inhibitors with adagrasib restored sensitivity in xenografts.",
     "overcomes", "adagrasib", "SHP2 inhibitor"),
])
def test_combination_phrasings(text, rel, drug, partner):
    rows = rows_for(text)
    assert (rel, drug, partner) in keys(rows, "relation", "drug", "partner"), rows


def test_triplet_with_shared_head_becomes_three_classes():
    rows = rows_for("A triplet combination of KRAS, EGFR, and SHP2 inhibitors caused regression.")
    combos = [r for r in rows if r["relation"] in ("combination", "overcomes")]
    assert combos, rows
    agents = {combos[0]["drug"], *combos[0]["partner"].split(";")}
    assert {"EGFR inhibitor", "SHP2 inhibitor"} <= agents


def test_overcomes_is_positive_and_partner_target_filled_when_named():
    rows = rows_for("EGFR drives resistance. Addition of cetuximab to sotorasib overcame MAPK reactivation "
                    "in colorectal cancer.")
    r = next(r for r in rows if r["relation"] == "overcomes")
    assert r["effect"] == "positive" and r["target"] == "EGFR" and r["cancer"] == "colorectal cancer"
    assert r["mechanism"] == "MAPK_REACTIVATION" and r["rule_id"].startswith("OVC_")
    # a slot points at a mention: the partner's target is left empty when the text never names it
    rows = rows_for("Addition of cetuximab to sotorasib overcame MAPK reactivation in colorectal cancer.")
    assert next(r for r in rows if r["relation"] == "overcomes")["target"] == ""


def test_negated_combination():
    rows = rows_for("There are no clinical trials combining KRAS G12C inhibitors with AURKA inhibitors.")
    r = next(r for r in rows if r["relation"] == "combination")
    assert r["assertion"] == "negated" and r["evidence_level"] == "clinical"


def test_hedged_resistance_with_mediator():
    rows = rows_for("EGFR signalling may mediate resistance to sotorasib in colorectal cancer cells.")
    r = next(r for r in rows if r["relation"] == "resistance")
    assert (r["drug"], r["target"], r["mechanism"]) == ("sotorasib", "EGFR", "RTK_FEEDBACK")
    assert r["assertion"] == "hedged" and r["evidence_level"] == "in_vitro"
    assert r["cancer"] == "colorectal cancer" and r["cancer_source"] == "sentence"


def test_genotype_qualifier_is_not_a_mediator():
    rows = rows_for("Resistance to sotorasib was seen in BRAF-mutant colorectal cancer models.")
    assert not any(r["target"] == "BRAF" for r in rows)


def test_inhibits_from_verb_and_anaphora():
    rows = rows_for("Sotorasib (AMG 510) was studied in NSCLC. Both drugs inhibit KRAS in H358 cells.")
    assert not rows or all(r["drug"] == "sotorasib" for r in rows)
    rows = rows_for("Adagrasib and sotorasib were developed. Both drugs inhibit KRAS in H358 cells.")
    got = keys([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("adagrasib", "KRAS"), ("sotorasib", "KRAS")}
    assert all("+ANAPHOR" in r["rule_id"] for r in rows if r["relation"] == "inhibits")


def test_cancer_inferred_from_cell_line_when_nothing_else():
    rows = rows_for("Sotorasib resistance arose through MAPK reactivation in H358 cells.")
    r = next(r for r in rows if r["relation"] == "resistance")
    assert r["cancer_source"] == "inferred:cell_line" and r["inferred_cancer_id"] == "DOID:3910"
    assert r["cancer_id"] == "" and r["inferred_cancer"] == "lung adenocarcinoma"
    rows = rows_for("Sotorasib resistance arose through MAPK reactivation in NSCLC H358 cells.")
    r = next(r for r in rows if r["relation"] == "resistance")
    assert (r["cancer_id"], r["inferred_cancer_id"], r["cancer_source"]) == ("DOID:3908", "", "sentence")


def test_rows_are_explained_and_ids_stable():
    text = "Adagrasib plus palbociclib was given to mice (3, 4)."
    a, b = rows_for(text), rows_for(text)
    assert [r["relation_id"] for r in a] == [r["relation_id"] for r in b]
    r = a[0]
    assert r["evidence"].startswith("Adagrasib plus") and r["rule_id"] and 0 < r["confidence"] <= 1
    assert r["evidence_level"] == "in_vivo"


def test_every_shipped_rule_compiles_and_bad_files_are_rejected():
    rules = load_rules()
    assert len({p.id for p in rules.combination + rules.inhibits}) == len(rules.combination + rules.inhibits)
    data = json.loads((DATA_DIR / "relation_rules.json").read_text())
    with pytest.raises(DataFileError):
        parse_rules({**data, "surprise": 1})
    bad = json.loads(json.dumps(data))
    bad["combination_patterns"][0]["pattern"] = "({A}"
    with pytest.raises(DataFileError):
        parse_rules(bad)
    bad = json.loads(json.dumps(data))
    bad["inhibits_patterns"].append(dict(bad["inhibits_patterns"][0]))
    with pytest.raises(DataFileError):
        parse_rules(bad)


def test_either_or_distributes_and_lists_stay_together():
    rows = rows_for("Combining sotorasib with either palbociclib or trametinib reduced tumour "
                    "volume in mice.")
    combos = keys([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert combos == {("sotorasib", "palbociclib"), ("sotorasib", "trametinib")}
    rows = rows_for("A triplet of sotorasib, palbociclib and trametinib was given to mice.")
    combos = keys([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert combos == {("sotorasib", "palbociclib;trametinib")}


def test_light_reference_both_takes_two_agents():
    text = ("Adagrasib and sotorasib were compared in NSCLC. Sotorasib was tested first. "
            "Both drugs inhibit KRAS.")
    got = keys([r for r in rows_for(text) if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("adagrasib", "KRAS"), ("sotorasib", "KRAS")}


def test_trial_arms_with_optional_agent_and_local_cancers():
    rows = rows_for("Arms: sotorasib + cetuximab +/- palbociclib or trametinib (colorectal cancer only), "
                    "and adagrasib + trametinib (NSCLC only).")
    combos = {(r["drug"], r["partner"], r["cancer"]) for r in rows if r["relation"] == "combination"}
    assert ("sotorasib", "cetuximab", "colorectal cancer") in combos
    assert ("sotorasib", "cetuximab;palbociclib", "colorectal cancer") in combos
    assert ("sotorasib", "cetuximab;trametinib", "colorectal cancer") in combos
    assert ("adagrasib", "trametinib", "lung non-small cell carcinoma") in combos
    assert not any(d == "adagrasib" and c == "colorectal cancer" for d, _, c in combos)


def test_restored_sensitivity_is_overcomes_for_the_agent_sensitised():
    rows = rows_for("SHP2 inhibitors restore the sensitivity of NSCLC cells to MEK inhibitor treatment.")
    r = next(r for r in rows if r["relation"] == "overcomes")
    assert (r["drug"], r["partner"], r["target"]) == ("MEK inhibitor", "SHP2 inhibitor", "")


def test_pathway_names_are_not_mediators_but_proteins_are():
    rows = rows_for("Resistance to sotorasib arose through PI3K signalling and was mediated by EGFR.")
    targets = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert "EGFR" in targets and "PI3K" not in targets


def test_enhanced_potency_and_this_drug_with_a_partner():
    rows = rows_for("MEK inhibitor treatment enhanced the potency of adagrasib in mice.")
    assert ("combination", "adagrasib") in keys(rows, "relation", "drug")
    rows = rows_for("Sotorasib was developed first. Trials of this drug are ongoing, alone or in "
                    "combination with trametinib.")
    assert ("sotorasib", "trametinib") in keys(rows, "drug", "partner")


def test_definite_combination_of_is_not_an_anaphor():
    text = ("Adagrasib plus palbociclib shrank tumours in mice. The combination of sotorasib and "
            "trametinib was tolerated in NSCLC patients.")
    combos = keys([r for r in rows_for(text) if r["relation"] == "combination"], "drug", "partner")
    assert ("sotorasib", "trametinib") in combos


def test_apposed_class_and_drug_count_once_and_blocking_a_mechanism_is_overcoming():
    rows = rows_for("Combining sotorasib with the SHP2 inhibitors TNO155 prevented MAPK reactivation in "
                    "NSCLC xenografts.")
    assert any(r["relation"] == "overcomes" and r["drug"] == "sotorasib" and r["mechanism"] ==
               "MAPK_REACTIVATION" for r in rows), rows
    assert not any(r["relation"] == "resistance" for r in rows)


def test_drug_with_its_class_in_apposition_is_one_partner():
    rows = rows_for("Sotorasib plus cetuximab, an EGFR inhibitors, was tested in colorectal cancer patients.")
    combos = keys([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert combos == {("sotorasib", "cetuximab")}


def test_context_patterns_are_validated():
    data = json.loads((DATA_DIR / "relation_rules.json").read_text(encoding="utf-8"))
    del data["context_patterns"]["dose"]
    with pytest.raises(DataFileError, match="missing \\['dose'\\]"):
        parse_rules(data)
    data = json.loads((DATA_DIR / "relation_rules.json").read_text(encoding="utf-8"))
    data["context_patterns"]["dose"] = "(unclosed"
    with pytest.raises(DataFileError, match="context_patterns.dose"):
        parse_rules(data)


def test_coordinated_cancers_chain_both_ways():
    from pipeline.models import Mention
    from pipeline.relations import _with_coordinated

    text = "in lung, pancreatic, and colon cancer cells, whereas melanoma lines were spared"

    def cancer(word: str) -> Mention:
        i = text.index(word)
        return Mention("d", word, "CANCER", word, i, i + len(word), 0, word, word, "test", 1.0)

    lung, panc, colon, mel = (cancer(w) for w in ("lung", "pancreatic", "colon cancer", "melanoma"))
    every = [lung, panc, colon, mel]
    assert _with_coordinated([colon], every, text) == [lung, panc, colon]
    assert _with_coordinated([lung], every, text) == [lung, panc, colon]
    assert _with_coordinated([mel], every, text) == [mel]
