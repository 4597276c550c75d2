"""Search hits for the terminal (`spacefacts search`)."""

from __future__ import annotations

from spacefacts.render.textsafe import clean, render_rich
from spacefacts.search import Hit


def render_hits(hits: list[Hit], width: int = 80, color: bool = False) -> str:
    """One block per hit: score, subject, property and value, source; then the matching text."""
    from rich.padding import Padding
    from rich.text import Text


    if not hits:
        return "No claims match.\n"
    parts = []
    for hit in hits:
        head = Text(f"{hit.score:>3.0f}  ", style="dim")
        head.append(clean(hit.subject_name), style="bold")
        head.append(f" · {clean(hit.label)}  ")
        head.append(f"[{clean(hit.claim.source)}]", style="cyan")
        parts.append(head)
        body = Text(f"{hit.field}: {clean(hit.text)}")
        body.append(f"\nclaim {clean(hit.claim.id)}", style="dim")
        parts.append(Padding(body, (0, 0, 0, 5)))
    return render_rich(parts, width, color)
