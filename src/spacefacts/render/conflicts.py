"""Plain-text views for `spacefacts conflicts` and `spacefacts sources`. Return text, never print."""

from __future__ import annotations

from collections import defaultdict

from spacefacts.model import FactBase
from spacefacts.truth import Analysis, Conflict, conflicts_by_source, label


def _quote(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_conflicts(base: FactBase, conflicts: list[Conflict]) -> str:
    """Conflicts grouped by subject: each side with its confidence, claims, sources and quotes."""
    if not conflicts:
        return "No conflicts.\n"
    deprecated = defaultdict(list)
    for c in base.claims:
        if not c.counted:
            deprecated[(c.subject, c.property, c.key)].append(c)
    by_subject: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        by_subject[conflict.subject].append(conflict)
    lines: list[str] = []
    for subject in sorted(by_subject, key=lambda s: (base.entities[s].name.casefold() if s in base.entities else s)):
        ent = base.entities.get(subject)
        lines.append(f"{ent.name} ({subject})" if ent else subject)
        for conflict in by_subject[subject]:
            key = f" [{conflict.key}]" if conflict.key else ""
            lines.append(f"  {conflict.property}{key}: cause {conflict.cause}; more likely "
                         f"'{conflict.likely.label}' (confidence {conflict.likely.confidence:.2f})")
            for side in conflict.sides:
                lines.append(f"    '{side.label}'  confidence {side.confidence:.2f}")
                for c in sorted(side.claims, key=lambda c: c.location.line):
                    src = base.sources.get(c.source)
                    flags = " (hedged)" if c.hedged else ""
                    lines.append(f"      {c.id}  {label(c, base)}{flags}  — {src.title if src else c.source} "
                                 f"[{c.source}]  {c.location}")
                    if c.quote:
                        lines.append(f"        \"{_quote(c.quote)}\"")
            for c in deprecated.get((conflict.subject, conflict.property, conflict.key), []):
                lines.append(f"    deprecated, not counted: {c.id}  {label(c, base)}  [{c.source}]  {c.location}")
            lines.append(f"    why: {conflict.explanation}")
        lines.append("")
    n = len(conflicts)
    lines.append(f"{n} conflict{'s' if n != 1 else ''} in {len(by_subject)} subject{'s' if len(by_subject) != 1 else ''}.")
    return "\n".join(lines) + "\n"


def render_sources(base: FactBase, analysis: Analysis) -> str:
    """The trust table: source, title, kind, claims, conflicts taken part in, trust prior, trust score."""
    claims: dict[str, int] = defaultdict(int)
    for c in base.claims:
        claims[c.source] += 1
    in_conflicts = conflicts_by_source(analysis.conflicts)
    header = ("source", "title", "kind", "claims", "conflicts", "prior", "trust")
    rows = []
    for sid in sorted(set(base.sources) | set(analysis.trust),
                      key=lambda s: (-analysis.trust.get(s, 0.0), s)):
        src = base.sources.get(sid)
        rows.append((sid, _quote(src.title, 48) if src else "(not declared)", src.kind if src else "",
                     str(claims.get(sid, 0)), str(in_conflicts.get(sid, 0)),
                     f"{src.trust:.2f}" if src else "", f"{analysis.trust[sid]:.2f}" if sid in analysis.trust else ""))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    numeric = {3, 4, 5, 6}

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w)
                         for i, (cell, w) in enumerate(zip(row, widths))).rstrip()

    lines = [fmt(header), fmt(tuple("-" * w for w in widths)), *map(fmt, rows)]
    lines.append(f"Trust: TruthFinder (Yin, Han and Yu, KDD 2007) after {analysis.iterations} iterations, "
                 "seeded with each source's prior.")
    return "\n".join(lines) + "\n"
