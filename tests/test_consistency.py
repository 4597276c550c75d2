"""SF301-SF310: each rule triggered, and a near miss that must not trigger."""

from __future__ import annotations

from conftest import toml_value
from spacefacts.checks import Context, finalize, run_checks
from spacefacts.loader import load_text

HEAD = """
[sources.a]
title = "A"
published = "2023-05"

[sources.b]
title = "B"
published = "2024-02"

[sources.late]
title = "Late"
published = "2030"

[entities.x]
name = "X Corp"
kind = "company"

[entities.prog]
name = "Moon Program"
kind = "program"

[entities.m1]
name = "Mission One"
kind = "mission"
program = "prog"

[properties.ipo_accepted]
type = "date"
before = ["ipo_withdrawn"]

[properties.ipo_withdrawn]
type = "date"

[properties.deployment_target]
type = "quantity"
unit = "satellites"
plan = true

[properties.in_orbit]
type = "quantity"
unit = "satellites"
temporal = true
sum_of = "batch_size"

[properties.batch_size]
type = "quantity"
unit = "satellites"
multi = true
"""


def findings(*claims: dict, code: str | None = None, head: str = HEAD) -> list:
    """Load HEAD plus the claims and return the check-stage findings (of one code, if given)."""
    text = head
    for n, c in enumerate(claims):
        c = {"id": f"c{n}", "subject": "x", "source": "a", **c}
        text += "\n[[claims]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in c.items())
    base, diags = load_text(text)
    assert [d for d in diags if d.severity >= 2] == [], diags
    found = finalize(base, run_checks(base, Context(), ("check",), before=diags))
    for d in found:
        assert d.location is not None and d.location.line > 0
    return [d for d in found if code is None or d.code == code]


def test_sf301_value_conflict_message_ids_and_data():
    (d,) = findings({"property": "founded", "value": "early 2020"},
                    {"property": "founded", "value": "2021", "source": "b"}, code="SF301")
    assert "early 2020" in d.message and "2021" in d.message and "cause: error" in d.message
    assert "(a)" in d.message and "(b)" in d.message and "more likely" in d.message
    assert d.ids == ("c0", "c1") and d.location.line < d.related[0].line
    assert d.data["cause"] == "error" and len(d.data["sides"]) == 2
    assert {tuple(s["claims"]) for s in d.data["sides"]} == {("c0",), ("c1",)}


def test_sf301_names_the_claims_in_the_order_of_conflict_claims():
    # check_conflicts reads each claim's location once (Conflict.located): the ids, the place and the
    # related locations are those conflict.claims (by line, then id) gives
    from pathlib import Path

    from spacefacts.index import Index
    from spacefacts.loader import load_file

    base, _ = load_file(Path(__file__).resolve().parents[1] / "facts.toml")
    ctx = Context()
    found = [d for d in run_checks(base, ctx, ("check",)) if d.code == "SF301"]
    conflicts = Index(base).analysis.conflicts
    assert len(found) == len(conflicts) > 0
    for d, conflict in zip(found, conflicts):
        claims = conflict.claims
        here = max(conflict.sides[-1].claims, key=lambda c: (c.location.line, c.id))
        assert d.ids == tuple(c.id for c in claims) and d.location == here.location
        assert d.related == tuple(c.location for c in claims if c is not here)


def test_sf301_near_miss_precision_agreement():
    assert findings({"property": "founded", "value": "2019"},
                    {"property": "founded", "value": "January 2019", "source": "b"}, code="SF301") == []


def test_sf301_accepted_is_marked():
    (d,) = findings({"property": "founded", "value": "early 2020",
                     "accepted": [{"code": "SF301", "reason": "sources disagree"}]},
                    {"property": "founded", "value": "2021", "source": "b"}, code="SF301")
    assert d.accepted == "sources disagree"


def test_sf302_single_value_with_keys():
    (d,) = findings({"property": "founded", "value": "2018", "key": "registration"},
                    {"property": "founded", "value": "2018", "key": "launch", "source": "b"}, code="SF302")
    assert "'launch'" in d.message and "'registration'" in d.message


def test_sf302_near_miss_multi_property():
    assert findings({"property": "launch", "value": "2018", "key": "one"},
                    {"property": "launch", "value": "2019", "key": "two"}, code="SF302") == []


def test_sf303_range():
    (d,) = findings({"property": "first_launch", "value": "1923"}, code="SF303")
    assert "minimum 1957" in d.message
    (d,) = findings({"property": "planned_size", "value": 0}, code="SF303")
    assert "below the minimum" in d.message
    assert findings({"property": "first_launch", "value": "1957"},
                    {"property": "planned_size", "value": "up to 600"}, code="SF303") == []


def test_sf303_after_publication():
    (d,) = findings({"property": "first_launch", "value": "2024"}, code="SF303")  # source a: 2023-05
    assert "after its source 'a' was published" in d.message
    # near misses: hedged, future words in the quote, a plan property, a date within the publication month
    assert findings({"property": "first_launch", "value": "2024", "hedged": True},
                    {"property": "first_launch", "value": "2024", "quote": "It will launch in 2024"},
                    {"property": "deployment_target", "value": 600, "when": "2027"},
                    {"property": "first_launch", "value": "2023-05-20"}, code="SF303") == []


def test_sf303_future_words_lookahead_matches_as_the_plain_alternation():
    # _FUTURE's (?=[abeipstw]) only skips the places where no word can begin: the plain alternation
    # finds the same matches, also with letters IGNORECASE folds (dotted capital I, long s, Kelvin sign)
    import re

    from spacefacts.checks.consistency import _FUTURE

    plain = re.compile(_FUTURE.pattern.replace("(?=[abeipstw])", ""), re.IGNORECASE)
    assert plain.pattern != _FUTURE.pattern
    texts = ["It will launch in 2024", "WOULD", "replanned", "the plans", "Planning!", "expected by 2030",
             "by the end of 2027", "by 20", "rescheduled", "\u017fchedule", "\u0130ntends", "aiming high",
             "targets", "retarget", "launched in 2023", "", "bye 2024", "tw will", "\u212a targets"]
    for text in texts:
        a, b = _FUTURE.search(text), plain.search(text)
        assert (a and a.span()) == (b and b.span()), text
    assert _FUTURE.search("It will launch") and not _FUTURE.search("It launched in 2023")


def test_sf304_ordering_declared_before():
    (d,) = findings({"property": "ipo_accepted", "value": "December 2024", "source": "late"},
                    {"property": "ipo_withdrawn", "value": "December 2022", "source": "late"}, code="SF304")
    assert "ipo_accepted" in d.message and set(d.ids) == {"c0", "c1"}
    assert findings({"property": "ipo_accepted", "value": "December 2022", "source": "late"},
                    {"property": "ipo_withdrawn", "value": "December 2024", "source": "late"},
                    {"property": "ipo_withdrawn", "value": "2022", "source": "late"}, code="SF304") == []


def test_sf304_program_start_after_its_mission():
    (d,) = findings({"subject": "prog", "property": "started", "value": "2020", "source": "late"},
                    {"subject": "m1", "property": "launch", "value": "2019-05", "source": "late"}, code="SF304")
    assert "prog" in d.message and "m1" in d.message
    assert findings({"subject": "prog", "property": "started", "value": "2019", "source": "late"},
                    {"subject": "m1", "property": "launch", "value": "2019-05", "source": "late"},
                    code="SF304") == []


def test_sf305_lifetime():
    (d,) = findings({"property": "founded", "value": "2015", "source": "late"},
                    {"property": "first_launch", "value": "2012", "source": "late"}, code="SF305")
    assert "before 'x' was founded" in d.message
    (d,) = findings({"subject": "prog", "property": "founded", "value": "2015", "source": "late"},
                    {"subject": "m1", "property": "landing", "value": "2014", "source": "late"}, code="SF305")
    assert "program 'prog'" in d.message
    assert findings({"property": "founded", "value": "2015", "source": "late"},
                    {"property": "first_launch", "value": "2015-03", "source": "late"}, code="SF305") == []


def test_sf306_cumulative_decrease():
    (d,) = findings({"property": "satellites_in_orbit", "value": 90, "as_of": "2023-03"},
                    {"property": "satellites_in_orbit", "value": 72, "as_of": "2023-04"}, code="SF306")
    assert "decreases" in d.message and d.ids == ("c0", "c1")
    assert findings({"property": "satellites_in_orbit", "value": 72, "as_of": "2023-03"},
                    {"property": "satellites_in_orbit", "value": "around 70", "as_of": "2023-04"},
                    {"property": "satellites_in_orbit", "value": 90, "as_of": "2023-05"}, code="SF306") == []


def test_sf307_count_mismatch():
    (d,) = findings({"property": "member_count", "value": 5},
                    {"property": "members", "value": ["China", "Russia", "Belarus", "Pakistan"]}, code="SF307")
    assert "lists 4" in d.message
    assert findings({"property": "member_count", "value": "more than 3"},
                    {"property": "members", "value": ["China", "Russia", "Belarus", "Pakistan"]},
                    code="SF307") == []


def batches(n: int, size: int = 18) -> list[dict]:
    return [{"property": "batch_size", "key": f"batch-{i}", "value": size, "when": f"2024-0{i}", "source": "b"}
            for i in range(1, n + 1)]


def test_sf308_sum_mismatch():
    (d,) = findings(*batches(4), {"property": "in_orbit", "value": 80, "as_of": "2024-06", "source": "b"},
                    code="SF308")
    assert "add up to 72" in d.message


def test_sf308_near_miss_sum_and_date_window():
    assert findings(*batches(4), {"property": "in_orbit", "value": 72, "as_of": "2024-06", "source": "b"},
                    code="SF308") == []
    # as of mid-February only batches 1 (certain) and 2 (possibly) count: 18..36
    assert findings(*batches(4), {"property": "in_orbit", "value": 36, "as_of": "2024-02-15", "source": "b"},
                    code="SF308") == []


def test_sf309_plan_not_confirmed():
    (d,) = findings({"property": "deployment_target", "value": "over 1,000", "when": "2027"}, code="SF309")
    assert d.severity == 0 and "deadline has passed" in d.message
    assert findings({"property": "deployment_target", "value": "over 1,000", "when": "2027"},
                    {"property": "satellites_in_orbit", "value": 1100, "as_of": "2028", "source": "late"},
                    code="SF309") == []
    assert findings({"property": "deployment_target", "value": "over 1,000", "when": "2031"}, code="SF309") == []


def test_sf310_accepted_unused():
    (d,) = findings({"property": "founded", "value": "2021",
                     "accepted": [{"code": "SF301", "reason": "stale"}]}, code="SF310")
    assert d.ids == ("c0",) and "SF301" in d.message
    assert findings({"property": "founded", "value": "early 2020",
                     "accepted": [{"code": "SF301", "reason": "real"}]},
                    {"property": "founded", "value": "2021", "source": "b"}, code="SF310") == []


def test_sf310_skips_stages_that_did_not_run():
    base, _ = load_text(HEAD + '\n[[claims]]\nid = "c"\nsubject = "x"\nproperty = "founded"\nvalue = "2021"\n'
                        'source = "a"\naccepted = [{ code = "SF301", reason = "r" }]\n')
    def sf310(stages, **ctx):
        return [d for d in run_checks(base, Context(**ctx), stages) if d.code == "SF310"]

    assert sf310(("lint",)) == []
    assert sf310(("lint", "check"), ignore=("SF301",)) == []
    assert len(sf310(("lint", "check"))) == 1


def test_bad_values_never_raise():
    text = HEAD + """
[[claims]]
id = "q1"
subject = "nobody"
property = "nothing"
value = "??"
source = "zz"

[[claims]]
id = "q2"
subject = "x"
property = "member_count"
value = "several"
source = "a"

[[claims]]
id = "q3"
subject = "x"
property = "members"
value = "not a list"
source = "a"

[[claims]]
id = "q4"
subject = "x"
property = "founded"
value = 17
source = "a"
"""
    base, _ = load_text(text)
    assert all(d.location is not None for d in run_checks(base, Context(), ("check",)))


def test_sf310_judges_against_the_loaders_findings_too():
    """SF310 is a finalizing check: it sees the findings run_checks is given as `before` (the loader's)."""
    base, loaded = load_text(HEAD + '\n[[claims]]\nid = "c"\nsubject = "x"\nproperty = "founded"\nvalue = "2021"\n'
                             'source = "a"\ncolour = "red"\naccepted = [{ code = "SF104", reason = "kept" }]\n')
    assert [d.code for d in loaded] == ["SF104"]

    def sf310(before):
        return [d for d in run_checks(base, Context(), ("lint", "check"), before=before) if d.code == "SF310"]

    assert sf310(loaded) == []
    assert [d.ids for d in sf310(())] == [("c",)]


def test_sf309_confirmed_by_names_the_outcome_properties():
    """A planned completion 'by 2022' is not confirmed by a first launch in 2018 once the plan property says
    which properties confirm it (without `confirmed_by`, any dated non-plan claim in time did)."""
    head = HEAD + '\n[properties.planned_completion]\ntype = "date"\nplan = true\n{}\n\n[properties.completed]\ntype = "date"\n'
    plan = {"property": "planned_completion", "value": "../2022", "when": "../2022"}
    launch = {"property": "first_launch", "value": "2018-12", "source": "b"}
    assert findings(plan, launch, code="SF309", head=head.format("")) == []  # the old, loose reading
    strict = head.format('confirmed_by = ["completed"]')
    (d,) = findings(plan, launch, code="SF309", head=strict)
    assert "no claim confirms it" in d.message
    assert findings(plan, launch, {"property": "completed", "value": "2021", "source": "b"}, code="SF309",
                    head=strict) == []
    assert findings(plan, {"property": "completed", "value": "2024", "source": "b"}, code="SF309", head=strict)
