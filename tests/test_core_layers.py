"""Issue 12: the view filters live in the core (filters.py), one did-you-mean serves ids and rule
codes, and the core modules stats, quotes, filters and the matching helpers import no checks,
no renderers and no CLI libraries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacefacts.cli import app
from spacefacts.errors import SpacefactsError
from spacefacts.filters import ConflictFilter, UnresolvedEntity, conflict_filter, timeline_filters
from spacefacts.loader import load_file
from spacefacts.truth import analyze

SRC = Path(__file__).parent.parent / "src" / "spacefacts"
VIEWS = str(Path(__file__).parent / "fixtures" / "views.toml")


@pytest.fixture(scope="module")
def base():
    return load_file(VIEWS)[0]


@pytest.mark.parametrize("kwargs, message", [
    ({"since": "20x0"}, "--since: '20x0'"),
    ({"until": "yesterday"}, "--until:"),
    ({"kinds": ["compnay"]}, "unknown kind 'compnay' (did you mean 'company'?)"),
    ({"properties": ["foundd"]}, "unknown property 'foundd' (did you mean 'founded'?)"),
    ({"sources": ["promoo"]}, "unknown source 'promoo' (did you mean 'promo'?)"),
    ({"sources": ["zzzzzzzz"]}, "unknown source 'zzzzzzzz' (known: caixin-2025, promo, spacenews-2022)"),
])
def test_timeline_filters_raise_one_line_errors(base, kwargs, message):
    with pytest.raises(SpacefactsError) as err:
        timeline_filters(base, **kwargs)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_timeline_filters_resolve_entities_and_parse_dates(base):
    f = timeline_filters(base, entities=["qianfan"], kinds=["company"], since="2019", until="2021", limit=3)
    assert f.entities == ("spacesail",) and f.kinds == ("company",) and f.limit == 3
    assert (f.since.earliest.year, f.until.latest.year) == (2019, 2021)


def test_an_unknown_entity_carries_its_resolution(base):
    with pytest.raises(UnresolvedEntity) as err:
        conflict_filter(base, entities=["space"])
    assert err.value.resolution.query == "space" and len(err.value.resolution.candidates) > 1


def test_conflict_filter_keeps_what_the_options_ask(base):
    conflicts = analyze(base).conflicts
    assert conflicts, "the fixture has conflicts"
    everything, hidden = ConflictFilter().apply(conflicts)
    assert everything == list(conflicts) and hidden == 0
    subject = conflicts[0].subject
    kept, _ = conflict_filter(base, entities=[subject]).apply(conflicts)
    assert kept and all(c.subject == subject for c in kept)
    source = conflicts[0].sides[0].claims[0].source
    kept, _ = conflict_filter(base, sources=[source]).apply(conflicts)
    assert kept and all(any(x.source == source for s in c.sides for x in s.claims) for c in kept)


def test_rule_codes_use_the_one_did_you_mean():
    """'S1101' is one letter from SF101 and two from SF111 (difflib's old suggestion)."""
    result = CliRunner().invoke(app, ["rule", "S1101"])
    assert result.exit_code == 2
    assert "unknown rule code 'S1101' (did you mean 'SF101'?)" in result.stderr


def _imports(module: str) -> set[str]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", ["stats.py", "quotes.py", "filters.py", "text.py", "evidence.py", "values.py",
                                    "resolve.py", "search.py", "truth.py", "timeline.py", "loader.py"])
def test_core_modules_import_no_checks_renderers_or_cli(module):
    bad = {m for m in _imports(module)
           if m.startswith(("spacefacts.checks", "spacefacts.render", "spacefacts.cli", "typer", "rich"))}
    assert not bad, f"{module} imports {sorted(bad)}"
