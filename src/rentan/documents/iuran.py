"""The monthly remittance to BPJS Ketenagakerjaan Kantor Cabang Balikpapan: the letter (surat dinas,
dated on a working day before the 15th), the recap (by sector and kecamatan, the month's changes,
a chart of participants and spending so far this year) and the data file BPJS needs (full NIK,
private). Issued once per period through `rentan.documents.issuing`; a correction is a new numbered
letter citing the original. The year's ceiling counts every issued month, whatever their order:
runs for one coverage year are serialised (they lock the year)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from rentan import paths
from rentan.clock import today, working_day_on_or_after
from rentan.documents.common import Surat, _Model, kepala, kop, watermark
from rentan.documents.issuing import Document, Numbering, issue
from rentan.errors import Refusal
from rentan.idfmt import BULAN, bulan_tahun, rupiah
from rentan.program import program
from rentan.registry import coverage
from rentan.registry.coverage import Month, parse_period, period_key
from rentan.registry.desk import Desk
from rentan.registry.models import alasan_berakhir
from rentan.registry.numbers import Nomor
from rentan.render import chart
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.render.outputs import Published, Staging
from rentan.render.pdf import render_pdf
from rentan.wilayah import KECAMATAN_BY_KODE
from rentan.xlsx import write_rows_atomic

KIND = "iuran-bulanan"
WARN_SHARE = 0.9


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


class Iuran(Surat):
    periode: str  # "Januari 2026"
    jatuh_tempo: dt.date
    nomor_sk: list[str]
    tarif_jkk: int
    tarif_jkm: int
    tarif: int
    total: Baris
    baru: int
    berakhir: int
    berakhir_rincian: list[Baris]  # nama = reason, peserta = count (amounts unused)
    per_sektor: list[Baris]
    per_kecamatan: list[Baris]
    anggaran: int
    realisasi: int  # the year's total as of this letter: every month issued so far, this one included
    sisa: int
    persen: str  # "71,6"
    peringatan: str | None
    bulan: list[Baris]  # per month this year: nama = month, peserta, jumlah
    grafik: str  # data: URI of the chart (PNG)
    koreksi: Koreksi | None


def letter_date(first_day: dt.date) -> dt.date:
    """The planned date of a month's letter: the first working day from the 2nd of the month,
    always before the 15th, when the month's contributions are due."""
    d = working_day_on_or_after(first_day.replace(day=2))
    if d.day >= 15:
        raise RemittanceError(f"tidak ada hari kerja sebelum tanggal 15 {bulan_tahun(first_day)}")
    return d


def _row(nama: str, n: int, tarif_jkk: int, tarif_jkm: int) -> Baris:
    return Baris(nama=nama, peserta=n, jkk=n * tarif_jkk, jkm=n * tarif_jkm, jumlah=n * (tarif_jkk + tarif_jkm))


def _chart(months: list[Baris], anggaran: int) -> str:
    labels = [b.nama[:3] for b in months]
    fig = chart.figure(figsize=(6.4, 2.6), dpi=110)
    ax = fig.subplots()
    ax.bar(labels, [b.peserta for b in months], color="#6d8fb3", label="Peserta")
    ax.set_ylabel("Peserta")
    ax2 = ax.twinx()
    cumulative, total = [], 0
    for b in months:
        total += b.jumlah
        cumulative.append(total / 1e6)
    ax2.plot(labels, cumulative, color="#b35a2d", marker="o", label="Realisasi kumulatif")
    ax2.axhline(anggaran / 1e6, color="#444", linestyle="--", linewidth=1, label="Pagu")
    ax2.set_ylabel("Juta rupiah")
    ax2.set_ylim(0, max(anggaran / 1e6, cumulative[-1] if cumulative else 0) * 1.1)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    fig.legend(h1 + h2, l1 + l2, loc="lower center", ncol=3, fontsize=7, frameon=False)
    for a in (ax, ax2):
        a.tick_params(labelsize=7)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return chart.data_uri(chart.png(fig))


def default_date(first_day: dt.date, today: dt.date) -> dt.date:
    """The letter's date when staff give none: the planned date (`letter_date`), or, for a month
    issued after its planned date, the working day it is issued on (a letter is never backdated)."""
    return max(letter_date(first_day), working_day_on_or_after(today))


def build_context(m: Month, *, nomor: str, tanggal: dt.date, spent_other: dict[str, int],
                  koreksi: Koreksi | None, demo: bool, konsep: bool = False) -> Iuran:
    """`spent_other`: the amount of every other month of the year already issued (the latest
    correction of each), whatever order they were issued in."""
    prog = program()
    k = prog.kantor_pada(tanggal)
    tarif = prog.iuran(m.periode)
    total = _row("Jumlah", len(m.people), tarif.jkk, tarif.jkm)
    anggaran = prog.anggaran(m.periode.year)
    realisasi = sum(spent_other.values()) + total.jumlah
    by_period = {**spent_other, period_key(m.periode): total.jumlah}
    months = [_row(BULAN[int(p[5:]) - 1], jumlah // tarif.total, tarif.jkk, tarif.jkm)
              for p, jumlah in sorted(by_period.items())]
    per_sektor = Counter(p.sektor for p in m.people)
    per_kec = Counter(p.kecamatan_kode for p in m.people)
    reasons = m.berakhir_per_alasan()
    share = realisasi / anggaran if anggaran else 1
    persen = f"{share * 100:.1f}".replace(".", ",")
    warn = (f"Realisasi tahun {m.periode.year} sampai dengan surat ini telah mencapai {persen}% dari pagu "
            f"anggaran tahun {m.periode.year}." if share >= WARN_SHARE else None)
    return Iuran(
        kop=kop(k), nomor=nomor, tanggal=tanggal, sifat="Penting", lampiran="1 (satu) berkas",
        hal=("Koreksi Penyampaian Data dan Pembayaran Iuran" if koreksi else "Penyampaian Data dan Pembayaran Iuran")
        + f" Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Bulan {bulan_tahun(m.periode)}",
        kepada=prog.daerah.bpjs, periode=bulan_tahun(m.periode), jatuh_tempo=m.periode.replace(day=15),
        nomor_sk=sorted({p.nomor_sk for p in m.people if p.nomor_sk}),
        tarif_jkk=tarif.jkk, tarif_jkm=tarif.jkm, tarif=tarif.total, total=total,
        baru=len(m.baru), berakhir=len(m.berakhir),
        berakhir_rincian=[Baris(nama=alasan_berakhir(a), peserta=n, jkk=0, jkm=0, jumlah=0)
                          for a, n in sorted(reasons.items())],
        per_sektor=[_row(prog.sektor[s].nama, n, tarif.jkk, tarif.jkm) for s, n in sorted(per_sektor.items())],
        per_kecamatan=[_row(KECAMATAN_BY_KODE[c].nama, n, tarif.jkk, tarif.jkm) for c, n in sorted(per_kec.items())],
        anggaran=anggaran, realisasi=realisasi, sisa=anggaran - realisasi, persen=persen,
        peringatan=warn, bulan=months, grafik=_chart(months, anggaran), koreksi=koreksi,
        penandatangan=kepala(k), tembusan=list(prog.naskah.tembusan_verifikasi), demo=demo, konsep=konsep)


def _data_file(target, m: Month, tarif_jkk: int, tarif_jkm: int) -> int:
    rows = [[i, a.nik, a.kpj or "", a.nama, a.tanggal_lahir, tarif_jkk, tarif_jkm, tarif_jkk + tarif_jkm]
            for i, a in enumerate(sorted(m.people, key=lambda a: a.nik), 1)]
    write_rows_atomic(target, {"Data Peserta": (["No", "NIK", "KPJ", "Nama", "Tanggal Lahir", "Iuran JKK",
                                                 "Iuran JKM", "Jumlah Iuran"], rows)}, mode=0o600)
    return len(rows)


@dataclass(frozen=True)
class Terbit:
    """An earlier letter of the period (plain values)."""
    nomor: str
    tanggal: dt.date
    peserta: int
    jumlah: int


@dataclass(frozen=True)
class Dasar:
    """What a month's letter rests on: its participants and the year's other months."""
    month: Month
    spent_other: dict[str, int]
    letters: tuple[Terbit, ...]

    @property
    def sha256(self) -> str:
        return self.month.sha256


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
        m = coverage.month(desk, self.first_day)
        label = bulan_tahun(self.first_day)
        if not len(m.people) and not coverage.enrolled_in(desk, self.year):
            raise RemittanceError(f"tidak ada peserta yang ditanggung pada {label}: belum ada SK penetapan peserta "
                                  f"tahun {self.year} (sebuah SK hanya menanggung tahun kepesertaannya sendiri). "
                                  "Surat tidak diterbitkan.")
        if not len(m.people):
            raise RemittanceError(f"tidak ada peserta yang ditanggung pada {label}: semua kepesertaan dalam SK tahun "
                                  f"{self.year} telah berakhir")
        amount = len(m.people) * prog.iuran(self.first_day).total
        other = coverage.spent(desk, self.year, except_period=self.periode)
        anggaran = prog.anggaran(self.year)
        if sum(other.values()) + amount > anggaran:
            raise RemittanceError(
                f"iuran {label} {rupiah(amount)} melampaui sisa pagu tahun {self.year}: pagu {rupiah(anggaran)}, "
                f"terpakai {rupiah(sum(other.values()))} untuk {len(other)} bulan lain yang sudah diterbitkan, sisa "
                f"{rupiah(anggaran - sum(other.values()))}. Surat tidak diterbitkan.")
        letters = tuple(Terbit(r.nomor, r.tanggal, r.peserta, r.jumlah) for r in coverage.issued(desk, self.periode))
        return Dasar(m, other, letters)

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
                             koreksi=ref, demo=self.demo, konsep=not self.final)

    def templates(self):
        tpl = paths.templates() / "iuran"
        return [tpl / "surat.docx", tpl / "surat.html", tpl / "rekap.html", paths.templates() / "print.css"]

    def faces(self, ctx: Iuran, basis: Dasar, out: Staging) -> dict:
        prog = program()
        tpl = paths.templates() / "iuran"
        k = prog.kantor_pada(ctx.tanggal)
        meta = dict(when=ctx.tanggal, title=f"Surat {ctx.nomor}", author=k.nama_lengkap, subject=ctx.hal)
        data = ctx.model_dump()
        render_docx(tpl / "surat.docx", data, out.path("surat.docx"), **meta)
        render_pdf(tpl / "surat.html", data, out.path(".surat.pdf"), paper=prog.naskah.kertas_surat, **meta)
        render_pdf(tpl / "rekap.html", data, out.path(".rekap.pdf"), paper=prog.naskah.kertas_surat, **meta)
        letter_pages = page_count(out.path(".surat.pdf"))
        pages = assemble([out.path(".surat.pdf"), out.path(".rekap.pdf")], out.path("naskah.pdf"),
                         labels=[(0, ""), (letter_pages, "Rekap-")], watermark=watermark(ctx.konsep, ctx.demo), **meta)
        out.path(".surat.pdf").unlink()
        out.path(".rekap.pdf").unlink()
        self._rows = _data_file(out.private(f"data-bpjs-{self.key_name}.xlsx"), basis.month, ctx.tarif_jkk,
                                ctx.tarif_jkm)
        return {"periode": ctx.periode, "peserta": ctx.total.peserta, "jkk": ctx.total.jkk, "jkm": ctx.total.jkm,
                "jumlah": ctx.total.jumlah, "baru": ctx.baru, "berakhir": ctx.berakhir, "realisasi": ctx.realisasi,
                "anggaran": ctx.anggaran, "halaman": pages, "tanggal": ctx.tanggal.isoformat(),
                "koreksi_ke": ctx.koreksi.ke if ctx.koreksi else 0, "peringatan": ctx.peringatan}

    def check(self, ctx: Iuran, basis: Dasar, out: Staging, summary: dict) -> None:
        rows = self._rows
        if rows != ctx.total.peserta or sum(b.peserta for b in ctx.per_sektor) != rows \
                or sum(b.peserta for b in ctx.per_kecamatan) != rows or rows != len(basis.month.people):
            raise RemittanceError("pemeriksaan kesesuaian gagal: jumlah peserta surat, rekap dan berkas data tidak "
                                  "sama; tidak ada yang diterbitkan")

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


__all__ = ["issue_month", "letter_date", "RemittanceError", "Remittance"]
