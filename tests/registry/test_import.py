import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from rentan.cli import main
from rentan.registry.db import session
from rentan.registry.importer import import_registry
from rentan.registry.models import AuditLog, Impor, Peserta
from rentan.registry.sheets import SheetError

from .helpers import HEADERS, person, write_xlsx


def _count(model=Peserta):
    with session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _report_rows(path):
    ws = openpyxl.load_workbook(path)["Ditolak"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


BROKEN = [
    ("usia", {"Tempat/Tgl Lahir": "Balikpapan, 12-08-1960", "No. KTP": "6471011208600001"},
     "berusia 65 tahun pada 1 Januari 2026"),
    ("usia_minimum", {"Tempat/Tgl Lahir": "Balikpapan, 12-08-2010", "No. KTP": "6471011208100001",
                      "Domisili Sejak": dt.date(2010, 8, 12)},  # living here since birth, not before it
     "berusia 15 tahun"),
    ("domisili", {"Domisili Sejak": dt.date(2025, 9, 1)}, "belum 6 bulan pada 1 Januari 2026"),
    ("penghasilan", {"Penghasilan Rata-rata": 3_900_000}, "melebihi UMK Rp3.856.694,43"),
    ("nik_format", {"No. KTP": "647101120875001"}, "16 digit"),
    ("nik_format", {"No. KTP": "6471013508750001"}, "bukan tanggal lahir"),
    ("nik_excel", {"No. KTP": 6471011208750000.0}, "Excel"),
    ("kelurahan", {"Kel.": "Loa Janan Ilir"}, "'Loa Janan Ilir' bukan kelurahan di Kota Balikpapan"),
    ("sektor", {"Pekerjaan": "Dokter Gigi"}, "'Dokter Gigi' bukan sektor informal"),
    ("tanggal", {"Tempat/Tgl Lahir": "Balikpapan, 31-02-1980"}, "tidak ada di kalender"),
    ("wajib", {"Nama Lengkap": ""}, "nama kosong"),
    ("jenis_kelamin", {"L/P": "X"}, "harus L atau P"),
]


@pytest.mark.parametrize("kode,override,message", BROKEN, ids=[b[0] + str(i) for i, b in enumerate(BROKEN)])
def test_each_rule_rejects_a_row_that_breaks_it(home, tmp_path, kode, override, message):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2, **override), person(3)])
    r = import_registry(f, 2026)
    assert (r.baru, len(r.ditolak)) == (2, 1)
    bad = r.ditolak[0]
    assert bad.baris == 5  # title, blank, header, row 1 → the second person is on Excel row 5
    assert [v.rule.kode for v in bad.violations] == [kode]
    assert message in bad.violations[0].pesan
    report = _report_rows(r.laporan)
    assert len(report) == 1 and report[0]["Baris"] == 5
    assert message in report[0]["Alasan"] and "dasar:" in report[0]["Alasan"]
    assert _count() == 2


def test_rejection_cites_the_legal_basis(home, tmp_path):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"Penghasilan Rata-rata": "Rp 4.000.000"})])
    r = import_registry(f, 2026)
    alasan = r.ditolak[0].violations[0].alasan()
    assert "Keputusan Gubernur Kalimantan Timur tentang UMK Tahun 2026" in alasan
    assert "Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025" in alasan


def test_duplicates_in_the_file_reject_every_copy(home, tmp_path):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2), person(1, **{"Nama Lengkap": "Orang Lain"})])
    r = import_registry(f, 2026)
    assert r.baru == 1
    assert sorted(o.baris for o in r.ditolak) == [4, 6]
    assert "baris 6" in r.ditolak[0].violations[0].pesan


def test_same_nik_from_another_source_is_a_duplicate_in_the_registry(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "manggar.xlsx", [person(1)]), 2026, sumber="Kelurahan Manggar")
    r = import_registry(write_xlsx(tmp_path / "dishub.xlsx", [person(1)]), 2026, sumber="Dinas Perhubungan")
    assert r.ditolak[0].violations[0].rule.kode == "ganda_registri"
    assert "sudah terdaftar dari Kelurahan Manggar" in r.ditolak[0].violations[0].pesan


def test_importing_the_same_file_twice_changes_nothing(home, tmp_path):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 21)] + [person(99, **{"Kel.": "Jakarta"})])
    first = import_registry(f, 2026)
    with session() as s:
        before = s.execute(text("select * from peserta order by id")).all()
    audits = _count(AuditLog)
    second = import_registry(f, 2026)
    assert (first.baru, second.baru, second.diperbarui, second.tidak_berubah) == (20, 0, 0, 20)
    with session() as s:
        assert s.execute(text("select * from peserta order by id")).all() == before
    assert _count(AuditLog) == audits
    assert _count(Impor) == 2  # each import itself is recorded


def test_a_changed_row_updates_with_an_audit_entry(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "a.xlsx", [person(1)]), 2026)
    r = import_registry(write_xlsx(tmp_path / "a.xlsx", [person(1, Alamat="Jl. Baru No. 2", **{"Kel.": "Lamaru"})]), 2026)
    assert (r.baru, r.diperbarui) == (0, 1)
    with session() as s:
        p = s.scalars(select(Peserta)).one()
        assert (p.alamat, p.kelurahan_kode) == ("Jl. Baru No. 2", "64.71.01.1002")
        log = s.scalars(select(AuditLog).where(AuditLog.tindakan == "ubah")).one()
    changes = json.loads(log.perubahan)
    assert changes["kelurahan_kode"] == ["64.71.01.1001", "64.71.01.1002"]
    assert log.oleh == "petugas-uji" and "a.xlsx" in log.alasan


def test_headers_and_spellings_vary(home, tmp_path):
    headers = ["NIK", "Nama", "Tempat Lahir", "Tgl Lahir", "JK", "Alamat", "Kelurahan", "Pekerjaan", "Penghasilan",
               "Tinggal Sejak"]
    rows = [{"NIK": "6471011208750001", "Nama": "A", "Tempat Lahir": "Samarinda", "Tgl Lahir": 27618, "JK": "Laki-laki",
             "Alamat": "-", "Kelurahan": "Kel. Gn. Samarinda", "Pekerjaan": "Driver Ojol", "Penghasilan": "Rp 1.500.000",
             "Tinggal Sejak": "01/01/2015"},
            {"NIK": "6471015208750002", "Nama": "B", "Tempat Lahir": "Balikpapan", "Tgl Lahir": "12 Agustus 1975",
             "JK": "P", "Alamat": "-", "Kelurahan": "SUNGAI  NANGKA", "Pekerjaan": "Nelayan", "Penghasilan": 900000,
             "Tinggal Sejak": dt.date(2000, 5, 1)}]
    r = import_registry(write_xlsx(tmp_path / "opd.xlsx", rows, headers, title=None), 2026)
    assert (r.baru, r.ditolak) == (2, [])
    with session() as s:
        a, b = s.scalars(select(Peserta).order_by(Peserta.nik)).all()
    assert (a.kelurahan_kode, a.sektor, a.tanggal_lahir, a.tempat_lahir) == (
        "64.71.03.1002", "ojek_online", dt.date(1975, 8, 12), "Samarinda")
    assert (b.kelurahan_kode, b.sektor, b.jenis_kelamin) == ("64.71.05.1010", "nelayan", "P")


def test_csv_with_semicolons(home, tmp_path):
    f = tmp_path / "kel.csv"
    f.write_text("No;NIK;Nama;Tempat/Tgl Lahir;Kel.;Pekerjaan;Penghasilan;Domisili Sejak\n"
                 "1;6471011208750001;Ma'ruf & Sons <CV>;Balikpapan, 12-08-1975;Teritip;Buruh;1.000.000;01-01-2000\n",
                 encoding="utf-8-sig")
    r = import_registry(f, 2026)
    assert r.baru == 1
    with session() as s:
        assert s.scalars(select(Peserta.nama)).one() == "Ma'ruf & Sons <CV>"


def test_nik_disagreeing_with_birth_date_is_accepted_with_a_warning(home, tmp_path):
    r = import_registry(write_xlsx(tmp_path / "k.xlsx", [person(1, **{"Tempat/Tgl Lahir": "Balikpapan, 13-08-1975"})]), 2026)
    assert r.baru == 1 and r.ditolak == []
    assert "13 Agustus 1975" in r.peringatan[0].warnings[0]


def test_domicile_comes_from_the_address_not_the_nik_prefix(home, tmp_path):
    # A NIK first issued in Makassar (7371…) for someone living in Manggar is fine.
    r = import_registry(write_xlsx(tmp_path / "k.xlsx", [person(1, **{"No. KTP": "7371011208750001"})]), 2026)
    assert r.baru == 1


@pytest.mark.parametrize("setup,message", [
    (lambda p: write_xlsx(p, [person(1)], [h for h in HEADERS if h != "No. KTP"]), "kolom wajib tidak ada: NIK"),
    (lambda p: write_xlsx(p, [person(1)], [h for h in HEADERS if h != "Domisili Sejak"]), "Domisili Sejak"),
    (lambda p: write_xlsx(p, [], HEADERS), "tidak berisi data"),
    (lambda p: p.write_bytes(b"PK\x03\x04 ini bukan xlsx"), "tidak dapat dibaca"),
    (lambda p: write_xlsx(p, [], ["Catatan"], title=None), "judul kolom"),
])
def test_a_file_that_cannot_be_used_changes_nothing(home, tmp_path, setup, message):
    import_registry(write_xlsx(tmp_path / "ok.xlsx", [person(1)]), 2026)
    bad = tmp_path / "bad.xlsx"
    setup(bad)
    with pytest.raises(SheetError, match=message):
        import_registry(bad, 2026)
    assert _count() == 1 and _count(Impor) == 1


def test_cli_prints_a_summary_and_exit_code_tells_rejections(home, tmp_path):
    ok = write_xlsx(tmp_path / "ok.xlsx", [person(1), person(2)])
    res = CliRunner().invoke(main, ["registry", "import", str(ok), "--tahun", "2026"])
    assert res.exit_code == 0, res.output
    assert "peserta baru    : 2" in res.output
    bad = write_xlsx(tmp_path / "bad.xlsx", [person(3), person(4, **{"Kel.": "Loa Janan Ilir"})])
    res = CliRunner().invoke(main, ["registry", "import", str(bad), "--tahun", "2026"])
    assert res.exit_code == 1
    assert "kelurahan" in res.output and "baris 5" in res.output and "bad-ditolak.xlsx" in res.output
    assert "6471011208750004" not in res.output  # no NIK on the screen
    res = CliRunner().invoke(main, ["registry", "import", str(tmp_path / "tidak-ada.xlsx")])
    assert res.exit_code == 2 and "tidak ditemukan" in res.output and "Registri tidak diubah" in res.output
