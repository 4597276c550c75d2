"""paused_gc: the cyclic garbage collector off while the loader and the checks build objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (for loading and checking).

    Both make many small objects and no reference cycles; with the cyclic GC on, it rescans the
    whole fact base again and again (a third of the load and of the check time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
