"""Issue 16: import both editions of McDowell's launch log, then `check` them together, against the
bare parse of the generated TOML (by the tool's parser, toml-rs, and by tomli 2.2, issue 12's baseline).
Prints figures; skips what ../shared/ext does not hold. For the one-CPU figure run it under taskset:

    taskset -c 0 .venv/bin/python benchmarks/bench_import.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXT = Path(__file__).resolve().parents[2] / "shared" / "ext" / "launches"
EDITIONS = (("jsr2017", "mcdowell-launchlog-2017-06"), ("jsr2020", "mcdowell-launchlog-2020-02"))


def run(*args: str) -> tuple[float, float]:
    """(wall, CPU of the child) seconds of `spacefacts ARGS` as a subprocess."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spacefacts", *args], check=False, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    logs = [(sid, EXT / folder / "launchlog.txt") for sid, folder in EDITIONS]
    if not all(p.exists() for _, p in logs):
        print(f"skipped: the launch logs are not in {EXT}")
        return
    import tomli

    from spacefacts.tomlparse import loads

    best: dict[str, tuple[float, float]] = {}
    ratios: list[float] = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "log.toml"
            for n, (sid, path) in enumerate(logs):
                where = ("-o", str(out)) if n == 0 else ("--into", str(out))
                figure = run("import", "launchlog", str(path), "--source", sid, *where)
                best[f"import {sid}"] = min(best.get(f"import {sid}", figure), figure)
            text = out.read_text(encoding="utf-8")
            for name, parse in (("parse (tool's parser)", loads), ("parse (tomli)", tomli.loads)):
                start, cpu = time.perf_counter(), time.process_time()
                parse(text)
                figure = (time.perf_counter() - start, time.process_time() - cpu)
                best[name] = min(best.get(name, figure), figure)
            check = run("check", str(out), "--exit-zero", "--quiet")
            best["check both"] = min(best.get("check both", check), check)
            ratios.append(check[0] / figure[0])  # against this round's tomli parse
    for name, (wall, cpu) in best.items():
        print(f"{name:22s} {wall:6.2f} s  ({cpu:.2f} s CPU)")
    check, tool = best["check both"][0], best["parse (tool's parser)"][0]
    print(f"check / parse, best of each: {check / tool:.1f}x the tool's parser "
          f"(toml-rs), {check / best['parse (tomli)'][0]:.2f}x tomli; each round against its tomli parse: "
          + ", ".join(f"{r:.2f}x" for r in ratios))


if __name__ == "__main__":
    main()
