"""The formats of `spacefacts export`: an enum with an exhaustive switch (a test walks every member)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `spacefacts --version` light: the CLI imports this module at start-up
    from spacefacts.model import FactBase
    from spacefacts.timeline import Event


class Group(str, Enum):
    """`--group`: the sections of an exported event list."""

    DECADE = "decade"
    YEAR = "year"
    NONE = "none"


class DiagramsBy(str, Enum):
    """`--by`: how the exported diagrams are cut."""

    DECADE = "decade"
    ENTITY = "entity"


class ExportFormat(str, Enum):
    """What `spacefacts export FORMAT` writes."""

    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"


HELP = {
    ExportFormat.MARKDOWN: "Export the timeline as Markdown for GitHub.\n\n"
                           "Small Mermaid timelines (at most four dates across, readable at GitHub's width), "
                           "the events by decade, and a footnote with the source's words for each claim.",
    ExportFormat.HTML: "Export the timeline as one self-contained HTML page.\n\n"
                       "No network and no library: a year axis, events with their sources and quotes on click, "
                       "disputed dates highlighted, filters by entity and kind, a print stylesheet.",
    ExportFormat.JSON: "Export the timeline as JSON.\n\nThe schema is in docs/timeline-json.md.",
}


def render_export(fmt: ExportFormat, base: FactBase, events: list[Event], *, title: str | None = None,
                  group: Group = Group.DECADE, by: DiagramsBy = DiagramsBy.DECADE, diagram: bool = True,
                  analysis=None) -> str:
    """The events in the given export format (the options are the documents'; HTML takes only the title
    and the analysis, for its charts' disputed values; JSON none)."""
    match fmt:
        case ExportFormat.MARKDOWN:
            from spacefacts.render.markdown import render_markdown

            return render_markdown(base, events, title, group=Group(group).value, by=DiagramsBy(by).value,
                                   diagram=diagram)
        case ExportFormat.HTML:
            from spacefacts.render.html import render_html

            return render_html(base, events, title, analysis)
        case ExportFormat.JSON:
            from spacefacts.render.timeline_json import render_timeline_json

            return render_timeline_json(base, events)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive
