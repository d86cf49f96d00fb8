"""NER stage: each rule on sentences written for these tests (table-driven)."""

from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.ner import (
    Match,
    code_name_matches,
    find_matches,
    get_ner_nlp,
    inn_stem_matches,
    is_boundary,
    resolve_overlaps,
    variant_matches,
)


@pytest.fixture(scope="session")
def lex():
    lexicon.ensure_built()
    return lexicon.load_lexicon()


def found(text: str, lex) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.label, m.norm_id) for m in find_matches(text, lex)]


# (sentence, expected (span, label, norm_id) that must be among the matches)
CASES = [
    # drugs, code names, INNs
    ("Patients received sotorasib (AMG 510) daily.", ("sotorasib", "DRUG", "DB15569")),
    ("Patients received sotorasib (AMG 510) daily.", ("AMG 510", "DRUG", "DB15569")),
    ("MRTX849 was given twice a day.", ("MRTX849", "DRUG", "DB15568")),
    ("Adagrasib was given twice a day.", ("Adagrasib", "DRUG", "DB15568")),
    ("The compound JNJ-74699157 was stopped early.", ("JNJ-74699157", "DRUG", "CODE:JNJ-74699157")),
    ("The SOS1 degrader BI 1701963 was combined.", ("BI 1701963", "DRUG", "CODE:BI-1701963")),
    ("TNO155 blocks SHP2.", ("TNO155", "DRUG", "CODE:TNO155")),
    ("ARS-1620-treated cells stopped dividing.", ("ARS-1620", "DRUG", "CHEBI:193597")),
    ("We added XYZ-12345 at 1 uM.", ("XYZ-12345", "DRUG", "CODE:XYZ-12345")),
    ("Cells were exposed to zoldarasib for a week.", ("zoldarasib", "DRUG", "CODE:zoldarasib")),
    # drug classes: the longest span wins
    ("An EGFR inhibitor was added.", ("EGFR inhibitor", "DRUG_CLASS", "CLASS:EGFR")),
    ("KRASG12C inhibitors shrink tumours.", ("KRASG12C inhibitors", "DRUG_CLASS", "CLASS:KRAS_G12C")),
    ("KRAS G12C inhibitors shrink tumours.", ("KRAS G12C inhibitors", "DRUG_CLASS", "CLASS:KRAS_G12C")),
    ("Resistance to KRASG12C inhibition emerged.", ("KRASG12C inhibition", "DRUG_CLASS", "CLASS:KRAS_G12C")),
    ("A SHP2 inhibitor restored control.", ("SHP2 inhibitor", "DRUG_CLASS", "CLASS:PTPN11")),
    ("EGFR mAbs were added.", ("EGFR mAbs", "DRUG_CLASS", "CLASS:EGFR_MAB")),
    ("CDK4/6 inhibitors were added.", ("CDK4/6 inhibitors", "DRUG_CLASS", "CLASS:CDK4_6")),
    ("Most had received chemotherapy before.", ("chemotherapy", "DRUG_CLASS", "CLASS:CHEMOTHERAPY")),
    ("They had progressed on anti-PD-1 therapy.", ("anti-PD-1 therapy", "DRUG_CLASS", "CLASS:PD1")),
    # variants in their spellings
    ("Tumours with KRASG12C responded.", ("KRASG12C", "VARIANT", "KRAS p.G12C")),
    ("Tumours with KRAS G12C responded.", ("KRAS G12C", "VARIANT", "KRAS p.G12C")),
    ("Tumours with KRAS(G12C) responded.", ("KRAS(G12C)", "VARIANT", "KRAS p.G12C")),
    ("Tumours with KRAS p.G12C responded.", ("KRAS p.G12C", "VARIANT", "KRAS p.G12C")),
    ("The p.Gly12Cys allele was common.", ("p.Gly12Cys", "VARIANT", "? p.G12C")),
    ("A Y96D mutation appeared.", ("Y96D", "VARIANT", "? p.Y96D")),
    ("Changes at H95D/Q/R were seen.", ("H95D/Q/R", "VARIANT", "? p.H95D/Q/R")),
    ("Mutations at codon 12 dominate.", ("codon 12", "VARIANT", "? p.?12")),
    ("Hotspots sit at codons: 12, 13, and 61.", ("61", "VARIANT", "? p.?61")),
    ("KRASG12C-mutated tumours responded.", ("KRASG12C", "VARIANT", "KRAS p.G12C")),
    # genes: disambiguation and phospho-forms
    ("Levels of pERK fell.", ("pERK", "GENE", "FPLX:ERK")),
    ("Levels of p-ERK fell.", ("p-ERK", "GENE", "FPLX:ERK")),
    ("Levels of pMEK fell.", ("pMEK", "GENE", "FPLX:MEK")),
    ("Levels of pS6 fell.", ("pS6", "GENE", "HGNC:10429")),
    ("Quiescent cells expressed p27.", ("p27", "GENE", "HGNC:1785")),
    ("Loss of SHP2 blunted the rebound.", ("SHP2", "GENE", "HGNC:9644")),
    ("HER2 was amplified.", ("HER2", "GENE", "HGNC:3430")),
    ("MET was amplified.", ("MET", "GENE", "HGNC:7029")),
    ("The KRAS-GTP pool grew.", ("KRAS", "GENE", "HGNC:6407")),
    ("Signalling through RAF-MEK-ERK recovered.", ("MEK", "GENE", "FPLX:MEK")),
    ("Signalling through MAPK/ERK recovered.", ("ERK", "GENE", "FPLX:ERK")),
    # cell lines and trials
    ("CT26 tumours grew in mice.", ("CT26", "CELL_LINE", "CVCL_7256")),
    ("H358 cells were sensitive.", ("H358", "CELL_LINE", "CVCL_1559")),
    ("MIA PaCa-2 cells were sensitive.", ("MIA PaCa-2", "CELL_LINE", "CVCL_0428")),
    ("H1975 cells were used.", ("H1975", "CELL_LINE", "CELL:NCI-H1975")),
    ("The CodeBreaK 100 trial enrolled patients.", ("CodeBreaK 100", "TRIAL", "NCT03600883")),
    ("Enrolment in NCT01234567 closed.", ("NCT01234567", "TRIAL", "NCT01234567")),
    # cancers and mechanisms
    ("Patients with NSCLC responded.", ("NSCLC", "CANCER", "DOID:3908")),
    ("In lung and pancreatic cancer lines it worked.", ("lung", "CANCER", "DOID:1324")),
    ("In lung and pancreatic cancer lines it worked.", ("pancreatic cancer", "CANCER", "DOID:1793")),
    ("Resistance involved MAPK reactivation.", ("MAPK reactivation", "MECHANISM", "MAPK_REACTIVATION")),
    ("Cells underwent epithelial-to-mesenchymal transition.",
     ("epithelial-to-mesenchymal transition", "MECHANISM", "EMT")),
    ("It caused increased PI3K/AKT signaling.",
     ("increased PI3K/AKT signaling", "MECHANISM", "PI3K_MTOR")),
    # a numbered range of a family's members names the family
    ("Pan-FGFR inhibitors block FGFR1-3 signalling.", ("FGFR1-3", "GENE", "FPLX:FGFR")),
    ("Capivasertib inhibits AKT1/2/3.", ("AKT1/2/3", "GENE", "FPLX:AKT")),
    # run-together table cells
    ("KRASG12C inhibitorSotorasib (AMG 510)", ("Sotorasib", "DRUG", "DB15569")),
    ("KRASG12C inhibitorSotorasib (AMG 510)",
     ("KRASG12C inhibitor", "DRUG_CLASS", "CLASS:KRAS_G12C")),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[f"{c[1][0]}|{c[0][:25]}" for c in CASES])
def test_rule(lex, text, want):
    assert want in found(text, lex)


# (sentence, (surface, label) that must NOT be found)
NEGATIVE = [
    ("The trial met its primary endpoint.", ("met", "GENE")),
    ("The DCR was 80%.", ("DCR", "GENE")),
    ("The ORR was 30%.", ("ORR", "GENE")),
    ("The HR was 0.66.", ("HR", "GENE")),
    ("An EGFR inhibitor was added.", ("EGFR", "GENE")),
    ("KRASG12C inhibitors shrink tumours.", ("KRASG12C", "VARIANT")),
    ("Signalling through AKT1 rose.", ("AKT", "GENE")),
    ("It binds GTP tightly.", ("GTP", "GENE")),
    ("The E2F targets were induced.", ("E2F", "VARIANT")),
    ("We presented it at ASCO 2021 in June.", ("ASCO 2021", "DRUG")),
    ("Cells of SW1573 were used.", ("SW1573", "DRUG")),
]


@pytest.mark.parametrize(("text", "unwanted"), NEGATIVE, ids=[c[1][0] for c in NEGATIVE])
def test_not_found(lex, text, unwanted):
    assert unwanted not in [(s, lab) for s, lab, _ in found(text, lex)]


def test_inferred_sources_are_marked(lex):
    text = "Cells were exposed to zoldarasib and to QRS-4521."
    by = {text[m.start:m.end]: m for m in find_matches(text, lex)}
    assert by["zoldarasib"].source == "inferred:inn_stem"
    assert by["QRS-4521"].source == "pattern:code_name"
    assert all(m.confidence < 0.8 for m in by.values())


def test_variant_change_only_when_no_gene(lex):
    m = variant_matches("NRAS Q61K was found.", lex)
    assert [(x.norm_id, x.start) for x in m] == [("NRAS p.Q61K", 0)]


def test_code_names_skip_years_and_genes(lex):
    assert code_name_matches("At AACR 2020 and in CD274 data.", lex) == []
    assert inn_stem_matches("The stimulus was brief.", lex) == []


def test_boundaries():
    assert is_boundary("inhibitorSotorasib", 9)
    assert not is_boundary("AKT1", 3)
    assert is_boundary("KRAS-GTP", 4)


def test_resolve_overlaps_longest_wins():
    a = Match(0, 4, "GENE", "HGNC:3236", "EGFR", "lexicon:hgnc", 0.9)
    b = Match(0, 14, "DRUG_CLASS", "CLASS:EGFR", "EGFR inhibitor", "lexicon:curated", 0.95)
    c = Match(20, 24, "GENE", "HGNC:6407", "KRAS", "lexicon:hgnc", 0.9)
    assert resolve_overlaps([a, c, b]) == [b, c]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_spacy_component_sets_extensions(lex):
    nlp = get_ner_nlp(None)
    doc = nlp("Sotorasib and an EGFR inhibitor gave an overall response rate (ORR) of 30%.")
    labels = [(doc.text[m.start:m.end], m.label) for m in doc._.kras_matches]
    assert ("EGFR inhibitor", "DRUG_CLASS") in labels
    assert {s.id_ for s in doc.spans["kras"]} >= {"lexicon:curated", "lexicon:drugbank"}
    pairs = [(a.text, a._.long_form.text) for a in doc._.abbreviations]
    assert pairs == [("ORR", "overall response rate")]


@pytest.mark.parametrize("text, want", [
    ("Rebound of AXL signaling mediated resistance to sotorasib.",
     ("Rebound of AXL signaling", "MECHANISM", "RTK_FEEDBACK")),
    ("Acquired RET fusions emerged at progression on adagrasib.",
     ("RET fusions", "MECHANISM", "BYPASS_ALTERATION")),
    ("Amplification of MET was found in resistant tumours.",
     ("Amplification of MET", "MECHANISM", "BYPASS_ALTERATION")),
    ("Loss of CDKN2A emerged in resistant tumours.", ("Loss of CDKN2A", "MECHANISM", "CELL_CYCLE")),
    # the process stated after the pathway
    ("In these tumours PI3K signalling remained active.",
     ("PI3K signalling remained active", "MECHANISM", "PI3K_MTOR")),
    ("In the resistant clones MAPK signalling was restored.",
     ("MAPK signalling was restored", "MECHANISM", "MAPK_REACTIVATION")),
])
def test_mechanisms_composed_from_process_and_mediator(lex, text, want):
    assert want in found(text, lex)


@pytest.mark.parametrize("text, unwanted", [
    ("Patients with FGFR2 amplification were enrolled.", "MECHANISM"),  # no resistance context
    ("RNA sequencing of MAPK feedback pathways was done.", "MECHANISM"),  # a pathway, not a process
    ("FGFR1-mediated signalling was studied.", "MECHANISM"),
    ("ERK signalling remained suppressed throughout.", "MECHANISM"),
])
def test_no_composed_mechanism_without_process_or_context(lex, text, unwanted):
    assert unwanted not in {label for _, label, _ in found(text, lex)}


def test_class_named_by_an_uncovered_target(lex):
    got = found("Pretreatment with AXL inhibitors restored sensitivity.", lex)
    assert ("AXL inhibitors", "DRUG_CLASS", "CLASS:AXL") in got
    # a target the vocabulary has a class for keeps that class's id
    assert ("IGF1R blockade", "DRUG_CLASS", "CLASS:IGF1R") in found("IGF1R blockade was tested.", lex)


def test_phase_3_kras_g12c_trials_are_trials(lex):
    got = found("In CodeBreaK 300, sotorasib plus panitumumab improved PFS; KRYSTAL-10 tests adagrasib "
                "plus cetuximab.", lex)
    assert ("CodeBreaK 300", "TRIAL", "NCT05198934") in got and ("KRYSTAL-10", "TRIAL", "NCT04793958") in got
    # (a trial name that opens with a gene symbol is the trial, not the gene)
    got = found("In CAPItello-291, capivasertib plus fulvestrant improved PFS.", lex)
    assert ("CAPItello-291", "TRIAL", "NCT04305496") in got and not [g for g in got if g[1] == "GENE"]


def test_a_phospho_readout_names_no_class(lex):
    got = found("Adagrasib gave half-maximal pERK inhibition at 5 nM.", lex)
    assert ("pERK", "GENE", "FPLX:ERK") in got and not [g for g in got if g[1] == "DRUG_CLASS"]


def test_derived_cell_line_suffix_is_not_a_gene(lex):
    got = found("H358-AR cells showed elevated EGFR phosphorylation.", lex)
    assert not [g for g in got if g[0] == "AR"] and ("EGFR", "GENE", "HGNC:3236") in got


def test_bare_variant_beyond_kras_length_takes_the_class_gene(tmp_path):
    from pipeline.ingest import InputFile
    from pipeline.process import process_document

    path = tmp_path / "p.txt"
    path.write_text("Lorlatinib, a third-generation ALK inhibitor, retains activity against G1202R.",
                    encoding="utf-8")
    ents = process_document(InputFile(path, "p")).entities
    assert [e["norm_id"] for e in ents if e["label"] == "VARIANT"] == ["ALK p.G1202R"], ents


def test_a_bare_change_beyond_krass_length_with_no_gene_is_not_grounded_to_kras(tmp_path):
    from pipeline.ingest import InputFile
    from pipeline.process import process_document

    path = tmp_path / "p.txt"
    path.write_text("MCF7 cells engineered to express Y537S were cross-resistant to fulvestrant. "
                    "Other clones acquired Y96D.", encoding="utf-8")
    ents = process_document(InputFile(path, "p")).entities
    assert [e["norm_id"] for e in ents if e["label"] == "VARIANT"] == ["KRAS p.Y96D"], ents


def test_tissue_adjective_of_a_model_is_its_cancer(tmp_path):
    from pipeline.ingest import InputFile
    from pipeline.process import process_document

    path = tmp_path / "p.txt"
    path.write_text("Cetuximab abrogated the rebound in both colorectal lines and in pancreatic xenografts. "
                    "Lung fibroblasts were spared.", encoding="utf-8")
    ents = process_document(InputFile(path, "p")).entities
    assert [(e["text"], e["norm_id"]) for e in ents if e["label"] == "CANCER"] == [
        ("colorectal", "DOID:9256"), ("pancreatic", "DOID:1793")], ents


@pytest.mark.parametrize("text, want", [
    ("Adagrasib shrank colorectal tumours in mice.", ("colorectal tumours", "DOID:9256")),
    ("Pancreatic tumors regrew within weeks.", ("Pancreatic tumors", "DOID:1793")),
    ("Sotorasib was less active against gastric tumours.", ("gastric tumours", "DOID:10534")),
    ("One colon tumour carried a BRAF fusion.", ("colon tumour", "DOID:219")),
])
def test_a_tissue_word_and_tumour_name_the_tissues_cancer(lex, text, want):
    # GUIDELINES 2: tissue word + tumor = a specific cancer ("lung tumor" -> lung cancer)
    assert (want[0], "CANCER", want[1]) in found(text, lex)


@pytest.mark.parametrize("text, want", [
    ("PROpel enrolled men with metastatic castration-resistant prostate cancer.",
     ("metastatic castration-resistant prostate cancer", "DOID:0080909")),
    ("Olaparib is approved in mCRPC.", ("mCRPC", "DOID:0080909")),
    ("KEYNOTE-407 enrolled patients with squamous NSCLC.", ("squamous NSCLC", "DOID:3907")),
])
def test_named_subtypes_ground_to_their_own_doid_term(lex, text, want):
    assert (want[0], "CANCER", want[1]) in found(text, lex)


@pytest.mark.parametrize("surface", ["non-squamous NSCLC", "nonsquamous NSCLC",
                                     "non-squamous non-small cell lung cancer"])
def test_non_squamous_nsclc_is_coded_nsclc(lex, surface):
    # curators code the non-squamous subset as NSCLC, spelt either way (cancers lexicon 5)
    assert (surface, "CANCER", "DOID:3908") in found(f"SCARLET enrolled patients with {surface}.", lex)


def test_reference_number_glued_to_an_abbreviation(lex):
    # scraped pages glue superscript citations to the word before: "in first-line NSCLC109."
    got = found("Both doublets are being tested in first-line NSCLC109. PDAC12 models relapsed.", lex)
    assert ("NSCLC", "CANCER", "DOID:3908") in got and ("PDAC", "CANCER", "DOID:3498") in got, got
    assert not [g for g in got if g[2].startswith("CODE:")], got
    # a known token with digits stays whole; a code name is no glued citation
    assert ("ERBB2", "GENE", "HGNC:3430") in found("ERBB2 was amplified.", lex)
    assert ("AMG510", "DRUG", "DB15569") in found("AMG510 was given.", lex)


def test_cells_of_a_flattened_table_run_together(lex):
    # a scraped table printed without cell separators: "Adagrasib + pembrolizumabNSCLCPhase 3"
    got = found("Adagrasib + pembrolizumabNSCLCPhase 3NCT04613596", lex)
    assert ("pembrolizumab", "DRUG", "DB09037") in got and ("NSCLC", "CANCER", "DOID:3908") in got, got
    assert ("BRAF", "GENE", "HGNC:1097") in found("BRAF was mutated.", lex)


def test_number_cells_run_into_the_next_cell(lex):
    # "Sotorasib + panitumumabCodeBreaK 300CRC26.45.6Adagrasib + cetuximab": a trial number, a
    # cancer abbreviation, figures and the next row's drug run together
    got = found("Sotorasib + panitumumabCodeBreaK 300CRC26.45.6Adagrasib + cetuximabKRYSTAL-1CRC466.9", lex)
    assert ("CRC", "CANCER", "DOID:9256") in got and ("Adagrasib", "DRUG", "DB15568") in got, got
    assert ("KRYSTAL-1", "TRIAL", "NCT03785249") in got, got
    # a one-digit prefix of a symbol stays glued ("4EBP1" names no EBP1)
    assert not [g for g in found("Levels of 4EBP1 fell.", lex) if g[0] == "EBP1"]


@pytest.mark.parametrize("text, want", [
    # (the gene of a bare residue is filled in at grounding, from the reference residues)
    ("H95 substitutions emerged under adagrasib.", ("H95", "VARIANT", "? p.H95")),
    ("NRAS Q61 mutations were found at progression.", ("NRAS Q61", "VARIANT", "NRAS p.Q61")),
])
def test_a_residue_before_a_mutation_noun_is_a_variant(lex, text, want):
    assert want in found(text, lex)


@pytest.mark.parametrize("text", ["H1975 mutations are common.", "Q62 mutations were rare.",
                                  "NRAS H95 mutations were seen."])
def test_a_residue_the_gene_does_not_have_there_is_no_variant(lex, text):
    assert not [f for f in found(text, lex) if f[1] == "VARIANT"], found(text, lex)


@pytest.mark.parametrize("text, want", [
    ("Patients received cetuximab plus irinotecan-based chemotherapy.",
     ("irinotecan-based chemotherapy", "DRUG_CLASS", "CLASS:CHEMOTHERAPY")),
    ("Oxaliplatin-based chemotherapy was the control.",
     ("Oxaliplatin-based chemotherapy", "DRUG_CLASS", "CLASS:PLATINUM")),
    ("The control arm was cetuximab plus irinotecan-containing chemotherapy.",
     ("irinotecan-containing chemotherapy", "DRUG_CLASS", "CLASS:CHEMOTHERAPY")),
])
def test_drug_based_chemotherapy_is_one_class_mention(lex, text, want):
    # GUIDELINES rule 16: the drug inside is no mention of its own
    got = found(text, lex)
    assert want in got and not [g for g in got if g[1] == "DRUG" and g[0].lower() in want[0].lower()], got


def test_no_mention_runs_across_a_table_cell():
    from pipeline.lexicon import load_lexicon
    from pipeline.ner import find_matches
    text = "Cetuximab\tEGFR\tmonoclonal antibody against EGFR"
    found = [(text[m.start:m.end], m.label) for m in find_matches(text, load_lexicon())]
    assert ("EGFR", "GENE") in found and not any("\t" in t for t, _ in found), found



@pytest.mark.parametrize("text, gene", [
    ("ARID1A loss was associated with shorter PFS on sotorasib.", ("ARID1A", "GENE", "HGNC:11110")),
])
def test_a_gene_symbol_shaped_like_a_glued_gene_and_change_is_the_gene(lex, text, gene):
    got = found(text, lex)
    assert gene in got and not [f for f in got if f[1] == "VARIANT"], got


def test_a_glued_gene_and_change_that_is_no_symbol_stays_a_variant(lex):
    assert ("KRASG12C", "VARIANT", "KRAS p.G12C") in found("KRASG12C tumours regressed.", lex)
