"""Editing a fact file without disturbing it: add a record, accept a finding.

Every edit is a splice: the new table (or the changed claim table) is rendered with tomlkit, so its
quoting is TOML's, and put into the text at a table boundary; every other byte of the file stays as
it was (line endings and a byte-order mark included). The whole file is never re-serialised by
tomlkit: parsing the 100k-claim benchmark file (20.7 MB) with tomlkit takes far more than the few
seconds an add may take (docs/cli.md, "Curating"), so only the new or changed table goes through it.
The result is then loaded and linted (pipeline) before anything is written: an edit that would add
an error is refused with the finding.

Pure core: no typer, no rich, no printing. tomlkit is imported only here, inside the functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacefacts.diagnostics import Diagnostic
from spacefacts.errors import SpacefactsError
from spacefacts.model import DATE, ENTITY, LIST, QUANTITY, FactBase
from spacefacts.rules import Severity
from spacefacts.text import closest

KINDS = ("source", "entity", "claim")
TABLE = {"source": "sources", "entity": "entities", "claim": "claims"}
QUOTE_CODE = "SF201"  # quote not found in the source text: refused unless forced
# The order fields are written in, per kind (the order most of the shipped facts.toml uses; fmt.py too).
FIELD_ORDER = {
    "source": ("title", "publisher", "author", "published", "url", "kind", "trust", "text"),
    "entity": ("name", "kind", "aliases", "operator", "parent", "developer", "program", "vehicle", "owner",
               "manufacturer", "distinct_from", "description"),
    "claim": ("id", "subject", "property", "value", "unit", "key", "when", "as_of", "source", "quote", "rank",
              "hedged", "label", "note", "accepted"),
}


@dataclass
class Edit:
    """The outcome of an edit: the new text, what was added, where, and the new findings it brings."""

    text: str
    kind: str
    id: str
    table: str  # the TOML text inserted (or the changed claim table)
    line: int  # 1-based line of the inserted table's header in the new text
    warnings: list[Diagnostic] = field(default_factory=list)  # new findings that are not refused
    notes: list[str] = field(default_factory=list)  # what the edit resolved for the user (alias -> id)


# ---- ids ---------------------------------------------------------------------------

def slug(text: str) -> str:
    """Lower-case words joined by '-' (underscores kept): 'Caixin Global' -> 'caixin-global'."""
    return re.sub(r"[^a-z0-9_]+", "-", str(text).casefold()).strip("-")


def unique(base_id: str, taken) -> str:
    """base_id, or base_id-2, -3, ... the first not in `taken`."""
    if base_id not in taken:
        return base_id
    n = 2
    while f"{base_id}-{n}" in taken:
        n += 1
    return f"{base_id}-{n}"


def claim_id(base: FactBase, source: str, subject: str, prop: str, key: str | None = None) -> str:
    """A stable, readable, unique claim id: SOURCE-SUBJECT-PROPERTY[-KEY], numbered when taken."""
    parts = [source, subject, prop.replace("_", "-")] + ([slug(key)] if key else [])
    return unique("-".join(p for p in parts if p), {c.id for c in base.claims})


def source_id(base: FactBase, record: dict) -> str:
    """SOURCE id from the publisher (else the title's first words) and the year published."""
    who = slug(record.get("publisher") or " ".join(str(record.get("title", "source")).split()[:3])) or "source"
    year = re.match(r"\d{4}", str(record.get("published", "")))
    return unique(f"{who}-{year.group()}" if year else who, base.sources)


def entity_id(base: FactBase, record: dict) -> str:
    """ENTITY id from its name."""
    return unique(slug(record.get("name", "")) or "entity", base.entities)


# ---- checking a record against the fact base --------------------------------------

def _unknown(what: str, name: str, choices) -> SpacefactsError:
    choices = list(choices)
    best = closest(name, choices) or next((c for c in choices if c.startswith(name) and name), None)
    return SpacefactsError(f"unknown {what} '{name}'" + (f" (did you mean '{best}'?)" if best else ""))


def resolve_entity_name(base: FactBase, name: str, what: str = "entity") -> str:
    """The id of the entity `name` is the id, a name or an alias of (exactly, ignoring case and
    punctuation); else SpacefactsError with the closest id or alias."""
    from spacefacts.resolve import EXACT, resolve_entity

    if name in base.entities:
        return name
    res = resolve_entity(base, name)
    if res.found and res.status == EXACT:
        return res.entity.id
    if res.ambiguous:
        raise SpacefactsError(f"{what} '{name}' is ambiguous: "
                              + ", ".join(f"'{c.entity.id}'" for c in res.candidates))
    names = [*base.entities, *(a for e in base.entities.values() for a in e.names)]
    raise _unknown(what, name, names)


def check_claim(base: FactBase, record: dict, notes: list[str]) -> dict:
    """The claim record with its subject resolved and its value checked; SpacefactsError when a
    name is unknown or a value does not parse for the property's type."""
    from spacefacts.builtin import BUILTIN_PROPERTIES

    for required in ("subject", "property", "value", "source"):
        if record.get(required) in (None, ""):
            raise SpacefactsError(f"a claim needs a {required} (--{required})")
    rec = dict(record)
    subject = resolve_entity_name(base, str(rec["subject"]), "subject")
    if subject != rec["subject"]:
        notes.append(f"subject '{rec['subject']}' is entity '{subject}'")
        rec["subject"] = subject
    props = {**BUILTIN_PROPERTIES, **base.properties}
    prop = props.get(rec["property"])
    if prop is None:
        raise _unknown("property", rec["property"], props)
    if rec["source"] not in base.sources:
        raise _unknown("source", rec["source"], base.sources)
    rec["value"] = parse_value(base, prop, rec["value"], rec.get("unit"), notes)
    for key in ("when", "as_of"):
        if rec.get(key) not in (None, ""):
            _date(rec[key], f"--{key.replace('_', '-')}")
    return rec


def _date(text: Any, what: str):
    from spacefacts.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise SpacefactsError(f"{what} '{text}' is not a date: {exc}") from None


def parse_value(base: FactBase, prop, value: Any, unit: str | None, notes: list[str]) -> Any:
    """The value as it is written for `prop`'s type (a plain number becomes a TOML number, a list
    text is split at commas, an entity name becomes its id); SpacefactsError when it does not parse."""
    if prop.type == QUANTITY:
        from spacefacts.quantities import QuantityError, parse_quantity

        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            value = int(value.strip())
        elif isinstance(value, str) and re.fullmatch(r"-?\d+\.\d+", value.strip()):
            value = float(value.strip())
        try:
            parse_quantity(value, unit or prop.unit, prop.tolerance)
        except QuantityError as exc:
            raise SpacefactsError(f"value '{value}' is not a quantity for '{prop.id}': {exc}") from None
    elif prop.type == DATE:
        _date(value, f"value for '{prop.id}'")
    elif prop.type == ENTITY:
        resolved = resolve_entity_name(base, str(value), "entity")
        if resolved != value:
            notes.append(f"value '{value}' is entity '{resolved}'")
        value = resolved
    elif prop.type == LIST and isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    return value


def check_source(base: FactBase, record: dict) -> dict:
    if not record.get("title"):
        raise SpacefactsError("a source needs a title (--title)")
    if record.get("published"):
        _date(record["published"], "--published")
    if record.get("trust") is not None:
        try:
            record = {**record, "trust": float(record["trust"])}
        except ValueError:
            raise SpacefactsError(f"--trust '{record['trust']}' is not a number") from None
    return record


def check_entity(base: FactBase, record: dict, notes: list[str]) -> dict:
    if not record.get("name") or not record.get("kind"):
        raise SpacefactsError("an entity needs a name and a kind (--name, --kind)")
    rec = dict(record)
    for link in FIELD_ORDER["entity"][3:10]:
        if rec.get(link):
            rec[link] = resolve_entity_name(base, str(rec[link]), link)
    if isinstance(rec.get("aliases"), str):
        rec["aliases"] = [a.strip() for a in rec["aliases"].split(",") if a.strip()]
    return rec


# ---- rendering and placing a table ------------------------------------------------

def render(kind: str, rid: str, record: dict) -> str:
    """The TOML text of one record: its header and its fields in FIELD_ORDER (others after), "\\n" line ends."""
    import tomlkit

    order = FIELD_ORDER[kind]
    keys = [k for k in order if k in record] + [k for k in record if k not in order]
    lines = ["[[claims]]" if kind == "claim" else f"[{TABLE[kind]}.{tomlkit.key(rid).as_string()}]"]
    for k in keys:
        v = record[k]
        if v is None or v == "" or v == []:
            continue
        lines.append(f"{tomlkit.key(k).as_string()} = {_item(v)}")
    return "\n".join(lines) + "\n"


def _item(value: Any) -> str:
    import tomlkit

    if isinstance(value, list):
        arr = tomlkit.array()
        for v in value:
            arr.append(v if not isinstance(v, dict) else tomlkit.item("x"))  # placeholder, replaced below
        if not any(isinstance(v, dict) for v in value):
            return arr.as_string()
        return "[" + ", ".join(_item(v) for v in value) + "]"
    if isinstance(value, dict):  # an inline table, spaced as docs/format.md writes them
        return "{ " + ", ".join(f"{tomlkit.key(k).as_string()} = {_item(v)}" for k, v in value.items()) + " }"
    return tomlkit.item(value).as_string()


_BLANK_OR_COMMENT = re.compile(r"[ \t]*(#.*)?\r?$")


def _content_end(text: str, start: int, end: int) -> int:
    """The offset just after the last line in text[start:end] that is neither blank nor a comment
    (comments right before the next table are taken to belong to it). Never before start's line."""
    pos = end
    while pos > start:
        line_start = text.rfind("\n", start, pos - 1) + 1
        if line_start <= start or not _BLANK_OR_COMMENT.fullmatch(text[line_start:pos].rstrip("\n")):
            break
        pos = line_start
    if pos < end and pos > 0 and text[pos - 1] != "\n":  # the table's last line had no line end
        pos = text.find("\n", pos, end) + 1 or end
    return pos


def _locator(text: str, path: str):
    from spacefacts.locate import Locator

    loc = Locator(text, path)
    return Locator(text, path, exact=True) if loc.repeated else loc


def insertion_point(text: str, base: FactBase, kind: str, record: dict, path: str) -> int:
    """Where a new record goes: a claim after the last claim citing the same source, else after the
    last claim; a source or entity after the last table of its kind; else at the end of the file."""
    loc = _locator(text, path)
    last = None
    if kind == "claim":
        if len(loc.claims) == len(base.claims):
            same = [n for n, c in enumerate(base.claims) if c.source == record.get("source")]
            n = same[-1] if same else (len(base.claims) - 1 if base.claims else None)
            last = loc.claims[n] if n is not None else None
    else:
        table = TABLE[kind]
        found = [i for i, name in enumerate(loc.names) if len(name) == 2 and name[0] == table]
        last = found[-1] if found else None
    if last is None:
        return len(text)
    start, end = loc.span(last)
    return _content_end(text, start, end)


def splice(text: str, at: int, table: str) -> tuple[str, int]:
    """text with `table` inserted at offset `at` (a line start or the end), set off by a blank line,
    in the file's line ending; and the 1-based line of the inserted header."""
    newline = "\r\n" if "\r\n" in text else "\n"
    head, tail = text[:at], text[at:]
    if head and not head.endswith("\n"):
        head += newline
    sep = newline if head.strip() else ""
    block = sep + table.replace("\n", newline)
    if tail.strip() and not tail.startswith(("\n", "\r\n")):
        block += newline
    return head + block + tail, head.count("\n") + (1 if sep else 0) + 1


# ---- linting an edit -------------------------------------------------------------

def _lint(text: str, path: str, texts: str | None) -> list[Diagnostic]:
    from spacefacts.pipeline import findings, load_edit

    base, loaded = load_edit(text, path)  # with the files it includes
    return findings(base, loaded, ("lint",), texts=texts)


def _errors(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.severity is Severity.ERROR and d.accepted is None]


def load(text: str, path: str) -> FactBase:
    """The fact base of `text` with the files `path` includes (what names a new record may use)."""
    from spacefacts.pipeline import load_edit

    return load_edit(text, path)[0]


def _judge(edit: Edit, path: str, texts: str | None, force: bool, strict: bool) -> Edit:
    """Lint the edited text once. A finding that names the edited record (or lies in its table) and
    is an error refuses the edit (a quote not found only when not forced); an error elsewhere means
    the file did not lint before the edit, which refuses an add (`strict`) and not an accept.
    One lint of the result, not one before and one after: lint findings are per record, so the
    record's own are the new ones (at 100k claims a lint is 2.5 s)."""
    lines = edit.table.count("\n")
    found = [d for d in _lint(edit.text, path, texts) if d.accepted is None]

    def own(d: Diagnostic) -> bool:
        return edit.id in d.ids or (d.location is not None and edit.line <= d.location.line < edit.line + lines)

    errors = [d for d in found if d.severity is Severity.ERROR]
    others = [d for d in errors if not own(d)]
    if strict and others:
        d = others[0]
        raise SpacefactsError(f"{path} does not lint before the edit ({len(others)} error(s), first {d.location}: "
                              f"{d.code} {d.message}); fix it first; nothing written")
    for d in errors:
        if own(d) and not (d.code == QUOTE_CODE and force):
            hint = "; --force adds it anyway" if d.code == QUOTE_CODE else ""
            raise SpacefactsError(f"the {edit.kind} '{edit.id}' would add {d.code} {d.message}{hint}; "
                                  "nothing written")
    edit.warnings = [d for d in found if own(d) and d.severity is not Severity.INFO]
    return edit


# ---- one answer at a time (interactive add): each checked and echoed back ----------

def answer_subject(base: FactBase, text: str) -> tuple[str, str]:
    """The entity a typed name means, fuzzy (resolve.resolve_entity), and how to echo it; SpacefactsError
    with the candidates when it is ambiguous or unknown."""
    from spacefacts.resolve import resolve_entity

    res = resolve_entity(base, text.strip())
    if res.found:
        return res.entity.id, f"{res.entity.id} ({res.entity.name}, {res.entity.kind})"
    names = ", ".join(f"{c.entity.id} ({c.entity.name})" for c in res.candidates)
    if res.ambiguous:
        raise SpacefactsError(f"'{text}' may be: {names}; type the id")
    raise SpacefactsError(f"no entity '{text}'" + (f"; did you mean: {names}?" if names else ""))


def answer_property(base: FactBase, text: str) -> tuple[str, str]:
    from spacefacts.builtin import BUILTIN_PROPERTIES

    props = {**BUILTIN_PROPERTIES, **base.properties}
    pid = text.strip()
    if pid not in props:
        raise _unknown("property", pid, props)
    p = props[pid]
    return pid, f"{pid}: {p.type}" + (f" in {p.unit}" if p.unit else "") + (f", {p.label}" if p.label else "")


def answer_source(base: FactBase, text: str) -> tuple[str, str]:
    sid = text.strip()
    if sid not in base.sources:
        raise _unknown("source", sid, base.sources)
    src = base.sources[sid]
    return sid, f"{sid}: {src.title}"


def answer_value(base: FactBase, pid: str, text: str) -> tuple[Any, str]:
    """The value as written for property `pid` and its interval; SpacefactsError when it does not parse."""
    from spacefacts.builtin import BUILTIN_PROPERTIES

    prop = {**BUILTIN_PROPERTIES, **base.properties}[pid]
    value = parse_value(base, prop, text.strip(), None, [])
    if prop.type == QUANTITY:
        from spacefacts.quantities import parse_quantity

        q = parse_quantity(value, prop.unit, prop.tolerance)
        low = ("(" if q.low_open else "[") + f"{q.low:g}"
        high = ("inf)" if q.high == float("inf") else f"{q.high:g}" + (")" if q.high_open else "]"))
        return value, f"{q.display()}: {low}, {high}"
    if prop.type == DATE:
        return value, answer_date(str(value))[1]
    return value, repr(value)


def answer_date(text: str) -> tuple[str, str]:
    d = _date(text.strip(), "date")
    return text.strip(), f"{d.earliest} .. {d.latest}"


def answer_quote(base: FactBase, source: str, quote: str, texts: str | None) -> str:
    """Where the quote is in the source's local text: found, or the closest passage, or no text."""
    from spacefacts.evidence import find_quote
    from spacefacts.quotes import find_source_texts
    from spacefacts.report import texts_dir

    found, _ = find_source_texts(base, texts_dir(base.path, base.settings, texts))
    st = found.get(source)
    if st is None or st.text is None:
        return f"not checked: source '{source}' has no local text"
    m = find_quote(quote, st.text, base.settings.quote_threshold)
    if m.found:
        return f"found in {st.path} ({'exact' if m.exact else f'score {m.score:.0f}'})"
    return f"warning: not found in {st.path}; closest ({m.score:.0f}): '{m.span}'"


# ---- reading and writing ---------------------------------------------------------

BOM = "\ufeff"


def read(path: str) -> tuple[str, bool]:
    """The text of the fact file at `path` and whether it starts with a byte-order mark (kept on write)."""
    from spacefacts.files import read_text

    with open(path, "rb") as fh:
        bom = fh.read(3) == BOM.encode()
    return read_text(path), bom


def write(path: str, text: str, bom: bool) -> None:
    """Replace the fact file atomically (files.write_atomic) with `text`, its byte-order mark kept."""
    from spacefacts.files import write_atomic

    write_atomic(path, (BOM if bom else "") + text)


# ---- the edits ---------------------------------------------------------------------

def add(text: str, path: str, kind: str, record: dict, texts: str | None = None, force: bool = False) -> Edit:
    """Add one source, entity or claim (`record`: its fields; a source or entity may carry `id`)
    to the fact file `text`. Raises SpacefactsError, writing nothing, on bad input or a new error."""
    if kind not in KINDS:
        raise SpacefactsError(f"cannot add '{kind}': give one of {', '.join(KINDS)}")
    base = load(text, path)
    notes: list[str] = []
    record = {k: v for k, v in record.items() if v is not None and v != ""}
    if kind == "claim":
        record = check_claim(base, record, notes)
        rid = record.get("id") or claim_id(base, record["source"], record["subject"], record["property"],
                                           record.get("key"))
        if rid in {c.id for c in base.claims}:
            raise SpacefactsError(f"claim id '{rid}' is taken")
        record = {"id": rid, **{k: v for k, v in record.items() if k != "id"}}
    else:
        record = check_source(base, record) if kind == "source" else check_entity(base, record, notes)
        table = base.sources if kind == "source" else base.entities
        rid = record.pop("id", None) or (source_id(base, record) if kind == "source" else entity_id(base, record))
        if rid in table:
            raise SpacefactsError(f"{kind} id '{rid}' is taken")
    rendered = render(kind, rid, record)
    new_text, line = splice(text, insertion_point(text, base, kind, record, path), rendered)
    edit = Edit(new_text, kind, rid, rendered, line, notes=notes)
    return _judge(edit, path, texts, force, strict=True)


def add_many(text: str, path: str, doc: dict, texts: str | None = None, force: bool = False) -> list[Edit]:
    """Add every [sources.X], [entities.X] and [[claims]] of a parsed TOML document `doc` (sources,
    then entities, then claims, so claims may cite them); the last Edit's text has them all."""
    unknown = set(doc) - {"sources", "entities", "claims"}
    if unknown:
        raise SpacefactsError(f"--from: only [sources.X], [entities.X] and [[claims]] tables can be added, "
                              f"not '{sorted(unknown)[0]}'")
    items = [("source", {**v, "id": k}) for k, v in doc.get("sources", {}).items()]
    items += [("entity", {**v, "id": k}) for k, v in doc.get("entities", {}).items()]
    items += [("claim", dict(v)) for v in doc.get("claims", [])]
    if not items:
        raise SpacefactsError("--from: no [sources.X], [entities.X] or [[claims]] table to add")
    edits: list[Edit] = []
    for kind, record in items:
        edit = add(text, path, kind, record, texts, force)
        edits.append(edit)
        text = edit.text
    return edits


def accept(text: str, path: str, claim: str, code: str, reason: str, texts: str | None = None) -> Edit:
    """Record `{ code, reason }` in the `accepted` list of claim `claim`. SpacefactsError when the
    claim or code is unknown, the reason empty, or the code already accepted on that claim."""
    from spacefacts.rules import RULES

    if not reason.strip():
        raise SpacefactsError("--reason is required: say why the finding is accepted")
    if code not in RULES:
        raise _unknown("rule code", code, RULES)
    base = load(text, path)
    ids = [c.id for c in base.claims]
    if claim not in ids:
        raise _unknown("claim", claim, ids)
    n = ids.index(claim)
    if any(a.code == code for a in base.claims[n].accepted):
        raise SpacefactsError(f"claim '{claim}' already accepts {code}")
    loc = _locator(text, path)
    if len(loc.claims) != len(base.claims):
        raise SpacefactsError("accept edits only claims written as [[claims]] tables")
    start, end = loc.span(loc.claims[n])
    entry = {"code": code, "reason": reason}
    chunk = text[start:end]
    if re.search(r"(?m)^[ \t]*accepted[ \t]*=", chunk):
        import tomlkit

        doc = tomlkit.parse(chunk)
        doc["claims"][0]["accepted"].append(tomlkit.parse(f"x = {_item(entry)}")["x"])
        new_chunk = tomlkit.dumps(doc)
    else:
        at = _content_end(text, start, end) - start
        newline = "\r\n" if "\r\n" in text else "\n"
        head = chunk[:at] if chunk[:at].endswith("\n") else chunk[:at] + newline
        new_chunk = head + f"accepted = {_item([entry])}" + newline + chunk[at:]
    new_text = text[:start] + new_chunk + text[end:]
    edit = Edit(new_text, "claim", claim, new_chunk, loc.lines[loc.claims[n]])
    return _judge(edit, path, texts, force=False, strict=False)


def acceptances(path: str, texts: str | None = None) -> list[tuple[Any, Any, bool]]:
    """Every accepted finding of the fact file at `path`: (claim, Accepted, fires) where fires says
    whether lint and check still report that code on that claim (False: stale, as SF310 says)."""
    from spacefacts.pipeline import run

    report = run(path, ("lint", "check"), texts=texts)
    stale = {(d.ids[0], d.message.split(" accepts ")[1].split()[0]) for d in report.diagnostics
             if d.code == "SF310" and d.ids and " accepts " in d.message}
    return [(c, a, (c.id, a.code) not in stale) for c in report.base.claims for a in c.accepted]
