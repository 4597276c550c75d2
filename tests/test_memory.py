"""What a large run keeps in memory (issue 12: 1M claims check within 1 GB): findings, the fact base, the
cache. Sizes are measured with tracemalloc (allocations, not time), against bounds far from the line."""

from __future__ import annotations

import copy
import dataclasses
import gc
import marshal
import pickle
import tracemalloc

import pytest

from spacefacts import cache, includes
from spacefacts.checks import Context
from spacefacts.checks.consistency import check_conflicts, check_lifetime
from spacefacts.diagnostics import Diagnostic, Severity, diagnostic
from spacefacts.gcpause import paused_gc
from spacefacts.loader import load_text
from spacefacts.model import NORMAL, Accepted, Claim, Location


def _allocated(build) -> tuple[object, int]:
    """(what build() returns, the bytes still allocated for it)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        out = build()
        return out, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_finding_data_reads_back_as_given_and_is_a_snapshot() -> None:
    given = {"subject": "x", "key": None, "likely": "2021", "score": 91.5, "n": 3, "ok": True,
             "sides": [{"label": "2021", "confidence": 0.5012, "claims": ["c1", "c2"], "sources": ["a"]}],
             "span": ("a", 1)}  # fmt: skip
    d = diagnostic("SF301", "m", Location("f.toml", 3), ("c1",), data=given)
    assert d.data == given and dict(d.data) == given and list(d.data) == list(given)
    assert d.data["sides"][0]["confidence"] == 0.5012 and d.data.get("missing", 7) == 7 and "key" in d.data
    given["subject"] = "changed"  # the finding keeps what it was given, not the caller's dict
    assert d.data["subject"] == "x"
    with pytest.raises(TypeError):
        d.data["subject"] = "y"  # type: ignore[index]
    assert dataclasses.replace(d, accepted="why").data == d.data
    assert diagnostic("SF303", "m", None).data == {} and not diagnostic("SF303", "m", None).data


def test_finding_data_marshal_cannot_hold_is_kept_as_given() -> None:
    loc = Location("f.toml", 2, 5)  # a named tuple: marshal does not hold it
    d = diagnostic("SF201", "m", loc, data={"at": loc})
    assert d.data["at"] is loc and type(d.data["at"]) is Location


def test_findings_order_is_file_line_column_code_message() -> None:
    at = Location("a.toml", 2, 1)
    diags = [Diagnostic("SF303", "b", at, Severity.WARNING), Diagnostic("SF301", "z", at, Severity.WARNING),
             Diagnostic("SF303", "a", at, Severity.WARNING), Diagnostic("SF101", "x", None, Severity.ERROR),
             Diagnostic("SF303", "a", Location("a.toml", 1, 9), Severity.WARNING)]  # fmt: skip
    ordered = sorted(diags, key=Diagnostic.sort_key)
    assert [(d.code, d.message) for d in ordered] == [("SF101", "x"), ("SF303", "a"), ("SF301", "z"),
                                                      ("SF303", "a"), ("SF303", "b")]  # fmt: skip


def test_a_finding_holds_little_beyond_its_message() -> None:
    """No key tuple, no empty data dict per finding: 300k findings at 1M claims."""
    at = Location("f.toml", 1000)
    messages = [f"message {n}" for n in range(2000)]
    ids = [(f"c{n}",) for n in range(2000)]
    found, size = _allocated(lambda: [diagnostic("SF303", m, at, i) for m, i in zip(messages, ids)])
    assert len(found) == 2000 and size / 2000 < 160  # 104 bytes; 256 when each kept a key and a dict


def test_conflict_findings_hold_their_data_packed() -> None:
    """SF301's data (sides, labels, explanation) was a dict tree (2.2 KB a finding at 100k claims)."""
    text = '[sources.a]\ntitle = "A"\n[sources.b]\ntitle = "B"\n[properties.founded]\ntype = "date"\n'
    for n in range(300):
        text += f'[entities.e{n}]\nname = "E {n}"\nkind = "company"\n'
    for n in range(300):
        text += (f'[[claims]]\nid = "a{n}"\nsubject = "e{n}"\nproperty = "founded"\nvalue = "early 2006"\n'
                 f'source = "a"\n[[claims]]\nid = "b{n}"\nsubject = "e{n}"\nproperty = "founded"\n'
                 f'value = "mid 2018"\nsource = "b"\n')  # fmt: skip
    base, _ = load_text(text)
    ctx = Context()
    analysis = ctx.index_of(base).analysis
    for conflict in analysis.conflicts:  # what the analysis makes on first use is not the findings' own
        conflict.claims, [side.sources for side in conflict.sides]
    found, size = _allocated(lambda: list(check_conflicts(base, ctx)))
    assert len(found) == 300 and all(len(d.data["sides"]) == 2 for d in found)
    messages = sum(len(d.message) + 49 for d in found)
    assert (size - messages) / 300 < 900  # 655 bytes; 1,202 when data was a dict tree


# ---- the parse cache ---------------------------------------------------------------------------------


def _fact_text(claims: int) -> str:
    text = '[sources.a]\ntitle = "A"\n[properties.founded]\ntype = "date"\n'
    text += "".join(f'[entities.e{k}]\nname = "E {k}"\nkind = "company"\n' for k in range(100))
    return text + "".join(
        f'[[claims]]\nid = "c{k}"\nsubject = "e{k % 100}"\nproperty = "founded"\nvalue = "{2000 + k % 20}"\n'
        f'source = "a"\nquote = "founded in {2000 + k % 20}, said the source of claim number {k}"\n'
        for k in range(claims))  # fmt: skip


@pytest.fixture(scope="module")
def loaded() -> tuple:
    base, diags = load_text(_fact_text(20000))
    return (("declarations",), "fingerprint", (base.claims, diags, {}))


def _peak(run) -> tuple[object, int, int]:
    """(what run() returns, bytes allocated at the peak, bytes still allocated)."""
    tracemalloc.start()
    try:
        out = run()
        now, peak = tracemalloc.get_traced_memory()
        return out, peak, now
    finally:
        tracemalloc.stop()


def test_a_cache_entry_is_written_a_piece_at_a_time(tmp_path, loaded) -> None:
    store = cache.Store(tmp_path)
    ok, peak, _ = _peak(lambda: store.put("f.toml", "digest", loaded))
    size = store._entry("f.toml").stat().st_size
    assert ok and peak < 2 * size  # 0.99x the entry; 4.0x when encoded, dumped and joined whole


def test_a_cache_entry_is_read_a_piece_at_a_time(tmp_path, loaded) -> None:
    store = cache.Store(tmp_path)
    assert store.put("f.toml", "digest", loaded)
    got, peak, kept = _peak(lambda: store.get("f.toml", "digest"))
    assert got == loaded and peak < 1.6 * kept  # 1.35x what it returns; 1.9x with the bytes and a copy


def test_decoding_an_entry_leaves_no_garbage_for_the_paused_gc(loaded) -> None:
    """The CLI runs with the cyclic GC paused: a cycle made while decoding would keep what it holds."""
    gc.collect()
    with paused_gc():
        pieces: list[bytes] = []
        apart = cache._Encoder({}, lambda p: pieces.append(p) or len(pieces) - 1).encode(loaded)
        for tree, columns in ((cache.encode(loaded), []), (apart, [marshal.loads(p) for p in pieces])):
            value = cache.decode(tree, columns)
            assert value == loaded
            del value, tree, columns
            assert gc.collect() == 0


def test_the_text_is_not_kept_while_the_cache_entry_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    (tmp_path / "facts.toml").write_text(_fact_text(50), encoding="utf-8")
    seen: list[str] = []
    get = cache.Store.get

    def spy(self, path, digest):
        seen.append(_parts[-1].text)  # the file whose entry is read
        return get(self, path, digest)

    _parts: list[includes._Part] = []
    first = includes._Part.first

    def first_spy(self, store, text=None):
        _parts.append(self)
        return first(self, store, text)

    monkeypatch.setattr(cache.Store, "get", spy)
    monkeypatch.setattr(includes._Part, "first", first_spy)
    cold = includes.load([str(tmp_path / "facts.toml")])
    warm = includes.load([str(tmp_path / "facts.toml")])
    # (the cold run has no entry to read: Store.has says so, and the text read is loaded)
    assert seen == [""] and cold[0].claims == warm[0].claims and len(warm[0].claims) == 50


def test_claims_keep_no_int_of_the_locator(monkeypatch) -> None:
    """The Locator's per-header ints lie side by side in memory: a claim that kept its line int would keep
    that memory from going back to the system once the Locator is dropped (70 MB at 1M claims)."""
    from spacefacts import loader, locate

    made: list[locate.Locator] = []

    class Recording(locate.Locator):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(loader, "Locator", Recording)
    base, _ = load_text(_fact_text(300))
    lines = {id(n) for loc in made for n in loc.lines}
    late = [c for c in base.claims if c.location.line > 256]  # (CPython shares the ints up to 256)
    assert len(late) > 200 and not any(id(c.location.line) in lines for c in late)
    assert [c.location.line for c in base.claims] == [made[-1].lines[i] for i in made[-1].claims]


# ---- the fact base -------------------------------------------------------------------------------------


def test_a_claim_with_default_fields_is_stored_shorter() -> None:
    """Most claims leave the fields from `unit` (or `rank`) on at their defaults: 80 (or 48) bytes less each."""
    at = Location("f.toml", 1000)
    ids = [f"c{n}" for n in range(2000)]
    plain, size = _allocated(lambda: [Claim(i, "s", "p", "v", "v", "src", at) for i in ids])
    keyed, keyed_size = _allocated(lambda: [Claim(i, "s", "p", "v", "v", "src", at, key=i) for i in ids])
    # 128 and 160 bytes (the line in a last slot: see the next test); 208 each as 19-field tuples
    assert size / 2000 < 140 and keyed_size / 2000 < 170
    for short in (plain[0], keyed[0]):
        assert isinstance(short, Claim) and short.rank == NORMAL and short.hedged is False and short.accepted == ()
        assert short.note == short.label == short.record == "" and short.counted
    assert plain[0].unit is None and plain[0].when is None and plain[0].as_of is None and plain[0].key is None


def test_a_claim_keeps_its_file_and_line_not_a_location() -> None:
    """A Location (80 bytes) per claim was 61 MB at a million claims: a claim at column 1 keeps the file
    and the line, and makes its Location when it is read."""
    ids = [f"c{n}" for n in range(2000)]
    claims, size = _allocated(lambda: [Claim(i, "s", "p", "v", "v", "src", Location("f.toml", 1000 + 9 * n))
                                       for n, i in enumerate(ids)])
    assert size / 2000 < 180  # 160 bytes (the claim, its line's int and its place in the list); 224 with the Location
    assert [c.location for c in claims] == [Location("f.toml", 1000 + 9 * n) for n in range(2000)]
    assert type(claims[0].location) is Location and claims[0].location.column == 1
    indented = Claim("c", "s", "p", "v", "v", "src", Location("f.toml", 7, 3), "q", key="k")
    assert indented.location == Location("f.toml", 7, 3) and indented.key == "k" and indented.quote == "q"
    assert indented._replace(location=Location("f.toml", 7)) == Claim("c", "s", "p", "v", "v", "src",
                                                                       Location("f.toml", 7), "q", key="k")


def test_a_claim_reads_the_same_whatever_its_form() -> None:
    at = Location("f.toml", 3)
    full = Claim("c", "s", "p", "v", "v", "src", at, "q", None, None, None, "k", "preferred", True, "n",
                 (Accepted("SF301", "why"),), "l", "r")  # fmt: skip
    short = Claim("c", "s", "p", "v", "v", "src", at, "q", key="k")
    spelt_out = Claim("c", "s", "p", "v", "v", "src", at, "q", None, None, None, "k", NORMAL, False, "", (), "", "")
    assert short == spelt_out and type(short) is type(spelt_out)
    assert hash(short) == hash(full._replace(rank=NORMAL, hedged=False, note="", accepted=(), label="", record=""))
    assert full._replace(rank=NORMAL, hedged=False, note="", accepted=(), label="", record="") == short
    assert short._replace(rank="deprecated").rank == "deprecated" and not short._replace(rank="deprecated").counted
    assert short._replace(key=None) == Claim("c", "s", "p", "v", "v", "src", at, "q")
    defaults = {"rank": NORMAL, "hedged": False, "note": "", "accepted": (), "label": "", "record": ""}
    assert full._asdict()["record"] == "r" and short._asdict() == {**full._asdict(), **defaults}
    assert repr(short) == "Claim(" + ", ".join(f"{k}={v!r}" for k, v in short._asdict().items()) + ")"
    for claim in (full, short):
        assert pickle.loads(pickle.dumps(claim)) == claim and copy.copy(claim) == claim
        assert Claim._make(getattr(claim, f) for f in Claim._fields) == claim
    with pytest.raises(ValueError):
        short._replace(colour="red")


# ---- what the checks hold ------------------------------------------------------------------------------


def _dated_claims(pairs: int) -> str:
    """A fact file of `pairs` subjects with one founding date each (lone pairs, as most at 1M claims)."""
    text = '[sources.a]\ntitle = "A"\n'
    text += "".join(f'[entities.e{k}]\nname = "E {k}"\nkind = "company"\n' for k in range(pairs))
    return text + "".join(f'[[claims]]\nid = "c{k}"\nsubject = "e{k}"\nproperty = "founded"\n'
                          f'value = "{2000 + k % 20}"\nsource = "a"\n' for k in range(pairs))  # fmt: skip


def test_the_index_keeps_date_claims_by_subject_as_tuples() -> None:
    """Many subjects have one date claim: a list each was 88 bytes, a tuple of one is 48."""
    from spacefacts.index import Index

    base, _ = load_text(_dated_claims(2000))
    index = Index(base)
    index.counted  # (its list is not what is measured)
    dates, size = _allocated(lambda: index.dates_by_subject)
    assert len(dates) == 2000 and all(type(v) is tuple and len(v) == 1 for v in dates.values())
    assert size / 2000 < 90  # 73 bytes a subject (its dict slot, a tuple of one); 112 with a list each


def test_the_fact_file_alone_is_weighed_as_a_slice_and_a_range(monkeypatch) -> None:
    """Results.analysis gave the truth analysis a list of the claims and an int per position (48 MB at the
    analysis's peak at 1M claims) for what is one stretch of the fact base."""
    from spacefacts import resultcache

    base, _ = load_text(_dated_claims(50))
    given = []
    weigh = resultcache.analyze_part

    def spy(base, claims, positions=None, **kw):
        given.append((claims, positions))
        return weigh(base, claims, positions, **kw)

    monkeypatch.setattr(resultcache, "analyze_part", spy)
    resultcache.Results(None, {}, base.path).analysis(base, confidences=False)
    ((claims, positions),) = given
    assert claims is base.claims and positions == range(50)


def test_lifetime_findings_of_one_founding_share_its_location() -> None:
    """Claims make their Location when it is read (model.Claim.location): SF305's findings against one
    founding date (76k findings at 1M claims) share one `related`, not a Location each."""
    text = _dated_claims(1).replace('value = "2000"', 'value = "2020"')
    text += "".join(f'[[claims]]\nid = "x{k}"\nsubject = "e0"\nproperty = "first_launch"\nvalue = "{2001 + k}"\n'
                    f'source = "a"\n' for k in range(5))  # fmt: skip
    base, _ = load_text(text)
    found = [d for d in check_lifetime(base, Context()) if d.code == "SF305"]
    assert len(found) == 5 and all(d.related is found[0].related for d in found)
    assert found[0].related == (base.claims[0].location,)
