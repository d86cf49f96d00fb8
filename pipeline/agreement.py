"""Inter-annotator agreement between two standoff passes over the same raw range.

Entity agreement is F1 with one pass taken as reference (F1 is symmetric): strict
(same label and offsets) and lenient (same label, overlapping, one-to-one), plus
normalisation agreement over lenient pairs. Relation agreement is F1 over the
document-level keys (relation, drug, partner, target, mechanism, cancer) and over the
slot pairs, exactly as the scorer builds them. The disagreements are listed so they
can be adjudicated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.annotations import GoldDocument, read_gold
from pipeline.evaluate import (
    _gold_items,
    match_lenient,
    match_strict,
    prf,
    set_scores,
)

PAIRS = (("drug", "target"), ("drug", "mechanism"), ("drug", "cancer"),
         ("target", "mechanism"), ("mechanism", "cancer"))
KEY_FIELDS = ("relation", "drug", "partner", "target", "mechanism", "cancer")


def restrict(doc: GoldDocument, ranges: Iterable[tuple[int, int]]) -> GoldDocument:
    """Only the mentions, relations (by anchor) and outcomes inside ``ranges``."""
    spans = list(ranges)

    def inside(pos: int) -> bool:
        return any(s <= pos < e for s, e in spans)

    by_id = {m.id: m for m in doc.mentions}
    rels = tuple(r for r in doc.relations if r.anchor in by_id and inside(by_id[r.anchor].start))
    outs = tuple(o for o in doc.outcomes if inside(o.start))
    # mentions outside the ranges stay (relation slots may name them) but are marked
    ments = tuple(m if inside(m.start) else replace(m, label="_outside") for m in doc.mentions)
    return replace(doc, mentions=ments, relations=rels, outcomes=outs)


def _pairs(keys: set[tuple]) -> set[tuple]:
    out = set()
    for k in keys:
        d = dict(zip(KEY_FIELDS, k, strict=True))
        for a, b in PAIRS:
            if d[a] and d[b]:
                out.add((d["relation"], a, b, d[a], d[b]))
    return out


def compare(a: GoldDocument, b: GoldDocument) -> dict[str, Any]:
    """Agreement figures of pass ``b`` against pass ``a`` (both already restricted)."""
    a_in = [m for m in a.mentions if m.label != "_outside"]
    b_in = [m for m in b.mentions if m.label != "_outside"]
    am = [(m.label, m.start, m.end) for m in a_in]
    bm = [(m.label, m.start, m.end) for m in b_in]
    strict = match_strict(am, bm)
    lenient = match_lenient(am, bm)
    norm_same = sum(1 for gi, pi in lenient if a_in[gi].norm_id == b_in[pi].norm_id)
    per_label = {}
    for label in sorted({x[0] for x in am + bm}):
        ga = [x for x in am if x[0] == label]
        pb = [x for x in bm if x[0] == label]
        t = len(match_lenient(ga, pb))
        per_label[label] = prf(t, len(pb) - t, len(ga) - t)
    ka = {i.data["key"] for i in _gold_items(a)["relations"]}
    kb = {i.data["key"] for i in _gold_items(b)["relations"]}
    matched_l = {gi for gi, _ in lenient}
    matched_b = {pi for _, pi in lenient}
    return {
        "mentions": {"a": len(am), "b": len(bm)},
        "entity_strict": prf(len(strict), len(bm) - len(strict), len(am) - len(strict)),
        "entity_lenient": prf(len(lenient), len(bm) - len(lenient), len(am) - len(lenient)),
        "entity_lenient_per_label": per_label,
        "normalisation_agreement": {"pairs": len(lenient), "same_id": norm_same,
                                    "rate": round(norm_same / len(lenient), 4) if lenient else 0.0},
        "relation_keys": set_scores(ka, kb),
        "relation_pairs": set_scores(_pairs(ka), _pairs(kb)),
        "only_a_mentions": [(m.label, m.quote, m.start) for i, m in enumerate(a_in)
                            if i not in matched_l],
        "only_b_mentions": [(m.label, m.quote, m.start) for i, m in enumerate(b_in)
                            if i not in matched_b],
        "norm_differences": [(a_in[gi].quote, a_in[gi].norm_id, b_in[pi].norm_id)
                             for gi, pi in lenient if a_in[gi].norm_id != b_in[pi].norm_id],
        "only_a_relations": sorted(ka - kb),
        "only_b_relations": sorted(kb - ka),
    }


def agreement(gold_dir: Path, pass_dir: Path, ranges: list[tuple[int, int]],
              corpus_dirs: list[Path] | None = None) -> dict[str, Any]:
    gold, _ = read_gold(gold_dir, corpus_dirs)
    other, _ = read_gold(pass_dir, corpus_dirs)
    return compare(restrict(gold, ranges), restrict(other, ranges))
