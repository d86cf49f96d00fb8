"""HTML report of one run folder: one self-contained ``report.html`` (inline CSS, JS and SVG).

Reads ``documents.csv``, ``entities.csv``, ``relations.csv``, ``outcomes.csv``,
``manifest.json`` and ``docs/<doc_id>/{text.txt,sentences.jsonl}``; any of them may be
missing or header-only. Shows, in order: a summary, a mechanism x cancer heat-map, the
relations table with client-side filters, the outcomes table, and each document's
sentences with entities highlighted by ``spacy.displacy`` (manual mode).

Every value from the data is HTML-escaped (displacy escapes the text it renders; labels
are limited to the SPEC labels); the only script is the fixed filter code below, which
reads the data from the table's escaped ``data-*`` attributes.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections import Counter
from pathlib import Path

from spacy import displacy

from pipeline.export import atomic_write_text, read_table

LABEL_COLORS = {
    "DRUG": "#f4a261",
    "DRUG_CLASS": "#f6d186",
    "GENE": "#8ecae6",
    "VARIANT": "#b8c0ff",
    "MECHANISM": "#cdb4db",
    "CANCER": "#ffafcc",
    "CELL_LINE": "#b7e4c7",
    "TRIAL": "#d9d9d9",
}
FILTERS = ("relation", "drug", "mechanism", "cancer", "assertion")
RELATION_SHOWN = ("relation", "drug", "partner", "target", "variant", "mechanism", "cancer", "cell_line",
                  "evidence", "effect", "assertion", "evidence_level", "review", "confidence", "rule_id",
                  "page", "doc_id")
OUTCOME_SHOWN = ("doc_id", "drug", "cancer", "trial", "metric", "value", "unit", "n", "source", "page",
                 "evidence")
NO_CANCER = "(no cancer)"
_CELL_CLASS = {"evidence": ' class="ev"', "doc_id": ' class="id"', "source": ' class="src"'}

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 2em 3em;color:#222}
h1{margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ccc;padding-bottom:.2em}
.meta{color:#555;font-size:.9em} .empty{color:#777;font-style:italic}
table.data{border-collapse:collapse;font-size:.85em;width:100%}
table.data th,table.data td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
table.data th{background:#f3f3f3;position:sticky;top:0}
table.data tr:nth-child(even) td{background:#fafafa}
td.ev{min-width:26em;max-width:46em}
.scroll{overflow-x:auto;max-width:100%}
table.data td.id{max-width:9em;word-break:break-all;font-size:.9em}
table.data td.src{max-width:15em;font-size:.85em}
.filters{display:flex;flex-wrap:wrap;gap:.6em;align-items:end;margin:.5em 0}
.filters label{font-size:.8em;display:flex;flex-direction:column}
.count{font-size:.85em;color:#444;margin:.3em 0}
.sent{display:flex;gap:.6em;border-bottom:1px solid #eee;padding:2px 0}
.sent .idx{color:#999;font-size:.75em;min-width:5em;padding-top:.9em}
.sent .entities{line-height:2.3!important}
.legend span{display:inline-block;padding:2px 8px;margin:2px;border-radius:4px;font-size:.8em}
td.correct{color:#1b7f3b;font-weight:bold} td.incorrect{color:#b00020;font-weight:bold}
svg text{font-family:system-ui,sans-serif}
svg rect.cell{cursor:pointer}
"""

JS = """
(function(){
  function val(id){var e=document.getElementById(id);return e?e.value:'';}
  function apply(){
    var table=document.getElementById('relations');
    if(!table){return;}
    var keys=__FILTERS__, q=val('f-text').toLowerCase(), rows=table.tBodies[0].rows, shown=0;
    for(var i=0;i<rows.length;i++){
      var r=rows[i], ok=true;
      for(var k=0;k<keys.length;k++){
        var want=val('f-'+keys[k]);
        if(want!=='' && r.getAttribute('data-'+keys[k])!==want){ok=false;break;}
      }
      if(ok && q && r.textContent.toLowerCase().indexOf(q)<0){ok=false;}
      r.style.display=ok?'':'none'; if(ok){shown++;}
    }
    document.getElementById('rel-count').textContent=shown+' of '+rows.length+' relations shown';
  }
  function filterOutcomes(){
    var t=document.getElementById('outcomes'); if(!t){return;}
    var q=val('o-text').toLowerCase(), rows=t.tBodies[0].rows, shown=0;
    for(var i=0;i<rows.length;i++){
      var ok=!q || rows[i].textContent.toLowerCase().indexOf(q)>=0;
      rows[i].style.display=ok?'':'none'; if(ok){shown++;}
    }
    document.getElementById('out-count').textContent=shown+' of '+rows.length+' outcomes shown';
  }
  document.addEventListener('DOMContentLoaded',function(){
    var inputs=document.querySelectorAll('.rel-filter');
    for(var i=0;i<inputs.length;i++){inputs[i].addEventListener('input',apply);}
    var reset=document.getElementById('f-reset');
    if(reset){reset.addEventListener('click',function(){
      for(var i=0;i<inputs.length;i++){inputs[i].value='';} apply();});}
    var o=document.getElementById('o-text'); if(o){o.addEventListener('input',filterOutcomes);}
    var cells=document.querySelectorAll('svg rect.cell');
    for(var j=0;j<cells.length;j++){cells[j].addEventListener('click',function(){
      var m=document.getElementById('f-mechanism'), c=document.getElementById('f-cancer');
      if(m){m.value=this.getAttribute('data-mechanism');}
      if(c){c.value=this.getAttribute('data-cancer');}
      apply(); document.getElementById('relations-section').scrollIntoView();});}
    // report.html#filter:mechanism=EMT&text=h358 pre-sets the filters (links, bookmarks)
    var h=decodeURIComponent(location.hash||'');
    if(h.indexOf('#filter:')===0){
      var pairs=h.slice(8).split('&');
      for(var p=0;p<pairs.length;p++){
        var kv=pairs[p].split('='), el=document.getElementById('f-'+kv[0]);
        if(el && kv.length===2){el.value=kv[1];}
      }
    }
    apply(); filterOutcomes();
  });
})();
""".replace("__FILTERS__", json.dumps(list(FILTERS)))


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _table_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return [{k: ("" if v is None else v) for k, v in r.items() if k is not None} for r in read_table(path)]


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _anchor(doc_id: str, index: object) -> str:
    return f"s-{re.sub(r'[^A-Za-z0-9_-]', '_', doc_id)}-{esc(index)}"


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


# --- pieces --------------------------------------------------------------------------


def render_sentence(text: str, ents: list[dict]) -> str:
    """One sentence with its entities (offsets relative to ``text``) marked by displacy."""
    spans = []
    last = 0
    for e in sorted(ents, key=lambda e: (e["start"], -(e["end"] - e["start"]))):
        if e["start"] < last or e["start"] >= e["end"] or e["end"] > len(text):
            continue  # overlapping or out of range: not drawable
        label = e["label"] if e["label"] in LABEL_COLORS else "OTHER"
        spans.append({"start": e["start"], "end": e["end"], "label": label})
        last = e["end"]
    return displacy.render({"text": text, "ents": spans, "title": None}, style="ent", manual=True,
                           page=False, options={"colors": LABEL_COLORS, "ents": [*LABEL_COLORS, "OTHER"]})


def _legend() -> str:
    return '<div class="legend">' + "".join(
        f'<span style="background:{c}">{esc(lab)}</span>' for lab, c in LABEL_COLORS.items()) + "</div>"


def _document_section(run_dir: Path, doc_id: str, entities: list[dict], open_: bool) -> str:
    folder = run_dir / "docs" / doc_id
    sents = _read_jsonl(folder / "sentences.jsonl") if folder.is_dir() else []
    text_path = folder / "text.txt"
    full = text_path.read_text(encoding="utf-8") if text_path.exists() else None
    head = (f'<details{" open" if open_ else ""}><summary><b>{esc(doc_id)}</b> &middot; '
            f"{len(sents)} sentences &middot; {len(entities)} entities</summary>")
    if not sents:
        return head + '<p class="empty">no sentences available for this document</p></details>'
    by_sent: dict[int, list[dict]] = {}
    starts = [(_int(s.get("start")), _int(s.get("end")), s) for s in sents]
    order = sorted((a, k) for k, (a, b, _s) in enumerate(starts) if a is not None and b is not None)
    keys = [a for a, _k in order]
    for e in entities:
        s0, e0 = _int(e.get("start")), _int(e.get("end"))
        if s0 is None or e0 is None:
            continue
        pos = bisect.bisect_right(keys, s0) - 1
        if pos < 0:
            continue
        k = order[pos][1]
        a, b = starts[k][0], starts[k][1]
        if a <= s0 and e0 <= b:
            by_sent.setdefault(k, []).append({"start": s0 - a, "end": e0 - a, "label": e.get("label", "")})
    parts = [head]
    for k, (a, b, s) in enumerate(starts):
        text = full[a:b] if full is not None and a is not None and b is not None else s.get("text", "")
        page = f" p.{esc(s.get('page'))}" if s.get("page") not in (None, "") else ""
        parts.append(f'<div class="sent" id="{_anchor(doc_id, s.get("index", k))}">'
                     f'<span class="idx">#{esc(s.get("index", k))}{page}</span>'
                     f"{render_sentence(text, by_sent.get(k, []))}</div>")
    parts.append("</details>")
    return "".join(parts)


def _options(values: list[str]) -> str:
    return "".join(f'<option value="{esc(v)}">{esc(v) if v else "(empty)"}</option>'
                   for v in sorted(set(values), key=str.lower))


def _relations_section(rels: list[dict]) -> str:
    out = ['<section id="relations-section"><h2>Relations</h2>']
    if not rels:
        out.append('<p class="empty">no relations extracted</p></section>')
        return "".join(out)
    out.append('<div class="filters">')
    for key in FILTERS:
        out.append(f'<label>{esc(key)}<select id="f-{key}" class="rel-filter"><option value="">(all)</option>'
                   f"{_options([r.get(key, '') for r in rels])}</select></label>")
    out.append('<label>text<input id="f-text" class="rel-filter" type="search" placeholder="search rows">'
               '</label><button id="f-reset" type="button">reset</button></div>')
    out.append(f'<div class="count" id="rel-count">{len(rels)} of {len(rels)} relations shown</div>')
    out.append('<div class="scroll"><table class="data" id="relations"><thead><tr>')
    out.extend(f"<th>{esc(c)}</th>" for c in RELATION_SHOWN)
    out.append("</tr></thead><tbody>")
    for r in rels:
        attrs = "".join(f' data-{k}="{esc(r.get(k, ""))}"' for k in FILTERS)
        out.append(f'<tr title="{esc(r.get("relation_id", ""))}"{attrs}>')
        for c in RELATION_SHOWN:
            v = r.get(c, "")
            if c == "evidence" and r.get("sentence_index", "") != "":
                link = _anchor(r.get("doc_id", ""), r.get("sentence_index"))
                out.append(f'<td class="ev">{esc(v)} <a href="#{link}">&#8599;</a></td>')
            elif c == "review":
                out.append(f'<td class="{esc(v.strip().lower())}">{esc(v)}</td>')
            else:
                out.append(f'<td{_CELL_CLASS.get(c, "")}>{esc(v)}</td>')
        out.append("</tr>")
    out.append("</tbody></table></div></section>")
    return "".join(out)


def _outcomes_section(outs: list[dict]) -> str:
    out = ['<section id="outcomes-section"><h2>Clinical outcomes</h2>']
    if not outs:
        out.append('<p class="empty">no outcomes extracted</p></section>')
        return "".join(out)
    out.append('<div class="filters"><label>text<input id="o-text" type="search" placeholder="search rows">'
               f'</label></div><div class="count" id="out-count">{len(outs)} of {len(outs)} outcomes shown'
               '</div><div class="scroll"><table class="data" id="outcomes"><thead><tr>')
    out.extend(f"<th>{esc(c)}</th>" for c in OUTCOME_SHOWN)
    out.append("</tr></thead><tbody>")
    for r in outs:
        out.append("<tr>" + "".join(f'<td{_CELL_CLASS.get(c, "")}>{esc(r.get(c, ""))}</td>'
                                    for c in OUTCOME_SHOWN) + "</tr>")
    out.append("</tbody></table></div></section>")
    return "".join(out)


def mechanism_cancer_counts(rels: list[dict]) -> Counter[tuple[str, str]]:
    """(mechanism, cancer) -> number of relation rows; rows without a mechanism are left out."""
    return Counter((r["mechanism"], r.get("cancer") or NO_CANCER) for r in rels if r.get("mechanism"))


def heatmap_svg(counts: Counter[tuple[str, str]]) -> str:
    """An inline SVG heat-map: mechanisms as rows, cancers as columns, counts in the cells."""
    per_mech: Counter[str] = Counter()
    per_cancer: Counter[str] = Counter()
    for (m, c), v in counts.items():
        per_mech[m] += v
        per_cancer[c] += v
    mechs = sorted(per_mech, key=lambda m: (-per_mech[m], m))
    cancers = sorted(per_cancer, key=lambda c: (c == NO_CANCER, -per_cancer[c], c))
    cell, left, top = 46, 230, 150
    width, height = left + cell * len(cancers) + 150, top + cell * len(mechs) + 20
    peak = max(counts.values())
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="mechanism by cancer counts">']
    for j, c in enumerate(cancers):
        x = left + j * cell + cell / 2
        short = c if len(c) <= 32 else c[:31] + "\u2026"
        parts.append(f'<text x="{x}" y="{top - 8}" font-size="12" transform="rotate(-40 {x} {top - 8})">'
                     f"<title>{esc(c)}</title>{esc(short)}</text>")
    for i, m in enumerate(mechs):
        y = top + i * cell
        short = m if len(m) <= 34 else m[:33] + "\u2026"
        parts.append(f'<text x="{left - 8}" y="{y + cell / 2 + 4}" font-size="12" text-anchor="end">'
                     f"<title>{esc(m)}</title>{esc(short)}</text>")
        for j, c in enumerate(cancers):
            v = counts.get((m, c), 0)
            shade = 0.08 + 0.92 * v / peak if v else 0
            fill = f"rgba(42,98,173,{shade:.2f})" if v else "#f5f5f5"
            x = left + j * cell
            cancer_value = "" if c == NO_CANCER else c
            parts.append(f'<rect class="cell" x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                         f'fill="{fill}" data-mechanism="{esc(m)}" data-cancer="{esc(cancer_value)}">'
                         f"<title>{esc(m)} / {esc(c)}: {v}</title></rect>")
            if v:
                color = "#fff" if shade > 0.55 else "#222"
                parts.append(f'<text x="{x + (cell - 2) / 2}" y="{y + cell / 2 + 3}" font-size="13" '
                             f'text-anchor="middle" fill="{color}" pointer-events="none">{v}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _chart_section(rels: list[dict]) -> str:
    counts = mechanism_cancer_counts(rels)
    body = (heatmap_svg(counts) + '<p class="meta">Number of relation rows per (mechanism, cancer); '
            "click a cell to filter the relations table.</p>") if counts else \
        '<p class="empty">no relations with a mechanism extracted</p>'
    return f'<section id="chart"><h2>Mechanisms by cancer</h2>{body}</section>'


def _documents_section(docs: list[dict]) -> str:
    if not docs:
        return '<section><h2>Documents</h2><p class="empty">no documents in this run</p></section>'
    cols = ("doc_id", "format", "pages", "sentences", "status", "message")
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{esc(d.get(c, ''))}</td>" for c in cols) + "</tr>" for d in docs)
    return (f'<section><h2>Documents</h2><table class="data" id="documents"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></section>")


# --- entry point ---------------------------------------------------------------------


def render_report(run_dir: Path, title: str | None = None) -> str:
    """The report of ``run_dir`` as one HTML string (``title`` defaults to the folder name)."""
    run_dir = Path(run_dir)
    name = title or run_dir.name
    docs = _table_rows(run_dir / "documents.csv")
    ents = _table_rows(run_dir / "entities.csv")
    rels = _table_rows(run_dir / "relations.csv")
    outs = _table_rows(run_dir / "outcomes.csv")
    manifest = {}
    if (run_dir / "manifest.json").exists():
        try:
            manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            manifest = {}
    meta = " &middot; ".join(esc(f"{k}: {manifest[k]}") for k in ("created", "pipeline_version", "git_commit")
                             if isinstance(manifest, dict) and manifest.get(k))
    reviewed = sum(1 for r in rels if r.get("review", "").strip())
    summary = (f"{len(docs)} documents &middot; {len(ents)} entities &middot; {len(rels)} relations "
               f"({reviewed} reviewed) &middot; {len(outs)} outcomes")
    ents_by_doc: dict[str, list[dict]] = {}
    for e in ents:
        ents_by_doc.setdefault(e.get("doc_id", ""), []).append(e)
    doc_ids = [d.get("doc_id", "") for d in docs if d.get("status", "ok") == "ok"]
    doc_ids += [d for d in ents_by_doc if d not in doc_ids]
    doc_parts = [_document_section(run_dir, d, ents_by_doc.get(d, []), open_=(i == 0))
                 for i, d in enumerate(doc_ids)]
    if not ents:
        doc_parts.insert(0, '<p class="empty">no entities extracted</p>')
    return "".join([
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Evidence report: {esc(name)}</title><style>{CSS}</style></head><body>",
        f"<h1>Evidence report: {esc(name)}</h1>",
        f'<p class="meta" id="summary">{summary}</p>',
        f'<p class="meta">{meta}</p>' if meta else "",
        _documents_section(docs),
        _chart_section(rels),
        _relations_section(rels),
        _outcomes_section(outs),
        '<section id="documents-text"><h2>Sentences and entities</h2>',
        _legend(), *doc_parts, "</section>",
        f"<script>{JS}</script></body></html>",
    ])


def write_report(run_dir: Path, title: str | None = None) -> Path:
    """Write ``run_dir/report.html`` (atomically) and return its path.

    ``title``: the run's name when ``run_dir`` is a staging folder (default: its name).
    """
    path = Path(run_dir) / "report.html"
    atomic_write_text(path, render_report(Path(run_dir), title))
    return path
