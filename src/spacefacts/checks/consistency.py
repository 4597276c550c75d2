"""Consistency between claims and the constraints properties declare (SF301-SF310).

The conflict and trust computation lives in spacefacts.truth; these checks turn
it into diagnostics and add the per-property constraints (range, ordering,
lifetime, cumulative, count, sum, plans). Every check groups claims by subject
first and sorts; nothing compares all claims pairwise.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate

from spacefacts.checks.context import Context
from spacefacts.diagnostics import RULES, Diagnostic, diagnostic, is_selected
from spacefacts.model import DATE, LIST, QUANTITY, Claim, FactBase, Property
from spacefacts.text import name_key
from spacefacts.values import as_of, interval, label, overlapping_runs


# ---- SF301 / SF302 ------------------------------------------------------------------


SF301_NAMED = 3  # the other claims an SF301 message names (related lists them all)


def _where(at, here) -> str:
    """'line N' in the file of `here`, 'FILE:N' in another file of the fact base (includes.py)."""
    return f"line {at.line}" if at.file == here.file else f"{at.file}:{at.line}"


def check_conflicts(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """One SF301 per conflict found by truth.analyze, at the last claim (in the file) of the least
    likely side: when a new claim disagrees with established ones, that is the claim just added,
    the line a pull request touched. The message names the other claims; `related` points at them."""
    analysis = ctx.index_of(base).analysis
    for conflict in analysis.conflicts:
        sides, likely = conflict.sides, conflict.likely
        weak = sides[-1]  # truth sorts the sides from the most likely to the least
        located = conflict.located()  # every claim by line then id, with its location
        weak_claims = set(map(id, weak.claims))
        for at, here in reversed(located):  # the weak side's last claim in the file
            if id(here) in weak_claims:
                break
        others = [pair for pair in located if pair[1] is not here]
        what = f"{conflict.property} of '{conflict.subject}'" + (f" [{conflict.key}]" if conflict.key else "")
        shown = " vs ".join([f"'{s.label}' ({', '.join(s.sources)})" for s in (weak, *sides[:-1])])
        named = ", ".join([f"{c.id} ({_where(loc, at)})" for loc, c in others[:SF301_NAMED]])
        more = f" and {len(others) - SF301_NAMED} more" if len(others) > SF301_NAMED else ""
        message = (f"{what}: {shown} cannot all hold (cause: {conflict.cause}); more likely "
                   f"'{likely.label}' (confidence {likely.confidence:.2f}); "
                   f"claim '{here.id}' here, the others: {named}{more}")
        data = {
            "subject": conflict.subject, "property": conflict.property, "key": conflict.key,
            "cause": conflict.cause, "likely": likely.label, "explanation": conflict.explanation,
            "sides": [{"label": s.label, "confidence": s.confidence, "claims": [c.id for c in s.claims],
                       "sources": list(s.sources)} for s in sides],
        }
        yield diagnostic("SF301", message, at, tuple([c.id for _, c in located]),
                         related=tuple([loc for loc, _ in others]), data=data)


def check_single_value(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF302: keyed instances of a single-valued property at the same time."""
    # keys belong on multi-valued properties (a third of the claims): only the others' keyed claims, a few
    props = base.properties
    keyed_by_sp = _by_subject_property(c for c in ctx.index_of(base).counted
                                       if c.key is not None and not props[c.property].multi)
    for (subject, pid), keyed in keyed_by_sp.items():
        prop = props[pid]
        if len({c.key for c in keyed}) < 2:
            continue
        runs = [keyed]
        if prop.temporal:
            dated = [(c, d) for c in keyed if (d := as_of(c, base)) is not None]
            runs = [[c for c, _ in run]
                    for run in overlapping_runs(dated, lambda x: x[1].earliest, lambda x: x[1].latest)]
        for run in runs:
            keys = sorted({c.key for c in run})
            if len(keys) > 1:
                run.sort(key=lambda c: c.location.line)
                yield diagnostic("SF302", f"{pid} of '{subject}' is single-valued but has keys "
                                 f"{', '.join(repr(k) for k in keys)} at the same time",
                                 run[0].location, tuple(c.id for c in run), related=tuple(c.location for c in run[1:]))


# ---- SF303 ----------------------------------------------------------------------------

# (?=[abeipstw]): the first letters of the words below; the search tries the words only where a word
# begins with one of them, twice as fast over the quotes of the 100k file (same matches, as IGNORECASE folds
# a letter of a class as one of a word)
_FUTURE = re.compile(r"\b(?=[abeipstw])(will|would|plans?|planned|planning|expect\w*|schedul\w*|aims?|aiming|"
                     r"targets?|intends?|by (?:the end of )?\d{4})\b", re.IGNORECASE)


def _bound_date(text):
    """A date minimum/maximum as a DateValue, or None when there is none (the loader drops and reports a bad one)."""
    from spacefacts.dates import parse_date

    if text is None:
        return None
    try:
        return parse_date(str(text))
    except ValueError:
        return None


def check_range(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF303: values outside minimum/maximum; dates after the source's publication."""
    rules: dict[str, tuple] = {}  # property id -> _range_rule
    # source id -> (source, last day of its publication), for the sources with a publication date
    published = {sid: (s, s.published.latest) for sid, s in base.sources.items() if s.published is not None}
    props = base.properties
    for c in ctx.index_of(base).counted:
        rule = rules.get(c.property)
        if rule is None:
            rule = rules[c.property] = _range_rule(props[c.property])
        prop, lo, hi, date_valued, late_checked = rule
        if lo is not None or hi is not None:
            out = _out_of_range(c, prop, lo, hi)
            if out is not None:
                yield out
        if not late_checked or (not date_valued and c.as_of is None and c.when is None):
            continue  # a plan (or a claim with no date) is never late
        src = published.get(c.source)
        if src is None or c.hedged:
            continue
        day = src[1]
        # the first of the claim's dates (value, as_of, when) that begins after its source was published
        if date_valued and hasattr(d := c.value, "earliest") and d.earliest > day:
            what = "value"
        elif (d := c.as_of) is not None and hasattr(d, "earliest") and d.earliest > day:
            what = "as_of"
        elif (d := c.when) is not None and hasattr(d, "earliest") and d.earliest > day:
            what = "when"
        else:
            continue
        if not _FUTURE.search(c.quote or ""):  # future wording: searched only when a date is late
            yield diagnostic("SF303", f"{prop.id} {what} '{getattr(d, 'text', d)}' is after its source "
                             f"'{src[0].id}' was published ({src[0].published.text})", c.location,
                             (c.id, src[0].id))


def _range_rule(prop: Property) -> tuple:
    """(prop, minimum, maximum, whether its values are dates, whether its claims may be late (not a plan)):
    what check_range reads of a property, its bounds of a date property as DateValues."""
    lo, hi = prop.minimum, prop.maximum
    if prop.type == DATE:
        lo, hi = _bound_date(lo), _bound_date(hi)
    return prop, lo, hi, prop.type == DATE, not prop.plan


def _out_of_range(c: Claim, prop: Property, lo, hi) -> Diagnostic | None:
    """SF303 when the claim's value is below the property's minimum or above its maximum, else None."""
    v = c.value
    if prop.type == QUANTITY and hasattr(v, "low"):
        if isinstance(lo, (int, float)) and (v.high < lo or (v.high == lo and v.high_open)):
            return diagnostic("SF303", f"{prop.id} '{label(c)}' is below the minimum {lo:g}", c.location, (c.id,))
        if isinstance(hi, (int, float)) and (v.low > hi or (v.low == hi and v.low_open)):
            return diagnostic("SF303", f"{prop.id} '{label(c)}' is above the maximum {hi:g}", c.location, (c.id,))
    elif prop.type == DATE and hasattr(v, "earliest"):
        if lo is not None and v.latest < lo.earliest:
            return diagnostic("SF303", f"{prop.id} '{label(c)}' is before the minimum {lo.text}", c.location, (c.id,))
        if hi is not None and v.earliest > hi.latest:
            return diagnostic("SF303", f"{prop.id} '{label(c)}' is after the maximum {hi.text}", c.location, (c.id,))
    return None


# ---- SF304 / SF305 ---------------------------------------------------------------------


def _dated(dates_by_subject: dict[str, tuple[Claim, ...]], subject: str, *pids: str) -> list[Claim]:
    """The date claims of subject for these properties, property by property (each in file order)."""
    claims = dates_by_subject.get(subject, ())
    return [c for pid in pids for c in claims if c.property == pid]


def _order(earlier: list[Claim], later: list[Claim], message: str) -> Iterator[Diagnostic]:
    """SF304 when the latest-starting claim of `earlier` starts after the earliest-ending one of `later`."""
    if not earlier or not later:
        return
    a = max(earlier, key=lambda c: c.value.earliest)
    b = min(later, key=lambda c: c.value.latest)
    if a.value.earliest > b.value.latest:
        first, second = sorted((a, b), key=lambda c: c.location.line)
        yield diagnostic("SF304", message.format(a=a, b=b, av=label(a), bv=label(b)), first.location,
                         (a.id, b.id), related=(second.location,))


def check_ordering(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF304: property `before` orderings; a program's start after its mission's launch."""
    dated = ctx.index_of(base).dates_by_subject  # (only dates can be out of order)
    ordered = {pid for pid, prop in base.properties.items() if prop.before}  # a few properties
    for subject, claims in dated.items():
        present = {c.property for c in claims}  # its date properties
        for pid in sorted(present & ordered):
            for later in base.properties[pid].before:
                if later in present:
                    yield from _order(_dated(dated, subject, pid), _dated(dated, subject, later),
                                      "{a.property} '{av}' of '" + subject + "' is after {b.property} '{bv}' "
                                      "(declared before it)")
    for ent in base.entities.values():
        program = ent.link("program")
        if not program:
            continue
        starts = _dated(dated, program, "started", "founded")
        launches = _dated(dated, ent.id, "launch", "first_launch")
        yield from _order(starts, launches, "program '" + program + "' {a.property} '{av}' is after the "
                          "launch '{bv}' of its mission '" + ent.id + "'")


def check_lifetime(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF305: events dated before the subject's (or its program's) founding."""
    dated = ctx.index_of(base).dates_by_subject
    for subject, dates in dated.items():
        claims = [c for c in dates if c.property not in ("founded", "started")]  # its events
        if not claims:
            continue
        founded = _dated(dated, subject, "founded")
        ent = base.entities.get(subject)
        program = ent.link("program") if ent else None
        checks = [(founded, f"'{subject}' was founded")]
        if program:
            checks.append((_dated(dated, program, "founded", "started"), f"its program '{program}' began"))
        for origin, whose in checks:
            if not origin:
                continue
            birth = min(origin, key=lambda c: c.value.earliest)
            born = birth.value.earliest
            related = None  # (birth.location,) and its label, made once for all of its findings
            for c in claims:
                if c.value.latest < born:
                    if related is None:
                        related, birth_label = (birth.location,), label(birth)
                    yield diagnostic("SF305", f"{c.property} '{label(c)}' of '{subject}' is before {whose} "
                                     f"('{birth_label}')", c.location, (c.id, birth.id), related=related)


# ---- SF306 ------------------------------------------------------------------------------


def check_cumulative(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF306: a later value entirely below an earlier one; sorted sweep per subject and key."""
    series: dict[tuple, list[tuple[Claim, object]]] = defaultdict(list)
    props = base.properties
    for c in ctx.index_of(base).counted:
        prop = props[c.property]
        if not (prop.cumulative and prop.type == QUANTITY and hasattr(c.value, "low")):
            continue
        if (d := as_of(c, base)) is not None:
            series[(c.subject, c.property, c.key, c.value.unit)].append((c, d))
    for items in series.values():
        by_end = sorted(items, key=lambda x: x[1].latest)
        best = None  # the earlier claim with the highest low bound among those dated entirely before
        i = 0
        for c, d in sorted(items, key=lambda x: x[1].earliest):
            while i < len(by_end) and by_end[i][1].latest < d.earliest:
                cand = by_end[i][0]
                if best is None or cand.value.low > best.value.low:
                    best = cand
                i += 1
            if best is not None and (c.value.high < best.value.low or
                                     (c.value.high == best.value.low and (c.value.high_open or best.value.low_open))):
                yield diagnostic("SF306", f"{c.property} of '{c.subject}' decreases from '{label(best)}' "
                                 f"(as of {as_of(best, base).text}) to '{label(c)}' (as of {d.text})",
                                 c.location, (best.id, c.id), related=(best.location,))


# ---- SF307 / SF308 -----------------------------------------------------------------------


def _same_time(a: Claim, b: Claim, base: FactBase) -> bool:
    da, db = as_of(a, base), as_of(b, base)
    return da is None or db is None or da.overlaps(db)


def _linked(base: FactBase, ctx: Context, link: str) -> Iterator[tuple[str, str, list[Claim], str, list[Claim]]]:
    """(subject, property id, its claims, target property id, the target's claims of that subject) for each
    property that names a target by `link` ("count_of", "sum_of"): usually a property or two."""
    targets = {p.id: getattr(p, link) for p in base.properties.values() if getattr(p, link)}
    if not targets:
        return
    wanted = {*targets, *targets.values()}  # only their claims are grouped
    by_sp = _by_subject_property(c for c in ctx.index_of(base).counted if c.property in wanted)
    for (subject, pid), claims in by_sp.items():
        if pid in targets:
            yield subject, pid, claims, targets[pid], by_sp.get((subject, targets[pid]), [])


def _by_subject_property(claims: Iterable[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """The claims by (subject, property id), each list in the claims' order (the few a rule needs grouped:
    no rule needs every claim so)."""
    out: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        out.setdefault((c.subject, c.property), []).append(c)
    return out


def check_count(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF307: a count_of quantity that does not contain the length of the list."""
    for subject, pid, counts, target, members in _linked(base, ctx, "count_of"):
        if base.properties.get(target) is None or base.properties[target].type != LIST:
            continue
        lists = [(m, len({name_key(x) for x in m.value}))  # (list claim, distinct members)
                 for m in members if isinstance(m.value, (tuple, list))]
        for n in counts:
            if not hasattr(n.value, "low"):
                continue
            for m, size in lists:
                if _same_time(n, m, base) and not n.value.contains(size):
                    yield diagnostic("SF307", f"{pid} of '{subject}' is '{label(n)}' but {target} lists {size}",
                                     n.location, (n.id, m.id), related=(m.location,))


def _instances(claims: Iterable[Claim], base: FactBase) -> list[tuple[float, float, float, float, tuple[str, ...]]]:
    """(earliest day, latest day, low, high, claim ids) of each keyed quantity instance, its claims taken
    together; an undated instance spans all time."""
    per_key: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if hasattr(c.value, "low") and c.key is not None:
            per_key[c.key].append(c)
    out = []
    for same in per_key.values():
        dates = [d for d in (as_of(c, base) for c in same) if d]
        out.append((min((d.earliest.toordinal() for d in dates), default=-math.inf),
                    max((d.latest.toordinal() for d in dates), default=math.inf),
                    max(c.value.low for c in same), min(c.value.high for c in same), tuple(c.id for c in same)))
    return out


def check_sum(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF308: instances (one per key) dated up to a total's as-of date must add up to it."""
    for subject, pid, totals, target, instances in _linked(base, ctx, "sum_of"):
        inst = _instances(instances, base)
        if not inst:
            continue
        inst = [i for i in inst if i[2] <= i[3]]  # keys whose own claims disagree are SF301's business
        by_start = sorted(inst, key=lambda i: i[0])
        by_end = sorted(inst, key=lambda i: i[1])
        starts = [i[0] for i in by_start]
        ends = [i[1] for i in by_end]
        high_prefix = list(accumulate((i[3] for i in by_start), initial=0.0))
        low_prefix = list(accumulate((i[2] for i in by_end), initial=0.0))
        for t in totals:
            if not hasattr(t.value, "low"):
                continue
            d = as_of(t, base)
            lo_day = d.earliest.toordinal() if d else math.inf
            hi_day = d.latest.toordinal() if d else math.inf
            certain = bisect.bisect_right(ends, lo_day)  # instances ended by the total's date
            possible = bisect.bisect_right(starts, hi_day)  # instances begun by then
            s_low, s_high = low_prefix[certain], high_prefix[possible]
            if t.value.high < s_low or t.value.low > s_high:
                ids = tuple(x for i in by_start[:possible] for x in i[4])
                shown = f"{s_low:g}" if s_low == s_high else f"{s_low:g} to {s_high:g}"
                yield diagnostic("SF308", f"{pid} of '{subject}' is '{label(t)}' but its {target} values "
                                 f"add up to {shown}", t.location, (t.id, *ids))


# ---- SF309 ------------------------------------------------------------------------------


def _meets(plan: Claim, outcome: Claim, prop: Property) -> bool:
    a, b = interval(plan, prop), interval(outcome, prop)
    if a is not None and b is not None:
        return a[0] <= b[1] and b[0] <= a[1]
    return name_key(str(plan.value)) == name_key(str(outcome.value))


def check_plans(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF309: plans whose deadline passed per a later source, with no confirming outcome."""
    published = [s for s in base.sources.values() if s.published is not None]
    if not published:
        return
    newest = max(published, key=lambda s: s.published.earliest)
    props = base.properties
    counted = ctx.index_of(base).counted
    due = [(c, props[c.property]) for c in counted
           if props[c.property].plan and c.when is not None and c.when.latest < newest.published.earliest]
    if not due:
        return
    subjects = {c.subject for c, _prop in due}  # only their claims can confirm a plan
    by_subject: dict[str, list[tuple[Claim, Property]]] = defaultdict(list)
    for c in counted:
        if c.subject in subjects:
            by_subject[c.subject].append((c, props[c.property]))
    for c, prop in due:
        unit = getattr(c.value, "unit", None)
        confirmed = any(
            (o.property in prop.confirmed_by if prop.confirmed_by else not p.plan and p.type == prop.type)
            and getattr(o.value, "unit", None) == unit
            and (d := as_of(o, base)) is not None and d.latest >= c.when.earliest and _meets(c, o, prop)
            for o, p in by_subject[c.subject]
        )
        if not confirmed:
            yield diagnostic("SF309", f"plan {prop.id} '{label(c)}' of '{c.subject}' by {c.when.text}: the "
                             f"deadline has passed (source '{newest.id}' published {newest.published.text}) "
                             "and no claim confirms it", c.location, (c.id,))


# ---- SF310 (a finalizing check: run after every other check) --------------------------------


def accepted_unused(base: FactBase, ctx: Context, found: Iterable[Diagnostic],
                    stages: tuple[str, ...]) -> list[Diagnostic]:
    """SF310 findings: `accepted` entries whose code produced no finding on their claim.

    `found`: every finding of the run before this check (the loader's too). Runs only in the "check"
    stage with SF310 selected (run_checks chooses it so); codes whose stage did not run, or that are
    not selected, are not judged.
    """
    judged = [(c, acc) for c in base.claims for acc in c.accepted
              if (rule_ := RULES.get(acc.code)) is not None and rule_.stage in stages
              and is_selected(acc.code, ctx.select, ctx.ignore)]
    # only the findings of a judged code naming a judged claim matter: no (id, code) pair built for the others
    claim_ids = {c.id for c, _ in judged}
    codes = {acc.code for _, acc in judged}
    produced = {(i, d.code) for d in found if d.code in codes for i in d.ids if i in claim_ids}
    return [diagnostic("SF310", f"claim '{c.id}' accepts {acc.code} but no {acc.code} finding names it",
                       acc.location or c.location, (c.id,))
            for c, acc in judged if (c.id, acc.code) not in produced]
