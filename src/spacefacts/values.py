"""Claim values for comparing and showing, shared by the conflict finder (truth.py), the
consistency checks and the renderers: a value as text, a date or quantity as an interval of
numbers, the date a value held, and runs of overlapping intervals. Pure functions.
"""

from __future__ import annotations

from spacefacts.model import DATE, QUANTITY, Claim, FactBase, Property


def as_of(claim: Claim, base: FactBase):
    """The date a claim's value held: as_of, else when, else its source's published date (or None)."""
    if claim.as_of is not None:
        return claim.as_of
    if claim.when is not None:
        return claim.when
    src = base.sources.get(claim.source)
    return src.published if src else None


_SECOND = 1 / 86400  # of a day


def interval(claim: Claim, prop: Property, timed: bool = False) -> tuple[float, float, bool, bool] | None:
    """(low, high, low_open, high_open) of a date (day ordinals) or quantity value, else None.

    A date is [first day, last day]. With `timed` (the claims compared include a time of day) a date
    is the instants it covers, in days: a day d is [d, d + 1), a minute within it a part of that."""
    v = claim.value
    if prop.type == DATE and hasattr(v, "earliest"):
        if timed:
            first, after = _instants(v)
            return (first, after, False, True)
        return (float(v.earliest.toordinal()), float(v.latest.toordinal()), False, False)
    if prop.type == QUANTITY and hasattr(v, "low"):
        return (v.low, v.high, v.low_open, v.high_open)
    return None


def in_property_unit(claim: Claim, base: FactBase) -> Claim:
    """The claim with its quantity value in its property's unit when its unit converts to it (as the
    loader reads the fact file's claims: units.in_unit); for claims made elsewhere (a document's)."""
    prop = base.properties.get(claim.property)
    v = claim.value
    if prop is None or prop.type != QUANTITY or not hasattr(v, "low"):
        return claim
    from spacefacts.units import in_unit

    converted = in_unit(v, prop.unit or claim.unit, base.units, prop.tolerance)
    return claim if converted is v else claim._replace(value=converted)


def _instants(v) -> tuple[float, float]:
    """[first, after last) instant of a date in day ordinals (with the fraction of the day)."""
    span = getattr(v, "span", None)
    if span is None:
        return float(v.earliest.toordinal()), float(v.latest.toordinal() + 1)

    def days(t):
        return t.toordinal() + (t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6) * _SECOND

    return days(span[0]), days(span[1])


def label(claim: Claim, base: FactBase | None = None) -> str:
    """The claim's value as text at its own precision."""
    v = claim.value
    if hasattr(v, "display"):
        try:
            return v.display()
        except Exception:  # an unfinished display() must not break a report
            return str(getattr(v, "text", claim.raw))
    if isinstance(v, (tuple, list)):
        return ", ".join(map(str, v))
    if base is not None and isinstance(v, str) and v in base.entities:
        return base.entities[v].name
    return str(v if v is not None else claim.raw)


def overlapping_runs(items: list, low, high) -> list[list]:
    """Sort items by low(item) and split them into maximal runs whose [low, high] intervals share a point."""
    runs: list[list] = []
    cut = None
    for it in sorted(items, key=low):
        if runs and low(it) <= cut:
            runs[-1].append(it)
            cut = min(cut, high(it))
        else:
            runs.append([it])
            cut = high(it)
    return runs


__all__ = ["as_of", "in_property_unit", "interval", "label", "overlapping_runs"]
