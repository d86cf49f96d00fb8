"""Grounding stage: abbreviations, the mis-grounding list (every row), variant genes,
generic-word rules, the public ``extract_mentions`` API, and the seed review."""

from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.grounding import extract_mentions, long_form_start, targets_of
from pipeline.lexicon import load_curated
from pipeline.models import IngestedDocument, Section
from pipeline.sentences import split_sentences
from pipeline.vocab import check_id, check_name

MISGROUNDINGS = load_curated().files["misgroundings.json"]
SOURCES = ("lexicon:", "pattern:", "inferred:", "abbreviation", "model:")


@pytest.fixture(scope="session", autouse=True)
def lex():
    lexicon.ensure_built()
    return lexicon.load_lexicon()


def make_doc(text: str) -> IngestedDocument:
    return IngestedDocument(doc_id="t", source_path="t.txt", sha256="0", format="text", text=text,
                            offset_map=None, sections=(Section(0, "", "body", 0, len(text)),))


def mentions(text: str):
    doc = make_doc(text)
    return extract_mentions(doc, split_sentences(doc))


def spans(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.label, m.norm_id) for m in mentions(text)]


@pytest.mark.parametrize("row", MISGROUNDINGS, ids=[r["text"] for r in MISGROUNDINGS])
def test_every_misgrounding_row(row):
    found = mentions(row["example"])
    wrong = [m for m in found if m.text == row["text"] and m.label == row["label"]
             and (row["wrong_id"] == "*" or m.norm_id == row["wrong_id"])]
    assert wrong == []
    if "expect_label" in row:
        assert (row["text"], row["expect_label"], row["expect_id"]) in [
            (m.text, m.label, m.norm_id) for m in found]


def test_short_form_takes_long_form_id_everywhere():
    text = ("Cells were treated with trametinib (TMB) for two days. "
            "After TMB withdrawal the cells recovered.")
    got = [(m.text, m.label, m.norm_id, m.source) for m in mentions(text)]
    assert ("TMB", "DRUG", "DB08911", "abbreviation") in got
    assert sum(1 for g in got if g[0] == "TMB") == 2


def test_long_form_takes_short_form_id():
    text = "Signalling rose through the insulin growth factor receptor (IGF1R) in these cells."
    assert ("insulin growth factor receptor", "GENE", "HGNC:5465") in spans(text)


def test_abbreviation_of_a_non_entity_removes_the_gene_reading():
    text = ("The disease control rate (DCR) was high. A DCR of 80% was reported. "
            "Progression-free survival (PFS) was short.")
    assert [s for s in spans(text) if s[1] == "GENE"] == []


def test_glossary_footnote_defines_table_abbreviations():
    text = ("Drug\tNSCLC\tCRC\tAC\nSotorasib\t32\t7\t14\n\n"
            "Abbreviations: AC, adenocarcinoma; CRC, colorectal cancer; DCR, disease control rate.")
    got = spans(text)
    assert ("AC", "CANCER", "DOID:299") in got
    assert ("CRC", "CANCER", "DOID:9256") in got


@pytest.mark.parametrize(("text", "want"), [
    ("A Y96D mutation emerged on treatment.", "KRAS p.Y96D"),
    ("A V600E mutation emerged on treatment.", "BRAF p.V600E"),
    ("The T790M allele emerged on treatment.", "EGFR p.T790M"),
    ("Mutations at codon 12 dominate in KRAS.", "KRAS p.G12"),
    ("In NRAS, the Q61K change emerged.", "NRAS p.Q61K"),
    ("MAP2K1 mutations such as K57N emerged.", "MAP2K1 p.K57N"),
])
def test_bare_changes_get_their_gene(text, want):
    assert want in [m.norm_id for m in mentions(text) if m.label == "VARIANT"]


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("It is a leading cause of cancer-related death.", "cancer", False),
    ("Each cancer cell line was profiled.", "cancer", False),
    ("Outcomes in these cancers were poor.", "cancers", False),
    ("KRAS is mutated in human cancer.", "cancer", True),
    ("KRAS is mutated in human cancer", "cancer", True),
    ("Many cancer patients were enrolled.", "cancer", False),
    ("Responses were seen across tumor types.", "tumor types", True),
])
def test_generic_cancer_words(text, surface, expected):
    assert ((surface, "CANCER") in [(m.text, m.label) for m in mentions(text)]) is expected


@pytest.mark.parametrize(("text", "want"), [
    ("MET amplification emerged at progression on sotorasib.",
     ("MET amplification", "MECHANISM", "BYPASS_ALTERATION")),
    ("MET amplification occurs in 3% of untreated tumours.", ("MET", "GENE", "HGNC:7029")),
])
def test_alteration_mechanisms_need_a_resistance_context(text, want):
    assert want in spans(text)


@pytest.mark.parametrize(("text", "want"), [
    ("PD-1/PD-L1 inhibitors are approved.", ("PD-1", "DRUG_CLASS", "CLASS:PD1")),
    ("MEK and SHP2 inhibitors were combined.", ("MEK", "DRUG_CLASS", "CLASS:MEK")),
    ("MEK, ERK, and SHP2 inhibitors were combined.", ("ERK", "DRUG_CLASS", "CLASS:ERK")),
])
def test_class_ellipsis(text, want):
    assert want in spans(text)


def test_cell_type_markers_are_not_genes():
    assert [s for s in spans("Infiltration by CD8+ T cells rose.") if s[1] == "GENE"] == []


def test_dose_schedule_is_not_a_gene():
    assert [s for s in spans("Patients received 600 mg BID for 21 days.") if s[1] == "GENE"] == []


def test_multi_target_genes():
    m = [x for x in mentions("CDK4/6 activity drives G1 exit.") if x.text == "CDK4/6"]
    assert len(m) == 1 and m[0].norm_id == "HGNC:1773"
    assert targets_of(m[0]) == (("HGNC:1773", "CDK4"), ("HGNC:1777", "CDK6"))


def test_long_form_start():
    before = "signalling via the insulin growth factor receptor"
    assert before[long_form_start("IGF1R", before):] == "insulin growth factor receptor"
    assert long_form_start("XQZ", "no match here") is None


def test_mentions_are_well_formed():
    text = ("Sotorasib (AMG 510) and adagrasib inhibit KRAS G12C in NSCLC.\n\n"
            "Feedback activation of EGFR limits their effect in colorectal cancer cells.")
    doc = make_doc(text)
    sents = split_sentences(doc)
    found = extract_mentions(doc, sents)
    assert [m.mention_id for m in found] == [f"M{i}" for i in range(1, len(found) + 1)]
    for m in found:
        assert doc.text[m.start:m.end] == m.text
        s = sents[m.sentence_index]
        assert s.start <= m.start and m.end <= s.end
        assert 0 < m.confidence <= 1 and m.source.startswith(SOURCES)
        assert check_id(m.label, m.norm_id) is None
    assert {(m.text, m.norm_id) for m in found} >= {
        ("Sotorasib", "DB15569"), ("AMG 510", "DB15569"), ("KRAS G12C", "KRAS p.G12C"),
        ("Feedback activation of EGFR", "RTK_FEEDBACK"), ("colorectal cancer", "DOID:9256")}


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_statistical_model_entities_are_merged(tmp_path, monkeypatch):
    import spacy

    fake = spacy.blank("en")  # stands in for a scispacy NER model (none is installed)
    fake.add_pipe("entity_ruler").add_patterns([
        {"label": "CHEMICAL", "pattern": "Xylotox"},
        {"label": "GENE_OR_GENE_PRODUCT", "pattern": "KRAS"},
    ])
    fake.to_disk(tmp_path / "fake_ner")
    monkeypatch.setenv("KRAS_NER_MODEL", str(tmp_path / "fake_ner"))
    got = {m.text: (m.label, m.norm_id, m.source) for m in mentions("Xylotox blocks KRAS.")}
    assert got["Xylotox"] == ("DRUG", "CODE:Xylotox", "model:fake_ner")
    assert got["KRAS"] == ("GENE", "HGNC:6407", "lexicon:hgnc")  # the lexicon's span wins


def test_default_needs_no_model(monkeypatch):
    monkeypatch.delenv("KRAS_NER_MODEL", raising=False)
    from pipeline.ner import configured_model

    assert configured_model() is None


def test_disclosures_are_not_annotated():
    text = "Sotorasib works.\n\nDisclosures\n\nThe author is paid by the maker of sotorasib."
    doc = IngestedDocument(doc_id="t", source_path="t.txt", sha256="0", format="text", text=text,
                           offset_map=None, sections=(Section(0, "", "body", 0, 16),
                                                      Section(1, "Disclosures", "disclosures", 18,
                                                              len(text))))
    assert [m.text for m in extract_mentions(doc, split_sentences(doc))] == ["Sotorasib"]


def test_empty_document():
    assert mentions("") == []


# --- the seed review (read from ../shared/corpus; skipped when absent) -------------------


@pytest.fixture(scope="session")
def seed_mentions(seed_doc, seed_sentences):
    return extract_mentions(seed_doc, seed_sentences)


def test_seed_code_name_and_inn_share_an_id(seed_mentions):
    ids = {m.text: m.norm_id for m in seed_mentions if m.label == "DRUG"}
    assert ids["sotorasib"] == ids["AMG 510"] == "DB15569"
    assert ids["adagrasib"] == ids["MRTX849"] == "DB15568"


def test_seed_disambiguation(seed_mentions):
    by_text: dict[str, set[str]] = {}
    for m in seed_mentions:
        by_text.setdefault(m.text, set()).add(m.label)
    assert by_text.get("CT26", {"CELL_LINE"}) == {"CELL_LINE"}
    for word in ("DCR", "ORR", "HR", "NR", "GTP", "GDP"):
        assert "GENE" not in by_text.get(word, set()), word
    assert by_text["KRASG12C inhibitors"] == {"DRUG_CLASS"}
    assert "VARIANT" in by_text["KRASG12C"]
    assert by_text["pERK"] == {"GENE"}


def test_seed_ids_and_names_are_valid(seed_mentions):
    problems = {(m.label, m.text, check_id(m.label, m.norm_id)
                 or check_name(m.label, m.norm_id, m.norm_name)) for m in seed_mentions}
    assert {p for p in problems if p[2]} == set()
    assert len(seed_mentions) > 400


def test_drug_name_and_code_name_in_parentheses_are_one_compound():
    text = ("Pictilisib (QZ-0941) was given to mice. Later, QZ-0941 was combined with sotorasib, "
            "and ZX-1234 (alpelisib) with adagrasib.")
    got = {(m.text, m.norm_id) for m in mentions(text) if m.label == "DRUG"}
    assert {("QZ-0941", "DB11663"), ("Pictilisib", "DB11663"), ("ZX-1234", "DB12015")} <= got, got


def test_a_long_run_of_name_code_pairs_is_grounded_and_related_quickly():
    # one sentence listing many "INN (code)" pairs: grounding unifies them, and the relation
    # stage's agent-list patterns must not backtrack exponentially on the long list (this
    # sentence took minutes before the separators of one list item stopped overlapping)
    from pipeline.relations import extract_relations

    doc = make_doc(
        "Glecirasib (JAB-21822), JDQ443 (opnurasib), garsorasib (D-1553), elironrasib (RMC-6291), "
        "daraxonrasib (RMC-6236), pictilisib (GDC-0941), adagrasib (MRTX849), sotorasib (AMG 510), "
        "divarasib (GDC-6036), olomorasib (LY3537982), avutometinib (VS-6766), BI 1701963, BI-3406, "
        "ifebemtinib (IN10018), fulzerasib (GFH925), zoldonrasib (RMC-9805), calderasib (MK-1084), "
        "JAB-3312 (sitneprotafib), RMC-4630, TNO155 (batoprotafib), SHP099, VT-3989, GNE-7883, "
        "MRTX1133, ulixertinib (BVD-523), LY3214996 (temuterkib), BBP-398, ERAS-007, ERAS-601.")
    sents = split_sentences(doc)
    found = extract_mentions(doc, sents)
    assert {m.norm_id for m in found if m.text in ("Glecirasib", "JAB-21822")} == {"DB18744"}
    assert isinstance(extract_relations(doc, sents, found), list)
