"""Evidence rules (SF2xx): every claim is tied to words in its source.

Three check families share work through the run's index (ctx.index_of):
  source texts  (SF205, SF206, SF208)  find and read each source's local text once
  quotes        (SF201, SF204, SF207)  the quote is in the text
  values        (SF202, SF203)         the claim's value (and date) is in the quote

The pure matching helpers live in spacefacts.evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.dates import DateValue
from spacefacts.checks import Context, check, rule
from spacefacts.diagnostics import Diagnostic, Severity, diagnostic, is_selected
from spacefacts.errors import SpacefactsError
from spacefacts.evidence import (
    NormalText,
    QuoteMatch,
    RelativeMention,
    date_compatible,
    date_mentions,
    find_quote,
    format_interval,
    iter_date_mentions,
    may_be_relative,
    normalise,
    normalise_with_map,
    number_in,
    overlaps_any,
    phrase_in,
    quantity_in_numbers,
    relative_mentions,
    shorten,
    text_in,
)
from spacefacts.files import read_text
from spacefacts.model import DATE, ENTITY, LIST, QUANTITY, TEXT, Claim, FactBase, Property, Source
from spacefacts.quantities import Quantity, numbers_in_text

MAX_QUOTE = 200

# ---- rules --------------------------------------------------------------------

QUOTE_NOT_FOUND = rule(
    "SF201", "quote-not-found", Severity.ERROR, "The quote is not in the source's local text.",
    """
## What it does
Looks for the claim's `quote` in the local text of its source (the source's `text` file, or the file of
that name under `--texts DIR`). Both sides are normalised first: typographic quotes, apostrophes and
dashes become plain ones, runs of whitespace (line breaks too) become one space, and case is ignored.
An exact match of the normalised quote is accepted at once. Otherwise the best fuzzy match
(rapidfuzz `partial_ratio`, 0-100) must reach `quote_threshold` in `[settings]` (default 90).
A quote with an ellipsis (`...` or `…`) matches when each part is found, in order.
Fuzzy matching forgives typos in words, not in numbers: every number of the quote must be in the
matched span.

## Why it matters
A claim is only as good as its evidence. A quote that is not in the document was mistyped,
paraphrased, or taken from a different source, and nobody can check the claim against its words.

## Example
```toml
[[claims]]
quote = "launched 18 rockets into high Earth orbit"   # the text: "launched 18 satellites into low Earth orbit"
```
reports `quote not found in 003_5b93cdf9b358ea2b.txt (best match 76 < 90: 'launched 18 satellites into low
Earth orbit')`; `"launched 19 satellites into low Earth orbit"` scores 98 but is refused because the
text there has no 19.

## How to fix
Copy the words from the document verbatim, or point the claim at the source that says them.
Line breaks and curly quotes do not matter. Lower `quote_threshold` only for texts with OCR noise.
""")

VALUE_NOT_IN_QUOTE = rule(
    "SF202", "value-not-in-quote", Severity.ERROR, "The claim's value does not appear in its quote.",
    """
## What it does
Checks that the quote carries the claim's value. Quantities: the nominal number (or both ends of a range)
appears in any common written form (`13,000`, `13000`, `13 thousand`, `6.7 billion`, `eighteen`).
Dates: a date written in the quote (`Feb. 16`, `January 23, 2025`, `December 2024`, `2021`,
`early 2020`, `summer 2020`, `Q2 2016`) overlaps the claim's date and is at least as precise; a date without a year
takes the claim's year. Text values must appear as words (whole, or their first comma-separated part:
`Minhang District` for `Minhang District, Shanghai`), entity values under any of the entity's names,
list values item by item. When the quote gives the date only relatively ("last year"), SF203 checks it
instead.

## Why it matters
A quote that does not contain the value does not support the claim: the value was typed wrongly,
or the quote was cut from the wrong sentence.

## Example
```toml
[[claims]]
property = "launch"
value = "2021-03-16"
quote = "the rocket lifted off on Feb. 16"
```

## How to fix
Correct the value, or choose the sentence of the document that states it.
""")

RELATIVE_DATE_MISMATCH = rule(
    "SF203", "relative-date-mismatch", Severity.ERROR,
    "A relative date in the quote does not agree with the claim's date.",
    """
## What it does
Finds relative dates in the quote — `this year`, `last year`, `next year`, `this month`, `last week`,
`yesterday`, a weekday (`on Wednesday`), a month without a year (`in December`) — and resolves them
against the source's `published` date. The claim's date (its value for date properties, otherwise
`when`, else `as_of`, else the publication date itself) must overlap what the quote means.
A month named alone is the latest such month on or before publication (for plans and future
wording, also the next one); `August last year` and `next December` are resolved as written.

## Why it matters
Relative dates are the most common way a curated date goes wrong: "in December" in an article of
February 2025 is December 2024, not December 2025.

## Example
```toml
[sources.caixin-2025]
published = "2025-02"

[[claims]]
value = 648
when = "2024"
quote = "plans to add 648 satellites this year"    # this year = 2025
```

## How to fix
Date the claim by the article's publication date, or correct the source's `published` date.
""")

QUOTE_TOO_LONG = rule(
    "SF204", "quote-too-long", Severity.WARNING, f"The quote is longer than {MAX_QUOTE} characters.",
    f"""
## What it does
Warns when a claim's quote is longer than {MAX_QUOTE} characters.

## Why it matters
Quotes are short evidence, not copies of the document: a short quote is easy to check and keeps the
source's text out of the project.

## Example
A quote that copies a whole paragraph.

## How to fix
Keep the words that carry the value and cut the rest.
""")

QUOTE_NOT_VERIFIABLE = rule(
    "SF205", "quote-not-verifiable", Severity.INFO, "A source has no local text to check its claims' quotes.",
    """
## What it does
Notes, once per source, that the quotes of its claims cannot be checked because the source has no
readable local text, and how many they are: the source has no `text`, its file is not beside the fact
file and no texts folder was given, or the file was not found in the given folder (SF208), could not
be read (SF208) or was refused (SF206). The finding points at the source; no claim gets one of its own.

Like every info finding, it is hidden in the text and github reports unless `--show-info` (or
`--verbose`) is given; the summary on stderr counts these quotes instead:
`quotes not verified: 311 claims from 5 sources without local texts (--texts DIR)`.
JSON and SARIF list it (severity `info`, level `note`).

## Why it matters
Such quotes are taken on trust. Counting them shows how much of the fact base is verified.

## Example
```toml
[sources.wiki]
kind = "reference"
url = "https://en.wikipedia.org/wiki/Long_March_6"
```
with two quoted claims citing `wiki` reports
`2 quotes not verified: source 'wiki' has no local text (it names no text file)`.

## How to fix
Nothing is wrong. To verify the quotes, save the document and set the source's `text`, or pass
`--texts DIR`.
""")

TEXT_OUTSIDE_TREE = rule(
    "SF206", "text-outside-tree", Severity.ERROR,
    "A source's text path points outside the fact file's folder and was not read.",
    """
## What it does
Refuses a source `text` path that resolves outside the folder of the fact file: `..` segments,
absolute paths, or symbolic links that lead out. The file is not read. A file of the same name in
the folder given with `--texts DIR` is still used. The same holds for the `[settings] texts` folder:
one outside the fact file's folder tree is reported here and not read.

## Why it matters
A fact file should not make the tool read arbitrary files (`/etc/passwd`, a home directory) and show
pieces of them in its reports.

## Example
```toml
[sources.x]
text = "../../etc/passwd"

[settings]
texts = "/home"
```

## How to fix
Keep the texts beside the fact file, or name their folder explicitly with `--texts DIR`.
""")

MISSING_QUOTE = rule(
    "SF207", "missing-quote", Severity.WARNING, "The claim has no quote.",
    """
## What it does
Warns about a claim without a `quote`, unless its source is of kind `reference` (an official site or
standard reference, where there is no document text to quote).

## Why it matters
Without the source's words nobody can tell whether the source really says it.

## Example
```toml
[[claims]]
subject = "spacesail"
property = "satellites_in_orbit"
value = 72
source = "caixin-2025"
```

## How to fix
Add the short verbatim sentence part that states the value.
""")

TEXT_NOT_FOUND = rule(
    "SF208", "text-not-found", Severity.WARNING,
    "A source's text file is missing from the texts folder given, or could not be read.",
    """
## What it does
Warns when a texts folder is given (`--texts DIR`, or `[settings] texts`) and a source names a `text`
file that exists neither there, by file name, nor beside the fact file; and, with or without a texts
folder, when a source's text file exists but cannot be read as UTF-8 text.

Without a texts folder, a file that is not beside the fact file is not a warning: the texts are often
kept elsewhere (the shipped facts.toml's are in `../shared/seeds`). That source's quotes are then
counted by SF205 (an info finding, hidden by default) and by the summary line.

## Why it matters
Naming the folder says the texts should be there: a file missing from it is a wrong name, a file not
copied, or the wrong folder, and the quotes of that source go unchecked (SF205 counts them).

## Example
```toml
[sources.caixin-2025]
text = "003_5b93cdf9b358ea2b.txt"   # spacefacts lint --texts ../shared/seeds: not in that folder
```

## How to fix
Copy the file into the folder, fix the name, or point `--texts` at the right folder.
""")

# ---- finding and reading source texts ----------------------------------------


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source's local text as found for this run (None when there is none)."""

    path: str | None
    text: NormalText | None
    why: str = ""  # when there is no text: why, for SF205 ("it names no text file", ...)


def _read(key: Path, cache: dict[Path, NormalText]) -> NormalText:
    """The normalised text of the file at the resolved path `key`, read once per run."""
    if key not in cache:
        cache[key] = normalise_with_map(read_text(key))
    return cache[key]


def _find_text(src: Source, fact_dir: Path, texts_dir: str | None,
               read_cache: dict[Path, NormalText]) -> tuple[SourceText, Diagnostic | None]:
    """Look for one source's text: by file name in texts_dir first, then beside the fact file
    (only inside its folder tree). Returns the text and at most one SF206/SF208 finding."""
    candidates: list[Path] = []
    if texts_dir:
        candidates.append(Path(texts_dir) / Path(src.text).name)
    beside = fact_dir / src.text
    resolved = beside.resolve()  # resolved once: for the tree test and as the read cache's key
    inside = resolved.is_relative_to(fact_dir)
    if inside:
        candidates.append(beside)
    path = next((c for c in candidates if c.is_file()), None)
    name = shorten(src.text)
    if path is None:
        if not inside:
            return SourceText(None, None, "see SF206"), diagnostic(
                "SF206", f"text path '{name}' points outside the fact file's folder; not read "
                "(name its folder with --texts DIR to use it)", src.location, (src.id,))
        if not texts_dir:  # the texts may well be elsewhere: SF205 counts the quotes, no warning
            why = f"text file '{name}' is not beside the fact file; --texts DIR finds it elsewhere"
            return SourceText(None, None, why), None
        return SourceText(None, None, "see SF208"), diagnostic(
            "SF208", f"text file '{name}' not found in {texts_dir} or beside the fact file", src.location, (src.id,))
    try:
        return SourceText(str(path), _read(resolved if path is beside else path.resolve(), read_cache)), None
    except SpacefactsError as exc:
        return SourceText(str(path), None, "see SF208"), diagnostic(
            "SF208", f"text file '{name}' cannot be read: {exc.message}", src.location, (src.id,))


def source_texts(base: FactBase, ctx: Context) -> tuple[dict[str, SourceText], list[Diagnostic]]:
    """Find, read and normalise every source's text once per run (kept in the run's index).

    Returns the texts by source id and the SF206/SF208 findings (SF208 for a file that is not
    found only when ctx.texts_dir names a folder). Never raises.
    """
    index = ctx.index_of(base)
    if index.texts is not None and index.base.sources is base.sources:
        return index.texts
    texts: dict[str, SourceText] = {}
    diags: list[Diagnostic] = []
    read_cache: dict[Path, NormalText] = {}
    fact_dir = Path(base.path).parent.resolve()
    for src in base.sources.values():
        if not src.text:
            texts[src.id] = SourceText(None, None, "it names no text file")
            continue
        try:
            texts[src.id], found = _find_text(src, fact_dir, ctx.texts_dir, read_cache)
        except (OSError, ValueError) as exc:  # e.g. a NUL byte or an over-long name in the path
            texts[src.id] = SourceText(None, None, "see SF208")
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            found = diagnostic("SF208", f"text path '{shorten(src.text)}' cannot be used: {reason}",
                               src.location, (src.id,))
        if found is not None:
            diags.append(found)
    index.texts = texts, diags
    return texts, diags


_UNCHECKED = QuoteMatch(False, 0.0, False)  # no quote, or an unknown source: nothing to match


def claim_matches(base: FactBase, ctx: Context) -> list[QuoteMatch | None]:
    """For each claim of base.claims, in order: its quote's match in the source text, None when the
    source has no local text, _UNCHECKED when there is no quote or no such source. By position, not
    by id: a duplicate id (SF107) must not lend its match to the claim whose id it copies.
    Computed once per run (kept in the run's index)."""
    index = ctx.index_of(base)
    if index.quotes is not None and index.quotes[0] is base:
        return index.quotes[1]
    texts, _ = source_texts(base, ctx)
    threshold = base.settings.quote_threshold
    out: list[QuoteMatch | None] = []
    # Per source: where its last exact match ended, while its quotes come in the order of its
    # text (then each search reads only the gap to the next quote); -1 once one did not.
    resume: dict[str, int] = {}
    for claim in base.claims:
        if not claim.quote.strip() or claim.source not in base.sources:
            out.append(_UNCHECKED)
            continue
        st = texts.get(claim.source)
        if not st or st.text is None:
            out.append(None)
            continue
        start = resume.get(claim.source, 0)
        m = find_quote(claim.quote, st.text, threshold, max(start, 0))
        if m.exact and type(m.matched) is tuple and start >= 0:
            resume[claim.source] = m.matched[2] if m.matched[1] >= start else -1
        out.append(_numbers_agree(claim.quote, m))
    index.quotes = base, out
    return out


def quote_matches(base: FactBase, ctx: Context) -> dict[str, QuoteMatch | None]:
    """For each claim id with a quote: its match in the source text, or None when the source has
    no local text (for a duplicate id, the first claim's)."""
    out: dict[str, QuoteMatch | None] = {}
    for claim, m in zip(base.claims, claim_matches(base, ctx)):
        if m is not _UNCHECKED:
            out.setdefault(claim.id, m)
    return out


def _numbers_agree(quote: str, m: QuoteMatch) -> QuoteMatch:
    """Fuzzy matching forgives typos in words, not in numbers: a close match whose span lacks
    a number of the quote ("19" where the text says "18") is refused."""
    if not m.found or m.exact:
        return m
    in_span = numbers_in_text(m.span) + numbers_in_text(normalise(m.span))
    missing = [n for n in numbers_in_text(quote) if not number_in(n, in_span)]
    if not missing:
        return m
    return m._replace(found=False, note=f"the text there has no {_fmt_number(missing[0])}")


def _fmt_number(n: float) -> str:
    return f"{n:,.0f}" if n == int(n) else f"{n:,g}"


def verified_claims(base: FactBase, ctx: Context) -> set[str]:
    """Ids of the claims whose quote was found in their source's local text."""
    return {cid for cid, m in quote_matches(base, ctx).items() if m is not None and m.found}


def has_texts(base: FactBase, ctx: Context) -> bool:
    """True when at least one source's local text could be read."""
    return any(st.text is not None for st in source_texts(base, ctx)[0].values())


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
    for claim in base.claims:
        st = texts.get(claim.source)
        if st is not None and st.text is None and claim.quote.strip():
            if claim.accepted and any(a.code == "SF205" for a in claim.accepted):
                accepting.append(claim)
            else:
                counts[claim.source] = counts.get(claim.source, 0) + 1
    return counts, accepting


@check(TEXT_OUTSIDE_TREE, TEXT_NOT_FOUND, QUOTE_NOT_VERIFIABLE)
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


@check(QUOTE_NOT_FOUND, QUOTE_TOO_LONG, MISSING_QUOTE)
def check_quotes(base: FactBase, ctx: Context) -> Iterator[Diagnostic]:
    """SF201, SF204, SF207: every claim has a short quote that is in its source's text
    (a source without a local text is SF205's business, once per source)."""
    on = {code: is_selected(code, ctx.select, ctx.ignore) for code in ("SF201", "SF204", "SF207")}
    matches = claim_matches(base, ctx) if on["SF201"] else None
    texts, _ = source_texts(base, ctx)
    threshold = base.settings.quote_threshold
    for n, claim in enumerate(base.claims):
        src = base.sources.get(claim.source)
        ids = (claim.id, claim.source)
        if not claim.quote.strip():
            if on["SF207"] and (src is None or src.kind != "reference"):
                yield diagnostic("SF207", "claim has no quote", claim.location, ids)
            continue
        if on["SF204"] and len(claim.quote) > MAX_QUOTE:
            yield diagnostic("SF204", f"quote is {len(claim.quote)} characters long (at most {MAX_QUOTE})",
                             claim.location, ids)
        if src is None or matches is None:
            continue  # an unknown source (the loader reports it), or SF201 not selected
        m = matches[n]
        if m is not None and not m.found:
            name = Path(texts[src.id].path or "").name
            if m.note:
                best = f"closest span scores {m.score:.0f} but {m.note}: '{shorten(m.span)}'"
            elif m.span:
                best = f"best match {m.score:.0f} < {threshold:g}: '{shorten(m.span)}'"
            else:
                best = "text is empty"
            yield diagnostic("SF201", f"quote not found in {name} ({best})", claim.location, ids,
                             data={"score": round(m.score, 1), "best_match": m.span})


def _property(base: FactBase, pid: str) -> Property | None:
    return base.properties.get(pid) or BUILTIN_PROPERTIES.get(pid)


_FUTURE = re.compile(r"\b(will|plans?|planned|planning|scheduled|expected|aims?|targets?|set to|by)\b", re.I)


def _relative(claim: Claim, src: Source | None, prop: Property | None) -> tuple[bool, list[RelativeMention]]:
    """Whether the quote has relative dates, and those dates resolved against the source's
    publication date (empty when the source has no publication date)."""
    if not may_be_relative(claim.quote):
        return False, []
    pub = src.published if src is not None else None
    if pub is not None and not (pub.open_start or pub.open_end):
        future = bool(prop and prop.plan) or _FUTURE.search(claim.quote) is not None
        try:
            rel = relative_mentions(claim.quote, (pub.earliest, pub.latest), future)
            return bool(rel), rel
        except (ValueError, OverflowError):  # a publication date at the ends of the calendar
            pass
    today = dt.date.today()
    return bool(relative_mentions(claim.quote, (today, today))), []


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


@check(VALUE_NOT_IN_QUOTE, RELATIVE_DATE_MISMATCH)
def check_values(base: FactBase, ctx: Context) -> Iterator[Diagnostic]:
    """SF202, SF203: the quote states the claim's value, and its relative dates fit the claim's date."""
    sf202, sf203 = (is_selected(code, ctx.select, ctx.ignore) for code in ("SF202", "SF203"))
    for claim in base.claims:
        if not claim.quote.strip() or claim.value is None:
            continue
        prop = _property(base, claim.property)
        if prop is None:
            continue  # unknown property: reported by the loader
        src = base.sources.get(claim.source)
        if prop.type == DATE:
            if isinstance(claim.value, DateValue):
                found = _check_date_value(claim, claim.value, src, prop)
                if found is not None:
                    yield found
            continue
        if sf202 and not _value_in_quote(base, claim, prop):
            yield diagnostic("SF202", f"value {_value_text(claim)!r} not found in quote", claim.location,
                             (claim.id, claim.source))
        # the claim's date: when, else as_of, else (as the format says) the source's publication date
        if claim.when is not None:
            target, what = claim.when, "when"
        elif claim.as_of is not None:
            target, what = claim.as_of, "as_of"
        else:
            target, what = (src.published if src else None), "date (no when or as_of)"
        if target is None or not sf203:
            continue
        _, rel = _relative(claim, src, prop)
        if rel and not any(overlaps_any((target.earliest, target.latest), r.intervals) for r in rel):
            yield _relative_mismatch(claim, src, rel, target, what)


def _check_date_value(claim: Claim, v: DateValue, src: Source | None, prop: Property) -> Diagnostic | None:
    """SF202, SF203 for a date property: a date written in the quote states the value, or else
    the quote's relative dates resolve to it. Returns the finding, if any (a plain return, not a
    generator: nearly every date claim has none)."""
    iv = (v.earliest, v.latest)
    for _, m in iter_date_mentions(claim.quote):
        if date_compatible(m, iv, v.precision):
            return None  # stops at the first date that fits
    present, rel = _relative(claim, src, prop)
    if not present:
        said = ", ".join(m.text for m in date_mentions(claim.quote)) or "none"
        return diagnostic("SF202", f"date {v.text} not found in quote (dates in quote: {said})",
                          claim.location, (claim.id, claim.source))
    if rel and not any(overlaps_any(iv, r.intervals) for r in rel):
        return _relative_mismatch(claim, src, rel, v, "date")
    return None


def _entity_names(base: FactBase, name: str) -> tuple[str, ...]:
    """The entity's names; for an id this file does not define, the id itself, hyphens as spaces."""
    ent = base.entities.get(name)
    return (name, *ent.names) if ent else (name, name.replace("-", " "))


def _value_in_quote(base: FactBase, claim: Claim, prop: Property) -> bool:
    v = claim.value
    if prop.type == QUANTITY:
        if not isinstance(v, Quantity):
            return True  # not a parsed quantity: the loader reports it
        args = (v.value, v.low, v.high, v.qualifier == "range")
        # Each step only adds numbers, so stopping at the first step that has the value gives the
        # same answer as reading them all: digits, then number words, then the normalised quote.
        numbers = numbers_in_text(claim.quote, words=False)
        if quantity_in_numbers(*args, numbers):
            return True
        numbers = numbers_in_text(claim.quote)
        if quantity_in_numbers(*args, numbers):
            return True
        return quantity_in_numbers(*args, numbers + numbers_in_text(normalise(claim.quote)))  # "13 THOUSAND"
    if prop.type == ENTITY:
        quote = normalise(claim.quote)  # once for all of the entity's names
        return any(phrase_in(n, quote, normalised=True) for n in _entity_names(base, str(v)))
    if prop.type == LIST:
        items = v if isinstance(v, (list, tuple)) else (v,)
        quote = normalise(claim.quote)
        return all(any(phrase_in(n, quote, normalised=True) for n in _entity_names(base, str(i))) for i in items)
    if prop.type == TEXT:
        return text_in(str(v), claim.quote)
    return True


__all__ = ["SourceText", "claim_matches", "has_texts", "quote_matches", "source_texts", "unverified",
           "verified_claims"]
