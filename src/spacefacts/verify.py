"""Each linked statement of a document against the fact base: agrees, conflicts or new.

The statements become claims of the document's source, added to the base, and truth.analyze
weighs them with the base's claims: the same groups, interval semantics, windows of as-of dates
and TruthFinder trust as `check`. A statement

- conflicts when a counted base claim of another side of its conflict contradicts it (the
  contradicted claims, the cause label and the side the trust model finds more likely);
- agrees when base claims about the same subject and property (same unit, overlapping as-of
  dates for a temporal property) have intervals that overlap its value, and none contradicts it;
- is new otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacefacts.extract import Extraction, Statement, to_claim
from spacefacts.model import DEPRECATED, QUANTITY, Claim, FactBase
from spacefacts.values import as_of, in_property_unit, interval

AGREES, CONFLICTS, NEW, UNLINKED = "agrees", "conflicts", "new", "unlinked"


@dataclass(frozen=True)
class Verdict:
    statement: Statement
    verdict: str  # AGREES, CONFLICTS, NEW or UNLINKED
    supporting: tuple[Claim, ...] = ()
    contradicted: tuple[Claim, ...] = ()
    cause: str = ""  # of the conflict: precision, out-of-date, error
    likely: str = ""  # the value the trust model finds more likely
    likely_document: bool = False  # ... and whether that is the document's side
    confidence: float = 0.0  # of the likely side
    explanation: str = ""


@dataclass
class Verification:
    extraction: Extraction
    verdicts: list[Verdict]

    def count(self, verdict: str) -> int:
        return sum(v.verdict == verdict for v in self.verdicts)

    @property
    def conflicts(self) -> bool:
        return any(v.verdict == CONFLICTS for v in self.verdicts)


def _unit(c: Claim, base: FactBase) -> str | None:
    prop = base.properties[c.property]
    return getattr(c.value, "unit", None) or c.unit or prop.unit


def _same_group(doc: Claim, other: Claim, base: FactBase) -> bool:
    """The base claim speaks of what the statement speaks of: same subject, property (and unit), the
    same event (key) when the statement's is known, and for a temporal property overlapping as-of dates."""
    if (other.subject, other.property) != (doc.subject, doc.property) or other.rank == DEPRECATED:
        return False
    prop = base.properties[doc.property]
    if prop.multi and doc.key is not None and other.key != doc.key:
        return False
    if prop.type == QUANTITY and _unit(doc, base) != _unit(other, base):
        return False
    if prop.temporal:
        a, b = as_of(doc, base), as_of(other, base)
        if a is not None and b is not None and not a.overlaps(b):
            return False
    return interval(other, prop) is not None


def _overlap(a: Claim, b: Claim, base: FactBase) -> bool:
    prop = base.properties[a.property]
    x, y = interval(a, prop), interval(b, prop)
    if x is None or y is None:
        return False
    if prop.type == QUANTITY:
        return a.value.overlaps(b.value)
    return x[0] <= y[1] and y[0] <= x[1]


def verify(base: FactBase, extraction: Extraction, own: bool = False) -> Verification:
    """The verdict on each statement of the extraction (unlinked statements stay unlinked).

    The claims the base already takes from the document's own source are left out (a document does
    not confirm itself), unless `own`: extract keeps them, to show what is curated already."""
    from spacefacts.truth import analyze

    src = extraction.source
    if not own:
        base = replace(base, claims=tuple(c for c in base.claims if c.source != src.id))
    linked = [st for st in extraction.statements if st.linked]
    doc_claims = {st.id: in_property_unit(to_claim(st, src.id), base) for st in linked}
    ids = set(doc_claims)
    merged = replace(base, sources={**base.sources, src.id: src}, claims=base.claims + tuple(doc_claims.values()))
    analysis = analyze(merged)
    by_claim = {}
    for conflict in analysis.conflicts:
        for side in conflict.sides:
            for c in side.claims:
                if c.id in ids:
                    by_claim.setdefault(c.id, []).append((conflict, side))
    verdicts = []
    for st in extraction.statements:
        if not st.linked:
            verdicts.append(Verdict(st, UNLINKED))
            continue
        doc = doc_claims[st.id]
        related = [c for c in base.claims if _same_group(doc, c, base)]
        supporting = tuple(c for c in related if _overlap(doc, c, base))
        contradicted: list[Claim] = []
        verdict = None
        for conflict, side in by_claim.get(st.id, []):
            mine = {c.id for c in side.claims}
            others = [c for s in conflict.sides if s is not side for c in s.claims if c.id not in ids and c.id not in mine]
            if others:
                contradicted += others
                verdict = Verdict(st, CONFLICTS, supporting, (), conflict.cause, conflict.likely.label,
                                  st.id in {c.id for c in conflict.likely.claims}, conflict.likely.confidence,
                                  conflict.explanation)
        contradicted = [c for c in dict.fromkeys(contradicted) if c not in supporting]
        if verdict is not None and contradicted:
            verdicts.append(replace(verdict, contradicted=tuple(contradicted)))
        elif supporting:
            verdicts.append(Verdict(st, AGREES, supporting))
        else:
            verdicts.append(Verdict(st, NEW))
    return Verification(extraction, verdicts)
