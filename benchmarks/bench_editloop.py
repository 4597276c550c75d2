"""Issue 16's edit loop: both editions of McDowell's launch log imported into catalogue/launchlog.toml,
included from a small curated file (the shipped facts.toml with `[settings] include`); `check` cold
(no cache), then after editing one claim of the curated file (the catalogue from the parse cache).
Prints each figure and the warm/cold ratio (the issue's goal: at most 40 %); skips what ../shared/ext
does not hold.

    .venv/bin/python benchmarks/bench_editloop.py [--rounds 5]

Each round: remove the cache, run `spacefacts check facts.toml --exit-zero --quiet` (cold: the
catalogue parsed and cached), edit one claim of facts.toml, run it again (warm), and once more with
--no-cache after another edit (the same work as cold, without writing the cache). All are subprocesses,
as a user runs them; wall and CPU (user + system) of the child. Best of the rounds, and the median.
Then, untimed, the findings (JSON) of a warm run after one more edit are compared with those of
--no-cache: what the caches keep (the catalogue's records, its truth analysis, the duplicate-entity
pairs: cache.py, resultcache.py) must never change a finding.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT.parent / "shared" / "ext" / "launches"
if not EXT.exists():
    EXT = Path("/work/shared/ext/launches")
EDITIONS = (("jsr2017", "mcdowell-launchlog-2017-06"), ("jsr2020", "mcdowell-launchlog-2020-02"))
CHECK = ("check", "facts.toml", "--exit-zero", "--quiet")


def run(folder: Path, *args: str) -> tuple[float, float]:
    """(wall, CPU of the child) seconds of `spacefacts ARGS` run in `folder`."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spacefacts", *args], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def findings(folder: Path, *extra: str) -> bytes:
    """The JSON of every finding of `spacefacts check facts.toml` in `folder`."""
    args = (*CHECK[:2], "--format", "json", "--exit-zero", "--quiet", *extra)
    return subprocess.run([sys.executable, "-m", "spacefacts", *args], cwd=folder, check=True,
                          stdout=subprocess.PIPE).stdout


def edit(facts: Path, n: int) -> None:
    """Edit one claim: the note of the first claim that has one, different in each round."""
    text = facts.read_text(encoding="utf-8")
    text, count = re.subn(r'^(note = ".*?)(?: \(edited \d+\))?"$', rf'\1 (edited {n})"', text, count=1, flags=re.M)
    assert count == 1
    facts.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logs = [(sid, EXT / folder / "launchlog.txt") for sid, folder in EDITIONS]
    if not all(p.exists() for _, p in logs):
        print(f"skipped: the launch logs are not in {EXT}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "catalogue").mkdir()
        facts = folder / "facts.toml"
        facts.write_text('[settings]\ninclude = ["catalogue/*.toml"]\n\n'
                         + (ROOT / "facts.toml").read_text(encoding="utf-8"), encoding="utf-8")
        for n, (sid, path) in enumerate(logs):  # the shipped file's launch_vehicle is an entity: the log's renamed
            where = ("-o", "catalogue/launchlog.toml") if n == 0 else ("--into", "catalogue/launchlog.toml")
            run(folder, "import", "launchlog", str(path), "--source", sid, "--rename", "launch_vehicle=log_vehicle",
                *where)
        sizes = f"curated {facts.stat().st_size:,} bytes, catalogue {(folder / 'catalogue/launchlog.toml').stat().st_size:,}"
        figures: dict[str, list[tuple[float, float]]] = {"cold": [], "warm (one claim edited)": [], "--no-cache": []}
        for r in range(args.rounds):
            shutil.rmtree(folder / ".spacefacts_cache", ignore_errors=True)
            figures["cold"].append(run(folder, *CHECK))
            edit(facts, 2 * r + 1)
            figures["warm (one claim edited)"].append(run(folder, *CHECK))
            edit(facts, 2 * r + 2)
            figures["--no-cache"].append(run(folder, *CHECK, "--no-cache"))
        edit(facts, 2 * args.rounds + 1)
        same = findings(folder) == findings(folder, "--no-cache")
    print(f"edit loop, {sizes}; {args.rounds} rounds: `spacefacts {' '.join(CHECK)}`")
    for name, runs in figures.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"  {name:24s} best {min(walls):5.2f} s wall ({min(cpus):.2f} s CPU), "
              f"median {statistics.median(walls):5.2f} s wall ({statistics.median(cpus):.2f} s CPU)")
    cold, warm = figures["cold"], figures["warm (one claim edited)"]
    print(f"warm / cold: best {min(w for w, _ in warm) / min(w for w, _ in cold):.0%} wall, "
          f"{min(c for _, c in warm) / min(c for _, c in cold):.0%} CPU; median "
          f"{statistics.median(w for w, _ in warm) / statistics.median(w for w, _ in cold):.0%} wall "
          "(goal: at most 40 %)")
    print(f"findings of a warm run and of --no-cache after an edit: {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
