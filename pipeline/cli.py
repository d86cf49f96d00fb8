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
) -> None:
    """Read papers and write documents.csv, entities.csv, relations.csv, outcomes.csv."""
    from pipeline.run import default_inputs, run_extract

    paths = list(inputs) if inputs else default_inputs()
    result = run_extract(paths, out, progress=progress)
    for note in result.notes:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW, err=True)
    for d in result.documents:
        if d["status"] == "failed":
            typer.secho(f"failed: {d['source_path']}: {d['message']}", fg=typer.colors.RED, err=True)
    typer.echo(
        f"{len(result.documents)} document(s): {result.count('ok')} ok, "
        f"{result.count('failed')} failed, in {result.seconds:.1f} s -> {out}"
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
