"""A finding points at what changed: an SF301 conflict at the claim of the less likely side (the one a pull
request adds when it contradicts established claims), and a duplicate claim id does not make the untouched
original claim's quote "not found"."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import FACTS, SEEDS, need
from spacefacts.pipeline import run

# Two sources already agree that SatNet operates Guowang; a promotional piece, appended, says CASC does.
APPENDED = """
[[claims]]
id = "promo-guowang-operator"
subject = "guowang"
property = "operator"
value = "casc"
source = "promo-shanghai-cosmos"
quote = "Guowang is operated by China Aerospace Science and Technology Corporation"
"""


def _appended(tmp_path: Path) -> tuple[str, int]:
    text = FACTS.read_text(encoding="utf-8")
    path = tmp_path / "facts.toml"
    path.write_text(text + APPENDED, encoding="utf-8")
    line = (text + APPENDED).splitlines().index('id = "promo-guowang-operator"')  # the header is the line before
    return str(path), line


def test_a_conflict_added_at_the_end_is_reported_on_the_added_claim(tmp_path) -> None:
    path, line = _appended(tmp_path)
    data = tomllib.loads(FACTS.read_text(encoding="utf-8"))
    established = [c["id"] for c in data["claims"] if (c["subject"], c["property"]) == ("guowang", "operator")]
    assert len(established) >= 2
    report = run(path, ("lint", "check"), select=("SF301",))
    (d,) = [d for d in report.diagnostics if "promo-guowang-operator" in d.ids]
    assert d.location.line == line
    assert all(f"{cid} (line " in d.message for cid in established)  # the others are named
    assert "more likely 'China Satellite Network Group'" in d.message or "more likely 'satnet'" in d.message
    assert sorted(r.line for r in d.related) == sorted(
        c.location.line for c in report.base.claims if c.id in established)


def test_shipped_conflicts_point_at_the_claims_that_accept_them() -> None:
    need(SEEDS)
    report = run(str(FACTS), ("lint", "check"), texts=str(SEEDS))
    conflicts = [d for d in report.diagnostics if d.code == "SF301"]
    assert conflicts and all(d.accepted for d in conflicts)
    by_line = {c.location.line: c for c in report.base.claims}
    for d in conflicts:
        here = by_line[d.location.line]
        assert any(a.code == "SF301" for a in here.accepted), d.message  # the weaker claim carries the acceptance


# ---- a duplicate id --------------------------------------------------------------------------------

DUPLICATED = """\
[sources.doc]
title = "A report"
kind = "news"
published = "2025-01"
text = "doc.txt"

[entities.acme]
name = "Acme"
kind = "company"

[[claims]]
id = "c1"
subject = "acme"
property = "founded"
value = "2020"
source = "doc"
quote = "Acme was founded in 2020 in Beijing"

[[claims]]
id = "c1"
subject = "acme"
property = "founded"
value = "2019"
source = "doc"
quote = "Acme was set up in 2019 near the coast"
"""


def test_a_duplicate_id_leaves_the_original_claims_quote_alone(tmp_path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "doc.txt").write_text("Acme was founded in 2020 in Beijing, the firm said.\n",
                                                encoding="utf-8")
    path = tmp_path / "facts.toml"
    path.write_text(DUPLICATED, encoding="utf-8")
    original, duplicate = 11, DUPLICATED.splitlines().index("[[claims]]", 11) + 1
    report = run(str(path), texts=str(tmp_path / "texts"))
    found = {(d.location.line, d.code) for d in report.diagnostics}
    assert found == {(duplicate, "SF107"), (duplicate, "SF201")}
    assert DUPLICATED.splitlines()[original - 1] == "[[claims]]"


def test_a_duplicated_shipped_claim_fires_only_on_the_copy(tmp_path) -> None:
    need(SEEDS)
    text = FACTS.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    texts = {sid for sid, s in data["sources"].items() if "text" in s}
    claim = next(c for c in data["claims"] if c["source"] in texts and not c.get("accepted"))
    copy = dict(claim, quote=claim["quote"] + " and nothing else of the kind")
    lines = ["", "[[claims]]"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in copy.items()
                                   if isinstance(v, str)]
    path = tmp_path / "facts.toml"
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    copy_line = len(text.splitlines()) + 2
    report = run(str(path), texts=str(SEEDS))
    errors = [d for d in report.diagnostics if d.accepted is None and d.severity.name == "ERROR"]
    assert errors and {d.location.line for d in errors} == {copy_line}
