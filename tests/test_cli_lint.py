"""`spacefacts lint`, `rules` and `rule` through the CLI: exit codes, streams, options."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacefacts.cli import app
from spacefacts.pipeline import run

GOOD = """\
[sources.caixin-2025]
title = "Cover Story"
published = "2025-02"
text = "caixin.txt"

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"

[[claims]]
id = "satnet-founded"
subject = "satnet"
property = "founded"
value = "2021"
source = "caixin-2025"
quote = "founded in 2021"
"""

# One claim names a misspelt source; the claim accepts nothing.
BAD = GOOD.replace('source = "caixin-2025"', 'source = "caixn-2025"')
LINE = BAD.splitlines().index('source = "caixn-2025"') + 1

ACCEPTED = BAD + 'accepted = [{ code = "SF101", reason = "typo kept on purpose" }]\n'


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, text: str, name: str = "facts.toml") -> str:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "caixin.txt").write_text("The group was founded in 2021 in Beijing.\n", encoding="utf-8")
    return str(p)


def test_clean_file_exits_0(runner, tmp_path):
    path = write(tmp_path, GOOD)
    result = runner.invoke(app, ["lint", path])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "All checks passed.\n"


def test_error_exits_1_with_located_line(runner, tmp_path):
    path = write(tmp_path, BAD)
    result = runner.invoke(app, ["lint", path])
    assert result.exit_code == 1
    assert result.stdout == f"{path}:{LINE}:1: SF101 unknown source 'caixn-2025' (did you mean 'caixin-2025'?)\n"
    assert result.stderr == "Found 1 error, 0 warnings, 0 info.\n"


def test_exit_zero_and_quiet(runner, tmp_path):
    path = write(tmp_path, BAD)
    result = runner.invoke(app, ["lint", path, "--exit-zero", "-q"])
    assert result.exit_code == 0
    assert "SF101" in result.stdout and result.stderr == ""


def test_default_file_is_facts_toml(runner, tmp_path, monkeypatch):
    write(tmp_path, BAD)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"facts.toml:{LINE}:1: SF101")


def test_select_and_ignore(runner, tmp_path):
    path = write(tmp_path, BAD)
    assert runner.invoke(app, ["lint", path, "--ignore", "SF101"]).exit_code == 0
    assert runner.invoke(app, ["lint", path, "--ignore", "SF105,SF10"]).exit_code == 0
    assert runner.invoke(app, ["lint", path, "--ignore", "SF105", "--ignore", "SF1"]).exit_code == 0
    assert runner.invoke(app, ["lint", path, "--select", "SF10"]).exit_code == 1
    assert runner.invoke(app, ["lint", path, "--select", "sf102"]).exit_code == 0  # case-insensitive codes


def test_settings_select_ignore_and_command_line_wins(runner, tmp_path):
    path = write(tmp_path, '[settings]\nignore = ["SF101"]\n\n' + BAD)
    assert runner.invoke(app, ["lint", path]).exit_code == 0
    assert runner.invoke(app, ["lint", path, "--ignore", "SF105"]).exit_code == 1


def test_unknown_code_exits_2(runner, tmp_path):
    path = write(tmp_path, GOOD)
    result = runner.invoke(app, ["lint", path, "--select", "SF1O1"])
    assert result.exit_code == 2
    assert result.stderr.startswith("spacefacts: error: unknown rule code 'SF1O1' in --select (did you mean")
    assert result.stdout == ""


def test_accepted_hidden_then_shown(runner, tmp_path):
    path = write(tmp_path, ACCEPTED)
    result = runner.invoke(app, ["lint", path])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "All checks passed (1 accepted, hidden; --show-accepted lists them).\n"
    shown = runner.invoke(app, ["lint", path, "--show-accepted"])
    assert shown.exit_code == 0
    assert shown.stdout.endswith("SF101 unknown source 'caixn-2025' (did you mean 'caixin-2025'?) "
                                 "[accepted: typo kept on purpose]\n")


def test_json_to_output_file(runner, tmp_path):
    path = write(tmp_path, BAD)
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["lint", path, "--format", "json", "--output", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    doc = json.loads(out.read_text())
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parents[1] / "docs" / "diagnostics.schema.json").read_text())
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["summary"]["errors"] == 1
    assert doc["diagnostics"][0]["code"] == "SF101" and doc["diagnostics"][0]["line"] == LINE


def test_json_report_is_written_a_finding_at_a_time(runner, tmp_path, monkeypatch):
    # a report of hundreds of thousands of findings is never held as one string: the CLI writes the
    # JSON in pieces, none holding two findings, and they join to the indented document as before
    from spacefacts.render import json as render_json

    body = "".join(f'[[claims]]\nid = "c{i}"\nsubject = "satnet"\nproperty = "founded"\nvalue = "2020"\n'
                   f'source = "nope-{i}"\n\n' for i in range(5))
    path = write(tmp_path, GOOD + "\n" + body)
    written: list[str] = []
    chunks = render_json.chunks
    monkeypatch.setattr(render_json, "chunks", lambda report: (written.append(p) or p for p in chunks(report)))
    for out in (None, str(tmp_path / "report.json")):
        written.clear()
        result = runner.invoke(app, ["lint", path, "--format", "json", *(["-o", out] if out else [])])
        text = result.stdout if out is None else Path(out).read_text(encoding="utf-8")
        report = run(path)
        assert text == "".join(written) == json.dumps(render_json.document(report), ensure_ascii=False, indent=2) + "\n"
        assert len(report.diagnostics) == 10 and max(p.count('"code"') for p in written) == 1
    empty = run(write(tmp_path, GOOD))
    assert render_json.render(empty) == json.dumps(render_json.document(empty), ensure_ascii=False, indent=2) + "\n"


def test_json_pieces_leave_no_cyclic_garbage(tmp_path):
    # the CLI runs with the cyclic GC paused: json.dumps(indent=2) per finding left a cycle of closures
    # each (0.7 GB at 1M claims); the pieces are written by render.json.indented instead
    import gc

    from spacefacts.render import json as render_json

    body = "".join(f'[[claims]]\nid = "c{i}"\nsubject = "satnet"\nproperty = "founded"\nvalue = "2020"\n'
                   f'source = "nope-{i}"\n\n' for i in range(20))
    report = run(write(tmp_path, GOOD + "\n" + body))
    gc.collect()
    gc.disable()
    try:
        text = "".join(render_json.chunks(report))
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert text == json.dumps(render_json.document(report), ensure_ascii=False, indent=2) + "\n"
    value = {"a": [1, 2.5, None, True, "é\u2028\"x\\"], "b": {}, "c": [], "d": {"e": [{"f": 1e100, "g": -0.0}]}}
    assert render_json.indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_text_report_is_written_a_few_lines_at_a_time(runner, tmp_path, monkeypatch):
    from spacefacts.render import text as render_text

    body = "".join(f'[[claims]]\nid = "c{i}"\nsubject = "satnet"\nproperty = "founded"\nvalue = "2020"\n'
                   f'source = "nope-{i}"\n\n' for i in range(5))
    path = write(tmp_path, GOOD + "\n" + body)
    monkeypatch.setattr(render_text, "CHUNK_LINES", 3)
    expected = render_text.render(run(path))
    written: list[str] = []
    chunks = render_text.chunks
    monkeypatch.setattr(render_text, "chunks", lambda *a: (written.append(p) or p for p in chunks(*a)))
    result = runner.invoke(app, ["lint", path])
    assert result.stdout == "".join(written) == expected
    assert [p.count("\n") for p in written] == [3, 3, 3, 1]


def test_output_into_missing_folder_exits_2(runner, tmp_path):
    path = write(tmp_path, BAD)
    result = runner.invoke(app, ["lint", path, "--output", str(tmp_path / "nope" / "r.txt")])
    assert result.exit_code == 2
    assert result.stderr.startswith("spacefacts: error:") and "folder does not exist" in result.stderr


def test_github_format_appends_step_summary(runner, tmp_path, monkeypatch):
    path = write(tmp_path, BAD)
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["lint", path, "--format", "github"])
    assert result.exit_code == 1
    where = f"file={path.replace(':', '%3A')},line={LINE},col=1"
    assert result.stdout.startswith(f"::error {where},title=SF101 unknown-source::")
    md = summary.read_text()
    assert md.startswith("previous step\n### spacefacts: Found 1 error")
    assert "| error | SF101 |" in md
    runner.invoke(app, ["lint", path, "--format", "text"])
    assert summary.read_text() == md  # only the github format writes the summary


def test_several_files_worst_exit(runner, tmp_path):
    good = write(tmp_path, GOOD, "a.toml")
    bad = write(tmp_path, BAD, "b.toml")
    result = runner.invoke(app, ["lint", good, bad])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad}:{LINE}:1: SF101")
    broken = write(tmp_path, "x = [", "c.toml")
    result = runner.invoke(app, ["lint", good, bad, broken])
    assert result.exit_code == 2
    assert "SF101" in result.stdout
    assert result.stderr.splitlines()[0].startswith(f"spacefacts: error: {broken}:1:")


def test_bad_format_value_is_usage_error(runner, tmp_path):
    result = runner.invoke(app, ["lint", write(tmp_path, GOOD), "--format", "xml"])
    assert result.exit_code == 2


def test_run_core_report(tmp_path):
    report = run(write(tmp_path, BAD))
    assert [d.code for d in report.diagnostics] == ["SF101"]
    assert report.counts()["errors"] == 1 and report.exit_code() == 1
    assert run(write(tmp_path, BAD), ignore=["SF1"]).diagnostics == []


def test_rules_lists_every_rule(runner):
    from spacefacts.diagnostics import RULES

    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert codes == sorted(RULES) and "SF101" in codes
    rows = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert {r["code"] for r in rows} == set(RULES)
    assert all(r["severity"] in ("error", "warning", "info") for r in rows)


def test_rule_explains_and_unknown_exits_2(runner):
    result = runner.invoke(app, ["rule", "sf101"])
    assert result.exit_code == 0
    assert result.stdout.startswith("SF101 unknown-source (error, stage lint)")
    for heading in ("What it does", "Why it matters", "Example", "How to fix"):
        assert heading in result.stdout
    bad = runner.invoke(app, ["rule", "SF1011"])
    assert bad.exit_code == 2
    assert bad.stderr == "spacefacts: error: unknown rule code 'SF1011' (did you mean 'SF101'?)\n"


def test_run_merges_options_over_settings(tmp_path, monkeypatch):
    import spacefacts.checks as checks

    seen = []
    monkeypatch.setattr(checks, "run_checks", lambda base, ctx, stages, before=(): seen.append((ctx, stages)) or [])
    path = write(tmp_path, '[settings]\nselect = ["SF1"]\nignore = ["SF104"]\ntexts = "docs"\n\n' + GOOD)
    run(path)
    ctx, stages = seen[-1]
    assert stages == ("lint",)
    assert (ctx.select, ctx.ignore) == (("SF1",), ("SF104",))
    assert ctx.texts_dir == str(tmp_path / "docs")  # relative to the fact file, not the cwd
    run(path, stages=("lint", "check"), select=["sf2"], ignore=["SF201"], texts="elsewhere")
    ctx, stages = seen[-1]
    assert stages == ("lint", "check")
    assert (ctx.select, ctx.ignore, ctx.texts_dir) == (("SF2",), ("SF201",), "elsewhere")
