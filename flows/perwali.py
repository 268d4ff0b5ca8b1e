"""`perwali` flow: the paperwork of an amendment of Perwali 3/2025 from the structured act and its
typed operations in `drafts/` — the Rancangan (DOCX, PDF with a RANCANGAN watermark), the matriks
perubahan, the naskah terpadu and the naskah terpadu with Word tracked changes, in one published
folder. The artifact carries counts and paths only; warnings (more than half of the articles
changed) are logged and returned."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from flows import BERKAS_YAML, param, refusal_fails, retry_unless, value  # (Prefect settings first)
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact

from rentan.documents import perwali as doc


@task(name="susun-naskah-perwali", retries=2, retry_delay_seconds=2,
      retry_condition_fn=retry_unless())
@refusal_fails
def susun_naskah(tanggal: dt.date | None, per_tanggal: dt.date | None, naskah: str | None,
                 perubahan: str | None) -> dict:
    published = doc.issue_perwali(tanggal=tanggal, per_tanggal=per_tanggal, naskah=naskah, perubahan=perubahan)
    s = published.ringkasan
    return {"Folder": str(published.folder), "Baru": published.baru, "Tanggal": s["tanggal"],
            "Naskah": doc.table(published), "Peringatan": list(s["peringatan"])}


@flow(name="perwali", log_prints=False)
@refusal_fails
def perwali(
    tanggal: dt.date | None = param(
        None, "Tanggal rancangan", "Kosong: tanggal yang tertulis di berkas perubahan, atau hari ini (WITA)."),
    per_tanggal: dt.date | None = param(
        None, "Naskah terpadu keadaan tanggal", "Kosong: tanggal mulai berlaku perubahan."),
    naskah: str | None = param(
        None, "Berkas naskah peraturan yang diubah", "Kosong: drafts/perwali-3-2025.yaml.", pattern=BERKAS_YAML),
    perubahan: str | None = param(
        None, "Berkas naskah perubahan", "Kosong: drafts/perubahan-perwali-3-2025.yaml.", pattern=BERKAS_YAML),
) -> dict:
    result = value(susun_naskah(tanggal, per_tanggal, naskah, perubahan))
    logger = get_run_logger()
    for w in result["Peringatan"]:
        logger.warning(w)
    stem = Path(perubahan or doc.AMENDMENT_FILE).stem
    key = "perwali-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    warned = f" PERINGATAN: {len(result['Peringatan'])} (lihat log dan manifest.json)." if result["Peringatan"] else ""
    create_table_artifact(
        key=key, table=result["Naskah"],
        description=f"Naskah perubahan Perwali tanggal {result['Tanggal']}: jumlah instruksi, baris matriks, "
                    f"catatan, halaman, dan letak berkas di {result['Folder']}.{warned}")
    return result
