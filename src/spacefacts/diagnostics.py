"""Diagnostics, severities and the rule table.

Every rule has a stable code (SF + three digits), a kebab-case name, a default
severity and documentation written as Markdown with four parts: what it checks,
why it matters, an example, how to fix. `spacefacts rule CODE` and docs/rules.md
both come from this text. A retired code is never reused.

Code ranges:
  SF0xx  the file itself (reserved)
  SF1xx  format and references (loader)
  SF2xx  evidence: quotes, values in quotes, relative dates
  SF3xx  consistency between claims and property constraints
  SF4xx  entities
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from spacefacts.model import Location


class Severity(IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # one line
    doc: str  # Markdown: what it checks, why it matters, example, fix
    stage: str = "lint"  # "lint" (format, evidence) or "check" (consistency)
    status: str = "stable"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    location: Location | None
    severity: Severity
    ids: tuple[str, ...] = ()  # ids of the claims, sources, entities or properties involved
    related: tuple[Location, ...] = ()
    accepted: str | None = None  # the curator's reason, when a claim accepts this finding
    data: dict = field(default_factory=dict, compare=False, hash=False)  # extra machine-readable detail
    _sort_key: tuple = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Built with the finding, while the checks run with the cyclic GC paused: when finalize sorts
        # tens of thousands of findings, a new key tuple per finding set off full GC passes over the
        # whole fact base (0.3-0.4 s at 100k claims, far more than building the keys).
        loc = self.location
        key = (loc.file, loc.line, loc.column) if loc else ("", 0, 0)
        object.__setattr__(self, "_sort_key", (*key, self.code, self.message))

    def sort_key(self) -> tuple:
        """(file, line, column, code, message): the order findings are reported in."""
        return self._sort_key


RULES: dict[str, Rule] = {}


def register_rule(rule: Rule) -> Rule:
    if rule.code in RULES and RULES[rule.code] != rule:
        raise ValueError(f"rule code {rule.code} registered twice")
    RULES[rule.code] = rule
    return rule


def diagnostic(code: str, message: str, location: Location | None, ids: tuple[str, ...] = (), **kw) -> Diagnostic:
    """Build a diagnostic with the rule's default severity."""
    return Diagnostic(code, message, location, RULES[code].severity, ids, **kw)


def is_known_pattern(pattern: str) -> bool:
    """True when pattern is 'ALL', a rule code or the start of one (what select/ignore accept).

    The rule table is complete only after spacefacts.checks.load_all().
    """
    return pattern == "ALL" or any(code.startswith(pattern) for code in RULES)


def matches(code: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """True when code equals or starts with one of the patterns (ruff-style prefixes; 'ALL' matches all)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def is_selected(code: str, select: tuple[str, ...] | list[str], ignore: tuple[str, ...] | list[str]) -> bool:
    if select and not matches(code, select):
        return False
    return not matches(code, ignore)
