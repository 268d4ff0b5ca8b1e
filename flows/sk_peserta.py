"""`sk-peserta` flow: the Keputusan Wali Kota fixing a coverage year's participants, with its Lampiran
in two copies (internal with full NIK, public with masked NIK). One decree per year: a second run
returns the same decree and changes nothing. Parameters, logs and the artifact carry counts and paths
only — never a NIK or a name (a refusal's message has counts; the per-person list goes to an
owner-only file named in it). The parameters' Indonesian explanations are descriptions: Prefect shows
parameter names as titles."""
from __future__ import annotations

import datetime as dt

from flows import param, refusal_fails, retry_unless, tahun_param, value  # (Prefect settings first)
from prefect import flow, task
from prefect.artifacts import create_table_artifact

from rentan.documents import sk as doc


@task(name="terbitkan-sk", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def terbitkan_sk(tahun: int, tanggal_penetapan: dt.date | None, kecualikan: bool, demo: bool, final: bool) -> dict:
    h = doc.issue_sk(tahun, tanggal_penetapan=tanggal_penetapan, kecualikan=kecualikan, demo=demo, final=final)
    s = h.ringkasan
    return {"Tahun": tahun, "Nomor": h.nomor, "Tanggal": s["tanggal"], "Peserta": s["jumlah"],
            "Bantuan setahun": s["jumlah_bantuan"], "Halaman": s["halaman"]["seluruhnya"],
            "Dikecualikan": sum(s.get("dikecualikan", {}).values()), "Folder": str(h.folder), "Baru": h.baru}


@flow(name="sk-peserta", log_prints=False)
@refusal_fails
def sk_peserta(
    tahun: int = tahun_param(..., "Tahun kepesertaan", "Tahun yang pesertanya ditetapkan, mis. 2026."),
    tanggal_penetapan: dt.date | None = param(None, "Tanggal penetapan", "Kosong: hari kerja ini (WITA)."),
    kecualikan: bool = param(False, "Kecualikan yang belum siap", "Terbitkan tanpa calon peserta yang belum diverifikasi atau tidak "
                                          "lagi memenuhi syarat (dicatat di log audit)"),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, "Terbitkan final", "Kosong: konsep (tanpa nomor, bertanda KONSEP). Final ditolak selama "
                                                  "ada isian yang belum diketahui atau belum dipastikan."),
) -> dict:
    try:
        row = value(terbitkan_sk(tahun, tanggal_penetapan, kecualikan, demo, final))
    except doc.SkDitolak:
        counts = doc.rencana(tahun)  # counts only
        create_table_artifact(
            key=f"sk-peserta-{tahun}",
            table=[{"Keadaan": k, "Jumlah": v} for k, v in counts.items() if isinstance(v, int)],
            description=f"SK penetapan peserta tahun {tahun} DITOLAK: keadaan registri (jumlah saja).")
        raise
    create_table_artifact(
        key=f"sk-peserta-{tahun}", table=[row],
        description=f"Keputusan Wali Kota penetapan peserta tahun {tahun}: jumlah, nomor dan letak berkas "
                    "(tanpa NIK dan nama).")
    return row
