"""A second CPU core for a large file's per-claim checks (used by pipeline.py only, its one split point).

`Forked(fn)` runs fn() in a forked child process while this process goes on with other work;
`.result()` waits and returns fn's value (which must not be None), sent back through a pipe. The
child starts from a copy of this process's memory, so fn needs no arguments sent to it, and it
writes nothing but its result. When the child fails in any way (an exception, a crash, a signal),
`.result()` returns None and the caller computes that part itself: results never depend on the child.
`Tickets(n)` hands out n pieces of work, each to whichever of the two processes asks first.

Only on Linux (fork is unsafe on macOS, absent on Windows), with two or more usable CPUs, and
unless SPACEFACTS_JOBS=1. The pipeline uses it only for files large enough to repay the fork.
"""

from __future__ import annotations

import marshal
import os
import pickle
import sys
from collections.abc import Callable
from typing import Any


def workers() -> int:
    """How many processes may share the work (at most 2): SPACEFACTS_JOBS if set (1: no fork), else the usable CPUs."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return 1
    env = os.environ.get("SPACEFACTS_JOBS", "").strip()
    if env.isdigit():
        return max(1, min(int(env), 2))
    return min(2, len(os.sched_getaffinity(0)))


class Forked:
    """fn() computing in a forked child; result() waits for it (None when the child failed)."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._pid = None
        try:
            read, write = os.pipe()
        except OSError:  # out of file descriptors: no child, the caller computes it all
            return
        try:
            self._pid = os.fork()
        except OSError:  # e.g. out of processes or memory
            os.close(read)
            os.close(write)
            return
        if self._pid == 0:  # the child: compute, send, and leave without running any exit handlers
            os.close(read)
            code = 1
            try:
                with os.fdopen(write, "wb") as out:
                    out.write(_dumps(fn()))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._read = read

    def result(self) -> Any:
        """fn()'s value, or None when the child did not finish cleanly (or could not be started)."""
        if self._pid is None:
            return None
        try:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
        finally:
            _, status = os.waitpid(self._pid, 0)
        if status != 0 or not data:
            return None
        try:
            return _loads(data)
        except Exception:  # a truncated payload: treat as a failed child
            return None


class Tickets:
    """The numbers 0..n-1, each handed out once to whichever of this process and a forked child asks
    first: a pipe filled with one byte per number before the fork, each take() reading one byte (a
    read of one byte from a pipe is atomic). The two processes share pieces of work this way, so
    the one that is ahead (or less slowed by its neighbours on a shared machine) does more of them."""

    def __init__(self, n: int) -> None:
        assert 0 < n <= 256
        self._read, write = os.pipe()
        os.write(write, bytes(range(n)))  # fits the pipe's buffer (64 KiB on Linux)
        os.close(write)  # no writer left: reading an empty pipe gives b"" at once

    def take(self, leave: int = 0) -> int | None:
        """The next number; None when none is left, or when no more than `leave` are left (they are
        left to the other process, for which they cost less)."""
        if leave and self.left() <= leave:
            return None
        got = os.read(self._read, 1)
        return got[0] if got else None

    def left(self) -> int:
        """How many numbers are not taken yet."""
        import fcntl
        import termios

        return int.from_bytes(fcntl.ioctl(self._read, termios.FIONREAD, bytes(4)), sys.byteorder)

    def close(self) -> None:
        os.close(self._read)


def _dumps(value: Any) -> bytes:
    """marshal when it can hold the value (parsed TOML without dates: 6x faster to write than pickle,
    a third faster to read), else pickle (dates, records); one leading byte says which."""
    try:
        return b"m" + marshal.dumps(value)
    except ValueError:  # an object marshal does not know
        return b"p" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    body = memoryview(data)[1:]
    return marshal.loads(body) if data[:1] == b"m" else pickle.loads(body)
