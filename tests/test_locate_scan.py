"""locate.Locator's header scan (a literal search for the `[[claims]]` at the start of a line, a regular
expression for the other headers) finds exactly what one regular expression over every line did:
the same offsets, lines, columns, names, tables, claims and `repeated`, in both modes."""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pytest

from conftest import EXT, FACTS, ROOT, need
from spacefacts.locate import _HEADER, Locator, split_key

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


def _reference(text: str, exact: bool) -> tuple:
    """The scan as it was: locate._HEADER (what a header is) over every line, a Python step per header."""
    probe = Locator("", "f.toml")  # only for its multi-line string test over `text`
    probe.text, probe._ml = text, None
    offsets, lines, columns, names, tables, claims, repeated = [], [], [], [], {}, [], False
    line, last = 1, 0
    for m in _HEADER.finditer("\n" + text):
        start = m.start(1) - 1
        if exact and probe._in_multiline_string(start):
            continue
        line += text.count("\n", last, start)
        last = start
        brackets, raw = m.groups()
        name = split_key(raw)
        if brackets == "[[":
            if name == ("claims",):
                claims.append(len(offsets))
        elif name not in tables:
            tables[name] = len(offsets)
        else:
            repeated = True
        offsets.append(start)
        lines.append(line)
        columns.append(start - m.start() + 1)
        names.append(name)
    return offsets, lines, columns, names, tables, claims, repeated


def _scanned(text: str, exact: bool) -> tuple:
    loc = Locator(text, "f.toml", exact=exact)
    for numbers in (loc.offsets, loc.lines, loc.columns, loc.claims):
        assert type(numbers) is array and numbers.typecode == "q"
    return (list(loc.offsets), list(loc.lines), list(loc.columns), loc.names, loc.tables, list(loc.claims),
            loc.repeated)  # fmt: skip


def _same(text: str) -> None:
    for exact in (False, True):
        assert _scanned(text, exact) == _reference(text, exact), f"exact={exact}"


EDGES = {
    "claims on line 1": '[[claims]]\nid = "a"\n[[claims]]\nid = "b"\n',
    "table on line 1": '[settings]\nx = 1\n[[claims]]\nid = "a"\n',
    "indented headers": '[sources]\n  [sources.a]\n\t[sources.b]\n \t [[claims]]\nid = "a"\n  [[claims]]\n[[claims]]\n',
    "spaces inside brackets": '[[ claims ]]\n[ sources.a ]\n[[claims ]]\n[\t[claims]]\n[[\tclaims\t]]\n[[claims]\n',
    "not headers": '[[claims]]x\n[[claimsx]]\n[[claims.accepted]]\n[]\n[[]]\n[ ]\n[[claims\n[claims]]\n',
    "dotted and quoted keys": '[sources."a.b"]\n[ sources . \'c d\' ]\n[entities."x\\"y"]\n[[claims]]\n',
    "a header twice": '[sources.a]\n[[claims]]\n[sources.a]\n[[claims]]\n',
    "headers in multi-line strings": (
        '[[claims]]\nid = "a"\nquote = """\n[[claims]]\n[sources.a]\n  [[claims]]\n"""\n[[claims]]\n'
        "note = '''\n[[claims]]\n'''\n[sources.a]\nx = \"\"\"[[claims]]\n\"\"\"\n[[claims]]\n"
    ),
    "an unterminated multi-line string": '[[claims]]\nquote = """\n[[claims]]\n[sources.b]\n',
    "crlf": '[sources.a]\r\ntitle = "A"\r\n[[claims]]\r\nid = "a"\r\n  [[claims]]\r\n[[claims]]\r\n',
    "tabs and blank lines": '\n\n\t\n[sources.a]\n\t\n\n[[claims]]\n\t[[claims]]\n\n\n[[claims]]',
    "no header": 'x = 1\ny = "[[claims]]"\n',
    "empty": "",
    "only a newline": "\n",
    "claims in a value": 'x = """\n[[claims]]"""\n[[claims]]\n',
}


@pytest.mark.parametrize("name", EDGES)
def test_edge_cases_scan_as_one_expression_did(name: str) -> None:
    _same(EDGES[name])


def test_the_shipped_fact_file_scans_as_one_expression_did() -> None:
    _same(FACTS.read_text(encoding="utf-8"))


def test_a_generated_file_scans_as_one_expression_did(tmp_path: Path) -> None:
    text = generate.write(3000, tmp_path / "facts.toml", texts=False).read_text(encoding="utf-8")
    _same(text)
    # another table among the claims, indented claims, and a header inside a multi-line string
    cut = text.index("[[claims]]", len(text) // 2)
    text = text[:cut] + '[entities.late]\nname = "L"\n  [[claims]]\nid = "x"\nq = """\n[[claims]]\n"""\n' + text[cut:]
    _same(text)


def test_the_100k_benchmark_file_scans_as_one_expression_did() -> None:
    _same(need(Path("/work/ref/b100k/facts.toml")).read_text(encoding="utf-8"))


def test_the_toml_test_files_scan_as_one_expression_did() -> None:
    files = sorted(need(EXT / "toml-test").rglob("*.toml"))
    assert files
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        assert _scanned(text, False) == _reference(text, False), path
        assert _scanned(text, True) == _reference(text, True), path
