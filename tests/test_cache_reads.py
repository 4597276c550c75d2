"""With the parse cache on, each file of a fact base is read from disk once a run: on a miss the text
read for its digest is the text loaded (includes._Part.first asks the store whether an entry is there
before dropping it); only an entry that turns out unusable makes it read the file again."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FACTS
from spacefacts import cache, files, pipeline


@pytest.fixture
def reads(tmp_path, monkeypatch) -> list[str]:
    """The paths read_text read, in order; the shipped fact file copied to tmp_path, every file cached."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.delenv(cache.ENV, raising=False)
    (tmp_path / "facts.toml").write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    paths: list[str] = []
    read = files.read_text

    def spy(path):
        paths.append(str(path))
        return read(path)

    monkeypatch.setattr(files, "read_text", spy)
    return paths


def test_a_miss_a_hit_and_a_change_each_read_the_file_once(reads, tmp_path) -> None:
    path = str(tmp_path / "facts.toml")
    cold = pipeline.load(path)
    assert reads == [path]  # a miss: the text read is loaded
    warm = pipeline.load(path)
    assert reads == [path] * 2 and warm == cold  # a hit
    Path(path).write_text(Path(path).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert pipeline.load(path) == cold and reads == [path] * 3  # another text: a miss again
    assert pipeline.load(path, use_cache=False) == cold and reads == [path] * 4


def test_an_unusable_entry_reads_the_file_again(reads, tmp_path, monkeypatch) -> None:
    path = str(tmp_path / "facts.toml")
    cold = pipeline.load(path)
    monkeypatch.setattr(cache.Store, "get", lambda self, path, digest: None)  # there, but cannot be decoded
    assert pipeline.load(path) == cold and reads == [path] * 3
