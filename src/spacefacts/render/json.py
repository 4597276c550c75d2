"""JSON output: a stable, versioned schema, documented in docs/json-output.md and docs/diagnostics.schema.json."""

from __future__ import annotations

import json
from collections.abc import Iterator

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


def _head(report: Report) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "tool": "spacefacts",
        "file": report.files[0] if len(report.files) == 1 else None,
        "files": list(report.files),
        "summary": report.counts(),
    }


def document(report: Report) -> dict:
    """The whole report as a JSON-ready dict (every finding, accepted ones marked)."""
    return {**_head(report), "diagnostics": [diagnostic_dict(d) for d in report.diagnostics]}


def chunks(report: Report) -> Iterator[str]:
    """The text of render(), a finding at a time: the CLI writes each piece as it comes, so a report of
    hundreds of thousands of findings is never held as one dict tree nor as one string.

    The pieces join to exactly json.dumps(document(report), indent=2) and a newline."""
    head = indented(_head(report))  # "{ ... \n}"
    yield head[:-2] + ',\n  "diagnostics": ['
    sep = "\n    "
    for d in report.diagnostics:
        yield sep + indented(diagnostic_dict(d), "    ")
        sep = ",\n    "
    yield "\n  ]\n}\n" if report.diagnostics else "]\n}\n"


_scalar = json.JSONEncoder(ensure_ascii=False).encode


def indented(value: object, pad: str = "") -> str:
    """`value` (dicts, lists and JSON scalars) as json.dumps(value, ensure_ascii=False, indent=2) writes
    it, its lines after the first indented by `pad`. Not json.dumps itself once per finding: its
    indenting encoder is a set of closures that refer to each other, garbage only the cyclic GC frees,
    and the CLI runs with that GC paused (0.7 GB of them at 1M claims)."""
    inner = pad + "  "
    if isinstance(value, dict) and value:
        items = (f"{inner}{_scalar(k)}: {indented(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + indented(v, inner) for v in value) + "\n" + pad + "]"
    return _scalar(value)


def render(report: Report) -> str:
    """Indented JSON text, ending with a newline."""
    return "".join(chunks(report))
