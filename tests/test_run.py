"""A whole extraction run: bad inputs become failed rows, outputs follow the contract."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import export
from pipeline.cli import app
from pipeline.export import COLUMNS, csv_text, read_table, write_table
from pipeline.ingest import assign_doc_ids, discover
from pipeline.run import run_extract

GOOD = b"Background\n\nSotorasib (AMG 510) inhibits KRAS G12C in NSCLC (1).\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    (c / "sub").mkdir(parents=True)
    (c / "paper one.txt").write_bytes(GOOD)
    (c / "sub" / "paper one.txt").write_bytes(GOOD + b"More text here.\n")
    (c / "empty.txt").write_bytes(b"")
    (c / "junk.txt").write_bytes(bytes(range(256)) * 10)
    (c / "folder.txt").mkdir()
    (c / "notes.csv").write_text("a,b\n")
    return c


def test_run_records_every_input_and_goes_on(corpus: Path, tmp_path: Path):
    out = tmp_path / "run"
    result = run_extract([corpus, tmp_path / "missing.txt"], out, progress=False)
    rows = read_table(out / "documents.csv")
    with (out / "documents.csv").open(newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS["documents"]
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["paper_one"]["status"] == "ok" and by_id["paper_one-2"]["status"] == "ok"
    assert by_id["empty"]["status"] == "failed" and "empty" in by_id["empty"]["message"]
    assert by_id["junk"]["status"] == "failed" and "binary" in by_id["junk"]["message"]
    assert by_id["missing"]["status"] == "failed" and "not found" in by_id["missing"]["message"]
    assert "notes" not in by_id  # unsupported suffix inside a folder is not a paper
    assert result.count("ok") == 2 and result.count("failed") == 3
    assert int(by_id["paper_one"]["sentences"]) >= 2
    assert (out / "docs" / "paper_one" / "text.txt").read_text().startswith("Background")
    for name in ("entities", "relations", "outcomes", "references"):
        with (out / f"{name}.csv").open(newline="") as fh:
            header = next(csv.reader(fh))
            assert header[: len(COLUMNS[name])] == COLUMNS[name]  # SPEC columns first, in order
    assert not list(out.glob(".staging-*"))


def test_doc_ids_are_safe_and_deterministic(tmp_path: Path):
    paths = [Path("a/My Paper (2021).txt"), Path("b/My Paper (2021).txt"), Path("c/x.pdf")]
    ids = [f.doc_id for f in assign_doc_ids(paths)]
    assert ids == ["My_Paper_2021", "My_Paper_2021-2", "x"]
    assert ids == [f.doc_id for f in assign_doc_ids(paths)]


def test_discover_notes_empty_folder(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    files, notes = discover([tmp_path / "empty"])
    assert files == [] and "no .txt" in notes[0]


def test_interrupted_run_keeps_previous_outputs(corpus: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "run"
    run_extract([corpus / "paper one.txt"], out, progress=False)
    before = (out / "documents.csv").read_bytes()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.run.write_table", boom)
    with pytest.raises(KeyboardInterrupt):
        run_extract([corpus], out, progress=False)
    assert (out / "documents.csv").read_bytes() == before
    assert not list(out.glob(".staging-*")) and not list(out.glob(".*.tmp"))


def test_csv_quoting_and_formula_cells_inert(tmp_path: Path):
    rows = [{"doc_id": "d", "number": 1, "authors": "=HYPERLINK(\"x\")", "title": "a, \"b\"\nc",
             "journal": "-1+2", "year": 2020}]
    write_table(tmp_path / "r.csv", "references", rows)
    back = read_table(tmp_path / "r.csv")
    assert back[0]["authors"] == "'=HYPERLINK(\"x\")"
    assert back[0]["journal"] == "'-1+2"
    assert back[0]["title"] == "a, \"b\"\nc"
    assert back[0]["year"] == "2020"
    assert csv_text(["a"], []).endswith("\r\n")
    with pytest.raises(ValueError):
        export.csv_text(["a"], [{"b": 1}])


@pytest.mark.parametrize("command", ["extract", "validate", "evaluate", "version"])
def test_every_command_has_help(command: str):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_cli_extract_writes_run(corpus: Path, tmp_path: Path):
    out = tmp_path / "cli_run"
    result = CliRunner().invoke(app, ["extract", str(corpus / "paper one.txt"), str(corpus / "junk.txt"),
                                      "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "2 document(s): 1 ok, 1 failed" in result.output
    assert (out / "manifest.json").exists()
