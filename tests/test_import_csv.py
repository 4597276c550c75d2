"""`spacefacts import csv` (issue 16): a table's rows as subjects, mapped columns as claims citing their line.

The excerpt of tidytuesday's launches.csv is in tests/fixtures/launches-csv (PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

from conftest import EXT, invoke, need, one_error_line
from spacefacts.checks import Context, run_checks
from spacefacts.loader import load_file

FIX = Path(__file__).parent / "fixtures"
CSV = FIX / "launches-csv" / "launches.csv"
LOG = FIX / "launchlog" / "launchlog-2020-02.txt"
MAP = "subject=tag,launch_time=launch_date:date,mission=mission"


def loaded(path: Path):
    base, diags = load_file(str(path))
    assert [d for d in diags if d.severity >= 2] == [], diags
    return base, diags + run_checks(base, Context(), ("lint", "check"))


def test_a_third_source_about_the_same_launches(tmp_path):
    out = tmp_path / "log.toml"
    assert invoke("import", "launchlog", str(LOG), "--source", "jsr2020", "-o", str(out)).exit_code == 0
    result = invoke("import", "csv", str(CSV), "--source", "tidy", "--map", MAP, "--prefix", "launch-",
                    "--kind", "event", "--published", "2019-01-15", "--into", str(out))
    assert result.exit_code == 0, result.output
    base, diags = loaded(out)
    tidy = [c for c in base.claims if c.source == "tidy"]
    assert {c.record for c in tidy} >= {"line 2", "line 13"} and all(not c.quote for c in tidy)
    times = {c.subject: c.value for c in tidy if c.property == "launch_time"}
    assert "launch-2005-f04" in base.entities and "launch-2005-f04" not in times  # empty date: no claim
    assert times["launch-2018-f01"].earliest.year == 2918  # the table's own defect, kept as written
    # the table's days agree with the log's minutes and seconds on the same launches
    assert [d for d in diags if d.code == "SF301"] == []
    assert not [d for d in diags if d.code.startswith(("SF2", "SF4"))]


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_imported(tmp_path):
    rows = CSV.read_text().splitlines()
    rows[2] = rows[2].replace("1963-07-19", "1963-13-40")
    rows[4] = rows[4] + ",extra"
    src = tmp_path / "t.csv"
    src.write_text("\n".join(rows) + "\n")
    out = tmp_path / "t.toml"
    result = invoke("import", "csv", str(src), "--source", "tidy", "--map", MAP, "-o", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{src}:3: skipped: launch_date: '1963-13-40'")
    assert lines[1] == f"{src}:5: skipped: 12 cells, the header has 11"
    base, _ = loaded(out)
    assert len(base.entities) == 10


def test_bad_mapping_is_one_error_line(tmp_path):
    for bad, said in (("tag", "not NAME=COLUMN"), ("subject=tag", "at least one"),
                      ("subject=tag,x=nope", "no column 'nope'"), ("subject=tag,x=tag:colour", "type 'colour'")):
        line = one_error_line(invoke("import", "csv", str(CSV), "--source", "t", "--map", bad))
        assert said in line, line
    line = one_error_line(invoke("import", "csv", str(CSV), "--source", "t", "--map", MAP, "--published", "soon"))
    assert line.startswith("spacefacts: error: --published: 'soon'")


def test_full_table(tmp_path):
    table = need(EXT / "launches" / "tidytuesday-2019-01-15" / "launches.csv")
    out = tmp_path / "t.toml"
    result = invoke("import", "csv", str(table), "--source", "tidy", "--map", MAP, "--prefix", "launch-",
                    "-o", str(out))
    assert result.exit_code == 0 and result.stderr == ""
    base, _ = loaded(out)
    assert len(base.entities) == 5726


def test_a_column_mapped_to_a_property_of_another_type_is_refused(tmp_path):
    facts = tmp_path / "facts.toml"
    facts.write_text('[properties.mission]\ntype = "date"\nlabel = "mission"\n')
    before = facts.read_text()
    line = one_error_line(invoke("import", "csv", str(CSV), "--source", "tidy", "--map", MAP, "--into", str(facts)))
    assert "property 'mission' is declared in" in line and "as date" in line and "another id" in line
    assert facts.read_text() == before
