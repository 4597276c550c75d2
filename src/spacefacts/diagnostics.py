"""Diagnostics: the findings checks and the loader make, and how they are selected and accepted.

The rule table (every code with its name, default severity, stage, status and documentation) is
spacefacts.rules; Rule, RULES and Severity are re-exported here for the modules that build findings.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from spacefacts.model import Claim, Location
from spacefacts.rules import RULES, Rule, Severity  # noqa: F401  (re-exported)


class Data(Mapping):
    """A finding's `data` (extra machine-readable detail), kept packed: the dict's marshal bytes, unpacked
    into a new dict on each read. A run of a million claims has 300k findings, most never asked for
    their data (no output format shows it): SF301's dict of sides was 2.2 KB, its bytes are about 0.3 KB.
    A dict marshal cannot hold exactly (say, a named tuple in it) is kept as it is."""

    __slots__ = ("_kept",)

    def __init__(self, values: Mapping | None = None) -> None:
        kept: bytes | dict | None = None
        if values:
            kept = dict(values)
            try:
                kept = marshal.dumps(kept)
            except ValueError:  # an object marshal does not hold exactly (a subclass of a plain type)
                pass
        self._kept = kept

    def _dict(self) -> dict:
        kept = self._kept
        return marshal.loads(kept) if type(kept) is bytes else dict(kept or {})

    def __getitem__(self, key: str) -> object:
        return self._dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict()) if self._kept else 0

    def __repr__(self) -> str:
        return repr(self._dict())


NO_DATA = Data()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    location: Location | None
    severity: Severity
    ids: tuple[str, ...] = ()  # ids of the claims, sources, entities or properties involved
    related: tuple[Location, ...] = ()
    accepted: str | None = None  # the curator's reason, when a claim accepts this finding
    # extra machine-readable detail: given as a dict (or None), read as a read-only mapping (Data)
    data: Mapping = field(default=None, compare=False, hash=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if type(self.data) is not Data:
            object.__setattr__(self, "data", Data(self.data) if self.data else NO_DATA)

    def sort_key(self) -> tuple:
        """(file, line, column, code, message): the order findings are reported in. Made on each call,
        not kept (a kept key was 27 MB at a million claims): in the CLI, which sorts them, the cyclic GC
        is paused, so the new tuples set off no collection."""
        loc = self.location
        if loc is None:
            return ("", 0, 0, self.code, self.message)
        return (loc.file, loc.line, loc.column, self.code, self.message)


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
