"""Any table (CSV or TSV) as claims: each row a subject, chosen columns as claims of properties.

A mapping names the subject column and, for each property, its column and (optionally) its type:
`subject=tag,launch_time=launch_date:date,launch_vehicle=type`. A date or quantity cell is read as
the fact file reads one (dates.parse_date, quantities.parse_quantity); an empty cell gives no claim.
Each claim cites its row as `record = "line N"`. Subjects are entities `<prefix><slug of the cell>`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from spacefacts.errors import SpacefactsError
from spacefacts.importers import Import, slug, table

TYPES = ("text", "date", "quantity")


@dataclass(frozen=True)
class Mapping:
    """Which column names the subject, and (property id, column, type) for each claim of a row."""

    subject: str
    columns: tuple[tuple[str, str, str], ...]


def parse_mapping(text: str) -> Mapping:
    """`subject=COL,PROPERTY=COL[:TYPE],...` as a Mapping; raises SpacefactsError on a bad item."""
    subject = None
    columns = []
    for item in (part.strip() for part in text.split(",")):
        name, eq, column = item.partition("=")
        if not eq or not name.strip() or not column.strip():
            raise SpacefactsError(f"--map: '{item}' is not NAME=COLUMN (e.g. subject=tag,launch_time=launch_date:date)")
        name, column = name.strip(), column.strip()
        column, _, kind = column.partition(":")
        kind = kind or "text"
        if kind not in TYPES:
            raise SpacefactsError(f"--map: type '{kind}' of '{name}' is not one of {', '.join(TYPES)}")
        if name == "subject":
            subject = column
        else:
            columns.append((name, column, kind))
    if subject is None or not columns:
        raise SpacefactsError("--map needs subject=COLUMN and at least one PROPERTY=COLUMN")
    return Mapping(subject, tuple(columns))


def import_table(lines: Iterable[str], mapping: Mapping, source: str, *, title: str, published: str | None = None,
                 prefix: str = "", kind: str = "other", delimiter: str = ",",
                 known: frozenset[str] = frozenset(), declared: frozenset[str] = frozenset()) -> Import:
    """The table as fact-file text; rows that cannot be read are Import.bad_rows (line, why)."""
    from spacefacts.dates import DateError, parse_date
    from spacefacts.quantities import QuantityError, parse_quantity

    reader = csv.reader(lines, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise SpacefactsError("the table is empty: no header row")
    where = {name: i for i, name in enumerate(header)}
    missing = [c for c in (mapping.subject, *(col for _, col, _ in mapping.columns)) if c not in where]
    if missing:
        raise SpacefactsError(f"--map: no column {', '.join(map(repr, missing))} (columns: {', '.join(header)})")
    out = [table(f"[sources.{source}]", {"title": title, "kind": "dataset", "published": published})]
    out += [table(f"[properties.{pid}]", {"type": t}) for pid, _, t in mapping.columns if pid not in declared]
    bad: list[tuple[int, str]] = []
    seen = set(known)
    entities = claims = 0
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            bad.append((line, f"{len(row)} cells, the header has {len(header)}"))
            continue
        name = row[where[mapping.subject]].strip()
        if not name:
            bad.append((line, f"no {mapping.subject}"))
            continue
        values, problem = [], None
        for pid, column, t in mapping.columns:
            cell = row[where[column]].strip()
            if not cell:
                continue
            try:
                if t == "date":
                    parse_date(cell)
                elif t == "quantity":
                    parse_quantity(cell)
            except (DateError, QuantityError) as exc:
                problem = f"{column}: {exc}"
                break
            values.append((pid, cell))
        if problem is not None:
            bad.append((line, problem))
            continue
        eid = prefix + slug(name)
        if eid not in seen:
            seen.add(eid)
            out.append(table(f"[entities.{eid}]", {"name": name, "kind": kind}))
            entities += 1
        for pid, cell in values:
            out.append(table("[[claims]]", {"id": f"{source}-{line}-{pid}", "subject": eid, "property": pid,
                                            "value": cell, "source": source, "record": f"line {line}"}))
            claims += 1
    return Import("\n".join(out), bad, entities, claims)


__all__ = ["Mapping", "TYPES", "import_table", "parse_mapping"]
