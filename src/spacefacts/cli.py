"""The command line. The only module that imports typer; commands stay thin.

Heavy modules (rapidfuzz, dateutil, rich rendering) are imported inside the
commands that need them so that `spacefacts --version` starts fast.
Exit codes: 0 clean, 1 findings at error level, 2 the tool could not do its job.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from spacefacts import __version__
from spacefacts.errors import SpacefactsError

app = typer.Typer(
    name="spacefacts",
    help="Timeline and fact checker for curated claims about China's space industry.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
export_app = typer.Typer(help="Export the timeline as a document or data.", no_args_is_help=True)
app.add_typer(export_app, name="export")

FileArg = Annotated[str, typer.Argument(help="The fact file.", show_default=True)]
DEFAULT_FILE = "facts.toml"


def _version(value: bool) -> None:
    if value:
        print(f"spacefacts {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Timeline and fact checker for curated claims about China's space industry."""


def emit(text: str, output: str | None = None) -> None:
    """Write a report to stdout, or atomically to --output FILE."""
    if output and output != "-":
        from spacefacts.files import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


# ---- lint, rules, rule (issue 2) -------------------------------------------------

# ---- stats (issue 3) ------------------------------------------------------------

# ---- check, conflicts, sources (issue 4) ----------------------------------------

# ---- show, search, timeline, export (issue 5) -------------------------------------


def main() -> None:
    try:
        app(prog_name="spacefacts")
    except SpacefactsError as exc:
        sys.stderr.write(f"spacefacts: error: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("spacefacts: interrupted\n")
        sys.exit(130)
