"""How much one value being true supports another, per kind of value (pure functions, no I/O).

truth.py compares the distinct values ("facts") of one subject x property (x key) with a Comparer
chosen from the property's type and its optional `compare` setting:

| kind | default for | a and b are the same value at two precisions when | otherwise |
|---|---|---|---|
| interval | date, quantity | their intervals overlap (support: the share of a inside b) | 0 |
| numeric | (quantity, text) | their intervals overlap | support decays as e^(-gap / precision) |
| text | text | b's words are a subset of a's, or b is an ancestor entity of a | the fuzzy token-set ratio |
| exact | (text, entity, list) | b's words are a leading part of a's ("L1-9" of "L1-9/I-19AMS") | 0 |
| hierarchy | (text, entity) | b's words are a subset of a's, or b is an ancestor entity of a | 0 |
| entity | entity | b is a (transitive) `parent` / `located_in` of a | 0 |
| set | list | b is a subset of a | the share of a's members that b names |

Support is directed: when a *refines* b (a is the more specific value: a true makes b true) a
supports b fully (1); the coarser b supports the finer a only as much as it supports nothing
(BASE_SIM: neither for nor against), so a general value ("USA") is never preferred over the specific
values it is inferred from, as in TDH (Jung, Kim and Shim, EDBT 2019). The value named likely in a
side is the most specific one the evidence supports (see truth.py). Lists are the exception: a partial
list supports the fuller ones (the share of its members they name), and a side of lists names its most
confident list, since a longer list is as often padded with wrong names as it is more complete.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable
from functools import lru_cache

from spacefacts.model import DATE, ENTITY, LIST, QUANTITY, TEXT, Claim, FactBase, Property

BASE_SIM = 0.5  # the similarity that neither supports nor contradicts (implication = similarity - BASE_SIM)
INTERVAL, NUMERIC, TEXT_KIND, EXACT, HIERARCHY, ENTITY_KIND, SET = (
    "interval", "numeric", "text", "exact", "hierarchy", "entity", "set")
DEFAULT_COMPARE = {DATE: INTERVAL, QUANTITY: NUMERIC, TEXT: TEXT_KIND, ENTITY: ENTITY_KIND, LIST: SET}
COMPARE_CHOICES = {  # the `compare` settings a property of each type may declare, its default first
    DATE: (INTERVAL,),
    QUANTITY: (NUMERIC, INTERVAL),
    TEXT: (TEXT_KIND, EXACT, NUMERIC, HIERARCHY),
    ENTITY: (ENTITY_KIND, EXACT, HIERARCHY),
    LIST: (SET, EXACT),
}
HIERARCHY_LINKS = ("parent", "located_in")  # entity links that make the target an ancestor of the entity
_TIME = re.compile(r"^[a-z]{0,3}\s*([01]?\d|2[0-3])\s*[:h.]?\s*([0-5]\d)\s*(am|pm)?$")
_DIGITS = re.compile(r"\d+")
_CLOCK = re.compile(r"^(?:t(?:[01]\d|2[0-3])[0-5]\d|(?:[01]?\d|2[0-3])[:h][0-5]\d(?:\s*[ap]m)?)$")  # 07:10, 7h10, t0710, 7:10 am
_CODE = re.compile(r"^(?=\S*\d)\S{1,24}$")  # one short token with a digit: L1-9, KX-417, 2019-032
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.(\d+))?")


def compare_kind(prop: Property, values: Iterable[object] = ()) -> str:
    """The kind of comparison for this property's values: its `compare` setting, else its type's
    default; a text property without a setting is read from its values (text_kind)."""
    setting = getattr(prop, "compare", None)
    if setting:
        return setting
    if prop.type == TEXT:
        return text_kind(values)
    return DEFAULT_COMPARE.get(prop.type, TEXT_KIND)


def text_kind(values: Iterable[object]) -> str:
    """How the texts of one property compare when it declares no `compare`: NUMERIC when every value
    is a time of day ("07:10", "7h10", "t0710", "7:10 pm": minutes), EXACT when every value is a code
    (one token of at most 24 characters with a digit: "L1-9", "KX-417"), else TEXT_KIND (fuzzy).
    A fuzzy ratio between "t0710" and "t0715" or "L1-9" and "L1-8" is high, yet they are different
    answers."""
    texts = [v.strip().casefold() for v in values if isinstance(v, str)]
    if not texts:
        return TEXT_KIND
    if all(_CLOCK.match(t) for t in texts):
        return NUMERIC
    if all(_CODE.match(t) for t in texts):
        return EXACT
    return TEXT_KIND


def text_number(text: str) -> tuple[float, float] | None:
    """(value, precision) of a time of day ("07:10", "7h10", "t0710": minutes since midnight, to
    the minute) or else of the first number in a text (precision: the place value of its last
    digit), or None."""
    t = text.strip().casefold()
    m = _TIME.match(t)
    if m and (":" in t or "h" in t or len(m.group(1)) == 2 or m.group(3)):
        hours = int(m.group(1)) % 12 + (12 if m.group(3) == "pm" else 0) if m.group(3) else int(m.group(1))
        return float(hours * 60 + int(m.group(2))), 1.0
    m = _NUMBER.search(t)
    if not m:
        return None
    digits = m.group(0).replace(",", "")
    return float(digits), 10.0 ** -len(m.group(1) or "")


@lru_cache(maxsize=4096, typed=True)  # few distinct values, many claims each (100k: 16,036 calls, 361 values)
def quantity_precision(text: str, low: float, high: float) -> float:
    """The precision of a quantity: its width, else the place value of the last non-zero digit
    written when it is followed by two zeros or more ("13,000" -> 1000, "500" -> 100; "72", "10",
    "120" -> 1; a scale word scales it)."""
    if high > low and math.isfinite(high - low):
        return high - low
    found = text_number(text.split("/")[0]) if text else None
    value = abs(low) if math.isfinite(low) else 0.0
    if found is None or not value:
        return 1.0
    place = found[1]
    n = abs(found[0])
    while n and place < n and (n / (place * 10)).is_integer():
        place *= 10
    if place == 10 * found[1]:  # one trailing zero ("10 missions", "120") is as often exact as rounded
        place = found[1]
    return place * (value / n if n else 1.0)


def interval_similarity(a: tuple, b: tuple) -> float:
    """How much interval a being true supports interval b: 0 when disjoint, else the share of a
    inside b, at least BASE_SIM (a point inside b: 1)."""
    if a[0] > b[1] or b[0] > a[1]:
        return 0.0
    width = a[1] - a[0]
    inside = min(a[1], b[1]) - max(a[0], b[0])
    return max(BASE_SIM, inside / width if width > 0 else 1.0)


class Comparer:
    """Similarity and refinement between the fact keys of one property (see the module doc).

    A key is what truth._fact_key gives: an interval tuple (low, high, low_open, high_open), a
    normalised text or entity id, or a frozenset of list members. Derived data (words, ancestors)
    is cached per key, so comparing the pairs of a group costs a dictionary look-up each."""

    def __init__(self, kind: str, base: FactBase | None = None):
        self.kind = kind
        self.base = base
        self.precision: dict[Hashable, float] = {}  # numeric: key -> precision, filled by note_precision
        self._words: dict[Hashable, tuple[str, ...]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        self._digits: dict[str, tuple[str, ...]] = {}
        self._refines: dict[tuple[Hashable, Hashable], bool] = {}  # (a, b) -> refines(a, b), non-intervals

    # -- derived data --------------------------------------------------------------------------

    def note_precision(self, key: Hashable, precision: float) -> None:
        """Record a numeric key's precision (the coarsest of the claims giving this key)."""
        self.precision[key] = max(self.precision.get(key, 0.0), precision)

    def words(self, key: Hashable) -> tuple[str, ...]:
        w = self._words.get(key)
        if w is None:
            w = self._words[key] = tuple(key) if isinstance(key, frozenset) else tuple(str(key).split())
        return w

    def digits(self, key: str) -> tuple[str, ...]:
        """The numbers written in a text, in order."""
        d = self._digits.get(key)
        if d is None:
            d = self._digits[key] = tuple(_DIGITS.findall(key))
        return d

    def ancestors(self, key: Hashable) -> frozenset[str]:
        """The entities a key's entity is part of, through HIERARCHY_LINKS (transitively); empty for a non-entity."""
        if not isinstance(key, str) or self.base is None or key not in self.base.entities:
            return frozenset()
        found = self._ancestors.get(key)
        if found is None:
            seen: list[str] = []
            todo = [key]
            while todo:
                ent = self.base.entities.get(todo.pop())
                for rel, target in ent.links if ent else ():
                    if rel in HIERARCHY_LINKS and target not in seen and target != key:
                        seen.append(target)
                        todo.append(target)
            found = self._ancestors[key] = frozenset(seen)
        return found

    def _is_entity(self, key: Hashable) -> bool:
        return isinstance(key, str) and self.base is not None and key in self.base.entities

    # -- relations -------------------------------------------------------------------------------

    def refines(self, a: Hashable, b: Hashable) -> bool:
        """Whether a is b or a more specific value of it (a being true makes b true). Two intervals
        compare at once; other values once a pair (truth asks about each pair of a group several
        times: similarity both ways, sides, the value named)."""
        if a == b:
            return True
        if isinstance(a, tuple) or isinstance(b, tuple):  # interval, numeric: a inside b
            return isinstance(a, tuple) and isinstance(b, tuple) and b[0] <= a[0] and a[1] <= b[1]
        found = self._refines.get((a, b))
        if found is None:
            found = self._refines[a, b] = self._value_refines(a, b)
        return found

    def _value_refines(self, a: Hashable, b: Hashable) -> bool:
        """refines for two different values other than intervals."""
        kind = self.kind
        if isinstance(a, frozenset) and isinstance(b, frozenset):  # every member of b, or a finer form of it, in a
            return kind == SET and len(b) <= len(a) and all(any(self._member_refines(m, n) for m in a) for n in b)
        if kind in (TEXT_KIND, HIERARCHY, ENTITY_KIND) and b in self.ancestors(a):
            return True
        if kind == ENTITY_KIND or self._is_entity(a) or self._is_entity(b):
            return False
        wa, wb = self.words(a), self.words(b)
        if kind == EXACT:
            return len(wb) < len(wa) and wa[:len(wb)] == wb
        return kind in (TEXT_KIND, HIERARCHY) and len(wb) < len(wa) and set(wb) <= set(wa)

    def similarity(self, a: Hashable, b: Hashable) -> float:
        """How much a being true supports b, in [0, 1]; BASE_SIM is neutral."""
        if isinstance(a, tuple) and isinstance(b, tuple):
            if self.kind == NUMERIC and (a[0] > b[1] or b[0] > a[1]):
                gap = max(a[0], b[0]) - min(a[1], b[1])
                scale = max(self.precision.get(a, 0.0), self.precision.get(b, 0.0))
                return math.exp(-gap / scale) if scale > 0 and math.isfinite(gap) else 0.0
            return interval_similarity(a, b)
        if a == b:
            return 1.0
        if self.kind == SET and isinstance(a, frozenset) and isinstance(b, frozenset):
            return self._set_similarity(a, b)
        if self.refines(a, b):
            return 1.0
        if self.refines(b, a):
            return BASE_SIM
        if isinstance(a, frozenset) and isinstance(b, frozenset):
            return 0.0
        if self.kind != TEXT_KIND or not isinstance(a, str) or not isinstance(b, str):
            return 0.0
        if self._is_entity(a) and self._is_entity(b):  # two different entities: ids are not spellings
            return 0.0
        if self.digits(a) != self.digits(b):  # codes, serials, times: "L1-9" is not a misspelt "L1-8"
            return 0.0
        from rapidfuzz import fuzz

        return fuzz.token_set_ratio(a, b) / 100.0

    def _member_refines(self, m: str, n: str) -> bool:
        """Whether list member m is n or a finer form of it: n's words begin m's ("L1-9/I-19AMS" of
        "L1-9") or n is an ancestor entity of m."""
        if m == n:
            return True
        if n in self.ancestors(m):
            return True
        wm, wn = self.words(m), self.words(n)
        return len(wn) < len(wm) and wm[:len(wn)] == wn

    def _set_similarity(self, a: frozenset, b: frozenset) -> float:
        """The share of a's members that b names (the member or a coarser form of it): if a is the
        true list, b is right about that much of it (a partial listing supports the full one fully;
        the full one supports a partial one in part)."""
        if not a:
            return 0.0
        return sum(self._member_support(m, b) for m in a) / len(a)

    def _member_support(self, m: str, b: frozenset) -> float:
        """1 when list b names member m or a coarser form of it, BASE_SIM when only a finer form
        (neither for nor against m), else 0."""
        if m in b or any(self._member_refines(m, n) for n in b):
            return 1.0
        return BASE_SIM if any(self._member_refines(n, m) for n in b) else 0.0

    def specificity(self, key: Hashable) -> float:
        """Larger for a more specific value; a value that refines another is always larger."""
        if isinstance(key, tuple):
            return -(key[1] - key[0])
        return float(len(self.ancestors(key)) + len(self.words(key)))


def claim_precision(claim: Claim, prop: Property, kind: str) -> float:
    """The precision of a claim's numeric value (0 when it has none)."""
    v = claim.value
    if kind != NUMERIC:
        return 0.0
    if hasattr(v, "low"):
        return quantity_precision(str(getattr(v, "text", "") or claim.raw), v.low, v.high)
    if isinstance(v, str):
        found = text_number(v)
        return found[1] if found else 0.0
    return 0.0


__all__ = ["BASE_SIM", "COMPARE_CHOICES", "DEFAULT_COMPARE", "HIERARCHY_LINKS", "Comparer", "claim_precision",
           "compare_kind", "interval_similarity", "quantity_precision", "text_number"]
