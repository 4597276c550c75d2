"""SF210 qualifier-not-in-value: a cue right before the value in the quote ("by 2030", "more than 500")
is carried by the value's form (issue 17)."""

from __future__ import annotations

import pytest

from conftest import FACTS, SEEDS
from spacefacts.checks import Context, finalize, run_checks
from spacefacts.checks.qualifiers import DATE_CUES, QUANTITY_CUES
from spacefacts.loader import load_text
from spacefacts.pipeline import run
from spacefacts.rules import RULES, Severity

HEADER = """
[sources.s]
title = "S"
published = "2025-02-24"

[entities.x]
name = "X"
kind = "company"

[properties.milestone]
type = "date"
label = "milestone"
multi = true

[properties.planned_completion]
type = "date"
label = "planned completion"
plan = true

[properties.company_count]
type = "quantity"
label = "number of companies"

[properties.satellites_target]
type = "quantity"
unit = "satellites"
plan = true

[properties.ipo_started]
type = "date"
label = "began IPO process"
before = ["ipo_done"]

[properties.ipo_done]
type = "date"
label = "IPO process over"
"""


def claim(value, quote: str, prop: str = "milestone", cid: str = "c", extra: str = "") -> str:
    value = value if isinstance(value, int) else f'"{value}"'
    return (f'\n[[claims]]\nid = "{cid}"\nsubject = "x"\nproperty = "{prop}"\nvalue = {value}\n'
            f'source = "s"\nquote = "{quote}"\n{extra}\n')


def found(*claims: str, codes: tuple[str, ...] = ("SF210",)) -> list:
    """The findings of `codes` (finalized: accepted ones marked) on a fact file of the given claims."""
    base, loaded = load_text(HEADER + "".join(claims), "facts.toml")
    assert [d for d in loaded if d.severity is Severity.ERROR] == [], loaded
    return finalize(base, run_checks(base, Context(select=codes)), codes)


def message(*claims: str) -> str:
    diags = found(*claims)
    assert [d.code for d in diags] == ["SF210"], diags
    return diags[0].message


# ---- dates -------------------------------------------------------------------------


@pytest.mark.parametrize("value, quote, said, write", [
    ("2030", "to establish a lunar base by 2030", "by 2030", "../2030"),
    ("1980s", "By the 1980s, China could build satellites", "By the 1980s", "../1989"),
    ("2024-08", "Before August 2024: another batch", "Before August 2024", "../2024-07"),
    ("2025-01-01", "By January 1, 2025: a test", "By January 1, 2025", "../2025-01-01"),
    ("2008", "it was called COSTIND prior to 2008", "prior to 2008", "../2007"),
    ("2030", "to be done no later than 2030", "no later than 2030", "../2030"),
    ("2030", "the station serves until 2030", "until 2030", "../2030"),
    ("2030", "the station serves till 2030", "till 2030", "../2030"),
    ("2030", "a lunar base after 2030", "after 2030", "2031/.."),
    ("2014", "submitted every year since 2014", "since 2014", "2014/.."),
    ("1960s", "mastered this technology since the 1960s", "since the 1960s", "1960s/.."),
    ("mid 2022", "completed by mid 2022", "by mid 2022", "../2022-08"),
])
def test_each_date_cue_asks_for_its_form(value, quote, said, write):
    msg = message(claim(value, quote))
    assert f"quote says '{said}'" in msg and f"value '{value}'" in msg and "itself" in msg
    assert msg.endswith(f"write '{write}'")


def test_the_message_names_the_cue_and_the_form():
    assert message(claim("2030", "a lunar base by 2030", "planned_completion")) == (
        "quote says 'by 2030' but value '2030' is the year itself; write '../2030'")


@pytest.mark.parametrize("value, quote, said, problem, write", [
    ("../2024-08", "Before August 2024: another batch", "Before August 2024", "does not end before it", "../2024-07"),
    ("../2030", "no longer a station before 2030", "before 2030", "does not end before it", "../2029"),
    ("../2029", "a lunar base by 2030", "by 2030", "does not end with it", "../2030"),
    ("2030/..", "a lunar base by 2030", "by 2030", "does not end with it", "../2030"),
    ("../2030", "a lunar base after 2030", "after 2030", "does not start once it is over", "2031/.."),
    ("2030/..", "a lunar base after 2030", "after 2030", "does not start once it is over", "2031/.."),
])
def test_an_open_value_with_the_wrong_end(value, quote, said, problem, write):
    assert message(claim(value, quote)) == f"quote says '{said}' but value '{value}' {problem}; write '{write}'"


@pytest.mark.parametrize("value, quote", [
    ("../2030", "a lunar base by 2030"),
    ("2020/2030", "a lunar base by 2030"),
    ("../1989", "By the 1980s, China could build satellites"),
    ("../2024-07", "Before August 2024: another batch"),
    ("../2025-01-01", "By January 1, 2025: a test"),
    ("../2029", "no longer a station before 2030"),
    ("2031/..", "a lunar base after 2030"),
    ("2014/..", "submitted every year since 2014"),
    ("1960s/..", "mastered this technology since the 1960s"),
    ("../2030", "the station serves until 2030"),
])
def test_values_in_the_cued_form_are_clean_for_sf210_and_sf202(value, quote):
    assert found(claim(value, quote), codes=("SF202", "SF203", "SF210")) == []


def test_sf202_still_reports_an_open_value_no_cue_states():
    diags = found(claim("../2024-07", "In August 2024: another batch"), codes=("SF202", "SF210"))
    assert [d.code for d in diags] == ["SF202"]


@pytest.mark.parametrize("prop, quote", [
    ("founded", "it has been a leader since its founding, since 2014"),
    ("founded", "operating since 2014"),
    ("started", "the programme has run since 2014"),
    ("launch", "launching satellites since 2014"),
    ("first_launch", "flying since 2014"),
    ("ipo_started", "in the IPO process since 2014"),  # ordered `before` another property: it starts a state
])
def test_since_does_not_apply_to_a_start_event(prop, quote):
    assert found(claim("2014", quote, prop)) == []


@pytest.mark.parametrize("prop, quote", [
    ("dissolved", "it operated until 2015"),
    ("ended", "the programme ran until 2015"),
    ("ipo_done", "in the IPO process until 2015"),  # another property is ordered `before` it: it ends a state
])
def test_until_does_not_apply_to_an_end_event(prop, quote):
    assert found(claim("2015", quote, prop)) == []


def test_until_still_applies_to_a_start_event_and_since_to_an_end_event():
    assert "write '../2015'" in message(claim("2015", "the centre was set up until 2015", "founded"))
    assert "write '2015/..'" in message(claim("2015", "it has been closed since 2015", "dissolved"))


def test_not_until_is_the_date_itself():
    assert found(claim("2015", "the test did not happen until 2015")) == []
    assert found(claim("2015", "it wasn't tested until 2015")) == []


@pytest.mark.parametrize("value, quote", [
    ("2019", "the plan was announced by the ministry in 2019"),  # "by" is not right before the date
    ("2020", "by 2030, ten years after it was founded in 2020"),  # the cue belongs to another date
    ("2012", "since his took over in late 2012"),
    ("2030", "the station opens in 2030; by 2030 the crew arrives"),  # stated without a cue too
    ("2030~", "expected by around 2030"),  # a hedge between the cue and the date
    ("2030", "as early as 2030"),
    ("2008", "Since its inception in 2008, the center"),
])
def test_no_finding_when_the_cue_is_not_right_before_the_value(value, quote):
    assert found(claim(value, quote)) == []


def test_when_and_as_of_are_not_read():
    text = claim("over 1,000", "to launch over 1,000 satellites by 2027", "satellites_target", extra='when = "2027"')
    assert found(text) == []


# ---- quantities --------------------------------------------------------------------

CUE_NUMBERS = [
    ("around", "around"), ("about", "around"), ("approximately", "around"), ("roughly", "around"),
    ("some", "around"), ("nearly", "around"), ("almost", "around"), ("circa", "around"),
    ("more than", "more than"), ("over", "more than"), ("above", "more than"), ("exceeds", "more than"),
    ("exceed", "more than"), ("exceeded", "more than"), ("exceeding", "more than"),
    ("in excess of", "more than"), ("greater than", "more than"),
    ("at least", "at least"), ("no fewer than", "at least"), ("no less than", "at least"),
    ("a minimum of", "at least"),
    ("up to", "up to"), ("at most", "up to"), ("no more than", "up to"), ("not more than", "up to"),
    ("a maximum of", "up to"),
    ("fewer than", "fewer than"), ("less than", "fewer than"), ("under", "fewer than"), ("below", "fewer than"),
]


@pytest.mark.parametrize("cue, write", CUE_NUMBERS)
def test_each_quantity_cue_asks_for_its_qualifier(cue, write):
    msg = message(claim("13,000", f"the group counts {cue} 13,000 companies", "company_count"))
    assert msg.startswith(f"quote says '{cue} 13,000' but value '13,000' is exact, not ")
    assert msg.endswith(f"write '{write} 13,000'")


@pytest.mark.parametrize("cue, write", CUE_NUMBERS)
def test_the_value_in_the_cued_form_is_clean(cue, write):
    assert found(claim(f"{write} 13,000", f"the group counts {cue} 13,000 companies", "company_count")) == []


def test_every_cue_is_tested():
    assert {cue for cue, _ in CUE_NUMBERS} == set(QUANTITY_CUES)


def test_cue_list_is_documented_in_the_rule():
    rule = RULES["SF210"]
    assert (rule.severity, rule.status, rule.stage) == (Severity.WARNING, "stable", "lint")
    for cue in [*DATE_CUES, *QUANTITY_CUES]:
        assert f"`{cue}" in rule.doc or f"{cue}`" in rule.doc or f"`{cue.split()[0]}(" in rule.doc, cue


@pytest.mark.parametrize("value, quote, message_end", [
    ("at least 500", "China now has more than 500 companies", "is a lower bound, not a strict lower bound; "
                                                             "write 'more than 500'"),
    ("more than 5", "no more than 5 companies", "is a strict lower bound, not an upper bound; write 'up to 5'"),
    ("around 500", "fewer than 500 companies", "is approximate, not a strict upper bound; write 'fewer than 500'"),
    ("more than 500", "more than 5000 firms, and fewer than 500 companies",
     "is a strict lower bound, not a strict upper bound; write 'fewer than 500'"),
])
def test_a_qualifier_of_the_wrong_kind(value, quote, message_end):
    assert message(claim(value, quote, "company_count")).endswith(message_end)


@pytest.mark.parametrize("value, quote, said, write", [
    ("7 billion", "funding needs exceed RMB 7 billion this year", "exceed RMB 7 billion", "more than 7 billion"),
    ("$924 million", "it raised about $924 million", "about $924 million", "around $924 million"),
    ("103 billion", "valued at RMB 728.1 billion (about US$103 billion)", "about US$103 billion",
     "around 103 billion"),
    ("20", "It took more than twenty years to deploy", "more than twenty", "more than 20"),
    ("2", "at least two more tests", "at least two", "at least 2"),
])
def test_currencies_scales_and_number_words(value, quote, said, write):
    msg = message(claim(value, quote, "company_count"))
    assert msg.startswith(f"quote says '{said}'") and msg.endswith(f"write '{write}'")


@pytest.mark.parametrize("value, quote", [
    ("728.1 billion", "valued at RMB 728.1 billion (about US$103 billion)"),  # the cue is another number's
    ("60", "some of the 60 satellites"),  # no number right after the cue
    ("60", "over the years, 60 satellites were launched"),
    ("60", "under the 14th Five-Year Plan, 60 satellites"),
    ("500 to 600", "around 500 to 600 satellites a year"),  # a range for an approximate cue
    ("60", "it reportedly launched 60 satellites"),  # hedges are no cues
    ("60", "it is said to have launched 60 satellites"),
    ("60", "60 satellites, of more than 60 planned"),  # stated without a cue too
])
def test_no_finding_for_a_cue_that_is_not_the_values(value, quote):
    assert found(claim(value, quote, "company_count")) == []


def test_a_hedged_claim_is_still_read():
    text = claim(60, "it is said to have launched more than 60 satellites", "company_count", extra="hedged = true")
    assert message(text).endswith("write 'more than 60'")


# ---- accepted, records ------------------------------------------------------------------


def test_accepted_finding_is_marked_with_its_reason():
    reason = "the quote's 'by' names the deadline only; the plan is dated to the year"
    accepted = f'accepted = [{{ code = "SF210", reason = "{reason}" }}]'
    diags = found(claim("2030", "a lunar base by 2030", extra=accepted))
    assert [(d.code, d.accepted) for d in diags] == [("SF210", reason)]


def test_a_claim_with_a_record_is_not_read():
    assert found(claim("2030", "a lunar base by 2030", extra='record = "line 3"')) == []


def test_other_claims_are_not_affected():
    diags = found(claim("2030", "a lunar base by 2030", cid="a"), claim("2030", "a lunar base in 2030", cid="b"),
                  claim("../2030", "a lunar base by 2030", cid="c"))
    assert [d.ids[0] for d in diags] == ["a"]


# ---- the shipped base ----------------------------------------------------------------------


def test_shipped_base_clean_of_qualifier_findings():
    """Every SF210 finding on the shipped facts.toml (against the documents when they are present) is
    accepted with a reason, or absent."""
    report = run(str(FACTS), texts=str(SEEDS) if SEEDS.is_dir() else None)
    open_findings = [f"{d.ids[0]}: {d.message}" for d in report.diagnostics
                     if d.code == "SF210" and d.accepted is None]
    assert open_findings == []


def test_by_and_after_the_same_year_of_one_plan_conflict_once_written_exactly(tmp_path):
    """The issue's case: "by 2030" (../2030) and "after 2030" (2031/..) cannot both hold; the forms SF210
    asks for make check report it, with no SF202/SF210 on either claim."""
    by = claim("../2030", "a lunar base by 2030", "planned_completion", cid="by")
    after = claim("2031/..", "a lunar base after 2030", "planned_completion", cid="after")
    path = tmp_path / "facts.toml"
    path.write_text(HEADER + by + after, encoding="utf-8")
    report = run(str(path), ("lint", "check"), select=("SF202", "SF210", "SF301"), use_cache=False)
    assert [d.code for d in report.diagnostics] == ["SF301"]
