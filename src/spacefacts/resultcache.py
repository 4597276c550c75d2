"""Results of the checks kept between runs, so that re-checking after an edit of a small curated file
does not weigh again the large catalogue it includes (issue 16's edit loop).

What is kept: the truth analysis (truth.Part: trust, confidences, conflicts) of the claims of one file
included by the fact file the run is on, when those claims share no source and no subject with the claims
of the other files. (Not the fact file itself: it is the one edited, which changes its key, and keeping
the part of a large one cost more than it saved: 0.12 GB more at the peak of a first check of 1M claims.)
Such claims are whole components of the analysis (truth.py's module doc: each component is weighed to
its own convergence), so their analysis alone is the one they get within the fact base: reusing it can
never change a finding. Everything else (the claims of the other files, the files whose claims do share
a source or a subject with another's) is analysed in the run.

An entry is keyed by exactly what the file's part depends on: the file's bytes and the declarations of
the whole fact base its claims were read against (the parse cache's key of its claims, includes.load's
`keys`), the settings the analysis reads (hedged_weight), and, in the header cache.Store writes, the
tool version. It holds the subjects and sources of the file's claims, so that a run can tell whether the
other files still share none with them without reading the file's claims; the claims of its conflicts
are stored as their positions in the file and taken from this run's claims, after checking that the
file has the same number of claims with the same first and last ids. An entry that does not decode to
that shape is ignored and rebuilt, as cache.py does with its own.

The entries are cache.Store's (marshal of plain tuples, a header naming the tool version and the key,
the payload's SHA-256, written atomically), in the folder FOLDER inside the parse cache's folder. The
duplicate-entity search (SF401) keeps its pairs the same way (Results.reuse), keyed by the names, kinds
and threshold it reads: an edit that changes no entity reuses them.

Files the parse cache does not keep (smaller than cache.MIN_BYTES) have no key and are always analysed.
Only `check` runs use this (pipeline.run); the views analyse the fact base as it is (pipeline.analysis).

Pure core: no typer, no rich, no printing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from spacefacts.cache import Store
from spacefacts.model import Claim, FactBase
from spacefacts.truth import Analysis, Conflict, Part, Side, analyze_part, combine

FOLDER = "results"  # the entries' folder, inside the parse cache's
SUFFIX = "#truth"  # the entry of a file's analysis: cache.Store's entry for this path
T = TypeVar("T")


@dataclass
class _Run:
    """The claims of one file: base.claims[start:end]."""

    file: str
    start: int
    end: int
    subjects: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    part: Part | None = None  # from the cache


class Results:
    """What a check run may reuse from earlier runs, and keeps for later ones. Never raises on a bad entry."""

    def __init__(self, store: Store | None, keys: dict[str, str], root: str) -> None:
        self.store = store
        self.keys = keys  # file -> what its claims were built from (includes.load)
        self.root = root  # the fact file the run is on: reuse's entries are its

    def reuse(self, name: str, what: object, compute: Callable[[], T], valid: Callable[[object], bool]) -> T:
        """compute(), or the value an earlier run on this fact file computed for the same `what` (plain
        data and records, whose repr shows every field: its repr is hashed). A kept value that `valid`
        rejects is computed again; the value computed is kept for the next run (one per `name`)."""
        digest = hashlib.sha256(repr(what).encode("utf-8", "surrogatepass")).hexdigest()
        entry = f"{self.root}#{name}"
        if self.store is not None:
            kept = self.store.get(entry, digest)
            if kept is not None and valid(kept):
                return kept  # type: ignore[return-value]
        value = compute()
        if self.store is not None:
            self.store.put(entry, digest, value)
        return value

    def analysis(self, base: FactBase, confidences: bool = True) -> Analysis:
        """truth.analyze(base, confidences=...), with the parts of files kept apart reused or kept (see the
        module doc)."""
        claims = base.claims
        runs = _runs(claims)
        counts: dict[str, int] = {}
        for run in runs:
            counts[run.file] = counts.get(run.file, 0) + 1
        weight = base.settings.hedged_weight
        digests = {run.file: self._digest(run.file, (weight, confidences)) for run in runs
                   if counts[run.file] == 1 and run.file in self.keys and self.store is not None
                   and run.file != self.root}  # the file edited: see the module doc
        for run in runs:
            if run.file in digests:
                run.part, run.subjects, run.sources = _decode(self.store.get(run.file + SUFFIX, digests[run.file]),
                                                              claims, run)
            if run.part is None:
                run.subjects = frozenset(c.subject for c in claims[run.start:run.end])
                run.sources = frozenset(c.source for c in claims[run.start:run.end])
        parts: list[Part] = []
        rest: list[range] = []  # positions of the claims analysed together, stretch by stretch
        for run in runs:
            others = [r for r in runs if r is not run]
            apart = (run.file in digests and not any(run.subjects & r.subjects or run.sources & r.sources
                                                     for r in others))
            if not apart:
                rest.append(range(run.start, run.end))
                continue
            if run.part is None:  # kept apart, not cached yet: analysed alone (positions within the file)
                run.part = analyze_part(base, claims[run.start:run.end], hedged_weight=weight, confidences=confidences)
                self.store.put(run.file + SUFFIX, digests[run.file], _encode(run, claims))
            parts.append(_shifted(run.part, run.start))
        if rest or not parts:
            together, positions = _together(claims, rest)
            parts.append(analyze_part(base, together, positions, hedged_weight=weight, confidences=confidences))
        return combine(base, parts)

    def _digest(self, file: str, settings: tuple) -> str:
        return hashlib.sha256(repr((self.keys[file], settings)).encode("utf-8", "surrogatepass")).hexdigest()


def _runs(claims: Sequence[Claim]) -> list[_Run]:
    """The claims file by file: each stretch of claims of one file (a file's claims are one stretch)."""
    out, n = [], 0
    for file, same in groupby(c.location.file for c in claims):
        size = sum(1 for _ in same)
        out.append(_Run(file, n, n + size))
        n += size
    return out


def _together(claims: Sequence[Claim], stretches: list[range]) -> tuple[Sequence[Claim], Sequence[int]]:
    """The claims at these stretches of positions and their positions. One stretch (the common case: the
    fact file alone, or every file analysed together) is a slice and a range, not a list of the claims and
    an int per position (1M claims: 48 MB at the truth analysis's peak)."""
    if len(stretches) == 1:
        (only,) = stretches
        return (claims if len(only) == len(claims) else claims[only.start:only.stop]), only
    positions = [n for stretch in stretches for n in stretch]
    return [claims[n] for n in positions], positions


def _shifted(part: Part, start: int) -> Part:
    """A part analysed alone, its conflicts placed at the file's position in the fact base."""
    if not start:
        return part
    return Part(part.trust, part.confidence, [(n + start, c) for n, c in part.conflicts], part.iterations)


def _encode(run: _Run, claims: Sequence[Claim]) -> tuple:
    """A run's part as plain tuples (cache.encode), its claims as positions in the file."""
    mine = claims[run.start:run.end]
    where = {id(c): n for n, c in enumerate(mine)}
    conflicts = tuple(
        (n, c.subject, c.property, c.key,
         tuple((s.label, tuple(where[id(x)] for x in s.claims), s.confidence) for s in c.sides),
         c.cause, c.sides.index(c.likely), c.explanation)
        for n, c in run.part.conflicts)
    return (tuple(sorted(run.subjects)), tuple(sorted(run.sources)), len(mine), mine[0].id, mine[-1].id,
            run.part.trust, run.part.confidence, conflicts, run.part.iterations)


def _decode(entry: object, claims: Sequence[Claim], run: _Run) -> tuple[Part | None, frozenset[str], frozenset[str]]:
    """(part, subjects, sources) of a cache entry for this run's file, or (None, ...) when it is not one
    or does not fit the file's claims."""
    mine = claims[run.start:run.end]
    try:
        subjects, sources, count, first, last, trust, confidence, conflicts, iterations = entry  # type: ignore[misc]
        if count != len(mine) or first != mine[0].id or last != mine[-1].id:
            raise ValueError("the entry of other claims")
        _expect(type(trust) is dict and type(confidence) is dict and type(iterations) is int
                and _all(str, (*subjects, *sources, *trust, *confidence))
                and _all(float, (*trust.values(), *confidence.values())))
        built = [_conflict(item, mine) for item in conflicts]
        return Part(trust, confidence, built, iterations), frozenset(subjects), frozenset(sources)
    except (TypeError, ValueError):
        return None, frozenset(), frozenset()


def _conflict(item: object, mine: Sequence[Claim]) -> tuple[int, Conflict]:
    """(position, conflict) of a stored conflict, its claims taken from the file's claims `mine`;
    ValueError (or TypeError) when it is not one."""
    n, subject, prop, key, sides, cause, likely, explanation = item  # type: ignore[misc]
    _expect(type(n) is int and _all(str, (subject, prop, cause, explanation)) and (key is None or type(key) is str)
            and type(likely) is int and 0 <= likely < len(sides))
    made = []
    for label, at, confidence in sides:
        _expect(type(label) is str and type(confidence) is float
                and all(type(i) is int and 0 <= i < len(mine) for i in at))
        made.append(Side(label, tuple(mine[i] for i in at), confidence))
    return n, Conflict(subject, prop, key, tuple(made), cause, made[likely], explanation)


def _expect(ok: bool) -> None:
    if not ok:
        raise ValueError("not a cache entry of this shape")


def _all(kind: type, values: tuple) -> bool:
    """Whether every value is of exactly this type."""
    return all(type(v) is kind for v in values)
