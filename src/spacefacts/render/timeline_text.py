"""The timeline for a terminal: a year heading, then one row per event (rich)."""

from __future__ import annotations

from spacefacts.render.textsafe import clean, render_rich
from spacefacts.timeline import Dating, Event, by_year

DATE_WIDTH = 22  # wide enough for "early 2020 – late 2021"


def _sources(dating: Dating) -> str:
    return ", ".join(clean(s) for s in dating.sources)


def event_text(event: Event, one_line: bool = False):
    """The right-hand cell: the event's headline (subject in bold), source; and the other dates when sources disagree
    (each on a line of its own, or after two spaces on the same line when `one_line`)."""
    from rich.text import Text

    text = Text()
    head = event.headline  # as the exports say it: the claim's label, else subject, what and the key's words
    if head.startswith(event.subject_name):
        text.append(clean(event.subject_name), style="bold")
        head = head[len(event.subject_name):]
        text.append((" " if head[:1].isspace() else "") + clean(head))
    else:
        text.append(clean(head), style="bold")
    text.append(f"  [{_sources(event.dating)}]", style="cyan")
    for other in event.others:
        text.append("  " if one_line else "\n")
        text.append("conflict:", style="bold red")
        text.append(f" {clean(other.date.display())} [{_sources(other)}]", style="red")
    return text


def render_timeline_text(events: list[Event], width: int | None = 80, color: bool = False) -> str:
    """The events grouped by year, at most `width` columns; ANSI styles only when `color`.

    `width` None (a pipe): one event per line, its disputed dates included, never wrapped, so
    `grep` finds whole events."""
    from rich.table import Table
    from rich.text import Text

    if not events:
        return "No events match.\n"
    date_width = max(len(e.date.display()) + 2 * e.conflict for e in events)
    if width is not None:
        date_width = min(DATE_WIDTH, date_width)
    parts = []
    for year, group in by_year(events):
        parts.append(Text(str(year), style="bold underline"))
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1, 0, 2))
        table.add_column("date", width=date_width, overflow="fold")
        table.add_column("event", ratio=1, overflow="fold")
        for event in group:
            date = Text(clean(event.date.display()), style="red" if event.conflict else "green")
            if event.conflict:
                date.append(" !", style="bold red")
            table.add_row(date, event_text(event, one_line=width is None))
        parts.append(table)
    conflicts = sum(e.conflict for e in events)
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    parts.append(Text(count + (f", {conflicts} with disputed dates (!)" if conflicts else ""), style="dim"))
    return render_rich(parts, width, color)
