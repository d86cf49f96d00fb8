"""All stages for one document, as one pure function (no shared state, picklable result).

``process_document`` is what every engine runs per document: the in-process loop, a
process pool, or Dask. It never raises for a bad document: the failure is in the result.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from pipeline import rule_state
from pipeline.errors import IngestError
from pipeline.ingest import InputFile, file_sha256, ingest_file
from pipeline.models import IngestedDocument, Mention, Sentence
from pipeline.ner import extract_mentions
from pipeline.outcomes import extract_outcomes
from pipeline.relations import extract_relations
from pipeline.sentences import split_sentences


@dataclass
class DocResult:
    """Everything a run keeps of one document."""

    row: dict  # documents.csv row
    doc: IngestedDocument | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    error_log: str = ""


def entity_row(m: Mention) -> dict:
    return {"doc_id": m.doc_id, "mention_id": m.mention_id, "label": m.label, "text": m.text,
            "start": m.start, "end": m.end, "sentence_index": m.sentence_index,
            "norm_id": m.norm_id, "norm_name": m.norm_name, "source": m.source,
            "confidence": round(m.confidence, 3)}


def process_document(item: InputFile) -> DocResult:
    """Ingest -> sentences -> NER/grounding -> relations -> outcomes for one input file."""
    row = {"doc_id": item.doc_id, "source_path": str(item.path), "sha256": "", "format": "",
           "pages": 0, "sentences": 0, "status": "ok", "message": ""}
    try:
        doc = ingest_file(item)
        sents = split_sentences(doc)
        mentions = extract_mentions(doc, sents)
        mentions = rule_state.apply_to_mentions(doc, sents, mentions)  # make train's state
        result = DocResult(row, doc, sents)
        result.entities = [entity_row(m) for m in mentions]
        result.relations = extract_relations(doc, sents, mentions)
        result.outcomes = extract_outcomes(doc, sents, mentions)
        result.references = [{"doc_id": doc.doc_id, "number": r.number, "authors": r.authors,
                               "title": r.title, "journal": r.journal, "year": r.year}
                              for r in doc.references]
        row.update(sha256=doc.sha256, format=doc.format, pages=doc.n_pages,
                   sentences=len(sents), message="; ".join(doc.warnings))
        return result
    except IngestError as exc:
        row.update(status="failed", message=str(exc), sha256=file_sha256(item.path) or "",
                   format=item.path.suffix.lstrip(".").lower())
        return DocResult(row)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        row.update(status="failed", message=f"internal error: {type(exc).__name__}: {exc}"
                   " (details in errors.log)", sha256=file_sha256(item.path) or "")
        return DocResult(row, error_log=f"{item.path}\n{traceback.format_exc()}")
