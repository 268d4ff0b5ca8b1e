"""BPJS Ketenagakerjaan's answers as a branch sends them: a title block, the table, a totals row."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter


def write(path: Path, headers: list[str], rows: list[list], above: list[str] = ("BPJS KETENAGAKERJAAN",),
          footer: list | None = None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    datef = wb.add_format({"num_format": "dd/mm/yyyy"})
    r = 0
    for line in above:
        ws.write_string(r, 0, line)
        r += 1
    if above:
        r += 1
    ws.write_row(r, 0, headers)
    for row in [*rows, *([footer] if footer else [])]:
        r += 1
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), datef)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            elif v is not None:
                ws.write(r, c, v)
    wb.close()
    return path


def validation_answer(path: Path, people, results: dict[str, tuple[str, str]] | None = None) -> Path:
    """`people`: (nik, nama, tanggal_lahir); `results[nik]`: (hasil, keterangan), default Valid."""
    results = results or {}
    rows = [[i, nik, nama, lahir, *results.get(nik, ("Valid", ""))] for i, (nik, nama, lahir) in enumerate(people, 1)]
    return write(path, ["No", "NIK", "Nama Peserta", "Tgl Lahir", "Status Validasi", "Keterangan"], rows,
                 above=["BPJS KETENAGAKERJAAN CABANG BALIKPAPAN", "HASIL VALIDASI CALON PESERTA"])


def kpj_answer(path: Path, people: list[tuple[str, str, str]]) -> Path:
    """`people`: (nik, nama, kpj)."""
    return write(path, ["No", "NIK", "Nama", "No. KPJ"], [[i, *p] for i, p in enumerate(people, 1)])


def bill(path: Path, kode: str | None, lines: list[tuple[str, str | None, int]], total: bool = True) -> Path:
    """`lines`: (nik, kpj, amount); the JKK/JKM split is the programme's."""
    def jkk(amount: int) -> int:
        return 10_000 if amount == 16_800 else amount // 2
    rows = [[i, nik, kpj or "", f"Peserta {i}", jkk(amount), amount - jkk(amount), amount]
            for i, (nik, kpj, amount) in enumerate(lines, 1)]
    above = ["BPJS KETENAGAKERJAAN CABANG BALIKPAPAN", "TAGIHAN IURAN BPU PEMERINTAH KOTA BALIKPAPAN"]
    if kode:
        above.append(f"Kode Iuran: {kode}")
    return write(path, ["No", "NIK", "No. KPJ", "Nama", "Iuran JKK", "Iuran JKM", "Jumlah Iuran"], rows, above=above,
                 footer=["", "", "", "TOTAL", "", "", sum(x[2] for x in lines)] if total else None)
