"""Measure the TOML parsers that could replace tomli: conformance, speed, equal output (issue 12).

    python benchmarks/toml_parsers.py [--rounds 5] [--sizes 100000] [--out DIR] [--tests DIR]
    python benchmarks/toml_parsers.py --baseline [--rounds 5] [--sizes 100000 1000000]
    python benchmarks/toml_parsers.py --swap tomli toml-rs [--rounds 5] [--sizes 100000]

For every candidate that is installed (tomli, the one the tool uses, pinned <2.3; tomllib; toml-rs,
asked for TOML 1.0.0 and, as toml-rs[1.1], left at its default 1.1.0; rtoml; pytomlpp):

  conformance  the TOML 1.0.0 cases of toml-test (../shared/ext/toml-test/files-toml-1.0.0): each
               valid .toml must parse to its .json (toml-test's tagged values, compared by type and
               value: floats as numbers with the sign of zero and any NaN alike, datetimes as
               datetimes to the microsecond with the same UTC offset), each invalid .toml must be
               rejected. The file's bytes are decoded as strict UTF-8 first, as the tool and
               tomllib.load do (a decoding error counts as a rejection); no BOM is stripped (the tool
               strips one before parsing). Each candidate runs in its own process, so a crash
               is reported, not fatal.
  speed        parse time of the generated N-claim fact file (benchmarks/out/N/facts.toml, made
               by generate.py when missing), all candidates taking turns in each round (order
               rotated each round), with the cyclic GC on (as bench_lint's baseline) and paused
               (as the tool's loader parses), best and median of --rounds, and the ratio to tomli.
               Also fasttoml.loads (the tool's fast path for plain claims) over tomli and over each
               other candidate that passes both lists.
  equal        whether the output equals tomli's: same types (bool is not int), values and key order.

--baseline: today's baseline for issue 12: `spacefacts check FILE` in one process (SPACEFACTS_JOBS=1)
pinned to CPU 0 (taskset -c 0) against bare tomli.loads of the same text in this process, also pinned
to CPU 0, taking turns (one round above 100k claims): min-max times and each round's ratio, wall and CPU;
and the peak RSS of that check from /usr/bin/time -v, per claim. A check over 5 minutes is abandoned.

--swap tomli toml-rs ...: `spacefacts check FILE` as in --baseline (one process on CPU 0), with the loader's
TOML parser replaced by each named candidate (in the child process only: src/ is unchanged), each with
the fast path for plain claims (fasttoml) on and off, all taking turns: what fasttoml saves of a check on
top of each parser, and whether the check's report (stdout) is byte-identical in every variant.

The default mode exits with a message (status 0) where ../shared/ext/toml-test is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# name: (module, distribution or None for the standard library, how to get loads(str) from the module)
CANDIDATES = {
    "tomli": ("tomli", "tomli", lambda m: m.loads),
    "tomllib": ("tomllib", None, lambda m: m.loads),
    "toml-rs": ("toml_rs", "toml-rs", lambda m: partial(m.loads, toml_version="1.0.0")),
    "toml-rs[1.1]": ("toml_rs", "toml-rs", lambda m: m.loads),  # its default: TOML 1.1.0
    "rtoml": ("rtoml", "rtoml", lambda m: m.loads),
    "pytomlpp": ("pytomlpp", "pytomlpp", lambda m: m.loads),
}


def default_tests() -> Path:
    """toml-test's folder in the shared data beside the worktrees (/work/shared/ext/toml-test)."""
    for base in (ROOT, *ROOT.parents):
        if (base / "shared" / "ext" / "toml-test").is_dir():
            return base / "shared" / "ext" / "toml-test"
    return ROOT.parent / "shared" / "ext" / "toml-test"


def parser(name: str):
    """loads(str) of a candidate, or None when it is not installed."""
    module, _, get = CANDIDATES[name]
    try:
        return get(importlib.import_module(module))
    except ImportError:
        return None


def describe(name: str) -> tuple[str, str]:
    """(version, how it is built) of a candidate: its wheel's tag, or the standard library."""
    _, dist, _ = CANDIDATES[name]
    if dist is None:
        return f"stdlib {sys.version.split()[0]}", "pure Python"
    try:
        meta = importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return "-", "not installed"
    tags = [line.split(":", 1)[1].strip() for line in (meta.read_text("WHEEL") or "").splitlines()
            if line.startswith("Tag:")]  # fmt: skip
    compiled = any(str(f).endswith((".so", ".pyd")) for f in meta.files or ())
    return meta.version, f"{tags[0] if tags else 'no wheel tag'}{'' if compiled else ', pure Python'}"


# ---- conformance ------------------------------------------------------------------------------------

_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)?$")
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$")


def _micro(fraction: str | None) -> int:
    return int((fraction or "")[:6].ljust(6, "0"))  # truncated to microseconds, as the parsers do


def untag(tagged):
    """A toml-test expected value ({"type": ..., "value": "..."} leaves) as Python values."""
    if isinstance(tagged, list):
        return [untag(v) for v in tagged]
    if not (isinstance(tagged, dict) and tagged.keys() == {"type", "value"} and isinstance(tagged["type"], str)):
        return {k: untag(v) for k, v in tagged.items()}
    kind, value = tagged["type"], tagged["value"]
    if kind == "array":  # older toml-test encoding
        return untag(value)
    if kind == "string":
        return value
    if kind == "integer":
        return int(value)
    if kind == "float":
        return float(value)  # Python reads nan, +nan, -nan, inf, +inf, -inf
    if kind == "bool":
        return {"true": True, "false": False}[value]
    if kind == "date-local":
        return dt.date.fromisoformat(value)
    if kind == "time-local":
        h, m, s, frac = _TIME.match(value).groups()
        return dt.time(int(h), int(m), int(s), _micro(frac))
    y, mo, d, h, mi, s, frac, zone = _DATETIME.match(value).groups()
    tz = None
    if kind == "datetime":
        if zone in ("Z", "z"):
            tz = dt.timezone.utc
        else:
            sign = -1 if zone[0] == "-" else 1
            tz = dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), _micro(frac), tzinfo=tz)


def canon(obj):
    """A comparable form of parsed TOML: every leaf with its TOML type (bool is not integer, a datetime
    keeps its UTC offset, every NaN is alike, -0.0 is not 0.0), tables as lists of (key, value) in order."""
    if isinstance(obj, dict):
        return ("table", [(k, canon(v)) for k, v in obj.items()])
    if isinstance(obj, list):
        return ("array", [canon(v) for v in obj])
    if isinstance(obj, bool):
        return ("bool", obj)
    if isinstance(obj, int):
        return ("integer", obj)
    if isinstance(obj, float):
        return ("float", "nan" if math.isnan(obj) else repr(obj))
    if isinstance(obj, str):
        return ("string", obj)
    if isinstance(obj, dt.datetime):
        if obj.tzinfo is None:
            return ("datetime-local", obj)
        return ("datetime", obj.replace(tzinfo=None), obj.utcoffset())
    if isinstance(obj, dt.date):
        return ("date-local", obj)
    if isinstance(obj, dt.time):
        return ("time-local", obj, obj.utcoffset())
    return (f"unexpected {type(obj).__name__}", repr(obj))


def unordered(form):
    """canon() form with each table's keys sorted: equality regardless of key order."""
    if form[0] == "table":
        return ("table", sorted((k, unordered(v)) for k, v in form[1]))
    if form[0] == "array":
        return ("array", [unordered(v) for v in form[1]])
    return form


def cases(tests: Path) -> list[str]:
    """The .toml cases of the TOML 1.0.0 list, as listed (valid/... and invalid/...)."""
    return [line.strip() for line in (tests / "files-toml-1.0.0").read_text().splitlines()
            if line.strip().endswith(".toml")]  # fmt: skip


def conformance(name: str, tests: Path) -> dict:
    """Run one candidate over the TOML 1.0.0 cases (in this process): pass counts and failures."""
    loads = parser(name)
    result = {"valid": [0, 0], "invalid": [0, 0], "failures": [], "odd_errors": []}
    for case in cases(tests):
        data = (tests / case).read_bytes()
        valid = case.startswith("valid/")
        result["valid" if valid else "invalid"][1] += 1
        try:
            got = loads(data.decode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - any rejection counts; odd types are listed
            got, error = None, exc
        else:
            error = None
        if error is not None and type(error).__name__ not in ("TOMLDecodeError", "TomlParsingError", "DecodeError",
                                                              "UnicodeDecodeError", "ValueError"):  # fmt: skip
            result["odd_errors"].append(f"{case}: {type(error).__name__}: {str(error)[:80]}")
        if not valid:
            if error is None:
                result["failures"].append(f"{case}: accepted")
            else:
                result["invalid"][0] += 1
            continue
        if error is not None:
            result["failures"].append(f"{case}: rejected: {str(error).splitlines()[0][:100] if str(error) else error!r}")
            continue
        want = untag(json.loads((tests / case).with_suffix(".json").read_text(encoding="utf-8")))
        if unordered(canon(got)) == unordered(canon(want)):
            result["valid"][0] += 1
        else:
            result["failures"].append(f"{case}: different value: {first_difference(canon(want), canon(got))}")
    return result


def first_difference(want, got, where: str = "") -> str:
    """Where two canon() forms first differ, and how (for the failure list)."""
    if want[0] != got[0]:
        return f"{where or '(top)'}: expected {want[0]}, got {got[0]} {got[1:]!r:.60}"
    if want[0] == "table":
        w, g = dict(want[1]), dict(got[1])
        if w.keys() != g.keys():
            return f"{where or '(top)'}: keys {sorted(w.keys() ^ g.keys())!r:.80} differ"
        for k in w:
            if unordered(w[k]) != unordered(g[k]):
                return first_difference(w[k], g[k], f"{where}.{k}" if where else k)
    if want[0] == "array":
        if len(want[1]) != len(got[1]):
            return f"{where}: {len(want[1])} items expected, got {len(got[1])}"
        for i, (w, g) in enumerate(zip(want[1], got[1])):
            if unordered(w) != unordered(g):
                return first_difference(w, g, f"{where}[{i}]")
    return f"{where}: expected {want[1:]!r:.60}, got {got[1:]!r:.60}"


def conformance_in_child(name: str, tests: Path) -> dict:
    """conformance() in a child process, so that a crashing parser does not end this run."""
    cmd = [sys.executable, __file__, "--conformance-of", name, "--tests", str(tests)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"crash": "timed out after 300 s"}
    if done.returncode != 0:
        return {"crash": f"exit {done.returncode}: {done.stderr.strip()[-300:]}"}
    return json.loads(done.stdout)


# ---- speed ---------------------------------------------------------------------------------------------


def fact_text(n: int, out: Path) -> tuple[Path, str]:
    """The n-claim benchmark file (generated with its texts/ when missing, as bench_lint does) and its text."""
    import bench_lint

    path = bench_lint.fact_file(n, out)
    return path, path.read_text(encoding="utf-8")


def timed(fn, text: str, gc_on: bool) -> float:
    """Seconds of one fn(text), with the cyclic GC on or paused; the result is freed outside the timing."""
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        t = time.perf_counter()
        result = fn(text)
        elapsed = time.perf_counter() - t
    finally:
        gc.enable()
    del result
    return elapsed


def speed(fns: dict, text: str, rounds: int) -> dict[tuple[str, bool], list[float]]:
    """Times of every (name, gc on) over `rounds` rounds, all taking turns in each round, the order
    rotated by one each round, so that a busy spell on a shared machine hits them alike."""
    runs = [(name, gc_on) for gc_on in (True, False) for name in fns]
    times: dict[tuple[str, bool], list[float]] = {run: [] for run in runs}
    for r in range(rounds):
        k = r % len(runs)
        for name, gc_on in runs[k:] + runs[:k]:
            times[name, gc_on].append(timed(fns[name], text, gc_on))
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr, flush=True)
    return times


def fast_path(loads):
    """The tool's fast path for plain claims (src/spacefacts/fasttoml.py) over a parser: loads(text)."""
    from spacefacts import fasttoml

    def run(text: str):
        found = fasttoml.loads(text, loads)
        return loads(text) if found is None else found[0]

    return run


# ---- the report ------------------------------------------------------------------------------------------


def report(args) -> None:
    names = [n for n in CANDIDATES if parser(n) is not None]
    missing = [n for n in CANDIDATES if n not in names]
    print(f"python {sys.version.split()[0]} on {os.uname().machine}, {os.cpu_count()} CPUs"
          f"{'; not installed: ' + ', '.join(missing) if missing else ''}")  # fmt: skip
    info = {n: describe(n) for n in names}

    conf: dict[str, dict] = {}
    if not (args.tests / "files-toml-1.0.0").is_file():
        print(f"toml-test not found at {args.tests} (../shared/ext/toml-test): conformance skipped")
    else:
        print(f"\nconformance: {args.tests}/files-toml-1.0.0 "
              f"({sum(c.startswith('valid/') for c in cases(args.tests))} valid, "
              f"{sum(c.startswith('invalid/') for c in cases(args.tests))} invalid .toml)")  # fmt: skip
        for n in names:
            conf[n] = conformance_in_child(n, args.tests)
            c = conf[n]
            if "crash" in c:
                print(f"  {n}: CRASHED: {c['crash']}")
                continue
            print(f"  {n}: valid {c['valid'][0]}/{c['valid'][1]}, invalid rejected {c['invalid'][0]}/{c['invalid'][1]}")
            for f in c["failures"]:
                print(f"      FAIL {f}")
            for f in c["odd_errors"]:
                print(f"      (rejected with an unexpected exception type) {f}")

    def passes(n: str) -> bool:
        c = conf.get(n, {})
        return "valid" in c and not c["failures"]

    conformant = [n for n in names if passes(n)]
    for size in args.sizes:
        path, text = fact_text(size, args.out)
        fns = {n: parser(n) for n in names}
        others = [n for n in conformant if n not in ("tomli", "tomllib")]
        has_fast = importlib.util.find_spec("spacefacts.fasttoml") is not None  # deleted in issue 12
        if has_fast:
            fns["fasttoml+tomli"] = fast_path(fns["tomli"])
        print(f"\nspeed: {path} ({size} claims, {len(text.encode()) / 1e6:.1f} MB), {args.rounds} rounds, "
              f"all taking turns; best / median seconds, ratio to tomli's (same GC setting)", flush=True)
        # the fastest conformant compiled parser is known only after timing: time fasttoml over all of them
        for n in others if has_fast else ():
            fns[f"fasttoml+{n}"] = fast_path(fns[n])
        times = speed(fns, text, args.rounds)
        reference = canon(fns["tomli"](text))
        head = (f"{'parser':<22} {'version':<14} {'built':<46} {'valid':>7} {'invalid':>7}  "
                f"{'GC on: best':>11} {'median':>6} {'ratio':>6}  {'GC paused: best':>15} {'median':>6} {'ratio':>6}  equal")
        print(head)
        print("-" * len(head))
        for n in fns:
            version, built = info.get(n, ("", "(src/spacefacts/fasttoml.py)"))
            c = conf.get(n, {})
            valid = f"{c['valid'][0]}/{c['valid'][1]}" if "valid" in c else "-"
            invalid = f"{c['invalid'][0]}/{c['invalid'][1]}" if "invalid" in c else "-"
            cells = []
            for gc_on in (True, False):
                t, ref = times[n, gc_on], times["tomli", gc_on]
                cells.append(f"{min(t):>{11 if gc_on else 15}.3f} {statistics.median(t):>6.3f} "
                             f"{min(t) / min(ref):>5.2f}x")  # fmt: skip
            got = canon(fns[n](text))
            equal = "yes" if got == reference else ("yes but key order" if unordered(got) == unordered(reference)
                                                     else "NO")  # fmt: skip
            del got
            print(f"{n:<22} {version:<14} {built:<46} {valid:>7} {invalid:>7}  {cells[0]}  {cells[1]}  {equal}")
        ranked = sorted(conformant, key=lambda n: min(times[n, False]))
        if ranked:
            print(f"fastest passing both lists fully: {ranked[0]} "
                  f"({min(times[ranked[0], False]):.3f} s GC paused, {min(times[ranked[0], True]):.3f} s GC on)")
        else:
            print("no candidate passes both lists fully")


# ---- today's baseline (check in one process on one CPU) --------------------------------------------------------


def baseline(args) -> None:
    import resource

    import tomli

    import bench_lint

    def cpu(who) -> float:
        use = resource.getrusage(who)
        return use.ru_utime + use.ru_stime

    bench_lint.compile_package()
    os.sched_setaffinity(0, {0})  # this process (the bare parse) and its children run on CPU 0
    env = {**os.environ, "SPACEFACTS_JOBS": "1"}
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    print(f"python {sys.version.split()[0]}, tomli {tomli.__version__}; this process pinned to CPU 0; "
          f"check: SPACEFACTS_JOBS=1 {' '.join(timer)} taskset -c 0 {' '.join(bench_lint.SPACEFACTS)} check FILE; "
          "wall seconds, CPU (user + system) in brackets; parse with the GC on (as bench_lint) / paused (as the loader)")
    for size in args.sizes:
        path, text = fact_text(size, args.out)
        cmd = [*timer, "taskset", "-c", "0", *bench_lint.SPACEFACTS, "check", str(path)]
        rows = []  # (parse GC on, parse GC paused, check), each (wall, CPU)
        for _ in range(args.rounds if size <= 100_000 else 1):
            parses = []
            for gc_on in (True, False):
                c = cpu(resource.RUSAGE_SELF)
                w = timed(tomli.loads, text, gc_on)
                parses.append((w, cpu(resource.RUSAGE_SELF) - c))
            c, t = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
            try:
                done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                      timeout=300)  # fmt: skip
            except subprocess.TimeoutExpired:
                print(f"{size} claims: check took over 300 s: abandoned")
                break
            rows.append((*parses, (time.perf_counter() - t, cpu(resource.RUSAGE_CHILDREN) - c)))
            if done.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
            rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        if not rows:
            continue

        def fig(i: int) -> str:
            walls, cpus = [r[i][0] for r in rows], [r[i][1] for r in rows]
            return f"{min(walls):.2f}-{max(walls):.2f} s ({min(cpus):.2f}-{max(cpus):.2f} s)"

        print(f"{size} claims ({len(text.encode()) / 1e6:.1f} MB), {len(rows)} rounds, min-max: "
              f"tomli.loads GC on {fig(0)}, GC paused {fig(1)}; check {fig(2)}")
        for i, label in ((0, "GC on"), (1, "GC paused")):
            wall = [r[2][0] / r[i][0] for r in rows]
            cpus = [r[2][1] / r[i][1] for r in rows]
            print(f"  check / parse ({label}), per round: wall {' '.join(f'{x:.2f}x' for x in wall)} "
                  f"(median {statistics.median(wall):.2f}x); CPU {' '.join(f'{x:.2f}x' for x in cpus)} "
                  f"(median {statistics.median(cpus):.2f}x)")
        if rss:
            kb = int(rss.group(1))
            print(f"  peak RSS of check (/usr/bin/time -v, last round): {kb / 1024:.0f} MiB, "
                  f"{kb * 1024 / size:.0f} bytes per claim")
        del text


def run_check_with(name: str, fast: bool, argv: list[str]) -> None:
    """In a child process: the spacefacts CLI (argv) with the loader's TOML parser replaced by a candidate,
    and with the fast path for plain claims off unless `fast`."""
    import types

    import spacefacts.loader as loader

    module = importlib.import_module(CANDIDATES[name][0])
    error = next(getattr(module, e) for e in ("TOMLDecodeError", "TomlParsingError", "DecodeError") if hasattr(module, e))
    loader._toml = types.SimpleNamespace(loads=parser(name), TOMLDecodeError=error)
    if not fast:
        loader.fasttoml = types.SimpleNamespace(loads=lambda text, parse: None)
    from spacefacts.cli import main as cli

    sys.argv = ["spacefacts", *argv]
    cli()


def swap(args) -> None:
    """`spacefacts check` on one CPU with each candidate parser, fasttoml on and off, taking turns."""
    import hashlib
    import resource

    import bench_lint

    bench_lint.compile_package()
    env = {**os.environ, "SPACEFACTS_JOBS": "1"}
    variants = [(n, fast) for n in args.swap for fast in (True, False)]
    print(f"check in one process on CPU 0 (SPACEFACTS_JOBS=1 taskset -c 0 python {Path(__file__).name} "
          "--run-check-with NAME {fast|nofast} check FILE), the loader's parser swapped; "
          "wall seconds, CPU in brackets, min / median")
    for size in args.sizes:
        path, _ = fact_text(size, args.out)
        times: dict = {v: [] for v in variants}
        digests: dict = {v: set() for v in variants}
        for r in range(args.rounds):
            k = r % len(variants)
            for name, fast in variants[k:] + variants[:k]:
                cmd = ["taskset", "-c", "0", sys.executable, __file__, "--run-check-with", name,
                       "fast" if fast else "nofast", "check", str(path)]  # fmt: skip
                use, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
                done = subprocess.run(cmd, env=env, capture_output=True, timeout=600)
                wall, end = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
                cpu = end.ru_utime + end.ru_stime - use.ru_utime - use.ru_stime
                times[name, fast].append((wall, cpu))
                digests[name, fast].add(hashlib.sha256(done.stdout).hexdigest())
            print(f"  round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
        print(f"{size} claims, {args.rounds} rounds:")
        for name, fast in variants:
            walls, cpus = [w for w, _ in times[name, fast]], [c for _, c in times[name, fast]]
            print(f"  {name:<14} fasttoml {'on ' if fast else 'off'}  {min(walls):6.2f} / {statistics.median(walls):6.2f} s"
                  f"  ({min(cpus):6.2f} / {statistics.median(cpus):6.2f} s)")
        for name in args.swap:
            on, off = times[name, True], times[name, False]
            for i, what in ((0, "wall"), (1, "CPU")):
                best_on, best_off = min(x[i] for x in on), min(x[i] for x in off)
                med_on, med_off = statistics.median(x[i] for x in on), statistics.median(x[i] for x in off)
                print(f"  fasttoml saves over {name} ({what}): {best_off - best_on:+.2f} s of {best_off:.2f} s best "
                      f"({(best_off - best_on) / best_off:+.0%}), {med_off - med_on:+.2f} s of {med_off:.2f} s median "
                      f"({(med_off - med_on) / med_off:+.0%})")
        reports = set().union(*digests.values())
        print(f"  reports (stdout): {'all byte-identical' if len(reports) == 1 else f'{len(reports)} different ones'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sizes", type=int, nargs="+", default=None)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--tests", type=Path, default=default_tests())
    ap.add_argument("--baseline", action="store_true", help="check in one process on one CPU vs tomli, and peak RSS")
    ap.add_argument("--swap", nargs="+", choices=list(CANDIDATES), help="check with these parsers, fasttoml on/off")
    ap.add_argument("--conformance-of", help=argparse.SUPPRESS)  # the child of conformance_in_child
    ap.add_argument("--run-check-with", nargs=2, help=argparse.SUPPRESS)  # the child of swap: NAME fast|nofast
    args, rest = ap.parse_known_args()
    if args.run_check_with:
        run_check_with(args.run_check_with[0], args.run_check_with[1] == "fast", rest)
        return
    if rest:
        ap.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.conformance_of:
        print(json.dumps(conformance(args.conformance_of, args.tests)))
        return
    print(f"$ {' '.join(['python', *sys.argv])}", flush=True)
    if args.baseline:
        args.sizes = args.sizes or [100_000, 1_000_000]
        baseline(args)
        return
    if args.swap:
        args.sizes = args.sizes or [100_000]
        swap(args)
        return
    args.sizes = args.sizes or [100_000]
    if not args.tests.is_dir():
        print(f"toml-test not found at {args.tests} (expected ../shared/ext/toml-test beside the worktree): "
              "nothing to do", flush=True)
        return
    report(args)


if __name__ == "__main__":
    main()
