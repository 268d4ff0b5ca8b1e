"""The `rentan` command. Messages are in Indonesian for the staff who use it; NIKs and names are
never printed in full except where a clerk asked for one person.

No traceback reaches a clerk: an expected refusal (rentan.errors.Refusal, a file that cannot be
read) ends the command with one line and exit code 2; anything unexpected with one line naming the
owner-only log under RENTAN_HOME where the full trace went (NIK-like numbers masked), exit code 3."""
from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import click

from rentan import report
from rentan.idfmt import mask_nik, ribuan, tanggal


def _date(_ctx, _param, value):
    if value is None:
        return None
    from rentan.registry.cells import CellError, date
    try:
        return date(value)
    except CellError as e:
        raise click.BadParameter(str(e)) from None


def _default_year() -> int:
    """Registration runs October–December for the next year's coverage."""
    from rentan.clock import today as clock_today
    today = clock_today()
    return today.year + 1 if today.month >= 10 else today.year


def _fail(message: str, code: int = 2):
    click.echo(f"GAGAL: {' '.join(message.split())}", err=True)
    sys.exit(code)


class _Commands(click.Group):
    """The top-level group: every refusal and every unexpected error of every subcommand ends here."""

    def invoke(self, ctx):
        from rentan.errors import Refusal, record_trace
        from rentan.registry.sheets import SheetError
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("dihentikan oleh pengguna (Ctrl-C); naskah yang belum selesai tidak diterbitkan.", 130)
        except (Refusal, SheetError) as e:
            _fail(str(e))
        except Exception as e:
            try:
                log = record_trace(e, " ".join(["rentan", *sys.argv[1:]]))
                where = f"rincian teknis dicatat di {log}"
            except OSError:
                where = "rincian teknis tidak dapat dicatat (folder data tidak dapat ditulis)"
            _fail(f"terjadi kesalahan yang tidak terduga ({type(e).__name__}); {where}. Laporkan kepada "
                  "pengelola aplikasi beserta berkas catatan itu.", 3)


def _read_sheet(call, unchanged: str):
    """Run an import; a file that cannot be used as a whole ends the command with one line."""
    from rentan.registry.sheets import SheetError
    try:
        return call()
    except SheetError as e:
        _fail(f"{e}. {unchanged}")


@click.group(cls=_Commands)
def main():
    """rentan — naskah program bantuan iuran BPJS Ketenagakerjaan pekerja rentan Kota Balikpapan."""


# --- registry ---------------------------------------------------------------------------------

@main.group()
def registry():
    """Registri peserta: impor, ekspor, akhiri kepesertaan, data contoh."""


def _progress(stage: str, done: int, total: int):
    if total >= 5000:
        click.echo(f"\r  {stage}: {ribuan(done)} dari {ribuan(total)} baris", err=True, nl=done == total)


def echo_lines(lines: list[str]) -> None:
    for line in lines:
        click.echo(line)


@registry.command("import")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--tahun", type=int, default=None, help="Tahun kepesertaan (bawaan: tahun depan bila Okt–Des).")
@click.option("--sumber", default=None, help="Asal daftar (kelurahan/OPD) bila berkas tidak punya kolom Sumber.")
@click.option("--laporan", type=click.Path(path_type=Path), default=None, help="Berkas laporan penolakan.")
@click.option("--oleh", default=None, help="Nama petugas yang mengimpor (untuk log audit).")
def registry_import(berkas, tahun, sumber, laporan, oleh):
    """Impor daftar peserta (XLSX/CSV). Kode keluar 0 bila semua baris diterima, 1 bila ada yang ditolak."""
    from rentan.registry.importer import import_registry
    start = time.perf_counter()
    r = _read_sheet(lambda: import_registry(berkas, tahun or _default_year(), sumber=sumber, laporan=laporan,
                                            oleh=oleh, progress=_progress), "Registri tidak diubah.")
    echo_lines(report.import_lines(r))
    click.echo(f"Selesai dalam {time.perf_counter() - start:.1f} detik.")
    sys.exit(1 if r.ditolak else 0)


@registry.command("import-provinsi")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--oleh", default=None)
def registry_import_provinsi(berkas, oleh):
    """Muat daftar peserta yang iurannya ditanggung APBD Provinsi Kalimantan Timur."""
    from rentan.registry.provinsi import import_provincial
    r = _read_sheet(lambda: import_provincial(berkas, oleh=oleh), "Daftar provinsi tidak diubah.")
    click.echo(f"Daftar provinsi dimuat: {ribuan(r.dimuat)} NIK dari {ribuan(r.dibaca)} baris; "
               f"{ribuan(r.ditandai)} peserta registri ditandai ditanggung provinsi.")
    for baris, msg in r.tidak_terbaca[:10]:
        click.echo(f"  baris {baris} tidak terbaca: {msg}")
    sys.exit(1 if r.tidak_terbaca else 0)


@registry.command("export")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--status", default=None, help="Hanya peserta dengan status ini (mis. terverifikasi).")
def registry_export(berkas, status):
    """Tulis registri ke XLSX atau CSV (menurut ekstensi berkas)."""
    from rentan.registry.export import export_registry
    n = export_registry(berkas, status)
    click.echo(f"{ribuan(n)} peserta ditulis ke {berkas}")


@registry.command("end")
@click.argument("nik")
@click.option("--alasan", required=True,
              type=click.Choice(["meninggal", "pindah", "sektor_formal", "usia", "ganda_provinsi"]))
@click.option("--tanggal", "tgl", required=True, callback=_date, help="Tanggal berakhir, mis. 10-02-2026.")
@click.option("--keterangan", default=None)
@click.option("--oleh", default=None)
def registry_end(nik, alasan, tgl, keterangan, oleh):
    """Akhiri kepesertaan satu orang dengan alasannya."""
    from rentan.registry.lifecycle import end_participant
    end_participant(nik, alasan, tgl, keterangan=keterangan, oleh=oleh)
    click.echo(f"Kepesertaan {mask_nik(nik)} berakhir pada {tanggal(tgl)} ({alasan}).")


@registry.command("demo")
@click.option("--count", type=int, default=7100, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option("--tahun", type=int, default=2026, show_default=True)
@click.option("--keluar", type=click.Path(path_type=Path), default=None, help="Berkas XLSX yang ditulis.")
def registry_demo(count, seed, tahun, keluar):
    """Tulis daftar peserta sintetis (contoh) seperti yang dikirim kelurahan."""
    from rentan import paths
    from rentan.registry.demo import write_demo_registry
    target = keluar or paths.home() / f"contoh-daftar-peserta-{tahun}.xlsx"
    s = write_demo_registry(target, count=count, seed=seed, tahun=tahun)
    click.echo(f"Data contoh (sintetis) ditulis ke {target}: {ribuan(s.valid)} baris sah dan "
               f"{ribuan(sum(s.broken.values()))} baris yang sengaja melanggar aturan.")


# --- flows ------------------------------------------------------------------------------------

@main.group()
def run():
    """Jalankan alur (flow) Prefect dari baris perintah, tanpa server."""
    import os
    # the command prints the outcome itself; Prefect's console lines (English, with traces) would
    # only repeat it, so they go quiet here (the run's own logs still hold them)
    for handler in ("CONSOLE", "CONSOLE_FLOW_RUNS", "CONSOLE_TASK_RUNS"):
        os.environ.setdefault(f"PREFECT_LOGGING_HANDLERS_{handler}_LEVEL", "CRITICAL")


@run.command("verifikasi")
@click.option("--tahun", type=int, required=True, help="Tahun kepesertaan.")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal surat (bawaan: hari kerja ini).")
@click.option("--putaran", type=int, default=1, show_default=True)
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def run_verifikasi(tahun, tgl, putaran, final):
    """Memo verifikasi per instansi verifikator, dengan lampiran dan formulir isian."""
    from flows.verifikasi import verifikasi
    rows = verifikasi(tahun=tahun, tanggal_surat=tgl, putaran=putaran, final=final)
    if not rows:
        click.echo(f"Tidak ada calon peserta tahun {tahun} yang menunggu verifikasi.")
    else:
        click.echo(f"Memo verifikasi tahun {tahun}, putaran {putaran}:")
        echo_lines(report.flow_lines(rows))


@run.command("iuran-bulanan")
@click.option("--periode", required=True, help="Bulan yang dibayar, TTTT-BB (mis. 2026-01).")
@click.option("--koreksi", default=None, help="Alasan koreksi: menerbitkan surat koreksi bernomor baru.")
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def run_iuran(periode, koreksi, final):
    """Surat, rekap dan berkas data iuran bulanan untuk BPJS Ketenagakerjaan (sekali per periode)."""
    from rentan.registry.coverage import parse_period
    parse_period(periode)  # a malformed period is refused before Prefect starts
    from flows.iuran_bulanan import iuran_bulanan
    from rentan.errors import mask_numbers
    row = iuran_bulanan(periode=periode, koreksi=mask_numbers(koreksi) if koreksi else None, final=final)
    click.echo(f"Iuran bulan {periode}:")
    echo_lines(report.flow_lines([row]))


@run.command("sk-peserta")
@click.option("--tahun", type=int, required=True, help="Tahun kepesertaan.")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal penetapan (bawaan: hari kerja ini).")
@click.option("--kecualikan", is_flag=True, help="Terbitkan tanpa calon peserta yang belum siap (mereka dilaporkan).")
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def run_sk(tahun, tgl, kecualikan, final):
    """SK Wali Kota penetapan peserta, dengan Lampiran salinan internal (NIK lengkap) dan publik (NIK disamarkan)."""
    from flows.sk_peserta import sk_peserta
    from rentan.documents.sk import SkDitolak
    try:
        row = sk_peserta(tahun=tahun, tanggal_penetapan=tgl, kecualikan=kecualikan, final=final)
    except SkDitolak as e:
        for line in e.rincian():
            click.echo("  " + line, err=True)
        raise
    click.echo(f"SK penetapan peserta tahun {tahun}:")
    echo_lines(report.flow_lines([row]))


@run.command("naskah-penjelasan")
@click.option("--tahun", type=int, required=True, help="Tahun kepesertaan dan anggaran yang dijelaskan.")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal naskah (bawaan: hari kerja ini).")
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def run_naskah(tahun, tgl, final):
    """Naskah penjelasan rancangan Perwali dengan angka dari registri, pengaturan dan naskah perubahan."""
    from flows.naskah_penjelasan import naskah_penjelasan, table
    r = naskah_penjelasan(tahun=tahun, tanggal=tgl, final=final)
    click.echo(f"Naskah penjelasan tahun {tahun}:")
    for row in table(r):
        click.echo(f"  {row['Uraian']}: {row['Nilai']}")


@run.command("perwali")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal rancangan.")
@click.option("--per-tanggal", "per", callback=_date, default=None, help="Naskah terpadu keadaan tanggal.")
@click.option("--naskah", default=None, help="Berkas YAML peraturan yang diubah (bawaan: drafts/perwali-3-2025.yaml).")
@click.option("--perubahan", default=None, help="Berkas YAML perubahan (bawaan: drafts/perubahan-perwali-3-2025.yaml).")
def run_perwali(tgl, per, naskah, perubahan):
    """Rancangan perubahan Perwali 3/2025, matriks perubahan, naskah terpadu dan DOCX lacak perubahan."""
    from flows.perwali import perwali
    r = perwali(tanggal=tgl, per_tanggal=per, naskah=naskah, perubahan=perubahan)
    click.echo(f"Naskah perubahan Perwali ({'baru' if r['Baru'] else 'sudah ada'}): {r['Folder']}")
    echo_lines(report.flow_lines(r["Naskah"]))
    for w in r["Peringatan"]:
        click.echo(f"PERINGATAN: {w}")


# --- verification -----------------------------------------------------------------------------

@main.group()
def verification():
    """Hasil verifikasi dari instansi verifikator."""


@verification.command("import")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--oleh", default=None)
def verification_import(berkas, oleh):
    """Terapkan formulir hasil verifikasi yang dikembalikan instansi."""
    from rentan.registry.verification import import_results
    r = _read_sheet(lambda: import_results(berkas, oleh=oleh), "Registri tidak diubah.")
    echo_lines(report.verification_lines(r))
    sys.exit(1 if r.dilaporkan else 0)


# --- BPJS Ketenagakerjaan ---------------------------------------------------------------------

@main.group()
def bpjs():
    """Pertukaran dengan BPJS Ketenagakerjaan: validasi, pendaftaran (KPJ), tagihan dan rekonsiliasi."""
    run.callback()  # the same quiet Prefect console as `rentan run`


def _jawaban(call) -> None:
    r = _read_sheet(call, "Registri tidak diubah.")
    echo_lines(r.lines())
    sys.exit(0 if r.diterapkan and r.sesuai else 1)


@bpjs.command("validasi-kirim")
@click.option("--tahun", type=int, required=True, help="Tahun kepesertaan.")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal surat (bawaan: hari kerja ini).")
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def bpjs_validasi_kirim(tahun, tgl, final):
    """Surat dan daftar permohonan validasi calon peserta yang telah diverifikasi."""
    from flows.bpjs import validasi_bpjs
    echo_lines(report.flow_lines([validasi_bpjs(tahun=tahun, tanggal_surat=tgl, final=final)]))


@bpjs.command("validasi-impor")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--sebagian", is_flag=True, help="Terapkan baris yang sesuai walaupun ada yang tidak sesuai.")
@click.option("--oleh", default=None, help="Nama petugas (untuk log audit).")
def bpjs_validasi_impor(berkas, sebagian, oleh):
    """Terapkan hasil validasi BPJS: diterima, atau ditolak dengan alasannya."""
    from rentan.registry.bpjs import import_validasi
    _jawaban(lambda: import_validasi(berkas, sebagian=sebagian, oleh=oleh))


@bpjs.command("registrasi-kirim")
@click.option("--tahun", type=int, required=True, help="Tahun kepesertaan (SK yang pesertanya didaftarkan).")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal surat (bawaan: hari kerja ini).")
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def bpjs_registrasi_kirim(tahun, tgl, final):
    """Surat dan daftar pendaftaran peserta SK yang belum memiliki nomor KPJ."""
    from flows.bpjs import registrasi_bpjs
    echo_lines(report.flow_lines([registrasi_bpjs(tahun=tahun, tanggal_surat=tgl, final=final)]))


@bpjs.command("kpj-impor")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--sebagian", is_flag=True, help="Terapkan baris yang sesuai walaupun ada yang tidak sesuai.")
@click.option("--oleh", default=None, help="Nama petugas (untuk log audit).")
def bpjs_kpj_impor(berkas, sebagian, oleh):
    """Isi nomor KPJ peserta dari jawaban pendaftaran BPJS."""
    from rentan.registry.bpjs import import_kpj
    _jawaban(lambda: import_kpj(berkas, sebagian=sebagian, oleh=oleh))


@bpjs.command("tagihan-impor")
@click.argument("berkas", type=click.Path(path_type=Path))
@click.option("--periode", required=True, help="Bulan tagihan, TTTT-BB (mis. 2027-01).")
@click.option("--oleh", default=None, help="Nama petugas (untuk log audit).")
def bpjs_tagihan_impor(berkas, periode, oleh):
    """Impor tagihan BPJS sebulan dan bandingkan dengan data peserta bulan itu."""
    from rentan.registry.bpjs import import_tagihan
    rec, _ = _read_sheet(lambda: import_tagihan(berkas, periode, oleh=oleh), "Tagihan tidak disimpan.")
    echo_lines(rec.lines())
    sys.exit(0 if rec.dijelaskan else 1)


@bpjs.command("catat-selisih")
@click.option("--periode", required=True, help="Bulan tagihan, TTTT-BB.")
@click.option("--alasan", required=True, help="Penjelasan selisih antara tagihan BPJS dan data kami.")
@click.option("--oleh", default=None, help="Nama petugas (untuk log audit).")
def bpjs_catat_selisih(periode, alasan, oleh):
    """Catat penjelasan selisih tagihan sebulan; surat iuran bulan itu kemudian dapat diterbitkan."""
    from rentan.registry.bpjs import catat_selisih
    echo_lines(catat_selisih(periode, alasan, oleh=oleh).lines())


@bpjs.command("berita-acara")
@click.option("--periode", required=True, help="Bulan yang direkonsiliasi, TTTT-BB.")
@click.option("--tanggal", "tgl", callback=_date, default=None, help="Tanggal berita acara (bawaan: hari kerja ini).")
@click.option("--final", is_flag=True, help="Terbitkan final (bernomor); tanpa ini: konsep bertanda KONSEP.")
def bpjs_berita_acara(periode, tgl, final):
    """Berita acara rekonsiliasi data peserta dan iuran sebulan, dengan tanda tangan kedua pihak."""
    from rentan.registry.coverage import parse_period
    parse_period(periode)
    from flows.bpjs import rekonsiliasi_bpjs
    echo_lines(report.flow_lines([rekonsiliasi_bpjs(periode=periode, tanggal=tgl, final=final)]))


# --- templates --------------------------------------------------------------------------------

@main.group()
def templates():
    """Templat DOCX yang dapat diubah staf di Word."""


@templates.command("check")
def templates_check():
    """Render setiap templat dengan data contoh; laporkan variabel yang tidak dikenal dan tag yang terpotong."""
    from rentan.documents.samples import check_all
    problems = 0
    for name, issues in check_all():
        click.echo(f"{'OK   ' if not issues else 'SALAH'} {name}")
        for i in issues:
            click.echo(f"      {i}")
        problems += len(issues)
    sys.exit(1 if problems else 0)


# --- server -----------------------------------------------------------------------------------

@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Alamat yang didengarkan; selain 127.0.0.1, API Prefect dilindungi kata sandi.")
@click.option("--port", type=int, default=4200, show_default=True, help="Port server Prefect (untuk operator).")
@click.option("--desk-port", type=int, default=4300, show_default=True, help="Port meja layanan untuk petugas.")
@click.option("--demo", is_flag=True, help="Meja layanan DEMO: registri dan naskah contoh yang terpisah (data sintetis).")
def serve(host, port, desk_port, demo):
    """Jalankan server Prefect, layani semua deployment (jadwal iuran bulanan ikut berjalan) dan meja layanan."""
    from flows.serve import configure_api
    configure_api(host, port)  # before Prefect is imported
    from flows.serve import serve_all
    try:
        serve_all(host, port, desk_port, demo=demo)
    except RuntimeError as e:
        _fail(str(e))


# --- accounts of the web desk -----------------------------------------------------------------

@main.group()
def user():
    """Akun meja layanan: tambah, daftar, ganti kata sandi, nonaktifkan."""


def _password() -> str:
    """The password: a hidden prompt asked twice at a terminal, else one line of standard input
    (never an argument: it would stay in the shell's history and the process list)."""
    if sys.stdin.isatty():
        return click.prompt("Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        _fail("kata sandi tidak terbaca dari masukan standar (satu baris)")
    return line


@user.command("add")
@click.argument("nama")
@click.option("--peran", required=True, type=click.Choice(["dinas", "bagian_hukum", "admin"]),
              help="dinas: impor, verifikasi, SK konsep, iuran; bagian_hukum: Perwali, naskah penjelasan, SK final; "
                   "admin: semuanya.")
def user_add(nama, peran):
    """Tambah akun meja layanan; kata sandi diminta tersembunyi (atau dibaca dari masukan standar)."""
    from rentan.desk import accounts
    nama = accounts.check_name(nama)
    a = accounts.add_user(nama, peran, _password())
    click.echo(f"Akun {a.nama} ({a.label_peran}) dibuat.")


@user.command("list")
def user_list():
    """Daftar akun meja layanan."""
    from rentan.desk import accounts
    from rentan.desk.models import PERAN
    rows = accounts.users()
    if not rows:
        click.echo("Belum ada akun. Tambah dengan: rentan user add NAMA --peran dinas")
    for nama, peran, dibuat, nonaktif in rows:
        click.echo(f"  {nama:<24} {PERAN[peran]:<13} dibuat {tanggal(dibuat.date())}{'  NONAKTIF' if nonaktif else ''}")


@user.command("password")
@click.argument("nama")
def user_password(nama):
    """Ganti kata sandi sebuah akun."""
    from rentan.desk import accounts
    accounts.set_password(nama, _password())
    click.echo(f"Kata sandi akun {nama} diganti.")


@user.command("disable")
@click.argument("nama")
@click.option("--aktifkan", is_flag=True, help="Aktifkan lagi akun yang dinonaktifkan.")
def user_disable(nama, aktifkan):
    """Nonaktifkan akun (akun tidak dihapus: log audit menyebut namanya)."""
    from rentan.desk import accounts
    accounts.set_disabled(nama, not aktifkan)
    click.echo(f"Akun {nama} {'diaktifkan lagi' if aktifkan else 'dinonaktifkan'}.")


# --- demo -------------------------------------------------------------------------------------

@main.command()
@click.option("--count", type=int, default=7100, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
def demo(count, seed):
    """Jalankan seluruh siklus naskah pada data contoh (registri demo terpisah dari registri asli)."""
    from rentan.demo import run_demo
    sys.exit(run_demo(count=count, seed=seed))


if __name__ == "__main__":
    main()
