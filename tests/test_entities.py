"""SF401 possible-duplicate-entity and SF402 alias-clash."""

from __future__ import annotations

from spacefacts.checks import Context, run_checks
from spacefacts.checks.entities import duplicate_pairs
from spacefacts.loader import load_text


def entities(text: str, code: str) -> list:
    base, diags = load_text('[sources.a]\ntitle = "A"\n' + text + '\n[[claims]]\nid = "c"\nsubject = "e1"\n'
                            'property = "founded"\nvalue = "2020"\nsource = "a"\n')
    assert [d for d in diags if d.severity >= 2] == [], diags
    return [d for d in run_checks(base, Context(), ("check",)) if d.code == code]


def ent(eid: str, name: str, kind: str = "company", aliases=(), distinct=()) -> str:
    out = f'\n[entities.{eid}]\nname = "{name}"\nkind = "{kind}"\n'
    if aliases:
        out += "aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]\n"
    if distinct:
        out += "distinct_from = [" + ", ".join(f'"{d}"' for d in distinct) + "]\n"
    return out


def test_sf401_near_duplicate_names():
    (d,) = entities(ent("e1", "China Satellite Network Group") + ent("e2", "China Satellite Network Group Co."),
                    "SF401")
    assert set(d.ids) == {"e1", "e2"} and d.data["score"] >= 90


def test_sf401_word_order_and_accents():
    (d,) = entities(ent("e1", "Changguang Satellite Technology") + ent("e2", "Satellite Technology Chángguang"),
                    "SF401")
    assert "e1" in d.message and "e2" in d.message


def test_sf401_via_alias():
    assert len(entities(ent("e1", "Galactic Energy", aliases=["Yinhe Hangtian"]) + ent("e2", "Yinhe Hangtian Co"),
                        "SF401")) == 1


def test_sf401_near_misses():
    assert entities(ent("e1", "Chang'e 4", "mission") + ent("e2", "Chang'e 5", "mission"), "SF401") == []
    assert entities(ent("e1", "Spacesail") + ent("e2", "Spacesail Constellation", "constellation"), "SF401") == []
    assert entities(ent("e1", "China Satellite Network Group", distinct=["e2"])
                    + ent("e2", "China Satellite Network Group Co."), "SF401") == []


def test_sf401_threshold_from_settings():
    text = "[settings]\nduplicate_threshold = 99\n" + ent("e1", "China Satellite Network Group") + \
        ent("e2", "China Satelite Network Group")
    assert entities(text, "SF401") == []


def test_sf402_alias_clash():
    (d,) = entities(ent("e1", "CAS Space", aliases=["Zhongke Yuhang"]) + ent("e2", "Zhongke  Yuhang!"), "SF402")
    assert set(d.ids) == {"e1", "e2"} and d.related


def test_sf402_near_miss():
    assert entities(ent("e1", "CAS Space", aliases=["Zhongke Yuhang"]) + ent("e2", "Zhongke Yuhang",
                                                                          distinct=["e1"]), "SF402") == []
    assert entities(ent("e1", "CAS Space") + ent("e2", "CASC"), "SF402") == []


def test_blocking_finds_pairs_among_many():
    text = "".join(ent(f"n{i}", f"Company Number {i} Aerospace Holdings") for i in range(300))
    text += ent("e1", "Zhuque Rocket Works") + ent("e2", "Zhuque Rocket Works Ltd")
    base, _ = load_text('[sources.a]\ntitle = "A"\n' + text)
    pairs = {(a, b) for a, b, *_ in duplicate_pairs(base)}
    assert ("e1", "e2") in pairs


def test_sf401_series_members_and_contained_names_are_not_duplicates():
    assert entities(ent("e1", "Long March-6", "vehicle") + ent("e2", "Long March-12A", "vehicle"), "SF401") == []
    assert entities(ent("e1", "Chinese Academy of Sciences", "organization")
                    + ent("e2", "National Astronomical Observatories, Chinese Academy of Sciences", "organization"),
                    "SF401") == []


def test_sf401_designation_series_differ_by_a_letter_or_number_token():
    """Issue 16: COSPAR letter designations, second alphabet cycles, Roman numerals and numbered series."""
    series = [("Launch 1958 ALP", "Launch 1958 BET"), ("Launch 1958 BET", "Launch 1958 ETA"),
              ("1958 ALP", "1958 BET"), ("Launch 1962 A MU", "Launch 1962 GAM"),
              ("Launch 1961 A ALP", "Launch 1961 ALP"), ("Yaogan-30 01", "Yaogan-30 02"),
              ("Vanguard I", "Vanguard II"), ("Transit VA-1", "Transit VE-1")]
    for a, b in series:
        assert entities(ent("e1", a, "event") + ent("e2", b, "event"), "SF401") == [], (a, b)
    # a word that is no designation still makes a near duplicate
    assert len(entities(ent("e1", "China Great Wall Industry") + ent("e2", "China Great Wal Industry"), "SF401")) == 1
    assert len(entities(ent("e1", "Galaxy Space 1 Co") + ent("e2", "Galaxy Space 1"), "SF401")) == 1


def test_sf401_scores_word_order_as_rapidfuzz_token_sort_ratio_does():
    """duplicate_pairs sorts each name's words once and scores pairs with ratio: the same score as
    token_sort_ratio on every pair of the shipped file's names (and at thresholds that find many pairs)."""
    from pathlib import Path

    from rapidfuzz import fuzz

    from spacefacts.checks.entities import _core
    from spacefacts.index import Index

    base, _ = load_text((Path(__file__).parent.parent / "facts.toml").read_text(encoding="utf-8"), "facts.toml")
    cores = [_core(norm) for norm, _e, _w in Index(base).entity_names]
    pre = [" ".join(sorted(c.split())) for c in cores]
    for a, sa in zip(cores, pre):
        for b, sb in zip(cores, pre):
            assert fuzz.token_sort_ratio(a, b) == fuzz.ratio(sa, sb)
    assert len(duplicate_pairs(base, threshold=40.0)) > 100  # the blocks do score pairs here
