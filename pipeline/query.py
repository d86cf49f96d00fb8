"""Parquet tables of a run, and SQL (DuckDB) across runs.

Each run writes ``documents``, ``entities``, ``relations`` and ``outcomes`` as Parquet
next to the CSVs, with the same columns and typed numbers (offsets, pages, confidence).
:func:`connect` opens an in-memory DuckDB database (or a ``.duckdb`` file) with one view
per table over the given run folders, plus a ``run`` column naming the folder::

    python -m pipeline query "SELECT run, doc_id, drug, partner, evidence FROM relations
        WHERE relation = 'overcomes' AND target = 'EGFR' AND cancer = 'colorectal cancer'"
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.export import COLUMNS, EXTRA_COLUMNS

QUERY_TABLES = ("documents", "entities", "relations", "outcomes")
INTEGER_COLUMNS = {"pages", "sentences", "start", "end", "sentence_index", "page", "number", "year"}
FLOAT_COLUMNS = {"confidence"}


def _sql_str(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def typed_select(name: str) -> str:
    """SELECT list turning a table's text columns into typed ones (empty text -> null)."""
    select = []
    for c in COLUMNS[name] + EXTRA_COLUMNS.get(name, []):
        col = f"CAST({_ident(c)} AS VARCHAR)"
        if c in INTEGER_COLUMNS:
            expr = f"TRY_CAST(NULLIF({col}, '') AS BIGINT)"
        elif c in FLOAT_COLUMNS:
            expr = f"TRY_CAST(NULLIF({col}, '') AS DOUBLE)"
        else:
            expr = col
        select.append(f"{expr} AS {_ident(c)}")
    return ", ".join(select)


def write_parquet_table(path: Path, name: str, rows: Sequence[dict]) -> None:
    """One table of a run as Parquet: the CSV's columns, numbers typed, empty cells null."""
    import duckdb
    import pandas as pd

    columns = COLUMNS[name] + EXTRA_COLUMNS.get(name, [])
    frame = pd.DataFrame({c: ["" if r.get(c) is None else str(r.get(c)) for r in rows]
                          for c in columns}, dtype=object)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        con.execute(f"COPY (SELECT {typed_select(name)} FROM frame) TO {_sql_str(str(tmp))} "
                    "(FORMAT parquet)")
    finally:
        con.close()
    tmp.replace(path)


def connect(run_dirs: Sequence[Path], database: Path | None = None):
    """A DuckDB connection with views ``documents``, ``entities``, ``relations``, ``outcomes``
    over every run folder's Parquet files (a ``run`` column says which folder)."""
    import duckdb

    con = duckdb.connect(str(database) if database else ":memory:")
    for table in QUERY_TABLES:
        selects = []
        for run in run_dirs:
            path = Path(run) / f"{table}.parquet"
            if path.exists():
                label = Path(run).resolve().name if str(run) in (".", "") else str(run)
                selects.append(f"SELECT {_sql_str(label)} AS run, * FROM read_parquet("
                               f"{_sql_str(str(path.absolute()))})")
        if not selects:
            continue
        con.execute(f"CREATE OR REPLACE VIEW {table} AS " + " UNION ALL BY NAME ".join(selects))
    return con


def run_query(sql: str, run_dirs: Sequence[Path], database: Path | None = None):
    """(column names, rows) of ``sql`` over the runs' tables."""
    con = connect(run_dirs, database)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description] if cur.description else []
        return names, cur.fetchall()
    finally:
        con.close()


def find_runs(root: Path) -> list[Path]:
    """Run folders under ``root`` (a folder with relations.parquet), ``root`` itself included."""
    root = Path(root)
    found = [root] if (root / "relations.parquet").exists() else []
    found += sorted(p.parent for p in root.glob("*/relations.parquet")
                    if not p.parent.name.startswith(".") and p.parent.name != "current")
    return found
