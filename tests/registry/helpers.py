"""Spreadsheets written the way clerks send them, for the import tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HEADERS = ["No", "No. KTP", "Nama Lengkap", "Tempat/Tgl Lahir", "L/P", "Alamat", "Kel.", "Kecamatan", "No. HP",
           "Pekerjaan", "Penghasilan Rata-rata", "Domisili Sejak"]


def person(i: int, **over) -> dict:
    """A valid participant for coverage year 2026; `i` makes the NIK unique."""
    row = {"No": i, "No. KTP": f"64710112087{5 + i // 10000}{i % 10000:04d}"[:16], "Nama Lengkap": f"Warga Uji {i}",
           "Tempat/Tgl Lahir": "Balikpapan, 12-08-1975", "L/P": "L", "Alamat": f"Jl. Mulawarman RT {i % 40} No. {i}",
           "Kel.": "Manggar", "Kecamatan": "Balikpapan Timur", "No. HP": "081234567890", "Pekerjaan": "PKL Bakso",
           "Penghasilan Rata-rata": 2_500_000, "Domisili Sejak": dt.date(2010, 1, 1)}
    row["No. KTP"] = f"6471011208{75}{i:04d}"
    row.update(over)
    return row


def write_xlsx(path: Path, rows: list[dict], headers: list[str] = HEADERS, title: str | None = "DAFTAR PESERTA") -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    datef = wb.add_format({"num_format": "dd-mm-yyyy"})
    r = 0
    if title:
        ws.write(0, 0, title)
        r = 2
    ws.write_row(r, 0, headers)
    for k, row in enumerate(rows, r + 1):
        for c, h in enumerate(headers):
            v = row.get(h)
            if isinstance(v, dt.date):
                ws.write_datetime(k, c, dt.datetime(v.year, v.month, v.day), datef)
            elif isinstance(v, str):
                ws.write_string(k, c, v)
            elif v is not None:
                ws.write(k, c, v)
    wb.close()
    return path
