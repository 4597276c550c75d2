"""Evaluate spacefacts' trust model on your own data: majority voting against the model.

    python benchmarks/truth_eval.py CLAIMS.csv TRUTH.csv [--type text] [--compare KIND]
                                    [--hierarchy PARENTS.csv] [--trust 0.5] [--write FACTS.toml]

CLAIMS.csv has rows item,source,value (one claim each; a header row "item,source,value" is skipped);
TRUTH.csv has rows item,value for the items whose true value is known. --type is the property type
of the values (text, quantity, date, entity: the values are then entity names), --compare its
`compare` setting (docs/format.md: exact, numeric, hierarchy, ...; default: the type's). PARENTS.csv
(rows place,parent) declares a hierarchy: each name becomes an entity `located_in` its parent, so a
value naming a place compares through it. Every source starts at trust --trust.

The rows become a fact file (each item an entity, each source a source, each row a claim of the
property `value`); the script prints how often the true value is chosen, over the items of TRUTH.csv,
by majority voting (the value most sources give, one vote per source and item; ties to the first in
alphabetical order; also its expected accuracy with ties broken at random, as alphabetical order is not
neutral on times or codes) and by the model (truth.likely_values: the value `spacefacts conflicts` names
likely). Values match after normalisation (case, accents, punctuation; numbers as numbers).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

Row = tuple[str, str, str]  # item, source, value


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ids(names, prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        if name not in out:
            slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "x"
            out[name] = f"{prefix}{len(out)}-{slug}"
    return out


def fact_text(rows: list[Row], kind: str = "text", compare: str | None = None,
              parents: dict[str, str] | None = None, trust: float = 0.5) -> str:
    """The fact file for these claims (see the module doc)."""
    items, sources = _ids((r[0] for r in rows), "i"), _ids((r[1] for r in rows), "s")
    out = ["[properties.value]", f"type = {_q(kind)}"] + ([f"compare = {_q(compare)}"] if compare else []) + [""]
    for name, sid in sources.items():
        out += [f"[sources.{sid}]", f"title = {_q(name)}", f"trust = {trust}", ""]
    for name, iid in items.items():
        out += [f"[entities.{iid}]", f"name = {_q(name)}", 'kind = "other"', ""]
    places = _ids(sorted({*(parents or {}), *(parents or {}).values(), *(r[2] for r in rows if kind == "entity")}), "p")
    for name, pid in places.items():
        parent = (parents or {}).get(name)
        out += [f"[entities.{pid}]", f"name = {_q(name)}", 'kind = "place"']
        out += [f"located_in = {_q(places[parent])}", ""] if parent else [""]
    for n, (item, source, value) in enumerate(rows):
        shown = places[value] if kind == "entity" else value
        written = shown if kind == "quantity" and re.fullmatch(r"-?\d+(\.\d+)?", shown) else _q(shown)
        out += ["[[claims]]", f'id = "c{n}"', f"subject = {_q(items[item])}", 'property = "value"',
                f"value = {written}", f"source = {_q(sources[source])}", ""]
    return "\n".join(out)


def same(a: str, b: str) -> bool:
    """Whether two values match: as numbers when both are numbers, else as normalised text."""
    from spacefacts.text import name_key

    try:
        return float(a.replace(",", "")) == float(b.replace(",", ""))
    except ValueError:
        return name_key(a) == name_key(b)


def voting(rows: list[Row]) -> dict[str, str]:
    """The value most sources give per item (one vote per source and item), ties alphabetically."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for item, _source, value in set(rows):
        votes[item][value] += 1
    return {item: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for item, c in votes.items()}


def model(rows: list[Row], kind: str = "text", compare: str | None = None,
          parents: dict[str, str] | None = None, trust: float = 0.5, write: Path | None = None) -> dict[str, str]:
    """The value the model names likely per item."""
    from spacefacts.loader import load_text
    from spacefacts.truth import likely_values

    text = fact_text(rows, kind, compare, parents, trust)
    if write is not None:
        write.parent.mkdir(parents=True, exist_ok=True)
        write.write_text(text, encoding="utf-8")
    base, diags = load_text(text, str(write or "eval.toml"))
    errors = [d for d in diags if d.severity >= 2]
    if errors:
        raise SystemExit(f"the fact file does not load: {errors[0].message}")
    names = {e.id: e.name for e in base.entities.values()}
    out = {}
    for v in likely_values(base):
        raw = v.claim.raw
        out[names[v.subject]] = names.get(raw, str(raw)) if kind == "entity" else str(raw)
    return out


def voting_fair(rows: list[Row], truth: dict[str, str]) -> float:
    """Voting's expected accuracy when its ties are broken at random: an item whose true value is one of k
    values tied for most votes counts 1/k. (Alphabetical ties favour whatever sorts first: on times of
    day, the earliest, which is the truth wherever wrong times are only ever later.)"""
    votes: dict[str, Counter] = defaultdict(Counter)
    for item, _source, value in set(rows):
        votes[item][value] += 1
    scored = [item for item in truth if item in votes]
    total = 0.0
    for item in scored:
        top = max(votes[item].values())
        tied = [v for v, n in votes[item].items() if n == top]
        total += sum(same(v, truth[item]) for v in tied) / len(tied)
    return total / len(scored) if scored else 0.0


def accuracy(chosen: dict[str, str], truth: dict[str, str]) -> tuple[float, int]:
    """(share of the truth's items whose chosen value matches, items scored)."""
    scored = [item for item in truth if item in chosen]
    return (sum(same(chosen[i], truth[i]) for i in scored) / len(scored) if scored else 0.0), len(scored)


def read_csv(path: Path, width: int, header: tuple[str, ...]) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [tuple(c.strip() for c in r[:width]) for r in csv.reader(fh) if len(r) >= width]
    return rows[1:] if rows and tuple(x.casefold() for x in rows[0]) == header else rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("claims", type=Path)
    ap.add_argument("truth", type=Path)
    ap.add_argument("--type", default="text", choices=("text", "quantity", "date", "entity"))
    ap.add_argument("--compare", default=None)
    ap.add_argument("--hierarchy", type=Path, default=None, help="CSV of place,parent rows")
    ap.add_argument("--trust", type=float, default=0.5, help="every source's prior trust")
    ap.add_argument("--write", type=Path, default=None, help="also write the fact file here")
    args = ap.parse_args()
    rows = [r for r in read_csv(args.claims, 3, ("item", "source", "value"))]
    truth = dict(read_csv(args.truth, 2, ("item", "value")))
    parents = dict(read_csv(args.hierarchy, 2, ("place", "parent"))) if args.hierarchy else None
    if not rows or not truth:
        sys.exit("no claims or no truth rows")
    print(f"{len(rows)} claims from {len({r[1] for r in rows})} sources on {len({r[0] for r in rows})} items; "
          f"{len(truth)} items with a known truth")
    for name, chosen in (("majority voting", voting(rows)),
                         (f"model (type {args.type}, compare {args.compare or 'default'})",
                          model(rows, args.type, args.compare, parents, args.trust, args.write))):
        acc, n = accuracy(chosen, truth)
        print(f"{name:<48} {acc:.3f} ({n} items)")
        if name == "majority voting":
            print(f"{'majority voting, ties at random (expected)':<48} {voting_fair(rows, truth):.3f}")


if __name__ == "__main__":
    main()
