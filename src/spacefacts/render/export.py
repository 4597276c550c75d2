"""The formats of `spacefacts export`: an enum with an exhaustive switch (a test walks every member)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `spacefacts --version` light: the CLI imports this module at start-up
    from spacefacts.model import FactBase
    from spacefacts.timeline import Event


class ExportFormat(str, Enum):
    """What `spacefacts export FORMAT` writes."""

    MARKDOWN = "markdown"
    JSON = "json"


HELP = {
    ExportFormat.MARKDOWN: "Export the timeline as Markdown.\n\n"
                           "A Mermaid timeline, then the events by year with source footnotes.",
    ExportFormat.JSON: "Export the timeline as JSON.\n\nThe schema is in docs/timeline-json.md.",
}


def render_export(fmt: ExportFormat, base: FactBase, events: list[Event]) -> str:
    """The events in the given export format."""
    match fmt:
        case ExportFormat.MARKDOWN:
            from spacefacts.render.markdown import render_markdown

            return render_markdown(base, events)
        case ExportFormat.JSON:
            from spacefacts.render.timeline_json import render_timeline_json

            return render_timeline_json(base, events)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive
