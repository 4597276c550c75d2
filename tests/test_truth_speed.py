"""The speed-ups of the truth analysis give the full path's answers: a Side and a Conflict are named
tuples (as immutable and comparable as the dataclasses were), and Comparer.refines keeps its answer
for a pair of values (the same as comparing them afresh)."""

from __future__ import annotations

import dataclasses

import pytest

from spacefacts import pipeline, truth
from spacefacts.similarity import Comparer
from tests.conftest import FACTS


@pytest.fixture(scope="module")
def shipped():
    base, _ = pipeline.load(FACTS, use_cache=False)
    return base


def test_side_makes_its_sources_and_stays_immutable(shipped) -> None:
    claims = tuple(c for c in shipped.claims[:6])
    side = truth.Side("x", claims, 0.25)
    assert side.sources == tuple(sorted({c.source for c in claims}))
    assert (side.label, side.claims, side.confidence) == ("x", claims, 0.25)
    assert side == truth.Side("x", claims, 0.25) and hash(side) == hash(truth.Side("x", claims, 0.25))
    assert side != truth.Side("x", claims[:1], 0.25)
    with pytest.raises(AttributeError):
        side.label = "y"  # type: ignore[misc]


def test_conflicts_keep_their_fields(shipped) -> None:
    conflicts = truth.analyze(shipped).conflicts
    assert conflicts
    for c in conflicts:
        assert c.likely in c.sides and c.sides.index(c.likely) == 0
        assert c.claim_ids == tuple(x.id for s in c.sides for x in s.claims)
        assert sorted(x.id for x in c.claims) == sorted(c.claim_ids)
        with pytest.raises(AttributeError):
            c.cause = "error"  # type: ignore[misc]
    assert not any(dataclasses.is_dataclass(c) for c in conflicts)  # named tuples now


def test_refines_kept_per_pair_is_refines_afresh(shipped) -> None:
    """Every pair of facts of every group of values other than intervals, asked twice (the second
    answer from the kept one), as a new Comparer of the same kind answers it."""
    pairs = 0
    for g in truth._groups(shipped):
        if isinstance(g, truth.Claim) or all(isinstance(f, tuple) for f in g.facts):
            continue
        comparer = g.compare()
        for a in g.facts:
            for b in g.facts:
                afresh = Comparer(comparer.kind, comparer.base).refines(a, b)
                assert comparer.refines(a, b) == afresh == comparer.refines(a, b)
                pairs += a != b
    assert pairs > 10


def test_date_and_quantity_facts_are_intervals(shipped) -> None:
    """truth._intervals answers from the property's type for dates and quantities: every fact of
    such a group is an interval, as testing each says."""
    groups = [g for g in truth._groups(shipped) if not isinstance(g, truth.Claim)]
    typed = [g for g in groups if g.property.type in ("date", "quantity")]
    assert typed and len(typed) < len(groups)
    for g in groups:
        assert truth._intervals(g.property, g.facts) == all(isinstance(f, tuple) for f in g.facts)
