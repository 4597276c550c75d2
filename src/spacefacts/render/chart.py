"""Charts of who said what when, for quantity properties: each claim is one mark, at the date its value
held (as_of, else when, else the source's date) and at its value; a range or a qualifier ("about",
"over", "up to") is drawn as a bar from its low to its high end, an open end as an arrow. Claims on a
losing side of a conflict are marked, so disagreement shows.

`chart_points` gathers the marks (pure); `render_chart_text` draws them for the terminal with rich,
`render_chart_svg` as inline SVG for the HTML export. Both escape every piece of fact-file text.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from spacefacts.dates import DateValue
from spacefacts.model import QUANTITY, Claim, FactBase
from spacefacts.render.textsafe import clean
from spacefacts.timeline import property_of
from spacefacts.values import as_of


@dataclass(frozen=True, slots=True)
class Point:
    """One claim's value: where it is drawn and what it says."""

    claim: Claim
    when: DateValue | None
    low: float
    high: float  # math.inf for "over N"
    text: str  # the value as written, with its unit
    source: str  # the source's short name
    conflict: bool  # the claim is on a side the trust model does not favour


def quantity_properties(base: FactBase, entity: str) -> list[str]:
    """The quantity properties the entity has counted claims of, in order of first claim."""
    return list(dict.fromkeys(c.property for c in base.claims if c.subject == entity and c.counted
                              and property_of(base, c.property).type == QUANTITY and hasattr(c.value, "low")))


def chart_points(base: FactBase, entity: str, prop: str, analysis=None) -> list[Point]:
    """The marks of one chart, in time order (undated last), each claim once."""
    losing = set()
    for conflict in (analysis.conflicts if analysis is not None else ()):
        if conflict.subject == entity and conflict.property == prop:
            losing |= {c.id for side in conflict.sides if side is not conflict.likely for c in side.claims}
    unit = property_of(base, prop).unit
    points = []
    for claim in base.claims:
        if claim.subject != entity or claim.property != prop or not claim.counted or not hasattr(claim.value, "low"):
            continue
        q = claim.value
        shown_unit = q.unit or claim.unit or unit
        text = q.text + (f" {shown_unit}" if shown_unit and shown_unit not in q.text else "")
        if claim.key:
            text += f" ({' '.join(claim.key.replace('_', ' ').replace('-', ' ').split())})"
        source = base.sources.get(claim.source)
        name = (source.publisher or source.title or claim.source) if source else claim.source
        points.append(Point(claim, as_of(claim, base), q.low, q.high, text, name, claim.id in losing))
    points.sort(key=lambda p: (p.when is None, p.when.sort_key if p.when else (), p.low, p.claim.id))
    return points


def _title(base: FactBase, entity: str, prop: str) -> str:
    ent = base.entities.get(entity)
    label = property_of(base, prop).label or prop.replace("_", " ")
    return f"{ent.name if ent else entity}: {label}"


def _scale(points: list[Point]):
    """A function value -> 0..1 across the points' finite values; logarithmic over a wide positive range."""
    values = [v for p in points for v in (p.low, p.high) if math.isfinite(v)]
    lo, hi = min(values), max(values)
    if any(math.isinf(p.high) for p in points):  # room for the arrow of "over N"
        hi = hi * 1.5 if hi > 0 else hi + 1
    if lo > 0 and hi / lo >= 20:
        lo, hi = math.log10(lo), math.log10(hi)
        span = (hi - lo) or 1.0
        return (lambda v: (math.log10(max(v, 10 ** lo)) - lo) / span), True
    if lo == hi:
        lo, hi = (0.0, hi * 2) if hi > 0 else (hi - 1, hi + 1)
    return (lambda v: (v - lo) / (hi - lo)), False


# ---- terminal ---------------------------------------------------------------------------

def render_chart_text(base: FactBase, entity: str, props: list[str], analysis=None, width: int | None = 80,
                      color: bool = False) -> str:
    """Each property's chart as text: one row per claim (date, source, a bar from low to high on a shared
    axis, the value as written); a disputed value is marked '≠'. `width` None (a pipe): 100 columns."""
    width = width or 100
    from rich.console import Console
    from rich.text import Text

    console = Console(width=width, color_system="standard" if color else None, force_terminal=color,
                      highlight=False, legacy_windows=False)
    with console.capture() as cap:
        for prop in props:
            points = chart_points(base, entity, prop, analysis)
            console.print(Text(clean(_title(base, entity, prop)), style="bold"))
            if not points:
                console.print("  no quantity claims")
                continue
            where, log = _scale(points)
            dates = [clean(p.when.display()) if p.when else "undated" for p in points]
            names = [clean(p.source)[:24] for p in points]
            dw, nw = max(map(len, dates)), max(map(len, names))
            bar_w = max(10, min(40, width - dw - nw - 30))
            for p, date, name in zip(points, dates, names):
                cells = [" "] * bar_w
                a = round(where(p.low) * (bar_w - 1)) if math.isfinite(p.low) else 0
                b = round(where(p.high) * (bar_w - 1)) if math.isfinite(p.high) else bar_w - 1
                for i in range(a, b + 1):
                    cells[i] = "━"
                cells[a] = "●" if a == b else "├"
                if b != a:
                    cells[b] = "▶" if not math.isfinite(p.high) else "┤"
                style = "red" if p.conflict else "cyan"
                row = Text(f"  {date:<{dw}}  {name:<{nw}}  ")
                row.append("".join(cells), style=style)
                row.append(f"  {clean(p.text)}" + ("  ≠ disputed" if p.conflict else ""),
                           style="red" if p.conflict else "")
                console.print(row, overflow="ellipsis", no_wrap=True)
            console.print(Text(f"  axis: {'logarithmic' if log else 'linear'}, "
                               "● a value, ├━┤ a range or an approximate value, ━▶ 'over'", style="dim"))
            console.print()
    return cap.get()


# ---- SVG for the HTML export --------------------------------------------------------------

_COLORS = ("#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#57606a")


def _e(text: object) -> str:
    return html.escape(clean(text), quote=True)


def render_chart_svg(base: FactBase, entity: str, prop: str, analysis=None) -> str:
    """One chart as an inline <svg> (no script, no link): time across, value up, one colour per source,
    whiskers for ranges, disputed values ringed; each mark's <title> says who said what. '' without data."""
    points = chart_points(base, entity, prop, analysis)
    if not points:
        return ""
    w, h, left, right, top, bottom = 640, 250, 48, 16, 40, 36
    where, log = _scale(points)
    dated = [p for p in points if p.when]
    days = [p.when.earliest.toordinal() for p in dated] + [p.when.latest.toordinal() for p in dated]
    d0, d1 = (min(days), max(days)) if days else (0, 1)
    if d0 == d1:
        d0, d1 = d0 - 365, d1 + 365
    slots = len(points) - len(dated)
    plot_w = w - left - right - (40 if slots else 0)

    same: dict = {}  # marks at one date sit side by side, 14 px apart, so none hides another
    for i, p in enumerate(points):
        same.setdefault(p.when.display() if p.when else None, []).append(i)
    nudge = {i: (k - (len(ids) - 1) / 2) * 14 for ids in same.values() for k, i in enumerate(ids)}

    def x(p: Point, i: int) -> float:
        if p.when is None:
            return w - right - 20 + nudge[i]
        mid = (p.when.earliest.toordinal() + p.when.latest.toordinal()) / 2
        return left + (mid - d0) / (d1 - d0) * plot_w + nudge[i]

    def y(v: float) -> float:
        return top + (1 - where(v)) * (h - top - bottom) if math.isfinite(v) else top - 8

    sources = list(dict.fromkeys(p.source for p in points))
    color = {s: _COLORS[i % len(_COLORS)] for i, s in enumerate(sources)}
    values = [v for p in points for v in (p.low, p.high) if math.isfinite(v)]
    title = _title(base, entity, prop)
    out = [f'<svg class="chart" viewBox="0 0 {w} {h + 18 * ((len(sources) + 2) // 3)}" role="img" '
           f'aria-label="{_e(title)}" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="{left}" y="16" class="ct">{_e(title)}</text>',
           f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" class="ax"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" class="ax"/>']
    for v in sorted({min(values), max(values)}):
        out.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" class="tk" text-anchor="end">{_fmt(v)}</text>')
    if days:
        for day, anchor in ((d0, "start"), (d1, "end")):
            year = _year(day)
            out.append(f'<text x="{left + (day - d0) / (d1 - d0) * plot_w:.1f}" y="{h - bottom + 16}" '
                       f'class="tk" text-anchor="{anchor}">{year}</text>')
    if slots:
        out.append(f'<text x="{w - right - 20}" y="{h - bottom + 16}" class="tk" text-anchor="middle">undated</text>')
    labelled: dict = {}  # (date, height) -> texts labelled there: a repeated text once, others stacked
    for i, p in enumerate(points):
        cx, c = x(p, i), color[p.source]
        spot = labelled.setdefault((p.when.display() if p.when else None, round(y(p.claim.value.value))), [])
        stack = -1 if p.text in spot else len(spot)
        if stack >= 0:
            spot.append(p.text)
        tip = f"{p.text}, per {p.source}" + (f", {p.when.display()}" if p.when else "") + (
            " (disputed)" if p.conflict else "")
        g = [f'<g class="mk"><title>{_e(tip)}</title>']
        if p.low != p.high:
            g.append(f'<line x1="{cx:.1f}" y1="{y(p.low):.1f}" x2="{cx:.1f}" y2="{y(p.high):.1f}" stroke="{c}" '
                     f'stroke-width="3"/>')
            if not math.isfinite(p.high):
                g.append(f'<path d="M{cx - 5:.1f} {top:.1f} L{cx:.1f} {top - 9:.1f} L{cx + 5:.1f} {top:.1f} Z" fill="{c}"/>')
        g.append(f'<circle cx="{cx:.1f}" cy="{y(p.claim.value.value):.1f}" r="5" fill="{c}"/>')
        if p.conflict:
            g.append(f'<circle cx="{cx:.1f}" cy="{y(p.claim.value.value):.1f}" r="9" fill="none" '
                     'stroke="#cf222e" stroke-width="2"/>')
        flip = cx > left + plot_w * 0.6  # a label near the right edge goes to the mark's left
        anchor = ' text-anchor="end"' if flip else ""
        if stack >= 0:
            g.append(f'<text x="{cx - 8 if flip else cx + 8:.1f}" y="{y(p.claim.value.value) - 6 - 13 * stack:.1f}" '
                     f'class="lb"{anchor}>{_e(p.text)}</text>')
        g.append("</g>")
        out += g
    for i, s in enumerate(sources):
        lx, ly = left + (i % 3) * 200, h + 4 + 18 * (i // 3)
        out.append(f'<circle cx="{lx}" cy="{ly}" r="5" fill="{color[s]}"/>'
                   f'<text x="{lx + 10}" y="{ly + 4}" class="tk">{_e(s[:28])}</text>')
    if log:
        out.append(f'<text x="{w - right}" y="16" class="tk" text-anchor="end">log scale</text>')
    out.append("</svg>")
    return "".join(out)


def _year(day: int) -> int:
    import datetime as dt

    return dt.date.fromordinal(day).year


def _fmt(v: float) -> str:
    """A tick label that fits: 6.7B, 14k, 648, 0.5."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e4, "k")):
        if abs(v) >= size:
            return f"{v / size:.3g}{suffix}"
    return f"{v:,.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.3g}"
