"""Verification memos: for a coverage year, the candidates — new ones and continuing participants
of the year before, re-verified — grouped by the agency that verifies their sector, one official
memo per agency (surat dinas to another OPD, nota dinas to the issuing office's own division), the
list as Lampiran (full NIK: it stays inside the government) and an XLSX return form. Issued through
`rentan.documents.issuing`, once per (year, round, agency)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from rentan import paths
from rentan.atomic import atomic_path
from rentan.clock import add_working_days, today, working_day_on_or_after
from rentan.documents.common import Surat, _Model, annex_groups, kepala, kop, watermark
from rentan.documents.issuing import Document, Numbering, issue
from rentan.errors import Refusal
from rentan.idfmt import tanggal
from rentan.program import Program, program
from rentan.registry import verification
from rentan.registry.desk import Desk, reader
from rentan.registry.numbers import Nomor
from rentan.registry.rules import Violation
from rentan.registry.snapshot import Anggota, Snapshot
from rentan.registry.verification import BARU, HEADERS, LANJUTAN, SESUAI, SHEET, TIDAK_SESUAI, ttl
from rentan.render.annex import AnnexHeader
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import write_annex_pdf
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.render.outputs import Published, Staging
from rentan.render.pdf import render_pdf
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE

__all__ = ["Memo", "issue_memo", "issue_all", "plan", "groups", "memo_context", "MemoVerifikasi", "write_form"]

KIND = "verifikasi"


class Rincian(_Model):
    sektor: str
    jumlah: int


class MemoVerifikasi(Surat):
    nota_dinas: bool
    dari: str
    instansi: str
    tahun: int
    jumlah: int
    rincian: list[Rincian]
    batas: dt.date
    dasar: str


@dataclass(frozen=True)
class Group:
    """One agency's candidates for a year: what its memo rests on."""
    kode: str
    nama: str
    jabatan_kepala: str
    people: Snapshot
    gugur: tuple[tuple[Anggota, tuple[Violation, ...]], ...] = ()  # continuing, failing the year's rules

    @property
    def sha256(self) -> str:
        return self.people.sha256


def groups(desk: Desk, tahun: int, on: dt.date, prog: Program) -> dict[str, Group]:
    """The year's candidates by verifying agency on date `on` (sectors' agencies follow the office
    in force on that date)."""
    calon = verification.candidates(desk, tahun, prog)
    people: dict[str, list[Anggota]] = {}
    failed: dict[str, list] = {}
    for a in calon.kirim:
        people.setdefault(prog.verifikator(a.sektor, on)[0], []).append(a)
    for a, vs in calon.gugur:
        failed.setdefault(prog.verifikator(a.sektor, on)[0], []).append((a, vs))
    out = {}
    for kode in sorted(set(people) | set(failed)):
        _, nama, jabatan = prog.verifikator(next(iter(people.get(kode) or [failed[kode][0][0]])).sektor, on)
        out[kode] = Group(kode, nama, jabatan, Snapshot.of(people.get(kode, [])), tuple(failed.get(kode, [])))
    return out


def memo_context(g: Group, tahun: int, nomor: Nomor, prog: Program, demo: bool, konsep: bool = False) -> MemoVerifikasi:
    k = prog.kantor_pada(nomor.tanggal)
    internal = g.kode == k.kode
    per_sector = Counter(a.sektor for a in g.people)
    return MemoVerifikasi(
        nota_dinas=internal, kop=kop(k), nomor=nomor.nomor, tanggal=nomor.tanggal,
        sifat=prog.naskah.sifat_verifikasi, lampiran="1 (satu) berkas",
        hal=f"Permohonan Verifikasi Calon Peserta Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja "
            f"Rentan Tahun {tahun}",
        kepada=k.bidang if internal else g.jabatan_kepala, dari=k.kepala.jabatan, instansi=g.nama, tahun=tahun,
        jumlah=len(g.people),
        rincian=[Rincian(sektor=prog.sektor[s].nama, jumlah=n) for s, n in sorted(per_sector.items())],
        batas=add_working_days(nomor.tanggal, prog.naskah.batas_verifikasi_hari_kerja), dasar=prog.daerah.peraturan_program,
        penandatangan=kepala(k), tembusan=list(prog.naskah.tembusan_verifikasi), demo=demo, konsep=konsep)


def write_form(target: Path, people: Snapshot, *, instansi: str, nomor: str, tanggal_surat: dt.date,
               batas: dt.date, demo: bool = False) -> int:
    """The XLSX the agency fills in: identity columns locked, answers chosen from a list; whether
    each row is a new candidate or a continuing participant is shown."""
    sektor = program().sektor
    col_hasil = HEADERS.index("Hasil Verifikasi")
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                            "strings_to_urls": False})
        wb.set_properties({"created": dt.datetime(tanggal_surat.year, tanggal_surat.month, tanggal_surat.day),
                           "author": "rentan", "title": f"Formulir verifikasi {nomor}"})
        ws = wb.add_worksheet(SHEET)
        bold = wb.add_format({"bold": True})
        head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center",
                              "valign": "vcenter", "locked": True})
        locked = wb.add_format({"border": 1, "locked": True})
        answer = wb.add_format({"border": 1, "locked": False, "bg_color": "#FFF2CC"})
        ws.write_string(0, 0, "FORMULIR HASIL VERIFIKASI CALON PESERTA BANTUAN IURAN BPJS KETENAGAKERJAAN "
                              "PEKERJA RENTAN", bold)
        ws.write_string(1, 0, f"Instansi verifikator: {instansi}")
        ws.write_string(2, 0, f"Surat nomor {nomor} tanggal {tanggal(tanggal_surat)}; mohon dikembalikan paling "
                              f"lambat {tanggal(batas)}. Isi kolom Hasil Verifikasi (Sesuai/Tidak Sesuai) dan "
                              "Keterangan (wajib bila Tidak Sesuai). Kolom lain jangan diubah.")
        if demo:
            ws.write_string(3, 0, "DEMO — DATA SINTETIS", bold)
        header_row = 4
        ws.write_row(header_row, 0, HEADERS, head)
        for i, a in enumerate(people, 1):
            r = header_row + i
            ws.write_number(r, 0, i, locked)
            values = [a.nik, a.nama, ttl(a), a.jenis_kelamin, a.alamat,
                      f"{a.pekerjaan} ({sektor[a.sektor].nama})" if a.sektor in sektor else a.pekerjaan,
                      KELURAHAN_BY_KODE[a.kelurahan_kode].nama, KECAMATAN_BY_KODE[a.kecamatan_kode].nama,
                      LANJUTAN if a.lanjutan else BARU]
            for c, v in enumerate(values, 1):
                ws.write_string(r, c, v, locked)
            ws.write_blank(r, col_hasil, None, answer)
            ws.write_blank(r, col_hasil + 1, None, answer)
        if len(people):
            ws.data_validation(header_row + 1, col_hasil, header_row + len(people), col_hasil,
                               {"validate": "list", "source": [SESUAI, TIDAK_SESUAI],
                                "error_message": "Pilih Sesuai atau Tidak Sesuai"})
        for c, w in enumerate([6, 19, 30, 30, 5, 34, 30, 20, 20, 16, 16, 40]):
            ws.set_column(c, c, w)
        ws.freeze_panes(header_row + 1, 0)
        ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})
        wb.close()
    return len(people)


class Memo(Document[Group, MemoVerifikasi]):
    """One agency's memo, Lampiran and return form for a year and round."""
    kind = KIND
    internal = ("lampiran.docx", "naskah.pdf", "formulir-verifikasi.xlsx")

    def __init__(self, tahun: int, instansi: str, *, tanggal: dt.date | None = None, putaran: int = 1,
                 demo: bool = False, final: bool = False):
        self.year, self.instansi, self.putaran, self.demo, self.final = tahun, instansi, putaran, demo, final
        self.tanggal = self.default_date(tanggal)

    def lock(self) -> str:
        return f"{KIND}/{self.year}"

    def key(self, desk: Desk) -> str:
        return f"{self.instansi}-putaran-{self.putaran}"

    def kunci(self, key: str) -> str:
        return f"{KIND}/{self.year}/{self.putaran}/{self.instansi}"

    def snapshot(self, desk: Desk) -> Group:
        g = groups(desk, self.year, self.tanggal, program()).get(self.instansi)
        if g is None or not len(g.people):
            raise Refusal(f"tidak ada calon peserta tahun {self.year} yang menunggu verifikasi oleh instansi "
                          f"{self.instansi}")
        return g

    def snapshot_of_record(self, desk: Desk, found) -> Group | None:
        """The agency's candidates as they stand: the same as when the memo was issued unless an
        answer has been applied since (then the memo is not made again)."""
        return groups(desk, self.year, found.tanggal, program()).get(self.instansi)

    def numbering(self, g: Group) -> Numbering:
        k = program().kantor_pada(self.tanggal)
        return Numbering(f"{k.kode}/{self.tanggal.year}", self.tanggal, lambda urut: k.nomor(urut))

    def kantor(self) -> str:
        return program().kantor_pada(self.tanggal).kode

    def context(self, g: Group, nomor: Nomor | None) -> MemoVerifikasi:
        return memo_context(g, self.year, nomor, program(), self.demo, konsep=not self.final)

    def templates(self) -> list[Path]:
        tpl = paths.templates() / KIND
        return [tpl / "memo.docx", tpl / "memo.html", paths.templates() / "print.css"]

    def faces(self, ctx: MemoVerifikasi, g: Group, out: Staging) -> dict:
        prog = program()
        k = prog.kantor_pada(ctx.tanggal)
        tpl = paths.templates() / KIND
        meta = dict(when=ctx.tanggal, title=f"{'Nota Dinas' if ctx.nota_dinas else 'Surat'} {ctx.nomor}",
                    author=k.nama_lengkap, subject=ctx.hal)
        data = ctx.model_dump()
        render_docx(tpl / "memo.docx", data, out.path("memo.docx"), **meta)
        render_pdf(tpl / "memo.html", data, out.path("memo.pdf"), paper=prog.naskah.kertas_surat, **meta)
        header = AnnexHeader(
            lines=["LAMPIRAN", f"{'NOTA DINAS' if ctx.nota_dinas else 'SURAT'} {k.kepala.jabatan.upper()}",
                   f"NOMOR : {ctx.nomor}", f"TANGGAL : {tanggal(ctx.tanggal)}", f"HAL : {ctx.hal}"],
            title=[f"DAFTAR CALON PESERTA YANG DIMOHONKAN VERIFIKASI KEPADA {g.nama.upper()}"],
            signature=[f"{k.kepala.jabatan},", "", "", k.kepala.nama or "." * 30,
                       f"NIP. {k.kepala.nip or '.' * 24}"],
            mask_nik=False, paper=prog.naskah.kertas_surat)
        annex = annex_groups(g.people)
        self._counts = (write_annex_docx(out.path("lampiran.docx"), header, annex).rows,
                        write_annex_pdf(out.path(".lampiran.pdf"), header, annex,
                                        cache_dir=paths.home() / "fonts").rows,
                        write_form(out.path("formulir-verifikasi.xlsx"), g.people, instansi=g.nama, nomor=ctx.nomor,
                                   tanggal_surat=ctx.tanggal, batas=ctx.batas, demo=self.demo))
        memo_pages = page_count(out.path("memo.pdf"))
        total = assemble([out.path("memo.pdf"), out.path(".lampiran.pdf")], out.path("naskah.pdf"),
                         labels=[(0, ""), (memo_pages, "Lampiran-")], watermark=watermark(ctx.konsep, self.demo),
                         **meta)
        out.path(".lampiran.pdf").unlink()
        lanjutan = sum(1 for a in g.people if a.lanjutan)
        return {"instansi": g.nama, "jumlah": ctx.jumlah, "baru": ctx.jumlah - lanjutan, "lanjutan": lanjutan,
                "tidak_memenuhi_syarat": len(g.gugur), "per_sektor": {r.sektor: r.jumlah for r in ctx.rincian},
                "halaman": total, "tanggal": ctx.tanggal.isoformat(), "nota_dinas": ctx.nota_dinas}

    def check(self, ctx: MemoVerifikasi, g: Group, out: Staging, summary: dict) -> None:
        docx_rows, pdf_rows, form_rows = self._counts
        if not (ctx.jumlah == docx_rows == pdf_rows == form_rows == len(g.people)):
            raise Refusal(f"pemeriksaan kesesuaian gagal: memo {ctx.jumlah}, lampiran DOCX {docx_rows}, lampiran "
                          f"PDF {pdf_rows}, formulir {form_rows}; tidak ada yang diterbitkan")

    def record(self, desk: Desk, g: Group, nomor: Nomor | None) -> None:
        verification.record_sent(desk, list(g.people), list(g.gugur), f"{nomor.nomor} ({g.nama})")


def issue_memo(tahun: int, instansi: str, *, tanggal_surat: dt.date | None = None, putaran: int = 1,
               demo: bool = False, final: bool = False, url: str | None = None, root: Path | None = None) -> Published:
    """One agency's memo, Lampiran and return form, issued once per (year, round, agency)."""
    return issue(Memo(tahun, instansi, tanggal=tanggal_surat, putaran=putaran, demo=demo, final=final), url=url,
                 root=root)


def plan(tahun: int, on: dt.date | None = None, url: str | None = None) -> list[tuple[str, str, int]]:
    """(agency code, agency name, participants) — counts only, safe to log."""
    on = working_day_on_or_after(on or today())
    with reader(url) as desk:
        return [(g.kode, g.nama, len(g.people)) for g in groups(desk, tahun, on, program()).values()
                if len(g.people) or g.gugur]


def issue_all(tahun: int, *, tanggal_surat: dt.date | None = None, putaran: int = 1, demo: bool = False,
              final: bool = False, url: str | None = None, root: Path | None = None) -> list[Published]:
    on = working_day_on_or_after(tanggal_surat or today())
    return [issue_memo(tahun, kode, tanggal_surat=on, putaran=putaran, demo=demo, final=final, url=url, root=root)
            for kode, _, n in plan(tahun, on, url) if n]
