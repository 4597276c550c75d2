"""Start-up (style habit 12): `spacefacts --version` must not import the heavy modules, and no command
may import pydantic."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("rapidfuzz", "dateutil", "tomli", "tomllib", "edtf")


def _run(*args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run `spacefacts ARGS` through cli.main(): the process and every module it imported. main() ends
    the process itself (os._exit, cli._leave), so the imports are read from -X importtime on stderr."""
    probe = f"import sys; sys.argv = ['spacefacts', *{list(args)!r}]; import spacefacts.cli; spacefacts.cli.main()"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", probe], capture_output=True, text=True,
                          timeout=60)
    modules = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return proc, modules[1:]  # the first row is the table's heading


def test_version_imports_nothing_heavy():
    proc, modules = _run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("spacefacts ")
    assert "spacefacts.cli" in modules  # the probe sees the imports
    heavy = sorted({name.split(".")[0] for name in modules} & set(HEAVY))
    assert heavy == [], f"--version imported {heavy}; move those imports into functions"


# What the CLI module needs to declare its commands; the loader, the checks, the report and the
# renderers load only when a command uses them.
VERSION_CORE = ["spacefacts.cli", "spacefacts.errors", "spacefacts.render", "spacefacts.render.export"]


def test_version_imports_only_what_declares_the_commands():
    core = sorted(name for name in _run("--version")[1] if name.startswith("spacefacts."))
    assert core == VERSION_CORE, f"--version imported {sorted(set(core) - set(VERSION_CORE))} too"


def test_a_command_does_not_import_pydantic(tmp_path) -> None:
    """typer 0.29 builds a pydantic TypeAdapter for every option of the command run, which costs each
    command about 0.06 s (pyproject pins typer below it)."""
    fact_file = tmp_path / "facts.toml"
    fact_file.write_text('[sources.s]\ntitle = "S"\n', encoding="utf-8")
    proc, modules = _run("check", str(fact_file))
    assert proc.returncode == 0 and "spacefacts.loader" in modules
    assert "pydantic" not in {name.split(".")[0] for name in modules}
