"""Dates with a time of day (issue 16): parsing, widening, comparison, conflicts, ordering, output."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import toml_value
from spacefacts.dates import DateError, parse_date
from spacefacts.loader import load_text
from spacefacts.render.timeline_json import date_json
from spacefacts.truth import ERROR, find_conflicts

HEAD = """
[sources.a]
title = "A"
published = "2023-05"

[sources.b]
title = "B"
published = "2024-02"

[entities.x]
name = "X Corp"
kind = "company"
"""


def pair(v1: str, v2: str):
    text = HEAD
    for n, (v, src) in enumerate(((v1, "a"), (v2, "b"))):
        text += f"\n[[claims]]\nid = \"c{n}\"\nsubject = \"x\"\nproperty = \"founded\"\nvalue = {toml_value(v)}\n"
        text += f"source = \"{src}\"\n"
    base, diags = load_text(text)
    assert [d for d in diags if d.severity >= 2] == [], diags
    return base


@pytest.mark.parametrize("text, precision, first, after", [
    ("1961-09-12T19:59", "minute", dt.datetime(1961, 9, 12, 19, 59), dt.datetime(1961, 9, 12, 20, 0)),
    ("1961-09-12T19:59:33", "second", dt.datetime(1961, 9, 12, 19, 59, 33), dt.datetime(1961, 9, 12, 19, 59, 34)),
    ("1961-09-12T19:59:33.5Z", "second", dt.datetime(1961, 9, 12, 19, 59, 33, 500000),
     dt.datetime(1961, 9, 12, 19, 59, 34, 500000)),
    ("1961-09-13T03:59+08:00", "minute", dt.datetime(1961, 9, 12, 19, 59), dt.datetime(1961, 9, 12, 20, 0)),
    # uncertain: widened by one unit (a minute) on each side, as other uncertain values are
    ("1961-09-12T19:59?", "minute", dt.datetime(1961, 9, 12, 19, 58), dt.datetime(1961, 9, 12, 20, 1)),
])
def test_times_parse_to_utc_instants(text, precision, first, after):
    d = parse_date(text)
    assert (d.precision, d.span) == (precision, (first, after))
    assert d.earliest == first.date()


def test_an_uncertain_time_before_midnight_reaches_the_next_day():
    d = parse_date("1961-09-12T23:59?")
    assert (d.earliest, d.latest) == (dt.date(1961, 9, 12), dt.date(1961, 9, 13))


@pytest.mark.parametrize("bad", ["1961-09-12T24:00", "1961-09-12T19:60", "1961-09-31T10:00", "1961-09-12T19:59+25:00"])
def test_bad_times_are_date_errors(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_overlaps_day_and_minute_agree_minutes_differ():
    day, minute, other = parse_date("1961-09-12"), parse_date("1961-09-12T19:59"), parse_date("1961-09-12T20:01")
    assert day.overlaps(minute) and minute.overlaps(day)
    assert not minute.overlaps(other)
    assert parse_date("1961-09-12T20:00?").overlaps(minute)


def test_conflicts_same_day_agrees_different_minutes_conflict():
    assert find_conflicts(pair("1961-09-12", "1961-09-12T19:59")) == []
    assert find_conflicts(pair("1961-09-12T19:59:33", "1961-09-12T19:59")) == []
    (conflict,) = find_conflicts(pair("1961-09-12T19:59", "1961-09-12T20:05"))
    assert conflict.cause == ERROR and "minutes apart" in conflict.explanation
    assert find_conflicts(pair("1961-09-12T19:59?", "1961-09-12T20:00")) == []


def test_ordering_display_and_json_carry_the_time():
    dates = [parse_date(t) for t in ("1961-09-12T20:01", "1961-09-12", "1961-09-12T19:59", "1961-09-11T23:00")]
    ordered = [d.text for d in sorted(dates, key=lambda d: d.sort_key)]
    assert ordered == ["1961-09-11T23:00", "1961-09-12", "1961-09-12T19:59", "1961-09-12T20:01"]
    d = parse_date("1961-09-12T19:59:33.5")
    assert d.display() == "12 Sep 1961 19:59:33.5 UTC" and d.edtf() == "1961-09-12T19:59:33.5Z"
    data = json.loads(json.dumps(date_json(parse_date("1961-09-12T19:59"))))
    assert data["precision"] == "minute" and data["earliest"] == "1961-09-12T19:59:00Z"
    assert data["latest"] == "1961-09-12T19:59:59Z"


def test_timeline_orders_by_time_and_markdown_shows_it(tmp_path):
    from conftest import invoke

    text = HEAD + "".join(
        f'\n[[claims]]\nid = "{cid}"\nsubject = "x"\nproperty = "launch"\nkey = "{cid}"\nvalue = "{v}"\nsource = "a"\n'
        for cid, v in (("late", "1961-09-12T20:01"), ("day", "1961-09-12"), ("early", "1961-09-12T19:59:33")))
    path = tmp_path / "facts.toml"
    path.write_text(text)
    shown = invoke("timeline", str(path)).stdout
    assert shown.index("12 Sep 1961 ") < shown.index("12 Sep 1961 19:59:33 UTC") < shown.index("12 Sep 1961 20:01 UTC")
    markdown = invoke("export", "markdown", str(path)).stdout
    assert "20:01 UTC" in markdown and "19:59:33 UTC" in markdown
