"""The second process: a forked child's result comes back or the caller computes it itself, and a
file checked in two processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import copy
import os
import signal
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SHARED, need
from spacefacts import loader, pipeline
from spacefacts.checks import CHECKS, Context, load_all, run_checks
from spacefacts.errors import SpacefactsError
from spacefacts.parallel import Forked, workers
from spacefacts.pipeline import run

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402
from test_mutation import VALID, dump, mutate  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the second process is used on Linux only")


@pytest.fixture
def two(monkeypatch):
    """Two processes even for small inputs (and on a one-CPU machine)."""
    monkeypatch.setenv("SPACEFACTS_JOBS", "2")
    monkeypatch.setattr(pipeline, "PARALLEL_CHECK_CLAIMS", 0)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated file of 3,000 claims with texts, every 7th quote replaced by one in no text (SF201, SF202)."""
    path = generate.write(3000, tmp_path_factory.mktemp("gen") / "facts.toml")
    lines = path.read_text(encoding="utf-8").split("\n")
    quotes = [i for i, line in enumerate(lines) if line.startswith("quote = ")]
    for i in quotes[::7]:
        lines[i] = 'quote = "nothing of the kind was said"'
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_forked_returns_the_childs_value() -> None:
    parent = os.getpid()
    assert Forked(lambda: {"pid": os.getpid(), "list": [1, 2]}).result()["pid"] != parent


def test_values_marshal_cannot_hold_come_back_too() -> None:
    import datetime as dt

    value = {"when": dt.date(2021, 4, 29), "at": dt.datetime(2021, 4, 29, 8, 0), "n": [1, 2.5, "x"]}
    assert Forked(lambda: value).result() == value


def test_a_failing_child_gives_none() -> None:
    assert Forked(lambda: 1 / 0).result() is None
    assert Forked(lambda: os._exit(0)).result() is None  # left without sending anything
    assert Forked(lambda: os.kill(os.getpid(), signal.SIGKILL)).result() is None


def test_jobs_setting(monkeypatch) -> None:
    monkeypatch.setenv("SPACEFACTS_JOBS", "1")
    assert workers() == 1
    monkeypatch.setenv("SPACEFACTS_JOBS", "8")
    assert workers() == 2  # one child at most


@pytest.mark.parametrize("stages", [("lint",), ("lint", "check")])
def test_checks_in_two_processes_equal_one(monkeypatch, generated, stages) -> None:
    base, _ = loader.load_file(generated)
    ctx = lambda: Context(texts_dir=str(generated.parent / "texts"))  # noqa: E731
    monkeypatch.setenv("SPACEFACTS_JOBS", "1")
    one = run_checks(base, ctx(), stages, pipeline._split)
    assert run_checks(base, ctx(), stages) == one  # the split point in one process runs them in order
    monkeypatch.setenv("SPACEFACTS_JOBS", "2")
    monkeypatch.setattr(pipeline, "PARALLEL_CHECK_CLAIMS", 0)
    assert run_checks(base, ctx(), stages, pipeline._split) == one  # the same findings in the same order
    assert {"SF201", "SF202"} <= {d.code for d in one}


def test_whole_run_in_two_processes_equals_one(monkeypatch, two, generated) -> None:
    both = run(str(generated), ("lint", "check"))
    monkeypatch.setenv("SPACEFACTS_JOBS", "1")
    assert run(str(generated), ("lint", "check")).diagnostics == both.diagnostics


def test_tickets_hand_out_each_number_once() -> None:
    from spacefacts.parallel import Tickets

    tickets = Tickets(40)
    child = Forked(lambda: [k for k in iter(tickets.take, None)])
    mine = [k for k in iter(tickets.take, None)]
    theirs = child.result()
    tickets.close()
    assert sorted(mine + theirs) == list(range(40))
    tickets = Tickets(3)
    assert (tickets.left(), tickets.take(leave=2), tickets.take(leave=1), tickets.left()) == (3, 0, 1, 1)
    assert (tickets.take(leave=1), tickets.take(), tickets.take()) == (None, 2, None)


def _probe(sleep_in_child: float, die_in_child: bool = False):
    """A per-claim check yielding one finding per claim, naming the process that ran it; in the
    child it is slowed down (or the child dies at its first piece: this process always leaves it one)."""
    from spacefacts.checks import Check
    from spacefacts.diagnostics import diagnostic

    parent = os.getpid()

    def probe(b, ctx):
        if os.getpid() != parent:
            if die_in_child:
                os._exit(1)
            time.sleep(sleep_in_child)
        return [diagnostic("SF401", f"{c.id} in {'parent' if os.getpid() == parent else 'child'}", c.location)
                for c in b.claims]

    return Check(probe, ("SF401",), "lint", per_claim=True)


@pytest.mark.parametrize("slow, die, where", [(0.3, False, {"parent", "child"}), (0.0, True, {"parent"})],
                         ids=["slow child", "failing child"])
def test_pieces_the_child_is_slow_to_do_or_fails_are_done_here(two, generated, slow, die, where) -> None:
    base, _ = loader.load_file(generated)
    found = pipeline._split(base, Context(), [_probe(slow, die)])
    assert [d.message.split()[0] for d in found] == [c.id for c in base.claims]  # all, in order
    assert {d.message.split()[-1] for d in found} == where  # a slow child's pieces are shared, a failed one's redone


def _per_claim_contract(path: Path, texts: str | None) -> None:
    """A per_claim check yields on all claims what it yields on slices of them, one after the other:
    two halves, and the uneven pieces pipeline._split cuts."""
    load_all()
    base, _ = loader.load_file(path)
    n = len(base.claims)
    for cuts in ([0, n // 2, n], [n * i // pipeline.CHUNKS for i in range(pipeline.CHUNKS + 1)]):
        parts = [replace(base, claims=base.claims[a:b]) for a, b in zip(cuts, cuts[1:])]
        per_claim = [c for c in CHECKS if c.per_claim]
        found = 0
        for c in per_claim:
            whole = list(c.fn(base, Context(texts_dir=texts)))
            ctx = Context(texts_dir=texts)
            assert [d for part in parts for d in c.fn(part, ctx)] == whole, c.fn.__name__
            found += len(whole)
        assert per_claim and found  # the checks found something to compare


def test_per_claim_checks_on_the_shipped_facts() -> None:
    need(SHARED / "seeds")
    _per_claim_contract(ROOT / "facts.toml", str(SHARED / "seeds"))


def test_per_claim_checks_on_a_generated_file(generated) -> None:
    _per_claim_contract(generated, None)


def test_no_child_when_fork_fails(monkeypatch) -> None:
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    assert Forked(lambda: 1).result() is None


# ---- lint with its per-claim checks in two processes ----------------------------------------------------


@pytest.fixture(scope="module")
def noisy(tmp_path_factory) -> Path:
    """A generated file (3,000 claims, with texts) with per-claim problems of every kind in every piece."""
    path = generate.write(3000, tmp_path_factory.mktemp("noisy") / "facts.toml")
    lines = path.read_text(encoding="utf-8").split("\n")
    every = {"quote = ": 7, "source = ": 11, "value = ": 13, "subject = ": 17}
    seen = dict.fromkeys(every, 0)
    out = []
    for line in lines:
        field = next((f for f in every if line.startswith(f)), None)
        if field:
            seen[field] += 1
            if seen[field] % every[field] == 0:
                line = {"quote = ": 'quote = "nothing of the kind was said"', "source = ": 'source = "src-nope"',
                        "value = ": 'value = "2021-13"', "subject = ": 'subject = "ent-nope"'}[field]
            elif field == "quote = " and seen[field] % 29 == 0:
                continue  # no quote at all
        out.append(line)
        if line.startswith('id = "c0') and line.endswith('9"'):
            out.append('colour = "red"')  # an unknown field
    text = "\n".join(out).replace('id = "c002951"', 'id = "c002950"')  # a duplicate id
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("stages", [("lint",), ("lint", "check")])
def test_a_noisy_file_in_two_processes_equals_one(monkeypatch, two, noisy, stages) -> None:
    both = run(str(noisy), stages)
    assert len(both.base.claims) == 3000  # the report holds every claim
    codes = {d.code for d in both.diagnostics}
    assert {"SF101", "SF102", "SF104", "SF107", "SF108", "SF201", "SF202"} <= codes  # ([settings] ignores SF207)
    monkeypatch.setenv("SPACEFACTS_JOBS", "1")
    assert both.diagnostics == run(str(noisy), stages).diagnostics  # the same findings in the same order


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_files_check_the_same_in_two_processes(data) -> None:
    """Random mutations of a valid file (test_mutation's), with more claims, so that every piece has some."""
    doc = copy.deepcopy(VALID)
    doc["claims"] = [dict(c, id=f"{c['id']}{i}") for i in range(4) for c in doc["claims"]]
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        mutate(doc, data.draw)
    text = dump(doc).replace('[["claims"]]', "[[claims]]")
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        path = Path(tmp) / "facts.toml"
        path.write_text(text, encoding="utf-8")
        mp.setattr(pipeline, "PARALLEL_CHECK_CLAIMS", 0)
        results = []
        for jobs in ("2", "1"):
            mp.setenv("SPACEFACTS_JOBS", jobs)
            try:
                done = run(str(path), ("lint", "check"))
            except SpacefactsError as exc:
                results.append(str(exc))
                continue
            results.append(done.diagnostics)
    assert results[0] == results[1]


def test_only_the_pipeline_imports_the_parallel_machinery() -> None:
    import ast

    importers = set()
    for path in (ROOT / "src" / "spacefacts").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == "spacefacts.parallel" for n in names):
                importers.add(path.name)
    assert importers == {"pipeline.py"}
