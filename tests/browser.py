"""Headless Chromium for the tests and for docs/screenshots.py: render a page from a file, read its DOM
back, take a screenshot. No network: the browser runs with networking off (every host unresolvable,
background services disabled) and a fresh profile each time.

Markdown is rendered as GitHub renders it: GFM with footnotes (markdown-it-py + mdit-py-plugins), each
```mermaid block drawn by the real mermaid package (tests/js/node_modules, pinned in package-lock.json)
in a column of GitHub's content width, 1012 px.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

JS = Path(__file__).parent / "js"
MERMAID = JS / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
GITHUB_WIDTH = 1012  # px: the width of a README or Markdown file's content on github.com

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
]


def chromium() -> str | None:
    """The chromium binary, or None."""
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def missing() -> str | None:
    """Why pages cannot be rendered here, or None when they can."""
    if chromium() is None:
        return "chromium is not installed (apt-get install chromium)"
    if not MERMAID.is_file():
        return "mermaid not installed: run `npm ci --prefix tests/js`"
    return None


# the browser's own background requests (time, updates, accounts), made whatever the page is
_BROWSER_HOSTS = re.compile(r"^https?://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)/")


class Result:
    """What chromium did with a page: its stdout (the DOM with --dump-dom), its log, the URLs it requested."""

    def __init__(self, stdout: str, stderr: str, urls: list[str]):
        self.stdout, self.stderr, self.urls = stdout, stderr, urls

    @property
    def console(self) -> list[str]:
        """Every console message and uncaught error of the page (chromium logs them as CONSOLE lines)."""
        return [ln for ln in self.stderr.splitlines() if ":CONSOLE" in ln]

    @property
    def network(self) -> list[str]:
        """The URLs the page asked for beyond local files and data: URLs (all fail: networking is off)."""
        return sorted({u for u in self.urls if not u.startswith(("file:", "data:", "blob:", "about:", "chrome"))
                       and not _BROWSER_HOSTS.match(u)})


def run(page: Path, *args: str, width: int = GITHUB_WIDTH, height: int = 900, budget_ms: int = 15000,
        fragment: str = "") -> Result:
    """Chromium on a local page (with a #fragment) and extra flags (--dump-dom, --screenshot=...), its
    requests logged."""
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="spacefacts-chromium-") as profile:
        netlog = Path(profile) / "net.json"
        proc = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--virtual-time-budget={budget_ms}", f"--log-net-log={netlog}", *args, url],
            capture_output=True, text=True, timeout=180,
        )
        log = netlog.read_text(encoding="utf-8", errors="replace") if netlog.exists() else ""
    urls = [json.loads(f'"{u}"') for u in re.findall(r'"url":"((?:[^"\\]|\\.)*)"', log)]
    return Result(proc.stdout, proc.stderr, urls)


# ---- Markdown as GitHub shows it ----------------------------------------------------------

_MEASURE = """
<script src="%s"></script>
<script>
mermaid.initialize({startOnLoad: false, securityLevel: "strict", theme: "default"});
mermaid.run({querySelector: "pre.mermaid"}).then(() => {
  const out = [];
  for (const svg of document.querySelectorAll("pre.mermaid svg")) {
    const box = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / box.width;
    let min = Infinity, texts = 0;
    for (const t of svg.querySelectorAll("text")) {
      if (!t.textContent.trim()) continue;
      texts++;
      min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    out.push({width: box.width, scale: scale, min_px: min, texts: texts,
              shown_width: svg.getBoundingClientRect().width});
  }
  document.getElementById("measure").textContent = JSON.stringify(out);
}).catch((e) => { document.getElementById("measure").textContent = "ERROR " + e; });
</script>
"""


def markdown_page(text: str, folder: Path) -> Path:
    """An HTML page showing Markdown as github.com does, its Mermaid blocks drawn by mermaid; in folder."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"html": False}).use(footnote_plugin).enable(["table", "strikethrough"])
    body = parser.render(text)
    body = re.sub(r'<pre><code class="language-mermaid">(.*?)</code></pre>',
                  lambda m: f'<pre class="mermaid">{m.group(1)}</pre>', body, flags=re.S)
    page = folder / "markdown.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"body{{margin:0 auto;padding:16px;box-sizing:border-box;width:{GITHUB_WIDTH + 32}px;"
        "font:16px/1.5 -apple-system,'Segoe UI','Noto Sans',Helvetica,Arial,sans-serif}"
        "pre.mermaid{text-align:center;margin:16px 0}pre.mermaid svg{max-width:100%;height:auto}"
        "</style></head><body>" + body + "<pre id='measure'></pre>"
        + _MEASURE % html.escape(MERMAID.as_uri()) + "</body></html>",
        encoding="utf-8",
    )
    return page


def measure_markdown(text: str, folder: Path) -> tuple[list[dict], Result]:
    """Render the Markdown at GitHub's width: for each Mermaid diagram, its smallest text as shown, in
    px (font size x the SVG's scale), with its drawn width and scale; and the browser's Result."""
    page = markdown_page(text, folder)
    result = run(page, "--dump-dom")
    match = re.search(r"<pre id=\"measure\">(.*?)</pre>", result.stdout, re.S)
    assert match and match.group(1).startswith("["), f"mermaid did not finish: {match and match.group(1)}"
    return json.loads(html.unescape(match.group(1))), result


def screenshot(page: Path, png: Path, width: int = GITHUB_WIDTH + 32, height: int = 900) -> Path:
    """A PNG of the page's first `height` pixels."""
    run(page, f"--screenshot={png}", width=width, height=height)
    return png
