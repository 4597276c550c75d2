"""Entity checks: possible duplicates (SF401) and aliases shared by two entities (SF402).

Duplicate search uses blocking so it stays fast on 10k entities: each normalised
name or alias joins the blocks of its two rarest words and of its first six
letters without spaces (see _blocks); only names sharing a block and holding the
same numbers are scored, each query against the rest of its block in one
rapidfuzz.process.extract call.
A block of more than BLOCK_LIMIT names is a common word and is skipped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacefacts.checks.context import Context
from spacefacts.diagnostics import Diagnostic, diagnostic
from spacefacts.index import Index
from spacefacts.model import FactBase

BLOCK_LIMIT = 200  # names per block; a larger block is a common word, not a candidate set
RARE_TOKENS = 2
PREFIX = 6


def _distinct(base: FactBase, a: str, b: str) -> bool:
    ea, eb = base.entities.get(a), base.entities.get(b)
    return bool((ea and b in ea.distinct_from) or (eb and a in eb.distinct_from))


def check_alias_clash(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF402: one normalised name shared by two entities."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for norm, eid, written in ctx.index_of(base).entity_names:
        owners[norm].append((eid, written))
    for norm, items in owners.items():
        ids = [eid for eid, _ in items]
        for i in range(1, len(ids)):  # report each later owner against the first
            if ids[i] != ids[0] and not _distinct(base, ids[0], ids[i]):
                a, b = base.entities[ids[0]], base.entities[ids[i]]
                yield diagnostic("SF402", f"'{items[i][1]}' names both '{a.id}' and '{b.id}'", b.location,
                                 (a.id, b.id), related=(a.location,))


def _numbers(norm: str) -> frozenset[str]:
    """Tokens holding a digit: "long march 6" and "long march 12a" name different members of a series."""
    return frozenset(t for t in norm.split() if not t.isalpha() and any(ch.isdigit() for ch in t))


_GREEK = frozenset(
    "alp bet gam del eps zet eta the iot kap lam mu nu xi omi pi rho sig tau ups phi chi psi ome "
    "alpha beta gamma delta epsilon zeta theta iota kappa lambda omicron sigma upsilon omega".split())
_ROMAN = re.compile(r"[ivxlc]+")


def _strong(token: str) -> bool:
    """A number, a Greek letter (COSPAR's 1958 BET) or a Roman numeral."""
    return any(ch.isdigit() for ch in token) or token in _GREEK or _ROMAN.fullmatch(token) is not None


def _series(a: str, b: str) -> bool:
    """Two normalised names of one series: the same words once their designations are set aside, and
    different designations ("launch 1958 alp" / "launch 1958 bet" / "launch 1958 a bet", "vanguard i" /
    "vanguard ii", "transit va 1" / "transit ve 1"). A designation is a number, Greek letter or Roman
    numeral, or, in a name that holds a number, a word of one or two letters."""
    ta, tb = a.split(), b.split()
    numbered = any(ch.isdigit() for ch in a) and any(ch.isdigit() for ch in b)

    def designation(t: str) -> bool:
        return _strong(t) or (numbered and len(t) <= 2 and t not in _LEGAL)

    words_a = [t for t in ta if not designation(t)]
    words_b = [t for t in tb if not designation(t)]
    return bool(words_a) and words_a == words_b and [t for t in ta if designation(t)] != [
        t for t in tb if designation(t)]


def _comparable_lengths(a: int, b: int) -> bool:
    """token_set_ratio scores 100 whenever one name's words are a subset of the other's; only trust it
    when the shorter name has at least 3/4 of the longer one's words ("X Group" / "X Group Co.")."""
    return min(a, b) >= 2 and min(a, b) >= 0.75 * max(a, b)


_LEGAL = frozenset({"co", "ltd", "inc", "corp", "corporation", "company", "limited", "llc", "plc", "group",
                    "holding", "holdings", "gmbh", "sa", "ag"})


def _core(norm: str) -> str:
    """A normalised name without legal-form words ("co", "ltd", "group"...), for scoring only."""
    words = [w for w in norm.split() if w not in _LEGAL]
    return " ".join(words) if words else norm


def _blocks(names: list[tuple[str, str, str]], cores: list[str]) -> list[list[int]]:
    """Candidate blocks: each name joins the blocks of its RARE_TOKENS rarest words (longer than two
    letters) and of the first PREFIX letters of its spaceless form (catches "Chang Guang" / "Changguang"
    and typos after the prefix). Blocks larger than BLOCK_LIMIT are dropped."""
    tokens = [{t for t in core.split() if len(t) > 2} or {norm} for (norm, _e, _w), core in zip(names, cores)]
    freq: dict[str, int] = defaultdict(int)
    for toks in tokens:
        for t in toks:
            freq[t] += 1
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        for t in sorted(toks, key=lambda t: (freq[t], t))[:RARE_TOKENS]:
            blocks["w:" + t].append(i)
        blocks["p:" + names[i][0].replace(" ", "")[:PREFIX]].append(i)
    return [m for m in blocks.values() if 1 < len(m) <= BLOCK_LIMIT]


def _scan(members: list[int], scorer, threshold: float, cores: list[str], numbers: list[frozenset[str]], keep,
          accept=None) -> None:
    """Score every pair of a block whose names hold the same numbers (_numbers: names of different numbers are
    never duplicates, so such pairs are not scored), each query against the later names of its numbers in one
    C call; keep(i, j, score) each pair of names that scores at least `threshold` (and that accept(i, j), when
    given), in the order scoring all the block's later names found them (extract lists ties by position)."""
    from rapidfuzz import process

    if len(members) < 2:
        return
    texts = [cores[i] for i in members]
    groups: dict[frozenset[str], list[int]] = {}  # the block's positions by their name's numbers
    place = []  # each position's group and its index in it
    for x, i in enumerate(members):
        group = groups.setdefault(numbers[i], [])
        place.append((group, len(group)))
        group.append(x)
    for x, (group, k) in enumerate(place):
        later = group[k + 1:]  # (x + 1, x + 2, ... in a block of names of one numbers: most blocks)
        if not later:
            continue
        i = members[x]
        for _text, score, n in process.extract(texts[x], [texts[y] for y in later], scorer=scorer,
                                               score_cutoff=threshold, limit=None):
            j = members[later[n]]
            if accept is None or accept(i, j):
                keep(i, j, score)


def duplicate_pairs(base: FactBase, threshold: float | None = None,
                    index: Index | None = None) -> list[tuple[str, str, float, str, str]]:
    """Pairs (id_a, id_b, score, name_a, name_b) of entities with near-duplicate names, best score per pair
    (the names from the run's index when given; an index with earlier runs' results reuses the pairs
    found for the same names, kinds and threshold)."""
    threshold = base.settings.duplicate_threshold if threshold is None else threshold
    names = (index or Index(base)).entity_names
    kinds = {e.id: e.kind for e in base.entities.values()}
    results = index.results if index is not None else None
    if results is not None:  # a check run keeps the pairs for the same names (resultcache.py)
        what = (threshold, names, [kinds[eid] for _n, eid, _w in names])
        return results.reuse("SF401", what, lambda: _pairs(names, kinds, threshold), _is_pairs)
    return _pairs(names, kinds, threshold)


def _is_pairs(value: object) -> bool:
    """Whether a kept value has the shape of duplicate_pairs' result."""
    return type(value) is list and all(
        type(p) is tuple and len(p) == 5 and type(p[2]) is float and all(type(x) is str for x in (*p[:2], *p[3:]))
        for p in value)


def _pairs(names: list[tuple[str, str, str]], kinds: dict[str, str],
           threshold: float) -> list[tuple[str, str, float, str, str]]:
    """duplicate_pairs of these names (Index.entity_names) and entity kinds."""
    from rapidfuzz import fuzz

    numbers = [_numbers(norm) for norm, _e, _w in names]
    # _scan scores only names of the same numbers: a name whose numbers no other name holds is never scored,
    # and left out of the blocks it joins (after blocking, which counts every name)
    held = Counter(numbers)
    scored = [held[n] > 1 for n in numbers]
    if not any(scored):
        return []
    cores = [_core(norm) for norm, _e, _w in names]  # scored forms, once per name
    # token_sort_ratio is ratio of the words sorted: sorted once per name here, not once per pair
    sorted_cores = [" ".join(sorted(core.split())) for core in cores]
    words = [len(core.split()) for core in cores]
    blocks = [[i for i in members if scored[i]] for members in _blocks(names, cores)]
    best: dict[tuple[str, str], tuple[float, str, str]] = {}

    def keep(i: int, j: int, score: float) -> None:
        (ni, ei, wi), (nj, ej, wj) = names[i], names[j]
        if ei == ej or ni == nj or _series(ni, nj):  # same entity; SF402's; a series (_scan: same numbers)
            return
        pair, shown = ((ei, ej), (wi, wj)) if ei < ej else ((ej, ei), (wj, wi))
        if pair not in best or score > best[pair][0]:
            best[pair] = (score, *shown)

    def comparable(i: int, j: int) -> bool:
        return _comparable_lengths(words[i], words[j])

    for members in blocks:
        _scan(members, fuzz.ratio, threshold, sorted_cores, numbers, keep)  # token_sort_ratio of `cores`
        by_kind: dict[str, list[int]] = defaultdict(list)  # token_set only within one kind (see R401)
        for i in members:
            if words[i] >= 2:
                by_kind[kinds[names[i][1]]].append(i)
        for same in by_kind.values():
            _scan(same, fuzz.token_set_ratio, threshold, cores, numbers, keep, comparable)
    return sorted((a, b, s, wa, wb) for (a, b), (s, wa, wb) in best.items())


def check_duplicates(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF401: possible duplicate entities, unless declared distinct."""
    for a, b, score, wa, wb in duplicate_pairs(base, index=ctx.index_of(base)):
        if _distinct(base, a, b):
            continue
        ea, eb = base.entities[a], base.entities[b]
        first, second = sorted((ea, eb), key=lambda e: e.location.line)
        yield diagnostic("SF401", f"entities '{ea.id}' ('{wa}') and '{eb.id}' ('{wb}') may be the same "
                         f"(similarity {score:.0f}); merge them or declare distinct_from",
                         second.location, (ea.id, eb.id), related=(first.location,), data={"score": score})
