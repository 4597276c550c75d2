"""A fast path for parsing a fact file whose claims are written plainly, exact or not at all.

Most of a large fact file is `[[claims]]` tables of one-line `key = value` pairs, and most values are
plain strings: a general TOML parser spends most of its time there. loads() parses the text before the
first claim with the TOML parser, then reads the claims line by line with one regular expression:

- `[[claims]]`, blank lines and comment lines;
- `key = "text"` (no backslash or control character inside), `key = 123`, `key = true|false`;
- `key = <anything else on one line>`: all such values are parsed by the TOML parser in one batch,
  one `vN = <value>` line each.

Every line of the claims must be one of these, no key may repeat within a claim, and the batch must give
back exactly one value per line (which proves that no value ran on into the next line). Otherwise, or if
the text before the claims defines `claims` itself, loads() returns None and the caller parses the whole
text with the TOML parser, which also reports any error at its exact line. When it returns a result, it is
the one the TOML parser gives for the whole text (tests compare the two on generated, mutated and real files),
with the line of each claim's `[[claims]]` header, which the scan has seen anyway (the loader's Locator then
need not look for them).
"""

from __future__ import annotations

import re
from typing import Any, Callable

_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*'  # inside a basic string that needs no decoding
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
# One line of the claims: groups header, key, plain string (inside the quotes), other value; all empty for a
# blank or comment line. Each match is one whole line, so every line matched iff matches == lines.
_LINE = re.compile(
    rf"^(?:(\[\[claims\]\])[ \t]*{_COMMENT}"  # a claim's header
    rf'|[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:"({_PLAIN})"|([^\n]+))'  # key = "plain" | key = other
    rf"|[ \t]*{_COMMENT})$",  # blank or comment
    re.MULTILINE,
)
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_BOOLEANS = {"true": True, "false": False}


def loads(text: str, parse: Callable[[str], dict[str, Any]]) -> tuple[dict[str, Any], list[int]] | None:
    """text parsed as `parse` (tomli.loads) would parse it, with the line (from 1) of each claim's header;
    or None when the fast path does not apply."""
    if "\r" in text:
        return None  # CR line ends are not ours: no line would match (a cheap test before the whole scan)
    first = 0 if text.startswith("[[claims]]") else (text.find("\n[[claims]]") + 1 or None)
    if first is None:
        return None
    try:
        data = parse(text[:first])
    except Exception:
        return None
    found = None if "claims" in data else _claims(text[first:], parse)
    if found is None:
        return None
    data["claims"], rows = found
    before = text.count("\n", 0, first) + 1  # the line of the first claim's header
    return data, [before + row for row in rows]


def _claims(text: str, parse: Callable[[str], dict[str, Any]]) -> tuple[list[dict[str, Any]], list[int]] | None:
    """The claims of a text that starts with a `[[claims]]` header and holds nothing else, with the row
    (line, from 0) of each one's header; or None."""
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") + 1 or not rows[0][0]:
        return None  # a line is not one of ours, or the text does not start with a claim
    claims: list[dict[str, Any]] = []
    claim: dict[str, Any] = {}
    others: list[tuple[dict[str, Any], str, str]] = []  # (claim, key, value text) for the batch
    headers: list[int] = []
    for row, (header, key, plain, other) in enumerate(rows):
        if key:
            if key in claim:
                return None
            if not other:
                claim[key] = plain
            elif other in _BOOLEANS:
                claim[key] = _BOOLEANS[other]
            elif _INTEGER.fullmatch(other):
                claim[key] = int(other)
            else:
                claim[key] = None  # holds the key's place: the order of keys stays the parser's
                others.append((claim, key, other))
        elif header:
            claim = {}
            claims.append(claim)
            headers.append(row)
    if others:
        try:
            values = parse("\n".join(f"v{i} = {other}" for i, (_, _, other) in enumerate(others)))
        except Exception:
            return None
        if len(values) != len(others):
            return None  # a value ran on into the next line
        for i, (claim, key, _) in enumerate(others):
            claim[key] = values[f"v{i}"]
    return claims, headers
