"""Output formats: one module per format, each returning text (only the CLI writes it).

This module holds the format enums the CLI imports at start-up (kept light: the renderers,
and the rest of the core they import, load only when a command uses them) and the switch over
the `lint` and `check` report formats.
"""

from __future__ import annotations

from enum import Enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacefacts.report import Report


class Format(str, Enum):
    """The report formats of `spacefacts lint --format` and `spacefacts check --format`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


class ViewFormat(str, Enum):
    """The formats of the views: `--format` of show, search, conflicts and sources."""

    TEXT = "text"
    JSON = "json"


class RulesFormat(str, Enum):
    """The formats of `spacefacts rules --format` (rendered by render.rules)."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class StatsFormat(str, Enum):
    """The formats of `spacefacts stats --format` (rendered by render.stats)."""

    TEXT = "text"
    JSON = "json"


class ExtractFormat(str, Enum):
    """The formats of `spacefacts extract --format` (rendered by render.verify)."""

    TEXT = "text"
    JSON = "json"
    TOML = "toml"


class VerifyFormat(str, Enum):
    """The formats of `spacefacts verify --format` (rendered by render.verify)."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def render(fmt: Format, report: Report, show_accepted: bool = False, color: bool = False) -> str:
    """Render the report in the given format (`color`: ANSI styles in text, for a terminal).

    text and github list accepted findings only when `show_accepted`; json and sarif always
    carry them, marked (json `accepted`, SARIF `suppressions`), for machines to filter.
    """
    match fmt:
        case Format.TEXT:
            from spacefacts.render import text

            return text.render(report, show_accepted, color)
        case Format.JSON:
            from spacefacts.render import json

            return json.render(report)
        case Format.GITHUB:
            from spacefacts.render import github

            return github.render(report, show_accepted)
        case Format.SARIF:
            from spacefacts.render import sarif

            return sarif.render(report)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive


def render_pieces(fmt: Format, report: Report, show_accepted: bool = False, color: bool = False) -> Iterable[str]:
    """render()'s text in pieces, for the CLI to write as they come (a large report is never held whole):
    text a few thousand lines at a time, JSON a finding at a time; github and sarif in one piece."""
    if fmt is Format.TEXT:
        from spacefacts.render import text

        return text.chunks(report, show_accepted, color)
    if fmt is Format.JSON:
        from spacefacts.render import json

        return json.chunks(report)
    return (render(fmt, report, show_accepted, color),)


__all__ = ["ExtractFormat", "Format", "VerifyFormat", "RulesFormat", "StatsFormat", "ViewFormat", "render",
           "render_pieces"]
