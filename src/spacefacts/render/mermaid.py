"""A Mermaid `timeline` diagram of events: one section per year.

Mermaid's timeline lexer gives meaning to a few characters: ':' followed by a space
separates a period from its events, '#' and '%' start comments, a backtick run could
close the Markdown fence around the block, '<' '>' '&' reach the HTML label, ';' ends a
statement in other diagram types, and a newline ends the line. `escape` swaps each
for a look-alike so the text reads the same and the diagram cannot be broken.
"""

from __future__ import annotations

from spacefacts.render.textsafe import clean
from spacefacts.timeline import Event, by_year

MAX_TEXT = 100  # characters per event text; Mermaid draws each event in a small box
MAX_TITLE = 40  # characters of a diagram's title: it is drawn large on one line, and a longer one widens the SVG

_LOOKALIKE = str.maketrans({
    ":": "\u2236",  # RATIO
    ";": "\uff1b",  # FULLWIDTH SEMICOLON
    "#": "\uff03",  # FULLWIDTH NUMBER SIGN
    "%": "\uff05",  # FULLWIDTH PERCENT SIGN
    "`": "\u02cb",  # MODIFIER LETTER GRAVE ACCENT
    "<": "\u2039",  # SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    ">": "\u203a",  # SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    "&": "\uff06",  # FULLWIDTH AMPERSAND
    "{": "(",
    "}": ")",
    "\\": "\uff3c",  # FULLWIDTH REVERSE SOLIDUS
})


def escape(text: str, limit: int = MAX_TEXT) -> str:
    """One line of text that Mermaid shows as written and that cannot end the block."""
    out = clean(text).translate(_LOOKALIKE)
    if len(out) > limit:
        out = out[: limit - 1].rstrip() + "\u2026"
    return out or "-"


MAX_PERIODS = 4  # columns per diagram: at GitHub's 1012 px, 4 draw text at 13.6 px, 5 at 11.6 px (measured)
DISPUTED = "\u26a0"  # WARNING SIGN, marks a disputed date in the diagram and the text


def event_label(event: Event) -> str:
    """The event's text in the diagram: its headline, "reportedly" when hedged, a disputed-date mark."""
    text = event.headline + (", reportedly" if event.hedged else "")
    if event.conflict:
        text += f" {DISPUTED} date disputed, also " + ", ".join(o.date.display() for o in event.others)
    return text


def decade(year: int) -> str:
    return f"{year // 10 * 10}s"


def _chunks(name: str, events: list[Event]) -> list[tuple[str, list[Event]]]:
    """One group cut into runs of at most MAX_PERIODS periods (dates), never cutting a period; each run
    titled with its years when there is more than one."""
    runs: list[list[Event]] = []
    periods = 0
    previous = None
    for event in events:
        period = event.date.display()
        if period != previous:
            if not runs or periods == MAX_PERIODS:
                runs.append([])
                periods = 0
            periods += 1
            previous = period
        runs[-1].append(event)
    if len(runs) == 1:
        return [(name, runs[0])]
    return [(f"{name}, {_years(run)}", run) for run in runs]


def _years(events: list[Event]) -> str:
    first, last = events[0].year, events[-1].year
    return str(first) if first == last else f"{first}\u2013{last}"


def diagram_groups(events: list[Event], by: str = "decade") -> list[tuple[str, list[Event]]]:
    """The events cut into diagrams small enough to read: (title, events) by decade in time order, or
    by entity (`by="entity"`, entities in the order of their first event); large groups are cut further."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(event.subject_name if by == "entity" else decade(event.year), []).append(event)
    return [chunk for name, group in groups.items() for chunk in _chunks(name, group)]


def render_mermaid(events: list[Event], title: str = "Timeline") -> str:
    """Mermaid timeline source (without the Markdown fence): one section per year. Consecutive events
    with the same date share one period line."""
    lines = ["timeline", f"    title {escape(title, MAX_TITLE)}"]
    for year, group in by_year(events):
        lines.append(f"    section {escape(str(year))}")
        previous = None
        for event in group:
            period = escape(event.date.display(), 40)
            if any(e.conflict for e in group if e.date.display() == event.date.display()):
                period = escape(f"{event.date.display()} {DISPUTED}", 40)
            shown = " " * len(period) if period == previous else period
            lines.append(f"        {shown} : {escape(event_label(event))}")
            previous = period
    return "\n".join(lines) + "\n"
