"""`spacefacts export html`: one self-contained page, every fact-file string inert (read back with
html.parser); the page in a real browser is in tests/test_browser.py."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from spacefacts.loader import load_file
from spacefacts.render.html import link, render_html
from spacefacts.timeline import timeline

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parents[1]


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def export(path: Path, **kw) -> tuple[str, list]:
    base, _ = load_file(path)
    events = timeline(base)
    return render_html(base, events, **kw), events


@pytest.mark.parametrize("path", [FIXTURES / "views.toml", FIXTURES / "evil.toml", ROOT / "facts.toml"])
def test_one_self_contained_page_with_every_event(path):
    text, events = export(path)
    page = Page(text)
    assert [t for t, _ in page.tags].count("script") == 1
    # nothing that loads: no src, no stylesheet link, and a policy that forbids the network anyway
    assert not [a for _, a in page.tags if "src" in a or a.get("rel") == "stylesheet"]
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    assert sum(1 for t, a in page.tags if t == "li" and "event" in a.get("class", "")) == len(events)
    assert text == export(path)[0]  # same bytes


def test_hostile_text_stays_inert():
    text, _ = export(FIXTURES / "evil.toml")
    page = Page(text)
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]  # our script only, no data inside it
    assert {t for t, _ in page.tags} <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span",
                                           "div", "label", "select", "option", "main", "section", "h2", "ol", "li",
                                           "details", "summary", "blockquote", "a", "script"}
    assert not [k for _, a in page.tags for k in a if k.startswith("on")]
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "javascript:alert(1)" in text  # shown as text
    assert "</script>" not in text.split("<script>")[0]


def test_only_http_urls_are_links():
    assert link("https://example.org/a?b=1&c=2") == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>')
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,<b>", "http://x\" onmouseover=\"a", "//evil.org"):
        assert "<a" not in link(bad)


def test_disputed_dates_and_sources_with_quotes():
    text, events = export(FIXTURES / "views.toml")
    page = Page(text)
    disputed = [a for t, a in page.tags if t == "li" and "disputed" in a.get("class", "")]
    assert len(disputed) == sum(e.conflict for e in events) == 1
    assert "2018</span><span class=\"mark\" title=\"date disputed\">\u26a0 or c. 2016</span>" in text
    assert "The trust model favours 2018." in text
    assert "<blockquote>\u201cset up in April 2021\u201d</blockquote>" in text
    assert {a["data-entity"] for t, a in page.tags if t == "li" and "data-entity" in a} == {e.subject for e in events}


def test_cli_export_html_with_title(tmp_path):
    from typer.testing import CliRunner

    from spacefacts.cli import app

    out = tmp_path / "timeline.html"
    result = CliRunner().invoke(app, ["export", "html", str(FIXTURES / "views.toml"), "-o", str(out),
                                      "--title", "<Spacesail>"])
    assert result.exit_code == 0, result.output
    assert "<h1>&lt;Spacesail&gt;</h1>" in out.read_text(encoding="utf-8")
