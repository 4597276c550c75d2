"""Which fact file a command reads when none is given, found as ruff finds its configuration.

An explicit file (-f or the argument) wins; else `SPACEFACTS_FILE`; else `facts.toml` in the
current folder, then in each parent, stopping at the repository root (a folder holding `.git`)
or the filesystem root. Pure: no printing; the CLI says which file it took.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from spacefacts.errors import SpacefactsError

FILE_NAME = "facts.toml"
ENV_VAR = "SPACEFACTS_FILE"


def find_fact_file(cwd: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> str:
    """The default fact file, as a path relative to `cwd` when it was found by searching upwards.

    Raises SpacefactsError saying where it looked when there is none, or when SPACEFACTS_FILE
    names a file that does not exist.
    """
    env = os.environ if env is None else env
    here = Path(os.getcwd() if cwd is None else cwd)
    named = env.get(ENV_VAR)
    if named:
        if not (here / named).is_file():
            raise SpacefactsError(f"{ENV_VAR}={named}: no such file")
        return named
    start = folder = here.resolve()
    while True:
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return FILE_NAME if folder == start else os.path.relpath(candidate, start)
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    root = "the repository root" if (folder / ".git").exists() else "the filesystem root"
    looked = f"in {start} ({root})" if folder == start else f"in {start} or above it, up to {folder} ({root})"
    raise SpacefactsError(f"no {FILE_NAME} {looked}; give one with -f FILE or {ENV_VAR}")
