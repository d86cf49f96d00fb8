"""Text ingest throughput: MB/s and sentences for the seed review (or the sample),
repeated to a few MB, with peak memory. Prints figures; asserts nothing."""

from __future__ import annotations

import argparse
import hashlib
import resource
import time
import tracemalloc

from pipeline.config import CORPUS_DIR, SEED_PATH
from pipeline.ingest_text import read_text
from pipeline.sentences import get_nlp, split_sentences


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20, help="times to ingest the document")
    args = ap.parse_args()
    path = SEED_PATH if SEED_PATH.exists() else CORPUS_DIR / "sample_kras_g12c_note.txt"
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    get_nlp()
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        doc = read_text(data, "bench", str(path), sha)
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        sents = split_sentences(doc)
    t_sent = time.perf_counter() - t0
    tracemalloc.start()  # memory measured on one more pass, apart from the timings
    split_sentences(read_text(data, "bench", str(path), sha))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    mb = len(data) * args.repeat / 1e6
    print(f"text ingest benchmark: {path.name}, {len(data) / 1e3:.1f} kB x {args.repeat}")
    print(f"  ingest (clean, tables, references, citations): {mb / t_ingest:8.2f} MB/s")
    print(f"  sentence splitting (scispacy tokenizer):       {mb / t_sent:8.2f} MB/s "
          f"({len(sents)} sentences per copy)")
    print(f"  peak traced memory: {peak / 1e6:.1f} MB; max RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")


if __name__ == "__main__":
    main()
