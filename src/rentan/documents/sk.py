"""The Keputusan Wali Kota fixing a coverage year's participants (SK penetapan peserta) and its
Lampiran: one decree per year, in two copies.

- internal (full NIK; owner-only files): `keputusan.docx` (the decree body Bagian Hukum edits in Word),
  `lampiran-internal.docx` (the Lampiran, streamed), `keputusan-internal.pdf` (decree + Lampiran);
- public (masked NIK): `keputusan-publik.pdf` — the decree body as PDF/A-3b from WeasyPrint merged with
  the masked Lampiran from ReportLab, then given the PDF/A identification (XMP metadata and the sRGB
  output intent of the body) for the whole file. Conformance is intended, not validated here: see
  `_mark_pdfa`.

The text of the decree (Menimbang, Mengingat, dikta) comes from `drafts/sk-peserta.yaml`, its numbers
from the registry and the programme settings (`[sk]` in program.toml). Before anything is written, a
consistency gate checks that the count and the amount the dikta state, as read back from the
rendered DOCX and PDF, equal the rows of the Lampiran in both faces and the registry's numbers
(`_gate`). Issuing, numbering and the registry's record happen in one transaction
(`rentan.registry.enrolment.tetapkan`); the files are published after it commits.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel, ConfigDict, Field
from pypdf import PdfReader
from pypdf.generic import ArrayObject, NameObject, StreamObject
from sqlalchemy.exc import IntegrityError, OperationalError

from rentan.errors import Refusal
from rentan import paths
from rentan.clock import today, working_day_on_or_after
from rentan.documents.common import _Model, annex_groups, snapshot_hash
from rentan.atomic import atomic_path
from rentan.idfmt import angka_kata, rupiah_terbilang, tanggal, terbilang
from rentan.legal.act import Butir as ActButir
from rentan.legal.punctuation import check_items, check_mengingat, check_menimbang
from rentan.program import Program, program
from rentan.registry import enrolment, numbers
from rentan.registry.enrolment import SkDitolak
from rentan.registry.models import Peserta
from rentan.render.annex import AnnexHeader, AnnexResult
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import annex_fonts, write_annex_pdf
from rentan.render.assemble import assemble, page_count, pdf_date
from rentan.render.docx import render_docx
from rentan.render.outputs import OutputError, Published, folder_for, publish
from rentan.render.pdf import render_pdf
from rentan.datafiles import read_data, validate
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE

__all__ = ["issue_sk", "HasilSk", "SkDitolak", "SkTidakKonsisten", "DraftError", "sk_context", "load_draft",
           "rencana", "KIND", "KEY", "FILES"]

KIND = "sk-peserta"
KEY = "penetapan"
JENIS = "Keputusan Wali Kota"
DAERAH = "Balikpapan"
LAMPIRAN_PHRASE = "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan Wali Kota ini"
BERLAKU = "Keputusan Wali Kota ini mulai berlaku pada tanggal ditetapkan."
FILES = {"keputusan_docx": "keputusan.docx", "lampiran_docx": "lampiran-internal.docx",
         "internal_pdf": "keputusan-internal.pdf", "publik_pdf": "keputusan-publik.pdf"}
INTERNAL = [FILES["lampiran_docx"], FILES["internal_pdf"]]
PLACEHOLDERS = ("tahun", "jumlah", "iuran", "iuran_jkk", "iuran_jkm", "bulan", "total", "mulai", "akhir",
                "pembebanan", "dinas", "kepala_dinas")


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


class DraftSk(_Strict):
    tentang: str
    menimbang: list[str] = Field(min_length=2)
    mengingat: list[str] = Field(min_length=1)
    diktum: list[str | DiktumDraft] = Field(min_length=3)


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
    iuran: int  # per person per month (JKK + JKM)
    bulan: int
    total: int  # jumlah × iuran × bulan
    dinas: str  # the office running the programme in the coverage year (budget)
    demo: bool = False


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


def sk_context(tahun: int, nomor: str, tanggal_penetapan: dt.date, jumlah: int, prog: Program,
               draft: DraftSk | None = None, demo: bool = False) -> SkPeserta:
    """The decree's context: every number computed once, here; the text from the draft."""
    draft = draft or load_draft()
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
    tentang = _fill(draft.tentang, values, "tentang")
    dikta = []
    for i, d in enumerate(draft.diktum, 1):
        d = d if isinstance(d, DiktumDraft) else DiktumDraft(teks=d)
        where = f"diktum ke-{i}"
        dikta.append(Diktum(label=ordinal(i), teks=_fill(d.teks, values, where),
                            butir=[Butir(label=f"{chr(96 + j)}.", teks=_fill(b, values, f"{where} butir {j}"))
                                   for j, b in enumerate(d.butir, 1)]))
    signer = prog.sk.penandatangan
    ctx = SkPeserta(
        nomor=nomor, tanggal=tanggal_penetapan, tahun=tahun, tentang=tentang, judul=tentang.upper(),
        rahmat=prog.sk.rahmat,
        menimbang=[Butir(label=f"{chr(96 + i)}.", teks=_fill(t, values, f"menimbang huruf {chr(96 + i)}"))
                   for i, t in enumerate(draft.menimbang, 1)],
        mengingat=[Butir(label=f"{i}.", teks=_fill(t, values, f"mengingat angka {i}"))
                   for i, t in enumerate(draft.mengingat, 1)],
        menetapkan=f"{JENIS.upper()} TENTANG {tentang.upper()}.", dikta=dikta, tempat=prog.sk.tempat,
        penandatangan=Penandatangan(jabatan=signer.jabatan.upper(), nama=signer.nama.upper()),
        jumlah=jumlah, iuran=iuran.total, bulan=enrolment.BULAN, total=total, dinas=k.nama_lengkap, demo=demo)
    _check(ctx)
    return ctx


def annex_header(ctx: SkPeserta, *, masked: bool, paper: str) -> AnnexHeader:
    return AnnexHeader(
        lines=["LAMPIRAN", f"KEPUTUSAN WALI KOTA {DAERAH.upper()}", f"NOMOR : {ctx.nomor}",
               f"TANGGAL : {tanggal(ctx.tanggal)}", f"TENTANG : {ctx.judul}"],
        title=["DAFTAR PESERTA PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN",
               f"BAGI PEKERJA RENTAN KOTA {DAERAH.upper()} TAHUN {ctx.tahun}"],
        signature=[f"{ctx.penandatangan.jabatan},", "", "", "", ctx.penandatangan.nama or "." * 30],
        mask_nik=masked, paper=paper, watermark="DEMO" if ctx.demo else None)


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


def expected_per_kelurahan(people: Sequence[Peserta]) -> dict[tuple[str, str], int]:
    c = Counter((KECAMATAN_BY_KODE[p.kecamatan_kode].nama, KELURAHAN_BY_KODE[p.kelurahan_kode].nama) for p in people)
    return dict(c)


def _gate(ctx: SkPeserta, people: Sequence[Peserta], annexes: dict[str, AnnexResult], body_docx: Path,
          body_pdf: Path, annex_pdf: Path) -> None:
    """The decree's count and amount, as printed in both faces, against the Lampiran's rows (both
    faces, both copies) and the registry. Raises SkTidakKonsisten with everything that disagrees."""
    problems = []
    n = len(people)
    if ctx.jumlah != n:
        problems.append(f"diktum menyebut {ctx.jumlah} peserta, registri {n}")
    expected = expected_per_kelurahan(people)
    for name, res in annexes.items():
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


def _xmp(*, title: str, author: str, subject: str, when: dt.date) -> bytes:
    from xml.sax.saxutils import escape
    stamp = f"{when.isoformat()}T00:00:00+08:00"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfaid:part>3</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
<xmp:CreatorTool>rentan</xmp:CreatorTool>
<xmp:CreateDate>{stamp}</xmp:CreateDate>
<xmp:ModifyDate>{stamp}</xmp:ModifyDate>
<pdf:Producer>rentan (pypdf)</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def _mark_pdfa(path: Path, body_pdf: Path, *, title: str, author: str, subject: str, when: dt.date) -> None:
    """Give the merged public copy the PDF/A-3b identification of its body part: the body's sRGB
    output intent and an XMP packet (pdfaid:part 3, conformance B) matching the document information
    dictionary that `assemble` wrote — appended as an incremental update (new objects, a new catalog,
    an xref section with /Prev), so the cost does not grow with the Lampiran's 2,000 pages.

    Conformance is intended, not validated (no veraPDF here). What holds by construction: every font
    embedded (WeasyPrint and ReportLab subsets), no encryption, no external content, a file ID,
    device colours covered by the output intent, XMP = document information. The Lampiran part is
    drawn by ReportLab, which is not a PDF/A producer."""
    from pypdf.generic import DictionaryObject, IndirectObject, NumberObject

    reader = PdfReader(str(path))
    trailer = reader.trailer
    size = int(trailer["/Size"])
    root_ref = trailer.raw_get("/Root")
    root = DictionaryObject({k: v for k, v in trailer["/Root"].items()})
    info = reader.metadata or {}
    if info.get("/CreationDate") != pdf_date(when) or info.get("/Title") != title:
        raise RuntimeError("metadata PDF tidak sesuai dengan XMP")  # assemble wrote them; they must agree
    body_intents = PdfReader(str(body_pdf)).trailer["/Root"].get("/OutputIntents")
    if not body_intents:
        raise RuntimeError("bagian keputusan (WeasyPrint) tidak memuat output intent PDF/A")
    intent = body_intents[0].get_object()
    profile = intent["/DestOutputProfile"].get_object()

    icc = StreamObject()
    icc.set_data(profile.get_data())
    icc[NameObject("/N")] = NumberObject(int(profile["/N"]))
    icc = icc.flate_encode()
    oi = DictionaryObject({k: v for k, v in intent.items() if k != "/DestOutputProfile"})
    xmp = StreamObject()
    xmp.set_data(_xmp(title=title, author=author, subject=subject, when=when))  # unfiltered, as PDF/A asks
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    n_icc, n_oi, n_xmp = size, size + 1, size + 2
    oi[NameObject("/DestOutputProfile")] = IndirectObject(n_icc, 0, None)
    root[NameObject("/OutputIntents")] = ArrayObject([IndirectObject(n_oi, 0, None)])
    root[NameObject("/Metadata")] = IndirectObject(n_xmp, 0, None)

    original = path.read_bytes()
    buf = io.BytesIO()
    buf.write(b"\n")
    offsets = {}
    for num, obj in ((n_icc, icc), (n_oi, oi), (n_xmp, xmp), (root_ref.idnum, root)):
        offsets[num] = len(original) + buf.tell()
        buf.write(f"{num} {root_ref.generation if num == root_ref.idnum else 0} obj\n".encode())
        obj.write_to_stream(buf)
        buf.write(b"\nendobj\n")
    xref_at = len(original) + buf.tell()
    buf.write(b"xref\n")
    gen = root_ref.generation
    buf.write(f"{root_ref.idnum} 1\n{offsets[root_ref.idnum]:010d} {gen:05d} n\r\n".encode())
    buf.write(f"{n_icc} 3\n".encode())
    for num in (n_icc, n_oi, n_xmp):
        buf.write(f"{offsets[num]:010d} 00000 n\r\n".encode())
    new_trailer = DictionaryObject({NameObject("/Size"): NumberObject(size + 3), NameObject("/Root"): root_ref,
                                    NameObject("/Prev"): NumberObject(reader._startxref)})
    for key in ("/Info", "/ID"):
        if key in trailer:
            new_trailer[NameObject(key)] = trailer.raw_get(key)
    buf.write(b"trailer\n")
    new_trailer.write_to_stream(buf)
    buf.write(f"\nstartxref\n{xref_at}\n%%EOF\n".encode())
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(original)
            f.write(buf.getvalue())


PARALLEL_ROWS = 20_000  # above this, the two Lampiran PDFs are drawn at once (one in a child process)


_CHILD = ("import pickle, sys\n"
          "from rentan.render.annex_pdf import write_annex_pdf\n"
          "with open(sys.argv[1], 'rb') as f: path, header, groups, cache = pickle.load(f)\n"
          "res = write_annex_pdf(path, header, groups, cache_dir=cache)\n"
          "with open(sys.argv[2], 'wb') as f: pickle.dump(res, f)\n")


def _annex_pdfs(jobs: list[tuple]) -> list[AnnexResult]:
    """Both copies of the Lampiran as PDF: [(path, header, groups, font cache)] -> results. ReportLab
    is pure Python (one core per copy): with more than one core and a big annex, the second copy is
    drawn meanwhile by a child Python process (`python -c`, so no caller's __main__ is re-imported as
    multiprocessing's spawn would). Its input (with full NIKs) is an owner-only file beside the output,
    removed afterwards."""
    import pickle
    import subprocess
    import sys

    rows = sum(len(g.rows) for g in jobs[0][2])
    if len(jobs) != 2 or rows < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        return [write_annex_pdf(p, h, g, cache_dir=c) for p, h, g, c in jobs]
    annex_fonts(jobs[0][3])  # convert the font once, before two processes want it
    path2 = Path(jobs[1][0])
    job, out = path2.with_name(f".{path2.name}.job"), path2.with_name(f".{path2.name}.res")
    fd = os.open(job, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        pickle.dump((str(path2), jobs[1][1], list(jobs[1][2]), str(jobs[1][3])), f, protocol=5)
    try:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(job), str(out)], stdin=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        try:
            first = write_annex_pdf(jobs[0][0], jobs[0][1], jobs[0][2], cache_dir=jobs[0][3])
        finally:
            _, err = child.communicate()
        if child.returncode:
            raise RuntimeError("lampiran PDF kedua gagal dibuat: " + err.decode("utf-8", "replace")[-2000:])
        with open(out, "rb") as f:
            return [first, pickle.load(f)]
    finally:
        job.unlink(missing_ok=True)
        out.unlink(missing_ok=True)


@dataclass(frozen=True)
class Berkas:
    """The rendered, checked files in a staging folder, waiting for the registry's commit."""
    folder: Path
    ringkasan: dict


def render_all(folder: Path, ctx: SkPeserta, people: Sequence[Peserta], prog: Program) -> dict:
    """Write both copies into `folder`, check them, and return the manifest's summary."""
    tpl = paths.templates() / "sk"
    paper = prog.naskah.kertas_produk_hukum
    title = f"Keputusan Wali Kota Balikpapan Nomor {ctx.nomor}"
    author = "Pemerintah Kota Balikpapan"
    meta = dict(when=ctx.tanggal, title=title, author=author, subject=f"Tentang {ctx.tentang}")
    data = ctx.model_dump()
    body_docx = folder / FILES["keputusan_docx"]
    body_pdf = folder / ".keputusan.pdf"
    render_docx(tpl / "keputusan.docx", data, body_docx, **meta)
    render_pdf(tpl / "keputusan.html", data, body_pdf, paper=paper, **meta)
    groups = annex_groups(people, prog)
    full, masked = annex_header(ctx, masked=False, paper=paper), annex_header(ctx, masked=True, paper=paper)
    annex_int_pdf, annex_pub_pdf = folder / ".lampiran-internal.pdf", folder / ".lampiran-publik.pdf"
    cache = paths.home() / "fonts"
    annex_docx = write_annex_docx(folder / FILES["lampiran_docx"], full, groups)
    annex_int, annex_pub = _annex_pdfs([(annex_int_pdf, full, groups, cache), (annex_pub_pdf, masked, groups, cache)])
    annexes = {"lampiran DOCX": annex_docx, "lampiran PDF": annex_int, "lampiran PDF publik": annex_pub}
    _gate(ctx, people, annexes, body_docx, body_pdf, annex_int_pdf)
    body_pages = page_count(body_pdf)
    labels = [(0, ""), (body_pages, "Lampiran-")]
    pages = assemble([body_pdf, annex_int_pdf], folder / FILES["internal_pdf"], labels=labels, **meta)
    # the public copy gets its PDF/A-3b identification from _mark_pdfa (an incremental update), so
    # assembly need not write one first
    assemble([body_pdf, annex_pub_pdf], folder / FILES["publik_pdf"], labels=labels, pdfa=False, **meta)
    _mark_pdfa(folder / FILES["publik_pdf"], body_pdf, **meta)
    for f in (body_pdf, annex_int_pdf, annex_pub_pdf):
        f.unlink()
    res = annexes["lampiran PDF"]
    return {"tahun": ctx.tahun, "tanggal": ctx.tanggal.isoformat(), "jumlah": ctx.jumlah,
            "iuran_per_bulan": ctx.iuran, "jumlah_bantuan": ctx.total, "dinas": ctx.dinas,
            "per_kecamatan": dict(sorted(res.per_kecamatan.items())),
            "halaman": {"keputusan": body_pages, "lampiran": res.pages, "seluruhnya": pages}}


def _stage(root: Path | None, tahun: int, ctx: SkPeserta, people: Sequence[Peserta], prog: Program) -> Berkas:
    parent = folder_for(tahun, KIND, KEY, root).parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{KEY}.staging.", dir=parent))
    try:
        return Berkas(staging, render_all(staging, ctx, people, prog))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _templates() -> list[Path]:
    tpl = paths.templates()
    return [tpl / "sk" / "keputusan.docx", tpl / "sk" / "keputusan.html", tpl / "print.css", tpl / "_base.html"]


@dataclass(frozen=True)
class HasilSk:
    published: Published
    nomor: str
    tanggal: dt.date
    jumlah: int
    baru: bool  # False: the year's decree existed already and nothing changed
    dikecualikan: dict[str, int]

    def file(self, key: str) -> Path:
        return self.published.folder / FILES[key]


def decree_snapshot(people: Sequence[Peserta]) -> str:
    """The snapshot hash of the decree's participants as enrolled by it (status `ditetapkan`), the
    same whether computed before the registry records the decree or after."""
    from types import SimpleNamespace
    from rentan.documents.common import SNAPSHOT_FIELDS
    return snapshot_hash([SimpleNamespace(**{**{f: getattr(p, f) for f in SNAPSHOT_FIELDS}, "status": "ditetapkan"})
                          for p in people])


def issue_sk(tahun: int, *, tanggal_penetapan: dt.date | None = None, kecualikan: bool = False,
             demo: bool = False, oleh: str | None = None, url: str | None = None,
             root: Path | None = None) -> HasilSk:
    """Issue the year's decree (or return it when it exists): number, registry record and both
    copies. Raises SkDitolak (clear Indonesian message, counts only) when the participants are not
    ready, SkTidakKonsisten when the gate fails, DraftError when drafts/sk-peserta.yaml breaks the
    drafting rules; in each case nothing is written. A run with `demo` marks every page DEMO."""
    prog = program()
    when = tanggal_penetapan or working_day_on_or_after(today())
    final = folder_for(tahun, KIND, KEY, root)
    staging: list[Path] = []

    def render(nomor: numbers.Nomor, people: list[Peserta]) -> Berkas | None:
        if (final / "manifest.json").exists():
            # Files, but no registry record (the registry was replaced, e.g. each demo starts a fresh
            # one). The same decree (number, date, participants) keeps its files; another one never
            # overwrites them.
            old = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
            if (old.get("nomor"), old.get("snapshot_sha256"), old.get("ringkasan", {}).get("tanggal")) == (
                    nomor.nomor, decree_snapshot(people), nomor.tanggal.isoformat()):
                return None
            raise OutputError(f"folder {final} berisi SK lain ({old.get('nomor')}), sedangkan registri belum mencatat "
                              f"SK tahun {tahun}; pindahkan folder itu lebih dahulu (naskah yang sudah terbit tidak "
                              "ditimpa)")
        ctx = sk_context(tahun, nomor.nomor, nomor.tanggal, len(people), prog, load_draft(), demo)
        berkas = _stage(root, tahun, ctx, people, prog)
        staging.append(berkas.folder)
        return berkas

    for attempt in range(3):
        try:
            done = enrolment.tetapkan(tahun, when, render, kecualikan=kecualikan, oleh=oleh, url=url)
            break
        except (IntegrityError, OperationalError):
            # a concurrent run took the year's number first: the next attempt returns its decree
            for f in staging:
                shutil.rmtree(f, ignore_errors=True)
            if attempt == 2:
                raise
        except BaseException:
            for f in staging:
                shutil.rmtree(f, ignore_errors=True)
            raise
    staged: Berkas | None = done.hasil

    def move(out: Path) -> dict:
        for f in staged.folder.iterdir():
            os.replace(f, out / f.name)
        return staged.ringkasan

    def rebuild(out: Path) -> dict:
        # the decree is in the registry but its files are missing (e.g. a new machine): render them
        # again from the participants it fixed; the same data give the same files
        ctx = sk_context(tahun, done.nomor.nomor, done.nomor.tanggal, len(done.peserta), prog, load_draft(), demo)
        return render_all(out, ctx, done.peserta, prog)

    try:
        published = publish(tahun, KIND, KEY, move if staged else rebuild, nomor=done.nomor.nomor,
                            snapshot_hash=decree_snapshot(done.peserta), templates=_templates(), internal=INTERNAL,
                            root=root)
    finally:
        if staged:
            shutil.rmtree(staged.folder, ignore_errors=True)
    return HasilSk(published, done.nomor.nomor, done.nomor.tanggal, len(done.peserta), done.baru,
                   dict(done.dikecualikan))


def rencana(tahun: int, url: str | None = None) -> dict:
    """Counts only (safe for logs and artifacts): the year's decree, or what it would contain now."""
    return enrolment.ringkasan(tahun, url)
