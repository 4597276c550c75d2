"""A large file's claims parsed and built a piece at a time (loader._load_in_pieces, for memory) load
exactly as the whole text does, and any doubt falls back to the whole text."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from spacefacts import loader
from spacefacts.errors import SpacefactsError

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

HEAD = '[sources.s]\ntitle = "S"\n\n[entities.x]\nname = "X"\nkind = "company"\n\n'
CLAIM = '[[claims]]\nid = "c{0}"\nsubject = "x"\nproperty = "founded"\nvalue = "20{0:02}"\nsource = "s"\n\n'


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(loader, "PIECES_BYTES", 0)
    monkeypatch.setattr(loader, "PIECE_BYTES", 200)


def _whole(monkeypatch, text: str):
    with monkeypatch.context() as mp:
        mp.setattr(loader, "PIECES_BYTES", 10**12)
        return loader.load_text(text, "f.toml")


def test_a_generated_file_loads_the_same_in_pieces(monkeypatch, small_pieces, tmp_path) -> None:
    text = generate.write(2000, tmp_path / "facts.toml", texts=False).read_text(encoding="utf-8")
    text = text.replace('id = "c001500"', 'id = "c000100"')  # a duplicate id in a later piece (SF107)
    monkeypatch.setattr(loader, "PIECE_BYTES", 20_000)
    pieces = loader._load_in_pieces(text, "f.toml")
    assert pieces == _whole(monkeypatch, text)
    assert len(pieces[0].claims) == 2000 and "SF107" in {d.code for d in pieces[1]}


@pytest.mark.parametrize("text", [
    HEAD + "".join(CLAIM.format(i) for i in range(8)) + '[sources.t]\ntitle = "T"\n',  # a table after the claims
    HEAD + CLAIM.format(0) + 'note = """\n' + "".join(CLAIM.format(i) for i in range(1, 8)) + '"""\n',  # in a string
    'claims = [{id = "c9"}]\n' + HEAD + "".join(CLAIM.format(i) for i in range(8)),  # claims before the first header
    HEAD + "".join(CLAIM.format(i) for i in range(8)).replace('id = "c5"', "id = = 1"),  # a syntax error
    HEAD + "".join(CLAIM.format(i) for i in range(8)) + "[claims]\n",  # claims as a table too
])  # fmt: skip
def test_doubts_load_the_whole_text(monkeypatch, small_pieces, text) -> None:
    with pytest.raises(loader._Doubt):
        loader._load_in_pieces(text, "f.toml")
    try:
        expected = _whole(monkeypatch, text)
    except SpacefactsError as exc:
        with pytest.raises(SpacefactsError, match=str(exc.message)):
            loader.load_text(text, "f.toml")
        return
    assert loader.load_text(text, "f.toml") == expected


def test_a_table_among_the_claims_is_loaded_whole_without_building_a_piece(monkeypatch, small_pieces) -> None:
    # an importer writes each launch's entity before its claims: the pieces would hold more than
    # claims, which the header scan already shows, so no claim is built twice
    text = HEAD + "".join(CLAIM.format(i) + f'[entities.e{i}]\nname = "E{i}"\nkind = "event"\n\n' for i in range(8))
    built = []
    build = loader._Loader.claims
    monkeypatch.setattr(loader._Loader, "claims", lambda self, *a: built.append(1) or build(self, *a))
    base, _ = loader.load_text(text, "f.toml")
    assert len(base.claims) == 8 and len(base.entities) == 9
    assert len(built) == 1
    assert (base, _) == _whole(monkeypatch, text)
