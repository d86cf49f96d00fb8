"""Scale: parallel engines give the serial outputs, the cache makes re-runs cost only new
papers, Parquet + DuckDB queries across runs, and a run killed at any point leaves whole
outputs (the previous run or the new one) and loses no reviewer verdict."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import cache as cache_mod
from pipeline import config
from pipeline.cli import app
from pipeline.export import EXTRA_COLUMNS, read_table, write_table
from pipeline.run import run_extract
from pipeline.runfolder import COMPLETE_MARKER, CURRENT

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("documents", "entities", "relations", "outcomes", "references")


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "bench_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gen():
    return _bench_module()


def make_corpus(gen, folder: Path, n: int, start: int = 0) -> Path:
    gen.generate_corpus(folder, n, start=start)
    return folder


def csvs(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.csv").read_bytes() for t in TABLES}


def assert_whole(out: Path) -> dict:
    """The visible outputs are one complete run: links resolve into it, counts agree."""
    current = (out / CURRENT).resolve()
    assert (current / COMPLETE_MARKER).exists()
    for p in out.iterdir():
        if p.is_symlink() and p.name != CURRENT:
            assert p.resolve().parent == current, p
    manifest = json.loads((out / "manifest.json").read_text())
    docs = read_table(out / "documents.csv")
    assert [d["doc_id"] for d in docs] == [i["doc_id"] for i in manifest["inputs"]]
    for t in ("entities", "relations", "outcomes"):
        assert len(read_table(out / f"{t}.csv")) == manifest["counts"][t]
    return manifest


def test_generated_corpus_is_varied_and_our_own(gen, tmp_path):
    texts = [gen.make_document(i) for i in range(30)]
    assert len(set(texts)) == 30
    assert sum("Table 1." in t for t in texts) >= 5
    seed = config.SEED_PATH
    if seed.exists():  # no sentence of the seed review is reused
        seed_text = seed.read_text(encoding="utf-8")
        for t in gen.SENTENCES:
            assert t.split("{")[0][:40] not in seed_text or len(t.split("{")[0]) < 20


def test_pool_gives_the_serial_outputs(gen, tmp_path):
    corpus = make_corpus(gen, tmp_path / "c", 6)
    serial = run_extract([corpus], tmp_path / "s", progress=False, use_cache=False)
    pool = run_extract([corpus], tmp_path / "p", progress=False, workers=2, use_cache=False)
    assert serial.engine == "serial" and pool.engine == "pool"
    assert csvs(tmp_path / "s") == csvs(tmp_path / "p")
    assert assert_whole(tmp_path / "p")["engine"]["workers"] == 2


def test_dask_local_cluster_gives_the_serial_outputs(gen, tmp_path, monkeypatch):
    corpus = make_corpus(gen, tmp_path / "c", 4)
    run_extract([corpus], tmp_path / "s", progress=False, use_cache=False)
    monkeypatch.setattr(config, "PART_DOCS", 2)
    res = run_extract([corpus], tmp_path / "d", progress=False, engine="dask", workers=2, use_cache=False)
    assert res.engine == "dask" and res.count("ok") == 4
    assert csvs(tmp_path / "s") == csvs(tmp_path / "d")
    assert_whole(tmp_path / "d")


def test_adding_one_paper_costs_one_paper(gen, tmp_path):
    corpus = make_corpus(gen, tmp_path / "c", 8)
    out = tmp_path / "run"
    t0 = time.perf_counter()
    first = run_extract([corpus], out, progress=False)
    full = time.perf_counter() - t0
    assert (first.processed, first.cached) == (8, 0)
    make_corpus(gen, corpus, 1, start=8)
    t0 = time.perf_counter()
    again = run_extract([corpus], out, progress=False)
    incremental = time.perf_counter() - t0
    assert (again.processed, again.cached) == (1, 8)
    assert len(read_table(out / "documents.csv")) == 9
    assert incremental < full
    fresh = run_extract([corpus], tmp_path / "fresh", progress=False, use_cache=False)
    assert fresh.processed == 9
    assert csvs(out) == csvs(tmp_path / "fresh")  # cached results are the same results


def test_rule_state_and_edited_file_invalidate_the_cache(gen, tmp_path, monkeypatch):
    corpus = make_corpus(gen, tmp_path / "c", 3)
    out = tmp_path / "run"
    state = tmp_path / "rule_state.json"
    monkeypatch.setattr(config, "RULE_STATE_PATH", state)
    run_extract([corpus], out, progress=False)
    state.write_text('{"weights": {"R1": 0.5}}')
    assert run_extract([corpus], out, progress=False).processed == 3
    assert run_extract([corpus], out, progress=False).processed == 0
    (corpus / "paper_00001.txt").write_text("Adagrasib inhibits KRAS G12C in NSCLC.\n")
    assert run_extract([corpus], out, progress=False).processed == 1
    assert len(list((out / ".cache").iterdir())) == 1  # entries of the old key were pruned
    key = cache_mod.cache_key({"relations": "x"}, state)
    assert key != cache_mod.cache_key({"relations": "x"}, tmp_path / "absent.json")


def test_parquet_and_query_across_runs(gen, tmp_path):
    corpus = make_corpus(gen, tmp_path / "c", 5)
    run_extract([corpus], tmp_path / "a", progress=False)
    run_extract([corpus / "paper_00000.txt"], tmp_path / "b", progress=False)
    from pipeline.query import run_query

    names, rows = run_query("SELECT run, count(*) AS n FROM relations GROUP BY run ORDER BY run",
                            [tmp_path / "a", tmp_path / "b"])
    counts = dict(rows)
    assert names == ["run", "n"]
    assert counts[str(tmp_path / "a")] == len(read_table(tmp_path / "a" / "relations.csv"))
    assert counts[str(tmp_path / "b")] == len(read_table(tmp_path / "b" / "relations.csv"))
    _, typed = run_query("SELECT typeof(start), typeof(confidence) FROM entities LIMIT 1", [tmp_path / "a"])
    assert typed[0] == ("BIGINT", "DOUBLE")
    result = CliRunner().invoke(app, ["query", "SELECT relation, count(*) FROM relations GROUP BY 1",
                                      "--run", str(tmp_path / "a"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("relation,")


def test_old_layout_and_spreadsheet_saves_are_adopted(gen, tmp_path):
    corpus = make_corpus(gen, tmp_path / "c", 2)
    out = tmp_path / "run"
    run_extract([corpus], out, progress=False)
    rows = read_table(out / "relations.csv")
    assert rows
    rid = rows[0]["relation_id"]
    # a spreadsheet saves relations.csv as a regular file in place of the link
    rows[0]["review"] = "correct"
    (out / "relations.csv").unlink()
    write_table(out / "relations.csv", "relations", rows, extra=EXTRA_COLUMNS["relations"])
    assert not (out / "relations.csv").is_symlink()
    run_extract([corpus], out, progress=False)
    assert (out / "relations.csv").is_symlink()
    again = {r["relation_id"]: r["review"] for r in read_table(out / "relations.csv")}
    assert again[rid] == "correct"
    assert_whole(out)


def _start(corpus: Path, out: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out),
                             "--no-progress"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _cache_entries(out: Path) -> int:
    return sum(1 for _ in (out / ".cache").glob("*/*.pkl")) if (out / ".cache").exists() else 0


def test_sigkill_mid_run_leaves_whole_outputs_and_resumes(gen, tmp_path):
    corpus = make_corpus(gen, tmp_path / "c", 3)
    out = tmp_path / "run"
    run_extract([corpus], out, progress=False)
    before = csvs(out)
    # a reviewer marks a claim (written through the link, as most editors do)
    rows = read_table(out / "relations.csv")
    rid = rows[0]["relation_id"]
    rows[0]["review"] = "incorrect"
    write_table(out / "relations.csv", "relations", rows, extra=EXTRA_COLUMNS["relations"])
    before["relations"] = (out / "relations.csv").read_bytes()

    make_corpus(gen, corpus, 37, start=3)  # 40 papers now
    env = {**os.environ, "KRAS_PART_DOCS": "5", "PYTHONPATH": str(ROOT)}
    kills = 0
    for wait_for in (8, 20):  # kill once early in the batch, once later
        proc = _start(corpus, out, env)
        deadline = time.monotonic() + 120
        while _cache_entries(out) < wait_for and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        assert_whole(out)
        assert csvs(out) == before  # the previous complete outputs, untouched
    assert kills == 2
    resumed = run_extract([corpus], out, progress=False)
    assert resumed.cached >= 20 and resumed.processed == 40 - resumed.cached
    manifest = assert_whole(out)
    assert manifest["counts"]["documents"] == 40
    verdicts = {r["relation_id"]: r["review"] for r in read_table(out / "relations.csv")}
    assert verdicts[rid] == "incorrect"
    assert len(list((out / ".runs").iterdir())) <= 1 + config.KEEP_PREVIOUS_RUNS


def test_a_failure_at_any_rename_leaves_whole_outputs(gen, tmp_path, monkeypatch):
    """Interrupt the run at each rename of the run folder in turn: the visible outputs are
    always one whole run (the old one or the new one), and the next run repairs the rest."""
    import pipeline.runfolder as rf

    corpus = make_corpus(gen, tmp_path / "c", 2)
    out = tmp_path / "run"
    run_extract([corpus], out, progress=False)
    old = csvs(out)
    make_corpus(gen, corpus, 1, start=2)
    real_replace = rf._rename
    calls = {"n": 0, "fail_at": 0}

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] == calls["fail_at"]:
            raise KeyboardInterrupt(f"injected at rename {calls['n']}")
        return real_replace(src, dst)

    monkeypatch.setattr(rf, "_rename", flaky)
    seen_new = False
    for k in range(1, 40):
        calls.update(n=0, fail_at=k)
        try:
            run_extract([corpus], out, progress=False)
            finished = True
        except KeyboardInterrupt:
            finished = False
        assert_whole(out)
        now = csvs(out)
        assert now == old or len(read_table(out / "documents.csv")) == 3
        seen_new = seen_new or now != old
        monkeypatch.setattr(rf, "_rename", real_replace)
        repaired = run_extract([corpus], out, progress=False)  # the next run repairs
        assert len(repaired.documents) == 3 and assert_whole(out)
        run_extract([corpus / "paper_00000.txt", corpus / "paper_00001.txt"], out, progress=False)
        assert csvs(out) == old  # back to the old outputs for the next round
        monkeypatch.setattr(rf, "_rename", flaky)
        if finished:
            break
    assert finished and seen_new
