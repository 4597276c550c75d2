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

from spacefacts.render import Format  # noqa: E402  (light: no rapidfuzz, dateutil or rich)
from spacefacts.render.rules import RulesFormat  # noqa: E402

CodesOpt = Optional[list[str]]


def _fail(exc: SpacefactsError) -> None:
    sys.stderr.write(f"spacefacts: error: {exc}\n")


@app.command()
def lint(
    files: Annotated[Optional[list[str]], typer.Argument(help="Fact files to lint (default: facts.toml).")] = None,
    select: Annotated[
        CodesOpt, typer.Option("--select", help="Only these rule codes or prefixes (comma-separated, repeatable).")
    ] = None,
    ignore: Annotated[
        CodesOpt, typer.Option("--ignore", help="Skip these rule codes or prefixes (comma-separated, repeatable).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.TEXT,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when errors are found.")] = False,
    show_accepted: Annotated[
        bool, typer.Option("--show-accepted", help="Also list findings that claims accept.")
    ] = False,
    texts: Annotated[
        Optional[str], typer.Option("--texts", help="Folder of source documents, by file name.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line on stderr.")] = False,
) -> None:
    """Check fact files for format, reference and evidence problems. Exit 0 clean, 1 errors, 2 failure."""
    from spacefacts.render import render
    from spacefacts.report import Report, check_codes, run, split_codes

    try:
        sel = check_codes(split_codes(select), "--select")
        ign = check_codes(split_codes(ignore), "--ignore")
    except SpacefactsError as exc:
        _fail(exc)
        raise typer.Exit(2) from None
    reports, failed = [], False
    for path in files or [DEFAULT_FILE]:
        try:
            reports.append(run(path, ("lint",), sel, ign, texts))
        except SpacefactsError as exc:
            _fail(exc)
            failed = True
    if not reports:
        raise typer.Exit(2)
    report = Report.merge(reports)
    try:
        emit(render(fmt, report, show_accepted), output)
        _github_step_summary(fmt, report)
    except SpacefactsError as exc:
        _fail(exc)
        raise typer.Exit(2) from None
    if not quiet:
        from spacefacts.render.text import summary

        sys.stderr.write(summary(report, show_accepted) + "\n")
    raise typer.Exit(2 if failed else report.exit_code(exit_zero))  # the worst outcome over all files


def _github_step_summary(fmt: Format, report) -> None:
    """With --format github and $GITHUB_STEP_SUMMARY set, append a Markdown table of all findings."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is not Format.GITHUB or not target:
        return
    from spacefacts.render.github import step_summary

    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(step_summary(report))
    except OSError as exc:
        raise SpacefactsError(f"cannot append the step summary: {exc.strerror or exc}", target) from None


@app.command("rules")
def rules_command(
    fmt: Annotated[RulesFormat, typer.Option("--format", help="List format.")] = RulesFormat.TEXT,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the list to FILE.")] = None,
) -> None:
    """List every rule: code, name, severity, stage, summary."""
    from spacefacts.checks import RULES, load_all
    from spacefacts.render.rules import render_rules

    load_all()
    emit(render_rules(fmt, [RULES[code] for code in sorted(RULES)]), output)


@app.command("rule")
def rule_command(code: Annotated[str, typer.Argument(help="A rule code, e.g. SF101.")]) -> None:
    """Explain one rule: what it does, why it matters, an example, how to fix."""
    from spacefacts.checks import RULES, load_all
    from spacefacts.render.rules import rule_text
    from spacefacts.report import did_you_mean_code

    load_all()
    rule = RULES.get(code.strip().upper())
    if rule is None:
        _fail(SpacefactsError(f"unknown rule code '{code}'{did_you_mean_code(code)}"))
        raise typer.Exit(2)
    emit(rule_text(rule))


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
