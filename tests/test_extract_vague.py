"""spacefacts extract: vague and relative time words, cue words before dates, heading items (issue 17's
scope), on small inline documents. The wire source is published on 2025-02-24."""

from __future__ import annotations

import json
import tomllib

import pytest

from conftest import invoke
from test_extract import FACTS


@pytest.fixture
def facts(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    return str(path)


def extract(facts: str, tmp_path, text: str, *extra: str, source: str = "wire") -> list[dict]:
    path = tmp_path / "doc.txt"
    path.write_text(text + "\n", encoding="utf-8")
    result = invoke("extract", str(path), "-f", facts, "-s", source, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["statements"]


def dates(rows: list[dict]) -> dict[str, str]:
    return {r["text"]: r["value"] for r in rows if r["kind"] == "date"}


@pytest.mark.parametrize("sentence, written, value", [
    ("SatNet plans 40 launches over the next three years.", "over the next three years", "2025/2027"),
    ("SatNet was noted in plans for the next five years.", "for the next five years", "2025/2029"),
    ("SatNet will build more satellites in the coming years.", "in the coming years", "2025/.."),
    ("Over the past decade, SatNet has grown.", "Over the past decade", "2015/2024"),
    ("SatNet tested engines these past twenty years.", "these past twenty years", "2005/2024"),
    ("SatNet grew in the last few decades.", "in the last few decades", "1990/2024"),
    ("SatNet will test its engine within three years.", "within three years", "2025-02-24/2028"),
    ("SatNet will test a station in a few years from now.", "in a few years from now", "2027/2029"),
    ("Recent tests by SatNet went well.", "Recent", "../2025-02-24"),
    ("SatNet earlier tested its engine.", "earlier", "../2025-02-24"),
    ("SatNet is today the largest operator.", "today", "2025-02-24"),
])
def test_vague_time_words_are_resolved_against_the_publication(facts, tmp_path, sentence, written, value):
    assert dates(extract(facts, tmp_path, sentence))[written] == value


def test_a_vague_word_is_no_date_where_it_compares(facts, tmp_path):
    rows = extract(facts, tmp_path, "SatNet tested two years earlier than LandSpace, and the earlier plans failed.")
    assert "earlier" not in dates(rows)


def test_an_open_publication_date_leaves_the_vague_interval_open(facts, tmp_path):
    """Published "2022/..": the past decade started in 2012 or later, and its end is unknown."""
    text = FACTS.replace('published = "2025-02-24"', 'published = "2022/.."', 1)
    path = tmp_path / "open.toml"
    path.write_text(text, encoding="utf-8")
    rows = extract(str(path), tmp_path, "Over the past decade, SatNet has emerged as a key player.")
    assert dates(rows) == {"Over the past decade": "2012/.."}


@pytest.mark.parametrize("sentence, written, value", [
    ("SatNet was tested before August 2024.", "before August 2024", "../2024-07"),
    ("SatNet will be tested by 2030.", "by 2030", "../2030"),
    ("SatNet will be tested after 2030.", "after 2030", "2031/.."),
    ("SatNet has been tested by January 1, 2025.", "by January 1, 2025", "../2025-01-01"),
    ("SatNet has been tested since the 1980s.", "since the 1980s", "1980s/.."),
    ("SatNet has completed four tests since August.", "since August", "2024-08/.."),
    ("SatNet was tested until 2020.", "until 2020", "../2020"),
])
def test_a_cue_before_a_date_gives_the_value_its_form(facts, tmp_path, sentence, written, value):
    assert dates(extract(facts, tmp_path, sentence))[written] == value


def test_since_of_a_property_that_starts_something_is_the_date_itself(facts, tmp_path):
    """"SatNet, set up since 2014": founded starts a state, so its date is 2014 (SF210's reading)."""
    rows = extract(facts, tmp_path, "SatNet has been established since 2014.")
    (row,) = [r for r in rows if r["kind"] == "date"]
    assert (row["property"], row["value"]) == ("founded", "2014")


def test_ever_since_counts_from_the_date_before_it(facts, tmp_path):
    rows = extract(facts, tmp_path, "SatNet tested its engine in 2014 and has tested it ever since.")
    assert dates(rows) == {"2014": "2014", "ever since": "2014/.."}


def test_a_heading_and_its_item_are_one_statement(facts, tmp_path):
    rows = extract(facts, tmp_path, "January 23, 2025:\n- LandSpace launched 18 satellites.")
    assert {r["value"] for r in rows} == {"2025-01-23", "18"}
    assert all(r["quote"].startswith("January 23, 2025: ... LandSpace") for r in rows)


def test_vague_statements_are_proposed_with_their_reading_accepted(facts, tmp_path):
    """--format toml: the value a vague word gives is not written in the quote, so the claim carries the
    SF202 acceptance curators write, its reason saying how the words were read."""
    path = tmp_path / "doc.txt"
    path.write_text("SatNet has tested its engine over the past decade.\n", encoding="utf-8")
    result = invoke("extract", str(path), "-f", facts, "-s", "wire", "--format", "toml")
    (claim,) = tomllib.loads(result.stdout)["claims"]
    assert claim["value"] == "2015/2024"
    assert claim["accepted"][0]["code"] == "SF202" and "over the past decade" in claim["accepted"][0]["reason"]
