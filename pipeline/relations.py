"""Relation stage: rule-based `inhibits`, `resistance`, `overcomes` and `combination` claims.

Rules live in ``data/relation_rules.json`` (patterns with stable ids and prior
confidences) and facts in ``data/vocab/`` (drug targets, class targets, mediator ->
mechanism map). The stage works per sentence:

1. agents (DRUG, DRUG_CLASS mentions) are collected; a gene list in front of
   "inhibitors" ("SHP2, PI3K, and KRASG12C inhibitors") becomes one class per gene;
   a drug repeated as its code name in brackets ("sotorasib (AMG 510)") counts once;
2. the sentence is *masked*: agents become ``⟦A3⟧``, genes and variants ``⟦T5⟧``,
   citations are dropped, and the patterns run over that string;
3. a sentence without an agent but with an anaphor ("these agents", "both drugs",
   "this combination") takes the agents of the previous sentence of the paragraph
   (rule suffix ``+ANAPHOR``);
4. context: the cancer of the sentence, else the nearest cancer stated earlier in the
   paragraph (marked in ``cancer_source``); the cancer a named cell line implies goes to
   ``inferred_cancer`` only, as the text does not state it;
   assertion from hedge and negation cues; evidence level from the words of the
   sentence, else of the paragraph's earlier sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from itertools import zip_longest

from pipeline.citations import numbers_in
from pipeline.grounding import is_glossary
from pipeline.lexicon import load_lexicon
from pipeline.models import IngestedDocument, Mention, Section, Sentence
from pipeline.relation_context import (  # noqa: F401 - re-exported for callers of this module
    _classes_for_examples,
    _clause,
    _definite_class_referent,
    _genes_named_in,
    _local_cancers,
    _opening_clause_end,
    _own_resistance_clause,
    _predicated_class,
    _table_at,
    anaphor_count,
    antecedents,
    assertion,
    evidence_level,
    relation_id,
)
from pipeline.relation_rules import (  # noqa: F401 - re-exported for callers of this module
    _A,
    _AL,
    _TL,
    AGENT_LABELS,
    GENERIC_CANCER,
    TARGET_LABELS,
    Claim,
    Pattern,
    Rules,
    _gene_of_variant,
    agent_targets,
    cell_line_cancers,
    class_for_target,
    class_table,
    ctx,
    drug_targets,
    is_focus,
    load_rules,
    mediator_mechanisms,
    parse_rules,
)
from pipeline.sentences import paragraph_ids
from pipeline.vocab import doid_related, family_members, umbrella_members

# --------------------------------------------------------------------------- per sentence


_HEAD = re.compile(r"\binhibitors?\b|\bagents\b|\bblockers?\b")
_SEP = re.compile(
    r"^(?:\s*\([\d,;\s\-–]+\))?\s*(?:,\s*and|,\s*or|,|and|or|and/or|/)?\s*(?:either|both)?\s*$")


def _coordinated_classes(sent: Sentence, text: str, targets: list[Mention],
                         agents: list[Mention]) -> tuple[list[Mention], set[int]]:
    """Genes coordinated in front of 'inhibitors' become classes: 'SHP2, PI3K, and
    KRASG12C inhibitors', 'either PI3K (27, 32) or mTOR (18) inhibitors'.

    Returns the new class mentions and the ``id()`` of the gene mentions they replace.
    """
    local = text[sent.start:sent.end]
    off = sent.start
    new: list[Mention] = []
    used: set[int] = set()
    class_starts = {a.start for a in agents if a.label == "DRUG_CLASS"}
    heads = [(off + m.start(), off + m.end()) for m in _HEAD.finditer(local)]
    by_end = sorted(targets, key=lambda m: m.end)
    for h_start, h_end in heads + [(s, s) for s in class_starts]:
        if any(a.start < h_end <= a.end and a.start not in (h_start, h_end) for a in agents):
            continue  # "inhibitors" is already the head of a class mention
        cursor = h_start  # the conjuncts stand right before the head (word or class mention)
        chain: list[Mention] = []
        while True:
            prev = [m for m in by_end if m.end <= cursor and id(m) not in used
                    and _SEP.match(text[m.end:cursor])]
            if not prev:
                break
            m = prev[-1]
            chain.append(m)
            cursor = m.start
        for m in chain:
            cid = _class_id_for(m)
            if cid:
                name = class_table()[cid][0]
                new.append(replace(m, label="DRUG_CLASS", norm_id=cid, norm_name=name,
                                   source="inferred:coordination", confidence=m.confidence * 0.9))
                used.add(id(m))
    return new, used


def _class_id_for(m: Mention) -> str | None:
    if m.label == "VARIANT":
        gene, _, change = m.norm_name.partition(" p.")
        cid = f"CLASS:{gene}_{change}"
        if cid in class_table():
            return cid
        m_gene = gene
        return next((c for c, (_, t) in class_table().items() if c == f"CLASS:{m_gene}"), None)
    return class_for_target().get(m.norm_id)


def mask(text: str, offset: int, agents: list[Mention], targets: list[Mention],
         cite_spans: list[tuple[int, int]], rules: Rules | None = None) -> tuple[str, dict[str, Mention]]:
    """Replace mentions with placeholders and drop citations; return (masked, placeholder map).
    Several antecedents standing at one anaphor are joined by "and", or by "or" (each on its
    own) after "either"/"each" and when they are all focus agents, which are alternatives, never
    one regimen ("sotorasib and adagrasib ... Both drugs were combined with cetuximab")."""
    pieces: list[tuple[int, int, str]] = []
    table: dict[str, Mention] = {}
    for i, a in enumerate(agents):
        key = f"⟦A{i}⟧"
        table[key] = a
        pieces.append((a.start - offset, a.end - offset, key))
    for i, t in enumerate(targets):
        key = f"⟦T{i}⟧"
        table[key] = t
        pieces.append((t.start - offset, t.end - offset, key))
    for s, e in cite_spans:
        pieces.append((s - offset, e - offset, ""))
    pieces.sort()
    out, pos = [], 0
    last: tuple[int, int] | None = None
    for s, e, rep in pieces:
        if (s, e) == last and rep:  # several antecedents standing at one anaphor ("either drug":
            # each on its own)
            stacked = [a for a in agents if (a.start - offset, a.end - offset) == (s, e)]
            alternatives = ctx("alternative_anaphor").match(text, s, e) or rules is not None and all(
                is_focus(a, rules) for a in stacked)
            out[-1] = f"{out[-1]} {'or' if alternatives else 'and'} {rep}"
            continue
        if s < pos:
            continue  # overlapping mention (should not happen): keep the first
        out.append(text[pos:s])
        out.append(rep)
        pos, last = e, (s, e)
    out.append(text[pos:])
    masked = re.sub(r"[ \t]{2,}", " ", "".join(out))
    # doses and schedules after an agent ("sotorasib 960 mg daily plus ...") are dropped, and
    # modifiers before one ("the allosteric SHP2 inhibitor RMC-4630")
    masked = ctx("dose").sub(r"\1", masked)
    masked = ctx("agent_modifier").sub("", masked)
    # "sotorasib (AMG 510)": the bracketed synonym counts once
    def same(m: re.Match[str]) -> str:
        a, b = table[m.group(1)], table[m.group(2)]
        return m.group(1) if a.norm_id == b.norm_id else m.group(0)

    masked = re.sub(r"(⟦A\d+⟧)\s*\((⟦A\d+⟧)(?:;[^)]*)?\)", same, masked)

    # "an anti-EGFR antibody (cetuximab or panitumumab)": members given as examples of a
    # class stand for the class (GUIDELINES 7.11)
    def members(m: re.Match[str]) -> str:
        inside = [table[k] for k in re.findall(r"⟦A\d+⟧", m.group(2))]
        if table[m.group(1)].label == "DRUG_CLASS" and all(x.label == "DRUG" for x in inside):
            return m.group(1)
        return m.group(0)

    masked = re.sub(r"(⟦A\d+⟧)\s*\(((?:\s*(?:,|or|and)?\s*⟦A\d+⟧){2,})\s*\)", members, masked)
    masked = re.sub(r"(⟦A\d+⟧)\s*,?\s*(?:such as|including|e\.g\.,?|like|notably|exemplified by|"
                    r"for (?:example|instance),?)\s+"
                    r"((?:\s*(?:,|or|and)?\s*(?:the\s+(?:[\w-]+\s+){0,2}?)?⟦A\d+⟧)+)", members, masked)

    # "the SHP2 inhibitor TNO155", "TNO155 (SHP2 inhibitor)": a class naming a drug is
    # an apposition, not a second agent; the drug stands for both
    def apposed(m: re.Match[str]) -> str:
        a, b = table[m.group(1)], table[m.group(2)]
        kinds = {a.label, b.label}
        if kinds == {"DRUG", "DRUG_CLASS"}:
            drug, cls = (a, b) if a.label == "DRUG" else (b, a)
            dt, ct = set(agent_targets(drug)), set(agent_targets(cls))
            ct |= {g for t in ct for g in family_members().get(t, ())}  # "afatinib, a pan-ERBB inhibitor"
            dt |= {g for t in dt for g in family_members().get(t, ())}  # "RMC-6236, a RAS(ON) inhibitor"
            if "," in m.group(0) and dt and ct and not dt & ct:
                return m.group(0)  # "sotorasib, a SHP2 inhibitor and ...": a list, not an apposition
            if a is cls and m.group(0).rstrip().endswith(")") and re.search(r"s$", cls.text):
                return m.group(1)  # "SOS1 inhibitors (BI 1701963)": a member given as example (7.11)
            return m.group(1) if a.label == "DRUG" else m.group(2)
        return m.group(0)

    # (a gene may stand in the apposition, and a class may be named twice: "savolitinib, a
    # selective MET tyrosine kinase inhibitor" -> drug, MET class, TKI class -> drug)
    for _ in range(3):
        before = masked
        # (with the comma closing it before a list's "and": "erdafitinib, an FGFR inhibitor, and
        # linsitinib" -> "erdafitinib and linsitinib")
        masked = re.sub(r"(⟦A\d+⟧)\s*,\s*(?:a|an|the)\s+(?:(?:[\w/-]+|⟦T\d+⟧)\s+){0,3}?\s*(⟦A\d+⟧)"
                        r"\s*,(?=\s*(?:and|or)\s+(?:the\s+)?⟦A)", apposed, masked)
        masked = re.sub(r"(⟦A\d+⟧)\s*(?:\(|,\s*(?:a|an|the)\s+(?:(?:[\w/-]+|⟦T\d+⟧)\s+){0,3}?)?\s*(⟦A\d+⟧)"
                        r"(?:\s*\))?", apposed, masked)
        if masked == before:
            break

    # "CDK4/6 inhibition with palbociclib": a class realised by a drug of that class
    def realised(m: re.Match[str]) -> str:
        a, b = table[m.group(1)], table[m.group(2)]
        if a.label == "DRUG_CLASS" and b.label == "DRUG" and \
                set(agent_targets(a)) & set(agent_targets(b)):
            return m.group(2)
        return m.group(0)

    masked = re.sub(r"(⟦A\d+⟧)\s+(?:with|using|by)\s+(?:the\s+)?(?:\w+\s+)?(⟦A\d+⟧)", realised, masked)

    # "dual BRAF/MEK blockade with dabrafenib and trametinib": classes realised one by one
    def realised_list(m: re.Match[str]) -> str:
        classes = [table[k] for k in re.findall(r"⟦A\d+⟧", m.group(1))]
        drugs = [table[k] for k in re.findall(r"⟦A\d+⟧", m.group(2))]
        if len(classes) < 2 or any(c.label != "DRUG_CLASS" for c in classes) or \
                any(d.label != "DRUG" for d in drugs):
            return m.group(0)
        hit = [c for c in classes if any(set(agent_targets(c)) & set(agent_targets(d)) for d in drugs)]
        return m.group(2) if len(hit) == len(classes) else m.group(0)

    masked = re.sub(r"(⟦A\d+⟧(?:\s*(?:/|,|and)\s*⟦A\d+⟧)+)\s+(?:with|using|by)\s+(?:the\s+)?"
                    r"(⟦A\d+⟧(?:\s*(?:,\s*and|,|and)\s*⟦A\d+⟧)+)", realised_list, masked)
    return masked, table


def _agents_in(span: str, table: dict[str, Mention]) -> list[Mention]:
    out: list[Mention] = []
    for key in re.findall(r"⟦A\d+⟧", span):
        m = table[key]
        if all(o.norm_id != m.norm_id for o in out):
            out.append(m)
    return out


def _targets_in(span: str, table: dict[str, Mention]) -> list[Mention]:
    return [table[k] for k in re.findall(r"⟦T\d+⟧", span)]


def _target_fields(t: Mention) -> tuple[str, str, str]:
    """(target_id, target_name, variant) of a GENE or VARIANT mention."""
    if t.label == "VARIANT":
        gene = _gene_of_variant(t.norm_name)
        return _gene_id(gene), gene, t.norm_name
    return t.norm_id, t.norm_name, ""


@lru_cache(maxsize=4096)
def _gene_id(symbol: str) -> str:
    from pipeline.names import hgnc_id

    return hgnc_id(symbol) or symbol


def _partner_target(partners: tuple[Mention, ...], named: frozenset[str] | None = None,
                    mediators: Mapping[str, str] | None = None,
                    drug: Mention | None = None) -> tuple[str, str]:
    """The partners' targets; with ``named``, only those the text names as a gene (a slot
    points at a mention: "SHP2 inhibitor" alone names no SHP2 gene mention); of several, the
    ones the paragraph names as resistance mediators (crizotinib after MET amplification: MET)."""
    from pipeline.names import target_name

    mediators = mediators or {}
    ids: list[str] = []
    for p in partners:
        own = set(agent_targets(p))
        # several targets of one family the text names as such ("blocking ERBB signalling with
        # afatinib"): the family
        family = next((f for f in sorted(named or ())
                       if len(own) > 1 and own <= family_members().get(f, frozenset())), "")
        if family:
            ids += [family] if family not in ids else []
            continue
        for t in agent_targets(p):
            # a family target narrows to the members the paragraph names as mediators, else
            # (when the family itself is not named) to the members it names at all: the FGFR
            # inhibitor erdafitinib after "FGFR1 was upregulated" -> FGFR1 (GUIDELINES 7.11)
            members = family_members().get(t, frozenset())
            hits = sorted(g for g in members if mediators.get(g, "") not in _ALTERED) or (
                sorted(g for g in members & named if g not in mediators)
                if named is not None and t not in named else [])
            for u in hits or ([t] if named is None or t in named else []):
                if u not in ids:
                    ids.append(u)
    if len(ids) > 1 and drug is not None:  # what the partner adds: lorlatinib plus crizotinib -> MET
        ids = [t for t in ids if t not in agent_targets(drug)] or ids
    if len(ids) > 1 and set(mediators) & set(ids):
        ids = [t for t in ids if t in mediators]
    if not ids:
        return "", ""
    return ";".join(ids), ";".join(target_name(t) for t in ids)


# mediator codes of a mutated or lost gene: a family inhibitor is not narrowed to it (a MEK
# inhibitor after MAP2K1 mutations keeps no target; after FGFR1 upregulation it is FGFR1's)
_ALTERED = ("", "BYPASS_ALTERATION", "SECONDARY_KRAS_ALTERATION")


def _reach(agent: Mention) -> list[str]:
    """An agent's targets and, for a family target, the family's member genes."""
    out = list(agent_targets(agent))
    for t in agent_targets(agent):
        out += sorted(family_members().get(t, frozenset()))
    return out


def _class_resisted(agent: Mention, resistant: frozenset[str]) -> bool:
    """A drug whose class the sentence says is resisted ("the rebound that follows MEK
    inhibition": trametinib)."""
    return agent.label == "DRUG" and any(class_for_target().get(t) in resistant for t in agent_targets(agent))


def _effect(sentence: str, rules: Rules) -> str:
    if rules.cues["negative_effect_cues"].search(sentence):
        return "negative"
    if rules.cues["positive_effect_cues"].search(sentence):
        return "positive"
    return "unknown"


# light references that may stand before the sentence's own agents ("it inhibits ..., and then
# X"; "the former has been paired with panitumumab")
_SUBJECT_REFERENCES = ("it", "its", "they", "the former", "the latter")
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|and/or)\s+)?")  # between two listed agents
_LIST_ITEM = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b)\s*(?:(?:the|a|an)\s+)?")
_ENUMERATION = 4  # a conjunctive run of this many items lists alternatives, not one regimen
_RUN = re.compile(rf"(?P<dist>\b(?i:either|both|neither)\s+)?(?P<run>{_AL})(?P<after>\s+(?:both|each)\b)?")
_EXEMPLARS = re.compile(r"\(\s*(?:i\.e\.|e\.g\.|such as|namely)\s*,?\s*[^()]*\)")
_COORDINATION = re.compile(r"\s*(?:,|and|or|, and|, or)\s*")
_OPTIONAL = re.compile(r"\+\s*/\s*[-\u2013\u2212]|\u00b1|,?\s*with or without\b")


def _host_agent(masked: str, m: re.Match[str], table: dict[str, Mention], rules: Rules,
                fallback: Mention | None = None) -> Mention | None:
    """The agent an added partner joins: the sentence's focus agent outside the match,
    else the nearest agent before the match, else ``fallback`` (the drug whose resistance
    the paragraph just stated: "... blunts sotorasib. Adding cetuximab abrogated it.")."""
    inside = set(re.findall(r"⟦A\d+⟧", m.group(0)))
    onto = re.match(r"\s+to\s+(?:the\s+|a\s+|an\s+)?(⟦A\d+⟧)", masked[m.end():])
    if onto:  # "the addition of crizotinib to sotorasib": the agent it is added to
        return table[onto.group(1)]
    added = {table[k].norm_id for k in inside}  # "... whereas everolimus alone": not its own host
    # an agent added elsewhere in the sentence is no host ("Adding TNO155 prevented regrowth,
    # whereas adding everolimus ...": both join the paragraph's drug, not each other)
    added |= {table[k].norm_id for a in ctx("added_elsewhere").finditer(masked) if a.start() != m.start()
              for k in re.findall(r"⟦A\d+⟧", a.group(0))}
    # (an agent after a colon or semicolon that follows the match belongs to the clause that
    # illustrates it: "Adding an EGFR antibody suppresses this loop: in CodeBreaK 300, sotorasib
    # plus panitumumab ..." is the paragraph's drug's)
    cut = re.compile(r"[:;]\s").search(masked, m.end())
    limit = cut.start() if cut else len(masked)
    outside = [(k.start(), table[k.group(0)]) for k in re.finditer(r"⟦A\d+⟧", masked)
               if k.group(0) not in inside and table[k.group(0)].norm_id not in added
               and (k.start() < limit or fallback is None)]
    clause_start = max([b.end() for b in re.finditer(r"[;,]\s|\bwhereas\b|\bwhile\b", masked[:m.start()])],
                       default=0)
    # the agents named before the match, those the text does not say were resisted if any (the host
    # of "it" / "its": "RMC-6236 suppressed cells with acquired resistance to sotorasib, and its
    # combination with RMC-6291 ...")
    # (not a prior therapy: "active regardless of previous TKI exposure; whether adding platinum
    # ..." is the active drug's)
    earlier = [a for pos, a in outside if pos < m.start()
               and not ctx("prior_therapy").search(masked[max(0, pos - 30):pos])] \
        or [a for pos, a in outside if pos < m.start()]
    unresisted = [a for pos, a in outside if pos < m.start()
                  and ctx("failed_regimen").search(masked[max(0, pos - 80):pos]) is None] or earlier
    if inside and all(is_focus(table[k], rules) for k in inside):
        # a KRAS inhibitor added to "it" joins an agent of another kind ("BI 1701963 prevented
        # reloading of RAS after KRAS G12C inhibition, and its combination with adagrasib ...")
        unresisted = [a for a in unresisted if not is_focus(a, rules)] or unresisted
    near = [a for pos, a in outside if clause_start <= pos < m.start()]
    if near:  # "TNO155 had a similar effect in combination with adagrasib"; of several, a focus
        # agent ("pairing ARS-1620 with an FGFR inhibitor or with linsitinib re-sensitised ...")
        return ([a for a in near if is_focus(a, rules)] or near)[-1]
    # "X is combined with A, whereas Y engages the GTP-bound, active form ... and is being tested
    # together with B": the agent of the added partner's own contrasted clause
    strong_start = max([b.end() for b in re.finditer(r";\s|\bwhereas\b|\bwhile\b", masked[:m.start()])],
                       default=-1)
    strong = [a for pos, a in outside if 0 <= strong_start <= pos < m.start()]
    if strong:
        return ([a for a in strong if is_focus(a, rules)] or strong)[-1]
    if re.match(r"(?i)\w+\s+it\b", m.group(0)) or ctx("pronoun_subject").match(masked, m.end()):
        # "sotorasib increased T-cell infiltration, and combining it with anti-PD-1 ..." ("... and
        # together with anti-PD-1 therapy it cured most mice"): "it" is the drug named last before
        # it (a drug before a class)
        if unresisted:
            return next((a for a in reversed(unresisted) if a.label == "DRUG"), unresisted[-1])
    if ctx("possessive_before").search(masked, max(0, m.start() - 40), m.start()):
        # "sotorasib increased T-cell infiltration, and its combination with anti-PD-1 ...": the
        # agent named last before the possessive, not the sentence's first focus agent
        if unresisted:
            return unresisted[-1]
    # the drug the models were made resistant to, in the clause ("in H358 cells made resistant
    # to adagrasib by MET amplification, capmatinib restored sensitivity") or just after the match
    # ("defactinib may re-sensitise cells that have become tolerant to sotorasib")
    resisted_after = ctx("resisted_model_after").match(masked, m.end())
    if resisted_after and resisted_after.group("agent") not in inside:
        return table[resisted_after.group("agent")]
    resisted = [a for pos, a in outside if pos < m.start()
                and ctx("resisted_model_before").search(masked[max(0, pos - 40):pos])]
    if resisted:
        return resisted[-1]
    focus = [a for _, a in outside if is_focus(a, rules)]
    if focus:
        return focus[0]
    if earlier:
        return earlier[-1]
    # "In combination with X, it ...", not an agent of a contrasted clause ("Neither X nor Y
    # prevented the rebound, whereas Z did")
    # (nor an agent of a coordinated clause after it when the paragraph names the resisted drug:
    # "Co-administration of cetuximab abolished this rebound, and in BEACON encorafenib plus
    # cetuximab ...")
    # (nor an agent named after it as given alone: "abrogated this feedback, an effect that EGFR
    # blockade alone did not reproduce")
    after = [a for pos, a in outside if pos >= m.end()
             and not re.search(r"\b(?:whereas|while|but)\b", masked[m.end():pos])
             and not re.match(r"⟦A\d+⟧\s+alone\b", masked[pos:])
             and not (fallback is not None and ctx("coordinated_clause").search(masked, m.end(), pos))]
    return after[0] if after else fallback


def agent_groups(span: str, table: dict[str, Mention], single: bool = False,
                 kinds: bool = True) -> list[list[Mention]]:
    """The agent sets a combination span stands for.

    Each coordinated run of agents is conjunctive ("X, Y and Z": one regimen) unless it is
    introduced by "either"/"both"/"neither", followed by "both"/"each" or joined by "or"/"nor",
    which distributes ("with either X or Y", "X and Y both restored ...": two regimens).
    Examples in brackets ("EGFR inhibitors (e.g., gefitinib)") stand for their class and are
    dropped. Three or more kinds of partner named in the plural distribute too ("EGFR
    antibodies, SHP2 inhibitors and SOS1 inhibitors added to ..."; two may be one triplet: "MEK
    inhibitors and SHP2 inhibitors were combined with adagrasib"), unless ``kinds`` is off (the
    sentence calls the regimen a triplet). The result is the product over runs.
    """
    span = _EXEMPLARS.sub("", span)
    # a relative clause after a listed agent is no part of the list ("cetuximab, which blocks EGFR,
    # and RMC-4550, which blocks SHP2, each restored ...")
    span = ctx("agent_relative_clause").sub(r"\1", span)
    both = re.search(r"(?:,\s*|,?\s+)or\s+(?:with\s+)?both\s*$", span)
    if both:  # "X with A, with B, or with both", "X with A, B or both": X+A, X+B, X+A+B
        core = span[:both.start()]
        cut = core.find(" with ")
        head = _agents_in(core[:cut], table) if cut > 0 else []
        alts = _agents_in(core[cut:] if cut > 0 else core, table)
        out = [head + [a] for a in alts] + ([head + alts] if len(alts) > 1 else [])
        return [g for g in out if len(g) >= (1 if single else 2)]
    parts = re.split(r"(?:,\s*|,?\s+(?:or|and)\s+|,?\s+(?:or|and)\s*,\s*separately\s*,\s*)with\s+"
                     r"(?!or\s+without\b)", span)  # (", with or without C" is an optional arm)
    cut = parts[0].rfind(" with ")
    if len(parts) > 1 and cut > 0:  # "X with A or with B": X+A and X+B
        head = _agents_in(parts[0][:cut], table)
        # (an arm of alternatives is one arm each: "..., with palbociclib and with pembrolizumab or
        # atezolizumab")
        arms: list[list[Mention]] = []
        for alt in [parts[0][cut:], *parts[1:]]:
            agents = _agents_in(alt, table)
            if len(agents) > 1 and ctx("alternative_arm").fullmatch(alt):
                arms += [[a] for a in agents]
            else:
                arms.append(agents)
        out = [list({a.norm_id: a for a in head + arm}.values()) for arm in arms]
        return [g for g in out if len(g) >= (1 if single else 2)]
    if _OPTIONAL.search(span):  # "A + B +/- C or D", "A plus B, with or without C"
        base, optional = _OPTIONAL.split(span, maxsplit=1)
        head = _agents_in(base, table)
        # "osimertinib with or without pemetrexed plus either cisplatin or carboplatin": the optional
        # doublet has alternatives, one arm each
        either = re.match(r"\s*(?:the\s+)?(⟦A\d+⟧)\s+(?:plus|\+|and)\s+either\s+"
                          r"((?:⟦A\d+⟧(?:\s*,\s*|\s+or\s+))+⟦A\d+⟧)", optional)
        if either:
            return [head + [table[either.group(1)], a] for a in _agents_in(either.group(2), table)]
        # (agents after the optional run join every arm: "avutometinib with or without defactinib
        # is being added to sotorasib")
        run = re.match(r"\s*(?:the\s+|an?\s+)?(?:[\w/-]+\s+){0,3}?"
                       r"(⟦A\d+⟧(?:\s*(?:,|,?\s*or|,?\s*and)\s*⟦A\d+⟧)*)", optional)
        # (the optional agents are alternatives, "with or without C or D", unless joined by "and":
        # "with or without platinum and pemetrexed" is one optional doublet)
        arms = [] if run is None else [_agents_in(run.group(1), table)] \
            if re.search(r"\band\b", run.group(1)) and not re.search(r"\bor\b", run.group(1)) \
            else [[a] for a in _agents_in(run.group(1), table)]
        rest = _agents_in(optional[run.end():], table) if run else []
        if rest:
            return [g for g in [head + rest] + [head + arm + rest for arm in arms] if len(g) >= 2]
        named = {h.norm_id for h in head}
        arms = [[a for a in arm if a.norm_id not in named] for arm in arms] if run else [
            [a] for a in _agents_in(optional, table) if a.norm_id not in named]
        return [g for g in [head] + [head + arm for arm in arms if arm] if len(g) >= 2]
    # "pemetrexed and carboplatin or cisplatin", "carboplatin or cisplatin plus pemetrexed": a
    # cytotoxic backbone with alternative platinum partners reads as "pemetrexed and either
    # carboplatin or cisplatin"
    def platinum_choice(m: re.Match[str], backbone: int, first: int, second: int) -> str:
        if all(a is not None and _cytotoxic(a) for a in map(table.get, m.groups())):
            return f"{m.group(backbone)} and either {m.group(first)} or {m.group(second)}"
        return m.group(0)
    span = re.sub(r"(⟦A\d+⟧)\s+and\s+(⟦A\d+⟧)\s+or\s+(⟦A\d+⟧)",
                  lambda m: platinum_choice(m, 1, 2, 3), span)
    span = re.sub(r"(⟦A\d+⟧)\s+or\s+(⟦A\d+⟧)\s+(?:plus|and|with|\+)\s+(⟦A\d+⟧)",
                  lambda m: platinum_choice(m, 3, 1, 2), span)
    either = re.search(r",?\s+and\s+either\s+", span)
    if either:  # "pemetrexed and either cisplatin or carboplatin": the head with each alternative
        heads = agent_groups(span[:either.start()], table, single=True) or [[]]
        run = re.match(r"⟦A\d+⟧(?:\s*(?:,|,?\s*or)\s*⟦A\d+⟧)*", span[either.end():])
        alts = _agents_in(run.group(0) if run else span[either.end():], table)
        rest = _agents_in(span[either.end() + run.end():], table) if run else []  # "... to osimertinib"
        out = [list({a.norm_id: a for a in h + [x] + rest}.values()) for h in heads for x in alts]
        return [g for g in out if len(g) >= (1 if single else 2)]
    choices: list[list[list[Mention]]] = []
    last_end = -1
    for m in _RUN.finditer(span):
        members = _agents_in(m.group("run"), table)
        if not members:
            continue
        if choices and re.fullmatch(r"\s*,?\s*(?:or|and/or)\s*", span[last_end:m.start()]):
            # "co-administration of cetuximab or afatinib with MRTX1133": the run broke before
            # "with"; the alternatives still distribute
            choices[-1] = choices[-1] + ([[x] for x in members] if all(len(o) == 1 for o in choices[-1])
                                         else [members])
            last_end = m.end()
            continue
        last_end = m.end()
        items = _LIST_ITEM.split(m.group("run"))
        if m.group("dist") or m.group("after"):
            choices.append([[x] for x in members])
        elif re.search(r"\b(?:or|nor)\b", m.group("run")):
            # alternatives; one joined by a slash or dash is one regimen ("trametinib, palbociclib or
            # carboplatin plus pemetrexed": carboplatin/pemetrexed is one arm)
            alts = [_agents_in(i, table) for i in re.split(r"\s*(?:,\s*(?:or\s+)?|\b(?:or|nor|and/or)\b)\s*",
                                                         m.group("run"))]
            choices.append([a for a in alts if a])
        elif kinds and len(members) >= 3 and all(x.label == "DRUG_CLASS" and re.search(r"s\W*$", x.text)
                                                 and not is_focus(x, load_rules()) for x in members) \
                and not ctx("multi_agent_regimen").search(span):
            # three kinds of partner named in the plural ("EGFR antibodies, SHP2 inhibitors and SOS1
            # inhibitors added to KRAS G12C inhibitors"): each kind is a regimen with the host
            choices.append([[x] for x in members])
        elif len(items) >= _ENUMERATION:
            # "X is combined with afatinib, trametinib, palbociclib, everolimus and
            # carboplatin-pemetrexed": an enumeration of arms, each item (a hyphen or slash
            # joins one regimen) with X
            choices.append([x for x in (_agents_in(i, table) for i in items) if x])
        else:
            choices.append([members])
    groups: list[list[Mention]] = [[]]
    for options in choices:
        groups = [g + o for g in groups for o in options]
    out = []
    for g in groups:
        uniq = list({a.norm_id: a for a in g}.values())
        if len(uniq) >= (1 if single else 2):
            out.append(uniq)
    return out


def _coordinated_focus(masked: str, agent: Mention, table: dict[str, Mention], rules: Rules,
                       skip: list[str]) -> list[Mention]:
    """The other KRAS inhibitors coordinated with a focus ``agent`` ("sotorasib and adagrasib",
    "sotorasib, adagrasib or divarasib"), none of the ``skip`` keys."""
    if agent.label != "DRUG" or not is_focus(agent, rules):
        return []
    at = _masked_span(agent, masked, table)
    for run in re.finditer(r"⟦A\d+⟧(?:(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)⟦A\d+⟧)+", masked):
        keys = re.findall(r"⟦A\d+⟧", run.group(0))
        if at is not None and run.start() <= at[0] < run.end() and not set(keys) & set(skip):
            return [table[k] for k in keys if table[k] is not agent and table[k].label == "DRUG"
                    and is_focus(table[k], rules)]
    return []


def _split_alternatives(group: list[Mention], rules: Rules) -> list[list[Mention]]:
    """Two KRAS inhibitors in one group are alternatives: one group per inhibitor, each with
    the rest of the group."""
    focus = {a.norm_id: a for a in group if a.label == "DRUG" and is_focus(a, rules)}
    rest = [a for a in group if a.norm_id not in focus]
    if len(focus) < 2 or not rest:
        return _same_target_partners(group, rules)
    return [h for f in focus.values() for h in _same_target_partners([f, *rest], rules)]


def _same_target_partners(group: list[Mention], rules: Rules) -> list[list[Mention]]:
    """Two small-molecule drugs of one target among a regimen's partners are alternatives
    ("defactinib and VS-4718 restored sensitivity to sotorasib": sotorasib + defactinib, sotorasib +
    VS-4718); antibodies are not (trastuzumab and pertuzumab are given together)."""
    by_target: dict[tuple[str, ...], list[Mention]] = {}
    for p in group:
        if p.label == "DRUG" and not is_focus(p, rules) and not p.norm_name.lower().endswith("mab") \
                and (targets := tuple(sorted(agent_targets(p)))):
            by_target.setdefault(targets, []).append(p)
    alike = next((ps for ps in by_target.values() if len({p.norm_id for p in ps}) > 1), None)
    rest = [p for p in group if alike is not None and p not in alike]
    if not rest:
        return [group]
    return [[p, *rest] for p in alike]


def combination_claims(masked: str, table: dict[str, Mention], sentence: str, rules: Rules,
                       mechanisms: list[Mention], offset: int = 0,
                       named_genes: frozenset[str] | None = None,
                       fallback: Mention | None = None,
                       resistant: frozenset[str] = frozenset(), causal_tie: bool = False,
                       previous: Claim | None = None, subject: Mention | None = None,
                       mediators: Mapping[str, str] | None = None,
                       para_host: Mention | None = None,
                       resisted_here: frozenset[str] = frozenset()) -> list[Claim]:
    """`combination` / `overcomes` claims from the combination patterns.

    The drug is a focus agent (a KRAS inhibitor) when one takes part, else the agent the
    pattern's roles name; the others are partners. A combination becomes `overcomes` when
    the sentence says it overcomes, restores sensitivity, blocks adaptive reactivation ...
    """
    # "Divarasib, more potent than sotorasib or adagrasib, has been paired with cetuximab": agents
    # compared against are in no regimen of the sentence (⟦X⟧ is matched by no pattern)
    masked = ctx("comparator_agents").sub(lambda m: m.group(1) + "⟦X⟧", masked)
    # "with trametinib, palbociclib or carboplatin plus pemetrexed": the last alternative of a list
    # is the doublet (joined like "carboplatin/pemetrexed"; not in a list of arms: "treated with
    # vehicle, X, Y or X plus Y")
    masked = ctx("alternative_doublet").sub(r"\1\2/\3", masked)
    # "switching the cells from palbociclib to abemaciclib": the agent left is in no regimen with
    # the one that replaces it
    switched = {table[m.group(2)].norm_id for m in ctx("switched_from").finditer(masked)}
    masked = ctx("switched_from").sub(lambda m: m.group(1) + "⟦X⟧", masked)
    claims: list[Claim] = []
    seen: set[tuple[str, ...]] = set()
    trial_spans: set[tuple[int, int]] = set()  # regimens named for their trial
    opener = _opening_clause_end(sentence)  # "Because X limits Y, combining ... may ...": a causal tie
    strong = bool(rules.cues["strong_overcome_cues"].search(sentence))  # any drug: explicit wording
    kinds = not ctx("multi_agent_regimen").search(sentence)  # (plural partner kinds distribute)
    tied = causal_tie or bool(opener and rules.cues["resistance_cues"].search(sentence[:opener]))
    # "... are ineffective because BRAF inhibition relieves feedback on EGFR; encorafenib was
    # therefore paired with cetuximab": a connective after a clause stating resistance
    inner = ctx("inner_connective").search(sentence)
    tied = tied or bool(inner and rules.cues["resistance_cues"].search(sentence[:inner.start()]))
    # "Cetuximab was added because feedback activation of EGFR blunts KRAS G12C inhibition": the
    # reason given for the regimen states the resistance it answers
    reason = ctx("added_because").search(sentence)
    tied = tied or bool(reason and rules.cues["resistance_cues"].search(sentence, reason.end()))
    # overcome wording, where it stands: the cues, and a mechanism the sentence says was blocked
    blocked_at = [m.start - offset for m in mechanisms
                  if re.search(r"\b(?:block|suppress|prevent|abrogat|diminish|decreas|reduc|inhibit|attenuat|"
                               r"overc[oa]m|revers|delay)\w*\b[^.;]{0,40}$",
                               sentence[:max(0, m.start - offset)], re.I)]
    cue_at = [m.start() for m in rules.cues["overcome_cues"].finditer(sentence)] + blocked_at
    never_given = list(ctx("never_given").finditer(sentence))  # "No trial has yet combined ..."
    # (not wording inside a later open question: "..., but whether upfront chemotherapy delays or
    # prevents histologic transformation has not been shown")
    asked = [(m.start(), m.end()) for m in re.finditer(
        r"(?:,|;)\s*(?:but|yet|although|though|and)?\s*whether\b[^.;]*", sentence, re.I)]
    # (nor in a negated concession: "..., although the doublet has not been compared between
    # CDKN2A-intact and CDKN2A-deleted tumours")
    asked += [(m.start(), m.end()) for m in ctx("negated_concession").finditer(sentence)]
    cue_at = [p for p in cue_at if not any(lo <= p < hi for lo, hi in asked)]
    overcome = tied or bool(cue_at)
    # the only overcome wording describes a subgroup of the population the regimen was given to
    # ("produced responses in patients with NSCLC and CRC, including some whose disease had
    # progressed on sotorasib"): the regimen's combination row stands beside the overcomes row
    subgroups = [(m.start(), m.end()) for m in ctx("subgroup_population").finditer(sentence)]
    subgroup_only = not tied and bool(cue_at) and all(any(lo <= p < hi for lo, hi in subgroups)
                                                     for p in cue_at)
    # an ongoing or planned trial with no process named is a combination, whatever population it
    # enrols ("is being tested ... in patients who progressed on a first-generation inhibitor", 7.14)
    ongoing = [] if strong or mechanisms else [
        _clause(sentence, m.start(), m.start(), "semicolon") for m in ctx("ongoing_trial").finditer(sentence)]
    for pat in rules.combination:
        for m in pat.regex.finditer(masked):
            if pat.not_after is not None and pat.not_after.search(masked[:m.start()]):
                continue
            if ctx("failed_regimen").search(masked, max(0, m.start() - 120), m.start()):
                continue  # "patients who progressed on encorafenib plus cetuximab": the regimen that failed
            if pat.lead_cytotoxic and not all(_cytotoxic(a) for a in _agents_in(m.group("lead"), table)):
                continue
            keys = re.findall(r"⟦A\d+⟧", m.group(0))
            span = (table[keys[0]].start, table[keys[-1]].end)
            # ("combined with A, with B, or with both": the match and its closing "or both")
            both = ctx("or_both_after").match(masked, m.end())
            whole = m.group(0) + (both.group(0) if both else "")
            if pat.claim_after:  # (the words after the match: "..., but the combination")
                last = list(re.finditer(r"⟦A\d+⟧", m.group(0)))[-1]
                end = table[keys[-1]].end + len(m.group(0)) - last.end() - offset  # (in the sentence)
                after = re.match(r"\s*(\S+(?:\s+\S+)?)", sentence[end:])
                span = (offset + end + after.start(1), offset + end + after.end(1)) if after else span
            drugs = _agents_in(m.group("drug"), table) if "drug" in pat.regex.groupindex \
                and m.group("drug") else []
            if pat.roles == "partner_only":
                # (the regimen named before the added agent: this sentence's, else the paragraph's)
                regimen = [c for c in claims if c.relation in ("combination", "overcomes")
                           and c.span[0] < span[0]] or ([previous] if previous is not None else [])
                to_regimen = ctx("to_the_regimen").match(masked, m.end()) or \
                    ctx("over_the_regimen").match(masked, m.end())
                if to_regimen and not regimen:
                    continue  # added to a regimen not named as one before: no agent to pair it with
                if to_regimen:
                    # "adding anti-PD-1 to the doublet", "adding X did not improve survival over the
                    # doublet": the regimen named before, plus the partner
                    base = [regimen[-1].drug, *regimen[-1].partners]
                    groups = [base + g for g in agent_groups(m.group(0), table, single=True, kinds=kinds)]
                    span = (min(base[0].start, span[0]), span[1])
                else:
                    # ("after KRAS G12C inhibition, pan-ERBB inhibitors were proposed as partners":
                    # a focus agent the match swept up is the host, not one of the partners)
                    swept = [table[k] for k in keys
                             if pat.paragraph_host and is_focus(table[k], rules)]
                    # "(When) combined with afatinib, sotorasib produced ...": the opening phrase's
                    # list swept up the main clause's subject after its comma; that is the host
                    opening = ctx("opening_partner_phrase").match(masked[:m.end()])
                    subject_after = re.search(r",\s*(⟦A\d+⟧)$", m.group(0)) if opening else None
                    if subject_after:
                        host = table[subject_after.group(1)]
                        swept = [host]
                    elif swept:
                        host = swept[-1]
                    elif subject is not None and ctx("pronoun_subject").match(masked, m.end()):
                        host = subject  # "In combination with adagrasib, it deepened ...": the agent named
                                        # alone in the sentence before
                    else:
                        host = _host_agent(masked, m, table, rules, fallback if overcome else None)
                        if pat.regimen_host and previous is not None and {
                                table[k].norm_id for k in keys} <= {p.norm_id for p in previous.partners}:
                            host = previous.drug  # "Cetuximab was added because ...": the regimen
                                                  # just named that it is a partner of
                    added_ids = {table[k].norm_id for k in keys}
                    named_with = [c.drug for c in claims if c.relation in ("combination", "overcomes")
                                  and added_ids <= {p.norm_id for p in c.partners}]
                    if host is not None and host.label == "DRUG_CLASS" and named_with \
                            and _is_class_of(host, named_with[-1]):
                        # "in patients who had progressed on a KRAS G12C inhibitor, divarasib plus
                        # cetuximab ..., indicating that adding cetuximab does not rescue ...": the
                        # member the sentence has just combined with it, not its class
                        host = named_with[-1]
                    if host is None and pat.paragraph_host:
                        host = para_host  # "SHP2 inhibitors have disappointed as partners": the
                                          # paragraph's focus agent
                    opening = host is None and ctx("opening_addition").match(masked) and m.start() < 40
                    if opening:
                        # "Organoids were largely insensitive to adagrasib. Adding cetuximab lowered
                        # the IC50 tenfold": an addition opening a sentence that names no other agent
                        # is made to the paragraph's latest regimen ("... sotorasib plus panitumumab.
                        # Adding FOLFIRI deepened responses": a triplet), else to the agent it has
                        # just named alone, else to its focus agent
                        host = previous.drug if previous is not None else subject or para_host
                    if host is None or host.norm_id in switched:
                        continue
                    if pat.distribute:
                        groups = [[host, x] for x in _agents_in(_EXEMPLARS.sub("", m.group(0)), table)
                                  if x not in swept]
                    elif subject_after:
                        groups = [[host, *g] for g in agent_groups(m.group(0)[:subject_after.start()], table,
                                                                   single=True, kinds=kinds)]
                    else:
                        # "resistance to sotorasib and adagrasib ..., in which TEAD inhibitors
                        # restored sensitivity": a KRAS inhibitor named with another is one host each
                        # (split into alternatives below)
                        hosts = [host, *_coordinated_focus(masked, host, table, rules, keys)]
                        if opening and previous is not None:
                            # (a partner the added agent names again is not kept beside it: "...
                            # osimertinib with pemetrexed plus carboplatin. The addition of
                            # chemotherapy ..." is osimertinib plus chemotherapy)
                            added = [table[k] for k in keys]
                            hosts = [previous.drug, *(p for p in previous.partners if not any(
                                x.norm_id == p.norm_id or agent_targets(x) and _is_class_of(x, p)
                                or _cytotoxic(x) and _cytotoxic(p) for x in added))]
                        groups = [[*hosts, *g] for g in agent_groups(whole, table, single=True, kinds=kinds)]
                    if host.start >= offset:  # (a host from an earlier sentence is not this claim's span)
                        span = (min(host.start, span[0]), max(host.end, span[1]))
            elif pat.distribute:
                members = _agents_in(m.group(0), table)
                if pat.roles == "second_is_drug":  # "X and Y each ... when added to Z": Z+X, Z+Y
                    groups = [[members[-1], x] for x in members[:-1]] \
                        if len(members) > 2 or not pat.plural_subject else []
                else:
                    groups = [[members[0], x] for x in members[1:]]
            else:
                groups = agent_groups(whole, table, kinds=kinds)
                if len(drugs) > 1 and overcome and (
                        not re.fullmatch(r"⟦A\d+⟧\s*(?:\band\b|[-/\u2013])\s*⟦A\d+⟧", m.group("drug").strip())
                        or re.search(r"\b(?:both|either)\s+$", masked[:m.start("drug")])
                        or all(is_focus(d, rules) for d in drugs)):
                    # "X restored sensitivity to both Y and Z" (or to sotorasib and adagrasib, two
                    # alternatives): Y+X, Z+X; but "adding X to Y and Z" is one regimen
                    partners = agent_groups(masked[m.start():m.start("drug")], table, single=True,
                                            kinds=kinds)
                    groups = [[d, *g] for d in drugs for g in partners]
            # two KRAS inhibitors in one group are alternatives, each with the rest ("TNO155
            # enhanced the activity of sotorasib and adagrasib": sotorasib + TNO155, adagrasib + TNO155)
            groups = [h for g in groups for h in _split_alternatives(g, rules)]
            # a placebo-controlled arm ("tucatinib or placebo was added to trastuzumab and
            # capecitabine"): the backbone the placebo was given with is a regimen of its own
            if placebo := ctx("placebo_arm").search(m.group(0)):
                without = table[placebo.group(1)]
                groups += [[a for a in g if a is not without] for g in groups
                           if without in g and len(g) >= 3]
            for agents in groups:
                agents = list({a.norm_id: a for a in agents}.values())
                if len(agents) < 2 or all(a.label == "DRUG" and is_focus(a, rules) for a in agents):
                    continue  # two KRAS inhibitors named side by side are alternatives, not a regimen
                # a pattern may name the drug's place: "adding X to (?P<drug>Y and Z)": Y, as the
                # added agent is the partner of an `overcomes` row (GUIDELINES 3); of several
                # drugs each overcome, the one of this group
                named = [a for a in agents if a in drugs][:1] if len(drugs) > 1 and overcome else \
                    [a for a in agents if drugs and a.norm_id == drugs[0].norm_id]
                if pat.roles == "second_is_drug" and overcome and not named:
                    # "restored sensitivity to X", "adding Y to X": X is the drug overcome (of
                    # alternatives split into groups, the last of this group's: "X enhanced
                    # sotorasib and adagrasib")
                    last = next(table[k] for k in reversed(keys) if table[k] in agents)
                    agents = [last] + [a for a in agents if a.norm_id != last.norm_id]
                focus = [a for a in agents if is_focus(a, rules)]
                resisted = [a for a in agents if a.norm_id in resistant or _class_resisted(a, resistant)]
                # (the agent this sentence says is resisted before one resisted earlier: "...limits
                # gefitinib. Cells become resistant to osimertinib ..., and gefitinib combined with
                # osimertinib restored growth control")
                before = {table[k].norm_id for k in re.findall(r"⟦A\d+⟧", masked[:m.start()])}
                resisted.sort(key=lambda a: a.norm_id not in resisted_here & before)
                # (a targeted agent before chemotherapy named first: "carboplatin and pemetrexed plus
                # pembrolizumab" is pembrolizumab's regimen)
                targeted = [] if _OPTIONAL.search(m.group(0)) else [
                    a for a in agents if not _cytotoxic(a)]  # (not "chemotherapy with or without X")
                # (not chemotherapy named as the drug's place when a targeted agent joins it: "adding
                # pembrolizumab to pemetrexed and a platinum agent" is pembrolizumab's regimen)
                # (nor an antibody backbone an agent is added to: "adding tucatinib to trastuzumab and
                # capecitabine", "olaparib added to bevacizumab" are the added agent's regimens)
                added = [a for a in targeted if a not in named]
                # (unless the paragraph said the backbone is resisted through a mediator the added agent
                # acts on: "PTEN loss has been associated with reduced benefit from trastuzumab ... the
                # EPIK-B2 trial adds alpelisib to trastuzumab and pertuzumab" is trastuzumab's regimen)
                remedy = bool(named) and named[0] in resisted and any(
                    set(_reach(a)) & set(mediators or ()) for a in added)
                if not overcome and named and added and _antibody(named[0]) \
                        and pat.roles == "second_is_drug" and not remedy:
                    named = added[:1]
                drug = focus[0] if focus else resisted[0] if overcome and resisted else \
                    named[0] if named and not (targeted and _cytotoxic(named[0])) else \
                    targeted[0] if targeted and _cytotoxic(agents[0]) else agents[0]
                if pat.roles == "second_is_drug" and overcome:
                    drug = named[0] if named else agents[0]  # "restore sensitivity ... to X": X is the drug
                    if resisted and drug not in resisted and not focus:
                        # "adding vemurafenib to irinotecan and cetuximab ... preventing the reactivation
                        # that limits BRAF inhibitors": the agent whose resistance is overcome
                        drug = resisted[0]
                # the drug's own class is no partner ("adding a KRAS G12C inhibitor" hosted by sotorasib)
                own = set(agent_targets(drug)) if drug.label == "DRUG" else set()
                own_class = {cid for cid, (_, ts) in class_table().items()
                             if own and ts and set(ts) <= own and not cid.endswith("_MAB")}
                # nor is a member of the drug's class: the class names that member again, which is
                # the drug ("sotorasib ... restored sensitivity to the KRAS inhibitor"; "dabrafenib
                # plus trametinib delays the reactivation that limits BRAF inhibitor monotherapy")
                members = set(agent_targets(drug)) if drug.label == "DRUG_CLASS" and \
                    not drug.norm_id.endswith("_MAB") else set()

                def member(a: Mention, members: set[str] = members) -> bool:
                    return bool(members) and a.label == "DRUG" and bool(agent_targets(a)) \
                        and set(agent_targets(a)) <= members

                instance = next((a for a in agents if a is not drug and member(a)), None)
                named_again = drug if instance is not None else None
                if instance is not None:
                    drug, members = instance, set()

                partners = tuple(sorted((a for a in agents if a is not drug and a.norm_id not in own_class
                                         and not member(a) and a is not named_again),
                                        key=lambda a: a.norm_name))
                key = (drug.norm_id, *sorted(p.norm_id for p in partners))
                if not partners:
                    continue
                # (or the regimen is the subject of a verb blocking a named resistance process:
                # "combining dabrafenib with trametinib delayed the reactivation of MAPK signalling",
                # GUIDELINES 7.14)
                blocks = any(0 <= p - (span[1] - offset) < 80 and not re.search(
                    r"[;:]|\b(?:whereas|while|but|although|which|that)\b", sentence[span[1] - offset:p])
                    for p in blocked_at)
                # (not a regimen the sentence says was never given: "No trial has yet combined
                # amivantamab with a KRAS G12C inhibitor to pre-empt MET-driven resistance")
                never = any(g.start() < span[0] - offset and not re.search(
                    r"[;:]|\b(?:although|though|but|whereas|while)\b", sentence[g.end():span[0] - offset])
                    for g in never_given)
                overcomes = overcome and not never and (
                    is_focus(drug, rules) or pat.roles == "second_is_drug" or drug.norm_id in resistant
                    or _class_resisted(drug, resistant) or strong or blocks) \
                    and not any(lo <= span[0] - offset < hi for lo, hi in ongoing) \
                    and not (drug.norm_id in rules.active_state_ids and drug.norm_id not in resistant)
                # (an inhibitor of the active state does not overcome the resistance the text
                # states for inactive-state inhibitors: "wild-type RAS drives MAPK rebound under
                # OFF-state G12C inhibitors; RMC-6236 is being combined with RMC-6291")
                # the regimen named for its trial ("tested in KRYSTAL-16 (adagrasib plus palbociclib;
                # NCT05178888)"): that trial's combination, beside any overcomes reading (7.14)
                if _trial_mention(sentence, span[0] - offset, span[1] - offset):
                    if ("trial", *key) in seen:
                        continue
                    seen.add(("trial", *key))
                    trial_spans.add(span)
                    claims.append(Claim("combination", drug, partners, "", "", "", "", "unknown",
                                        pat.id, pat.confidence, span))
                    if not overcomes:
                        continue
                if key in seen:
                    continue
                seen.add(key)
                if overcomes and subgroup_only and span[1] - offset <= min(lo for lo, _ in subgroups):
                    trial_spans.add(span)
                    claims.append(Claim("combination", drug, partners, "", "", "", "",
                                        _effect(sentence, rules), pat.id, pat.confidence, span))
                if overcomes:
                    tid, tname = _partner_target(partners, named_genes, mediators, drug)
                    mech = mechanisms[0].norm_id if mechanisms else ""
                    claims.append(Claim("overcomes", drug, partners, tid, tname, "", mech, "positive",
                                        f"OVC_{pat.id}", pat.confidence, span))
                else:
                    # SPEC: `target` is the partner's target for `overcomes` only
                    claims.append(Claim("combination", drug, partners, "", "", "", "",
                                        _effect(sentence, rules), pat.id, pat.confidence, span))
    # an added partner already inside a fuller regimen of the sentence is not a regimen of its own
    partner_only = {p.id for p in rules.combination if p.roles == "partner_only"}

    def agents_of(c: Claim) -> frozenset[str]:
        return frozenset([c.drug.norm_id, *(p.norm_id for p in c.partners)])

    full = [agents_of(c) for c in claims if c.rule_id.removeprefix("OVC_") not in partner_only]
    # one regimen read by two patterns with different roles ("bemcentinib, given together with
    # osimertinib, prevented resistance"): the `overcomes` reading only (GUIDELINES 7.14)
    overcoming = {agents_of(c) for c in claims if c.relation == "overcomes"}

    def inside_fuller(c: Claim) -> bool:
        # "adding X to Y plus Z": Y plus Z is the triplet's base; "Sotorasib | Trametinib +
        # panitumumab": the row's regimen is the triplet
        # "pairs X with carboplatin plus pemetrexed": the pair inside the triplet's span is no
        # regimen of its own (one match's "with or without" arms share its span and stay)
        return any(agents_of(c) < agents_of(o) and o.span[0] <= c.span[0] and c.span[1] <= o.span[1]
                   and o.span != c.span for o in claims)

    kept = [c for c in claims if (c.rule_id.removeprefix("OVC_") not in partner_only
                                  or not any(agents_of(c) <= f for f in full))
            and not (c.relation == "combination" and agents_of(c) in overcoming and c.span not in trial_spans)
            and not inside_fuller(c)]
    return kept if tied else _own_clause_wording(kept, cue_at, sentence, offset, rules)


def _own_clause_wording(claims: list[Claim], cue_at: list[int], sentence: str, offset: int,
                        rules: Rules) -> list[Claim]:
    """Regimens of coordinated clauses each take their own clause's wording: "Adding cetuximab
    to vemurafenib blunted this reactivation, and BEACON showed that encorafenib plus cetuximab
    prolonged survival": the overcome wording of the first clause does not make the second
    clause's regimen an `overcomes` claim (GUIDELINES 7.14, the tie is stated per regimen)."""
    breaks = [m.start() for m in ctx("coordinated_clause").finditer(sentence)]

    def clause_of(pos: int) -> int:
        return sum(b <= pos for b in breaks)

    regimens = [c for c in claims if c.relation in ("combination", "overcomes")]
    if len({clause_of(c.span[0] - offset) for c in regimens}) < 2:
        return claims
    # ("...; TNO155 had a similar effect with adagrasib": a clause saying "the same" inherits it)
    worded = {clause_of(p) for p in cue_at} | {
        clause_of(m.start()) for m in ctx("same_wording").finditer(sentence)}
    out = []
    for c in claims:
        if c.relation == "overcomes" and clause_of(c.span[0] - offset) not in worded:
            lo, hi = _clause(sentence, c.span[0] - offset, c.span[0] - offset, "coordinated_clause")
            c = replace(c, relation="combination", target_id="", target_name="", mechanism="",
                        effect=_effect(sentence[lo:hi], rules), rule_id=c.rule_id.removeprefix("OVC_"))
        out.append(c)
    return out


def _elliptical_contrast(claims: list[Claim], masked: str, table: dict[str, Mention], rules: Rules,
                         named: frozenset[str], mediators: Mapping[str, str]) -> list[Claim]:
    """The claim of a contrasting clause that leaves its predicate out: "lorlatinib inhibited ALK
    autophosphorylation, whereas alectinib did not" (alectinib inhibits ALK, negated by the
    assertion stage); "erdafitinib re-sensitized the cells to adagrasib, whereas bemcentinib did
    not" (the same regimen with bemcentinib as the partner). One claim per contrasted agent, copied
    from the claim just before it."""
    out: list[Claim] = []
    for m in ctx("elliptic_agent").finditer(masked):
        z = table[m.group("agent")]
        before = [c for c in claims if c.span[1] <= z.start and c.relation != "resistance"]
        if not before:
            continue
        last = max(c.span[1] for c in before)
        for c in [c for c in before if c.span[1] == last]:
            if z.norm_id in {c.drug.norm_id, *(p.norm_id for p in c.partners)}:
                continue
            if c.relation == "inhibits" or is_focus(z, rules) and is_focus(c.drug, rules):
                new = replace(c, drug=z)  # the contrasted agent takes the drug's place
            elif is_focus(z, rules) or len(c.partners) != 1:
                continue  # no single place for it
            else:  # ... or the one partner's
                tid, tname = _partner_target((z,), named, mediators, c.drug) if c.relation == "overcomes" \
                    else ("", "")
                new = replace(c, partners=(z,), target_id=tid, target_name=tname)
            out.append(replace(new, rule_id=new.rule_id + "+ELLIPSIS", span=(z.start, z.end),
                               confidence=new.confidence * 0.85))
    return out


def _next_arm_population(claim: Claim, claims: list[Claim], cancers: list[Mention],
                         text: str) -> list[Mention]:
    """A table printed one cell per line lists a trial's arms in consecutive cells before the
    population cell ("Sotorasib + carboplatin + pemetrexed" / "Pembrolizumab + carboplatin +
    pemetrexed" / "First-line non-squamous NSCLC"): an arm whose own line names no cancer takes
    the cancers of the first line after it that is not another arm."""
    if claim.relation not in ("combination", "overcomes"):
        return []
    lo, hi = _line_span(text, *claim.span)
    if any(lo <= c.start and c.end <= hi for c in cancers):
        return []
    arm_starts = {_line_span(text, *c.span)[0] for c in claims if c.relation in ("combination", "overcomes")}
    pos = hi + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip() and pos not in arm_starts:
            return [c for c in cancers if pos <= c.start and c.end <= end]
        pos = end + 1
    return []


def _doublets_denied(claims: list[Claim], sent: Sentence) -> list[Claim]:
    """"sotorasib combined with a PI3K inhibitor and an SHP2 inhibitor overcame this resistance,
    whereas neither doublet did": the drug with each partner alone, the same claim denied (the
    assertion stage reads "neither" before the span, which starts at "doublet")."""
    m = ctx("neither_doublet").search(sent.text)
    if m is None:
        return []
    span = (sent.start + m.start("head"), sent.start + m.end())
    out = []
    for c in claims:
        if c.relation in ("combination", "overcomes") and len(c.partners) >= 2 and c.span[1] <= span[0]:
            # (the triplet's target stays with the partner that acts on it)
            out += [replace(c, partners=(p,), rule_id=c.rule_id + "+DOUBLET", span=span,
                            confidence=c.confidence * 0.85,
                            **({} if c.target_id in _reach(p) else {"target_id": "", "target_name": ""}))
                    for p in c.partners]
    return out


def _partner_blocks_process(sent: Sentence, masked: str, table: dict[str, Mention],
                            mechanisms: list[Mention], drugs: list[Mention], named: frozenset[str],
                            rules: Rules) -> list[Claim]:
    """A sentence naming no focus agent in which agents block a resistance process ("SOS1
    inhibitors may blunt the adaptive reloading of KRAS with GTP", "TNO155 blocked this adaptive
    feedback"): `overcomes` of the paragraph's focus drug ``drugs``, each blocking agent a partner
    (its subject, in the clause of the verb), the process its mechanism."""
    kept = [table[k] for k in re.findall(r"⟦A\d+⟧", masked)]
    focus = [a for a in kept if is_focus(a, rules)]
    if focus:  # a focus agent named only as the drug the process limits ("prevents the EGFR
               # feedback that limits sotorasib monotherapy") is the resisted drug, not a partner
        resisted, _ = _resistance_agents(masked, table, focus, rules)
        if any(a not in resisted for a in focus):
            return []
        drugs = list({a.norm_id: a for a in resisted}.values())
        kept = [a for a in kept if not is_focus(a, rules)]
    if not drugs or not kept:
        return []
    out: list[Claim] = []
    # the process named, or referred back to ("Cetuximab abrogated the feedback", "blunted this
    # adaptation": the paragraph's resistance, whose code the overcoming stage fills in)
    # (a gene the referring phrase names gives its process: "blocked this EGFR activation")
    processes = [(x.start, x.end, x.norm_id) for x in mechanisms] + [
        (sent.start + b.start(), sent.start + b.end(),
         next((c for g in _genes_named_in(b.group(0)) if (c := mediator_mechanisms().get(g, ""))), ""))
        for b in ctx("blocked_back_reference").finditer(sent.text)
        if not any(x.start <= sent.start + b.end() and sent.start + b.start() <= x.end for x in mechanisms)]
    for x_start, x_end, code in processes:
        xs = x_start - sent.start
        verb = ctx("blocks_process").search(sent.text, max(0, xs - 60), xs)
        if verb is None or code in _ALTERED[1:] \
                or rules.cues["combination_anaphora"].search(sent.text, 0, xs):
            continue  # (a clause about a regimen, "adding X to this doublet blocked ...", is not this claim)
        lo, _ = _clause(sent.text, verb.start(), verb.end())
        wide, _ = _clause(sent.text, verb.start(), verb.end(), "coordinated_clause")
        subjects = [a for a in kept if lo <= a.start - sent.start and a.end - sent.start <= verb.start()] \
            or [a for a in kept if wide <= a.start - sent.start and a.end - sent.start <= verb.start()][:1]
        for partner in list({a.norm_id: a for a in subjects}.values()):
            for drug in drugs:
                tid, tname = _partner_target((partner,), named, [], drug)
                out.append(Claim("overcomes", drug, (partner,), tid, tname, "", code, "positive",
                                 "OVC_PARTNER_BLOCKS_PROCESS+CONTEXT", 0.55, (partner.start, x_end)))
    return list({(c.drug.norm_id, c.partners[0].norm_id, c.mechanism): c for c in out}.values())


def _own_clause_targets(c: Claim, claims: list[Claim], named: list[Mention], sent: Sentence) -> Claim:
    """An `overcomes` claim with several targets keeps those named in its own coordinated clause
    when another regimen of the sentence stands in another one ("... MET amplification ...
    responded when crizotinib was added, and a second patient with an acquired EML4-ALK fusion
    benefited from alectinib": crizotinib's MET, not ALK)."""
    if c.relation != "overcomes" or ";" not in c.target_id:
        return c
    lo, hi = _clause(sent.text, c.span[0] - sent.start, c.span[1] - sent.start, "coordinated_clause")
    if not any(o is not c and o.relation in ("combination", "overcomes")
               and not lo <= o.span[0] - sent.start < hi for o in claims):
        return c
    # (a gene named inside a mechanism mention counts: "MET amplification", "EML4-ALK fusion")
    here = {g for t in named if lo <= t.start - sent.start < hi
            for g in ([_target_fields(t)[0]] if t.label != "MECHANISM" else _genes_named_in(t.text))}
    ids = c.target_id.split(";")
    kept = [(t, n) for t, n in zip(ids, c.target_name.split(";"), strict=True) if t in here]
    if not kept or len(kept) == len(ids):
        return c
    return replace(c, target_id=";".join(t for t, _ in kept), target_name=";".join(n for _, n in kept))


def _trial_mention(sentence: str, lo: int, hi: int) -> bool:
    """A regimen (sentence offsets ``lo``..``hi``) named as a trial's: "... in SAFFRON (NCT...)"
    after it, or "tested in KRYSTAL-16 (" right before it."""
    return ctx("trial_regimen").match(sentence, hi) is not None \
        or ctx("trial_before").search(sentence[max(0, lo - 80):lo]) is not None


def _treated_regimen(sentence: str, lo: int) -> bool:
    """"ctDNA from patients treated with encorafenib plus cetuximab revealed emerging KRAS
    mutations": the regimen resistance arose under is named like a trial's (the combination was
    given), not as one aimed at that resistance."""
    return ctx("acquired_under").search(sentence) is not None \
        and ctx("treated_with_before").search(sentence[max(0, lo - 40):lo]) is not None


def anaphoric_combination(sent: Sentence, prev: Claim, rules: Rules,
                          latest: Sequence[Claim] = (), named: frozenset[str] = frozenset()) -> list[Claim]:
    """"The combination delayed resistance", "this regimen also increased T-cell
    infiltration": a light reference to the paragraph's latest combination (documented
    anaphora rule), `overcomes` under overcome wording, else `combination`. A plural one ("both
    combinations", "these doublets") takes every regimen of the latest sentence that named any.
    An `overcomes` row of a regimen that had none takes the partner's target among the genes the
    paragraph has named so far (``named``: "Cetuximab appears to counter the feedback through EGFR
    ..., and this combination ..."; "We asked whether blocking SHP2 could ... . The doublet
    prevented the pERK rebound")."""
    regimens = list({(c.drug.norm_id, tuple(p.norm_id for p in c.partners)): c for c in latest}.values())
    order = list(ctx("former_latter_regimen").finditer(sent.text))
    if len(regimens) == 2 and order and rules.cues["combination_anaphora"].search(sent.text) is None:
        # "... evaluated with sotorasib: trametinib and RMC-4630. With the former, responses were
        # infrequent; the latter produced a response rate of 27%": each names one of the two
        # regimens just named
        out = []
        for m in order:
            ref = regimens[0] if m.group("which").lower() == "former" else regimens[1]
            span = (sent.start + m.start("ref"), sent.start + m.end())  # (the clause it opens)
            out.append(Claim("combination", ref.drug, ref.partners, "", "", "", "", _effect(sent.text, rules),
                             "COMB_ANAPHOR", 0.55, span))
        return out
    m = rules.cues["combination_anaphora"].search(sent.text)
    if m is None or ctx("open_question").search(sent.text) and not ctx("ongoing_trial").search(sent.text):
        return []  # (an open question about the regimens just named is no new claim: "Whether such
                   # doublets are tolerable is doubtful", "clinical data for these doublets are lacking";
                   # a trial now testing it still is)
    span = (sent.start + m.start(), sent.start + m.end())
    overcome = bool(rules.cues["overcome_cues"].search(sent.text))
    plural = (re.search(r"(?:s|ies)\b", m.group(0))
              or re.match(r"(?i)\W*(?:each|either|both)\b", m.group(0))) and len(latest) > 1
    out = []
    referred = regimens if plural else [prev]
    for ref in referred:
        kind = "overcomes" if overcome and (is_focus(ref.drug, rules) or ref.relation == "overcomes") \
            else "combination"
        effect = "positive" if kind == "overcomes" else _effect(sent.text, rules)
        rule = ("OVC_" if kind == "overcomes" else "") + "COMB_ANAPHOR"
        target = ("", "") if kind != "overcomes" else (ref.target_id, ref.target_name) \
            if ref.relation == "overcomes" else _partner_target(ref.partners, named, drug=ref.drug)
        out.append(Claim(kind, ref.drug, ref.partners, target[0], target[1], "",
                         ref.mechanism if kind == "overcomes" else "", effect, rule, 0.6, span))
    return out


_CELLS = re.compile(r"\s*(?:\||\t)\s*")


def _row_cells(lo: int, line: str) -> list[tuple[int, int]]:
    """The spans of a table row's cells ("|" or tab separated)."""
    cells, at = [], lo
    for part in re.split(r"(\s*(?:\||\t)\s*)", line):
        if part and not _CELLS.fullmatch(part):
            cells.append((at, at + len(part)))
        at += len(part)
    return cells


def _table_cells(sent: Sentence, agents: list[Mention],
                 header: list[str] | None = None) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """A flattened table's header cells and its rows as cell spans: rows of cells split by "|" or
    tabs under a header row of as many (or, for a sentence that is one row of a table, under that
    table's ``header``); else, for a table printed one cell per line, the lines after the caption
    up to the first naming a drug are the header and the lines after it come in runs of as many.
    ([], []) when the sentence holds no such table."""
    if header is not None:
        cells = _row_cells(sent.start, sent.text)
        return (header, [cells]) if len(cells) == len(header) > 1 else ([], [])
    lines, pos = [], sent.start
    for line in sent.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    first_row = next((i for i, (_, line) in enumerate(lines) if _CELLS.search(line)), None)
    if first_row is not None:
        names = _CELLS.split(lines[first_row][1].strip())
        rows = [cells for lo, line in lines[first_row + 1:]
                if len(cells := _row_cells(lo, line)) == len(names)]
        return names, rows
    start = 1 if re.match(r"\s*(?:Table|Figure)\s+S?\d+", lines[0][1]) else 0
    first = next((i for i, (lo, line) in enumerate(lines) if i > start and any(
        lo <= a.start < lo + len(line) and a.label == "DRUG" for a in agents)), None)
    if first is None or first - start < 2:
        return [], []
    body = [(lo, lo + len(line)) for lo, line in lines[first:]]
    # (a caption's second line may stand before the header: of the header widths that leave whole
    # rows, the widest)
    width = next((w for w in range(first - start, 1, -1) if len(body) % w == 0), first - start)
    names = [line.strip() for _, line in lines[first - width:first]]
    return names, [body[i:i + width] for i in range(0, len(body) - width + 1, width)]


def _header_row(rows: Sequence[tuple[str, ...]], row: tuple[str, ...]) -> tuple[str, ...] | None:
    """The header of a table row: the first row of the run of rows as wide as it that holds it
    (None for the header itself, or a row the table does not hold)."""
    at = next((i for i, r in enumerate(rows) if tuple(c.strip() for c in r) == row), None)
    if at is None:
        return None
    first = at
    while first and len(rows[first - 1]) == len(row):
        first -= 1
    return rows[first] if first < at else None


def _masked_cell(text: str, offset: int, agents: list[Mention]) -> tuple[str, dict[str, Mention]]:
    """A cell's text with its agents as placeholders (for ``agent_groups``)."""
    table: dict[str, Mention] = {}
    out, pos = [], 0
    for i, a in enumerate(sorted(agents, key=lambda a: a.start)):
        s0, e0 = a.start - offset, a.end - offset
        if s0 < pos:
            continue
        out += [text[pos:s0], f"⟦A{i}⟧"]
        table[f"⟦A{i}⟧"] = a
        pos = e0
    return "".join(out) + text[pos:], table


def _agent_table_rows(sent: Sentence, agents: list[Mention], targets: list[Mention],
                      claims: list[Claim], rules: Rules, header: list[str] | None = None) -> list[Claim]:
    """A table of agents with a "Target" column ("Partner agent | Target | Mode of action", then
    "TNO155 | SHP2 | allosteric ..."): each row's agent acts on the genes of its target cell
    (`inhibits`); and a "Partner(s)" column names the agents the row's agent is combined with."""
    names, rows = _table_cells(sent, agents, header)
    t_col = next((j for j, n in enumerate(names) if j and ctx("target_column").fullmatch(n.strip())), None)
    p_col = next((j for j, n in enumerate(names) if j and ctx("partner_column").match(n.strip())), None)
    if t_col is None and p_col is None:
        return claims
    out: list[Claim] = []
    for cells in rows:
        lo0, hi0 = cells[0]
        own = list({a.norm_id: a for a in agents if lo0 <= a.start < hi0 and a.label == "DRUG"}.values())
        if len(own) != 1:
            continue
        drug, span = own[0], (cells[0][0], cells[-1][1])
        if t_col is not None:
            lo, hi = cells[t_col]
            for t in [t for t in targets if lo <= t.start < hi][:rules.max_mediators]:
                tid, tname, variant = _target_fields(t)
                out.append(Claim("inhibits", drug, (), tid, tname, variant, "", "", "INH_TARGET_COLUMN", 0.6,
                                 span))
        if p_col is not None:
            lo, hi = cells[p_col]
            partners = [a for a in agents if lo <= a.start < hi and a.norm_id != drug.norm_id]
            if partners:
                masked, table = _masked_cell(sent.text[lo - sent.start:hi - sent.start], lo, partners)
                for group in agent_groups(masked, table, single=True):
                    out.append(Claim("combination", drug, tuple(group), "", "", "", "",
                                     _effect(sent.text[span[0] - sent.start:span[1] - sent.start], rules),
                                     "COMB_PARTNER_COLUMN", 0.6, span))
    if not out:
        return claims
    covered = [(c.span[0], c.span[1]) for c in out]
    # the row's own regimen wording ("trastuzumab + capecitabine") is the partner cell: replaced
    return [c for c in claims if not (c.relation == "combination" and p_col is not None and any(
        lo <= c.span[0] < hi for lo, hi in covered))] + out


def _overcome_table_rows(sent: Sentence, agents: list[Mention], targets: list[Mention],
                         mechanisms: list[Mention], claims: list[Claim], rules: Rules,
                         header: list[str] | None = None, caption: str = "",
                         caption_agents: list[Mention] | None = None) -> list[Claim]:
    """A table whose caption says its combinations overcome resistance to one drug ("Partners shown
    to overcome resistance mechanisms of KRAS G12C inhibitors", then "Mechanism | Partner |
    Evidence" and "EGFR feedback | cetuximab or panitumumab | clinical"): each row is an
    `overcomes` claim of that drug with the row's partners, the mechanism of the row's mechanism
    cell and the partner's target the row names; a row reporting no gain is a combination."""
    names, rows = _table_cells(sent, agents, header)
    if not rows:
        return claims
    if header is None:  # the caption: the lines before the header row
        lines = sent.text.split("\n")
        head_at = next((i for i, line in enumerate(lines) if _CELLS.search(line)), None)
        if not head_at:
            return claims
        cap_end = sent.start + len("\n".join(lines[:head_at]))
        caption = sent.text[:cap_end - sent.start]
        caption_agents = [a for a in agents if a.end <= cap_end]
    base = list({a.norm_id: a for a in caption_agents or [] if a.label in ("DRUG", "DRUG_CLASS")}.values())
    if len(base) != 1 or not ctx("overcome_caption").search(caption):
        return claims
    drug = base[0]
    m_col = next((j for j, n in enumerate(names) if ctx("mechanism_column").search(n)), None)
    p_col = next((j for j, n in enumerate(names) if ctx("partner_column").match(n.strip())
                  or re.match(r"(?i)\s*(?:combination|regimen)s?\s*$", n)), None)
    if m_col is None or p_col is None or m_col == p_col:
        return claims
    out: list[Claim] = []
    for cells in rows:
        span = (cells[0][0], cells[-1][1])
        lo, hi = cells[p_col]
        partners = [a for a in agents if lo <= a.start < hi and a.norm_id != drug.norm_id
                    and not _is_class_of(drug, a)]
        if not partners:
            continue
        m_lo, m_hi = cells[m_col]
        own = [x for x in mechanisms if m_lo <= x.start < m_hi]
        genes = [t for t in targets if lo <= t.start < hi or m_lo <= t.start < m_hi
                 or any(c0 <= t.start < c1 for c0, c1 in cells if (c0, c1) not in ((lo, hi),))]
        named = frozenset(_target_fields(t)[0] for t in genes) | frozenset(
            g for x in own for g in _genes_named_in(x.text))
        cell_genes = [t for t in targets if m_lo <= t.start < m_hi]
        cell = sent.text[m_lo - sent.start:m_hi - sent.start]
        altered = bool(rules.cues["alteration_cues"].search(cell)) or "alteration" in names[m_col].lower() \
            or any(t.label == "VARIANT" for t in cell_genes)
        code = own[0].norm_id if own else next((
            _alteration_code(_target_fields(t)[1], _target_fields(t)[0], frozenset(agent_targets(drug)))
            if altered else mediator_mechanisms().get(_target_fields(t)[0], "") for t in cell_genes), "")
        row_text = sent.text[span[0] - sent.start:span[1] - sent.start]
        failed = _effect(row_text, rules) == "negative"
        masked, table = _masked_cell(sent.text[lo - sent.start:hi - sent.start], lo, partners)
        for group in agent_groups(masked, table, single=True):
            if failed:
                out.append(Claim("combination", drug, tuple(group), "", "", "", "", "negative",
                                 "COMB_OVERCOME_TABLE_NO_GAIN", 0.6, span))
                continue
            tid, tname = _partner_target(tuple(group), named, {}, drug)
            out.append(Claim("overcomes", drug, tuple(group), tid, tname, "", code, "positive",
                             "OVC_OVERCOME_TABLE", 0.6, span))
    if not out:
        return claims
    rows_at = [(c[0][0], c[-1][1]) for c in rows]
    # the table's own rows replace what the sentence rules read from them
    return [c for c in claims if c.relation == "inhibits" or not any(
        lo <= c.span[0] < hi or c.anchor and lo <= c.anchor[0] < hi for lo, hi in rows_at)] + out


_TABLE_ROW_RULES = ("OVC_OVERCOME_TABLE", "COMB_OVERCOME_TABLE_NO_GAIN")


def _count_table_rows(sent: Sentence, agents: list[Mention], targets: list[Mention],
                      mechanisms: list[Mention], claims: list[Claim]) -> list[Claim]:
    """A table of alterations counted per drug ("Alteration | Sotorasib (n=27) | Adagrasib
    (n=19)", then "MET amplification | 3 | 2"): one `resistance` row per alteration and drug
    with a count above zero; they replace the sentence's other resistance rows."""
    lines, pos = [], sent.start
    for line in sent.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    header = next((i for i, (_, line) in enumerate(lines) if _CELLS.search(line)), None)
    if header is None:
        return claims
    h_lo, h_line = lines[header]
    cells = _CELLS.split(h_line)
    starts = [h_lo + m.end() for m in _CELLS.finditer(h_line)]
    if len(cells) < 3 or len(starts) != len(cells) - 1:
        return claims
    drugs = []
    for j, c0 in enumerate(starts):
        c1 = c0 + len(cells[j + 1])
        found = [a for a in agents if a.label == "DRUG" and c0 <= a.start < c1]
        if len(found) != 1:
            return claims
        drugs.append(found[0])
    if any(a.start < starts[0] for a in agents if h_lo <= a.start):
        return claims  # the first column names an agent: not an alteration column
    out: list[Claim] = []
    for lo, line in lines[header + 1:]:
        row = _CELLS.split(line)
        if len(row) != len(cells):
            continue
        hi0 = lo + len(row[0])
        mech = [x for x in mechanisms if lo <= x.start < hi0]
        genes = [t for t in targets if lo <= t.start < hi0]
        if mech:
            tid, tname = _mediator_in_phrase(mech[0])
            found = [(tid, tname, mech[0].norm_id)]
        elif genes:
            tid, tname, _ = _target_fields(genes[0])
            found = [(tid, tname, "")]
        else:
            continue
        for j, drug in enumerate(drugs):
            n = re.match(r"\s*(\d+)", row[j + 1])
            if n is None or int(n.group(1)) == 0:
                continue
            for tid, tname, code in found:
                code = code or _alteration_code(tname, tid, frozenset(agent_targets(drug)))
                if code in ("BYPASS_ALTERATION", "SECONDARY_KRAS_ALTERATION") and tid:
                    code = _alteration_code(tname, tid, frozenset(agent_targets(drug)))
                out.append(Claim("resistance", drug, (), tid, tname, "", code, "", "RES_COUNT_TABLE", 0.6,
                                 (lo, lo + len(line))))
    if not out:
        return claims
    return [c for c in claims if c.relation != "resistance"] + out


def _caption_base_rows(sent: Sentence, agents: list[Mention], claims: list[Claim],
                       rules: Rules) -> list[Claim]:
    """A table whose caption names one drug and its partners ("Preclinical combinations with
    adagrasib", then rows "H358 xenograft (NSCLC) | TNO155 | regression"): each row's agents are
    that drug's partners, and a row's own regimen ("Panitumumab + FOLFIRI") joins the drug."""
    lines, pos = [], sent.start
    for line in sent.text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if len(lines) < 3 or not ctx("caption_base").search(sent.text, 0, lines[0][1] - sent.start):
        return claims
    heads = {a.norm_id: a for a in agents if a.label == "DRUG" and a.end <= lines[0][1]}
    if len(heads) != 1:
        return claims
    base = next(iter(heads.values()))
    # (the caption's own wording is no regimen: "combinations with adagrasib" pairs it with no one)
    out = [c for c in claims if c.span[0] < lines[0][1] and c.relation not in ("combination", "overcomes")]
    for lo, hi in _cell_rows(sent, agents, base, lines):
        # (a row's drugs other than the base; a class word in a row is a column name or a population:
        # "MET inhibitor", "progressed on EGFR TKI")
        row = [a for a in agents if lo <= a.start < hi and a.label == "DRUG" and a.norm_id != base.norm_id]
        own = [c for c in claims if lo <= c.span[0] < hi]
        if not row or any(c.drug.norm_id == base.norm_id or base.norm_id in {p.norm_id for p in c.partners}
                          for c in own):
            out += own
            continue
        regimens = [c for c in own if c.relation in ("combination", "overcomes")]
        out += [c for c in own if c not in regimens]
        for c in regimens:
            arm = sorted({a.norm_id: a for a in (c.drug, *c.partners)}.values(), key=lambda a: a.start)
            if "\n" in sent.text[lo - sent.start:hi - sent.start]:
                c = replace(c, span=(lo, hi))  # a row of several lines: the cells are the row's
            out.append(replace(c, drug=base, partners=tuple(arm), rule_id=c.rule_id + "+CAPTION"))
            # "Panitumumab ± FOLFIRI": the arm without the optional agents too
            opt = _OPTIONAL.search(sent.text, c.span[0] - sent.start, c.span[1] - sent.start)
            head = tuple(a for a in arm if opt is None or a.end <= sent.start + opt.start())
            if opt is not None and head and len(head) < len(arm):
                out.append(replace(c, drug=base, partners=head, rule_id=c.rule_id + "+CAPTION"))
        if not regimens:
            out.append(Claim("combination", base, tuple({a.norm_id: a for a in row}.values()), "", "", "",
                             "", _effect(sent.text[lo - sent.start:hi - sent.start], rules),
                             "COMB_CAPTION_BASE", 0.6, (lo, hi)))
    return out


def _cell_rows(sent: Sentence, agents: list[Mention], base: Mention,
               lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The rows under a caption: its lines, or, for a table printed one cell per line ("Partner",
    "Setting", "Trial", then "Panitumumab", "Chemorefractory CRC", "CodeBreaK 300"), runs of as
    many lines as the header has cells, the header being the lines before the first that names a
    drug other than the caption's; lines after the last whole run stay rows of their own."""
    if any(_CELLS.search(sent.text, lo - sent.start, hi - sent.start) for lo, hi in lines):
        return lines[1:]
    first = next((i for i, (lo, hi) in enumerate(lines) if i and any(
        lo <= a.start < hi and a.label == "DRUG" and a.norm_id != base.norm_id for a in agents)), None)
    width = (first or 0) - 1
    if width < 2 or first is None:
        return lines[1:]
    body = lines[first:]
    whole = len(body) // width * width
    runs = [(body[i][0], body[i + width - 1][1]) for i in range(0, whole, width)]
    return lines[1:first] + runs + body[whole:]


def _examples_as_class(agents: list[Mention]) -> list[Mention]:
    """Members named right after their class as its examples ("MEK inhibitors such as trametinib
    and selumetinib") stand for the class (GUIDELINES 7.11); a class in apposition after a drug
    ("osimertinib, the standard EGFR TKI") leaves the drug."""
    kept = _classes_for_examples(agents)
    return [a for a in agents if a in kept or not any(
        c.label == "DRUG_CLASS" and c.start < a.start <= c.end + 60 for c in agents)]


_MEANS = re.compile(r"\bby\s+(?:\w+ly\s+)?(?:blocking|inhibiting|targeting|suppressing|co-?targeting)\b")


def _stated_partner_targets(claims: list[Claim], text: str) -> list[Claim]:
    """An `overcomes` claim with no target, or with one of them, takes the targets the sentence
    itself says its partner acts on ("adding daraxonrasib, which also inhibits mutant NRAS,
    restored ...": NRAS), if the vocabularies know them as the partner's (a readout it lowers,
    pERK, is none)."""
    acts: dict[str, list[tuple[str, str]]] = {}
    means_acts: dict[str, list[tuple[str, str]]] = {}
    for c in claims:
        if c.relation == "inhibits" and c.target_id:
            acts.setdefault(c.drug.norm_id, []).append((c.target_id, c.target_name))
            if _MEANS.search(text[c.span[0]:c.span[1]]):
                means_acts.setdefault(c.drug.norm_id, []).append((c.target_id, c.target_name))
    out = []
    for c in claims:
        if c.relation == "overcomes":
            def stated(by: dict[str, list[tuple[str, str]]], c: Claim = c) -> list[tuple[str, str]]:
                return list(dict.fromkeys(t for p in c.partners for t in by.get(p.norm_id, [])
                                          if t[0] in _reach(p)))
            # (a target chosen as the mediator the partner acts on, of several the means clause says
            # it blocks: every one stated, "restored sensitivity by blocking EGFR and HER2")
            means = stated(means_acts)
            found = means if c.target_id and len(means) > 1 and c.target_id in {t for t, _ in means} \
                else [] if c.target_id else stated(acts)
            if found:
                c = replace(c, target_id=";".join(t for t, _ in found),
                            target_name=";".join(n for _, n in found))
        out.append(c)
    return out


def _without_class_beside_member(claims: list[Claim]) -> list[Claim]:
    """A regimen naming a class and a member of it ("SOS1 inhibition ... combined with adagrasib,
    BI-3406 prevented ...") holds the member once: the class is dropped from its partners, and a
    regimen that then repeats another of the sentence is dropped."""
    out: list[Claim] = []
    seen: set[tuple[str, ...]] = set()
    for c in claims:
        if c.relation not in ("combination", "overcomes"):
            out.append(c)
            continue
        if len(c.partners) > 1:
            kept = tuple(p for p in c.partners if not (
                p.label == "DRUG_CLASS" and agent_targets(p) and any(
                    q is not p and q.label == "DRUG" and _is_class_of(p, q) for q in c.partners)))
            c = replace(c, partners=kept) if kept else c
        key = (c.relation, c.drug.norm_id, *sorted(p.norm_id for p in c.partners), c.target_id, c.mechanism)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _without_family_beside_member(claims: list[Claim]) -> list[Claim]:
    """A resistance mediator named as a family and, in the same sentence, by members of it
    ("receptor tyrosine kinase alterations, notably EGFR and MET amplification"): the members
    are the claim; the family row of the same drug is dropped (GUIDELINES 7.11)."""
    named = {(c.drug.norm_id, c.target_id) for c in claims if c.relation == "resistance"}
    return [c for c in claims if not (
        c.relation == "resistance" and c.target_id.startswith("FPLX:")
        and any(d == c.drug.norm_id and t in umbrella_members().get(c.target_id, ()) for d, t in named))]


def _is_class_of(cls: Mention, agent: Mention) -> bool:
    """``cls`` names the class of ``agent`` ("ERK inhibitor" of ulixertinib)."""
    if agent.norm_id == cls.norm_id:
        return True
    own = set(agent_targets(agent))
    return bool(own) and set(agent_targets(cls)) <= own


def _line_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The start and end of the lines of ``text`` holding [start, end] (end defaults to start)."""
    hi = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, hi if hi >= 0 else len(text)


def _sentence_opts(cancers: list[Mention], limit: int | None = None) -> list[tuple[str, str, str]]:
    """One cancer option (id, name, source "sentence") per distinct cancer, in text order."""
    return [(c.norm_id, c.norm_name, "sentence") for c in {c.norm_id: c for c in cancers}.values()][:limit]


def _same_effect(masked: str, table: dict[str, Mention], offset: int, claims: list[Claim],
                 prev: Claim | None, named: frozenset[str], mediators: Mapping[str, str],
                 rules: Rules, latest: Sequence[Claim] = ()) -> list[Claim]:
    """"TNO155 had the same effect on adagrasib", "an EGFR inhibitor had a similar effect",
    "similar reversal was seen with panitumumab and sotorasib": the latest combination claim
    of the sentence (else of the paragraph) again, with the agents this clause names. The
    subject is the partner; the drug is the agent after "on"/"with", else the claim's drug; of a
    "seen with X and Y" list, the focus agent (or the claim's drug) is the drug."""
    out: list[Claim] = []
    for m in ctx("same_effect").finditer(masked):
        last_run = re.split(r",\s*and\s+", m.group("partner") or "")[-1]  # "X and Y, and Z had": Z
        subject = m.start("both") if m.group("both") else m.end("partner") - len(last_run)
        # "Adding TNO155 to adagrasib had a similar effect": the combination that is the subject
        # does what the latest one before it did (the same relation and process)
        named_here = [] if m.group("both") else _agents_in(last_run, table)
        own = [c for c in claims if c.relation == "combination" and named_here
               and c.span[0] <= named_here[0].start < c.span[1]]
        ref = [c for c in claims if c.relation in ("combination", "overcomes")
               and c.span[0] < offset + subject and not any(c is o for o in own)]
        base = ref[-1] if ref else prev
        if base is None:
            continue
        if own:
            if base.relation == "overcomes":
                c = own[-1]
                tid, tname = _partner_target(c.partners, named, mediators, c.drug)
                out.append(replace(c, relation="overcomes", target_id=tid, target_name=tname,
                                   mechanism=base.mechanism, rule_id="OVC_" + c.rule_id + "+SAME_EFFECT"))
            continue
        if m.group("both"):
            agents = _agents_in(m.group("both"), table)
            drugs = [a for a in agents if is_focus(a, rules) or a.norm_id == base.drug.norm_id][:1]
            partners = [a for a in agents if a not in drugs]
        else:
            partners = _agents_in(last_run, table)
            # of a claim read for several drugs ("restored sensitivity to both X and Y"), each
            # (of the sentence before too: "cetuximab added to either drug overcame this resistance.
            # Panitumumab had the same effect")
            drugs = _agents_in(m.group("drug"), table) if m.group("drug") else list({
                c.drug.norm_id: c.drug for c in [*(latest if not ref else ()), *ref, base]
                if c.span == base.span}.values())
            if not m.group("drug") and partners and all(is_focus(a, rules) for a in partners):
                drugs, partners = partners, list(base.partners)  # "adagrasib had the same effect"
        span = (offset + m.start(), offset + m.end())
        for drug in drugs:
            partners_ = tuple(sorted((a for a in partners if a.norm_id != drug.norm_id),
                                     key=lambda a: a.norm_name))
            if not partners_:
                continue
            over = base.relation == "overcomes"
            tid, tname = _partner_target(partners_, named, mediators, drug) if over else ("", "")
            out.append(Claim(base.relation, drug, partners_, tid, tname, "", base.mechanism if over else "",
                             base.effect, ("OVC_" if over else "") + "COMB_SAME_EFFECT", 0.6, span))
    return out


def _regimen_in_trial(sent: Sentence, claims: list[Claim], rules: Rules) -> list[Claim]:
    """"X plus Y overcame resistance ...; the doublet is being evaluated in KRYSTAL-16": the
    regimen taken into a trial is also a `combination` (effect unknown), besides `overcomes`."""
    over = [c for c in claims if c.relation == "overcomes"]
    if not over:
        return []
    last = max(over, key=lambda c: c.span[1])
    after = last.span[1] - sent.start
    m = rules.cues["combination_anaphora"].search(sent.text, max(0, after))
    if m is None or not ctx("trial_context").match(sent.text, m.end()):
        return []
    span = (sent.start + m.start(), sent.start + m.end())
    return [Claim("combination", c.drug, c.partners, "", "", "", "", "unknown", "COMB_ANAPHOR_TRIAL", 0.6,
                  span) for c in over if c.span[1] == last.span[1]]


def inhibits_claims(masked: str, table: dict[str, Mention], rules: Rules,
                    combos: Iterable[Claim] = ()) -> list[Claim]:
    """One claim per (agent, target) of each inhibits pattern match.

    A match whose subject is a combination of the sentence ("X plus Y to block MAPK")
    states what the combination does, not a single agent's target: no claim."""
    claims: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    regimens = [{c.drug.norm_id, *(p.norm_id for p in c.partners)} for c in combos
                if c.relation in ("combination", "overcomes")]
    # targets that name the process an agent blocks ("they block SOS1-catalysed nucleotide
    # exchange"): the agent's target only if known as one (BI-3406)
    driving = {id(t) for k, t in table.items()
               if k.startswith("⟦T") and ctx("named_by_driver").match(masked, masked.index(k) + len(k))}
    for pat in rules.inhibits:
        for m in pat.regex.finditer(masked):
            agents = _agents_in(m.group(0), table)
            # an agent inside a time adverbial is not the subject ("the best-studied strategy after
            # osimertinib failure targets MET")
            # (a readout's fall timed by the agent is the agent's: "loss of pERK after X exposure")
            agents = [a for a in agents if pat.readout_targets or not _in_time_adverbial(a, masked, table)]
            if len(agents) > 1 and ctx("singular_relative").search(m.group(0)):
                agents = agents[-1:]  # "adagrasib, and afatinib, which blocks EGFR": the last agent
            if pat.head_agents:  # the subject list opening the match ("X restored Y sensitivity by ...")
                head = re.match(_AL, m.group(0))
                agents = _agents_in(head.group(0), table) if head else agents[:1]
            # an agent named as what is restored or resisted is no subject ("restored MRTX1133
            # sensitivity by blocking EGFR")
            agents = [a for a in agents if not _object_agent(a, masked, table, m.end())]
            if pat.tail_agents:  # the coordinated list ending the match ("... is inhibited by X")
                tail = re.search(rf"{_AL}$", m.group(0))
                agents = _agents_in(tail.group(0), table) if tail else agents[-1:]
            if pat.readout_targets:  # "resistance to X and Y, ... despite MAPK suppression": X and Y
                lead = _masked_span(agents[0], masked, table) if agents else None  # are not the subject
                if lead and ctx("sensitivity_to_before").search(masked[max(0, lead[0] - 40):lead[0]]):
                    agents = []
            targets = _targets_in(m.group(0), table)
            if pat.own_target:
                claims += _own_target_claims(agents, pat, seen)
                continue
            if not agents or not targets:
                continue
            if not pat.pairwise and any(reg <= {a.norm_id for a in agents} for reg in regimens):
                continue
            tail_gap = re.search(r"⟦A\d+⟧([^⟦]*?)⟦T", m.group(0))
            if ctx("regimen_partner_before").search(masked[:m.start()]) and not pat.own_target \
                    and tail_gap and not re.search(r",|\b(?:which|that|who)\b", tail_gap.group(1)):
                # "sotorasib combined with panitumumab and RMC-4550 suppressed pERK": the regimen's
                # effect on a readout, not the partner's own inhibition
                continue
            if ctx("comparator").search(masked[:m.start()]):
                # "X was more potent than Y and Z, and suppressed pERK": Y and Z are compared,
                # the subject is the sentence's first agent
                first = re.search(r"⟦A\d+⟧", masked)
                if first is None or first.start() >= m.start():
                    continue
                agents = [table[first.group(0)]]
            if pat.tail_targets:  # the coordinated list after the verb
                tail = re.search(rf"{_TL}$", m.group(0))
                targets = _targets_in(tail.group(0), table) if tail else targets[-1:]
            # "dual inhibition of A and B with X and Y": X-A, Y-B; "X and Y, which inhibit A and
            # B respectively"
            respectively = len(agents) > 1 and ctx("respectively").match(masked, m.end()) is not None
            if pat.pairwise or respectively:
                if len(agents) != len(targets):
                    continue
                for a, t in zip(agents, targets, strict=True):
                    tid, tname, variant = _target_fields(t)
                    if (a.norm_id, tid) not in seen:
                        seen.add((a.norm_id, tid))
                        claims.append(Claim("inhibits", a, (), tid, tname, variant, "", "", pat.id,
                                            pat.confidence, (min(a.start, t.start), max(a.end, t.end))))
                continue
            for t in targets:
                tid, tname, variant = _target_fields(t)
                for a in agents:
                    own_class_target = a.norm_id.startswith("CLASS:") and tid in agent_targets(a)
                    if id(t) in driving and agent_targets(a) and tid not in _reach(a):
                        continue
                    if pat.head_agents and agent_targets(a) and tid not in _reach(a):
                        continue  # "encorafenib plus cetuximab ... by blocking EGFR": cetuximab's
                    if pat.readout_targets and not (_is_readout(t) or tid in rules.pathway_families
                                                    or tid in _reach(a)):
                        continue  # "despite loss of PTEN": an alteration, not the agent's effect
                    if (a.norm_id, tid) in seen or (own_class_target and pat.id == "INH_SPECIFICITY"):
                        continue
                    seen.add((a.norm_id, tid))
                    claims.append(Claim("inhibits", a, (), tid, tname, variant, "", "", pat.id,
                                        pat.confidence, (min(a.start, t.start), max(a.end, t.end))))
    return claims


def _masked_span(agent: Mention, masked: str, table: dict[str, Mention]) -> tuple[int, int] | None:
    """Where ``agent``'s placeholder stands in the masked sentence, if it stands there."""
    key = next((k for k, v in table.items() if v is agent), None)
    at = masked.find(key) if key else -1
    return (at, at + len(key)) if key and at >= 0 else None


def _object_agent(agent: Mention, masked: str, table: dict[str, Mention], end: int = -1) -> bool:
    """``agent`` qualifies a sensitivity or resistance ("MRTX1133 sensitivity"), the object
    of the sentence's verb; or it is what sensitivity is restored to, before the means clause
    that ends at ``end`` ("restored sensitivity to sotorasib ... by switching off FAK")."""
    at = _masked_span(agent, masked, table)
    if at is None:
        return False
    if re.match(r"\s+(?:sensitivity|resistance|responsiveness)\b", masked[at[1]:]):
        return True
    if ctx("added_to_before").search(masked[max(0, at[0] - 80):at[0]]):
        return True  # "adding defactinib to adagrasib blocked ...": the regimen is the subject
    return end > at[1] and bool(ctx("sensitivity_to_before").search(masked[max(0, at[0] - 40):at[0]])) \
        and bool(re.search(r"\bby\s+(?:\w+ly\s+)?\w+ing\b", masked[at[1]:end]))


def _in_time_adverbial(agent: Mention, masked: str, table: dict[str, Mention]) -> bool:
    """``agent`` names the treatment a time is measured from ("after osimertinib failure",
    "following progression on sotorasib")."""
    at = _masked_span(agent, masked, table)
    return at is not None and bool(ctx("time_adverbial_agent").search(masked[max(0, at[0] - 40):at[0]])) \
        and bool(ctx("time_adverbial_after").match(masked, at[1]))


def _own_target_claims(agents: list[Mention], pat: Pattern, seen: set[tuple[str, str]]) -> list[Claim]:
    """An anaphor of the agent's own target ("SHP2 inhibitors lock the enzyme", "defactinib
    blocks its autophosphorylation"): a claim only for an agent with exactly one known target."""
    from pipeline.names import target_name

    out = []
    for a in agents:
        own = agent_targets(a)
        if len(own) != 1 or (a.norm_id, own[0]) in seen:
            continue
        seen.add((a.norm_id, own[0]))
        out.append(Claim("inhibits", a, (), own[0], target_name(own[0]), "", "", "", pat.id,
                         pat.confidence, (a.start, a.end)))
    return out


_RELATIVE_AFTER = re.compile(r"\s*,\s*(?:which|that|who)\b[^,;.]{1,100},")
_RELATIVE = re.compile(r"(?P<head>⟦T\d+⟧)(?:\s*\([^)]*\))?\s*,\s*"
                       r"(?P<clause>(?:which|that|who)\b[^,;]*)(?:,|;|$)")


def _mediators(masked: str, table: dict[str, Mention], sentence: str, offset: int, rules: Rules,
               exclude: set[str], continued: bool = False) -> tuple[list[Mention], list[Mention]]:
    """GENE mentions that the sentence presents as mediators: near a mediator cue, not a
    genotype qualifier ("BRAF-mutant"), not a drug target ("targeting of EGFR"), not a
    link in a pathway chain ("RTK-KRAS-MAPK"), not an example in "(i.e., HRAS, NRAS)".
    A variant other than the drug's own target is a mediator near any resistance cue.

    Also returns the pathways named as reactivated ("MAPK and PI3K signalling were
    reactivated"): pathway-level resistance, a mechanism without a target (GUIDELINES 7.12)."""
    out: list[Mention] = []
    pathways: list[Mention] = []
    w = rules.mediator_window
    sentence_wide = bool(rules.cues["strong_mediator_cues"].search(sentence))
    families = {k for k in table if k.startswith("⟦T") and re.search(
        re.escape(k) + r"(?:\s+(?:family|genes|proteins|receptors|kinases))?\s*(?:\(|,|:)?\s*"
        r"(?:i\.e\.|e\.g\.|namely|such as|including)", masked)}
    # "feedback activation of several receptor tyrosine kinases (EGFR, HER2, FGFR1 and AXL)": a
    # family with its members in parentheses; the members stand for it (GUIDELINES 7.11) and take
    # its place in the window of the cue
    umbrella: dict[str, Mention] = {}
    for fm in re.finditer(r"(⟦T\d+⟧)\s*\(((?:\s*(?:,|and|or)?\s*⟦T\d+⟧){2,})\s*\)", masked):
        if table[fm.group(1)].norm_id.startswith("FPLX:"):
            families.add(fm.group(1))
            umbrella.update({k: table[fm.group(1)] for k in re.findall(r"⟦T\d+⟧", fm.group(2))})
    # genes in a relative clause that describes another gene ("SHP2, which relays signals
    # from RTKs to SOS1, mediates ...") describe its function, they are not mediators
    described = {k for rc in _RELATIVE.finditer(masked) if table[rc.group("head")].label == "GENE"
                 for k in re.findall(r"⟦T\d+⟧", rc.group("clause"))}
    breaks = list(ctx("opposing_break").finditer(sentence))
    break_starts, break_ends = [b.start() for b in breaks], [b.end() for b in breaks]
    for key, g in table.items():
        if key in families or key in described:
            continue  # "RTK (i.e., EGFR, FGFR)": the listed members stand for the family
        if not key.startswith("⟦T"):
            continue
        if g.norm_id in exclude and not (g.label == "GENE" and _alteration_near(g, sentence, offset, rules)):
            continue  # the drug's own target, unless altered ("acquired mutations in KRAS itself")
        if g.label == "VARIANT" and (g.norm_name in rules.focus_variants
                                     or ctx("genotype_of_disease").match(sentence, g.end - offset)) \
                and not ctx("amplified_allele").search(sentence, max(0, g.start - offset - 40),
                                                       g.end - offset + 20):
            # the drug's own target variant, or the genotype of a cancer ("BRAF V600E CRC"), unless
            # its allele is amplified ("had amplified the KRAS G12C allele")
            continue
        if g.label == "VARIANT" and ctx("genotype_of_model").match(sentence, g.end - offset) \
                and not rules.cues["acquisition_cues"].search(sentence, max(0, g.start - offset - 40),
                                                              g.start - offset):
            continue  # the genotype of a model ("re-challenge with KRAS G12D-mutant CT26 cells")
        pos = masked.index(key)
        before, after = masked[:pos], masked[pos + len(key):]
        pair = re.match(r"\s*[-\u2013]\s*(⟦T\d+⟧)", after) or re.search(r"(⟦T\d+⟧)\s*[-\u2013]\s*$", before)
        if pair and ctx("fusion_pair").match(after) and g.label == "GENE":
            # a fusion ("CCDC6-RET, EML4-ALK and FGFR3-TACC3 fusions"): its kinase, the partner the
            # vocabularies know as a target or mediator, is the mediator; the other is no mediator
            other = table[pair.group(1)]
            if g.norm_id in _known_targets() and other.norm_id not in _known_targets():
                out.append(g)
            continue
        if ctx("biomarker_threshold_after").match(after) or ctx("covariate_after").match(after):
            continue  # a selection biomarker ("PD-L1 expression of 50% or more") or a covariate
                      # ("once KEAP1 status was accounted for") is no mediator
        if g.label != "VARIANT" and any(p.search(after[:40]) for p in rules.not_mediator_after) \
                and mediator_mechanisms().get(g.norm_id) not in rules.genotype_mediator_codes:
            # a genotype ("BRAF-mutant"); a variant other than the drug's is an alteration; a
            # co-mutation genotype of a resistance sentence is a mediator ("STK11-mutant tumours")
            continue
        if g.norm_id in rules.pathway_families and not _is_readout(g) \
                and rules.pathway_after.search(after[:60]):
            # "MAPK signaling", "PI3K/AKT pathway": pathway-level, not a mediator
            if rules.cues["pathway_reactivation"].search(sentence[max(0, g.start - offset - 40):
                                                                  g.end - offset + 80]):
                pathways.append(g)
            continue
        if _is_readout(g) and ctx("readout_lost_before").search(before[-40:]):
            continue  # "kept proliferating despite complete loss of pERK": a readout lost is no mediator
        if any(p.search(before[-60:]) for p in rules.not_mediator_before) \
                and not ctx("relative_after").match(after):
            continue  # a drug's target, unless a relative clause makes it one ("blocks RAS, which drives")
        s, e = (umbrella[key] if key in umbrella else g).start - offset, g.end - offset
        # (a cue across "whereas" / "but" belongs to the other side: "sustained suppression of pERK,
        # whereas pAKT returned to pretreatment levels")
        i = bisect_right(break_ends, s)
        seg_lo = break_ends[i - 1] if i else 0
        j = bisect_left(break_starts, e)
        seg_hi = break_starts[j] if j < len(break_starts) else len(sentence)
        # (a relative clause right after the gene does not count against the window: "EGFR, which
        # these cells express at high levels, is rapidly activated by feedback")
        rel = _RELATIVE_AFTER.match(sentence, e)
        window = sentence[max(seg_lo, s - w): min(seg_hi, (rel.end() if rel else e) + w)]
        cues = rules.cues["resistance_cues"] if g.label == "VARIANT" else rules.cues["mediator_cues"]
        if sentence_wide or cues.search(window) or g.label == "VARIANT" and (
                continued or rules.cues["mediator_cues"].search(window)
                or rules.cues["acquisition_cues"].search(window)) or (
                # a member of a list of genes an acquired-alteration word governs ("acquired
                # alterations in the majority, chiefly in KRAS, NRAS, BRAF and MAP2K1")
                rules.cues["acquisition_cues"].search(sentence)
                and ctx("alteration_list_before").search(sentence[max(0, s - 200):s])):
            out.append(g)
    if not out and (it := ctx("gene_pronoun_mediator").search(sentence)):
        # "Aurora kinase A (AURKA) adds a further layer: by keeping newly made KRAS G12C loaded with
        # GTP, it allows cells to escape adagrasib": "it" is the gene the sentence opens with
        opener = min((g for g in table.values() if g.label == "GENE"), key=lambda g: g.start, default=None)
        if opener is not None and opener.norm_id not in exclude \
                and ctx("sentence_subject").fullmatch(sentence, 0, opener.start - offset) \
                and opener.start - offset < it.start():
            out.append(opener)
    return out, pathways


def _resistance_agents(masked: str, table: dict[str, Mention], agents: list[Mention],
                       rules: Rules) -> tuple[list[Mention], bool]:
    """The agents the sentence says resistance is *to* ("resistance to X", "bypass X"),
    and whether they all stand in one coordinated list ("resistance to both X and Y"),
    in which case every mechanism of the sentence holds for each of them."""
    found: list[Mention] = []
    groups = 0
    for pat in rules.resistance_target:
        for m in pat.finditer(masked):
            new = [a for a in _agents_in(m.group(0), table) if a in agents and a not in found]
            if new:
                groups += 1
                found += new
    return found, groups == 1 and len(found) > 1


def _spared(agent: Mention, sentence: str, offset: int) -> bool:
    """Whether the sentence says ``agent`` kept its activity (an agent of an earlier sentence never)."""
    lo, hi = agent.start - offset, agent.end - offset
    if not (0 <= lo and hi <= len(sentence)):
        return False
    return bool(ctx("spared_after").search(sentence[hi:hi + 160])
                or ctx("spared_before").search(sentence[max(0, lo - 60):lo]))


def _drugs_for(x: Mention, drugs: list[Mention], sentence: str, offset: int) -> list[Mention]:
    """The drugs a mechanism or mediator holds for: every one in its clause, else the nearest."""
    if len(drugs) == 1:
        return drugs
    lo, hi = _clause(sentence, x.start - offset, x.end - offset)
    same = [d for d in drugs if lo <= d.start - offset and d.end - offset <= hi]
    if same:
        return same
    # the nearest, with the drugs listed beside it ("patients treated with sotorasib or
    # adagrasib, KEAP1 co-mutations ...": both)
    run = [_nearest(x, drugs)]
    grown = True
    while grown:
        grown = False
        for d in drugs:
            if d not in run and any(_LIST_GAP.fullmatch(sentence[
                    min(a.end, d.end) - offset:max(a.start, d.start) - offset]) for a in run):
                run.append(d)
                grown = True
    return run


def _coordinated_before(agents: list[Mention], text: str, pos: int) -> list[Mention]:
    """The agents of the latest list of at least two coordinated ones before ``pos``
    ("sotorasib and adagrasib", "A, B or C"), each once; [] if there is none."""
    runs: list[list[Mention]] = []
    for a in [a for a in agents if a.end <= pos]:
        if runs and _LIST_GAP.fullmatch(text[runs[-1][-1].end:a.start]):
            runs[-1].append(a)
        else:
            runs.append([a])
    pairs = [r for r in runs if len({a.norm_id for a in r}) >= 2]
    return list({a.norm_id: a for a in pairs[-1]}.values()) if pairs else []


def _agent_kind(agent: Mention, kind: str) -> bool:
    """Whether the agent's id or name matches the context pattern ``kind``."""
    return bool(ctx(kind).match(agent.norm_id) or ctx(kind).match(agent.norm_name))


def _antibody(agent: Mention) -> bool:
    """A therapeutic antibody: an INN ending in -mab, or an antibody class (CLASS:EGFR_MAB,
    PD-1 / PD-L1 blockade; context pattern antibody_agent)."""
    return _agent_kind(agent, "antibody_agent")


def _cytotoxic(agent: Mention) -> bool:
    """Chemotherapy: its class, or a cytotoxic drug by its INN stem or regimen name."""
    return _agent_kind(agent, "cytotoxic_agent")


def _standing_at(agents: Iterable[Mention], start: int, end: int) -> list[Mention]:
    """``agents`` as the antecedents of the anaphor at [start, end)."""
    return [replace(a, start=start, end=end, source=a.source + "+anaphor") for a in agents]


def _covered(start: int, end: int, mentions: Iterable[Mention]) -> bool:
    """Whether a mention overlaps [start, end)."""
    return any(m.start < end and start < m.end for m in mentions)


def _nearest(m: Mention, agents: list[Mention]) -> Mention:
    return min(agents, key=lambda a: min(abs(a.start - m.end), abs(m.start - a.end)))


def _is_readout(g: Mention) -> bool:
    """A phospho-readout mention ("pERK", "pS6")."""
    return re.match(r"p[A-Z]", g.text) is not None


def _alteration_near(g: Mention, sentence: str, offset: int, rules: Rules) -> bool:
    """A genetic-alteration word right around the mention ("MET amplification",
    "acquired KRAS Y96D mutations", "loss of NF1", "NRAS Q61K emerged")."""
    s, e = g.start - offset, g.end - offset
    if ctx("wild_type_before").search(sentence, max(0, s - 60), s):
        return False  # "activation of wild-type NRAS and HRAS" is signalling, not an alteration
    if _is_readout(g) or ctx("phospho_before").search(sentence, max(0, s - 20), s):
        return False  # a phospho-readout is no altered gene ("these alterations maintained pERK")
    w = rules.alteration_window
    # ... or a list member of genes the alteration word governs ("fusions involving ALK, RET,
    # RAF1 and FGFR3", "NRAS, BRAF and MAP2K1 mutations")
    # a genotype describing the model before the mention is not the mention's alteration
    # ("In KRAS G12C-mutant models, pERK recovers")
    lo = max(0, s - w)
    lo = max([lo] + [x.end() for x in ctx("genotype_of_model").finditer(sentence, lo, s)])
    # (an alteration said to be absent before the gene is none of the gene's: "resistant clones
    # without genomic alterations showed AXL upregulation")
    near = [x for x in rules.cues["alteration_cues"].finditer(sentence, lo, e + w)
            if x.start() >= e or not ctx("absent_before").search(sentence, max(0, x.start() - 30), x.start())]
    return bool(near) or \
        g.label == "VARIANT" and bool(rules.cues["acquisition_cues"].search(sentence)) or \
        bool(ctx("alteration_list_before").search(sentence[max(0, s - 200):s])) or \
        bool(ctx("alteration_list_after").match(sentence, e)) or \
        bool(ctx("expression_or_alteration_after").match(sentence, e))


def _mechanism_for(g: Mention, mechanisms: list[Mention], window: int, sentence: str = "",
                   offset: int = 0, rules: Rules | None = None, own_targets: frozenset[str] = frozenset()
                   ) -> str:
    if sentence and (node := ctx("driven_activation_after").match(sentence, g.end - offset)):
        # the driver of a named node's activation ("FGFR1-driven activation of PI3K"): the node's
        # process (GUIDELINES 7.20)
        code = next((c for gid in _genes_named_in(node.group("node"))
                     if (c := mediator_mechanisms().get(gid, ""))), "")
        if code:
            return code
    if sentence:
        # a gene coordinated with the one a process phrase names ("feedback activation of EGFR, HER2
        # and FGFR1", "amplification of MET or EGFR"): the phrase's process
        head = [x for x in mechanisms if x.end <= g.start and _genes_named_in(x.text)
                and ctx("process_of_gene_end").search(x.text)
                and ctx("gene_conjuncts").fullmatch(sentence, x.end - offset, g.start - offset)]
        if head:
            code = head[-1].norm_id
            if code in _ALTERED[1:]:  # an alteration: of the conjunct's own kind ("amplification of
                # MET and KRAS": KRAS a secondary KRAS alteration)
                gene = _gene_of_variant(g.norm_name) if g.label == "VARIANT" else g.norm_name
                return _alteration_code(gene, _target_fields(g)[0], own_targets)
            return code
    near = [x for x in mechanisms if min(abs(x.start - g.end), abs(g.start - x.end)) <= window]
    if not near and sentence:
        # farther, but one clause with a linking verb: "SOS1 ... is required for the reloading of
        # KRAS G12C with GTP"
        near = [x for x in mechanisms if x.start > g.end and x.start - g.end <= 2 * window
                and ctx("linking_verb").search(sentence, g.end - offset, x.start - offset)
                and not re.search(r"[,;:]", sentence[g.end - offset:x.start - offset])]
    def agent_of(x: Mention) -> bool:
        # the agent of a passive relative clause on the process: "new KRAS G12C, which is held in
        # the GTP-bound state by EGFR and AURKA signalling"
        return x.end <= g.start and bool(ctx("process_agent_relative").fullmatch(
            sentence, x.end - offset, g.start - offset))
    if not near and sentence:
        near = [x for x in mechanisms if g.start - x.end <= 2 * window and agent_of(x)]
    code = mediator_mechanisms().get(g.norm_id) or mediator_mechanisms().get(g.norm_name, "")
    if near:
        x = _nearest(g, near)
        between = sentence[min(g.end, x.end) - offset:max(g.start, x.start) - offset]
        # "EGF driving new KRAS synthesis" takes the process's code (GUIDELINES 7.20); a
        # mediator merely listed beside a process ("HER2 and EGFR phosphorylation and
        # recovery of pERK") keeps its own
        listed = re.search(r"\b(?:and|or|and/or)\b|,", between)
        # an altered gene or a variant is an alteration first: in "KRAS mutations (G12D, Q61H) and
        # bypass alterations" KRAS is a secondary alteration, unless a verb links it to the process
        altered = rules is not None and (g.label == "VARIANT" or _alteration_near(g, sentence, offset, rules))
        # ... or the process comes first and the alterations are its examples ("converged on MAPK
        # reactivation, including new NRAS and BRAF mutations")
        exemplified = x.start < g.start and ctx("exemplifying").search(between)
        # ... or the mediator is the subject of a relative clause on the process ("new KRAS G12C,
        # which EGFR and AURKA signalling keep in the active state")
        after = re.split(r"[,;:]", sentence[g.end - offset:g.end - offset + 80], maxsplit=1)[0]
        relative = x.end <= g.start and re.fullmatch(r",?\s*(?:which|that)\s+(?:the\s+)?", between) \
            and ctx("linking_verb").search(after)
        # (a readout the process is said to drive is its outcome, keeping its own code: "pERK
        # returned within 24 hours, driven by feedback activation of several RTKs")
        outcome = code and g.end <= x.start and ctx("driven_by").fullmatch(between)
        # (nor an altered gene compared with another gene's alteration: "new alterations in RTK genes
        # were more frequent than secondary KRAS mutations" keeps the RTK alteration's own code)
        other_alteration = altered and x.norm_id in _ALTERED and \
            _target_fields(g)[0] not in _genes_named_in(x.text) and not ctx("linking_verb").search(between)
        outcome = outcome or other_alteration
        # (a verb coordinated after the process is the clause subject's, not the process's: "cells
        # carried a 12-fold amplification of MET and maintained phosphorylated ERBB3")
        linked = ctx("linking_verb").search(between) and not (
            x.end <= g.start and ctx("coordinated_predicate").match(between))
        if not outcome and (linked or exemplified or relative or not listed
                            or sentence and agent_of(x) or not (code or altered)):
            driven = _driven_process(g, mechanisms, sentence, offset) if x.norm_id in _ALTERED else ""
            if driven:  # beside "NRAS mutations", both driving the process named before them
                return driven
            gid, gname, _ = _target_fields(g)
            if x.norm_id == "BYPASS_ALTERATION" and gid in own_targets and gname != "KRAS":
                return "OTHER"  # the drug's own target is no bypass ("EGFR-dependent mechanisms,
                                # chiefly C797S, and EGFR-independent bypass" under osimertinib)
            return x.norm_id
    # a gene the experimenters deleted or knocked out ("deleting ERBB2 restored sensitivity") is
    # a mediator found by a genetic tool, not an alteration the tumour acquired
    if rules is not None and code not in rules.alteration_keeps_code \
            and (g.label == "VARIANT" or _alteration_near(g, sentence, offset, rules)
                 and not (code and ctx("genetic_tool").search(sentence))):
        if code and sentence and ctx("activating_before").search(sentence[:g.start - offset]) \
                and not rules.cues["acquisition_cues"].search(sentence):
            # "Activating PIK3CA mutations ... blunt the efficacy of trastuzumab": a baseline
            # activating mutation drives its pathway (the mediator's process), not a bypass
            return code
        if rules.cues["primary_cues"].search(sentence):
            # a pre-existing (primary) alteration: not an acquired mechanism of the codes; a gene
            # whose pathway is a process of its own keeps it ("concurrent PTEN loss": PI3K_MTOR)
            return code if code in rules.genotype_mediator_codes else ""
        if sentence and (driven := _driven_process(g, mechanisms, sentence, offset)):
            return driven  # "... reactivates MAPK signalling through activating MAP2K1 mutations"
        # a mutated, amplified, fused or lost gene: a genetic alteration, not signalling
        gene = _gene_of_variant(g.norm_name) if g.label == "VARIANT" else g.norm_name
        return _alteration_code(gene, _target_fields(g)[0], own_targets)
    if code and any(x.norm_id in _ALTERED[1:] and _target_fields(g)[0] in _genes_named_in(x.text)
                    for x in mechanisms):
        # the gene's alteration is named elsewhere in the sentence ("a newly acquired MET
        # amplification ..., and MET overexpression was confirmed"): the same event, not signalling
        return _alteration_code(g.norm_name, _target_fields(g)[0], own_targets)
    if not code and mechanisms:
        code = mechanisms[0].norm_id
    return code


def _driven_process(x: Mention, mechanisms: list[Mention], sentence: str, offset: int) -> str:
    """The code of a process stated before an alteration mention and linked to it ("through",
    "via", "driven by"), else ""."""
    # a histologic transformation keeps its own row; its companions are handled after the
    # targetless rows are pruned (GUIDELINES 7.20)
    for p in reversed([m for m in mechanisms if m.end <= x.start and m.norm_id not in _ALTERED
                       and m.norm_id != "HISTOLOGIC_TRANSFORMATION"]):
        between = sentence[p.end - offset:x.start - offset]
        one_clause = len(between) < 120 and not re.search(r"[;:]|\.\s", between)
        if one_clause and ctx("process_driver").search(between):
            return p.norm_id
    # ... or after it, the alterations its subject ("acquired NRAS mutations, BRAF amplification
    # and activating MEK1 mutations converge on reactivation of MAPK signalling")
    for p in [m for m in mechanisms if m.start >= x.end and m.norm_id not in _ALTERED
              and m.norm_id != "HISTOLOGIC_TRANSFORMATION"][:1]:
        between = sentence[x.end - offset:p.start - offset]
        if len(between) < 150 and ctx("drives_process_after").match(between):
            return p.norm_id
    return ""


def _screen_enriched(sentence: str, start: int, end: int) -> bool:
    """A screen hit said to be enriched (not depleted) in its contrastive segment: "..., whereas
    guide RNAs targeting KEAP1, a tumor suppressor, were notably enriched"."""
    breaks = list(ctx("contrast_break").finditer(sentence))
    lo = max([b.end() for b in breaks if b.end() <= start], default=0)
    hi = min([b.start() for b in breaks if b.start() >= end], default=len(sentence))
    seg = sentence[lo:hi]
    return bool(ctx("screen_enriched").search(seg)) and not ctx("screen_depleted").search(seg)


def _kras_as_bypass(claim: Claim, rules: Rules) -> Claim:
    """An acquired KRAS alteration under a drug that does not act on RAS (KRAS mutations at
    progression on osimertinib, or on encorafenib plus cetuximab) is an alteration in another
    gene than the drug's target: a bypass (SPEC: BYPASS_ALTERATION, acquired alterations in other
    genes; SECONDARY_KRAS_ALTERATION is the on-target change of a KRAS inhibitor)."""
    if claim.mechanism != "SECONDARY_KRAS_ALTERATION" or claim.relation not in ("resistance", "overcomes"):
        return claim
    reach = _reach(claim.drug)
    if not reach or set(reach) & rules.focus_target_ids:
        return claim
    return replace(claim, mechanism="BYPASS_ALTERATION")


def _alteration_code(gene: str, gene_id: str, own_targets: frozenset[str]) -> str:
    """The code of an acquired genetic alteration under a drug: KRAS is a secondary KRAS
    alteration (under a drug that does not act on RAS, `_kras_as_bypass` makes it a bypass after
    the claims are read); another gene of the drug's own targets (EGFR C797S
    under osimertinib, ALK G1202R under alectinib) fits no code, OTHER; any other gene is a
    bypass."""
    if gene == "KRAS":
        return "SECONDARY_KRAS_ALTERATION"
    return "OTHER" if gene_id in own_targets else "BYPASS_ALTERATION"


@lru_cache(maxsize=1)
def _known_targets() -> frozenset[str]:
    """Targets the vocabularies know: resistance mediators and drug targets."""
    return frozenset(mediator_mechanisms()) | {t for ts in drug_targets().values() for t in ts}


def _mediator_in_phrase(x: Mention) -> tuple[str, str]:
    """The one gene a mechanism phrase names as altered or fed back ("MET amplification",
    "loss of CDKN2A", "feedback activation of EGFR"): the text names the mediator, though the
    longer mention wins as an entity. Families and pathways ("reactivation of MAPK
    signaling") name no mediator (GUIDELINES 7.12)."""
    from pipeline.names import target_name

    if x.source == "pathway":
        return "", ""
    if re.search(r"\bp[A-Z]|phosphorylat", x.text):
        # a phospho-readout is a mediator ("rebound of ERK phosphorylation", "pERK recovery";
        # GUIDELINES 7.12), a family included
        genes = list(_genes_named_in(re.sub(r"\bp(?=[A-Z])", "", x.text)))
    elif ctx("altered_or_fed_back").search(x.text):
        genes = [g for g in _genes_named_in(x.text) if g.startswith("HGNC:")]
    else:
        return "", ""
    if len(genes) > 1:  # a fusion ("EML4-ALK"): the partner that is a known target or mediator
        genes = [g for g in genes if g in _known_targets()]
    return (genes[0], target_name(genes[0])) if len(genes) == 1 else ("", "")


def _aimed_at(c: Claim, mediated: Mapping[str, Claim], named: frozenset[str], text: str = "",
              pathway_codes: frozenset[str] = frozenset()) -> Claim:
    if c.relation != "combination" or not mediated or c.rule_id == "COMB_ANAPHOR_TRIAL":
        return c  # (the regimen taken into a trial is the trial's combination besides the overcomes)
    # a mediator that recovers after a contrast ("X deepened suppression when added to Y, yet
    # pERK recovered") escaped the combination: the combination was not aimed at it
    escaped = {t for t, r in mediated.items() if r.anchor and r.anchor[0] > c.span[1]
               and ctx("contrast_break").search(text, c.span[1], r.anchor[0])}
    hits = [mediated[t] for p in c.partners for t in _reach(p) if t in mediated and t not in escaped]
    if not hits and pathway_codes:
        # a partner acting elsewhere on the pathway process the mediator drives ("PTEN loss blunted
        # the response to X, and co-treatment with everolimus ..." : mTOR, PI3K_MTOR)
        own = {mediator_mechanisms().get(t, "") for p in c.partners for t in agent_targets(p)} & pathway_codes
        hits = [r for t, r in mediated.items() if t not in escaped and r.mechanism in own]
    if not hits or hits[0].drug.norm_id != c.drug.norm_id:
        return c
    if {p.norm_id for p in hits[0].partners} == {p.norm_id for p in c.partners}:
        return c  # resistance to this very regimen ("progressing on X plus Y ... NRAS mutations")
    if "+anaphor" in hits[0].drug.source and c.span[0] <= hits[0].drug.start < hits[0].drug.end <= c.span[1]:
        return c  # (or to the regimen a light reference names: "not associated with response to the
                  # combination")
    tid, tname = _partner_target(c.partners, named, drug=c.drug)
    return replace(c, relation="overcomes", target_id=tid, target_name=tname, mechanism=hits[0].mechanism,
                   effect="positive", rule_id="OVC_" + c.rule_id)


def resistance_claims(agents: list[Mention], masked: str, table: dict[str, Mention],
                      mechanisms: list[Mention], sentence: str, offset: int, rules: Rules,
                      rule_suffix: str = "", referred: str = "",
                      goes_on: frozenset[str] = frozenset()) -> list[Claim]:
    """Drug x (mechanism | mediator) when the sentence speaks of resistance.

    The drug is the agent resistance is said to be *to*; failing that the focus agents
    (KRAS inhibitors); each mechanism or mediator goes to the nearest such agent.
    """
    if not agents:
        return []
    # what a study looked for is no finding ("biopsies were reviewed for histologic transformation")
    mechanisms = [m for m in mechanisms if not ctx("searched_for").search(
        sentence, max(0, m.start - offset - 120), max(0, m.start - offset))]
    # an agent the sentence says kept its activity is not the one resisted ("RM-018 retained
    # full potency, so it could treat Y96D-driven relapse"; "remained sensitive to RMC-6236"),
    # unless an anaphor names it again ("JDQ443 remained potent; Y96D impairs all three inhibitors")
    agents = [a for a in agents if "ANAPHOR" in rule_suffix or not _spared(a, sentence, offset)]
    # members given as examples of a class ("KRAS G12C inhibitors (sotorasib or adagrasib)") were
    # masked into the class: the class stands for them (GUIDELINES 7.11)
    kept = {id(table[k]) for k in re.findall(r"⟦A\d+⟧", masked)}
    masked_away = {id(a) for a in table.values() if id(a) not in kept}
    agents = [a for a in agents if id(a) not in masked_away]
    if not agents:
        return []
    drugs, together = _resistance_agents(masked, table, agents, rules)
    # agents taken from earlier sentences ("patients treated with sotorasib or adagrasib. ...
    # At progression, ...") hold for every mechanism of this one
    together = together or all(not offset <= a.start < offset + len(sentence) for a in agents)
    acquired = rules.cues["acquisition_cues"].search(sentence)
    # a resistance cue; or the sentence continues one (+CONTEXT); or an alteration acquired
    # under a drug ("Following treatment with adagrasib, a KRAS R68S mutation emerged")
    # (or under any agent patients or models were treated with: "ctDNA from patients treated with
    # encorafenib revealed emerging MAP2K1 mutations")
    treated = [a for a in agents if offset <= a.start and ctx("treated_with_before").search(
        sentence, max(0, a.start - offset - 60), a.start - offset)] if ctx("acquired_under").search(
        sentence) else []
    altered_under_focus = bool(rules.cues["alteration_cues"].search(sentence)) and (
        bool(treated) or any(is_focus(a, rules) for a in agents))
    if altered_under_focus and not drugs and treated and not any(is_focus(a, rules) for a in agents):
        drugs = treated
    if not (rules.cues["resistance_cues"].search(sentence) or rule_suffix == "+CONTEXT"
            and (mechanisms or acquired or rules.cues["alteration_cues"].search(sentence)
                 or ctx("findings_of_system").match(sentence))
            or acquired and (drugs or altered_under_focus)):
        if not (goes_on and (mechanisms or acquired or rules.cues["alteration_cues"].search(sentence))):
            return []
        # the drug of the resistance statement just before, which this sentence goes on with
        drugs = [a for a in agents if a.norm_id in goes_on] or drugs
    # an agent said to intercept, block or prevent the process is its remedy, not the drug
    # resisted ("ERK inhibitors could intercept MAPK reactivation regardless of whether it arises
    # through RAF or MEK"; "co-inhibiting SHP2 was proposed to blunt adaptive feedback")
    remedies = set()
    for m in mechanisms:
        if not offset <= m.start <= offset + len(sentence):
            continue
        verb = ctx("remedy_verb_before").search(sentence[:m.start - offset])
        if verb is None:
            continue
        for a in agents:
            if offset <= a.end <= offset + verb.start() and len(between := sentence[
                    a.end - offset:verb.start()]) < 150 and not ctx("contrast_break").search(between) \
                    and not re.search(r"[:.]\s", between):
                remedies.add(id(a))
    if remedies:
        agents = [a for a in agents if id(a) not in remedies]
        drugs = [a for a in drugs if id(a) not in remedies]
        if not agents:
            return []
    if not drugs:
        drugs = [a for a in agents if is_focus(a, rules)] or agents
    # a light reference standing for a regimen ("not associated with response to the combination"):
    # its focus drug, as for a regimen named (the resistance rows of the KRAS inhibitor)
    drugs = [a for a in drugs if is_focus(a, rules) or "+anaphor" not in a.source or not any(
        b is not a and (b.start, b.end) == (a.start, a.end) and is_focus(b, rules) for b in drugs)]
    own_targets = {t for a in drugs for t in agent_targets(a)}
    # (a sentence continuing the paragraph's resistance statement lists its alterations with no cue of
    # its own: "These included KRAS G12D and Q61H mutations")
    mediators, pathways = _mediators(masked, table, sentence, offset, rules, own_targets,
                                     continued=rule_suffix == "+CONTEXT")
    # ("lost E-cadherin and gained vimentin": the markers that show a cell state, not its mediators)
    mediators = [g for g in mediators if _target_fields(g)[0] not in rules.state_markers]
    stated = {m.norm_id for m in mechanisms}
    for p in pathways:  # pathway-level reactivation: the pathway's code, no target
        code = mediator_mechanisms().get(p.norm_id, "")
        if code and code not in stated:
            stated.add(code)
            mechanisms = [*mechanisms, replace(p, label="MECHANISM", norm_id=code, norm_name=code,
                                               source="pathway")]
    if not (mediators or mechanisms):
        return []
    # at most max_mediators distinct mediators (the variants of one gene count once)
    capped = list(dict.fromkeys(_target_fields(g)[0] for g in mediators))[:rules.max_mediators]
    cue_ends = [offset + m.end() for m in rules.cues["resistance_cues"].finditer(sentence)]
    claims: list[Claim] = []
    for x, rule, conf in [(m, "RES_PATHWAY" if m.source == "pathway" else "RES_MECHANISM", 0.65
                           if m.source == "pathway" else 0.7) for m in mechanisms] + \
                         [(g, "RES_MEDIATOR", 0.6) for g in mediators
                          if _target_fields(g)[0] in capped]:
        for drug in drugs if together else _drugs_for(x, drugs, sentence, offset):
            # (a drug from an earlier sentence is not part of this sentence's span: "At progression,
            # ctDNA showed MET amplification and no new KRAS alterations" is negated for KRAS)
            lo, hi = (min(drug.start, x.start), max(drug.end, x.end)) if drug.start >= offset \
                else (x.start, x.end)
            # (not a cue of a contrasted clause: "... carried a KEAP1 co-mutation, whereas STK11
            # status did not modify the treatment effect")
            after = [c for c in cue_ends if c > hi and c - hi < 80
                     and not ctx("contrast_clause_break").search(sentence, hi - offset, c - offset)]
            span = (lo, after[0] if after else hi)
            if rule != "RES_MEDIATOR":
                tid, tname = _mediator_in_phrase(x)
                if tid and tid not in _known_targets() and re.search(
                        r"[-\u2013]\s*$", sentence[max(0, x.start - offset - 3):x.start - offset]):
                    continue  # the 3' half of a fusion ("FGFR3-TACC3 fusions"): its kinase's row says it
                code = x.norm_id
                if code in ("BYPASS_ALTERATION", "SECONDARY_KRAS_ALTERATION") and tid \
                        and rules.cues["primary_cues"].search(sentence):
                    # a pre-existing co-alteration ("primary resistance ... SMAD4 loss"); its
                    # gene's own pathway process, if it has one
                    code = mediator_mechanisms().get(tid, "")
                    code = code if code in rules.genotype_mediator_codes else ""
                elif code in _ALTERED and tid and \
                        (driven := _driven_process(x, mechanisms, sentence, offset)):
                    # "reactivates MAPK signalling, through NRAS mutations or BRAF amplification":
                    # alterations said to drive a named process take its code (GUIDELINES 7.20)
                    code = driven
                elif code == "BYPASS_ALTERATION" and tid and tid in agent_targets(drug):
                    code = "OTHER"  # the drug's own target altered ("EGFR C797S" under osimertinib)
                claims.append(Claim("resistance", drug, (), tid, tname, "", code, "",
                                    rule + rule_suffix, conf, span, (x.start, x.end)))
            else:
                code = referred or _mechanism_for(x, mechanisms, rules.mediator_window + 10, sentence,
                                                  offset, rules, frozenset(agent_targets(drug)))
                if ctx("genetic_tool").search(sentence) and (
                        _screen_enriched(sentence, x.start - offset, x.end - offset)
                        or code == "OTHER" and not mechanisms and ctx("screen_hits").search(sentence)
                        or not mechanisms and ctx("knockout_resists").search(sentence)
                        and not ctx("stated_process").search(sentence)):
                    # screen guides enriched under the drug: a lost suppressor; a hit of a screen
                    # with no process stated ("identified YAP1 among the most depleted guides") has
                    # no process that fits no code (GUIDELINES 3: OTHER only for a stated process);
                    # a knockout that raised resistance ("knockout of KEAP1 or PTEN shifted the
                    # sotorasib IC50 4-fold") is a suppressor lost, as an enriched guide
                    code = ""
                tid, tname, variant = _target_fields(x)
                claims.append(Claim("resistance", drug, (), tid, tname, variant, code, "",
                                    rule + rule_suffix, conf, span, (x.start, x.end)))
    # resistance to a regimen ("progressing on sotorasib plus panitumumab"): the rest of the
    # regimen is the row's partner (SPEC: partner = the other agents); agents acting on one target
    # are alternatives ("resistance to cetuximab and panitumumab"), as are two KRAS inhibitors
    regimens = _resisted_regimens(masked, table, rules)
    for i, c in enumerate(claims):
        group = next((g for g in regimens if c.drug.norm_id in {a.norm_id for a in g}), None)
        if group is not None and not c.partners:
            # (the regimen's drug, as for its combination row: a focus agent, else the agent
            # named first; "treated with dabrafenib plus trametinib ... NRAS mutations")
            lead = _regimen_lead(group, rules)
            claims[i] = replace(c, drug=lead, partners=tuple(a for a in group if a.norm_id != lead.norm_id))
    # a pathway-level or process row without a target whose code a mediator row of the same
    # drug already carries adds nothing ("NRAS and HRAS sustain ERK output": the mediators
    # carry MAPK_REACTIVATION; GUIDELINES 7.20: the mediator's row points at the process)
    carried = {(c.drug.norm_id, c.mechanism) for c in claims if c.target_id}
    targetless = ("RES_PATHWAY" + rule_suffix, "RES_MECHANISM" + rule_suffix)
    claims = [c for c in claims if c.rule_id not in targetless or c.target_id
              or (c.drug.norm_id, c.mechanism) not in carried]
    # (nor a pathway the sentence's mediators are said to restore or sustain: "feedback activation of
    # EGFR, which restores RAS signalling", "MET amplification ... sustains ERBB3-PI3K signalling"; the
    # pathway is their outcome)
    explaining = {c.drug.norm_id for c in claims if c.target_id}
    claims = [c for c in claims if c.rule_id != "RES_PATHWAY" + rule_suffix
              or c.drug.norm_id not in explaining or not c.anchor or not ctx("pathway_outcome_before").search(
                  sentence, max(0, c.anchor[0] - offset - 50), max(0, c.anchor[0] - offset))]
    # (nor a process named by its outcome in a relative clause on another process of the drug: "feedback
    # activation of RTKs, which restored KRAS-GTP levels"; a subject that is no process of its own,
    # "SOS1-dependent nucleotide exchange that restored KRAS-GTP", keeps the row)
    def outcome_of_other(c: Claim) -> bool:
        a0 = c.anchor[0] - offset if c.anchor else -1
        return a0 > 0 and c.rule_id == "RES_MECHANISM" + rule_suffix and not c.target_id \
            and bool(ctx("outcome_relative").search(sentence, max(0, a0 - 30), a0 + 12)) \
            and any(o.drug.norm_id == c.drug.norm_id and o.mechanism != c.mechanism and o.anchor
                    and o.anchor[1] - offset <= a0 for o in claims)
    claims = [c for c in claims if not outcome_of_other(c)]
    # alterations that accompany a histologic transformation ("transformation to small cell lung
    # cancer with loss of RB1 and TP53") mediate that process (GUIDELINES 7.20)
    turns = [m for m in mechanisms if m.norm_id == "HISTOLOGIC_TRANSFORMATION"]
    for i, c in enumerate(claims):
        if c.target_id and c.anchor and c.mechanism != "HISTOLOGIC_TRANSFORMATION" and any(
                m.end <= c.anchor[0] and len(between := sentence[m.end - offset:c.anchor[0] - offset]) < 120
                and not re.search(r"[;:]|\.\s", between) and ctx("transformation_companion").search(between)
                for m in turns):
            claims[i] = replace(c, mechanism="HISTOLOGIC_TRANSFORMATION")
    # "confers resistance to both sotorasib and adagrasib but not to RMC-6291": the spared agent has
    # the same rows, denied (the assertion stage reads "not" before its span)
    for m in ctx("but_not_agents").finditer(masked):
        spared = [a for a in _agents_in(m.group(0), table)
                  if a.norm_id not in {c.drug.norm_id for c in claims}]
        before = [c for c in claims if spared and c.drug.start < spared[0].start and not c.partners]
        first = before[0].drug.norm_id if before else ""
        claims += [replace(c, drug=a, span=(a.start, a.end)) for a in spared
                   for c in before if c.drug.norm_id == first]
    return claims


def _regimen_lead(group: Sequence[Mention], rules: Rules) -> Mention:
    """The drug of a regimen named by its agents: a focus agent, else the agent named first."""
    return next((a for a in group if is_focus(a, rules)), group[0])


def _resisted_regimens(masked: str, table: dict[str, Mention], rules: Rules) -> list[list[Mention]]:
    """The regimens the sentence says were resisted ("progressing on sotorasib plus panitumumab"),
    each a list of its agents; agents on one target and two KRAS inhibitors are alternatives."""
    regimens = []
    for m in ctx("regimen_resisted").finditer(masked):
        found = [table[k] for k in re.findall(r"⟦A\d+⟧", m.group("regimen"))]
        group = list({a.norm_id: a for a in found}.values())
        if len(group) > 1 and _is_regimen(group, rules):
            regimens.append(group)
    return regimens


def _is_regimen(group: Sequence[Mention], rules: Rules) -> bool:
    """Whether agents resisted together are one regimen: not agents on one target ("cetuximab
    and panitumumab") nor KRAS inhibitors only, which are alternatives."""
    shared = any(set(agent_targets(a)) & set(agent_targets(b)) for a in group for b in group if a is not b)
    return not shared and not all(is_focus(a, rules) and a.label == "DRUG" for a in group)


# --------------------------------------------------------------------------- the stage


def _without_glued_citations(sent: Sentence, glued: list[tuple[int, int]]) -> Sentence:
    """The sentence with each citation glued to a word ("benefit52", "it64"; ``glued``: their
    sorted spans in the document) blanked out, same length, so that cue patterns ending at a word
    boundary see the word end."""
    text = sent.text
    for start, end in glued[bisect_left(glued, (sent.start + 1, 0)):bisect_left(glued, (sent.end, 0))]:
        if end <= sent.end:
            text = text[:start - sent.start] + " " * (end - start) + text[end - sent.start:]
    return sent if text == sent.text else replace(sent, text=text)


def extract_relations(doc: IngestedDocument, sentences: list[Sentence],
                      mentions: list[Mention]) -> list[dict]:
    """relations.csv rows (SPEC columns, plus ``cancer_source``) for one document."""
    rules = load_rules()
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence_index, []).append(m)
    paras = paragraph_ids(doc, sentences)
    rows: list[dict] = []
    recent_agents: list[list[Mention]] = []  # agents of the paragraph's earlier sentences
    recent_subjects: list[Mention | None] = []  # ... and the agent each opens with, if any
    prev_res_agents: list[Mention] = []
    focus_since: list[Mention] = []  # focus agents named after the paragraph's last resistance statement
    para_genes: set[str] = set()  # gene ids named so far in the paragraph
    prev_res_codes: list[str] = []  # mechanisms of the paragraph's latest resistance claims
    prev_res_partners: dict[str, tuple[Mention, ...]] = {}  # ... and the regimen partners of their drugs
    prev_combo: Claim | None = None  # the paragraph's latest combination
    prev_combos: list[Claim] = []  # ... and every one of the latest sentence that named any
    cue_agents: list[Mention] = []  # agents of the paragraph's latest sentence about resistance
    cue_k = -2  # the index of that sentence
    para_mediators: dict[str, str] = {}  # mediators the paragraph's resistance claims named -> code
    para_codes: dict[str, None] = {}  # mechanism codes of the paragraph's resistance claims, in order
    para_cancers: list[Mention] = []  # the cancers of the paragraph's latest sentence naming one
    exposed: Mention | None = None  # the one agent the sentence before exposed its system to
    recent_k = -2  # the index of the paragraph's latest sentence naming an agent
    para_level = "unspecified"  # evidence level of the sentence that stated para_cancers
    line_cancers: dict[str, list[Mention]] = {}  # cell line -> the cancers stated with it in the paragraph

    table_cancers: dict[int, list[Mention]] = {}

    def caption_cancers(table) -> list[Mention]:
        """Cancers stated in a table's title or caption (before its first row)."""
        if table.index not in table_cancers:
            sec = doc.section_at(table.start)
            lo = sec.start if sec is not None else table.start
            label = list(re.finditer(r"\bTable\s+\d+", doc.text[max(0, table.start - 400):table.start]))
            if label:  # the title printed just before the rows ("Table 5. ... in NSCLC")
                lo = min(lo, max(0, table.start - 400) + label[-1].start())
            hi = table.start
            first = doc.text[table.start:table.end].split("\n", 1)[0]
            if "\t" not in first and re.match(r"\s*Table\s+\d+", first):  # title printed as row 1
                hi = table.start + len(first)
            table_cancers[table.index] = list({m.norm_id: m for m in mentions if m.label == "CANCER"
                                               and lo <= m.start and m.end <= hi
                                               and m.norm_id != GENERIC_CANCER}.values())
        return table_cancers[table.index]
    heading_cancers: dict[int, list[Mention]] = {}  # the cancers each section's heading names

    def section_heading_cancers(section: Section | None) -> list[Mention]:
        if section is None:
            return []
        if section.index not in heading_cancers:
            heading_cancers[section.index] = _heading_cancers(doc, section, by_sent, sentences)
        return heading_cancers[section.index]
    heading_agents: dict[int, list[Mention]] = {}

    def heading_focus(section: Section | None) -> list[Mention]:
        """The focus agents (KRAS inhibitors) the heading of ``section`` names, else those of the
        nearest of the two headings before it that names one."""
        if section is None:
            return []
        for sec in reversed(doc.sections[max(0, section.index - 2):section.index + 1]):
            if sec.index not in heading_agents:
                heading_agents[sec.index] = [m for m in _heading_mentions(sec, by_sent, sentences)
                                             if m.label in AGENT_LABELS and is_focus(m, rules)]
            if heading_agents[sec.index]:
                return list({a.norm_id: a for a in heading_agents[sec.index]}.values())
        return []
    glossary_cues = load_lexicon().curated.patterns.get("glossary_cues", [])
    glued = sorted((c.start, c.end) for c in doc.citations if c.start and (
        doc.text[c.start - 1].isalpha() or doc.text[c.start - 1] == ","))  # "benefit52", "lorlatinib,83"
    cited = sorted((c.start, c.end) for c in doc.citations)  # looked up per sentence by bisection
    # the acquired alterations the sentence before found at progression, by mediator
    progression_found: tuple[int, dict[str, Claim]] = (-2, {})
    own_res_before: tuple[int, list[Claim]] = (-2, [])  # the latest sentence's resistance claims
    for k, sent in enumerate(sentences):
        evidence_text = sent.text
        sent = _without_glued_citations(sent, glued)  # "shorten its benefit52." reads "benefit  ."
        if k and paras[k] != paras[k - 1]:
            recent_agents, prev_res_agents, para_cancers, para_level = [], [], [], "unspecified"
            recent_subjects = []
            focus_since = []
            line_cancers = {}
            para_genes, prev_res_codes, prev_combo, cue_agents = set(), [], None, []
            prev_res_partners = {}
            prev_combos = []
            para_mediators, para_codes = {}, {}
            exposed, recent_k = None, -2
        if ctx("literature_search").search(sent.text):
            continue  # "We searched PubMed using the terms KRAS, sotorasib, resistance": no claim
        if ctx("keyword_list").match(sent.text) or k and ctx("keywords_heading").fullmatch(
                sentences[k - 1].text.strip()):
            continue  # "Keywords: KRAS G12C; sotorasib; drug resistance; combination therapy": no claim
        ms = sorted(by_sent.get(sent.index, []), key=lambda m: m.start)
        agents = [m for m in ms if m.label in AGENT_LABELS]
        # a drug used as a laboratory switch is no treatment ("doxycycline-inducible constructs",
        # "tamoxifen-inducible Cre")
        agents = [a for a in agents if not ctx("tool_agent_after").match(doc.text, a.end)]
        contrasted: list[Mention] = []  # agents of an "Unlike X, ..." opener
        if frame := ctx("comparison_opener").match(sent.text):
            # "As with G12C agents, its activity ...": the agents compared with are no agent of
            # the sentence's claims (those contrasted with "unlike" stay referents of a later "both
            # agents")
            contrasted = [a for a in agents if a.start - sent.start < frame.end()] \
                if ctx("contrasted_agent_opener").match(sent.text) else []
            agents = [a for a in agents if a.start - sent.start >= frame.end()]
        # "a RAF/MEK clamp", "a KRAS degrader": the genes say what kind of agent it is; they are no
        # target of the sentence's verbs ("Avutometinib acts as a RAF/MEK clamp, blocking MEK ...")
        targets = [m for m in ms if m.label in TARGET_LABELS
                   and not ctx("agent_kind_genes").match(doc.text, m.end, sent.end)]
        mechanisms = [m for m in ms if m.label == "MECHANISM"]
        # "xenografts of both tumour types": the paragraph's cancers again, not a new one
        cancers_again = [m for m in ms if m.label == "CANCER" and m.norm_id == GENERIC_CANCER and para_cancers
                         and ctx("cancer_back_reference").search(
                             doc.text[max(sent.start, m.start - 30):m.start])]
        cancers = [m for m in ms if m.label == "CANCER" and m not in cancers_again
                   and not ctx("transformed").search(doc.text[max(sent.start, m.start - 80):m.start])]
        # "A biopsy ... then showed squamous cell carcinoma", "relapsed as small cell carcinoma": a
        # histology named beside an organ's cancer (of the sentence or the paragraph) describes the
        # tissue; the claim keeps the organ's cancer
        if any(c.norm_id not in rules.histology_terms and c.norm_id != GENERIC_CANCER
               for c in [*cancers, *para_cancers]):
            cancers = [c for c in cancers if c.norm_id not in rules.histology_terms]
        cells = [m for m in ms if m.label == "CELL_LINE"]
        extra, used = _coordinated_classes(sent, doc.text, targets, agents)
        if extra:
            agents = sorted(agents + extra, key=lambda m: m.start)
            targets = [t for t in targets if id(t) not in used]
        first, past = bisect_left(cited, (sent.start, 0)), bisect_left(cited, (sent.end, 0))
        cites = [(a, b) for a, b in cited[first:past] if b <= sent.end]
        suffix = ""
        # "at progression on the doublet": resistance to the paragraph's latest regimen is
        # resistance to its drug (the partner is not resisted, as for a named regimen)
        # (with no regimen read before, the agents the sentence before names together, if they
        # make one: "Dabrafenib and trametinib ... are standard therapy. Among patients who
        # progressed on the doublet, ...")
        regimen_ref = prev_combo
        if regimen_ref is None and recent_agents:
            group = list({a.norm_id: a for a in recent_agents[-1]}.values())
            if len(group) > 1 and _is_regimen(group, rules):
                lead = _regimen_lead(group, rules)
                regimen_ref = Claim("combination", lead, tuple(a for a in group if a is not lead), "", "",
                                    "", "", "unknown", "COMB_ANAPHOR", 0.5, (lead.start, lead.end))
        # (the regimen references the sentence says failed: "progressed on the doublet")
        failed_refs = [rm for rm in rules.cues["combination_anaphora"].finditer(sent.text)
                       if ctx("failed_regimen").search(sent.text[max(0, rm.start() - 60):rm.start()])]
        failed = [] if regimen_ref is None else [
            (sent.start + rm.start(), sent.start + rm.end()) for rm in failed_refs
            if not _covered(sent.start + rm.start(), sent.start + rm.end(), ms)]
        if failed:
            agents += [a for s0, e0 in failed for a in _standing_at([regimen_ref.drug], s0, e0)]
            suffix = "+ANAPHOR"
        # "either drug" / "both agents" after a pair the sentence itself coordinates ("... to
        # sotorasib and adagrasib, and that cetuximab added to either drug overcame ...") takes that pair
        own_pairs = []
        for am in rules.cues["anaphora"].finditer(sent.text):
            s0, e0 = sent.start + am.start(), sent.start + am.end()
            pair = _coordinated_before(agents, doc.text, s0) if ctx("distributive_anaphor").match(
                am.group(0)) else []
            before = list({a.norm_id: a for a in agents if a.end <= s0}.values())
            if ctx("collective_anaphor").search(am.group(0)):
                pair = before  # "X and Y ..., while Z ..., and each of them": every agent named before it
            if not pair and len(before) == 1 and ctx("formed_complex_anaphor").match(am.group(0)) \
                    and not _covered(s0, e0, ms):
                # "RMC-6291 first binds cyclophilin A; the resulting binary complex then engages
                # KRAS G12C": the agent that formed it
                agents += _standing_at(before, s0, e0)
                own_pairs.append((s0, e0))
                suffix = "+ANAPHOR"
                continue
            if not pair and anaphor_count(am.group(0)) == len(before) >= 2 \
                    and ctx("clause_opening_anaphor").search(sent.text, 0, am.start()):
                # "Adagrasib has a longer half-life than sotorasib; the two drugs covalently trap
                # KRAS G12C": a numbered anaphor opening a clause after exactly that many agents
                pair = before
            if len(pair) >= 2 and not _covered(s0, e0, ms):
                own_pairs.append((s0, e0))
                agents += _standing_at(pair, s0, e0)
                suffix = "+ANAPHOR"
        if own_pairs:
            agents.sort(key=lambda m: m.start)
        if recent_agents:
            # agent anaphors ("this drug", "both agents") always resolve; "the latter" /
            # "the former" only in a sentence that names no agent itself
            found = list(rules.cues["anaphora"].finditer(sent.text))
            # (a subject pronoun also when the sentence's own agents come after it: "Because
            # it inhibits KRAS, NRAS and HRAS, it stays active after KRAS G12C inhibitors")
            found += [am for am in rules.cues["weak_anaphora"].finditer(sent.text)
                      if not agents or am.group(0).lower() in _SUBJECT_REFERENCES
                      and all(a.start >= sent.start + am.end() for a in agents)]
            # (the subject after a fronted partner phrase: "Added to adagrasib, however, it
            # abolished the rebound")
            if fronted := ctx("fronted_partner_subject").match(sent.text):
                found += [m for m in [re.compile(r"\b(?:it|they)\b").match(sent.text, fronted.start("it"))]
                          if m and all(m.start() != f.start() for f in found)]
            # (a possessive or pronoun after "the latter" / "the former" is that same agent: "The
            # latter nonetheless loses much of its activity ...")
            chosen: list[Mention] = []
            for am in sorted(found, key=lambda m: m.start()):
                s0, e0 = sent.start + am.start(), sent.start + am.end()
                if _covered(s0, e0, ms) or (s0, e0) in own_pairs or \
                        any(f0 < e0 and s0 < f1 for f0, f1 in failed):
                    continue
                word = am.group(0).lower()
                found_ants = chosen if chosen and word in ("it", "its") else \
                    antecedents(am.group(0), recent_agents)
                if word in ("the latter", "the former"):
                    chosen = found_ants
                if not found_ants and word in ("it", "its") and \
                        recent_subjects[-1] is not None:
                    # "GDC-6036 binds KRAS G12C ... more potent than sotorasib and adagrasib. It entered a
                    # phase I study ...": of several agents, the one the sentence opens with
                    found_ants = [recent_subjects[-1]]
                n = anaphor_count(am.group(0))
                if not found_ants and 2 <= n <= 4 and prev_combo is not None and \
                        len({prev_combo.drug.norm_id, *(p.norm_id for p in prev_combo.partners)}) == n:
                    # "Added to adagrasib, it abolished the rebound. ... the two drugs were
                    # synergistic": the paragraph's latest regimen, one of its agents named by anaphor
                    found_ants = [prev_combo.drug, *prev_combo.partners]
                agents += _standing_at(found_ants, s0, e0)
                suffix = "+ANAPHOR"
            agents.sort(key=lambda m: m.start)
        agents = [_definite_class_referent(a, doc.text, recent_agents, nxt)
                  for a, nxt in zip_longest(agents, agents[1:])]
        agents = [_predicated_class(a, doc.text, prev)
                  for a, prev in zip(agents, [None, *agents], strict=False)]
        masked, table = mask(sent.text, sent.start, agents, targets, cites, rules)
        para_genes |= {_target_fields(t)[0] for t in targets}
        para_genes |= {gid for x in mechanisms for gid in _genes_named_in(x.text)}
        resisted_here = _resistance_agents(masked, table, agents, rules)[0]  # "resistance to X"
        resistant = {a.norm_id for a in prev_res_agents} | {a.norm_id for a in resisted_here}
        # "Consequently, X plus Y ..." right after a resistance statement: an explicit tie (7.14)
        causal_tie = bool(prev_res_agents and rules.cues["causal_connectives"].search(sent.text))
        # "In two patients with MET amplification, adding crizotinib ...": a population defined by
        # an alteration the paragraph has stated as a resistance mechanism (GUIDELINES 7.14)
        # (or by an alteration this sentence says arose at progression: "Fourteen patients whose
        # tumours showed MET amplification at progression on osimertinib received osimertinib plus
        # savolitinib")
        progressed = bool(ctx("at_progression_on").search(sent.text))
        causal_tie = causal_tie or any(
            ctx("defined_population").search(doc.text, max(sent.start, x.start - 60), x.start)
            and (x.norm_id in para_codes or (progressed or ctx("acquired_word_before").search(
                     doc.text, max(sent.start, x.start - 12), x.start)) and x.norm_id in _ALTERED[1:]
                 if x.label == "MECHANISM" else _target_fields(x)[0] in para_mediators)
            for x in mechanisms + targets)
        # "... xenografts from two patients whose disease had progressed on adagrasib with an acquired
        # KRAS Y96D mutation. Adagrasib combined with BI-3406 and trametinib induced regression of
        # these xenografts": the models the sentence before defined by that resistance
        causal_tie = causal_tie or bool(
            own_res_before[0] == k - 1 and k and paras[k] == paras[k - 1]
            and ctx("these_models").search(sent.text)
            and ctx("resistance_defined_models").search(sentences[k - 1].text))
        lone = recent_agents[-1][0] if recent_agents and len(recent_agents[-1]) == 1 else None
        resisted_before = prev_res_agents[0] if prev_res_agents else cue_agents[0] if cue_agents else None
        # the paragraph's latest focus agent
        para_focus = next((a for g in reversed(recent_agents) for a in g if is_focus(a, rules)), None)
        if resisted_before is None and rules.cues["strong_overcome_cues"].search(sent.text):
            # "Tumours that later regrew showed increased EGFR signalling, and co-treatment with
            # afatinib restored sensitivity": sensitivity to the paragraph's focus agent
            resisted_before = para_focus
        elif resisted_before is None and not resisted_here \
                and rules.cues["resistance_cues"].search(sent.text) \
                and rules.cues["overcome_cues"].search(sent.text):
            # "Tumours that relapsed showed wild-type RAS activation, and co-treatment with
            # daraxonrasib restored tumour regression": resistance stated here for no named drug
            # is to the paragraph's focus agent, which the added partner joins
            resisted_before = para_focus
        claims = combination_claims(masked, table, sent.text, rules, mechanisms, sent.start,
                                    frozenset(para_genes), resisted_before,
                                    frozenset(resistant), causal_tie, prev_combo, lone,
                                    dict(para_mediators), para_focus,
                                    frozenset(a.norm_id for a in resisted_here))
        same = _same_effect(masked, table, sent.start, claims, prev_combo, frozenset(para_genes),
                            dict(para_mediators), rules, prev_combos)
        recast = {(c.span, c.drug.norm_id) for c in same if c.rule_id.endswith("+SAME_EFFECT")}
        claims = [c for c in claims if c.relation != "combination" or (c.span, c.drug.norm_id) not in recast]
        claims += same
        if prev_combo is not None and not failed and \
                not any(c.relation in ("combination", "overcomes") for c in claims):
            claims += anaphoric_combination(sent, prev_combo, rules, prev_combos, frozenset(para_genes))
        claims += _regimen_in_trial(sent, claims, rules)
        claims += inhibits_claims(masked, table, rules, claims)
        if not agents and exposed is None and recent_k == k - 1 and recent_agents \
                and len(recent_agents[-1]) == 1 and ctx("readout_time_after").search(sent.text):
            # "X caused regressions. Tumour pERK was reduced 4 hours after dosing": the one agent of
            # the sentence just before
            exposed = recent_agents[-1][0]
        if not agents and exposed is not None:
            # "We exposed nine KRAS G12C-mutant lines to adagrasib. Phosphorylated ERK fell by more
            # than 90% within 4 hours": a readout falling in the system the sentence before exposed
            # to one agent is that agent's finding
            claims += [Claim("inhibits", exposed, (), *_target_fields(t), "", "",
                             "INH_READOUT_AFTER_EXPOSURE", 0.55, (t.start, t.end)) for t in targets
                       if ctx("readout_fell_after").match(doc.text, t.end)]
        res_agents = [a for a in agents]
        res_suffix = ""
        # (a focus agent a cohort or model was treated with, named after the paragraph's last
        # resistance statement, is the one the next findings are about: "... inferior outcomes with
        # immunotherapy. We pooled patients treated with sotorasib. KEAP1 co-mutation was
        # associated with shorter PFS.")
        findings_go_on = from_heading = False
        context = focus_since or prev_res_agents or cue_agents
        if not context and not res_agents and recent_agents:
            # "... patients with NSCLC treated with sotorasib. At progression, two tumours had
            # acquired KRAS Y96D": the paragraph's focus agent, else its one latest agent
            focus = [[a for a in group if is_focus(a, rules)] for group in recent_agents]
            focus = [g for g in focus if g]
            context = focus[-1] if focus else recent_agents[-1]
        if not context and not res_agents and not recent_agents:
            # "Mechanisms of resistance to KRAS G12C inhibitors" / "Acquired resistance mechanisms
            # include secondary KRAS mutations ...": a paragraph naming no agent is about the KRAS
            # inhibitors its section heading (or the heading of a section just before) names
            context = heading_focus(doc.section_at(sent.start))
            from_heading = bool(context)
        if not res_agents and context and not ctx("open_question").search(sent.text) and (
                rules.cues["resistance_cues"].search(sent.text)
                or rules.cues["acquisition_cues"].search(sent.text)
                or cue_k == k - 1 and (mechanisms or rules.cues["alteration_cues"].search(sent.text) and any(
                    t.label == "VARIANT" and t.norm_name not in rules.focus_variants for t in targets)
                    # ("Most involved amplification of EGFR or MET": genes named as altered)
                    or any(t.label == "GENE" and not _is_readout(t) and (
                        ctx("alteration_of_before").search(doc.text, max(sent.start, t.start - 40), t.start)
                        or ctx("alteration_after").match(doc.text, t.end)) for t in targets)
                    # ("Three PDX models stopped responding. These tumours showed nuclear accumulation
                    # of YAP and TAZ": known mediators the findings go on with)
                    or not agents and ctx("findings_of_system").match(sent.text) and any(
                        t.label == "GENE" and mediator_mechanisms().get(t.norm_id) for t in targets))):
            # (not in an open question: "Whether such combinations change the spectrum of acquired
            # MET alterations is not yet known")
            # "... patients treated with adagrasib had resistance mechanisms. These included
            # acquired RET fusions ...": the drug of the paragraph's resistance statement; a
            # sentence naming only mechanisms continues the resistance statement just before
            # ("Resistance to X is heterogeneous. It involves MET amplification and ..."; "These
            # included G12D and Q61H mutations")
            # (a class and the members given as its examples: the class, GUIDELINES 7.11)
            res_agents, suffix = _examples_as_class(context), "+HEADING" if from_heading else "+CONTEXT"
            findings_go_on = True
        elif res_agents and not any(is_focus(a, rules) for a in res_agents) \
                and not resisted_here and not ctx("agent_given").search(masked) \
                and rules.cues["resistance_cues"].search(sent.text):
            # resistance stated beside other agents only ("SHP2 mediates feedback ...; SHP2
            # inhibitors are in development"): the resistance is to the paragraph's focus agent
            # (not when the sentence's system was given the agent: "cells that persisted through
            # osimertinib treatment")
            para_focus = [[a for a in group if is_focus(a, rules)] for group in recent_agents]
            para_focus = [g for g in para_focus if g]
            if para_focus:  # the first focus agent of the latest sentence that names one
                res_agents, res_suffix = [para_focus[-1][0]], "+CONTEXT"
        # "EGFR and AURKA promoted this adaptation": mediators of the process just stated take
        # its code (GUIDELINES 7.20)
        referred = prev_res_codes[0] if prev_res_codes and not mechanisms and \
            ctx("process_back_reference").search(sent.text) else ""
        # (the same drug's resistance statement just before goes on: "Resistance to osimertinib is
        # heterogeneous. C797S mutations, which abolish the bond osimertinib forms ..., whereas MET
        # amplification ...")
        goes_on = frozenset({a.norm_id for a in res_agents} & {a.norm_id for a in cue_agents}) \
            if cue_k == k - 1 else frozenset()
        res = resistance_claims(res_agents, masked, table, mechanisms, sent.text, sent.start,
                                rules, res_suffix or suffix, referred, goes_on)
        explained = False  # (the drugs of a process explained again do not replace its own agents)
        if not res and not mechanisms and not targets and own_res_before[0] == k - 1 and agents \
                and paras[k] == paras[k - 1] \
                and ctx("explained_by_process").match(sent.text) \
                and rules.cues["resistance_cues"].search(sent.text):
            # "Feedback activation of EGFR restores pathway output. This observation explains why
            # sotorasib and adagrasib are less active in colorectal tumours": the process just
            # stated, for the drugs this sentence says it limits
            res = [replace(r, drug=a, partners=(), rule_id=r.rule_id.split("+")[0] + "+CONTEXT",
                           span=(a.start, a.end), anchor=(a.start, a.end))
                   for a in res_agents if a.start >= sent.start for r in own_res_before[1]
                   if r.drug.norm_id != a.norm_id]
            explained = bool(res)
        # a gene other than KRAS named in a sentence about secondary KRAS alterations ("..., followed
        # by MAP2K1 mutations and MET amplification") is altered in another gene: a bypass
        res = [replace(r, mechanism="BYPASS_ALTERATION") if r.mechanism == "SECONDARY_KRAS_ALTERATION"
               and r.target_id.startswith("HGNC:") and r.target_id not in rules.focus_target_ids else r
               for r in res]
        # "These included secondary KRAS mutations ...": findings that go on with the resistance to a
        # regimen stated just before keep its partner
        if (res_suffix or suffix) == "+CONTEXT" and prev_res_partners:
            res = [replace(r, partners=prev_res_partners[r.drug.norm_id]) if not r.partners
                   and r.drug.norm_id in prev_res_partners else r for r in res]
        # "at progression on the doublet": resistance to the paragraph's latest regimen keeps the
        # rest of that regimen as partner, as for a regimen named in the sentence (rules 1.171.0)
        if failed and regimen_ref is not None and regimen_ref.partners \
                and _is_regimen([regimen_ref.drug, *regimen_ref.partners], rules):
            res = [replace(r, partners=regimen_ref.partners) if not r.partners
                   and r.drug.norm_id == regimen_ref.drug.norm_id else r for r in res]
        # ("Adding cetuximab to encorafenib improved survival, yet acquired resistance to the doublet
        # develops through KRAS mutations": the regimen this sentence named before the anaphor)
        for rm in failed_refs if not failed else ():
            named = [c for c in claims if c.relation in ("combination", "overcomes") and c.partners
                     and c.span[1] <= sent.start + rm.start()]
            if named:
                res = [replace(r, partners=named[-1].partners) if not r.partners
                       and r.drug.norm_id == named[-1].drug.norm_id and r.span[1] > sent.start + rm.start()
                       else r for r in res]
        # a combination whose partner acts on the mediator of a resistance the same sentence
        # states ("sotorasib with EGFR antibodies, where EGFR feedback limits monotherapy")
        # is aimed at that resistance: overcomes
        mediated = {} if ctx("genetic_tool").search(sent.text) else {
            r.target_id: r for r in res if r.target_id}
        if not res and progression_found[0] == k - 1 and paras[k] == paras[k - 1] \
                and not ctx("progressed_again").search(sent.text):
            # "At progression, ctDNA showed MET amplification. Sotorasib was continued and
            # crizotinib was added": the patient is defined by the alteration just found, and a
            # partner acting on it is aimed at it (GUIDELINES 7.14), unless the disease progressed
            # on it ("..., but the disease progressed within 8 weeks")
            mediated = progression_found[1]
        # (not a regimen named for its trial: that is the trial's combination, GUIDELINES 7.14)
        trial_spans = {c.span for c in claims if c.relation == "combination"
                       and _trial_mention(sent.text, c.span[0] - sent.start, c.span[1] - sent.start)}
        claims = [c if c.span in trial_spans or c.relation == "combination" and _treated_regimen(
                      sent.text, c.span[0] - sent.start) else
                  _aimed_at(c, mediated, frozenset(para_genes), doc.text, rules.genotype_mediator_codes)
                  for c in claims]
        if not any(c.relation in ("combination", "overcomes") for c in claims):
            # "SOS1 inhibitors may blunt the adaptive reloading of KRAS", "TNO155 blocked this
            # feedback": a partner blocking a resistance process of the paragraph's focus drug
            # (else the inhibitors the section heading names: "Strategies to overcome resistance to
            # KRAS G12C inhibitors" / "SHP2 inhibitors blunt the adaptive feedback")
            resisted_focus = [a for a in prev_res_agents if is_focus(a, rules)] or next(
                ([a for a in g if is_focus(a, rules)] for g in reversed(recent_agents)
                 if any(is_focus(a, rules) for a in g)), []) or (
                heading_focus(doc.section_at(sent.start)) if not recent_agents else [])
            claims += _partner_blocks_process(sent, masked, table, mechanisms, resisted_focus,
                                              frozenset(para_genes), rules)
        overcoming = [c for c in claims if c.relation == "overcomes"]
        # the agent added to overcome resistance is not the agent resisted ("the pan-FGFR
        # inhibitor futibatinib restored the response to sotorasib")
        added = {p.norm_id for c in overcoming for p in c.partners} - {c.drug.norm_id for c in overcoming}
        res = [r for r in res if r.drug.norm_id not in added and not (
            r.drug.label == "DRUG_CLASS"
            and any(_is_class_of(r.drug, p) for c in overcoming for p in c.partners))]
        if overcoming:
            # the overcome resistance named by its driver ("overcame this PI3K-dependent
            # resistance", "prevent adaptive RTK-driven resistance"): the driver's process, before
            # any other process the sentence states
            # (a mediator the paragraph gave a process keeps it: "MET-driven resistance" after MET
            # amplification is bypass; a driven rebound or reactivation names its process later)
            d = ctx("driven_resistance").search(masked)
            gid = table[d.group("gene")].norm_id if d else ""
            driven = (para_mediators.get(gid) or mediator_mechanisms().get(gid, "")) if d else ""
            if driven and gid not in para_mediators and any(
                    t.norm_id == gid and _alteration_near(t, sent.text, sent.start, rules) for t in targets):
                # "in MET-amplified disease ..., the option for MET-driven resistance": the driver
                # named altered is an alteration (a bypass; KRAS a secondary alteration)
                driven = _alteration_code(_target_fields(table[d.group("gene")])[1], gid, frozenset())
            if driven and ctx("resistance_noun_end").search(d.group(0)):
                claims = _fill_overcome_mechanism(claims, driven)
            # the process overcome: the sentence's own, else the one resistance stated
            # just before in the paragraph ("... EGFR feedback. X plus Y blocked it.")
            codes = [c.mechanism for c in res if c.mechanism]
            # a model the sentence defines by its alteration ("CDKN2A-deleted xenografts") names
            # its own process, before any back-referenced one
            defining = _defining_code(targets, doc.text, rules)
            referred_back = not codes and not defining and \
                bool(rules.cues["back_reference"].search(sent.text))
            if referred_back:
                # (or the process the paragraph's latest regimen overcame: "RMC-4550 prevented the
                # pERK rebound after sotorasib. Adding BI-3406 to adagrasib likewise suppressed the
                # rebound")
                codes = prev_res_codes or ([prev_combo.mechanism] if prev_combo is not None
                                           and prev_combo.relation == "overcomes" and prev_combo.mechanism
                                           else [])
                # ("... EMT, and these cells showed increased PI3K signalling instead. Adding a PI3K
                # inhibitor reversed the latter dependence": the process stated last)
                latter = ctx("latter_process").search(sent.text)
                if latter and len(set(codes)) > 1:
                    codes = codes[-1:] if latter.group(1).lower() == "latter" else codes[:1]
            if codes:
                top = max(dict.fromkeys(codes), key=codes.count)  # the most stated, first on ties

                def code_for(c: Claim, res: list[Claim] = res, top: str = top,
                             para: Mapping[str, str] = {} if referred_back else para_mediators) -> str:
                    # the mediator the partner acts on names the process overcome (in this sentence,
                    # else an alteration of it the paragraph stated: "MET amplification was the most
                    # frequent alteration ... Savolitinib restored osimertinib sensitivity")
                    reach = {t for p in c.partners for t in _reach(p)}
                    hit = [r.mechanism for r in res if r.mechanism and r.target_id and r.target_id in reach] \
                        or [para[t] for t in reach if para.get(t) in _ALTERED[1:]]
                    return hit[0] if hit else top

                claims = _fill_overcome_mechanism(claims, code_for)
            else:
                # (a model or population the sentence itself defines by an alteration names the
                # process before the paragraph does: "When CDKN2A is lost, CDK4/6 inhibitors enhance
                # the activity of sotorasib")
                if defining:
                    claims = _fill_overcome_mechanism(claims, defining)
                # the partner acts on a mediator the paragraph has just named ("EGFR-mediated
                # feedback ... Adding cetuximab ..."): that mediator's process
                claims = _fill_overcome_mechanism(
                    claims, partial(_paragraph_process, para_mediators=para_mediators, para_codes=para_codes))
            # a driven rebound or reactivation, and a model defined by the alteration: their
            # process, when nothing above named one
            # a blocked readout of a mediator ("prevented the rise in EGFR phosphorylation",
            # "prevented pERK recovery"): that mediator's process
            b = ctx("blocked_readout").search(masked)
            blocked = mediator_mechanisms().get(table[b.group("gene") or b.group("gene2")].norm_id, "") \
                if b else ""
            for code in (driven, defining, blocked):
                if code:
                    claims = _fill_overcome_mechanism(claims, code)
            # GUIDELINES 7.13: only a resistance asserted in a clause of its own
            res = [r for r in res if _own_resistance_clause(r, overcoming, sent, rules)]
        # an escape route drawn as an analogy with another class, in a paragraph about a focus agent
        # ("This phenotypic switch resembles the lineage plasticity described after EGFR tyrosine
        # kinase inhibitors"; "... is a known escape route from EGFR inhibitors as well"): no claim
        # about that class
        if res and ctx("analogy").search(sent.text) and any(
                is_focus(a, rules) for group in recent_agents for a in group):
            res = [r for r in res if is_focus(r.drug, rules)
                   or not sent.start <= r.drug.start < sent.start + len(sent.text)]
        # a route of escape the sentence says a regimen may prevent is no resistance stated ("Combining
        # X with Y may further limit escape through NRAS or HRAS", "to forestall RAS-mediated escape")
        # (looked for only when there is a resistance row and a regimen: this runs for every sentence)
        if res and any(c.relation in ("combination", "overcomes") for c in claims):
            routes = {g.norm_id for g in table.values() if g.label == "GENE" and (
                ctx("remedy_route_before").search(doc.text, sent.start, g.start)
                or ctx("remedy_verb_before").search(doc.text, sent.start, g.start)
                and ctx("mediated_escape_after").match(doc.text, g.end))}
            res = [r for r in res if r.target_id not in routes]
        claims += res
        aim = ctx("aim_question").search(sent.text)
        asked = [] if not aim else [c for c in claims if c.relation in ("overcomes", "resistance")
                                    and c.span[1] > sent.start + aim.start()]
        if asked:
            # "We next examined whether SOS1 inhibition prevents adaptive resistance to adagrasib": the
            # question an experiment asks states no resistance and no overcoming; the regimen it asks
            # about is still the one "the combination" of the next sentences refers to
            claims = [c for c in claims if not any(c is a for a in asked)]
        purpose = ctx("purpose_question").search(sent.text)
        if purpose and not rules.cues["overcome_cues"].search(sent.text, 0, purpose.start()):
            # "KRYSTAL-2 combines adagrasib with TNO155 to ask whether it delays this adaptation": a
            # regimen given to answer a question; the overcoming is asked, not stated (7.14)
            claims = [replace(c, relation="combination", target_id="", target_name="", mechanism="",
                              effect="unknown", rule_id=c.rule_id.removeprefix("OVC_"))
                      if c.relation == "overcomes" and c.span[1] <= sent.start + purpose.start() else c
                      for c in claims]
        claims += _doublets_denied(claims, sent)
        claims += _elliptical_contrast(claims, masked, table, rules, frozenset(para_genes),
                                       dict(para_mediators))
        # (or that alterations were acquired: "acquired genomic alterations were detected at
        # progression in a quarter of patients")
        stated = rules.cues["resistance_cues"].search(sent.text) or (
            ctx("acquired_alterations").search(sent.text) and ctx("at_progression").search(sent.text))
        if agents and stated:
            cue_agents, cue_k = [a for a in agents if "+anaphor" not in a.source], k
        elif recent_agents and stated:
            cue_k = k  # "Putative resistance alterations were found in 17 patients.": the statement goes on
        if findings_go_on and not res:
            cue_k = k  # (a finding with no row of its own, "The founder EGFR mutation was retained in
                       # all 96", does not end the findings: "MET amplification was found in 20")
        if res and ctx("at_progression").search(sent.text):
            progression_found = (k, {r.target_id: r for r in res
                                     if r.target_id and r.mechanism in _ALTERED[1:]
                                     and assertion(sent.text, r.span, sent.start, rules,
                                                   r.relation) == "affirmed"})
        if res:
            own_res_before = (k, list({(r.target_id, r.mechanism): r for r in res}.values()))
            cue_k = k  # a sentence of resistance findings ("They comprised ...") goes on to the next
            if not explained:
                prev_res_agents = list({c.drug.norm_id: c.drug for c in res}.values())
            prev_res_codes = [c.mechanism for c in res if c.mechanism]
            prev_res_partners = {c.drug.norm_id: c.partners for c in res if c.partners}
            para_mediators.update({c.target_id: c.mechanism for c in res if c.target_id and c.mechanism})
            para_codes.update(dict.fromkeys(c.mechanism for c in res if c.mechanism))
        combos = [c for c in claims if c.relation in ("combination", "overcomes")] or [
            c for c in asked if c.relation == "overcomes"]
        if combos:
            prev_combo, prev_combos = combos[-1], combos
        if claims and suffix:
            claims = [replace(c, rule_id=c.rule_id if c.rule_id.endswith(suffix) else c.rule_id + suffix,
                              confidence=c.confidence * 0.85) for c in claims]
        own = list({a.norm_id: a for a in [*contrasted, *agents] if "+anaphor" not in a.source}.values())
        # (a class in apposition to a drug is the drug's description, not an agent of its own that
        # a later "it" or "its" could stand for: "The KRAS G12D inhibitor MRTX1133 ... Its activity")
        standing = {(table[x].start, table[x].end) for x in re.findall(r"⟦A\d+⟧", masked)}
        own = [a for a in own if (a.start, a.end) in standing or a.label != "DRUG_CLASS"] or own
        # (nor is a drug compared against: "Divarasib is more potent than sotorasib and adagrasib
        # ..., while glecirasib ... . Both agents bind ...": divarasib and glecirasib)
        # (an agent contrasted with "unlike" is a referent still: "Unlike sotorasib, ..., adagrasib
        # reaches the CSF. Both agents bind ...")
        compared = {(table[x].start, table[x].end) for cm in ctx("comparator_agents").finditer(masked)
                    if not ctx("contrasted_agent_opener").match(cm.group(1))
                    for x in re.findall(r"⟦A\d+⟧", cm.group(2))}
        own = [a for a in own if (a.start, a.end) not in compared] or own
        if own:
            exposed = own[0] if len(own) == 1 and ctx("exposed_to_agent").search(masked) else None
            recent_agents.append(own)
            recent_k = k
            # (after a leading frame, the main clause's subject: "In models with acquired resistance
            # to adagrasib ..., elironrasib retained full activity. It ...")
            lead = ctx("leading_frame").match(sent.text)
            begin = sent.start + (lead.end() if lead else 0)
            opener = next((a for a in own if a.label == "DRUG" and a.start >= begin), None)
            recent_subjects.append(opener if opener is not None and ctx("sentence_subject").fullmatch(
                doc.text, begin, opener.start) else None)
        if res or cue_k == k:
            focus_since = []
        elif prev_res_agents and (treated := [a for a in own if is_focus(a, rules) and ctx(
                "treated_with_before").search(doc.text, max(sent.start, a.start - 60), a.start)]):
            focus_since = treated  # the agent a cohort or model was treated with
        own_level = evidence_level([evidence_text], rules)  # the sentence's own system, if it names one
        # "In contrast to colorectal cancer, ... in NSCLC": the cancer compared against is not the
        # claim's, nor inherited, when the sentence names another
        # a table of agents with a "Target" or "Partner(s)" column (also one row of a table the
        # ingest kept as a table, read under its header row)
        if "\n" in sent.text.strip():
            claims = _agent_table_rows(sent, agents, targets, claims, rules)
            claims = _overcome_table_rows(sent, agents, targets, mechanisms, claims, rules)
        elif (tbl := _table_at(doc, sent.start)) is not None and _CELLS.search(sent.text) \
                and (head := _header_row(tbl.rows, tuple(_CELLS.split(sent.text.strip())))) is not None:
            claims = _agent_table_rows(sent, agents, targets, claims, rules, list(head))
            # the caption: the sentence before the header row
            cols = tuple(c.strip() for c in head)
            at = next((j for j in range(k - 1, max(-1, k - 40), -1)
                       if tuple(_CELLS.split(sentences[j].text.strip())) == cols), None)
            if at:
                cap = sentences[at - 1]
                claims = _overcome_table_rows(sent, agents, targets, mechanisms, claims, rules, list(head),
                                              cap.text, [m for m in by_sent.get(cap.index, [])
                                                         if m.label in AGENT_LABELS])
        own_cancers = _uncontrasted(cancers, doc.text, sent.start) if cancers else []
        if not claims:
            if own_cancers:
                para_cancers, para_level = _specific(own_cancers), own_level
                line_cancers.update({c.norm_id: para_cancers for c in cells if para_cancers})
            continue
        para_texts = [sentences[j].text for j in range(k, -1, -1) if paras[j] == paras[k]]
        level = evidence_level(para_texts, rules)
        section = doc.section_at(sent.start)
        if own_cancers:
            cancer_opts = _sentence_opts(own_cancers, rules.max_cancers)
        elif (row_table := _table_at(doc, sent.start)) is not None and caption_cancers(row_table):
            # a table row without a cancer: the one its caption states ("... in NSCLC")
            cancer_opts = [(c.norm_id, c.norm_name, "inferred:table")
                           for c in caption_cancers(row_table)][:rules.max_cancers]
        elif para_cancers and not ctx("list_item").match(sent.text) and (
                "unspecified" in (own_level, para_level) or own_level == para_level
                or {own_level, para_level} == {"in_vitro", "in_vivo"}
                or ctx("same_system").search(sent.text) or cancers_again):  # "of these cells"
            # (not into an item of a bulleted or numbered list: "2. ... in lung cancer. 3. CDK4/6
            # and FAK inhibition may prove useful partners": each point stands alone)
            # the system the paragraph's experiment was stated in (patients and models of one
            # paragraph are different systems: no cancer passes between them; cell lines and
            # their xenografts are one preclinical system); one row per cancer it was stated for
            # (GUIDELINES 7.10)
            pool = para_cancers
            line_ids = [cell_line_cancers()[c.norm_id][0] for c in cells if c.norm_id in cell_line_cancers()]
            if len(pool) > 1 and line_ids:
                # "... pancreatic MIA PaCa-2-R and colorectal SW837-R cells. In SW837-R cells,
                # X plus Y ...": of the paragraph's cancers, the one of the line the sentence names
                pool = [c for c in pool if any(doid_related(c.norm_id, x) for x in line_ids)] or pool
            cancer_opts = [(c.norm_id, c.norm_name, "inferred:paragraph")
                           for c in pool][:rules.max_cancers]
        elif known := [c for x in cells for c in line_cancers.get(x.norm_id, [])]:
            # "SW837 colorectal cancer cells ... (B) regression of SW837 xenografts": the cancer
            # the paragraph stated for that cell line, whatever the system now
            cancer_opts = [(c.norm_id, c.norm_name, "inferred:paragraph")
                           for c in {c.norm_id: c for c in known}.values()][:rules.max_cancers]
        elif heading := section_heading_cancers(section):
            # "Overcoming EGFR-mediated escape in colorectal cancer" over the paragraph: the cancer
            # the section's heading names, when nothing nearer states one
            cancer_opts = [(c.norm_id, c.norm_name, "inferred:section")
                           for c in heading][:rules.max_cancers]
        else:
            cancer_opts = [("", "", "")]
        # a named cell line's cancer, when the text states none: its own columns, since
        # the text does not say it (H358 -> lung adenocarcinoma)
        line_cancer = ("", "")
        if cancer_opts[0][0] == "" and cells and cells[0].norm_id in cell_line_cancers():
            line_cancer = cell_line_cancers()[cells[0].norm_id]
        cite = ";".join(str(n) for n in numbers_in(doc.citations, sent.start, sent.end))
        if "\n" in sent.text.strip():
            claims = _caption_base_rows(sent, agents, claims, rules)
            claims = _count_table_rows(sent, agents, targets, mechanisms, claims)

        claims = _without_class_beside_member(claims)
        claims = _stated_partner_targets(claims, doc.text)
        claims = [_kras_as_bypass(c, rules) for c in claims]
        # (a pathway's name is no mediator: "suggesting convergent MAPK and PI3K reactivation")
        claims = [replace(c, target_id="", target_name="") if c.relation in ("resistance", "overcomes")
                  and c.target_id in rules.pathway_names else c for c in claims]
        claims = _without_family_beside_member(claims)
        claims = [_own_clause_targets(c, claims, targets + mechanisms, sent) for c in claims]
        # a partner acting on several targets: one row per target, as for several cancers
        claims = [replace(c, target_id=t, target_name=n) if ";" in c.target_id else c
                  for c in claims for t, n in zip(c.target_id.split(";"), c.target_name.split(";"),
                                                  strict=True)]
        # a footnote line defining abbreviations ("FOLFIRI, fluorouracil-based chemotherapy with
        # irinotecan; ORR, objective response rate") states no claim
        claims = [c for c in claims if not is_glossary(doc.text[slice(*_line_span(doc.text, c.span[0]))],
                                                       glossary_cues)]
        # (with the cancers coordinated with it: "X plus Y in NSCLC and pancreatic cancer models")
        own_local = {id(c): _local_cancers(c, cancers, doc.text) for c in claims}
        claimed = {id(m) for ls in own_local.values() for m in ls}
        local = {k: _with_coordinated(ls, cancers, doc.text) for k, ls in own_local.items()}
        # a table run together into one line ("Sotorasib + RMC-4630 CodeBreaK 101 NSCLC Ib NR
        # Adagrasib + TNO155 KRYSTAL-2 ..."): each regimen keeps the cells up to the next one
        regimens = sorted({c.span for c in claims if c.relation in ("combination", "overcomes")})
        run_together = len(regimens) >= 3 and "\n" not in sent.text.strip()
        for claim in claims:
            if claim.rule_id in rules.disabled_rule_ids:
                continue
            opts = cancer_opts
            row_population = _next_arm_population(claim, claims, cancers, doc.text) \
                if "\n" in sent.text.strip() and not local[id(claim)] else []
            # "compares X plus Y with Z plus W in NSCLC": the arms compared share the population
            arm = next((o for o in claims if o is not claim and local[id(o)] and o.span[0] >= claim.span[1]
                        and ctx("arm_versus").fullmatch(doc.text, claim.span[1], o.span[0])), None)
            if local[id(claim)]:  # "X + Y (NSCLC only)": the claim's own cancer
                opts = [(c.norm_id, c.norm_name, "sentence") for c in local[id(claim)]]
            elif arm is not None:
                opts = [(c.norm_id, c.norm_name, "sentence") for c in local[id(arm)]]
            elif row_population:
                opts = _sentence_opts(row_population, rules.max_cancers)
            elif claimed and cancer_opts[0][2] == "sentence":
                opts = _sentence_opts([c for c in cancers if id(c) not in claimed], rules.max_cancers) \
                    or [("", "", "")]
            if "\n" in sent.text.strip() and opts[0][2] == "sentence":
                # rows of a flattened table that split into no sentences ("KRYSTAL-7 | adagrasib +
                # pembrolizumab | NSCLC" over "KRYSTAL-10 | ... | CRC"): each claim keeps its row's
                lo, hi = _line_span(doc.text, *claim.span)
                opts = _sentence_opts([c for c in cancers if lo <= c.start and c.end <= hi],
                                      rules.max_cancers) or opts
            if claim.rule_id in _TABLE_ROW_RULES and "\n" in sent.text.strip():
                # a row of a table: its own cancer, else the caption's (the lines before the header
                # row), else none ("in vitro" rows of a table whose first row names CRC)
                lo, hi = _line_span(doc.text, *claim.span)
                head = re.search(r"^.*(?:\||\t).*$", sent.text, re.M)
                cap_end = sent.start + (head.start() if head else 0)
                in_row = [c for c in cancers if lo <= c.start and c.end <= hi]
                opts = _sentence_opts(in_row or [c for c in cancers if c.end <= cap_end], rules.max_cancers) \
                    or [("", "", "")]
            if run_together and claim.span in regimens and opts[0][2] == "sentence":
                nxt = regimens.index(claim.span) + 1
                hi = regimens[nxt][0] if nxt < len(regimens) else sent.end
                opts = _sentence_opts([c for c in cancers if claim.span[1] <= c.start and c.end <= hi],
                                      rules.max_cancers) or opts
            if claim.relation == "resistance" and claim.anchor and len(opts) > 1 and opts[0][2] == "sentence":
                # "MIA PaCa-2-R pancreatic cancer cells acquired X, while SW837-R colorectal cancer
                # cells upregulated Y": each finding keeps the cancer of its own clause
                lo, hi = _clause(sent.text, claim.anchor[0] - sent.start, claim.anchor[1] - sent.start)
                here = _with_coordinated([c for c in cancers if lo <= c.start - sent.start < hi],
                                         cancers, doc.text)
                if not here:  # (its clause names none: the cancers up to the contrast, "In PDAC
                    # xenografts, tumours showed FGFR1 induction, whereas in NSCLC models ...")
                    lo, hi = _clause(sent.text, claim.anchor[0] - sent.start, claim.anchor[1] - sent.start,
                                     "contrast_break")
                    here = [c for c in cancers if lo <= c.start - sent.start < hi]
                opts = [o for o in opts if o[0] in {c.norm_id for c in here}] or opts
            if claim.relation in ("combination", "overcomes") and len(opts) > 1 and opts[0][2] == "sentence":
                # "X plus Y overcame it in NSCLC PDXs, whereas the same combination has not been
                # tested in CRC": a cancer of a negated contrasting clause after the claim is not
                # its own ("whereas in PDAC lines the combination was additive" still is)
                def denied(c: Mention, hi: int = claim.span[1]) -> bool:
                    brk = ctx("contrast_break").search(doc.text, hi, c.start) if c.start > hi else None
                    return brk is not None and rules.cues["negation_cues"].search(
                        doc.text, brk.start(), c.end) is not None
                later = {c.norm_id for c in cancers if denied(c)} - {
                    c.norm_id for c in cancers if not denied(c)}
                opts = [o for o in opts if o[0] not in later] or opts
                # "In lung cancer cells, combining X with Y delayed ..., yet in CodeBreaK 101 the
                # Z-Y combination was modest in NSCLC or CRC": two regimens in contrasting clauses,
                # each with the cancers of its own clause
                lo, hi = _clause(sent.text, claim.span[0] - sent.start, claim.span[1] - sent.start,
                                 "contrast_break")
                here = {c.norm_id for c in cancers if lo <= c.start - sent.start < hi}
                if any(o.relation in ("combination", "overcomes") and o.span != claim.span
                       and not lo <= o.span[0] - sent.start < hi for o in claims):
                    # (a clause naming no cancer takes none of the other regimen's: "X is being
                    # combined with A in first-line NSCLC, whereas Y is tested together with B")
                    opts = [o for o in opts if o[0] in here] or (opts if here else [("", "", "")])
                # (and of two regimens in coordinated clauses: "X and Y restored sensitivity to Z in
                # lung cancer cells, and W combined with V is being evaluated in NSCLC")
                lo, hi = _clause(sent.text, claim.span[0] - sent.start, claim.span[1] - sent.start,
                                 "coordinated_clause")
                here = {c.norm_id for c in cancers if lo <= c.start - sent.start < hi}
                if here and any(o.relation in ("combination", "overcomes") and o.span != claim.span
                                and not lo <= o.span[0] - sent.start < hi for o in claims):
                    opts = [o for o in opts if o[0] in here] or opts
            if claim.relation in ("combination", "overcomes") and len(opts) > 1 and opts[0][2] == "sentence" \
                    and (opener := _opening_clause_end(sent.text)) and claim.span[0] - sent.start >= opener:
                # "Given that EGFR feedback may curb KRAS G12C inhibition in lung tumours, X was
                # combined with Y for NSCLC": the premise's cancer is not the regimen's, when its own
                # clause names one
                main = {c.norm_id for c in cancers if c.start - sent.start >= opener}
                opts = [o for o in opts if o[0] in main] or opts
            if claim.rule_id == "COMB_ANAPHOR_TRIAL" or cancers and claim.relation == "combination" \
                    and claim.span in trial_spans:
                # the trial's own cancer, if its clause names one (a cancer the sentence states before
                # it belongs to the finding reported there)
                # (or a frame the sentence opens with: "In KRAS G12C NSCLC, the triplet of ... is being
                # evaluated in RAMP 203")
                frame = re.match(r"\s*(?:In|Among|For)\s[^,;]{0,80},", sent.text)
                framed = [c for c in cancers if frame and c.end - sent.start <= frame.end()
                          and not any(o.span[0] < claim.span[0] and o.relation in ("combination", "overcomes")
                                      and o.span != claim.span for o in claims)]
                opts = _sentence_opts([c for c in cancers if c.start >= claim.span[0]] or framed) \
                    or [("", "", "")]
            if len(opts) > 1 and opts[0][2] == "sentence":
                # "both NSCLC and colorectal cancer cells ..., the latter show upregulation of pERK":
                # a claim after "the latter" / "the former" holds for that one of the two cancers
                at = claim.anchor[0] if claim.anchor else claim.span[0]
                ref = [r for r in re.finditer(r"\bthe\s+(latter|former)\b", sent.text, re.I)
                       if sent.start + r.end() <= at]
                if ref:
                    named = [c for c in cancers if c.end <= sent.start + ref[-1].start()]
                    if len(named) >= 2:
                        pick = named[-1] if ref[-1].group(1).lower() == "latter" else named[-2]
                        opts = [o for o in opts if o[0] == pick.norm_id] or opts
            if claim.relation == "combination" and opts[0][2].startswith("inferred") \
                    and assertion(sent.text, claim.span, sent.start, rules) == "negated" \
                    and ctx("never_given").search(sent.text):
                # "No trial has yet combined divarasib with a SHP2 inhibitor": a regimen never given
                # has no population of the paragraph's
                opts = [("", "", "")]
            if claim.relation == "inhibits":  # a molecular claim: only a cancer stated with it
                # "In PDAC xenografts, X ..." (and its apposition: "In H3122-LR, a lorlatinib-resistant
                # derivative of an ALK-positive NSCLC line, lorlatinib still suppressed ALK")
                # (not a contrast: "In contrast to NSCLC lines, CRC lines showed ...")
                # (also after a reporting lead: "Here we show that, in lung and colorectal cancer
                # models, X prevented ...")
                frame = ctx("inhibits_frame").match(sent.text)
                # (not across a clause break: "... attaches to KRAS G12C, and its trial in NSCLC")
                framed = [c for c in cancers if frame and c.end - sent.start <= frame.end()]
                between = doc.text[claim.drug.end:claim.span[1]]
                pharmacology = bool(ctx("pharmacology_clause").match(between))
                # (nor past the comma closing the drug's relative clause: "X, which occupies the
                # pocket of TEAD, delayed regrowth of NSCLC xenografts")
                near = [c for c in cancers if 0 <= c.start - claim.span[1] <= 40
                        and not ctx("coordinated_clause").search(doc.text, claim.span[1], c.start)
                        and not (pharmacology and "," in doc.text[claim.span[1]:c.start])]
                # "NSCLC and CRC lines"; every model of the frame ("In PDAC cells and H2122 lung
                # cancer cells, X ...")
                # (a frame is the main clause's setting, not the drug's pharmacology in a relative
                # clause: "In CRC, encorafenib, which inhibits BRAF V600E, plus cetuximab ...")
                # "X inhibited HER2 phosphorylation with an IC50 of 7 nM in BT-474 breast cancer cells":
                # the experimental system the same clause names, however far
                # (not the main clause's after a relative clause: "X, which binds KRAS G12D, shrinks
                # PDAC xenografts")
                system = [] if pharmacology else [
                    c for c in cancers if c.start - claim.span[1] > 40 and c.end <= sent.end
                    and ctx("system_after_cancer").match(doc.text, c.end)
                    and not ctx("coordinated_clause").search(doc.text, claim.span[1], c.start)
                    and not any(claim.span[1] <= a.start < c.start for a in agents)]
                # the experimental system the clause's subject names ("The BRAF V600E colorectal
                # cancer lines were insensitive to X despite initial pERK suppression")
                subject = [] if pharmacology else [
                    c for c in cancers if sent.start <= c.start and c.end <= claim.drug.start
                    and ctx("system_after_cancer").match(doc.text, c.end)
                    and not ctx("coordinated_clause").search(doc.text, c.end, claim.span[0])
                    and not any(c.end <= a.start < claim.drug.start for a in agents)]
                closest = (near or system or subject[-1:])[:1]
                run = ([] if pharmacology else framed) or _with_coordinated(closest, cancers, doc.text)
                # a finding of the paragraph's experiment takes that experiment's cancer
                # (GUIDELINES 3: the cancer of the experimental system named earlier)
                # (not the drug's pharmacology in a relative clause or apposition: "crizotinib,
                # which inhibits MET"; nor a statement about a class or "these inhibitors")
                experiment = level in ("in_vitro", "in_vivo") and opts[0][2] != "sentence" \
                    and claim.drug.label == "DRUG" and "+anaphor" not in claim.drug.source \
                    and not pharmacology
                opts = _sentence_opts(run) or (opts if experiment else [("", "", "")])
                if claim.rule_id == "INH_TARGET_COLUMN":
                    opts = [("", "", "")]  # a table's Target column states pharmacology, not a finding
            for cid, cname, csrc in opts:
                conf = rules.rule_confidence.get(claim.rule_id, claim.confidence) * (
                    0.9 if csrc.startswith("inferred") else 1.0)
                inferred = line_cancer if not cid else ("", "")
                rows.append({
                    "relation_id": relation_id(doc.doc_id, claim, cid, sent.text),
                    "doc_id": doc.doc_id,
                    "relation": claim.relation,
                    "drug": claim.drug.norm_name,
                    "drug_id": claim.drug.norm_id,
                    "partner": ";".join(p.norm_name for p in claim.partners),
                    "partner_id": ";".join(p.norm_id for p in claim.partners),
                    "target": claim.target_name,
                    "target_id": claim.target_id,
                    "variant": claim.variant,
                    "mechanism": claim.mechanism,
                    "cancer": cname,
                    "cancer_id": cid,
                    "cell_line": cells[0].norm_name if cells else "",
                    "effect": claim.effect if claim.relation in ("combination", "overcomes") else "",
                    "assertion": assertion(sent.text, claim.span, sent.start, rules, claim.relation),
                    "evidence_level": level,
                    "section": section.title if section else "",
                    "page": sent.page if sent.page is not None else "",
                    "sentence_index": sent.index,
                    "evidence": evidence_text,
                    "citations": cite,
                    "rule_id": claim.rule_id,
                    "confidence": round(conf, 3),
                    "review": "",
                    "cancer_source": csrc or ("inferred:cell_line" if inferred[0] else ""),
                    "inferred_cancer": inferred[1],
                    "inferred_cancer_id": inferred[0],
                })
        if own_cancers:
            para_cancers, para_level = _specific(own_cancers), own_level
            line_cancers.update({c.norm_id: para_cancers for c in cells if para_cancers})
    return dedupe(_without_posed_regimens(rows))


def _without_posed_regimens(rows: list[dict]) -> list[dict]:
    """Without the `combination` row of a sentence that poses an experiment's question ("To test
    whether ..., we combined adagrasib with BI-3406 in ... lines") or sets it up ("We therefore
    tested palbociclib alongside sotorasib") when one of the next two
    sentences of the section reports that regimen: the claim spans both sentences and is anchored
    on the second (GUIDELINES 3)."""
    reported = {(r["section"], r["sentence_index"], r["drug_id"], r["partner_id"]) for r in rows
                if r["relation"] in ("combination", "overcomes")}

    def posed(r: dict) -> bool:
        return r["relation"] == "combination" and bool(
            ctx("purpose_question").search(r["evidence"]) or ctx("aim_question").search(r["evidence"])
            or ctx("experiment_setup").search(r["evidence"])) \
            and any((r["section"], r["sentence_index"] + k, r["drug_id"], r["partner_id"]) in reported
                    for k in (1, 2))
    return [r for r in rows if not posed(r)]


def _fill_overcome_mechanism(claims: list[Claim], code: str | Callable[[Claim], str]) -> list[Claim]:
    """``overcomes`` claims still without a process take ``code`` (or ``code(claim)``)."""
    return [replace(c, mechanism=code(c) if callable(code) else code)
            if c.relation == "overcomes" and not c.mechanism else c for c in claims]


def _defining_code(targets: list[Mention], text: str, rules: Rules) -> str:
    """The process of a model or population the sentence defines by an alteration ("CDKN2A-deleted
    xenografts" -> CELL_CYCLE, "MET-amplified tumours", "patients with acquired BRAF V600E" ->
    BYPASS_ALTERATION)."""
    for t in targets:
        defining = ctx("defining_alteration").match(text, t.end) or \
            ctx("acquired_before").search(text, max(0, t.start - 40), t.start)  # "with acquired RET fusions"
        code = mediator_mechanisms().get(t.norm_id, "") if defining else ""
        if defining and "overexpress" not in defining.group(0).lower():
            # a genetic alteration ("MET-amplified", "PTEN-null"): coded as one
            gene = _gene_of_variant(t.norm_name) if t.label == "VARIANT" else t.norm_name
            code = "SECONDARY_KRAS_ALTERATION" if gene == "KRAS" else \
                code if code in rules.alteration_keeps_code else "BYPASS_ALTERATION"
        if code:
            return code
    return ""


def _paragraph_process(c: Claim, para_mediators: Mapping[str, str], para_codes: Mapping[str, None]) -> str:
    """The process an overcoming partner acts on, from the paragraph's resistance claims: the
    code of a mediator the partner targets (not one of the drug's own targets: lorlatinib with
    crizotinib after ALK mutations and MET amplification -> MET's code), else the process of
    the partner's target when the paragraph has stated it (everolimus, mTOR -> PI3K_MTOR)."""
    own = set(agent_targets(c.drug))
    reach = [t for p in c.partners for t in _reach(p)]
    hit = [para_mediators[t] for t in reach if t in para_mediators and t not in own] or \
        [para_mediators[t] for t in reach if t in para_mediators]
    if hit:
        return hit[0]
    return next((mediator_mechanisms()[t] for t in reach if t not in own
                 and mediator_mechanisms().get(t) in para_codes), "") or (
        next(iter(para_codes)) if len(para_codes) == 1 else "")


def _with_coordinated(first: list[Mention], cancers: list[Mention], text: str) -> list[Mention]:
    """``first`` and the cancers coordinated with them ("lung, pancreatic, and colon cancer"):
    every coordination chain of the sentence's cancers that holds one of ``first``."""
    chains: list[list[Mention]] = []
    for c in sorted(cancers, key=lambda c: c.start):
        prev = chains[-1][-1] if chains else None
        if prev is not None and c.start > prev.end and _COORDINATION.fullmatch(text, prev.end, c.start):
            chains[-1].append(c)
        else:
            chains.append([c])
    return [c for chain in chains if any(f in chain for f in first) for c in chain]


def _uncontrasted(cancers: list[Mention], text: str, sent_start: int) -> list[Mention]:
    """The sentence's cancers without the ones it is contrasted with ("..., in sharp contrast to
    melanoma", "far less than in lung or colorectal cancer"); none if that is all it names, so
    the paragraph's cancer holds."""
    framed = [c for c in cancers
              if ctx("contrast_frame").search(text, max(sent_start, c.start - 60), c.start)]
    framed = _with_coordinated(framed, cancers, text)  # "far less than in lung or colorectal cancer"
    return [c for c in cancers if c not in framed]


def _heading_mentions(section: Section, by_sent: Mapping[int, list[Mention]],
                      sentences: Sequence[Sentence]) -> list[Mention]:
    """The mentions of the heading of ``section`` (its first line)."""
    if not section.title:
        return []
    lo, hi = section.start, section.start + len(section.title) + 2
    return [m for x in sentences if lo <= x.start < hi for m in by_sent.get(x.index, []) if m.end <= hi]


def _heading_cancers(doc: IngestedDocument, section: Section | None, by_sent: Mapping[int, list[Mention]],
                     sentences: Sequence[Sentence]) -> list[Mention]:
    """The specific cancers the heading of ``section`` names (its first line)."""
    if section is None:
        return []
    found = [m for m in _heading_mentions(section, by_sent, sentences) if m.label == "CANCER"]
    return _specific(found) if found else []


def _specific(cancers: list[Mention]) -> list[Mention]:
    """The distinct cancers of a sentence a later sentence can inherit: none if the last one
    named is generic ("cancer"); a population of solid tumours ("patients with KRAS G12C-mutated
    advanced solid tumours", a basket trial's) passes on as itself."""
    def population(c: Mention) -> bool:
        return ctx("solid_tumour_population").search(c.text) is not None
    if cancers[-1].norm_id == GENERIC_CANCER and not population(cancers[-1]):
        return []
    return [c for c in {c.norm_id: c for c in cancers}.values()
            if c.norm_id != GENERIC_CANCER or population(c)]


def dedupe(rows: Iterable[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for r in rows:
        if r["relation_id"] not in out or r["confidence"] > out[r["relation_id"]]["confidence"]:
            out[r["relation_id"]] = r
    return list(out.values())
