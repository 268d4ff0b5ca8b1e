"""Deployments of every flow, so staff can run them from the Prefect UI with a form; the monthly
remittance also runs on its own at 08:00 WITA on the 2nd (contributions are due by the 15th)."""
from __future__ import annotations

import flows  # noqa: F401  (Prefect settings first)
from prefect.client.schemas.schedules import CronSchedule

IURAN_CRON = "0 8 2 * *"
TIMEZONE = "Asia/Makassar"


def iuran_schedule() -> CronSchedule:
    return CronSchedule(cron=IURAN_CRON, timezone=TIMEZONE)


def all_deployments() -> list:
    from flows.iuran_bulanan import iuran_bulanan
    from flows.naskah_penjelasan import naskah_penjelasan
    from flows.perwali import perwali
    from flows.sk_peserta import sk_peserta
    from flows.verifikasi import verifikasi
    tags = ["rentan"]
    return [
        iuran_bulanan.to_deployment(name="iuran-bulanan", schedule=iuran_schedule(), tags=tags,
                                    description="Surat, rekap dan berkas data iuran bulanan untuk BPJS Ketenagakerjaan."),
        verifikasi.to_deployment(name="verifikasi", tags=tags,
                                 description="Memo verifikasi calon peserta per instansi, dengan lampiran dan formulir."),
        sk_peserta.to_deployment(name="sk-peserta", tags=tags,
                                 description="SK Wali Kota penetapan peserta dengan Lampiran (salinan internal dan publik)."),
        perwali.to_deployment(name="perwali", tags=tags,
                              description="Rancangan perubahan Perwali 3/2025, matriks perubahan dan naskah terpadu."),
        naskah_penjelasan.to_deployment(name="naskah-penjelasan", tags=tags,
                                        description="Naskah penjelasan rancangan Perwali dengan angka terkini."),
    ]
