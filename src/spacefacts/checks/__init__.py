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
    ctx.index = Index(base)
    with paused_gc():
        if len(base.claims) >= PARALLEL_CHECK_CLAIMS and any(c.per_claim for c in chosen) and workers() > 1:
            found = _run_split(base, ctx, chosen, "check" in stages)
        else:
            found = [d for c in chosen for d in c.fn(base, ctx)]
        # The shared indexes (about 570k objects at 100k claims) are dropped before the GC resumes,
        # or its first passes after the checks scan them all once more for nothing.
        ctx.index = None
    return found


CHUNKS = 8  # the per-claim checks' share of the claims is cut into this many pieces


def _run_split(base: FactBase, ctx: Context, chosen: list[Check], checking: bool) -> list[Diagnostic]:
    """Run the checks in this process and a forked child at once; the findings come out in the order
    of a run in one process.

    The per-claim checks run piece by piece on CHUNKS slices of the claims, each piece taken by
    whichever process asks first (parallel.Tickets): the child takes pieces from the start, this
    process once its own checks are done, so the one that is ahead does more. Its own checks are
    the others: with `check`, the consistency checks; those marked `beside` run in the child first.
    This process takes a piece only while more than one is left: its first piece costs it more
    (e.g. reading the source texts), so the last is better left to the child.
    """
    from spacefacts.parallel import Forked, Tickets

    per_claim = [c for c in chosen if c.per_claim]
    away = [c for c in chosen if checking and c.beside and not c.per_claim]  # only in the child
    here = [c for c in chosen if not c.per_claim and c not in away]
    n = len(base.claims)
    cuts = [n * i // CHUNKS for i in range(CHUNKS + 1)]
    pieces = [replace(base, claims=base.claims[a:b]) for a, b in zip(cuts, cuts[1:])]
    tickets = Tickets(CHUNKS)

    def take(leave: int = 0) -> dict[int, list[list[Diagnostic]]]:
        done = {}
        while (k := tickets.take(leave)) is not None:
            done[k] = [list(c.fn(pieces[k], ctx)) for c in per_claim]
        return done

    try:
        child = Forked(lambda: ([list(c.fn(base, ctx)) for c in away], take()))
        mine = {c: list(c.fn(base, ctx)) for c in here}
        done = take(leave=1)
        ctx.index = None  # this process's index is done with: freed while the child finishes its pieces
        theirs = child.result()
        if theirs is None:  # no child, or it failed: the rest is done here
            theirs = ([list(c.fn(base, ctx)) for c in away], {})
        done.update(theirs[1])
        for k in range(CHUNKS):  # any piece left, or taken by a child that then failed
            if k not in done:
                done[k] = [list(c.fn(pieces[k], ctx)) for c in per_claim]
    finally:
        tickets.close()
    mine.update(zip(away, theirs[0]))
    mine.update((c, [d for k in range(CHUNKS) for d in done[k][i]]) for i, c in enumerate(per_claim))
    return [d for c in chosen for d in mine[c]]


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
