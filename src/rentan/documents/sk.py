"""The Keputusan Wali Kota fixing a coverage year's participants (SK penetapan peserta) and its
Lampiran: one decree per year, in two copies, each in both faces.

- the decree body (no personal data): `keputusan.docx`, the face Bagian Hukum edits in Word;
- internal (full NIK; owner-only files, every Lampiran page marked TERBATAS — memuat data pribadi,
  UU 27/2022): `lampiran-internal.docx` (the Lampiran, streamed), `keputusan-internal.pdf` (decree +
  Lampiran);
- public (masked: the NIK's first 4 digits, the birth year, the kelurahan — rentan.render.annex says
  why that much and no more): `lampiran-publik.docx` and `keputusan-publik.pdf` — the decree body
  from WeasyPrint merged with the masked Lampiran from ReportLab, PDF/A-3b identified.

The Lampiran lists what Perwali Pasal 9 ayat (3) asks: nama, NIK, tempat dan tanggal lahir,
pekerjaan (the Pasal 5 category) and alamat; in a year with continuing participants a Keterangan
column says Lanjutan or Baru and the dikta and the Lampiran's total say how many of each.

A konsep says so on every page of both faces (the KONSEP banner at the top of the decree and of the
Lampiran, the KONSEP mark in the DOCX page header, the watermark in the PDF), carries "……" for its
number; both konsep and final carry the paraf koordinasi table (drafts/sk-peserta.yaml).

The text of the decree (Menimbang, Mengingat, dikta) comes from `drafts/sk-peserta.yaml`, its numbers
from the registry and the programme settings (`[sk]` in program.toml), the Perwali cited as in force
on the decree's date. Issued through `rentan.documents.issuing`: the snapshot is the year's selection
(rentan.registry.enrolment), refused while anyone of the year is unverified or no longer eligible
(unless `kecualikan`); the consistency gate checks that the count and the amount the dikta state, as
read back from the rendered DOCX and PDF, equal the rows of the Lampiran in both faces and both
copies and the snapshot; issuing records the enrolment on the year's rows only.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel, ConfigDict, Field
from pypdf import PdfReader

from rentan import paths
from rentan.datafiles import read_data, validate
from rentan.documents.common import _Model, annex_groups, watermark
from rentan.documents.issuing import Document, Numbering, issue
from rentan.errors import Refusal
from rentan.idfmt import angka_kata, ribuan, rupiah, rupiah_terbilang, tanggal, terbilang
from rentan.legal.act import Butir as ActButir
from rentan.legal.in_force import CitationError, citation, in_force
from rentan.legal.punctuation import check_items, check_mengingat, check_menimbang
from rentan.program import Program, program
from rentan.registry import enrolment
from rentan.registry.desk import Desk, Terbit
from rentan.registry.enrolment import (BELUM_VERIFIKASI, MASALAH_LABEL, PROVINSI, TIDAK_MEMENUHI, Seleksi,
                                       masalah_label)
from rentan.registry.numbers import Nomor
from rentan.registry.snapshot import Anggota, Snapshot
from rentan.render.annex import (BARU, LANJUTAN, SK_INTERNAL, SK_PUBLIK, TERBATAS, AnnexHeader, AnnexResult,
                                 with_keterangan)
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import write_annex_pdfs
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.render.outputs import Published, Staging
from rentan.render.pdf import render_pdf
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE
from rentan.xlsx import write_rows_atomic

__all__ = ["issue_sk", "SkDitolak", "SkTidakKonsisten", "DraftError", "sk_context", "load_draft", "rencana",
           "Decree", "KIND", "KEY", "FILES"]

KIND = "sk-peserta"
KEY = "penetapan"
JENIS = "Keputusan Wali Kota"
LAMPIRAN_PHRASE = "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan Wali Kota ini"
BERLAKU = "Keputusan Wali Kota ini mulai berlaku pada tanggal ditetapkan."
FILES = {"keputusan_docx": "keputusan.docx", "lampiran_docx": "lampiran-internal.docx",
         "lampiran_publik_docx": "lampiran-publik.docx", "internal_pdf": "keputusan-internal.pdf",
         "publik_pdf": "keputusan-publik.pdf"}
INTERNAL = [FILES["lampiran_docx"], FILES["internal_pdf"]]
PLACEHOLDERS = ("tahun", "jumlah", "rincian", "iuran", "iuran_jkk", "iuran_jkm", "bulan", "total", "mulai", "akhir",
                "pembebanan", "dinas", "kepala_dinas", "perwali", "daerah", "skema_provinsi", "validasi")
RINCIAN_PLACEHOLDERS = ("lanjutan", "baru", "tahun_lalu")
KONSEP_BANNER = "KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR"  # as templates/_naskah.html konsep_banner


class SkDitolak(Refusal):
    """Issuing refused; the message (Indonesian, counts only) is safe to log and show. `rincian()`
    gives one line per person (masked NIK and kelurahan, no names); `laporan` the owner-only list."""

    def __init__(self, pesan: str, masalah: Sequence[enrolment.Masalah] = (), laporan: Path | None = None):
        super().__init__(pesan)
        self.masalah = list(masalah)
        self.laporan = laporan

    def rincian(self, batas: int | None = 20) -> list[str]:
        shown = self.masalah if batas is None else self.masalah[:batas]
        out = [m.baris() for m in shown]
        if len(shown) < len(self.masalah):
            out.append(f"… dan {ribuan(len(self.masalah) - len(shown))} lainnya (lihat {self.laporan})")
        return out


class SkTidakKonsisten(Refusal):
    """The consistency gate failed: nothing was written."""


class DraftError(Refusal):
    """drafts/sk-peserta.yaml is wrong; the message names the place."""


# --- the draft ------------------------------------------------------------------------------------

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DiktumDraft(_Strict):
    teks: str
    butir: list[str] = Field(default_factory=list)


class RincianDraft(_Strict):
    """How Diktum KESATU says who continues and who is new ({rincian})."""
    campuran: str  # some continuing, some new
    lanjutan: str  # everyone continuing


class DraftSk(_Strict):
    tentang: str
    menimbang: list[str] = Field(min_length=2)
    mengingat: list[str] = Field(min_length=1)
    diktum: list[str | DiktumDraft] = Field(min_length=3)
    rincian: RincianDraft
    paraf_koordinasi: list[str] = Field(min_length=1)


def drafts_dir() -> Path:
    return Path(os.environ.get("RENTAN_DRAFTS") or paths.project_root() / "drafts")


def load_draft(path: str | Path | None = None) -> DraftSk:
    p = Path(path) if path else drafts_dir() / "sk-peserta.yaml"
    return validate(DraftSk, read_data(p, DraftError, "naskah SK"), p.name, DraftError)


# --- the context ----------------------------------------------------------------------------------

class Butir(_Model):
    label: str
    teks: str


class Diktum(_Model):
    label: str  # KESATU, KEDUA, …
    teks: str
    butir: list[Butir] = []


class Penandatangan(_Model):
    jabatan: str  # "WALI KOTA BALIKPAPAN"
    nama: str  # in capitals; blank → dotted line


class Paraf(_Model):
    """One row of the paraf koordinasi table (Jabatan | Paraf | Tanggal: the last two by hand)."""
    no: int
    jabatan: str


class SkPeserta(_Model):
    nomor: str
    tanggal: dt.date
    tahun: int
    tentang: str  # "Penetapan Peserta … Tahun 2026"
    judul: str  # the same in capitals
    rahmat: bool
    menimbang: list[Butir]
    mengingat: list[Butir]
    menetapkan: str  # "KEPUTUSAN WALI KOTA TENTANG … ."
    dikta: list[Diktum]
    tempat: str
    penandatangan: Penandatangan
    jumlah: int  # participants in the Lampiran
    lanjutan: int = 0  # of them, continuing from the year before
    baru: int = 0  # of them, new
    rincian: str = ""  # how Diktum KESATU says so ("" when nobody continues)
    paraf: list[Paraf] = []
    iuran: int  # per person per month (JKK + JKM)
    bulan: int
    total: int  # jumlah × iuran × bulan
    dinas: str  # the office running the programme in the coverage year (budget)
    validasi_menunggu: int = 0  # of the `jumlah`, still without BPJS's validation answer (a konsep only)
    demo: bool = False
    konsep: bool = False


def ordinal(n: int) -> str:
    """1 → KESATU, 2 → KEDUA, 11 → KESEBELAS (diktum names)."""
    return "KE" + terbilang(n).upper()


def _fill(text: str, values: dict, where: str) -> str:
    try:
        out = text.format_map(values)
    except KeyError as e:
        raise DraftError(f"sk-peserta.yaml, {where}: isian {{{e.args[0]}}} tidak dikenal; yang dikenal: "
                         + ", ".join(f"{{{k}}}" for k in PLACEHOLDERS)) from None
    except (IndexError, ValueError) as e:
        raise DraftError(f"sk-peserta.yaml, {where}: kurung kurawal salah ({e})") from None
    return " ".join(out.split())


def _check(ctx: SkPeserta) -> None:
    """The drafting rules the decree must meet, checked on the filled text."""
    problems = check_menimbang(tuple(b.teks for b in ctx.menimbang), JENIS, ctx.tentang)
    problems += check_mengingat(tuple(b.teks for b in ctx.mengingat))
    labels = [d.label for d in ctx.dikta]
    first, second, last = ctx.dikta[0], ctx.dikta[1], ctx.dikta[-1]
    if f"{angka_kata(ctx.jumlah)} orang" not in first.teks or LAMPIRAN_PHRASE not in first.teks:
        problems.append("Diktum KESATU harus memuat {jumlah} orang dan \"" + LAMPIRAN_PHRASE + "\"")
    if ctx.rincian and ctx.rincian not in first.teks:
        problems.append("Diktum KESATU harus memuat {rincian} (berapa peserta lanjutan dan berapa peserta baru)")
    if rupiah_terbilang(ctx.iuran) not in second.teks or rupiah_terbilang(ctx.total) not in second.teks:
        problems.append("Diktum KEDUA harus memuat {iuran} dan {total}")
    if last.teks != BERLAKU or last.butir:
        problems.append(f"Diktum terakhir harus berbunyi \"{BERLAKU}\"")
    for d in ctx.dikta:
        for ref in re.findall(r"Diktum (KE[A-Z]+(?: [A-Z]+)?)", d.teks + " " + " ".join(b.teks for b in d.butir)):
            if ref not in labels or ref == d.label:
                problems.append(f"Diktum {d.label} merujuk Diktum {ref} yang tidak ada")
        if d.butir:
            if not d.teks.endswith(":"):
                problems.append(f"Diktum {d.label}: kalimat pengantar rincian harus diakhiri \":\"")
            problems += check_items(tuple(ActButir(b.label.rstrip("."), b.teks) for b in d.butir),
                                    f"Diktum {d.label}", ".")
        elif not d.teks.endswith("."):
            problems.append(f"Diktum {d.label}: harus diakhiri \".\"")
    if problems:
        raise DraftError("sk-peserta.yaml tidak memenuhi kaidah penyusunan: " + "; ".join(problems))


def _rincian(draft: DraftSk, tahun: int, jumlah: int, lanjutan: int) -> str:
    """", yang terdiri atas 36.000 (…) orang Peserta lanjutan Tahun 2026 dan 5.000 (…) orang Peserta
    baru" — or nothing when nobody continues from the year before."""
    if not lanjutan:
        return ""
    values = {"lanjutan": angka_kata(lanjutan), "baru": angka_kata(jumlah - lanjutan), "tahun_lalu": tahun - 1}
    text = draft.rincian.lanjutan if lanjutan == jumlah else draft.rincian.campuran
    try:
        return ", " + " ".join(text.format_map(values).split())
    except KeyError as e:
        raise DraftError(f"sk-peserta.yaml, rincian: isian {{{e.args[0]}}} tidak dikenal; yang dikenal: "
                         + ", ".join(f"{{{k}}}" for k in RINCIAN_PLACEHOLDERS)) from None


def validasi_text(prog: Program, diterima: int, menunggu: int) -> str:
    """What Menimbang huruf b says of BPJS's validation (Perwali Pasal 8): " serta hasil validasi oleh
    BPJS Ketenagakerjaan Kantor Cabang Balikpapan atas 12 (dua belas) calon peserta"; on a konsep
    drafted before every answer is in, how many are still awaited."""
    kantor = prog.bpjs.kantor
    if not menunggu:
        return f" serta hasil validasi oleh {kantor} atas {angka_kata(diterima)} calon peserta"
    if not diterima:
        return (f" serta hasil validasi oleh {kantor}, yang untuk {angka_kata(menunggu)} calon peserta masih "
                "ditunggu")
    return (f" serta hasil validasi oleh {kantor} atas {angka_kata(diterima)} calon peserta, sedangkan hasil "
            f"validasi atas {angka_kata(menunggu)} calon peserta lainnya masih ditunggu")


def sk_context(tahun: int, nomor: str, tanggal_penetapan: dt.date, jumlah: int, prog: Program,
               draft: DraftSk | None = None, demo: bool = False, konsep: bool = False,
               lanjutan: int = 0, validasi_menunggu: int = 0) -> SkPeserta:
    """The decree's context: every number computed once, here; the text from the draft. `lanjutan`:
    how many of the `jumlah` participants continue from the year before; `validasi_menunggu`: how
    many have no answer from BPJS's validation yet (only a konsep may have any)."""
    draft = draft or load_draft()
    if not 0 <= lanjutan <= jumlah:
        raise ValueError(f"lanjutan {lanjutan} di luar 0..{jumlah}")
    if not 0 <= validasi_menunggu <= jumlah or (validasi_menunggu and not konsep):
        raise ValueError(f"validasi_menunggu {validasi_menunggu} tidak sah untuk naskah "
                         f"{'konsep' if konsep else 'final'} dengan {jumlah} peserta")
    start = dt.date(tahun, 1, 1)
    iuran = prog.iuran(start)
    # The contributions of year `tahun` are paid from that year's budget, through the office that
    # runs the programme in that year (a December 2025 decree for 2026 is charged to Dinas Sosial).
    k = prog.kantor_pada(start)
    total = enrolment.iuran_setahun(jumlah, tahun, prog)
    values = {"tahun": tahun, "jumlah": angka_kata(jumlah), "iuran": rupiah_terbilang(iuran.total),
              "iuran_jkk": rupiah_terbilang(iuran.jkk), "iuran_jkm": rupiah_terbilang(iuran.jkm),
              "bulan": angka_kata(enrolment.BULAN), "total": rupiah_terbilang(total),
              "mulai": tanggal(start), "akhir": tanggal(dt.date(tahun, 12, 31)),
              "dinas": k.nama_lengkap, "kepala_dinas": k.kepala.jabatan}
    values["pembebanan"] = prog.sk.pembebanan.format(tahun=tahun, dinas=k.nama_lengkap)
    values["rincian"] = rincian = _rincian(draft, tahun, jumlah, lanjutan)
    law = in_force(tanggal_penetapan)
    values.update(perwali=law.singkat, daerah=prog.daerah.sebutan, skema_provinsi=prog.daerah.skema_provinsi,
                  validasi=validasi_text(prog, jumlah - validasi_menunggu, validasi_menunggu))
    try:
        mengingat = [citation(code, tahun).kutipan for code in draft.mengingat] + [law.kutipan]
    except CitationError as e:
        raise DraftError(f"sk-peserta.yaml, mengingat: {e}") from None
    tentang = _fill(draft.tentang, values, "tentang")
    dikta = []
    for i, d in enumerate(draft.diktum, 1):
        d = d if isinstance(d, DiktumDraft) else DiktumDraft(teks=d)
        where = f"diktum ke-{i}"
        dikta.append(Diktum(label=ordinal(i), teks=_fill(d.teks, values, where),
                            butir=[Butir(label=f"{chr(96 + j)}.", teks=_fill(b, values, f"{where} butir {j}"))
                                   for j, b in enumerate(d.butir, 1)]))
    signer = prog.sk.penandatangan
    paraf = [Paraf(no=i, jabatan=_fill(j, values, f"paraf_koordinasi ke-{i}"))
             for i, j in enumerate(draft.paraf_koordinasi, 1)]
    ctx = SkPeserta(
        nomor=nomor, tanggal=tanggal_penetapan, tahun=tahun, tentang=tentang, judul=tentang.upper(),
        rahmat=prog.sk.rahmat,
        menimbang=[Butir(label=f"{chr(96 + i)}.", teks=_fill(t, values, f"menimbang huruf {chr(96 + i)}"))
                   for i, t in enumerate(draft.menimbang, 1)],
        mengingat=[Butir(label=f"{i}.", teks=t + ";") for i, t in enumerate(mengingat, 1)],
        menetapkan=f"{JENIS.upper()} TENTANG {tentang.upper()}.", dikta=dikta, tempat=prog.sk.tempat,
        penandatangan=Penandatangan(jabatan=signer.jabatan.upper(), nama=signer.nama.upper()),
        jumlah=jumlah, lanjutan=lanjutan, baru=jumlah - lanjutan, rincian=rincian, paraf=paraf, iuran=iuran.total,
        bulan=enrolment.BULAN, total=total, dinas=k.nama_lengkap, validasi_menunggu=validasi_menunggu, demo=demo,
        konsep=konsep)
    _check(ctx)
    return ctx


def annex_header(ctx: SkPeserta, *, masked: bool, paper: str) -> AnnexHeader:
    """The Lampiran's head, foot and columns: the public copy masked (rentan.render.annex), the
    internal one marked TERBATAS on every page; a Keterangan column (Lanjutan / Baru) when anyone
    continues from the year before; a konsep's banner."""
    d = program().daerah
    columns = SK_PUBLIK if masked else SK_INTERNAL
    if ctx.lanjutan:
        columns = with_keterangan(columns)
    return AnnexHeader(
        lines=["LAMPIRAN", f"KEPUTUSAN {d.kepala_daerah.upper()}", f"NOMOR : {ctx.nomor}",
               f"TANGGAL : {tanggal(ctx.tanggal)}", f"TENTANG : {ctx.judul}"],
        title=["DAFTAR PESERTA PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN",
               f"BAGI PEKERJA RENTAN {d.sebutan.upper()} TAHUN {ctx.tahun}"],
        signature=[f"{ctx.penandatangan.jabatan},", "", "", "", ctx.penandatangan.nama or "." * 30],
        mask_nik=masked, paper=paper, watermark=watermark(ctx.konsep, ctx.demo), columns=columns,
        marking=None if masked else TERBATAS, banner=KONSEP_BANNER if ctx.konsep else None)


# --- rendering and the consistency gate -----------------------------------------------------------

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def docx_text(path: Path) -> str:
    """Every paragraph's text of a DOCX (tables included), whitespace collapsed."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml.replace("<w:tab/>", "<w:t> </w:t>"), re.S)
    texts = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paras)
    return _norm(" ".join(html.unescape(t) for t in texts))


def pdf_text(path: Path, pages: int | None = None) -> str:
    r = PdfReader(str(path))
    return _norm(" ".join(p.extract_text() or "" for p in r.pages[:pages]))


def expected_per_kelurahan(people: Sequence[Anggota]) -> dict[tuple[str, str], int]:
    c = Counter((KECAMATAN_BY_KODE[p.kecamatan_kode].nama, KELURAHAN_BY_KODE[p.kelurahan_kode].nama) for p in people)
    return dict(c)


def _gate(ctx: SkPeserta, people: Sequence[Anggota], annexes: dict[str, AnnexResult], body_docx: Path,
          body_pdf: Path, annex_pdf: Path) -> None:
    """The decree's count and amount, as printed in both faces, against the Lampiran's rows (both
    faces, both copies) and the registry. Raises SkTidakKonsisten with everything that disagrees."""
    problems = []
    n = len(people)
    if ctx.jumlah != n:
        problems.append(f"diktum menyebut {ctx.jumlah} peserta, registri {n}")
    expected = expected_per_kelurahan(people)
    lanjutan = sum(1 for p in people if p.lanjutan)
    if (ctx.lanjutan, ctx.baru) != (lanjutan, n - lanjutan):
        problems.append(f"diktum menyebut {ctx.lanjutan} peserta lanjutan dan {ctx.baru} peserta baru, registri "
                        f"{lanjutan} dan {n - lanjutan}")
    per_ket = {k: v for k, v in ((LANJUTAN, lanjutan), (BARU, n - lanjutan)) if v} if ctx.lanjutan else {}
    for name, res in annexes.items():
        if res.per_keterangan != per_ket:
            problems.append(f"{name}: keterangan lanjutan/baru {res.per_keterangan}, registri {per_ket}")
        if res.rows != n:
            problems.append(f"{name}: {res.rows} baris, registri {n} peserta")
        if res.per_kelurahan != expected:
            diff = sorted(k for k in set(expected) | set(res.per_kelurahan)
                          if expected.get(k) != res.per_kelurahan.get(k))
            problems.append(f"{name}: jumlah per kelurahan berbeda dengan registri di "
                            + ", ".join(f"{kel} ({kec})" for kec, kel in diff[:5]))
        if sum(res.per_kelurahan.values()) != res.rows or sum(res.per_kecamatan.values()) != res.rows:
            problems.append(f"{name}: subtotal tidak berjumlah {res.rows}")
    if ctx.total != n * ctx.iuran * ctx.bulan:
        problems.append(f"jumlah bantuan {ctx.total} ≠ {n} × {ctx.iuran} × {ctx.bulan}")
    count_text = f"{angka_kata(n)} orang"
    amount_text = rupiah_terbilang(n * ctx.iuran * ctx.bulan)
    for face, text in (("DOCX", docx_text(body_docx)), ("PDF", pdf_text(body_pdf))):
        if ctx.rincian and ctx.rincian.lstrip(", ") not in text:
            problems.append(f"keputusan {face} tidak memuat rincian peserta lanjutan dan baru")
        if count_text not in text:
            problems.append(f"keputusan {face} tidak memuat jumlah peserta \"{count_text}\"")
        if amount_text not in text:
            problems.append(f"keputusan {face} tidak memuat jumlah bantuan \"{amount_text}\"")
        if ctx.nomor not in text:
            problems.append(f"keputusan {face} tidak memuat nomor {ctx.nomor}")
    first = pdf_text(annex_pdf, pages=1)
    if ctx.nomor not in first:
        problems.append(f"lampiran PDF tidak memuat nomor {ctx.nomor}")
    if problems:
        raise SkTidakKonsisten("Pemeriksaan kesesuaian SK gagal; tidak ada berkas yang diterbitkan: "
                               + "; ".join(problems))


def laporan_path(tahun: int) -> Path:
    return paths.home() / "laporan" / f"sk-peserta-{tahun}-masalah.xlsx"


def tulis_laporan(sel: Seleksi, target: Path) -> Path:
    """The per-person list of what stops the decree (full NIK and name: owner-only file)."""
    rows = [[m.anggota.nik, m.anggota.nama, m.kelurahan, m.anggota.sektor, m.anggota.status, masalah_label(m.kode),
             m.uraian] for m in sorted(sel.masalah, key=lambda m: (m.kode, m.anggota.kelurahan_kode,
                                                                  m.anggota.nama.upper()))]
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return write_rows_atomic(target, {"Masalah SK": (
        ["NIK", "Nama", "Kelurahan", "Sektor", "Status", "Masalah", "Uraian"], rows)}, mode=0o600)


def periksa(sel: Seleksi, prog: Program, *, kecualikan: bool = False) -> None:
    """Refuse (SkDitolak) unless the decree can be issued for `sel`."""
    tahun = sel.tahun
    head = f"SK penetapan peserta tahun {tahun} tidak dapat diterbitkan; registri tidak diubah."
    if sel.masalah and not kecualikan:
        counts = sel.jumlah_masalah()
        lines = []
        for kode in (BELUM_VERIFIKASI, TIDAK_MEMENUHI, PROVINSI):
            if counts[kode]:
                detail = ""
                if kode == TIDAK_MEMENUHI:
                    per_rule = Counter(r for m in sel.masalah if m.kode == kode for r in m.aturan)
                    detail = " (" + ", ".join(f"{r}: {ribuan(n)}" for r, n in sorted(per_rule.items())) + ")"
                lines.append(f"- {ribuan(counts[kode])} {masalah_label(kode)}{detail}")
        target = tulis_laporan(sel, laporan_path(tahun))
        raise SkDitolak(
            "\n".join([head, *lines,
                       f"Rincian per orang (memuat NIK, hanya untuk petugas): {target}",
                       "Selesaikan verifikasinya lebih dahulu, atau terbitkan dengan pilihan 'kecualikan': calon "
                       "peserta yang belum diverifikasi tidak diikutkan dan tetap berstatus terdaftar, peserta yang "
                       "tidak lagi memenuhi syarat dicatat ditolak (tercatat di log audit)."]),
            sel.masalah, target)
    if not len(sel.peserta):
        extra = (f" ({ribuan(len(sel.masalah))} calon peserta lain belum diverifikasi atau tidak memenuhi syarat)"
                 if sel.masalah else "")
        raise SkDitolak(f"{head}\nTidak ada peserta terverifikasi yang memenuhi syarat untuk tahun {tahun}{extra}. "
                        f"Jalankan verifikasi (rentan run verifikasi --tahun {tahun}) dan impor hasilnya lebih dahulu.")
    total = enrolment.iuran_setahun(len(sel.peserta), tahun, prog)
    pagu = prog.anggaran(tahun)
    if total > pagu:
        raise SkDitolak(f"{head}\nBantuan iuran setahun untuk {ribuan(len(sel.peserta))} peserta, {rupiah(total)}, "
                        f"melebihi pagu anggaran tahun {tahun} sebesar {rupiah(pagu)} (parameter.anggaran). "
                        "Sesuaikan jumlah peserta dengan kemampuan keuangan daerah, atau perbarui pagu di "
                        "program.toml bila anggarannya telah diubah.")


VALIDASI_DITERIMA = "diterima"  # rentan.registry.bpjs.DITERIMA


def menunggu_validasi(sel: Seleksi) -> int:
    """The year's verified participants without BPJS's validation answer yet (those BPJS refused are
    no longer candidates: their status is ditolak)."""
    return sum(1 for a in sel.peserta if a.validasi != VALIDASI_DITERIMA)


def periksa_validasi(sel: Seleksi) -> None:
    """A final decree lists only participants BPJS accepted (Perwali Pasal 8): refused while any
    verified candidate of the year has no answer yet."""
    n = menunggu_validasi(sel)
    if n:
        raise SkDitolak(f"SK penetapan peserta tahun {sel.tahun} belum dapat diterbitkan final: {ribuan(n)} calon "
                        "peserta terverifikasi belum mendapat jawaban validasi BPJS Ketenagakerjaan; impor jawabannya "
                        "lebih dahulu (rentan bpjs validasi-impor), atau susun konsep dahulu.")


def periksa_tanggal(tahun: int, tanggal_: dt.date) -> None:
    """A decree for coverage year `tahun` is dated in the year before (the rule: by December) or,
    late, in the year itself."""
    if tanggal_.year not in (tahun - 1, tahun):
        raise SkDitolak(f"Tanggal penetapan {tanggal(tanggal_)} tidak sesuai untuk SK peserta tahun {tahun}: "
                        f"SK ditetapkan paling lambat Desember {tahun - 1}, atau dalam tahun {tahun} bila terlambat.")


def _templates() -> list[Path]:
    tpl = paths.templates()
    return [tpl / "sk" / "keputusan.docx", tpl / "sk" / "keputusan.html", tpl / "print.css", tpl / "_base.html"]


class Decree(Document[Seleksi, SkPeserta]):
    """The year's SK penetapan peserta (one per coverage year)."""
    kind = KIND
    internal = tuple(INTERNAL)

    def __init__(self, tahun: int, *, tanggal: dt.date | None = None, kecualikan: bool = False, demo: bool = False,
                 final: bool = False):
        self.year = tahun
        self.tanggal = self.default_date(tanggal)
        self.kecualikan, self.demo, self.final = kecualikan, demo, final
        self.excluded: Counter = Counter()

    def key(self, desk: Desk) -> str:
        return KEY

    def kunci(self, key: str) -> str:
        return enrolment.kunci(self.year)

    def snapshot(self, desk: Desk) -> Seleksi:
        prog = program()
        periksa_tanggal(self.year, self.tanggal)
        sel = enrolment.seleksi(desk, self.year, prog)
        periksa(sel, prog, kecualikan=self.kecualikan)
        if self.final:
            periksa_validasi(sel)
        return sel

    def snapshot_of_record(self, desk: Desk, found: Terbit) -> Seleksi:
        """The participants the recorded decree enrolled, to render its files again."""
        return Seleksi(self.year, enrolment.decree_of(desk, self.year, found.nomor), (), 0)

    def unconfirmed(self, ctx: SkPeserta, sel: Seleksi) -> list[str]:
        law = in_force(self.tanggal)
        return [*law.unconfirmed(), *law.belum_diundangkan(dt.date(self.year, 1, 1))]

    def numbering(self, sel: Seleksi) -> Numbering:
        when = self.tanggal
        return Numbering(enrolment.seri(when), when, lambda urut: program().sk.nomor(urut, when.year))

    def context(self, sel: Seleksi, nomor: Nomor | None) -> SkPeserta:
        return sk_context(self.year, nomor.nomor, nomor.tanggal, len(sel.peserta), program(), load_draft(), self.demo,
                          konsep=not self.final, lanjutan=sum(1 for a in sel.peserta if a.lanjutan),
                          validasi_menunggu=0 if self.final else menunggu_validasi(sel))

    def templates(self) -> list[Path]:
        return _templates()

    def faces(self, ctx: SkPeserta, sel: Seleksi, out: Staging) -> dict:
        prog = program()
        tpl = paths.templates() / "sk"
        paper = prog.naskah.kertas_produk_hukum
        meta = dict(when=ctx.tanggal, title=f"Keputusan {prog.daerah.kepala_daerah} Nomor {ctx.nomor}",
                    author=prog.daerah.pemerintah, subject=f"Tentang {ctx.tentang}")
        data = ctx.model_dump()
        body_docx, body_pdf = out.path(FILES["keputusan_docx"]), out.path(".keputusan.pdf")
        render_docx(tpl / "keputusan.docx", data, body_docx, **meta)
        render_pdf(tpl / "keputusan.html", data, body_pdf, paper=paper, **meta)
        mark = watermark(ctx.konsep, ctx.demo)
        body = body_pdf
        if mark:  # the Lampiran draws its own watermark: stamp only the decree's few pages
            body = out.path(".keputusan-bertanda.pdf")
            assemble([body_pdf], body, watermark=mark, **meta)
        groups = annex_groups(sel.peserta)
        full, masked = annex_header(ctx, masked=False, paper=paper), annex_header(ctx, masked=True, paper=paper)
        int_pdf, pub_pdf = out.path(".lampiran-internal.pdf"), out.path(".lampiran-publik.pdf")
        annex_docx = write_annex_docx(out.path(FILES["lampiran_docx"]), full, groups)
        annex_pub_docx = write_annex_docx(out.path(FILES["lampiran_publik_docx"]), masked, groups)
        annex_int, annex_pub = write_annex_pdfs([(int_pdf, full), (pub_pdf, masked)], groups,
                                                cache_dir=paths.home() / "fonts")
        self._rendered = ({"lampiran DOCX": annex_docx, "lampiran DOCX publik": annex_pub_docx,
                           "lampiran PDF": annex_int, "lampiran PDF publik": annex_pub}, body_docx, body_pdf, int_pdf)
        _gate(ctx, list(sel.peserta), *self._rendered)
        body_pages = page_count(body_pdf)
        labels = [(0, ""), (body_pages, "Lampiran-")]
        pages = assemble([body, int_pdf], out.path(FILES["internal_pdf"]), labels=labels, **meta)
        assemble([body, pub_pdf], out.path(FILES["publik_pdf"]), labels=labels, **meta)
        for f in {body_pdf, body, int_pdf, pub_pdf}:
            f.unlink()
        excluded = sel.jumlah_masalah() if self.kecualikan else Counter()
        return {"tahun": ctx.tahun, "tanggal": ctx.tanggal.isoformat(), "jumlah": ctx.jumlah,
                "lanjutan": ctx.lanjutan, "baru": ctx.baru,
                "validasi": {"diterima": ctx.jumlah - ctx.validasi_menunggu, "menunggu": ctx.validasi_menunggu},
                "iuran_per_bulan": ctx.iuran, "jumlah_bantuan": ctx.total, "dinas": ctx.dinas,
                "per_kecamatan": dict(sorted(annex_int.per_kecamatan.items())),
                "halaman": {"keputusan": body_pages, "lampiran": annex_int.pages, "seluruhnya": pages},
                "dikecualikan": dict(sorted(excluded.items()))}

    def record(self, desk: Desk, sel: Seleksi, nomor: Nomor | None) -> None:
        enrolment.enrol(desk, sel, nomor.nomor, nomor.tanggal, kecualikan=self.kecualikan)


def issue_sk(tahun: int, *, tanggal_penetapan: dt.date | None = None, kecualikan: bool = False,
             demo: bool = False, final: bool = False, oleh: str | None = None, url: str | None = None,
             root: Path | None = None) -> Published:
    """Issue the year's decree (or return it when it exists). Raises SkDitolak (clear Indonesian
    message, counts only) when the participants are not ready, SkTidakKonsisten when the gate fails,
    DraftError when drafts/sk-peserta.yaml breaks the drafting rules; in each case nothing is
    written. A run with `demo` marks every page DEMO."""
    return issue(Decree(tahun, tanggal=tanggal_penetapan, kecualikan=kecualikan, demo=demo, final=final), url=url,
                 root=root, oleh=oleh)


def rencana(tahun: int, url: str | None = None) -> dict:
    """Counts only (safe for logs and artifacts): the year's decree, or what it would contain now."""
    from rentan.registry.desk import reader
    with reader(url) as desk:
        found = desk.issued(enrolment.kunci(tahun))
        if found:
            return {"nomor": found.nomor, "peserta": len(enrolment.decree_of(desk, tahun, found.nomor))}
        sel = enrolment.seleksi(desk, tahun, program())
    c = sel.jumlah_masalah()
    return {"nomor": None, "peserta": len(sel.peserta), **{k: c[k] for k in MASALAH_LABEL},
            "provinsi_belum_verifikasi": sel.provinsi_belum_verifikasi}
