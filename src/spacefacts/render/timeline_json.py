"""The timeline as JSON data (schema: docs/timeline-json.md, docs/timeline.schema.json)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from spacefacts.dates import DateValue
from spacefacts.model import FactBase
from spacefacts.timeline import Dating, Event

SCHEMA = "spacefacts-timeline/1"


def date_json(date: DateValue | None) -> dict | None:
    """A date as data: display text, the text written, closed interval (null for an open end), flags."""
    if date is None:
        return None
    earliest, latest = date.earliest.isoformat(), date.latest.isoformat()
    if date.span is not None:  # a time of day: the first and last second, in UTC
        first, after = date.span
        earliest = first.isoformat(timespec="seconds") + "Z"
        latest = (after - dt.timedelta(seconds=1)).isoformat(timespec="seconds") + "Z"
    return {
        "display": date.display(),
        "text": date.text,
        "earliest": None if date.open_start else earliest,
        "latest": None if date.open_end else latest,
        "precision": date.precision,
        "approximate": date.approximate,
        "uncertain": date.uncertain,
    }


def _dating(d: Dating) -> dict:
    return {
        "date": date_json(d.date),
        "sources": list(d.sources),
        "claims": [c.id for c in d.claims],
        "confidence": d.confidence,
    }


def event_json(event: Event) -> dict:
    """One event as data."""
    return {
        "year": event.year,
        "subject": {"id": event.subject, "name": event.subject_name, "kind": event.kind},
        "property": event.property,
        "label": event.label,
        "key": event.key,
        "what": event.what,
        "headline": event.headline,
        "hedged": event.hedged,
        **_dating(event.dating),
        "conflict": event.conflict,
        "other_dates": [_dating(o) for o in event.others],
    }


def timeline_data(base: FactBase, events: list[Event]) -> dict:
    """The document as plain data: events in order, and every source they cite."""
    cited = sorted({s for e in events for s in e.sources})
    sources = {}
    for sid in cited:
        src = base.sources.get(sid)
        sources[sid] = None if src is None else {
            "title": src.title, "publisher": src.publisher, "author": src.author,
            "published": date_json(src.published), "url": src.url, "kind": src.kind, "trust": src.trust,
        }
    return {
        "schema": SCHEMA,
        "file": Path(base.path).name,
        "events": [event_json(e) for e in events],
        "sources": sources,
    }


def render_timeline_json(base: FactBase, events: list[Event]) -> str:
    """JSON text, two-space indented, keys in a fixed order, UTF-8 kept readable."""
    return json.dumps(timeline_data(base, events), indent=2, ensure_ascii=False) + "\n"
