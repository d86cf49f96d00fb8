"""Ingest stage entry point: find input files, name them, read them.

``discover`` lists the documents of a corpus (files or folders), ``assign_doc_ids``
gives each a safe, unique id, and ``ingest_file`` reads one file into an
``IngestedDocument`` or raises ``IngestError`` with a message for the user.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import MAX_PDF_BYTES, MAX_TEXT_BYTES, PDF_SUFFIXES, TEXT_SUFFIXES
from pipeline.errors import IngestError, too_large
from pipeline.models import IngestedDocument

SUPPORTED = TEXT_SUFFIXES + PDF_SUFFIXES
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class InputFile:
    path: Path
    doc_id: str


def discover(inputs: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Files to read, in a stable order, and notes about inputs that were passed over.

    A folder contributes its supported files (recursively, hidden files skipped); a
    file named directly is always taken, whatever its suffix.
    """
    files: list[Path] = []
    notes: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and f.name.lower() != "readme.md"
            )
            if not found:
                notes.append(f"{p}: no .txt, .md or .pdf files found")
            files.extend(found)
        else:
            files.append(p)
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve() if f.exists() else f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, notes


def safe_stem(path: Path) -> str:
    stem = _UNSAFE.sub("_", path.stem).strip("._") or "document"
    return stem[:100]


def assign_doc_ids(paths: list[Path]) -> list[InputFile]:
    """File stem made safe; a collision gets ``-2``, ``-3`` ... in input order."""
    used: dict[str, int] = {}
    out = []
    for p in paths:
        base = safe_stem(p)
        n = used.get(base, 0) + 1
        used[base] = n
        doc_id = base if n == 1 else f"{base}-{n}"
        while doc_id in used and n > 1:
            n += 1
            doc_id = f"{base}-{n}"
        used.setdefault(doc_id, 1)
        out.append(InputFile(p, doc_id))
    return out


def sniff_format(path: Path, head: bytes) -> str:
    if head.startswith(b"%PDF") or path.suffix.lower() in PDF_SUFFIXES:
        return "pdf"
    return "text"


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors into messages a user can act on."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise IngestError(f"file not found: {path}") from exc
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if path.is_dir():
        raise IngestError(f"{path} is a folder, not a file")
    limit = MAX_PDF_BYTES if path.suffix.lower() in PDF_SUFFIXES else max(MAX_TEXT_BYTES, MAX_PDF_BYTES)
    if size > limit:
        env = "KRAS_MAX_PDF_BYTES" if path.suffix.lower() in PDF_SUFFIXES else "KRAS_MAX_TEXT_BYTES"
        raise too_large("file", size, limit, env)
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise IngestError(f"permission denied reading {path}") from exc
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc


def ingest_file(item: InputFile) -> IngestedDocument:
    """Read one document. Raises IngestError for any input that cannot be used."""
    data = read_bytes(item.path)
    sha = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(item.path, data[:8])
    if fmt == "pdf":
        from pipeline.ingest_pdf import read_pdf  # pdf libraries load only when needed

        return read_pdf(item.path, item.doc_id, sha, data)
    from pipeline.ingest_text import read_text

    return read_text(data, item.doc_id, str(item.path), sha)


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
