"""pipeline.run: [settings] texts may not reach outside the fact file's folder tree."""

from spacefacts.pipeline import run

FACTS = """
[settings]
texts = "{texts}"

[sources.s]
title = "S"
text = "doc.txt"

[entities.e]
name = "E"
kind = "company"

[[claims]]
id = "c"
subject = "e"
property = "founded"
value = "2020"
source = "s"
quote = "founded in 2020"
"""


def _layout(tmp_path, texts):
    (tmp_path / "inner" / "docs").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    for folder in ("inner/docs", "outside"):
        (tmp_path / folder / "doc.txt").write_text("It was founded in 2020.", encoding="utf-8")
    facts = tmp_path / "inner" / "facts.toml"
    facts.write_text(FACTS.format(texts=texts), encoding="utf-8")
    return str(facts)


def codes(report):
    return [d.code for d in report.diagnostics]


def test_settings_texts_outside_the_tree_is_refused(tmp_path):
    report = run(_layout(tmp_path, "../outside"))
    assert "SF206" in codes(report)
    assert "SF201" not in codes(report)  # nothing was read from the outside folder


def test_settings_texts_inside_the_tree_is_used(tmp_path):
    report = run(_layout(tmp_path, "docs"))
    assert "SF206" not in codes(report) and "SF205" not in codes(report)


def test_command_line_texts_may_name_any_folder(tmp_path):
    path = _layout(tmp_path, "../outside")
    report = run(path, texts=str(tmp_path / "outside"))
    assert "SF206" not in codes(report) and "SF205" not in codes(report)
