"""paused_gc: the cyclic garbage collector off while the loader and the checks build objects; trim: freed
heap memory handed back to the system."""

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


def trim() -> None:
    """Hand the C heap's free pages back to the system (glibc's malloc_trim; elsewhere nothing).

    Large strings (the source texts, 0.12 GB at 1M claims) live in the C heap, while Python's small
    objects live in arenas of their own: once the texts are dropped, their pages would stay resident,
    unused, under the truth analysis's peak (also the text and parser output once loaded). Costs a few
    milliseconds."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
