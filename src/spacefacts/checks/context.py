"""Context: what a check may need beyond the fact base (its own module, so that the check modules
import it without importing the list of checks that names them)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Context:
    """What a check may need beyond the fact base. Command-line values already merged over [settings]."""

    texts_dir: str | None = None  # --texts: folder with source documents by file name
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    cache: dict = field(default_factory=dict)  # shared results (conflict groups, trust) computed once per run
