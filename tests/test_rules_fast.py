"""Fast paths of the consistency and entity checks give the full path's answer."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from conftest import EXT, FACTS, invoke
from spacefacts.checks.entities import (
    _blocks,
    _comparable_lengths,
    _core,
    _numbers,
    _series,
    duplicate_pairs,
)
from spacefacts.index import Index
from spacefacts.loader import load_file, load_text

LAUNCHLOG = Path(__file__).parent / "fixtures" / "launchlog" / "launchlog-2020-02.txt"
FULL_LAUNCHLOG = EXT / "launches" / "mcdowell-launchlog-2020-02" / "launchlog.txt"


def _all_pairs_of_blocks(names, kinds, threshold):
    """duplicate_pairs as it was before _scan left out the pairs of names holding different numbers: each
    query scored against every later name of its block, the numbers compared when a pair is kept."""
    from rapidfuzz import fuzz, process

    cores = [_core(norm) for norm, _e, _w in names]
    sorted_cores = [" ".join(sorted(core.split())) for core in cores]
    words = [len(core.split()) for core in cores]
    best = {}

    def keep(i, j, score):
        (ni, ei, wi), (nj, ej, wj) = names[i], names[j]
        if ei == ej or ni == nj or _numbers(ni) != _numbers(nj) or _series(ni, nj):
            return
        pair, shown = ((ei, ej), (wi, wj)) if ei < ej else ((ej, ei), (wj, wi))
        if pair not in best or score > best[pair][0]:
            best[pair] = (score, *shown)

    def scan(members, scorer, texts, accept=None):
        for x in range(len(members) - 1):
            rest = [texts[j] for j in members[x + 1:]]
            for _t, score, k in process.extract(texts[members[x]], rest, scorer=scorer, score_cutoff=threshold,
                                                limit=None):
                i, j = members[x], members[x + 1 + k]
                if accept is None or accept(i, j):
                    keep(i, j, score)

    for members in _blocks(names, cores):
        scan(members, fuzz.ratio, sorted_cores)
        by_kind = defaultdict(list)
        for i in members:
            if words[i] >= 2:
                by_kind[kinds[names[i][1]]].append(i)
        for same in by_kind.values():
            scan(same, fuzz.token_set_ratio, cores, lambda i, j: _comparable_lengths(words[i], words[j]))
    return sorted((a, b, s, wa, wb) for (a, b), (s, wa, wb) in best.items())


def _numbered_entities(n: int, seed: int) -> str:
    """Entities whose names share words and differ (or not) by numbers, Roman numerals and legal words,
    with aliases: many pairs score alike, some of one entity pair by several names."""
    rng = random.Random(seed)
    words = ["Long", "March", "Chang", "Guang", "Space", "Galaxy", "Star", "Link", "Star-Link", "Tian"]
    marks = ["", "1", "2", "12A", "II", "IV", "2B", "Co", "Ltd", "Group"]
    text = '[sources.a]\ntitle = "A"\n'
    for k in range(n):
        def name():
            return " ".join([*rng.sample(words, rng.randint(1, 3)), rng.choice(marks), rng.choice(marks)]).strip()
        aliases = ", ".join(f'"{name()}"' for _ in range(rng.randint(0, 2)))
        text += (f'[entities.e{k}]\nname = "{name()}"\nkind = "{rng.choice(["company", "vehicle"])}"\n'
                 f"aliases = [{aliases}]\n")
    return text


def test_sf401_pairs_of_different_numbers_left_unscored_change_no_pair(tmp_path):
    # the shipped file, generated names, and a launch log import (numbered satellites and stages: the full
    # log's 6k entities when ../shared is there, else the excerpt)
    log = FULL_LAUNCHLOG if FULL_LAUNCHLOG.exists() else LAUNCHLOG
    imported = tmp_path / "facts.toml"
    assert invoke("import", "launchlog", str(log), "--source", "jsr", "-o", str(imported)).exit_code == 0
    bases = [load_file(FACTS)[0], load_text(_numbered_entities(250, 1))[0], load_text(_numbered_entities(150, 2))[0],
             load_file(imported)[0]]
    for base in bases:
        names = Index(base).entity_names
        kinds = {e.id: e.kind for e in base.entities.values()}
        found_some = False
        for threshold in (70.0, 85.0, 100.0):
            got = duplicate_pairs(base, threshold)
            assert got == _all_pairs_of_blocks(names, kinds, threshold), threshold
            found_some = found_some or len(got) > 10
        assert found_some or log is LAUNCHLOG, len(names)


def test_sf401_scores_no_pair_of_names_holding_different_numbers(monkeypatch):
    # "Star 1" and "Star 2" are never duplicates (_numbers): their pair is not scored at all
    from rapidfuzz import process

    scored = []
    extract = process.extract

    def spy(query, choices, **kw):
        scored.extend((query, c) for c in choices)
        return extract(query, choices, **kw)

    monkeypatch.setattr(process, "extract", spy)
    base, _ = load_text(_numbered_entities(150, 3))
    assert duplicate_pairs(base, 70.0)
    assert scored and all(_numbers(a) == _numbers(b) for a, b in scored)
