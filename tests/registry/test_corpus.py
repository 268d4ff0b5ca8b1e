"""The corpus of ugly sheets (tests/registry/corpus, rebuilt by make.py): each file imported into an
empty registry gives exactly its expected outcome (expected.yaml) — and never a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from rentan.registry.db import session
from rentan.registry.importer import import_registry
from rentan.registry.models import Impor, Peserta
from rentan.registry.sheets import SheetError

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
NOT_SHEETS = {"make.py", "__init__.py", "expected.yaml", "__pycache__", ".gitattributes"}


def test_the_corpus_is_big_enough_and_every_file_has_its_outcome():
    files = {p.name for p in CORPUS.iterdir() if p.name not in NOT_SHEETS}
    assert files == set(EXPECTED)
    assert len(files) >= 20


def test_make_rebuilds_the_committed_files_byte_for_byte(tmp_path):
    from .corpus.make import build
    for made in build(tmp_path):
        committed = CORPUS / made.name
        if made.is_dir():
            assert committed.is_dir()
        else:
            assert made.read_bytes() == committed.read_bytes(), made.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_gives_its_expected_outcome(home, tmp_path, name):
    expected = EXPECTED[name]
    source = CORPUS / name
    target = tmp_path / name  # a copy: the rejection report lands beside it
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)
    if "menolak" in expected:
        with pytest.raises(SheetError) as e:
            import_registry(target, 2026)
        assert expected["menolak"] in str(e.value) and "\n" not in str(e.value)
        with session() as s:
            assert s.scalar(select(func.count()).select_from(Peserta)) == 0
            assert s.scalar(select(func.count()).select_from(Impor)) == 0
        assert not list(tmp_path.glob("*-ditolak.xlsx"))
        return
    r = import_registry(target, 2026)
    assert {"baru": r.baru, "ditolak": len(r.ditolak), "dilewati": len(r.dilewati)} == \
        {k: expected[k] for k in ("baru", "ditolak", "dilewati")}
    assert r.dibaca == r.baru + r.diperbarui + r.tidak_berubah + len(r.ditolak) + len(r.dilewati)
    if "aturan" in expected:
        assert dict(r.per_aturan()) == expected["aturan"]
    if "dilewati_baris" in expected:
        assert dict(r.dilewati) == expected["dilewati_baris"]
    if "lembar" in expected:
        assert r.lembar == expected["lembar"]
    with session() as s:
        names = set(s.scalars(select(Peserta.nama)))
    if "bukan_nama" in expected:
        assert expected["bukan_nama"] not in names
    if "nama" in expected:
        assert expected["nama"] in names
    assert (r.laporan is not None) == bool(r.ditolak)
