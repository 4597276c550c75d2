"""The evidence pass's quick paths give the answer of the full reading they stand in for: a date
written plainly (evidence.states_plainly) is one date_stating finds, a number written plainly
(quantities.number_written) one numbers_in_text reads, on tricky made-up quotes and on the claims of
the shipped file and of a generated file."""

from __future__ import annotations

import itertools
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FACTS, ROOT
from spacefacts.checks.evidence import _years
from spacefacts.dates import DateValue, parse_date
from spacefacts.evidence import QuoteReading, states_plainly
from spacefacts.loader import load_file
from spacefacts.quantities import number_written, numbers_in_text
from spacefacts.text import normalise

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

# words around dates that the date patterns read, or that come close to them
WORDS = ["in", "on", "the", "of", "by", "since", "between", "and", "around", "year", "the year", "Long", "Long-",
         "March", "May", "January", "February", "Jan.", "Sept", "5", "5,", "31", "31,", "30", "30,", "29th", "early",
         "mid", "late", "fall", "end of", "Q1", "Q4", "q2", "first quarter", "quarter", "2013", "2013,", "2013.",
         "2012", "2014", "2010", "2013-05", "2013-02-30", "2013-13", "mid-2013", "mid-", "1990s", "1990s-era",
         "2010s", "2013:45", "$2013", "2013s", "20", "13", "-", ",", ".", ":", "1.5", "2,013", "Ⅱ", "２０１３"]
VALUES = ["2013", "2013~", "2012?", "../2013", "2013/..", "1990s", "2010s", "2013-01/2013-04", "early 2013",
          "mid-2013", "late 2013", "Q1 2013", "Q2 2013", "March 2013", "May 2013", "2013-03-05", "2013-02-28",
          "2013-05-31", "1990", "2010", "2013-03-05/2013-03-31", "../2013-03", "2012/2014"]


def _agrees(quote: str, v: DateValue) -> None:
    reading, iv = QuoteReading(quote), (v.earliest, v.latest)
    if states_plainly(normalise(quote, lower=False), iv, v.precision, _years(v)):
        assert reading.date_stating(iv, v.precision) is not None, (quote, v.text)


@settings(max_examples=4000)
@given(st.lists(st.sampled_from(WORDS), max_size=9), st.lists(st.sampled_from([" ", "", "  "]), min_size=9,
                                                              max_size=9), st.sampled_from(VALUES))
def test_a_plainly_written_date_is_one_date_stating_finds(words: list[str], gaps: list[str], value: str) -> None:
    _agrees("".join(w + g for w, g in zip(words, gaps)), parse_date(value))


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(list("in on by Q1 mid-early May March 5, 2013 .:$-s")), max_size=40),
       st.sampled_from(VALUES))
def test_a_plainly_written_date_in_any_characters(quote: str, value: str) -> None:
    _agrees(quote, parse_date(value))


# the plain forms' pieces, each with near misses: a date around the year that the patterns read otherwise
BEFORE = ["in", "of", "year", "Long", "5", "", "X in"]
FIRST = ["", "5", "30", "5th", "March", "February", "Jan.", "early", "mid", "Q1", "Q5", "fall", "of"]
SECOND = ["", "March", "5,", "30,", "5", "of", "quarter"]
YEAR = ["2013", "2013,", "2013.", "2013-05", "2013-13", "2013-02-30", "2013:45", "2013,5", "2013.5", "2013s",
        "mid-2013", "1990s", "1990s-", "2012"]
AFTER = ["", " said", "-05", ":45", "s", ",000", "th"]
FEW_VALUES = ["2013", "2013~", "../2013", "1990s", "2013-01/2013-04", "mid-2013", "Q1 2013", "March 2013",
              "2013-03-05", "2013-02-28", "2013-05"]


def test_near_misses_of_the_plain_forms() -> None:
    # every combination (about 58,000 quotes): the near misses are rare among random words
    values = [parse_date(v) for v in FEW_VALUES]
    plain = 0
    for before, first, second, year, after in itertools.product(BEFORE, FIRST, SECOND, YEAR, AFTER):
        quote = " ".join(w for w in (before, first, second, year) if w) + after
        text = normalise(quote, lower=False)
        for v in values:
            iv = (v.earliest, v.latest)
            if states_plainly(text, iv, v.precision, _years(v)):
                plain += 1
                assert QuoteReading(quote).date_stating(iv, v.precision) is not None, (quote, v.text)
    assert plain > 1000


def _date_claims(base):
    return [c for c in base.claims if isinstance(c.value, DateValue) and c.quote.strip()]


def test_the_shipped_claims_dates_agree() -> None:
    claims = _date_claims(load_file(FACTS)[0])
    assert claims
    for claim in claims:
        _agrees(claim.quote, claim.value)


def test_a_generated_files_dates_are_plain_and_agree(tmp_path) -> None:
    base = load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]
    claims = _date_claims(base)
    plain = 0
    for claim in claims:
        v = claim.value
        _agrees(claim.quote, v)
        plain += states_plainly(normalise(claim.quote, lower=False), (v.earliest, v.latest), v.precision, _years(v))
    assert plain == len(claims)  # every form the generator writes is a plain one


@pytest.mark.parametrize(("quote", "value"), [
    ("founded in March 2013, officials said", "2013-03"),
    ("launched on 5 March 2013", "2013-03-05"),
    ("launched on March 5, 2013.", "2013-03-05"),
    ("flew in mid-2013", "mid-2013"),
    ("in Q1 2013", "Q1 2013"),
    ("done by 2013", "../2013"),
    ("born in the 1990s", "1990s"),
])
def test_plain_forms(quote: str, value: str) -> None:
    v = parse_date(value)
    assert states_plainly(normalise(quote, lower=False), (v.earliest, v.latest), v.precision, _years(v))


@pytest.mark.parametrize(("quote", "value"), [
    ("on 30 February 2013", "2013"),  # an impossible day takes the year with it
    ("in 2013-02-30", "2013"),
    ("the Long March 2013 rocket", "2013-03"),
    ("in 2013:45", "2013"),
    ("in 2,013", "2013"),
])
def test_not_plain(quote: str, value: str) -> None:
    v = parse_date(value)
    assert not states_plainly(normalise(quote, lower=False), (v.earliest, v.latest), v.precision, _years(v))


# ---- numbers ---------------------------------------------------------------------------------

NUMBER_PIECES = ["36", "3", "6", "13,000", "13000", "1,296", "000", ",", ".", " ", "$", "(", "'", "k", "m", "km", "bn",
                 " thousand", " million", "Thousand", "at most ", "a", "_", "-", "\n", "\u00a0", "\u0663", "36.5",
                 "1e3", "to"]


@settings(max_examples=4000)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=8),
       st.sampled_from([36.0, 3.0, 6.0, 13000.0, 1296.0, 0.0, 36.5, 13.0, 1000.0, 36000.0, 1e15, -36.0]))
def test_a_plainly_written_number_is_one_numbers_in_text_reads(pieces: list[str], number: float) -> None:
    text = "".join(pieces)
    if number_written(text, number):
        assert number in numbers_in_text(text, words=False), (text, number)


@pytest.mark.parametrize(("text", "number", "written"), [
    ("reported at most 36 for valuation", 36, True),
    ("more than 13,000 satellites", 13000, True),
    ("$1296 raised", 1296, True),
    ("36,000 people", 36, False),
    ("36 thousand people", 36, False),
    ("36k people", 36, False),
    ("36.5 km", 36, False),
    ("1,036 km", 36, False),
    ("G36 rocket", 36, False),
    ("$36m raised", 36, False),  # millions after a currency
    ("36m tall", 36, False),  # (metres: the quick test leaves it to the patterns all the same)
])
def test_number_written(text: str, number: float, written: bool) -> None:
    assert number_written(text, float(number)) is written


def test_the_generated_quantities_are_plain(tmp_path) -> None:
    from spacefacts.checks.evidence import _written
    from spacefacts.quantities import Quantity

    base = load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]
    quantities = [c for c in base.claims if isinstance(c.value, Quantity)]
    assert quantities
    for claim in quantities:
        v = claim.value.written or claim.value
        assert _written(claim.quote, v.value, v.low, v.high, v.qualifier == "range")


# ---- the reading's parts ----------------------------------------------------------------------

ASCII_TRICKY = list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x00\x7f`'aZ9.,-")


@settings(max_examples=3000)
@given(st.text(alphabet=st.sampled_from(ASCII_TRICKY), max_size=30) | st.text(alphabet=st.characters(max_codepoint=127)),
       st.booleans())
def test_normalise_of_ascii_text_equals_the_reference(text: str, lower: bool) -> None:
    # an ASCII text that is already normal is returned as it is (text.normalise's quick path)
    from spacefacts.text import _slow_map

    assert normalise(text, lower) == _slow_map(text, lower)[0]


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(ASCII_TRICKY + ["\u00a0", "\u2019", "\u03a3", "\u0130", "K"]), max_size=30))
def test_a_readings_lower_is_the_quote_lower_cased(quote: str) -> None:
    reading = QuoteReading(quote)
    assert reading.lower == quote.lower()
    assert reading.low == normalise(quote)
    assert reading.text == normalise(quote, lower=False)


def test_month_end_agrees_with_the_calendar() -> None:
    import calendar
    import datetime as dt

    from spacefacts.evidence import _month_end

    for year in (*range(1, 2401), 9999):
        for month in range(1, 13):
            assert _month_end(year, month) == dt.date(year, month, calendar.monthrange(year, month)[1])
    for year, month in ((0, 1), (10000, 2), (2000, 0), (2000, 13), (2000, -1)):
        with pytest.raises(ValueError):
            _month_end(year, month)


# ---- the quotes ---------------------------------------------------------------------------------


def test_the_quick_quote_test_finds_what_the_full_one_finds(tmp_path) -> None:
    # check_claims asks QuoteFinder.position first and reads a claim in full (_quote_findings) only when
    # its quote is not found as it is: the same findings as the full reading of every claim, over texts
    # whose quotes come out of order, with a number changed, cut short, or not at all
    import random

    from spacefacts.checks.context import Context
    from spacefacts.checks.evidence import _quote_findings, check_quotes, source_texts
    from spacefacts.quotes import QuoteFinder

    path = generate.write(1500, tmp_path / "facts.toml")
    rng = random.Random(7)
    for i, text in enumerate(sorted((tmp_path / "texts").iterdir())):
        paragraphs = text.read_text(encoding="utf-8").split("\n\n")
        kind = i % 5
        if kind == 1:
            rng.shuffle(paragraphs)
        elif kind == 2:
            paragraphs = [p.replace("1", "7", 1) if rng.random() < 0.3 else p for p in paragraphs]
        elif kind == 3:
            paragraphs = paragraphs[: len(paragraphs) // 2]
        elif kind == 4 and i % 10 == 4:
            paragraphs = []
        text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    base = load_file(path)[0]
    ctx = Context()
    quick = check_quotes(base, ctx)
    texts = source_texts(base, ctx)[0]
    finder, full = QuoteFinder(base, texts), []
    on = {"SF201": True, "SF204": True, "SF207": True}
    for claim in base.claims:
        _quote_findings(base, claim, QuoteReading(claim.quote), on, texts, finder, {}, full)
    assert len(full) > 100
    assert [repr(d) for d in quick] == [repr(d) for d in full]


# ---- relative dates ----------------------------------------------------------------------------

REL_WORDS = ["this", "THIS", "Last", "next", "past", "previous", "Coming", " ", "  ", "\t", "\n", "year", "YEARS", "Month",
             "months", "week", "Weekly", "yesterday", "Tomorrow", "December", "DECEMBER", "december", "Sept", "SEPT",
             "Sept.", "Wednesday", "Mayor", "May", "may", "March", "Long ", "`", "2025", "in", "-", "x", "s", "_"]


@settings(max_examples=4000)
@given(st.lists(st.sampled_from(REL_WORDS), max_size=8).map("".join))
def test_the_quick_relative_test_says_no_only_where_the_pattern_finds_nothing(quote: str) -> None:
    from spacefacts.evidence import _patterns

    assert QuoteReading(quote).may_be_relative() == (_patterns()["relative"].search(normalise(quote, lower=False))
                                                     is not None)


def test_the_generated_quotes_relative_test_agrees(tmp_path) -> None:
    from spacefacts.evidence import _patterns

    base = load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]
    for claim in base.claims:
        reading = QuoteReading(claim.quote)
        assert reading.may_be_relative() == (_patterns()["relative"].search(reading.text) is not None)
