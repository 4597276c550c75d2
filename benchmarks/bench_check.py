"""Time `spacefacts check` against bare TOML parsing, and SF401 on 10k entities.

    python benchmarks/bench_check.py [--sizes 10000 100000] [--repeat 3] [--out DIR] [--entities 10000]

Reuses benchmarks/generate.py (the lint benchmark's deterministic fact files, in
benchmarks/out/check/). Prints, best of --repeat: bare tomli.loads, report.run with the
lint stage, with lint + check (what `spacefacts check` runs), the check stage alone
on an already loaded fact base, and each one's ratio to bare parsing (goal for the
whole check: <= 2x at 100k claims). Then times the duplicate-entity search (SF401)
on generated entities with planted near-duplicates and prints its recall.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402


def best(fn, repeat: int) -> float:
    """The fastest of `repeat` runs of fn(), in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def claims_rows(sizes: list[int], out: Path, repeat: int) -> None:
    import tomli

    from spacefacts.checks import Context, run_checks
    from spacefacts.loader import load_file
    from spacefacts.report import run

    head = (f"{'claims':>8} {'MB':>6} {'tomli s':>8} {'lint s':>8} {'ratio':>6} {'check s':>8} {'ratio':>6} "
            f"{'stage s':>8} {'ratio':>6} {'conflicts':>9}")
    print(head)
    print("-" * len(head))
    for n in sizes:
        path = out / f"facts-{n}.toml"
        if not path.exists():
            generate.write(n, path)
        text = path.read_text(encoding="utf-8")
        bare = best(lambda: tomli.loads(text), repeat)
        lint = best(lambda: run(str(path), ("lint",)), repeat)
        check = best(lambda: run(str(path), ("lint", "check")), repeat)
        base, _ = load_file(str(path))
        stage = best(lambda: run_checks(base, Context(), ("check",)), repeat)
        found = sum(1 for d in run_checks(base, Context(), ("check",)) if d.code == "SF301")
        print(f"{n:>8} {path.stat().st_size / 1e6:>6.1f} {bare:>8.3f} {lint:>8.3f} {lint / bare:>5.2f}x "
              f"{check:>8.3f} {check / bare:>5.2f}x {stage:>8.3f} {stage / bare:>5.2f}x {found:>9}")


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
    ap.add_argument("--out", type=Path, default=HERE / "out" / "check")
    ap.add_argument("--entities", type=int, default=10_000)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat}")
    claims_rows(args.sizes, args.out, args.repeat)
    duplicates_row(args.entities, args.repeat)


if __name__ == "__main__":
    main()
