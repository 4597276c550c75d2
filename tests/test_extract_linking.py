"""spacefacts extract: which subject and property a statement is linked to, on small inline documents
(pronouns, opening phrases, possessives, a name given in the next sentence, cue word forms), and the
sentence and date forms linking depends on (footnote marks, parts of a decade)."""

from __future__ import annotations

import json

import pytest

from conftest import invoke

FACTS = """
[sources.wire]
title = "A wire story"
published = "2025-02-24"

[properties.ipo_accepted]
type = "date"
label = "IPO application accepted"

[properties.ipo_withdrawn]
type = "date"
label = "IPO application withdrawn"

[properties.crewed_target]
type = "date"
label = "crewed landing target"
cues = ["landing"]

[entities.spacecom]
name = "Spacecom"
kind = "company"

[entities.shanghai-gov]
name = "Shanghai government"
kind = "organization"

[entities.landspace]
name = "LandSpace"
kind = "company"

[entities.zhuque-3]
name = "Zhuque-3"
kind = "vehicle"

[entities.spacex]
name = "SpaceX"
kind = "company"

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"

[entities.beijing]
name = "Beijing"
kind = "place"

[entities.chang-guang]
name = "Chang Guang Satellite"
kind = "company"

[entities.china-space-program]
name = "China's space program"
kind = "program"
"""


@pytest.fixture
def facts(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    return str(path)


def linked(facts: str, tmp_path, text: str) -> dict[str, tuple[str | None, str | None, str]]:
    """mention text -> (subject, property, value) of each statement."""
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke("extract", str(path), "-f", facts, "-s", "wire", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["text"]: (r["subject"], r["property"], r["value"]) for r in json.loads(result.stdout)["statements"]}


def test_an_opening_phrase_does_not_hide_the_grammatical_subject(facts, tmp_path):
    """'Founded in 2018 with backing from the Shanghai government, Spacecom ...': the date is Spacecom's,
    though the government is named nearer to it."""
    rows = linked(facts, tmp_path, "Founded in 2018 with backing from the Shanghai government, Spacecom has "
                                   "recently gained momentum.\n")
    assert rows["2018"][:2] == ("spacecom", "founded")


def test_it_is_the_subject_of_the_sentence_before(facts, tmp_path):
    """'It plans ...' after a sentence about LandSpace: LandSpace's, not SpaceX's, which the sentence names
    after the date; and the pronoun sentence hands LandSpace on, not SpaceX."""
    rows = linked(facts, tmp_path, "LandSpace is a private rocket maker. It launched its first rocket in 2018, "
                                   "years after SpaceX. It was founded in 2015, well after SpaceX.\n")
    assert rows["2018"][0] == "landspace"
    assert rows["2015"][:2] == ("landspace", "founded")


def test_the_owner_named_with_s_is_not_the_subject(facts, tmp_path):
    """'In December 2024, LandSpace's Zhuque-3 ...': the rocket's launch, not the company's."""
    rows = linked(facts, tmp_path, "In December 2024, LandSpace's Zhuque-3 launched from Jiuquan.\n")
    assert rows["December 2024"][:2] == ("zhuque-3", "launch")


def test_a_thing_named_in_the_next_sentence_in_apposition_is_the_subject(facts, tmp_path):
    """'a mysterious company ... The new company, China Satellite Network Group, ...': the date is the
    group's, not that of the company the sentence before spoke of."""
    rows = linked(facts, tmp_path, "SpaceX builds a large constellation. Beijing does not want to be left "
                                   "behind, and a mysterious company is said to have been established in early "
                                   "2020. The new company, China Satellite Network Group, would be headed by an "
                                   "engineer.\n")
    assert rows["early 2020"][:2] == ("satnet", "founded")


def test_a_cue_matches_other_forms_of_its_word(facts, tmp_path):
    """'withdrew' is a form of the label's 'withdrawn': the withdrawal, not the acceptance."""
    rows = linked(facts, tmp_path, "Chang Guang Satellite withdrew its IPO application in December 2024.\n")
    assert rows["December 2024"][:2] == ("chang-guang", "ipo_withdrawn")


@pytest.mark.parametrize("written, value", [
    ("the mid-1950s", "1954/1956"), ("the late 1980s", "1985/1989"), ("the early 2000s", "2000/2004"),
    ("the 1980s", "1980s"),
])
def test_part_of_a_decade(facts, tmp_path, written, value):
    rows = linked(facts, tmp_path, f"China's space program was started in {written}.\n")
    assert rows[written.removeprefix("the ")] == ("china-space-program", "started", value)


def test_a_footnote_mark_after_a_full_stop_ends_the_sentence(facts, tmp_path):
    """'... in 2018.³⁹ It ...': two sentences; the second's date is not linked through the first's words."""
    from spacefacts.document import split_sentences

    text = "Spacecom was founded in 2018.³⁹ The Shanghai government announced a plan in 2020.\n"
    assert [s.text for s in split_sentences(text)] == ["Spacecom was founded in 2018.³⁹",
                                                       "The Shanghai government announced a plan in 2020."]
    rows = linked(facts, tmp_path, text)
    assert rows["2020"][1] != "founded"
