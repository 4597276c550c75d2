"""Fact bases that span files (issue 16): `[settings] include` globs, cross-file findings located in the
file that says them, `--together`, and the include problems (SF115) and duplicate ids (SF107)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke
from spacefacts.loader import load_text
from spacefacts.pipeline import load_files

CURATED = """\
[settings]
include = ["catalogue/*.toml"]

[sources.note]
title = "An analyst's note"
kind = "analysis"

[[claims]]
id = "note-serial"
subject = "launch-2019-032"
property = "vehicle_serial"
value = "Y7"
source = "note"
quote = "CZ-11 Y7"
"""

CATALOGUE = """\
[sources.log]
title = "A launch log"
kind = "dataset"

[properties.vehicle_serial]
type = "text"
compare = "exact"

[entities.launch-2019-032]
name = "Launch 2019-032"
kind = "event"

[[claims]]
id = "log-serial"
subject = "launch-2019-032"
property = "vehicle_serial"
value = "Y6"
source = "log"
record = "2019-032"
"""


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def check(*args: str, cwd: Path, monkeypatch) -> tuple[int, list[dict]]:
    monkeypatch.chdir(cwd)
    result = invoke("check", *args, "--format", "json", "--no-cache")
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def codes(found: list[dict]) -> list[tuple[str, str, int]]:
    return sorted((d["code"], d["file"], d["line"]) for d in found)


def test_a_glob_includes_a_catalogue_and_the_conflict_names_both_files(tmp_path, monkeypatch):
    tree(tmp_path, {"facts.toml": CURATED, "catalogue/log.toml": CATALOGUE})
    code, found = check("facts.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    conflicts = [d for d in found if d["code"] == "SF301"]
    assert code == 1 and len(conflicts) == 1, found
    (c,) = conflicts
    # each claim is located on its own [[claims]] line in its own file; the message names the other file
    lines = {c["file"]: c["line"], **{r["file"]: r["line"] for r in c["related"]}}
    assert lines == {"facts.toml": 8, "catalogue/log.toml": 13}
    assert "the others: log-serial (catalogue/log.toml:13)" in c["message"]


def test_without_the_include_the_curated_file_alone_has_unknown_references(tmp_path, monkeypatch):
    tree(tmp_path, {"facts.toml": CURATED.replace('include = ["catalogue/*.toml"]', ""), "catalogue/log.toml": CATALOGUE})
    code, found = check("facts.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    assert {d["code"] for d in found} >= {"SF102", "SF103"} and "SF301" not in {d["code"] for d in found}


def test_findings_of_an_included_file_point_into_it(tmp_path, monkeypatch):
    bad = CATALOGUE.replace('value = "Y6"', 'value = "Y6"\nunit = 3')  # SF106 in the catalogue
    tree(tmp_path, {"facts.toml": CURATED, "catalogue/log.toml": bad})
    _, found = check("facts.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    assert ("SF106", "catalogue/log.toml", 18) in codes(found)


def test_several_files_stay_separate_unless_together(tmp_path, monkeypatch):
    plain = CURATED.replace('include = ["catalogue/*.toml"]', "")
    catalogue = CATALOGUE.replace("[properties.vehicle_serial]", "[properties.vehicle_serial_x]")
    tree(tmp_path, {"a.toml": plain + '\n[properties.vehicle_serial]\ntype = "text"\ncompare = "exact"\n'
                    '\n[entities.launch-2019-032]\nname = "Launch 2019-032"\nkind = "event"\n',
                    "b.toml": catalogue.replace("[entities.launch-2019-032]\nname = \"Launch 2019-032\"\nkind = \"event\"\n",
                                                "")})
    # apart: b.toml knows neither the property nor the entity; no conflict
    _, apart = check("a.toml", "b.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    assert "SF301" not in {d["code"] for d in apart} and ("SF102", "b.toml", 12) in codes(apart)
    _, together = check("a.toml", "b.toml", "--together", cwd=tmp_path, monkeypatch=monkeypatch)
    assert [d["code"] for d in together if d["severity"] == "error"] == ["SF301"], together


def test_settings_sources_entities_and_properties_may_come_from_any_file(tmp_path):
    tree(tmp_path, {
        "facts.toml": '[settings]\ninclude = ["more/*.toml"]\n\n[[claims]]\nid = "c"\nsubject = "e"\n'
                      'property = "p"\nvalue = "x"\nsource = "s"\nquote = "x"\n',
        "more/a.toml": '[sources.s]\ntitle = "S"\n\n[settings]\nignore = ["SF205"]\n',
        "more/b.toml": '[entities.e]\nname = "E"\nkind = "other"\n\n[properties.p]\ntype = "text"\n',
    })
    base, found, files = load_files([str(tmp_path / "facts.toml")], use_cache=False)
    assert found == [] and base.settings.ignore == ("SF205",)
    assert files == tuple(str(tmp_path / f) for f in ("facts.toml", "more/a.toml", "more/b.toml"))
    assert base.claims[0].location.file == str(tmp_path / "facts.toml") and "p" in base.properties


def test_a_file_alone_loads_exactly_as_the_loader_loads_it(tmp_path):
    path = tree(tmp_path, {"catalogue.toml": CATALOGUE + '\n[[claims]]\nid = "x"\nsubject = "Launch 2019-032"\n'
                                                           'property = "nope"\nvalue = 1\nsource = "log"\n'})
    alone, found = load_text(CATALOGUE + '\n[[claims]]\nid = "x"\nsubject = "Launch 2019-032"\nproperty = "nope"\n'
                             'value = 1\nsource = "log"\n', str(path / "catalogue.toml"))
    base, found2, _ = load_files([str(path / "catalogue.toml")], use_cache=False)
    assert base == alone and found2 == found and {d.code for d in found} == {"SF113", "SF103"}


@pytest.mark.parametrize("include, files, why", [
    ('["catalog/*.toml"]', {}, "matches no file"),
    ('["../outside.toml"]', {"../outside.toml": CATALOGUE}, "outside the fact file's folder tree"),
    ('["/etc/*.toml"]', {}, "relative to the fact file"),
    ('["*.toml"]', {}, "is this file"),
    ('["catalogue/*.toml"]', {"catalogue/log.toml": '[settings]\ninclude = ["../facts.toml"]\n'}, "includes this file again"),
])
def test_include_problems_are_sf114_and_are_not_read(tmp_path, monkeypatch, include, files, why):
    root = tmp_path / "base"
    tree(root, {"facts.toml": CURATED.replace('["catalogue/*.toml"]', include)})
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    code, found = check("facts.toml", cwd=root, monkeypatch=monkeypatch)
    problems = [d for d in found if d["code"] == "SF115"]
    assert len(problems) == 1 and why in problems[0]["message"], found
    assert problems[0]["file"] == ("catalogue/log.toml" if files.get("catalogue/log.toml") else "facts.toml")
    assert code == 1
    assert "SF301" not in {d["code"] for d in found}  # the file outside was not read


def test_the_cycle_names_its_files(tmp_path, monkeypatch):
    tree(tmp_path, {"facts.toml": CURATED, "catalogue/log.toml": '[settings]\ninclude = ["../facts.toml"]\n'
                    + CATALOGUE})
    _, found = check("facts.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    (cycle,) = [d["message"] for d in found if d["code"] == "SF115"]
    assert "(facts.toml -> catalogue/log.toml -> facts.toml)" in cycle, cycle


def test_a_file_included_twice_is_read_once(tmp_path, monkeypatch):
    tree(tmp_path, {"facts.toml": CURATED.replace('["catalogue/*.toml"]', '["catalogue/*.toml", "catalogue/log.toml"]'),
                    "catalogue/log.toml": CATALOGUE})
    _, found = check("facts.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    assert [d["code"] for d in found if d["severity"] == "error"] == ["SF301"]


def test_ids_declared_in_two_files_are_sf107_where_the_second_is(tmp_path, monkeypatch):
    second = CATALOGUE.replace("log-serial", "note-serial").replace('value = "Y6"', 'value = "Y7"')
    second = second.replace("[sources.log]", "[sources.note]").replace('source = "log"', 'source = "note"')
    tree(tmp_path, {"facts.toml": CURATED.replace('["catalogue/*.toml"]', '["a/*.toml", "b/*.toml"]'),
                    "a/log.toml": CATALOGUE, "b/log.toml": second + '\n[settings]\nhedged_weight = 0.2\n',
                    "b/more.toml": '[settings]\nhedged_weight = 0.3\n'})
    _, found = check("facts.toml", cwd=tmp_path, monkeypatch=monkeypatch)
    dup = sorted((d["message"].split(" (")[0], d["file"], d["line"])
                 for d in found if d["code"] == "SF107")
    assert dup == [
        ("claim id 'note-serial' is used in two files", "b/log.toml", 13),
        ("entity 'launch-2019-032' is declared in two files", "b/log.toml", 9),
        ("property 'vehicle_serial' is declared in two files", "b/log.toml", 5),
        ("setting 'hedged_weight' is given in two files", "b/more.toml", 1),
        ("source 'note' is declared in two files", "b/log.toml", 1),
    ], dup


def test_paths_in_an_included_file_are_relative_to_it(tmp_path):
    tree(tmp_path, {
        "facts.toml": '[settings]\ninclude = ["more/*.toml"]\n',
        "more/a.toml": '[settings]\ntexts = "docs"\n\n[sources.s]\ntitle = "S"\ntext = "docs/s.txt"\n',
    })
    base, _, _ = load_files([str(tmp_path / "facts.toml")], use_cache=False)
    assert base.settings.texts == "more/docs" and base.sources["s"].text == "more/docs/s.txt"


def test_add_lints_an_edit_with_the_included_files(tmp_path, monkeypatch):
    tree(tmp_path, {"facts.toml": CURATED, "catalogue/log.toml": CATALOGUE})
    monkeypatch.chdir(tmp_path)
    result = invoke("add", "claim", "--subject", "launch-2019-032", "-p", "vehicle_serial", "--value", "Y6",
                    "-s", "note", "--quote", "CZ-11 Y6", "--id", "note-serial-2")
    assert result.exit_code == 0, result.output
    assert 'id = "note-serial-2"' in (tmp_path / "facts.toml").read_text()


MASS = """\
[sources.{sid}]
title = "{sid}"

[[claims]]
id = "{sid}-mass"
subject = "sj"
property = "mass"
value = "{value}"
source = "{sid}"
record = "r"
"""


def test_one_units_table_converts_the_claims_of_every_file_and_a_second_table_is_refused(tmp_path):
    """[units] is read in the first step, like settings: the root's table converts the catalogue's claims
    too ("1,200 kg" against "1 t" is a conflict across files); a second file with a table is SF107."""
    root = ('[settings]\ninclude = ["catalogue/*.toml"]\n\n[units]\nkg = "0.001 t"\n\n'
            '[properties.mass]\ntype = "quantity"\nunit = "t"\n\n[entities.sj]\nname = "SJ"\n\n'
            + MASS.format(sid="a", value="1 t"))
    tree(tmp_path, {"facts.toml": root, "catalogue/log.toml": MASS.format(sid="b", value="1,200 kg")})
    found = json.loads(invoke("check", str(tmp_path / "facts.toml"), "--format", "json", "--exit-zero",
                              "--no-cache").stdout)["diagnostics"]
    assert "SF209" not in {d["code"] for d in found}
    assert [d["code"] for d in found if d["code"] == "SF301"] == ["SF301"]
    (tmp_path / "catalogue/log.toml").write_text('[units]\ntonnes = "t"\n\n' + MASS.format(sid="b", value="1,000 kg"))
    found = json.loads(invoke("check", str(tmp_path / "facts.toml"), "--format", "json", "--exit-zero",
                              "--no-cache").stdout)["diagnostics"]
    assert [d["message"] for d in found if d["code"] == "SF107"] == [
        f"[units] is given in two files (first in {tmp_path / 'facts.toml'})"]
    assert "SF301" not in {d["code"] for d in found}
