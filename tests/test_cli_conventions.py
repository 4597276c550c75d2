"""What every command shares: how the fact file is given, --output, exit codes, one-line errors,
stdout for the report and stderr for the rest, COLUMNS in a pipe, valid JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, one_error_line, invoke as run

VIEWS = str(Path(__file__).parent / "fixtures" / "views.toml")
SHIPPED = str(ROOT / "facts.toml")

# command words before the file, and the extra arguments some commands need
SINGLE_FILE = [("stats",), ("conflicts",), ("sources",), ("timeline",), ("export", "markdown"), ("export", "json")]
ALL = [*SINGLE_FILE, ("lint",), ("check",), ("show", "spacesail"), ("search", "satellites")]






@pytest.mark.parametrize("words", SINGLE_FILE, ids=" ".join)
def test_file_as_argument_or_option_is_the_same(words):
    by_arg, by_opt = run(*words, VIEWS), run(*words, "-f", VIEWS)
    assert by_arg.exit_code == by_opt.exit_code == 0
    assert by_arg.stdout == by_opt.stdout and by_arg.stdout
    assert run(*words, "--file", VIEWS, VIEWS).stdout == by_arg.stdout  # the same file twice is fine


@pytest.mark.parametrize("words", SINGLE_FILE, ids=" ".join)
def test_two_different_files_are_refused(words, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text("")
    assert "two fact files" in one_error_line(run(*words, VIEWS, "-f", str(other)))


@pytest.mark.parametrize("words", ALL, ids=" ".join)
def test_missing_file_is_one_line_exit_2_for_every_command(words, tmp_path):
    missing = str(tmp_path / "nope.toml")
    assert "nope.toml: no such file" in one_error_line(run(*words, "-f", missing))


@pytest.mark.parametrize("words", ALL, ids=" ".join)
def test_default_file_is_facts_toml_in_the_current_folder(words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # the search upwards stops here
    assert f"no facts.toml in {tmp_path.resolve()} (the repository root)" in one_error_line(run(*words))
    (tmp_path / "facts.toml").write_text(Path(VIEWS).read_text(encoding="utf-8"), encoding="utf-8")
    assert run(*words).exit_code in (0, 1)


@pytest.mark.parametrize("words", [w for w in ALL if w[0] not in ("lint", "check")], ids=" ".join)
def test_output_writes_the_report_atomically_and_nothing_else(words, tmp_path):
    (tmp_path / "keep.txt").write_text("untouched")
    target = tmp_path / "report.out"
    result = run(*words, "-f", VIEWS, "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == run(*words, "-f", VIEWS).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "report.out"]
    assert (tmp_path / "keep.txt").read_text() == "untouched"


@pytest.mark.parametrize("args, needle", [
    (("timeline", VIEWS, "--since", "20x0"), "--since: '20x0'"),
    (("timeline", VIEWS, "--until", "yesterday"), "--until:"),
    (("timeline", VIEWS, "--property", "foundd"), "unknown property 'foundd' (did you mean 'founded'?)"),
    (("conflicts", VIEWS, "--property", "zzz"), "unknown property 'zzz' (known: "),
    (("conflicts", VIEWS, "--source", "caixn-2025"), "unknown source 'caixn-2025' (did you mean 'caixin-2025'?)"),
    (("conflicts", VIEWS, "--entity", "zzzz qqqq"), "--entity: no entity matches"),
    (("lint", VIEWS, "--texts", "/no/such/folder"), "--texts: /no/such/folder: no such folder"),
    (("stats", VIEWS, "--texts", VIEWS), "not a folder"),
    (("search", "   ", "-f", VIEWS), "give some words"),
    (("rule", "SF1011"), "unknown rule code 'SF1011' (did you mean 'SF101'?)"),
    (("lint", VIEWS, "--format", "yaml"), "'yaml' is not one of 'text', 'json', 'github', 'sarif'"),
    (("timeline", VIEWS, "--limit", "-1"), "--limit"),
    (("stats", VIEWS, "--bogus"), "No such option: --bogus"),
])
def test_bad_input_is_one_line_exit_2(args, needle):
    assert needle in one_error_line(run(*args))


def test_usage_errors_through_the_console_script_are_one_line():
    for args in (["lint", "--format", "yaml"], ["bogus"], ["timeline", "-n", "x"]):
        proc = subprocess.run([sys.executable, "-m", "spacefacts", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and proc.stdout == ""
        assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("spacefacts: error: "), proc.stderr


def test_bare_group_shows_help():
    proc = subprocess.run([sys.executable, "-m", "spacefacts", "export"], capture_output=True, text=True, timeout=60)
    assert "markdown" in proc.stdout + proc.stderr and "Traceback" not in proc.stderr


def test_broken_pipe_is_quiet():
    proc = subprocess.run(f"{sys.executable} -m spacefacts rules | head -n 1", shell=True, capture_output=True,
                          text=True, timeout=60)
    assert proc.stdout.startswith("SF101") and "Traceback" not in proc.stderr and "Error" not in proc.stderr


def test_no_match_goes_to_stderr_with_exit_1():
    result = run("search", "qwxzv jjk", "-f", VIEWS)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "No claims match.\n")
    result = run("show", "space", "-f", VIEWS)
    assert result.exit_code == 1 and result.stdout == "" and "matches more than one entity" in result.stderr


def test_conflicts_source_filter():
    assert "founded" in run("conflicts", VIEWS, "--source", "promo").stdout
    assert run("conflicts", VIEWS, "--source", "spacenews-2022").stdout == "No conflicts.\n"


@pytest.mark.parametrize("args", [("rules",), ("rule", "SF203"), ("conflicts", SHIPPED), ("sources", SHIPPED),
                                  ("timeline", SHIPPED), ("stats", SHIPPED), ("show", "guowang", "-f", SHIPPED),
                                  ("search", "satellites", "-f", SHIPPED)], ids=" ".join)
def test_readable_at_80_columns_in_a_pipe_with_columns_80(args):
    result = run(*args, COLUMNS="80")
    assert result.exit_code == 0
    fenced = False
    for line in result.stdout.splitlines():
        fenced ^= line.startswith("```")
        assert fenced or line.startswith("```") or len(line) <= 80, line  # code examples are not wrapped
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("args", [("lint", SHIPPED), ("check", SHIPPED), ("stats", SHIPPED), ("rules",),
                                  ("conflicts", SHIPPED), ("sources", SHIPPED), ("export", "json", SHIPPED)],
                         ids=" ".join)
def test_json_is_one_valid_document_on_stdout(args):
    result = run(*args, "--format", "json") if args[0] != "export" else run(*args)
    assert result.exit_code in (0, 1)
    json.loads(result.stdout)


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    from spacefacts import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli._screen().color is True
    assert (cli._screen("out.txt").width, cli._screen("out.txt").color) == (None, False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._screen().color is False


HOSTILE = '''
[sources.a]
title = "A \\u001b[31mred\\u001b[0m [bold]x[/bold]"
kind = "news"

[entities.e1]
name = "E \\u001b[2J one"
kind = "company"

[[claims]]
id = "c1"
subject = "e1"
property = "founded"
value = "2020"
source = "zz\\u001b[31m"
quote = "founded in 2020"
'''


@pytest.mark.parametrize("args", [("lint",), ("check",), ("lint", "--format", "github"), ("stats",), ("conflicts",),
                                  ("sources",), ("timeline",), ("export", "markdown")], ids=" ".join)
def test_control_characters_in_the_fact_file_never_reach_the_terminal(args, tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    result = run(*args, str(path))
    assert result.exit_code in (0, 1)
    assert "\x1b" not in result.output
    if args[0] == "lint":
        assert "unknown source 'zz^[[31m'" in result.stdout


def test_every_export_format_renders_and_is_a_command():
    from spacefacts.loader import load_file
    from spacefacts.render.export import ExportFormat, render_export
    from spacefacts.timeline import timeline
    from spacefacts.truth import analyze

    base, _ = load_file(VIEWS)
    events = timeline(base, confidence=analyze(base).confidence)
    for fmt in ExportFormat:
        text = render_export(fmt, base, events)
        assert "Spacesail" in text
        assert run("export", fmt.value, VIEWS).stdout == text


def test_conflicts_and_sources_json():
    doc = json.loads(run("conflicts", VIEWS, "--format", "json").stdout)
    [conflict] = doc["conflicts"]
    assert (conflict["subject"], conflict["property"], conflict["cause"]) == ("spacecom", "founded", "precision")
    assert {c["source"] for side in conflict["sides"] for c in side["claims"]} == {"caixin-2025", "promo"}
    assert sum(side["likely"] for side in conflict["sides"]) == 1
    rows = json.loads(run("sources", VIEWS, "--format", "json").stdout)["sources"]
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), key=lambda s: (-next(
        x["trust"] for x in rows if x["id"] == s), s))
    assert all(set(r) == {"id", "title", "kind", "claims", "conflicts", "prior", "trust"} for r in rows)


def test_every_view_format_renders():
    from spacefacts.loader import load_file
    from spacefacts.render import ViewFormat
    from spacefacts.render.conflicts import render_view
    from spacefacts.truth import analyze

    base, _ = load_file(VIEWS)
    analysis = analyze(base)
    for fmt in ViewFormat:
        assert "promo" in render_view(fmt, base, analysis, analysis.conflicts)
        assert "caixin-2025" in render_view(fmt, base, analysis)


@pytest.mark.parametrize("args", [(), ("export",)], ids=["spacefacts", "export"])
def test_command_summaries_are_not_cut_in_help(args):
    out = run(*args, "--help").stdout
    commands = out.split("Commands:", 1)[1]
    assert "..." not in commands and all(len(line) <= 80 for line in out.splitlines())


@pytest.mark.parametrize("words", ALL, ids=" ".join)
def test_output_never_overwrites_the_fact_file(words, tmp_path):
    path = tmp_path / "facts.toml"
    original = Path(VIEWS).read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    assert "the fact file being read" in one_error_line(run(*words, "-f", str(path), "-o", str(path)))
    assert path.read_text(encoding="utf-8") == original


def test_show_and_search_json():
    card = json.loads(run("show", "qianfan", "-f", VIEWS, "--format", "json").stdout)
    assert card["entity"]["id"] == "spacesail" and "Qianfan" in card["entity"]["aliases"]
    launches = next(p for p in card["properties"] if p["id"] == "first_launch")
    assert launches["claims"][0]["source"] == "caixin-2025" and 0 < launches["claims"][0]["confidence"] <= 1
    spacecom = json.loads(run("show", "Spacecom", "-f", VIEWS, "--format", "json").stdout)
    assert any(p["conflicts"] for p in spacecom["properties"])
    hits = json.loads(run("search", "operational satellites", "-f", VIEWS, "--format", "json").stdout)["hits"]
    assert hits and hits[0]["subject"] == "spacesail" and hits == sorted(hits, key=lambda h: -h["score"])
    none = run("search", "qwxzv jjk", "-f", VIEWS, "--format", "json")
    assert none.exit_code == 1 and json.loads(none.stdout)["hits"] == []


def test_output_dash_is_the_terminal_for_width_and_colour(monkeypatch):
    import sys as _sys

    from spacefacts import cli

    monkeypatch.setattr(_sys.stdout, "isatty", lambda: True, raising=False)
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli._screen("-").color is True  # `-o -` writes to the terminal: colour as without -o
    assert cli._screen("-", paging=True).pager  # and pages there
    file = cli._screen("out.txt", paging=True)
    assert (file.width, file.color, file.pager) == (None, False, None)  # a file: plain, unwrapped, never paged
