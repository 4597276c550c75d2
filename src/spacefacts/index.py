"""The index of one fact base that the checks share, built once per run (no check computes it twice).

Each part is computed on first use (a run that selects no consistency rule never weighs the sources):
the counted claims, the date claims among them by subject, the entity names, the truth analysis
(conflicts, trust, confidence). The source texts are a slot that the evidence rules fill
(checks/evidence.py: source_texts), as finding a text also gives findings. What the evidence rules
share about one claim (its quote read once: evidence.QuoteReading, and its match in the source's text)
is not kept here: their one pass (checks/evidence.check_claims) hands it from rule to rule, a block of
256 claims at a time, so it never holds a reading of every claim at once (1M claims).
A part is kept until the run ends, or dropped once the last check that lists it in its `uses` has run
(checks.run_checks calls Index.release), so that the parts of later checks reuse its memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from spacefacts.gcpause import trim
from spacefacts.model import Claim, FactBase

if TYPE_CHECKING:
    from spacefacts.diagnostics import Diagnostic
    from spacefacts.quotes import SourceText
    from spacefacts.resultcache import Results
    from spacefacts.truth import Analysis


class Index:
    """What the checks of one run share about `base`."""

    def __init__(self, base: FactBase, results: Results | None = None, confidences: bool = True) -> None:
        self.base = base
        self.results = results  # earlier runs' results the truth analysis may reuse (resultcache.py)
        self.confidences = confidences  # whether the analysis keeps each claim's confidence (views; not checks)
        # filled by checks/evidence.source_texts: the texts by source id and the SF206/SF208 findings
        self.texts: tuple[dict[str, SourceText], list[Diagnostic]] | None = None

    def release(self, parts: Iterable[str]) -> None:
        """Drop these parts ("texts", or a computed part's name, e.g. "analysis") to free their
        memory; a part asked for again is computed again."""
        for part in parts:
            if part == "texts":
                self.texts = None
                trim()  # the texts' pages back to the system, before the analysis's peak
            else:
                self.__dict__.pop(part, None)

    @cached_property
    def counted(self) -> list[Claim]:
        """Counted claims (not deprecated, value parsed, of a declared property), in file order; their
        property is base.properties[claim.property]. (The claims alone: a (claim, property) pair for
        each was 64 MB at 1M claims.)"""
        props = self.base.properties
        return [c for c in self.base.claims if c.property in props and c.value is not None and c.counted]

    @cached_property
    def dates_by_subject(self) -> dict[str, tuple[Claim, ...]]:
        """The counted claims with a date value by subject, in file order; only the subjects that have one
        (SF304 and SF305 look dates up per subject). (By subject, not by subject and property: 4,000 keys
        at 100k claims, not 28,000 pairs.)"""
        from spacefacts.dates import DateValue

        out: dict[str, list[Claim]] = {}
        for c in self.counted:
            if isinstance(c.value, DateValue):
                out.setdefault(c.subject, []).append(c)
        return _frozen(out)

    @cached_property
    def entity_names(self) -> list[tuple[str, str, str]]:
        """(normalised name, entity id, name as written) for every name and alias, each normalised name
        once per entity, in file order (SF401, SF402)."""
        from spacefacts.text import name_key

        out = []
        for ent in self.base.entities.values():
            seen = set()
            for name in ent.names:
                norm = name_key(name)
                if norm and norm not in seen:
                    seen.add(norm)
                    out.append((norm, ent.id, name))
        return out

    @cached_property
    def analysis(self) -> Analysis:
        """truth.analyze of the fact base: conflicts, source trust, claim confidence (the parts of files
        analysed in earlier runs reused when the run has `results`)."""
        if self.results is not None:
            return self.results.analysis(self.base, self.confidences)
        from spacefacts.truth import analyze

        return analyze(self.base, confidences=self.confidences)


def _frozen(lists: dict[str, list[Claim]]) -> dict[str, tuple[Claim, ...]]:
    """The same dict with each list made a tuple, in place (each list freed as its tuple replaces it):
    most pairs have one claim, 88 bytes as a list and 48 as a tuple."""
    for key, claims in lists.items():
        lists[key] = tuple(claims)  # type: ignore[assignment]  (a key's value replaced: no resize)
    return lists  # type: ignore[return-value]
