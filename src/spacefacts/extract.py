"""Statements in a document: the dates and numbers each sentence states, linked to a subject (an
entity named in the sentence) and a property (through the property's cue words), as candidate claims.

Pure functions over a FactBase and a text. Dates are spotted by spacefacts.evidence (the same
spotting the SF2xx rules use), quantities by a pattern built on the words of spacefacts.quantities,
then parsed by parse_date / parse_quantity. Every proposed value goes through the SF202/SF203 check
(checks.evidence.check_values) before it is proposed: a value its quote does not state is never
proposed, its statement is listed as unlinked with the reason.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacefacts.dates import DateValue, parse_date
from spacefacts.document import Sentence, split_sentences
from spacefacts.evidence import (DateMention, iter_date_mentions, may_be_relative, may_be_vague, relative_mentions,
                                 vague_mentions)
from spacefacts.model import DATE, DEPRECATED, QUANTITY, Claim, FactBase, Location, Property, Source
from spacefacts.quantities import _QUALIFIER_WORDS, QuantityError, parse_quantity
from spacefacts.text import name_compact, name_key, normalise_with_map

MAX_QUOTE = 200
DOCUMENT_SOURCE = "document"  # the source id of a document checked with --published only

# ---- statements ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A date or a number as the sentence writes it, with the value it stands for."""

    kind: str  # "date" or "quantity"
    text: str  # as written
    start: int  # offsets in the sentence
    end: int
    value: str  # the claim value: a date text parse_date reads, or a quantity text parse_quantity reads
    relative: bool = False  # a relative date, resolved against the publication date
    deadline: bool = False  # "by 2027": a plan's deadline
    note: str = ""  # a conversion written beside an amount, a dozen = 12, ...
    anchor: tuple[int, int] | None = None  # "one year after China": (sentence index, start) of the date it counts from
    cued: tuple[str, str] | None = None  # "since 2014": the cue's kind and the date's own value (2014)
    vague: bool = False  # "the next five years", "recent": resolved against the publication, its note says how


@dataclass(frozen=True, slots=True)
class Statement:
    """One mention of one sentence and the claim it proposes (subject and property None when unlinked)."""

    sentence: Sentence
    mention: Mention
    quote: str
    subject: str | None = None
    property: str | None = None
    when: str | None = None  # for a quantity: the date it is stated at (a plan's deadline)
    as_of: str | None = None
    hedged: bool = False
    confidence: float = 0.0
    key: str | None = None  # of a many-valued property: the base's key of the same event, when one fits
    id: str = ""
    why: str = ""  # for an unlinked statement: what is missing

    @builtins.property  # (the field `property` hides the builtin in the class body)
    def linked(self) -> bool:
        return self.subject is not None and self.property is not None and not self.why


@dataclass
class Extraction:
    source: Source
    statements: list[Statement] = field(default_factory=list)

    @property
    def linked(self) -> list[Statement]:
        return [s for s in self.statements if s.linked]


# ---- dates ----------------------------------------------------------------------------------------

_HEDGE = re.compile(
    r"\b(?:(?:is|are|was|were) (?:said|reported|expected|believed|set|scheduled|slated) to|reportedly|allegedly|"
    r"plans? to|planned to|planning to|aims? to|aimed at|aiming (?:to|at)|intends? to|would|could|might|anticipates?|"
    r"claims?|claimed|hopes? to|seeks? to|envisag\w+|expects?)\b"
)
_PLAN = re.compile(r"\b(?:plans?|planned|aims?|aiming|target\w*|goal|expected|scheduled|will|would|by)\b", re.I)
_END_OF_YEAR = re.compile(r"\b(?:by |before )?(?:the )?end of (?:the|this|next|last) year\b", re.I)
_RANGE_START = re.compile(r"\b(?:between|from)\s+$", re.I)
_RANGE_JOIN = re.compile(r"\s+(?:and|to|until)\s+")
_AROUND = re.compile(r"\b(?:around|about|circa|c\.|approximately|roughly)\s+$", re.I)
_PAREN_RANGE = re.compile(r"\((?:1[89]|20)\d\d\s?[-–]\s?(?:1[89]|20)\d\d\)")


def _ranges(sentence: str, dates: list[Mention]) -> list[Mention]:
    """ "between 2013 and 2020", "from 2019 to mid-2022": one interval, not two dates; "around 2020":
    approximate."""
    out: list[Mention] = []
    i = 0
    while i < len(dates):
        a = dates[i]
        b = dates[i + 1] if i + 1 < len(dates) else None
        lead = _RANGE_START.search(sentence[: a.start])
        if b is not None and lead and _RANGE_JOIN.fullmatch(sentence[a.end : b.start]) and not (a.relative or b.relative):
            out.append(Mention("date", sentence[lead.start() : b.end], lead.start(), b.end, f"{a.value}/{b.value}"))
            i += 2
            continue
        if b is not None and _PAREN_RANGE.fullmatch(sentence[max(0, a.start - 1) : b.end + 1]) and a.value.isdigit() \
                and b.value.isdigit():  # "Xu Dazhe (2014-2016)": a term, one interval
            out.append(Mention("date", sentence[a.start : b.end], a.start, b.end, f"{a.value}/{b.value}"))
            i += 2
            continue
        if not a.relative and "/" not in a.value and _AROUND.search(sentence[: a.start]):
            a = replace(a, value=f"{a.value}~")
        out.append(a)
        i += 1
    return out
_BY = re.compile(r"\b(?:by|no later than)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I)


_DECADE_PART = re.compile(r"\b(early|mid|late)[- ]?$", re.I)
_DECADE_YEARS = {"early": (0, 4), "mid": (4, 6), "late": (5, 9)}  # as the base's curators read them


def _decade_parts(sentence: str, dates: list[Mention]) -> list[Mention]:
    """ "the mid-1950s" is 1954/1956, "the late 1980s" 1985/1989, "the early 2000s" 2000/2004: a part of
    a decade, not the decade."""
    out = []
    for d in dates:
        m = _DECADE_PART.search(sentence, max(0, d.start - 6), d.start)
        if m is not None and re.fullmatch(r"\d{3}0s", d.value):
            y = int(d.value[:4])
            a, b = _DECADE_YEARS[m.group(1).lower()]
            d = replace(d, text=sentence[m.start() : d.end], start=m.start(), value=f"{y + a}/{y + b}")
        out.append(d)
    return out


def _date_value(m: DateMention, year: int | None) -> str | None:
    """The mention as a date text parse_date reads (year from the publication for "Feb. 16")."""
    y = m.year if m.year is not None else year
    if y is None:
        return None
    if m.precision == "day":
        return f"{y:04d}-{m.month:02d}-{m.day:02d}"
    if m.precision == "month":
        return f"{y:04d}-{m.month:02d}"
    if m.precision == "decade":
        return f"{y}s"
    if m.precision == "quarter":
        return f"Q{(m.first_month + 2) // 3} {y}"
    if m.precision == "part":
        named = {(1, 4): "early", (5, 8): "mid", (9, 12): "late"}.get((m.first_month, m.last_month))
        return f"{named} {y}" if named else f"{y:04d}-{m.first_month:02d}/{y:04d}-{m.last_month:02d}"
    return f"{y:04d}"


def _interval_text(first: dt.date, last: dt.date) -> str:
    """An interval as a date text at its natural precision (2025, 2024-12, 2025-02-14, or a/b)."""
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year:04d}"
    month_end = (last + dt.timedelta(days=1)).day == 1
    if first.day == 1 and month_end and (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.day == 1 and month_end:
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
    return f"{first.isoformat()}/{last.isoformat()}"


def _pick(intervals, pub: tuple[dt.date, dt.date], future: bool) -> tuple[dt.date, dt.date]:
    """Of the intervals a relative date may mean, the one meant: the latest that starts by the end of
    the publication (the next one for a plan), as a news text means "on Wednesday"."""
    ivs = sorted(intervals)
    if future:
        after = [iv for iv in ivs if iv[1] >= pub[0]]
        return after[0] if after else ivs[-1]
    before = [iv for iv in ivs if iv[0] <= pub[1]]
    return before[-1] if before else ivs[0]


def date_mentions_in(sentence: str, published: DateValue | None) -> list[Mention]:
    """Absolute and relative dates of a sentence, in order (relative ones resolved against `published`)."""
    norm = normalise_with_map(sentence, lower=False)
    out: list[Mention] = []
    pub_year = published.latest.year if published is not None and not published.open_end else None

    def span(a: int, b: int) -> tuple[int, int]:
        idx = norm.index
        return idx[a], idx[b - 1] + 1

    for pos, m in iter_date_mentions(sentence):
        a, b = span(pos, pos + len(m.text))
        year = m.year
        if year is None and pub_year is not None:  # "Feb. 16": the latest such day on or before publication
            year = pub_year if (m.month, m.day) <= (published.latest.month, published.latest.day) else pub_year - 1
        value = _date_value(m, year)
        if value is None:
            continue
        deadline = _BY.search(sentence[max(0, a - 30) : a]) is not None
        out.append(Mention("date", sentence[a:b], a, b, value, relative=m.year is None, deadline=deadline))
    out = _ranges(sentence, sorted(_decade_parts(sentence, out), key=lambda x: x.start))
    taken = [(x.start, x.end) for x in out]
    if published is not None and not (published.open_start or published.open_end):
        pub = (published.earliest, published.latest)
        for m in _END_OF_YEAR.finditer(sentence):
            which = m.group(0).lower()
            shift = 1 if "next" in which else -1 if "last" in which else 0
            y = published.latest.year + shift
            out.append(Mention("date", m.group(0), m.start(), m.end(), f"late {y}", relative=True,
                               deadline=which.startswith(("by", "before"))))
            taken.append(m.span())
        if may_be_relative(sentence):
            cursor = 0
            for r in relative_mentions(sentence, pub, True):  # every reading; _pick chooses past or future
                a = norm.text.find(r.text, cursor)
                if a < 0 or not r.intervals:
                    continue
                cursor = a + len(r.text)
                a, b = span(a, a + len(r.text))
                future = _PLAN.search(sentence[max(0, a - 60) : a]) is not None
                if any(a < y and x < b for x, y in taken):
                    continue
                first, last = _pick(r.intervals, pub, future)
                out.append(Mention("date", sentence[a:b], a, b, _interval_text(first, last), relative=True))
                taken.append((a, b))
    if published is not None and not published.open_start and may_be_vague(sentence):
        # published on a date not known to its end ("2022/.."): every reading starts on or after the
        # one from its start, and its end is open
        unknown_end = published.open_end
        for v in vague_mentions(norm.text, (published.earliest, published.earliest if unknown_end else published.latest)):
            a, b = span(v.start, v.end)
            if any(a < y and x < b for x, y in taken) or (unknown_end and v.first is None):
                continue
            first, last = v.first, None if unknown_end else v.last
            value = _interval_text(*first) if first == last else "/".join(
                _interval_text(*end) if end else ".." for end in (first, last))
            note = f"'{sentence[a:b]}' = {value}, counted from the publication date {published.text}"
            out.append(Mention("date", sentence[a:b], a, b, value, relative=True, note=note, vague=True))
            taken.append((a, b))
    return _cued(sentence, sorted(out, key=lambda x: x.start))


_SINCE_THEN = re.compile(r"\b(?:ever since|since then)\b", re.I)


def _cued(sentence: str, dates: list[Mention]) -> list[Mention]:
    """The dates with the cue written before them in the value's form (the cues of SF210, read as it
    reads them): "by 2030" is ../2030, "before August 2024" ../2024-07, "after 2030" 2031/.., "since
    August" 2024-08/..; and "ever since" / "since then" a date from the sentence's date before them on."""
    from spacefacts.checks.qualifiers import cue_before, cued_form

    out = []
    for d in dates:
        cue = cue_before(sentence[max(0, d.start - 40) : d.start]) if "/" not in d.value and "~" not in d.value \
            and not d.vague else None
        if cue is not None and not cue[2]:
            try:
                v = parse_date(d.value)
            except ValueError:
                v = None
            if v is not None:
                at = d.start - len(cue[0]) - 1
                at = at if sentence[at : d.start].lower().startswith(cue[0].lower()) else d.start
                d = replace(d, text=sentence[at : d.end], start=at, cued=(cue[1], d.value),
                            value=cued_form(cue[1], v.earliest, v.latest, v.precision))
        out.append(d)
    for m in _SINCE_THEN.finditer(sentence):
        before = [d for d in out if d.end <= m.start() and "/" not in d.value]
        if not before or any(d.start < m.end() and m.start() < d.end for d in out):
            continue
        v = parse_date(before[-1].value)
        value = cued_form("since", v.earliest, v.latest, v.precision)
        out.append(Mention("date", m.group(0), m.start(), m.end(), value, cued=("since", before[-1].value),
                           note=f"'{m.group(0)}' = since '{before[-1].text}'", vague=True))
    return sorted(out, key=lambda x: x.start)


# ---- quantities -------------------------------------------------------------------------------------

_WORD_NUMBERS = {w: i + 2 for i, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a hundred": 100})
_FRACTIONS = {"half": 0.5, "one-third": 1 / 3, "a third": 1 / 3, "two-thirds": 2 / 3, "one-quarter": 0.25,
              "a quarter": 0.25, "three-quarters": 0.75, "one-fifth": 0.2}


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern[str]:
    quals = sorted((w for w in _QUALIFIER_WORDS if w[0].isalpha()), key=len, reverse=True)
    qual = (r"(?P<qual>(?:" + "|".join(re.escape(q) for q in quals)
            + r"|between|from|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|top(?:s|ped)|beyond)\s+)?")
    cur = r"(?P<cur>US\$|\$|¥|€|£|(?:USD|RMB|CNY|EUR)\s?)?"
    num = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    scale = r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn)\b|(?P<m>m)\b)?"
    rng = (r"(?:\s?(?:-|–|—|to|and)\s?(?P<cur2>US\$|\$|¥|€)?(?P<num2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
           r"(?:\s?(?P<scale2>thousand|million|billion|trillion)\b)?)?")
    unit = r"(?:\s?(?P<unit>%|percent\b|per cent\b|(?:yuan|RMB|renminbi|dollars|euros)\b|(?!(?:to|and|or|of|in|on|at|by|the|a|an|per|for|from|with)\b)[a-z][a-z-]*(?:/[a-z]+)?))?"
    digits = cur + num + scale + rng + unit
    words = (r"(?P<word>" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
             + r")(?:-(?P<word2>one|two|three|four|five|six|seven|eight|nine))?\s+(?:[a-z-]+\s+)?(?P<wunit>[a-z][a-z-]*s)\b")
    frac = r"(?P<frac>" + "|".join(re.escape(f) for f in _FRACTIONS) + r")\s+of\b"
    return re.compile(r"(?<![\w.,$¥€£/-])" + qual + r"(?:" + digits + r"|" + words + r"|" + frac + r")", re.I)


_NAMELIKE = re.compile(r"[A-Z][\w'’]*[\s-]$")  # "Long March 5", "Shenzhou-5", "Chang'e 4": a name, not a count
_NOT_UNIT = frozenset("th st nd rd s".split())
# Words after a number that are not its unit (the amount ends before them).
_NOT_UNIT_WORDS = frozenset(
    "were was is are be been being has have had will would can could may might should shall do does did "
    "but yet so as if than then that which who whom whose what when where while because since until after before "
    "more less most least over under about around into onto upon out up down off per this these those it its "
    "new old other such same each every all any some no not only also just still even already".split())


def quantity_mentions_in(sentence: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """The amounts a sentence states, outside the spans `taken` (its dates)."""
    out: list[Mention] = []
    pattern = _quantity_pattern()
    for m in pattern.finditer(sentence):
        a, b = m.span()
        inside = [x for x, y in taken if a < y and x < b]
        if inside:
            # a date inside the match ("RMB 7 billion this year"): the amount is what comes before it
            m = pattern.match(sentence, a, min(inside)) if min(inside) > a else None
            if m is None:
                continue
            a, b = m.span()
        if re.match(r"[\d\-–]*\]", sentence[m.end("num"):]) or sentence[:a].endswith("["):
            continue  # a footnote or paragraph reference: [1], [para. 4-5]
        if m.group("num") and re.match(r"/\d", sentence[m.end("num") :]):
            continue  # "(69/32)": a resolution's number (or a fraction's numerator), not the amount 69
        if re.search(r"\b(?:top|No\.|number|page|p\.|para\.|article|section|chapter|figure|table)\s*$",
                     sentence[:a], re.I):
            continue  # "the top 100", "Article 6": a rank or a reference, not an amount
        qual = (m.group("qual") or "").strip().lower()
        if qual.startswith(("exceed", "surpass", "top", "beyond")):
            qual = "more than"
        note = ""
        if m.group("frac"):
            frac = _FRACTIONS[m.group("frac").lower()]
            value, shown = f"{frac * 100:.4g}%", m.group(0)
            out.append(Mention("quantity", shown, a, b, value, note=f"{m.group('frac')} = {frac:.3g}"))
            continue
        if m.group("word"):
            word = m.group("word").lower()
            n = _WORD_NUMBERS[word] + (_WORD_NUMBERS.get(m.group("word2") or "", 0) if m.group("word2") else 0)
            unit = m.group("wunit").lower()
            if unit in ("years", "times", "decades", "months", "days", "weeks", "hours", "ones", "others"):
                continue
            value = f"{_QUAL_TEXT.get(qual, '')}{n}".strip()
            if "dozen" in word:
                note = "a dozen = 12"
            out.append(Mention("quantity", m.group(0), a, b, value, note=note))
            continue
        num = m.group("num")
        if re.match(r"(?:st|nd|rd|th)\b", sentence[m.end("num"):]):
            continue  # an ordinal: "14th Five-Year Plan"
        before = sentence[:a]
        if not m.group("cur") and not qual and _NAMELIKE.search(before):
            continue
        unit = (m.group("unit") or "").lower()
        if unit in _NOT_UNIT_WORDS:
            b = m.start("unit") if m.start("unit") > 0 else b
            unit = ""
        if unit in _NOT_UNIT or (unit and not m.group("unit")[0].isalpha() and unit != "%"):
            unit = ""
        scale = m.group("scale") or ("million" if m.group("m") and m.group("cur") else "")
        cur = (m.group("cur") or m.group("cur2") or "").strip()
        if m.group("num2"):
            if qual in ("from", "between") or not qual:
                qual = "range"
        if not (num.replace(",", "").replace(".", "").isdigit()):
            continue
        shown_end = max(b, m.end("num")) if unit or m.group("num2") or scale else m.end("num")
        shown_end = len(sentence[:shown_end].rstrip())
        # a bare small integer with no unit, qualifier or scale is no statement (a list number, a page)
        if not (unit or qual or scale or cur or m.group("num2")) and len(num) < 2:
            continue
        parts = [_QUAL_TEXT.get(qual, "")] if qual and qual != "range" else []
        amount = f"{cur + ' ' if cur and not cur.startswith(('$', '¥', '€', '£')) else cur}{num}"
        amount += f" {_SCALE_TEXT.get(scale.lower(), scale)}" if scale else ""
        if m.group("num2"):
            second = m.group("num2") + (f" {m.group('scale2')}" if m.group("scale2") else "")
            amount = f"{amount} to {second}"
        parts.append(amount)
        currency_word = unit in ("yuan", "rmb", "renminbi", "dollars", "euros")
        if unit in ("%", "percent", "per cent"):
            parts[-1] += "%"
        elif currency_word:
            parts.append(unit)
        value = " ".join(p for p in parts if p)
        try:
            parse_quantity(value)
        except QuantityError:
            continue
        after = sentence[b:]
        conv = re.match(r"\s*\((?:about |around |or |roughly )?(?:US)?\$[\d.,]+\s?(?:million|billion|bn|m)?\)", after)
        if conv:  # "6.7 billion yuan ($924 million)": the conversion is a statement of its own, found next
            note = f"also written {conv.group(0).strip()}"
        out.append(Mention("quantity", sentence[a:shown_end], a, shown_end, value, note=note))
        taken = [*taken, (a, b)]
    return out


_QUAL_TEXT = {q: q for q in _QUALIFIER_WORDS if q[0].isalpha()}
_QUAL_TEXT.update({"between": "", "from": ""})
_SCALE_TEXT = {"bn": "billion", "mn": "million"}


# ---- linking ---------------------------------------------------------------------------------------

_STOP = frozenset("the of a an in on at by for to and or number count date year years first total size per "
                  "with from its their this that is was space china chinese actors value satellite satellites".split())


@dataclass(frozen=True)
class Linker:
    """What linking needs from a fact base, built once: the entity names and each property's cues."""

    names: re.Pattern[str] | None
    short: re.Pattern[str] | None
    by_name: dict[str, str]  # name_key of a name -> entity id
    stems: dict[str, tuple[tuple[str, int], ...]]  # a one-word cue's stem -> (property id, cue number)
    phrases: tuple[tuple[re.Pattern[str], str, int], ...]  # the cues of several words, with the same
    props: dict[str, Property]
    known: frozenset[tuple[str, str]]  # (subject, property) the base has claims for
    places: frozenset[str]  # entities of kind place: a weaker subject than a company or a programme
    kinds: dict[str, str]  # entity id -> kind
    compact: dict[str, str]  # name_compact of each name -> entity id (for names of 5 characters or more)
    compact_keys: tuple[str, ...]
    events: dict[tuple[str, str], dict[str, list[tuple[dt.date, dt.date] | None]]] = field(default_factory=dict)
    kinds_of: dict[str, dict[str, int]] = field(default_factory=dict)  # property -> kinds of its subjects -> claims
    # (subject, many-valued property) -> the base's keys of it -> the intervals of their claims (dates)
    titles: tuple[tuple[str, str, str], ...] = ()  # (name_compact, name_key, entity id) of the names of 3+ words
    starts: frozenset[str] = frozenset()  # the date properties "since X" tells the start of (founded, started, ...)


def property_cues(prop: Property) -> tuple[str, ...]:
    """A property's cues: its own (declared or built in), else the words of its label and id."""
    if prop.cues:
        return prop.cues
    words = {w for w in re.split(r"[\W_]+", f"{prop.label} {prop.id}".lower()) if len(w) > 3 and w not in _STOP}
    return tuple(sorted(words))


def _stem(cue: str) -> str:
    """The start of a one-word cue that its forms share: "established" -> "establis" ("establishing"),
    "withdrawn" -> "withdr" ("withdrew")."""
    return cue[: max(5, len(cue) - 3)] if len(cue) > 5 else cue


def linker(base: FactBase) -> Linker:
    """The Linker of a fact base."""
    by_name: dict[str, str] = {}
    short: dict[str, str] = {}
    for ent in base.entities.values():
        for name in ent.names:
            key = name_key(name)
            if not key:
                continue
            if len(key) <= 4:  # "CASC", "SAO": as written, not the words "cas", "sao"
                short.setdefault(name.strip(), ent.id)
            by_name.setdefault(key, ent.id)
    long_names = sorted((k for k in by_name if len(k) > 4), key=len, reverse=True)
    names = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in long_names) + r")\b") if long_names else None
    shorts = sorted(short, key=len, reverse=True)
    short_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in shorts) + r")(?![\w-])") if shorts else None
    for s, eid in short.items():
        by_name.setdefault("=" + s, eid)
    stems: dict[str, list[tuple[str, int]]] = {}
    phrases = []
    for pid, p in base.properties.items():
        if p.type not in (DATE, QUANTITY):
            continue
        for i, cue in enumerate(property_cues(p)):
            words = cue.lower().split()
            if len(words) > 1:
                phrases.append((re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b"), pid, i))
            elif words:
                stems.setdefault(_stem(words[0]), []).append((pid, i))
    known = frozenset((c.subject, c.property) for c in base.claims if c.rank != DEPRECATED)
    compact: dict[str, str] = {}
    for ent in base.entities.values():
        for name in ent.names:
            if len(name_compact(name)) >= 5:
                compact.setdefault(name_compact(name), ent.id)
    events: dict[tuple[str, str], dict[str, list]] = {}
    kinds_of: dict[str, dict[str, int]] = {}
    for c in base.claims:
        ent = base.entities.get(c.subject)
        if ent is not None and c.rank != DEPRECATED:
            kinds_of.setdefault(c.property, {}).setdefault(ent.kind, 0)
            kinds_of[c.property][ent.kind] += 1
    for c in base.claims:
        prop = base.properties.get(c.property)
        if c.key is None or c.rank == DEPRECATED or prop is None or not prop.multi:
            continue
        iv = (c.value.earliest, c.value.latest) if isinstance(c.value, DateValue) and not (
            c.value.open_start or c.value.open_end) else None
        events.setdefault((c.subject, c.property), {}).setdefault(c.key, []).append(iv)
    from spacefacts.checks.qualifiers import cue_keeps_date

    titles = tuple((k.replace(" ", ""), k, eid) for k, eid in by_name.items()
                   if not k.startswith("=") and k.count(" ") >= 2)
    starts = frozenset(pid for pid, p in base.properties.items() if p.type == DATE and cue_keeps_date("since", p, base))
    return Linker(names, short_re, by_name, {k: tuple(v) for k, v in stems.items()}, tuple(phrases),
                  dict(base.properties), known,
                  frozenset(e.id for e in base.entities.values() if e.kind in ("place", "country", "city")),
                  {e.id: e.kind for e in base.entities.values()}, compact, tuple(compact), events, kinds_of,
                  titles, starts)


_WORD_RUN = re.compile(r"[^\W_]+")


def _keyed(sentence: str) -> tuple[str, list[int], list[int]]:
    """name_key(sentence), and where its words start in it and in the sentence (see _at)."""
    folded = sentence
    if not sentence.isascii():
        import unicodedata

        folded = unicodedata.normalize("NFKC", "".join(
            c for c in unicodedata.normalize("NFKD", sentence) if not unicodedata.combining(c)))
    folded = folded.casefold()
    if len(folded) != len(sentence):  # a character folded into several: offsets as close as they come
        return name_key(sentence), [0], [0]
    starts_key: list[int] = []
    starts: list[int] = []
    k = 0
    for m in _WORD_RUN.finditer(folded):
        k += 1 if starts_key else 0
        starts_key.append(k)
        starts.append(m.start())
        k += m.end() - m.start()
    return " ".join(_WORD_RUN.findall(folded)), starts_key, starts


def _at(starts_key: list[int], starts: list[int], k: int) -> int:
    """The sentence offset of offset k of its name key."""
    from bisect import bisect_right

    i = max(bisect_right(starts_key, k) - 1, 0)
    return starts[i] + (k - starts_key[i])


def entities_in(link: Linker, sentence: str) -> list[tuple[int, str]]:
    """(offset, entity id) of each entity the sentence names, in order."""
    found: list[tuple[int, str]] = []
    if link.names is not None:
        key, starts_key, starts = _keyed(sentence)
        found += [(_at(starts_key, starts, m.start()), link.by_name[m.group(0)]) for m in link.names.finditer(key)]
    if link.short is not None:
        found += [(m.start(), link.by_name["=" + m.group(0)]) for m in link.short.finditer(sentence)]
    if "“" in sentence or '"' in sentence:
        found = _titled(link, sentence, found)
    return sorted(found)


_TITLE = re.compile(r"[“\"]([^“”\"]{15,200})[”\"]")


def _titled(link: Linker, sentence: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The entities a sentence names by a title in quotation marks that is (part of) one of their names:
    on the “Prevention of an arms race in outer space” after "UN General Assembly (UNGA) ... resolutions"
    names "UNGA resolutions on the Prevention of an arms race in outer space". The entity named inside
    the title (PAROS, by its full name) gives way to it."""
    said: set[str] | None = None
    for m in _TITLE.finditer(sentence):
        if said is None:
            said = set(name_key(sentence).split())
        eid = _title_entity(link, m.group(1), said)
        if eid is not None:
            found = [(pos, e) for pos, e in found if not m.start() <= pos < m.end()] + [(m.start(1), eid)]
    return found


def _title_entity(link: Linker, title: str, said: set[str]) -> str | None:
    """The entity one of whose names holds `title` (compared as name_compact, so spacing, case, accents
    and punctuation aside; or by rapidfuzz's partial ratio of at least FUZZY_CUTOFF, for a typo) and
    whose other words the sentence all says (`said`: its name_key words); the one with most such
    words, or None when none or two entities fit alike."""
    content = set(name_key(title).split()) - _STOP
    key = name_compact(title)
    if len(content) < 2 or len(key) < 15:
        return None
    fits: dict[str, int] = {}
    for compact, name, eid in link.titles:
        at = compact.find(key)
        span = (at, at + len(key))
        if at < 0:
            if len(compact) < len(key) or len(content & set(name.split())) * 2 < len(content):
                continue
            from rapidfuzz import fuzz

            al = fuzz.partial_ratio_alignment(key, compact, score_cutoff=FUZZY_CUTOFF)
            if al is None:
                continue
            span = (al.dest_start, al.dest_end)
        rest = _words_outside(name, span) - _STOP
        if all(w in said or w.rstrip("s") in said or f"{w}s" in said for w in rest):
            fits[eid] = max(fits.get(eid, -1), len(rest))
    if not fits:
        return None
    top = max(fits.values())
    best = [eid for eid, n in fits.items() if n == top]
    return best[0] if len(best) == 1 else None


def _words_outside(name: str, span: tuple[int, int]) -> set[str]:
    """The words of a name (name_key) that lie outside `span` of its name_compact."""
    out, at = set(), 0
    for w in name.split():
        if at + len(w) <= span[0] or at >= span[1]:
            out.add(w)
        at += len(w)
    return out


_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|which)\b|\s(?:while|whereas)\s|\s[–—]\s")


def _clauses(sentence: str) -> list[int]:
    return [m.start() for m in _CLAUSE.finditer(sentence)]


def _apart(cuts: list[int], a: int, b: int) -> bool:
    """A clause boundary lies between offsets a and b."""
    lo, hi = min(a, b), max(a, b)
    return any(lo < c < hi for c in cuts)


_PROPER = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def fuzzy_entities(link: Linker, sentence: str) -> list[tuple[int, str]]:
    """Entities named with other spacing or a typo ("Guo Wang", "Land Space", "Spacesial"): each run of
    capitalised words after the sentence's first word, matched on its compact key (name_compact, as
    `show`'s second step) or, failing that, by rapidfuzz's ratio of at least FUZZY_CUTOFF against the
    compact keys of the names (the third score `show` uses)."""
    from rapidfuzz import fuzz, process

    found = []
    for m in _PROPER.finditer(sentence, 1):
        key = name_compact(m.group(0))
        if len(key) < 5:
            continue
        eid = link.compact.get(key)
        if eid is None:
            best = process.extractOne(key, link.compact_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            eid = link.compact[best[0]] if best else None
        if eid is not None:
            found.append((m.start(), eid))
    return found


FUZZY_CUTOFF = 90.0


_INTRO = re.compile(r"(?:[A-Z]\w*(?:ed|ing)|In|On|At|With|After|Before|Since|By|From|Following|Despite|During|"
                    r"Under|Until|According to|As|Between|Beyond|Along with)\b[^,;:]{0,120}?,\s+(?:the\s+|its\s+)?")


def _main_subject(sentence: str, ents: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The entity the main clause opens with, the sentence's grammatical subject as far as names show it:
    the first one named, or, after an opening phrase ("In 2024, SpaceX ...", "Founded in 2018 with
    backing from the Shanghai government, Spacecom ..."), the one right after its comma; not an owner
    ("LandSpace's Zhuque-3": Zhuque-3)."""
    if not ents:
        return None
    m = _INTRO.match(sentence)
    start = m.end() if m else 0
    main = next(((pos, e) for pos, e in ents if start <= pos <= start + 2), None)
    if main is not None and _possessor(sentence, main[0], ents):  # "LandSpace's Zhuque-3 ...": Zhuque-3
        main = next((pos, e) for pos, e in ents if pos > main[0])
    return main


_POSSESSIVE = re.compile(r"['’]s\s+$")


def _possessor(sentence: str, pos: int, ents: list[tuple[int, str]]) -> bool:
    """The entity at `pos` owns the next one named ("LandSpace's Zhuque-3"): that one is the subject."""
    after = next((p for p, _ in ents if p > pos), None)
    return after is not None and after - pos < 60 and _POSSESSIVE.search(sentence[pos:after]) is not None


def _unit_fits(mention: Mention, prop: Property) -> bool:
    try:
        q = parse_quantity(mention.value)
    except QuantityError:
        return False
    if q.unit in ("CNY", "USD", "EUR", "GBP"):
        return prop.unit in (None, q.unit) and not (prop.unit or "").startswith("satellite")
    if q.unit == "%":
        return prop.unit in ("%", "percent") or "share" in prop.id or "percent" in prop.id
    return prop.unit is None or not prop.unit.upper() in ("CNY", "USD", "EUR")


_WORDS = re.compile(r"\w+")


def cue_hits(link: Linker, low: str) -> dict[str, list[list[int]]]:
    """Per property whose cues the (lower-cased) sentence has: the offsets of each cue found. A word
    is a one-word cue's form when it starts with the cue's stem."""
    found: dict[tuple[str, int], list[int]] = {}
    stems = link.stems
    for m in _WORDS.finditer(low):
        w = m.group()
        for k in range(1, len(w) + 1):
            for key in stems.get(w[:k], ()):
                found.setdefault(key, []).append(m.start())
    for pat, pid, i in link.phrases:
        for m in pat.finditer(low):
            found.setdefault((pid, i), []).append(m.start())
    hits: dict[str, list[list[int]]] = {}
    for (pid, _), starts in found.items():
        have = hits.setdefault(pid, [])
        if not any(set(starts) <= set(other) for other in have):  # "launch" and "launched": one word, one cue
            have.append(starts)
    return hits


def _best_link(link: Linker, sentence: str, low: str, mention: Mention, ents: list[tuple[int, str]],
               carried: str | None, cues: dict[str, list[list[int]]], since: bool = False
               ) -> tuple[str | None, str | None, float]:
    """(subject, property, confidence) for one mention; None where nothing fits. `since`: the mention
    tells when the thing named before it started (see _since_of), a cue of the properties that start
    something."""
    kind = DATE if mention.kind == "date" else QUANTITY
    cuts = _clauses(sentence)
    main = _main_subject(sentence, ents)
    intro = main is not None and mention.start < main[0]  # "Founded in 2018 ..., Spacecom has ...": Spacecom's
    subjects = [(e, 1.0 - min(abs(pos - mention.start) / 150.0, 0.7) - (0.35 if pos > mention.start and not (
                     intro and (pos, e) == main) else 0.0)
                 - (0.4 if _apart(cuts, pos, mention.start) else 0.0)
                 - (0.3 if e in link.places else 0.0) - (0.3 if _possessor(sentence, pos, ents) else 0.0)
                 + (0.2 if (pos, e) == main else 0.0))
                for pos, e in ents]
    if carried is not None:  # "The program ...", "the company", "it": the subject of the sentence before
        ana = next((m for m in _ANAPHORA.finditer(sentence) if m.start() < mention.end + 40
                    and link.kinds.get(carried) in _ANAPHORA_KINDS[m.group(1).lower()]), None)
        if ana is None and carried not in link.places:
            ana = _pronoun_subject(sentence, ents)
        if ana is not None:  # as near as the words that name it ("Launched in 2007, the program ...")
            subjects.append((carried, 1.0 - min(abs(mention.start - ana.start()) / 150.0, 0.7)
                             - (0.4 if _apart(cuts, ana.start(), mention.start) else 0.0)))
        elif all(e in link.places for _, e in ents):
            subjects.append((carried, 0.35))
    best: tuple[float, str | None, str | None] = (0.0, None, None)
    for pid in [*cues, *sorted(link.starts - cues.keys())] if since else cues:
        prop = link.props[pid]
        found = cues.get(pid, ())
        if prop.type != kind or (kind == QUANTITY and not _unit_fits(mention, prop)):
            continue
        hits = sorted([max(1.0 - min(abs(at - mention.start) / 120.0, 0.6)
                           - (0.4 if _apart(cuts, at, mention.start) else 0.0) for at in starts)
                       for starts in found] + ([SINCE_CUE] if since and pid in link.starts else []), reverse=True)
        cue = hits[0] + 0.3 * sum(hits[1:3])
        if not prop.cues:  # words of its label, not cues a curator chose: weaker evidence
            cue *= 0.85
        if prop.plan and not (mention.deadline or _PLAN.search(sentence)):
            cue *= 0.5
        if prop.unit and kind == QUANTITY and prop.unit.split("/")[0] in low[mention.start : mention.end + 25]:
            cue += 0.3
        kinds = link.kinds_of.get(pid, ())
        for subject, near in subjects:
            if not found and (subject, pid) not in link.known and link.kinds.get(subject) not in kinds:
                continue  # "since" alone says something started, not what: the base must have said it of such things
            score = cue + near + (0.25 if (subject, pid) in link.known else 0.0)
            if len(kinds) >= 1 and sum(kinds.values()) >= 3:  # what kind of entity the base says has it
                score += 0.15 if link.kinds.get(subject) in kinds else 0.0
            if score > best[0]:
                best = (score, subject, pid)
    if best[1] is None:
        return (subjects and max(subjects, key=lambda s: s[1])[0]) or None, None, 0.0
    return best[1], best[2], round(min(best[0] / 2.6, 0.99), 2)


_OPEN_PAREN = re.compile(r"[\w”\"’)]\s*\(\s*$")  # a parenthesis opened right after a word or a title


def _since_of(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """The date, with its "since" in parentheses right after a name (on the “Prevention of an arms race
    in outer space” (since 2000)), tells when the thing named started; not when an amount of the
    same clause counts from it ("four launches (since August)")."""
    if mention.cued is None or mention.cued[0] != "since" or mention.vague:
        return False
    if not (_OPEN_PAREN.search(sentence, 0, mention.start) and sentence[mention.end :].lstrip().startswith(")")):
        return False
    cuts = _clauses(sentence)
    return not any(m.kind == "quantity" and m.end <= mention.start and not _apart(cuts, m.end, mention.start)
                   for m in mentions)


SINCE_CUE = 0.6  # "(since 2000)" after a name, as a cue of the properties that start something (see _since_of)


_KEY_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_LETTERS = re.compile(r"[a-z]+")


def event_key(link: Linker, subject: str, prop: str, when: tuple[dt.date, dt.date] | None, context: str,
              amounts: tuple[float, ...] = ()) -> str | None:
    """Of a many-valued property, the base's key of the event a statement tells of ("destructive-2008"),
    or None. Each key of the subject's claims scores: +1 when a year its slug names falls in the
    statement's date `when` (-1 when it does not), +1 when an amount its slug names ("6.7-billion-round")
    is one of the `amounts` the statement's sentence states, + the share of its words `context` (the
    sentence and the one before, lower case) has, and for dates +1 when its claims' dates overlap `when`,
    +0.5 when they lie within a year of it. The best key counts at 1.5 or more, and only when no other
    ties it: a statement only joins an event it clearly names or dates."""
    events = link.events.get((subject, prop))
    if not events:
        return None
    said = set(_LETTERS.findall(context))
    scores = []
    for key, intervals in events.items():
        score = 0.0
        years = [int(y) for y in _KEY_YEAR.findall(key)]
        if years and when is not None:
            score += 1.0 if any(when[0].year <= y <= when[1].year for y in years) else -1.0
        if amounts and any(_same_amount(a, b) for a in _key_amounts(key) for b in amounts):
            score += 1.0
        words = [w for w in _LETTERS.findall(key.lower()) if len(w) > 2 and w not in _STOP]
        if words:
            score += sum(w in said for w in words) / len(words)
        if when is not None:
            gaps = [max((iv[0] - when[1]).days, (when[0] - iv[1]).days, 0) for iv in intervals if iv is not None]
            if gaps and min(gaps) == 0:
                score += 1.0
            elif gaps and min(gaps) <= 366:
                score += 0.5
        scores.append((score, key))
    scores.sort(reverse=True)
    if scores[0][0] >= 1.5 and (len(scores) == 1 or scores[1][0] < scores[0][0]):
        return scores[0][1]
    return None


_KEY_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)-?(thousand|million|billion|trillion|bn)\b")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def _key_amounts(key: str) -> list[float]:
    """The amounts a key's slug names with a scale word: "6.7-billion-round" -> [6.7e9]."""
    return [float(n) * _SCALES[w] for n, w in _KEY_AMOUNT.findall(key.lower())]


def _same_amount(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


# ---- the extraction ----------------------------------------------------------------------------------


def _quote(sentence: str, start: int, end: int, anchor: int | None, cuts: tuple[int, ...] = ()) -> str:
    """At most MAX_QUOTE characters of the sentence around [start, end) (and the subject's name at
    `anchor` when it fits), cut at word boundaries: verbatim, but for an ellipsis where the sentence
    goes on past footnotes a page break put in it (`cuts`, see document.split_sentences)."""
    room = MAX_QUOTE - len(" ..." * len(cuts))
    if len(sentence) <= room:
        return _elide(sentence, 0, len(sentence), cuts)
    lo, hi = start, end
    if anchor is not None and max(hi, anchor + 20) - min(lo, anchor) <= room - 20:
        lo, hi = min(lo, anchor), max(hi, anchor + 20)
    spare = room - (hi - lo)
    lo = max(0, lo - spare // 2)
    hi = min(len(sentence), lo + room)
    lo = max(0, hi - room)
    if lo > 0:
        sp = sentence.find(" ", lo)
        lo = sp + 1 if 0 <= sp < start else lo
    if hi < len(sentence):
        sp = sentence.rfind(" ", end, hi)
        hi = sp if sp > 0 else hi
    return _elide(sentence, lo, hi, cuts)


def _elide(sentence: str, lo: int, hi: int, cuts: tuple[int, ...]) -> str:
    """sentence[lo:hi] with "... " where it goes on past footnotes (the quote's parts are found in order)."""
    parts, at = [], lo
    for c in cuts:
        if lo < c < hi:
            parts.append(sentence[at:c].rstrip())
            at = c
    parts.append(sentence[at:hi])
    return " ... ".join(p.strip() for p in parts)


def extract(base: FactBase, text: str, source: Source, link: Linker | None = None) -> Extraction:
    """Every statement of a document with a date or a number, linked where it can be, each value checked
    against its quote (SF202/SF203) before it is proposed."""
    from spacefacts.checks.qualifiers import cue_keeps_date

    link = link or linker(base)
    published = source.published
    result = Extraction(source)
    carried: str | None = None  # the subject of the previous sentence, for "The company ..." sentences
    previous = ""  # the previous sentence (its words help tell which event a statement is about)
    told: dict[tuple[str, str], list[Statement]] = {}  # the linked dates so far, by subject and property
    sentences = split_sentences(text)
    item = False  # the sentence is the item of the heading before it, read with it
    for n, sent in enumerate(sentences):
        if item:
            item = False
            continue
        s = sent.text
        heading = len(s) <= 40 and s.endswith(":") and n + 1 < len(sentences)
        if heading:  # "2015:" over the item it dates: one statement with that item, quoting both (elided between)
            s = f"{s} ... {sentences[n + 1].text}"
            sent = replace(sent, text=s, cuts=tuple(len(s) - len(sentences[n + 1].text) + c
                                                    for c in sentences[n + 1].cuts))
            item = True
        if not any(ch.isdigit() for ch in s) and not _MAY_QUANTITY.search(s) and not (
                published is not None and (may_be_relative(s) or may_be_vague(s))) and "end of" not in s and not (
                _STEP_WORD.search(s) and _ANCHORED.search(s)):
            ents = entities_in(link, s)
            carried = _carried(ents, link, carried, s)
            previous = s
            continue
        ents = entities_in(link, s)
        if all(e in link.places for _, e in ents):
            ents = sorted(ents + fuzzy_entities(link, s))
        dates = date_mentions_in(s, published)
        counted = [a for a in anchored_in(s, ents) if not any(d.start < a[0].end and a[0].start < d.end for d in dates)]
        mentions = dates + quantity_mentions_in(s, [(d.start, d.end) for d in dates]
                                                + [(a[0].start, a[0].end) for a in counted])
        low = s.lower()
        hedged = _HEDGE.search(low) is not None
        cues = cue_hits(link, low)
        if n + 1 < len(sentences) and all(e in link.places for _, e in ents):  # "a mysterious SOE ... The new
            carried = _named_next(link, sentences[n + 1].text) or carried  # company, China Satellite ..."
        links = {id(m): _best_link(link, s, low, m, ents, carried, cues, _since_of(s, m, mentions))
                 for m in mentions}
        for mention, anchor, count, unit in counted:  # "one year after China": China is what it counts from
            others = [(pos, e) for pos, e in ents if not mention.start <= pos < mention.end]
            subject, prop, conf = _best_link(link, s, low, mention, others, carried if carried != anchor else None,
                                             cues)
            resolved = _resolve_anchored(mention, anchor, count, unit, prop, told) if prop else None
            if resolved is not None:
                dates.append(resolved)
                links[id(resolved)] = (subject, prop, conf)
        dates.sort(key=lambda d: d.start)
        used: dict[int, tuple[Mention, float]] = {}  # date offset -> the amount whose date it is
        made: list[Statement] = []
        for mention in mentions:
            if mention.kind != "quantity":
                continue
            subject, prop, conf = links[id(mention)]
            st = Statement(sent, mention, "", subject, prop, hedged=hedged or mention.deadline, confidence=conf)
            if prop is not None:
                st, date = _date_of(st, link.props[prop], dates, published)
                if date is not None:
                    used[date.start] = (mention, conf)
            made.append(st)
        for mention in dates:
            subject, prop, conf = links[id(mention)]
            owner = used.get(mention.start)
            if owner is not None and (prop is None or conf < 0.6):
                made.append(Statement(sent, mention, "", hedged=hedged, why=f"the date of '{owner[0].text}'"))
            else:
                made.append(Statement(sent, mention, "", subject, prop, hedged=hedged or mention.deadline,
                                      confidence=conf))
        citation = _CITATION.search(s) is not None
        amounts = tuple(_amount(m.value) for m in mentions if m.kind == "quantity")
        for st in sorted(made, key=lambda x: x.mention.start):
            if citation:  # a reference's own date or page, not a statement about its subject
                st = replace(st, subject=None, property=None, why="in a citation")
            if st.property is None and not st.why:
                st = replace(st, why="no property cue" if st.subject else "no subject named")
            if st.linked and st.mention.cued and cue_keeps_date(st.mention.cued[0], link.props[st.property], base):
                st = replace(st, mention=replace(st.mention, value=st.mention.cued[1]))  # "founded since 2014"
            if st.linked and link.props[st.property].multi:
                st = replace(st, key=_key_of(link, st, f"{previous} {s}".lower(), amounts))
            anchor = _name_offset(s, link, st.subject)
            st = replace(st, quote=_quote(s, st.mention.start, st.mention.end, anchor, sent.cuts))
            result.statements.append(st)
            if st.linked and st.mention.kind == "date":
                told.setdefault((st.subject, st.property), []).append(st)
        carried = _carried(ents, link, carried, s)
        previous = s
    _number(result, {c.id for c in base.claims})
    _check_values(base, result)
    return result


_COUNTS = {"a": 1, "an": 1, "one": 1, **{w: n for w, n in _WORD_NUMBERS.items() if " " not in w}}
_ANCHORED = re.compile(
    r"\b(?:(?P<approx>about|around|some|nearly|almost|roughly)\s+|(?:exactly|just|only|barely|precisely)\s+)?"
    r"(?P<n>\d{1,3}|" + "|".join(sorted(_COUNTS, key=len, reverse=True)) + r")\s+(?P<unit>year|month|week|day|decade)s?"
    r"\s+(?P<dir>after|before|later than|earlier than)\s+(?:the\s+)?", re.I)
_MONTHS_IN = {"year": 12, "decade": 120, "month": 1}
_STEP_WORD = re.compile(r"\b(?:after|before|later|earlier)\s", re.I)  # what every _ANCHORED match has


def anchored_in(sentence: str, ents: list[tuple[int, str]]) -> list[tuple[Mention, str, int, str]]:
    """ "exactly one year after China": a date counted from another entity's event. Each as (the
    mention, its value still empty; the entity named right after the phrase; the signed count; its unit).
    Only when an entity follows the phrase: "two years after the launch" has nothing to count from."""
    out = []
    if not _STEP_WORD.search(sentence):
        return out
    for m in _ANCHORED.finditer(sentence):
        anchor = next((e for pos, e in ents if m.end() <= pos <= m.end() + 1), None)
        if anchor is None:
            continue
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else _COUNTS[word]
        sign = 1 if m.group("dir").lower().startswith(("after", "later")) else -1
        end = m.end() + len(_name_at(sentence, m.end()))
        out.append((Mention("date", sentence[m.start() : end].rstrip(" ,;"), m.start(), end, ""), anchor, sign * n,
                    m.group("unit").lower()))
    return out


def _name_at(sentence: str, at: int) -> str:
    """The capitalised words starting at `at` (an entity's name as written)."""
    m = _PROPER.match(sentence, at)
    return m.group(0) if m else ""


def counted_from(value: str, n: int, unit: str) -> str | None:
    """`value` moved by n units, at its own precision ("2007-01" + 1 year = "2008-01"); None when the
    precision cannot carry the step (a week after "2007") or the value is not one point in time."""
    try:
        d = parse_date(value)
    except ValueError:
        return None
    if d.open_start or d.open_end or d.start is not None or d.approximate or d.uncertain:
        return None
    if unit in ("week", "day"):
        if d.precision != "day":
            return None
        return (d.earliest + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    months = n * _MONTHS_IN[unit]
    if d.precision == "year" and months % 12 == 0:
        return f"{d.earliest.year + months // 12:04d}"
    if d.precision in ("month", "day"):
        y, m = divmod(d.earliest.year * 12 + d.earliest.month - 1 + months, 12)
        if d.precision == "month":
            return f"{y:04d}-{m + 1:02d}"
        try:
            return dt.date(y, m + 1, d.earliest.day).isoformat()
        except ValueError:
            return None
    return None


def _resolve_anchored(mention: Mention, anchor: str, n: int, unit: str, prop: str,
                      told: dict[tuple[str, str], list[Statement]]) -> Mention | None:
    """The anchored mention with its value: counted from the anchor entity's first event of the same
    property the document told before (its most precise telling), or None when it told none."""
    before = told.get((anchor, prop))
    if not before:
        return None
    dated = [(parse_date(st.mention.value), st) for st in before if "/" not in st.mention.value]
    if not dated:
        return None
    first = min(d.earliest for d, _ in dated)
    same = [(d, st) for d, st in dated if d.earliest <= first <= d.latest]
    d, st = min(same, key=lambda x: (x[0].latest - x[0].earliest, x[1].sentence.index))
    value = counted_from(st.mention.value, n, unit)
    if value is None:
        return None
    step = f"{abs(n)} {unit}{'s' if abs(n) != 1 else ''} {'after' if n > 0 else 'before'}"
    note = f"\"{mention.text}\": {step} {st.mention.value}, '{st.mention.text}' on line {st.sentence.line}"
    return replace(mention, value=value, note=note, anchor=(st.sentence.index, st.mention.start))


_CITATION = re.compile(r"available (?:at|from|online)\s*:|https?://|\bwww\.|\bretrieved\b|\baccessed\b|\bdoi:", re.I)
_MAY_QUANTITY = re.compile(r"\b(?:" + "|".join(list(_WORD_NUMBERS) + ["half", "third", "quarter"]) + r")\b", re.I)


_ANAPHORA_KINDS = {
    "program": ("program", "mission"), "programme": ("program", "mission"), "project": ("program", "mission"),
    "mission": ("mission", "program"), "company": ("company", "organization"), "firm": ("company",),
    "startup": ("company",), "group": ("company", "organization"), "center": ("organization", "facility"),
    "centre": ("organization", "facility"), "constellation": ("constellation",), "agency": ("agency",),
    "rocket": ("vehicle",), "telescope": ("facility",),
}
_ANAPHORA = re.compile(r"\b(?:the|its|this)\s+(" + "|".join(_ANAPHORA_KINDS) + r")\b", re.I)


_PRONOUN = re.compile(r"\b(?:it|its|they|their)\b", re.I)


def _pronoun_subject(sentence: str, ents: list[tuple[int, str]]) -> re.Match[str] | None:
    """ "In February, it secured ...": a pronoun standing before every name of the sentence (so naming
    none of them) and not an expletive "it" ("it is likely that ..."), else None."""
    m = _PRONOUN.search(sentence)
    if m is None or any(pos < m.start() for pos, _ in ents):
        return None
    if m.group(0).lower() == "it" and re.match(r"\s+(?:is|was|seems|appears)\s+(?:\w+\s+){0,2}?that\b",
                                               sentence[m.end():]):
        return None
    return m


_APPOSITION = re.compile(r"(?:The|This|That)\s+(?:\w+\s+)?(" + "|".join(_ANAPHORA_KINDS) + r"),\s+")


def _named_next(link: Linker, following: str) -> str | None:
    """The entity a sentence names in apposition to the thing the sentence before spoke of without
    naming it ("... a rather mysterious SOE is said to have been established. The new company, China
    Satellite Network Communications Corporation, ..."), or None."""
    m = _APPOSITION.match(following)
    if m is None:
        return None
    return next((e for pos, e in entities_in(link, following) if m.end() <= pos <= m.end() + 2
                 and link.kinds.get(e) in _ANAPHORA_KINDS[m.group(1).lower()]), None)


def _carried(ents: list[tuple[int, str]], link: Linker, before: str | None, sentence: str = "") -> str | None:
    """The subject a sentence hands to the next ("The company ..."): its first entity not a place; the
    one it was handed when its subject is a pronoun ("It plans ...")."""
    if before is not None and before not in link.places and sentence and _pronoun_subject(sentence, ents):
        return before
    main = _main_subject(sentence, ents) if sentence else None
    if main is not None and main[1] not in link.places:
        return main[1]
    return next((e for _, e in ents if e not in link.places), ents[0][1] if ents else before)


def _date_of(st: Statement, prop: Property, dates: list[Mention], published: DateValue | None
             ) -> tuple[Statement, Mention | None]:
    """An amount's date: a deadline ("by 2027") is its `when`; else a date written near it is its `when`
    (its `as_of` for a temporal property); else a temporal property's as_of is the publication date."""
    mention = st.mention
    deadline = next((d for d in dates if d.deadline), None)
    near = min(dates, key=lambda d: abs(d.start - mention.start), default=None)
    window = 90
    if near is not None and min(abs(near.start - mention.end), abs(mention.start - near.end)) > window:
        near = None
    if deadline is not None and (prop.plan or prop.temporal):
        return replace(st, when=deadline.value), deadline
    if near is not None:
        return (replace(st, as_of=near.value) if prop.temporal else replace(st, when=near.value)), near
    if prop.temporal and published is not None and not (published.open_start or published.open_end):
        return replace(st, as_of=published.text), None
    return st, None


def _key_of(link: Linker, st: Statement, context: str, amounts: tuple[float, ...] = ()) -> str | None:
    """The base's key for a statement of a many-valued property (see event_key), dated by its value
    (a date) or by its when / as_of (an amount); `amounts`: those its sentence states."""
    text = st.mention.value if st.mention.kind == "date" else (st.when or st.as_of)
    when = None
    if text:
        try:
            d = parse_date(text)
            if not (d.open_start or d.open_end):
                when = (d.earliest, d.latest)
        except ValueError:
            pass
    return event_key(link, st.subject, st.property, when, context, amounts)


def _amount(value: str) -> float:
    """The number of a quantity mention's value (NaN when it does not parse)."""
    try:
        return parse_quantity(value).value
    except QuantityError:
        return float("nan")


def _name_offset(sentence: str, link: Linker, subject: str | None) -> int | None:
    if subject is None:
        return None
    low = sentence.lower()
    for key, eid in link.by_name.items():
        if eid == subject:
            i = low.find(key.lstrip("="))
            if i >= 0:
                return i
    return None


def _number(result: Extraction, taken: set[str]) -> None:
    """Claim ids: SOURCE-SUBJECT-PROPERTY, numbered from -2 when taken (in the base or the document)."""
    out = []
    for st in result.statements:
        stem = f"{result.source.id}-{st.subject or 'unlinked'}-{st.property or st.mention.kind}"
        cid, n = stem, 1
        while cid in taken:
            n += 1
            cid = f"{stem}-{n}"
        taken.add(cid)
        out.append(replace(st, id=cid))
    result.statements = out


def to_claim(st: Statement, source: str, line: int = 0) -> Claim:
    """The claim a linked statement proposes (value parsed as the loader would)."""
    value: object
    if st.mention.kind == "date":
        value = parse_date(st.mention.value)
    else:
        value = parse_quantity(st.mention.value)
    when = parse_date(st.when) if st.when else None
    as_of = parse_date(st.as_of) if st.as_of else None
    return Claim(st.id, st.subject or "", st.property or "", value, st.mention.value, source,
                 Location("<document>", line or st.sentence.line), quote=st.quote, unit=None, when=when,
                 as_of=as_of, key=st.key, hedged=st.hedged)


def _check_values(base: FactBase, result: Extraction) -> None:
    """Run SF202/SF203 on every proposed claim: a value its quote does not state is withdrawn. A date
    counted from another ("one year after China") states its step, not its value: it stands when the
    date it counts from stands (and is withdrawn with it)."""
    from spacefacts.checks.context import Context
    from spacefacts.checks.evidence import check_values

    linked = [st for st in result.statements if st.linked]
    if not linked:
        return
    claims = []
    for st in linked:
        if st.mention.anchor is not None or st.mention.vague:
            continue  # a date counted from another, a vague time word: their notes say how they were read
        try:
            claims.append(to_claim(st, result.source.id))
        except ValueError as exc:
            result.statements = [replace(s, why=f"value not readable: {exc}") if s is st else s
                                 for s in result.statements]
    sources = {**base.sources, result.source.id: result.source}
    trial = replace(base, sources=sources, claims=tuple(claims))
    bad = {d.ids[0]: d.message for d in check_values(trial, Context()) if d.ids}
    where = {(st.sentence.index, st.mention.start): st.id for st in linked}
    for st in linked:
        if st.mention.anchor is not None and where.get(st.mention.anchor) in bad:
            bad[st.id] = f"counted from '{where[st.mention.anchor]}', withdrawn: {bad[where[st.mention.anchor]]}"
    if bad:
        result.statements = [replace(s, why=f"{bad[s.id]} (SF202/SF203)") if s.id in bad else s
                             for s in result.statements]


def document_source(base: FactBase, source_id: str | None, published: str | None) -> Source:
    """The source a document is checked as: the base's `source_id`, or a new one published on `published`.

    Raises SpacefactsError for an unknown source id or a bad date."""
    from spacefacts.errors import SpacefactsError
    from spacefacts.text import did_you_mean

    pub = None
    if published is not None:
        try:
            pub = parse_date(published)
        except ValueError as exc:
            raise SpacefactsError(f"--published: {exc}") from None
    if source_id is not None:
        src = base.sources.get(source_id)
        if src is None:
            raise SpacefactsError(f"no source '{source_id}' in {base.path}{did_you_mean(source_id, base.sources)}")
        return replace(src, published=pub) if pub is not None else src
    return Source(DOCUMENT_SOURCE, "the document checked", Location("<document>", 1), published=pub)
