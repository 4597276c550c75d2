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


def event_label(event: Event) -> str:
    """The event's text in the diagram: subject, what happened, and a disputed-date mark."""
    text = f"{event.subject_name} {event.what}"
    if event.key:
        text += f" ({event.key})"
    if event.conflict:
        text += " (date disputed, also " + ", ".join(o.date.display() for o in event.others) + ")"
    return text


def render_mermaid(events: list[Event], title: str = "Timeline") -> str:
    """Mermaid timeline source (without the Markdown fence). Consecutive events with the
    same date share one period line."""
    lines = ["timeline", f"    title {escape(title)}"]
    for year, group in by_year(events):
        lines.append(f"    section {escape(str(year))}")
        previous = None
        for event in group:
            period = escape(event.date.display(), 40)
            shown = " " * len(period) if period == previous else period
            lines.append(f"        {shown} : {escape(event_label(event))}")
            previous = period
    return "\n".join(lines) + "\n"
