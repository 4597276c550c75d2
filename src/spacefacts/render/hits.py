"""Search hits for the terminal (`spacefacts search`)."""

from __future__ import annotations

from spacefacts.render.textsafe import clean, render_rich
from spacefacts.search import Hit


def render_hits(hits: list[Hit], width: int | None = 80, color: bool = False) -> str:
    """One block per hit: score, subject, property and value, source; then the matching text.

    When the query held numbers and some hits matched them as numbers, a line parts those from the
    hits that only match as text (search.py: number hits come first). Wrapped to `width` columns;
    `width` None (a pipe): each of the three lines whole."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not hits:
        return "No claims match.\n"
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for n, hit in enumerate(hits):
        if n and hits[n - 1].by_number and not hit.by_number:
            grid.add_row("", Text("similar text, not the same number:", style="dim italic"))
        head = Text(clean(hit.subject_name), style="bold")
        head.append(f" · {clean(hit.label)}  ")
        head.append(f"[{clean(hit.claim.source)}]", style="cyan")
        body = Text(f"{hit.field}: {clean(hit.text)}")
        claim = Text(f"claim {clean(hit.claim.id)}", style="dim")
        grid.add_row(Text(f"{hit.score:.0f}", style="dim"), Group(head, body, claim))
    return render_rich([grid], width, color)


def hits_json(hits: list[Hit], query: str = "") -> str:
    """The hits as JSON, best first: score, subject, property, matching field and text, how it matched
    ("number" or "text"), claim and its place."""
    import json

    from spacefacts.render.json import location_dict

    rows = [{"score": round(h.score, 1), "subject": h.claim.subject, "subject_name": h.subject_name,
             "property": h.claim.property, "label": h.label, "field": h.field, "text": h.text,
             "match": "number" if h.by_number else "text",
             "claim": h.claim.id, "source": h.claim.source, **location_dict(h.claim.location)}
            for h in hits]
    return json.dumps({"version": 1, "tool": "spacefacts", "query": query, "hits": rows},
                      ensure_ascii=False, indent=2) + "\n"
