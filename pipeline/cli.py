"""Command line: ``python -m pipeline <command> --help``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline import __version__
from pipeline.config import ANNOTATIONS_DIR, OUTPUTS_DIR, SHARED_CORPUS_DIR

app = typer.Typer(
    help="Extract drug, target, resistance-mechanism and cancer evidence from oncology papers.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def extract(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="Files or folders to read (.txt, .md, .pdf). Default: corpus/ plus the seed "
             "review in ../shared/corpus when present.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Run folder to write.")] = OUTPUTS_DIR,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, envvar="KRAS_WORKERS",
                                         help="Documents processed in parallel (processes).")] = 1,
    engine: Annotated[str, typer.Option(help="local (this machine: one process or a pool of "
                                        "--workers) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. "
                                                  "tcp://head:8786 (default: a local cluster of "
                                                  "--workers processes).")] = None,
    cache: Annotated[bool, typer.Option(help="Reuse results of unchanged documents "
                                        "(same file, pipeline, rules and rule state).")] = True,
) -> None:
    """Read papers and write documents.csv, entities.csv, relations.csv, outcomes.csv."""
    from pipeline.run import ENGINES, default_inputs, run_extract
    from pipeline.runfolder import RunFolderBusy

    if engine not in ENGINES:
        raise typer.BadParameter(f"use one of {', '.join(ENGINES)}", param_hint="--engine")
    paths = list(inputs) if inputs else default_inputs()
    try:
        result = run_extract(paths, out, progress=progress, workers=workers, engine=engine,
                             scheduler=scheduler, use_cache=cache)
    except RunFolderBusy as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    for note in result.notes:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW, err=True)
    for d in result.documents:
        if d["status"] == "failed":
            typer.secho(f"failed: {d['source_path']}: {d['message']}", fg=typer.colors.RED, err=True)
    typer.echo(
        f"{len(result.documents)} document(s): {result.count('ok')} ok, "
        f"{result.count('failed')} failed, in {result.seconds:.1f} s -> {out} "
        f"({result.processed} processed, {result.cached} from cache; {result.engine}, "
        f"{result.workers} worker(s))"
    )
    if not result.documents:
        typer.echo("No documents found. Put .txt or .pdf papers in corpus/ or pass a folder: "
                   "make extract CORPUS=path/to/papers")


@app.command()
def validate(
    annotations: Annotated[Path, typer.Option(help="Annotations folder.")] = ANNOTATIONS_DIR,
    corpus: Annotated[list[Path] | None, typer.Option(
        help="Folders holding the annotated source files.")] = None,
) -> None:
    """Check every gold anchor, id and relation slot; exit 1 on any problem."""
    from pipeline.annotations import validate as run_validate

    problems = run_validate(annotations, corpus or [SHARED_CORPUS_DIR])
    for p in problems:
        typer.secho(p, fg=typer.colors.RED, err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s)")
        raise typer.Exit(1)
    typer.echo("annotations valid")


@app.command()
def evaluate(
    run: Annotated[Path, typer.Option(help="Run folder written by extract.")] = OUTPUTS_DIR,
    annotations: Annotated[Path, typer.Option(help="Annotations folder.")] = ANNOTATIONS_DIR,
    corpus: Annotated[list[Path] | None, typer.Option(
        help="Folders holding the annotated source files.")] = None,
) -> None:
    """Score a run against the gold set; writes evaluation.json and evaluation.md."""
    from pipeline.evaluate import EvaluationError, evaluate_run, summary_lines, write_reports

    try:
        result = evaluate_run(run, annotations, corpus or [SHARED_CORPUS_DIR])
    except EvaluationError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    write_reports(result, run)
    for line in summary_lines(result):
        typer.echo(line)
    typer.echo(f"reports: {run / 'evaluation.md'}, {run / 'evaluation.json'}")


@app.command()
def challenge(
    sets: Annotated[list[Path], typer.Argument(
        help="Challenge set files (JSON Lines, see annotations/challenge/README.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List each passage's false positives "
                                         "and negatives.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Only validate the files.")] = False,
) -> None:
    """Run the pipeline over team-written passages and score their expected relations."""
    from pipeline.challenge import format_report, load, predict, score
    from pipeline.errors import DataFileError

    for path in sets:
        try:
            passages = load(path)
        except DataFileError as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2) from exc
        if check:
            n = sum(len(p.keys) for p in passages)
            typer.echo(f"{path}: valid, {len(passages)} passages, {n} relations")
            continue
        typer.echo(format_report(score(passages, predict(passages)), path.name, errors))
        typer.echo("")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the views documents, entities, relations, "
                                       "outcomes (each with a `run` column).")],
    run: Annotated[list[Path] | None, typer.Option(
        "--run", help="Run folder(s) to query (repeatable). Default: outputs/ and every run "
                      "folder under runs/.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or csv.")] = "table",
    db: Annotated[Path | None, typer.Option(help="Also keep the views in this DuckDB file.")] = None,
) -> None:
    """Query the Parquet tables of one or more runs with SQL (DuckDB)."""
    import csv
    import sys

    from pipeline.config import PROJECT_ROOT
    from pipeline.query import find_runs, run_query

    runs = list(run) if run else find_runs(OUTPUTS_DIR) + find_runs(PROJECT_ROOT / "runs")
    runs = [r for r in runs if (Path(r) / "relations.parquet").exists()]
    if not runs:
        typer.secho("no run folder with Parquet tables found: run `make extract` first or pass --run",
                    fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    try:
        names, rows = run_query(sql, runs, db)
    except Exception as exc:  # noqa: BLE001 - DuckDB's parser and binder errors, shown as is
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return
    widths = [min(60, max([len(n)] + [len(str(r[i])) for r in rows])) for i, n in enumerate(names)]
    typer.echo("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)))
    for r in rows:
        typer.echo("  ".join(("" if v is None else str(v))[:w].ljust(w)
                             for v, w in zip(r, widths, strict=True)))
    typer.echo(f"({len(rows)} row(s) from {len(runs)} run(s))")


@app.command()
def rules(
    explain: Annotated[list[str] | None, typer.Option(
        "--explain", help="A relations.csv rule_id to take apart (prefix, base rule, suffixes); "
                          "repeatable.")] = None,
) -> None:
    """List every relation rule id with its kind, trained state and description, or explain the
    rule_id of a relations.csv row."""
    from pipeline.relation_rules import explain_rule_id, load_rules

    loaded = load_rules()
    if explain:
        unknown = []
        for rule_id in explain:
            try:
                parts = explain_rule_id(rule_id, loaded)
            except KeyError as exc:
                unknown.append(f"{rule_id} (no rule or affix {exc.args[0]})")
                continue
            typer.echo(rule_id)
            for part, kind, text in parts:
                typer.echo(f"  {part} [{kind}] {text}")
        if unknown:
            typer.echo("error: unknown rule id: " + "; ".join(unknown), err=True)
            raise typer.Exit(1)
        return
    typer.echo(f"relation rules {loaded.version}: {len(loaded.catalogue)} rule ids, "
               f"{len(loaded.disabled_rule_ids)} disabled by the rule state")
    for rule_id, (kind, text) in sorted(loaded.catalogue.items()):
        state = "disabled" if rule_id in loaded.disabled_rule_ids else "enabled"
        conf = loaded.rule_confidence.get(rule_id)
        calibrated = f", confidence {conf:.3f}" if conf is not None else ""
        typer.echo(f"{rule_id} [{kind}; {state}{calibrated}] {text}")
    for affix, text in loaded.affixes.items():
        typer.echo(f"{affix} [{'prefix' if affix.endswith('_') else 'suffix'}] {text}")


@app.command()
def version() -> None:
    """Print the pipeline version."""
    typer.echo(__version__)


@app.command("brat-export")
def brat_export(
    out: Annotated[Path, typer.Option(help="Folder for <doc>.ann/.txt and annotation.conf "
                                      "(outside the repo: it receives the source text).")],
    annotations: Annotated[Path, typer.Option(help="Annotations folder.")] = ANNOTATIONS_DIR,
    corpus: Annotated[list[Path] | None, typer.Option(help="Folders holding the source files.")] = None,
) -> None:
    """Write the gold set as brat standoff for brat or INCEpTION."""
    from pipeline.annotations import export_brat_all

    paths = export_brat_all(annotations, corpus or [SHARED_CORPUS_DIR], out)
    for p in paths:
        typer.echo(str(p))


@app.command("brat-import")
def brat_import(
    ann: Annotated[Path, typer.Argument(help="A brat .ann file written by brat-export (and edited).")],
    txt: Annotated[Path, typer.Argument(help="Its .txt file.")],
    out: Annotated[Path, typer.Option(help="Gold document folder to write (mentions/relations/"
                                      "outcomes.jsonl).")],
) -> None:
    """Read a brat .ann back into the standoff JSONL gold format."""
    from pipeline.annotations import gold_to_jsonl, import_brat

    gold = import_brat(ann, txt)
    out.mkdir(parents=True, exist_ok=True)
    for name, lines in gold_to_jsonl(gold).items():
        (out / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    typer.echo(f"{len(gold.mentions)} mentions, {len(gold.relations)} relations, "
               f"{len(gold.outcomes)} outcomes -> {out}")


@app.command()
def agreement(
    second: Annotated[Path, typer.Option(help="The second pass's document folder.")] = (
        ANNOTATIONS_DIR / "passes" / "annotator_b" / "kras_g12c_resistance_review"),
    gold: Annotated[Path, typer.Option(help="The gold document folder.")] = (
        ANNOTATIONS_DIR / "gold" / "kras_g12c_resistance_review"),
    ranges: Annotated[str, typer.Option(help="Raw ranges both passes cover, 'start-end,start-end'.")] = (
        "14829-24916,26048-27537"),
) -> None:
    """Inter-annotator agreement (entity and relation F1) between two passes."""
    import json

    from pipeline.agreement import agreement as run_agreement

    spans = [tuple(int(x) for x in part.split("-")) for part in ranges.split(",") if part]
    result = run_agreement(gold, second, spans, [SHARED_CORPUS_DIR])
    for key in ("mentions", "entity_strict", "entity_lenient", "normalisation_agreement",
                "relation_keys", "relation_pairs"):
        typer.echo(f"{key}: {json.dumps(result[key])}")
    for label, s in result["entity_lenient_per_label"].items():
        typer.echo(f"  {label}: {json.dumps(s)}")


@app.command("build-lexicon")
def build_lexicon_cmd(
    force: Annotated[bool, typer.Option(help="Rebuild even if the cached lexicon is current.")] = False,
) -> None:
    """Build the NER lexicon from the installed vocabularies and the curated files (cached in build/)."""
    from pipeline.lexicon import LEXICON_PATH, build_lexicon, ensure_built

    if force:
        build_lexicon(LEXICON_PATH)
    else:
        ensure_built(LEXICON_PATH)
    typer.echo(f"lexicon: {LEXICON_PATH}")


@app.command()
def train(
    accept: Annotated[list[str] | None, typer.Option(
        help="Accept proposals: 'all', or a key of lexicon_additions / misgroundings in the state "
             "file (repeatable). Proposals are never applied before they are accepted.")] = None,
    reviews: Annotated[list[Path] | None, typer.Option(
        help="Reviewed relations.csv files to read besides annotations/reviews/*.csv "
             "(documents.csv must be beside each).")] = None,
    annotations: Annotated[Path, typer.Option(help="Annotations folder (gold, split, reviews, "
                                              "rule_state.json, train_report.md).")] = ANNOTATIONS_DIR,
    corpus: Annotated[list[Path] | None, typer.Option(
        help="Folders holding the annotated source files.")] = None,
    work: Annotated[Path | None, typer.Option(
        help="Folder for the measurement, before and after runs (default build/train).")] = None,
    evaluate: Annotated[bool, typer.Option(help="Extract and evaluate before and after.")] = True,
    rule_floor: Annotated[float | None, typer.Option(
        help="Disable a rule below this precision (kept in the state; default 0.3).")] = None,
    rule_min_support: Annotated[int | None, typer.Option(
        help="Rows a rule needs before it can be disabled (default 5).")] = None,
    term_floor: Annotated[float | None, typer.Option(
        help="Disable a lexicon term below this precision (default 0.5).")] = None,
    term_min_support: Annotated[int | None, typer.Option(
        help="Dev mentions a term needs before it can be disabled (default 3).")] = None,
    prior_strength: Annotated[float | None, typer.Option(
        help="Pseudo-rows of the Beta prior at the shipped confidence (default 4).")] = None,
) -> None:
    """Learn the rule state from the gold dev split and reviewers' verdicts (never the test split)."""
    from pipeline.train import train as run_train

    given = {"rule_precision_floor": rule_floor, "rule_min_support": rule_min_support,
             "term_precision_floor": term_floor, "term_min_support": term_min_support,
             "prior_strength": prior_strength}
    from pipeline.annotations import GoldFormatError
    from pipeline.errors import DataFileError
    from pipeline.evaluate import EvaluationError

    try:
        res = run_train(annotations, corpus or None, work, reviews or (), accept or (),
                        settings={k: v for k, v in given.items() if v is not None}, evaluate=evaluate)
    except (FileNotFoundError, DataFileError, GoldFormatError, EvaluationError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    for p in res.reviews.problems:
        typer.secho(f"review: {p}", fg=typer.colors.YELLOW, err=True)
    st = res.state
    if not res.changed:
        typer.echo(f"rule state unchanged: version {st['version']} ({st['hash'][:12]})")
    else:
        typer.echo(f"rule state version {st['version']} ({st['hash'][:12]}): "
                   f"{len(res.changes)} change(s)")
        for c in res.changes:
            typer.echo(f"  {c}")
    if res.before and res.after:
        for split in ("test", "dev"):
            b, a = res.before[split], res.after[split]
            typer.echo(f"{split}: relation pairs F1 {b['relations_pairs']['f1']:.3f} -> "
                       f"{a['relations_pairs']['f1']:.3f}, exact {b['relations_exact']['f1']:.3f} -> "
                       f"{a['relations_exact']['f1']:.3f}, mentions strict "
                       f"{b['mentions_strict']['f1']:.3f} -> {a['mentions_strict']['f1']:.3f}, "
                       f"confidence Brier {b['calibration']['brier']:.4f} -> "
                       f"{a['calibration']['brier']:.4f}")
    pending = [k for kind in ("lexicon_additions", "misgroundings")
               for k, v in st.get(kind, {}).items() if not v["accepted"]]
    if pending:
        typer.echo(f"{len(pending)} proposal(s) not applied until accepted (make train ACCEPT=1)")
    if res.report:
        typer.echo(f"report: {res.report}")


@app.command("archive-reviews")
def archive_reviews_cmd(
    run: Annotated[Path, typer.Option(help="Run folder whose relations.csv holds verdicts.")] = OUTPUTS_DIR,
    annotations: Annotated[Path, typer.Option(help="Annotations folder.")] = ANNOTATIONS_DIR,
) -> None:
    """Copy the reviewed rows of RUN/relations.csv (and their documents) to annotations/reviews/."""
    from pipeline.train import archive_run

    try:
        path, side, check = archive_run(run, annotations)
    except ValueError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    for p in check.problems:
        typer.secho(f"review: {p}", fg=typer.colors.YELLOW, err=True)
    f = check.files[0]
    typer.echo(f"{path} ({f['reviewed']} reviewed rows: {f['used']} usable, {f['skipped']} skipped) "
               f"and {side.name}")
