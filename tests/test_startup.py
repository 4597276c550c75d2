"""`spacefacts --version` must not import the heavy modules (style habit 12)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("rapidfuzz", "dateutil", "tomli", "tomllib", "edtf")

# main() ends the process itself (os._exit, cli._leave), so the probe reads what was imported from
# -X importtime on stderr rather than from sys.modules afterwards.
PROBE = 'import sys; sys.argv = ["spacefacts", "--version"]; import spacefacts.cli; spacefacts.cli.main()'


def _version_run() -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run `spacefacts --version` through cli.main(): the process and every module it imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", PROBE], capture_output=True, text=True,
                          timeout=60)
    modules = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return proc, modules[1:]  # the first row is the table's heading


def test_version_imports_nothing_heavy():
    proc, modules = _version_run()
    assert proc.returncode == 0 and proc.stdout.startswith("spacefacts ")
    assert "spacefacts.cli" in modules  # the probe sees the imports
    heavy = sorted({name.split(".")[0] for name in modules} & set(HEAVY))
    assert heavy == [], f"--version imported {heavy}; move those imports into functions"


# What the CLI module needs to declare its commands; the loader, the checks, the report and the
# renderers load only when a command uses them.
VERSION_CORE = ["spacefacts.cli", "spacefacts.errors", "spacefacts.render", "spacefacts.render.export"]


def test_version_imports_only_what_declares_the_commands():
    core = sorted(name for name in _version_run()[1] if name.startswith("spacefacts."))
    assert core == VERSION_CORE, f"--version imported {sorted(set(core) - set(VERSION_CORE))} too"
