"""The `perwali` flow through Prefect: it publishes the whole set once, re-running returns the same
folder, the artifact carries counts and paths, and a draft that cannot apply fails without retries."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from rentan.documents.perwali import AMENDMENT_FILE, drafts_folder

EXPECTED = {"rancangan.docx", "rancangan.pdf", "matriks-perubahan.docx", "matriks-perubahan.pdf",
            "naskah-terpadu.docx", "naskah-terpadu.pdf", "naskah-terpadu-perubahan-terlacak.docx"}


def test_parameters_have_indonesian_titles():
    from flows.perwali import perwali
    props = perwali.parameters.properties
    assert props["tanggal"]["title"] == "Tanggal rancangan"
    assert props["per_tanggal"]["title"] == "Naskah terpadu keadaan tanggal"
    assert props["perubahan"]["description"].startswith("Kosong: drafts/")
    assert set(props) == {"tanggal", "per_tanggal", "naskah", "perubahan"}


def test_flow_publishes_the_set_once_with_an_artifact(prefect_harness):
    from flows.perwali import perwali
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    first = perwali()
    folder = Path(first["Folder"])
    assert folder.is_relative_to(prefect_harness / "outputs" / "2025" / "perwali")
    assert first["Baru"] is True and first["Peringatan"] == [] and first["Tanggal"] == "2025-11-03"
    assert {f.name for f in folder.iterdir()} == EXPECTED | {"manifest.json"}
    rows = {r["Naskah"]: r for r in first["Naskah"]}
    # issue 13.6: one count of changes in every document (the matriks adds a row for Pasal II)
    assert rows["Rancangan Peraturan Wali Kota"]["Isi"] == "7 perubahan (Pasal I) dan Pasal II"
    assert rows["Matriks perubahan"]["Isi"] == "8 baris: 7 perubahan (Pasal I) dan Pasal II"
    assert rows["Naskah terpadu"]["Isi"] == "12 catatan perubahan"
    assert str(folder / "rancangan.pdf") in rows["Rancangan Peraturan Wali Kota"]["Berkas"]

    again = perwali()
    assert again["Baru"] is False and again["Folder"] == first["Folder"]

    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["perwali-perubahan-perwali-3-2025"])))
    assert arts and arts[0].type == "table"
    table = arts[0].data if isinstance(arts[0].data, list) else json.loads(arts[0].data)
    assert [r["Naskah"] for r in table] == [r["Naskah"] for r in first["Naskah"]]
    assert str(folder) in arts[0].description


def test_a_draft_that_cannot_apply_fails_once_naming_the_operation(prefect_harness, tmp_path):
    from flows.perwali import perwali
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    data = yaml.safe_load((drafts_folder() / AMENDMENT_FILE).read_text(encoding="utf-8"))
    data["operasi"].append({"jenis": "hapus_pasal", "pasal": 99, "alasan": "uji"})
    bad = tmp_path / "perubahan-salah.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    state = perwali(perubahan=str(bad), return_state=True)
    assert state.is_failed()
    with pytest.raises(ValueError, match=r"Operasi ke-11 \(hapus Pasal 99\): Pasal 99 tidak ada"):
        state.result()
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    assert [r.run_count for r in runs] == [1]      # not retried: the draft is wrong, not the machine
