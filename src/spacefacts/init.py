"""`spacefacts init`: the starter fact file, a commented example of each table.

Pure core: the template and a function that writes it, refusing to overwrite.
"""

from __future__ import annotations

import os

from spacefacts.errors import SpacefactsError

STARTER = '''#:schema ./docs/facts.schema.json
# A spacefacts fact file: dated claims, each tied to the source that makes it.
# The format: docs/format.md. Add records with `spacefacts add source|entity|claim`
# (linted before they are written); check the file with `spacefacts check`.

# Repository-wide defaults for lint and check (command-line options win).
[settings]
select = []                 # rule codes or prefixes to run (empty: every rule)
ignore = []                 # rule codes or prefixes to skip
quote_threshold = 90        # 0-100: fuzzy quote match needed
duplicate_threshold = 90    # 0-100: entity-name similarity reported as a possible duplicate
hedged_weight = 0.5         # 0-1: weight of a hedged claim in conflicts and trust
# texts = "texts"           # folder with the source documents, by file name

# One document: who published it, when, how far to trust it.
# [sources.caixin-2025]
# title = "Cover Story: Is China's Commercial Space Sector Ready to Blast Off?"
# publisher = "Caixin Global"
# published = "2025-02-24"
# url = "https://www.caixinglobal.com/"
# kind = "news"
# trust = 0.7
# text = "caixin-2025.txt"

# A company, constellation, programme, mission, vehicle, agency, person, place, ...
# [entities.spacesail]
# name = "Shanghai Spacesail Technologies"
# kind = "company"
# aliases = ["Spacesail", "Yuanxin"]

# A kind of fact beyond the built-in ones (`spacefacts rules` lists the checks on them).
# [properties.satellites_target]
# type = "quantity"
# label = "satellites targeted"
# unit = "satellites"
# plan = true
# multi = true

# Units a value may be written in besides its property's: another name, or an amount of another
# unit (kg = "0.001 t" where a property is in t); never one currency in another.
# [units]
# sats = "satellites"

# One statement one source makes.
# [[claims]]
# id = "caixin-2025-spacesail-satellites-launched-batch-4"
# subject = "spacesail"
# property = "satellites_launched"
# value = 18
# when = "2025-01-23"
# key = "batch-4"
# source = "caixin-2025"
# quote = "launched 18 satellites into low Earth orbit"
'''


def init(folder: str = ".") -> str:
    """Write the starter facts.toml into `folder` (created if missing) and return its path;
    SpacefactsError when a facts.toml is there already (it is never overwritten)."""
    from spacefacts.files import write_atomic

    path = os.path.join(folder, "facts.toml")
    if os.path.lexists(path):
        raise SpacefactsError("a fact file is already there; it is never overwritten", path)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise SpacefactsError(f"cannot create the folder: {exc.strerror or exc}", folder) from None
    write_atomic(path, STARTER)
    return path
