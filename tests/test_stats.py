"""`spacefacts stats`: the core figures, both renderers and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacefacts.cli import app
from spacefacts.loader import load_text
from spacefacts.render.stats import StatsFormat, render, render_text
from spacefacts.stats import compute_stats

FACTS = """
[sources.news]
title = "News"
published = "2025-02"
text = "news.txt"

[sources.ref]
title = "Reference"
kind = "reference"
url = "https://example.org"

[sources.unused]
title = "Never cited"

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"

[entities.guowang]
name = "Guowang"
kind = "constellation"

[entities.lonely]
name = "Lonely Corp"
kind = "company"

[[claims]]
id = "c1"
subject = "guowang"
property = "planned_size"
value = 13000
source = "news"
quote = "about 13,000 satellites"

[[claims]]
id = "c2"
subject = "guowang"
property = "operator"
value = "satnet"
source = "news"
quote = "operated by SatNet, a different sentence"

[[claims]]
id = "c3"
subject = "satnet"
property = "founded"
value = "2021-04"
source = "ref"
"""

TEXT = "Guowang plans about 13,000 satellites. It is run by China Satellite Network Group."


def write(tmp_path: Path, with_text: bool = True) -> Path:
    (tmp_path / "facts.toml").write_text(FACTS, encoding="utf-8")
    if with_text:
        (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path / "facts.toml"


def stats_for(path: Path, texts_dir: str | None = None):
    base, _ = load_text(path.read_text(encoding="utf-8"), str(path))
    return compute_stats(base, texts_dir)


def test_counts_and_unused(tmp_path):
    s = stats_for(write(tmp_path))
    assert (s.claims, s.sources, s.entities) == (3, 3, 3)
    assert s.by_source == (("news", 2), ("ref", 1))
    assert s.by_entity_kind == (("constellation", 2), ("company", 1))
    assert s.by_property == (("founded", 1), ("operator", 1), ("planned_size", 1))
    assert s.sources_without_claims == ("unused",)
    assert s.entities_without_claims == ("lonely",)  # satnet is a claim's value


def test_verified_share_needs_texts(tmp_path):
    with_text = stats_for(write(tmp_path))
    assert (with_text.verified, with_text.checkable) == (1, 2)  # c2's quote is not in the text
    assert with_text.verified_share == pytest.approx(1 / 3)
    (tmp_path / "news.txt").unlink()
    no_text = stats_for(tmp_path / "facts.toml")
    assert no_text.verified is None and no_text.verified_share is None
    assert "Verified quotes: n/a (no texts)" in render_text(no_text)


def test_text_output_is_aligned(tmp_path):
    out = render_text(stats_for(write(tmp_path)))
    path = str(tmp_path / "facts.toml")
    assert out == (
        f"{path}: 3 claims, 3 sources, 3 entities\n"
        "Verified quotes: 1 of 3 claims (33.3%); 2 had a text to check\n"
        "\n"
        "Claims per source (verified: quotes found in its text / claims with a quote):\n"
        "  news  2   66.7%  1/2  50.0%\n"
        "  ref   1   33.3%  no text\n"
        "\n"
        "Claims per entity kind:\n"
        "  constellation  2   66.7%\n"
        "  company        1   33.3%\n"
        "\n"
        "Claims per property:\n"
        "  founded       1   33.3%\n"
        "  operator      1   33.3%\n"
        "  planned_size  1   33.3%\n"
        "\n"
        "Sources with no claims (1):\n"
        "  unused\n"
        "\n"
        "Entities with no claims (1):\n"
        "  lonely\n"
    )


def test_verified_per_source(tmp_path):
    s = stats_for(write(tmp_path))
    assert s.verified_by_source == (("news", 1, 2),)  # c2's quote is not in news.txt; ref has no text
    (tmp_path / "facts.toml").write_text(FACTS + """
[[claims]]
id = "c4"
subject = "satnet"
property = "founded"
value = "2021"
source = "news"
""", encoding="utf-8")
    assert stats_for(tmp_path / "facts.toml").verified_by_source == (("news", 1, 2),)  # c4 has no quote
    (tmp_path / "news.txt").unlink()
    no_text = stats_for(tmp_path / "facts.toml")
    assert no_text.verified_by_source == ()
    out = render_text(no_text)
    assert "Claims per source:\n  news  3   75.0%\n  ref   1   25.0%\n" in out


def test_verified_per_source_with_the_texts_option(tmp_path):
    path = write(tmp_path, with_text=False)
    assert stats_for(path).verified_by_source == ()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "news.txt").write_text(TEXT.replace("plans about", "plans"), encoding="utf-8")
    assert stats_for(path, str(docs)).verified_by_source == (("news", 0, 2),)


def test_long_names_fit_80_columns(tmp_path):
    many = FACTS + "".join(
        f'\n[entities.entity-with-a-rather-long-identifier-{i:03d}]\nname = "E{i}"\nkind = "company"\n'
        for i in range(40))
    many = many.replace('subject = "satnet"', 'subject = "entity-with-a-rather-long-identifier-000"')
    (tmp_path / "facts.toml").write_text(many, encoding="utf-8")
    out = render_text(stats_for(tmp_path / "facts.toml"))
    assert max(len(line) for line in out.splitlines()[1:]) <= 80
    assert "entity-with-a-rather-long-identifier-039" in out


def test_json_output(tmp_path):
    data = json.loads(render(StatsFormat.JSON, stats_for(write(tmp_path))))
    assert data["claims"] == 3
    assert data["verified"] == {"claims": 1, "share": 0.3333, "checkable": 2}
    assert data["by_source"] == {"news": 2, "ref": 1}
    assert data["verified_by_source"] == {"news": {"verified": 1, "quoted": 2, "share": 0.5}}
    assert data["sources_without_claims"] == ["unused"]
    assert data["entities_without_claims"] == ["lonely"]


@pytest.mark.parametrize("fmt", list(StatsFormat))
def test_every_format_renders(tmp_path, fmt):
    assert render(fmt, stats_for(write(tmp_path))).strip()


def test_cli_stats(tmp_path):
    path = write(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    assert "Verified quotes: 1 of 3 claims" in result.output
    (tmp_path / "news.txt").unlink()
    result = runner.invoke(app, ["stats", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["verified"]["claims"] is None
    assert json.loads(result.output)["verified_by_source"] is None


def test_cli_stats_texts_option(tmp_path):
    path = write(tmp_path, with_text=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "news.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", str(path), "--texts", str(docs), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["verified"]["claims"] == 1
    assert json.loads(result.output)["verified_by_source"]["news"] == {"verified": 1, "quoted": 2, "share": 0.5}
    text = CliRunner().invoke(app, ["stats", str(path), "--texts", str(docs)])
    assert "  news  2   66.7%  1/2  50.0%\n  ref   1   33.3%  no text\n" in text.output


@pytest.mark.parametrize("content", [None, "[sources.x\n"])
def test_cli_stats_unloadable_file_exits_2(tmp_path, content):
    path = tmp_path / "facts.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", str(path)])
    assert result.exit_code == 2


def test_text_shows_control_characters_in_ids_literally(tmp_path):
    from spacefacts.loader import load_text
    from spacefacts.render.stats import render_text
    from spacefacts.stats import compute_stats

    base, _ = load_text('[sources."evil\\u001b[31m"]\ntitle = "T"\n', str(tmp_path / "f.toml"))
    out = render_text(compute_stats(base))
    assert "\x1b" not in out and "evil^[[31m" in out
