"""Lexicon stage: curated files validated on load, the built table, load time."""

from __future__ import annotations

import copy
import json
import time

import pytest

from pipeline import lexicon
from pipeline.lexicon import LEXICON_DIR, LexiconDataError, key_of, load_curated, validate_file
from pipeline.vocab import check_id, check_name

CURATED = sorted(p.name for p in LEXICON_DIR.glob("*.json"))


@pytest.fixture(scope="session")
def lex():
    lexicon.ensure_built()
    return lexicon.load_lexicon()


def _data(name: str) -> dict:
    return json.loads((LEXICON_DIR / name).read_text(encoding="utf-8"))


def test_every_shipped_file_is_known_and_valid():
    assert set(CURATED) == set(lexicon._SCHEMAS) | {"patterns.json"}
    cur = load_curated()
    assert set(cur.versions) == set(CURATED)
    assert all(v for v in cur.versions.values())


@pytest.mark.parametrize("name", sorted(lexicon._SCHEMAS))
def test_unknown_row_key_is_rejected(name):
    data = _data(name)
    list_key = lexicon._SCHEMAS[name][0]
    bad = copy.deepcopy(data)
    bad[list_key][0]["surprise"] = 1
    with pytest.raises(LexiconDataError, match="unknown key"):
        validate_file(name, bad)


@pytest.mark.parametrize("name", CURATED)
def test_unknown_top_level_key_and_missing_version_are_rejected(name):
    bad = dict(_data(name), extra_key=True)
    with pytest.raises(LexiconDataError, match="unknown key"):
        validate_file(name, bad)
    no_version = {k: v for k, v in _data(name).items() if k != "version"}
    with pytest.raises(LexiconDataError, match="missing key"):
        validate_file(name, no_version)


@pytest.mark.parametrize(("name", "row_patch"), [
    ("genes.json", {"id": "HGNC-6407"}),
    ("drugs.json", {"id": "DB1"}),
    ("cancers.json", {"id": "MONDO:0005233"}),
    ("drug_classes.json", {"id": "CLASS:lower_case"}),
    ("cell_lines.json", {"id": "CVCL-1559"}),
    ("trials.json", {"id": "NCT123"}),
    ("misgroundings.json", {"example": "a sentence without the surface form"}),
    ("genes.json", {"case": "upper"}),
])
def test_bad_values_are_rejected(name, row_patch):
    data = _data(name)
    list_key = lexicon._SCHEMAS[name][0]
    data[list_key][0].update(row_patch)
    with pytest.raises(LexiconDataError):
        validate_file(name, data)


def test_curated_ids_and_names_agree_with_the_vocabularies():
    cur = load_curated()
    problems = []
    for row in cur.files["genes.json"]:
        problems.append(check_id("GENE", row["id"]))
    for row in cur.files["drugs.json"]:
        problems.append(check_id("DRUG", row["id"]) or check_name("DRUG", row["id"], row["name"]))
    for row in cur.files["cancers.json"]:
        problems.append(check_id("CANCER", row["id"]))
    for row in cur.files["drug_classes.json"]:
        problems.append(check_id("DRUG_CLASS", row["id"]))
    for row in cur.files["cell_lines.json"]:
        problems.append(check_id("CELL_LINE", row["id"]))
    for row in cur.files["trials.json"]:
        problems.append(check_id("TRIAL", row["id"]))
    for row in cur.files["mechanisms.json"]:
        problems.append(check_id("MECHANISM", row["code"]))
    for row in cur.files["misgroundings.json"]:
        if row["wrong_id"] != "*":
            problems.append(check_id(row["label"], row["wrong_id"]))
        if "expect_id" in row:
            problems.append(check_id(row["expect_label"], row["expect_id"]))
    assert [p for p in problems if p] == []


def test_every_source_contributes(lex):
    want_at_least = {"hgnc": 40_000, "hgnc_alias": 20_000, "famplex": 400, "famplex_gm": 1_000,
                     "doid": 5_000, "drugbank": 30_000, "chebi": 1_000, "mesh_supp": 500,
                     "curated": 1_000}
    low = {k: (lex.counts.get(k, 0), n) for k, n in want_at_least.items() if lex.counts.get(k, 0) < n}
    assert low == {}


@pytest.mark.parametrize(("surface", "label", "norm_id", "norm_name"), [
    ("sotorasib", "DRUG", "DB15569", "sotorasib"),
    ("Sotorasib", "DRUG", "DB15569", "sotorasib"),
    ("AMG 510", "DRUG", "DB15569", "sotorasib"),
    ("AMG-510", "DRUG", "DB15569", "sotorasib"),
    ("MRTX849", "DRUG", "DB15568", "adagrasib"),
    ("ARS-1620", "DRUG", "CHEBI:193597", "ARS-1620"),
    ("SHP2", "GENE", "HGNC:9644", "PTPN11"),
    ("HER2", "GENE", "HGNC:3430", "ERBB2"),
    ("p27", "GENE", "HGNC:1785", "CDKN1B"),
    ("pERK", "GENE", "FPLX:ERK", "ERK"),
    ("MET", "GENE", "HGNC:7029", "MET"),
    ("CT26", "CELL_LINE", "CVCL_7256", "CT26.WT"),
    ("NSCLC", "CANCER", "DOID:3908", "lung non-small cell carcinoma"),
    ("KRASG12C inhibitors", "DRUG_CLASS", "CLASS:KRAS_G12C", "KRAS G12C inhibitor"),
    ("CodeBreaK100", "TRIAL", "NCT03600883", "CodeBreaK 100"),
])
def test_lookup(lex, surface, label, norm_id, norm_name):
    c = lex.lookup(surface)
    assert c is not None and (c[0], c[1], c[2]) == (label, norm_id, norm_name)


@pytest.mark.parametrize("surface", ["met", "Met", "DCR", "ORR", "HR", "the", "cells"])
def test_no_entity_for(lex, surface):
    c = lex.lookup(surface)
    assert c is None or c[0] not in ("GENE", "DRUG"), c


def test_keys_ignore_spacing_and_hyphens_but_not_case_for_symbols(lex):
    assert key_of("AMG 510") == key_of("AMG-510") == key_of("AMG510")
    assert lex.lookup("MET", "GENE") is not None
    assert lex.lookup("met", "GENE") is None


def test_load_is_fast(lex):
    lexicon.load_lexicon.cache_clear()
    t0 = time.perf_counter()
    lexicon.load_lexicon()
    assert time.perf_counter() - t0 < 2.0


def test_lexicon_version_names_every_file():
    v = lexicon.lexicon_version()
    assert all(name.removesuffix(".json") in v for name in CURATED)
