"""Outcomes stage: clinical outcome figures (ORR, DCR, mDOR, mPFS, mOS, N) from tables and text.

One output row per figure, with exactly the ``outcomes.csv`` columns (``export.COLUMNS``).
Metric names, synonyms and units come from ``data/outcome_rules.json`` (versioned,
validated on load by :meth:`OutcomeRules.from_dict`). Entities are never found here:
drug, cancer and trial slots come from the mentions the NER stage passes in.

``source`` is ``"<where>|<rule id>"``: ``table:Table 1 col 4 (960 mg daily)|OUT-TBL-WIDE``
or ``text|OUT-TXT-RESP``. Rule ids:

- ``OUT-TBL-WIDE``: metrics are rows (first cell = label "ORR (%)"), columns are
  (drug, sub-group, cancer), worked out from the header row, an optional sub-group row
  (e.g. doses) and a cancer row that repeats per drug.
- ``OUT-TBL-LONG``: metrics are columns ("ORR (%)"), one row per drug (and cancer).
- ``OUT-TXT-RESP``: "ORR, DCR and mPFS of 32.2%, 88.1% and 6.3 months, respectively,
  in NSCLC" (values map to metrics in order, or to cancers in order for one metric).
- ``OUT-TXT-MV``: metric then value ("an ORR of 37.1%", "median PFS was 6.8 months").
- ``OUT-TXT-VM``: value then metric ("nearly 80% ORR against ...").
- ``OUT-TXT-N``: "NSCLC (n = 59)": metric N for the cancer just before.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from pipeline.config import DATA_DIR
from pipeline.export import COLUMNS
from pipeline.models import IngestedDocument, Mention, Sentence, Table
from pipeline.sentences import paragraph_ids

log = logging.getLogger(__name__)

RULES_PATH = DATA_DIR / "outcome_rules.json"
OUTCOME_COLUMNS = COLUMNS["outcomes"]

RULE_TABLE_WIDE = "OUT-TBL-WIDE"
RULE_TABLE_LONG = "OUT-TBL-LONG"
RULE_TEXT_RESP = "OUT-TXT-RESP"
RULE_TEXT_MV = "OUT-TXT-MV"
RULE_TEXT_VM = "OUT-TXT-VM"
RULE_TEXT_N = "OUT-TXT-N"

_SEP_CHARS = r"[\s\-\u00a0\u2002\u2009\u2010\u2011\u2012\u2013]+"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.\u00b7]\d+)?"
_NCT_RE = re.compile(r"NCT\d{8}")
_PHASE_RE = re.compile(r"\bphase\b", re.IGNORECASE)


# --- rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    unit: str
    terms: tuple[str, ...]
    abbreviations: tuple[str, ...]


def _strict_keys(data: object, where: str, required: set[str], optional: set[str] = frozenset()) -> dict:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    missing = required - set(data)
    unknown = set(data) - required - set(optional)
    if missing:
        raise ValueError(f"{where}: missing keys {sorted(missing)}")
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    return data


def _str_list(value: object, where: str, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    if not value and not allow_empty:
        raise ValueError(f"{where}: must not be empty")
    return tuple(value)


@dataclass(frozen=True)
class OutcomeRules:
    """The parsed ``outcome_rules.json``. Build with :meth:`from_dict` (strict)."""

    version: str
    units: dict[str, tuple[str, ...]]
    metrics: tuple[Metric, ...]
    skip_values: tuple[str, ...]
    drug_headers: tuple[str, ...]
    cancer_headers: tuple[str, ...]
    trial_headers: tuple[str, ...]
    fillers: tuple[str, ...]
    cancer_prepositions: tuple[str, ...]
    max_cancer_gap: int

    @classmethod
    def from_dict(cls, data: object) -> OutcomeRules:
        top = _strict_keys(data, "outcome rules", {"version", "units", "metrics", "skip_values", "table",
                                                   "text"}, {"description"})
        if not isinstance(top["version"], str) or not top["version"]:
            raise ValueError("outcome rules: 'version' must be a non-empty string")
        if not isinstance(top["units"], dict) or not top["units"]:
            raise ValueError("outcome rules: 'units' must be a non-empty object")
        units = {u: _str_list(sp, f"units.{u}") for u, sp in top["units"].items()}
        metrics: list[Metric] = []
        for i, m in enumerate(top["metrics"] if isinstance(top["metrics"], list) else [None]):
            where = f"metrics[{i}]"
            m = _strict_keys(m, where, {"id", "name", "unit", "terms", "abbreviations"})
            if not isinstance(m["id"], str) or not re.fullmatch(r"[A-Za-z]+", m["id"]):
                raise ValueError(f"{where}: bad id {m['id']!r}")
            if m["unit"] not in units:
                raise ValueError(f"{where}: unit {m['unit']!r} is not one of {sorted(units)}")
            metrics.append(Metric(m["id"], str(m["name"]), m["unit"],
                                  _str_list(m["terms"], f"{where}.terms"),
                                  _str_list(m["abbreviations"], f"{where}.abbreviations", True)))
        ids = [m.id for m in metrics]
        if not metrics or len(set(ids)) != len(ids):
            raise ValueError(f"outcome rules: metric ids must be present and unique, got {ids}")
        table = _strict_keys(top["table"], "table", {"drug_headers", "cancer_headers", "trial_headers"})
        text = _strict_keys(top["text"], "text", {"metric_value_fillers", "cancer_prepositions",
                                                  "max_cancer_gap_chars"})
        gap = text["max_cancer_gap_chars"]
        if not isinstance(gap, int) or gap <= 0:
            raise ValueError("text.max_cancer_gap_chars must be a positive integer")
        return cls(
            version=top["version"], units=units, metrics=tuple(metrics),
            skip_values=_str_list(top["skip_values"], "skip_values"),
            drug_headers=_str_list(table["drug_headers"], "table.drug_headers"),
            cancer_headers=_str_list(table["cancer_headers"], "table.cancer_headers"),
            trial_headers=_str_list(table["trial_headers"], "table.trial_headers"),
            fillers=_str_list(text["metric_value_fillers"], "text.metric_value_fillers"),
            cancer_prepositions=_str_list(text["cancer_prepositions"], "text.cancer_prepositions"),
            max_cancer_gap=gap,
        )

    # compiled matchers (computed once per rules object)

    def metric(self, metric_id: str) -> Metric:
        return next(m for m in self.metrics if m.id == metric_id)

    @cached_property
    def _metric_patterns(self) -> list[tuple[re.Pattern[str], str]]:
        pats: list[tuple[re.Pattern[str], str]] = []
        for m in self.metrics:
            for term in m.terms:
                body = _SEP_CHARS.join(re.escape(w) for w in re.split(r"[\s\-]+", term.strip()))
                pats.append((re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE), m.id))
            for ab in m.abbreviations:
                pats.append((re.compile(rf"(?<![\w-]){re.escape(ab)}(?![\w-])"), m.id))
        return pats

    def metric_hits(self, text: str, exclude: Iterable[str] = ()) -> list[tuple[int, int, str]]:
        """Non-overlapping metric names in ``text``: (start, end, metric id), longest first."""
        skip = set(exclude)
        hits = [(mt.start(), mt.end(), mid) for pat, mid in self._metric_patterns if mid not in skip
                for mt in pat.finditer(text)]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        for h in hits:
            if out and h[0] < out[-1][1]:
                continue
            out.append(h)
        return out

    @cached_property
    def _unit_lookup(self) -> dict[str, str]:
        return {sp.lower(): unit for unit, spellings in self.units.items() for sp in spellings}

    def unit_of(self, spelling: str) -> str | None:
        return self._unit_lookup.get(spelling.strip().lower())

    @cached_property
    def value_re(self) -> re.Pattern[str]:
        """A number with an optional unit (units other than bare "n")."""
        spellings = sorted((sp for sp in self._unit_lookup if re.search(r"[a-z%]{2,}|%", sp)),
                           key=len, reverse=True)
        alt = "|".join(re.escape(s) for s in spellings)
        return re.compile(rf"(?<![\w.,\u00b7])(?P<num>{_NUMBER})(?:\s?(?P<unit>{alt})(?![\w]))?",
                          re.IGNORECASE)

    @cached_property
    def _skip(self) -> set[str]:
        return {s.lower() for s in self.skip_values}

    def is_skip(self, cell: str) -> bool:
        return _clean(cell).lower() in self._skip or not _clean(cell)

    @cached_property
    def filler_re(self) -> re.Pattern[str]:
        words = sorted(self.fillers, key=len, reverse=True)
        alt = "|".join(re.escape(w) if not w[0].isalpha() else rf"\b{re.escape(w)}\b" for w in words)
        return re.compile(rf"^(?:\s|\(|{alt})*$", re.IGNORECASE)

    @cached_property
    def prep_re(self) -> re.Pattern[str]:
        alt = "|".join(re.escape(w) for w in self.cancer_prepositions)
        return re.compile(rf"^[\s,;]*(?:{alt})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _default_rules() -> OutcomeRules:
    return load_rules(RULES_PATH)


def load_rules(path: Path | None = None) -> OutcomeRules:
    """Read and validate a rules file (the shipped one by default, cached)."""
    if path is None:
        return _default_rules()
    return OutcomeRules.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


# --- small helpers -------------------------------------------------------------------


def _clean(cell: str) -> str:
    return re.sub(r"[\s\u00a0\u2002\u2009]+", " ", cell or "").strip()


def normalise_number(raw: str) -> str | None:
    """``"32.2"``, ``" 4.0"`` -> ``"4.0"`` (as written), ``"1,234"`` -> ``"1234"``; None if no number."""
    s = _clean(raw).replace("\u00b7", ".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        s = s.replace(",", "")
    return s if re.fullmatch(r"\d+(?:\.\d+)?", s) else None


def _ment_key(m: Mention) -> tuple[str, str]:
    return (m.norm_id or "", (m.norm_name or m.text).strip())


def _slot(m: Mention | None) -> tuple[str, str]:
    """(name, id) for a row slot: the grounded name, else the surface text."""
    if m is None:
        return "", ""
    return (m.norm_name or m.text).strip(), m.norm_id or ""


def _row(doc_id: str, metric: Metric, value: str, unit: str, drug: Mention | None,
         cancer: Mention | tuple[str, str] | None, trial: str, n: str, source: str,
         page: int | None, evidence: str) -> dict:
    cname, cid = cancer if isinstance(cancer, tuple) else _slot(cancer)
    dname, did = _slot(drug)
    row = {"doc_id": doc_id, "drug": dname, "drug_id": did, "cancer": cname, "cancer_id": cid,
           "trial": trial, "metric": metric.id, "value": value, "unit": unit, "n": n,
           "source": source, "page": "" if page is None else page, "evidence": evidence}
    assert list(row) == OUTCOME_COLUMNS
    return row


@dataclass
class _Surfaces:
    """Mention surfaces of one document, to resolve table cells ("CRC", "Sotorasib (AMG 510)")."""

    by_label: dict[str, list[tuple[str, Mention]]]

    @classmethod
    def build(cls, mentions: Sequence[Mention], prefer: tuple[int, int] | None = None) -> _Surfaces:
        by: dict[str, dict[str, Mention]] = {}
        inside = [m for m in mentions if prefer and prefer[0] <= m.start < prefer[1]]
        for m in [*inside, *mentions]:  # mentions inside the table win
            by.setdefault(m.label, {}).setdefault(_clean(m.text).lower(), m)
        return cls({lab: sorted(d.items(), key=lambda kv: -len(kv[0])) for lab, d in by.items()})

    def find(self, cell: str, label: str) -> Mention | None:
        """The mention of ``label`` whose surface occurs earliest (then longest) in ``cell``."""
        text = _clean(cell).lower()
        best: tuple[int, int, Mention] | None = None
        for surface, m in self.by_label.get(label, []):
            if not surface:
                continue
            hit = re.search(rf"(?<![\w]){re.escape(surface)}(?![\w])", text)
            if hit and (best is None or (hit.start(), -len(surface)) < (best[0], best[1])):
                best = (hit.start(), -len(surface), m)
        return best[2] if best else None


# --- tables --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Label:
    metric: Metric
    unit: str
    leftover: str | None  # a number run into the label ("Study population (N59")


def parse_label(label: str, rules: OutcomeRules) -> _Label | None:
    """A row/column label such as ``ORR (%)``, ``mPFS (mo.)``, ``Study population (N59``."""
    text = _clean(label)
    hits = rules.metric_hits(text)
    if not hits or hits[0][0] != 0:
        return None
    start, end, mid = hits[0]
    metric = rules.metric(mid)
    rest = text[end:].strip()
    unit, leftover = metric.unit, None
    mt = re.fullmatch(r"[(,\[]?\s*(?P<u>[^\d()\[\]]*?)\s*(?P<num>\d+(?:\.\d+)?)?\s*[)\]]?", rest)
    if not mt:
        return None
    if mt.group("u"):
        u = rules.unit_of(mt.group("u"))
        if u is None or u != metric.unit:
            return None
    leftover = mt.group("num")
    return _Label(metric, unit, leftover)


def _header_kind(cell: str, words: tuple[str, ...]) -> bool:
    c = _clean(cell).lower()
    return any(c == w or re.search(rf"\b{re.escape(w)}\b", c) for w in words)


def _blocks(cancer_cells: list[str], rules: OutcomeRules) -> list[list[int]]:
    """Group value columns into blocks: a block ends when a cancer repeats or a cell is empty/NR."""
    blocks: list[list[int]] = []
    seen: set[str] = set()
    data_block = False
    for i, cell in enumerate(cancer_cells):
        key = _clean(cell).lower()
        if rules.is_skip(cell):
            blocks.append([i])
            data_block, seen = False, set()
            continue
        if not blocks or not data_block or key in seen:
            blocks.append([])
            seen = set()
        blocks[-1].append(i)
        seen.add(key)
        data_block = True
    return blocks


def assign_blocks(n_blocks: int, n_drugs: int, labels: list[str] | None,
                  is_data: list[bool]) -> list[int] | None:
    """Drug index of each block: the contiguous split of blocks over drugs that best fits.

    Prefers (in order) runs without a repeated sub-group label, runs that do not mix
    data blocks with NR blocks, runs that start with the first run's sub-group label
    ("All doses"), then runs of equal size. None if there are fewer blocks than drugs.
    """
    if n_drugs <= 0 or n_blocks < n_drugs:
        return None
    if n_blocks == n_drugs:
        return list(range(n_drugs))
    keys = [(lab or "").strip().lower() for lab in (labels or [""] * n_blocks)]
    best: tuple[tuple, list[int]] | None = None
    for cuts in itertools.combinations(range(1, n_blocks), n_drugs - 1):
        bounds = [0, *cuts, n_blocks]
        runs = [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
        dup = sum(1 for r in runs if labels and len({keys[i] for i in r}) < len(r))
        mixed = sum(1 for r in runs if len({is_data[i] for i in r}) > 1)
        starts = sum(1 for r in runs if labels and keys[r[0]] == keys[0])
        sizes = [len(r) for r in runs if is_data[r[0]]] or [0]
        score = (dup, mixed, -starts, max(sizes) - min(sizes))
        if best is None or score < best[0]:
            best = (score, [d for d, r in enumerate(runs) for _ in r])
    return best[1] if best else None


def _trial_name(cell: str, surfaces: _Surfaces) -> str:
    m = surfaces.find(cell, "TRIAL")
    if m is not None:
        return _slot(m)[0]
    nct = _NCT_RE.search(cell)
    if nct:
        return nct.group(0)
    par = re.search(r"\(([^()]+)\)", cell)
    if par and not _PHASE_RE.search(par.group(1)):
        return _clean(par.group(1))
    return ""


def _looks_like_trial(cell: str, surfaces: _Surfaces) -> bool:
    return bool(surfaces.find(cell, "TRIAL") or _NCT_RE.search(cell) or _PHASE_RE.search(cell))


def _drug_of_cell(cell: str, surfaces: _Surfaces) -> Mention | tuple[str, str]:
    m = surfaces.find(cell, "DRUG")
    if m is not None:
        return m
    name = _clean(re.sub(r"\(.*", "", cell))
    return (name.lower(), "")


def _cancer_of_cell(cell: str, surfaces: _Surfaces) -> Mention | tuple[str, str]:
    m = surfaces.find(cell, "CANCER")
    return m if m is not None else (_clean(cell), "")


def _as_mention(slot: Mention | tuple[str, str], doc_id: str, label: str) -> Mention:
    if isinstance(slot, Mention):
        return slot
    return Mention(doc_id, "", label, slot[0], -1, -1, -1, slot[1], slot[0], "table", 0.0)


def _table_page(doc: IngestedDocument, table: Table) -> int | None:
    return table.page if table.page is not None else doc.page_at(table.start)


def _wide_table(doc: IngestedDocument, table: Table, surfaces: _Surfaces, rules: OutcomeRules) -> list[dict]:
    rows = [[_clean(c) for c in r] for r in table.rows]
    if len(rows) < 2:
        return []
    header = rows[0]
    drugs = [c for c in header[1:] if c]
    metric_rows: list[tuple[int, _Label, list[str]]] = []
    for i, r in enumerate(rows[1:], start=1):
        lab = parse_label(r[0], rules) if r else None
        if lab:
            metric_rows.append((i, lab, r[1:]))
    if not metric_rows or not drugs:
        return []
    width = max(len(v) for _, _, v in metric_rows)
    fixed: list[tuple[int, _Label, list[str]]] = []
    for i, lab, vals in metric_rows:  # "Study population (N59": the first value ran into the label
        if lab.leftover is not None and len(vals) == width - 1:
            vals = [lab.leftover, *vals]
        fixed.append((i, lab, vals))
    first_metric = fixed[0][0]
    context = [(i, r) for i, r in enumerate(rows[1:first_metric], start=1)]
    cancer_idx = None
    for i, r in reversed(context):
        cells = r[1:]
        named = [c for c in cells if not rules.is_skip(c)]
        if len(cells) != width or not named:
            continue
        if any(normalise_number(c) for c in named):
            continue
        resolved = sum(1 for c in named if surfaces.find(c, "CANCER"))
        if resolved * 2 >= len(named) or _clean(r[0]) == "" or _header_kind(r[0], rules.cancer_headers):
            cancer_idx = i
            break
    trial_cells: list[str] = []
    sub_labels: list[str] | None = None
    for i, r in context:
        if i == cancer_idx:
            continue
        if _header_kind(r[0], rules.trial_headers):
            trial_cells = [c for c in r[1:] if c and _looks_like_trial(c, surfaces)]
    if cancer_idx is not None:
        cancer_cells = rows[cancer_idx][1:]
        blocks = _blocks(cancer_cells, rules)
        for i, r in context:
            if i == cancer_idx or _header_kind(r[0], rules.trial_headers):
                continue
            cells = [c for c in r[1:] if c]
            if len(cells) == len(blocks) and len(blocks) != len(drugs):
                sub_labels = cells  # the last such row before the cancer row wins
    else:
        cancer_cells = [""] * width
        if width % len(drugs):
            log.info("%s %s: cannot map %d columns to %d drugs", doc.doc_id, table.label, width, len(drugs))
            return []
        per = width // len(drugs)
        blocks = [list(range(k, k + per)) for k in range(0, width, per)]
    is_data = [not all(rules.is_skip(cancer_cells[c]) for c in b) or cancer_idx is None for b in blocks]
    owner = assign_blocks(len(blocks), len(drugs), sub_labels, is_data)
    if owner is None:
        log.info("%s %s: %d column groups for %d drugs", doc.doc_id, table.label, len(blocks), len(drugs))
        return []
    if len(trial_cells) == len(drugs):
        trial_of_block = [trial_cells[owner[b]] for b in range(len(blocks))]
    elif len(trial_cells) == len(blocks):
        trial_of_block = list(trial_cells)
    else:
        trial_of_block = [""] * len(blocks)
    columns: dict[int, tuple[int, int]] = {c: (b, owner[b]) for b, cols in enumerate(blocks) for c in cols}
    n_of_col: dict[int, str] = {}
    for _, lab, vals in fixed:
        if lab.metric.id == "N":
            for c, v in enumerate(vals):
                num = normalise_number(v)
                if num and c not in n_of_col:
                    n_of_col[c] = num
    page = _table_page(doc, table)
    out: list[dict] = []
    for i, lab, vals in fixed:
        evidence = " | ".join(c for c in table.rows[i] if _clean(c))
        for c, cell in enumerate(vals):
            if c not in columns or rules.is_skip(cell):
                continue
            num = normalise_number(cell)
            if num is None:
                continue
            b, d = columns[c]
            drug = _as_mention(_drug_of_cell(drugs[d], surfaces), doc.doc_id, "DRUG")
            cancer = _cancer_of_cell(cancer_cells[c], surfaces) if cancer_idx is not None else ("", "")
            if isinstance(cancer, tuple) and rules.is_skip(cancer[0]):
                cancer = ("", "")
            where = f"table:{table.label} col {c + 1}"
            if sub_labels:
                where += f" ({sub_labels[b]})"
            out.append(_row(doc.doc_id, lab.metric, num, lab.unit, drug, cancer,
                            _trial_name(trial_of_block[b], surfaces) if trial_of_block[b] else "",
                            num if lab.metric.id == "N" else n_of_col.get(c, ""),
                            f"{where}|{RULE_TABLE_WIDE}", page, evidence))
    return out


def _long_table(doc: IngestedDocument, table: Table, surfaces: _Surfaces, rules: OutcomeRules) -> list[dict]:
    rows = [[_clean(c) for c in r] for r in table.rows]
    header = rows[0]
    labels = {j: parse_label(c, rules) for j, c in enumerate(header)}
    metric_cols = {j: lab for j, lab in labels.items() if lab}
    rest = [j for j in range(len(header)) if j not in metric_cols]
    body = rows[1:]

    def pick(words: tuple[str, ...], label: str) -> int | None:
        for j in rest:
            if _header_kind(header[j], words):
                return j
        for j in rest:
            vals = [r[j] for r in body if j < len(r) and r[j]]
            if vals and sum(1 for v in vals if surfaces.find(v, label)) * 2 >= len(vals):
                return j
        return None

    drug_col = pick(rules.drug_headers, "DRUG")
    cancer_col = pick(rules.cancer_headers, "CANCER")
    trial_col = pick(rules.trial_headers, "TRIAL")
    if drug_col is None:
        return []
    page = _table_page(doc, table)
    out: list[dict] = []
    for k, r in enumerate(body, start=1):
        if len(r) != len(header) or not r[drug_col]:
            continue
        drug = _as_mention(_drug_of_cell(r[drug_col], surfaces), doc.doc_id, "DRUG")
        cancer = _cancer_of_cell(r[cancer_col], surfaces) if cancer_col is not None else ("", "")
        trial = _trial_name(r[trial_col], surfaces) or r[trial_col] if trial_col is not None else ""
        n = next((normalise_number(r[j]) for j, lab in metric_cols.items() if lab.metric.id == "N"
                  and normalise_number(r[j])), "")
        evidence = " | ".join(c for c in table.rows[k] if _clean(c))
        for j, lab in metric_cols.items():
            num = None if rules.is_skip(r[j]) else normalise_number(r[j])
            if num is None:
                continue
            out.append(_row(doc.doc_id, lab.metric, num, lab.unit, drug, cancer, trial,
                            num if lab.metric.id == "N" else n or "",
                            f"table:{table.label} row {k}|{RULE_TABLE_LONG}", page, evidence))
    return out


def table_outcomes(doc: IngestedDocument, table: Table, mentions: Sequence[Mention],
                   rules: OutcomeRules | None = None) -> list[dict]:
    """Outcome rows of one table (wide or long layout; other tables give nothing)."""
    rules = rules or load_rules()
    if not table.rows:
        return []
    surfaces = _Surfaces.build(mentions, (table.start, table.end))
    if any(parse_label(c, rules) for c in table.rows[0][1:]):
        return _long_table(doc, table, surfaces, rules)
    return _wide_table(doc, table, surfaces, rules)


# --- text ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    start: int
    end: int
    num: str
    unit: str | None


@dataclass
class _Found:
    metric: Metric
    value: _Value
    unit: str
    cancer: Mention | None
    anchor: int
    rule: str


def _values(text: str, blocked: list[tuple[int, int]], rules: OutcomeRules) -> list[_Value]:
    out: list[_Value] = []
    for mt in rules.value_re.finditer(text):
        s, e = mt.span()
        if any(a < e and s < b for a, b in blocked):
            continue
        after = text[e:e + 12]
        before = text[max(0, s - 12):s]
        if _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
            continue  # a range ("30% to 40%", "4 to 6 months")
        if re.match(r"\s*(?:CI|confidence)\b", after):
            continue
        num = normalise_number(mt.group("num"))
        if num is None:
            continue
        unit = rules.unit_of(mt.group("unit")) if mt.group("unit") else None
        out.append(_Value(s, e, num, unit))
    return out


_RANGE_AFTER = re.compile(r"\s*(?:to|\u2013|\u2014|-)\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*%?\s*(?:to|\u2013|\u2014|-)\s*$")
_LIST_GAP = re.compile(r"^[\s,;]*(?:and|or)?[\s,;]*$")
_METRIC_LIST_GAP = re.compile(r"^[\s,;()]*(?:and|or)?[\s,;()]*$")


def _runs(items: list, text: str, gap_re: re.Pattern[str]) -> list[list]:
    runs: list[list] = []
    for it in items:
        if runs and gap_re.match(text[runs[-1][-1][1]:it[0]]):
            runs[-1].append(it)
        else:
            runs.append([it])
    return runs


_GAP_CANCERS = re.compile(r"^[\s,;)]*(?:(?:in|among|for|with|of)\s+(?:(?:patients|those)\s+with\s+)?"
                          r"\x00(?:[\s,]*(?:and|or)?\s*\x00)*[\s,;)]*)?$", re.IGNORECASE)


def _resp_gap(text: str, a: int, b: int,
              cancers: list[tuple[int, int, Mention]]) -> tuple[bool, list[Mention]]:
    """Is ``text[a:b]`` (values ... respectively) empty or "in NSCLC and CRC"? And its cancers."""
    inside = [(s, e, m) for s, e, m in cancers if a <= s and e <= b]
    gap = text[a:b]
    for s, e, _m in reversed(inside):
        gap = gap[:s - a] + "\x00" + gap[e - a:]
    if _GAP_CANCERS.match(gap):
        return True, [m for _s, _e, m in inside]
    return False, []


def _cancer_after(pos: int, text: str, cancers: list[tuple[int, int, Mention]], stop: int,
                  rules: OutcomeRules) -> Mention | None:
    for s, _e, m in cancers:
        if pos <= s < stop and s - pos <= rules.max_cancer_gap and rules.prep_re.match(text[pos:s]):
            return m
    return None


def _sentence_outcomes(text: str, ments: list[tuple[int, int, Mention]], rules: OutcomeRules) -> list[_Found]:
    """Outcome figures of one sentence, offsets relative to the sentence."""
    cancers = [t for t in ments if t[2].label == "CANCER"]
    blocked = [(s, e) for s, e, _ in ments]
    metrics = [h for h in rules.metric_hits(text, exclude=("N",)) if not any(a < h[1] and h[0] < b
                                                                             for a, b in blocked)]
    values = _values(text, blocked + [(h[0], h[1]) for h in metrics], rules)
    used_v: set[int] = set()
    used_m: set[int] = set()
    found: list[_Found] = []
    mlists = _runs([(h[0], h[1], h[2]) for h in metrics], text, _METRIC_LIST_GAP)
    vtuples = [(v.start, v.end, v) for v in values]
    vruns = _runs(vtuples, text, _LIST_GAP)

    def uniq(run: list) -> list:  # "overall response rate (ORR)" is one metric
        out: list = []
        for h in run:
            if not out or out[-1][2] != h[2]:
                out.append(h)
        return out

    # 1. "..., respectively"
    for resp in re.finditer(r"\brespectively\b", text):
        group, gap_cancers = None, []
        for r in vruns:
            if r[-1][1] <= resp.start():
                ok, cs = _resp_gap(text, r[-1][1], resp.start(), cancers)
                if ok:
                    group, gap_cancers = r, cs
        if not group or len(group) < 2:
            continue
        raw_mlist = next((r for r in reversed(mlists) if r[-1][1] <= group[0][0]), None)
        if not raw_mlist:
            continue
        mlist = uniq(raw_mlist)
        nxt = min([v.start for v in values if v.start > resp.end()] + [len(text)])
        vals = [t[2] for t in group]
        if len(mlist) == len(vals):
            if gap_cancers:
                cancer = gap_cancers[0] if len(_distinct(gap_cancers)) == 1 else None
            else:
                cancer = _cancer_after(resp.end(), text, cancers, nxt, rules)
            if cancer is None and not gap_cancers:
                between = _distinct(m for s, _e, m in cancers if mlist[-1][1] <= s < group[0][0])
                cancer = between[0] if len(between) == 1 else None
            pairs = [(rules.metric(h[2]), v, cancer) for h, v in zip(mlist, vals, strict=True)]
        elif len(mlist) == 1:
            listed = gap_cancers or [m for s, _e, m in cancers if resp.end() <= s < nxt]
            if len(listed) != len(vals):
                continue
            pairs = [(rules.metric(mlist[0][2]), v, c) for v, c in zip(vals, listed, strict=True)]
        else:
            continue
        if any(v.unit is not None and v.unit != m.unit for m, v, _c in pairs):
            continue
        for m, v, c in pairs:
            found.append(_Found(m, v, m.unit, c, v.start, RULE_TEXT_RESP))
            used_v.add(v.start)
        used_m.update(h[0] for h in raw_mlist)
    # 2. metric then value; 3. value then metric (cancer: the one after, else the sentence's only one)
    distinct_cancers = _distinct(m for _s, _e, m in cancers)
    only_cancer = distinct_cancers[0] if len(distinct_cancers) == 1 else None
    single_m = {r[0][0] for r in mlists if len(uniq(r)) == 1}
    multi_v = {t[0] for r in vruns if len(r) > 1 for t in r}
    for h in metrics:
        if h[0] in used_m or h[0] not in single_m:
            continue
        m = rules.metric(h[2])
        v = next((v for v in values if v.start >= h[1]), None)
        if (v is None or v.start in used_v or v.start in multi_v or v.unit != m.unit
                or not rules.filler_re.match(text[h[1]:v.start])):
            continue
        stop = min([x.start for x in values if x.start > v.end] + [len(text)])
        cancer = _cancer_after(v.end, text, cancers, stop, rules) or only_cancer
        found.append(_Found(m, v, m.unit, cancer, v.start, RULE_TEXT_MV))
        used_v.add(v.start)
        used_m.add(h[0])
    for v in values:
        if v.start in used_v or v.unit is None:
            continue
        h = next((h for h in metrics if h[0] >= v.end), None)
        if h is None or h[0] in used_m or not re.fullmatch(r"\s*", text[v.end:h[0]]):
            continue
        m = rules.metric(h[2])
        if m.unit != v.unit:
            continue
        stop = min([x.start for x in values if x.start > h[1]] + [len(text)])
        found.append(_Found(m, v, m.unit, _cancer_after(h[1], text, cancers, stop, rules) or only_cancer,
                            v.start, RULE_TEXT_VM))
        used_v.add(v.start)
        used_m.add(h[0])
    # N: "NSCLC (n = 59)"
    n_metric = rules.metric("N") if any(m.id == "N" for m in rules.metrics) else None
    if n_metric is not None:
        for mt in re.finditer(r"(?<![\w])[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)(?!\d)", text):
            before = [c for c in cancers if c[1] <= mt.start() and re.fullmatch(r"[\s(\[]*",
                                                                                text[c[1]:mt.start()])]
            num = normalise_number(mt.group(1))
            v = _Value(mt.start(1), mt.end(1), num or "", "patients")
            found.append(_Found(n_metric, v, "patients", before[-1][2] if before else None, mt.start(1),
                                RULE_TEXT_N))
    return found


def _by_sentence(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[list[Mention]]:
    starts = [s.start for s in sentences]
    out: list[list[Mention]] = [[] for _ in sentences]
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        k = bisect.bisect_right(starts, m.start) - 1
        if 0 <= k < len(sentences) and m.end <= sentences[k].end:
            out[k].append(m)
    return out


def _distinct(ms: Iterable[Mention]) -> list[Mention]:
    seen: dict[tuple[str, str], Mention] = {}
    for m in ms:
        seen.setdefault(_ment_key(m), m)
    return list(seen.values())


def _trial_drug_map(per_sentence: list[list[Mention]], table_rows: list[dict]) -> dict[str, tuple[str, str]]:
    """trial name -> (drug name, drug id), only when one drug goes with the trial."""
    pairs: dict[str, set[tuple[str, str]]] = {}
    for ms in per_sentence:
        trials = _distinct(m for m in ms if m.label == "TRIAL")
        drugs = _distinct(m for m in ms if m.label == "DRUG")
        if len(trials) == 1 and len(drugs) == 1:
            pairs.setdefault(_slot(trials[0])[0], set()).add(_slot(drugs[0]))
    for r in table_rows:
        if r["trial"] and r["drug"]:
            pairs.setdefault(r["trial"], set()).add((r["drug"], r["drug_id"]))
    return {t: next(iter(d)) for t, d in pairs.items() if len(d) == 1}


def text_outcomes(doc: IngestedDocument, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                  rules: OutcomeRules | None = None, table_rows: Sequence[dict] = ()) -> list[dict]:
    """Outcome rows found in the sentences (sentences inside a table's span are skipped)."""
    rules = rules or load_rules()
    per_sentence = _by_sentence(sentences, mentions)
    paras = paragraph_ids(doc, sentences)
    trial_drug = _trial_drug_map(per_sentence, list(table_rows))
    spans = [(t.start, t.end) for t in doc.tables]
    out: list[dict] = []
    para_rows: list[tuple[int, dict]] = []
    for k, sent in enumerate(sentences):
        if any(a <= sent.start < b for a, b in spans):
            continue
        ms = per_sentence[k]
        rel = [(m.start - sent.start, m.end - sent.start, m) for m in ms]
        found = _sentence_outcomes(sent.text, rel, rules)
        if not found:
            continue
        for f in found:
            trial = _nearest(rel, "TRIAL", f.anchor)
            if trial is None:
                for j in range(k - 1, -1, -1):
                    if paras[j] != paras[k]:
                        break
                    cands = [m for m in per_sentence[j] if m.label == "TRIAL"]
                    if cands:
                        trial = cands[-1]
                        break
            trial_name = _slot(trial)[0] if trial else ""
            drug = _pick_drug(rel, f.anchor, per_sentence[k - 1] if k else [], trial_name, trial_drug,
                              doc.doc_id)
            row = _row(doc.doc_id, f.metric, f.value.num, f.unit, drug, f.cancer, trial_name,
                       f.value.num if f.metric.id == "N" else "", f"text|{f.rule}", sent.page,
                       _clean(sent.text))
            out.append(row)
            para_rows.append((paras[k], row))
    _fill_from_paragraph(para_rows)
    _fill_cancer_from_document(out)
    return out


def _nearest(rel: list[tuple[int, int, Mention]], label: str, anchor: int) -> Mention | None:
    cands = [t for t in rel if t[2].label == label]
    if not cands:
        return None
    before = [t for t in cands if t[0] <= anchor]
    return (before[-1] if before else cands[0])[2]


def _pick_drug(rel: list[tuple[int, int, Mention]], anchor: int, prev: list[Mention], trial: str,
               trial_drug: dict[str, tuple[str, str]], doc_id: str) -> Mention | None:
    mapped = trial_drug.get(trial) if trial else None
    here = _distinct(t[2] for t in rel if t[2].label == "DRUG")
    if len(here) == 1:
        return here[0]
    if len(here) > 1:
        if mapped:
            hit = next((m for m in here if _slot(m) == mapped), None)
            if hit:
                return hit
        return _nearest(rel, "DRUG", anchor)
    before = _distinct(m for m in prev if m.label == "DRUG")
    if len(before) == 1:
        return before[0]
    if mapped and (not before or any(_slot(m) == mapped for m in before)):
        return _as_mention(mapped, doc_id, "DRUG")
    return None


def _fill_from_paragraph(para_rows: list[tuple[int, dict]]) -> None:
    """``n`` of a text figure = the N row of the same paragraph, drug, cancer and trial."""
    sizes: dict[tuple, set[str]] = {}
    for para, r in para_rows:
        if r["metric"] == "N":
            sizes.setdefault((para, r["drug"], r["cancer"], r["trial"]), set()).add(r["value"])
    for para, r in para_rows:
        got = sizes.get((para, r["drug"], r["cancer"], r["trial"]))
        if r["metric"] != "N" and not r["n"] and r["cancer"] and got and len(got) == 1:
            r["n"] = next(iter(got))


def _fill_cancer_from_document(rows: list[dict]) -> None:
    """A figure without a cancer takes the cancer another sentence gives the same figure."""
    known: dict[tuple, set[tuple[str, str]]] = {}
    for r in rows:
        if r["cancer"]:
            known.setdefault((r["drug"], r["trial"], r["metric"], r["value"]), set()).add(
                (r["cancer"], r["cancer_id"]))
    for r in rows:
        got = known.get((r["drug"], r["trial"], r["metric"], r["value"]))
        if not r["cancer"] and r["drug"] and got and len(got) == 1:
            r["cancer"], r["cancer_id"] = next(iter(got))


# --- stage entry point ---------------------------------------------------------------


def extract_outcomes(doc: IngestedDocument, sentences: list[Sentence], mentions: list[Mention],
                     rules: OutcomeRules | None = None) -> list[dict]:
    """All outcome rows of one document: tables first, then text, in document order.

    Rows are dicts with exactly ``export.COLUMNS["outcomes"]``. Identical rows (same
    figure, slots and evidence, e.g. a repeated caption) are kept once.
    """
    rules = rules or load_rules()
    table_rows: list[dict] = []
    for table in doc.tables:
        table_rows.extend(table_outcomes(doc, table, mentions, rules))
    rows = table_rows + text_outcomes(doc, sentences, mentions, rules, table_rows)
    seen: set[tuple] = set()
    out: list[dict] = []
    for r in rows:
        key = tuple(r[c] for c in OUTCOME_COLUMNS if c not in ("page", "source"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
