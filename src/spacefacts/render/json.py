"""JSON output: a stable, versioned schema, documented in docs/json-output.md and docs/diagnostics.schema.json."""

from __future__ import annotations

import json

from spacefacts.diagnostics import RULES, Diagnostic
from spacefacts.model import Location
from spacefacts.report import Report

SCHEMA_VERSION = 1


def location_dict(loc: Location | None) -> dict:
    """`file`, `line` and `column` of a location (all null when there is none), as the JSON outputs give them."""
    if loc is None:
        return {"file": None, "line": None, "column": None}
    return {"file": loc.file, "line": loc.line, "column": loc.column}


def diagnostic_dict(d: Diagnostic) -> dict:
    """One finding as a JSON-ready dict."""
    rule = RULES.get(d.code)
    return {
        "code": d.code,
        "name": rule.name if rule else None,
        "severity": str(d.severity),
        "message": d.message,
        **location_dict(d.location),
        "ids": list(d.ids),
        "accepted": d.accepted,
        "related": [location_dict(r) for r in d.related],
    }


def document(report: Report) -> dict:
    """The whole report as a JSON-ready dict (every finding, accepted ones marked)."""
    return {
        "version": SCHEMA_VERSION,
        "tool": "spacefacts",
        "file": report.files[0] if len(report.files) == 1 else None,
        "files": list(report.files),
        "summary": report.counts(),
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
    }


def render(report: Report) -> str:
    """Indented JSON text, ending with a newline."""
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
