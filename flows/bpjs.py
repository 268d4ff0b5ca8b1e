"""Flows for what the dinas sends BPJS Ketenagakerjaan: the validation request, the registration
list and a month's berita acara rekonsiliasi. Parameters, logs and artifacts carry counts and
folders only; the lists with full NIKs stay under outputs/rahasia/."""
from __future__ import annotations

import datetime as dt

from flows import PERIODE, param, refusal_fails, tahun_param  # (Prefect settings first)
from prefect import flow
from prefect.artifacts import create_table_artifact

from rentan.documents import bpjs as doc

_FINAL = ("Terbitkan final", "Kosong: konsep (tanpa nomor, bertanda KONSEP). Final ditolak selama ada isian yang belum "
                             "diketahui atau belum dipastikan.")


def _row(published, what: str) -> dict:
    s = published.ringkasan
    return {"Naskah": what, "Peserta": s.get("peserta", s.get("peserta_dinas")), "Nomor": published.nomor or "konsep",
            "Tanggal": s["tanggal"], "Halaman": s["halaman"], "Folder": str(published.folder), "Baru": published.baru}


def _artifact(key: str, row: dict, description: str) -> dict:
    create_table_artifact(key=key, table=[row], description=description)
    return row


@flow(name="validasi-bpjs", log_prints=False)
@refusal_fails
def validasi_bpjs(
    tahun: int = tahun_param(..., "Tahun kepesertaan", "Tahun calon peserta yang dimohonkan validasinya."),
    tanggal_surat: dt.date | None = param(None, "Tanggal surat", "Kosong: hari kerja ini (WITA)."),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, *_FINAL),
) -> dict:
    p = doc.issue_validasi(tahun, tanggal_surat=tanggal_surat, demo=demo, final=final)
    return _artifact(f"validasi-bpjs-{tahun}", _row(p, "Permohonan validasi BPJS"),
                     f"Permohonan validasi calon peserta tahun {tahun} ke BPJS Ketenagakerjaan (tanpa NIK dan nama).")


@flow(name="registrasi-bpjs", log_prints=False)
@refusal_fails
def registrasi_bpjs(
    tahun: int = tahun_param(..., "Tahun kepesertaan", "Tahun SK yang pesertanya didaftarkan."),
    tanggal_surat: dt.date | None = param(None, "Tanggal surat", "Kosong: hari kerja ini (WITA)."),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, *_FINAL),
) -> dict:
    p = doc.issue_registrasi(tahun, tanggal_surat=tanggal_surat, demo=demo, final=final)
    return _artifact(f"registrasi-bpjs-{tahun}", _row(p, "Pendaftaran peserta ke BPJS"),
                     f"Daftar pendaftaran peserta tahun {tahun} ke BPJS Ketenagakerjaan (tanpa NIK dan nama).")


@flow(name="rekonsiliasi-bpjs", log_prints=False)
@refusal_fails
def rekonsiliasi_bpjs(
    periode: str = param(..., "Periode", "Bulan yang direkonsiliasi, TTTT-BB (mis. 2027-01).", pattern=PERIODE),
    tanggal: dt.date | None = param(None, "Tanggal berita acara", "Kosong: hari kerja ini (WITA)."),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, *_FINAL),
) -> dict:
    p = doc.issue_berita_acara(periode, tanggal=tanggal, demo=demo, final=final)
    return _artifact(f"rekonsiliasi-bpjs-{periode}", _row(p, f"Berita acara rekonsiliasi {periode}"),
                     f"Berita acara rekonsiliasi iuran {periode} dengan BPJS Ketenagakerjaan.")
