"""Conflicts between claims and source trust (pure functions, no I/O).

Every counted claim (rank not deprecated, value parsed) is placed in a *group*:
subject x property x key (x unit for quantities). Inside a group the claims of a
temporal property are first split into windows of overlapping as-of dates, so
only claims that speak about the same time are compared.

(The windows come from one sweep over the as-of intervals; a claim whose as-of
interval spans two windows is compared within the first one only.)

Inside a group (or window) the distinct values are *facts* and the facts are
split into *sides*: sets of values that can all be true together. How two values
compare is the property's Comparer (similarity.py: its type and `compare` setting).

- dates and quantities are intervals: one sweep over the intervals sorted by
  their low end cuts a new side whenever the next interval starts after the
  smallest high end of the current side (the intervals of one side share a
  point, so they can all hold at once). O(n log n), never pairwise.
- other values: a value that a more specific value *refines* joins its side
  (text words a subset of another's, "Shanghai" / "Songjiang, Shanghai"; a code
  and its extension; an entity and one it is `parent`/`located_in` of; a list
  and a longer list containing it); one that several sides refine joins the
  most confident. Text compares after normalisation (case, accents,
  punctuation, whitespace; a text naming an entity compares as that entity).

A side names its most specific value that the evidence supports (confidence
at least SUPPORTED), so a general value inferred from specific ones ("USA" from
"Minneapolis") is never named over them (as TDH, Jung, Kim and Shim, EDBT 2019);
a side of intervals names its narrowest, a side of lists its most confident.
Sides rank by their most confident value; the confidence shown for a side is its
share of the sides' odds (they exclude each other, so the shares add up to 1).

More than one side is a conflict. Its likely cause follows Li et al., "Truth
finding on the deep web" (VLDB 2012):

- "out-of-date": a temporal property whose sides are dated more than
  OUT_OF_DATE_DAYS apart (as-of midpoints);
- "precision": the intervals nearly touch: for dates the gap between them is
  shorter than the narrower interval (e.g. 31 Dec vs 1 Jan: a time zone); for
  quantities the gap is at most NEAR_FRACTION of the larger magnitude; for text,
  the spellings are near-identical (token-set ratio >= 90);
- "error": anything else.

Trust follows TruthFinder (Yin, Han and Yu, KDD 2007): source trust t(s) is the
mean confidence of the facts it states; a fact's score is the sum of
tau(s) = -ln(1 - t(s)) over its sources (hedged claims weighted; a source that
states one fact several times counts once, at its largest weight), adjusted by
rho * the scores of the other facts of the group times their implication
(similarity minus BASE_SIM), and squashed by 1 / (1 + e^(-gamma * score)).
Seeded with each source's trust prior; stops when no trust (of the component: see below) moves by
1e-3, or after MAX_ITERATIONS. One change from the paper: the trust update keeps the prior as
PRIOR_STRENGTH pseudo-claims, t(s) = (k * prior + sum of confidences) / (k + claims). A curated file
has few claims per source, most uncontested, and with the paper's update every source drifts to the
same fixed point t = 1 / (1 + (1 - t)^gamma) (about 0.56) and the curator's priors are lost.

The iteration runs per *component*: the connected parts of the graph whose nodes are the sources and
the groups (subject x property x key), a source joined to each group it states a value in. A fact's
score reads only the trust of its group's sources and its group's other facts; a source's trust
reads only the confidences of the facts it states. So the numbers of one component never read
another's, and the only coupling left would be the stopping rule: one global test ("no trust moved
by 1e-3 anywhere") lets a slow component keep a fast one iterating past its own convergence, and the
fast one's confidences move in the last digits. Each component therefore stops on its own test, and
the comparers that read values (a text property's kind from all its values, the precision of a
number from all claims of that value) read those of the component's claims only. Then the analysis
of a component depends on its claims and the declarations they use (sources' priors and dates,
entities, properties, settings) and on nothing else: a fact base plus an unrelated block (no shared
source, no shared group) gives the fact base's claims exactly the conflicts and confidences they get
alone (tests/test_truth_components.py), and the analysis of an unchanged catalogue that shares
neither sources nor subjects with a curated file can be kept between runs (resultcache.py). With one
component (every source linked to the others through shared groups, as in the shipped and generated
files) nothing changes: the groups and facts are visited in the same order, so every sum is the same
to the last bit.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter, mul
from typing import NamedTuple

from spacefacts.model import DATE, DEPRECATED, ENTITY, LIST, QUANTITY, TEXT, Claim, FactBase, Location, Property
from spacefacts.similarity import (
    BASE_SIM, INTERVAL, NUMERIC, TEXT_KIND, Comparer, claim_precision, compare_kind, interval_similarity, text_number,
)
from spacefacts.similarity import SET as LIST_KIND
from spacefacts.text import name_key
from spacefacts.values import as_of, interval, label, overlapping_runs

RHO = 0.5  # influence of related facts (the paper's rho)
GAMMA = 0.3  # dampening factor (the paper's gamma)
SUPPORTED = 0.5  # a value whose confidence reaches this (net evidence for it) may be named likely
PAIRWISE_MAX = 64  # facts in a group above which interval facts are related by a sweep, not pairwise
REACH_PRECISIONS = 40.0  # numeric facts farther apart than this many precisions are unrelated (e^-40)
MAX_ITERATIONS = 20
TOLERANCE = 1e-3
MAX_TRUST = 0.99  # keeps -ln(1 - t) finite
PRIOR_STRENGTH = 5.0  # the prior counts as this many claims in each trust update (0 = the paper's update)
OUT_OF_DATE_DAYS = 365
NEAR_FRACTION = 0.02
PRECISION, OUT_OF_DATE, ERROR = "precision", "out-of-date", "error"


class _SideFields(NamedTuple):
    label: str
    claims: tuple[Claim, ...]
    confidence: float
    sources: tuple[str, ...]


class Side(_SideFields):
    """Values that can all hold together; label is the value it names (see _named), confidence its share.
    `sources`: the ids of the sources of its claims, sorted (read up to four times per conflict:
    explanation, SF301 message and data), made from the claims: Side(label, claims, confidence).

    A named tuple, as model.Claim, rather than a frozen dataclass: as immutable, built in a third of the
    time (the frozen dataclass's __init__ sets each field through object.__setattr__; 100k claims: 22k
    sides)."""

    __slots__ = ()

    def __new__(cls, label: str, claims: tuple[Claim, ...], confidence: float) -> Side:
        sources = (claims[0].source,) if len(claims) == 1 else tuple(sorted({c.source for c in claims}))
        return tuple.__new__(cls, (label, claims, confidence, sources))


class Conflict(NamedTuple):
    """Claims about one subject x property (x key) whose values cannot all be true. (A named tuple, as
    Side: 100k claims, 10k conflicts.)"""

    subject: str
    property: str
    key: str | None
    sides: tuple[Side, ...]
    cause: str  # PRECISION | OUT_OF_DATE | ERROR
    likely: Side
    explanation: str

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(c.id for side in self.sides for c in side.claims)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim of every side, by line then id: the order its SF301 finding names them in."""
        return tuple(c for _, c in self.located())

    def located(self) -> list[tuple[Location, Claim]]:
        """(location, claim) of every claim of every side, by line then id, each location made once
        (model.Claim.location makes one on each read)."""
        located = [(c.location, c) for s in self.sides for c in s.claims]
        located.sort(key=lambda pair: (pair[0].line, pair[1].id))
        return located


@dataclass
class Analysis:
    """The result of one conflict and trust computation over a fact base."""

    conflicts: list[Conflict] = field(default_factory=list)
    trust: dict[str, float] = field(default_factory=dict)  # source id -> TruthFinder trust
    confidence: dict[str, float] = field(default_factory=dict)  # claim id -> confidence of its value
    iterations: int = 0


# ---- value keys ------------------------------------------------------------------

def entity_index(base: FactBase) -> dict[str, str]:
    """Normalised entity id, name and alias -> entity id."""
    index: dict[str, str] = {}
    for ent in base.entities.values():
        for name in (ent.id, *ent.names):
            index.setdefault(name_key(name), ent.id)
    return index


def _unit(claim: Claim, prop: Property) -> str | None:
    return getattr(claim.value, "unit", None) or claim.unit or prop.unit


def _fact_key(claim: Claim, prop: Property, names: dict[str, str], comparer: Comparer | None = None,
              timed: bool = False) -> Hashable | None:
    if prop.type in (DATE, QUANTITY):
        key = interval(claim, prop, timed)
        if comparer is not None and comparer.kind == NUMERIC:
            comparer.note_precision(key, claim_precision(claim, prop, NUMERIC))
        return key
    v = claim.value
    if comparer is not None and comparer.kind == NUMERIC and isinstance(v, str):
        found = text_number(v)
        if found is not None:  # a number or time of day written as text: a point with a precision
            key = (found[0], found[0], False, False)
            comparer.note_precision(key, found[1])
            return key
    if prop.type == LIST and isinstance(v, (tuple, list)):
        return frozenset(names.get(n, n) for n in (name_key(x) for x in v) if n)
    if prop.type in (TEXT, ENTITY) and isinstance(v, str):
        norm = name_key(v)
        return names.get(norm, norm) if prop.type == ENTITY or norm in names else norm
    return None


def _width(key: Hashable) -> float:
    if isinstance(key, tuple):
        return key[1] - key[0]
    return 0.0


# ---- grouping ------------------------------------------------------------------------


@dataclass(slots=True)  # one per group of several claims: no __dict__ each
class _Group:
    subject: str
    property: Property
    key: str | None
    facts: dict[Hashable, list[Claim]]
    comparer: Comparer | None = None  # None: the property type's default comparison, without the base

    def compare(self) -> Comparer:
        if self.comparer is None:
            self.comparer = Comparer(compare_kind(self.property))
        return self.comparer


def _has_fact(value: object, kind: str) -> bool:
    """Whether _fact_key gives a value of this property type a fact (without building the key)."""
    if kind == DATE:
        return hasattr(value, "earliest")
    if kind == QUANTITY:
        return hasattr(value, "low")
    if kind == LIST:
        return isinstance(value, (tuple, list))
    return kind in (TEXT, ENTITY) and isinstance(value, str)


class _Buckets(NamedTuple):
    """The counted claims by subject x property x key (x unit): _buckets."""

    keys: list[tuple]  # (subject, property, key, unit) of each, in the order of their first claim
    members: list[list[Claim]]  # the claims of each (two lists, not a pair each: 1M claims, 40 MB less)
    firsts: array  # the position in the fact base of each one's first claim
    cited: set[str]  # the sources of the claims


def _buckets(base: FactBase, claims: Sequence[Claim], positions: Iterable[int]) -> _Buckets:
    """The counted claims of `claims` by subject x property x key (x unit). `positions`: each claim's
    position in the fact base (an unkeyed claim of a multi-valued property is its own instance, marked
    by its position: an int, never a user's key)."""
    index: dict[tuple, list[Claim]] = {}
    firsts = array("q")  # 8 bytes a bucket, not an int object each (1M claims: 25 MB less at the peak)
    cited: set[str] = set()
    props = base.properties
    for n, c in zip(positions, claims):
        prop = props.get(c.property)
        if prop is None or c.rank == DEPRECATED or c.value is None or not _has_fact(c.value, prop.type):
            continue
        cited.add(c.source)
        key: str | int | None = c.key if (c.key is not None or not prop.multi) else n
        unit = _unit(c, prop) if prop.type == QUANTITY else None
        bucket = (c.subject, c.property, key, unit)
        members = index.get(bucket)
        if members is None:
            index[bucket] = [c]
            firsts.append(n)
        else:
            members.append(c)
    return _Buckets(list(index), list(index.values()), firsts, cited)


def _components(buckets: list[list[Claim]], cited: set[str] | None = None) -> list[Sequence[int]]:
    """The independent components of the graph sources <-> buckets: per component the indexes of its
    buckets in order, the components in the order of their first bucket. Two buckets are in one
    component when a chain of buckets sharing sources joins them (see the module doc). `cited`: the
    sources of the buckets' claims, when known."""
    if cited is None:
        cited = set(map(attrgetter("source"), chain.from_iterable(buckets)))
    label = {s: n for n, s in enumerate(cited)}  # source -> its component's label
    held = {n: [s] for s, n in label.items()}  # label -> the sources labelled so
    left = len(held) - 1  # joins until every source is in one component
    for m in buckets:
        if left <= 0:  # the common case: every source linked to the others, found in the first buckets
            break
        if len(m) > 1:
            first = label[m[0].source]
            for c in m:
                other = label[c.source]
                if other != first:  # join the smaller component into the larger
                    small, large = (other, first) if len(held[other]) <= len(held[first]) else (first, other)
                    moved = held.pop(small)
                    for src in moved:
                        label[src] = large
                    held[large] += moved
                    first = large
                    left -= 1
    if left <= 0:
        return [range(len(buckets))] if buckets else []  # a range: no int object per bucket
    out: dict[int, list[int]] = {}
    for n, m in enumerate(buckets):
        out.setdefault(label[m[0].source], []).append(n)
    return list(out.values())


def _groups(base: FactBase) -> list[_Group | Claim]:
    """The groups of counted claims, in the order of their first claim (each built with its component's
    comparers: _component_groups)."""
    found = _buckets(base, base.claims, range(len(base.claims)))
    names: list[dict[str, str]] = []
    placed = []
    for members in _components(found.members, found.cited):
        placed += zip(*_component_groups(base, found, members, names))
    placed.sort(key=lambda x: x[0])  # stable: the windows of one bucket stay in order
    return [g for _, g in placed]


def _component_groups(base: FactBase, buckets: _Buckets, members: Sequence[int],
                      names: list[dict[str, str]]) -> tuple[array, list[_Group | Claim]]:
    """(the bucket index of each group, the groups) of the buckets `members` of one component, in bucket
    order. A claim alone in its bucket (most claims: the only one about its subject x property) stands
    for itself, not wrapped in a _Group: it is one fact with one claim, which TruthFinder and analyze
    handle without a group. How a property's values compare (its Comparer: the kind read from its text
    values, the precisions of its numbers) is read from this component's claims only, so that an
    unrelated component changes nothing. `names`: the entity index, made on first need and shared."""
    props = base.properties
    texts: dict[str, list[object]] | None = None
    comparers: dict[str, Comparer] = {}  # property id -> its Comparer (caches shared by its groups)
    orders = array("q")  # 8 bytes a group, not an int object each
    out: list[_Group | Claim] = []
    bucket_keys, bucket_claims = buckets.keys, buckets.members
    for n in members:
        claims = bucket_claims[n]
        if len(claims) == 1:  # most buckets: one claim, one window, one fact (its key is never needed)
            orders.append(n)
            out.append(claims[0])
            continue
        subject, pid, key, _unit = bucket_keys[n]
        prop = props[pid]
        if not names:
            names.append(entity_index(base))
        comparer = comparers.get(pid)
        if comparer is None:
            if texts is None:
                texts = _text_values(base, buckets, members)
            comparer = comparers[pid] = Comparer(compare_kind(prop, texts.get(pid, ())), base)
        windows = [claims]
        if prop.temporal:
            dated = [(c, as_of(c, base)) for c in claims]
            undated = [c for c, d in dated if d is None]
            windows = [
                [c for c, _ in run]
                for run in overlapping_runs([x for x in dated if x[1] is not None],
                                            lambda x: x[1].earliest, lambda x: x[1].latest)
            ]
            if undated:
                windows.append(undated)
        shown_key = None if isinstance(key, int) else key
        # a time of day among the dates: compare instants (a day holds its minutes), not whole days (any
        # of a list: the few claims of a bucket, faster than a generator's frames)
        timed = prop.type == DATE and any([getattr(c.value, "span", None) is not None for c in claims])
        for win in windows:
            facts: dict[Hashable, list[Claim]] = {}
            for c in win:
                fact = _fact_key(c, prop, names[0], comparer, timed)
                same = facts.get(fact)
                if same is None:
                    facts[fact] = [c]
                else:
                    same.append(c)
            orders.append(n)
            out.append(_Group(subject, prop, shown_key, facts, comparer))
    return orders, out


def _text_values(base: FactBase, buckets: _Buckets, members: Iterable[int]) -> dict[str, list[object]]:
    """Per text property without a `compare` setting, the values of the counted claims of the buckets
    `members`: what similarity.text_kind reads to compare times of day as numbers and codes exactly."""
    out: dict[str, list[object]] = defaultdict(list)
    texts = {pid for pid, prop in base.properties.items() if prop.type == TEXT and not prop.compare}
    if texts:
        bucket_keys, bucket_claims = buckets.keys, buckets.members
        for n in members:
            pid = bucket_keys[n][1]
            if pid in texts:
                out[pid].extend(c.value for c in bucket_claims[n])
    return out


def _overlap_sides(facts: list[Hashable]) -> list[list[Hashable]]:
    """Sweep over (low, high, low_open, high_open) intervals; see the module doc."""
    runs: list[list[Hashable]] = []
    cut: tuple[float, bool] | None = None  # smallest high in the run and whether it is open
    for f in sorted(facts, key=itemgetter(0, 2)):
        lo, hi, lo_open, hi_open = f
        if runs and (lo < cut[0] or (lo == cut[0] and not lo_open and not cut[1])):
            runs[-1].append(f)
            if hi < cut[0] or (hi == cut[0] and hi_open):
                cut = (hi, hi_open)
        else:
            runs.append([f])
            cut = (hi, hi_open)
    return runs


def _tokens(fact: Hashable) -> frozenset:
    return fact if isinstance(fact, frozenset) else frozenset(str(fact).split())


def _refine_sides(facts: list[Hashable], comparer: Comparer,
                  conf: dict[Hashable, float] | None = None) -> list[list[Hashable]]:
    """Facts that a more specific fact refines join its side (a coarser value of it); most specific first.
    A fact that several sides' heads refine (a country of two cities) joins the most confident side."""
    sides: list[list[Hashable]] = []
    rank = {f: sum(comparer.refines(f, o) for o in facts) for f in facts}  # how many values f implies
    for f in sorted(facts, key=lambda f: (-rank[f], -comparer.specificity(f), str(f))):
        homes = [s for s in sides if comparer.refines(s[0], f)]
        if not homes:
            sides.append([f])
        else:
            max(homes, key=lambda s: conf.get(s[0], 0.0) if conf else 0.0).append(f)
    return sides


def _intervals(prop: Property, facts: Iterable[Hashable]) -> bool:
    """Whether the facts are all intervals: always for a date or quantity property (_fact_key); for
    another, a text of numbers or times of day is one (a NUMERIC comparer), other texts are not."""
    return prop.type in (DATE, QUANTITY) or all(isinstance(f, tuple) for f in facts)


def _sides(group: _Group, conf: dict[Hashable, float] | None = None) -> list[list[Hashable]]:
    facts = list(group.facts)
    if len(facts) < 2:
        return [facts]
    if _intervals(group.property, facts):
        return _overlap_sides(facts)
    return _refine_sides(facts, group.compare(), conf)


# ---- similarity and TruthFinder ----------------------------------------------------------


def _similarity(a: Hashable, b: Hashable, comparer: Comparer | None = None) -> float:
    """How much a being true supports b, in [0, 1] (similarity.Comparer; by default a text's or a list's)."""
    if comparer is None:
        comparer = Comparer(LIST_KIND if isinstance(a, frozenset) else TEXT_KIND)
    return comparer.similarity(a, b)


def _interval_relations(keys: list[tuple], first: int,
                        comparer: Comparer | None = None) -> tuple[list[int], list[list[tuple[int, float]]]]:
    """For a large group of interval facts: the fact indexes and, per fact, only the facts that
    overlap it (or, compared as numbers, lie within _reach of it) with their similarity. A farther
    fact has similarity 0, so its implication is -BASE_SIM and the iteration adds it for all of them
    at once from the group's total: the work grows with the related pairs, not with the square of
    the group's size."""
    overlaps: list[list[tuple[int, float]]] = [[] for _ in keys]
    order = sorted(range(len(keys)), key=lambda i: keys[i][0])
    reach = _reach(keys, comparer)
    for n, i in enumerate(order):
        for j in order[n + 1:]:
            if keys[j][0] > keys[i][1] + reach:  # sorted by low end: no later fact reaches back to i
                break
            overlaps[i].append((first + j, _similarity(keys[j], keys[i], comparer)))
            overlaps[j].append((first + i, _similarity(keys[i], keys[j], comparer)))
    return list(range(first, first + len(keys))), overlaps


def _reach(keys: list[tuple], comparer: Comparer | None) -> float:
    """How far apart two numeric facts may lie and still support each other more than e^-REACH_PRECISIONS
    (a negligible similarity, taken as 0): REACH_PRECISIONS of the group's coarsest precision; 0 for intervals."""
    if comparer is None or comparer.kind != NUMERIC:
        return 0.0
    return REACH_PRECISIONS * max((comparer.precision.get(k, 0.0) for k in keys), default=0.0)


def _squashed(scores: Iterable[float]) -> list[float]:
    """The facts' confidences from their adjusted scores: 1 / (1 + e^(-gamma * x)) each.

    The exponent is capped at 700 (e^700 is near the largest float): a subject with thousands of
    conflicting claims gives scores far beyond either end, where the result is 0 or 1 (at the low
    end the result is exactly 1 long before the exponent underflows, so it needs no floor). One
    comprehension for all facts, without a min() and a max() call each: those calls were most of its time
    (nor a call of the bound (-GAMMA).__mul__ each, a method-wrapper called through a tuple of arguments)."""
    exp = math.exp
    neg_gamma = -GAMMA
    return [1.0 / (1.0 + exp(700.0 if (e := neg_gamma * x) > 700.0 else e)) for x in scores]


def _votes(pairs: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    """(source, weight) pairs with each source once, at its largest weight: a source that states one
    value several times about one subject votes for it once."""
    best: dict[int, float] = {}
    for si, w in pairs:
        if w > best.get(si, -1.0):
            best[si] = w
    return list(best.items())


def _truthfinder(base: FactBase, groups: list[_Group | Claim], hedged_weight: float, prior_strength: float,
                 sources: Iterable[str] | None = None):
    """Return (trust by source id, confidence per fact, iterations). `sources`: the source ids given a
    trust, besides those the claims cite (by default every declared source; the sources of one
    component when the claims are one component's).

    The confidences are in fact order: group by group, each group's facts in the order of g.facts
    (a lone Claim of _groups is one fact).

    Most facts are *lone*: the only fact of their group, stated by one claim. A lone fact has no
    related facts, so its confidence depends only on its claim's (source, weight): lone facts are
    counted per such class and each class's confidence is computed once per iteration (a few
    hundred classes instead of tens of thousands of facts). The other facts are computed one by one.
    """
    src_ids = list(base.sources if sources is None else sources)
    src_index = {s: i for i, s in enumerate(src_ids)}
    voters: dict[tuple[str, bool], tuple[int, float]] = {}  # (source id, hedged) -> (source index, weight)

    def source(c: Claim) -> tuple[int, float]:
        """(source index, weight) of a claim; a source referenced but not declared still gets a trust score."""
        found = voters.get((c.source, c.hedged))
        if found is None:
            si = src_index.get(c.source)
            if si is None:
                si = src_index[c.source] = len(src_ids)
                src_ids.append(c.source)
            found = voters[c.source, c.hedged] = (si, hedged_weight if c.hedged else 1.0)
        return found

    # (source index, weight) of lone facts -> ~class index: one int object per class, shared by its facts' slots
    classes: dict[tuple[int, float], int] = {}
    lone_slot: dict[tuple[str, bool], int] = {}  # (source id, hedged) of a lone claim -> its ~class index
    slots: list[int] = []  # per fact: its index among the other facts, or ~class index for a lone fact
    fact_sources: list[list[tuple[int, float]]] = []  # per other fact: (source index, weight)
    # the facts related to each other fact, with their implication, flat in arrays (no tuple and float per
    # pair): fact rel_fact[k] has rel_other[rel_start[k]:rel_start[k + 1]] (and rel_imp, the same span)
    rel_fact, rel_start, rel_other, rel_imp = array("q"), array("q", [0]), array("q"), array("d")
    duo_fact, duo_other, duo_imp = array("q"), array("q"), array("d")  # the same for groups of two facts
    big: list[tuple[list[int], list[list[tuple[int, float]]]]] = []  # large interval groups, see below
    for g in groups:
        if isinstance(g, Claim):  # most facts: one dictionary look-up each
            slot = lone_slot.get((g.source, g.hedged))
            if slot is None:
                slot = lone_slot[g.source, g.hedged] = classes.setdefault(source(g), ~len(classes))
            slots.append(slot)
            continue
        if len(g.facts) == 1:  # a time window of one claim
            (claims,) = g.facts.values()
            if len(claims) == 1:
                slots.append(classes.setdefault(source(claims[0]), ~len(classes)))
                continue
        first = len(fact_sources)
        keys = list(g.facts)
        for claims in g.facts.values():
            slots.append(len(fact_sources))
            fact_sources.append(_votes(map(source, claims)) if len(claims) > 1 else [source(claims[0])])
        comparer = g.compare()
        sim = interval_similarity if comparer.kind == INTERVAL else comparer.similarity
        if len(keys) > PAIRWISE_MAX and all(isinstance(f, tuple) for f in keys):
            big.append(_interval_relations(keys, first, comparer))
        elif len(keys) == 2:  # most groups with related facts: no list per fact, no sum over one term
            a, b = keys
            duo_fact.extend((first, first + 1))
            duo_other.extend((first + 1, first))
            duo_imp.extend((sim(b, a) - BASE_SIM, sim(a, b) - BASE_SIM))
        elif len(keys) > 1:
            for i, f in enumerate(keys):
                rel_fact.append(first + i)
                for j, o in enumerate(keys):
                    if j != i:
                        rel_other.append(first + j)
                        rel_imp.append(sim(o, f) - BASE_SIM)
                rel_start.append(len(rel_other))
    prior = [min(max(base.sources[s].trust, 0.0), MAX_TRUST) if s in base.sources else 0.5 for s in src_ids]
    trust = list(prior)
    source_facts: list[list[int]] = [[] for _ in src_ids]  # per source: its other facts (once per claim)
    for fi, pairs in enumerate(fact_sources):
        for si, _w in pairs:
            source_facts[si].append(fi)
    class_list = list(classes)
    source_classes: list[list[tuple[int, int]]] = [[] for _ in src_ids]  # per source: (class, lone facts)
    lone = [0] * len(class_list)
    for s in slots:
        if s < 0:
            lone[~s] += 1
    for ci, (si, _w) in enumerate(class_list):
        source_classes[si].append((ci, lone[ci]))
    counts = [len(fs) + sum(n for _, n in cs) for fs, cs in zip(source_facts, source_classes)]
    # Almost every other fact has one claim too: its sigma is w * tau[s] (what sum() of one term
    # gives), computed once per distinct (s, w) and looked up per fact; the few others are summed as before.
    pair_index: dict[tuple[int, float], int] = {}
    first_pair = array("q", (pair_index.setdefault(pairs[0], len(pair_index)) for pairs in fact_sources))
    pair_list = list(pair_index)
    several = [(fi, pairs) for fi, pairs in enumerate(fact_sources) if len(pairs) > 1]

    # per other fact, the numbers of one iteration in lists: an array of doubles would be smaller (no float
    # object each) but parses each float it stores (PyArg_Parse: 0.3 G instructions at 100k claims, a
    # twentieth of the analysis)
    class_conf = [0.0] * len(class_list)
    squashed = [0.0] * len(fact_sources)  # the facts' confidences
    iterations = 0
    for iterations in range(1, MAX_ITERATIONS + 1):
        tau = [-math.log(1.0 - min(t, MAX_TRUST)) for t in trust]
        class_conf = _squashed(w * tau[s] for s, w in class_list)
        pair_sigma = [w * tau[s] for s, w in pair_list]
        # a list of the pairs' floats (as small as an array of doubles: one pointer a fact, the floats shared), read
        # without making a float at each read
        sigma = list(map(pair_sigma.__getitem__, first_pair))
        for fi, pairs in several:
            sigma[fi] = sum(w * tau[s] for s, w in pairs)
        adjusted = list(sigma)
        sigma_of = sigma.__getitem__
        # each related pair's product sigma * imp in one pass, then each fact's sum of its span of them
        for fi, product in zip(duo_fact, map(mul, map(sigma_of, duo_other), duo_imp)):  # the sum of one term
            adjusted[fi] += RHO * product
        products = list(map(mul, map(sigma_of, rel_other), rel_imp))
        for k, fi in enumerate(rel_fact):
            adjusted[fi] += RHO * sum(products[rel_start[k]:rel_start[k + 1]])
        del products
        for members, overlaps in big:  # the same sum: disjoint facts imply -BASE_SIM each
            total = sum(sigma[m] for m in members)
            for fi, others in zip(members, overlaps):
                adjusted[fi] += RHO * (sum(sigma[o] * sim for o, sim in others) - BASE_SIM * (total - sigma[fi]))
        squashed = _squashed(adjusted)
        conf_of = squashed.__getitem__
        new = [(prior_strength * prior[i] + sum(n * class_conf[ci] for ci, n in source_classes[i])
                + sum(map(conf_of, source_facts[i]))) / (prior_strength + counts[i])
               if counts[i] else trust[i] for i in range(len(src_ids))]
        delta = max((abs(a - b) for a, b in zip(new, trust)), default=0.0)
        trust = new
        if delta < TOLERANCE:
            break
    return dict(zip(src_ids, trust)), [squashed[s] if s >= 0 else class_conf[~s] for s in slots], iterations


# ---- causes ------------------------------------------------------------------------------


def _midpoint(side: Sequence[Claim], base: FactBase) -> float | None:
    days = [d for d in (as_of(c, base) for c in side) if d is not None]
    if not days:
        return None
    return sum((d.earliest.toordinal() + d.latest.toordinal()) / 2 for d in days) / len(days)


def _rounding(side: list[Hashable], comparer: Comparer) -> float:
    """How far a side's values may be off by rounding: half the coarsest precision of its point
    values ("13,000": 500; "07:10": half a minute). A range, a qualified value ("around 600", "more
    than 14,000") already states how far it reaches and is not widened again."""
    return max((comparer.precision.get(f, 0.0) / 2 for f in side if f[0] == f[1]), default=0.0)


def _cause(prop: Property, a: list[Hashable], b: list[Hashable], ca: Sequence[Claim], cb: Sequence[Claim],
           base: FactBase, comparer: Comparer | None = None) -> tuple[str, str]:
    if prop.temporal:
        ma, mb = _midpoint(ca, base), _midpoint(cb, base)
        if ma is not None and mb is not None and abs(ma - mb) > OUT_OF_DATE_DAYS:
            return OUT_OF_DATE, f"the sources date these values {abs(ma - mb) / 365.25:.1f} years apart"
    both = (*a, *b)
    if _intervals(prop, both):
        lo_side, hi_side = (a, b) if max(f[1] for f in a) < max(f[1] for f in b) else (b, a)
        gap = min(f[0] for f in hi_side) - min(f[1] for f in lo_side)
        if prop.type == DATE and any(f[3] for f in both):  # instants (a time of day): [low, high)
            minutes = round(gap * 1440)
            if gap < min(_width(f) for f in both):
                return PRECISION, f"the times are {minutes} minutes apart, less than the finer precision"
            return ERROR, f"the times are {minutes} minutes apart, more than either's precision"
        if prop.type == DATE:
            gap -= 1  # whole days strictly between the intervals
            narrow = min(_width(f) + 1 for f in both)
            if gap < narrow:
                return PRECISION, f"the dates are {max(gap, 0):.0f} days apart, less than the finer precision"
            return ERROR, f"the dates are {gap:.0f} days apart, more than either's precision"
        if comparer is not None and comparer.kind == NUMERIC:
            slack = _rounding(lo_side, comparer) + _rounding(hi_side, comparer)
            if gap <= slack:
                return PRECISION, f"the values are {gap:g} apart, within their rounding ({slack:g})"
            return ERROR, f"the values are {gap:g} apart, more than their rounding ({slack:g})"
        scale = max((abs(x) for f in both for x in f[:2] if math.isfinite(x)), default=0.0)
        if gap <= NEAR_FRACTION * scale:
            return PRECISION, f"the intervals are only {gap:g} apart ({NEAR_FRACTION:.0%} or less)"
        return ERROR, "the intervals are far apart"
    kind = comparer.kind if comparer is not None else compare_kind(prop)
    if prop.type == TEXT and kind == TEXT_KIND and _similarity(str(a[0]), str(b[0])) >= 0.9:
        return PRECISION, "the texts are near-identical spellings"
    if prop.type == LIST:
        if _tokens(a[0]) & _tokens(b[0]):
            return PRECISION, "the lists share members but neither contains the other (scope differs)"
    return ERROR, "the values are incompatible"


# ---- the analysis ----------------------------------------------------------------------------


def analyze(base: FactBase, hedged_weight: float | None = None, prior_strength: float = PRIOR_STRENGTH,
            confidences: bool = True) -> Analysis:
    """Conflicts, source trust and claim confidence (none without `confidences`: analyze_part; a check
    run keeps it in its index: index.Index.analysis)."""
    return combine(base, [analyze_part(base, base.claims, None, hedged_weight, prior_strength, confidences)])


@dataclass
class Part:
    """The analysis of some of a fact base's claims that make up whole components (analyze_part):
    what combine joins, and what a check run may keep between runs (resultcache.py)."""

    trust: dict[str, float]  # the sources its claims cite
    confidence: dict[str, float]  # claim id -> confidence of its value
    conflicts: list[tuple[int, Conflict]]  # (position of the first claim of its group, conflict), in that order
    iterations: int  # the most of any of its components (0: none)


def analyze_part(base: FactBase, claims: Sequence[Claim], positions: Sequence[int] | None = None,
                 hedged_weight: float | None = None, prior_strength: float = PRIOR_STRENGTH,
                 confidences: bool = True) -> Part:
    """The analysis of `claims`, claims of `base` at `positions` in it (by default 0, 1, ...: claims are
    its first), component by component. Without `confidences` (a check run reads the conflicts only)
    the confidence of each claim is not kept (1M claims: a dict of 40 MB).

    Each component (see the module doc) is weighed on its own, to its own convergence: its result
    depends on its claims and the declarations they use, never on another component's claims. So
    the analysis of claims that share no source and no subject with the rest of a fact base is the
    same alone as within it (what lets resultcache.py keep an unchanged file's part)."""
    weight = base.settings.hedged_weight if hedged_weight is None else hedged_weight
    if positions is None:
        positions = range(len(claims))
    found = _buckets(base, claims, positions)
    firsts = found.firsts
    names: list[dict[str, str]] = []
    built = [_component_groups(base, found, members, names) for members in _components(found.members, found.cited)]
    del found  # the groups hold what the weighing needs: the buckets go (1M claims: about 0.15 GB)
    built.reverse()
    part = Part({}, {}, [], 0)
    while built:  # each component's groups freed once weighed
        orders, groups = built.pop()
        trust, fact_conf, iterations = _truthfinder(base, groups, weight, prior_strength, ())  # the sources cited
        part.trust.update(trust)
        part.iterations = max(part.iterations, iterations)
        confidence = part.confidence
        fi = 0
        for n, g in zip(orders, groups):
            if isinstance(g, Claim):  # a lone claim: one fact, nothing to conflict with
                if confidences:
                    confidence[g.id] = fact_conf[fi]
                fi += 1
                continue
            first = fi
            fi += len(g.facts)
            if confidences:
                for group_claims, conf in zip(g.facts.values(), fact_conf[first:fi]):
                    for c in group_claims:
                        confidence[c.id] = conf
            if fi - first > 1:  # one fact: no sides to conflict
                by_fact = dict(zip(g.facts, fact_conf[first:fi]))
                sides = _sides(g, by_fact)
                if len(sides) > 1:
                    part.conflicts.append((firsts[n], _conflict(base, g, sides, by_fact)))
    part.conflicts.sort(key=lambda x: x[0])  # stable: the windows of one group stay in order
    return part


def combine(base: FactBase, parts: Iterable[Part]) -> Analysis:
    """One Analysis of a fact base from the Parts of its claims (together, every claim once): the
    conflicts in the order of their first claim, every declared source's trust (its prior when no
    claim cites it), then those of sources cited but not declared. The first part's confidences
    become the analysis's (the parts are not used again)."""
    parts = list(parts)
    trust = {s: min(max(src.trust, 0.0), MAX_TRUST) for s, src in base.sources.items()}
    result = Analysis(trust=trust, iterations=max((p.iterations for p in parts), default=0) or 1)
    if parts:
        result.confidence = parts[0].confidence  # taken over, not copied (100k claims: 100k entries)
    for n, p in enumerate(parts):
        trust.update(p.trust)
        if n:
            result.confidence.update(p.confidence)
    result.conflicts = [c for _, c in sorted((c for p in parts for c in p.conflicts), key=lambda x: x[0])]
    return result


def _named(facts: list[Hashable], comparer: Comparer, fact_conf: dict[Hashable, float],
           votes: dict[Hashable, int] | None = None) -> Hashable:
    """The value a side names: its most specific value that the evidence supports (confidence at
    least SUPPORTED), else its most confident one. Its coarser values are inferred from it."""
    if comparer.kind == LIST_KIND:
        return _named_list(facts, comparer, fact_conf, votes or {})
    supported = [f for f in facts if fact_conf[f] >= SUPPORTED]
    if not supported:
        return max(facts, key=lambda f: fact_conf[f])
    return max(supported, key=lambda f: (sum(comparer.refines(f, o) for o in facts), comparer.specificity(f),
                                         fact_conf[f]))


def _named_list(facts: list[Hashable], comparer: Comparer, fact_conf: dict[Hashable, float],
                votes: dict[Hashable, int]) -> Hashable:
    """The list a side names. A list with more members is named when the evidence for it is at
    least as strong as for the lists it contains: its confidence (a partial list supports the fuller
    one), then how many claims state it, then its length (confidences saturate at 1); a longer list
    is as often padded with wrong names as it is more complete (the book data). A list that refines
    that one member by member, with no added member ("L1-9/I-19AMS" for "L1-9", a city for its
    province), is the same answer at a finer precision: named when supported, as other values."""
    best = max(facts, key=lambda f: (fact_conf[f], votes.get(f, 0), len(f), sorted(f)))
    finer = [f for f in facts if f != best and len(f) == len(best) and fact_conf[f] >= SUPPORTED
             and comparer.refines(f, best)]
    if not finer:
        return best
    return max(finer, key=lambda f: (sum(comparer.refines(f, o) for o in finer), fact_conf[f], sorted(f)))


def _odds(conf: float) -> float:
    """conf / (1 - conf): e^(gamma * score) of the squashed score (capped where conf rounds to 1)."""
    return conf / max(1.0 - conf, 1e-12)


def _ranked_sides(base: FactBase, g: _Group, sides: list[list[Hashable]],
                  fact_conf: dict[Hashable, float]) -> list[tuple[Side, list[Hashable], Hashable]]:
    """(side, its facts, the fact it names) per side, the most likely first. Sides rank by their most
    confident value (the values of a side all hold together); each names its most specific supported
    value (_named; a side of overlapping intervals names the narrowest at the side's confidence).

    The confidence shown for a side is its share of the odds of all sides: the sides exclude each
    other, so their shown confidences add up to 1 (TruthFinder's own confidences saturate near 1 for
    every well-attested value and are not probabilities; the shares are calibrated, see
    benchmarks/truthfinder_books.py)."""
    built: list[tuple[float, float, list[Claim], list[Hashable], Hashable]] = []
    by_fact = g.facts
    for facts in sides:
        if len(facts) == 1:  # most sides: one value, its own claims, precision and confidence
            named = facts[0]
            claims = by_fact[named]
            strength = own = fact_conf[named]
        else:
            claims = [c for f in facts for c in by_fact[f]]
            strength = max(fact_conf[f] for f in facts)
            if isinstance(facts[0], tuple):
                named, own = min(facts, key=_width), strength
            else:
                named = _named(facts, g.compare(), fact_conf, {f: len(by_fact[f]) for f in facts})
                own = fact_conf[named]
        built.append((round(strength, 4), _odds(own), claims, facts, named))
    total = sum(odds for _, odds, _, _, _ in built)
    out = []  # (sort key, side, its facts, the fact it names)
    for strength, odds, claims, facts, named in built:
        side = Side(label(by_fact[named][0], base), tuple(claims), round(odds / total, 4))
        out.append(((-strength, -len(claims), side.label), side, facts, named))
    out.sort(key=itemgetter(0))
    return [(side, facts, named) for _, side, facts, named in out]


def _conflict(base: FactBase, g: _Group, sides: list[list[Hashable]],
              fact_conf: dict[Hashable, float]) -> Conflict:
    built = _ranked_sides(base, g, sides, fact_conf)
    (likely, fa, _), (runner, fb, _) = built[0], built[1]
    cause, why = _cause(g.property, fa, fb, likely.claims, runner.claims, base, g.compare())
    explanation = (f"'{likely.label}' ({', '.join(likely.sources)}) vs '{runner.label}' "
                   f"({', '.join(runner.sources)}): {why}; "
                   f"more likely '{likely.label}' (confidence {likely.confidence:.2f})")
    return Conflict(g.subject, g.property.id, g.key, tuple(s for s, _, _ in built), cause, likely, explanation)


@dataclass(frozen=True)
class Likely:
    """The value named likely for one subject x property (x key, x time window), with the claim that
    states it and its confidence."""

    subject: str
    property: str
    key: str | None
    label: str
    claim: Claim
    confidence: float


def likely_values(base: FactBase, analysis: Analysis | None = None) -> list[Likely]:
    """The value named likely for every group of counted claims (what `conflicts` names for the groups
    that conflict), in the order of their first claim: for benchmarks and for users' own evaluations."""
    if analysis is None:
        analysis = analyze(base)
    conf = analysis.confidence
    out = []
    for g in _groups(base):
        if isinstance(g, Claim):
            out.append(Likely(g.subject, g.property, g.key, label(g, base), g, conf[g.id]))
            continue
        fact_conf = {f: conf[claims[0].id] for f, claims in g.facts.items()}
        side, _facts, named = _ranked_sides(base, g, _sides(g, fact_conf), fact_conf)[0]
        out.append(Likely(g.subject, g.property.id, g.key, side.label, g.facts[named][0], side.confidence))
    return out


def in_file_order(conflicts: Iterable[Conflict]) -> list[Conflict]:
    """The conflicts sorted by the line of their first claim."""
    return sorted(conflicts, key=lambda c: min(x.location.line for s in c.sides for x in s.claims))


def find_conflicts(base: FactBase, hedged_weight: float = 0.5) -> list[Conflict]:
    """Every conflict in the fact base, in file order of their first claim."""
    return in_file_order(analyze(base, hedged_weight).conflicts)


def accepted_reasons(conflicts: Iterable[Conflict]) -> list[str | None]:
    """Per conflict, the reason an `accepted` SF301 entry on one of its claims gives (what `check`
    marks its SF301 finding with), or None when no claim accepts it: not yet reviewed."""
    from spacefacts.diagnostics import acceptances, accepted_reason

    out = []
    for conflict in conflicts:
        claims = conflict.claims
        out.append(accepted_reason(acceptances(claims), "SF301", [c.id for c in claims]))
    return out


def conflicts_by_source(conflicts: Iterable[Conflict]) -> dict[str, int]:
    """How many conflicts each source takes part in."""
    counts: dict[str, int] = defaultdict(int)
    for conflict in conflicts:
        for src in {c.source for side in conflict.sides for c in side.claims}:
            counts[src] += 1
    return dict(counts)
