"""DEMO ONLY: BPJS Ketenagakerjaan's side of the round trip, simulated (SIMULASI) so the demo can
go on — the validation answer (a few NIKs refused), the KPJ numbers of a registration, a month's
bill (with a difference planted for the reconciliation to find). Real answers come from BPJS, in
the branch's own columns (rentan/data/bpjs/*.toml)."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from rentan.registry.bpjs import susunan

TITLE = "SIMULASI BPJS KETENAGAKERJAAN — DEMO, BUKAN DATA BPJS"
REFUSALS = ["Sudah terdaftar sebagai peserta BPU mandiri", "NIK tidak ditemukan pada data Dukcapil",
            "Tanggal lahir tidak sesuai data Dukcapil"]


def _write(target: Path, title: list[str], headers: list[str], rows: list[list]) -> Path:
    wb = xlsxwriter.Workbook(str(target))
    ws = wb.add_worksheet("Sheet1")
    datef = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, line in enumerate(title):
        ws.write_string(r, 0, line)
    top = len(title) + 1
    ws.write_row(top, 0, headers)
    for r, row in enumerate(rows, top + 1):
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), datef)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write(r, c, v)
    wb.close()
    return target


def _sent(request: Path) -> list[dict]:
    rows = CalamineWorkbook.from_path(str(request)).get_sheet_by_index(0).to_python()
    head = [str(h) for h in rows[0]]
    return [dict(zip(head, r)) for r in rows[1:]]


def _lahir(v) -> dt.date:
    return v if isinstance(v, dt.date) and not isinstance(v, dt.datetime) else (
        v.date() if isinstance(v, dt.datetime) else dt.datetime.strptime(str(v), "%d-%m-%Y").date())


def validation_answer(request: Path, target: Path, seed: int, refused: int = 5) -> int:
    """Every person of the request accepted but `refused` of them; returns how many refused."""
    sent = _sent(request)
    rng = random.Random(seed)
    out = set(rng.sample(range(len(sent)), min(refused, len(sent))))
    heads = susunan("validasi-jawaban").headers
    rows = [[s["NIK"], s["Nama Lengkap"], _lahir(s["Tanggal Lahir"]),
             *(("Ditolak", rng.choice(REFUSALS)) if i in out else ("Diterima", ""))] for i, s in enumerate(sent)]
    _write(target, [TITLE, "HASIL VALIDASI CALON PESERTA"], heads, rows)
    return len(out)


def kpj_answer(request: Path, target: Path, seed: int) -> int:
    """A KPJ number (11 digits) for every person of the registration list."""
    sent = _sent(request)
    base = 26_000_000_000 + random.Random(seed).randrange(10_000_000)
    rows = [[s["NIK"], s["Nama Lengkap"], str(base + i)] for i, s in enumerate(sent)]
    _write(target, [TITLE, "HASIL PENDAFTARAN PESERTA (NOMOR KPJ)"], susunan("registrasi-jawaban").headers, rows)
    return len(rows)


def bill(people, target: Path, kode: str, jkk: int, jkm: int, seed: int, plant: bool = True) -> int:
    """The month's bill for `people` (Anggota), with one participant left out and one billed
    twice the rate when `plant`: the differences the reconciliation must find."""
    people = sorted(people, key=lambda a: a.nik)
    rng = random.Random(seed)
    left_out, more = (rng.sample(range(len(people)), 2) if plant and len(people) > 2 else (None, None))
    rows = []
    for i, a in enumerate(people):
        if i == left_out:
            continue
        k, m = (2 * jkk, 2 * jkm) if i == more else (jkk, jkm)
        rows.append([a.nik, a.kpj or "", a.nama, k, m, k + m])
    _write(target, [TITLE, "TAGIHAN IURAN BPU PEMERINTAH KOTA BALIKPAPAN", f"Kode Iuran: {kode}"],
           susunan("tagihan").headers, rows)
    return 2 if plant else 0
