"""Paths and limits, in one place (cookiecutter-data-science style)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
CORPUS_DIR = PROJECT_ROOT / "corpus"
ANNOTATIONS_DIR = PROJECT_ROOT / "annotations"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
BUILD_DIR = PROJECT_ROOT / "build"

#: The seed review lives beside the project, never inside it (third-party prose).
SHARED_CORPUS_DIR = Path(os.environ.get("KRAS_SHARED_CORPUS", PROJECT_ROOT.parent / "shared" / "corpus"))
SEED_FILENAME = "kras_g12c_resistance_review.txt"
SEED_PATH = SHARED_CORPUS_DIR / SEED_FILENAME

#: Inputs larger than this are not papers (a 60-page PDF is ~10 MB; text ~1 MB).
MAX_TEXT_BYTES = int(os.environ.get("KRAS_MAX_TEXT_BYTES", 20 * 1024 * 1024))
MAX_PDF_BYTES = int(os.environ.get("KRAS_MAX_PDF_BYTES", 100 * 1024 * 1024))
MAX_PDF_PAGES = int(os.environ.get("KRAS_MAX_PDF_PAGES", 500))

TEXT_SUFFIXES = (".txt", ".text", ".md")
PDF_SUFFIXES = (".pdf",)

# --------------------------------------------------------------------------- scale and limits
#: Per-document limits (pipeline/limits.py). A document that takes longer or needs more
#: address space is failed with a message, not left to hang the batch.
DOC_TIMEOUT_S = float(os.environ.get("KRAS_DOC_TIMEOUT", 300))
DOC_MEMORY_MB = int(os.environ.get("KRAS_DOC_MEMORY_MB", 4096))
#: Which documents run in a forked child under the limits: "pdf" (default: PDFs, where
#: third-party parsers meet hostile files), "all", or "none" (in-process time limit only).
ISOLATE = os.environ.get("KRAS_ISOLATE", "pdf").strip().lower()
#: Documents per Parquet partition (the unit of work on Dask, the flush size locally).
PART_DOCS = int(os.environ.get("KRAS_PART_DOCS", 200))
#: Written by `make train`; when present, its hash is part of the result-cache key.
RULE_STATE_PATH = Path(os.environ.get("KRAS_RULE_STATE", ANNOTATIONS_DIR / "rule_state.json"))
#: Complete runs kept in <run folder>/.runs besides the current one (for rollback).
KEEP_PREVIOUS_RUNS = int(os.environ.get("KRAS_KEEP_RUNS", 1))
#: report.html renders every sentence; above this many documents it is skipped (a note says
#: so): query the Parquet tables instead (`python -m pipeline query`).
REPORT_MAX_DOCS = int(os.environ.get("KRAS_REPORT_MAX_DOCS", 300))
