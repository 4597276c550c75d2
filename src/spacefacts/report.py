"""The lint pipeline: load a fact file, run the checks, finalize the findings.

Pure core: no typer, no rich, no printing. The CLI calls `run` and hands the
resulting Report to a renderer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacefacts.diagnostics import RULES, Diagnostic, Severity, diagnostic, is_known_pattern
from spacefacts.errors import SpacefactsError
from spacefacts.model import FactBase
from spacefacts.text import closest


@dataclass
class Report:
    """The finalized findings for one or more fact files (selected, accepted marked, sorted)."""

    base: FactBase
    diagnostics: list[Diagnostic]
    files: tuple[str, ...] = field(default=())
    show_info: bool = False  # whether text and github list info findings (lint --show-info); json and sarif always do

    def __post_init__(self) -> None:
        if not self.files:
            self.files = (self.base.path,)

    def shown(self, show_accepted: bool = False) -> list[Diagnostic]:
        """The findings a reader sees: accepted ones only when asked for, info ones only when show_info."""
        return [d for d in self.diagnostics if (show_accepted or d.accepted is None)
                and (self.show_info or d.severity is not Severity.INFO or d.accepted is not None)]

    def hidden_infos(self) -> list[Diagnostic]:
        """The info findings not accepted that shown() leaves out (none when show_info)."""
        if self.show_info:
            return []
        return [d for d in self.diagnostics if d.severity is Severity.INFO and d.accepted is None]

    def unverified(self) -> tuple[int, int]:
        """(claims, sources): quotes not checked because their source has no local text (SF205)."""
        counts = [d.data.get("claims", 0) for d in self.diagnostics if d.code == "SF205" and d.accepted is None]
        return sum(counts), len(counts)

    def counts(self) -> dict[str, int]:
        """Findings per severity (accepted ones excluded) plus the number accepted."""
        out = {"errors": 0, "warnings": 0, "infos": 0, "accepted": 0}
        keys = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
        for d in self.diagnostics:
            out["accepted" if d.accepted is not None else keys[d.severity]] += 1
        return out

    def exit_code(self, exit_zero: bool = False) -> int:
        """1 when any finding not accepted is an error (unless exit_zero), else 0."""
        if exit_zero:
            return 0
        return int(any(d.severity is Severity.ERROR and d.accepted is None for d in self.diagnostics))

    @classmethod
    def merge(cls, reports: Sequence[Report]) -> Report:
        """One report over several files (pre-commit passes many); the first file's base is kept."""
        if len(reports) == 1:
            return reports[0]
        diags = sorted((d for r in reports for d in r.diagnostics), key=Diagnostic.sort_key)
        return cls(reports[0].base, diags, tuple(f for r in reports for f in r.files), reports[0].show_info)


def did_you_mean_code(code: str) -> str:
    """' (did you mean 'SF101'?)' for a mistyped rule code, else a pointer to `spacefacts rules`."""
    code = code.strip().upper()
    longest = max((known for known in RULES if code.startswith(known)), key=len, default=None)
    close = longest or closest(code, sorted(RULES))
    return f" (did you mean '{close}'?)" if close else " (see `spacefacts rules`)"


def check_codes(patterns: Iterable[str], option: str) -> tuple[str, ...]:
    """Validate rule codes or prefixes given by the user; raise SpacefactsError naming a close match."""
    out = []
    for raw in patterns:
        code = raw.strip().upper()
        if not code:
            continue
        if not is_known_pattern(code):
            raise SpacefactsError(f"unknown rule code '{raw}' in {option}{did_you_mean_code(code)}")
        out.append(code)
    return tuple(out)


def split_codes(values: Iterable[str] | None) -> tuple[str, ...]:
    """Flatten repeatable, comma-separated option values: ["SF1,SF2", "SF3"] -> ("SF1", "SF2", "SF3")."""
    return tuple(part.strip() for v in values or () for part in v.split(",") if part.strip())


def texts_dir(path: str, settings, texts: str | None = None) -> str | None:
    """The folder of source texts: `texts` (the command line) when given, else [settings] texts.

    The settings value is relative to the fact file and must stay inside the fact file's folder
    tree: a fact file may not make the tool read an arbitrary folder (SF206 reports it, and it is
    not read); only the command line can name an outside folder explicitly.
    """
    if texts is not None or not settings.texts:
        return texts
    folder = Path(path).parent.resolve()  # as the evidence rules resolve it (the folder, not a symlink's target)
    candidate = (folder / settings.texts).resolve()
    return str(candidate) if candidate.is_relative_to(folder) else None


def _settings_texts_outside(base: FactBase, texts: str | None, used: str | None) -> list[Diagnostic]:
    if texts is not None or not base.settings.texts or used is not None:
        return []
    msg = (f"[settings] texts '{base.settings.texts}' points outside the fact file's folder and was not read "
           "(name the folder with --texts to use it)")
    return [diagnostic("SF206", msg, base.settings.location)]


def run(
    path: str,
    stages: tuple[str, ...] = ("lint",),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    texts: str | None = None,
) -> Report:
    """Load `path`, run the checks of `stages`, and return the finalized Report.

    Command-line `select`/`ignore`/`texts` replace the file's [settings] values when given;
    settings.texts is relative to the fact file. Raises SpacefactsError only when no fact base
    can be built (unreadable file, TOML syntax error) or an option names an unknown rule.
    """
    from spacefacts.files import read_text
    from spacefacts.loader import load_text

    select = check_codes(select, "--select")
    ignore = check_codes(ignore, "--ignore")
    text = read_text(path)
    if stages == ("lint",):
        report = _lint_in_two(text, str(path), select, ignore, texts)
        if report is not None:
            return report
    base, loaded = load_text(text, str(path))
    return Report(base, _findings(base, loaded, stages, select, ignore, texts))


def _findings(base: FactBase, loaded: list[Diagnostic], stages: tuple[str, ...], select: Sequence[str],
              ignore: Sequence[str], texts: str | None) -> list[Diagnostic]:
    """The loader's findings plus those of the checks of `stages`, finalized."""
    from spacefacts.checks import Context, finalize, run_checks

    select = select or base.settings.select
    ignore = ignore or base.settings.ignore
    ctx = Context(texts_dir=texts_dir(base.path, base.settings, texts), select=select, ignore=ignore)
    found = [*loaded, *_settings_texts_outside(base, texts, ctx.texts_dir)]
    found += run_checks(base, ctx, stages, before=found)  # SF310, a finalizing check, judges `accepted` against all
    return finalize(base, found, select, ignore)


PARALLEL_LINT_BYTES = 1_000_000  # below this, a fork costs more than it saves


def _lint_in_two(text: str, path: str, select: Sequence[str], ignore: Sequence[str],
                 texts: str | None) -> Report | None:
    """Lint a large file in two processes at once, each loading and checking half of the claims
    (loader.lint_cut); None when that cannot give exactly what linting it whole gives.

    Lint's findings about a claim depend only on that claim and on the file's other tables. So the
    halves are used only when they add up to the whole: the tables other than the claims parse the
    same in both (all of them come before the first claim), every claim is a table with an id of its
    own (no id in both halves) found by its header (loader.load_part). The child sends back its
    findings from its first line on; this process keeps its own. The one finding about sources that
    counts claims, SF205 (per source: its quotes not verified), is the two halves' added up. The
    report's fact base then holds this process's claims only (renderers read the findings, not the base).
    """
    from spacefacts.loader import lint_cut, lint_tail, load_part
    from spacefacts.parallel import Forked, solo, workers

    cut = lint_cut(text) if len(text) >= PARALLEL_LINT_BYTES and workers() > 1 else None
    if cut is None:
        return None

    def lint_part(part: str) -> tuple[FactBase, list[Diagnostic], dict] | None:
        loaded = load_part(part, path)
        if loaded is None:
            return None
        base, diags, tables = loaded
        return base, _findings(base, diags, ("lint",), select, ignore, texts), tables

    def tail() -> tuple[list[Diagnostic], dict, set[str]] | None:
        done = lint_part(lint_tail(text, cut))
        if done is None:
            return None
        base, found, tables = done
        line = text.count("\n", 0, cut) + 1  # where the second part's own text starts
        own = [d for d in found if (d.location and d.location.line >= line) or _per_source_sf205(d)]
        return own, tables, {c.id for c in base.claims}

    with solo():
        child = Forked(tail)
        try:
            head = lint_part(text[:cut])
        except SpacefactsError:  # e.g. the cut fell inside a multi-line string
            head = None
    rest = child.result()
    if head is None or rest is None:
        return None
    base, found, tables = head
    tail_found, tail_tables, tail_ids = rest
    if tail_tables != tables or not tail_ids.isdisjoint(c.id for c in base.claims):
        return None
    return Report(base, sorted(_add_unverified(base, found + tail_found), key=Diagnostic.sort_key))


def _add_unverified(base: FactBase, found: list[Diagnostic]) -> list[Diagnostic]:
    """The findings with each source's SF205 findings (one per half that cites it) made one."""
    from spacefacts.checks.evidence import unverified

    halves: dict[str, list[Diagnostic]] = {}
    for d in filter(_per_source_sf205, found):
        halves.setdefault(d.ids[0], []).append(d)
    added = [d[0] if len(d) == 1 else unverified(base.sources[sid], sum(x.data["claims"] for x in d), d[0].data["why"])
             for sid, d in halves.items()]
    return [d for d in found if not _per_source_sf205(d)] + added


def _per_source_sf205(d: Diagnostic) -> bool:
    """An SF205 finding about a source (not the one on a claim that accepts SF205)."""
    return d.code == "SF205" and "claims" in d.data
