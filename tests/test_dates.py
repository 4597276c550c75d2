"""Date values: forms, intervals, widening, display, EDTF round trip, and the `edtf` package as an oracle."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacefacts.dates import OPEN_END, OPEN_START, PRECISIONS, DateError, DateValue, parse_date

D = dt.date

VALID = [
    # text, earliest, latest, precision
    ("2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
    ("2021-04", D(2021, 4, 1), D(2021, 4, 30), "month"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("2021-04-29", D(2021, 4, 29), D(2021, 4, 29), "day"),
    ("2020~", D(2019, 1, 1), D(2021, 12, 31), "year"),
    ("2020?", D(2019, 1, 1), D(2021, 12, 31), "year"),
    ("2020%", D(2019, 1, 1), D(2021, 12, 31), "year"),
    ("2021-04~", D(2021, 3, 1), D(2021, 5, 31), "month"),
    ("2021-04?", D(2021, 3, 1), D(2021, 5, 31), "month"),
    ("2021-01?", D(2020, 12, 1), D(2021, 2, 28), "month"),
    ("2021-04-29~", D(2021, 4, 28), D(2021, 4, 30), "day"),
    ("2020-12-31?", D(2020, 12, 30), D(2021, 1, 1), "day"),
    ("2020-01/2020-04", D(2020, 1, 1), D(2020, 4, 30), "interval"),
    ("2019/2020-06-15", D(2019, 1, 1), D(2020, 6, 15), "interval"),
    ("2020~/2021-03", D(2019, 1, 1), D(2021, 3, 31), "interval"),
    ("../2014", OPEN_START, D(2014, 12, 31), "interval"),
    ("2014/..", D(2014, 1, 1), OPEN_END, "interval"),
    ("early 2020", D(2020, 1, 1), D(2020, 4, 30), "part"),
    ("mid-2022", D(2022, 5, 1), D(2022, 8, 31), "part"),
    ("mid 2022", D(2022, 5, 1), D(2022, 8, 31), "part"),
    ("late 2015", D(2015, 9, 1), D(2015, 12, 31), "part"),
    ("early 2020~", D(2019, 9, 1), D(2020, 8, 31), "part"),
    ("Q2 2016", D(2016, 4, 1), D(2016, 6, 30), "quarter"),
    ("2016-Q2", D(2016, 4, 1), D(2016, 6, 30), "quarter"),
    ("q4 2016", D(2016, 10, 1), D(2016, 12, 31), "quarter"),
    ("Q1 2016?", D(2015, 10, 1), D(2016, 6, 30), "quarter"),
    ("2010s", D(2010, 1, 1), D(2019, 12, 31), "decade"),
    ("2010s~", D(2000, 1, 1), D(2029, 12, 31), "decade"),
    ("January 2019", D(2019, 1, 1), D(2019, 1, 31), "month"),
    ("Jan 2019", D(2019, 1, 1), D(2019, 1, 31), "month"),
    ("Jan. 2019", D(2019, 1, 1), D(2019, 1, 31), "month"),
    ("Sept 2019", D(2019, 9, 1), D(2019, 9, 30), "month"),
    ("September 1992", D(1992, 9, 1), D(1992, 9, 30), "month"),
    ("23 January 2025", D(2025, 1, 23), D(2025, 1, 23), "day"),
    ("January 23, 2025", D(2025, 1, 23), D(2025, 1, 23), "day"),
    ("Jan 23 2025", D(2025, 1, 23), D(2025, 1, 23), "day"),
    ("23rd Jan 2025", D(2025, 1, 23), D(2025, 1, 23), "day"),
    ("  EARLY\t 2020 ", D(2020, 1, 1), D(2020, 4, 30), "part"),
    ("c. 2020", D(2019, 1, 1), D(2021, 12, 31), "year"),
    ("circa 2020", D(2019, 1, 1), D(2021, 12, 31), "year"),
    ("Jan 2020 – Apr 2020", D(2020, 1, 1), D(2020, 4, 30), "interval"),
    ("early 2020 to late 2021", D(2020, 1, 1), D(2021, 12, 31), "interval"),
    ("… – 2014", OPEN_START, D(2014, 12, 31), "interval"),
    ("2020-01/", D(2020, 1, 1), OPEN_END, "interval"),  # an empty end counts as open
    ("0001", D(1, 1, 1), D(1, 12, 31), "year"),
    ("9999-12", D(9999, 12, 1), D(9999, 12, 31), "month"),
    ("0001~", D(1, 1, 1), D(2, 12, 31), "year"),  # widening stops at the sentinels
    ("9999-12-31?", D(9999, 12, 30), D(9999, 12, 31), "day"),
]


@pytest.mark.parametrize(("text", "earliest", "latest", "precision"), VALID)
def test_valid_forms(text: str, earliest: dt.date, latest: dt.date, precision: str) -> None:
    value = parse_date(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
    assert value.text == text
    assert value.precision in PRECISIONS


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain", "open_start", "open_end"),
    [
        ("2020", False, False, False, False),
        ("2020~", True, False, False, False),
        ("2020?", False, True, False, False),
        ("2020%", True, True, False, False),
        ("2021-04~", True, False, False, False),
        ("../2014", False, False, True, False),
        ("2014/..", False, False, False, True),
        ("2020-01/2020-04", False, False, False, False),
    ],
)
def test_flags(text: str, approximate: bool, uncertain: bool, open_start: bool, open_end: bool) -> None:
    value = parse_date(text)
    assert (value.approximate, value.uncertain, value.open_start, value.open_end) == (
        approximate, uncertain, open_start, open_end,
    )


def test_python_values() -> None:
    assert parse_date(D(2025, 1, 23)) == parse_date("2025-01-23")
    day = parse_date(dt.datetime(2025, 1, 23, 15, 30))
    assert (day.earliest, day.latest, day.precision) == (D(2025, 1, 23), D(2025, 1, 23), "day")
    year = parse_date(2021)
    assert (year.earliest, year.latest, year.precision) == (D(2021, 1, 1), D(2021, 12, 31), "year")


INVALID = [
    ("", "empty"),
    ("   ", "empty"),
    ("garbage", "not a date"),
    ("2021-02-30", "28 days"),
    ("2020-02-30", "29 days"),
    ("Feb 30 2020", "29 days"),
    ("2021-04-31", "30 days"),
    ("2021-13", "month 13"),
    ("2021-00", "month 0"),
    ("2021-13-01", "month 13"),
    ("0000", "year 0"),
    ("10000", "four digits"),
    ("202", "four digits"),
    ("21-04-29", "four digits"),
    ("2021-4", "two digits"),
    ("2020~~", "one of ~ ? %"),
    ("../..", "at least one end"),
    ("2021/2020", "ends before it starts"),
    ("2020/2021/2022", "exactly one '/'"),
    ("2015s", "not a date"),
    ("Q5 2016", "not a date"),
    ("Smarch 2019", "not a date"),
    ("early", "not a date"),
    ("2020-01-01T10", "not a date"),  # a time of day needs minutes (2020-01-01T10:00 is valid since issue 16)
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_invalid_forms(text: str, message: str) -> None:
    with pytest.raises(DateError, match="(?i)" + message.replace("?", r"\?").replace("~", r"\~")) as info:
        parse_date(text)
    assert isinstance(info.value, ValueError)


def test_unknown_forms_show_the_accepted_ones() -> None:
    with pytest.raises(DateError) as info:
        parse_date("next Tuesday")
    assert "2021-04-29" in str(info.value) and "early 2020" in str(info.value)


@pytest.mark.parametrize("raw", [3.5, True, None, [2020], 0, 10000, -5])
def test_invalid_python_values(raw: object) -> None:
    with pytest.raises(DateError):
        parse_date(raw)  # type: ignore[arg-type]


# The cases from issue 2.
@pytest.mark.parametrize(
    ("left", "right", "overlap"),
    [
        ("early 2020", "2021", False),
        ("2019", "January 2019", True),
        ("September 1992", "1992", True),
        ("2020~", "2021", True),
        ("2020", "2021", False),
        ("December 2022", "December 2024", False),
        ("../2014", "2014-12-31", True),
        ("../2014", "2015", False),
        ("2014/..", "2100", True),
        ("mid-2022", "2022-08-31", True),
        ("mid-2022", "2022-09-01", False),
    ],
)
def test_overlaps(left: str, right: str, overlap: bool) -> None:
    a, b = parse_date(left), parse_date(right)
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


def test_sort_key_is_chronological() -> None:
    texts = ["2021", "early 2020", "../2014", "2020-01-15", "2010s"]
    ordered = sorted((parse_date(t) for t in texts), key=lambda v: v.sort_key)
    assert [v.text for v in ordered] == ["../2014", "2010s", "early 2020", "2020-01-15", "2021"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2020", "2020"),
        ("2019-01", "Jan 2019"),
        ("January 2019", "Jan 2019"),
        ("2025-01-23", "23 Jan 2025"),
        ("january 23, 2025", "23 Jan 2025"),
        ("early 2020", "early 2020"),
        ("mid-2022", "mid 2022"),
        ("LATE 2015", "late 2015"),
        ("2016-Q2", "Q2 2016"),
        ("2010s", "2010s"),
        ("2020~", "c. 2020"),
        ("2020?", "2020?"),
        ("2020%", "c. 2020?"),
        ("2021-04~", "c. Apr 2021"),
        ("2020-01/2020-04", "Jan 2020 – Apr 2020"),
        ("../2014", "… – 2014"),
        ("2014/..", "2014 – …"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert parse_date(text).display() == shown


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("2020", "2020"),
        ("Jan 2019", "2019-01"),
        ("23 January 2025", "2025-01-23"),
        ("2020~", "2020~"),
        ("c. 2020", "2020~"),
        ("2021-04?", "2021-04?"),
        ("2020%", "2020%"),
        ("2020-01/2020-04", "2020-01/2020-04"),
        ("../2014", "../2014"),
        ("2014/..", "2014/.."),
        ("early 2020", "2020-01/2020-04"),
        ("Q2 2016", "2016-04/2016-06"),
        ("2010s", "2010/2019"),
        ("early 2020~", None),  # no EDTF form for an approximate third of a year
        ("early 2020 to Q2 2021", "2020-01/2021-06"),
        ("2010s/2021", "2010/2021"),
        ("early 2020~/2021", None),
    ],
)
def test_edtf_text(text: str, edtf: str | None) -> None:
    assert parse_date(text).edtf() == edtf


def test_parse_is_cached_and_values_are_frozen() -> None:
    assert parse_date("early 2020") is parse_date("early 2020")
    with pytest.raises(AttributeError):
        parse_date("2020").earliest = D(2000, 1, 1)  # type: ignore[misc]


# --- the `edtf` package as an oracle --------------------------------------------------------------

ORACLE_FORMS = [
    "1957", "2021", "2024-02", "2021-04", "2021-04-29", "2024-02-29", "1999-12-31",
    "2020~", "2020?", "2020%", "2021-04~", "2021-04?", "2021-04-29~", "2021-04-29?",
    "2020-01/2020-04", "2019/2020-06-15", "2021-04-29/2021-05", "1992-09/2024",
]


def _oracle(text: str):
    edtf = pytest.importorskip("edtf")
    return edtf.parse_edtf(text)


def _day(struct: time.struct_time) -> dt.date:
    return D(struct.tm_year, struct.tm_mon, struct.tm_mday)


@pytest.mark.parametrize("text", ORACLE_FORMS)
def test_strict_bounds_match_edtf(text: str) -> None:
    """Before widening, our interval is edtf's lower_strict()..upper_strict()."""
    oracle = _oracle(text)
    value = parse_date(text)
    first, last = value.strict or (value.earliest, value.latest)
    assert (first, last) == (_day(oracle.lower_strict()), _day(oracle.upper_strict()))


@pytest.mark.parametrize("text", ["2020~", "2020?", "1957~", "2000?", "2020~/2021-03"])
def test_year_widening_matches_edtf_fuzzy_bounds(text: str) -> None:
    """For '~' and '?' on years, our widening is edtf's lower_fuzzy()..upper_fuzzy()."""
    oracle = _oracle(text)
    value = parse_date(text)
    assert (value.earliest, value.latest) == (_day(oracle.lower_fuzzy()), _day(oracle.upper_fuzzy()))


@pytest.mark.parametrize(
    ("text", "ours_wider_than_strict_by"),
    [("2020%", "one year"), ("2021-04~", "one month"), ("2021-04-29?", "one day")],
)
def test_documented_differences_from_edtf(text: str, ours_wider_than_strict_by: str) -> None:
    """edtf pads '%' by two years and month/day precision by a year too; we pad by one unit (module doc)."""
    oracle = _oracle(text)
    value = parse_date(text)
    assert _day(oracle.lower_fuzzy()) < value.earliest <= _day(oracle.lower_strict())
    assert _day(oracle.upper_strict()) <= value.latest < _day(oracle.upper_fuzzy())


# --- properties ------------------------------------------------------------------------------------

_days = st.dates(min_value=D(1000, 1, 1), max_value=D(9998, 12, 31))
_marks = st.sampled_from(["", "~", "?", "%"])


@st.composite
def edtf_texts(draw) -> str:
    day = draw(_days)
    form = draw(st.sampled_from(["year", "month", "day"]))
    text = {"year": f"{day.year:04d}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[form]
    return text + draw(_marks)


@given(edtf_texts())
def test_property_edtf_round_trip(text: str) -> None:
    value = parse_date(text)
    assert value.earliest <= value.latest
    assert value.edtf() == text
    assert parse_date(value.edtf()) == value


@given(edtf_texts(), edtf_texts())
def test_property_intervals(left: str, right: str) -> None:
    try:
        value = parse_date(f"{left}/{right}")
    except DateError:
        assert parse_date(left).earliest > parse_date(right).latest
        return
    assert value.earliest == parse_date(left).earliest
    assert value.latest == parse_date(right).latest
    again = parse_date(value.edtf())
    assert (again.earliest, again.latest) == (value.earliest, value.latest)


@given(
    st.sampled_from(["early", "mid", "late", "Q1", "Q2", "Q3", "Q4", "January", "Sept", "23 Jan"]),
    st.integers(min_value=1000, max_value=9998),
    _marks,
)
def test_property_display_round_trips(prefix: str, year: int, mark: str) -> None:
    value = parse_date(f"{prefix} {year}{mark}")
    again = parse_date(value.display())
    assert (again.earliest, again.latest, again.precision) == (value.earliest, value.latest, value.precision)


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_property_random_text_only_raises_date_error(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError:
        return
    assert isinstance(value, DateValue)
    assert value.earliest <= value.latest


@given(st.text(alphabet="0123456789-/~?%. QqsS", max_size=25))
@settings(max_examples=300)
def test_property_date_like_text_only_raises_date_error(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError:
        return
    assert value.earliest <= value.latest


@st.composite
def any_date_texts(draw) -> str:
    """Any accepted single form, possibly qualified."""
    day = draw(_days)
    month = day.strftime(draw(st.sampled_from(["%B", "%b", "%b."])))
    form = draw(
        st.sampled_from([
            f"{day.year}", f"{day:%Y-%m}", day.isoformat(), f"early {day.year}", f"mid-{day.year}",
            f"late {day.year}", f"Q{(day.month + 2) // 3} {day.year}", f"{day.year // 10 * 10}s",
            f"{month} {day.year}", f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}",
        ])
    )
    return form + draw(_marks)


@given(any_date_texts(), st.one_of(st.none(), any_date_texts()))
def test_property_any_form_edtf_keeps_the_interval(left: str, right: str | None) -> None:
    text = left if right is None else f"{left} to {right}"
    try:
        value = parse_date(text)
    except DateError:
        assert right is not None and parse_date(left).earliest > parse_date(right).latest
        return
    assert value.earliest <= value.latest
    edtf = value.edtf()
    if edtf is not None:
        again = parse_date(edtf)
        assert (again.earliest, again.latest) == (value.earliest, value.latest)
    assert parse_date(value.display()).sort_key == value.sort_key
