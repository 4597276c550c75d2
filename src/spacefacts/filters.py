"""The filters of the views (`conflicts`, `timeline`, `export`): built from what the user typed,
checked against the fact base, applied to conflicts. Pure: a bad filter raises SpacefactsError with
a one-line reason (cli.py prints it and exits 2); an entity name that resolves to no single entity
raises UnresolvedEntity, whose candidates the caller renders (cli.py as `show` does).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacefacts.dates import DateError, DateValue, parse_date
from spacefacts.errors import SpacefactsError
from spacefacts.model import FactBase
from spacefacts.text import did_you_mean
from spacefacts.timeline import Filters

if TYPE_CHECKING:  # not imported at run time: truth and resolve are needed only when used
    from spacefacts.resolve import Resolution
    from spacefacts.truth import Conflict


class UnresolvedEntity(SpacefactsError):
    """--entity NAME matches no entity, or several: `resolution` holds the candidates."""

    def __init__(self, resolution: Resolution) -> None:
        super().__init__(f"--entity: no single entity matches '{resolution.query}'")
        self.resolution = resolution


def pick(values: Sequence[str] | None, known: Collection[str], what: str) -> tuple[str, ...]:
    """The ids given to a filter option, each checked against the known ones: an unknown one raises
    SpacefactsError "unknown WHAT 'x'" with a did-you-mean (else the first known ones)."""
    for value in values or ():
        if value not in known:
            some = sorted(known)
            hint = did_you_mean(value, known) or f" (known: {', '.join(some[:8])}{', …' if len(some) > 8 else ''})"
            raise SpacefactsError(f"unknown {what} '{value}'{hint}")
    return tuple(values or ())


def entity_ids(base: FactBase, names: Sequence[str] | None) -> tuple[str, ...]:
    """The ids of the entities --entity names (resolved fuzzily, as `show` does); raises UnresolvedEntity."""
    from spacefacts.resolve import resolve_entity

    ids = []
    for name in names or ():
        res = resolve_entity(base, name)
        if not res.found:
            raise UnresolvedEntity(res)
        ids.append(res.entity.id)
    return tuple(ids)


def date_bound(flag: str, text: str | None) -> DateValue | None:
    """The date given to --since or --until (None when not given); a bad one raises
    SpacefactsError "FLAG: reason"."""
    try:
        return parse_date(text) if text else None
    except DateError as exc:
        raise SpacefactsError(f"{flag}: {exc}") from None


def timeline_filters(base: FactBase, entities: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
                     properties: Sequence[str] | None = None, sources: Sequence[str] | None = None,
                     since: str | None = None, until: str | None = None, limit: int | None = None,
                     reverse: bool = False) -> Filters:
    """The timeline's Filters from the options as typed: dates parsed, entity names resolved, kinds,
    properties and sources checked (in that order; the first bad one raises)."""
    from spacefacts.loader import ENTITY_KINDS

    first, last = date_bound("--since", since), date_bound("--until", until)
    return Filters(
        entities=entity_ids(base, entities),
        kinds=pick(kinds, {*ENTITY_KINDS, *(e.kind for e in base.entities.values())}, "kind"),
        properties=pick(properties, base.properties, "property"),
        sources=pick(sources, base.sources, "source"),
        since=first,
        until=last,
        limit=limit,
        reverse=reverse,
    )


@dataclass(frozen=True, slots=True)
class ConflictFilter:
    """Which conflicts to show. Empty tuples keep everything."""

    entities: tuple[str, ...] = ()  # subject entity ids
    properties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # a conflict is kept if any of its claims cites one of these
    unreviewed: bool = False  # only conflicts no claim accepts yet

    def keeps(self, conflict: Conflict) -> bool:
        """True when the conflict passes the entity, property and source filters."""
        return ((not self.entities or conflict.subject in self.entities)
                and (not self.properties or conflict.property in self.properties)
                and (not self.sources or any(c.source in self.sources for s in conflict.sides for c in s.claims)))

    def apply(self, conflicts: Iterable[Conflict]) -> tuple[list[Conflict], int]:
        """The conflicts kept, and how many accepted ones --unreviewed left out."""
        from spacefacts.truth import accepted_reasons

        found = [c for c in conflicts if self.keeps(c)]
        if not self.unreviewed:
            return found, 0
        left = [c for c, reason in zip(found, accepted_reasons(found)) if reason is None]
        return left, len(found) - len(left)


def conflict_filter(base: FactBase, entities: Sequence[str] | None = None, properties: Sequence[str] | None = None,
                    sources: Sequence[str] | None = None, unreviewed: bool = False) -> ConflictFilter:
    """The conflict filter from the options as typed: entity names resolved, properties and sources
    checked (in that order; the first bad one raises)."""
    return ConflictFilter(entity_ids(base, entities), pick(properties, base.properties, "property"),
                          pick(sources, base.sources, "source"), unreviewed)


__all__ = ["ConflictFilter", "UnresolvedEntity", "conflict_filter", "date_bound", "entity_ids", "pick",
           "timeline_filters"]
