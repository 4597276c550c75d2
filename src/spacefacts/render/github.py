"""GitHub Actions workflow commands (annotations) and a Markdown step summary.

Escaping follows actions/toolkit packages/core/src/command.ts: escapeData turns
% CR LF into %25 %0D %0A; escapeProperty additionally turns : and , into %3A %2C.
"""

from __future__ import annotations

from spacefacts.diagnostics import RULES, Diagnostic, Severity
from spacefacts.render.textsafe import literal
from spacefacts.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning"}  # info and accepted: step summary only


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
    """`::error file=F,line=L,col=C,title=SF101 unknown-source::message` (errors and warnings only)."""
    props = {}
    if d.location:
        props = {"file": d.location.file, "line": str(d.location.line), "col": str(d.location.column)}
    props["title"] = _title(d)
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(literal(d.message))}"


def annotated(d: Diagnostic) -> bool:
    """Whether a finding becomes an annotation: an error or warning that no claim accepts."""
    return d.accepted is None and d.severity in COMMANDS


def render(report: Report, show_accepted: bool = False) -> str:
    """Annotations for errors, then warnings (GitHub shows only the first few per step).

    Info findings and accepted ones are not annotated (hundreds of notices would bury the rest):
    the step summary counts and lists them. `show_accepted` changes nothing here.
    """
    shown = [d for d in report.diagnostics if annotated(d)]
    return "".join(annotation(d) + "\n" for d in sorted(shown, key=lambda d: -d.severity))  # stable


def step_summary(report: Report) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the counts, then a table of ALL findings (annotations are
    capped per step and leave out info and accepted findings). Fact-file text is escaped as in
    every Markdown output (render.markdown.md): no HTML, links, images or control characters."""
    from dataclasses import replace

    from spacefacts.render.markdown import md
    from spacefacts.render.text import summary

    head = f"### spacefacts: {md(summary(replace(report, show_info=True), show_accepted=True))}\n\n"
    if not report.diagnostics:
        return head
    notes = len(report.diagnostics) - sum(map(annotated, report.diagnostics))
    if notes:
        head += f"{notes} of these (info or accepted) are listed here only, not as annotations.\n\n"
    rows = ["| Severity | Code | Location | Message | Accepted |", "|---|---|---|---|---|"]
    for d in report.diagnostics:
        loc = md(str(d.location)) if d.location else ""
        rows.append(f"| {d.severity} | {d.code} | {loc} | {md(d.message)} | {md(d.accepted or '')} |")
    return head + "\n".join(rows) + "\n\n"
