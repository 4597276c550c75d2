"""The one exception the core raises when the tool cannot do its job (exit code 2), and its one kind.

Bad *data* in a fact file is never an exception: it becomes a Diagnostic.
SpacefactsError is for things like an unreadable path or a TOML syntax error,
where no fact base can be built at all. Only cli.py catches it.
"""

from __future__ import annotations


class SpacefactsError(Exception):
    """A failure that stops the command: printed as one line, exit code 2."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class EmptyFactFile(SpacefactsError):
    """A fact file with no table or key (only comments or blank lines): nothing to load."""

    def __init__(self, path: str) -> None:
        super().__init__("empty fact file", f"{path}:1:1")
