"""GitHub Actions workflow commands (annotations) and a Markdown step summary.

Escaping follows actions/toolkit packages/core/src/command.ts: escapeData turns
% CR LF into %25 %0D %0A; escapeProperty additionally turns : and , into %3A %2C.
"""

from __future__ import annotations

from spacefacts.diagnostics import RULES, Diagnostic, Severity
from spacefacts.render.textsafe import literal
from spacefacts.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """Escape a command message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a command property value."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _title(d: Diagnostic) -> str:
    rule = RULES.get(d.code)
    return f"{d.code} {rule.name}" if rule else d.code


def annotation(d: Diagnostic) -> str:
    """`::error file=F,line=L,col=C,title=SF101 unknown-source::message` (accepted findings as notices)."""
    command = "notice" if d.accepted is not None else COMMANDS[d.severity]
    props = {}
    if d.location:
        props = {"file": d.location.file, "line": str(d.location.line), "col": str(d.location.column)}
    props["title"] = _title(d)
    message = literal(d.message) + (f" [accepted: {literal(d.accepted)}]" if d.accepted is not None else "")
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{command} {joined}::{escape_data(message)}"


def render(report: Report, show_accepted: bool = False) -> str:
    """Annotations, errors first, then warnings, then info (GitHub shows only the first few per step)."""
    shown = report.shown(show_accepted)
    order = sorted(shown, key=lambda d: (d.accepted is not None, -d.severity))  # stable: keeps location order
    return "".join(annotation(d) + "\n" for d in order)


def _cell(s: str) -> str:
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def step_summary(report: Report) -> str:
    """A Markdown table of ALL findings, for $GITHUB_STEP_SUMMARY (annotations are capped per step)."""
    from dataclasses import replace

    from spacefacts.render.text import summary

    head = f"### spacefacts: {summary(replace(report, show_info=True), show_accepted=True)}\n\n"
    if not report.diagnostics:
        return head
    rows = ["| Severity | Code | Location | Message | Accepted |", "|---|---|---|---|---|"]
    for d in report.diagnostics:
        loc = f"`{_cell(str(d.location))}`" if d.location else ""
        rows.append(
            f"| {d.severity} | {d.code} | {loc} | {_cell(d.message)} | {_cell(d.accepted or '')} |"
        )
    return head + "\n".join(rows) + "\n\n"
