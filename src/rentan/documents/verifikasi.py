"""Verification memos: for a coverage year, the candidates — new ones and continuing participants
of the year before, re-verified — grouped by the agency that verifies their sector, one official
memo per agency (surat dinas to another OPD, nota dinas to the issuing office's own division), the
list as Lampiran (full NIK: it stays inside the government) and an XLSX return form. Issued through
`rentan.documents.issuing`, once per (year, round, agency).

What the memo rests on comes from the rules, not from code:

- the regulation is cited as in force on the memo's date (`rentan.legal.in_force`);
- the answer is asked for within the working days of `[naskah] batas_verifikasi_hari_kerja`,
  counted without national holidays and cuti bersama (`rentan.clock`), citing the article of the
  regulation in force that sets that deadline (found in its text: Pasal 7 ayat (3) of the
  illustrative Perwali, "paling lambat 14 (empat belas) hari kerja"); a setting that disagrees
  with the article keeps the memo a konsep;
- the continuing participants are re-verified against the year's own rules (age on 1 January, the
  year's UMK): a year whose UMK or budget is not yet in program.toml is refused.
"""
from __future__ import annotations

import dataclasses

import datetime as dt
import re
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
from rentan.idfmt import angka_kata, tanggal
from rentan.legal.amendment import consolidate
from rentan.legal.in_force import InForce, in_force
from rentan.program import Program, program
from rentan.registry import verification
from rentan.registry.desk import Desk, open_desk, reader
from rentan.registry.numbers import Nomor
from rentan.registry.rules import Violation
from rentan.registry.snapshot import Anggota, Snapshot
from rentan.registry.verification import (BARU, HEADERS, LANJUTAN, SESUAI, SHEET, TIDAK_SESUAI, surat_aplikator,
                                          ttl)
from rentan.render.annex import TERBATAS, VERIFIKASI, AnnexHeader
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import write_annex_pdf
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.render.outputs import Published, Staging
from rentan.render.pdf import render_pdf
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE

__all__ = ["Memo", "issue_memo", "issue_all", "plan", "groups", "memo_context", "MemoVerifikasi", "write_form",
           "dasar_batas", "record_remaining", "OJOL"]

KONSEP_BANNER = "KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR"  # as templates/_naskah.html konsep_banner
KIND = "verifikasi"
OJOL = "ojek_online"  # the sector whose drivers also hand in their platform's letter
LAINNYA = "lainnya"  # "pekerja sektor informal lainnya": listed last, as in the Perwali's list


class Rincian(_Model):
    label: str  # "a." (empty when the memo lists one sector only)
    sektor: str
    jumlah: int
    tanda: str  # ";", "; dan" on the second-to-last, "." on the last


class MemoVerifikasi(Surat):
    nota_dinas: bool
    dari: str
    instansi: str
    tahun: int
    jumlah: int
    baru: int  # new candidates
    lanjutan: int  # participants of the year before, re-verified
    daftar: str  # "daftar calon peserta … sebanyak 9 (sembilan) orang, terdiri atas …, dengan rincian:"
    rincian: list[Rincian]  # by sector, in the order of the Perwali's list ("lainnya" last); [] for one sector
    batas: dt.date
    batas_hari: str  # "14 (empat belas)"
    batas_dasar: str  # "Pasal 7 ayat (3)" (of the regulation cited in `dasar`)
    dasar: str  # the regulation as in force on the memo's date
    ojek_online: int  # drivers in the list
    surat_aplikator_ada: int  # of them, whose platform letter is on file


@dataclass(frozen=True)
class Group:
    """One agency's candidates for a year: what its memo rests on."""
    kode: str
    nama: str
    jabatan_kepala: str
    people: Snapshot
    gugur: tuple[tuple[Anggota, tuple[Violation, ...]], ...] = ()  # continuing, failing the year's rules
    # continuing participants failing the year's rules whose agency has nobody to verify (so no memo
    # of its own): recorded with whichever memo of the year is issued first
    lain: tuple[tuple[Anggota, tuple[Violation, ...]], ...] = ()

    @property
    def sha256(self) -> str:
        return self.people.sha256


def _letters(people) -> list:
    """What a snapshot's hash does not cover but the Lampiran and the form show: whether each ojek
    online driver's platform letter is on file."""
    return sorted((a.nik, a.surat_aplikator) for a in people if a.sektor == OJOL)


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
    orphans = tuple(x for kode in sorted(set(failed) - set(people)) for x in failed[kode])
    out = {}
    for kode in sorted(set(people) | set(failed)):
        _, nama, jabatan = prog.verifikator(next(iter(people.get(kode) or [failed[kode][0][0]])).sektor, on)
        mine = people.get(kode, [])
        out[kode] = Group(kode, nama, jabatan, Snapshot.of(mine, _letters(mine) or None), tuple(failed.get(kode, [])),
                          orphans if mine else ())
    return out


# --- the deadline and the article it rests on -------------------------------------------------

# "… menyampaikan hasil verifikasi kepada Dinas paling lambat 14 (empat belas) hari kerja sejak …"
_BATAS = re.compile(r"hasil verifikasi\b.*?\bpaling lambat (\d+) \(([a-z ]+)\) hari kerja", re.S | re.I)


@dataclass(frozen=True)
class DasarBatas:
    pasal: str  # "Pasal 7 ayat (3)"
    hari: int  # what the article says


def _text_in_force(law: InForce):
    act = law.base
    for a in law.enacted:
        if a.in_force_on(law.on):
            act = consolidate(act, a, annotate=False).act
    return act


def dasar_batas(on: dt.date) -> DasarBatas | None:
    """The article of the regulation in force on `on` that sets the agencies' deadline for their
    verification results, and the working days it gives; None when its text sets none."""
    act = _text_in_force(in_force(on))
    for _, p in act.iter_pasal():
        if p.deleted:
            continue
        for a in p.paragraphs:
            m = _BATAS.search(" ".join([a.text, *(b.text for b in a.items)]))
            if m and not a.deleted:
                return DasarBatas(f"Pasal {p.number}" + (f" ayat ({a.number})" if a.number else ""), int(m.group(1)))
    return None


def _pembuka(g: Group, tahun: int, internal: bool, order: list[str], prog: Program) -> tuple[str, list[Rincian]]:
    """What the memo sends, in words: how many, how many of them new and continuing, and by sector
    (one sector: named in the sentence, no list)."""
    n = len(g.people)
    lanjutan = sum(1 for a in g.people if a.lanjutan)
    baru = n - lanjutan
    per_sector = Counter(a.sektor for a in g.people)
    sectors = sorted(per_sector, key=lambda s: (s == LAINNYA, order.index(s) if s in order else len(order), s))
    tugas = "bidang Saudara" if internal else g.nama
    single = len(sectors) == 1
    text = "daftar calon peserta"
    if single:
        text += f" sektor {prog.sektor[sectors[0]].nama}"
    text += f" yang verifikasinya menjadi tugas {tugas} sebanyak {angka_kata(n)} orang"
    lalu = f"peserta tahun {tahun - 1} yang diverifikasi ulang"
    if lanjutan and baru:
        text += f", terdiri atas {angka_kata(baru)} calon peserta baru dan {angka_kata(lanjutan)} {lalu}"
    elif lanjutan:
        text += f", seluruhnya {lalu}"
    if single:
        return text + ".", []
    rincian = []
    for i, s in enumerate(sectors):
        last, second_last = i == len(sectors) - 1, i == len(sectors) - 2
        rincian.append(Rincian(label=f"{chr(97 + i)}.", sektor=prog.sektor[s].nama, jumlah=per_sector[s],
                               tanda="." if last else ("; dan" if second_last else ";")))
    return text + ", dengan rincian:", rincian


def memo_context(g: Group, tahun: int, nomor: Nomor, prog: Program, demo: bool, konsep: bool = False) -> MemoVerifikasi:
    k = prog.kantor_pada(nomor.tanggal)
    internal = g.kode == k.kode
    daftar, rincian = _pembuka(g, tahun, internal, list(prog.sektor), prog)
    lanjutan = sum(1 for a in g.people if a.lanjutan)
    ojol = [a for a in g.people if a.sektor == OJOL]
    hari = prog.naskah.batas_verifikasi_hari_kerja
    dasar = dasar_batas(nomor.tanggal)
    return MemoVerifikasi(
        nota_dinas=internal, kop=kop(k), nomor=nomor.nomor, tanggal=nomor.tanggal,
        sifat=prog.naskah.sifat_verifikasi, lampiran="1 (satu) berkas",
        hal=f"Permohonan Verifikasi Calon Peserta Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja "
            f"Rentan Tahun {tahun}",
        kepada=k.bidang if internal else g.jabatan_kepala, dari=k.kepala.jabatan, instansi=g.nama, tahun=tahun,
        jumlah=len(g.people), baru=len(g.people) - lanjutan, lanjutan=lanjutan, daftar=daftar, rincian=rincian,
        batas=add_working_days(nomor.tanggal, hari), batas_hari=angka_kata(hari),
        batas_dasar=dasar.pasal if dasar else "", dasar=in_force(nomor.tanggal).singkat,
        ojek_online=len(ojol), surat_aplikator_ada=sum(1 for a in ojol if a.surat_aplikator),
        penandatangan=kepala(k),
        # a nota dinas stays inside the office: no tembusan to the Wali Kota or the Sekretaris Daerah
        tembusan=[] if internal else list(prog.naskah.tembusan_verifikasi), demo=demo, konsep=konsep)


def write_form(target: Path, people: Snapshot, *, instansi: str, nomor: str, tanggal_surat: dt.date,
               batas: dt.date, demo: bool = False, konsep: bool = False, tahun: int | None = None) -> int:
    """The XLSX the agency fills in: identity columns locked, answers chosen from a list. Each row
    shows the address and the declared sector the agency verifies, whether it is a new candidate or
    a continuing participant re-verified (Baru/Lanjutan), and for ojek online drivers whether the
    platform's letter is on file."""
    sektor = program().sektor
    col_hasil = HEADERS.index("Hasil Verifikasi")
    lalu = f"peserta tahun {tahun - 1}" if tahun else "peserta tahun sebelumnya"
    lanjutan = sum(1 for a in people if a.lanjutan)
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
                              "PEKERJA RENTAN" + (f" TAHUN {tahun}" if tahun else ""), bold)
        ws.write_string(1, 0, f"Instansi verifikator: {instansi}. Jumlah: {angka_kata(len(people))} orang "
                              f"({BARU}: {angka_kata(len(people) - lanjutan)}; {LANJUTAN}, yaitu {lalu} yang "
                              f"diverifikasi ulang: {angka_kata(lanjutan)}).")
        ws.write_string(2, 0, f"Surat nomor {nomor} tanggal {tanggal(tanggal_surat)}; mohon dikembalikan paling "
                              f"lambat {tanggal(batas)}. Isi kolom Hasil Verifikasi (Sesuai/Tidak Sesuai) dan "
                              "Keterangan (wajib bila Tidak Sesuai). Kolom lain jangan diubah. Surat Aplikator: "
                              "surat keterangan perusahaan aplikasi bagi pengemudi ojek online.")
        marks = [m for m, on in (("KONSEP — BELUM UNTUK DIISI", konsep), ("DEMO — DATA SINTETIS", demo)) if on]
        if marks:
            ws.write_string(3, 0, "; ".join(marks), bold)
        header_row = 4
        ws.write_row(header_row, 0, HEADERS, head)
        for i, a in enumerate(people, 1):
            r = header_row + i
            ws.write_number(r, 0, i, locked)
            values = [a.nik, a.nama, ttl(a), a.jenis_kelamin, a.alamat,
                      KELURAHAN_BY_KODE[a.kelurahan_kode].nama, KECAMATAN_BY_KODE[a.kecamatan_kode].nama,
                      a.pekerjaan, sektor[a.sektor].nama if a.sektor in sektor else a.sektor,
                      LANJUTAN if a.lanjutan else BARU, surat_aplikator(a)]
            for c, v in enumerate(values, 1):
                ws.write_string(r, c, v, locked)
            ws.write_blank(r, col_hasil, None, answer)
            ws.write_blank(r, col_hasil + 1, None, answer)
        if len(people):
            ws.data_validation(header_row + 1, col_hasil, header_row + len(people), col_hasil,
                               {"validate": "list", "source": [SESUAI, TIDAK_SESUAI],
                                "error_message": "Pilih Sesuai atau Tidak Sesuai"})
        for c, w in enumerate([6, 19, 30, 30, 5, 34, 20, 20, 24, 30, 11, 12, 16, 40]):
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

    def unconfirmed(self, ctx: MemoVerifikasi, g: Group) -> list[str]:
        """The regulation the memo cites must be the official text, and its deadline the one the
        article in force gives."""
        law = in_force(ctx.tanggal)
        out = list(law.unconfirmed())
        dasar = dasar_batas(ctx.tanggal)
        hari = program().naskah.batas_verifikasi_hari_kerja
        if dasar is None:
            out.append(f"batas waktu verifikasi: {law.base.judul_singkat} yang berlaku pada {tanggal(ctx.tanggal)} "
                       "tidak memuat batas waktu penyampaian hasil verifikasi (program.toml [naskah] "
                       "batas_verifikasi_hari_kerja tidak berdasar)")
        elif dasar.hari != hari:
            out.append(f"batas waktu verifikasi: program.toml [naskah] batas_verifikasi_hari_kerja = {hari}, "
                       f"sedangkan {dasar.pasal} {law.base.judul_singkat} menetapkan {angka_kata(dasar.hari)} hari "
                       "kerja")
        return out

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
        kepada = k.bidang.removeprefix("Kepala ") if ctx.nota_dinas else g.nama
        header = AnnexHeader(
            lines=["LAMPIRAN", f"{'NOTA DINAS' if ctx.nota_dinas else 'SURAT'} {k.kepala.jabatan.upper()}",
                   f"NOMOR : {ctx.nomor}", f"TANGGAL : {tanggal(ctx.tanggal)}", f"HAL : {ctx.hal}"],
            title=[f"DAFTAR CALON PESERTA TAHUN {ctx.tahun} YANG DIMOHONKAN VERIFIKASI",
                   f"KEPADA {kepada.upper()}"],
            signature=[f"{k.kepala.jabatan},", "", "", k.kepala.nama or "." * 30,
                       *([k.kepala.pangkat] if k.kepala.pangkat else []), f"NIP. {k.kepala.nip or '.' * 24}"],
            mask_nik=False, paper=prog.naskah.kertas_surat, columns=VERIFIKASI, marking=TERBATAS,
            watermark=watermark(ctx.konsep, self.demo), banner=KONSEP_BANNER if ctx.konsep else None)
        annex = annex_groups(g.people)
        self._counts = (write_annex_docx(out.path("lampiran.docx"), header, annex).rows,
                        # (naskah.pdf is stamped whole below: the Lampiran's PDF draws no watermark of its own)
                        write_annex_pdf(out.path(".lampiran.pdf"), dataclasses.replace(header, watermark=None), annex,
                                        cache_dir=paths.home() / "fonts").rows,
                        write_form(out.path("formulir-verifikasi.xlsx"), g.people, instansi=g.nama, nomor=ctx.nomor,
                                   tanggal_surat=ctx.tanggal, batas=ctx.batas, demo=self.demo, konsep=ctx.konsep,
                                   tahun=ctx.tahun))
        memo_pages = page_count(out.path("memo.pdf"))
        total = assemble([out.path("memo.pdf"), out.path(".lampiran.pdf")], out.path("naskah.pdf"),
                         labels=[(0, ""), (memo_pages, "Lampiran-")], watermark=watermark(ctx.konsep, self.demo),
                         **meta)
        out.path(".lampiran.pdf").unlink()
        per_sektor = Counter(prog.sektor[a.sektor].nama for a in g.people)
        return {"instansi": g.nama, "jumlah": ctx.jumlah, "baru": ctx.baru, "lanjutan": ctx.lanjutan,
                # continuing participants of this agency's sectors who fail the year's rules (not sent;
                # their year row records why), and those of agencies with nobody to verify
                "tidak_memenuhi_syarat": len(g.gugur), "tidak_memenuhi_syarat_instansi_lain": len(g.lain),
                "per_sektor": {r.sektor: per_sektor[r.sektor] for r in ctx.rincian} or dict(per_sektor),
                "ojek_online": ctx.ojek_online, "surat_aplikator_ada": ctx.surat_aplikator_ada,
                "batas": ctx.batas.isoformat(), "halaman": total, "tanggal": ctx.tanggal.isoformat(),
                "nota_dinas": ctx.nota_dinas}

    def check(self, ctx: MemoVerifikasi, g: Group, out: Staging, summary: dict) -> None:
        docx_rows, pdf_rows, form_rows = self._counts
        if not (ctx.jumlah == docx_rows == pdf_rows == form_rows == len(g.people)):
            raise Refusal(f"pemeriksaan kesesuaian gagal: memo {ctx.jumlah}, lampiran DOCX {docx_rows}, lampiran "
                          f"PDF {pdf_rows}, formulir {form_rows}; tidak ada yang diterbitkan")

    def record(self, desk: Desk, g: Group, nomor: Nomor | None) -> None:
        verification.record_sent(desk, list(g.people), [*g.gugur, *g.lain], f"{nomor.nomor} ({g.nama})")


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


def record_remaining(tahun: int, on: dt.date | None = None, *, url: str | None = None,
                     oleh: str | None = None) -> int:
    """Record the continuing participants who fail the year's rules and were not recorded with a
    memo (every agency had nobody to verify): their year row records why. Returns how many."""
    on = working_day_on_or_after(on or today())
    with open_desk(url, oleh) as desk:
        desk.lock(f"{KIND}/{tahun}")
        left = [x for g in groups(desk, tahun, on, program()).values() for x in g.gugur]
        if left:
            verification.record_sent(desk, [], left, f"verifikasi ulang tahun {tahun}")
        return len(left)


def issue_all(tahun: int, *, tanggal_surat: dt.date | None = None, putaran: int = 1, demo: bool = False,
              final: bool = False, url: str | None = None, root: Path | None = None) -> list[Published]:
    on = working_day_on_or_after(tanggal_surat or today())
    out = [issue_memo(tahun, kode, tanggal_surat=on, putaran=putaran, demo=demo, final=final, url=url, root=root)
           for kode, _, n in plan(tahun, on, url) if n]
    if final:
        record_remaining(tahun, on, url=url)
    return out
