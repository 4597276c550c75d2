"""Plain text: one line per finding, `FILE:LINE:COL: CODE message`, and a one-line summary."""

from __future__ import annotations

from collections.abc import Iterator

from spacefacts.diagnostics import Diagnostic, Severity
from spacefacts.render.textsafe import clean, paint
from spacefacts.report import Report


SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def line(d: Diagnostic, color: bool = False) -> str:
    """`facts.toml:12:1: SF101 message` (plus ` [accepted: reason]` for an accepted finding).

    With `color`: the place dim, the code in its severity's colour (error red, warning yellow,
    info blue), the accepted mark dim; the text is the same."""
    where = paint(f"{clean(d.location)}:", "dim", color) + " " if d.location else ""
    tail = " " + paint(f"[accepted: {clean(d.accepted)}]", "dim", color) if d.accepted is not None else ""
    return f"{where}{paint(d.code, SEVERITY_STYLE[d.severity], color)} {clean(d.message)}{tail}"


def render(report: Report, show_accepted: bool = False, color: bool = False) -> str:
    """Every shown finding, one per line (info findings only with report.show_info).

    Info findings with the same code and message are folded into the first one's line with a
    count, so a run of them does not bury the warnings and errors; json and sarif list every one.
    """
    return "".join(chunks(report, show_accepted, color))


CHUNK_LINES = 4096  # lines per piece of chunks(): few writes, and little text held at once


def chunks(report: Report, show_accepted: bool = False, color: bool = False) -> Iterator[str]:
    """The text of render() in pieces of up to CHUNK_LINES lines, for the CLI to write as they come (the
    report of a million claims is 60 MB of text, never held whole)."""
    shown = report.shown(show_accepted)
    alike: dict[tuple[str, str], list[Diagnostic]] = {}
    for d in shown:
        if d.severity is Severity.INFO and d.accepted is None:
            alike.setdefault((d.code, d.message), []).append(d)
    out = []
    for d in shown:
        group = alike.get((d.code, d.message)) if d.severity is Severity.INFO and d.accepted is None else None
        if group is None:
            out.append(line(d, color))
        elif group[0] is d:
            last = group[-1].location
            more = f" (+{len(group) - 1} more like it, through line {last.line})" if len(group) > 1 and last else ""
            out.append(line(d, color) + paint(more, "dim", color))
        if len(out) == CHUNK_LINES:
            yield "".join(text + "\n" for text in out)
            out = []
    if out:
        yield "".join(text + "\n" for text in out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def summary(report: Report, show_accepted: bool = False) -> str:
    """One line for stderr, e.g. "Found 2 errors, 1 warning, 3 info (5 accepted, hidden; ...).".

    Info findings never fail a run: with only those (or none), "All checks passed". Without
    report.show_info the infos are hidden from the report and the line says so.
    """
    c = report.counts()
    notes = []
    failed = c["errors"] or c["warnings"]
    hidden = len(report.hidden_infos())
    infos = "info" if failed else f"{hidden} info"  # the counts before already say how many
    if hidden and c["accepted"] and not show_accepted:  # both hidden: one note, one flag for both
        notes.append(f"{infos} and {c['accepted']} accepted hidden; -v lists them")
    elif hidden:
        notes.append(f"{infos} hidden; --show-info lists {'it' if hidden == 1 else 'them'}")
    if c["accepted"] and (show_accepted or not hidden):
        how = "shown" if show_accepted else "hidden; --show-accepted lists them"
        notes.append(f"{c['accepted']} accepted, {how}")
    tail = "".join(f" ({note})" for note in notes)
    if not (failed or (c["infos"] and report.show_info)):
        return f"All checks passed{tail}."
    parts = [_plural(c["errors"], "error"), _plural(c["warnings"], "warning"), _plural(c["infos"], "info")]
    return f"Found {', '.join(parts)}{tail}."


def unverified_line(report: Report) -> str | None:
    """The second summary line, when some quotes could not be checked (SF205), e.g.
    "quotes not verified: 311 claims from 5 sources without local texts (--texts DIR)"; else None."""
    claims, sources = report.unverified()
    if not claims:
        return None
    texts = "a local text" if sources == 1 else "local texts"
    where = f"{_plural(claims, 'claim')} from {_plural(sources, 'source')}"
    return f"quotes not verified: {where} without {texts} (--texts DIR)"
