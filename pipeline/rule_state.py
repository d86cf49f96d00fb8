"""The rule state: what ``make train`` learned, applied by every ``make extract``.

``annotations/rule_state.json`` (override the path with ``KRAS_RULE_STATE``; ``off`` ignores
any state) is written by :mod:`pipeline.train` and read here. It is plain JSON with sorted
keys; every entry says what evidence it rests on. Top-level keys:

- ``format`` (1), ``version`` (integer, +1 whenever the content changes), ``hash`` (sha256
  of the content, i.e. everything but ``version``, ``hash``, ``history``, ``description``),
  ``history`` (one line per version: version, hash, parent hash, summary);
- ``inputs``: the shipped rule/lexicon versions, the gold documents and their dev ranges,
  the review files (sha256, rows used and skipped) the state was built from;
- ``settings``: precision floors, minimum supports, prior strength;
- ``relation_rules``: relations.csv ``rule_id`` -> measured support, precision, recall,
  ``prior`` and calibrated ``confidence``, ``status`` (``enabled`` | ``disabled``);
- ``lexicon_terms``: term key ``source|label|norm_id|term`` -> measurements and ``status``
  (only terms with a false positive on the dev split are listed);
- ``lexicon_additions`` / ``misgroundings``: proposals with ``accepted`` true/false.

How it takes effect:

- :func:`apply_to_rules` (called by :func:`pipeline.relation_rules.load_rules`): rows of a
  disabled rule id are not written; an enabled rule with a calibrated confidence uses it in
  place of its shipped confidence (row modifiers, e.g. x0.9 for an inferred cancer, still
  apply); the ruleset version becomes ``<shipped>+state<version>.<hash8>`` in manifests.
- :func:`apply_to_mentions` (called by :func:`pipeline.process.process_document` right
  after NER): drops mentions of disabled terms and of *accepted* mis-groundings, adds
  *accepted* lexicon additions found by exact, case-sensitive, word-boundary matching in
  sentences (``source`` = ``rule_state:addition``). Proposals not accepted change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import config
from pipeline.errors import DataFileError
from pipeline.models import IngestedDocument, Mention, Sentence

if TYPE_CHECKING:
    from pipeline.relation_rules import Rules

STATE_ENV = "KRAS_RULE_STATE"
STATE_FILE = "rule_state.json"
FORMAT = 1
ADDITION_SOURCE = "rule_state:addition"
ADDITION_CONFIDENCE = 0.8
#: keys whose content the hash covers (the rest is bookkeeping)
CONTENT_KEYS = ("format", "inputs", "settings", "relation_rules", "lexicon_terms",
                "lexicon_additions", "misgroundings")
STATE_KEYS = {*CONTENT_KEYS, "version", "hash", "history", "description"}
STATUSES = ("enabled", "disabled")


# --------------------------------------------------------------------------- the file


def default_path() -> Path:
    return config.ANNOTATIONS_DIR / STATE_FILE


def state_path() -> Path | None:
    """The state file in effect: ``$KRAS_RULE_STATE`` (``off`` = none), else annotations/."""
    env = os.environ.get(STATE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "none", "0") else Path(env)
    return default_path()


def empty_state() -> dict[str, Any]:
    return {"format": FORMAT, "version": 0, "hash": "", "history": [], "inputs": {},
            "settings": {}, "relation_rules": {}, "lexicon_terms": {}, "lexicon_additions": {},
            "misgroundings": {}}


def content_hash(state: dict[str, Any]) -> str:
    """sha256 of the content keys, canonical JSON (sorted keys, no whitespace)."""
    content = {k: state.get(k) for k in CONTENT_KEYS}
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def dumps(state: dict[str, Any]) -> str:
    """The file text: sorted keys, one-space indent, trailing newline (diff-friendly)."""
    return json.dumps(state, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def validate(state: Any, where: str = STATE_FILE) -> dict[str, Any]:
    """Check the structure strictly (unknown keys and bad values are errors)."""
    if not isinstance(state, dict):
        raise DataFileError(f"{where}: expected a JSON object")
    unknown = set(state) - STATE_KEYS
    missing = {"format", "version", "hash", "relation_rules"} - set(state)
    if unknown or missing:
        raise DataFileError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    if state["format"] != FORMAT:
        raise DataFileError(f"{where}: format {state['format']!r} is not {FORMAT}")
    for rid, r in state.get("relation_rules", {}).items():
        if r.get("status") not in STATUSES:
            raise DataFileError(f"{where}: relation rule {rid}: status must be one of {STATUSES}")
        conf = r.get("confidence")
        if conf is not None and not (isinstance(conf, int | float) and 0 < conf <= 1):
            raise DataFileError(f"{where}: relation rule {rid}: confidence must be in (0, 1]")
    for key, t in state.get("lexicon_terms", {}).items():
        if t.get("status") not in STATUSES:
            raise DataFileError(f"{where}: term {key}: status must be one of {STATUSES}")
    for kind, need in (("lexicon_additions", {"text", "label", "norm_id", "norm_name", "accepted"}),
                       ("misgroundings", {"text", "norm_id", "accepted"})):
        for key, item in state.get(kind, {}).items():
            if not isinstance(item, dict) or not need <= set(item):
                raise DataFileError(f"{where}: {kind} {key}: needs the keys {sorted(need)}")
            if not isinstance(item["accepted"], bool):
                raise DataFileError(f"{where}: {kind} {key}: accepted must be true or false")
    return state


def read_state(path: Path) -> dict[str, Any]:
    """A state file, validated; the empty state when the file does not exist."""
    path = Path(path)
    if not path.is_file():
        return empty_state()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON ({exc})") from exc
    state = {**empty_state(), **validate(data, str(path))}
    return state


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    return read_state(Path(path))


def current_state() -> dict[str, Any]:
    """The state in effect for this process (re-read when the file changes)."""
    path = state_path()
    if path is None or not path.is_file():
        return empty_state()
    st = path.stat()
    return _cached(str(path.resolve()), st.st_mtime_ns, st.st_size)


# --------------------------------------------------------------------------- relation rules


_APPLIED: dict[tuple[int, str], tuple[Rules, Rules]] = {}


def apply_to_rules(rules: Rules) -> Rules:
    """``rules`` with the state's disabled rule ids and calibrated confidences."""
    state = current_state()
    if not state["hash"]:
        return rules
    key = (id(rules), state["hash"])
    hit = _APPLIED.get(key)
    if hit is not None and hit[0] is rules:
        return hit[1]
    rr = state["relation_rules"]
    disabled = frozenset(k for k, v in rr.items() if v["status"] == "disabled")
    conf = {k: float(v["confidence"]) for k, v in rr.items()
            if v["status"] == "enabled" and v.get("confidence") is not None}
    out = replace(rules, version=f"{rules.version}+state{state['version']}.{state['hash'][:8]}",
                  disabled_rule_ids=disabled, rule_confidence=conf)
    if len(_APPLIED) > 16:
        _APPLIED.clear()
    _APPLIED[key] = (rules, out)
    return out


# --------------------------------------------------------------------------- mentions


def norm_term(text: str) -> str:
    """Term form used in keys: lower-case, whitespace collapsed."""
    return " ".join(text.lower().split())


def term_key(source: str, label: str, norm_id: str, text: str) -> str:
    return f"{source}|{label}|{norm_id}|{norm_term(text)}"


def mention_term_key(m: Mention) -> str:
    return term_key(m.source, m.label, m.norm_id, m.text)


def _word_re(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(text)}(?![A-Za-z0-9])")


def apply_to_mentions(doc: IngestedDocument, sentences: list[Sentence],
                      mentions: list[Mention], state: dict[str, Any] | None = None) -> list[Mention]:
    """Mentions with disabled terms and accepted mis-groundings dropped and accepted lexicon
    additions added (where no other mention overlaps); ids renumbered M1.. in text order
    when anything changed. ``mentions`` is returned unchanged when the state has nothing to do.
    """
    from pipeline.grounding import SKIP_SECTION_KINDS

    state = current_state() if state is None else state
    disabled = {k for k, v in state.get("lexicon_terms", {}).items() if v["status"] == "disabled"}
    misg = {(norm_term(v["text"]), v["norm_id"]) for v in state.get("misgroundings", {}).values()
            if v["accepted"]}
    additions = [v for _, v in sorted(state.get("lexicon_additions", {}).items()) if v["accepted"]]
    if not (disabled or misg or additions):
        return mentions
    kept = [m for m in mentions if mention_term_key(m) not in disabled
            and (norm_term(m.text), m.norm_id) not in misg]
    added: list[Mention] = []
    if additions:
        kinds = {s.index: s.kind for s in doc.sections}
        taken = sorted((m.start, m.end) for m in kept)
        for add in additions:
            pat = _word_re(add["text"])
            for sent in sentences:
                if kinds.get(sent.section_index) in SKIP_SECTION_KINDS:
                    continue
                for hit in pat.finditer(doc.text, sent.start, sent.end):
                    s, e = hit.start(), hit.end()
                    if any(a < e and s < b for a, b in taken):
                        continue
                    taken.append((s, e))
                    added.append(Mention(doc.doc_id, "", add["label"], doc.text[s:e], s, e,
                                         sent.index, add["norm_id"], add["norm_name"],
                                         ADDITION_SOURCE, ADDITION_CONFIDENCE))
    if len(kept) == len(mentions) and not added:
        return mentions
    out = sorted(kept + added, key=lambda m: (m.start, m.end))
    return [replace(m, mention_id=f"M{i}") for i, m in enumerate(out, start=1)]
