"""The report of a run (pipeline.run): the finalized findings, what a renderer turns into text; and
the options that name rules (--select, --ignore) and the texts folder, checked before a run.

Pure core: no typer, no rich, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacefacts.diagnostics import RULES, Diagnostic, Severity, is_known_pattern
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
