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
    _lint_files(("lint",), files, select, ignore, fmt, output, exit_zero, show_accepted, texts, quiet)


def _lint_files(stages: tuple[str, ...], files, select, ignore, fmt: Format, output, exit_zero: bool,
                show_accepted: bool, texts, quiet: bool) -> None:
    """The body shared by `lint` and `check` (which adds the "check" stage): run, render, exit."""
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
            reports.append(_with_progress(path, lambda p=path: run(p, stages, sel, ign, texts)))
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

from spacefacts.render.stats import StatsFormat  # noqa: E402  (light: no rapidfuzz or dateutil)


@app.command()
def stats(
    file: FileArg = DEFAULT_FILE,
    texts: Annotated[
        Optional[str], typer.Option("--texts", help="Folder of source documents, by file name.")
    ] = None,
    fmt: Annotated[StatsFormat, typer.Option("--format", help="Output format.")] = StatsFormat.TEXT,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the figures to FILE.")] = None,
) -> None:
    """Claims per source, entity kind and property; verified quotes; unused sources and entities."""
    import os

    from spacefacts.checks import Context
    from spacefacts.loader import load_file
    from spacefacts.render.stats import render
    from spacefacts.stats import compute_stats

    try:
        base, _ = load_file(file)
        if texts is None and base.settings.texts:
            texts = os.path.join(os.path.dirname(file), base.settings.texts)
        emit(render(fmt, compute_stats(base, Context(texts_dir=texts))), output)
    except SpacefactsError as exc:
        _fail(exc)
        raise typer.Exit(2) from None

# ---- check, conflicts, sources (issue 4) ----------------------------------------


def _with_progress(path: str, work):
    """Run work(); if it takes over a second, show a spinner on stderr (a terminal, not CI, only)."""
    import os

    if os.environ.get("CI") or not sys.stderr.isatty():
        return work()
    import threading

    state: dict = {}
    lock = threading.Lock()

    def start() -> None:
        from rich.console import Console

        with lock:
            if "done" not in state:
                state["status"] = Console(stderr=True).status(f"Checking {path}…")
                state["status"].start()

    timer = threading.Timer(1.0, start)
    timer.daemon = True
    timer.start()
    try:
        return work()
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if "status" in state:
                state["status"].stop()


@app.command()
def check(
    files: Annotated[Optional[list[str]], typer.Argument(help="Fact files to check (default: facts.toml).")] = None,
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
    """Lint plus consistency: conflicts between sources, property constraints, duplicate entities."""
    _lint_files(("lint", "check"), files, select, ignore, fmt, output, exit_zero, show_accepted, texts, quiet)


def _analysis(path: str):
    from spacefacts.loader import load_file
    from spacefacts.truth import analyze

    base, _ = _with_progress(path, lambda: load_file(path))
    return base, _with_progress(path, lambda: analyze(base))


@app.command()
def conflicts(
    file: Annotated[str, typer.Argument(help="The fact file.")] = DEFAULT_FILE,
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="Only this entity (name, alias or id).")] = None,
    prop: Annotated[Optional[str], typer.Option("--property", "-p", help="Only this property id.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE.")] = None,
) -> None:
    """Conflicts grouped by subject: each side's claims, sources, quotes, cause and confidence."""
    from spacefacts.render.conflicts import render_conflicts

    base, analysis = _analysis(file)
    found = analysis.conflicts
    if entity is not None:
        from spacefacts.resolve import resolve_entity

        from spacefacts.render.card import render_resolution

        hit = resolve_entity(base, entity)
        if not hit.found:
            raise _bad_option("--entity: " + render_resolution(hit).rstrip())
        found = [c for c in found if c.subject == hit.entity.id]
    if prop is not None:
        if prop not in base.properties:
            from spacefacts.loader import did_you_mean

            raise _bad_option(f"unknown property '{prop}'{did_you_mean(prop, base.properties)}")
        found = [c for c in found if c.property == prop]
    found.sort(key=lambda c: min(x.location.line for s in c.sides for x in s.claims))
    emit(render_conflicts(base, found), output)


@app.command()
def sources(
    file: Annotated[str, typer.Argument(help="The fact file.")] = DEFAULT_FILE,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE.")] = None,
) -> None:
    """Source trust table: claims, conflicts taken part in, trust prior, TruthFinder trust score."""
    from spacefacts.render.conflicts import render_sources

    base, analysis = _analysis(file)
    emit(render_sources(base, analysis), output)


# ---- show, search, timeline, export (issue 5) -------------------------------------

FileOpt = Annotated[str, typer.Option("--file", "-f", help="The fact file.")]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE (atomically).")]
ManyOpt = Optional[list[str]]
FileFlag = Annotated[Optional[str], typer.Option("--file", "-f", help="The fact file (same as the argument).")]


def _load_base(path: str):
    """Load a fact file for viewing. Findings are lint's business; views show what loaded."""
    from spacefacts.loader import load_file

    base, _ = load_file(path)
    return base


def _screen(output: str | None = None) -> tuple[int, bool]:
    """(width, colour) for terminal views: the terminal's width and colour only when stdout is a terminal."""
    import shutil

    if output or not sys.stdout.isatty():
        return 80, False
    return shutil.get_terminal_size((80, 24)).columns, True


def _bad_option(message: str) -> typer.Exit:
    sys.stderr.write(f"spacefacts: error: {message}\n")
    return typer.Exit(2)


def _pick(values: ManyOpt, known, what: str) -> tuple[str, ...]:
    from spacefacts.loader import did_you_mean

    for value in values or ():
        if value not in known:
            raise _bad_option(f"unknown {what} '{value}'{did_you_mean(value, known)}")
    return tuple(values or ())


def _events(path: str, entity: ManyOpt, kind: ManyOpt, prop: ManyOpt, source: ManyOpt,
            since: Optional[str], until: Optional[str], limit: Optional[int], reverse: bool):
    """Load, resolve the filters (bad ones exit 2 with a reason) and return (base, events)."""
    from spacefacts.builtin import BUILTIN_PROPERTIES
    from spacefacts.dates import DateError, parse_date
    from spacefacts.loader import ENTITY_KINDS
    from spacefacts.render.card import render_resolution
    from spacefacts.resolve import resolve_entity
    from spacefacts.timeline import Filters, timeline
    from spacefacts.truth import analyze

    base = _load_base(path)
    ids = []
    for name in entity or ():
        res = resolve_entity(base, name)
        if not res.found:
            raise _bad_option("--entity: " + render_resolution(res).rstrip())
        ids.append(res.entity.id)
    dates = {}
    for flag, text in (("--since", since), ("--until", until)):
        try:
            dates[flag] = parse_date(text) if text else None
        except DateError as exc:
            raise _bad_option(f"{flag}: {exc}") from None
    filters = Filters(
        entities=tuple(ids),
        kinds=_pick(kind, {*ENTITY_KINDS, *(e.kind for e in base.entities.values())}, "kind"),
        properties=_pick(prop, {**BUILTIN_PROPERTIES, **base.properties}, "property"),
        sources=_pick(source, base.sources, "source"),
        since=dates["--since"],
        until=dates["--until"],
        limit=limit,
        reverse=reverse,
    )
    return base, timeline(base, filters, analyze(base).confidence)


EntityOpt = Annotated[ManyOpt, typer.Option("--entity", "-e", help="Only this entity (fuzzy name; repeatable).")]
KindOpt = Annotated[ManyOpt, typer.Option("--kind", help="Only entities of this kind (repeatable).")]
PropertyOpt = Annotated[ManyOpt, typer.Option("--property", "-p", help="Only this property id (repeatable).")]
SourceOpt = Annotated[ManyOpt, typer.Option("--source", "-s", help="Only events citing this source (repeatable).")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only events on or after this date, e.g. 2020.")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Only events on or before this date.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="Show at most N events.")]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Entity name, alias or id; typos, case and word order are forgiven.")],
    file: FileOpt = DEFAULT_FILE,
) -> None:
    """Show an entity card: aliases, links, each property's claims, agreement and confidence.

    Exit 0 when one entity is found; 1 when the name is ambiguous (ranked candidates are listed)
    or matches nothing (did-you-mean is listed); 2 when the file cannot be read.
    """
    from spacefacts.render.card import render_card, render_resolution
    from spacefacts.resolve import resolve_entity
    from spacefacts.truth import analyze

    base = _load_base(file)
    res = resolve_entity(base, name)
    if not res.found:
        emit(render_resolution(res))
        raise typer.Exit(1)
    width, color = _screen()
    emit(render_card(base, res.entity, analyze(base), width, color))


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to look for in claim values, quotes and notes.")],
    file: FileOpt = DEFAULT_FILE,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N hits.")] = 20,
) -> None:
    """Ranked fuzzy search over claim values, quotes and notes. Exit 1 when nothing matches."""
    from spacefacts.render.hits import render_hits
    from spacefacts.search import search as find

    base = _load_base(file)
    hits = find(base, text, limit)
    width, color = _screen()
    emit(render_hits(hits, width, color))
    if not hits:
        raise typer.Exit(1)


@app.command()
def timeline(
    file: Annotated[str, typer.Argument(help="The fact file.")] = DEFAULT_FILE,
    file_opt: FileFlag = None,
    entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
) -> None:
    """Show dated events by year: date at its real precision, subject, what happened, source."""
    from spacefacts.render.timeline_text import render_timeline_text

    _, events = _events(file_opt or file, entity, kind, prop, source, since, until, limit, reverse)
    width, color = _screen()
    emit(render_timeline_text(events, width, color))


@export_app.command("markdown")
def export_markdown(
    file: Annotated[str, typer.Argument(help="The fact file.")] = DEFAULT_FILE,
    file_opt: FileFlag = None,
    output: OutputOpt = None,
    entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
) -> None:
    """Export the timeline as Markdown: a Mermaid timeline, then events by year with source footnotes."""
    from spacefacts.render.markdown import render_markdown

    base, events = _events(file_opt or file, entity, kind, prop, source, since, until, limit, reverse)
    emit(render_markdown(base, events), output)


@export_app.command("json")
def export_json(
    file: Annotated[str, typer.Argument(help="The fact file.")] = DEFAULT_FILE,
    file_opt: FileFlag = None,
    output: OutputOpt = None,
    entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
) -> None:
    """Export the timeline as JSON (schema: docs/timeline-json.md)."""
    from spacefacts.render.timeline_json import render_timeline_json

    base, events = _events(file_opt or file, entity, kind, prop, source, since, until, limit, reverse)
    emit(render_timeline_json(base, events), output)


def main() -> None:
    try:
        app(prog_name="spacefacts")
    except SpacefactsError as exc:
        sys.stderr.write(f"spacefacts: error: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("spacefacts: interrupted\n")
        sys.exit(130)
