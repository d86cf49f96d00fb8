"""Corpus benchmark: documents/s and tokens/s at 1 and 2 workers, speed-up, memory per worker,
and the cost of re-running after one paper was added.

The corpus is generated here from templates the team wrote (no third-party text): each
document has a title, sections of varied sentences naming drugs, targets, mechanisms,
cancers, cell lines and trials, sometimes a table of outcome figures, and a numbered
reference list. Deterministic for a given seed.

    .venv/bin/python bench/bench_corpus.py [--docs 2000] [--workers 1 2] [--keep DIR]

Each configuration runs ``run_extract`` in a fresh Python process (so start-up, the
lexicon load in every worker and the writing of the outputs are all counted) with the
result cache off; peak memory is the peak resident set of the process that processed
documents (the driver at 1 worker, the largest pool worker at 2).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRUGS = [("sotorasib", "AMG 510"), ("adagrasib", "MRTX849"), ("divarasib", "GDC-6036"),
         ("garsorasib", "D-1553"), ("glecirasib", "JAB-21822")]
PARTNERS = [("cetuximab", "EGFR"), ("panitumumab", "EGFR"), ("afatinib", "EGFR"),
            ("TNO155", "SHP2"), ("RMC-4550", "SHP2"), ("BI 1701963", "SOS1"),
            ("palbociclib", "CDK4/6"), ("trametinib", "MEK"), ("everolimus", "mTOR"),
            ("alpelisib", "PI3K"), ("pembrolizumab", "PD-1")]
CANCERS = ["non-small cell lung cancer", "NSCLC", "colorectal cancer", "pancreatic ductal adenocarcinoma",
           "lung adenocarcinoma", "endometrial cancer", "appendix cancer", "advanced solid tumors"]
CELL_LINES = ["NCI-H358", "MIA PaCa-2", "SW1573", "H2122", "SW837", "H23", "LU65", "CT26"]
MECHANISMS = ["feedback activation of EGFR", "MAPK reactivation", "epithelial-to-mesenchymal transition",
              "MET amplification", "acquired NRAS Q61K mutations", "loss of PTEN",
              "histologic transformation to squamous cell carcinoma", "reactivation of wild-type HRAS",
              "increased AURKA signalling", "CDKN2A loss"]
SECONDARY = ["Y96D", "H95Q", "R68S", "G12V", "G13D", "Q61H"]
TRIALS = [("CodeBreaK 100", "NCT03600883"), ("KRYSTAL-1", "NCT03785249"),
          ("CodeBreaK 101", "NCT04185883"), ("KRYSTAL-2", "NCT04330664")]
MODELS = ["patient-derived xenografts", "cell line xenografts", "organoids", "syngeneic mice"]
HEDGES = ["may", "might", "could", "appears to"]

SENTENCES = [
    "{drug} ({code}) is a covalent inhibitor that traps KRAS G12C in its GDP-bound state.",
    "In {cell} cells, {drug} lowered phosphorylated ERK within two hours, "
    "but the signal returned by 48 hours.",
    "{Mech} was observed in {cell} cells exposed to {drug} for several weeks.",
    "Resistance to {drug} in {cancer} {hedge} arise through {mech}.",
    "Adding {partner} to {drug} overcame adaptive resistance in {cell} {model}.",
    "The combination of {drug} with the {ptarget} inhibitor {partner} produced deeper tumour regression "
    "in {model} of {cancer}.",
    "Patients with {cancer} who progressed on {drug} carried secondary KRAS {sec} mutations.",
    "{partner} blocks {ptarget}, which sits upstream of RAS in the growth-factor pathway.",
    "We did not find evidence that {mech} limits the activity of {drug} in {cancer}.",
    "In the {trial} study ({nct}), {drug} was given at 960 mg once daily to {n} patients with {cancer}.",
    "Co-mutations in STK11 and KEAP1 were associated with shorter benefit from {drug}.",
    "Sensitivity to {drug} differed widely across {cancer} models, suggesting lineage-specific wiring.",
    "Combined inhibition of KRAS G12C and {ptarget} with {drug} plus {partner} was well tolerated in mice.",
    "A phase 1b trial is testing {drug} together with {partner} in {cancer} ({nct}).",
    "Upregulation of {ptarget} signalling blunted the response of {cell} cells to {drug}.",
    "Treatment with {drug} alone induced a durable response in only a minority of {cancer} models.",
    "The objective response rate with {drug} was {orr}% in {cancer} (n = {n}).",
    "These findings point to {mech} as a shared route of escape from KRAS G12C inhibitors.",
    "Median progression-free survival on {drug} reached {pfs} months in {cancer}.",
    "Single-cell sequencing of {cell} cells revealed subpopulations that resumed cycling despite {drug}.",
]
SECTIONS = ["Introduction", "Results", "Mechanisms of resistance", "Combination strategies",
            "Clinical experience", "Discussion"]
TITLE_WORDS = ["Adaptive", "Acquired", "Intrinsic", "Signalling", "Rewiring", "Escape", "Routes",
               "Determinants", "Landscape", "Persistence"]


def _fill(template: str, rng: random.Random) -> str:
    drug, code = rng.choice(DRUGS)
    partner, ptarget = rng.choice(PARTNERS)
    trial, nct = rng.choice(TRIALS)
    mech = rng.choice(MECHANISMS)
    return template.format(
        drug=drug, code=code, partner=partner, ptarget=ptarget, cancer=rng.choice(CANCERS),
        cell=rng.choice(CELL_LINES), mech=mech, Mech=mech[0].upper() + mech[1:],
        sec=rng.choice(SECONDARY), trial=trial, nct=nct, model=rng.choice(MODELS),
        hedge=rng.choice(HEDGES), n=rng.randint(12, 180), orr=f"{rng.uniform(5, 55):.1f}",
        pfs=f"{rng.uniform(2, 9):.1f}")


def make_document(i: int, seed: int = 7, min_paragraphs: int = 5, max_paragraphs: int = 9) -> str:
    """One generated paper (title, sections, maybe a table, references) as text."""
    rng = random.Random(seed * 1_000_003 + i)
    title = (f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS).lower()} under KRAS G12C "
             f"inhibition: study {i}")
    parts = [title, ""]
    n_par = rng.randint(min_paragraphs, max_paragraphs)
    sections = rng.sample(SECTIONS, k=min(len(SECTIONS), max(2, n_par // 2)))
    cite = 1
    for k in range(n_par):
        if k % 2 == 0 and sections:
            parts += [sections.pop(0), ""]
        sents = []
        for _ in range(rng.randint(3, 7)):
            s = _fill(rng.choice(SENTENCES), rng)
            if rng.random() < 0.3:
                s = s[:-1] + f" ({cite})."
                cite += 1
            sents.append(s)
        parts += [" ".join(sents), ""]
    if rng.random() < 0.5:
        parts += [f"Table 1. Outcomes in study {i}", "", "Drug\tCancer\tORR (%)\tmPFS (months)"]
        for _ in range(rng.randint(2, 5)):
            drug, _ = rng.choice(DRUGS)
            parts.append(f"{drug}\t{rng.choice(CANCERS)}\t{rng.uniform(5, 55):.1f}\t{rng.uniform(2, 9):.1f}")
        parts.append("")
    parts += ["References", ""]
    for r in range(1, max(cite, 3) + 1):
        parts.append(f"{r}. Writer{r} A, Author B. A generated reference number {r}. "
                     f"Journal of Generated Results {2015 + r % 9};{r}:{r * 10}-{r * 10 + 9}.")
    return "\n".join(parts) + "\n"


def generate_corpus(folder: Path, n_docs: int, seed: int = 7, start: int = 0) -> int:
    """Write ``n_docs`` generated papers into ``folder``; return their whitespace token count."""
    folder.mkdir(parents=True, exist_ok=True)
    tokens = 0
    for i in range(start, start + n_docs):
        text = make_document(i, seed)
        (folder / f"paper_{i:05d}.txt").write_text(text, encoding="utf-8")
        tokens += len(text.split())
    return tokens


_RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from pipeline.run import run_extract
r = run_extract([Path(sys.argv[1])], Path(sys.argv[2]), progress=False, workers=int(sys.argv[3]),
                use_cache=sys.argv[4] == "1")
wall = time.perf_counter() - t0
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": wall, "run_seconds": r.seconds, "docs": len(r.documents),
                  "ok": r.count("ok"), "processed": r.processed, "cached": r.cached,
                  "engine": r.engine, "self_mb": self_kb / 1024, "child_mb": child_kb / 1024}))
"""


def run_config(corpus: Path, out: Path, workers: int, cache: bool) -> dict:
    proc = subprocess.run([sys.executable, "-c", _RUNNER, str(corpus), str(out), str(workers),
                           "1" if cache else "0"], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and runs here")
    args = ap.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench_corpus_"))
    corpus = base / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    t = time.perf_counter()
    tokens = generate_corpus(corpus, args.docs)
    size = sum(p.stat().st_size for p in corpus.iterdir())
    print(f"corpus: {args.docs} generated documents, {tokens:,} tokens (whitespace words), "
          f"{size / 1e6:.1f} MB, written in {time.perf_counter() - t:.1f} s")
    results = {}
    for w in args.workers:
        out = base / f"run_w{w}"
        shutil.rmtree(out, ignore_errors=True)
        r = run_config(corpus, out, w, cache=False)
        worker_mb = r["self_mb"] if w == 1 else r["child_mb"]
        r.update(docs_per_s=r["docs"] / r["seconds"], tokens_per_s=tokens / r["seconds"],
                 worker_peak_mb=worker_mb)
        results[w] = r
        print(f"workers={w} ({r['engine']}): {r['seconds']:.1f} s wall, {r['docs_per_s']:.1f} docs/s, "
              f"{r['tokens_per_s']:,.0f} tokens/s, {r['ok']}/{r['docs']} ok, "
              f"peak RSS per worker {worker_mb:.0f} MB (driver {r['self_mb']:.0f} MB)")
    ws = sorted(results)
    if len(ws) > 1:
        print(f"speed-up {ws[-1]} vs {ws[0]} workers: "
              f"{results[ws[0]]['seconds'] / results[ws[-1]]['seconds']:.2f}x")
    # incremental: a cached run over the same folder, then one paper added
    out = base / f"run_w{ws[0]}"
    full = run_config(corpus, out, ws[0], cache=True)  # fills the cache
    same = run_config(corpus, out, ws[0], cache=True)
    generate_corpus(corpus, 1, start=args.docs)
    added = run_config(corpus, out, ws[0], cache=True)
    print(f"re-run, nothing changed: {same['seconds']:.1f} s ({same['processed']} processed, "
          f"{same['cached']} from cache); one paper added: {added['seconds']:.1f} s "
          f"({added['processed']} processed, {added['cached']} from cache); "
          f"full run with cache filling: {full['seconds']:.1f} s")
    results["incremental"] = {"unchanged": same, "one_added": added, "full": full}
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return results


if __name__ == "__main__":
    main()
