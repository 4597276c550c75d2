"""`spacefacts fmt`: one canonical layout of a fact file, keeping every comment and every value.

The layout:
- tables in the order settings, sources, properties, units, entities, claims, then any other (records of
  one kind keep their order); the comments and blank lines above a table move with it;
- within a record, keys in docs/format.md's order (edit.FIELD_ORDER; keys it does not know after,
  as written); a comment line above a key moves with it, a comment after a value stays on its line;
- `key = value` with one space around `=`, bare keys where TOML allows them, and a one-line
  'literal' string written as a "basic" one; every other value is kept as written;
- no blank line inside a table, one blank line before each table (two or more runs of blank lines
  in the comments above it become one), one line end at the end of the file.

The text before the first table (the `#:schema` line, the file's header comments: up to the last blank
line before the first table) stays first, as it is.
The result is parsed again and must hold the same data and the same comments, else nothing is
changed (SpacefactsError). Pure core.
"""

from __future__ import annotations

import re

from spacefacts.errors import SpacefactsError

ORDER = {"settings": 0, "sources": 1, "properties": 2, "units": 3, "entities": 4, "claims": 5}
KEY_ORDER = {
    "settings": ("select", "ignore", "quote_threshold", "duplicate_threshold", "hedged_weight", "texts"),
    "properties": ("type", "label", "unit", "compare", "plan", "multi", "temporal", "cumulative", "tolerance",
                   "minimum", "maximum", "before", "count_of", "sum_of", "confirmed_by", "description"),
}
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_KEY_LINE = re.compile(r"""[ \t]*((?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'))*)[ \t]*=[ \t]*(.*)""")
_LITERAL = re.compile(r"'([^'\n]*)'")


def _key_order(kind: str) -> tuple[str, ...]:
    from spacefacts.edit import FIELD_ORDER

    singular = {"sources": "source", "entities": "entity", "claims": "claim"}
    return KEY_ORDER.get(kind) or FIELD_ORDER.get(singular.get(kind, ""), ())


def _loads(text: str):
    from spacefacts.tomlparse import loads

    return loads(text)


def _key_text(raw: str) -> str:
    """A key as canonical text: each dotted part bare where it can be, else a basic string."""
    from spacefacts.locate import split_key

    parts = split_key(raw)
    if len(parts) == 1 and parts[0] == raw.strip() and not _BARE.fullmatch(raw.strip()):
        return raw.strip()  # not a key split_key understands: as written
    out = []
    for part in parts:
        if _BARE.fullmatch(part):
            out.append(part)
        elif f'"{part}"' in raw:
            out.append(f'"{part}"')  # a basic string, escapes as written
        else:
            out.append(_basic(part))  # a literal string: no escapes in it
    return ".".join(out)


def _basic(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


def _value_text(value: str) -> str:
    """A value as written, except a one-line literal string becomes a basic one (same characters)."""
    m = _LITERAL.match(value)
    if m and not value.startswith("'''"):
        rest = value[m.end():]
        if not rest.strip() or rest.lstrip().startswith("#"):
            return _basic(m.group(1)) + rest
    return value


def _items(lines: list[str]) -> tuple[list[tuple[str, list[str], list[str]]], list[str]] | None:
    """The key items of a table body: (key, comment lines above it, its own lines), and the comment
    lines after the last key. None when a line is neither blank, a comment nor `key = value`."""
    items: list[tuple[str, list[str], list[str]]] = []
    above: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:  # a blank line: the comments above it still go with the next key
            i += 1
            continue
        if stripped.startswith("#"):
            above.append(stripped)
            i += 1
            continue
        m = _KEY_LINE.match(line)
        if not m:
            return None
        j = i + 1
        while m.group(2).lstrip().startswith(("[", "{", '"""', "'''")):  # it may span lines: until it parses
            chunk = "\n".join(lines[i:j])
            try:
                _loads(chunk)
                break
            except Exception:
                if j >= len(lines):
                    return None
                j += 1
        own = lines[i:j]
        own[0] = f"{_key_text(m.group(1))} = {_value_text(m.group(2))}" if j == i + 1 else \
            f"{_key_text(m.group(1))} = {m.group(2)}"
        items.append((_first_key(m.group(1)), above, own))
        above = []
        i = j
    return items, above


def _first_key(raw: str) -> str:
    from spacefacts.locate import split_key

    return split_key(raw)[0]


def _table_kind(name: tuple[str, ...]) -> str:
    return name[0] if name else ""


def format_text(text: str, path: str = "facts.toml") -> str:
    """The fact file `text` in the canonical layout (see the module docstring); the same text when it
    already is. Line ends are kept ("\\r\\n" when the file uses them). SpacefactsError when the text is
    not TOML or the layout would change its data or comments."""
    from spacefacts.locate import Locator

    newline = "\r\n" if "\r\n" in text else "\n"
    src = text.replace("\r\n", "\n")
    try:
        before = _loads(src)
    except Exception as exc:
        raise SpacefactsError(f"not TOML: {exc}", path) from None
    loc = Locator(src, path, exact=True)
    if not loc.offsets:
        out = src.rstrip("\n") + "\n" if src.strip() else src
        return out.replace("\n", newline)
    starts = [i for i, name in enumerate(loc.names) if not _is_sub(name)]
    first = loc.offsets[starts[0]] if starts else loc.offsets[0]
    only_comments = all(not ln.strip() or ln.strip().startswith("#") for ln in src[:first].split("\n"))
    if only_comments:  # the file's header: the comments up to the last blank line before the first table
        blank = [m.end() for m in re.finditer(r"(?m)^[ \t]*\n", src[:first])]
        end_of_pre = blank[-1] if blank else 0
    else:
        end_of_pre = _content_end(src, 0, first)
    out = src[:end_of_pre].rstrip("\n") + "\n" if src[:end_of_pre].strip() else ""
    # chunks: a top-level record with its sub-tables, and the comments and blank lines above it
    chunks = []
    lead_start = end_of_pre
    for n, i in enumerate(starts):
        head = loc.offsets[i]
        nxt = loc.offsets[starts[n + 1]] if n + 1 < len(starts) else len(src)
        body_end = _content_end(src, head, nxt)
        chunks.append((loc.names[i], src[lead_start:head], src[head:body_end]))
        lead_start = body_end
    epilogue = _lead_comments(src[lead_start:], before_table=False)
    blocks = [out] if out else []
    for k in sorted(range(len(chunks)), key=lambda k: (ORDER.get(_table_kind(chunks[k][0]), len(ORDER)), k)):
        name, lead, body = chunks[k]
        blocks.append(_lead_comments(lead) + _format_table(name, body))
    if epilogue:
        blocks.append(epilogue)
    out = "\n".join(blocks).rstrip("\n") + "\n"
    _same(before, src, out, path)
    return out.replace("\n", newline)


def _is_sub(name: tuple[str, ...]) -> bool:
    """A header that belongs to the record above it (a sub-table such as [[claims.accepted]])."""
    depth = 1 if name[:1] == ("claims",) else 2
    return len(name) > depth


def _content_end(text: str, start: int, end: int) -> int:
    from spacefacts.edit import _content_end as content_end

    return content_end(text, start, end)


def _lead_comments(lead: str, before_table: bool = True) -> str:
    """The comments above a table (or after the last one), runs of blank lines between them made one,
    none at either end; a blank line after them when one set them off from the table."""
    out: list[str] = []
    for line in lead.split("\n"):
        if line.strip():
            out.append(line.rstrip())
        elif out and out[-1] != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    if not out:
        return ""
    return "\n".join(out) + ("\n\n" if before_table and _separate(lead) else "\n")


def _separate(lead: str) -> bool:
    """Whether the comments above a table are set off from it by a blank line (a section banner)."""
    return bool(re.search(r"\n[ \t]*\n[ \t]*$", "\n" + lead.rstrip(" \t"))) and lead.strip() != ""


def _format_table(name: tuple[str, ...], body: str) -> str:
    """One record: its header canonical, its keys in order, no blank lines inside."""
    lines = body.rstrip("\n").split("\n")
    header, rest = lines[0], lines[1:]
    sub = next((n for n, line in enumerate(rest) if re.match(r"[ \t]*\[", line)), None)
    tail = rest[sub:] if sub is not None else []
    parsed = _items(rest[:sub] if sub is not None else rest)
    header = _header_text(header, name)
    if parsed is None:  # something this formatter does not understand: the table is kept as written
        return body.rstrip("\n") + "\n"
    items, trailing = parsed
    order = _key_order(_table_kind(name))
    rank = {k: n for n, k in enumerate(order)}
    items = sorted(enumerate(items), key=lambda p: (rank.get(p[1][0], len(order)), p[0]))
    out = [header]
    for _, (_, above, own) in items:
        out += above + own
    out += trailing
    out += [line for line in tail]
    return "\n".join(out) + "\n"


def _header_text(line: str, name: tuple[str, ...]) -> str:
    m = re.match(r"[ \t]*(\[\[?)[ \t]*(.*?)[ \t]*(\]\]?)[ \t]*(#.*)?$", line)
    if not m:
        return line
    comment = f"  {m.group(4)}" if m.group(4) else ""
    return f"{m.group(1)}{_key_text(m.group(2))}{m.group(3)}{comment}"


_TOKENS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""+|\'\'\'[\s\S]*?\'\'\'+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*''')


def _comments(text: str) -> list[str]:
    """The comments of a TOML text, sorted (a '#' outside strings, to the end of its line)."""
    return sorted(m.group().rstrip() for m in _TOKENS.finditer(text) if m.group().startswith("#"))


def _same(before, src: str, out: str, path: str) -> None:
    try:
        after = _loads(out)
    except Exception as exc:
        raise SpacefactsError(f"fmt would make the file invalid ({exc}); nothing changed (a bug: please report it)",
                              path) from None
    if after != before:
        raise SpacefactsError("fmt would change the file's data; nothing changed (a bug: please report it)", path)
    if _comments(out) != _comments(src):
        raise SpacefactsError("fmt would change the file's comments; nothing changed (a bug: please report it)",
                              path)
