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


CUT = ("In the UN General Assembly (UNGA), China and Russia manage, almost every year, to pass resolutions on "
       "issues related to security in space: on the “Prevention of an arms race in outer space” (since\n\n"
       "58. The seven countries are: Australia, Canada, Italy, Japan, the UAE, and the UK.\n\n"
       "59. C. Newman, “Artemis Accords”, *The Conversation*, 19 October 2020.\n\n"
       "2000), and on other things. China keeps pressing.\n")


def test_a_paragraph_cut_by_a_page_break_and_footnotes_goes_on_after_them():
    """'... (since' + footnotes 58-59 + '2000), and on ...': one sentence, the footnotes after it, each
    with its own line; the place the footnotes stood in is kept as a cut (for the quote's ellipsis)."""
    from spacefacts.document import split_sentences

    sents = split_sentences(CUT)
    assert [(s.line, s.text[:24]) for s in sents] == [
        (1, "In the UN General Assemb"), (7, "China keeps pressing."), (3, "The seven countries are:"),
        (5, "C. Newman, “Artemis Acco")]
    first = sents[0]
    assert first.text.endswith("(since 2000), and on other things.")
    assert first.text[first.cuts[0]:].startswith("2000), and on")


@pytest.mark.parametrize("text", [
    "A title of a page that runs on for quite a long way without any full stop at its end\n\nThe next paragraph.\n",
    "Short heading\n\nthe next paragraph in lower case.\n",
    "A paragraph that ends with its full stop, as most do, and is followed by a footnote.\n\n"
    "12. A note.\n\nand a paragraph in lower case.\n",
])
def test_a_finished_paragraph_a_title_or_a_heading_is_not_joined_to_the_next(text):
    from spacefacts.document import split_sentences

    assert all(not s.cuts for s in split_sentences(text))
    assert len(split_sentences(text)) >= 2


TITLES = """
[sources.study]
title = "A study"
published = "2021-01-01"

[sources.ref]
title = "Reference"
kind = "reference"
published = "2020-01-01"

[entities.paros]
name = "Prevention of an Arms Race in Outer Space"
kind = "program"
aliases = ["PAROS"]

[entities.unga-res-paros]
name = "UNGA resolutions on the Prevention of an arms race in outer space"
kind = "document"

[entities.unga-res-72-250]
name = "UNGA resolution 72/250: Further practical measures for the prevention of an arms race in outer space"
kind = "document"

[entities.spacecom]
name = "Spacecom"
kind = "company"

[entities.china]
name = "China"
kind = "country"

[entities.landspace]
name = "LandSpace"
kind = "company"

[[claims]]
id = "ref-landspace-founded"
subject = "landspace"
property = "founded"
value = "2015"
source = "ref"

[[claims]]
id = "ref-unga-res-paros-started"
subject = "unga-res-paros"
property = "started"
value = "1981"
source = "ref"
"""


@pytest.fixture
def titles(tmp_path):
    path = tmp_path / "titles.toml"
    path.write_text(TITLES, encoding="utf-8")
    return str(path)


def study(facts: str, tmp_path, text: str) -> list[dict]:
    path = tmp_path / "study.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke("extract", str(path), "-f", facts, "-s", "study", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["statements"]


def test_a_quoted_title_names_the_entity_whose_name_holds_it_and_the_sentences_other_words(titles, tmp_path):
    """“Prevention of an arms race in outer space” after 'UNGA ... resolutions' is the resolutions' entity
    (its other words are said), not the programme whose name the title is, nor resolution 72/250 (whose
    other words are not); without 'UNGA ... resolutions' it stays the programme; a title with a typo is
    matched as show matches names."""
    rows = study(titles, tmp_path, "The UNGA passes resolutions on the “Prevention of an arms race in outer space” "
                                   "(since 2000) every year.\n")
    assert [(r["subject"], r["property"], r["value"]) for r in rows] == [("unga-res-paros", "started", "2000")]
    rows = study(titles, tmp_path, "Russia promotes a treaty on the “Prevention of an Arms Race in Outer Space” "
                                   "(since 1985).\n")
    assert rows[0]["subject"] == "paros"
    rows = study(titles, tmp_path, "The UNGA passes resolutions on the “Prevention of an arms rase in outer space” "
                                   "(since 2000) every year.\n")
    assert rows[0]["subject"] == "unga-res-paros"


def test_since_in_parentheses_after_a_name_tells_when_it_started(titles, tmp_path):
    """'Spacecom (since 2018)': Spacecom was founded in 2018 (the value is the year, as a start property
    reads 'since'; of the properties that start something, the one the base has for companies);
    'since 2018' elsewhere in the sentence, or the date four launches count from, is no cue; nor is it
    for a kind of thing the base says no start of."""
    rows = study(titles, tmp_path, "The work of Spacecom (since 2018) is well known.\n")
    assert [(r["subject"], r["property"], r["value"]) for r in rows] == [("spacecom", "founded", "2018")]
    rows = study(titles, tmp_path, "Spacecom has objected, since 2018, to the idea.\n")
    assert rows[0]["property"] is None
    rows = study(titles, tmp_path, "Spacecom completed four launches (since 2018) for the network.\n")
    assert all(r["property"] != "founded" for r in rows)
    rows = study(titles, tmp_path, "The friendship with China (since 2018) is well known.\n")
    assert rows[0]["property"] is None


def test_the_quote_of_a_sentence_cut_by_footnotes_elides_them_and_is_found_in_the_document(titles, tmp_path):
    """The proposed claim's quote has '...' where the footnotes stand: lint finds it in the text (SF201)
    and it states its value (SF202)."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "study.txt").write_text(CUT, encoding="utf-8")
    facts = tmp_path / "facts.toml"
    facts.write_text(TITLES.replace('published = "2021-01-01"', 'published = "2021-01-01"\ntext = "study.txt"'),
                     encoding="utf-8")
    result = invoke("extract", str(texts / "study.txt"), "-f", str(facts), "-s", "study", "--format", "toml")
    assert result.exit_code == 0, result.output
    import tomllib

    (claim,) = [c for c in tomllib.loads(result.stdout)["claims"] if c["subject"] == "unga-res-paros"]
    assert claim["value"] == "2000" and "(since ... 2000)" in claim["quote"]
    merged = tmp_path / "merged.toml"
    merged.write_text(facts.read_text(encoding="utf-8") + "\n" + result.stdout, encoding="utf-8")
    lint = invoke("lint", str(merged), "--texts", str(texts), "--select", "SF201,SF202,SF203", "--format", "json")
    assert lint.exit_code == 0, lint.stdout
    assert json.loads(lint.stdout)["summary"]["errors"] == 0
