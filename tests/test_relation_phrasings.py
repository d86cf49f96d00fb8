"""Relation rules through the whole pipeline (real NER and grounding) on sentences the
team wrote in the ways papers of the field phrase combinations, resistance and
inhibition."""

from __future__ import annotations

import pytest

from pipeline.ingest import InputFile
from pipeline.process import process_document


@pytest.fixture()
def extract(tmp_path):
    def run(text: str) -> list[dict]:
        path = tmp_path / "p.txt"
        path.write_text(text, encoding="utf-8")
        res = process_document(InputFile(path, "p"))
        assert res.row["status"] == "ok", res.row
        return res.relations
    return run


def keyset(rows, *fields):
    return {tuple(r[f] for f in fields) for r in rows}


@pytest.mark.parametrize("text, drug, partner", [
    ("Combined treatment with sotorasib and trametinib induced regression of xenografts in mice.",
     "sotorasib", "trametinib"),
    ("Dual blockade of KRAS G12C and EGFR with sotorasib and panitumumab produced responses in "
     "patients with colorectal cancer.", "sotorasib", "panitumumab"),
    ("EGFR signaling limits the activity of adagrasib in colorectal cancer, which was improved by "
     "adding cetuximab.", "adagrasib", "cetuximab"),
    ("In KRYSTAL-1, adagrasib was given in combination with cetuximab to patients with CRC.",
     "adagrasib", "cetuximab"),
])
def test_combination_phrasings(extract, text, drug, partner):
    rows = [r for r in extract(text) if r["relation"] in ("combination", "overcomes")]
    assert (drug, partner) in keyset(rows, "drug", "partner"), rows


def test_based_combinations_distribute_over_partners(extract):
    rows = extract("Adagrasib-based combinations with afatinib, cetuximab or palbociclib are being tested.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "adagrasib", "afatinib"), ("combination", "adagrasib", "cetuximab"),
        ("combination", "adagrasib", "palbociclib")}


def test_respectively_is_not_a_combination(extract):
    rows = extract("Treatment with sotorasib and adagrasib gave response rates of 37% and 43%, respectively.")
    assert not [r for r in rows if r["relation"] == "combination"], rows


def test_added_partner_needs_a_host_agent(extract):
    rows = extract("Resistance was reduced in combination with trametinib.")
    assert not rows


def test_secondary_kras_mutation_is_a_mediator_for_each_listed_drug(extract):
    rows = extract("Acquired KRAS Y96D mutations confer resistance to both sotorasib and adagrasib.")
    assert keyset(rows, "relation", "drug", "target", "mechanism", "variant") == {
        ("resistance", "sotorasib", "KRAS", "SECONDARY_KRAS_ALTERATION", "KRAS p.Y96D"),
        ("resistance", "adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION", "KRAS p.Y96D")}


def test_bypass_mutations_at_progression(extract):
    rows = extract("NRAS Q61K and BRAF V600E mutations emerged at progression on sotorasib.")
    assert keyset(rows, "drug", "target", "mechanism") == {
        ("sotorasib", "NRAS", "BYPASS_ALTERATION"), ("sotorasib", "BRAF", "BYPASS_ALTERATION")}


def test_drug_target_variant_is_not_a_mediator(extract):
    rows = extract("Resistance to sotorasib developed in KRAS G12C-mutant NSCLC despite KRAS G12C "
                   "inhibition.")
    assert not any(r["relation"] == "resistance" and r["target"] == "KRAS" for r in rows), rows


def test_inhibits_with_trapping_verb(extract):
    rows = extract("Sotorasib and adagrasib are covalent inhibitors that lock KRAS G12C in its inactive "
                   "state.")
    assert keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "variant") == {
        ("sotorasib", "KRAS", "KRAS p.G12C"), ("adagrasib", "KRAS", "KRAS p.G12C")}


@pytest.mark.parametrize("text, relation, drug, partner", [
    ("CDK4/6 inhibition with palbociclib overcame resistance to adagrasib driven by CDKN2A loss in "
     "xenograft models.", "overcomes", "adagrasib", "palbociclib"),
    ("Adagrasib and TNO155 were synergistic in vitro.", "combination", "adagrasib", "TNO155"),
    ("The SOS1 inhibitor BI 1701963 enhanced the antitumor effect of adagrasib in colorectal cancer "
     "models.", "combination", "adagrasib", "BI 1701963"),
    ("Treatment of resistant cells with adagrasib plus the MEK inhibitor trametinib restored "
     "suppression of pERK.", "overcomes", "adagrasib", "trametinib"),
    ("In PDAC organoids, sotorasib paired with ulixertinib, which blocks ERK1/2, was synergistic.",
     "combination", "sotorasib", "ulixertinib"),
    ("Adagrasib given alongside cetuximab shrank CRC xenografts.", "combination", "adagrasib", "cetuximab"),
    ("Sotorasib left drug-tolerant cells in H358 cultures. These persisters were eliminated when "
     "palbociclib was given alongside sotorasib.", "overcomes", "sotorasib", "palbociclib"),
])
def test_more_combination_phrasings(extract, text, relation, drug, partner):
    rows = extract(text)
    assert (relation, drug, partner) in keyset(rows, "relation", "drug", "partner"), rows


def test_trial_testing_one_drug_with_alternatives(extract):
    rows = extract("Trials are testing sotorasib with panitumumab, trametinib, or pembrolizumab.")
    assert keyset(rows, "drug", "partner") == {("sotorasib", "panitumumab"), ("sotorasib", "trametinib"),
                                               ("sotorasib", "pembrolizumab")}


def test_resistance_clause_kept_beside_overcomes(extract):
    rows = extract("Activation of wild-type NRAS and HRAS mediates adaptive resistance to KRAS G12C "
                   "inhibitors, which can be blocked by SHP2 inhibition.")
    got = keyset(rows, "relation", "partner", "target")
    assert ("overcomes", "SHP2 inhibitor", "") in got  # SHP2 is not named as a gene
    assert {("resistance", "", "NRAS"), ("resistance", "", "HRAS")} <= got


def test_resistance_only_as_what_the_combination_blocked_gives_no_resistance_row(extract):
    rows = extract("CDK4/6 inhibition with palbociclib overcame resistance to adagrasib driven by "
                   "CDKN2A loss.")
    assert {r["relation"] for r in rows} == {"overcomes"}, rows


def test_hedge_scopes_over_its_clause_only(extract):
    rows = extract("Because adaptive RTK signaling limits the efficacy of sotorasib, vertical pathway "
                   "inhibition with SHP2 or SOS1 inhibitors has been proposed.")
    by = {(r["relation"], r["partner"]): r["assertion"] for r in rows}
    assert by[("resistance", "")] == "affirmed"
    # the causal opener ties the proposed combinations to the resistance: overcomes
    assert by[("overcomes", "SHP2 inhibitor")] == by[("overcomes", "SOS1 inhibitor")] == "hedged"


def test_keap1_loss_keeps_its_immune_code(extract):
    rows = extract("Loss of KEAP1 was associated with shorter progression-free survival on sotorasib "
                   "in NSCLC.")
    # "Loss of KEAP1" is one MECHANISM mention; the gene it names as lost is the mediator
    assert keyset(rows, "relation", "drug", "target", "mechanism") == {
        ("resistance", "sotorasib", "KEAP1", "IMMUNE_EVASION")}


def test_partners_listed_after_including(extract):
    rows = extract("CodeBreaK 101 is a phase Ib study of sotorasib in combination with other anticancer "
                   "therapies, including trametinib, afatinib, and pembrolizumab.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "sotorasib", "trametinib"), ("combination", "sotorasib", "afatinib"),
        ("combination", "sotorasib", "pembrolizumab")}


def test_what_a_combination_blocks_is_not_an_inhibits_claim(extract):
    rows = extract("Sotorasib plus trametinib was used to block MAPK reactivation in xenografts.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows
    rows = extract("Sotorasib, which inhibits KRAS G12C, was combined with the MEK inhibitor trametinib.")
    assert ("inhibits", "sotorasib", "KRAS") in keyset(rows, "relation", "drug", "target")


def test_overcomes_across_sentences(extract):
    rows = extract("In colorectal cancer, feedback activation of EGFR blunts the response to sotorasib. "
                   "Co-treatment with an anti-EGFR antibody (cetuximab or panitumumab) abrogated this "
                   "feedback and induced regressions in xenografts.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    # the text names EGFR (inside the mechanism phrase): the partner's target is filled
    assert [(r["drug"], r["partner"], r["target"], r["mechanism"]) for r in ovc] == [
        ("sotorasib", "anti-EGFR antibody", "EGFR", "RTK_FEEDBACK")]


def test_this_combination_refers_to_the_paragraphs_last_combination(extract):
    rows = extract("Mice received sotorasib plus TNO155 for four weeks. The combination delayed the "
                   "emergence of resistance compared with sotorasib alone.")
    got = {(r["relation"], r["drug"], r["partner"], r["rule_id"].split("+")[0]) for r in rows}
    assert ("overcomes", "sotorasib", "TNO155", "OVC_COMB_ANAPHOR") in got


def test_adding_x_to_y_and_with_or_without(extract):
    # the agent added to is the drug and the added agent the partner, in a combination as in an
    # overcome claim (GUIDELINES 3: "partner = the added agent(s)"; rules 1.81.0)
    rows = extract("Adding savolitinib to osimertinib produced responses in NSCLC.")
    assert ("combination", "osimertinib", "savolitinib") in keyset(rows, "relation", "drug", "partner")
    rows = extract("Adding savolitinib to osimertinib overcame resistance in NSCLC.")
    assert ("overcomes", "osimertinib", "savolitinib") in keyset(rows, "relation", "drug", "partner")
    rows = extract("Encorafenib plus cetuximab, with or without binimetinib, improved survival in CRC.")
    assert {("encorafenib", "cetuximab"), ("encorafenib", "binimetinib;cetuximab")} <= keyset(
        rows, "drug", "partner")


def test_pathway_level_reactivation_has_codes_not_targets(extract):
    rows = extract("Both MAPK and PI3K-AKT-mTOR signalling were reactivated within 48 hours of adagrasib "
                   "exposure.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert ("adagrasib", "", "MAPK_REACTIVATION") in got and ("adagrasib", "", "PI3K_MTOR") in got
    assert not [t for _, t, _ in got if t], got


def test_variant_named_as_resistant_is_a_mediator(extract):
    rows = extract("Ba/F3 cells carrying KRAS G12C together with Y96D were resistant to both sotorasib and "
                   "adagrasib.")
    assert keyset(rows, "drug", "target", "mechanism") == {
        ("sotorasib", "KRAS", "SECONDARY_KRAS_ALTERATION"),
        ("adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION")}


def test_primary_alterations_get_no_acquired_code(extract):
    rows = extract("Mutations in NRAS confer primary resistance to cetuximab in colorectal cancer.")
    assert keyset(rows, "drug", "target", "mechanism") == {("cetuximab", "NRAS", "")}


def test_genotype_after_inhibits_verb_is_not_a_target(extract):
    rows = extract("Cetuximab suppressed growth of BRAF-mutant colorectal cancer xenografts.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_listed_class_after_a_drug_is_not_an_apposition(extract):
    rows = extract("In EMT-induced xenografts, a triplet of sotorasib, a SHP2 inhibitor and a PI3K inhibitor "
                   "overcame this resistance.")
    assert ("sotorasib", "PI3K inhibitor;SHP2 inhibitor") in keyset(rows, "drug", "partner")


def test_doses_between_arm_agents(extract):
    rows = extract("Sotorasib 960 mg daily plus panitumumab improved progression-free survival in CRC.")
    assert ("combination", "sotorasib", "panitumumab") in keyset(rows, "relation", "drug", "partner")


def test_causal_opener_ties_a_combination_to_resistance(extract):
    rows = extract("Because adaptive RTK signalling undermines KRAS G12C inhibitors, combining them with "
                   "SHP2 inhibitors may prolong responses.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert [(r["drug"], r["partner"], r["mechanism"], r["assertion"]) for r in ovc] == [
        ("KRAS G12C inhibitor", "SHP2 inhibitor", "RTK_FEEDBACK", "hedged")]


def test_regimen_names_are_chemotherapy(extract):
    rows = extract("The triplet of sotorasib, panitumumab and FOLFIRI produced responses in CRC.")
    assert ("sotorasib", "chemotherapy;panitumumab") in keyset(rows, "drug", "partner")


def test_dual_inhibition_pairs_agents_with_targets_in_order(extract):
    rows = extract("Dual inhibition of KRAS G12C and SOS1 with adagrasib and BI 1701963 is being explored.")
    assert {("adagrasib", "KRAS"), ("BI 1701963", "SOS1")} <= keyset(
        [r for r in rows if r["relation"] == "inhibits"], "drug", "target")


def test_comparator_arm_is_not_a_combination(extract):
    rows = extract("KRYSTAL-10 is a phase 3 study comparing adagrasib plus cetuximab with FOLFIRI in "
                   "colorectal cancer.")
    assert keyset(rows, "relation", "drug", "partner") == {("combination", "adagrasib", "cetuximab")}


def test_class_with_examples_stands_for_them(extract):
    rows = extract("Allosteric SHP2 inhibitors such as TNO155 and RMC-4630 stabilise SHP2 in its closed, "
                   "auto-inhibited conformation.")
    assert keyset(rows, "relation", "drug", "target") == {("inhibits", "SHP2 inhibitor", "PTPN11")}


def test_mediator_holds_for_every_drug_of_its_clause(extract):
    rows = extract("A KRAS Y96D mutation acquired during adagrasib treatment conferred cross-resistance to "
                   "sotorasib and ARS-1620 in engineered cells.")
    drugs = {r["drug"] for r in rows if r["relation"] == "resistance"}
    assert drugs == {"adagrasib", "sotorasib", "ARS-1620"}


def test_either_antibody_resolves_to_both_antibodies(extract):
    rows = extract("KRAS mutations confer primary resistance to cetuximab and panitumumab in colorectal "
                   "cancer. Acquired KRAS amplification emerges in tumours that become resistant to either "
                   "antibody.")
    got = keyset([r for r in rows if r["sentence_index"] == 1], "drug", "mechanism")
    assert got == {("cetuximab", "BYPASS_ALTERATION"), ("panitumumab", "BYPASS_ALTERATION")}


def test_knockdown_that_sensitises_names_a_mediator(extract):
    rows = extract("Knockdown of SHP2 sensitised KRAS G12C-mutant lung cancer cells to adagrasib.")
    assert ("resistance", "adagrasib", "PTPN11", "RTK_FEEDBACK") in keyset(
        rows, "relation", "drug", "target", "mechanism")


def test_sensitising_mutation_is_not_a_resistance_cue(extract):
    rows = extract("Osimertinib irreversibly inhibits EGFR carrying sensitising mutations and the T790M "
                   "gatekeeper mutation.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


@pytest.mark.parametrize("text, drug, partner", [
    ("Trametinib in combination with BI-3406 overcame resistance in KRAS-mutant models.",
     "trametinib", "BI-3406"),
    ("In osimertinib-resistant xenografts, savolitinib plus osimertinib induced tumour regression.",
     "osimertinib", "savolitinib"),
    ("Co-treatment with TNO155 suppressed the emergence of resistant clones during sotorasib treatment.",
     "sotorasib", "TNO155"),
    ("Everolimus overcame acquired sotorasib resistance in NSCLC cells.", "sotorasib", "everolimus"),
])
def test_overcomes_phrasings_outside_the_focus_drugs_too(extract, text, drug, partner):
    rows = extract(text)
    assert ("overcomes", drug, partner) in keyset(rows, "relation", "drug", "partner"), rows


def test_premise_clause_resistance_kept_beside_the_combination_it_motivates(extract):
    rows = extract("Given that EGFR signaling mediates resistance in colorectal cancer, combined KRASG12C "
                   "and EGFR inhibition is being tested.")
    got = keyset(rows, "relation", "drug", "partner", "target", "mechanism")
    assert ("resistance", "KRAS G12C inhibitor", "", "EGFR", "RTK_FEEDBACK") in got
    assert ("overcomes", "KRAS G12C inhibitor", "EGFR inhibitor", "EGFR", "RTK_FEEDBACK") in got


@pytest.mark.parametrize("text, drug, partner, effect", [
    ("Dual SHP2 and MEK inhibition was effective in KRAS-mutant pancreatic cancer models.",
     "SHP2 inhibitor", "MEK inhibitor", "positive"),
    ("Sotorasib is being tested with and without chemotherapy in first-line NSCLC.",
     "sotorasib", "chemotherapy", "unknown"),
])
def test_dual_lists_and_with_or_without_arms(extract, text, drug, partner, effect):
    rows = extract(text)
    assert ("combination", drug, partner, effect) in keyset(rows, "relation", "drug", "partner", "effect")


def test_added_partner_inside_a_fuller_regimen_is_not_its_own_row(extract):
    rows = extract("MEK inhibitors and SHP2 inhibitors were combined with adagrasib.")
    assert keyset(rows, "drug", "partner") == {("adagrasib", "MEK inhibitor;SHP2 inhibitor")}


def test_resistance_beside_partner_agents_is_to_the_paragraphs_focus_drug(extract):
    rows = extract("Sotorasib is a covalent KRAS G12C inhibitor. However, SHP2 mediates feedback "
                   "reactivation of RAS in NSCLC, and SHP2 inhibitors such as TNO155 are in development.")
    res = [r for r in rows if r["relation"] == "resistance"]
    assert res and {r["drug"] for r in res} == {"sotorasib"}
    assert all(r["rule_id"].endswith("+CONTEXT") for r in res)


def test_one_paragraph_notion_for_relations_and_outcomes(tmp_path):
    from pipeline.ingest import ingest_file
    from pipeline.sentences import paragraph_ids, split_sentences

    path = tmp_path / "p.txt"
    path.write_text("First claim here. Second claim here.\n\nA new paragraph starts.\n", encoding="utf-8")
    doc = ingest_file(InputFile(path, "p"))
    sents = split_sentences(doc)
    assert paragraph_ids(doc, sents) == [0, 0, 1]


def test_compared_agents_are_not_the_subject_of_an_inhibits_verb(extract):
    rows = extract("Divarasib was 5 to 20 times more potent than sotorasib and adagrasib in vitro, and a "
                   "single oral dose suppressed ERK phosphorylation in xenografts.")
    inhibits = [r for r in rows if r["relation"] == "inhibits"]
    assert keyset(inhibits, "drug", "target") == {("divarasib", "ERK")}


def test_inhibits_takes_the_cancer_of_a_leading_frame(extract):
    rows = extract("In pancreatic ductal adenocarcinoma xenografts, MRTX1133 suppressed ERK phosphorylation.")
    got = keyset(rows, "relation", "target", "cancer")
    assert ("inhibits", "ERK", "pancreatic ductal adenocarcinoma") in got


def test_screen_guides_targeting_genes_name_mediators(extract):
    rows = extract("In a CRISPR screen in xenografts treated with adagrasib, guide RNAs targeting SHP2, MYC "
                   "and MTOR were depleted, indicating that these genes mediate resistance.")
    assert {r["target"] for r in rows if r["relation"] == "resistance"} == {"PTPN11", "MYC", "MTOR"}
    # while a drug "targeting EGFR" names the drug's target, not a mediator
    rows = extract("Resistance to sotorasib was not reversed by antibodies targeting EGFR.")
    assert "EGFR" not in {r["target"] for r in rows if r["relation"] == "resistance"}


def test_paired_regimens_and_either_drug_alone(extract):
    rows = extract("Combining sotorasib with panitumumab, or adagrasib with cetuximab, prevented this "
                   "rebound and produced regressions in xenografts that progressed on either drug alone.")
    assert {(r["drug"], r["partner"]) for r in rows if r["relation"] in ("combination", "overcomes")} == {
        ("sotorasib", "panitumumab"), ("adagrasib", "cetuximab")}


def test_added_partner_joins_the_agent_of_its_clause(extract):
    rows = extract("Adding RMC-4550 delayed resistance to sotorasib; TNO155 had a similar effect in "
                   "combination with adagrasib.")
    pairs = {(r["drug"], r["partner"]) for r in rows if r["relation"] in ("combination", "overcomes")}
    assert ("adagrasib", "TNO155") in pairs and ("sotorasib", "adagrasib") not in pairs


def test_causal_connective_after_a_resistance_statement_is_overcomes(extract):
    rows = extract("Signalling through EGFR contributes to adaptive resistance to adagrasib in lung cancer. "
                   "Hence, afatinib was combined with adagrasib in NSCLC xenografts.")
    assert ("overcomes", "adagrasib", "afatinib") in keyset(rows, "relation", "drug", "partner")


def test_induced_regression_is_not_a_resistance_model(extract):
    rows = extract("Mice received sotorasib plus trametinib. The combination induced tumour regression.")
    assert "overcomes" not in {r["relation"] for r in rows}


def test_genes_describing_a_mediator_in_a_relative_clause_are_not_mediators(extract):
    rows = extract("SHP2, which relays feedback signals from activated RTKs to SOS1 and RAS, mediates "
                   "adaptive resistance to sotorasib.")
    assert {r["target"] for r in rows if r["relation"] == "resistance"} == {"PTPN11"}


def test_family_with_listed_members_is_not_a_target(extract):
    rows = extract("Signalling through the ERBB family, namely EGFR, HER2 and HER3, contributes to adaptive "
                   "resistance to adagrasib.")
    assert {r["target"] for r in rows if r["relation"] == "resistance"} == {"EGFR", "ERBB2", "ERBB3"}


def test_table_row_takes_the_cancer_of_its_caption(extract):
    rows = extract("Table 5. KRAS G12C inhibitor combinations in NSCLC\n\nTrial\tArms\tPhase\n"
                   "KRYSTAL-7\tAdagrasib + pembrolizumab\tII/III\nKontRASt-01\tJDQ443 + tislelizumab\tIb\n")
    got = keyset(rows, "drug", "partner", "cancer")
    assert ("adagrasib", "pembrolizumab", "lung non-small cell carcinoma") in got


def test_cancers_a_tumour_transforms_into_are_not_claim_cancers(extract):
    rows = extract("Histologic transformation from adenocarcinoma to squamous cell carcinoma was observed "
                   "in patients whose tumours progressed on adagrasib.")
    assert {r["cancer"] for r in rows} == {""}, rows


def test_mediator_listed_beside_a_process_keeps_its_own_code(extract):
    rows = extract("Adagrasib-resistant cells showed elevated HER2 and EGFR phosphorylation and recovery of "
                   "pERK within 24 h of adagrasib treatment.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("EGFR", "RTK_FEEDBACK") in got and ("ERBB2", "RTK_FEEDBACK") in got


def test_acquired_mutation_in_the_drugs_own_target_is_a_mediator(extract):
    rows = extract("Acquired mutations in NRAS or in KRAS itself cause resistance to sotorasib.")
    assert {("sotorasib", "KRAS"), ("sotorasib", "NRAS")} <= keyset(rows, "drug", "target")


@pytest.mark.parametrize("text, drug, partner", [
    ("FGFR inhibitors such as erdafitinib could be rational partners for KRAS G12C inhibitors.",
     "KRAS G12C inhibitor", "FGFR inhibitor"),
    ("The SOS1 inhibitor BI 1701963 has been tested with trametinib (NCT04111458) and with adagrasib.",
     "BI 1701963", "trametinib"),
])
def test_partner_for_and_tested_with_each(extract, text, drug, partner):
    rows = extract(text)
    assert (drug, partner) in keyset(rows, "drug", "partner"), rows


def test_definite_class_refers_back_to_the_drug(extract):
    rows = extract("EGFR-mediated feedback explains why vemurafenib is largely inactive in colorectal "
                   "cancer. Adding cetuximab to the BRAF inhibitor restored pathway suppression in CRC "
                   "models.")
    assert ("vemurafenib", "cetuximab") in keyset(
        [r for r in rows if r["relation"] in ("overcomes", "combination")], "drug", "partner")


def test_variant_naming_a_cancer_genotype_is_not_a_mediator(extract):
    rows = extract("Vemurafenib is largely inactive in BRAF V600E colorectal cancer because of EGFR "
                   "feedback.")
    assert "BRAF" not in {r["target"] for r in rows}


def test_results_paragraph_readout_rebound_and_blocking_partner(extract):
    rows = extract("JDQ443 alone reduced pERK by more than 80% in NSCLC lines, but pERK recovered within two "
                   "days. Blocking SHP2 with TNO155 abrogated this rebound and increased apoptosis.")
    got = keyset(rows, "relation", "drug", "partner", "target", "mechanism")  # JDQ443 is opnurasib
    assert ("inhibits", "opnurasib", "", "ERK", "") in got
    assert ("resistance", "opnurasib", "", "ERK", "MAPK_REACTIVATION") in got
    assert ("overcomes", "opnurasib", "TNO155", "PTPN11", "MAPK_REACTIVATION") in got


def test_alteration_list_after_a_resistance_statement_takes_its_drug(extract):
    rows = extract("In 38 patients treated with adagrasib, putative resistance mechanisms were detected in "
                   "17. These included acquired RET fusions and loss-of-function mutations in NF1.")
    got = keyset([r for r in rows if r["sentence_index"] == 1], "drug", "mechanism")
    assert ("adagrasib", "BYPASS_ALTERATION") in got


@pytest.mark.parametrize("text", [
    "In models of acquired resistance, sotorasib plus TNO155 caused regressions.",
    "Adding TNO155 to sotorasib eliminated drug-tolerant persister cells.",
    "TNO155 restored the response to sotorasib in these cells.",
    "Sotorasib combined with TNO155 blunted the adaptive feedback.",
])
def test_more_overcome_wording(extract, text):
    rows = extract(text)
    assert ("overcomes", "sotorasib", "TNO155") in keyset(rows, "relation", "drug", "partner"), rows


def test_overcomes_target_named_inside_a_mechanism_phrase(extract):
    rows = extract("In adagrasib-resistant cells with acquired MET amplification, crizotinib restored "
                   "sensitivity to adagrasib.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert [(r["drug"], r["partner"], r["target"], r["mechanism"]) for r in ovc] == [
        ("adagrasib", "crizotinib", "MET", "BYPASS_ALTERATION")]


def test_model_defined_by_an_alteration_names_the_process_overcome(extract):
    rows = extract("In CDKN2A-deleted NSCLC xenografts, adagrasib plus palbociclib produced durable "
                   "regressions.")
    assert ("overcomes", "adagrasib", "palbociclib", "CELL_CYCLE") in keyset(
        rows, "relation", "drug", "partner", "mechanism")


def test_adding_an_agent_to_the_doublet_makes_a_triplet(extract):
    rows = extract("In syngeneic NSCLC models, TNO155 combined with sotorasib increased T-cell infiltration, "
                   "and adding anti-PD-1 to the doublet produced complete responses.")
    assert ("sotorasib", "PD-1 inhibitor;TNO155") in keyset(rows, "drug", "partner")


@pytest.mark.parametrize("text, drug, target", [
    ("Treatment with sotorasib abrogated ERK phosphorylation within hours.", "sotorasib", "ERK"),
    ("Adagrasib-mediated inhibition of KRAS G12C was sustained for 72 hours.", "adagrasib", "KRAS"),
])
def test_more_inhibits_wording(extract, text, drug, target):
    assert ("inhibits", drug, target) in keyset(extract(text), "relation", "drug", "target")


def test_reduced_growth_of_a_genotype_is_not_inhibits(extract):
    rows = extract("Sotorasib reduced tumour growth in KRAS G12C-mutant xenografts.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


@pytest.mark.parametrize("text, target, mechanism", [
    ("MET amplification was found at progression on adagrasib.", "MET", "BYPASS_ALTERATION"),
    ("In colorectal cancer, feedback activation of EGFR blunts the response to sotorasib.", "EGFR",
     "RTK_FEEDBACK"),
    ("Reactivation of MAPK signalling limits the response to sotorasib.", "", "MAPK_REACTIVATION"),
])
def test_mediator_named_inside_a_mechanism_phrase(extract, text, target, mechanism):
    rows = [r for r in extract(text) if r["relation"] == "resistance"]
    assert {(r["target"], r["mechanism"]) for r in rows} == {(target, mechanism)}


def test_combination_aimed_at_the_stated_mediator_is_overcomes(extract):
    rows = extract("Sotorasib-based combinations with EGFR antibodies are likely to become the preferred "
                   "approach in colorectal cancer, where EGFR feedback limits monotherapy activity.")
    assert ("overcomes", "sotorasib", "anti-EGFR antibody", "EGFR", "RTK_FEEDBACK") in keyset(
        rows, "relation", "drug", "partner", "target", "mechanism")
    # a knock-down experiment beside the drug is evidence of the mediator, not of the combination
    rows = extract("Knockdown of SHP2 sensitised lung cancer cells to adagrasib, and the SHP2 inhibitor "
                   "TNO155 similarly enhanced adagrasib-induced apoptosis.")
    assert ("combination", "adagrasib", "TNO155") in keyset(rows, "relation", "drug", "partner")


def test_overcome_process_from_the_mediator_the_partner_acts_on(extract):
    rows = extract("EGFR-mediated feedback explains why vemurafenib is largely inactive in colorectal "
                   "cancer. Adding cetuximab to the BRAF inhibitor restored pathway suppression in CRC "
                   "models.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert [(r["drug"], r["partner"], r["mechanism"]) for r in ovc] == [
        ("vemurafenib", "cetuximab", "RTK_FEEDBACK")]


def test_resistance_clause_beside_a_partner_that_restores_sensitivity(extract):
    rows = extract("Sotorasib-resistant tumors displayed increased expression of cyclin D1 and CDK6, and "
                   "palbociclib restored sensitivity.")
    got = keyset(rows, "relation", "drug", "partner", "target", "mechanism")
    assert ("overcomes", "sotorasib", "palbociclib", "CDK6", "CELL_CYCLE") in got
    assert {("resistance", "sotorasib", "", "CCND1", "CELL_CYCLE"),
            ("resistance", "sotorasib", "", "CDK6", "CELL_CYCLE")} <= got
    # a frame naming the resistant model is not a resistance clause of its own (7.13)
    rows = extract("In adagrasib-resistant cells with acquired MET amplification, crizotinib restored "
                   "sensitivity to adagrasib.")
    assert {r["relation"] for r in rows} == {"overcomes"}


@pytest.mark.parametrize("text, relation, drug, target, mechanism", [
    ("Tumors with CDKN2A loss may be less dependent on KRAS G12C signaling despite KRASG12C inhibition.",
     "resistance", "KRAS G12C inhibitor", "CDKN2A", "CELL_CYCLE"),
    ("Whether STK11 co-mutations affect responses to sotorasib remains unclear.",
     "resistance", "sotorasib", "STK11", "IMMUNE_EVASION"),
])
def test_hedged_cell_cycle_and_immune_resistance(extract, text, relation, drug, target, mechanism):
    rows = extract(text)
    assert (relation, drug, target, mechanism, "hedged") in keyset(
        rows, "relation", "drug", "target", "mechanism", "assertion")


def test_rendered_sensitive_is_a_positive_combination(extract):
    rows = extract("KRAS G12C inhibition rendered tumors sensitive to anti-PD-1 therapy in mice.")
    assert ("combination", "KRAS G12C inhibitor", "PD-1 inhibitor", "positive") in keyset(
        rows, "relation", "drug", "partner", "effect")


def test_long_list_of_alterations_gives_a_row_per_gene(extract):
    rows = extract("In patients treated with adagrasib, acquired resistance mechanisms included KRAS "
                   "mutations (G12D, G12V, G13D and Q61H) and bypass alterations such as fusions of ALK, "
                   "RET, BRAF and FGFR3 and loss-of-function mutations in NF1 and PTEN.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {("ALK", "BYPASS_ALTERATION"), ("FGFR3", "BYPASS_ALTERATION"), ("NF1", "BYPASS_ALTERATION"),
            ("PTEN", "BYPASS_ALTERATION"), ("KRAS", "SECONDARY_KRAS_ALTERATION")} <= got, got
    assert ("KRAS", "BYPASS_ALTERATION") not in got, got


def test_alias_named_in_a_mechanism_phrase_is_the_target(extract):
    rows = extract("HER2 amplification was found in 12% of patients with acquired resistance to osimertinib.")
    assert keyset(rows, "relation", "drug", "target", "mechanism") == {
        ("resistance", "osimertinib", "ERBB2", "BYPASS_ALTERATION")}, rows


def test_switch_of_pathway_dependence_is_a_mechanism(extract):
    rows = extract("Adagrasib-resistant cells underwent epithelial-to-mesenchymal transition and became "
                   "dependent on PI3K signalling.")
    assert {("adagrasib", "EMT"), ("adagrasib", "PI3K_MTOR")} <= keyset(rows, "drug", "mechanism"), rows


@pytest.mark.parametrize("text, drug, target", [
    ("TNO155 is an allosteric inhibitor of SHP2 with oral bioavailability.", "TNO155", "PTPN11"),
    ("Adagrasib was designed to target the KRAS G12C mutant protein.", "adagrasib", "KRAS"),
])
def test_predicative_inhibition(extract, text, drug, target):
    assert ("inhibits", drug, target) in keyset(extract(text), "relation", "drug", "target")


def test_class_apposition_is_still_not_inhibits(extract):
    rows = extract("Trametinib, a MEK inhibitor, was given to patients with melanoma.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_model_defined_by_an_amplification_takes_the_alteration_code(extract):
    rows = extract("Sotorasib-resistant cells showed MET amplification. In MET-amplified resistant cells, "
                   "crizotinib restored sensitivity to sotorasib.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    want = {("sotorasib", "crizotinib", "BYPASS_ALTERATION")}
    assert keyset(ovc, "drug", "partner", "mechanism") == want, ovc


def test_alterations_given_as_examples_of_a_process_take_its_code(extract):
    rows = extract("In patients whose NSCLC progressed on sotorasib, acquired alterations converged on "
                   "reactivation of RAS-MAPK signalling, including new NRAS, BRAF and MAP2K1 mutations.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {(g, "MAPK_REACTIVATION") for g in ("NRAS", "BRAF", "MAP2K1")} <= got, got


def test_mechanisms_listed_after_a_resistance_statement_belong_to_its_drug(extract):
    rows = extract("Mechanisms of acquired resistance to sotorasib are heterogeneous. They include MET "
                   "amplification, NRAS mutations and squamous transformation.")
    assert {("sotorasib", "MET"), ("sotorasib", "NRAS")} <= keyset(rows, "drug", "target"), rows
    assert ("sotorasib", "HISTOLOGIC_TRANSFORMATION") in keyset(rows, "drug", "mechanism"), rows


@pytest.mark.parametrize("text, drug, target", [
    ("STK11-mutant tumours were less responsive to sotorasib than STK11 wild-type tumours.",
     "sotorasib", "STK11"),
    ("Cells lacking PTEN remained insensitive to sotorasib.", "sotorasib", "PTEN"),
    ("CDKN2A-deleted NSCLC models were refractory to adagrasib.", "adagrasib", "CDKN2A"),
    ("Adaptation to KRAS G12C inhibition occurs within 48 hours and depends on SHP2.",
     "KRAS G12C inhibitor", "PTPN11"),
    ("Following treatment with adagrasib, an acquired KRAS R68S mutation was detected in plasma.",
     "adagrasib", "KRAS"),
])
def test_more_resistance_phrasings(extract, text, drug, target):
    rows = extract(text)
    assert ("resistance", drug, target) in keyset(rows, "relation", "drug", "target"), rows


def test_disease_genotype_is_still_not_a_mediator(extract):
    rows = extract("In BRAF-mutant melanoma, resistance to vemurafenib arose through NRAS mutations.")
    assert keyset(rows, "relation", "drug", "target") == {("resistance", "vemurafenib", "NRAS")}, rows


def test_both_drugs_lose_activity(extract):
    rows = extract("Both sotorasib and adagrasib lose activity against KRAS G12C tumours that acquire Y96D.")
    assert {("sotorasib", "KRAS"), ("adagrasib", "KRAS")} <= keyset(rows, "drug", "target"), rows


def test_inherited_cancers_give_one_row_each(extract):
    rows = extract("Among patients with NSCLC or colorectal cancer whose disease progressed on adagrasib, "
                   "resistance alterations were detected in half. These included MET amplification.")
    got = keyset([r for r in rows if r["target"] == "MET"], "drug", "cancer")
    assert got == {("adagrasib", "lung non-small cell carcinoma"), ("adagrasib", "colorectal cancer")}, rows


def test_every_gene_of_a_fusion_list_is_an_alteration(extract):
    rows = extract("Acquired resistance to adagrasib involved oncogenic fusions involving ALK, RET, RAF1 "
                   "and FGFR3.")
    got = keyset(rows, "target", "mechanism")
    assert {(g, "BYPASS_ALTERATION") for g in ("ALK", "RET", "RAF1", "FGFR3")} <= got, got


def test_the_drugs_own_class_is_no_partner(extract):
    rows = extract("Whether adding a KRAS G12C inhibitor can re-sensitise these tumours is being tested in "
                   "arms combining sotorasib with pembrolizumab.")
    assert not [r for r in rows if "KRAS G12C inhibitor" in r["partner"]], rows


def test_partner_preventing_the_adaptation_a_drug_induces(extract):
    rows = extract("In xenograft models of NSCLC, TNO155, by inhibiting SHP2, prevented the adaptive "
                   "RTK-driven reactivation of RAS that follows sotorasib treatment.")
    assert ("overcomes", "sotorasib", "TNO155") in keyset(rows, "relation", "drug", "partner"), rows
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_arms_with_one_partner_or_with_another(extract):
    rows = extract("The trial includes arms combining sotorasib with pembrolizumab or with atezolizumab.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "sotorasib", "pembrolizumab"), ("combination", "sotorasib", "atezolizumab")}, rows


def test_mediators_of_the_process_just_stated_take_its_code(extract):
    rows = extract("A subpopulation of lung cancer cells escapes ARS-1620 by synthesising new KRAS G12C. "
                   "EGFR and aurora kinase A promoted this adaptation to ARS-1620.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {("EGFR", "KRAS_REACTIVATION"), ("AURKA", "KRAS_REACTIVATION")} <= got, got


def test_activity_against_a_variant_of_a_class_named_gene(extract):
    rows = extract("Lorlatinib, a third-generation ALK inhibitor, retains activity against G1202R.")
    assert keyset(rows, "relation", "drug", "target") == {("inhibits", "lorlatinib", "ALK")}, rows


def test_inhibition_stated_for_coordinated_cancers(extract):
    rows = extract("Divarasib suppressed phosphorylation of ERK in KRAS G12C-mutant NSCLC and colorectal "
                   "cancer cell lines.")
    assert keyset(rows, "relation", "cancer") == {("inhibits", "lung non-small cell carcinoma"),
                                                  ("inhibits", "colorectal cancer")}, rows


@pytest.mark.parametrize("text, drug, target", [
    ("In SW837 cells, sotorasib suppressed pERK within 4 h, but pERK returned to near-baseline levels by "
     "48 h.", "sotorasib", "ERK"),
    ("In these mesenchymal cells, pAKT stayed elevated throughout ARS-1620 treatment.", "ARS-1620", "AKT"),
    ("These cells kept proliferating during sotorasib exposure, with persistent RB phosphorylation.",
     "sotorasib", "RB1"),
])
def test_adaptive_readouts_under_a_drug(extract, text, drug, target):
    rows = extract(text)
    assert ("resistance", drug, target) in keyset(rows, "relation", "drug", "target"), rows


def test_transient_suppression_then_a_partner_abrogating_the_rebound(extract):
    rows = extract("In HT-29 colorectal cells, vemurafenib lowered pERK only transiently. Co-treatment with "
                   "cetuximab abrogated this rebound.")
    got = keyset(rows, "relation", "drug", "partner", "cancer")
    assert {("resistance", "vemurafenib", "", "colorectal cancer"),
            ("overcomes", "vemurafenib", "cetuximab", "colorectal cancer")} <= got, got


def test_an_inhibited_readout_is_not_a_mediator(extract):
    rows = extract("These cells kept proliferating during sotorasib exposure, although pERK was inhibited to "
                   "the same extent as in parental cells.")
    assert ("resistance", "sotorasib", "ERK") not in keyset(rows, "relation", "drug", "target"), rows


def test_each_clause_keeps_its_own_cancer(extract):
    rows = extract("After four months on adagrasib, MIA PaCa-2-R pancreatic cancer cells acquired a MAP2K1 "
                   "K57N mutation, while SW837-R colorectal cancer cells upregulated FGFR1 and depended "
                   "on it.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "cancer")
    assert ("MAP2K1", "pancreatic cancer") in got and ("FGFR1", "colorectal cancer") in got, got
    assert ("MAP2K1", "colorectal cancer") not in got and ("FGFR1", "pancreatic cancer") not in got, got


def test_amplified_drug_target_allele_and_lost_gene(extract):
    rows = extract("After four months of adagrasib, the resistant derivative of H358 had amplified the KRAS "
                   "G12C allele, and H2122-R cells had lost NF1.")
    got = keyset(rows, "drug", "target", "mechanism")
    want = {("adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION"), ("adagrasib", "NF1", "BYPASS_ALTERATION")}
    assert want <= got, got


def test_drugs_of_the_methods_sentence_hold_for_every_result(extract):
    rows = extract("We sequenced plasma at progression from 67 patients with NSCLC treated with sotorasib or "
                   "adagrasib. Candidate resistance alterations were found in 28 patients, most often MET "
                   "amplification.")
    assert {("sotorasib", "MET"), ("adagrasib", "MET")} <= keyset(rows, "drug", "target"), rows


def test_acquired_alleles_in_patients_treated_with_a_kras_inhibitor(extract):
    rows = extract("Of 14 patients with PDAC treated with sotorasib, nine had paired ctDNA; at progression, "
                   "two had acquired KRAS G12V alleles and one a new PIK3CA H1047R mutation.")
    assert {("sotorasib", "KRAS"), ("sotorasib", "PIK3CA")} <= keyset(rows, "drug", "target"), rows


def test_wild_type_activation_is_signalling_not_an_alteration(extract):
    rows = extract("Acquired alterations that limit KRAS G12C inhibitors include secondary KRAS mutations "
                   "and activation of wild-type NRAS and HRAS.")
    got = keyset(rows, "target", "mechanism")
    assert ("NRAS", "BYPASS_ALTERATION") not in got and ("HRAS", "BYPASS_ALTERATION") not in got, got


def test_screen_hits_enriched_have_no_process_depleted_keep_theirs(extract):
    rows = extract("In a CRISPR screen in H2122 cells kept in adagrasib, guides against KEAP1 were strongly "
                   "enriched, whereas sgRNAs targeting mTOR were depleted.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert {("adagrasib", "KEAP1", ""), ("adagrasib", "MTOR", "PI3K_MTOR")} <= got, got


@pytest.mark.parametrize("text, fields, key", [
    pytest.param(
        "In colorectal cancer, resistance to sotorasib was attributed to EGFR-mediated "
        "reactivation of MAPK signalling.",
        ("drug", "target"),
        ("sotorasib", "EGFR"),
        id="gene_before_a_losing_mechanism_phrase_stays_a_gene"),
    pytest.param(
        "Paired biopsies were available from 12 patients with NSCLC treated with sotorasib. At "
        "progression, two tumours had acquired a KRAS Y96D mutation.",
        ("relation", "drug", "target", "mechanism"),
        ("resistance", "sotorasib", "KRAS", "SECONDARY_KRAS_ALTERATION"),
        id="alteration_at_progression_after_the_treatment_sentence"),
    pytest.param(
        "Within 24 hours of exposure to sotorasib, H358 cells showed a rebound of ERK "
        "phosphorylation, a sign of adaptive resistance.",
        ("drug", "target", "mechanism"),
        ("sotorasib", "ERK", "MAPK_REACTIVATION"),
        id="phospho_readout_in_a_mechanism_phrase_is_the_target"),
    pytest.param(
        "The EGFR C797S mutation was found in 7% of patients with acquired resistance to "
        "osimertinib.",
        ("drug", "target", "mechanism"),
        ("osimertinib", "EGFR", "OTHER"),
        id="on_target_mutation_of_another_drug_is_other"),
    pytest.param(
        "In the colorectal cohort, cetuximab was added to adagrasib to block feedback activation "
        "of EGFR.",
        ("relation", "drug", "partner"),
        ("overcomes", "adagrasib", "cetuximab"),
        id="passive_addition_is_a_combination"),
    pytest.param(
        "Tumours that grew despite sotorasib showed sustained AKT phosphorylation. Adding "
        "everolimus restored growth inhibition in these resistant models, whereas everolimus "
        "alone had no effect.",
        ("relation", "drug", "partner"),
        ("overcomes", "sotorasib", "everolimus"),
        id="added_partner_named_again_later_is_not_its_own_host"),
    pytest.param(
        "The study evaluated savolitinib added to osimertinib in patients whose EGFR-mutant NSCLC"
        " had become resistant to osimertinib through MET amplification.",
        ("relation", "drug", "partner", "target"),
        ("overcomes", "osimertinib", "savolitinib", "MET"),
        id="combination_in_patients_who_became_resistant"),
    pytest.param(
        "In CDKN2A-deleted KRAS G12C-mutant NSCLC xenografts, which responded only partially to "
        "adagrasib alone, adding palbociclib produced durable regressions.",
        ("relation", "drug", "partner", "mechanism"),
        ("overcomes", "adagrasib", "palbociclib", "CELL_CYCLE"),
        id="model_defined_by_a_deletion_several_words_before_xenografts"),
    pytest.param(
        "CRISPR screens in lung cancer lines identified loss of NF2 as enriched under sotorasib "
        "treatment.",
        ("relation", "drug", "target"),
        ("resistance", "sotorasib", "NF2"),
        id="screen_hits_enriched_under_a_drug"),
    pytest.param(
        "SOS1 inhibitors prevent the adaptive rebound of KRAS-GTP that limits the efficacy of "
        "KRAS G12C inhibitors.",
        ("relation", "drug", "partner", "mechanism"),
        ("overcomes", "KRAS G12C inhibitor", "SOS1 inhibitor", "KRAS_REACTIVATION"),
        id="partner_preventing_the_rebound_that_limits_a_class"),
    pytest.param(
        "Organoids were treated with sotorasib, cetuximab or both for 6 days.",
        ("relation", "drug", "partner"),
        ("combination", "sotorasib", "cetuximab"),
        id="treatment_arms_with_or_both"),
    pytest.param(
        "In mesenchymal cells with sustained PI3K signalling, adding the PI3K inhibitor "
        "pictilisib restored the antiproliferative effect of ARS-1620.",
        ("relation", "drug", "partner"),
        ("overcomes", "ARS-1620", "pictilisib"),
        id="restored_the_effect_of_a_drug_is_overcomes"),
    pytest.param(
        "Among patients with EGFR-mutant lung adenocarcinoma who progressed on osimertinib, four "
        "tumours had transformed to small cell lung cancer.",
        ("drug", "mechanism", "cancer"),
        ("osimertinib", "HISTOLOGIC_TRANSFORMATION", "lung adenocarcinoma"),
        id="transformed_to_small_cell_is_a_mechanism_not_the_cancer"),
    pytest.param(
        "In H2122 lung cancer cells, sotorasib reduced pERK at 4 h, but pERK recovered to 40% of "
        "baseline by 24 h. Adding trametinib blocked this recovery.",
        ("relation", "drug", "partner", "mechanism"),
        ("overcomes", "sotorasib", "trametinib", "MAPK_REACTIVATION"),
        id="partner_blocking_this_recovery_takes_its_process"),
    pytest.param(
        "The SOS1 inhibitor BI-3406 increased the fraction of KRAS G12C in the GDP-bound state.",
        ("relation", "drug", "target"),
        ("inhibits", "BI-3406", "KRAS"),
        id="raising_the_inactive_fraction_is_inhibition"),
    pytest.param(
        "Because BRAF inhibition in BRAF V600E colorectal cancer is rapidly undermined by "
        "feedback activation of EGFR, the BEACON CRC trial combined encorafenib with cetuximab.",
        ("relation", "drug", "partner"),
        ("overcomes", "encorafenib", "cetuximab"),
        id="combination_after_a_class_undermined_by_feedback"),
    pytest.param(
        "BI-3406 binds the catalytic site of SOS1. In combination with adagrasib, it delayed the "
        "emergence of resistance in NCI-H2122 cells.",
        ("relation", "drug", "partner"),
        ("overcomes", "adagrasib", "BI-3406"),
        id="pronoun_subject_after_an_added_partner"),
    pytest.param(
        "SOS1 catalyses nucleotide exchange on KRAS and is required for the reloading of KRAS "
        "G12C with GTP during adaptation to G12C inhibitors.",
        ("target", "mechanism"),
        ("SOS1", "KRAS_REACTIVATION"),
        id="mediator_linked_to_a_process_farther_in_its_clause"),
    pytest.param(
        "In lorlatinib-treated patients, ALK-independent resistance involved MET amplification. "
        "In two such patient-derived lines lorlatinib alone was ineffective, whereas lorlatinib "
        "plus crizotinib suppressed growth.",
        ("relation", "drug", "partner", "target"),
        ("overcomes", "lorlatinib", "crizotinib", "MET"),
        id="combination_in_models_of_the_resistance_just_stated"),
    pytest.param(
        "Among patients progressing on osimertinib, one acquired an EML4-ALK fusion.",
        ("drug", "target", "mechanism"),
        ("osimertinib", "ALK", "BYPASS_ALTERATION"),
        id="fusion_phrase_names_its_kinase_partner"),
    pytest.param(
        "Sotorasib-resistant H358 cells upregulated FGFR1. Adding the FGFR inhibitor "
        "erdafitinib restored the antiproliferative effect of sotorasib.",
        ("relation", "drug", "partner", "target"),
        ("overcomes", "sotorasib", "erdafitinib", "FGFR1"),
        id="family_inhibitor_takes_the_member_the_paragraph_names_as_mediator"),
    pytest.param(
        "In resistant MIA PaCa-2 cells, the TEAD inhibitor VT-3989 restored sotorasib "
        "sensitivity.",
        ("relation", "drug", "partner"),
        ("overcomes", "sotorasib", "VT-3989"),
        id="restored_drug_sensitivity_with_the_drug_as_modifier"),
    pytest.param(
        "RMC-4630 is being evaluated with sotorasib52 in CodeBreaK 101 (NCT04185883).",
        ("relation", "drug"),
        ("combination", "sotorasib"),
        id="reference_number_glued_to_a_drug_name"),
    pytest.param(
        "BI-3406, which binds SOS1, lowered GTP-bound RAS in KRAS-mutant cells. In combination "
        "with trametinib it prevented the rebound of ERK phosphorylation that follows MEK "
        "inhibition alone.",
        ("relation", "drug", "partner"),
        ("overcomes", "trametinib", "BI-3406"),
        id="partner_prevents_the_rebound_that_follows_a_class_member"),
    pytest.param(
        "In TATTON, savolitinib plus osimertinib produced responses in patients with "
        "EGFR-mutant NSCLC whose disease had progressed on osimertinib with MET amplification.",
        ("relation", "drug", "partner"),
        ("overcomes", "osimertinib", "savolitinib"),
        id="combination_in_patients_who_progressed_on_one_of_its_drugs_overcomes"),
    pytest.param(
        "CodeBreaK 202 compares sotorasib plus carboplatin and pemetrexed with pembrolizumab "
        "plus chemotherapy in NSCLC.",
        ("drug", "partner"),
        ("sotorasib", "carboplatin;pemetrexed"),
        id="conjoined_partners_before_a_comparator_with"),
    pytest.param(
        "In CodeBreaK 300, sotorasib at 960 mg daily plus panitumumab doubled progression-free "
        "survival in KRAS G12C colorectal cancer.",
        ("relation", "drug", "partner"),
        ("combination", "sotorasib", "panitumumab"),
        id="dose_after_at_between_regimen_agents"),
    pytest.param(
        "In the NSCLC cohorts of CodeBreaK 100, tumours with KEAP1 co-mutations responded less "
        "often and progressed earlier on sotorasib.",
        ("relation", "drug", "target"),
        ("resistance", "sotorasib", "KEAP1"),
        id="comutated_tumours_that_responded_less_often"),
    pytest.param(
        "The most advanced vertical strategy pairs sotorasib with panitumumab to circumvent "
        "EGFR-driven feedback in colorectal cancer.",
        ("relation", "drug", "partner"),
        ("overcomes", "sotorasib", "panitumumab"),
        id="purpose_clause_circumventing_feedback_is_overcoming"),
    pytest.param(
        "Sotorasib-resistant MIA PaCa-2 populations showed activation of YAP1-TEAD signalling.",
        ("relation", "drug", "mechanism"),
        ("resistance", "sotorasib", "OTHER"),
        id="yap_tead_escape_is_coded_other"),
    pytest.param(
        "Pancreatic cancer cells that had escaped adagrasib maintained RB phosphorylation. "
        "Palbociclib, together with adagrasib, restored a durable G1 arrest.",
        ("relation", "drug", "partner"),
        ("overcomes", "adagrasib", "palbociclib"),
        id="restoring_a_durable_arrest_together_with_the_drug_overcomes"),
    pytest.param(
        "H358 cells resistant to adagrasib showed elevated HER2 and EGFR phosphorylation. Blocking "
        "ERBB signalling with afatinib restored the sensitivity of these cells to adagrasib.",
        ("relation", "drug", "partner", "target"),
        ("overcomes", "adagrasib", "afatinib", "ERBB"),
        id="partner_targets_of_one_named_family_are_that_family"),
    pytest.param(
        "In these organoids, inhibiting MET with capmatinib lowered pERK within hours.",
        ("relation", "drug", "target"),
        ("inhibits", "capmatinib", "MET"),
        id="gerund_names_the_target_then_the_agent"),
    pytest.param(
        "BI-3406, which blocks SOS1-driven nucleotide exchange, reduced the levels of GTP-bound RAS "
        "in pancreatic cancer cells.",
        ("relation", "drug", "target"),
        ("inhibits", "BI-3406", "RAS"),
        id="agent_lowering_the_active_gtp_form_inhibits_it"),
    pytest.param(
        "Exposure to RMC-4550 raised the proportion of KRAS that is GDP-bound.",
        ("relation", "drug", "target"),
        ("inhibits", "RMC-4550", "KRAS"),
        id="raising_the_inactive_share_inhibits"),
    pytest.param(
        "Osimertinib is still active against the T790M gatekeeper mutation of EGFR.",
        ("relation", "drug", "target"),
        ("inhibits", "osimertinib", "EGFR"),
        id="remains_active_against_a_variant"),
    pytest.param(
        "Daraxonrasib forms a tri-complex between cyclophilin A and active NRAS.",
        ("relation", "drug", "target"),
        ("inhibits", "daraxonrasib", "NRAS"),
        id="ras_on_tri_complex_inhibitor"),
    pytest.param(
        "STK11-mutant KRAS G12C lung adenocarcinomas resist adagrasib through an immune-excluded "
        "microenvironment. Adding pembrolizumab might reverse this immune-evasive resistance.",
        ("relation", "drug", "partner", "mechanism"),
        ("overcomes", "adagrasib", "pembrolizumab", "IMMUNE_EVASION"),
        id="back_reference_with_a_hyphenated_process_adjective"),
    pytest.param(
        "In NSCLC xenografts, alpelisib plus sotorasib overcame the PI3K-driven resistance of "
        "these tumours.",
        ("relation", "drug", "partner", "mechanism"),
        ("overcomes", "sotorasib", "alpelisib", "PI3K_MTOR"),
        id="overcome_resistance_named_by_its_driver"),
    pytest.param(
        "Sotorasib plus RMC-4630 was tolerable in NSCLC. Glecirasib combined with the SHP2 "
        "inhibitor JAB-3312 gave high response rates in first-line NSCLC.",
        ("relation", "drug", "partner"),
        ("combination", "glecirasib", "sitneprotafib"),
        id="class_in_apposition_to_its_drug_is_no_anaphor"),
    pytest.param(
        "Cetuximab plus elironrasib is being tested in KRAS G12C colorectal cancer.",
        ("relation", "drug", "partner"),
        ("combination", "elironrasib", "cetuximab"),
        id="code_named_kras_inhibitor_under_its_inn_is_the_focus_drug"),
    pytest.param(
        "Cetuximab and the MEK inhibitor binimetinib each improved growth control when added to "
        "encorafenib in colorectal cancer cells.",
        ("relation", "drug", "partner"),
        ("combination", "encorafenib", "binimetinib"),
        id="each_listed_agent_when_added_to_the_drug"),
    pytest.param(
        "In the adagrasib–cetuximab arm of KRYSTAL-10, liver toxicity was rare.",
        ("relation", "drug", "partner"),
        ("combination", "adagrasib", "cetuximab"),
        id="dash_joined_regimen_arm"),
    pytest.param(
        "Divarasib given concurrently with pembrolizumab raised liver enzymes in NSCLC.",
        ("relation", "drug", "partner"),
        ("combination", "divarasib", "pembrolizumab"),
        id="agent_given_concurrently_with"),
    pytest.param(
        "Sotorasib seems to combine safely with carboplatin in NSCLC.",
        ("relation", "drug", "partner"),
        ("combination", "sotorasib", "carboplatin"),
        id="agent_combines_adverb_with"),
    pytest.param(
        "Adagrasib and cetuximab were later layered onto FOLFOX in colorectal cancer.",
        ("relation", "drug", "partner"),
        ("combination", "adagrasib", "cetuximab;chemotherapy"),
        id="regimen_layered_onto_a_backbone"),
    pytest.param(
        "Palbociclib enhanced divarasib activity in pancreatic cancer cells.",
        ("relation", "drug", "partner"),
        ("combination", "divarasib", "palbociclib"),
        id="partner_enhanced_the_drugs_activity"),
    pytest.param(
        "Glecirasib and garsorasib are both being tested with cetuximab in colorectal cancer.",
        ("relation", "drug", "partner"),
        ("combination", "garsorasib", "cetuximab"),
        id="listed_agents_each_tested_with_a_partner"),
    pytest.param(
        "Responses were durable when sotorasib was added to continued osimertinib.",
        ("relation", "drug", "partner"),
        ("combination", "sotorasib", "osimertinib"),
        id="added_to_the_continued_drug"),
    pytest.param(
        "Tovorafenib, which occupies the ATP-binding pocket of BRAF, was well tolerated.",
        ("relation", "drug", "target"),
        ("inhibits", "tovorafenib", "BRAF"),
        id="agent_occupies_the_pocket_of_its_target"),
    pytest.param(
        "BI-3406 blocks the SOS1–KRAS interaction in pancreatic cancer cells.",
        ("relation", "drug", "target"),
        ("inhibits", "BI-3406", "KRAS"),
        id="blocked_interaction_names_both_partners"),
    pytest.param(
        "BI-3406, which binds the catalytic domain of SOS1, keeps KRAS in the GDP-loaded state.",
        ("relation", "drug", "target"),
        ("inhibits", "BI-3406", "KRAS"),
        id="keeps_the_target_gdp_loaded_after_a_relative_clause"),
    pytest.param(
        "Olomorasib is being paired with pembrolizumab in first-line NSCLC.",
        ("relation", "drug", "partner"),
        ("combination", "olomorasib", "pembrolizumab"),
        id="agent_is_being_paired_with"),
    pytest.param(
        "Divarasib and glecirasib were tested in NSCLC. They also block KRAS signalling.",
        ("relation", "drug", "target"),
        ("inhibits", "glecirasib", "KRAS"),
        id="they_after_two_agents_is_an_anaphor"),
    pytest.param(
        "In colorectal cancer, resistance to sotorasib results from newly acquired KRAS or NRAS "
        "mutations.",
        ("relation", "target", "mechanism"),
        ("resistance", "KRAS", "SECONDARY_KRAS_ALTERATION"),
        id="kras_listed_with_or_stays_a_secondary_kras_alteration"),
    pytest.param(
        "AURKA supports adaptation to sotorasib by keeping newly synthesised KRAS G12C in its "
        "GTP-bound state.",
        ("relation", "drug", "target"),
        ("resistance", "sotorasib", "AURKA"),
        id="gene_that_supports_an_adaptation_is_its_mediator"),
    pytest.param(
        "We sequenced plasma DNA at progression from 20 patients with NSCLC treated with sotorasib. "
        "Putative resistance alterations were found in nine patients. One further patient had "
        "undergone squamous cell transformation.",
        ("relation", "drug", "mechanism", "cancer"),
        ("resistance", "sotorasib", "HISTOLOGIC_TRANSFORMATION", "lung non-small cell carcinoma"),
        id="agentless_resistance_statement_carries_to_the_next_mechanism"),
    pytest.param(
        "In 30 patients with NSCLC progressing on adagrasib, putative resistance alterations were "
        "found in 12. They comprised secondary KRAS mutations and MET amplification. Two further "
        "patients had undergone squamous cell transformation.",
        ("relation", "drug", "mechanism"),
        ("resistance", "adagrasib", "HISTOLOGIC_TRANSFORMATION"),
        id="a_sentence_of_resistance_findings_goes_on_to_the_next"),
    pytest.param(
        "Allosteric SHP2 inhibitors lock the enzyme in a closed, auto-inhibited conformation.",
        ("relation", "drug", "target"), ("inhibits", "SHP2 inhibitor", "PTPN11"),
        id="the_enzyme_is_the_class_own_target"),
    pytest.param(
        "Defactinib, an ATP-competitive FAK inhibitor, blocks its autophosphorylation at Tyr397.",
        ("relation", "drug", "target"), ("inhibits", "defactinib", "PTK2"),
        id="its_autophosphorylation_is_the_drug_own_target"),
    pytest.param(
        "The solvent-front mutation ALK G1202R confers resistance to alectinib but is still "
        "inhibited by lorlatinib.",
        ("relation", "drug", "target", "assertion"), ("inhibits", "lorlatinib", "ALK", "affirmed"),
        id="passive_inhibited_by_names_the_target_first"),
    pytest.param(
        "Amivantamab, a bispecific antibody directed against EGFR and MET, is approved in NSCLC.",
        ("relation", "drug", "target"), ("inhibits", "amivantamab", "MET"),
        id="directed_against_a_coordinated_list"),
    pytest.param(
        "SHP2 blockade shifts KRAS G12C toward the inactive GDP-bound form.",
        ("relation", "drug", "target"), ("inhibits", "SHP2 inhibitor", "KRAS"),
        id="shifting_a_protein_to_its_inactive_form"),
    pytest.param(
        "All approved G12C inhibitors act on the inactive state: they capture KRAS G12C only after "
        "GTP hydrolysis.",
        ("relation", "drug", "target"), ("inhibits", "KRAS G12C inhibitor", "KRAS"),
        id="capturing_the_target"),
    pytest.param(
        "Blocking TEAD palmitoylation with VT104 restored sensitivity in these cells.",
        ("relation", "drug", "target"), ("inhibits", "VT104", "TEAD"),
        id="blocking_a_modification_of_the_target_with_an_agent"),
    pytest.param(
        "In these cells sotorasib did not inhibit EGFR.",
        ("relation", "drug", "target", "assertion"), ("inhibits", "sotorasib", "EGFR", "negated"),
        id="negation_inside_the_claim"),
    pytest.param(
        "MET is not blocked by sotorasib.",
        ("relation", "drug", "target", "assertion"), ("inhibits", "sotorasib", "MET", "negated"),
        id="negated_passive"),
    pytest.param(
        "In EGFR-mutant NSCLC, MET amplification is detected in tumours progressing on osimertinib. "
        "Adding savolitinib, a selective MET tyrosine kinase inhibitor, to continued osimertinib "
        "restored disease control in this setting.",
        ("relation", "drug", "partner", "mechanism"),
        ("overcomes", "osimertinib", "savolitinib", "BYPASS_ALTERATION"),
        id="apposition_naming_a_gene_and_a_class_is_one_drug"),
    pytest.param(
        "In KRAS G12C lung adenocarcinoma models, tumours relapsing on adagrasib showed increased "
        "phosphorylation of RPS6, through which mTORC1 drives escape. Everolimus, when added to "
        "adagrasib, delayed relapse.",
        ("relation", "partner", "mechanism"), ("overcomes", "everolimus", "PI3K_MTOR"),
        id="partner_target_process_stated_in_the_paragraph"),
    pytest.param(
        "Compound ALK mutations confer resistance to lorlatinib in NSCLC, and MET amplification "
        "accounts for further relapses on lorlatinib. In case reports, lorlatinib given together "
        "with crizotinib re-sensitised these tumours.",
        ("relation", "partner", "target", "mechanism"),
        ("overcomes", "crizotinib", "MET", "BYPASS_ALTERATION"),
        id="partner_mediator_not_the_drug_own_target"),
    pytest.param(
        "Patients with colorectal cancer were randomised to sotorasib at 960 mg or 240 mg daily plus "
        "panitumumab, or to regorafenib.",
        ("relation", "drug", "partner"), ("combination", "sotorasib", "panitumumab"),
        id="alternative_doses_between_arm_agents"),
    pytest.param(
        "KRYSTAL-7 combined adagrasib with full-dose pembrolizumab in NSCLC.",
        ("relation", "drug", "partner"), ("combination", "adagrasib", "pembrolizumab"),
        id="dose_modifier_before_the_partner"),
    pytest.param(
        "A third arm added binimetinib to encorafenib and cetuximab in colorectal cancer.",
        ("relation", "drug", "partner"), ("combination", "encorafenib", "binimetinib;cetuximab"),
        id="added_x_to_a_doublet_the_base_is_the_drug"),
    pytest.param(
        "FLAURA2 added platinum and pemetrexed to osimertinib in EGFR-mutant NSCLC.",
        ("relation", "drug", "partner_id"), ("combination", "osimertinib", "DB00642;CLASS:PLATINUM"),
        id="platinum_is_platinum_based_chemotherapy"),
    pytest.param(
        "Table 2. Combination trials\nDrug | Partner | Phase | Cancer\nSotorasib | Panitumumab | III | CRC\n"
        "Adagrasib | Pembrolizumab | III | NSCLC\n",
        ("relation", "drug", "partner", "cancer"), ("combination", "adagrasib", "pembrolizumab",
                                                    "lung non-small cell carcinoma"),
        id="pipe_table_row_with_drug_and_partner_cells"),
    pytest.param(
        "MET amplification causes resistance to KRAS G12C inhibitors in NSCLC. In these cells, crizotinib "
        "restored sensitivity to both sotorasib and adagrasib, and capmatinib had the same effect.",
        ("relation", "drug", "partner"), ("overcomes", "adagrasib", "crizotinib"),
        id="restored_sensitivity_to_each_of_two_drugs"),
    pytest.param(
        "SHP2 inhibitors block SHP2. When TNO155 was added, the adaptive RTK feedback seen after sotorasib "
        "exposure was blunted and sensitivity was restored in lung cancer models.",
        ("relation", "drug", "partner", "mechanism"), ("overcomes", "sotorasib", "TNO155", "RTK_FEEDBACK"),
        id="when_x_was_added_and_passive_overcome_wording"),
    pytest.param(
        "Figure 5. Cetuximab delays EGFR-driven resistance to adagrasib in colorectal cancer PDX models.",
        ("relation", "drug", "partner", "target"), ("overcomes", "adagrasib", "cetuximab", "EGFR"),
        id="delays_driver_named_resistance_to_a_drug"),
    pytest.param(
        "Four models showed increased ERBB-family phosphorylation. In these models, afatinib, an "
        "irreversible pan-ERBB inhibitor, restored adagrasib sensitivity.",
        ("relation", "drug", "partner"), ("overcomes", "adagrasib", "afatinib"),
        id="apposition_of_a_family_class"),
    pytest.param(
        "When adaptive RTK signalling reactivates RAS, SOS1 inhibitors (BI 1701963) restore sensitivity "
        "to sotorasib in preclinical models.",
        ("relation", "drug", "partner"), ("overcomes", "sotorasib", "SOS1 inhibitor"),
        id="plural_class_with_one_example_keeps_the_class"),
    pytest.param(
        "Lung cancer cell lines with low sensitivity to ARS-1620 kept phospho-S6. Everolimus, an "
        "allosteric mTORC1 inhibitor, restored ARS-1620 sensitivity in these models.",
        ("relation", "drug", "partner"), ("overcomes", "ARS-1620", "everolimus"),
        id="restored_hyphenated_drug_sensitivity_is_overcome_wording"),
    pytest.param(
        "After 14 days, surviving HPAC pancreatic cancer cells showed elevated phospho-EGFR that kept RAS "
        "active despite MRTX1133. Afatinib restored MRTX1133 sensitivity by blocking EGFR and HER2.",
        ("relation", "partner", "target"), ("overcomes", "afatinib", "ERBB2"),
        id="one_overcomes_row_per_partner_target"),
    pytest.param(
        "Immunoblots 6 h after the last dose: palbociclib lowered phospho-RB, and adagrasib diminished pERK.",
        ("relation", "drug", "target"), ("inhibits", "palbociclib", "RB1"),
        id="readout_lowered_before_a_comma"),
    pytest.param(
        "Paired biopsies showed that cetuximab prevented the early rise in EGFR phosphorylation.",
        ("relation", "drug", "target"), ("inhibits", "cetuximab", "EGFR"),
        id="prevented_the_rise_in_target_phosphorylation"),
    pytest.param(
        "Cetuximab and panitumumab are monoclonal antibodies directed against the extracellular domain "
        "of EGFR.",
        ("relation", "drug", "target"), ("inhibits", "panitumumab", "EGFR"),
        id="directed_against_a_domain_of_the_target"),
    pytest.param(
        "Compound ALK mutations confer resistance to lorlatinib in NSCLC, and MET amplification accounts "
        "for a further subset of relapses on lorlatinib. In case reports, lorlatinib given together with "
        "crizotinib re-sensitised MET-amplified tumours.",
        ("relation", "partner", "mechanism"), ("overcomes", "crizotinib", "BYPASS_ALTERATION"),
        id="model_defined_by_its_alteration_names_the_process_overcome"),
    pytest.param(
        "In KRAS G12C NSCLC cells, pERK rebounded within 48 h of sotorasib exposure through reactivation "
        "of MAPK signalling. RMC-4550 abrogated wild-type RAS activation, and combining it with sotorasib "
        "produced durable ERK suppression and restored sensitivity.",
        ("relation", "partner", "mechanism"), ("overcomes", "RMC-4550", "MAPK_REACTIVATION"),
        id="the_one_process_the_paragraph_stated_is_the_one_overcome"),
    pytest.param(
        "Activating PIK3CA mutations, present in about 30% of HER2-positive breast cancers, are "
        "associated with reduced benefit from trastuzumab.",
        ("relation", "target", "mechanism"), ("resistance", "PIK3CA", "PI3K_MTOR"),
        id="baseline_activating_mutation_drives_its_pathway"),
    pytest.param(
        "Small molecules such as BI-3406 and its clinical analogue BI 1701963 prevent the SOS1–KRAS "
        "interaction.",
        ("relation", "drug", "target"), ("inhibits", "BI-3406", "SOS1"),
        id="a_drug_and_its_clinical_analogue_are_a_list"),
    pytest.param(
        "Garsorasib likewise attaches covalently to Cys12 of KRAS G12C, and its phase 2 trial in NSCLC "
        "reported an ORR of 50%.",
        ("relation", "drug", "target", "cancer"), ("inhibits", "garsorasib", "KRAS", ""),
        id="cancer_of_a_coordinated_clause_is_not_the_inhibits_claim"),
    pytest.param(
        "Lung cancer cells made resistant to sotorasib by chronic exposure underwent epithelial-to-"
        "mesenchymal transition, losing E-cadherin. In xenografts of these cells, sotorasib combined "
        "with the SHP2 inhibitor SHP099 restored tumour control.",
        ("relation", "partner", "cancer"), ("overcomes", "SHP099", "lung cancer"),
        id="xenografts_of_these_cells_keep_the_cells_cancer"),
    pytest.param(
        "There are indications that CDK4/6 inhibitors may also delay resistance to sotorasib in CRC, "
        "where cell-cycle escape has been observed after prolonged treatment.",
        ("relation", "drug", "mechanism"), ("overcomes", "sotorasib", "CELL_CYCLE"),
        id="cell_cycle_escape_is_a_mechanism"),
    pytest.param(
        "We profiled biopsies from patients with melanoma progressing on dabrafenib. MAPK-reactivating "
        "events were found in 17 of them: NRAS Q61 mutations (n = 6), BRAF amplification (n = 5) and "
        "MAP2K2 mutations (n = 2).",
        ("relation", "target", "mechanism"), ("resistance", "NRAS", "MAPK_REACTIVATION"),
        id="alterations_listed_after_the_process_they_drive"),
])
def test_claim_found(extract, text, fields, key):
    """One claim a sentence or two of field prose must yield (rules 1.34-1.78)."""
    rows = extract(text)
    assert key in keyset(rows, *fields), rows


def test_family_inhibitor_is_not_narrowed_to_a_mutated_member(extract):
    rows = extract("Resistance to dabrafenib arose through activating MAP2K1 mutations. Combined BRAF and "
                   "MEK inhibition with dabrafenib plus trametinib delayed this resistance.")
    ovc = [r for r in rows if r["relation"] == "overcomes" and r["partner"] == "trametinib"]
    assert ovc and all(r["target"] != "MAP2K1" for r in ovc), rows


def test_preventing_the_emergence_of_persisters_is_overcoming(extract):
    rows = extract("In EGFR-mutant lung adenocarcinoma cells, resistance to osimertinib was mediated by AXL. "
                   "The AXL inhibitor bemcentinib, given together with osimertinib, prevented the emergence "
                   "of drug-tolerant persisters.")
    rows = [r for r in rows if r["relation"] != "resistance"]
    assert keyset(rows, "relation", "drug", "partner") == {("overcomes", "osimertinib", "bemcentinib")}, rows


def test_paragraph_cancer_of_the_cell_line_the_sentence_names(extract):
    rows = extract("MIA PaCa-2-R pancreatic cancer cells acquired a MAP2K1 K57N mutation, while SW837-R "
                   "colorectal cancer cells upregulated FGFR1. In SW837-R cells, combining adagrasib with "
                   "the FGFR inhibitor futibatinib re-established growth arrest.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert ovc and {r["cancer"] for r in ovc} == {"colorectal cancer"}, rows


def test_added_agent_with_a_relative_clause(extract):
    rows = extract("In KRAS G12C-mutant NSCLC cells, adding TNO155, which blocks SHP2, to sotorasib "
                   "abrogated this feedback and restored sensitivity to the KRAS inhibitor.")
    combos = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert combos == {("sotorasib", "TNO155")}, rows


def test_long_partner_list_is_an_enumeration_of_arms(extract):
    rows = extract("CodeBreaK 101 is a master protocol in which sotorasib is combined with, among others, "
                   "afatinib, trametinib, palbociclib, everolimus, pembrolizumab and carboplatin-pemetrexed.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "sotorasib", p) for p in ("afatinib", "trametinib", "palbociclib", "everolimus",
                                                  "pembrolizumab", "carboplatin;pemetrexed")}, rows


def test_numbered_anaphor_takes_a_sentence_with_that_many_agents(extract):
    rows = extract("Sotorasib and adagrasib are approved, while divarasib and glecirasib remain "
                   "investigational. All four bind covalently to the switch II pocket of KRAS G12C.")
    assert keyset(rows, "relation", "drug") == {
        ("inhibits", d) for d in ("sotorasib", "adagrasib", "divarasib", "glecirasib")}, rows
    rows = extract("Sotorasib was approved in 2021. All four cases had progressed on EGFR inhibitors.")
    assert not rows, rows


def test_alternatives_before_with_distribute(extract):
    rows = extract("In PDAC xenografts, feedback signalling through EGFR limited the durability of MRTX1133; "
                   "co-administration of cetuximab or afatinib with MRTX1133 abrogated this feedback.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert keyset(ovc, "drug", "partner", "mechanism") == {
        ("MRTX1133", "cetuximab", "RTK_FEEDBACK"), ("MRTX1133", "afatinib", "RTK_FEEDBACK")}, rows


def test_g12d_inhibitor_is_its_own_class_and_an_apposition(extract):
    rows = extract("The KRAS G12D inhibitor MRTX1133 was combined with cetuximab in PDAC models.")
    assert keyset(rows, "relation", "drug", "partner") == {("combination", "MRTX1133", "cetuximab")}, rows


def test_cancer_in_a_contrast_frame_is_not_the_claims(extract):
    rows = extract("In contrast to colorectal cancer, sotorasib plus afatinib added little in NSCLC.")
    assert {r["cancer"] for r in rows} == {"lung non-small cell carcinoma"}, rows


def test_adding_an_agent_to_a_doublet_is_a_triplet(extract):
    rows = extract("Adding trametinib to sotorasib plus panitumumab is being explored in CodeBreaK 101.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "sotorasib", "panitumumab;trametinib")}, rows


def test_flattened_table_rows_pair_their_first_two_agents(extract):
    rows = extract("Table 3 Ongoing combinations Agent A Agent B Tumour Phase NCT\n"
                   "encorafenib binimetinib BRAF V600E NSCLC II NCT03915951\n"
                   "adagrasib cetuximab KRAS G12C CRC III NCT04793958\n")
    assert keyset(rows, "relation", "drug", "partner", "cancer") == {
        ("combination", "encorafenib", "binimetinib", "lung non-small cell carcinoma"),
        ("combination", "adagrasib", "cetuximab", "colorectal cancer")}, rows


def test_two_added_partners_join_the_paragraphs_drug_not_each_other(extract):
    rows = extract("In MIA PaCa-2 xenografts, adagrasib caused regression followed by regrowth. Regrowing "
                   "tumours showed recovery of pERK. Adding the SHP2 inhibitor TNO155 prevented regrowth, "
                   "whereas adding everolimus, which blocks mTOR, delayed regrowth without preventing it.")
    combos = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert combos == {("adagrasib", "TNO155"), ("adagrasib", "everolimus")}, rows


def test_mechanistic_inhibition_verbs_and_a_negation_kept_in_its_clause(extract):
    rows = extract("Sotorasib and adagrasib attach covalently to the mutant cysteine of KRAS G12C. Held in "
                   "this inactive state, KRAS G12C can no longer engage RAF, so both drugs shut down MAPK "
                   "signalling.")
    assert keyset(rows, "relation", "drug", "target", "assertion") == {
        ("inhibits", d, t, "affirmed") for d in ("sotorasib", "adagrasib") for t in ("KRAS", "MAPK")}, rows


def test_classes_realised_by_drugs_and_the_class_naming_the_drug_again(extract):
    rows = extract("Dual BRAF/MEK blockade with dabrafenib and trametinib delays the MAPK reactivation that "
                   "limits BRAF inhibitor monotherapy in BRAF V600E melanoma.")
    # (the relative clause states the class's resistance in a clause of its own, 7.13: curators of
    # dev5 and dev9 both code it; rules 1.212.0)
    assert keyset(rows, "relation", "drug", "partner", "mechanism") == {
        ("overcomes", "dabrafenib", "trametinib", "MAPK_REACTIVATION"),
        ("resistance", "BRAF inhibitor", "", "MAPK_REACTIVATION")}, rows


def test_directed_antibodies_with_examples_keep_the_class(extract):
    rows = extract("Primary resistance to EGFR-directed antibodies such as cetuximab and panitumumab in "
                   "colorectal cancer is explained by activating mutations in KRAS and NRAS.")
    assert {r["drug"] for r in rows} == {"anti-EGFR antibody"}, rows


def test_the_regimen_patients_progressed_on_is_no_combination_row(extract):
    rows = extract("We analysed biopsies from 12 patients with BRAF V600E colorectal cancer who progressed "
                   "on encorafenib plus cetuximab.")
    assert not [r for r in rows if r["relation"] in ("combination", "overcomes")], rows


def test_partner_target_is_what_it_adds_to_the_drug(extract):
    rows = extract("In ALK-positive NSCLC, MET amplification is an escape route after lorlatinib and may "
                   "respond to the addition of crizotinib.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert keyset(ovc, "drug", "partner", "target") == {("lorlatinib", "crizotinib", "MET")}, rows


def test_contrasted_cancer_is_not_inherited(extract):
    rows = extract("In BRAF V600E-mutant colorectal cancer, BRAF inhibition alone yields low response rates, "
                   "in sharp contrast to melanoma. The difference lies in rapid feedback activation of EGFR.")
    res = [r for r in rows if r["relation"] == "resistance"]
    assert res and {r["cancer"] for r in res} == {"colorectal cancer"}, rows


@pytest.mark.parametrize("text, drug, target", [
    ("Adagrasib lowered KRAS–GTP levels in all lines within 2 h.", "adagrasib", "KRAS"),
    ("Elironrasib, by contrast, selectively binds the active, GTP-bound form of KRAS G12C.", "elironrasib",
     "KRAS"),
    ("Daraxonrasib was developed as a RAS(ON) compound. It inhibits mutant and wild-type NRAS alike.",
     "daraxonrasib", "NRAS"),
])
def test_more_inhibition_phrasings(extract, text, drug, target):
    rows = extract(text)
    assert ("inhibits", drug, target) in keyset(rows, "relation", "drug", "target"), rows


def test_knockdown_that_deepens_inhibition_is_not_an_inhibits_claim(extract):
    rows = extract("Knockdown of PTPN11 (SHP2) by siRNA deepened the growth inhibition by sotorasib.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_cell_line_keeps_the_cancer_the_paragraph_stated_for_it(extract):
    rows = extract("Figure 2. (A) Immunoblots of SW837 colorectal cancer cells treated with adagrasib. "
                   "(B) Adagrasib plus cetuximab induces durable regression of SW837 xenografts.")
    combos = [r for r in rows if r["relation"] == "combination"]
    assert combos and {r["cancer"] for r in combos} == {"colorectal cancer"}, rows


def test_process_carried_by_its_mediators_gets_no_targetless_row(extract):
    rows = extract("KEAP1 and STK11 co-mutations define a subset of KRAS G12C NSCLC with poor outcomes on "
                   "sotorasib, reflecting an immunologically cold microenvironment.")
    res = [r for r in rows if r["relation"] == "resistance"]
    assert keyset(res, "target", "mechanism") == {
        ("KEAP1", "IMMUNE_EVASION"), ("STK11", "IMMUNE_EVASION")}, rows


def test_alterations_said_to_drive_a_process_take_its_code(extract):
    rows = extract("In BRAF V600E-mutant melanoma, acquired resistance to vemurafenib most often reactivates "
                   "MAPK signalling, through NRAS mutations, BRAF amplification or activating MAP2K1 "
                   "mutations.")
    assert keyset(rows, "relation", "target", "mechanism") == {
        ("resistance", g, "MAPK_REACTIVATION") for g in ("NRAS", "BRAF", "MAP2K1")}, rows


def test_genes_listed_before_alterations_are_altered(extract):
    rows = extract("Among patients progressing on sotorasib, circulating tumour DNA most often showed new "
                   "KRAS, NRAS or MAP2K1 alterations.")
    assert keyset(rows, "target", "mechanism") == {("KRAS", "SECONDARY_KRAS_ALTERATION"),
                                                   ("NRAS", "BYPASS_ALTERATION"),
                                                   ("MAP2K1", "BYPASS_ALTERATION")}, rows


def test_what_a_study_looked_for_is_no_finding(extract):
    rows = extract("Tissue biopsies at progression on sotorasib were reviewed by two pathologists for "
                   "histologic transformation.")
    assert not rows, rows


@pytest.mark.parametrize("text, drug, partner", [
    ("SHP2 inhibitors have little single-agent activity but may be ideal partners for KRAS G12C inhibitors.",
     "KRAS G12C inhibitor", "SHP2 inhibitor"),
    ("Toxicity could limit the dose of MEK inhibitors when they are paired with KRAS G12C inhibitors.",
     "KRAS G12C inhibitor", "MEK inhibitor"),
    ("Pairing ARS-1620 with an FGFR inhibitor or with linsitinib was tested in xenografts.",
     "ARS-1620", "linsitinib"),
])
def test_pairing_phrasings(extract, text, drug, partner):
    rows = extract(text)
    assert (drug, partner) in keyset(rows, "drug", "partner"), rows


def test_recovery_after_a_contrast_escaped_the_combination(extract):
    rows = extract("Ulixertinib deepened MAPK suppression when added to sotorasib in vitro, yet pERK "
                   "recovered within 48 h in most models.")
    assert ("combination", "sotorasib", "ulixertinib") in keyset(rows, "relation", "drug", "partner"), rows
    assert not [r for r in rows if r["relation"] == "overcomes"], rows


def test_process_named_by_its_driver_is_the_agents_target_only_if_known(extract):
    rows = extract("Sotorasib blocks SOS1-catalysed nucleotide exchange on KRAS G12C. BI 1701963 blocks "
                   "SOS1-mediated nucleotide exchange.")
    inh = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert ("BI 1701963", "SOS1") in inh and ("sotorasib", "SOS1") not in inh, rows


def test_growth_of_cells_carrying_a_variant_is_no_inhibition_of_it(extract):
    rows = extract("Y96D cells were resistant to adagrasib at doses that suppressed the growth of "
                   "KRAS G12C-only controls.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_each_flattened_table_row_keeps_its_own_cancer(extract):
    rows = extract("Trial | Regimen | Setting\nKRYSTAL-7 | adagrasib + pembrolizumab | first-line NSCLC\n"
                   "KRYSTAL-10 | adagrasib + cetuximab | second-line CRC\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "partner", "cancer")
    assert got == {("pembrolizumab", "lung non-small cell carcinoma"),
                   ("cetuximab", "colorectal cancer")}, rows


def test_cancers_only_compared_against_leave_the_paragraphs_cancer(extract):
    rows = extract("In KRAS G12C-mutant PDAC, adagrasib produced short responses. Resistance here is "
                   "studied far less than in lung or colorectal cancer, but acquired KRAS mutations "
                   "were found in patients progressing on adagrasib.")
    res = [r for r in rows if r["relation"] == "resistance"]
    assert res and {r["cancer"] for r in res} == {"pancreatic ductal adenocarcinoma"}, rows


def test_partner_target_is_what_it_adds_even_when_the_drugs_own_target_was_a_mediator(extract):
    rows = extract("ALK G1202R confers resistance to alectinib in NSCLC. After lorlatinib, MET "
                   "amplification emerges, and adding crizotinib to lorlatinib restored responses.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "target")
    assert got == {("lorlatinib", "crizotinib", "MET")}, rows


def test_anaphor_of_a_multi_target_drug_gives_no_claim(extract):
    """"its activity" names one target only for an agent with one known target."""
    rows = extract("Lorlatinib, a third-generation inhibitor, blocks its activity in these cells.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_negation_in_another_clause_does_not_negate(extract):
    rows = extract("Trametinib, which was not tolerated at full dose, inhibits MEK in these cells.")
    assert ("inhibits", "trametinib", "affirmed") in keyset(rows, "relation", "drug", "assertion"), rows


def test_an_experiment_finding_takes_the_experiment_cancer_but_pharmacology_does_not(extract):
    """GUIDELINES 3: the cancer of the experimental system named earlier in the paragraph goes
    to a finding ("sotorasib lowered pERK"); a relative clause giving a drug's pharmacology
    ("crizotinib, which inhibits MET") states no experiment and takes none."""
    setting = ("We treated KRAS G12C-mutant colorectal cancer cell lines SW837 and C106 with "
               "sotorasib. ")
    rows = extract(setting + "Sotorasib lowered pERK within 4 h in both lines.")
    assert ("inhibits", "sotorasib", "ERK", "colorectal cancer") in keyset(
        rows, "relation", "drug", "target", "cancer"), rows
    rows = extract(setting + "Adding crizotinib, which inhibits MET, to sotorasib restored growth "
                   "arrest in both lines.")
    assert ("inhibits", "crizotinib", "MET", "") in keyset(rows, "relation", "drug", "target", "cancer"), rows


def test_a_trial_named_by_a_code_is_not_a_drug(extract):
    rows = extract("In the NEJ026 trial, adding bevacizumab to erlotinib prolonged PFS in EGFR-mutant NSCLC.")
    assert {r["drug"] for r in rows} == {"erlotinib"}, rows
    assert all("NEJ026" not in r["partner"] for r in rows), rows


def test_genotype_of_the_model_is_not_the_mediator_alteration(extract):
    rows = extract("In most KRAS G12C-mutant models, pERK recovers within 24 hours of sotorasib exposure.")
    res = [r for r in rows if r["relation"] == "resistance" and r["target"] == "ERK"]
    assert res and all(r["mechanism"] == "MAPK_REACTIVATION" for r in res), rows


def test_transcriptional_down_regulation_is_not_inhibition(extract):
    rows = extract("Sotorasib reduced DUSP6 expression in H358 cells.")
    assert not [r for r in rows if r["relation"] == "inhibits" and r["target"] == "DUSP6"], rows


def test_regimen_taken_into_a_trial_is_also_a_combination(extract):
    rows = extract("In CDKN2A-null NSCLC xenografts, adagrasib plus palbociclib overcame resistance and "
                   "produced deeper regressions than either drug alone; the doublet is being evaluated "
                   "clinically in KRYSTAL-16 (NCT05178888).")
    keys = keyset(rows, "relation", "drug", "partner", "effect", "cancer")
    nsclc = "lung non-small cell carcinoma"
    assert ("overcomes", "adagrasib", "palbociclib", "positive", nsclc) in keys, rows
    assert ("combination", "adagrasib", "palbociclib", "unknown", "") in keys, rows


def test_amplified_kras_variant_allele_is_a_secondary_alteration(extract):
    rows = extract("Among patients progressing on sotorasib, resistance was explained by NRAS mutations "
                   "and by focal amplification of the KRAS G12C allele.")
    res = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("KRAS", "SECONDARY_KRAS_ALTERATION") in res, rows
    assert ("KRAS", "BYPASS_ALTERATION") not in res, rows
    assert ("NRAS", "BYPASS_ALTERATION") in res, rows


def test_cancer_of_a_negated_contrast_clause_is_not_the_combinations(extract):
    rows = extract("Trametinib plus sotorasib overcame adaptive resistance in NSCLC xenografts, whereas "
                   "the doublet has not been tested in pancreatic cancer.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert {r["cancer_id"] for r in ovc} == {"DOID:3908"}, ovc
    # an affirmed contrasting clause keeps its cancer
    rows = extract("Afatinib sensitised NSCLC cells to adagrasib, whereas in pancreatic cancer lines the "
                   "combination was only additive.")
    combo = [r for r in rows if r["relation"] in ("combination", "overcomes")]
    assert "DOID:1793" in {r["cancer_id"] for r in combo}, combo


def test_partner_preventing_rebound_under_a_drug_overcomes(extract):
    rows = extract("In H2122 xenografts, the SHP2 inhibitor TNO155 prevented the pERK rebound under "
                   "adagrasib.")
    assert ("overcomes", "adagrasib", "TNO155", "MAPK_REACTIVATION") in keyset(
        rows, "relation", "drug", "partner", "mechanism"), rows


def test_subject_pronoun_before_the_sentences_own_agents(extract):
    rows = extract("Elironrasib is a RAS(ON) inhibitor. Because it binds the active form of KRAS G12C, "
                   "it stays potent after adagrasib has failed.")
    assert ("inhibits", "elironrasib", "KRAS") in keyset(rows, "relation", "drug", "target"), rows


def test_tricomplex_with_the_active_form_of_a_target(extract):
    rows = extract("Daraxonrasib forms a tri-complex with cyclophilin A and the GTP-bound form of RAS.")
    assert ("inhibits", "RAS") in keyset(rows, "relation", "target"), rows


def test_genes_a_drug_inhibits_are_not_mediators_of_another_drugs_resistance(extract):
    rows = extract("Because pan-RAS inhibitors block wild-type KRAS, NRAS and HRAS, they remain active "
                   "against tumours with acquired resistance to sotorasib.")
    res = [r for r in rows if r["relation"] == "resistance"]
    assert not {"NRAS", "HRAS"} & {r["target"] for r in res}, res
    # a relative clause still names the target a mediator
    rows = extract("Pan-RAS inhibitors also block wild-type RAS, which drives adaptive MAPK rebound "
                   "under sotorasib.")
    assert ("resistance", "sotorasib", "RAS") in keyset(rows, "relation", "drug", "target"), rows


def test_inhibits_takes_every_model_of_the_opening_frame(extract):
    rows = extract("In MIA PaCa-2 pancreatic cancer cells and H2030 lung cancer cells, divarasib "
                   "lowered pERK within 2 h.")
    inh = [r for r in rows if r["relation"] == "inhibits"]
    assert {r["cancer"] for r in inh} == {"pancreatic cancer", "lung cancer"}, inh


def test_same_effect_repeats_the_claim_with_the_new_partner(extract):
    rows = extract("In SW837 colorectal cancer cells engineered to overexpress MET, savolitinib restored "
                   "sensitivity to sotorasib, and tepotinib had the same effect.")
    ovc = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "target")
    assert {("sotorasib", "savolitinib", "MET"), ("sotorasib", "tepotinib", "MET")} <= ovc, rows
    # the drug named after "on" / "when paired with"
    rows = extract("TNO155 prevented the MAPK rebound that otherwise follows sotorasib, and RMC-4550 had "
                   "a similar effect when paired with divarasib.")
    assert ("overcomes", "divarasib", "RMC-4550", "MAPK_REACTIVATION") in keyset(
        rows, "relation", "drug", "partner", "mechanism"), rows
    # across sentences: the paragraph's latest combination claim
    rows = extract("Cetuximab reversed adaptive resistance to adagrasib in colorectal PDX models. Similar "
                   "reversal was seen with panitumumab and sotorasib in CRC organoids.")
    assert ("overcomes", "sotorasib", "panitumumab") in keyset(rows, "relation", "drug", "partner"), rows


def test_same_effect_without_an_earlier_combination_gives_nothing(extract):
    rows = extract("Trametinib had the same effect in KRAS-mutant colorectal cancer cells.")
    assert not [r for r in rows if r["relation"] in ("combination", "overcomes")], rows


def test_comutations_associated_with_shorter_survival_for_each_listed_drug(extract):
    rows = extract("In 312 patients with NSCLC treated with adagrasib or divarasib, co-mutations in KEAP1 "
                   "and SMARCA4 were associated with shorter progression-free and overall survival.")
    res = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert {("adagrasib", "KEAP1", "IMMUNE_EVASION"), ("divarasib", "KEAP1", "IMMUNE_EVASION"),
            ("adagrasib", "SMARCA4", ""), ("divarasib", "SMARCA4", "")} <= res, rows
    # a co-mutation is pre-existing: no acquired (bypass) code
    assert not [r for r in rows if r["mechanism"] == "BYPASS_ALTERATION"], rows


def test_alteration_emerging_after_a_drug_is_resistance(extract):
    rows = extract("After first-line lorlatinib, MET amplification emerged in 12% of patients with "
                   "ALK-positive NSCLC.")
    assert ("resistance", "lorlatinib", "MET", "BYPASS_ALTERATION") in keyset(
        rows, "relation", "drug", "target", "mechanism"), rows


def test_table_footnote_defining_abbreviations_states_no_combination(extract):
    rows = extract("Table 4. Doublets in colorectal cancer\nRegimen | Tumour | ORR (%)\n"
                   "Sotorasib + panitumumab | CRC | 26\n"
                   "FOLFOX, fluorouracil-based chemotherapy with oxaliplatin; ORR, objective response rate.")
    assert keyset(rows, "relation", "drug", "partner") == {("combination", "sotorasib", "panitumumab")}, rows


def test_table_run_together_on_one_line_gives_each_regimen_its_cancer(extract):
    rows = extract("Table 1. Trials Combination Trial Tumour type Phase Sotorasib + trametinib CodeBreaK 101 "
                   "CRC Ib Adagrasib + pembrolizumab KRYSTAL-7 NSCLC II Divarasib + cetuximab GO42144 CRC Ib")
    assert keyset(rows, "drug", "partner", "cancer_id") == {
        ("sotorasib", "trametinib", "DOID:9256"), ("adagrasib", "pembrolizumab", "DOID:3908"),
        ("divarasib", "cetuximab", "DOID:9256")}, rows


def test_table_cells_glued_without_separators(extract):
    rows = extract("Table 2. Ongoing trials\nInhibitorPartner(s)PhaseTumour typeStudy\n"
                   "DivarasibErlotinibIbNSCLCCodeBreaK 101\n"
                   "SotorasibTrametinib + panitumumabIbCRCCodeBreaK 101")
    assert keyset(rows, "drug", "partner", "cancer_id") == {
        ("divarasib", "erlotinib", "DOID:3908"), ("sotorasib", "panitumumab;trametinib", "DOID:9256")}, rows


def test_partner_cell_listing_several_agents_and_an_optional_one(extract):
    # "Trametinib; Cetuximab" lists partners tested one at a time; "TNO155 +/- tislelizumab" is
    # two arms (GUIDELINES 7.17); the row's cancer is in its own cell
    rows = extract("Trial | Inhibitor | Partner(s) | Population\n"
                   "CodeBreaK 101 | Sotorasib | Trametinib; Cetuximab; Palbociclib | Advanced solid tumours\n"
                   "KontRASt-01 | JDQ443 | TNO155 +/\u2013 tislelizumab | Advanced NSCLC\n")
    assert keyset(rows, "relation", "drug", "partner", "cancer_id") == {
        ("combination", "sotorasib", "trametinib", "DOID:162"),
        ("combination", "sotorasib", "cetuximab", "DOID:162"),
        ("combination", "sotorasib", "palbociclib", "DOID:162"),
        ("combination", "opnurasib", "TNO155", "DOID:3908"),
        ("combination", "opnurasib", "TNO155;tislelizumab", "DOID:3908")}, rows


def test_cancer_cell_of_a_table_row_is_every_regimens_of_the_row(extract):
    rows = extract("Trial\tRegimen\tSetting\nCodeBreaK 301\tSotorasib + panitumumab + FOLFIRI vs FOLFIRI "
                   "+/- bevacizumab\tFirst-line CRC\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "cancer_id")
    assert got == {("sotorasib", "DOID:9256"), ("chemotherapy", "DOID:9256")}, rows


def test_abbreviations_and_names_glued_to_the_number_cells_around_them(extract):
    # "GO42144CRC3158.27.5": a trial code, the tumour and N / ORR / mPFS run together;
    # "NRSotorasib": a "not reached" cell run into the next row's drug
    rows = extract("Table 4. Doublets in trials\nRegimenTrialTumourNORR (%)mPFS (months)"
                   "Divarasib + cetuximabGO42144CRC3158.27.5Adagrasib + pembrolizumabKRYSTAL-7NSCLC4857.0NR"
                   "Sotorasib + panitumumabCodeBreaK 300CRC5526.45.6")
    assert keyset(rows, "drug", "partner", "cancer_id") == {
        ("divarasib", "cetuximab", "DOID:9256"), ("adagrasib", "pembrolizumab", "DOID:3908"),
        ("sotorasib", "panitumumab", "DOID:9256")}, rows


def test_cancer_of_the_experiment_passes_to_their_xenografts_and_derived_models(extract):
    rows = extract("ALK-rearranged NSCLC cell lines resistant to lorlatinib showed activation of EGFR "
                   "and MET. Combining lorlatinib with TNO155 suppressed the growth of the resistant "
                   "cells and of their xenografts.")
    ovc = [r for r in rows if r["relation"] in ("overcomes", "combination") and r["partner"] == "TNO155"]
    assert ovc and {r["cancer_id"] for r in ovc} == {"DOID:3908"}, rows
    rows = extract("We profiled ctDNA from 30 patients with CRC who progressed on adagrasib plus cetuximab; "
                   "MAPK reactivation through NRAS mutations was common. In organoids derived from the "
                   "resistant tumours, adding ulixertinib to adagrasib prevented MAPK reactivation.")
    ovc = [r for r in rows if r["relation"] == "overcomes" and r["partner"] == "ulixertinib"]
    assert ovc and {r["cancer_id"] for r in ovc} == {"DOID:9256"}, rows


def test_the_added_agent_is_not_the_agent_resisted(extract):
    # passage n-013 of annotations/challenge/dev11.jsonl (team prose)
    rows = extract(
        "MET amplification is the most frequent off-target mechanism of resistance to first-line "
        "osimertinib, found in roughly 15% of progressing EGFR-mutant NSCLC tumours.[61] Adding a "
        "MET tyrosine kinase inhibitor can restore disease control in these patients: in the "
        "TATTON and SAVANNAH studies, osimertinib plus savolitinib produced objective responses "
        "in about a third of patients with MET-driven resistance, and in close to half of those "
        "with high-level MET overexpression or amplification.62,63")
    assert not [r for r in rows if r["relation"] == "resistance" and r["drug"] == "savolitinib"], rows
    assert ("overcomes", "osimertinib", "savolitinib", "BYPASS_ALTERATION") in keyset(
        rows, "relation", "drug", "partner", "mechanism"), rows


def test_relative_clause_with_a_singular_verb_has_the_last_agent_as_subject(extract):
    rows = extract("In KRAS G12C lung cancer lines, EGFR drove the feedback that limited divarasib, and "
                   "afatinib, which irreversibly blocks EGFR and HER2, was the most effective partner.")
    inh = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert ("afatinib", "EGFR") in inh and not [d for d, _ in inh if d == "divarasib"], rows


def test_inactivating_alterations_are_no_inhibits_verb(extract):
    rows = extract("In patients treated with KRAS G12C inhibitors, inactivating alterations in KEAP1 and "
                   "SMARCA4 were associated with shorter progression-free survival.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows
    res = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("SMARCA4", "") in res and ("KEAP1", "IMMUNE_EVASION") in res, rows


def test_both_tumour_types_refers_back_to_the_paragraphs_cancers(extract):
    rows = extract("In KRAS G12C lung and colorectal cancer cell lines, pERK rebounded within 48 hours of "
                   "sotorasib. Adding TNO155 prevented this rebound, and the effect was reproduced in "
                   "xenografts of both tumour types.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert ovc and {r["cancer_id"] for r in ovc} == {"DOID:1324", "DOID:9256"}, ovc


def test_driver_named_resistance_is_the_process_overcome(extract):
    rows = extract("Vertical combinations with SOS1 inhibitors may prevent adaptive RTK-driven resistance to "
                   "KRAS G12C inhibitors, whereas CDK4/6 inhibitors suit tumours that have lost CDKN2A.")
    ovc = [r for r in rows if r["relation"] == "overcomes" and r["partner"] == "SOS1 inhibitor"]
    assert ovc and {r["mechanism"] for r in ovc} == {"RTK_FEEDBACK"}, rows


def test_retained_pathway_activity_limiting_depth_of_response_and_its_back_reference(extract):
    rows = extract("Colorectal cancer cell lines often retain PI3K-AKT activity under divarasib, which "
                   "limits the depth of growth inhibition. Adding the PI3K inhibitor alpelisib overcame "
                   "this intrinsic resistance in the same cell lines.")
    assert ("resistance", "divarasib", "PI3K_MTOR") in keyset(rows, "relation", "drug", "mechanism"), rows
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert ovc and {(r["mechanism"], r["cancer_id"]) for r in ovc} == {("PI3K_MTOR", "DOID:9256")}, rows


def test_cotargeting_names_no_target_of_the_sentences_first_drug(extract):
    rows = extract("Adaptive RTK feedback limits divarasib in NSCLC, and co-targeting SHP2 with TNO155 "
                   "blunts it.")
    assert not [r for r in rows if r["relation"] == "inhibits" and r["drug"] == "divarasib"
                and r["target"] == "PTPN11"], rows
    assert ("overcomes", "divarasib", "TNO155") in keyset(rows, "relation", "drug", "partner"), rows
    # "mitigate it" after a toxicity is no overcome wording
    rows = extract("Sotorasib plus pembrolizumab caused hepatotoxicity in NSCLC, and a lead-in schedule "
                   "was introduced to mitigate it.")
    assert not [r for r in rows if r["relation"] == "overcomes"], rows


def test_pERK_climbing_back_is_a_rebound(extract):
    rows = extract("In KRAS G12C lung cancer cells, adagrasib lowered pERK within 4 hours, but pERK climbed "
                   "back to 60% of baseline by 48 hours.")
    assert ("resistance", "adagrasib", "ERK", "MAPK_REACTIVATION") in keyset(
        rows, "relation", "drug", "target", "mechanism"), rows


def test_agent_given_with_a_plus_doublet_is_one_triplet(extract):
    rows = extract("The CodeBreaK 101 protocol includes an NSCLC cohort that pairs sotorasib with "
                   "carboplatin plus pemetrexed.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "sotorasib", "carboplatin;pemetrexed")}, rows
    rows = extract("FLAURA2 is testing osimertinib with cisplatin or carboplatin plus pemetrexed in NSCLC.")
    assert keyset(rows, "drug", "partner") == {
        ("osimertinib", "cisplatin;pemetrexed"), ("osimertinib", "carboplatin;pemetrexed")}, rows
    # a comparator arm is no partner: "compares X plus Y and Z with W plus V"
    rows = extract("CodeBreaK 202 compares sotorasib plus carboplatin and pemetrexed with pembrolizumab plus "
                   "chemotherapy in NSCLC.")
    assert not [r for r in rows if r["drug"] in ("pemetrexed", "carboplatin")], rows


def test_pairing_with_several_partners_each_introduced_by_with(extract):
    rows = extract("Pairing divarasib with afatinib, with cetuximab or with the SHP2 inhibitor RMC-4550 led "
                   "to tumour regression.")
    assert keyset(rows, "drug", "partner") >= {
        ("divarasib", "afatinib"), ("divarasib", "cetuximab"), ("divarasib", "RMC-4550")}, rows


def test_partners_listed_after_among_them(extract):
    rows = extract("In the master protocol, adagrasib is paired with a range of partners, among them the MEK "
                   "inhibitor trametinib, the pan-ERBB inhibitor afatinib and the mTOR inhibitor everolimus.")
    assert keyset(rows, "drug", "partner") >= {
        ("adagrasib", "trametinib"), ("adagrasib", "afatinib"), ("adagrasib", "everolimus")}, rows


def test_agent_alone_or_with_alternative_partners(extract):
    rows = extract("NCT04449874, phase Ia/Ib: divarasib alone or with atezolizumab, cetuximab or erlotinib; "
                   "advanced solid tumours.")
    assert keyset(rows, "relation", "drug", "partner") == {
        ("combination", "divarasib", "atezolizumab"), ("combination", "divarasib", "cetuximab"),
        ("combination", "divarasib", "erlotinib")}, rows


def test_mediators_that_kept_a_pathway_arm_active(extract):
    rows = extract("In KRAS G12C lung adenocarcinoma cells, IGF1R and mTOR kept the PI3K-AKT arm active and "
                   "blunted the response to divarasib.")
    res = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert {("divarasib", "IGF1R"), ("divarasib", "MTOR")} <= res, rows
    assert ("divarasib", "PI3K") not in res, rows  # the pathway arm kept active is no mediator


def test_lone_blocker_of_the_adaptation_just_described(extract):
    # the partner named alone as the subject; the drug is the one the previous sentence resisted
    rows = extract("In KRAS G12C NSCLC cell lines, divarasib lowered pERK within 4 hours, but pERK "
                   "rebounded by 48 hours. RMC-4550, which blocks SHP2, abolished this rebound and "
                   "deepened growth arrest.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert keyset(ovc, "drug", "partner", "mechanism") == {
        ("divarasib", "RMC-4550", "MAPK_REACTIVATION")}, rows
    assert {r["cancer"] for r in ovc} == {"lung non-small cell carcinoma"}, ovc
    # no adaptation stated before: the partner joins nobody
    rows = extract("RMC-4550, which blocks SHP2, abolished this rebound in NSCLC cells.")
    assert not [r for r in rows if r["relation"] in ("overcomes", "combination")], rows


def test_blocked_rise_of_a_readout_names_the_mediators_process(extract):
    rows = extract("In patients with colorectal cancer, on-treatment biopsies showed that panitumumab "
                   "blunted the early rise in EGFR phosphorylation seen on divarasib monotherapy.")
    ovc = [r for r in rows if r["relation"] == "overcomes"]
    assert keyset(ovc, "drug", "partner", "target", "mechanism") == {
        ("divarasib", "panitumumab", "EGFR", "RTK_FEEDBACK")}, rows


def test_agent_added_in_apposition_and_relative_clause_before_restored_sensitivity(extract):
    rows = extract("In NSCLC cells, the MEK inhibitor trametinib, added to divarasib, prevented pERK "
                   "recovery altogether.")
    assert keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism") == {
        ("divarasib", "trametinib", "MAPK_REACTIVATION")}, rows
    rows = extract("In PDAC organoids, ipatasertib, which inhibits all three AKT isoforms, restored "
                   "MRTX1133 sensitivity in four of five resistant lines.")
    assert ("MRTX1133", "ipatasertib") in keyset(
        [r for r in rows if r["relation"] == "overcomes"], "drug", "partner"), rows


def test_one_agent_potentiating_another(extract):
    rows = extract("BI-3406 potentiated divarasib in KRAS G12C NSCLC xenografts (12).")
    assert keyset(rows, "relation", "drug", "partner") >= {("combination", "divarasib", "BI-3406")}, rows
    rows = extract("BI-3406 potentiated divarasib in KRAS G12C NSCLC xenografts, and the doublet delayed "
                   "the emergence of acquired resistance relative to divarasib alone (12).")
    assert ("overcomes", "divarasib", "BI-3406") in keyset(rows, "relation", "drug", "partner"), rows
    # "enhanced the X-induced apoptosis" is another pattern's reading, not "X potentiated Y"
    rows = extract("Everolimus enhanced the sotorasib-induced apoptosis of H358 cells.")
    assert keyset(rows, "drug", "partner") <= {("sotorasib", "everolimus")}, rows


def test_patient_derived_models_are_not_clinical_evidence(extract):
    rows = extract("Patient-derived organoids from six KRAS G12C colorectal cancers were exposed to "
                   "divarasib with or without panitumumab.")
    assert rows and {r["evidence_level"] for r in rows} == {"in_vitro"}, rows


def test_concurrent_pathway_alteration_keeps_its_pathway_and_aims_the_partner(extract):
    rows = extract("In KRAS G12C lung cancer models, concurrent PIK3CA mutation or PTEN loss blunted the "
                   "response to divarasib, and co-treatment with the mTOR inhibitor sirolimus or the PI3K "
                   "inhibitor buparlisib converted stasis into regression.")
    res = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert res == {("divarasib", "PIK3CA", "PI3K_MTOR"), ("divarasib", "PTEN", "PI3K_MTOR")}, rows
    ovc = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert ovc == {("divarasib", "sirolimus", "PI3K_MTOR"), ("divarasib", "buparlisib", "PI3K_MTOR")}, rows


@pytest.mark.parametrize("text, drug", [
    ("MRTX1133 binds KRAS G12D in both nucleotide states and lowered pERK by 80% in HPAC cells.", "MRTX1133"),
    ("In MIA PaCa-2 cells, glecirasib caused sustained suppression of pERK for 72 hours.", "glecirasib"),
    ("In SW1463 cells, divarasib lowers both pERK and DUSP6 within 6 hours.", "divarasib"),
])
def test_readout_inhibition_phrasings(extract, text, drug):
    rows = [r for r in extract(text) if r["relation"] == "inhibits"]
    assert (drug, "ERK") in keyset(rows, "drug", "target"), rows


def test_readout_after_a_relative_clause_is_not_the_agents(extract):
    # the loss belongs to the relative clause's subject, not to the agent
    rows = [r for r in extract("Sotorasib binds KRAS G12C, whose knockdown also lowered pERK in H358 cells.")
            if r["relation"] == "inhibits"]
    assert keyset(rows, "drug", "target") == {("sotorasib", "KRAS")}, rows


@pytest.mark.parametrize("text, drug, target", [
    ("In these lines crizotinib abolished ALK phosphorylation, yet pERK persisted.", "crizotinib", "ERK"),
    ("NF1-null H1975 cells maintained pERK even though osimertinib fully suppressed EGFR phosphorylation.",
     "osimertinib", "ERK"),
    ("Enforced FGFR1 overexpression raised the divarasib IC50 more than 50-fold in H2122 cells.",
     "divarasib", "FGFR1"),
    ("Relapsing xenografts on divarasib carried higher levels of phosphorylated ERBB3 than responding ones.",
     "divarasib", "ERBB3"),
])
def test_persisting_readouts_and_shifted_ic50_are_resistance(extract, text, drug, target):
    rows = [r for r in extract(text) if r["relation"] == "resistance"]
    assert (drug, target) in keyset(rows, "drug", "target"), rows


def test_sustained_suppression_of_a_readout_is_no_resistance(extract):
    rows = extract("H358 lung cancer cells, which express little EGFR, showed sustained pERK suppression "
                   "under divarasib over the same interval.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_partner_added_in_such_cases_after_a_relapse_statement(extract):
    rows = extract("MET amplification has been reported in patients with NSCLC relapsing on lorlatinib. "
                   "In such cases, adding capmatinib to lorlatinib induced responses.")
    assert ("resistance", "lorlatinib", "MET", "BYPASS_ALTERATION") in keyset(
        rows, "relation", "drug", "target", "mechanism"), rows
    assert ("overcomes", "lorlatinib", "capmatinib", "BYPASS_ALTERATION") in keyset(
        rows, "relation", "drug", "partner", "mechanism"), rows


def test_cells_that_kept_cycling_under_the_drug(extract):
    rows = extract("H2122 cells lacking CDKN2A kept cycling under divarasib. Abemaciclib "
                   "restored G1 arrest in the knockout cells when combined with divarasib.")
    assert ("resistance", "divarasib", "CDKN2A", "CELL_CYCLE") in keyset(
        rows, "relation", "drug", "target", "mechanism"), rows
    assert {r["mechanism"] for r in rows if r["relation"] == "overcomes"} == {"CELL_CYCLE"}, rows


def test_regimen_named_for_its_trial_beside_an_overcomes_claim(extract):
    rows = extract("Abemaciclib enhanced the effect of divarasib in CDKN2A-null NSCLC xenografts and "
                   "restored durable responses in models that had escaped monotherapy, a rationale now "
                   "tested clinically in a phase I study (divarasib plus abemaciclib; NCT01234567).")
    keys = keyset(rows, "relation", "drug", "partner", "effect", "cancer")
    nsclc = "lung non-small cell carcinoma"
    assert ("overcomes", "divarasib", "abemaciclib", "positive", nsclc) in keys, rows
    # the trial's combination: effect unknown, no cancer (the NSCLC is the xenografts' finding)
    assert ("combination", "divarasib", "abemaciclib", "unknown", "") in keys, rows
    rows = extract("Adding the MET inhibitor tepotinib to osimertinib re-established disease control in "
                   "MET-driven resistance, and the osimertinib + tepotinib doublet is now being "
                   "compared with chemotherapy in a phase III trial.")
    assert keyset(rows, "relation", "drug", "partner") >= {
        ("overcomes", "osimertinib", "tepotinib"), ("combination", "osimertinib", "tepotinib")}, rows
    # a regimen stated once, with a result and no trial of its own, stays one claim
    rows = extract("Trametinib plus sotorasib overcame adaptive resistance in NSCLC xenografts.")
    assert keyset(rows, "relation") == {("overcomes",)}, rows


def test_cells_surviving_a_drug_through_a_mediator_are_resistance(extract):
    rows = extract("A small fraction of KRAS G12C lung cancer cells survives sotorasib in a slow-cycling "
                   "state and later resumes division through cyclin D1 activity.")
    assert ("resistance", "sotorasib", "CCND1", "CELL_CYCLE") in keyset(
        rows, "relation", "drug", "target", "mechanism"), rows
    # patients living longer is survival, not cells surviving a drug
    rows = extract("Patients with high cyclin D1 expression survived longer on sotorasib.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_responding_poorly_is_resistance(extract):
    rows = extract("Mesenchymal lung cancer cells that have undergone an "
                   "epithelial-to-mesenchymal transition respond poorly to adagrasib.")
    assert ("resistance", "adagrasib", "EMT") in keyset(rows, "relation", "drug", "mechanism"), rows


@pytest.mark.parametrize("text, drug, target, mechanism", [
    ("When introduced into Ba/F3 cells, the KRAS R68S mutation blocked the activity of adagrasib.",
     "adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION"),
    ("In NSCLC cell lines exposed to adagrasib, phosphorylation of EGFR and HER3 rose within 48 hours.",
     "adagrasib", "ERBB3", "RTK_FEEDBACK"),
    ("Sustained phosphorylation of AKT was observed in lung cancer cells treated with sotorasib.",
     "sotorasib", "AKT", "PI3K_MTOR"),
    ("Persistent AKT phosphorylation was seen in CRC cells treated with adagrasib.",
     "adagrasib", "AKT", "PI3K_MTOR"),
])
def test_readouts_that_rise_or_persist_and_mutations_that_block_a_drug(extract, text, drug, target,
                                                                       mechanism):
    got = keyset(extract(text), "relation", "drug", "target", "mechanism")
    assert ("resistance", drug, target, mechanism) in got, got


def test_a_drug_blocking_its_own_target_is_no_resistance(extract):
    rows = extract("Sotorasib blocked the activity of KRAS G12C in H358 cells.")
    assert {r["relation"] for r in rows} == {"inhibits"}, rows


def test_patients_progressing_with_an_alteration_keep_their_resistance_beside_the_combination(extract):
    rows = extract("Savolitinib plus osimertinib produced responses in patients whose EGFR-mutant NSCLC "
                   "had progressed on osimertinib with MET amplification.")
    got = keyset(rows, "relation", "drug", "target", "mechanism")
    assert ("overcomes", "osimertinib", "MET", "BYPASS_ALTERATION") in got, rows
    assert ("resistance", "osimertinib", "MET", "BYPASS_ALTERATION") in got, rows


@pytest.mark.parametrize("text, drug, partner", [
    ("In CDKN2A-deleted lung adenocarcinoma xenografts, tumours regressed only when palbociclib, which "
     "inhibits CDK4 and CDK6, was added to adagrasib.", "adagrasib", "palbociclib"),
    ("CDKN2A-deleted xenografts treated with adagrasib regressed only when palbociclib, which inhibits "
     "CDK4 and CDK6, was added.", "adagrasib", "palbociclib"),
    ("In these cells, everolimus, which binds FKBP12, restored the antiproliferative effect of sotorasib.",
     "sotorasib", "everolimus"),
])
def test_added_or_restoring_partner_described_by_a_relative_clause(extract, text, drug, partner):
    got = keyset(extract(text), "relation", "drug", "partner")
    assert ("overcomes", drug, partner) in got, got


def test_partner_with_an_apposition_blocking_the_rebound_a_drug_induces(extract):
    rows = extract("RMC-4550, an allosteric compound that keeps SHP2 in its closed, inactive form, "
                   "suppressed the rebound of pERK that otherwise follows sotorasib exposure in KRAS G12C "
                   "lung cancer cells.")
    got = keyset(rows, "relation", "drug", "partner", "mechanism")
    assert ("overcomes", "sotorasib", "RMC-4550", "MAPK_REACTIVATION") in got, got
    # the rebound is stated only as what the partner blocked (GUIDELINES 7.13)
    assert not [r for r in rows if r["relation"] == "resistance"], rows


@pytest.mark.parametrize("text, pairs", [
    ("When adagrasib was given at the same time as pembrolizumab or atezolizumab, hepatotoxicity was common.",
     {("adagrasib", "pembrolizumab"), ("adagrasib", "atezolizumab")}),
    ("The bispecific antibody amivantamab, given with the EGFR TKI lazertinib, improved progression-free "
     "survival in EGFR-mutant NSCLC.", {("amivantamab", "lazertinib")}),
    ("Dabrafenib, which inhibits BRAF V600E, plus trametinib prolonged survival in melanoma.",
     {("dabrafenib", "trametinib")}),
    ("In PDAC models, combining MRTX1133 with afatinib, which irreversibly blocks EGFR, HER2 and HER4, or "
     "with cetuximab produced deeper regressions.", {("MRTX1133", "afatinib"), ("MRTX1133", "cetuximab")}),
])
def test_combinations_around_relative_clauses_and_appositions(extract, text, pairs):
    got = keyset([r for r in extract(text) if r["relation"] == "combination"], "drug", "partner")
    assert got == pairs, got


def test_overcome_wording_of_one_clause_does_not_reach_a_regimen_of_another(extract):
    rows = extract("Adding cetuximab to adagrasib blunted this reactivation in xenografts, and a later "
                   "trial showed that sotorasib plus panitumumab prolonged survival in colorectal cancer.")
    got = keyset(rows, "relation", "drug", "partner")
    assert ("overcomes", "adagrasib", "cetuximab") in got, got
    assert ("combination", "sotorasib", "panitumumab") in got, got
    assert ("overcomes", "sotorasib", "panitumumab") not in got, got
    # a clause saying the other regimen had "a similar effect" keeps the wording
    rows = extract("In NSCLC xenografts, adding RMC-4550 delayed resistance to sotorasib; TNO155 had a "
                   "similar effect in combination with adagrasib.")
    assert ("overcomes", "adagrasib", "TNO155") in keyset(rows, "relation", "drug", "partner"), rows
    # one clause, the combination referred back to: still overcomes
    rows = extract("Sotorasib plus trametinib was tested in CRC cells, and this combination overcame "
                   "adaptive resistance.")
    assert ("overcomes", "sotorasib", "trametinib") in keyset(rows, "relation", "drug", "partner"), rows


def test_trial_table_with_every_cell_run_together(extract):
    # a scraped table whose cells lost their separators: phase, drug, partners and tumour glued
    rows = extract("Table 3.\nCombination trials\nTrialPhaseInhibitorPartner(s)Tumour type\n"
                   "CodeBreaK 101 (NCT04185883)Ib/IISotorasibTrametinib; afatinib; everolimusSolid tumors\n"
                   "KRYSTAL-1 (NCT03785249)I/IIAdagrasibCetuximabCRC\n"
                   "GO42144 (NCT04449874)IDivarasibCetuximabCRC")
    assert keyset(rows, "relation", "drug", "partner", "cancer_id") == {
        ("combination", "sotorasib", "trametinib", "DOID:162"),
        ("combination", "sotorasib", "afatinib", "DOID:162"),
        ("combination", "sotorasib", "everolimus", "DOID:162"),
        ("combination", "adagrasib", "cetuximab", "DOID:9256"),
        ("combination", "divarasib", "cetuximab", "DOID:9256")}, rows


def test_its_combination_joins_the_agent_named_last_not_the_first_focus_class(extract):
    rows = extract("KRAS G12C inhibitors do more than block signalling: in CT26 tumours, sotorasib increased "
                   "infiltration by CD8+ T cells, and its combination with anti-PD-1 produced durable "
                   "responses.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "PD-1 inhibitor")}, rows
    rows = extract("Adagrasib similarly reprogrammed the microenvironment in syngeneic models and synergized "
                   "with PD-1 blockade.")
    assert ("adagrasib", "PD-1 inhibitor") in keyset(rows, "drug", "partner"), rows


def test_a_blocked_mechanism_ties_only_the_regimen_of_its_own_clause(extract):
    rows = extract("Combining a KRAS G12C inhibitor with a MEK inhibitor is the most direct way to suppress "
                   "the rebound of MAPK signalling, and in NSCLC xenografts the addition of trametinib to "
                   "sotorasib deepened tumour regressions.")
    got = keyset(rows, "relation", "drug", "partner")
    assert ("overcomes", "KRAS G12C inhibitor", "MEK inhibitor") in got, got
    assert ("combination", "sotorasib", "trametinib") in got, got


def test_blocking_the_feedback_with_a_partner_overcomes_the_drug_it_limits(extract):
    rows = extract("In CRC models, EGFR reactivated by feedback limits the activity of MRTX1133, and "
                   "blocking this feedback with cetuximab or afatinib enhanced its effect.")
    got = keyset(rows, "relation", "drug", "partner")
    assert {("overcomes", "MRTX1133", "cetuximab"), ("overcomes", "MRTX1133", "afatinib")} <= got, got
    rows = extract("In colorectal cancer cells, BRAF inhibition relieves negative feedback on EGFR, which "
                   "then reactivates MAPK signalling. Blocking EGFR with cetuximab reversed this feedback.")
    assert ("overcomes", "BRAF inhibitor", "cetuximab") in keyset(rows, "relation", "drug", "partner"), rows


def test_resistance_clause_with_an_apposition_is_kept_beside_the_combination(extract):
    rows = extract("MET, amplified in the resistant clones, mediates resistance to sotorasib, and adding "
                   "crizotinib restored sensitivity in NSCLC cells.")
    got = keyset(rows, "relation", "drug", "partner", "target")
    assert ("overcomes", "sotorasib", "crizotinib", "MET") in got, got
    assert ("resistance", "sotorasib", "", "MET") in got, got


def test_renewed_responses_after_progression_are_overcome_wording(extract):
    rows = extract("MET amplification has been found at progression on sotorasib and adagrasib, and case "
                   "reports describe renewed responses when capmatinib was added to the KRAS G12C inhibitor.")
    got = keyset(rows, "relation", "drug", "partner")
    assert ("overcomes", "KRAS G12C inhibitor", "capmatinib") in got, got


@pytest.mark.parametrize("text", [
    "In the same cells, the tri-complex inhibitor RM-018 retained full potency, suggesting that it could "
    "be used to treat Y96D-driven relapse.",
    "RMC-6236 remained fully active in H358 cells with acquired KRAS Y96D mutations, so it could be "
    "given at relapse.",
])
def test_an_agent_that_kept_its_activity_is_not_the_one_resisted(extract, text):
    rows = extract(text)
    assert not [r for r in rows if r["relation"] == "resistance"], rows



def test_pathway_stated_active_through_a_lost_suppressor_takes_the_pathways_code(extract):
    rows = extract("In lung cancer xenografts, tumours in which PI3K signalling was constitutively active "
                   "through loss of PTEN responded poorly to ARS-1620.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("PTEN", "PI3K_MTOR")}, rows


@pytest.mark.parametrize("text, partner", [
    ("Adagrasib plus BI-3406 delayed the emergence of resistance over 8 weeks, whereas adagrasib plus the "
     "MEK inhibitor trametinib did not.", "trametinib"),
    ("Adding TNO155 to sotorasib restored sensitivity in resistant cells, but adding cetuximab did not.",
     "cetuximab"),
    ("Sotorasib plus TNO155 overcame adaptive resistance in NSCLC xenografts, while sotorasib plus "
     "palbociclib failed to do so.", "palbociclib"),
])
def test_an_elliptical_negated_clause_keeps_the_overcome_wording_negated(extract, text, partner):
    rows = extract(text)
    got = {(r["relation"], r["partner"], r["assertion"]) for r in rows}
    assert ("overcomes", partner, "negated") in got, got
    assert not [r for r in rows if r["partner"] != partner and r["assertion"] != "affirmed"], rows


@pytest.mark.parametrize("text, want", [
    ("Dabrafenib and trametinib, which inhibit BRAF V600E and MEK1/2 respectively, are standard therapy "
     "for BRAF V600E-mutant NSCLC.", {("dabrafenib", "BRAF"), ("trametinib", "MEK")}),
    ("Sotorasib and TNO155 target KRAS G12C and SHP2, respectively.",
     {("sotorasib", "KRAS"), ("TNO155", "PTPN11")}),
])
def test_respectively_pairs_agents_and_targets_in_order(extract, text, want):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target") == want, rows


def test_a_numbered_range_of_family_members_is_the_family(extract):
    rows = extract("Erdafitinib, which inhibits FGFR1–4, restored the antiproliferative effect of sotorasib.")
    got = keyset(rows, "relation", "drug", "target_id")
    assert ("inhibits", "erdafitinib", "FPLX:FGFR") in got, got
    assert not [r for r in rows if r["target_id"] == "HGNC:3688"], rows


def test_resistance_that_involves_mediators(extract):
    rows = extract("In pancreatic cancer, resistance to adagrasib appears to involve FGFR1 and AXL.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("adagrasib", "FGFR1"), ("adagrasib", "AXL")}, rows


def test_progression_on_the_doublet_is_resistance_to_the_regimens_drug(extract):
    rows = extract("In the phase 1b study, 29 patients with KRAS G12C-positive colorectal cancer received "
                   "divarasib plus cetuximab. Responses were less frequent in the five patients previously "
                   "treated with sotorasib or adagrasib. Emerging NRAS and MAP2K1 alterations were detected "
                   "at progression on the doublet.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("divarasib", "NRAS"), ("divarasib", "MAP2K1")}, rows
    # the regimen patients progressed on is no new combination claim
    assert len([r for r in rows if r["relation"] in ("combination", "overcomes")]) == 1, rows


def test_therefore_after_a_clause_stating_resistance_ties_the_combination(extract):
    rows = extract("In BRAF V600E-mutant colorectal cancer, BRAF inhibitors alone are largely ineffective "
                   "because inhibition of BRAF relieves negative feedback on EGFR; encorafenib, which "
                   "inhibits BRAF V600E at low nanomolar concentrations, was therefore paired with "
                   "cetuximab.")
    got = keyset(rows, "relation", "drug", "partner", "target")
    assert ("overcomes", "encorafenib", "cetuximab", "EGFR") in got, got
    # the resistance stated in a clause of its own after a framing phrase is kept (GUIDELINES 7.13)
    assert ("resistance", "BRAF inhibitor", "", "EGFR") in got, got


def test_a_mediator_that_limits_a_drug_is_resistance(extract):
    rows = extract("Because EGFR feedback limits sotorasib in colorectal cancer, sotorasib was combined "
                   "with panitumumab.")
    got = keyset(rows, "relation", "drug", "partner", "target")
    assert ("overcomes", "sotorasib", "panitumumab", "EGFR") in got, got


def test_patients_defined_by_the_paragraphs_resistance_alteration_tie_the_combination(extract):
    rows = extract("MET amplification was detected in three patients at progression on selpercatinib. In two "
                   "patients with MET amplification, adding crizotinib to selpercatinib produced partial "
                   "responses.")
    got = keyset(rows, "relation", "drug", "partner", "target")
    assert ("overcomes", "selpercatinib", "crizotinib", "MET") in got, got
    assert not [r for r in rows if r["relation"] == "resistance" and r["drug"] == "crizotinib"], rows


def test_findings_after_a_cohort_description_are_about_the_agent_it_was_treated_with(extract):
    rows = extract("Background: KEAP1 co-mutation has been linked to inferior outcomes with immunotherapy in "
                   "KRAS-mutant NSCLC. Methods: We pooled 424 patients with KRAS G12C-mutated NSCLC treated "
                   "with sotorasib at 21 centres. Results: KEAP1 co-mutation was associated with shorter "
                   "progression-free survival.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert ("sotorasib", "KEAP1") in got, rows


@pytest.mark.parametrize("text, assertion", [
    ("In H358-SR cells, neither crizotinib nor the SHP2 inhibitor RMC-4550 restored sensitivity to "
     "sotorasib.", "negated"),
    ("Crizotinib and RMC-4550 both restored sensitivity to sotorasib in MET-amplified cells.", "affirmed"),
])
def test_neither_nor_and_both_after_a_list_give_one_regimen_per_agent(extract, text, assertion):
    rows = extract(text)
    got = {(r["relation"], r["drug"], r["partner"], r["assertion"]) for r in rows}
    assert got == {("overcomes", "sotorasib", "crizotinib", assertion),
                   ("overcomes", "sotorasib", "RMC-4550", assertion)}, got


def test_a_contrasting_clause_without_its_predicate_repeats_the_claim_negated(extract):
    rows = extract("Lorlatinib inhibited ALK autophosphorylation in cells carrying G1202R at 50 nM, whereas "
                   "alectinib did not.")
    got = {(r["relation"], r["drug"], r["target"], r["assertion"]) for r in rows}
    assert got == {("inhibits", "lorlatinib", "ALK", "affirmed"), ("inhibits", "alectinib", "ALK", "negated")}
    rows = extract("In H358 cells, erdafitinib prevented the pERK rebound and re-sensitized "
                   "sotorasib-tolerant cells, whereas bemcentinib did not.")
    got = {(r["relation"], r["drug"], r["partner"], r["assertion"]) for r in rows}
    assert ("overcomes", "sotorasib", "bemcentinib", "negated") in got, got
    assert ("overcomes", "sotorasib", "erdafitinib", "affirmed") in got, got


@pytest.mark.parametrize("text, partner", [
    ("In lung cancer cells, FGFR1 signalling sustained proliferation under sotorasib, and futibatinib "
     "restored the response.", "futibatinib"),
    ("In other NSCLC lines, EGFR drove the feedback that limited adagrasib, and afatinib, which "
     "irreversibly blocks EGFR and HER2, proved the most effective partner.", "afatinib"),
])
def test_comma_and_between_two_agents_joins_clauses_not_a_list(extract, text, partner):
    rows = extract(text)
    assert partner in {r["partner"] for r in rows if r["relation"] == "overcomes"}, rows
    # the added agent is not the agent resisted
    assert partner not in {r["drug"] for r in rows if r["relation"] == "resistance"}, rows


def test_a_list_of_three_may_still_end_with_comma_and(extract):
    rows = extract("In CodeBreaK 101, sotorasib was combined with trametinib, afatinib, and palbociclib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "afatinib;palbociclib;trametinib")}, rows


def test_the_agent_added_to_a_base_is_the_drug_when_its_resistance_is_the_one_overcome(extract):
    rows = extract("In colorectal cancer xenografts, adding vemurafenib to cetuximab prevented the EGFR "
                   "feedback that limits BRAF inhibitors.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "target")
    assert got == {("vemurafenib", "cetuximab", "EGFR")}, rows


def test_a_cancer_named_as_where_the_effect_is_weaker_is_not_the_claims(extract):
    rows = extract("The modest single-agent activity of sotorasib in CRC has been traced to EGFR. In "
                   "colorectal cancer cells exposed to sotorasib, EGFR phosphorylation rises within hours "
                   "and pERK climbs back towards baseline, a response that is far weaker in lung cancer "
                   "cells.")
    got = {r["cancer"] for r in rows if r["relation"] == "resistance"}
    assert got == {"colorectal cancer"}, rows


def test_a_mutation_that_disrupts_a_drugs_binding_is_resistance(extract):
    rows = extract("The EGFR ectodomain mutation S492R disrupts the binding of cetuximab but not of "
                   "panitumumab.")
    got = {(r["drug"], r["target"], r["assertion"]) for r in rows if r["relation"] == "resistance"}
    assert ("cetuximab", "EGFR", "affirmed") in got, rows
    assert ("panitumumab", "EGFR", "affirmed") not in got, rows


def test_members_given_as_examples_of_a_class_leave_the_resistance_to_the_class(extract):
    rows = extract("In a pooled analysis of patients with NSCLC treated with KRAS G12C inhibitors "
                   "(sotorasib or adagrasib), KEAP1 co-mutations were associated with shorter "
                   "progression-free survival.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("KRAS G12C inhibitor", "KEAP1")}, rows


@pytest.mark.parametrize("text, drug, target", [
    ("The modest single-agent activity of KRASG12C inhibitors in colorectal cancer has been traced to "
     "a rapid rise in EGFR phosphorylation.", "KRAS G12C inhibitor", "EGFR"),
    ("The limited single-agent activity of adagrasib in pancreatic cancer has been attributed to FGFR1, "
     "whose expression is high in these tumours.", "adagrasib", "FGFR1"),
    ("Early progression on sotorasib has been ascribed to AXL in several models.", "sotorasib", "AXL"),
    ("The low antitumour activity of glecirasib in colorectal cancer models stems from EGFR.",
     "glecirasib", "EGFR"),
])
def test_a_poor_response_attributed_to_a_gene_makes_it_the_mediator(extract, text, drug, target):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert (drug, target) in got, rows


@pytest.mark.parametrize("text, drug, target", [
    ("Deleting ERBB2 restored sensitivity to divarasib in the three least responsive lines.",
     "divarasib", "ERBB2"),
    ("Genetic deletion of AXL re-sensitized the persister cells to adagrasib.", "adagrasib", "AXL"),
])
def test_a_gene_the_experimenters_deleted_is_a_mediator_not_an_acquired_alteration(extract, text, drug,
                                                                                   target):
    rows = [r for r in extract(text) if r["relation"] == "resistance"]
    got = keyset(rows, "drug", "target", "mechanism")
    assert got == {(drug, target, "RTK_FEEDBACK")}, rows


def test_a_deletion_in_the_tumour_stays_an_alteration(extract):
    rows = extract("Acquired MET amplification and NF1 deletion were detected at progression on adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("MET", "BYPASS_ALTERATION"), ("NF1", "BYPASS_ALTERATION")}, rows


def test_either_drug_after_a_pair_the_sentence_names_takes_that_pair(extract):
    rows = extract("Amodio et al. showed that EGFR signalling limits the response of colorectal cancer cells "
                   "to sotorasib and adagrasib, and that cetuximab added to either drug overcame this "
                   "resistance in organoids.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("sotorasib", "cetuximab"), ("adagrasib", "cetuximab")}, rows


def test_each_drug_gives_a_regimen_per_antecedent(extract):
    rows = extract("Patients received sotorasib or adagrasib. Adding trametinib to each drug was feasible.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "trametinib"), ("adagrasib", "trametinib")}, rows


def test_co_mutations_associated_with_shorter_pfs_are_resistance(extract):
    rows = extract("KEAP1 and STK11 alterations are associated with shorter PFS on sotorasib monotherapy.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("sotorasib", "KEAP1"), ("sotorasib", "STK11")}, rows


@pytest.mark.parametrize("text, drug, partner", [
    ("Cancer-associated fibroblasts reduce the activity of adagrasib; in organoid co-cultures, cetuximab "
     "restored adagrasib activity.", "adagrasib", "cetuximab"),
    ("AXL upregulation accompanied acquired resistance to sotorasib in lung adenocarcinoma cell lines, and "
     "the AXL inhibitor bemcentinib re-sensitised these cells.", "sotorasib", "bemcentinib"),
    ("AXL upregulation accompanied acquired resistance to sotorasib in lung adenocarcinoma cell lines. "
     "The AXL inhibitor bemcentinib re-sensitised these cells.", "sotorasib", "bemcentinib"),
])
def test_restored_activity_and_resensitised_cells_are_overcome_wording(extract, text, drug, partner):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {(drug, partner)}, rows


def test_an_agent_that_entered_a_trial_with_another_is_a_combination(extract):
    rows = extract("The SOS1 inhibitor BI 1701963 has entered a phase I study with adagrasib (KRYSTAL-14).")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("adagrasib", "BI 1701963")}, rows


def test_an_ongoing_trial_in_a_resistant_population_is_a_combination(extract):
    rows = extract("Elironrasib is being tested together with daraxonrasib in patients whose tumours "
                   "progressed on a first-generation inhibitor.")
    assert {r["relation"] for r in rows} == {"combination"}, rows
    # ... but a finding in a model defined by the resistance, in a clause of its own, stays overcomes
    rows = extract("In CDKN2A-null NSCLC xenografts, adagrasib plus palbociclib produced deeper regressions "
                   "than either drug alone; the doublet is being evaluated clinically in KRYSTAL-16.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("adagrasib", "palbociclib")}, rows


def test_a_ramp_trial_is_not_a_partner(extract):
    rows = extract("Combined with defactinib and sotorasib, avutometinib achieved responses in KRAS G12C "
                   "NSCLC that had progressed on a KRAS G12C inhibitor (RAMP 203).")
    partners = {p for r in rows for p in r["partner"].split(";")}
    assert not any(p.startswith("RAMP") for p in partners), rows


def test_a_gene_driven_reactivation_names_the_gene_as_mediator(extract):
    rows = extract("The modest single-agent activity of KRAS G12C inhibitors in colorectal cancer reflects "
                   "rapid EGFR-driven reactivation of MAPK signalling.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("KRAS G12C inhibitor", "EGFR", "MAPK_REACTIVATION")}, rows


def test_a_drug_compared_with_a_doublet_is_not_combined_with_it(extract):
    rows = extract("A phase III trial compares daraxonrasib with gemcitabine plus nab-paclitaxel in "
                   "previously treated PDAC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("gemcitabine", "paclitaxel")}, rows


def test_an_agent_added_over_the_doublet_joins_the_doublet_named_before(extract):
    rows = extract("In BEACON, encorafenib plus cetuximab improved survival. Adding binimetinib did not "
                   "improve survival over the doublet, but an ERK inhibitor combined with encorafenib "
                   "delayed regrowth of xenografts.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert ("encorafenib", "binimetinib;cetuximab") in got, rows
    assert not any("binimetinib" in p and "ERK" in p for _, p in got), rows


def test_signalling_sustained_by_a_gene_under_a_drug_is_resistance(extract):
    rows = extract("In NSCLC cells that had undergone EMT during chronic adagrasib exposure, ERK signalling "
                   "was sustained by FGFR1 rather than by KRAS G12C.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert ("adagrasib", "", "EMT") in got and ("adagrasib", "FGFR1") in {g[:2] for g in got}, rows


@pytest.mark.parametrize("phrase", ["adenocarcinoma-to-squamous conversion", "small cell conversion",
                                    "neuroendocrine conversion"])
def test_a_conversion_of_histology_is_transformation(extract, phrase):
    rows = extract(f"Biopsies taken at progression on adagrasib have shown {phrase} without any new "
                   "genomic alteration.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "mechanism")
    assert got == {("adagrasib", "HISTOLOGIC_TRANSFORMATION")}, rows


def test_a_partner_blocking_the_paragraphs_resistance_process_overcomes_it(extract):
    rows = extract("Sotorasib induces adaptive RTK feedback in CRC cells. TNO155 blocked this adaptive "
                   "feedback.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("sotorasib", "TNO155", "RTK_FEEDBACK")}, rows
    # the blocked process is what the partner overcame, not a second resistance statement (7.13)
    assert len([r for r in rows if r["relation"] == "resistance"]) == 1, rows


def test_partner_classes_that_may_intercept_a_process_give_hedged_overcomes_rows(extract):
    rows = extract("Other vertical partners for G12C inhibitors are at an earlier stage of development. "
                   "SOS1 inhibitors may blunt the adaptive reloading of KRAS with GTP, while MEK or ERK "
                   "inhibition could intercept MAPK reactivation whatever its upstream source.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "partner", "mechanism", "assertion")
    assert got == {("SOS1 inhibitor", "KRAS_REACTIVATION", "hedged"), ("MEK inhibitor", "MAPK_REACTIVATION",
                   "hedged"), ("ERK inhibitor", "MAPK_REACTIVATION", "hedged")}, rows
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_a_mediator_cue_across_whereas_belongs_to_the_other_side(extract):
    rows = extract("Tumours treated with sotorasib showed sustained suppression of pERK, whereas pAKT "
                   "returned to pretreatment levels within 48 hours.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("sotorasib", "AKT")}, rows


def test_wild_type_ras_switched_on_under_a_drug_is_a_mediator(extract):
    rows = extract("Sotorasib-resistant H358 clones remained dependent on KRAS G12C but switched on "
                   "wild-type HRAS and NRAS.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert {("sotorasib", "HRAS"), ("sotorasib", "NRAS")} <= got, rows


def test_a_partner_and_either_of_two_alternatives_gives_a_regimen_per_alternative(extract):
    rows = extract("Patients were randomised to pembrolizumab or placebo, each combined with pemetrexed and "
                   "either cisplatin or carboplatin.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    # (the placebo arm's chemotherapy doublets are regimens too)
    assert got == {("pembrolizumab", "cisplatin;pemetrexed"), ("pembrolizumab", "carboplatin;pemetrexed"),
                   ("pemetrexed", "cisplatin"), ("pemetrexed", "carboplatin")}, rows


def test_one_of_a_pair_of_trial_names_is_no_drug(extract):
    rows = extract("In ECHO-301/KEYNOTE-252, adding the IDO1 inhibitor epacadostat to pembrolizumab did not "
                   "lengthen progression-free survival in unresectable melanoma.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("epacadostat", "pembrolizumab")}, rows


def test_a_combination_in_patients_with_an_acquired_alteration_overcomes_it(extract):
    rows = extract("Osimertinib plus selpercatinib produced partial responses in three of four patients with "
                   "acquired RET fusions, and patients with acquired BRAF V600E received the triplet of "
                   "osimertinib, dabrafenib and trametinib.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "target", "mechanism")
    assert got == {("osimertinib", "selpercatinib", "RET", "BYPASS_ALTERATION"),
                   ("osimertinib", "dabrafenib;trametinib", "BRAF", "BYPASS_ALTERATION")}, rows
    # the fusions are what the combination addressed, not resistance rows of their own (7.13)
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_the_subject_of_a_blocking_predicate_is_no_resistance_row(extract):
    rows = extract("The adaptive reactivation of MAPK signalling that follows sotorasib exposure was "
                   "prevented by co-treatment with RMC-4550.")
    assert {r["relation"] for r in rows} == {"overcomes"}, rows


def test_a_cancer_named_as_the_comparison_is_not_the_claims(extract):
    rows = extract("Colorectal cancer organoids were less sensitive to sotorasib, and pERK returned to "
                   "baseline within 24 h. The rebound was abrogated when cetuximab was added, producing a "
                   "response comparable to that of the lung organoids.")
    got = {r["cancer"] for r in rows if r["relation"] == "overcomes"}
    assert got == {"colorectal cancer"}, rows


def test_a_parenthetical_however_does_not_cut_a_mediator_from_its_cue(extract):
    rows = extract("Wild-type NRAS and HRAS, however, can keep ERK signalling going after sotorasib has "
                   "silenced KRAS G12C.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("sotorasib", "NRAS"), ("sotorasib", "HRAS")}, rows


@pytest.mark.parametrize("text", [
    "Divarasib inhibits KRAS G12C. Its combination with trametinib is being tested in a phase I trial.",
    "Divarasib inhibits KRAS G12C. Pairing it with trametinib deepened responses in xenografts.",
    "Divarasib inhibits KRAS G12C. We asked whether combining it with trametinib would be tolerated in mice.",
])
def test_it_and_its_before_a_combination_take_the_drug(extract, text):
    rows = [r for r in extract(text) if r["relation"] == "combination"]
    assert keyset(rows, "drug", "partner") == {("divarasib", "trametinib")}, rows


def test_a_g12c_selective_ras_on_inhibitor_is_of_the_g12c_class(extract):
    rows = extract("Daraxonrasib inhibits mutant and wild-type RAS, and its combination with the KRAS "
                   "G12C(ON) inhibitor elironrasib is in phase I testing.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("elironrasib", "daraxonrasib")}, rows


@pytest.mark.parametrize("text", [
    "In BRAF V600E colorectal cancer, vemurafenib relieves ERK-dependent negative feedback, so that EGFR "
    "signalling reactivates MAPK output and limits the response.",
    "Sotorasib resistance in colorectal cancer arises because relief of ERK negative feedback lets EGFR "
    "reactivate the pathway.",
])
def test_the_source_of_a_relieved_negative_feedback_is_no_mediator(extract, text):
    rows = [r for r in extract(text) if r["relation"] == "resistance"]
    targets = {r["target"] for r in rows}
    assert "ERK" not in targets and "EGFR" in targets, rows


def test_alterations_emerging_under_the_agent_patients_were_treated_with(extract):
    rows = extract("Serial ctDNA from patients treated with encorafenib revealed emerging MAP2K1 mutations.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("encorafenib", "MAP2K1")}, rows
    # alterations merely detected in treated patients are no acquired resistance
    rows = extract("Among 100 patients treated with osimertinib, EGFR exon 19 deletions were found in 60%.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_regimens_in_contrasting_clauses_keep_their_own_cancers(extract):
    rows = extract("In KRAS G12C lung cancer cell lines, combining adagrasib with trametinib delayed the "
                   "recovery of pERK, yet in CodeBreaK 101 the sotorasib-panitumumab combination gave only "
                   "modest activity in patients with NSCLC or CRC.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "cancer")
    assert got == {("adagrasib", "lung cancer"), ("sotorasib", "lung non-small cell carcinoma"),
                   ("sotorasib", "colorectal cancer")}, rows


def test_a_codon_level_kras_substitution_is_a_secondary_kras_alteration(extract):
    rows = extract("Koga et al. found that H95 substitutions emerged under adagrasib in Ba/F3 models.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION")}, rows


def test_a_combination_that_had_a_similar_effect_does_what_the_last_one_did(extract):
    rows = extract("In PDAC xenografts, adagrasib alone induced only transient stasis, with early recovery "
                   "of pERK, and adding ulixertinib prevented this rebound. Adding TNO155 to adagrasib had a "
                   "similar, if smaller, effect in the same models.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "relation", "drug",
                 "partner", "mechanism")
    assert got == {("overcomes", "adagrasib", "ulixertinib", "MAPK_REACTIVATION"),
                   ("overcomes", "adagrasib", "TNO155", "MAPK_REACTIVATION")}, rows


def test_adding_one_agent_together_with_another_is_one_regimen(extract):
    rows = extract("Adding linsitinib together with everolimus to sotorasib caused regression of xenografts.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("sotorasib", "everolimus;linsitinib")}, rows


def test_a_partner_in_an_or_with_list_joins_the_focus_agent_of_its_clause(extract):
    rows = extract("Xenografts that escaped ARS-1620 showed FGFR-dependent rebound of MAPK signalling. "
                   "Pairing ARS-1620 with an FGFR inhibitor or with linsitinib re-sensitised these tumours.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("ARS-1620", "FGFR inhibitor"), ("ARS-1620", "linsitinib")}, rows


def test_two_kras_inhibitors_behind_one_anaphor_are_alternatives(extract):
    rows = extract("Sotorasib and adagrasib are potent in colorectal cancer. These drugs were combined with "
                   "cetuximab in colorectal cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "cetuximab"), ("adagrasib", "cetuximab")}, rows


def test_hyphenated_re_activation_is_a_resistance_cue(extract):
    rows = extract("EGFR and HER2 are both induced within hours of KRAS G12C inhibition, and each can "
                   "re-activate RAS.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {("EGFR", "RTK_FEEDBACK"), ("ERBB2", "RTK_FEEDBACK")} <= got, rows


def test_for_this_reason_ties_a_combination_to_the_resistance_before(extract):
    rows = extract("EGFR feedback reactivates RAS and limits sotorasib in NSCLC. For this reason, sotorasib "
                   "was combined with afatinib in CodeBreaK 101, producing responses in NSCLC.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "relation", "drug",
                 "partner")
    assert got == {("overcomes", "sotorasib", "afatinib")}, rows


def test_an_agent_added_to_a_doublet_to_overcome_resistance_joins_the_doublet(extract):
    rows = extract("In BRAF V600E colorectal cancer, ERK reactivation limits encorafenib. To overcome this, "
                   "an ERK inhibitor was added to encorafenib and cetuximab in patient-derived xenografts.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("encorafenib", "ERK inhibitor;cetuximab")}, rows


def test_a_chemotherapy_doublet_named_first_joins_the_agent_added_to_it(extract):
    rows = extract("CodeBreaK 202 randomises patients with NSCLC to carboplatin/pemetrexed plus sotorasib or "
                   "carboplatin/pemetrexed plus pembrolizumab.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "carboplatin;pemetrexed"), ("pembrolizumab", "carboplatin;pemetrexed")}, rows
    # the drug of a regimen that names its chemotherapy first is its targeted agent
    rows = extract("Patients received carboplatin and pemetrexed plus pembrolizumab, and irinotecan plus "
                   "cetuximab was given in the second line.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("pembrolizumab", "carboplatin;pemetrexed"), ("cetuximab", "irinotecan")}, rows


def test_genes_listed_after_targeting_of_are_no_mediators(extract):
    rows = extract("KRASG12C inhibition can be overcome via feedback activation of upstream mediators, as "
                   "was observed with selective targeting of BRAF and EGFR.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("", "RTK_FEEDBACK")}, rows


def test_a_partner_preventing_the_rebound_after_either_drug_pairs_with_each(extract):
    rows = extract("SHP2 inhibitors such as RMC-4550 prevented the adaptive rebound of pERK after sotorasib "
                   "or adagrasib in NSCLC and pancreatic cancer models.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "cancer")
    assert got == {(d, "SHP2 inhibitor", c) for d in ("sotorasib", "adagrasib")
                   for c in ("lung non-small cell carcinoma", "pancreatic cancer")}, rows


def test_a_modifier_before_a_partner_does_not_hide_it(extract):
    rows = extract("Sotorasib was combined with the allosteric SHP2 inhibitor RMC-4630 in xenografts, and "
                   "amivantamab was given with the third-generation EGFR inhibitor lazertinib. BI-2865, a "
                   "non-covalent pan-KRAS inhibitor, binds KRAS.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "vociprotafib"), ("amivantamab", "lazertinib")}, rows
    assert ("BI-2865", "KRAS") in keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")


def test_a_purpose_opener_ties_the_combination_to_the_resistance_it_names(extract):
    rows = extract("To pre-empt EGFR-driven adaptive resistance in CRC, divarasib was combined with "
                   "cetuximab, raising the response rate to 62.5%.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "relation", "drug",
                 "partner", "mechanism")
    assert got == {("overcomes", "divarasib", "cetuximab", "RTK_FEEDBACK")}, rows


def test_given_with_a_partner_it_produced_takes_the_drug_before(extract):
    rows = extract("Olomorasib was designed for higher target occupancy. Given with pembrolizumab to "
                   "patients with untreated KRAS G12C NSCLC, it produced frequent responses without the "
                   "hepatotoxicity that curtailed sotorasib-pembrolizumab regimens.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("olomorasib", "pembrolizumab"), ("sotorasib", "pembrolizumab")}, rows


def test_a_literature_search_sentence_states_no_claim(extract):
    rows = extract("We searched PubMed for reports published since 2021 using combinations of the terms "
                   "KRAS, G12C, G12D, sotorasib, adagrasib, combination and resistance.")
    assert rows == [], rows


def test_a_receptor_re_engaged_after_the_drug_is_a_mediator(extract):
    rows = extract("In colorectal cancer, EGFR is re-engaged after KRAS G12C inhibition; anti-EGFR "
                   "antibodies added to KRAS G12C inhibitors prevent this adaptive reactivation.")
    got = keyset(rows, "relation", "target", "mechanism")
    assert got == {("resistance", "EGFR", "RTK_FEEDBACK"), ("overcomes", "EGFR", "RTK_FEEDBACK")}, rows


def test_partners_listed_after_including_across_a_population_phrase(extract):
    rows = extract("CodeBreaK 101 is a master protocol evaluating sotorasib in combination with several "
                   "partners in patients with advanced KRAS G12C-mutant solid tumors, including the MEK "
                   "inhibitor trametinib and the CDK4/6 inhibitor palbociclib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "trametinib"), ("sotorasib", "palbociclib")}, rows


def test_cells_that_restored_erk_phosphorylation_under_a_drug_resist_it(extract):
    rows = extract("Within 48 hours of exposure to ARS-1620, KRAS G12C-mutant lung cancer cell lines "
                   "restored ERK phosphorylation. This rebound was carried by wild-type NRAS and HRAS.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("ARS-1620", "ERK"), ("ARS-1620", "NRAS"), ("ARS-1620", "HRAS")}, rows
    # restored suppression is the opposite
    rows = extract("The combination restored suppression of ERK phosphorylation in H358 cells treated with "
                   "sotorasib.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_both_combinations_take_every_regimen_of_the_sentence_before(extract):
    rows = extract("We combined sotorasib or adagrasib with the SHP2 inhibitor RMC-4550 in NSCLC cell lines. "
                   "Both combinations prevented the rebound of pERK at 48 h.")
    got = keyset(rows, "relation", "drug", "partner")
    # (the setup sentence and its result are one claim, anchored on the result: GUIDELINES 3)
    assert {("overcomes", "sotorasib", "RMC-4550"), ("overcomes", "adagrasib", "RMC-4550")} == got, rows


def test_an_open_question_about_the_regimens_just_named_is_no_new_row(extract):
    rows = extract("In KRAS G12C lung cancer models, PTEN loss blunted the response to sotorasib, and "
                   "co-treatment with everolimus or pictilisib converted stasis into regression. Whether "
                   "such doublets are tolerable at active doses is doubtful.")
    assert {r["sentence_index"] for r in rows if r["relation"] == "combination"} == {0}, rows


def test_a_class_beside_its_member_in_one_regimen_counts_once(extract):
    rows = extract("We next examined whether SOS1 inhibition prevents adaptive resistance to adagrasib. "
                   "BI-3406 lowered KRAS-GTP levels in H2122 lung adenocarcinoma cells. Combined with "
                   "adagrasib, BI-3406 prevented the rebound of pERK seen with adagrasib alone.")
    rows = [r for r in rows if r["sentence_index"] == 2]
    partners = {r["partner"] for r in rows if r["relation"] in ("combination", "overcomes")}
    assert partners == {"BI-3406"}, rows


def test_the_question_an_experiment_asks_states_no_overcoming(extract):
    rows = extract("We next examined whether SOS1 inhibition prevents adaptive resistance to adagrasib.")
    assert not [r for r in rows if r["relation"] in ("overcomes", "resistance")], rows
    # the regimen asked about is what "the combination" then refers to
    rows = extract("We tested whether trametinib could prevent adaptation to sotorasib in H23 NSCLC cells. "
                   "pERK recovered by 24 hours in the combination.")
    assert ("combination", "sotorasib", "trametinib") in keyset(rows, "relation", "drug", "partner"), rows


def test_one_regimen_per_with_after_a_trial_name(extract):
    rows = extract("TNO155 is being combined with adagrasib in KRYSTAL-2 and with JDQ443 in KontRASt-01.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("adagrasib", "TNO155"), ("opnurasib", "TNO155")}, rows


def test_it_takes_the_agent_the_sentence_before_opens_with(extract):
    rows = extract("GDC-6036 binds KRAS G12C covalently and is more potent than sotorasib and adagrasib. "
                   "It entered a phase I study in solid tumors as monotherapy and in combination with "
                   "cetuximab.")
    assert ("combination", "divarasib", "cetuximab") in keyset(rows, "relation", "drug", "partner"), rows
    rows = extract("The SOS1 inhibitor BI 1701963 is being evaluated alone and in combination with "
                   "trametinib. A second study combining it with adagrasib has been announced.")
    assert ("combination", "adagrasib", "BI 1701963") in keyset(rows, "relation", "drug", "partner"), rows
    # a sentence that opens with no agent gives "it" none of its several agents
    rows = extract("In a phase I study it produced responses in patients pretreated with sotorasib or "
                   "adagrasib. Its combination with cetuximab has not yet been tested.")
    assert not [r for r in rows if r["relation"] == "combination"], rows


def test_an_open_question_carries_no_resistance_of_the_paragraph(extract):
    rows = extract("After progression on osimertinib, amivantamab plus carboplatin and pemetrexed improved "
                   "PFS in EGFR-mutant NSCLC. Whether such upfront combinations also change the spectrum of "
                   "acquired MET and EGFR alterations is not yet known.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_every_readout_a_drug_reduced_and_the_past_tense_of_bind(extract):
    rows = extract("In BT-474 breast cancer cells, tucatinib reduced pAKT and pERK within 1 h. Divarasib "
                   "bound KRAS G12C covalently, and GTP-bound KRAS was not affected.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("tucatinib", "AKT"), ("tucatinib", "ERK"), ("divarasib", "KRAS")}, rows
    assert "BT-474" not in {r["drug"] for r in rows}, rows


def test_a_relative_clause_after_a_mediator_does_not_cut_it_from_its_cue(extract):
    rows = extract("Colorectal cancer cell lines respond poorly to sotorasib because EGFR, which these cells "
                   "express at high levels, is rapidly activated by feedback after treatment.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("sotorasib", "EGFR", "RTK_FEEDBACK")}, rows


def test_another_gene_listed_after_secondary_kras_alterations_is_a_bypass(extract):
    rows = extract("Resistance alterations emerged in 26 of 58 patients treated with adagrasib. Secondary "
                   "KRAS alterations were most frequent, including G12D (n = 6) and high-level KRAS "
                   "amplification (n = 4), followed by MAP2K1 mutations (n = 3).")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("MAP2K1", "BYPASS_ALTERATION") in got and ("KRAS", "SECONDARY_KRAS_ALTERATION") in got, rows
    assert ("MAP2K1", "SECONDARY_KRAS_ALTERATION") not in got, rows


def test_a_readout_the_drug_had_no_effect_on_is_no_mediator(extract):
    rows = extract("Sotorasib was active in KRAS G12C lung cancer cells. Notably, a non-G12C mutant line was "
                   "insensitive to treatment, as evidenced by lack of effect on pERK or on cell viability.")
    assert not [r for r in rows if r["relation"] == "resistance" and r["target"] == "ERK"], rows


def test_plus_minus_sign_gives_both_arms(extract):
    rows = extract("Sotorasib + panitumumab ± FOLFIRI was tested in CRC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "panitumumab"), ("sotorasib", "chemotherapy;panitumumab")}, rows


def test_the_genotype_of_a_model_is_no_acquired_alteration(extract):
    rows = extract("Sotorasib cured most CT26 KRAS G12C tumours in immunocompetent mice. Cured animals "
                   "rejected re-challenge with KRAS G12D-mutant CT26 cells, pointing to adaptive immunity.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_they_after_a_class_with_examples_is_the_class(extract):
    rows = extract("SHP2 inhibitors such as TNO155 and RMC-4630 block the catalytic activity of SHP2. "
                   "Because KRAS G12C still cycles, these agents raise the fraction of inactive, GDP-bound "
                   "KRAS.")
    got = keyset([r for r in rows if r["relation"] == "inhibits" and r["target"] == "KRAS"], "drug")
    assert got == {("SHP2 inhibitor",)}, rows


def test_alterations_listed_after_a_resistance_statement_continue_it(extract):
    rows = extract("Awad et al. characterised acquired resistance in 38 patients treated with adagrasib and "
                   "identified putative mechanisms in 17 of them. These included activating mutations at "
                   "codons 12 and 61 (G12D and Q61H) that restore GTP loading independently of the "
                   "drug-binding cysteine.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION")}, rows


def test_a_table_caption_naming_one_drug_makes_each_row_its_partner(extract):
    rows = extract("Table 2. Preclinical combinations with adagrasib\nModel | Partner | Effect\n"
                   "H358 xenograft (NSCLC) | TNO155 | regression, deeper than either agent alone\n"
                   "MIA PaCa-2 xenograft (PDAC) | palbociclib | durable regression\n"
                   "SW837 xenograft (CRC) | cetuximab + FOLFIRI | regression\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert got == {("adagrasib", "TNO155", "lung non-small cell carcinoma"),
                   ("adagrasib", "palbociclib", "pancreatic ductal adenocarcinoma"),
                   ("adagrasib", "cetuximab;chemotherapy", "colorectal cancer")}, rows


def test_a_drugs_resistance_statement_goes_on_in_the_next_sentence(extract):
    rows = extract("Resistance to first-line osimertinib in EGFR-mutant NSCLC is heterogeneous. On-target "
                   "EGFR C797S mutations, which abolish the covalent bond that osimertinib forms with "
                   "cysteine 797, occur in 7% of patients, whereas off-target mechanisms, including MET "
                   "amplification, are more frequent.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert {("osimertinib", "MET", "BYPASS_ALTERATION"), ("osimertinib", "EGFR", "OTHER")} <= got, rows


def test_a_fusion_names_its_kinase_as_the_mediator(extract):
    rows = extract("CCDC6-RET, EML4-ALK and FGFR3-TACC3 fusions were each detected at resistance to "
                   "adagrasib in patients with NSCLC.")
    got = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert got == {"RET", "ALK", "FGFR3"}, rows


def test_a_table_of_alterations_counted_per_drug(extract):
    rows = extract("Table 3. Acquired alterations in ctDNA at progression on KRAS G12C inhibitors in NSCLC\n"
                   "Alteration | Sotorasib (n=27) | Adagrasib (n=19)\nKRAS Y96D/C | 0 | 3\n"
                   "MET amplification | 3 | 2\nBRAF V600E | 1 | 0\nNo alteration detected | 18 | 9\n")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("adagrasib", "KRAS", "SECONDARY_KRAS_ALTERATION"),
                   ("sotorasib", "MET", "BYPASS_ALTERATION"), ("adagrasib", "MET", "BYPASS_ALTERATION"),
                   ("sotorasib", "BRAF", "BYPASS_ALTERATION")}, rows


def test_a_table_printed_one_cell_per_line_keeps_its_rows(extract):
    rows = extract("Table 4. Adagrasib combination cohorts of KRYSTAL-2\nPartner\nDisease\nPhase\n"
                   "Cetuximab ± irinotecan\nPreviously treated colorectal cancer\nII\n"
                   "TNO155\nNon-small cell lung cancer\nI/II\n"
                   "Palbociclib\nPancreatic cancer\nI\n"
                   "NSCLC, non-small cell lung cancer.\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert got == {("adagrasib", "cetuximab", "colorectal cancer"),
                   ("adagrasib", "cetuximab;irinotecan", "colorectal cancer"),
                   ("adagrasib", "TNO155", "lung non-small cell carcinoma"),
                   ("adagrasib", "palbociclib", "pancreatic cancer")}, rows


def test_a_class_said_of_the_drug_before_it_stands_for_that_drug(extract):
    rows = extract("Zoldonrasib (RMC-9805) is an oral RAS(ON) G12D-selective inhibitor that covalently "
                   "binds KRAS G12D in its active state.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("zoldonrasib", "KRAS")}, rows


def test_a_second_arm_after_an_inserted_phrase_is_its_own_regimen(extract):
    rows = extract("Garsorasib is being combined with cetuximab and, in another cohort of the same "
                   "phase II study, with pembrolizumab.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("garsorasib", "cetuximab"), ("garsorasib", "pembrolizumab")}, rows


def test_an_added_partner_joins_the_agent_of_its_own_contrasted_clause(extract):
    rows = extract("Divarasib is being combined with cetuximab in colorectal cancer, whereas elironrasib "
                   "binds the GTP-bound, active form of KRAS G12C and is being given together with the "
                   "RAS(ON) multi-selective inhibitor daraxonrasib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert ("elironrasib", "daraxonrasib") in got and ("divarasib", "daraxonrasib") not in got, rows


def test_resistance_to_a_regimen_names_the_rest_of_it_as_partner(extract):
    rows = extract("At progression on divarasib plus cetuximab, circulating tumour DNA from patients with "
                   "colorectal cancer showed acquired MET amplification.\n\n"
                   "Acquired MET amplification was found in patients with NSCLC progressing on "
                   "selpercatinib or pralsetinib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "partner", "target")
    assert ("divarasib", "cetuximab", "MET") in got, rows
    assert all(p == "" for d, p, t in got if d in ("selpercatinib", "pralsetinib")), rows


def test_members_exemplifying_a_class_stand_for_the_class(extract):
    rows = extract("MEK inhibitors, exemplified by trametinib and the investigational agent "
                   "avutometinib, lock MEK in an inactive conformation.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("MEK inhibitor", "MEK")}, rows


def test_a_coordinated_negated_verb_phrase_gives_a_negated_inhibits_row(extract):
    rows = extract("Fulzerasib was profiled against a kinase panel. The compound covalently modified "
                   "KRAS G12C within minutes but did not inhibit MET or any other kinase tested.")
    got = {(r["drug"], r["target"], r["assertion"]) for r in rows if r["relation"] == "inhibits"}
    assert ("fulzerasib", "MET", "negated") in got, rows


def test_an_overcomes_row_takes_the_target_the_sentence_says_its_partner_hits(extract):
    rows = extract("Sotorasib-resistant H23 cells had acquired an HRAS G13R mutation. Adding "
                   "daraxonrasib, which also inhibits mutant HRAS in its active state, restored "
                   "sotorasib sensitivity.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "target")
    assert ("sotorasib", "daraxonrasib", "HRAS") in got, rows


def test_genes_listed_after_an_inserted_phrase_are_all_acquired_alterations(extract):
    rows = extract("In patients with NSCLC who progressed on adagrasib, plasma DNA showed acquired "
                   "alterations in most cases, mainly in NRAS, BRAF, MAP2K1 and RET.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {("NRAS", "BYPASS_ALTERATION"), ("BRAF", "BYPASS_ALTERATION"),
            ("MAP2K1", "BYPASS_ALTERATION"), ("RET", "BYPASS_ALTERATION")} <= got, rows


def test_an_added_class_after_a_resistance_statement_joins_that_drug_not_one_after_a_colon(extract):
    rows = extract("In pancreatic cancer models, KRAS G12C inhibitors are limited by feedback activation of "
                   "HER2. Adding a HER2 inhibitor suppresses this feedback: in one cohort, adagrasib plus "
                   "tucatinib shrank tumours in 5 of 9 patients.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert ("KRAS G12C inhibitor", "HER2 inhibitor") in got and \
        ("adagrasib", "HER2 inhibitor") not in got, rows


def test_a_trial_given_to_ask_whether_a_regimen_delays_resistance_is_a_combination(extract):
    rows = extract("Newly synthesised KRAS G12C escapes sotorasib within 24 h in lung cancer cells. "
                   "A phase I trial combines sotorasib with the SOS1 inhibitor BI 1701963 to ask whether "
                   "limiting nucleotide exchange delays this adaptation.")
    got = keyset([r for r in rows if r["drug"] == "sotorasib" and r["partner"]], "relation", "partner")
    assert got == {("combination", "BI 1701963")}, rows


def test_an_agent_that_keeps_working_is_not_the_resisted_one(extract):
    rows = extract("ERK inhibitors might keep working when resistance to upstream drugs arises through "
                   "MAPK reactivation.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_a_trial_regimen_takes_the_cancer_of_the_opening_frame(extract):
    rows = extract("In KRAS G12C colorectal cancer, the triplet of divarasib, cetuximab and FOLFOX is "
                   "being evaluated in a phase Ib trial.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "cancer")
    assert got == {("divarasib", "colorectal cancer")}, rows


def test_partial_responses_are_no_resistance(extract):
    rows = extract("In the phase I study, partial responses to ulixertinib occurred mainly in patients "
                   "whose tumours carried BRAF or NRAS mutations.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_resistance_continued_from_examples_of_a_class_is_the_class(extract):
    rows = extract("ERK inhibitors such as ulixertinib and temuterkib block ERK1/2 catalytic activity, yet "
                   "they have produced few responses in patients. A likely explanation is adaptive "
                   "reactivation of upstream RTKs.")
    drugs = {r["drug"] for r in rows if r["relation"] == "resistance"}
    assert drugs == {"ERK inhibitor"}, rows


def test_tumours_that_regrew_and_a_partner_restoring_sensitivity(extract):
    rows = extract("In KRAS G12D pancreatic cancer xenografts, zoldonrasib suppressed pERK and induced "
                   "regressions. Tumours that later regrew showed increased FGFR1 signalling, and "
                   "co-treatment with erdafitinib restored sensitivity.")
    got = keyset(rows, "relation", "drug", "partner", "target")
    assert ("resistance", "zoldonrasib", "", "FGFR1") in got, rows
    assert ("overcomes", "zoldonrasib", "erdafitinib", "FGFR1") in got, rows


@pytest.mark.parametrize("text", [
    "Avutometinib acts as a RAF/MEK clamp, blocking MEK phosphorylation by RAF.",
    "Avutometinib, a RAF-MEK clamp, prevents RAF from phosphorylating MEK.",
    "Avutometinib prevents the compensatory phosphorylation of MEK that follows MEK inhibition.",
])
def test_an_agent_stopping_a_proteins_phosphorylation_acts_on_that_protein(extract, text):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("avutometinib", "MEK")}, rows


def test_tumours_that_progress_on_a_drug_and_transform_with_companion_losses(extract):
    rows = extract("Up to 10% of tumours that progress on lorlatinib undergo histologic transformation, "
                   "most often to small cell lung cancer with loss of RB1 and TP53.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism",
                 "cancer")
    assert got == {("lorlatinib", "", "HISTOLOGIC_TRANSFORMATION", ""),
                   ("lorlatinib", "RB1", "HISTOLOGIC_TRANSFORMATION", ""),
                   ("lorlatinib", "TP53", "HISTOLOGIC_TRANSFORMATION", "")}, rows


def test_a_chemotherapy_doublet_added_to_a_first_line_drug_joins_it(extract):
    rows = extract("The trial added pemetrexed plus cisplatin or carboplatin to first-line osimertinib in "
                   "EGFR-mutant NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("osimertinib", "cisplatin;pemetrexed"), ("osimertinib", "carboplatin;pemetrexed")}, rows


def test_a_family_inhibitor_in_apposition_to_its_drug_is_no_second_agent(extract):
    rows = extract("Daraxonrasib, a RAS(ON) multi-selective inhibitor, engages mutant and wild-type RAS in "
                   "the GTP-bound state.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("daraxonrasib", "RAS")}, rows


def test_transformation_from_one_histology_to_another_and_alterations_in_genes_of_a_pathway(extract):
    rows = extract("Among 40 patients who progressed on divarasib, acquired alterations in genes of the RTK "
                   "pathway were the commonest finding, and two patients showed transformation from "
                   "adenocarcinoma to squamous cell carcinoma.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert {("divarasib", "RTK", "BYPASS_ALTERATION"),
            ("divarasib", "", "HISTOLOGIC_TRANSFORMATION")} <= got, rows


@pytest.mark.parametrize("text, drug, target", [
    ("Glecirasib reacts irreversibly with Cys12 of KRAS G12C.", "glecirasib", "KRAS"),
    ("BI 1701963 stops SOS1 from loading GTP onto KRAS.", "BI 1701963", "SOS1"),
])
def test_reacting_with_a_protein_or_stopping_it_from_acting_is_inhibits(extract, text, drug, target):
    rows = extract(text)
    assert (drug, target) in keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target"), rows


def test_a_co_mutation_that_dampens_responses_to_two_classes(extract):
    rows = extract("KEAP1 co-mutation dampens responses to both G12C inhibitors and PD-1 blockade in NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("KRAS G12C inhibitor", "KEAP1"), ("PD-1 inhibitor", "KEAP1")}, rows


def test_adding_a_partner_just_combined_with_a_member_joins_the_member_not_its_class(extract):
    rows = extract("Among 11 patients with CRC who had progressed on a KRAS G12C inhibitor, glecirasib plus "
                   "panitumumab produced no objective responses, indicating that adding panitumumab does "
                   "not rescue acquired resistance.")
    drugs = {r["drug"] for r in rows if r["partner"] == "panitumumab"}
    assert drugs == {"glecirasib"}, rows


def test_a_target_column_of_an_agent_table_gives_inhibits_rows(extract):
    rows = extract("Table 2. Upstream partners\nAgent | Target | Status\nRMC-4630 | SHP2 | phase II\n"
                   "BI 1701963 | SOS1 | phase I\n\n"
                   "Partner agent\tTarget\tMode of action\nPanitumumab\tEGFR\tmonoclonal antibody\n"
                   "Selumetinib\tMEK1/2\tallosteric kinase inhibitor\n")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "cancer")
    assert got == {("vociprotafib", "PTPN11", ""), ("BI 1701963", "SOS1", ""), ("panitumumab", "EGFR", ""),
                   ("selumetinib", "MEK", "")}, rows


def test_a_partner_column_of_a_table_printed_one_cell_per_line(extract):
    rows = extract("Table 1. EGFR-directed agents\nAgent\nTarget\nPartner(s) in pivotal trial\nTumour\n"
                   "Amivantamab\nEGFR and MET\nlazertinib (MARIPOSA)\nEGFR-mutant NSCLC\n"
                   "Panitumumab\nEGFR\nsotorasib (CodeBreaK 300)\nKRAS G12C CRC\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert ("amivantamab", "lazertinib", "lung non-small cell carcinoma") in got, rows


def test_a_table_of_partners_overcoming_resistance_to_the_caption_drug(extract):
    rows = extract("Table 4. Partners reported to overcome resistance to adagrasib\n"
                   "Mechanism | Partner | Evidence\n"
                   "EGFR feedback | cetuximab or panitumumab | clinical (CRC)\n"
                   "MET amplification | crizotinib | case report\n"
                   "MAPK reactivation | trametinib | antagonistic; no gain over adagrasib alone\n")
    got = keyset(rows, "relation", "drug", "partner", "mechanism", "cancer")
    assert {("overcomes", "adagrasib", "cetuximab", "RTK_FEEDBACK", "colorectal cancer"),
            ("overcomes", "adagrasib", "panitumumab", "RTK_FEEDBACK", "colorectal cancer"),
            ("overcomes", "adagrasib", "crizotinib", "BYPASS_ALTERATION", ""),
            ("combination", "adagrasib", "trametinib", "", "")} <= got, rows
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_it_combined_with_a_partner_is_the_drug_named_last(extract):
    rows = extract("KRAS G12C inhibition remodels the tumour microenvironment: in CT26 tumours, divarasib "
                   "increased T-cell infiltration, and combining it with anti-PD-1 produced durable cures.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert ("divarasib", "PD-1 inhibitor") in got, rows
    assert not any(d == "KRAS G12C inhibitor" for d, _ in got), rows


def test_a_relative_clause_of_pharmacology_takes_no_cancer_from_the_opening_frame(extract):
    rows = extract("In BRAF V600E-mutant colorectal cancer, encorafenib, which inhibits BRAF V600E, plus "
                   "cetuximab became the second-line standard.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "cancer")
    assert got == {("encorafenib", "BRAF", "")}, rows
    combos = keyset(rows, "drug", "partner", "cancer")
    assert ("encorafenib", "cetuximab", "colorectal cancer") in combos, rows


def test_alterations_given_as_examples_of_a_named_process_take_its_code(extract):
    rows = extract("Progression on sotorasib in lung cancer was dominated by MAPK-reactivating events, "
                   "including NRAS mutations, MAP2K1 mutations and BRAF amplification.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {("NRAS", "MAPK_REACTIVATION"), ("MAP2K1", "MAPK_REACTIVATION"),
            ("BRAF", "MAPK_REACTIVATION")} <= got, rows
    assert not [m for _, m in got if m == "BYPASS_ALTERATION"], rows


@pytest.mark.parametrize("text", [
    "In these adapting cells, EGFR and AURKA signalling drove the production of newly synthesised "
    "KRAS G12C, which escaped sotorasib.",
    "Under sotorasib, a subpopulation escapes by synthesising new KRAS G12C, which EGFR and AURKA "
    "signalling keep in the active state.",
])
def test_receptor_signalling_that_drives_new_kras_synthesis_takes_that_process(extract, text):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("EGFR", "KRAS_REACTIVATION") in got, rows
    assert ("EGFR", "RTK_FEEDBACK") not in got, rows


def test_sos1_dependent_reactivation_of_the_mutant_protein_is_kras_reactivation(extract):
    rows = extract("In KRAS G12C-mutant lung cancer xenografts, adagrasib alone was followed by "
                   "SOS1-dependent reactivation of KRASG12C.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert ("adagrasib", "SOS1", "KRAS_REACTIVATION") in got, rows


def test_a_yap_or_fak_survival_mediator_without_a_named_process_is_other(extract):
    rows = extract("Genome-wide CRISPR screens in KRAS G12C-mutant lung cancer cells identified YAP1 as a "
                   "mediator of survival under sotorasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert ("sotorasib", "YAP1", "OTHER") in got, rows


def test_its_combination_after_a_resisted_drug_joins_the_clause_subject(extract):
    rows = extract("In preclinical models, RMC-6236 suppressed the growth of NSCLC cells with acquired "
                   "resistance to sotorasib, and its combination with RMC-6291 was more active than either "
                   "agent alone.")
    got = {frozenset((r["drug"], r["partner"])) for r in rows
           if r["relation"] in ("combination", "overcomes")}
    assert frozenset(("elironrasib", "daraxonrasib")) in got, rows
    assert not any("sotorasib" in g for g in got), rows


@pytest.mark.parametrize("text, drugs", [
    ("Opnurasib binds in a mode that tolerates the H95 substitutions which impair sotorasib and adagrasib.",
     {"sotorasib", "adagrasib"}),
    ("JDQ443 keeps activity against the H95Q variant, which reduces the binding of adagrasib.",
     {"adagrasib"}),
])
def test_a_variant_that_impairs_a_drug_or_its_binding_is_resistance(extract, text, drugs):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert {(d, "KRAS", "SECONDARY_KRAS_ALTERATION") for d in drugs} <= got, rows
    assert not any(d in ("opnurasib", "JDQ443") for d, _, _ in got), rows


def test_an_agent_said_to_intercept_the_process_is_its_remedy_not_the_resisted_drug(extract):
    rows = extract("Because ERK sits at the bottom of the cascade, ERK inhibitors could in principle "
                   "intercept MAPK reactivation regardless of whether it arises through RAF or MEK.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows
    rows = extract("In colorectal cancer, the effect of KRAS G12C inhibition is blunted by rapid feedback "
                   "activation of EGFR.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "mechanism")
    assert ("KRAS G12C inhibitor", "RTK_FEEDBACK") in got, rows


def test_a_gerund_after_because_names_no_agent_of_inhibition(extract):
    rows = extract("BRAF V600E colorectal cancer responds poorly to vemurafenib, because inhibiting BRAF in "
                   "colonic cells relieves negative feedback on EGFR.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows
    rows = extract("Vemurafenib inhibits BRAF V600E in melanoma cells.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("vemurafenib", "BRAF")}, rows


def test_a_regimen_suppressing_a_readout_is_no_inhibition_by_its_partner(extract):
    rows = extract("In CRC organoids, sotorasib combined with panitumumab and the SHP2 inhibitor RMC-4550 "
                   "suppressed pERK more completely than either doublet.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert not {("panitumumab", "ERK"), ("RMC-4550", "ERK")} & got, rows
    rows = extract("We combined sotorasib with alisertib, which blocks AURKA kinase activity.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert ("alisertib", "AURKA") in got, rows


def test_the_regimen_resistance_arose_under_is_not_aimed_at_it(extract):
    rows = extract("Serial ctDNA from patients with colorectal cancer treated with sotorasib "
                   "plus panitumumab revealed acquired alterations in KRAS, NRAS and MAP2K1, together "
                   "with EGFR extracellular-domain mutations that prevent antibody binding.")
    assert not [r for r in rows if r["relation"] == "overcomes"], rows
    got = keyset(rows, "relation", "drug", "partner")
    assert ("combination", "sotorasib", "panitumumab") in got, rows
    assert ("resistance", "sotorasib", "panitumumab") in got, rows


def test_a_regimen_never_given_takes_no_cancer_from_the_paragraph(extract):
    rows = extract("Divarasib produced responses in 53% of patients with KRAS G12C NSCLC. No clinical trial "
                   "has yet combined divarasib with a SHP2 inhibitor.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert got == {("divarasib", "SHP2 inhibitor", "")}, rows


@pytest.mark.parametrize("ref, cancer", [("the latter", "colorectal cancer"),
                                         ("the former", "lung non-small cell carcinoma")])
def test_a_finding_said_of_the_latter_or_the_former_takes_that_cancer(extract, ref, cancer):
    rows = extract(f"Although both NSCLC and colorectal cancer cells treated with sotorasib lose viability, "
                   f"{ref} show rapid upregulation of pERK, suggestive of adaptive resistance.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "cancer")
    assert got == {("sotorasib", "ERK", cancer)}, rows


def test_resistance_to_the_doublet_named_before_keeps_its_partner(extract):
    rows = extract("In KRYSTAL-1, adagrasib plus cetuximab was active in pretreated colorectal cancer. "
                   "Circulating tumour DNA collected at progression on the doublet revealed acquired "
                   "alterations in NRAS and MAP2K1.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "partner", "target")
    assert {("adagrasib", "cetuximab", "NRAS"), ("adagrasib", "cetuximab", "MAP2K1")} <= got, rows


def test_findings_that_go_on_with_a_regimen_resistance_keep_its_partner(extract):
    rows = extract("In colorectal cancer, resistance to sotorasib plus panitumumab arose through MAPK "
                   "reactivation. These included secondary KRAS mutations and MET amplification.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "partner", "target")
    assert {("sotorasib", "panitumumab", "KRAS"), ("sotorasib", "panitumumab", "MET")} <= got, rows


def test_a_cytotoxic_backbone_with_alternative_platinum_partners(extract):
    rows = extract("In EGFR-mutant NSCLC, adding pemetrexed and carboplatin or cisplatin to first-line "
                   "osimertinib lengthened progression-free survival in FLAURA2.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("osimertinib", "carboplatin;pemetrexed"), ("osimertinib", "cisplatin;pemetrexed")}, rows


def test_a_platinum_doublet_named_as_one_chemotherapy_is_one_class(extract):
    rows = extract("FLAURA2 added platinum\u2013pemetrexed chemotherapy to osimertinib in untreated "
                   "EGFR-mutant NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("osimertinib", "platinum-based chemotherapy")}, rows
    rows = extract("Sotorasib was combined with carboplatin and pemetrexed in untreated NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "carboplatin;pemetrexed")}, rows


def test_this_is_why_ties_a_combination_to_the_resistance_just_stated(extract):
    rows = extract("In colorectal cancer, adagrasib is blunted by feedback activation of EGFR. This is why "
                   "adagrasib is given together with cetuximab.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("adagrasib", "cetuximab", "RTK_FEEDBACK")}, rows


def test_an_active_state_inhibitor_does_not_overcome_resistance_stated_for_inactive_state_ones(extract):
    rows = extract("Because it also blocks wild-type RAS, which drives adaptive MAPK rebound under OFF-state "
                   "G12C inhibitors, RMC-6236 is being combined with RMC-6291 in KRAS G12C NSCLC.")
    assert not [r for r in rows if r["relation"] == "overcomes"], rows
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("elironrasib", "daraxonrasib")}, rows


def test_a_trial_testing_a_regimen_in_pretreated_patients_is_a_combination(extract):
    rows = extract("RAMP 203 is testing avutometinib and defactinib with sotorasib in KRAS G12C-mutated "
                   "NSCLC, including patients whose disease progressed on a G12C inhibitor.")
    assert not [r for r in rows if r["relation"] == "overcomes"], rows
    assert [r for r in rows if r["relation"] == "combination"], rows


def test_an_agent_with_or_without_another_added_to_a_drug_gives_two_arms(extract):
    rows = extract("In the RAMP 203 study, avutometinib with or without the FAK inhibitor defactinib "
                   "is being added to sotorasib in KRAS G12C NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "assertion")
    assert got == {("sotorasib", "avutometinib", "affirmed"),
                   ("sotorasib", "avutometinib;defactinib", "affirmed")}, rows


def test_a_run_together_table_whose_cancer_cells_touch_phase_and_trial_cells(extract):
    rows = extract("Table 3. Selected ongoing combination trials\n"
                   "KRAS G12C inhibitorPartner(s)PhaseTumour typeStudy\n"
                   "AdagrasibCetuximabIIICRCKRYSTAL-10\n"
                   "AdagrasibPembrolizumabIIINSCLCKRYSTAL-7\n"
                   "SotorasibPalbociclibIbSolid tumoursCodeBreaK 101\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert {("adagrasib", "cetuximab", "colorectal cancer"),
            ("adagrasib", "pembrolizumab", "lung non-small cell carcinoma"),
            ("sotorasib", "palbociclib", "cancer")} <= got, rows


@pytest.mark.parametrize("text, drug", [
    ("ARS-1620 covalently binds only the inactive form, so newly made protein escapes it.", "ARS-1620"),
    ("First-generation KRAS G12C inhibitors bind only the GDP-bound form of the protein.",
     "KRAS G12C inhibitor"),
])
def test_an_agent_binding_a_state_of_its_own_target_acts_on_that_target(extract, text, drug):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {(drug, "KRAS")}, rows


def test_a_mediator_that_keeps_kras_in_the_active_state_under_a_drug_is_resistance(extract):
    rows = extract("Because AURKA induction kept residual KRAS G12C in the GTP-bound state after sotorasib, "
                   "we combined sotorasib with alisertib, which blocks AURKA kinase activity.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert ("sotorasib", "AURKA", "KRAS_REACTIVATION") in got, rows
    rows = extract("Sotorasib holds KRAS G12C in the inactive, GDP-bound state.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_producing_new_krasg12c_written_as_one_word_is_kras_reactivation(extract):
    rows = extract("Within days of ARS-1620 treatment, a subpopulation resumed proliferation by producing "
                   "new KRASG12C, which EGFR and AURKA signalling kept in the active state.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert {("EGFR", "KRAS_REACTIVATION"), ("AURKA", "KRAS_REACTIVATION")} <= got, rows


def test_both_drugs_given_with_a_third_form_one_regimen(extract):
    rows = extract("Avutometinib is a RAF/MEK clamp, and defactinib inhibits FAK. RAMP 203 is testing both "
                   "drugs with sotorasib in KRAS G12C-mutated NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "avutometinib;defactinib")}, rows


def test_platinum_alternatives_first_and_overcome_wording_inside_a_later_open_question(extract):
    rows = extract("Adding carboplatin or cisplatin plus pemetrexed to first-line osimertinib lengthened "
                   "progression-free survival in FLAURA2, but whether upfront chemotherapy delays or "
                   "prevents histologic transformation has not been shown.")
    assert not [r for r in rows if r["relation"] == "overcomes"], rows
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("osimertinib", "carboplatin;pemetrexed"), ("osimertinib", "cisplatin;pemetrexed")}, rows


def test_a_regimen_that_may_delay_the_emergence_of_a_process_is_not_resisted(extract):
    rows = extract("Modelling work suggests that upfront sotorasib plus panitumumab might delay the "
                   "emergence of MAPK-reactivating subclones in CRC.")
    assert not [r for r in rows if r["relation"] == "resistance"], rows


def test_agents_named_as_partners_join_the_paragraphs_focus_agent_one_row_each(extract):
    rows = extract("Adagrasib is approved for KRAS G12C-mutated NSCLC. SHP2 and SOS1 inhibitors have so far "
                   "disappointed as partners in lung cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("adagrasib", "SHP2 inhibitor"), ("adagrasib", "SOS1 inhibitor")}, rows


def test_a_kras_inhibitor_swept_into_the_partner_list_is_the_host(extract):
    rows = extract("Because ERBB receptors are re-activated after KRASG12C inhibition, pan-ERBB inhibitors "
                   "were proposed as better partners than EGFR antibodies in lung cancer.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("KRAS G12C inhibitor", "pan-ERBB inhibitor")}, rows


def test_its_combination_with_a_kras_inhibitor_is_hosted_by_the_other_agent(extract):
    rows = extract("In lung cancer models, the SOS1 inhibitor BI 1701963 prevented reloading of wild-type "
                   "HRAS with GTP after KRAS G12C inhibition, and its combination with adagrasib delayed "
                   "the onset of resistance.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("adagrasib", "BI 1701963")}, rows


def test_agents_given_together_are_one_regimen(extract):
    rows = extract("In xenografts, adagrasib and RMC-4550 given together from day one prevented the "
                   "outgrowth of resistant clones.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("adagrasib", "RMC-4550")}, rows


@pytest.mark.parametrize("text, drug, mechanism", [
    ("Dual blockade with dabrafenib and trametinib delays the MAPK reactivation that limits BRAF "
     "inhibitor monotherapy in BRAF V600E melanoma.", "BRAF inhibitor", "MAPK_REACTIVATION"),
    ("The EGFR feedback that blunts KRAS G12C inhibitor monotherapy in colorectal cancer is overcome "
     "by adding an anti-EGFR antibody.", "KRAS G12C inhibitor", "RTK_FEEDBACK"),
])
def test_a_relative_clause_on_the_overcome_process_states_the_resistance(extract, text, drug, mechanism):
    rows = extract(text)
    assert [r for r in rows if r["relation"] == "overcomes"], rows
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "mechanism")
    assert got == {(drug, mechanism)}, rows


@pytest.mark.parametrize("text, gene", [
    ("EGFR feedback limits the single-agent activity of adagrasib in colorectal cancer.", "EGFR"),
    ("Under adagrasib alone, resistance emerged within 4 weeks together with rising phospho-EGFR.", "EGFR"),
])
def test_hyphenated_modifiers_and_rising_readouts_state_resistance(extract, text, gene):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("adagrasib", gene)}, rows


def test_inhibition_of_two_targets_by_an_agent_and_compensatory_activation(extract):
    rows = extract("Inhibition of RAF and MEK by avutometinib induces compensatory FAK phosphorylation.")
    assert keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target") == {
        ("avutometinib", "RAF"), ("avutometinib", "MEK")}, rows
    assert keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target") == {
        ("avutometinib", "PTK2")}, rows


def test_responses_in_patients_with_driver_named_resistance_overcome_it(extract):
    rows = extract("In EGFR-mutant NSCLC, adding savolitinib to osimertinib produced objective responses in "
                   "patients with MET-driven resistance.")
    got = keyset(rows, "relation", "drug", "partner")
    assert ("overcomes", "osimertinib", "savolitinib") in got, rows
    assert ("combination", "osimertinib", "savolitinib") not in got, rows


def test_a_resistant_subgroup_gives_overcomes_beside_the_regimens_combination(extract):
    rows = extract("In CodeBreaK 101, sotorasib plus trametinib produced responses in patients with NSCLC, "
                   "including some whose disease had progressed on sotorasib monotherapy.")
    got = keyset(rows, "relation", "drug", "partner")
    assert {("combination", "sotorasib", "trametinib"), ("overcomes", "sotorasib", "trametinib")} <= got, rows


def test_a_gene_tyrosine_kinase_inhibitor_is_one_class_mention(extract):
    rows = extract("In EGFR-mutant NSCLC with MET amplification at progression on osimertinib, adding a MET "
                   "tyrosine kinase inhibitor restored disease control.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("osimertinib", "MET inhibitor")}, rows


@pytest.mark.parametrize("text", [
    "Hagenbeek et al. described GNE-7883, which blocks the binding of YAP to TEAD, and showed that "
    "it overcame resistance to sotorasib in xenografts.",
    "Blocking TEAD palmitoylation with VT104 overcame both primary and acquired sotorasib resistance.",
])
def test_tead_inhibitors_overcome_resistance_with_tead_as_target(extract, text):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "target")
    assert got == {("sotorasib", "TEAD")}, rows


def test_its_activity_refers_to_the_drug_not_to_its_apposed_class(extract):
    rows = extract("The KRAS G12D inhibitor MRTX1133 suppresses ERK phosphorylation in pancreatic cancer "
                   "cells. Its activity in colorectal cancer models is blunted by increased EGFR "
                   "phosphorylation, and cetuximab or afatinib restored tumour regression in those models.")
    assert keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target") == {
        ("MRTX1133", "EGFR")}, rows
    assert keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner") == {
        ("MRTX1133", "cetuximab"), ("MRTX1133", "afatinib")}, rows


def test_two_kras_inhibitors_in_one_group_are_alternatives_each_with_the_partner(extract):
    rows = extract("TNO155 enhanced the activity of sotorasib and adagrasib in lung cancer models.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "TNO155"), ("adagrasib", "TNO155")}, rows


def test_neither_doublet_denies_each_pair_of_the_triplet(extract):
    rows = extract("In mesenchymal-like xenografts, sotorasib combined with a PI3K inhibitor and an SHP2 "
                   "inhibitor overcame this resistance, whereas neither doublet did.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "partner", "assertion")
    assert got == {("PI3K inhibitor;SHP2 inhibitor", "affirmed"), ("PI3K inhibitor", "negated"),
                   ("SHP2 inhibitor", "negated")}, rows


@pytest.mark.parametrize("text, classes", [
    ("Neither SHP2 nor MEK inhibition restored sensitivity to sotorasib.",
     {"SHP2 inhibitor", "MEK inhibitor"}),
    ("SHP2, SOS1 or EGFR blockade was added to sotorasib.",
     {"SHP2 inhibitor", "SOS1 inhibitor", "EGFR inhibitor"}),
])
def test_a_head_noun_shared_by_nor_and_by_a_longer_list(extract, text, classes):
    rows = extract(text)
    got = {p for r in rows if r["relation"] in ("combination", "overcomes") for p in r["partner"].split(";")}
    assert got == classes, rows


def test_neither_nor_blockers_are_denied_and_the_contrasted_agent_that_did_is_not_their_host(extract):
    rows = extract("In sotorasib-treated NSCLC lines, rebound ERK signalling was driven by EGFR in some and "
                   "by FGFR1 in others. Neither erlotinib nor the FGFR inhibitor erdafitinib prevented the "
                   "rebound across the panel, whereas the SHP2 inhibitor RMC-4550 did57.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "assertion")
    assert got == {("sotorasib", "erlotinib", "negated"), ("sotorasib", "erdafitinib", "negated"),
                   ("sotorasib", "RMC-4550", "affirmed")}, rows


def test_drugs_compared_against_are_in_no_regimen_but_a_comparator_regimen_is(extract):
    rows = extract("Divarasib (GDC-6036), a covalent inhibitor reported to be more potent than sotorasib or "
                   "adagrasib in vitro, has been paired with cetuximab in GO42144.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("divarasib", "cetuximab")}, rows
    rows = extract("Encorafenib plus cetuximab gave longer overall survival than cetuximab with irinotecan "
                   "in colorectal cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert ("encorafenib", "cetuximab") in got and ("cetuximab", "irinotecan") in got, rows


@pytest.mark.parametrize("text", [
    "Adagrasib seems better tolerated with pembrolizumab in first-line NSCLC.",
    "Adagrasib was well tolerated in combination with pembrolizumab.",
])
def test_a_regimen_whose_tolerability_is_stated(extract, text):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner") == {
        ("adagrasib", "pembrolizumab")}, rows


def test_arms_in_consecutive_cells_of_a_one_cell_per_line_table_share_the_population_cell(extract):
    rows = extract("Table 2 (continued)\nNCT05920356\nCodeBreaK 202\nIII\n"
                   "Sotorasib + carboplatin + pemetrexed\n"
                   "Pembrolizumab + carboplatin + pemetrexed\nFirst-line non-squamous NSCLC, PD-L1 negative\n"
                   "NCT04449874\nGO42144\nI\nDivarasib + cetuximab (CRC only)\nDivarasib + erlotinib\n"
                   "KRAS G12C solid tumours\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "cancer")
    nsclc = "lung non-small cell carcinoma"
    assert {("sotorasib", nsclc), ("pembrolizumab", nsclc), ("divarasib", "colorectal cancer")} <= got, rows


@pytest.mark.parametrize("text, drug, partners", [
    ("Residual ERK output persists despite KRAS G12C inhibition, and several groups have therefore added a "
     "MEK or ERK inhibitor.", "KRAS G12C inhibitor", {"MEK inhibitor", "ERK inhibitor"}),
    ("Residual ERK output persists despite sotorasib, and several groups have therefore combined it with a "
     "MEK inhibitor.", "sotorasib", {"MEK inhibitor"}),
    ("Residual ERK output persists despite KRAS G12C inhibition, and several groups have therefore stacked "
     "an ERK inhibitor on top.", "KRAS G12C inhibitor", {"ERK inhibitor"}),
])
def test_added_or_combined_with_it_after_therefore_overcomes(extract, text, drug, partners):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {(drug, p) for p in partners}, rows


def test_a_cohort_that_adds_x_to_y_is_not_hosted_by_the_study_drug(extract):
    rows = extract("CDK4/6 inhibitors reached the clinic only in the LY3499446 study and in a CodeBreaK 101 "
                   "cohort that adds palbociclib, which inhibits CDK4 and CDK6, to sotorasib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "palbociclib")}, rows


def test_two_agents_together_and_cells_resistant_to_a_drug(extract):
    rows = extract("Adagrasib and cetuximab together produced a response rate of 34% in colorectal cancer.")
    assert keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner") == {
        ("adagrasib", "cetuximab")}, rows
    rows = extract("Cells resistant to adagrasib remained sensitive to the combination of adagrasib and "
                   "everolimus.")
    assert keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner") == {
        ("adagrasib", "everolimus")}, rows


def test_a_limitation_that_an_agent_addresses(extract):
    rows = extract("EGFR reactivation limits the efficacy of sotorasib in colorectal cancer, a limitation "
                   "that panitumumab addresses.")
    assert keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism") == {
        ("sotorasib", "panitumumab", "RTK_FEEDBACK")}, rows


def test_persistent_activity_of_a_protein_is_a_mediator(extract):
    rows = extract("Persistent mTORC1 activity allowed cells to escape sotorasib.")
    assert keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism") == {
        ("sotorasib", "mTORC1", "PI3K_MTOR")}, rows


@pytest.mark.parametrize("text, drug, partner", [
    ("When combined with afatinib, sotorasib produced responses in 20% of patients with NSCLC.",
     "sotorasib", "afatinib"),
    ("Encorafenib, cetuximab and binimetinib were given as a triplet in BEACON.",
     "encorafenib", "binimetinib;cetuximab"),
])
def test_an_opening_partner_phrase_and_agents_given_as_a_triplet(extract, text, drug, partner):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner") == {
        (drug, partner)}, rows


def test_an_agent_that_can_prevent_this_overcomes_the_process_just_stated(extract):
    rows = extract("Resistance to sotorasib frequently involves reactivation of wild-type RAS. SHP2 "
                   "inhibition can prevent this.")
    assert keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism") == {
        ("sotorasib", "SHP2 inhibitor", "MAPK_REACTIVATION")}, rows


@pytest.mark.parametrize("text, drug, targets", [
    ("Sotorasib reduced phosphorylated ERK levels within hours in NCI-H358 xenografts.", "sotorasib",
     {"ERK"}),
    ("Adagrasib treatment led to a rapid decrease in pERK and pS6 in lung cancer cells.", "adagrasib",
     {"ERK", "RPS6"}),
])
def test_readouts_lowered_by_a_drug(extract, text, drug, targets):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target") == {
        (drug, t) for t in targets}, rows


def test_a_regimen_that_reduced_a_readout_gives_its_partner_no_inhibits_row(extract):
    rows = extract("In two CDKN2A-deleted PDX models, sotorasib with palbociclib induced sustained "
                   "regression and reduced phosphorylated RB.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


@pytest.mark.parametrize("text, gene", [
    ("Tumours with co-occurring KEAP1 mutations derived less benefit from sotorasib.", "KEAP1"),
    ("Sotorasib was less effective in KRAS G12C tumours that lacked STK11.", "STK11"),
])
def test_less_benefit_and_less_effective_state_resistance(extract, text, gene):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target") == {
        ("sotorasib", gene)}, rows


@pytest.mark.parametrize("text, drug, gene", [
    ("Responses to sotorasib were shorter in patients whose tumours harboured KEAP1 mutations.",
     "sotorasib", "KEAP1"),
    ("Sotorasib-treated tumours that regrew showed high levels of phospho-AKT.", "sotorasib", "AKT"),
    ("Adagrasib efficacy was compromised by EGFR-driven feedback in colorectal cancer.", "adagrasib", "EGFR"),
])
def test_shorter_responses_high_levels_and_compromised_efficacy(extract, text, drug, gene):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {(drug, gene)}, rows


def test_an_item_of_a_list_takes_no_cancer_from_the_item_before(extract):
    rows = extract("Key points\n1. Adding an anti-EGFR antibody is standard practice when a KRAS G12C "
                   "inhibitor is used for colorectal cancer.\n2. SHP2 and SOS1 inhibitors have so far "
                   "disappointed as partners in lung cancer.\n3. CDK4/6 and FAK inhibition may prove "
                   "useful partners.\n")
    got = keyset([r for r in rows if r["relation"] == "combination"], "partner", "cancer")
    assert ("CDK4/6 inhibitor", "") in got and ("FAK inhibitor", "") in got, rows
    assert ("SHP2 inhibitor", "lung cancer") in got, rows
    assert ("anti-EGFR antibody", "colorectal cancer") in got, rows


def test_it_standing_for_the_gene_the_sentence_opens_with_is_the_mediator(extract):
    rows = extract("Aurora kinase A (AURKA) adds a further layer: by keeping newly made KRAS G12C loaded "
                   "with GTP, it allows cells to escape adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("adagrasib", "AURKA", "KRAS_REACTIVATION")}, rows


@pytest.mark.parametrize("text, drug, partners", [
    ("Concurrent EGFR blockade increased the response rate of adagrasib in colorectal cancer from 19% "
     "to 46%.", "adagrasib", {"EGFR inhibitor"}),
    ("A phase 1b/2 trial is testing sotorasib with multiple partners, including trametinib, afatinib and "
     "pembrolizumab.", "sotorasib", {"trametinib", "afatinib", "pembrolizumab"}),
])
def test_a_raised_response_rate_and_multiple_partners_including(extract, text, drug, partners):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner") == {
        (drug, p) for p in partners}, rows


def test_a_partner_blocking_the_process_that_limits_the_named_focus_drug(extract):
    rows = extract("Panitumumab, an anti-EGFR antibody, blocks ligand binding to EGFR and thereby prevents "
                   "the EGFR feedback activation that limits sotorasib monotherapy in colorectal cancer.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("sotorasib", "panitumumab", "RTK_FEEDBACK")}, rows


def test_a_partner_abolishing_it_with_a_glued_citation(extract):
    rows = extract("In colorectal cancer cell lines, the rebound of ERK phosphorylation that follows "
                   "sotorasib exposure is driven by EGFR, and cetuximab or panitumumab abolishes it64.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("sotorasib", "cetuximab"), ("sotorasib", "panitumumab")}, rows


def test_enhanced_activity_after_a_long_predicate(extract):
    rows = extract("Allosteric SOS1 inhibitors such as BI-3406 hold KRAS in the inactive GDP-bound form "
                   "and, in pancreatic and colorectal cancer models bearing KRAS G12C, enhanced the "
                   "activity of adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert got == {("adagrasib", "SOS1 inhibitor", "pancreatic cancer"),
                   ("adagrasib", "SOS1 inhibitor", "colorectal cancer")}, rows


def test_the_drugs_own_target_beside_a_bypass_is_no_bypass(extract):
    rows = extract("Resistance to osimertinib in EGFR-mutant lung cancer involves EGFR-dependent mechanisms, "
                   "chiefly the C797S mutation, and EGFR-independent bypass, most often MET amplification.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("EGFR", "OTHER"), ("MET", "BYPASS_ALTERATION")}, rows


def test_a_gene_named_as_a_position_in_the_pathway_is_no_mediator(extract):
    rows = extract("Blocking the cascade below RAS is one way to catch the MAPK reactivation that wild-type "
                   "NRAS drives under sotorasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("sotorasib", "NRAS")}, rows


def test_a_family_with_its_members_in_parentheses_gives_the_members(extract):
    rows = extract("Relief of negative feedback after sotorasib leads to feedback activation of several "
                   "receptor tyrosine kinases (EGFR, HER2, FGFR1 and AXL).")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target")
    assert got == {("EGFR",), ("ERBB2",), ("FGFR1",), ("AXL",)}, rows


def test_on_target_mutations_state_no_inhibition(extract):
    rows = extract("In RET fusion-positive lung cancer, acquired resistance to selpercatinib arises through "
                   "on-target mutations at the RET solvent front or through MET amplification.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("selpercatinib", "RET"), ("selpercatinib", "MET")}, rows


def test_targeted_agents_is_no_targeting_verb(extract):
    rows = extract("A combination screen of divarasib with 42 targeted agents across six KRAS G12C lung "
                   "cancer cell lines ranked SHP2 and SOS1 inhibitors as the strongest partners.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_switching_from_one_drug_to_another_is_no_regimen(extract):
    rows = extract("MCF7 breast cancer cells cultured in palbociclib for six months acquired "
                   "CDK6 amplification. Switching the cells from palbociclib to abemaciclib did not "
                   "restore sensitivity.")
    assert not [r for r in rows if r["relation"] in ("combination", "overcomes")], rows


def test_the_last_alternative_of_a_partner_list_can_be_a_doublet(extract):
    rows = extract("CodeBreaK 101 is testing sotorasib in combination with trametinib, afatinib, palbociclib "
                   "or carboplatin plus pemetrexed in advanced solid tumours.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "trametinib"), ("sotorasib", "afatinib"), ("sotorasib", "palbociclib"),
                   ("sotorasib", "carboplatin;pemetrexed")}, rows


def test_it_occupies_and_forms_a_covalent_bond(extract):
    rows = extract("Sotorasib was the first KRAS G12C inhibitor approved for lung cancer. It occupies the "
                   "switch-II pocket and forms an irreversible bond with cysteine 12 of KRAS G12C.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("sotorasib", "KRAS")}, rows


def test_the_same_rationale_ties_a_doublet_to_the_resistance_just_stated(extract):
    rows = extract("Because EGFR reactivation limits KRAS G12C inhibitors in colorectal cancer, "
                   "divarasib was combined with cetuximab. The same rationale underlies garsorasib "
                   "plus cetuximab, for which early data indicate an ORR of about 45%.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert ("garsorasib", "cetuximab") in got, rows



def test_weaker_activity_traced_to_a_gene(extract):
    rows = extract("Monotherapy is far less effective in colorectal cancer. Amodio et al. traced the "
                   "weaker activity of sotorasib to EGFR, whose phosphorylation rises within hours.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("sotorasib", "EGFR")}, rows


@pytest.mark.parametrize("text, drug, partner", [
    ("In a patient with lung cancer who developed MET amplification on sotorasib, adding "
     "crizotinib restored a partial response lasting 6 months.", "sotorasib", "crizotinib"),
    ("Combining palbociclib with sotorasib may be most useful in CDKN2A-deleted disease.",
     "sotorasib", "palbociclib"),
])
def test_restored_a_response_and_disease_defined_by_the_alteration(extract, text, drug, partner):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert (drug, partner) in got, rows


def test_an_option_for_driven_resistance_outside_kras(extract):
    rows = extract("In MET-amplified lung cancer, osimertinib plus savolitinib is the established "
                   "option for MET-driven resistance.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("osimertinib", "savolitinib", "BYPASS_ALTERATION")}, rows


def test_relieving_negative_feedback_is_adaptive_resistance(extract):
    rows = extract("ARS-1620 relieves ERK-dependent negative feedback, so that phosphorylation of several "
                   "receptor tyrosine kinases, including EGFR, FGFR and MET, increases.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("ARS-1620", g, "RTK_FEEDBACK") for g in ("EGFR", "FGFR", "MET")}, rows


def test_a_gene_named_as_suppressed_is_no_mediator(extract):
    rows = extract("In lung cancer cell lines treated with adagrasib, phosphorylated S6 persisted "
                   "despite ERK suppression.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target")
    assert got == {("RPS6",)}, rows


def test_arms_compared_share_the_population(extract):
    rows = extract("KRYSTAL-7 compares adagrasib plus pembrolizumab with pembrolizumab plus "
                   "chemotherapy in NSCLC with PD-L1 expression of at least 50%.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "cancer")
    assert got == {("adagrasib", "lung non-small cell carcinoma"),
                   ("pembrolizumab", "lung non-small cell carcinoma")}, rows


def test_combined_with_a_partner_described_in_a_relative_clause_and_with_another(extract):
    rows = extract("In CodeBreaK 101, sotorasib is also being combined with everolimus, which "
                   "inhibits mTOR, and with palbociclib, which inhibits CDK4 and CDK6.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "everolimus"), ("sotorasib", "palbociclib")}, rows


def test_the_drug_resisted_in_this_sentence_is_the_overcome_drug(extract):
    rows = extract("Osimertinib was designed to overcome T790M, the gatekeeper mutation that limits "
                   "gefitinib in EGFR-mutant NSCLC. When C797S arises in trans, NSCLC cells become "
                   "resistant to osimertinib alone, and gefitinib combined with osimertinib restored "
                   "growth control.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("osimertinib", "gefitinib")}, rows


def test_either_drug_after_two_sentences_naming_one_each(extract):
    rows = extract("Among 38 patients with PDAC, sotorasib produced an ORR of 21%. In another cohort, "
                   "adagrasib achieved an ORR of 33% in pancreatic cancer. No results have yet been "
                   "reported for either drug given together with gemcitabine in pancreatic cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "gemcitabine"), ("adagrasib", "gemcitabine")}, rows


def test_co_mutations_shorten_its_benefit(extract):
    rows = extract("Osimertinib is the first-line standard in EGFR-mutant lung cancer. Concurrent TP53 "
                   "mutations shorten its benefit.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("osimertinib", "TP53")}, rows


def test_agents_of_an_opening_comparison_are_not_the_claims_agents(extract):
    rows = extract("The KRAS G12D inhibitor MRTX1133 suppresses ERK phosphorylation in pancreatic "
                   "cancer cells. As with G12C agents, its activity in colorectal cancer models is "
                   "blunted by increased EGFR phosphorylation.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("MRTX1133", "EGFR")}, rows


def test_abolished_covalent_binding_and_restored_control_of_the_disease(extract):
    rows = extract("Acquired EGFR C797S mutations abolish the covalent binding of osimertinib; when "
                   "C797S arises in trans, the combination of gefitinib with osimertinib can restore "
                   "control of the disease.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("osimertinib", "gefitinib")}, rows


def test_tested_with_one_partner_and_separately_with_another(extract):
    rows = extract("LY3537982 is being tested with abemaciclib and, separately, with cetuximab.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("olomorasib", "abemaciclib"), ("olomorasib", "cetuximab")}, rows


def test_each_of_them_takes_every_agent_named_before(extract):
    rows = extract("TNO155 and RMC-4630 lock SHP2 in its autoinhibited conformation, while BI 1701963 "
                   "prevents SOS1 from binding KRAS, and in preclinical models each of them enhanced "
                   "the activity of adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("adagrasib", p) for p in ("TNO155", "vociprotafib", "BI 1701963")}, rows


def test_drugs_compared_against_are_no_antecedents(extract):
    rows = extract("Divarasib is 5 to 20 times more potent than sotorasib and adagrasib in vitro, while "
                   "glecirasib has shown similar activity. Both agents bind the switch-II pocket of "
                   "GDP-bound KRAS G12C.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug")
    assert got == {("divarasib",), ("glecirasib",)}, rows


def test_x_a_class_or_both(extract):
    rows = extract("Mice bearing CT26 KRAS G12C colon tumors were treated with sotorasib, an anti-PD-1 "
                   "antibody, or both.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "PD-1 inhibitor")}, rows


def test_a_prior_therapy_is_no_host_of_an_added_partner(extract):
    rows = extract("Repotrectinib is active in ROS1 fusion-positive lung cancer regardless of previous "
                   "TKI exposure; whether adding platinum-based chemotherapy would extend benefit has "
                   "not been studied.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("repotrectinib", "platinum-based chemotherapy")}, rows


def test_a_cue_before_a_glued_citation(extract):
    rows = extract("Osimertinib is the first-line standard in EGFR-mutant lung cancer51. Concurrent TP53 "
                   "mutations shorten its benefit52.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("osimertinib", "TP53")}, rows
    assert all("benefit52." in r["evidence"] for r in rows if r["relation"] == "resistance"), rows


def test_a_population_in_a_negated_concession_is_no_overcome_wording(extract):
    rows = extract("In lung cancer models, sotorasib combined with palbociclib produced deeper regressions "
                   "than either drug alone, although the doublet has not been compared between "
                   "CDKN2A-intact and CDKN2A-deleted tumours.")
    got = keyset(rows, "relation", "drug", "partner")
    assert got == {("combination", "sotorasib", "palbociclib")}, rows


def test_the_agent_of_a_passive_relative_clause_on_the_process_takes_its_code(extract):
    rows = extract("Single-cell profiling showed that H358 cells escape sotorasib by producing new KRAS "
                   "G12C, which is quickly loaded with GTP under the influence of EGFR signalling.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("sotorasib", "EGFR", "KRAS_REACTIVATION")}, rows


def test_new_kras_g12c_synthesised_by_the_cell_is_kras_reactivation(extract):
    rows = extract("A fraction of lung cancer cells synthesizes new KRAS G12C and thereby escapes "
                   "adagrasib within hours.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "mechanism")
    assert got == {("adagrasib", "KRAS_REACTIVATION")}, rows


def test_a_dependency_left_by_a_lost_suppressor_is_no_mediator(extract):
    rows = extract("Deletion of CDKN2A leaves tumour cells reliant on CDK4 and CDK6 and blunts the effect "
                   "of adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("adagrasib", "CDKN2A")}, rows


def test_the_genes_a_lost_brake_acted_on_are_no_mediators(extract):
    rows = extract("Loss of CDKN2A removes a brake on CDK4 and CDK6 and may let lung cancer cells escape "
                   "the G1 arrest caused by sotorasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("sotorasib", "CDKN2A")}, rows


def test_limits_the_efficacy_of_x_names_the_resisted_drug_in_the_same_sentence(extract):
    rows = extract("In BRAF V600E melanoma, NRAS mutations limit the benefit of vemurafenib, and adding "
                   "cobimetinib delays this escape.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert got == {("overcomes", "vemurafenib", "cobimetinib")}, rows


def test_addresses_this_after_a_resistance_statement_is_overcome_wording(extract):
    rows = extract("Vemurafenib alone fails in BRAF V600E colorectal cancer because feedback activation "
                   "of EGFR restores ERK signalling. Vemurafenib plus panitumumab addresses this by "
                   "blocking EGFR.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert got == {("overcomes", "vemurafenib", "panitumumab")}, rows


def test_an_added_partner_does_not_join_a_regimen_of_a_later_coordinated_clause(extract):
    rows = extract("Vemurafenib fails in BRAF V600E colorectal cancer because relief of feedback "
                   "reactivates EGFR. Adding cetuximab abrogated this rebound in organoids, and in a "
                   "later trial encorafenib plus cetuximab prolonged survival.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert ("overcomes", "vemurafenib", "cetuximab") in got, rows
    assert ("combination", "encorafenib", "cetuximab") in got, rows


def test_an_added_partner_joins_the_paragraph_drug_when_resistance_is_stated_for_no_named_drug(extract):
    rows = extract("MRTX1133 induced regressions in most PDAC xenografts. Tumours that relapsed showed "
                   "wild-type RAS activation, and co-treatment with daraxonrasib restored tumour "
                   "shrinkage.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert got == {("overcomes", "MRTX1133", "daraxonrasib")}, rows


def test_prevented_this_outgrowth_after_a_resistance_statement_is_overcome_wording(extract):
    rows = extract("In NSCLC xenografts, sotorasib alone selected for tumours with MET amplification. "
                   "Sotorasib plus capmatinib prevented this outgrowth.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert got == {("overcomes", "sotorasib", "capmatinib")}, rows


def test_colony_outgrowth_suppressed_without_a_determiner_is_no_overcome_wording(extract):
    rows = extract("In H358 cells, sotorasib plus TNO155 suppressed colony outgrowth over four weeks.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")], "relation")
    assert got == {("combination",)}, rows


def test_did_not_rescue_the_activity_of_x_is_a_negated_overcome(extract):
    rows = extract("In lung cancer lines with KRAS Y96D, SHP2 inhibition did not rescue adagrasib "
                   "activity.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "assertion")
    assert got == {("overcomes", "adagrasib", "negated")}, rows


def test_a_discourse_adverb_between_commas_does_not_end_a_negation(extract):
    rows = extract("SHP2 inhibition did not, however, rescue sotorasib activity in lines carrying the "
                   "KRAS R68S mutation.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")], "drug", "assertion")
    assert got == {("sotorasib", "negated")}, rows


def test_hits_of_a_screen_are_mediators_without_a_process_code(extract):
    rows = extract("A CRISPR screen in H2122 cells grown with sotorasib identified TEAD1 and YAP1 among "
                   "the most strongly depleted guides.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("sotorasib", "TEAD1", ""), ("sotorasib", "YAP1", "")}, rows


def test_genes_that_sustain_a_programme_letting_cells_survive_a_drug_are_mediators(extract):
    rows = extract("Nuclear YAP sustains a transcriptional programme that lets lung cancer cells survive "
                   "adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("adagrasib", "YAP1")}, rows


def test_a_readout_falling_in_cells_treated_with_an_agent_is_inhibits(extract):
    rows = extract("(A) Immunoblots of H23 lung cancer cells treated with divarasib (1-100 nM, 4 h): pERK "
                   "falls in a dose-dependent manner.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("divarasib", "ERK")}, rows


def test_a_readout_of_cells_treated_with_either_agent_or_both_is_no_single_agent_finding(extract):
    rows = extract("H23 cells were treated with divarasib alone or with TNO155: pERK fell within hours.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == set(), rows


def test_a_regimen_posed_by_an_experiment_question_is_reported_once(extract):
    rows = extract("To test whether blocking SOS1 would deepen responses, we combined sotorasib with "
                   "BI-3406 in H358 lung cancer cells. Together with sotorasib, BI-3406 abolished the "
                   "rebound of pERK and delayed the emergence of resistant colonies.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert got == {("overcomes", "sotorasib", "BI-3406")}, rows


def test_xenografts_take_the_cancer_of_the_cell_line_experiment_of_their_paragraph(extract):
    rows = extract("In KRAS G12D-mutant PDAC cell lines, MRTX1133 suppressed pERK, but pERK recovered "
                   "by 24 h as EGFR became phosphorylated. Adding cetuximab prevented this rebound and "
                   "caused regression of AsPC-1 xenografts.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "cancer")
    assert got == {("MRTX1133", "cetuximab", "pancreatic ductal adenocarcinoma")}, rows


def test_patients_do_not_take_the_cancer_of_the_cell_line_experiment_of_their_paragraph(extract):
    rows = extract("In PDAC cell lines, sotorasib suppressed pERK. In a phase 1 trial, sotorasib plus "
                   "panitumumab produced responses in 4 of 20 patients.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert got == {("sotorasib", "panitumumab", "")}, rows


def test_a_gene_identified_as_a_factor_of_the_escape_is_a_mediator(extract):
    rows = extract("SOS1 was identified as a key factor that reloads newly made KRAS G12C with GTP, "
                   "letting cells escape adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("adagrasib", "SOS1", "KRAS_REACTIVATION")}, rows


def test_an_alteration_absent_at_baseline_is_acquired(extract):
    rows = extract("A biopsy taken at progression on adagrasib showed ERBB2 amplification that was absent "
                   "at baseline.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("adagrasib", "ERBB2", "BYPASS_ALTERATION")}, rows


def test_a_partner_that_behaved_similarly_shares_the_overcome_claim(extract):
    rows = extract("In a MET-amplified organoid from a patient progressing on sotorasib, adding crizotinib "
                   "restored sensitivity to sotorasib; capmatinib behaved similarly.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("sotorasib", "crizotinib"), ("sotorasib", "capmatinib")}, rows


def test_a_regimen_set_up_by_we_tested_is_reported_once(extract):
    rows = extract("CDKN2A-null H23 cells escaped sotorasib through persistent RB phosphorylation. We "
                   "therefore tested palbociclib alongside sotorasib. The doublet abolished pRB and "
                   "restored G1 arrest in these cells.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert got == {("overcomes", "sotorasib", "palbociclib")}, rows


def test_patients_who_received_the_listed_agents_got_one_regimen(extract):
    rows = extract("In the expansion cohort, 33 patients with colorectal cancer received divarasib, "
                   "cetuximab and FOLFOX.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("divarasib", "cetuximab;chemotherapy")}, rows


def test_prior_lines_received_and_single_agent_arms_are_no_regimen(extract):
    for text in ("Patients who had received sotorasib and docetaxel were excluded.",
                 "Mice were treated with sotorasib and TNO155 alone or in combination for 21 days.",
                 "Patients received sotorasib and docetaxel, respectively, in the two arms."):
        rows = extract(text)
        assert not [r for r in rows if r["relation"] == "combination"
                    and r["rule_id"].startswith("COMB_RECEIVED")], (text, rows)


def test_an_adjective_before_the_partner_of_pairing_is_allowed(extract):
    rows = extract("Pairing glecirasib with the multi-selective daraxonrasib could deepen responses in "
                   "lung cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("glecirasib", "daraxonrasib")}, rows


def test_markers_of_a_cell_state_are_no_mediators(extract):
    rows = extract("Sotorasib-resistant H358 cells lost E-cadherin and underwent an epithelial-to-"
                   "mesenchymal transition.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("", "EMT")}, rows


def test_a_poor_response_attributed_to_feedback_is_resistance(extract):
    rows = extract("Divarasib achieved responses in only a third of patients with colorectal cancer, a "
                   "shortfall attributed to stronger EGFR-driven feedback in that disease.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("divarasib", "EGFR", "RTK_FEEDBACK")}, rows


def test_a_partner_added_because_of_a_resistance_overcomes_it(extract):
    rows = extract("In the CRC cohort, sotorasib alone gave an ORR of 10%, whereas sotorasib plus "
                   "panitumumab reached 30%. Panitumumab was added because feedback activation of EGFR "
                   "blunts KRAS G12C inhibition in colorectal tumours.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("sotorasib", "panitumumab")}, rows


def test_which_is_why_after_a_resistance_clause_ties_the_regimen(extract):
    rows = extract("In BRAF V600E colorectal cancer, BRAF inhibitor monotherapy is undermined by "
                   "EGFR-mediated reactivation of MAPK signalling, which is why dabrafenib is given "
                   "together with panitumumab; the doublet improved survival.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")],
                  "relation", "drug", "partner")
    assert ("overcomes", "dabrafenib", "panitumumab") in got, rows


def test_a_regimen_blunted_by_a_process_does_not_overcome_it(extract):
    rows = extract("Responses to vemurafenib given with panitumumab were blunted by EGFR-mediated "
                   "reactivation of MAPK signalling in two patients.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")], "relation")
    assert got == {("combination",)}, rows


def test_a_readout_driven_by_a_process_keeps_its_own_code(extract):
    rows = extract("In H23 lung cancer cells treated with adagrasib, pERK returned within 48 hours, "
                   "driven by feedback activation of several RTKs.")
    got = keyset([r for r in rows if r["relation"] == "resistance" and r["target"] == "ERK"], "mechanism")
    assert got == {("MAPK_REACTIVATION",)}, rows


def test_two_plus_doublets_joined_by_and_are_two_regimens(extract):
    rows = extract("The doublets vemurafenib plus cobimetinib and encorafenib plus binimetinib are "
                   "approved in BRAF V600E melanoma.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("vemurafenib", "cobimetinib"), ("encorafenib", "binimetinib")}, rows


def test_a_chain_of_plus_is_one_triplet(extract):
    rows = extract("Sotorasib plus panitumumab plus FOLFIRI was tested in colorectal cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "chemotherapy;panitumumab")}, rows


def test_resistance_to_a_regimen_names_the_regimen_drug_with_the_rest_as_partner(extract):
    rows = extract("Sequencing of relapse biopsies from patients with melanoma treated with vemurafenib "
                   "plus cobimetinib identified MAPK-reactivating alterations in 60%, most often NRAS "
                   "mutations or MAP2K1 mutations.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "partner", "target")
    assert got == {("vemurafenib", "cobimetinib", "NRAS"), ("vemurafenib", "cobimetinib", "MAP2K1")}, rows
    assert not [r for r in rows if r["relation"] == "overcomes"], rows


def test_progression_on_the_doublet_named_together_before_is_resistance_to_that_regimen(extract):
    rows = extract("Encorafenib and binimetinib are standard therapy for BRAF V600E melanoma. Among 30 "
                   "patients who progressed on the doublet, sequencing identified acquired NRAS "
                   "mutations in six.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "partner", "target")
    assert got == {("encorafenib", "binimetinib", "NRAS")}, rows


def test_x_has_been_reported_to_potentiate_y_is_a_combination(extract):
    rows = extract("Capivasertib has been reported to potentiate adagrasib in pancreatic cancer cells.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("adagrasib", "capivasertib")}, rows


def test_a_class_naming_the_next_agent_of_a_list_is_part_of_that_item(extract):
    rows = extract("The triple combination of sotorasib, the SHP2 inhibitor TNO155 and everolimus "
                   "produced durable tumour control in mice.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "TNO155;everolimus")}, rows


def test_a_mutation_that_prevents_drug_binding_states_resistance_beside_a_remedy_clause(extract):
    rows = extract("The ALK G1202R mutation, found in a third of ALK-positive NSCLC progressing on "
                   "alectinib, prevents alectinib binding but is inhibited by lorlatinib,83 whereas "
                   "MET amplification arising after lorlatinib can be targeted by adding capmatinib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert ("alectinib", "ALK") in got, rows


def test_resistance_to_the_doublet_named_earlier_in_the_sentence_keeps_its_partner(extract):
    rows = extract("Adding panitumumab to sotorasib improved survival in colorectal cancer, yet acquired "
                   "resistance to the doublet still develops, most often through MET amplification.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "partner", "target")
    assert got == {("sotorasib", "panitumumab", "MET")}, rows


def test_an_added_partner_joins_the_agent_it_is_added_to(extract):
    rows = extract("MET amplification was found at progression on adagrasib, 41 and in one patient the "
                   "addition of crizotinib to sotorasib re-established disease control.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")], "drug", "partner")
    assert got == {("sotorasib", "crizotinib")}, rows


def test_the_former_before_the_sentence_own_agents_is_the_first_of_the_pair_named_before(extract):
    rows = extract("Sotorasib and adagrasib differ in half-life. In colorectal cancer, the former has been "
                   "paired with panitumumab.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("sotorasib", "panitumumab")}, rows


def test_we_therefore_after_a_resistance_statement_ties_the_regimen(extract):
    rows = extract("CDKN2A-null H23 cells escaped adagrasib through persistent RB phosphorylation. We "
                   "therefore combined palbociclib with adagrasib in these cells.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")], "relation", "drug")
    assert got == {("overcomes", "adagrasib")}, rows


def test_inhibition_measured_in_a_named_cancer_system_far_along_the_clause_takes_its_cancer(extract):
    rows = extract("Tucatinib inhibited HER2 phosphorylation with an IC50 of 7 nM in BT-474 breast cancer "
                   "cells.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "cancer_id")
    assert got == {("tucatinib", "ERBB2", "DOID:1612")}, rows
    # (not the main clause's system after a relative clause stating the drug's pharmacology)
    rows = extract("Neratinib, which blocks HER2 and EGFR at low nanomolar concentrations, shrank gastric "
                   "cancer xenografts.")
    assert [r["cancer_id"] for r in rows if r["relation"] == "inhibits"] == ["", ""], rows


@pytest.mark.parametrize("text", [
    "Inhibition of SOS1 with BI-3406 shifted KRAS towards its inactive form and, added to adagrasib, "
    "prevented the rise in KRAS-GTP.",
    "Added to adagrasib, BI-3406 prevented the rise in KRAS-GTP.",
    "When given with adagrasib in H358 xenografts, the SOS1 inhibitor BI-3406 caused regression.",
])
def test_an_agent_added_to_another_in_a_participle_clause_joins_it(extract, text):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("adagrasib", "BI-3406")}, rows


def test_an_agent_that_enhanced_two_kras_inhibitors_overcomes_each(extract):
    rows = extract("The SOS1 inhibitor BI-3406, which prevents SOS1 from binding KRAS, similarly enhanced "
                   "sotorasib and adagrasib and prevented the rebound of ERK phosphorylation in lung cancer "
                   "models.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")],
                 "relation", "drug", "partner")
    assert got == {("overcomes", "sotorasib", "BI-3406"), ("overcomes", "adagrasib", "BI-3406")}, rows


@pytest.mark.parametrize("text, expected", [
    ("In EGFR-mutant NSCLC, adding pemetrexed plus either cisplatin or carboplatin to osimertinib "
     "extended progression-free survival.",
     {("osimertinib", "cisplatin;pemetrexed"), ("osimertinib", "carboplatin;pemetrexed")}),
    ("In KEYNOTE-189, adding pembrolizumab to pemetrexed and carboplatin improved overall survival in "
     "NSCLC.", {("pembrolizumab", "carboplatin;pemetrexed")}),
])
def test_chemotherapy_a_targeted_agent_is_added_to_is_its_partner(extract, text, expected):
    rows = extract(text)
    got = {(r["drug"], ";".join(sorted(r["partner"].split(";"))))
           for r in rows if r["relation"] == "combination"}
    assert got == expected, rows


def test_an_agent_compared_against_is_no_antecedent_of_the_combination(extract):
    rows = extract("In EGFR-mutant NSCLC, amivantamab plus lazertinib prolonged progression-free survival "
                   "relative to osimertinib monotherapy. MET amplification was detected at progression in "
                   "fewer patients in the combination arm.")
    assert not any("osimertinib" in (r["drug"], r["partner"])
                   for r in rows if r["relation"] == "combination"), rows


@pytest.mark.parametrize("second, relation", [
    ("Encorafenib was therefore combined with cetuximab, and the doublet improved overall survival.",
     "overcomes"),
    ("Encorafenib was therefore combined with cetuximab in a phase 1 study, although no efficacy data "
     "have been reported.", "combination"),
])
def test_was_therefore_combined_after_a_resistance_statement(extract, second, relation):
    rows = extract("BRAF V600E colorectal cancers respond poorly to BRAF inhibitor monotherapy because "
                   "inhibition of BRAF triggers EGFR-mediated reactivation of MAPK signalling. " + second)
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")],
                 "relation", "drug", "partner")
    assert got == {(relation, "encorafenib", "cetuximab")}, rows


def test_was_synergistic_with_is_a_combination(extract):
    rows = extract("In NSCLC cell lines, the SHP2 inhibitor TNO155 was synergistic with adagrasib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("adagrasib", "TNO155")}, rows


def test_a_histology_named_beside_the_organ_cancer_of_the_paragraph_is_not_the_claim_cancer(extract):
    rows = extract("A patient with KRAS G12C lung adenocarcinoma had a partial response to sotorasib. A "
                   "biopsy at progression showed squamous cell carcinoma that retained KRAS G12C. We "
                   "attribute progression to histologic transformation rather than to a genetic escape "
                   "mechanism.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "mechanism", "cancer_id")
    assert got == {("sotorasib", "HISTOLOGIC_TRANSFORMATION", "DOID:3910")}, rows


def test_a_knockout_that_raised_resistance_is_a_lost_suppressor_without_a_code(extract):
    rows = extract("Knockout of KEAP1 or PTEN shifted the sotorasib IC50 by 4- to 6-fold in H23 lung "
                   "adenocarcinoma cells.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("KEAP1", ""), ("PTEN", "")}, rows
    # (a process the sentence states keeps its code)
    rows = extract("Knockout of PTEN reduced sensitivity to sotorasib in lung cancer cells by enhancing "
                   "PI3K-AKT signalling.")
    assert {r["mechanism"] for r in rows if r["relation"] == "resistance"} == {"PI3K_MTOR"}, rows


def test_dosing_of_mice_is_no_clinical_setting(extract):
    rows = extract("BI-3406 combined with adagrasib produced deeper regressions in pancreatic cancer "
                   "xenografts. The doublet was tolerated without weight loss over 28 days of dosing.")
    got = {(r["sentence_index"], r["cancer"], r["evidence_level"])
           for r in rows if r["relation"] == "combination"}
    assert got == {(0, "pancreatic cancer", "in_vivo"), (1, "pancreatic cancer", "in_vivo")}, rows


def test_an_agent_added_to_form_a_triplet_joins_the_regimen_just_named(extract):
    rows = extract("In syngeneic KRAS G12C tumours, RMC-4550 combined with sotorasib produced complete "
                   "responses in 4 of 10 mice. When anti-PD-1 was added to form a triplet, all ten tumours "
                   "regressed.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "sentence_index", "drug", "partner")
    assert (1, "sotorasib", "PD-1 inhibitor;RMC-4550") in got, rows


@pytest.mark.parametrize("text", [
    "In H358 xenografts, neither sotorasib nor the FAK inhibitor defactinib alone slowed growth, but the "
    "combination caused sustained tumour stasis.",
    "In H358 xenografts, sotorasib and defactinib were inactive as single agents, whereas the doublet "
    "caused tumour stasis.",
])
def test_single_agents_set_against_their_combination_make_an_affirmed_regimen(extract, text):
    rows = extract(text)
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")],
                 "drug", "partner", "assertion")
    assert got == {("sotorasib", "defactinib", "affirmed")}, rows


@pytest.mark.parametrize("text, erk_mediator", [
    ("In sotorasib-resistant lung cancer cells, S6 phosphorylation remained high despite complete "
     "suppression of pERK.", False),
    ("Colorectal cancer cells showed only transient suppression of pERK after sotorasib, with signalling "
     "recovering by 48 h, and resistance followed.", True),
])
def test_a_gene_named_as_suppressed_is_no_mediator_unless_the_suppression_was_transient(extract, text,
                                                                                         erk_mediator):
    rows = extract(text)
    got = any(r["target"] == "ERK" for r in rows if r["relation"] == "resistance")
    assert got == erk_mediator, rows


def test_target_genes_of_a_mediator_are_its_readout_not_mediators(extract):
    rows = extract("Sotorasib-resistant H358 cells showed strong induction of YAP target genes, including "
                   "CTGF and CYR61, and YAP1 depletion restored sotorasib sensitivity.")
    got = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert "CTGF" not in got and "CCN1" not in got and "CYR61" not in got, rows


def test_given_that_a_premise_curbs_inhibition_ties_the_regimen_with_its_own_clause_cancer(extract):
    rows = extract("Given that EGFR feedback may also curb KRAS G12C inhibition in a subset of lung tumours, "
                   "fulzerasib was combined with cetuximab as first-line therapy for KRAS G12C-mutant NSCLC.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "relation", "partner",
                 "cancer_id")
    assert got == {("overcomes", "cetuximab", "DOID:3908")}, rows


def test_a_spelled_out_class_being_tested_with_two_drugs_after_an_aside(extract):
    rows = extract("Cyclin-dependent kinase 4/6 inhibitors, by contrast, are already being tested with "
                   "sotorasib and with adagrasib in early-phase trials.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner_id")
    assert got == {("sotorasib", "CLASS:CDK4_6"), ("adagrasib", "CLASS:CDK4_6")}, rows


def test_each_added_to_the_drug_after_failing_as_single_agents(extract):
    rows = extract("Linsitinib and erdafitinib had no effect on escaped lung cancer xenografts as single "
                   "agents, but each, added to continued adagrasib, produced renewed regression.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("adagrasib", "linsitinib"), ("adagrasib", "erdafitinib")}, rows


def test_a_class_gloss_on_the_first_item_does_not_break_the_list(extract):
    rows = extract("Erdafitinib, an FGFR inhibitor, and linsitinib, which blocks IGF1R, had no effect on "
                   "escaped lung cancer xenografts as single agents, but each, added to continued adagrasib, "
                   "produced renewed regression.")
    got = keyset([r for r in rows if r["relation"] in ("combination", "overcomes")], "drug", "partner")
    assert got == {("adagrasib", "linsitinib"), ("adagrasib", "erdafitinib")}, rows


def test_a_gene_named_as_not_mutated_is_no_mediator_of_the_process(extract):
    rows = extract("Adagrasib-resistant lung cancer xenografts showed reactivation of MAPK signaling without "
                   "new mutations in KRAS.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("", "MAPK_REACTIVATION") in got and ("KRAS", "MAPK_REACTIVATION") not in got, rows


def test_the_apposition_of_an_opening_frame_gives_an_inhibition_its_cancer(extract):
    rows = extract("In H3122-LR, a lorlatinib-resistant derivative of an ALK-positive NSCLC line, lorlatinib "
                   "still fully suppressed ALK phosphorylation.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "cancer_id")
    assert got == {("lorlatinib", "ALK", "DOID:3908")}, rows


def test_a_basket_trial_population_of_solid_tumours_passes_to_its_arms(extract):
    rows = extract("CodeBreaK 101 evaluates sotorasib together with other agents in patients with KRAS "
                   "G12C-mutant solid tumours. One of its sub-protocols tests sotorasib plus trametinib.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "partner", "cancer_id")
    assert got == {("trametinib", "DOID:162")}, rows
    # (a bare "cancer" still passes on nothing)
    rows = extract("KRAS G12C inhibitors have changed how cancer is treated. Sotorasib plus trametinib "
                   "is being tested.")
    assert [r["cancer_id"] for r in rows if r["relation"] == "combination"] == [""], rows


def test_acquired_kras_mutations_under_a_drug_that_does_not_act_on_ras_are_a_bypass(extract):
    rows = extract("Acquired KRAS mutations are found in a few percent of EGFR-mutant NSCLC progressing on "
                   "osimertinib. Secondary KRAS mutations such as Y96D confer resistance to sotorasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("osimertinib", "KRAS", "BYPASS_ALTERATION"),
                   ("sotorasib", "KRAS", "SECONDARY_KRAS_ALTERATION")}, rows


@pytest.mark.parametrize("text, drug", [
    ("In HER2-positive breast cancer, adding tucatinib to trastuzumab and capecitabine improved survival.",
     "tucatinib"),
    ("In ovarian cancer, maintenance olaparib added to bevacizumab prolonged progression-free survival.",
     "olaparib"),
    # (a small-molecule backbone stays the drug)
    ("In EGFR-mutant NSCLC, adding bevacizumab to erlotinib prolonged progression-free survival.",
     "erlotinib"),
])
def test_an_agent_added_to_an_antibody_backbone_is_the_drug_of_its_regimen(extract, text, drug):
    rows = extract(text)
    assert {r["drug"] for r in rows if r["relation"] == "combination"} == {drug}, rows


def test_an_altered_gene_compared_with_another_gene_alteration_keeps_its_own_code(extract):
    rows = extract("In ctDNA from patients who progressed on sotorasib, new alterations in receptor tyrosine "
                   "kinase genes were more frequent than secondary KRAS mutations.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert got == {("RTK", "BYPASS_ALTERATION"), ("KRAS", "SECONDARY_KRAS_ALTERATION")}, rows


def test_a_class_predicated_of_a_drug_with_any_adjective_stands_for_the_drug(extract):
    rows = extract("Lorlatinib is a macrocyclic ALK inhibitor designed to cross the blood-brain barrier, and "
                   "it inhibits ALK G1202R.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("lorlatinib", "ALK")}, rows


def test_a_pathway_name_is_no_resistance_target(extract):
    rows = extract("At progression on KRAS G12C inhibitors in PDAC, acquired KRAS, NRAS and PTEN alterations "
                   "were detected, suggesting convergent MAPK and PI3K reactivation.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "target", "mechanism")
    assert ("", "MAPK_REACTIVATION") in got and not any(t == "MAPK" for t, _ in got), rows


@pytest.mark.parametrize("text, drug, partner", [
    ("In HER2CLIMB, tucatinib or placebo was added to trastuzumab and capecitabine.", "tucatinib",
     "capecitabine;trastuzumab"),
    ("In KEYNOTE-189, adding pembrolizumab or placebo to pemetrexed and cisplatin improved survival.",
     "pembrolizumab", "cisplatin;pemetrexed"),
])
def test_an_agent_or_placebo_added_to_a_backbone_is_a_regimen(extract, text, drug, partner):
    rows = extract(text)
    got = {(r["drug"], ";".join(sorted(r["partner"].split(";"))))
           for r in rows if r["relation"] == "combination"}
    assert (drug, partner) in got, rows


def test_an_apposition_between_the_agent_and_being_tested_with(extract):
    rows = extract("Olomorasib, a second-generation inhibitor with high CNS penetration, is being tested "
                   "with pembrolizumab in the SUNRAY-01 trial.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("olomorasib", "pembrolizumab")}, rows


def test_a_gene_before_a_suspended_driven_is_no_inhibition_target(extract):
    rows = extract("In H358 cells, adding afatinib to adagrasib abrogated the HER2- and EGFR-driven "
                   "reactivation of ERK.")
    assert not [r for r in rows if r["relation"] == "inhibits" and r["drug"] == "adagrasib"], rows


def test_blocking_the_rise_of_a_readout_another_drug_caused_is_no_inhibition_of_it(extract):
    rows = extract("In H2122 xenografts, TNO155 blocked the adaptive rise in pERK seen with adagrasib alone.")
    assert not [r for r in rows if r["relation"] == "inhibits" and r["target"] == "ERK"], rows
    assert {(r["relation"], r["drug"], r["partner"]) for r in rows if r["relation"] == "overcomes"} == {
        ("overcomes", "adagrasib", "TNO155")}, rows


def test_a_doublet_combined_with_a_third_agent_is_a_triplet(extract):
    rows = extract("In BRAF V600-mutant melanoma, patients received dabrafenib plus trametinib combined with "
                   "spartalizumab.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("dabrafenib", "spartalizumab;trametinib")}, rows


def test_the_backbone_of_a_placebo_controlled_addition_is_a_regimen_too(extract):
    rows = extract("In HER2CLIMB, tucatinib or placebo was added to trastuzumab and capecitabine in "
                   "HER2-positive breast cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("tucatinib", "capecitabine;trastuzumab"), ("trastuzumab", "capecitabine")}, rows


def test_a_claim_with_no_nearer_cancer_takes_the_cancer_its_section_heading_names(extract):
    rows = extract("Overcoming EGFR-mediated escape in colorectal cancer\n\nThe modest single-agent activity "
                   "of sotorasib has been traced to EGFR. Following this observation, sotorasib was paired "
                   "with panitumumab in the phase III CodeBreaK 300 trial.\n")
    got = {(r["relation"], r["cancer_id"], r["cancer_source"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("overcomes", "DOID:9256", "inferred:section")}, rows


def test_with_or_without_after_tested_with_adds_the_optional_arm(extract):
    rows = extract("In NSCLC, olomorasib is being tested with pembrolizumab, with or without chemotherapy, "
                   "in the SUNRAY-01 trial.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("olomorasib", "pembrolizumab"), ("olomorasib", "chemotherapy;pembrolizumab")}, rows


def test_an_optional_doublet_with_alternatives_gives_one_arm_per_alternative(extract):
    rows = extract("FLAURA2 randomised patients with EGFR-mutant NSCLC to osimertinib with or without "
                   "pemetrexed plus either cisplatin or carboplatin.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("osimertinib", "cisplatin;pemetrexed"), ("osimertinib", "carboplatin;pemetrexed")}, rows


def test_an_own_target_anaphor_after_an_apposition_naming_the_target(extract):
    rows = extract("Sotorasib and adagrasib, covalent inhibitors of KRAS G12C, trap the oncoprotein in its "
                   "inactive GDP-bound state.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("sotorasib", "KRAS"), ("adagrasib", "KRAS")}, rows


def test_overexpression_beside_an_amplification_of_the_same_gene_is_a_bypass_alteration(extract):
    rows = extract("Patients with EGFR-mutant NSCLC progressing on osimertinib with MET overexpression "
                   "and/or amplification received savolitinib plus osimertinib. In a second patient, "
                   "ctDNA revealed an acquired MET amplification as the cause of resistance to "
                   "osimertinib, and MET overexpression was confirmed by immunohistochemistry.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("MET", "BYPASS_ALTERATION")}, rows


def test_an_umbrella_with_its_members_named_gives_the_members_only(extract):
    rows = extract("In colorectal cancer, resistance to sotorasib is dominated by receptor tyrosine kinase "
                   "alterations, notably EGFR and MET amplification.")
    got = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert got == {"EGFR", "MET"}, rows


def test_a_target_held_inactive_as_the_consequence_of_the_agents_action(extract):
    rows = extract("Sotorasib and adagrasib both occupy this groove. Both agents form an irreversible bond "
                   "with the thiol of cysteine 12, so that KRAS G12C is trapped in its inactive GDP-bound "
                   "state.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("sotorasib", "KRAS"), ("adagrasib", "KRAS")}, rows


def test_indirect_inactivation_across_the_agents_own_target(extract):
    rows = extract("TNO155 is an allosteric compound that locks SHP2 in its auto-inhibited conformation "
                   "and thereby raises the proportion of GDP-bound KRAS.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("TNO155", "PTPN11"), ("TNO155", "KRAS")}, rows


def test_preventing_the_exchange_factor_from_loading_gtp_inactivates_ras(extract):
    rows = extract("BI-3406 occupies the catalytic pocket of SOS1 and prevents it from loading GTP onto "
                   "KRAS.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("BI-3406", "SOS1"), ("BI-3406", "KRAS")}, rows


def test_a_readout_coordinated_after_a_plural_binding_verb(extract):
    rows = extract("Vemurafenib and dabrafenib bind the ATP pocket of BRAF V600E and suppress MAPK output in "
                   "melanoma cells carrying the mutation.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert ("vemurafenib", "MAPK") in got and ("dabrafenib", "MAPK") in got, rows


def test_an_agent_after_a_clause_break_and_is_no_regimen_partner(extract):
    rows = extract("Avutometinib binds MEK, avoiding the compensatory activation that limits conventional "
                   "MEK inhibitors, and defactinib inhibits focal adhesion kinase (FAK).")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert ("defactinib", "PTK2") in got, rows


def test_a_pocket_next_to_a_site_of_listed_targets_and_a_consequent_readout(extract):
    rows = extract("Trametinib, by contrast, occupies an allosteric pocket next to the ATP site of MEK1 and "
                   "MEK2 and therefore blocks ERK activation irrespective of upstream RAS status.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("trametinib", "MAP2K1"), ("trametinib", "MAP2K2"), ("trametinib", "ERK")}, rows


def test_a_passive_relative_clause_denying_binding_gives_negated_rows(extract):
    rows = extract("The rebound is driven by increased activity of wild-type NRAS and HRAS, which are not "
                   "bound by G12C-selective drugs.")
    got = {(r["drug"], r["target"], r["assertion"]) for r in rows if r["relation"] == "inhibits"}
    cls = "KRAS G12C inhibitor"
    assert got == {(cls, "NRAS", "negated"), (cls, "HRAS", "negated")}, rows


def test_alterations_converging_on_a_process_named_after_them_take_its_code(extract):
    rows = extract("Responses to BRAF inhibitors in melanoma are usually transient, because acquired NRAS "
                   "mutations, BRAF amplification and activating MEK1 mutations converge on reactivation "
                   "of MAPK signalling.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("NRAS", "MAPK_REACTIVATION"), ("BRAF", "MAPK_REACTIVATION"),
                   ("MAP2K1", "MAPK_REACTIVATION")}, rows


def test_an_alteration_with_a_predicate_of_its_own_keeps_its_code(extract):
    rows = extract("MET amplification is found in roughly 15-25% of tumours progressing on first-line "
                   "osimertinib and sustains ERBB3-dependent PI3K signalling.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert ("MET", "BYPASS_ALTERATION") in got, rows


def test_relief_of_negative_feedback_on_upstream_receptors_is_rtk_feedback(extract):
    rows = extract("Within 24-48 h of KRAS G12C inhibition, phosphorylated ERK recovers in many KRAS "
                   "G12C-mutant cell lines. This rebound is driven by relief of ERK-dependent negative "
                   "feedback on upstream receptors such as EGFR, FGFR1 and HER2.")
    got = {(r["target"], r["mechanism"]) for r in rows
           if r["relation"] == "resistance" and r["target"] != "ERK"}
    assert got == {("EGFR", "RTK_FEEDBACK"), ("FGFR1", "RTK_FEEDBACK"), ("ERBB2", "RTK_FEEDBACK")}, rows


def test_an_agent_whose_blockade_relieves_feedback_is_the_drug_resisted_not_a_remedy(extract):
    rows = extract("BRAF inhibitors alone achieve few responses in colorectal cancer because blocking BRAF "
                   "triggers feedback activation of EGFR.")
    got = {(r["drug"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert ("BRAF inhibitor", "RTK_FEEDBACK") in got, rows


def test_the_rest_of_a_masked_apposition_before_is_being_evaluated_with(extract):
    rows = extract("Olomorasib (LY3537982), a second-generation G12C inhibitor with high CNS penetration, is "
                   "being evaluated with pembrolizumab in KRAS G12C-mutant NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("olomorasib", "pembrolizumab")}, rows


def test_an_agent_in_a_time_adverbial_is_not_the_subject_of_an_inhibition(extract):
    rows = extract("The best-studied strategy after osimertinib failure targets MET.")
    assert not [r for r in rows if r["relation"] == "inhibits"], rows


def test_cases_driven_by_a_stated_resistance_alteration_tie_the_added_partner(extract):
    rows = extract("After alectinib, resistant biopsies from ALK-positive NSCLC show ALK-independent "
                   "mechanisms such as MET amplification. In cases driven by MET amplification, adding "
                   "the MET inhibitor crizotinib to continued ALK inhibition has produced responses.")
    got = {(r["relation"], r["partner"], r["target"]) for r in rows
           if r["relation"] in ("overcomes", "combination")}
    assert got == {("overcomes", "crizotinib", "MET")}, rows


def test_a_resisted_antibody_backbone_stays_the_drug_when_the_added_agent_hits_the_mediator(extract):
    rows = extract("Activating PIK3CA mutations and PTEN loss have been associated with reduced benefit from "
                   "trastuzumab in HER2-positive breast cancer. This observation led to the EPIK-B2 trial, "
                   "which adds alpelisib to trastuzumab and pertuzumab maintenance.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("trastuzumab", "alpelisib;pertuzumab")}, rows
    rows = extract("Activating PIK3CA mutations are associated with reduced benefit from trastuzumab in "
                   "HER2-positive breast cancer. In CLEOPATRA, adding pertuzumab to trastuzumab and "
                   "docetaxel prolonged overall survival irrespective of PIK3CA status.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert ("pertuzumab", "docetaxel;trastuzumab") in got, rows


def test_an_agent_named_after_as_given_alone_is_no_host_of_the_added_partner(extract):
    rows = extract("Feedback reactivation of wild-type RAS limits the response of KRAS G12C-mutant lung "
                   "cancer cells to ARS-1620. Adding RMC-4550 abrogated this feedback and produced durable "
                   "regressions, an effect that EGFR blockade alone did not reproduce.")
    got = keyset([r for r in rows if r["relation"] in ("overcomes", "combination")], "drug", "partner")
    assert got == {("ARS-1620", "RMC-4550")}, rows


def test_a_regimen_that_delays_a_named_resistance_process_overcomes_it(extract):
    rows = extract("Combining dabrafenib with trametinib delayed the reactivation of MAPK signalling and "
                   "lengthened progression-free survival in melanoma.")
    got = {(r["relation"], r["drug"], r["partner"], r["mechanism"]) for r in rows}
    assert got == {("overcomes", "dabrafenib", "trametinib", "MAPK_REACTIVATION")}, rows


def test_a_regimen_designed_to_delay_an_escape_overcomes_it(extract):
    rows = extract("In BRAF V600E melanoma, resistance to vemurafenib arises through MAPK reactivation. Dual "
                   "blockade at BRAF and MEK was designed to delay this escape: dabrafenib combined with "
                   "trametinib extended progression-free survival relative to dabrafenib alone.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows if r["relation"] != "resistance"}
    assert ("overcomes", "dabrafenib", "trametinib") in got, rows


def test_a_regimen_never_given_does_not_overcome_what_it_would_pre_empt(extract):
    rows = extract("No trial has yet combined amivantamab with a KRAS G12C inhibitor to pre-empt MET-driven "
                   "resistance.")
    got = {(r["relation"], r["assertion"]) for r in rows if r["relation"] in ("overcomes", "combination")}
    assert got == {("combination", "negated")}, rows


def test_increased_phosphorylation_after_treatment_is_adaptive_resistance(extract):
    rows = extract("Across six KRAS G12C lung adenocarcinoma PDX models, adagrasib induced regression in "
                   "two, whereas the remaining four showed increased ERBB-family phosphorylation after one "
                   "week of treatment. In these four models, afatinib restored adagrasib sensitivity.")
    got = {(r["relation"], r["target"], r["mechanism"]) for r in rows if r["relation"] != "inhibits"}
    assert ("resistance", "ERBB", "RTK_FEEDBACK") in got, rows
    assert ("overcomes", "ERBB", "RTK_FEEDBACK") in got, rows


def test_cells_persisting_through_a_drug_are_resistant_to_that_drug(extract):
    rows = extract("Adaptive survival is not unique to KRAS inhibitors. In EGFR-mutant NSCLC cells that "
                   "persisted through osimertinib treatment, AXL expression and phosphorylation increased.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("osimertinib", "AXL")}, rows


def test_cells_that_kept_phosphorylating_rb_under_the_drug_resist_it(extract):
    rows = extract("Isogenic H358 cells lacking CDKN2A kept phosphorylating RB in the presence of adagrasib "
                   "and continued to enter S phase.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert ("adagrasib", "RB1", "CELL_CYCLE") in got, rows


def test_phosphorylation_that_limited_its_effect_is_resistance_to_the_drug(extract):
    rows = extract("MRTX1133 caused regressions in PDAC models, but rising phosphorylation of EGFR and HER2 "
                   "limited its effect.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("MRTX1133", "EGFR", "RTK_FEEDBACK"), ("MRTX1133", "ERBB2", "RTK_FEEDBACK")}, rows


def test_surviving_cells_with_a_raised_receptor_despite_the_drug_resist_it(extract):
    rows = extract("After 14 days of exposure, surviving HPAC cells showed elevated phospho-EGFR despite "
                   "MRTX1133.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert ("MRTX1133", "EGFR") in got, rows


def test_the_means_clause_gives_the_subjects_targets_not_the_restored_drugs(extract):
    rows = extract("After 14 days of exposure, surviving HPAC cells showed elevated phospho-EGFR. Afatinib "
                   "restored MRTX1133 sensitivity in these cells by blocking EGFR together with HER2.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("afatinib", "EGFR"), ("afatinib", "ERBB2")}, rows


def test_a_readout_falling_after_an_exposure_sentence_is_the_agents_finding(extract):
    rows = extract("We first exposed nine KRAS G12C-mutant NSCLC cell lines to adagrasib at 100 nmol/L. "
                   "Phosphorylated ERK fell by more than 90% within 4 hours in every line.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("adagrasib", "ERK")}, rows


def test_the_subject_after_a_fronted_partner_phrase_and_the_two_drugs_after_it(extract):
    rows = extract("TNO155 locks SHP2 in its autoinhibited conformation. Alone, TNO155 did not reduce "
                   "viability of NSCLC cells. Added to adagrasib, however, it abolished the rebound in pERK. "
                   "In colony-formation assays the two drugs were strongly synergistic.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows
           if r["relation"] in ("overcomes", "combination")}
    assert got == {("overcomes", "adagrasib", "TNO155"), ("combination", "adagrasib", "TNO155")}, rows


def test_models_that_stopped_responding_and_what_they_showed(extract):
    rows = extract("Daraxonrasib caused regressions in PDAC xenografts. Tumour pERK was reduced by more than "
                   "80% 4 hours after dosing. Three PDX models, however, stopped responding after 3 to 5 "
                   "weeks. These tumours showed strong nuclear accumulation of YAP and TAZ.")
    got = keyset([r for r in rows if r["relation"] in ("inhibits", "resistance")], "relation", "target")
    assert got == {("inhibits", "ERK"), ("resistance", "YAP1"), ("resistance", "WWTR1")}, rows


def test_an_alteration_said_absent_before_a_gene_is_not_that_genes_alteration(extract):
    rows = extract("In EGFR-mutant NSCLC progressing on osimertinib, resistant clones without genomic "
                   "alterations showed AXL upregulation.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert ("AXL", "RTK_FEEDBACK") in got and ("AXL", "BYPASS_ALTERATION") not in got, rows


def test_a_drug_used_as_a_laboratory_switch_is_no_agent(extract):
    rows = extract("To test whether these alterations cause resistance, we expressed KRAS G12D or NRAS Q61K "
                   "from doxycycline-inducible constructs in SW837 colorectal cancer cells.")
    assert not [r for r in rows if r["drug"] == "doxycycline"], rows


def test_a_predicate_coordinated_after_an_alteration_keeps_its_objects_codes(extract):
    rows = extract("To model resistance, we cultured HCC827 cells in escalating concentrations of "
                   "osimertinib. The resulting resistant cells carried a 12-fold amplification of MET and "
                   "maintained phosphorylated ERBB3 and AKT in the presence of 1 μmol/L osimertinib.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert ("ERBB3", "RTK_FEEDBACK") in got and ("AKT", "PI3K_MTOR") in got, rows


def test_a_partner_hitting_a_mediator_the_paragraph_stated_altered_overcomes_that_alteration(extract):
    rows = extract("MET amplification was the most frequent acquired alteration in EGFR-mutant NSCLC "
                   "progressing on osimertinib. Resistant clones showed AXL upregulation. Savolitinib "
                   "restored osimertinib sensitivity in MET-amplified models, and AXL-high cells responded "
                   "to osimertinib combined with the AXL inhibitor bemcentinib.")
    got = {(r["partner"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "overcomes"}
    assert ("savolitinib", "MET", "BYPASS_ALTERATION") in got, rows
    assert ("bemcentinib", "AXL", "RTK_FEEDBACK") in got, rows


def test_a_phospho_readout_near_an_alteration_word_is_no_altered_gene(extract):
    rows = extract("At progression on sotorasib plus panitumumab, patients acquired new KRAS or NRAS "
                   "alterations. In engineered cells, these alterations maintained pERK under sotorasib.")
    got = {(r["target"], r["mechanism"]) for r in rows
           if r["relation"] == "resistance" and r["target"] == "ERK"}
    assert got == {("ERK", "MAPK_REACTIVATION")}, rows


def test_an_alteration_list_goes_on_past_a_parenthesis_and_or_in(extract):
    rows = extract("We sequenced ctDNA from patients with CRC treated with sotorasib plus panitumumab. "
                   "Thirty-one patients acquired at least one new alteration, most often in KRAS itself "
                   "(G12D, G12V or Y96D) or in NRAS, BRAF and MAP2K1.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert {("NRAS", "BYPASS_ALTERATION"), ("BRAF", "BYPASS_ALTERATION"),
            ("MAP2K1", "BYPASS_ALTERATION")} <= got, rows


def test_patients_whose_tumours_showed_a_resistance_alteration_define_the_population(extract):
    rows = extract("Fourteen patients whose tumours showed MET amplification at progression on osimertinib "
                   "received osimertinib 80 mg plus savolitinib 300 mg daily in the SAVANNAH trial.")
    got = {(r["relation"], r["partner"], r["target"], r["mechanism"]) for r in rows
           if r["relation"] in ("overcomes", "resistance")}
    assert ("overcomes", "savolitinib", "MET", "BYPASS_ALTERATION") in got, rows
    assert ("resistance", "", "MET", "BYPASS_ALTERATION") in got, rows


def test_an_escape_route_drawn_as_an_analogy_with_another_class_gives_it_no_row(extract):
    rows = extract("Two of ten patients with lung adenocarcinoma showed transformation to squamous cell "
                   "carcinoma at progression on adagrasib. This phenotypic switch resembles the lineage "
                   "plasticity described after EGFR tyrosine kinase inhibitors, where small-cell "
                   "transformation is found in 3-14% of resistant biopsies.")
    got = {r["drug"] for r in rows if r["relation"] == "resistance"}
    assert got == {"adagrasib"}, rows


def test_a_readout_partly_restored_on_treatment_is_resistance(extract):
    rows = extract("We analysed paired biopsies from six patients with KRAS G12C-mutant NSCLC treated with "
                   "adagrasib. In four of the six, however, phospho-EGFR staining increased and pERK was "
                   "partly restored by day 15.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("adagrasib", "EGFR", "RTK_FEEDBACK"), ("adagrasib", "ERK", "MAPK_REACTIVATION")}, rows


def test_mediators_sustaining_survival_under_a_drug_are_resistance(extract):
    rows = extract("YAP and TAZ, together with their TEAD partners, may sustain the survival of KRAS "
                   "G12C-mutant cells under sotorasib.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert ("sotorasib", "WWTR1") in got and ("sotorasib", "TEAD") in got, rows


def test_a_co_mutated_gene_is_a_mediator(extract):
    rows = extract("Patients with NSCLC received sotorasib. Tumours with co-mutated KEAP1 derived less "
                   "benefit from sotorasib.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("KEAP1", "IMMUNE_EVASION")}, rows


def test_both_drugs_skips_a_class_said_of_the_first_drug(extract):
    rows = extract("How covalent KRAS G12C inhibitors work: sotorasib was the first to reach patients. It "
                   "forms an irreversible bond with cysteine 12 of KRAS G12C. Adagrasib modifies the same "
                   "residue of the mutant protein. Both drugs lower phosphorylated ERK within hours.")
    got = {r["drug"] for r in rows if r["relation"] == "inhibits" and r["target"] == "ERK"}
    assert got == {"sotorasib", "adagrasib"}, rows


@pytest.mark.parametrize("verb", ["has been implicated in", "has been linked to", "was associated with"])
def test_a_gene_linked_to_resistance_is_a_mediator(extract, verb):
    rows = extract(f"YAP {verb} resistance to sotorasib in lung cancer models.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("sotorasib", "YAP1")}, rows


def test_an_added_partner_joins_each_of_two_coordinated_kras_inhibitors(extract):
    rows = extract("Resistance to sotorasib and adagrasib emerged in lung cancer models, in which TEAD "
                   "inhibitors restored sensitivity.")
    got = {(r["drug"], r["partner"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("sotorasib", "TEAD inhibitor"), ("adagrasib", "TEAD inhibitor")}, rows


def test_a_partner_added_to_block_a_process_overcomes_it(extract):
    rows = extract("Patients with colorectal cancer received adagrasib together with cetuximab. Cetuximab "
                   "was added to block EGFR-driven feedback, which restrains the activity of single-agent "
                   "adagrasib in this disease.")
    got = {(r["drug"], r["partner"], r["mechanism"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("adagrasib", "cetuximab", "RTK_FEEDBACK")}, rows


def test_an_attenuated_benefit_and_a_status_that_did_not_modify_it(extract):
    rows = extract("In subgroup analyses of patients with NSCLC, the PFS benefit of adagrasib was attenuated "
                   "in patients whose tumours carried a KEAP1 co-mutation, whereas STK11 status did not "
                   "modify the treatment effect.")
    got = {(r["target"], r["assertion"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("KEAP1", "affirmed"), ("STK11", "negated")}, rows


def test_regardless_of_a_gene_status_names_no_mediator(extract):
    rows = extract("Responses to adagrasib were seen regardless of STK11 status, whereas KEAP1 loss "
                   "limited its efficacy.")
    got = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert got == {"KEAP1"}, rows


def test_a_partner_given_against_the_alteration_found_at_progression_overcomes_it(extract):
    rows = extract("A patient with KRAS G12C-mutant NSCLC responded to sotorasib for 11 months. At "
                   "radiographic progression, plasma ctDNA showed MET amplification and no new KRAS "
                   "alterations. Sotorasib was continued and crizotinib was added, resulting in a 42% "
                   "reduction in target lesions.")
    got = {(r["relation"], r["partner"], r["target"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "crizotinib", "MET")}, rows
    kras = [r["assertion"] for r in rows if r["relation"] == "resistance" and r["target"] == "KRAS"]
    assert kras == ["negated"], rows


def test_a_partner_on_which_the_disease_progressed_again_stays_a_combination(extract):
    rows = extract("A patient with KRAS G12C-mutant NSCLC responded to sotorasib for 11 months. At "
                   "progression, a biopsy showed MET amplification. The patient then received crizotinib "
                   "together with sotorasib, but the disease progressed within 8 weeks.")
    got = {(r["relation"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("combination", "crizotinib")}, rows


def test_a_partner_that_abrogated_the_feedback_just_stated_overcomes_it(extract):
    rows = extract("In colorectal cancer, KRAS G12C inhibitors meet adaptive resistance: feedback activation "
                   "of EGFR restores pathway output. Cetuximab abrogated the feedback in patient-derived "
                   "models.")
    got = {(r["drug"], r["partner"], r["target"], r["mechanism"])
           for r in rows if r["relation"] == "overcomes"}
    assert got == {("KRAS G12C inhibitor", "cetuximab", "EGFR", "RTK_FEEDBACK")}, rows


def test_a_process_said_to_explain_a_drugs_weaker_activity_is_its_resistance(extract):
    rows = extract("In colorectal cancer, KRAS G12C inhibitors meet adaptive resistance: feedback activation "
                   "of EGFR restores pathway output. This observation explains why sotorasib and adagrasib "
                   "are less active in colorectal tumours than in NSCLC.")
    got = {(r["drug"], r["target"], r["cancer"]) for r in rows if r["relation"] == "resistance"}
    crc = "colorectal cancer"
    assert {("sotorasib", "EGFR", crc), ("adagrasib", "EGFR", crc)} <= got, rows


def test_two_small_molecules_of_one_target_are_alternative_partners(extract):
    rows = extract("Defactinib and the tool compound VS-4718 restored sensitivity to sotorasib in resistant "
                   "lung cancer cells by switching off FAK.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "sotorasib", "defactinib"), ("overcomes", "sotorasib", "vs-4718")}, rows
    inh = {(r["drug"], r["target"]) for r in rows if r["relation"] == "inhibits"}
    assert ("sotorasib", "PTK2") not in inh and ("defactinib", "PTK2") in inh, rows


def test_two_antibodies_of_one_target_stay_one_regimen(extract):
    rows = extract("Trastuzumab and pertuzumab were combined with alpelisib in HER2-positive breast cancer.")
    got = {tuple(sorted([r["drug"], *r["partner"].split(";")]))
           for r in rows if r["relation"] == "combination"}
    assert got == {("alpelisib", "pertuzumab", "trastuzumab")}, rows


def test_each_of_two_coordinated_regimens_keeps_the_cancer_of_its_clause(extract):
    rows = extract("Defactinib restored sensitivity to sotorasib in resistant lung cancer cells, and "
                   "garsorasib combined with ifebemtinib is being evaluated in first-line NSCLC.")
    got = {(r["drug"], r["cancer"]) for r in rows if r["partner"]}
    assert got == {("sotorasib", "lung cancer"), ("garsorasib", "lung non-small cell carcinoma")}, rows


def test_a_mediator_that_shields_the_target_from_a_drug_is_resistance(extract):
    rows = extract("Aurora kinase A keeps a fraction of KRAS G12C in its GTP-bound form by stabilising the "
                   "complex between KRAS and CRAF, which shields it from G12C inhibitors. Alisertib reversed "
                   "this adaptation when combined with sotorasib.")
    got = {(r["relation"], r["drug"], r["target"], r["mechanism"]) for r in rows
           if r["relation"] in ("resistance", "overcomes")}
    assert ("resistance", "KRAS G12C inhibitor", "AURKA", "KRAS_REACTIVATION") in got, rows
    assert ("overcomes", "sotorasib", "AURKA", "KRAS_REACTIVATION") in got, rows


def test_the_gene_bound_to_another_is_not_the_blocked_target(extract):
    rows = extract("TEAD inhibitors, which block YAP/TAZ binding to TEAD, are rational partners of "
                   "sotorasib.")
    got = {r["target"] for r in rows if r["relation"] == "inhibits"}
    assert not got & {"YAP1", "WWTR1"}, rows


def test_an_addition_opening_a_sentence_joins_the_paragraphs_drug(extract):
    rows = extract("Colorectal cancer organoids carrying KRAS G12C were largely insensitive to adagrasib. "
                   "Adding cetuximab lowered the IC50 more than tenfold.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("combination", "adagrasib", "cetuximab")}, rows


def test_an_addition_opening_a_sentence_extends_the_latest_regimen(extract):
    rows = extract("Across 12 cell lines, adagrasib combined with the SOS1 inhibitor BI-3406 was "
                   "synergistic. Adding trametinib as a third agent had no additional benefit.")
    got = {(r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert ("adagrasib", "BI-3406;trametinib") in got, rows
    rows = extract("FLAURA2 randomised patients with NSCLC to osimertinib with or without pemetrexed plus "
                   "carboplatin. The addition of chemotherapy extended progression-free survival.")
    got = {(r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert ("osimertinib", "chemotherapy") in got, rows


def test_a_partner_that_blocked_this_gene_activation_overcomes_its_process(extract):
    rows = extract("In colorectal cancer xenografts, divarasib alone caused stasis, and phospho-EGFR rose "
                   "threefold within a week. Cetuximab blocked this EGFR activation, and the doublet drove "
                   "regression in all mice.")
    got = {(r["drug"], r["partner"], r["target"], r["mechanism"])
           for r in rows if r["relation"] == "overcomes"}
    assert got == {("divarasib", "cetuximab", "EGFR", "RTK_FEEDBACK")}, rows


def test_regression_of_xenografts_that_had_progressed_on_the_drug_overcomes(extract):
    rows = extract("Everolimus, combined with adagrasib, caused regression of PDAC xenografts that had "
                   "progressed on adagrasib alone.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "adagrasib", "everolimus")}, rows


def test_receptor_driven_feedback_is_rtk_feedback(extract):
    rows = extract("In colorectal cancer, cetuximab was added to block the receptor-driven feedback that "
                   "blunts adagrasib.")
    got = {(r["relation"], r["mechanism"]) for r in rows if r["relation"] in ("resistance", "overcomes")}
    assert got == {("resistance", "RTK_FEEDBACK"), ("overcomes", "RTK_FEEDBACK")}, rows


def regimens(rows):
    return {(r["drug"], tuple(sorted(r["partner"].split(";"))))
            for r in rows if r["relation"] == "combination"}


def test_a_partner_with_or_without_an_optional_agent_is_two_arms(extract):
    rows = extract("Olomorasib is being combined with pembrolizumab, with or without platinum and "
                   "pemetrexed, as first-line treatment for NSCLC.")
    triplet = ("pembrolizumab", "pemetrexed", "platinum-based chemotherapy")
    assert regimens(rows) == {("olomorasib", ("pembrolizumab",)), ("olomorasib", triplet)}, rows


def test_two_partners_or_both_are_three_regimens(extract):
    rows = extract("KontRASt-01 combined JDQ443 with TNO155, with tislelizumab, or with both.")
    assert regimens(rows) == {("opnurasib", ("TNO155",)), ("opnurasib", ("tislelizumab",)),
                              ("opnurasib", ("TNO155", "tislelizumab"))}, rows


def test_genes_named_as_altered_continue_a_statement_of_acquired_alterations(extract):
    rows = extract("In sotorasib-treated patients with NSCLC, acquired genomic alterations were detected at "
                   "progression in about a quarter of patients. Most involved receptor tyrosine kinase genes "
                   "(amplification of EGFR, MET or FGFR2).")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("sotorasib", g, "BYPASS_ALTERATION") for g in ("EGFR", "MET", "FGFR2")}, rows


def test_a_founder_mutation_retained_is_no_mediator_and_the_findings_go_on(extract):
    rows = extract("Of 112 patients with EGFR-mutant NSCLC who progressed on osimertinib, 96 had paired "
                   "biopsies. The founder EGFR mutation was retained in all 96. MET amplification was found "
                   "in 20 patients.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("osimertinib", "MET")}, rows


def test_a_finding_keeps_the_cancer_of_its_frame_not_of_the_contrasted_clause(extract):
    rows = extract("In PDAC patient-derived xenografts, adagrasib-treated tumours showed induction of FGFR1 "
                   "together with recovery of pAKT, whereas in NSCLC models HER2 predominated.")
    got = {(r["target"], r["cancer"]) for r in rows if r["relation"] == "resistance"}
    pdac = "pancreatic ductal adenocarcinoma"
    assert got == {("FGFR1", pdac), ("AKT", pdac)}, rows


def test_the_rebound_referred_back_is_the_process_the_latest_regimen_overcame(extract):
    rows = extract("The SHP2 inhibitor RMC-4550 prevented the pERK rebound after sotorasib in NSCLC "
                   "xenografts. Adding the SOS1 inhibitor BI-3406 to adagrasib likewise suppressed the "
                   "rebound in the same models.")
    got = {(r["drug"], r["mechanism"]) for r in rows if r["relation"] == "overcomes"}
    assert ("adagrasib", "MAPK_REACTIVATION") in got, rows


def test_patients_who_respond_poorly_to_an_agent_name_the_resisted_agent(extract):
    rows = extract("KRYSTAL-7 evaluated adagrasib with pembrolizumab in NSCLC. Outcomes for patients with "
                   "STK11 co-mutations, who typically respond poorly to immunotherapy, were not reported.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("immunotherapy", "STK11")}, rows


def test_the_engineered_cells_are_the_system_named_before(extract):
    rows = extract("We sequenced ctDNA from patients treated with sotorasib plus panitumumab, and engineered "
                   "recurrent alterations into SW837 colorectal cancer cells. Thirty-one patients acquired "
                   "alterations in NRAS or BRAF; 12 acquired MET amplification. In the engineered cells, "
                   "these alterations maintained pERK under sotorasib plus panitumumab, whereas "
                   "MET-amplified cells regained sensitivity to sotorasib when capmatinib was added.")
    got = {(r["partner"], r["cancer"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("capmatinib", "colorectal cancer")}, rows


def test_a_regimen_tested_in_these_models_defined_by_resistance_overcomes_it(extract):
    rows = extract("We established xenografts from two NSCLC patients whose disease had progressed on "
                   "adagrasib with an acquired KRAS Y96D mutation. Adagrasib alone did not slow the growth "
                   "of these xenografts, whereas adagrasib combined with trametinib induced regression.")
    got = {(r["relation"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "trametinib")}, rows


def test_a_relative_clause_after_the_rest_of_the_process_phrase_asserts_resistance(extract):
    rows = extract("In preclinical models, TNO155 prevented the feedback reactivation of KRAS that limits "
                   "adagrasib monotherapy.")
    got = {(r["relation"], r["drug"], r["mechanism"]) for r in rows}
    assert ("resistance", "adagrasib", "RTK_FEEDBACK") in got, rows
    assert ("overcomes", "adagrasib", "RTK_FEEDBACK") in got, rows


def test_a_doublet_with_an_apposition_and_a_class_gloss_joins_the_drug_as_one_regimen(extract):
    rows = extract("RAMP 203 is evaluating avutometinib, a RAF/MEK clamp, plus the FAK inhibitor defactinib "
                   "in combination with sotorasib in NSCLC.")
    assert regimens(rows) == {("sotorasib", ("avutometinib", "defactinib"))}, rows


def test_a_partner_that_resensitised_drug_resistant_models_overcomes_that_drug(extract):
    rows = extract("EGFR inhibition with cetuximab re-sensitized adagrasib-resistant organoids.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "adagrasib", "cetuximab")}, rows


def test_tumours_that_regrew_with_raised_receptors_are_resistance(extract):
    rows = extract("Sotorasib treatment of NCI-H358 xenografts led to tumour regression, but tumours regrew "
                   "after 4 weeks with elevated levels of phosphorylated EGFR and HER2.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("sotorasib", "EGFR"), ("sotorasib", "ERBB2")}, rows


def test_an_agent_that_showed_inhibition_of_a_target_inhibits_it(extract):
    rows = extract("Glecirasib showed potent and selective inhibition of KRAS G12C. Biopsies from patients "
                   "treated with sotorasib showed loss of STK11.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "inhibits"}
    assert got == {("glecirasib", "KRAS")}, rows


def test_a_paragraph_naming_no_agent_is_about_the_inhibitors_its_heading_names(extract):
    rows = extract("Mechanisms of resistance to KRAS G12C inhibitors\n\nAcquired resistance mechanisms "
                   "include secondary KRAS mutations and MET amplification.\n\nPrimary resistance\n\n"
                   "Co-mutations in KEAP1 are associated with inferior outcomes.\n")
    got = {(r["drug"], r["target"], r["rule_id"].split("+")[-1])
           for r in rows if r["relation"] == "resistance"}
    assert got == {("KRAS G12C inhibitor", t, "HEADING") for t in ("KRAS", "MET", "KEAP1")}, rows


def test_a_partner_blocking_a_process_under_a_heading_overcomes_the_headings_inhibitors(extract):
    rows = extract("Overcoming resistance to KRAS G12C inhibitors\n\nSHP2 inhibitors such as TNO155 blunt "
                   "the adaptive feedback reactivation of RAS.\n")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "KRAS G12C inhibitor", "SHP2 inhibitor")}, rows


def test_an_agent_spared_after_but_not_gets_the_denied_rows(extract):
    rows = extract("The Y96D mutation confers resistance to both sotorasib and adagrasib but not to "
                   "RMC-6291.")
    got = {(r["drug"], r["assertion"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("sotorasib", "affirmed"), ("adagrasib", "affirmed"), ("elironrasib", "negated")}, rows


def test_a_regimen_that_failed_to_overcome_resistance_is_negated(extract):
    rows = extract("Sotorasib combined with afatinib failed to overcome resistance mediated by NRAS "
                   "mutations.")
    got = {(r["relation"], r["assertion"]) for r in rows if r["partner"]}
    assert got == {("overcomes", "negated")}, rows


def test_cells_that_keep_dividing_under_a_drug_name_its_resistance(extract):
    rows = extract("Loss of CDKN2A and amplification of CDK6 uncouple the cell cycle from MAPK input, "
                   "allowing tumour cells to keep dividing under KRAS G12C inhibitors.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("CDKN2A", "CELL_CYCLE"), ("CDK6", "CELL_CYCLE")}, rows


def test_a_signal_linked_to_shallow_responses_is_resistance(extract):
    rows = extract("Tumours with co-occurring PTEN loss often retain mTORC1 activity during G12C inhibitor "
                   "treatment. This residual pS6 signal has been linked to shallow responses.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert ("KRAS G12C inhibitor", "RPS6") in got, rows


def test_a_patient_with_an_acquired_alteration_defines_the_population(extract):
    rows = extract("A patient with NSCLC who developed MET amplification on sotorasib responded again when "
                   "crizotinib was added, and a second patient with an acquired EML4-ALK fusion benefited "
                   "from adding alectinib to adagrasib.")
    got = {(r["relation"], r["drug"], r["target"]) for r in rows if r["partner"] == "alectinib"}
    assert got == {("overcomes", "adagrasib", "ALK")}, rows


def test_a_regimen_blocking_signalling_that_persists_under_a_drug_overcomes_and_the_drug_inhibits_nothing(
        extract):
    rows = extract("Adding the FAK inhibitor defactinib to adagrasib blocked the integrin-FAK survival "
                   "signalling that persists under KRAS G12C inhibition in PDAC cells.")
    got = {(r["relation"], r["drug"]) for r in rows}
    assert ("overcomes", "adagrasib") in got and ("inhibits", "adagrasib") not in got, rows


def test_a_readout_lost_under_the_drug_is_no_mediator(extract):
    rows = extract("SW1573 cells, which lack CDKN2A, kept proliferating under adagrasib despite complete "
                   "loss of pERK.")
    got = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert got == {"CDKN2A"}, rows


def test_a_regimen_keeps_the_targets_named_in_its_own_coordinated_clause(extract):
    rows = extract("A patient with NSCLC who developed MET amplification on sotorasib responded again when "
                   "crizotinib was added, and a second patient with an acquired EML4-ALK fusion benefited "
                   "from adding alectinib to adagrasib.")
    got = {(r["partner"], r["target"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("crizotinib", "MET"), ("alectinib", "ALK")}, rows


def test_a_readout_lost_under_the_drug_is_what_the_drug_inhibits_but_an_alteration_is_not(extract):
    rows = extract("H2122 cells kept growing under divarasib despite near-complete loss of pERK. "
                   "H358 cells kept growing under sotorasib despite loss of PTEN.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "inhibits"}
    assert got == {("divarasib", "ERK")}, rows


def test_a_readout_fall_after_exposure_takes_the_system_not_the_contrasted_cancer(extract):
    rows = extract("In contrast to lung cancer lines, colorectal cancer organoids showed only transient "
                   "suppression of ERK phosphorylation after adagrasib exposure.")
    got = {(r["drug"], r["target"], r["cancer"]) for r in rows if r["relation"] == "inhibits"}
    assert got == {("adagrasib", "ERK", "colorectal cancer")}, rows


def test_an_escape_route_a_regimen_may_prevent_is_no_resistance(extract):
    rows = extract("Combining divarasib with daraxonrasib, which also blocks wild-type RAS, may further "
                   "limit escape through NRAS or HRAS.")
    got = {(r["relation"], r["target"]) for r in rows}
    assert not {("resistance", "NRAS"), ("resistance", "HRAS")} & got, rows
    assert ("overcomes", "RAS") in got, rows


def test_a_process_documented_after_a_drug_is_resistance_to_it(extract):
    rows = extract("Conversion of lung adenocarcinoma to squamous cell histology has been documented "
                   "after olomorasib in two patients.")
    got = {(r["relation"], r["drug"], r["mechanism"]) for r in rows}
    assert ("resistance", "olomorasib", "HISTOLOGIC_TRANSFORMATION") in got, rows


def test_a_readout_that_fell_within_hours_of_exposure_is_inhibited_by_the_agent(extract):
    rows = extract("In pancreatic cancer xenografts, pERK dropped to near-undetectable levels within 4 h of "
                   "exposure to glecirasib.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "inhibits"}
    assert got == {("glecirasib", "ERK")}, rows


def test_a_doublet_added_to_a_drug_makes_one_triplet(extract):
    rows = extract("In a phase 1b cohort, the MEK inhibitor trametinib plus the SHP2 inhibitor TNO155 was "
                   "added to divarasib in patients with KRAS G12C-mutant colorectal cancer.")
    got = {(r["drug"], r["partner"]) for r in rows if r["relation"] == "combination"}
    assert got == {("divarasib", "TNO155;trametinib")}, rows


def test_an_anaphoric_regimen_overcoming_resistance_takes_the_partners_named_target(extract):
    rows = extract("We evaluated adagrasib combined with panitumumab in patients with colorectal cancer. "
                   "Panitumumab seems to counter the feedback signalling through EGFR that limits adagrasib "
                   "monotherapy, and this combination merits a randomised trial.")
    got = {(r["partner"], r["target"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("panitumumab", "EGFR")}, rows


def test_an_alteration_followed_by_another_genes_alteration_keeps_its_own_code(extract):
    rows = extract("At progression on adagrasib, plasma DNA most often showed additional KRAS mutations "
                   "(G12V, Q61H), followed by MET amplification.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("KRAS", "SECONDARY_KRAS_ALTERATION"), ("MET", "BYPASS_ALTERATION")}, rows


def test_a_pathway_the_named_mediator_restores_is_no_process_row_of_its_own(extract):
    rows = extract("In colorectal cancer, resistance to divarasib is attributed to feedback activation of "
                   "EGFR, which restores RAS-MAPK signalling within hours.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("EGFR", "RTK_FEEDBACK")}, rows


def test_both_agents_restoring_a_drugs_sensitivity_are_two_regimens(extract):
    rows = extract("Acquired MET amplification caused resistance to lorlatinib in H3122 cells. Both "
                   "crizotinib and capmatinib restored lorlatinib sensitivity in these cells.")
    got = {(r["drug"], r["partner"]) for r in rows if r["relation"] == "overcomes"}
    assert got == {("lorlatinib", "crizotinib"), ("lorlatinib", "capmatinib")}, rows


def test_a_partner_introduced_by_its_kind_of_compound_stays_in_the_list(extract):
    rows = extract("In lung cancer models refractory to adagrasib, adding defactinib and the RAF/MEK clamp "
                   "avutometinib re-established tumour control.")
    got = {r["partner"] for r in rows if r["relation"] == "overcomes"}
    assert got == {"avutometinib;defactinib"}, rows


def test_a_process_that_limits_its_durability_is_resistance_to_the_agent(extract):
    rows = extract("Zoldonrasib shrank PDAC xenografts, yet feedback signalling through EGFR limited its "
                   "durability.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("zoldonrasib", "EGFR")}, rows


def test_its_after_the_latter_is_the_latter_and_much_of_its_activity_is_lost(extract):
    rows = extract("Adagrasib and glecirasib both bind KRAS G12C in its inactive state. The latter "
                   "nonetheless loses most of its activity against KRAS R68S double mutants.")
    got = {r["drug"] for r in rows if r["relation"] == "resistance"}
    assert got == {"glecirasib"}, rows


def test_a_status_not_associated_with_response_to_a_regimen_is_denied_resistance_to_its_focus_drug(extract):
    rows = extract("In CodeBreaK 100, sotorasib plus atezolizumab produced responses in patients with NSCLC. "
                   "KEAP1 status was not associated with response to the combination.")
    got = {(r["relation"], r["drug"], r["target"], r["assertion"]) for r in rows
           if r["relation"] in ("resistance", "overcomes")}
    assert got == {("resistance", "sotorasib", "KEAP1", "negated")}, rows


def test_a_mutation_that_abolishes_the_drugs_binding_is_resistance(extract):
    rows = extract("Lazertinib forms a covalent bond with Cys797 of EGFR. Substitution of this cysteine "
                   "(C797S) abolishes covalent binding.")
    got = {(r["drug"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("lazertinib", "OTHER")}, rows


def test_an_alteration_that_lowered_sensitivity_to_a_drug_is_resistance(extract):
    rows = extract("In H358 cells, PTEN loss lowered their sensitivity to sotorasib.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("sotorasib", "PTEN")}, rows


def test_mutations_that_impair_named_drugs_are_resistance_to_them(extract):
    rows = extract("Acquired MET D1228N mutations impair capmatinib and tepotinib in NSCLC.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("capmatinib", "MET", "OTHER"), ("tepotinib", "MET", "OTHER")}, rows


def test_alterations_all_of_which_lead_to_a_process_take_its_code(extract):
    rows = extract("In melanoma, resistance to dabrafenib most often involves NRAS mutations or BRAF splice "
                   "variants, all of which lead to MAPK reactivation.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("NRAS", "MAPK_REACTIVATION"), ("BRAF", "MAPK_REACTIVATION")}, rows


def test_neither_status_predicting_outcome_is_denied_resistance(extract):
    rows = extract("For divarasib, neither STK11 nor KEAP1 status has predicted outcome in the NSCLC cohort.")
    got = {(r["drug"], r["target"], r["assertion"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("divarasib", "STK11", "negated"), ("divarasib", "KEAP1", "negated")}, rows


def test_a_partner_preventing_the_increase_that_followed_a_drug_overcomes(extract):
    rows = extract("In SW837 cells, BI-3406 prevented the adaptive increase in pERK that followed adagrasib "
                   "exposure.")
    got = {(r["relation"], r["drug"], r["partner"]) for r in rows}
    assert ("overcomes", "adagrasib", "BI-3406") in got, rows


def test_genes_listed_after_acquired_alterations_most_often_in_rtk_genes_are_bypass(extract):
    rows = extract("In plasma DNA at progression on adagrasib, acquired alterations were found in 40% of "
                   "patients with colorectal cancer, most often in RTK genes such as EGFR and MET.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("EGFR", "BYPASS_ALTERATION"), ("MET", "BYPASS_ALTERATION")}, rows


def test_a_receptors_phosphorylation_rising_after_exposure_is_adaptive_resistance(extract):
    rows = extract("In colorectal cancer organoids, EGFR phosphorylation increased within hours after "
                   "divarasib exposure.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("divarasib", "EGFR", "RTK_FEEDBACK")}, rows


def test_escaping_a_drug_by_re_engaging_a_pathway_is_resistance_not_inhibition(extract):
    rows = extract("Organoid studies show that PDAC cells escape divarasib by re-engaging PI3K signalling.")
    got = {(r["relation"], r["drug"], r["mechanism"]) for r in rows}
    assert got == {("resistance", "divarasib", "PI3K_MTOR")}, rows


def test_the_gtp_loaded_fraction_of_wild_type_ras_rising_is_resistance(extract):
    rows = extract("The GTP-loaded fraction of wild-type NRAS increases after glecirasib exposure.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("glecirasib", "NRAS", "MAPK_REACTIVATION")}, rows


def test_reliance_on_a_receptor_after_treatment_is_resistance(extract):
    rows = extract("Lung cancer lines relied on FGFR1 signalling after olomorasib treatment.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("olomorasib", "FGFR1", "RTK_FEEDBACK")}, rows


def test_a_selection_biomarker_threshold_is_no_resistance_mediator(extract):
    rows = extract("Divarasib with pembrolizumab gave a response rate of 60% in NSCLC with PD-L1 expression "
                   "of 50% or more, and it is being tested in patients who progressed on sotorasib.")
    got = {r["target"] for r in rows if r["relation"] == "resistance"}
    assert "CD274" not in got, rows


def test_exposure_selecting_populations_is_resistance_and_a_readout_depended_for_is_no_mediator(extract):
    rows = extract("Prolonged exposure of lung cancer cells to adagrasib selected populations that had "
                   "undergone epithelial-to-mesenchymal transition, and these cells no longer depended on "
                   "KRAS for ERK activation but showed increased PI3K signalling instead.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("", "EMT"), ("", "PI3K_MTOR")}, rows


def test_a_patient_who_developed_an_alteration_on_a_drug_states_resistance_beside_the_rescue(extract):
    rows = extract("A patient with NSCLC who developed MET amplification on divarasib responded again when "
                   "capmatinib was added.")
    got = {(r["relation"], r["drug"], r["target"]) for r in rows}
    assert {("resistance", "divarasib", "MET"), ("overcomes", "divarasib", "MET")} <= got, rows


def test_a_gene_that_limits_a_drugs_activity_is_its_resistance_mediator(extract):
    rows = extract("In colorectal cancer models, EGFR limits divarasib activity.")
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("divarasib", "EGFR", "RTK_FEEDBACK")}, rows


def test_an_agent_named_after_unlike_joins_no_regimen(extract):
    rows = extract("Divarasib, unlike docetaxel, increased T-cell infiltration in CT26 tumours, and its "
                   "combination with pembrolizumab produced durable cures in mice.")
    got = {(r["drug"], r["partner"]) for r in rows if r["relation"] == "combination"}
    assert got == {("divarasib", "pembrolizumab")}, rows


def test_a_possessive_activity_against_a_target_is_inhibition(extract):
    rows = extract("The difference is explained by cabozantinib's own activity against MET.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "inhibits"}
    assert got == {("cabozantinib", "MET")}, rows


def test_an_agents_relative_clause_on_its_own_targets_state_is_inhibition(extract):
    rows = extract("Feedback undermines glecirasib, which captures only the GDP-bound state.")
    got = {(r["drug"], r["target"]) for r in rows if r["relation"] == "inhibits"}
    assert got == {("glecirasib", "KRAS")}, rows


@pytest.mark.parametrize("text", [
    "Glecirasib did not retain activity, however, in tumours that had acquired KRAS G12V.",
    "Glecirasib no longer remained active in H358 cells carrying KRAS Y96D.",
])
def test_a_drug_that_did_not_retain_activity_against_a_mutation_is_resisted_affirmed(extract, text):
    rows = extract(text)
    got = {(r["drug"], r["mechanism"], r["assertion"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("glecirasib", "SECONDARY_KRAS_ALTERATION", "affirmed")}, rows


def test_agents_listed_with_their_trials_in_parentheses_stay_one_list(extract):
    rows = extract("SHP2 inhibitors have been paired with sotorasib (CodeBreaK 101) and adagrasib "
                   "(KRYSTAL-2) "
                   "in the clinic. Sotorasib in combination with RMC-4630 (CodeBreaK 101) and adagrasib with "
                   "TNO155 (KRYSTAL-2) are being evaluated in pretreated patients.")
    got = {(r["drug"], r["partner"]) for r in rows if r["relation"] == "combination"}
    assert {("sotorasib", "SHP2 inhibitor"), ("adagrasib", "SHP2 inhibitor")} <= got, rows
    assert ("adagrasib", "RMC-4630") not in got, rows


def test_no_association_with_outcome_is_denied_resistance_and_a_covariate_is_no_mediator(extract):
    rows = extract("The analysis found no association between STK11 co-mutation and outcome on divarasib "
                   "once KEAP1 status was accounted for.")
    got = {(r["drug"], r["target"], r["assertion"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("divarasib", "STK11", "negated")}, rows


def test_regimen_anaphor_takes_the_partner_target_the_paragraph_named(extract):
    rows = extract("We asked whether blocking SHP2 could overcome adaptive resistance. Adagrasib plus "
                   "TNO155 caused durable regression of H2122 xenografts. The doublet prevented the pERK "
                   "rebound seen with adagrasib alone.")
    got = {(r["drug"], r["partner"], r["target"]) for r in rows if r["relation"] == "overcomes"}
    assert ("adagrasib", "TNO155", "PTPN11") in got, rows


@pytest.mark.parametrize("text, drug", [
    ("Sotorasib was given to a patient whose tumour acquired MET amplification, and in H358 cells made "
     "resistant to adagrasib by MET amplification, capmatinib restored sensitivity.", "adagrasib"),
    ("Alisertib, which prevents AURKA from keeping new KRAS G12C active, enhanced sotorasib activity in H358 "
     "cells, and the FAK inhibitor defactinib may re-sensitise colorectal cancer cells that have become "
     "tolerant to adagrasib through FAK-dependent adhesion signalling.", "adagrasib"),
])
def test_an_added_partner_joins_the_drug_the_models_were_made_resistant_to(extract, text, drug):
    rows = [r for r in extract(text) if r["relation"] in ("overcomes", "combination")]
    hosts = {(r["relation"], r["drug"]) for r in rows if r["partner"] in ("capmatinib", "defactinib")}
    assert hosts == {("overcomes", drug)}, rows


def test_a_frame_of_models_that_relapsed_on_the_drug_states_the_resistance_beside_the_rescue(extract):
    rows = extract("In PDAC xenografts that relapsed on MRTX1133, feedback activation of EGFR restored ERK "
                   "signalling, and adding afatinib re-established tumour regression.")
    got = {(r["relation"], r["drug"], r["target"]) for r in rows}
    assert {("resistance", "MRTX1133", "EGFR"), ("overcomes", "MRTX1133", "EGFR")} <= got, rows


@pytest.mark.parametrize("text, want", [
    ("Feedback activation of EGFR, HER2 and FGFR1 restored ERK signalling after sotorasib.",
     {("EGFR", "RTK_FEEDBACK"), ("ERBB2", "RTK_FEEDBACK"), ("FGFR1", "RTK_FEEDBACK")}),
    ("At progression on adagrasib, ctDNA showed amplification of MET and KRAS.",
     {("MET", "BYPASS_ALTERATION"), ("KRAS", "SECONDARY_KRAS_ALTERATION")}),
])
def test_genes_coordinated_with_the_gene_of_a_process_phrase_take_its_process(extract, text, want):
    rows = extract(text)
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance" and r["target"]}
    assert got == want, rows


def test_three_kinds_of_partner_named_in_the_plural_are_one_regimen_each_unless_a_quadruplet(extract):
    rows = extract("EGFR antibodies (cetuximab), SHP2 inhibitors (TNO155) and SOS1 inhibitors added to KRAS "
                   "G12C inhibitors block the RTK feedback.")
    got = {r["partner"] for r in rows if r["relation"] == "overcomes"}
    assert got == {"anti-EGFR antibody", "SHP2 inhibitor", "SOS1 inhibitor"}, rows
    rows = extract("A quadruplet of sotorasib with SHP2 inhibitors, MEK inhibitors and CDK4/6 inhibitors is "
                   "being tested.")
    got = {r["partner"] for r in rows if r["relation"] == "combination"}
    assert got == {"CDK4/6 inhibitor;MEK inhibitor;SHP2 inhibitor"}, rows


@pytest.mark.parametrize("text, drug, partner, mechanism", [
    ("In H358 cells, TNO155 suppressed the sotorasib-induced rebound of pERK at 24 h.",
     "sotorasib", "TNO155", "MAPK_REACTIVATION"),
    ("Cetuximab abrogated the adagrasib-induced feedback activation of EGFR in colorectal cancer cells.",
     "adagrasib", "cetuximab", "RTK_FEEDBACK"),
])
def test_a_partner_blocking_the_adaptation_a_drug_induced_overcomes_it(extract, text, drug, partner,
                                                                     mechanism):
    rows = extract(text)
    assert {(r["relation"], r["drug"], r["partner"], r["mechanism"]) for r in rows
            if r["relation"] != "inhibits"} == {("overcomes", drug, partner, mechanism)}, rows


@pytest.mark.parametrize("text, want", [
    ("In colorectal cancer PDX models, adagrasib alone induced stasis at best, and tumours resumed growth "
     "after 3 weeks as phospho-EGFR increased.", {("adagrasib", "EGFR", "RTK_FEEDBACK")}),
    ("In MIA PaCa-2 cells, adagrasib treatment was followed within 24 h by SOS1-dependent nucleotide "
     "exchange that restored KRAS-GTP.", {("adagrasib", "", "KRAS_REACTIVATION")}),
    ("In NSCLC cell lines, sotorasib triggered feedback activation of RTKs within 48 hours, which restored "
     "KRAS-GTP levels.", {("sotorasib", "", "RTK_FEEDBACK")}),
])
def test_resumed_growth_and_treatment_followed_by_a_process_state_resistance(extract, text, want):
    rows = extract(text)
    got = {(r["drug"], r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == want, rows


def test_restores_activity_is_overcome_wording_but_not_a_protein_activity(extract):
    rows = extract("The low sensitivity of colorectal cancer to adagrasib reflects feedback activation of "
                   "EGFR. Adding cetuximab to adagrasib restores activity.")
    assert ("overcomes", "adagrasib", "cetuximab") in keyset(rows, "relation", "drug", "partner"), rows
    rows = extract("Adding cetuximab to adagrasib restores ERK activity in colorectal cancer cells.")
    assert ("overcomes", "adagrasib", "cetuximab") not in keyset(rows, "relation", "drug", "partner"), rows


def test_clamps_is_an_inhibition_verb(extract):
    rows = extract("Avutometinib clamps MEK in an inactive complex with RAF.")
    assert ("inhibits", "avutometinib", "MEK") in keyset(rows, "relation", "drug", "target"), rows


def test_the_driver_of_a_nodes_activation_is_the_mediator_with_the_nodes_process(extract):
    rows = extract("The mesenchymal tumour cells resistant to sotorasib depended on FGFR1-driven activation "
                   "of PI3K.")
    got = {(r["target"], r["mechanism"]) for r in rows if r["relation"] == "resistance"}
    assert got == {("FGFR1", "PI3K_MTOR")}, rows


def test_comma_and_after_the_resisted_drug_coordinates_clauses_and_a_modal_same_effect_reads(extract):
    rows = extract("In palbociclib-resistant breast cancer models, capivasertib restored sensitivity to "
                   "palbociclib, and everolimus may have a similar effect.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("palbociclib", "capivasertib"), ("palbociclib", "everolimus")}, rows


def test_an_arm_of_alternatives_in_a_with_list_is_one_arm_each(extract):
    rows = extract("In CodeBreaK 101, sotorasib was combined with afatinib, with palbociclib and with "
                   "pembrolizumab or atezolizumab.")
    assert keyset(rows, "drug", "partner") == {("sotorasib", "afatinib"), ("sotorasib", "palbociclib"),
                                               ("sotorasib", "pembrolizumab"), ("sotorasib", "atezolizumab")}


def test_one_agent_also_combined_with_a_partner_is_its_regimen_not_the_partners(extract):
    rows = extract("Lorlatinib is also being combined with the MEK inhibitor binimetinib in a phase I study.")
    assert keyset(rows, "relation", "drug", "partner") == {("combination", "lorlatinib", "binimetinib")}, rows


def test_regressions_in_refractory_models_tie_the_regimen_to_resistance(extract):
    rows = extract("VT3989 combined with adagrasib caused regressions of adagrasib-refractory PDX.")
    assert ("overcomes", "adagrasib", "VT3989") in keyset(rows, "relation", "drug", "partner"), rows


def test_each_doublet_refers_to_every_regimen_of_the_sentence_before(extract):
    rows = extract("We tested two ERK inhibitors, ulixertinib and temuterkib, alongside sotorasib in H2122 "
                   "cells. Each doublet blocked the late reactivation of ERK signalling that limited "
                   "sotorasib alone.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("sotorasib", "ulixertinib", "MAPK_REACTIVATION"),
                   ("sotorasib", "temuterkib", "MAPK_REACTIVATION")}, rows


def test_agents_therefore_rational_partners_after_an_escape_route_overcome_it(extract):
    rows = extract("An escape route runs through YAP and TAZ, whose nuclear accumulation sustains "
                   "survival when KRAS G12C inhibitors shut down MAPK output. TEAD inhibitors, which block "
                   "YAP/TAZ binding to TEAD or TEAD palmitoylation, are therefore rational partners.")
    got = keyset(rows, "relation", "drug", "partner")
    assert ("overcomes", "KRAS G12C inhibitor", "TEAD inhibitor") in got, rows


def test_maintained_suppression_of_kras_gtp_is_inhibition(extract):
    rows = extract("Elironrasib also maintained suppression of KRAS-GTP levels in these tumors over 96 h.")
    assert ("inhibits", "elironrasib", "KRAS") in keyset(rows, "relation", "drug", "target"), rows


def test_a_numbered_anaphor_opening_a_clause_takes_that_many_agents_of_its_sentence(extract):
    rows = extract("Adagrasib has a longer half-life than sotorasib; the two drugs covalently trap KRAS G12C "
                   "in its inactive GDP-bound state.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target")
    assert got == {("adagrasib", "KRAS"), ("sotorasib", "KRAS")}, rows


def test_the_resulting_complex_is_the_agent_that_formed_it(extract):
    rows = extract("RMC-6291 first associates with cyclophilin A; the resulting binary complex then clamps "
                   "active KRAS G12C.")
    assert keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target") == {
        ("elironrasib", "KRAS")}, rows


@pytest.mark.parametrize("text", [
    "Unlike sotorasib, adagrasib reaches the cerebrospinal fluid. Both agents covalently bind KRAS G12C.",
    "Sotorasib and adagrasib are approved in NSCLC. Both bind covalently to cysteine 12 of KRAS G12C.",
])
def test_both_refers_to_the_pair_of_the_sentence_before_also_one_contrasted_with_unlike(extract, text):
    rows = extract(text)
    assert keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target") == {
        ("sotorasib", "KRAS"), ("adagrasib", "KRAS")}, rows


def test_copies_of_a_gene_are_its_amplification(extract):
    rows = extract("Sotorasib-resistant clones carried 10 copies of MET.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("sotorasib", "MET", "BYPASS_ALTERATION")}, rows


def test_a_gene_with_its_hotspot_before_mutant_is_the_diseases_genotype_not_a_mediator(extract):
    rows = extract("In patients with BRAF V600-mutant melanoma, upfront combination of dabrafenib with "
                   "the MEK inhibitor trametinib delayed the emergence of resistance.")
    got = {(r["relation"], r["target"], r["mechanism"]) for r in rows if r["relation"] != "combination"}
    assert got == {("overcomes", "", "")}, rows


def test_enhanced_target_occupancy_by_a_drug_is_a_regimen_with_it(extract):
    rows = extract("TNO155 enhanced target occupancy by adagrasib and abolished the adaptive pERK rebound in "
                   "NSCLC xenografts.")
    assert ("overcomes", "adagrasib", "TNO155") in keyset(rows, "relation", "drug", "partner"), rows


def test_a_frame_of_drug_resistant_models_states_the_resistance_beside_the_rescue(extract):
    rows = extract("In sotorasib-resistant NSCLC models, however, increased PI3K/AKT signalling sustained "
                   "proliferation, and adding everolimus re-sensitised the cells to sotorasib.")
    got = {(r["relation"], r["drug"], r["mechanism"]) for r in rows if r["relation"] != "inhibits"}
    assert ("resistance", "sotorasib", "PI3K_MTOR") in got and ("overcomes", "sotorasib", "PI3K_MTOR") in got


def test_a_partner_suppressing_signalling_a_drug_induced_overcomes_it(extract):
    rows = extract("FAK inhibition with defactinib suppressed the integrin-FAK signalling induced by "
                   "adagrasib and prevented the emergence of resistant clones in NSCLC models.")
    rows = [r for r in rows if r["relation"] in ("overcomes", "resistance")]
    got = keyset(rows, "relation", "drug", "partner")
    assert got == {("overcomes", "adagrasib", "defactinib")}, rows


def test_overcame_driven_tolerance_to_a_drug(extract):
    rows = extract("IK-930 overcame YAP-driven tolerance to adagrasib in lung cancer xenografts.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("adagrasib", "IK-930", "OTHER")}, rows


def test_it_after_a_leading_frame_is_the_main_clauses_subject(extract):
    rows = extract("In models with acquired resistance to adagrasib driven by KRAS amplification, "
                   "elironrasib retained full activity. It is now being combined with pembrolizumab in the "
                   "first line.")
    got = keyset(rows, "relation", "drug", "partner")
    assert ("combination", "elironrasib", "pembrolizumab") in got, rows


@pytest.mark.parametrize("text", [
    "Divarasib plus TNO155 produced responses in KRAS G12C inhibitor-naive NSCLC, but the doublet did not "
    "restore sensitivity in patients who had progressed on divarasib.",
    "Divarasib combined with TNO155 shrank tumours mainly in inhibitor-naive NSCLC, with little activity "
    "in patients whose disease had progressed on divarasib.",
])
def test_a_regimens_efficacy_beside_a_failed_rescue_in_a_subgroup_is_both_rows(extract, text):
    got = keyset(extract(text), "relation", "drug", "partner")
    assert {("combination", "divarasib", "TNO155"), ("overcomes", "divarasib", "TNO155")} <= got, got


def test_a_second_with_arm_after_the_first_arms_setting_is_a_regimen_of_its_own(extract):
    rows = extract("Divarasib is being evaluated with cetuximab in a phase Ib study and with pembrolizumab "
                   "in a separate cohort.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("divarasib", "cetuximab"), ("divarasib", "pembrolizumab")}, rows


def test_each_named_pair_of_plural_doublets_is_a_regimen_of_its_own(extract):
    rows = extract("The divarasib-panitumumab and glecirasib-cetuximab doublets are being tested in "
                   "colorectal cancer.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner")
    assert got == {("divarasib", "panitumumab"), ("glecirasib", "cetuximab")}, rows


def test_a_relative_clause_on_one_patients_tumour_states_its_resistance_beside_the_rescue(extract):
    rows = extract("A man with KRAS G12C NSCLC whose tumour acquired MET amplification on divarasib "
                   "responded again once crizotinib was added to divarasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("divarasib", "MET", "BYPASS_ALTERATION")}, rows


def test_occupying_the_pocket_of_all_paralogues_inhibits_the_family(extract):
    rows = extract("VT3989, which occupies the palmitate pocket of all four TEAD paralogues, slowed the "
                   "growth of lung cancer xenografts.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "cancer")
    assert got == {("VT3989", "TEAD", "")}, rows


def test_preventing_the_reloading_of_ras_with_gtp_inhibits_each_ras(extract):
    rows = extract("We found that, in pancreatic cancer models, BI-3406 prevented the reloading of wild-type "
                   "HRAS and NRAS with GTP.")
    got = keyset([r for r in rows if r["relation"] == "inhibits"], "drug", "target", "cancer")
    assert got == {("BI-3406", "HRAS", "pancreatic cancer"), ("BI-3406", "NRAS", "pancreatic cancer")}, rows


def test_resistance_dominated_by_a_substitution_in_the_drugs_target(extract):
    rows = extract("Acquired resistance to selpercatinib is dominated by the solvent-front G810R "
                   "substitution in the RET kinase domain.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("selpercatinib", "RET")}, rows


def test_a_mediator_shortening_the_durability_of_a_drugs_responses(extract):
    rows = extract("In PDX studies, loss of KEAP1 shortened the durability of divarasib responses.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("divarasib", "KEAP1")}, rows


def test_patients_treated_with_drugs_eventually_progress_through_alterations(extract):
    rows = extract("Patients with ALK-positive NSCLC treated with alectinib or brigatinib eventually "
                   "progress, often through MET amplification.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target")
    assert got == {("alectinib", "MET"), ("brigatinib", "MET")}, rows


def test_a_sentence_going_on_with_a_drugs_resistance_keeps_that_drug_not_either_partner(extract):
    rows = extract("Lorlatinib is the standard first-line treatment, but most patients relapse. In a later "
                   "trial, tumours with MET amplification were treated with lorlatinib plus either "
                   "cisplatin or carboplatin.")
    got = {r["drug"] for r in rows if r["relation"] == "resistance"}
    assert got == {"lorlatinib"}, rows


def test_agents_each_with_a_relative_clause_are_one_regimen_each(extract):
    rows = extract("Panitumumab, which binds EGFR, and TNO155, which blocks SHP2, each restored divarasib "
                   "sensitivity in colorectal organoids.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert got == {("divarasib", "panitumumab"), ("divarasib", "TNO155")}, rows


def test_reversing_the_latter_dependence_overcomes_the_process_stated_last(extract):
    rows = extract("Divarasib-tolerant lung cancer cells had undergone epithelial-to-mesenchymal transition "
                   "and relied on increased PI3K signalling for survival under divarasib. Adding "
                   "alpelisib to divarasib reversed the latter dependence.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner", "mechanism")
    assert got == {("divarasib", "alpelisib", "PI3K_MTOR")}, rows


@pytest.mark.parametrize("text, drug, target", [
    ("In pancreatic cancer models, MRTX1133 is undercut by HER2.", "MRTX1133", "ERBB2"),
    ("Stimulation with HGF attenuated the effect of divarasib in H358 cells.", "divarasib", "HGF"),
])
def test_a_mediator_undercutting_or_attenuating_the_effect_of_a_drug(extract, text, drug, target):
    got = keyset([r for r in extract(text) if r["relation"] == "resistance"], "drug", "target")
    assert (drug, target) in got, got


@pytest.mark.parametrize("text, drug", [
    ("PI3K-AKT-mTOR signalling maintains survival during KRAS G12D inhibition in pancreatic cancer "
     "organoids.", "KRAS G12D inhibitor"),
    ("In pancreatic cancer organoids treated with MRTX1133, PI3K-AKT-mTOR signalling persists and sustains "
     "their survival.", "MRTX1133"),
])
def test_a_pathway_maintaining_survival_under_a_drug_is_pathway_level_resistance(extract, text, drug):
    got = keyset([r for r in extract(text) if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {(drug, "", "PI3K_MTOR")}, got


@pytest.mark.parametrize("text, drug, target", [
    ("Glecirasib inhibits KRAS G12C. Fulzerasib likewise inactivates the mutant protein.", "fulzerasib",
     "KRAS"),
    ("Resistant tumours often carry ROS1 G2032R, which taletrectinib can still inhibit.", "taletrectinib",
     "ROS1"),
])
def test_inhibition_of_an_anaphoric_or_antecedent_target(extract, text, drug, target):
    got = keyset([r for r in extract(text) if r["relation"] == "inhibits"], "drug", "target")
    assert (drug, target) in got, got


def test_an_elliptical_contrast_at_the_same_concentration_is_a_negated_inhibition(extract):
    rows = extract("In H358 cells, 1 nM divarasib reduced pS6 within 2 h, whereas sotorasib at the same "
                   "concentration did not.")
    got = {(r["drug"], r["assertion"]) for r in rows if r["relation"] == "inhibits"}
    assert ("sotorasib", "negated") in got, rows


def test_cells_that_survive_a_drug_and_rely_on_a_gene(extract):
    got = keyset([r for r in extract("Persister cells that survive divarasib rely on YAP1.")
                  if r["relation"] == "resistance"], "drug", "target")
    assert got == {("divarasib", "YAP1")}, got


def test_a_variant_targeted_by_one_drug_and_called_the_mutation_underlying_anothers_resistance(extract):
    rows = extract("Repotrectinib inhibits ROS1 G2032R, the solvent-front mutation that most often underlies "
                   "crizotinib resistance in ROS1-positive NSCLC.")
    got = keyset(rows, "relation", "drug", "target")
    assert {("inhibits", "repotrectinib", "ROS1"), ("resistance", "crizotinib", "ROS1")} <= got, rows


@pytest.mark.parametrize("text, partner", [
    ("In NSCLC cells, adding the FAK inhibitor defactinib prevented the emergence of divarasib-tolerant "
     "clones.", "defactinib"),
    ("Adding cetuximab to divarasib can recapture sensitivity in colorectal tumours that escaped an earlier "
     "G12C inhibitor.", "cetuximab"),
])
def test_overcome_wording_for_tolerant_clones_and_recaptured_sensitivity(extract, text, partner):
    got = keyset([r for r in extract(text) if r["relation"] == "overcomes"], "drug", "partner")
    assert ("divarasib", partner) in got, got


def test_a_conditional_opener_naming_a_lost_gene_defines_the_process_overcome(extract):
    rows = extract("When CDKN2A is lost, CDK4/6 inhibitors such as palbociclib enhance the activity of "
                   "divarasib in lung cancer xenografts.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "mechanism")
    assert got == {("divarasib", "CELL_CYCLE")}, rows


@pytest.mark.parametrize("text", [
    "Keywords: KRAS G12C; sotorasib; drug resistance; adaptive feedback; combination therapy\n\n"
    "Sotorasib inhibits KRAS G12C.",
    "Keywords\nKRAS G12C; sotorasib; drug resistance; adaptive feedback; combination therapy\n\n"
    "Sotorasib inhibits KRAS G12C.",
    "Keywords KRAS G12C; sotorasib; drug resistance; adaptive feedback; combination therapy\n\n"
    "Sotorasib inhibits KRAS G12C.",
])
def test_a_keyword_list_states_no_claim(extract, text):
    got = keyset(extract(text), "relation", "drug")
    assert got == {("inhibits", "sotorasib")}, got


def test_partners_listed_after_a_colon_and_the_former_and_the_latter(extract):
    rows = extract("Two partners were tested with divarasib: cetuximab, which binds EGFR, and the SHP2 "
                   "inhibitor TNO155. With the former, responses were frequent in colorectal cancer; the "
                   "latter produced few responses in NSCLC.")
    got = keyset([r for r in rows if r["relation"] == "combination"], "drug", "partner", "cancer")
    assert got == {("divarasib", "cetuximab", ""), ("divarasib", "TNO155", ""),
                   ("divarasib", "cetuximab", "colorectal cancer"),
                   ("divarasib", "TNO155", "lung non-small cell carcinoma")}, got


def test_activation_of_a_signalling_axis_is_a_process(extract):
    rows = extract("Activation of the PI3K-AKT-mTOR axis is a recurrent escape route from divarasib.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "mechanism")
    assert got == {("divarasib", "PI3K_MTOR")}, rows


@pytest.mark.parametrize("text, drug, target", [
    ("Screens point to YAP as a driver of persistence under divarasib in NSCLC cells.", "divarasib", "YAP1"),
    ("Trametinib added little to glecirasib in CRC models that had already adapted through EGFR.",
     "glecirasib", "EGFR"),
])
def test_persistence_under_a_drug_and_models_adapted_through_a_gene(extract, text, drug, target):
    got = keyset([r for r in extract(text) if r["relation"] == "resistance"], "drug", "target")
    assert (drug, target) in got, got


def test_the_same_effect_of_a_new_partner_holds_for_every_drug_of_the_regimens_before(extract):
    rows = extract("EGFR signalling limits divarasib and glecirasib in colorectal cancer organoids, and "
                   "cetuximab added to either drug overcame this resistance. "
                   "Panitumumab had the same effect.")
    got = keyset([r for r in rows if r["relation"] == "overcomes"], "drug", "partner")
    assert {("divarasib", "panitumumab"), ("glecirasib", "panitumumab")} <= got, got


def test_a_readout_said_to_be_suppressed_is_no_mediator_and_silence_is_an_inhibition_verb(extract):
    rows = extract("In divarasib-resistant lung cancer cells, PI3K signalling remained active although ERK "
                   "phosphorylation was fully suppressed by the drug.")
    got = keyset([r for r in rows if r["relation"] == "resistance"], "drug", "target", "mechanism")
    assert got == {("divarasib", "", "PI3K_MTOR")}, rows
    rows = extract("KRAS G12D inhibitors silence ERK output while leaving AKT signalling intact.")
    assert ("inhibits", "ERK") in keyset(rows, "relation", "target"), rows
