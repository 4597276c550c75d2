"""Diagnostics: the findings checks and the loader make, and how they are selected and accepted.

The rule table (every code with its name, default severity, stage, status and documentation) is
spacefacts.rules; Rule, RULES and Severity are re-exported here for the modules that build findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacefacts.model import Claim, Location
from spacefacts.rules import RULES, Rule, Severity  # noqa: F401  (re-exported)


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


def diagnostic(code: str, message: str, location: Location | None, ids: tuple[str, ...] = (), **kw) -> Diagnostic:
    """Build a diagnostic with the rule's default severity."""
    return Diagnostic(code, message, location, RULES[code].severity, ids, **kw)


def is_known_pattern(pattern: str) -> bool:
    """True when pattern is 'ALL', a rule code or the start of one (what select/ignore accept)."""
    return pattern == "ALL" or any(code.startswith(pattern) for code in RULES)


def matches(code: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """True when code equals or starts with one of the patterns (ruff-style prefixes; 'ALL' matches all)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def is_selected(code: str, select: tuple[str, ...] | list[str], ignore: tuple[str, ...] | list[str]) -> bool:
    if select and not matches(code, select):
        return False
    return not matches(code, ignore)


def acceptances(claims: Iterable[Claim]) -> dict[tuple[str, str], str]:
    """(claim id, rule code) -> reason, for every `accepted` entry of these claims."""
    return {(claim.id, acc.code): acc.reason for claim in claims for acc in claim.accepted}


def accepted_reason(accepts: dict[tuple[str, str], str], code: str, ids: Iterable[str]) -> str | None:
    """The reason a finding of `code` naming `ids` is accepted with: that of the first id whose claim
    accepts the code (as `finalize` marks findings), else None."""
    return next((accepts[(i, code)] for i in ids if (i, code) in accepts), None)
