"""The monthly remittance to BPJS Ketenagakerjaan Kantor Cabang Balikpapan: the letter (surat dinas,
dated on a working day before the 15th), the recap (by sector and kecamatan, the month's changes,
a chart of participants and spending so far this year) and the data file BPJS needs (full NIK,
private). Exactly once: the period's row and the letter's number are written in one transaction,
and that transaction commits only when every file is built."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError, OperationalError

from rentan.errors import Refusal
from rentan import paths
from rentan.clock import today, working_day_on_or_after
from rentan.documents.common import Surat, _Model, kepala, kop, snapshot_hash
from rentan.idfmt import BULAN, bulan_tahun, rupiah
from rentan.program import program
from rentan.registry import audit, numbers
from rentan.registry.coverage import Month, enrolled_in, issued, month, parse_period, period_key, spent
from rentan.registry.db import lock, session
from rentan.registry.models import ALASAN_BERAKHIR_LABEL, AlasanBerakhir, IuranPeriode, Peserta, Status
from rentan.render import chart
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.render.outputs import PRIVATE, Published, existing, stage
from rentan.render.pdf import render_pdf
from rentan.wilayah import KECAMATAN_BY_KODE
from rentan.xlsx import write_rows_atomic

KIND = "iuran-bulanan"
KEPADA = "Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan"
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
                  koreksi: Koreksi | None, demo: bool) -> Iuran:
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
        kepada=KEPADA, periode=bulan_tahun(m.periode), jatuh_tempo=m.periode.replace(day=15),
        nomor_sk=sorted({p.nomor_sk for p in m.people if p.nomor_sk}),
        tarif_jkk=tarif.jkk, tarif_jkm=tarif.jkm, tarif=tarif.total, total=total,
        baru=len(m.baru), berakhir=len(m.berakhir),
        berakhir_rincian=[Baris(nama=ALASAN_BERAKHIR_LABEL.get(AlasanBerakhir(a), a) if a in AlasanBerakhir._value2member_map_
                                else a, peserta=n, jkk=0, jkm=0, jumlah=0) for a, n in sorted(reasons.items())],
        per_sektor=[_row(prog.sektor[s].nama, n, tarif.jkk, tarif.jkm) for s, n in sorted(per_sektor.items())],
        per_kecamatan=[_row(KECAMATAN_BY_KODE[c].nama, n, tarif.jkk, tarif.jkm) for c, n in sorted(per_kec.items())],
        anggaran=anggaran, realisasi=realisasi, sisa=anggaran - realisasi, persen=persen,
        peringatan=warn, bulan=months, grafik=_chart(months, anggaran), koreksi=koreksi,
        penandatangan=kepala(k), tembusan=list(prog.naskah.tembusan_verifikasi), demo=demo)


def _data_file(target, m: Month, tarif_jkk: int, tarif_jkm: int) -> int:
    rows = [[i, p.nik, p.kpj or "", p.nama, p.tanggal_lahir, tarif_jkk, tarif_jkm, tarif_jkk + tarif_jkm]
            for i, p in enumerate(sorted(m.people, key=lambda p: p.nik), 1)]
    write_rows_atomic(target, {"Data Peserta": (["No", "NIK", "KPJ", "Nama", "Tanggal Lahir", "Iuran JKK",
                                                 "Iuran JKM", "Jumlah Iuran"], rows)}, mode=0o600)
    return len(rows)


@dataclass(frozen=True)
class Outcome:
    published: Published
    row: dict  # what the period's register row says
    baru: bool  # issued by this run
    pesan: str | None = None  # e.g. "already issued by another run"


def _key(periode: str, ke: int) -> str:
    return periode if ke == 0 else f"{periode}-koreksi-{ke}"


def issue_month(periode: str, *, koreksi: str | None = None, tanggal: dt.date | None = None, demo: bool = False,
                url: str | None = None) -> Outcome:
    """Issue the remittance of `periode` ("2026-01") once; a correction only with `koreksi` (its
    reason), as a new numbered letter citing the original."""
    first_day = parse_period(periode)
    periode = period_key(first_day)
    prog = program()
    staged = None
    try:
        with session(url) as s:
            # one run at a time per coverage year: what the budget check reads stays true until
            # this run's letter is recorded
            lock(s, f"{KIND}/{first_day.year}")
            letters = issued(s, periode)
            if letters and not koreksi:
                return _existing_outcome(letters[0], "periode ini sudah diterbitkan; surat yang sama dikembalikan"
                                         + (f" (telah dikoreksi {len(letters) - 1} kali)" if len(letters) > 1 else ""))
            if koreksi and not letters:
                raise RemittanceError(f"periode {periode} belum pernah diterbitkan; koreksi tidak diperlukan")
            m = month(s, first_day)
            if not m.people and not enrolled_in(s, first_day.year):
                raise RemittanceError(f"tidak ada peserta yang ditanggung pada {bulan_tahun(first_day)}: belum ada SK "
                                      f"penetapan peserta tahun {first_day.year} (sebuah SK hanya menanggung tahun "
                                      "kepesertaannya sendiri). Surat tidak diterbitkan.")
            if not m.people:
                raise RemittanceError(f"tidak ada peserta yang ditanggung pada {bulan_tahun(first_day)}: semua "
                                      f"kepesertaan dalam SK tahun {first_day.year} telah berakhir")
            tarif = prog.iuran(first_day)
            amount = len(m.people) * tarif.total
            other = spent(s, first_day.year, except_period=periode)
            anggaran = prog.anggaran(first_day.year)
            if sum(other.values()) + amount > anggaran:
                raise RemittanceError(
                    f"iuran {bulan_tahun(first_day)} {rupiah(amount)} melampaui sisa pagu tahun {first_day.year}: "
                    f"pagu {rupiah(anggaran)}, terpakai {rupiah(sum(other.values()))} untuk "
                    f"{len(other)} bulan lain yang sudah diterbitkan, sisa "
                    f"{rupiah(anggaran - sum(other.values()))}. Surat tidak diterbitkan.")
            ke = len(letters)
            if tanggal:
                when = working_day_on_or_after(tanggal)
            elif koreksi:
                when = working_day_on_or_after(today())
            else:
                when = default_date(first_day, today())
            k = prog.kantor_pada(when)
            kunci = f"{KIND}/{periode}" + (f"/koreksi-{ke}" if ke else "")
            nomor = numbers.take(s, kunci, f"{k.kode}/{when.year}", when, lambda u: k.nomor(u))
            ref = None
            if koreksi:
                asal = letters[0]
                last = letters[-1]
                ref = Koreksi(ke=ke, alasan=koreksi, nomor_asal=asal.nomor, tanggal_asal=asal.tanggal,
                              peserta_asal=last.peserta, jumlah_asal=last.jumlah, selisih=amount - last.jumlah)
            snap = snapshot_hash(m.people)
            s.add(IuranPeriode(periode=periode, koreksi_ke=ke, kunci=kunci, nomor=nomor.nomor, tanggal=nomor.tanggal,
                               peserta=len(m.people), jkk=len(m.people) * tarif.jkk, jkm=len(m.people) * tarif.jkm,
                               jumlah=amount, alasan_koreksi=koreksi, snapshot_sha256=snap,
                               dibuat=dt.datetime.now(dt.timezone.utc)))
            s.flush()
            activated = [p for p in m.people if p.status == Status.DITETAPKAN.value]
            if activated:  # enrolled by the SK → active from the first month paid for
                s.execute(update(Peserta), [{"id": p.id, "status": Status.AKTIF.value} for p in activated])
                audit.record(s, [audit.entry(p.nik, "aktif", audit.actor(None), f"iuran {periode} dibayarkan ({nomor.nomor})",
                                             {"status": (Status.DITETAPKAN.value, Status.AKTIF.value)})
                                 for p in activated])
            ctx = build_context(m, nomor=nomor.nomor, tanggal=nomor.tanggal, spent_other=other, koreksi=ref, demo=demo)
            staged = _stage(first_day.year, _key(periode, ke), ctx, m, snap, prog)
        # the number, the period's row and the files stand or fall together: the transaction has
        # committed, now the files go in place
        published = staged.commit()
        return Outcome(published, {"periode": periode, "koreksi_ke": ke, "nomor": nomor.nomor}, True,
                       ctx.peringatan)
    except BaseException as e:
        if staged is not None:
            staged.discard()
        if isinstance(e, numbers.NumberOrderError):
            raise RemittanceError(f"surat iuran {bulan_tahun(first_day)}: {e}") from None
        if not isinstance(e, (IntegrityError, OperationalError)):
            raise
        with session(url) as s:
            letters = issued(s, periode)
        if letters:
            return _existing_outcome(letters[0] if not koreksi else letters[-1],
                                     "proses lain telah menerbitkan surat periode ini lebih dahulu; "
                                     "surat itu yang dikembalikan")
        raise


def _existing_outcome(row: IuranPeriode, message: str) -> Outcome:
    found = existing(int(row.periode[:4]), KIND, _key(row.periode, row.koreksi_ke))
    if found is None:
        raise RemittanceError(f"surat {row.nomor} tercatat terbit tetapi berkasnya tidak ada di outputs/; "
                              "pulihkan folder itu dari cadangan")
    return Outcome(found, {"periode": row.periode, "koreksi_ke": row.koreksi_ke, "nomor": row.nomor}, False, message)


def _stage(year: int, key: str, ctx: Iuran, m: Month, snap: str, prog):
    tpl = paths.templates() / "iuran"
    k = prog.kantor_pada(ctx.tanggal)
    meta = dict(when=ctx.tanggal, title=f"Surat {ctx.nomor}", author=k.nama_lengkap, subject=ctx.hal)

    def build(out):
        data = ctx.model_dump()
        render_docx(tpl / "surat.docx", data, out / "surat.docx", **meta)
        render_pdf(tpl / "surat.html", data, out / "surat.pdf", paper=prog.naskah.kertas_surat, **meta)
        render_pdf(tpl / "rekap.html", data, out / "rekap.pdf", paper=prog.naskah.kertas_surat, **meta)
        letter_pages = page_count(out / "surat.pdf")
        pages = assemble([out / "surat.pdf", out / "rekap.pdf"], out / "naskah.pdf",
                         labels=[(0, ""), (letter_pages, "Rekap-")], watermark="DEMO" if ctx.demo else None, **meta)
        (out / "surat.pdf").unlink()
        (out / "rekap.pdf").unlink()
        rows = _data_file(out / PRIVATE / f"data-bpjs-{key}.xlsx", m, ctx.tarif_jkk, ctx.tarif_jkm)
        if rows != ctx.total.peserta or sum(b.peserta for b in ctx.per_sektor) != rows \
                or sum(b.peserta for b in ctx.per_kecamatan) != rows:
            raise AssertionError("jumlah peserta surat, rekap dan berkas data tidak sama")
        return {"periode": ctx.periode, "peserta": ctx.total.peserta, "jkk": ctx.total.jkk, "jkm": ctx.total.jkm,
                "jumlah": ctx.total.jumlah, "baru": ctx.baru, "berakhir": ctx.berakhir, "realisasi": ctx.realisasi,
                "anggaran": ctx.anggaran, "halaman": pages, "tanggal": ctx.tanggal.isoformat(),
                "koreksi_ke": ctx.koreksi.ke if ctx.koreksi else 0, "peringatan": ctx.peringatan}

    return stage(year, KIND, key, build, nomor=ctx.nomor, snapshot_hash=snap,
                 templates=[tpl / "surat.docx", tpl / "surat.html", tpl / "rekap.html", paths.templates() / "print.css"])


__all__ = ["issue_month", "letter_date", "RemittanceError", "Outcome"]
