"""Time `spacefacts lint` against bare TOML parsing of the same file, in one run.

    python benchmarks/bench_lint.py [--sizes 10000 100000] [--repeat 3] [--out DIR] [--profile N]

Generates the fact files (benchmarks/out/ by default, git-ignored), then prints, best of
--repeat runs: bare tomli.loads, the loader alone (run with --select SF1), the lint pipeline
in-process (spacefacts.report.run), the
`spacefacts lint` command as a subprocess, their ratios to bare parsing (goal: <= 1.5x at
100k claims), and the wall time of `spacefacts --version`.
With --profile N, also prints the top cProfile entries of one in-process lint of the N-claim file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

SPACEFACTS = [sys.executable, "-m", "spacefacts"]


def best(fn, repeat: int) -> float:
    """The fastest of `repeat` runs of fn(), in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bare_parse(path: Path):
    import tomli

    text = path.read_text(encoding="utf-8")
    return lambda: tomli.loads(text)


def in_process(path: Path, select: tuple[str, ...] = ()):
    from spacefacts.report import run

    return lambda: run(str(path), select=select)


def subprocess_lint(path: Path):
    cmd = [*SPACEFACTS, "lint", str(path), "-q", "--exit-zero"]
    return lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def profile(path: Path, top: int = 25) -> None:
    """Print where one in-process lint spends its time."""
    import cProfile
    import pstats

    from spacefacts.report import run

    run(str(path))  # warm: imports and caches
    prof = cProfile.Profile()
    prof.enable()
    run(str(path))
    prof.disable()
    print(f"\ncProfile of report.run({path}), by cumulative then own time:")
    stats = pstats.Stats(prof).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--profile", type=int, default=None, help="also profile the file of this size")
    args = ap.parse_args()

    files = {}
    for n in args.sizes:
        path = args.out / str(n) / "facts.toml"  # one folder per size: each has its own texts/
        if not path.exists():
            generate.write(n, path)
        files[n] = path

    rows = []
    for n, path in files.items():
        bare = best(bare_parse(path), args.repeat)
        loader = best(in_process(path, ("SF1",)), args.repeat)  # loader rules only: no evidence checks
        core = best(in_process(path), args.repeat)
        cli = best(subprocess_lint(path), args.repeat)
        rows.append((n, path.stat().st_size / 1e6, bare, loader, loader / bare, core, core / bare, cli, cli / bare))
    version = best(lambda: subprocess.run([*SPACEFACTS, "--version"], check=True, stdout=subprocess.DEVNULL),
                   args.repeat)

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}")
    head = (f"{'claims':>8} {'MB':>6} {'tomli s':>8} {'run(SF1) s':>11} {'ratio':>7} {'run() s':>8} {'ratio':>7} "
            f"{'lint cmd s':>11} {'ratio':>7}")
    print(head)
    print("-" * len(head))
    for n, mb, bare, loader, r0, core, r1, cli, r2 in rows:
        print(f"{n:>8} {mb:>6.1f} {bare:>8.3f} {loader:>11.3f} {r0:>6.2f}x {core:>8.3f} {r1:>6.2f}x "
              f"{cli:>11.3f} {r2:>6.2f}x")
    print("run(SF1): loader and SF1xx only; run(): the whole lint stage (loader + evidence checks, in-process);")
    print("lint cmd: `spacefacts lint FILE -q` as a subprocess (start-up and rendering included).")
    print(f"spacefacts --version: {version:.3f} s (goal at 100k: lint <= 1.5x bare parsing)")
    if args.profile:
        profile(files.get(args.profile) or generate.write(args.profile, args.out / str(args.profile) / "facts.toml"))


if __name__ == "__main__":
    main()
