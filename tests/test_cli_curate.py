"""The curating commands end to end through the CLI: init, add source|entity|claim (by options and
--from), accept (and --list). Each edit is linted before the file is replaced; bad input is one line,
exit 2, and the file is left byte for byte."""

from __future__ import annotations

import shutil

import pytest

from conftest import FACTS, SEEDS, in_terminal, invoke as run, one_error_line

NEWS = "On 15 October 2025 Spacesail launched its sixth batch of 18 satellites"


@pytest.fixture
def starter(tmp_path):
    result = run("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    return tmp_path / "facts.toml"


def _add(path, *args):
    return run("add", *args, "-f", str(path))


def _populate(path):
    """A source, an entity and two claims by options; returns the claim ids printed."""
    (path.parent / "cgtn.txt").write_text(NEWS + ". Its first batch of 18 satellites went up in August 2024.\n")
    assert _add(path, "source", "--title", "Spacesail sixth batch", "--publisher", "CGTN",
                "--published", "2025-10-15", "--text", "cgtn.txt").exit_code == 0
    assert _add(path, "entity", "--name", "Shanghai Spacesail Technologies", "--kind", "company",
                "--aliases", "Spacesail, Qianfan").exit_code == 0
    ids = []
    for key, value, when, quote in (("batch-6", "18", "2025-10-15", "its sixth batch of 18 satellites"),
                                    ("batch-1", "18", "2024-08", "Its first batch of 18 satellites")):
        r = _add(path, "claim", "--subject", "qianfan", "-p", "satellites_launched", "--value", value,
                 "--when", when, "--key", key, "-s", "cgtn-2025", "--quote", quote)
        assert r.exit_code == 0, r.output
        ids.append(r.stdout.split()[1])
    return ids


def test_init_writes_a_starter_that_lints_and_refuses_to_overwrite(starter):
    text = starter.read_text()
    assert text.startswith("#:schema ") and "[settings]" in text
    for table in ("# [sources.", "# [entities.", "# [properties.", "# [units]", "# [[claims]]"):
        assert table in text
    assert run("lint", str(starter)).exit_code == 0
    assert "never overwritten" in one_error_line(run("init", str(starter.parent)))
    assert starter.read_text() == text


def test_add_by_options_then_lint_and_check_clean(starter):
    ids = _populate(starter)
    assert ids == ["cgtn-2025-shanghai-spacesail-technologies-satellites-launched-batch-6",
                   "cgtn-2025-shanghai-spacesail-technologies-satellites-launched-batch-1"]
    text = starter.read_text()
    assert 'subject = "shanghai-spacesail-technologies"' in text  # the alias resolved to the id
    assert text.index(ids[0]) < text.index(ids[1])  # the second claim follows the first of its source
    assert run("check", str(starter)).exit_code == 0


def test_claim_goes_after_the_last_claim_of_its_source(tmp_path):
    path = tmp_path / "facts.toml"
    shutil.copy(FACTS, path)
    before = path.read_text()
    if not SEEDS.is_dir():
        pytest.skip("the source documents (../shared/seeds) are absent")
    r = run("add", "claim", "-f", str(path), "--subject", "Spacesail", "-p", "satellites_launched", "--value",
            "18", "--when", "2025-01-23", "--key", "batch-4-again", "-s", "caixin-2025",
            "--quote", "launched 18 satellites into low Earth orbit", "--texts", str(SEEDS))
    assert r.exit_code == 0, r.output
    after = path.read_text()
    new_id = r.stdout.split()[1]
    line = int(r.stdout.rsplit(":", 1)[1].rstrip(")\n"))
    lines = after.splitlines()
    assert lines[line - 1] == "[[claims]]" and lines[line] == f'id = "{new_id}"'
    table = after[after.index("[[claims]]\nid = \"" + new_id):].split("\n\n")[0] + "\n"
    assert after.replace("\n" + table, "", 1) == before  # every other byte is as it was
    previous = [ln for ln in lines[:line] if ln.startswith("source = ")][-1]
    assert previous == 'source = "caixin-2025"'


def test_add_from_file_takes_sources_entities_and_claims(starter, tmp_path):
    (tmp_path / "cgtn.txt").write_text(NEWS + ".\n")
    extra = tmp_path / "new.toml"
    extra.write_text('''
[sources.cgtn-2025]
title = "Spacesail sixth batch"
published = 2025-10-15
text = "cgtn.txt"

[entities.spacesail]
name = "Shanghai Spacesail Technologies"
kind = "company"
aliases = ["Qianfan"]

[[claims]]
subject = "spacesail"
property = "satellites_launched"
value = 18
when = "2025-10-15"
source = "cgtn-2025"
quote = "its sixth batch of 18 satellites"
''')
    r = run("add", "--from", str(extra), "-f", str(starter))
    assert r.exit_code == 0, r.output
    assert [ln.split()[0] for ln in r.stdout.splitlines()] == ["source", "entity", "claim"]
    assert run("check", str(starter)).exit_code == 0


def test_dry_run_prints_the_table_and_writes_nothing(starter):
    _populate(starter)
    before = starter.read_bytes()
    r = _add(starter, "claim", "--subject", "spacesail", "-p", "satellites_launched", "--value", "18",
             "-s", "cgtn-2025", "--quote", "its sixth batch of 18 satellites", "--key", "again", "--dry-run")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("[[claims]]\nid = ") and "nothing written" in r.stderr
    assert starter.read_bytes() == before


@pytest.mark.parametrize("args, expected", [
    (("--subject", "qianfn"), "unknown subject 'qianfn' (did you mean 'Qianfan'?)"),
    (("-p", "satellites_lanched"), "unknown property 'satellites_lanched' (did you mean 'satellites_launched'?)"),
    (("-s", "cgtn"), "unknown source 'cgtn' (did you mean 'cgtn-2025'?)"),
    (("--value", "eighteen-ish"), "is not a quantity for 'satellites_launched'"),
    (("--when", "someday"), "--when 'someday' is not a date"),
    (("--value", "19"), "would add SF202 value '19' not found in quote"),
    (("--quote", "its seventh batch of 18 rockets"), "would add SF201 quote not found"),
])
def test_bad_claims_are_one_line_and_write_nothing(starter, args, expected):
    _populate(starter)
    before = starter.read_bytes()
    opts = {"--subject": "spacesail", "-p": "satellites_launched", "--value": "18", "-s": "cgtn-2025",
            "--quote": "its sixth batch of 18 satellites", "--key": "x"}
    opts.update(dict(zip(args[::2], args[1::2])))
    line = one_error_line(_add(starter, "claim", *[w for kv in opts.items() for w in kv]))
    assert expected in line
    assert starter.read_bytes() == before


def test_force_adds_a_claim_whose_quote_is_not_found(starter):
    _populate(starter)
    r = _add(starter, "claim", "--subject", "spacesail", "-p", "satellites_launched", "--value", "18",
             "-s", "cgtn-2025", "--quote", "its seventh batch of 18 rockets", "--key", "x", "--force")
    assert r.exit_code == 0, r.output
    assert "its seventh batch" in starter.read_text()


def test_a_file_that_does_not_lint_is_not_edited(starter):
    starter.write_text(starter.read_text() + '\n[[claims]]\nid = "x"\nsubject = "nobody"\nproperty = "founded"\n'
                       'value = "2020"\nsource = "nowhere"\n')
    before = starter.read_bytes()
    line = one_error_line(_add(starter, "entity", "--name", "Guowang", "--kind", "constellation"))
    assert "does not lint before the edit" in line
    assert starter.read_bytes() == before


def test_line_endings_and_byte_order_mark_are_kept(starter):
    _populate(starter)
    crlf = b"\xef\xbb\xbf" + starter.read_bytes().replace(b"\n", b"\r\n")
    starter.write_bytes(crlf)
    assert _add(starter, "entity", "--name", "Guowang", "--kind", "constellation").exit_code == 0
    after = starter.read_bytes()
    table = b'[entities.guowang]\r\nname = "Guowang"\r\nkind = "constellation"\r\n'
    assert after.replace(b"\r\n" + table, b"", 1) == crlf  # BOM, CRLF and every other byte kept


def test_accept_then_check_is_clean_and_list_reports_stale(starter):
    ids = _populate(starter)
    starter.write_text(starter.read_text().replace('text = "cgtn.txt"\n', ""))  # now SF205 fires
    assert "--reason is required" in one_error_line(run("accept", ids[0], "SF205", "-f", str(starter)))
    assert "unknown claim" in one_error_line(run("accept", "nope", "SF205", "--reason", "r", "-f", str(starter)))
    assert "unknown rule code" in one_error_line(run("accept", ids[0], "SF2055", "--reason", "r", "-f", str(starter)))
    r = run("accept", ids[0], "SF205", "--reason", "No local copy kept.", "-f", str(starter))
    assert r.exit_code == 0, r.output
    assert 'accepted = [{ code = "SF205", reason = "No local copy kept." }]' in starter.read_text()
    assert run("check", str(starter)).exit_code == 0
    listed = run("accept", "--list", "-f", str(starter))
    assert listed.exit_code == 0 and f"{ids[0]} SF205 fires: No local copy kept." in listed.stdout
    run("accept", ids[1], "SF301", "--reason", "stale one", "-f", str(starter))
    listed = run("accept", "--list", "-f", str(starter))
    assert listed.exit_code == 1 and f"{ids[1]} SF301 stale: stale one" in listed.stdout


def test_fmt_check_diff_and_write(tmp_path):
    path = tmp_path / "facts.toml"
    path.write_text('[entities.x]\nkind = "company"\nname = "X"\n\n\n[sources.a]\ntitle = "A"\n')
    before = path.read_bytes()
    assert run("fmt", "--check", str(path)).exit_code == 1
    diff = run("fmt", "--diff", str(path))
    assert diff.exit_code == 1 and "-kind = \"company\"\n" in diff.stdout and "+kind = \"company\"\n" in diff.stdout
    assert path.read_bytes() == before
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_text() == '[sources.a]\ntitle = "A"\n\n[entities.x]\nname = "X"\nkind = "company"\n'
    assert run("fmt", "--check", str(path)).exit_code == 0
    path.write_text("[x\n")
    assert "not TOML" in one_error_line(run("fmt", str(path)))


def test_fmt_check_on_the_shipped_file_exits_0():
    result = run("fmt", "--check", str(FACTS))
    assert result.exit_code == 0, result.output


# ---- the format changes: names and aliases for entities (SF113), units that agree (SF209) ----------

ALIASES = '''[sources.a]
title = "A"

[entities.spacesail]
name = "Shanghai Spacesail Technologies"
kind = "company"
aliases = ["Qianfan", "Spacesail"]

[entities.sat]
name = "Sat"
kind = "constellation"
operator = "Spacesail"

[[claims]]
id = "c1"
subject = "qianfan"
property = "satellites_launched"
value = "18 satellite"
source = "a"

[[claims]]
id = "c2"
subject = "sat"
property = "operator"
value = "Shanghai Spacesail Technologies"
source = "a"
'''


def _findings(text: str) -> list[tuple[str, str]]:
    from spacefacts.loader import load_text
    from spacefacts.pipeline import findings

    base, loaded = load_text(text, "f.toml")
    return [(d.code, d.message) for d in findings(base, loaded, ("lint",)) if d.code != "SF207"]


def test_a_name_or_alias_resolves_to_the_entity_with_an_info_finding(tmp_path):
    from spacefacts.loader import load_text

    base, _ = load_text(ALIASES, "f.toml")
    assert [c.subject for c in base.claims] == ["spacesail", "sat"]
    assert base.claims[1].value == "spacesail" and base.entities["sat"].link("operator") == "spacesail"
    assert _findings(ALIASES) == [
        ("SF113", "operator of entity 'sat': 'Spacesail' resolves to entity 'spacesail'"),
        ("SF113", "'qianfan' resolves to entity 'spacesail'"),
        ("SF113", "'Shanghai Spacesail Technologies' resolves to entity 'spacesail'"),
    ]
    (tmp_path / "facts.toml").write_text(ALIASES)
    result = run("lint", str(tmp_path / "facts.toml"))
    assert result.exit_code == 0 and "SF113" not in result.stdout  # info: shown only with --show-info


def test_an_unknown_or_shared_name_is_an_error_with_a_suggestion():
    text = ALIASES.replace('subject = "qianfan"', 'subject = "qianfn"')
    assert ("SF102", "unknown entity 'qianfn' (did you mean 'Qianfan'?)") in _findings(text)
    text = ALIASES.replace('name = "Sat"', 'name = "Sat"\naliases = ["Qianfan"]')
    assert ("SF102", "'qianfan' names several entities: spacesail, sat; write the id") in _findings(text)


@pytest.mark.parametrize("value, ok", [("18 rockets", False), ("18 satellite", True), ("18", True),
                                       ("about 18 satellites", True), ("18 missions", False)])
def test_a_quantity_unit_must_agree_with_the_property(value, ok):
    found = _findings(ALIASES.replace('value = "18 satellite"', f'value = "{value}"'))
    unit_errors = [m for code, m in found if code == "SF209"]
    assert unit_errors == ([] if ok else [f"value '{value}' is in {value.split()[-1]}, but property "
                                          "'satellites_launched' is in satellites"])


def test_units_agree_in_singular_and_plural_and_the_claim_unit_wins():
    from spacefacts.checks.units import unit_key

    assert unit_key("satellite/year") == unit_key("satellites/year") and unit_key("yuan") == "CNY"
    text = ALIASES.replace('value = "18 satellite"', 'value = "18 rockets"\nunit = "rocket"')
    assert not [m for code, m in _findings(text) if code == "SF209"]


def test_interactive_add_checks_each_answer_and_echoes_it(starter):
    _populate(starter)
    answers = ["nobody at all", "Qianfan", "satelites_launched", "satellites_launched", "eighteen", "about 18",
               "someday", "2025-10-15", "batch-7", "cgtn", "cgtn-2025", "its sixth batch of 18 satellites"]
    r = run("add", "claim", "-i", "-f", str(starter), input="\n".join(answers) + "\n")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "! no entity 'nobody at all'" in out
    assert "= shanghai-spacesail-technologies (Shanghai Spacesail Technologies, company)" in out
    assert "! unknown property 'satelites_launched' (did you mean 'satellites_launched'?)" in out
    assert "= satellites_launched: quantity in satellites" in out
    assert "is not a quantity" in out and "= around 18 satellites: [17.5, 18.5]" in out
    assert "is not a date" in out and "= 2025-10-15 .. 2025-10-15" in out
    assert "! unknown source 'cgtn' (did you mean 'cgtn-2025'?)" in out
    assert "= found in" in out and "cgtn.txt (exact)" in out
    new_id = "cgtn-2025-shanghai-spacesail-technologies-satellites-launched-batch-7"
    assert f"claim {new_id} (" in out
    claim = next(c for c in __import__("tomllib").loads(starter.read_text())["claims"] if c["id"] == new_id)
    assert claim["value"] == "about 18" and claim["when"] == "2025-10-15" and claim["quote"].startswith("its sixth")
    assert run("check", str(starter)).exit_code == 0


def test_interactive_quote_not_found_shows_the_closest_passage(starter):
    _populate(starter)
    answers = ["spacesail", "satellites_launched", "18", "", "b9", "cgtn-2025", "its sixth batch of 18 rockets"]
    r = run("add", "claim", "-i", "-f", str(starter), input="\n".join(answers) + "\n")
    assert "warning: not found in" in r.stdout and "closest" in r.stdout and "sixth batch of 18 satellites" in r.stdout
    assert r.exit_code == 2 and "--force adds it anyway" in r.stderr  # refused at the end, as by options


def test_add_claim_with_no_fields_asks_in_a_real_terminal(starter):
    """Through a pseudo-terminal: no -i needed, the prompts come because stdin is a terminal."""
    _populate(starter)
    answers = ["qianfan", "satellites_launched", "18", "2024-08", "b1-again", "cgtn-2025",
               "Its first batch of 18 satellites"]
    code, text, _ = in_terminal(("add", "claim", "-f", str(starter)), input="\n".join(answers) + "\n",
                                stderr_too=True)
    assert code == 0, text
    assert "Subject (entity id, name or alias):" in text and "= 2024-08-01 .. 2024-08-31" in text
    assert "satellites-launched-b1-again" in starter.read_text()
