"""A registry made by release 0.1 (one status per person: tests/registry/data/, synthetic people)
migrates to participation per coverage year with every record intact, on SQLite and on
PostgreSQL, and the migrated registry goes on working: the next month is paid, the 2027 cycle
finds its continuing participants."""
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, insert, select, text

from rentan.registry.db import MIGRATIONS, get_engine, session
from rentan.registry.desk import reader
from rentan.registry.models import Kepesertaan, NaskahTerbit, Peserta
from rentan.registry.participation import continuing

RELEASE_0_1 = Path(__file__).parent / "data" / "registry-2026-rilis-0.1.sqlite3"
KEPT = {"audit_log": "waktu, subjek, tindakan, alasan", "nomor_surat": "kunci, seri, urut, nomor",
        "iuran_periode": "periode, koreksi_ke, nomor, peserta, jumlah", "impor": "berkas, sha256, baru",
        "peserta_provinsi": "nik, sumber"}
PER_YEAR = ("status", "alasan_status", "alasan_berakhir", "tanggal_berakhir", "nomor_sk", "mulai_kepesertaan")


def old_state() -> dict:
    """What release 0.1 recorded, read straight from its file."""
    c = sqlite3.connect(RELEASE_0_1)
    c.row_factory = sqlite3.Row
    out = {"peserta": {r["nik"]: dict(r) for r in c.execute("select * from peserta")}}
    for t, cols in KEPT.items():
        out[t] = [tuple(_norm(v) for v in r) for r in c.execute(f"select {cols} from {t} order by id"
                                                              if t != "peserta_provinsi" else
                                                              f"select {cols} from {t} order by nik")]
    c.close()
    return out


def check_migrated(old: dict) -> None:
    with session() as s:
        rows = {nik: (p, k) for nik, p, k in s.execute(
            select(Peserta.nik, Peserta, Kepesertaan).join(Kepesertaan, Kepesertaan.peserta_id == Peserta.id))}
        for t, cols in KEPT.items():
            order = "nik" if t == "peserta_provinsi" else "id"
            now = [tuple(_norm(v) for v in r) for r in s.execute(text(f"select {cols} from {t} order by {order}"))]
            assert now == old[t] and now, t
        docs = {d.kunci: d.folder for d in s.scalars(select(NaskahTerbit))}
    assert set(rows) == set(old["peserta"]) and len(rows) == 40
    for nik, before in old["peserta"].items():
        p, k = rows[nik]
        for f in ("nama", "alamat", "sektor", "pekerjaan", "penghasilan", "kpj", "sumber", "tahun_daftar"):
            assert getattr(p, f) == before[f], (nik, f)
        assert k.tahun == 2026 and k.status == before["status"] and k.alasan_status == before["alasan_status"]
        assert k.nomor_sk == before["nomor_sk"] and k.alasan_berakhir == before["alasan_berakhir"]
        assert _norm(k.mulai) == _norm(before["mulai_kepesertaan"])
        assert _norm(k.tanggal_berakhir) == _norm(before["tanggal_berakhir"])
    assert docs == {"verifikasi/2026/1/dishub": "2026/verifikasi/dishub-putaran-1",
                    "verifikasi/2026/1/disnaker": "2026/verifikasi/disnaker-putaran-1",
                    "verifikasi/2026/1/dp3": "2026/verifikasi/dp3-putaran-1",
                    "sk-peserta/2026": "2026/sk-peserta/penetapan",
                    "iuran-bulanan/2026-01": "2026/iuran-bulanan/2026-01",
                    "iuran-bulanan/2026-02": "2026/iuran-bulanan/2026-02"}


def _norm(v):
    """Dates and times as SQLite and PostgreSQL both give them, compared as the same text."""
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str) and len(v) >= 19 and v[4] == "-" and v[10] in " T" and v[13] == ":":
        return _norm(dt.datetime.fromisoformat(v).replace(tzinfo=dt.datetime.fromisoformat(v).tzinfo
                                                           or dt.timezone.utc))
    return v


def test_a_release_0_1_sqlite_registry_migrates_with_every_record_intact(home, clock):
    old = old_state()
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(RELEASE_0_1, home / "registry.sqlite3")
    get_engine()
    check_migrated(old)
    # it goes on working: March is paid for the 33 still covered (one died in January, one moved in
    # February), numbered after February's letter; the 2027 cycle finds them as continuing
    from rentan.documents.iuran import issue_month
    clock("2026-03-02")
    march = issue_month("2026-03", final=True)
    assert (march.nomor, march.ringkasan["peserta"]) == ("400.9/3/Dinsos", 33)
    with reader() as desk:
        assert len(continuing(desk, 2027)) == 33


def test_a_release_0_1_postgresql_registry_migrates_with_every_record_intact(postgres_url):
    old = old_state()
    # the release's schema on PostgreSQL, holding the release's records
    engine = create_engine(postgres_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    source = create_engine(f"sqlite:///{RELEASE_0_1}")
    meta = MetaData()
    meta.reflect(source)
    with source.connect() as src, engine.begin() as dst:
        dst.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        for name in ("peserta", "audit_log", "peserta_provinsi", "impor", "nomor_surat", "iuran_periode"):
            rows = [dict(r._mapping) for r in src.execute(meta.tables[name].select())]
            if name == "peserta":
                for r in rows:
                    r["ditanggung_provinsi"] = bool(r["ditanggung_provinsi"])
            if rows:
                dst.execute(insert(_table(dst, name)), rows)
        dst.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    engine.dispose()
    get_engine()  # migrates to the newest revision
    with session() as s:
        # the newest revision, whichever it is (a pinned "0004" went stale when 0005 and 0006 came)
        head = ScriptDirectory.from_config(cfg).get_current_head()
        assert s.scalar(text("select version_num from alembic_version")) == head
        columns = {r[0] for r in s.execute(text(
            "select column_name from information_schema.columns where table_name = 'peserta'"))}
    assert not columns & set(PER_YEAR)
    check_migrated(old)


def _table(conn, name):
    m = MetaData()
    m.reflect(conn, only=[name])
    return m.tables[name]
