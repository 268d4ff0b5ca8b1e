"""Deployments of every flow, so staff can run them from the Prefect UI with a form and the web desk
(rentan.desk) can run them by name; the monthly remittance also runs on its own at 08:00 WITA on
the 2nd (contributions are due by the 15th).

Every deployment enforces its parameter schema (ranges and patterns from flows.param): a run with a
year outside the programme or a malformed period is refused by the server before it starts. Tasks
retry only what a retry can mend (flows.retry_unless); a refusal ends the run Failed with its
one-line Indonesian reason as the state's message."""
from __future__ import annotations

import flows  # noqa: F401  (Prefect settings first)
from prefect.client.schemas.schedules import CronSchedule

IURAN_CRON = "0 8 2 * *"
TIMEZONE = "Asia/Makassar"

# deployment name → (flow module, flow function, description); the name is also the flow's
DEPLOYMENTS = {
    "iuran-bulanan": ("flows.iuran_bulanan", "iuran_bulanan",
                      "Surat, rekap dan berkas data iuran bulanan untuk BPJS Ketenagakerjaan."),
    "verifikasi": ("flows.verifikasi", "verifikasi",
                   "Memo verifikasi calon peserta per instansi, dengan lampiran dan formulir."),
    "sk-peserta": ("flows.sk_peserta", "sk_peserta",
                   "SK Wali Kota penetapan peserta dengan Lampiran (salinan internal dan publik)."),
    "perwali": ("flows.perwali", "perwali",
                "Rancangan perubahan Perwali 3/2025, matriks perubahan dan naskah terpadu."),
    "naskah-penjelasan": ("flows.naskah_penjelasan", "naskah_penjelasan",
                          "Naskah penjelasan rancangan Perwali dengan angka terkini."),
    "impor-registri": ("flows.impor", "impor_registri",
                       "Impor daftar calon peserta dari kelurahan/OPD (berkas yang diunggah lewat meja layanan)."),
    "impor-verifikasi": ("flows.impor", "impor_verifikasi",
                         "Terapkan formulir hasil verifikasi yang dikembalikan instansi verifikator."),
    "validasi-bpjs": ("flows.bpjs", "validasi_bpjs",
                      "Surat dan daftar permohonan validasi calon peserta kepada BPJS Ketenagakerjaan."),
    "impor-validasi-bpjs": ("flows.impor", "impor_validasi_bpjs",
                            "Terapkan hasil validasi BPJS Ketenagakerjaan: diterima, atau ditolak dengan alasannya."),
    "registrasi-bpjs": ("flows.bpjs", "registrasi_bpjs",
                        "Surat dan daftar pendaftaran peserta SK kepada BPJS Ketenagakerjaan."),
    "impor-kpj-bpjs": ("flows.impor", "impor_kpj_bpjs",
                       "Isi nomor KPJ peserta dari jawaban pendaftaran BPJS Ketenagakerjaan."),
    "impor-tagihan-bpjs": ("flows.impor", "impor_tagihan_bpjs",
                           "Impor tagihan iuran sebulan dari BPJS Ketenagakerjaan dan rekonsiliasikan dengan data kami."),
    "catat-selisih": ("flows.impor", "catat_selisih",
                      "Catat penjelasan selisih antara tagihan BPJS sebulan dan data kami."),
    "rekonsiliasi-bpjs": ("flows.bpjs", "rekonsiliasi_bpjs",
                          "Berita acara rekonsiliasi data peserta dan iuran sebulan dengan BPJS Ketenagakerjaan."),
}


def iuran_schedule() -> CronSchedule:
    return CronSchedule(cron=IURAN_CRON, timezone=TIMEZONE)


def all_deployments() -> list:
    import importlib
    out = []
    for name, (module, fn, description) in DEPLOYMENTS.items():
        f = getattr(importlib.import_module(module), fn)
        out.append(f.to_deployment(name=name, tags=["rentan"], description=description,
                                   enforce_parameter_schema=True,
                                   schedule=iuran_schedule() if name == "iuran-bulanan" else None))
    return out
