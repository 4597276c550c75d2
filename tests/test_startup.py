"""`spacefacts --version` must not import the heavy modules (style habit 12)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rapidfuzz", "dateutil", "tomli", "tomllib", "edtf")

PROBE = """
import json, sys
sys.argv = ["spacefacts", "--version"]
import spacefacts.cli
try:
    spacefacts.cli.main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(%r)))
core = sorted(name for name in sys.modules if name.startswith("spacefacts."))
print(json.dumps({"code": code, "heavy": heavy, "core": core}))
"""


def test_version_imports_nothing_heavy():
    out = subprocess.run(
        [sys.executable, "-c", PROBE % json.dumps(HEAVY)], capture_output=True, text=True, timeout=60, check=True
    )
    first, last = out.stdout.splitlines()[0], out.stdout.splitlines()[-1]
    assert first.startswith("spacefacts ")
    result = json.loads(last)
    assert result["code"] in (0, None)
    assert result["heavy"] == [], f"--version imported {result['heavy']}; move those imports into functions"


# What the CLI module needs to declare its commands; the loader, the checks, the report and the
# renderers load only when a command uses them.
VERSION_CORE = ["spacefacts.cli", "spacefacts.errors", "spacefacts.render", "spacefacts.render.export"]


def test_version_imports_only_what_declares_the_commands():
    out = subprocess.run(
        [sys.executable, "-c", PROBE % json.dumps(HEAVY)], capture_output=True, text=True, timeout=60, check=True
    )
    core = json.loads(out.stdout.splitlines()[-1])["core"]
    assert core == VERSION_CORE, f"--version imported {sorted(set(core) - set(VERSION_CORE))} too"
