"""Per-document time limit and memory ceiling: a hostile file is failed, not hung.

``run_limited(item)`` runs :func:`pipeline.process.process_document` for one input under
the limits in :mod:`pipeline.config`:

* isolated (PDFs by default, ``KRAS_ISOLATE=all`` for every file): in a forked child
  with ``RLIMIT_AS`` set to ``DOC_MEMORY_MB`` and killed after ``DOC_TIMEOUT_S``. The
  child sends the pickled result back through a pipe; a child that runs out of time,
  runs out of memory or crashes (a parser segfault) becomes a ``failed`` row;
* in-process (text by default): a ``SIGALRM`` timer interrupts a document that runs
  past the time limit (main thread only; file size is capped by ``MAX_TEXT_BYTES``).
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import config
from pipeline.ingest import InputFile, file_sha256
from pipeline.process import DocResult, process_document


@dataclass(frozen=True)
class Limits:
    timeout_s: float = config.DOC_TIMEOUT_S
    memory_mb: int = config.DOC_MEMORY_MB
    isolate: str = config.ISOLATE  # pdf | all | none

    @classmethod
    def from_config(cls) -> Limits:
        return cls(config.DOC_TIMEOUT_S, config.DOC_MEMORY_MB, config.ISOLATE)


class DocTimeout(BaseException):
    """Raised by the in-process timer; a BaseException so the stages' handlers let it through."""


def failed_result(item: InputFile, message: str, error_log: str = "") -> DocResult:
    """A ``failed`` documents.csv row for ``item``."""
    return DocResult({"doc_id": item.doc_id, "source_path": str(item.path),
                      "sha256": file_sha256(item.path) or "",
                      "format": item.path.suffix.lstrip(".").lower(), "pages": 0, "sentences": 0,
                      "status": "failed", "message": message}, error_log=error_log)


def is_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(8).startswith(b"%PDF")
    except OSError:
        return False


def _timeout_message(limits: Limits) -> str:
    return (f"stopped after the {limits.timeout_s:g} s time limit for one document "
            "(set KRAS_DOC_TIMEOUT to raise it)")


def _memory_message(limits: Limits) -> str:
    return (f"needs more than the {limits.memory_mb} MB memory ceiling for one document "
            "(set KRAS_DOC_MEMORY_MB to raise it)")


def run_limited(item: InputFile, limits: Limits | None = None,
                fn: Callable[[InputFile], DocResult] | None = None) -> DocResult:
    """``fn(item)`` (default: process_document) under the time limit and memory ceiling;
    never raises for a bad document."""
    limits = limits or Limits.from_config()
    fn = fn or process_document
    isolate = limits.isolate == "all" or (limits.isolate == "pdf" and is_pdf(item.path))
    if isolate and hasattr(os, "fork"):
        return _in_child(item, limits, fn)
    return _in_process(item, limits, fn)


def _in_process(item: InputFile, limits: Limits, fn: Callable[[InputFile], DocResult]) -> DocResult:
    if threading.current_thread() is not threading.main_thread() or limits.timeout_s <= 0:
        return fn(item)

    stopped = [False]

    def on_alarm(signum, frame):
        if not stopped[0]:
            raise DocTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # the alarm repeats every second after the limit: an exception raised while compiled code
    # (a spaCy or regex callback) runs can be swallowed there, and the document must still stop
    signal.setitimer(signal.ITIMER_REAL, limits.timeout_s, 1.0)
    try:
        return fn(item)
    except DocTimeout:
        stopped[0] = True
        return failed_result(item, _timeout_message(limits))
    finally:
        stopped[0] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _child(item: InputFile, limits: Limits, fn, wfd: int) -> None:
    """Body of the forked child: never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if limits.memory_mb > 0:
            cap = limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        try:
            res = fn(item)
            if "MemoryError" in str(res.row.get("message", "")):
                res = failed_result(item, _memory_message(limits), res.error_log)
        except MemoryError:
            res = failed_result(item, _memory_message(limits))
        data = pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            n = os.write(wfd, view)
            view = view[n:]
    except BaseException:  # noqa: BLE001 - the parent reports a child that sent nothing
        code = 3
    finally:
        os._exit(code)


def _in_child(item: InputFile, limits: Limits, fn: Callable[[InputFile], DocResult]) -> DocResult:
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(rfd)
        _child(item, limits, fn, wfd)
    os.close(wfd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.timeout_s if limits.timeout_s > 0 else None
    timed_out = False
    try:
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([rfd], [], [], wait)
            if not ready:
                timed_out = True
                break
            chunk = os.read(rfd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(rfd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        return failed_result(item, _timeout_message(limits))
    data = b"".join(chunks)
    if data:
        try:
            return pickle.loads(data)
        except Exception as exc:  # noqa: BLE001
            return failed_result(item, f"internal error: result could not be read back ({exc})")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return failed_result(item, f"the reader crashed on this file (signal {name}); "
                                   "the file is probably damaged")
    return failed_result(item, _memory_message(limits) if os.WEXITSTATUS(status) == 3
                         else f"the reader stopped without a result (exit {os.WEXITSTATUS(status)})")
