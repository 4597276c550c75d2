"""Entity checks: possible duplicates (SF401) and aliases shared by two entities (SF402).

Duplicate search uses blocking so it stays fast on 10k entities: every normalised
name or alias is put in blocks keyed by each of its tokens (tokens longer than
two characters, or the whole name when it has none); only names sharing a block
are scored with rapidfuzz (see R401 for the scores). Blocks
larger than BLOCK_LIMIT (very common words such as "china" or "satellite") are
skipped for that token: two names that share only common words are not reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacefacts.checks import Context, check, rule
from spacefacts.diagnostics import Diagnostic, Severity, diagnostic
from spacefacts.model import FactBase
from spacefacts.truth import normalize_text

BLOCK_LIMIT = 50

R401 = rule("SF401", "possible-duplicate-entity", Severity.WARNING,
            "Two entities have near-identical names or aliases.", """
## What it does
Compares every entity's name and aliases, after normalising case, accents, punctuation and spaces,
with rapidfuzz's token-aware scores (0-100): `token_sort_ratio`, and also `token_set_ratio` when both
entities have the same kind and both names have two words or more (so "Spacesail" the company and
"Spacesail Constellation" are not matched just because one name contains the other).
Two entities scoring at least `duplicate_threshold` (settings, default 90) are reported, unless either
lists the other in `distinct_from`. Names are blocked by shared words so the check stays fast on
10,000 entities; names sharing only words used by more than 50 names are not compared.

## Why it matters
The same company entered twice splits its claims: conflicts between them go unseen and timelines
show it twice.

## Example
```toml
[entities.satnet]
name = "China Satellite Network Group"
kind = "company"

[entities.csng]
name = "China Satellite Network Group Co."
kind = "company"
```

## How to fix
Merge the two entities (move the claims to one id and keep the other name as an alias), or declare them
distinct: `distinct_from = ["csng"]`.
""", stage="check")

R402 = rule("SF402", "alias-clash", Severity.WARNING,
            "The same name or alias (normalised) belongs to two entities.", """
## What it does
Reports a name or alias that, after normalising case, accents, punctuation and spaces, is a name or
alias of another entity too, unless either entity lists the other in `distinct_from`.

## Why it matters
Lookups by name (`--entity`, entity-valued claims) become ambiguous.

## Example
```toml
[entities.cas-space]
name = "CAS Space"
kind = "company"
aliases = ["Zhongke Yuhang"]

[entities.zkyh]
name = "Zhongke Yuhang"
kind = "company"
```

## How to fix
Remove the alias from the entity it does not belong to, merge the entities, or declare them distinct.
""", stage="check")


def _distinct(base: FactBase, a: str, b: str) -> bool:
    ea, eb = base.entities.get(a), base.entities.get(b)
    return bool((ea and b in ea.distinct_from) or (eb and a in eb.distinct_from))


def _names(base: FactBase) -> list[tuple[str, str, str]]:
    """(normalised name, entity id, name as written) for every name and alias."""
    out = []
    for ent in base.entities.values():
        seen = set()
        for name in ent.names:
            norm = normalize_text(name)
            if norm and norm not in seen:
                seen.add(norm)
                out.append((norm, ent.id, name))
    return out


@check(R402)
def check_alias_clash(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF402: one normalised name shared by two entities."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for norm, eid, written in _names(base):
        owners[norm].append((eid, written))
    for norm, items in owners.items():
        ids = [eid for eid, _ in items]
        for i in range(1, len(ids)):  # report each later owner against the first
            if ids[i] != ids[0] and not _distinct(base, ids[0], ids[i]):
                a, b = base.entities[ids[0]], base.entities[ids[i]]
                yield diagnostic("SF402", f"'{items[i][1]}' names both '{a.id}' and '{b.id}'", b.location,
                                 (a.id, b.id), related=(a.location,))


def duplicate_pairs(base: FactBase, threshold: float | None = None) -> list[tuple[str, str, float, str, str]]:
    """Pairs (id_a, id_b, score, name_a, name_b) of entities with near-duplicate names, best score per pair."""
    from rapidfuzz import fuzz

    threshold = base.settings.duplicate_threshold if threshold is None else threshold
    names = _names(base)
    kinds = {e.id: e.kind for e in base.entities.values()}
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, (norm, _eid, _w) in enumerate(names):
        tokens = {t for t in norm.split() if len(t) > 2} or {norm}
        for tok in tokens:
            blocks[tok].append(i)
    best: dict[tuple[str, str], tuple[float, str, str]] = {}
    compared: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > BLOCK_LIMIT:
            continue
        for x in range(len(members)):
            i = members[x]
            ni, ei, wi = names[i]
            for j in members[x + 1:]:
                nj, ej, wj = names[j]
                if ei == ej or (i, j) in compared:
                    continue
                compared.add((i, j))
                score = fuzz.token_sort_ratio(ni, nj, score_cutoff=threshold)
                if kinds[ei] == kinds[ej] and min(len(ni.split()), len(nj.split())) >= 2:
                    score = max(score, fuzz.token_set_ratio(ni, nj, score_cutoff=threshold))
                if score >= threshold and ni != nj:  # identical names are SF402
                    pair = (ei, ej) if ei < ej else (ej, ei)
                    if pair not in best or score > best[pair][0]:
                        best[pair] = (score, wi, wj) if ei < ej else (score, wj, wi)
    return sorted((a, b, s, wa, wb) for (a, b), (s, wa, wb) in best.items())


@check(R401)
def check_duplicates(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF401: possible duplicate entities, unless declared distinct."""
    for a, b, score, wa, wb in duplicate_pairs(base):
        if _distinct(base, a, b):
            continue
        ea, eb = base.entities[a], base.entities[b]
        first, second = sorted((ea, eb), key=lambda e: e.location.line)
        yield diagnostic("SF401", f"entities '{ea.id}' ('{wa}') and '{eb.id}' ('{wb}') may be the same "
                         f"(similarity {score:.0f}); merge them or declare distinct_from",
                         second.location, (ea.id, eb.id), related=(first.location,), data={"score": score})
