"""The timeline as a Markdown document for GitHub: small Mermaid diagrams, events by decade (or year),
Wikipedia-style footnotes.

Each claim is one footnote: the quote, then the source's title, publisher, date and URL; a claim
without a quote cites its source's shared footnote. A disputed date is marked in the text and the
diagram and gets a footnote saying which source gives which date and which one the trust model
favours. Hedged events say "reportedly".

No timestamps: the same fact file and filters give the same bytes. Text from the fact
file is escaped so it shows literally: '<', '>' and '&' become entities (no HTML gets
through) and Markdown punctuation is backslash-escaped (no emphasis, links or tables).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacefacts.model import Claim, FactBase, Source
from spacefacts.render.mermaid import DISPUTED, decade, diagram_groups, render_mermaid
from spacefacts.render.textsafe import clean
from spacefacts.timeline import Dating, Event

GROUPS = ("decade", "year", "none")  # --group: the sections of the event list
DIAGRAMS = ("decade", "entity")  # --by: how the diagrams are cut

_MD_PUNCT = re.compile(r"([\\`*_\[\]|~^#])")  # what can start emphasis, code, links, tables, footnotes
_LINE_START = re.compile(r"^(\d*)([-+=.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def md(text: object) -> str:
    """Inline Markdown text that renders exactly as written."""
    s = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_PUNCT.sub(r"\\\1", s)
    return _LINE_START.sub(r"\1\\\2", s)  # a list marker or rule at the start stays text


def footnote_labels(ids) -> dict:
    """Each id (a string, or a tuple whose last item is a string) -> a footnote label made of
    [A-Za-z0-9_-] only, unique, in sorted order of the ids."""
    labels: dict = {}
    used: set[str] = set()
    for key in sorted(set(ids)):
        text = key if isinstance(key, str) else "-".join(key)
        label = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "note"
        candidate, n = label, 2
        while candidate.casefold() in used:  # footnote labels match case-insensitively
            candidate, n = f"{label}-{n}", n + 1
        used.add(candidate.casefold())
        labels[key] = candidate
    return labels


def _cite_key(claim: Claim) -> tuple[str, str]:
    """A quoted claim has its own footnote; one without a quote cites its source's."""
    return ("c", claim.id) if claim.quote else ("source", claim.source)


def _source_note(sid: str, source: Source | None) -> str:
    if source is None:
        return md(sid) + " (source not declared)"
    parts = [md(source.title) if source.title else md(sid)]
    parts += [md(x) for x in (source.publisher, source.author) if x]
    if source.published is not None:
        parts.append(md(source.published.display()))
    if source.url:
        parts.append(f"<{source.url}>" if _SAFE_URL.match(source.url) else md(source.url))
    return ", ".join(parts)


def _claim_note(claim: Claim, base: FactBase) -> str:
    return f"\u201c{md(claim.quote)}\u201d \u2014 {_source_note(claim.source, base.sources.get(claim.source))}"


def source_names(base: FactBase, source_ids) -> str:
    """Who says so, for a reader: the sources' publishers (else titles, else ids), each once, plain text."""
    names = []
    for sid in source_ids:
        source = base.sources.get(sid)
        names.append((source.publisher or source.title or sid) if source else sid)
    return ", ".join(dict.fromkeys(names))


def _who(dating: Dating, base: FactBase) -> str:
    return md(source_names(base, dating.sources))


def _dispute_note(event: Event, base: FactBase) -> str:
    sides = "; ".join(f"{md(d.date.display())} according to {_who(d, base)} (confidence {d.confidence:.2f})"
                      for d in (event.dating, *event.others))
    return (f"Sources disagree on the date of \u201c{md(event.headline)}\u201d: {sides}. "
            f"The trust model favours {md(event.date.display())}.")


class _Notes:
    """The document's footnotes: labels for every claim, source and dispute cited, in a fixed order."""

    def __init__(self, base: FactBase, events: list[Event]):
        self.base = base
        self.disputes = {id(e): ("disputed", f"{i}") for i, e in enumerate((e for e in events if e.conflict), 1)}
        keys = [_cite_key(c) for e in events for c in e.claims] + list(self.disputes.values())
        self.labels = footnote_labels(keys)

    def refs(self, event: Event) -> str:
        keys = dict.fromkeys(_cite_key(c) for c in event.claims)
        if event.conflict:
            keys[self.disputes[id(event)]] = None
        return "".join(f"[^{self.labels[k]}]" for k in keys)

    def definitions(self, events: list[Event]) -> list[str]:
        claims = {c.id: c for e in events for c in e.claims}
        disputed = {key: e for e in events if e.conflict for key in [self.disputes[id(e)]]}
        out = []
        for key, label in sorted(self.labels.items(), key=lambda kv: kv[1].casefold()):
            kind, ident = key
            text = (_claim_note(claims[ident], self.base) if kind == "c"
                    else _source_note(ident, self.base.sources.get(ident)) if kind == "source"
                    else _dispute_note(disputed[key], self.base))
            out.append(f"[^{label}]: {text}")
        return out


def _event_line(event: Event, notes: _Notes) -> str:
    line = f"- **{md(event.date.display())}**"
    if event.conflict:
        line += f" {DISPUTED} (or {md(', '.join(o.date.display() for o in event.others))})"
    line += f" {md(event.headline)}"
    if event.hedged:
        line += ", reportedly"
    return line + notes.refs(event)


def _sections(events: list[Event], group: str) -> list[tuple[str, list[Event]]]:
    if group == "none":
        return [("", events)] if events else []
    sections: dict[str, list[Event]] = {}
    for event in events:
        sections.setdefault(decade(event.year) if group == "decade" else str(event.year), []).append(event)
    return list(sections.items())


def _diagrams(events: list[Event], by: str) -> list[str]:
    out = []
    for title, group in diagram_groups(events, by):
        out += ["```mermaid", render_mermaid(group, title).rstrip("\n"), "```", ""]
    return out


def render_markdown(base: FactBase, events: list[Event], title: str | None = None, *, group: str = "decade",
                    by: str = "decade", diagram: bool = True) -> str:
    """The whole document as Markdown text. `group`: sections by decade, year or none; `by`: diagrams cut
    by decade or entity; `diagram=False` leaves the diagrams out."""
    notes = _Notes(base, events)
    conflicts = sum(e.conflict for e in events)
    out = [
        f"# {md(title or DEFAULT_TITLE)}",
        "",
        f"Generated by spacefacts from `{clean(Path(base.path).name).replace('`', '')}`: "
        f"{len(events)} event{'' if len(events) == 1 else 's'}, {conflicts} with disputed dates (marked {DISPUTED}). "
        "Each event cites its sources' words as footnotes.",
        "",
    ]
    inline = diagram and group == "decade" and by == "decade"  # each decade's diagrams open its section
    if diagram and not inline:
        out += _diagrams(events, by)
    for heading, section in _sections(events, group):
        if heading:
            out += [f"## {heading}", ""]
        if inline:
            out += _diagrams(section, by)
        out += [_event_line(e, notes) for e in section]
        out.append("")
    out += notes.definitions(events)
    if notes.labels:
        out.append("")
    return "\n".join(out)


DEFAULT_TITLE = "Timeline of China's space industry"
