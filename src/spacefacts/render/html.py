"""The timeline as ONE self-contained HTML page: no network, CSS and a little script inline, no library.

A year axis down the left, the events beside it; a disputed date is highlighted with the other dates;
each event opens (click) to its sources and their words; filters by entity and kind (kept in the
address: timeline.html#entity=satnet&kind=company); charts of the quantities sources gave (render/chart.py);
a print stylesheet prints everything open. Laid out for a laptop and, below 600 px, for a phone.

Every piece of fact-file text goes through `html.escape` (quotes too), in text and attributes alike;
data reaches the script only through escaped `data-` attributes, never inside the <script> element;
a URL is linked only when its scheme is http or https. A Content-Security-Policy forbids any load
from the network, so even a mistake here could not fetch anything.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from spacefacts.model import Claim, FactBase
from spacefacts.render.markdown import DEFAULT_TITLE, source_names
from spacefacts.render.mermaid import DISPUTED
from spacefacts.render.textsafe import clean
from spacefacts.timeline import Event

_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.I)

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#0969da;--warn:#9a6700;--warnbg:#fff8c5}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--ink)}
header{padding:16px 24px;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff;z-index:1}
h1{margin:0 0 4px;font-size:1.5rem}
.note{margin:0;color:var(--muted);font-size:.9rem}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:8px}
.filters label{font-size:.9rem;color:var(--muted)}
select{font:inherit;max-width:16rem}
main{max-width:980px;margin:0 auto;padding:8px 24px 48px}
.year{display:grid;grid-template-columns:5rem 1fr;border-left:2px solid var(--line);margin-left:.5rem}
.year>h2{margin:0;padding:10px 8px 0 12px;font-size:1.1rem;position:relative}
.year>h2::before{content:"";position:absolute;left:-7px;top:17px;width:12px;height:12px;border-radius:50%;background:var(--accent)}
.year>ol{list-style:none;margin:0;padding:8px 0}
.event{margin:0 0 8px;padding:6px 10px;border:1px solid var(--line);border-radius:6px}
.event summary{cursor:pointer}
.date{font-weight:600;margin-right:.4em;white-space:nowrap}
.who{color:var(--muted);font-size:.85rem}
.disputed{background:var(--warnbg);border-color:var(--warn)}
.mark{color:var(--warn);font-weight:600}
.sources{margin:6px 0 0;padding-left:1.2em;font-size:.9rem}
.sources blockquote{margin:2px 0 6px;padding-left:8px;border-left:3px solid var(--line);color:var(--muted)}
.dispute{font-size:.9rem;margin:6px 0 0}
[hidden]{display:none!important}
.charts>h2{font-size:1.2rem;margin:32px 0 4px}
.fig{margin:16px 0;border:1px solid var(--line);border-radius:6px;padding:8px}
.chart{width:100%;max-width:720px;height:auto;font-family:inherit}
.chart .ct{font-size:14px;font-weight:600}.chart .tk{font-size:11px;fill:var(--muted)}
.chart .lb{font-size:11px}.chart .ax{stroke:var(--line)}
@media (max-width:600px){header{padding:12px;position:static}main{padding:8px 12px 32px}
 .year{grid-template-columns:1fr}.year>h2{padding-left:12px}.year>ol{padding-left:12px}}
@media print{header{position:static;border:0}.filters{display:none}.event{break-inside:avoid}
 .event summary{list-style:none}a{color:inherit}a[href]::after{content:" <" attr(href) ">";font-size:.8em}}
"""

SCRIPT = """
(function () {
  var selects = document.querySelectorAll("select[data-filter]");
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.dataset.filter] = s.value; });
    document.querySelectorAll("li.event").forEach(function (li) {
      li.hidden = (want.entity && li.dataset.entity !== want.entity) || (want.kind && li.dataset.kind !== want.kind);
    });
    document.querySelectorAll("figure.fig").forEach(function (f) {
      f.hidden = want.entity && f.dataset.entity !== want.entity;
    });
    document.querySelectorAll("section.year").forEach(function (sec) {
      sec.hidden = !sec.querySelector("li.event:not([hidden])");
    });
    var shown = document.querySelectorAll("li.event:not([hidden])").length;
    document.getElementById("shown").textContent = shown;
  }
  selects.forEach(function (s) {
    s.addEventListener("change", function () {
      var parts = [];
      selects.forEach(function (t) { if (t.value) parts.push(t.dataset.filter + "=" + encodeURIComponent(t.value)); });
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
      apply();
    });
  });
  // a link may carry the filters: timeline.html#entity=satnet&kind=company
  location.hash.slice(1).split("&").forEach(function (pair) {
    var at = pair.indexOf("="), name = pair.slice(0, at), value = decodeURIComponent(pair.slice(at + 1));
    selects.forEach(function (s) {
      if (s.dataset.filter === name && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) {
        s.value = value;
      }
    });
  });
  apply();
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
"""


def esc(text: object) -> str:
    """Fact-file text as HTML text or attribute value: shown literally, never markup."""
    return html.escape(clean(text), quote=True)


def link(url: str | None) -> str:
    """An http(s) URL as a link; anything else (javascript:, data:, ...) as plain text; '' for none."""
    if not url:
        return ""
    if _SAFE_URL.match(url):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return f"<span class=\"url\">{esc(url)}</span>"


def _citation(base: FactBase, claim: Claim) -> str:
    source = base.sources.get(claim.source)
    parts = [esc(source.title or claim.source) if source else esc(claim.source) + " (source not declared)"]
    if source:
        parts += [esc(x) for x in (source.publisher, source.author) if x]
        if source.published is not None:
            parts.append(esc(source.published.display()))
    out = "<li>" + ", ".join(parts)
    if source and source.url:
        out += " " + link(source.url)
    if claim.quote:
        out += f"<blockquote>\u201c{esc(claim.quote)}\u201d</blockquote>"
    return out + "</li>"


def _event(base: FactBase, event: Event) -> str:
    cls = "event disputed" if event.conflict else "event"
    head = f'<span class="date">{esc(event.date.display())}</span>'
    if event.conflict:
        others = ", ".join(o.date.display() for o in event.others)
        head += f'<span class="mark" title="date disputed">{DISPUTED} or {esc(others)}</span> '
    head += esc(event.headline) + (", reportedly" if event.hedged else "")
    names = source_names(base, event.sources)
    body = [f'<ol class="sources">{"".join(_citation(base, c) for c in event.claims)}</ol>']
    if event.conflict:
        sides = "; ".join(f"{esc(d.date.display())} according to {esc(source_names(base, d.sources))} "
                          f"(confidence {d.confidence:.2f})"
                          for d in (event.dating, *event.others))
        body.append(f'<p class="dispute">Sources disagree: {sides}. The trust model favours '
                    f"{esc(event.date.display())}.</p>")
    return (f'<li class="{cls}" data-entity="{esc(event.subject)}" data-kind="{esc(event.kind)}">'
            f'<details><summary>{head} <span class="who">({esc(names)})</span></summary>{"".join(body)}</details></li>')


def _select(name: str, label: str, values: dict[str, str]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(text)}</option>'
                      for v, text in sorted(values.items(), key=lambda kv: kv[1].casefold()))
    return (f'<label>{label} <select data-filter="{name}"><option value="">all</option>{options}</select></label>')


def _charts(base: FactBase, events: list[Event], analysis) -> str:
    """Inline SVG charts of the quantity properties with two claims or more, for the events' entities."""
    from spacefacts.render.chart import chart_points, quantity_properties, render_chart_svg

    figures = []
    for entity in dict.fromkeys(e.subject for e in events):
        for prop in quantity_properties(base, entity):
            if len(chart_points(base, entity, prop, analysis)) >= 2:
                figures.append(f'<figure class="fig" data-entity="{esc(entity)}">'
                               f"{render_chart_svg(base, entity, prop, analysis)}</figure>")
    if not figures:
        return ""
    return ('<section class="charts"><h2>Who said how many, when</h2><p class="note">One mark per claim, one '
            "colour per source; a bar is a range or an approximate value, an arrow \u201cover\u201d; a ringed "
            "mark is on the side the trust model does not favour. Hover a mark for its source.</p>"
            + "".join(figures) + "</section>")


def render_html(base: FactBase, events: list[Event], title: str | None = None, analysis=None) -> str:
    """The whole page as text (the same input gives the same bytes): the events, then charts of the
    quantities their entities' sources gave (`analysis`, truth.analyze's, marks the disputed values)."""
    title = title or DEFAULT_TITLE
    years: dict[int, list[Event]] = {}
    for event in events:
        years.setdefault(event.year, []).append(event)
    sections = "".join(
        f'<section class="year"><h2>{year}</h2><ol>{"".join(_event(base, e) for e in group)}</ol></section>'
        for year, group in years.items())
    entities = {e.subject: e.subject_name for e in events}
    kinds = {e.kind: e.kind for e in events if e.kind}
    conflicts = sum(e.conflict for e in events)
    name = esc(Path(base.path).name)
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="note">Generated by spacefacts from {name}: <span id="shown">{len(events)}</span> of '
        f"{len(events)} events shown, {conflicts} with disputed dates (marked {DISPUTED}). "
        "Click an event for its sources and their words.</p>"
        f'<div class="filters">{_select("entity", "Entity", entities)}{_select("kind", "Kind", kinds)}</div>'
        f"</header><main>{sections}{_charts(base, events, analysis)}</main><script>{SCRIPT}</script></body></html>\n"
    )
