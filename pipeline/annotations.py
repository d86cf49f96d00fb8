"""Gold standoff annotations: load, validate, split, brat import/export.

The format is ``annotations/FORMAT.md``. A gold document is the folder
``annotations/gold/<doc>/``: ``document.json`` plus every ``*.jsonl`` below it, at any
depth (curators write ``part1/``, ``part2/`` … sub-folders; ids are unique across
parts). A file named ``mentions*.jsonl`` / ``relations*.jsonl`` / ``outcomes*.jsonl``
holds that kind of record; other ``*.jsonl`` files are read line by line and each
record's kind is inferred from its keys (``label`` -> mention, ``relation`` ->
relation, ``metric`` -> outcome).

Public functions:

- ``read_gold(doc_dir, corpus_dirs) -> (GoldDocument, problems)``; ``load_gold(doc_dir)``
  raises ``GoldFormatError`` when a record cannot be read at all.
- ``validate(annotations_dir, corpus_dirs) -> list[str]``; ``validate_main(...) -> int``.
- ``load_splits(annotations_dir)``, ``split_of(doc, raw_offset)``.
- ``export_brat(gold, raw_text, out_dir)``, ``import_brat(ann_path, txt_path)``,
  ``export_brat_all(annotations_dir, corpus_dirs, out_dir)``.

brat encoding (``export_brat``), one ``.ann`` per document next to a copy of the raw
text (``<doc>.txt``, UTF-8, BOM stripped, so brat offsets == gold raw offsets):

- mention: ``T5<TAB>GENE 100 104<TAB>KRAS``; a span that crosses line breaks is written
  as brat fragments (``100 110;111 120``) and read back as one span. Its normalization:
  ``N5<TAB>Reference T5 HGNC:6407<TAB>KRAS``. Ids without a ``DB:`` prefix get a
  pseudo-database (``DrugBank:DB15569``, ``Cellosaurus:CVCL_1559``,
  ``ClinicalTrials:NCT03600883``, ``Variant:KRAS%20p.G12C``, ``Mechanism:EMT``); spaces
  and ``%`` are percent-encoded.
- relation (n-ary claim) = brat event. Its trigger is a text-bound annotation of the
  relation type over the anchor mention's span (``T90<TAB>resistance 100 104<TAB>KRAS``),
  and the event lists the roles: ``E1<TAB>resistance:T90 Anchor:T17 Drug:T12 Partner:T3
  Partner2:T4 Target:T14 Variant:T7 MechanismMention:T15 Cancer:T16 CellLine:T9``
  (partners keep their order: Partner, Partner2, Partner3 …).
  Attributes: ``A1<TAB>Mechanism E1 RTK_FEEDBACK``, ``Assertion``, ``EvidenceLevel``,
  ``Effect``.
- outcome = brat event ``outcome`` whose trigger is the value span:
  ``T91<TAB>outcome 12345 12349<TAB>32.2`` and ``E2<TAB>outcome:T91 Drug:T40 Cancer:T41
  Trial:T42``, attributes ``Metric``, ``Value``, ``Unit``, ``N``.
- gold ids: mention ``T<n>`` keeps its id; relation ``R<n>`` becomes ``E<n>`` and outcome
  ``O<n>`` becomes ``E<n>`` when free. Anything brat cannot carry (another id, a
  ``prefix``/``suffix`` that is not the default 20 characters, an annotator ``note``) goes
  into a note ``#<k><TAB>GoldFields <brat id><TAB><json>``.
- ``<doc>.json`` holds the document record (doc, file, sha256, chars);
  ``annotation.conf`` declares the types for the brat UI.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote

from pipeline import config, vocab
from pipeline.export import read_jsonl

ENTITY_LABELS = vocab.ENTITY_LABELS
RELATION_TYPES = ("inhibits", "resistance", "overcomes", "combination")
EFFECTS = ("positive", "negative", "unknown")
ASSERTIONS = ("affirmed", "hedged", "negated")
EVIDENCE_LEVELS = ("clinical", "in_vivo", "in_vitro", "unspecified")
METRIC_UNITS = {"ORR": "%", "DCR": "%", "mDOR": "months", "mPFS": "months", "mOS": "months",
                "N": "patients"}
SPLITS = ("dev", "test")
CONTEXT_CHARS = 20
FIRST_CHARS = 30

DRUG_LABELS = frozenset({"DRUG", "DRUG_CLASS"})
#: Which mention labels each relation slot may point at (None: any label).
RELATION_SLOT_LABELS: dict[str, frozenset[str] | None] = {
    "anchor": None,
    "drug": DRUG_LABELS,
    "partner": DRUG_LABELS,
    "target": frozenset({"GENE"}),
    "variant": frozenset({"VARIANT"}),
    "mechanism_mention": frozenset({"MECHANISM"}),
    "cancer": frozenset({"CANCER"}),
    "cell_line": frozenset({"CELL_LINE"}),
}
OUTCOME_SLOT_LABELS: dict[str, frozenset[str]] = {
    "drug": DRUG_LABELS,
    "cancer": frozenset({"CANCER"}),
    "trial": frozenset({"TRIAL"}),
}


class GoldFormatError(Exception):
    """Gold files cannot be read (bad JSON, missing fields); the message lists why."""


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldMention:
    id: str
    label: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    norm_id: str
    norm_name: str
    note: str | None = None


@dataclass(frozen=True)
class GoldRelation:
    id: str
    relation: str
    anchor: str
    drug: str | None
    partner: tuple[str, ...]
    target: str | None
    variant: str | None
    mechanism: str | None
    mechanism_mention: str | None
    cancer: str | None
    cell_line: str | None
    effect: str | None
    assertion: str
    evidence_level: str
    note: str | None = None


@dataclass(frozen=True)
class GoldOutcome:
    id: str
    drug: str
    cancer: str
    trial: str | None
    metric: str
    value: str
    unit: str
    n: int | None
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    file: str
    sha256: str
    chars: int
    mentions: tuple[GoldMention, ...] = ()
    relations: tuple[GoldRelation, ...] = ()
    outcomes: tuple[GoldOutcome, ...] = ()
    #: record id -> "file:line" it was read from (for messages; not part of equality)
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def mention_by_id(self) -> dict[str, GoldMention]:
        return {m.id: m for m in self.mentions}

    def where(self, item_id: str) -> str:
        return self.origins.get(item_id, self.doc)


_SCHEMAS: dict[str, tuple[type, dict[str, tuple[type, ...]], frozenset[str]]] = {
    # kind: (class, field -> accepted JSON types, optional fields)
    "mention": (GoldMention, {
        "id": (str,), "label": (str,), "start": (int,), "end": (int,), "quote": (str,),
        "prefix": (str,), "suffix": (str,), "norm_id": (str,), "norm_name": (str,),
        "note": (str, type(None)),
    }, frozenset({"note"})),
    "relation": (GoldRelation, {
        "id": (str,), "relation": (str,), "anchor": (str,), "drug": (str, type(None)),
        "partner": (list,), "target": (str, type(None)), "variant": (str, type(None)),
        "mechanism": (str, type(None)), "mechanism_mention": (str, type(None)),
        "cancer": (str, type(None)), "cell_line": (str, type(None)),
        "effect": (str, type(None)), "assertion": (str,), "evidence_level": (str,),
        "note": (str, type(None)),
    }, frozenset({"note", "variant", "cell_line", "mechanism_mention", "effect", "partner"})),
    "outcome": (GoldOutcome, {
        "id": (str,), "drug": (str,), "cancer": (str,), "trial": (str, type(None)),
        "metric": (str,), "value": (str, int, float), "unit": (str,),
        "n": (int, type(None)), "start": (int,), "end": (int,), "quote": (str,),
        "prefix": (str,), "suffix": (str,), "note": (str, type(None)),
    }, frozenset({"note", "trial", "n"})),
}


def record_from_dict(kind: str, data: Any, where: str) -> tuple[Any | None, list[str]]:
    """Build one record from a JSON object; unknown keys, missing keys, bad types -> problems."""
    cls, types, optional = _SCHEMAS[kind]
    if not isinstance(data, dict):
        return None, [f"{where}: expected a JSON object, got {type(data).__name__}"]
    problems = [f"{where}: unknown key {k!r}" for k in data if k not in types]
    values: dict[str, Any] = {}
    for key, accepted in types.items():
        if key not in data:
            if key not in optional:
                problems.append(f"{where}: missing key {key!r}")
            continue
        val = data[key]
        if isinstance(val, bool) or not isinstance(val, accepted):
            problems.append(f"{where}: {key} has type {type(val).__name__}")
            continue
        if key == "partner":
            if not all(isinstance(p, str) for p in val):
                problems.append(f"{where}: partner must be a list of mention ids")
                continue
            val = tuple(val)
        if key == "value" and not isinstance(val, str):
            val = str(val)
        values[key] = val
    if problems:
        return None, problems
    if kind == "relation":
        values.setdefault("partner", ())
    return cls(**values), []


def _kind_of(path: Path, data: Any) -> str | None:
    stem = path.stem.lower()
    for kind in ("mention", "relation", "outcome"):
        if stem.startswith(kind):
            return kind
    if isinstance(data, dict):
        if "label" in data:
            return "mention"
        if "relation" in data:
            return "relation"
        if "metric" in data:
            return "outcome"
    return None


# --- source text ----------------------------------------------------------------------


def default_corpus_dirs() -> list[Path]:
    return [config.SHARED_CORPUS_DIR, config.CORPUS_DIR]


def read_raw(path: Path) -> str:
    """The raw text as FORMAT.md defines it: UTF-8, BOM stripped, nothing else changed."""
    text = path.read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_source(
    file_name: str, sha256: str, corpus_dirs: Iterable[Path]
) -> tuple[Path | None, str | None]:
    """Locate a gold document's raw file: by name and sha256, else by sha256 alone.

    Returns (path, problem). A file with the right name but another checksum is returned
    with a problem (its anchors are then checked, and re-found by context).
    """
    dirs = [Path(d) for d in corpus_dirs]
    same_name: Path | None = None
    for d in dirs:
        cand = d / file_name
        if cand.is_file():
            if not sha256 or sha256_file(cand) == sha256:
                return cand, None
            same_name = same_name or cand
    if sha256:
        for d in dirs:
            if not d.is_dir():
                continue
            for cand in sorted(d.rglob("*")):
                if cand.is_file() and cand.stat().st_size < config.MAX_TEXT_BYTES:
                    if sha256_file(cand) == sha256:
                        return cand, None
    if same_name is not None:
        return same_name, f"{same_name} has another sha256 than document.json (file changed?)"
    where = ", ".join(str(d) for d in dirs) or "(no corpus folders)"
    return None, f"source file {file_name} (sha256 {sha256[:12]}…) not found in {where}"


# --- loading --------------------------------------------------------------------------


def read_document_json(doc_dir: Path, corpus_dirs: Iterable[Path] | None = None) -> tuple[
    dict[str, Any], list[str]
]:
    """document.json of a gold folder, or one derived from the folder name and the corpus."""
    doc_dir = Path(doc_dir)
    path = doc_dir / "document.json"
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return _derived_document(doc_dir, corpus_dirs), [f"{path}: not valid JSON ({exc})"]
        problems = []
        for key, typ in (("doc", str), ("file", str), ("sha256", str), ("chars", int)):
            if not isinstance(data.get(key), typ):
                problems.append(f"{path}: {key!r} missing or not {typ.__name__}")
        extra = sorted(set(data) - {"doc", "file", "sha256", "chars"})
        if extra:
            problems.append(f"{path}: unknown keys {extra}")
        if problems:
            return _derived_document(doc_dir, corpus_dirs), problems
        return data, []
    return _derived_document(doc_dir, corpus_dirs), []


def _derived_document(doc_dir: Path, corpus_dirs: Iterable[Path] | None) -> dict[str, Any]:
    doc = doc_dir.name
    data: dict[str, Any] = {"doc": doc, "file": f"{doc}.txt", "sha256": "", "chars": -1}
    for d in corpus_dirs if corpus_dirs is not None else default_corpus_dirs():
        cand = Path(d) / data["file"]
        if cand.is_file():
            data["sha256"] = sha256_file(cand)
            data["chars"] = len(read_raw(cand))
            break
    return data


def read_gold(
    doc_dir: Path, corpus_dirs: Iterable[Path] | None = None
) -> tuple[GoldDocument, list[str]]:
    """Read a gold folder; unreadable records are skipped and reported as problems."""
    doc_dir = Path(doc_dir)
    meta, problems = read_document_json(doc_dir, corpus_dirs)
    records: dict[str, list[Any]] = {"mention": [], "relation": [], "outcome": []}
    origins: dict[str, str] = {}
    root = doc_dir.parent.parent if doc_dir.parent.name == "gold" else doc_dir.parent
    for path in sorted(doc_dir.rglob("*.jsonl")):
        rel = path.relative_to(root) if path.is_relative_to(root) else path
        for lineno, data, error in read_jsonl(path):
            where = f"{rel}:{lineno}"
            if error is not None:
                problems.append(f"{where}: not valid JSON ({error.msg})")
                continue
            kind = _kind_of(path, data)
            if kind is None:
                problems.append(f"{where}: cannot tell mention/relation/outcome apart")
                continue
            rec, errs = record_from_dict(kind, data, where)
            problems.extend(errs)
            if rec is None:
                continue
            if rec.id in origins:
                problems.append(f"{where}: id {rec.id} already used at {origins[rec.id]}")
                continue
            origins[rec.id] = where
            records[kind].append(rec)
    gold = GoldDocument(
        doc=meta["doc"], file=meta["file"], sha256=meta["sha256"], chars=meta["chars"],
        mentions=tuple(records["mention"]), relations=tuple(records["relation"]),
        outcomes=tuple(records["outcome"]), origins=origins,
    )
    return gold, problems


def load_gold(doc_dir: Path, corpus_dirs: Iterable[Path] | None = None) -> GoldDocument:
    """Load one gold document (all parts merged); raise GoldFormatError on unreadable records."""
    gold, problems = read_gold(doc_dir, corpus_dirs)
    if problems:
        raise GoldFormatError(
            f"{doc_dir}: {len(problems)} unreadable record(s):\n  " + "\n  ".join(problems)
        )
    return gold


def gold_doc_dirs(annotations_dir: Path | None = None) -> list[Path]:
    gold_root = Path(annotations_dir or config.ANNOTATIONS_DIR) / "gold"
    if not gold_root.is_dir():
        return []
    return sorted(p for p in gold_root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_all_gold(
    annotations_dir: Path | None = None, corpus_dirs: Iterable[Path] | None = None
) -> list[GoldDocument]:
    return [load_gold(d, corpus_dirs) for d in gold_doc_dirs(annotations_dir)]


# --- splits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SplitRange:
    split: str
    start: int
    end: int
    first: str
    title: str


Splits = Mapping[str, Sequence[SplitRange]]


def parse_splits(data: Any) -> tuple[dict[str, tuple[SplitRange, ...]], list[str]]:
    """split.json content -> {doc: ranges}; structural problems listed."""
    out: dict[str, tuple[SplitRange, ...]] = {}
    problems: list[str] = []
    if not isinstance(data, dict):
        return out, ["split.json: expected an object {doc: [ranges]}"]
    for doc, ranges in data.items():
        if not isinstance(ranges, list):
            problems.append(f"split.json {doc}: expected a list of ranges")
            continue
        items = []
        for i, r in enumerate(ranges):
            where = f"split.json {doc}[{i}]"
            if not isinstance(r, dict):
                problems.append(f"{where}: expected an object")
                continue
            unknown = sorted(set(r) - {"split", "start", "end", "first", "title"})
            if unknown:
                problems.append(f"{where}: unknown keys {unknown}")
            try:
                rng = SplitRange(str(r["split"]), r["start"], r["end"], str(r["first"]),
                                 str(r.get("title", "")))
            except KeyError as exc:
                problems.append(f"{where}: missing key {exc}")
                continue
            if rng.split not in SPLITS:
                problems.append(f"{where}: split {rng.split!r} is not one of {SPLITS}")
            if not (isinstance(rng.start, int) and isinstance(rng.end, int)
                    and 0 <= rng.start < rng.end):
                problems.append(f"{where}: bad range [{rng.start}, {rng.end})")
                continue
            if not rng.first or len(rng.first) > FIRST_CHARS:
                problems.append(f"{where}: 'first' must be 1..{FIRST_CHARS} characters")
            items.append(rng)
        items.sort(key=lambda r: r.start)
        for a, b in zip(items, items[1:], strict=False):
            if b.start < a.end:
                problems.append(
                    f"split.json {doc}: ranges [{a.start}, {a.end}) and "
                    f"[{b.start}, {b.end}) overlap"
                )
        out[doc] = tuple(items)
    return out, problems


@lru_cache(maxsize=8)
def _load_splits_cached(path: str, mtime: float) -> dict[str, tuple[SplitRange, ...]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    splits, problems = parse_splits(data)
    if problems:
        raise GoldFormatError("split.json: " + "; ".join(problems))
    return splits


def load_splits(annotations_dir: Path | None = None) -> dict[str, tuple[SplitRange, ...]]:
    """split.json as {doc: ranges sorted by start}; {} when the file is absent."""
    path = Path(annotations_dir or config.ANNOTATIONS_DIR) / "split.json"
    if not path.is_file():
        return {}
    return _load_splits_cached(str(path), path.stat().st_mtime)


def split_of(doc: str, raw_offset: int, splits: Splits | None = None) -> str | None:
    """"dev" or "test" for a raw offset of a gold document, None outside every range."""
    if splits is None:
        splits = load_splits()
    for rng in splits.get(doc, ()):
        if rng.start <= raw_offset < rng.end:
            return rng.split
    return None


# --- validation -----------------------------------------------------------------------


def relocate(raw: str, start: int, quote: str, prefix: str, suffix: str) -> int | None:
    """New start of an anchor whose offsets no longer fit, found by its context.

    Tries prefix+quote+suffix, then prefix+quote, then quote+suffix (each needs a
    non-empty context); picks the occurrence nearest the old start. None = lost.
    """
    for before, after in ((prefix, suffix), (prefix, ""), ("", suffix)):
        if not quote or not (before or after) or (before, after) == ("", ""):
            continue
        needle = before + quote + after
        hits = [m.start() + len(before) for m in re.finditer(re.escape(needle), raw)]
        if hits:
            return min(hits, key=lambda h: (abs(h - start), h))
    return None


def check_anchor(raw: str, item_id: str, start: int, end: int, quote: str, prefix: str,
                 suffix: str) -> list[str]:
    """Problems with one anchor: span, quote, context; moved (re-found) or lost."""
    problems = []
    if not (0 <= start < end):
        problems.append(f"{item_id}: bad span [{start}, {end})")
    if len(prefix) > CONTEXT_CHARS or len(suffix) > CONTEXT_CHARS:
        problems.append(f"{item_id}: prefix/suffix longer than {CONTEXT_CHARS} characters")
    if 0 <= start < end <= len(raw) and raw[start:end] == quote:
        if raw[max(0, start - len(prefix)):start] != prefix or raw[end:end + len(suffix)] != suffix:
            problems.append(f"{item_id}: quote fits [{start}, {end}) but prefix/suffix differ")
        return problems
    new = relocate(raw, start, quote, prefix, suffix)
    if new is None:
        problems.append(f"{item_id}: anchor lost: {quote!r} not at [{start}, {end}) "
                        "and not re-found by its context")
    else:
        problems.append(f"{item_id}: anchor moved: {quote!r} is at [{new}, {new + len(quote)}) "
                        f"(recorded [{start}, {end}), shift {new - start:+d})")
    return problems


def _check_slot(gold: GoldDocument, owner: str, slot: str, mention_id: str | None,
                allowed: frozenset[str] | None) -> list[str]:
    if mention_id is None:
        return []
    m = gold.mention_by_id.get(mention_id)
    if m is None:
        return [f"{owner}: {slot} -> {mention_id} is not a mention of this document"]
    if allowed is not None and m.label not in allowed:
        return [f"{owner}: {slot} -> {mention_id} is a {m.label}, expected "
                f"{' or '.join(sorted(allowed))}"]
    return []


def check_relation(gold: GoldDocument, r: GoldRelation) -> list[str]:
    """Problems with one relation: enums, required slots, slot targets and labels."""
    me = f"{gold.where(r.id)} {r.id}"
    problems: list[str] = []
    if r.relation not in RELATION_TYPES:
        problems.append(f"{me}: relation {r.relation!r} is not one of {RELATION_TYPES}")
    if r.assertion not in ASSERTIONS:
        problems.append(f"{me}: assertion {r.assertion!r} is not one of {ASSERTIONS}")
    if r.evidence_level not in EVIDENCE_LEVELS:
        problems.append(f"{me}: evidence_level {r.evidence_level!r} is not one of "
                        f"{EVIDENCE_LEVELS}")
    if r.relation in ("combination", "overcomes"):
        if r.effect not in EFFECTS:
            problems.append(f"{me}: effect {r.effect!r} must be one of {EFFECTS} for {r.relation}")
        elif r.relation == "overcomes" and r.effect != "positive":
            problems.append(f"{me}: effect of overcomes is always positive, got {r.effect!r}")
    elif r.effect is not None:
        problems.append(f"{me}: effect must be null for {r.relation}")
    if r.mechanism is not None and r.mechanism not in vocab.mechanism_codes():
        problems.append(f"{me}: mechanism {r.mechanism!r} is not a mechanism code")
    # required slots (SPEC.md "Relations")
    if r.drug is None:
        problems.append(f"{me}: {r.relation} needs a drug")
    if r.relation == "inhibits" and r.target is None:
        problems.append(f"{me}: inhibits needs a target")
    if r.relation == "resistance" and r.target is None and r.mechanism is None:
        problems.append(f"{me}: resistance needs a mechanism or a target")
    if r.relation in ("overcomes", "combination") and not r.partner:
        problems.append(f"{me}: {r.relation} needs a partner")
    if len(set(r.partner)) != len(r.partner):
        problems.append(f"{me}: partner lists a mention twice")
    for slot, allowed in RELATION_SLOT_LABELS.items():
        if slot == "target" and r.relation == "inhibits" and r.target is not None \
                and r.target == r.variant:
            allowed = frozenset({"GENE", "VARIANT"})  # GUIDELINES.md section 9.5
        ids = r.partner if slot == "partner" else (getattr(r, slot),)
        for mid in ids:
            problems.extend(_check_slot(gold, me, slot, mid, allowed))
    if r.mechanism_mention is not None:
        mm = gold.mention_by_id.get(r.mechanism_mention)
        if r.mechanism is None:
            problems.append(f"{me}: mechanism_mention set but mechanism is null")
        elif mm is not None and mm.label == "MECHANISM" and mm.norm_id != r.mechanism:
            problems.append(f"{me}: mechanism {r.mechanism} but mechanism_mention "
                            f"{mm.id} is {mm.norm_id}")
    return problems


_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def check_outcome(gold: GoldDocument, o: GoldOutcome) -> list[str]:
    """Problems with one outcome: metric/unit, value, slots."""
    me = f"{gold.where(o.id)} {o.id}"
    problems: list[str] = []
    if o.metric not in METRIC_UNITS:
        problems.append(f"{me}: metric {o.metric!r} is not one of {tuple(METRIC_UNITS)}")
    elif o.unit != METRIC_UNITS[o.metric]:
        problems.append(
            f"{me}: unit {o.unit!r} should be {METRIC_UNITS[o.metric]!r} for {o.metric}"
        )
    if not _NUMBER_RE.fullmatch(o.value.strip()):
        problems.append(f"{me}: value {o.value!r} is not a number")
    if o.n is not None and o.n < 0:
        problems.append(f"{me}: n {o.n} is negative")
    for slot, allowed in OUTCOME_SLOT_LABELS.items():
        problems.extend(_check_slot(gold, me, slot, getattr(o, slot), allowed))
    return problems


def check_document(gold: GoldDocument, raw: str | None, splits: Splits) -> list[str]:
    """All per-document problems (anchors need ``raw``; None skips them)."""
    problems: list[str] = []
    if raw is not None and gold.chars != len(raw):
        problems.append(f"{gold.doc}: document.json chars {gold.chars} != {len(raw)} in the file")
    last: GoldMention | None = None
    for m in sorted(gold.mentions, key=lambda m: (m.start, m.end)):
        if last is not None and m.start < last.end:
            problems.append(f"{gold.where(m.id)} {m.id}: overlaps {last.id} "
                            f"([{m.start}, {m.end}) and [{last.start}, {last.end}))")
        if last is None or m.end > last.end:
            last = m
    seen_spans: dict[tuple[str, int, int], str] = {}
    for m in gold.mentions:
        me = f"{gold.where(m.id)} {m.id}"
        if m.label not in ENTITY_LABELS:
            problems.append(f"{me}: label {m.label!r} is not one of {ENTITY_LABELS}")
        else:
            err = vocab.check_id(m.label, m.norm_id)
            if err is None:
                err = vocab.check_name(m.label, m.norm_id, m.norm_name)
            if err:
                problems.append(f"{me}: {err}")
        key = (m.label, m.start, m.end)
        if key in seen_spans:
            problems.append(f"{me}: same label and span as {seen_spans[key]}")
        seen_spans.setdefault(key, m.id)
        if raw is not None:
            problems.extend(check_anchor(raw, me, m.start, m.end, m.quote, m.prefix, m.suffix))
    for r in gold.relations:
        problems.extend(check_relation(gold, r))
    for o in gold.outcomes:
        if raw is not None:
            problems.extend(check_anchor(raw, f"{gold.where(o.id)} {o.id}", o.start, o.end,
                                         o.quote, o.prefix, o.suffix))
        problems.extend(check_outcome(gold, o))
    ranges = splits.get(gold.doc)
    if not ranges:
        problems.append(f"{gold.doc}: no ranges in split.json (its items are scored in 'all' only)")
    else:
        for item in (*gold.mentions, *gold.outcomes):
            if split_of(gold.doc, item.start, splits) is None:
                problems.append(f"{gold.where(item.id)} {item.id}: start {item.start} lies "
                                "outside every split.json range")
    return problems


def check_split_anchors(doc: str, ranges: Sequence[SplitRange], raw: str) -> list[str]:
    problems = []
    for rng in ranges:
        where = f"split.json {doc} {rng.split} [{rng.start}, {rng.end})"
        if rng.end > len(raw):
            problems.append(f"{where}: end beyond the file ({len(raw)} characters)")
        if raw[rng.start:rng.start + len(rng.first)] != rng.first:
            new = raw.find(rng.first)
            hint = f"; the text occurs at {new}" if new >= 0 else ""
            problems.append(f"{where}: 'first' {rng.first!r} does not match the file{hint}")
    return problems


def validate(
    annotations_dir: Path | None = None, corpus_dirs: Iterable[Path] | None = None
) -> list[str]:
    """Every problem in the gold set and split.json (empty list = valid)."""
    annotations_dir = Path(annotations_dir or config.ANNOTATIONS_DIR)
    corpus_dirs = [Path(d) for d in (corpus_dirs or default_corpus_dirs())]
    problems: list[str] = []
    split_path = annotations_dir / "split.json"
    splits: dict[str, tuple[SplitRange, ...]] = {}
    if split_path.is_file():
        try:
            splits, errs = parse_splits(json.loads(split_path.read_text(encoding="utf-8")))
            problems.extend(errs)
        except json.JSONDecodeError as exc:
            problems.append(f"split.json: not valid JSON ({exc})")
    else:
        problems.append(f"{split_path}: missing")
    doc_dirs = gold_doc_dirs(annotations_dir)
    if not doc_dirs:
        problems.append(f"{annotations_dir / 'gold'}: no gold documents")
    seen_docs = set()
    for doc_dir in doc_dirs:
        gold, errs = read_gold(doc_dir, corpus_dirs)
        problems.extend(errs)
        seen_docs.add(gold.doc)
        if gold.doc != doc_dir.name:
            problems.append(f"{doc_dir}: document.json doc {gold.doc!r} != folder name")
        src, err = find_source(gold.file, gold.sha256, corpus_dirs)
        if err:
            problems.append(f"{gold.doc}: {err}")
        raw = read_raw(src) if src is not None else None
        problems.extend(check_document(gold, raw, splits))
        if raw is not None and gold.doc in splits:
            problems.extend(check_split_anchors(gold.doc, splits[gold.doc], raw))
    for doc in splits:
        if doc not in seen_docs:
            problems.append(f"split.json: {doc} has no gold folder")
    return problems


def summarize(annotations_dir: Path | None = None,
              corpus_dirs: Iterable[Path] | None = None) -> list[str]:
    """One line per gold document: counts of mentions, relations, outcomes per split."""
    annotations_dir = Path(annotations_dir or config.ANNOTATIONS_DIR)
    try:
        splits: Splits = load_splits(annotations_dir)
    except (GoldFormatError, json.JSONDecodeError):
        splits = {}
    lines = []
    for doc_dir in gold_doc_dirs(annotations_dir):
        gold, _ = read_gold(doc_dir, corpus_dirs)
        by_id = gold.mention_by_id
        counts = {s: [0, 0, 0] for s in (*SPLITS, None)}
        for m in gold.mentions:
            counts[split_of(gold.doc, m.start, splits)][0] += 1
        for r in gold.relations:
            a = by_id.get(r.anchor)
            counts[split_of(gold.doc, a.start, splits) if a else None][1] += 1
        for o in gold.outcomes:
            counts[split_of(gold.doc, o.start, splits)][2] += 1
        parts = [f"{s or 'no split'}: {c[0]} mentions, {c[1]} relations, {c[2]} outcomes"
                 for s, c in counts.items() if any(c)]
        lines.append(f"{gold.doc}: " + ("; ".join(parts) or "empty"))
    return lines


def validate_main(
    annotations_dir: Path | None = None,
    corpus_dirs: Iterable[Path] | None = None,
    stream: TextIO | None = None,
) -> int:
    """Print a validation report; 0 when the gold set is valid, 1 otherwise."""
    out = stream or sys.stdout
    annotations_dir = Path(annotations_dir or config.ANNOTATIONS_DIR)
    problems = validate(annotations_dir, corpus_dirs)
    print(f"Gold annotations in {annotations_dir}", file=out)
    for line in summarize(annotations_dir, corpus_dirs):
        print(f"  {line}", file=out)
    if not problems:
        print("OK: no problems found.", file=out)
        return 0
    print(f"{len(problems)} problem(s):", file=out)
    for p in problems:
        print(f"  - {p}", file=out)
    return 1


# --- brat -----------------------------------------------------------------------------

_PSEUDO_DB = (
    (vocab.DRUGBANK_RE, "DrugBank"),
    (vocab.CVCL_RE, "Cellosaurus"),
    (vocab.NCT_RE, "ClinicalTrials"),
)
_PSEUDO_NAMES = {"DrugBank", "Cellosaurus", "ClinicalTrials", "Variant", "Mechanism"}
_ROLE_OF_SLOT = {"anchor": "Anchor", "drug": "Drug", "partner": "Partner", "target": "Target",
                 "variant": "Variant", "mechanism_mention": "MechanismMention",
                 "cancer": "Cancer", "cell_line": "CellLine", "trial": "Trial"}
_SLOT_OF_ROLE = {v: k for k, v in _ROLE_OF_SLOT.items()}
_REL_ATTRS = (("mechanism", "Mechanism"), ("assertion", "Assertion"),
              ("evidence_level", "EvidenceLevel"), ("effect", "Effect"))
_OUT_ATTRS = (("metric", "Metric"), ("value", "Value"), ("unit", "Unit"), ("n", "N"))


def _enc(value: str) -> str:
    return value.replace("%", "%25").replace(" ", "%20").replace("\t", "%09").replace("\n", "%0A")


def _brat_ref(label: str, norm_id: str) -> str:
    if label == "VARIANT":
        return f"Variant:{_enc(norm_id)}"
    if label == "MECHANISM":
        return f"Mechanism:{_enc(norm_id)}"
    for rx, db in _PSEUDO_DB:
        if rx.fullmatch(norm_id):
            return f"{db}:{_enc(norm_id)}"
    return _enc(norm_id)


def _unbrat_ref(ref: str) -> str:
    db, sep, rest = ref.partition(":")
    if sep and db in _PSEUDO_NAMES:
        return unquote(rest)
    return unquote(ref)


def _fragments(raw: str, start: int, end: int) -> str:
    """brat span field; a span with line breaks is cut into fragments around them."""
    frags = []
    pos = start
    for m in re.finditer(r"\n", raw[start:end]):
        cut = start + m.start()
        if cut > pos:
            frags.append(f"{pos} {cut}")
        pos = cut + 1
    if end > pos:
        frags.append(f"{pos} {end}")
    return ";".join(frags) or f"{start} {end}"


def _one_line(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")


def _default_context(raw: str, start: int, end: int) -> tuple[str, str]:
    return raw[max(0, start - CONTEXT_CHARS):start], raw[end:end + CONTEXT_CHARS]


class _Ids:
    def __init__(self, used: Iterable[str] = ()) -> None:
        self.used = set(used)

    def take(self, wanted: str | None, letter: str) -> str:
        if wanted and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        n = 1
        while f"{letter}{n}" in self.used:
            n += 1
        self.used.add(f"{letter}{n}")
        return f"{letter}{n}"


_ANNOTATION_CONF = """\
# brat configuration for gold exported by pipeline.annotations.export_brat
[entities]
{entities}
[relations]
<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>
[events]
{events}
outcome\tDrug:DRUG|DRUG_CLASS, Cancer:CANCER, Trial?:TRIAL
[attributes]
Mechanism\tArg:<EVENT>, Value:{mechanisms}
Assertion\tArg:<EVENT>, Value:affirmed|hedged|negated
EvidenceLevel\tArg:<EVENT>, Value:clinical|in_vivo|in_vitro|unspecified
Effect\tArg:<EVENT>, Value:positive|negative|unknown
Metric\tArg:<EVENT>, Value:ORR|DCR|mDOR|mPFS|mOS|N
"""


def _annotation_conf() -> str:
    roles = ("Anchor:<ENTITY>, Drug?:DRUG|DRUG_CLASS, Partner*:DRUG|DRUG_CLASS, Target?:GENE, "
             "Variant?:VARIANT, MechanismMention?:MECHANISM, Cancer?:CANCER, CellLine?:CELL_LINE")
    return _ANNOTATION_CONF.format(
        entities="\n".join(ENTITY_LABELS),
        events="\n".join(f"{r}\t{roles}" for r in RELATION_TYPES),
        mechanisms="|".join(sorted(vocab.mechanism_codes())),
    )


def export_brat(gold: GoldDocument, raw_text: str, out_dir: Path) -> Path:
    """Write ``<doc>.ann``, ``<doc>.txt``, ``<doc>.json`` and ``annotation.conf`` to out_dir.

    ``raw_text`` is the raw source (BOM stripped). Returns the .ann path.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    extras: list[tuple[str, dict[str, Any]]] = []
    notes: list[tuple[str, str]] = []
    t_ids = _Ids()
    tmap: dict[str, str] = {}
    for m in gold.mentions:
        wanted = m.id if re.fullmatch(r"T\d+", m.id) else None
        tmap[m.id] = t_ids.take(wanted, "T")
    e_ids = _Ids()
    emap: dict[str, str] = {}
    for r in gold.relations:
        num = re.fullmatch(r"R(\d+)", r.id)
        emap[r.id] = e_ids.take(f"E{num[1]}" if num else None, "E")
    omap: dict[str, str] = {}
    for o in gold.outcomes:
        num = re.fullmatch(r"O(\d+)", o.id)
        omap[o.id] = e_ids.take(f"E{num[1]}" if num else None, "E")

    def context_extra(item: Any) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if (item.prefix, item.suffix) != _default_context(raw_text, item.start, item.end):
            extra.update(prefix=item.prefix, suffix=item.suffix)
        if item.quote != raw_text[item.start:item.end]:
            extra["quote"] = item.quote
        if item.note is not None:
            notes.append((tmap.get(item.id) or omap[item.id], item.note))
        return extra

    n_norm = 0
    for m in gold.mentions:
        tid = tmap[m.id]
        span = _fragments(raw_text, m.start, m.end)
        lines.append(f"{tid}\t{m.label} {span}\t{_one_line(raw_text[m.start:m.end])}")
        n_norm += 1
        lines.append(f"N{n_norm}\tReference {tid} {_brat_ref(m.label, m.norm_id)}\t"
                     f"{_one_line(m.norm_name)}")
        extra = context_extra(m)
        if tid != m.id:
            extra["id"] = m.id
        if _one_line(m.norm_name) != m.norm_name:
            extra["norm_name"] = m.norm_name
        if extra:
            extras.append((tid, extra))
    n_attr = 0

    def attr(target: str, name: str, value: Any) -> None:
        nonlocal n_attr
        if value is None:
            return
        n_attr += 1
        lines.append(f"A{n_attr}\t{name} {target} {_enc(str(value))}")

    for r in gold.relations:
        eid = emap[r.id]
        anchor = gold.mention_by_id.get(r.anchor)
        trig = t_ids.take(None, "T")
        s, e = (anchor.start, anchor.end) if anchor else (0, 0)
        lines.append(f"{trig}\t{r.relation} {_fragments(raw_text, s, e)}\t"
                     f"{_one_line(raw_text[s:e])}")
        args = [f"Anchor:{tmap.get(r.anchor, r.anchor)}"]
        for slot in ("drug", "partner", "target", "variant", "mechanism_mention", "cancer",
                     "cell_line"):
            ids = r.partner if slot == "partner" else (getattr(r, slot),)
            for k, mid in enumerate(i for i in ids if i is not None):
                role = _ROLE_OF_SLOT[slot] + (str(k + 1) if k else "")
                args.append(f"{role}:{tmap.get(mid, mid)}")
        lines.append(f"{eid}\t{r.relation}:{trig} " + " ".join(args))
        for key, name in _REL_ATTRS:
            attr(eid, name, getattr(r, key))
        extra: dict[str, Any] = {}
        if eid != f"E{r.id[1:]}" or not r.id.startswith("R"):
            extra["id"] = r.id
        if r.note is not None:
            notes.append((eid, r.note))
        if anchor is None:
            extra["anchor"] = r.anchor
        if extra:
            extras.append((eid, extra))
    for o in gold.outcomes:
        eid = omap[o.id]
        trig = t_ids.take(None, "T")
        lines.append(f"{trig}\toutcome {_fragments(raw_text, o.start, o.end)}\t"
                     f"{_one_line(raw_text[o.start:o.end])}")
        args = [f"{_ROLE_OF_SLOT[s]}:{tmap.get(getattr(o, s), getattr(o, s))}"
                for s in ("drug", "cancer", "trial") if getattr(o, s) is not None]
        lines.append(f"{eid}\toutcome:{trig} " + " ".join(args))
        for key, name in _OUT_ATTRS:
            attr(eid, name, getattr(o, key))
        extra = context_extra(o)
        if eid != f"E{o.id[1:]}" or not o.id.startswith("O"):
            extra["id"] = o.id
        if extra:
            extras.append((eid, extra))
    for k, (target, note) in enumerate(notes, 1):
        lines.append(f"#{k}\tAnnotatorNotes {target}\t{_one_line(note)}")
    for k, (target, extra) in enumerate(extras, len(notes) + 1):
        lines.append(f"#{k}\tGoldFields {target}\t{json.dumps(extra, ensure_ascii=False)}")
    stem = gold.doc
    ann = out_dir / f"{stem}.ann"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / f"{stem}.txt").write_text(raw_text, encoding="utf-8", newline="")
    meta = {"doc": gold.doc, "file": gold.file, "sha256": gold.sha256, "chars": gold.chars}
    (out_dir / f"{stem}.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out_dir / "annotation.conf").write_text(_annotation_conf(), encoding="utf-8")
    return ann


def _parse_span(spec: str) -> tuple[int, int]:
    frags = [tuple(int(x) for x in f.split()) for f in spec.split(";")]
    return frags[0][0], frags[-1][1]


def import_brat(ann_path: Path, txt_path: Path) -> GoldDocument:
    """Read a brat document written by ``export_brat`` (or hand-edited in brat) as gold.

    Mentions are text-bound annotations with an entity label; relations and outcomes
    are events (see module docstring). prefix/suffix default to 20 characters of the
    text; ``GoldFields`` notes restore anything else. Raises GoldFormatError.
    """
    ann_path, txt_path = Path(ann_path), Path(txt_path)
    raw = read_raw(txt_path)
    tb: dict[str, tuple[str, int, int]] = {}
    refs: dict[str, tuple[str, str]] = {}
    events: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    attrs: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    extras: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for lineno, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            bid, head, *rest = line.split("\t")
            if bid.startswith("T"):
                label, span = head.split(" ", 1)
                tb[bid] = (label, *_parse_span(span))
                order.append(bid)
            elif bid.startswith("N"):
                _, target, ref = head.split(" ")
                refs[target] = (_unbrat_ref(ref), rest[0] if rest else "")
            elif bid.startswith("E"):
                parts = head.split()
                etype, trig = parts[0].split(":")
                args = [tuple(p.split(":", 1)) for p in parts[1:]]
                events[bid] = (etype, trig, args)  # type: ignore[assignment]
                order.append(bid)
            elif bid.startswith(("A", "M")):
                name, target, *val = head.split(" ")
                attrs.setdefault(target, {})[name] = unquote(val[0]) if val else "true"
            elif bid.startswith("#"):
                kind, target = head.split(" ")
                if kind == "GoldFields":
                    extras[target] = json.loads(rest[0])
                elif kind == "AnnotatorNotes":
                    notes[target] = rest[0] if rest else ""
        except (ValueError, IndexError, json.JSONDecodeError) as exc:
            raise GoldFormatError(f"{ann_path}:{lineno}: cannot parse {line!r} ({exc})") from exc

    def anchor_fields(bid: str, start: int, end: int) -> dict[str, Any]:
        prefix, suffix = _default_context(raw, start, end)
        ex = extras.get(bid, {})
        return {"start": start, "end": end, "quote": ex.get("quote", raw[start:end]),
                "prefix": ex.get("prefix", prefix), "suffix": ex.get("suffix", suffix),
                "note": notes.get(bid)}

    gold_id: dict[str, str] = {}
    mentions = []
    for bid in order:
        if bid not in tb or tb[bid][0] not in ENTITY_LABELS:
            continue
        label, start, end = tb[bid]
        ex = extras.get(bid, {})
        gold_id[bid] = ex.get("id", bid)
        norm_id, norm_name = refs.get(bid, ("", ""))
        mentions.append(GoldMention(id=gold_id[bid], label=label, norm_id=norm_id,
                                    norm_name=ex.get("norm_name", norm_name),
                                    **anchor_fields(bid, start, end)))
    relations, outcomes = [], []
    for bid in order:
        if bid not in events:
            continue
        etype, trig, args = events[bid]
        ex = extras.get(bid, {})
        slots: dict[str, Any] = {"partner": []}
        for role, target in args:
            base = re.sub(r"\d+$", "", role)
            slot = _SLOT_OF_ROLE.get(base)
            if slot is None:
                raise GoldFormatError(f"{ann_path}: {bid} has unknown role {role!r}")
            mid = gold_id.get(target, target)
            if slot == "partner":
                slots["partner"].append(mid)
            else:
                slots[slot] = mid
        a = attrs.get(bid, {})
        if etype == "outcome":
            label, start, end = tb[trig]
            n = a.get("N")
            outcomes.append(GoldOutcome(
                id=ex.get("id", "O" + bid[1:]), drug=slots.get("drug"), cancer=slots.get("cancer"),
                trial=slots.get("trial"), metric=a.get("Metric", ""), value=a.get("Value", ""),
                unit=a.get("Unit", ""), n=int(n) if n is not None else None,
                **anchor_fields(bid, start, end)))
        else:
            relations.append(GoldRelation(
                id=ex.get("id", "R" + bid[1:]), relation=etype,
                anchor=ex.get("anchor", slots.get("anchor")), drug=slots.get("drug"),
                partner=tuple(slots["partner"]), target=slots.get("target"),
                variant=slots.get("variant"), mechanism=a.get("Mechanism"),
                mechanism_mention=slots.get("mechanism_mention"), cancer=slots.get("cancer"),
                cell_line=slots.get("cell_line"), effect=a.get("Effect"),
                assertion=a.get("Assertion", ""), evidence_level=a.get("EvidenceLevel", ""),
                note=notes.get(bid)))
    meta_path = ann_path.with_suffix(".json")
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    else:
        meta = {"doc": ann_path.stem, "file": txt_path.name, "sha256": sha256_file(txt_path),
                "chars": len(raw)}
    return GoldDocument(doc=meta["doc"], file=meta["file"], sha256=meta["sha256"],
                        chars=meta["chars"], mentions=tuple(mentions),
                        relations=tuple(relations), outcomes=tuple(outcomes))


def export_brat_all(annotations_dir: Path | None, corpus_dirs: Iterable[Path] | None,
                    out_dir: Path) -> list[Path]:
    """Export every gold document to ``out_dir`` (keep it outside the repo: it receives
    copies of the source texts); returns the .ann paths. Raises GoldFormatError."""
    out_dir = Path(out_dir)
    written = []
    corpus = [Path(d) for d in (corpus_dirs or default_corpus_dirs())]
    for doc_dir in gold_doc_dirs(annotations_dir):
        gold = load_gold(doc_dir, corpus)
        src, err = find_source(gold.file, gold.sha256, corpus)
        if src is None:
            raise GoldFormatError(f"{gold.doc}: {err}")
        written.append(export_brat(gold, read_raw(src), out_dir))
    return written


def gold_to_jsonl(gold: GoldDocument) -> dict[str, list[str]]:
    """The gold records as FORMAT.md JSONL lines, per file name (for brat -> gold)."""
    def rows(items: Sequence[Any]) -> list[str]:
        out = []
        for it in items:
            d = {f.name: getattr(it, f.name) for f in fields(it)}
            if "partner" in d:
                d["partner"] = list(d["partner"])
            if d.get("note") is None:
                d.pop("note", None)
            out.append(json.dumps(d, ensure_ascii=False))
        return out
    return {"mentions.jsonl": rows(gold.mentions), "relations.jsonl": rows(gold.relations),
            "outcomes.jsonl": rows(gold.outcomes)}


__all__ = [
    "GoldDocument", "GoldFormatError", "GoldMention", "GoldOutcome", "GoldRelation",
    "SplitRange", "check_anchor", "export_brat", "export_brat_all", "find_source",
    "gold_to_jsonl", "import_brat", "load_all_gold", "load_gold", "load_splits", "read_gold",
    "read_raw", "relocate", "split_of", "validate", "validate_main",
]
