"""Large groups of interval facts are related by a sweep (truth._interval_relations), not pairwise:
the same TruthFinder result as the pairwise sums, up to float rounding."""

from __future__ import annotations

import random

import pytest

from spacefacts import truth
from spacefacts.loader import load_text


def fact_file(n: int, seed: int = 3) -> str:
    """n claims about one subject and temporal property at one time, from several sources:
    point values and ranges, some overlapping, so that there are many distinct facts."""
    rng = random.Random(seed)
    parts = [f'[sources.s{i}]\nkind = "news"\npublished = "2025-01"\ntrust = {0.3 + 0.1 * i:.1f}\n' for i in range(5)]
    parts.append('[entities.x]\nname = "X Corp"\nkind = "company"\n')
    for i in range(n):
        low = rng.randint(100, 400)
        said = f"{low}-{low + rng.randint(1, 40)}" if rng.random() < 0.3 else str(low)
        value = f'"{said}"' if "-" in said else said
        parts.append(f'[[claims]]\nid = "c{i}"\nsubject = "x"\nproperty = "satellites_in_orbit"\nvalue = {value}\n'
                     f'as_of = "2024"\nsource = "s{i % 5}"\nquote = "X has {said} satellites"\n'
                     + ('hedged = true\n' if i % 7 == 0 else ''))
    return "\n".join(parts)


@pytest.mark.parametrize("n", [80, 300])
def test_sweep_equals_pairwise(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    base, _ = load_text(fact_file(n))
    groups = truth._groups(base)
    assert max(len(g.facts) for g in groups if isinstance(g, truth._Group)) > truth.PAIRWISE_MAX  # the sweep is used
    fast = truth.analyze(base)
    assert fast.conflicts
    monkeypatch.setattr(truth, "PAIRWISE_MAX", 10**9)
    slow = truth.analyze(base)
    assert fast.iterations == slow.iterations
    assert fast.trust == pytest.approx(slow.trust, abs=1e-9)
    assert fast.confidence == pytest.approx(slow.confidence, abs=1e-9)
    assert [(c.cause, c.likely.label, [s.label for s in c.sides]) for c in fast.conflicts] == \
        [(c.cause, c.likely.label, [s.label for s in c.sides]) for c in slow.conflicts]


def test_interval_relations_lists_only_overlapping_facts() -> None:
    keys = [(0.0, 10.0, False, False), (5.0, 6.0, False, False), (10.0, 12.0, False, False), (20.0, 20.0, False, False)]
    members, overlaps = truth._interval_relations(keys, first=7)
    assert members == [7, 8, 9, 10]
    assert [sorted(o for o, _ in ov) for ov in overlaps] == [[8, 9], [7], [7], []]
    # the similarity is how much the other fact supports this one
    assert dict(overlaps[1])[7] == truth._similarity(keys[0], keys[1])
