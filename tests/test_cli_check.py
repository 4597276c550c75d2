"""`spacefacts check`, `conflicts` and `sources` through the CLI: exit codes, formats, filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacefacts.cli import app

BASE = """\
[sources.report]
title = "Annual report"
published = "2023-05"
trust = 0.6

[sources.news]
title = "Newswire"
published = "2024-02"
trust = 0.8

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"
aliases = ["SatNet"]

[entities.landspace]
name = "LandSpace"
kind = "company"

[[claims]]
id = "report-founded"
subject = "satnet"
property = "founded"
value = "early 2020"
source = "report"
hedged = true

[[claims]]
id = "news-founded"
subject = "satnet"
property = "founded"
value = "2021"
source = "news"

[[claims]]
id = "landspace-founded"
subject = "landspace"
property = "founded"
value = "2015"
source = "news"
"""

ACCEPTED = BASE.replace('value = "2021"\nsource = "news"',
                        'value = "2021"\nsource = "news"\naccepted = [{ code = "SF301", reason = "both kept" }]')
runner = CliRunner()


@pytest.fixture
def facts(tmp_path: Path):
    def write(text: str) -> str:
        path = tmp_path / "facts.toml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_check_reports_conflict_and_exits_1(facts):
    result = runner.invoke(app, ["check", facts(BASE)])
    assert result.exit_code == 1
    assert "SF301" in result.stdout and "early 2020" in result.stdout and "more likely '2021'" in result.stdout
    assert "Found 1 error" in result.stderr


def test_lint_does_not_run_consistency(facts):
    result = runner.invoke(app, ["lint", facts(BASE), "--ignore", "SF2"])
    assert "SF301" not in result.stdout and result.exit_code == 0


def test_check_accepted_passes_and_show_accepted_lists_it(facts):
    path = facts(ACCEPTED)
    result = runner.invoke(app, ["check", path, "--ignore", "SF2"])
    assert result.exit_code == 0 and "SF301" not in result.stdout
    shown = runner.invoke(app, ["check", path, "--ignore", "SF2", "--show-accepted"])
    assert "[accepted: both kept]" in shown.stdout


def test_check_select_ignore_and_exit_zero(facts):
    path = facts(BASE)
    assert runner.invoke(app, ["check", path, "--ignore", "SF301"]).exit_code == 0
    assert runner.invoke(app, ["check", path, "--exit-zero"]).exit_code == 0
    assert runner.invoke(app, ["check", path, "--select", "SF999"]).exit_code == 2


def test_check_json_carries_conflict_data(facts):
    result = runner.invoke(app, ["check", facts(BASE), "--format", "json", "--select", "SF3"])
    doc = json.loads(result.stdout)
    (d,) = [d for d in doc["diagnostics"] if d["code"] == "SF301"]
    assert set(d["ids"]) == {"report-founded", "news-founded"}


def test_check_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_conflicts_grouped_with_sides_sources_and_cause(facts):
    result = runner.invoke(app, ["conflicts", facts(BASE)])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("China Satellite Network Group (satnet)")
    assert "cause error" in out and "'early 2020'" in out and "(hedged)" in out
    assert "[report] — Annual report" in out and "[news] — Newswire" in out
    assert "1 conflict in 1 subject: 0 accepted, 1 to review." in out


def test_conflicts_filters(facts):
    path = facts(BASE)
    assert "satnet" in runner.invoke(app, ["conflicts", path, "--entity", "satnet"]).stdout
    assert "satnet" in runner.invoke(app, ["conflicts", path, "--entity", "SatNet"]).stdout
    assert runner.invoke(app, ["conflicts", path, "--entity", "LandSpace"]).stdout == "No conflicts.\n"
    assert runner.invoke(app, ["conflicts", path, "--property", "location"]).stdout == "No conflicts.\n"
    bad = runner.invoke(app, ["conflicts", path, "--property", "foundd"])
    assert bad.exit_code == 2 and "founded" in bad.stderr
    assert runner.invoke(app, ["conflicts", path, "--entity", "zzzz qqqq"]).exit_code == 2


def test_sources_table(facts):
    result = runner.invoke(app, ["sources", facts(BASE)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "title", "kind", "claims", "conflicts", "prior", "trust"]
    news = next(line for line in lines if line.startswith("news"))
    assert news.split()[-4:-1] == ["2", "1", "0.80"]
    assert "\x1b[" not in result.stdout  # plain text when piped


def test_sources_output_file(facts, tmp_path):
    out = tmp_path / "trust.txt"
    assert runner.invoke(app, ["sources", facts(BASE), "--output", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("source")


def test_progress_is_silent_when_stderr_is_not_a_terminal(monkeypatch, capsys):
    from spacefacts import cli

    monkeypatch.delenv("CI", raising=False)
    assert cli._with_progress("f.toml", lambda: 42) == 42  # pytest's stderr is not a terminal
    monkeypatch.setenv("CI", "true")
    assert cli._with_progress("f.toml", lambda: "done") == "done"
    assert capsys.readouterr().err == ""
