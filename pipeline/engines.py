"""Where documents are processed: in this process, in a local process pool, or on Dask.

Every engine runs the same unit of work, :func:`process_item` (cache look-up, then
:func:`pipeline.process.process_document` under the limits of :mod:`pipeline.limits`,
then the document's artifacts written into the run being built), and the same
partition writer, :func:`write_part`, which stores a batch of documents' rows as one
Parquet file per table under ``<run>/.parts/``. ``run.py`` merges the parts into the
CSVs. Only the scheduling differs:

* ``serial`` (``--workers 1``): a loop in this process;
* ``pool`` (``--workers N``): a ``ProcessPoolExecutor``; each worker loads the NER
  lexicon once when it starts, and results come back per document (progress bar);
* ``dask`` (``--engine dask [--scheduler tcp://host:8786]``): one task per partition of
  documents on a Dask cluster (a ``LocalCluster`` when no scheduler is given). Workers
  write their parts and artifacts themselves, so the run folder and the inputs must be
  on a file system every worker sees.
"""

from __future__ import annotations

import ctypes
import math
import signal
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path

from pipeline.cache import DocCache, link_tree
from pipeline.export import COLUMNS, EXTRA_COLUMNS, write_json, write_jsonl
from pipeline.ingest import InputFile, file_sha256
from pipeline.limits import Limits, run_limited
from pipeline.models import IngestedDocument, Sentence
from pipeline.process import DocResult

PARTS_DIRNAME = ".parts"
TABLES = ("documents", "entities", "relations", "outcomes", "references")
#: hidden ordering columns of a part: the document's input position, the row's position in it
ORDER_COLUMNS = ["_doc", "_seq"]


def table_columns(name: str) -> list[str]:
    return COLUMNS[name] + EXTRA_COLUMNS.get(name, [])


@dataclass(frozen=True)
class Job:
    """What every worker needs to know about the run (small and picklable)."""

    run_dir: Path  # the user's run folder (holds .cache)
    stage: Path  # the run being built (.runs/<id>)
    cache_key: str
    use_cache: bool = True
    limits: Limits = field(default_factory=Limits.from_config)


@dataclass
class Item:
    """The unit of work: a document and its position in the input order."""

    index: int
    file: InputFile


@dataclass
class Done:
    """What comes back to the driver for one document (no text: that is on disk already)."""

    index: int
    result: DocResult
    cached: bool


# --------------------------------------------------------------------------- one document


def write_doc_artifacts(folder: Path, doc: IngestedDocument, sents: list[Sentence]) -> None:
    """Canonical text and its structure for one document."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "text.txt").write_text(doc.text, encoding="utf-8")
    write_json(folder / "offsets.json", {
        "offset_map": doc.offset_map.to_json() if doc.offset_map else None,
        "pages": [[p.page, p.start, p.end] for p in doc.pages],
    })
    write_jsonl(folder / "sections.jsonl", (
        {"index": s.index, "title": s.title, "kind": s.kind, "start": s.start, "end": s.end}
        for s in doc.sections))
    write_jsonl(folder / "sentences.jsonl", (
        {"index": s.index, "start": s.start, "end": s.end, "section_index": s.section_index,
         "page": s.page, "text": s.text} for s in sents))
    write_json(folder / "tables.json", [
        {"index": t.index, "label": t.label, "title": t.title, "start": t.start, "end": t.end,
         "page": t.page, "rows": [list(r) for r in t.rows]} for t in doc.tables])
    write_jsonl(folder / "references.jsonl", (
        {"number": r.number, "authors": r.authors, "title": r.title, "journal": r.journal,
         "year": r.year, "raw": r.raw} for r in doc.references))
    write_jsonl(folder / "citations.jsonl", (
        {"start": c.start, "end": c.end, "numbers": list(c.numbers)} for c in doc.citations))


def process_item(item: Item, job: Job) -> Done:
    """Cached result or a fresh one (under the limits); artifacts written; text dropped."""
    cache = DocCache(job.run_dir, job.cache_key, job.use_cache)
    hit = cache.get(file_sha256(item.file.path), item.file.doc_id) if job.use_cache else None
    if hit is not None:
        res, artifacts = hit
        res.row["source_path"] = str(item.file.path)
        if artifacts is not None:
            link_tree(artifacts, job.stage / "docs" / item.file.doc_id)
        return Done(item.index, res, True)
    res = run_limited(item.file, job.limits)
    folder = None
    if res.doc is not None:
        folder = job.stage / "docs" / res.doc.doc_id
        write_doc_artifacts(folder, res.doc, res.sentences)
    cache.put(res, folder)
    return Done(item.index, replace(res, doc=None, sentences=[]), False)


# --------------------------------------------------------------------------- partitions


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def write_parquet_strings(path: Path, columns: list[str], rows: Sequence[dict]) -> None:
    """Rows as a Parquet file of text columns (exactly what the CSV will hold)."""
    import duckdb
    import pandas as pd

    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame({c: [_cell(r.get(c)) for r in rows] for c in columns}, dtype=object)
    tmp = path.with_name(f".{path.name}.tmp")
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        select = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in columns)
        con.execute(f"COPY (SELECT {select} FROM frame) TO '{_sql_path(tmp)}' (FORMAT parquet)")
    finally:
        con.close()
    tmp.replace(path)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def write_part(stage: Path, part_no: int, done: Iterable[Done]) -> dict:
    """One Parquet file per table for a batch of documents; returns the batch's counts."""
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    summary = {"part": part_no, "docs": 0, "cached": 0, "failed": 0, "pages": 0, "rows": 0,
               "errors": []}
    for d in done:
        res = d.result
        summary["docs"] += 1
        summary["cached"] += int(d.cached)
        summary["failed"] += int(res.row.get("status") == "failed")
        summary["pages"] += int(res.row.get("pages") or 0)
        if res.error_log:
            summary["errors"].append(res.error_log)
        for name, rows in (("documents", [res.row]), ("entities", res.entities),
                           ("relations", res.relations), ("outcomes", res.outcomes),
                           ("references", res.references)):
            for seq, row in enumerate(rows):
                tables[name].append({**row, "_doc": d.index, "_seq": seq})
            if name != "documents":
                summary["rows"] += len(rows)
    for name, rows in tables.items():
        write_parquet_strings(stage / PARTS_DIRNAME / name / f"part-{part_no:05d}.parquet",
                              table_columns(name) + ORDER_COLUMNS, rows)
    return summary


def read_parts(stage: Path, name: str) -> list[dict]:
    """Every part's rows of one table, in input order (document, then row)."""
    import duckdb

    folder = stage / PARTS_DIRNAME / name
    files = sorted(str(p) for p in folder.glob("part-*.parquet"))
    if not files:
        return []
    con = duckdb.connect()
    try:
        cur = con.execute("SELECT * FROM read_parquet(?, union_by_name = true) "
                          "ORDER BY CAST(_doc AS BIGINT), CAST(_seq AS BIGINT)", [files])
        names = [c[0] for c in cur.description]
        keep = [i for i, n in enumerate(names) if n not in ORDER_COLUMNS]
        return [{names[i]: row[i] for i in keep} for row in cur.fetchall()]
    finally:
        con.close()


def _parts_source(stage: Path, name: str) -> tuple[str, list[str]] | None:
    files = sorted(str(p) for p in (stage / PARTS_DIRNAME / name).glob("part-*.parquet"))
    if not files:
        return None
    return "read_parquet(?, union_by_name = true)", files


def parts_to_csv(stage: Path, name: str, path: Path, batch: int = 20_000) -> int:
    """Stream one table's parts into its CSV (the export.py format: RFC 4180, CRLF, inert
    formula cells), without holding the table in memory; returns the row count."""
    import csv
    import os

    import duckdb

    from pipeline.export import inert

    columns = table_columns(name)
    tmp = path.with_name(f".{path.name}.tmp")
    n = 0
    con = duckdb.connect()
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow(columns)
            src = _parts_source(stage, name)
            if src is not None:
                cols = ", ".join(f'"{c}"' for c in columns)
                cur = con.execute(f"SELECT {cols} FROM {src[0]} "
                                  "ORDER BY CAST(_doc AS BIGINT), CAST(_seq AS BIGINT)", [src[1]])
                while rows := cur.fetchmany(batch):
                    writer.writerows([["" if v is None else inert(v) for v in r] for r in rows])
                    n += len(rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        con.close()
        tmp.unlink(missing_ok=True)
    return n


def parts_to_parquet(stage: Path, name: str, path: Path) -> None:
    """One table's parts as a typed Parquet file, in input order (DuckDB does the work)."""
    import duckdb

    from pipeline.query import typed_select, write_parquet_table

    src = _parts_source(stage, name)
    if src is None:
        write_parquet_table(path, name, [])
        return
    tmp = path.with_name(f".{path.name}.tmp")
    con = duckdb.connect()
    try:
        con.execute(f"COPY (SELECT {typed_select(name)} FROM {src[0]} "
                    "ORDER BY CAST(_doc AS BIGINT), CAST(_seq AS BIGINT)) "
                    f"TO '{_sql_path(tmp)}' (FORMAT parquet)", [src[1]])
    finally:
        con.close()
    tmp.replace(path)


class PartWriter:
    """Collects documents in the driver and writes a part every ``size`` documents."""

    def __init__(self, stage: Path, size: int):
        self.stage, self.size = stage, max(1, size)
        self.buffer: list[Done] = []
        self.part_no = 0
        self.summaries: list[dict] = []

    def add(self, done: Done) -> None:
        self.buffer.append(done)
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.summaries.append(write_part(self.stage, self.part_no, self.buffer))
            self.part_no += 1
            self.buffer = []


# --------------------------------------------------------------------------- engines

Progress = Callable[[int, int, int, int], None]  # docs, pages, rows, failed (increments)


def _report(progress: Progress | None, done: Done) -> None:
    if progress:
        r = done.result
        progress(1, int(r.row.get("pages") or 0),
                 len(r.entities) + len(r.relations) + len(r.outcomes),
                 int(r.row.get("status") == "failed"))


def run_serial(items: list[Item], job: Job, part_docs: int,
               progress: Progress | None = None) -> list[dict]:
    writer = PartWriter(job.stage, part_docs)
    for item in items:
        done = process_item(item, job)
        writer.add(done)
        _report(progress, done)
    writer.flush()
    return writer.summaries


def _set_parent_death_signal() -> None:
    """Linux: a pool worker dies with its parent (a SIGKILLed run leaves no orphans)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def warm_up() -> None:
    """Load the sentence splitter, the NER pipeline and the lexicon (once per process)."""
    from pipeline.lexicon import load_lexicon
    from pipeline.ner import configured_model, get_ner_nlp
    from pipeline.sentences import get_nlp

    get_nlp()
    get_ner_nlp(configured_model())
    load_lexicon()


def _init_worker() -> None:
    _set_parent_death_signal()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the driver
    warm_up()


def run_pool(items: list[Item], job: Job, workers: int, part_docs: int,
             progress: Progress | None = None) -> list[dict]:
    writer = PartWriter(job.stage, part_docs)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"),
                               initializer=_init_worker)
    try:
        futures = [pool.submit(process_item, item, job) for item in items]
        for fut in as_completed(futures):
            done = fut.result()
            writer.add(done)
            _report(progress, done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    writer.flush()
    return writer.summaries


def process_partition(part_no: int, items: list[Item], job: Job) -> dict:
    """A Dask task: every document of one partition, written as one part."""
    summary = write_part(job.stage, part_no, [process_item(item, job) for item in items])
    summary["first_index"] = items[0].index if items else -1
    return summary


def partition(items: list[Item], workers: int, part_docs: int) -> list[list[Item]]:
    """At most ``part_docs`` per partition, and at least ~4 partitions per worker when possible."""
    if not items:
        return []
    size = max(1, min(part_docs, math.ceil(len(items) / (4 * max(1, workers)))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def run_dask(items: list[Item], job: Job, workers: int, part_docs: int, scheduler: str | None = None,
             progress: Callable[[dict], None] | None = None) -> list[dict]:
    """One task per partition on a Dask cluster (``scheduler`` address, else a LocalCluster)."""
    from distributed import Client, LocalCluster
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        client = Client(cluster)
    summaries = []
    try:
        if scheduler:  # partition for the workers the cluster has, not for --workers
            workers = max(workers, len(client.scheduler_info().get("workers", {})))
        parts = partition(items, workers, part_docs)
        futures = [client.submit(process_partition, n, part, job, pure=False)
                   for n, part in enumerate(parts)]
        for fut in dask_completed(futures):
            summary = fut.result()
            summaries.append(summary)
            if progress:
                progress(summary)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summaries
