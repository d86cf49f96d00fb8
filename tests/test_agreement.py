"""Agreement between two annotation passes, on hand-made passes with known figures."""

from __future__ import annotations

from pipeline.agreement import compare, restrict
from pipeline.annotations import GoldDocument, GoldMention, GoldRelation


def m(mid, label, start, end, norm="X"):
    return GoldMention(mid, label, start, end, "q" * (end - start), "", "", norm, norm.lower())


def rel(rid, drug, target, anchor):
    return GoldRelation(rid, "resistance", anchor, drug, (), target, None, "RTK_FEEDBACK", None,
                        None, None, None, "affirmed", "in_vitro")


def doc(ments, rels=()):
    return GoldDocument("d", "d.txt", "0" * 64, 1000, tuple(ments), tuple(rels))


def test_entity_and_relation_agreement_worked_by_hand():
    a = doc([m("T1", "DRUG", 0, 9, "DB1"), m("T2", "GENE", 20, 24, "HGNC:1"),
             m("T3", "GENE", 30, 35, "HGNC:2"), m("T4", "CANCER", 50, 55, "DOID:1")],
            [rel("R1", "T1", "T2", "T2"), rel("R2", "T1", "T3", "T3")])
    # b: same drug; GENE 20-24 with another id; GENE 29-35 (lenient only); no cancer; extra GENE
    b = doc([m("T1", "DRUG", 0, 9, "DB1"), m("T2", "GENE", 20, 24, "HGNC:9"),
             m("T3", "GENE", 29, 35, "HGNC:2"), m("T5", "GENE", 70, 74, "HGNC:3")],
            [rel("R1", "T1", "T3", "T3")])
    r = compare(a, b)
    # strict: T1, T2 match -> tp 2, fp 2, fn 2 -> P = R = F1 = 0.5
    assert (r["entity_strict"]["tp"], r["entity_strict"]["fp"], r["entity_strict"]["fn"]) == (2, 2, 2)
    assert r["entity_strict"]["f1"] == 0.5
    # lenient adds T3 ~ T3 -> tp 3, fp 1, fn 1 -> F1 0.75
    assert r["entity_lenient"]["f1"] == 0.75
    # normalisation: 3 lenient pairs, 2 with the same id
    assert r["normalisation_agreement"] == {"pairs": 3, "same_id": 2, "rate": 0.6667}
    # relations: a has keys for targets hgnc:1 and hgnc:2 names; b has hgnc:2 only
    assert r["relation_keys"]["tp"] == 1 and r["relation_keys"]["fn"] == 1 and r["relation_keys"]["fp"] == 0
    assert ("CANCER", "qqqqq", 50) in r["only_a_mentions"]


def test_restrict_keeps_slot_names_but_scores_only_the_range():
    a = doc([m("T1", "DRUG", 0, 9, "DB1"), m("T2", "GENE", 200, 204, "HGNC:1")],
            [rel("R1", "T1", "T2", "T2")])
    inside = restrict(a, [(100, 300)])
    r = compare(inside, inside)
    assert r["mentions"] == {"a": 1, "b": 1}
    assert r["relation_keys"]["tp"] == 1  # the drug outside the range still names the key
