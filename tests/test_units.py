"""Declared unit conversions (issue 13): the [units] table, its errors (SF114, SF106), SF209 with
conversions, agreement and conflict after conversion in check and verify, and `add` refusing a value
in a unit that does not convert, with the expected unit named."""

from __future__ import annotations

import json

import pytest

from conftest import invoke, one_error_line
from spacefacts.loader import load_text
from spacefacts.pipeline import findings
from spacefacts.quantities import parse_quantity
from spacefacts.units import EMPTY, declare, in_unit

UNITS = '''[units]
kg = "0.001 t"
tonnes = "t"
'''

BASE = '''[properties.mass]
type = "quantity"
unit = "t"

[sources.a]
title = "A"

[sources.b]
title = "B"

[entities.sj]
name = "Shijian-19"
kind = "satellite"

[[claims]]
id = "a-mass"
subject = "sj"
property = "mass"
value = "1,000 kg"
source = "a"
quote = "Shijian-19 weighs 1,000 kg"

[[claims]]
id = "b-mass"
subject = "sj"
property = "mass"
value = "1 tonnes"
source = "b"
quote = "Shijian-19 weighs 1 tonnes"
'''


def _found(text: str, stages=("lint",)) -> list[tuple[str, int, str]]:
    base, loaded = load_text(text, "f.toml")
    return [(d.code, d.location.line, d.message) for d in findings(base, loaded, stages)
            if d.code not in ("SF207",)]


def _codes(text: str, stages=("lint",)) -> list[str]:
    return [code for code, _, _ in _found(text, stages)]


# ---- declarations ------------------------------------------------------------------------------------

def test_declarations_give_factors_through_chains_and_aliases():
    units, problems = declare({"kg": "0.001 t", "g": "0.001 kg", "tonnes": "t", "Gbps": "1 thousand Mbps"})
    assert problems == []
    assert units.factor("kg", "t") == 0.001 and units.factor("t", "kg") == 1000
    assert units.factor("g", "tonnes") == pytest.approx(1e-6)  # g -> kg -> t, and tonnes is t
    assert units.factor("tonne", "t") == 1.0  # singular and plural are one unit
    assert units.factor("Gbps", "Mbps") == 1000 and units.factor("kg", "Mbps") is None
    assert units.alternatives("t") == ("g", "kg", "tonnes")


def test_a_scale_word_before_a_unit_converts_without_a_declaration():
    q = in_unit(parse_quantity("6,700 million yuan"), "billion yuan", EMPTY)
    assert (q.value, q.low, q.high, q.unit) == (6.7, 6.7, 6.7, "billion yuan")
    assert q.written == parse_quantity("6,700 million yuan")


def test_in_unit_rounds_keeps_bounds_and_applies_the_property_tolerance():
    units, _ = declare({"kg": "0.001 t"})
    q = in_unit(parse_quantity("1,200 kg"), "t", units)
    assert (q.value, q.low, q.high, q.unit, q.display()) == (1.2, 1.2, 1.2, "t", "1.2 t")
    q = in_unit(parse_quantity("more than 1,500 kg"), "t", units)
    assert (q.low, q.high, q.low_open) == (1.5, float("inf"), True)
    q = in_unit(parse_quantity("about 1,200 kg"), "t", units, tolerance=0.1)
    assert (q.low, q.high) == (pytest.approx(1.1), pytest.approx(1.3))
    same = parse_quantity("18 rockets")
    assert in_unit(same, "satellites", units) is same  # does not convert: left as it is


@pytest.mark.parametrize("table, code, message", [
    ({"kg": 0.001}, "SF106", '[units] kg must be a string such as "1000 kg" or a unit\'s name, not number'),
    ({"kg": "about 0.001 t"}, "SF114", 'must be one positive amount of another unit, e.g. "1000 kg"'),
    ({"kg": "0 t"}, "SF114", "must be one positive amount of another unit"),
    ({"kg": "0.001"}, "SF114", "must be one positive amount of another unit"),
    ({"kg": "1 2 3"}, "SF114", "cannot read"),
    ({"usd": "7.1 yuan"}, "SF114", "a currency does not convert to another by a fixed factor (exchange rates move)"),
    ({"billion USD": "7.1 billion RMB"}, "SF114", "a currency does not convert to another"),
    ({"tonne": "1000 tonnes"}, "SF114", "tonne and tonnes are one unit, which cannot be 1000 of itself"),
    ({"tonnes": "1000 kg", "tonne": "1 kg"}, "SF114",
     '[units] tonne = "1 kg" contradicts tonnes = "1000 kg": one unit declared twice, two ways'),
    ({"a": "2 b", "b": "2 c", "c": "0.25 a"}, "SF114", "go round in a cycle (a -> b -> c -> a)"),
])
def test_each_declaration_error(table, code, message):
    units, problems = declare(table)
    (problem,) = problems
    assert problem[0] == code and message in problem[2], problem
    assert units.declared.keys() <= {"tonnes"}  # a refused declaration converts nothing


def test_a_second_name_of_one_currency_changes_nothing():
    units, problems = declare({"yuan": "RMB"})
    assert problems == [] and units.roots == {}


def test_errors_are_reported_at_their_key_and_an_unknown_target_gets_a_suggestion():
    text = BASE.replace('unit = "t"', 'unit = "tonnes"') + '\n[units]\nkg = "0.001 tonnnes"\nusd = "7 yuan"\n'
    found = [f for f in _found(text) if f[0] in ("SF114", "SF106")]
    lines = text.splitlines()
    assert [(code, lines[line - 1].split(" =")[0]) for code, line, _ in found] == [("SF114", "kg"), ("SF114", "usd")]
    assert found[0][2] == ("[units] kg = \"0.001 tonnnes\": unknown unit 'tonnnes' (no property or claim is in it, "
                           "in kg or in another unit converting to them) (did you mean 'tonnes'?)")


def test_a_declaration_reaching_a_unit_in_use_is_known():
    assert "SF114" not in _codes(UNITS + BASE)
    # a unit only a claim's `unit` names is in use too
    text = BASE.replace('value = "1 tonnes"', 'value = "2"\nunit = "kg"') + '\n[units]\ng = "0.001 kg"\n'
    assert "SF114" not in _codes(text) and "SF114" in _codes(text.replace('unit = "kg"', 'unit = "t"'))


# ---- SF209 ----------------------------------------------------------------------------------------------

def test_sf209_accepts_a_declared_convertible_unit_and_is_stable():
    from spacefacts.rules import RULES

    assert "SF209" not in _codes(UNITS + BASE)
    assert "SF209" in _codes(BASE)  # without the declaration, kg is not t
    assert RULES["SF209"].status == "stable"


def test_sf209_names_the_expected_unit_and_the_declared_alternatives():
    text = UNITS + BASE.replace('value = "1 tonnes"', 'value = "5 rockets"')
    (msg,) = [m for code, _, m in _found(text) if code == "SF209"]
    assert msg == ("value '5 rockets' is in rockets, but property 'mass' is in t "
                   "(or, as [units] declares, in kg, tonnes)")
    base, loaded = load_text(text, "f.toml")
    (d,) = [d for d in findings(base, loaded, ("lint",)) if d.code == "SF209"]
    assert d.data == {"unit": "rockets", "expected": "t", "alternatives": ["kg", "tonnes"]}


def test_sf209_judges_a_repeated_unit_pair_as_its_first_claim():
    # check_units decides each (unit, expected unit) pair once: every claim of a pair gets the same answer
    twice = BASE.replace('value = "1 tonnes"', 'value = "2,000 kg"').replace("weighs 1 tonnes", "weighs 2,000 kg")
    base, loaded = load_text(twice, "f.toml")
    assert [d.ids for d in findings(base, loaded, ("lint",)) if d.code == "SF209"] == [("a-mass",), ("b-mass",)]
    assert "SF209" not in _codes(UNITS + twice)


def test_a_claim_unit_converts_to_its_property_unit():
    text = UNITS + BASE.replace('value = "1 tonnes"', 'value = "1000"\nunit = "kg"')
    base, _ = load_text(text, "f.toml")
    assert [(c.value.value, c.value.unit) for c in base.claims] == [(1.0, "t"), (1.0, "t")]
    assert not {"SF209", "SF301"} & set(_codes(text, ("lint", "check")))


# ---- comparing after conversion ------------------------------------------------------------------------

def test_check_agrees_after_conversion_and_the_quote_is_read_as_written():
    codes = _codes(UNITS + BASE, ("lint", "check"))
    assert "SF301" not in codes and "SF202" not in codes  # 1,000 kg is 1 t; the quote says 1,000 kg


def test_check_conflicts_after_conversion():
    text = (UNITS + BASE).replace("1,000 kg", "1,200 kg")
    (msg,) = [m for code, _, m in _found(text, ("lint", "check")) if code == "SF301"]
    assert "'1.2 t' (a) vs '1 t' (b)" in msg


def test_minimum_and_maximum_are_in_the_property_unit():
    text = UNITS + BASE.replace('unit = "t"', 'unit = "t"\nmaximum = 1.1').replace("1,000 kg", "1,200 kg")
    assert [m for code, _, m in _found(text, ("lint", "check")) if code == "SF303"] == [
        "mass '1.2 t' is above the maximum 1.1"]


def test_verify_compares_a_statement_after_conversion(tmp_path):
    facts = tmp_path / "facts.toml"
    facts.write_text('''[units]
"%" = "percent"

[properties.private_share]
type = "quantity"
unit = "percent"
cues = ["share"]

[sources.ref]
title = "Ref"
published = "2024-01-01"

[sources.wire]
title = "Wire"
published = "2024-06-01"

[entities.casc]
name = "CASC"
kind = "company"

[[claims]]
id = "ref-share"
subject = "casc"
property = "private_share"
value = "30"
source = "ref"
quote = "CASC has a share of 30 percent"
''')
    verdicts = []
    for n, sentence in enumerate(("CASC has a share of 30% of launches.", "CASC has a share of 45% of launches.")):
        doc = tmp_path / f"d{n}.txt"
        doc.write_text(sentence + "\n")
        result = invoke("verify", str(doc), "-f", str(facts), "-s", "wire", "--format", "json")
        verdicts += [row["verdict"] for row in json.loads(result.stdout)["statements"]]
    assert verdicts == ["agrees", "conflicts"]  # 30% is 30 percent; 45% is not


# ---- add ---------------------------------------------------------------------------------------------------

def test_add_refuses_a_unit_that_does_not_convert_and_names_the_expected_unit(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(UNITS + BASE)
    before = path.read_bytes()
    args = ("add", "claim", "-f", str(path), "--subject", "sj", "-p", "mass", "--source", "a",
            "--quote", "Shijian-19 weighs 1,000 kg")
    line = one_error_line(invoke(*args, "--value", "1,000 rockets"))
    assert "SF209 value '1,000 rockets' is in rockets, but property 'mass' is in t" in line
    assert "kg, tonnes" in line and path.read_bytes() == before
    result = invoke(*args, "--value", "1,000 kg", "--key", "again")
    assert result.exit_code == 0, result.output
    assert 'value = "1,000 kg"' in path.read_text()


def test_fmt_puts_the_units_table_after_the_properties():
    from spacefacts.fmt import format_text

    out = format_text(BASE + "\n" + UNITS)
    assert out.index("[properties.mass]") < out.index("[units]") < out.index("[entities.sj]") < out.index("[[claims]]")
    assert format_text(out) == out
