"""`rentan demo`: the whole paperwork cycle on synthetic data, through the real import path.

The demo keeps its own registry (RENTAN_HOME/demo/) and writes its documents under outputs/demo/,
so it never mixes synthetic people into the real registry. Each run starts from a fresh demo
registry, so its output is the same every time.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import click

from rentan import paths
from rentan.idfmt import ribuan

TAHUN = 2026


def _use_demo_data_folder() -> None:
    from rentan.datafiles import OVERLAY
    os.environ[OVERLAY] = str(Path(__file__).with_name("data") / "demo")  # fictitious facts, see the file
    demo_home = paths.home() / "demo"
    if demo_home.exists():
        shutil.rmtree(demo_home)
    demo_home.mkdir(parents=True)
    os.environ["RENTAN_DATABASE_URL"] = f"sqlite:///{demo_home / 'registry.sqlite3'}"
    os.environ["RENTAN_OUTPUTS"] = str(paths.project_root() / "outputs" / "demo")


REASONS = ["sudah bekerja di sektor formal", "tidak dikenal di pangkalan/kelompok", "sudah terdaftar BPU mandiri",
           "pindah domisili ke luar Balikpapan"]


def simulate_answers(form: Path, target: Path, seed: int) -> tuple[int, int]:
    """DEMO ONLY: fill an agency's return form as if it had verified everyone (about 3% found
    not matching), so the demo can go on. Real answers come from the agencies."""
    import random

    import openpyxl
    from rentan.registry.verification import HEADERS, SHEET, SESUAI, TIDAK_SESUAI
    rng = random.Random(seed)
    wb = openpyxl.load_workbook(form)
    ws = wb[SHEET]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "No")
    col_hasil, col_ket = HEADERS.index("Hasil Verifikasi") + 1, HEADERS.index("Keterangan") + 1
    ok = bad = 0
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, 2).value is None:
            continue
        if rng.random() < 0.03:
            ws.cell(r, col_hasil, TIDAK_SESUAI)
            ws.cell(r, col_ket, rng.choice(REASONS))
            bad += 1
        else:
            ws.cell(r, col_hasil, SESUAI)
            ok += 1
    ws.cell(header_row - 1, 1, "SIMULASI JAWABAN INSTANSI — DEMO")
    wb.save(target)
    return ok, bad


def _on(day: dt.date) -> dt.date:
    """The demo's story has its own calendar: "today" is the day of the step (rentan.clock)."""
    from rentan import clock
    os.environ[clock.ENV] = day.isoformat()
    return day


def run_demo(count: int = 7100, seed: int = 2026) -> int:
    from rentan.cli import print_flow_rows, print_import_summary, print_verification_summary
    from rentan.registry.demo import write_demo_registry
    from rentan.registry.importer import import_registry
    from rentan.registry.verification import import_results

    started = time.perf_counter()
    _use_demo_data_folder()
    click.echo("== DEMO: data sintetis, bukan data warga sebenarnya ==")
    source = paths.home() / "demo" / f"contoh-daftar-peserta-{TAHUN}.xlsx"
    s = write_demo_registry(source, count=count, seed=seed, tahun=TAHUN)
    click.echo(f"1. Daftar contoh dari kelurahan: {source} ({ribuan(s.valid)} calon peserta sah, "
               f"{ribuan(sum(s.broken.values()))} baris yang sengaja melanggar aturan)")
    click.echo("2. Impor ke registri:")
    _on(dt.date(TAHUN - 1, 10, 20))
    r = import_registry(source, TAHUN, oleh="demo")
    print_import_summary(r, limit=None)

    click.echo("3. Memo verifikasi kepada instansi verifikator (alur Prefect `verifikasi`):")
    from flows.verifikasi import verifikasi
    rows = verifikasi(tahun=TAHUN, tanggal_surat=_on(dt.date(TAHUN - 1, 11, 3)), demo=True, final=True)
    print_flow_rows(rows)

    click.echo("4. SIMULASI jawaban instansi (hanya demo) dan impor hasil verifikasi:")
    for k, row in enumerate(rows):
        folder = Path(row["Folder"])
        answer = paths.home() / "demo" / f"jawaban-{folder.name}-SIMULASI.xlsx"
        simulate_answers(folder / "formulir-verifikasi.xlsx", answer, seed + k)
        print_verification_summary(import_results(answer, oleh="demo"))

    click.echo("5. SK Wali Kota penetapan peserta dengan Lampiran (alur `sk-peserta`):")
    from flows.sk_peserta import sk_peserta
    print_flow_rows([sk_peserta(tahun=TAHUN, tanggal_penetapan=_on(dt.date(TAHUN - 1, 12, 15)), demo=True)])
    click.echo("   (konsep untuk diperiksa Bagian Hukum; lalu SK final bernomor:)")
    print_flow_rows([sk_peserta(tahun=TAHUN, tanggal_penetapan=_on(dt.date(TAHUN - 1, 12, 22)), demo=True,
                                final=True)])

    click.echo(f"6. Iuran bulan Januari {TAHUN} kepada BPJS Ketenagakerjaan (alur `iuran-bulanan`):")
    from flows.iuran_bulanan import iuran_bulanan
    _on(dt.date(TAHUN, 1, 2))
    print_flow_rows([iuran_bulanan(periode=f"{TAHUN}-01", demo=True, final=True)])

    click.echo("7. Rancangan perubahan Perwali 3/2025, matriks dan perubahan terlacak (alur `perwali`):")
    from flows.perwali import perwali
    _on(dt.date(TAHUN - 1, 11, 3))
    print_flow_rows(perwali()["Naskah"])

    click.echo("8. Naskah penjelasan (alur `naskah-penjelasan`):")
    from flows.naskah_penjelasan import naskah_penjelasan, table
    for row in table(naskah_penjelasan(tahun=TAHUN, tanggal=_on(dt.date(TAHUN, 1, 5)), demo=True, final=True)):
        click.echo(f"  {row['Uraian']}: {row['Nilai']}")

    click.echo(f"Semua naskah demo ada di {os.environ['RENTAN_OUTPUTS']} (data BPJS: di bawah rahasia/).")
    click.echo(f"Demo selesai dalam {time.perf_counter() - started:.1f} detik.")
    return 0
