"""The registry on a real PostgreSQL server that the suite starts itself (tests/pg.py)."""
import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from rentan.registry.db import session
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import end_participant
from rentan.registry.models import AuditLog, Kepesertaan, Peserta

from .helpers import person, write_xlsx


def test_registry_on_postgresql(postgres_url, home, tmp_path, monkeypatch):
    monkeypatch.setenv("RENTAN_DATABASE_URL", postgres_url)
    f = write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 31)] + [person(50, **{"Kel.": "Loa Janan Ilir"})])
    r = import_registry(f, 2026)
    assert (r.baru, len(r.ditolak)) == (30, 1)
    again = import_registry(f, 2026)
    assert (again.baru, again.tidak_berubah) == (0, 30)
    end_participant(person(3)["No. KTP"], "sektor_formal", dt.date(2026, 5, 1))
    with session() as s:
        assert s.bind.dialect.name == "postgresql"
        assert s.scalar(select(func.count()).select_from(Peserta)) == 30
        assert s.scalar(select(Kepesertaan.status).join(Peserta, Peserta.id == Kepesertaan.peserta_id)
                        .where(Peserta.nik == person(3)["No. KTP"], Kepesertaan.tahun == 2026)) == "berakhir"
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 31
    with pytest.raises(DatabaseError, match="append-only"):
        with session() as s:
            s.execute(text("delete from audit_log"))


def test_a_value_too_long_is_a_rejection_on_postgresql_as_on_sqlite(postgres_url, home, tmp_path):
    # today PostgreSQL refuses the whole file (and printed the row's NIK and name); SQLite stored it
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2, **{"Nama Lengkap": "A" * 500}),
                                           person(3, **{"No. HP": "0812" * 10}), person(4)])
    r = import_registry(f, 2026)
    assert r.baru == 2
    assert {o.baris: [v.alasan() for v in o.violations] for o in r.ditolak} == {
        5: ["Nama: Nama terlalu panjang: 500 karakter, paling banyak 200 [aturan: isian tidak melebihi panjang "
            "yang dapat dicatat registri; dasar: Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025]"],
        6: ["No. HP: No. HP terlalu panjang: 40 karakter, paling banyak 30 [aturan: isian tidak melebihi panjang "
            "yang dapat dicatat registri; dasar: Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025]"]}
    with session() as s:
        assert s.bind.dialect.name == "postgresql"
        assert s.scalar(select(func.count()).select_from(Peserta)) == 2
    again = import_registry(f, 2026)  # the plain-tuple path compares stored values on PostgreSQL too
    assert (again.baru, again.tidak_berubah, again.diperbarui) == (0, 2, 0)


def test_a_big_file_on_postgresql(postgres_url, home, tmp_path, monkeypatch):
    """From OVERLAP_BYTES up the registry is opened on its own thread while the file is read."""
    from rentan.registry import importer
    from rentan.registry.demo import write_demo_registry
    f = tmp_path / "besar.xlsx"
    summary = write_demo_registry(f, count=300, seed=3, tahun=2026)
    first = import_registry(f, 2026)
    monkeypatch.setattr(importer, "OVERLAP_BYTES", 0)
    again = import_registry(f, 2026)
    assert first.baru == summary.valid and again.tidak_berubah == summary.valid
    assert sorted(o.baris for o in again.ditolak) == sorted(o.baris for o in first.ditolak)
