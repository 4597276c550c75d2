"""Importers: catalogues and tables turned into fact-file text (pure: no typer, no rich).

Each importer reads its input row by row and returns an Import: the TOML text to write (or to
append to a fact file) and the rows it could not read, each with its line number. Claims cite
their record (`record = "1957 ALP"`) instead of a quote.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Import:
    """What an importer made: TOML text (sources, properties, entities, claims) and the bad rows."""

    text: str
    bad_rows: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    entities: int = 0
    claims: int = 0


def slug(text: str) -> str:
    """An id piece from free text: lower case, runs of other characters as one '-'."""
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


def toml_str(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's for the characters a catalogue holds)."""
    return json.dumps(text, ensure_ascii=False)


def table(header: str, fields: dict[str, object]) -> str:
    """One TOML table: `[header]` (or `[[claims]]`) and its key = value lines, skipping empty values."""
    lines = [header]
    for key, value in fields.items():
        if value is None or value == "" or value == ():
            continue
        if isinstance(value, (list, tuple)):
            lines.append(f"{key} = [{', '.join(toml_str(v) for v in value)}]")
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, (int, float)):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {toml_str(str(value))}")
    return "\n".join(lines) + "\n"


def read_lines(path: str):
    """The lines of a text file, one at a time (CRLF and LF alike; undecodable bytes replaced).
    Raises SpacefactsError when it cannot be opened."""
    from spacefacts.errors import SpacefactsError

    try:
        handle = open(path, encoding="utf-8", errors="replace", newline=None)
    except OSError as exc:
        raise SpacefactsError(f"cannot read: {exc.strerror or exc}", path) from None
    return handle


def declared(fact_text: str, path: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(source ids, entity ids, property ids) a fact file declares, to add an import to it."""
    from spacefacts.errors import SpacefactsError
    from spacefacts.tomlparse import loads

    try:
        doc = loads(fact_text)
    except Exception as exc:  # the parser's own error type differs between toml-rs and tomli
        raise SpacefactsError(f"not valid TOML: {exc}".splitlines()[0], path) from None

    def ids(name: str) -> frozenset[str]:
        table = doc.get(name)
        return frozenset(table) if isinstance(table, dict) else frozenset()

    return ids("sources"), ids("entities"), ids("properties")


__all__ = ["Import", "declared", "read_lines", "slug", "table", "toml_str"]
