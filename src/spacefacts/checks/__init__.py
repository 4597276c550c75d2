"""The checks, listed explicitly, and the single loop that runs them.

A check is a plain function `fn(base, ctx) -> Iterable[Diagnostic]`. CHECKS below names every one,
in the order their findings are produced, with the rule codes it produces (each documented in the
rule table, spacefacts.rules), its stage, and how it may be run. Nothing registers itself on import,
and the loader imports none of this.

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
from spacefacts.checks.evidence import CLAIM_CODES, check_claims, check_source_texts
from spacefacts.checks.units import check_units
from spacefacts.diagnostics import Diagnostic, acceptances, accepted_reason, is_selected
from spacefacts.gcpause import paused_gc
from spacefacts.index import Index
from spacefacts.model import FactBase

CheckFn = Callable[..., Iterable[Diagnostic]]  # (base, ctx); finalizing: (base, ctx, found, stages)


@dataclass(frozen=True)
class Check:
    """One entry of CHECKS."""

    fn: CheckFn
    codes: tuple[str, ...]
    stage: str
    finalizing: bool = False
    uses: tuple[str, ...] = ()  # the index parts it reads, each dropped after its last chosen reader (Index.release)


CHECKS: tuple[Check, ...] = (
    # evidence (SF2xx)
    Check(check_source_texts, ("SF205", "SF206", "SF208"), "lint", uses=("texts",)),
    Check(check_claims, CLAIM_CODES, "lint", uses=("texts",)),  # SF201-SF204, SF207, SF210: one pass, each quote read once
    Check(check_units, ("SF209",), "lint"),
    # consistency (SF3xx)
    Check(check_conflicts, ("SF301",), "check", uses=("analysis",)),
    Check(check_single_value, ("SF302",), "check", uses=("counted",)),
    Check(check_range, ("SF303",), "check", uses=("counted",)),
    Check(check_ordering, ("SF304",), "check", uses=("dates_by_subject",)),
    Check(check_lifetime, ("SF305",), "check", uses=("dates_by_subject",)),
    Check(check_cumulative, ("SF306",), "check", uses=("counted",)),
    Check(check_count, ("SF307",), "check", uses=("counted",)),
    Check(check_sum, ("SF308",), "check", uses=("counted",)),
    Check(check_plans, ("SF309",), "check", uses=("counted",)),
    # entities (SF4xx)
    Check(check_alias_clash, ("SF402",), "check"),
    Check(check_duplicates, ("SF401",), "check"),
    # finalizing: after every other check
    Check(accepted_unused, ("SF310",), "check", finalizing=True),
)


def run_checks(base: FactBase, ctx: Context, stages: tuple[str, ...] = ("lint",),
               before: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """Run every check of CHECKS in the given stages whose codes are selected, in their order; return
    their findings. `before`: the findings made before the checks (the loader's), which the
    finalizing checks see too (they are not returned). The checks share the run's index (index.Index),
    made here from `base` and dropped when they are done."""
    chosen = [c for c in CHECKS if c.stage in stages and any(is_selected(k, ctx.select, ctx.ignore) for k in c.codes)]
    ctx.index = Index(base, ctx.results, confidences=False)  # the checks read conflicts only
    with paused_gc():
        found: list[Diagnostic] = []
        for n, c in enumerate(chosen):
            if not c.finalizing:
                found += c.fn(base, ctx)
                # a part no later check reads is dropped now: later parts reuse its memory
                ctx.index.release(set(c.uses).difference(*(later.uses for later in chosen[n + 1:])))
        for c in chosen:
            if c.finalizing:
                found += c.fn(base, ctx, [*before, *found], stages)
        # The index (about 570k objects at 100k claims) is dropped before the GC resumes,
        # or its first passes after the checks scan it all once more for nothing.
        ctx.index = None
    return found


def finalize(base: FactBase, diagnostics: Iterable[Diagnostic], select=(), ignore=()) -> list[Diagnostic]:
    """Filter by selection, mark findings a claim accepts, sort by location."""
    accepts = acceptances(base.claims)
    accepting = {cid for cid, _ in accepts}  # most findings name none of these claims: one set test each
    selected: dict[str, bool] = {}  # code -> is_selected: a few codes, asked once each (not once a finding)
    out = []
    for d in diagnostics:
        if select or ignore:
            keep = selected.get(d.code)
            if keep is None:
                keep = selected[d.code] = is_selected(d.code, select, ignore)
            if not keep:
                continue
        if accepting.isdisjoint(d.ids):
            out.append(d)
            continue
        reason = accepted_reason(accepts, d.code, d.ids)
        out.append(replace(d, accepted=reason) if reason is not None else d)
    return sorted(out, key=Diagnostic.sort_key)


__all__ = ["CHECKS", "Check", "Context", "finalize", "run_checks"]
