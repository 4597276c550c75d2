"""truth.analyze weighs each independent component of the graph sources <-> groups on its own, to its
own convergence, comparing values with what its own claims show: a block of claims that shares no source
and no subject with a fact base changes nothing of the fact base's analysis (what lets a check run reuse
the analysis of an unchanged catalogue: resultcache.py)."""

from __future__ import annotations

import random

from spacefacts import truth
from spacefacts.loader import load_text

BASE = """\
[sources.s1]
title = "S1"
kind = "news"
trust = 0.8

[sources.s2]
title = "S2"
kind = "news"
trust = 0.5

[properties.designation]
type = "text"
label = "designation"

[properties.staff]
type = "quantity"
label = "staff"

[entities.a]
name = "A"
kind = "company"

[entities.b]
name = "B"
kind = "company"

[[claims]]
id = "a1"
subject = "a"
property = "designation"
value = "KX-417"
source = "s1"

[[claims]]
id = "a2"
subject = "a"
property = "designation"
value = "KX-417A"
source = "s2"

[[claims]]
id = "b1"
subject = "b"
property = "staff"
value = 1200
source = "s1"

[[claims]]
id = "b2"
subject = "b"
property = "staff"
value = 1500
source = "s2"
"""


def block(seed: int) -> str:
    """Other sources and subjects, the same properties: designations that are not codes and many
    disagreements, so that its sources move for more iterations than the base's."""
    rng = random.Random(seed)
    parts = [f'[sources.t{n}]\ntitle = "T{n}"\nkind = "news"\ntrust = {0.3 + 0.15 * n}\n' for n in range(4)]
    for e in range(40):
        parts.append(f'[entities.x{e}]\nname = "X{e}"\nkind = "company"\n')
        for n in rng.sample(range(4), 3):
            parts.append(f'[[claims]]\nid = "x{e}-{n}-d"\nsubject = "x{e}"\nproperty = "designation"\n'
                         f'value = "Long March {rng.choice(["pad", "site", "pad two"])}"\nsource = "t{n}"\n')
            parts.append(f'[[claims]]\nid = "x{e}-{n}-s"\nsubject = "x{e}"\nproperty = "staff"\n'
                         f'value = {rng.choice([100, 200, 400, 800])}\nsource = "t{n}"\n')
    return "\n".join(parts)


def view(analysis: truth.Analysis, claims: set[str], sources: set[str]) -> tuple:
    """What the analysis says about some claims and sources: conflicts with their sides, causes and
    confidences, the claims' confidences and the sources' trust (exact floats)."""
    conflicts = [(c.subject, c.property, c.cause, c.explanation, c.likely.label,
                  [(s.label, s.confidence, [x.id for x in s.claims]) for s in c.sides])
                 for c in analysis.conflicts if set(c.claim_ids) <= claims]
    return (conflicts, {k: v for k, v in analysis.confidence.items() if k in claims},
            {k: v for k, v in analysis.trust.items() if k in sources})


def test_an_unrelated_block_changes_nothing_of_the_base() -> None:
    base, _ = load_text(BASE)
    alone = truth.analyze(base)
    assert [c.cause for c in alone.conflicts] == [truth.ERROR, truth.ERROR]  # two codes: not near spellings
    ids, sources = {c.id for c in base.claims}, set(base.sources)
    for seed in (1, 2, 3):
        both, _ = load_text(BASE + "\n" + block(seed))
        together = truth.analyze(both)
        assert len(together.conflicts) > len(alone.conflicts)  # the block has conflicts of its own
        assert view(together, ids, sources) == view(alone, ids, sources)


def test_the_block_alone_is_the_block_within() -> None:
    """analyze_part of the block's claims (positions in the fact base) equals its share of the whole analysis."""
    both, _ = load_text(BASE + "\n" + block(4))
    whole = truth.analyze(both)
    start = 4  # the base's four claims come first
    part = truth.analyze_part(both, both.claims[start:], range(start, len(both.claims)))
    assert part.conflicts and all(n >= start for n, _ in part.conflicts)
    mine = {c.id for c in both.claims[start:]}
    assert view(truth.combine(both, [part]), mine, set(part.trust)) == view(whole, mine, set(part.trust))


def test_components_are_found_through_shared_sources() -> None:
    claims = lambda *pairs: [type("C", (), {"source": s})() for s in pairs]  # noqa: E731
    buckets = [claims("a", "b"), claims("c"), claims("b", "d"), claims("e", "c"), claims("f")]
    assert truth._components(buckets) == [[0, 2], [1, 3], [4]]
    assert list(map(list, truth._components(buckets[:1]))) == [[0]] and truth._components([]) == []
