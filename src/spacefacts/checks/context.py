"""Context: what a check may need beyond the fact base (its own module, so that the check modules
import it without importing the list of checks that names them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacefacts.index import Index
from spacefacts.model import FactBase

if TYPE_CHECKING:
    from spacefacts.resultcache import Results


@dataclass
class Context:
    """What a check may need beyond the fact base. Command-line values already merged over [settings]."""

    texts_dir: str | None = None  # --texts: folder with source documents by file name
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    index: Index | None = None  # what the checks share about the fact base (run_checks makes it)
    results: Results | None = None  # what the checks may reuse from earlier runs (resultcache.py; check runs)

    def index_of(self, base: FactBase) -> Index:
        """The run's index; made from `base` when a check runs on its own (as tests do)."""
        if self.index is None:
            self.index = Index(base, self.results, confidences=False)  # checks read conflicts only
        return self.index
