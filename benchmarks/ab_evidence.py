"""A/B timing of the lint-stage checks (the evidence rules SF201-SF210) between source trees, in-process.

    taskset -c 0 python benchmarks/ab_evidence.py FILE SRC_A SRC_B [--rounds 5]

Each round runs, in turn for each source tree, a child process (that tree first on PYTHONPATH) which
loads FILE (`pipeline.load`, the parse cache as `spacefacts` uses it), then times with
time.process_time, GC paused as the CLI runs them, `checks.run_checks(base, ctx, ("lint",))` with the
file's own select/ignore and the source texts beside it: the evidence rules and SF209, without start-up,
loading or rendering. It prints each round's CPU seconds and findings, then per tree the best and the
median. The machine may be shared: compare the ranges over alternating rounds, not single runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CHILD = """
import gc, sys, time
from spacefacts import pipeline
from spacefacts.checks import Context, run_checks
base, _ = pipeline.load(sys.argv[1])
gc.disable()
ctx = Context(select=base.settings.select, ignore=base.settings.ignore)
t = time.process_time()
found = run_checks(base, ctx, ("lint",))
print(time.process_time() - t, len(found))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("src", nargs="+", help="source trees (folders holding the spacefacts package)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    rows: dict[str, list[float]] = {src: [] for src in args.src}
    for r in range(args.rounds):
        cells = []
        for src in args.src:
            out = subprocess.run([sys.executable, "-c", CHILD, args.file], capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": src}).stdout.split()
            rows[src].append(float(out[0]))
            cells.append(f"{src}: {float(out[0]):.3f}s ({out[1]} findings)")
        print(f"round {r + 1}: " + "  ".join(cells), flush=True)
    for src, cpu in rows.items():
        print(f"{src}: lint-stage checks CPU best {min(cpu):.3f}s, median {statistics.median(cpu):.3f}s")


if __name__ == "__main__":
    main()
