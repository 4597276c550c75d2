"""Make the README's screenshots from the shipped facts.toml, in headless Chromium (Debian's `chromium`).

    .venv/bin/python docs/screenshots.py [FOLDER]   # default docs/; needs chromium and `npm ci --prefix tests/js`

Writes docs/timeline-html.png (the top of `spacefacts export html --since 2021` at laptop width, its
first disputed event open) and
docs/timeline-markdown.png (a decade of `spacefacts export markdown` as GitHub shows it, 1012 px wide,
its Mermaid diagram drawn by the pinned mermaid package). Uses tests/browser.py, the browser harness
of the tests, so the pictures are what the tests measure.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402

from spacefacts.loader import load_file  # noqa: E402
from spacefacts.render.html import render_html  # noqa: E402
from spacefacts.render.markdown import render_markdown  # noqa: E402
from spacefacts.timeline import timeline  # noqa: E402
from spacefacts.truth import analyze  # noqa: E402

SINCE = 2021  # the HTML picture: the events from this year (the first one is disputed)
DECADE = "## 2000s"  # the decade the Markdown picture shows: its diagram and first events


def main(out: Path = ROOT / "docs") -> int:
    """Write both pictures into `out`; 2 when the browser or mermaid is missing."""
    if (why := browser.missing()) is not None:
        print(f"screenshots: {why}", file=sys.stderr)
        return 2
    base, _ = load_file(ROOT / "facts.toml")
    analysis = analyze(base)
    events = timeline(base, confidence=analysis.confidence)
    with tempfile.TemporaryDirectory(prefix="spacefacts-shots-") as tmp:
        folder = Path(tmp)
        page = folder / "timeline.html"
        recent = [e for e in events if e.year >= SINCE]
        text = render_html(base, recent, analysis=analysis)
        # the first disputed event shown open, as after a click: its sources, quotes and the dispute
        at = text.index('<li class="event disputed"')
        text = text[:at] + text[at:].replace("<details>", "<details open>", 1)
        page.write_text(text, encoding="utf-8")
        browser.screenshot(page, out / "timeline-html.png", width=1100, height=760)
        markdown = render_markdown(base, events)
        start = markdown.index(DECADE)
        section = markdown[start:markdown.index("\n## ", start + 1)]
        diagram_end = section.index("```\n", section.index("```mermaid") + 3) + 4
        shown = section[:diagram_end] + "\n".join(section[diagram_end:].splitlines()[:6])
        shown = re.sub(r"\[\^[^\]]+\]", "", shown)  # the excerpt has no footnote definitions
        page = browser.markdown_page(shown, folder)
        browser.screenshot(page, out / "timeline-markdown.png", height=820)
    for name in ("timeline-html.png", "timeline-markdown.png"):
        print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
