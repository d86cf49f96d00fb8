"""Result cache: a document whose bytes, pipeline and rules are unchanged is not processed again.

Entries live in ``<run folder>/.cache/<key>/<sha256>-<doc_id>.pkl``: the pickled
:class:`~pipeline.process.DocResult` of one document (its rows), with the document's
artifact files (``docs/<doc_id>/``: text, sentences, tables ...) beside it in
``<sha256>-<doc_id>.docs/``, hard-linked to and from the runs (no copy, no re-rendering).
``key`` hashes everything a result depends on besides the file itself:

* the pipeline version and a digest of the package's code and data files;
* ``run.ruleset_versions()`` (relation, outcome and lexicon versions);
* the rule state written by ``make train`` (``annotations/rule_state.json``), when present.

A changed key starts a new folder; folders of other keys are removed after a run
(:meth:`DocCache.prune`). Entries are written through a temporary file and a rename, so a
killed run leaves only whole entries, and the next run picks up where it stopped.
Failures that may not happen again (time limit, memory, crash, internal error) are not cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pipeline import __version__, config
from pipeline.process import DocResult

CACHE_DIRNAME = ".cache"
#: messages of failures that are about this machine or this moment, not the file
TRANSIENT = ("time limit", "memory ceiling", "crashed", "internal error", "without a result")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 over the package's .py files and data files (names and bytes)."""
    h = hashlib.sha256()
    root = config.PACKAGE_DIR
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def rule_state_digest(path: Path | None = None) -> str | None:
    path = Path(path or config.RULE_STATE_PATH)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def cache_key(rulesets: dict[str, str], rule_state: Path | None = None) -> str:
    """The key of every result of this pipeline + rules + rule state (16 hex digits)."""
    parts = {"pipeline": __version__, "code": code_digest(), "rulesets": rulesets,
             "rule_state": rule_state_digest(rule_state)}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def link_tree(src: Path, dst: Path) -> None:
    """Hard-link every file of ``src`` into ``dst`` (copy where links are not possible)."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_dir():
            link_tree(f, dst / f.name)
            continue
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)


def cacheable(res: DocResult) -> bool:
    if res.row.get("status") == "ok":
        return True
    message = str(res.row.get("message", ""))
    return not any(t in message for t in TRANSIENT)


class DocCache:
    """One key's folder of cached results. Safe to use from several processes at once."""

    def __init__(self, run_dir: Path, key: str, enabled: bool = True):
        self.root = Path(run_dir) / CACHE_DIRNAME
        self.key = key
        self.folder = self.root / key
        self.enabled = enabled

    def path(self, sha256: str, doc_id: str) -> Path:
        return self.folder / f"{sha256}-{doc_id}.pkl"

    def artifacts(self, sha256: str, doc_id: str) -> Path:
        return self.folder / f"{sha256}-{doc_id}.docs"

    def get(self, sha256: str | None, doc_id: str) -> tuple[DocResult, Path | None] | None:
        """(rows, folder of artifact files or None) of a cached document, or None."""
        if not self.enabled or not sha256:
            return None
        try:
            with self.path(sha256, doc_id).open("rb") as fh:
                res = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            return None
        if not isinstance(res, DocResult):
            return None
        docs = self.artifacts(sha256, doc_id)
        if res.row.get("status") == "ok" and not docs.is_dir():
            return None
        return res, (docs if docs.is_dir() else None)

    def put(self, res: DocResult, artifacts: Path | None = None) -> None:
        """Store ``res`` (without its text) and link the files of ``artifacts`` beside it."""
        sha = res.row.get("sha256")
        if not self.enabled or not sha or not cacheable(res):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if artifacts is not None and artifacts.is_dir():
            tmp_dir = Path(tempfile.mkdtemp(dir=self.folder, prefix=".", suffix=".tmp"))
            link_tree(artifacts, tmp_dir)
            final = self.artifacts(sha, res.row["doc_id"])
            shutil.rmtree(final, ignore_errors=True)
            os.replace(tmp_dir, final)
        res = replace(res, doc=None, sentences=[])
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path(sha, res.row["doc_id"]))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        """Remove the folders of other keys and stray temporary files; return how many went."""
        removed = 0
        if not self.root.exists():
            return 0
        for p in self.root.iterdir():
            if p.is_dir() and p.name != self.key:
                shutil.rmtree(p, ignore_errors=True)
                removed += 1
        if self.folder.exists():
            for tmp in self.folder.glob(".*.tmp"):
                if tmp.is_dir():
                    shutil.rmtree(tmp, ignore_errors=True)
                else:
                    tmp.unlink(missing_ok=True)
        return removed
