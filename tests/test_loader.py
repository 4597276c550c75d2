"""The loader: text -> (FactBase, diagnostics), positions, and the few hard errors."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from conftest import EXT, ROOT, need, toml_1_0_invalid

import spacefacts.loader as loader_mod
from spacefacts import tomlparse
from spacefacts.dates import DateValue
from spacefacts.diagnostics import Severity
from spacefacts.errors import SpacefactsError
from spacefacts.loader import load_file, load_text
from spacefacts.quantities import Quantity

BASE = """\
[sources.caixin-2025]
title = "Cover Story"
published = "2025-02"
trust = 0.7

[entities.spacesail]
name = "Spacesail"
kind = "company"
aliases = ["Yuanxin"]

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"

[[claims]]
id = "spacesail-size"
subject = "spacesail"
property = "planned_size"
value = "more than 14,000"
source = "caixin-2025"
quote = "more than 14,000 satellites"
"""


def load(extra: str = "", base: str = BASE):
    return load_text(base + extra, "f.toml")


def codes(extra: str = "", base: str = BASE) -> list[str]:
    return [d.code for d in load(extra, base)[1]]


def only(code: str, extra: str = "", base: str = BASE):
    diags = [d for d in load(extra, base)[1] if d.code == code]
    assert len(diags) == 1, diags
    return diags[0]


def toml_value(v) -> str:
    """A Python value as TOML; a string starting with '@' is written as is (TOML dates, inline tables)."""
    if isinstance(v, str):
        return v[1:] if v.startswith("@") else json.dumps(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return str(v)


def claim(**fields) -> str:
    """A [[claims]] table (starting with a blank line); fields given as None are left out."""
    values = {"id": "c2", "subject": "spacesail", "property": "planned_size", "value": 14000,
              "source": "caixin-2025"}  # fmt: skip
    values.update(fields)
    return "\n[[claims]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in values.items() if v is not None)


# ---- a valid file -------------------------------------------------------------------


def test_valid_file_loads_clean_with_locations():
    base, diags = load()
    assert diags == []
    assert base.path == "f.toml"
    assert (base.sources["caixin-2025"].location.line, base.entities["satnet"].location.line) == (1, 11)
    c = base.claims[0]
    assert (c.location.file, c.location.line, c.location.column) == ("f.toml", 15, 1)
    assert isinstance(c.value, Quantity) and c.value.qualifier == "more_than" and c.value.unit == "satellites"
    assert c.raw == "more than 14,000"
    assert base.sources["caixin-2025"].published.precision == "month"
    assert base.entities["spacesail"].aliases == ("Yuanxin",)
    assert "planned_size" in base.properties and base.properties["planned_size"].builtin


def test_values_are_typed_by_property():
    extra = """
[properties.constellations]
type = "list"

[properties.ipo_accepted]
type = "date"
before = ["ipo_withdrawn"]

[properties.ipo_withdrawn]
type = "date"
""" + claim(id="a", property="founded", value="early 2020", hedged=True, when="2020") \
        + claim(id="b", property="location", value="Shanghai") \
        + claim(id="c", property="operator", value="satnet") \
        + claim(id="d", property="constellations", value=["Qianfan", "Honghu-3"]) \
        + claim(id="e", property="funding_raised", value="6.7 billion yuan", key="series-a", as_of=2024) \
        + claim(id="f", property="ipo_accepted", value="@2022-12-01")  # a TOML date literal  # fmt: skip
    base, diags = load(extra)
    assert diags == []
    by = {c.id: c for c in base.claims}
    assert isinstance(by["a"].value, DateValue) and by["a"].value.precision == "part" and by["a"].hedged
    assert by["a"].when.precision == "year"
    assert by["b"].value == "Shanghai" and by["c"].value == "satnet"
    assert by["d"].value == ("Qianfan", "Honghu-3")
    assert by["e"].value.unit == "CNY" and by["e"].key == "series-a" and by["e"].as_of.precision == "year"
    assert by["f"].value.precision == "day"
    assert base.properties["ipo_accepted"].before == ("ipo_withdrawn",)


def test_claim_unit_overrides_property_unit_and_property_tolerance_applies():
    extra = '\n[properties.planned_size]\ntolerance = 1000\n' + claim(id="x", value="around 13,000") \
        + claim(id="y", value="6.7 billion", unit="yuan")  # fmt: skip
    base, diags = load(extra)
    assert diags == []
    prop = base.properties["planned_size"]
    assert prop.tolerance == 1000 and prop.type == "quantity" and prop.unit == "satellites" and not prop.builtin
    by = {c.id: c for c in base.claims}
    assert (by["x"].value.low, by["x"].value.high) == (12000, 14000)
    assert by["y"].value.unit == "CNY" and by["y"].unit == "yuan"


def test_settings_table():
    base, diags = load('\n[settings]\nselect = ["SF1", "SF301"]\nignore = ["SF2"]\nhedged_weight = 0.25\n')
    assert diags == []
    s = base.settings
    assert (s.select, s.ignore, s.hedged_weight, s.quote_threshold) == (("SF1", "SF301"), ("SF2",), 0.25, 90.0)
    assert s.location.line == 23


# ---- each rule, and a near miss that must not trigger it ------------------------------


def test_sf101_unknown_source_with_suggestion():
    d = only("SF101", claim(source="caixn-2025"))
    assert d.message == "unknown source 'caixn-2025' (did you mean 'caixin-2025'?)"
    assert (d.location.line, d.location.column) == (28, 1) and d.ids == ("c2",)
    assert d.severity == Severity.ERROR
    assert "SF101" not in codes(claim(source="caixin-2025"))
    assert "did you mean" not in only("SF101", claim(source="xinhua")).message


@pytest.mark.parametrize(
    "extra",
    [
        claim(subject="spacesial"),
        '\n[entities.qianfan]\nname = "Qianfan"\nkind = "constellation"\noperator = "spacesial"\n',
        '\n[entities.qianfan]\nname = "Qianfan"\nkind = "constellation"\ndistinct_from = ["spacesial"]\n',
        claim(property="operator", value="spacesial"),
    ],
)
def test_sf102_unknown_entity_everywhere(extra):
    d = only("SF102", extra)
    assert "unknown entity 'spacesial' (did you mean 'spacesail'?)" in d.message
    assert d.location.line > 22  # at the offending field, not at the top of the file


def test_sf102_near_miss():
    ok = '\n[entities.qianfan]\nname = "Qianfan"\nkind = "constellation"\noperator = "spacesail"\n'
    assert "SF102" not in codes(ok + claim(property="operator", value="satnet"))
    base, _ = load(ok)
    assert base.entities["qianfan"].links == (("operator", "spacesail"),)


def test_sf103_unknown_property():
    d = only("SF103", claim(property="planed_size"))
    assert d.message == "unknown property 'planed_size' (did you mean 'planned_size'?)"
    d = only("SF103", '\n[properties.ipo]\ntype = "date"\nbefore = ["ipo_withdrawm"]\n')
    assert "before" in d.message and d.location.line == 25
    assert "SF103" not in codes('\n[properties.ipo]\ntype = "date"\nbefore = ["founded"]\n')


def test_sf104_unknown_field_is_a_warning_with_suggestion():
    d = only("SF104", claim(qoute="x"))
    assert d.message == "unknown field 'qoute' in claim 'c2' (did you mean 'quote'?)"
    assert d.severity == Severity.WARNING and d.location.line == 29
    d = only("SF104", '\n[sources.x]\ntitel = "X"\ntitle = "X"\n')
    assert "did you mean 'title'" in d.message and d.ids == ("x",) and d.location.line == 24
    assert "SF104" in codes("\n[sourcez.x]\ntitle = 1\n")
    assert codes(claim(quote="x", note="n", rank="preferred", key="k", when="2025")) == []


def test_sf105_missing_fields():
    assert "has no 'value'" in only("SF105", claim(value=None)).message
    assert "has no 'title'" in only("SF105", '\n[sources.x]\nurl = "u"\n').message
    assert "has no 'type'" in only("SF105", '\n[properties.p]\nlabel = "p"\n').message
    entity = [d.message for d in load('\n[entities.x]\ndescription = "d"\n')[1]]
    assert entity == ["entity 'x' has no 'name' (required)", "entity 'x' has no 'kind' (required)"]
    assert codes('\n[properties.founded]\nlabel = "set up"\n') == []  # built-ins need no type


def test_claim_without_id_gets_a_derived_id_and_still_runs():
    base, diags = load(claim(id=None, source="caixn-2025"))
    assert [d.code for d in diags] == ["SF105", "SF101"]
    assert base.claims[1].id == "claim-2" and all(d.ids == ("claim-2",) for d in diags)
    assert diags[0].location.line == 23


@pytest.mark.parametrize(
    "extra, field",
    [
        ('\n[sources.x]\ntitle = "X"\ntrust = "high"\n', "trust"),
        ('\n[entities.x]\nname = "X"\nkind = "company"\naliases = "x"\n', "aliases"),
        (claim(hedged="yes"), "hedged"),
        (claim(id=5), "id"),
        ('\n[settings]\nselect = "SF1"\n', "select"),
    ],
)
def test_sf106_wrong_type(extra, field):
    d = only("SF106", extra)
    assert f"field '{field}'" in d.message and " must be " in d.message
    assert d.location.line > 22


def test_sf106_wrong_shapes_do_not_crash():
    assert "SF106" in codes("claims = 5\n", base="")
    assert codes('sources = {x = 1}\n[[claims]]\nid = "a"\n', base="").count("SF106") == 1
    assert "SF106" in codes("\n[[claims.accepted]]\ncode = 5\n")


def test_sf107_duplicate_claim_id_points_at_both():
    d = only("SF107", claim(id="spacesail-size"))
    assert d.location.line == 23 and d.related[0].line == 15 and d.ids == ("spacesail-size",)
    assert "SF107" not in codes(claim(id="spacesail-size-2"))


@pytest.mark.parametrize("extra", [claim(when="sometime"), claim(property="founded", value="2021-13"),
                                   '\n[sources.x]\ntitle = "X"\npublished = "yesterday"\n'])  # fmt: skip
def test_sf108_invalid_date(extra):
    d = only("SF108", extra)
    assert d.location.line > 22


def test_sf109_invalid_quantity():
    d = only("SF109", claim(value="lots of satellites"))
    assert d.message.startswith("value of claim 'c2': ") and d.location.line == 27
    assert "SF109" not in codes(claim(value="500 to 600"))


@pytest.mark.parametrize(
    "extra",
    [
        '\n[sources.x]\ntitle = "X"\nkind = "newz"\n',
        '\n[sources.x]\ntitle = "X"\ntrust = 1.5\n',
        '\n[entities.x]\nname = "X"\nkind = "compnay"\n',
        '\n[properties.p]\ntype = "number"\n',
        claim(rank="best"),
        "\n[settings]\nquote_threshold = 150\n",
        "\n[settings]\nhedged_weight = -1\n",
    ],
)
def test_sf110_invalid_value(extra):
    d = only("SF110", extra)
    assert d.location.line > 22


def test_sf110_near_misses():
    assert codes('\n[sources.x]\ntitle = "X"\nkind = "report"\ntrust = 1\n') == []
    assert codes("\n[settings]\nquote_threshold = 100\nhedged_weight = 0\n") == []


def test_sf111_unknown_rule_codes():
    d = only("SF111", claim(accepted='@[{code = "SF3001", reason = "sources disagree"}]'))
    assert d.message.startswith("unknown rule code 'SF3001'") and d.ids == ("c2",) and d.location.line == 29
    assert "SF111" in codes('\n[settings]\nignore = ["XX1"]\n')
    assert codes('\n[settings]\nselect = ["SF1", "ALL"]\nignore = ["SF101"]\n') == []
    base, diags = load(claim(accepted='@[{code = "SF301", reason = "sources disagree"}]'))
    assert diags == [] and base.claims[1].accepted[0].code == "SF301"
    assert base.claims[1].accepted[0].reason == "sources disagree"


def test_sf112_value_type_mismatch():
    d = only("SF112", claim(property="founded", value=["2020", "2021"]))
    assert "date property 'founded'" in d.message and "not list" in d.message
    assert "SF112" in codes(claim(property="location", value=5))
    assert "SF112" in codes(claim(value=True))
    assert "SF112" not in codes(claim(property="founded", value=2021))


def test_every_problem_is_reported_at_once():
    text = BASE.replace('trust = 0.7', 'trust = "high"').replace('kind = "company"\naliases', 'kind = "firm"\naliases')
    text += claim(id="spacesail-size", source="caixn-2025", qoute="q", property="founded", value="never")
    got = sorted(d.code for d in load_text(text, "f.toml")[1])
    assert got == ["SF101", "SF104", "SF106", "SF107", "SF108", "SF110"]
    assert all(d.location is not None and d.location.file == "f.toml" for d in load_text(text, "f.toml")[1])


# ---- positions -------------------------------------------------------------------------


def test_headers_inside_multiline_strings_do_not_shift_claim_positions():
    text = BASE.replace('quote = "more than 14,000 satellites"', 'note = """\n[[claims]]\n"""') + claim(id="x")
    base, diags = load_text(text, "f.toml")
    assert diags == []
    assert [c.location.line for c in base.claims] == [15, 25]


def test_indented_and_quoted_headers():
    text = '  [sources."caixin-2025"]\ntitle = "C"\n\n[ entities . spacesail ]\nname = "S"\nkind = "company"\n'
    text += '\n  [[claims]]\nid = "a"\nsubject = "spacesail"\nproperty = "location"\nvalue = "x"\n'
    text += 'source = "caixin-2025"\n'
    base, diags = load_text(text, "f.toml")
    assert diags == []
    assert base.sources["caixin-2025"].location.column == 3
    assert base.entities["spacesail"].location.line == 4
    assert (base.claims[0].location.line, base.claims[0].location.column) == (8, 3)


def test_inline_tables_still_get_a_location():
    text = 'sources = { x = { title = "X", trust = "high" } }\n'
    d = only("SF106", base=text)
    assert d.location.line == 1


def test_fast_path_builds_the_same_claims_as_the_full_path(monkeypatch):
    text = (ROOT / "facts.toml").read_text(encoding="utf-8") if (ROOT / "facts.toml").exists() else BASE
    fast, fast_diags = load_text(text, "f.toml")
    monkeypatch.setattr(loader_mod._FastClaims, "claim", lambda self, raw, index: None)
    slow, slow_diags = load_text(text, "f.toml")
    assert fast.claims == slow.claims and fast_diags == slow_diags
    # the same form too: a plain claim is built straight into the short tuple Claim(...) picks
    assert [type(c) for c in fast.claims] == [type(c) for c in slow.claims]


def test_fast_path_reports_duplicate_ids_as_the_full_path_does(monkeypatch):
    """A duplicate id among claims the fast path can build (or the full path reads) gives the full path's
    SF107, at the same place, and keeps each claim, in order."""
    text = BASE + "".join(claim(id=i, value=v) for i, v in (("d1", 1), ("d2", 2), ("d1", 3), ("d3", "x"), ("d3", 4)))
    fast, fast_diags = load_text(text, "f.toml")
    monkeypatch.setattr(loader_mod._FastClaims, "claim", lambda self, raw, index: None)
    slow, slow_diags = load_text(text, "f.toml")
    assert fast.claims == slow.claims and fast_diags == slow_diags
    assert [type(c) for c in fast.claims] == [type(c) for c in slow.claims]
    assert [c.id for c in fast.claims][-5:] == ["d1", "d2", "d1", "d3", "d3"]
    assert [d.code for d in fast_diags if d.code == "SF107"] == ["SF107", "SF107"]


def test_fast_path_reads_accepted_findings_as_the_full_path_does(monkeypatch):
    kinds = [
        '@[{code = "SF301", reason = "sources disagree"}]',
        '@[{reason = "two", code = "SF302"}, {code = "SF204", reason = "long quote"}]',
        "@[]",
        '@[{code = "SF3001", reason = "typo"}]',  # SF111
        '@[{code = "SF301"}]',  # SF105: no reason
        '@[{code = "SF301", reason = "r", by = "me"}]',  # SF104
        '@[{code = "SF301", reason = 5}]',  # SF106
        '@["SF301"]',  # SF106: not a table
    ]
    text = BASE + "".join(claim(id=f"a{n}", accepted=a) for n, a in enumerate(kinds))
    text += '\n[[claims]]\nid = "sub"\nsubject = "spacesail"\nproperty = "planned_size"\nvalue = 1\n'
    text += 'source = "caixin-2025"\n\n[[claims.accepted]]\ncode = "SF301"\nreason = "a sub-table"\n'
    fast, fast_diags = load_text(text, "f.toml")
    monkeypatch.setattr(loader_mod._FastClaims, "claim", lambda self, raw, index: None)
    slow, slow_diags = load_text(text, "f.toml")
    assert fast.claims == slow.claims and fast_diags == slow_diags
    # the `accepted = ` line; for [[claims.accepted]] sub-tables, the claim's own header
    assert [c.accepted[0].location.line for c in fast.claims if c.id in ("a0", "sub")] == [29, 87]
    assert sorted({d.code for d in fast_diags}) == ["SF104", "SF105", "SF106", "SF111"]


def test_builtin_override_keeps_unset_fields():
    base, _ = load('\n[properties.satellites_in_orbit]\nlabel = "operational"\n')
    p = base.properties["satellites_in_orbit"]
    assert p.label == "operational" and p.cumulative and p.temporal and p.location.line == 23
    assert replace(p, label="") != p


# ---- the hard errors -------------------------------------------------------------------


def test_toml_syntax_error_has_line_and_column():
    with pytest.raises(SpacefactsError) as err:
        load_text('[sources.x]\ntitle = "X"\nurl = [1,\n', "f.toml")
    assert err.value.location.startswith("f.toml:4:")
    assert err.value.message.startswith("TOML syntax error: ") and "\n" not in str(err.value)
    assert "(at" not in err.value.message and "line" not in err.value.message
    with pytest.raises(SpacefactsError, match=r"^f\.toml:2:5: TOML syntax error: \S"):
        load_text('[a]\nb = = 1\n', "f.toml")


@pytest.mark.parametrize("text", ["", "   \n\t\n", "# just a comment\n\n# another\n"])
def test_empty_files(text):
    with pytest.raises(SpacefactsError, match="empty fact file"):
        load_text(text, "f.toml")


def test_unreadable_paths(tmp_path):
    cases = {"binary.toml": b"a = 1\n\x00\x01", "latin1.toml": 'title = "caf\xe9"\n'.encode("latin-1")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for name in [*cases, "missing.toml", "."]:
        with pytest.raises(SpacefactsError) as err:
            load_file(tmp_path / name)
        assert str(tmp_path) in str(err.value)
    (tmp_path / "ok.toml").write_text(BASE, encoding="utf-8")
    base, diags = load_file(tmp_path / "ok.toml")
    assert diags == [] and base.path == str(tmp_path / "ok.toml")


@pytest.mark.parametrize("rel", toml_1_0_invalid() or ["(toml-test absent)"])
def test_toml_test_invalid_files_raise_with_a_line_number(rel):
    path = need(EXT / "toml-test" / rel)
    with pytest.raises(SpacefactsError) as err:
        load_file(path)
    assert re.search(r":\d+(:\d+)?$", err.value.location or ""), str(err.value)
    assert "\n" not in str(err.value)


# ---- the format reference never drifts from the loader ---------------------------------


def _doc_examples() -> list[tuple[int, str]]:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1))
            for m in re.finditer(r"^```toml\n(.*?)^```", text, re.S | re.M)]  # fmt: skip


@pytest.mark.parametrize("line, block", _doc_examples(), ids=lambda v: f"line{v}" if isinstance(v, int) else "")
def test_format_doc_examples_load_without_errors(line, block):
    base, diags = load_text(block, f"docs/format.md@{line}")
    errors = [f"{d.location} {d.code} {d.message}" for d in diags if d.severity >= Severity.ERROR]
    assert errors == []
    assert base.claims or base.sources or base.entities or base.properties


def test_format_doc_has_the_issue_cases():
    blocks = "\n".join(b for _, b in _doc_examples())
    for needle in ("early 2020", "around 13,000", "more than 14,000", "over 1,000", "648", "2025-01-23",
                   "500 to 600", "6.7 billion", "924 million", "January 2019", "before = "):  # fmt: skip
        assert needle in blocks, needle


def test_claims_as_an_inline_array_are_located_by_id():
    text = 'claims = [\n  {id = "a", subject = "spacesail", property = "location", value = "x",'
    text += ' source = "caixin-2025"},\n'
    text += '  {id = "b", subject = "spacesial", property = "location", value = "y", source = "caixin-2025"},\n]\n'
    text += BASE.split("[[claims]]")[0]
    base, diags = load_text(text, "f.toml")
    assert [c.location.line for c in base.claims] == [2, 3]
    assert [(d.code, d.location.line) for d in diags] == [("SF102", 3)]


def test_table_header_text_inside_a_multiline_string_is_not_a_header():
    text = 'note = """\n[sources.caixin-2025]\n"""\n\n' + BASE.replace('trust = 0.7', 'trust = 7')
    d = only("SF110", base=text)
    assert d.location.line == 8  # the real trust line, not a line inside the string


def _parsers():
    """Every TOML parser the loader can use: toml-rs when installed, tomli (its fallback), tomllib (tomli's)."""
    import importlib
    import tomllib

    import tomli

    out = [pytest.param(tomli, id="tomli"), pytest.param(tomllib, id="tomllib")]
    try:
        importlib.import_module("toml_rs")
        out.insert(0, pytest.param(tomlparse, id="toml-rs"))
    except ImportError:
        out.insert(0, pytest.param(None, id="toml-rs", marks=pytest.mark.skip(reason="toml-rs is not installed")))
    return out


@pytest.mark.parametrize("parser", _parsers())
def test_every_parser_reports_the_same_position_on_one_line(monkeypatch, parser):
    monkeypatch.setattr(loader_mod, "_toml", parser)
    for text, where in [("[a]\nb = = 1\n", "f.toml:2:5"), ('[a]\nb = "x"\nc = "unclosed\n', "f.toml:3:")]:
        with pytest.raises(SpacefactsError) as err:
            load_text(text, "f.toml")
        assert str(err.value).startswith(f"{where}") and "TOML syntax error: " in str(err.value)
        assert "\n" not in str(err.value) and "(at" not in str(err.value) and "parse error" not in str(err.value)
    assert load_text(BASE, "f.toml")[1] == []


def test_the_parser_gives_what_tomli_gives_on_the_shipped_file():
    import tomli

    text = (ROOT / "facts.toml").read_text(encoding="utf-8")
    assert tomlparse.loads(text) == tomli.loads(text)


@pytest.mark.parametrize("text", [
    'a = { b = 1,\n c = 2 }\n',  # TOML 1.1: newlines in an inline table
    'a = { b = 1, }\n',  # TOML 1.1: a trailing comma in an inline table
    'a = "\\e"\n',  # TOML 1.1: the \\e escape
    'a = 07:32\n',  # TOML 1.1: a time without seconds
])  # fmt: skip
def test_toml_1_1_syntax_is_rejected(text):
    with pytest.raises(SpacefactsError, match="TOML syntax error"):
        load_text(text, "f.toml")


def test_format_doc_lists_every_builtin_property_and_field():
    from spacefacts.builtin import BUILTIN_PROPERTIES

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for pid in BUILTIN_PROPERTIES:
        assert f"| `{pid}` |" in doc, pid
    for fields in (loader_mod.SETTINGS_FIELDS, loader_mod.SOURCE_FIELDS, loader_mod.ENTITY_FIELDS,
                   loader_mod.PROPERTY_FIELDS, loader_mod.CLAIM_FIELDS):  # fmt: skip
        for field in fields:
            assert f"`{field}`" in doc, field


def test_windows_line_endings_keep_positions():
    text = (BASE + claim(source="caixn-2025")).replace("\n", "\r\n")
    base, diags = load_text(text, "f.toml")
    assert [c.location.line for c in base.claims] == [15, 23]
    assert [(d.code, d.location.line) for d in diags] == [("SF101", 28)]


def test_without_the_toml_rs_wheel_tomli_parses():
    import subprocess
    import sys

    code = ("import sys; sys.modules['toml_rs'] = None\n"  # as if its wheel were missing: import fails
            "from spacefacts import tomlparse\n"
            "from spacefacts.loader import load_text\n"
            "print(tomlparse.NAME, len(load_text(open(sys.argv[1], encoding='utf-8').read())[0].claims))")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "facts.toml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    name, claims = done.stdout.split()
    assert name == "tomli" and int(claims) > 0
