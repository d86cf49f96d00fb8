"""One extraction run: every input through the stages, outputs written atomically.

A bad document becomes a ``failed`` row in documents.csv with a message; the batch
goes on. Outputs are first written to a staging folder inside the run folder and
moved into place at the end, so an interrupted run leaves the previous outputs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from pipeline import __version__
from pipeline.config import CORPUS_DIR, PROJECT_ROOT, SEED_PATH
from pipeline.export import write_json, write_jsonl, write_table
from pipeline.ingest import assign_doc_ids, discover
from pipeline.models import IngestedDocument, Sentence
from pipeline.process import process_document
from pipeline.report import write_report
from pipeline.review import carry_reviews_full, write_orphans

TABLES = ("documents", "entities", "relations", "outcomes", "references")
#: columns added after the SPEC ones (SPEC allows new columns only at the end)
EXTRA_RELATION_COLUMNS = ["cancer_source"]


@dataclass
class RunResult:
    out_dir: Path
    documents: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d["status"] == status)


def default_inputs() -> list[Path]:
    """The project's own corpus folder, plus the seed review when it is beside us."""
    inputs = [CORPUS_DIR]
    if SEED_PATH.exists():
        inputs.append(SEED_PATH)
    return inputs


def ruleset_versions() -> dict[str, str]:
    """Versions of every rule and vocabulary file a run depends on."""
    from pipeline import lexicon, outcomes, relations

    return {"relations": relations.load_rules().version,
            "outcomes": outcomes.load_rules().version,
            "lexicon": lexicon.lexicon_version()}


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"],
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def write_doc_artifacts(folder: Path, doc: IngestedDocument, sents: list[Sentence]) -> None:
    """Canonical text and its structure for one document."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "text.txt").write_text(doc.text, encoding="utf-8")
    write_json(folder / "offsets.json", {
        "offset_map": doc.offset_map.to_json() if doc.offset_map else None,
        "pages": [[p.page, p.start, p.end] for p in doc.pages],
    })
    write_jsonl(folder / "sections.jsonl", (
        {"index": s.index, "title": s.title, "kind": s.kind, "start": s.start, "end": s.end}
        for s in doc.sections))
    write_jsonl(folder / "sentences.jsonl", (
        {"index": s.index, "start": s.start, "end": s.end, "section_index": s.section_index,
         "page": s.page, "text": s.text} for s in sents))
    write_json(folder / "tables.json", [
        {"index": t.index, "label": t.label, "title": t.title, "start": t.start, "end": t.end,
         "page": t.page, "rows": [list(r) for r in t.rows]} for t in doc.tables])
    write_jsonl(folder / "references.jsonl", (
        {"number": r.number, "authors": r.authors, "title": r.title, "journal": r.journal,
         "year": r.year, "raw": r.raw} for r in doc.references))
    write_jsonl(folder / "citations.jsonl", (
        {"start": c.start, "end": c.end, "numbers": list(c.numbers)} for c in doc.citations))


def _commit(staging: Path, out_dir: Path) -> None:
    """Move the staged outputs into the run folder (each move atomic)."""
    docs_new = staging / "docs"
    docs_old = out_dir / "docs"
    if docs_new.exists():
        trash = None
        if docs_old.exists():
            trash = Path(tempfile.mkdtemp(prefix=".old-docs-", dir=out_dir))
            os.replace(docs_old, trash / "docs")
        os.replace(docs_new, docs_old)
        if trash:
            shutil.rmtree(trash, ignore_errors=True)
    for f in sorted(staging.iterdir(), key=lambda p: p.name == "manifest.json"):
        os.replace(f, out_dir / f.name)


def run_extract(inputs: list[Path], out_dir: Path, progress: bool = True) -> RunResult:
    """Run every stage over ``inputs`` (files or folders) into ``out_dir``."""
    t0 = time.perf_counter()
    files, notes = discover(inputs)
    items = assign_doc_ids(files)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    result = RunResult(out_dir, notes=notes)
    refs: list[dict] = []
    entity_rows: list[dict] = []
    relation_rows: list[dict] = []
    outcome_rows: list[dict] = []
    errors: list[str] = []
    try:
        bar = tqdm(items, desc="extract", unit="doc", disable=not progress, leave=False)
        for item in bar:
            res = process_document(item)
            if res.doc is not None:
                write_doc_artifacts(staging / "docs" / res.doc.doc_id, res.doc, res.sentences)
            entity_rows.extend(res.entities)
            relation_rows.extend(res.relations)
            outcome_rows.extend(res.outcomes)
            refs.extend(res.references)
            if res.error_log:
                errors.append(res.error_log)
            result.documents.append(res.row)
            bar.set_postfix(pages=sum(int(d["pages"] or 0) for d in result.documents),
                            entities=len(entity_rows), relations=len(relation_rows),
                            failed=result.count("failed"))
        write_table(staging / "documents.csv", "documents", result.documents)
        write_table(staging / "entities.csv", "entities", entity_rows)
        carried = carry_reviews_full(out_dir / "relations.csv", relation_rows)
        write_table(staging / "relations.csv", "relations", carried.rows,
                    extra=EXTRA_RELATION_COLUMNS)
        write_orphans(staging, carried.orphans)
        result.notes.extend(carried.warnings)
        write_table(staging / "outcomes.csv", "outcomes", outcome_rows)
        write_table(staging / "references.csv", "references", refs)
        if errors:
            (staging / "errors.log").write_text("\n\n".join(errors), encoding="utf-8")
        result.seconds = time.perf_counter() - t0
        write_json(staging / "manifest.json", {
            "pipeline_version": __version__,
            "git_commit": git_commit(),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "inputs": [{"doc_id": d["doc_id"], "path": d["source_path"], "sha256": d["sha256"],
                        "status": d["status"]} for d in result.documents],
            "notes": result.notes,
            "rulesets": ruleset_versions(),
            "counts": {"entities": len(entity_rows), "relations": len(carried.rows),
                       "outcomes": len(outcome_rows)},
            "seconds": round(result.seconds, 3),
        })
        write_report(staging, title=out_dir.name)
        _commit(staging, out_dir)
        if not errors:
            (out_dir / "errors.log").unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
