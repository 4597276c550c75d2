"""Fact bases that span files: `[settings] include = ["catalogue/*.toml"]`, loaded as one fact base,
each file through the parse cache (cache.py).

    discover  the fact file, then the files its include globs match (relative to the including file,
              sorted), then theirs, breadth first; each file's first loading step (loader.TwoSteps:
              settings, sources, entities, properties) comes from its text or from the cache
    merge     the declarations of every file into one set (ids unique across files: a second
              declaration is SF107 and the first is kept); settings likewise, one file per setting
    claims    each file's claims read against the merged declarations (from the cache when the file's
              bytes and the merged declarations are those it was cached with); a claim id used in two
              files is SF107

Every record keeps the Location of its own file, so a finding points into the file that says it.
An include that matches nothing, leaves the fact file's folder tree, names its own file or makes a
cycle is SF115 and is not read. A fact file alone goes through the same steps and gets exactly the
findings loader.load_text gives.

Pure core: no typer, no rich, no printing.
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from spacefacts.builtin import BUILTIN_PROPERTIES
from spacefacts.cache import Store, folder_for
from spacefacts.diagnostics import Diagnostic, diagnostic
from spacefacts.errors import SpacefactsError
from spacefacts.gcpause import paused_gc, trim
from spacefacts.model import Claim, Entity, FactBase, Location, Property, Settings, Source
from spacefacts.units import EMPTY, Units


class _Part:
    """One file of the fact base: its first step (from its text or the cache), later its claims."""

    def __init__(self, path: str, tree: str, includer: _Part | None) -> None:
        self.path, self.tree, self.includer = path, tree, includer
        self.real = os.path.realpath(path)
        self.text = ""  # dropped once it is parsed, or while the cache entry is read
        self.given = False  # whether the text was given (an edit not yet written), not read from the file
        self.digest: str | None = None
        self.steps = None  # loader.TwoSteps, when loaded from the text
        self.entry: tuple | None = None  # the cache entry: (first step, declarations' fingerprint, second step)
        self.settings = Settings()
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.properties: dict[str, Property] = {}
        self.bad_types: frozenset[str] = frozenset()
        self.units = EMPTY  # the file's [units] table
        self.diags: list[Diagnostic] = []
        self.key: str | None = None  # what its claims were built from (its bytes, the declarations): load's `keys`

    def first(self, store: Store | None, text: str | None = None) -> None:
        """Read the file (unless its `text` is given) and take the first step (or find it in the cache)."""
        from spacefacts import cache

        self.given = text is not None
        self.text = self._read() if text is None else text
        if store is not None and len(self.text) >= cache.MIN_BYTES:
            self.digest = store.digest(self.text)
            if store.has(self.path, self.digest):  # (else a miss: the text read is loaded, not read again)
                if not self.given:  # not kept while the entry is read (208 MB at 1M claims); read again if unusable
                    self.text = ""
                entry = store.get(self.path, self.digest)
                if _valid(entry):
                    self.entry = entry
                    (self.settings, self.sources, self.entities, self.properties, bad, units, self.diags), _, _ = entry
                    self.bad_types, self.units = frozenset(bad), Units(*units)
                    return
                if not self.text:
                    self.text = self._read()
                    self.digest = store.digest(self.text)  # of the text loaded (the file may have changed since)
        self._start()

    def _read(self) -> str:
        from spacefacts.files import read_text

        return read_text(self.path)

    def _start(self) -> None:
        from spacefacts.loader import TwoSteps

        self.steps = TwoSteps(self.text, self.path)
        self.settings, self.sources, self.entities, self.properties = self.steps.declared
        self.bad_types, self.diags, self.units = self.steps.bad_types, self.steps.diags, self.steps.units

    def claims(self, sources: dict, entities: dict, properties: dict, bad_types: frozenset[str], units: Units,
               fingerprint, store: Store | None):  # fmt: skip
        """(claims, findings) of the second step; `entities` gets this file's entities with resolved links."""
        if self.digest is not None:
            self.key = f"{self.digest}:{fingerprint()}"
        if self.entry is not None and self.entry[1] == fingerprint():
            claims, diags, resolved = self.entry[2]
            entities.update(resolved)
            return claims, diags
        if self.steps is None:  # its first step came from the cache, read against other declarations
            if not self.text:
                self.text = self._read()
                if store is not None and store.digest(self.text) != self.digest:
                    raise SpacefactsError(f"{self.path} changed while it was being read; run again")
            self._start()
        before = {eid: entities.get(eid) for eid in self.entities}
        claims, diags = self.steps.claims(sources, entities, properties, bad_types, units)
        self.steps = None  # the text, its parse and its positions: not kept while the entry is written
        self.text = ""
        if store is not None and self.digest is not None:
            resolved = {eid: entities[eid] for eid, e in before.items() if entities.get(eid) is not e}
            first = (self.settings, self.sources, self.entities, self.properties, tuple(sorted(self.bad_types)),
                     (self.units.roots, self.units.written, self.units.declared), self.diags)  # fmt: skip
            store.put(self.path, self.digest, (first, fingerprint(), (claims, diags, resolved)))
        return claims, diags


def _valid(entry: object) -> bool:
    """Whether a decoded cache entry has the shape _Part stores (anything else counts as a miss)."""
    try:
        (settings, sources, entities, properties, bad, units, diags), fp, (claims, diags2, resolved) = entry  # type: ignore[misc]
    except (TypeError, ValueError):
        return False
    return (type(settings) is Settings and all(type(t) is dict for t in (sources, entities, properties, resolved, *units))
            and len(units) == 3
            and type(bad) is tuple and type(diags) is list and type(diags2) is list and type(claims) is tuple
            and type(fp) is str)  # fmt: skip


def load(paths: Sequence[str], use_cache: bool = True, text: str | None = None,
         keys: dict[str, str] | None = None) -> tuple[FactBase, list[Diagnostic], tuple[str, ...]]:
    """Load the fact file `paths[0]` with every file it includes, and (loaded together, as --together
    asks) the other `paths` with theirs: the fact base, the loader's findings and the files read.
    `text`, when given, is the first file's text (an edit not yet written: edit.py). `keys`, when
    given, gets for each file that the parse cache keeps what its claims were built from (its bytes
    and the declarations they were read against, as the cache keys them): resultcache.py's key.

    Raises SpacefactsError only when a file cannot be read or parsed (as loader.load_text), or changed on
    disk between the two loading steps."""
    store = Store(folder_for(paths[0])) if use_cache else None
    with paused_gc():
        parts, found = _discover(paths, store, text)
        base, merged = _merge(parts, store)
    trim()  # the text, the parser's output and the cache entry's bytes: their heap pages back before the checks
    diags = [d for part in parts for d in part.diags] + found + merged
    if keys is not None:
        keys.update((part.path, part.key) for part in parts if part.key is not None)
    return base, diags, tuple(part.path for part in parts)


def _discover(paths: Sequence[str], store: Store | None, text: str | None) -> tuple[list[_Part], list[Diagnostic]]:
    parts: list[_Part] = []
    found: list[Diagnostic] = []
    queued: set[str] = set()
    queue = [_Part(p, os.path.dirname(os.path.realpath(p)), None) for p in paths]
    queued.update(part.real for part in queue)
    while queue:
        part = queue.pop(0)
        part.first(store, text if not parts else None)
        parts.append(part)
        for pattern in part.settings.include:
            problem, matches = _matches(part, pattern)
            for match in matches:
                real = os.path.realpath(match)
                if not Path(real).is_relative_to(part.tree):
                    problem = f"'{match}' is outside the fact file's folder tree"
                elif real == part.real:
                    problem = f"'{match}' is this file"
                elif real in _chain(part):
                    cycle = " -> ".join([*reversed([p.path for p in _upto(part, real)]), match])
                    problem = f"'{match}' includes this file again ({cycle})"
                elif real not in queued:
                    queued.add(real)
                    queue.append(_Part(match, part.tree, part))
                    continue
                else:
                    continue  # included by another file too: read once
                found.append(_include_problem(part, pattern, problem))
            if not matches:
                found.append(_include_problem(part, pattern, problem))
    return parts, found


def _matches(part: _Part, pattern: str) -> tuple[str, list[str]]:
    """(why nothing matched, the files `pattern` matches relative to the including file, sorted)."""
    if os.path.isabs(pattern) or pattern.startswith("~"):
        return "an include is relative to the fact file, and this one is not", []
    found = glob.glob(os.path.join(os.path.dirname(part.path), pattern), recursive=True)
    files = sorted({os.path.normpath(f) for f in found if os.path.isfile(f)})
    return "it matches no file", files


def _chain(part: _Part | None) -> set[str]:
    out = set()
    while part is not None:
        out.add(part.real)
        part = part.includer
    return out


def _upto(part: _Part, real: str) -> list[_Part]:
    """The includers from `part` up to the file `real`."""
    out = [part]
    while out[-1].real != real and out[-1].includer is not None:
        out.append(out[-1].includer)
    return out


def _include_problem(part: _Part, pattern: str, why: str) -> Diagnostic:
    at = part.settings.location or Location(part.path, 1)
    return diagnostic("SF115", f"include '{pattern}' of {part.path}: {why}; not read", at)


_SETTINGS = tuple(f.name for f in dataclasses.fields(Settings) if f.name not in ("location", "include"))
_DEFAULTS = Settings()


def _merge(parts: list[_Part], store: Store | None) -> tuple[FactBase, list[Diagnostic]]:
    """One fact base from the parts (see the module doc), with the findings of merging them."""
    root = parts[0]
    found: list[Diagnostic] = []
    if len(parts) == 1:  # exactly what load_text builds
        settings, sources, entities, properties, units = (root.settings, root.sources, root.entities, root.properties,
                                                          root.units)  # fmt: skip
    else:
        settings, units = _settings(parts, found), _units(parts, found)
        sources, entities = {}, {}
        properties = dict(BUILTIN_PROPERTIES)
        for part in parts:
            _declare("source", sources, {k: _relative_text(s, part, root) for k, s in part.sources.items()}, found)
            _declare("entity", entities, part.entities, found)
            _declare("property", properties, {k: p for k, p in part.properties.items() if not p.builtin}, found)
    bad_types = frozenset().union(*(part.bad_types for part in parts))
    memo: list[str] = []

    def fingerprint() -> str:  # of what a file's claims are read against, before any is read
        if not memo:
            text = repr((sources, entities, properties, sorted(bad_types), units))  # records and dates repr all their fields
            memo.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        return memo[0]

    if store is not None and any(part.digest for part in parts):
        fingerprint()

    claims = []
    first: dict[str, Claim] = {}
    for part in parts:
        mine, diags = part.claims(sources, entities, properties, bad_types, units, fingerprint, store)
        part.diags = [*part.diags, *diags]
        claims.extend(mine)
        if len(parts) > 1:
            _claim_ids(mine, first, found)
    return FactBase(root.path, sources, entities, properties, tuple(claims), settings, units), found


def _claim_ids(claims: tuple, first: dict[str, Claim], found: list[Diagnostic]) -> None:
    """SF107 for each claim whose id a claim of an earlier file has (a file's own repeats are the loader's);
    then this file's ids join `first` (id -> its first claim: not its location, which most claims make
    when it is read, model.Claim.location)."""
    ids = {claim.id for claim in claims}
    for claim in claims if not ids.isdisjoint(first) else ():
        earlier = first.get(claim.id)
        if earlier is not None:
            at = earlier.location
            found.append(diagnostic(
                "SF107", f"claim id '{claim.id}' is used in two files (first at {at})", claim.location,
                (claim.id,), related=(at,)))  # fmt: skip
    for claim in claims:
        first.setdefault(claim.id, claim)


def _declare(kind: str, table: dict, mine: dict, found: list[Diagnostic]) -> None:
    """Add one file's declarations of `kind` to `table`; an id declared already is SF107 (the first kept)."""
    for rid, record in mine.items():
        first = table.get(rid)
        if first is not None and not getattr(first, "builtin", False):
            found.append(diagnostic(
                "SF107", f"{kind} '{rid}' is declared in two files (first at {first.location})", record.location,
                (rid,), related=(first.location,)))  # fmt: skip
        else:
            table[rid] = record


def _relative_text(source: Source, part: _Part, root: _Part) -> Source:
    """A source's `text` (relative to its own file) made relative to the root fact file, as the evidence rules read it."""
    text = _relative(source.text, part, root)
    return source if text == source.text else dataclasses.replace(source, text=text)


def _relative(path: str | None, part: _Part, root: _Part) -> str | None:
    """`path`, written relative to `part`'s file, relative to the root fact file's folder instead."""
    if not path or os.path.isabs(path) or os.path.dirname(part.real) == os.path.dirname(root.real):
        return path
    full = os.path.join(os.path.dirname(part.real), path)
    return Path(os.path.relpath(full, os.path.dirname(root.real))).as_posix()


def _units(parts: list[_Part], found: list[Diagnostic]) -> Units:
    """The [units] table of the one file that has one (a second file with one is SF107; the first is kept)."""
    declaring = [part for part in parts if part.units.declared]
    for part in declaring[1:]:
        found.append(diagnostic("SF107", f"[units] is given in two files (first in {declaring[0].path})",
                                Location(part.path, 1)))
    return declaring[0].units if declaring else EMPTY


def _settings(parts: list[_Part], found: list[Diagnostic]) -> Settings:
    """The settings of all files: each setting from the one file that gives it (a second file is SF107)."""
    given: dict[str, tuple[object, Location | None]] = {}
    for part in parts:
        s = part.settings
        for name in _SETTINGS:
            value = getattr(s, name)
            if value == getattr(_DEFAULTS, name):
                continue
            if name == "texts":  # written relative to its own file
                value = _relative(value, part, parts[0])
            if name in given:
                found.append(diagnostic(
                    "SF107", f"setting '{name}' is given in two files (first at {given[name][1]})",
                    s.location or Location(part.path, 1), related=tuple(x for x in (given[name][1],) if x)))
            else:
                given[name] = (value, s.location)
    location = next((p.settings.location for p in parts if p.settings.location), None)
    return Settings(location=location, **{name: value for name, (value, _) in given.items()})
