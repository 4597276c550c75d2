"""A document to check: read it (plain text, Markdown or HTML) and split it into sentences.

Pure apart from read_document, which reads one file and raises SpacefactsError (one line) when it
cannot: missing, a directory, binary, empty, or in an encoding other than UTF-8 / UTF-16 with a BOM.
HTML is turned into text with the standard library's html.parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacefacts.errors import SpacefactsError


def read_document(path: str | Path) -> str:
    """The text of a document, HTML stripped to its text. Raises SpacefactsError when unreadable."""
    from spacefacts.files import read_bytes

    p = Path(path)
    data = read_bytes(p)  # a regular file or a pipe, bounded, remembered as read (no -o onto it)
    text = _decode(data, str(p))
    if not text.strip():
        raise SpacefactsError("empty document: nothing to check", str(p))
    if p.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(?:!doctype html|html)\b", text[:200], re.I):
        text = html_to_text(text)
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise SpacefactsError("binary file (NUL byte), not a text document", name)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SpacefactsError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); convert it to UTF-8 first",
                              f"{name}:{line}") from None


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
           "blockquote", "pre", "ul", "ol", "table", "header", "footer", "aside", "figcaption", "dt", "dd"}


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: blocks on lines of their own, scripts and styles dropped."""
    from html.parser import HTMLParser

    parts: list[str] = []
    skip = [0]

    class _Text(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "noscript", "template"):
                skip[0] += 1
            elif tag in _BLOCKS:
                parts.append("\n\n" if tag != "li" else "\n\n- ")

        def handle_endtag(self, tag):
            if tag in ("script", "style", "noscript", "template"):
                skip[0] = max(0, skip[0] - 1)
            elif tag in _BLOCKS:
                parts.append("\n\n")

        def handle_data(self, data):
            if not skip[0]:
                parts.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or list item, heading, footnote) with whitespace runs as single spaces."""

    text: str
    line: int  # 1-based line of the document where it starts
    index: int  # its number in the document, from 0
    cuts: tuple[int, ...] = ()  # where the text goes on past footnotes a page break put in it (offsets in text)


# Words with a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof st no vs e.g i.e co ltd inc corp "
    "gen col lt sgt jr sr u.s u.k u.n approx est fig al op cit ibid p pp vol ed eds".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]⁰¹²³⁴⁵⁶⁷⁸⁹]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff])")  # "go.³⁹ India"
_ITEM = re.compile(r"^\s*(?:[-*+•]\s+|\d{1,3}[.)]\s+|\[[^\]\n]{1,15}\]\s*|#{1,6}\s+|>\s+)")


def split_sentences(text: str, paragraph: Callable[[str], list[str]] | None = None) -> list[Sentence]:
    """Sentences in document order: paragraphs (blank-line separated), list items, headings and
    footnotes each start a new one; inside a paragraph a sentence ends at . ! ? (and the footnote
    marks after it) followed by a capital or a digit, except after an abbreviation ("Feb. 16",
    "U.S.") or an initial ("J."). A paragraph cut by a page break goes on in the next paragraph
    that is not a footnote (see _units); the footnotes between follow it. `paragraph` splits a
    paragraph instead (benchmarks/extract_quality.py measures sentence-splitting libraries with it)."""
    out: list[Sentence] = []
    for unit in _units(_blocks(text)):
        flats = [" ".join((_ITEM.sub("", block, count=1) if _ITEM.match(block) else block).split())
                 for _, block, _ in unit]
        flat = " ".join(f for f in flats if f)
        starts = []  # where each part begins in flat
        at = 0
        for f in flats:
            starts.append(at)
            at += len(f) + 1 if f else 0
        noted = [starts[k] for k, (_, _, past_notes) in enumerate(unit) if past_notes]
        part_cursor = [0] * len(unit)
        flat_cursor = 0
        for piece in (paragraph or _split_paragraph)(flat):
            pos = flat.find(piece, flat_cursor)
            pos = flat_cursor if pos < 0 else pos
            flat_cursor = pos + len(piece) if pos >= flat_cursor else flat_cursor
            k = max(i for i, st in enumerate(starts) if st <= pos or i == 0)
            start_line, block, _ = unit[k]
            lead = len(block) - len(block.lstrip())
            found = block.find(piece.split(" ", 1)[0], max(part_cursor[k], lead))
            if found >= 0:
                part_cursor[k] = found
            cuts = tuple(c - pos for c in noted if pos < c < pos + len(piece))
            out.append(Sentence(piece, start_line + block.count("\n", lead, max(part_cursor[k], lead)), len(out),
                                cuts))
    return out


_SPLIT = re.compile(r"(\n\s*\n|\n(?=\s*(?:[-*+•]\s|\d{1,3}[.)]\s|\[[^\]\n]{1,15}\]|#{1,6}\s)))")
# A footnote (or a page number) standing between the two parts of a paragraph cut by a page break.
_NOTE = re.compile(r"\s*(?:(?:\d{1,3}[.)]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}[.)]?)\s|\[\d{1,3}\]|\d{1,4}\s*$)")
_FINISHED = re.compile(r"[.!?…:][\"'”’)\]*_⁰¹²³⁴⁵⁶⁷⁸⁹\s]*$")
_GOES_ON = re.compile(r"\s*[a-z\d]")  # "(since" ... "2000), and on", "... and especially" ... "the"
_CUT_MIN = 80  # characters a paragraph has before it is taken as cut (a title or heading is shorter)


def _blocks(text: str) -> list[tuple[int, str]]:
    """The non-blank blocks of a text (paragraphs, list items, headings, footnotes) with their first line."""
    out = []
    line = 1
    for block in _SPLIT.split(text):
        if block.strip():
            out.append((line + block[: len(block) - len(block.lstrip())].count("\n"), block))
        line += block.count("\n")
    return out


def _units(blocks: list[tuple[int, str]]) -> list[list[tuple[int, str, bool]]]:
    """The blocks grouped as read, each part as (first line, block, whether footnotes were skipped before
    it): a paragraph that stops without a sentence's end ("... (since") and is followed, past footnotes
    or a page number, by a paragraph going on in lower case or with a number ("2000), and on ...") is
    one unit with it, as a page break cut it; the footnotes between come after it."""
    units: list[list[tuple[int, str, bool]]] = []
    i = 0
    while i < len(blocks):
        unit = [(*blocks[i], False)]
        notes: list[tuple[int, str]] = []
        j = i + 1
        if not _ITEM.match(blocks[i][1]):
            while len(" ".join(unit[-1][1].split())) >= _CUT_MIN and not _FINISHED.search(unit[-1][1]):
                k = j
                while k < len(blocks) and _NOTE.match(blocks[k][1]):
                    k += 1
                if k >= len(blocks) or not _GOES_ON.match(blocks[k][1]) or _ITEM.match(blocks[k][1]):
                    break
                notes += blocks[j:k]
                unit.append((*blocks[k], k > j))
                j = k + 1
        units.append(unit)
        units += [[(*note, False)] for note in notes]
        i = j
    return units


def _split_paragraph(flat: str) -> list[str]:
    pieces, start = [], 0
    for m in _BOUNDARY.finditer(flat):
        word = flat[max(0, flat.rfind(" ", 0, m.start()) + 1) : m.start()].lower().lstrip("(\"'“")
        if word.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
            continue
        pieces.append(flat[start : m.end()].strip())
        start = m.end()
    pieces.append(flat[start:].strip())
    return [p for p in pieces if p]
