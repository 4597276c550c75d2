"""docs/facts.schema.json: the shipped fact files and the docs examples validate; wrong files do not."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import tomli
from conftest import ROOT, need

from spacefacts import loader

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((ROOT / "docs" / "facts.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def as_json(value):
    """TOML data as JSON data: dates and times become ISO strings, as editors present them."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(as_json(tomli.loads(text)))]


def test_schema_is_valid_draft7():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", ["facts.toml"])
def test_shipped_fact_files_validate(name):
    path = need(ROOT / name)
    assert errors(path.read_text(encoding="utf-8")) == []


def _doc_blocks() -> list[str]:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    return re.findall(r"^```toml\n(.*?)^```", text, re.S | re.M)


@pytest.mark.parametrize("block", _doc_blocks())
def test_docs_examples_validate(block):
    assert errors(block) == []


def test_schema_fields_match_the_loader():
    props = SCHEMA["properties"]
    assert set(props) == set(loader.TOP_FIELDS)
    assert set(props["settings"]["properties"]) == set(loader.SETTINGS_FIELDS)
    for table, fields in (("sources", loader.SOURCE_FIELDS), ("entities", loader.ENTITY_FIELDS),
                          ("properties", loader.PROPERTY_FIELDS)):  # fmt: skip
        assert set(props[table]["additionalProperties"]["properties"]) == set(fields), table
    claim = props["claims"]["items"]
    assert set(claim["properties"]) == set(loader.CLAIM_FIELDS)
    assert set(claim["properties"]["accepted"]["items"]["properties"]) == set(loader.ACCEPTED_FIELDS)
    assert claim["properties"]["rank"]["enum"] and props["sources"]["additionalProperties"]["properties"]["kind"][
        "enum"] == list(loader.SOURCE_KINDS)  # fmt: skip


GOOD = """
[sources.caixin-2025]
title = "Cover Story"
published = 2025-02-24

[entities.spacesail]
name = "Spacesail"
kind = "company"

[[claims]]
id = "a"
subject = "spacesail"
property = "planned_size"
value = "more than 14,000"
source = "caixin-2025"
when = 2025
"""


def test_good_file_validates():
    assert errors(GOOD) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (('title = "Cover Story"', 'titel = "Cover Story"'), "'title' is a required property"),
        (('title = "Cover Story"', 'title = "Cover Story"\ntrust = "high"'), "is not of type 'number'"),
        (('title = "Cover Story"', 'title = "Cover Story"\ntrust = 1.5'), "greater than the maximum"),
        (('kind = "company"', 'kind = "compnay"'), "is not one of"),
        (('kind = "company"', 'kind = "company"\naliases = "x"'), "is not of type 'array'"),
        (('id = "a"', 'id = "a"\nhedged = "yes"'), "is not of type 'boolean'"),
        (('id = "a"', 'id = "a"\nqoute = "x"'), "Additional properties are not allowed ('qoute'"),
        (('id = "a"\n', ""), "'id' is a required property"),
        (('id = "a"', 'id = "a"\naccepted = [{code = "SF3001", reason = "r"}]'), "does not match"),
        (("[sources.", "[sourcez."), "Additional properties are not allowed ('sourcez'"),
    ],
)
def test_schema_rejects_wrong_files(change, expected):
    old, new = change
    assert old in GOOD
    found = errors(GOOD.replace(old, new, 1))
    assert any(expected in e for e in found), found
