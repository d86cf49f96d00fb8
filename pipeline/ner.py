"""NER stage: lexicon matching and regex patterns over sentence text, as spaCy components.

Pure functions do the work and tests call them directly:

- :func:`lexicon_matches` - longest lexicon names, on letter/digit pieces (see
  :mod:`pipeline.lexicon`), case-checked for case-sensitive names (MET vs met);
- :func:`variant_matches` - protein changes in their spellings (G12C, KRASG12C, KRAS G12C,
  p.G12C, p.Gly12Cys, Y96D, H95D/Q/R, codon 12);
- :func:`code_name_matches` - investigational code names (AMG 510, MRTX849, JNJ-74699157);
- :func:`nct_matches`, :func:`cell_line_pattern_matches`, :func:`inn_stem_matches`
  (unseen drugs by their INN stem, ``source`` = ``inferred:inn_stem``),
  :func:`tissue_ellipsis_matches` ("lung and pancreatic cancer": ``lung`` is lung cancer);
- :func:`resolve_overlaps` - the longest span wins, so "EGFR inhibitor" is one DRUG_CLASS.

spaCy components (registered with ``@Language.factory``):

- ``kras_entity_matcher`` sets ``Doc._.kras_matches`` (list of :class:`Match`, character
  offsets into ``doc.text``) and ``doc.spans["kras"]`` (token-aligned spans, ``span.id_`` =
  the rule / source that made it);
- scispacy's ``abbreviation_detector`` sets ``Doc._.abbreviations`` (used by grounding);
- ``kras_model_merge`` (only when a scispacy NER model is configured) adds the model's
  entities that the lexicon missed, ``source`` = ``model:<name>``.

Grounding across the document (abbreviations, mis-groundings, variant genes) and the
public :func:`extract_mentions` live in :mod:`pipeline.grounding`.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.lexicon import PIECE_RE, SEP, TRIAL_HEAD_RE, Lexicon, load_lexicon

#: Environment variable naming an installed scispacy NER model to merge (default: none).
MODEL_ENV = "KRAS_NER_MODEL"

# rank of a source when two matches cover the same span (lower wins)
_SOURCE_RANK = {
    "lexicon:curated": 0, "lexicon:vocab": 0, "pattern:variant": 1, "pattern:nct": 1,
    "pattern:code_name": 3, "pattern:cell_line": 2,
}


@dataclass(frozen=True)
class Match:
    """A candidate mention: character offsets into the text it was found in."""

    start: int
    end: int
    label: str
    norm_id: str
    norm_name: str
    source: str
    confidence: float

    def rank(self) -> tuple:
        return (-(self.end - self.start), _SOURCE_RANK.get(self.source, 5), -self.confidence)


# --- lexicon ------------------------------------------------------------------------------

_GLUED_CITATION = re.compile(r"\d{1,3}(?:[,\u2013-]\d{1,3})*(?![\w\u2010-\u2013%-])")


def _capitals_before(text: str, i: int) -> int | None:
    """Where the letters run ending at ``i`` starts, if it is an abbreviation of 3 to 6
    capitals ("NSCLC" of "NSCLC109"), else None."""
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return j if 3 <= i - j <= 6 and text[j:i].isupper() else None


def is_boundary(text: str, i: int) -> bool:
    """True if a mention may start or end at ``i`` (between ``text[i-1]`` and ``text[i]``):
    not inside a letter/digit run, except where a lower-case word runs into a capitalised
    one ("inhibitorSotorasib") or into an abbreviation ("pembrolizumabNSCLC"), and where an
    abbreviation runs into a capitalised word ("NSCLCPhase")."""
    if i <= 0 or i >= len(text):
        return True
    a, b = text[i - 1], text[i]
    if not (a.isalnum() and b.isalnum()):
        return True
    cite = _GLUED_CITATION.match(text, i) if b.isdigit() else None
    if cite and i >= 4 and text[i - 4:i].isalpha() and text[i - 4:i].islower():
        return True  # a reference number glued to a word by a scraped superscript ("sotorasib52")
    if cite and not (cite.group(0).isdigit() and len(cite.group(0)) < 2):
        # ... or to an all-capital abbreviation ("NSCLC109", "CRC12,13"); one digit stays part
        # of the symbol ("AKT1"), and a whole known token ("STK11") wins as the longer match
        j = _capitals_before(text, i)
        if j is not None and (j == 0 or not text[j - 1].isalnum() or text[j - 1].isdigit()):
            return True
    if b.isdigit() and re.match(r"\d+\.\d", text[i:]):
        # an abbreviation run into the number cells after it ("CRC9434.06.9": N 94, ORR 34.0)
        j = _capitals_before(text, i)
        if j is not None and (j == 0 or is_boundary(text, j)):
            return True
    if a.isdigit() and b.isupper() and text[i + 1:i + 4].isalpha() and text[i + 1:i + 4].islower():
        return True  # a number cell run into a capitalised word ("5.6Adagrasib")
    if a.isdigit() and text[i:i + 3].isalpha() and text[i:i + 3].isupper():
        # a number cell run into an abbreviation ("CodeBreaK 300CRC", "KRYSTAL-1CRC"): the digit
        # run is a trial number of two or more digits, or one after a hyphen (not "4EBP1")
        j = i
        while j > 0 and text[j - 1].isdigit():
            j -= 1
        if j == 0 or i - j >= 3 or (not text[j - 1].isalnum() and (i - j >= 2 or text[j - 1] == "-")):
            return True  # (or a trial code's long number: "GO42144CRC")
    if b.isupper() and i + 1 < len(text) and text[i + 1].isupper() and i >= 5 \
            and text[i - 5:i].isalpha() and text[i - 5:i].islower():
        return True  # a flattened table cell run into an abbreviation ("pembrolizumabNSCLC")
    if b.isupper() and i + 2 < len(text) and text[i + 1:i + 3].isalpha() and text[i + 1:i + 3].islower() \
            and i >= 2 and text[i - 2:i].isalpha() and text[i - 2:i].isupper():
        return True  # ... or an abbreviation run into a capitalised word ("NSCLCPhase", "NRAdagrasib")
    if a in "IV" and b.isupper() and text[i + 1:i + 4].isalpha() and text[i + 1:i + 4].islower():
        # a trial phase cell run into a capitalised name ("Ib/II | I" + "Divarasib": "IDivarasib")
        j = i
        while j > 0 and text[j - 1] in "IV":
            j -= 1
        if j == 0 or not text[j - 1].isalpha():
            return True
    if b.isupper() and i + 1 < len(text) and text[i + 1].isupper() and i >= 2 and a in "ab" \
            and text[i - 2] in "IV":
        return True  # a trial phase run into an abbreviation ("IbNSCLC")
    if b.isupper() and i + 1 < len(text) and text[i + 1].islower() and i >= 2 and a in "ab" \
            and text[i - 2] in "IV":
        return True  # ... or into a capitalised word ("IbSolid tumours")
    if a in "IV" and b.isupper() and b not in "IV" and text[i:i + 3].isalpha() and text[i:i + 3].isupper():
        # a trial phase cell run into an abbreviation after a lower-case cell ("CetuximabIIICRC")
        j = i
        while j > 0 and text[j - 1] in "IV":
            j -= 1
        if i - j <= 3 and text[j:i] in ("I", "II", "III", "IV") and j > 0 and text[j - 1].islower():
            return True
    if a.isupper() and b.isupper() and i >= 3 and text[i - 3:i].isupper() and text[i - 3:i].isalpha() \
            and TRIAL_HEAD_RE.match(text, i):
        return True  # an abbreviation cell run into the next cell's trial name ("CRCKRYSTAL-10")
    return (b.isupper() and i + 1 < len(text) and text[i + 1].islower() and i >= 3
            and text[i - 3:i].isalpha() and text[i - 3:i].islower())


def lexicon_matches(text: str, lex: Lexicon) -> list[Match]:
    """The longest and the shortest lexicon name starting at each piece of ``text``
    (overlaps resolved later).

    A match is extended piece by piece while its key is a known prefix, and must start and
    end on a boundary (:func:`is_boundary`); case-sensitive names must match their case.
    """
    ps = [(m.start(), m.end(), m.group()) for m in PIECE_RE.finditer(text)]
    n = len(ps)
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        lows = [p[2].lower() for p in ps]
    else:
        lows = [low[s:e] for s, e, _ in ps]
    entries = lex.entries
    out: list[Match] = []
    tlen = len(text)
    for i in range(n):
        key = lows[i]
        v = entries.get(key)
        if v is None:
            continue
        s = ps[i][0]
        if s and text[s - 1].isalnum() and not is_boundary(text, s):
            continue  # starts inside a letter/digit run ("KRAS" in "pKRAS" is not a start)
        best = first = None
        j = i
        while True:
            if v:
                e = ps[j][1]
                if e >= tlen or not text[e].isalnum() or is_boundary(text, e):
                    case_key = None
                    for c in v:
                        if c[4] is not None:
                            if case_key is None:
                                case_key = SEP.join(p[2] for p in ps[i:j + 1])
                            if c[4] != case_key:
                                continue
                        best = (e, c)
                        first = first or best
                        break
            j += 1
            if j >= n:
                break
            key = key + SEP + lows[j]
            v = entries.get(key)
            if v is None:
                break
        if best is not None:
            e, c = best
            out.append(Match(s, e, c[0], c[1], c[2], c[3], c[5]))
            if first is not best:
                # the shortest name here too: it stands when the longest loses an overlap to a
                # name starting later ("EGFR" of "EGFR-mediated reactivation" when "reactivation
                # of MAPK signalling" wins)
                e, c = first
                out.append(Match(s, e, c[0], c[1], c[2], c[3], c[5]))
    return out


# --- patterns -----------------------------------------------------------------------------

_AA3 = {
    "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E",
    "Gly": "G", "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F",
    "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V",
}
_A1 = "[ACDEFGHIKLMNPQRSTVWY]"
_A3 = "(?:" + "|".join(_AA3) + ")"
_CHANGE = (
    rf"(?:p\.\s?)?(?:(?P<w3>{_A3})(?P<p3>\d{{1,4}})(?P<m3>{_A3})"
    rf"|(?P<w1>{_A1})(?P<p1>\d{{1,4}})(?P<m1>{_A1}(?:/{_A1})*|\*|fs\*?\d*|del|dup))"
)
VARIANT_RE = re.compile(
    rf"(?<![A-Za-z0-9.])(?:(?P<gene>[A-Z][A-Z0-9]{{1,9}}?)(?P<sep>[ \-]?p\.\s?|[ \-(]|))?"
    rf"(?P<chg>{_CHANGE})(?P<close>\))?(?![A-Za-z0-9])"
)
#: "codon 12", "KRAS codon 61", "codons 12 and 13", "three codons: 12, 13, and 61"
CODON_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<gene>[A-Z][A-Z0-9]{1,9}) )?(?P<word>codons?)(?P<sep>:? )"
    r"(?P<list>\d{1,4}(?:(?:, | and |, and | or |, or |/)\d{1,4})*)(?![\d])"
)
#: a residue named without its new amino acid before a mutation noun: "H95 substitutions", "NRAS
#: Q61 mutations" (the gene from the reference residues when not written)
RESIDUE_RE = re.compile(
    rf"(?<![A-Za-z0-9.\-])(?:(?P<gene>[A-Z][A-Z0-9]{{1,9}}) )?(?P<res>{_A1})(?P<pos>\d{{1,4}})"
    r"(?=\s+(?:mutations?|substitutions?|variants?|mutants?)\b)"
)
CODE_NAME_RE = re.compile(
    r"(?<![A-Za-z0-9\-./])(?P<pre>[A-Z]{1,5})(?P<sep>[ \-]?)(?P<num>\d{3,8})(?![A-Za-z0-9]|-\d)"
)
NCT_RE = re.compile(r"(?<![A-Za-z0-9])NCT\d{8}(?!\d)")


def _norm_change(m: re.Match) -> str:
    if m.group("w3"):
        return f"{_AA3[m.group('w3')]}{m.group('p3')}{_AA3[m.group('m3')]}"
    return f"{m.group('w1')}{m.group('p1')}{m.group('m1')}"


def _gene_symbol(token: str, lex: Lexicon) -> str | None:
    if token in lex.gene_symbols:
        return token
    c = lex.lookup(token, "GENE")
    if c is not None and c[1].startswith("HGNC:"):
        return c[2]
    return None


def variant_matches(text: str, lex: Lexicon) -> list[Match]:
    """Protein changes; a change with no gene in front gets ``norm_id`` ``"? p.<change>"``
    (grounding fills in the gene from the document)."""
    pats = lex.curated.patterns
    not_variants = set(pats["not_variants"])
    out: list[Match] = []
    for m in VARIANT_RE.finditer(text):
        chg_text = text[m.start("chg"):m.end("chg")]
        change = _norm_change(m)
        if chg_text in not_variants or change in not_variants:
            continue
        start, end = m.start(), m.end()
        gene = m.group("gene")
        if gene and not m.group("sep") and text[m.start():m.end("chg")] in lex.gene_symbols:
            continue  # a gene symbol that looks like a glued gene and change ("ARID1A": not ARI + D1A)
        symbol = _gene_symbol(gene, lex) if gene else None
        paren = m.group("sep") == "("
        if symbol is None or paren != bool(m.group("close")):
            if gene and symbol is None or paren and not m.group("close"):
                start = m.start("chg")
                symbol = None
            end = m.end("chg")
        if symbol is None:
            # a bare change that is itself a name (E2F, a gene alias) is not a variant
            if not chg_text.startswith("p.") and lex.lookup(chg_text) is not None:
                continue
            if not chg_text.startswith("p.") and not m.group("m1") and not m.group("m3"):
                continue
        conf = 0.9 if symbol else 0.8
        norm = f"{symbol or '?'} p.{change}"
        out.append(Match(start, end, "VARIANT", norm, norm, "pattern:variant", conf))
    refs = pats["variant_reference"]
    for m in CODON_RE.finditer(text):
        gene = m.group("gene")
        symbol = _gene_symbol(gene, lex) if gene else None
        numbers = list(re.finditer(r"\d+", m.group("list")))
        for num in numbers:
            pos = num.group(0)
            if len(numbers) == 1 and m.group("sep") == " ":
                # "codon 12" / "KRAS codon 12": the whole phrase is the mention
                start = m.start() if symbol else m.start("word")
            else:
                # "codons: 12, 13, and 61": one mention per number
                start = m.start("list") + num.start()
            end = m.start("list") + num.end()
            if symbol:
                wt = refs.get(symbol, {}).get(pos)
                if wt is None:
                    continue
                norm = f"{symbol} p.{wt}{pos}"
            else:
                norm = f"? p.?{pos}"
            out.append(Match(start, end, "VARIANT", norm, norm, "pattern:variant", 0.75))
    for m in RESIDUE_RE.finditer(text):
        gene = m.group("gene")
        symbol = _gene_symbol(gene, lex) if gene else None
        res, pos = m.group("res"), m.group("pos")
        if gene and symbol is None:
            continue  # "Table Q61 ...", an unknown word before the residue
        if symbol in refs and refs[symbol].get(pos) != res or not symbol and not any(
                r.get(pos) == res for r in refs.values()):
            continue  # not a residue the gene has there ("H1975 mutations" is no codon)
        norm = f"{symbol or '?'} p.{res}{pos}"
        out.append(Match(m.start() if symbol else m.start("res"), m.end(), "VARIANT", norm, norm,
                         "pattern:variant", 0.75))
    return out


def code_name_matches(text: str, lex: Lexicon) -> list[Match]:
    """Investigational compound code names not already in the lexicon: ``CODE:<name>``."""
    stop = set(lex.curated.patterns["code_name_stoplist"])
    out: list[Match] = []
    for m in CODE_NAME_RE.finditer(text):
        pre, sep, num = m.group("pre"), m.group("sep"), m.group("num")
        if pre in stop or (len(pre) == 1 and sep != "-"):
            continue
        if sep == " " and (len(pre) < 2 or re.fullmatch(r"(?:19|20)\d\d", num)):
            continue
        name = m.group(0)
        if pre + num in lex.gene_symbols or lex.lookup(name) is not None:
            continue
        if not sep and len(num) <= 3 and any(lex.lookup(pre, label) is not None
                                             for label in ("CANCER", "GENE", "CELL_LINE", "MECHANISM")):
            continue  # a known abbreviation with a reference number glued on ("NSCLC109")
        tail = text[m.end():m.end() + 10].lower()
        if tail.startswith((" cell", "-cell", " xenograft", " mice", " mouse")):
            continue
        if re.match(r"\s+(?:trials?|study|studies|cohorts?|investigators)\b", tail):
            continue  # a trial named by its code ("the NEJ026 trial")
        if re.match(r"/[A-Z][A-Za-z]{3,}[- ]?\d", text[m.end():m.end() + 12]):
            continue  # one of a pair of trial names ("ECHO-301/KEYNOTE-252")
        out.append(Match(m.start(), m.end(), "DRUG", f"CODE:{name}", name, "pattern:code_name",
                         0.7))
    return out


def nct_matches(text: str, lex: Lexicon) -> list[Match]:
    """NCT numbers: the trial name from trials.tsv when known, else the number itself."""
    if "NCT" not in text:
        return []
    out = []
    for m in NCT_RE.finditer(text):
        c = lex.lookup(m.group(0), "TRIAL")
        name = c[2] if c else m.group(0)
        out.append(Match(m.start(), m.end(), "TRIAL", m.group(0), name, "pattern:nct", 0.95))
    return out


@lru_cache(maxsize=4)
def _compiled_cell_patterns(specs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, tuple]:
    """One regex for every cell-line shape: alternative ``c<k>`` is pattern k."""
    alts = [f"(?P<c{k}>{rx})" for k, (rx, _fmt) in enumerate(specs)]
    big = re.compile(r"(?<![A-Za-z0-9\-])(?:" + "|".join(alts) + r")(?![A-Za-z0-9])")
    return big, tuple(re.compile(rx) for rx, _ in specs)


def cell_line_pattern_matches(text: str, lex: Lexicon) -> list[Match]:
    """Cell lines by shape (NCI-H1975, H1975, SW620): vocabulary id when known, else CELL:."""
    specs = tuple((p["regex"], p["name"]) for p in lex.curated.patterns["cell_line_patterns"])
    big, singles = _compiled_cell_patterns(specs)
    out = []
    for m in big.finditer(text):
        k = next(i for i in range(len(specs)) if m.group(f"c{i}") is not None)
        sm = singles[k].fullmatch(m.group(0))
        if sm is None:
            continue
        name = specs[k][1].format(m.group(0), *sm.groups())
        c = lex.lookup(name, "CELL_LINE")
        if c is not None:
            out.append(Match(m.start(), m.end(), "CELL_LINE", c[1], c[2], "pattern:cell_line",
                             0.9))
        else:
            out.append(Match(m.start(), m.end(), "CELL_LINE", f"CELL:{name}", name,
                             "pattern:cell_line", 0.7))
    return out


@lru_cache(maxsize=4)
def _inn_re(stems: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9\-])[A-Za-z][a-z]{{2,}}(?:{alt})(?![A-Za-z0-9])")


def inn_stem_matches(text: str, lex: Lexicon) -> list[Match]:
    """Unseen drugs by their INN stem (-rasib, -tinib, -ciclib, -mab ...): ``CODE:<inn>``."""
    stems = tuple(s["stem"] for s in lex.curated.patterns["inn_stems"])
    low = text.lower()
    if not any(st in low for st in stems):
        return []
    out = []
    for m in _inn_re(stems).finditer(text):
        word = m.group(0).lower()
        out.append(Match(m.start(), m.end(), "DRUG", f"CODE:{word}", word, "inferred:inn_stem",
                         0.6))
    return out


@lru_cache(maxsize=4)
def _ellipsis_re(tissues: tuple[str, ...]) -> re.Pattern:
    t = "|".join(sorted(tissues, key=len, reverse=True))
    conj = r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    return re.compile(
        rf"(?<![A-Za-z0-9\-])(?P<t>{t})(?={conj}(?:(?:{t}){conj})*(?:{t})\s+"
        rf"(?:cancers?|tumou?rs?|carcinomas?|adenocarcinomas?)\b)", re.IGNORECASE)


def tissue_ellipsis_matches(text: str, lex: Lexicon) -> list[Match]:
    """"lung and pancreatic cancer": ``lung`` is a CANCER mention (lung cancer) by ellipsis."""
    tissues = lex.curated.patterns["tissue_cancers"]
    low = text.lower()
    if not (" and " in low or ", " in low) or not any(
            w in low for w in ("cancer", "tumo", "carcinoma")):
        return []
    out = []
    for m in _ellipsis_re(tuple(tissues)).finditer(text):
        c = lex.lookup(tissues[m.group("t").lower()], "CANCER")
        if c is not None:
            out.append(Match(m.start(), m.end(), "CANCER", c[1], c[2], "pattern:ellipsis", 0.8))
    return out


@lru_cache(maxsize=4)
def _tissue_model_re(tissues: tuple[str, ...], nouns: tuple[str, ...],
                     cells_after: tuple[str, ...]) -> re.Pattern:
    t = "|".join(sorted(tissues, key=len, reverse=True))
    n = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(nouns, key=len, reverse=True))
    c = "|".join(sorted(cells_after, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9\-])(?:(?P<t>{t})(?=\s+(?:{n})\b)|(?P<c>{c})(?=\s+cells\b))",
                      re.IGNORECASE)


def tissue_model_matches(text: str, lex: Lexicon) -> list[Match]:
    """"colorectal lines", "pancreatic xenografts": the tissue word is a CANCER mention of the
    model's cancer (settings: ``tissue_models`` in patterns.json)."""
    spec = lex.curated.patterns.get("tissue_models")
    if not spec:
        return []
    tissues = lex.curated.patterns["tissue_cancers"]
    out = []
    pattern = _tissue_model_re(tuple(tissues), tuple(spec["nouns"]), tuple(spec["cells_after"]))
    for m in pattern.finditer(text):
        word = (m.group("t") or m.group("c")).lower()
        c = lex.lookup(tissues[word], "CANCER") if word in tissues else None
        if c is not None:
            out.append(Match(m.start(), m.end(), "CANCER", c[1], c[2], "pattern:tissue_model", 0.75))
    return out


_CELL_BREAK = re.compile(r"[\t\n|]")


def resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep non-overlapping matches: longest first, then source rank, then confidence."""
    kept: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=Match.rank):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        kept.append(m)
        taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: (m.start, m.end))


def find_matches(text: str, lex: Lexicon) -> list[Match]:
    """All rules on one text, overlaps resolved."""
    found = lexicon_matches(text, lex)
    found += variant_matches(text, lex)
    found += code_name_matches(text, lex)
    found += nct_matches(text, lex)
    found += cell_line_pattern_matches(text, lex)
    found += inn_stem_matches(text, lex)
    found += tissue_ellipsis_matches(text, lex)
    found += tissue_model_matches(text, lex)
    # a mention never runs across a table cell or a line of a table ("EGFR<tab>monoclonal antibody")
    found = [m for m in found if not _CELL_BREAK.search(text, m.start, m.end)]
    matches = class_compositions(text, mechanism_compositions(text, resolve_overlaps(found), lex), lex)
    return based_chemotherapy(text, matches, lex)


def based_chemotherapy(text: str, matches: list[Match], lex: Lexicon) -> list[Match]:
    """GUIDELINES rule 16: "irinotecan-based chemotherapy" is one DRUG_CLASS mention,
    CLASS:CHEMOTHERAPY (CLASS:PLATINUM for a platinum agent), not the drug plus a class."""
    spec = lex.curated.patterns["based_chemotherapy"]
    tail = re.compile(spec["after_drug"], re.I)
    out: list[Match] = []
    drop_until = -1
    for m in matches:
        if m.start < drop_until:
            continue  # the class word the composed mention swallowed
        hit = tail.match(text, m.end) if m.label == "DRUG" else None
        if hit is None:
            out.append(m)
            continue
        platinum = m.norm_name.lower().endswith(spec["platinum_stem"]) or \
            text[m.start:m.end].lower().endswith(spec["platinum_stem"])
        cid, name = ("CLASS:PLATINUM", "platinum-based chemotherapy") if platinum else \
            ("CLASS:CHEMOTHERAPY", "chemotherapy")
        out.append(Match(m.start, hit.end(), "DRUG_CLASS", cid, name, "pattern:based_chemotherapy", 0.8))
        drop_until = hit.end()
    # "platinum-pemetrexed chemotherapy", "pemetrexed-platinum doublet": one platinum-based
    # chemotherapy mention, the drug inside included (as rule 16)
    for hit in re.finditer(spec["platinum_pair"], text, re.I):
        inside = [m for m in out if hit.start() <= m.start and m.end <= hit.end()]
        if not any(m.label == "DRUG" for m in inside) or any(
                m.start < hit.start() < m.end or m.start < hit.end() < m.end for m in out):
            continue
        out = sorted([m for m in out if m not in inside] + [Match(
            hit.start(), hit.end(), "DRUG_CLASS", "CLASS:PLATINUM", "platinum-based chemotherapy",
            "pattern:based_chemotherapy", 0.8)], key=lambda m: m.start)
    return out


@lru_cache(maxsize=1)
def _single_target_classes() -> dict[str, tuple[str, str]]:
    """Target id -> (CLASS id, name) of the vocabulary's single-target classes."""
    from pipeline.config import DATA_DIR
    from pipeline.vocab import read_tsv

    out: dict[str, tuple[str, str]] = {}
    for r in read_tsv(DATA_DIR / "vocab" / "drug_classes.tsv"):
        targets = [t for t in (r.get("targets") or "").split(";") if t]
        if len(targets) == 1 and not r["id"].endswith("_MAB"):
            out.setdefault(targets[0], (r["id"], r["name"]))
    return out


@lru_cache(maxsize=4)
def _suffix_re(suffixes: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"(?:[ \u00a0-])+(?:{alts})\b")  # (not across a table cell or line)


def class_compositions(text: str, matches: list[Match], lex: Lexicon) -> list[Match]:
    """A gene the curated classes do not cover, followed by a class word ("AXL
    inhibitors", "BCL2 inhibition"): a DRUG_CLASS named by its target (SPEC:
    ``CLASS:<target symbol>``), the vocabulary's class when one targets that gene alone."""
    suffix = _suffix_re(tuple(lex.curated.patterns["class_suffixes"]))
    out: list[Match] = []
    line_ends = {m.end for m in matches if m.label == "CELL_LINE"}
    for m in matches:
        if m.label == "GENE" and m.end - m.start <= 3 and m.start - 1 in line_ends \
                and text[m.start - 1] == "-":
            continue  # a derived line's suffix ("H358-AR", "PC9-GR"), not a gene
        # (a phospho-readout is no target a class is named by: "half-maximal pERK inhibition")
        readout = re.match(r"p[A-Z]|[Pp]hospho", text[m.start:m.end]) is not None
        hit = suffix.match(text, m.end) if m.label == "GENE" and not readout else None
        if hit is None:
            out.append(m)
            continue
        cid, name = _single_target_classes().get(m.norm_id) or (
            "CLASS:" + re.sub(r"[^A-Z0-9]+", "_", m.norm_name.upper()).strip("_"), f"{m.norm_name} inhibitor")
        out.append(Match(m.start, hit.end(), "DRUG_CLASS", cid, name, "pattern:class", 0.75))
    return out


_COMPOSITION_KEYS = ("process_before", "process_after", "alteration_after", "alteration_before",
                     "resistance_context", "pathway_tail", "variant_allele")


@lru_cache(maxsize=4)
def _compiled_composition(items: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, re.Pattern]:
    return {name: re.compile(r"(?:" + "|".join(alts) + r")", re.I) for name, alts in items}


def _composition_res(lex: Lexicon) -> dict[str, re.Pattern]:
    spec = lex.curated.patterns["mechanism_composition"]
    return _compiled_composition(tuple((name, tuple(spec[name])) for name in _COMPOSITION_KEYS))


def _alteration_span(text: str, start: int, end: int, res: dict[str, re.Pattern]) -> tuple[int, int] | None:
    """The span of a genetic alteration of the mention at [start, end): the alteration word
    after it ("MET amplification", "KRAS G12C allele amplification"), else right before it
    ("amplification of the KRASG12C allele"); None when there is neither."""
    after = res["alteration_after"].match(text, end)
    if after:
        return start, after.end()
    lo = max(0, start - 40)
    before = res["alteration_before"].search(text[lo:start])
    if before and before.end() == start - lo:
        return start - len(before.group(0)), end
    return None


def mechanism_compositions(text: str, matches: list[Match], lex: Lexicon) -> list[Match]:
    """MECHANISM mentions composed from a process word and a named mediator the curated
    phrase list does not hold: "rebound of AXL signaling", "FGFR1-mediated reactivation",
    "acquired RET fusions" (in a sentence about resistance). The code comes from the
    mediator (vocab/mechanism_mediators.tsv) or, for a genetic alteration, from the gene
    (KRAS: secondary alteration; cell-cycle and immune genes keep theirs; else bypass).
    Settings: ``mechanism_composition`` in patterns.json."""
    spec = lex.curated.patterns.get("mechanism_composition")
    if not spec:
        return matches
    res = _composition_res(lex)
    genes = [m for m in matches if m.label == "GENE"]
    kras_variants = [m for m in matches if m.label == "VARIANT" and m.norm_id.startswith("KRAS ")]
    if not genes and not kras_variants:
        return matches
    from pipeline.vocab import mechanism_mediators

    codes = mechanism_mediators()
    keep = set(spec["alteration_keeps_code"])
    resistance = bool(res["resistance_context"].search(text))
    new: list[Match] = []
    for v in kras_variants:  # an amplified mutant allele is an alteration in any sentence
        allele = res["variant_allele"].match(text, v.end)
        if span := _alteration_span(text, v.start, allele.end() if allele else v.end, res):
            new.append(Match(*span, "MECHANISM", "SECONDARY_KRAS_ALTERATION", "SECONDARY_KRAS_ALTERATION",
                             "pattern:mechanism", 0.75))
    for g in genes:
        code = codes.get(g.norm_id, "")
        tail = res["pathway_tail"].match(text, g.end)
        end = tail.end() if tail else g.end
        before = res["process_before"].search(text[max(0, g.start - 60):g.start])
        after = res["process_after"].match(text, end)
        if code and before and before.end() == g.start - max(0, g.start - 60):
            new.append(Match(g.start - len(before.group(0)), end, "MECHANISM", code, code,
                             "pattern:mechanism", 0.8))
            continue
        if code and after:
            new.append(Match(g.start, after.end(), "MECHANISM", code, code, "pattern:mechanism", 0.8))
            continue
        if not resistance:
            continue
        span = _alteration_span(text, g.start, g.end, res)
        if span is None:
            continue
        alt_code = ("SECONDARY_KRAS_ALTERATION" if g.norm_name == "KRAS"
                    else code if code in keep else "BYPASS_ALTERATION")
        new.append(Match(*span, "MECHANISM", alt_code, alt_code, "pattern:mechanism", 0.75))
    if not new:
        return matches
    return resolve_overlaps([*new, *[m for m in matches if not any(
        n.start <= m.start and m.end <= n.end for n in new)]])


# --- spaCy components ---------------------------------------------------------------------


def _declare_extensions() -> None:
    """Every Doc extension the NER stage sets, declared in one place."""
    if not Doc.has_extension("kras_matches"):
        Doc.set_extension("kras_matches", default=None)


@Language.factory("kras_entity_matcher", default_config={"lexicon_path": None})
def make_entity_matcher(nlp: Language, name: str, lexicon_path: str | None) -> EntityMatcher:
    """Sets ``Doc._.kras_matches`` (list[Match]) and ``doc.spans["kras"]``."""
    return EntityMatcher(lexicon_path)


class EntityMatcher:
    def __init__(self, lexicon_path: str | None = None) -> None:
        _declare_extensions()
        self.lex = load_lexicon(Path(lexicon_path)) if lexicon_path else load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate(doc, doc.text)

    def annotate(self, doc: Doc, text: str, spans: bool = True) -> Doc:
        """Set the extensions; ``text`` is ``doc.text`` (passed in when the caller has it:
        rebuilding it from the tokens costs as much as the matching)."""
        matches = find_matches(text, self.lex)
        doc._.kras_matches = matches
        if spans:
            out = []
            for m in matches:
                span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
                if span is not None:
                    span.id_ = m.source
                    out.append(span)
            doc.spans["kras"] = out
        return doc


#: scispacy model label -> our label (entities of other labels are ignored)
MODEL_LABELS = {
    "CHEMICAL": "DRUG", "SIMPLE_CHEMICAL": "DRUG", "GENE_OR_GENE_PRODUCT": "GENE",
    "CANCER": "CANCER", "DISEASE": "CANCER", "CELL_LINE": "CELL_LINE",
}


@Language.factory("kras_model_merge", default_config={"model": ""})
def make_model_merge(nlp: Language, name: str, model: str) -> ModelMerge:
    """Adds a scispacy NER model's entities that ground in the lexicon and overlap nothing."""
    return ModelMerge(model)


class ModelMerge:
    def __init__(self, model: str) -> None:
        _declare_extensions()
        self.model_name = Path(model).name if Path(model).is_dir() else model
        self.model = spacy.load(model, exclude=["parser", "lemmatizer", "tagger"])
        self.lex = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        found = list(doc._.kras_matches or [])
        mdoc = self.model(doc.text)
        for ent in mdoc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label is None or any(ent.start_char < m.end and m.start < ent.end_char
                                    for m in found):
                continue
            c = self.lex.lookup(ent.text, label)
            if c is not None:
                found.append(Match(ent.start_char, ent.end_char, label, c[1], c[2],
                                   f"model:{self.model_name}", min(c[5], 0.6)))
            elif label == "DRUG" and ent.text[:1].isalpha() and len(ent.text) > 3:
                found.append(Match(ent.start_char, ent.end_char, label, f"CODE:{ent.text}",
                                   ent.text.lower(), f"model:{self.model_name}", 0.4))
        doc._.kras_matches = sorted(found, key=lambda m: (m.start, m.end))
        return doc


def configured_model() -> str | None:
    """The scispacy NER model to merge: ``$KRAS_NER_MODEL`` (an installed package name such
    as ``en_ner_bionlp13cg_md``, or a model folder) if set and present; else None."""
    name = os.environ.get(MODEL_ENV, "").strip()
    if name and (spacy.util.is_package(name) or Path(name).is_dir()):
        return name
    if name:
        warnings.warn(f"{MODEL_ENV}={name!r} is not installed: using the lexicon only",
                      stacklevel=2)
    return None


@lru_cache(maxsize=4)
def get_ner_nlp(model: str | None = None) -> Language:
    """scispacy's tokenizer + entity matcher + scispacy's AbbreviationDetector (+ model).

    Loaded once per process per model name. No statistical model is needed by default.
    """
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401 - registers factory

    from pipeline.sentences import get_nlp

    # share the sentence stage's vocab and scispacy tokenizer (building one costs ~0.6 s)
    base = get_nlp()
    nlp = spacy.blank("en", vocab=base.vocab)
    nlp.tokenizer = base.tokenizer
    nlp.add_pipe("kras_entity_matcher")
    if model:
        nlp.add_pipe("kras_model_merge", config={"model": model})
    nlp.add_pipe("abbreviation_detector")
    return nlp


def extract_mentions(doc, sentences, **kwargs):
    """Public entry point, re-exported here for ``run.py``: see
    :func:`pipeline.grounding.extract_mentions` (grounding imports this module)."""
    from pipeline.grounding import extract_mentions as _extract

    return _extract(doc, sentences, **kwargs)
