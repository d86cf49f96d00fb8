"""``make train``: learn the rule state from the gold dev split and from reviewers' verdicts.

Evidence (never the test split):

- the gold **dev** split: a *measurement run* of the shipped rules and lexicon (no rule
  state, so every rule and term fires and is measured the same way each time) over the gold
  documents; its relation rows and mentions that lie in dev ranges are judged against the
  gold items of the dev ranges (:func:`load_dev_gold` drops every other item on load);
- reviewed ``relations.csv`` files (``annotations/reviews/*.csv``, archived by
  ``make archive-reviews``, plus any ``--reviews`` file): rows whose ``review`` is
  ``correct`` / ``incorrect``. A row of a gold document counts only if its sentence lies in
  a dev range. Guards, each reported and applied row by row (:func:`read_reviews`).

Decisions (:func:`compute_state`), all recorded in ``annotations/rule_state.json``
(:mod:`pipeline.rule_state`) and in the train report:

- relation rule (relations.csv ``rule_id``): a dev row is correct when its key (relation,
  drug, partner, target, mechanism, cancer) is a gold dev key of the document (the scorer's
  exact key); a reviewer's verdict on the same relation_id replaces the gold judgement.
  ``confidence`` = posterior mean of a Beta prior centred on the shipped confidence with
  ``prior_strength`` pseudo-rows: (correct + s * prior) / (support + s). Disabled when
  support >= ``rule_min_support`` and precision < ``rule_precision_floor``;
- lexicon term (``source|label|norm_id|term`` of a mention): tp = lenient match to a gold dev
  mention with the same norm_id; disabled when support >= ``term_min_support`` and precision <
  ``term_precision_floor``;
- lexicon additions: gold dev mentions no predicted mention overlaps (text, label, norm_id);
  mis-groundings: matched gold mentions with another norm_id, and terms of a slot a reviewer
  named in ``wrong_slot``. Both are proposals: applied only once ``accepted`` (``make train
  ACCEPT=1`` / ``--accept all`` / ``--accept KEY``, or by editing the flag in the file).

The state is a pure function of those inputs, so training twice changes nothing: an
unchanged content hash leaves the file (and the report) as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import config, rule_state
from pipeline.annotations import GoldDocument, find_source, load_all_gold, load_splits, split_of
from pipeline.evaluate import (
    Item,
    RunDoc,
    _gold_items,
    _pred_items,
    match_lenient,
    read_csv,
    read_run_documents,
)
from pipeline.export import COLUMNS, EXTRA_COLUMNS, atomic_write_text
from pipeline.review import normalise_verdict

DEFAULT_SETTINGS: dict[str, float | int] = {
    "prior_strength": 4,
    "rule_precision_floor": 0.3,
    "rule_min_support": 5,
    "term_precision_floor": 0.5,
    "term_min_support": 3,
}
WRONG_SLOTS = ("drug", "partner", "target", "mechanism", "cancer")
SLOT_ID_COLUMN = {"drug": "drug_id", "partner": "partner_id", "target": "target_id",
                  "mechanism": "mechanism", "cancer": "cancer_id"}
#: columns a reviewed file may hold: the SPEC's, the run's extra ones, the reviewer's wrong_slot
KNOWN_REVIEW_COLUMNS = frozenset([*COLUMNS["relations"], *EXTRA_COLUMNS["relations"], "wrong_slot",
                                  "orphan_reason", "orphaned_at"])
REQUIRED_REVIEW_COLUMNS = ("relation_id", "doc_id", "relation", "rule_id", "review", "evidence",
                           "sentence_index")
REPORT_FILE = "train_report.md"


# --------------------------------------------------------------------------- reviews


@dataclass(frozen=True)
class Verdict:
    """One usable reviewed row."""

    file: str
    line: int
    relation_id: str
    doc_id: str
    doc_sha256: str
    rule_id: str
    verdict: str  # correct | incorrect
    row: dict[str, str]
    wrong_slots: tuple[str, ...] = ()


@dataclass
class ReviewSet:
    verdicts: list[Verdict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)  # file, sha256, used, skipped


def documents_beside(path: Path) -> Path:
    """``documents.csv`` of a run folder, or ``<stem>.documents.csv`` of an archived file."""
    path = Path(path)
    if path.name == "relations.csv":
        return path.parent / "documents.csv"
    return path.with_name(f"{path.stem}.documents.csv")


def review_files(annotations_dir: Path, extra: Iterable[Path] = ()) -> list[Path]:
    folder = Path(annotations_dir) / "reviews"
    archived = sorted(p for p in folder.glob("*.csv") if not p.name.endswith(".documents.csv")) \
        if folder.is_dir() else []
    return archived + [Path(p) for p in extra]


def _file_sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _label(path: Path, annotations_dir: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(annotations_dir).resolve()))
    except ValueError:
        return str(path)


def read_reviews(paths: Sequence[Path], annotations_dir: Path) -> ReviewSet:
    """Usable verdicts of reviewed relations.csv files; every skipped row is explained.

    Skipped, with a message: a file with unknown or missing columns (all its rows), rows
    whose document version is unknown (no documents.csv beside the file, doc_id not in it)
    or changed (the file at its source_path now has another sha256), unknown verdict words,
    no rule_id, a ``wrong_slot`` that is not a slot or on a row not marked incorrect, and
    every row of a relation_id marked both correct and incorrect (in any files). The same
    verdict for the same relation_id in several files counts once.
    """
    out = ReviewSet()
    candidates: list[Verdict] = []
    current_sha: dict[str, str | None] = {}
    for path in paths:
        path = Path(path)
        name = _label(path, annotations_dir)
        rows = read_csv(path)
        entry = {"file": name, "sha256": _file_sha(path) if path.is_file() else "",
                 "rows": len(rows), "reviewed": 0, "used": 0, "skipped": 0}
        out.files.append(entry)
        if not path.is_file():
            out.problems.append(f"{name}: file not found")
            continue
        rows = [{k.lstrip("\ufeff"): v for k, v in r.items() if k is not None} for r in rows]
        reviewed = [(i, r) for i, r in enumerate(rows, start=2)
                    if (r.get("review") or "").strip()]
        entry["reviewed"] = len(reviewed)
        cols = set(rows[0]) if rows else set()
        unknown = sorted(cols - KNOWN_REVIEW_COLUMNS)
        missing = [c for c in REQUIRED_REVIEW_COLUMNS if c not in cols]
        if rows and (unknown or missing):
            out.problems.append(
                f"{name}: unknown columns {unknown} / missing columns {missing}; expected the "
                f"relations.csv columns (SPEC) plus {', '.join(EXTRA_COLUMNS['relations'])} and "
                f"wrong_slot: its "
                f"{len(reviewed)} reviewed row(s) are skipped")
            entry["skipped"] += len(reviewed)
            continue
        docs_path = documents_beside(path)
        shas: dict[str, set[str]] = defaultdict(set)
        sources: dict[str, str] = {}
        if docs_path.is_file():
            for d in read_csv(docs_path):
                if d.get("doc_id") and d.get("sha256"):
                    shas[d["doc_id"]].add(d["sha256"].strip())
                    sources[d["doc_id"]] = d.get("source_path", "")
        for line, r in reviewed:
            where = f"{name} line {line}"
            rid = (r.get("relation_id") or "").strip()
            doc = (r.get("doc_id") or "").strip()

            def skip(msg: str, where: str = where, rid: str = rid,
                     entry: dict[str, Any] = entry) -> None:
                out.problems.append(f"{where} ({rid or 'no relation_id'}): {msg}; row skipped")
                entry["skipped"] += 1

            verdict = normalise_verdict(r.get("review"))
            if verdict is None:
                skip(f"review {r.get('review')!r} is not one of correct, incorrect")
                continue
            if not rid or not (r.get("rule_id") or "").strip():
                skip("no relation_id or rule_id")
                continue
            if not docs_path.is_file():
                skip(f"no {docs_path.name} beside the file: the document version is unknown "
                     "(archive with `make archive-reviews`)")
                continue
            if len(shas.get(doc, ())) != 1:
                skip(f"document {doc!r} is not (or ambiguously) in {docs_path.name}: "
                     "its version is unknown")
                continue
            sha = next(iter(shas[doc]))
            src = sources.get(doc, "")
            if src not in current_sha:
                p = Path(src) if src else None
                current_sha[src] = _file_sha(p) if p is not None and p.is_file() else None
            if current_sha[src] is not None and current_sha[src] != sha:
                skip(f"document {doc!r} changed since the review (sha256 {sha[:12]}… then, "
                     f"{current_sha[src][:12]}… now at {src}): re-review it on a new run")
                continue
            slots = tuple(s.strip() for s in (r.get("wrong_slot") or "").split(";") if s.strip())
            bad = [s for s in slots if s not in WRONG_SLOTS]
            if bad:
                skip(f"wrong_slot {bad} is not one of {', '.join(WRONG_SLOTS)}")
                continue
            if slots and verdict != "incorrect":
                skip("wrong_slot is set but the row is not marked incorrect")
                continue
            candidates.append(Verdict(name, line, rid, doc, sha, r["rule_id"].strip(), verdict,
                                      r, slots))
    by_id: dict[str, list[Verdict]] = defaultdict(list)
    for v in candidates:
        by_id[v.relation_id].append(v)
    entries = {e["file"]: e for e in out.files}
    for rid in sorted(by_id):
        vs = by_id[rid]
        if len({v.verdict for v in vs}) > 1:
            where = "; ".join(f"{v.file} line {v.line}: {v.verdict}" for v in vs)
            out.problems.append(f"relation {rid} has contradictory verdicts ({where}); "
                                "all its rows skipped until a reviewer settles it")
            for v in vs:
                entries[v.file]["skipped"] += 1
            continue
        out.verdicts.append(vs[0])
        entries[vs[0].file]["used"] += 1
        for v in vs[1:]:
            entries[v.file]["used"] += 1  # a repeat of the same verdict: counted once
    return out


# --------------------------------------------------------------------------- gold dev


@dataclass
class DevGold:
    """The dev part of the gold set: nothing from other splits gets past :func:`load_dev_gold`."""

    docs: dict[str, GoldDocument]  # gold doc -> document (for sha256 and file name only)
    ranges: dict[str, list[tuple[int, int]]]
    mentions: list[Item] = field(default_factory=list)
    relations: list[Item] = field(default_factory=list)

    def in_dev(self, doc: str, raw: int | None) -> bool:
        return raw is not None and any(a <= raw < b for a, b in self.ranges.get(doc, ()))


def dev_only(items: Iterable[Item], splits: Any) -> list[Item]:
    """Items whose raw offset lies in a dev range (the only split training may read)."""
    return [it for it in items if it.raw is not None and split_of(it.doc, it.raw, splits) == "dev"]


def load_dev_gold(annotations_dir: Path, corpus_dirs: Sequence[Path]) -> DevGold:
    golds = load_all_gold(annotations_dir, corpus_dirs)
    splits = load_splits(annotations_dir)
    dev = DevGold(docs={}, ranges={doc: [(r.start, r.end) for r in rs if r.split == "dev"]
                                   for doc, rs in splits.items()})
    for g in golds:
        items = _gold_items(g)
        dev.docs[g.doc] = GoldDocument(g.doc, g.file, g.sha256, g.chars)  # no items kept
        dev.mentions += dev_only(items["mentions"], splits)
        dev.relations += dev_only(items["relations"], splits)
    return dev


# --------------------------------------------------------------------------- measurement


@dataclass
class Evidence:
    """What the measurement run and the reviews say, restricted to dev."""

    relations: dict[str, dict[str, Any]]
    terms: dict[str, dict[str, Any]]
    additions: dict[str, dict[str, Any]]
    misgroundings: dict[str, dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    review_counts: dict[str, int] = field(default_factory=dict)


def _matched_run_docs(run_dir: Path, dev: DevGold) -> dict[str, tuple[str, RunDoc]]:
    docs: dict[str, tuple[str, RunDoc]] = {}
    for rd in read_run_documents(run_dir):
        for g in dev.docs.values():
            if rd.status == "ok" and (rd.sha256 == g.sha256 if g.sha256 else rd.doc_id == g.doc):
                docs[rd.doc_id] = (g.doc, rd.load())
    return docs


def _place_review(v: Verdict, dev: DevGold, docs: dict[str, tuple[str, RunDoc]]) -> str:
    """'dev' if the verdict's sentence lies in a dev range of a gold document, 'gold-other'
    if it is from a gold document but not in dev (or cannot be placed), '' if not a gold doc."""
    gold = next((g for g in dev.docs.values() if g.sha256 and g.sha256 == v.doc_sha256), None)
    if gold is None:
        # a gold document in another version than the gold's: cannot be placed, not used
        return "gold-other" if v.doc_id in dev.docs else ""
    rd = next((rd for gdoc, rd in docs.values() if gdoc == gold.doc), None)
    if rd is None:
        return "gold-other"
    evidence = " ".join((v.row.get("evidence") or "").split())
    sent = rd.sentence_by_index(v.row.get("sentence_index"))
    # archives carry no sentence text (papers' prose stays out of the repository): the
    # document's sha256 was checked, so the sentence index places the verdict
    if evidence and (sent is None or " ".join(rd.sentence_text(sent).split()) != evidence):
        sent = next((s for s in rd.sentences
                     if " ".join(rd.sentence_text(s).split()) == evidence), None)
    if sent is None:
        return "gold-other"
    return "dev" if dev.in_dev(gold.doc, rd.to_raw(int(sent["start"]))) else "gold-other"


def _lexicon_terms_in(text: str, norm_id: str) -> list[str]:
    """Surface strings in ``text`` that the lexicon grounds to ``norm_id``."""
    from pipeline.lexicon import load_lexicon
    from pipeline.ner import lexicon_matches

    return sorted({text[m.start:m.end] for m in lexicon_matches(text, load_lexicon())
                   if m.norm_id == norm_id})


def measure(run_dir: Path, dev: DevGold, reviews: ReviewSet) -> Evidence:
    """Per rule and per term counts from the measurement run (dev only) and the verdicts."""
    docs = _matched_run_docs(run_dir, dev)
    warnings: list[str] = []
    pred = _pred_items(run_dir, docs, warnings)
    pred_rel = [it for it in pred["relations"] if dev.in_dev(it.doc, it.raw)]
    pred_men = [it for it in pred["mentions"] if dev.in_dev(it.doc, it.raw)]
    rel_rows = {r["relation_id"]: r for r in read_csv(run_dir / "relations.csv")}
    ent_src = {(r["doc_id"], r["mention_id"]): r.get("source", "")
               for r in read_csv(run_dir / "entities.csv")}
    ev = Evidence({}, {}, {}, {}, notes=list(warnings))

    # -- relation rules
    gold_keys: dict[str, set[tuple]] = defaultdict(set)
    for it in dev.relations:
        gold_keys[it.doc].add(it.data["key"])
    gold_by_rel: dict[str, set[tuple]] = defaultdict(set)
    for doc, keys in gold_keys.items():
        for k in keys:
            gold_by_rel[k[0]].add((doc, k))

    def rule(rid: str) -> dict[str, Any]:
        return ev.relations.setdefault(rid, {
            "gold_correct": 0, "gold_incorrect": 0, "review_correct": 0, "review_incorrect": 0,
            "prior": 0.0, "relations": set(), "hits": set()})

    placed = {v.relation_id: (v, _place_review(v, dev, docs)) for v in reviews.verdicts}
    counts = {"used_dev_gold_doc": 0, "used_other_doc": 0, "excluded_not_dev": 0,
              "overrode_gold": 0, "agreed_with_gold": 0}
    for it in pred_rel:
        row = rel_rows.get(it.data["id"])
        if row is None:
            continue
        r = rule(row["rule_id"])
        r["relations"].add(row["relation"])
        if row.get("cancer_id") and row.get("cancer_source", "").startswith("inferred"):
            r["prior"] = max(r["prior"], round(float(row["confidence"]) / 0.9, 3))
        else:
            r["prior"] = max(r["prior"], float(row["confidence"]))
        ok = it.data["key"] in gold_keys.get(it.doc, set())
        if ok:
            r["hits"].add((it.doc, it.data["key"]))
        v, where = placed.get(it.data["id"], (None, ""))
        if v is not None and where == "dev":
            r["review_correct" if v.verdict == "correct" else "review_incorrect"] += 1
            counts["agreed_with_gold" if (v.verdict == "correct") == ok else "overrode_gold"] += 1
            counts["used_dev_gold_doc"] += 1
            placed.pop(it.data["id"])
        else:
            r["gold_correct" if ok else "gold_incorrect"] += 1
    for rid in sorted(placed):
        v, where = placed[rid]
        if where == "gold-other":
            counts["excluded_not_dev"] += 1
            continue
        r = rule(v.rule_id)
        r["relations"].add(v.row.get("relation", ""))
        try:
            r["prior"] = r["prior"] or float(v.row.get("confidence") or 0)
        except ValueError:
            pass
        r["review_correct" if v.verdict == "correct" else "review_incorrect"] += 1
        counts["used_dev_gold_doc" if where == "dev" else "used_other_doc"] += 1
    for r in ev.relations.values():
        total = sum(len(gold_by_rel[rel]) for rel in r["relations"])
        r["recall"] = round(len(r.pop("hits")) / total, 4) if total else 0.0
        r["relations"] = sorted(r["relations"])
    ev.review_counts = counts

    # -- lexicon terms
    pairs: list[tuple[Item, Item]] = []
    for doc in sorted({it.doc for it in dev.mentions} | {it.doc for it in pred_men}):
        g = [it for it in dev.mentions if it.doc == doc]
        p = [it for it in pred_men if it.doc == doc]
        gi = [(x.data["label"], x.data["start"], x.data["end"]) for x in g]
        pi = [(x.data["label"], x.data["start"], x.data["end"]) for x in p]
        pairs += [(g[a], p[b]) for a, b in match_lenient(gi, pi)]
    matched = {id(p): g for g, p in pairs}
    gold_terms: dict[tuple[str, str], int] = defaultdict(int)
    for g in dev.mentions:
        gold_terms[(g.data["label"], rule_state.norm_term(g.data["text"]))] += 1
    for p in pred_men:
        src = ent_src.get((p.data["run_doc"], p.data["id"]), "")
        key = rule_state.term_key(src, p.data["label"], p.data["norm_id"], p.data["text"])
        t = ev.terms.setdefault(key, {"tp": 0, "fp": 0, "gold": gold_terms.get(
            (p.data["label"], rule_state.norm_term(p.data["text"])), 0)})
        g = matched.get(id(p))
        if g is not None and g.data["norm_id"] == p.data["norm_id"]:
            t["tp"] += 1
        else:
            t["fp"] += 1
        if g is not None and g.data["norm_id"] != p.data["norm_id"] and p.data["norm_id"]:
            mkey = f"{p.data['norm_id']}|{rule_state.norm_term(p.data['text'])}"
            m = ev.misgroundings.setdefault(mkey, {
                "text": rule_state.norm_term(p.data["text"]), "norm_id": p.data["norm_id"],
                "gold_dev": 0, "review": 0, "gold_norm_ids": []})
            m["gold_dev"] += 1
            m["gold_norm_ids"] = sorted(set(m["gold_norm_ids"]) | {g.data["norm_id"]})
    for g in dev.mentions:
        overlapped = any(p.doc == g.doc and p.data["start"] < g.data["end"]
                         and g.data["start"] < p.data["end"] for p in pred_men)
        if overlapped:
            continue
        akey = f"{g.data['label']}|{g.data['norm_id']}|{g.data['text']}"
        a = ev.additions.setdefault(akey, {"text": g.data["text"], "label": g.data["label"],
                                           "norm_id": g.data["norm_id"],
                                           "norm_name": g.data["norm_name"], "gold_dev": 0})
        a["gold_dev"] += 1

    # -- mis-groundings named by reviewers (wrong_slot), any usable verdict
    for v in reviews.verdicts:
        if _place_review(v, dev, docs) == "gold-other":
            continue
        for slot in v.wrong_slots:
            ids = [x for x in (v.row.get(SLOT_ID_COLUMN[slot]) or "").split(";") if x]
            for nid in ids:
                terms = _lexicon_terms_in(v.row.get("evidence") or "", nid)
                if not terms:
                    ev.notes.append(f"{v.file} line {v.line}: wrong_slot {slot}: no term of {nid} "
                                    "found in the evidence by the lexicon; nothing proposed")
                for term in terms:
                    mkey = f"{nid}|{rule_state.norm_term(term)}"
                    m = ev.misgroundings.setdefault(mkey, {
                        "text": rule_state.norm_term(term), "norm_id": nid, "gold_dev": 0,
                        "review": 0, "gold_norm_ids": []})
                    m["review"] += 1
    return ev


# --------------------------------------------------------------------------- the state


def _precision(ok: int, n: int) -> float:
    return round(ok / n, 4) if n else 0.0


def compute_state(ev: Evidence, previous: dict[str, Any], inputs: dict[str, Any],
                  settings: dict[str, Any] | None = None,
                  accept: Sequence[str] = ()) -> dict[str, Any]:
    """The new state's content (no version/hash/history yet): a pure function of its inputs.

    ``settings`` override the previous state's settings, which override DEFAULT_SETTINGS (so a
    floor chosen once stays until changed again, and the change shows in the diff)."""
    s = {**DEFAULT_SETTINGS, **previous.get("settings", {}), **(settings or {})}
    k = float(s["prior_strength"])
    rules: dict[str, Any] = {}
    for rid in sorted(ev.relations):
        r = ev.relations[rid]
        ok = r["gold_correct"] + r["review_correct"]
        n = ok + r["gold_incorrect"] + r["review_incorrect"]
        if not n:
            continue
        prior = r["prior"] or 0.5
        prec = _precision(ok, n)
        conf = round((ok + k * prior) / (n + k), 3)
        disabled = n >= s["rule_min_support"] and prec < s["rule_precision_floor"]
        rules[rid] = {
            "relations": r["relations"], "support": n, "correct": ok,
            "gold_correct": r["gold_correct"], "gold_incorrect": r["gold_incorrect"],
            "review_correct": r["review_correct"], "review_incorrect": r["review_incorrect"],
            "precision": prec, "recall": r["recall"], "prior": round(prior, 3),
            "confidence": max(conf, 0.001), "status": "disabled" if disabled else "enabled",
            "reason": (f"precision {prec:.2f} < floor {s['rule_precision_floor']} on {n} rows"
                       if disabled else ""),
        }
    terms: dict[str, Any] = {}
    for key in sorted(ev.terms):
        t = ev.terms[key]
        n = t["tp"] + t["fp"]
        if not t["fp"]:
            continue  # only terms with a false positive are listed
        prec = _precision(t["tp"], n)
        disabled = n >= s["term_min_support"] and prec < s["term_precision_floor"]
        terms[key] = {"support": n, "tp": t["tp"], "fp": t["fp"], "precision": prec,
                      "recall": _precision(t["tp"], t["gold"]) if t["gold"] else 0.0,
                      "status": "disabled" if disabled else "enabled",
                      "reason": (f"precision {prec:.2f} < floor {s['term_precision_floor']} on {n} "
                                 "dev mentions" if disabled else "")}

    def proposals(kind: str, found: dict[str, Any]) -> dict[str, Any]:
        old = previous.get(kind, {})
        out = {}
        for key in sorted(found):
            accepted = bool(old.get(key, {}).get("accepted", False))
            if "all" in accept or key in accept:
                accepted = True
            out[key] = {**found[key], "accepted": accepted}
        return out

    return {
        "format": rule_state.FORMAT,
        "inputs": inputs,
        "settings": s,
        "relation_rules": rules,
        "lexicon_terms": terms,
        "lexicon_additions": proposals("lexicon_additions", ev.additions),
        "misgroundings": proposals("misgroundings", ev.misgroundings),
    }


def finalize(content: dict[str, Any], previous: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(state, changed): the previous state itself when the content hash is the same."""
    h = rule_state.content_hash(content)
    if previous.get("hash") == h:
        return previous, False
    version = int(previous.get("version") or 0) + 1
    changes = diff_states(previous, content)
    history = [*previous.get("history", []), {
        "version": version, "hash": h, "parent": previous.get("hash") or None,
        "summary": f"{len(changes)} change(s)" + (f": {changes[0]}" if changes else "")}]
    state = {**content, "version": version, "hash": h, "history": history,
             "description": "Written by `make train` (pipeline/train.py); applied by make extract "
                            "(pipeline/rule_state.py). See annotations/train_report.md."}
    return state, True


def diff_states(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Human-readable changes from ``old`` to ``new``."""
    out: list[str] = []
    o_rules, n_rules = old.get("relation_rules", {}), new.get("relation_rules", {})
    for rid in sorted(set(o_rules) | set(n_rules)):
        a, b = o_rules.get(rid), n_rules.get(rid)
        if a is None:
            out.append(f"rule {rid}: {'DISABLED' if b['status'] == 'disabled' else 'confidence'}"
                       f" {b['prior']} -> {b['confidence']} (precision {b['precision']:.2f} on "
                       f"{b['support']} rows)" + (f"; {b['reason']}" if b["reason"] else ""))
        elif b is None:
            out.append(f"rule {rid}: no evidence any more; back to its shipped confidence")
        else:
            if a["status"] != b["status"]:
                out.append(f"rule {rid}: {a['status']} -> {b['status']} "
                           f"(precision {b['precision']:.2f} on {b['support']} rows)")
            if a.get("confidence") != b.get("confidence"):
                out.append(f"rule {rid}: confidence {a.get('confidence')} -> {b.get('confidence')} "
                           f"(support {a.get('support')} -> {b.get('support')})")
    o_t, n_t = old.get("lexicon_terms", {}), new.get("lexicon_terms", {})
    for key in sorted(set(o_t) | set(n_t)):
        a_s = o_t.get(key, {}).get("status", "enabled")
        b_s = n_t.get(key, {}).get("status", "enabled")
        if a_s != b_s:
            t = n_t.get(key, {})
            out.append(f"term {key}: {a_s} -> {b_s}"
                       + (f" (precision {t['precision']:.2f} on {t['support']})" if t else ""))
    for kind, what in (("lexicon_additions", "addition"), ("misgroundings", "mis-grounding")):
        o_p, n_p = old.get(kind, {}), new.get(kind, {})
        for key in sorted(set(o_p) | set(n_p)):
            a, b = o_p.get(key), n_p.get(key)
            if a is None:
                out.append(f"{what} {key}: proposed" + (" and ACCEPTED" if b["accepted"] else
                                                       " (not applied until accepted)"))
            elif b is None:
                out.append(f"{what} {key}: withdrawn (no evidence any more)")
            elif a["accepted"] != b["accepted"]:
                out.append(f"{what} {key}: {'ACCEPTED' if b['accepted'] else 'no longer accepted'}")
    if old.get("settings") and old.get("settings") != new.get("settings"):
        out.append(f"settings {json.dumps(old.get('settings'), sort_keys=True)} -> "
                   f"{json.dumps(new.get('settings'), sort_keys=True)}")
    o_files = {f["file"]: f for f in old.get("inputs", {}).get("reviews", [])}
    n_files = {f["file"]: f for f in new.get("inputs", {}).get("reviews", [])}
    for f in sorted(set(o_files) | set(n_files)):
        if f not in o_files:
            out.append(f"reviews: {f} read ({n_files[f]['used']} rows used, "
                       f"{n_files[f]['skipped']} skipped)")
        elif f not in n_files:
            out.append(f"reviews: {f} no longer read")
        elif o_files[f] != n_files[f]:
            out.append(f"reviews: {f} changed")
    if old.get("inputs", {}).get("shipped") not in (None, new.get("inputs", {}).get("shipped")):
        out.append(f"shipped rules/lexicon changed: {old['inputs']['shipped']} -> "
                   f"{new['inputs']['shipped']}")
    return out


# --------------------------------------------------------------------------- runs


@contextmanager
def using_state(path: Path | None) -> Iterator[None]:
    """Run extraction in this process with the state at ``path`` (None: no state)."""
    before = os.environ.get(rule_state.STATE_ENV)
    os.environ[rule_state.STATE_ENV] = str(path) if path is not None else "off"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(rule_state.STATE_ENV, None)
        else:
            os.environ[rule_state.STATE_ENV] = before


def extract_into(paths: list[Path], out: Path, state: Path | None) -> None:
    from pipeline.run import run_extract

    if out.exists():
        shutil.rmtree(out)
    with using_state(state):
        run_extract(paths, out, progress=False)


def scores(run_dir: Path, annotations_dir: Path, corpus_dirs: Sequence[Path]) -> dict[str, Any]:
    """One `make evaluate` of the run (reports written into it); the figures the report shows."""
    from pipeline.evaluate import evaluate_run, write_reports

    result = evaluate_run(run_dir, annotations_dir, corpus_dirs)
    write_reports(result, run_dir)
    calibration = _calibration(run_dir, result, annotations_dir)
    out: dict[str, Any] = {}
    for split in ("test", "dev"):
        s = result["splits"][split]
        pairs = [v["micro"] for v in s["relations"]["pairs"].values()]
        tp, fp, fn = (sum(p[x] for p in pairs) for x in ("tp", "fp", "fn"))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[split] = {
            "mentions_strict": s["entities_mention"]["strict"]["micro"],
            "mentions_lenient": s["entities_mention"]["lenient"]["micro"],
            "relations_exact": s["relations"]["exact"]["micro"],
            "relations_pairs": {"tp": tp, "fp": fp, "fn": fn,
                                "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
                                "precision": round(prec, 4), "recall": round(rec, 4)},
            "calibration": calibration[split],
        }
    return out


def _calibration(run_dir: Path, result: dict[str, Any], annotations_dir: Path) -> dict[str, Any]:
    """Per split: Brier score of the row confidences against "the row's exact key is a gold
    key" (a row is wrong when the evaluation lists it among the false positives), mean
    confidence and the share of right rows. Read from the evaluation only: report figures."""
    splits = load_splits(annotations_dir)
    docs = {}
    for d in result["documents"]:
        if d["run_doc_id"]:
            rd = next(x for x in read_run_documents(run_dir) if x.doc_id == d["run_doc_id"])
            docs[d["run_doc_id"]] = (d["gold_doc"], rd.load())
    items = _pred_items(run_dir, docs, [])["relations"]
    conf = {r["relation_id"]: float(r["confidence"] or 0) for r in read_csv(run_dir / "relations.csv")}
    out = {}
    for split in ("test", "dev"):
        wrong = {rid for e in result["splits"][split]["errors"]["relations"]["false_positives"]
                 for rid in e["relation_ids"]}
        rows = [(conf.get(it.data["id"], 0.0), 0.0 if it.data["id"] in wrong else 1.0)
                for it in items if it.raw is not None and split_of(it.doc, it.raw, splits) == split]
        n = len(rows)
        out[split] = {"rows": n,
                      "brier": round(sum((c - y) ** 2 for c, y in rows) / n, 4) if n else 0.0,
                      "mean_confidence": round(sum(c for c, _ in rows) / n, 4) if n else 0.0,
                      "share_right": round(sum(y for _, y in rows) / n, 4) if n else 0.0}
    return out


def shipped_versions() -> dict[str, str]:
    from pipeline.lexicon import load_curated

    rules = (config.DATA_DIR / "relation_rules.json").read_bytes()
    cur = load_curated()
    return {"relation_rules_sha256": hashlib.sha256(rules).hexdigest()[:16],
            "relation_rules": json.loads(rules)["version"],
            "lexicon_files": ",".join(f"{n.removesuffix('.json')}={v}"
                                      for n, v in sorted(cur.versions.items()))}


@dataclass
class TrainResult:
    state: dict[str, Any]
    changed: bool
    changes: list[str]
    report: Path | None
    reviews: ReviewSet
    evidence: Evidence
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


def train(annotations_dir: Path | None = None, corpus_dirs: Sequence[Path] | None = None,
          work_dir: Path | None = None, extra_reviews: Sequence[Path] = (),
          accept: Sequence[str] = (), settings: dict[str, Any] | None = None,
          state_path: Path | None = None, report_path: Path | None = None,
          evaluate: bool = True) -> TrainResult:
    """Measure, decide, write the state and the report; evaluate before and after."""
    annotations_dir = Path(annotations_dir or config.ANNOTATIONS_DIR)
    corpus_dirs = list(corpus_dirs or [config.SHARED_CORPUS_DIR, config.CORPUS_DIR])
    work = Path(work_dir or config.BUILD_DIR / "train")
    state_path = Path(state_path or annotations_dir / rule_state.STATE_FILE)
    report_path = Path(report_path or annotations_dir / REPORT_FILE)
    previous = rule_state.read_state(state_path)

    dev = load_dev_gold(annotations_dir, corpus_dirs)
    sources = []
    for g in dev.docs.values():
        path, problem = find_source(g.file, g.sha256, corpus_dirs)
        if path is None or problem:
            raise FileNotFoundError(f"gold document {g.doc}: {problem or 'source not found'}")
        sources.append(path)
    extract_into(sources, work / "measure", None)
    reviews = read_reviews(review_files(annotations_dir, extra_reviews), annotations_dir)
    ev = measure(work / "measure", dev, reviews)
    inputs = {
        "shipped": shipped_versions(),
        "gold": [{"doc": g.doc, "sha256": g.sha256, "dev_ranges": [list(r) for r in dev.ranges[g.doc]],
                  "dev_mentions": sum(1 for m in dev.mentions if m.doc == g.doc),
                  "dev_relations": sum(1 for r in dev.relations if r.doc == g.doc)}
                 for g in sorted(dev.docs.values(), key=lambda g: g.doc)],
        "reviews": [{k: f[k] for k in ("file", "sha256", "reviewed", "used", "skipped")}
                    for f in reviews.files],
    }
    content = compute_state(ev, previous, inputs, settings, accept)
    state, changed = finalize(content, previous)
    changes = diff_states(previous, content) if changed else []
    if previous["hash"] and rule_state.content_hash(previous) != previous["hash"]:
        changes.insert(0, f"the state file was edited by hand after version {previous['version']} "
                          "(its content no longer matches its hash); this version records the "
                          "edits that training keeps (accepted flags)")
    result = TrainResult(state, changed, changes, None, reviews, ev)
    if not changed and report_path.exists():
        return result
    if evaluate:
        extract_into(sources, work / "before", state_path if previous["hash"] else None)
        result.before = scores(work / "before", annotations_dir, corpus_dirs)
    if changed:
        atomic_write_text(state_path, rule_state.dumps(state))
    if evaluate:
        extract_into(sources, work / "after", state_path)
        result.after = scores(work / "after", annotations_dir, corpus_dirs)
    text = format_report(result, previous, work)
    atomic_write_text(report_path, text)
    atomic_write_text(work / REPORT_FILE, text)
    result.report = report_path
    return result


# --------------------------------------------------------------------------- report


def _f(s: dict[str, Any]) -> str:
    return f"{s['f1']:.3f} (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"


def format_report(res: TrainResult, previous: dict[str, Any], work: Path) -> str:
    st = res.state
    out = [f"# Train report: rule state version {st['version']} (`{st['hash'][:12]}`)", "",
           "Written by `make train` (`pipeline/train.py`). The state "
           "(`annotations/rule_state.json`) is applied by every `make extract`.", ""]
    prev = f"version {previous['version']} (`{previous['hash'][:12]}`)" if previous.get("hash") \
        else "none (shipped rules only)"
    out += [f"Previous state: {prev}.", ""]
    s = st["settings"]
    out += ["Evidence: the gold **dev** split only (measurement run of the shipped rules, no "
            "state, over the gold documents) and reviewers' verdicts; the test split is read "
            "only by the evaluations below.",
            f"Settings: rule precision floor {s['rule_precision_floor']} (min support "
            f"{s['rule_min_support']} rows), term precision floor {s['term_precision_floor']} "
            f"(min support {s['term_min_support']}), Beta prior strength {s['prior_strength']} "
            "pseudo-rows at the shipped confidence: confidence = (correct + s x prior) / "
            "(support + s).", ""]
    for g in st["inputs"]["gold"]:
        out.append(f"- gold `{g['doc']}`: dev ranges {g['dev_ranges']}, {g['dev_mentions']} dev "
                   f"mentions, {g['dev_relations']} dev relations")
    for f in st["inputs"]["reviews"]:
        out.append(f"- reviews `{f['file']}`: {f['reviewed']} reviewed rows, {f['used']} used, "
                   f"{f['skipped']} skipped")
    rc = res.evidence.review_counts
    if rc:
        out.append(f"- verdicts: {rc['used_dev_gold_doc']} on dev sentences of a gold document "
                   f"({rc['overrode_gold']} disagree with the gold judgement and replace it), "
                   f"{rc['used_other_doc']} on other documents, {rc['excluded_not_dev']} not used "
                   "(gold document, sentence outside the dev ranges)")
    out += ["", "## Changes against the previous state", ""]
    out += [f"- {c}" for c in res.changes] or ["- none"]
    if res.before and res.after:
        out += ["", "## Scores before and after (one `make evaluate` each side)", "",
                f"Runs: `{work / 'before'}` (previous state), `{work / 'after'}` (this state); "
                "reports in each folder's evaluation.md.", "",
                "| split | measure | before | after |", "|---|---|---|---|"]
        for split in ("test", "dev"):
            for m, name in (("relations_pairs", "relation pairs F1"),
                            ("relations_exact", "relation exact-key F1"),
                            ("mentions_strict", "mention strict F1"),
                            ("mentions_lenient", "mention lenient F1")):
                out.append(f"| {split} | {name} | {_f(res.before[split][m])} | "
                           f"{_f(res.after[split][m])} |")
        out += ["", "Confidence calibration of the relation rows (Brier score, lower is better; "
                "a row is right when its exact key is a gold key):", "",
                "| split | rows | before: Brier / mean conf / share right | after |",
                "|---|---:|---|---|"]
        for split in ("test", "dev"):
            b, a = res.before[split]["calibration"], res.after[split]["calibration"]
            out.append(f"| {split} | {a['rows']} | {b['brier']:.4f} / {b['mean_confidence']:.3f} / "
                       f"{b['share_right']:.3f} | {a['brier']:.4f} / {a['mean_confidence']:.3f} / "
                       f"{a['share_right']:.3f} |")
        out += ["", "Dev figures are optimistic: the state was learned on dev."]
    out += ["", "## Relation rules", "",
            "| rule_id | relations | support | gold ✓/✗ | review ✓/✗ | precision | recall | "
            "old conf | new conf | status |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    old_rules = previous.get("relation_rules", {})
    for rid, r in sorted(st["relation_rules"].items()):
        old = old_rules.get(rid, {}).get("confidence", r["prior"])
        out.append(f"| {rid} | {', '.join(r['relations'])} | {r['support']} | "
                   f"{r['gold_correct']}/{r['gold_incorrect']} | {r['review_correct']}/"
                   f"{r['review_incorrect']} | {r['precision']:.2f} | {r['recall']:.2f} | {old} | "
                   f"{r['confidence']} | {r['status']}{' — ' + r['reason'] if r['reason'] else ''} |")
    out += ["", "Old conf: the previous state's, else the shipped one. Rules not listed had no "
            "row in the dev split or in a review and keep their shipped confidence."]
    out += ["", "## Lexicon terms with a false positive on dev", "",
            "| term (source/label/norm_id/text) | support | tp | fp | precision | status |",
            "|---|---:|---:|---:|---:|---|"]
    for key, t in sorted(st["lexicon_terms"].items()):
        out.append(f"| `{key}` | {t['support']} | {t['tp']} | {t['fp']} | {t['precision']:.2f} | "
                   f"{t['status']} |")
    if not st["lexicon_terms"]:
        out.append("| (none) | | | | | |")
    out += ["", "## Proposals (applied only when accepted: `make train ACCEPT=1`)", ""]
    for kind, what in (("lexicon_additions", "Lexicon additions (gold dev mentions the lexicon "
                        "missed)"), ("misgroundings", "Mis-groundings (gold dev norm errors; "
                                     "reviewers' wrong_slot)")):
        out += [f"### {what}", ""]
        items = st[kind]
        for key, p in sorted(items.items()):
            ev = f"gold dev x{p.get('gold_dev', 0)}" + (f", reviews x{p['review']}"
                                                       if p.get("review") else "")
            out.append(f"- `{key}` ({ev}): {'ACCEPTED' if p['accepted'] else 'proposed'}")
        if not items:
            out.append("- none")
        out.append("")
    probs = res.reviews.problems + res.evidence.notes
    out += ["## Review problems (rows skipped)", ""]
    out += [f"- {p}" for p in probs] or ["- none"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- archive


def archive_run(run_dir: Path, annotations_dir: Path | None = None) -> tuple[Path, Path, ReviewSet]:
    """Archive the reviewed rows of ``run_dir/relations.csv`` and the documents they come from
    (``<name>.documents.csv``, for the version check); returns both paths and the guard check
    of the archived file (what `make train` will use and skip)."""
    from pipeline.review import archive_reviews

    annotations_dir = Path(annotations_dir or config.ANNOTATIONS_DIR)
    run_dir = Path(run_dir)
    docs_csv = run_dir / "documents.csv"
    if not docs_csv.is_file():
        raise ValueError(f"{docs_csv} is missing: not a run folder")
    path = archive_reviews(run_dir / "relations.csv", annotations_dir)
    reviewed_docs = {r.get("doc_id") for r in read_csv(path)}
    header = COLUMNS["documents"]
    rows = [r for r in read_csv(docs_csv) if r.get("doc_id") in reviewed_docs]
    from pipeline.export import csv_text

    side = documents_beside(path)
    atomic_write_text(side, csv_text(header, [{c: r.get(c, "") for c in header} for r in rows]))
    return path, side, read_reviews([path], annotations_dir)
