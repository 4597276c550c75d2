"""Claims that repeat a value, rank or note text share one string (memory at a million claims)."""

from __future__ import annotations

from spacefacts.loader import load_text

FILE = """
[sources.s]
title = "S"
[entities.a]
name = "A"
kind = "company"
[entities.b]
name = "B"
kind = "company"
""" + "".join(f"""
[[claims]]
id = "c{n}"
subject = "{subject}"
property = "founded"
value = "2019-05"
source = "s"
quote = "founded in May 2019"
rank = "preferred"
note = "from the annual report"
""" for n, subject in enumerate(("a", "b")))


def test_repeated_texts_are_one_string() -> None:
    base, diags = load_text(FILE)
    assert not [d for d in diags if d.severity.name == "ERROR"]
    first, second = base.claims
    assert first.raw == second.raw == "2019-05" and first.raw is second.raw
    assert first.rank is second.rank and first.note is second.note
    assert first.quote == second.quote  # a quote is the claim's own: not looked up
