"""One extraction run: every input through the stages, outputs switched in all at once.

A bad document becomes a ``failed`` row in documents.csv with a message; the batch
goes on. Documents are processed by an engine (``pipeline/engines.py``: this process,
a local process pool, or Dask) into per-partition Parquet files inside a new run
directory; the parts are merged into the CSVs and Parquet tables, and the finished run
replaces the previous one with a single rename (``pipeline/runfolder.py``), so an
interrupted run leaves the previous outputs whole. Unchanged documents come from the
result cache (``pipeline/cache.py``).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from pipeline import __version__, config
from pipeline.cache import DocCache, cache_key
from pipeline.config import CORPUS_DIR, PROJECT_ROOT, SEED_PATH
from pipeline.engines import (
    EXTRA_COLUMNS,
    PARTS_DIRNAME,
    Item,
    Job,
    parts_to_csv,
    parts_to_parquet,
    read_parts,
    run_dask,
    run_pool,
    run_serial,
    write_doc_artifacts,  # noqa: F401 - re-exported for callers of the old location
)
from pipeline.export import write_json, write_table
from pipeline.ingest import assign_doc_ids, discover
from pipeline.limits import Limits
from pipeline.query import write_parquet_table
from pipeline.report import write_report
from pipeline.review import ORPHANS_FILE, carry_reviews_full, write_orphans
from pipeline.runfolder import RunFolder

#: columns added after the SPEC ones (SPEC allows new columns only at the end)
EXTRA_RELATION_COLUMNS = EXTRA_COLUMNS["relations"]
ENGINES = ("local", "dask")


@dataclass
class RunResult:
    out_dir: Path
    documents: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    processed: int = 0  # documents run through the stages this time
    cached: int = 0  # documents whose results came from the cache
    engine: str = "serial"
    workers: int = 1
    run_dir: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d["status"] == status)


def default_inputs() -> list[Path]:
    """The project's own corpus folder, plus the seed review when it is beside us."""
    inputs = [CORPUS_DIR]
    if SEED_PATH.exists():
        inputs.append(SEED_PATH)
    return inputs


def ruleset_versions() -> dict[str, str]:
    """Versions of every rule and vocabulary file a run depends on."""
    from pipeline import lexicon, outcomes, relations

    return {"relations": relations.load_rules().version,
            "outcomes": outcomes.load_rules().version,
            "lexicon": lexicon.lexicon_version()}


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"],
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None



def _review_signature(out_dir: Path) -> tuple:
    """What the verdicts were read from: changes if a reviewer saves during the run."""
    sig = []
    for name in ("relations.csv", ORPHANS_FILE):
        try:
            st = (out_dir / name).stat()
            sig.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            sig.append((name, None, None))
    return tuple(sig)


def _write_relations(stage: Path, out_dir: Path, rows: list[dict]) -> list[str]:
    """Carry verdicts from the run being replaced onto ``rows`` and write relations.*.

    Done again if the reviewer saved relations.csv while it was being read, so a verdict
    saved before the switch is never lost.
    """
    warnings: list[str] = []
    for _attempt in range(3):
        before = _review_signature(out_dir)
        carried = carry_reviews_full(out_dir / "relations.csv", rows)
        write_table(stage / "relations.csv", "relations", carried.rows, extra=EXTRA_RELATION_COLUMNS)
        write_orphans(stage, carried.orphans)
        write_parquet_table(stage / "relations.parquet", "relations", carried.rows)
        warnings = carried.warnings
        if _review_signature(out_dir) == before:
            break
    return warnings


def _progress_bar(total: int, enabled: bool):
    bar = tqdm(total=total, desc="extract", unit="doc", disable=not enabled, leave=False,
               dynamic_ncols=True)
    counts = {"pages": 0, "rows": 0, "failed": 0}

    def update(docs: int, pages: int, rows: int, failed: int) -> None:
        counts["pages"] += pages
        counts["rows"] += rows
        counts["failed"] += failed
        bar.update(docs)
        bar.set_postfix(counts, refresh=False)

    return bar, update


def run_extract(inputs: list[Path], out_dir: Path, progress: bool = True, workers: int = 1,
                engine: str = "local", scheduler: str | None = None,
                use_cache: bool = True) -> RunResult:
    """Run every stage over ``inputs`` (files or folders) into the run folder ``out_dir``.

    ``engine``: ``local`` (``workers`` 1: in this process; more: a process pool) or
    ``dask`` (a Dask cluster at ``scheduler``, else a LocalCluster of ``workers``).
    ``use_cache``: reuse the results of documents processed before with the same
    pipeline, rules and rule state.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    t0 = time.perf_counter()
    workers = max(1, int(workers))
    files, notes = discover(inputs)
    items = [Item(i, f) for i, f in enumerate(assign_doc_ids(files))]
    folder = RunFolder(out_dir)
    folder.lock()
    stage = None
    committed = False
    try:
        notes.extend(folder.prepare())
        stage = folder.new_run()
        rulesets = ruleset_versions()
        key = cache_key(rulesets)
        job = Job(run_dir=Path(out_dir), stage=stage, cache_key=key, use_cache=use_cache,
                  limits=Limits.from_config())
        result = RunResult(out_dir, notes=notes, workers=workers, run_dir=stage)
        bar, update = _progress_bar(len(items), progress)
        try:
            if engine == "dask":
                result.engine = "dask"
                summaries = run_dask(items, job, workers, config.PART_DOCS, scheduler,
                                     progress=lambda s: update(s["docs"], s["pages"], s["rows"],
                                                               s["failed"]))
            elif workers > 1 and len(items) > 1:
                result.engine = "pool"
                summaries = run_pool(items, job, workers, config.PART_DOCS, update)
            else:
                summaries = run_serial(items, job, config.PART_DOCS, update)
        finally:
            bar.close()
        result.cached = sum(s["cached"] for s in summaries)
        result.processed = sum(s["docs"] for s in summaries) - result.cached
        errors = [e for s in sorted(summaries, key=lambda s: s["part"]) for e in s["errors"]]
        documents = read_parts(stage, "documents")
        for row in documents:
            for k in ("pages", "sentences"):
                row[k] = int(row[k] or 0)
        result.documents = documents
        write_table(stage / "documents.csv", "documents", documents)
        write_parquet_table(stage / "documents.parquet", "documents", documents)
        counts = {"documents": len(documents)}
        for name in ("entities", "outcomes", "references"):  # streamed: never all in memory
            counts[name] = parts_to_csv(stage, name, stage / f"{name}.csv")
            if name != "references":
                parts_to_parquet(stage, name, stage / f"{name}.parquet")
        relations = read_parts(stage, "relations")
        counts["relations"] = len(relations)
        result.notes.extend(_write_relations(stage, Path(out_dir), relations))
        shutil.rmtree(stage / PARTS_DIRNAME, ignore_errors=True)
        if len(documents) > config.REPORT_MAX_DOCS:
            result.notes.append(f"report.html not written: {len(documents)} documents is more than "
                                f"KRAS_REPORT_MAX_DOCS={config.REPORT_MAX_DOCS}; query the Parquet "
                                "tables (python -m pipeline query) or raise the limit")
        if errors:
            (stage / "errors.log").write_text("\n\n".join(errors), encoding="utf-8")
        result.seconds = time.perf_counter() - t0
        write_json(stage / "manifest.json", {
            "pipeline_version": __version__,
            "git_commit": git_commit(),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "run_id": stage.name,
            "inputs": [{"doc_id": d["doc_id"], "path": d["source_path"], "sha256": d["sha256"],
                        "status": d["status"]} for d in result.documents],
            "notes": result.notes,
            "rulesets": rulesets,
            "cache_key": key,
            "engine": {"name": result.engine, "workers": workers, "scheduler": scheduler},
            "documents": {"processed": result.processed, "from_cache": result.cached},
            "counts": counts,
            "seconds": round(result.seconds, 3),
        })
        if len(result.documents) <= config.REPORT_MAX_DOCS:
            write_report(stage, title=Path(out_dir).resolve().name)
        folder.commit(stage)
        committed = True
        DocCache(Path(out_dir), key, use_cache).prune()
    finally:
        current = folder.current_run()
        if stage is not None and not committed and (current is None or current != stage.resolve()):
            shutil.rmtree(stage, ignore_errors=True)  # never the run `current` already points at
        folder.unlock()
    return result


def current_outputs(out_dir: Path) -> Path:
    """The directory holding the current run's files (for tools that want real paths)."""
    run = RunFolder(out_dir).current_run()
    return run if run is not None else Path(out_dir)


__all__ = ["RunResult", "run_extract", "default_inputs", "ruleset_versions", "git_commit",
           "current_outputs"]
