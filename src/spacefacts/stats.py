"""Figures about a fact base for `spacefacts stats`. Pure: computes a dataclass, prints nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacefacts.model import FactBase

UNKNOWN = "(unknown)"


@dataclass(frozen=True, slots=True)
class Stats:
    """Claim counts of one fact base. Count tables are (name, count), largest first."""

    path: str
    claims: int
    sources: int
    entities: int
    by_source: tuple[tuple[str, int], ...]
    by_entity_kind: tuple[tuple[str, int], ...]
    by_property: tuple[tuple[str, int], ...]
    verified: int | None  # claims whose quote was found in local text; None when no text was available
    checkable: int  # claims with a quote and a readable local text
    # per source with a readable local text: (source, claims whose quote was found, claims with a quote),
    # in the order of by_source; empty when no text was available
    verified_by_source: tuple[tuple[str, int, int], ...]
    sources_without_claims: tuple[str, ...]
    entities_without_claims: tuple[str, ...]  # neither the subject nor a value of any claim

    @property
    def verified_share(self) -> float | None:
        """Verified claims as a share of all claims (None without texts or claims)."""
        if self.verified is None or not self.claims:
            return None
        return self.verified / self.claims


def _table(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _values(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _verified_by_source(base: FactBase, per_claim: list, texts: dict, order: tuple[tuple[str, int], ...]
                        ) -> tuple[tuple[str, int, int], ...]:
    """(source, quotes found, claims with a quote) for each source with a readable text, in `order`.
    `per_claim` is match_quotes' list: None for a source without a text, UNCHECKED for no quote."""
    from spacefacts.quotes import UNCHECKED

    found: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    for claim, m in zip(base.claims, per_claim):
        if m is not None and m is not UNCHECKED:
            quoted[claim.source] += 1
            found[claim.source] += m.found
    with_text = {sid for sid, st in texts.items() if st.text is not None}
    return tuple((sid, found[sid], quoted[sid]) for sid, _ in order if sid in with_text)


def compute_stats(base: FactBase, texts_dir: str | None = None) -> Stats:
    """Count claims per source, entity kind and property; find unused sources and entities;
    measure how many quotes were verified against local texts (found beside the fact file or
    in `texts_dir`; see quotes.py)."""
    from spacefacts.quotes import find_source_texts, has_texts, match_quotes, quote_matches, verified_claims

    by_source: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_property: Counter[str] = Counter()
    used_entities: set[str] = set()
    for claim in base.claims:
        by_source[claim.source if claim.source in base.sources else UNKNOWN] += 1
        ent = base.entities.get(claim.subject)
        by_kind[ent.kind if ent else UNKNOWN] += 1
        by_property[claim.property] += 1
        used_entities.add(claim.subject)
        used_entities.update(v for v in _values(claim.value) if v in base.entities)
    texts = find_source_texts(base, texts_dir)[0]
    per_claim = match_quotes(base, texts)
    matches = quote_matches(base, per_claim)
    by_source_table = _table(by_source)
    return Stats(
        path=base.path,
        claims=len(base.claims),
        sources=len(base.sources),
        entities=len(base.entities),
        by_source=by_source_table,
        by_entity_kind=_table(by_kind),
        by_property=_table(by_property),
        verified=len(verified_claims(base, per_claim)) if has_texts(texts) else None,
        checkable=sum(m is not None for m in matches.values()),
        verified_by_source=_verified_by_source(base, per_claim, texts, by_source_table),
        sources_without_claims=tuple(sorted(s for s in base.sources if s not in by_source)),
        entities_without_claims=tuple(sorted(e for e in base.entities if e not in used_entities)),
    )


__all__ = ["Stats", "compute_stats"]
