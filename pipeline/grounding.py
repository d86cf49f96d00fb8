"""Grounding stage: document-level decisions on the NER stage's candidate matches.

Pure functions, one rule each, applied in this order by :func:`ground_matches`:

1. Abbreviations. Pairs come from scispacy's AbbreviationDetector, a Schwartz-Hearst
   fallback for the ones it misses (:func:`fallback_abbreviations`: "IGF1R", a long form
   after a slash) and table/figure glossaries (:func:`glossary_abbreviations`:
   "Abbreviations: AC, adenocarcinoma; ..."). A long form no rule found takes its short
   form's grounding (:func:`long_form_mentions`: "aurora kinase (AURKA)"); a short form
   takes its long form's grounding everywhere in the document (:func:`apply_abbreviations`,
   ``source`` = ``abbreviation``); a short form whose long form is no entity ("disease
   control rate (DCR)") loses the gene/drug reading an alias list gave it. Curated names
   keep their own meaning (PDAC stays pancreatic ductal adenocarcinoma).
2. :func:`drop_generic_modifiers` - "cancer", "carcinoma" only as a head noun (not in
   "cancer-related", "cancer cell lines", "these cancers").
3. :func:`drop_misgroundings` - the curated mis-grounding list (``misgroundings.json``).
4. :func:`drop_dosing_words`, :func:`drop_cell_markers` - "600 mg BID", "CD8+ T cells".
5. :func:`class_ellipsis` - "PD-1/PD-L1 inhibitors": the first conjunct is a class too.
6. :func:`require_resistance_context` - "MET amplification" is a MECHANISM only in a
   sentence about resistance; elsewhere it is the gene.
7. :func:`complete_variant_genes` - a bare change (G12C, Y96D, codon 12) gets its gene:
   the gene whose reference residue fits, else the gene written nearest before it in the
   sentence, else the document's most mentioned variant gene.
8. :func:`unify_drug_synonyms` - "glecirasib (JAB-21822)", "GDC-0941 (pictilisib)": two
   drug names for one compound; every mention of either takes one id (DrugBank first).

"CDK4/6" names two genes: the mention carries CDK4 (one mention per span: the gold allows
no overlapping mentions); :func:`targets_of` gives every gene a mention names, for the
relation stage. Sentences of disclosures/acknowledgements sections are not annotated.

:func:`extract_mentions` is the public entry point (also importable from
:mod:`pipeline.ner`, where ``run.py`` takes it).
"""

from __future__ import annotations

import bisect
import re
import warnings
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from pipeline.lexicon import Lexicon, load_lexicon
from pipeline.models import IngestedDocument, Mention, Sentence
from pipeline.ner import Match, configured_model, find_matches, get_ner_nlp, resolve_overlaps

#: labels an abbreviation without an entity long form may take away
_ALIAS_SOURCES = ("lexicon:hgnc", "lexicon:hgnc_alias", "lexicon:hgnc_prev", "lexicon:famplex",
                  "lexicon:famplex_gm", "lexicon:drugbank", "lexicon:chebi", "lexicon:mesh_supp",
                  "lexicon:doid", "pattern:code_name", "inferred:inn_stem")

#: section kinds that hold no evidence (the guidelines' scope: body, abstract, significance,
#: captions, tables and their footnotes)
SKIP_SECTION_KINDS = frozenset({"disclosures", "acknowledgements", "references", "funding",
                                "junk"})

#: one surface, several genes (norm_id of the lexicon entry -> every gene it names)
MULTI_TARGET = {"CDK4/6": (("HGNC:1773", "CDK4"), ("HGNC:1777", "CDK6"))}


class SpanIndex:
    """Overlap queries over a set of spans (sorted starts + running max of ends)."""

    def __init__(self, spans) -> None:
        self.spans = sorted((m.start, m.end) for m in spans)
        self.starts = [s for s, _ in self.spans]
        self.width = max((e - s for s, e in self.spans), default=0)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.spans, (start, end))
        self.spans.insert(i, (start, end))
        self.starts.insert(i, start)
        self.width = max(self.width, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        j = bisect.bisect_left(self.starts, end) - 1  # last span starting before ``end``
        while j >= 0 and self.starts[j] >= start - self.width:
            if self.spans[j][1] > start:
                return True
            j -= 1
        return False


def abbreviation_map(
    pairs: list[tuple[str, int, int, int, int]], matches: list[Match]
) -> dict[str, Match | None]:
    """Short form -> the match of its long form, or None when the long form is no entity.

    ``pairs`` are ``(short_text, short_start, short_end, long_start, long_end)`` in document
    offsets. A long form counts when one match ends at its end and covers at least half
    of it (so a leading modifier is allowed: "the heparin-binding EGF").
    """
    out: dict[str, Match | None] = {}
    by_end: dict[int, list[Match]] = {}
    for m in matches:
        by_end.setdefault(m.end, []).append(m)
    for short, _ss, _se, ls, le in pairs:
        best = None
        for m in by_end.get(le, ()):
            if m.start >= ls and (m.end - m.start) * 2 >= (le - ls):
                if best is None or m.start < best.start:
                    best = m
        if best is not None:
            out[short] = best
        else:
            out.setdefault(short, None)
    return out


def long_form_start(short: str, before: str) -> int | None:
    """Schwartz-Hearst: where the long form of ``short`` starts in ``before`` (the text just
    before "(SHORT)"), matching the short form's letters right to left, the first at a word
    start. None if they cannot be matched."""
    letters = [c.lower() for c in short if c.isalpha()]
    if not letters:
        return None
    low = before.lower()
    li = len(low) - 1
    for si in range(len(letters) - 1, -1, -1):
        c = letters[si]
        while li >= 0 and (low[li] != c or (si == 0 and li > 0 and low[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    return li + 1


_PAREN_SHORT = re.compile(r"\(([A-Za-z][A-Za-z0-9\-/]{1,9})\)")


def fallback_abbreviations(text: str, sentence_spans: list[tuple[int, int]],
                           matches: list[Match], known: set[tuple[str, int]]) -> list[tuple]:
    """"long form (SHORT)" pairs scispacy missed (digits in the short form: IGF1R; a long
    form after a slash: cyclin/cyclin-dependent kinase (CDK)), for SHORT an entity match."""
    by_span = {(m.start, m.end) for m in matches}
    known_shorts = {k[0] for k in known}
    out = []
    for ss, se in sentence_spans:
        sent = text[ss:se]
        if "(" not in sent:
            continue
        for m in _PAREN_SHORT.finditer(sent):
            s0, s1 = ss + m.start(1), ss + m.end(1)
            short = m.group(1)
            if (s0, s1) not in by_span or short in known_shorts:
                continue
            words = sent[:m.start()].rstrip()
            window_start = max(0, len(words) - 8 * len(short) - 10)
            pos = long_form_start(short, words[window_start:])
            if pos is None:
                continue
            ls = ss + window_start + pos
            le = ss + len(words)
            n_words = len(text[ls:le].split())
            if n_words > len(short) + 2 or le - ls <= len(short):
                continue
            out.append((short, text[ls:le], s0, s1, ls, le))
    return out


_GLOSSARY_ITEM = re.compile(r"([A-Za-z][A-Za-z0-9\-/.]{0,9}), ([^;,.:]{3,60}?)(?=;|\.\s*$|\.$|$)")


def is_glossary(sentence: str, cues: list[str]) -> bool:
    """A footnote that only defines abbreviations ("Abbreviations: ...", or "FOLFIRI,
    fluorouracil-based chemotherapy with irinotecan; ORR, objective response rate; -, not
    reported."): it states no claim."""
    s = sentence.strip()
    if any(s.startswith(c) for c in cues):
        return True
    parts = [p.strip() for p in re.split(r";\s*", s.rstrip(".")) if p.strip()]
    return len(parts) >= 2 and all(_GLOSSARY_ITEM.fullmatch(p) or re.fullmatch(r"[^\w\s]{1,3}, .{3,60}", p)
                                   for p in parts)


def glossary_abbreviations(text: str, sentence_spans: list[tuple[int, int]],
                           cues: list[str], matches: list[Match]) -> list[tuple]:
    """Table/figure footnotes: "Abbreviations: AC, adenocarcinoma; CRC, colorectal cancer."
    and a caption's "IGF1R, insulin growth factor receptor." give (short, long) pairs."""
    out = []
    for ss, se in sentence_spans:
        sent = text[ss:se]
        body_at = None
        for cue in cues:
            if sent.startswith(cue):
                k = sent.find(":")
                body_at = k + 1 if k >= 0 else None
                break
        if body_at is None:
            m = _GLOSSARY_ITEM.fullmatch(sent.strip().rstrip("."))
            if not m or not any(x.start == ss + sent.index(m.group(1)) for x in matches):
                continue
            body_at = 0
        for m in _GLOSSARY_ITEM.finditer(sent, body_at):
            short, long = m.group(1), m.group(2).strip()
            if not long or long[0].isupper() and len(long.split()) == 1:
                continue
            ls = ss + m.start(2) + (len(m.group(2)) - len(m.group(2).lstrip()))
            out.append((short, long, ss + m.start(1), ss + m.end(1), ls, ls + len(long)))
    return out


def long_form_mentions(pairs: list[tuple], matches: list[Match]) -> list[Match]:
    """A long form that no rule found takes the grounding of its short form ("aurora kinase
    (AURKA)", "insulin growth factor receptor (IGF1R)"), as the guidelines ask."""
    out = []
    by_span = {(m.start, m.end): m for m in matches}
    index = SpanIndex(matches)
    for _short, long, ss, se, ls, le in pairs:
        short_m = by_span.get((ss, se))
        if short_m is None or short_m.label not in ("GENE", "MECHANISM", "DRUG", "CANCER"):
            continue
        if index.overlaps(ls, le):
            continue  # the long form already holds a mention: leave it to the lexicon
        if re.search(r"[()\[\]]", long) or not re.search(r"[a-z]{3}", long):
            continue
        out.append(Match(ls, le, short_m.label, short_m.norm_id, short_m.norm_name,
                         "abbreviation", round(short_m.confidence * 0.9, 3)))
    return out


def apply_abbreviations(
    text: str, matches: list[Match], amap: dict[str, Match | None], long_texts: dict[str, str],
    gene_words: list[str],
) -> list[Match]:
    """Re-ground every occurrence of each defined short form; add the ones the NER missed."""
    if not amap:
        return matches
    out: list[Match] = []
    for m in matches:
        short = text[m.start:m.end]
        if short in amap:
            target = amap[short]
            if target is None:
                long = long_texts.get(short, "").lower()
                if m.source in _ALIAS_SOURCES and not any(w in long for w in gene_words):
                    continue  # DCR = disease control rate: not the gene
                out.append(m)
            elif (m.label, m.norm_id) != (target.label, target.norm_id) and \
                    not m.source.startswith("lexicon:curated"):
                out.append(replace(m, label=target.label, norm_id=target.norm_id,
                                   norm_name=target.norm_name, source="abbreviation",
                                   confidence=round(target.confidence * 0.95, 3)))
            else:
                out.append(m)
        else:
            out.append(m)
    # occurrences the NER did not find at all
    index = SpanIndex(out)
    for short, target in amap.items():
        if target is None or len(short) < 2:
            continue
        for mm in re.finditer(rf"(?<![A-Za-z0-9\-]){re.escape(short)}(?![A-Za-z0-9])", text):
            s, e = mm.start(), mm.end()
            if index.overlaps(s, e):
                continue
            index.add(s, e)
            out.append(Match(s, e, target.label, target.norm_id, target.norm_name,
                             "abbreviation", round(target.confidence * 0.95, 3)))
    return sorted(out, key=lambda m: (m.start, m.end))


_FUNCTION_WORDS = frozenset(
    "and or in with that is are was were from of to by as than for which such including "
    "who where while when whose be been has have had do does did not but also remain remains "
    "remained harboring harbouring carrying treated".split()
)


def drop_generic_modifiers(text: str, matches: list[Match], patterns: dict) -> list[Match]:
    """Generic cancer words ("cancer", "carcinoma") are mentions only as the head noun:
    not as a modifier ("cancer-related death", "cancer cell lines", "adenoma-carcinoma
    sequence") and not as an anaphor ("these cancers")."""
    generic = {w.lower() for w in patterns["generic_cancer_words"]}
    anaphora = tuple(w.lower() for w in patterns["anaphora_words"])
    out = []
    for m in matches:
        word = text[m.start:m.end].lower()
        if m.label == "CANCER" and word in generic:
            after = text[m.end:m.end + 40]
            before = text[max(0, m.start - 40):m.start].lower()
            prev_char = text[m.start - 1:m.start]
            nxt = re.match(r"\s*([A-Za-z]+)", after)
            if (after[:1] and after[:1] in "-\u2013") or (prev_char and prev_char in "-\u2013"):
                continue  # part of a compound modifier
            if nxt and after[:1] == " " and nxt.group(1).lower() not in _FUNCTION_WORDS:
                continue  # modifier of the next noun
            if before.rstrip().endswith(anaphora):
                continue
        out.append(m)
    return out


#: a mechanism named as an alteration ("MET amplification", "NRAS mutations") is a mechanism
#: only where the sentence speaks of resistance; elsewhere it is the gene (guidelines)
_ALTERATION_WORDS = re.compile(r"mutation|amplification|fusion|loss|deletion|co-mutation",
                               re.IGNORECASE)
_RESISTANCE_CUES = re.compile(
    r"resist|acquired|emerg|progress|escape|relaps|refractor|mechanism|bypass|reactivat"
    r"|secondary|on[- ]treatment|after treatment|post-?treatment|at progression",
    re.IGNORECASE)


def require_resistance_context(text: str, matches: list[Match],
                               sentence_spans: list[tuple[int, int]], lex: Lexicon) -> list[Match]:
    """Alteration-type MECHANISM mentions outside a resistance context (their sentence, or the
    sentence just before in the same paragraph: "Resistance to X was heterogeneous. It
    involved MET amplification ...") become GENE mentions."""
    starts = [s for s, _ in sentence_spans]
    out: list[Match] = []
    for m in matches:
        if m.label == "MECHANISM" and _ALTERATION_WORDS.search(text, m.start, m.end):
            k = bisect.bisect_right(starts, m.start) - 1
            s, e = sentence_spans[k] if k >= 0 else (0, len(text))
            if k > 0 and "\n" not in text[sentence_spans[k - 1][1]:s]:
                s = sentence_spans[k - 1][0]
            if not _RESISTANCE_CUES.search(text, s, e):
                for w in re.finditer(r"[A-Za-z0-9]+", text[m.start:m.end]):
                    c = lex.lookup(w.group(0), "GENE")
                    if c is not None:
                        out.append(Match(m.start + w.start(), m.start + w.end(), "GENE", c[1],
                                         c[2], c[3], c[5]))
                continue
        out.append(m)
    return out


def drop_cell_markers(text: str, matches: list[Match]) -> list[Match]:
    """A marker naming a cell type is not a gene mention: "CD8+ T cells", "CD45- cells"."""
    return [m for m in matches
            if not (m.label == "GENE" and text[m.end:m.end + 1] in ("+", "\u207a")
                    and text[m.end - 1:m.end].isalnum())]


_CONJ = re.compile(r"\s*(?:/|,\s*and\s+|,\s*or\s+|,|\band\b|\bor\b|\bnor\b)\s*")


def class_ellipsis(text: str, matches: list[Match], lex: Lexicon) -> list[Match]:
    """"PD-1/PD-L1 inhibitors", "MEK and ERK inhibitors": a gene conjoined to a drug class
    shares its head noun, so it is a DRUG_CLASS mention too (guidelines 1.5)."""
    out = list(matches)
    heads: dict[int, str] = {}  # the head noun a conjunct made a class by ellipsis shares
    for i in range(len(out) - 2, -1, -1):
        g, nxt = out[i], out[i + 1]
        if g.label != "GENE" or nxt.label != "DRUG_CLASS":
            continue
        conj = _CONJ.fullmatch(text, g.end, nxt.start)
        if conj is None:
            continue
        # ("SHP2, SOS1 or EGFR blockade": SOS1 shares "blockade", and so does SHP2)
        head = heads.get(i + 1) or text[nxt.start:nxt.end].split()[-1]
        c = lex.lookup(f"{text[g.start:g.end]} {head}", "DRUG_CLASS")
        if c is not None:
            out[i] = Match(g.start, g.end, "DRUG_CLASS", c[1], c[2], "pattern:ellipsis",
                           round(min(g.confidence, c[5]) * 0.9, 3))
            heads[i] = head
    return out


_DOSE_BEFORE = re.compile(r"(?:\d\s*(?:mg|g|µg|μg|mg/kg|mg/m2|mg/m²)|\bdose[sd]?)\s*$")


def drop_dosing_words(text: str, matches: list[Match]) -> list[Match]:
    """A symbol right after a dose is a schedule word: "600 mg BID", "960 mg QD"."""
    return [m for m in matches
            if not (m.label == "GENE" and _DOSE_BEFORE.search(text, max(0, m.start - 16), m.start))]


def drop_misgroundings(text: str, matches: list[Match], rows: list[dict]) -> list[Match]:
    """Remove every match the curated mis-grounding list forbids (text, label, id or '*')."""
    bad = {(r["text"], r["label"], r["wrong_id"]) for r in rows}
    return [m for m in matches
            if (text[m.start:m.end], m.label, m.norm_id) not in bad
            and (text[m.start:m.end], m.label, "*") not in bad]


def complete_variant_genes(
    text: str, matches: list[Match], sentence_spans: list[tuple[int, int]],
    references: dict[str, dict[str, str]], lengths: dict[str, int] | None = None,
) -> list[Match]:
    """Fill in ``?`` genes of bare changes (see module docstring); the document's default gene
    only where its protein is long enough ("Y537S" alone is no KRAS change: dropped)."""
    lengths = lengths or {}
    doc_genes = Counter(m.norm_id.split(" ")[0] for m in matches
                        if m.label == "VARIANT" and not m.norm_id.startswith("?"))
    gene_mentions = Counter(m.norm_name for m in matches
                            if m.label == "GENE" and m.norm_id.startswith("HGNC:"))
    default = (doc_genes.most_common(1) or gene_mentions.most_common(1) or [("KRAS", 0)])[0][0]
    from pipeline.vocab import hgnc_symbols

    gene_symbols = hgnc_symbols()
    matches = sorted(matches, key=lambda m: (m.start, m.end))
    match_starts = [m.start for m in matches]
    sent_starts = [s for s, _ in sentence_spans]
    out = []
    for m in matches:
        if m.label != "VARIANT" or not m.norm_id.startswith("?"):
            out.append(m)
            continue
        change = m.norm_id.split(" p.", 1)[1]
        pos_m = re.search(r"\d+", change)
        pos = pos_m.group(0) if pos_m else ""
        wt = change[0] if change[0] != "?" else None
        fits = [g for g, ref in references.items()
                if pos in ref and (wt is None or ref[pos] == wt)]
        gene = None
        if len(fits) == 1:
            gene = fits[0]
        elif fits:
            gene = max(fits, key=lambda g: (doc_genes[g], gene_mentions[g], g == default))
        else:
            def possible(sym: str, pos: str = pos) -> bool:  # no reference, or one long enough
                return sym not in references or pos in references[sym]  # ("G1202R" is not KRAS)

            k = bisect.bisect_right(sent_starts, m.start) - 1
            sent_start = sentence_spans[k][0] if k >= 0 else 0
            lo = bisect.bisect_left(match_starts, sent_start)
            hi = bisect.bisect_left(match_starts, m.start)
            # the nearest gene before it in its sentence, else earlier in the text; a class named
            # after a gene counts ("an ALK inhibitor, retains activity against G1202R")
            for span in (matches[lo:hi], matches[:lo]):
                for o in reversed(span):
                    if o.norm_id.startswith("?"):
                        continue
                    if o.label == "GENE" and o.norm_id.startswith("HGNC:"):
                        sym = o.norm_name
                    elif o.label == "VARIANT":
                        sym = o.norm_id.split(" ")[0]
                    elif o.label == "DRUG_CLASS" and o.norm_id.removeprefix("CLASS:") in gene_symbols:
                        sym = o.norm_id.removeprefix("CLASS:")
                    else:
                        continue
                    if possible(sym):
                        gene = sym
                        break
                if gene:
                    break
            if gene is None and pos and int(pos) > lengths.get(default, 10 ** 6):
                continue  # no gene to give it
            gene = gene or default
        if wt is None:
            wt = references.get(gene, {}).get(pos)
            if wt is None:
                continue  # "codon 600" of a gene we have no reference for: drop
            change = f"{wt}{pos}"
        norm = f"{gene} p.{change}"
        out.append(replace(m, norm_id=norm, norm_name=norm,
                           confidence=round(m.confidence * (0.95 if len(fits) == 1 else 0.85), 3)))
    return out


def targets_of(mention: Mention | Match, text: str | None = None) -> tuple[tuple[str, str], ...]:
    """Every (gene id, symbol) a GENE mention names: ``CDK4/6`` -> CDK4 and CDK6."""
    surface = getattr(mention, "text", None) or (text or "")
    if mention.label == "GENE" and surface in MULTI_TARGET:
        return MULTI_TARGET[surface]
    return ((mention.norm_id, mention.norm_name),)


def ground_matches(
    text: str, matches: list[Match], abbreviations: list[tuple[str, str, int, int, int, int]],
    sentence_spans: list[tuple[int, int]], lex: Lexicon,
) -> list[Match]:
    """Apply the grounding rules to one document's matches (document offsets)."""
    pats = lex.curated.patterns
    gene_words = [w.lower() for w in pats["abbreviation_gene_words"]]
    abbreviations = list(abbreviations)
    abbreviations += fallback_abbreviations(text, sentence_spans, matches,
                                            {(a[0], a[2]) for a in abbreviations})
    abbreviations += glossary_abbreviations(text, sentence_spans, pats["glossary_cues"], matches)
    longs = long_form_mentions(abbreviations, matches)
    if longs:
        matches = sorted(matches + longs, key=lambda m: (m.start, m.end))
    matches = drop_generic_modifiers(text, matches, pats)
    pairs = [(a[0], a[2], a[3], a[4], a[5]) for a in abbreviations]
    long_texts = {a[0]: a[1] for a in abbreviations}
    amap = abbreviation_map(pairs, matches)
    matches = apply_abbreviations(text, matches, amap, long_texts, gene_words)
    matches = drop_misgroundings(text, matches, lex.curated.files["misgroundings.json"])
    matches = drop_dosing_words(text, matches)
    matches = drop_cell_markers(text, matches)
    matches = class_ellipsis(text, sorted(matches, key=lambda m: (m.start, m.end)), lex)
    matches = require_resistance_context(text, matches, sentence_spans, lex)
    matches = complete_variant_genes(text, matches, sentence_spans, pats["variant_reference"],
                                     pats.get("protein_lengths", {}))
    return unify_drug_synonyms(text, matches)


#: how trusted an id namespace is when two names of one compound disagree
_ID_PREFERENCE = ("DB", "CHEBI:", "MESH:", "CODE:")


def _id_rank(norm_id: str) -> int:
    return next((i for i, p in enumerate(_ID_PREFERENCE) if norm_id.startswith(p)), len(_ID_PREFERENCE))


def unify_drug_synonyms(text: str, matches: list[Match]) -> list[Match]:
    """A drug name with another drug name in parentheses right after it ("glecirasib
    (JAB-21822)", "GDC-0941 (pictilisib)") names one compound twice: every mention in the
    document of either id takes the better-attested id (DrugBank, then ChEBI, MeSH, code
    names; the first written on ties), so a claim made with either name is one agent."""
    drugs = [m for m in matches if m.label == "DRUG"]
    alias: dict[str, Match] = {}
    for a, b in pairwise(drugs):
        if a.norm_id == b.norm_id or not re.fullmatch(r"\s*\(\s*", text[a.end:b.start]) \
                or not re.match(r"\s*\)", text[b.end:b.end + 3]):
            continue
        keep, drop = (b, a) if _id_rank(b.norm_id) < _id_rank(a.norm_id) else (a, b)
        alias.setdefault(drop.norm_id, keep)
    if not alias:
        return matches
    return [replace(m, norm_id=alias[m.norm_id].norm_id, norm_name=alias[m.norm_id].norm_name)
            if m.label == "DRUG" and m.norm_id in alias else m for m in matches]


#: a sentence that may define an abbreviation: "long form (SHORT)" or "SHORT (long form)"
_MAY_DEFINE = re.compile(
    r"\((?=[^()]*[A-Za-z])\s*[^\s()]{1,12}\s*\)"
    r"|\b[A-Z][A-Za-z0-9\-]{1,9}\s\((?=[^()]*[a-z]{3})[^()]{5,80}\)"
)


def _sentence_abbreviations(sdoc, offset: int) -> list[tuple[str, str, int, int, int, int]]:
    out = []
    seen = set()
    for short in getattr(sdoc._, "abbreviations", []) or []:
        long = short._.long_form
        if long is None:
            continue
        key = (short.text, long.start_char)
        if key in seen:
            continue
        seen.add(key)
        out.append((short.text, long.text, short.start_char + offset, short.end_char + offset,
                    long.start_char + offset, long.end_char + offset))
    return out


def extract_mentions(doc: IngestedDocument, sentences: list[Sentence], *,
                     tokenize_all: bool = False) -> list[Mention]:
    """Entity mentions of a document, grounded, in text order (ids M1, M2, ...).

    Offsets are canonical-text offsets (``doc.text``); each mention lies inside one sentence.
    The matchers work on characters (a mention may be part of a token: ``KRAS`` in
    "KRAS-GTP"), so a sentence is tokenized only when a token-level component needs it
    (the abbreviation detector, a merged model) unless ``tokenize_all``.
    """
    model = configured_model()
    nlp = get_ner_nlp(model)
    lex = load_lexicon()
    matcher = nlp.get_pipe("kras_entity_matcher")
    merge = nlp.get_pipe("kras_model_merge") if model else None
    abbrev = nlp.get_pipe("abbreviation_detector")
    matches: list[Match] = []
    abbreviations: list[tuple] = []
    kinds = {sec.index: sec.kind for sec in doc.sections}
    sentences = [s for s in sentences if kinds.get(s.section_index) not in SKIP_SECTION_KINDS]
    spans = [(s.start, s.end) for s in sentences]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # scispacy's empty global matcher (W036)
        for sent in sentences:
            text = doc.text[sent.start:sent.end]
            defines = _MAY_DEFINE.search(text) is not None  # a definition needs "(..letter..)"
            off = sent.start
            if defines or merge is not None or tokenize_all:
                sdoc = matcher.annotate(nlp.make_doc(text), text, spans=False)
                if merge is not None:
                    sdoc = merge(sdoc)
                found = sdoc._.kras_matches or ()
                if defines:
                    abbreviations.extend(_sentence_abbreviations(abbrev(sdoc), off))
            else:
                found = find_matches(text, lex)
            for m in found:
                matches.append(Match(m.start + off, m.end + off, m.label, m.norm_id, m.norm_name,
                                     m.source, m.confidence))
    matches = ground_matches(doc.text, matches, abbreviations, spans, lex)
    return to_mentions(doc, sentences, matches)


def to_mentions(doc: IngestedDocument, sentences: list[Sentence],
                matches: list[Match]) -> list[Mention]:
    starts = [s.start for s in sentences]
    import bisect

    out: list[Mention] = []
    for m in sorted(matches, key=lambda m: (m.start, m.end, m.norm_id)):
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.end > sentences[i].end:
            continue
        out.append(Mention(
            doc_id=doc.doc_id, mention_id=f"M{len(out) + 1}", label=m.label,
            text=doc.text[m.start:m.end], start=m.start, end=m.end, sentence_index=sentences[i].index,
            norm_id=m.norm_id, norm_name=m.norm_name, source=m.source,
            confidence=round(float(m.confidence), 3),
        ))
    return out


__all__ = ["extract_mentions", "ground_matches", "resolve_overlaps", "targets_of"]
