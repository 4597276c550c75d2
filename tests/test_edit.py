"""edit.py and fmt.py: ids, placement, byte-for-byte splices, and the canonical layout. A hypothesis
property test generates fact files with comments, odd spacing and every value form, applies add,
accept and fmt, and checks that re-parsing gives the original data plus the change and that fmt is
idempotent."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from spacefacts import edit
from spacefacts.errors import SpacefactsError
from spacefacts.fmt import _comments, format_text
from spacefacts.loader import load_text

BASE = '''[sources.a]
title = "A"

[entities.x]
name = "X Corp"
kind = "company"
aliases = ["Ex"]

[[claims]]
id = "a-x-founded"
subject = "x"
property = "founded"
value = "2020"
source = "a"
'''


def test_claim_ids_are_readable_and_unique():
    base, _ = load_text(BASE, "f.toml")
    assert edit.claim_id(base, "a", "x", "founded") == "a-x-founded-2"
    assert edit.claim_id(base, "a", "x", "satellites_launched", "Batch 6") == "a-x-satellites-launched-batch-6"
    assert edit.source_id(base, {"title": "T", "publisher": "Caixin Global", "published": "2025-02-24"}) \
        == "caixin-global-2025"
    assert edit.entity_id(base, {"name": "X Corp"}) == "x-corp"


def test_add_splices_the_table_and_keeps_every_other_byte():
    e = edit.add(BASE, "f.toml", "claim", {"subject": "Ex", "property": "satellites_launched", "value": "18",
                                            "source": "a"})
    assert e.id == "a-x-satellites-launched" and e.notes == ["subject 'Ex' is entity 'x'"]
    assert e.text == BASE + "\n" + e.table and "value = 18\n" in e.table
    e = edit.add(BASE, "f.toml", "entity", {"name": "Guowang", "kind": "constellation", "operator": "X Corp"})
    assert e.text.replace(e.table + "\n", "", 1) == BASE and 'operator = "x"' in e.table
    assert e.text.index("[entities.guowang]") < e.text.index("[[claims]]")


def test_comments_before_the_next_table_stay_with_it():
    text = BASE.replace("[[claims]]", "# -- claims --\n[[claims]]")
    e = edit.add(text, "f.toml", "entity", {"name": "Y", "kind": "company"})
    assert "[entities.y]\nname = \"Y\"\nkind = \"company\"\n\n# -- claims --\n[[claims]]" in e.text


@pytest.mark.parametrize("record, message", [
    ({"subject": "nobody"}, "unknown subject 'nobody'"),
    ({"property": "foundd"}, "did you mean 'founded'?"),
    ({"value": "the other day"}, "is not a date"),
    ({"source": "b"}, "unknown source 'b'"),
])
def test_bad_records_raise_one_message(record, message):
    claim = {"subject": "x", "property": "founded", "value": "2021", "source": "a", **record}
    with pytest.raises(SpacefactsError, match=re.escape(message)):
        edit.add(BASE, "f.toml", "claim", claim)


def test_accept_appends_to_an_existing_list():
    text = BASE + 'accepted = [\n  { code = "SF207", reason = "r" },\n]\n'
    e = edit.accept(text, "f.toml", "a-x-founded", "SF205", 'why "so"')
    accepted = tomllib.loads(e.text)["claims"][0]["accepted"]
    assert accepted == [{"code": "SF207", "reason": "r"}, {"code": "SF205", "reason": 'why "so"'}]
    with pytest.raises(SpacefactsError, match="already accepts SF207"):
        edit.accept(text, "f.toml", "a-x-founded", "SF207", "again")


def test_fmt_orders_tables_and_keys_and_keeps_comments():
    text = ("# head\n\n[[claims]]\nsource = 'a'  # trailing\nid = \"c\"\n\n# about the subject\n"
            "subject   =   \"x\"\nproperty = \"founded\"\nvalue = 2020\n\n[entities.x]\nkind = \"company\"\n"
            "\"name\" = \"X\"\n[sources.\"a\"]\ntitle = \"A\"\n")
    out = format_text(text)
    assert out == ("# head\n\n[sources.a]\ntitle = \"A\"\n\n[entities.x]\nname = \"X\"\nkind = \"company\"\n\n"
                   "[[claims]]\nid = \"c\"\n# about the subject\nsubject = \"x\"\nproperty = \"founded\"\n"
                   "value = 2020\nsource = \"a\"  # trailing\n")
    assert format_text(out) == out


def test_fmt_keeps_crlf():
    text = BASE.replace("\n", "\r\n")
    assert format_text(text) == text


# ---- the property test ------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_comment = st.builds(lambda s: "# " + s.replace("\n", " "), _text)
_space = st.sampled_from([" ", "  ", "\t", ""])
_string = st.one_of(st.builds(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"', _text),
                    st.builds(lambda s: "'" + s + "'", _text.filter(lambda s: "'" not in s)))
_date = st.sampled_from(['"2021"', '"early 2020"', '"2021-04?"', "2019-01-03", "2021", '"Q2 2016"', '"c. 2020"'])
_quantity = st.sampled_from(["18", "6.7e9", '"around 13,000"', '"more than 14,000 satellites"', '"500 to 600"',
                             "1_000", '"13k satellites"'])


def _kv(key: str, value: str, draw) -> str:
    comment = draw(st.one_of(st.just(""), _comment.map(lambda c: "  " + c)))
    quoted = draw(st.sampled_from([key, f'"{key}"']))
    return f"{quoted}{draw(_space)}={draw(_space)}{value}{comment}"


@st.composite
def fact_files(draw):
    tables = []
    tables.append(["[sources.a]", _kv("title", draw(_string), draw), _kv("trust", "0.5", draw)])
    tables.append(["[sources.\"b\"]", _kv("title", draw(_string), draw),
                   _kv("published", draw(_date), draw)])
    tables.append(["[entities.x]", _kv("kind", '"company"', draw), _kv("name", '"X Corp"', draw),
                   _kv("aliases", draw(st.sampled_from(['["Ex"]', '[\n  "Ex",  # one\n  "Ecks",\n]'])), draw)])
    tables.append(["[entities.y]", _kv("name", '"Why"', draw), _kv("kind", '"company"', draw)])
    forms = [("founded", _date), ("planned_size", _quantity), ("members", st.just('["x", "y"]')),
             ("location", _string), ("operator", st.just('"y"'))]
    for n in range(draw(st.integers(0, 4))):
        prop, values = draw(st.sampled_from(forms))
        fields = [_kv("id", f'"c{n}"', draw), _kv("subject", '"x"', draw), _kv("property", f'"{prop}"', draw),
                  _kv("value", draw(values), draw), _kv("source", draw(st.sampled_from(['"a"', '"b"'])), draw)]
        fields = draw(st.permutations(fields))
        tables.append(["[[claims]]", *fields])
    tables = draw(st.permutations(tables))
    out = [draw(st.one_of(st.just(""), _comment.map(lambda c: c + "\n")))]
    for table in tables:
        lines = [table[0]]
        for line in table[1:]:
            if draw(st.booleans()):
                lines.append(draw(_comment))
            lines.append(line)
            if draw(st.integers(0, 4)) == 0:
                lines.append("")
        out.append(draw(st.sampled_from(["", "\n", "\n\n"])) + "\n".join(lines) + "\n")
    text = "".join(out)
    return text.replace("\n", "\r\n") if draw(st.integers(0, 5)) == 0 else text


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(fact_files())
def test_fmt_keeps_data_and_comments_and_is_idempotent(text):
    out = format_text(text)
    assert tomllib.loads(out) == tomllib.loads(text)
    assert _comments(out) == _comments(text)
    assert format_text(out) == out
    assert ("\r\n" in out) == ("\r\n" in text)


@SETTINGS
@given(fact_files())
def test_add_and_accept_change_only_what_they_add(text):
    before = tomllib.loads(text)
    e = edit.add(text, "f.toml", "entity", {"name": "New One", "kind": "agency", "aliases": "N1, N2"})
    after = tomllib.loads(e.text)
    assert after.pop("entities").pop("new-one") == {"name": "New One", "kind": "agency", "aliases": ["N1", "N2"]}
    before_entities = before.pop("entities")
    assert after == before and before_entities == tomllib.loads(text)["entities"]
    e = edit.add(text, "f.toml", "claim", {"subject": "Ex", "property": "satellites_launched", "value": "18",
                                            "source": "b", "key": "k"})
    claims = tomllib.loads(e.text)["claims"]
    new = next(c for c in claims if c["id"] == e.id)
    assert new == {"id": e.id, "subject": "x", "property": "satellites_launched", "value": 18, "key": "k",
                   "source": "b"}
    assert [c for c in claims if c is not new] == tomllib.loads(text).get("claims", [])
    if tomllib.loads(text).get("claims"):
        first = tomllib.loads(text)["claims"][0]["id"]
        e = edit.accept(text, "f.toml", first, "SF207", "no quote")
        claims = tomllib.loads(e.text)["claims"]
        assert claims[0].pop("accepted") == [{"code": "SF207", "reason": "no quote"}]
        assert claims == tomllib.loads(text)["claims"]
