"""`naskah-penjelasan` flow: the naskah penjelasan of the draft Perwali amendment, its prose from
`drafts/naskah-penjelasan.md` and every figure from the registry, the programme settings, the
staff-set BPJS figures and the amendment set (rentan.documents.naskah). The artifact carries the
figures (counts and amounts) and the paths only — no NIK, no names."""
from __future__ import annotations

import datetime as dt

from flows import param, refusal_fails, retry_unless, tahun_param, value  # (Prefect settings first)
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact

from rentan.documents import naskah as doc
from rentan.clock import today, working_day_on_or_after
from rentan.idfmt import ribuan, rupiah


@task(name="susun-naskah-penjelasan", retries=2, retry_delay_seconds=2,
      retry_condition_fn=retry_unless())
@refusal_fails
def susun(tahun: int, tanggal: dt.date, demo: bool, final: bool) -> dict:
    published = doc.issue(tahun, tanggal=tanggal, demo=demo, final=final)
    return {"folder": str(published.folder), "baru": published.baru,
            "berkas": [str(published.file(n)) for n in doc.FILES], **published.ringkasan}


def table(r: dict) -> list[dict]:
    """The artifact's rows: one figure each, then the files."""
    rows = [("Tanggal naskah", r["tanggal"]), ("Penanda tangan", r["penandatangan"]),
            ("Peserta ditetapkan (SK)", ribuan(r["peserta_ditetapkan"])),
            ("Kepesertaan berakhir", ribuan(r["peserta_berakhir"])),
            ("Peserta dibayarkan", ribuan(r["peserta"])),
            ("Kebutuhan anggaran setahun", rupiah(r["kebutuhan"])), ("Pagu anggaran", rupiah(r["pagu"])),
            ("Potensi peserta BPU (BPJS)", ribuan(r["potensi_bpu"])),
            ("Peserta BPU aktif (BPJS)", ribuan(r["aktif_bpjs"])),
            ("Cakupan (%)", r["cakupan_persen"].replace(".", ",")),
            ("Cakupan dengan peserta Kota (%)", r["cakupan_dengan_kota_persen"].replace(".", ",")),
            ("Pokok perubahan", ribuan(r["pokok_perubahan"])), ("Halaman PDF", ribuan(r["halaman"])),
            *[("Berkas", f) for f in r["berkas"]], ("Diterbitkan oleh run ini", "ya" if r["baru"] else "tidak"),
            *[("Peringatan", w) for w in r["peringatan"]]]
    return [{"Uraian": k, "Nilai": v} for k, v in rows]


@flow(name="naskah-penjelasan", log_prints=False)
@refusal_fails
def naskah_penjelasan(
    tahun: int = tahun_param(..., "Tahun kepesertaan", "Tahun kepesertaan dan anggaran yang dijelaskan, mis. 2026."),
    tanggal: dt.date | None = param(None, "Tanggal naskah", "Menentukan dinas pengusul dan penanda tangannya. "
                                                            "Kosong: hari kerja ini (WITA)."),
    demo: bool = param(False, "Tandai sebagai DEMO", "Hanya untuk data sintetis."),
    final: bool = param(False, "Terbitkan final", "Kosong: konsep (tanpa nomor, bertanda KONSEP). Final ditolak selama "
                                                  "ada isian yang belum diketahui atau belum dipastikan."),
) -> dict:
    when = tanggal or working_day_on_or_after(today())
    result = value(susun(tahun, when, demo, final))
    logger = get_run_logger()
    for w in result["peringatan"]:
        logger.warning(w)
    create_table_artifact(
        key=f"naskah-penjelasan-{tahun}", table=table(result),
        description=f"Naskah penjelasan tahun {tahun} bertanggal {when.isoformat()}: angka yang dimuat dan letak "
                    "berkas (tanpa NIK dan nama).")
    return result
