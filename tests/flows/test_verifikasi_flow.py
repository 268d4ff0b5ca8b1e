"""The verifikasi flow through Prefect: memos per agency, the same numbers on a second run, and
an artifact with counts and paths only."""
import asyncio
import datetime as dt

from ..registry.helpers import person, write_xlsx


def test_verifikasi_flow_twice_same_numbers_no_nik_in_artifact(prefect_harness, home, tmp_path):
    from prefect.client.orchestration import get_client

    from flows.verifikasi import verifikasi
    from rentan.registry.importer import import_registry

    rows = [person(i, Pekerjaan=p) for i, p in enumerate(["Petani", "Nelayan", "Ojek Pangkalan", "PKL"], 1)]
    import_registry(write_xlsx(tmp_path / "k.xlsx", rows), 2026)
    first = verifikasi(tahun=2026, tanggal_surat=dt.date(2025, 11, 3), final=True)
    again = verifikasi(tahun=2026, tanggal_surat=dt.date(2025, 11, 3), final=True)
    assert sorted((r["Instansi"], r["Jumlah"]) for r in first) == [
        ("Dinas Ketenagakerjaan Kota Balikpapan", 1), ("Dinas Pangan, Pertanian dan Perikanan Kota Balikpapan", 2),
        ("Dinas Perhubungan Kota Balikpapan", 1)]
    assert [r["Nomor"] for r in first] == [r["Nomor"] for r in again]
    assert all(r["Baru"] for r in first) and not any(r["Baru"] for r in again)

    async def artifacts():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    art = [a for a in asyncio.run(artifacts()) if a.key == "verifikasi-2026-putaran-1"]
    data = str(art[0].data)
    assert "Dinas Perhubungan Kota Balikpapan" in data
    assert not any(r["No. KTP"] in data or r["Nama Lengkap"] in data for r in rows)
