"""Reading user files with clear errors and a size bound, and writing files atomically and safely.

Inputs: a regular file or a pipe (FIFO), at most `max_input_bytes()` (SPACEFACTS_MAX_INPUT_BYTES,
default 1 GB); a device, socket or folder is refused with a one-line reason. Every file this
process reads is remembered (`was_read`), so no output can be written onto it.

Outputs: a device or FIFO (`-o /dev/stdout`, `-o /dev/null`) is written in place; a symlink is
followed and its target replaced; a regular file is replaced atomically through a temporary file
`.NAME.spacefacts-PID.tmp` beside it. Such a file left by a killed run (SIGKILL) is removed by the
next write to the same NAME once process PID no longer exists.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from spacefacts.errors import SpacefactsError

MAX_INPUT_ENV = "SPACEFACTS_MAX_INPUT_BYTES"
MAX_INPUT_BYTES = 1_000_000_000  # 1 GB: far above any real fact file or source text

_read_files: set[tuple[int, int]] = set()  # (device, inode) of every file this process read


def max_input_bytes() -> int:
    """The most bytes one input may have: $SPACEFACTS_MAX_INPUT_BYTES, else 1 GB."""
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not value:
        return MAX_INPUT_BYTES
    if not value.isdigit():
        raise SpacefactsError(f"{MAX_INPUT_ENV} must be a whole number of bytes, not '{value}'")
    return int(value)


def was_read(path: str | os.PathLike) -> bool:
    """True when `path` is (the same file as) one this process has read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) in _read_files


def _note_read(st: os.stat_result) -> None:
    """Remember a file read (by device and inode)."""
    _read_files.add((st.st_dev, st.st_ino))


def _same(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def read_text(path: str | os.PathLike) -> str:
    """Read a UTF-8 text file (or a pipe) or raise SpacefactsError with a one-line reason."""
    p = Path(path)
    data = read_bytes(p)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SpacefactsError("binary file (NUL byte), not a TOML fact file", f"{p}:{line}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpacefactsError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", f"{p}:{line}:{col}") from None
    return text.removeprefix("\ufeff")


def read_bytes(p: Path) -> bytes:
    """At most max_input_bytes() of a regular file or FIFO; anything else, or more, is refused."""
    limit = max_input_bytes()
    too_big = f"larger than {limit} bytes, the input limit (set {MAX_INPUT_ENV} to raise it)"
    try:
        mode = os.stat(p).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise SpacefactsError("not a regular file (a device or socket); give a file or a pipe", str(p))
        with open(p, "rb") as fh:
            st = os.fstat(fh.fileno())
            _note_read(st)
            if stat.S_ISREG(mode) and st.st_size > limit:
                raise SpacefactsError(too_big, str(p))
            # a buffer of the limit's size, shrunk to the data: it is mapped apart from malloc's heap, so a
            # text's memory goes back to the system when freed (reading a regular file's size + 1 was 0.02 s
            # faster for the 100k file's 625 texts, but at 1M claims raised the peak from 849 to 935 MB)
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise SpacefactsError("no such file", str(p)) from None
    except IsADirectoryError:
        raise SpacefactsError("is a directory, not a file", str(p)) from None
    except PermissionError:
        raise SpacefactsError("permission denied", str(p)) from None
    except OSError as exc:
        raise SpacefactsError(f"cannot read: {exc.strerror or exc}", str(p)) from None
    if len(data) > limit:
        raise SpacefactsError(too_big, str(p))
    return data


FACT_TABLES = ("sources", "entities", "properties", "claims")
DEFAULT_FACT_FILE = "facts.toml"


def read_problem(path: str | os.PathLike, inputs: tuple[str, ...] = ()) -> str | None:
    """Why `path` must never be written to: it is one of `inputs` or a file this process has read
    (such as a source text); else None."""
    if any(_same(path, i) for i in inputs):
        return "that is the fact file being read"
    if was_read(path):
        return "that is a file being read (a fact file or a source text)"
    return None


def fact_file_problem(path: str | os.PathLike) -> str | None:
    """Why `path` should not be overwritten without --force: it is the default fact file ./facts.toml
    or an existing file that looks like a fact file; else None."""
    if _same(path, DEFAULT_FACT_FILE):
        return f"that is the default fact file {DEFAULT_FACT_FILE}"
    if looks_like_fact_file(path):
        return "that is a fact file (TOML with sources, entities, properties or claims)"
    return None


def looks_like_fact_file(path: str | os.PathLike) -> bool:
    """True when `path` is a regular file that parses as TOML with a top-level table of a fact file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            data = fh.read(max_input_bytes() + 1)
    except (OSError, ValueError, SpacefactsError):
        return False
    if not any(name.encode() in data for name in FACT_TABLES):  # most files: no TOML parse at all
        return False
    import tomllib

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    return any(isinstance(doc.get(name), (dict, list)) for name in FACT_TABLES)


def write_atomic(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """Write text (or its pieces, one after the other) to path without ever leaving a mix of old and new content.

    A device or FIFO is written in place; a symlink is followed (the link stays, its target is
    replaced); a regular file is written to `.NAME.spacefacts-PID.tmp` beside it and renamed over
    it. A new file gets the permissions the umask gives; an existing file keeps its mode.
    """
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise SpacefactsError(f"cannot write: {exc.strerror or exc}", str(p)) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise SpacefactsError("is a folder", str(p))
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(p, text)
        return
    if p.is_symlink():
        p = Path(os.path.realpath(p))
        if p.is_symlink():
            raise SpacefactsError("too many levels of symbolic links", str(path))
    folder = p.parent  # Path("x").parent is Path(".")
    if not folder.is_dir():
        raise SpacefactsError("folder does not exist", str(folder))
    try:
        _remove_stale_temps(p)
        tmp = folder / f".{p.name}.spacefacts-{os.getpid()}.tmp"
        fd = _create(tmp)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.writelines([text] if isinstance(text, str) else text)
                fh.flush()
                os.fsync(fh.fileno())
            if mode is not None:
                os.chmod(tmp, stat.S_IMODE(mode))
            os.replace(tmp, p)
        except BaseException:  # also KeyboardInterrupt and the CLI's SIGTERM exception
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SpacefactsError(f"cannot write: {exc.strerror or exc}", str(p)) from None


def _write_in_place(p: Path, text: str | Iterable[str]) -> None:
    """A device or FIFO: written as it is (`-o /dev/null` discards, `-o /dev/stdout` prints)."""
    try:
        with open(p, "w", encoding="utf-8", newline="") as fh:
            fh.writelines([text] if isinstance(text, str) else text)
    except OSError as exc:
        raise SpacefactsError(f"cannot write: {exc.strerror or exc}", str(p)) from None


def _create(tmp: Path) -> int:
    """Create the temporary file (mode 0666 less the umask). One of that name is left by an earlier
    process with this PID, which is gone since this one has it: it is replaced."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(tmp, flags, 0o666)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        return os.open(tmp, flags, 0o666)


def _remove_stale_temps(p: Path) -> None:
    """Remove `.NAME.spacefacts-PID.tmp` files of this NAME whose process no longer exists."""
    prefix = f".{p.name}.spacefacts-"
    try:
        names = [n for n in os.listdir(p.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):-len(".tmp")]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                os.unlink(p.parent / name)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    """Whether process `pid` exists (one of another user counts: signalling it is refused, not failed)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True
    return True
