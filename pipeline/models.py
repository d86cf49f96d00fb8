"""Typed, frozen records that flow between the stages.

Document -> Section -> Sentence -> Mention -> Relation (with Evidence).
All offsets are character offsets into the document's canonical text
(``IngestedDocument.text``) unless a field says ``raw``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OffsetMap:
    """Maps canonical-text offsets back to raw-input offsets.

    Stored as runs: canonical ``[starts[i], starts[i+1])`` maps to raw
    ``raw_starts[i] + (k - starts[i])`` when ``steps[i]`` is 1, or to the single raw
    offset ``raw_starts[i]`` when ``steps[i]`` is 0 (characters the ingest inserted or
    expanded, e.g. a ligature or a block separator).
    """

    starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    steps: tuple[int, ...]
    length: int

    @classmethod
    def from_list(cls, raw_offsets: list[int], steps: list[int] | None = None) -> OffsetMap:
        """Compress a per-character list of raw offsets (one per canonical char)."""
        starts: list[int] = []
        raws: list[int] = []
        kinds: list[int] = []
        steps = steps or [1] * len(raw_offsets)
        for i, (r, s) in enumerate(zip(raw_offsets, steps, strict=True)):
            if starts:
                k = kinds[-1]
                expected = raws[-1] + (i - starts[-1]) * k
                if s == k and r == expected:
                    continue
            starts.append(i)
            raws.append(r)
            kinds.append(s)
        return cls(tuple(starts), tuple(raws), tuple(kinds), len(raw_offsets))

    def to_raw(self, offset: int) -> int:
        """Raw offset of canonical character ``offset`` (``offset == length`` allowed)."""
        if not self.starts:
            return offset
        if offset >= self.length:
            i = len(self.starts) - 1
            return self.raw_starts[i] + (self.length - self.starts[i]) * self.steps[i]
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.raw_starts[i] + (offset - self.starts[i]) * self.steps[i]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of canonical span; ``end`` is exclusive."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_canonical(self, raw: int) -> int | None:
        """First canonical offset whose raw offset is ``raw`` (None if dropped)."""
        for i, (s, r, k) in enumerate(zip(self.starts, self.raw_starts, self.steps, strict=True)):
            nxt = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
            if k == 1 and r <= raw < r + (nxt - s):
                return s + (raw - r)
            if k == 0 and raw == r:
                return s
        return None

    def to_json(self) -> dict:
        return {
            "starts": list(self.starts),
            "raw_starts": list(self.raw_starts),
            "steps": list(self.steps),
            "length": self.length,
        }

    @classmethod
    def from_json(cls, data: dict) -> OffsetMap:
        return cls(
            tuple(data["starts"]), tuple(data["raw_starts"]), tuple(data["steps"]), data["length"]
        )


@dataclass(frozen=True)
class PageSpan:
    """Canonical text ``[start, end)`` came from page ``page`` (1-based)."""

    page: int
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    index: int
    title: str
    kind: str  # abstract | significance | body | figure | table | disclosures | acknowledgements | ...
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    index: int
    label: str  # "Table 1"
    title: str
    start: int
    end: int
    rows: tuple[tuple[str, ...], ...]
    page: int | None = None


@dataclass(frozen=True)
class Reference:
    number: int
    authors: str
    title: str
    journal: str
    year: int | None
    raw: str


@dataclass(frozen=True)
class Citation:
    """An in-text citation such as "(8, 18)" or "(1-3)" resolved to reference numbers."""

    start: int
    end: int
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class IngestedDocument:
    doc_id: str
    source_path: str
    sha256: str
    format: str  # text | pdf
    text: str
    offset_map: OffsetMap | None
    sections: tuple[Section, ...]
    pages: tuple[PageSpan, ...] = ()
    tables: tuple[Table, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def n_pages(self) -> int:
        return len(self.pages)

    def page_at(self, offset: int) -> int | None:
        for p in self.pages:
            if p.start <= offset < p.end:
                return p.page
        return None

    def section_at(self, offset: int) -> Section | None:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    section_index: int
    page: int | None
    text: str


@dataclass(frozen=True)
class Mention:
    doc_id: str
    mention_id: str
    label: str
    text: str
    start: int
    end: int
    sentence_index: int
    norm_id: str
    norm_name: str
    source: str
    confidence: float


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    section: str
    page: int | None
    sentence_index: int
    text: str
    arg_offsets: tuple[tuple[str, int, int], ...]
    rule_id: str
    ruleset_version: str
    assertion: str
    citations: tuple[int, ...] = field(default_factory=tuple)
