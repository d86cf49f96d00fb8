"""Benchmark the NER + grounding stages: tokens/s, lexicon load time, peak memory.

Usage: ``python bench/bench_ner.py [--tokens 300000] [--path seed.txt]``. The seed review
(``../shared/corpus``) is repeated until the text has about ``--tokens`` tokens (the
project's own sample note is used when the seed is absent). Figures printed:

- lexicon load: seconds to load ``build/lexicon.pkl`` in a fresh state (built first if needed);
- pipeline load: seconds to build the spaCy pipeline (tokenizer + components);
- tokens/s: scispacy tokenization + NER + grounding (``extract_mentions``) on one core,
  sentence splitting excluded (it is the sentence stage's cost). Each copy of the text is
  processed as its own document with spaCy's tokenizer cache flushed first, so the
  repetition does not flatter the tokenizer;
- peak RSS of the process (MB).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.config import PROJECT_ROOT, SEED_PATH  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=300_000)
    ap.add_argument("--path", type=Path, default=None)
    ap.add_argument("--tokenize-all", action="store_true",
                    help="tokenize every sentence (default: only where a component needs tokens)")
    args = ap.parse_args()

    from pipeline import lexicon

    lexicon.ensure_built()
    lexicon.load_lexicon.cache_clear()
    t0 = time.perf_counter()
    lex = lexicon.load_lexicon()
    t_lex = time.perf_counter() - t0

    from pipeline.grounding import extract_mentions
    from pipeline.ingest import assign_doc_ids, ingest_file
    from pipeline.ner import get_ner_nlp
    from pipeline.sentences import split_sentences

    t0 = time.perf_counter()
    nlp = get_ner_nlp(None)
    t_nlp = time.perf_counter() - t0

    path = args.path or (SEED_PATH if SEED_PATH.exists()
                         else PROJECT_ROOT / "corpus" / "sample_kras_g12c_note.txt")
    doc = ingest_file(assign_doc_ids([path])[0])
    sents = split_sentences(doc)
    n_tok = len(nlp.tokenizer(doc.text))
    reps = max(1, round(args.tokens / max(1, n_tok)))
    tokens = n_tok * reps

    extract_mentions(doc, sents)  # warm-up (first call compiles regexes)
    n_mentions = 0
    dt = 0.0
    for _ in range(reps):
        nlp.tokenizer._flush_cache()
        t0 = time.perf_counter()
        n_mentions += len(extract_mentions(doc, sents, tokenize_all=args.tokenize_all))
        dt += time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input          {path.name} x{reps} = {tokens} tokens, {len(doc.text) * reps} chars")
    print(f"lexicon load   {t_lex:.2f} s ({len(lex.entries)} keys)")
    print(f"pipeline load  {t_nlp:.2f} s")
    mode = "every sentence tokenized" if args.tokenize_all else "tokenized where needed"
    print(f"ner+grounding  ({mode}) {dt:.2f} s -> {tokens / dt:,.0f} tokens/s, {n_mentions} mentions")
    print(f"peak RSS       {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
