"""SF401: names whose numbers no other name holds are never scored, and a run without two names of the same
numbers scores nothing; the pairs found are the full path's (every block scanned, as before)."""

from __future__ import annotations

from test_rules_fast import _all_pairs_of_blocks, _numbered_entities

from spacefacts.checks.entities import duplicate_pairs
from spacefacts.index import Index
from spacefacts.loader import load_text


def _entities(names: list[str]) -> str:
    text = '[sources.a]\ntitle = "A"\n'
    for k, name in enumerate(names):
        text += f'[entities.e{k}]\nname = "{name}"\nkind = "vehicle"\n'
    return text


def _same_as_full_path(text: str) -> list:
    base, _ = load_text(text)
    names = Index(base).entity_names
    kinds = {e.id: e.kind for e in base.entities.values()}
    got = {}
    for threshold in (70.0, 85.0, 100.0):
        got[threshold] = duplicate_pairs(base, threshold)
        assert got[threshold] == _all_pairs_of_blocks(names, kinds, threshold), threshold
    return got[70.0]


def test_names_each_of_its_own_numbers_are_no_duplicates():
    # "Long March 0" ... "Long March 59": alike, but each holds numbers no other name holds
    assert _same_as_full_path(_entities([f"Long March {k}" for k in range(60)])) == []


def test_names_of_shared_numbers_among_names_of_their_own_are_scored():
    # the names of their own numbers share the blocks (and the word counts) of the names that pair
    names = [f"Long March {k}" for k in range(60)] + ["Long March 5", "Long-March 5 Group", "Chang Guang 7",
                                                        "Changguang 7", "Tian Star 7 Co"]
    pairs = _same_as_full_path(_entities(names))
    assert {(a, b) for a, b, *_ in pairs} >= {("e5", "e61"), ("e62", "e63")}


def test_generated_names_with_names_of_their_own_numbers():
    text = _numbered_entities(200, 7) + _entities([f"Galaxy Star Link {k}" for k in range(100, 160)]).replace(
        '[sources.a]\ntitle = "A"\n', "").replace("[entities.e", "[entities.u")
    assert _same_as_full_path(text)
