from spacefacts.render.rules import wrap_markdown


def test_reflow_joins_hard_wrapped_prose_and_keeps_code():
    text = "Para one\ncontinues here.\n\n- item one\n  goes on\n- item two\n\n```\n" + "x " * 40 + "\n```"
    out = wrap_markdown(text, 30).splitlines()
    assert out[0] == "Para one continues here."
    assert out[2:4] == ["- item one goes on", "- item two"]
    assert ("x " * 40) in out  # code is never wrapped


def test_reflow_wraps_long_paragraphs_with_hanging_indent():
    out = wrap_markdown("- " + "word " * 20, 24).splitlines()
    assert all(len(line) <= 24 for line in out)
    assert all(line.startswith("  ") for line in out[1:])
