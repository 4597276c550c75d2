"""Two CPUs: `spacefacts check` of a tree from before the parse cache against one with it, alternating.

    python benchmarks/two_cpus.py FILE OLD_SRC NEW_SRC [--rounds 3]

Run without taskset (both CPUs). Each round times tomli.loads of FILE's text in this process, then
`python -m spacefacts check FILE` with OLD_SRC first on PYTHONPATH (a version without the parse cache,
such as fa602cf, which forked a child for part of the checks), then with NEW_SRC and `--no-cache`.
Wall time, and each command's ratio to the round's tomli time. Each tree's bytecode is written first
(see ab_check.py).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    import tomli

    with open(args.file, encoding="utf-8") as f:
        text = f.read()
    trees = {args.old: [], args.new: ["--no-cache"]}
    for src in trees:
        compileall.compile_dir(src, quiet=1)
    rows: dict[str, list[float]] = {name: [] for name in ["tomli", *trees]}
    for r in range(args.rounds):
        t = time.perf_counter()
        tomli.loads(text)
        rows["tomli"].append(time.perf_counter() - t)
        for src, extra in trees.items():
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "spacefacts", "check", args.file, "--exit-zero", "--quiet", *extra],
                           stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": src}, check=True)
            rows[src].append(time.perf_counter() - t)
        print(f"round {r + 1}: " + "  ".join(f"{k}: {v[-1]:.2f}s" for k, v in rows.items()), flush=True)
    for src in trees:
        ratios = [w / t for w, t in zip(rows[src], rows["tomli"])]
        print(f"{src}: {min(rows[src]):.2f}-{max(rows[src]):.2f}s, ratio to tomli {min(ratios):.2f}-{max(ratios):.2f}x "
              f"(median {statistics.median(ratios):.2f}x)")


if __name__ == "__main__":
    main()
