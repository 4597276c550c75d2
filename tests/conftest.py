"""Shared test helpers. Third-party data lives in ../shared beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXT = SHARED / "ext"
FACTS = ROOT / "facts.toml"


def need(path: Path) -> Path:
    """Skip the calling test cleanly when third-party data is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def toml_value(v) -> str:
    """A Python value written as TOML (strings quoted, lists and inline tables recursively)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    return '"' + str(v).replace('"', '\\"') + '"'


def toml_1_0_invalid() -> list[str]:
    """The toml-test cases (paths like 'invalid/array/no-close-01.toml') TOML 1.0.0 calls invalid; [] when absent."""
    listing = EXT / "toml-test" / "files-toml-1.0.0"
    if not listing.exists():
        return []
    return [rel for rel in listing.read_text().split() if rel.startswith("invalid/") and rel.endswith(".toml")]
