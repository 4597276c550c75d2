"""Date values: every date a curator writes becomes a closed interval with its precision.

INTERFACE (implemented by the values work; other modules code against it):

    parse_date(text: str) -> DateValue          raises DateError (a ValueError) with a readable message
    DateValue.earliest / .latest                datetime.date, closed interval
    DateValue.precision                         one of PRECISIONS
    DateValue.approximate / .uncertain          EDTF '~' / '?' ('%' sets both)
    DateValue.open_start / .open_end            '../2014', '2014/..'
    DateValue.overlaps(other) -> bool           the two intervals share at least one day
    DateValue.display() -> str                  human text at the real precision
    DateValue.sort_key                          tuple for chronological sorting
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRECISIONS = ("day", "month", "part", "quarter", "year", "decade", "interval")


class DateError(ValueError):
    """A date the parser does not understand."""


@dataclass(frozen=True, slots=True)
class DateValue:
    text: str  # as written
    earliest: dt.date
    latest: dt.date
    precision: str
    approximate: bool = False
    uncertain: bool = False
    open_start: bool = False
    open_end: bool = False

    def overlaps(self, other: DateValue) -> bool:
        return self.earliest <= other.latest and other.earliest <= self.latest

    @property
    def sort_key(self) -> tuple:
        return (self.earliest, self.latest)

    def display(self) -> str:
        raise NotImplementedError


def parse_date(text: str) -> DateValue:
    raise NotImplementedError
