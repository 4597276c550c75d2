"""truth.py: conflict grouping on intervals, causes, TruthFinder trust and confidence."""

from __future__ import annotations

from conftest import toml_value
from spacefacts.checks import Context
from spacefacts.loader import load_text
from spacefacts.text import name_key
from spacefacts.truth import ERROR, OUT_OF_DATE, PRECISION, analyze, find_conflicts

HEAD = """
[sources.a]
title = "A"
published = "2023-05"
trust = 0.6

[sources.b]
title = "B"
published = "2024-02"
trust = 0.8

[sources.c]
title = "C"
published = "2024-06"

[entities.x]
name = "X Corp"
kind = "company"

[entities.beijing]
name = "Beijing"
kind = "place"
aliases = ["Peking"]
"""


def facts(*claims: dict, head: str = HEAD):
    """Load HEAD plus one [[claims]] table per dict (id and subject filled in); assert it loads cleanly."""
    text = head
    for n, c in enumerate(claims):
        c = {"id": f"c{n}", "subject": "x", **c}
        text += "\n[[claims]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in c.items())
    base, diags = load_text(text)
    assert [d for d in diags if d.severity >= 2] == [], diags
    return base


def pair(prop: str, v1, v2, **extra):
    return facts({"property": prop, "value": v1, "source": "a", **extra},
                 {"property": prop, "value": v2, "source": "b", **extra})


def test_date_precision_agreements():
    assert find_conflicts(pair("founded", "2019", "January 2019")) == []
    assert find_conflicts(pair("founded", "September 1992", "1992")) == []


def test_early_2020_vs_2021_is_an_error_conflict():
    (conflict,) = find_conflicts(pair("founded", "early 2020", "2021"))
    assert conflict.subject == "x" and conflict.property == "founded" and conflict.key is None
    assert sorted(s.label for s in conflict.sides) == sorted(["2021", "early 2020"])
    assert conflict.cause == ERROR
    # b has the higher trust prior, so its value is the likely one
    assert conflict.likely.label == "2021" and conflict.likely.claims[0].source == "b"
    assert "early 2020" in conflict.explanation and "2021" in conflict.explanation


def test_quantities_respect_qualifiers():
    assert find_conflicts(pair("planned_size", "around 13,000", 12992, as_of="2024")) == []
    (conflict,) = find_conflicts(pair("planned_size", "more than 14,000", 13000, as_of="2024"))
    assert conflict.cause == ERROR


def test_adjacent_days_are_a_precision_conflict():
    (conflict,) = find_conflicts(pair("first_launch", "2024-12-31", "2025-01-01"))
    assert conflict.cause == PRECISION


def test_near_quantities_are_a_precision_conflict():
    (conflict,) = find_conflicts(pair("planned_size", 1000, 1010, as_of="2024"))
    assert conflict.cause == PRECISION


def test_temporal_property_compares_only_overlapping_as_of():
    # as-of dates default to the sources' publication dates (2023-05 and 2024-02): not compared
    assert find_conflicts(pair("satellites_in_orbit", 18, 72)) == []
    (conflict,) = find_conflicts(facts(
        {"property": "satellites_in_orbit", "value": 18, "source": "a", "as_of": "2023", "when": "2023"},
        {"property": "satellites_in_orbit", "value": 72, "source": "b", "as_of": "2023~"},
    ))
    assert conflict.property == "satellites_in_orbit"


def test_out_of_date_cause_for_temporal_values_dated_far_apart():
    base = facts(
        {"property": "valuation", "value": "1 billion yuan", "source": "a", "as_of": "2019/2024"},
        {"property": "valuation", "value": "5 billion yuan", "source": "b", "as_of": "2024"},
    )
    (conflict,) = find_conflicts(base)
    assert conflict.cause == OUT_OF_DATE


def test_different_units_are_not_compared():
    assert find_conflicts(pair("funding_raised", "6.7 billion yuan", "924 million USD", key="series-b")) == []


def test_multi_property_compares_within_a_key_only():
    base = facts(
        {"property": "launch", "value": "2024-08-06", "key": "batch-1", "source": "a"},
        {"property": "launch", "value": "2024-10-15", "key": "batch-2", "source": "b"},
        {"property": "launch", "value": "2024-03", "source": "a"},
        {"property": "launch", "value": "2025-01", "source": "b"},
    )
    assert find_conflicts(base) == []
    base = facts(
        {"property": "launch", "value": "2024-08-06", "key": "batch-1", "source": "a"},
        {"property": "launch", "value": "2024-10-15", "key": "batch-1", "source": "b"},
    )
    (conflict,) = find_conflicts(base)
    assert conflict.key == "batch-1"


def test_text_values_compare_after_normalisation_and_aliases():
    assert name_key("  Chángchūn,  JILIN! ") == "changchun jilin"
    assert find_conflicts(pair("location", "Chángchūn, Jilin", "changchun jilin")) == []
    assert find_conflicts(pair("location", "Beijing", "Peking")) == []  # an entity alias
    assert find_conflicts(pair("location", "Shanghai", "Songjiang, Shanghai")) == []  # coarser
    (conflict,) = find_conflicts(pair("location", "Beijing", "Xi'an"))
    assert conflict.cause == ERROR


def test_entity_values_resolve_aliases():
    base = facts(
        {"property": "operator", "value": "beijing", "source": "a"},
        {"property": "operator", "value": "x", "source": "b"},
    )
    assert len(find_conflicts(base)) == 1


def test_deprecated_claims_are_not_counted():
    base = facts(
        {"property": "founded", "value": "early 2020", "source": "a", "rank": "deprecated"},
        {"property": "founded", "value": "2021", "source": "b"},
    )
    assert find_conflicts(base) == []


def test_three_way_conflict_splits_into_maximal_sides():
    base = facts(
        {"property": "founded", "value": "2018", "source": "a"},
        {"property": "founded", "value": "2018-06", "source": "b"},
        {"property": "founded", "value": "2020", "source": "c"},
        {"property": "founded", "value": "2022", "source": "c"},
    )
    (conflict,) = find_conflicts(base)
    assert sorted(len(s.claims) for s in conflict.sides) == [1, 1, 2]
    assert set(conflict.claim_ids) == {"c0", "c1", "c2", "c3"}


def test_truthfinder_majority_and_trust():
    # two sources agree on 2021 three times; a disagrees each time: its trust must fall below theirs
    claims = []
    for subj in ("x", "y", "z"):
        claims += [
            {"subject": subj, "property": "founded", "value": "2018", "source": "a"},
            {"subject": subj, "property": "founded", "value": "2021", "source": "b"},
            {"subject": subj, "property": "founded", "value": "2021-03", "source": "c"},
        ]
    head = HEAD + '\n[entities.y]\nname = "Y"\nkind = "company"\n[entities.z]\nname = "Z"\nkind = "company"\n'
    base = facts(*claims, head=head)
    analysis = analyze(base, prior_strength=0)  # the paper's update: trust is the mean confidence
    assert analysis.trust["a"] < analysis.trust["c"] and analysis.trust["a"] < analysis.trust["b"]
    assert all(c.likely.label in ("2021", "March 2021", "Mar 2021") for c in analysis.conflicts)
    assert analysis.confidence["c0"] < analysis.confidence["c1"]
    assert 1 <= analysis.iterations <= 20


def test_hedged_claims_weigh_less():
    base = facts(
        {"property": "founded", "value": "2020", "source": "c", "hedged": True},
        {"property": "founded", "value": "2021", "source": "c"},
    )
    (conflict,) = find_conflicts(base, hedged_weight=0.5)
    assert conflict.likely.label == "2021"


def test_analysis_is_computed_once_per_run_in_the_index():
    base = pair("founded", "early 2020", "2021")
    ctx = Context()
    index = ctx.index_of(base)
    assert index.analysis is ctx.index_of(base).analysis
    assert index.analysis.conflicts == analyze(base).conflicts


def test_list_values_compare_as_sets():
    assert find_conflicts(pair("members", ["China", "Russia"], ["russia", "china", "Belarus"])) == []
    (conflict,) = find_conflicts(pair("members", ["China", "Russia"], ["China", "Belarus"]))
    assert conflict.cause == PRECISION  # they share a member: scope differs


def test_trust_prior_anchors_sources_with_few_claims():
    base = pair("founded", "early 2020", "2021")  # a: prior 0.6, b: prior 0.8, one claim each
    anchored, drifted = analyze(base), analyze(base, prior_strength=0)
    assert abs(anchored.trust["b"] - 0.8) < abs(drifted.trust["b"] - 0.8)
    assert anchored.trust["b"] > anchored.trust["a"]


def test_book_converter_on_a_slice():
    import sys

    from conftest import EXT, ROOT, need

    data = need(EXT / "truth-discovery" / "book-author-truthfinder" / "book.txt")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import truthfinder_books as tb

    assert tb.author_words("Knuth, Donald E.") == tb.author_words("DONALD E. KNUTH") == ("donald", "knuth")
    assert tb.author_words("Not Available") == ()
    assert tb.author_words("Marcad&eacute;, Erik (Author)") == ("erik", "marcade")
    listings = tb.read_listings(data, limit=400)
    assert listings and all(words for _s, _i, words in listings)
    base, diags = load_text(tb.convert(listings), "books.toml")
    assert [d for d in diags if d.severity >= 2] == []
    assert len(base.claims) == len(listings) and base.properties["authors"].type == "list"
    analysis = analyze(base)
    assert set(analysis.confidence) == {c.id for c in base.claims}
    chosen = tb.truthfinder(base, analysis)
    assert set(chosen) == {c.subject for c in base.claims}


def test_squashed_scores_equal_the_clamped_logistic_at_every_scale():
    """_squashed (one comprehension, the exponent capped at 700, no floor) gives exactly the module
    doc's 1 / (1 + e^(-gamma * x)) with the exponent clamped to [-700, 700]: also far beyond either
    end, where it must neither overflow nor differ in the last bit."""
    import math

    from spacefacts import truth

    scores = [-1e9, -2400.0, -2333.4, -50.0, -1.5, -0.0, 0.0, 1e-9, 3.2, 121.0, 130.0, 2333.4, 2400.0, 1e9]
    clamped = [1.0 / (1.0 + math.exp(min(max(-truth.GAMMA * x, -700.0), 700.0))) for x in scores]
    assert truth._squashed(scores) == clamped
    assert truth._squashed([1e9])[0] == 1.0 and 0.0 < truth._squashed([-1e9])[0] < 1e-300


def test_a_side_names_its_sources_sorted_once_each_and_compares_without_them():
    """Side.sources is made with the side (not read lazily): the sorted distinct sources of its claims,
    for a side built by its three fields as resultcache.py builds one; equality is by the three fields."""
    from spacefacts.truth import Side

    base = facts(*({"property": "founded", "value": "2020", "source": s} for s in ("c", "a", "b")))
    by_source = {c.source: c for c in base.claims}
    claims = tuple(base.claims)  # sources c, a, b: not in order
    doubled = claims + claims
    side = Side("x", doubled, 0.5)
    assert side.sources == tuple(sorted(by_source)) and len(side.sources) == len(by_source) > 1
    assert Side("x", claims[:1], 0.5).sources == (claims[0].source,)
    assert side == Side("x", doubled, 0.5) and side != Side("x", claims, 0.5)
