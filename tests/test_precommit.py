"""The pre-commit hook works with the real pre-commit on a sample repository.

Slow (pre-commit builds a virtualenv from this repository's committed and tracked files);
skipped when pre-commit or git is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

CLEAN = """\
[sources.a]
title = "A report"

[entities.x]
name = "X Corp"
kind = "company"

[[claims]]
id = "x-founded"
subject = "x"
property = "founded"
value = "2021"
source = "a"
quote = "founded in 2021"
"""

BROKEN = CLEAN.replace('source = "a"', 'source = "b"')  # SF101 unknown source: an error


def pre_commit() -> list[str]:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git not found")
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    cmd = pre_commit()
    repo = tmp_path_factory.mktemp("sample")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}

    def run(text: str, hook: str = "spacefacts-lint") -> subprocess.CompletedProcess:
        (repo / "facts.toml").write_text(text, encoding="utf-8")
        subprocess.run(["git", "add", "facts.toml"], cwd=repo, check=True)
        return subprocess.run(
            [*cmd, "try-repo", str(ROOT), hook, "--files", "facts.toml"],
            cwd=repo, env=env, capture_output=True, text=True, timeout=900,
        )

    return run


def test_hook_passes_on_a_clean_file(sample):
    result = sample(CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "spacefacts lint" in result.stdout and "Passed" in result.stdout


def test_hook_fails_on_an_error(sample):
    result = sample(BROKEN)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "facts.toml:" in result.stdout and "SF101 unknown source 'b'" in result.stdout
    assert "Traceback" not in result.stdout


def test_fmt_hook_passes_on_a_formatted_file_and_fails_on_another(sample):
    result = sample(CLEAN, "spacefacts-fmt")
    assert result.returncode == 0, result.stdout + result.stderr
    result = sample(CLEAN.replace('name = "X Corp"\nkind = "company"', 'kind = "company"\nname = "X Corp"'),
                    "spacefacts-fmt")
    assert result.returncode == 1 and "would reformat facts.toml" in result.stdout, result.stdout + result.stderr
