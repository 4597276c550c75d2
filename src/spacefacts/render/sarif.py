"""SARIF 2.1.0 output, for code scanning tools (GitHub code scanning, IDE viewers).

Every rule of the table is listed in tool.driver.rules; results point at their rule by
ruleId and ruleIndex. Accepted findings carry an inSource suppression with the reason.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from spacefacts import __version__
from spacefacts.diagnostics import RULES, Diagnostic, Rule, Severity
from spacefacts.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Where a SARIF viewer sends users for more about the tool; the rule reference lives in docs/rules.md.
INFORMATION_URI = "https://pypi.org/project/spacefacts/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def section(doc: str, heading: str) -> str:
    """The body of one `## heading` section of a rule's Markdown doc ('' when absent)."""
    lines, inside = [], False
    for line in doc.splitlines():
        if line.startswith("#"):
            if inside:
                break
            inside = line.lstrip("#").strip().lower() == heading.lower()
        elif inside:
            lines.append(line)
    return "\n".join(lines).strip()


def rule_descriptor(rule: Rule) -> dict:
    """A SARIF reportingDescriptor for one rule."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": section(rule.doc, "What it does") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"stage": rule.stage},
    }


def _uri(path: str) -> str:
    """A relative path as a forward-slash URI reference; an absolute one as a file: URI."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else path.replace(os.sep, "/")


def _location(loc) -> dict:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(loc.file)},
            "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)},
        }
    }


def result(d: Diagnostic, index: dict[str, int]) -> dict:
    """A SARIF result for one finding."""
    out: dict = {"ruleId": d.code, "level": LEVELS[d.severity], "message": {"text": d.message}}
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    out["locations"] = [_location(d.location)] if d.location else []
    if d.related:
        out["relatedLocations"] = [{"id": i, **_location(r)} for i, r in enumerate(d.related)]
    if d.ids:
        out["properties"] = {"ids": list(d.ids)}
    if d.accepted is not None:
        out["suppressions"] = [{"kind": "inSource", "justification": d.accepted}]
    return out


def document(report: Report) -> dict:
    """The SARIF log as a JSON-ready dict."""
    rules = [RULES[code] for code in sorted(RULES)]
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": "spacefacts",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [rule_descriptor(r) for r in rules],
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": [result(d, index) for d in report.diagnostics]}],
    }


def render(report: Report) -> str:
    """Indented SARIF JSON text, ending with a newline."""
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
