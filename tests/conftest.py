"""Shared fixtures: the seed review (read from ../shared/corpus), ingested once."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.config import SEED_PATH


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    if not SEED_PATH.exists():
        pytest.skip(f"seed review not found at {SEED_PATH} (it is not committed; see corpus/README.md)")
    return SEED_PATH.read_bytes()


@pytest.fixture(scope="session")
def seed_raw(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8-sig")


@pytest.fixture(scope="session")
def seed_doc(seed_bytes: bytes):
    from pipeline.ingest_text import read_text

    return read_text(seed_bytes, "kras_g12c_resistance_review", str(SEED_PATH),
                     hashlib.sha256(seed_bytes).hexdigest())


@pytest.fixture(scope="session")
def seed_sentences(seed_doc):
    from pipeline.sentences import split_sentences

    return split_sentences(seed_doc)
