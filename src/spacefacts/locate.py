"""Positions in a TOML text, found with one cheap scan.

TOML parsers give no positions, so the loader scans the text once for table
headers (`[sources.x]`, `[[claims]]`, ...) and maps each to line:column. Keys
inside a table are found lazily, only when a diagnostic needs them, by
searching the table's own span of text.

Limitation of the fast scan: a line inside a multi-line string that looks like
a table header is taken for one. The loader detects this when it matters (the
number of `[[claims]]` headers differs from the number of claims, or a `[table]`
header appears twice) and rescans with `exact=True`, which skips multi-line strings.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, chain, repeat

from spacefacts.model import Location

# A header is what _HEADER matches, run over "\n" + text (anchored on "\n" rather than "^" with MULTILINE:
# several times faster on large files). The scan finds them in two sets: the common `[[claims]]` at the
# start of its line, whose positions a literal search finds with no Python code per header (there
# _HEADER's groups are always "[[" and "claims"), and the others, _HEADER where the first does not match.
_HEADER = re.compile(r"\n[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]")  # (tests/test_locate_scan.py scans with it alone)
_CLAIMS_HEADER = re.compile(r"\n\[\[claims\]")
_OTHER_HEADER = re.compile(r"\n(?!\[\[claims\])[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]")
_KEY_PART = re.compile(r"""[ \t]*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*(\.|$)""")
_ML_DELIM = re.compile(r'"""|\'\'\'')


@lru_cache(maxsize=4096)
def split_key(text: str) -> tuple[str, ...]:
    """Split a dotted TOML key such as `sources."caixin-2025"` into its parts (escapes are not decoded)."""
    parts: list[str] = []
    pos = 0
    while pos < len(text):
        m = _KEY_PART.match(text, pos)
        if not m:
            return (text.strip(),)
        parts.append(m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3))
        pos = m.end()
        if not m.group(4):
            break
    return tuple(parts)


_CLAIMS = ("claims",)


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern[str]:
    k = re.escape(key)
    return re.compile(rf"""^[ \t]*(?:{k}|"{k}"|'{k}')[ \t]*[=.]""", re.MULTILINE)


class Locator:
    """Header positions of one text, and lazy key lookup inside a header's span."""

    def __init__(self, text: str, path: str, exact: bool = False) -> None:
        self.text = text
        self.path = path
        # per header, as arrays of 8-byte numbers, not lists of int objects (1M claims: 0.1 GB less)
        self.offsets = array("q")  # start offset of each header, in text order
        self.lines = array("q")
        self.columns = array("q")
        self.names: list[tuple[str, ...]] = []
        self.tables: dict[tuple[str, ...], int] = {}  # [table] name -> header index
        self.claims = array("q")  # header index of the n-th [[claims]]
        self.repeated = False  # a [table] header was seen twice (so the fast scan was fooled)
        self._ml: list[tuple[int, int]] | None = None  # multi-line string spans, built on first need
        self._ml_starts: list[int] = []
        self._cursor = (0, 1)  # (offset, line) of the last find_next hit
        self._scan(exact, text)

    def _scan(self, exact: bool, text: str) -> None:
        offsets, columns, names, claims, tables = self.offsets, self.columns, self.names, self.claims, self.tables
        lined = "\n" + text  # the leading newline lets line 1 match too; a match then starts at its line's offset
        heads = list(map(re.Match.start, _CLAIMS_HEADER.finditer(lined)))  # the [[claims]] at column 1
        others = [(m.start(1) - 1, m.start(), m.group(1), m.group(2)) for m in _OTHER_HEADER.finditer(lined)]
        if exact:
            heads = [start for start in heads if not self._in_multiline_string(start)]
            others = [other for other in others if not self._in_multiline_string(other[0])]
        done = 0  # heads[:done] are in the arrays
        for start, line_start, brackets, raw in others:
            upto = bisect_left(heads, start, done)
            if upto > done:
                self._claims_headers(heads[done:upto])
                done = upto
            name = _CLAIMS if raw == "claims" else split_key(raw)
            if brackets == "[[":
                if name == _CLAIMS:
                    claims.append(len(offsets))
            elif name not in tables:
                tables[name] = len(offsets)
            else:  # valid TOML defines a table once: one of the two lies inside a multi-line string
                self.repeated = True
            offsets.append(start)
            columns.append(start - line_start + 1)
            names.append(name)
        self._claims_headers(heads[done:])
        newlines = map(text.count, repeat("\n"), chain((0,), offsets), offsets)  # from each header to the next
        self.lines = array("q", accumulate(newlines, initial=1))[1:]

    def _claims_headers(self, starts: list[int]) -> None:
        """Add a run of `[[claims]]` headers at column 1 (their lines are counted at the end of the scan)."""
        first = len(self.offsets)
        self.offsets.extend(starts)
        self.columns.extend(repeat(1, len(starts)))
        self.names.extend(repeat(_CLAIMS, len(starts)))
        self.claims.extend(range(first, first + len(starts)))

    def _in_multiline_string(self, pos: int) -> bool:
        """True when pos lies inside a multi-line string (counts delimiters before it; comments ignored)."""
        if self._ml is None:
            spans, opener = [], None
            for m in _ML_DELIM.finditer(self.text):
                if opener is None:
                    opener = m
                elif m.group() == opener.group():
                    spans.append((opener.start(), m.end()))
                    opener = None
            if opener is not None:
                spans.append((opener.start(), len(self.text)))
            self._ml = spans
            self._ml_starts = [s for s, _ in spans]
        i = bisect_right(self._ml_starts, pos) - 1
        return i >= 0 and pos < self._ml[i][1]

    def _at(self, pos: int, line: int) -> Location:
        """Location of text offset pos, which lies on the given line."""
        return Location(self.path, line, pos - self.text.rfind("\n", 0, pos))

    def header(self, index: int | None) -> Location:
        """Location of header number index (line 1 when None)."""
        if index is None:
            return Location(self.path, 1, 1)
        return Location(self.path, self.lines[index], self.columns[index])

    def span(self, index: int | None) -> tuple[int, int]:
        """Text span of a header's table: up to the next header that is not one of its sub-tables."""
        if index is None:
            return 0, (self.offsets[0] if self.offsets else len(self.text))
        name = self.names[index]
        n = len(name)
        for j in range(index + 1, len(self.offsets)):
            other = self.names[j]
            if not (len(other) > n and other[:n] == name):
                return self.offsets[index], self.offsets[j]
        return self.offsets[index], len(self.text)

    def key(self, index: int | None, key: str) -> Location:
        """Location of `key = ...` inside header number index's table (the header itself when not found)."""
        start, end = self.span(index)
        m = _key_pattern(key).search(self.text, start, end)
        if not m:
            return self.header(index)
        pos = m.start() + len(m.group()) - len(m.group().lstrip())
        return self._at(pos, (self.lines[index] if index is not None else 1) + self.text.count("\n", start, pos))

    def find(self, needle: str) -> Location:
        """Location of the first occurrence of needle anywhere (line 1 when absent); a last resort."""
        pos = self.text.find(needle)
        if pos < 0:
            return Location(self.path, 1, 1)
        return self._at(pos, self.text.count("\n", 0, pos) + 1)

    def find_next(self, needle: str) -> Location:
        """Like find, but searching on from the previous find_next hit, so a run of calls stays linear.

        Used for claims that have no [[claims]] header of their own (an inline array of tables).
        """
        last, last_line = self._cursor
        pos = self.text.find(needle, last)
        if pos < 0:
            return self.find(needle)
        line = last_line + self.text.count("\n", last, pos)
        self._cursor = (pos, line)
        return self._at(pos, line)
