"""TruthFinder computes a lone fact (the only fact of its group, one claim) once per (source, weight)
class: the trust and confidences must equal a plain fact-by-fact TruthFinder, up to float rounding."""

from __future__ import annotations

import math
import random

import pytest

from spacefacts import truth
from spacefacts.loader import load_text
from spacefacts.model import Claim


def plain_truthfinder(base, groups, hedged_weight: float, prior_strength: float):
    """The fact-by-fact iteration (every fact its own sigma and confidence), as the module doc states it."""
    src_ids = list(base.sources)
    # a lone claim is a group of one fact (its key is never compared: there is no other fact)
    groups = [truth._Group(g.subject, base.properties[g.property], g.key, {g.id: [g]}) if isinstance(g, Claim) else g
              for g in groups]
    for g in groups:
        for claims in g.facts.values():
            src_ids += [c.source for c in claims if c.source not in src_ids]
    index = {s: i for i, s in enumerate(src_ids)}
    prior = [min(max(base.sources[s].trust, 0.0), truth.MAX_TRUST) if s in base.sources else 0.5 for s in src_ids]
    trust = list(prior)
    facts = []  # (group number, key, [(source index, weight)])
    for n, g in enumerate(groups):
        for key, claims in g.facts.items():
            votes: dict[int, float] = {}  # a source votes once per fact, at its largest weight
            for c in claims:
                votes[index[c.source]] = max(votes.get(index[c.source], 0.0), hedged_weight if c.hedged else 1.0)
            facts.append((n, key, list(votes.items())))
    conf: list[float] = []
    for iterations in range(1, truth.MAX_ITERATIONS + 1):
        tau = [-math.log(1.0 - min(t, truth.MAX_TRUST)) for t in trust]
        sigma = [sum(w * tau[s] for s, w in pairs) for _, _, pairs in facts]
        conf = []
        for i, (n, key, _) in enumerate(facts):
            score = sigma[i] + truth.RHO * sum(sigma[j] * (groups[n].compare().similarity(other, key) - truth.BASE_SIM)
                                               for j, (m, other, _) in enumerate(facts) if m == n and j != i)
            conf.append(1.0 / (1.0 + math.exp(max(-truth.GAMMA * score, -700.0))))
        stated = [[conf[i] for i, (_, _, pairs) in enumerate(facts) for s, _ in pairs if s == si]
                  for si in range(len(src_ids))]
        new = [(prior_strength * prior[si] + sum(cs)) / (prior_strength + len(cs)) if cs else trust[si]
               for si, cs in enumerate(stated)]
        delta = max(abs(a - b) for a, b in zip(new, trust))
        trust = new
        if delta < truth.TOLERANCE:
            break
    return dict(zip(src_ids, trust)), conf, iterations


def fact_file(seed: int) -> str:
    """Many subjects, mostly one claim each (lone facts), some agreeing or conflicting, some hedged,
    one source referenced but not declared."""
    rng = random.Random(seed)
    parts = [f'[sources.s{i}]\nkind = "news"\npublished = "2025-01"\ntrust = {0.2 + 0.15 * i:.2f}\n' for i in range(5)]
    for e in range(150):
        parts.append(f'[entities.e{e}]\nname = "E{e}"\nkind = "company"\n')
    for i in range(200):
        year = rng.choice([2015, 2016, 2018])
        parts.append(f'[[claims]]\nid = "c{i}"\nsubject = "e{rng.randrange(150)}"\nproperty = "founded"\n'
                     f'value = "{year}"\nsource = "{rng.choice(["s0", "s1", "s2", "s3", "s4", "ghost"])}"\n'
                     f'quote = "founded in {year}"\n' + ("hedged = true\n" if rng.random() < 0.2 else ""))
    return "\n".join(parts)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("prior_strength", [0.0, truth.PRIOR_STRENGTH])
def test_lone_facts_equal_the_plain_iteration(seed: int, prior_strength: float) -> None:
    base, _ = load_text(fact_file(seed))
    groups = truth._groups(base)
    lone = sum(1 for g in groups if isinstance(g, Claim))
    assert 0 < lone < len(groups)  # both kinds of fact are really there
    trust, conf, iterations = truth._truthfinder(base, groups, 0.5, prior_strength)
    ref_trust, ref_conf, ref_iterations = plain_truthfinder(base, groups, 0.5, prior_strength)
    assert iterations == ref_iterations
    assert list(trust) == list(ref_trust)  # the same sources in the same order, the undeclared one last
    assert trust == pytest.approx(ref_trust, abs=1e-12)
    assert conf == pytest.approx(ref_conf, abs=1e-12)
