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


def joined_base(target: str) -> str | None:
    """The fact file whose fact base an import written to `target` joins, so that a catalogue imported
    beside others does not declare again what the base declares (SF107): the default fact file
    (findfile: ./facts.toml or above, $SPACEFACTS_FILE) when one of its `[settings] include` globs matches
    `target` (loading it reads `target` too), else `target` itself when it exists (--into), else None."""
    import fnmatch
    import os

    from spacefacts.files import read_text
    from spacefacts.findfile import find_fact_file
    from spacefacts.tomlparse import loads

    alone = target if os.path.exists(target) else None
    try:
        default = find_fact_file()
        settings = loads(read_text(default)).get("settings", {})
    except Exception:  # no default fact file (SpacefactsError), or one that does not parse: nothing joined
        return alone
    patterns = settings.get("include", []) if isinstance(settings, dict) else []
    relative = os.path.relpath(os.path.abspath(target), os.path.dirname(os.path.abspath(default)))
    if os.path.realpath(default) != os.path.realpath(target) and any(
            isinstance(p, str) and fnmatch.fnmatch(relative, p) for p in patterns):
        return default
    return alone


__all__ = ["Import", "joined_base", "read_lines", "slug", "table", "toml_str"]
