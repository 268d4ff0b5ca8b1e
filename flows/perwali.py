"""`perwali` flow: the paperwork of an amendment of Perwali 3/2025 from the structured act and its
typed operations in `drafts/` — the Rancangan (DOCX, PDF with a RANCANGAN watermark), the matriks
perubahan, the naskah terpadu and the naskah terpadu with Word tracked changes, in one published
folder. The artifact carries counts and paths only; warnings (more than half of the articles
changed) are logged and returned."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import flows  # noqa: F401  (Prefect settings first)
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from pydantic import Field

from rentan.documents import perwali as doc
from rentan.legal import ActError, AmendmentError


def _retry_unless_the_draft_is_wrong(task, task_run, state) -> bool:
    """A draft that cannot apply (no such Pasal, two changes to one place) fails the same way on
    every try: retry only other failures (a full disk, a killed renderer)."""
    return not isinstance(getattr(state, "data", None), (ActError, AmendmentError))


@task(name="susun-naskah-perwali", retries=2, retry_delay_seconds=2,
      retry_condition_fn=_retry_unless_the_draft_is_wrong)
def susun_naskah(tanggal: dt.date | None, per_tanggal: dt.date | None, naskah: str | None,
                 perubahan: str | None) -> dict:
    published = doc.issue_perwali(tanggal=tanggal, per_tanggal=per_tanggal, naskah=naskah, perubahan=perubahan)
    s = published.manifest["ringkasan"]
    return {"Folder": str(published.folder), "Baru": not published.reused, "Tanggal": s["tanggal"],
            "Naskah": doc.table(published), "Peringatan": list(s["peringatan"])}


def _param(default, judul: str, keterangan: str):
    """A flow parameter with an Indonesian title for the Prefect UI form. Prefect 3.8 replaces a
    Field's `title` with the parameter's name when it builds the schema, but keeps
    `json_schema_extra` and `description`, so the title goes there."""
    return Field(default, title=judul, description=keterangan, json_schema_extra={"title": judul})


@flow(name="perwali", log_prints=False)
def perwali(
    tanggal: dt.date | None = _param(
        None, "Tanggal rancangan", "Kosong: tanggal yang tertulis di berkas perubahan, atau hari ini (WITA)."),
    per_tanggal: dt.date | None = _param(
        None, "Naskah terpadu keadaan tanggal", "Kosong: tanggal mulai berlaku perubahan."),
    naskah: str | None = _param(
        None, "Berkas naskah peraturan yang diubah", "Kosong: drafts/perwali-3-2025.yaml."),
    perubahan: str | None = _param(
        None, "Berkas naskah perubahan", "Kosong: drafts/perubahan-perwali-3-2025.yaml."),
) -> dict:
    result = susun_naskah(tanggal, per_tanggal, naskah, perubahan)
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
