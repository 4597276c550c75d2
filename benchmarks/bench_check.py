"""Time `spacefacts check` (and lint) against bare TOML parsing, each check, and SF401 on 10k entities.

    python benchmarks/bench_check.py [--sizes 10000 100000] [--repeat 3] [--out DIR] [--entities 10000]

Prints, in one run: the table of benchmarks/bench_lint.py (bare tomli.loads; `spacefacts lint`
and `spacefacts check` as subprocesses on the generated files with their texts; ratios; goals at
100k claims: lint <= 1.5x, check <= 2x; `spacefacts --version` and its heavy imports), then the
in-process time of each registered check on the largest file (where the time goes), then the
duplicate-entity search (SF401) on generated entities with planted near-duplicates and its recall.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_lint import best, command_table, fact_file, rounds_for  # noqa: E402


def checks_rows(path: Path, repeat: int) -> None:
    """Each listed check's time, in-process, on an already loaded fact base (best of repeat)."""
    from spacefacts.checks import CHECKS, Context
    from spacefacts.loader import load_file

    t = time.perf_counter()
    base, _ = load_file(str(path))
    print(f"\nin-process on {path} ({len(base.claims)} claims): load_file {time.perf_counter() - t:.3f} s")
    gc.disable()  # as run_checks does
    for c in [c for c in CHECKS if not c.finalizing]:  # a finalizing check needs the others' findings
        found: list = []
        seconds = best(lambda: found.__setitem__(slice(None), c.fn(base, Context())), repeat)
        print(f"  {c.stage:5} {c.fn.__module__.rsplit('.', 1)[-1]:12} {c.fn.__name__:22} {seconds:7.3f} s "
              f"{len(found):>7} findings")
    gc.enable()


SYLLABLES = ["chang", "guang", "xing", "tian", "hang", "yu", "zhou", "long", "jian", "hua", "kong", "wei", "xin",
             "bei", "dou", "shen", "hai", "yun", "feng", "lan", "jing", "ming", "rui", "tai", "qian", "fan"]
WORDS = ["Space", "Aerospace", "Satellite", "Technology", "Rocket", "Launch", "Systems", "Dynamics", "Orbital",
         "Science", "Engineering", "Communications", "Research", "Institute"]
SUFFIX = ["Co.", "Ltd", "Group", "Corporation", "Inc."]


def entity_names(n: int, seed: int = 7) -> tuple[list[tuple[str, str, list[str]]], set[tuple[str, str]]]:
    """n entities (id, name, aliases) of which 1% are planted near-duplicates of another; and those pairs."""
    rng = random.Random(seed)
    ents: list[tuple[str, str, list[str]]] = []
    seen: set[str] = set()
    while len(ents) < n * 0.99:
        core = "".join(rng.sample(SYLLABLES, rng.randint(2, 3))).capitalize()
        name = f"{core} {' '.join(rng.sample(WORDS, rng.randint(1, 2)))}"
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        alias = [core] if rng.random() < 0.3 else []
        ents.append((f"e{len(ents)}", name, alias))
    planted = set()
    while len(ents) < n:
        eid, name, _ = rng.choice(ents[: int(n * 0.99)])
        variant = f"{name} {rng.choice(SUFFIX)}"
        if variant.lower() in seen:
            continue
        seen.add(variant.lower())
        new = f"e{len(ents)}"
        ents.append((new, variant, []))
        planted.add((min(eid, new), max(eid, new)))
    return ents, planted


def duplicates_row(n: int, repeat: int) -> None:
    from spacefacts.checks.entities import duplicate_pairs
    from spacefacts.model import Entity, FactBase, Location

    ents, planted = entity_names(n)
    base = FactBase("bench", entities={eid: Entity(eid, name, "company", Location("bench", i + 1), tuple(aliases))
                                       for i, (eid, name, aliases) in enumerate(ents)})
    seconds = best(lambda: duplicate_pairs(base), repeat)
    pairs = {(min(a, b), max(a, b)) for a, b, *_ in duplicate_pairs(base)}
    hit = len(planted & pairs)
    print(f"\nSF401 duplicate search on {n} entities ({sum(1 + len(a) for _, _, a in ents)} names): "
          f"{seconds:.3f} s; planted near-duplicates found {hit}/{len(planted)}; "
          f"{len(pairs) - hit} other pairs reported")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--entities", type=int, default=10_000)
    args = ap.parse_args()
    print(f"$ {' '.join(['python', *sys.argv])}", flush=True)
    for line in command_table(args.sizes, args.repeat, args.out):
        print(line, flush=True)
    largest = max(args.sizes)
    checks_rows(fact_file(largest, args.out), rounds_for(largest, args.repeat))
    duplicates_row(args.entities, args.repeat)


if __name__ == "__main__":
    main()
