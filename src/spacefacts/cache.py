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

An entry is its header, the SHA-256 of the rest, and pieces, each a length (8 bytes) and marshal bytes:
one piece per field of the claims (their values, or indexes into a pool of the distinct values), then
the rest of the entry, pools included, as the last piece. Written and read a piece at a time, an entry
is never held whole, nor its plain tuples all at once beside the records (a million claims' entry is
160 MB of bytes and as much again of tuples).

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
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO

from spacefacts import __version__
from spacefacts.dates import DateValue
from spacefacts.diagnostics import Data, Diagnostic
from spacefacts.gcpause import paused_gc
from spacefacts.model import CLAIM_CLASSES, Accepted, Claim, Entity, Location, Property, Settings, Source
from spacefacts.quantities import Quantity
from spacefacts.rules import Severity

FOLDER = ".spacefacts_cache"
ENV = "SPACEFACTS_CACHE_DIR"
MIN_BYTES = 256 * 1024  # smaller fact files are parsed each time (see the module doc)
MAGIC = b"SPACEFACTS-CACHE-2\n"

# the classes an entry may hold, by tag (a tuple (tag, *fields) in the marshalled data)
_RECORDS: tuple[type, ...] = (Claim, Location, Accepted, Source, Entity, Property, Settings, DateValue, Quantity,
                              Diagnostic)  # fmt: skip
_TUPLE, _LIST, _DICT, _DATE, _DATETIME, _TIME, _SEVERITY, _CLAIMS, _CLAIMS_APART, _FIRST_RECORD = range(10)
_PLAIN, _LOCATIONS, _EACH = range(3)  # how a column of claims is stored
_SIZE = 8  # bytes of a piece's length
_CHUNK = 1 << 20  # characters or bytes hashed at a time


def _fields(cls: type) -> tuple[str, ...]:
    """The fields a record is rebuilt from (its constructor's positional arguments, in order)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return cls._fields  # a named tuple


_FIELDS = {cls: _fields(cls) for cls in _RECORDS}
_TAGS = {cls: _FIRST_RECORD + n for n, cls in enumerate(_RECORDS)}
_CLASSES = {tag: cls for cls, tag in _TAGS.items()}
_SCALARS = frozenset((str, int, float, bool, type(None)))
_CLAIM_CLASSES = frozenset(CLAIM_CLASSES)
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
    """`apart`: a function that takes a piece of marshal bytes and returns its number; when given, each
    field of a tuple of claims goes to it as a piece of its own (see the module doc), not into the tree."""

    def __init__(self, memo: dict[int, object], apart: Callable[[bytes], int] | None = None) -> None:
        self.memo = memo
        self.keep: list[object] = []  # the objects memoised by id, kept alive while the memo is
        self.apart = apart

    def encode(self, o: object) -> object:
        t = type(o)
        if t in _SCALARS:
            return o
        done = self.memo.get(id(o))
        if done is not None:
            return done
        enc = self.encode
        if t is tuple and o and all(type(c) in _CLAIM_CLASSES for c in o):  # type: ignore[attr-defined]
            out: object = self.claims(o)  # type: ignore[arg-type]
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
        elif t in _CLAIM_CLASSES:  # a claim on its own, in its shorter form
            out = (_TAGS[Claim], *[enc(getattr(o, f)) for f in _FIELDS[Claim]])
        else:
            raise _Unsupported(t.__name__)
        self.memo[id(o)] = out
        self.keep.append(o)
        return out

    def claims(self, claims: tuple[Claim, ...]) -> tuple:
        """A tuple of claims, a column per field: in the tree, or each column a piece of its own with its
        pool (if any) in the tree, one column alive at a time."""
        columns = (self.locations(claims) if name == "location" else self.column(tuple(map(attrgetter(name), claims)))
                   for name in _FIELDS[Claim])  # (by name: see model.Claim)
        if self.apart is None:
            return (_CLAIMS, *columns)
        pieces, pools = [], []
        for how, *parts in columns:
            pool = parts.pop(0) if how == _EACH else None  # (the pool's records may be shared with the tree's)
            pieces.append(self.apart(marshal.dumps((how, *parts), 4)))
            pools.append(pool)
        return (_CLAIMS_APART, tuple(pieces), tuple(pools))

    def locations(self, claims: tuple[Claim, ...]) -> tuple:
        """The claims' locations as a column: their parts, each Location read and dropped one at a time
        (most claims make theirs when it is read: model.Claim.location), not a tuple of them all."""
        files, lines, columns = [], [], []
        for at in map(attrgetter("location"), claims):
            if type(at) is not Location:  # (not from a fact file)
                return self.column(tuple(map(attrgetter("location"), claims)))
            files.append(at[0])
            lines.append(at[1])
            columns.append(at[2])
        return (_LOCATIONS, tuple(files), tuple(lines), tuple(columns))

    def column(self, values: tuple) -> tuple:
        """One field of many claims: as it is when plain, the parts of Locations, else each distinct value
        encoded once (a pool) and an index into it per claim."""
        types = set(map(type, values))
        if types <= _SCALARS:
            return (_PLAIN, values)
        if types == {Location}:
            return (_LOCATIONS, *zip(*values))
        # each distinct object once, in the order of its first claim (by id: the objects are alive), and its
        # number in that order; built by maps in C, not a Python step per claim
        objects = dict(zip(map(id, values), values))
        number = {key: n for n, key in enumerate(objects)}
        index = tuple(map(number.__getitem__, map(id, values)))
        return (_EACH, tuple(map(self.encode, objects.values())), index)


def decode(data: object, pieces: Sequence[object] = ()) -> object:
    """The objects `encode` made plain (with the claims' columns `pieces`, when written apart); raises
    ValueError (or TypeError) on anything else."""
    try:
        return _Decoder(pieces).dec(data)
    except (KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"not a cache entry: {exc}") from None


class _Decoder:
    """A class, not nested functions: two closures that call each other are a reference cycle, which
    kept the pieces they read (160 MB of tuples at 1M claims) alive in a run with the cyclic GC paused."""

    def __init__(self, pieces: Sequence[object]) -> None:
        self.pieces = pieces
        self.memo: dict[int, object] = {}

    def dec(self, x: object) -> object:
        t = type(x)
        if t is not tuple:
            if t in _SCALARS:
                return x
            raise ValueError(f"unexpected {t.__name__} in a cache entry")
        done = self.memo.get(id(x))
        if done is not None:
            return done
        dec = self.dec
        tag = x[0]  # type: ignore[index]
        rest = x[1:]  # type: ignore[index]
        if tag == _CLAIMS:
            if len(rest) != len(_FIELDS[Claim]):
                raise ValueError("claims of another shape")
            out: object = tuple(map(Claim, *map(self.column, rest)))
        elif tag == _CLAIMS_APART:
            numbers, pools = rest
            if len(numbers) != len(_FIELDS[Claim]) or len(pools) != len(numbers):
                raise ValueError("claims of another shape")
            pieces = self.pieces
            cols = [pieces[n] if pool is None else (*pieces[n][:1], pool, *pieces[n][1:])  # type: ignore[index]
                    for n, pool in zip(numbers, pools)]
            out = tuple(map(Claim, *map(self.column, cols)))
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
        self.memo[id(x)] = out
        return out

    def column(self, x: tuple) -> Iterable:
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
            return map([self.dec(v) for v in pool].__getitem__, index)
        raise ValueError(f"a column stored as {how!r}")


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
        """The key of a file's content: SHA-256 of its text (its bytes, less a byte-order mark), encoded a
        piece at a time (never a second copy of a 200 MB text)."""
        h = hashlib.sha256()
        for start in range(0, len(text), _CHUNK):
            h.update(text[start:start + _CHUNK].encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _entry(self, path: str) -> Path:
        name = hashlib.sha256(f"{os.path.realpath(path)}\0{path}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{name[:40]}.bin"

    def _header(self, path: str, digest: str) -> bytes:
        return MAGIC + "\n".join((VERSION, digest, path)).encode("utf-8", "surrogatepass") + b"\n"

    def has(self, path: str, digest: str) -> bool:
        """Whether an entry for `path` with content `digest` by this tool version is there (its header
        alone is read: `get` may still find the entry unusable)."""
        header = self._header(path, digest)
        try:
            with open(self._entry(path), "rb") as fh:
                return fh.read(len(header)) == header
        except OSError:
            return False

    def get(self, path: str, digest: str) -> Any:
        """The value stored for `path` with content `digest` by this tool version, or None. The pieces are
        checked against the entry's SHA-256 before any is unmarshalled, then read one at a time."""
        header = self._header(path, digest)
        try:
            with open(self._entry(path), "rb") as fh:
                if fh.read(len(header)) != header:
                    return None
                check, h = fh.read(32), hashlib.sha256()
                while chunk := fh.read(_CHUNK):
                    h.update(chunk)
                if h.digest() != check:
                    return None
                end, at = fh.tell(), fh.seek(len(header) + 32)
                pieces = []
                while size := fh.read(_SIZE):
                    at += _SIZE + int.from_bytes(size, "little")
                    if at > end:  # (a length that runs past the end: not one this module wrote)
                        return None
                    piece = fh.read(at - fh.tell())
                    pieces.append(marshal.loads(piece))
                    del piece
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not pieces:
            return None
        try:
            with paused_gc():
                return decode(pieces.pop(), pieces)
        except (ValueError, TypeError):
            return None

    def put(self, path: str, digest: str, value: object) -> bool:
        """Store `value` for `path` with content `digest` (atomically); False when it could not be."""
        header = self._header(path, digest)

        def write(fh: BinaryIO) -> None:
            h, count = hashlib.sha256(), [0]

            def piece(data: bytes) -> int:
                size = len(data).to_bytes(_SIZE, "little")
                h.update(size)
                h.update(data)
                fh.write(size)
                fh.write(data)
                count[0] += 1
                return count[0] - 1

            fh.write(header + bytes(32))
            with paused_gc():
                piece(marshal.dumps(_Encoder({}, piece).encode(value), 4))
            fh.seek(len(header))
            fh.write(h.digest())

        return self._write(self._entry(path), write)

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

    def _write(self, target: Path, data: bytes | Callable[[BinaryIO], None]) -> bool:
        """Write `data` (bytes, or a function that writes to the open file) to a temporary file in the
        folder and rename it over `target` (atomic)."""
        if target.parent == self.folder and target.suffix == ".bin" and not self._prepare():
            return False
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                if callable(data):
                    data(fh)
                else:
                    fh.write(data)
            os.replace(tmp, target)
            return True
        except (OSError, _Unsupported, ValueError, RecursionError):  # (the last three: a value not cached)
            try:
                tmp.unlink()
            except OSError:
                pass
            return False
