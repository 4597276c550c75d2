"""The exported Mermaid block, parsed by the real mermaid npm package under node.

Needs `npm ci --prefix tests/js` first (mermaid and jsdom, pinned in tests/js/package-lock.json);
skips when node or tests/js/node_modules is missing. Nothing is downloaded here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from spacefacts.loader import load_file
from spacefacts.render.markdown import render_markdown
from spacefacts.render.mermaid import escape, event_label, render_mermaid
from spacefacts.timeline import timeline

JS = Path(__file__).parent / "js"
FIXTURES = Path(__file__).parent / "fixtures"


def mermaid_parse(text: str) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (JS / "node_modules" / "mermaid").is_dir() or not (JS / "node_modules" / "jsdom").is_dir():
        pytest.skip("mermaid not installed: run `npm ci --prefix tests/js`")
    return subprocess.run([node, str(JS / "mermaid-parse.mjs")], input=text, capture_output=True, text=True,
                          cwd=JS, timeout=120)


def mermaid_blocks(markdown: str) -> list[str]:
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)
    assert blocks, "the export has mermaid blocks"
    return blocks


@pytest.mark.parametrize("name", ["views.toml", "evil.toml"])
def test_exported_blocks_parse_as_timelines(name):
    base, _ = load_file(FIXTURES / name)
    tasks = []
    for block in mermaid_blocks(render_markdown(base, timeline(base))):
        result = mermaid_parse(block)
        assert result.returncode == 0, result.stderr
        parsed = json.loads(result.stdout)
        assert parsed["type"] == "timeline"
        tasks += parsed["tasks"]
    events = timeline(base)
    # every event arrives whole, under its year, in order: nothing in the text split or swallowed one
    assert [e for t in tasks for e in t["events"]] == [escape(event_label(e)) for e in events]
    assert [t["section"] for t in tasks for _ in t["events"]] == [str(e.year) for e in events]


def test_the_checker_rejects_broken_text():
    """The parser really parses: unescaped hostile text fails, so the test above means something."""
    result = mermaid_parse("timeline\n    title T\n    section 2020\n        2020 : a\n   ``` b :: ; c\n")
    assert result.returncode == 1 and "Parse error" in result.stderr


def test_hostile_texts_parse_one_event_each():
    base, _ = load_file(FIXTURES / "evil.toml")
    events = timeline(base)
    block = render_mermaid(events, "T: #1; `x` %% <b>")
    result = mermaid_parse(block)
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    assert sum(len(t["events"]) for t in tasks) == len(events)
    assert all(":" not in e and "#" not in e for t in tasks for e in t["events"])
