from spacefacts.loader import load_text
from spacefacts.truth import find_conflicts

FILE = """
[sources.a]
title = "A"
[sources.b]
title = "B"
[entities.x]
name = "X"
kind = "constellation"
[[claims]]
id = "unkeyed"
subject = "x"
property = "launch"
value = "2020-01-05"
source = "a"
[[claims]]
id = "hash-key"
subject = "x"
property = "launch"
key = "#0"
value = "2024-06-01"
source = "b"
[[claims]]
id = "hash-key-again"
subject = "x"
property = "launch"
key = "#0"
value = "2024-06-02"
source = "a"
"""


def test_a_user_key_starting_with_hash_is_a_real_key():
    base, _ = load_text(FILE)
    conflicts = find_conflicts(base)
    # the two "#0" claims conflict with each other, and only with each other
    assert len(conflicts) == 1
    assert conflicts[0].key == "#0"
    ids = {c.id for side in conflicts[0].sides for c in side.claims}
    assert ids == {"hash-key", "hash-key-again"}
