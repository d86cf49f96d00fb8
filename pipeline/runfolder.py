"""The run folder: every run complete in its own directory, switched in with one rename.

Layout of ``<out>/`` (default ``outputs/``)::

    current -> .runs/<run id>            the last complete run (a relative symlink)
    documents.csv -> current/documents.csv    (and every other output: the paths users know)
    .runs/<run id>/                      complete runs: the current one and the previous one
    .cache/<key>/                        per-document results (pipeline/cache.py)
    .lock                                one run at a time writes here

A run is built in a new ``.runs/<run id>/``; when it is complete (``.complete`` marker
written last) ``current`` is replaced by a symlink to it with one ``rename(2)``. Readers
open ``documents.csv``, ``relations.csv``... through ``current``, so they see the whole
previous run or the whole new one, never a mix. A run killed before the switch leaves an
incomplete directory that the next run deletes (its per-document work is in the cache).

A reviewer's spreadsheet may save ``relations.csv`` as a regular file in place of the
link; :meth:`RunFolder.prepare` copies such a file into the current run and puts the link
back (content unchanged), so verdicts are read from, and kept in, the run they belong to.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path

from pipeline import config

RUNS_DIRNAME = ".runs"
CURRENT = "current"
COMPLETE_MARKER = ".complete"
LOCK_FILE = ".lock"
TMP_LINK, TMP_OLD, TMP_ADOPT = ".link-", ".old-", ".adopt-"  # leftovers of a killed run
#: outputs a folder written before this layout holds as regular files
KNOWN_OUTPUTS = ("documents.csv", "entities.csv", "relations.csv", "outcomes.csv", "references.csv",
                 "manifest.json", "errors.log", "reviews_orphaned.csv", "report.html", "docs",
                 "documents.parquet", "entities.parquet", "relations.parquet", "outcomes.parquet",
                 "references.parquet")


class RunFolderBusy(Exception):
    """Another run is writing to the same folder."""


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _rename(src: Path, dst: Path) -> None:
    """rename(2): atomic, replaces ``dst``. (One place, so tests can interrupt any of them.)"""
    os.replace(src, dst)


def _symlink_replace(target: str, path: Path) -> None:
    """Make ``path`` a symlink to ``target`` with one atomic rename (a real folder is moved aside)."""
    tmp = path.with_name(f".{path.name}{TMP_LINK}{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    try:
        if path.is_dir() and not path.is_symlink():
            trash = path.with_name(f".{path.name}{TMP_OLD}{os.getpid()}")
            _rename(path, trash)
            _rename(tmp, path)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            _rename(tmp, path)
    finally:
        if tmp.is_symlink():  # the rename did not happen
            tmp.unlink()


def _copy_atomic(src: Path, dst: Path) -> None:
    tmp = dst.with_name(f".{dst.name}{TMP_ADOPT}{os.getpid()}")
    shutil.copy2(src, tmp)
    try:
        _rename(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)


class RunFolder:
    def __init__(self, out_dir: Path):
        self.out = Path(out_dir)
        self.runs = self.out / RUNS_DIRNAME
        self.current = self.out / CURRENT
        self._lock_fd: int | None = None

    # ----------------------------------------------------------------- locking
    def lock(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise RunFolderBusy(f"another run is writing to {self.out}; wait for it to finish") from exc
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # ----------------------------------------------------------------- state
    def current_run(self) -> Path | None:
        if not self.current.is_symlink():
            return None
        target = self.current.resolve()
        return target if target.is_dir() else None

    def prepare(self) -> list[str]:
        """Delete incomplete runs, adopt regular files (old layout, spreadsheet saves)."""
        notes: list[str] = []
        self.runs.mkdir(parents=True, exist_ok=True)
        current = self.current_run()
        for p in list(self.out.glob(".*")) + list(self.runs.glob("*/.*")):
            if any(t in p.name for t in (TMP_LINK, TMP_OLD, TMP_ADOPT)):
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)
        for d in self.runs.iterdir():
            if d.is_dir() and d != current and not (d / COMPLETE_MARKER).exists():
                shutil.rmtree(d, ignore_errors=True)
                notes.append(f"removed the incomplete run {d.name} (an earlier run was stopped)")
        regular = [n for n in KNOWN_OUTPUTS
                   if (self.out / n).exists() and not (self.out / n).is_symlink()]
        if not regular:
            return notes
        if current is None:  # outputs written before this layout: make them a run
            current = self.runs / f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-adopted"
            current.mkdir(parents=True, exist_ok=True)
            for n in regular:
                if n != "docs":
                    shutil.copy2(self.out / n, current / n)
            if "docs" in regular:
                _rename(self.out / "docs", current / "docs")
            (current / COMPLETE_MARKER).write_text("adopted\n")
            self._switch(current)
            notes.append(f"outputs in {self.out} moved into {current.relative_to(self.out)}")
        else:
            for n in regular:
                path = self.out / n
                if path.is_dir():
                    continue  # a stray folder: replaced by the link below
                _copy_atomic(path, current / n)
                notes.append(f"{n} was a regular file (saved by an editor); kept in the current run")
        for n in regular:
            if (current / n).exists():
                _symlink_replace(f"{CURRENT}/{n}", self.out / n)
        return notes

    def new_run(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        run = self.runs / f"{stamp}-{os.getpid()}"
        n = 1
        while run.exists():
            n += 1
            run = self.runs / f"{stamp}-{os.getpid()}-{n}"
        run.mkdir(parents=True)
        return run

    # ----------------------------------------------------------------- commit
    def _switch(self, run: Path) -> None:
        _fsync_dir(run)
        _symlink_replace(f"{RUNS_DIRNAME}/{run.name}", self.current)
        _fsync_dir(self.out)

    def commit(self, run: Path) -> None:
        """Make ``run`` the current run (one atomic rename), link its outputs, prune old runs."""
        (run / COMPLETE_MARKER).write_text(time.strftime("%Y-%m-%dT%H:%M:%S%z") + "\n")
        self._switch(run)  # <- the commit point
        names = {p.name for p in run.iterdir() if not p.name.startswith(".")}
        for name in sorted(names):
            link = self.out / name
            want = f"{CURRENT}/{name}"
            if not (link.is_symlink() and os.readlink(link) == want):
                _symlink_replace(want, link)
        for link in self.out.iterdir():  # links to outputs the new run does not have
            if link.is_symlink() and os.readlink(link).startswith(f"{CURRENT}/") and not link.exists():
                link.unlink()
        others = sorted((d for d in self.runs.iterdir() if d.is_dir() and d.resolve() != run.resolve()),
                        key=lambda d: d.stat().st_mtime, reverse=True)
        for d in others[max(0, config.KEEP_PREVIOUS_RUNS):]:
            shutil.rmtree(d, ignore_errors=True)
