"""resolve.resolve_entity: exact, compact, fuzzy, ambiguous and no-match lookups."""

from __future__ import annotations

import pytest

from spacefacts.loader import load_text
from spacefacts.resolve import AMBIGUOUS, COMPACT, EXACT, FUZZY, NONE, resolve_entity
from spacefacts.text import name_compact, name_key

ENTITIES = """
[entities.satnet]
name = "China Satellite Network Group"
kind = "company"
aliases = ["SatNet", "China SatNet", "Xingwang", "CSNG"]

[entities.guowang]
name = "Guowang"
kind = "constellation"

[entities.spacesail]
name = "Spacesail Constellation"
kind = "constellation"
aliases = ["Spacesail", "Qianfan"]

[entities.spacecom]
name = "Shanghai Spacecom Satellite Technology Ltd."
kind = "company"
aliases = ["Spacecom"]

[entities.landspace]
name = "LandSpace"
kind = "company"

[entities.casc]
name = "China Aerospace Science and Technology Corporation"
kind = "company"
aliases = ["CASC"]

[entities.casic]
name = "China Aerospace Science and Industry Corporation"
kind = "company"
aliases = ["CASIC"]
"""


@pytest.fixture(scope="module")
def base():
    base, _ = load_text(ENTITIES, "t.toml")
    return base


def test_normalise_and_compact():
    assert name_key("  China_SatNet, Co.  ") == "china satnet co"
    assert name_compact("Guo Wang") == name_compact("guowang") == "guowang"
    assert name_key("ＳａｔＮｅｔ") == "satnet"  # full-width forms fold


def test_accents_are_forgiven_like_case(base):
    """One name key for lookup and for comparing values: accents fold here as they do in truth."""
    res = resolve_entity(base, "Guówáng")
    assert res.status == EXACT and res.entity.id == "guowang"


@pytest.mark.parametrize(
    "query, entity, status",
    [
        ("satnet", "satnet", EXACT),  # the id
        ("Xingwang", "satnet", EXACT),  # an alias
        ("china satnet", "satnet", EXACT),  # case
        ("CHINA   SATNET", "satnet", EXACT),  # spacing
        ("qianfan", "spacesail", EXACT),
        ("guo wang", "guowang", COMPACT),  # spacing inside a word
        ("Land Space", "landspace", COMPACT),
        ("Spacesial", "spacesail", FUZZY),  # a typo
        ("Network Group China Satellite", "satnet", FUZZY),  # word order
        ("Xingwnag", "satnet", FUZZY),
    ],
)
def test_finds_the_entity(base, query, entity, status):
    res = resolve_entity(base, query)
    assert res.found and res.entity.id == entity
    assert res.status == status


def test_ambiguous_lists_ranked_candidates(base):
    res = resolve_entity(base, "China Aerospace Science")
    assert res.status == AMBIGUOUS and not res.found
    ids = [c.entity.id for c in res.candidates]
    assert set(ids[:2]) == {"casc", "casic"}
    scores = [c.score for c in res.candidates]
    assert scores == sorted(scores, reverse=True)


def test_shared_alias_is_ambiguous():
    text = ENTITIES + '\n[entities.other]\nname = "Other"\nkind = "company"\naliases = ["Spacecom"]\n'
    base, _ = load_text(text, "t.toml")
    res = resolve_entity(base, "spacecom ")
    assert res.ambiguous
    assert {c.entity.id for c in res.candidates} == {"spacecom", "other"}


def test_no_match_and_nothing_close(base):
    res = resolve_entity(base, "zzqqxx")
    assert res.status == NONE and not res.found and res.candidates == ()


def test_did_you_mean_below_match_cutoff(base):
    res = resolve_entity(base, "Guowong Net")
    assert res.status == NONE
    assert res.candidates and res.candidates[0].entity.id == "guowang"


def test_empty_or_punctuation_query_finds_nothing(base):
    for q in ("", "   ", "!!!"):
        assert not resolve_entity(base, q).found
