"""Results kept between check runs (resultcache.py, issue 16's edit loop): the truth analysis of an
included file whose claims share no source and no subject with the other files', and the duplicate-entity
pairs of the same names, are reused while what they depend on is the same; the findings are the same
cold, warm and with --no-cache, and a corrupt, stale or misfitting entry is ignored and rebuilt."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import invoke
from spacefacts import cache, resultcache, truth
from spacefacts.checks import entities

FIX = Path(__file__).parent / "fixtures" / "launchlog"

CURATED = """\
[settings]
include = ["catalogue/*.toml"]

[sources.note]
title = "An analyst's note"
kind = "analysis"
trust = 0.7

[sources.memo]
title = "A second note"
kind = "analysis"

[entities.cz-2c]
name = "Long March 2C"
kind = "vehicle"

[entities.cz-2d]
name = "Long March 2D"
kind = "vehicle"

[properties.first_flight]
type = "date"
label = "first flight"

[[claims]]
id = "cz2c-first"
subject = "cz-2c"
property = "first_flight"
value = "1982-09-09"
source = "note"
note = "edit me"

[[claims]]
id = "cz2c-first-memo"
subject = "cz-2c"
property = "first_flight"
value = "1975-11-26"
source = "memo"

[[claims]]
id = "cz2d-first"
subject = "cz-2d"
property = "first_flight"
value = "1992-08-09"
source = "note"
"""

# a claim of the curated file about a launch of the catalogue, disagreeing with its serial
JOINED = CURATED + """
[[claims]]
id = "note-serial"
subject = "launch-1957-alp"
property = "vehicle_serial"
value = "M1-PX"
source = "note"
"""


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A curated facts.toml including both launch-log excerpts (catalogue/log.toml); every file is in the
    parse cache (MIN_BYTES 0), so both have keys; the test runs in the folder."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalogue").mkdir()
    out = "catalogue/log.toml"
    for n, (edition, source) in enumerate((("2017-06", "jsr2017"), ("2020-02", "jsr2020"))):
        where = ("-o", out) if n == 0 else ("--into", out)
        assert invoke("import", "launchlog", str(FIX / f"launchlog-{edition}.txt"), "--source", source, *where).exit_code == 0
    (tmp_path / "facts.toml").write_text(CURATED, encoding="utf-8")
    return tmp_path


def check(*args: str) -> str:
    result = invoke("check", "facts.toml", "--format", "json", "--show-info", *args)
    assert result.exit_code in (0, 1), result.output
    return json.dumps(json.loads(result.stdout)["diagnostics"], sort_keys=True)


@pytest.fixture
def weighed(monkeypatch) -> list[set[str]]:
    """The files whose claims each truth.analyze_part call of a run weighed, in order."""
    calls: list[set[str]] = []
    real = truth.analyze_part

    def spy(base, claims, *args, **kw):
        calls.append({c.location.file for c in claims})
        return real(base, claims, *args, **kw)

    monkeypatch.setattr(truth, "analyze_part", spy)
    monkeypatch.setattr(resultcache, "analyze_part", spy)
    return calls


@pytest.fixture
def paired(monkeypatch) -> list[int]:
    """How many names each duplicate-entity search of a run scored."""
    calls: list[int] = []
    real = entities._pairs

    def spy(names, kinds, threshold):
        calls.append(len(names))
        return real(names, kinds, threshold)

    monkeypatch.setattr(entities, "_pairs", spy)
    return calls


def edit(folder: Path, old: str, new: str, file: str = "facts.toml") -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_of_the_curated_file_weighs_only_its_claims(folder, weighed, paired):
    cold = check()
    assert sorted(map(sorted, weighed)) == [["catalogue/log.toml"], ["facts.toml"]]  # each file apart
    assert '"SF301"' in cold  # the catalogue has conflicts to keep
    edit(folder, 'note = "edit me"', 'note = "edited"')
    weighed.clear()
    paired.clear()
    warm = check()
    assert weighed == [{"facts.toml"}] and paired == []  # the catalogue's part and the pairs reused
    assert warm == check("--no-cache") == cold


def test_the_same_run_twice_reuses_the_included_files_part_and_the_pairs(folder, weighed, paired):
    cold = check()
    weighed.clear()
    paired.clear()
    assert check() == cold
    assert weighed == [{"facts.toml"}] and paired == []  # the file the run is on, the one edited, is weighed


def test_a_claim_about_a_catalogue_subject_joins_the_files(folder, weighed):
    check()
    (folder / "facts.toml").write_text(JOINED, encoding="utf-8")
    weighed.clear()
    joined = check()
    assert weighed == [{"facts.toml", "catalogue/log.toml"}]  # analysed together: the kept part is not used
    assert "note-serial" in joined and "'M1-PX' (note)" in joined  # the conflict across the files
    assert joined == check("--no-cache")


def test_an_edit_of_the_catalogue_weighs_it_again(folder, weighed):
    check()
    edit(folder, 'value = "M1-PS"', 'value = "M1-PQ"', "catalogue/log.toml")
    weighed.clear()
    warm = check()
    assert {"catalogue/log.toml"} in weighed and "M1-PQ" in warm
    assert warm == check("--no-cache")


def test_a_changed_entity_searches_duplicates_again(folder, paired):
    check()
    edit(folder, 'name = "Long March 2D"', 'name = "Long March 2C"')  # now the same name as cz-2c (SF402)
    paired.clear()
    warm = check()
    assert len(paired) == 1 and "SF402" in warm
    assert warm == check("--no-cache")


def test_a_changed_trust_prior_weighs_the_catalogue_again(folder, weighed):
    """The catalogue's claims are read against every declaration: a curated declaration changes its key."""
    check()
    edit(folder, "trust = 0.7", "trust = 0.6")
    weighed.clear()
    warm = check()
    assert {"catalogue/log.toml"} in weighed
    assert warm == check("--no-cache")


def results_entries(folder: Path) -> list[Path]:
    return sorted((folder / cache.FOLDER / resultcache.FOLDER).glob("*.bin"))


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(folder, weighed, paired, damage):
    expected = check()
    kept = results_entries(folder)
    assert len(kept) == 2  # the catalogue's analysis and the pairs (not the analysis of facts.toml, the one edited)
    for entry in kept:
        data = entry.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
        elif damage == "garbage":
            data = os.urandom(len(data))
        else:
            data = b""
        entry.write_bytes(data)
    weighed.clear()
    paired.clear()
    assert check() == expected
    assert len(weighed) == 2 and len(paired) == 1
    weighed.clear()
    assert check() == expected and weighed == [{"facts.toml"}]  # rebuilt: the catalogue's part reused


def test_another_tool_version_ignores_the_entries(folder, weighed, monkeypatch):
    expected = check()
    monkeypatch.setattr(cache, "VERSION", "another version")
    weighed.clear()
    assert check() == expected and len(weighed) == 2


def test_an_entry_that_does_not_fit_the_files_claims_is_not_used(folder):
    """A well-formed entry whose claims are not the file's (another count, other ids, positions out of
    range, another shape) is a miss."""
    from spacefacts.pipeline import load

    base, _ = load("facts.toml", use_cache=False)
    runs = resultcache._runs(base.claims)
    log = next(r for r in runs if r.file == "catalogue/log.toml")
    mine = base.claims[log.start:log.end]
    log.part = truth.analyze_part(base, mine)
    log.subjects, log.sources = frozenset(c.subject for c in mine), frozenset(c.source for c in mine)
    good = resultcache._encode(log, base.claims)
    assert resultcache._decode(good, base.claims, log)[0] is not None
    conflicts = good[7]
    assert conflicts  # positions to spoil
    (n, subject, prop, key, sides, cause, likely, why), *rest = conflicts
    far = ((sides[0][0], (10**6,), sides[0][2]), *sides[1:])
    for bad in (good[:2] + (good[2] + 1,) + good[3:], good[:3] + ("other-id",) + good[4:],
                good[:7] + (((n, subject, prop, key, far, cause, likely, why), *rest),) + good[8:],
                good[:8], ("x",) * 9, None, 42):
        assert resultcache._decode(bad, base.claims, log)[0] is None
