"""Synthetic truth-discovery data per value type, with known truth: majority voting against the model.

    python benchmarks/truth_synthetic.py [--seed 18] [--items 400] [--out DIR]

Each data set has ITEMS items and eight sources of different reliability (the chance that a claim
gives the true value: 0.95, 0.9, 0.8, 0.6, 0.5, 0.45, 0.4, 0.35), each claiming about 70% of the
items. A wrong claim takes one of two wrong values per item, so unreliable sources agree on errors
(as copied or commonly mistaken values do) and plain voting is misled. The sets:

- codes: serials such as "KX-417"; a wrong one differs by one digit ("KX-411");
- times as text: departure times written "t0710"; a wrong one is 5 to 15 minutes off;
- times as numbers: the same times as minutes after midnight (a quantity);
- flights, delays / flights, moved: departure times written "07:10" whose wrong values are four
  times a minute apart, 40 to 80 minutes later (delays) or before or after (moved); see flight_times.
  The last column is the model with the text similarity before issue 18 (fuzzy_text), the failure
  the issue reports;
- places: a city in a province in a country (the hierarchy is declared, see truth_eval.py); a
  right claim is the city, or for a coarse source (one in three claims of some sources, one in
  two of one) its province or country; a wrong one is another city of the province or elsewhere.

For each set the script prints the accuracy (the chosen value equals the true one; for places the
true city) of voting, of the model with the type's default comparison and with the declared one,
and writes item,source,value CSVs and the truth beside them in DIR (so truth_eval.py runs on them).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from truth_eval import accuracy, model, voting, voting_fair  # noqa: E402

RELIABILITY = (0.95, 0.9, 0.8, 0.6, 0.5, 0.45, 0.4, 0.35)
COARSE = (0.0, 0.5, 0.33, 0.0, 0.33, 0.0, 0.33, 0.0)  # places: share of right claims given coarser
COVERAGE = 0.7


def claims(rng: random.Random, truth: dict[str, str], wrong: dict[str, list[str]], coarse=None):
    """item,source,value rows: each source claims COVERAGE of the items, right with its reliability."""
    rows = []
    for item, true in truth.items():
        for s, (rel, gran) in enumerate(zip(RELIABILITY, COARSE)):
            if rng.random() > COVERAGE:
                continue
            if rng.random() < rel:
                value = coarse(true) if coarse and rng.random() < gran else true
            else:
                value = rng.choice(wrong[item])
            rows.append((item, f"source-{s}", value))
    return rows


def codes(rng: random.Random, n: int):
    truth, wrong = {}, {}
    for i in range(n):
        code = f"{rng.choice('ABCDKLMX')}{rng.choice('XYZ')}-{rng.randint(100, 999)}"
        truth[f"item{i}"] = code
        others = set()
        while len(others) < 2:
            pos = rng.randrange(len(code) - 3, len(code))
            digit = str(rng.choice([d for d in range(10) if str(d) != code[pos]]))
            others.add(code[:pos] + digit + code[pos + 1:])
        wrong[f"item{i}"] = sorted(others)
    return truth, wrong


def times(rng: random.Random, n: int, as_text: bool):
    def show(minutes: int) -> str:
        return f"t{minutes // 60:02d}{minutes % 60:02d}" if as_text else str(minutes)

    truth, wrong = {}, {}
    for i in range(n):
        m = rng.randrange(6 * 60, 22 * 60, 5)
        truth[f"flight{i}"] = show(m)
        wrong[f"flight{i}"] = [show(m + rng.choice((-15, -10, -5))), show(m + rng.choice((5, 10, 15)))]
    return truth, wrong


def flight_times(rng: random.Random, n: int, late: bool):
    """Departure times written "07:10" (the issue's flight-times failure). A wrong claim is another
    time of the flight, one per flight 40 to 80 minutes off (later only when `late`: a delayed actual
    departure; else before or after: a changed schedule), as a site saw it (0 to 3 minutes more): the
    wrong values of a flight are four, a minute apart, and share their hour's text with each other
    more than with the true time, so a fuzzy ratio pools them."""
    def show(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    truth, wrong = {}, {}
    for i in range(n):
        m = rng.randrange(6 * 60, 20 * 60, 5)
        other = m + (1 if late else rng.choice((-1, 1))) * rng.randint(40, 80)
        truth[f"flight{i}"] = show(m)
        wrong[f"flight{i}"] = [show(other + k) for k in range(4)]
    return truth, wrong


@contextmanager
def fuzzy_text():
    """The text similarity before issue 18: the fuzzy token-set ratio between any two texts (no
    exception for texts whose numbers differ), so "07:26" and "07:27" imply each other strongly."""
    from rapidfuzz import fuzz

    from spacefacts.similarity import Comparer

    plain = Comparer.similarity

    def similarity(self, a, b):
        if isinstance(a, str) and isinstance(b, str) and self.kind == "text":
            return 1.0 if a == b else fuzz.token_set_ratio(a, b) / 100.0
        return plain(self, a, b)

    Comparer.similarity = similarity
    try:
        yield
    finally:
        Comparer.similarity = plain


def places(rng: random.Random, n: int):
    parents: dict[str, str] = {}
    cities_of: dict[str, list[str]] = {}
    for c in range(3):
        country = f"Country {c}"
        for p in range(4):
            province = f"Province {c}{p}"
            parents[province] = country
            cities_of[province] = []
            for k in range(5):
                city = f"City {c}{p}{k}"
                parents[city] = province
                cities_of[province].append(city)
    provinces = sorted(cities_of)
    truth, wrong = {}, {}
    for i in range(n):
        province = rng.choice(provinces)
        city = rng.choice(cities_of[province])
        truth[f"person{i}"] = city
        sibling = rng.choice([x for x in cities_of[province] if x != city])
        elsewhere = rng.choice(cities_of[rng.choice([p for p in provinces if p != province])])
        wrong[f"person{i}"] = [sibling, elsewhere]

    def coarse(city: str) -> str:
        return parents[city] if rng.random() < 0.6 else parents[parents[city]]

    return truth, wrong, parents, coarse


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--items", type=int, default=400)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "synthetic")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sets = []
    truth, wrong = codes(rng, args.items)
    sets.append(("codes", claims(rng, truth, wrong), truth, "text", "exact", None))
    truth, wrong = times(rng, args.items, as_text=True)
    sets.append(("times as text", claims(rng, truth, wrong), truth, "text", "numeric", None))
    truth, wrong = times(rng, args.items, as_text=False)
    sets.append(("times as numbers", claims(rng, truth, wrong), truth, "quantity", "numeric", None))
    truth, wrong = flight_times(rng, args.items, late=True)
    sets.append(("flights, delays", claims(rng, truth, wrong), truth, "text", None, None))
    truth, wrong = flight_times(rng, args.items, late=False)
    sets.append(("flights, moved", claims(rng, truth, wrong), truth, "text", None, None))
    truth, wrong, parents, coarse = places(rng, args.items)
    sets.append(("places", claims(rng, truth, wrong, coarse), truth, "text", "hierarchy", parents))

    args.out.mkdir(parents=True, exist_ok=True)
    print(f"seed {args.seed}, {args.items} items per set, sources of reliability {', '.join(map(str, RELIABILITY))}")
    print(f"{'data set':<18} {'claims':>6} {'voting':>7} {'(random ties)':>14} {'model (type default)':>21}"
          f" {'model (declared)':>26} {'fuzzy text (before)':>20}")
    for name, rows, truth, kind, compare, parents in sets:
        stem = args.out / name.replace(" ", "-")
        with open(f"{stem}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([("item", "source", "value"), *rows])
        with open(f"{stem}-truth.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([("item", "value"), *truth.items()])
        if parents:
            with open(f"{stem}-parents.csv", "w", newline="", encoding="utf-8") as fh:
                csv.writer(fh).writerows([("place", "parent"), *parents.items()])
        vote = accuracy(voting(rows), truth)[0]
        fair = voting_fair(rows, truth)
        plain = accuracy(model(rows, kind, None, parents), truth)[0]
        declared = accuracy(model(rows, kind, compare, parents), truth)[0] if compare else plain
        fuzzy = "-"
        if kind == "text":
            with fuzzy_text():
                fuzzy = f"{accuracy(model(rows, kind, 'text', parents), truth)[0]:.3f}"
        print(f"{name:<18} {len(rows):>6} {vote:>7.3f} {fair:>14.3f} {plain:>21.3f} {declared:>17.3f} ({compare or 'default'})"
              f" {fuzzy:>13}")


if __name__ == "__main__":
    main()
