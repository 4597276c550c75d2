"""A quiet first run: README's first command (`spacefacts check facts.toml` on a fresh clone, where the
source texts are not beside the fact file) ends in a short clean report. A source without a local text is
one SF205 info finding (hidden unless --show-info or --verbose), never one per claim, and the summary counts
the quotes not verified; a file missing from a texts folder named explicitly is a warning (SF208)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import FACTS, ROOT, SEEDS, need
from spacefacts.cli import app
from spacefacts.pipeline import run

runner = CliRunner()
SCHEMA = json.loads((ROOT / "docs" / "diagnostics.schema.json").read_text(encoding="utf-8"))

FACTS_TOML = """\
[sources.doc]
title = "A report"
published = "2025-02"
text = "doc.txt"

[sources.other]
title = "Another report"
published = "2025-03"
text = "other.txt"

[entities.satnet]
name = "China Satellite Network Group"
kind = "company"
""" + "".join(f"""
[[claims]]
id = "c{i}"
subject = "satnet"
property = "founded"
value = "2021"
source = "{'doc' if i < 3 else 'other'}"
quote = "founded in 2021"
""" for i in range(4))


def _unverified_on_shipped() -> tuple[int, int]:
    """(claims with a quote, their sources) of the shipped facts.toml: none has a text beside it."""
    data = tomllib.loads(FACTS.read_text(encoding="utf-8"))
    quoted = [c["source"] for c in data["claims"] if c.get("quote", "").strip() and c["source"] in data["sources"]]
    return len(quoted), len(set(quoted))


def _layout(tmp_path: Path, texts: dict[str, str], settings: str = "") -> str:
    path = tmp_path / "facts.toml"
    path.write_text(settings + FACTS_TOML, encoding="utf-8")
    folder = tmp_path / "texts"
    folder.mkdir(exist_ok=True)
    for name, body in texts.items():
        (folder / name).write_text(body, encoding="utf-8")
    return str(path)


# ---- the README's first command ---------------------------------------------------------------


def test_readme_first_command_is_a_short_clean_report() -> None:
    assert "spacefacts check facts.toml\n" in (ROOT / "README.md").read_text(encoding="utf-8")
    for stray in ROOT.glob("00*_*.txt"):
        pytest.skip(f"a source text ({stray.name}) lies beside facts.toml: not a fresh clone")
    claims, sources = _unverified_on_shipped()
    result = runner.invoke(app, ["check", str(FACTS)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # no SF208 warnings, no SF205 lines
    first, second = result.stderr.splitlines()
    assert first.startswith("All checks passed")
    assert second == f"quotes not verified: {claims} claims from {sources} sources without local texts (--texts DIR)"


def test_one_sf205_per_source_and_none_per_claim_on_the_shipped_file() -> None:
    claims, sources = _unverified_on_shipped()
    report = run(str(FACTS), ("lint", "check"))
    sf205 = [d for d in report.diagnostics if d.code == "SF205"]
    assert len(sf205) == sources and {len(d.ids) for d in sf205} == {1}
    data = tomllib.loads(FACTS.read_text(encoding="utf-8"))
    assert {d.ids[0] for d in sf205} <= set(data["sources"])  # about sources, not claims
    assert report.unverified() == (claims, sources)
    assert not [d for d in report.diagnostics if d.code == "SF208"]


@pytest.mark.parametrize("command", ["lint", "check"])
def test_the_shipped_file_with_its_texts_still_passes(command) -> None:
    need(SEEDS)
    result = runner.invoke(app, [command, str(FACTS), "--texts", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("All checks passed") and "quotes not verified" not in result.stderr


# ---- showing the infos --------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--show-info", "--verbose", "-v"])
def test_show_info_and_verbose_list_the_sf205_findings(tmp_path, flag) -> None:
    path = _layout(tmp_path, {})
    quiet = runner.invoke(app, ["lint", path])
    shown = runner.invoke(app, ["lint", path, flag])
    assert quiet.exit_code == shown.exit_code == 0
    assert quiet.stdout == ""
    lines = shown.stdout.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["SF205", "SF205"]
    assert "3 quotes not verified: source 'doc'" in lines[0] and "1 quote not verified: source 'other'" in lines[1]
    assert "'doc.txt' is not beside the fact file" in lines[0]
    assert "quotes not verified: 4 claims from 2 sources without local texts (--texts DIR)" in shown.stderr


def test_verbose_lists_accepted_findings_too(tmp_path) -> None:
    path = tmp_path / "facts.toml"
    text = FACTS_TOML.replace('source = "other"', 'source = "nope"\naccepted = [{ code = "SF101", reason = "r" }]')
    path.write_text(text, encoding="utf-8")
    assert "[accepted: r]" not in runner.invoke(app, ["lint", str(path)]).stdout
    assert "[accepted: r]" in runner.invoke(app, ["lint", str(path), "--verbose"]).stdout


def test_hidden_infos_are_counted_in_the_summary(tmp_path) -> None:
    path = _layout(tmp_path, {})
    result = runner.invoke(app, ["lint", path])
    assert result.stderr.splitlines()[0] == "All checks passed (2 info hidden; --show-info lists them)."
    bad = Path(path)
    bad.write_text(bad.read_text(encoding="utf-8").replace('value = "2021"', 'value = "2021-13"', 1), encoding="utf-8")
    result = runner.invoke(app, ["lint", path])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Found 1 error, 0 warnings, 2 info (info hidden; --show-info lists them)."
    assert runner.invoke(app, ["lint", path, "--quiet"]).stderr == ""


def test_github_annotates_no_infos_and_json_always_carries_them(tmp_path) -> None:
    path = _layout(tmp_path, {})
    assert runner.invoke(app, ["lint", path, "--format", "github"]).stdout == ""
    # info findings go to the step summary only, never as ::notice lines (tests/test_output_safety.py)
    assert runner.invoke(app, ["lint", path, "--format", "github", "--show-info"]).stdout == ""
    doc = json.loads(runner.invoke(app, ["lint", path, "--format", "json"]).stdout)
    jsonschema.validate(doc, SCHEMA)
    assert [(d["code"], d["severity"], d["ids"]) for d in doc["diagnostics"]] == [
        ("SF205", "info", ["doc"]), ("SF205", "info", ["other"])]
    assert doc["summary"]["infos"] == 2
    sarif = json.loads(runner.invoke(app, ["lint", path, "--format", "sarif"]).stdout)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["note", "note"]


# ---- a texts folder named explicitly --------------------------------------------------------------


def test_a_file_missing_from_the_texts_folder_given_is_a_warning(tmp_path) -> None:
    path = _layout(tmp_path, {"doc.txt": "The group was founded in 2021.\n"})
    result = runner.invoke(app, ["lint", path, "--texts", str(tmp_path / "texts")])
    assert result.exit_code == 0  # a warning
    (line,) = result.stdout.splitlines()
    assert " SF208 text file 'other.txt' not found in " in line
    assert "quotes not verified: 1 claim from 1 source without a local text (--texts DIR)" in result.stderr
    assert result.stderr.startswith("Found 0 errors, 1 warning, 1 info")


def test_settings_texts_is_a_folder_named_explicitly_too(tmp_path) -> None:
    path = _layout(tmp_path, {"doc.txt": "The group was founded in 2021.\n"}, settings='[settings]\ntexts = "texts"\n\n')
    codes = [d.code for d in run(path).diagnostics]
    assert codes == ["SF205", "SF208"]  # both about source 'other': same line, by code


def test_no_folder_and_no_file_beside_is_no_warning(tmp_path) -> None:
    path = _layout(tmp_path, {"doc.txt": "The group was founded in 2021.\n"})
    assert [d.code for d in run(path).diagnostics] == ["SF205", "SF205"]
    (tmp_path / "doc.txt").write_text("The group was founded in 2021.\n", encoding="utf-8")  # one beside it
    assert [d.code for d in run(path).diagnostics] == ["SF205"]


def test_a_source_naming_no_text_is_one_finding(tmp_path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(FACTS_TOML.replace('text = "doc.txt"\n', ""), encoding="utf-8")
    found = [d for d in run(str(path)).diagnostics if d.ids == ("doc",)]
    assert [d.code for d in found] == ["SF205"] and "it names no text file" in found[0].message


def test_a_claim_accepting_sf205_is_left_out_of_its_sources_count(tmp_path) -> None:
    """docs/format.md's example: a claim may accept SF205 ("no local copy of the page is kept")."""
    path = tmp_path / "facts.toml"
    accepting = 'quote = "founded in 2021"\naccepted = [{ code = "SF205", reason = "no copy kept" }]\n'
    path.write_text(FACTS_TOML.replace('quote = "founded in 2021"\n', accepting, 1), encoding="utf-8")
    report = run(str(path), ("lint", "check"))
    assert "SF310" not in {d.code for d in report.diagnostics}  # the acceptance is used
    (accepted,) = [d for d in report.diagnostics if d.accepted is not None]
    assert accepted.code == "SF205" and accepted.ids == ("c0", "doc")
    assert report.unverified() == (3, 2)  # c1, c2 of 'doc' and c3 of 'other'
