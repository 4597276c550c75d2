"""Charts of who said what when (render/chart.py): the marks, the terminal chart, the SVG and `spacefacts chart`."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacefacts.cli import app
from spacefacts.loader import load_file
from spacefacts.render.chart import chart_points, quantity_properties, render_chart_svg, render_chart_text
from spacefacts.truth import analyze

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def shipped():
    base, _ = load_file(ROOT / "facts.toml")
    return base, analyze(base)


def test_one_mark_per_counted_claim_and_the_disfavoured_side_marked(shipped):
    base, analysis = shipped
    points = chart_points(base, "shenzhou", "crewed_mission_count", analysis)
    assert sorted((p.text, p.conflict) for p in points) == [("10 missions", False), ("6 missions", True)]
    assert all(p.when is not None and p.when.display() == "2022" for p in points)
    assert not any(p.conflict for p in chart_points(base, "shenzhou", "crewed_mission_count"))  # no analysis


def test_qualifiers_become_intervals_and_open_ends(shipped):
    base, analysis = shipped
    points = chart_points(base, "spacesail", "planned_size", analysis)
    assert points and all(math.isinf(p.high) and p.low == 14000 for p in points)  # "over 14,000"
    assert "planned_size" in quantity_properties(base, "spacesail")
    assert "founded" not in quantity_properties(base, "spacesail")


def test_terminal_chart_rows(shipped):
    base, analysis = shipped
    text = render_chart_text(base, "shenzhou", ["crewed_mission_count"], analysis, width=100)
    lines = text.splitlines()
    assert lines[0] == "Shenzhou program: crewed missions flown"
    six = next(ln for ln in lines if "6 missions" in ln)
    ten = next(ln for ln in lines if "10 missions" in ln)
    assert "≠ disputed" in six and "disputed" not in ten
    assert six.index("●") < ten.index("●")  # 6 drawn left of 10 on the shared axis
    over = render_chart_text(base, "spacesail", ["planned_size"], analysis, width=100)
    assert "▶" in over and "over 14,000" in over
    assert all(len(ln) <= 100 for ln in (text + over).splitlines())


def test_svg_is_well_formed_one_mark_per_claim_and_hostile_text_inert(shipped):
    base, analysis = shipped
    svg = render_chart_svg(base, "shenzhou", "crewed_mission_count", analysis)
    root = ET.fromstring(svg)
    marks = root.findall(f"{SVG}g")
    assert len(marks) == 2
    tips = sorted(g.find(f"{SVG}title").text for g in marks)
    assert tips == ["10 missions, per China Manned Space Agency, 2022",
                    "6 missions, per unknown (unattributed promotional web page), 2022 (disputed)"]
    ringed = [g for g in marks if any(c.get("stroke") == "#cf222e" for c in g.findall(f"{SVG}circle"))]
    assert len(ringed) == 1 and "disputed" in ringed[0].find(f"{SVG}title").text
    evil, _ = load_file(FIXTURES / "evil.toml")
    hostile = render_chart_svg(evil, "evil", "satellites_launched")
    root = ET.fromstring(hostile)  # parses: nothing in the data broke out of a tag or attribute
    assert not [e for e in root.iter() if e.tag.endswith("script") or any(k.startswith("on") for k in e.attrib)]
    assert "<img" not in hostile and "&lt;img" in hostile
    assert render_chart_svg(evil, "evil", "no_such_property") == ""


def test_html_export_carries_charts_of_properties_with_two_claims_or_more(shipped):
    from spacefacts.render.html import render_html
    from spacefacts.timeline import timeline

    base, analysis = shipped
    page = render_html(base, timeline(base, confidence=analysis.confidence), analysis=analysis)
    assert page.count('<figure class="fig"') >= 5
    assert 'data-entity="shenzhou"><svg class="chart"' in page


def test_cli_chart(tmp_path):
    runner = CliRunner()
    facts = str(ROOT / "facts.toml")
    ok = runner.invoke(app, ["chart", "Shenzhou program", "crewed_mission_count", "-f", facts, "--no-pager"])
    assert ok.exit_code == 0 and "≠ disputed" in ok.output
    every = runner.invoke(app, ["chart", "spacesail", "-f", facts, "--no-pager"])
    assert every.exit_code == 0 and "planned size" in every.output and "satellites in orbit" in every.output
    bad = runner.invoke(app, ["chart", "spacesail", "founded", "-f", facts])
    assert bad.exit_code == 2 and bad.output.count("\n") == 1 and "spacefacts: error:" in bad.output
    assert "planned_size" in bad.output
    unknown = runner.invoke(app, ["chart", "zzzzqqq", "-f", facts])
    assert unknown.exit_code == 1
