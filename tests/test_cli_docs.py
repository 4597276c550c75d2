"""docs/cli.md documents every command and option; docs/rules.md every rule code.

The command reference in docs/cli.md (between the GENERATED markers) is built from the typer
app itself. After changing a command, regenerate it with

    SPACEFACTS_WRITE_DOCS=1 .venv/bin/python -m pytest tests/test_cli_docs.py
"""

from __future__ import annotations

import os
import re
from enum import Enum
from pathlib import Path

import typer

from spacefacts.cli import app

DOC = Path(__file__).parent.parent / "docs" / "cli.md"
BEGIN = "<!-- GENERATED: command reference; edit cli.py and regenerate (see tests/test_cli_docs.py) -->"
END = "<!-- END GENERATED -->"


def commands(group=None, path=("spacefacts",)):
    """(command path, click command) for every leaf command of the app, in the order of --help."""
    group = group or typer.main.get_command(app)
    ctx = group.make_context(path[-1], [], resilient_parsing=True)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if hasattr(cmd, "list_commands"):
            yield from commands(cmd, (*path, name))
        else:
            yield (*path, name), cmd


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _default(param) -> str:
    if getattr(param, "is_flag", False) or param.default in (None, (), []):
        return ""
    value = getattr(param.default, "value", param.default)
    return f"`{value}`"


def section(path: tuple[str, ...], cmd) -> str:
    """One command: heading, usage line, its help, a table of arguments and options."""
    args = [p for p in cmd.params if p.param_type_name == "argument"]
    names = [(p.metavar or p.name.upper(), p) for p in args]
    usage = " ".join([*path, "[OPTIONS]", *(
        name if p.required else f"[{name}]" + ("..." if p.nargs != 1 else "") for name, p in names)])
    rows = ["| Argument / option | Meaning | Default |", "|---|---|---|"]
    for p in cmd.params:
        if p.param_type_name == "argument":
            name = p.metavar or p.name.upper()
        else:
            metavar = "" if getattr(p, "is_flag", False) else " " + (p.metavar or _choices(p) or p.name.upper())
            name = ", ".join(f"{o}{metavar}" for o in sorted(p.opts, key=len))
        rows.append(f"| `{_cell(name)}` | {_cell(p.help or '')} | {_default(p)} |")
    help_text = (cmd.help or "").strip()
    return f"### {' '.join(path[1:])}\n\n```\n{usage}\n```\n\n{help_text}\n\n" + "\n".join(rows) + "\n"


def _choices(param) -> str:
    """`{text|json}` for an enum-valued option."""
    if not isinstance(param.default, Enum):
        return ""
    return "{" + "|".join(member.value for member in type(param.default)) + "}"


def reference() -> str:
    return "\n".join(section(path, cmd) for path, cmd in commands())


def test_cli_reference_is_in_sync():
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"{DOC} lacks the generated-section markers"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    expected = f"{head}{BEGIN}\n\n{reference()}\n{END}{tail}"
    if os.environ.get("SPACEFACTS_WRITE_DOCS"):
        DOC.write_text(expected, encoding="utf-8")
    assert text == expected, "docs/cli.md is out of date; regenerate it (see this file's docstring)"


def test_every_command_and_option_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for path, cmd in commands():
        assert f"### {' '.join(path[1:])}\n" in text
        for p in cmd.params:
            if p.param_type_name == "option":
                assert all(o in text for o in p.opts), (path, p.opts)
            assert p.help, f"{' '.join(path)}: {p.name} has no help text"


def test_every_rule_code_is_documented():
    from spacefacts.rules import RULES

    rules = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^## (SF\d{3}) ", rules, re.M)) == set(RULES)
