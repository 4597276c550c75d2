"""Plain text: one line per finding, `FILE:LINE:COL: CODE message`, and a one-line summary."""

from __future__ import annotations

from spacefacts.diagnostics import Diagnostic
from spacefacts.render.textsafe import clean
from spacefacts.report import Report


def line(d: Diagnostic) -> str:
    """`facts.toml:12:1: SF101 message` (plus ` [accepted: reason]` for an accepted finding)."""
    where = f"{clean(d.location)}: " if d.location else ""
    tail = f" [accepted: {clean(d.accepted)}]" if d.accepted is not None else ""
    return f"{where}{d.code} {clean(d.message)}{tail}"


def render(report: Report, show_accepted: bool = False) -> str:
    """Every shown finding, one per line."""
    return "".join(line(d) + "\n" for d in report.shown(show_accepted))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def summary(report: Report, show_accepted: bool = False) -> str:
    """One line for stderr, e.g. "Found 2 errors, 1 warning, 3 info (5 accepted, hidden; ...)."."""
    c = report.counts()
    accepted = ""
    if c["accepted"]:
        how = "shown" if show_accepted else "hidden; --show-accepted lists them"
        accepted = f" ({c['accepted']} accepted, {how})"
    if not (c["errors"] or c["warnings"] or c["infos"]):
        return f"All checks passed{accepted}."
    parts = [_plural(c["errors"], "error"), _plural(c["warnings"], "warning"), _plural(c["infos"], "info")]
    return f"Found {', '.join(parts)}{accepted}."
