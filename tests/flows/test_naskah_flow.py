"""The naskah-penjelasan flow through Prefect: the files, the same folder on a second run, and an
artifact with figures and paths only (no NIK, no names)."""
import asyncio
import datetime as dt

from ..documents.enrolled import enrolled_registry


def test_naskah_flow_figures_and_paths_no_personal_data(prefect_harness, home, tmp_path):
    from prefect.client.orchestration import get_client

    from flows.naskah_penjelasan import naskah_penjelasan
    from rentan.registry.db import session
    from rentan.registry.models import Peserta

    niks = enrolled_registry(tmp_path, 12)
    with session() as s:
        names = [p.nama for p in s.query(Peserta).all()]
    # a naskah penjelasan accompanies the proposal: a final one is dated before the amendment is
    # promulgated (10 December 2025 in the demo's settings), when Disnaker still runs the programme
    first = naskah_penjelasan(tahun=2026, tanggal=dt.date(2025, 11, 3), final=True)
    again = naskah_penjelasan(tahun=2026, tanggal=dt.date(2025, 11, 3), final=True)
    assert first["baru"] and not again["baru"] and first["folder"] == again["folder"]
    assert first["peserta"] == 12 and first["kebutuhan"] == 12 * 16800 * 12
    assert first["penandatangan"] == "Kepala Dinas Ketenagakerjaan Kota Balikpapan"
    assert [p.rsplit("/", 1)[-1] for p in first["berkas"]] == ["naskah-penjelasan.docx", "naskah-penjelasan.pdf"]

    async def artifacts():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    art = [a for a in asyncio.run(artifacts()) if a.key == "naskah-penjelasan-2026"]
    data = str(art[0].data)
    for fact in ("Rp2.419.200,00", "67.021", "Kepala Dinas Ketenagakerjaan Kota Balikpapan", "naskah-penjelasan.pdf"):
        assert fact in data, fact
    assert not any(n in data for n in niks) and not any(n in data for n in names)
