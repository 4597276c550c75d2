"""Units: when two unit names are one unit, and the conversions a fact file declares in `[units]`.

    [units]
    t = "1000 kg"       # one t is 1000 kg
    tonnes = "t"        # an alias: the same unit under another name
    Gbps = "1000 Mbps"

Interface:

    unit_key(unit) -> str                   the unit as quantities.py normalises it, each word singular:
                                            'satellites/year' and 'satellite/year' give one key
    declare(table) -> (Units, problems)     a [units] table read; problems: (code, unit, message)
    Units.factor(a, b) -> float | None      1 a = factor b; None when a does not convert to b
    Units.alternatives(unit) -> tuple       the declared units that convert to `unit`, as written
    Units.unknown_targets(in_use) -> problems   declarations that reach no unit a property or claim is in
    in_unit(q, unit, units, tolerance) -> Quantity   THE conversion: q in `unit` when its unit converts
    claim_quantity(raw, unit, prop, units) -> Quantity   a claim's value as the fact base holds it

Two units convert when they are one after unit_key, when declarations lead from one to the other, or
when one is the other with a scale word before it (`billion yuan` is 10^9 CNY: built in, as values
already read "6.7 billion yuan"). A currency never converts to another currency: exchange rates move,
so no fixed factor is true (a declaration that tries is a problem). Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacefacts.quantities import _CURRENCY, _SCALE_WORDS, _UNIT_RE, Quantity, QuantityError, _norm_unit, parse_quantity

UNITS_CODE = "SF114"
_CURRENCIES = frozenset(_CURRENCY.values())
_WORDS = re.compile(r"[^\W\d_]+|[$¥€£]")


@lru_cache(maxsize=4096)
def unit_key(unit: str) -> str:
    """The unit with each word made singular: 'satellites/year' and 'satellite/year' give one key."""
    out, word = [], ""
    for ch in _norm_unit(unit) + " ":
        if ch.isalpha():
            word += ch
            continue
        if word:
            out.append(_singular(word))
            word = ""
        out.append(ch)
    return "".join(out).strip()


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("ses"):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _currencies(unit: str) -> frozenset[str]:
    """The currencies a unit names ('yuan/kg' -> {CNY})."""
    words = {_norm_unit(unit), *(_norm_unit(w) for w in _WORDS.findall(unit))}
    return frozenset(words & _CURRENCIES)


@dataclass(frozen=True)
class Units:
    """The declared conversions of one fact base: each declared unit's key -> (factor, root key), one
    of the unit being `factor` of the root (a unit no declaration defines)."""

    roots: dict[str, tuple[float, str]] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # unit key -> the unit as first written
    declared: dict[str, str] = field(default_factory=dict)  # declared unit (as written) -> its declaration

    def resolve(self, unit: str) -> tuple[float, str]:
        """(factor, root key): one `unit` is factor of the root. A unit nothing defines is its own root."""
        return _resolve(self, unit_key(unit))

    def factor(self, a: str, b: str) -> float | None:
        """How many b one a is; None when a does not convert to b."""
        fa, ra = self.resolve(a)
        fb, rb = self.resolve(b)
        return fa / fb if ra == rb else None

    def alternatives(self, unit: str) -> tuple[str, ...]:
        """The declared units (as written) that convert to `unit`, other than itself."""
        root = self.resolve(unit)[1]
        members = {k for k, (_, r) in self.roots.items() if r == root}
        if not members:
            return ()
        members.add(root)
        members.discard(unit_key(unit))
        return tuple(sorted({self.written.get(k, k) for k in members}, key=str.lower))

    def unknown_targets(self, in_use: set[str]) -> list[tuple[str, str, str]]:
        """(code, unit, message) for each declaration whose units (it, its target and every unit
        converting to them) include none a property or claim is in: most likely a misspelt target."""
        from spacefacts.text import did_you_mean

        used = {self.resolve(u)[1] for u in in_use}
        out = []
        for name, text in self.declared.items():
            if self.resolve(name)[1] in used:
                continue
            target = _target(text)
            hint = did_you_mean(target, sorted(in_use)) if in_use else ""
            out.append((UNITS_CODE, name, f"[units] {name} = \"{text}\": unknown unit '{target}' (no property or "
                        f"claim is in it, in {name} or in another unit converting to them){hint}"))
        return out


def _resolve(units: Units, key: str) -> tuple[float, str]:
    hit = units.roots.get(key)
    if hit is not None:
        return hit
    word, _, rest = key.partition(" ")
    exponent = _SCALE_WORDS.get(word)
    if exponent and rest:  # "billion yuan": 10^9 CNY
        f, root = units.resolve(rest)
        return 10.0**exponent * f, root
    return 1.0, key


EMPTY = Units()


def _target(text: str) -> str:
    """The unit a declaration's text names ("1000 kg" -> "kg", "t" -> "t")."""
    return _NUMBER_LEAD.sub("", text.strip()) or text.strip()


_NUMBER_LEAD = re.compile(r"^[\d.,]+(?:\s*(?:thousand|million|billion|trillion))?\s*", re.IGNORECASE)


def _read(name: str, text: object) -> tuple[float, str] | str:
    """(factor, target key) of one declaration, or the problem with it."""
    if not isinstance(text, str):
        kind = {bool: "boolean", int: "number", float: "number", list: "list", dict: "table"}.get(type(text), "")
        return f"must be a string such as \"1000 kg\" or a unit's name, not {kind or type(text).__name__}"
    if not _UNIT_RE.fullmatch(_norm_unit(name)) or not name.strip():
        return "is not a unit's name (units are words such as kg, km, Mbps)"
    body = text.strip()
    if not any(c.isdigit() for c in body):  # an alias: "t", "RMB"
        if not _UNIT_RE.fullmatch(_norm_unit(body)):
            return f"'{body}' is not a unit (write an amount of another unit, e.g. \"1000 kg\", or a unit's name)"
        return 1.0, unit_key(body)
    try:
        q = parse_quantity(body)
    except QuantityError as exc:
        return str(exc)
    if q.qualifier != "exact" or q.unit is None or not (q.value > 0 and math.isfinite(q.value)):
        return "must be one positive amount of another unit, e.g. \"1000 kg\""
    return q.value, unit_key(q.unit)


def declare(table: dict) -> tuple[Units, list[tuple[str, str, str]]]:
    """The Units of a `[units]` table and the problems found, each (code, unit as written, message).

    A declaration with a problem is left out: a value that is not text (SF106), an amount that does not
    read, one currency declared in another, a unit declared twice in two ways (its singular and
    plural, or two spellings of one currency) and a cycle (SF114)."""
    problems: list[tuple[str, str, str]] = []
    edges: dict[str, tuple[float, str]] = {}
    names: dict[str, str] = {}  # declared unit key -> the unit as declared
    written: dict[str, str] = {}  # any unit key -> as first written
    declared: dict[str, str] = {}
    for name, text in table.items():
        got = _read(name, text)
        if isinstance(got, str):
            if not isinstance(text, str):
                problems.append(("SF106", name, f"[units] {name} {got}"))
            else:
                problems.append((UNITS_CODE, name, f"[units] {name} = \"{text}\": {got}"))
            continue
        factor, target = got
        key = unit_key(name)
        mine, theirs = _currencies(name), _currencies(text)
        if mine and theirs and mine != theirs:
            problems.append((UNITS_CODE, name, f"[units] {name} = \"{text}\": a currency does not convert to "
                             "another by a fixed factor (exchange rates move); keep each amount in the currency "
                             "its source gives"))
            continue
        if key == target:
            if factor != 1.0:
                problems.append((UNITS_CODE, name, f"[units] {name} = \"{text}\": {name} and {_target(text)} "
                                 f"are one unit, which cannot be {factor:g} of itself"))
            continue  # a second name of one unit ("yuan" = "RMB"): nothing to declare
        if key in edges:
            if edges[key] != (factor, target):
                first = names[key]
                problems.append((UNITS_CODE, name, f"[units] {name} = \"{text}\" contradicts {first} = "
                                 f"\"{declared[first]}\": one unit declared twice, two ways"))
            continue
        edges[key], names[key], declared[name] = (factor, target), name, text
        written.setdefault(key, name)
        written.setdefault(target, _target(text))
    roots, cycles, left_out = _roots(edges)
    for cycle in cycles:
        first = names[cycle[0]]
        shown = [names[k] for k in cycle]
        problems.append((UNITS_CODE, first, f"[units] {first} = \"{declared[first]}\": the declarations go "
                         f"round in a cycle ({' -> '.join([*shown, first])}); declare each unit in terms of one "
                         "that is not declared in terms of it"))
    for k in left_out:  # in a cycle, or leading into one: reported with the cycle
        declared.pop(names[k], None)
    return Units(roots, written, declared), problems


def _roots(edges: dict[str, tuple[float, str]]) -> tuple[dict[str, tuple[float, str]], list[list[str]], set[str]]:
    """Each declared unit's (factor, root), following the declarations; the cycles; and the units left
    out (in a cycle or leading into one)."""
    roots: dict[str, tuple[float, str]] = {}
    cycles: list[list[str]] = []
    bad: set[str] = set()
    for start in edges:
        path: list[str] = []
        key = start
        while key in edges and key not in roots and key not in bad and key not in path:
            path.append(key)
            key = edges[key][1]
        if key in path:  # round in a cycle: its members stay undeclared, what leads into it too
            cycle = path[path.index(key):]
            cycles.append(cycle)
            bad.update(path)
            continue
        if key in bad:
            bad.update(path)
            continue
        factor, root = roots.get(key, (1.0, key))
        for k in reversed(path):
            factor *= edges[k][0]
            roots[k] = (factor, root)
    return roots, cycles, bad


def _round(x: float) -> float:
    return float(f"{x:.12g}") if math.isfinite(x) else x


def in_unit(q: Quantity, unit: str | None, units: Units = EMPTY, tolerance: float | None = None) -> Quantity:
    """q in `unit` when q's unit converts to it (else q as it is): the one place quantities change unit.

    The numbers are multiplied by the factor (rounded to 12 significant digits, so that 1,200 kg is
    1.2 t exactly), an "about" value takes `tolerance` (the property's, in `unit`) around the
    converted number, and `written` keeps q as it was written (what its quote states)."""
    if q.unit is None or unit is None or q.unit == unit:
        return q
    target = _norm_unit(unit)
    if q.unit == target:
        return q
    f = units.factor(q.unit, unit)
    if f is None:
        return q
    if f == 1.0:
        return replace(q, unit=target)
    value = _round(q.value * f)
    if q.qualifier == "about" and tolerance is not None:
        low, high = value - tolerance, value + tolerance
    else:
        low, high = _round(q.low * f), _round(q.high * f)
    shift = math.log10(f)  # keep "million", "billion" of a written scale word when the factor allows
    scale = q.scale + round(shift) if q.scale and shift.is_integer() and q.scale + shift in (6, 9, 12) else 0
    return replace(q, value=value, low=low, high=high, unit=target, scale=scale, written=q.written or q)


def claim_quantity(raw: int | float | str, unit: str | None, prop, units: Units = EMPTY) -> Quantity:
    """A claim's quantity as the fact base holds it: read with the claim's `unit` (else its property's)
    as the default, then in its property's unit (else the claim's) when it is in one converting to it.
    Raises QuantityError."""
    q = parse_quantity(raw, unit or prop.unit, prop.tolerance)
    return in_unit(q, prop.unit or unit, units, prop.tolerance)


__all__ = ["EMPTY", "UNITS_CODE", "Units", "claim_quantity", "declare", "in_unit", "unit_key"]
