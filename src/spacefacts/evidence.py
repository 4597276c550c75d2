"""Pure helpers behind the evidence rules (SF2xx): quote matching, values and dates
written in quotes, and relative dates resolved against a publication date.

Nothing here reads files or builds diagnostics (quotes.py reads the source texts,
checks/evidence.py builds the findings); normalisation is text.py's.
rapidfuzz and dateutil are imported inside the functions that use them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacefacts.quantities import numbers_in_text
from spacefacts.text import NormalText, normalise

Interval = tuple[dt.date, dt.date]  # closed [first day, last day]

# ---- quote matching -----------------------------------------------------------


class QuoteMatch(NamedTuple):  # a named tuple, not a frozen dataclass: one per claim, built at half the cost
    found: bool
    score: float  # 100 for an exact match
    exact: bool
    matched: str | tuple[NormalText, int, int] = ""  # the span, or where it is (looked up when asked)
    note: str = ""  # why a close match was still refused

    @property
    def span(self) -> str:
        """The best matching span of the original text ("" when the text is empty)."""
        m = self.matched
        return m if isinstance(m, str) else m[0].span(m[1], m[2])


def find_quote(quote: str, text: NormalText, threshold: float = 90.0, start: int = 0) -> QuoteMatch:
    """Find `quote` in a normalised text: exact (normalised) substring first, then
    rapidfuzz partial matching accepted at or above `threshold` (0-100). A quote with an
    ellipsis ("launched ... satellites") matches when each part is found, in order.

    An exact match is looked for from `start` first, then before it: a caller matching many
    quotes of one text in the order they appear there passes where the last one ended, and
    each search reads only the gap between them. (Any occurrence is an equally good match.)"""
    return find_normalised(normalise(quote), text, threshold, start)


def find_normalised(q: str, text: NormalText, threshold: float = 90.0, start: int = 0) -> QuoteMatch:
    """find_quote for a quote already normalised (QuoteReading.low)."""
    if not q:
        return QuoteMatch(False, 0.0, False, "")
    pos = text.text.find(q, start)
    if pos < 0 and start > 0:
        pos = text.text.find(q, 0, start + len(q) - 1)
    if pos >= 0:
        return QuoteMatch(True, 100.0, True, (text, pos, pos + len(q)))
    parts = [p.strip() for p in q.split("...") if p.strip()]
    if len(parts) > 1:
        return _find_parts(parts, text, threshold)
    return _fuzzy(q, text, threshold, 0)[0]


def _fuzzy(q: str, text: NormalText, threshold: float, start: int) -> tuple[QuoteMatch, int]:
    """Best partial match of normalised q in text.text[start:]; also returns where it ends."""
    hay = text.text[start:]
    pos = hay.find(q)
    if pos >= 0:
        return QuoteMatch(True, 100.0, True, (text, start + pos, start + pos + len(q))), start + pos + len(q)
    if not hay:
        return QuoteMatch(False, 0.0, False, ""), start
    from rapidfuzz import fuzz

    al = fuzz.partial_ratio_alignment(q, hay)
    a, b = al.dest_start, al.dest_end  # dest_* always index the second argument, the text
    a, b = _whole_words(hay, a, b)
    score = float(al.score)
    return QuoteMatch(score >= threshold, score, False, text.span(start + a, start + b)), start + b


def _whole_words(s: str, a: int, b: int) -> tuple[int, int]:
    """Widen [a, b) so it does not cut a word or a number ("13,000") in two."""

    def inner(i: int) -> bool:  # s[i] belongs to the word or number around it
        if s[i].isalnum():
            return True
        return s[i] in ",." and 0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()

    while 0 < a < len(s) and inner(a - 1) and inner(a):
        a -= 1
    while 0 < b < len(s) and inner(b) and inner(b - 1):
        b += 1
    return a, b


def _find_parts(parts: list[str], text: NormalText, threshold: float) -> QuoteMatch:
    """Each part of an elided quote, in order; the score is the worst part's."""
    start, scores, spans = 0, [], []
    for part in parts:
        m, start = _fuzzy(part, text, threshold, start)
        scores.append(m.score)
        spans.append(m.span)
        if not m.found:
            return QuoteMatch(False, min(scores), False, m.span)
    return QuoteMatch(True, min(scores), all(s == 100.0 for s in scores), " ... ".join(spans))


# ---- values in quotes ---------------------------------------------------------


def number_in(value: float, numbers: list[float]) -> bool:
    """True when `value` is one of `numbers` (up to float rounding)."""
    # an equal number is close: the quick test finds the usual case, written as the claim says
    return value in numbers or any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in numbers)


def quantity_in_numbers(value: float, low: float, high: float, range_: bool, numbers: list[float]) -> bool:
    """For a range both finite ends appear; otherwise the nominal value does."""
    if range_ and math.isfinite(low) and math.isfinite(high):
        return number_in(low, numbers) and number_in(high, numbers)
    return number_in(value, numbers)


def text_in(value: str, quote: str, normalised: bool = False) -> bool:
    """A text value is in the quote: whole, or its first comma-separated part, the most specific
    one ("Minhang District" of "Minhang District, Shanghai"). normalised=True: as for phrase_in."""
    if not normalised:
        quote = normalise(quote)
    return phrase_in(value, quote, True) or ("," in value and phrase_in(value.split(",")[0], quote, True))


def phrase_in(phrase: str, text: str, normalised: bool = False) -> bool:
    """Normalised `phrase` occurs in normalised `text` as whole words (no word character,
    in the sense of the regex \\w, right before or after it). normalised=True says `text` is
    normalise()d already (a caller testing many phrases against one text normalises it once)."""
    p = normalise(phrase)
    return bool(p) and normal_phrase_in(p, text if normalised else normalise(text))


def normal_phrase_in(p: str, t: str) -> bool:
    """phrase_in for a phrase and a text both normalise()d already (a caller testing one phrase
    against many texts normalises it once)."""
    if not p:
        return False
    i = t.find(p)
    while i >= 0:
        if not _word_char(t, i - 1) and not _word_char(t, i + len(p)):
            return True
        i = t.find(p, i + 1)
    return False


def _word_char(s: str, i: int) -> bool:
    return 0 <= i < len(s) and (s[i].isalnum() or s[i] == "_")


# ---- dates in quotes ----------------------------------------------------------

PRECISION_RANK = {"day": 0, "month": 1, "part": 2, "quarter": 2, "year": 3, "decade": 4, "interval": 5}


class DateMention(NamedTuple):  # a named tuple, like QuoteMatch: one per date found, cheaper to build
    """A date written in a quote. `year` is None for "Feb. 16" (take it from the claim)."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    precision: str  # day, month, part, quarter, year, decade
    first_month: int = 1  # for parts and quarters: the months covered
    last_month: int = 12

    def interval(self, year: int | None = None) -> Interval | None:
        """The closed interval this mention denotes (None when it is no real date)."""
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            if self.precision == "decade":
                return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
            if self.precision == "year":
                return dt.date(y, 1, 1), dt.date(y, 12, 31)
            if self.precision in ("part", "quarter"):
                return dt.date(y, self.first_month, 1), _month_end(y, self.last_month)
            if self.precision == "month":
                return dt.date(y, self.month, 1), _month_end(y, self.month)
            d = dt.date(y, self.month, self.day)
            return d, d
        except (ValueError, TypeError):
            return None


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_end(year: int, month: int) -> dt.date:
    """The month's last day (calendar.monthrange costs several times more: it finds the first weekday too).
    A month out of range raises ValueError, as dt.date does."""
    if month == 2:
        return dt.date(year, 2, 29 if calendar.isleap(year) else 28)
    return dt.date(year, month, _MONTH_DAYS[month - 1] if 1 <= month <= 12 else 1)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    from dateutil.parser import parserinfo

    not_rocket = r"(?<!Long )(?<!Long-)\b"  # "Long March" is a rocket
    names = sorted({n for group in parserinfo.MONTHS for n in group}, key=len, reverse=True)
    full_names = sorted({group[-1] for group in parserinfo.MONTHS} | {"Sept"}, key=len, reverse=True)
    month = not_rocket + r"(?P<mon>" + "|".join(names) + r")\b\.?"
    days = sorted({n for group in parserinfo.WEEKDAYS for n in group[1:]}, key=len, reverse=True)
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
    # a year is never an HHMM time of day: "1957 Oct  4 1928:34" (a launch log's line) has no year 1928
    year = r"(?P<year>(?:1[89]|20)\d{2})\b(?!:\d)"
    return {
        "iso": re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})(?:-(?P<day>\d{2}))?\b"),
        "month_day": re.compile(month + r"\s+" + day + r"(?:,?\s+" + year + r")?"),
        "day_month": re.compile(r"\b" + day + r"\s+(?:of\s+)?" + month + r"(?:,?\s+" + year + r")?"),
        "month_year": re.compile(month + r",?\s+(?:of\s+)?" + year),
        "part": re.compile(
            r"\b(?P<part>early|mid|late|end of|beginning of|start of|first half of|second half of"
            r"|spring|summer|autumn|fall)(?:\s+of)?[\s-]+(?:the\s+year\s+)?" + year,
            re.I,
        ),
        "quarter": re.compile(
            r"\b(?:Q(?P<q>[1-4])|(?P<qw>first|second|third|fourth) quarter(?:\s+of)?)\s+" + year,
            re.I,
        ),
        "decade": re.compile(r"\b(?P<dec>(?:1[89]|20)\d0)s\b"),
        "year": re.compile(r"(?<![\d.,$:])\b" + year + r"(?![\d]|[.,]\d)"),
        "month_alone": re.compile(not_rocket + r"(?P<mon>" + "|".join(full_names) + r")\b"),
        "weekday": re.compile(r"\b(?P<wd>" + "|".join(days) + r")\b"),
        # one scan that every relative date needs to pass: a month, a weekday or a unit word
        "relative": re.compile(r"\b(?:" + "|".join(full_names + days) + r")\b|(?i:" + _REL_UNITS.pattern + ")"),
        # the names of "relative" as plain words (no \b, case-sensitive): a fast necessary test (every name
        # starts with a capital letter, which sre skips to)
        "names": re.compile("|".join(full_names + days)),
        "month": re.compile(month),  # any month name: a quick test before the patterns above
        # the month names as plain words: sre finds these many times faster than `month` (whose
        # lookbehinds and \b keep it from skipping ahead), and a `month` match starts at one of them
        "month_names": re.compile("|".join(names)),
    }


_PARTS = {
    "early": (1, 4), "beginning of": (1, 4), "start of": (1, 4), "mid": (5, 8),
    "late": (9, 12), "end of": (9, 12), "first half of": (1, 6), "second half of": (7, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),  # northern hemisphere
}
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _fold(word: str) -> str:
    """Lower case as re.IGNORECASE matched it: "mıd" and "ſpring" are "mid" and "spring"."""
    return word.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


@lru_cache(maxsize=256)
def _month_number(name: str) -> int:
    return _parserinfo().month(name.rstrip(".")) or 0


@lru_cache(maxsize=1)
def _parserinfo():
    from dateutil.parser import parserinfo

    return parserinfo()


_DIGIT = re.compile(r"\d")
_YEARISH = re.compile(r"(?:1[89]|20)\d{2}\b")  # part of every pattern that needs a year
# In lower-cased ASCII text, what the part and quarter patterns need: a part word right before a space or
# dash ("mid-", "end of ", "first half of "), a quarter "Q1 " or "quarter" (then a year: tested apart)
_PART_WORDS = re.compile(r"(?:early|mid|late|end of|beginning of|start of|half of|spring|summer|autumn|fall)[\s-]")
_QUARTER_WORDS_LOW = re.compile(r"q[1-4]\s|quarter")
# where a part or a quarter can start in lower-cased ASCII text: the first word of each (a word inside
# another has no \b before it, and these words hold none of each other's starts after their first letter)
_PART_STARTS = re.compile(r"early|mid|late|end|beginning|start|first|second|spring|summer|autumn|fall")
_QUARTER_STARTS = re.compile(r"q|first|second|third|fourth")


def _date_kinds(text: str, pats: dict[str, re.Pattern[str]]) -> Iterator[tuple[str, Iterator[re.Match[str]]]]:
    """The kinds of date pattern that can match `text` (normalised: single spaces), in order of
    precedence, each with its matches as pats[kind].finditer(text) finds them: cheap necessary
    conditions spare most quotes most of the patterns, and a pattern that must start at a month's
    name is tried at those alone. (A pattern searched or matched from an offset still sees the text
    before it for its lookbehinds and \b, so it finds the same matches.) Lazy: a caller that stops at
    the first fitting date never pays for the tests of the kinds after it."""
    dash = text.find("-")
    if dash >= 0:
        yield "iso", pats["iso"].finditer(text, max(0, dash - 4))  # an ISO date has 4 digits before its first "-"
    first_year = _YEARISH.search(text)
    year = first_year is not None
    # month_day and month_year start with a month's name (where month_names finds one: a name inside
    # another word has no \b before it), day_month at most "31st of " (8 characters) before one
    first_name = pats["month_names"].search(text)
    if first_name is not None:
        names = [m.start() for m in pats["month_names"].finditer(text, first_name.start())]
        yield "month_day", _anchored(pats["month_day"], text, names)
        if any(_DIGIT.search(text, max(0, n - 8), n) for n in names):  # a day before a name at all
            days = [s for n in names for s in range(max(0, n - 8), n) if text[s].isdigit()]
            yield "day_month", _anchored(pats["day_month"], text, sorted(set(days)) if len(names) > 1 else days)
        if year:
            yield "month_year", _anchored(pats["month_year"], text, names)
    if year:
        if not text.isascii():  # re.I folds more than lower() outside ASCII: every match is searched for
            yield "part", pats["part"].finditer(text)
            yield "quarter", pats["quarter"].finditer(text)
        else:
            # in ASCII text a part or quarter starts where its first word does in the lower-cased text
            low = text.lower()
            if _PART_WORDS.search(low) is not None:
                yield "part", _anchored(pats["part"], text, [m.start() for m in _PART_STARTS.finditer(low)])
            if "q" in low and _QUARTER_WORDS_LOW.search(low) is not None:
                yield "quarter", _anchored(pats["quarter"], text, [m.start() for m in _QUARTER_STARTS.finditer(low)])
    if "0s" in text:
        yield "decade", pats["decade"].finditer(text)
    if year:
        yield "year", _year_matches(pats["year"], text, first_year)


def _year_matches(pat: re.Pattern[str], text: str, first: re.Match[str]) -> Iterator[re.Match[str]]:
    """pat.finditer(text) for the year pattern: tried where _YEARISH matches alone (where every year
    starts), from the first such match on."""
    at: re.Match[str] | None = first
    while at is not None:
        m = pat.match(text, at.start())
        if m is not None:
            yield m
        at = _YEARISH.search(text, m.end() if m is not None else at.start() + 1)


def _anchored(pat: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """pat.finditer(text), for a pattern whose every match starts at one of `starts` (increasing):
    tried at those positions alone, a match's end skipping the ones before it."""
    end = 0
    for start in starts:
        if start >= end and (m := pat.match(text, start)) is not None:
            yield m
            end = m.end()


def date_mentions(quote: str) -> list[DateMention]:
    """Absolute (or year-less day) dates written in a quote, in order of appearance.

    Month names must be capitalised (so "may" the verb is not May), and "Long March"
    is a rocket, not a month. Month names alone ("in December") are relative dates:
    see relative_mentions().
    """
    return [mention for _, mention in sorted(iter_date_mentions(quote), key=lambda t: t[0])]


def iter_date_mentions(quote: str) -> Iterator[tuple[int, DateMention]]:
    """The (offset, mention) pairs of date_mentions(), as they are found: by kind of date
    (the more specific first), not in order of appearance. A mention, once yielded, is one of
    date_mentions(), so a caller that needs one matching date can stop at the first."""
    return spot_dates(normalise(quote, lower=False))


def spot_dates(text: str) -> Iterator[tuple[int, DateMention]]:
    """iter_date_mentions of a quote already normalised with its case kept (QuoteReading.text):
    offsets are in `text`."""
    if not _DIGIT.search(text):
        return  # every form of date below has a digit
    pats = _patterns()
    taken: list[tuple[int, int]] = []
    for kind, matches in _date_kinds(text, pats):
        for m in matches:
            start, end = m.span()
            if taken and not _clear_of(taken, start, end):
                continue
            mention = _mention(kind, m)
            if mention is not None:
                taken.append((start, end))
                yield start, mention


def _clear_of(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """[start, end) overlaps none of the spans taken."""
    for a, b in taken:
        if end > a and start < b:
            return False
    return True


def _mention(kind: str, m: re.Match[str]) -> DateMention | None:
    s = m[0]
    if kind == "decade":  # the one pattern without a year group
        return DateMention(s, int(m["dec"]), None, None, "decade")
    y = m["year"]
    y = int(y) if y else None
    if kind == "year":
        return DateMention(s, y, None, None, "year")
    if kind == "iso":
        mon = int(m["mnum"])
        if not 1 <= mon <= 12:
            return None
        d = int(m["day"]) if m["day"] else None
        return DateMention(s, y, mon, d, "day" if d else "month")
    if kind == "month_year":
        return DateMention(s, y, _month_number(m["mon"]), None, "month")
    if kind in ("month_day", "day_month"):
        return DateMention(s, y, _month_number(m["mon"]), int(m["day"]), "day")
    if kind == "part":
        first, last = _PARTS[" ".join(_fold(m["part"]).split())]
        return DateMention(s, y, None, None, "part", first, last)
    q = int(m["q"]) if m["q"] else _QUARTER_WORDS[_fold(m["qw"])]  # quarter
    return DateMention(s, y, None, None, "quarter", 3 * q - 2, 3 * q)


def date_compatible(mention: DateMention, claim: Interval, claim_precision: str) -> bool:
    """The mention states the claim's date: the intervals overlap and the mention is at
    least as precise as the claim. A year-less mention takes the claim's year(s)."""
    if PRECISION_RANK.get(mention.precision, 5) > PRECISION_RANK.get(claim_precision, 5):
        return False
    y = mention.year
    if y is not None:  # the usual case: one interval
        if mention.precision == "year" and type(y) is int and 1 <= y <= 9999:
            return claim[0].year <= y <= claim[1].year  # (interval()'s answer, without building its dates)
        iv = mention.interval()
        return iv is not None and iv[0] <= claim[1] and claim[0] <= iv[1]
    for y in range(claim[0].year, claim[1].year + 1):
        iv = mention.interval(y)
        if iv and iv[0] <= claim[1] and claim[0] <= iv[1]:
            return True
    return False


# ---- a date written plainly: date_stating's usual answer without the patterns ---------------

_MONTH_OF = {name: i + 1 for i, name in enumerate((
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"))}
# Words that, right before a date, belong to no date pattern: no month's name, part, quarter, "of", "year",
# day or dash ends a pattern's text before its year or month, so none of these can.
_PLAIN_WORDS = frozenset(("in", "on", "around", "by", "since", "between", "and", "from", "to", "until", "before",
                          "after", "during", "about", "possibly", "perhaps"))


def _after_plain_word(text: str, end: int) -> bool:
    """text[end] is a space right after a word of _PLAIN_WORDS (itself at the start or after a space)."""
    return text[text.rfind(" ", 0, end) + 1:end] in _PLAIN_WORDS


def _plain_mention(text: str, at: int, year: int) -> DateMention | None:
    """The date around the year written at text[at:at + 4] that spot_dates surely yields, when it is in one
    of the plain forms right after a word of _PLAIN_WORDS: "in 2013", "in March 2013", "on 5 March 2013",
    "on March 5, 2013", "in early 2013", "in mid-2013", "in Q1 2013". Else None (nothing said).

    Why it is surely yielded (ASCII text, normalised: single spaces): the year is a whole number of four
    digits (a space or dash before it; a space, the end, or a comma or full stop not before a digit after
    it), so the kind's pattern matches there, and its scan reaches it (the patterns are tried at every
    year, month's name, part or quarter word, day before a name). Every pattern of a kind tried before it
    that could cover these words needs a dash after the year (iso), a month's name, day, part or quarter
    word, "of" or "year" right before the year or month's name, or a day right after a month's name:
    the plain word and the year's digits rule each out."""
    n = len(text)
    end = at + 4
    if at < 2 or (end < n and (text[end] not in " ,." or (text[end] != " " and text[end + 1:end + 2].isdigit()))):
        return None
    s = text[at:end]
    if text[at - 1] == "-":  # "mid-2013"
        if at >= 6 and text[at - 5:at - 1] == " mid" and _after_plain_word(text, at - 5):
            return DateMention("mid-" + s, year, None, None, "part", 5, 8)
        return None
    if text[at - 1] != " ":
        return None
    start = text.rfind(" ", 0, at - 1) + 1
    word = text[start:at - 1]
    if word in _PLAIN_WORDS:
        return DateMention(s, year, None, None, "year")
    if start < 2 or not _after_plain_word(text, start - 1):
        if (word.endswith(",") and 2 <= len(word) <= 3 and word[:-1].isdigit()) or word in _MONTH_OF:
            return _plain_day(text, start, word, s, year)
        return None
    if word == "early" or word == "late":
        first, last = _PARTS[word]
        return DateMention(f"{word} {s}", year, None, None, "part", first, last)
    if len(word) == 2 and word[0] == "Q" and word[1] in "1234":
        q = int(word[1])
        return DateMention(f"{word} {s}", year, None, None, "quarter", 3 * q - 2, 3 * q)
    month = _MONTH_OF.get(word)
    if month is not None:
        return DateMention(f"{word} {s}", year, month, None, "month")
    return None


def _plain_day(text: str, start: int, word: str, s: str, year: int) -> DateMention | None:
    """"on 5 March 2013" and "on March 5, 2013" for _plain_mention: `word` ("March" or "5,") starts at
    text[start] and is not right after a plain word."""
    if start < 2 or text[start - 1] != " ":
        return None
    first = text.rfind(" ", 0, start - 1) + 1
    before = text[first:start - 1]
    if first < 2 or text[first - 1] != " " or not _after_plain_word(text, first - 1):
        return None
    if word in _MONTH_OF:  # day, month, year
        if before.isdigit() and len(before) <= 2:
            return DateMention(f"{before} {word} {s}", year, _MONTH_OF[word], int(before), "day")
        return None
    month = _MONTH_OF.get(before)  # month, day, year
    return None if month is None else DateMention(f"{before} {word} {s}", year, month, int(word[:-1]), "day")


def states_plainly(text: str, value: Interval, precision: str, years: Iterable[int]) -> bool:
    """A quick sufficient test for date_stating: a date that spot_dates(text) yields, written in a plain
    form (_plain_mention) with one of `years` (the value's), or a decade ("in the 1990s"), states the
    value (date_compatible). False says nothing: ask date_stating. `text` normalised with its case kept."""
    if not text.isascii():
        return False
    for year in years:
        if not 1800 <= year <= 2099:
            continue
        s = str(year)
        at = text.find(s)
        while at >= 0:
            mention = _plain_mention(text, at, year)
            if mention is not None and date_compatible(mention, value, precision):
                return True
            at = text.find(s, at + 4)
        # a decade has no earlier kind that could cover it: "1990s" with a space before, no word after
        if year % 10 == 0 and PRECISION_RANK.get(precision, 5) >= PRECISION_RANK["decade"]:
            at = text.find(s + "s")
            if at >= 1 and text[at - 1] == " " and (at + 5 == len(text) or not _word_char(text, at + 5)) \
                    and date_compatible(DateMention(s + "s", year, None, None, "decade"), value, precision):
                return True
    return False


# ---- relative dates -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelativeMention:
    """A relative date in a quote and what it means for a given publication date."""

    text: str
    intervals: tuple[Interval, ...]  # any of these may be meant


_REL_WHICH = "this|last|next|past|previous|coming"
_REL_DAYS = "yesterday|tomorrow"
_REL_UNITS = re.compile(
    rf"\b(?P<which>{_REL_WHICH})\s+(?P<unit>year|month|week)\b|\b(?P<day>{_REL_DAYS})\b",
    re.I,
)
# The words _REL_UNITS needs, to look for in lower-cased ASCII text: a case-sensitive pattern of
# plain words is searched many times faster than the case-insensitive one with word boundaries.
_REL_WORDS = re.compile(f"{_REL_WHICH}|{_REL_DAYS}")
# The words every match of _REL_UNITS has one of, for substring tests on lower-cased ASCII text (a few
# such tests cost less than one scan of _REL_WORDS): its units, and the days' words
_REL_NEEDS = ("year", "month", "week", *_REL_DAYS.split("|"))


def _may_have_units(text: str) -> bool:
    """False when _REL_UNITS surely finds nothing in the text. Only for ASCII text: outside it
    re.IGNORECASE folds more than lower() does ("thiſ" is "this")."""
    return not text.isascii() or _REL_WORDS.search(text.lower()) is not None


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)


def _resolve_unit(which: str, unit: str, pub: Interval) -> Interval:
    e, l = pub
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}.get(which)
    if unit == "year":
        if which == "past":
            return e - dt.timedelta(days=365), l
        return dt.date(e.year + shift, 1, 1), dt.date(l.year + shift, 12, 31)
    if unit == "month":
        if which == "past":
            return _add_months(e, -1), l
        last = _add_months(l, shift)
        return _add_months(e, shift), _month_end(last.year, last.month)
    if which == "past":
        return e - dt.timedelta(days=7), l
    # week: calendar weeks from Monday
    mon_e = e - dt.timedelta(days=e.weekday())
    mon_l = l - dt.timedelta(days=l.weekday())
    return mon_e + dt.timedelta(weeks=shift), mon_l + dt.timedelta(weeks=shift, days=6)


_YEAR_AFTER = re.compile(r"\.?,?\s+(?:of\s+)?(?:1[89]|20)\d{2}\b")
_MONTH_YEAR_REL = re.compile(r"\.?,?\s+(?:of\s+)?(?P<which>last|this|next|the previous|the following)\s+year\b", re.I)
_YEAR_SHIFT = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}


def may_be_relative(quote: str) -> bool:
    """False when the quote surely has no relative date (a quick test before relative_mentions)."""
    return QuoteReading(quote).may_be_relative()


def relative_mentions(quote: str, published: Interval, future: bool = False) -> list[RelativeMention]:
    """Relative dates in a quote, resolved against the publication interval.

    "this/last/next year|month|week", "past year", "yesterday", "tomorrow",
    a weekday ("on Wednesday": that weekday within a week of publication), a month
    named without a day or year ("in December": the latest such month on or before
    publication; "next December", or future=True, the next one after it), and a month
    with a relative year ("in August last year").
    """
    return relative_in(normalise(quote, lower=False), published, future)


def relative_in(text: str, published: Interval, future: bool = False) -> list[RelativeMention]:
    """relative_mentions of a quote already normalised with its case kept (QuoteReading.text)."""
    pats = _patterns()
    if not pats["relative"].search(text):
        return []
    e, l = published
    found: list[tuple[int, RelativeMention]] = []
    consumed: list[tuple[int, int]] = []
    absolute_spans: list[tuple[int, int]] | None = None

    def absolute() -> list[tuple[int, int]]:
        """The spans of the absolute dates, found when first needed."""
        nonlocal absolute_spans
        if absolute_spans is None:
            absolute_spans = [m.span() for kind in ("iso", "month_day", "day_month", "month_year")
                              for m in pats[kind].finditer(text)]
        return absolute_spans

    def inside(m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
        return any(a <= m.start() and m.end() <= b for a, b in spans)

    for m in pats["month_alone"].finditer(text):
        if _YEAR_AFTER.match(text, m.end()) or inside(m, absolute()):
            continue
        mon = _month_number(m.group("mon"))

        def latest(p: dt.date) -> int:  # year of the latest such month on or before p
            return p.year if mon <= p.month else p.year - 1

        rel_year = _MONTH_YEAR_REL.match(text, m.end())
        before = text[max(0, m.start() - 5) : m.start()].lower()
        if rel_year:
            shift = _YEAR_SHIFT[" ".join(rel_year.group("which").lower().split())]
            years = list(range(e.year + shift, l.year + shift + 1))
            consumed.append((m.end(), rel_year.end()))
        elif before.endswith("next "):
            years = [latest(l) + 1]
        else:
            years = list(range(latest(e), latest(l) + 1))
            if future:
                years.append(years[-1] + 1)
        end = rel_year.end() if rel_year else m.end()
        ivs = tuple((dt.date(y, mon, 1), _month_end(y, mon)) for y in years)
        found.append((m.start(), RelativeMention(text[m.start() : end], ivs)))
    for m in _REL_UNITS.finditer(text) if _may_have_units(text) else ():
        if inside(m, consumed):
            continue
        if m.group("day"):
            step = dt.timedelta(days=-1 if _fold(m.group("day")) == "yesterday" else 1)
            ivs = ((e + step, l + step),)
        else:
            ivs = (_resolve_unit(_fold(m.group("which")), _fold(m.group("unit")), published),)
        found.append((m.start(), RelativeMention(m.group(0), ivs)))
    for m in pats["weekday"].finditer(text):
        if inside(m, absolute()) or any(0 <= a - m.end() <= 3 for a, _ in absolute()):
            continue  # "Wednesday, January 22": the absolute date says it
        wd = _parserinfo().weekday(m.group("wd"))
        days = []
        d = e - dt.timedelta(days=7)
        while d <= l + dt.timedelta(days=7):
            if d.weekday() == wd:
                days.append((d, d))
            d += dt.timedelta(days=1)
        found.append((m.start(), RelativeMention(m.group(0), tuple(days))))
    return [mention for _, mention in sorted(found, key=lambda t: t[0])]


def overlaps_any(claim: Interval, intervals: tuple[Interval, ...]) -> bool:
    """The claim's interval shares at least one day with one of the intervals."""
    return any(a <= claim[1] and claim[0] <= b for a, b in intervals)


def format_interval(iv: Interval) -> str:
    """Short text for an interval: 2025, 2024-12, 2025-02-14, or FIRST..LAST."""
    a, b = iv
    if a == b:
        return a.isoformat()
    if a.month == 1 and a.day == 1 and b.month == 12 and b.day == 31:
        return str(a.year) if a.year == b.year else f"{a.year}..{b.year}"
    if a.day == 1 and (a.year, a.month) == (b.year, b.month) and b == _month_end(b.year, b.month):
        return f"{a.year}-{a.month:02d}"
    return f"{a.isoformat()}..{b.isoformat()}"


# ---- vague time words ---------------------------------------------------------

_FEW = {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "couple of": 2}
_COUNT_WORDS = {w: i + 1 for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
_COUNT_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50})
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(sorted([*_COUNT_WORDS, *_FEW], key=len, reverse=True)) + r")"
_VAGUE = re.compile(
    r"\b(?:(?:over|in|during|for|within|throughout)\s+)?(?:the|these|those)\s+(?P<dir>past|last|previous|next|coming)"
    r"\s+(?:" + _COUNT + r"\s+)?(?P<unit>years?|decades?)\b"
    r"|\bwithin\s+(?:the\s+next\s+)?(?P<wn>" + _COUNT.removeprefix("(?P<n>") + r"\s+years?\b"
    r"|\bin\s+(?P<fn>a\s+few|" + "|".join(w for w in _COUNT_WORDS if w != "one") + r"|\d{1,2})\s+years(?:'|\s+from\s+now|\s+time)?"
    r"|\b(?P<upto>recent(?:ly)?|lately|(?<!the\s)(?<!its\s)(?<!an\s)earlier(?!\s+(?:than|this|last|that|in|on|at)\b))\b"
    r"|\b(?P<now>today|currently|nowadays|at\s+present|presently)\b",
    re.I,
)
_MAY_BE_VAGUE = re.compile(r"past|last|previous|next|coming|within|years|recent|lately|earlier|today|current|nowadays"
                           r"|present", re.I)


class VagueMention(NamedTuple):
    """A vague time word resolved against the publication: "the next five years" is the publication's
    year and the four after it, "over the past decade" the ten years before the publication's year,
    "in the coming years" from the publication's year on, "recent" / "earlier" up to the publication,
    "today" / "currently" the publication itself. `first` and `last` are the intervals its ends fall in
    (None for an open end)."""

    start: int  # offsets in the text given
    end: int
    first: Interval | None
    last: Interval | None


def may_be_vague(text: str) -> bool:
    """False when the text surely has no vague time word (a quick test before vague_mentions)."""
    return _MAY_BE_VAGUE.search(text) is not None


def _count(word: str) -> int:
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else _FEW.get(w) or _COUNT_WORDS[w]


def _years(a: int, b: int) -> tuple[Interval, Interval]:
    return (dt.date(a, 1, 1), dt.date(a, 12, 31)), (dt.date(b, 1, 1), dt.date(b, 12, 31))


def vague_mentions(text: str, published: Interval) -> list[VagueMention]:
    """The vague time words of a text (see VagueMention), resolved against the publication interval.
    Not read by SF202/SF203: the fact base's curators accept such values with a reason."""
    out = []
    y = published[1].year
    for m in _VAGUE.finditer(text):
        if m["dir"]:
            unit = m["unit"].lower()
            n = _count(m["n"]) if m["n"] else (3 if unit.endswith("s") else 1)
            if unit == "year" and not m["n"]:
                continue  # "the past year", "next year": relative_mentions reads them
            span = n * (10 if unit.startswith("decade") else 1)
            if m["dir"].lower() in ("next", "coming"):
                first, last = _years(y, y + span - 1)
                out.append(VagueMention(m.start(), m.end(), first, None if not m["n"] and unit == "years" else last))
            else:
                start = y - span
                if unit == "decades" and (not m["n"] or m["n"].lower().split()[-1] in _FEW):
                    start -= start % 10  # "the last few decades": from the start of a decade
                out.append(VagueMention(m.start(), m.end(), *_years(start, y - 1)))
        elif m["wn"] is not None:
            out.append(VagueMention(m.start(), m.end(), published, _years(y, y + _count(m["wn"]))[1]))
        elif m["fn"] is not None:
            n = _count(m["fn"])
            out.append(VagueMention(m.start(), m.end(), *_years(y + n - 1, y + n + 1)))
        elif m["upto"]:
            out.append(VagueMention(m.start(), m.end(), None, published))
        else:
            out.append(VagueMention(m.start(), m.end(), published, published))
    return out


# ---- the cue before a date ------------------------------------------------------

DATE_CUES: dict[str, str] = {
    "before": "before", "prior to": "before", "by": "by", "no later than": "by",
    "until": "until", "till": "until", "after": "after", "since": "since",
}


def cue_words(cues) -> str:
    """The cues as one regex alternation, longest first, a space in a cue matching a space."""
    return "|".join(re.escape(c).replace(r"\ ", " ") for c in sorted(cues, key=len, reverse=True))


def has_any(low: str, pieces: tuple[str, ...]) -> bool:
    """One of the pieces is in the lower-cased text (substring tests: a quick necessary condition
    before a case-insensitive search for cue words, which costs many times more)."""
    for piece in pieces:
        if piece in low:
            return True
    return False


# Pieces of words every date cue has; the patterns below fold case in ASCII only (re.A), so a quote
# without these pieces has no date cue.
DATE_PIECES = ("by", "before", "prior", "until", "till", "after", "since", "later")
# A date cue right before a date mention: the end of the text before the mention (normalised: single spaces).
_DATE_CUE_BEFORE = re.compile(rf"(?<![\w-])({cue_words(DATE_CUES)})(?: the)? ?\Z", re.I | re.A)
_NOT_UNTIL = re.compile(r"(?:\bnot|n't|\bnever|\bonly)\b(?:\s+\S+){0,3}\s+(?:until|till) ?(?:the )?\Z", re.I | re.A)


class DateCue(NamedTuple):
    """A date of the quote with a cue right before it."""

    cue: str  # as written, e.g. "By the"
    kind: str  # before, by, until, after, since
    mention: DateMention
    first: dt.date  # the date's interval
    last: dt.date
    negated: bool  # "not until X"


def cue_before(text: str) -> tuple[str, str, bool] | None:
    """The date cue that `text` (normalised: single spaces) ends with, as it stands right before a date:
    (the cue as written, its kind, whether it is negated: "not until"), or None."""
    m = _DATE_CUE_BEFORE.search(text[-20:])
    if m is None:
        return None
    kind = DATE_CUES[" ".join(m[1].lower().split())]
    return m[0].strip(), kind, kind == "until" and _NOT_UNTIL.search(text[-40:]) is not None


# ---- one quote, read once ---------------------------------------------------------


class QuoteReading:
    """One quote as the evidence rules read it, each part computed once: the quote normalised (case
    kept: `text`; lower-cased: `low`) and lower-cased as written (`lower`), which nearly every rule
    reads, at once; the dates written in it, its numbers, whether it may hold a relative date and the
    date cues before its dates when a rule first asks for them (most claims need a few). The rules of
    one claim (SF201-SF204, SF210) share one reading. Pure: it knows nothing of the claim or its source.
    """

    __slots__ = ("quote", "text", "low", "lower", "_dates", "_spotting", "_digits", "_numbers",
                 "_normal_numbers", "_relative", "_cues")

    def __init__(self, quote: str) -> None:
        self.quote = quote
        self.text = text = normalise(quote, lower=False)  # the text dates, relative dates and cues are read in
        # normalise(quote), in which quotes, names and phrases are matched: normalise lower-cases the text
        # it normalised with its case kept (text.py), for ASCII str.lower(); otherwise the whole of
        # normalise, to keep its special cases
        self.low = low = text.lower() if text.isascii() else normalise(quote)
        # as written: the quick tests for cue words (`low` itself when normalising left the quote as it was)
        self.lower = low if text is quote else quote.lower()
        self._dates: list[tuple[int, DateMention]] | None = None
        self._spotting: Iterator[tuple[int, DateMention]] | None = None  # while dates are left to spot
        self._digits = self._numbers = self._normal_numbers = None
        self._relative: bool | None = None
        self._cues: tuple[list[DateCue], list[DateMention]] | None = None

    def dates(self) -> list[tuple[int, DateMention]]:
        """The (offset in `text`, mention) pairs of iter_date_mentions: every date of the quote."""
        if self._spotting is not None or self._dates is None:
            found = self._dates if self._dates is not None else []
            found.extend(self._spotting if self._spotting is not None else spot_dates(self.text))
            self._dates, self._spotting = found, None
        return self._dates

    def date_stating(self, value: Interval, precision: str) -> DateMention | None:
        """The first date of the quote found (kind by kind, as iter_date_mentions) that states a date
        value [first, last] of `precision` (date_compatible), or None. Spots no further than that
        date: the others are spotted when a rule asks for them all (dates)."""
        found = self._dates
        if found is None:
            found = self._dates = []
            self._spotting = spot_dates(self.text)
        for _, mention in found:
            if date_compatible(mention, value, precision):
                return mention
        if self._spotting is not None:
            for pair in self._spotting:
                found.append(pair)
                if date_compatible(pair[1], value, precision):
                    return pair[1]
            self._spotting = None
        return None

    def date_mentions(self) -> list[DateMention]:
        """date_mentions(quote): every date, in order of appearance."""
        return [mention for _, mention in sorted(self.dates(), key=lambda t: t[0])]

    def digit_numbers(self) -> list[float]:
        """numbers_in_text(quote, words=False): the numbers written with digits (the cheap part)."""
        if self._digits is None:
            self._digits = numbers_in_text(self.quote, words=False)
        return self._digits

    def numbers(self) -> list[float]:
        """numbers_in_text(quote): every number the quote states, in digits or in words."""
        if self._numbers is None:
            self._numbers = numbers_in_text(self.quote)
        return self._numbers

    def normal_numbers(self) -> list[float]:
        """numbers_in_text(normalise(quote)): "13 THOUSAND" read in lower case."""
        if self._normal_numbers is None:
            self._normal_numbers = numbers_in_text(self.low)
        return self._normal_numbers

    def may_be_relative(self) -> bool:
        """False when the quote surely has no relative date (may_be_relative)."""
        if self._relative is None:
            quote, pats = self.quote, _patterns()
            if quote.isascii() and pats["names"].search(quote) is None and not has_any(self.lower, _REL_NEEDS):
                # Normalising ASCII text only collapses whitespace and turns ` into ': no name or word
                # appears that was not there, so the full pattern below cannot match either.
                self._relative = False
            else:
                self._relative = pats["relative"].search(self.text) is not None
        return self._relative

    def relative_mentions(self, published: Interval, future: bool = False) -> list[RelativeMention]:
        """relative_mentions(quote, published, future)."""
        return relative_in(self.text, published, future)

    def date_cues(self) -> tuple[list[DateCue], list[DateMention]]:
        """The dates of the quote with a date cue right before them ("by 2030", "before August 2024"),
        and those without one (both empty when the quote has no cue word)."""
        if self._cues is None:
            cued: list[DateCue] = []
            plain: list[DateMention] = []
            if has_any(self.lower, DATE_PIECES):
                text = self.text
                for offset, mention in self.dates():
                    cue = cue_before(text[max(0, offset - 40):offset])
                    iv = mention.interval()
                    if cue is None or iv is None:
                        plain.append(mention)
                        continue
                    cued.append(DateCue(cue[0], cue[1], mention, iv[0], iv[1], cue[2]))
            self._cues = cued, plain
        return self._cues
