"""show with an ambiguous name: numbered candidates with ids and a --pick hint (exit 1), --pick N|ID,
a prompt in a terminal; --entity stays an error (exit 2) listing the candidates with their ids."""

from __future__ import annotations

import json
import os
import re

import pytest
from typer.testing import CliRunner

from conftest import FACTS, in_terminal
from spacefacts import cli
from spacefacts.cli import app

SHIPPED = str(FACTS)
NAME = "China Satellite"  # ties the place China with China Satellite Network Group


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(app, list(args), input=input, env={"NO_COLOR": None, "COLUMNS": None, "CI": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _numbers(text: str) -> dict[str, int]:
    """entity id -> its number in a listing of candidates."""
    return {m[2]: int(m[1]) for m in re.finditer(r"^\s+(\d+)\. .*? \(([^,()]+), [^,()]+\)  score", text, re.M)}


def test_ambiguous_lists_numbered_candidates_with_ids_and_a_hint():
    result = run("show", NAME, "-f", SHIPPED)
    assert result.exit_code == 1 and result.stdout == ""
    numbers = _numbers(result.stderr)
    assert {"china", "satnet"} <= set(numbers) and sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    assert "--pick N" in result.stderr and "id" in result.stderr.splitlines()[0]


def test_pick_by_number_or_id():
    n = _numbers(run("show", NAME, "-f", SHIPPED).stderr)["satnet"]
    for pick in (str(n), "satnet"):
        result = run("show", NAME, "-f", SHIPPED, "--pick", pick, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["entity"]["id"] == "satnet"
    result = run("show", NAME, "-f", SHIPPED, "--pick", str(_numbers(run("show", NAME, "-f", SHIPPED).stderr)["china"]))
    assert result.exit_code == 0 and result.stdout.startswith("China  china")


@pytest.mark.parametrize("pick", ["0", "99", "galaxyspace"])
def test_a_pick_that_is_no_candidate_exits_2(pick):
    result = run("show", NAME, "-f", SHIPPED, "--pick", pick)
    assert result.exit_code == 2 and result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"spacefacts: error: --pick {pick}:") and "satnet" in "\n".join(rest)


def test_not_found_still_says_did_you_mean():
    result = run("show", "Chna Satelite Netwrk", "-f", SHIPPED, "--pick", "1")
    assert result.exit_code == 1 and "Did you mean" in result.stderr and "(satnet, company)" in result.stderr


def test_prompt_in_a_terminal(monkeypatch):
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    n = _numbers(run("show", NAME, "-f", SHIPPED).stderr)["satnet"]
    result = run("show", NAME, "-f", SHIPPED, "--format", "json", input=f"nonsense\n{n}\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["entity"]["id"] == "satnet"
    assert "'nonsense' is not one of the candidates" in result.stderr
    cancelled = run("show", NAME, "-f", SHIPPED, input="\n")
    assert cancelled.exit_code == 1 and cancelled.stdout == ""


def test_no_prompt_without_a_terminal():
    result = run("show", NAME, "-f", SHIPPED, input="2\n")  # CliRunner's stdin is no terminal
    assert result.exit_code == 1 and result.stdout == "" and "Number (" not in result.stderr


def test_prompt_on_a_real_terminal():
    n = _numbers(run("show", NAME, "-f", SHIPPED).stderr)["satnet"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "CI": "1", "SPACEFACTS_PAGER": ""}
    code, out, _ = in_terminal(("show", NAME, "-f", SHIPPED), env, input=f"{n}\n", stderr_too=True)
    assert code == 0, out
    assert "Enter to cancel" in out  # it asked
    assert "China Satellite Network Group  satnet · company" in out


@pytest.mark.parametrize("words", [("timeline",), ("conflicts",), ("export", "json")], ids=" ".join)
def test_ambiguous_entity_filter_exits_2_listing_ids(words):
    result = run(*words, SHIPPED, "--entity", NAME)
    assert result.exit_code == 2 and result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"spacefacts: error: --entity: '{NAME}' matches more than one entity")
    assert any("(satnet, company)" in line for line in rest) and any("(china, place)" in line for line in rest)
