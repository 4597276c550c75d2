"""The shipped fact base (facts.toml) and its seeds/ records stay consistent and clean.

Quotes are checked here exactly (the evidence rules also accept fuzzy matches): every quote in
facts.toml from a source with a local text must be a verbatim slice of that document.
"""

from __future__ import annotations

import tomllib

import pytest

from conftest import FACTS, ROOT, SEEDS, need
from spacefacts.diagnostics import Severity
from spacefacts.pipeline import run

SEED_RECORDS = ROOT / "seeds"
CURATED_HERE = ("spacenews-2022", "jiemian-2025", "promo-shanghai-cosmos", "caixin-2025")


@pytest.fixture(scope="module")
def data() -> dict:
    with FACTS.open("rb") as f:
        return tomllib.load(f)


def _errors(report) -> list:
    return [d for d in report.diagnostics if d.severity == Severity.ERROR and d.accepted is None]


def test_lints_clean_without_texts() -> None:
    assert _errors(run(str(FACTS))) == []


def test_lints_clean_against_the_source_documents() -> None:
    need(SEEDS)
    assert _errors(run(str(FACTS), texts=str(SEEDS))) == []


def test_consistency_findings_are_all_accepted_with_reasons() -> None:
    need(SEEDS)
    report = run(str(FACTS), stages=("lint", "check"), texts=str(SEEDS))
    assert _errors(report) == []
    conflicts = [d for d in report.diagnostics if d.code == "SF301"]
    assert conflicts and all(d.accepted for d in conflicts)


def test_every_quote_is_verbatim_and_short(data: dict) -> None:
    need(SEEDS)
    texts = {sid: (SEEDS / s["text"]).read_text(encoding="utf-8")
             for sid, s in data["sources"].items() if "text" in s}
    for claim in data["claims"]:
        quote = claim.get("quote", "")
        assert len(quote) <= 200, claim["id"]
        if claim["source"] in texts:
            assert quote and quote in texts[claim["source"]], claim["id"]


def test_reference_claims_carry_no_invented_quote(data: dict) -> None:
    references = {sid for sid, s in data["sources"].items() if s.get("kind") == "reference"}
    assert references
    for claim in data["claims"]:
        if claim["source"] in references:
            assert "quote" not in claim and claim.get("note"), claim["id"]
    for sid in references:
        assert data["sources"][sid]["url"].startswith("http"), sid


def test_documents_000_to_003_are_curated_densely(data: dict) -> None:
    counts = {sid: sum(c["source"] == sid for c in data["claims"]) for sid in CURATED_HERE}
    assert sum(counts.values()) >= 100, counts
    assert all(counts.values()), counts


def test_the_ifri_study_is_merged_and_curated_densely(data: dict) -> None:
    assert not (ROOT / "facts-ifri.toml").exists()
    assert sum(c["source"] == "ifri-2021" for c in data["claims"]) > 100
    assert len(data["claims"]) > 200


def test_claims_are_grouped_by_source_document(data: dict) -> None:
    """Claims of one document form one run, in document order, references last."""
    order = ["spacenews-2022", "jiemian-2025", "promo-shanghai-cosmos", "caixin-2025", "ifri-2021"]
    runs = [c["source"] for c in data["claims"]]
    runs = [s for i, s in enumerate(runs) if i == 0 or s != runs[i - 1]]
    references = {sid for sid, s in data["sources"].items() if s.get("kind") == "reference"}
    assert runs[: len(order)] == order, runs
    assert set(runs[len(order):]) <= references, runs


def test_shipped_reference_facts(data: dict) -> None:
    """The reference claims added after the audit carry the verified values."""
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["ref-us-asat-2008"]["value"] == "2008-02-21"
    assert claims["ref-satnet-founded"]["value"] == "2021-04"
    assert claims["ref-change-5-launch"]["value"] == "2020-11-23"
    assert data["entities"]["change-5"]["vehicle"] == "long-march-5"


def test_every_document_has_a_seed_record_matching_its_source(data: dict) -> None:
    for sid, source in data["sources"].items():
        if "text" not in source:
            continue
        record = SEED_RECORDS / (source["text"].removesuffix(".txt") + ".md")
        assert record.exists(), record
        body = record.read_text(encoding="utf-8")
        assert f"[sources.{sid}]" in body
        assert f'published = "{source["published"]}"' in body, sid
        assert f"trust = {source['trust']}" in body, sid
        assert f"**Trust prior:** {source['trust']}" in body, sid


def test_megaconstellation_company_and_constellation_are_linked(data: dict) -> None:
    satnet, guowang = data["entities"]["satnet"], data["entities"]["guowang"]
    assert guowang["operator"] == "satnet"
    for name in ("SatNet", "Xingwang", "China Satellite Network Communications Corporation"):
        assert name in satnet["aliases"]


DISAGREEMENTS = {
    ("SF301", "ifri-satnet-founded"),  # early 2020 (hedged) vs 2021 / April 2021
    ("SF301", "ifri-us-asat-2008"),  # "exactly one year after" January 2007 vs 21 February 2008
    ("SF301", "promo-clep-started"),  # 2007 vs 2004
    ("SF301", "promo-secm-parent"),  # CASC vs CAS
    ("SF301", "promo-shenzhou-crewed-missions"),  # six vs ten
    ("SF301", "promo-galaxyspace-location"),  # Shanghai vs Beijing
    ("SF301", "promo-lamost-developer"),  # SAO vs NAOC
    ("SF301", "promo-unoosa-location"),  # Shanghai vs Vienna
    ("SF307", "ifri-artemis-accords-list"),  # "seven countries", six listed
}


def test_known_disagreements_are_reported_and_accepted_on_the_weaker_claim() -> None:
    need(SEEDS)
    report = run(str(FACTS), stages=("lint", "check"), texts=str(SEEDS))
    found = {(d.code, i) for d in report.diagnostics if d.code in ("SF301", "SF307") for i in d.ids}
    assert DISAGREEMENTS <= found
    with FACTS.open("rb") as f:
        claims = {c["id"]: c for c in tomllib.load(f)["claims"]}
    for code, cid in DISAGREEMENTS:
        reasons = [a["reason"] for a in claims[cid].get("accepted", []) if a["code"] == code]
        assert reasons and reasons[0].strip(), (code, cid)
