"""Benchmark the PDF ingest against plain pypdfium2 and pdfplumber text dumps.

Usage: python bench/bench_ingest_pdf.py [--pages N] [--plumber-pages K] [--repeat R]

Builds a two-column paper-like PDF with fpdf2 (running header, page numbers, a ruled
table every four pages, references at the end), then prints pages/s for
``read_pdf``, for a bare ``get_text_range()`` dump with pypdfium2 and for pdfplumber's
``extract_text`` (on the first K pages: it is slow), and peak memory of ``read_pdf``
(Python heap by tracemalloc; process RSS, which includes pdfium's native memory, before
and after pdfplumber is loaded). Figures are the best of R runs (wall clock).
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from pipeline.ingest_pdf import read_pdf  # noqa: E402
from tests.pdf_factory import build_pdf, paper_pages  # noqa: E402


def _best(fn, repeat: int) -> tuple[float, float]:
    """Fastest (wall, CPU) seconds of ``repeat`` calls (CPU time is steadier on a busy box)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t, time.process_time() - c))
    return min(w for w, _ in times), min(c for _, c in times)


def _pdfium_dump(path: Path) -> None:
    doc = pdfium.PdfDocument(str(path))
    for i in range(len(doc)):
        doc[i].get_textpage().get_text_range()
    doc.close()


def _plumber_dump(path: Path, pages: int) -> None:
    import pdfplumber  # imported late so the RSS figure for read_pdf excludes it

    with pdfplumber.open(path, pages=list(range(1, pages + 1))) as pdf:
        for page in pdf.pages:
            page.extract_text()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--plumber-pages", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = build_pdf(
            Path(tmp) / "paper.pdf", paper_pages(args.pages),
            header="Cancer Discovery Review - KRAS G12C resistance",
            page_numbers=True, hyphenate=True,
        )
        size_kb = path.stat().st_size / 1024
        holder = {}
        t_ours = _best(lambda: holder.update(doc=read_pdf(path, "bench", "0" * 64)), args.repeat)
        doc = holder["doc"]
        n = doc.n_pages
        gc.collect()
        tracemalloc.start()
        read_pdf(path, "bench", "0" * 64)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t_pdfium = _best(lambda: _pdfium_dump(path), args.repeat)
        k = min(args.plumber_pages, n)
        t_plumber = _best(lambda: _plumber_dump(path, k), 1)
        rss_all = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"PDF: {n} pages, {size_kb:.0f} KB; read_pdf found {len(doc.tables)} tables, "
          f"{len(doc.references)} references, {len(doc.sections)} sections, "
          f"{len(doc.text):,} chars")
    print(f"{'method':<28}{'pages':>6}{'wall s':>9}{'pages/s':>9}{'CPU s':>9}{'pages/CPU s':>13}")
    rows = [
        ("read_pdf (layout-aware)", n, t_ours),
        ("pypdfium2 get_text_range", n, t_pdfium),
        ("pdfplumber extract_text", k, t_plumber),
    ]
    for name, pages, (wall, cpu) in rows:
        print(f"{name:<28}{pages:>6}{wall:>9.3f}{pages / wall:>9.1f}{cpu:>9.3f}"
              f"{pages / max(cpu, 1e-9):>13.1f}")
    print(f"read_pdf peak Python heap (tracemalloc): {peak / 2**20:.1f} MB")
    print(f"peak RSS after fpdf2 build + read_pdf (ru_maxrss): {rss_ours:.0f} MB")
    print(f"peak RSS after pdfplumber too (ru_maxrss): {rss_all:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
