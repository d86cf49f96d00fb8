"""Team-written challenge sets: short passages with the relation keys a curator expects.

The seed review's gold split puts every combination and `overcomes` claim in the test
half, so the rules for them would have no development data. A challenge set gives it:
passages written by the team in the way papers of the field are written (never copied
from a paper), each with its expected relations. Sets live in ``annotations/challenge/``
(FORMAT in its README). ``dev.jsonl`` is for developing rules; ``heldout.jsonl`` is
written blind by a second author and only measured, never tuned on.

Scoring follows SPEC: document level (one passage = one document), exact keys
(relation, drug, partner, target, mechanism, cancer) and the SPEC pairs, per relation
type, here compared by ids (``drug_id``, ``partner_id``, ``target_id``, mechanism code,
``cancer_id``) so the set does not depend on display names.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline import vocab
from pipeline.errors import DataFileError
from pipeline.export import read_jsonl

RELATIONS = ("inhibits", "resistance", "overcomes", "combination")
SLOTS = ("drug", "partner", "target", "mechanism", "cancer")
PAIRS = (("drug", "target"), ("drug", "mechanism"), ("drug", "cancer"),
         ("target", "mechanism"), ("mechanism", "cancer"))
RECORD_KEYS = {"id", "text", "relations", "note", "style"}
RELATION_KEYS = {"relation", "drug", "partner", "target", "mechanism", "cancer", "effect", "assertion",
                 "evidence_level", "note"}
LEVELS = {"clinical", "in_vivo", "in_vitro", "unspecified"}
EFFECTS = {"positive", "negative", "unknown"}
ASSERTIONS = {"affirmed", "hedged", "negated"}


@dataclass(frozen=True)
class Key:
    relation: str
    drug: str
    partner: str  # ';'-joined sorted ids
    target: str
    mechanism: str
    cancer: str

    def slot(self, name: str) -> str:
        return getattr(self, name)


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    keys: frozenset[Key]
    line: int


def _agent_ok(agent_id: str) -> str | None:
    if agent_id.startswith("CLASS:"):
        return vocab.check_id("DRUG_CLASS", agent_id)
    return vocab.check_id("DRUG", agent_id)


def _target_ok(target_id: str) -> str | None:
    return vocab.check_id("GENE", target_id)


def parse_relation(rel: dict, where: str) -> Key:
    unknown = set(rel) - RELATION_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown relation keys {sorted(unknown)}")
    kind = rel.get("relation")
    if kind not in RELATIONS:
        raise DataFileError(f"{where}: relation must be one of {RELATIONS}, not {kind!r}")
    drug = (rel.get("drug") or "").strip()
    if not drug:
        raise DataFileError(f"{where}: drug is required")
    partners = rel.get("partner") or []
    if isinstance(partners, str):
        partners = [p for p in partners.split(";") if p]
    target = (rel.get("target") or "").strip()
    mechanism = (rel.get("mechanism") or "").strip()
    cancer = (rel.get("cancer") or "").strip()
    errors = [e for e in [_agent_ok(drug)] + [_agent_ok(p) for p in partners] if e]
    if target:
        errors += [e for e in [_target_ok(target)] if e]
    if mechanism and mechanism not in vocab.mechanism_codes():
        errors.append(f"unknown mechanism code {mechanism!r}")
    if cancer:
        errors += [e for e in [vocab.check_id("CANCER", cancer)] if e]
    if kind in ("overcomes", "combination") and not partners:
        errors.append(f"{kind} needs a partner")
    if kind == "inhibits" and not target:
        errors.append("inhibits needs a target")
    if kind == "resistance" and not (target or mechanism):
        errors.append("resistance needs a target or a mechanism")
    if rel.get("effect") not in (None, "", *EFFECTS):
        errors.append(f"effect must be one of {sorted(EFFECTS)}")
    if rel.get("assertion") not in (None, "", *ASSERTIONS):
        errors.append(f"assertion must be one of {sorted(ASSERTIONS)}")
    if rel.get("evidence_level") not in (None, "", *LEVELS):
        errors.append(f"evidence_level must be one of {sorted(LEVELS)}")
    if errors:
        raise DataFileError(f"{where}: " + "; ".join(errors))
    return Key(kind, drug, ";".join(sorted(partners)), target, mechanism, cancer)


def load(path: Path) -> list[Passage]:
    """Read and validate a challenge set (JSON Lines); errors name the line."""
    if not path.is_file():
        raise DataFileError(f"challenge set not found: {path}")
    out: list[Passage] = []
    seen: set[str] = set()
    for n, rec, error in read_jsonl(path):
        where = f"{path.name}:{n}"
        if error is not None:
            raise DataFileError(f"{where}: not JSON ({error.msg})") from error
        if not isinstance(rec, dict):
            raise DataFileError(f"{where}: a record must be a JSON object")
        unknown = set(rec) - RECORD_KEYS
        if unknown:
            raise DataFileError(f"{where}: unknown keys {sorted(unknown)}")
        pid, text = rec.get("id"), rec.get("text")
        if not isinstance(pid, str) or not pid or not isinstance(text, str) or not text.strip():
            raise DataFileError(f"{where}: needs a non-empty 'id' and 'text'")
        if pid in seen:
            raise DataFileError(f"{where}: duplicate id {pid!r}")
        seen.add(pid)
        rels = rec.get("relations", [])
        if not isinstance(rels, list):
            raise DataFileError(f"{where}: 'relations' must be a list")
        keys = frozenset(parse_relation(r, f"{where} relation {i + 1}") for i, r in enumerate(rels))
        out.append(Passage(pid, text, keys, n))
    if not out:
        raise DataFileError(f"{path}: no passages")
    return out


def row_key(row: dict) -> Key:
    partners = ";".join(sorted(p for p in row["partner_id"].split(";") if p))
    return Key(row["relation"], row["drug_id"], partners, row["target_id"], row["mechanism"],
               row["cancer_id"])


def predict(passages: list[Passage]) -> dict[str, list[dict]]:
    """relations.csv rows per passage id (the whole pipeline, one text file per passage)."""
    from pipeline.ingest import InputFile
    from pipeline.process import process_document

    out: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="challenge-") as tmp:
        for p in passages:
            path = Path(tmp) / f"{p.id}.txt"
            path.write_text(p.text, encoding="utf-8")
            res = process_document(InputFile(path, p.id))
            if res.row["status"] != "ok":
                raise DataFileError(f"passage {p.id}: {res.row['message']}")
            out[p.id] = res.relations
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def _pairs(keys: set[Key]) -> set[tuple[str, str, str, str]]:
    out = set()
    for k in keys:
        for a, b in PAIRS:
            if k.slot(a) and k.slot(b):
                out.add((k.relation, f"{a}-{b}", k.slot(a), k.slot(b)))
    return out


def score(passages: list[Passage], predicted: dict[str, list[dict]]) -> dict:
    """Micro P/R/F1 over passages: exact keys and pairs, per relation type, plus the
    false positives and negatives of each passage."""
    counts = {r: {"exact": [0, 0, 0], "pairs": [0, 0, 0]} for r in RELATIONS}
    errors = []
    for p in passages:
        gold = set(p.keys)
        pred = {row_key(r) for r in predicted.get(p.id, [])}
        for r in RELATIONS:
            g = {k for k in gold if k.relation == r}
            q = {k for k in pred if k.relation == r}
            for name, gs, ps in (("exact", g, q), ("pairs", _pairs(g), _pairs(q))):
                c = counts[r][name]
                c[0] += len(gs & ps)
                c[1] += len(ps - gs)
                c[2] += len(gs - ps)
        if gold != pred:
            errors.append({"id": p.id, "line": p.line, "text": p.text, "fp": sorted(pred - gold, key=str),
                           "fn": sorted(gold - pred, key=str)})
    result: dict = {"passages": len(passages), "relations": {}, "errors": errors}
    for name in ("exact", "pairs"):
        total = [sum(counts[r][name][i] for r in RELATIONS) for i in range(3)]
        result["relations"][name] = {"micro": _prf(*total),
                                     **{r: _prf(*counts[r][name]) for r in RELATIONS}}
    return result


def _fmt_key(k: Key) -> str:
    parts = [k.relation, k.drug]
    for slot in ("partner", "target", "mechanism", "cancer"):
        if k.slot(slot):
            parts.append(f"{slot}={k.slot(slot)}")
    return " ".join(parts)


def format_report(result: dict, name: str, show_errors: bool) -> str:
    lines = [f"challenge set {name}: {result['passages']} passages", "",
             "| relation | exact F1 (tp/fp/fn) | pairs F1 (tp/fp/fn) |", "|---|---:|---:|"]
    for r in (*RELATIONS, "micro"):
        e, p = result["relations"]["exact"][r], result["relations"]["pairs"][r]
        lines.append(f"| {r} | {e['f1']:.3f} ({e['tp']}/{e['fp']}/{e['fn']}) "
                     f"| {p['f1']:.3f} ({p['tp']}/{p['fp']}/{p['fn']}) |")
    if show_errors:
        for err in result["errors"]:
            snippet = " ".join(err["text"].split())
            more = "..." if len(snippet) > 200 else ""
            lines.append(f"\n{err['id']} (line {err['line']}): {snippet[:200]}{more}")
            lines += [f"  FP {_fmt_key(k)}" for k in err["fp"]]
            lines += [f"  FN {_fmt_key(k)}" for k in err["fn"]]
    return "\n".join(lines)
