"""The fast path for plain claims gives exactly what tomli gives for the whole text, or steps aside (None)."""

from __future__ import annotations

import copy
import re
import sys

import pytest
import tomli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from spacefacts import fasttoml, loader
from spacefacts.errors import SpacefactsError

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402
from test_mutation import VALID, dump, mutate  # noqa: E402


def fast(text: str):
    """The fast path's data, or None; its header lines must be those of the `[[claims]]` lines."""
    result = fasttoml.loads(text, tomli.loads)
    if result is None:
        return None
    data, lines = result
    assert lines == [n for n, line in enumerate(text.split("\n"), 1) if line.startswith("[[claims]]")]
    return data


def tomli_or_none(text: str):
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return None


def test_a_generated_file_takes_the_fast_path() -> None:
    text, _ = generate.generate(2000)
    data = fast(text)
    assert data is not None
    assert repr(data) == repr(tomli.loads(text))  # keys in the same order too


def test_a_locator_given_the_claims_lines_places_everything_as_a_full_scan() -> None:
    from spacefacts.locate import Locator

    text, _ = generate.generate(300)
    _, lines = fasttoml.loads(text, tomli.loads)
    given, scanned = Locator(text, "f", claim_lines=lines), Locator(text, "f")
    assert (given.claims, given.tables, given.names) == (scanned.claims, scanned.tables, scanned.names)
    for i in [None, *range(len(scanned.lines))]:
        assert given.header(i) == scanned.header(i)
        assert given.span(i) == scanned.span(i)  # the claims' offsets, found on the first need
        assert given.key(i, "quote") == scanned.key(i, "quote")


def test_the_shipped_facts() -> None:
    text = (ROOT / "facts.toml").read_text(encoding="utf-8")
    data = fast(text)
    assert data is None or data == tomli.loads(text)  # (it has multi-line arrays: parsed whole today)


HEAD = '[sources.s]\ntitle = "S"\n\n'


@pytest.mark.parametrize("claims, expected", [
    ('[[claims]]\nid = "c1"\nvalue = 72\nhedged = true\n', [{"id": "c1", "value": 72, "hedged": True}]),
    ('[[claims]]\nid = ""\nq = "tab\there"\n# note\n\n[[claims]] # second\n', [{"id": "", "q": "tab\there"}, {}]),
    ('[[claims]]\nv = ["a", "b"]\nw = -0\nx = 1_000\ny = 2.5\nz = 2021-04-29\n',
     [{"v": ["a", "b"], "w": 0, "x": 1000, "y": 2.5, "z": tomli.loads("z = 2021-04-29")["z"]}]),
    ('[[claims]]\nq = "say \\"hi\\""  # escaped\nacc = [{ code = "SF1", reason = "r }" }]\n',
     [{"q": 'say "hi"', "acc": [{"code": "SF1", "reason": "r }"}]}]),
])  # fmt: skip
def test_values_read_fast(claims, expected) -> None:
    text = HEAD + claims
    assert fast(text) == {"sources": {"s": {"title": "S"}}, "claims": expected} == tomli.loads(text)


@pytest.mark.parametrize("text", [
    HEAD,  # no claims
    'claims = []\n[[claims]]\nid = "c"\n',  # the head holds claims itself
    HEAD + '[[claims]]\nid = "c"\nid = "d"\n',  # a key twice
    HEAD + '[[claims]]\nid = "c"\n[sources.t]\ntitle = "T"\n',  # a table after the claims
    HEAD + '[[claims]]\nsource.id = "c"\n',  # a dotted key
    HEAD + '[[claims]]\nnote = """\n[[claims]]\nid = "x"\n"""\n',  # a claim header inside a string
    HEAD + '[[claims]]\nv = [\n  1,\n]\n',  # a multi-line array
    HEAD + '[[claims]]\nid = "c"\r\n',  # CRLF line ends
    HEAD + '[[claims]]\nid = "bad\x01"\n',  # a control character
    HEAD + '[[claims]]\nv = 01\n',  # invalid in TOML
    HEAD + 'note = """\n[[claims]]\nid = "c"\n"""\n',  # the first header is inside a string
])  # fmt: skip
def test_steps_aside(text) -> None:
    assert fast(text) is None


def test_a_syntax_error_is_still_reported_at_its_line() -> None:
    text = HEAD + '[[claims]]\nid = "c"\nquote = "unterminated\n'
    with pytest.raises(SpacefactsError) as err:
        loader.load_text(text, "f.toml")
    assert err.value.location.startswith("f.toml:6:")


# Lines that are ours and lines that are not, valid TOML or not, for the random texts below.
KEYS = st.sampled_from(["id", "quote", "value", "a-b_1", "key", "note", "rank", "hedged"])
VALUES = st.one_of(
    st.sampled_from(['""', '"plain"', '"tab\tin"', '"é 中"', '72', '-0', '0', '-12', 'true', 'false', '1.5', '1e3',
                     '+1', '01', '1_000', '0x1F', 'nan', 'inf', 'truex', '2021-04-29', '2021-04-29T08:00:00Z',
                     '["a", "b"]', '[1, "a"]', '[]', '[ ]', '[1,]', '{ a = "b" }', '{ a = 1, a = 2 }', '{}',
                     "'lit'", "'''lit'''", '"""ml"""', '"""', "'''", '"a" # c', '"a"b"', '"\\u00e9"', '"\\x"',
                     '"unterminated', '[', '{', '"a" "b"', '', '"\x7f"', '"\x01"', '# c', '"a"\t', '1 2']),
    st.text(alphabet='"\\\'#[]{}=,.\t 01aé\x01', max_size=8),
)
LINES = st.one_of(
    st.builds(lambda k, sp, v: f"{k}{sp}{v}", KEYS, st.sampled_from([" = ", "=", " =\t", "  =  "]), VALUES),
    st.builds(lambda k, v: f"  {k} = {v}", KEYS, VALUES),
    st.sampled_from(["", "   ", "# comment", "  # indented", "#\x01", "[[claims]]", "[[claims]] # c", "[[claims]]x",
                     "[[ claims ]]", "[claims]", "[[claims.accepted]]", "[sources.t]", 'a.b = 1', '"q" = 1', '"""',
                     "]", "}", "a = [", "\r", "x = 1\r"]),
)
HEADS = st.sampled_from([HEAD, "", '[settings]\nselect = ["SF1"]\n\n', 'claims = 1\n', "[claims]\n",
                         '[sources.s]\nnote = """\n', '[sources.s]\nnote = """x\n"""\n'])


PLAIN = st.builds(lambda k, v: f"{k} = {v}", st.integers(0, 60).map(lambda n: f"k{n}"), st.one_of(
    st.text(alphabet=st.characters(blacklist_characters='"\\', blacklist_categories=("Cc", "Cs")),
            max_size=20).map(lambda s: f'"{s}"'),
    st.integers(-10**20, 10**20).map(str), st.sampled_from(["true", "false", '["x", "y"]'])))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(PLAIN, max_size=5, unique_by=lambda line: line.split(" = ")[0]), min_size=1, max_size=6))
def test_plain_claims_always_take_the_fast_path(claims) -> None:
    text = HEAD + "".join("[[claims]]\n" + "".join(line + "\n" for line in claim) + "\n" for claim in claims)
    data = fast(text)
    assert data is not None
    assert data == tomli.loads(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(HEADS, st.just(HEAD)), st.lists(st.one_of(LINES, PLAIN, PLAIN, PLAIN, PLAIN, st.just("[[claims]]")), max_size=10), st.sampled_from(["", "\n"]))
def test_random_texts_parse_as_tomli_parses_them(head, lines, end) -> None:
    text = head + "[[claims]]\n" + "\n".join(lines) + end
    expected = tomli_or_none(text)
    data = fast(text)
    event("fast path" if data is not None else "whole: valid" if expected is not None else "whole: invalid")
    if expected is None:
        assert data is None  # tomli rejects the text: the fast path must not accept it
    else:
        assert data is None or repr(data) == repr(expected)  # (repr: keys in the same order, and nan == nan)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_files_load_the_same_with_and_without_the_fast_path(data) -> None:
    """Random mutations of a valid file (test_mutation's): the fact base and every finding are the same."""
    doc = copy.deepcopy(VALID)
    for _ in range(data.draw(st.integers(0, 6), label="mutations")):
        mutate(doc, data.draw)
    text = re.sub(r'^"([A-Za-z0-9_-]+)" =', r"\1 =", dump(doc).replace('[["claims"]]', "[[claims]]"), flags=re.M)
    event("fast path" if fast(text) is not None else "whole")
    results = []
    for use in (True, False):
        with pytest.MonkeyPatch.context() as mp:
            if not use:
                mp.setattr(fasttoml, "loads", lambda text, parse: None)
            try:
                results.append(repr(loader.load_text(text, "f.toml")))
            except SpacefactsError as exc:
                results.append(str(exc))
    assert results[0] == results[1]
