"""Frozen dataclasses (named tuples for the records made once per claim) for the fact base. No behaviour
beyond small helpers.

Every record carries the Location it was read from, so any finding can point
at `facts.toml:LINE:COL`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:
    from spacefacts.dates import DateValue
    from spacefacts.quantities import Quantity
    from spacefacts.units import Units


class Location(NamedTuple):  # a named tuple, as Claim: one per claim, built at a third of the cost
    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    location: Location
    publisher: str = ""
    author: str = ""
    published: DateValue | None = None
    url: str = ""
    kind: str = "news"  # news, analysis, report, official, reference, promotional, dataset, ...
    trust: float = 0.5  # prior between 0 and 1
    text: str | None = None  # path to a local copy, relative to the fact file, as written


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str  # company, constellation, program, mission, vehicle, agency, person, place, document, ...
    location: Location
    aliases: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (relation, entity id), e.g. ("operator", "satnet")
    distinct_from: tuple[str, ...] = ()  # entity ids declared not to be duplicates of this one
    description: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def link(self, relation: str) -> str | None:
        return next((target for rel, target in self.links if rel == relation), None)


# Property.type values
DATE, QUANTITY, TEXT, ENTITY, LIST = "date", "quantity", "text", "entity", "list"
PROPERTY_TYPES = (DATE, QUANTITY, TEXT, ENTITY, LIST)


@dataclass(frozen=True, slots=True)
class Property:
    id: str
    type: str  # one of PROPERTY_TYPES
    location: Location | None = None  # None for built-in properties not redeclared by the file
    label: str = ""  # short phrase for timelines, e.g. "founded", "IPO application withdrawn"
    unit: str | None = None  # default unit of quantity values
    multi: bool = False  # many values hold at once (tell instances apart with Claim.key)
    temporal: bool = False  # value changes over time: compare claims only where as-of dates overlap
    cumulative: bool = False  # a running count: must not decrease over time
    plan: bool = False  # value is a plan or target; the claim's `when` is its deadline
    tolerance: float | None = None  # absolute +- for "about"/"around" values, overrides the rounding rule
    minimum: float | str | None = None  # allowed range: number for quantities, date text for dates
    maximum: float | str | None = None
    before: tuple[str, ...] = ()  # ordering: for one subject, this date <= each named property's date
    count_of: str | None = None  # this count equals the number of members of that list property
    sum_of: str | None = None  # this total equals the sum of that (keyed) property's values
    description: str = ""
    builtin: bool = False
    cues: tuple[str, ...] = ()  # words that say a sentence states this property ("established", "set up")
    compare: str | None = None  # how its values compare (similarity.COMPARE_CHOICES); None: its type's default
    confirmed_by: tuple[str, ...] = ()  # a plan's outcome properties (SF309); empty: any non-plan one of its type


# Claim.rank values (as Wikidata)
PREFERRED, NORMAL, DEPRECATED = "preferred", "normal", "deprecated"
RANKS = (PREFERRED, NORMAL, DEPRECATED)

Value = Union["DateValue", "Quantity", str, tuple[str, ...], None]


@dataclass(frozen=True, slots=True)
class Accepted:
    code: str
    reason: str
    location: Location | None = None


class _ClaimFields(NamedTuple):
    id: str
    subject: str  # entity id
    property: str  # property id
    value: Value  # parsed by the property's type; None when it could not be parsed
    raw: object  # the value exactly as written in the file
    source: str  # source id
    location: Location
    quote: str = ""
    unit: str | None = None  # overrides the property's unit
    when: DateValue | None = None  # when the stated thing happened (or a plan's deadline)
    as_of: DateValue | None = None  # when the value was true (temporal properties)
    key: str | None = None  # tells apart instances of a many-valued property
    rank: str = NORMAL
    hedged: bool = False  # "is said to", "would be": counts with less weight
    note: str = ""
    accepted: tuple[Accepted, ...] = ()
    label: str = ""  # how the event reads on a timeline, a short sentence; "" = built from the property
    record: str = ""  # the record a catalogue or table source gives this in ("2019-032", a line number)


class Claim(_ClaimFields):
    """One dated, sourced statement. A named tuple rather than a frozen dataclass: as immutable, but
    built several times faster, and a large file has a hundred thousand of them (the frozen
    dataclass's __init__ was a third of loading one).

    Most claims leave the fields from `unit` (or from `rank`) on at their defaults: such a claim is stored
    as a shorter tuple (an instance of a subclass whose class gives those defaults), 80 (or 48) bytes less
    a claim, 51 MB at a million claims; and most claims' `location` is stored as its file and line (see
    `location`). Read claims by field name, never by position or by iterating them; `Claim(...)` picks
    the form, so equal claims are equal tuples of the same class."""

    __slots__ = ()

    def __new__(cls, id: str, subject: str, property: str, value: Value, raw: object, source: str,
                location: Location, quote: str = "", unit: str | None = None, when: DateValue | None = None,
                as_of: DateValue | None = None, key: str | None = None, rank: str = NORMAL, hedged: bool = False,
                note: str = "", accepted: tuple[Accepted, ...] = (), label: str = "", record: str = "") -> Claim:
        line = None  # a claim at column 1 keeps its file in `location`'s slot and its line in a last slot
        if type(location) is Location and location[2] == 1 and type(location[0]) is str:
            location, line = location[0], location[1]
        if (rank == NORMAL and hedged is False and note == "" and accepted == () and label == "" and record == ""
                and type(rank) is str and type(note) is str and type(label) is str and type(record) is str
                and type(accepted) is tuple):  # fmt: skip
            if unit is None and when is None and as_of is None and key is None:
                return tuple.__new__(_Claim8, (id, subject, property, value, raw, source, location, quote, line))
            return tuple.__new__(_Claim12, (id, subject, property, value, raw, source, location, quote, unit, when,
                                            as_of, key, line))  # fmt: skip
        return tuple.__new__(Claim, (id, subject, property, value, raw, source, location, quote, unit, when, as_of,
                                     key, rank, hedged, note, accepted, label, record, line))  # fmt: skip

    @property
    def location(self) -> Location:
        """Where the claim was read. A claim at column 1 (a `[[claims]]` header at the start of its line:
        nearly all) keeps its file and line, not a Location, which is made on each read (about 0.3 us:
        read it once where it is used twice). The Location was 80 bytes a claim, the slot for the line
        costs 16: 61 MB less at a million claims."""
        at = self[6]
        return tuple.__new__(Location, (at, self[-1], 1)) if type(at) is str else at

    @classmethod
    def _make(cls, iterable) -> Claim:
        return Claim(*iterable)

    def _replace(self, **changes) -> Claim:
        fields = {name: changes.pop(name, getattr(self, name)) for name in self._fields}
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return Claim(**fields)

    def _asdict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self._fields}

    def __getnewargs__(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __repr__(self) -> str:
        return "Claim(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields) + ")"

    @property
    def counted(self) -> bool:
        return self.rank != DEPRECATED


class _Claim12(Claim):
    """A Claim whose fields from `rank` on are their defaults, stored without them."""

    __slots__ = ()
    rank, hedged, note, accepted, label, record = NORMAL, False, "", (), "", ""


class _Claim8(_Claim12):
    """A Claim whose fields from `unit` on are their defaults, stored without them."""

    __slots__ = ()
    unit = when = as_of = key = None


CLAIM_CLASSES = (Claim, _Claim12, _Claim8)  # the classes a Claim(...) may be an instance of


def plain_claim(id: str, subject: str, property: str, value: Value, raw: object, source: str, file: str, line: int,
                column: int, quote: str = "", unit: str | None = None, when: DateValue | None = None,
                as_of: DateValue | None = None, key: str | None = None) -> Claim:
    """Claim(id, ..., Location(file, line, column), quote, unit, when, as_of, key): the same claim, for one
    whose fields from `rank` on are all their defaults (what the loader's fast path knows of most claims),
    built without testing them."""
    location, line = (file, line) if column == 1 else (Location(file, line, column), None)
    if unit is None and when is None and as_of is None and key is None:
        return tuple.__new__(_Claim8, (id, subject, property, value, raw, source, location, quote, line))
    return tuple.__new__(_Claim12, (id, subject, property, value, raw, source, location, quote, unit, when, as_of,
                                    key, line))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Settings:
    """The [settings] table; command-line options win over it."""

    select: tuple[str, ...] = ()  # rule codes or prefixes; empty = every rule on by default
    ignore: tuple[str, ...] = ()
    quote_threshold: float = 90.0  # rapidfuzz partial_ratio needed to accept a fuzzy quote match
    duplicate_threshold: float = 90.0  # token-aware similarity for possible duplicate entities
    hedged_weight: float = 0.5  # weight of a hedged claim in conflict and trust computations
    texts: str | None = None  # folder holding source documents by file name
    include: tuple[str, ...] = ()  # globs of further fact files, relative to this file (includes.py)
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class FactBase:
    path: str
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    settings: Settings = field(default_factory=Settings)
    units: Units = field(default_factory=lambda: _no_units())  # the [units] table's declared conversions


def _no_units() -> Units:
    from spacefacts.units import EMPTY  # imported when needed: units.py compiles the quantity patterns

    return EMPTY
