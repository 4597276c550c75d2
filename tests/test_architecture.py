"""The shape of the package: no import cycle, one rule table, every code produced by exactly one place.

The import graph is read from the sources (ast), not from a running interpreter: every
`import spacefacts.x`, `from spacefacts.x import y` (y a module when spacefacts/x/y.py exists),
`from spacefacts import x` and relative import, wherever it stands (inside functions and
`if TYPE_CHECKING:` blocks too). Importing a submodule runs its package's __init__ first; that
implicit step is not an edge (a package's __init__ may list its own submodules).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT
from spacefacts.checks import CHECKS
from spacefacts.rules import RULES, STAGES, STATUSES, TABLE

PACKAGE = ROOT / "src" / "spacefacts"
LOADER_CODES = re.compile(r"SF1\d\d")  # the loader's range: produced while loading, not by a check


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package modules it imports, from every .py file under `package`."""
    files = {module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in files}

    def known(name: str) -> str | None:  # the module itself, or for `from a import b`, a.b when that is a module
        return name if name in files else None

    for name, path in files.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                    source = f"{base}.{node.module}" if node.module else base
                else:
                    source = node.module or ""
                targets = [source]
                targets += [f"{source}.{alias.name}" for alias in node.names if known(f"{source}.{alias.name}")]
            for target in targets:
                while target and target not in files and "." in target:  # `import a.b.c` names a module a.b
                    target = target.rpartition(".")[0]
                if target in files and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert {"spacefacts.checks.evidence", "spacefacts.diagnostics"} <= graph["spacefacts.checks"]  # read at all
    assert cycles(graph) == []


def test_the_graph_sees_every_kind_of_import(tmp_path) -> None:
    """A cycle through each import form is found: plain, from-module, from-package, relative, in a function."""
    pkg = tmp_path / "spacefacts"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("import spacefacts.b\n")
    (pkg / "b.py").write_text("def f():\n    from spacefacts import c\n")
    (pkg / "c.py").write_text("from spacefacts.sub.d import x\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "d.py").write_text("from ..e import y\n")
    (pkg / "e.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from spacefacts.a import z\n")
    assert cycles(import_graph(pkg)) == [["spacefacts.a", "spacefacts.b", "spacefacts.c", "spacefacts.e",
                                          "spacefacts.sub.d"]]
    (pkg / "e.py").write_text("")
    assert cycles(import_graph(pkg)) == []


def test_the_loader_does_not_import_the_checks() -> None:
    graph = import_graph()
    reachable, todo = set(), ["spacefacts.loader"]
    while todo:
        for m in graph[todo.pop()] - reachable:
            reachable.add(m)
            todo.append(m)
    assert not {m for m in reachable if m == "spacefacts.checks" or m.startswith("spacefacts.checks.")}


def test_the_rule_table_lists_each_code_once_in_code_order() -> None:
    codes = [r.code for r in TABLE]
    assert codes == sorted(set(codes)), "a code listed twice, or out of order"
    assert len(RULES) == len(TABLE)
    for r in TABLE:
        assert re.fullmatch(r"SF\d{3}", r.code) and r.stage in STAGES and r.status in STATUSES, r


def test_every_code_has_one_producer_and_removed_codes_have_none() -> None:
    produced = [code for c in CHECKS for code in c.codes]
    assert len(produced) == len(set(produced)), "two checks produce one code"
    assert set(produced) <= set(RULES), "a check produces a code the table does not list"
    for r in TABLE:
        by_loader = LOADER_CODES.fullmatch(r.code) is not None
        if r.status == "removed":
            assert r.code not in produced and not by_loader, f"{r.code} is removed but still produced"
        else:
            assert (r.code in produced) != by_loader, f"{r.code}: produced by no check and not the loader's, or both"


def test_each_check_runs_in_the_stage_of_its_codes() -> None:
    for c in CHECKS:
        assert {RULES[code].stage for code in c.codes} == {c.stage}, c.fn.__name__
    finalizing = [c.finalizing for c in CHECKS]
    assert finalizing == sorted(finalizing), "a finalizing check is listed before an ordinary one"
