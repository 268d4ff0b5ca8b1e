"""Reading what clerks send (issue 11, items 3 and 4): what a clerk sees is what is read (hidden
columns, rows and sheets are not), the table is found on whichever visible sheet holds it, files are
read by what they contain, and whatever cannot be read is refused with one Indonesian line naming
the file — never a traceback."""
from __future__ import annotations

import codecs
import datetime as dt
import shutil

import openpyxl
import pytest
import xlsxwriter
from sqlalchemy import func, select

from rentan.registry.db import session
from rentan.registry.importer import TERSEMBUNYI, import_registry
from rentan.registry.models import Impor, Peserta
from rentan.registry.provinsi import import_provincial
from rentan.registry.sheets import SheetError, read_table

from .helpers import HEADERS, person, write_xlsx


def _names():
    with session() as s:
        return s.scalars(select(Peserta.nama).order_by(Peserta.nik)).all()


def _count(model=Peserta):
    with session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _refused(path, fragment: str):
    with pytest.raises(SheetError) as e:
        import_registry(path, 2026)
    message = str(e.value)
    assert fragment in message and path.name in message and "\n" not in message, message
    assert _count() == 0 and _count(Impor) == 0
    assert not path.with_name(f"{path.stem}-ditolak.xlsx").exists()
    return message


def _csv_text(rows: list[dict], delimiter: str = ";") -> str:
    from .corpus.make import csv_text
    return csv_text([HEADERS] + [[r.get(h) for h in HEADERS] for r in rows], delimiter)


# --- hidden columns, rows and sheets -----------------------------------------------------------------

def _with_hidden(path, *, hide_rows=(), writer="xlsxwriter"):
    """A stale, hidden "Nama" column before the visible "Nama Lengkap"; rows `hide_rows` hidden."""
    headers = ["No", "No. KTP", "Nama", "Nama Lengkap", *HEADERS[3:]]
    rows = [{**person(i), "Nama": f"NAMA LAMA {i}"} for i in range(1, 5)]
    if writer == "xlsxwriter":
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("Data")
        datef = wb.add_format({"num_format": "dd-mm-yyyy"})
        ws.write_row(0, 0, headers)
        for k, row in enumerate(rows, 1):
            for c, h in enumerate(headers):
                v = row.get(h)
                if isinstance(v, dt.date):
                    ws.write_datetime(k, c, dt.datetime(v.year, v.month, v.day), datef)
                elif v is not None:
                    ws.write(k, c, v)
        ws.set_column(2, 2, None, None, {"hidden": True})
        for r in hide_rows:
            ws.set_row(r - 1, None, None, {"hidden": True})
        wb.close()
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Data"
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
        ws.column_dimensions["C"].hidden = True
        for r in hide_rows:
            ws.row_dimensions[r].hidden = True
        wb.save(path)
    return path


@pytest.mark.parametrize("writer", ["xlsxwriter", "openpyxl"])
def test_a_hidden_stale_column_does_not_win_over_the_visible_one(home, tmp_path, writer):
    # today: the hidden "Nama" is read, and every participant gets the stale name
    r = import_registry(_with_hidden(tmp_path / "kel.xlsx", writer=writer), 2026)
    assert r.baru == 4
    assert _names() == [f"Warga Uji {i}" for i in range(1, 5)]


@pytest.mark.parametrize("writer", ["xlsxwriter", "openpyxl"])
def test_hidden_rows_are_skipped_and_said(home, tmp_path, writer):
    # today: the hidden rows are imported as if the clerk had sent them
    r = import_registry(_with_hidden(tmp_path / "kel.xlsx", hide_rows=(3, 5), writer=writer), 2026)
    assert (r.baru, r.dibaca, r.dilewati) == (2, 4, [(3, TERSEMBUNYI), (5, TERSEMBUNYI)])
    assert _names() == ["Warga Uji 1", "Warga Uji 3"]
    assert "  baris 3, 5: baris tersembunyi" in r.lines()


def test_a_file_whose_every_data_row_is_hidden_is_refused_and_says_so(home, tmp_path):
    _refused(_with_hidden(tmp_path / "kel.xlsx", hide_rows=(2, 3, 4, 5)), "semua baris data di bawah judul kolom tersembunyi")


def test_hidden_rows_of_the_provincial_list_are_not_read_but_reported(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2)]), 2026)
    path = tmp_path / "prov.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["NIK"])
    ws.write_string(1, 0, person(1)["No. KTP"])
    ws.write_string(2, 0, person(2)["No. KTP"])
    ws.set_row(2, None, None, {"hidden": True})
    wb.close()
    r = import_provincial(path)
    assert (r.dimuat, r.ditandai) == (1, 1)
    assert [b for b, _ in r.tidak_terbaca] == [3] and "tersembunyi" in r.tidak_terbaca[0][1]


def _workbook(path, sheets: dict[str, list[list] | None], hidden: tuple[str, ...] = ()):
    wb = xlsxwriter.Workbook(str(path))
    shown = None
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows or []):
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else v)
        if name in hidden:
            ws.hide()
        elif shown is None:
            shown = ws
    shown.activate()  # Excel (and xlsxwriter) cannot hide the sheet that is open
    wb.close()
    return path


def _table(rows: list[dict]) -> list[list]:
    return [HEADERS] + [[r.get(h) for h in HEADERS] for r in rows]


def test_the_table_on_the_second_sheet_is_found(home, tmp_path):
    # today: "baris judul kolom tidak ditemukan", without naming any sheet
    f = _workbook(tmp_path / "kel.xlsx", {"Petunjuk": [["Isi lembar Data di sebelah"], ["Terima kasih"]],
                                          "Data": _table([person(1), person(2)])})
    r = import_registry(f, 2026)
    assert (r.baru, r.lembar) == (2, "Data")
    assert r.lines()[0] == "Impor kel.xlsx untuk tahun kepesertaan 2026: (lembar 'Data')"


def test_when_no_sheet_has_the_table_the_refusal_names_the_sheets_looked_at(home, tmp_path):
    f = _workbook(tmp_path / "kel.xlsx", {"Petunjuk": [["Isi lembar Data"]], "Rekap": [["Jumlah", 12]],
                                          "Lama": _table([person(1)])}, hidden=("Lama",))
    message = _refused(f, "baris judul kolom tidak ditemukan")
    assert message == ("kel.xlsx: baris judul kolom tidak ditemukan (mis. kolom NIK, Nama); lembar yang diperiksa: "
                       "'Petunjuk', 'Rekap' (lembar tersembunyi tidak dibaca: 'Lama')")


def test_a_hidden_sheet_of_stale_data_is_not_read(home, tmp_path):
    stale = [{**person(1), "Nama Lengkap": "NAMA LAMA"}, person(9)]
    f = _workbook(tmp_path / "kel.xlsx", {"Lama": _table(stale), "Data": _table([person(1), person(2)])},
                  hidden=("Lama",))
    assert import_registry(f, 2026).baru == 2
    assert _names() == ["Warga Uji 1", "Warga Uji 2"]


def test_missing_columns_on_the_best_sheet_are_named_with_the_sheet(home, tmp_path):
    f = _workbook(tmp_path / "kel.xlsx", {"Petunjuk": [["-"]], "Data": [["No", "NIK", "Nama"], [1, "x", "y"]]})
    message = _refused(f, "kolom wajib tidak ada (lembar 'Data'): Tempat/Tgl Lahir atau Tanggal Lahir, Kelurahan")
    assert "lembar yang diperiksa: 'Petunjuk', 'Data'" in message


# --- files read by content, refused in one line -----------------------------------------------------

def test_an_xlsx_renamed_csv_is_read_as_xlsx(home, tmp_path):
    # today: decoded as text, and a traceback
    src = write_xlsx(tmp_path / "kel.xlsx", [person(1), person(2)])
    renamed = tmp_path / "kel.csv"
    shutil.move(src, renamed)
    assert import_registry(renamed, 2026).baru == 2


@pytest.mark.parametrize("encoding,bom,delimiter", [
    ("utf-8", b"", ";"), ("utf-8", codecs.BOM_UTF8, ";"), ("utf-8", b"", ","), ("utf-8", codecs.BOM_UTF8, "\t"),
    ("cp1252", b"", ";"), ("utf-16-le", codecs.BOM_UTF16_LE, "\t"), ("utf-16-be", codecs.BOM_UTF16_BE, "\t"),
    ("utf-16-le", b"", "\t"),
])
def test_csv_in_the_encodings_and_delimiters_clerks_save(home, tmp_path, encoding, bom, delimiter):
    # today: UTF-16 (Excel's "Unicode text") ended in a traceback; tab was not a delimiter
    rows = [person(1, **{"Nama Lengkap": "Ma’ruf Amin"}), person(2, **{"Nama Lengkap": "Andi Saputra"})]
    f = tmp_path / "kel.csv"
    f.write_bytes(bom + _csv_text(rows, delimiter).encode(encoding))
    r = import_registry(f, 2026)
    assert (r.baru, r.ditolak) == (2, [])
    assert _names() == ["Ma’ruf Amin", "Andi Saputra"]


def test_the_delimiter_is_the_one_that_reads_the_header(home, tmp_path):
    # a comma inside "Tempat, Tgl Lahir" and in every birth place: still a semicolon file
    f = tmp_path / "kel.csv"
    f.write_text("DAFTAR PESERTA, KELURAHAN MANGGAR\n\n"
                 "No;NIK;Nama;Tempat, Tgl Lahir;Kel.;Pekerjaan;Penghasilan;Domisili Sejak\n"
                 "1;6471011208750001;A;Balikpapan, 12-08-1975;Teritip;Buruh;1.000.000;01-01-2000\n", encoding="utf-8")
    r = import_registry(f, 2026)
    assert r.baru == 1


@pytest.mark.parametrize("make,fragment", [
    (lambda p: p.mkdir(), "adalah folder, bukan berkas"),
    (lambda p: p.write_bytes(b""), "berkas kosong"),
    (lambda p: p.write_bytes(b"No;NIK;Nama\n1;\x81\x8d\x8f\x90\x9d;x\n"), "tidak dapat dibaca sebagai teks"),
    (lambda p: p.write_bytes(b"No;NIK\x00;Nama\n1;2;3\n\x00\x01\x02"), "berisi karakter NUL"),
    (lambda p: p.write_bytes(b"PK\x03\x04 bukan zip"), "tidak dapat dibaca sebagai XLSX"),
    (lambda p: p.write_text("<html><body><table><tr><td>NIK</td></tr></table></body></html>"), "halaman HTML"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "berkas PDF"),
    (lambda p: p.write_text("Catatan rapat\nBelum ada data\n", encoding="utf-8"), "baris judul kolom tidak ditemukan"),
    (lambda p: p.write_text(";;;\n;;;\n", encoding="utf-8"), "lembar kerja kosong"),
])
def test_what_cannot_be_read_is_refused_in_one_line_naming_the_file(home, tmp_path, make, fragment):
    # today: IsADirectoryError, UnboundLocalError, csv.Error "line contains NUL" … as tracebacks
    f = tmp_path / "kel.csv"
    make(f)
    _refused(f, fragment)


def test_a_missing_file_is_refused(home, tmp_path):
    with pytest.raises(SheetError, match="tidak ditemukan"):
        import_registry(tmp_path / "tidak-ada.xlsx", 2026)


def test_ods_is_read_through_calamine(home, tmp_path):
    from .corpus.make import write_ods
    f = write_ods(tmp_path / "kel.ods", _table([person(1), person(2)]))
    assert import_registry(f, 2026).baru == 2


def test_a_long_cell_in_a_csv_is_a_rows_problem_not_the_files(home, tmp_path):
    f = tmp_path / "kel.csv"
    f.write_text(_csv_text([person(1, Alamat="x" * 200_000), person(2)]), encoding="utf-8")
    r = import_registry(f, 2026)
    assert r.baru == 1 and r.ditolak[0].violations[0].rule.kode == "panjang"


def test_read_table_keeps_the_visible_headers_only(tmp_path):
    from rentan.registry.importer import COLUMNS, REQUIRED
    t = read_table(_with_hidden(tmp_path / "k.xlsx", hide_rows=(4,)), COLUMNS, REQUIRED)
    assert t.headers == ["No", "No. KTP", "Nama Lengkap", *HEADERS[3:]]
    assert [b for b, _ in t.rows] == [2, 3, 5] and [b for b, _ in t.hidden] == [4]
    assert len(t.sha256) == 64
