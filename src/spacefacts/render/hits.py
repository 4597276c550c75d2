"""Search hits for the terminal (`spacefacts search`)."""

from __future__ import annotations

from spacefacts.render.textsafe import clean, render_rich
from spacefacts.search import Hit


def render_hits(hits: list[Hit], width: int = 80, color: bool = False) -> str:
    """One block per hit: score, subject, property and value, source; then the matching text."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not hits:
        return "No claims match.\n"
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for hit in hits:
        head = Text(clean(hit.subject_name), style="bold")
        head.append(f" · {clean(hit.label)}  ")
        head.append(f"[{clean(hit.claim.source)}]", style="cyan")
        body = Text(f"{hit.field}: {clean(hit.text)}")
        claim = Text(f"claim {clean(hit.claim.id)}", style="dim")
        grid.add_row(Text(f"{hit.score:.0f}", style="dim"), Group(head, body, claim))
    return render_rich([grid], width, color)
