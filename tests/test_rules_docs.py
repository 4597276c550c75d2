"""Every rule documents itself, and docs/rules.md is exactly what `spacefacts rules --format markdown` prints."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from spacefacts.rules import RULES, TABLE, Rule, Severity
from spacefacts.render.rules import REQUIRED_SECTIONS, RulesFormat, markdown, missing_sections, render_rules

REGENERATE = "regenerate with: .venv/bin/spacefacts rules --format markdown --output docs/rules.md"


@pytest.fixture(scope="module")
def rules():
    return list(TABLE)


def test_docs_rules_md_is_generated(rules):
    path = ROOT / "docs" / "rules.md"
    assert path.exists(), f"docs/rules.md is missing; {REGENERATE}"
    assert path.read_text(encoding="utf-8") == markdown(rules), f"docs/rules.md is out of date; {REGENERATE}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_the_four_sections(code):
    rule = RULES[code]
    assert missing_sections(rule) == [], f"{code} doc lacks sections {missing_sections(rule)} of {REQUIRED_SECTIONS}"


def test_rule_table_is_well_formed(rules):
    names = [r.name for r in rules]
    assert len(set(names)) == len(names), "two rules share a name"
    for r in rules:
        assert re.fullmatch(r"SF\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert isinstance(r.severity, Severity) and r.stage in ("lint", "check")
        assert r.summary and "\n" not in r.summary


def test_markdown_has_one_section_per_code(rules):
    md = render_rules(RulesFormat.MARKDOWN, rules)
    headings = re.findall(r"^## (SF\d{3}) ", md, flags=re.M)
    assert headings == [r.code for r in rules]


def test_missing_sections_detects_gaps():
    r = Rule("SF999", "x", Severity.INFO, "s", "## What it does\nA.\n\n## Example\nB.")
    assert missing_sections(r) == ["Why it matters", "How to fix"]
