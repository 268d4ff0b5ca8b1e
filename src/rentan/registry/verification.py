"""The verification return form: written for each verifying agency with its list of participants,
and read back when the agency returns it (`rentan verification import FILE`).

An answer is applied only when the row is the one we sent: an unknown NIK, identity columns that
were altered, a blank or unknown answer, or "Tidak Sesuai" without a reason is reported, not applied.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import xlsxwriter
from sqlalchemy import select, update

from rentan.atomic import atomic_path
from rentan.idfmt import tanggal
from rentan.registry import audit, cells
from rentan.registry.cells import CellError
from rentan.registry.db import session
from rentan.registry.models import Peserta, Status
from rentan.registry.sheets import columns, read_table
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE

SHEET = "Formulir Verifikasi"
HEADERS = ["No", "NIK", "Nama", "Tempat/Tanggal Lahir", "L/P", "Pekerjaan", "Kelurahan", "Kecamatan",
           "Hasil Verifikasi", "Keterangan"]
SESUAI, TIDAK_SESUAI = "Sesuai", "Tidak Sesuai"
FORM_COLUMNS = columns(
    ("nik", "NIK", ["NIK"]), ("nama", "Nama", ["Nama"]), ("ttl", "Tempat/Tanggal Lahir", ["Tempat/Tanggal Lahir"]),
    ("hasil", "Hasil Verifikasi", ["Hasil Verifikasi", "Hasil"]), ("keterangan", "Keterangan", ["Keterangan"]),
)


def ttl(p: Peserta) -> str:
    return f"{p.tempat_lahir}, {tanggal(p.tanggal_lahir)}"


def write_form(target: Path, people: Sequence[Peserta], *, instansi: str, nomor: str, tanggal_surat: dt.date,
               batas: dt.date, demo: bool = False) -> int:
    """The XLSX the agency fills in: identity columns locked, answers chosen from a list."""
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False})
        wb.set_properties({"created": dt.datetime(tanggal_surat.year, tanggal_surat.month, tanggal_surat.day),
                           "author": "rentan", "title": f"Formulir verifikasi {nomor}"})
        ws = wb.add_worksheet(SHEET)
        bold = wb.add_format({"bold": True})
        head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center",
                              "valign": "vcenter", "locked": True})
        locked = wb.add_format({"border": 1, "locked": True})
        answer = wb.add_format({"border": 1, "locked": False, "bg_color": "#FFF2CC"})
        ws.write(0, 0, "FORMULIR HASIL VERIFIKASI CALON PESERTA BANTUAN IURAN BPJS KETENAGAKERJAAN PEKERJA RENTAN", bold)
        ws.write(1, 0, f"Instansi verifikator: {instansi}")
        ws.write(2, 0, f"Surat nomor {nomor} tanggal {tanggal(tanggal_surat)}; mohon dikembalikan paling lambat "
                       f"{tanggal(batas)}. Isi kolom Hasil Verifikasi (Sesuai/Tidak Sesuai) dan Keterangan "
                       "(wajib bila Tidak Sesuai). Kolom lain jangan diubah.")
        if demo:
            ws.write(3, 0, "DEMO — DATA SINTETIS", bold)
        header_row = 4
        ws.write_row(header_row, 0, HEADERS, head)
        for i, p in enumerate(people, 1):
            r = header_row + i
            ws.write_number(r, 0, i, locked)
            for c, v in enumerate([p.nik, p.nama, ttl(p), p.jenis_kelamin, p.pekerjaan,
                                   KELURAHAN_BY_KODE[p.kelurahan_kode].nama,
                                   KECAMATAN_BY_KODE[p.kecamatan_kode].nama], 1):
                ws.write_string(r, c, v, locked)
            ws.write_blank(r, 8, None, answer)
            ws.write_blank(r, 9, None, answer)
        if people:
            ws.data_validation(header_row + 1, 8, header_row + len(people), 8,
                               {"validate": "list", "source": [SESUAI, TIDAK_SESUAI],
                                "error_message": "Pilih Sesuai atau Tidak Sesuai"})
        for c, w in enumerate([6, 19, 30, 30, 5, 24, 20, 20, 16, 40]):
            ws.set_column(c, c, w)
        ws.freeze_panes(header_row + 1, 0)
        ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})
        wb.close()
    return len(people)


@dataclass
class VerificationResult:
    berkas: str
    dibaca: int
    sesuai: int = 0
    tidak_sesuai: int = 0
    tidak_berubah: int = 0
    dilaporkan: list[tuple[int, str]] = field(default_factory=list)  # (row, why it was not applied)


def _answer(value) -> str | None:
    s = cells.text(value).lower().replace("-", " ")
    s = " ".join(s.split())
    if s in {"sesuai", "ya", "s"}:
        return SESUAI
    if s in {"tidak sesuai", "tidak", "ts", "tdk sesuai"}:
        return TIDAK_SESUAI
    return None


def import_results(path: str | Path, *, oleh: str | None = None, url: str | None = None) -> VerificationResult:
    """Apply a returned form: Sesuai → verified, Tidak Sesuai → rejected with the reason."""
    path = Path(path)
    table = read_table(path, FORM_COLUMNS, [("nik",), ("nama",), ("ttl",), ("hasil",), ("keterangan",)])
    res = VerificationResult(path.name, len(table.rows) + len(table.hidden))
    # a row the agency hid is not an answer anyone saw: reported, never applied
    res.dilaporkan += [(baris, "baris disembunyikan di formulir; jawaban tidak diterapkan") for baris, _ in table.hidden]
    who = audit.actor(oleh)
    now = dt.datetime.now(dt.timezone.utc)

    def cell(row, f):
        i = table.mapping[f]
        return row[i] if i < len(row) else None

    with session(url) as s:
        niks = []
        for _, row in table.rows:
            try:
                niks.append(cells.nik(cell(row, "nik")))  # ASCII digits, whatever digits were typed
            except CellError:
                pass
        known = {}
        for i in range(0, len(niks), 5000):
            known.update({p.nik: p for p in s.scalars(select(Peserta).where(Peserta.nik.in_(niks[i:i + 5000])))})
        entries, seen, changes = [], set(), []
        for baris, row in table.rows:
            try:
                nik = cells.nik(cell(row, "nik"))
            except CellError as e:
                res.dilaporkan.append((baris, f"NIK: {e}"))
                continue
            p = known.get(nik)
            if p is None:
                res.dilaporkan.append((baris, "NIK tidak dikenal di registri (bukan dari daftar yang kami kirim)"))
                continue
            if nik in seen:
                res.dilaporkan.append((baris, "NIK muncul lebih dari sekali dalam formulir"))
                continue
            seen.add(nik)
            if cells.text(cell(row, "nama")) != p.nama or cells.text(cell(row, "ttl")) != ttl(p):
                res.dilaporkan.append((baris, "kolom identitas (Nama atau Tempat/Tanggal Lahir) diubah; "
                                              "jawaban tidak diterapkan"))
                continue
            hasil = _answer(cell(row, "hasil"))
            ket = cells.text(cell(row, "keterangan"))
            if cell(row, "hasil") in (None, "") or not cells.text(cell(row, "hasil")):
                res.dilaporkan.append((baris, "Hasil Verifikasi kosong"))
                continue
            if hasil is None:
                res.dilaporkan.append((baris, f"Hasil Verifikasi {cells.text(cell(row, 'hasil'))!r} harus "
                                              "Sesuai atau Tidak Sesuai"))
                continue
            if hasil == TIDAK_SESUAI and not ket:
                res.dilaporkan.append((baris, "Keterangan wajib diisi bila Tidak Sesuai"))
                continue
            new_status = Status.TERVERIFIKASI.value if hasil == SESUAI else Status.DITOLAK.value
            new_reason = None if hasil == SESUAI else f"tidak sesuai hasil verifikasi: {ket}"
            if p.status == new_status and p.alasan_status == new_reason:
                res.tidak_berubah += 1
                continue
            if p.status not in (Status.TERDAFTAR.value, Status.TERVERIFIKASI.value, Status.DITOLAK.value):
                res.dilaporkan.append((baris, f"peserta sudah berstatus {p.status}; hasil verifikasi tidak diterapkan"))
                continue
            changes.append({"id": p.id, "status": new_status, "alasan_status": new_reason})
            entries.append(audit.entry(nik, "verifikasi", who, f"{hasil} — formulir {path.name}" + (f": {ket}" if ket else ""),
                                       {"status": (p.status, new_status), "alasan_status": (p.alasan_status, new_reason)},
                                       now))
            if hasil == SESUAI:
                res.sesuai += 1
            else:
                res.tidak_sesuai += 1
        if changes:
            s.execute(update(Peserta), changes)  # bulk UPDATE by primary key
        audit.record(s, entries)
    res.dilaporkan.sort()
    return res
