"""Input the tool cannot read gives exit 2 and one clean error line, never a traceback."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import EXT, need, toml_1_0_invalid
from spacefacts.cli import app

TOML_TEST = EXT / "toml-test"
ERROR_LINE = re.compile(r"^spacefacts: error: .+:\d+(:\d+)?: \S.*$")


def toml_1_0_invalid_params() -> list:
    """The TOML 1.0.0 invalid cases, or one skip marker when the data is absent."""
    return toml_1_0_invalid() or [pytest.param(None, marks=pytest.mark.skip(reason="toml-test data not present"))]


def lint(*args: str):
    result = CliRunner().invoke(app, ["lint", *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        f"exception escaped: {result.exception!r}"
    )
    return result


def assert_one_error_line(result, *, with_line: bool = True) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    if with_line:
        assert ERROR_LINE.match(lines[0]), lines[0]
    else:
        assert lines[0].startswith("spacefacts: error: "), lines[0]
    return lines[0]


def test_the_suite_is_there_when_present():
    need(TOML_TEST / "files-toml-1.0.0")
    assert len(toml_1_0_invalid()) > 450  # the README counts 499 (plus the .multi-expanded cases)


@pytest.mark.parametrize("rel", toml_1_0_invalid_params())
def test_toml_1_0_invalid_file_exits_2(rel):
    result = lint(str(TOML_TEST / rel))
    assert result.exit_code == 2, (
        f"{rel} was accepted (exit {result.exit_code}): the parser took TOML that 1.0.0 calls invalid. "
        "tomli >= 2.3 implements TOML 1.1; pin tomli<2.3 (2.2.1 rejects every case) or reject 1.1 syntax "
        "in the loader."
    )
    assert_one_error_line(result)


def test_empty_file(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text("")
    line = assert_one_error_line(lint(str(p)), with_line=False)
    assert str(p) in line


def test_blank_and_comment_only_file(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text("\n# nothing here\n\n")
    line = assert_one_error_line(lint(str(p)), with_line=False)
    assert str(p) in line


def test_binary_file(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_bytes(b"title = 1\n\x00\x01\x02\xff")
    line = assert_one_error_line(lint(str(p)))
    assert f"{p}:2" in line and "binary" in line


def test_non_utf8_file(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_bytes(b'[sources.a]\ntitle = "caf\xe9"\n')
    line = assert_one_error_line(lint(str(p)))
    assert f"{p}:2:" in line and "UTF-8" in line


def test_directory(tmp_path):
    line = assert_one_error_line(lint(str(tmp_path)), with_line=False)
    assert "directory" in line


def test_missing_path(tmp_path):
    line = assert_one_error_line(lint(str(tmp_path / "nope.toml")), with_line=False)
    assert "no such file" in line


def test_missing_default_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = assert_one_error_line(lint(), with_line=False)
    assert "facts.toml" in line


def test_bad_format_value(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text("[settings]\n")
    result = lint(str(p), "--format", "yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "yaml" in result.output  # click's usage error names the bad value


def test_bad_texts_folder_is_not_a_crash(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text('[sources.a]\ntitle = "A"\n')
    result = lint(str(p), "--texts", str(tmp_path / "missing"))
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
