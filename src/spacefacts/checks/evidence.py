"""Evidence rules (SF2xx): every claim is tied to words in its source.

Two checks:
  source texts  (SF205, SF206, SF208)  find and read each source's local text once (kept in the run's
                                       index for the next check)
  claims        (SF201-SF204, SF207,   one pass over the claims: each quote read once
                 SF210)                (evidence.QuoteReading) and found once in its source's text
                                       (quotes.QuoteFinder); each rule decides on that reading

The pure layer they read lives in spacefacts.evidence (the reading of a quote: normalised text,
dates, numbers, relative dates, date cues; quote search) and spacefacts.quotes (the source texts, the
quotes' matches), which `spacefacts stats` uses too; SF210's rule in checks/qualifiers.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from pathlib import Path

from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.checks.context import Context
from spacefacts.checks.qualifiers import QualifierRule, cued_date_states
from spacefacts.dates import DateValue
from spacefacts.diagnostics import Diagnostic, diagnostic, is_selected
from spacefacts.evidence import (
    QuoteMatch,
    QuoteReading,
    RelativeMention,
    format_interval,
    overlaps_any,
    normal_phrase_in,
    quantity_in_numbers,
    states_plainly,
    text_in,
)
from spacefacts.model import DATE, ENTITY, LIST, QUANTITY, TEXT, Claim, FactBase, Property, Source
from spacefacts.quantities import Quantity, number_written
from spacefacts.quotes import QuoteFinder, SourceText, find_source_texts, match_quotes
from spacefacts.rules import MAX_QUOTE
from spacefacts.text import normalise, shorten

# ---- source texts (the layer in spacefacts.quotes, kept in the run's index) ----


def source_texts(base: FactBase, ctx: Context) -> tuple[dict[str, SourceText], list[Diagnostic]]:
    """Find, read and normalise every source's text once per run (kept in the run's index).

    Returns the texts by source id and the SF206/SF208 findings (SF208 for a file that is not
    found only when ctx.texts_dir names a folder). Never raises.
    """
    index = ctx.index_of(base)
    if index.texts is not None and index.base.sources is base.sources:
        return index.texts
    texts, problems = find_source_texts(base, ctx.texts_dir)
    diags = [diagnostic(p.code, p.message, base.sources[p.source].location, (p.source,)) for p in problems]
    index.texts = texts, diags
    return texts, diags


def claim_matches(base: FactBase, ctx: Context) -> list[QuoteMatch | None]:
    """quotes.match_quotes over this run's source texts (what SF201 finds, claim by claim)."""
    return match_quotes(base, source_texts(base, ctx)[0])


# ---- checks -------------------------------------------------------------------


def unverified(src: Source, claims: int, why: str) -> Diagnostic:
    """The SF205 finding of a source without a local text: `claims` of its claims have a quote
    nobody checked; data["claims"] holds the number, data["why"] the reason (report.py adds up two
    halves' numbers through here)."""
    quotes = f"{claims} quote{'' if claims == 1 else 's'}"
    return diagnostic("SF205", f"{quotes} not verified: source '{src.id}' has no local text ({why})",
                      src.location, (src.id,), data={"claims": claims, "why": why})


def _unverified_claims(base: FactBase, ctx: Context) -> tuple[dict[str, int], list[Claim]]:
    """The claims with a quote whose source has no local text: their number per source, and apart
    the claims that accept SF205 (the curator knows; each gets a finding of its own, accepted)."""
    texts, _ = source_texts(base, ctx)
    counts: dict[str, int] = {}
    accepting: list[Claim] = []
    missing = {sid for sid, st in texts.items() if st.text is None}
    for claim in base.claims if missing else ():  # (when every source has its text, no claim is unverified)
        if claim.source in missing and claim.quote.strip():
            if claim.accepted and any(a.code == "SF205" for a in claim.accepted):
                accepting.append(claim)
            else:
                counts[claim.source] = counts.get(claim.source, 0) + 1
    return counts, accepting


def check_source_texts(base: FactBase, ctx: Context) -> Iterable[Diagnostic]:
    """SF206, SF208: each source's text can be found and read, inside the fact file's tree.
    SF205: one finding per source without a local text whose claims have quotes, with their number
    (and one on each claim that accepts SF205, which finalize marks accepted)."""
    texts, found = source_texts(base, ctx)
    found = list(found)
    if is_selected("SF205", ctx.select, ctx.ignore):
        counts, accepting = _unverified_claims(base, ctx)
        found += [unverified(base.sources[sid], n, texts[sid].why) for sid, n in counts.items()]
        found += [diagnostic("SF205", f"quote not verified: source '{c.source}' has no local text "
                             f"({texts[c.source].why})", c.location, (c.id, c.source)) for c in accepting]
    return found


# The rules that read each claim's quote, by the part of the one pass that decides them.
_QUOTE_CODES = ("SF201", "SF204", "SF207")
_VALUE_CODES = ("SF202", "SF203")
CLAIM_CODES = (*_QUOTE_CODES, *_VALUE_CODES, "SF210")


def check_claims(base: FactBase, ctx: Context, codes: tuple[str, ...] = CLAIM_CODES) -> list[Diagnostic]:
    """SF201-SF204, SF207, SF210 (those of `codes` that are selected): one pass over the claims, each
    quote read once (evidence.QuoteReading: normalised, its dates, numbers and cues spotted when a rule
    first asks) and its match in the source's text found once (quotes.QuoteFinder); each rule then
    decides on what the reading holds, over a block of claims at a time (_BLOCK)."""
    on = {code: code in codes and is_selected(code, ctx.select, ctx.ignore) for code in CLAIM_CODES}
    quotes = on["SF201"] or on["SF204"] or on["SF207"]
    values = on["SF202"] or on["SF203"]
    texts = source_texts(base, ctx)[0] if quotes else {}
    finder = QuoteFinder(base, texts) if on["SF201"] else None
    qualifiers = QualifierRule(base) if on["SF210"] else None
    records: dict[str, object] = {}  # source id -> its record test (see _record_finder)
    keys: dict[str, tuple[str, ...]] = {}  # entity id -> its names normalised (see _entity_keys)
    props = _properties(base) if values else {}
    sf202, sf203 = on["SF202"], on["SF203"]
    kinds = QualifierRule.KINDS
    found: list[Diagnostic] = []
    claims = base.claims
    for first in range(0, len(claims), _BLOCK):
        block = claims[first:first + _BLOCK]
        readings = [QuoteReading(claim.quote) for claim in block]
        # each rule over the block in turn: its code stays in the CPU's caches for a block of claims
        if quotes:
            for claim, reading in zip(block, readings):
                # the usual case first: a quote not too long, found as it is in its source's text (no finding)
                if finder is None or len(claim.quote) > MAX_QUOTE or finder.position(claim.source, reading.low) < 0:
                    _quote_findings(base, claim, reading, on, texts, finder, records, found)
        if values:
            for claim, reading in zip(block, readings):
                if (d := _value_finding(base, claim, reading, sf202, sf203, keys, props)) is not None:
                    found += d
        if qualifiers is not None:
            for claim, reading in zip(block, readings):
                if type(claim.value) in kinds and (q := qualifiers.finding(claim, reading)):
                    found.append(q)
    return found


# Claims read at a time. Each rule judges a block's claims in turn rather than all rules one claim: in
# CPython 3.11 a function's bytecode and its inline caches are data, and one claim through every rule
# touches more of them than the CPU's first-level cache holds (cachegrind, lint of the 10k file: 25.9M
# D1 misses claim by claim, 22.7M by blocks of 256, 23.0M for the three separate checks before). A
# block's readings take about 100 KB.
_BLOCK = 256


def check_quotes(base: FactBase, ctx: Context) -> list[Diagnostic]:
    """SF201, SF204, SF207 alone: every claim has a short quote that is in its source's text
    (a source without a local text is SF205's business, once per source)."""
    return check_claims(base, ctx, _QUOTE_CODES)


def check_values(base: FactBase, ctx: Context) -> list[Diagnostic]:
    """SF202, SF203 alone: the quote states the claim's value, and its relative dates fit the claim's date."""
    return check_claims(base, ctx, _VALUE_CODES)


def _quote_findings(base: FactBase, claim: Claim, reading: QuoteReading, on: dict[str, bool],
                    texts: dict[str, SourceText], finder: QuoteFinder | None, records: dict,
                    found: list[Diagnostic]) -> None:
    """SF201, SF204, SF207 of one claim, added to `found`."""
    src = base.sources.get(claim.source)
    ids = (claim.id, claim.source)
    if not claim.quote.strip():
        # a claim citing its record in a catalogue or table has no sentence to quote
        if on["SF207"] and not claim.record and (src is None or src.kind != "reference"):
            found.append(diagnostic("SF207", "claim has no quote", claim.location, ids))
        if claim.record and on["SF201"] and src is not None and (test := _record_finder(texts, src.id, records)):
            if not test(claim.record):
                name = Path(texts[src.id].path or "").name
                found.append(diagnostic("SF201", f"record {claim.record!r} not found in {name}", claim.location, ids))
        return
    if on["SF204"] and len(claim.quote) > MAX_QUOTE:
        found.append(diagnostic("SF204", f"quote is {len(claim.quote)} characters long (at most {MAX_QUOTE})",
                                claim.location, ids))
    if src is None or finder is None or finder.exact(claim, reading):
        return  # an unknown source (the loader reports it), SF201 not selected, or the quote is in the text
    m = finder.match(claim, reading)
    if m is not None and not m.found:
        name = Path(texts[src.id].path or "").name
        if m.note:
            best = f"closest span scores {m.score:.0f} but {m.note}: '{shorten(m.span)}'"
        elif m.span:
            best = f"best match {m.score:.0f} < {finder.threshold:g}: '{shorten(m.span)}'"
        else:
            best = "text is empty"
        found.append(diagnostic("SF201", f"quote not found in {name} ({best})", claim.location, ids,
                                data={"score": round(m.score, 1), "best_match": m.span}))


_LINE_RECORD = re.compile(r"line (\d+)")


def _record_finder(texts: dict, source: str, finders: dict):
    """A test of whether a record ("1957 ALP", "line 12") is in a source's local text, built once per
    text (kept in `finders` by source id): its runs of one to four normalised words in a set, so each
    record costs a look-up. None when the source has no text."""
    if source in finders:
        return finders[source]
    found = texts.get(source)
    if found is None or found.text is None:
        finders[source] = None
        return None
    words = found.text.text.split()
    runs = {" ".join(words[i:i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)}
    lines = found.text.original.count("\n") + 1

    def test(record: str) -> bool:
        if m := _LINE_RECORD.fullmatch(record.strip()):
            return 1 <= int(m[1]) <= lines
        key = normalise(record)
        return key in runs if len(key.split()) <= 4 else key in found.text.text

    finders[source] = test
    return test


def _properties(base: FactBase) -> dict[str, Property]:
    """Every property by id, the file's over the built-in ones (read once a run: one look-up a claim)."""
    return {**BUILTIN_PROPERTIES, **base.properties}


_FUTURE = re.compile(r"\b(will|plans?|planned|planning|scheduled|expected|aims?|targets?|set to|by)\b", re.I)


def _relative(claim: Claim, reading: QuoteReading, src: Source | None, prop: Property | None
              ) -> tuple[bool, list[RelativeMention]]:
    """Whether the quote has relative dates, and those dates resolved against the source's
    publication date (empty when the source has no publication date)."""
    if not reading.may_be_relative():
        return False, []
    pub = src.published if src is not None else None
    if pub is not None and not (pub.open_start or pub.open_end):
        future = bool(prop and prop.plan) or _FUTURE.search(claim.quote) is not None
        try:
            rel = reading.relative_mentions((pub.earliest, pub.latest), future)
            return bool(rel), rel
        except (ValueError, OverflowError):  # a publication date at the ends of the calendar
            pass
    today = dt.date.today()
    return bool(reading.relative_mentions((today, today))), []


def _relative_mismatch(claim: Claim, src: Source, rel: list[RelativeMention], target: DateValue,
                       what: str) -> Diagnostic:
    said = "; ".join(f"'{r.text}' = {' or '.join(format_interval(iv) for iv in r.intervals) or '?'}" for r in rel)
    return diagnostic(
        "SF203", f"quote says {said} (published {src.published.text}), but the claim's {what} is {target.text}",
        claim.location, (claim.id, claim.source))


def _value_text(claim: Claim) -> str:
    raw = claim.raw
    if isinstance(raw, (list, tuple)):
        return ", ".join(map(str, raw))
    return str(raw)


def _value_finding(base: FactBase, claim: Claim, reading: QuoteReading, sf202: bool, sf203: bool,
                   keys: dict[str, tuple[str, ...]], props: dict[str, Property]) -> list[Diagnostic] | None:
    """SF202, SF203 of one claim: the quote states the claim's value, and its relative dates fit the
    claim's date. None when there is no finding (nearly every claim). `keys`: the run's _entity_keys;
    `props`: _properties(base)."""
    v = claim.value
    if v is None or claim.record or not claim.quote.strip():
        return None  # a record's fields are not prose: its quote (if any) need not state the value
    prop = props.get(claim.property)
    if prop is None:
        return None  # unknown property: reported by the loader
    if prop.type == DATE:
        if isinstance(v, DateValue):
            found = _check_date_value(base, claim, reading, v, prop)
            if found is not None:
                return [found]
        return None
    out = None
    if sf202 and not _value_in_quote(base, claim, reading, prop, keys):
        out = [diagnostic("SF202", f"value {_value_text(claim)!r} not found in quote", claim.location,
                          (claim.id, claim.source))]
    if not sf203 or not reading.may_be_relative():
        return out  # (the usual case: a quote without a relative date has no SF203 finding)
    # the claim's date: when, else as_of, else (as the format says) the source's publication date
    src = base.sources.get(claim.source)
    if claim.when is not None:
        target, what = claim.when, "when"
    elif claim.as_of is not None:
        target, what = claim.as_of, "as_of"
    else:
        target, what = (src.published if src else None), "date (no when or as_of)"
    if target is None:
        return out
    _, rel = _relative(claim, reading, src, prop)
    if rel and not any(overlaps_any((target.earliest, target.latest), r.intervals) for r in rel):
        return [*(out or ()), _relative_mismatch(claim, src, rel, target, what)]
    return out


def _check_date_value(base: FactBase, claim: Claim, reading: QuoteReading, v: DateValue, prop: Property
                      ) -> Diagnostic | None:
    """SF202, SF203 for a date property: a date written in the quote states the value, or else
    the quote's relative dates resolve to it. Returns the finding, if any (a plain return, not a
    generator: nearly every date claim has none)."""
    iv = (v.earliest, v.latest)
    if states_plainly(reading.text, iv, v.precision, _years(v)):
        return None  # the usual case: "in March 2013" for 2013-03, read without the date patterns
    if reading.date_stating(iv, v.precision) is not None:
        return None  # the quote's dates are spotted up to the first that fits
    if (v.open_start or v.open_end) and cued_date_states(reading, v):
        return None  # "before August 2024" states ../2024-07 (SF210's cues)
    src = base.sources.get(claim.source)
    present, rel = _relative(claim, reading, src, prop)
    if not present:
        said = ", ".join(m.text for m in reading.date_mentions()) or "none"
        return diagnostic("SF202", f"date {v.text} not found in quote (dates in quote: {said})",
                          claim.location, (claim.id, claim.source))
    if rel and not any(overlaps_any(iv, r.intervals) for r in rel):
        return _relative_mismatch(claim, src, rel, v, "date")
    return None


def _years(v: DateValue) -> tuple[int, ...]:
    """The years a quote may write the value with: those of its ends before widening ("2013~" is written 2013)."""
    first, last = v.strict or (v.earliest, v.latest)
    return (first.year,) if first.year == last.year else (first.year, last.year)


def _written(quote: str, value: float, low: float, high: float, range_: bool) -> bool:
    """quantity_in_numbers(value, low, high, range_, numbers_in_text(quote, words=False)) when the numbers are
    plainly written (quantities.number_written); False says nothing."""
    if range_ and math.isfinite(low) and math.isfinite(high):
        return number_written(quote, low) and number_written(quote, high)
    return number_written(quote, value)


def _entity_names(base: FactBase, name: str) -> tuple[str, ...]:
    """The entity's names; for an id this file does not define, the id itself, hyphens as spaces."""
    ent = base.entities.get(name)
    return (name, *ent.names) if ent else (name, name.replace("-", " "))


def _entity_keys(base: FactBase, name: str, keys: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """_entity_names normalised as phrase_in reads them, each entity's once per run (kept in `keys`)."""
    found = keys.get(name)
    if found is None:
        found = keys[name] = tuple(normalise(n) for n in _entity_names(base, name))
    return found


def _value_in_quote(base: FactBase, claim: Claim, reading: QuoteReading, prop: Property,
                    keys: dict[str, tuple[str, ...]]) -> bool:
    v = claim.value
    if prop.type == QUANTITY:
        if not isinstance(v, Quantity):
            return True  # not a parsed quantity: the loader reports it
        v = v.written or v  # the quote states the amount as written, not as converted into the property's unit
        args = (v.value, v.low, v.high, v.qualifier == "range")
        if _written(claim.quote, *args):
            return True  # the usual case: the number as written, read without the number patterns
        # Each step only adds numbers, so stopping at the first step that has the value gives the
        # same answer as reading them all: digits, then number words, then the normalised quote.
        if quantity_in_numbers(*args, reading.digit_numbers()):
            return True
        numbers = reading.numbers()
        if quantity_in_numbers(*args, numbers):
            return True
        return quantity_in_numbers(*args, numbers + reading.normal_numbers())  # "13 THOUSAND"
    if prop.type == ENTITY:
        quote = reading.low
        return any(normal_phrase_in(k, quote) for k in _entity_keys(base, str(v), keys))
    if prop.type == LIST:
        items = v if isinstance(v, (list, tuple)) else (v,)
        quote = reading.low
        return all(any(normal_phrase_in(k, quote) for k in _entity_keys(base, str(i), keys)) for i in items)
    if prop.type == TEXT:
        return text_in(str(v), reading.low, normalised=True)
    return True


__all__ = ["CLAIM_CODES", "check_claims", "check_quotes", "check_values", "claim_matches", "source_texts", "unverified"]
