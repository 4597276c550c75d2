"""Date values: every date a curator writes becomes a closed interval with its precision.

Interface:

    parse_date(text: str) -> DateValue          raises DateError (a ValueError) with a readable message
    DateValue.earliest / .latest                datetime.date, closed interval
    DateValue.precision                         one of PRECISIONS
    DateValue.approximate / .uncertain          EDTF '~' / '?' ('%' sets both)
    DateValue.open_start / .open_end            '../2014', '2014/..'
    DateValue.overlaps(other) -> bool           the two intervals share at least one day
    DateValue.display() -> str                  human text at the real precision
    DateValue.edtf() -> str | None              EDTF text with the same meaning, where one exists
    DateValue.sort_key                          tuple for chronological sorting

Accepted forms (case-insensitive, surrounding and repeated whitespace ignored):

    EDTF subset     2021   2021-04   2021-04-29   with a trailing ~ (approximate), ? (uncertain)
                    or % (both): 2020~  2021-04?  2020%
                    intervals 2020-01/2020-04, open ends ../2014 and 2014/.. (an empty end
                    counts as open: 2014/)
    phrases         early 2020 (Jan-Apr), mid-2022 / mid 2022 (May-Aug), late 2015 (Sep-Dec)
                    Q2 2016 / 2016-Q2, 2010s, January 2019 / Jan 2019 / Jan. 2019 / Sept 2019,
                    23 January 2025 / January 23, 2025 / Jan 23 2025
                    "c. 2020" / "circa 2020" (approximate), and what display() writes:
                    "Jan 2020 – Apr 2020", "… – 2014", "2014 – …"
    times of day    2021-04-29T19:59 (minute), T19:59:33 / T19:59:33.5 (second), with Z or an
                    offset (+08:00, -0500) converted to UTC; no zone means UTC. DateValue.at is
                    the written instant, DateValue.span the [first, after last) instants, and
                    earliest / latest the UTC days they touch. `T19:59?` widens by one minute.
                    overlaps() compares instants when both dates have a time, else days.
    Python values   datetime.date (day precision), int (a year)

Years run from 1 to 9999 and are written with four digits in the EDTF forms.

Widening rule. An approximate or uncertain date widens its interval by one unit of its
precision on each side, so the interval spans three times the precision, as the GCAT
catalogue does: `2020~` -> 2019-01-01..2021-12-31, `2021-04?` -> 2021-03-01..2021-05-31,
a day widens by one day, a part of a year (early/mid/late) by four months, a quarter by
three months, a decade by ten years. `%` (approximate and uncertain) widens by the same
single unit. An interval runs from its start's earliest to its end's latest, so a
qualified end point carries its widening into the interval. Open ends use the sentinels
OPEN_START (0001-01-01) and OPEN_END (9999-12-31) with open_start / open_end set.
Widening stops at those sentinels.

Differences from the `edtf` package (used as a test oracle): for year precision its
lower_fuzzy/upper_fuzzy match this rule for `~` and `?`; for `%` it widens by two years
where this module widens by one; for month and day precision it also pads by a year, where
this module pads by one month or one day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

PRECISIONS = ("second", "minute", "day", "month", "part", "quarter", "year", "decade", "interval")

OPEN_START = dt.date(1, 1, 1)
OPEN_END = dt.date(9999, 12, 31)

FORMS_HINT = (
    "expected e.g. 2021, 2021-04, 2021-04-29, 2020~, 2020?, 2020-01/2020-04, ../2014, "
    "early 2020, mid-2022, late 2015, Q2 2016, 2010s, January 2019, 23 January 2025"
)

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTHS = {name.lower(): i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTHS.update({abbr.lower(): i + 1 for i, abbr in enumerate(_MONTH_ABBR)})
_MONTHS["sept"] = 9
_PARTS = {"early": 1, "mid": 5, "late": 9}  # first month of each third of the year
_PART_NAMES = {month: part for part, month in _PARTS.items()}
# Length of one precision unit in months (day precision is handled apart).
_UNIT_MONTHS = {"month": 1, "part": 4, "quarter": 3, "year": 12, "decade": 120}

_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# a day with a time of day (lower-cased): 1961-09-12t19:59, t19:59:33, t19:59:33.5, then z or an offset
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})t(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(z|[+-]\d{2}(?::?\d{2})?)?"
)
_TIME_UNIT = {"minute": dt.timedelta(minutes=1), "second": dt.timedelta(seconds=1)}
_DECADE = re.compile(r"(\d{3}0)'?s")
_PART = re.compile(r"(early|mid|late)[- ]?(\d{4})")
_QUARTER = re.compile(r"q([1-4])[- ]?(\d{4})|(\d{4})[- ]?q([1-4])")
_MONTH_YEAR = re.compile(_MONTH_RE + r",? ?(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? " + _MONTH_RE + r",? ?(\d{4})")
_MONTH_DAY_YEAR = re.compile(_MONTH_RE + r" (\d{1,2})(?:st|nd|rd|th)?,? ?(\d{4})")
_CIRCA = re.compile(r"(?:c\.|ca\.|circa) ?")
_SPACES = re.compile(r"\s+")
_RANGE_SEP = re.compile(r" ?– ?| - | to ")
_OPEN = {"..", "…", "...", ""}


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
    start: DateValue | None = None  # the two ends of an interval (None when open or not an interval)
    end: DateValue | None = None
    strict: tuple[dt.date, dt.date] | None = None  # the interval before ~ / ? widening, when widened
    at: dt.datetime | None = None  # a time of day as written, in UTC (minute and second precision)
    span: tuple[dt.datetime, dt.datetime] | None = None  # [first, after last) instant in UTC, when a time is given

    def overlaps(self, other: DateValue) -> bool:
        """True when the two intervals share at least one day, or, when both give a time of day,
        at least one instant (a day and a time within it agree; two minutes of one day do not)."""
        if self.span is not None and other.span is not None:
            return self.span[0] < other.span[1] and other.span[0] < self.span[1]
        return self.earliest <= other.latest and other.earliest <= self.latest

    @property
    def sort_key(self) -> tuple:
        """Chronological: first day, first time of day (midnight without a time), last day, last time."""
        if self.span is None:
            return (self.earliest, dt.time.min, self.latest, dt.time.max)
        return (self.earliest, self.span[0].time(), self.latest, self.span[1].time())

    def unwidened(self) -> tuple[dt.date, dt.date]:
        """The interval before widening for ~ / ?."""
        return self.strict or (self.earliest, self.latest)

    def display(self) -> str:
        """Human text at the real precision: "2020", "Jan 2019", "early 2020", "c. 2020", ..."""
        if self.precision == "interval":
            left = "…" if self.open_start or self.start is None else self.start.display()
            right = "…" if self.open_end or self.end is None else self.end.display()
            return f"{left} – {right}"
        first, last = self.unwidened()
        if self.at is not None:
            text = f"{self.at.day} {_MONTH_ABBR[self.at.month - 1]} {self.at.year} {_clock(self.at, self.precision)} UTC"
        elif self.precision == "day":
            text = f"{first.day} {_MONTH_ABBR[first.month - 1]} {first.year}"
        elif self.precision == "month":
            text = f"{_MONTH_ABBR[first.month - 1]} {first.year}"
        elif self.precision == "part":
            text = f"{_PART_NAMES.get(first.month, 'early')} {first.year}"
        elif self.precision == "quarter":
            text = f"Q{(first.month - 1) // 3 + 1} {first.year}"
        elif self.precision == "decade":
            text = f"{first.year}s"
        else:
            text = str(first.year)
        if self.approximate:
            text = "c. " + text
        if self.uncertain:
            text += "?"
        return text

    def edtf(self) -> str | None:
        """EDTF (ISO 8601-2) text with the same interval, or None where EDTF has no equivalent."""
        if self.precision == "interval":
            left = ".." if self.open_start or self.start is None else self.start.edtf()
            right = ".." if self.open_end or self.end is None else self.end.edtf()
            if left is None or right is None:
                return None
            # an end that is itself an interval ("early 2020") contributes its outer bound
            return f"{left.split('/')[0]}/{right.split('/')[-1]}"
        first, last = self.unwidened()
        mark = {(True, True): "%", (True, False): "~", (False, True): "?"}.get((self.approximate, self.uncertain), "")
        if self.at is not None:
            return f"{self.at.date().isoformat()}T{_clock(self.at, self.precision)}Z" + mark
        if self.precision == "day":
            return first.isoformat() + mark
        if self.precision == "month":
            return f"{first.year:04d}-{first.month:02d}" + mark
        if self.precision == "year":
            return f"{first.year:04d}" + mark
        if mark:
            return None
        if self.precision == "decade":
            return f"{first.year:04d}/{last.year:04d}"
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"


def parse_date(text: str | dt.date | int) -> DateValue:
    """Parse a date in any accepted form (see the module docstring) into a DateValue.

    Raises DateError, saying what is wrong and which forms are accepted.
    """
    if isinstance(text, str):
        return _parse_text(text)
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return DateValue(text.isoformat(), text, text, "day")
    if isinstance(text, int) and not isinstance(text, bool):
        if not 1 <= text <= 9999:
            raise DateError(f"year {text} is outside 1..9999")
        return DateValue(str(text), dt.date(text, 1, 1), dt.date(text, 12, 31), "year")
    raise DateError(f"a date must be text, a TOML date or a year number, not {type(text).__name__}")


@lru_cache(maxsize=1 << 16)
def _parse_text(text: str) -> DateValue:
    norm = _SPACES.sub(" ", text.strip().lower())
    if not norm:
        raise DateError(f"empty date: {FORMS_HINT}")
    match = _ISO.fullmatch(norm)  # fast path: YYYY, YYYY-MM, YYYY-MM-DD
    if match:
        return _single(text, match)
    if "/" in norm:
        parts = norm.split("/")
        if len(parts) != 2:
            raise DateError(f"'{text}': an interval has exactly one '/': {FORMS_HINT}")
        return _interval(text, parts[0].strip(), parts[1].strip())
    parts = _RANGE_SEP.split(norm)
    if len(parts) == 2:
        return _interval(text, parts[0], parts[1])
    return _point(text, norm)


def _interval(text: str, left: str, right: str) -> DateValue:
    open_start, open_end = left in _OPEN, right in _OPEN
    if open_start and open_end:
        raise DateError(f"'{text}': an interval needs at least one end: {FORMS_HINT}")
    start = None if open_start else _point(left, left)
    end = None if open_end else _point(right, right)
    earliest = OPEN_START if start is None else start.earliest
    latest = OPEN_END if end is None else end.latest
    if start is not None and end is not None and start.earliest > end.latest:
        raise DateError(f"'{text}': the interval ends before it starts")
    parts = [p for p in (start, end) if p is not None]
    span = None
    if any(p.span is not None for p in parts):
        first = dt.datetime.min if start is None else _instants(start)[0]
        after = dt.datetime.max if end is None else _instants(end)[1]
        if first >= after:
            raise DateError(f"'{text}': the interval ends before it starts")
        span = (first, after)
    return DateValue(
        text, earliest, latest, "interval",
        approximate=any(p.approximate for p in parts),
        uncertain=any(p.uncertain for p in parts),
        open_start=open_start, open_end=open_end, start=start, end=end, span=span,
    )


def _instants(d: DateValue) -> tuple[dt.datetime, dt.datetime]:
    """[first, after last) instant of a date: its span, or its days from midnight to midnight."""
    if d.span is not None:
        return d.span
    after = dt.datetime.max if d.latest == OPEN_END else dt.datetime.combine(d.latest + dt.timedelta(days=1), dt.time())
    return dt.datetime.combine(d.earliest, dt.time()), after


def _point(text: str, norm: str) -> DateValue:
    """One date (not an interval), with an optional circa prefix and ~ ? % suffix."""
    norm = norm.strip()
    approximate = uncertain = False
    if norm and norm[-1] in "~?%":
        mark, norm = norm[-1], norm[:-1].rstrip()
        approximate, uncertain = mark in "~%", mark in "?%"
        if norm and norm[-1] in "~?%":
            raise DateError(f"'{text}': use one of ~ ? % (% means both): {FORMS_HINT}")
    circa = _CIRCA.match(norm)
    if circa:
        approximate, norm = True, norm[circa.end():]
    flags = (approximate, uncertain)
    if match := _ISO.fullmatch(norm):
        return _single(text, match, flags)
    if "t" in norm and (match := _DATETIME.fullmatch(norm)):
        return _timed(text, match, flags)
    if match := _PART.fullmatch(norm):
        month = _PARTS[match[1]]
        return _months(text, _year(match[2], text), month, month + 3, "part", flags)
    if match := _QUARTER.fullmatch(norm):
        quarter, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        month = 3 * int(quarter) - 2
        return _months(text, _year(year, text), month, month + 2, "quarter", flags)
    if match := _DECADE.fullmatch(norm):
        year = _year(match[1], text)
        return _finish(text, dt.date(year, 1, 1), dt.date(min(year + 9, 9999), 12, 31), "decade", flags)
    if match := _MONTH_YEAR.fullmatch(norm):
        return _months(text, _year(match[2], text), _MONTHS[match[1]], _MONTHS[match[1]], "month", flags)
    if match := _DAY_MONTH_YEAR.fullmatch(norm):
        return _day(text, _year(match[3], text), _MONTHS[match[2]], int(match[1]), flags)
    if match := _MONTH_DAY_YEAR.fullmatch(norm):
        return _day(text, _year(match[3], text), _MONTHS[match[1]], int(match[2]), flags)
    if re.fullmatch(r"[\d-]+", norm) and re.match(r"\d{1,3}(?:-|$)|\d{5}", norm):
        raise DateError(f"'{text}': write the year with four digits (0001..9999): {FORMS_HINT}")
    raise DateError(f"'{text}' is not a date this tool understands: {FORMS_HINT}")


def _timed(text: str, match: re.Match, flags: tuple[bool, bool]) -> DateValue:
    """A day with a time of day (UTC unless an offset is written), at minute or second precision."""
    day = _single(text, _ISO.fullmatch(match[1]))
    hour, minute = int(match[2]), int(match[3])
    second = int(match[4]) if match[4] is not None else 0
    micro = round(float(match[5]) * 1_000_000) if match[5] else 0
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"'{text}': the time of day {match[2]}:{match[3]}"
                        f"{':' + match[4] if match[4] else ''} is out of range (00:00 to 23:59:59)")
    at = dt.datetime.combine(day.earliest, dt.time(hour, minute, second, min(micro, 999_999)))
    zone = match[6]
    if zone and zone != "z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        if offset >= dt.timedelta(hours=24) or int(digits[2:] or 0) > 59:
            raise DateError(f"'{text}': the offset {zone} is out of range")
        try:
            at -= sign * offset
        except OverflowError:
            raise DateError(f"'{text}': the date falls outside years 1..9999 in UTC") from None
    precision = "minute" if match[4] is None else "second"
    unit = _TIME_UNIT[precision]
    first, after = at, at + unit if at < dt.datetime.max - unit else dt.datetime.max
    approximate, uncertain = flags
    if approximate or uncertain:  # the widening rule: one unit of the precision on each side
        first = at - unit if at > dt.datetime.min + unit else dt.datetime.min
        after = after + unit if after < dt.datetime.max - unit else dt.datetime.max
    last = after - dt.timedelta(microseconds=1)
    strict = (at.date(), at.date()) if (approximate or uncertain) else None
    return DateValue(text, first.date(), last.date(), precision, approximate, uncertain,
                     strict=strict, at=at, span=(first, after))


def _clock(at: dt.datetime, precision: str) -> str:
    """HH:MM, HH:MM:SS or HH:MM:SS.f as the precision and the written fraction call for."""
    if precision == "minute":
        return f"{at.hour:02d}:{at.minute:02d}"
    text = f"{at.hour:02d}:{at.minute:02d}:{at.second:02d}"
    if at.microsecond:
        text += f".{at.microsecond:06d}".rstrip("0")
    return text


def _year(digits: str, text: str) -> int:
    year = int(digits)
    if year < 1:
        raise DateError(f"'{text}': year {year} is outside 1..9999")
    return year


def _single(text: str, match: re.Match, flags: tuple[bool, bool] = (False, False)) -> DateValue:
    year = _year(match[1], text)
    if match[2] is None:
        return _finish(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", flags)
    if len(match[2]) != 2 or (match[3] is not None and len(match[3]) != 2):
        raise DateError(f"'{text}': write months and days with two digits (2021-04-09): {FORMS_HINT}")
    month = int(match[2])
    if match[3] is None:
        return _months(text, year, month, month, "month", flags)
    return _day(text, year, month, int(match[3]), flags)


def _months(text: str, year: int, first: int, last: int, precision: str, flags: tuple[bool, bool]) -> DateValue:
    if not 1 <= first <= 12:
        raise DateError(f"'{text}': month {first} is out of range (1-12)")
    end = dt.date(year, last, _month_length(year, last))
    return _finish(text, dt.date(year, first, 1), end, precision, flags)


def _day(text: str, year: int, month: int, day: int, flags: tuple[bool, bool]) -> DateValue:
    if not 1 <= month <= 12:
        raise DateError(f"'{text}': month {month} is out of range (1-12)")
    length = _month_length(year, month)
    if not 1 <= day <= length:
        raise DateError(
            f"'{text}': {_MONTH_NAMES[month - 1]} {year} has {length} days, so day {day} does not exist"
        )
    day_date = dt.date(year, month, day)
    return _finish(text, day_date, day_date, "day", flags)


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _finish(
    text: str, earliest: dt.date, latest: dt.date, precision: str, flags: tuple[bool, bool] = (False, False)
) -> DateValue:
    approximate, uncertain = flags
    if not (approximate or uncertain):
        return DateValue(text, earliest, latest, precision)
    first, last = _widen(earliest, latest, precision)
    return DateValue(text, first, last, precision, approximate, uncertain, strict=(earliest, latest))


def _widen(earliest: dt.date, latest: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """Move both ends outwards by one unit of precision, stopping at OPEN_START / OPEN_END."""
    if precision == "day":
        step = dt.timedelta(days=1)
        first = OPEN_START if earliest - OPEN_START < step else earliest - step
        last = OPEN_END if OPEN_END - latest < step else latest + step
        return first, last
    months = _UNIT_MONTHS[precision]
    first_index = max(earliest.year * 12 + earliest.month - 1 - months, 12)
    last_index = min(latest.year * 12 + latest.month - 1 + months, 9999 * 12 + 11)
    first_year, first_month = divmod(first_index, 12)
    last_year, last_month = divmod(last_index, 12)
    last_day = _month_length(last_year, last_month + 1)
    return dt.date(first_year, first_month + 1, 1), dt.date(last_year, last_month + 1, last_day)
