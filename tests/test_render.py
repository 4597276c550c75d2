"""Renderers on hand-made reports: exact text, github escaping, JSON and SARIF against their schemas."""

from __future__ import annotations

import json

import pytest

from conftest import EXT, ROOT, need
from spacefacts.diagnostics import RULES, Diagnostic, Rule, Severity
from spacefacts.model import FactBase, Location
from spacefacts.render import Format, render
from spacefacts.render import github, sarif, text
from spacefacts.report import Report

DOC = "## What it does\nChecks a thing.\n\n## Why it matters\nBecause.\n\n## Example\n```toml\nx = 1\n```\n\n## How to fix\nFix it."
TEST_RULES = {
    "SF101": Rule("SF101", "unknown-source", Severity.ERROR, "A claim names a source that does not exist.", DOC),
    "SF201": Rule("SF201", "quote-not-found", Severity.WARNING, "The quote is not in the source text.", DOC),
    "SF401": Rule("SF401", "possible-duplicate", Severity.INFO, "Two entities may be the same.", DOC),
}


@pytest.fixture(autouse=True)
def rules(monkeypatch):
    """Known rules for the duration of a test only (the real table is restored afterwards)."""
    for code, r in TEST_RULES.items():
        monkeypatch.setitem(RULES, code, r)


def loc(line: int, col: int = 1) -> Location:
    return Location("facts.toml", line, col)


def make_report(show_info: bool = True) -> Report:
    diags = [
        Diagnostic("SF401", "entities 'satnet' and 'sat-net' look alike", loc(3), Severity.INFO, ("satnet", "sat-net")),
        Diagnostic("SF201", "quote not found: 50%, done\nnext line", loc(7, 5), Severity.WARNING, ("c1",)),
        Diagnostic(
            "SF101",
            "unknown source 'caixn-2025' (did you mean 'caixin-2025'?)",
            loc(12),
            Severity.ERROR,
            ("c2",),
            related=(loc(40, 3),),
        ),
        Diagnostic("SF101", "unknown source 'x'", loc(20), Severity.ERROR, ("c3",), accepted="known typo, fixed upstream"),
    ]
    return Report(FactBase("facts.toml"), diags, show_info=show_info)


def test_every_format_renders():
    report = make_report()
    for fmt in Format:
        out = render(fmt, report)
        assert isinstance(out, str) and out.endswith("\n"), fmt


def test_counts_and_exit_code():
    report = make_report()
    assert report.counts() == {"errors": 1, "warnings": 1, "infos": 1, "accepted": 1}
    assert report.exit_code() == 1
    assert report.exit_code(exit_zero=True) == 0
    only_accepted = Report(FactBase("f"), [d for d in report.diagnostics if d.accepted or d.severity < Severity.ERROR])
    assert only_accepted.exit_code() == 0


def test_text_exact():
    report = make_report()
    assert render(Format.TEXT, report) == (
        "facts.toml:3:1: SF401 entities 'satnet' and 'sat-net' look alike\n"
        "facts.toml:7:5: SF201 quote not found: 50%, done next line\n"  # one finding, one line
        "facts.toml:12:1: SF101 unknown source 'caixn-2025' (did you mean 'caixin-2025'?)\n"
    )
    shown = render(Format.TEXT, report, show_accepted=True)
    assert shown.endswith("facts.toml:20:1: SF101 unknown source 'x' [accepted: known typo, fixed upstream]\n")


def test_text_summary():
    report = make_report()
    assert text.summary(report) == "Found 1 error, 1 warning, 1 info (1 accepted, hidden; --show-accepted lists them)."
    assert text.summary(report, show_accepted=True) == "Found 1 error, 1 warning, 1 info (1 accepted, shown)."
    two = Report(FactBase("f"), report.diagnostics[2:3] * 2)
    assert text.summary(two) == "Found 2 errors, 0 warnings, 0 info."
    assert text.summary(Report(FactBase("f"), [])) == "All checks passed."
    hidden = make_report(show_info=False)
    assert text.summary(hidden) == "Found 1 error, 1 warning, 1 info (info and 1 accepted hidden; -v lists them)."
    assert text.summary(hidden, show_accepted=True) == ("Found 1 error, 1 warning, 1 info (info hidden; --show-info "
                                                        "lists it) (1 accepted, shown).")
    infos = Report(FactBase("f"), hidden.diagnostics[:1] * 2)
    assert text.summary(infos) == "All checks passed (2 info hidden; --show-info lists them)."
    assert text.summary(Report(FactBase("f"), infos.diagnostics, show_info=True)) == "Found 0 errors, 0 warnings, 2 info."


def test_text_and_github_hide_infos_unless_show_info():
    hidden = make_report(show_info=False)
    assert "SF401" not in render(Format.TEXT, hidden) and "SF401" not in render(Format.GITHUB, hidden)
    assert "SF401" in render(Format.JSON, hidden) and "SF401" in render(Format.SARIF, hidden)
    assert "SF401" in github.step_summary(hidden)  # the step summary lists all findings
    assert github.step_summary(hidden).startswith("### spacefacts: Found 1 error, 1 warning, 1 info (1 accepted, shown).")


def test_github_escaping_matches_actions_toolkit():
    assert github.escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.escape_data("a:b,c") == "a:b,c"


def test_github_exact_errors_first():
    out = render(Format.GITHUB, make_report()).splitlines()
    assert out == [
        "::error file=facts.toml,line=12,col=1,title=SF101 unknown-source::"
        "unknown source 'caixn-2025' (did you mean 'caixin-2025'?)",
        "::warning file=facts.toml,line=7,col=5,title=SF201 quote-not-found::quote not found: 50%25, done%0Anext line",
    ]  # info and accepted findings are not annotated: the step summary counts and lists them
    assert render(Format.GITHUB, make_report(), show_accepted=True).splitlines() == out


def test_github_property_escaping_in_file_name():
    d = Diagnostic("SF101", "m", Location("dir,a/f:1.toml", 2, 3), Severity.ERROR)
    assert github.annotation(d) == "::error file=dir%2Ca/f%3A1.toml,line=2,col=3,title=SF101 unknown-source::m"


def test_github_step_summary_lists_all_findings():
    md = github.step_summary(make_report())
    assert md.startswith("### spacefacts: Found 1 error, 1 warning, 1 info (1 accepted, shown).\n")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "Severity" not in line]
    assert len(rows) == 4  # accepted one included
    assert "quote not found: 50%, done next line" in md  # newline flattened, nothing escaped for Actions
    assert "known typo, fixed upstream" in md
    d = Diagnostic("SF101", "a | b", loc(1), Severity.ERROR)
    assert "a \\| b" in github.step_summary(Report(FactBase("f"), [d]))


def test_json_document_and_schema():
    jsonschema = pytest.importorskip("jsonschema")
    doc = json.loads(render(Format.JSON, make_report()))
    schema = json.loads((ROOT / "docs" / "diagnostics.schema.json").read_text())
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["version"] == 1 and doc["tool"] == "spacefacts" and doc["file"] == "facts.toml"
    assert doc["summary"] == {"errors": 1, "warnings": 1, "infos": 1, "accepted": 1}
    first = doc["diagnostics"][2]
    assert first == {
        "code": "SF101",
        "name": "unknown-source",
        "severity": "error",
        "message": "unknown source 'caixn-2025' (did you mean 'caixin-2025'?)",
        "file": "facts.toml",
        "line": 12,
        "column": 1,
        "ids": ["c2"],
        "accepted": None,
        "related": [{"file": "facts.toml", "line": 40, "column": 3}],
    }
    assert doc["diagnostics"][3]["accepted"] == "known typo, fixed upstream"


def test_json_schema_rejects_bad_output():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "diagnostics.schema.json").read_text())
    doc = json.loads(render(Format.JSON, make_report()))
    doc["diagnostics"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def test_json_several_files():
    merged = Report.merge([make_report(), Report(FactBase("other.toml"), [])])
    doc = json.loads(render(Format.JSON, merged))
    assert doc["file"] is None and doc["files"] == ["facts.toml", "other.toml"]


def test_sarif_valid_against_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(need(EXT / "sarif" / "sarif-schema-2.1.0.json").read_text())
    log = json.loads(render(Format.SARIF, make_report()))
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "spacefacts"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    by_line = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r for r in run["results"]}
    assert by_line[12]["level"] == "error" and "suppressions" not in by_line[12]
    assert by_line[3]["level"] == "note" and by_line[7]["level"] == "warning"
    assert by_line[20]["suppressions"] == [{"kind": "inSource", "justification": "known typo, fixed upstream"}]
    sf101 = rules[by_line[12]["ruleIndex"]]
    assert sf101["shortDescription"]["text"] == "A claim names a source that does not exist."
    assert sf101["fullDescription"]["text"] == "Checks a thing."
    assert sf101["defaultConfiguration"]["level"] == "error"
    assert "## How to fix" in sf101["help"]["markdown"]


def test_sarif_section_extraction():
    assert sarif.section(DOC, "How to fix") == "Fix it."
    assert sarif.section(DOC, "Missing") == ""


def test_text_folds_identical_info_findings_but_never_warnings():
    def d(code, msg, line, sev):
        return Diagnostic(code, msg, Location("f.toml", line), sev, (f"c{line}",))

    diags = [d("SF205", "no text for 's'", n, Severity.INFO) for n in (3, 5, 9)]
    diags += [d("SF208", "text missing", n, Severity.WARNING) for n in (4, 6)]
    diags.append(d("SF205", "no text for 't'", 12, Severity.INFO))
    out = text.render(Report(FactBase("f.toml"), sorted(diags, key=Diagnostic.sort_key), show_info=True))
    assert out.splitlines() == [
        "f.toml:3:1: SF205 no text for 's' (+2 more like it, through line 9)",
        "f.toml:4:1: SF208 text missing",
        "f.toml:6:1: SF208 text missing",
        "f.toml:12:1: SF205 no text for 't'",
    ]
    assert json.loads(render(Format.JSON, Report(FactBase("f.toml"), diags)))["summary"]["infos"] == 4
