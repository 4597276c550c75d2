"""The run's index: parts dropped after the last check that reads them (Index.release), findings unchanged."""

from __future__ import annotations

from pathlib import Path

from spacefacts import checks
from spacefacts.checks import CHECKS, Context, run_checks
from spacefacts.index import Index
from spacefacts.loader import load_file
from spacefacts.model import Claim

SHIPPED = Path(__file__).resolve().parents[1] / "facts.toml"


def test_release_drops_a_part_and_it_is_computed_again() -> None:
    base, _ = load_file(SHIPPED)
    index = Index(base)
    first = index.analysis
    index.texts = ({}, [])
    index.release(["analysis", "texts"])
    assert "analysis" not in index.__dict__ and index.texts is None
    again = index.analysis
    assert again is not first and again.conflicts == first.conflicts


def test_run_checks_drops_each_shared_part_after_its_last_check(monkeypatch) -> None:
    base, loaded = load_file(SHIPPED)
    events: list[tuple[str, object]] = []

    class Recording(Index):
        def release(self, parts) -> None:
            events.append(("release", frozenset(parts)))
            super().release(parts)

    def spy(check):
        def fn(*args):
            events.append(("ran", check.fn.__name__))
            return check.fn(*args)
        return checks.Check(fn, check.codes, check.stage, check.finalizing, check.uses)

    monkeypatch.setattr(checks, "Index", Recording)
    monkeypatch.setattr(checks, "CHECKS", tuple(spy(c) for c in CHECKS))
    found = run_checks(base, Context(), ("lint", "check"), before=loaded)
    released = [(n, parts) for n, (kind, parts) in enumerate(events) if kind == "release" and parts]
    ran = [name for kind, name in events if kind == "ran"]
    assert [parts for _, parts in released] == [frozenset({"texts"}), frozenset({"analysis"}),
                                                frozenset({"dates_by_subject"}), frozenset({"counted"})]
    # each right after its last user: the texts after the one pass over the claims (SF201 reads them),
    # the analysis after check_conflicts, the date claims by subject and the counted claims before the
    # entity checks
    assert [events[n - 1] for n, _ in released] == [("ran", "check_claims"), ("ran", "check_conflicts"),
                                                    ("ran", "check_lifetime"), ("ran", "check_plans")]
    assert ran.index("check_conflicts") < ran.index("check_single_value")
    monkeypatch.setattr(checks, "CHECKS", CHECKS)
    monkeypatch.setattr(checks, "Index", Index)
    assert sorted(map(str, found)) == sorted(map(str, run_checks(base, Context(), ("lint", "check"), before=loaded)))


def test_counted_holds_the_claims_themselves_in_file_order() -> None:
    # a (claim, property) pair per counted claim was 64 MB at 1M claims: the claims alone are kept
    base, _ = load_file(SHIPPED)
    counted = Index(base).counted
    props = base.properties
    expected = [c for c in base.claims if c.property in props and c.value is not None and c.counted]
    assert counted == expected and len(counted) > 10
    assert all(isinstance(c, Claim) for c in counted)


def test_dates_by_subject_holds_each_subjects_date_claims_in_file_order() -> None:
    from spacefacts.dates import DateValue

    base, _ = load_file(SHIPPED)
    index = Index(base)
    expected: dict[str, tuple[Claim, ...]] = {}
    for c in index.counted:
        if isinstance(c.value, DateValue):
            expected[c.subject] = (*expected.get(c.subject, ()), c)
    got = index.dates_by_subject
    assert list(got.items()) == list(expected.items()) and all(type(v) is tuple for v in got.values())
    assert any(len(claims) == 1 for claims in got.values()) and any(len(claims) > 1 for claims in got.values())