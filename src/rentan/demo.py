"""`rentan demo`: two years of the programme's paperwork on synthetic data, through the real import
path and the Prefect flows staff use.

The story follows the real order, each step on its own date (the demo pins rentan.clock): the
naskah penjelasan and the Rancangan of the Perwali amendment, its enactment (in the demo's
overlay), the 2026 candidates imported and verified, the 2026 SK as konsep and then final, the
monthly remittances of 2026 while some participants leave, then the 2027 cycle — new candidates
from a second kelurahan file, re-verification of the continuing participants, the 2027 SK — and
the remittances of December 2026 and January 2027 across the year boundary. A cross-document
check ends it: the SK, the remittances and the naskah agree.

The demo keeps its own registry (RENTAN_HOME/demo/) and writes under outputs/demo/, both made anew
each run, and reads its settings through the demo overlay (rentan/data/demo/: clearly fictitious
facts, so final documents can be shown beside konsep). Agencies' answers and BPJS Ketenagakerjaan's
side (validation, KPJ numbers, a bill with a planted difference) are simulated (SIMULASI,
rentan.demo_bpjs).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import time
from pathlib import Path

import click

from rentan import paths, report
from rentan.idfmt import ribuan

TAHUN = 2026
REASONS = ["sudah bekerja di sektor formal", "tidak dikenal di pangkalan/kelompok", "sudah terdaftar BPU mandiri",
           "pindah domisili ke luar Balikpapan"]


def _use_demo_data_folder() -> None:
    from rentan.datafiles import OVERLAY
    os.environ[OVERLAY] = str(Path(__file__).with_name("data") / "demo")  # fictitious facts, see the files
    demo_home = paths.home() / "demo"
    if demo_home.exists():
        shutil.rmtree(demo_home)
    demo_home.mkdir(parents=True)
    os.environ["RENTAN_DATABASE_URL"] = f"sqlite:///{demo_home / 'registry.sqlite3'}"
    out = paths.project_root() / "outputs" / "demo"
    if out.exists():
        shutil.rmtree(out)
    os.environ["RENTAN_OUTPUTS"] = str(out)


def simulate_answers(form: Path, target: Path, seed: int, share_bad: float = 0.03) -> tuple[int, int]:
    """DEMO ONLY: fill an agency's return form as if it had verified everyone (a few found not
    matching), so the demo can go on. Real answers come from the agencies."""
    import openpyxl
    from rentan.registry.verification import HEADERS, SESUAI, SHEET, TIDAK_SESUAI
    rng = random.Random(seed)
    wb = openpyxl.load_workbook(form)
    ws = wb[SHEET]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "No")
    col_hasil, col_ket = HEADERS.index("Hasil Verifikasi") + 1, HEADERS.index("Keterangan") + 1
    ok = bad = 0
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, 2).value is None:
            continue
        if rng.random() < share_bad:
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


class _Story:
    def __init__(self):
        self.n = 0
        self.started = time.perf_counter()

    def step(self, day: dt.date, what: str) -> None:
        from rentan.idfmt import tanggal
        self.n += 1
        _on(day)
        click.echo(f"{self.n}. [{tanggal(day)}] {what}")

    @staticmethod
    def lines(lines: list[str]) -> None:
        for line in lines:
            click.echo(line)


def _verify(story: _Story, tahun: int, day: dt.date, seed: int) -> None:
    from flows.verifikasi import verifikasi
    from rentan.registry.verification import import_results
    story.step(day, f"Memo verifikasi calon peserta tahun {tahun} kepada instansi verifikator (alur `verifikasi`):")
    rows = verifikasi(tahun=tahun, tanggal_surat=day, demo=True, final=True)
    story.lines(report.flow_lines(rows))
    story.step(day + dt.timedelta(days=14), "SIMULASI jawaban instansi (hanya demo) dan impor hasil verifikasi:")
    for k, row in enumerate(rows):
        folder = Path(row["Folder"])
        answer = paths.home() / "demo" / f"jawaban-{tahun}-{folder.name}-SIMULASI.xlsx"
        simulate_answers(folder / "formulir-verifikasi.xlsx", answer, seed + k)
        story.lines(report.verification_lines(import_results(answer, oleh="demo")))


def _private(row: dict, year: int, kind: str) -> Path:
    """The owner-only folder of an issued document's lists (outputs/rahasia/<year>/<kind>/<key>/)."""
    from rentan.render.outputs import private_folder_for
    return private_folder_for(year, kind, Path(row["Folder"]).name)


def _exchange(story: _Story, day: dt.date, tahun: int, seed: int, what: str, flow, kind: str, answer_what: str,
              simulate, apply) -> None:
    """A list sent to BPJS (its flow, final) and BPJS's answer to exactly that list: SIMULASI."""
    story.step(day, f"{what} kepada BPJS Ketenagakerjaan (alur `{kind}`):")
    row = flow(tahun=tahun, tanggal_surat=day, demo=True, final=True)
    story.lines(report.flow_lines([row]))
    story.step(day + dt.timedelta(days=7), f"SIMULASI {answer_what} dari BPJS (hanya demo) dan impornya:")
    answer = paths.home() / "demo" / f"{kind}-{tahun}-jawaban-SIMULASI.xlsx"
    simulate(_private(row, tahun, kind) / f"{kind}-{tahun}.xlsx", answer, seed)
    story.lines(apply(answer, oleh="demo").lines())


def _validate(story: _Story, tahun: int, day: dt.date, seed: int) -> None:
    from flows.bpjs import validasi_bpjs
    from rentan import demo_bpjs
    from rentan.registry.bpjs import import_validasi
    _exchange(story, day, tahun, seed, f"Permohonan validasi calon peserta {tahun}", validasi_bpjs, "validasi-bpjs",
              "jawaban validasi", demo_bpjs.validation_answer, import_validasi)


def _register(story: _Story, tahun: int, day: dt.date, seed: int) -> None:
    from flows.bpjs import registrasi_bpjs
    from rentan import demo_bpjs
    from rentan.registry.bpjs import import_kpj
    _exchange(story, day, tahun, seed, f"Pendaftaran peserta SK {tahun}", registrasi_bpjs, "registrasi-bpjs",
              "nomor KPJ", demo_bpjs.kpj_answer, import_kpj)


def _bill(story: _Story, periode: str, day: dt.date, seed: int) -> None:
    """BPJS's bill for the month (SIMULASI, with a planted difference), found and explained."""
    from rentan import demo_bpjs
    from rentan.program import program
    from rentan.registry import coverage
    from rentan.registry.bpjs import catat_selisih, import_tagihan
    from rentan.registry.desk import reader
    first = coverage.parse_period(periode)
    with reader() as desk:
        people = list(coverage.month(desk, first).people)
    tarif = program().iuran(first)
    story.step(day, f"SIMULASI tagihan BPJS bulan {periode} (hanya demo, dengan selisih yang sengaja ditanam) dan "
                    "rekonsiliasinya:")
    path = paths.home() / "demo" / f"tagihan-{periode}-SIMULASI.xlsx"
    demo_bpjs.bill(people, path, f"4{first.year % 100:02d}{first.month:02d}{seed % 10**6:06d}",
                   tarif.jkk, tarif.jkm, seed)
    rec, _ = import_tagihan(path, periode, oleh="demo")
    story.lines(rec.lines())
    story.step(day, "Petugas mencatat penjelasan selisih (SIMULASI):")
    story.lines(catat_selisih(periode, "SIMULASI: satu peserta belum tertagih dan satu peserta tertagih dua kali "
                                       "lipat; BPJS Ketenagakerjaan menerbitkan koreksi tagihan", oleh="demo").lines()[-1:])


def _berita_acara(story: _Story, periode: str, day: dt.date) -> None:
    from flows.bpjs import rekonsiliasi_bpjs
    story.step(day, f"Berita acara rekonsiliasi bulan {periode} (alur `rekonsiliasi-bpjs`):")
    story.lines(report.flow_lines([rekonsiliasi_bpjs(periode=periode, tanggal=day, demo=True, final=True)]))


def _enacted(story: _Story, day: dt.date) -> None:
    """The amendment's enactment, as the demo's settings record it (fictitious number)."""
    from rentan.idfmt import tanggal
    from rentan.legal.in_force import in_force
    law = in_force(day)
    a = law.enacted[-1] if law.enacted else None
    if a is None:
        return
    story.step(day, f"Perubahan Perwali 3/2025 ditetapkan dan diundangkan sebagai {a.jenis} {a.daerah} Nomor "
                    f"{a.nomor} Tahun {a.tahun} (Berita Daerah Nomor {a.berita_daerah_nomor}; FIKTIF, pengaturan demo); "
                    f"naskah sesudah {tanggal(day)} mengutip: {law.singkat}")


def _sk(story: _Story, tahun: int, konsep_day: dt.date | None, final_day: dt.date) -> dict:
    from flows.sk_peserta import sk_peserta
    if konsep_day:
        story.step(konsep_day, f"SK Wali Kota penetapan peserta tahun {tahun}: KONSEP untuk diperiksa Bagian Hukum:")
        story.lines(report.flow_lines([sk_peserta(tahun=tahun, tanggal_penetapan=konsep_day, demo=True)]))
    story.step(final_day, f"SK Wali Kota penetapan peserta tahun {tahun}: FINAL, bernomor (alur `sk-peserta`):")
    row = sk_peserta(tahun=tahun, tanggal_penetapan=final_day, kecualikan=True, demo=True, final=True)
    story.lines(report.flow_lines([row]))
    return row


def _month(story: _Story, periode: str, day: dt.date) -> dict:
    from flows.iuran_bulanan import iuran_bulanan
    story.step(day, f"Iuran bulan {periode} kepada BPJS Ketenagakerjaan (alur `iuran-bulanan`):")
    row = iuran_bulanan(periode=periode, demo=True, final=True)
    story.lines(report.flow_lines([row]))
    return row


def _leave(story: _Story, day: dt.date, how_many: dict[str, int], seed: int) -> None:
    """Some 2026 participants leave during the year (death, moving away, formal work)."""
    from rentan.registry.desk import reader
    from rentan.registry.lifecycle import end_participant
    from rentan.registry.models import Kepesertaan, Status
    from rentan.registry.participation import in_year
    with reader() as desk:
        people = sorted(a.nik for a in in_year(desk, day.year, Kepesertaan.status.in_(
            (Status.DITETAPKAN.value, Status.AKTIF.value))))
    rng = random.Random(seed)
    chosen = rng.sample(people, sum(how_many.values()))
    k = 0
    for alasan, n in how_many.items():
        for nik in chosen[k:k + n]:
            end_participant(nik, alasan, day, keterangan="SIMULASI demo", oleh="demo")
        k += n
    story.step(day, "Kepesertaan berakhir (SIMULASI): " + ", ".join(f"{n} {a.replace('_', ' ')}"
                                                                     for a, n in how_many.items()))


def run_demo(count: int = 7100, seed: int = 2026) -> int:
    from flows.naskah_penjelasan import naskah_penjelasan, table
    from flows.perwali import perwali
    from rentan.documents.crosscheck import crosscheck
    from rentan.registry.demo import write_demo_registry
    from rentan.registry.importer import import_registry

    story = _Story()
    _use_demo_data_folder()
    click.echo("== DEMO: data sintetis, bukan data warga sebenarnya; dua tahun kepesertaan (2026 dan 2027) ==")

    # --- 2026: the Perwali amendment, the first cycle (all dated 2025) -----------------------------
    source = paths.home() / "demo" / f"contoh-daftar-peserta-{TAHUN}.xlsx"
    s = write_demo_registry(source, count=count, seed=seed, tahun=TAHUN)
    story.step(dt.date(TAHUN - 1, 9, 22), f"Daftar calon peserta {TAHUN} dari kelurahan diimpor ({ribuan(s.valid)} "
                                          f"sah, {ribuan(sum(s.broken.values()))} baris sengaja melanggar aturan):")
    story.lines(report.import_lines(import_registry(source, TAHUN, oleh="demo"), limit=None))

    story.step(dt.date(TAHUN - 1, 10, 1), "Naskah penjelasan rancangan perubahan Perwali 3/2025 (alur "
                                          "`naskah-penjelasan`, final):")
    for row in table(naskah_penjelasan(tahun=TAHUN, tanggal=dt.date(TAHUN - 1, 10, 1), demo=True, final=True)):
        click.echo(f"  {row['Uraian']}: {row['Nilai']}")
    story.step(dt.date(TAHUN - 1, 10, 6), "Rancangan perubahan Perwali 3/2025, matriks perubahan, naskah terpadu "
                                          "dan perubahan terlacak (alur `perwali`):")
    story.lines(report.flow_lines(perwali(tanggal=dt.date(TAHUN - 1, 10, 6))["Naskah"]))

    _verify(story, TAHUN, dt.date(TAHUN - 1, 11, 3), seed)
    _validate(story, TAHUN, dt.date(TAHUN - 1, 11, 19), seed)
    _enacted(story, dt.date(TAHUN - 1, 12, 10))
    _sk(story, TAHUN, dt.date(TAHUN - 1, 12, 15), dt.date(TAHUN - 1, 12, 22))
    _register(story, TAHUN, dt.date(TAHUN - 1, 12, 23), seed)
    _month(story, f"{TAHUN}-01", dt.date(TAHUN, 1, 2))
    _leave(story, dt.date(TAHUN, 3, 16), {"meninggal": 3, "pindah": 2}, seed + 1)
    _bill(story, f"{TAHUN}-07", dt.date(TAHUN, 7, 1), seed)
    _month(story, f"{TAHUN}-07", dt.date(TAHUN, 7, 2))
    _berita_acara(story, f"{TAHUN}-07", dt.date(TAHUN, 7, 3))

    # --- 2027: re-verification, new candidates, the year boundary (dated late 2026) ----------------
    nxt = TAHUN + 1
    source2 = paths.home() / "demo" / f"contoh-daftar-peserta-{nxt}.xlsx"
    s2 = write_demo_registry(source2, count=max(count // 6, 50), seed=seed + nxt, tahun=nxt)
    story.step(dt.date(TAHUN, 10, 5), f"Daftar calon peserta BARU {nxt} dari kelurahan diimpor ({ribuan(s2.valid)} "
                                      "sah, dengan baris yang sengaja melanggar aturan):")
    story.lines(report.import_lines(import_registry(source2, nxt, oleh="demo"), limit=5))
    _verify(story, nxt, dt.date(TAHUN, 11, 2), seed + nxt)
    _validate(story, nxt, dt.date(TAHUN, 11, 18), seed + nxt)
    _month(story, f"{TAHUN}-12", dt.date(TAHUN, 12, 2))
    _leave(story, dt.date(TAHUN, 12, 10), {"sektor_formal": 1}, seed + 2)
    _sk(story, nxt, None, dt.date(TAHUN, 12, 22))
    _register(story, nxt, dt.date(TAHUN, 12, 23), seed + nxt)
    _month(story, f"{nxt}-01", dt.date(nxt, 1, 4))

    story.step(dt.date(nxt, 1, 4), "Pemeriksaan silang antarnaskah (SK, iuran bulanan, naskah penjelasan):")
    problems = crosscheck()
    story.lines([f"  {p}" for p in problems] or ["  cocok: jumlah peserta dan jumlah uang sama di semua naskah"])

    click.echo(f"Semua naskah demo ada di {os.environ['RENTAN_OUTPUTS']} (data BPJS: di bawah rahasia/).")
    click.echo(f"Demo selesai dalam {time.perf_counter() - story.started:.1f} detik.")
    return 1 if problems else 0
