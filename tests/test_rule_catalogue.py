"""Every relations.csv rule id is explained by the rule file (patterns, code rules, affixes)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from pipeline import challenge
from pipeline.cli import app
from pipeline.config import ANNOTATIONS_DIR, DATA_DIR, PACKAGE_DIR
from pipeline.errors import DataFileError
from pipeline.relation_rules import explain_rule_id, load_rules, parse_rules

CHALLENGE = ANNOTATIONS_DIR / "challenge"


def test_every_rule_id_of_real_rows_is_explained():
    # four sets of team-written passages, run through the whole pipeline
    passages = [p for name in ("dev4", "dev26", "dev30", "dev36")
                for p in challenge.load(CHALLENGE / f"{name}.jsonl")]
    rows = [r for rs in challenge.predict(passages).values() for r in rs]
    ids = {r["rule_id"] for r in rows}
    assert len(rows) > 500 and len(ids) > 40
    rules = load_rules()
    for rule_id in ids:
        parts = explain_rule_id(rule_id, rules)
        assert "".join(p for p, _, _ in parts) == rule_id
        assert all(text.strip() for _, _, text in parts)


def test_every_rule_id_the_code_writes_is_catalogued():
    rules = load_rules()
    src = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE_DIR.glob("*.py"))
    literals = set(re.findall(r'"((?:OVC_)?(?:INH|RES|COMB)_[A-Z0-9_]+)(?:\+[A-Z_]+)?"', src))
    literals |= {"OVC_" + x for x in re.findall(r'"OVC_" \+ "([A-Z_]+)"', src)}
    assert {"RES_MEDIATOR", "INH_READOUT_AFTER_EXPOSURE", "COMB_ANAPHOR_TRIAL"} <= literals
    for rule_id in literals:
        explain_rule_id(rule_id, rules)
    for suffix in set(re.findall(r'"(\+[A-Z_]+)"', src)):
        assert suffix in rules.affixes


def test_unknown_parts_are_named():
    rules = load_rules()
    with pytest.raises(KeyError, match="NOT_A_RULE"):
        explain_rule_id("NOT_A_RULE", rules)
    with pytest.raises(KeyError, match=r"\+SIDEWAYS"):
        explain_rule_id("RES_MEDIATOR+SIDEWAYS", rules)
    parts = explain_rule_id("OVC_COMB_PLUS+CONTEXT", rules)
    assert [(p, k) for p, k, _ in parts] == [("OVC_", "prefix"), ("COMB_PLUS", "combination pattern"),
                                              ("+CONTEXT", "suffix")]


def test_rule_file_catalogue_is_validated():
    data = json.loads((DATA_DIR / "relation_rules.json").read_text(encoding="utf-8"))
    bad = json.loads(json.dumps(data))
    del bad["inhibits_patterns"][0]["description"]
    with pytest.raises(DataFileError, match="no description"):
        parse_rules(bad)
    bad = json.loads(json.dumps(data))
    bad["code_rules"]["COMB_PLUS"] = "a second meaning"
    with pytest.raises(DataFileError, match="also a pattern id"):
        parse_rules(bad)
    bad = json.loads(json.dumps(data))
    bad["rule_id_affixes"]["SUFFIX"] = "neither a prefix nor a suffix"
    with pytest.raises(DataFileError, match="rule_id_affixes"):
        parse_rules(bad)


def test_rules_command_lists_and_explains():
    runner = CliRunner()
    listed = runner.invoke(app, ["rules"])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert re.match(r"relation rules \S+: \d+ rule ids", lines[0])
    assert any(line.startswith("INH_READOUT_AFTER_EXPOSURE [code rule; enabled") for line in lines)
    assert any(line.startswith("+ANAPHOR [suffix]") for line in lines)
    shown = runner.invoke(app, ["rules", "--explain", "OVC_COMB_ADDED_PARTNER+ANAPHOR"])
    assert shown.exit_code == 0 and "COMB_ADDED_PARTNER [combination pattern]" in shown.output
    bad = runner.invoke(app, ["rules", "--explain", "RES_MEDIATOR", "--explain", "NOPE_RULE"])
    assert bad.exit_code == 1 and "NOPE_RULE" in bad.output
