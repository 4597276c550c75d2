"""show, search, timeline and export through the command line (typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacefacts.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
VIEWS = str(FIXTURES / "views.toml")
EVIL = str(FIXTURES / "evil.toml")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, **env: str):
        return runner.invoke(app, list(args), env={"NO_COLOR": None, "FORCE_COLOR": None, "COLUMNS": None, **env})

    return invoke


def test_show_card(run):
    result = run("show", "qianfan", "-f", VIEWS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Spacesail Constellation  spacesail · constellation"
    assert "also known as: Spacesail; Qianfan" in lines
    assert "operator: Shanghai Spacecom Satellite Technology Ltd. (spacecom)" in lines
    out = result.output
    assert out.index("first launch") < out.index("6 Aug 2024  [caixin-2025]") < out.index("“first batch of 18")
    assert "more than 14,000 satellites  [caixin-2025]  confidence" in out
    assert "(hedged)" in out
    assert "\x1b" not in out  # not a terminal: no colour codes


def test_show_conflict_lists_both_sides_with_confidence(run):
    out = run("show", "Spacecom", "--file", VIEWS).output
    assert "founded  sources disagree" in out
    side_line = next(ln for ln in out.splitlines() if " vs " in ln)
    assert "2018 [caixin-2025]" in side_line and "c. 2016 [promo]" in side_line and "(likely)" in side_line


def test_show_fuzzy_names(run):
    for name in ("guo wang", "Xingwang", "china satnet", "Spacesial"):
        assert run("show", name, "-f", VIEWS).exit_code == 0, name


def test_show_ambiguous_lists_candidates_and_exits_1(run):
    result = run("show", "space", "-f", VIEWS)
    assert result.exit_code == 1
    assert "matches more than one entity" in result.output
    assert ". Spacesail Constellation (spacesail, constellation)" in result.output  # numbered: --pick N


def test_show_unknown_says_did_you_mean_and_exits_1(run):
    result = run("show", "Guowong Net", "-f", VIEWS)
    assert result.exit_code == 1
    assert "no entity matches 'Guowong Net'. Did you mean:" in result.output
    assert "Guowang (guowang, constellation)" in result.output


def test_missing_file_exits_2(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "spacefacts", "show", "x", "-f", str(tmp_path / "nope.toml")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_search(run):
    result = run("search", "operational satellites", "-f", VIEWS, "--limit", "1")
    assert result.exit_code == 0
    assert "Spacesail Constellation · satellites in orbit  [caixin-2025]" in result.output
    assert "quote: bringing the number of operational satellites to 72" in result.output
    assert result.output.count("claim ") == 1
    miss = run("search", "qwxzv jjk", "-f", VIEWS)
    assert miss.exit_code == 1 and "No claims match." in miss.output


def test_timeline_text(run):
    result = run("timeline", VIEWS, COLUMNS="80")  # wrapped as in an 80-column terminal
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2018"
    assert lines[1].startswith("2018 !")
    assert "Shanghai Spacecom Satellite Technology Ltd. founded  [caixin-2025]" in lines[1]
    assert lines[2].strip() == "conflict: c. 2016 [promo]"
    assert "Sep 2020?     Guowang announced  [spacenews-2022]" in lines
    assert lines[-1] == "7 events, 1 with disputed dates (!)"
    assert all(len(ln) <= 80 for ln in lines)
    assert "\x1b" not in result.output


def test_timeline_filters(run):
    out = run("timeline", "-f", VIEWS, "--entity", "qianfan").output
    assert "Spacecom" not in out and "3 events" in out
    assert "1 event\n" in run("timeline", VIEWS, "--kind", "company", "--since", "2019", "--until", "2021").output
    assert "Guowang" in run("timeline", VIEWS, "--property", "announced").output
    out = run("timeline", VIEWS, "--reverse", "--limit", "1").output
    assert out.splitlines()[0] == "2025" and "1 event\n" in out
    assert "No events match." in run("timeline", VIEWS, "--since", "2030").output


@pytest.mark.parametrize(
    "args, message",
    [
        (("--since", "soonish"), "--since:"),
        (("--entity", "zzqqxx"), "--entity: no entity matches"),
        (("--entity", "space"), "--entity: 'space' matches more than one entity"),
        (("--property", "foundd"), "unknown property 'foundd' (did you mean 'founded'?)"),
        (("--source", "promoo"), "unknown source 'promoo' (did you mean 'promo'?)"),
        (("--kind", "compnay"), "unknown kind 'compnay' (did you mean 'company'?)"),
    ],
)
def test_bad_filters_exit_2(run, args, message):
    result = run("timeline", VIEWS, *args)
    assert result.exit_code == 2
    assert message in result.output  # CliRunner mixes stderr into output


def test_hostile_text_is_shown_literally(run):
    out = run("timeline", EVIL).output + run("show", "evil", "-f", EVIL).output
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Evil [bold red]Corp[/bold red] ^[[31mRED^[[0m" in out  # markup not applied, ESC visible
    assert "<U+202E>gnp.exe" in out


def test_hostile_text_under_colour_keeps_markup_literal():
    from spacefacts.loader import load_file
    from spacefacts.render.timeline_text import render_timeline_text
    from spacefacts.timeline import timeline

    base, _ = load_file(EVIL)
    out = render_timeline_text(timeline(base), 80, color=True)
    assert "\x1b[" in out  # styled by us...
    assert "[bold red]Corp[/bold red]" in out  # ...but the data's markup is text
    assert "\x1b[31mRED" not in out  # and the data's escape codes are not


def test_export_markdown_to_file_and_stdout(run, tmp_path):
    target = tmp_path / "timeline.md"
    result = run("export", "markdown", VIEWS, "--output", str(target))
    assert result.exit_code == 0 and result.output == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Timeline of China's space industry\n")
    assert text == run("export", "markdown", VIEWS).output  # same bytes either way, every run
    filtered = run("export", "markdown", VIEWS, "--entity", "satnet").output
    assert "## 2020s" in filtered and "## 2010s" not in filtered


def test_export_json(run, tmp_path):
    result = run("export", "json", "-f", VIEWS, "--since", "2024")
    data = json.loads(result.output)
    assert [e["year"] for e in data["events"]] == [2024, 2024, 2025]
    assert set(data["sources"]) == {"caixin-2025"}
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "spacefacts", "export", "json", VIEWS,
                           "-o", str(tmp_path / "missing-dir" / "t.json")], capture_output=True, text=True)
    assert proc.returncode == 2 and "folder does not exist" in proc.stderr


def test_no_color_is_honoured(run):
    """NO_COLOR is decided once, by the CLI (console.py): it beats FORCE_COLOR, and --color beats both."""
    def colours(text: str) -> bool:
        return any(f"\x1b[{n}m" in text or f";{n}m" in text for n in range(30, 38))

    assert colours(run("timeline", VIEWS, FORCE_COLOR="1").output)
    assert not colours(run("timeline", VIEWS, FORCE_COLOR="1", NO_COLOR="1").output)
    assert colours(run("timeline", VIEWS, "--color", "always", NO_COLOR="1").output)
