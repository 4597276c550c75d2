"""Quantities: a number with a qualifier and a unit, always an interval.

INTERFACE (implemented by the values work; other modules code against it):

    parse_quantity(raw, unit=None, tolerance=None) -> Quantity   raw: int | float | str
        raises QuantityError (a ValueError) with a readable message
    Quantity.low / .high                       floats, may be -inf / inf
    Quantity.low_open / .high_open             strict bounds ("more than", "fewer than")
    Quantity.qualifier                         one of QUALIFIERS
    Quantity.value                             the nominal number written
    Quantity.unit                              normalised unit or None
    Quantity.overlaps(other) -> bool           both can be true at once (units must match; None matches any)
    Quantity.display() -> str                  human text, e.g. "around 13,000 satellites"
    numbers_in_text(text) -> list[float]       every number a text states, in any common written form
"""

from __future__ import annotations

import math
from dataclasses import dataclass

QUALIFIERS = ("exact", "about", "more_than", "at_least", "fewer_than", "at_most", "up_to", "range")


class QuantityError(ValueError):
    """A quantity the parser does not understand."""


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float
    low: float
    high: float
    qualifier: str = "exact"
    unit: str | None = None
    low_open: bool = False
    high_open: bool = False

    def display(self) -> str:
        raise NotImplementedError


def parse_quantity(raw: int | float | str, unit: str | None = None, tolerance: float | None = None) -> Quantity:
    raise NotImplementedError


def numbers_in_text(text: str) -> list[float]:
    raise NotImplementedError


_ = math
