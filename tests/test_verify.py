"""spacefacts verify: each verdict on small inline documents, the exit status, JSON and Markdown output,
and (where ../shared/seeds is present) the shipped documents against the shipped base."""

from __future__ import annotations

import json

import pytest

from conftest import FACTS as SHIPPED, SEEDS, invoke
from test_extract import FACTS, doc


@pytest.fixture
def facts(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    return str(path)


def verdicts(facts: str, path: str, *extra: str) -> tuple[int, list[dict]]:
    result = invoke("verify", path, "-f", facts, "-s", "wire", "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["statements"]


def test_agrees_names_the_supporting_claims(facts, tmp_path):
    """'2021' agrees with 'April 2021': the intervals overlap."""
    code, rows = verdicts(facts, doc(tmp_path, "SatNet was established in 2021.\n"))
    assert code == 0
    assert [(r["verdict"], [c["id"] for c in r["supporting"]]) for r in rows] == [("agrees", ["ref-satnet-founded"])]


def test_conflicts_names_the_contradicted_claims_cause_and_likely_side(facts, tmp_path):
    code, rows = verdicts(facts, doc(tmp_path, "SatNet was established in 2015.\n"))
    assert code == 1
    (row,) = rows
    assert row["verdict"] == "conflicts" and [c["id"] for c in row["contradicted"]] == ["ref-satnet-founded"]
    assert row["conflict"]["cause"] == "error"
    assert row["conflict"]["likely"] == "Apr 2021" and row["conflict"]["likely_document"] is False
    assert 0.5 < row["conflict"]["confidence"] <= 1


def test_an_amount_conflicts_through_its_interval(facts, tmp_path):
    """'more than 14,000' cannot hold with 'around 13,000' (12,500-13,500) at the same time."""
    code, rows = verdicts(facts, doc(tmp_path, "Guowang is planned to consist of more than 14,000 satellites.\n"),
                          "--published", "2024-06-01")
    assert code == 1 and rows[0]["verdict"] == "conflicts"
    code, rows = verdicts(facts, doc(tmp_path, "Guowang is planned to consist of 13,100 satellites.\n", "b.txt"),
                          "--published", "2024-06-01")
    assert code == 0 and rows[0]["verdict"] == "agrees"


def test_new_when_the_base_knows_nothing_of_it(facts, tmp_path):
    code, rows = verdicts(facts, doc(tmp_path, "LandSpace was founded in 2015.\n"))
    assert code == 0 and [r["verdict"] for r in rows] == ["new"]


def test_unlinked_statements_are_reported_as_such(facts, tmp_path):
    code, rows = verdicts(facts, doc(tmp_path, "The weather was fine in 2020.\n"))
    assert code == 0 and [r["verdict"] for r in rows] == ["unlinked"]


def test_text_output_annotates_the_document(facts, tmp_path):
    path = doc(tmp_path, "SatNet was established in 2015. LandSpace was founded in 2015.\n")
    result = invoke("verify", path, "-f", facts, "-s", "wire")
    assert result.exit_code == 1
    out = result.stdout
    assert "line 1: SatNet was established in 2015." in out
    assert "[conflicts] 2015" in out and "contradicts ref-satnet-founded (ref): Apr 2021" in out
    assert "[new] 2015" in out and "2 statements with a date or number: 0 agrees, 1 conflicts, 1 new" in out
    assert "\x1b[" not in out
    colored = invoke("verify", path, "-f", facts, "-s", "wire", "--color", "always")
    assert "\x1b[31m" in colored.stdout


def test_markdown_review_quotes_each_statement_with_footnoted_sources(facts, tmp_path):
    path = doc(tmp_path, "SatNet was established in 2015.\n")
    result = invoke("verify", path, "-f", facts, "-s", "wire", "--format", "markdown")
    assert result.exit_code == 1
    md = result.stdout
    assert "> SatNet was established in 2015." in md and "**conflicts**" in md
    assert "[^1]" in md and "[^1]: ref: Reference" in md


def test_a_document_without_conflicts_exits_zero_even_with_new_statements(facts, tmp_path):
    result = invoke("verify", doc(tmp_path, "LandSpace was founded in 2015.\n"), "-f", facts, "-s", "wire")
    assert result.exit_code == 0


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


@needs_seeds
def test_spacenews_article_against_the_shipped_base_without_its_own_claims(tmp_path):
    """Document 000 with its source's claims removed: the founding year agrees with the reference."""
    import glob

    text = SHIPPED.read_text(encoding="utf-8")
    (path,) = glob.glob(str(SEEDS / "000_*.txt"))
    result = invoke("verify", path, "-f", str(SHIPPED), "-s", "spacenews-2022", "--format", "json")
    assert result.exit_code in (0, 1) and "spacenews-2022" in text
    rows = json.loads(result.stdout)["statements"]
    founded = next(r for r in rows if r["subject"] == "satnet" and r["property"] == "founded")
    assert "ref-satnet-founded" in [c["id"] for c in founded["supporting"]]


@needs_seeds
def test_the_readme_shows_real_verify_output():
    """Every line README's tour shows of `spacefacts verify` is a line the command prints."""
    import re

    readme = (SHIPPED.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"    \$ spacefacts verify (\S+) --source (\S+)\n((?:    .*\n|\n)+)", readme)
    doc_path, source, shown = block.group(1), block.group(2), block.group(3)
    path = SHIPPED.parent / doc_path
    if not path.exists():
        pytest.skip(f"{doc_path} is not present")
    result = invoke("verify", str(path), "-f", str(SHIPPED), "--source", source)
    printed = set(result.stdout.splitlines())
    lines = [line[4:] for line in shown.splitlines() if line.strip() and line.strip() != "..."]
    assert lines and all(line in printed for line in lines), [line for line in lines if line not in printed]


def test_a_document_does_not_confirm_itself(facts, tmp_path):
    """The base's claims from the document's own source are left out of verify (extract shows them)."""
    own = FACTS + '''
[[claims]]
id = "wire-satnet-founded"
subject = "satnet"
property = "founded"
value = "2015"
source = "wire"
quote = "SatNet was established in 2015."
'''
    path = tmp_path / "own.toml"
    path.write_text(own, encoding="utf-8")
    code, rows = verdicts(str(path), doc(tmp_path, "SatNet was established in 2015.\n"))
    assert code == 1 and rows[0]["supporting"] == [] and [c["id"] for c in rows[0]["contradicted"]] == [
        "ref-satnet-founded"]
    result = invoke("extract", doc(tmp_path, "SatNet was established in 2015.\n"), "-f", str(path), "-s", "wire",
                    "--format", "json")
    (row,) = json.loads(result.stdout)["statements"]
    assert [c["id"] for c in row["supporting"]] == ["wire-satnet-founded"]


def test_markdown_quotes_a_sentence_once_for_its_statements(facts, tmp_path):
    path = doc(tmp_path, "SatNet was established in 2015 and LandSpace was founded in 2016.\n")
    md = invoke("verify", path, "-f", facts, "-s", "wire", "--format", "markdown").stdout
    assert md.count("> SatNet was established in 2015") == 1 and md.count("**") == 4


# a study to verify and a trusted reference the base holds claims of (the fact files below)
STUDY_AND_REF = """
[sources.study]
title = "A study"
published = "2021-01-01"

[sources.ref]
title = "Reference"
kind = "reference"
published = "2020-01-01"
trust = 0.9
"""

ASAT = STUDY_AND_REF + """
[properties.asat_test]
type = "date"
label = "anti-satellite test"
multi = true

[entities.china]
name = "China"
kind = "country"

[entities.united-states]
name = "United States"
kind = "country"
aliases = ["US"]

[[claims]]
id = "ref-us-asat-2008"
subject = "united-states"
property = "asat_test"
value = "2008-02-21"
key = "destructive-2008"
source = "ref"
"""

ASAT_DOC = ("In January 2007, China demonstrated its anti-satellite capability in a test, shooting down one of its "
            "own satellites. China has conducted two more anti-satellite tests since then, although non-destructive, "
            "in 2013 and 2014.\n\nChina is not the only country to have conducted destructive anti-satellite tests. "
            "The US conducted such a test exactly one year after China.\n")


def test_a_date_counted_from_another_entitys_event_conflicts_with_the_same_event(tmp_path):
    """'exactly one year after China' = China's first test told before (January 2007) + 1 year; the
    statement joins the base's event of that year and words (key destructive-2008) and contradicts it."""
    facts = tmp_path / "asat.toml"
    facts.write_text(ASAT, encoding="utf-8")
    result = invoke("verify", doc(tmp_path, ASAT_DOC), "-f", str(facts), "-s", "study", "--format", "json")
    assert result.exit_code == 1, result.output
    row = next(r for r in json.loads(result.stdout)["statements"] if r["text"] == "exactly one year after China")
    assert (row["subject"], row["property"], row["value"], row["key"]) == (
        "united-states", "asat_test", "2008-01", "destructive-2008")
    assert row["verdict"] == "conflicts" and [c["id"] for c in row["contradicted"]] == ["ref-us-asat-2008"]
    assert "January 2007" in row["note"]


def test_a_statement_of_another_event_of_a_many_valued_property_is_new_not_a_conflict(tmp_path):
    """A US test in 1985 names no year or words of the base's 2008 event and lies years from it: no key,
    so it is a new event, not a contradiction of the 2008 one."""
    facts = tmp_path / "asat.toml"
    facts.write_text(ASAT, encoding="utf-8")
    path = doc(tmp_path, "The US conducted an anti-satellite test in 1985.\n")
    result = invoke("verify", path, "-f", str(facts), "-s", "study", "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["statements"]
    assert (row["subject"], row["property"], row["key"], row["verdict"]) == ("united-states", "asat_test", None, "new")


@pytest.mark.parametrize("value, n, unit, expected", [
    ("2007-01", 1, "year", "2008-01"), ("2007", 2, "year", "2009"), ("2007-11", 3, "month", "2008-02"),
    ("2007-01-05", 2, "week", "2007-01-19"), ("2007-03", -1, "decade", "1997-03"), ("2007", 1, "week", None),
    ("2007", 6, "month", None), ("../2007", 1, "year", None),
])
def test_a_date_counted_from_another_keeps_its_precision(value, n, unit, expected):
    from spacefacts.extract import counted_from

    assert counted_from(value, n, unit) == expected


@pytest.mark.parametrize("command", ["extract", "verify"])
def test_published_help_describes_the_documents_date_not_an_import_edition(command):
    result = invoke(command, "--help")
    text = " ".join(result.stdout.split())
    assert "The document's publication date" in text and "relative dates" in text
    assert "edition" not in text and "last launch" not in text


def test_text_is_wrapped_to_the_terminal_width_and_left_whole_in_a_pipe(tmp_path):
    """In a terminal the sentence, verdicts and evidence wrap at spaces within the width (a 120-column
    screen broke words mid-line before); in a pipe each stays on one line."""
    from spacefacts.document import read_document
    from spacefacts.extract import document_source, extract
    from spacefacts.loader import load_text
    from spacefacts.render.verify import render_text
    from spacefacts.verify import verify

    base, _ = load_text(FACTS, "facts.toml")
    sentence = ("Spacesail was founded in 2021 by the city of Shanghai, with a plan to deploy more than "
                "14,000 satellites in several shells over the coming decade and beyond.")
    result = verify(base, extract(base, read_document(doc(tmp_path, sentence + "\n")),
                                  document_source(base, "wire", None)))
    piped = render_text(base, result)
    assert f"line 1: {sentence}" in piped.splitlines()
    narrow = render_text(base, result, width=60)
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert narrow.split() == piped.split()  # the same words, only the line breaks differ


FUNDING = """
[sources.digest]
title = "A digest"
published = "2025-02-24"

[sources.ref]
title = "Reference"
kind = "reference"
published = "2024-02-01"
trust = 0.9

[properties.funding_secured]
type = "date"
label = "secured funding"
multi = true
cues = ["secured"]

[entities.spacecom]
name = "Spacecom"
kind = "company"

[[claims]]
id = "ref-spacecom-funding-secured"
subject = "spacecom"
property = "funding_secured"
value = "2024-02"
key = "6.7-billion-round"
source = "ref"
"""


@pytest.mark.parametrize("amount, key, verdict", [
    ("6.7 billion yuan", "6.7-billion-round", "conflicts"), ("6,700 million yuan", "6.7-billion-round", "conflicts"),
    ("2 billion yuan", None, "new"),
])
def test_an_event_whose_key_names_the_amount_the_sentence_states_is_the_statements_event(tmp_path, amount, key,
                                                                                         verdict):
    """'In February, it secured 6.7 billion yuan' (February 2025 for a text of 24 February 2025) names no
    year of the round keyed "6.7-billion-round" (February 2024), but states the amount its key names: the
    statement is about that round, and contradicts its date. Another amount is another round: new."""
    facts = tmp_path / "funding.toml"
    facts.write_text(FUNDING, encoding="utf-8")
    path = doc(tmp_path, f"Spacecom was founded in Shanghai. In February, it secured {amount} in new funding.\n")
    result = invoke("verify", path, "-f", str(facts), "-s", "digest", "--format", "json")
    assert result.exit_code == (1 if verdict == "conflicts" else 0), result.output
    row = next(r for r in json.loads(result.stdout)["statements"] if r["text"] == "February")
    assert (row["subject"], row["property"], row["value"], row["key"], row["verdict"]) == (
        "spacecom", "funding_secured", "2025-02", key, verdict)


UNGA = STUDY_AND_REF + """
[entities.paros]
name = "Prevention of an Arms Race in Outer Space"
kind = "program"

[entities.unga-res-paros]
name = "UNGA resolutions on the Prevention of an arms race in outer space"
kind = "document"

[[claims]]
id = "ref-unga-res-paros-started"
subject = "unga-res-paros"
property = "started"
value = "1981"
source = "ref"
"""


def test_a_start_told_by_a_quoted_title_across_a_page_break_conflicts_with_the_base(tmp_path):
    """The Ifri study's form: the resolutions named by their quoted title, '(since' cut from '2000)' by a
    page break and footnotes; the statement is the resolutions' start, and contradicts the base's 1981."""
    facts = tmp_path / "unga.toml"
    facts.write_text(UNGA, encoding="utf-8")
    text = ("In the UN General Assembly (UNGA), however, China and Russia manage, almost every year, to pass "
            "resolutions on issues related to security in space: on the “Prevention of an arms race in outer "
            "space” (since\n\n58. The seven countries are: Australia, Canada, Italy, Japan, the UAE, and the UK.\n\n"
            "2000), and on other issues.\n")
    result = invoke("verify", doc(tmp_path, text), "-f", str(facts), "-s", "study", "--format", "json")
    assert result.exit_code == 1, result.output
    (row,) = [r for r in json.loads(result.stdout)["statements"] if r["value"] == "2000"]
    assert (row["subject"], row["property"], row["verdict"]) == ("unga-res-paros", "started", "conflicts")
    assert [c["id"] for c in row["contradicted"]] == ["ref-unga-res-paros-started"]
    assert "(since ... 2000)" in row["quote"]


def test_the_markdown_review_says_how_a_relative_date_was_read_in_prose_not_toml(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("Spacecom has recently secured 6.7 billion yuan in new funding.\n", encoding="utf-8")
    md = invoke("verify", str(doc), "--published", "2025-02-24", "-f", str(SHIPPED), "--format", "markdown").stdout
    assert "accepted = [" not in md
    assert "- relative date: 'recently' = ../2025-02-24" in md
