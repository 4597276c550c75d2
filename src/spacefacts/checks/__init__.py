"""The check registry and the single loop that runs it.

A check is a plain function `fn(base, ctx) -> Iterable[Diagnostic]`, registered
with @check under one or more rule codes. The rule's documentation is given at
registration and becomes `spacefacts rule CODE` and docs/rules.md.

A check marked per_claim looks at each claim on its own (with the sources, entities and
properties): run on two slices of the claims, it yields what it yields on all of them, so a
large file's claims may be split between two processes (tests/test_parallel.py holds every
per_claim check to this).
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from spacefacts.diagnostics import RULES, Diagnostic, Rule, Severity, is_selected, register_rule
from spacefacts.model import FactBase

CheckFn = Callable[[FactBase, "Context"], Iterable[Diagnostic]]

# Modules that define checks, in the order their findings are produced.
CHECK_MODULES = ("spacefacts.checks.evidence", "spacefacts.checks.consistency", "spacefacts.checks.entities")


@dataclass
class Context:
    """What a check may need beyond the fact base. Command-line values already merged over [settings]."""

    texts_dir: str | None = None  # --texts: folder with source documents by file name
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    cache: dict = field(default_factory=dict)  # shared results (conflict groups, trust) computed once per run


@dataclass(frozen=True)
class Check:
    fn: CheckFn
    codes: tuple[str, ...]
    stage: str
    per_claim: bool = False
    beside: bool = False


CHECKS: list[Check] = []


def rule(code: str, name: str, severity: Severity, summary: str, doc: str, stage: str = "lint") -> Rule:
    """Register a rule in the rule table and return it (hand it to @check when a check function produces it)."""
    return register_rule(Rule(code, name, severity, summary, doc.strip(), stage))


def check(*rules: Rule, per_claim: bool = False, beside: bool = False) -> Callable[[CheckFn], CheckFn]:
    """Register fn as the producer of these rules; it runs in the first rule's stage.

    per_claim: see the module doc. beside: with `check` on a large file, run it in the forked child beside
    the per-claim checks rather than with the consistency checks, to even out the two processes' shares.
    """

    def wrap(fn: CheckFn) -> CheckFn:
        CHECKS.append(Check(fn, tuple(r.code for r in rules), rules[0].stage, per_claim, beside))
        return fn

    return wrap


def load_all() -> None:
    """Import every check module so the registry and rule table are complete."""
    import spacefacts.loader  # noqa: F401  (registers the SF1xx rules)

    for name in CHECK_MODULES:
        importlib.import_module(name)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (for loading and checking).

    Both make many small objects and no reference cycles; with the cyclic GC on, it rescans the
    whole fact base again and again (a third of the load and of the check time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


PARALLEL_CHECK_CLAIMS = 5_000  # below this, a fork costs more than it saves


def run_checks(base: FactBase, ctx: Context, stages: tuple[str, ...] = ("lint",)) -> list[Diagnostic]:
    """Run every registered check of the given stages whose codes are selected."""
    from spacefacts.parallel import workers

    load_all()
    chosen = [c for c in CHECKS if c.stage in stages and any(is_selected(k, ctx.select, ctx.ignore) for k in c.codes)]
    with paused_gc():
        if len(base.claims) >= PARALLEL_CHECK_CLAIMS and any(c.per_claim for c in chosen) and workers() > 1:
            found = _run_split(base, ctx, chosen, "check" in stages)
        else:
            found = [d for c in chosen for d in c.fn(base, ctx)]
        # The shared indexes (about 570k objects at 100k claims) are dropped before the GC resumes,
        # or its first passes after the checks scan them all once more for nothing.
        ctx.cache.clear()
    return found


def _run_split(base: FactBase, ctx: Context, chosen: list[Check], checking: bool) -> list[Diagnostic]:
    """Run the per-claim checks on the later claims in a forked child while this process runs the rest.

    For lint alone the child takes half the claims; when the consistency checks run too (in this
    process) it takes all of them, and the checks marked `beside` as well. The findings come out in
    the order of a run in one process.
    """
    from spacefacts.parallel import Forked

    cut = 0 if checking else len(base.claims) // 2
    head, tail = replace(base, claims=base.claims[:cut]), replace(base, claims=base.claims[cut:])
    away = [c for c in chosen if c.per_claim or (checking and c.beside)]  # what the child runs

    def run(c: Check, part: FactBase) -> list[Diagnostic]:
        return list(c.fn(part if c.per_claim else base, ctx))

    child = Forked(lambda: [run(c, tail) for c in away])
    mine = [run(c, head) if (c.per_claim and head.claims) or c not in away else [] for c in chosen]
    theirs = iter(child.result() or [run(c, tail) for c in away])
    return [d for c, found in zip(chosen, mine) for d in (found + next(theirs) if c in away else found)]


def finalize(base: FactBase, diagnostics: Iterable[Diagnostic], select=(), ignore=()) -> list[Diagnostic]:
    """Filter by selection, mark findings a claim accepts, sort by location."""
    accepts: dict[tuple[str, str], str] = {}
    for claim in base.claims:
        for acc in claim.accepted:
            accepts[(claim.id, acc.code)] = acc.reason
    out = []
    for d in diagnostics:
        if not is_selected(d.code, select, ignore):
            continue
        reason = next((accepts[(i, d.code)] for i in d.ids if (i, d.code) in accepts), None)
        out.append(replace(d, accepted=reason) if reason is not None else d)
    return sorted(out, key=Diagnostic.sort_key)


__all__ = ["CHECKS", "RULES", "Check", "Context", "check", "finalize", "load_all", "rule", "run_checks"]
