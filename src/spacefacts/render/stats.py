"""Render Stats as aligned text (fits 80 columns) or JSON. Returns text; never prints."""

from __future__ import annotations

import json

from spacefacts.render import StatsFormat  # defined there so that the CLI starts without this module
from spacefacts.render.textsafe import clean
from spacefacts.stats import Stats

WIDTH = 80


def render(fmt: StatsFormat, stats: Stats) -> str:
    """Render the stats in the given format."""
    match fmt:
        case StatsFormat.TEXT:
            return render_text(stats)
        case StatsFormat.JSON:
            return render_json(stats)
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive


def _cut(name: str, width: int) -> str:
    """The name as printable text (fact-file ids may hold control characters), cut to `width`."""
    name = clean(name)
    return name if len(name) <= width else name[: width - 1] + "\u2026"


def _verified_text(stats: Stats) -> str:
    share = stats.verified_share
    if stats.verified is None:
        return "n/a (no texts)"
    if share is None:
        return "n/a (no claims)"
    return f"{stats.verified} of {stats.claims} claims ({share:.1%}); {stats.checkable} had a text to check"


def _table(title: str, rows: tuple[tuple[str, int], ...], total: int, extra: dict[str, str] | None = None) -> list[str]:
    """A titled table of counts with their shares of `total`; `extra` adds a last column by row name."""
    lines = [f"{title}:"]
    if not rows:
        return [*lines, "  (none)"]
    count_w = max(len(str(n)) for _, n in rows)
    extra_w = max((len(e) + 2 for e in extra.values()), default=0) if extra else 0
    name_w = min(max(len(name) for name, _ in rows), WIDTH - count_w - 12 - extra_w)
    for name, n in rows:
        share = f"{n / total:6.1%}" if total else ""
        more = f"  {extra.get(name, ''):<{extra_w - 2}}" if extra else ""
        lines.append(f"  {_cut(name, name_w):<{name_w}}  {n:>{count_w}}  {share}{more}".rstrip())
    return lines


def _verified_column(stats: Stats) -> dict[str, str] | None:
    """Per source: its quotes found in its text / its claims with a quote, or "no text"; None without texts."""
    if stats.verified is None:
        return None
    rows = {sid: (found, quoted) for sid, found, quoted in stats.verified_by_source}
    width = max((len(str(q)) for _, q in rows.values()), default=1)
    column = {}
    for sid, _ in stats.by_source:
        if sid not in rows:
            column[sid] = "no text"
            continue
        found, quoted = rows[sid]
        share = f"{found / quoted:6.1%}" if quoted else "     -"
        column[sid] = f"{found:>{width}}/{quoted:<{width}} {share}"
    return column


def _names(title: str, names: tuple[str, ...]) -> list[str]:
    """A titled list of ids, packed into lines of at most WIDTH characters."""
    lines = [f"{title} ({len(names)}):"]
    if not names:
        return [*lines, "  (none)"]
    line = " "
    for name in names:
        piece = f" {_cut(name, WIDTH - 4)}"
        if len(line) + len(piece) > WIDTH:
            lines.append(line)
            line = " "
        line += piece
    return [*lines, line]


def _source_table(stats: Stats) -> list[str]:
    column = _verified_column(stats)
    if column is None:
        return _table("Claims per source", stats.by_source, stats.claims)
    return _table("Claims per source (verified: quotes found in its text / claims with a quote)",
                  stats.by_source, stats.claims, column)


def render_text(stats: Stats) -> str:
    """Aligned tables for a terminal."""
    lines = [
        f"{clean(stats.path)}: {stats.claims} claims, {stats.sources} sources, {stats.entities} entities",
        f"Verified quotes: {_verified_text(stats)}",
        "",
        *_source_table(stats),
        "",
        *_table("Claims per entity kind", stats.by_entity_kind, stats.claims),
        "",
        *_table("Claims per property", stats.by_property, stats.claims),
        "",
        *_names("Sources with no claims", stats.sources_without_claims),
        "",
        *_names("Entities with no claims", stats.entities_without_claims),
    ]
    return "\n".join(lines) + "\n"


def render_json(stats: Stats) -> str:
    """One JSON object; count tables are objects in descending count order."""
    share = stats.verified_share
    data = {
        "file": stats.path,
        "claims": stats.claims,
        "sources": stats.sources,
        "entities": stats.entities,
        "verified": {
            "claims": stats.verified,
            "share": None if share is None else round(share, 4),
            "checkable": stats.checkable,
        },
        "by_source": dict(stats.by_source),
        # per source with a local text: quotes found in it / claims with a quote; null without texts
        "verified_by_source": None if stats.verified is None else {
            sid: {"verified": found, "quoted": quoted, "share": round(found / quoted, 4) if quoted else None}
            for sid, found, quoted in stats.verified_by_source},
        "by_entity_kind": dict(stats.by_entity_kind),
        "by_property": dict(stats.by_property),
        "sources_without_claims": list(stats.sources_without_claims),
        "entities_without_claims": list(stats.entities_without_claims),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


__all__ = ["StatsFormat", "render", "render_json", "render_text"]
