"""The naskah penjelasan (explanatory memo) of the draft Perwali amending Perwali 3/2025: the prose
from `drafts/naskah-penjelasan.md` (Bagian Hukum edits words), every figure computed here, once:

    registry            participants enrolled for the year (by SK), those ended by the document's
                        date, those still paid for, by sector; candidates registered. Before the
                        year's SK (a naskah precedes the amendment, which precedes the SK) the
                        budget need rests on the candidates registered and not rejected.
    programme settings  JKK + JKM per person per month, the year's budget ceiling, the UMK, the
                        office (and its head, the signatory) in force on the document's date
    staff-set inputs    BPJS's coverage figures with their source (`drafts/naskah-penjelasan.yaml`),
                        checked for consistency (aktif = mandiri + APBD Provinsi, gap, percentage);
                        the codes of the acts cited in "I. Dasar" (`drafts/dasar-hukum.yaml`,
                        `singkat`), followed by the Perwali as in force on the naskah's date
    the amendment set   the "pokok-pokok perubahan": the numbered changes of Pasal I, stated as the
                        matriks states them (`rentan.legal.pokok_perubahan`: one phrasing, in
                        `rentan.legal.phrasing`), each with its reasons; the handover (old office →
                        new office, entry into force)

A naskah penjelasan explains a *draft*: it is a proposal only while the amendment is not yet
promulgated on its date (`usulan`; the text and the cover say "Rancangan" then, and name the
regulation by its number after), and a final naskah dated on or after the promulgation is refused.

Order of work, so that a bad draft writes nothing: load the inputs → compute the figures
(`Angka`) → check the Markdown's placeholders against the known figures (jinja2.meta; an unknown
one is an error naming it) → fill them (each value formatted the Indonesian way and escaped for
Markdown) → parse the Markdown ONCE (markdown-it-py) into `Blok`s → check the three parts
I. Dasar, II. Data, III. Analisa dan Kesimpulan are there, in order → draw the chart. Only then
do the two faces render from that one context: DOCX (docxtpl, `templates/naskah/penjelasan.docx`,
the chart as an inline picture) and PDF/A-3b (WeasyPrint, `templates/naskah/penjelasan.html`, the
chart as a data: URI).

Output: `outputs/<tahun>/naskah-penjelasan/<tanggal>-<hash>/` with both files and manifest.json.
The hash covers the context and every input file, so the same registry, settings and drafts give
the same folder and bytes; any change gives a new folder (earlier versions stay).
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import meta
from markdown_it import MarkdownIt

from rentan.errors import Refusal
from rentan import paths
from rentan.clock import today, working_day_on_or_after
from rentan.documents.common import Kop, Penandatangan, _Model, kepala, kop, watermark
from rentan.documents.issuing import Document, issue as issue_document
from rentan.idfmt import ribuan, rupiah, tanggal as tanggal_panjang
from rentan.legal import Act, Amendment, consolidate, load_act, load_amendment
from rentan.legal.dasar import CitationError, citation
from rentan.legal.draft import pokok_perubahan as pokok_pasal_i
from rentan.legal.in_force import as_known_on, in_force, promulgated_on
from rentan.legal.phrasing import daftar, tentang_perubahan
from rentan.program import Program, program
from rentan.registry.desk import Desk
from rentan.registry.numbers import Nomor
from rentan.registry.models import Status
from rentan.registry.participation import in_year, year_figures
from rentan.registry.snapshot import Snapshot
from rentan.render import chart
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import FILTERS, render_docx
from rentan.render.outputs import Published, Staging
from rentan.datafiles import read_data, validate
from rentan.render.pdf import render_pdf

KIND = "naskah-penjelasan"
DRAFT = "naskah-penjelasan.md"
INPUTS = "naskah-penjelasan.yaml"
BASE_FILE = "perwali-3-2025.yaml"
AMENDMENT_FILE = "perubahan-perwali-3-2025.yaml"
BULAN = 12
MAX_DEPTH = 3            # list nesting the templates style: 1. → a. → 1) → a)
CHART = "grafik"         # the Markdown image source that places the chart: ![keterangan](grafik)
CHART_WIDTH_MM = 160
TEMPLATE_DOCX, TEMPLATE_HTML = "penjelasan.docx", "penjelasan.html"
FILES = ("naskah-penjelasan.docx", "naskah-penjelasan.pdf")


class NaskahError(Refusal):
    """The draft or its inputs cannot make a naskah; the message (Indonesian) says what to fix.
    Raised before any file is written."""


# --- inputs -------------------------------------------------------------------------------------


drafts_folder = paths.drafts


def templates_folder() -> Path:
    return paths.templates() / "naskah"


def template_files() -> list[Path]:
    t = templates_folder()
    return [t / TEMPLATE_DOCX, t / TEMPLATE_HTML, paths.templates() / "_base.html",
            paths.templates() / "_naskah.html", paths.templates() / "print.css"]


def input_files(folder: Path | None = None) -> list[Path]:
    d = folder or drafts_folder()
    return [d / DRAFT, d / INPUTS, d / BASE_FILE, d / AMENDMENT_FILE]


class _Strict(_Model):
    model_config = {"extra": "forbid", "frozen": True}


class CakupanBpjs(_Strict):
    """BPJS Ketenagakerjaan's coverage of BPU workers in the city: staff-set, with its source."""
    sumber: str
    tanggal: dt.date
    potensi: int
    mandiri: int
    apbd_provinsi: int
    aktif: int                 # as the source states them: checked against the figures above
    cakupan_persen: int
    belum_terlindungi: int


class Rapat(_Strict):
    tanggal: dt.date
    tempat: str
    pimpinan: str


class Masukan(_Strict):
    """`drafts/naskah-penjelasan.yaml`."""
    cakupan_bpjs: CakupanBpjs
    rapat_bpjs: Rapat
    dasar_hukum: list[str] = []   # codes of drafts/dasar-hukum.yaml, in the order "I. Dasar" cites them


def load_inputs(path: Path) -> Masukan:
    m = validate(Masukan, _squash(read_data(path, NaskahError, "berkas angka naskah penjelasan")), path.name,
                 NaskahError)
    c = m.cakupan_bpjs
    aktif = c.mandiri + c.apbd_provinsi
    problems = []
    if c.aktif != aktif:
        problems.append(f"aktif {ribuan(c.aktif)} ≠ mandiri + apbd_provinsi = {ribuan(aktif)}")
    if c.belum_terlindungi != c.potensi - aktif:
        problems.append(f"belum_terlindungi {ribuan(c.belum_terlindungi)} ≠ potensi − aktif = "
                        f"{ribuan(c.potensi - aktif)}")
    if c.potensi <= 0 or c.cakupan_persen != int(_persen(aktif, c.potensi, "1")):
        problems.append(f"cakupan_persen {c.cakupan_persen} ≠ aktif ÷ potensi × 100 dibulatkan")
    if problems:
        raise NaskahError(f"{path.name}: angka cakupan_bpjs tidak saling sesuai: " + "; ".join(problems))
    return m


def _squash(v: Any) -> Any:
    """YAML folded text → one line."""
    if isinstance(v, str):
        return " ".join(v.split())
    if isinstance(v, dict):
        return {k: _squash(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_squash(x) for x in v]
    return v


def _persen(part: int, whole: int, step: str = "0.1") -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(step), rounding=ROUND_HALF_UP)


# --- the figures --------------------------------------------------------------------------------


class Rincian(_Model):
    nama: str
    peserta: int


class Alasan(_Model):
    ketentuan: str             # what one operation concerns: "Pasal 1 angka 5"
    alasan: str


class Perubahan(_Model):
    """One numbered change of Pasal I (the matriks's row of the same number)."""
    no: int
    ketentuan: str             # "Pasal 1", "Pasal 5A", "BAB IVA"
    uraian: str                # "Ketentuan Pasal 6 diubah." (`rentan.legal.phrasing.uraian`)
    alasan: str                # its reasons as one text
    rincian: list[Alasan]      # the reasons one by one (several when the change has several operations)


class Angka(_Model):
    """Every figure of the naskah, computed once. Placeholders in the Markdown name these fields
    (see NAMA_ISIAN for what each means)."""
    tahun: int
    tanggal: dt.date
    # registry
    calon_terdaftar: int
    peserta_ditetapkan: int
    peserta_berakhir: int
    peserta: int
    per_sektor: list[Rincian]
    nomor_sk: list[str]
    calon_ditolak: int
    sebutan_peserta: str
    # programme settings
    iuran_jkk: int
    iuran_jkm: int
    iuran: int
    bulan: int
    iuran_setahun: int
    kebutuhan: int
    pagu: int
    dasar_pagu: str
    sisa_pagu: int
    kekurangan: int
    kapasitas: int
    persen_pagu: Decimal
    umk: Decimal
    # BPJS (staff-set) and what the city's participants add to it
    sumber_bpjs: str
    tanggal_data_bpjs: dt.date
    potensi: int
    mandiri: int
    apbd_provinsi: int
    aktif_bpjs: int
    belum_terlindungi: int
    cakupan: Decimal
    aktif_dengan_kota: int
    belum_terlindungi_sisa: int
    cakupan_dengan_kota: Decimal
    rapat_bpjs: Rapat
    # the legal bases, each cited once (drafts/dasar-hukum.yaml; the Perwali as in force on the date)
    dasar_hukum: list[str]
    perwali_berlaku: str
    # the amendment
    perwali: str
    perwali_tentang: str
    perwali_berita_daerah: str
    rancangan: str
    usulan: bool
    perubahan: str
    mulai_berlaku: dt.date
    dinas_lama: str
    dinas_baru: str
    dinas_pengusul: str
    kepala_dinas_pengusul: str
    jumlah_perubahan: int
    pokok_perubahan: list[Perubahan]


NAMA_ISIAN: dict[str, str] = {
    "tahun": "tahun kepesertaan dan anggaran yang dijelaskan, mis. 2026",
    "tanggal": "tanggal naskah",
    "calon_terdaftar": "calon peserta yang terdaftar untuk tahun itu (registri)",
    "peserta_ditetapkan": "peserta tahun itu yang ditetapkan dengan Keputusan Wali Kota (registri)",
    "peserta_berakhir": "di antaranya yang kepesertaannya berakhir sampai dengan tanggal naskah",
    "peserta": "peserta yang masih dibayarkan iurannya pada tanggal naskah; sebelum SK tahun itu: calon "
               "peserta yang terdaftar dan tidak ditolak (dasar perhitungan kebutuhan anggaran)",
    "per_sektor": "daftar {nama, peserta} per sektor pekerjaan dari peserta di atas",
    "nomor_sk": "nomor Keputusan Wali Kota penetapan peserta tahun itu (kosong sebelum SK)",
    "calon_ditolak": "calon peserta tahun itu yang tidak memenuhi persyaratan (ditolak)",
    "sebutan_peserta": "\"peserta\", atau \"calon peserta\" sebelum SK tahun itu",
    "iuran_jkk": "iuran JKK per orang per bulan", "iuran_jkm": "iuran JKM per orang per bulan",
    "iuran": "iuran JKK + JKM per orang per bulan", "bulan": "12 bulan",
    "iuran_setahun": "iuran per orang setahun", "kebutuhan": "peserta × iuran × 12",
    "pagu": "pagu anggaran tahun itu (program.toml)", "dasar_pagu": "dasar pagu anggaran (program.toml)",
    "sisa_pagu": "pagu − kebutuhan (nol bila kurang)", "kekurangan": "kebutuhan − pagu (nol bila cukup)",
    "kapasitas": "peserta paling banyak yang dapat dibayar pagu setahun", "persen_pagu": "kebutuhan ÷ pagu (%)",
    "umk": "UMK Balikpapan tahun itu",
    "sumber_bpjs": "sumber angka cakupan BPJS", "tanggal_data_bpjs": "tanggal angka cakupan BPJS",
    "potensi": "potensi peserta BPU (BPJS)", "mandiri": "peserta BPU mandiri (BPJS)",
    "apbd_provinsi": "peserta BPU yang dibayar APBD Provinsi (BPJS)", "aktif_bpjs": "mandiri + APBD Provinsi",
    "belum_terlindungi": "potensi − aktif", "cakupan": "aktif ÷ potensi (%)",
    "aktif_dengan_kota": "aktif + peserta", "belum_terlindungi_sisa": "belum terlindungi − peserta",
    "cakupan_dengan_kota": "(aktif + peserta) ÷ potensi (%)",
    "rapat_bpjs": "rapat tempat angka BPJS disampaikan {tanggal, tempat, pimpinan}",
    "dasar_hukum": "daftar kutipan singkat peraturan dasar (kode di naskah-penjelasan.yaml, teks di dasar-hukum.yaml)",
    "perwali_berlaku": "Peraturan Wali Kota tentang program sebagaimana berlaku pada tanggal naskah",
    "perwali": "Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025", "perwali_tentang": "judulnya (tentang …)",
    "perwali_berita_daerah": "Berita Daerah tempat diundangkan", "rancangan": "Perubahan atas … (judul rancangan)",
    "usulan": "benar selama perubahan belum diundangkan pada tanggal naskah (naskah masih usulan)",
    "perubahan": "sebutan perubahan itu: \"Rancangan Peraturan Wali Kota tentang …\" selama usulan, sesudah "
                 "diundangkan \"Peraturan Wali Kota Balikpapan Nomor … Tahun … tentang …\"",
    "mulai_berlaku": "tanggal mulai berlaku perubahan", "dinas_lama": "dinas penyelenggara sebelum perubahan",
    "dinas_baru": "dinas penyelenggara sesudah perubahan", "dinas_pengusul": "dinas penyelenggara pada tanggal naskah",
    "kepala_dinas_pengusul": "jabatan kepalanya (penanda tangan)",
    "jumlah_perubahan": "banyaknya perubahan bernomor dalam Pasal I (sama dengan Rancangan dan matriks)",
    "pokok_perubahan": "daftar {no, ketentuan, uraian, alasan, rincian: [{ketentuan, alasan}]} per perubahan Pasal I",
}

# how a figure prints when written bare, {{ nama }}
_UANG = {"iuran_jkk", "iuran_jkm", "iuran", "iuran_setahun", "kebutuhan", "pagu", "sisa_pagu", "kekurangan", "umk"}
_JUMLAH = {"calon_terdaftar", "peserta_ditetapkan", "peserta_berakhir", "peserta", "calon_ditolak", "bulan",
           "kapasitas", "potensi",
           "mandiri", "apbd_provinsi", "aktif_bpjs", "belum_terlindungi", "aktif_dengan_kota",
           "belum_terlindungi_sisa", "jumlah_perubahan"}


class _Uang(int):
    pass


class _UangSen(Decimal):
    pass


class _Jumlah(int):
    pass


class _Persen(Decimal):
    pass


def _typed(name: str, v: Any) -> Any:
    if name in _UANG:
        return _UangSen(v) if isinstance(v, Decimal) else _Uang(v)
    if name in _JUMLAH:
        return _Jumlah(v)
    if isinstance(v, Decimal):
        return _Persen(v)
    return v


def isian(a: Angka) -> dict[str, Any]:
    """The namespace the Markdown's placeholders are filled from."""
    ns = {}
    for name in Angka.model_fields:
        v = getattr(a, name)
        if name == "per_sektor":
            v = [{"nama": r.nama, "peserta": _Jumlah(r.peserta)} for r in v]
        elif name == "pokok_perubahan":
            v = [p.model_dump() for p in v]
        elif name == "rapat_bpjs":
            v = v.model_dump()
        ns[name] = _typed(name, v)
    assert set(ns) == set(NAMA_ISIAN), set(ns) ^ set(NAMA_ISIAN)
    return ns


def _tanpa_catatan(dasar: str | None) -> str:
    """A basis the settings flag ⚠ (not settled yet) is not printed; it becomes a warning for staff."""
    return "" if not dasar or "⚠" in dasar else dasar


def pokok_perubahan(base: Act, am: Amendment) -> list[Perubahan]:
    """The numbered changes of Pasal I, in its order, as the matriks states them, with their reasons."""
    return [Perubahan(no=p.no, ketentuan=p.ketentuan, uraian=p.uraian, alasan=p.alasan_teks,
                      rincian=[Alasan(ketentuan=k, alasan=" ".join(a.split())) for k, a in p.alasan])
            for p in pokok_pasal_i(base, am)]


def dasar_hukum(masukan: Masukan, folder: Path | None = None) -> list[str]:
    """The acts "I. Dasar" cites, each as drafts/dasar-hukum.yaml cites it (`singkat`)."""
    try:
        return [citation(kode, folder=folder).singkat for kode in masukan.dasar_hukum]
    except CitationError as e:
        raise NaskahError(f"{INPUTS}, dasar_hukum: {e}") from None


def sektor_order(prog: Program, per_sektor: Counter) -> list[tuple[str, int]]:
    """Sectors in the order program.toml lists them ("lainnya" last there), any other after."""
    known = [k for k in prog.sektor if k in per_sektor]
    return [(k, per_sektor[k]) for k in known] + sorted((k, n) for k, n in per_sektor.items() if k not in prog.sektor)


def compute(tahun: int, tanggal: dt.date, reg: dict, per_sektor: Counter, *, prog: Program, masukan: Masukan,
            base: Act, am: Amendment, folder: Path | None = None) -> tuple[Angka, list[str]]:
    """The figures and warnings for staff, from the registry's counts (`registry_figures`; before the
    year's SK, `peserta` counts the candidates not rejected), the programme settings, the staff-set
    inputs and the amendment (as known on `tanggal`)."""
    if reg["peserta"] == 0:
        if reg["peserta_ditetapkan"]:
            raise NaskahError(f"semua peserta tahun {tahun} yang ditetapkan dengan Keputusan Wali Kota telah "
                              f"berakhir pada {tanggal_panjang(tanggal)}; kebutuhan anggaran tidak dapat dihitung.")
        raise NaskahError(f"belum ada calon peserta tahun {tahun} yang terdaftar (atau semuanya ditolak) dan belum "
                          f"ada peserta yang ditetapkan dengan Keputusan Wali Kota; kebutuhan anggaran tidak dapat "
                          "dihitung. Impor daftar calon peserta lebih dahulu.")
    start = dt.date(tahun, 1, 1)
    tarif = prog.iuran(start)
    pagu_nilai = prog.nilai("anggaran", start)
    pagu = pagu_nilai.nilai
    if pagu <= 0:
        raise NaskahError(f"pagu anggaran tahun {tahun} (parameter.anggaran di program.toml) nol")
    setahun = tarif.total * BULAN
    kebutuhan = reg["peserta"] * setahun
    c = masukan.cakupan_bpjs
    aktif = c.mandiri + c.apbd_provinsi
    if am.mulai_berlaku is None:
        raise NaskahError(f"{AMENDMENT_FILE}: mulai_berlaku belum diisi")
    lama = prog.kantor_pada(am.mulai_berlaku - dt.timedelta(days=1))
    baru = prog.kantor_pada(am.mulai_berlaku)
    pengusul = prog.kantor_pada(tanggal)
    pokok = pokok_perubahan(base, am)
    am = as_known_on(am, tanggal)
    usulan = am.nomor is None
    tentang = tentang_perubahan(base.judul_singkat, base.tentang, am.perubahan_ke)
    a = Angka(
        tahun=tahun, tanggal=tanggal, **{"calon_ditolak": 0, **reg},
        sebutan_peserta="peserta" if reg["nomor_sk"] or reg["peserta_ditetapkan"] else "calon peserta",
        per_sektor=[Rincian(nama=prog.sektor[s].nama if s in prog.sektor else s, peserta=n)
                    for s, n in sektor_order(prog, per_sektor)],
        iuran_jkk=tarif.jkk, iuran_jkm=tarif.jkm, iuran=tarif.total, bulan=BULAN, iuran_setahun=setahun,
        kebutuhan=kebutuhan, pagu=pagu, dasar_pagu=_tanpa_catatan(pagu_nilai.dasar), sisa_pagu=max(pagu - kebutuhan, 0),
        kekurangan=max(kebutuhan - pagu, 0), kapasitas=pagu // setahun, persen_pagu=_persen(kebutuhan, pagu),
        umk=prog.umk(tahun),
        sumber_bpjs=c.sumber, tanggal_data_bpjs=c.tanggal, potensi=c.potensi, mandiri=c.mandiri,
        apbd_provinsi=c.apbd_provinsi, aktif_bpjs=aktif, belum_terlindungi=c.potensi - aktif,
        cakupan=_persen(aktif, c.potensi), aktif_dengan_kota=aktif + reg["peserta"],
        belum_terlindungi_sisa=max(c.potensi - aktif - reg["peserta"], 0),
        cakupan_dengan_kota=_persen(min(aktif + reg["peserta"], c.potensi), c.potensi),
        rapat_bpjs=masukan.rapat_bpjs,
        dasar_hukum=dasar_hukum(masukan, folder), perwali_berlaku=in_force(tanggal, folder).singkat,
        perwali=base.judul_singkat, perwali_tentang=base.tentang, perwali_berita_daerah=base.berita_daerah,
        rancangan=tentang, usulan=usulan,
        perubahan=f"Rancangan {am.jenis} tentang {tentang}" if usulan else
        f"{am.jenis} {am.daerah} Nomor {am.nomor} Tahun {am.tahun} tentang {tentang}",
        mulai_berlaku=am.mulai_berlaku, dinas_lama=lama.nama_lengkap, dinas_baru=baru.nama_lengkap,
        dinas_pengusul=pengusul.nama_lengkap, kepala_dinas_pengusul=pengusul.kepala.jabatan,
        jumlah_perubahan=len(pokok), pokok_perubahan=pokok)
    if sum(r.peserta for r in a.per_sektor) != a.peserta:
        raise AssertionError("jumlah peserta per sektor tidak sama dengan jumlah peserta")
    warnings = []
    if "⚠" in (pagu_nilai.dasar or ""):
        warnings.append(f"pagu anggaran tahun {tahun}: {pagu_nilai.dasar.replace('⚠', '').strip()} (program.toml)")
    if a.kekurangan:
        warnings.append(f"kebutuhan {rupiah(a.kebutuhan)} melebihi pagu {rupiah(a.pagu)}")
    warnings += list(consolidate(base, am, annotate=False).warnings)
    return a, warnings


# --- the Markdown: placeholders, then blocks ----------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~#&])")


def _tampil(v: Any) -> str:
    """How a value prints in the text: Indonesian formats, then escaped so Markdown keeps it as text."""
    if isinstance(v, (_Uang, _UangSen)):
        s = rupiah(v)
    elif isinstance(v, _Jumlah):
        s = ribuan(v)
    elif isinstance(v, _Persen):
        s = f"{v:.1f}".replace(".", ",")
    elif isinstance(v, dt.date):
        s = tanggal_panjang(v)
    elif isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v) and v:
        s = daftar(list(v))
    elif v is None:
        s = ""
    else:
        s = str(v)
    return _MD_SPECIAL.sub(r"\\\1", s)


def markdown_env() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, finalize=_tampil, autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


def unknown_placeholders(source: str, known: set[str] | None = None) -> list[str]:
    """Names the draft uses that are no figure (nor a loop variable of its own)."""
    try:
        ast = markdown_env().parse(source)
    except jinja2.TemplateSyntaxError as e:
        raise NaskahError(f"{DRAFT} baris {e.lineno}: penulisan isian salah ({e.message})") from None
    return sorted(meta.find_undeclared_variables(ast) - (known if known is not None else set(NAMA_ISIAN)))


def fill(source: str, ns: dict[str, Any]) -> str:
    """The draft with its placeholders filled; an unknown placeholder is an error naming it."""
    unknown = unknown_placeholders(source, set(ns))
    if unknown:
        raise NaskahError(f"{DRAFT} memakai isian yang tidak dikenal: {', '.join(unknown)}. Isian yang tersedia: "
                          f"{', '.join(sorted(ns))}")
    try:
        return markdown_env().from_string(source).render(ns)
    except jinja2.TemplateError as e:
        raise NaskahError(f"{DRAFT}: isian tidak dapat diisi ({e})") from None


class Run(_Model):
    teks: str
    tebal: bool = False
    miring: bool = False


Jenis = Literal["judul", "bagian", "subjudul", "paragraf", "butir", "kutipan", "grafik"]


class Blok(_Model):
    """One paragraph of the naskah. `butir` is a list item (`label` "1.", "a.", "1)", "a)" by
    `depth` 0–3) or, without a label, a further paragraph of the item at that depth; `kutipan`
    is a quotation (indented as the item it sits in, `depth`); `grafik` places the chart, its
    runs are the caption."""
    jenis: Jenis
    runs: list[Run]
    label: str = ""
    depth: int = 0
    teks: str


def _label(depth: int, n: int) -> str:
    letter = chr(ord("a") + n - 1) if n <= 26 else str(n)
    return [f"{n}.", f"{letter}.", f"{n})", f"{letter})"][depth]


def _runs(inline) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0

    def add(text: str):
        if not text:
            return
        if runs and runs[-1].tebal == bool(bold) and runs[-1].miring == bool(italic):
            runs[-1] = Run(teks=runs[-1].teks + text, tebal=bool(bold), miring=bool(italic))
        else:
            runs.append(Run(teks=text, tebal=bool(bold), miring=bool(italic)))

    for t in inline.children or []:
        if t.type in ("text", "code_inline", "html_inline"):
            add(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            add(" ")
        elif t.type == "strong_open":
            bold += 1
        elif t.type == "strong_close":
            bold -= 1
        elif t.type == "em_open":
            italic += 1
        elif t.type == "em_close":
            italic -= 1
        elif t.type in ("link_open", "link_close", "s_open", "s_close"):
            pass
        elif t.type == "image":
            raise NaskahError(f"{DRAFT}: gambar hanya boleh berdiri sendiri dalam satu paragraf: ![…]({CHART})")
        else:
            raise NaskahError(f"{DRAFT}: unsur Markdown {t.type!r} tidak didukung")
    if runs:  # collapse the spaces line breaks leave
        runs[0] = Run(teks=runs[0].teks.lstrip(), tebal=runs[0].tebal, miring=runs[0].miring)
        runs[-1] = Run(teks=runs[-1].teks.rstrip(), tebal=runs[-1].tebal, miring=runs[-1].miring)
    return [Run(teks=re.sub(r"\s+", " ", r.teks), tebal=r.tebal, miring=r.miring) for r in runs if r.teks]


def _blok(jenis: str, runs: list[Run], label: str = "", depth: int = 0) -> Blok:
    return Blok(jenis=jenis, runs=runs, label=label, depth=depth, teks="".join(r.teks for r in runs))


def parse_blocks(text: str) -> list[Blok]:
    """The filled Markdown as blocks, parsed once (markdown-it-py, CommonMark, raw HTML off)."""
    tokens = MarkdownIt("commonmark", {"html": False}).parse(text)
    blocks: list[Blok] = []
    lists: list[list[int]] = []      # per open list: [next number]
    pending: list[str] = []          # the label the next paragraph of the open list item takes
    heading = quote = 0
    for k, t in enumerate(tokens):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            if len(lists) > MAX_DEPTH:
                raise NaskahError(f"{DRAFT}: rincian bertingkat paling dalam {MAX_DEPTH + 1} tingkat (1., a., 1), a))")
            lists.append([int(t.attrs.get("start", 1)) if t.type == "ordered_list_open" else 1])
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "list_item_open":
            n = lists[-1][0]
            lists[-1][0] += 1
            pending.append(_label(len(lists) - 1, n))
        elif t.type == "list_item_close":
            pending.pop()
        elif t.type == "heading_open":
            heading = int(t.tag[1])
        elif t.type == "heading_close":
            heading = 0
        elif t.type == "blockquote_open":
            quote += 1
        elif t.type == "blockquote_close":
            quote -= 1
        elif t.type == "inline":
            depth = max(len(lists) - 1, 0)
            kids = t.children or []
            if heading:
                if lists or quote:
                    raise NaskahError(f"{DRAFT}: judul tidak boleh berada di dalam butir atau kutipan")
                blocks.append(_blok({1: "judul", 2: "bagian"}.get(heading, "subjudul"), _runs(t)))
            elif len(kids) == 1 and kids[0].type == "image":
                src = kids[0].attrs.get("src", "")
                if src != CHART:
                    raise NaskahError(f"{DRAFT}: gambar {src!r} tidak dikenal; yang tersedia hanya "
                                      f"![keterangan]({CHART})")
                blocks.append(_blok("grafik", _runs(kids[0]), depth=depth))
            elif quote:
                blocks.append(_blok("kutipan", _runs(t), depth=depth if lists else 0))
            elif lists:
                label = pending[-1]
                pending[-1] = ""  # a further paragraph of the same item has no label
                blocks.append(_blok("butir", _runs(t), label=label, depth=depth))
            else:
                blocks.append(_blok("paragraf", _runs(t)))
        elif t.type in ("paragraph_open", "paragraph_close", "heading_open", "hr"):
            pass
        else:
            raise NaskahError(f"{DRAFT}: unsur Markdown {t.type!r} (baris {(t.map or [0])[0] + 1}) tidak didukung; "
                              "gunakan paragraf, butir bernomor, kutipan, atau judul")
    return [b for b in blocks if b.runs or b.jenis == "grafik"]


PARTS = (("I.", "Dasar"), ("II.", "Data"), ("III.", "Analisa dan Kesimpulan"))


def check_parts(blocks: list[Blok]) -> None:
    """Exactly the three parts of a naskah penjelasan, in order (seed 002)."""
    found = [b.teks for b in blocks if b.jenis == "bagian"]
    want = [f"{n} {name}" for n, name in PARTS]
    if [re.sub(r"\s*:$", "", f) for f in found] != want:
        raise NaskahError(f"{DRAFT}: bagian naskah harus tepat {', '.join(want)} secara berurutan "
                          f"(judul tingkat dua, \"## \"); yang ada: {', '.join(found) or 'tidak ada'}")


# --- the chart ----------------------------------------------------------------------------------


def chart_png(a: Angka) -> bytes:
    """Coverage of the BPU potential (stacked: self-paying, provincial budget, city budget, not
    covered) beside the year's budget need against the ceiling. Deterministic bytes."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda x, _: ribuan(int(round(x))))
    fig = chart.figure(figsize=(6.6, 2.7), dpi=150)
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.1, 1]})
    parts = [("Mandiri", a.mandiri, "#6d8fb3"), ("APBD Provinsi", a.apbd_provinsi, "#9bb7d4"),
             (f"APBD Kota {a.tahun}", a.peserta, "#b35a2d"), ("Belum terlindungi", a.belum_terlindungi_sisa, "#d9d9d9")]
    left = 0
    for name, n, color in parts:
        ax1.barh([0], [n], left=left, color=color, edgecolor="white", height=0.5,
                 label=f"{name}: {ribuan(n)}")
        left += n
    ax1.set_xlim(0, a.potensi)
    ax1.set_yticks([])
    ax1.xaxis.set_major_formatter(fmt)
    ax1.set_title(f"Potensi peserta BPU {ribuan(a.potensi)} orang — cakupan "
                  f"{_tampil(_Persen(a.cakupan))}% → {_tampil(_Persen(a.cakupan_dengan_kota))}%", fontsize=7.5)
    ax1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=6.5, frameon=False)
    juta = [a.kebutuhan / 1e6, a.pagu / 1e6]
    bars = ax2.bar(["Kebutuhan", "Pagu"], juta, color=["#b35a2d", "#6d8fb3"], width=0.6)
    for b, v in zip(bars, (a.kebutuhan, a.pagu)):
        ax2.annotate(rupiah(v).removesuffix(",00"), (b.get_x() + b.get_width() / 2, b.get_height()),
                     ha="center", va="bottom", fontsize=6, xytext=(0, 2), textcoords="offset points")
    ax2.set_ylim(0, max(juta) * 1.25)
    ax2.yaxis.set_major_formatter(fmt)
    ax2.set_title(f"Anggaran {a.tahun} (juta rupiah)", fontsize=7.5)
    for ax in (ax1, ax2):
        ax.tick_params(labelsize=6.5)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.tight_layout()
    return chart.png(fig)


def png_of(uri: str) -> bytes:
    return base64.b64decode(uri.split(",", 1)[1])


# --- the context --------------------------------------------------------------------------------


class NaskahPenjelasan(_Model):
    kop: Kop                   # the proposing office on the document's date (cover)
    dinas: str                 # "DINAS KETENAGAKERJAAN"
    judul_rancangan: str       # "PERUBAHAN ATAS PERATURAN WALI KOTA BALIKPAPAN NOMOR 3 TAHUN 2025 TENTANG …"
    tahun: int
    tanggal: dt.date
    tempat: str
    angka: Angka
    blocks: list[Blok]
    grafik: str                # data: URI (PNG); the DOCX face puts the same picture in Word
    penandatangan: Penandatangan
    peringatan: list[str]
    snapshot: str
    kertas: str = "F4"
    demo: bool = False
    konsep: bool = False
    daerah: str = "KOTA BALIKPAPAN"
    sampul: list[str] = []     # the cover's lines above TENTANG: RANCANGAN, PERATURAN WALI KOTA … (a proposal)
                               # or PERATURAN WALI KOTA …, NOMOR 99 TAHUN 2025 (after its promulgation)


def sampul(a: Angka, am: Amendment) -> list[str]:
    jenis = f"{am.jenis} {am.daerah}".upper()
    return ["RANCANGAN", jenis] if a.usulan else [jenis, f"NOMOR {am.nomor} TAHUN {am.tahun}"]


def basis(desk: Desk, tahun: int, tanggal: dt.date) -> tuple[dict, list]:
    """What the figures rest on: the year's enrolled participants still covered on `tanggal`, or —
    before any is enrolled (no SK for the year yet) — its candidates not rejected."""
    reg, active = year_figures(desk, tahun, tanggal)
    if reg["peserta_ditetapkan"]:
        return reg, active
    rows = in_year(desk, tahun)
    calon = [a for a in rows if a.status != Status.DITOLAK.value]
    return {**reg, "peserta": len(calon), "calon_ditolak": len(rows) - len(calon)}, calon


def build_context(tahun: int, tanggal: dt.date, desk: Desk, *, demo: bool = False, konsep: bool = False,
                  folder: Path | None = None) -> NaskahPenjelasan:
    """Everything the naskah says, checked; raises NaskahError before anything is written."""
    d = folder or drafts_folder()
    prog = program()
    source = _read(d / DRAFT)
    unknown = unknown_placeholders(source)  # before touching the registry: the cheapest failure first
    if unknown:
        raise NaskahError(f"{DRAFT} memakai isian yang tidak dikenal: {', '.join(unknown)}. Isian yang tersedia: "
                          f"{', '.join(sorted(NAMA_ISIAN))}")
    masukan = load_inputs(d / INPUTS)
    base, am = load_act(d / BASE_FILE), load_amendment(d / AMENDMENT_FILE)
    reg, people = basis(desk, tahun, tanggal)
    a, warnings = compute(tahun, tanggal, reg, Counter(p.sektor for p in people), prog=prog, masukan=masukan,
                          base=base, am=am, folder=d)
    return _context(a, warnings, am, prog, Snapshot.of(people).sha256, source, demo=demo, konsep=konsep)


def _context(a: Angka, warnings: list[str], am: Amendment, prog: Program, snapshot: str, source: str, *,
             demo: bool, konsep: bool) -> NaskahPenjelasan:
    blocks = parse_blocks(fill(source, isian(a)))
    check_parts(blocks)
    k = prog.kantor_pada(a.tanggal)
    return NaskahPenjelasan(
        kop=kop(k), dinas=k.nama.upper(), judul_rancangan=a.rancangan.upper(), tahun=a.tahun, tanggal=a.tanggal,
        tempat=prog.daerah.nama, angka=a, blocks=blocks, grafik=chart.data_uri(chart_png(a)), penandatangan=kepala(k),
        peringatan=warnings, snapshot=snapshot, kertas=prog.naskah.kertas_produk_hukum, demo=demo,
        konsep=konsep, daerah=prog.daerah.sebutan.upper(), sampul=sampul(a, as_known_on(am, a.tanggal)))


def _read(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NaskahError(f"naskah penjelasan tidak ditemukan: {p}") from None


def key_of(ctx: NaskahPenjelasan, inputs: list[Path], templates: list[Path]) -> str:
    """`<tanggal>-<hash>`: the hash of the context and every input and template file."""
    h = hashlib.sha256(ctx.model_dump_json(exclude={"grafik"}).encode())
    for f in [*inputs, *templates]:
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return f"{ctx.tanggal.isoformat()}-{h.hexdigest()[:10]}"


def render(ctx: NaskahPenjelasan, out: Path) -> dict:
    """Both faces into folder `out`; returns the manifest summary (figures and pages, no names)."""
    tpl = templates_folder()
    meta_ = dict(when=ctx.tanggal, title=f"Naskah Penjelasan {ctx.angka.rancangan}",
                 author=ctx.angka.dinas_pengusul, subject="Naskah Penjelasan Rancangan Peraturan Wali Kota")
    data = ctx.model_dump()
    render_docx(tpl / TEMPLATE_DOCX, data, out / FILES[0], images={"grafik": (png_of(ctx.grafik), CHART_WIDTH_MM)},
                **meta_)
    mark = watermark(ctx.konsep, ctx.demo)
    if mark:
        part = out / f".{FILES[1]}.part"
        render_pdf(tpl / TEMPLATE_HTML, data, part, paper=ctx.kertas, **meta_)
        pages = assemble([part], out / FILES[1], watermark=mark, **meta_)
        part.unlink()
    else:
        render_pdf(tpl / TEMPLATE_HTML, data, out / FILES[1], paper=ctx.kertas, **meta_)
        pages = page_count(out / FILES[1])
    return summary(ctx) | {"halaman": pages}


def summary(ctx: NaskahPenjelasan) -> dict:
    a = ctx.angka
    return {"tahun": ctx.tahun, "tanggal": ctx.tanggal.isoformat(), "penandatangan": ctx.penandatangan.jabatan,
            "peserta": a.peserta, "peserta_ditetapkan": a.peserta_ditetapkan, "peserta_berakhir": a.peserta_berakhir,
            "kebutuhan": a.kebutuhan, "pagu": a.pagu, "potensi_bpu": a.potensi, "aktif_bpjs": a.aktif_bpjs,
            "cakupan_persen": str(a.cakupan), "cakupan_dengan_kota_persen": str(a.cakupan_dengan_kota),
            "pokok_perubahan": a.jumlah_perubahan, "peringatan": ctx.peringatan}


class Penjelasan(Document[NaskahPenjelasan, NaskahPenjelasan]):
    """The naskah penjelasan of a coverage year on a date: unnumbered; its key is the hash of what it
    says, so the same figures and drafts give the same folder, and any change a new one."""
    kind = KIND

    def __init__(self, tahun: int, *, tanggal: dt.date | None = None, demo: bool = False, final: bool = False):
        self.year, self.demo, self.final = tahun, demo, final
        self.tanggal = self.default_date(tanggal)

    def key(self, desk: Desk) -> str:
        self._ctx = build_context(self.year, self.tanggal, desk, demo=self.demo, konsep=not self.final)
        return key_of(self._ctx, input_files(), template_files())

    def snapshot(self, desk: Desk) -> NaskahPenjelasan:
        return self._ctx

    def snapshot_hash(self, ctx: NaskahPenjelasan) -> str:
        return ctx.snapshot

    def snapshot_of_record(self, desk, found):
        """Built from its inputs alone (the key is their hash): the same inputs make the same files."""
        return self.snapshot(desk)

    def context(self, ctx: NaskahPenjelasan, nomor: Nomor | None) -> NaskahPenjelasan:
        return ctx

    def unconfirmed(self, ctx: NaskahPenjelasan, basis: NaskahPenjelasan) -> list[str]:
        """The Perwali's own text not yet confirmed, an illustrative amendment, and a naskah dated on
        or after the promulgation of the amendment it explains: it explains a proposal, so it is
        dated before the amendment is promulgated."""
        d = drafts_folder()
        out = list(in_force(self.tanggal, d).unconfirmed())
        am = load_amendment(d / AMENDMENT_FILE)
        if am.ilustratif:
            out.append(f"naskah perubahan di drafts/{AMENDMENT_FILE} masih ilustratif (bukan rancangan resmi)")
        if promulgated_on(am, self.tanggal):
            out.append(f"naskah penjelasan bertanggal {tanggal_panjang(self.tanggal)} menjelaskan perubahan yang telah "
                       f"diundangkan pada {tanggal_panjang(am.diundangkan.tanggal)} sebagai {am.jenis} {am.daerah} "
                       f"Nomor {am.nomor} Tahun {am.tahun}: naskah penjelasan menyertai usulan, maka tanggalnya "
                       "sebelum pengundangan (atau terbitkan sebagai konsep)")
        return out

    def templates(self) -> list[Path]:
        return [*template_files(), *input_files()]

    def faces(self, ctx: NaskahPenjelasan, basis: NaskahPenjelasan, out: Staging) -> dict:
        return render(ctx, out.folder)


def issue(tahun: int, *, tanggal: dt.date | None = None, demo: bool = False, final: bool = False,
          url: str | None = None, root: Path | None = None) -> Published:
    """Build (or return, when the same inputs were built before) the naskah penjelasan of `tahun`
    dated `tanggal` (default: today's working day, WITA) in `outputs/<tahun>/naskah-penjelasan/…`."""
    return issue_document(Penjelasan(tahun, tanggal=tanggal, demo=demo, final=final), url=url, root=root)


def sample_context() -> dict:
    """A context for `rentan templates check` without a registry: the draft filled with made-up
    participant counts (7.100 enrolled, 15 ended)."""
    d = drafts_folder()
    prog = program()
    tanggal = dt.date(2025, 11, 3)
    reg = {"calon_terdaftar": 7400, "peserta_ditetapkan": 7100, "peserta_berakhir": 15, "peserta": 7085,
           "nomor_sk": ["100.3.3.2/1/2025"]}
    am = load_amendment(d / AMENDMENT_FILE)
    a, warnings = compute(2026, tanggal, reg, Counter({"petani": 85, "ojek_online": 7000}), prog=prog,
                          masukan=load_inputs(d / INPUTS), base=load_act(d / BASE_FILE), am=am, folder=d)
    return _context(a, warnings, am, prog, "contoh", _read(d / DRAFT), demo=True, konsep=True).model_dump()


__all__ = ["issue", "build_context", "render", "NaskahError", "NaskahPenjelasan", "Angka", "Blok", "NAMA_ISIAN",
           "parse_blocks", "fill", "unknown_placeholders", "pokok_perubahan", "sample_context", "Penjelasan"]
