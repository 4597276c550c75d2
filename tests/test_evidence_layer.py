"""The evidence layer read once per claim: evidence.QuoteReading holds what the evidence rules share
(normalised quote, dates, numbers, relative dates, date cues), and checks/evidence.check_claims reads
each claim's quote once for SF201-SF204, SF207 and SF210, with the findings of the rules run apart."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FACTS, SEEDS
from spacefacts import evidence
from spacefacts.checks import Context
from spacefacts.checks import evidence as checks
from spacefacts.evidence import QuoteReading
from spacefacts.loader import load_file, load_text
from spacefacts.quantities import numbers_in_text
from spacefacts.text import normalise

PIECES = st.sampled_from(["2021", "1999", "2020s", "-03", "16", "3rd", " ", ", ", "of ", "Feb.", "March", "May",
                          "Sept", "Long ", "mid", "Early", "end of", "Q2", "second quarter", "by ", "By the ",
                          "before ", "since ", "not until ", "after ", "last year", "next ", "December", "Wednesday",
                          "yesterday", "more than ", "13 THOUSAND", "twenty-one", "$924m", "\u00a0", "\u201c",
                          "\u0130", "x", "0"])
QUOTES = st.lists(PIECES, max_size=8).map("".join) | st.text(max_size=30)


def _cues_by_definition(quote: str):
    """The date cues as SF210 read them before the reading shared them: every date of the quote with
    the cue the 40 characters before it end with."""
    from spacefacts.evidence import DateCue, cue_before

    if not any(p in quote.lower() for p in ("by", "before", "prior", "until", "till", "after", "since", "later")):
        return [], []
    text = normalise(quote, lower=False)
    cued, plain = [], []
    for offset, mention in evidence.iter_date_mentions(quote):
        cue = cue_before(text[max(0, offset - 40):offset])
        iv = mention.interval()
        if cue is None or iv is None:
            plain.append(mention)
        else:
            cued.append(DateCue(cue[0], cue[1], mention, iv[0], iv[1], cue[2]))
    return cued, plain


@settings(max_examples=2000)
@given(QUOTES)
def test_reading_holds_what_each_helper_computes_from_the_quote(quote: str) -> None:
    r = QuoteReading(quote)
    assert (r.text, r.low, r.lower) == (normalise(quote, lower=False), normalise(quote), quote.lower())
    # its quick test is only a shortcut to what the full pattern finds
    assert r.may_be_relative() == (evidence._patterns()["relative"].search(normalise(quote, lower=False)) is not None)
    pub = (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert r.relative_mentions(pub, True) == evidence.relative_mentions(quote, pub, True)
    assert r.digit_numbers() == numbers_in_text(quote, words=False)
    assert r.numbers() == numbers_in_text(quote)
    assert r.normal_numbers() == numbers_in_text(normalise(quote))
    assert r.date_cues() == _cues_by_definition(quote)
    assert r.dates() == list(evidence.iter_date_mentions(quote))
    assert r.date_mentions() == evidence.date_mentions(quote)


@settings(max_examples=1000)
@given(QUOTES, st.sampled_from([(2021, "year"), (1999, "year"), (2021, "month"), (2020, "decade"), (2016, "day")]))
def test_date_stating_is_the_first_date_that_fits_and_leaves_the_rest_to_spot(quote: str, value) -> None:
    year, precision = value
    iv = (dt.date(year, 1, 1), dt.date(year + (9 if precision == "decade" else 0), 12, 31))
    if precision in ("month", "day"):
        iv = (dt.date(year, 2, 16), dt.date(year, 2, 16 if precision == "day" else 28))
    expected = next((m for _, m in evidence.iter_date_mentions(quote) if evidence.date_compatible(m, iv, precision)),
                    None)
    r = QuoteReading(quote)
    assert r.date_stating(iv, precision) == expected
    assert r.dates() == list(evidence.iter_date_mentions(quote))  # spotting goes on where it stopped
    assert r.date_stating(iv, precision) == expected  # and is asked again from what was spotted


def _count_spotting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    spotted: list[str] = []
    real = evidence.spot_dates

    def counting(text: str):
        spotted.append(text)
        return real(text)

    monkeypatch.setattr(evidence, "spot_dates", counting)
    return spotted


def test_one_pass_reads_each_quote_once_for_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # SF202 (the date stated), SF203 and SF210 (the cue before it) all read this quote's dates
    toml = ('[sources.s]\nkind = "news"\npublished = "2025-02"\n\n[entities.x]\nname = "X"\nkind = "company"\n\n'
            '[[claims]]\nid = "c1"\nsubject = "x"\nproperty = "founded"\nvalue = "2021"\nsource = "s"\n'
            'quote = "X was founded by 2021, it said on Wednesday"\n\n'
            '[[claims]]\nid = "c2"\nsubject = "x"\nproperty = "satellites_in_orbit"\nvalue = 18\nwhen = "2024"\n'
            'source = "s"\nquote = "X has more than 19 satellites in orbit by March 2024"\n')
    base, _ = load_text(toml)
    readings: list[str] = []
    real = checks.QuoteReading

    def counting(quote: str) -> QuoteReading:
        readings.append(quote)
        return real(quote)

    monkeypatch.setattr(checks, "QuoteReading", counting)
    spotted = _count_spotting(monkeypatch)
    found = checks.check_claims(base, Context())
    assert sorted(d.code for d in found) == ["SF202", "SF210"]  # c2's 18 is not in its quote; c1's "by 2021"
    assert readings == [c.quote for c in base.claims]  # one reading per claim, in file order
    assert len(spotted) == len(set(spotted)) <= len(base.claims)  # each quote's dates spotted at most once


def test_one_pass_finds_what_the_rules_find_apart() -> None:
    if not SEEDS.is_dir():
        pytest.skip("no seed documents")
    base, _ = load_file(FACTS)
    ctx = Context(texts_dir=str(SEEDS))
    together = checks.check_claims(base, ctx)
    apart = [*checks.check_quotes(base, ctx), *checks.check_values(base, ctx),
             *checks.check_claims(base, ctx, ("SF210",))]
    assert together and sorted(map(str, together)) == sorted(map(str, apart))
    assert {d.code for d in together} >= {"SF202", "SF210"}


def test_stats_matches_quotes_through_the_same_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    from spacefacts import quotes
    from spacefacts.stats import compute_stats

    base, _ = load_file(FACTS)
    asked: list[str] = []
    real = quotes.QuoteFinder.match
    monkeypatch.setattr(quotes.QuoteFinder, "match", lambda self, claim, reading: asked.append(claim.id)
                        or real(self, claim, reading))
    compute_stats(base, str(SEEDS) if SEEDS.is_dir() else None)
    assert asked == [c.id for c in base.claims]
