"""HTML report: structure, counts, filters, chart, escaping, empty runs (parsed with html.parser)."""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from pipeline.export import COLUMNS, write_table
from pipeline.report import JS, NO_CANCER, mechanism_cancer_counts, write_report

EVIL = "<script>alert('x')</script>"


class Page(HTMLParser):
    """Collects elements (tag, attrs, id path), script bodies and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.rows: Counter[str] = Counter()  # table id -> tbody rows

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "tr" and any(t == "tbody" for t, _ in self.stack):
            table = next(at.get("id", "") for t, at in reversed(self.stack) if t == "table")
            self.rows[table] += 1
        if tag not in ("meta", "br", "input", "hr", "img", "link"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)

    def by_id(self, id_: str) -> tuple[str, dict[str, str]] | None:
        return next((e for e in self.elements if e[1].get("id") == id_), None)

    def count(self, tag: str, **attrs: str) -> int:
        return sum(1 for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items()))


def parse(path: Path) -> tuple[Page, str]:
    html = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return page, html


def row(name: str, **kw) -> dict:
    r = {c: "" for c in COLUMNS[name]}
    r.update(kw)
    return r


def make_run(folder: Path, with_data: bool = True) -> Path:
    text = f"Sotorasib fails in CRC through EGFR feedback. {EVIL} is not a drug.\n\nAdagrasib works in NSCLC."
    s0, s1, s2 = (0, 46), (47, text.index(" is not") + 12), (text.index("Adagrasib"), len(text))
    doc = folder / "docs" / "docA"
    doc.mkdir(parents=True)
    (doc / "text.txt").write_text(text, encoding="utf-8")
    lines = [json.dumps({"index": i, "start": a, "end": b, "section_index": 0, "page": 1, "text": text[a:b]})
             for i, (a, b) in enumerate([s0, s1, s2])]
    (doc / "sentences.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_table(folder / "documents.csv", "documents",
                [row("documents", doc_id="docA", format="text", pages=1, sentences=3, status="ok")])
    if not with_data:
        for name in ("entities", "relations", "outcomes"):
            write_table(folder / f"{name}.csv", name, [])
        return folder
    ents = [("DRUG", 0, 9), ("CANCER", 19, 22), ("GENE", 31, 35), ("DRUG", s2[0], s2[0] + 9),
            ("CANCER", text.index("NSCLC"), text.index("NSCLC") + 5), ("MECHANISM", 31, 44)]  # last overlaps
    write_table(folder / "entities.csv", "entities", [
        row("entities", doc_id="docA", mention_id=f"T{i}", label=lab, text=text[a:b], start=a, end=b)
        for i, (lab, a, b) in enumerate(ents)])
    rels = [
        row("relations", relation_id="r1", doc_id="docA", relation="resistance", drug="sotorasib",
            mechanism="RTK_FEEDBACK", cancer="colorectal cancer", assertion="affirmed", sentence_index=0,
            evidence=text[s0[0]:s0[1]], review="correct"),
        row("relations", relation_id="r2", doc_id="docA", relation="resistance", drug=EVIL,
            mechanism="RTK_FEEDBACK", cancer="colorectal cancer", assertion="hedged", sentence_index=1,
            evidence=EVIL),
        row("relations", relation_id="r3", doc_id="docA", relation="combination", drug="adagrasib",
            mechanism="EMT", assertion="affirmed", evidence="x"),
        row("relations", relation_id="r4", doc_id="docA", relation="inhibits", drug="adagrasib"),
    ]
    write_table(folder / "relations.csv", "relations", rels)
    write_table(folder / "outcomes.csv", "outcomes", [
        row("outcomes", doc_id="docA", drug="adagrasib", cancer="NSCLC", metric="ORR", value="40", unit="%",
            source="text|OUT-TXT-MV", evidence=EVIL)])
    return folder


def test_report_structure_counts_and_filters(tmp_path):
    path = write_report(make_run(tmp_path / "run"))
    assert path == tmp_path / "run" / "report.html"
    page, html = parse(path)
    assert page.rows["relations"] == 4
    assert page.rows["outcomes"] == 1
    assert page.rows["documents"] == 1
    for f in ("relation", "drug", "mechanism", "cancer", "assertion"):
        tag, _ = page.by_id(f"f-{f}")
        assert tag == "select"
    assert page.by_id("f-text")[0] == "input"
    # options: (all) + distinct values of the column
    relation_opts = [a["value"] for t, a in page.elements if t == "option"][:4]
    assert relation_opts == ["", "combination", "inhibits", "resistance"]
    assert "4 of 4 relations shown" in "".join(page.text)
    assert "4 relations (1 reviewed)" in "".join(page.text)


def test_entities_are_highlighted_with_displacy(tmp_path):
    page, _ = parse(write_report(make_run(tmp_path / "run")))
    marks = page.count("mark", **{"class": "entity"})
    assert marks == 5  # the overlapping MECHANISM span is not drawn
    text = "".join(page.text)
    assert "DRUG" in text and "CANCER" in text
    assert page.by_id("s-docA-2") is not None  # sentence anchors for evidence links
    assert page.count("a", href="#s-docA-0") == 1


def test_heatmap_counts_mechanism_by_cancer(tmp_path):
    page, _ = parse(write_report(make_run(tmp_path / "run")))
    cells = [a for t, a in page.elements if t == "rect" and a.get("class") == "cell"]
    assert len(cells) == 2 * 2  # {RTK_FEEDBACK, EMT} x {colorectal cancer, (no cancer)}
    assert page.count("svg") == 1
    assert mechanism_cancer_counts([
        {"mechanism": "EMT", "cancer": ""}, {"mechanism": "EMT", "cancer": "melanoma"},
        {"mechanism": "EMT", "cancer": "melanoma"}, {"mechanism": "", "cancer": "melanoma"},
    ]) == Counter({("EMT", "melanoma"): 2, ("EMT", NO_CANCER): 1})


def test_data_is_escaped_everywhere(tmp_path):
    page, html = parse(write_report(make_run(tmp_path / "run")))
    assert page.count("script") == 1
    assert page.scripts == [JS]  # the only script is ours, with no data in it
    shown = "".join(page.text)
    assert shown.count(EVIL) >= 3  # sentence, relation evidence, outcome evidence show it as text
    assert "&lt;script&gt;alert" in html
    assert any(a.get("value") == EVIL for t, a in page.elements if t == "option")


def test_report_is_self_contained(tmp_path):
    page, html = parse(write_report(make_run(tmp_path / "run")))
    assert not any(t in ("link", "img", "iframe") for t, _ in page.elements)
    assert not any("src" in a for _, a in page.elements)
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_empty_run_says_so(tmp_path):
    page, html = parse(write_report(make_run(tmp_path / "run", with_data=False)))
    text = " ".join(page.text)
    assert "no relations extracted" in text
    assert "no outcomes extracted" in text
    assert "no entities extracted" in text
    assert page.by_id("relations") is None and page.by_id("outcomes") is None
    assert page.count("svg") == 0
    assert page.count("div", **{"class": "sent"}) == 3  # the sentences are still shown


def test_missing_files_do_not_break_the_report(tmp_path):
    (tmp_path / "bare").mkdir()
    page, _ = parse(write_report(tmp_path / "bare"))
    assert "no documents in this run" in " ".join(page.text)


def test_title_can_name_the_run_when_written_from_a_staging_folder(tmp_path):
    page, _ = parse(write_report(make_run(tmp_path / ".staging-x"), title="outputs"))
    assert "Evidence report: outputs" in page.text and ".staging-x" not in "".join(page.text)
