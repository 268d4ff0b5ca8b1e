"""The corpus of ugly sheets: files as kelurahan and OPD clerks really send them, each with its
expected outcome in expected.yaml (tests/registry/test_corpus.py imports every one).

    python tests/registry/corpus/make.py        # rebuilds every file here, byte for byte the same

Everything is deterministic: fixed people, fixed document dates, fixed zip timestamps.
"""
from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlsxwriter

HERE = Path(__file__).resolve().parent
CREATED = dt.datetime(2025, 10, 20, 8, 0, 0)
HEADERS = ["No", "No. KTP", "Nama Lengkap", "Tempat/Tgl Lahir", "L/P", "Alamat", "Kel.", "Kecamatan", "No. HP",
           "Pekerjaan", "Penghasilan Rata-rata", "Domisili Sejak"]
NAMES = ["Siti Aminah", "Budi Santoso", "Rina Marlina", "Ahmad Fauzi", "Dewi Lestari", "Joko Susilo", "Nur Hidayah",
         "Agus Salim", "Wati Kusuma", "Hendra Gunawan", "Yuli Astuti", "Rudi Hartono"]
KELURAHAN = [("Manggar", "Balikpapan Timur"), ("Gunung Samarinda", "Balikpapan Utara"),
             ("Sepinggan Baru", "Balikpapan Selatan"), ("Baru Ulu", "Balikpapan Barat"),
             ("Karang Rejo", "Balikpapan Tengah"), ("Prapatan", "Balikpapan Kota")]
WORK = ["PKL Bakso", "Driver Ojol", "Nelayan", "Buruh Harian Lepas", "Petani", "Tukang Parkir"]


def person(i: int, **over) -> dict:
    """A valid participant for coverage year 2026 (born 1970–1989, living here since 2000)."""
    female = i % 2 == 0
    born = dt.date(1970 + i % 20, 1 + i % 12, 1 + i % 28)
    day = born.day + (40 if female else 0)
    kel, kec = KELURAHAN[i % len(KELURAHAN)]
    row = {"No": i, "No. KTP": f"647101{day:02d}{born.month:02d}{born.year % 100:02d}{i:04d}",
           "Nama Lengkap": NAMES[i % len(NAMES)] + f" {i}", "Tempat/Tgl Lahir": f"Balikpapan, {born:%d-%m-%Y}",
           "L/P": "P" if female else "L", "Alamat": f"Jl. Mulawarman RT {i % 40:02d} No. {i}", "Kel.": kel,
           "Kecamatan": kec, "No. HP": f"0812{i:08d}", "Pekerjaan": WORK[i % len(WORK)],
           "Penghasilan Rata-rata": 1_000_000 + 50_000 * i, "Domisili Sejak": dt.date(2000, 1, 1)}
    row.update(over)
    return row


def table(rows: list[dict], headers=HEADERS) -> list[list]:
    return [list(headers)] + [[r.get(h) for h in headers] for r in rows]


# --- writers --------------------------------------------------------------------------------------

def write_xlsx(path: Path, sheets: dict[str, list[list]], *, hidden_sheets=(), hidden_cols: dict | None = None,
               hidden_rows: dict | None = None, merges: dict | None = None, numbers_as_text=()) -> Path:
    """{sheet: rows}; a date is a date cell, a float stays a number (a NIK Excel turned into one)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False, "nan_inf_to_errors": True})
    wb.set_properties({"created": CREATED, "author": "Operator Kelurahan"})
    datef = wb.add_format({"num_format": "dd-mm-yyyy"})
    bold = wb.add_format({"bold": True, "align": "center"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for (r1, c1, r2, c2, text) in (merges or {}).get(name, []):
            ws.merge_range(r1, c1, r2, c2, text, bold)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or any(m[0] <= r <= m[2] and m[1] <= c <= m[3] for m in (merges or {}).get(name, [])):
                    continue
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), datef)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                elif isinstance(v, bool):
                    ws.write_boolean(r, c, v)
                else:
                    ws.write_number(r, c, v)
        for c in (hidden_cols or {}).get(name, []):
            ws.set_column(c, c, None, None, {"hidden": True})
        for r in (hidden_rows or {}).get(name, []):
            ws.set_row(r, None, None, {"hidden": True})
        if name in hidden_sheets:
            ws.hide()
    wb.close()
    return path


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and fixed document dates (openpyxl stamps "now")."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-10-20T08:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, (2025, 10, 20, 8, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_openpyxl(path: Path, rows: list[list], *, hidden_cols=(), hidden_rows=()) -> Path:
    """Another writer's XML: hidden columns and rows as openpyxl (and Excel) write them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    for letter in hidden_cols:
        ws.column_dimensions[letter].hidden = True
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))
    return path


def write_ods(path: Path, rows: list[list]) -> Path:
    """A minimal OpenDocument spreadsheet (LibreOffice's own format), written by hand."""
    def cell(v) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, dt.date):
            return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                    f"<text:p>{v:%d-%m-%Y}</text:p></table:table-cell>")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Data">'
               f"{body}</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        stamp = (2025, 10, 20, 8, 0, 0)
        z.writestr(zipfile.ZipInfo("mimetype", stamp), "application/vnd.oasis.opendocument.spreadsheet",
                   zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), manifest, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("content.xml", stamp), content, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())
    return path


def _text_cell(v) -> str:
    if isinstance(v, dt.date):
        return f"{v:%d-%m-%Y}"
    return "" if v is None else str(v)


def csv_text(rows: list[list], delimiter: str) -> str:
    out = []
    for row in rows:
        cells = []
        for v in row:
            s = _text_cell(v)
            if delimiter in s or '"' in s:
                s = '"' + s.replace('"', '""') + '"'
            cells.append(s)
        out.append(delimiter.join(cells))
    return "\r\n".join(out) + "\r\n"


# --- the corpus ------------------------------------------------------------------------------------

TITLE = ["DAFTAR CALON PESERTA BANTUAN IURAN BPJS KETENAGAKERJAAN PEKERJA RENTAN TAHUN 2026"]


def _signature_block() -> list[list]:
    blank = [None] * len(HEADERS)

    def at(**cols) -> list:
        row = list(blank)
        for h, v in cols.items():
            row[HEADERS.index(h.replace("_", " ").replace("Nama Lengkap", "Nama Lengkap"))] = v
        return row
    return [blank,
            [f"Keterangan: data per 20 Oktober 2025, dihimpun oleh RT se-Kelurahan Manggar"] + blank[1:],
            blank,
            at(**{"Nama Lengkap": "Mengetahui,", "Pekerjaan": "Balikpapan, 20 Oktober 2025"}),
            at(**{"Nama Lengkap": "Lurah Manggar", "Pekerjaan": "Petugas Pendata"}),
            blank, blank,
            at(**{"Nama Lengkap": "H. SUPRIYADI, S.Sos., M.Si", "Pekerjaan": "RINA MARLINA"}),
            at(**{"Nama Lengkap": "NIP. 19700101 199003 1 005"})]


def build(folder: Path = HERE) -> list[Path]:
    made: list[Path] = []

    def add(p: Path) -> None:
        made.append(p)

    f = folder
    people = [person(i) for i in range(1, 11)]
    add(write_xlsx(f / "01-rapi.xlsx", {"Data Peserta": [TITLE, [], *table(people)]}))

    numbering = [f"({i})" for i in range(1, len(HEADERS) + 1)]
    add(write_xlsx(f / "02-judul-gabung.xlsx",
                   {"Sheet1": [[None], [None], [None], [None], [None], *table(people[:8])[:1], numbering,
                               *table(people[:8])[1:]]},
                   merges={"Sheet1": [(0, 0, 0, 11, "PEMERINTAH KOTA BALIKPAPAN"), (1, 0, 1, 11, "KELURAHAN MANGGAR"),
                                      (2, 0, 3, 11, TITLE[0])]}))

    total = sum(p["Penghasilan Rata-rata"] for p in people[:6])
    totals = [None, None, "JUMLAH 6 orang", None, None, None, None, None, None, None, total, None]
    add(write_xlsx(f / "03-jumlah-dan-ttd.xlsx", {"Data": [TITLE, [], *table(people[:6]), totals,
                                                           *_signature_block()]}))

    as_numbers = [person(1, **{"No. KTP": 6471010101700001.0}),  # 16 digits, last one kept: fine
                  person(2, **{"No. KTP": 6471014202710000.0}),  # the 16th digit Excel lost
                  person(3, **{"No. KTP": "6,47101E+15"}),  # as Excel shows it, retyped
                  person(4, **{"No. KTP": 6471010404730004.0}),
                  person(5, **{"No. KTP": 6.47101e15})]
    add(write_xlsx(f / "04-nik-angka.xlsx", {"Data": table(as_numbers)}))

    stale = ["No", "No. KTP", "Nama", *HEADERS[2:]]
    add(write_xlsx(f / "05-kolom-tersembunyi.xlsx",
                   {"Data": [stale] + [[p.get(h) if h != "Nama" else "NAMA LAMA" for h in stale] for p in people[:5]]},
                   hidden_cols={"Data": [2, 8]}))  # the stale name, and the phone (fine to hide)

    add(write_xlsx(f / "06-baris-tersembunyi.xlsx", {"Data": table(people[:6])},
                   hidden_rows={"Data": [2, 5]}))  # rows 3 and 6 filtered away by the clerk

    add(write_xlsx(f / "07-lembar-kedua.xlsx",
                   {"Petunjuk": [["Petunjuk pengisian"], ["1. Isi lembar Data"], ["2. NIK sebagai teks"]],
                    "Data": table(people[:5])}))

    add(write_xlsx(f / "08-lembar-tersembunyi.xlsx",
                   {"Catatan": [["Data dikirim terpisah"]], "Data": table(people[:5])}, hidden_sheets=("Data",)))

    def add_text(name: str, raw: bytes) -> None:
        (f / name).write_bytes(raw)
        add(f / name)

    add_text("09-utf8-bom.csv", codecs.BOM_UTF8 + csv_text(table(people[:5]), ";").encode("utf-8"))
    add_text("10-utf8-koma.csv", csv_text(table(people[:5]), ",").encode("utf-8"))
    accented = [person(1, **{"Nama Lengkap": "Ma’ruf Amin"}), person(2, **{"Nama Lengkap": "Andé Rusdi"}),
                person(3, **{"Alamat": "Jl. A. Yani – Gg. Mawar"}), person(4)]
    add_text("11-cp1252.csv", csv_text(table(accented), ";").encode("cp1252"))
    add_text("12-teks-unicode.txt", codecs.BOM_UTF16_LE + csv_text(table(people[:5]), "\t").encode("utf-16-le"))

    buf = f / "13-xlsx-bernama.csv"
    write_xlsx(buf, {"Data": table(people[:3])})
    add(buf)

    full = str.maketrans("0123456789", "０１２３４５６７８９")
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    scripts = [person(1, **{"No. KTP": person(1)["No. KTP"].translate(full)}),
               person(2, **{"No. KTP": person(2)["No. KTP"].translate(arabic)}),
               person(3), person(4),
               person(5, **{"No. KTP": person(3)["No. KTP"].translate(full), "Nama Lengkap": "Orang Yang Sama"})]
    add_text("14-digit-lebar.csv", csv_text(table(scripts), ";").encode("utf-8"))

    add_text("15-kosong.csv", b"")
    add_text("16-biner-nul.csv", b"No;NIK;Nama\r\n1;\x00\x00\x00;x\r\n" + bytes(range(256)))
    add_text("17-rusak.xlsx", b"PK\x03\x04" + b"\x14\x00" * 40 + b"dipotong di tengah unduhan")

    repeated = table(people[:4]) + [[None] * len(HEADERS)] + table(people[4:8])
    add(write_xlsx(f / "18-judul-berulang.xlsx", {"Data": repeated}))

    odd = [person(1, **{"Penghasilan Rata-rata": "NaN"}),
           person(2, **{"Penghasilan Rata-rata": "Infinity"}),
           person(3, **{"Penghasilan Rata-rata": "1E+400"}),
           person(4, **{"Penghasilan Rata-rata": -750_000}),
           person(5, **{"No. KTP": None}),
           person(6, **{"Tempat/Tgl Lahir": "Balikpapan, 12-08-2030"}),
           person(7, **{"Domisili Sejak": dt.date(1960, 1, 1)}),
           person(8, **{"Nama Lengkap": "Nama Yang Sangat Panjang " * 20}),
           person(9, **{"No. HP": 81234567890}),
           person(10, **{"L/P": True}),
           person(11, **{"Nama Lengkap": '=HYPERLINK("http://contoh.id","klik")'}),
           person(12, **{"Penghasilan Rata-rata": "Rp 3.856.694,44"})]
    add(write_xlsx(f / "19-nilai-aneh.xlsx", {"Data": table(odd)}))

    add(write_xlsx(f / "20-tanpa-judul-kolom.xlsx", {"Sheet1": [["Daftar menyusul"], ["Terima kasih"]]}))
    add_text("21-tab.tsv", csv_text(table(people[:4]), "\t").encode("utf-8"))
    add(write_ods(f / "22-lembar.ods", table(people[:3])))
    add(write_xlsx(f / "23-kolom-wajib-hilang.xlsx", {"Data": table(people[:3], HEADERS[:-1])}))

    spellings = [person(1, **{"Kel.": "Kel. Gn. Samarinda", "Kecamatan": "BALIKPAPAN UTARA",
                              "Tempat/Tgl Lahir": "Balikpapan, 1 Februari 1971"}),
                 person(2, **{"Kel.": "SUNGAINANGKA", "Kecamatan": "Balikpapan Selatan", "L/P": "Perempuan",
                              "Tempat/Tgl Lahir": "Balikpapan, 02/03/1972"}),
                 person(3, **{"Kel.": "  muara  rapak ", "Kecamatan": "Kec. Balikpapan Utara",
                              "Tempat/Tgl Lahir": "Pare-Pare , 4 Apr 1973", "L/P": "Laki-laki"}),
                 person(4, **{"Domisili Sejak": "01/01/2000", "Penghasilan Rata-rata": "Rp 1.250.000,-"}),
                 person(5, **{"Domisili Sejak": 36526, "Penghasilan Rata-rata": "1,300,000"})]
    add(write_xlsx(f / "24-ejaan-dan-tanggal.xlsx", {"Data": table(spellings)}))
    add_text("25-html.xls", "<html><head><meta charset='utf-8'></head><body><table><tr><td>No</td><td>NIK</td>"
                            "</tr></table></body></html>".encode("utf-8"))
    add_text("26-utf16-tanpa-bom.csv", csv_text(table(people[:3]), "\t").encode("utf-16-le"))
    add(write_openpyxl(f / "27-openpyxl-tersembunyi.xlsx", [stale] + [
        [p.get(h) if h != "Nama" else "NAMA LAMA" for h in stale] for p in people[:5]],
        hidden_cols=("C",), hidden_rows=(3,)))
    add_text("28-xml-2003.xls", b'<?xml version="1.0"?>\r\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
                                b'spreadsheet"><Worksheet ss:Name="Data"/></Workbook>\r\n')
    (f / "29-folder.csv").mkdir(exist_ok=True)
    (f / "29-folder.csv" / "README").write_text("Sebuah folder yang namanya seperti berkas CSV.\n", encoding="utf-8")
    made.append(f / "29-folder.csv")
    mixed = table(people[:3]) + [[None] * len(HEADERS)] * 3 + [row for row in table(people[3:6])[1:]]
    add(write_xlsx(f / "30-baris-kosong-di-tengah.xlsx", {"Data": mixed}))
    return made


if __name__ == "__main__":
    for p in build():
        print(p.relative_to(HERE))
