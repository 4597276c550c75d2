"""search: a number in the query matches numbers as numbers (13,000 = 13000 = 13 000 = "13,000", or
inside a quantity's interval) and those claims come first; text matches ("over 1,000") after."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import FACTS
from spacefacts.cli import app
from spacefacts.loader import load_file, load_text

# Subjects named so that a tie on score (sorted by name) would put the wrong claim first.
TEXT = '''
[sources.s]
title = "S"
[entities.aardvark]
name = "Aardvark"
kind = "constellation"
[entities.xray]
name = "Xray"
kind = "constellation"
[entities.yankee]
name = "Yankee"
kind = "constellation"
[entities.zulu]
name = "Zulu"
kind = "constellation"
[entities.whiskey]
name = "Whiskey"
kind = "constellation"

[[claims]]
id = "aardvark-size"
subject = "aardvark"
property = "planned_size"
value = "over 1,000"
source = "s"
quote = "a network of over 1,000 satellites"

[[claims]]
id = "xray-size"
subject = "xray"
property = "announced"
value = "2019"
source = "s"
quote = "plans for 13000 satellites"

[[claims]]
id = "yankee-size"
subject = "yankee"
property = "announced"
value = "2020"
source = "s"
quote = "a plan for some 13 000 satellites"

[[claims]]
id = "zulu-size"
subject = "zulu"
property = "announced"
value = "2021"
source = "s"
quote = 'a constellation of "13,000" satellites'

[[claims]]
id = "whiskey-size"
subject = "whiskey"
property = "planned_size"
value = "around 13,000"
source = "s"
'''

STATING = {"xray-size", "yankee-size", "zulu-size", "whiskey-size"}


@pytest.fixture(scope="module")
def base():
    base, diags = load_text(TEXT, "t.toml")
    assert not [d for d in diags if d.severity.name == "ERROR"], diags
    return base


@pytest.mark.parametrize("query", ["13,000", "13000", "13 000", '"13,000"', "13 thousand"])
def test_claims_stating_the_number_come_first(base, query):
    from spacefacts.search import search

    hits = search(base, query, None)
    top = [h.claim.id for h in hits[:len(STATING)]]
    assert set(top) == STATING, [(h.claim.id, h.score) for h in hits]
    assert all(h.score == 100 for h in hits[:len(STATING)])
    assert all(h.claim.id not in STATING for h in hits[len(STATING):])


def test_text_matches_follow(base):
    from spacefacts.search import search

    hits = search(base, "13,000", None)
    assert hits[-1].claim.id == "aardvark-size" and not hits[-1].by_number  # "1,000" only as text
    assert all(h.by_number for h in hits[:-1])


def test_a_number_inside_a_quantity_interval_matches(base):
    from spacefacts.search import search

    hits = search(base, "12,800", None)
    assert [h.claim.id for h in hits if h.by_number] == ["whiskey-size"]  # around 13,000: 12,500-13,500
    assert 70 <= hits[0].score < 100
    assert not any(h.by_number for h in search(base, "5,000", None))  # "over 1,000" is too loose to count


def test_words_beside_the_number_must_match_too(base):
    from spacefacts.search import search

    hits = search(base, "13,000 satellites constellation", None)
    assert hits[0].claim.id == "zulu-size" and hits[0].by_number
    assert not any(h.by_number for h in search(base, "13,000 zebra crossing", None))


def test_numbers_read_spaced_groups_but_not_years_before_a_count():
    from spacefacts.search import numbers, split_query

    assert numbers("some 13 000 satellites") == [13000.0]
    assert numbers("in 2021 300 satellites") == [2021.0, 300.0]
    assert split_query("13,000 satellites") == ([13000.0], "  satellites")


def _cli_hits(query: str) -> list[dict]:
    result = CliRunner().invoke(app, ["search", query, "-f", str(FACTS), "--format", "json", "-n", "10"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["hits"]


@pytest.fixture(scope="module")
def shipped():
    return load_file(str(FACTS))[0]


@pytest.mark.parametrize("query", ["13,000", "13000"])
def test_shipped_top_hits_state_13000(shipped, query):
    """The claims saying 13,000 come first, all at 100 and marked as number matches; no claim after them says it."""
    from spacefacts.search import numbers

    claims = {c.id: c for c in shipped.claims}

    def states(hit):
        claim = claims[hit["claim"]]
        return any(13000.0 in numbers(t) for t in (str(claim.raw), claim.quote, claim.note) if t)

    hits = _cli_hits(query)
    first = [h for h in hits if h["match"] == "number"]
    assert first and hits[:len(first)] == first
    assert all(states(h) and h["score"] == 100 for h in first)
    assert not any(states(h) for h in hits[len(first):])


def test_text_output_parts_number_hits_from_text_hits():
    result = CliRunner().invoke(app, ["search", "13,000", "-f", str(FACTS), "-n", "3"])
    lines = result.stdout.splitlines()
    cut = next(i for i, ln in enumerate(lines) if "similar text, not the same number" in ln)
    assert "13,000" in "\n".join(lines[:cut]) and "13,000" not in "\n".join(lines[cut:])
