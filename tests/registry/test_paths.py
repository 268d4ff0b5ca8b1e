"""The import's fast paths (issue 11, item 8) change nothing but the time: a big file opens the
registry on its own thread while the sheet is read and reads its rows column by column; the
outcome, the registry and the audit log are the same as on the plain path, a refusal still leaves
everything as it was, and the garbage collector paused for the import runs again after it."""
from __future__ import annotations

import gc

import pytest
from sqlalchemy import func, select, text

from rentan.registry import importer
from rentan.registry.db import session
from rentan.registry.demo import write_demo_registry
from rentan.registry.importer import import_registry
from rentan.registry.models import Impor, Peserta
from rentan.registry.sheets import SheetError

from .helpers import person, write_xlsx


def _registry() -> tuple[list, list]:
    with session() as s:
        people = s.execute(text("select p.nik, p.nama, p.tempat_lahir, p.tanggal_lahir, p.jenis_kelamin, p.alamat, "
                                "p.kelurahan_kode, p.telepon, p.sektor, p.pekerjaan, p.penghasilan, p.domisili_sejak, "
                                "p.sumber, k.tahun, k.status, k.sumber from peserta p join kepesertaan k on "
                                "k.peserta_id = p.id order by p.nik, k.tahun")).all()
        log = s.execute(text("select subjek, tindakan, perubahan, alasan from audit_log order by subjek, id")).all()
    return people, log


def _summary(r):
    return (r.dibaca, r.baru, r.diperbarui, r.tidak_berubah, [(o.baris, [v.alasan() for v in o.violations])
                                                              for o in r.ditolak], r.dilewati, len(r.peringatan))


@pytest.fixture
def demo(tmp_path):
    f = tmp_path / "demo.xlsx"
    write_demo_registry(f, count=400, seed=5, tahun=2026)
    return f


def test_the_registry_opened_ahead_gives_the_same_outcome_as_the_plain_path(home, tmp_path, demo, monkeypatch):
    plain_first = import_registry(demo, 2026)
    plain_again = import_registry(demo, 2026)
    plain = _registry()
    monkeypatch.setenv("RENTAN_DATABASE_URL", f"sqlite:///{home / 'kedua.sqlite3'}")  # a second, empty registry
    monkeypatch.setattr(importer, "OVERLAP_BYTES", 0)
    ahead_first = import_registry(demo, 2026)
    ahead_again = import_registry(demo, 2026)
    assert _summary(ahead_first) == _summary(plain_first) and _summary(ahead_again) == _summary(plain_again)
    assert _registry() == plain
    assert gc.isenabled()


def test_a_refusal_with_the_registry_opened_ahead_changes_nothing_and_holds_no_lock(home, tmp_path, monkeypatch):
    import_registry(write_xlsx(tmp_path / "ok.xlsx", [person(1)]), 2026)
    monkeypatch.setattr(importer, "OVERLAP_BYTES", 0)
    bad = write_xlsx(tmp_path / "bad.xlsx", [], ["Catatan"], title=None)
    with pytest.raises(SheetError, match="judul kolom"):
        import_registry(bad, 2026)
    assert gc.isenabled()
    with session() as s:  # the write transaction the thread opened was rolled back
        s.execute(text("update peserta set alamat = alamat"))
        assert s.scalar(select(func.count()).select_from(Peserta)) == 1
        assert s.scalar(select(func.count()).select_from(Impor)) == 1
