"""The conventions of terminal tools people know (git, gh, rg, ruff): pager, pipes, colour, help,
completion and finding the fact file. What needs a real terminal runs under a pseudo-terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, in_terminal
from spacefacts.cli import app
from spacefacts.console import DEFAULT_PAGER, pager_command, screen, wants_color
from spacefacts.errors import SpacefactsError
from spacefacts.findfile import find_fact_file

VIEWS = str(Path(__file__).parent / "fixtures" / "views.toml")
SHIPPED = str(ROOT / "facts.toml")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CLEARED = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER", "SPACEFACTS_PAGER", "SPACEFACTS_FILE", "LESS",
           "LV", "CI")

# the views that page in a terminal, each with its arguments
PAGED = [("timeline", VIEWS), ("conflicts", VIEWS), ("sources", VIEWS), ("show", "spacesail", "-f", VIEWS),
         ("search", "satellites", "-f", VIEWS), ("rules",), ("rule", "SF101")]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env["TERM"] = "xterm"
    env.update(extra)
    return env


def piped(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spacefacts", *args], capture_output=True, text=True, timeout=120,
                          env=clean_env(**env), cwd=cwd)


def run(*args: str, **env: str | None):
    """Through typer's CliRunner (stdout is not a terminal there)."""
    result = CliRunner().invoke(app, list(args), env={**{k: None for k in CLEARED}, **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def pager(tmp_path: Path) -> Path:
    """A pager that records what it was given (PATH.got) and its $LESS (PATH.less), and shows nothing."""
    script = tmp_path / "pager.sh"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "${LESS-unset}" > "$0.less"\ncat > "$0.got"\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def received(pager: Path) -> str | None:
    got = Path(f"{pager}.got")
    return got.read_text(encoding="utf-8") if got.exists() else None


# ---- 1. pager ---------------------------------------------------------------------------

@pytest.mark.parametrize("args", PAGED, ids=lambda a: a[0])
def test_views_go_through_the_pager_in_a_terminal(args, pager):
    code, shown, err = in_terminal(args, clean_env(PAGER=str(pager)))
    assert code == 0, err
    got = received(pager)
    assert got and "\x1b[" in got  # the whole view, in colour, as the terminal would have shown it
    assert ANSI.sub("", got) == piped(*args, COLUMNS="100").stdout
    assert shown.strip() == ""  # and nothing went to the screen
    assert Path(f"{pager}.less").read_text().strip() == "FRX"  # as git: LESS=FRX when unset


def test_spacefacts_pager_beats_pager_and_less_is_the_default(tmp_path, pager):
    other = tmp_path / "other.sh"
    other.write_text(pager.read_text(), encoding="utf-8")
    other.chmod(0o755)
    code, _, _ = in_terminal(("timeline", VIEWS), clean_env(PAGER=str(other), SPACEFACTS_PAGER=str(pager)))
    assert code == 0 and "Guowang announced" in ANSI.sub("", received(pager)) and received(other) is None
    assert pager_command({}) == DEFAULT_PAGER == ("less", "-FRX")
    assert pager_command({"PAGER": "most -s"}) == ("most", "-s")


@pytest.mark.parametrize("how", ["--no-pager", "SPACEFACTS_PAGER=", "PAGER=", "-o"])
def test_paging_turned_off(how, pager, tmp_path):
    env = clean_env(PAGER=str(pager))
    args = ["timeline", VIEWS]
    if how == "--no-pager":
        args.append(how)
    elif how == "-o":
        args += ["-o", str(tmp_path / "out.txt")]
    else:
        name = how.rstrip("=")
        env[name] = ""
    code, shown, err = in_terminal(args, env)
    assert code == 0, err
    assert received(pager) is None
    if how == "-o":
        assert "Guowang announced" in (tmp_path / "out.txt").read_text(encoding="utf-8") and shown == ""
    else:
        assert "Guowang announced" in ANSI.sub("", shown)


def test_a_pager_that_cannot_start_prints_directly():
    code, shown, err = in_terminal(("timeline", VIEWS), clean_env(PAGER="/nonexistent/pager -x"))
    assert code == 0 and err == ""
    assert "7 events, 1 with disputed dates (!)" in ANSI.sub("", shown)


def test_quitting_the_pager_early_is_not_an_error(tmp_path):
    quitter = tmp_path / "quit.sh"
    quitter.write_text("#!/bin/sh\nhead -c 10 > /dev/null\n", encoding="utf-8")  # reads a little, then quits
    quitter.chmod(0o755)
    code, _, err = in_terminal(("timeline", SHIPPED), clean_env(PAGER=str(quitter)))
    assert code == 0 and err == ""


@pytest.mark.parametrize("args", PAGED, ids=lambda a: a[0])
def test_nothing_is_paged_in_a_pipe(args, pager):
    proc = piped(*args, PAGER=str(pager))
    assert proc.returncode == 0 and proc.stdout and received(pager) is None


# ---- 2. pipes: one record per line --------------------------------------------------------

def _events():
    from spacefacts.loader import load_file
    from spacefacts.render.textsafe import clean
    from spacefacts.timeline import timeline
    from spacefacts.truth import analyze

    base, _ = load_file(SHIPPED)
    for e in timeline(base, confidence=analyze(base).confidence):
        yield clean(e.date.display()), f"{clean(e.subject_name)} {clean(e.what)}", [clean(s) for s in e.dating.sources]


def test_every_event_is_one_whole_line_in_a_pipe():
    lines = piped("timeline", SHIPPED).stdout.splitlines()
    events = list(_events())
    assert len(events) > 100
    for date, label, sources in events:
        mine = [ln for ln in lines if label in ln]
        assert mine, f"{label!r} is not whole on any line"
        assert any(ln.startswith(date + " ") and f"[{', '.join(sources)}]" in ln for ln in mine), (label, mine)


def test_grep_returns_whole_events():
    cmd = f"{sys.executable} -m spacefacts timeline {SHIPPED} | grep -i spacecom"
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120, env=clean_env()).stdout
    wanted = [(d, label, s) for d, label, s in _events() if "spacecom" in label.lower()]
    assert wanted
    for date, label, sources in wanted:
        assert any(label in ln and ln.startswith(date + " ") and f"[{', '.join(sources)}]" in ln
                   for ln in out.splitlines()), label


def test_disputed_dates_stay_on_the_event_line_in_a_pipe():
    out = run("timeline", VIEWS).stdout
    [line] = [ln for ln in out.splitlines() if "Shanghai Spacecom" in ln]
    assert line.startswith("2018 !") and line.endswith("[caixin-2025]  conflict: c. 2016 [promo]")


def test_other_views_are_unwrapped_in_a_pipe():
    from spacefacts.loader import load_file
    from spacefacts.rules import RULES

    assert len(run("rules").stdout.splitlines()) == len(RULES)
    base, _ = load_file(SHIPPED)
    sources = run("sources", SHIPPED).stdout.splitlines()
    for source in base.sources.values():
        assert any(" ".join(source.title.split()) in ln for ln in sources), source.title
    conflicts = run("conflicts", SHIPPED).stdout
    # no cell cut short; an open interval's "…" ("… – 2030", "2031 – …") is a value, not a cut
    assert "…" not in conflicts.replace("… – ", "").replace(" – …", "")
    guowang = [c for c in base.claims if c.subject == "guowang" and c.quote]
    card = run("show", "guowang", "-f", SHIPPED).stdout.splitlines()
    for claim in guowang:
        assert any(" ".join(claim.quote.split()) in ln for ln in card), claim.id
    assert len(run("search", "satellites", "-f", SHIPPED, "-n", "5").stdout.splitlines()) == 15  # 3 lines a hit


def test_columns_wraps_a_pipe_and_narrows_a_terminal():
    for args in (("timeline", SHIPPED), ("conflicts", SHIPPED), ("rules",), ("show", "guowang", "-f", SHIPPED)):
        out = run(*args, COLUMNS="60").stdout
        assert max(map(len, out.splitlines())) <= 60, args
        assert max(map(len, run(*args).stdout.splitlines())) > 100, args  # unwrapped without COLUMNS
    code, shown, _ = in_terminal(("timeline", SHIPPED, "--no-pager"), clean_env(COLUMNS="70"), cols=100)
    assert code == 0 and max(map(len, ANSI.sub("", shown).splitlines())) <= 70
    code, shown, _ = in_terminal(("timeline", SHIPPED, "--no-pager"), clean_env(), cols=100)
    widths = [len(ln) for ln in ANSI.sub("", shown).splitlines()]
    assert max(widths) <= 100 and max(widths) > 90  # the terminal's own width


def test_output_file_is_written_as_a_pipe(tmp_path):
    out = tmp_path / "timeline.txt"
    code, shown, err = in_terminal(("timeline", SHIPPED, "-o", str(out)), clean_env(), cols=60)
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == piped("timeline", SHIPPED).stdout


def test_screen_decisions():
    assert screen(None, env={}, isatty=True).width >= 20
    assert screen(None, env={"COLUMNS": "70"}, isatty=True).width == 70
    assert screen(None, env={}, isatty=False).width is None
    assert screen(None, env={"COLUMNS": "70"}, isatty=False).width == 70
    assert screen("out.txt", env={"COLUMNS": "x"}, isatty=True).width is None
    assert screen("-", env={}, paging=True, isatty=True).pager == DEFAULT_PAGER
    assert screen(None, env={}, paging=True, isatty=False).pager is None
    assert screen("out.txt", env={}, paging=True, isatty=True).pager is None


# ---- 3. colour ---------------------------------------------------------------------------

HAS_ERROR = """
[sources.a]
title = "A"
kind = "news"

[entities.e1]
name = "E one"
kind = "company"

[[claims]]
id = "c1"
subject = "e1"
property = "founded"
value = "2020"
source = "zz"
quote = "founded in 2020"
"""

COLOURED = [*PAGED, ("lint", SHIPPED, "--show-info"), ("check", SHIPPED, "--show-info")]  # the shipped file's findings are infos


@pytest.mark.parametrize("args", COLOURED, ids=lambda a: a[0])
def test_colour_only_adds_styles(args):
    plain = run(*args, "--color", "never", FORCE_COLOR="1")
    styled = run(*args, "--color", "always", NO_COLOR="1")  # the option beats the variables
    assert plain.exit_code == styled.exit_code and "\x1b" not in plain.stdout
    assert "\x1b[" in styled.stdout
    assert ANSI.sub("", styled.stdout) == plain.stdout
    wrapped = run(*args, "--color", "always", COLUMNS="70")
    assert ANSI.sub("", wrapped.stdout) == run(*args, COLUMNS="70").stdout


def test_lint_colours_codes_by_severity_and_dims_places(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(HAS_ERROR.lstrip(), encoding="utf-8")
    out = run("check", str(path), "--color", "always").stdout
    assert f"\x1b[2m{path}:14:1:\x1b[0m \x1b[31mSF101\x1b[0m unknown source 'zz'" in out
    shipped = run("check", SHIPPED, "--show-info", "--color", "always").stdout
    assert re.search(r"\x1b\[33mSF\d+\x1b\[0m", shipped) or re.search(r"\x1b\[34mSF\d+\x1b\[0m", shipped)


def test_color_variables():
    assert wants_color("auto", True, {}) and not wants_color("auto", False, {})
    assert not wants_color("auto", True, {"NO_COLOR": "1"}) and wants_color("auto", True, {"NO_COLOR": ""})
    assert wants_color("auto", False, {"FORCE_COLOR": "1"}) and not wants_color("auto", False, {"FORCE_COLOR": ""})
    assert not wants_color("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert not wants_color("auto", True, {"TERM": "dumb"})
    assert wants_color("always", False, {"NO_COLOR": "1"}) and not wants_color("never", True, {"FORCE_COLOR": "1"})
    assert "\x1b[" in run("conflicts", VIEWS, FORCE_COLOR="1").stdout
    assert "\x1b[" not in run("conflicts", VIEWS, FORCE_COLOR="").stdout


def test_colour_in_a_terminal_and_no_color_there(pager):
    for args in (("check", VIEWS), ("sources", VIEWS, "--no-pager"), ("conflicts", VIEWS, "--no-pager")):
        _, shown, _ = in_terminal(args, clean_env())
        assert "\x1b[" in shown, args
        _, shown, _ = in_terminal(args, clean_env(NO_COLOR="1"))
        assert "\x1b[" not in shown, args


# ---- 4. help and completion ---------------------------------------------------------------

def _command_paths():
    from test_cli_docs import commands

    return [path[1:] for path, _ in commands()]


def test_dash_h_is_help_everywhere():
    for words in [(), ("export",), *_command_paths()]:
        long, short = run(*words, "--help"), run(*words, "-h")
        assert long.exit_code == short.exit_code == 0, words
        assert short.stdout == long.stdout and "Usage: spacefacts" in long.stdout, words
        assert "-h, --help" in long.stdout


def test_help_command_prints_the_same_help():
    for words in [(), ("export",), *_command_paths()]:
        assert run("help", *words).stdout == run(*words, "--help").stdout, words
    result = run("help", "nope")
    assert result.exit_code == 2 and result.stderr.startswith("spacefacts: error: no command 'nope'")


def complete(shell: str, line: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """What the installed completion script would get for `line` (the cursor at its end)."""
    if shell == "bash":
        words = line.split(" ")
        extra = {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        extra = {"_TYPER_COMPLETE_ARGS": line}
    return piped(cwd=cwd, _SPACEFACTS_COMPLETE=f"complete_{shell}", **extra, **env)


def values(shell: str, proc: subprocess.CompletedProcess) -> list[str]:
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    if shell == "bash":
        return proc.stdout.split()
    return re.findall(r'^"([^"]+)"', proc.stdout.replace("_arguments '*: :((", ""), re.M)  # "value":"help"


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion(shell, tmp_path):
    assert "timeline" in values(shell, complete(shell, "spacefacts ti"))
    assert "--no-pager" in values(shell, complete(shell, "spacefacts timeline --no-p"))
    codes = values(shell, complete(shell, "spacefacts rule SF1"))
    assert "SF101" in codes and all(c.startswith("SF1") for c in codes)
    assert "SF201" in values(shell, complete(shell, "spacefacts lint --select SF2"))
    assert "SF101,SF204" in values(shell, complete(shell, "spacefacts check --ignore SF101,SF20"))
    assert values(shell, complete(shell, f"spacefacts show -f {VIEWS} spaces")) == ["spacesail"]
    assert "spacecom" in values(shell, complete(shell, f"spacefacts timeline {VIEWS} --entity sp"))
    assert "first_launch" in values(shell, complete(shell, f"spacefacts conflicts -f {VIEWS} --property fir"))
    # no -f typed: the fact file is found as when running, here from a subfolder of the repository
    (tmp_path / ".git").mkdir()
    (tmp_path / "facts.toml").write_text(Path(VIEWS).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert "guowang" in values(shell, complete(shell, "spacefacts show guo", cwd=tmp_path / "sub"))
    # a broken or missing file completes nothing, quietly
    (tmp_path / "facts.toml").write_text("[entities\n", encoding="utf-8")
    assert "guowang" not in values(shell, complete(shell, "spacefacts show guo", cwd=tmp_path / "sub"))
    values(shell, complete(shell, f"spacefacts show -f {tmp_path / 'nope.toml'} guo"))


def test_completion_installs(tmp_path):
    script = piped("--show-completion", "bash").stdout
    assert "_SPACEFACTS_COMPLETE=complete_bash" in script
    proc = piped("--install-completion", "bash", HOME=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "spacefacts" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


# ---- 5. finding the fact file -------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with facts.toml at its root and a folder two levels down."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "facts.toml").write_text(Path(VIEWS).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "repo" / "a" / "b").mkdir(parents=True)
    return tmp_path / "repo"


def test_found_upwards_from_a_subfolder(repo, monkeypatch):
    monkeypatch.chdir(repo / "a" / "b")
    result = run("timeline")
    assert result.exit_code == 0 and result.stderr == "spacefacts: using ../../facts.toml\n"
    assert result.stdout == run("timeline", str(repo / "facts.toml")).stdout
    lint = run("check")
    assert "spacefacts: using ../../facts.toml" in lint.stderr
    assert all(ln.startswith("../../facts.toml:") for ln in lint.stdout.splitlines())
    monkeypatch.chdir(repo)
    assert run("timeline").stderr == ""  # here: nothing to say


def test_the_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / "facts.toml").write_text(Path(VIEWS).read_text(encoding="utf-8"), encoding="utf-8")
    inner = tmp_path / "repo" / "sub"
    inner.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    monkeypatch.chdir(inner)
    result = run("timeline")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"spacefacts: error: no facts.toml in {inner.resolve()} or above it, up to "
                             f"{(tmp_path / 'repo').resolve()} (the repository root); give one with -f FILE or "
                             "SPACEFACTS_FILE\n")


def test_spacefacts_file_and_explicit_files(repo, tmp_path, monkeypatch):
    other = tmp_path / "other.toml"
    other.write_text(Path(VIEWS).read_text(encoding="utf-8").replace("Guowang announced", "X"), encoding="utf-8")
    monkeypatch.chdir(repo)
    via_env = run("show", "guowang", SPACEFACTS_FILE=str(other))
    assert via_env.exit_code == 0 and via_env.stderr == f"spacefacts: using {other}\n"
    assert run("stats", SPACEFACTS_FILE=str(other)).stdout == run("stats", str(other)).stdout
    assert run("stats", "-f", "facts.toml", SPACEFACTS_FILE=str(other)).stdout == run("stats", "facts.toml").stdout
    missing = run("stats", SPACEFACTS_FILE="nope.toml")
    assert missing.exit_code == 2 and missing.stderr == "spacefacts: error: SPACEFACTS_FILE=nope.toml: no such file\n"


def test_find_fact_file(repo):
    assert find_fact_file(repo, {}) == "facts.toml"
    assert find_fact_file(repo / "a", {}) == os.path.join("..", "facts.toml")
    assert find_fact_file(repo / "a" / "b", {"SPACEFACTS_FILE": "../../facts.toml"}) == "../../facts.toml"
    (repo / "facts.toml").unlink()
    with pytest.raises(SpacefactsError, match="no facts.toml in .* or above it, up to .*repository root"):
        find_fact_file(repo / "a" / "b", {})
