"""Exports rendered for real in headless Chromium (Debian's `chromium`; see tests/browser.py).

The Markdown export of the shipped facts.toml is shown as GitHub shows it, 1012 px wide, its Mermaid
blocks drawn by the real mermaid library; every diagram's smallest text, as drawn (font size x the
SVG's scale), must be readable. Screenshots go to a temp folder for a person to look at (the path is
printed; run pytest with -s to see it). Skips with a reason when chromium or mermaid is missing.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import browser
from spacefacts.loader import load_file
from spacefacts.render.markdown import render_markdown
from spacefacts.timeline import timeline

ROOT = Path(__file__).parents[1]

# Measured 2026-12: with at most four dates across (render/mermaid.py MAX_PERIODS) every diagram of the
# shipped base draws its text at 13.6 px or more at 1012 px (16 px when it fits unscaled); one whole-base
# diagram drew it at under 1 px, and five dates across draw it at 11.6 px.
MIN_TEXT_PX = 13.0

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("spacefacts-screenshots")
    print(f"\nscreenshots in {folder}")
    return folder


@pytest.mark.parametrize("by", ["decade", "entity"])
def test_every_diagram_of_the_shipped_base_is_legible_at_github_width(by, shots, tmp_path):
    base, _ = load_file(ROOT / "facts.toml")
    events = timeline(base)
    text = render_markdown(base, events, by=by, group="decade" if by == "decade" else "none")
    diagrams, result = browser.measure_markdown(text, tmp_path)
    assert result.console == [] and result.network == []  # mermaid drew every block without a complaint
    missing = [e.headline for e in events if html.escape(e.headline, quote=False) not in result.stdout]
    assert missing == []  # every event in the page, in its list (and in a diagram)
    assert len(diagrams) == text.count("```mermaid") > 1
    assert all(d["texts"] > 0 and d["shown_width"] <= browser.GITHUB_WIDTH for d in diagrams)
    smallest = min(d["min_px"] for d in diagrams)
    assert smallest >= MIN_TEXT_PX, f"smallest diagram text {smallest:.1f} px: {min(diagrams, key=lambda d: d['min_px'])}"
    if by == "decade":
        browser.screenshot(browser.markdown_page(text, tmp_path), shots / "markdown.png", height=2400)


def test_the_whole_base_in_one_diagram_would_not_be_legible(tmp_path):
    """The measure means something: the old single diagram of 170 events fails it."""
    from spacefacts.render.mermaid import render_mermaid

    base, _ = load_file(ROOT / "facts.toml")
    one = "```mermaid\n" + render_mermaid(timeline(base), "All") + "```\n"
    (diagram,), _ = browser.measure_markdown(one, tmp_path)
    assert diagram["min_px"] < MIN_TEXT_PX / 4


def test_the_checks_see_console_messages_and_requests(tmp_path):
    """The checks mean something: a page that logs and loads from the network is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><img src="http://example.com/x.png"><script>console.log("boom")</script>')
    result = browser.run(page, "--dump-dom")
    assert any('"boom"' in line for line in result.console)
    assert result.network == ["http://example.com/x.png"]


@pytest.mark.parametrize("name,width", [("facts.toml", 1280), ("evil.toml", 390)])
def test_html_page_loads_offline_with_every_event_and_no_error(name, width, shots, tmp_path):
    """Networking is off (every host unresolvable): nothing fails to load, no console error, no alert
    from a payload, every event in the DOM after the script ran; a screenshot for a person."""
    from spacefacts.render.html import render_html

    path = ROOT / name if name == "facts.toml" else ROOT / "tests" / "fixtures" / name
    base, _ = load_file(path)
    events = timeline(base)
    page = tmp_path / "timeline.html"
    page.write_text(render_html(base, events), encoding="utf-8")
    result = browser.run(page, "--dump-dom", width=width)
    assert result.console == [] and result.network == []
    dom = result.stdout
    assert dom.count('<li class="event') == len(events)
    assert f'<span id="shown">{len(events)}</span>' in dom
    if name == "facts.toml":
        browser.screenshot(page, shots / "html.png", width=width, height=1000)


def test_readme_screenshots_come_from_the_script(tmp_path):
    """docs/screenshots.py makes both README pictures (here into a temp folder); the README shows them."""
    import importlib.util
    import struct

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main(tmp_path) == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("timeline-html.png", "timeline-markdown.png"):
        png = (tmp_path / name).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width >= 1000 and height >= 700
        assert f"](docs/{name})" in readme and (ROOT / "docs" / name).is_file()


def test_html_filters_from_the_address(tmp_path):
    """#entity=ID&kind=KIND in the address sets the filters: only those events (and charts) stay shown."""
    import re

    from spacefacts.render.html import render_html

    base, _ = load_file(ROOT / "tests" / "fixtures" / "views.toml")
    events = timeline(base)
    page = tmp_path / "timeline.html"
    page.write_text(render_html(base, events), encoding="utf-8")
    for fragment, kept in (("entity=spacesail", [e for e in events if e.subject == "spacesail"]),
                           ("kind=company", [e for e in events if e.kind == "company"]),
                           ("entity=satnet&kind=constellation", [])):
        result = browser.run(page, "--dump-dom", fragment=fragment)
        assert result.console == []
        shown = re.findall(r'<li class="event[^"]*" data-entity="([^"]*)" data-kind="[^"]*">', result.stdout)
        hidden = re.findall(r'<li class="event[^"]*" data-entity="[^"]*" data-kind="[^"]*" hidden="">', result.stdout)
        assert sorted(shown) == sorted(e.subject for e in kept) and len(shown) + len(hidden) == len(events)
        assert f'<span id="shown">{len(kept)}</span>' in result.stdout
