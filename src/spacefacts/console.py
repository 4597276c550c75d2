"""Where a view goes and how it looks: width, colour and pager, decided as git, gh and rg decide.

CLI-side and light (the standard library only): cli.py asks `screen()` once per command and
writes through `page()`. The rules (docs/cli.md, "Terminal"):

- width: in a terminal, `COLUMNS` if set, else the terminal's width; in a pipe or a file
  (`-o FILE`), `COLUMNS` if set, else None: no wrapping, one record per line, as rg prints;
- colour: `--color always|never` decides; with `auto`, a non-empty `NO_COLOR` turns it off,
  else a non-empty `FORCE_COLOR` turns it on (even in a pipe or a file), else colour only in a
  terminal whose `TERM` is not `dumb`;
- pager: only in a terminal, without `--no-pager`: `SPACEFACTS_PAGER`, else `PAGER`, else
  `less -FRX`; an empty value turns paging off. `page()` prints directly when it cannot start it.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass

COLOR_CHOICES = ("auto", "always", "never")
DEFAULT_PAGER = ("less", "-FRX")


@dataclass(frozen=True)
class Screen:
    """How to show one view: `width` None means do not wrap; `pager` is the command to page through."""

    width: int | None
    color: bool
    pager: tuple[str, ...] | None = None


def _columns(env: Mapping[str, str]) -> int | None:
    """COLUMNS as a width, when it is a positive integer."""
    try:
        value = int(env.get("COLUMNS", ""))
    except ValueError:
        return None
    return value if value > 0 else None


def wants_color(choice: str, to_terminal: bool, env: Mapping[str, str]) -> bool:
    """The --color choice against NO_COLOR, FORCE_COLOR and TERM (the option beats the variables)."""
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return to_terminal and env.get("TERM") != "dumb"


def pager_command(env: Mapping[str, str]) -> tuple[str, ...] | None:
    """SPACEFACTS_PAGER, else PAGER, else `less -FRX`, split into words; None when set empty or unparsable."""
    for name in ("SPACEFACTS_PAGER", "PAGER"):
        if name in env:
            try:
                words = tuple(shlex.split(env[name]))
            except ValueError:
                return None
            return words or None
    return DEFAULT_PAGER


def screen(output: str | None = None, color: str = "auto", paging: bool = False,
           env: Mapping[str, str] | None = None, isatty: bool | None = None) -> Screen:
    """Width, colour and pager for a view written to `output` (None or '-' is stdout)."""
    import shutil

    env = os.environ if env is None else env
    to_file = bool(output) and output != "-"
    if isatty is None:
        isatty = sys.stdout.isatty()
    terminal = isatty and not to_file
    if terminal:
        width: int | None = _columns(env) or shutil.get_terminal_size((80, 24)).columns
    else:
        width = _columns(env)
    pager = pager_command(env) if paging and terminal else None
    return Screen(width, wants_color(color, terminal, env), pager)


def page(text: str, pager: tuple[str, ...] | None) -> bool:
    """Write `text` through the pager; False when there is none or it cannot be started (print it then).

    As git: LESS=FRX and LV=-c when unset, so a `PAGER=less` shows colour and quits on a short text;
    Ctrl-C belongs to the pager while it runs. The reader quitting early is not an error.
    """
    import signal
    import subprocess

    if not pager:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()  # anything already written comes before the pager's screen
    try:
        proc = subprocess.Popen(pager, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert proc.stdin is not None
        for step in (lambda: proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace")),
                     proc.stdin.close):
            try:
                step()
            except OSError:  # the reader quit before the end (a broken pipe)
                pass
        proc.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
