"""Time `spacefacts lint` and `spacefacts check` against bare TOML parsing, in one run.

    python benchmarks/bench_lint.py [--sizes 10000 100000] [--repeat 3] [--out DIR] [--profile N] [--rss N]

For each size, generates (once) a deterministic fact file with its source texts
(benchmarks/out/N/facts.toml and texts/, git-ignored), then prints:

  tomli       bare `tomli.loads` of the file's text, in this process (the baseline: tomli 2.2,
              the tool's fallback parser); below the table, the parse floor of the tool's own
              parser (spacefacts.tomlparse: toml-rs when installed), timed in the same rounds
  lint, check the real commands as a user runs them, `spacefacts lint FILE` and
              `spacefacts check FILE`, as subprocesses (start-up, loading, checks with the texts
              present, rendering to /dev/null), wall time
  ratio       each command's time over the baseline (goals at 100k claims: lint <= 1.5x,
              check <= 2x)

Times are the best of --repeat rounds (at most 2 for files over 50k claims); in each round
the baseline and the two commands run in turn, so a busy spell on a shared machine hits them
alike. Wall time first, CPU time (user + system, of the subprocess for the commands) in
brackets: on a loaded machine the CPU ratios are the steadier ones. Then the wall time of
`spacefacts --version` and whether it imported rapidfuzz or dateutil.
With --profile N, also prints the top cProfile entries of one in-process check of the N-claim file.
With --rss N, also the peak resident memory of `spacefacts check` of the N-claim file, its wall time,
and the memory per claim, in three runs: cold (an empty parse cache, which it writes), warm (reading
it) and --no-cache; the 1 GB line of issue 12 is taken as 1 GiB (1,048,576 KiB). (The tool runs in one
process: wall time is one CPU's.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

# the console script next to this interpreter, as `pip install` made it; else python -m
_SCRIPT = Path(sys.executable).with_name("spacefacts")
SPACEFACTS = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "spacefacts"]
HEAVY = ("rapidfuzz", "dateutil")


def best(fn, repeat: int) -> float:
    """The fastest of `repeat` runs of fn(), in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def rounds_for(n: int, repeat: int) -> int:
    """The rounds to time an n-claim file: at most 2 above 50k claims."""
    return repeat if n <= 50_000 else min(repeat, 2)


def timed(fn) -> tuple[float, float]:
    """Run fn() once: (wall seconds, CPU seconds of this process and its finished children)."""
    import resource

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    t, c = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - t, cpu() - c


def rounds(fns: list, repeat: int) -> list[tuple[float, float]]:
    """Best (wall, CPU) of each function over `repeat` rounds, the functions taking turns in each
    round, so that a busy spell on a shared machine hits the baseline and the commands alike."""
    results = [[(float("inf"), float("inf"))] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            results[i].append(timed(fn))
    return [(min(w for w, _ in r), min(c for _, c in r)) for r in results]


def fact_file(n: int, out: Path) -> Path:
    """The n-claim benchmark file (with its texts/), generated when missing."""
    path = out / str(n) / "facts.toml"  # one folder per size: each has its own texts/
    if not path.exists():
        generate.write(n, path)
    return path


def command(*args: str):
    """A function that runs `spacefacts ARGS` (output discarded) and fails on exit code 2."""
    cmd = [*SPACEFACTS, *args]

    def run() -> None:
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode not in (0, 1):  # 1 = findings at error level, a normal outcome
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")

    return run


def version_imports() -> list[str]:
    """The heavy modules that `spacefacts --version` imports (from python -X importtime)."""
    script = SPACEFACTS[-1] if SPACEFACTS[0] != sys.executable else None
    cmd = [sys.executable, "-X", "importtime", *([script] if script else ["-m", "spacefacts"]), "--version"]
    err = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True).stderr
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in err.splitlines() if "|" in line}
    return [m for m in HEAVY if m in names]


def compile_package() -> None:
    """Write the package's bytecode, as an install or a first run does: with PYTHONDONTWRITEBYTECODE set
    (as on some CI machines) every timed command would otherwise compile the sources again."""
    import compileall

    import spacefacts

    compileall.compile_dir(str(Path(spacefacts.__file__).parent), quiet=1)


def command_table(sizes: list[int], repeat: int, out: Path) -> list[str]:
    """Measure and return the printed lines: tomli vs `spacefacts lint` and `spacefacts check`."""
    import tomli

    from spacefacts import tomlparse

    compile_package()
    floors: list[str] = []

    lines = [f"python {sys.version.split()[0]}, tomli {getattr(tomli, '__version__', '?')}, {os.cpu_count()} CPUs; "
             f"best of {repeat} rounds ({min(repeat, 2)} above 50k claims); wall time, CPU time in brackets"]
    head = (f"{'claims':>7} {'MB':>5} {'texts':>5} {'tomli.loads':>16} {'spacefacts lint':>16} "
            f"{'ratio':>13} {'spacefacts check':>17} {'ratio':>13}")
    lines += [head, "-" * len(head)]
    for n in sizes:
        path = fact_file(n, out)
        text = path.read_text(encoding="utf-8")
        fns = [lambda: tomli.loads(text), lambda: tomlparse.loads(text)]
        fns += [command("lint", str(path)), command("check", str(path))]
        (bare, bare_cpu), (floor, _), (lint, lint_cpu), (check, check_cpu) = rounds(fns, rounds_for(n, repeat))
        floors.append(f"{n:>7}: {floor:.2f}s")
        ntexts = len(list((path.parent / "texts").glob("*")))
        lines.append(f"{n:>7} {len(text.encode()) / 1e6:>5.1f} {ntexts:>5} "
                     f"{bare:>6.2f}s ({bare_cpu:>5.2f}s) "
                     f"{lint:>6.2f}s ({lint_cpu:>5.2f}s) {lint / bare:>5.2f}x ({lint_cpu / bare_cpu:>4.2f}x) "
                     f"{check:>7.2f}s ({check_cpu:>5.2f}s) {check / bare:>5.2f}x ({check_cpu / bare_cpu:>4.2f}x)")
    lines.append(f"parse floor of the tool's parser ({tomlparse.NAME}, in this process): " + ", ".join(floors))
    version = best(command("--version"), repeat)
    heavy = version_imports()
    imported = ", ".join(heavy) or "neither rapidfuzz nor dateutil"
    lines.append(f"spacefacts --version: {version:.3f} s; imports {imported}")
    lines.append("goals at 100k claims: lint <= 1.5x, check <= 2x bare parsing")
    return lines


def profile(path: Path, top: int = 25) -> None:
    """Print where one in-process check (lint + check stages) spends its time."""
    import cProfile
    import pstats

    from spacefacts.pipeline import run

    run(str(path), ("lint", "check"))  # warm: imports and caches
    prof = cProfile.Profile()
    prof.enable()
    run(str(path), ("lint", "check"))
    prof.disable()
    print(f"\ncProfile of pipeline.run({path}, ('lint', 'check')), by own then cumulative time:")
    stats = pstats.Stats(prof).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


RSS_MODES = (("cold (writes the cache)", ()), ("warm (reads it)", ()), ("--no-cache", ("--no-cache",)))
GIB = 1 << 20  # KiB: the 1 GB line of issue 12, taken as 1 GiB


def peak_rss(n: int, out: Path) -> list[str]:
    """Peak RSS and wall time of `spacefacts check` of the n-claim file in each of RSS_MODES, one process
    each, with a cache folder of their own (empty for the first)."""
    path = fact_file(n, out)
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")  # fmt: skip
    lines = []
    with tempfile.TemporaryDirectory(prefix="spacefacts-cache-") as cache:
        for mode, extra in RSS_MODES:
            command = [*SPACEFACTS, "check", str(path), "--exit-zero", "--quiet", *extra]
            done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True,
                                  env={**os.environ, "SPACEFACTS_CACHE_DIR": cache})  # fmt: skip
            wall, kib = float(done.stdout.split()[0]), int(done.stdout.split()[1])
            lines.append(f"spacefacts check of {n} claims, {mode}: {wall:.1f} s, peak RSS {kib} KiB "
                         f"({kib / GIB:.3f} GiB, {kib * 1024 / n:.0f} bytes per claim), "
                         f"{'within' if kib <= GIB else 'OVER'} 1 GiB")  # fmt: skip
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--profile", type=int, default=None, help="also profile the file of this size")
    ap.add_argument("--rss", type=int, default=None, help="also the peak memory of check of the file of this size")
    args = ap.parse_args()
    print(f"$ {' '.join(['python', *sys.argv])}", flush=True)
    for line in command_table(args.sizes, args.repeat, args.out):
        print(line, flush=True)
    if args.rss:
        for line in peak_rss(args.rss, args.out):
            print(line, flush=True)
    if args.profile:
        profile(fact_file(args.profile, args.out))


if __name__ == "__main__":
    main()
