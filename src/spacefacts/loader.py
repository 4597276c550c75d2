"""Text -> (FactBase, diagnostics). Never raises on bad user data.

`load_text` and `load_file` raise SpacefactsError only when no fact base can be
built at all: a TOML syntax error, an empty file, or an unreadable path. Every
other problem becomes a Diagnostic (rules SF101-SF115, documented in spacefacts.rules) with a
file:line:col location, and loading goes on to find the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from spacefacts import tomlparse as _toml
from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.dates import DateValue, parse_date
from spacefacts.diagnostics import RULES, Diagnostic, diagnostic, is_known_pattern
from spacefacts.errors import EmptyFactFile, SpacefactsError
from spacefacts.gcpause import paused_gc
from spacefacts.locate import Locator
from spacefacts.model import (
    DATE,
    ENTITY,
    LIST,
    NORMAL,
    PROPERTY_TYPES,
    QUANTITY,
    RANKS,
    TEXT,
    Accepted,
    Claim,
    Entity,
    FactBase,
    Location,
    Property,
    Settings,
    Source,
    plain_claim,
)
from spacefacts.units import EMPTY, Units, claim_quantity, declare
from spacefacts.similarity import COMPARE_CHOICES
from spacefacts.text import did_you_mean, name_key

SOURCE_KINDS = ("news", "analysis", "report", "official", "reference", "promotional", "dataset", "other")
ENTITY_KINDS = (
    "company", "constellation", "program", "mission", "vehicle", "agency", "person", "place", "document",
    "organization", "event", "facility", "satellite", "other",
)  # fmt: skip
LINK_FIELDS = ("operator", "parent", "located_in", "developer", "program", "vehicle", "owner", "manufacturer")

# Field specs: field name -> expected kind (see _TYPE_OK).
SETTINGS_FIELDS = {
    "select": "strlist", "ignore": "strlist", "quote_threshold": "number", "duplicate_threshold": "number",
    "hedged_weight": "number", "texts": "str", "include": "strlist",
}  # fmt: skip
SOURCE_FIELDS = {
    "title": "str", "publisher": "str", "author": "str", "published": "date", "url": "str", "kind": "str",
    "trust": "number", "text": "str",
}  # fmt: skip
ENTITY_FIELDS = {
    "name": "str", "kind": "str", "aliases": "strlist", "distinct_from": "strlist", "description": "str",
    **{f: "str" for f in LINK_FIELDS},
}  # fmt: skip
PROPERTY_FIELDS = {
    "type": "str", "label": "str", "unit": "str", "multi": "bool", "temporal": "bool", "cumulative": "bool",
    "plan": "bool", "tolerance": "number", "minimum": "bound", "maximum": "bound", "before": "strlist",
    "count_of": "str", "sum_of": "str", "description": "str", "cues": "strlist", "compare": "str",
    "confirmed_by": "strlist",
}  # fmt: skip
CLAIM_FIELDS = {
    "id": "str", "subject": "str", "property": "str", "value": "any", "unit": "str", "when": "date",
    "as_of": "date", "key": "str", "source": "str", "quote": "str", "rank": "str", "hedged": "bool",
    "note": "str", "accepted": "tables", "label": "str", "record": "str",
}  # fmt: skip
ACCEPTED_FIELDS = {"code": "str", "reason": "str"}
TOP_FIELDS = {"settings": "table", "sources": "table", "entities": "table", "properties": "table", "units": "table",
              "claims": "tables"}

_NAMES = {
    "str": "a string", "bool": "true or false", "number": "a number", "strlist": "a list of strings",
    "date": "a date (string)", "bound": "a number or a date", "table": "a table", "tables": "a list of tables",
}  # fmt: skip


_PLAIN_PROPERTY_FIELDS = ("label", "unit", "multi", "temporal", "cumulative", "plan", "description", "count_of",
                          "sum_of")  # fmt: skip
_EXPECTED = {DATE: "a date", QUANTITY: "a number or quantity text", TEXT: "a string", ENTITY: "an entity id",
             LIST: "a list of strings"}  # fmt: skip


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_date(v: object) -> bool:
    return isinstance(v, (str, dt.date)) or (isinstance(v, int) and not isinstance(v, bool))


_TYPE_OK = {
    "str": lambda v: isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "number": _is_number,
    "strlist": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "date": _is_date,
    "bound": lambda v: _is_number(v) or _is_date(v),
    "table": lambda v: isinstance(v, dict),
    "tables": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    "any": lambda v: True,
}


def _type_name(v: object) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "list"
    if isinstance(v, dict):
        return "table"
    if isinstance(v, (dt.date, dt.time)):
        return "TOML date/time"
    return type(v).__name__


def _date_text(v: object) -> str:
    """A date field as text: TOML dates and bare years are accepted as well as strings."""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


class _Where:
    """One record being loaded: what to call it, its ids and how to locate its keys."""

    __slots__ = ("label", "ids", "index", "loc", "_header")

    def __init__(self, label: str, ids: tuple[str, ...], index: int | None, loc: Locator, header: Location):
        self.label, self.ids, self.index, self.loc, self._header = label, ids, index, loc, header

    def at(self, key: str | None = None) -> Location:
        if key is None or self.index is None:
            return self._header
        return self.loc.key(self.index, key)


class _Loader:
    """One load: walks the parsed tables in order (settings, sources, entities, properties, claims),
    builds the records and collects diagnostics in self.diags."""

    def __init__(self, text: str, path: str, data: dict[str, Any], loc: Locator,
                 pieces: Iterator[dict] | None = None) -> None:
        self.path = path
        self.data = data
        self.loc = loc
        self.pieces = pieces  # the claims, parsed a piece at a time (_pieces), when not in data
        claims = data.get("claims")
        if self.loc.repeated or (isinstance(claims, list) and len(self.loc.claims) != len(claims)):
            self.loc = Locator(text, path, exact=True)
        self.diags: list[Diagnostic] = []
        self.hints: dict[tuple | None, str] = {}
        # filled by entities() and properties(), read by references() and claims()
        self.entity_refs: list[tuple[str, str, _Where]] = []  # (field, target id, where)
        self.property_refs: list[tuple[str, str, _Where]] = []
        self.bad_types: set[str] = set()  # declared properties without a usable type
        self.names: dict[str, list[str]] | None = None  # name_key of each entity name and alias -> ids
        self.all_names: list[str] | None = None  # entity ids, names and aliases: the did-you-mean choices
        self.units: Units = EMPTY  # the conversions claims() uses: this file's [units] or the fact base's
        self.declared_units: Units = EMPTY  # this file's [units] table (unit_table, in the first step)

    # -- helpers ---------------------------------------------------------------------

    def hint(self, word: str, choices) -> str:
        """did_you_mean, memoised for this load (a renamed id can make thousands of claims miss the same way)."""
        key = (word, id(choices)) if isinstance(word, str) else None
        if key not in self.hints:
            self.hints[key] = did_you_mean(word, choices)
        return self.hints[key]

    def entity_ref(self, name: str, entities: dict, where: _Where, key: str, what: str = "") -> str:
        """The id `name` names: an entity id as it is, or an entity's name or alias (compared as
        text.name_key does), reported as SF113 with the id. An unknown or shared name is SF102, with
        the closest id or alias as a suggestion; it is returned as written."""
        if name in entities:
            return name
        if self.names is None:
            self.names = {}
            for e in entities.values():
                for n in {name_key(x) for x in e.names}:
                    self.names.setdefault(n, []).append(e.id)
        ids = self.names.get(name_key(name), []) if isinstance(name, str) else []
        if len(ids) == 1:
            self.emit("SF113", f"{what}'{name}' resolves to entity '{ids[0]}'", where.at(key), where.ids)
            return ids[0]
        if ids:
            self.emit("SF102", f"{what}'{name}' names several entities: {', '.join(ids)}; write the id",
                      where.at(key), where.ids)
            return name
        if self.all_names is None:
            self.all_names = [*entities, *(a for e in entities.values() for a in e.names)]
        self.emit("SF102", f"{what}unknown entity '{name}'{self.hint(name, self.all_names)}", where.at(key),
                  where.ids)
        return name

    def emit(self, code: str, message: str, location: Location, ids: tuple[str, ...] = (), **kw) -> None:
        self.diags.append(diagnostic(code, message, location, ids, **kw))

    def fields(self, table: dict, spec: dict[str, str], where: _Where) -> dict[str, Any]:
        """Report unknown fields (SF104) and wrong types (SF106); return the fields that are usable."""
        if spec.keys() >= table.keys():
            bad = [k for k, v in table.items() if not _TYPE_OK[spec[k]](v)]
            if not bad:
                return table
        out = {}
        for k, v in table.items():
            kind = spec.get(k)
            if kind is None:
                hint = self.hint(k, spec)
                self.emit("SF104", f"unknown field '{k}' in {where.label}{hint}", where.at(k), where.ids)
            elif not _TYPE_OK[kind](v):
                self.emit(
                    "SF106", f"field '{k}' of {where.label} must be {_NAMES[kind]}, not {_type_name(v)}",
                    where.at(k), where.ids,
                )  # fmt: skip
            else:
                out[k] = v
        return out

    def required(self, raw: dict, names: tuple[str, ...], where: _Where) -> None:
        """Report SF105 for each of names missing from the table as written."""
        for name in names:
            if name not in raw:
                self.emit("SF105", f"{where.label} has no '{name}' (required)", where.at(), where.ids)

    def enum(self, values: dict, key: str, allowed: tuple[str, ...], where: _Where, default: str) -> str:
        """values[key] when it is one of allowed (or absent: default); else SF110 and the default."""
        v = values.get(key, default)
        if v in allowed:
            return v
        hint = self.hint(v, allowed)
        self.emit(
            "SF110", f"{key} '{v}' of {where.label} is not one of: {', '.join(allowed)}{hint}", where.at(key), where.ids
        )
        return default

    def date(self, raw: object, key: str, where: _Where) -> DateValue | None:
        try:
            return parse_date(_date_text(raw))
        except ValueError as exc:
            self.emit("SF108", f"{key} of {where.label}: {exc}", where.at(key), where.ids)
            return None

    def records(self, kind: str, noun: str, spec: dict[str, str]) -> Iterator[tuple[str, dict, _Where, dict]]:
        """(id, table as written, where, usable fields) for each record of the [kind] table.

        A record that is not a table is reported (SF106) and skipped.
        """
        table = self.data.get(kind)
        for rid, raw in (table.items() if isinstance(table, dict) else ()):
            where = self.record(kind, rid, f"{noun} '{rid}'")
            if not isinstance(raw, dict):
                self.emit("SF106", f"{where.label} must be a table, not {_type_name(raw)}", where.at(), where.ids)
                continue
            yield rid, raw, where, self.fields(raw, spec, where)

    def record(self, kind: str, rid: str, label: str) -> _Where:
        index = self.loc.tables.get((kind, rid))
        if index is None:  # defined inline or with dotted keys: point at the enclosing table
            parent = self.loc.tables.get((kind,))
            header = self.loc.find(rid) if parent is None else self.loc.header(parent)
            return _Where(label, (rid,), None, self.loc, header)
        return _Where(label, (rid,), index, self.loc, self.loc.header(index))

    # -- tables ----------------------------------------------------------------------

    def top(self) -> None:
        for k, v in self.data.items():
            kind = TOP_FIELDS.get(k)
            index = self.loc.tables.get((k,))
            if kind is None:
                at = self.loc.header(index) if index is not None else self.loc.key(None, k)
                hint = self.hint(k, TOP_FIELDS)
                self.emit("SF104", f"unknown table '{k}' in the fact file{hint}", at)
            elif not _TYPE_OK[kind](v) and not (k == "claims" and isinstance(v, list)):
                # (each non-table claim in a list is reported by claims())
                self.emit("SF106", f"'{k}' must be {_NAMES[kind]}, not {_type_name(v)}", self.loc.header(index))

    def settings(self) -> Settings:
        raw = self.data.get("settings")
        if not isinstance(raw, dict):
            return Settings()
        index = self.loc.tables.get(("settings",))
        where = _Where("[settings]", (), index, self.loc, self.loc.header(index))
        v = self.fields(raw, SETTINGS_FIELDS, where)
        kw: dict[str, Any] = {}
        for key in ("select", "ignore"):
            if key in v:
                kw[key] = tuple(v[key])
                for pattern in v[key]:
                    self.rule_code(pattern, where.at(key), (), prefix=True)
        for key, high in (("quote_threshold", 100), ("duplicate_threshold", 100), ("hedged_weight", 1)):
            if key in v:
                if 0 <= v[key] <= high:
                    kw[key] = float(v[key])
                else:
                    self.emit("SF110", f"{key} = {v[key]} in [settings] is outside 0..{high}", where.at(key))
        if "texts" in v:
            kw["texts"] = v["texts"]
        if "include" in v:
            kw["include"] = tuple(v["include"])
        return Settings(location=where.at(), **kw)

    def sources(self) -> dict[str, Source]:
        out = {}
        for sid, raw, where, v in self.records("sources", "source", SOURCE_FIELDS):
            self.required(raw, ("title",), where)
            trust = v.get("trust", 0.5)
            if not 0 <= trust <= 1:
                self.emit("SF110", f"trust {trust} of {where.label} is outside 0..1", where.at("trust"), where.ids)
                trust = 0.5
            out[sid] = Source(
                id=sid, title=v.get("title", ""), location=where.at(), publisher=v.get("publisher", ""),
                author=v.get("author", ""),
                published=self.date(v["published"], "published", where) if "published" in v else None,
                url=v.get("url", ""), kind=self.enum(v, "kind", SOURCE_KINDS, where, "news"), trust=float(trust),
                text=v.get("text"),
            )  # fmt: skip
        return out

    def entities(self) -> dict[str, Entity]:
        out = {}
        for eid, raw, where, v in self.records("entities", "entity", ENTITY_FIELDS):
            self.required(raw, ("name", "kind"), where)
            links = tuple((f, v[f]) for f in LINK_FIELDS if f in v)
            distinct = tuple(v.get("distinct_from", ()))
            self.entity_refs.extend((f, t, where) for f, t in links)
            self.entity_refs.extend(("distinct_from", t, where) for t in distinct)
            out[eid] = Entity(
                id=eid, name=v.get("name", eid), kind=self.enum(v, "kind", ENTITY_KINDS, where, "other"),
                location=where.at(), aliases=tuple(v.get("aliases", ())), links=links, distinct_from=distinct,
                description=v.get("description", ""),
            )  # fmt: skip
        return out

    def properties(self) -> dict[str, Property]:
        out = dict(BUILTIN_PROPERTIES)
        for pid, raw, where, v in self.records("properties", "property", PROPERTY_FIELDS):
            base = BUILTIN_PROPERTIES.get(pid)
            if base is None:
                self.required(raw, ("type",), where)
            if "type" in v:
                ptype = self.enum(v, "type", PROPERTY_TYPES, where, "")
            else:
                ptype = base.type if base else ""
            if not ptype:  # no usable type: its claims' values cannot be read
                self.bad_types.add(pid)
                ptype = base.type if base else TEXT
            kw: dict[str, Any] = {"id": pid, "type": ptype, "location": where.at(), "builtin": False}
            for key in _PLAIN_PROPERTY_FIELDS:
                if key in v:
                    kw[key] = v[key]
            if "tolerance" in v:
                if v["tolerance"] >= 0:
                    kw["tolerance"] = float(v["tolerance"])
                else:
                    self.emit("SF110", f"tolerance of {where.label} must not be negative", where.at("tolerance"),
                              where.ids)  # fmt: skip
            for key in ("minimum", "maximum"):
                if key in v:
                    kw[key] = self.bound(v[key], key, ptype, where)
            if "before" in v:
                kw["before"] = tuple(v["before"])
            for key in ("cues", "confirmed_by"):
                if key in v:
                    kw[key] = tuple(v[key])
            if "compare" in v:
                kw["compare"] = self.enum(v, "compare", COMPARE_CHOICES[ptype], where, "") or None
            for key in ("before", "count_of", "sum_of", "confirmed_by"):
                targets = kw.get(key, ())
                for target in (targets,) if isinstance(targets, str) else targets:
                    self.property_refs.append((key, target, where))
            out[pid] = replace(base, **kw) if base is not None else Property(**kw)
        return out

    def bound(self, raw: object, key: str, ptype: str, where: _Where) -> float | str | None:
        if ptype == DATE:
            if isinstance(raw, float) or not _is_date(raw):
                self.emit("SF106", f"{key} of {where.label} must be a date", where.at(key), where.ids)
                return None
            return _date_text(raw) if self.date(raw, key, where) else None
        if ptype == QUANTITY:
            if _is_number(raw):
                return float(raw)
            self.emit("SF106", f"{key} of {where.label} must be a number", where.at(key), where.ids)
            return None
        self.emit("SF110", f"{key} has no meaning for a {ptype} property ({where.label})", where.at(key), where.ids)
        return None

    def rule_code(self, code: str, at: Location, ids: tuple[str, ...], prefix: bool = False) -> bool:
        """Report SF111 when code (or, with prefix, a code prefix) names no rule."""
        if code in RULES or (prefix and is_known_pattern(code)):
            return True
        self.emit("SF111", f"unknown rule code '{code}'{self.hint(code, RULES)}", at, ids)
        return False

    def claims(self, sources: dict, entities: dict, properties: dict) -> tuple[Claim, ...]:
        raw_claims = self.data.get("claims", []) if self.pieces is None else self.pieces
        if not isinstance(raw_claims, list) and self.pieces is None:
            return ()
        # (the pieces check themselves against the headers: _pieces)
        heads = self.loc.claims if self.pieces is not None or len(self.loc.claims) == len(raw_claims) else None
        # id -> where it was first: its claim (fast path: not the claim's location, which most claims make
        # when it is read, model.Claim.location: 1M of them were 80 MB) or the header of its table
        seen: dict[str, Claim | Location] = {}
        out: list[Claim] = []
        fast = _FastClaims(self, sources, entities, properties)
        indexes = [None] * len(raw_claims) if heads is None else heads  # (no heads: a list of claims read whole)
        for n, (raw, index) in enumerate(zip(raw_claims, indexes, strict=True)):
            if index is not None and type(raw) is dict:
                claim = fast.claim(raw, index)
                if claim is not None and seen.setdefault(claim.id, claim) is claim:  # (an id seen before: full path)
                    out.append(claim)
                    continue
            if not isinstance(raw, dict):
                at = self.loc.header(index) if index is not None else self.loc.key(None, "claims")
                self.emit("SF106", f"claim #{n + 1} must be a table, not {_type_name(raw)}", at)
                continue
            cid = raw.get("id")
            cid = cid if isinstance(cid, str) and cid else f"claim-{n + 1}"
            if index is not None:
                header = self.loc.header(index)
            else:
                header = self.loc.find_next(f'"{cid}"') if "id" in raw else self.loc.key(None, "claims")
            where = _Where(f"claim '{cid}'", (cid,), index, self.loc, header)
            claim = self.claim(cid, raw, where, sources, entities, properties)
            if cid in seen and "id" in raw:
                first = seen[cid]
                first = first.location if isinstance(first, Claim) else first
                self.emit("SF107", f"duplicate claim id '{cid}' (first at line {first.line})", header, (cid,),
                          related=(first,))  # fmt: skip
            else:
                seen.setdefault(cid, header)
            out.append(claim)
        return tuple(out)

    def claim(self, cid: str, raw: dict, where: _Where, sources: dict, entities: dict, properties: dict) -> Claim:
        v = self.fields(raw, CLAIM_FIELDS, where)
        if not raw.keys() >= _CLAIM_REQUIRED:
            self.required(raw, ("id", "subject", "property", "value", "source"), where)
        subject = v.get("subject", "")
        if subject and subject not in entities:
            subject = self.entity_ref(subject, entities, where, "subject")
        pid = v.get("property", "")
        prop = properties.get(pid)
        if pid and prop is None:
            self.emit("SF103", f"unknown property '{pid}'{self.hint(pid, properties)}", where.at("property"),
                      where.ids)  # fmt: skip
        source = v.get("source", "")
        if source and source not in sources:
            self.emit("SF101", f"unknown source '{source}'{self.hint(source, sources)}", where.at("source"),
                      where.ids)  # fmt: skip
        unit = v.get("unit")
        raw_value = raw.get("value")
        value = None
        if "value" in raw and prop is not None and pid not in self.bad_types:
            value = self.value(raw_value, prop, unit, where, entities)
        rank = self.enum(v, "rank", RANKS, where, NORMAL)
        accepted = self.accepted(v["accepted"], where) if "accepted" in v else ()
        return Claim(
            id=cid, subject=subject, property=pid, value=value, raw=raw_value, source=source,
            location=where.at(), quote=v.get("quote", ""), unit=unit,
            when=self.date(v["when"], "when", where) if "when" in v else None,
            as_of=self.date(v["as_of"], "as_of", where) if "as_of" in v else None,
            key=v.get("key"), rank=rank, hedged=v.get("hedged", False), note=v.get("note", ""), accepted=accepted,
            label=v.get("label", ""), record=v.get("record", ""),
        )  # fmt: skip

    def value(self, raw: object, prop: Property, unit: str | None, where: _Where, entities: dict):
        """The claim's value parsed by its property's type; None (after a diagnostic) when it cannot be."""
        ptype = prop.type
        if ptype == DATE and _is_date(raw):
            return self.date(raw, "value", where)
        if ptype == QUANTITY and (_is_number(raw) or isinstance(raw, str)):
            try:
                return claim_quantity(raw, unit, prop, self.units)
            except ValueError as exc:
                self.emit("SF109", f"value of {where.label}: {exc}", where.at("value"), where.ids)
                return None
        if ptype in (TEXT, ENTITY) and isinstance(raw, str):
            if ptype == ENTITY and raw not in entities:
                return self.entity_ref(raw, entities, where, "value")
            return raw
        if ptype == LIST and _TYPE_OK["strlist"](raw):
            return tuple(raw)
        self.emit(
            "SF112", f"value of {where.label} must be {_EXPECTED[ptype]} for {ptype} property '{prop.id}', "
            f"not {_type_name(raw)}", where.at("value"), where.ids,
        )  # fmt: skip
        return None

    def accepted(self, items: list[dict], where: _Where) -> tuple[Accepted, ...]:
        at = where.at("accepted")
        inner = _Where(f"an accepted finding of {where.label}", where.ids, None, self.loc, at)
        out = []
        for item in items:
            v = self.fields(item, ACCEPTED_FIELDS, inner)
            self.required(item, ("code", "reason"), inner)
            if "code" in v and self.rule_code(v["code"], at, where.ids):
                out.append(Accepted(v["code"], v.get("reason", ""), at))
        return tuple(out)

    def references(self, entities: dict, properties: dict) -> None:
        """Check the entities' links and distinct_from, resolving names and aliases to ids (in `entities`)."""
        resolved: dict[tuple[str, str, str], str] = {}
        for field, target, where in self.entity_refs:
            if target not in entities:
                eid = self.entity_ref(target, entities, where, field, f"{field} of {where.label}: ")
                if eid != target:
                    resolved[(where.ids[0] if where.ids else "", field, target)] = eid
        for eid, e in list(entities.items()) if resolved else ():
            links = tuple((f, resolved.get((eid, f, t), t)) for f, t in e.links)
            distinct = tuple(resolved.get((eid, "distinct_from", t), t) for t in e.distinct_from)
            if links != e.links or distinct != e.distinct_from:
                entities[eid] = replace(e, links=links, distinct_from=distinct)
        for field, target, where in self.property_refs:
            if target not in properties:
                self.emit("SF103", f"{field} of {where.label}: unknown property '{target}'"
                          f"{self.hint(target, properties)}", where.at(field), where.ids)  # fmt: skip

    def unit_table(self) -> Units:
        """The [units] table's conversions (units.declare), its problems reported at their keys."""
        raw = self.data.get("units")
        if not isinstance(raw, dict) or not raw:
            return EMPTY
        index = self.loc.tables.get(("units",))
        self.units_where = _Where("[units]", (), index, self.loc, self.loc.header(index))
        units, problems = declare(raw)
        for code, name, message in problems:
            self.emit(code, message, self.units_where.at(name))
        return units

    def declarations(self) -> tuple[Settings, dict[str, Source], dict[str, Entity], dict[str, Property]]:
        """The first step: the file's settings, sources, entities and properties (built-in ones included)."""
        self.top()
        settings = self.settings()
        self.units = self.declared_units = self.unit_table()
        return settings, self.sources(), self.entities(), self.properties()

    def finish(self, sources: dict, entities: dict, properties: dict, units: Units | None = None) -> tuple[Claim, ...]:
        """The second step: the references and claims, read against `sources`, `entities` and `properties`
        (this file's, or those of every file of a fact base that spans files; `entities` gets the
        entities whose links named an alias, resolved), converted by `units` (default: this file's)."""
        self.references(entities, properties)
        if units is not None:
            self.units = units
        claims = self.claims(sources, entities, properties)
        if self.declared_units.declared:  # a declaration no property or claim can use: a misspelt unit
            in_use = {p.unit for p in properties.values() if p.unit} | {c.unit for c in claims if c.unit}
            for code, name, message in self.declared_units.unknown_targets(in_use):
                self.emit(code, message, self.units_where.at(name))
        return claims

    def build(self) -> FactBase:
        settings, sources, entities, properties = self.declarations()
        claims = self.finish(sources, entities, properties)
        return FactBase(self.path, sources, entities, properties, claims, settings, self.units)


_CLAIM_REQUIRED = frozenset(("id", "subject", "property", "value", "source"))
_DATE_TYPES = frozenset((str, int, dt.date, dt.datetime))
_FAST_TYPES = {k: frozenset((str,)) for k in CLAIM_FIELDS}
_FAST_TYPES.update(
    value=frozenset((str, int, float, bool, list, dict, dt.date, dt.datetime, dt.time)),
    when=_DATE_TYPES, as_of=_DATE_TYPES, hedged=frozenset((bool,)), accepted=frozenset((list,)),
)  # fmt: skip
_ACCEPTED_KEYS = ACCEPTED_FIELDS.keys()
_FAST_KEYS = frozenset(_FAST_TYPES)
# the fields up to `key`: a claim with no other (most claims) is built as model.plain_claim
_PLAIN_KEYS = frozenset(("id", "subject", "property", "value", "source", "quote", "unit", "when", "as_of", "key"))
_PLAIN = "plain"  # _fast_shape's answer for such a claim


class _FastClaims:
    """The common case of a claim with nothing wrong, built without diagnostics bookkeeping.

    claim() returns None at the first doubt; the caller then takes the full path, which reports
    every problem. Results are identical to the full path for the claims it accepts. Parsed
    dates and values are memoised in plain dicts (cheaper than a call through lru_cache).
    """

    def __init__(self, loader: _Loader, sources: dict, entities: dict, properties: dict) -> None:
        self.loc, self.path = loader.loc, loader.path
        self.lines, self.columns = self.loc.lines, self.loc.columns
        self.entities = entities
        # each declared id -> its own string, which every claim naming it then shares (at 1M claims a
        # string of its own for each claim's subject, property and source is 190 MB)
        self.source_ids = {k: k for k in sources}
        self.subject_ids = {k: k for k in entities}
        # each property whose claims' values can be read (it has a usable type) -> (its id, the property)
        self.usable = {k: (k, p) for k, p in properties.items() if k not in loader.bad_types}
        self.units = loader.units
        # each value, unit, rank, note or label text -> its first claim's string, which the claims that
        # repeat it share (dates and entity ids come again and again: the 100k benchmark file's 94k
        # value texts are 12k distinct strings)
        self.texts: dict[str, str] = {}
        self.dates: dict[object, DateValue] = {}
        self.values: dict[tuple, object] = {}
        # (keys in order, their values' types) -> whether that shape may take the fast path: a fact
        # file has a handful of shapes, so the per-field checks run once per shape, not per claim
        self.shapes: dict[tuple, bool] = {}

    def accepted(self, items: list, index: int) -> tuple[Accepted, ...] | None:
        """A claim's accepted findings when each is a {code, reason} table of strings naming a rule; else None."""
        pairs = []
        for item in items:
            if type(item) is not dict or item.keys() != _ACCEPTED_KEYS:
                return None
            code, reason = item["code"], item["reason"]
            if type(code) is not str or type(reason) is not str or code not in RULES:
                return None
            pairs.append((code, reason))
        at = self.loc.key(index, "accepted")
        return tuple(Accepted(code, reason, at) for code, reason in pairs)

    def date(self, raw: object) -> DateValue:
        d = self.dates.get(raw) if type(raw) is str else None
        if d is None:
            d = parse_date(_date_text(raw))
            if type(raw) is str:
                self.dates[raw] = d
        return d

    def claim(self, raw: dict, index: int) -> Claim | None:
        shape = (*raw, *map(type, raw.values()))
        kind = self.shapes.get(shape)
        if kind is None:
            kind = self.shapes[shape] = _fast_shape(raw)
        if not kind:
            return None
        cid = raw["id"]
        subject, source, usable = (self.subject_ids.get(raw["subject"]), self.source_ids.get(raw["source"]),
                                   self.usable.get(raw["property"]))  # fmt: skip
        if not cid or subject is None or source is None or usable is None:
            return None
        pid, prop = usable
        get = raw.get
        raw_value, unit, when, as_of = raw["value"], get("unit"), get("when"), get("as_of")
        ptype, t = prop.type, type(raw_value)
        shared = self.texts.setdefault
        if t is str:
            raw_value = shared(raw_value, raw_value)
        if unit is not None:
            unit = shared(unit, unit)
        dates = self.dates
        try:
            if ptype == DATE and t is str:  # a date's value depends on its text alone
                value = dates.get(raw_value) or self.date(raw_value)
            elif ptype == QUANTITY and t is not list and t is not dict:  # a quantity's on its property too
                vkey = (pid, t, raw_value, unit)
                value = self.values.get(vkey)
                if value is None:
                    value = _fast_value(raw_value, prop, unit, self.entities, self.units)
                    if value is not None:
                        self.values[vkey] = value
            else:  # text, entity and list values are not parsed: nothing worth memoising
                value = _fast_value(raw_value, prop, unit, self.entities, self.units)
            if when is not None:
                when = dates.get(when) or self.date(when)
            if as_of is not None:
                as_of = dates.get(as_of) or self.date(as_of)
        except ValueError:
            return None
        if value is None:
            return None
        # (line: an int of the claim's own, as each read of an array makes: not one the Locator keeps alive)
        line, column, quote, key = self.lines[index], self.columns[index], get("quote", ""), get("key")
        if kind is _PLAIN:  # the fields from rank on are their defaults
            return plain_claim(cid, subject, pid, value, raw_value, source, self.path, line, column, quote, unit, when,
                               as_of, key)  # fmt: skip
        rank = get("rank", NORMAL)
        if rank not in RANKS:
            return None
        accepted = get("accepted")
        if accepted is not None:
            accepted = self.accepted(accepted, index)
            if accepted is None:
                return None
        note, label = get("note", ""), get("label", "")
        return Claim(
            cid, subject, pid, value, raw_value, source, Location(self.path, line, column), quote, unit,
            when, as_of, key, shared(rank, rank),
            get("hedged", False), shared(note, note), accepted or (), shared(label, label), get("record", ""),
        )  # fmt: skip


def _fast_shape(raw: dict) -> object:
    """Whether the claim may take the fast path: it has every required field, no other field than the fast
    path knows, each of a plain type (False when not). _PLAIN when it has no field from `rank` on either."""
    keys = raw.keys()
    if not (_FAST_KEYS >= keys and keys >= _CLAIM_REQUIRED):
        return False
    if not all(type(v) in _FAST_TYPES[k] for k, v in raw.items()):
        return False
    return _PLAIN if _PLAIN_KEYS >= keys else True


def _fast_value(raw: object, prop: Property, unit: str | None, entities: dict, units: Units = EMPTY):
    """The parsed value, or None when the full path must look at it. Parse errors propagate (ValueError)."""
    ptype, t = prop.type, type(raw)
    if ptype == DATE:
        return parse_date(_date_text(raw)) if t in _DATE_TYPES else None
    if ptype == QUANTITY:
        return claim_quantity(raw, unit, prop, units) if t in (int, float, str) else None
    if ptype == TEXT:
        return raw if t is str else None
    if ptype == ENTITY:
        return raw if t is str and raw in entities else None
    if t is list and all(type(x) is str for x in raw):
        return tuple(raw)
    return None


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _parse(text: str, path: str) -> dict[str, Any]:
    """The parsed TOML text (tomlparse), with TOML errors raised as a SpacefactsError at their line."""
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        m = _TOML_POS.search(msg)
        if m:
            line, col = int(m.group(1)), int(m.group(2))
        elif line is None:
            line = text.count("\n") + 1
            col = len(text) - text.rfind("\n")
        msg = _TOML_END.sub("", _TOML_POS.sub("", msg)).splitlines()[0] if msg.strip() else "invalid TOML"
        raise SpacefactsError(f"TOML syntax error: {msg}", f"{path}:{line}:{col}") from None
    except (ValueError, RecursionError) as exc:  # e.g. nesting too deep for the parser
        raise SpacefactsError(f"TOML syntax error: {str(exc).splitlines()[0] if str(exc) else exc!r}",
                              f"{path}:1:1") from None  # fmt: skip
    if not data:
        raise EmptyFactFile(path)
    return data


def load_text(text: str, path: str = "facts.toml") -> tuple[FactBase, list[Diagnostic]]:
    """Load a fact file's text: the fact base plus every problem found, each with a location.

    Raises SpacefactsError only for a TOML syntax error or an empty file.
    """
    with paused_gc():
        loc = None
        if len(text) >= PIECES_BYTES:
            try:
                return _load_in_pieces(text, path)
            except _Doubt as doubt:
                loc = doubt.loc
        loader = _Loader(text, path, _parse(text, path), loc or Locator(text, path))
        base = loader.build()
    return base, loader.diags


class TwoSteps:
    """One file of a fact base that spans files (includes.py), loaded in the loader's two steps:
    `declarations` at once, then `claims` against the declarations of every file. A file loaded alone
    (load_text) takes the same steps with its own declarations, so both give the same findings."""

    def __init__(self, text: str, path: str) -> None:
        self.text, self.path = text, path
        self.whole = len(text) < PIECES_BYTES
        with paused_gc():
            self.loader = self._start()
            self.declared = self.loader.declarations()
        self.bad_types = frozenset(self.loader.bad_types)
        self.diags = list(self.loader.diags)  # the first step's findings

    def _start(self) -> _Loader:
        loc = None
        if not self.whole:
            try:
                loader = _pieces_loader(self.text, self.path)
                loc = loader.loc
                # the first step reads the tables before the first claim: all there are, or read it whole
                if all(name[0] == "claims" for name in loc.names[loc.claims[0]:]):
                    return loader
            except _Doubt:
                pass
            self.whole = True
        return _Loader(self.text, self.path, _parse(self.text, self.path), loc or Locator(self.text, self.path))

    @property
    def units(self) -> Units:
        """The file's [units] table (the first step reads it)."""
        return self.loader.declared_units

    def claims(self, sources: dict, entities: dict, properties: dict, bad_types: frozenset[str],
               units: Units) -> tuple[tuple[Claim, ...], list[Diagnostic]]:
        """The file's claims and the second step's findings (`bad_types`: properties of every file without a
        usable type; `units`: the fact base's conversions)."""
        with paused_gc():
            try:
                return self._claims(sources, entities, properties, bad_types, units)
            except _Doubt:  # read a piece at a time, the claims differ from the whole file's: start again whole
                self.whole = True
                self.loader = self._start()
                self.loader.declarations()
                return self._claims(sources, entities, properties, bad_types, units)

    def _claims(self, sources: dict, entities: dict, properties: dict, bad_types: frozenset[str], units: Units):
        first = len(self.loader.diags)
        self.loader.bad_types = set(bad_types)
        claims = self.loader.finish(sources, entities, properties, units)
        return claims, self.loader.diags[first:]


PIECES_BYTES = 8_000_000  # a file this large has its claims parsed and built a piece at a time
PIECE_BYTES = 50_000  # about this much text per piece: its parsed claims (a few hundred) are still in the
# CPU caches when they are built (1 MB pieces took 0.2 s more at 100k claims)


class _Doubt(Exception):
    """The claims cannot be read a piece at a time exactly as the whole file would be: load it whole.
    `loc`: the text's Locator when it was built and not yet used, for the whole load to reuse."""

    def __init__(self, loc: Locator | None = None) -> None:
        super().__init__()
        self.loc = loc


def _load_in_pieces(text: str, path: str) -> tuple[FactBase, list[Diagnostic]]:
    """load_text for a large file, with its claims parsed and built a piece of text at a time, so that
    the parsed tables of only one piece are alive at once (the parser's output takes several times the
    fact base's memory). Raises _Doubt where that might differ from parsing the whole text.

    The tables before the first `[[claims]]` header are parsed first; the rest is cut at `[[claims]]`
    headers, and each piece must parse to nothing but its claims, as many as the Locator found headers
    in it. A cut inside a multi-line string leaves the piece before it unterminated, so it fails to
    parse; a table other than the claims after the first claim makes a piece hold more than claims.
    """
    loader = _pieces_loader(text, path)
    loc = loader.loc
    if not loc.claims or any(name[0] != "claims" for name in loc.names[loc.claims[0]:]):
        # another table among the claims (an importer's entity before its launch's claims): a piece
        # would hold more than claims, so load it whole now, reusing the scan, rather than after building some
        raise _Doubt(loc)
    return loader.build(), loader.diags


def _pieces_loader(text: str, path: str) -> _Loader:
    """The _Loader of _load_in_pieces (raises _Doubt as it does)."""
    first = 0 if text.startswith("[[claims]]") else text.find("\n[[claims]]") + 1
    if first <= 0 and not text.startswith("[[claims]]"):
        raise _Doubt
    try:
        data = _toml.loads(text[:first])
    except (ValueError, RecursionError):  # a syntax error (the whole text's parse reports it), too deep
        raise _Doubt from None
    loc = Locator(text, path)
    if "claims" in data or not data or loc.repeated:
        raise _Doubt
    return _Loader(text, path, data, loc, _pieces(text, first, loc))


def _pieces(text: str, start: int, loc: Locator) -> Iterator[dict]:
    """The claims of text from `start` (a `[[claims]]` header) on, parsed a piece at a time (see _load_in_pieces)."""
    from bisect import bisect_left

    headers = array("q", (loc.offsets[i] for i in loc.claims))
    if len(headers) != sum(1 for name in loc.names if name == ("claims",)) or list(headers[:1]) != [start]:
        raise _Doubt
    while start < len(text):
        end = text.find("\n[[claims]]", start + PIECE_BYTES) + 1 or len(text)
        try:
            part = _toml.loads(text[start:end])
        except (ValueError, RecursionError):
            raise _Doubt from None
        claims = part.get("claims")
        if part.keys() != {"claims"} or type(claims) is not list:
            raise _Doubt
        if len(claims) != bisect_left(headers, end) - bisect_left(headers, start):
            raise _Doubt
        del part
        yield from claims
        start = end


def load_file(path) -> tuple[FactBase, list[Diagnostic]]:
    """Read a fact file (clear SpacefactsError when unreadable) and load it."""
    from spacefacts.files import read_text

    return load_text(read_text(path), str(path))
