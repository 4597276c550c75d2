"""Timeline events from claims: pure functions, no rendering.

An event is a dated thing that happened to a subject:

* a claim of a date-typed property (its value is the date: "Spacesail founded 2023-02");
* any other claim with `when` ("Spacesail satellites launched: 18 satellites, 2024-08-06").

Claims about the same subject, property and key (and, for non-date properties, the same
value) describe the same event. Their dates are clustered by overlap: claims whose date
intervals overlap agree. When more than one cluster remains, the sources disagree about
the event's date: the most confident cluster is the event's date and the others are kept
as `others`, shown as a conflict. A many-valued property without `key` cannot tell one
instance from another, so there each cluster is its own event and nothing conflicts.
Deprecated claims are left out (they are shown by `show`, never counted).
"""

from __future__ import annotations

import datetime as dt

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from spacefacts.dates import DateValue
from spacefacts.model import DATE, ENTITY, Claim, Entity, FactBase, Property


@dataclass(frozen=True, slots=True)
class Dating:
    """One date given for an event, with the claims that give it (their dates overlap)."""

    date: DateValue
    claims: tuple[Claim, ...]
    confidence: float  # 0-1: truth's claim confidence if known, else this cluster's share of source trust

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.claims))


@dataclass(frozen=True, slots=True)
class Event:
    subject: str  # entity id
    subject_name: str
    kind: str  # entity kind ("" when the subject is not declared)
    property: str
    label: str
    key: str | None
    what: str  # what happened, e.g. "founded" or "satellites launched: 18 satellites"
    dating: Dating  # the date shown
    others: tuple[Dating, ...] = ()  # other dates sources give that do not overlap it

    @property
    def date(self) -> DateValue:
        return self.dating.date

    @property
    def conflict(self) -> bool:
        return bool(self.others)

    @property
    def year(self) -> int:
        """The year the event is listed under: as written, before ~/? widening ('c. 2022' under 2022),
        and the end year for '../2014'."""
        first, last = self.date.unwidened()
        return last.year if self.date.open_start else first.year

    @property
    def sort_key(self) -> tuple:
        """Chronological order; an open start ('../2014') sorts by its end, where it is listed."""
        first, last = self.date.unwidened()
        anchor = last if self.date.open_start else first
        at = self.date.span[0].time() if self.date.span is not None and not self.date.open_start else dt.time.min
        return (anchor, at, self.date.latest, self.subject_name.casefold(), self.what, self.key or "")

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for d in (self.dating, *self.others) for s in d.sources))

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim behind the event: those of the date shown first."""
        return tuple(c for d in (self.dating, *self.others) for c in d.claims)

    @property
    def headline(self) -> str:
        """The event as a reader says it: the first claim's `label` ("Spacesail launches its first batch
        of 18 satellites"), else subject, property label and value ("China Satellite Network Group
        founded"), with the key's words last ("Two Bombs, One Satellite milestone: atomic bomb")."""
        given = next((c.label for c in self.claims if c.label), "")
        if given:
            return given
        text = f"{self.subject_name} {self.what}"
        words = " ".join((self.key or "").replace("_", " ").replace("-", " ").split())
        if words and _squash(words) not in _squash(self.subject_name):  # "Shenzhou 5 launch", not "...: shenzhou 5"
            text += f" ({words})" if ":" in self.what else f": {words}"
        return text

    @property
    def hedged(self) -> bool:
        """Every claim giving the date shown hedges ("is said to"): the event is told as "reportedly"."""
        return all(c.hedged for c in self.dating.claims)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events to keep. Empty tuples keep everything."""

    entities: tuple[str, ...] = ()  # entity ids (resolve names first with resolve.resolve_entity)
    kinds: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # an event is kept if any of its claims cites one of these
    since: DateValue | None = None  # keep events that may have happened on or after since.earliest
    until: DateValue | None = None  # keep events that may have happened on or before until.latest
    # (an open-ended date counts at its known end, where it is listed: '../2030' in 2030, not in 2019)
    limit: int | None = None  # applied last, after ordering
    reverse: bool = False  # newest first


def property_of(base: FactBase, property_id: str) -> Property:
    """The declared (or built-in) property, or a plain text property when unknown."""
    from spacefacts.builtin import BUILTIN_PROPERTIES

    return base.properties.get(property_id) or BUILTIN_PROPERTIES.get(property_id) or Property(
        id=property_id, type="text", label=property_id.replace("_", " ")
    )


def value_text(base: FactBase, claim: Claim) -> str:
    """A claim's value as a reader should see it, at its real precision."""
    value = claim.value
    if value is None:
        return str(claim.raw)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        prop = property_of(base, claim.property)
        if prop.type == ENTITY and value in base.entities:
            return base.entities[value].name
        return value
    return value.display()


def claim_date(claim: Claim, prop: Property) -> DateValue | None:
    """The date a claim of `prop` puts on the timeline: a date property's value, else its `when`."""
    if prop.type == DATE:
        return claim.value if isinstance(claim.value, DateValue) else None
    return claim.when


def _weight(base: FactBase, claim: Claim, confidence: dict[str, float] | None) -> float:
    if confidence is not None and claim.id in confidence:
        return confidence[claim.id]
    source = base.sources.get(claim.source)
    trust = source.trust if source else 0.5
    return trust * (base.settings.hedged_weight if claim.hedged else 1.0)


def _clusters(dated: list[tuple[Claim, DateValue]]) -> list[list[tuple[Claim, DateValue]]]:
    """The dates that overlap, directly or through others, grouped: a sweep over the dates in order of
    their earliest day, so only the last group can reach the next date (its days end before any later
    group's first date begins). Groups and their members in date order."""
    clusters: list[list[tuple[Claim, DateValue]]] = []
    end = None  # the last day of the last group
    for item in sorted(dated, key=lambda cd: (cd[1].sort_key, cd[0].id)):
        if clusters and item[1].earliest <= end:
            clusters[-1].append(item)
            end = max(end, item[1].latest)
        else:
            clusters.append([item])
            end = item[1].latest
    return clusters


def _width(date: DateValue) -> int:
    return (date.latest - date.earliest).days


def _datings(base: FactBase, dated, confidence) -> list[Dating]:
    clusters = _clusters(dated)
    weights = [[_weight(base, c, confidence) for c, _ in cl] for cl in clusters]
    total = sum(sum(w) for w in weights) or 1.0
    out = []
    for cl, ws in zip(clusters, weights):
        # the date shown for a cluster: its most trusted claim's, the narrowest on a tie as confidences
        # are shown (two places): 'Jan 2019' at 0.562 before '2019' at 0.563, which it refines
        _, best = max(zip(ws, (d for _, d in cl)), key=lambda wd: (round(wd[0], 2), -_width(wd[1])))
        conf = max(ws) if confidence is not None else sum(ws) / total
        out.append(Dating(best, tuple(c for c, _ in cl), round(conf, 3)))
    out.sort(key=lambda d: (-d.confidence, -len(d.claims), _width(d.date), d.date.sort_key))
    return out


def build_events(base: FactBase, confidence: dict[str, float] | None = None) -> list[Event]:
    """Every event in the fact base, in chronological order.

    `confidence` maps claim id to a 0-1 confidence (truth.analyze(base).confidence);
    without it, source trust (halved by hedging, as settings say) ranks competing dates.
    """
    groups: dict[tuple, list[tuple[Claim, DateValue]]] = defaultdict(list)
    for claim in base.claims:
        if not claim.counted:
            continue
        prop = property_of(base, claim.property)
        date = claim_date(claim, prop)
        if date is None:
            continue
        value = None if prop.type == DATE else value_text(base, claim)
        groups[(claim.subject, claim.property, claim.key, value)].append((claim, date))
    events = []
    for (subject, prop_id, key, value), dated in groups.items():
        prop = property_of(base, prop_id)
        entity: Entity | None = base.entities.get(subject)
        label = prop.label or prop_id.replace("_", " ")
        what = label if value is None else f"{label}: {value}"
        if prop.plan:
            what += " (deadline)"
        datings = _datings(base, dated, confidence)
        parts = [[d] for d in datings] if prop.multi and key is None else [datings]
        for first, *others in parts:
            events.append(Event(subject, entity.name if entity else subject, entity.kind if entity else "",
                                prop_id, label, key, what, first, tuple(others)))
    events.sort(key=lambda e: e.sort_key)
    return events


def _keep(event: Event, f: Filters) -> bool:
    if f.entities and event.subject not in f.entities:
        return False
    if f.kinds and event.kind not in f.kinds:
        return False
    if f.properties and event.property not in f.properties:
        return False
    if f.sources and not any(s in f.sources for s in event.sources):
        return False
    d = event.date
    first = d.latest if d.open_start else d.earliest
    last = d.earliest if d.open_end else d.latest
    if f.since and last < f.since.earliest:
        return False
    if f.until and first > f.until.latest:
        return False
    return True


def select(events: Iterable[Event], filters: Filters) -> list[Event]:
    """Apply the filters, then the order (--reverse), then --limit."""
    kept = [e for e in events if _keep(e, filters)]
    if filters.reverse:
        kept.reverse()
    return kept[: filters.limit] if filters.limit is not None and filters.limit >= 0 else kept


def timeline(base: FactBase, filters: Filters = Filters(), confidence: dict[str, float] | None = None) -> list[Event]:
    """The events to show: build_events then select."""
    return select(build_events(base, confidence), filters)


def by_year(events: Iterable[Event]) -> list[tuple[int, list[Event]]]:
    """Consecutive events grouped by year, keeping their order."""
    groups: list[tuple[int, list[Event]]] = []
    for event in events:
        if groups and groups[-1][0] == event.year:
            groups[-1][1].append(event)
        else:
            groups.append((event.year, [event]))
    return groups
