"""A/B timing of `spacefacts check` between source trees, against bare tomli parsing, alternating.

    taskset -c 0 python benchmarks/ab_check.py FILE SRC_A SRC_B [--rounds 5] [--stage check] [--no-cache]

Each round times, in turn: tomli.loads of FILE's text (in this process), then `python -m spacefacts
STAGE FILE` once with each source tree first on PYTHONPATH (subprocesses, output discarded). Wall
and CPU time (user + system: this process's for tomli, the child's for the commands), and each
command's ratio to the round's tomli time. Run it under `taskset -c 0` for the one-CPU figure; the
machine may be shared, so compare ranges over rounds, not single runs. The commands use the parse
cache as `spacefacts` does by default (warm after the first run; one folder per tree, in the temporary
folder); --no-cache passes `--no-cache` to them, so each one parses and builds the fact base afresh.
Each tree's bytecode is written first, as an install or a first run does: with PYTHONDONTWRITEBYTECODE
set (as here) every command would otherwise compile the package's sources again (0.07-0.08 s).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import tempfile
import sys
import time


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("src", nargs="+", help="source trees (folders holding the spacefacts package)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--stage", default="check")
    ap.add_argument("--no-cache", action="store_true", help="run the commands with --no-cache")
    args = ap.parse_args()
    import tomli

    for src in args.src:
        compileall.compile_dir(src, quiet=1)
    with open(args.file, encoding="utf-8") as f:
        text = f.read()
    rows: dict[str, list[tuple[float, float]]] = {name: [] for name in ["tomli", *args.src]}
    for r in range(args.rounds):
        t, c = time.perf_counter(), time.process_time()
        tomli.loads(text)
        rows["tomli"].append((time.perf_counter() - t, time.process_time() - c))
        for n, src in enumerate(args.src):
            # each tree its own cache folder: two versions' entries (another format or version) would
            # replace each other, and every "warm" run would parse and write afresh
            env = {**os.environ, "PYTHONPATH": src,
                   "SPACEFACTS_CACHE_DIR": os.path.join(tempfile.gettempdir(), f"ab_check-cache-{n}")}
            t, c = time.perf_counter(), _child_cpu()
            subprocess.run([sys.executable, "-m", "spacefacts", args.stage, args.file, "--exit-zero", "--quiet",
                            *(["--no-cache"] if args.no_cache else [])],
                           stdout=subprocess.DEVNULL, env=env, check=True)  # fmt: skip
            rows[src].append((time.perf_counter() - t, _child_cpu() - c))
        tw, tc = rows["tomli"][-1]
        print(f"round {r + 1}: tomli {tw:.2f}s ({tc:.2f}s)  " + "  ".join(
            f"{src}: {w:.2f}s ({cpu:.2f}s) {w / tw:.2f}x ({cpu / tc:.2f}x)" for src in args.src
            for w, cpu in [rows[src][-1]]), flush=True)  # fmt: skip
    tomli_rows = rows["tomli"]
    for src in args.src:
        wall = [w / tw for (w, _), (tw, _) in zip(rows[src], tomli_rows)]
        cpu = [c / tc for (_, c), (_, tc) in zip(rows[src], tomli_rows)]
        print(f"{src}: ratio to tomli, wall {min(wall):.2f}-{max(wall):.2f}x (median {statistics.median(wall):.2f}x), "
              f"CPU {min(cpu):.2f}-{max(cpu):.2f}x (median {statistics.median(cpu):.2f}x); "
              f"CPU {min(c for _, c in rows[src]):.2f}-{max(c for _, c in rows[src]):.2f}s")


if __name__ == "__main__":
    main()
