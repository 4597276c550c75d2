"""Quantities: a number with a qualifier and a unit, always an interval.

Interface:

    parse_quantity(raw, unit=None, tolerance=None) -> Quantity   raw: int | float | str
        raises QuantityError (a ValueError) with a readable message
    Quantity.low / .high                       floats, may be -inf / inf
    Quantity.low_open / .high_open             strict bounds ("more than", "fewer than")
    Quantity.qualifier                         one of QUALIFIERS
    Quantity.value                             the nominal number written (the lower end of a range)
    Quantity.unit                              normalised unit or None
    Quantity.written                           the quantity as written when units.in_unit converted it
                                               into its property's unit (else None)
    Quantity.overlaps(other) -> bool           both can be true at once (units are ignored: callers compare them)
    Quantity.contains(x) -> bool               x lies inside the interval
    Quantity.display() -> str                  human text, e.g. "around 13,000 satellites"
    numbers_in_text(text, words=True) -> list[float]   every number a text states, in any common written form
                                               (words=False: only those written with digits)

Accepted text: a number (`13000`, `13,000`, `6.7`, `6.7 billion`, `13 thousand`, `1.2bn`, `13k`,
`$924m`), optionally preceded by a qualifier and a currency and followed by a unit:

    exact        72, "13,000 satellites"                        [v, v]
    about        about / around / approximately / roughly / some / nearly / almost / ~ / c.
                 [v - t, v + t]; t is `tolerance` if given, else half the place value of the
                 last non-zero significant digit as written: 13,000 -> 500, 6.7 billion -> 0.05 billion
    more_than    more than / over / above / greater than / >    (v, inf)
    at_least     at least / no fewer than / no less than / >= / ≥   [v, inf)
    fewer_than   fewer than / less than / under / below / <     [0, v)   (-inf when v < 0)
    at_most      at most / no more than / not more than / <= / ≤    [0, v]   (-inf when v < 0)
    up_to        up to                                          [0, v]
    range        500 to 600 / 500-600 / 500–600 / between 500 and 600 / from 500 to 600  [a, b]

Units are normalised: yuan / RMB / CNY / ¥ / renminbi -> "CNY"; $ / US$ / USD / dollars -> "USD";
satellite(s) -> "satellites"; anything else lower-case as written ("Mbps" -> "mbps"). A bare `m`
suffix means million only after a currency (`$924m`); otherwise it is the unit metres.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

QUALIFIERS = ("exact", "about", "more_than", "at_least", "fewer_than", "at_most", "up_to", "range")

FORMS_HINT = (
    "expected e.g. 72, 13,000, 6.7 billion yuan, around 13,000, more than 14,000, at least 50, "
    "fewer than 10, at most 3, up to 600, 500 to 600, $924 million"
)

_QUALIFIER_WORDS = {
    "about": "about", "around": "about", "approximately": "about", "approx.": "about", "approx": "about",
    "roughly": "about", "some": "about", "nearly": "about", "almost": "about", "~": "about",
    "c.": "about", "circa": "about", "an estimated": "about", "estimated": "about",
    "more than": "more_than", "over": "more_than", "above": "more_than", "greater than": "more_than",
    "in excess of": "more_than", ">": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", ">=": "at_least",
    "≥": "at_least", "a minimum of": "at_least",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than", "below": "fewer_than",
    "<": "fewer_than",
    "at most": "at_most", "no more than": "at_most", "not more than": "at_most", "<=": "at_most",
    "≤": "at_most", "a maximum of": "at_most",
    "up to": "up_to",
}
_QUALIFIER_TEXT = {
    "about": "around", "more_than": "more than", "at_least": "at least", "fewer_than": "fewer than",
    "at_most": "at most", "up_to": "up to",
}
_CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "us dollars": "USD", "dollars": "USD", "dollar": "USD",
    "¥": "CNY", "rmb": "CNY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "€": "EUR", "eur": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
}
_UNITS = {**_CURRENCY, "satellite": "satellites", "satellites": "satellites"}
_SCALE_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_SCALE_SUFFIX = {"k": 3, "mn": 6, "mln": 6, "bn": 9, "tn": 12, "trn": 12}
_SCALE_NAMES = {exponent: word for word, exponent in _SCALE_WORDS.items()}

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_SCALE = r"(?: ?(thousand|million|billion|trillion)\b| ?(bn|mn|mln|tn|trn)\b|(k|m)\b)?"
_CUR = r"(us\$|\$|¥|€|£|(?:usd|rmb|cny|eur|gbp)\b ?)?"
_AMOUNT = _CUR + r" ?" + _NUM + _SCALE
_QUAL = "|".join(re.escape(w) for w in sorted(_QUALIFIER_WORDS, key=len, reverse=True))
_QUAL_RE = re.compile(rf"({_QUAL})(?: |(?<=[~<>=≥≤])|$)")
_ONE = re.compile(_AMOUNT)
_RANGE_SEP = re.compile(r" ?(?:-|–|—|to) ?")
# A unit is words of letters ("satellites/year", "km2", "°c"), never a number or a range word.
_UNIT_WORD = r"°?[^\W\d_]+[23²³]?\.?"
_UNIT_RE = re.compile(rf"%|(?!(?:to|and|or|e\d)\b){_UNIT_WORD}(?:[ /\-]{_UNIT_WORD})*")
_PLAIN_INT = re.compile(r"\d{1,15}")
_SPACES = re.compile(r"\s+")


class QuantityError(ValueError):
    """A quantity the parser does not understand."""


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float
    low: float
    high: float
    qualifier: str = "exact"
    unit: str | None = None
    low_open: bool = False
    high_open: bool = False
    scale: int = 0  # power of ten of the scale word written ("6.7 billion" -> 9), 0 for none
    written: Quantity | None = None  # as written, when units.in_unit converted it into another unit

    def contains(self, x: float) -> bool:
        """True when x lies inside the interval, respecting open bounds."""
        above = x > self.low if self.low_open else x >= self.low
        below = x < self.high if self.high_open else x <= self.high
        return above and below

    def overlaps(self, other: Quantity) -> bool:
        """True when both quantities can hold at once (their intervals intersect). Units are ignored."""
        if self.low > other.low:
            low, low_open = self.low, self.low_open
        elif other.low > self.low:
            low, low_open = other.low, other.low_open
        else:
            low, low_open = self.low, self.low_open or other.low_open
        if self.high < other.high:
            high, high_open = self.high, self.high_open
        elif other.high < self.high:
            high, high_open = other.high, other.high_open
        else:
            high, high_open = self.high, self.high_open or other.high_open
        return low < high or (low == high and not (low_open or high_open))

    def display(self) -> str:
        """Human text, e.g. "around 13,000 satellites", "500–600 satellites/year", "6.7 billion CNY"."""
        if self.qualifier == "range":
            low, high = _format(self.low, self.scale), _format(self.high, self.scale)
            if self.scale:  # "1.2–1.5 billion"
                low = low.rsplit(" ", 1)[0]
            text = f"{low}–{high}"
        else:
            text = _format(self.value, self.scale)
            if self.qualifier in _QUALIFIER_TEXT:
                text = f"{_QUALIFIER_TEXT[self.qualifier]} {text}"
        return f"{text} {self.unit}" if self.unit else text


def _format(number: float, scale: int) -> str:
    if scale:
        return f"{_format(number / 10**scale, 0)} {_SCALE_NAMES[scale]}"
    if math.isfinite(number) and number.is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:,}"


def parse_quantity(raw: int | float | str, unit: str | None = None, tolerance: float | None = None) -> Quantity:
    """Parse a number or a quantity text (see the module docstring) into a Quantity interval.

    `unit` is the default when the text names none; `tolerance` overrides the rounding-based
    tolerance of "about" values. Raises QuantityError, saying what is wrong.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise QuantityError(f"a quantity must be a number or text, not {type(raw).__name__}")
    if tolerance is not None and not (isinstance(tolerance, (int, float)) and tolerance >= 0):
        raise QuantityError(f"tolerance must be a number >= 0, not {tolerance!r}")
    if unit is not None and not isinstance(unit, str):
        raise QuantityError(f"a unit must be text, not {type(unit).__name__}")
    default = _norm_unit(unit) if unit else None
    if isinstance(raw, str):
        return _parse_text(raw, default, tolerance)
    value = float(raw)
    if not math.isfinite(value):
        raise QuantityError(f"{raw!r} is not a finite number")
    return Quantity(str(raw), value, value, value, unit=default)


@lru_cache(maxsize=1 << 16)
def _parse_text(raw: str, unit: str | None, tolerance: float | None) -> Quantity:
    if _PLAIN_INT.fullmatch(raw):  # fast path
        value = float(raw)
        return Quantity(raw, value, value, value, unit=unit)
    text = _SPACES.sub(" ", raw.strip().lower())
    if not text:
        raise QuantityError(f"empty quantity: {FORMS_HINT}")
    qualifier = "exact"
    if text.startswith("between "):
        qualifier, text = "range", text[8:]
    elif text.startswith("from "):
        qualifier, text = "range", text[5:]
    elif match := _QUAL_RE.match(text):
        qualifier, text = _QUALIFIER_WORDS[match[1]], text[match.end():].lstrip()
    first = _ONE.match(text)
    if not first:
        raise QuantityError(f"'{raw}': no number found where one was expected: {FORMS_HINT}")
    value, places, scale, currency, end = _amount(first)
    rest = text[end:]
    low = high = value
    if qualifier == "range":
        sep = re.match(r" (?:and|to|-|–) ?", rest)
        second = _ONE.match(rest, sep.end()) if sep else None
        if not second:
            raise QuantityError(f"'{raw}': a range needs two numbers, e.g. 'between 500 and 600'")
    else:
        sep = _RANGE_SEP.match(rest)
        second = _ONE.match(rest, sep.end()) if sep and qualifier == "exact" else None
        if second:
            qualifier = "range"
    if second:
        high, _, scale2, currency2, end = _amount(second)
        if scale2 and not scale:  # "1.2 to 1.5 billion": the scale word covers both numbers
            scale = scale2
            low = value = float(f"{first[2].replace(',', '')}e{scale}")
        currency = currency or currency2
        rest = rest[end:]
        if low > high:
            raise QuantityError(f"'{raw}': the range runs from {_format(low, 0)} down to {_format(high, 0)}")
    unit_text = rest.strip()
    found_unit = _norm_unit(unit_text) if unit_text else None
    if unit_text and not _UNIT_RE.fullmatch(unit_text):
        raise QuantityError(_unit_problem(raw, unit_text))
    if currency and found_unit and found_unit != currency:
        raise QuantityError(f"'{raw}': two units, {currency} and {found_unit}")
    final_unit = currency or found_unit or unit
    low_open = high_open = False
    inf = math.inf
    floor = 0.0 if value >= 0 else -inf
    if qualifier == "about":
        spread = tolerance if tolerance is not None else 0.5 * 10.0 ** (scale - places)
        low, high = value - spread, value + spread
    elif qualifier in ("more_than", "at_least"):
        low, high, low_open = value, inf, qualifier == "more_than"
    elif qualifier in ("fewer_than", "at_most", "up_to"):
        low, high, high_open = floor, value, qualifier == "fewer_than"
    return Quantity(raw, value, low, high, qualifier, final_unit, low_open, high_open, scale)


def _unit_problem(raw: str, unit_text: str) -> str:
    if "(" in unit_text:
        return f"'{raw}': one amount per value; put the conversion in its own claim or in the note"
    if any(c.isdigit() for c in unit_text):
        return (
            f"'{raw}': cannot read '{unit_text}' after the number "
            f"(one number with a qualifier, or one range without): {FORMS_HINT}"
        )
    return f"'{raw}': '{unit_text}' is not a unit (units are words such as satellites, km, yuan): {FORMS_HINT}"


def _amount(match: re.Match) -> tuple[float, int, int, str | None, int]:
    """(value, decimal places of the last significant digit, scale exponent, currency, end) of one amount.

    A bare `m` right after the number means million only after a currency; otherwise it is
    left in the text as the unit metres.
    """
    currency = _CURRENCY[match[1].strip()] if match[1] else None
    digits = match[2].replace(",", "")
    suffix, end = match[5], match.end()
    if suffix == "m" and not currency:
        suffix, end = None, match.start(5)
    scale = _SCALE_WORDS.get(match[3] or "") or _SCALE_SUFFIX.get(match[4] or suffix or "", 0)
    if suffix == "m":
        scale = 6
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    if frac:
        places = len(frac)
    else:
        stripped = whole.rstrip("0")
        places = -(len(whole) - len(stripped)) if stripped else 0
    return float(f"{digits}e{scale}"), places, scale, currency, end


def _norm_unit(unit: str) -> str:
    key = _SPACES.sub(" ", unit.strip().lower())
    return _UNITS.get(key, key)


_WORD_UNITS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_WORD_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_ORDINALS = {
    w: i + 1 for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_ORDINALS.update({w[:-1] + "ieth": v for w, v in _WORD_TENS.items()})
# A number not glued to a word, "." or "," before it. The pattern starts with \d, and tests what
# precedes the first digit from after it ((?<![\w.,]\d)): a pattern that starts with a digit lets
# sre jump from digit to digit, where a leading lookbehind would be tried at every character.
_TEXT_NUMBER = re.compile(
    r"(\d(?<![\w.,]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))(?![\d])"
    r"(?:\s?(thousand|million|billion|trillion|bn|mn|mln|tn|k)\b|(m)\b)?"
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def numbers_in_text(text: str, words: bool = True) -> list[float]:
    """Every definite number the text states: 13,000 / 13000 / 13 thousand / 6.7 billion / 1.2bn /
    $924 million / eighteen / twenty-one / two hundred / fourth. Vague plurals ("hundreds") are skipped.

    words=False reads only the numbers written with digits (the cheap part: a caller looking for one
    number can try those first and read the number words only when they do not have it)."""
    found: list[float] = []
    for match in _TEXT_NUMBER.finditer(text):
        digits = match[1].replace(",", "")
        word = match[2] or match[3]
        if word is None:  # the common case: a plain number
            found.append(float(digits))
            continue
        word = word.lower()
        exponent = _SCALE_WORDS.get(word) or _SCALE_SUFFIX.get(word, 0)
        if word == "m":
            exponent = 6 if text[: match.start()].rstrip().endswith(("$", "¥", "€", "£")) else 0
        found.append(float(f"{digits}e{exponent}"))
    if words:
        found.extend(_word_numbers(text.lower()))
    return found


# What may follow a number's digits and change what _TEXT_NUMBER reads there: more digits, a decimal or
# thousands part, a scale word or suffix (see _TEXT_NUMBER)
_NUMBER_GOES_ON = re.compile(r"[\d]|[.,]\d|\s?(?:thousand|million|billion|trillion|bn|mn|mln|tn|k)\b|m\b")


def number_written(text: str, number: float) -> bool:
    """A quick sufficient test for `number in numbers_in_text(text, words=False)`: a whole number written
    with its digits alone (13000) or with thousands commas (13,000), after a space, "$", "(", a quote
    mark or a dash (or at the start) and before nothing that goes on with it (_NUMBER_GOES_ON): there _TEXT_NUMBER
    starts a match (no match before can reach past such a character) and reads exactly these digits.
    False says nothing: read the numbers."""
    if not (number.is_integer() and 0 <= number < 1e15):
        return False
    n = int(number)
    if _written_at(text, str(n)):
        return True
    return n >= 1000 and _written_at(text, f"{n:,}")


def _written_at(text: str, written: str) -> bool:
    """number_written for one way of writing the number."""
    at = text.find(written)
    while at >= 0:
        end = at + len(written)
        if at == 0 or text[at - 1] in " $(\"'-":
            after = text[end:end + 2]
            # the usual case first: the end of the text, or a space and then no scale word's first letter
            # (nothing _NUMBER_GOES_ON matches: it needs a digit, a scale word or "m" there)
            if not after or (after[0] == " " and after[1:] not in "tmbk") or _NUMBER_GOES_ON.match(text, end) is None:
                return True
        at = text.find(written, at + 1)
    return False


def _word_numbers(text: str) -> list[float]:
    """Numbers written in words, e.g. "twenty-one", "two hundred and five", "fourth"."""
    numbers: list[float] = []
    total = current = 0
    last: str | None = None  # kind of the previous number word, None outside a number

    def flush() -> None:
        nonlocal total, current, last
        if last is not None:
            numbers.append(float(total + current))
        total = current = 0
        last = None

    for match in _WORD.finditer(text):
        for token in match[0].split("-"):
            if token == "and" and last in ("hundred", "scale"):
                continue
            if token in _WORD_UNITS or token in _WORD_TENS:
                kind = "unit" if token in _WORD_UNITS else "tens"
                if last == "unit" or (last == "tens" and kind == "tens"):
                    flush()  # "two three" are two numbers
                current += _WORD_UNITS.get(token) or _WORD_TENS.get(token, 0)
                last = kind
            elif token == "hundred" and last == "unit":
                current *= 100
                last = "hundred"
            elif token in _SCALE_WORDS and last is not None:
                total += current * 10 ** _SCALE_WORDS[token]
                current = 0
                last = "scale"
            elif token in _ORDINALS:
                value = _ORDINALS[token]
                if last in (None, "hundred", "scale") or (last == "tens" and value < 10):
                    current += value
                    last = "ordinal"
                flush()  # after "one" an ordinal is a fraction ("one third"): keep only "one"
            else:
                flush()  # also a bare "hundred" or "million": not a definite number
    flush()
    return numbers
