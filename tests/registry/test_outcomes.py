"""Every row of a file ends as exactly one of: imported, rejected with its reason, or skipped as not
a participant (issue 11, item 1) — and what the clerk reads about it names the row, the column and
the rule, never a NIK or a name."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from rentan.registry.db import session
from rentan.registry.importer import (BUKAN_PESERTA, CATATAN, JUDUL, JUMLAH, KOSONG, NOMOR_KOLOM, ImportResult,
                                      import_registry, ranges)
from rentan.registry.models import AuditLog, Impor, Peserta
from rentan.registry.sheets import SheetError

from .helpers import HEADERS, person, write_xlsx

PERWALI = "Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025"


def _count(model=Peserta):
    with session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _accounted(r: ImportResult) -> None:
    """Every row read ends in exactly one outcome."""
    assert r.dibaca == r.baru + r.diperbarui + r.tidak_berubah + len(r.ditolak) + len(r.dilewati)
    numbers = [o.baris for o in r.ditolak] + [b for b, _ in r.dilewati]
    assert len(numbers) == len(set(numbers))


def _reasons(r: ImportResult) -> dict[int, list[tuple[str, str, str]]]:
    return {o.baris: [(v.kolom, v.rule.kode, v.pesan) for v in o.violations] for o in r.ditolak}


# --- what is not a participant ---------------------------------------------------------------------

def test_a_totals_row_with_an_empty_nik_is_skipped_not_a_crash(home, tmp_path):
    # today: UnboundLocalError on the empty NIK cell
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2),
                                           {"No": "", "No. KTP": None, "Nama Lengkap": "JUMLAH 2 orang"}])
    r = import_registry(f, 2026)
    assert (r.baru, r.ditolak, r.dilewati) == (2, [], [(6, JUMLAH)])
    _accounted(r)


def test_totals_notes_and_the_signature_block_under_the_table_are_skipped(home, tmp_path):
    rows = [person(1), person(2),
            {"Nama Lengkap": "Total", "Penghasilan Rata-rata": 5_000_000},
            {},
            {"No": "Keterangan: data per 20 Oktober 2025"},
            {"Nama Lengkap": "Mengetahui,", "Pekerjaan": "Balikpapan, 20 Oktober 2025"},
            {"Nama Lengkap": "Lurah Manggar", "Pekerjaan": "Petugas Pendata"},
            {}, {},
            {"Nama Lengkap": "H. SUPRIYADI, S.Sos", "Pekerjaan": "RINA MARLINA"},
            {"Nama Lengkap": "NIP. 19700101 199003 1 005"}]
    r = import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    assert (r.baru, r.ditolak) == (2, [])
    assert r.dilewati == [(6, JUMLAH), (7, KOSONG), (8, CATATAN), (9, CATATAN), (10, CATATAN), (11, KOSONG),
                          (12, KOSONG), (13, CATATAN), (14, CATATAN)]
    assert r.laporan is None  # nothing rejected, no report
    _accounted(r)


def test_a_repeated_header_a_column_number_row_and_a_bare_name_are_skipped(home, tmp_path):
    rows = [{h: f"({i})" for i, h in enumerate(HEADERS, 1)},  # (1) (2) (3) … under the header
            person(1), dict(zip(HEADERS, HEADERS)), person(2), {"No": 3, "Nama Lengkap": "Cuma Nama"}, person(4)]
    r = import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    assert (r.baru, r.ditolak) == (3, [])
    assert r.dilewati == [(4, NOMOR_KOLOM), (6, JUDUL), (8, BUKAN_PESERTA)]
    _accounted(r)


def test_someones_data_without_a_nik_is_rejected_not_skipped(home, tmp_path):
    rows = [person(1), person(2, **{"No. KTP": None}), person(3, **{"No. KTP": "   "}), person(4, **{"No. KTP": "-"})]
    r = import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    assert r.baru == 1 and r.dilewati == []
    assert _reasons(r) == {5: [("NIK", "wajib", "NIK kosong")], 6: [("NIK", "wajib", "NIK kosong")],
                           7: [("NIK", "wajib", "NIK kosong")]}
    assert r.ditolak[0].violations[0].alasan() == \
        f"NIK: NIK kosong [aturan: data wajib diisi lengkap; dasar: {PERWALI}]"
    _accounted(r)


# --- values that crashed the import ------------------------------------------------------------------

@pytest.mark.parametrize("value,kode,message", [
    ("NaN", "penghasilan_format", "penghasilan 'NaN' bukan angka rupiah"),
    ("Infinity", "penghasilan_format", "penghasilan 'Infinity' bukan angka rupiah"),
    ("1E+400", "penghasilan_format", "penghasilan tidak masuk akal (Rp1 triliun atau lebih sebulan)"),
    (-500_000, "penghasilan_format", "penghasilan tidak boleh negatif"),
    ("-500000", "penghasilan_format", "penghasilan tidak boleh negatif"),
    ("Rp 3.856.694,44", "penghasilan", "penghasilan Rp3.856.694,44 melebihi UMK Rp3.856.694,43"),
    (3856694.431, "penghasilan", "penghasilan Rp3.856.694,44 melebihi UMK Rp3.856.694,43"),  # sen rounded up
    ("dua juta", "penghasilan_format", "penghasilan 'dua juta' bukan angka rupiah"),
])
def test_any_income_is_at_most_a_rejection_of_its_row(home, tmp_path, value, kode, message):
    # today: decimal.InvalidOperation, OverflowError or (negative) an IntegrityError printing the row
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2, **{"Penghasilan Rata-rata": value}), person(3)])
    r = import_registry(f, 2026)
    assert r.baru == 2
    assert _reasons(r) == {5: [("Penghasilan", kode, message)]}
    _accounted(r)


def test_income_at_the_umk_to_the_sen_is_accepted(home, tmp_path):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"Penghasilan Rata-rata": "3.856.694,43"}),
                                           person(2, **{"Penghasilan Rata-rata": 3856694.429})])
    r = import_registry(f, 2026)
    assert (r.baru, r.ditolak) == (2, [])


def test_a_name_too_long_for_the_registry_is_a_rejection_of_its_row(home, tmp_path):
    # today on SQLite the 500 characters are stored; on PostgreSQL the whole file fails
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"Nama Lengkap": "A" * 500}), person(2),
                                           person(3, Alamat="Jl. " + "x" * 400)])
    r = import_registry(f, 2026)
    assert r.baru == 1
    assert _reasons(r) == {
        4: [("Nama", "panjang", "Nama terlalu panjang: 500 karakter, paling banyak 200")],
        6: [("Alamat", "panjang", "Alamat terlalu panjang: 404 karakter, paling banyak 300")]}
    assert _count() == 1


# --- dates that cannot be true ---------------------------------------------------------------------

HEADERS_SPLIT = ["No", "NIK", "Nama", "Tempat Lahir", "Tgl Lahir", "Kel.", "Pekerjaan", "Penghasilan", "Domisili Sejak"]


def _split(i: int, **over) -> dict:
    row = {"No": i, "NIK": f"64710112087{i:05d}", "Nama": f"Warga {i}", "Tempat Lahir": "Balikpapan",
           "Tgl Lahir": dt.date(1975, 8, 12), "Kel.": "Manggar", "Pekerjaan": "Buruh", "Penghasilan": 1_500_000,
           "Domisili Sejak": dt.date(2000, 1, 1)}
    row.update(over)
    return row


@pytest.mark.parametrize("over,expected", [
    ({"Tgl Lahir": 99999}, [("Tanggal Lahir", "tanggal_wajar", "tanggal lahir 13 Oktober 2173 belum terjadi")]),
    ({"Tgl Lahir": "12-08-1850"}, [("Tanggal Lahir", "tanggal_wajar", "tanggal lahir 12 Agustus 1850 sebelum tahun 1900")]),
    ({"Domisili Sejak": dt.date(1970, 1, 1)},
     [("Domisili Sejak", "tanggal_wajar", "berdomisili sejak 1 Januari 1970, sebelum tanggal lahir 12 Agustus 1975")]),
    ({"Domisili Sejak": dt.date(2026, 3, 1)},
     [("Domisili Sejak", "tanggal_wajar", "tanggal mulai berdomisili 1 Maret 2026 belum terjadi")]),
    ({"Tgl Lahir": dt.date(1950, 1, 1), "Domisili Sejak": dt.date(1940, 1, 1)},  # too old, and an impossible domicile
     [("Domisili Sejak", "tanggal_wajar", "berdomisili sejak 1 Januari 1940, sebelum tanggal lahir 1 Januari 1950"),
      ("Tanggal Lahir", "usia", "berusia 76 tahun pada 1 Januari 2026")]),
])
def test_impossible_dates_are_rejected_before_any_age_is_worked_out(home, tmp_path, over, expected):
    # today: "berusia -148 tahun" for the Excel serial 99999, and the impossible domicile accepted
    f = write_xlsx(tmp_path / "opd.xlsx", [_split(1), _split(2, **over)], HEADERS_SPLIT, title=None)
    r = import_registry(f, 2026)
    assert r.baru == 1
    assert _reasons(r) == {3: expected}
    assert "-" not in r.ditolak[0].violations[0].pesan.split("berusia")[-1][:3]


# --- phone numbers ------------------------------------------------------------------------------------

def test_a_phone_number_excel_stored_as_a_number_gets_its_leading_zero_back(home, tmp_path):
    rows = [person(1, **{"No. HP": 81234567890}), person(2, **{"No. HP": 6281234567890}),
            person(3, **{"No. HP": "0812 3456 7890"}), person(4, **{"No. HP": None})]
    assert import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026).baru == 4
    with session() as s:
        phones = s.execute(select(Peserta.telepon).order_by(Peserta.nik)).scalars().all()
    assert phones == ["081234567890", "6281234567890", "0812 3456 7890", None]


# --- the coverage year ------------------------------------------------------------------------------

@pytest.mark.parametrize("tahun", [1900, 2024, 2027, 3000])
def test_a_year_outside_the_programme_is_one_refusal_and_changes_nothing(home, tmp_path, tahun):
    # today: ProgramError ("parameter.umk belum berlaku pada 1900-01-01") as a traceback
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1)])
    with pytest.raises(SheetError) as e:
        import_registry(f, tahun)
    assert str(e.value) == f"tahun kepesertaan {tahun} di luar jangkauan program (2025–2026)"
    assert _count() == 0 and _count(Impor) == 0
    assert not (tmp_path / "kel-ditolak.xlsx").exists()


def test_the_programme_years_follow_the_clock(home, tmp_path, clock):
    clock("2026-10-05")
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1)])
    assert import_registry(f, 2027).baru == 1  # next year's registration season
    with pytest.raises(SheetError, match=r"2028 di luar jangkauan program \(2025–2027\)"):
        import_registry(f, 2028)


def test_the_cli_refuses_a_year_outside_the_programme_in_one_line(home, tmp_path):
    from click.testing import CliRunner
    from rentan.cli import main
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1)])
    res = CliRunner().invoke(main, ["registry", "import", str(f), "--tahun", "1900"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "tahun kepesertaan 1900 di luar jangkauan program (2025–2026)" in res.output


# --- what the clerk reads ----------------------------------------------------------------------------

def test_ranges():
    assert ranges([12, 13, 14, 15, 18, 20, 21]) == "12–15, 18, 20–21"
    assert ranges([7]) == "7" and ranges([]) == ""


def test_summary_lines_name_rows_columns_and_rules_never_a_nik_or_name(home, tmp_path):
    rows = [person(1), person(2, **{"Kel.": "Loa Janan Ilir"}), {}, {}, {}, {}, person(3),
            person(4, **{"Nama Lengkap": "Budi Santoso Wijaya", "Penghasilan Rata-rata": "NaN"}),
            {"Nama Lengkap": "JUMLAH 4 orang"}, {"Nama Lengkap": "Mengetahui,"}]
    f = write_xlsx(tmp_path / "kel.xlsx", rows)
    r = import_registry(f, 2026)
    lines = r.lines()
    assert lines[:8] == [
        "Impor kel.xlsx untuk tahun kepesertaan 2026:",
        "  dibaca          : 10 baris",
        "  peserta baru    : 2",
        "  diperbarui      : 0",
        "  tidak berubah   : 0",
        "  ditolak         : 2",
        "  dilewati        : 6 baris bukan data peserta",
        "Baris yang dilewati (bukan data peserta):"]
    assert "  baris 6–9: baris kosong" in lines
    assert "  baris 12: baris jumlah" in lines and f"  baris 13: {CATATAN}" in lines
    assert "  baris 5: Kelurahan: 'Loa Janan Ilir' bukan kelurahan di Kota Balikpapan [aturan: berdomisili di " \
           f"salah satu kelurahan Kota Balikpapan; dasar: {PERWALI}]" in lines
    assert "  baris 11: Penghasilan: penghasilan 'NaN' bukan angka rupiah [aturan: penghasilan ditulis sebagai " \
           f"angka rupiah yang wajar; dasar: {PERWALI}]" in lines
    assert lines[-1] == f"Laporan penolakan (XLSX): {tmp_path / 'kel-ditolak.xlsx'}"
    text = "\n".join(lines)
    for p in (person(2), person(4)):
        assert p["No. KTP"] not in text
    assert "Budi" not in text and "Warga Uji" not in text
    assert len(r.lines(limit=1)) < len(lines) and "  … dan 1 baris lain (lihat laporan)" in r.lines(limit=1)
    # the report holds the skipped rows too, for the clerk who wants to check them
    wb = openpyxl.load_workbook(r.laporan)
    assert [list(c) for c in wb["Dilewati"].iter_rows(min_row=2, values_only=True)] == \
        [[6, KOSONG], [7, KOSONG], [8, KOSONG], [9, KOSONG], [12, JUMLAH], [13, CATATAN]]


def test_a_rejected_formula_comes_back_in_the_report_as_plain_text(home, tmp_path):
    name = '=HYPERLINK("http://x","klik")'
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"Nama Lengkap": name, "Kel.": "Jakarta"}),
                                           person(2, **{"Nama Lengkap": "@SUM(1+1)", "Kel.": "Jakarta"})])
    r = import_registry(f, 2026)
    ws = openpyxl.load_workbook(r.laporan)["Ditolak"]
    header = [c.value for c in ws[1]]
    cells = [row[header.index("Nama Lengkap")] for row in ws.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [(name, "s"), ("@SUM(1+1)", "s")]


def test_a_report_that_cannot_be_written_is_a_refusal_and_changes_nothing(home, tmp_path):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2, **{"Kel.": "Jakarta"})])
    blocked = tmp_path / "laporan"
    blocked.mkdir()
    with pytest.raises(SheetError, match="laporan penolakan tidak dapat ditulis"):
        import_registry(f, 2026, laporan=blocked)  # a folder where the report should go
    assert _count() == 0 and _count(AuditLog) == 0 and _count(Impor) == 0


def test_an_overlong_clerk_name_is_a_refusal_and_changes_nothing(home, tmp_path):
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1)])
    with pytest.raises(SheetError, match="nama petugas terlalu panjang: 150 karakter, paling banyak 100"):
        import_registry(f, 2026, oleh="x" * 150)
    assert _count() == 0 and _count(Impor) == 0
