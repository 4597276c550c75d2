"""Shared test helpers. Third-party data lives in ../shared beside the repository."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXT = SHARED / "ext"
FACTS = ROOT / "facts.toml"


# what the CLI reads from the environment, cleared so that the developer's own settings change no test
CLI_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "COLUMNS": None, "CI": "1", "SPACEFACTS_FILE": None}


def invoke(*args: str, input: str | None = None, **env: str | None):
    """Run the CLI in-process (typer's CliRunner: stdout is not a terminal) with CLI_ENV plus `env`;
    a Python exception other than the exit is a failure of the test."""
    from typer.testing import CliRunner

    from spacefacts.cli import app

    result = CliRunner().invoke(app, list(args), input=input, env={**CLI_ENV, **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def one_error_line(result) -> str:
    """The one `spacefacts: error: ...` line of a run that failed with exit 2 and printed nothing else."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("spacefacts: error: "), lines
    assert "Traceback" not in result.output and result.stdout == ""
    return lines[0]


def need(path: Path) -> Path:
    """Skip the calling test cleanly when third-party data is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def toml_value(v) -> str:
    """A Python value written as TOML (strings quoted, lists and inline tables recursively)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    return '"' + str(v).replace('"', '\\"') + '"'


def toml_1_0_invalid() -> list[str]:
    """The toml-test cases (paths like 'invalid/array/no-close-01.toml') TOML 1.0.0 calls invalid; [] when absent."""
    listing = EXT / "toml-test" / "files-toml-1.0.0"
    if not listing.exists():
        return []
    return [rel for rel in listing.read_text().split() if rel.startswith("invalid/") and rel.endswith(".toml")]


def in_terminal(args, env: dict[str, str] | None = None, cwd: Path | None = None, cols: int = 100,
                input: str = "", stderr_too: bool = False) -> tuple[int, str, str]:
    """Run `spacefacts ARGS` with stdin and stdout (and stderr when `stderr_too`) on a pseudo-terminal
    COLS wide, `input` typed ahead: (exit code, what the terminal showed, stderr when it was piped)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "spacefacts", *args], stdin=slave, stdout=slave,
                            stderr=slave if stderr_too else subprocess.PIPE, env=env, cwd=cwd)
    os.close(slave)
    if input:
        os.write(master, input.encode())
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                proc.kill()
                pytest.fail(f"spacefacts {' '.join(args)} hung in the terminal")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer of the terminal has gone
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    proc.wait(timeout=60)
    err = ""
    if proc.stderr is not None:
        err = proc.stderr.read().decode()
        proc.stderr.close()
    return proc.returncode, b"".join(chunks).decode(errors="replace").replace("\r\n", "\n"), err
