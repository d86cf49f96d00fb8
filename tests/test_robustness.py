"""Bad inputs: every hostile or broken file gets a clear ``failed`` row with a message (or a
clean ``ok`` when it is readable after all) and the batch goes on; the per-document time
limit and memory ceiling fail a document instead of hanging or killing the run."""

from __future__ import annotations

import faulthandler
import os
import random
import signal
import time
import zlib
from pathlib import Path

import pytest

from pipeline import config
from pipeline.export import read_table
from pipeline.ingest import InputFile
from pipeline.limits import Limits, run_limited
from pipeline.process import DocResult, process_document
from pipeline.run import run_extract
from tests.pdf_factory import (
    PageSpec,
    Para,
    build_encrypted_pdf,
    build_image_only_pdf,
    build_pdf,
)

GOOD = "Background\n\nSotorasib (AMG 510) inhibits KRAS G12C in NSCLC (1).\n"
OK, FAILED, EITHER = {"ok"}, {"failed"}, {"ok", "failed"}


def _good_pdf(path: Path, pages: int = 1) -> Path:
    return build_pdf(path, [PageSpec(columns=((Para(GOOD.replace("\n", " ") * 3),),))] * pages)


def _broken_fonts(src: Path, dst: Path) -> Path:
    """The font dictionaries point at a font that does not exist, with garbage widths."""
    data = src.read_bytes()
    data = data.replace(b"/BaseFont /Helvetica", b"/BaseFont /NoSuchFont-XYZ")
    data = data.replace(b"/Type /Font", b"/Type /Font /Widths [ -1 x 9e99 ] /FirstChar -5")
    dst.write_bytes(data)
    return dst


def _bomb_pdf(path: Path) -> Path:
    """A one-page PDF whose content stream inflates to ~60 MB of drawing operators."""
    body = b"0 0 m 1 1 l S\n" * 4_500_000
    stream = zlib.compress(body, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def bad_inputs(d: Path) -> dict[str, tuple[Path, set[str]]]:
    """name -> (file, allowed statuses). Built at test time; nothing binary is committed."""
    d.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    files: dict[str, tuple[Path, set[str]]] = {}

    def put(name: str, data: bytes, allowed: set[str]) -> None:
        p = d / name
        p.write_bytes(data)
        files[name] = (p, allowed)

    put("good.txt", GOOD.encode(), OK)
    put("empty.txt", b"", FAILED)
    put("whitespace.txt", b"  \n\n\t \r\n", FAILED)
    put("junk.txt", bytes(rng.randrange(256) for _ in range(20000)), FAILED)
    put("nul_in_text.txt", b"Sotorasib inhibits KRAS.\n" + b"\x00" * 8 + b"\nMore.\n", FAILED)
    latin = "Sotorasib inhibits KRAS G12C: r\u00e9sistance \u00e0 adagrasib.\n"
    put("latin1.txt", latin.encode("latin-1"), OK)
    put("cp1252.txt", "\u201cSotorasib\u201d \u2013 inhibits KRAS G12C in NSCLC.\n".encode("cp1252"), OK)
    put("utf16.txt", GOOD.encode("utf-16"), EITHER)
    put("control_chars.txt", b"Sotorasib\x01\x02 inhibits\x07 KRAS\x1b[31m G12C.\x0b\x0c\n" * 30, EITHER)
    put("few_controls.txt", b"Sotorasib inhibits KRAS G12C\x07 in NSCLC.\n" + GOOD.encode() * 20, OK)
    put("long_line.txt", b"Sotorasib inhibits KRAS G12C and cetuximab blocks EGFR in CRC, " * 300, OK)
    put("longer_line.txt", b"Sotorasib inhibits KRAS G12C and cetuximab blocks EGFR in CRC, " * 2000, EITHER)
    put("very_long_line.txt", b"sotorasib KRAS G12C EGFR " * 45000, EITHER)  # > spaCy's 1M chars
    put("huge_token_sentence.txt", b"Sotorasib " + b"KRAS " * 100_000 + b".\n", EITHER)
    wide = "\n".join("\t".join(["Table 2."] * rng.randint(1, 400)) for _ in range(150))
    tables = ["Table 1. Deep", "", wide,
              "", "Table 3.", "\t\t\t", "\t" * 5000, "Drug\tTable 4.\t\u00a0\u00a0\tTable 5.", "",
              "Table 6. Ragged", "", "a\tb\tc", "d", "e\tf\tg\th\ti\tj", "\t", "Table 6. Ragged"]
    put("malformed_tables.txt", "\n".join(tables).encode(), EITHER)
    put("nested_brackets.txt", (b"(" * 5000 + b"KRAS G12C" + b")" * 5000 + b" inhibits.\n"), EITHER)
    p = d / "huge.txt"  # sparse: larger than any limit, costs no disk
    with p.open("wb") as fh:
        fh.truncate(max(config.MAX_TEXT_BYTES, config.MAX_PDF_BYTES) + 1)
    files["huge.txt"] = (p, FAILED)
    # PDFs
    good_pdf = _good_pdf(d / "good.pdf")
    files["good.pdf"] = (good_pdf, OK)
    real = good_pdf.read_bytes()
    put("empty.pdf", b"", FAILED)
    put("junk.pdf", bytes(rng.randrange(256) for _ in range(20000)), FAILED)
    put("html.pdf", b"<html><body>404 Not Found</body></html>", FAILED)
    put("truncated.pdf", real[: len(real) // 2], FAILED)
    put("header_only.pdf", b"%PDF-1.7\n%%EOF\n", FAILED)
    files["encrypted.pdf"] = (build_encrypted_pdf(d / "encrypted.pdf"), FAILED)
    files["image_only.pdf"] = (build_image_only_pdf(d / "image_only.pdf"), FAILED)
    files["broken_fonts.pdf"] = (_broken_fonts(good_pdf, d / "broken_fonts.pdf"), EITHER)
    put("garbled_objects.pdf", real[:400] + bytes(rng.randrange(256) for _ in range(3000)) + real[-200:],
        FAILED | EITHER)
    files["inflate_bomb.pdf"] = (_bomb_pdf(d / "inflate_bomb.pdf"), EITHER)
    return files


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    files = bad_inputs(d / "in")
    out = d / "run"
    mp = pytest.MonkeyPatch()
    mp.setattr(config, "DOC_TIMEOUT_S", 5.0)  # the quadratic cases are stopped, not waited for
    t0 = time.perf_counter()
    try:
        result = run_extract([d / "in"], out, progress=False, use_cache=False)
    finally:
        mp.undo()
    return files, result, read_table(out / "documents.csv"), time.perf_counter() - t0


def test_every_bad_input_is_a_row_and_the_batch_goes_on(batch):
    files, result, rows, _ = batch
    by_path = {Path(r["source_path"]).name: r for r in rows}
    assert set(by_path) == set(files)
    handled = 0
    for name, (_, allowed) in files.items():
        row = by_path[name]
        assert row["status"] in allowed, (name, row["status"], row["message"])
        if row["status"] == "failed":
            assert row["message"].strip(), name
        handled += 1
    assert handled == len(files) >= 25
    assert by_path["good.txt"]["status"] == "ok" and by_path["good.pdf"]["status"] == "ok"


@pytest.mark.parametrize("name, words", [
    ("empty.txt", "empty"), ("junk.txt", "binary"), ("huge.txt", "limit"), ("empty.pdf", "empty"),
    ("junk.pdf", "not a PDF"), ("truncated.pdf", "truncated"), ("encrypted.pdf", "password"),
    ("image_only.pdf", "OCR"), ("huge_token_sentence.txt", "time limit"),
])
def test_failure_messages_say_what_is_wrong(batch, name, words):
    _, _, rows, _ = batch
    row = next(r for r in rows if Path(r["source_path"]).name == name)
    assert row["status"] == "failed" and words.lower() in row["message"].lower(), row["message"]


def test_bad_batch_finishes_in_bounded_time(batch):
    *_, seconds = batch
    assert seconds < 60


# --------------------------------------------------------------------------- limits


def _slow(item: InputFile) -> DocResult:
    time.sleep(30)
    return process_document(item)


def _swallows_first_alarm(item: InputFile) -> DocResult:
    # compiled code (a spaCy or regex callback) can swallow the exception the timer raises
    try:
        time.sleep(30)
    except BaseException:  # noqa: BLE001 - what such code does, not what ours does
        pass
    time.sleep(30)
    return process_document(item)


def _greedy(item: InputFile) -> DocResult:
    hog = bytearray(3 * 1024**3)  # 3 GB
    return DocResult({"doc_id": item.doc_id, "status": "ok", "message": str(len(hog))})


def _crash(item: InputFile) -> DocResult:
    faulthandler.disable()  # pytest's handler would print a traceback for the expected crash
    os.kill(os.getpid(), signal.SIGSEGV)
    return process_document(item)


def _vm_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    return 2048


@pytest.fixture()
def doc(tmp_path: Path) -> InputFile:
    p = tmp_path / "paper.pdf"
    p.write_text(GOOD)
    return InputFile(p, "paper")


def test_time_limit_holds_when_the_first_alarm_is_swallowed(doc):
    t0 = time.perf_counter()
    res = run_limited(doc, Limits(timeout_s=1.0, memory_mb=0, isolate="none"), fn=_swallows_first_alarm)
    assert time.perf_counter() - t0 < 10
    assert res.row["status"] == "failed" and "time limit" in res.row["message"]


@pytest.mark.parametrize("isolate", ["all", "none"])
def test_time_limit_fails_the_document(doc, isolate):
    t0 = time.perf_counter()
    res = run_limited(doc, Limits(timeout_s=1.0, memory_mb=0, isolate=isolate), fn=_slow)
    assert time.perf_counter() - t0 < 10
    assert res.row["status"] == "failed" and "time limit" in res.row["message"]
    assert "KRAS_DOC_TIMEOUT" in res.row["message"]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_memory_ceiling_fails_the_document(doc):
    res = run_limited(doc, Limits(timeout_s=30, memory_mb=_vm_mb() + 300, isolate="all"), fn=_greedy)
    assert res.row["status"] == "failed" and "memory ceiling" in res.row["message"], res.row


def test_a_crashing_reader_is_a_failed_row(doc):
    res = run_limited(doc, Limits(timeout_s=30, memory_mb=0, isolate="all"), fn=_crash)
    assert res.row["status"] == "failed" and "crashed" in res.row["message"]


def test_isolated_result_equals_in_process_result(tmp_path: Path):
    p = tmp_path / "n.txt"
    p.write_text(GOOD * 3)
    item = InputFile(p, "n")
    a = run_limited(item, Limits(isolate="all"))
    b = run_limited(item, Limits(isolate="none"))
    assert a.row == b.row and a.entities == b.entities and a.relations == b.relations


def test_limits_read_from_the_environment(monkeypatch):
    import importlib

    monkeypatch.setenv("KRAS_DOC_TIMEOUT", "12")
    monkeypatch.setenv("KRAS_DOC_MEMORY_MB", "777")
    monkeypatch.setenv("KRAS_ISOLATE", "all")
    try:
        fresh = importlib.reload(config)
        assert (fresh.DOC_TIMEOUT_S, fresh.DOC_MEMORY_MB, fresh.ISOLATE) == (12.0, 777, "all")
    finally:
        monkeypatch.undo()
        importlib.reload(config)
