"""Ingest of the seed review (a scraped page) and of bad text inputs."""

from __future__ import annotations

import hashlib
import re

import pytest

from pipeline import config
from pipeline.errors import IngestError
from pipeline.ingest_text import decode, read_text
from pipeline.textnorm import char_table, normalize


def ingest(data: bytes, doc_id: str = "d"):
    return read_text(data, doc_id, "mem", hashlib.sha256(data).hexdigest())


# ----------------------------------------------------------------- the seed review

def test_reference_list_parsed_into_47_numbered_references(seed_doc):
    refs = seed_doc.references
    assert [r.number for r in refs] == list(range(1, 48))
    assert all(r.year and 1980 <= r.year <= 2021 for r in refs)
    assert all(r.title and r.journal and r.authors for r in refs)
    assert refs[0].authors == "Cancer Genome Atlas Network"
    assert refs[0].journal == "Nature" and refs[0].year == 2012
    assert refs[13].title.endswith("mission possible?")  # title with no '.' line after it
    assert refs[13].journal == "Nat Rev Drug Discov"
    assert refs[16].journal == "N Engl J Med" and refs[16].year == 2020


def test_reference_list_kept_out_of_body_text(seed_doc, seed_raw):
    start = seed_raw.index("\n1.\n")
    assert "Comprehensive molecular characterization" in seed_raw[start:]
    assert "Comprehensive molecular characterization" not in seed_doc.text
    assert seed_doc.sections[-1].kind == "acknowledgements"


def test_interface_strings_and_repeated_captions_removed(seed_doc, seed_raw):
    assert "Close modal" in seed_raw and "Close modal" not in seed_doc.text
    caption = "insulin growth factor receptor."
    assert seed_raw.count(caption) == 2
    assert seed_doc.text.count(caption) == 1
    assert seed_doc.text.count("Figure 1.") == 1


def test_each_table_kept_once_and_as_a_table(seed_doc, seed_raw):
    for title_start in ("Activity of KRASG12C inhibitors", "Ongoing clinical trials targeting"):
        assert seed_raw.count(title_start) == 1
        assert seed_doc.text.count(title_start) == 1
    header = "KRASG12C inhibitorSotorasib (AMG 510)"
    assert seed_raw.count(header) == 2 and seed_doc.text.count(header) == 1
    assert seed_raw.count("MRTX849 + TNO155") == 2 and seed_doc.text.count("MRTX849 + TNO155") == 1
    t1, t2 = seed_doc.tables
    assert (t1.label, t2.label) == ("Table 1", "Table 2")
    assert t1.rows[0] == ("KRASG12C inhibitor", "Sotorasib (AMG 510)", "Adagrasib (MRTX849)",
                          "JNJ-74699157 (ARS-3248)", "LY3499446")
    orr = next(r for r in t1.rows if r[0] == "ORR (%)")
    assert orr[1:4] == ("32.2", "7.1", "14.3")
    assert len(t1.rows) == 11 and len(t2.rows) == 12
    assert any("MRTX849 + TNO155 (SHP2 inhibitor)" in r for r in t2.rows)
    assert all(t.title for t in seed_doc.tables)


def test_sections_and_headings_found(seed_doc):
    titles = [s.title for s in seed_doc.sections]
    kinds = [s.kind for s in seed_doc.sections]
    assert kinds[0] == "abstract" and kinds[1] == "significance"
    for heading in ("Bypass Signaling Resistance Mechanisms",
                    "Proliferative Signaling as Resistance Mechanism",
                    "Immune Mechanisms of Resistance"):
        assert heading in titles
    assert "Figure 1" in titles and "Table 1" in titles and "Table 2" in titles
    assert "disclosures" in kinds
    spans = [(s.start, s.end) for s in seed_doc.sections]
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


def test_offsets_map_back_to_the_raw_file(seed_doc, seed_raw):
    table = char_table()
    omap = seed_doc.offset_map
    checked = 0
    for i, ch in enumerate(seed_doc.text):
        r = omap.to_raw(i)
        raw_ch = seed_raw[r]
        if ch in "\n\t":
            continue
        assert ch == raw_ch or ch in table.get(raw_ch, "\0") or normalize(raw_ch)[0] == ch, (i, ch, raw_ch)
        checked += 1
    assert checked > 30000
    # a word maps to exactly the same word in the raw file
    for word in ("adagrasib", "palbociclib", "CodeBreaK 100", "NCT04330664"):
        s = seed_doc.text.index(word)
        rs, re_ = omap.span_to_raw(s, s + len(word))
        assert seed_raw[rs:re_] == word
        assert omap.to_canonical(rs) == s


def test_text_normalised(seed_doc, seed_raw):
    assert "\u00a0" in seed_raw and "\u00a0" not in seed_doc.text
    assert "\u2013" in seed_raw and "\u2013" not in seed_doc.text
    assert "non-small cell lung cancer" in seed_doc.text


def test_in_text_citations_resolved(seed_doc):
    text = seed_doc.text
    by_text = {text[c.start:c.end]: c.numbers for c in seed_doc.citations}
    assert by_text["(1-3)"] == (1, 2, 3)
    assert by_text["(8, 18)"] == (8, 18)
    assert by_text["(MRTX849; ref. 18)"] == (18,)
    assert by_text["(ref. 7; Fig. 1)"] == (7,)
    assert by_text["(43-45)"] == (43, 44, 45)
    assert all(1 <= n <= 47 for c in seed_doc.citations for n in c.numbers)
    assert not any(text[c.start:c.end].startswith("(n =") for c in seed_doc.citations)
    assert len(seed_doc.citations) >= 40


def test_sentences_survive_abbreviations(seed_doc, seed_sentences):
    assert 150 <= len(seed_sentences) <= 260
    for s in seed_sentences:
        assert seed_doc.text[s.start:s.end] == s.text
        assert not re.search(r"\b(al|Fig|i\.e|e\.g|vs|ref)\.$", s.text), s.text
        assert "\n\n" not in s.text
    starts = [s.start for s in seed_sentences]
    assert starts == sorted(starts)
    sec = {s.section_index for s in seed_sentences}
    assert sec == {x.index for x in seed_doc.sections}


# ----------------------------------------------------------------- small inputs

def test_decoding_bom_and_cp1252_fallback():
    text, warn = decode("\ufeffKRAS G12C".encode())
    assert text == "KRAS G12C" and not warn
    text, warn = decode("Caf\u00e9 resistance to sotorasib".encode("cp1252"))
    assert "Café" in text and warn and "Windows-1252" in warn[0]


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"  \n\n\t ", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"%PDF-1.7\n" + b"\x01\x02" * 100, "binary"),
    (b"\x01\x02\x03\x04\x05\x06 text " * 50, "binary"),
])
def test_bad_text_inputs_raise_clear_errors(data, message):
    with pytest.raises(IngestError, match=message):
        ingest(data)


def test_too_large_text(monkeypatch):
    monkeypatch.setattr("pipeline.ingest_text.MAX_TEXT_BYTES", 100)
    with pytest.raises(IngestError, match="larger than"):
        ingest(b"word " * 100)


def test_one_reference_per_line_and_hard_wrapped_paragraphs():
    data = (
        b"A Title Line\n\nSotorasib inhibits KRAS G12C (1). Resistance arose\n"
        b"through EGFR feedback (2, 3).\n\nReferences\n\n"
        b"1. Smith J, Doe AB. First title here. Nature 2019;1:1-2.\n"
        b"2. Roe R, et al. Second title. Cell 2020;2:3-4.\n"
        b"3. Poe P. Third title. Science 2021;3:5-6.\n"
    )
    doc = ingest(data)
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert doc.references[1].journal == "Cell" and doc.references[1].year == 2020
    assert "Resistance arose through EGFR" in doc.text
    assert "Nature 2019" not in doc.text
    assert [c.numbers for c in doc.citations] == [(1,), (2, 3)]


def test_config_limit_is_documented():
    assert config.MAX_TEXT_BYTES >= 1_000_000


def test_utf16_with_byte_order_mark_is_read():
    doc = ingest("Background\n\nSotorasib inhibits KRAS G12C in NSCLC.\n".encode("utf-16"))
    assert "Sotorasib inhibits KRAS G12C" in doc.text
    assert any("UTF-16" in w for w in doc.warnings)
    with pytest.raises(IngestError, match="UTF-16"):
        ingest(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate: not valid UTF-16


def test_very_long_text_is_split_not_refused():
    from pipeline.sentences import get_nlp

    text = "Sotorasib inhibits KRAS. " * 60_000  # 1.5 M characters, over spaCy's default limit
    doc = get_nlp()(text)
    assert sum(1 for _ in doc.sents) == 60_000


def test_pipe_separated_rows_are_a_table_with_one_line_per_row():
    data = (
        b"Ongoing trials are listed below.\n\n"
        b"Trial | Regimen | Setting\n"
        b"|---|---|---|\n"
        b"KRYSTAL-7 | adagrasib + pembrolizumab | first-line NSCLC\n"
        b"KRYSTAL-10 | adagrasib + cetuximab | second-line CRC\n"
    )
    doc = ingest(data)
    assert doc.tables and doc.tables[0].rows[-2:] == (
        ("KRYSTAL-7", "adagrasib + pembrolizumab", "first-line NSCLC"),
        ("KRYSTAL-10", "adagrasib + cetuximab", "second-line CRC"))
    assert "first-line NSCLC\nKRYSTAL-10" in doc.text


def test_sentences_end_at_a_citation_glued_to_the_full_stop():
    # scraped pages print "alone.[86] Acquired ..." and "exposure.18 In ...": the tokenizer keeps
    # "alone.[86" as one token, which must still end the sentence; "et al.[5]" and "Fig.2" do not
    from pipeline.sentences import split_sentences

    text = (b"It limits dabrafenib alone.[86] Acquired NRAS mutations emerge.[87][88] In NSCLC the "
            b"doublet worked.[89,90] PERK recovers after sotorasib exposure.18 In H358 xenografts it "
            b"worked.(42) As Smith et al.[5] showed in Fig.2 Panel A, 2.5 mg sufficed.")
    doc = ingest(text)
    got = [s.text for s in split_sentences(doc)]
    assert got == ["It limits dabrafenib alone.[86]", "Acquired NRAS mutations emerge.[87][88]",
                   "In NSCLC the doublet worked.[89,90]", "PERK recovers after sotorasib exposure.18",
                   "In H358 xenografts it worked.(42)",
                   "As Smith et al.[5] showed in Fig.2 Panel A, 2.5 mg sufficed."], got


@pytest.mark.parametrize("text, expected", [
    # the tokenizer keeps "nmol/L.", "nM." and "ng/mL." with their full stop; a unit ending a
    # sentence must still end it, while "Prof." and "et al." do not
    (b"Cells were exposed to adagrasib at 100 nmol/L. Phosphorylated ERK fell within 4 hours. "
     b"The IC50 was 5 nM. Sotorasib was given at 2.5 ng/mL. Prof. Smith and Jones et al. agreed.",
     ["Cells were exposed to adagrasib at 100 nmol/L.", "Phosphorylated ERK fell within 4 hours.",
      "The IC50 was 5 nM.", "Sotorasib was given at 2.5 ng/mL.", "Prof. Smith and Jones et al. agreed."]),
    # "h." and "d." after a number are kept with their full stop by the tokenizer, like "nM."
    (b"Co-treatment kept pERK below 20% of baseline for 72 h. The doublet reduced colony "
     b"formation. Mice were dosed for 21 d. Tumours regressed.",
     ["Co-treatment kept pERK below 20% of baseline for 72 h.", "The doublet reduced colony formation.",
      "Mice were dosed for 21 d.", "Tumours regressed."]),
], ids=["concentration", "time"])
def test_a_sentence_ending_in_a_unit_ends_there(text, expected):
    from pipeline.sentences import split_sentences

    got = [s.text for s in split_sentences(ingest(text))]
    assert got == expected, got


def test_heading_printed_right_above_its_paragraph_is_a_section():
    doc = ingest(b"Vertical MAPK blockade\nIn most KRAS G12C-mutant models, pERK recovers within 24 hours of "
                 b"sotorasib exposure, and adding trametinib delays this rebound.\n")
    assert [s.title for s in doc.sections] == ["Vertical MAPK blockade"]
    assert doc.text.startswith("Vertical MAPK blockade\n\nIn most")
    # a wrapped paragraph stays one paragraph: its first line is not short beside the next
    wrapped = ingest(b"Secondary KRAS mutations were found in plasma of\nTwo patients at progression on "
                     b"adagrasib.\n")
    assert "\n\n" not in wrapped.text


def test_two_headings_above_a_paragraph_are_two_sections():
    doc = ingest(b"Strategies to Overcome Resistance\nVertical inhibition upstream of KRAS\nKRAS G12C "
                 b"inhibitors trap KRAS in its inactive GDP-bound state, so their activity depends on how "
                 b"quickly the mutant protein cycles.\n")
    assert [s.title for s in doc.sections] == ["Strategies to Overcome Resistance",
                                               "Vertical inhibition upstream of KRAS"]


def test_a_citation_glued_to_a_code_name_ending_in_digits_ends_the_sentence():
    # "... cells to ARS-1620.111 Adding ...": a scraped citation after a compound code, not a decimal
    from pipeline.sentences import split_sentences

    doc = ingest(b"IGF1R limited the response of lung cancer cells to ARS-1620.111 Adding an mTOR inhibitor "
                 b"helped. The pair with TNO155.12 In mice it worked, and the IC50 was 1.5 nM.")
    got = [s.text for s in split_sentences(doc)]
    assert got == ["IGF1R limited the response of lung cancer cells to ARS-1620.111",
                   "Adding an mTOR inhibitor helped.", "The pair with TNO155.12",
                   "In mice it worked, and the IC50 was 1.5 nM."], got


def test_citations_glued_on_by_a_scraped_page():
    # superscripts lost in scraping: "escape sotorasib115.", "in models209,", "exposure.18 In"
    doc = ingest(b"Some cells escape sotorasib115. Adagrasib was active in models209, and after drug "
                 b"exposure.18 In H358 cells, CDK4, TP53, exon19 deletions, day14 and Ecor1 are no "
                 b"citations.")
    text = doc.text
    assert [(text[c.start:c.end], c.numbers) for c in doc.citations] == [
        ("115", (115,)), ("209", (209,)), ("18", (18,))]


def test_a_citation_glued_to_the_pronoun_it():
    # "abolishes it64." is "it" and reference 64; "kit64" and "bit5" are no pronoun
    doc = ingest(b"EGFR drives the rebound, and cetuximab abolishes it64. The kit64 and bit5 stay.")
    text = doc.text
    assert [(text[c.start:c.end], c.numbers) for c in doc.citations] == [("64", (64,))]


def test_a_citation_glued_after_a_comma():
    # "inhibited by lorlatinib,83 whereas": reference 83 after the comma; "1,000 patients" and
    # "cases, 12 of them" are no citations
    doc = ingest(b"The mutant is inhibited by lorlatinib,83 whereas 1,000 patients and cases, 12 of "
                 b"them, were not studied.")
    text = doc.text
    assert [(text[c.start:c.end], c.numbers) for c in doc.citations] == [("83", (83,))]


def test_a_numbered_heading_glued_to_its_first_sentence_is_cut_off():
    # "4.3 Adaptive feedback and MAPK reactivation In colorectal cancer, ...": the heading's words
    # are no part of the claim that follows
    from pipeline.sentences import split_sentences

    doc = ingest(b"4.3 Adaptive feedback and MAPK reactivation In colorectal cancer, EGFR blunts "
                 b"sotorasib.\n\n"
                 b"1 Introduction Sotorasib binds KRAS G12C.\n\n"
                 b"12 Of the 40 patients, 10 responded.\n\n3 In NSCLC, adagrasib worked.\n")
    got = [s.text for s in split_sentences(doc)]
    assert got == ["4.3 Adaptive feedback and MAPK reactivation",
                   "In colorectal cancer, EGFR blunts sotorasib.",
                   "1 Introduction", "Sotorasib binds KRAS G12C.", "12 Of the 40 patients, 10 responded.",
                   "3 In NSCLC, adagrasib worked."], got


def test_a_word_hyphenated_at_a_line_end_is_rejoined_and_maps_back_to_the_raw_text():
    raw = ("Adagrasib plus cetuxi-\nmab delayed resistance in wild-\ntype KRAS models and in the "
           "ARS-\n1620 series; concur-\nrent dosing was tolerated.\n")
    doc = ingest(raw.encode())
    assert "cetuximab delayed" in doc.text
    assert "wild-type KRAS" in doc.text and "ARS-1620 series" in doc.text
    assert "concurrent dosing" in doc.text
    s = doc.text.index("cetuximab")
    rs, re_ = doc.offset_map.span_to_raw(s, s + len("cetuximab"))
    assert raw[rs:re_] == "cetuxi-\nmab"


def test_a_line_end_hyphenation_left_inside_a_line_is_rejoined_but_a_suspended_hyphen_stays():
    # text pasted out of a PDF with its line breaks turned to spaces: "panitu- mumab"
    raw = ("Sotorasib plus panitu- mumab delayed resis- tance after first- and second-line "
           "irinotecan- or oxaliplatin-based chemotherapy in wild- type KRAS models.\n")
    doc = ingest(raw.encode())
    assert "plus panitumumab delayed resistance" in doc.text
    assert "first- and second-line irinotecan- or oxaliplatin-based" in doc.text
    assert "wild-type KRAS" in doc.text or "wild- type KRAS" in doc.text
    s = doc.text.index("panitumumab")
    rs, re_ = doc.offset_map.span_to_raw(s, s + len("panitumumab"))
    assert raw[rs:re_] == "panitu- mumab"


def test_numbered_key_points_in_the_body_are_prose_not_the_reference_list():
    # a boxed "Key points" list numbered 1., 2., 3. above the body: before, it was taken for the
    # reference list and everything from it to the end of the file was cut from the text
    data = (
        b"A Title Line\n\nKey points\n\n"
        b"1. Adding an anti-EGFR antibody is standard when a KRAS G12C inhibitor is used.\n"
        b"2. SHP2 and SOS1 inhibitors have so far disappointed as partners.\n"
        b"3. CDK4/6 inhibition may prove useful.\n\n"
        b"Sotorasib inhibits KRAS G12C (1). Resistance arose through EGFR feedback (2).\n\n"
        b"1. Smith J, Doe AB. First title here. Nature 2019;1:1-2.\n"
        b"2. Roe R, et al. Second title. Cell 2020;2:3-4.\n"
        b"3. Poe P. Third title. Science 2021;3:5-6.\n"
    )
    doc = ingest(data)
    assert "disappointed as partners" in doc.text
    assert "Resistance arose through EGFR feedback" in doc.text
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert "Nature 2019" not in doc.text


def test_each_bullet_of_a_key_points_box_is_its_own_sentence():
    from pipeline.sentences import split_sentences
    data = ("Key points\n"
            "\u2022 Rebound signalling through wild-type RAS limits the activity of KRAS G12C inhibitors.\n"
            "\u2022 Vertical combinations that add SHP2 blockade are being tested to deepen\n"
            "and prolong responses.\n"
            "\u2022 In colorectal cancer, EGFR antibodies are the best-validated partners.\n"
            "J Thorac Oncol \u2022 Vol 18 \u2022 2023\n"
            "Transformation accounts for a further 3% of cases.\n").encode()
    texts = [s.text for s in split_sentences(ingest(data))]
    assert texts[0] == "Key points"
    assert texts[2] == ("\u2022 Vertical combinations that add SHP2 blockade are being tested to deepen "
                        "and prolong responses.")
    assert texts[3].startswith("\u2022 In colorectal cancer") and texts[3].endswith("partners.")
    # a bullet inside a line (a running header) opens no sentence
    assert texts[4] == ("J Thorac Oncol \u2022 Vol 18 \u2022 2023 Transformation accounts for a further 3% "
                        "of cases.")


def test_each_item_of_a_numbered_key_points_list_is_one_sentence_with_its_number():
    from pipeline.sentences import split_sentences
    data = (b"Key points\n"
            b"1. Adding an anti-EGFR antibody is standard when a KRAS G12C inhibitor is used.\n"
            b"2. SHP2 and SOS1 inhibitors have so far disappointed as partners in lung cancer.\n"
            b"3. CDK4/6 and FAK inhibition may prove useful partners.\n")
    texts = [s.text for s in split_sentences(ingest(data))]
    assert texts == ["Key points",
                     "1. Adding an anti-EGFR antibody is standard when a KRAS G12C inhibitor is used.",
                     "2. SHP2 and SOS1 inhibitors have so far disappointed as partners in lung cancer.",
                     "3. CDK4/6 and FAK inhibition may prove useful partners."]


def test_a_line_of_separator_control_characters_is_no_heading_and_no_crash():
    doc = ingest(b"\x1f\n\nSotorasib inhibits KRAS G12C in lung cancer cells.\n")
    assert "Sotorasib inhibits KRAS G12C" in doc.text
