"""The entity card for `spacefacts show`, and the answer when a name is ambiguous or unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacefacts.model import DEPRECATED, PREFERRED, Claim, Entity, FactBase
from spacefacts.render.textsafe import clean, render_rich
from spacefacts.resolve import AMBIGUOUS, Resolution
from spacefacts.timeline import property_of, value_text

if TYPE_CHECKING:
    from spacefacts.truth import Analysis, Conflict


def _claim_block(base: FactBase, claim: Claim, confidence: dict[str, float]):
    """A bullet with a hanging indent: the value line, then the quote and the note."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    line = Text()
    line.append(clean(value_text(base, claim)), style="bold")
    if claim.key:
        line.append(f" ({clean(claim.key)})")
    if claim.when is not None:
        line.append(f", when {clean(claim.when.display())}")
    if claim.as_of is not None:
        line.append(f", as of {clean(claim.as_of.display())}")
    line.append(f"  [{clean(claim.source)}]", style="cyan")
    if claim.id in confidence:
        line.append(f"  confidence {confidence[claim.id]:.2f}")
    flags = [f for f, on in (("hedged", claim.hedged), ("deprecated, not counted", claim.rank == DEPRECATED),
                             ("preferred", claim.rank == PREFERRED)) if on]
    if flags:
        line.append(f"  ({', '.join(flags)})", style="yellow")
    body = [line]
    if claim.quote:
        body.append(Text("“" + clean(claim.quote) + "”", style="italic"))
    if claim.note:
        body.append(Text("note: " + clean(claim.note), style="dim"))
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    grid.add_row("•", Group(*body))
    return grid


def _status(claims: list[Claim], conflicts: list[tuple[Conflict, str | None]]):
    """The agreement line of a property: its conflicts (each accepted with the reason, or to review)."""
    from rich.text import Text

    if conflicts:
        reviewed = all(reason is not None for _, reason in conflicts)
        text = Text("sources disagree" + (" (accepted)" if reviewed else ""),
                    style="bold yellow" if reviewed else "bold red")
        for conflict, reason in conflicts:
            key = f" ({clean(conflict.key)})" if conflict.key else ""
            text.append(f"\n  {clean(conflict.cause)}{key}: ", style="red")
            text.append(" vs ".join(
                f"{clean(side.label)} [{', '.join(dict.fromkeys(clean(c.source) for c in side.claims))}]"
                f" {side.confidence:.2f}" + (" (likely)" if side is conflict.likely else "")
                for side in conflict.sides))
            if reason is None:
                text.append("\n  to review", style="bold red")
            else:
                text.append("\n  accepted: ", style="yellow")
                text.append(clean(reason))
        return text
    sources = {c.source for c in claims if c.counted}
    if len(sources) > 1:
        return Text(f"{len(sources)} sources, no conflict", style="green")
    return Text("one source" if sources else "no counted claim", style="dim")


def _about(base: FactBase, entity: Entity, analysis: Analysis | None):
    """What a card shows: the entity's claims by property (file order), claim confidence, its
    conflicts, each with the reason a claim accepts it with (None: to review)."""
    from spacefacts.truth import accepted_reasons

    by_property: dict[str, list[Claim]] = {}
    for claim in base.claims:
        if claim.subject == entity.id:
            by_property.setdefault(claim.property, []).append(claim)
    confidence = analysis.confidence if analysis else {}
    conflicts = [c for c in analysis.conflicts if c.subject == entity.id] if analysis else []
    return by_property, confidence, list(zip(conflicts, accepted_reasons(conflicts)))


def render_card(base: FactBase, entity: Entity, analysis: Analysis | None = None,
                width: int | None = 80, color: bool = False) -> str:
    """The entity, its aliases and links, then each property with its claims, agreement and confidence.

    Wrapped to `width` columns; `width` None (a pipe): every line whole."""
    from rich.padding import Padding
    from rich.text import Text

    by_property, confidence, conflicts = _about(base, entity, analysis)
    head = Text(clean(entity.name), style="bold")
    head.append(f"  {clean(entity.id)} · {clean(entity.kind)}", style="dim")
    parts: list = [head]
    if entity.aliases:
        parts.append(Text("also known as: " + "; ".join(clean(a) for a in entity.aliases)))
    for relation, target in entity.links:
        name = base.entities[target].name if target in base.entities else target
        parts.append(Text(f"{clean(relation)}: {clean(name)} ({clean(target)})"))
    if entity.description:
        parts.append(Text(clean(entity.description), style="dim"))
    if not by_property:
        parts.append(Text("\nno claims about this entity", style="dim"))
    for prop_id, claims in by_property.items():
        prop = property_of(base, prop_id)
        title = Text("\n" + clean(prop.label or prop_id), style="bold underline")
        if (prop.label or prop_id) != prop_id.replace("_", " "):
            title.append(f" ({clean(prop_id)})", style="dim")
        title.append("  ")
        title.append_text(_status(claims, [(c, r) for c, r in conflicts if c.property == prop_id]))
        parts.append(title)
        claims.sort(key=lambda c: (c.key or "", c.when.sort_key if c.when else (), c.id))
        for claim in claims:
            parts.append(Padding(_claim_block(base, claim, confidence), (0, 0, 0, 2)))
    return render_rich(parts, width, color)


def _claim_dict(base: FactBase, c: Claim, confidence: dict[str, float]) -> dict:
    from spacefacts.render.json import location_dict

    return {
        "id": c.id, "value": value_text(base, c), "key": c.key, "source": c.source,
        "when": c.when.display() if c.when else None, "as_of": c.as_of.display() if c.as_of else None,
        "rank": c.rank, "hedged": c.hedged, "quote": c.quote, "note": c.note,
        "confidence": round(confidence[c.id], 4) if c.id in confidence else None,
        **location_dict(c.location),
    }


def card_json(base: FactBase, entity: Entity, analysis: Analysis | None = None) -> str:
    """The entity card as JSON: the entity, then each property with its claims (and confidence) and conflicts."""
    import json

    from spacefacts.render.conflicts import conflict_dict

    by_property, confidence, conflicts = _about(base, entity, analysis)
    doc = {
        "version": 1, "tool": "spacefacts", "file": base.path,
        "entity": {"id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": list(entity.aliases),
                   "links": [{"relation": rel, "id": target,
                              "name": base.entities[target].name if target in base.entities else None}
                             for rel, target in entity.links],
                   "description": entity.description},
        "properties": [{"id": pid, "label": property_of(base, pid).label or pid,
                        "claims": [_claim_dict(base, c, confidence) for c in claims],
                        "conflicts": [conflict_dict(base, c, r) for c, r in conflicts if c.property == pid]}
                       for pid, claims in by_property.items()],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def candidate_lines(resolution: Resolution, numbered: bool = False) -> list[str]:
    """One line per candidate of a lookup: name (id, kind) and score; numbered from 1 when asked."""
    rows = [f"{clean(c.entity.name)} ({clean(c.entity.id)}, {clean(c.entity.kind)})  score {c.score:.0f}"
            for c in resolution.candidates]
    return [f"  {n}. {row}" if numbered else f"  {row}" for n, row in enumerate(rows, 1)]


def render_resolution(resolution: Resolution, hint: str = "use a fuller name or the id",
                      numbered: bool = False) -> str:
    """Plain text for a lookup that found no single entity: the ranked candidates with their ids
    (ambiguous; `hint` says how to choose one; numbered from 1 when asked), or did-you-mean."""
    query = clean(resolution.query)
    if resolution.status == AMBIGUOUS:
        head = f"'{query}' matches more than one entity; {hint}:"
        return "\n".join([head, *candidate_lines(resolution, numbered)]) + "\n"
    if resolution.candidates:
        return "\n".join([f"no entity matches '{query}'. Did you mean:", *candidate_lines(resolution)]) + "\n"
    return f"no entity matches '{query}'.\n"
