"""No output path destroys anything: devices, FIFOs and symlinks stay what they are, files being read
and fact files are refused, temporary files never outlive a run, and the GitHub step summary is
appended only to a safe file, with fact-file text escaped."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from conftest import ROOT, one_error_line, invoke as run
from spacefacts.diagnostics import Diagnostic, Location, Severity
from spacefacts.model import FactBase
from spacefacts.render import github
from spacefacts.report import Report

FIXTURES = Path(__file__).parent / "fixtures"
VIEWS = str(FIXTURES / "views.toml")
EVIL = str(FIXTURES / "evil.toml")






def expected_markdown() -> str:
    return run("export", "markdown", VIEWS).stdout


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".spacefacts-" in p.name or p.name.endswith(".tmp"))


# ---- 1. devices, FIFOs and symlinks -------------------------------------------------------

def test_output_onto_a_character_device_writes_in_place(tmp_path):
    dev = tmp_path / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a second /dev/null
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    result = run("export", "markdown", VIEWS, "-o", str(dev))
    assert result.exit_code == 0 and result.stdout == ""
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert leftovers(tmp_path) == []


def test_output_onto_a_fifo_is_written_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", "markdown", VIEWS, "-o", str(fifo))
    reader.join(30)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got == [expected_markdown().encode()]


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    assert run("export", "markdown", VIEWS, "-o", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert target.read_text(encoding="utf-8") == expected_markdown()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to("made.md")
    assert run("export", "markdown", VIEWS, "-o", str(dangling)).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8") == expected_markdown()
    assert leftovers(tmp_path) == []


def test_output_dev_stdout_prints_and_appends_where_stdout_appends(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("kept\n")
    with open(log, "a") as out:
        proc = subprocess.run([sys.executable, "-m", "spacefacts", "rule", "SF101", "-o", "/dev/stdout"],
                              stdout=out, stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == ""
    text = log.read_text()
    assert text.startswith("kept\nSF101 unknown-source")


# ---- 2. never onto an input; fact files only with --force -----------------------------------

TEXTS_FACTS = """
[sources.doc]
title = "A document"
kind = "news"
text = "doc.txt"

[entities.e1]
name = "Entity One"
kind = "company"

[[claims]]
id = "c1"
subject = "e1"
property = "founded"
value = "2020"
source = "doc"
quote = "founded in 2020"
"""


def test_output_onto_a_source_text_being_read_is_refused_even_with_force(tmp_path):
    (tmp_path / "facts.toml").write_text(TEXTS_FACTS)
    texts = tmp_path / "texts"
    texts.mkdir()
    doc = texts / "doc.txt"
    doc.write_text("The company was founded in 2020.\n")
    for extra in ((), ("--force",)):
        line = one_error_line(run("lint", str(tmp_path / "facts.toml"), "--texts", str(texts), "-o", str(doc), *extra))
        assert "a file being read" in line
    assert doc.read_text() == "The company was founded in 2020.\n"


def test_output_onto_the_fact_file_being_read_is_refused_even_with_force(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(Path(VIEWS).read_text(encoding="utf-8"), encoding="utf-8")
    alias = tmp_path / "alias.toml"
    alias.symlink_to(path)
    line = one_error_line(run("timeline", str(path), "-o", str(alias), "--force"))
    assert "the fact file being read" in line and path.read_text(encoding="utf-8") == Path(VIEWS).read_text(
        encoding="utf-8")


@pytest.mark.parametrize("args", [("rules",), ("rule", "SF101"), ("export", "json", VIEWS), ("stats", VIEWS)],
                         ids=" ".join)
def test_the_default_fact_file_is_overwritten_only_with_force(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("facts.toml").write_text("# not even a fact file yet\n")
    assert "default fact file facts.toml" in one_error_line(run(*args, "-o", "facts.toml"))
    assert Path("facts.toml").read_text() == "# not even a fact file yet\n"
    assert run(*args, "-o", "facts.toml", "--force").exit_code == 0
    assert Path("facts.toml").read_text() != "# not even a fact file yet\n"


@pytest.mark.parametrize("table", ["[sources.x]\ntitle = 'x'", "[entities.x]\nname = 'x'",
                                   "[properties.x]\ntype = 'date'", "[[claims]]\nid = 'c'"])
def test_an_existing_fact_file_is_overwritten_only_with_force(table, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(table + "\n")
    assert "is a fact file" in one_error_line(run("timeline", VIEWS, "-o", str(other)))
    assert other.read_text() == table + "\n"
    assert run("timeline", VIEWS, "-o", str(other), "--force").exit_code == 0
    assert other.read_text() == run("timeline", VIEWS).stdout


def test_other_toml_and_reports_are_overwritten_as_before(tmp_path):
    for name, old in (("pyproject.toml", "[tool.x]\nclaims = 1\n"), ("report.json", '{"claims": []}'),
                      ("broken.toml", "[sources\n")):
        target = tmp_path / name
        target.write_text(old)
        assert run("export", "json", VIEWS, "-o", str(target)).exit_code == 0
        assert target.read_text() != old


@pytest.mark.parametrize("args", [("rules",), ("timeline", VIEWS), ("lint", VIEWS), ("export", "markdown", VIEWS)],
                         ids=" ".join)
def test_empty_output_name_is_refused(args):
    assert "--output: empty file name" in one_error_line(run(*args, "-o", ""))


# ---- 3, 4, 5. --format github: annotations and the step summary ---------------------------

def lint_github(path: str, summary: str, *extra: str):
    return run("lint", path, "--format", "github", *extra, GITHUB_STEP_SUMMARY=summary)


def test_step_summary_is_not_written_onto_an_input_or_a_fact_file(tmp_path):
    facts = tmp_path / "facts.toml"
    facts.write_text(Path(VIEWS).read_text(encoding="utf-8"), encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text("[sources.a]\ntitle = 'a'\n")
    plain = lint_github(str(facts), str(tmp_path / "ok.md"))  # absent: not created either
    assert not (tmp_path / "ok.md").exists()
    for target in (facts, other, tmp_path, tmp_path / "missing.md"):
        before = target.read_bytes() if target.is_file() else None
        result = lint_github(str(facts), str(target))
        assert (result.exit_code, result.stdout) == (plain.exit_code, plain.stdout)
        warnings = [line for line in result.stderr.splitlines() if line.startswith("spacefacts: warning:")]
        assert len(warnings) == 1 and "GITHUB_STEP_SUMMARY" in warnings[0] and "Traceback" not in result.output
        assert (target.read_bytes() if target.is_file() else None) == before


def test_step_summary_is_appended_to_a_regular_file(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = lint_github(VIEWS, str(summary))
    assert result.exit_code in (0, 1) and "spacefacts: warning" not in result.stderr
    assert summary.read_text().startswith("earlier step\n### spacefacts: ")


PAYLOADS = ["<script>alert(1)</script>", "<br>", "![x](http://e.example/x.png)", "<http://e.example/a>",
            "\x1b[31m", "\x07", "\x9b", "\u202e"]


def test_step_summary_escapes_fact_file_text():
    hostile = "".join(PAYLOADS)
    d = Diagnostic("SF101", f"unknown source '{hostile}'", Location(f"f{hostile}.toml", 1, 1), Severity.ERROR,
                   accepted=hostile)
    md = github.step_summary(Report(FactBase("f"), [d]))
    for raw in [*PAYLOADS, "<"]:
        assert raw not in md, raw
    assert not re.search(r"(?<!\\)\]\(", md)  # no link or image: every ] is escaped
    assert "&lt;script&gt;" in md and "&lt;U+202E&gt;" in md and "\\^\\[\\[31m" in md


def test_step_summary_of_the_hostile_fixture_has_no_raw_payload(tmp_path):
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(Path(EVIL).read_text(encoding="utf-8") + textwrap.dedent('''
        [[claims]]
        id = "evil-3"
        subject = "evil"
        property = "founded"
        value = "2021"
        source = "<script>x</script><br>![i](http://e.example/i.png)<http://e.example>\\u001b[31m\\u0007\\u009b\\u202e"
        quote = "x"
        '''), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("")
    lint_github(str(hostile), str(summary))
    md = summary.read_text(encoding="utf-8")
    assert "SF101" in md
    for raw in ("<script", "<br", "<img", "<http", "\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in md, raw
    assert not re.search(r"(?<!\\)\]\(", md)


def test_github_annotations_are_errors_and_warnings_only(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("")
    result = lint_github(str(ROOT / "tests" / "fixtures" / "views.toml"), str(summary), "--show-accepted")
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines), lines[:3]
    md = summary.read_text(encoding="utf-8")
    infos = md.count("| info |")
    assert infos > 0  # the fixture has info findings (SF205) beside its error: none of them became a ::notice
    rows = [r for r in md.splitlines() if r.startswith("| ") and not r.startswith("| Severity")]
    assert f"{len(rows) - len(lines)} of these (info or accepted) are listed here only" in md


# ---- 6. temporary files, signals, permissions ---------------------------------------------

def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "rules.txt"
    script = textwrap.dedent(f"""
        import os, signal, sys
        from spacefacts import cli
        os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)  # the signal arrives mid-write
        sys.argv = ["spacefacts", "rules", "-o", {str(out)!r}]
        cli.main()
        """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path):
    out = tmp_path / "out.md"
    stale = tmp_path / f".out.md.spacefacts-{dead_pid()}.tmp"
    stale.write_text("half a report")
    other_name = tmp_path / f".other.md.spacefacts-{dead_pid()}.tmp"
    other_name.write_text("not ours to judge")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".out.md.spacefacts-{live.pid}.tmp"
        busy.write_text("being written")
        assert run("export", "markdown", VIEWS, "-o", str(out)).exit_code == 0
        assert not stale.exists() and busy.exists() and other_name.exists()
    finally:
        live.kill()
        live.wait()
    assert out.read_text(encoding="utf-8") == expected_markdown()


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_new_files_follow_the_umask_and_existing_ones_keep_their_mode(umask, tmp_path):
    old = os.umask(umask)
    try:
        new = tmp_path / "new.md"
        assert run("export", "markdown", VIEWS, "-o", str(new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
        kept = tmp_path / "kept.md"
        kept.write_text("old")
        kept.chmod(0o640)
        assert run("export", "markdown", VIEWS, "-o", str(kept)).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text(encoding="utf-8") != "old"
    finally:
        os.umask(old)
