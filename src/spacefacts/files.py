"""Reading user files with clear errors, and writing files atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from spacefacts.errors import SpacefactsError


def read_text(path: str | os.PathLike) -> str:
    """Read a UTF-8 text file or raise SpacefactsError with a one-line reason."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise SpacefactsError("no such file", str(p)) from None
    except IsADirectoryError:
        raise SpacefactsError("is a directory, not a fact file", str(p)) from None
    except PermissionError:
        raise SpacefactsError("permission denied", str(p)) from None
    except OSError as exc:
        raise SpacefactsError(f"cannot read: {exc.strerror or exc}", str(p)) from None
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


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write text to path via a temporary file in the same folder and an atomic rename.

    Either the old content or the complete new content is on disk, never a mix.
    An existing file's permission bits are kept.
    """
    p = Path(path)
    folder = p.parent  # Path("x").parent is Path(".")
    if not folder.is_dir():
        raise SpacefactsError("folder does not exist", str(folder))
    try:
        mode = p.stat().st_mode & 0o7777 if p.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            if mode is not None:
                os.chmod(tmp, mode)
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SpacefactsError(f"cannot write: {exc.strerror or exc}", str(p)) from None
