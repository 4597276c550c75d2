"""spacefacts extract: dates, amounts and hedges of small inline documents, linking, TOML output, bad input."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conftest import invoke, one_error_line

FACTS = """
[sources.wire]
title = "A wire story"
published = "2025-02-24"
trust = 0.8

[sources.ref]
title = "Reference"
kind = "reference"
published = "2024-01-01"
trust = 0.9

[properties.company_count]
type = "quantity"
label = "number of companies"
unit = "companies"
temporal = true

[properties.member_count]
cues = ["countries", "members", "joined"]

[properties.tested]
type = "date"
label = "tested"
cues = ["tested", "test"]

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"
aliases = ["SatNet"]

[entities.guowang]
name = "Guowang"
kind = "constellation"

[entities.landspace]
name = "LandSpace"
kind = "company"

[entities.ilrs]
name = "International Lunar Research Station"
kind = "program"
aliases = ["ILRS"]

[[claims]]
id = "ref-satnet-founded"
subject = "satnet"
property = "founded"
value = "2021-04"
source = "ref"
quote = "established in April 2021"

[[claims]]
id = "ref-guowang-size"
subject = "guowang"
property = "planned_size"
value = "around 13,000"
as_of = "2024"
source = "ref"
quote = "Guowang, around 13,000 satellites"
"""


@pytest.fixture
def facts(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS, encoding="utf-8")
    return str(path)


def doc(tmp_path, text: str, name: str = "doc.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def statements(facts: str, path: str, *extra: str, command: str = "extract") -> list[dict]:
    """The statements `command` (extract, or verify: the same rows with their verdicts) reports as JSON."""
    result = invoke(command, path, "-f", facts, "-s", "wire", "--format", "json", *extra)
    assert result.exit_code in ((0,) if command == "extract" else (0, 1)), result.output
    return json.loads(result.stdout)["statements"]


# the forms of dates, amounts and hedges issue 14 lists, read alike by both commands
BOTH = pytest.mark.parametrize("command", ["extract", "verify"])


def values(rows: list[dict]) -> dict[str, str]:
    return {r["text"]: r["value"] for r in rows}


@pytest.mark.parametrize("written, value", [
    ("early 2020", "early 2020"), ("mid-2022", "mid 2022"), ("the 2010s", "2010s"), ("Q2 2016", "Q2 2016"),
    ("January 2019", "2019-01"), ("23 January 2025", "2025-01-23"), ("2021", "2021"),
    ("late 2015", "late 2015"),
])
@BOTH
def test_absolute_dates_at_every_precision(facts, tmp_path, written, value, command):
    rows = statements(facts, doc(tmp_path, f"SatNet was established in {written}, the group said.\n"),
                      command=command)
    found = values(rows)
    assert found[written.removeprefix("the ")] == value


@pytest.mark.parametrize("written, value", [
    ("last week", "2025-02-17/2025-02-23"), ("this year", "2025"), ("in December", "2024-12"),
    ("by the end of the year", "late 2025"), ("on Wednesday", "2025-02-19"),
])
@BOTH
def test_relative_dates_resolve_against_the_publication_date_and_keep_the_phrase(facts, tmp_path, written, value,
                                                                                  command):
    rows = statements(facts, doc(tmp_path, f"LandSpace tested its engine {written}, the company said.\n"),
                      command=command)
    row = next(r for r in rows if r["kind"] == "date")
    assert written.endswith(row["text"].removeprefix("in ").removeprefix("on ")) or row["text"] in written
    assert row["value"] == value and row["relative"] is True


@BOTH
def test_a_relative_date_with_a_published_date_given_on_the_command_line(facts, tmp_path, command):
    path = doc(tmp_path, "LandSpace tested its engine this year.\n")
    result = invoke(command, path, "-f", facts, "--published", "2019-06-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["value"] for r in json.loads(result.stdout)["statements"]] == ["2019"]


@pytest.mark.parametrize("sentence, written, value", [
    ("Guowang will consist of around 13,000 satellites.", "around 13,000 satellites", "around 13,000"),
    ("Guowang will have more than 14,000 satellites.", "more than 14,000 satellites", "more than 14,000"),
    ("LandSpace will build 500 to 600 satellites yearly.", "500 to 600 satellites", "500 to 600"),
    ("LandSpace raised 6.7 billion yuan ($924 million) in funding.", "6.7 billion yuan", "6.7 billion yuan"),
    ("Seven countries have joined the ILRS.", "Seven countries", "7"),
    ("A dozen companies are in the park.", "A dozen companies", "12"),
    ("LandSpace holds two-thirds of the market.", "two-thirds of", "66.67%"),
])
@BOTH
def test_amounts_with_qualifier_and_unit(facts, tmp_path, sentence, written, value, command):
    rows = statements(facts, doc(tmp_path, sentence + "\n"), command=command)
    assert values(rows)[written] == value


@pytest.mark.parametrize("conversion, value", [("($924 million)", "$924 million"),
                                               ("(about US$103 billion)", "about US$ 103 billion")])
@BOTH
def test_the_conversion_beside_an_amount_is_a_statement_of_its_own(facts, tmp_path, conversion, value, command):
    rows = statements(facts, doc(tmp_path, f"LandSpace raised 6.7 billion yuan {conversion} in funding.\n"),
                      command=command)
    assert [r["value"] for r in rows] == ["6.7 billion yuan", value]
    assert conversion.strip("()") in rows[0]["note"]


@pytest.mark.parametrize("hedge", ["is said to have", "plans to have", "aims to have", "would have"])
@BOTH
def test_hedges_mark_the_statement(facts, tmp_path, hedge, command):
    rows = statements(facts, doc(tmp_path, f"Guowang {hedge} 13,000 satellites.\n"), command=command)
    assert rows[0]["hedged"] is True
    plain = statements(facts, doc(tmp_path, "Guowang has 13,000 satellites.\n", "plain.txt"), command=command)
    assert plain[0]["hedged"] is False


@BOTH
def test_by_a_year_is_a_plan_deadline(facts, tmp_path, command):
    rows = statements(facts, doc(tmp_path, "Guowang is planned to have 13,000 satellites by 2027.\n"),
                      command=command)
    amount = next(r for r in rows if r["kind"] == "quantity")
    assert amount["subject"] == "guowang" and amount["property"] == "planned_size"
    assert amount["when"] == "../2027" and amount["hedged"] is True


def test_links_subject_by_alias_and_property_by_cue(facts, tmp_path):
    rows = statements(facts, doc(tmp_path, "SatNet was set up in 2021.\nLandSpace tested its engine in 2019.\n"))
    assert [(r["subject"], r["property"], r["value"]) for r in rows] == [
        ("satnet", "founded", "2021"), ("landspace", "tested", "2019")]


def test_cues_declared_in_the_fact_file_are_used(facts, tmp_path):
    """`tested` is a property of the file; only its declared cues link a sentence to it."""
    rows = statements(facts, doc(tmp_path, "LandSpace tested its engine in 2019.\n"))
    assert rows[0]["property"] == "tested"
    edited = tmp_path / "other.toml"
    edited.write_text(FACTS.replace('cues = ["tested", "test"]', 'cues = ["fired"]').replace(
        'label = "tested"', 'label = "fired"'), encoding="utf-8")
    rows = statements(str(edited), doc(tmp_path, "LandSpace tested its engine in 2019.\n", "b.txt"))
    assert rows[0]["property"] != "tested"


def test_unlinked_statements_are_listed_not_dropped(facts, tmp_path):
    rows = statements(facts, doc(tmp_path, "The weather was fine in 2020.\n"))
    assert len(rows) == 1 and rows[0]["verdict"] == "unlinked" and rows[0]["why"]
    text = invoke("extract", doc(tmp_path, "The weather was fine in 2020.\n"), "-f", facts, "-s", "wire")
    assert "not linked" in text.stdout and "2020" in text.stdout


def test_list_items_and_footnotes_are_sentences_of_their_own(facts, tmp_path):
    rows = statements(facts, doc(tmp_path, "Timeline\n- SatNet was set up in 2021\n- LandSpace tested an engine "
                                           "in 2019\n\n[1] ILRS was announced in 2021.\n", "a.md"))
    assert [r["line"] for r in rows] == [2, 3, 5]
    assert {r["sentence"] for r in rows} == {"SatNet was set up in 2021", "LandSpace tested an engine in 2019",
                                             "ILRS was announced in 2021."}


def test_html_is_stripped_to_its_text(facts, tmp_path):
    page = ("<!doctype html><html><head><script>var year = 2019;</script><style>p{}</style></head>"
            "<body><p>SatNet was set up in <b>2021</b>.</p></body></html>")
    rows = statements(facts, doc(tmp_path, page, "page.html"))
    assert [(r["text"], r["sentence"]) for r in rows] == [("2021", "SatNet was set up in 2021.")]


def test_toml_output_is_claim_tables_with_verbatim_short_quotes(facts, tmp_path):
    long = ("After a long and winding preamble about policy, markets, ministries, provinces and many other "
            "things that matter to nobody here, " * 2) + "SatNet was set up in 2021, and LandSpace tested in 2019."
    text = f"{long}\nThe weather was fine in 2020.\n"
    path = doc(tmp_path, text)
    result = invoke("extract", path, "-f", facts, "-s", "wire", "--format", "toml")
    assert result.exit_code == 0, result.output
    claims = tomllib.loads(result.stdout)["claims"]
    assert {(c["subject"], c["property"], c["value"]) for c in claims} == {
        ("satnet", "founded", "2021"), ("landspace", "tested", "2019")}
    for c in claims:
        assert len(c["quote"]) <= 200 and c["quote"] in text and c["value"] in c["quote"]
        assert c["source"] == "wire" and c["id"]
    assert "# line 2: 2020" in result.stdout  # the unlinked statement, as a comment


def test_proposed_claims_pass_lint_value_checks(facts, tmp_path):
    """Appended to the fact file, the proposed claims raise no SF202 or SF203: nothing is invented."""
    text = ("Guowang will have 13,000 satellites by 2027. SatNet was set up in 2021.\n"
            "LandSpace tested its engine last week. Seven countries have joined the ILRS.\n")
    result = invoke("extract", doc(tmp_path, text), "-f", facts, "-s", "wire", "--format", "toml")
    merged = tmp_path / "merged.toml"
    merged.write_text(FACTS + "\n" + result.stdout, encoding="utf-8")
    lint = invoke("lint", str(merged), "--select", "SF202,SF203", "--format", "json")
    assert lint.exit_code == 0, lint.stdout
    assert len(tomllib.loads(result.stdout)["claims"]) >= 3


def test_a_value_the_quote_does_not_state_is_never_proposed(facts, tmp_path):
    """'Feb. 16' in a text published in February 2025 is 2025-02-16; the SF202 check it passes is run."""
    from spacefacts.extract import _check_values, extract, document_source
    from spacefacts.loader import load_text

    base, _ = load_text(FACTS)
    result = extract(base, "SatNet was set up on Feb. 16.\n", document_source(base, "wire", None))
    assert [(s.mention.value, s.linked) for s in result.statements] == [("2025-02-16", True)]
    # a statement whose value is not in its quote is withdrawn, with the reason
    from dataclasses import replace

    bad = replace(result.statements[0], mention=replace(result.statements[0].mention, value="2019-03-01"))
    result.statements = [bad]
    _check_values(base, result)
    assert not result.statements[0].linked and "SF202" in result.statements[0].why


@pytest.mark.parametrize("command", ["extract", "verify"])
def test_bad_documents_are_one_line_errors(facts, tmp_path, command):
    missing = str(tmp_path / "nope.txt")
    assert "no such file" in one_error_line(invoke(command, missing, "-f", facts))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary" in one_error_line(invoke(command, str(binary), "-f", facts))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert "empty" in one_error_line(invoke(command, str(empty), "-f", facts))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Zhang a été nommé en 2021.".encode("latin-1"))
    assert "UTF-8" in one_error_line(invoke(command, str(latin), "-f", facts))
    assert "no source 'wir'" in one_error_line(invoke(command, doc(tmp_path, "In 2021."), "-f", facts, "-s", "wir"))
    assert "--published" in one_error_line(invoke(command, doc(tmp_path, "In 2021."), "-f", facts,
                                                  "--published", "soon"))
    assert "is a directory" in one_error_line(invoke(command, str(tmp_path), "-f", facts))
    if Path("/dev/zero").exists():  # a device is refused at once, not read (files.read_bytes, as for fact files)
        assert "not a regular file" in one_error_line(invoke(command, "/dev/zero", "-f", facts))


def test_dates_of_a_citation_are_listed_but_not_linked(facts, tmp_path):
    text = "SatNet was set up in 2021.\n\n12. “SatNet founded”, *Wire*, 22 April 2020, available at: www.example.com.\n"
    rows = statements(facts, doc(tmp_path, text))
    assert [(r["value"], r["verdict"], r.get("why")) for r in rows] == [
        ("2021", "agrees", None), ("2020-04-22", "unlinked", "in a citation")]


def test_the_program_is_the_program_of_the_sentence_before(facts, tmp_path):
    text = ("The International Lunar Research Station is a joint project. As LandSpace says, started in 2021, "
            "the program will build a base.\n")
    rows = statements(facts, doc(tmp_path, text))
    assert [(r["subject"], r["property"], r["value"]) for r in rows] == [("ilrs", "started", "2021")]


def test_a_subject_named_with_other_spacing_or_a_typo_is_found_as_show_finds_it(facts, tmp_path):
    rows = statements(facts, doc(tmp_path, "In the plan, Guo Wang is planned to have 13,000 satellites.\n"
                                           "In 2019 the firm Land Space tested an engine.\n"))
    assert [(r["subject"], r["property"]) for r in rows] == [("guowang", "planned_size"), ("landspace", "tested")]


def test_extract_ids_do_not_collide_with_the_base(facts, tmp_path):
    text = "SatNet was set up in 2021. SatNet was set up in 2021, it said again.\n"
    result = invoke("extract", doc(tmp_path, text), "-f", facts, "-s", "ref", "--format", "toml")
    ids = [c["id"] for c in tomllib.loads(result.stdout)["claims"]]
    assert ids == ["ref-satnet-founded-2", "ref-satnet-founded-3"]  # ref-satnet-founded is in the base


@pytest.mark.skipif(not (__import__("conftest").SEEDS).is_dir(), reason="../shared/seeds is not present")
def test_every_claim_proposed_from_the_seed_documents_passes_the_quote_and_value_checks(tmp_path):
    """extract --format toml on documents 000-004, appended to the shipped base: the file loads, and
    every quote is found verbatim in its document (SF201) and states its value (SF202, SF203)."""
    from conftest import FACTS as SHIPPED, SEEDS

    sources = {"000": "spacenews-2022", "001": "jiemian-2025", "002": "promo-shanghai-cosmos",
               "003": "caixin-2025", "004": "ifri-2021"}
    parts = [SHIPPED.read_text(encoding="utf-8")]
    for number, source in sources.items():
        (path,) = SEEDS.glob(f"{number}_*.txt")
        result = invoke("extract", str(path), "-f", str(SHIPPED), "-s", source, "--format", "toml")
        assert result.exit_code == 0, result.output
        assert tomllib.loads(result.stdout)["claims"]
        parts.append(result.stdout)
    merged = tmp_path / "merged.toml"
    merged.write_text("\n".join(parts), encoding="utf-8")
    lint = invoke("lint", str(merged), "--texts", str(SEEDS), "--select", "SF1,SF201,SF202,SF203", "--format", "json")
    assert lint.exit_code == 0, lint.stdout[:2000]


@pytest.mark.parametrize("sentence, value", [
    ("SatNet was set up around 2021.", "2021~"), ("SatNet was set up after 2020.", "2021/.."),
    ("SatNet was set up before 2022.", "../2021"), ("SatNet was set up between 2019 and 2021.", "2019/2021"),
    ("SatNet was set up (2019-2021) in stages.", "2019/2021"),
])
@BOTH
def test_approximate_open_and_ranged_dates(facts, tmp_path, sentence, value, command):
    (row,) = statements(facts, doc(tmp_path, sentence + "\n"), command=command)
    assert row["value"] == value and row["verdict"] in ("agrees", "new", "conflicts")


def test_plan_words_used_as_nouns_or_adjectives_are_no_hedges(facts, tmp_path):
    rows = statements(facts, doc(tmp_path, "SatNet was set up in 2021 to help urban planning of a planned network.\n"))
    assert rows[0]["hedged"] is False


@BOTH
def test_a_number_written_with_a_slash_is_no_amount(facts, tmp_path, command):
    """'(69/32)' numbers a UN resolution: no statement of 69 (the votes beside it are one)."""
    rows = statements(facts, doc(tmp_path, "The resolution (69/32) was adopted with 127 votes in favor.\n"),
                      command=command)
    assert [r["value"] for r in rows] == ["127"]
