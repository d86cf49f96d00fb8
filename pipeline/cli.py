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
