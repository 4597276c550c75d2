"""Property-based: valid fact files mutated at random never make the loader or the checks raise.

A small valid fact file (as a dict) has fields deleted, retyped and replaced by odd values, claims
duplicated and records replaced wholesale; it is written back as TOML by a tiny serializer, then loaded,
linted and checked. No exception may escape, and every finding must have a location.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math

import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacefacts.checks import Context, finalize, run_checks
from spacefacts.errors import SpacefactsError
from spacefacts.loader import CLAIM_FIELDS, ENTITY_FIELDS, PROPERTY_FIELDS, SETTINGS_FIELDS, SOURCE_FIELDS, load_text

VALID = {
    "settings": {"ignore": ["SF204"], "hedged_weight": 0.5},
    "sources": {
        "caixin-2025": {"title": "Cover Story", "published": "2025-02-24", "kind": "news", "trust": 0.7},
        "promo": {"title": "Shanghai's cosmos", "kind": "promotional", "trust": 0.2},
    },
    "entities": {
        "satnet": {"name": "China Satellite Network Group", "kind": "company", "aliases": ["China SatNet"]},
        "guowang": {"name": "Guowang", "kind": "constellation", "operator": "satnet"},
        "spacesail": {"name": "Spacesail", "kind": "company", "distinct_from": ["satnet"]},
    },
    "properties": {
        "ipo_accepted": {"type": "date", "before": ["ipo_withdrawn"]},
        "ipo_withdrawn": {"type": "date"},
        "target": {"type": "quantity", "unit": "satellites", "plan": True, "multi": True, "tolerance": 5},
    },
    "claims": [
        {"id": "a", "subject": "satnet", "property": "founded", "value": "early 2020", "hedged": True,
         "source": "promo", "quote": "is said to have been established in early 2020"},
        {"id": "b", "subject": "satnet", "property": "founded", "value": "2021", "source": "caixin-2025"},
        {"id": "c", "subject": "guowang", "property": "planned_size", "value": "around 13,000",
         "source": "caixin-2025", "as_of": "2025-02"},
        {"id": "d", "subject": "spacesail", "property": "target", "value": "over 1,000", "when": "2027",
         "key": "by-2027", "source": "caixin-2025"},
        {"id": "e", "subject": "spacesail", "property": "satellites_in_orbit", "value": 72, "as_of": "2025-01-23",
         "source": "caixin-2025", "accepted": [{"code": "SF301", "reason": "checked"}]},
        {"id": "f", "subject": "spacesail", "property": "ipo_accepted", "value": "December 2022",
         "source": "caixin-2025", "rank": "preferred"},
    ],
}  # fmt: skip

FIELDS = {"settings": SETTINGS_FIELDS, "sources": SOURCE_FIELDS, "entities": ENTITY_FIELDS,
          "properties": PROPERTY_FIELDS, "claims": CLAIM_FIELDS}  # fmt: skip

# ---- a tiny TOML writer --------------------------------------------------------------------


def string(s: str) -> str:
    """A TOML basic string (JSON escapes, but astral characters raw and DEL escaped, as TOML needs)."""
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def key(k: str) -> str:
    return string(k)


def value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def dump(doc: dict) -> str:
    """TOML for doc: scalars first, then [tables], [table.sub] for nested tables, [[claims]] for a claim list."""
    head, body = [], []
    for k, v in doc.items():
        if isinstance(v, dict):
            body.append(f"[{key(k)}]")
            body.extend(f"{key(sk)} = {value(sv)}" for sk, sv in v.items() if not isinstance(sv, dict))
            for sk, sv in v.items():
                if isinstance(sv, dict):
                    body.append(f"\n[{key(k)}.{key(sk)}]")
                    body.extend(f"{key(fk)} = {value(fv)}" for fk, fv in sv.items())
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for item in v:
                body.append(f"\n[[{key(k)}]]")
                body.extend(f"{key(fk)} = {value(fv)}" for fk, fv in item.items())
        else:
            head.append(f"{key(k)} = {value(v)}")
    return "\n".join(head + body) + "\n"


def test_serializer_round_trips():
    assert tomli.loads(dump(VALID)) == VALID


# ---- every field retyped, exhaustively --------------------------------------------------

RETYPED = ["", "odd text", 0, -1, 2.5, float("nan"), True, dt.date(2020, 1, 1), dt.time(12, 0), [], ["a", "b"], [1],
           {}, {"code": "SF301"}, [{"code": "SF301", "reason": "r"}], [{"x": 1}]]  # fmt: skip


def _records(doc: dict, table: str) -> list[dict]:
    if table == "settings":
        return [doc["settings"]]
    return doc[table] if table == "claims" else list(doc[table].values())


def test_every_field_of_every_table_retyped_never_raises():
    for table, fields in FIELDS.items():
        for field in fields:
            for odd_value in RETYPED:
                doc = copy.deepcopy(VALID)
                for record in _records(doc, table):
                    record[field] = odd_value
                base, diags = load_text(dump(doc), "mutant.toml")
                diags += run_checks(base, Context(), ("lint", "check"))
                assert all(d.location is not None and d.location.line >= 1 for d in finalize(base, diags)), (
                    table, field, odd_value)  # fmt: skip


# ---- mutations -------------------------------------------------------------------------

ODD_STRINGS = ["", " ", "early 2020", "2020-13", "2021-02-30", "around", "more than 14,000", "500 to 600", "SF101",
               "SF9", "../..", "Q5 2016", "1e999", "spacesail", "9999-12-31~", "0000", "-5", "nan", "date", "list",
               "deprecated", "caixin-2025", "founded", "ipo_withdrawn", "[[claims]]", '"""',
               "é ü 中文"]  # fmt: skip
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
scalars = st.one_of(
    st.sampled_from(ODD_STRINGS), text, st.integers(-(2**63), 2**63 - 1), st.floats(), st.booleans(),
    st.dates(), st.times(),
)  # fmt: skip
odd = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.sampled_from(["code", "reason", "x"]) | text, scalars, max_size=2),
    st.lists(st.fixed_dictionaries({"code": scalars, "reason": scalars}), max_size=2),
)


def mutate(doc: dict, draw) -> None:
    """Apply one random mutation to doc in place."""
    table = draw(st.sampled_from(sorted(FIELDS)))
    action = draw(st.sampled_from(["delete", "set", "set", "set", "record", "duplicate", "table"]))
    if action == "table":
        doc[table] = draw(odd)
        return
    container = doc.get(table)
    if table == "settings":
        records = [container] if isinstance(container, dict) else []
    elif isinstance(container, dict):
        records = list(container.values())
    elif isinstance(container, list):
        records = container
    else:
        return
    if not records:
        return
    index = draw(st.integers(0, len(records) - 1))
    record = records[index]
    if action == "duplicate" and isinstance(container, list):
        container.append(copy.deepcopy(record))
    elif action == "record" and table != "settings":
        if isinstance(container, list):
            container[index] = draw(odd)
        else:
            container[list(container)[index]] = draw(odd)
    elif isinstance(record, dict):
        field = draw(st.sampled_from(sorted(FIELDS[table])) | text)
        if action == "delete":
            record.pop(field, None)
            if record and draw(st.booleans()):
                record.pop(draw(st.sampled_from(sorted(record))))
        else:
            record[field] = draw(odd)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_files_never_raise_and_every_finding_has_a_location(data):
    doc = copy.deepcopy(VALID)
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        mutate(doc, data.draw)
    toml = dump(doc)
    try:
        base, diags = load_text(toml, "mutant.toml")
    except SpacefactsError as exc:  # only possible when every table was removed
        assert str(exc) == "mutant.toml:1:1: empty fact file" and not tomli.loads(toml)
        return
    diags = diags + run_checks(base, Context(), ("lint", "check"))
    for d in finalize(base, diags):
        assert d.location is not None, d
        assert d.location.file == "mutant.toml" or d.location.file, d
        assert d.location.line >= 1 and d.location.column >= 1, d
