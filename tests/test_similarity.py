"""similarity.py and its use in truth.py: one similarity per kind of value, directed support from a
more specific value to a coarser one, the most specific supported value named likely, one vote per
source and subject. The regression tests are the failures issue 18 lists."""

from __future__ import annotations

import math

import pytest

from conftest import toml_value
from spacefacts.loader import load_text
from spacefacts.similarity import BASE_SIM, Comparer, compare_kind, quantity_precision, text_number
from spacefacts.text import name_key
from spacefacts.truth import analyze, find_conflicts, likely_values

PLACES = """
[entities.x]
name = "X Corp"
kind = "company"

[entities.usa]
name = "USA"
kind = "place"
aliases = ["United States"]

[entities.minnesota]
name = "Minnesota"
kind = "place"
located_in = "usa"

[entities.minneapolis]
name = "Minneapolis"
kind = "place"
located_in = "minnesota"

[entities.st-paul]
name = "St Paul"
kind = "place"
located_in = "minnesota"
"""


def load(values: list[tuple[str, float]], prop: str = "p", decl: str = 'type = "text"', head: str = PLACES,
         extra: str = ""):
    """One source per (value, trust); each states its value about x. Asserts a clean load."""
    text = head + f"\n[properties.{prop}]\n{decl}\n" + extra
    for n, (_v, trust) in enumerate(values):
        text += f'\n[sources.s{n}]\ntitle = "S{n}"\ntrust = {trust}\n'
    for n, (v, _t) in enumerate(values):
        text += (f'\n[[claims]]\nid = "c{n}"\nsubject = "x"\nproperty = "{prop}"\nvalue = {toml_value(v)}\n'
                 f'source = "s{n}"\n')
    base, diags = load_text(text)
    assert [d for d in diags if d.severity >= 2] == [], diags
    return base


def named(base) -> str:
    (v,) = likely_values(base)
    return v.label


# ---- exact: codes and serials ------------------------------------------------------------------


def test_exact_codes_never_support_each_other():
    c = Comparer("exact")
    assert c.similarity(name_key("L1-9"), name_key("L1-8")) == 0.0
    assert c.similarity(name_key("t0710"), name_key("t0715")) == 0.0


def test_exact_prefix_refinement_supports_the_coarser_code_only():
    c = Comparer("exact")
    fine, coarse = name_key("L1-9/I-19AMS"), name_key("L1-9")
    assert c.refines(fine, coarse) and not c.refines(coarse, fine)
    assert c.similarity(fine, coarse) == 1.0 and c.similarity(coarse, fine) == BASE_SIM
    assert not c.refines(name_key("L1-99"), coarse)  # "99" is not "9" refined: words, not characters


def test_regression_prefix_refined_code_is_named_likely():
    """Issue 18: "L1-9" vs "L1-9/I-19AMS" was one value at two precisions, but the more specific
    value was never the likely one (its confidence was the coarser value's)."""
    base = load([("L1-9", 0.6), ("L1-9", 0.6), ("L1-9/I-19AMS", 0.6), ("L1-8", 0.6)],
                decl='type = "text"\ncompare = "exact"')
    (conflict,) = find_conflicts(base)
    assert conflict.likely.label == "L1-9/I-19AMS"
    assert {c.id for c in conflict.likely.claims} == {"c0", "c1", "c2"}
    assert named(base) == "L1-9/I-19AMS"


# ---- text: fuzzy, but not between different numbers ----------------------------------------------


def test_regression_codes_written_as_text_are_not_near_spellings():
    """Issue 18: "t0710" and "t0715" (two departure times), "L1-9" and "L1-8" (two serials) implied each
    other strongly through the fuzzy token-set ratio."""
    c = Comparer("text")
    assert c.similarity("t0710", "t0715") == 0.0
    assert c.similarity("l1 9", "l1 8") == 0.0
    assert c.similarity("changchun jilin province", "changchun jilin") == 1.0  # a refinement supports
    assert c.similarity("beijing", "bejing") > 0.8  # a misspelling still supports


def test_text_subset_is_directed():
    c = Comparer("text")
    assert c.similarity("songjiang shanghai", "shanghai") == 1.0
    assert c.similarity("shanghai", "songjiang shanghai") == BASE_SIM


# ---- numeric: quantities and times of day ------------------------------------------------------------


def test_text_number_reads_times_and_numbers():
    assert text_number("07:10") == (430.0, 1.0)
    assert text_number("t0710") == (430.0, 1.0)
    assert text_number("7:10 pm") == (19 * 60 + 10.0, 1.0)
    assert text_number("12.5 km") == (12.5, 0.1)
    assert text_number("none") is None
    assert quantity_precision("13,000", 13000, 13000) == 1000
    assert quantity_precision("72", 72, 72) == 1


def test_numeric_support_decays_with_distance_over_precision():
    c = Comparer("numeric")
    a, b, far = (430.0, 430.0, False, False), (431.0, 431.0, False, False), (435.0, 435.0, False, False)
    for k in (a, b, far):
        c.note_precision(k, 1.0)
    assert c.similarity(a, b) == pytest.approx(math.exp(-1))
    assert c.similarity(a, far) == pytest.approx(math.exp(-5))
    assert Comparer("interval").similarity(a, b) == 0.0  # the default for quantities: disjoint contradicts


def test_numeric_text_times_conflict_when_apart():
    base = load([("07:10", 0.8), ("07:15", 0.5), ("7:10", 0.5)], decl='type = "text"\ncompare = "numeric"')
    (conflict,) = find_conflicts(base)
    assert conflict.likely.label in ("07:10", "7:10") and len(conflict.likely.claims) == 2
    assert conflict.cause == "error"  # five minutes apart: more than their precision (a minute)
    (near,) = find_conflicts(load([("07:10", 0.8), ("07:11", 0.5)], decl='type = "text"\ncompare = "numeric"'))
    assert near.cause == "precision"
    assert find_conflicts(load([("07:10", 0.8), ("t0710", 0.5)], decl='type = "text"\ncompare = "numeric"')) == []


# ---- intervals: dates ------------------------------------------------------------------------------


def test_interval_share_inside():
    c = Comparer("interval")
    year, january = (0.0, 364.0, False, False), (0.0, 30.0, False, False)
    assert c.similarity(january, year) == 1.0  # January 2019 true: 2019 true
    assert c.similarity(year, january) == BASE_SIM
    assert c.refines(january, year) and not c.refines(year, january)


# ---- entities: aliases and links ------------------------------------------------------------------------


def test_regression_different_entities_are_not_fuzzy_spellings_of_their_ids():
    base = load([("ent-00481", 0.5), ("ent-01481", 0.5)], decl='type = "entity"',
                head=PLACES + '[entities.ent-00481]\nname = "A"\nkind = "company"\n'
                              '[entities.ent-01481]\nname = "B"\nkind = "company"\n')
    c = Comparer(compare_kind(base.properties["p"]), base)
    assert c.similarity("ent-00481", "ent-01481") == 0.0
    assert Comparer("text", base).similarity("ent-00481", "ent-01481") == 0.0


def test_entity_links_make_a_coarser_value_not_a_conflict():
    base = load([("minneapolis", 0.6), ("usa", 0.8)], decl='type = "entity"')
    c = Comparer("entity", base)
    assert c.ancestors("minneapolis") == {"minnesota", "usa"}
    assert c.refines("minneapolis", "usa") and not c.refines("usa", "minneapolis")
    assert find_conflicts(base) == []
    assert named(base) == "Minneapolis"


# ---- hierarchy ------------------------------------------------------------------------------------------


def test_regression_general_place_is_not_preferred_over_the_specific_one():
    """Issue 18: with "Minneapolis", "Minnesota" and "USA" as competing birthplaces the general value
    collected support from every specific one, and the model preferred "USA"."""
    names = [("Minneapolis", 0.6), ("Minnesota", 0.6), ("USA", 0.6), ("United States", 0.6), ("St Paul", 0.3)]
    ids = [("minneapolis", 0.6), ("minnesota", 0.6), ("usa", 0.6), ("usa", 0.6), ("st-paul", 0.3)]
    for decl, values in (('type = "text"\ncompare = "hierarchy"', names), ('type = "entity"', ids),
                         ('type = "text"', names)):
        base = load(values, decl=decl)
        (conflict,) = find_conflicts(base)
        assert conflict.likely.label == "Minneapolis", decl
        # the coarser values are inferred from it, so their claims are on its side
        assert {c.id for c in conflict.likely.claims} == {"c0", "c1", "c2", "c3"}
        assert [c.id for s in conflict.sides[1:] for c in s.claims] == ["c4"]
        assert named(base) == "Minneapolis"


def test_hierarchy_from_words_of_the_value():
    base = load([("Minneapolis, Minnesota, USA", 0.6), ("Minnesota, USA", 0.8), ("USA", 0.8),
                 ("Duluth, Minnesota, USA", 0.3)], prop="birthplace", decl='type = "text"\ncompare = "hierarchy"',
                head='[entities.x]\nname = "X"\nkind = "person"\n')
    (conflict,) = find_conflicts(base)
    assert conflict.likely.label == "Minneapolis, Minnesota, USA"
    assert Comparer("hierarchy").similarity("minneapolis", "duluth") == 0.0  # siblings: no fuzzy support


def test_an_unsupported_specific_value_is_not_named():
    """A more specific value that the evidence does not support (more against it than for it) is not
    named: the side names the most specific value it does support."""
    comparer = Comparer("hierarchy")
    from spacefacts.truth import _named

    facts = ["usa", "minnesota usa", "minneapolis minnesota usa"]
    conf = {"usa": 0.9, "minnesota usa": 0.7, "minneapolis minnesota usa": 0.4}
    assert _named(facts, comparer, conf) == "minnesota usa"


# ---- lists ---------------------------------------------------------------------------------------------


def test_set_similarity_is_the_share_of_the_first_lists_members():
    c = Comparer("set")
    full, part = frozenset({"a", "b", "c", "d"}), frozenset({"a"})
    assert c.similarity(part, full) == 1.0  # a partial listing supports the full one
    assert c.similarity(full, part) == 0.25
    assert c.refines(full, part)


# ---- votes and shown confidence ------------------------------------------------------------------------


def test_regression_repeated_claims_of_one_source_are_one_vote():
    """A source that repeats "more than 14,000" five times is one vote, not five."""
    head = PLACES + '[sources.a]\ntitle = "A"\ntrust = 0.6\n[sources.b]\ntitle = "B"\ntrust = 0.8\n'
    text = head + "".join(f'\n[[claims]]\nid = "a{n}"\nsubject = "x"\nproperty = "planned_size"\n'
                          f'value = "more than 14,000"\nas_of = "2024"\nsource = "a"\n' for n in range(5))
    text += ('\n[[claims]]\nid = "b0"\nsubject = "x"\nproperty = "planned_size"\nvalue = 13000\nas_of = "2024"\n'
             'source = "b"\n')
    base, _ = load_text(text)
    (conflict,) = find_conflicts(base)
    assert [c.id for c in conflict.likely.claims] == ["b0"]
    assert analyze(base).confidence["b0"] > analyze(base).confidence["a0"]


def test_shown_side_confidences_are_shares():
    base = load([("Beijing", 0.8), ("Xi'an", 0.5), ("Shanghai", 0.4)], decl='type = "text"')
    (conflict,) = find_conflicts(base)
    assert sum(s.confidence for s in conflict.sides) == pytest.approx(1.0, abs=1e-3)
    assert conflict.likely.label == "Beijing"
    assert conflict.likely.confidence == max(s.confidence for s in conflict.sides)


# ---- the compare setting ------------------------------------------------------------------------------


def test_compare_setting_is_read_and_checked():
    base = load([("L1-9", 0.5)], decl='type = "text"\ncompare = "exact"')
    assert base.properties["p"].compare == "exact" and compare_kind(base.properties["p"]) == "exact"
    assert compare_kind(base.properties["founded"]) == "interval"
    assert compare_kind(base.properties["members"]) == "set"
    _base, diags = load_text(PLACES + '[properties.p]\ntype = "date"\ncompare = "exact"\n')
    (d,) = [d for d in diags if d.code == "SF110"]
    assert "compare 'exact'" in d.message and "interval" in d.message and "\n" not in d.message


def test_conflicts_command_names_the_most_specific_likely_value(tmp_path):
    """`spacefacts conflicts` names the refined value likely, for a prefix refinement and a place hierarchy."""
    import json

    from typer.testing import CliRunner

    from spacefacts.cli import app

    for decl, values, want in (
        ('type = "text"\ncompare = "exact"', [("L1-9", 0.6), ("L1-9", 0.6), ("L1-9/I-19AMS", 0.6), ("L1-8", 0.6)],
         "L1-9/I-19AMS"),
        ('type = "entity"', [("usa", 0.8), ("minnesota", 0.6), ("minneapolis", 0.6), ("st-paul", 0.3)], "Minneapolis"),
    ):
        text = PLACES + f"\n[properties.p]\n{decl}\n"
        text += "".join(f'\n[sources.s{n}]\ntitle = "S{n}"\ntrust = {t}\n' for n, (_v, t) in enumerate(values))
        text += "".join(f'\n[[claims]]\nid = "c{n}"\nsubject = "x"\nproperty = "p"\nvalue = "{v}"\nsource = "s{n}"\n'
                        for n, (v, _t) in enumerate(values))
        path = tmp_path / "facts.toml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["conflicts", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        (conflict,) = json.loads(result.output)["conflicts"]
        assert conflict["likely"] == want
        assert sum(side["confidence"] for side in conflict["sides"]) == pytest.approx(1.0, abs=1e-3)


# ---- defaults read from the values (issue 18, session 6) -------------------------------------------


def test_text_kind_reads_times_and_codes():
    from spacefacts.similarity import text_kind

    assert text_kind(["07:10", "t0715", "7:10 pm", "7h10"]) == "numeric"
    assert text_kind(["L1-9", "L1-9/I-19AMS", "KX-417"]) == "exact"
    assert text_kind(["L1-9", "the first stage"]) == "text"
    assert text_kind(["2019", "20:19"]) == "exact"  # a bare 4-digit number is no time of day


def test_default_text_of_times_compares_minutes_and_codes_exactly():
    base = load([("07:10", 0.8), ("07:10", 0.5), ("07:15", 0.9)], decl='type = "text"')
    assert compare_kind(base.properties["p"], ["07:10", "07:15"]) == "numeric"
    (conflict,) = find_conflicts(base)
    assert conflict.cause == "error" and "5 apart" in conflict.explanation
    (codes,) = find_conflicts(load([("L1-9", 0.6), ("L1-8", 0.6), ("L1-9/I-19AMS", 0.6)], decl='type = "text"'))
    assert codes.likely.label == "L1-9/I-19AMS"  # the prefix refinement, named over its coarser form
    assert [len(s.claims) for s in codes.sides] == [2, 1]


def test_quantities_compare_numerically_by_default_and_interval_opts_out():
    plain = load([("13,000", 0.6), ("14,000", 0.6)], decl='type = "quantity"')
    assert compare_kind(plain.properties["p"]) == "numeric"
    (near,) = find_conflicts(plain)
    assert near.cause == "precision"  # rounded to the thousand, they touch
    (far,) = find_conflicts(load([("13,000", 0.6), ("16,000", 0.6)], decl='type = "quantity"'))
    assert far.cause == "error"
    (opt,) = find_conflicts(load([("13,000", 0.6), ("14,000", 0.6)], decl='type = "quantity"\ncompare = "interval"'))
    assert opt.cause == "error"  # 7% apart: more than NEAR_FRACTION


def test_one_trailing_zero_is_not_rounding():
    assert quantity_precision("10", 10, 10) == 1 and quantity_precision("120", 120, 120) == 1
    assert quantity_precision("500", 500, 500) == 100


def test_list_refined_member_by_member_is_named_likely():
    values = [(["L1-9", "KX-1"], 0.6), (["L1-9", "KX-1"], 0.6), (["L1-9/I-19AMS", "KX-1"], 0.6)]
    base = load(values, decl='type = "list"')
    c = Comparer("set", base)
    fine, coarse = frozenset({"l1 9 i 19ams", "kx 1"}), frozenset({"l1 9", "kx 1"})
    assert c.refines(fine, coarse) and not c.refines(coarse, fine)
    assert c.similarity(fine, coarse) == 1.0 and c.similarity(coarse, fine) == pytest.approx(0.75)  # neutral on L1-9/I
    assert named(base) == "L1-9/I-19AMS, KX-1"
    assert find_conflicts(base) == []  # one answer at two precisions


def test_superset_named_when_at_least_as_supported():
    # equal confidence (both saturate): the longer list more claims state is named, not the shorter
    base = load([(["A", "B"], 0.99)] * 3 + [(["A"], 0.99)] * 2, decl='type = "list"')
    assert named(base) == "A, B"
