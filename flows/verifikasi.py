"""`verifikasi` flow: one memo per verifying agency for the year's unverified participants, with
its Lampiran and return form. Parameters, logs and the artifact carry counts and paths only."""
from __future__ import annotations

import datetime as dt

from flows import MAKS_PUTARAN, param, refusal_fails, retry_unless, tahun_param, value  # (Prefect settings first)
from prefect import flow, task
from prefect.artifacts import create_table_artifact

from rentan.clock import today, working_day_on_or_after
from rentan.documents import verifikasi as doc


@task(name="terbitkan-memo", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def terbitkan_memo(tahun: int, instansi: str, tanggal_surat: dt.date, putaran: int, demo: bool, final: bool) -> dict:
    published = doc.issue_memo(tahun, instansi, tanggal_surat=tanggal_surat, putaran=putaran, demo=demo, final=final)
    s = published.ringkasan
    return {"Instansi": s["instansi"], "Jumlah": s["jumlah"], "Calon baru": s.get("baru", s["jumlah"]),
            "Peserta lanjutan": s.get("lanjutan", 0), "Nomor": published.nomor, "Tanggal": s["tanggal"],
            "Halaman": s["halaman"], "Folder": str(published.folder), "Baru": published.baru}


@flow(name="verifikasi", log_prints=False)
@refusal_fails
def verifikasi(
    tahun: int = tahun_param(..., "Tahun kepesertaan", "Tahun yang dimohonkan verifikasinya, mis. 2027."),
    tanggal_surat: dt.date | None = param(None, "Tanggal surat", "Kosong: hari kerja ini (WITA)."),
    putaran: int = param(1, "Putaran verifikasi", "1 untuk permohonan pertama; naikkan untuk permohonan susulan.",
                         ge=1, le=MAKS_PUTARAN),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, "Terbitkan final", "Kosong: konsep (tanpa nomor, bertanda KONSEP). Final ditolak selama "
                                                  "ada isian yang belum diketahui atau belum dipastikan."),
) -> list[dict]:
    on = working_day_on_or_after(tanggal_surat or today())
    rows = [value(terbitkan_memo(tahun, kode, on, putaran, demo, final)) for kode, _, n in doc.plan(tahun, on) if n]
    create_table_artifact(
        key=f"verifikasi-{tahun}-putaran-{putaran}", table=rows or [{"Instansi": "-", "Jumlah": 0}],
        description=f"Memo verifikasi calon peserta tahun {tahun}, putaran {putaran}: jumlah per instansi "
                    "dan letak berkas (tanpa NIK dan nama).")
    return rows
