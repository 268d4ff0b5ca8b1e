"""`iuran-bulanan` flow: the month's remittance letter, recap and BPJS data file, exactly once.
Scheduled for 08:00 WITA on the 2nd of each month; the month comes from the run's scheduled time,
so a late or retried run still does the right month."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flows import PERIODE, param, refusal_fails, retry_unless, value  # (Prefect settings first)
from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.runtime import flow_run

from rentan.documents import iuran as doc



def period_of(when: dt.datetime) -> str:
    """The period a run scheduled at `when` pays for, on the programme's clock (WITA)."""
    from rentan.program import program
    local = when.astimezone(ZoneInfo(program().daerah.zona_waktu))
    return f"{local.year}-{local.month:02d}"


@task(name="terbitkan-iuran", retries=2, retry_delay_seconds=5,
      retry_condition_fn=retry_unless())
@refusal_fails
def terbitkan(periode: str, koreksi: str | None, demo: bool, final: bool) -> dict:
    o = doc.issue_month(periode, koreksi=koreksi, demo=demo, final=final)
    s = o.ringkasan
    return {"Periode": periode, "Nomor": o.nomor, "Koreksi ke": s["koreksi_ke"], "Peserta": s["peserta"],
            "Jumlah (Rp)": s["jumlah"], "Baru": s["baru"], "Berakhir": s["berakhir"],
            "Realisasi tahun ini (Rp)": s["realisasi"], "Pagu (Rp)": s["anggaran"], "Folder": str(o.folder),
            "Diterbitkan oleh run ini": o.baru, "Catatan": o.pesan or s.get("peringatan") or ""}


@flow(name="iuran-bulanan", log_prints=False)
@refusal_fails
def iuran_bulanan(
    periode: str | None = param(None, "Periode (TTTT-BB)", "Bulan yang dibayar, mis. 2026-01. Kosong: bulan "
                                                           "dari jadwal run (WITA).", pattern=PERIODE),
    koreksi: str | None = param(None, "Alasan koreksi", "Isi hanya untuk menerbitkan surat koreksi bernomor baru.",
                                max_length=500),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, "Terbitkan final", "Kosong: konsep (tanpa nomor, bertanda KONSEP). Final ditolak selama "
                                                  "ada isian yang belum diketahui atau belum dipastikan."),
) -> dict:
    periode = periode or period_of(flow_run.get_scheduled_start_time())
    row = value(terbitkan(periode, koreksi, demo, final))
    create_table_artifact(key=f"iuran-{periode}", table=[row],
                          description=f"Iuran bulan {periode}: jumlah, nomor surat dan letak berkas (tanpa NIK dan nama).")
    return row
