"""Text normalisation for matching, in one place.

Two keys, for two needs:

* normalise / normalise_with_map: for quotes and source texts. Typographic quotes and dashes
  become plain ones, whitespace runs one space, lower case; punctuation is kept (a quote is
  matched word for word) and NormalText maps each character back to the original, so a match
  can be shown as the source wrote it.
* name_key: for names, ids and values compared as words (entity lookup, conflict keys, aliases).
  Accents and case are folded and punctuation is a space: "Chángchūn, JILIN!" -> "changchun jilin".

search.py alone keeps rapidfuzz's default_process (lower case, punctuation to spaces): it runs over
every field of every claim for each query, and in C it is about 15 times faster than name_key.

closest / did_you_mean is the one did-you-mean for mistyped ids, names and rule codes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


class _Table(dict):
    """str.translate table of the normalisation: a character's replacement (plain quote or
    dash, else its NFKC form) or None to drop it. Filled on first use of each character."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        rep = None if ch in _DROP else _CHAR_MAP.get(ch) or unicodedata.normalize("NFKC", ch)
        self[code] = rep
        return rep


_TABLE = _Table()
_TOKEN = re.compile(r"\S+")


def _lower(s: str) -> str:
    """Lower case character by character, as the offset map assumes: str.lower() alone would
    give a final sigma at word ends, which is a different character."""
    return s.lower() if "\u03a3" not in s else "".join(map(str.lower, s))


class NormalText:
    """A text normalised for matching, with a map back to offsets in the original.

    `text` is normalised: typographic quotes/dashes plain, whitespace collapsed, lower case.
    `index[i]` is the offset in `original` of normalised character i; it is built on first
    use only (an exact quote match never needs it).
    """

    __slots__ = ("original", "text", "lower", "_index")

    def __init__(self, original: str, text: str, lower: bool = True) -> None:
        self.original, self.text, self.lower = original, text, lower
        self._index: tuple[int, ...] | None = None

    @property
    def index(self) -> tuple[int, ...]:
        if self._index is None:
            self._index = _offset_map(self.original, self.lower)
        return self._index

    def span(self, start: int, end: int) -> str:
        """The original text behind normalised characters [start, end)."""
        if start >= end or not self.text:
            return ""
        index = self.index
        return self.original[index[start] : index[end - 1] + 1]


def _offset_map(text: str, lower: bool) -> tuple[int, ...]:
    """index[i] = offset in `text` of character i of its normalised form."""
    if text.isascii():  # one character stays one character: only whitespace runs collapse
        index: list[int] = []
        prev_end = -1
        for m in _TOKEN.finditer(text):
            if prev_end >= 0:
                index.append(prev_end)  # the single space stands for the run's first character
            index.extend(range(m.start(), m.end()))
            prev_end = m.end()
        return tuple(index)
    return _slow_map(text, lower)[1]


def _slow_map(text: str, lower: bool) -> tuple[str, tuple[int, ...]]:
    """The normalisation character by character, with each character's original offset.
    The reference definition: normalise() must give the same text (tests compare them)."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        rep = _CHAR_MAP.get(ch)
        if rep is None:
            rep = unicodedata.normalize("NFKC", ch)
        for c in rep:
            if c.isspace():
                if not out or out[-1] == " ":
                    continue
                c = " "
            elif lower:
                c = c.lower()
            out.extend(c)  # lower() may rarely yield two characters
            index.extend([i] * len(c))
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), tuple(index)


def normalise_with_map(text: str, lower: bool = True) -> NormalText:
    """Normalise `text` (see NormalText); the offset map is built when first needed."""
    return NormalText(text, normalise(text, lower), lower)


def normalise(text: str, lower: bool = True) -> str:
    """Plain quotes and dashes, single spaces, lower case (unless lower=False)."""
    if not text.isascii():
        text = text.translate(_TABLE)
    elif "`" in text:
        text = text.replace("`", "'")  # the only ASCII character the normalisation changes
    elif text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # already normal (the usual quote): in printable ASCII the one whitespace is the space
        return text.lower() if lower else text
    # (joining a text's lines without splitting it into words was twice as fast for source texts, 0.02 s
    # at 100k claims, but left their memory in malloc's heap: 1M claims, peak 849 -> 938 MB; see read_bytes)
    text = " ".join(text.split())
    return _lower(text) if lower else text


def shorten(text: str, width: int = 60) -> str:
    """One line, at most `width` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


# ---- names ---------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A name as a key: compatibility forms and accents folded, casefolded, every run of
    punctuation, underscores and spaces one space, no space at the ends."""
    text = str(text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = unicodedata.normalize("NFKC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def name_compact(text: str) -> str:
    """name_key with every space removed: "Guo Wang" and "guowang" share a key."""
    return name_key(text).replace(" ", "")


# ---- did you mean ----------------------------------------------------------------

SUGGEST_RATIO = 70  # rapidfuzz ratio (0-100) a choice needs to be offered for a mistyped word


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word` (rapidfuzz ratio, at least SUGGEST_RATIO; the first of equals),
    else None. The one did-you-mean of the tool: ids, entities, properties, sources, kinds, rule codes.
    (Measured on one-edit typos of the shipped file's ids and the rule codes, ratio >= 70 suggests
    the intended word as often as difflib's close matches and suggests fewer for unrelated words.)"""
    choices = list(choices)
    if not choices or not isinstance(word, str):
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=SUGGEST_RATIO)
    return best[0] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice (see closest), else ''."""
    best = closest(word, choices)
    return f" (did you mean '{best}'?)" if best is not None else ""


__all__ = ["NormalText", "closest", "did_you_mean", "name_compact", "name_key", "normalise", "normalise_with_map",
           "shorten"]
