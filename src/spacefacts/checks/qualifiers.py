"""SF210 qualifier-not-in-value: the qualifier a quote puts right before the value ("by 2030",
"more than 500") is carried by the value's form (`../2030`, `more than 500`).

Where the value is spoken is found as SF202 finds it (spacefacts.evidence's date mentions and
quantities' numbers); a cue counts only when it stands immediately before those words. The date cues
are read with the rest of the quote, once for all the rules (evidence.QuoteReading.date_cues, DATE_CUES
and cue_before live there); this module decides. The cues, and what each asks of the value:

    dates       before X / prior to X            ends the day before X begins      ../2024-07 for "before August 2024"
                by X / no later than X           ends when X ends                  ../1989 for "by the 1980s"
                until X / till X                 ends when X ends                  ../2030
                after X                          starts when X is over             2031/.. for "after 2030"
                since X                          starts with X                     2014/..
    quantities  around, about, approximately,    approximate (or a range)          around 13,000
                roughly, some, nearly, almost,
                circa
                more than, over, above,          a strict lower bound              more than 500
                exceed(s/ed/ing), in excess of,
                greater than
                at least, no fewer than,         a lower bound                     at least 50
                no less than, a minimum of
                up to, at most, no more than,    an upper bound                    up to 600
                not more than, a maximum of
                fewer than, less than, under,    a strict upper bound              fewer than 10
                below

"after X" excludes X as "before X" does: "by 2030" (../2030) and "after 2030" (2031/..) of one plan
then conflict, as the words do.

Where the cue does not apply: "since X" to a property that starts something (founded, started,
launch, first_launch, adopted, ...: the state began with it, so its date is X), "until X" to one that
ends something (dissolved, ended, expected_end, ...) and "not until X"; a value the quote also states
without a cue (the value may be read there); `when` and `as_of`, which say when, not what (a plan's
`when` is its deadline: "1,000 satellites by 2027" is `when = "2027"`).

The checks of dates also serve SF202: a value in the form a cue asks for (`../2024-07` for "before
August 2024") is stated by the quote, though it does not overlap the date written there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.dates import DateValue
from spacefacts.diagnostics import Diagnostic, diagnostic
from spacefacts.evidence import (DATE_CUES, DATE_PIECES, DateCue, DateMention, QuoteReading, cue_before, cue_words,
                                 date_compatible, has_any, number_in)
from spacefacts.model import Claim, FactBase, Property
from spacefacts.quantities import Quantity, numbers_in_text

# ---- the cues ------------------------------------------------------------------

# quantity cue -> the qualifiers (spacefacts.quantities.QUALIFIERS) a value may carry for it
_ABOUT, _MORE, _LEAST = ("about", "range"), ("more_than",), ("at_least",)
_MOST, _FEWER = ("at_most", "up_to"), ("fewer_than",)
QUANTITY_CUES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("around", "about", "approximately", "roughly", "some", "nearly", "almost", "circa"), _ABOUT),
    **dict.fromkeys(("more than", "over", "above", "exceed", "exceeds", "exceeded", "exceeding", "in excess of",
                     "greater than"), _MORE),
    **dict.fromkeys(("at least", "no fewer than", "no less than", "a minimum of"), _LEAST),
    **dict.fromkeys(("up to", "at most", "no more than", "not more than", "a maximum of"), _MOST),
    **dict.fromkeys(("fewer than", "less than", "under", "below"), _FEWER),
}
# what a value of each qualifier is, and how to write the form a cue asks for
_IS = {"exact": "exact", "about": "approximate", "range": "a range", "more_than": "a strict lower bound",
       "at_least": "a lower bound", "at_most": "an upper bound", "up_to": "an upper bound",
       "fewer_than": "a strict upper bound"}
_WRITE = {_ABOUT: "around", _MORE: "more than", _LEAST: "at least", _MOST: "up to", _FEWER: "fewer than"}


# Pieces of words every quantity cue has, for a quick test on the lower-cased quote that it may have one
# (most quotes have none; evidence.has_any). The patterns below fold case in ASCII only (re.A), so a
# quote without these pieces has no cue for them.
_QUANTITY_PIECES = ("around", "about", "approx", "roughly", "some", "nearly", "most", "circa", "than", "over",
                    "above", "exceed", "excess", "least", "mum", "up to", "under", "below")


# A quantity cue right before a number: digits (a currency may come between) or a word.
_CURRENCY = r"(?:us\$|\$|¥|€|£|(?:usd|rmb|cny|eur|gbp)\b ?)"
_QUANTITY_CUE = re.compile(rf"(?<![\w-])({cue_words(QUANTITY_CUES)}) (?=[\d.a-z$¥€£])", re.I | re.A)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?", re.A)
_SCALE_AFTER = re.compile(r" ?(?:thousand|million|billion|trillion|bn|mn|mln|tn)\b|[km]\b", re.I | re.A)
_CURRENCIES = frozenset(("us$", "$", "¥", "€", "£", "usd", "rmb", "cny", "eur", "gbp"))
_NUMBER_WORDS = re.compile(r"[a-z]+(?:[ -][a-z]+){0,4}")

# Words of a property's id or label that say it starts, or ends, a state (prefixes of words).
_STARTS = ("found", "establish", "start", "begin", "began", "first", "launch", "open", "incept", "incorporat",
           "creat", "introduc", "debut", "inaugur", "initiat", "adopt", "sign", "enact", "join", "took")
_ENDS = ("dissolv", "end", "ceas", "clos", "terminat", "retir", "withdr", "expir", "decommission", "deorbit",
         "abolish", "shut", "left", "last")
_SPLIT = re.compile(r"[\W_]+")


def _role(prop: Property | None, ends: set[str]) -> str:
    """"start", "end" or "": whether the property's date starts or ends a state. A property ordered
    `before` another starts one, a property another is ordered before ends one; else its words say."""
    if prop is None:
        return ""
    if prop.before:
        return "start"
    if prop.id in ends:
        return "end"
    words = _SPLIT.split(f"{prop.id} {prop.label}".lower())
    if any(w.startswith(_STARTS) for w in words):
        return "start"
    if any(w.startswith(_ENDS) for w in words):
        return "end"
    return ""


# ---- dates -----------------------------------------------------------------------


def fits(c: DateCue, v: DateValue) -> bool:
    """The value has the form the cue asks for."""
    day = dt.timedelta(days=1)
    if c.kind == "before":
        return v.latest == c.first - day
    if c.kind in ("by", "until"):
        return v.latest == c.last and v.earliest < c.first
    if c.kind == "since":
        return v.earliest == c.first and v.latest > c.last
    return v.earliest == c.last + day and v.latest > c.last  # after: once X is over, as "before" ends before X


def date_cues(quote: str) -> tuple[list[DateCue], list[DateMention]]:
    """The dates of the quote with a cue right before them, and those without one
    (evidence.QuoteReading.date_cues)."""
    return QuoteReading(quote).date_cues()


def cued_date_states(reading: QuoteReading, v: DateValue) -> bool:
    """The quote (read once for all the rules) states the date value through a cue: "before August
    2024" states `../2024-07` (SF202 asks this of a value no date of the quote overlaps)."""
    return any(fits(c, v) for c in reading.date_cues()[0])


def _point(d: dt.date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision in ("month", "part", "quarter"):
        return f"{d.year}-{d.month:02d}"
    return str(d.year)


def _expected(c: DateCue) -> str:
    return cued_form(c.kind, c.first, c.last, c.mention.precision)


def cued_form(kind: str, first: dt.date, last: dt.date, precision: str) -> str:
    """The value a date [first, last] of `precision` has after a cue of `kind` (before, by, until, after,
    since): "before August 2024" is ../2024-07, "by 2030" ../2030, "after 2030" 2031/.., "since the
    1980s" 1980s/..."""
    if kind == "before":
        return "../" + _point(first - dt.timedelta(days=1), precision)
    if kind in ("by", "until"):
        return "../" + _point(last, precision)
    start = last + dt.timedelta(days=1) if kind == "after" else first
    return (f"{start.year}s" if precision == "decade" else _point(start, precision)) + "/.."


def cue_keeps_date(kind: str, prop: Property | None, base: FactBase) -> bool:
    """The cue leaves the date as it is for this property: "since X" of one that starts a state
    (founded, started, ...), "until X" of one that ends it (see the module's doc)."""
    if kind not in ("since", "until"):
        return False
    ends = {p for q in (*BUILTIN_PROPERTIES.values(), *base.properties.values()) for p in q.before}
    return _role(prop, ends) == ("start" if kind == "since" else "end")


_NOT_SO = {"before": "does not end before it", "by": "does not end with it", "until": "does not end with it",
           "since": "does not start with it", "after": "does not start once it is over"}
_ITSELF = {"day": "the day itself", "month": "the month itself", "year": "the year itself",
           "decade": "the decade itself", "quarter": "the quarter itself"}


def _spoken_at(c: DateCue, v: DateValue) -> bool:
    """The value is read at this date of the quote, in another form than the cue asks for: a closed
    value that the date states (SF202's test), or an open one whose one end touches it."""
    day = dt.timedelta(days=1)
    if not (v.open_start or v.open_end):
        return date_compatible(c.mention, (v.earliest, v.latest), v.precision)
    end = v.latest if v.open_start else v.earliest
    return c.first - day <= end <= c.last + day


def _year_cue_fits(v: DateValue, low: str) -> bool:
    """A quick way to the common case of an open value whose end is a year that the quote gives with
    its cue ("by 2030" for ../2030, "since 2014" for 2014/..): the value fits that cue. (When this
    does not find one, date_cues reads the quote.)"""
    first, _, last = v.text.strip().partition("/")
    year = last if v.open_start else first
    if not (len(year) == 4 and year.isdigit()):
        return False
    y = int(year)
    if v.open_start:
        phrases = (f"by {y}", f"until {y}", f"till {y}", f"before {y + 1}")
    else:
        phrases = (f"since {y}", f"after {y - 1}")
    for phrase in phrases:
        at = low.find(phrase)
        end = at + len(phrase)
        if at >= 0 and (at == 0 or not low[at - 1].isalnum()) and not low[end:end + 1].isalnum() \
                and low[end:end + 1] not in ("-", "/"):
            return True
    return False


def _date_finding(claim: Claim, reading: QuoteReading, v: DateValue, base: FactBase, roles: dict[str, str],
                  ends: set[str]) -> str | None:
    if (v.open_start or v.open_end) and _year_cue_fits(v, reading.lower):
        return None
    cued, plain = reading.date_cues()
    if not cued or any(fits(c, v) for c in cued):
        return None
    pid = claim.property
    for c in cued:
        if c.negated or not _spoken_at(c, v):
            continue
        if c.kind in ("since", "until"):
            if pid not in roles:
                roles[pid] = _role(base.properties.get(pid) or BUILTIN_PROPERTIES.get(pid), ends)
            if roles[pid] == ("start" if c.kind == "since" else "end"):
                continue
        if not (v.open_start or v.open_end) and any(
                date_compatible(m, (v.earliest, v.latest), v.precision) for m in plain):
            return None  # the quote states the value without a cue too
        problem = _NOT_SO[c.kind] if v.open_start or v.open_end else "is " + _ITSELF.get(v.precision, "the date itself")
        return f"quote says '{c.cue} {c.mention.text}' but value '{claim.raw}' {problem}; write '{_expected(c)}'"
    return None


# ---- quantities ------------------------------------------------------------------


def _cued_numbers(quote: str) -> Iterator[tuple[str, str, float]]:
    """(cue, its words and the number as written, the number) for each number written in digits
    with a quantity cue right before it (a currency may stand between: "more than RMB 7 billion").
    The scan goes from digit to digit, and only a number with a cue is read."""
    for m in _DIGITS.finditer(quote):
        at = m.start()
        if at and (quote[at - 1].isalnum() or quote[at - 1] in ".,_"):
            continue  # inside a word or a number
        first = max(0, at - 32)
        head = quote[first:at].lower().split()
        if first and head:
            head.pop(0)  # may be cut
        currency = head.pop() if head and head[-1] in _CURRENCIES else ""
        for k in (3, 2, 1):
            cue = " ".join(head[-k:]).lstrip("([\"'") if len(head) >= k else ""
            if cue in QUANTITY_CUES:
                break
        else:
            continue
        scale = _SCALE_AFTER.match(quote, m.end())
        end = scale.end() if scale else m.end()
        symbol = currency[-1] if currency and currency[-1] in "$¥€£" else ""  # "$924m" is millions
        number = numbers_in_text(symbol + quote[at:end].lower(), words=False)
        if number:
            start = quote.lower().rfind(cue, first, at)
            yield cue, " ".join(quote[max(start, first):end].split()), number[0]


def _cued_number_words(reading: QuoteReading) -> Iterator[tuple[str, str, float]]:
    """As _cued_numbers, for numbers written in words ("more than twenty years")."""
    text = reading.text
    low = text.lower()
    for m in _QUANTITY_CUE.finditer(text):
        words = _NUMBER_WORDS.match(low, m.end())
        if words is None or not numbers_in_text(words[0].split(" ")[0]):
            continue  # "some of the", "over the years", or digits (read by _cued_numbers)
        nums = numbers_in_text(words[0])
        if nums:
            tokens = words[0].split(" ")  # the number's own words: the fewest that read as it
            k = next(k for k in range(1, len(tokens) + 1) if numbers_in_text(" ".join(tokens[:k]))[:1] == nums[:1])
            end = m.end() + len(" ".join(tokens[:k]))
            yield " ".join(m[1].lower().split()), text[m.start():end], nums[0]


def _written_as_is(value: str, low: str) -> bool:
    """The value's text, qualifier and all, is in the lower-cased quote as words of their own (and not
    as "more than 5" of "no more than 5")."""
    at = low.find(value)
    if at < 0 or (at and low[at - 1].isalnum()) or low.endswith(("no ", "not "), 0, at):
        return False
    end = at + len(value)
    after = low[end:end + 2]
    return not (after[:1].isdigit() or (after[:1] in (".", ",") and after[1:].isdigit()))  # not "500" of "5000"


def _as_number(raw: object) -> str:
    """The value as written, without its qualifier words: "more than 1,000" -> "1,000"."""
    text = str(raw)
    m = re.search(rf"{_CURRENCY}?\d", text, re.I)
    return text[m.start():] if m else text


def _quantity_finding(claim: Claim, reading: QuoteReading, v: Quantity) -> str | None:
    quote = claim.quote
    low = reading.lower
    if v.qualifier not in ("exact", "range") and _written_as_is(v.text.lower(), low):
        return None  # "more than 500" in the quote: its cue is the value's own (the usual case of a qualifier)
    if not has_any(low, _QUANTITY_PIECES):
        return None
    wrong: tuple[str, str, tuple[str, ...]] | None = None
    spotted = 0
    for numbers in (_cued_numbers(quote), _cued_number_words(reading)):
        for cue, said, n in numbers:
            if not number_in(v.value, [n]):
                continue
            spotted += 1
            allowed = QUANTITY_CUES[cue]
            if v.qualifier in allowed:
                return None
            if wrong is None:
                wrong = (said, allowed)
        if spotted:
            break  # the value is written in digits: its words need not be read
    if wrong is None:
        return None
    everywhere = reading.numbers() + reading.normal_numbers()
    if sum(number_in(n, [v.value]) for n in everywhere) > 2 * spotted:
        return None  # the quote states the value without a cue too
    said, allowed = wrong
    return (f"quote says '{said}' but value '{claim.raw}' is {_IS.get(v.qualifier, v.qualifier)}, "
            f"not {_IS[allowed[0]]}; write '{_WRITE[allowed]} {_as_number(claim.raw)}'")


# ---- the rule ----------------------------------------------------------------------


class QualifierRule:
    """SF210 for the claims of one fact base, one claim at a time: a qualifier cue right before the
    value in the quote ("by 2030", "more than 500") is carried by the value's form. The quote is read
    once for all the evidence rules (checks/evidence.py's pass hands over its QuoteReading)."""

    KINDS = (DateValue, Quantity)  # the kinds of value it reads (a claim of another has no finding)

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.ends = {p for prop in (*BUILTIN_PROPERTIES.values(), *base.properties.values()) for p in prop.before}
        self.roles: dict[str, str] = {}  # property id -> "start", "end" or "" (_role), found when first needed

    def finding(self, claim: Claim, reading: QuoteReading) -> Diagnostic | None:
        """The claim's SF210 finding, if any."""
        v = claim.value
        kind = type(v)
        if not claim.quote or claim.record:  # (a record's fields are not prose: as for SF202, they are not read)
            return None
        if kind is DateValue:
            if not (v.open_start or v.open_end) and not has_any(reading.lower, DATE_PIECES):
                return None  # the usual case: a closed date and no cue word, so no cue (reading.date_cues has none)
            msg = _date_finding(claim, reading, v, self.base, self.roles, self.ends)
        elif kind is Quantity:
            msg = _quantity_finding(claim, reading, v)
        else:
            return None
        return None if msg is None else diagnostic("SF210", msg, claim.location, (claim.id, claim.source))


__all__ = ["DATE_CUES", "QUANTITY_CUES", "DateCue", "QualifierRule", "cue_before", "cued_date_states",
           "cued_form", "date_cues", "fits"]
