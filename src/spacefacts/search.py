"""Ranked search over what claims say: values, quotes and notes. Pure functions.

Numbers are matched as numbers. When the query holds numbers written with digits ("13,000",
"13000", "13 000", "13 thousand", "6.7 billion", "13k"), a claim matches one when its value, quote
or note states it with digits in any of those forms (quantities.numbers_in_text, plus groups of
three digits parted by spaces), scoring 100; or when its quantity value is an interval containing
it, scoring NUMBER_SCORE / (1 + width / number): "around 13,000" contains 12,800 with 84, while a
loose "over 1,000" (infinitely wide) or "fewer than 30,000" (from 0) falls below the cutoff. The
words left in the query, if any, must match as text too; the claim's score is the lower of the
two. Claims that match every number so are *number hits* and come first.

Every other claim is matched as text with rapidfuzz, field by field: the best of partial_ratio
(the query appears inside a longer text, typos forgiven; plain ratio when the text is shorter than
the query) and, when every query word is in the text, token_set_ratio (the same words in any
order), after rapidfuzz's default processing (lowercase, punctuation to spaces). These *text hits*
follow the number hits: "over 1,000" still turns up for "13,000", after the claims that say 13,000.

A claim scoring at least SEARCH_CUTOFF is a hit; hits are ranked number hits first, then by
score, then by subject and claim id.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacefacts.model import Claim, FactBase
from spacefacts.timeline import property_of, value_text

SEARCH_CUTOFF = 70.0
NUMBER_SCORE = 90.0  # an interval containing the number, at zero width; equal numbers score 100
FIELDS = ("value", "quote", "note")

# Digits grouped by spaces ("13 000", also no-break and thin spaces): joined with commas, which
# numbers_in_text reads. Not after a digit, "." or ",", so "in 2021 300 satellites" stays two numbers.
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])")
# A number as numbers_in_text reads it with digits, with its scale word: removed from the query's words.
_NUMERAL = re.compile(r"\d[\d,.]*(?:\s?(?:thousand|million|billion|trillion|bn|mn|mln|tn|k)\b)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hit:
    claim: Claim
    subject_name: str
    label: str  # the property's label
    field: str  # the best-matching field: one of FIELDS
    text: str  # that field's text
    score: float  # 0-100
    by_number: bool = False  # every number of the query matched as a number (see the module doc)


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


def _join_groups(text: str) -> str:
    """"13 000" -> "13,000" (see _SPACED)."""
    return _SPACED.sub(lambda m: re.sub(r"\s", ",", m[0]), text)


def numbers(text: str) -> list[float]:
    """The numbers a text states with digits (quantities.numbers_in_text: 13,000 / 13000 / 13 thousand /
    6.7 billion / 13k), digits grouped by spaces (13 000) included."""
    from spacefacts.quantities import numbers_in_text

    return numbers_in_text(_join_groups(text), words=False)


def split_query(query: str) -> tuple[list[float], str]:
    """The numbers a query states with digits, and the rest of it (its words)."""
    return numbers(query), _NUMERAL.sub(" ", _join_groups(query))


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _digits(n: float) -> re.Pattern:
    """What any text stating n with digits contains: its significant digits, perhaps with a separator
    between them (13000: "13" in "13,000" and "13 thousand"; 1300: "1,3" in "1,300"). A quick test that
    spares reading the numbers of almost every text."""
    mantissa = f"{abs(n):.15g}".split("e")[0]
    significant = re.sub(r"\D", "", mantissa).strip("0") or "0"
    return re.compile("[,. \u00a0\u202f\u2009]?".join(significant))


def _number_score(n: float, digits: re.Pattern, claim: Claim, fields: list[tuple[str, str]]) -> tuple[float, int]:
    """How well a claim matches the number n (see the module doc), and the index of the field saying it."""
    for i, (_name, text) in enumerate(fields):
        if digits.search(text) and any(_same(n, x) for x in numbers(text)):
            return 100.0, i
    v = claim.value
    if hasattr(v, "low") and hasattr(v, "contains") and v.contains(n):
        width = v.high - v.low
        return (NUMBER_SCORE / (1.0 + width / abs(n)) if n and math.isfinite(width) else 0.0), 0
    return 0.0, 0


def _by_number(claim: Claim, fields: list[tuple[str, str]], wanted: list[tuple[float, re.Pattern]]
               ) -> tuple[float, str, str]:
    """(score, field, text): how well the claim matches every number of the query (the worst of them),
    and the field that states the first."""
    score, where = 100.0, None
    for n, digits in wanted:
        s, i = _number_score(n, digits, claim, fields)
        score = min(score, s)
        if where is None:
            where = i
        if not score:
            break
    return (score, *fields[where or 0])


def _by_text(q: str, fields: list[tuple[str, str]], fuzz, process) -> tuple[float, str, str]:
    """(score, field, text) of the field that best matches the processed query `q` as text (fields: not empty)."""
    best = (-1.0, "", "")
    for name, text in fields:
        t = process(text)
        score = _score(q, t, fuzz) if t else 0.0
        if score > best[0]:
            best = (score, name, text)
    return best


def search(base: FactBase, query: str, limit: int | None = 20, cutoff: float = SEARCH_CUTOFF) -> list[Hit]:
    """Claims whose value, quote or note match `query`, number hits first, best first (see the module
    doc); at most `limit` (None: all)."""
    from rapidfuzz import fuzz, utils

    process = utils.default_process
    q = process(query)
    if not q:
        return []
    numbers_wanted, words = split_query(query)
    wanted = [(n, _digits(n)) for n in numbers_wanted]
    words = process(words)
    hits = []
    for claim in base.claims:
        fields = _fields(base, claim)
        if not fields:
            continue
        by_number = False
        if wanted:
            best = _by_number(claim, fields, wanted)
            if best[0] >= cutoff and words:  # the words beside the numbers must match too
                best = (min(best[0], _by_text(words, fields, fuzz, process)[0]), *best[1:])
            by_number = best[0] >= cutoff
        if not by_number:
            best = _by_text(q, fields, fuzz, process)
        if best[0] >= cutoff:
            entity = base.entities.get(claim.subject)
            label = property_of(base, claim.property).label or claim.property
            hits.append(Hit(claim, entity.name if entity else claim.subject, label, best[1], best[2],
                            round(best[0], 1), by_number))
    hits.sort(key=lambda h: (not h.by_number, -h.score, h.subject_name.casefold(), h.claim.id))
    return hits if limit is None else hits[: max(limit, 0)]
