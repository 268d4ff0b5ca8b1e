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
