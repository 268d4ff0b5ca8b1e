"""The sk-peserta flow through Prefect: the decree once, a refusal that is not retried, and an
artifact with counts and paths only."""
import asyncio

import pytest

from ..documents.test_sk import NOMOR, TAHUN, TANGGAL, build_registry


def test_sk_flow_issues_once_and_refuses_without_retrying(prefect_harness, home, tmp_path):
    from prefect.client.orchestration import get_client

    from flows.sk_peserta import sk_peserta
    from rentan.documents.sk import SkDitolak

    rows = build_registry(tmp_path)
    build_registry(tmp_path, n=2, start=50, verified=False)  # two still waiting for verification
    with pytest.raises(SkDitolak, match="belum"):
        sk_peserta(tahun=TAHUN, tanggal_penetapan=TANGGAL, final=True)
    first = sk_peserta(tahun=TAHUN, tanggal_penetapan=TANGGAL, kecualikan=True, final=True)
    again = sk_peserta(tahun=TAHUN, tanggal_penetapan=TANGGAL, kecualikan=True, final=True)
    assert (first["Nomor"], first["Peserta"], first["Baru"]) == (NOMOR, len(rows), True)
    assert (again["Nomor"], again["Baru"]) == (NOMOR, False)

    async def runs_and_artifacts():
        async with get_client() as client:
            return await client.read_task_runs(), await client.read_latest_artifacts()

    task_runs, artifacts = asyncio.run(runs_and_artifacts())
    refused = [t for t in task_runs if t.name.startswith("terbitkan-sk") and t.state.type.value == "FAILED"]
    assert refused and all(t.run_count == 1 for t in refused)  # a refusal is not retried
    data = str([a.data for a in artifacts])
    assert NOMOR in data and not any(r["No. KTP"] in data or r["Nama Lengkap"] in data for r in rows)
