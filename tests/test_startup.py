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
print(json.dumps({"code": code, "heavy": heavy}))
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
