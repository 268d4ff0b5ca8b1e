"""Verification memos: for a coverage year, the registered but unverified participants grouped by
the agency that verifies their sector, one official memo per agency (surat dinas to another OPD,
nota dinas to the issuing office's own division), the list as Lampiran (full NIK: it stays inside
the government) and an XLSX return form."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from rentan import paths
from rentan.clock import add_working_days, today, working_day_on_or_after
from rentan.documents.common import Surat, _Model, annex_groups, kepala, kop, snapshot_hash

__all__ = ["issue_memo", "issue_all", "plan", "unverified", "memo_context", "MemoVerifikasi", "program"]
from rentan.idfmt import tanggal
from rentan.program import Program, program
from rentan.registry import numbers
from rentan.registry.db import session
from rentan.registry.models import Peserta, Status
from rentan.registry.verification import write_form
from rentan.render.annex import AnnexHeader
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import write_annex_pdf
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.render.outputs import Published, existing, publish
from rentan.render.pdf import render_pdf

KIND = "verifikasi"
PERWALI = "Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025"


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
    kode: str
    nama: str
    jabatan_kepala: str
    people: list[Peserta]


def unverified(tahun: int, on: dt.date, prog: Program, url: str | None = None) -> dict[str, Group]:
    """The registered, not yet verified participants of `tahun`, by verifying agency on date `on`.
    People the province already pays for are left out (they cannot be paid twice)."""
    with session(url) as s:
        people = s.scalars(select(Peserta).where(Peserta.status == Status.TERDAFTAR.value,
                                                 Peserta.tahun_daftar == tahun,
                                                 Peserta.ditanggung_provinsi.is_(False))).all()
    groups: dict[str, Group] = {}
    for p in people:
        kode, nama, jabatan = prog.verifikator(p.sektor, on)
        groups.setdefault(kode, Group(kode, nama, jabatan, [])).people.append(p)
    return dict(sorted(groups.items()))


def memo_context(g: Group, tahun: int, nomor: numbers.Nomor, prog: Program, demo: bool) -> MemoVerifikasi:
    k = prog.kantor_pada(nomor.tanggal)
    internal = g.kode == k.kode
    per_sector = Counter(p.sektor for p in g.people)
    return MemoVerifikasi(
        nota_dinas=internal, kop=kop(k), nomor=nomor.nomor, tanggal=nomor.tanggal,
        sifat=prog.naskah.sifat_verifikasi, lampiran="1 (satu) berkas",
        hal=f"Permohonan Verifikasi Calon Peserta Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja "
            f"Rentan Tahun {tahun}",
        kepada=k.bidang if internal else g.jabatan_kepala, dari=k.kepala.jabatan, instansi=g.nama, tahun=tahun,
        jumlah=len(g.people),
        rincian=[Rincian(sektor=prog.sektor[s].nama, jumlah=n) for s, n in sorted(per_sector.items())],
        batas=add_working_days(nomor.tanggal, prog.naskah.batas_verifikasi_hari_kerja), dasar=PERWALI,
        penandatangan=kepala(k), tembusan=list(prog.naskah.tembusan_verifikasi), demo=demo)


def issue_memo(tahun: int, g: Group, *, tanggal_surat: dt.date | None = None, putaran: int = 1,
               demo: bool = False, url: str | None = None, root: Path | None = None) -> Published:
    """One agency's memo, Lampiran and return form, published once per (year, round, agency)."""
    prog = program()
    key = f"{g.kode}-putaran-{putaran}"
    found = existing(tahun, KIND, key, root)
    if found:
        return found
    when = working_day_on_or_after(tanggal_surat or today())
    k = prog.kantor_pada(when)
    nomor = numbers.assign(f"{KIND}/{tahun}/{putaran}/{g.kode}", f"{k.kode}/{when.year}", when,
                           lambda urut: k.nomor(urut), url)
    ctx = memo_context(g, tahun, nomor, prog, demo)
    tpl = paths.templates() / KIND
    meta = dict(when=ctx.tanggal, title=f"{'Nota Dinas' if ctx.nota_dinas else 'Surat'} {ctx.nomor}",
                author=k.nama_lengkap, subject=ctx.hal)
    people = sorted(g.people, key=lambda p: (p.kecamatan_kode, p.kelurahan_kode, p.nama.upper(), p.nik))

    def build(out: Path) -> dict:
        data = ctx.model_dump()
        render_docx(tpl / "memo.docx", data, out / "memo.docx", **meta)
        render_pdf(tpl / "memo.html", data, out / "memo.pdf", paper=prog.naskah.kertas_surat, **meta)
        header = AnnexHeader(
            lines=["LAMPIRAN", f"{'NOTA DINAS' if ctx.nota_dinas else 'SURAT'} {k.kepala.jabatan.upper()}",
                   f"NOMOR : {ctx.nomor}", f"TANGGAL : {tanggal(ctx.tanggal)}", f"HAL : {ctx.hal}"],
            title=[f"DAFTAR CALON PESERTA YANG DIMOHONKAN VERIFIKASI KEPADA {g.nama.upper()}"],
            signature=[f"{k.kepala.jabatan},", "", "", k.kepala.nama or "." * 30,
                       f"NIP. {k.kepala.nip or '.' * 24}"],
            mask_nik=False, paper=prog.naskah.kertas_surat)
        groups = annex_groups(people, prog)
        docx_res = write_annex_docx(out / "lampiran.docx", header, groups)
        pdf_res = write_annex_pdf(out / "lampiran.pdf", header, groups, cache_dir=paths.home() / "fonts")
        rows = write_form(out / "formulir-verifikasi.xlsx", people, instansi=g.nama, nomor=ctx.nomor,
                          tanggal_surat=ctx.tanggal, batas=ctx.batas, demo=demo)
        if not (ctx.jumlah == docx_res.rows == pdf_res.rows == rows):
            raise AssertionError(f"jumlah tidak konsisten: memo {ctx.jumlah}, lampiran DOCX {docx_res.rows}, "
                                 f"lampiran PDF {pdf_res.rows}, formulir {rows}")
        memo_pages = page_count(out / "memo.pdf")
        total = assemble([out / "memo.pdf", out / "lampiran.pdf"], out / "naskah.pdf", labels=[(0, ""), (memo_pages, "Lampiran-")],
                         watermark="DEMO" if demo else None, **meta)
        (out / "lampiran.pdf").unlink()
        return {"instansi": g.nama, "jumlah": ctx.jumlah, "per_sektor": {r.sektor: r.jumlah for r in ctx.rincian},
                "halaman": total, "tanggal": ctx.tanggal.isoformat(), "nota_dinas": ctx.nota_dinas}

    return publish(tahun, KIND, key, build, nomor=nomor.nomor, snapshot_hash=snapshot_hash(people),
                   templates=[tpl / "memo.docx", tpl / "memo.html", paths.templates() / "print.css"],
                   internal=["lampiran.docx", "naskah.pdf", "formulir-verifikasi.xlsx"], root=root)


def plan(tahun: int, on: dt.date | None = None, url: str | None = None) -> list[tuple[str, str, int]]:
    """(agency code, agency name, participants) — counts only, safe to log."""
    on = on or today()
    return [(g.kode, g.nama, len(g.people)) for g in unverified(tahun, on, program(), url).values()]


def issue_all(tahun: int, *, tanggal_surat: dt.date | None = None, putaran: int = 1, demo: bool = False,
              url: str | None = None, root: Path | None = None) -> list[Published]:
    on = working_day_on_or_after(tanggal_surat or today())
    return [issue_memo(tahun, g, tanggal_surat=on, putaran=putaran, demo=demo, url=url, root=root)
            for g in unverified(tahun, on, program(), url).values()]

