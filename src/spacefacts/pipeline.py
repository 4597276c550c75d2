"""The one pipeline every command goes through: load -> index -> checks -> finalize -> report.

    load      read the fact file and the files it includes, parse them (tomlparse: toml-rs, else tomli)
              and build the fact base (loader, in two steps: includes.py), with the loader's findings
              (SF1xx); a large file unchanged since the last run comes from the parse cache (cache.py)
    index     what the checks share about the fact base, built once per run (index.Index, in the
              checks' Context)
    checks    the checks of the stages asked for (checks.run_checks; SF310, a finalizing check, last);
              a run with the cache reuses what earlier runs found about files that did not change
              (resultcache.py: the truth analysis of a file kept apart, the duplicate-entity pairs)
    finalize  selection, findings accepted by a claim marked, sorted by location (checks.finalize)
    report    report.Report, which a renderer turns into text

`lint` and `check` run it all (run); the views take the first steps: load, then the truth analysis
(conflicts, sources, timeline, show, export) or the counts (stats).

All in one process: with the compiled parser, sharing a step with a forked child no longer saved a
quarter of the time at 100k claims on two CPUs (benchmarks/README.md), so there is no parallel work.

Pure core: no typer, no rich, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacefacts.diagnostics import Diagnostic, diagnostic
from spacefacts.model import FactBase
from spacefacts.report import Report, check_codes, texts_dir

if TYPE_CHECKING:
    from spacefacts.resultcache import Results
    from spacefacts.stats import Stats
    from spacefacts.truth import Analysis


def load(path: str, use_cache: bool = True) -> tuple[FactBase, list[Diagnostic]]:
    """Read and load a fact file with the files it includes: its fact base and the loader's findings.
    Raises SpacefactsError only when no fact base can be built (unreadable file, TOML syntax error,
    empty file)."""
    base, found, _ = load_files((str(path),), use_cache)
    return base, found


def load_files(paths: Sequence[str], use_cache: bool = True,
               keys: dict[str, str] | None = None) -> tuple[FactBase, list[Diagnostic], tuple[str, ...]]:
    """Load `paths` as one fact base, each with the files it includes (includes.load: [settings] include,
    the parse cache unless `use_cache` is false): the fact base, the loader's findings, the files read.
    `keys`, when given, gets what each file the parse cache keeps was built from (includes.load)."""
    from spacefacts.includes import load as load_included

    return load_included([str(p) for p in paths], use_cache, keys=keys)


def load_edit(text: str, path: str) -> tuple[FactBase, list[Diagnostic]]:
    """Load `text`, an edit of the fact file `path` not yet written, with the files `path` includes (as
    `load`): what `add` and `accept` lint an edit against."""
    from spacefacts.includes import load as load_included

    base, found, _ = load_included([str(path)], True, text)
    return base, found


def run(
    path: str | Sequence[str],
    stages: tuple[str, ...] = ("lint",),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    texts: str | None = None,
    use_cache: bool = True,
) -> Report:
    """Load `path` (or several paths as one fact base, as --together asks) with the files they include,
    run the checks of `stages`, and return the finalized Report.

    Command-line `select`/`ignore`/`texts` replace the file's [settings] values when given;
    settings.texts is relative to the fact file. Raises SpacefactsError only when no fact base
    can be built (unreadable file, TOML syntax error) or an option names an unknown rule.
    """
    select = check_codes(select, "--select")
    ignore = check_codes(ignore, "--ignore")
    paths = (path,) if isinstance(path, str) else tuple(path)
    keys: dict[str, str] = {}
    base, loaded, files = load_files(paths, use_cache, keys)
    results = None
    if use_cache and keys:  # a file the parse cache keeps: its part of the checks' results is kept too
        from spacefacts.cache import Store, folder_for
        from spacefacts.resultcache import FOLDER, Results

        results = Results(Store(folder_for(str(paths[0])) / FOLDER), keys, str(paths[0]))
    return Report(base, findings(base, loaded, stages, select, ignore, texts, results), files)


def findings(base: FactBase, loaded: list[Diagnostic], stages: tuple[str, ...], select: Sequence[str] = (),
             ignore: Sequence[str] = (), texts: str | None = None, results: Results | None = None) -> list[Diagnostic]:
    """The loader's findings plus those of the checks of `stages`, finalized. `results`: what the checks
    may reuse from earlier runs and keep for later ones (resultcache.py)."""
    from spacefacts.checks import Context, finalize, run_checks

    select = select or base.settings.select
    ignore = ignore or base.settings.ignore
    ctx = Context(texts_dir=texts_dir(base.path, base.settings, texts), select=select, ignore=ignore,
                  results=results)
    found = [*loaded, *_settings_texts_outside(base, texts, ctx.texts_dir)]
    found += run_checks(base, ctx, stages, before=found)  # SF310, a finalizing check, judges `accepted` against all
    return finalize(base, found, select, ignore)


def analysis(base: FactBase) -> Analysis:
    """The truth analysis of a loaded fact base (conflicts, source trust, claim confidence), as the checks see it."""
    from spacefacts.index import Index

    return Index(base).analysis


def stats(base: FactBase, texts: str | None = None) -> Stats:
    """The counts of a loaded fact base, with the quotes verified against the source texts (`texts` as
    for run: the command line's folder, else [settings] texts)."""
    from spacefacts.stats import compute_stats

    return compute_stats(base, texts_dir(base.path, base.settings, texts))


def _settings_texts_outside(base: FactBase, texts: str | None, used: str | None) -> list[Diagnostic]:
    if texts is not None or not base.settings.texts or used is not None:
        return []
    msg = (f"[settings] texts '{base.settings.texts}' points outside the fact file's folder and was not read "
           "(name the folder with --texts to use it)")
    return [diagnostic("SF206", msg, base.settings.location)]
