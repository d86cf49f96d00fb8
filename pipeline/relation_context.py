"""Context of a relation claim: clauses (where a hedge or a resistance statement ends),
assertion, evidence level, light references (antecedents, "the BRAF inhibitor"), the
cancers a claim may take (its own, a table title's, not those a tumour transforms into)
and the stable relation id. Used by :mod:`pipeline.relations`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import lru_cache

from pipeline.models import IngestedDocument, Mention, Sentence
from pipeline.relation_rules import Claim, Rules, agent_targets, ctx

# what a combination does to resistance ("resistant tumours" describes a model, not that)




def _opening_clause_end(sentence: str) -> int | None:
    """End of a leading subordinate clause ("Because X limits Y, ..."), else None."""
    m = ctx("subordinate_opener").match(sentence)
    return m.end() if m else None


def _clause(sentence: str, start: int, end: int, breaks: str = "clause_break") -> tuple[int, int]:
    """The clause around [start, end): from the last break before it to the first after it
    (``breaks``: the context pattern that ends a clause; "coordinated_clause" for the whole
    coordinated clause, appositions and relative clauses included)."""
    lo = max([m.end() for m in ctx(breaks).finditer(sentence, 0, start)], default=0)
    nxt = ctx(breaks).search(sentence, end)
    return lo, nxt.start() if nxt else len(sentence)


def _own_resistance_clause(claim: Claim, overcoming: list[Claim], sent: Sentence, rules: Rules) -> bool:
    """A resistance claim kept beside an `overcomes` claim: its clause states resistance,
    holds no overcome wording and none of the combination."""
    s, e = (claim.anchor or claim.span)[0] - sent.start, (claim.anchor or claim.span)[1] - sent.start
    rel = ctx("resistance_relative").match(sent.text, e)
    if rel is None:  # (the rest of its noun phrase first: "feedback reactivation of KRAS that limits
        # adagrasib", "ERBB-family feedback signalling that can blunt sotorasib")
        rest = re.match(r"(?:[\s\u2010-\u2015-]+(?:of\s+|in\s+)?(?:the\s+)?[\w\u2010-\u2015-]+){1,4}?"
                        r"(?=\s*,?\s*(?:that|which)\b)", sent.text[e:])
        if rest and not re.search(r"\b(?:is|are|was|were|and|but|or)\b", rest.group(0)):
            rel = ctx("resistance_relative").match(sent.text, e + rest.end())
    if rel and claim.drug.start - sent.start >= rel.start() and claim.drug.end - sent.start <= rel.end():
        # "delays the MAPK reactivation that limits BRAF inhibitor monotherapy": a relative clause
        # on the process asserts the resistance of the drug it names (7.13)
        return all(not (rel.start() <= p.start - sent.start < rel.end())
                   for o in overcoming for p in o.partners)
    if any(m.start() < e and s < m.end() for m in ctx("blocked_subject").finditer(
            sent.text, max(0, s - 120), min(len(sent.text), e + 200))):
        return False  # the subject of a blocking predicate ("the reactivation that follows X was
                      # prevented by co-treatment with Y"): what the combination overcame (7.13)
    if ctx("acquired_before").search(sent.text, max(0, s - 40), s):
        return False  # the alteration that defines the treated population ("patients with acquired X")
    lo, hi = _clause(sent.text, s, e)
    opener = _opening_clause_end(sent.text)
    if opener is not None:  # "Given that X mediates resistance, ...": the opener is a clause
        lo, hi = (lo, min(hi, opener)) if e <= opener else (max(lo, opener), hi)
    # "... responded in patients whose NSCLC had progressed on X with MET amplification": a
    # relative clause describing the patients states their resistance on its own
    rel = [m.start() for m in ctx("progression_relative").finditer(sent.text, lo, s)]
    if rel:
        lo = rel[-1]
        # (the relative clause ends where the regimen given to the patients begins: "Fourteen
        # patients whose tumours showed MET amplification at progression on osimertinib received
        # osimertinib plus savolitinib")
        hi = min([hi] + [a.start - sent.start for o in overcoming for a in (o.drug, *o.partners)
                         if a.start - sent.start > e])
    # a leading frame of models or patients that failed the claim's drug, and a clause naming the
    # process ("In PDAC xenografts that relapsed on MRTX1133, feedback activation of EGFR restored ERK
    # signalling, and adding afatinib re-established regression"; "In sotorasib-resistant NSCLC
    # models, increased PI3K/AKT signalling sustained proliferation"): the frame and clause state it
    frame = ctx("model_frame").match(sent.text)
    d0 = claim.drug.start - sent.start
    gap = sent.text[frame.end() - 1:lo] if frame else ""
    if frame and claim.mechanism and d0 < frame.end() <= lo \
            and (not gap.strip(" ,") or ctx("parenthetical_adverb").fullmatch(gap.rstrip())) \
            and (ctx("failed_regimen").search(sent.text[:max(0, d0)])
                 or ctx("resisted_modifier_after").match(sent.text, claim.drug.end - sent.start)) \
            and not ctx("overcome_verb").search(sent.text, lo, hi):
        return all(p.end - sent.start <= lo or p.start - sent.start >= hi
                   for o in overcoming for p in o.partners)
    # ... else, when the anchor sits in an apposition ("EGFR, reactivated by feedback, limits the
    # activity of X, and blocking this feedback with Y ..."), the whole coordinated clause around it
    for a, b in ((lo, hi), _clause(sent.text, s, e, "coordinated_clause")):
        if _states_resistance(sent.text[a:b], claim, rules):
            return all(p.end - sent.start <= a or p.start - sent.start >= b
                       for o in overcoming for p in o.partners)
    return False


def _states_resistance(text: str, claim: Claim, rules: Rules) -> bool:
    """``text`` (a clause) states resistance and holds no overcome wording; a leading frame
    ("In resistant cells, ...") states nothing itself."""
    frame = re.match(r"\s*(?:In|Among|For|Within|Across)\b[^,;]{0,100}(?:,|$)", text)
    text = text[frame.end():] if frame else text
    return bool(ctx("resistance_word").search(text) or claim.mechanism and (
        rules.cues["resistance_cues"].search(text) or rules.cues["acquisition_cues"].search(text))) \
        and not ctx("overcome_verb").search(text)




@lru_cache(maxsize=4096)
def _genes_named_in(phrase: str) -> frozenset[str]:
    """Gene ids named inside a mechanism phrase ("MET amplification", "feedback activation
    of EGFR"): the text names the gene, though the longer mention wins as an entity."""
    from pipeline.lexicon import load_lexicon
    from pipeline.names import hgnc_id

    out = set()
    for tok in re.findall(r"(?:c-)?[A-Za-z][A-Za-z0-9]{1,9}", phrase):
        core = tok.removeprefix("c-")
        if core.isupper() or re.fullmatch(r"[A-Z][A-Za-z0-9]*\d[A-Za-z0-9]*", core):
            gid = hgnc_id(tok.upper() if tok.isupper() else tok)
            if not gid:  # an alias the lexicon grounds ("HER2 amplification" -> ERBB2)
                hit = load_lexicon().lookup(tok, "GENE")
                gid = hit[1] if hit else None
            if gid:
                out.add(gid)
    return frozenset(out)




def _table_at(doc: IngestedDocument, pos: int):
    """The table whose rows span ``pos``, if any."""
    return next((t for t in doc.tables if t.start <= pos < t.end), None)


def _definite_class_referent(a: Mention, text: str, recent: list[list[Mention]],
                             following: Mention | None = None) -> Mention:
    """"the BRAF inhibitor" after vemurafenib was named: a definite singular class that
    refers back to the paragraph's latest drug of that class (documented anaphora rule).
    A class in apposition to the drug it introduces ("the SHP2 inhibitor JAB-3312") is
    no anaphor."""
    if a.label != "DRUG_CLASS" or a.text.endswith("s") or \
            not re.search(r"\b(?:the|this|that)\s+$", text[max(0, a.start - 6):a.start], re.I):
        return a
    if following is not None and following.label == "DRUG" and \
            re.fullmatch(r"\s*[(,]?\s*", text[a.end:following.start]):
        return a
    targets = set(agent_targets(a))
    for group in reversed(recent):
        for d in group:
            if d.label == "DRUG" and targets & set(agent_targets(d)):
                return replace(d, start=a.start, end=a.end, text=a.text, source=d.source + "+anaphor")
    return a


def _predicated_class(a: Mention, text: str, before: Mention | None) -> Mention:
    """"Daraxonrasib (RMC-6236) is an oral RAS(ON) multi-selective inhibitor that blocks ...":
    a class said of the drug just before it, as what that drug is, stands for that drug (the
    relative clause after it is a claim about the drug, not about the class)."""
    if a.label != "DRUG_CLASS" or before is None or before.label != "DRUG" or a.text.endswith("s"):
        return a
    between = text[before.end:a.start]
    if not ctx("predicated_class").fullmatch(between):
        return a
    return replace(before, start=a.start, end=a.end, text=a.text, source=before.source + "+predicate")


def _local_cancers(claim: Claim, cancers: list[Mention], text: str) -> list[Mention]:
    """Cancers that belong to one combination only, right after it ("sotorasib +
    afatinib (NSCLC only)", "X plus Y in CRC"): trial arms list their own cancers. A cancer
    in the next cell of a table row ("A + B vs C +/- D | First-line CRC") is the whole row's."""
    if claim.relation not in ("combination", "overcomes"):
        return []
    _, hi = claim.span
    return [c for c in cancers if 0 <= c.start - hi <= 12 and not re.search(r"[\t|]", text[hi:c.start])]


_COUNT_WORDS = ("two", "three", "four", "five", "six")


def anaphor_count(anaphor: str) -> int:
    """How many agents a numbered anaphor refers to ("the two drugs", "all four"), else 0."""
    number = re.search(rf"\b({'|'.join(_COUNT_WORDS)})\b", anaphor, re.I)
    return _COUNT_WORDS.index(number.group(1).lower()) + 2 if number else 0


def antecedents(anaphor: str, recent: list[list[Mention]]) -> list[Mention]:
    """Documented rule: "both ..." takes the agents of the latest earlier sentence of the
    paragraph that names at least two (for "both" / "either" / "each" a class named beside a drug
    of its own counts as that drug; when no sentence names two, the agents of the two latest
    sentences naming one each); a number ("all four", "the three drugs") the latest
    that names exactly that many; "they" (like "both") the latest that names at least two;
    "it" / "its" the latest naming any, if it names one agent (or one drug beside classes); "the
    former" / "the latter" the first / last agent of the latest sentence naming two or more; any
    other light reference (these agents, the drug, this combination) takes the latest
    sentence that names any."""
    n = anaphor_count(anaphor)
    if n:  # "All four bind ...": the latest sentence naming exactly four agents, else none
        return next((agents for agents in reversed(recent) if len({a.norm_id for a in agents}) == n), [])
    if anaphor.lower() in ("it", "its"):  # "it inhibits", "its combination with": the one agent
        latest = next((agents for agents in reversed(recent) if agents), [])
        if len({a.norm_id for a in latest}) > 1:  # "X is a RAS(ON) inhibitor. It ...": the one drug
            latest = [a for a in latest if a.label == "DRUG"]
        return latest if len({a.norm_id for a in latest}) == 1 else []
    which = re.fullmatch(r"the\s+(former|latter)", anaphor.strip(), re.I)
    if which:  # "the former" / "the latter": the first / last of the latest pair named
        pair = next((list({a.norm_id: a for a in agents}.values()) for agents in reversed(recent)
                     if len({a.norm_id for a in agents}) >= 2), [])
        return [] if not pair else [pair[0] if which.group(1).lower() == "former" else pair[-1]]
    need = 2 if re.match(r"(?:both|either|each|they)\b", anaphor, re.I) else 1
    if need == 2 and re.match(r"(?:both|either|each)\b", anaphor, re.I):
        # a class said of a drug beside it is that drug, not a second agent ("Sotorasib was the
        # first KRAS G12C inhibitor to reach patients. ... Adagrasib ... Both drugs ...")
        recent = [_without_own_class(agents) for agents in recent]
    for agents in reversed(recent):
        if len({a.norm_id for a in agents}) >= need if need == 2 else len(agents) >= need:
            return _classes_for_examples(agents) if re.match(r"(?:they|these|such)\b", anaphor, re.I) \
                else agents
    if need == 2 and re.match(r"(?:both|either|each)\b", anaphor, re.I):
        # "sotorasib produced ... . Adagrasib achieved ... . ... either drug": no sentence names two;
        # the two latest sentences naming one each, together
        pair: dict[str, Mention] = {}
        for agents in reversed(recent):
            for a in agents:
                pair.setdefault(a.norm_id, a)
            if len(pair) == 2:  # (each earlier sentence names one agent, else the loop above took it)
                return sorted(pair.values(), key=lambda m: m.start)
    return recent[-1] if recent else []


def _without_own_class(agents: list[Mention]) -> list[Mention]:
    """The agents of one sentence without a class whose targets a drug beside it has."""
    drugs = [set(agent_targets(d)) for d in agents if d.label == "DRUG" and agent_targets(d)]
    return [a for a in agents if not (a.label == "DRUG_CLASS" and agent_targets(a)
                                      and any(set(agent_targets(a)) <= t for t in drugs))]


def _classes_for_examples(agents: list[Mention]) -> list[Mention]:
    """A class and the members given as its examples ("SHP2 inhibitors such as TNO155 ... they")
    are one antecedent of "they", the class (GUIDELINES 7.11)."""
    classes = [a for a in agents if a.label == "DRUG_CLASS" and agent_targets(a)]
    return [a for a in agents if not (a.label == "DRUG" and agent_targets(a) and any(
        set(agent_targets(c)) <= set(agent_targets(a)) for c in classes))]


def evidence_level(texts: list[str], rules: Rules) -> str:
    """Level from the first text (the sentence) with any cue, then the ones before it."""
    for text in texts:
        found = [lvl for lvl in rules.evidence_priority if rules.evidence[lvl].search(text)]
        if found:
            return found[0]
    return "unspecified"


def assertion(sentence: str, claim_span: tuple[int, int], offset: int, rules: Rules,
              relation: str = "") -> str:
    """negated: a negation cue right before or inside the claim; hedged: a hedge cue
    before the claim's end and after the last clause break (';', ', whereas', ', but')
    that precedes the claim's start; else affirmed. For a resistance claim a denied
    sensitivity ("did not retain activity", "no longer responded") is no negation: it states
    the resistance."""
    if relation == "resistance":
        sentence = rules.context["denied_sensitivity"].sub(lambda m: " " * len(m.group(0)), sentence)
    s, e = max(0, claim_span[0] - offset), max(0, claim_span[1] - offset)
    lo = max(0, s - 60)
    # a negation does not reach past a clause break ("KRAS can no longer engage RAF, so both
    # drugs shut down MAPK signalling")
    lo = max([lo] + [m.end() for m in rules.context["negation_break"].finditer(sentence[:s])])
    # ("with or without C" names an optional arm, not a negation)
    lead = re.sub(r"\b(?:with|and)(?:\s+or|/or)\s+without\b", " ", sentence[lo: s + 1], flags=re.I)
    if re.search(r"\b(?:no|not|never|neither|nor|without|lack of|failed to)\b", lead, re.I) and \
            rules.cues["negation_cues"].search(sentence[lo: e]):
        return "negated"
    # a negation inside the claim that reaches its end without a clause break: "sotorasib did
    # not inhibit EGFR", "MET is not blocked by crizotinib" (not "X, which is not toxic, blocks Y")
    inside = list(rules.context["inner_negation"].finditer(sentence, s, e))
    # (a discourse adverb set off by commas is no break: "SHP2 inhibition did not, however,
    # rescue adagrasib activity")
    if inside and not rules.context["inner_negation_break"].search(
            rules.context["parenthetical_adverb"].sub(" ", sentence[inside[-1].end(): e])):
        return "negated"
    # an elliptical negated predicate right after the claim: "..., whereas adagrasib plus
    # trametinib did not", "but adding cetuximab failed to do so"
    if rules.context["elliptic_negation"].match(sentence, e):
        return "negated"
    # a negated predicate right after the claim: "sotorasib combined with afatinib failed to overcome
    # resistance", "X plus Y did not prevent the rebound"
    if rules.context["negated_predicate_after"].match(sentence, e):
        return "negated"
    breaks = [m.end() for m in rules.context["contrast_clause_break"].finditer(sentence, 0, s)]
    opener = _opening_clause_end(sentence)
    if opener is not None and opener <= s:
        breaks.append(opener)
    start = max(breaks, default=0)
    # the cue scopes over its clause: up to the next clause break after the claim
    after = re.search(r";|,\s+(?:whereas|but|while|although|which|and)\b|\.\s", sentence[e:])
    end = e + after.start() if after else len(sentence)
    if opener is not None and e < opener:
        end = min(end, opener)
    if rules.cues["hedge_cues"].search(sentence[start:end]):
        return "hedged"
    return "affirmed"


def relation_id(doc_id: str, claim: Claim, cancer_id: str, sentence_text: str) -> str:
    key = "|".join([doc_id, claim.relation, claim.drug.norm_id,
                    ";".join(sorted(p.norm_id for p in claim.partners)), claim.target_id,
                    claim.mechanism, cancer_id, re.sub(r"\s+", " ", sentence_text.strip().lower())])
    return "R" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
