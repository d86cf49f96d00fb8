"""Score a run folder against the gold annotations (SPEC.md "Scoring").

``evaluate_run(run_dir, annotations_dir, corpus_dirs, splits)`` returns a JSON-ready
dict; ``write_reports(result, run_dir)`` writes ``evaluation.json`` and
``evaluation.md``; ``evaluate_main(...)`` does both and prints a summary (exit code).

How it scores (every figure comes with tp / fp / fn):

- Run documents are matched to gold documents by sha256 (``documents.csv``); a gold
  document without a sha256 falls back to ``doc_id == gold doc name``. A gold document
  missing from the run counts all its gold items as false negatives.
- Predicted mentions (canonical offsets) are mapped to raw offsets with the run's
  ``docs/<doc_id>/offsets.json`` (``offset_map: null`` = canonical text is the raw text).
- Splits: an item belongs to ``dev`` / ``test`` when its raw start lies in that split's
  ranges in ``annotations/split.json`` (gold and predictions alike); ``all`` takes
  everything. Relations are placed by their evidence sentence (predictions: the run's
  sentence ``start``; gold: the anchor mention); predicted outcomes by where their
  ``evidence`` text occurs in the run's text (not found: ``all`` only).
- Mentions, strict: same label and raw span, one-to-one. A duplicate prediction (same
  label and span twice) can match only one gold mention: the copy is a false positive.
- Mentions, lenient: same label and overlapping spans, one-to-one, greedy: exact
  matches first, then the largest overlap, then the smallest start distance.
- Normalization accuracy: over lenient-matched pairs, ``norm_id`` equal.
- Document level entities: sets of (label, norm_id) per document; a prediction with an
  empty norm_id is the pair (label, "") and so a false positive.
- Relations: the set of keys (relation, drug, partner, target, mechanism, cancer) per
  document, names lower-cased with whitespace collapsed, partner names sorted and
  ``;``-joined; gold names are the slot mentions' ``norm_name`` (mechanism: the code).
  Pairs drug-target, drug-mechanism, drug-cancer, target-mechanism, mechanism-cancer:
  sets of (relation, a, b) per document, counted only when both are non-empty.
- Outcomes: the set of (drug name, cancer_id, metric, value) per document, value as a
  normalised number string ("32.20" -> "32.2", "5.0" -> "5").
- Precision with no predictions and recall with no gold are reported as 0.0 (the counts
  say why).
- Error lists quote sentences from the run's own ``text.txt`` / ``sentences.jsonl``;
  a gold item's raw offset is mapped to canonical with ``OffsetMap.to_canonical``.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from pipeline import config
from pipeline.annotations import (
    ENTITY_LABELS,
    RELATION_TYPES,
    GoldDocument,
    GoldFormatError,
    load_all_gold,
    load_splits,
    split_of,
)
from pipeline.models import OffsetMap

SPLIT_ORDER = ("test", "dev", "all")
PAIRS = (("drug", "target"), ("drug", "mechanism"), ("drug", "cancer"),
         ("target", "mechanism"), ("mechanism", "cancer"))
KEY_FIELDS = ("relation", "drug", "partner", "target", "mechanism", "cancer")
MD_LIST_LIMIT = 100
csv.field_size_limit(10 * 1024 * 1024)


class EvaluationError(Exception):
    """The run or the gold cannot be evaluated; the message is meant for the user."""


# --- scoring primitives ---------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Counts with precision, recall, F1 (0.0 when a denominator is 0)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


Span = tuple[str, int, int]  # (label, start, end)


def match_strict(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs with identical label and span."""
    free: dict[Span, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        free[g].append(gi)
    pairs = []
    for pi, p in enumerate(pred):
        if free.get(p):
            pairs.append((free[p].pop(0), pi))
    return pairs


def match_lenient(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs with the same label and overlapping spans, chosen greedily.

    Candidates are ranked: exact span first, then larger overlap, then smaller start
    distance, then order of appearance.
    """
    cands = []
    for gi, (gl, gs, ge) in enumerate(gold):
        for pi, (pl, ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if gl == pl and ov > 0:
                cands.append(((gs, ge) != (ps, pe), -ov, abs(gs - ps), gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def set_scores(gold: set, pred: set) -> dict[str, float | int]:
    return prf(len(gold & pred), len(pred - gold), len(gold - pred))


def norm_text(value: str | None) -> str:
    """Lower-case, whitespace collapsed."""
    return " ".join((value or "").lower().split())


def norm_partner(value: str | Iterable[str] | None) -> str:
    items = value.split(";") if isinstance(value, str) else list(value or ())
    return ";".join(sorted(n for n in (norm_text(x) for x in items) if n))


def norm_number(value: str | None) -> str:
    """A number as a canonical string: '32.20' -> '32.2', '5.0' -> '5', '32.2%' -> '32.2'."""
    m = re.search(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)", (value or "").replace("\u2212", "-"))
    if not m:
        return norm_text(value)
    try:
        d = Decimal(m.group().replace(",", "."))
    except InvalidOperation:
        return norm_text(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


# --- run folder -----------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file; [] when the file is absent, empty or header-only."""
    if not path.is_file() or path.stat().st_size == 0:
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: _uninert(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def _uninert(value: str | None) -> str:
    """Undo the export's formula guard (a leading ' before = + - @ tab CR)."""
    if value and value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return value[1:]
    return value or ""


@dataclass
class RunDoc:
    """One document of a run, with its canonical text and sentences (loaded lazily)."""

    run_dir: Path
    doc_id: str
    sha256: str
    status: str
    warnings: list[str] = field(default_factory=list)
    _loaded: bool = False
    text: str | None = None
    offset_map: OffsetMap | None = None
    sentences: list[dict[str, Any]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def load(self) -> RunDoc:
        if self._loaded:
            return self
        self._loaded = True
        folder = self.run_dir / "docs" / self.doc_id
        text_path = folder / "text.txt"
        if text_path.is_file():
            self.text = text_path.read_text(encoding="utf-8")
        else:
            self.warnings.append(f"{self.doc_id}: {text_path} missing (no sentences in errors)")
        off = folder / "offsets.json"
        if off.is_file():
            data = json.loads(off.read_text(encoding="utf-8"))
            om = data.get("offset_map") if isinstance(data, dict) else None
            self.offset_map = OffsetMap.from_json(om) if om else None
        else:
            self.warnings.append(f"{self.doc_id}: {off} missing; canonical offsets taken as raw")
        sent = folder / "sentences.jsonl"
        if sent.is_file():
            with sent.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            self.sentences = sorted(rows, key=lambda s: int(s["start"]))
            self._starts = [int(s["start"]) for s in self.sentences]
        else:
            self.warnings.append(f"{self.doc_id}: {sent} missing")
        return self

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offset_map is None:
            return start, end
        return self.offset_map.span_to_raw(start, end)

    def to_raw(self, offset: int) -> int:
        return offset if self.offset_map is None else self.offset_map.to_raw(offset)

    def to_canonical(self, raw: int) -> int | None:
        return raw if self.offset_map is None else self.offset_map.to_canonical(raw)

    def sentence_at(self, canonical: int | None) -> dict[str, Any] | None:
        if canonical is None or not self._starts:
            return None
        i = bisect.bisect_right(self._starts, canonical) - 1
        if i >= 0 and canonical < int(self.sentences[i]["end"]):
            return self.sentences[i]
        return None

    def sentence_by_index(self, index: str | int | None) -> dict[str, Any] | None:
        try:
            idx = int(index)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        for s in self.sentences:
            if int(s["index"]) == idx:
                return s
        return None

    def sentence_text(self, sent: dict[str, Any] | None) -> str:
        if sent is None:
            return ""
        if self.text is not None:
            return self.text[int(sent["start"]):int(sent["end"])]
        return str(sent.get("text", ""))

    def sentence_for_raw(self, raw: int) -> tuple[int | None, str]:
        """(sentence index, text) of the run sentence holding a raw offset."""
        sent = self.sentence_at(self.to_canonical(raw))
        if sent is None:
            return None, ""
        return int(sent["index"]), self.sentence_text(sent)


def read_run_documents(run_dir: Path) -> list[RunDoc]:
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise EvaluationError(f"run folder {run_dir} does not exist (run `make extract` first)")
    path = run_dir / "documents.csv"
    if not path.is_file():
        raise EvaluationError(f"{path} is missing: {run_dir} is not a finished run folder")
    rows = read_csv(path)
    if rows and not {"doc_id", "sha256"} <= set(rows[0]):
        raise EvaluationError(f"{path}: needs the columns doc_id and sha256")
    return [RunDoc(run_dir, r["doc_id"], r.get("sha256", ""), r.get("status", "")) for r in rows]


# --- items ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A gold or predicted unit placed in a document at a raw offset (None: unplaced)."""

    doc: str
    raw: int | None
    data: dict[str, Any]


def _in_split(doc: str, raw: int | None, split: str, splits: Any) -> bool:
    if split == "all":
        return True
    return raw is not None and split_of(doc, raw, splits) == split


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _gold_items(gold: GoldDocument) -> dict[str, list[Item]]:
    by_id = gold.mention_by_id

    def name(mid: str | None) -> str:
        """Slot name; a VARIANT in a target slot (GUIDELINES 9.5) stands for its gene."""
        m = by_id.get(mid) if mid is not None else None
        if m is None:
            return ""
        return m.norm_name.split(" p.")[0] if m.label == "VARIANT" else m.norm_name

    out: dict[str, list[Item]] = {"mentions": [], "relations": [], "outcomes": []}
    for m in gold.mentions:
        out["mentions"].append(Item(gold.doc, m.start, {
            "id": m.id, "label": m.label, "start": m.start, "end": m.end, "text": m.quote,
            "norm_id": m.norm_id, "norm_name": m.norm_name}))
    for r in gold.relations:
        anchor = by_id.get(r.anchor)
        key = (r.relation, norm_text(name(r.drug)), norm_partner(name(p) for p in r.partner),
               norm_text(name(r.target)), norm_text(r.mechanism), norm_text(name(r.cancer)))
        out["relations"].append(Item(gold.doc, anchor.start if anchor else None,
                                     {"id": r.id, "key": key}))
    for o in gold.outcomes:
        cancer = by_id.get(o.cancer)
        key = (norm_text(name(o.drug)), (cancer.norm_id if cancer else "").strip(),
               norm_text(o.metric), norm_number(o.value))
        out["outcomes"].append(Item(gold.doc, o.start, {"id": o.id, "key": key}))
    return out


def _pred_items(run_dir: Path, docs: dict[str, tuple[str, RunDoc]],
                warnings: list[str]) -> dict[str, list[Item]]:
    """Predictions of matched documents; ``docs`` maps run doc_id -> (gold doc, RunDoc)."""
    out: dict[str, list[Item]] = {"mentions": [], "relations": [], "outcomes": [], "baseline": []}
    for row in read_csv(run_dir / "entities.csv"):
        if row.get("doc_id") not in docs:
            continue
        gdoc, rd = docs[row["doc_id"]]
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is None or end is None:
            warnings.append(f"entities.csv {row.get('mention_id')}: bad start/end, skipped")
            continue
        rs, re_ = rd.to_raw_span(start, end)
        out["mentions"].append(Item(gdoc, rs, {
            "id": row.get("mention_id", ""), "label": row.get("label", ""), "start": rs,
            "end": re_, "canonical": [start, end], "text": row.get("text", ""),
            "norm_id": (row.get("norm_id") or "").strip(), "norm_name": row.get("norm_name", ""),
            "run_doc": row["doc_id"]}))
    for row in read_csv(run_dir / "relations.csv"):
        if row.get("doc_id") not in docs:
            continue
        gdoc, rd = docs[row["doc_id"]]
        sent = rd.sentence_by_index(row.get("sentence_index"))
        raw = rd.to_raw(int(sent["start"])) if sent else None
        key = (norm_text(row.get("relation")), norm_text(row.get("drug")),
               norm_partner(row.get("partner")), norm_text(row.get("target")),
               norm_text(row.get("mechanism")), norm_text(row.get("cancer")))
        out["relations"].append(Item(gdoc, raw, {
            "id": row.get("relation_id", ""), "key": key, "run_doc": row["doc_id"],
            "sentence_index": _int(row.get("sentence_index")),
            "sentence": rd.sentence_text(sent)}))
    out["baseline"] = _baseline_items(run_dir, docs)
    for row in read_csv(run_dir / "outcomes.csv"):
        if row.get("doc_id") not in docs:
            continue
        gdoc, rd = docs[row["doc_id"]]
        evidence = (row.get("evidence") or "").strip()
        raw = None
        if evidence and rd.text:
            pos = rd.text.find(evidence)
            raw = rd.to_raw(pos) if pos >= 0 else None
        if raw is None and (row.get("source") or "").startswith("table:"):
            pos = _table_start(run_dir, row["doc_id"], row["source"])
            raw = rd.to_raw(pos) if pos is not None else None
        key = (norm_text(row.get("drug")), (row.get("cancer_id") or "").strip(),
               norm_text(row.get("metric")), norm_number(row.get("value")))
        sent = rd.sentence_at(rd.to_canonical(raw)) if raw is not None else None
        out["outcomes"].append(Item(gdoc, raw, {
            "key": key, "run_doc": row["doc_id"],
            "sentence": rd.sentence_text(sent) if sent else evidence}))
    return out


def _baseline_items(run_dir: Path, docs: dict[str, tuple[str, RunDoc]]) -> list[Item]:
    """Sentence co-occurrence baseline from the run's own entities: every agent with every
    gene (inhibits), mechanism (resistance) and other agent (combination) of its sentence,
    the sentence's first cancer as context. Shows what the relation rules add."""
    by_sent: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in read_csv(run_dir / "entities.csv"):
        if row.get("doc_id") in docs:
            by_sent[(row["doc_id"], row.get("sentence_index", ""))].append(row)
    items: list[Item] = []
    for (doc_id, si), rows in by_sent.items():
        gdoc, rd = docs[doc_id]
        sent = rd.sentence_by_index(si)
        raw = rd.to_raw(int(sent["start"])) if sent else None
        agents = {r["norm_name"]: r for r in rows if r["label"] in ("DRUG", "DRUG_CLASS")}
        cancers = [r for r in rows if r["label"] == "CANCER"]
        cancer = norm_text(cancers[0]["norm_name"]) if cancers else ""
        for name in agents:
            for r in rows:
                target = mech = partner = ""
                if r["label"] == "GENE":
                    rel, target = "inhibits", r["norm_name"]
                elif r["label"] == "MECHANISM":
                    rel, mech = "resistance", r["norm_id"]
                elif r["label"] in ("DRUG", "DRUG_CLASS") and r["norm_name"] > name:
                    rel, partner = "combination", r["norm_name"]
                else:
                    continue
                key = (rel, norm_text(name), norm_partner([partner] if partner else []),
                       norm_text(target), norm_text(mech), cancer)
                items.append(Item(gdoc, raw, {"id": "", "key": key, "run_doc": doc_id,
                                              "sentence_index": _int(si), "sentence": ""}))
    return items


def _table_start(run_dir: Path, doc_id: str, source: str) -> int | None:
    """Canonical start of the table an outcome row came from ("table:Table 1 ...")."""
    label = re.match(r"table:(Table\s+\S+?)(?:\s|\||$)", source)
    path = run_dir / "docs" / doc_id / "tables.json"
    if not label or not path.exists():
        return None
    for table in json.loads(path.read_text(encoding="utf-8")):
        if table.get("label") == label.group(1):
            return int(table["start"])
    return None


# --- scoring one split ----------------------------------------------------------------


def _score_mentions(gold: list[Item], pred: list[Item], sentence_of) -> dict[str, Any]:
    counts = {kind: {lab: [0, 0, 0] for lab in ENTITY_LABELS} for kind in ("strict", "lenient")}
    norm = {lab: [0, 0] for lab in ENTITY_LABELS}
    errors: dict[str, list[dict[str, Any]]] = {
        "false_positives": [], "false_negatives": [], "boundary": [], "normalization": []}
    docs = sorted({i.doc for i in gold} | {i.doc for i in pred})
    for doc in docs:
        g = [i for i in gold if i.doc == doc]
        p = [i for i in pred if i.doc == doc]
        gs = [(i.data["label"], i.data["start"], i.data["end"]) for i in g]
        ps = [(i.data["label"], i.data["start"], i.data["end"]) for i in p]
        for kind, pairs in (("strict", match_strict(gs, ps)), ("lenient", match_lenient(gs, ps))):
            mg = {gi for gi, _ in pairs}
            mp = {pi for _, pi in pairs}
            for gi, (lab, *_) in enumerate(gs):
                counts[kind].setdefault(lab, [0, 0, 0])[0 if gi in mg else 2] += 1
            for pi, (lab, *_) in enumerate(ps):
                if pi not in mp:
                    counts[kind].setdefault(lab, [0, 0, 0])[1] += 1
            if kind != "lenient":
                continue
            for gi, pi in pairs:
                gd, pd = g[gi].data, p[pi].data
                ok = gd["norm_id"] == pd["norm_id"]
                norm.setdefault(gd["label"], [0, 0])[0] += 1
                norm[gd["label"]][1] += ok
                if (gd["start"], gd["end"]) != (pd["start"], pd["end"]):
                    errors["boundary"].append({
                        "doc": doc, "label": gd["label"], "gold_id": gd["id"],
                        "gold": [gd["start"], gd["end"], gd["text"]],
                        "predicted": [pd["start"], pd["end"], pd["text"]],
                        "pred_id": pd["id"]})
                if not ok:
                    errors["normalization"].append({
                        "doc": doc, "label": gd["label"], "gold_id": gd["id"],
                        "pred_id": pd["id"], "text": pd["text"], "gold_norm": gd["norm_id"],
                        "gold_name": gd["norm_name"], "predicted_norm": pd["norm_id"],
                        "predicted_name": pd["norm_name"]})
            for gi in sorted(set(range(len(g))) - mg):
                gd = g[gi].data
                idx, sent = sentence_of(doc, gd["start"])
                errors["false_negatives"].append({
                    "doc": doc, "label": gd["label"], "id": gd["id"], "start": gd["start"],
                    "end": gd["end"], "text": gd["text"], "norm_id": gd["norm_id"],
                    "sentence_index": idx, "sentence": sent})
            for pi in sorted(set(range(len(p))) - mp):
                pd = p[pi].data
                idx, sent = sentence_of(doc, pd["start"])
                errors["false_positives"].append({
                    "doc": doc, "label": pd["label"], "id": pd["id"], "start": pd["start"],
                    "end": pd["end"], "text": pd["text"], "norm_id": pd["norm_id"],
                    "sentence_index": idx, "sentence": sent})
    result: dict[str, Any] = {}
    for kind in ("strict", "lenient"):
        per = {lab: prf(*c) for lab, c in counts[kind].items()}
        tot = [sum(c[i] for c in counts[kind].values()) for i in range(3)]
        result[kind] = {"per_label": per, "micro": prf(*tot)}
    result["normalization"] = {
        "per_label": {lab: _accuracy(*c) for lab, c in norm.items()},
        "micro": _accuracy(sum(c[0] for c in norm.values()), sum(c[1] for c in norm.values())),
    }
    result["errors"] = errors
    return result


def _accuracy(matched: int, correct: int) -> dict[str, Any]:
    return {"matched": matched, "correct": correct,
            "accuracy": round(correct / matched, 4) if matched else 0.0}


def _by_doc_sets(items: list[Item], key) -> dict[str, set]:
    out: dict[str, set] = defaultdict(set)
    for it in items:
        k = key(it)
        if k is not None:
            out[it.doc].add(k)
    return out


def _score_sets(gold: dict[str, set], pred: dict[str, set], group) -> dict[str, Any]:
    """Per-document sets -> per-group and micro P/R/F1; ``group(k)`` names a key's group."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for doc in set(gold) | set(pred):
        g, p = gold.get(doc, set()), pred.get(doc, set())
        for k in g & p:
            counts[group(k)][0] += 1
        for k in p - g:
            counts[group(k)][1] += 1
        for k in g - p:
            counts[group(k)][2] += 1
    per = {name: prf(*c) for name, c in sorted(counts.items())}
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"per_group": per, "micro": prf(*tot)}


def _score_doc_entities(gold: list[Item], pred: list[Item]) -> dict[str, Any]:
    def key(it: Item) -> tuple[str, str]:
        return (it.data["label"], it.data["norm_id"])
    res = _score_sets(_by_doc_sets(gold, key), _by_doc_sets(pred, key), lambda k: k[0])
    per = {lab: res["per_group"].get(lab, prf(0, 0, 0)) for lab in ENTITY_LABELS}
    per.update({k: v for k, v in res["per_group"].items() if k not in per})
    return {"per_label": per, "micro": res["micro"]}


def _score_relations(gold: list[Item], pred: list[Item], sentence_of) -> dict[str, Any]:
    def exact(it: Item) -> tuple:
        return it.data["key"]

    def per_relation(res: dict[str, Any]) -> dict[str, Any]:
        per = {r: res["per_group"].get(r, prf(0, 0, 0)) for r in RELATION_TYPES}
        per.update({k: v for k, v in res["per_group"].items() if k not in per})
        return {"per_relation": per, "micro": res["micro"]}

    gsets, psets = _by_doc_sets(gold, exact), _by_doc_sets(pred, exact)
    result: dict[str, Any] = {
        "exact": per_relation(_score_sets(gsets, psets, lambda k: k[0])), "pairs": {}}
    for a, b in PAIRS:
        ia, ib = KEY_FIELDS.index(a), KEY_FIELDS.index(b)

        def pair(it: Item, ia: int = ia, ib: int = ib) -> tuple | None:
            k = it.data["key"]
            return (k[0], k[ia], k[ib]) if k[ia] and k[ib] else None
        result["pairs"][f"{a}-{b}"] = per_relation(_score_sets(
            _by_doc_sets(gold, pair), _by_doc_sets(pred, pair), lambda k: k[0]))

    def any_pair(it: Item) -> list[tuple]:
        k = it.data["key"]
        return [(k[0], f"{a}-{b}", k[KEY_FIELDS.index(a)], k[KEY_FIELDS.index(b)]) for a, b in PAIRS
                if k[KEY_FIELDS.index(a)] and k[KEY_FIELDS.index(b)]]

    def pooled(items: list[Item]) -> dict[str, set]:
        out: dict[str, set] = defaultdict(set)
        for it in items:
            out[it.doc].update(any_pair(it))
        return out
    result["all_pairs"] = per_relation(_score_sets(pooled(gold), pooled(pred), lambda k: k[0]))
    fps, fns = [], []
    for doc in sorted(set(gsets) | set(psets)):
        g, p = gsets.get(doc, set()), psets.get(doc, set())
        for k in sorted(p - g):
            rows = [it for it in pred if it.doc == doc and it.data["key"] == k]
            fps.append({"doc": doc, "key": dict(zip(KEY_FIELDS, k, strict=True)),
                        "relation_ids": [r.data["id"] for r in rows],
                        "sentence_index": rows[0].data["sentence_index"],
                        "sentence": rows[0].data["sentence"]})
        for k in sorted(g - p):
            rows = [it for it in gold if it.doc == doc and it.data["key"] == k]
            idx, sent = sentence_of(doc, rows[0].raw) if rows[0].raw is not None else (None, "")
            fns.append({"doc": doc, "key": dict(zip(KEY_FIELDS, k, strict=True)),
                        "gold_ids": [r.data["id"] for r in rows], "sentence_index": idx,
                        "sentence": sent})
    result["errors"] = {"false_positives": fps, "false_negatives": fns}
    return result


def _score_outcomes(gold: list[Item], pred: list[Item], sentence_of) -> dict[str, Any]:
    fields_ = ("drug", "cancer_id", "metric", "value")

    def key(it: Item) -> tuple:
        return it.data["key"]
    gsets, psets = _by_doc_sets(gold, key), _by_doc_sets(pred, key)
    res = _score_sets(gsets, psets, lambda k: "outcome")
    fps, fns = [], []
    for doc in sorted(set(gsets) | set(psets)):
        g, p = gsets.get(doc, set()), psets.get(doc, set())
        for k in sorted(p - g):
            row = next(it for it in pred if it.doc == doc and it.data["key"] == k)
            fps.append({"doc": doc, "key": dict(zip(fields_, k, strict=True)),
                        "sentence": row.data["sentence"]})
        for k in sorted(g - p):
            rows = [it for it in gold if it.doc == doc and it.data["key"] == k]
            idx, sent = sentence_of(doc, rows[0].raw)
            fns.append({"doc": doc, "key": dict(zip(fields_, k, strict=True)),
                        "gold_ids": [r.data["id"] for r in rows], "sentence_index": idx,
                        "sentence": sent})
    out = dict(res["micro"])
    out["errors"] = {"false_positives": fps, "false_negatives": fns}
    return out


# --- the run --------------------------------------------------------------------------


def evaluate_run(
    run_dir: Path,
    annotations_dir: Path | None = None,
    corpus_dirs: Iterable[Path] | None = None,
    splits: Sequence[str] = SPLIT_ORDER,
) -> dict[str, Any]:
    """Score ``run_dir`` against the gold set; raises EvaluationError with a readable message."""
    run_dir = Path(run_dir)
    annotations_dir = Path(annotations_dir or config.ANNOTATIONS_DIR)
    run_docs = read_run_documents(run_dir)
    try:
        golds = load_all_gold(annotations_dir, corpus_dirs)
        split_ranges = load_splits(annotations_dir)
    except (GoldFormatError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"gold set cannot be read (run `make validate`): {exc}") from exc
    if not golds:
        raise EvaluationError(f"no gold documents under {annotations_dir / 'gold'}")
    unknown = [s for s in splits if s not in SPLIT_ORDER]
    if unknown:
        raise EvaluationError(f"unknown split(s) {unknown}; choose from {SPLIT_ORDER}")
    warnings: list[str] = []
    matched: dict[str, tuple[str, RunDoc]] = {}  # run doc_id -> (gold doc, RunDoc)
    gold_to_run: dict[str, RunDoc] = {}
    documents = []
    for gold in golds:
        cands = [d for d in run_docs if gold.sha256 and d.sha256 == gold.sha256]
        if not gold.sha256:
            cands = [d for d in run_docs if d.doc_id == gold.doc]
        cands.sort(key=lambda d: d.status != "ok")
        if len(cands) > 1:
            warnings.append(f"{gold.doc}: {len(cands)} run documents share its sha256; "
                            f"scoring {cands[0].doc_id}")
        entry = {"gold_doc": gold.doc, "sha256": gold.sha256,
                 "run_doc_id": cands[0].doc_id if cands else None,
                 "run_status": cands[0].status if cands else None}
        if cands:
            rd = cands[0].load()
            warnings.extend(rd.warnings)
            matched[rd.doc_id] = (gold.doc, rd)
            gold_to_run[gold.doc] = rd
        else:
            warnings.append(f"{gold.doc}: not in the run (no document with its sha256); "
                            "all its gold items count as false negatives")
        documents.append(entry)
    unscored = sorted(d.doc_id for d in run_docs if d.doc_id not in matched)

    def sentence_of(doc: str, raw: int | None) -> tuple[int | None, str]:
        rd = gold_to_run.get(doc)
        if rd is None or raw is None:
            return None, ""
        return rd.sentence_for_raw(raw)

    gold_items: dict[str, list[Item]] = {"mentions": [], "relations": [], "outcomes": []}
    for gold in golds:
        for kind, items in _gold_items(gold).items():
            gold_items[kind].extend(items)
    pred_items = _pred_items(run_dir, matched, warnings)

    result: dict[str, Any] = {
        "run_dir": str(run_dir), "annotations_dir": str(annotations_dir),
        "documents": documents, "unscored_run_documents": unscored, "warnings": warnings,
        "counts": {"gold": {k: len(v) for k, v in gold_items.items()},
                   "predicted": {k: len(v) for k, v in pred_items.items()}},
        "splits": {},
    }
    for split in sorted(splits, key=SPLIT_ORDER.index):
        def pick(items: list[Item], split: str = split) -> list[Item]:
            return [i for i in items if _in_split(i.doc, i.raw, split, split_ranges)]
        g = {k: pick(v) for k, v in gold_items.items()}
        p = {k: pick(v) for k, v in pred_items.items()}
        mentions = _score_mentions(g["mentions"], p["mentions"], sentence_of)
        relations = _score_relations(g["relations"], p["relations"], sentence_of)
        baseline = _score_relations(g["relations"], p["baseline"], sentence_of)
        outcomes = _score_outcomes(g["outcomes"], p["outcomes"], sentence_of)
        result["splits"][split] = {
            "ranges": {} if split == "all" else {
                doc: [[r.start, r.end] for r in rs if r.split == split]
                for doc, rs in split_ranges.items()},
            "counts": {"gold": {k: len(v) for k, v in g.items()},
                       "predicted": {k: len(v) for k, v in p.items()}},
            "entities_mention": {k: mentions[k] for k in ("strict", "lenient", "normalization")},
            "entities_document": _score_doc_entities(g["mentions"], p["mentions"]),
            "relations": {k: relations[k] for k in ("exact", "pairs", "all_pairs")},
            "baseline_cooccurrence": {k: baseline[k] for k in ("exact", "all_pairs")},
            "outcomes": {k: v for k, v in outcomes.items() if k != "errors"},
            "errors": {"entities": mentions["errors"], "relations": relations["errors"],
                       "outcomes": outcomes["errors"]},
        }
    return result


# --- reports --------------------------------------------------------------------------


def _row(name: str, s: dict[str, Any]) -> str:
    return (f"| {name} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.3f} | "
            f"{s['recall']:.3f} | {s['f1']:.3f} |")


_HEAD = "| {} | tp | fp | fn | P | R | F1 |\n|---|---:|---:|---:|---:|---:|---:|"


def _cell(text: Any, limit: int = 300) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[:limit] + "…"


def _key_str(key: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in key.items() if v)


def format_markdown(result: dict[str, Any], limit: int = MD_LIST_LIMIT) -> str:
    """A readable report: scores with counts per split (test first), then the error lists."""
    out = [f"# Evaluation: `{result['run_dir']}`", ""]
    out.append(f"Gold: `{result['annotations_dir']}`. Gold items: "
               + ", ".join(f"{v} {k}" for k, v in result["counts"]["gold"].items())
               + "; predicted: "
               + ", ".join(f"{v} {k}" for k, v in result["counts"]["predicted"].items()) + ".")
    out.append("")
    for d in result["documents"]:
        run = d["run_doc_id"] or "**not in the run**"
        out.append(f"- gold `{d['gold_doc']}` -> run `{run}` ({d['run_status'] or '-'})")
    if result["unscored_run_documents"]:
        out.append(f"- run documents without gold (not scored): "
                   f"{', '.join(result['unscored_run_documents'])}")
    for w in result["warnings"]:
        out.append(f"- warning: {w}")
    for split, s in result["splits"].items():
        out += ["", f"## Split `{split}`", ""]
        if s["ranges"]:
            out.append("Raw ranges: " + "; ".join(
                f"{doc} " + ", ".join(f"[{a}, {b})" for a, b in rs)
                for doc, rs in s["ranges"].items()))
        out.append("Items in split: gold " + ", ".join(
            f"{v} {k}" for k, v in s["counts"]["gold"].items()) + "; predicted " + ", ".join(
            f"{v} {k}" for k, v in s["counts"]["predicted"].items()) + ".")
        em = s["entities_mention"]
        for kind in ("strict", "lenient"):
            out += ["", f"### Entities, mention level, {kind}", "", _HEAD.format("label")]
            out += [_row(lab, v) for lab, v in em[kind]["per_label"].items()]
            out.append(_row("**micro**", em[kind]["micro"]))
        out += ["", "### Normalization accuracy (lenient-matched mentions)", "",
                "| label | matched | correct | accuracy |", "|---|---:|---:|---:|"]
        for lab, v in [*em["normalization"]["per_label"].items(),
                       ("**micro**", em["normalization"]["micro"])]:
            out.append(f"| {lab} | {v['matched']} | {v['correct']} | {v['accuracy']:.3f} |")
        out += ["", "### Entities, document level (label, norm_id)", "", _HEAD.format("label")]
        ed = s["entities_document"]
        out += [_row(lab, v) for lab, v in ed["per_label"].items()]
        out.append(_row("**micro**", ed["micro"]))
        rel = s["relations"]
        out += ["", "### Relations, document level, exact keys", "", _HEAD.format("relation")]
        out += [_row(r, v) for r, v in rel["exact"]["per_relation"].items()]
        out.append(_row("**micro**", rel["exact"]["micro"]))
        out += ["", "### Relations, pairs", "", _HEAD.format("pair / relation")]
        for pair, v in rel["pairs"].items():
            out += [_row(f"{pair} / {r}", x) for r, x in v["per_relation"].items()]
            out.append(_row(f"**{pair} micro**", v["micro"]))
        out.append(_row("**all pairs micro**", rel["all_pairs"]["micro"]))
        base = s["baseline_cooccurrence"]
        out += ["", "### Rules vs sentence co-occurrence baseline (F1)", "",
                "| relation | rules exact | baseline exact | rules pairs | baseline pairs |",
                "|---|---:|---:|---:|---:|"]
        for r in list(rel["exact"]["per_relation"]) + ["micro"]:
            def f1(block: dict[str, Any], r: str = r) -> str:
                v = block["micro"] if r == "micro" else block["per_relation"].get(r)
                return f"{v['f1']:.3f} ({v['tp']}/{v['fp']}/{v['fn']})" if v else "-"
            out.append(f"| {r} | {f1(rel['exact'])} | {f1(base['exact'])} | "
                       f"{f1(rel['all_pairs'])} | {f1(base['all_pairs'])} |")
        out += ["", "Cells: F1 (tp/fp/fn)."]
        out += ["", "### Outcomes (drug, cancer_id, metric, value)", "", _HEAD.format(""),
                _row("outcomes", s["outcomes"])]
        err = s["errors"]
        sections = [
            ("Entity false positives (lenient)", err["entities"]["false_positives"],
             lambda e: f"{e['label']} `{_cell(e['text'], 80)}` [{e['start']}, {e['end']}) "
                       f"{e['norm_id']} ({e['id']})"),
            ("Entity false negatives (lenient)", err["entities"]["false_negatives"],
             lambda e: f"{e['label']} `{_cell(e['text'], 80)}` [{e['start']}, {e['end']}) "
                       f"{e['norm_id']} ({e['id']})"),
            ("Boundary errors (lenient match, strict miss)", err["entities"]["boundary"],
             lambda e: f"{e['label']} gold `{_cell(e['gold'][2], 80)}` "
                       f"[{e['gold'][0]}, {e['gold'][1]}) vs predicted "
                       f"`{_cell(e['predicted'][2], 80)}` "
                       f"[{e['predicted'][0]}, {e['predicted'][1]})"),
            ("Normalization errors", err["entities"]["normalization"],
             lambda e: f"{e['label']} `{_cell(e['text'], 80)}`: gold {e['gold_norm']} "
                       f"({e['gold_name']}), predicted {e['predicted_norm'] or '(none)'} "
                       f"({e['predicted_name']})"),
            ("Relation false positives", err["relations"]["false_positives"],
             lambda e: f"{_key_str(e['key'])} ({', '.join(e['relation_ids'])})"),
            ("Relation false negatives", err["relations"]["false_negatives"],
             lambda e: f"{_key_str(e['key'])} ({', '.join(e['gold_ids'])})"),
            ("Outcome false positives", err["outcomes"]["false_positives"],
             lambda e: _key_str(e["key"])),
            ("Outcome false negatives", err["outcomes"]["false_negatives"],
             lambda e: f"{_key_str(e['key'])} ({', '.join(e['gold_ids'])})"),
        ]
        for title, items, fmt in sections:
            out += ["", f"### {title}: {len(items)}", ""]
            for e in items[:limit]:
                line = f"- {e['doc']}: {fmt(e)}"
                if e.get("sentence"):
                    line += f"\n  > {_cell(e['sentence'])}"
                out.append(line)
            if len(items) > limit:
                out.append(f"- … {len(items) - limit} more in evaluation.json")
    return "\n".join(out) + "\n"


def write_reports(result: dict[str, Any], run_dir: Path) -> tuple[Path, Path]:
    """Write ``evaluation.json`` and ``evaluation.md`` into the run folder."""
    run_dir = Path(run_dir)
    js, md = run_dir / "evaluation.json", run_dir / "evaluation.md"
    js.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text(format_markdown(result), encoding="utf-8")
    return js, md


def summary_lines(result: dict[str, Any]) -> list[str]:
    lines = []
    for split, s in result["splits"].items():
        em, rel, oc = s["entities_mention"], s["relations"]["exact"]["micro"], s["outcomes"]
        lines.append(
            f"{split}: entities strict F1 {em['strict']['micro']['f1']:.3f} "
            f"(tp {em['strict']['micro']['tp']}, fp {em['strict']['micro']['fp']}, "
            f"fn {em['strict']['micro']['fn']}), lenient F1 {em['lenient']['micro']['f1']:.3f}, "
            f"norm acc {em['normalization']['micro']['accuracy']:.3f}; relations F1 "
            f"{rel['f1']:.3f} (tp {rel['tp']}, fp {rel['fp']}, fn {rel['fn']}), pairs F1 "
            f"{s['relations']['all_pairs']['micro']['f1']:.3f} "
            f"(baseline {s['baseline_cooccurrence']['all_pairs']['micro']['f1']:.3f}); outcomes F1 "
            f"{oc['f1']:.3f} (tp {oc['tp']}, fp {oc['fp']}, fn {oc['fn']})")
    return lines


def evaluate_main(
    run_dir: Path,
    annotations_dir: Path | None = None,
    corpus_dirs: Iterable[Path] | None = None,
    splits: Sequence[str] = SPLIT_ORDER,
    stream: TextIO | None = None,
) -> int:
    """Evaluate, write the reports, print a summary; 0 on success, 2 on EvaluationError."""
    out = stream or sys.stdout
    try:
        result = evaluate_run(run_dir, annotations_dir, corpus_dirs, splits)
    except EvaluationError as exc:
        print(f"error: {exc}", file=out)
        return 2
    js, md = write_reports(result, run_dir)
    for line in summary_lines(result):
        print(line, file=out)
    for w in result["warnings"]:
        print(f"warning: {w}", file=out)
    print(f"wrote {md} and {js}", file=out)
    return 0
