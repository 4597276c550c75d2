"""Ranked fuzzy search over what claims say: values, quotes and notes. Pure functions.

Each claim is scored against the query field by field with rapidfuzz: the best of
partial_ratio (the query appears inside a longer text, typos forgiven; plain
ratio when the text is shorter than the query) and, when every query word is in
the text, token_set_ratio (the same words in any order), after rapidfuzz's default
processing (lowercase, punctuation to spaces). A claim scoring at least
SEARCH_CUTOFF is a hit; hits are ranked by score, then by subject and claim id.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacefacts.model import Claim, FactBase
from spacefacts.timeline import property_of, value_text

SEARCH_CUTOFF = 70.0
FIELDS = ("value", "quote", "note")


@dataclass(frozen=True, slots=True)
class Hit:
    claim: Claim
    subject_name: str
    label: str  # the property's label
    field: str  # the best-matching field: one of FIELDS
    text: str  # that field's text
    score: float  # 0-100


def _fields(base: FactBase, claim: Claim) -> list[tuple[str, str]]:
    value = value_text(base, claim)
    raw = str(claim.raw) if claim.raw is not None else ""
    fields = [("value", value)]
    if raw and raw != value:
        fields.append(("value", raw))
    fields += [("quote", claim.quote), ("note", claim.note)]
    return [(name, text) for name, text in fields if text]


def _score(q: str, t: str, fuzz) -> float:
    # partial_ratio aligns the shorter string inside the longer one, so a short value
    # would "contain" a long query: only let the query be the part, else compare whole.
    score = fuzz.partial_ratio(q, t) if len(t) >= len(q) else fuzz.ratio(q, t)
    if set(q.split()) <= set(t.split()):  # every query word present, in any order
        score = max(score, fuzz.token_set_ratio(q, t))
    return score


def search(base: FactBase, query: str, limit: int | None = 20, cutoff: float = SEARCH_CUTOFF) -> list[Hit]:
    """Claims whose value, quote or note match `query`, best first; at most `limit` (None: all)."""
    from rapidfuzz import fuzz, utils

    q = utils.default_process(query)
    if not q:
        return []
    hits = []
    for claim in base.claims:
        best = None
        for name, text in _fields(base, claim):
            t = utils.default_process(text)
            score = _score(q, t, fuzz) if t else 0.0
            if best is None or score > best[0]:
                best = (score, name, text)
        if best and best[0] >= cutoff:
            entity = base.entities.get(claim.subject)
            label = property_of(base, claim.property).label or claim.property
            hits.append(Hit(claim, entity.name if entity else claim.subject, label, best[1], best[2],
                            round(best[0], 1)))
    hits.sort(key=lambda h: (-h.score, h.subject_name.casefold(), h.claim.id))
    return hits if limit is None else hits[: max(limit, 0)]
