"""Quantities: qualifiers, scales, units, tolerance from rounding, intervals, display, numbers in text."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacefacts.quantities import QUALIFIERS, Quantity, QuantityError, numbers_in_text, parse_quantity

INF = math.inf

VALID = [
    # raw, value, low, high, qualifier, unit
    (72, 72, 72, 72, "exact", None),
    (2.5, 2.5, 2.5, 2.5, "exact", None),
    ("72", 72, 72, 72, "exact", None),
    ("13000", 13000, 13000, 13000, "exact", None),
    ("13,000", 13000, 13000, 13000, "exact", None),
    ("1,234.5", 1234.5, 1234.5, 1234.5, "exact", None),
    ("13,000 satellites", 13000, 13000, 13000, "exact", "satellites"),
    ("1 satellite", 1, 1, 1, "exact", "satellites"),
    ("6.7 billion yuan", 6.7e9, 6.7e9, 6.7e9, "exact", "CNY"),
    ("13 thousand", 13000, 13000, 13000, "exact", None),
    ("1.2 million", 1.2e6, 1.2e6, 1.2e6, "exact", None),
    ("728.1 billion", 728.1e9, 728.1e9, 728.1e9, "exact", None),
    ("13k", 13000, 13000, 13000, "exact", None),
    ("1.2bn", 1.2e9, 1.2e9, 1.2e9, "exact", None),
    ("1.2 bn", 1.2e9, 1.2e9, 1.2e9, "exact", None),
    ("$924 million", 924e6, 924e6, 924e6, "exact", "USD"),
    ("$924m", 924e6, 924e6, 924e6, "exact", "USD"),
    ("US$103 billion", 103e9, 103e9, 103e9, "exact", "USD"),
    ("USD 5", 5, 5, 5, "exact", "USD"),
    ("5 dollars", 5, 5, 5, "exact", "USD"),
    ("RMB 728.1 billion", 728.1e9, 728.1e9, 728.1e9, "exact", "CNY"),
    ("CNY 10", 10, 10, 10, "exact", "CNY"),
    ("¥5 billion", 5e9, 5e9, 5e9, "exact", "CNY"),
    ("500 Mbps", 500, 500, 500, "exact", "mbps"),
    ("1,000 km", 1000, 1000, 1000, "exact", "km"),
    ("500m", 500, 500, 500, "exact", "m"),  # metres, not million, without a currency
    ("around 13,000", 13000, 12500, 13500, "about", None),
    ("about 500", 500, 450, 550, "about", None),
    ("approximately 72", 72, 71.5, 72.5, "about", None),
    ("roughly 6.7 billion yuan", 6.7e9, 6.65e9, 6.75e9, "about", "CNY"),
    ("some 500 satellites", 500, 450, 550, "about", "satellites"),
    ("nearly 1,000", 1000, 500, 1500, "about", None),
    ("~13,000", 13000, 12500, 13500, "about", None),
    ("about 0.25", 0.25, 0.245, 0.255, "about", None),
    ("more than 14,000", 14000, 14000, INF, "more_than", None),
    ("over 1,000 satellites", 1000, 1000, INF, "more_than", "satellites"),
    ("above 5", 5, 5, INF, "more_than", None),
    ("greater than 5", 5, 5, INF, "more_than", None),
    ("> 5", 5, 5, INF, "more_than", None),
    ("at least 50", 50, 50, INF, "at_least", None),
    (">=50", 50, 50, INF, "at_least", None),
    ("fewer than 10", 10, 0, 10, "fewer_than", None),
    ("less than 10", 10, 0, 10, "fewer_than", None),
    ("under 10 km", 10, 0, 10, "fewer_than", "km"),
    ("below 10", 10, 0, 10, "fewer_than", None),
    ("<10", 10, 0, 10, "fewer_than", None),
    ("at most 3", 3, 0, 3, "at_most", None),
    ("no more than 3", 3, 0, 3, "at_most", None),
    ("<= 3", 3, 0, 3, "at_most", None),
    ("up to 600", 600, 0, 600, "up_to", None),
    ("500 to 600", 500, 500, 600, "range", None),
    ("500-600", 500, 500, 600, "range", None),
    ("500–600 satellites/year", 500, 500, 600, "range", "satellites/year"),
    ("between 500 and 600", 500, 500, 600, "range", None),
    ("from 500 to 600 satellites", 500, 500, 600, "range", "satellites"),
    ("1.2 to 1.5 billion yuan", 1.2e9, 1.2e9, 1.5e9, "range", "CNY"),
    ("  AROUND   13,000   Satellites ", 13000, 12500, 13500, "about", "satellites"),
    ("5 satellites per year", 5, 5, 5, "exact", "satellites per year"),
    ("3 km2", 3, 3, 3, "exact", "km2"),
    ("50%", 50, 50, 50, "exact", "%"),
]


@pytest.mark.parametrize(("raw", "value", "low", "high", "qualifier", "unit"), VALID)
def test_valid_forms(raw, value, low, high, qualifier, unit) -> None:
    q = parse_quantity(raw)
    assert q.value == pytest.approx(value)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert (q.qualifier, q.unit) == (qualifier, unit)
    assert q.qualifier in QUALIFIERS
    assert q.text == str(raw)


@pytest.mark.parametrize(
    ("raw", "low_open", "high_open"),
    [("more than 5", True, False), ("at least 5", False, False), ("fewer than 5", False, True),
     ("at most 5", False, False), ("up to 5", False, False), ("about 5", False, False), ("5", False, False)],
)
def test_open_bounds(raw: str, low_open: bool, high_open: bool) -> None:
    q = parse_quantity(raw)
    assert (q.low_open, q.high_open) == (low_open, high_open)


def test_default_unit_and_tolerance() -> None:
    assert parse_quantity("13,000", unit="satellite").unit == "satellites"
    assert parse_quantity(72, unit="yuan").unit == "CNY"
    assert parse_quantity("$5", unit="satellites").unit == "USD"  # the text wins
    q = parse_quantity("about 13,000", tolerance=100)
    assert (q.low, q.high) == (12900, 13100)
    assert parse_quantity("13,000", tolerance=100).high == 13000  # tolerance is for "about" only


def test_values_parse_exactly_like_float_text() -> None:
    assert parse_quantity("728.1 billion").value == 728.1e9
    assert parse_quantity("6.7 billion").value == 6.7e9


INVALID = [
    ("", "empty"),
    ("lots", "no number"),
    ("about", "no number"),
    ("hundreds of satellites", "no number"),
    ("6.7 billion yuan ($924 million)", "one amount per value"),
    ("600 to 500", "down to"),
    ("between 500", "two numbers"),
    ("5 5", "cannot read '5'"),
    ("about 500-600", "cannot read '-600'"),
    ("$5 yuan", "two units"),
    ("5 to", "not a unit"),
    ("5 and 6", "cannot read 'and 6'"),
    ("about 5 to 6", "cannot read 'to 6'"),
    ("5 to 6 to 7", "cannot read 'to 7'"),
    ("5e3", "cannot read 'e3'"),
    ("1,00", "cannot read ',00'"),
    ("5 sat(s)", "one amount per value"),
    ("5 km!", "not a unit"),
    ("-5", "no number"),
]


@pytest.mark.parametrize(("raw", "message"), INVALID)
def test_invalid_forms(raw: str, message: str) -> None:
    with pytest.raises(QuantityError, match=message):
        parse_quantity(raw)


@pytest.mark.parametrize("raw", [None, True, [1], float("nan"), float("inf")])
def test_invalid_python_values(raw: object) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(raw)  # type: ignore[arg-type]


def test_invalid_arguments() -> None:
    with pytest.raises(QuantityError):
        parse_quantity("5", tolerance=-1)
    with pytest.raises(QuantityError):
        parse_quantity("5", unit=3)  # type: ignore[arg-type]


# The cases from issue 2.
def test_issue_cases() -> None:
    assert parse_quantity("around 13,000").contains(12_992)
    assert not parse_quantity("around 13,000").contains(13_600)
    assert not parse_quantity("more than 14,000").overlaps(parse_quantity(13_000))
    assert not parse_quantity("more than 14,000").contains(14_000)
    assert parse_quantity("more than 14,000").contains(14_001)
    assert parse_quantity("500 to 600").contains(550)
    assert parse_quantity("6.7 billion yuan").unit == "CNY"
    assert parse_quantity("over 1,000 satellites").overlaps(parse_quantity("648 satellites")) is False
    assert parse_quantity(72).overlaps(parse_quantity("around 70"))


@pytest.mark.parametrize(
    ("left", "right", "overlap"),
    [
        ("500 to 600", "600 to 700", True),
        ("more than 600", "500 to 600", False),  # open low bound touching a closed high
        ("at least 600", "500 to 600", True),
        ("fewer than 500", "500 to 600", False),
        ("at most 500", "500 to 600", True),
        ("up to 600", "about 13,000", False),
        ("more than 5", "fewer than 5", False),
        ("more than 5", "more than 100", True),
        ("72", "72", True),
        ("72", "73", False),
    ],
)
def test_overlaps(left: str, right: str, overlap: bool) -> None:
    a, b = parse_quantity(left), parse_quantity(right)
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("around 13,000 satellites", "around 13,000 satellites"),
        ("about 13000", "around 13,000"),
        ("more than 14,000 satellites", "more than 14,000 satellites"),
        ("500 to 600 satellites/year", "500–600 satellites/year"),
        ("6.7 billion yuan", "6.7 billion CNY"),
        ("1.2 to 1.5 billion yuan", "1.2–1.5 billion CNY"),
        ("$924 million", "924 million USD"),
        (72, "72"),
        (2.5, "2.5"),
        ("1234567", "1,234,567"),
        ("at least 50", "at least 50"),
        ("fewer than 10", "fewer than 10"),
        ("at most 3", "at most 3"),
        ("up to 600", "up to 600"),
    ],
)
def test_display(raw, shown: str) -> None:
    assert parse_quantity(raw).display() == shown


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("13,000 satellites", [13000]),
        ("13000 and 72", [13000, 72]),
        ("13 thousand", [13000]),
        ("6.7 billion yuan ($924 million)", [6.7e9, 924e6]),
        ("raised 1.2bn", [1.2e9]),
        ("$924m", [924e6]),
        ("a 500m tower", [500]),
        ("its fourth batch of eighteen satellites", [18, 4]),
        ("twenty-one launches", [21]),
        ("two hundred and five", [205]),
        ("thirteen thousand", [13000]),
        ("hundreds of thousands of satellites", []),
        ("one and two", [1, 2]),
        ("it ended in 2025.", [2025]),
        ("no numbers here", []),
    ],
)
def test_numbers_in_text(text: str, numbers: list[float]) -> None:
    assert sorted(numbers_in_text(text)) == sorted(numbers)


def test_numbers_in_text_digits_only() -> None:
    text = "eighteen launches, 13 thousand satellites and the fourth of 72 rockets"
    assert numbers_in_text(text, words=False) == [13000.0, 72.0]
    assert sorted(numbers_in_text(text)) == [4.0, 18.0, 72.0, 13000.0]


def test_numbers_in_text_finds_parsed_values() -> None:
    quote = "Spacecom raised 6.7 billion yuan in February, and Spacesail has 72 satellites after 18 more."
    found = numbers_in_text(quote)
    for raw in ["6.7 billion yuan", "72", "18 satellites"]:
        assert parse_quantity(raw).value in found


# --- properties ------------------------------------------------------------------------------------

_numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(0, 1e12, allow_nan=False).map(lambda f: round(f, 3)),
)


@given(_numbers)
def test_property_numbers_round_trip(number: float) -> None:
    q = parse_quantity(number)
    assert q.low == q.high == q.value == float(number)
    assert parse_quantity(f"{number:,}").value == pytest.approx(float(number))
    assert float(number) in numbers_in_text(f"about {number:,} satellites")


@given(
    st.sampled_from(["", "about ", "more than ", "at least ", "fewer than ", "at most ", "up to "]),
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(["", " satellites", " yuan", " km"]),
)
def test_property_intervals_are_ordered_and_contain_the_value(prefix: str, number: int, unit: str) -> None:
    q = parse_quantity(f"{prefix}{number:,}{unit}")
    assert q.low <= q.value <= q.high
    assert q.contains(number) is (q.qualifier not in ("more_than", "fewer_than"))
    assert q.overlaps(q)
    again = parse_quantity(q.display())
    assert (again.low, again.high, again.qualifier, again.unit) == (q.low, q.high, q.qualifier, q.unit)


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_property_random_text_only_raises_quantity_error(text: str) -> None:
    try:
        q = parse_quantity(text)
    except QuantityError:
        return
    assert isinstance(q, Quantity)
    assert q.low <= q.high


@given(st.text(alphabet="0123456789.,$-– kmbnto<>=~ ", max_size=20))
@settings(max_examples=300)
def test_property_number_like_text_only_raises_quantity_error(text: str) -> None:
    try:
        q = parse_quantity(text)
    except QuantityError:
        return
    assert q.low <= q.high
    numbers_in_text(text)


@given(st.text(max_size=60))
def test_property_numbers_in_text_never_raises(text: str) -> None:
    assert all(isinstance(n, float) for n in numbers_in_text(text))
