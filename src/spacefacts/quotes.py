"""Source texts and the claims' quotes matched in them: the part of the evidence layer that the
evidence checks (SF201, SF205, SF206, SF208) and `spacefacts stats` share (each quote read once:
evidence.QuoteReading).

Pure apart from reading the texts: no diagnostics (a text that cannot be used is a
TextProblem, which checks/evidence.py turns into its finding), no caching (callers keep
what they compute), no printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from spacefacts.errors import SpacefactsError
from spacefacts.evidence import QuoteMatch, QuoteReading, find_normalised, number_in
from spacefacts.files import read_text
from spacefacts.model import Claim, FactBase, Source
from spacefacts.quantities import numbers_in_text
from spacefacts.text import NormalText, normalise, normalise_with_map, shorten


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source's local text as found for this run (None when there is none)."""

    path: str | None
    text: NormalText | None
    why: str = ""  # when there is no text: why, for SF205 ("it names no text file", ...)


class TextProblem(NamedTuple):
    """Why a source's text was not used: the rule code (SF206 or SF208) and its message."""

    code: str
    message: str
    source: str  # source id


def _read(key: Path, cache: dict[Path, NormalText]) -> NormalText:
    """The normalised text of the file at the resolved path `key`, read once per call."""
    if key not in cache:
        cache[key] = normalise_with_map(read_text(key))
    return cache[key]


def _find_text(src: Source, fact_dir: Path, texts_dir: str | None,
               read_cache: dict[Path, NormalText]) -> tuple[SourceText, TextProblem | None]:
    """Look for one source's text: by file name in texts_dir first, then beside the fact file
    (only inside its folder tree). Returns the text and at most one SF206/SF208 problem."""
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
            return SourceText(None, None, "see SF206"), TextProblem(
                "SF206", f"text path '{name}' points outside the fact file's folder; not read "
                "(name its folder with --texts DIR to use it)", src.id)
        if not texts_dir:  # the texts may well be elsewhere: SF205 counts the quotes, no warning
            why = f"text file '{name}' is not beside the fact file; --texts DIR finds it elsewhere"
            return SourceText(None, None, why), None
        return SourceText(None, None, "see SF208"), TextProblem(
            "SF208", f"text file '{name}' not found in {texts_dir} or beside the fact file", src.id)
    try:
        return SourceText(str(path), _read(resolved if path is beside else path.resolve(), read_cache)), None
    except SpacefactsError as exc:
        return SourceText(str(path), None, "see SF208"), TextProblem(
            "SF208", f"text file '{name}' cannot be read: {exc.message}", src.id)


def find_source_texts(base: FactBase, texts_dir: str | None) -> tuple[dict[str, SourceText], list[TextProblem]]:
    """Find, read and normalise every source's text (each file read once).

    Returns the texts by source id and the problems, in source order (SF208 for a file that is
    not found only when texts_dir names a folder). Never raises.
    """
    texts: dict[str, SourceText] = {}
    problems: list[TextProblem] = []
    read_cache: dict[Path, NormalText] = {}
    fact_dir = Path(base.path).parent.resolve()
    for src in base.sources.values():
        if not src.text:
            texts[src.id] = SourceText(None, None, "it names no text file")
            continue
        try:
            texts[src.id], problem = _find_text(src, fact_dir, texts_dir, read_cache)
        except (OSError, ValueError, RuntimeError) as exc:  # e.g. a NUL byte, an over-long name, a link loop
            texts[src.id] = SourceText(None, None, "see SF208")
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problem = TextProblem("SF208", f"text path '{shorten(src.text)}' cannot be used: {reason}", src.id)
        if problem is not None:
            problems.append(problem)
    return texts, problems


def has_texts(texts: dict[str, SourceText]) -> bool:
    """True when at least one source's local text could be read."""
    return any(st.text is not None for st in texts.values())


UNCHECKED = QuoteMatch(False, 0.0, False)  # no quote, or an unknown source: nothing to match


class QuoteFinder:
    """Finds each claim's quote in its source's local text, the claims taken in file order (one per
    call of `match`): the evidence layer's quote search, which the rules (SF201) and `stats` share.

    Per source it keeps where its last exact match ended, while its quotes come in the order of its
    text (then each search reads only the gap to the next quote); -1 once one did not."""

    __slots__ = ("sources", "texts", "threshold", "resume", "normal")

    def __init__(self, base: FactBase, texts: dict[str, SourceText]) -> None:
        self.sources, self.texts, self.threshold = base.sources, texts, base.settings.quote_threshold
        self.resume: dict[str, int] = {}
        # the normalised text of each source that has one (what `exact` reads, once per claim)
        self.normal = {sid: st.text.text for sid, st in texts.items() if st.text is not None}

    def match(self, claim: Claim, reading: QuoteReading) -> QuoteMatch | None:
        """The claim's quote (read as `reading`) matched in its source's text: None when the source has
        no local text, UNCHECKED when there is no quote or no such source."""
        if claim.source not in self.sources or not claim.quote.strip():
            return UNCHECKED
        st = self.texts.get(claim.source)
        if not st or st.text is None:
            return None
        q = reading.low
        pos = self.position(claim.source, q)
        if pos >= 0:
            return QuoteMatch(True, 100.0, True, (st.text, pos, pos + len(q)))
        # not in the text as it is: in parts ("..."), or a close match (find_normalised's exact search
        # from the start fails again, at little cost next to the fuzzy one)
        return _numbers_agree(reading, find_normalised(q, st.text, self.threshold))

    def exact(self, claim: Claim, reading: QuoteReading) -> bool:
        """`match` would find the claim's quote (of a known source) as it is in its source's text: the
        usual case, answered without building the match (the place to resume from moves on alike)."""
        return self.position(claim.source, reading.low) >= 0

    def position(self, source: str, q: str) -> int:
        """Where the normalised quote q is in the source's normalised text, or -1 (also when the source
        has no text): looked for from where the source's last exact match ended, then before it; that
        place moves on when found after it. (`exact` for a caller that holds the quote and its source.)"""
        text = self.normal.get(source)
        if text is None or not q:
            return -1
        start = self.resume.get(source, 0)
        pos = text.find(q, start if start > 0 else 0)  # (a negative start would count from the end)
        if pos < 0 and start > 0:
            pos = text.find(q, 0, start + len(q) - 1)
        if pos >= 0 and start >= 0:
            self.resume[source] = pos + len(q) if pos >= start else -1
        return pos


def match_quotes(base: FactBase, texts: dict[str, SourceText]) -> list[QuoteMatch | None]:
    """For each claim of base.claims, in order: its quote's match in the source text, None when the
    source has no local text, UNCHECKED when there is no quote or no such source (QuoteFinder). By
    position, not by id: a duplicate id (SF107) must not lend its match to the claim whose id it copies."""
    finder = QuoteFinder(base, texts)
    return [finder.match(claim, QuoteReading(claim.quote)) for claim in base.claims]


def _numbers_agree(reading: QuoteReading, m: QuoteMatch) -> QuoteMatch:
    """Fuzzy matching forgives typos in words, not in numbers: a close match whose span lacks
    a number of the quote ("19" where the text says "18") is refused."""
    if not m.found or m.exact:
        return m
    in_span = numbers_in_text(m.span) + numbers_in_text(normalise(m.span))
    missing = [n for n in reading.numbers() if not number_in(n, in_span)]
    if not missing:
        return m
    return m._replace(found=False, note=f"the text there has no {_fmt_number(missing[0])}")


def _fmt_number(n: float) -> str:
    return f"{n:,.0f}" if n == int(n) else f"{n:,g}"


def quote_matches(base: FactBase, matches: list[QuoteMatch | None]) -> dict[str, QuoteMatch | None]:
    """By claim id, for each claim with a quote: its match (`matches` from match_quotes), or None when
    the source has no local text (for a duplicate id, the first claim's)."""
    out: dict[str, QuoteMatch | None] = {}
    for claim, m in zip(base.claims, matches):
        if m is not UNCHECKED:
            out.setdefault(claim.id, m)
    return out


def verified_claims(base: FactBase, matches: list[QuoteMatch | None]) -> set[str]:
    """Ids of the claims whose quote was found in their source's local text."""
    return {cid for cid, m in quote_matches(base, matches).items() if m is not None and m.found}


__all__ = ["QuoteFinder", "SourceText", "TextProblem", "UNCHECKED", "find_source_texts", "has_texts", "match_quotes",
           "quote_matches", "verified_claims"]
