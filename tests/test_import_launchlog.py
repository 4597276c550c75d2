"""`spacefacts import launchlog` (issue 16): McDowell's launch log as entities and claims citing records.

Excerpts of both editions are in tests/fixtures/launchlog (PROVENANCE.md); the full files in
../shared/ext/launches are used when present."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXT, invoke, need, one_error_line
from spacefacts.checks import Context, run_checks
from spacefacts.dates import parse_date
from spacefacts.importers.launchlog import log_date
from spacefacts.loader import load_file

FIX = Path(__file__).parent / "fixtures" / "launchlog"
OLD, NEW = FIX / "launchlog-2017-06.txt", FIX / "launchlog-2020-02.txt"


@pytest.mark.parametrize("field, iso, precision", [
    ("1957 Oct  4 1928:34", "1957-10-04T19:28:34", "second"),
    ("1957 Oct 17 0505", "1957-10-17T05:05", "minute"),
    ("1958 Jul 25", "1958-07-25", "day"),
    ("1962 Aug 23 1144?", "1962-08-23T11:44?", "minute"),
    ("2006 Nov 17 1912:00?", "2006-11-17T19:12:00?", "second"),
    ("2012 May 23?", "2012-05-23?", "day"),
    ("2019 Jun  5 0406:00.5", "2019-06-05T04:06:00.5", "second"),
])
def test_each_precision_of_the_date_field(field, iso, precision):
    assert log_date(field) == iso
    assert parse_date(iso).precision == precision


def findings(path: Path) -> list:
    base, loaded = load_file(str(path))
    assert [d for d in loaded if d.severity >= 2] == [], loaded
    return loaded + run_checks(base, Context(), ("lint", "check")), base


def test_both_editions_into_one_base_report_exactly_the_revisions(tmp_path):
    out = tmp_path / "log.toml"
    first = invoke("import", "launchlog", str(OLD), "--source", "jsr2017", "-o", str(out))
    assert first.exit_code == 0, first.output
    second = invoke("import", "launchlog", str(NEW), "--source", "jsr2020", "--into", str(out))
    assert second.exit_code == 0, second.output
    diags, base = findings(out)
    assert len(base.entities) == 13 and base.sources["jsr2020"].published.text == "2012-05"
    assert all(c.record and not c.quote for c in base.claims)
    assert {d.code for d in diags} == {"SF301"}  # no SF202/SF207 (records), no SF401/SF402
    revised = {(d.data["subject"], d.data["property"]) for d in diags}
    assert revised == {("launch-1960-f07", "vehicle_serial"), ("launch-1962-a-omi", "launch_time"),
                       ("launch-1963-030", "payload_count"), ("launch-1966-101", "launch_outcome"),
                       ("launch-2003-055", "launch_site")}


def test_one_edition_alone_has_no_findings(tmp_path):
    out = tmp_path / "log.toml"
    assert invoke("import", "launchlog", str(NEW), "--source", "jsr", "-o", str(out)).exit_code == 0
    diags, base = findings(out)
    assert diags == []
    claims = {(c.subject, c.property): c for c in base.claims}
    assert claims[("launch-1957-alp", "launch_time")].value.display() == "4 Oct 1957 19:28:34 UTC"
    assert claims[("launch-1963-030", "payload_count")].value.low == 5
    assert claims[("launch-1957-alp", "launch_time")].record == "1957 ALP"


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_imported(tmp_path):
    lines = NEW.read_text().splitlines()
    broken = lines[2][:13] + "1957 Okt  4 1928:34       " + lines[2][39:]  # line 3: no such month
    orphan = " " * 13 + lines[2][13:]  # a payload row before any launch: line 3 of the second file
    src = tmp_path / "bad.txt"
    src.write_text("\n".join([*lines[:2], orphan, broken, *lines[3:]]) + "\n")
    out = tmp_path / "log.toml"
    result = invoke("import", "launchlog", str(src), "--source", "jsr", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{src}:3: skipped: a payload row before any launch line",
        f"{src}:4: skipped: 1957 ALP: launch date '1957 Okt  4 1928:34' is not 'YYYY Mon DD [HHMM[:SS]]'",
    ]
    _, base = findings(out)
    assert "launch-1957-alp" not in base.entities and len(base.entities) == 12


def test_refuses_to_overwrite_and_to_redeclare_a_source(tmp_path):
    out = tmp_path / "log.toml"
    out.write_text("# mine\n")
    line = one_error_line(invoke("import", "launchlog", str(NEW), "--source", "jsr", "-o", str(out)))
    assert "exists" in line and out.read_text() == "# mine\n"
    assert invoke("import", "launchlog", str(NEW), "--source", "jsr", "--into", str(out)).exit_code == 0
    before = out.read_text()
    assert before.startswith("# mine\n")
    line = one_error_line(invoke("import", "launchlog", str(NEW), "--source", "jsr", "--into", str(out)))
    assert "already" in line and out.read_text() == before
    assert "cannot read" in one_error_line(invoke("import", "launchlog", str(tmp_path / "none.txt"),
                                                  "--source", "jsr"))


def test_full_editions(tmp_path):
    """The two full editions: the revisions README.txt counts (25 payload counts, 1 outcome), nothing else."""
    old = need(EXT / "launches" / "mcdowell-launchlog-2017-06" / "launchlog.txt")
    new = need(EXT / "launches" / "mcdowell-launchlog-2020-02" / "launchlog.txt")
    out = tmp_path / "log.toml"
    assert invoke("import", "launchlog", str(old), "--source", "jsr2017", "-o", str(out)).exit_code == 0
    assert invoke("import", "launchlog", str(new), "--source", "jsr2020", "--into", str(out)).exit_code == 0
    diags, base = findings(out)
    assert len(base.entities) == 5954
    assert Counter(d.code for d in diags).keys() == {"SF301"}
    by_property = Counter(d.data["property"] for d in diags)
    assert by_property["payload_count"] == 25 and by_property["launch_outcome"] == 1


def test_records_are_looked_up_in_the_source_local_text(tmp_path):
    """SF201 for a record: the tag must be in the source's local copy of the log, as whole words."""
    out = tmp_path / "log.toml"
    (tmp_path / "log.txt").write_bytes(NEW.read_bytes())
    assert invoke("import", "launchlog", str(NEW), "--source", "jsr", "-o", str(out)).exit_code == 0
    text = out.read_text().replace('kind = "dataset"', 'kind = "dataset"\ntext = "log.txt"', 1)
    out.write_text(text.replace('record = "1957 BET"', 'record = "1957 BETA"', 1)
                       .replace('record = "1958 BET"', 'record = "line 4"', 1))
    diags, _ = findings(out)
    assert [(d.code, d.message) for d in diags] == [("SF201", "record '1957 BETA' not found in log.txt")]


def curated(folder: Path, extra: str = "") -> Path:
    """A curated fact file that includes catalogue/*.toml, with `extra` declarations."""
    (folder / "catalogue").mkdir()
    facts = folder / "facts.toml"
    facts.write_text('[settings]\ninclude = ["catalogue/*.toml"]\n\n' + extra)
    return facts


def test_a_catalogue_imported_beside_another_declares_nothing_the_base_has(tmp_path, monkeypatch):
    facts = curated(tmp_path)
    monkeypatch.chdir(tmp_path)
    for log, source, name in ((OLD, "jsr2017", "a"), (NEW, "jsr2020", "b")):
        result = invoke("import", "launchlog", str(log), "--source", source, "-o", f"catalogue/{name}.toml")
        assert result.exit_code == 0, result.output
    second = (tmp_path / "catalogue" / "b.toml").read_text()
    assert "[properties." not in second and second.count("[entities.") < 13  # only launches new in 2020
    result = invoke("check", str(facts), "--format", "json", "--exit-zero")
    codes = {f["code"] for f in json.loads(result.stdout)["diagnostics"]}
    assert codes == {"SF301"}, codes  # no SF107 for the launches and properties both files would declare
    line = one_error_line(invoke("import", "launchlog", str(NEW), "--source", "jsr2017", "-o", "catalogue/c.toml"))
    assert "source 'jsr2017' is declared in catalogue/a.toml:" in line
    assert not (tmp_path / "catalogue" / "c.toml").exists()


def test_a_property_the_base_declares_with_another_type_is_refused_or_renamed(tmp_path, monkeypatch):
    facts = curated(tmp_path, '[properties.launch_vehicle]\ntype = "entity"\nlabel = "launch vehicle"\n')
    monkeypatch.chdir(tmp_path)
    args = ("import", "launchlog", str(NEW), "--source", "jsr")
    line = one_error_line(invoke(*args, "-o", "catalogue/log.toml"))
    assert "property 'launch_vehicle' is declared in facts.toml:4 as entity" in line and "--rename" in line
    assert not (tmp_path / "catalogue" / "log.toml").exists()
    assert "no property 'vehicle'" in one_error_line(invoke(*args, "-o", "catalogue/log.toml", "--rename", "vehicle=x"))
    result = invoke(*args, "-o", "catalogue/log.toml", "--rename", "launch_vehicle=log_vehicle")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "catalogue" / "log.toml").read_text()
    assert "[properties.log_vehicle]" in text and 'property = "launch_vehicle"' not in text
    assert 'id = "jsr-1957-alp-log_vehicle"' in text
    result = invoke("check", str(facts), "--format", "json", "--exit-zero")
    assert json.loads(result.stdout)["diagnostics"] == []
