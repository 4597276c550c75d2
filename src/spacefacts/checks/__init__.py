"""The check registry and the single loop that runs it.

A check is a plain function `fn(base, ctx) -> Iterable[Diagnostic]`, registered
with @check under one or more rule codes. The rule's documentation is given at
registration and becomes `spacefacts rule CODE` and docs/rules.md.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from spacefacts.diagnostics import RULES, Diagnostic, Rule, Severity, is_selected, register_rule
from spacefacts.index import Index
from spacefacts.model import Claim, FactBase

CheckFn = Callable[[FactBase, "Context"], Iterable[Diagnostic]]

# Modules that define checks, in the order their findings are produced.
CHECK_MODULES = ("spacefacts.checks.evidence", "spacefacts.checks.consistency", "spacefacts.checks.entities")


@dataclass
class Context:
    """What a check may need beyond the fact base. Command-line values already merged over [settings]."""

    texts_dir: str | None = None  # --texts: folder with source documents by file name
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    index: Index | None = None  # what the checks share about the whole fact base (run_checks makes it)

    def index_of(self, base: FactBase) -> Index:
        """The run's index; made from `base` when a check runs on its own (the whole base, as run_checks does)."""
        if self.index is None:
            self.index = Index(base)
        return self.index


@dataclass(frozen=True)
class Check:
    fn: CheckFn
    codes: tuple[str, ...]
    stage: str


CHECKS: list[Check] = []


def rule(code: str, name: str, severity: Severity, summary: str, doc: str, stage: str = "lint") -> Rule:
    """Register a rule in the rule table and return it (hand it to @check when a check function produces it)."""
    return register_rule(Rule(code, name, severity, summary, doc.strip(), stage))


def check(*rules: Rule) -> Callable[[CheckFn], CheckFn]:
    """Register fn as the producer of these rules; it runs in the first rule's stage."""

    def wrap(fn: CheckFn) -> CheckFn:
        CHECKS.append(Check(fn, tuple(r.code for r in rules), rules[0].stage))
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


def run_checks(base: FactBase, ctx: Context, stages: tuple[str, ...] = ("lint",)) -> list[Diagnostic]:
    """Run every registered check of the given stages whose codes are selected, in order, with the run's index."""
    load_all()
    chosen = [c for c in CHECKS if c.stage in stages and any(is_selected(k, ctx.select, ctx.ignore) for k in c.codes)]
    ctx.index = Index(base)
    with paused_gc():
        found = [d for c in chosen for d in c.fn(base, ctx)]
        # The index (about 570k objects at 100k claims) is dropped before the GC resumes,
        # or its first passes after the checks scan it all once more for nothing.
        ctx.index = None
    return found


def acceptances(claims: Iterable[Claim]) -> dict[tuple[str, str], str]:
    """(claim id, rule code) -> reason, for every `accepted` entry of these claims."""
    return {(claim.id, acc.code): acc.reason for claim in claims for acc in claim.accepted}


def accepted_reason(accepts: dict[tuple[str, str], str], code: str, ids: Iterable[str]) -> str | None:
    """The reason a finding of `code` naming `ids` is accepted with: that of the first id whose claim
    accepts the code (as `finalize` marks findings), else None."""
    return next((accepts[(i, code)] for i in ids if (i, code) in accepts), None)


def finalize(base: FactBase, diagnostics: Iterable[Diagnostic], select=(), ignore=()) -> list[Diagnostic]:
    """Filter by selection, mark findings a claim accepts, sort by location."""
    accepts = acceptances(base.claims)
    accepting = {cid for cid, _ in accepts}  # most findings name none of these claims: one set test each
    out = []
    for d in diagnostics:
        if (select or ignore) and not is_selected(d.code, select, ignore):
            continue
        if accepting.isdisjoint(d.ids):
            out.append(d)
            continue
        reason = accepted_reason(accepts, d.code, d.ids)
        out.append(replace(d, accepted=reason) if reason is not None else d)
    return sorted(out, key=Diagnostic.sort_key)


__all__ = ["CHECKS", "RULES", "Check", "Context", "acceptances", "accepted_reason", "check", "finalize", "load_all",
           "rule", "run_checks"]
