"""KRAS-resistance evidence extraction pipeline.

Stages, one module each: ingest (text, pdf) -> sentences -> ner -> grounding ->
relations -> outcomes -> export; evaluate and train score and tune the rules.
"""

__version__ = "0.1.0"
