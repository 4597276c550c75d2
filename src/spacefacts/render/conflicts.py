"""The views of `spacefacts conflicts` and `spacefacts sources`, as text or JSON. Return text, never print."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from spacefacts.model import Claim, FactBase
from spacefacts.render import ViewFormat
from spacefacts.render.textsafe import clean, paint, wrap
from spacefacts.truth import Analysis, Conflict, accepted_reasons, conflicts_by_source, in_file_order
from spacefacts.values import label


def _quote(text: str, width: int | None = 100) -> str:
    text = clean(text)
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def _row_style(indent: int, text: str) -> str | None:
    """The colour of a row of the conflicts view, by its place: subject, conflict, side, claim, quote."""
    if indent == 0:
        return "bold"
    if indent == 2:
        return "red"
    if indent == 4:
        return "dim" if text.startswith(("why:", "deprecated")) else "bold"
    return "italic" if indent >= 8 else None


def _painted(line: str, style: str | None, color: bool) -> str:
    """A line in `style`, its indentation left plain."""
    body = line.lstrip(" ")
    return line[: len(line) - len(body)] + paint(body, style, color)


def render_conflicts(base: FactBase, conflicts: list[Conflict], width: int | None = 80, color: bool = False) -> str:
    """Conflicts grouped by subject: each side with its confidence, claims, sources and quotes, and
    the curator's reason when a claim accepts it (SF301).

    Subjects by name, a subject's conflicts in file order; lines wrapped to `width` columns (None: one
    line per row, quotes whole); ANSI styles only when `color`."""
    if not conflicts:
        return "No conflicts.\n"
    reasons = dict(zip(map(id, conflicts), accepted_reasons(conflicts)))
    deprecated = defaultdict(list)
    for c in base.claims:
        if not c.counted:
            deprecated[(c.subject, c.property, c.key)].append(c)
    by_subject: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in in_file_order(conflicts):
        by_subject[conflict.subject].append(conflict)
    rows: list[tuple[int, str]] = []  # (indent, text), wrapped at the end
    for subject in sorted(by_subject, key=lambda s: (base.entities[s].name.casefold() if s in base.entities else s)):
        ent = base.entities.get(subject)
        rows.append((0, f"{clean(ent.name)} ({clean(subject)})" if ent else clean(subject)))
        for conflict in by_subject[subject]:
            rows.extend(_conflict_rows(base, conflict, deprecated.get((subject, conflict.property, conflict.key), []),
                                       width, reasons[id(conflict)]))
        rows.append((0, ""))
    n, accepted = len(conflicts), sum(r is not None for r in reasons.values())
    rows.append((0, f"{n} conflict{'s' if n != 1 else ''} in {len(by_subject)} "
                    f"subject{'s' if len(by_subject) != 1 else ''}: {accepted} accepted, {n - accepted} to review."))
    last = len(rows) - 1
    return "".join(_painted(line, "dim" if i == last else _row_style(indent, text), color) + "\n"
                   for i, (indent, text) in enumerate(rows) for line in wrap(indent, text, width))


def _conflict_rows(base: FactBase, conflict: Conflict, deprecated: list[Claim],
                   width: int | None, accepted: str | None = None) -> Iterator[tuple[int, str]]:
    """(indent, text) rows of one conflict: its summary (marked accepted or to review), each side
    with its claims and quotes, the deprecated claims of the same subject x property x key, why,
    and the curator's reason when a claim accepts it."""
    key = f" [{clean(conflict.key)}]" if conflict.key else ""
    state = "accepted" if accepted is not None else "to review"
    yield (2, f"{clean(conflict.property)}{key} ({state}): cause {conflict.cause}; more likely "
              f"'{clean(conflict.likely.label)}' (confidence {conflict.likely.confidence:.2f})")
    for side in conflict.sides:
        yield (4, f"'{clean(side.label)}'  confidence {side.confidence:.2f}")
        for c in sorted(side.claims, key=lambda c: c.location.line):
            src = base.sources.get(c.source)
            flags = " (hedged)" if c.hedged else ""
            title = f" — {clean(src.title)}" if src else ""
            yield (6, f"{clean(c.id)}  {clean(label(c, base))}{flags}  [{clean(c.source)}]{title}  {c.location}")
            if c.quote:
                yield (8, f"\"{_quote(c.quote, None if width is None else 2 * width - 12)}\"")
    for c in deprecated:
        yield (4, f"deprecated, not counted: {clean(c.id)}  {clean(label(c, base))}  [{clean(c.source)}]  {c.location}")
    yield (4, f"why: {clean(conflict.explanation)}")
    if accepted is not None:
        yield (4, f"accepted: {clean(accepted)}")


def source_rows(base: FactBase, analysis: Analysis) -> list[dict]:
    """One dict per source, most trusted first: id, title, kind, claims, conflicts, prior, trust."""
    claims: dict[str, int] = defaultdict(int)
    for c in base.claims:
        claims[c.source] += 1
    in_conflicts = conflicts_by_source(analysis.conflicts)
    rows = []
    for sid in sorted(set(base.sources) | set(analysis.trust), key=lambda s: (-analysis.trust.get(s, 0.0), s)):
        src = base.sources.get(sid)
        rows.append({"id": sid, "title": src.title if src else None, "kind": src.kind if src else None,
                     "claims": claims.get(sid, 0), "conflicts": in_conflicts.get(sid, 0),
                     "prior": src.trust if src else None,
                     "trust": round(analysis.trust[sid], 4) if sid in analysis.trust else None})
    return rows


def render_sources(base: FactBase, analysis: Analysis, width: int | None = 80, color: bool = False) -> str:
    """The trust table: source, title, kind, claims, conflicts taken part in, trust prior, trust score.

    The title column takes the room the others leave in `width` columns (cut with …; None: whole
    titles); ANSI styles (a bold heading, dim rules) only when `color`."""
    header = ("source", "title", "kind", "claims", "conflicts", "prior", "trust")
    rows = [(clean(r["id"]), clean(r["title"]) if r["title"] is not None else "(not declared)", clean(r["kind"] or ""),
             str(r["claims"]), str(r["conflicts"]), "" if r["prior"] is None else f"{r['prior']:.2f}",
             "" if r["trust"] is None else f"{r['trust']:.2f}") for r in source_rows(base, analysis)]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    if width is not None:
        widths[1] = max(min(widths[1], 48, width - sum(widths) + widths[1] - 2 * (len(header) - 1)), len(header[1]))
    rows = [(r[0], _quote(r[1], widths[1]), *r[2:]) for r in rows]
    numeric = {3, 4, 5, 6}

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w)
                         for i, (cell, w) in enumerate(zip(row, widths))).rstrip()

    lines = [paint(fmt(header), "bold", color), paint(fmt(tuple("-" * w for w in widths)), "dim", color),
             *map(fmt, rows)]
    lines.extend(paint(line, "dim", color) for line in wrap(
        0, f"Trust: TruthFinder (Yin, Han and Yu, KDD 2007) after {analysis.iterations} iterations, "
           "seeded with each source's prior.", width))
    return "\n".join(lines) + "\n"


def _claim_dict(base: FactBase, c) -> dict:
    return {"id": c.id, "value": label(c, base), "source": c.source, "hedged": c.hedged, "quote": c.quote,
            "file": c.location.file, "line": c.location.line, "column": c.location.column}


def conflict_dict(base: FactBase, conflict: Conflict, accepted: str | None = None) -> dict:
    """One conflict as a JSON-ready dict: subject, property, key, cause, likely value, the reason it
    is accepted with (None: not reviewed; see truth.accepted_reasons), sides with claims."""
    ent = base.entities.get(conflict.subject)
    return {
        "subject": conflict.subject, "subject_name": ent.name if ent else None, "property": conflict.property,
        "key": conflict.key, "cause": conflict.cause, "likely": conflict.likely.label,
        "explanation": conflict.explanation, "accepted": accepted,
        "sides": [{"value": side.label, "confidence": round(side.confidence, 4), "likely": side is conflict.likely,
                   "claims": [_claim_dict(base, c) for c in sorted(side.claims, key=lambda c: c.location.line)]}
                  for side in conflict.sides],
    }


def render_view(fmt: ViewFormat, base: FactBase, analysis: Analysis, conflicts: list[Conflict] | None = None,
                width: int | None = 80, color: bool = False) -> str:
    """`spacefacts conflicts` (when `conflicts` is given) or `spacefacts sources`, as text or JSON."""
    match fmt:
        case ViewFormat.TEXT:
            if conflicts is None:
                return render_sources(base, analysis, width, color)
            return render_conflicts(base, conflicts, width, color)
        case ViewFormat.JSON:
            doc: dict = {"version": 1, "tool": "spacefacts", "file": base.path}
            if conflicts is None:
                doc |= {"iterations": analysis.iterations, "sources": source_rows(base, analysis)}
            else:
                ordered = in_file_order(conflicts)
                doc["conflicts"] = [conflict_dict(base, c, r) for c, r in zip(ordered, accepted_reasons(ordered))]
            return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    raise AssertionError(f"unhandled format {fmt!r}")  # pragma: no cover - the match is exhaustive
