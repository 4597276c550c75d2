"""The parse cache, as ruff keeps one: what loading a fact file built, so that a file whose bytes have not
changed is not parsed and built again (includes.py decides what to ask for and when).

Where: `.spacefacts_cache/` beside the fact file named on the command line, or $SPACEFACTS_CACHE_DIR.
The folder is created with a `.gitignore` of `*` (and a CACHEDIR.TAG), so git and backup tools skip it.
One entry per fact file (named by a hash of its real and its written path), holding

    the first step  (settings, sources, entities, properties, properties without a type, findings),
                    valid while the file's bytes are the same;
    the second step (claims, findings, entities whose links were resolved), valid while the file's bytes
                    AND the declarations of every file of the fact base it was read against are the same.

An entry is used only when its header says: this format, this tool version and the same shape of the
records (their field names), this path, these bytes (SHA-256 of the text), and the payload's own SHA-256
matches. Anything else (another version, other bytes, a truncated or corrupt file, an unreadable folder)
is ignored and the file is loaded from its text; the entry is then rewritten. The cache never changes a
finding: a test compares cold, warm and --no-cache runs.

The format is `marshal` of plain tuples, strings and numbers, never pickle: unmarshalling cannot run code
(pickle can, and a cache folder may come from anywhere, say a repository someone else wrote), and the
records are rebuilt only from an explicit list of our own classes. marshal is also several times faster
to read than JSON. An entry that does not decode to exactly those records is ignored like a corrupt one.

Writes are atomic (a temporary file in the folder, renamed over the entry); a folder that cannot be
created or written leaves the run quietly uncached. Files smaller than MIN_BYTES are not cached: they
parse in milliseconds, about what reading an entry costs.

Pure core: no typer, no rich, no printing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import marshal
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacefacts import __version__
from spacefacts.dates import DateValue
from spacefacts.diagnostics import Data, Diagnostic
from spacefacts.gcpause import paused_gc
from spacefacts.model import Accepted, Claim, Entity, Location, Property, Settings, Source
from spacefacts.quantities import Quantity
from spacefacts.rules import Severity

FOLDER = ".spacefacts_cache"
ENV = "SPACEFACTS_CACHE_DIR"
MIN_BYTES = 256 * 1024  # smaller fact files are parsed each time (see the module doc)
MAGIC = b"SPACEFACTS-CACHE-1\n"

# the classes an entry may hold, by tag (a tuple (tag, *fields) in the marshalled data)
_RECORDS: tuple[type, ...] = (Claim, Location, Accepted, Source, Entity, Property, Settings, DateValue, Quantity,
                              Diagnostic)  # fmt: skip
_TUPLE, _LIST, _DICT, _DATE, _DATETIME, _TIME, _SEVERITY, _CLAIMS, _FIRST_RECORD = range(9)
_PLAIN, _LOCATIONS, _EACH = range(3)  # how a column of claims is stored


def _fields(cls: type) -> tuple[str, ...]:
    """The fields a record is rebuilt from (its constructor's positional arguments, in order)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return cls._fields  # a named tuple


_FIELDS = {cls: _fields(cls) for cls in _RECORDS}
_TAGS = {cls: _FIRST_RECORD + n for n, cls in enumerate(_RECORDS)}
_CLASSES = {tag: cls for cls, tag in _TAGS.items()}
_SCALARS = frozenset((str, int, float, bool, type(None)))
# the tool version and the shape of every record: an entry written by another version, or by this one
# before a field was added, is not read
VERSION = hashlib.sha256(repr((__version__, [(c.__name__, _FIELDS[c]) for c in _RECORDS],
                               [s.name for s in Severity])).encode()).hexdigest()  # fmt: skip


class _Unsupported(Exception):
    """A value the cache format does not hold: the file is simply not cached."""


def encode(obj: object, memo: dict[int, object] | None = None) -> object:
    """`obj` as plain tuples, strings and numbers (marshal-able); shared records stay shared."""
    return _Encoder(memo if memo is not None else {}).encode(obj)


class _Encoder:
    def __init__(self, memo: dict[int, object]) -> None:
        self.memo = memo
        self.keep: list[object] = []  # the objects memoised by id, kept alive while the memo is

    def encode(self, o: object) -> object:
        t = type(o)
        if t in _SCALARS:
            return o
        done = self.memo.get(id(o))
        if done is not None:
            return done
        enc = self.encode
        if t is tuple and o and type(o[0]) is Claim and all(type(c) is Claim for c in o):  # type: ignore[index]
            out: object = (_CLAIMS, *[self.column(col) for col in zip(*o)])  # type: ignore[call-overload]
        elif t is tuple:
            out = (_TUPLE, *[enc(x) for x in o])  # type: ignore[attr-defined]
        elif t is list:
            out = (_LIST, *[enc(x) for x in o])  # type: ignore[attr-defined]
        elif t is dict or t is Data:  # (a finding's packed data is stored as its dict)
            out = (_DICT, tuple(enc(k) for k in o), tuple(enc(v) for v in o.values()))  # type: ignore[attr-defined]
        elif t is dt.date:
            out = (_DATE, o.toordinal())  # type: ignore[attr-defined]
        elif t is dt.datetime:
            out = (_DATETIME, o.isoformat())  # type: ignore[attr-defined]
        elif t is dt.time:
            out = (_TIME, o.isoformat())  # type: ignore[attr-defined]
        elif t is Severity:
            out = (_SEVERITY, o.value)  # type: ignore[attr-defined]
        elif t in _TAGS:
            out = (_TAGS[t], *[enc(getattr(o, f)) for f in _FIELDS[t]])
        else:
            raise _Unsupported(t.__name__)
        self.memo[id(o)] = out
        self.keep.append(o)
        return out

    def column(self, values: tuple) -> tuple:
        """One field of many claims: as it is when plain, the parts of Locations, else each distinct value
        encoded once (a pool) and an index into it per claim."""
        types = set(map(type, values))
        if types <= _SCALARS:
            return (_PLAIN, values)
        if types == {Location}:
            return (_LOCATIONS, *zip(*values))
        pool: dict[int, int] = {}  # id of each distinct object -> its index in the pool
        index = tuple(pool.setdefault(id(v), len(pool)) for v in values)
        firsts = {i: v for v, i in zip(values, index)}  # the first object of each index (ids of live objects)
        return (_EACH, tuple(self.encode(firsts[i]) for i in range(len(pool))), index)


def decode(data: object) -> object:
    """The objects `encode` made plain; raises ValueError (or TypeError) on anything else."""
    memo: dict[int, object] = {}

    def dec(x: object) -> object:
        t = type(x)
        if t is not tuple:
            if t in _SCALARS:
                return x
            raise ValueError(f"unexpected {t.__name__} in a cache entry")
        done = memo.get(id(x))
        if done is not None:
            return done
        tag = x[0]  # type: ignore[index]
        rest = x[1:]  # type: ignore[index]
        if tag == _CLAIMS:
            if len(rest) != len(_FIELDS[Claim]):
                raise ValueError("claims of another shape")
            out: object = tuple(map(Claim, *map(column, rest)))
        elif tag == _TUPLE:
            out = tuple([dec(v) for v in rest])
        elif tag == _LIST:
            out = [dec(v) for v in rest]
        elif tag == _DICT:
            keys, values = rest
            out = dict(zip([dec(k) for k in keys], [dec(v) for v in values], strict=True))
        elif tag == _DATE:
            out = dt.date.fromordinal(*rest)
        elif tag == _DATETIME:
            out = dt.datetime.fromisoformat(*rest)
        elif tag == _TIME:
            out = dt.time.fromisoformat(*rest)
        elif tag == _SEVERITY:
            out = Severity(*rest)
        else:
            cls = _CLASSES[tag]  # KeyError: not one of ours
            fields = _FIELDS[cls]
            if len(rest) != len(fields):
                raise ValueError("a record of another shape")
            out = cls(*[dec(v) for v in rest])
        memo[id(x)] = out
        return out

    def column(x: tuple) -> Iterable:
        how, *parts = x
        if how == _PLAIN:
            (values,) = parts
            if not set(map(type, values)) <= _SCALARS:
                raise ValueError("a column that is not plain")
            return values
        if how == _LOCATIONS:
            files, lines, columns = parts
            return map(Location, files, lines, columns)
        if how == _EACH:
            pool, index = parts
            return map([dec(v) for v in pool].__getitem__, index)
        raise ValueError(f"a column stored as {how!r}")

    try:
        return dec(data)
    except (KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"not a cache entry: {exc}") from None


def folder_for(fact_file: str) -> Path:
    """The cache folder of a run on `fact_file`: $SPACEFACTS_CACHE_DIR, else `.spacefacts_cache` beside it."""
    env = os.environ.get(ENV)
    return Path(env) if env else Path(fact_file).resolve().parent / FOLDER


class Store:
    """The entries of one cache folder. Never raises: what cannot be read is a miss, what cannot be
    written is not written."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ready: bool | None = None  # whether the folder exists with its .gitignore (None: not tried)

    @staticmethod
    def digest(text: str) -> str:
        """The key of a file's content: SHA-256 of its text (its bytes, less a byte-order mark)."""
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _entry(self, path: str) -> Path:
        name = hashlib.sha256(f"{os.path.realpath(path)}\0{path}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{name[:40]}.bin"

    def _header(self, path: str, digest: str) -> bytes:
        return MAGIC + "\n".join((VERSION, digest, path)).encode("utf-8", "surrogatepass") + b"\n"

    def get(self, path: str, digest: str) -> Any:
        """The value stored for `path` with content `digest` by this tool version, or None."""
        try:
            data = self._entry(path).read_bytes()
        except (OSError, ValueError):
            return None
        header = self._header(path, digest)
        if not data.startswith(header) or len(data) < len(header) + 32:
            return None
        check, payload = data[len(header):len(header) + 32], data[len(header) + 32:]
        if hashlib.sha256(payload).digest() != check:
            return None
        try:
            with paused_gc():
                return decode(marshal.loads(payload))
        except (ValueError, EOFError, TypeError):
            return None

    def put(self, path: str, digest: str, value: object) -> bool:
        """Store `value` for `path` with content `digest` (atomically); False when it could not be."""
        try:
            with paused_gc():
                payload = marshal.dumps(encode(value), 4)
        except (_Unsupported, ValueError, RecursionError):
            return False
        return self._write(self._entry(path), self._header(path, digest) + hashlib.sha256(payload).digest() + payload)

    def _prepare(self) -> bool:
        if self.ready is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                for name, text in ((".gitignore", "# Automatically created by spacefacts.\n*\n"),
                                   ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                    "# This file is a cache directory tag created by spacefacts.\n")):
                    if not (self.folder / name).exists() and not self._write(self.folder / name, text.encode()):
                        raise OSError
                self.ready = True
            except OSError:
                self.ready = False
        return self.ready

    def _write(self, target: Path, data: bytes) -> bool:
        """Write `data` to a temporary file in the folder and rename it over `target` (atomic)."""
        if target.parent == self.folder and target.suffix == ".bin" and not self._prepare():
            return False
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
            return True
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass
            return False
