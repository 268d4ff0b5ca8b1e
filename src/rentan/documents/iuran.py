"""The monthly remittance to BPJS Ketenagakerjaan Kantor Cabang Balikpapan. Issued once per period
through `rentan.documents.issuing`; a correction is a new numbered letter citing the original.

What goes to BPJS, and only that:
- `naskah.pdf` — the letter (surat dinas, dated on a working day before the 15th, saying the
  contributions are paid by the 15th and citing the rule) and its recap (by sector and kecamatan,
  the month's changes in words — across the year boundary: who continues, who is new, who is no
  longer covered and why); `surat.docx` is the same letter and recap for the clerk in Word;
- the data file (full NIK, private), with only the columns the registry really fills (KPJ when at
  least one participant has one); the letter says how many still lack a KPJ number;
- the month's mutasi (tambah / kurang against the month before, with the reason and date of each
  ending): `lampiran-mutasi.pdf` / `.docx`, the Lampiran of the letter (masked NIKs, the public face
  of rentan.render.annex; also appended to `naskah.pdf`), and the private data file with full NIKs
  (`mutasi-bpjs-<periode>.xlsx`); "nihil" in the letter and recap when there is none;
- once BPJS's bill for the month is imported and reconciled (rentan.registry.bpjs), the bill's kode
  iuran and amount; a month whose bill differs from ours without a clerk's explanation is refused.

What stays at the dinas: `rekap-internal.pdf` — the year's ceiling, its realisation month by month
and a chart, marked internal on every page. The letter never shows the ceiling.

The year's ceiling counts every issued month of that coverage year, whatever their order: runs for
one coverage year are serialised (they lock the year); each year's ceiling is its own
(`program.toml` must hold the year's own value)."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rentan import paths
from rentan.clock import is_working_day, today, working_day_on_or_after
from rentan.documents.common import Surat, _Model, kepala, kop, watermark
from rentan.documents.issuing import Document, Numbering, issue
from rentan.errors import Refusal
from rentan.idfmt import BULAN, angka_kata, bulan_tahun, ribuan, rupiah, rupiah_terbilang, tanggal as tanggal_panjang
from rentan.legal.in_force import citation, in_force
from rentan.program import ProgramError, program
from rentan.registry import coverage
from rentan.registry.coverage import LAINNYA, TIDAK_DITETAPKAN, TIDAK_LOLOS, Month, parse_period, period_key
from rentan.registry.desk import Desk
from rentan.registry.models import alasan_berakhir
from rentan.registry.numbers import Nomor
from rentan.registry.snapshot import Anggota
from rentan.render.outputs import Published, Staging
from rentan.wilayah import KECAMATAN_BY_KODE

KIND = "iuran-bulanan"
WARN_SHARE = 0.9
JATUH_TEMPO = 15  # contributions for a month are due by the 15th of that month
FILES = {"naskah": "naskah.pdf", "docx": "surat.docx", "internal": "rekap-internal.pdf",
         "mutasi_pdf": "lampiran-mutasi.pdf", "mutasi_docx": "lampiran-mutasi.docx"}
TAMBAH, KURANG = "Tambah", "Kurang"
# the national rule the due date follows, beside the Perwali's own article (codes of
# drafts/dasar-hukum.yaml): the Permenaker on the procedures of JKK, JKM and JHT, Bukan Penerima Upah
# included; cited without an article (the article is not recorded in drafts/)
DASAR_JATUH_TEMPO = ("permenaker_5_2021",)
_DUE = re.compile(r"paling lambat\s+tanggal\s+15\b")
# what a final face may not contain (the same marks `issuing.unconfirmed_facts` refuses in a context)
_PLACEHOLDER = re.compile(r"⚠|sesuaikan|…|\.{4,}")
# what the faces for BPJS may not contain: the city's ceiling and its realisation are internal
_INTERNAL_WORDS = re.compile(r"\bpagu\b|\brealisasi\b|\bsisa anggaran\b", re.I)


class RemittanceError(Refusal):
    """The run is refused; the message says why, in Indonesian."""


class Baris(_Model):
    nama: str
    peserta: int
    jkk: int
    jkm: int
    jumlah: int


class Koreksi(_Model):
    ke: int
    alasan: str
    nomor_asal: str
    tanggal_asal: dt.date
    peserta_asal: int
    jumlah_asal: int
    selisih: int


class KeputusanSk(_Model):
    """The Keputusan Wali Kota the month's participants were enrolled by, cited in full."""
    nomor: str
    tanggal: dt.date | None  # None: the registry knows the number only (the date is then not cited)
    tentang: str
    kutipan: str  # "Keputusan Wali Kota Balikpapan Nomor … tanggal … tentang …"


class Perubahan(_Model):
    """A row of the recap's table of changes: a count in figures, "nihil" for none."""
    uraian: str
    peserta: int
    teks: str
    rincian: bool = False  # a reason under the row above it


class Tagihan(_Model):
    """BPJS's bill for the month, reconciled with ours (rentan.registry.bpjs.Rekonsiliasi)."""
    kode_iuran: str
    peserta: int
    jumlah: int
    cocok: bool
    selisih: int  # differences explained by the clerk (0 when the bill matches)


class Batang(_Model):
    label: str
    x: float
    y: float
    w: float
    h: float


class Grafik(_Model):
    """The internal recap's chart as plain geometry (an SVG drawn by the template): participants
    per month as bars, spending so far as a line, the ceiling as a dashed line (mm, 160 × 60)."""
    batang: list[Batang]
    garis: str  # SVG polyline points of the cumulative spending
    titik: list[tuple[float, float]]
    pagu_y: float
    skala_peserta: list[tuple[float, str]]  # (y, label) ticks on the left axis
    skala_rupiah: list[tuple[float, str]]  # (y, label) ticks on the right axis (juta rupiah)


class Iuran(Surat):
    periode: str  # "Januari 2026"
    bulan_sebelumnya: str  # "Desember 2025"
    awal_tahun: bool  # January: the month before is under the year before's decree
    tahun_sebelumnya: int
    jatuh_tempo: dt.date
    terlambat: bool  # the letter is dated after the due date
    dasar_jatuh_tempo: str  # the rules the due date follows, cited
    pemerintah: str  # "Pemerintah Kota Balikpapan"
    nomor_sk: list[str]
    keputusan: list[KeputusanSk]
    dasar_sk: str  # the decrees cited in full, joined
    tarif_jkk: int
    tarif_jkm: int
    tarif: int
    total: Baris
    sebelumnya: int  # covered in the month before
    baru: int
    berakhir: int
    lanjutan: int  # covered in the month before and in this one
    berakhir_rincian: list[Baris]  # nama = reason, peserta = count (amounts unused)
    kalimat_perubahan: str  # the month's changes in words ("nihil" for none)
    perubahan: list[Perubahan]  # the recap's table of changes
    per_sektor: list[Baris]
    per_kecamatan: list[Baris]
    isi_data: str  # what the data file holds, as the letter says it
    kolom_data: list[str]
    kpj: int  # participants with a KPJ number
    belum_kpj: int  # participants still without one
    kalimat_kpj: str  # how many still lack a KPJ number, or that all have one
    mutasi_tambah: int
    mutasi_kurang: int
    kalimat_mutasi: str  # the month's mutasi in words and where they are listed ("nihil" for none)
    mutasi_rekap: list[Perubahan]  # the recap's rows: tambah, kurang, without a KPJ number
    tagihan: Tagihan | None  # the month's bill, reconciled (None: no bill imported yet)
    kalimat_tagihan: str  # the bill's kode iuran and amount, in figures and words ("" without a bill)
    # internal (rekap-internal.pdf only)
    anggaran: int
    dasar_anggaran: str
    realisasi: int  # the year's total as of this letter: every month issued so far, this one included
    sisa: int
    persen: str  # "71,6"
    peringatan: str | None
    bulan: list[Baris]  # per month this year: nama = month, peserta, jumlah
    grafik: Grafik
    koreksi: Koreksi | None


def letter_date(first_day: dt.date) -> dt.date:
    """The planned date of a month's letter: the first working day (no weekend, national holiday or
    cuti bersama: rentan.clock) from the 2nd of the month, always before the 15th, when the month's
    contributions are due."""
    d = working_day_on_or_after(first_day.replace(day=2))
    if d.day >= JATUH_TEMPO:
        raise RemittanceError(f"tidak ada hari kerja sebelum tanggal {JATUH_TEMPO} {bulan_tahun(first_day)}")
    return d


def default_date(first_day: dt.date, today: dt.date) -> dt.date:
    """The letter's date when staff give none: the planned date (`letter_date`), or, for a month
    issued after its planned date, the working day it is issued on (a letter is never backdated)."""
    return max(letter_date(first_day), working_day_on_or_after(today))


def _row(nama: str, n: int, tarif_jkk: int, tarif_jkm: int) -> Baris:
    return Baris(nama=nama, peserta=n, jkk=n * tarif_jkk, jkm=n * tarif_jkm, jumlah=n * (tarif_jkk + tarif_jkm))


def _daftar(items: list[str], kata: str = "dan") -> str:
    """a, b, dan c (PUEBI: a comma before the conjunction of a list of three or more)."""
    if len(items) <= 2:
        return f" {kata} ".join(items)
    return ", ".join(items[:-1]) + f", {kata} " + items[-1]


def jumlah_orang(n: int) -> str:
    """"sebanyak 7 (tujuh) orang", or "nihil" for none — never "0 peserta"."""
    return f"sebanyak {angka_kata(n)} orang" if n else "nihil"


def nihil(n: int) -> str:
    """A count in a table cell: "7.100", or "nihil"."""
    return ribuan(n) if n else "nihil"


def alasan_label(kode: str, tahun: int) -> str:
    """Why someone is no longer paid for, in words: the coverage ended (died, moved, …) or, across
    the year boundary, not in the decree of `tahun`."""
    kepala_daerah = program().daerah.kepala_daerah
    if kode == TIDAK_LOLOS:
        return f"tidak memenuhi syarat kepesertaan tahun {tahun}"
    if kode == TIDAK_DITETAPKAN:
        return f"tidak ditetapkan kembali dalam Keputusan {kepala_daerah} tahun {tahun}"
    if kode == LAINNYA:
        return "kepesertaan berakhir karena sebab lain"
    return alasan_berakhir(kode)


def _order_reasons(reasons: Counter, tahun: int) -> list[tuple[str, int]]:
    """Reasons in a fixed order: the ended coverages first (as the registry knows them), then
    those not continued into the new year."""
    late = (TIDAK_LOLOS, TIDAK_DITETAPKAN, LAINNYA)
    first = sorted(k for k in reasons if k not in late)
    return [(alasan_label(k, tahun), reasons[k]) for k in [*first, *[k for k in late if k in reasons]]]


def _changes(m: Month, bulan_lalu: str) -> tuple[str, list[Perubahan], list[Baris]]:
    """The month's changes against the month before: the letter's sentence, the recap's rows and
    the reasons. January compares with December of the year before, under that year's decree."""
    year = m.periode.year
    reasons = _order_reasons(m.berakhir_per_alasan(), year)
    rincian = [Baris(nama=r, peserta=n, jkk=0, jkm=0, jumlah=0) for r, n in reasons]
    why = (", yaitu " + _daftar([f"{r} {jumlah_orang(n)}" for r, n in reasons])) if reasons else ""
    n_before, n_new, n_gone = m.sebelumnya, len(m.baru), len(m.berakhir)
    n_cont = n_before - n_gone
    if m.periode.month == 1:
        parts = [f"{angka_kata(n_cont)} peserta lanjutan dari tahun {year - 1}" if n_cont
                 else f"peserta lanjutan dari tahun {year - 1} nihil",
                 f"{angka_kata(n_new)} peserta baru" if n_new else "peserta baru nihil",
                 (f"{angka_kata(n_gone)} peserta tidak lagi ditanggung{why}" if n_gone
                  else "peserta yang tidak lagi ditanggung nihil")]
        rows = [Perubahan(uraian=f"Peserta bulan {bulan_lalu} (tahun kepesertaan {year - 1})", peserta=n_before,
                          teks=nihil(n_before)),
                Perubahan(uraian=f"Peserta lanjutan dari tahun {year - 1}", peserta=n_cont, teks=nihil(n_cont)),
                Perubahan(uraian=f"Peserta baru tahun {year}", peserta=n_new, teks=nihil(n_new)),
                Perubahan(uraian="Peserta tidak lagi ditanggung", peserta=n_gone, teks=nihil(n_gone))]
    else:
        parts = [f"{angka_kata(n_new)} peserta baru" if n_new else "peserta baru nihil",
                 (f"{angka_kata(n_gone)} peserta yang kepesertaannya berakhir{why}" if n_gone
                  else "kepesertaan yang berakhir nihil")]
        rows = [Perubahan(uraian=f"Peserta bulan {bulan_lalu}", peserta=n_before, teks=nihil(n_before)),
                Perubahan(uraian="Peserta baru", peserta=n_new, teks=nihil(n_new)),
                Perubahan(uraian="Kepesertaan berakhir", peserta=n_gone, teks=nihil(n_gone))]
    rows += [Perubahan(uraian=b.nama, peserta=b.peserta, teks=nihil(b.peserta), rincian=True) for b in rincian]
    n_now = len(m.people)
    rows.append(Perubahan(uraian=f"Peserta bulan {bulan_tahun(m.periode)}", peserta=n_now, teks=nihil(n_now)))
    sentence = f"Dibandingkan dengan bulan {bulan_lalu}: " + _daftar(parts) + "."
    return sentence, rows, rincian


# --- the rules the letter cites ---------------------------------------------------------------------

@lru_cache(maxsize=16)
def _pasal_jatuh_tempo(on: dt.date) -> str | None:
    """The article of the Perwali in force on `on` that sets the due date ("Pasal 12 ayat (1)"),
    found in its text (drafts/, with the amendments in force), or None when no article says so."""
    from rentan.legal.amendment import consolidate
    law = in_force(on)
    act = law.base
    for am in law.enacted:
        if am.in_force_on(on):
            act = consolidate(act, am, annotate=False).act
    for _, p in act.iter_pasal():
        if p.deleted:
            continue
        for a in p.paragraphs:
            if not a.deleted and _DUE.search(" ".join(a.text.split())):
                return f"Pasal {p.number}" + (f" ayat ({a.number})" if a.number else "")
    return None


def dasar_jatuh_tempo(on: dt.date) -> str:
    """The rules the due date follows, cited from drafts/ (dasar-hukum.yaml and the Perwali in force
    on `on`): the Perwali's own article when its text has one, the national rules in general."""
    law = in_force(on)
    pasal = _pasal_jatuh_tempo(on)
    perwali = f"{pasal} {law.singkat}" if pasal else law.singkat
    return _daftar([*(citation(k).singkat for k in DASAR_JATUH_TEMPO), perwali])


def _tentang_sk(tahun: int, recorded: dict | None) -> str:
    """The decree's title: as recorded when it was issued, else from drafts/sk-peserta.yaml."""
    if recorded and recorded.get("tentang"):
        return str(recorded["tentang"])
    from rentan.documents.sk import load_draft
    text = " ".join(load_draft().tentang.replace("{tahun}", str(tahun)).split())
    return text if "{" not in text else (f"Penetapan Peserta Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan "
                                         f"bagi Pekerja Rentan Tahun {tahun}")


def keputusan(k: coverage.Keputusan) -> KeputusanSk:
    tentang = _tentang_sk(k.tahun, k.ringkasan)
    when = f" tanggal {tanggal_panjang(k.tanggal)}" if k.tanggal else ""
    return KeputusanSk(nomor=k.nomor, tanggal=k.tanggal, tentang=tentang,
                       kutipan=f"Keputusan {program().daerah.kepala_daerah} Nomor {k.nomor}{when} tentang {tentang}")


# --- the internal chart -----------------------------------------------------------------------------

def _ticks(top: float, n: int = 4) -> list[float]:
    """Round tick values from 0 to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / n
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    return [step * i for i in range(n + 2) if step * (i - 1) < top]


def grafik(months: list[Baris], anggaran: int) -> Grafik:
    """Bars of participants, the cumulative spending and the ceiling, on a 160 × 60 mm plot area
    (the SVG in templates/iuran/rekap-internal.html draws it)."""
    W, H, left, bottom, top_pad = 160.0, 60.0, 14.0, 52.0, 4.0
    plot_h = bottom - top_pad
    people = [b.peserta for b in months] or [0]
    p_ticks = _ticks(max(people))
    cumulative, run = [], 0
    for b in months:
        run += b.jumlah
        cumulative.append(run / 1e6)
    r_ticks = _ticks(max([anggaran / 1e6, *cumulative]))
    p_top, r_top = p_ticks[-1] or 1, r_ticks[-1] or 1
    slot = (W - 2 * left) / 12
    bars, points = [], []
    for i, b in enumerate(months):
        month_index = BULAN.index(b.nama)
        x = left + slot * month_index
        h = plot_h * b.peserta / p_top
        bars.append(Batang(label=b.nama[:3], x=round(x + slot * 0.15, 2), y=round(bottom - h, 2),
                           w=round(slot * 0.7, 2), h=round(h, 2)))
        points.append((round(x + slot / 2, 2), round(bottom - plot_h * cumulative[i] / r_top, 2)))
    return Grafik(batang=bars, garis=" ".join(f"{x},{y}" for x, y in points), titik=points,
                  pagu_y=round(bottom - plot_h * (anggaran / 1e6) / r_top, 2),
                  skala_peserta=[(round(bottom - plot_h * t / p_top, 2), ribuan(int(t))) for t in p_ticks],
                  skala_rupiah=[(round(bottom - plot_h * t / r_top, 2), ribuan(int(t))) for t in r_ticks])


# --- the context ---------------------------------------------------------------------------------------

def isi_data(kpj: int, n: int) -> tuple[str, list[str]]:
    """What the data file holds, as the letter says it, and its columns: the KPJ number only when
    the registry has one (for everyone, or for those who have one)."""
    columns = ["No", "NIK", *(["KPJ"] if kpj else []), "Nama", "Tanggal Lahir", "Iuran JKK", "Iuran JKM",
               "Jumlah Iuran"]
    fields = ["NIK", "nama", "tanggal lahir", "besaran iuran"]
    if kpj and kpj == n:
        fields.insert(1, "nomor KPJ")
    elif kpj:
        fields.append(f"nomor KPJ bagi {angka_kata(kpj)} peserta yang telah memilikinya")
    return _daftar(fields), columns


def kalimat_kpj(belum: int, n: int) -> str:
    """How many participants still lack a KPJ number, plainly."""
    if not belum:
        return "Seluruh peserta telah memiliki nomor KPJ."
    if belum == n:
        return ("Seluruh peserta belum memiliki nomor KPJ; nomor KPJ akan kami cantumkan setelah kami terima dari "
                "BPJS Ketenagakerjaan.")
    return (f"Peserta yang belum memiliki nomor KPJ {jumlah_orang(belum)}; kolom KPJ mereka dalam berkas data "
            "masih kosong.")


def kalimat_mutasi(periode: str, bulan_lalu: str, tambah: int, kurang: int) -> str:
    """The month's mutasi as the letter says it: counts in figures and words, or nihil."""
    if not tambah and not kurang:
        return f"Mutasi peserta (tambah dan kurang) bulan {periode} dibandingkan dengan bulan {bulan_lalu} nihil."
    return (f"Mutasi peserta bulan {periode} dibandingkan dengan bulan {bulan_lalu}, yaitu tambah "
            f"{jumlah_orang(tambah)} dan kurang {jumlah_orang(kurang)}, beserta alasan dan tanggal kepesertaan yang "
            "berakhir, tercantum dalam Lampiran Daftar Mutasi Peserta surat ini.")


def tagihan_of(rec) -> Tagihan | None:
    """The letter's view of a reconciled bill (rentan.registry.bpjs.Rekonsiliasi, or None)."""
    if rec is None:
        return None
    return Tagihan(kode_iuran=rec.kode_iuran, peserta=rec.tagihan_peserta, jumlah=rec.tagihan_jumlah,
                   cocok=rec.cocok, selisih=rec.selisih)


def kalimat_tagihan(t: Tagihan | None, periode: str) -> str:
    if t is None:
        return ""
    tail = ("sesuai dengan data kami" if t.cocok else
            f"dengan {angka_kata(t.selisih)} selisih terhadap data kami yang telah dijelaskan dalam catatan "
            "rekonsiliasi" if t.selisih else "dengan selisih jumlah yang telah dijelaskan dalam catatan rekonsiliasi")
    return (f"Pembayaran tersebut kami lakukan dengan kode iuran {t.kode_iuran} sesuai dengan tagihan BPJS "
            f"Ketenagakerjaan bulan {periode} untuk {angka_kata(t.peserta)} orang sebesar "
            f"{rupiah_terbilang(t.jumlah)}, {tail}.")


def build_context(m: Month, *, nomor: str, tanggal: dt.date, spent_other: dict[str, int],
                  koreksi: Koreksi | None, demo: bool, konsep: bool = False,
                  decrees: list[coverage.Keputusan] | None = None, tagihan: Tagihan | None = None) -> Iuran:
    """A pure function of the month, the year's other issued months (`spent_other`: the amount of
    each, the latest correction of each, whatever order they were issued in) and the decrees the
    participants were enrolled by (`decrees`; by default their numbers only)."""
    prog = program()
    k = prog.kantor_pada(tanggal)
    tarif = prog.iuran(m.periode)
    total = _row("Jumlah", len(m.people), tarif.jkk, tarif.jkm)
    try:
        budget = prog.tahunan("anggaran", m.periode.year)
    except ProgramError as e:
        raise RemittanceError(str(e)) from None
    anggaran = budget.nilai
    realisasi = sum(spent_other.values()) + total.jumlah
    by_period = {**spent_other, period_key(m.periode): total.jumlah}
    months = [_row(BULAN[int(p[5:]) - 1], jumlah // tarif.total, tarif.jkk, tarif.jkm)
              for p, jumlah in sorted(by_period.items())]
    per_sektor = Counter(p.sektor for p in m.people)
    order = {s: i for i, s in enumerate(prog.sektor)}  # program.toml's order ("lainnya" last)
    per_kec = Counter(p.kecamatan_kode for p in m.people)
    share = realisasi / anggaran if anggaran else 1
    persen = f"{share * 100:.1f}".replace(".", ",")
    warn = (f"Realisasi tahun {m.periode.year} sampai dengan surat ini telah mencapai {persen}% dari pagu "
            f"anggaran tahun {m.periode.year}." if share >= WARN_SHARE else None)
    nomor_sk = sorted({p.nomor_sk for p in m.people if p.nomor_sk})
    found = decrees if decrees is not None else [coverage.Keputusan(n, m.periode.year, None) for n in nomor_sk]
    cited = [keputusan(d) for d in found]
    bulan_lalu = bulan_tahun(coverage.previous(m.periode))
    sentence, changes, rincian = _changes(m, bulan_lalu)
    kpj = sum(1 for p in m.people if p.kpj)
    isi, kolom = isi_data(kpj, len(m.people))
    due = m.periode.replace(day=JATUH_TEMPO)
    tambah, kurang = len(m.baru), len(m.berakhir)
    # the recap and the data file; with mutasi also their Lampiran and their data file
    berkas = 2 + (2 if tambah or kurang else 0)
    return Iuran(
        kop=kop(k), nomor=nomor, tanggal=tanggal, sifat="Penting", lampiran=f"{angka_kata(berkas)} berkas",
        hal=("Koreksi Penyampaian Data dan Pembayaran Iuran" if koreksi else "Penyampaian Data dan Pembayaran Iuran")
        + f" Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Bulan {bulan_tahun(m.periode)}",
        kepada=prog.daerah.bpjs, periode=bulan_tahun(m.periode), bulan_sebelumnya=bulan_lalu,
        awal_tahun=m.periode.month == 1, tahun_sebelumnya=m.periode.year - 1, jatuh_tempo=due,
        terlambat=tanggal > due, dasar_jatuh_tempo=dasar_jatuh_tempo(tanggal), pemerintah=prog.daerah.pemerintah,
        nomor_sk=nomor_sk, keputusan=cited, dasar_sk=_daftar([c.kutipan for c in cited]),
        tarif_jkk=tarif.jkk, tarif_jkm=tarif.jkm, tarif=tarif.total, total=total,
        sebelumnya=m.sebelumnya, baru=len(m.baru), berakhir=len(m.berakhir), lanjutan=m.sebelumnya - len(m.berakhir),
        berakhir_rincian=rincian, kalimat_perubahan=sentence, perubahan=changes,
        per_sektor=[_row(prog.sektor[s].nama, n, tarif.jkk, tarif.jkm)
                    for s, n in sorted(per_sektor.items(), key=lambda x: (order.get(x[0], len(order)), x[0]))],
        per_kecamatan=[_row(KECAMATAN_BY_KODE[c].nama, n, tarif.jkk, tarif.jkm) for c, n in sorted(per_kec.items())],
        isi_data=isi, kolom_data=kolom, kpj=kpj, belum_kpj=len(m.people) - kpj,
        kalimat_kpj=kalimat_kpj(len(m.people) - kpj, len(m.people)), mutasi_tambah=tambah, mutasi_kurang=kurang,
        kalimat_mutasi=kalimat_mutasi(bulan_tahun(m.periode), bulan_lalu, tambah, kurang),
        mutasi_rekap=[Perubahan(uraian=u, peserta=n, teks=nihil(n)) for u, n in (
            ("Mutasi tambah", tambah), ("Mutasi kurang", kurang),
            ("Peserta yang belum memiliki nomor KPJ", len(m.people) - kpj))],
        tagihan=tagihan, kalimat_tagihan=kalimat_tagihan(tagihan, bulan_tahun(m.periode)),
        anggaran=anggaran, dasar_anggaran=budget.dasar or "", realisasi=realisasi, sisa=anggaran - realisasi,
        persen=persen, peringatan=warn, bulan=months, grafik=grafik(months, anggaran), koreksi=koreksi,
        penandatangan=kepala(k), tembusan=list(prog.naskah.tembusan_verifikasi), demo=demo, konsep=konsep)


# --- the data file ------------------------------------------------------------------------------------

def _data_file(target: Path, m: Month, ctx: Iuran) -> int:
    """The data file for BPJS (full NIK: private), in NIK order, with the columns `ctx.kolom_data`."""
    from rentan.render.sheet_xml import write_sheet
    jkk, jkm, both = ctx.tarif_jkk, ctx.tarif_jkm, ctx.tarif
    with_kpj = "KPJ" in ctx.kolom_data
    people = sorted(m.people, key=lambda a: a.nik)
    if with_kpj:
        rows = [(i, a.nik, a.kpj or "", a.nama, a.tanggal_lahir, jkk, jkm, both) for i, a in enumerate(people, 1)]
    else:
        rows = [(i, a.nik, a.nama, a.tanggal_lahir, jkk, jkm, both) for i, a in enumerate(people, 1)]
    write_sheet(target, "Data Peserta", ctx.kolom_data, rows, mode=0o600)
    return len(rows)


@dataclass(frozen=True)
class Baris_mutasi:
    """One row of the month's mutasi: a person added or ended, why and from when."""
    anggota: Anggota
    mutasi: str  # TAMBAH / KURANG
    alasan: str
    tanggal: dt.date


def mutasi(m: Month) -> list[Baris_mutasi]:
    """The month's mutasi against the month before (coverage.Month: baru, berakhir): those added,
    from the day their coverage starts (never before the month), and those ended, with the reason
    and the day it ended (across the year boundary, not continued: 31 December)."""
    year = m.periode.year
    first_label = f"peserta baru tahun {year}" if m.periode.month == 1 else "peserta baru"
    out = [Baris_mutasi(a, TAMBAH, first_label, max(a.mulai or m.periode, m.periode)) for a in m.baru]
    before_end = m.periode - dt.timedelta(days=1)
    out += [Baris_mutasi(a, KURANG, alasan_label(m.alasan(a), year), a.tanggal_berakhir or before_end)
            for a in m.berakhir]
    return out


def _mutasi_groups(rows: list[Baris_mutasi]):
    """The Lampiran's groups (rentan.render.annex): by kecamatan, kelurahan, added before ended, by
    name. The Mutasi column is the row's `surat_aplikator` cell (a free text column of AnnexRow)."""
    from rentan.documents.common import order_key
    from rentan.render.annex import AnnexGroup, AnnexRow, nama_kapital, nama_tempat
    from rentan.wilayah import KELURAHAN_BY_KODE
    sektor = {k: x.nama for k, x in program().sektor.items()}
    groups, current, key = [], [], None
    for r in sorted(rows, key=lambda r: (r.anggota.kecamatan_kode, r.anggota.kelurahan_kode, r.mutasi != TAMBAH,
                                         *order_key(r.anggota))):
        a = r.anggota
        if a.kelurahan_kode != key:
            if current:
                groups.append(AnnexGroup(KECAMATAN_BY_KODE[key[:8]].nama, KELURAHAN_BY_KODE[key].nama, current))
            key, current = a.kelurahan_kode, []
        current.append(AnnexRow(nik=a.nik, nama=nama_kapital(a.nama), tempat_lahir=nama_tempat(a.tempat_lahir),
                                tanggal_lahir=a.tanggal_lahir, jenis_kelamin=a.jenis_kelamin,
                                pekerjaan=sektor.get(a.sektor) or a.pekerjaan,
                                kelurahan=KELURAHAN_BY_KODE[a.kelurahan_kode].nama, alamat=a.alamat or "",
                                surat_aplikator=f"{r.mutasi} — {r.alasan}, {tanggal_panjang(r.tanggal)}"))
    if current:
        groups.append(AnnexGroup(KECAMATAN_BY_KODE[key[:8]].nama, KELURAHAN_BY_KODE[key].nama, current))
    return groups


def _mutasi_header(ctx: Iuran, paper: str):
    from rentan.documents.sk import KONSEP_BANNER
    from rentan.render.annex import NAMA, NIK, NO, SEKTOR, AnnexHeader, Column
    p = ctx.penandatangan
    return AnnexHeader(
        lines=["LAMPIRAN", f"SURAT {p.jabatan.upper()}", f"NOMOR : {ctx.nomor}", f"TANGGAL : {tanggal_panjang(ctx.tanggal)}"],
        title=[f"DAFTAR MUTASI PESERTA BULAN {ctx.periode.upper()}",
               f"TAMBAH {ribuan(ctx.mutasi_tambah) if ctx.mutasi_tambah else 'NIHIL'}, KURANG "
               f"{ribuan(ctx.mutasi_kurang) if ctx.mutasi_kurang else 'NIHIL'}, DIBANDINGKAN DENGAN BULAN "
               f"{ctx.bulan_sebelumnya.upper()}"],
        signature=[f"{p.jabatan},", "", "", "", p.nama or "." * 30, *([p.pangkat] if p.pangkat else []),
                   *([f"NIP. {p.nip}"] if p.nip else [])],
        mask_nik=True, paper=paper, watermark=watermark(ctx.konsep, ctx.demo),
        columns=(NO, NIK, NAMA, SEKTOR, Column("surat_aplikator", "Mutasi (Alasan, Tanggal)", 90)),
        banner=KONSEP_BANNER if ctx.konsep else None)


def _mutasi_file(target: Path, rows: list[Baris_mutasi]) -> int:
    """The month's mutasi for BPJS with full NIKs (private), in the columns of the `mutasi` exchange
    layout (rentan/data/bpjs/mutasi.toml)."""
    from rentan.registry.bpjs import sheet, susunan
    from rentan.render.sheet_xml import write_sheet
    ordered = sorted(rows, key=lambda r: (r.mutasi != TAMBAH, r.anggota.nik))
    extra = {r.anggota.nik: {"mutasi": r.mutasi, "alasan_mutasi": r.alasan, "tanggal_mutasi": r.tanggal}
             for r in ordered}
    layout = susunan("mutasi")
    [(name, (headers, cells))] = sheet(layout, [r.anggota for r in ordered], extra).items()
    write_sheet(target, name, headers, cells, mode=0o600)
    return len(cells)


@dataclass(frozen=True)
class Terbit:
    """An earlier letter of the period (plain values)."""
    nomor: str
    tanggal: dt.date
    peserta: int
    jumlah: int


@dataclass(frozen=True)
class Dasar:
    """What a month's letter rests on: its participants, the year's other months, the decrees."""
    month: Month
    spent_other: dict[str, int]
    letters: tuple[Terbit, ...]
    decrees: tuple[coverage.Keputusan, ...] = ()
    tagihan: Tagihan | None = None  # BPJS's bill for the month, reconciled or explained

    @property
    def sha256(self) -> str:
        if self.tagihan is None:
            return self.month.sha256
        import hashlib
        return hashlib.sha256(f"{self.month.sha256}|{self.tagihan.model_dump_json()}".encode()).hexdigest()


def _face_text_docx(path: Path) -> str:
    """Every paragraph of a DOCX — body, tables, headers and footers — whitespace collapsed."""
    import html
    with zipfile.ZipFile(path) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist()
                       if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n))
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml.replace("<w:tab/>", "<w:t> </w:t>"), re.S)
    texts = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paras)
    return " ".join(" ".join(html.unescape(t) for t in texts).split())


def _face_text_pdf(path: Path) -> str:
    from pypdf import PdfReader
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


class Remittance(Document[Dasar, Iuran]):
    kind = KIND

    def __init__(self, periode: str, *, koreksi: str | None = None, tanggal: dt.date | None = None,
                 demo: bool = False, final: bool = False):
        self.first_day = parse_period(periode)
        self.periode = period_key(self.first_day)
        self.year = self.first_day.year
        self.koreksi, self.demo, self.final = koreksi, demo, final
        self.ke = 0
        if tanggal:
            self.tanggal = working_day_on_or_after(tanggal)
        elif koreksi:
            self.tanggal = working_day_on_or_after(today())
        else:
            self.tanggal = default_date(self.first_day, today())

    def lock(self) -> str:
        return f"{KIND}/{self.year}"  # the year's budget: one run at a time

    def key(self, desk: Desk) -> str:
        letters = coverage.issued(desk, self.periode)
        if self.koreksi and not letters:
            raise RemittanceError(f"periode {self.periode} belum pernah diterbitkan; koreksi tidak diperlukan")
        self.ke = len(letters) if self.koreksi else 0
        return self.periode if self.ke == 0 else f"{self.periode}-koreksi-{self.ke}"

    def kunci(self, key: str) -> str:
        return f"{KIND}/{self.periode}" + (f"/koreksi-{self.ke}" if self.ke else "")

    def snapshot(self, desk: Desk) -> Dasar:
        prog = program()
        label = bulan_tahun(self.first_day)
        m = coverage.month(desk, self.first_day)
        if not len(m.people) and not coverage.enrolled_in(desk, self.year):
            raise RemittanceError(f"tidak ada peserta yang ditanggung pada {label}: belum ada SK penetapan peserta "
                                  f"tahun {self.year} (sebuah SK hanya menanggung tahun kepesertaannya sendiri). "
                                  "Surat tidak diterbitkan.")
        if not len(m.people):
            raise RemittanceError(f"tidak ada peserta yang ditanggung pada {label}: semua kepesertaan dalam SK tahun "
                                  f"{self.year} telah berakhir")
        try:  # each coverage year is paid from its own budget: never last year's ceiling silently
            anggaran = prog.tahunan("anggaran", self.year).nilai
        except ProgramError as e:
            raise RemittanceError(f"iuran {label} tidak dapat diterbitkan: {e}") from None
        amount = len(m.people) * prog.iuran(self.first_day).total
        other = coverage.spent(desk, self.year, except_period=self.periode)
        if sum(other.values()) + amount > anggaran:
            raise RemittanceError(
                f"iuran {label} {rupiah(amount)} melampaui sisa pagu tahun {self.year}: pagu {rupiah(anggaran)}, "
                f"terpakai {rupiah(sum(other.values()))} untuk {len(other)} bulan lain yang sudah diterbitkan, sisa "
                f"{rupiah(anggaran - sum(other.values()))}. Surat tidak diterbitkan.")
        letters = tuple(Terbit(r.nomor, r.tanggal, r.peserta, r.jumlah) for r in coverage.issued(desk, self.periode))
        decrees = tuple(coverage.decrees(desk, self.year, {a.nomor_sk for a in m.people if a.nomor_sk}))
        from rentan.registry.bpjs import reconciliation
        rec = reconciliation(desk, self.periode)
        if rec is not None and not rec.dijelaskan:
            raise RemittanceError(
                f"iuran {label} tidak dapat diterbitkan: tagihan BPJS Ketenagakerjaan (kode iuran {rec.kode_iuran}) "
                f"berbeda dengan data kami dalam {angka_kata(rec.selisih)} hal yang belum dijelaskan; catat "
                f"penjelasannya dengan perintah `rentan bpjs catat-selisih {self.periode}`, lalu terbitkan kembali.")
        return Dasar(m, other, letters, decrees, tagihan_of(rec))

    def kantor(self) -> str:
        return program().kantor_pada(self.tanggal).kode

    def numbering(self, basis: Dasar) -> Numbering:
        when = self.tanggal
        k = program().kantor_pada(when)
        return Numbering(f"{k.kode}/{when.year}", when, lambda urut: k.nomor(urut))

    def context(self, basis: Dasar, nomor: Nomor | None) -> Iuran:
        ref = None
        if self.koreksi:
            first, last = basis.letters[0], basis.letters[-1]
            amount = len(basis.month.people) * program().iuran(self.first_day).total
            ref = Koreksi(ke=self.ke, alasan=self.koreksi, nomor_asal=first.nomor, tanggal_asal=first.tanggal,
                          peserta_asal=last.peserta, jumlah_asal=last.jumlah, selisih=amount - last.jumlah)
        return build_context(basis.month, nomor=nomor.nomor, tanggal=nomor.tanggal, spent_other=basis.spent_other,
                             koreksi=ref, demo=self.demo, konsep=not self.final, decrees=list(basis.decrees),
                             tagihan=basis.tagihan)

    def unconfirmed(self, ctx: Iuran, basis: Dasar) -> list[str]:
        """The letter cites the Perwali in force on its date: that text must be the official one,
        and an amendment the month rests on must be promulgated."""
        law = in_force(ctx.tanggal)
        out = [*law.unconfirmed(), *law.belum_diundangkan(self.first_day)]
        if not is_working_day(ctx.tanggal):
            out.append(f"tanggal surat {tanggal_panjang(ctx.tanggal)} bukan hari kerja")
        return out

    def templates(self):
        tpl = paths.templates() / "iuran"
        return [tpl / "surat.docx", tpl / "surat.html", tpl / "rekap.html", tpl / "rekap-internal.html",
                paths.templates() / "print.css", paths.templates() / "_naskah.html", paths.templates() / "_base.html"]

    def faces(self, ctx: Iuran, basis: Dasar, out: Staging) -> dict:
        from rentan.render.assemble import assemble, page_count
        from rentan.render.docx import render_docx
        from rentan.render.pdf import render_pdf
        prog = program()
        tpl = paths.templates() / "iuran"
        k = prog.kantor_pada(ctx.tanggal)
        meta = dict(when=ctx.tanggal, title=f"Surat {ctx.nomor}", author=k.nama_lengkap, subject=ctx.hal)
        data = ctx.model_dump()
        paper = prog.naskah.kertas_surat
        mark = watermark(ctx.konsep, ctx.demo)
        render_docx(tpl / "surat.docx", data, out.path(FILES["docx"]), **meta)
        letter, recap = out.path(".surat.pdf"), out.path(".rekap.pdf")
        render_pdf(tpl / "surat.html", data, letter, paper=paper, **meta)
        render_pdf(tpl / "rekap.html", data, recap, paper=paper, **meta)
        letter_pages = page_count(letter)
        rows = mutasi(basis.month)
        self._mutasi = len(rows)
        if rows:  # the Lampiran draws its own watermark and page numbers: stamp the letter and recap only
            from rentan.render.annex_docx import write_annex_docx
            from rentan.render.annex_pdf import write_annex_pdf
            header, groups = _mutasi_header(ctx, paper), _mutasi_groups(rows)
            annex = out.path(FILES["mutasi_pdf"])
            self._annex = (write_annex_pdf(annex, header, groups, cache_dir=paths.home() / "fonts"),
                           write_annex_docx(out.path(FILES["mutasi_docx"]), header, groups))
            marked = out.path(".surat-rekap.pdf")
            recap_pages = assemble([letter, recap], marked, watermark=mark, **meta)
            pages = assemble([marked, annex], out.path(FILES["naskah"]),
                             labels=[(0, ""), (letter_pages, "Rekap-"), (recap_pages, "Lampiran-")], **meta)
            marked.unlink()
            self._mutasi_rows = _mutasi_file(out.private(f"mutasi-bpjs-{self.key_name}.xlsx"), rows)
        else:
            self._annex, self._mutasi_rows = None, 0
            pages = assemble([letter, recap], out.path(FILES["naskah"]), labels=[(0, ""), (letter_pages, "Rekap-")],
                             watermark=mark, **meta)
        internal = out.path(".internal.pdf")
        render_pdf(tpl / "rekap-internal.html", data, internal, paper=paper,
                   **{**meta, "title": f"Rekap internal {ctx.periode}"})
        internal_pages = assemble([internal], out.path(FILES["internal"]), watermark=mark,
                                  **{**meta, "title": f"Rekap internal {ctx.periode}"})
        for f in (letter, recap, internal):
            f.unlink()
        self._rows = _data_file(out.private(f"data-bpjs-{self.key_name}.xlsx"), basis.month, ctx)
        return {"periode": ctx.periode, "peserta": ctx.total.peserta, "jkk": ctx.total.jkk, "jkm": ctx.total.jkm,
                "jumlah": ctx.total.jumlah, "baru": ctx.baru, "berakhir": ctx.berakhir, "lanjutan": ctx.lanjutan,
                "sebelumnya": ctx.sebelumnya,
                "berakhir_per_alasan": {b.nama: b.peserta for b in ctx.berakhir_rincian},
                "realisasi": ctx.realisasi, "anggaran": ctx.anggaran, "halaman": pages,
                "halaman_surat": letter_pages, "halaman_rekap_internal": internal_pages,
                "tanggal": ctx.tanggal.isoformat(), "jatuh_tempo": ctx.jatuh_tempo.isoformat(),
                "koreksi_ke": ctx.koreksi.ke if ctx.koreksi else 0, "peringatan": ctx.peringatan,
                "keputusan": [{"nomor": d.nomor, "tanggal": d.tanggal.isoformat() if d.tanggal else None}
                              for d in ctx.keputusan],
                "kolom_data": ctx.kolom_data, "belum_kpj": ctx.belum_kpj,
                "mutasi": {"tambah": ctx.mutasi_tambah, "kurang": ctx.mutasi_kurang},
                "tagihan": ({"kode_iuran": ctx.tagihan.kode_iuran, "jumlah": ctx.tagihan.jumlah,
                             "peserta": ctx.tagihan.peserta, "cocok": ctx.tagihan.cocok} if ctx.tagihan else None),
                "untuk_bpjs": [FILES["naskah"], f"data-bpjs-{self.key_name}.xlsx",
                               *([FILES["mutasi_pdf"], FILES["mutasi_docx"], f"mutasi-bpjs-{self.key_name}.xlsx"]
                                 if self._mutasi else [])],
                "internal_dinas": [FILES["internal"]]}

    def check(self, ctx: Iuran, basis: Dasar, out: Staging, summary: dict) -> None:
        """The counts agree (letter, recap, data file, snapshot), the faces for BPJS say the count
        and the amount in words and nothing internal, and a final face holds no placeholder."""
        rows = self._rows
        problems = []
        if rows != ctx.total.peserta or sum(b.peserta for b in ctx.per_sektor) != rows \
                or sum(b.peserta for b in ctx.per_kecamatan) != rows or rows != len(basis.month.people):
            problems.append("jumlah peserta surat, rekap dan berkas data tidak sama")
        if ctx.sebelumnya + ctx.baru - ctx.berakhir != rows or sum(b.peserta for b in ctx.berakhir_rincian) != ctx.berakhir:
            problems.append("perubahan peserta dibandingkan bulan sebelumnya tidak berjumlah sama")
        n_mutasi = ctx.mutasi_tambah + ctx.mutasi_kurang
        if self._mutasi != n_mutasi or self._mutasi_rows != n_mutasi \
                or (self._annex and any(a.rows != n_mutasi for a in self._annex)):
            problems.append("jumlah mutasi surat, lampiran mutasi dan berkas data mutasi tidak sama")
        faces = {"DOCX": _face_text_docx(out.path(FILES["docx"])), "PDF": _face_text_pdf(out.path(FILES["naskah"]))}
        facts = [f"sebanyak {angka_kata(rows)} orang", rupiah_terbilang(ctx.total.jumlah), ctx.kalimat_kpj,
                 ctx.kalimat_mutasi]
        if ctx.tagihan:
            facts += [f"kode iuran {ctx.tagihan.kode_iuran}", rupiah_terbilang(ctx.tagihan.jumlah)]
        for face, text in faces.items():
            for fact in facts:
                if fact not in text:
                    problems.append(f"surat {face} tidak memuat \"{fact}\"")
            if _INTERNAL_WORDS.search(text) or rupiah(ctx.anggaran) in text:
                problems.append(f"surat {face} untuk BPJS memuat pagu atau realisasi anggaran (hanya untuk rekap internal)")
            if not ctx.konsep and _PLACEHOLDER.search(text):
                m = _PLACEHOLDER.search(text)
                problems.append(f"surat final {face} memuat isian yang belum diketahui: «{text[max(0, m.start() - 30):m.end() + 30]}»")
        if problems:
            raise RemittanceError("pemeriksaan kesesuaian gagal; tidak ada yang diterbitkan: " + "; ".join(problems))

    def record(self, desk: Desk, basis: Dasar, nomor: Nomor | None) -> None:
        tarif = program().iuran(self.first_day)
        coverage.record_month(desk, basis.month, ke=self.ke, kunci=self.kunci(self.key_name), nomor=nomor.nomor,
                              tanggal=nomor.tanggal, jkk=tarif.jkk, jkm=tarif.jkm, alasan_koreksi=self.koreksi)

    @property
    def key_name(self) -> str:
        return self.periode if self.ke == 0 else f"{self.periode}-koreksi-{self.ke}"


def issue_month(periode: str, *, koreksi: str | None = None, tanggal: dt.date | None = None, demo: bool = False,
                final: bool = False, url: str | None = None) -> Published:
    """Issue the remittance of `periode` ("2026-01") once; a correction only with `koreksi` (its
    reason), as a new numbered letter citing the original."""
    return issue(Remittance(periode, koreksi=koreksi, tanggal=tanggal, demo=demo, final=final), url=url)


__all__ = ["issue_month", "letter_date", "RemittanceError", "Remittance", "build_context", "dasar_jatuh_tempo",
           "jumlah_orang", "FILES"]
