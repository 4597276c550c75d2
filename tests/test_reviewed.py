"""Reviewed conflicts: `conflicts` and `show` mark a conflict a claim accepts (an `accepted` SF301
entry) with its reason, as `check` marks its SF301 finding; `conflicts --unreviewed` leaves them out."""

from __future__ import annotations

import json

import pytest

from conftest import FACTS, invoke as run
from spacefacts.loader import load_file
from spacefacts.pipeline import run as run_report

REASON = "The promotional page hedges; the registry date is preferred."
OTHER = "A second reason, on the later claim."

FACTS_TEXT = f'''
[sources.promo]
title = "Promo"
[sources.registry]
title = "Registry"
trust = 0.8
[entities.satnet]
name = "China Satellite Network Group"
kind = "company"
[entities.galaxyspace]
name = "GalaxySpace"
kind = "company"

[[claims]]
id = "promo-satnet-founded"
subject = "satnet"
property = "founded"
value = "early 2020"
source = "promo"
accepted = [{{ code = "SF301", reason = "{REASON}" }}]

[[claims]]
id = "registry-satnet-founded"
subject = "satnet"
property = "founded"
value = "2021-04"
source = "registry"
accepted = [{{ code = "SF301", reason = "{OTHER}" }}]

[[claims]]
id = "promo-galaxyspace-location"
subject = "galaxyspace"
property = "location"
value = "Shanghai"
source = "promo"

[[claims]]
id = "registry-galaxyspace-location"
subject = "galaxyspace"
property = "location"
value = "Beijing"
source = "registry"
'''


@pytest.fixture
def facts(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text(FACTS_TEXT, encoding="utf-8")
    return str(path)




def _check_reasons(path: str) -> dict[str, str | None]:
    """subject -> the reason `check` marks its SF301 finding with."""
    report = run_report(path, ("lint", "check"), select=("SF301",))
    return {d.data["subject"]: d.accepted for d in report.diagnostics if d.code == "SF301"}


def test_reasons_are_those_check_gives(facts):
    from spacefacts.truth import accepted_reasons, analyze

    conflicts = analyze(load_file(facts)[0]).conflicts
    mine = {c.subject: r for c, r in zip(conflicts, accepted_reasons(conflicts))}
    assert mine == {"satnet": REASON, "galaxyspace": None}  # the first claim in the file that accepts it
    assert mine == _check_reasons(facts)


def test_conflicts_text_marks_accepted_with_reason(facts):
    out = run("conflicts", facts).stdout
    satnet, galaxy = out.split("GalaxySpace (galaxyspace)")  # subjects by name
    assert "founded (accepted)" in satnet and f"accepted: {REASON}" in satnet.replace("\n      ", " ")
    assert "location (to review)" in galaxy and "accepted:" not in galaxy.split("conflicts in")[0]
    assert out.rstrip().endswith("2 conflicts in 2 subjects: 1 accepted, 1 to review.")


def test_conflicts_json_has_accepted(facts):
    doc = json.loads(run("conflicts", facts, "--format", "json").stdout)
    assert {c["subject"]: c["accepted"] for c in doc["conflicts"]} == {"satnet": REASON, "galaxyspace": None}


def test_unreviewed_lists_only_conflicts_not_accepted(facts):
    result = run("conflicts", facts, "--unreviewed")
    assert result.exit_code == 0
    assert "galaxyspace" in result.stdout and "satnet" not in result.stdout
    assert "1 accepted conflict not shown" in result.stderr
    doc = json.loads(run("conflicts", facts, "--unreviewed", "--format", "json").stdout)
    assert [c["subject"] for c in doc["conflicts"]] == ["galaxyspace"]


def test_show_marks_accepted_and_to_review(facts):
    out = run("show", "satnet", "-f", facts).stdout
    assert "sources disagree (accepted)" in out and REASON.split(";")[0] in out
    out = run("show", "galaxyspace", "-f", facts).stdout
    assert "sources disagree" in out and "(accepted)" not in out and "to review" in out
    doc = json.loads(run("show", "satnet", "-f", facts, "--format", "json").stdout)
    (founded,) = [p for p in doc["properties"] if p["id"] == "founded"]
    assert [c["accepted"] for c in founded["conflicts"]] == [REASON]


def test_shipped_satnet_founded_is_accepted():
    path = str(FACTS)
    doc = json.loads(run("conflicts", path, "--format", "json", "-e", "satnet", "-p", "founded").stdout)
    (conflict,) = doc["conflicts"]
    assert conflict["accepted"] and conflict["accepted"] == _check_reasons(path)["satnet"]
    unreviewed = json.loads(run("conflicts", path, "--unreviewed", "--format", "json").stdout)["conflicts"]
    assert all(c["accepted"] is None for c in unreviewed)
    assert not any(c["subject"] == "satnet" and c["property"] == "founded" for c in unreviewed)
    assert f"accepted: {conflict['accepted'][:30]}" in run("show", "satnet", "-f", path, "--output", "-").stdout
