"""Rules of the relation stage: the validated rule file (``data/relation_rules.json``),
the vocabulary tables it reads (drug classes and targets, mediator -> mechanism, cell-line
cancers), and the claim record with its agent helpers.

Patterns run over a *masked* sentence: agents are ``⟦A3⟧``, genes and variants ``⟦T5⟧``.
``{A}`` in a pattern is one agent, ``{AL}`` a coordinated list of agents, ``{T}`` / ``{TL}``
the same for targets. A combination pattern may mark the drug's place with a named group
``(?P<drug>...)`` ("adding X to (?P<drug>Y)"; several agents there give one claim each when
the sentence overcomes resistance). Unknown keys are rejected, every pattern has a stable id
(it lands in relations.csv ``rule_id``) and a prior confidence that ``make train``
recalibrates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline import vocab
from pipeline.config import DATA_DIR
from pipeline.errors import DataFileError
from pipeline.models import Mention
from pipeline.vocab import read_tsv

AGENT_LABELS = {"DRUG", "DRUG_CLASS"}
GENERIC_CANCER = "DOID:162"  # "cancer", "solid tumours": too vague to pass on as context
TARGET_LABELS = {"GENE", "VARIANT"}
RULE_KEYS = {"version", "description", "combination_patterns", "inhibits_patterns", "overcome_cues",
             "positive_effect_cues", "negative_effect_cues", "resistance_cues", "mediator_cues",
             "hedge_cues", "negation_cues", "evidence_cues", "evidence_priority", "anaphora",
             "focus_agents", "resistance_target_patterns", "non_mediator_contexts", "mediator_window",
             "strong_mediator_cues", "pathway_families", "weak_anaphora", "alteration_cues",
             "acquisition_cues", "alteration_window", "alteration_keeps_code",
             "combination_anaphora", "back_reference",
             "pathway_reactivation", "primary_cues", "strong_overcome_cues", "max_cancers_per_claim",
             "max_mediators_per_sentence", "genotype_mediator_codes", "state_markers",
             "histology_terms", "pathway_names",
             "causal_connectives", "context_patterns", "code_rules", "rule_id_affixes"}
PATTERN_KEYS = {"id", "pattern", "roles", "confidence", "distribute", "description", "not_after", "pairwise",
                "tail_targets", "tail_agents", "head_agents", "own_target", "lead_cytotoxic",
                "paragraph_host", "regimen_host", "claim_after", "readout_targets", "plural_subject"}
#: first_is_drug / second_is_drug: which agent of the match is the drug when no focus agent
#: (KRAS inhibitor) takes part; partner_only: the match names only the added agent(s) ("by
#: adding cetuximab", "in combination with trametinib") and the drug is the sentence's focus
#: agent, else the nearest agent before the match
ROLES = {"first_is_drug", "second_is_drug", "partner_only"}


# --------------------------------------------------------------------------- data files


@dataclass(frozen=True)
class Pattern:
    id: str
    regex: re.Pattern[str]
    roles: str
    confidence: float
    distribute: bool = False  # "X-based combinations with A, B and C": X+A, X+B, X+C
    not_after: re.Pattern[str] | None = None  # no match after this context ("comparing ...")
    pairwise: bool = False  # inhibits: i-th agent with i-th target ("... of A and B with X and Y")
    tail_targets: bool = False  # inhibits: only the target list ending the match (after the verb)
    tail_agents: bool = False  # inhibits: only the agent list ending the match ("X is inhibited by Y")
    #: inhibits: the match names no target, only an anaphor of the agent's own ("lock the
    #: enzyme", "blocks its autophosphorylation"): the target is the agent's one known target
    own_target: bool = False
    #: combination: only when the agents of the match's (?P<lead>...) group are all chemotherapy
    #: ("carboplatin and pemetrexed plus pembrolizumab", not "X plus Y and Z plus W")
    lead_cytotoxic: bool = False
    #: combination, partner_only: with no host agent in the sentence, the added agent joins the
    #: paragraph's latest focus agent ("SHP2 inhibitors have so far disappointed as partners")
    paragraph_host: bool = False
    #: combination, partner_only: an added agent that is a partner of the regimen the paragraph
    #: has just named joins that regimen's drug ("Cetuximab was added because ...")
    regimen_host: bool = False
    #: combination: the claim stands after the match, where the regimen is named again ("neither
    #: X nor Y alone slowed growth, but the combination ..."): its assertion is that clause's
    claim_after: bool = False
    #: inhibits: only the agent list opening the match, the subject ("X restored Y sensitivity by
    #: blocking EGFR")
    head_agents: bool = False
    #: inhibits: a target only if it is a phospho-readout, a signalling-pathway family or the
    #: agent's own target ("kept growing under X despite complete loss of pERK")
    readout_targets: bool = False
    #: combination, distribute: only with two or more agents before the partner ("X and Y are each /
    #: also being tested with Z"; "X is also being combined with Z" is X's regimen, read elsewhere)
    plural_subject: bool = False


@dataclass(frozen=True)
class Rules:
    version: str
    combination: tuple[Pattern, ...]
    inhibits: tuple[Pattern, ...]
    cues: dict[str, re.Pattern[str]]
    evidence: dict[str, re.Pattern[str]]
    evidence_priority: tuple[str, ...]
    focus_class_ids: frozenset[str]
    focus_target_ids: frozenset[str]
    active_state_ids: frozenset[str]
    resistance_target: tuple[re.Pattern[str], ...]
    not_mediator_after: tuple[re.Pattern[str], ...]
    not_mediator_before: tuple[re.Pattern[str], ...]
    mediator_window: int
    focus_variants: frozenset[str]
    alteration_window: int
    alteration_keeps_code: frozenset[str]
    max_cancers: int  # one row per cancer a claim is stated for (GUIDELINES 7.10), at most this many
    max_mediators: int  # resistance rows per sentence from listed mediators, at most this many
    genotype_mediator_codes: frozenset[str]  # "STK11-mutant tumours were resistant": a mediator
    state_markers: frozenset[str]  # genes read as markers of a cell state (E-cadherin): no mediators
    histology_terms: frozenset[str]  # cancers named by histology alone (squamous cell carcinoma)
    pathway_names: frozenset[str]  # families that name a pathway (MAPK): no resistance target
    context: Mapping[str, re.Pattern[str]]  # named word lists read around a claim (context_patterns)
    pathway_families: frozenset[str]
    pathway_after: re.Pattern[str]
    #: every rule id a row can carry -> (where it comes from, what it reads), and the prefix and
    #: suffixes a row's rule id may add to it (see :func:`explain_rule_id`)
    catalogue: Mapping[str, tuple[str, str]]
    affixes: Mapping[str, str]
    #: from the rule state (annotations/rule_state.json, written by ``make train``):
    #: relations.csv rule ids whose rows are dropped, and calibrated confidences by rule id
    disabled_rule_ids: frozenset[str] = frozenset()
    rule_confidence: Mapping[str, float] = field(default_factory=dict)


_A = r"⟦A\d+⟧"
_T = r"⟦T\d+⟧"
# a class naming the agent after it ("or the pan-PI3K inhibitor copanlisib"): part of one list item
_GLOSS = rf"(?:{_A}\s+(?={_A}))?"
# (or a kind of compound: "defactinib and the tool compound VS-4718", "and the RAF/MEK clamp
# avutometinib")
_KIND = r"(?:(?:tool|investigational|experimental|preclinical|research|small-molecule)\s+" \
    r"(?:compound|agent|inhibitor|drug|molecule)\s+|[\w/-]+\s+(?:clamp|glue|degrader|PROTAC)\s+)?"
# one list item after its separator: an article, a kind of compound, a class gloss, the agent
_ITEM = rf"(?:(?:the|a|an)\s+)?{_KIND}{_GLOSS}{_A}"
# an alternative after a comma followed by "with" starts a regimen of its own ("X with Y, or Z with
# W"; "combined X or Y with Z" is one list), as does
# one followed by "/B plus" ("A/B plus X or A/B plus Y"); a
# conjunct keeps it ("X plus carboplatin and pemetrexed with ..."); the two separator sets do
# not overlap, so a long list cannot backtrack exponentially
# ("X and its clinical analogue Y" is a list of two agents)
# ", and" never joins the first two agents: "... limited adagrasib, and afatinib proved the most
# effective partner" coordinates two clauses (a list of three may end ", and C")
def _list_step(comma_and: str) -> str:
    """The pattern of one more agent of a list; ``comma_and`` is the pattern ", and" takes there
    ("(?!)": none, as between the first two agents)."""
    # (or after a parenthesis naming the agent's trial or code: "paired with X (CodeBreaK 101) and
    # Y (KRYSTAL-2)"; not when the next agent opens a regimen of its own: "X with A (TRIAL) and Y
    # with B")
    paren = r"\s*\((?!\s*(?:e\.g\.|i\.e\.|such\s+as))[^()\u27e6.;]{1,40}\)"
    return (rf"\s*(?:{comma_and}|and(?:\s+either)?|/|[-\u2013]"
            rf"|and\s+its\s+(?:[\w-]+\s+)?(?:analogu?e|successor|derivative)s?)\s*{_ITEM}"
            rf"|\s*(?:,\s*or|,(?!\s*and\b))\s*{_ITEM}(?!\s+with\b)(?!\s*/\s*{_A}\s+plus\b)"
            rf"|\s*(?:or|nor|and/or)\s*{_ITEM}(?!\s*/\s*{_A}\s+plus\b)"
            rf"|{paren}(?:\s*,(?!\s*and\b)\s*(?:or\s+)?|\s+(?:and|or)\s+){_ITEM}"
            rf"(?!(?:{paren})?\s+(?:with|plus|in\s+combination)\b)")


_AL = _A + "(?:(?:" + _list_step("(?!)") + ")(?:" + _list_step(r",\s*and") + ")*)?"
_TL = rf"{_T}(?:\s*(?:,\s*(?:and|or)?|and|or|and/or|/)\s*{_T})*"


def _expand(src: str) -> str:
    return src.replace("{AL}", _AL).replace("{TL}", _TL).replace("{A}", _A).replace("{T}", _T)


def _compile_patterns(items: list[dict], kind: str) -> tuple[Pattern, ...]:
    out = []
    seen = set()
    for item in items:
        unknown = set(item) - PATTERN_KEYS
        if unknown or "id" not in item or "pattern" not in item:
            raise DataFileError(f"relation_rules.json {kind}: bad rule {item.get('id')}: keys {sorted(item)}")
        if item["id"] in seen:
            raise DataFileError(f"relation_rules.json: duplicate rule id {item['id']}")
        seen.add(item["id"])
        conf = float(item.get("confidence", 0.7))
        if not 0 < conf <= 1:
            raise DataFileError(f"relation_rules.json: rule {item['id']}: confidence must be in (0, 1]")
        src = _expand(item["pattern"])
        try:
            regex = re.compile(src, re.I)
        except re.error as exc:
            raise DataFileError(f"relation_rules.json: rule {item['id']}: {exc}") from exc
        roles = item.get("roles", "first_is_drug")
        if roles not in ROLES:
            raise DataFileError(f"relation_rules.json: rule {item['id']}: unknown roles {roles!r}")
        not_after = re.compile(_expand(item["not_after"]), re.I) if item.get("not_after") else None
        out.append(Pattern(item["id"], regex, roles, conf, bool(item.get("distribute", False)), not_after,
                           bool(item.get("pairwise", False)), bool(item.get("tail_targets", False)),
                           bool(item.get("tail_agents", False)), bool(item.get("own_target", False)),
                           bool(item.get("lead_cytotoxic", False)), bool(item.get("paragraph_host", False)),
                           bool(item.get("regimen_host", False)), bool(item.get("claim_after", False)),
                           bool(item.get("head_agents", False)), bool(item.get("readout_targets", False)),
                           bool(item.get("plural_subject", False))))
    return tuple(out)


def _alternation(cues: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in cues), re.I)


CONTEXT_NAMES = {"resistance_relative", "resisted_model_before", "resisted_model_after", "gene_conjuncts",
                 "multi_agent_regimen", "outcome_relative", "former_latter_regimen", "inhibits_frame",
                 "process_of_gene_end", "model_frame",
                 "keyword_list", "keywords_heading", "latter_process", "agent_relative_clause",
                 "driven_activation_after", "alternative_arm",
                 "clause_opening_anaphor", "formed_complex_anaphor",
                 "contrasted_agent_opener", "resisted_modifier_after",
                 "leading_frame",
                 "parenthetical_adverb", "screen_hits", "experiment_setup",
                 "expression_or_alteration_after", "drives_process_after",
                 "time_adverbial_agent", "time_adverbial_after", "agent_given",
                 "exposed_to_agent", "readout_fell_after", "fronted_partner_subject",
                 "readout_time_after", "findings_of_system", "absent_before",
                 "coordinated_predicate", "phospho_before", "at_progression_on",
                 "at_progression", "progressed_again", "blocked_back_reference",
                 "explained_by_process", "sensitivity_to_before", "opening_addition", "or_both_after",
                 "alteration_of_before", "alteration_after", "acquired_alterations", "these_models",
                 "resistance_defined_models", "contrast_clause_break",
                 "negated_predicate_after", "but_not_agents", "acquired_word_before",
                 "added_to_before", "readout_lost_before",
                 "analogy",
                 "tool_agent_after",
                 "added_because", "driven_by", "process_agent_relative", "subgroup_population",
                 "neither_doublet", "system_after_cancer", "knockout_resists", "solid_tumour_population",
                 "placebo_arm", "stated_process", "antibody_agent",
                 "comparator_agents", "opening_partner_phrase", "list_item", "switched_from",
                 "comparison_opener", "alternative_doublet", "arm_versus", "prior_therapy",
                 "negated_concession", "collective_anaphor",
                 "gene_pronoun_mediator",
                 "dose", "to_the_regimen", "comparator", "genotype_of_disease", "linking_verb",
                 "altered_or_fed_back", "genetic_tool", "clause_break", "overcome_verb", "resistance_word",
                 "subordinate_opener", "transformed", "defining_alteration", "exemplifying",
                 "alteration_list_before", "alteration_list_after", "process_back_reference",
                 "amplified_allele", "wild_type_before", "pronoun_subject", "distributive_anaphor",
                 "ongoing_trial", "over_the_regimen", "blocks_process", "opposing_break", "blocked_subject",
                 "acquired_before", "alternative_anaphor", "semicolon", "acquired_under", "cytotoxic_agent",
                 "agent_modifier", "literature_search", "open_question", "aim_question", "sentence_subject",
                 "caption_base", "fusion_pair",
                 "screen_enriched", "screen_depleted", "contrast_break", "contrast_frame",
                 "added_elsewhere", "negation_break", "failed_regimen", "process_driver",
                 "remedy_verb_before", "regimen_partner_before", "never_given",
                 "searched_for", "predicated_class",
                 "regimen_resisted", "purpose_question",
                 "agent_kind_genes", "transformation_companion", "target_column", "partner_column",
                 "overcome_caption", "mechanism_column",
                 "driven_resistance",
                 "named_by_driver",
                 "inner_negation",
                 "inner_negation_break", "pharmacology_clause", "genotype_of_model",
                 "activating_before", "trial_context", "coordinated_clause",
                 "same_system", "same_effect", "cancer_back_reference", "singular_relative",
                 "relative_after", "resistance_noun_end", "blocked_readout", "trial_before", "trial_regimen",
                 "progression_relative", "same_wording", "possessive_before", "spared_after", "spared_before",
                 "elliptic_negation", "respectively", "inner_connective",
                 "defined_population", "treated_with_before",
                 "elliptic_agent", "remedy_route_before", "mediated_escape_after",
                 "pathway_outcome_before", "biomarker_threshold_after",
                 "denied_sensitivity", "covariate_after"}


def _context_patterns(spec: dict) -> dict[str, re.Pattern[str]]:
    names = set(spec) - {"description"}
    if names != CONTEXT_NAMES:
        raise DataFileError(f"relation_rules.json context_patterns: missing {sorted(CONTEXT_NAMES - names)}, "
                            f"unknown {sorted(names - CONTEXT_NAMES)}")
    out = {}
    for name in sorted(names):
        try:
            out[name] = re.compile(_expand(spec[name]))
        except re.error as exc:
            raise DataFileError(f"relation_rules.json context_patterns.{name}: {exc}") from exc
    return out


def ctx(name: str) -> re.Pattern[str]:
    """A named context pattern of the shipped rule file (``context_patterns``)."""
    return _shipped_rules().context[name]


def parse_rules(data: dict) -> Rules:
    """Validate and compile a rule file (unknown keys are rejected)."""
    unknown = set(data) - RULE_KEYS
    if unknown:
        raise DataFileError(f"relation_rules.json: unknown keys {sorted(unknown)}")
    cue_names = ["overcome_cues", "positive_effect_cues", "negative_effect_cues", "resistance_cues",
                 "mediator_cues", "strong_mediator_cues", "hedge_cues", "negation_cues", "anaphora",
                 "weak_anaphora", "alteration_cues", "acquisition_cues", "combination_anaphora",
                 "back_reference", "pathway_reactivation", "primary_cues", "strong_overcome_cues",
                 "causal_connectives"]
    cues = {name: _alternation(data[name]) for name in cue_names}
    evidence = {level: _alternation(words) for level, words in data["evidence_cues"].items()}
    prio = tuple(data["evidence_priority"])
    if set(prio) != set(evidence):
        raise DataFileError("relation_rules.json: evidence_priority must list every evidence level")
    focus = data["focus_agents"]
    return Rules(
        version=data["version"],
        combination=_compile_patterns(data["combination_patterns"], "combination_patterns"),
        inhibits=_compile_patterns(data["inhibits_patterns"], "inhibits_patterns"),
        cues=cues,
        evidence=evidence,
        evidence_priority=prio,
        focus_class_ids=frozenset(focus["class_ids"]),
        focus_target_ids=frozenset(focus["target_ids"]),
        active_state_ids=frozenset(focus.get("active_state_ids", ())),
        resistance_target=tuple(re.compile(_expand(p), re.I) for p in data["resistance_target_patterns"]),
        not_mediator_after=tuple(re.compile(_expand(p), re.I)
                                 for p in data["non_mediator_contexts"]["after"]),
        pathway_families=frozenset(data["pathway_families"]),
        pathway_after=re.compile(_expand(data["non_mediator_contexts"]["pathway_after"]), re.I),
        not_mediator_before=tuple(re.compile(_expand(p), re.I)
                                  for p in data["non_mediator_contexts"]["before"]),
        mediator_window=int(data["mediator_window"]),
        focus_variants=frozenset(focus["variants"]),
        alteration_window=int(data["alteration_window"]),
        alteration_keeps_code=frozenset(data["alteration_keeps_code"]),
        max_cancers=int(data["max_cancers_per_claim"]),
        max_mediators=int(data["max_mediators_per_sentence"]),
        genotype_mediator_codes=frozenset(data["genotype_mediator_codes"]),
        state_markers=frozenset(data["state_markers"]["ids"]),
        histology_terms=frozenset(data["histology_terms"]["ids"]),
        pathway_names=frozenset(data["pathway_names"]["ids"]),
        context=_context_patterns(data["context_patterns"]),
        catalogue=_catalogue(data),
        affixes=_affixes(data["rule_id_affixes"]),
    )


_RULE_ID = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


def _catalogue(data: dict) -> dict[str, tuple[str, str]]:
    """Rule id -> (kind, description): the patterns' ids and the ids code builds (code_rules)."""
    out: dict[str, tuple[str, str]] = {}
    for kind in ("combination_patterns", "inhibits_patterns"):
        for item in data[kind]:
            if not str(item.get("description", "")).strip():
                raise DataFileError(f"relation_rules.json: rule {item['id']} has no description")
            out[item["id"]] = (kind.replace("_patterns", " pattern"), item["description"])
    for rid, text in data["code_rules"].items():
        if not _RULE_ID.fullmatch(rid) or not str(text).strip():
            raise DataFileError(f"relation_rules.json code_rules: bad entry {rid!r}")
        if rid in out:
            raise DataFileError(f"relation_rules.json: code rule {rid} is also a pattern id")
        out[rid] = ("code rule", text)
    return out


def _affixes(data: dict) -> dict[str, str]:
    for affix, text in data.items():
        if not re.fullmatch(r"[A-Z]+_|\+[A-Z_]+", affix) or not str(text).strip():
            raise DataFileError(f"relation_rules.json rule_id_affixes: bad entry {affix!r}")
    return dict(data)


def explain_rule_id(rule_id: str, rules: Rules) -> list[tuple[str, str, str]]:
    """A relations.csv rule id taken apart: (part, kind, description) for its prefix, its base
    rule and each suffix ("OVC_COMB_PLUS+CONTEXT" is the prefix OVC_, the pattern COMB_PLUS and
    the suffix +CONTEXT). Raises ``KeyError`` naming the first part the catalogue lacks."""
    base, *suffixes = rule_id.split("+")
    parts: list[tuple[str, str, str]] = []
    if base not in rules.catalogue:
        for prefix in (a for a in rules.affixes if a.endswith("_")):
            if base.startswith(prefix) and base.removeprefix(prefix) in rules.catalogue:
                parts.append((prefix, "prefix", rules.affixes[prefix]))
                base = base.removeprefix(prefix)
                break
    if base not in rules.catalogue:
        raise KeyError(base)
    parts.append((base, *rules.catalogue[base]))
    for suffix in ("+" + s for s in suffixes):
        if suffix not in rules.affixes:
            raise KeyError(suffix)
        parts.append((suffix, "suffix", rules.affixes[suffix]))
    return parts


@lru_cache(maxsize=1)
def _shipped_rules() -> Rules:
    return parse_rules(json.loads((DATA_DIR / "relation_rules.json").read_text(encoding="utf-8")))


def load_rules() -> Rules:
    """The shipped rules with the rule state applied (disabled rule ids, calibrated
    confidences, version suffix): see :mod:`pipeline.rule_state`."""
    from pipeline.rule_state import apply_to_rules

    return apply_to_rules(_shipped_rules())


def _read_tsv(name: str) -> list[dict[str, str]]:
    return read_tsv(DATA_DIR / "vocab" / name)


@lru_cache(maxsize=1)
def class_table() -> dict[str, tuple[str, tuple[str, ...]]]:
    """CLASS id -> (name, target ids)."""
    return {r["id"]: (r["name"], tuple(t for t in (r.get("targets") or "").split(";") if t))
            for r in _read_tsv("drug_classes.tsv")}


@lru_cache(maxsize=1)
def class_for_target() -> dict[str, str]:
    """Target id -> the CLASS id of its single-target class (first listed wins)."""
    from pipeline.names import target_name

    out: dict[str, str] = {}
    for cid, (_, targets) in class_table().items():
        if len(targets) == 1 and not cid.endswith("_MAB"):
            if cid == f"CLASS:{target_name(targets[0])}":
                out[targets[0]] = cid  # the class named after the target wins
            else:
                out.setdefault(targets[0], cid)
    return out


@lru_cache(maxsize=1)
def drug_targets() -> dict[str, tuple[str, ...]]:
    """Drug name (lower-case) -> target ids."""
    return {r["drug"].lower(): tuple(r["targets"].split(";")) for r in _read_tsv("drug_targets.tsv")}


def mediator_mechanisms() -> dict[str, str]:
    """Target id -> mechanism code, for a mediator named without a process."""
    return vocab.mechanism_mediators()


@lru_cache(maxsize=1)
def cell_line_cancers() -> dict[str, tuple[str, str]]:
    from pipeline.names import doid_name

    out = {}
    for r in _read_tsv("cell_lines.tsv"):
        if r.get("cancer_id"):
            out[r["id"]] = (r["cancer_id"], doid_name(r["cancer_id"]))
    return out


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Claim:
    relation: str
    drug: Mention
    partners: tuple[Mention, ...]
    target_id: str
    target_name: str
    variant: str
    mechanism: str
    effect: str
    rule_id: str
    confidence: float
    span: tuple[int, int]  # canonical offsets the claim covers (for negation scope)
    anchor: tuple[int, int] | None = None  # a resistance claim's mechanism or mediator mention


def agent_targets(agent: Mention) -> tuple[str, ...]:
    if agent.label == "DRUG_CLASS":
        return class_table().get(agent.norm_id, ("", ()))[1]
    table = drug_targets()
    # a code-named compound listed under its code while its mention carries the INN
    # (CODE:RMC-6291 named "elironrasib")
    return table.get(agent.norm_name.lower()) or table.get(agent.norm_id.split(":", 1)[-1].lower(), ())


def is_focus(agent: Mention, rules: Rules) -> bool:
    if agent.norm_id in rules.focus_class_ids:
        return True
    return bool(set(agent_targets(agent)) & rules.focus_target_ids)


def _gene_of_variant(norm_name: str) -> str:
    return norm_name.split(" p.")[0] if " p." in norm_name else norm_name
