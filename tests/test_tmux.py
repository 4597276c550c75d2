"""The timeline and an entity card as a person sees them: run inside tmux, capture the screen.

Skips when tmux is missing. Each test starts its own tmux server on a private socket
and kills only that server.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "views.toml"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def screen(tmp_path: Path, width: int, *args: str) -> list[str]:
    """Run `spacefacts ARGS` in a detached tmux pane WIDTH columns wide; return the screen lines."""
    sock = str(tmp_path / f"tmux-{width}.sock")
    tmux = ["tmux", "-S", sock, "-f", "/dev/null"]
    command = shlex.join([sys.executable, "-m", "spacefacts", *args])
    shell = (f"unset NO_COLOR FORCE_COLOR COLUMNS LINES PAGER SPACEFACTS_PAGER SPACEFACTS_FILE LESS; {command}; "
             f"tmux -S {shlex.quote(sock)} wait-for -S done; sleep 600")  # views too short to stop in less -FRX
    subprocess.run([*tmux, "new-session", "-d", "-x", str(width), "-y", "50", "sh", "-c", shell],
                   check=True, timeout=30, cwd=tmp_path)
    try:
        subprocess.run([*tmux, "wait-for", "done"], check=True, timeout=60)
        captured = subprocess.run([*tmux, "capture-pane", "-p"], check=True,
                                  capture_output=True, text=True, timeout=30).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=30)
    lines = [ln.rstrip() for ln in captured.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def in_order(lines: list[str], *needles: str) -> None:
    """Each needle appears on screen after the one before it."""
    text, at = "\n".join(lines), 0
    for needle in needles:
        found = text.find(needle, at)
        assert found >= 0, f"{needle!r} not on screen after position {at}"
        at = found + len(needle)


def expected_timeline(width: int) -> list[str]:
    from spacefacts.loader import load_file
    from spacefacts.render.timeline_text import render_timeline_text
    from spacefacts.timeline import timeline
    from spacefacts.truth import analyze

    base, _ = load_file(FIXTURE)
    return render_timeline_text(timeline(base, confidence=analyze(base).confidence), width).splitlines()


@pytest.mark.parametrize("width", [80, 120])
def test_timeline_on_screen(tmp_path, width):
    lines = screen(tmp_path, width, "timeline", str(FIXTURE))
    assert all(len(ln) <= width for ln in lines)
    assert lines == expected_timeline(width)  # the screen shows exactly the rendered text
    in_order(lines, "2018", "Shanghai Spacecom", "conflict: c. 2016 [promo]", "late 2018", "2020", "Sep 2020?",
             "Guowang announced", "2021", "China Satellite Network Group founded", "2024", "6 Aug 2024", "2025",
             "23 Jan 2025", "7 events, 1 with disputed dates (!)")
    if width == 120:  # wide enough: every event on one line
        assert any("satellites launched: 18 satellites (batch 1)  [caixin-2025]" in ln for ln in lines)
    else:  # the headline wraps after its value; the key's words ("batch 1") go on the next line
        assert any(ln.startswith("6 Aug 2024    Spacesail Constellation satellites launched: 18 satellites")
                   for ln in lines)


@pytest.mark.parametrize("width", [80, 120])
def test_card_on_screen(tmp_path, width):
    lines = screen(tmp_path, width, "show", "spacesail", "-f", str(FIXTURE))
    assert all(len(ln) <= width for ln in lines)
    assert lines[0] == "Spacesail Constellation  spacesail · constellation"
    in_order(lines, "also known as: Spacesail; Qianfan", "operator: Shanghai Spacecom Satellite Technology Ltd.",
             "first launch  one source", "• 6 Aug 2024  [caixin-2025]  confidence",
             "“first batch of 18 satellites on Aug. 6, 2024”", "satellites launched", "satellites in orbit",
             "planned size  2 sources, no conflict", "more than 14,000 satellites", "note: Plan for the full",
             "around 12,000 satellites  [promo]")


@pytest.mark.parametrize("width", [80, 120])
def test_tables_fit_the_terminal(tmp_path, width):
    from spacefacts.loader import load_file
    from spacefacts.render.conflicts import render_sources
    from spacefacts.truth import analyze

    first, second = tmp_path / "sources", tmp_path / "conflicts"  # one tmux socket each: no reuse of a dying server
    first.mkdir()
    second.mkdir()
    lines = screen(first, width, "sources", str(FIXTURE))
    assert all(len(ln) <= width for ln in lines)
    base, _ = load_file(FIXTURE)
    assert lines == render_sources(base, analyze(base), width).splitlines()  # the terminal's width is used
    conflicts = screen(second, width, "conflicts", "-f", str(FIXTURE))
    assert all(len(ln) <= width for ln in conflicts)
    in_order(conflicts, "Shanghai Spacecom", "founded (to review): cause precision", "why:",
             "1 conflict in 1 subject: 0 accepted, 1 to review.")
