"""The fast normalisation and the lazy offset map agree with the character-by-character
reference definition (evidence._slow_map) on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacefacts import evidence
from spacefacts.evidence import find_quote, phrase_in
from spacefacts.text import _offset_map, _slow_map, normalise, normalise_with_map

# characters the normalisation treats specially, mixed with any characters at all
TRICKY = list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000aZ9`'\".,-\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
              "\u00ad\u200b\ufeff\u03a3\u03c3\u0130\u00df\ufb01\u00bd\u0301e\u00e9\u2474\u00a8")
TEXTS = st.text(alphabet=st.sampled_from(TRICKY), max_size=80) | st.text(max_size=80)


@settings(max_examples=3000)
@given(TEXTS, st.booleans())
def test_normalise_equals_reference(text: str, lower: bool) -> None:
    assert normalise(text, lower) == _slow_map(text, lower)[0]


@settings(max_examples=3000)
@given(TEXTS, st.booleans())
def test_offset_map_equals_reference(text: str, lower: bool) -> None:
    ref_text, ref_index = _slow_map(text, lower)
    nt = normalise_with_map(text, lower)
    assert nt.text == ref_text
    assert nt.index == ref_index == _offset_map(text, lower)


def test_final_sigma_is_lowered_per_character() -> None:
    # str.lower() alone would give a final sigma (U+03C2) at a word end
    assert normalise("\u039f\u03a3 X") == "\u03bf\u03c3 x"


def test_exact_match_span_is_looked_up_lazily() -> None:
    nt = normalise_with_map("It  launched\n18 \u201csatellites\u201d.")
    m = find_quote('launched 18 "satellites"', nt)
    assert m.found and m.exact
    assert nt._index is None  # nothing asked for the span yet
    assert m.span == "launched\n18 \u201csatellites\u201d"


@given(st.lists(st.sampled_from(["a b", "b", "a", "c a", "x"]), max_size=8), st.sampled_from(["a b", "b a", "c"]),
       st.integers(0, 40))
def test_find_quote_from_start_finds_what_it_finds_from_zero(words: list[str], quote: str, start: int) -> None:
    nt = normalise_with_map(" ".join(words))
    whole, resumed = find_quote(quote, nt), find_quote(quote, nt, start=start)
    assert (resumed.found, resumed.exact, resumed.score) == (whole.found, whole.exact, whole.score)
    if resumed.exact:  # an occurrence from `start` on when there is one, else the first
        pos = nt.text.find(normalise(quote), start)
        assert resumed.matched[1] == (pos if pos >= 0 else nt.text.find(normalise(quote)))


def test_phrase_in_whole_words() -> None:
    assert phrase_in("Long March", "the LONG  MARCH 5 flew")
    assert not phrase_in("March", "in Marches")
    assert not phrase_in("", "anything")


@settings(max_examples=3000)
@given(st.text(alphabet=st.sampled_from(list("ab _-1\u00e9\u0301\u00b2.")), max_size=6),
       st.text(alphabet=st.sampled_from(list("ab _-1\u00e9\u0301\u00b2.")), max_size=20))
def test_phrase_in_equals_regex_definition(phrase: str, text: str) -> None:
    import re

    p, t = normalise(phrase), normalise(text)
    expected = bool(p) and re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", t) is not None
    assert phrase_in(phrase, text) == expected


EDGE_QUOTES = ["Early 2020", "mid-2019 and Q3 2018", "third QUARTER of 2018", "END OF 2017", "late-2016",
               "m\u0131d 2021", "f\u0130rst quarter 2019", "f\u0131rst half of 2015", "in the 2010s",
               "on Feb. 16, 2021", "16 February 2021", "2024-12", "Long March 5 in 2016", "no date at all",
               "launched 18 satellites", "December 2024", "in 1999.5 terms", "\u00b2\u2070\u00b2\u2070 plans"]


ALL_KINDS = ("iso", "month_day", "day_month", "month_year", "part", "quarter", "decade", "year")


def all_kinds(text, pats):
    """Every kind of date pattern, searched through the whole text: what _date_kinds's prefilters and
    anchors must not change."""
    return [(kind, pats[kind].finditer(text)) for kind in ALL_KINDS]


@pytest.mark.parametrize("quote", EDGE_QUOTES)
def test_date_prefilters_change_nothing(quote: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = evidence.date_mentions(quote)
    monkeypatch.setattr(evidence, "_date_kinds", all_kinds)
    assert evidence.date_mentions(quote) == fast


DATE_PIECES = st.sampled_from(["2021", "1999", "2020s", "-03", "-16", "16", "3rd", " ", ", ", "of ", "Feb.", "March",
                               "May", "may", "Sept", "Long ", "Long-", "mid", "Early", "end of", "first half of",
                               "Q2", "second quarter", "the year", "$", ".", ".5", "x", "0", "f\u0131rst", "\u00a0"])


@settings(max_examples=3000)
@given(st.lists(DATE_PIECES, max_size=8).map("".join) | st.text(max_size=30))
def test_date_prefilters_change_nothing_on_any_quote(quote: str) -> None:
    from unittest import mock

    fast = evidence.date_mentions(quote)
    with mock.patch.object(evidence, "_date_kinds", all_kinds):
        assert evidence.date_mentions(quote) == fast


def test_case_folded_relative_words_are_read() -> None:
    import datetime as dt

    pub = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))  # re.I matches dotless i: "thıs" used to raise TypeError
    [this_year] = evidence.relative_mentions("th\u0131s year", pub)
    assert (this_year.text, this_year.intervals) == ("th\u0131s year", ((dt.date(2025, 1, 1), dt.date(2025, 12, 31)),))
    [yesterday] = evidence.relative_mentions("YESTERDAY", pub)
    assert yesterday.intervals == ((dt.date(2025, 1, 31), dt.date(2025, 2, 27)),)


def test_case_folded_part_and_quarter_words_do_not_crash() -> None:
    # re.IGNORECASE matches dotless i; these used to raise KeyError
    assert [(m.precision, m.first_month) for m in evidence.date_mentions("m\u0131d 2021")] == [("part", 5)]
    assert [(m.precision, m.first_month) for m in evidence.date_mentions("f\u0131rst quarter 2019")] == [
        ("quarter", 1)]


def test_unselected_quote_rules_build_no_findings() -> None:
    # check_quotes respects --select/--ignore itself (finalize would drop them anyway)
    from spacefacts.checks import Context
    from spacefacts.checks.evidence import check_quotes, check_source_texts
    from spacefacts.loader import load_text

    toml = '[sources.s]\nkind = "news"\n\n' + "".join(
        f'[[claims]]\nid = "c{i}"\nsubject = "x"\nproperty = "founded"\nvalue = "2020"\nsource = "s"\n'
        + ('quote = "founded in 2020"\n\n' if i else "\n") for i in range(3))
    base, _ = load_text(toml)
    assert [d.code for d in check_quotes(base, Context())] == ["SF207"]  # no text: SF205's, once per source
    assert [d.code for d in check_source_texts(base, Context())] == ["SF205"]
    assert list(check_source_texts(base, Context(ignore=("SF205",)))) == []
    assert list(check_quotes(base, Context(select=("SF201",)))) == []


@pytest.mark.parametrize("quote", [*EDGE_QUOTES, "in December", "last YEAR", "on Wednesday, January 22", "yesterday",
                                   "in August last year", "next December", "Sept. launch", "the Long March"])
def test_relative_prefilter_changes_nothing(quote: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    pub = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    fast = evidence.relative_mentions(quote, pub)
    assert evidence.may_be_relative(quote) or not fast
    pats = dict(evidence._patterns())
    pats["relative"] = __import__("re").compile("")  # matches everything: no prefilter
    monkeypatch.setattr(evidence, "_patterns", lambda: pats)
    assert evidence.relative_mentions(quote, pub) == fast


def test_check_values_skips_value_search_when_sf202_is_not_selected(monkeypatch: pytest.MonkeyPatch) -> None:
    from spacefacts.checks import Context
    from spacefacts.checks import evidence as checks
    from spacefacts.loader import load_text

    toml = ('[sources.s]\nkind = "news"\npublished = "2025-02"\n\n[entities.x]\nname = "X"\nkind = "company"\n\n'
            '[[claims]]\nid = "c1"\nsubject = "x"\nproperty = "satellites_in_orbit"\nvalue = 18\nwhen = "2024"\n'
            'source = "s"\nquote = "it has 19 satellites this year"\n')
    base, _ = load_text(toml)
    assert sorted(d.code for d in checks.check_values(base, Context())) == ["SF202", "SF203"]
    monkeypatch.setattr(checks, "_value_in_quote", lambda *a: pytest.fail("SF202 is not selected"))
    assert [d.code for d in checks.check_values(base, Context(select=("SF203",)))] == ["SF203"]


REL_PIECES = st.sampled_from(["this", "THIS", "Last", "next", "past", "Coming", " ", "  ", "\t", "\n", "year", "Month",
                              "week", "yesterday", "TOMORROW", "December", "Sept", "Wednesday", "may", "May", "Long ",
                              "`", "thi\u017f", "th\u0131s", "\u00a0", "\u200b", "2025", "in ", "-", "x", "s"])
REL_QUOTES = st.lists(REL_PIECES, max_size=8).map("".join) | st.text(max_size=40)


@settings(max_examples=3000)
@given(REL_QUOTES)
def test_relative_word_prefilters_change_nothing(quote: str) -> None:
    import datetime as dt
    from unittest import mock

    pats = evidence._patterns()
    assert evidence.may_be_relative(quote) == (pats["relative"].search(normalise(quote, lower=False)) is not None)
    pub = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    fast = evidence.relative_mentions(quote, pub)
    with mock.patch.object(evidence, "_may_have_units", lambda text: True):
        assert evidence.relative_mentions(quote, pub) == fast
