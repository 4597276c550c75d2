from hypothesis import given, strategies as st

from spacefacts.render.textsafe import _BIDI, _WS, clean, visible


def reference_clean(text: str) -> str:
    """The per-character definition that `clean` implements with one regex."""
    s = _WS.sub(" ", text)
    out = [visible(ch) if ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0 or ch in _BIDI else ch
           for ch in s]
    return "".join(out).strip()


@given(st.text(alphabet=st.characters(max_codepoint=0x2100)))
def test_clean_matches_the_per_character_definition(text):
    assert clean(text) == reference_clean(text)


def test_escape_sequences_are_shown_not_obeyed():
    assert clean("\x1b[31mred\x1b[0m") == "^[[31mred^[[0m"
    assert clean("a\u202eb") == "a<U+202E>b"


def test_printable_text_takes_the_fast_path_with_the_same_result():
    assert clean(" SF301  two  spaces ") == "SF301 two spaces"
    assert clean("plain line") == "plain line"
    assert clean("no\u00a0break") == reference_clean("no\u00a0break")  # not printable: the full path
