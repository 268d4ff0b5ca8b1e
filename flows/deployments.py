"""Deployments of every flow, so staff can run them from the Prefect UI with a form; the monthly
remittance also runs on its own at 08:00 WITA on the 2nd (contributions are due by the 15th)."""
from __future__ import annotations

import flows  # noqa: F401
from prefect.client.schemas.schedules import CronSchedule

IURAN_CRON = "0 8 2 * *"
TIMEZONE = "Asia/Makassar"


def iuran_schedule() -> CronSchedule:
    return CronSchedule(cron=IURAN_CRON, timezone=TIMEZONE)


def all_deployments() -> list:
    from flows.iuran_bulanan import iuran_bulanan
    from flows.verifikasi import verifikasi
    deployments = [
        iuran_bulanan.to_deployment(name="iuran-bulanan", schedule=iuran_schedule(),
                                    description="Surat, rekap dan berkas data iuran bulanan untuk BPJS Ketenagakerjaan.",
                                    tags=["rentan"]),
        verifikasi.to_deployment(name="verifikasi", description="Memo verifikasi calon peserta per instansi.",
                                 tags=["rentan"]),
    ]
    for module, attr, name, description in OPTIONAL:
        try:
            f = getattr(__import__(module, fromlist=[attr]), attr)
        except ImportError:
            continue
        deployments.append(f.to_deployment(name=name, description=description, tags=["rentan"]))
    return deployments


OPTIONAL = [
    ("flows.sk_peserta", "sk_peserta", "sk-peserta", "SK Wali Kota penetapan peserta dengan Lampiran."),
    ("flows.perwali", "perwali", "perwali", "Rancangan perubahan Perwali 3/2025, matriks dan naskah terpadu."),
    ("flows.naskah_penjelasan", "naskah_penjelasan", "naskah-penjelasan", "Naskah penjelasan rancangan Perwali."),
]
