"""The desk's BPJS flows through Prefect (the flow tests' shared Prefect harness): an answer that does not
match what was sent ends the run Failed with its one-line Indonesian reason after its tables are
written, and applies nothing; accepted partly it completes; a bill is reconciled and a difference
explained; a refusal is not retried."""
from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from rentan.registry import bpjs

from ..bpjs import sheets
from ..bpjs.test_exchange import KODE, covered_lines, ident, nik
from ..bpjs.test_exchange import registered, verified  # noqa: F401  (fixtures)
from ..year import year_rows



@pytest.fixture
def harness(prefect_harness):
    """The flow tests' shared Prefect harness (tests/flows/conftest.py)."""
    yield


def artifacts(key_prefix: str) -> list:
    from prefect.client.orchestration import get_client

    async def read():
        async with get_client() as client:
            return await client.read_latest_artifacts()
    return [a for a in asyncio.run(read()) if (a.key or "").startswith(key_prefix)]


def task_runs(flow_run_id) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def read():
        async with get_client() as client:
            return await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return asyncio.run(read())


def test_an_answer_that_does_not_match_fails_the_run_and_applies_nothing(harness, verified):  # noqa: F811
    from flows.impor import impor_validasi_bpjs
    people = [ident(i) for i in range(1, 6)]  # the sixth is missing
    answer = sheets.validation_answer(verified / "hasil.xlsx", people, {nik(2): ("Ditolak", "NIK tidak ditemukan")})
    state = impor_validasi_bpjs(berkas=str(answer), oleh="siti", return_state=True)
    assert state.is_failed()
    assert state.message == ("1 baris jawaban BPJS tidak sesuai dengan yang kami kirim (rinciannya di bawah), jadi "
                             "tidak ada yang diterapkan. Minta BPJS memperbaiki jawabannya, atau unggah lagi dengan "
                             "pilihan «Terima sebagian».")
    assert {k.validasi for k in year_rows(2026).values()} == {None}
    rows = str(artifacts("jawaban-validasi-bpjs-tidak-sesuai")[0].data)
    assert "tidak ada di jawaban" in rows and "ada dalam permohonan validasi kami tetapi tidak dijawab" in rows
    assert nik(6) not in rows and bpjs.mask_nik(nik(6)) in rows
    assert [t.run_count for t in task_runs(state.state_details.flow_run_id)] == [1]

    done = impor_validasi_bpjs(berkas=str(answer), sebagian=True, oleh="siti")
    assert (done["diterapkan"], done["diterima"], done["ditolak"], done["tidak_sesuai"]) == (True, 4, 1, 1)
    data = next(a for a in artifacts("jawaban-validasi-bpjs") if a.key == "jawaban-validasi-bpjs").data
    summary = {r["Uraian"]: r["Nilai"] for r in (json.loads(data) if isinstance(data, str) else data)}
    assert summary["Hasil"] == "diterima sebagian: baris yang sesuai diterapkan, baris yang tidak sesuai tidak"
    assert (summary["Diterima"], summary["Ditolak BPJS"], summary["Tidak sesuai dengan yang kami kirim"]) == ("4", "1", "1")


def test_a_bill_is_reconciled_and_a_refusal_is_one_line_not_retried(harness, registered):  # noqa: F811
    from flows.impor import catat_selisih, impor_tagihan_bpjs
    lines = covered_lines(5)  # the sixth not billed
    r = impor_tagihan_bpjs(berkas=str(sheets.bill(registered / "t.xlsx", KODE, lines)), periode="2026-03", oleh="siti")
    assert (r["selisih"], r["cocok"], r["dijelaskan"]) == (1, False, False)
    assert any("peserta kami yang tidak ditagih" in x for x in r["baris"])
    assert not any(nik(6) in x for x in r["baris"])
    assert any("«Catat penjelasan selisih tagihan»" in x for x in r["baris"])
    r = catat_selisih(periode="2026-03", alasan="Peserta keenam belum tertagih; BPJS menerbitkan koreksi", oleh="siti")
    assert r["dijelaskan"] and r["catatan"].startswith("Peserta keenam")

    state = catat_selisih(periode="2026-04", alasan="Penjelasan yang cukup panjang", oleh="siti", return_state=True)
    assert state.is_failed() and state.message == "belum ada tagihan BPJS untuk periode 2026-04"
    state = impor_tagihan_bpjs(berkas=str(sheets.bill(registered / "t2.xlsx", None, lines)), periode="2026-03",
                               oleh="siti", return_state=True)
    assert state.is_failed() and "kode iuran 11 digit tidak ditemukan" in state.message and "\n" not in state.message
    assert [t.run_count for t in task_runs(state.state_details.flow_run_id)] == [1]


def test_the_berita_acara_flow_issues_once_and_refuses_before_the_bill(harness, registered):  # noqa: F811
    from flows.bpjs import rekonsiliasi_bpjs
    state = rekonsiliasi_bpjs(periode="2026-03", tanggal=dt.date(2026, 4, 6), final=True, return_state=True)
    assert state.is_failed() and state.message.startswith("belum ada tagihan BPJS untuk Maret 2026")
    bpjs.import_tagihan(sheets.bill(registered / "t.xlsx", KODE, covered_lines()), "2026-03")
    row = rekonsiliasi_bpjs(periode="2026-03", tanggal=dt.date(2026, 4, 6), final=True)
    assert row["Nomor"].endswith("/Dinsos") and row["Peserta"] == 6 and row["Baru"]
    again = rekonsiliasi_bpjs(periode="2026-03", tanggal=dt.date(2026, 4, 6), final=True)
    assert again["Nomor"] == row["Nomor"] and not again["Baru"]
    assert not any(nik(1) in str(v) for v in row.values())
