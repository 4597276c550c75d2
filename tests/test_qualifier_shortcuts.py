"""SF210's quick exits (checks/qualifiers.QualifierRule.finding) give the answer of the full reading
they stand in for: over made-up quotes with cue words and their near misses, and over the claims of the
shipped file and of a generated file, finding says what the rule's full path (_date_finding,
_quantity_finding) says."""

from __future__ import annotations

import itertools
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FACTS, ROOT
from spacefacts.checks.qualifiers import QualifierRule, _date_finding, _quantity_finding
from spacefacts.dates import DateValue, parse_date
from spacefacts.evidence import QuoteReading
from spacefacts.loader import load_file, load_text
from spacefacts.model import Claim
from spacefacts.quantities import Quantity

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

BASE = load_text("""
[sources.s]
title = "S"
published = "2025-02-24"

[entities.x]
name = "X"
kind = "company"
""")[0]


def _full(rule: QualifierRule, claim: Claim, reading: QuoteReading) -> str | None:
    """The message of the rule's full path: what finding said before its quick exits."""
    v = claim.value
    if not claim.quote or claim.record:
        return None
    if type(v) is DateValue:
        return _date_finding(claim, reading, v, rule.base, rule.roles, rule.ends)
    if type(v) is Quantity:
        return _quantity_finding(claim, reading, v)
    return None


def _agrees(rule: QualifierRule, claim: Claim) -> str | None:
    found = rule.finding(claim, QuoteReading(claim.quote))
    full = _full(rule, claim, QuoteReading(claim.quote))
    assert (found.message if found else None) == full, (claim.quote, claim.raw)
    return full


# cue words and what comes close to them: other cases, other letters, pieces of words
WORDS = ["by", "By", "BY", "bye", "nearby", "before", "Before", "prior to", "Prior", "until", "Until", "till", "til",
         "after", "After", "since", "Since", "no later than", "later", "not", "only", "the", "in", "on", "of",
         "launched", "founded", "ｂｙ", "ｓｉｎｃｅ", "bｙ", "Ｂｙ", "ſince", "\u0130n", "2030", "2030,", "2029", "2031",
         "1980s", "March", "March 2030", "Q1 2030", "mid-2030", "early", "-", ",", "."]
DATES = ["2030", "2029", "2031", "2030-03", "Q1 2030", "mid-2030", "1980s", "1989", "2030-03-05", "2030~", "2029/2031",
         "../2030", "2031/..", "../2030-02", "2030/..", "1980s/.."]


@settings(max_examples=4000)
@given(st.lists(st.sampled_from(WORDS), max_size=8), st.sampled_from(DATES))
def test_a_date_claims_finding_is_the_full_paths(words: list[str], value: str) -> None:
    rule = QualifierRule(BASE)
    claim = Claim(id="c", subject="x", property="milestone", value=parse_date(value), source="s",
                  location=None, quote=" ".join(words), raw=value)
    _agrees(rule, claim)


def test_a_cue_before_the_year_is_still_found() -> None:
    rule = QualifierRule(BASE)
    for quote in ("finished By 2030", "finished BY 2030", "done no later than 2030", "done prior to 2030"):
        claim = Claim(id="c", subject="x", property="milestone", value=parse_date("2030"), source="s",
                      location=None, quote=quote, raw="2030")
        assert _agrees(rule, claim) is not None, quote


def _claims(base) -> list[Claim]:
    return [c for c in base.claims if type(c.value) in QualifierRule.KINDS]


def test_the_shipped_claims_agree() -> None:
    base = load_file(FACTS)[0]
    rule = QualifierRule(base)
    claims = _claims(base)
    assert claims
    for claim in claims:
        _agrees(rule, claim)


def test_a_generated_files_claims_agree(tmp_path) -> None:
    base = load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]
    rule = QualifierRule(base)
    claims = _claims(base)
    assert any(type(c.value) is DateValue for c in claims) and any(type(c.value) is Quantity for c in claims)
    for claim in claims:
        _agrees(rule, claim)


# ---- quantities.number_written's quick test of what follows a number ------------------------------

def _number_written_by_the_pattern(text: str, number: float) -> bool:
    """number_written as it was before its quick test: _NUMBER_GOES_ON asked at every place."""
    from spacefacts.quantities import _NUMBER_GOES_ON

    if not (number.is_integer() and 0 <= number < 1e15):
        return False
    n = int(number)
    for written in (str(n), f"{n:,}") if n >= 1000 else (str(n),):
        at = text.find(written)
        while at >= 0:
            if (at == 0 or text[at - 1] in " $(\"'-") and _NUMBER_GOES_ON.match(text, at + len(written)) is None:
                return True
            at = text.find(written, at + 1)
    return False


AFTER_NUMBERS = ["36", "1,296", "1296", "13,000", "13000", " ", "  ", "\u00a0", "\t", "t", "m", "b", "k", " t", " m",
                 " b", " k", " tonnes", " thousand", " million", " billion", " trillion", " bn", " mn", " mln", " tn",
                 " km", " kg", "m ", "k.", " Thousand", ".", ",", ".5", ",5", "0", "s", " satellites", "$", "(", "-"]


@settings(max_examples=5000)
@given(st.lists(st.sampled_from(AFTER_NUMBERS), max_size=6), st.sampled_from([36.0, 1296.0, 13000.0, 3.0, 0.0, 36.5]))
def test_number_written_is_the_patterns_answer(pieces: list[str], number: float) -> None:
    from spacefacts.quantities import number_written

    text = "".join(pieces)
    assert number_written(text, number) == _number_written_by_the_pattern(text, number), (text, number)


def test_number_written_after_every_two_pieces() -> None:
    # every number form followed by every two pieces: each near miss of a scale word right after a number
    from spacefacts.quantities import number_written

    for written, number in (("36", 36.0), ("1296", 1296.0), ("1,296", 1296.0), ("$36", 36.0), ("x 36", 36.0)):
        for a, b in itertools.product(AFTER_NUMBERS, repeat=2):
            text = written + a + b
            assert number_written(text, number) == _number_written_by_the_pattern(text, number), (text, number)


def test_the_generated_and_shipped_quantities_are_written_as_the_pattern_says(tmp_path) -> None:
    from spacefacts.quantities import number_written

    bases = [load_file(FACTS)[0], load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]]
    claims = [c for base in bases for c in base.claims if type(c.value) is Quantity]
    assert claims
    for claim in claims:
        v = claim.value.written or claim.value
        for n in (v.value, v.low, v.high):
            assert number_written(claim.quote, n) == _number_written_by_the_pattern(claim.quote, n), (claim.quote, n)


# ---- evidence.date_compatible's year compared without its dates ------------------------------------

def _compatible_by_intervals(mention, claim, precision: str) -> bool:
    """date_compatible as it was before its quick test for a year: the mention's interval built."""
    from spacefacts.evidence import PRECISION_RANK

    if PRECISION_RANK.get(mention.precision, 5) > PRECISION_RANK.get(precision, 5):
        return False
    if mention.year is not None:
        iv = mention.interval()
        return iv is not None and iv[0] <= claim[1] and claim[0] <= iv[1]
    return any((iv := mention.interval(y)) and iv[0] <= claim[1] and claim[0] <= iv[1]
               for y in range(claim[0].year, claim[1].year + 1))


@settings(max_examples=4000)
@given(st.sampled_from([0, 1, 2012, 2013, 2014, 2019, 2020, 9999, 10000, -5, None]),
       st.sampled_from(["year", "decade", "month", "day"]), st.sampled_from(DATES + ["2013", "2012/2014", "2013-12-31",
                                                                                   "2014-01-01", "../2013", "2013/.."]))
def test_date_compatible_is_the_intervals_answer(year, precision: str, value: str) -> None:
    from spacefacts.evidence import DateMention, date_compatible

    v = parse_date(value)
    mention = DateMention(str(year), year, 1, 1, precision)
    claim = (v.earliest, v.latest)
    assert date_compatible(mention, claim, v.precision) == _compatible_by_intervals(mention, claim, v.precision)


def test_the_shipped_and_generated_date_mentions_are_compatible_as_their_intervals_say(tmp_path) -> None:
    from spacefacts.evidence import date_compatible

    bases = [load_file(FACTS)[0], load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]]
    pairs = 0
    for claim in (c for base in bases for c in base.claims):
        if type(claim.value) is DateValue:
            v = claim.value
            for _, mention in QuoteReading(claim.quote).dates():
                pairs += mention.precision == "year"
                assert date_compatible(mention, (v.earliest, v.latest), v.precision) == \
                    _compatible_by_intervals(mention, (v.earliest, v.latest), v.precision), (claim.quote, v.text)
    assert pairs


# ---- qualifiers._written_as_is ----------------------------------------------------------------

def _written_as_is_by_slices(value: str, low: str) -> bool:
    """_written_as_is as it was: the words before the value cut out and tested."""
    at = low.find(value)
    if at < 0 or (at and low[at - 1].isalnum()) or low[max(0, at - 4):at].endswith(("no ", "not ")):
        return False
    after = low[at + len(value):at + len(value) + 2]
    return not (after[:1].isdigit() or (after[:1] in (".", ",") and after[1:].isdigit()))


@settings(max_examples=4000)
@given(st.lists(st.sampled_from(["no ", "not ", "no", "t ", "o ", " ", "a", "more than 5", "more than 50", "0", ".", ",",
                                 ".5", ",0", "x", "more than ", "5"]), max_size=6),
       st.sampled_from(["more than 5", "more than 50", "5", "o", ""]))
def test_written_as_is_is_the_slices_answer(pieces: list[str], value: str) -> None:
    from spacefacts.checks.qualifiers import _written_as_is

    low = "".join(pieces)
    assert _written_as_is(value, low) == _written_as_is_by_slices(value, low), (value, low)


def test_the_shipped_and_generated_quantities_written_as_is_as_the_slices_say(tmp_path) -> None:
    from spacefacts.checks.qualifiers import _written_as_is

    bases = [load_file(FACTS)[0], load_file(generate.write(3000, tmp_path / "facts.toml", texts=False))[0]]
    claims = [c for base in bases for c in base.claims if type(c.value) is Quantity and c.quote]
    assert claims
    for claim in claims:
        value, low = claim.value.text.lower(), QuoteReading(claim.quote).lower
        assert _written_as_is(value, low) == _written_as_is_by_slices(value, low), (claim.quote, value)
