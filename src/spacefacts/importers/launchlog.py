"""Jonathan McDowell's launch log (launchlog.txt, JSR): fixed-width rows, one launch per tagged line.

Columns (0-based, end-exclusive; ../shared/ext/launches/README.txt): tag [0:13), date [13:40),
COSPAR piece [40:55), payload name [55:86), original payload name [86:112), SATCAT [112:121),
vehicle [121:144), vehicle serial [144:160), site [160:193), success S/F [193:198), reference [198:).
A line with a blank tag is one more payload of the launch above. Lines starting with '#' are headers.
CRLF and LF line endings are both read.

Each launch becomes an entity `launch-<tag>` (kind "event", named "Launch <tag> (<first payload>)",
its payload names in its description: payload names are not unique across launches, so no aliases) with claims, each citing its tag as `record`:
launch_time (the date at the precision the line gives: day, minute or second; a trailing '?' kept),
launch_vehicle, vehicle_serial, launch_site, launch_outcome (success / failure) and payload_count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacefacts.importers import Import, slug, table

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))}
_DATE = re.compile(r"(\d{4}) ([A-Z][a-z]{2})\s+(\d{1,2})(?:\s+(\d{2})(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(\?)?")
OUTCOMES = {"S": "success", "F": "failure"}

PROPERTIES = {
    "launch_time": {"type": "date", "label": "launch time", "description": "Launch date and time (UTC)."},
    "launch_vehicle": {"type": "text", "label": "launch vehicle"},
    "vehicle_serial": {"type": "text", "label": "vehicle serial", "compare": "exact"},
    "launch_site": {"type": "text", "label": "launch site", "compare": "exact"},
    "launch_outcome": {"type": "text", "label": "outcome", "compare": "exact"},
    "payload_count": {"type": "quantity", "label": "payloads", "unit": "payloads"},
}


@dataclass
class Launch:
    """One launch: its tagged line's fields and its payload rows' names."""

    tag: str
    line: int
    date: str  # as parse_date reads it: 1957-10-04T19:28:34, 1958-02-17?
    vehicle: str
    serial: str
    site: str
    outcome: str
    payloads: list[str] = field(default_factory=list)


def log_date(field_text: str) -> str | None:
    """The date field as ISO text at its own precision ("1957 Oct  4 1928:34" -> 1957-10-04T19:28:34),
    or None when it is no date."""
    m = _DATE.fullmatch(field_text.strip())
    if m is None or m[2] not in _MONTHS:
        return None
    text = f"{m[1]}-{_MONTHS[m[2]]:02d}-{int(m[3]):02d}"
    if m[4] is not None:
        text += f"T{m[4]}:{m[5]}"
        if m[6] is not None:
            text += f":{m[6]}{m[7] or ''}"
    return text + (m[8] or "")


def launches(lines: Iterable[str], bad: list[tuple[int, str]]) -> Iterator[Launch]:
    """The launches of a log, read line by line; unreadable rows go to `bad` as (line number, why)."""
    from spacefacts.dates import DateError, parse_date

    current: Launch | None = None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        tag = line[0:13].strip()
        payload = line[55:86].strip() or line[86:112].strip()
        if not tag:
            if current is None:
                bad.append((number, "a payload row before any launch line"))
            else:
                current.payloads.append(payload)
            continue
        if len(line) < 194:
            bad.append((number, f"{tag}: the launch line is {len(line)} characters, it needs 194 (S/F in column 194)"))
            if current is not None:
                yield current
            current = None
            continue
        date = log_date(line[13:40])
        problem = None if date else f"launch date {line[13:40].strip()!r} is not 'YYYY Mon DD [HHMM[:SS]]'"
        if date:
            try:
                parse_date(date)
            except DateError as exc:
                problem = str(exc)
        outcome = OUTCOMES.get(line[193:198].strip())
        if problem is None and outcome is None:
            problem = f"outcome {line[193:198].strip()!r} is neither S nor F"
        if problem is not None:
            bad.append((number, f"{tag}: {problem}"))
            if current is not None:
                yield current
            current = None
            continue
        if current is not None:
            yield current
        current = Launch(tag, number, date, line[121:144].strip(), line[144:160].strip(),
                         " ".join(line[160:193].split()), outcome, [payload])
    if current is not None:
        yield current


def entity_id(tag: str) -> str:
    return "launch-" + slug(tag)


def import_log(lines: Iterable[str], source: str, *, title: str, published: str | None = None,
               url: str = "", known: frozenset[str] = frozenset(), declared: frozenset[str] = frozenset(),
               rename: dict[str, str] | None = None) -> Import:
    """The log as fact-file text: the source (published at `published`, else the month of its last
    launch), the properties (their ids as `rename` maps them) and the entities not in `declared` /
    `known`, and the claims."""
    ids = {pid: (rename or {}).get(pid, pid) for pid in PROPERTIES}
    bad: list[tuple[int, str]] = []
    out: list[str] = [""]  # [0]: the source, once the last launch's date is known
    for pid, fields in PROPERTIES.items():
        if ids[pid] not in declared:
            out.append(table(f"[properties.{ids[pid]}]", fields))
    entities = claims = 0
    last = None
    for launch in launches(lines, bad):  # one launch at a time: the log is never held whole
        last = max(last or launch.date[:7], launch.date[:7])
        eid = entity_id(launch.tag)
        if eid not in known:
            names = list(dict.fromkeys(n for n in launch.payloads if n))
            first = names[0] if names else ""
            out.append(table(f"[entities.{eid}]", {
                "name": f"Launch {launch.tag}" + (f" ({first})" if first else ""), "kind": "event",
                "description": "Payloads: " + ", ".join(names) if names else ""}))
            entities += 1
        values = (("launch_time", launch.date), ("launch_vehicle", launch.vehicle),
                  ("vehicle_serial", launch.serial if launch.serial not in ("", "-") else ""),
                  ("launch_site", launch.site), ("launch_outcome", launch.outcome),
                  ("payload_count", len(launch.payloads)))
        for pid, value in values:
            if value == "":
                continue
            pid = ids[pid]
            out.append(table("[[claims]]", {
                "id": f"{source}-{slug(launch.tag)}-{pid}", "subject": eid, "property": pid,
                "value": value, "source": source, "record": launch.tag}))
            claims += 1
    out[0] = table(f"[sources.{source}]", {"title": title, "kind": "dataset", "published": published or last,
                                            "url": url})
    return Import("\n".join(out), bad, entities, claims)


__all__ = ["Launch", "PROPERTIES", "import_log", "launches", "log_date"]
