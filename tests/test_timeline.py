"""timeline: events from claims, date conflicts, filters, grouping; search over claims."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from spacefacts.dates import parse_date
from spacefacts.loader import load_file, load_text
from spacefacts.search import search
from spacefacts.timeline import Filters, build_events, by_year, select, timeline

FIXTURE = Path(__file__).parent / "fixtures" / "views.toml"

HEAD = """
[sources.a]
title = "A"
trust = 0.8
[sources.b]
title = "B"
trust = 0.3
[entities.x]
name = "Xcorp"
kind = "company"
[entities.r]
name = "Rocket"
kind = "vehicle"
"""


def claim(cid, subject, prop, value, source="a", **extra):
    lines = [f'[[claims]]\nid = "{cid}"\nsubject = "{subject}"\nproperty = "{prop}"',
             f"value = {value!r}" if not isinstance(value, str) else f'value = "{value}"', f'source = "{source}"']
    lines += [f'{k} = "{v}"' if isinstance(v, str) else f"{k} = {str(v).lower()}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def load(*claims):
    base, diags = load_text(HEAD + "".join(claims), "t.toml")
    assert not [d for d in diags if d.severity.name == "ERROR"], [str(d) for d in diags]
    return base


@pytest.fixture(scope="module")
def fixture_base():
    return load_file(FIXTURE)[0]


def test_date_property_claims_and_when_claims_become_events():
    base = load(claim("c1", "x", "founded", "2019-05"),
                claim("c2", "r", "satellites_launched", 18, key="b1", when="2024-08-06"),
                claim("c3", "x", "planned_size", 100))  # no date: not an event
    events = build_events(base)
    assert [(e.subject, e.what) for e in events] == [("x", "founded"), ("r", "satellites launched: 18 satellites")]
    assert events[0].date.display() == "May 2019"
    assert events[1].date.earliest == dt.date(2024, 8, 6)


def test_agreeing_dates_are_one_event_with_both_sources():
    base = load(claim("c1", "x", "founded", "2021-04-28"), claim("c2", "x", "founded", "2021-04", source="b"))
    (event,) = build_events(base)
    assert not event.conflict
    assert set(event.sources) == {"a", "b"}
    assert event.date.display() == "28 Apr 2021"  # the more trusted source's date


def test_disagreeing_dates_are_a_conflict_with_the_trusted_date_first():
    base = load(claim("c1", "x", "founded", "2018"), claim("c2", "x", "founded", "2016~", source="b"))
    (event,) = build_events(base)
    assert event.conflict
    assert event.date.text == "2018" and event.dating.sources == ("a",)
    assert [o.date.text for o in event.others] == ["2016~"]
    assert event.dating.confidence > event.others[0].confidence
    # truth's confidence, when given, decides instead of the trust priors
    (flipped,) = build_events(base, confidence={"c1": 0.2, "c2": 0.9})
    assert flipped.date.text == "2016~"


def test_multi_property_without_key_never_conflicts():
    base = load(claim("c1", "r", "launch", "2020-01-01"), claim("c2", "r", "launch", "2021-06-01", source="b"))
    events = build_events(base)
    assert len(events) == 2 and not any(e.conflict for e in events)


def test_keyed_multi_property_conflicts_per_key():
    base = load(claim("c1", "r", "launch", "2020-01-01", key="f1"),
                claim("c2", "r", "launch", "2020-03-01", key="f1", source="b"),
                claim("c3", "r", "launch", "2021-06-01", key="f2"))
    events = build_events(base)
    assert [(e.key, e.conflict) for e in events] == [("f1", True), ("f2", False)]


def test_deprecated_claims_are_left_out():
    base = load(claim("c1", "x", "founded", "2018"), claim("c2", "x", "founded", "2010", rank="deprecated"))
    (event,) = build_events(base)
    assert not event.conflict


def test_filters(fixture_base):
    events = build_events(fixture_base)
    assert {e.subject for e in select(events, Filters(entities=("spacesail",)))} == {"spacesail"}
    assert {e.kind for e in select(events, Filters(kinds=("company",)))} == {"company"}
    assert {e.property for e in select(events, Filters(properties=("founded",)))} == {"founded"}
    promo = select(events, Filters(sources=("promo",)))
    assert [e.subject for e in promo] == ["spacecom"]  # the disputed date cites promo
    since = select(events, Filters(since=parse_date("2021")))
    assert since and all(e.date.latest >= dt.date(2021, 1, 1) for e in since)
    until = select(events, Filters(until=parse_date("2020")))
    assert until and all(e.date.earliest <= dt.date(2020, 12, 31) for e in until)
    assert len(select(events, Filters(limit=2))) == 2
    rev = select(events, Filters(reverse=True, limit=1))
    assert rev == [events[-1]]


def test_events_are_chronological_and_grouped_by_year(fixture_base):
    events = timeline(fixture_base)
    keys = [e.sort_key for e in events]
    assert keys == sorted(keys)
    years = [y for y, _ in by_year(events)]
    assert years == sorted(set(years)) == [2018, 2020, 2021, 2024, 2025]


def test_open_start_is_listed_and_sorted_under_its_end_year():
    base = load(claim("c1", "x", "founded", "../2014"), claim("c2", "r", "first_launch", "2010"),
                claim("c3", "r", "landing", "2016"))
    events = build_events(base)
    assert [e.year for e in events] == [2010, 2014, 2016]


def test_approximate_dates_are_listed_and_sorted_under_the_year_written():
    """'c. 2022' widens to 2021-2023 for comparison, but a reader looks for it under 2022 (the HTML
    page listed it under 2021 before), after an exact 2021 event and before an exact 2023 one."""
    from spacefacts.render.html import render_html

    base = load(claim("c1", "x", "founded", "c. 2022"), claim("c2", "r", "first_launch", "2021-06"),
                claim("c3", "r", "landing", "2022?"), claim("c4", "x", "started", "2023-01"))
    events = build_events(base)
    assert [(e.property, e.year) for e in events] == [
        ("first_launch", 2021), ("landing", 2022), ("founded", 2022), ("started", 2023)]
    page = render_html(base, events)
    assert page.index("<h2>2022</h2>") < page.index("Xcorp founded") < page.index("<h2>2023</h2>")


def test_search_ranks_quotes_and_values(fixture_base):
    hits = search(fixture_base, "operational satellites")
    assert hits[0].claim.id == "caixin-spacesail-in-orbit" and hits[0].field == "quote"
    assert hits[0].subject_name == "Spacesail Constellation"
    # a short value does not "contain" a long query
    assert "caixin-spacesail-batch1" not in [h.claim.id for h in hits]


def test_search_notes_typos_limit_and_empty(fixture_base):
    assert search(fixture_base, "first phase")[0].field == "note"
    assert search(fixture_base, "operatinal satelites")[0].claim.id == "caixin-spacesail-in-orbit"
    assert len(search(fixture_base, "satellites", limit=2)) == 2
    assert search(fixture_base, "   ") == []
    assert search(fixture_base, "qwxzv jjk") == []


def test_open_ended_dates_are_filtered_at_their_known_end():
    """'by 2030' (../2030) is listed under 2030, so a 2019 window leaves it out; 'after 2030' (2031/..)
    is listed under 2031 and is in a window from 2031 (before, both 'may have happened' in 2019)."""
    base = load(claim("c1", "x", "founded", "../2030"), claim("c2", "r", "first_launch", "2031/.."),
                claim("c3", "r", "landing", "2019-01"))
    def kept(**bounds):
        f = Filters(**{k: parse_date(v) for k, v in bounds.items()})
        return [e.property for e in select(build_events(base), f)]
    assert kept(since="2019", until="2019-12") == ["landing"]
    assert kept(since="2030", until="2030") == ["founded"]
    assert kept(since="2031") == ["first_launch"]
    assert kept(until="2030") == ["landing", "founded"]


def test_an_agreeing_cluster_shows_the_narrower_date_on_a_near_tie():
    """'2019' at 0.563 and 'Jan 2019' (which refines it) at 0.562 are a tie as confidences are shown:
    the event is dated Jan 2019 (the shipped Chang'e 4 landing read '2019' before)."""
    base = load(claim("c1", "x", "founded", "2019"), claim("c2", "x", "founded", "2019-01", source="b"))
    (event,) = build_events(base, confidence={"c1": 0.5631, "c2": 0.5622})
    assert event.date.text == "2019-01" and {c.id for c in event.claims} == {"c1", "c2"}
    (event,) = build_events(base, confidence={"c1": 0.70, "c2": 0.50})
    assert event.date.text == "2019"
