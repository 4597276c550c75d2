"""The checks, listed explicitly, and the single loop that runs them.

A check is a plain function `fn(base, ctx) -> Iterable[Diagnostic]`. CHECKS below names every one,
in the order their findings are produced, with the rule codes it produces (each documented in the
rule table, spacefacts.rules), its stage, and how it may be run. Nothing registers itself on import,
and the loader imports none of this.

A check marked per_claim looks at each claim on its own (with the sources, entities and
properties): run on two slices of the claims, it yields what it yields on all of them, so a
large file's claims may be split between two processes (tests/test_parallel.py holds every
per_claim check to this).

A check marked finalizing runs after all the others, in this process, as
`fn(base, ctx, found, stages) -> Iterable[Diagnostic]`: `found` holds every finding made before it
(the loader's, passed to run_checks, and the other checks'). SF310 is one: it judges each `accepted`
entry against all the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from spacefacts.checks.consistency import (
    accepted_unused,
    check_conflicts,
    check_count,
    check_cumulative,
    check_lifetime,
    check_ordering,
    check_plans,
    check_range,
    check_single_value,
    check_sum,
)
from spacefacts.checks.context import Context
from spacefacts.checks.entities import check_alias_clash, check_duplicates
from spacefacts.checks.evidence import check_quotes, check_source_texts, check_values
from spacefacts.diagnostics import Diagnostic, acceptances, accepted_reason, is_selected
from spacefacts.gcpause import paused_gc
from spacefacts.model import FactBase

CheckFn = Callable[..., Iterable[Diagnostic]]  # (base, ctx); finalizing: (base, ctx, found, stages)


@dataclass(frozen=True)
class Check:
    """One entry of CHECKS. beside: with `check` on a large file, run it in the forked child beside
    the per-claim checks rather than with the consistency checks, to even out the two processes' shares."""

    fn: CheckFn
    codes: tuple[str, ...]
    stage: str
    per_claim: bool = False
    beside: bool = False
    finalizing: bool = False


CHECKS: tuple[Check, ...] = (
    # evidence (SF2xx)
    Check(check_source_texts, ("SF205", "SF206", "SF208"), "lint", beside=True),  # beside: the same texts as quotes
    Check(check_quotes, ("SF201", "SF204", "SF207"), "lint", per_claim=True),
    Check(check_values, ("SF202", "SF203"), "lint", per_claim=True),
    # consistency (SF3xx)
    Check(check_conflicts, ("SF301",), "check"),
    Check(check_single_value, ("SF302",), "check"),
    Check(check_range, ("SF303",), "check"),
    Check(check_ordering, ("SF304",), "check"),
    Check(check_lifetime, ("SF305",), "check"),
    Check(check_cumulative, ("SF306",), "check"),
    Check(check_count, ("SF307",), "check"),
    Check(check_sum, ("SF308",), "check"),
    Check(check_plans, ("SF309",), "check"),
    # entities (SF4xx)
    Check(check_alias_clash, ("SF402",), "check"),
    Check(check_duplicates, ("SF401",), "check", beside=True),  # rapidfuzz over the entities only
    # finalizing: after every other check
    Check(accepted_unused, ("SF310",), "check", finalizing=True),
)


PARALLEL_CHECK_CLAIMS = 5_000  # below this, a fork costs more than it saves


def run_checks(base: FactBase, ctx: Context, stages: tuple[str, ...] = ("lint",),
               before: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """Run every check of CHECKS in the given stages whose codes are selected, in their order; return
    their findings. `before`: the findings made before the checks (the loader's), which the
    finalizing checks see too (they are not returned)."""
    from spacefacts.parallel import workers

    chosen = [c for c in CHECKS if c.stage in stages and any(is_selected(k, ctx.select, ctx.ignore) for k in c.codes)]
    first = [c for c in chosen if not c.finalizing]
    with paused_gc():
        if len(base.claims) >= PARALLEL_CHECK_CLAIMS and any(c.per_claim for c in first) and workers() > 1:
            found = _run_split(base, ctx, first, "check" in stages)
        else:
            found = [d for c in first for d in c.fn(base, ctx)]
        for c in chosen:
            if c.finalizing:
                found += c.fn(base, ctx, [*before, *found], stages)
        # The shared indexes (about 570k objects at 100k claims) are dropped before the GC resumes,
        # or its first passes after the checks scan them all once more for nothing.
        ctx.cache.clear()
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
        ctx.cache.clear()  # this process's indexes are done with: freed while the child finishes its pieces
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


__all__ = ["CHECKS", "Check", "Context", "finalize", "run_checks"]
