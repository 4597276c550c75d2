"""Fuzzy entity lookup: find the entity a person means by a name they typed.

Pure functions over a FactBase. The steps, first hit wins:

1. exact: the query equals an entity id, name or alias after normalising
   (text.name_key: casefold, accents folded, punctuation to spaces, spaces collapsed);
2. compact: the query equals a name with all spaces removed ("guo wang" -> "Guowang");
3. fuzzy: rapidfuzz scores every name and alias (best of WRatio and
   token_sort_ratio on normalised text, and ratio on the compact keys).
   A score of at least MATCH_CUTOFF is a match; if the runner-up entity is within
   AMBIGUITY_MARGIN points of the best, the query is ambiguous and the ranked
   candidates are returned. Below MATCH_CUTOFF, entities scoring at least
   SUGGEST_CUTOFF are offered as "did you mean".

If steps 1 or 2 find several entities (a shared alias), the result is ambiguous.
`choose` then takes the one a person picks from the candidates, by number or id.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacefacts.model import Entity, FactBase
from spacefacts.text import name_compact, name_key

MATCH_CUTOFF = 85.0  # a fuzzy score at or above this is accepted as the entity meant
AMBIGUITY_MARGIN = 5.0  # best and runner-up closer than this: ask the user to choose
SUGGEST_CUTOFF = 55.0  # below MATCH_CUTOFF but at least this: offered as did-you-mean
MAX_CANDIDATES = 5

EXACT, COMPACT, FUZZY, AMBIGUOUS, NONE = "exact", "compact", "fuzzy", "ambiguous", "none"

@dataclass(frozen=True, slots=True)
class Candidate:
    entity: Entity
    score: float  # 0-100
    matched: str  # the name or alias (or id) that scored best


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of a lookup. `entity` is set only when one entity is meant."""

    query: str
    status: str  # EXACT, COMPACT, FUZZY, AMBIGUOUS or NONE
    entity: Entity | None = None
    candidates: tuple[Candidate, ...] = ()  # ranked: the choices when ambiguous, suggestions when none

    @property
    def found(self) -> bool:
        return self.entity is not None

    @property
    def ambiguous(self) -> bool:
        return self.status == AMBIGUOUS


def _keys(entity: Entity) -> tuple[str, ...]:
    return (entity.id, *entity.names)


def _score(q: str, name: str, fuzz) -> float:
    """The fuzzy score of `name` for the normalised query `q`."""
    n = name_key(name)
    if not q or not n:
        return 0.0
    return max(
        fuzz.WRatio(q, n),
        fuzz.token_sort_ratio(q, n),
        fuzz.ratio(q.replace(" ", ""), n.replace(" ", "")),
    )


def rank(base: FactBase, query: str) -> list[Candidate]:
    """Every entity with its best fuzzy score for `query`, best first (ties by name)."""
    from rapidfuzz import fuzz

    q = name_key(query)
    ranked = []
    for entity in base.entities.values():
        score, matched = max((_score(q, name, fuzz), name) for name in _keys(entity))
        ranked.append(Candidate(entity, round(score, 1), matched))
    ranked.sort(key=lambda c: (-c.score, c.entity.name.casefold(), c.entity.id))
    return ranked


def _by_key(base: FactBase, query: str, key) -> list[Candidate]:
    want = key(query)
    if not want:
        return []
    hits = []
    for entity in base.entities.values():
        matched = next((name for name in _keys(entity) if key(name) == want), None)
        if matched is not None:
            hits.append(Candidate(entity, 100.0, matched))
    return sorted(hits, key=lambda c: (c.entity.name.casefold(), c.entity.id))


def resolve_entity(base: FactBase, query: str) -> Resolution:
    """Find the entity `query` names, forgiving case, spacing, punctuation, word order and typos."""
    if query in base.entities:
        return Resolution(query, EXACT, base.entities[query], (Candidate(base.entities[query], 100.0, query),))
    for status, key in ((EXACT, name_key), (COMPACT, name_compact)):
        hits = _by_key(base, query, key)
        if len(hits) == 1:
            return Resolution(query, status, hits[0].entity, tuple(hits))
        if hits:
            return Resolution(query, AMBIGUOUS, None, tuple(hits[:MAX_CANDIDATES]))
    ranked = rank(base, query)
    if ranked and ranked[0].score >= MATCH_CUTOFF:
        close = [c for c in ranked if c.score >= ranked[0].score - AMBIGUITY_MARGIN]
        if len(close) == 1:
            return Resolution(query, FUZZY, ranked[0].entity, tuple(ranked[:1]))
        return Resolution(query, AMBIGUOUS, None, tuple(close[:MAX_CANDIDATES]))
    suggestions = tuple(c for c in ranked[:MAX_CANDIDATES] if c.score >= SUGGEST_CUTOFF)
    return Resolution(query, NONE, None, suggestions)


def choose(resolution: Resolution, choice: str) -> Entity | None:
    """The candidate `choice` picks: its number in `resolution.candidates` (from 1) or its entity id.

    None when it picks none of them. Only the candidates can be picked: a script that pins a pick
    fails, rather than shows another entity, when the data no longer offers it."""
    choice = choice.strip()
    candidates = resolution.candidates
    if choice.isdigit():
        n = int(choice)
        return candidates[n - 1].entity if 1 <= n <= len(candidates) else None
    return next((c.entity for c in candidates if c.entity.id == choice), None)
