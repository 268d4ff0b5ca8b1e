"""`rentan registry export FILE`: the registry as staff want it in Excel (or CSV)."""
from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from rentan.atomic import atomic_path
from rentan.errors import Refusal
from rentan.program import program
from rentan.registry.db import session
from rentan.registry.models import Kepesertaan, Peserta, Status
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE
from rentan.xlsx import write_rows_atomic

HEADERS = ["No", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "L/P", "Alamat", "Kelurahan", "Kecamatan",
           "No. HP", "Sektor", "Pekerjaan", "Penghasilan", "Domisili Sejak", "KPJ", "Ditanggung Provinsi",
           "Tahun Kepesertaan", "Status", "Alasan Status", "Lanjutan", "Diusulkan oleh", "Nomor SK",
           "Mulai Kepesertaan", "Alasan Berakhir", "Tanggal Berakhir"]


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


def export_registry(target: str | Path, status: str | None = None, url: str | None = None,
                    tahun: int | None = None) -> int:
    """One row per person and coverage year (only `tahun`, and only `status`, when given)."""
    target = Path(target)
    if status is not None and status not in {s.value for s in Status}:
        raise Refusal(f"status {status!r} tidak dikenal; pilih: " + ", ".join(s.value for s in Status))
    if target.suffix.lower() not in (".csv", ".xlsx"):
        raise Refusal(f"ekspor hanya ke .xlsx atau .csv, bukan {target.suffix or '(tanpa ekstensi)'}")
    sektor = program().sektor
    with session(url, readonly=True) as s:
        q = (select(Peserta, Kepesertaan).join(Kepesertaan, Kepesertaan.peserta_id == Peserta.id)
             .order_by(Kepesertaan.tahun, Peserta.kecamatan_kode, Peserta.kelurahan_kode, Peserta.nama, Peserta.nik))
        if status:
            q = q.where(Kepesertaan.status == status)
        if tahun:
            q = q.where(Kepesertaan.tahun == tahun)
        rows = [[i, p.nik, p.nama, p.tempat_lahir, p.tanggal_lahir, p.jenis_kelamin, p.alamat,
                 KELURAHAN_BY_KODE[p.kelurahan_kode].nama, KECAMATAN_BY_KODE[p.kecamatan_kode].nama,
                 p.telepon or "", sektor[p.sektor].nama if p.sektor in sektor else p.sektor, p.pekerjaan,
                 p.penghasilan, p.domisili_sejak, p.kpj or "", "Ya" if p.ditanggung_provinsi else "Tidak",
                 k.tahun, k.status, k.alasan_status or "", "Ya" if k.lanjutan else "Tidak", k.sumber,
                 k.nomor_sk or "", k.mulai, k.alasan_berakhir or "", k.tanggal_berakhir]
                for i, (p, k) in enumerate(s.execute(q), 1)]
    if target.suffix.lower() == ".csv":
        with atomic_path(target) as tmp, open(tmp, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(HEADERS)
            w.writerows([[csv_cell(v) for v in r] for r in rows])
    else:
        write_rows_atomic(target, {"Registri": (HEADERS, rows)})
    return len(rows)
