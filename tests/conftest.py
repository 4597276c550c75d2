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
