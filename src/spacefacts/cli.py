"""The command line. The only module that imports typer; commands stay thin.

Conventions shared by every command (docs/cli.md is the reference, kept in sync by a test):
- the fact file is `-f/--file FILE` everywhere, default facts.toml found as findfile.py says (here,
  then upwards to the repository root, or $SPACEFACTS_FILE); commands whose only input is the fact
  file also take it as the argument (lint and check take several);
- views fit the terminal, go through a pager there and are unwrapped in a pipe (console.py);
- the same option means the same thing everywhere: --format, -o/--output, --texts, -e/--entity,
  -p/--property, -s/--source, --since/--until, -n/--limit;
- the report goes to stdout (or atomically to --output FILE), summaries and errors to stderr;
- exit codes: 0 done, 1 findings at error level (lint, check) or nothing found (show, search),
  2 the tool could not do its job; every such failure is one line `spacefacts: error: ...`.

Heavy modules (rapidfuzz, dateutil, rich rendering) are imported inside the commands that need
them so that `spacefacts --version` starts fast.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import sys
import threading
from collections.abc import Iterable
from enum import Enum
from typing import Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from spacefacts import __version__
from spacefacts.errors import SpacefactsError
from spacefacts.render import ExtractFormat, Format, RulesFormat, StatsFormat, VerifyFormat, ViewFormat  # enums only
from spacefacts.render.export import HELP as EXPORT_HELP
from spacefacts.render.export import DiagramsBy, ExportFormat, Group

DEFAULT_FILE = "facts.toml"  # the name looked for; see default_file()

# typer (>= 0.2x vendors click) and click name their usage error the same; find it without private imports.
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _error(message: str) -> None:
    """One line on stderr: `spacefacts: error: MESSAGE`."""
    sys.stderr.write(f"spacefacts: error: {message}\n")


def fail(message: str) -> NoReturn:
    """Stop with exit code 2: the tool could not do its job (bad input, bad option)."""
    _error(message)
    raise typer.Exit(2)


class _Group(TyperGroup):
    """Turns a SpacefactsError or a usage error in any command into one line on stderr and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SpacefactsError as exc:
            fail(str(exc))
        except _UsageError as exc:
            if _is_help(exc):
                raise
            fail(_usage_message(exc))


def _is_help(exc: Any) -> bool:
    """The usage error click raises to show a bare group's help (`spacefacts`, `spacefacts export`)."""
    return type(exc).__name__ == "NoArgsIsHelpError"


def _usage_message(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return exc.format_message().replace("Value error, ", "") + hint


HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}  # -h as --help, in every command (click inherits it)

app = typer.Typer(
    name="spacefacts",
    help="Timeline and fact checker for curated claims about China's space industry.",
    cls=_Group,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
export_app = typer.Typer(help="Export the timeline as a document or data.", cls=_Group, no_args_is_help=True,
                         context_settings=HELP_OPTIONS)
app.add_typer(export_app, name="export")
import_app = typer.Typer(help="Import a catalogue or a table into fact-file form.", cls=_Group, no_args_is_help=True,
                         context_settings=HELP_OPTIONS)
app.add_typer(import_app, name="import")


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


# ---- completion: reads the fact file lazily, never fails loudly --------------------------

def _completer(produce):
    """A typer completion callback around `produce(ctx, incomplete)`: any failure completes nothing."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        try:
            return produce(ctx, incomplete or "")
        except Exception:  # a half-typed command line or a broken file must not spill a traceback
            return []

    return complete


def _completion_tables(ctx: Any) -> dict:
    """The TOML tables of the fact file the command being completed would read (-f or the argument
    if already typed, else the default file), or {}."""
    import tomllib

    from spacefacts.findfile import find_fact_file

    path = None
    for key in ("file", "arg", "files"):
        value = ctx.params.get(key)
        path = path or (value[0] if isinstance(value, (list, tuple)) and value else value or None)
    with open(path or find_fact_file(), "rb") as fh:
        return tomllib.load(fh)


def _entity_choices(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Entity ids whose id, name or an alias starts with what is typed (any case); the name as help."""
    want, out = incomplete.casefold(), []
    for eid, entity in _completion_tables(ctx).get("entities", {}).items():
        entity = entity if isinstance(entity, dict) else {}
        names = [eid, str(entity.get("name", eid)), *map(str, entity.get("aliases", ()))]
        if any(n.casefold().startswith(want) for n in names):
            out.append((eid, names[1]))
    return out


def _property_choices(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Property ids (built in and declared) starting with what is typed; the label as help."""
    from spacefacts.builtin import BUILTIN_PROPERTIES

    labels = {pid: prop.label for pid, prop in BUILTIN_PROPERTIES.items()}
    for pid, prop in _completion_tables(ctx).get("properties", {}).items():
        labels[pid] = str(prop.get("label", pid)) if isinstance(prop, dict) else pid
    return [(pid, labels[pid]) for pid in sorted(labels) if pid.startswith(incomplete)]


def _code_choices(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Rule codes starting with what is typed (any case); after a comma, the last item of a list."""
    from spacefacts.rules import TABLE

    head, comma, last = incomplete.rpartition(",")
    return [(head + comma + r.code, r.name) for r in TABLE if r.code.startswith(last.upper())]


complete_entities = _completer(_entity_choices)
complete_properties = _completer(_property_choices)
complete_codes = _completer(_code_choices)


# ---- options shared by several commands: one definition each ---------------------------

Many = Optional[list[str]]
FileArg = Annotated[Optional[str], typer.Argument(
    metavar="FILE", show_default=False,
    help="The fact file (default: facts.toml here or above, or $SPACEFACTS_FILE); same as --file.")]
FileOpt = Annotated[Optional[str], typer.Option(
    "--file", "-f", metavar="FILE", help="The fact file (default: facts.toml here or above, or $SPACEFACTS_FILE).")]
FilesArg = Annotated[Many, typer.Argument(
    metavar="FILE", show_default=False,
    help="Fact files (default: facts.toml here or above, or $SPACEFACTS_FILE); same as --file.")]
FilesOpt = Annotated[Many, typer.Option(
    "--file", "-f", metavar="FILE",
    help="A fact file (repeatable; default: facts.toml here or above, or $SPACEFACTS_FILE).")]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout; '-' is stdout.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Let --output overwrite facts.toml or another fact file (never a file being read).")]
TextsOpt = Annotated[Optional[str], typer.Option(
    "--texts", metavar="DIR",
    help="Folder of source documents, by file name (default: [settings] texts, beside the fact file).")]
EntityOpt = Annotated[Many, typer.Option(
    "--entity", "-e", metavar="NAME", autocompletion=complete_entities,
    help="Only this entity: name, alias or id, fuzzy (repeatable).")]
KindOpt = Annotated[Many, typer.Option("--kind", metavar="KIND", help="Only entities of this kind (repeatable).")]
PropertyOpt = Annotated[Many, typer.Option(
    "--property", "-p", metavar="ID", autocompletion=complete_properties, help="Only this property id (repeatable).")]
SourceOpt = Annotated[Many, typer.Option(
    "--source", "-s", metavar="ID", help="Only what cites this source id (repeatable).")]
SinceOpt = Annotated[Optional[str], typer.Option(
    "--since", metavar="DATE", help="Only events on or after DATE, e.g. 2020, 2021-04, 'early 2020'.")]
UntilOpt = Annotated[Optional[str], typer.Option(
    "--until", metavar="DATE", help="Only events on or before DATE.")]
LimitOpt = Annotated[Optional[int], typer.Option(
    "--limit", "-n", metavar="N", min=0, help="Show at most N events (default: all).")]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]
ViewFormatOpt = Annotated[ViewFormat, typer.Option("--format", help="Output format (json: see docs/cli.md).")]


class Color(str, Enum):
    """--color: `auto` follows NO_COLOR, FORCE_COLOR and whether stdout is a terminal."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


ColorOpt = Annotated[Color, typer.Option(
    "--color", help="Colour: auto (in a terminal; NO_COLOR turns it off, FORCE_COLOR on), always or never.")]
NoPagerOpt = Annotated[bool, typer.Option(
    "--no-pager", help="Print directly, not through the pager ($SPACEFACTS_PAGER, $PAGER, less -FRX).")]


def emit(text: str | Iterable[str], output: str | None = None, *inputs: str, force: bool = False) -> None:
    """Write a report (its text, or its pieces one after the other) to stdout, or to --output FILE:
    atomically when FILE is a regular file, in place when it is a device or FIFO; never onto a file
    being read, nor (unless `force`) onto a fact file."""
    if output == "":
        fail("--output: empty file name (use '-' for stdout)")
    if output and output != "-":
        from spacefacts.files import fact_file_problem, read_problem, write_atomic

        if problem := read_problem(output, inputs):
            fail(f"--output {output}: {problem}; choose another file")
        if not force and (problem := fact_file_problem(output)):
            fail(f"--output {output}: {problem}; choose another file, or give --force")
        stream = next((s for s in (sys.stdout, sys.stderr) if _is_stream(output, s)), None)
        if stream is None:
            return write_atomic(output, text)
    else:
        stream = sys.stdout
    try:
        stream.writelines([text] if isinstance(text, str) else text)
        stream.flush()
    except OSError as exc:
        _discard(stream)
        if exc.errno == errno.EPIPE:
            raise _PipeClosed from None  # quiet: main() ends with 141
        raise SpacefactsError(f"cannot write the report to {_stream_name(stream)}: {exc.strerror or exc}") from None


def _is_stream(path: str, stream) -> bool:
    """Whether `path` (say /dev/stdout, or the file stdout was redirected to) is the file `stream` writes
    to: then the report is written to the stream itself, so `>> log` appends and nothing is truncated."""
    try:
        a, b = os.stat(path), os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stream_name(stream) -> str:
    return "stderr" if stream is sys.stderr else "stdout"


def _view(text: str, screen, output: str | None, *inputs: str, force: bool = False) -> None:
    """Show a view: through the pager when `screen` has one that starts, else as emit() does."""
    from spacefacts.console import page

    if not (screen.pager and page(text, screen.pager)):
        emit(text, output, *inputs, force=force)


def default_file() -> str:
    """The fact file when none is given (findfile.py); says on stderr which one when it is not here."""
    from pathlib import Path

    from spacefacts.findfile import find_fact_file

    path = find_fact_file()
    if Path(path).resolve().parent != Path.cwd().resolve():
        sys.stderr.write(f"spacefacts: using {path}\n")
    return path


def _fact_file(arg: str | None, opt: str | None) -> str:
    """The one fact file of a command that takes it as the argument or as --file."""
    if arg and opt and arg != opt:
        fail(f"two fact files given ('{arg}' and --file '{opt}'); give one")
    return arg or opt or default_file()


def _texts(texts: str | None) -> str | None:
    """--texts must name a folder; [settings] texts is checked by pipeline.run (SF206 outside the tree, SF208 missing)."""
    if texts is not None and not os.path.isdir(texts):
        fail(f"--texts: {texts}: " + ("not a folder" if os.path.exists(texts) else "no such folder"))
    return texts


def _screen(output: str | None = None, color: Color = Color.AUTO, paging: bool = False):
    """Width (None: unwrapped), colour and pager of a view (console.screen; `-o -` is stdout, as in emit)."""
    from spacefacts.console import screen

    return screen(output, color.value, paging)


def _with_progress(path: str, work, doing: str = "Checking"):
    """Run work(); if it takes over a second, show "DOING PATH…" with a spinner on stderr (a terminal, not CI)."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return work()
    status = None
    done = False
    lock = threading.Lock()

    def start() -> None:
        from rich.console import Console

        nonlocal status
        with lock:
            if not done:
                status = Console(stderr=True).status(f"{doing} {path}…")
                status.start()

    timer = threading.Timer(1.0, start)
    timer.daemon = True
    timer.start()
    try:
        return work()
    finally:
        timer.cancel()
        with lock:
            done = True
            if status is not None:
                status.stop()


def _load(path: str):
    """Load a fact file for a view (pipeline.load). Findings are lint's business; views show what loaded."""
    from spacefacts.pipeline import load

    base, _ = _with_progress(path, lambda: load(path), "Reading")
    return base


def _analysis(base):
    from spacefacts.pipeline import analysis

    return _with_progress(base.path, lambda: analysis(base), "Weighing the sources of")


def _filters(build):
    """build() (a filters.* builder); an --entity name that finds no single entity exits 2 with the
    candidates, as `show` lists them (other bad filters raise SpacefactsError: one line, exit 2)."""
    from spacefacts.filters import UnresolvedEntity

    try:
        return build()
    except UnresolvedEntity as exc:
        from spacefacts.render.card import render_resolution

        fail("--entity: " + render_resolution(exc.resolution).rstrip())


# ---- lint, check, rules, rule (issues 2 and 4) -------------------------------------------

def _lint_files(stages: tuple[str, ...], files: list[str], select: Many, ignore: Many, fmt: Format,
                output: str | None, exit_zero: bool, show_accepted: bool, texts: str | None, quiet: bool,
                show_info: bool = False, color: Color = Color.AUTO, force: bool = False, together: bool = False,
                use_cache: bool = True) -> None:
    """The body shared by `lint` and `check` (which adds the "check" stage): run, render, exit."""
    from spacefacts.render import render_pieces
    from spacefacts.pipeline import run
    from spacefacts.report import Report, check_codes, split_codes

    sel = check_codes(split_codes(select), "--select")
    ign = check_codes(split_codes(ignore), "--ignore")
    texts = _texts(texts)
    reports, failed = [], False
    files = files or [default_file()]
    for path in [files] if together else files:  # --together: one fact base of all the files
        try:
            name = path if isinstance(path, str) else ", ".join(path)
            reports.append(_with_progress(name, lambda p=path: run(p, stages, sel, ign, texts, use_cache)))
        except SpacefactsError as exc:  # go on with the other files; exit 2 at the end
            _error(str(exc))
            failed = True
    if not reports:
        raise typer.Exit(2)
    report = Report.merge(reports)
    report.show_info = show_info
    emit(render_pieces(fmt, report, show_accepted, _screen(output, color).color), output, *report.files, force=force)
    _github_step_summary(fmt, report)
    if not quiet:
        from spacefacts.render.text import summary, unverified_line

        unverified = unverified_line(report)
        sys.stderr.write(summary(report, show_accepted) + "\n" + (unverified + "\n" if unverified else ""))
    _LEFT_FOR_EXIT[:] = [report]  # os._exit drops it with the process (see _leave); in tests, the last one
    raise typer.Exit(2 if failed else report.exit_code(exit_zero))  # the worst outcome over all files


def _github_step_summary(fmt: Format, report) -> None:
    """With --format github and $GITHUB_STEP_SUMMARY set, append a Markdown summary of all findings.

    Only to a regular file that is no input and no fact file: otherwise (or when appending fails)
    one warning line on stderr, and the report and the exit code stay as they are.
    """
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is not Format.GITHUB or not target:
        return
    import stat

    from spacefacts.files import fact_file_problem, read_problem
    from spacefacts.render.github import step_summary

    try:
        problem = None if stat.S_ISREG(os.stat(target).st_mode) else "not a regular file"
    except OSError as exc:
        problem = exc.strerror or str(exc)
    problem = problem or read_problem(target, report.files) or fact_file_problem(target)
    if problem is None:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_APPEND)  # no O_CREAT: GitHub creates it
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(step_summary(report))
            return
        except OSError as exc:
            problem = f"cannot append: {exc.strerror or exc}"
    sys.stderr.write(f"spacefacts: warning: GITHUB_STEP_SUMMARY={target}: {problem}; no step summary written\n")


SelectOpt = Annotated[Many, typer.Option("--select", metavar="CODES", autocompletion=complete_codes, help=(
    "Only these rule codes or prefixes, comma-separated (repeatable; default: [settings] select, else all)."))]
IgnoreOpt = Annotated[Many, typer.Option("--ignore", metavar="CODES", autocompletion=complete_codes, help=(
    "Skip these rule codes or prefixes, comma-separated (repeatable; default: [settings] ignore)."))]
ReportFormatOpt = Annotated[Format, typer.Option("--format", help="Report format.")]
ExitZeroOpt = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when errors are found.")]
ShowAcceptedOpt = Annotated[bool, typer.Option("--show-accepted", help="Also list findings that claims accept.")]
ShowInfoOpt = Annotated[bool, typer.Option("--show-info", help=(
    "Also list info findings (e.g. SF205: a source's quotes not verified) in text and github output."))]
VerboseOpt = Annotated[bool, typer.Option(
    "--verbose", "-v", help="List every finding: --show-info and --show-accepted.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary lines on stderr.")]
TogetherOpt = Annotated[bool, typer.Option("--together", help=(
    "Check the files as one fact base (conflicts across them), as [settings] include does; "
    "without it each file is checked on its own."))]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help=(
    "Parse every file afresh: neither read nor write the parse cache (.spacefacts_cache beside the "
    "fact file, or $SPACEFACTS_CACHE_DIR)."))]


def _report_command(stages: tuple[str, ...], doc: str):
    """`lint` and `check`: the same options, the checks of `stages`."""

    def command(
        files: FilesArg = None, file: FilesOpt = None, select: SelectOpt = None, ignore: IgnoreOpt = None,
        fmt: ReportFormatOpt = Format.TEXT, output: OutputOpt = None, force: ForceOpt = False,
        exit_zero: ExitZeroOpt = False,
        show_accepted: ShowAcceptedOpt = False, show_info: ShowInfoOpt = False, verbose: VerboseOpt = False,
        texts: TextsOpt = None, quiet: QuietOpt = False, color: ColorOpt = Color.AUTO,
        together: TogetherOpt = False, no_cache: NoCacheOpt = False,
    ) -> None:
        _lint_files(stages, [*(files or ()), *(file or ())], select, ignore, fmt, output, exit_zero,
                    show_accepted or verbose, texts, quiet, show_info or verbose, color, force, together,
                    not no_cache)

    command.__doc__ = doc
    return command


EXIT_DOC = "\n\nExit 0 when no error-level finding, 1 when there is one, 2 when a file cannot be read."
app.command("lint")(_report_command(("lint",), "Check fact files for format, reference and evidence problems."
                                    + EXIT_DOC))
app.command("check")(_report_command(("lint", "check"), "Lint plus consistency checks across claims.\n\n"
                                     "Adds conflicts between sources, property constraints and duplicate entities "
                                     "to `lint`." + EXIT_DOC))


@app.command("rules")
def rules_command(
    fmt: Annotated[RulesFormat, typer.Option("--format", help="List format.")] = RulesFormat.TEXT,
    output: OutputOpt = None, force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """List every rule: code, name, severity, stage, summary."""
    from spacefacts.render.rules import render_rules
    from spacefacts.rules import TABLE

    screen = _screen(output, color, not no_pager)
    _view(render_rules(fmt, TABLE, screen.width, screen.color), screen, output, force=force)


@app.command("rule")
def rule_command(
    code: Annotated[str, typer.Argument(metavar="CODE", autocompletion=complete_codes,
                                        help="A rule code, e.g. SF101 (any case).")],
    output: OutputOpt = None, force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Explain one rule: what it does, why, an example, a fix."""
    from spacefacts.render.rules import rule_text
    from spacefacts.report import did_you_mean_code
    from spacefacts.rules import RULES

    rule = RULES.get(code.strip().upper())
    if rule is None:
        fail(f"unknown rule code '{code}'{did_you_mean_code(code)}")
    screen = _screen(output, color, not no_pager)
    _view(rule_text(rule, screen.width, screen.color), screen, output, force=force)


# ---- stats (issue 3) ------------------------------------------------------------------

@app.command()
def stats(
    arg: FileArg = None, file: FileOpt = None, texts: TextsOpt = None,
    fmt: Annotated[StatsFormat, typer.Option("--format", help="Output format.")] = StatsFormat.TEXT,
    output: OutputOpt = None, force: ForceOpt = False,
) -> None:
    """Count claims per source, entity kind and property.

    Also how many quotes were verified against the source texts, in all and per source (its quotes
    found in its text / its claims with a quote), and unused sources and entities.
    """
    from spacefacts.pipeline import stats
    from spacefacts.render.stats import render

    path = _fact_file(arg, file)
    texts = _texts(texts)
    emit(render(fmt, stats(_load(path), texts)), output, path, force=force)


# ---- conflicts, sources (issue 4) -------------------------------------------------------

UnreviewedOpt = Annotated[bool, typer.Option(
    "--unreviewed", help="Only conflicts no claim accepts yet (no `accepted` SF301 entry).")]


@app.command()
def conflicts(
    arg: FileArg = None, file: FileOpt = None, entity: EntityOpt = None, prop: PropertyOpt = None,
    source: SourceOpt = None, unreviewed: UnreviewedOpt = False, fmt: ViewFormatOpt = ViewFormat.TEXT,
    output: OutputOpt = None, force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Show where sources disagree, side by side.

    Conflicts grouped by subject: each side's claims, sources, quotes, cause and confidence, and
    whether it is accepted (a claim's `accepted` SF301 entry, with its reason) or still to review.
    """
    from spacefacts.filters import conflict_filter
    from spacefacts.render.conflicts import render_view

    base = _load(_fact_file(arg, file))
    keep = _filters(lambda: conflict_filter(base, entity, prop, source, unreviewed))
    analysis = _analysis(base)
    found, hidden = keep.apply(analysis.conflicts)
    screen = _screen(output, color, not no_pager)
    _view(render_view(fmt, base, analysis, found, screen.width, screen.color), screen, output, base.path, force=force)
    if hidden:
        sys.stderr.write(f"{hidden} accepted conflict{'s' if hidden != 1 else ''} not shown (--unreviewed).\n")


@app.command()
def sources(
    arg: FileArg = None, file: FileOpt = None, fmt: ViewFormatOpt = ViewFormat.TEXT, output: OutputOpt = None,
    force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Show how far each source is trusted.

    Per source: claims, conflicts taken part in, trust prior, TruthFinder trust score.
    """
    from spacefacts.render.conflicts import render_view

    base = _load(_fact_file(arg, file))
    screen = _screen(output, color, not no_pager)
    _view(render_view(fmt, base, _analysis(base), None, screen.width, screen.color), screen, output, base.path, force=force)


# ---- extract, verify (issue 14) -----------------------------------------------------------

DocArg = Annotated[str, typer.Argument(
    metavar="DOC", help="The document: plain text, Markdown or HTML (UTF-8).")]
DocSourceOpt = Annotated[Optional[str], typer.Option(
    "--source", "-s", metavar="ID", help="The document's source id in the fact file (its publication date "
    "resolves relative dates).")]
DocPublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", metavar="DATE", help="The document's publication date, which relative dates (\"last week\", "
    "\"in December\") resolve against (default: the published date of --source).")]


def _checked(doc: str, file: Optional[str], source: Optional[str], published: Optional[str], own: bool):
    """Load the base, read the document, extract and verify its statements: (base, verification).
    `own`: compare with the claims the base takes from the document's own source too (extract)."""
    from spacefacts.document import read_document
    from spacefacts.extract import document_source, extract
    from spacefacts.verify import verify

    text = read_document(doc)
    base = _load(_fact_file(None, file))
    src = document_source(base, source, published)
    return base, verify(base, extract(base, text, src), own=own)


@app.command("extract")
def extract_cmd(
    doc: DocArg, source: DocSourceOpt = None, published: DocPublishedOpt = None, file: FileOpt = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="text, json, or toml (claim tables to review).")]
    = ExtractFormat.TEXT,
    output: OutputOpt = None, force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Propose claims from the dates and numbers of a document.

    Each sentence's dates (any precision, relative ones resolved against the publication date) and
    amounts (with qualifier and unit), linked to an entity it names and a property through the
    property's cue words; with the proposed value, confidence, and whether the base has the same
    claim, a conflicting one or nothing. Statements it cannot link are listed as unlinked.
    Exit 0 when done, 2 when the document or the fact file cannot be read.
    """
    from spacefacts.render.verify import render_extract

    base, result = _checked(doc, file, source, published, own=True)
    screen = _screen(output, color, not no_pager)
    _view(render_extract(fmt, base, result, screen.color, screen.width), screen, output, base.path, doc, force=force)


@app.command("verify")
def verify_cmd(
    doc: DocArg, source: DocSourceOpt = None, published: DocPublishedOpt = None, file: FileOpt = None,
    fmt: Annotated[VerifyFormat, typer.Option("--format", help="text, json, or markdown (a review to share).")]
    = VerifyFormat.TEXT,
    output: OutputOpt = None, force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Check the dates and numbers of a document against the base.

    Each linked statement agrees (the supporting claims), conflicts (the contradicted claims, the
    cause and the side the trust model finds more likely) or is new, with the same interval
    semantics and trust as `check`. The claims the base takes from the document's own source (--source)
    are left out: a document does not confirm itself. Exit 1 when any statement conflicts, 0
    otherwise, 2 when the document or the fact file cannot be read.
    """
    from spacefacts.render.verify import render_verify, summary

    base, result = _checked(doc, file, source, published, own=False)
    screen = _screen(output, color, not no_pager)
    _view(render_verify(fmt, base, result, screen.color, screen.width), screen, output, base.path, doc, force=force)
    if fmt is not VerifyFormat.TEXT:
        sys.stderr.write(summary(result) + "\n")
    if result.conflicts:
        raise typer.Exit(1)


# ---- show, search, timeline, export (issue 5) ----------------------------------------------

PICK_HINT = "choose one with --pick N (its number) or give its id"


@app.command()
def show(
    name: Annotated[str, typer.Argument(
        metavar="NAME", autocompletion=complete_entities,
        help="Entity name, alias or id; typos, case, accents and word order are forgiven.")],
    file: FileOpt = None,
    pick: Annotated[Optional[str], typer.Option(
        "--pick", metavar="N|ID", help="When NAME matches several entities: the one to show, by its number "
        "in the list of candidates or its id.")] = None,
    fmt: ViewFormatOpt = ViewFormat.TEXT, output: OutputOpt = None, force: ForceOpt = False,
    color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Show everything known about one entity.

    The entity card: aliases, links, each property's claims, agreement and confidence, and for each
    conflict whether it is accepted (with the reason) or still to review.

    When NAME matches several entities, the candidates are listed, numbered, with their ids: pick
    one with --pick N or its id; in a terminal (stdin and stdout) the command asks for the number.
    Exit 0 when one entity is shown; 1 when the name is ambiguous and none is picked (the candidates
    on stderr) or matches nothing (did-you-mean on stderr); 2 when the file cannot be read or --pick
    names none of the candidates.
    """
    from spacefacts.render.card import candidate_lines, card_json, render_card, render_resolution
    from spacefacts.resolve import NONE, choose, resolve_entity

    base = _load(_fact_file(None, file))
    res = resolve_entity(base, name)
    entity = res.entity
    if pick is not None and res.status != NONE:
        entity = choose(res, pick)
        if entity is None:
            n = len(res.candidates)
            fail("\n".join([f"--pick {pick}: not a candidate for '{name}'; give a number from 1 to {n} or an id:",
                            *candidate_lines(res, numbered=True)]))
    elif res.ambiguous and _interactive():
        entity = _ask(res)
        if entity is None:  # cancelled: the candidates are on the screen already
            raise typer.Exit(1)
    if entity is None:
        sys.stderr.write(render_resolution(res, PICK_HINT, numbered=True))
        raise typer.Exit(1)
    screen = _screen(output, color, not no_pager)
    analysis = _analysis(base)
    text = (card_json(base, entity, analysis) if fmt is ViewFormat.JSON
            else render_card(base, entity, analysis, screen.width, screen.color))
    _view(text, screen, output, base.path, force=force)


def _interactive() -> bool:
    """Whether a person is at the keyboard: stdin and stdout are terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(res):
    """List the candidates of an ambiguous name on stderr and read the number (or id) of one from
    stdin; None when the answer is empty (or stdin ends)."""
    from spacefacts.render.card import render_resolution
    from spacefacts.resolve import choose

    sys.stderr.write(render_resolution(res, "choose one", numbered=True))
    while True:
        sys.stderr.write(f"Number (1-{len(res.candidates)}) or id, Enter to cancel: ")
        sys.stderr.flush()
        answer = sys.stdin.readline().strip()
        if not answer:
            return None
        entity = choose(res, answer)
        if entity is not None:
            return entity
        sys.stderr.write(f"'{answer}' is not one of the candidates.\n")


@app.command()
def search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to look for in claim values, quotes and notes.")],
    file: FileOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", min=1, help="Show at most N hits.")] = 20,
    fmt: ViewFormatOpt = ViewFormat.TEXT, output: OutputOpt = None, force: ForceOpt = False,
    color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Ranked fuzzy search over claim values, quotes and notes.

    Numbers in TEXT are matched as numbers (13,000 = 13000 = 13 000 = 13 thousand, or inside a
    quantity's interval such as "around 13,000") and those claims come first; then the claims
    that match only as text.

    Exit 0 with hits, 1 when nothing matches (said on stderr), 2 when the file cannot be read.
    """
    from spacefacts.render.hits import hits_json, render_hits
    from spacefacts.search import search as find

    if not text.strip():
        fail("give some words to search for")
    base = _load(_fact_file(None, file))
    hits = find(base, text, limit)
    if not hits:
        if fmt is ViewFormat.JSON:  # still one JSON document for `| jq`
            emit(hits_json([], text), output, base.path, force=force)
        sys.stderr.write("No claims match.\n")
        raise typer.Exit(1)
    screen = _screen(output, color, not no_pager)
    _view(hits_json(hits, text) if fmt is ViewFormat.JSON else render_hits(hits, screen.width, screen.color),
          screen, output, base.path, force=force)


def _events(path: str, entity: Many, kind: Many, prop: Many, source: Many,
            since: Optional[str], until: Optional[str], limit: Optional[int], reverse: bool):
    """Load, resolve the filters (a bad one exits 2 with a reason) and return (base, events, analysis)."""
    from spacefacts.filters import timeline_filters
    from spacefacts.timeline import timeline

    base = _load(path)
    filters = _filters(lambda: timeline_filters(base, entity, kind, prop, source, since, until, limit, reverse))
    analysis = _analysis(base)
    return base, timeline(base, filters, analysis.confidence), analysis


@app.command()
def timeline(
    arg: FileArg = None, file: FileOpt = None,
    entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
    output: OutputOpt = None, force: ForceOpt = False, color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Show dated events by year.

    Each event: its date at its real precision, subject, what happened, source.

    Exit 0 even when the filters leave no event (it says so); 2 on a bad file or filter.
    """
    from spacefacts.render.timeline_text import render_timeline_text

    base, events, _ = _events(_fact_file(arg, file), entity, kind, prop, source, since, until, limit, reverse)
    screen = _screen(output, color, not no_pager)
    _view(render_timeline_text(events, screen.width, screen.color), screen, output, base.path, force=force)


@app.command()
def chart(
    name: Annotated[str, typer.Argument(
        metavar="ENTITY", autocompletion=complete_entities, help="Entity name, alias or id (forgiving, as in show).")],
    prop: Annotated[Optional[str], typer.Argument(
        metavar="[PROPERTY]", help="A quantity property id; without it, every quantity property of the entity.")] = None,
    file: FileOpt = None, output: OutputOpt = None, force: ForceOpt = False,
    color: ColorOpt = Color.AUTO, no_pager: NoPagerOpt = False,
) -> None:
    """Chart what each source said a quantity was, when.

    One row per claim, in time order: the date its value held, the source, a bar on a shared axis
    (a point for a value, a bar for a range or an approximate value, an arrow for "over"), and the
    value as written; a value on the side the trust model does not favour is marked as disputed.

    Exit 0 with a chart; 1 when the entity is ambiguous or unknown; 2 on a bad file or a property
    that is not one of the entity's quantity properties.
    """
    from spacefacts.render.card import render_resolution
    from spacefacts.render.chart import quantity_properties, render_chart_text
    from spacefacts.resolve import resolve_entity

    base = _load(_fact_file(None, file))
    res = resolve_entity(base, name)
    if res.entity is None:
        sys.stderr.write(render_resolution(res, "give its id", numbered=False))
        raise typer.Exit(1)
    entity = res.entity
    props = quantity_properties(base, entity.id)
    if prop is not None and prop not in props:
        fail(f"'{prop}' is not a quantity property with claims about {entity.name}"
             + (f"; choose one of: {', '.join(props)}" if props else "; it has none"))
    if not props:
        fail(f"{entity.name} has no quantity claims to chart")
    screen = _screen(output, color, not no_pager)
    _view(render_chart_text(base, entity.id, [prop] if prop else props, _analysis(base), screen.width, screen.color),
          screen, output, base.path, force=force)


TitleOpt = Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The document's title.")]
GroupOpt = Annotated[Group, typer.Option("--group", help="Sections of the event list.")]
ByOpt = Annotated[DiagramsBy, typer.Option("--by", help="Cut the diagrams by decade or by entity.")]
NoDiagramOpt = Annotated[bool, typer.Option("--no-diagram", help="Leave the Mermaid diagrams out.")]


def _export(fmt: ExportFormat, arg, file, output, force, filters: tuple, **options) -> None:
    from spacefacts.render.export import render_export

    base, events, analysis = _events(_fact_file(arg, file), *filters)
    emit(render_export(fmt, base, events, analysis=analysis, **options), output, base.path, force=force)


def _export_command(fmt: ExportFormat):
    """`spacefacts export FORMAT`: one command per export format, all with the timeline's filters;
    Markdown also with the document's options."""

    def export(
        arg: FileArg = None, file: FileOpt = None, output: OutputOpt = None, force: ForceOpt = False,
        entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
        since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
    ) -> None:
        _export(fmt, arg, file, output, force, (entity, kind, prop, source, since, until, limit, reverse))

    def export_document(
        arg: FileArg = None, file: FileOpt = None, output: OutputOpt = None, force: ForceOpt = False,
        entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
        since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
        title: TitleOpt = None, group: GroupOpt = Group.DECADE, by: ByOpt = DiagramsBy.DECADE,
        no_diagram: NoDiagramOpt = False,
    ) -> None:
        _export(fmt, arg, file, output, force, (entity, kind, prop, source, since, until, limit, reverse),
                title=title, group=group, by=by, diagram=not no_diagram)

    def export_page(
        arg: FileArg = None, file: FileOpt = None, output: OutputOpt = None, force: ForceOpt = False,
        entity: EntityOpt = None, kind: KindOpt = None, prop: PropertyOpt = None, source: SourceOpt = None,
        since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, reverse: ReverseOpt = False,
        title: TitleOpt = None,
    ) -> None:
        _export(fmt, arg, file, output, force, (entity, kind, prop, source, since, until, limit, reverse),
                title=title)

    command = {ExportFormat.MARKDOWN: export_document, ExportFormat.HTML: export_page}.get(fmt, export)
    command.__doc__ = EXPORT_HELP[fmt]
    return command


for _fmt in ExportFormat:
    export_app.command(_fmt.value)(_export_command(_fmt))


ImportFileArg = Annotated[str, typer.Argument(metavar="FILE", help="The file to import.", show_default=False)]
ImportSourceOpt = Annotated[str, typer.Option(
    "--source", metavar="ID", help="Id of the source the import declares; its claims cite it.", show_default=False)]
ImportOutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar="FILE", help="Write the fact file here (never over an existing file); default stdout.")]
IntoOpt = Annotated[Optional[str], typer.Option(
    "--into", metavar="FACTS", help="Add to this fact file instead, keeping its text as it is.")]
PublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", metavar="DATE", help="The edition's date (default: the month of its last launch).")]


def _write_import(result, file: str, source: str, output: str | None, into: str | None) -> None:
    """Write an import (stdout, a new file or appended to a fact file); report bad rows; exit 1 if any."""
    from spacefacts import edit
    from spacefacts.files import write_atomic

    _check_import_target(output, into)  # again: the import took a while
    if into is not None:  # appended as `add` appends: the file's line endings and byte-order mark kept
        text, bom = edit.read(into)
        edit.write(into, edit.splice(text, len(text), result.text)[0], bom)
    elif output is not None and output != "-":
        write_atomic(output, result.text)
    else:
        emit(result.text)
    for line, why in result.bad_rows:
        sys.stderr.write(f"{file}:{line}: skipped: {why}\n")
    if result.bad_rows:
        raise typer.Exit(1)


def _import_context(into: str | None, output: str | None, source: str, wanted: dict[str, str],
                    rename_hint: str) -> tuple[frozenset[str], frozenset[str]]:
    """(entity ids, property ids) the fact base the import joins declares already (importers.joined_base:
    the default fact file when its include globs match the target, else --into FACTS with what it
    includes): the import does not declare them again. Fails when that base has the source, or declares
    a property of `wanted` (id -> type) with another type."""
    from spacefacts.errors import EmptyFactFile
    from spacefacts.importers import joined_base
    from spacefacts.pipeline import load

    target = into if into is not None else output if output not in (None, "-") else None
    joined = joined_base(target) if target else None
    try:
        base = load(joined)[0] if joined else None
    except EmptyFactFile:  # a new fact file with only comments: it declares nothing yet
        base = None
    if base is None:
        return frozenset(), frozenset()
    if source in base.sources:
        fail(f"source '{source}' is declared in {_declared_at(base.sources[source])} already; "
             "choose another --source id")
    properties = {pid: p for pid, p in base.properties.items() if pid in wanted}
    for pid, prop in properties.items():
        if prop.type != wanted[pid]:
            fail(f"property '{pid}' is declared in {_declared_at(prop)} as {prop.type}, and this "
                 f"import's values are {wanted[pid]}: {rename_hint.format(pid=pid)}")
    return frozenset(base.entities), frozenset(properties)


def _declared_at(record) -> str:
    at = record.location
    return f"{at.file}:{at.line}" if at is not None else "spacefacts's built-in properties"


def _renames(pairs: list[str] | None, properties: dict) -> dict[str, str]:
    """--rename PROPERTY=NEW pairs as a dict, or one error line and exit 2."""
    names: dict[str, str] = {}
    for pair in pairs or ():
        old, _, new = pair.partition("=")
        if old not in properties:
            fail(f"--rename {pair}: no property '{old}' in this import (it has {', '.join(properties)})")
        if not re.fullmatch(r"[A-Za-z0-9_-]+", new):
            fail(f"--rename {pair}: a property id is letters, digits, '-' and '_'")
        names[old] = new
    return names


def _check_import_target(output: str | None, into: str | None) -> None:
    """Not both --output and --into, and --output not an existing file, or one error line and exit 2."""
    if output is not None and into is not None:
        fail("give --output or --into, not both")
    if output not in (None, "-") and os.path.lexists(output):
        fail(f"--output {output}: the file exists; choose another file, or add to it with --into")


def _check_import_options(source: str, published: str | None, output: str | None, into: str | None) -> None:
    """--source is an id, --published a date and the target new (_check_import_target), or one error line
    and exit 2."""
    from spacefacts.dates import DateError, parse_date

    _check_import_target(output, into)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", source):
        fail(f"--source {source!r}: an id is letters, digits, '-' and '_'")
    if published is not None:
        try:
            parse_date(published)
        except DateError as exc:
            fail(f"--published: {exc}")


@import_app.command("launchlog")
def import_launchlog(
    file: ImportFileArg, source: ImportSourceOpt, output: ImportOutputOpt = None, into: IntoOpt = None,
    published: PublishedOpt = None,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The source's title.")] =
        "Jonathan McDowell, launch log (launchlog.txt)",
    rename: Annotated[Optional[list[str]], typer.Option(
        "--rename", metavar="PROPERTY=NEW", show_default=False,
        help="Declare and claim one of the log's properties under another id (repeatable), e.g. when the "
             "fact base has a property of that id with another type.")] = None,
) -> None:
    """Import Jonathan McDowell's launch log: one entity per launch tag, claims citing their record."""
    from spacefacts.importers import read_lines
    from spacefacts.importers.launchlog import import_log

    from spacefacts.importers.launchlog import PROPERTIES

    _check_import_options(source, published, output, into)
    names = _renames(rename, PROPERTIES)
    wanted = {names.get(pid, pid): fields["type"] for pid, fields in PROPERTIES.items()}
    known, props = _import_context(into, output, source, wanted, "give the import's another id with --rename {pid}=NEW")
    with read_lines(file) as lines:
        result = import_log(lines, source, title=title, published=published, known=known, declared=props,
                            rename=names)
    _write_import(result, file, source, output, into)


@import_app.command("csv")
def import_csv(
    file: ImportFileArg, source: ImportSourceOpt,
    mapping: Annotated[str, typer.Option(
        "--map", metavar="MAP", show_default=False,
        help="subject=COLUMN,PROPERTY=COLUMN[:text|date|quantity],... (e.g. subject=tag,launch_time=launch_date:date)")],
    output: ImportOutputOpt = None, into: IntoOpt = None,
    published: Annotated[Optional[str], typer.Option("--published", metavar="DATE", help="The table's date.")] = None,
    prefix: Annotated[str, typer.Option("--prefix", metavar="TEXT", help="Put before each subject's id (launch-).")] = "",
    kind: Annotated[str, typer.Option("--kind", metavar="KIND", help="Kind of the subjects it declares.")] = "other",
    tsv: Annotated[bool, typer.Option("--tsv", help="Tab-separated instead of comma-separated.")] = False,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The source's title.")] = None,
) -> None:
    """Import a table (CSV or TSV): each row a subject, the mapped columns as claims citing their line."""
    from spacefacts.importers import read_lines
    from spacefacts.importers.table import import_table, parse_mapping

    _check_import_options(source, published, output, into)
    parsed = parse_mapping(mapping)
    wanted = {pid: kind_ for pid, _, kind_ in parsed.columns}
    known, props = _import_context(into, output, source, wanted, "map the column to a property of another id")
    with read_lines(file) as lines:
        result = import_table(lines, parsed, source, title=title or os.path.basename(file), published=published,
                              prefix=prefix, kind=kind, delimiter="\t" if tsv else ",", known=known, declared=props)
    _write_import(result, file, source, output, into)


# ---- curating: init, add, accept (edit.py does the work) -------------------------------

add_app = typer.Typer(help=(
    "Add a source, entity or claim to the fact file.\n\nThe result is linted before the file is replaced: "
    "a record that would add an error is refused with the finding, and nothing is written."),
    cls=_Group, context_settings=HELP_OPTIONS, invoke_without_command=True)
app.add_typer(add_app, name="add")

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Print the TOML that would be added; write nothing.")]
AddForceOpt = Annotated[bool, typer.Option(
    "--force", help="Add a claim even when its quote is not found in the source's text (SF201).")]


def _edit(path: str, make, dry_run: bool) -> None:
    """Run `make(text)` -> list of edit.Edit on the fact file, then print (--dry-run) or write."""
    from spacefacts import edit

    text, bom = edit.read(path)
    edits = make(text)
    for e in edits:
        for note in e.notes:
            sys.stderr.write(f"spacefacts: note: {note}\n")
        for d in e.warnings:
            sys.stderr.write(f"spacefacts: warning: {d.code} {d.message}\n")
    if dry_run:
        sys.stdout.write("\n".join(e.table for e in edits))
        for e in edits:
            sys.stderr.write(f"would add {e.kind} {e.id} at {path}:{e.line}; nothing written (--dry-run)\n")
        return
    edit.write(path, edits[-1].text, bom)
    for e in edits:
        print(f"{e.kind} {e.id} ({path}:{e.line})")


@add_app.callback()
def add_command(
    ctx: typer.Context,
    source_file: Annotated[Optional[str], typer.Option("--from", metavar="TOML", help=(
        "Add every [sources.X], [entities.X] and [[claims]] table of this TOML file."))] = None,
    file: FileOpt = None, texts: TextsOpt = None, dry_run: DryRunOpt = False, force: AddForceOpt = False,
) -> None:
    """Add a source, entity or claim (subcommands), or every table of a TOML file (--from)."""
    if ctx.invoked_subcommand is not None:
        if source_file:
            fail("--from takes no subcommand: give either `add --from FILE` or `add source|entity|claim`")
        return
    if not source_file:
        fail("give what to add: `add source|entity|claim ...` or `add --from FILE` (see 'spacefacts add --help')")
    from spacefacts import edit
    from spacefacts.files import read_text
    from spacefacts.tomlparse import loads

    try:
        doc = loads(read_text(source_file))
    except SpacefactsError:
        raise
    except Exception as exc:  # a TOML syntax error
        fail(f"{source_file}: not TOML: {exc}")
    path = _fact_file(None, file)
    _edit(path, lambda text: edit.add_many(text, path, doc, _texts(texts), force), dry_run)


def _add(what: str, file: str | None, texts: str | None, dry_run: bool, force: bool, **record) -> None:
    from spacefacts import edit

    path = _fact_file(None, file)
    _edit(path, lambda text: [edit.add(text, path, what, record, _texts(texts), force)], dry_run)


def _opt(name: str, doc: str, *short: str):
    return typer.Option(f"--{name}", *short, help=doc)


@add_app.command("source")
def add_source(
    title: Annotated[Optional[str], _opt("title", "The document's title (required).")] = None,
    publisher: Annotated[Optional[str], _opt("publisher", "Outlet or organisation.")] = None,
    author: Annotated[Optional[str], _opt("author", "Author.")] = None,
    published: Annotated[Optional[str], _opt("published", "Publication date, any form docs/format.md lists.")] = None,
    url: Annotated[Optional[str], _opt("url", "Address of the document.")] = None,
    kind: Annotated[Optional[str], _opt("kind", "news, analysis, report, official, reference, ... (default news).")] = None,
    trust: Annotated[Optional[str], _opt("trust", "Prior trust, 0-1 (default 0.5).")] = None,
    text: Annotated[Optional[str], _opt("text", "Local copy of the document, relative to the fact file.")] = None,
    id: Annotated[Optional[str], _opt("id", "The source id (default: from the publisher and the year).")] = None,
    file: FileOpt = None, texts: TextsOpt = None, dry_run: DryRunOpt = False,
) -> None:
    """Add a [sources.ID] table; its id is printed."""
    _add("source", file, texts, dry_run, False, id=id, title=title, publisher=publisher, author=author,
         published=published, url=url, kind=kind, trust=trust, text=text)


@add_app.command("entity")
def add_entity(
    name: Annotated[Optional[str], _opt("name", "The usual name (required).")] = None,
    kind: Annotated[Optional[str], _opt("kind", "company, constellation, program, mission, ... (required).")] = None,
    aliases: Annotated[Optional[str], _opt("aliases", "Other names, comma-separated.")] = None,
    operator: Annotated[Optional[str], _opt("operator", "Operating entity (id, name or alias).")] = None,
    parent: Annotated[Optional[str], _opt("parent", "Parent entity (id, name or alias).")] = None,
    description: Annotated[Optional[str], _opt("description", "One sentence.")] = None,
    id: Annotated[Optional[str], _opt("id", "The entity id (default: from the name).")] = None,
    file: FileOpt = None, texts: TextsOpt = None, dry_run: DryRunOpt = False,
) -> None:
    """Add an [entities.ID] table; its id is printed."""
    _add("entity", file, texts, dry_run, False, id=id, name=name, kind=kind, aliases=aliases, operator=operator,
         parent=parent, description=description)


@add_app.command("claim")
def add_claim(
    subject: Annotated[Optional[str], _opt("subject", "The entity: id, name or alias (required).")] = None,
    prop: Annotated[Optional[str], typer.Option("--property", "-p", help="The property id (required).")] = None,
    value: Annotated[Optional[str], _opt("value", "The value, in the property's type (required).")] = None,
    source: Annotated[Optional[str], _opt("source", "The source id (required).", "-s")] = None,
    quote: Annotated[Optional[str], _opt("quote", "The source's words, verbatim.")] = None,
    when: Annotated[Optional[str], _opt("when", "When it happened (a plan: its deadline).")] = None,
    as_of: Annotated[Optional[str], _opt("as-of", "When the value held.")] = None,
    key: Annotated[Optional[str], _opt("key", "Which instance of a multi property.")] = None,
    unit: Annotated[Optional[str], _opt("unit", "Unit, when not the property's.")] = None,
    hedged: Annotated[bool, _opt("hedged", "The source hedges ('reportedly').")] = False,
    note: Annotated[Optional[str], _opt("note", "The curator's note.")] = None,
    id: Annotated[Optional[str], _opt("id", "The claim id (default: SOURCE-SUBJECT-PROPERTY[-KEY]).")] = None,
    file: FileOpt = None, texts: TextsOpt = None, dry_run: DryRunOpt = False, force: AddForceOpt = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help=(
        "Ask for each field (the default in a terminal when no field is given)."))] = False,
) -> None:
    """Add a [[claims]] table after the last claim citing the same source (else after the last claim);
    its id is printed. With no subject, property, value or source in a terminal (or with -i), asks
    for each field in turn and checks each answer as it is typed."""
    if interactive or (not any((subject, prop, value, source)) and sys.stdin.isatty()):
        path = _fact_file(None, file)
        _edit(path, lambda text: [_ask_claim(text, path, _texts(texts), force)], dry_run)
        return
    _add("claim", file, texts, dry_run, force, id=id, subject=subject, property=prop, value=value, unit=unit,
         when=when, as_of=as_of, key=key, source=source, quote=quote, hedged=hedged or None, note=note)


def _ask_claim(text: str, path: str, texts: str | None, force: bool):
    """Ask for a claim field by field, as hledger add does; each answer is checked at once (and asked
    again when it does not do) and echoed back: the entity found, the property's type, the value's
    interval, where the quote is in the source's text. Returns the edit.Edit of the claim."""
    from spacefacts import edit

    base = edit.load(text, path)

    def ask(label: str, check, optional: bool = False):
        while True:
            answer = typer.prompt(label, default="" if optional else None, show_default=False)
            if optional and not answer.strip():
                return None
            try:
                value, echo = check(answer)
            except SpacefactsError as exc:
                typer.echo(f"  ! {exc}")
                continue
            typer.echo(f"  = {echo}")
            return value

    record = {"subject": ask("Subject (entity id, name or alias)", lambda a: edit.answer_subject(base, a)),
              "property": ask("Property", lambda a: edit.answer_property(base, a))}
    record["value"] = ask("Value", lambda a: edit.answer_value(base, record["property"], a))
    record["when"] = ask("When (blank: none)", edit.answer_date, optional=True)
    record["key"] = ask("Key (blank: none)", lambda a: (a.strip(), a.strip()), optional=True)
    record["source"] = ask("Source id", lambda a: edit.answer_source(base, a))
    record["quote"] = ask("Quote (blank: none)", lambda a: (a.strip(), edit.answer_quote(
        base, record["source"], a, texts)), optional=True)
    return edit.add(text, path, "claim", record, texts, force)


@app.command("accept")
def accept_command(
    claim: Annotated[Optional[str], typer.Argument(metavar="CLAIM", show_default=False,
                                                   help="The claim id.")] = None,
    code: Annotated[Optional[str], typer.Argument(metavar="CODE", show_default=False, help="The rule code.")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why the finding is accepted (required).")] = None,
    list_: Annotated[bool, typer.Option("--list", help=(
        "List every accepted finding and whether it still fires; exit 1 when one is stale."))] = False,
    file: FileOpt = None, texts: TextsOpt = None,
) -> None:
    """Accept a finding on a claim, with a reason.

    Records `{ code, reason }` in the claim's `accepted`. The finding is still reported, marked accepted, and no longer fails the run. A stale acceptance
    (its finding no longer fires: SF310) is listed as stale."""
    from spacefacts import edit

    path = _fact_file(None, file)
    if list_:
        if claim or code:
            fail("--list takes no CLAIM or CODE")
        rows = edit.acceptances(path, _texts(texts))
        for c, a, fires in rows:
            where = a.location or c.location
            print(f"{where}: {c.id} {a.code} {'fires' if fires else 'stale'}: {a.reason}")
        stale = sum(1 for *_, fires in rows if not fires)
        sys.stderr.write(f"{len(rows)} accepted finding(s), {stale} stale\n")
        raise typer.Exit(1 if stale else 0)
    if not claim or not code:
        fail("give CLAIM and CODE (or --list)")
    if reason is None:
        fail("--reason is required: say why the finding is accepted")
    _edit(path, lambda text: [edit.accept(text, path, claim, code, reason, _texts(texts))], False)


@app.command("init")
def init_command(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="Where to write facts.toml.")] = ".",
) -> None:
    """Write a starter facts.toml (never over one).

    It holds [settings] with their defaults and a commented example of each table."""
    from spacefacts.init import init

    print(f"wrote {init(folder)}")


@app.command("fmt")
def fmt_command(
    files: FilesArg = None, file: FilesOpt = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when a file would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the change as a unified diff; write nothing.")] = False,
) -> None:
    """Lay fact files out one way, keeping every comment and value.

    Table order, key order within each record, key and string quoting, blank lines (docs/cli.md,
    "Curating"). Exit 1 with --check or --diff when a file would change, 2 when one cannot be read."""
    import difflib

    from spacefacts import edit
    from spacefacts.fmt import format_text

    changed = failed = False
    for path in [*(files or ()), *(file or ())] or [default_file()]:
        try:
            text, bom = edit.read(path)
            new = format_text(text, path)
        except SpacefactsError as exc:
            _error(str(exc))
            failed = True
            continue
        if new == text:
            continue
        changed = True
        if diff:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True), path, path))
        if check or diff:
            sys.stderr.write(f"would reformat {path}\n")
        else:
            edit.write(path, new, bom)
            sys.stderr.write(f"reformatted {path}\n")
    raise typer.Exit(2 if failed else int(changed and (check or diff)))


@app.command("help")
def help_command(
    ctx: typer.Context,
    words: Annotated[Optional[list[str]], typer.Argument(
        metavar="[COMMAND [SUB]]", show_default=False, help="A command, e.g. show or export json.")] = None,
) -> None:
    """Show the help of a command, as -h and --help do."""
    parent = ctx.find_root()
    for word in words or ():
        sub = parent.command.get_command(parent, word) if hasattr(parent.command, "get_command") else None
        if sub is None:
            fail(f"no command '{' '.join(words or ())}' (see '{parent.command_path} --help')")
        parent = type(parent)(sub, info_name=word, parent=parent)
    typer.echo(parent.get_help())


class _PipeClosed(Exception):
    """The reader of stdout left (EPIPE); kept from click, which would turn it into exit 1."""


class _Terminated(BaseException):
    """Raised by the SIGTERM handler, so that cleanup (a write's temporary file) runs as on Ctrl-C."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


class _Tolerant:
    """stderr that drops what it cannot write (`2>/dev/full`): there is nowhere left to say so."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _standard_streams() -> None:
    """Give a closed stdout or stderr (`>&-`) a file descriptor again, so no file the command opens
    takes its number: stdout becomes /dev/null opened read-only (writing to it fails: EBADF, reported),
    stderr /dev/null (errors are dropped). stderr then never raises."""
    for fd, name, flags in ((1, "stdout", os.O_RDONLY), (2, "stderr", os.O_WRONLY)):
        if getattr(sys, name) is None:
            got = os.open(os.devnull, flags)
            if got != fd:
                os.dup2(got, fd)
                os.close(got)
            setattr(sys, name, open(fd, "w", encoding="utf-8", closefd=False))
    sys.stderr = _Tolerant(sys.stderr)


def _discard(stream: Any) -> None:
    """After a failed write, send what is still buffered for `stream` to /dev/null (said once, not again)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


EXIT_PIPE = 128 + 13  # SIGPIPE: `spacefacts timeline | head -1` ends as if killed by it, quietly
EXIT_TERM = 128 + 15  # SIGTERM


def main() -> None:
    """The console script: exit codes 0/1/2; errors outside any command are one line too.

    Streams: a full or closed stdout is one error line and exit 2; a reader that leaves early
    (EPIPE) ends the command quietly with 141 (128 + SIGPIPE, the status a shell shows for coreutils
    killed by SIGPIPE); what cannot be written to stderr is dropped. SIGPIPE keeps Python's SIG_IGN.
    SIGTERM (143) and
    Ctrl-C (130) remove the temporary file of a write under way.

    The cyclic garbage collector is paused for the whole command, not only while loading and
    checking: a command is one short run that makes no garbage cycles worth collecting, and each
    time a pause ended, the collector's next passes rescanned everything made during it (the fact
    base, the findings): 0.4 s of `lint` and 0.7 s of `check` at 100k claims.
    """
    import signal

    _standard_streams()
    signal.signal(signal.SIGTERM, _on_sigterm)
    gc_enabled = gc.isenabled()  # (as gcpause.paused_gc, not imported for --version)
    gc.disable()
    try:
        code = app(prog_name="spacefacts", standalone_mode=False)
    except SpacefactsError as exc:
        _error(str(exc))
        code = 2
    except _UsageError as exc:  # e.g. an unknown command or a bad root option
        if _is_help(exc):
            exc.show()
            code = exc.exit_code
        else:
            _error(_usage_message(exc))
            code = 2
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("spacefacts: interrupted\n")
        code = 130
    except _Terminated:
        sys.stderr.write("spacefacts: terminated\n")
        code = EXIT_TERM
    except _PipeClosed:
        code = EXIT_PIPE
    except OSError as exc:  # e.g. help or a message that could not be written
        if exc.errno == errno.EPIPE:
            _discard(sys.stdout)
            code = EXIT_PIPE
        else:
            _error(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
            code = 2
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command is over: nothing left to clean up
        if gc_enabled:
            gc.enable()
    _leave(code if isinstance(code, int) else 0)


# The report of the run: the exception that ends the command would free its frames, and with them the
# fact base and the findings one object at a time (0.1 s at 100k claims) just before os._exit.
_LEFT_FOR_EXIT: list[object] = []


def _leave(code: int) -> NoReturn:
    """Flush the output and end the process without freeing every object one by one (as mypy's
    hard_exit): at 100k claims that teardown took 0.08-0.16 s. Every file the command wrote is
    closed by now (files.write_atomic), so the two streams are all there is left to flush.
    A stdout that cannot take the rest is one error line and exit 2 (141 for a closed pipe)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        _discard(sys.stdout)
        if getattr(exc, "errno", None) == errno.EPIPE:
            code = EXIT_PIPE if code in (0, 1) else code
        else:
            _error(f"cannot write to stdout: {getattr(exc, 'strerror', None) or exc}")
            code = 2 if code in (0, 1) else code
    except AttributeError:  # no stdout at all (not via main)
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(code)
