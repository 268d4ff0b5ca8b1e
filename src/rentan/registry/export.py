"""`rentan registry export FILE`: the registry as staff want it in Excel (or CSV)."""
from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from rentan.atomic import atomic_path
from rentan.errors import Refusal
from rentan.program import program
from rentan.registry.db import session
from rentan.registry.models import Peserta, Status
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE
from rentan.xlsx import write_rows_atomic

HEADERS = ["No", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "L/P", "Alamat", "Kelurahan", "Kecamatan",
           "No. HP", "Sektor", "Pekerjaan", "Penghasilan", "Domisili Sejak", "Sumber", "Tahun Daftar",
           "Status", "Alasan Status", "Alasan Berakhir", "Tanggal Berakhir", "Nomor SK", "Mulai Kepesertaan",
           "KPJ", "Ditanggung Provinsi"]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(v) -> str | int:
    """A value as a CSV cell that a spreadsheet shows as it is: dates dd-mm-yyyy, and text that a
    spreadsheet would run as a formula (=, +, -, @ first) kept as text with a leading apostrophe."""
    if v is None:
        return ""
    if hasattr(v, "strftime"):
        return v.strftime("%d-%m-%Y")
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def export_registry(target: str | Path, status: str | None = None, url: str | None = None) -> int:
    target = Path(target)
    if status is not None and status not in {s.value for s in Status}:
        raise Refusal(f"status {status!r} tidak dikenal; pilih: " + ", ".join(s.value for s in Status))
    sektor = program().sektor
    with session(url) as s:
        q = select(Peserta).order_by(Peserta.kecamatan_kode, Peserta.kelurahan_kode, Peserta.nama, Peserta.nik)
        if status:
            q = q.where(Peserta.status == status)
        rows = [[i, p.nik, p.nama, p.tempat_lahir, p.tanggal_lahir, p.jenis_kelamin, p.alamat,
                 KELURAHAN_BY_KODE[p.kelurahan_kode].nama, KECAMATAN_BY_KODE[p.kecamatan_kode].nama,
                 p.telepon or "", sektor[p.sektor].nama if p.sektor in sektor else p.sektor, p.pekerjaan,
                 p.penghasilan, p.domisili_sejak, p.sumber, p.tahun_daftar, p.status, p.alasan_status or "",
                 p.alasan_berakhir or "", p.tanggal_berakhir, p.nomor_sk or "", p.mulai_kepesertaan,
                 p.kpj or "", "Ya" if p.ditanggung_provinsi else "Tidak"]
                for i, p in enumerate(s.scalars(q), 1)]
    if target.suffix.lower() == ".csv":
        with atomic_path(target) as tmp, open(tmp, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(HEADERS)
            w.writerows([[csv_cell(v) for v in r] for r in rows])
    elif target.suffix.lower() == ".xlsx":
        write_rows_atomic(target, {"Registri": (HEADERS, rows)})
    else:
        raise Refusal(f"ekspor hanya ke .xlsx atau .csv, bukan {target.suffix or '(tanpa ekstensi)'}")
    return len(rows)
