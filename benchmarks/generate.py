"""Generate a fact file of N claims with a realistic shape, for benchmarks.

    python benchmarks/generate.py N OUT [--seed S] [--no-texts]

Shape (deterministic for a given N and seed): hundreds of sources, thousands of
entities with aliases and links, built-in plus a dozen declared properties, every
date and quantity form of docs/format.md, quotes that carry the value, a few
hedged / deprecated / accepted claims, and one local text per source (under
OUT's folder, `texts/`) holding the quotes, so the evidence checks do real work.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

# (value as written, phrase for the quote) for every date form of docs/format.md
DATES = [
    ("{y}", "in {y}"),
    ("{y}-{m:02d}", "in {month} {y}"),
    ("{y}-{m:02d}-{d:02d}", "on {month} {d}, {y}"),
    ("{y}~", "around {y}"),
    ("{y}?", "possibly in {y}"),
    ("{y}%", "perhaps around {y}"),
    ("{y}-01/{y}-04", "between January {y} and April {y}"),
    ("../{y}", "by {y}"),
    ("{y}/..", "since {y}"),
    ("early {y}", "in early {y}"),
    ("mid-{y}", "in mid-{y}"),
    ("late {y}", "in late {y}"),
    ("Q{q} {y}", "in Q{q} {y}"),
    ("{dec}s", "in the {dec}s"),
    ("{month} {y}", "in {month} {y}"),
    ("{mon} {y}", "in {month} {y}"),
    ("{d} {month} {y}", "on {d} {month} {y}"),
    ("{month} {d}, {y}", "on {month} {d}, {y}"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip

# (value as written, phrase for the quote); {n} is a round number
QUANTITIES = [
    ("{n}", "{n}"),
    ("{n:,}", "{n:,}"),
    ("around {n:,}", "around {n:,}"),
    ("about {n:,}", "about {n:,}"),
    ("more than {n:,}", "more than {n:,}"),
    ("over {n:,}", "over {n:,}"),
    ("at least {n}", "at least {n}"),
    ("fewer than {n}", "fewer than {n}"),
    ("at most {n}", "at most {n}"),
    ("up to {n}", "up to {n}"),
    ("{n} to {n2}", "{n} to {n2}"),
    ("{n}-{n2}", "{n}-{n2}"),
]

SYLLABLES = ["chang", "guang", "xing", "wang", "tian", "hang", "zhou", "yuan", "long", "feng", "hai", "bei",
             "dong", "nan", "jin", "shen", "hong", "qi", "lan", "yun", "zhu", "que", "kai", "li"]  # fmt: skip
KINDS = ["company", "constellation", "program", "mission", "vehicle", "agency", "organization", "facility",
         "satellite", "person", "place"]  # fmt: skip
SOURCE_KINDS = ["news", "analysis", "report", "official", "reference", "promotional", "dataset"]

# Declared properties: id -> TOML body lines
DECLARED = {
    "ipo_accepted": ['type = "date"', 'label = "IPO application accepted"', 'before = ["ipo_withdrawn"]'],
    "ipo_withdrawn": ['type = "date"', 'label = "IPO application withdrawn"'],
    "contract_signed": ['type = "date"', 'label = "contract signed"', "multi = true"],
    "orbit_altitude": ['type = "quantity"', 'unit = "km"', "minimum = 100", "maximum = 40000"],
    "contract_value": ['type = "quantity"', 'unit = "yuan"', "multi = true", "minimum = 0"],
    "launch_mass": ['type = "quantity"', 'unit = "kg"', "minimum = 1"],
    "bandwidth": ['type = "quantity"', 'unit = "Mbps"', "temporal = true"],
    "employees": ['type = "quantity"', 'unit = "people"', "temporal = true", "tolerance = 50"],
    "production_target": ['type = "quantity"', 'unit = "satellites/year"', "plan = true"],
    "headquarters": ['type = "text"', 'label = "headquartered in"'],
    "customer": ['type = "entity"', 'label = "customer"', "multi = true"],
    "partners": ['type = "list"', 'label = "partners"'],
}
DATE_PROPS = ["founded", "first_launch", "launch", "announced", "signed", "published", "started", "landing",
              "ipo_accepted", "ipo_withdrawn", "contract_signed"]  # fmt: skip
QUANTITY_PROPS = ["planned_size", "satellites_in_orbit", "satellites_launched", "funding_raised", "valuation",
                  "production_capacity", "orbit_altitude", "contract_value", "launch_mass", "bandwidth",
                  "employees", "production_target"]  # fmt: skip
MULTI = {"launch", "announced", "signed", "published", "satellites_launched", "funding_raised", "contract_signed",
         "contract_value", "customer"}  # fmt: skip
TEMPORAL = {"planned_size", "satellites_in_orbit", "valuation", "production_capacity", "bandwidth", "employees"}
CITIES = ["Beijing", "Shanghai", "Xi'an", "Wuhan", "Changchun", "Jiuquan", "Wenchang", "Taiyuan", "Hefei", "Chengdu"]


def s(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))).title() for _ in range(2))


def date_value(rng: random.Random) -> tuple[str, str]:
    y, m, d = rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28)
    fields = {"y": y, "m": m, "d": d, "q": (m - 1) // 3 + 1, "month": MONTHS[m - 1], "mon": MONTHS[m - 1][:3],
              "dec": y // 10 * 10}  # fmt: skip
    value, phrase = rng.choice(DATES)
    return value.format(**fields), phrase.format(**fields)


def quantity_value(rng: random.Random) -> tuple[str | int, str]:
    n = rng.choice([18, 72, 500, 648, 1000, 1296, 13000, 14000, 2500, 60]) * rng.choice([1, 1, 2, 10])
    value, phrase = rng.choice(QUANTITIES)
    fields = {"n": n, "n2": n + n // 5 + 1}
    text = value.format(**fields)
    return (n if value == "{n}" else text), phrase.format(**fields)


def generate(n: int, seed: int = 2025, texts: bool = True) -> tuple[str, dict[str, str]]:
    """The fact file text for n claims, and {file name: text} of the sources' local copies."""
    rng = random.Random(seed)
    n_sources = min(800, max(100, n // 160))
    n_entities = max(2000, n // 25)
    out: list[str] = [
        "# Generated by benchmarks/generate.py: synthetic data, not facts.",
        "[settings]",
        'ignore = ["SF207"]',
        "quote_threshold = 90",
        "",
    ]
    sources = [f"src-{i:04d}" for i in range(n_sources)]
    for i, sid in enumerate(sources):
        y, m = rng.randint(2015, 2025), rng.randint(1, 12)
        out += [
            f"[sources.{sid}]",
            f"title = {s(f'Report {i} on the commercial space sector')}",
            f"publisher = {s(rng.choice(['Caixin Global', 'SpaceNews', 'Xinhua', 'Ifri', 'CGTN', 'SCMP']))}",
            f'published = "{y}-{m:02d}"',
            f'url = "https://example.org/{sid}"',
            f'kind = "{rng.choice(SOURCE_KINDS)}"',
            f"trust = {rng.choice([0.4, 0.5, 0.6, 0.7, 0.8, 0.9])}",
            *([f'text = "texts/{sid}.txt"'] if texts else []),
            "",
        ]
    entities = [f"ent-{i:05d}" for i in range(n_entities)]
    names: dict[str, str] = {}
    for i, eid in enumerate(entities):
        names[eid] = f"{name(rng)} {i}"
        aliases = [f"{names[eid].split()[0]} {k} {i}" for k in range(rng.choice([0, 0, 1, 2, 3]))]
        out += [f"[entities.{eid}]", f"name = {s(names[eid])}", f'kind = "{rng.choice(KINDS)}"']
        if aliases:
            out.append(f"aliases = [{', '.join(s(a) for a in aliases)}]")
        if i and rng.random() < 0.3:
            out.append(f'operator = "{entities[rng.randrange(i)]}"')
        out.append("")
    for pid, body in DECLARED.items():
        out += [f"[properties.{pid}]", *body, ""]

    quotes: dict[str, list[str]] = {sid: [] for sid in sources}
    for i in range(n):
        subject = rng.choice(entities)
        kind = rng.random()
        prop = rng.choice(DATE_PROPS if kind < 0.45 else QUANTITY_PROPS if kind < 0.85 else
                          ["headquarters", "location", "operator", "customer", "partners"])
        extra: list[str] = []
        subj = names[subject]
        if prop in DATE_PROPS:
            value, phrase = date_value(rng)
            quote = f"{subj} {prop.replace('_', ' ')} {phrase}, according to officials"
            value_toml = s(value)
        elif prop in QUANTITY_PROPS:
            value, phrase = quantity_value(rng)
            quote = f"{subj} reported {phrase} for {prop.replace('_', ' ')}"
            value_toml = str(value) if isinstance(value, int) else s(value)
            if prop in TEMPORAL:
                extra.append(f'as_of = "{rng.randint(2016, 2025)}"')
        elif prop in ("headquarters", "location"):
            city = rng.choice(CITIES)
            quote, value_toml = f"{subj} is based in {city}", s(city)
        elif prop == "partners":
            members = rng.sample(entities, 2)
            quote = f"{subj} works with {names[members[0]]} and {names[members[1]]}"
            value_toml = f"[{s(members[0])}, {s(members[1])}]"
        else:
            other = rng.choice(entities)
            quote, value_toml = f"{subj} is served by {names[other]}", s(other)
        if prop in MULTI:
            extra.append(f'key = "k{i}"')
        source = rng.choice(sources)
        quotes[source].append(quote)
        r = rng.random()
        if r < 0.05:
            extra.append("hedged = true")
        elif r < 0.08:
            extra.append('rank = "deprecated"')
        elif r < 0.10:
            extra.append('accepted = [{ code = "SF204", reason = "long quote kept whole" }]')
        if rng.random() < 0.1:
            extra.append(f"note = {s('Checked against the annual report; see also the press release.')}")
        out += [
            "[[claims]]",
            f'id = "c{i:06d}"',
            f'subject = "{subject}"',
            f'property = "{prop}"',
            f"value = {value_toml}",
            f'source = "{source}"',
            f"quote = {s(quote)}",
            *extra,
            "",
        ]
    docs = {f"{sid}.txt": "\n\n".join(f"Paragraph {k}. {q}." for k, q in enumerate(qs)) + "\n"
            for sid, qs in quotes.items()} if texts else {}  # fmt: skip
    return "\n".join(out), docs


def write(n: int, path: Path, seed: int = 2025, texts: bool = True) -> Path:
    """Write the fact file (and its texts/ folder beside it); return the fact file's path."""
    text, docs = generate(n, seed, texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if docs:
        folder = path.parent / "texts"
        folder.mkdir(exist_ok=True)
        for fname, body in docs.items():
            (folder / fname).write_text(body, encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of claims")
    ap.add_argument("out", type=Path, help="fact file to write")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--no-texts", action="store_true", help="no local source texts")
    args = ap.parse_args()
    path = write(args.n, args.out, args.seed, not args.no_texts)
    print(f"{path}: {args.n} claims, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
