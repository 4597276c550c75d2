"""The TOML 1.0 parser: toml-rs (compiled, asked for TOML 1.0.0) where its wheel is installed, else tomli.

Both pass every valid and invalid case of toml-test's TOML 1.0.0 lists (tomli but for two valid files
that start with a byte order mark, which the tool strips before parsing); toml-rs parses a large fact
file 4-5x faster (benchmarks/README.md). TOML 1.1 is not accepted: the fact file format is TOML 1.0.
`loads(text)` returns the parsed tables; a syntax error raises TOMLDecodeError with `lineno` and `colno`
(1-based) and a one-line `msg` without the position.
"""

from __future__ import annotations

from typing import Any

try:
    import toml_rs as _rs
except ImportError:  # no wheel for this platform: the pure-Python (or mypyc-compiled) tomli
    _rs = None
    try:
        import tomli as _py
    except ModuleNotFoundError:  # pragma: no cover - tomli is a dependency; tomllib is the last fallback
        import tomllib as _py  # type: ignore[no-redef]


if _rs is not None:
    TOMLDecodeError: type[ValueError] = _rs.TOMLDecodeError

    def loads(text: str) -> dict[str, Any]:
        """text parsed as TOML 1.0.0."""
        if text.startswith("\ufeff"):  # toml-rs skips one; the file's own is stripped before, so this is a second
            raise _rs.TOMLDecodeError("a byte order mark is only allowed at the start of the file", text, 0)
        try:
            return _rs.loads(text, toml_version="1.0.0")
        except _rs.TOMLDecodeError as exc:
            # "TOML parse error at line L, column C", a snippet with a caret, then the message: keep the message
            lines = [line for line in str(exc.msg).splitlines() if line.strip()]
            exc.msg = lines[-1].strip() if lines else "invalid TOML"
            raise

    NAME = f"toml-rs {_rs.__version__}"
else:
    TOMLDecodeError = _py.TOMLDecodeError
    loads = _py.loads
    NAME = _py.__name__
