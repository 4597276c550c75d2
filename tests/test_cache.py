"""The parse cache (issue 16): what loading a file built, reused while its bytes, the tool version and the
declarations it was read against are the same; anything else (an edit, another version, a corrupt entry)
is ignored and rebuilt, and the findings are the same cold, warm and with --no-cache."""

from __future__ import annotations

import json
import marshal
import os
from pathlib import Path

import pytest
from conftest import invoke, one_error_line
from spacefacts import cache, includes

FIX = Path(__file__).parent / "fixtures" / "launchlog"

CURATED = """\
[settings]
include = ["catalogue/*.toml"]

[sources.note]
title = "An analyst's note"
kind = "analysis"

[entities.sputnik]
name = "Sputnik launch"
kind = "event"

[[claims]]
id = "note-serial"
subject = "launch-1957-alp"
property = "vehicle_serial"
value = "M1-PS"
source = "note"
quote = "M1-PS"
"""


@pytest.fixture
def base(tmp_path, monkeypatch) -> Path:
    """A curated facts.toml including both launch-log excerpts, imported into catalogue/log.toml; every
    file is cached (MIN_BYTES 0), and the test runs in its folder."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalogue").mkdir()
    out = "catalogue/log.toml"
    assert invoke("import", "launchlog", str(FIX / "launchlog-2017-06.txt"), "--source", "jsr2017", "-o", out).exit_code == 0
    assert invoke("import", "launchlog", str(FIX / "launchlog-2020-02.txt"), "--source", "jsr2020", "--into", out).exit_code == 0
    # a claim of the catalogue that names an entity of the curated file by its name (SF113)
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('\n[[claims]]\nid = "by-name"\nsubject = "Sputnik launch"\nproperty = "launch_outcome"\n'
                 'value = "S"\nsource = "jsr2020"\nrecord = "1957 ALP"\n')
    (tmp_path / "facts.toml").write_text(CURATED, encoding="utf-8")
    return tmp_path


def check(*args: str, **env: str | None) -> tuple[int, str]:
    result = invoke("check", "facts.toml", "--format", "json", "--show-info", *args, **env)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return result.exit_code, json.dumps(report["diagnostics"], sort_keys=True)


@pytest.fixture
def started(monkeypatch) -> list[str]:
    """The files loaded from their text (not from the cache) in each run, in order."""
    paths: list[str] = []
    start = includes._Part._start

    def spy(part):
        paths.append(part.path)
        return start(part)

    monkeypatch.setattr(includes._Part, "_start", spy)
    return paths


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bin"))


def test_findings_are_the_same_cold_warm_and_without_cache(base, started):
    nocache = check("--no-cache")
    assert not (base / cache.FOLDER).exists()  # --no-cache writes nothing
    cold = check()
    assert started == ["facts.toml", "catalogue/log.toml"] * 2
    warm = check()
    assert started == ["facts.toml", "catalogue/log.toml"] * 2  # nothing loaded from its text
    assert cold == warm == nocache
    assert '"SF301"' in cold[1] and '"SF113"' in cold[1]  # the run has findings of both kinds to keep


def test_the_cache_folder_is_beside_the_fact_file_and_git_ignored(base):
    check()
    folder = base / cache.FOLDER
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(entries(folder)) == 2 and (folder / "CACHEDIR.TAG").exists()


def test_spacefacts_cache_dir_moves_the_cache(base, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "cache"
    check(SPACEFACTS_CACHE_DIR=str(elsewhere))
    assert len(entries(elsewhere)) == 2 and not (base / cache.FOLDER).exists()


def test_an_edit_of_the_curated_file_reuses_the_catalogue(base, started):
    check()
    text = (base / "facts.toml").read_text().replace('value = "M1-PS"', 'value = "M1-PX"')
    (base / "facts.toml").write_text(text)
    started.clear()
    _, warm = check()
    assert started == ["facts.toml"]
    assert warm == check("--no-cache")[1] and "M1-PX" in warm


def test_an_edit_of_the_catalogue_rebuilds_it(base, started):
    check()
    path = base / "catalogue" / "log.toml"
    path.write_text(path.read_text().replace('value = "M1-PS"', 'value = "M1-PX"', 1))
    started.clear()
    _, warm = check()
    assert started == ["catalogue/log.toml"]  # the curated file's claims read against the same declarations
    assert warm == check("--no-cache")[1] and "M1-PX" in warm


def test_a_changed_declaration_elsewhere_rereads_the_claims(base, started):
    """The catalogue's claim names the curated file's entity: renamed there, it no longer resolves (SF102)."""
    _, before = check()
    (base / "facts.toml").write_text(CURATED.replace('name = "Sputnik launch"', 'name = "Sputnik-1 launch"'))
    started.clear()
    _, after = check()
    assert started == ["facts.toml", "catalogue/log.toml"]  # the first step from the cache, the claims reread
    assert "unknown entity 'Sputnik launch'" in after and "unknown entity" not in before
    assert after == check("--no-cache")[1]


def test_a_file_changed_between_the_two_steps_is_one_error(base, monkeypatch):
    """The catalogue's first step comes from the cache and its text is not kept; its claims must be
    reread (a declaration changed elsewhere), but the file changed in between: one error line, exit 2."""
    check()
    (base / "facts.toml").write_text(CURATED.replace('name = "Sputnik launch"', 'name = "Sputnik-1 launch"'))
    merge = includes._merge

    def edit_then_merge(parts, store):
        with open(base / "catalogue" / "log.toml", "a", encoding="utf-8") as fh:
            fh.write("\n# edited meanwhile\n")
        return merge(parts, store)

    monkeypatch.setattr(includes, "_merge", edit_then_merge)
    line = one_error_line(invoke("check", "facts.toml"))
    assert "catalogue/log.toml changed while it was being read" in line


def test_another_tool_version_ignores_the_entry(base, started, monkeypatch):
    check()
    monkeypatch.setattr(cache, "VERSION", "another version")
    started.clear()
    assert check() == check("--no-cache")
    assert started == ["facts.toml", "catalogue/log.toml", "facts.toml", "catalogue/log.toml"]
    started.clear()
    check()
    assert started == []  # rewritten for this version


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "code"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(base, started, damage):
    expected = check()
    for entry in entries(base / cache.FOLDER):
        data = entry.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            data = data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:]
        elif damage == "garbage":
            data = os.urandom(len(data))
        elif damage == "empty":
            data = b""
        else:  # a well-formed entry (header and checksum right) holding something else: a code object
            import hashlib

            header = data[: len(data) - len(data.split(b"\n", 4)[-1])]  # magic, version, digest, path
            payload = marshal.dumps(compile("open('/tmp/pwned', 'w')", "x", "exec"))
            data = header + hashlib.sha256(payload).digest() + payload
        entry.write_bytes(data)
    started.clear()
    assert check() == expected
    assert started == ["facts.toml", "catalogue/log.toml"]
    started.clear()
    assert check() == expected and started == []  # rebuilt


def test_an_unwritable_cache_folder_degrades_quietly(base, tmp_path_factory):
    blocker = tmp_path_factory.mktemp("blocked") / "a-file"
    blocker.write_text("not a folder")
    code, found = check(SPACEFACTS_CACHE_DIR=str(blocker / "cache"))
    result = invoke("check", "facts.toml", "-q", SPACEFACTS_CACHE_DIR=str(blocker / "cache"))
    assert result.stderr == "" and (code, found) == check("--no-cache")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_degrades_quietly(base):
    folder = base / cache.FOLDER
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = invoke("check", "facts.toml", "-q")
        assert result.stderr == "" and result.exit_code == 1 and entries(folder) == []
    finally:
        folder.chmod(0o700)


def test_small_files_are_not_cached(base, monkeypatch):
    monkeypatch.setattr(cache, "MIN_BYTES", 10**9)
    check()
    assert not (base / cache.FOLDER).exists()


def test_decode_accepts_only_our_records():
    with pytest.raises(ValueError):
        cache.decode((99, "x"))
    with pytest.raises(ValueError):
        cache.decode(compile("1", "x", "eval"))
    assert cache.decode(cache.encode({"a": [1, (2.5, None)]})) == {"a": [1, (2.5, None)]}
