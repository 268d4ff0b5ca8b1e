"""What the dinas sends BPJS Ketenagakerjaan and signs with it (Perwali 3/2025 Pasal 8, 10 and 12):

- the **permohonan validasi** — the verified candidates of a coverage year, asked to be checked (not
  already covered for JKK/JKM, NIK known to Dukcapil, name and birth date matching): a covering
  letter (`surat.docx`, `naskah.pdf`) and the list (`rahasia/<tahun>/validasi-bpjs/<kunci>/`,
  XLSX, full NIK, owner-only) in the columns of `rentan/data/bpjs/validasi-permintaan.toml`;
- the **pendaftaran peserta** — after the SK, its participants still without a KPJ, asked to be
  registered under the city's scheme and given their KPJ numbers: letter and list the same way;
- the **berita acara rekonsiliasi** — a month's participants and contributions against BPJS's
  bill for it, with both sides' signature blocks (DOCX and PDF), once the bill is imported and any
  difference explained by a clerk.

What comes back (the answers, the KPJ numbers, the bill) is read by `rentan.registry.bpjs`: each
answer is matched against exactly what the issued request recorded (`record`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rentan import paths
from rentan.documents.common import Penandatangan, Surat, _Model, kepala, kop, watermark
from rentan.documents.issuing import Document, Numbering, issue
from rentan.errors import Refusal
from rentan.idfmt import BULAN, angka_kata, bulan_tahun, rupiah, tanggal, terbilang
from rentan.legal.in_force import in_force
from rentan.program import program
from rentan.registry import bpjs as exchange
from rentan.registry import coverage
from rentan.registry.desk import Desk
from rentan.registry.numbers import Nomor
from rentan.registry.snapshot import Snapshot
from rentan.render.outputs import Published, Staging

VALIDASI, REGISTRASI, REKONSILIASI = "validasi-bpjs", "registrasi-bpjs", "rekonsiliasi-bpjs"
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


class BpjsDitolak(Refusal):
    pass


# --- contexts ---------------------------------------------------------------------------------------

class SuratBpjs(Surat):
    """A covering letter to BPJS: its paragraphs are the whole body (the same text on both faces)."""
    tahun: int
    jumlah: int
    alinea: list[str]


class BarisRekon(_Model):
    uraian: str
    dinas: str
    bpjs: str
    selisih: str


class BeritaAcara(_Model):
    kop: dict
    nomor: str
    tanggal: dt.date
    pembuka: str
    periode: str  # "Januari 2027"
    kode_iuran: str
    tabel: list[BarisRekon]
    hasil: str
    rincian: list[str]  # the differences, masked NIKs
    catatan: str
    pihak_dinas: Penandatangan
    pihak_bpjs: Penandatangan
    instansi_dinas: str
    instansi_bpjs: str
    demo: bool = False
    konsep: bool = False


# --- the two requests -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Daftar:
    """Who a request sends, frozen, and what the letter cites."""
    people: Snapshot
    nomor_sk: str | None = None
    sk_tanggal: dt.date | None = None
    mulai: dt.date | None = None

    @property
    def sha256(self) -> str:
        return self.people.sha256


class _Request(Document[Daftar, SuratBpjs]):
    """A numbered letter to BPJS with its private list; issuing it records who was sent."""
    jenis: str  # "validasi" / "registrasi" (rentan.registry.bpjs)
    susunan: str  # the column layout of the list

    def __init__(self, tahun: int, *, tanggal: dt.date | None = None, demo: bool = False, final: bool = False):
        self.year, self.demo, self.final = tahun, demo, final
        self.tanggal = self.default_date(tanggal)

    def key(self, desk: Desk) -> str:
        sent = exchange.requests_sent(desk, self.jenis, self.year)
        self._key = f"kiriman-{sent + 1}"
        return self._key

    def kantor(self) -> str:
        return program().kantor_pada(self.tanggal).kode

    def numbering(self, basis: Daftar) -> Numbering:
        k = program().kantor_pada(self.tanggal)
        return Numbering(f"{k.kode}/{self.tanggal.year}", self.tanggal, lambda urut: k.nomor(urut))

    def templates(self) -> list[Path]:
        t = paths.templates()
        return [t / "bpjs" / "surat.docx", t / "bpjs" / "surat.html", t / "print.css", t / "_naskah.html",
                t / "_base.html"]

    def body(self, basis: Daftar, n: int) -> tuple[str, list[str]]:
        raise NotImplementedError

    def context(self, basis: Daftar, nomor: Nomor | None) -> SuratBpjs:
        when = nomor.tanggal if nomor else self.tanggal
        k = program().kantor_pada(when)
        n = len(basis.people)
        hal, alinea = self.body(basis, n)
        return SuratBpjs(kop=kop(k), nomor=nomor.nomor if nomor else "", tanggal=when, sifat="Penting",
                         lampiran="1 (satu) berkas elektronik", hal=hal, kepada=program().daerah.bpjs,
                         penandatangan=kepala(k), tembusan=[f"{program().daerah.kepala_daerah} (sebagai laporan)"],
                         demo=self.demo, konsep=not self.final, tahun=self.year, jumlah=n, alinea=alinea)

    def unconfirmed(self, ctx: SuratBpjs, basis: Daftar) -> list[str]:
        return in_force(ctx.tanggal).unconfirmed()

    @property
    def list_name(self) -> str:
        return f"{self.kind}-{self.year}.xlsx"

    def faces(self, ctx: SuratBpjs, basis: Daftar, out: Staging) -> dict:
        from rentan.render.assemble import assemble
        from rentan.render.docx import render_docx
        from rentan.render.pdf import render_pdf
        from rentan.xlsx import write_rows_atomic
        prog = program()
        k = prog.kantor_pada(ctx.tanggal)
        tpl = paths.templates() / "bpjs"
        meta = dict(when=ctx.tanggal, title=f"Surat {ctx.nomor or 'konsep'}", author=k.nama_lengkap, subject=ctx.hal)
        data = ctx.model_dump()
        render_docx(tpl / "surat.docx", data, out.path("surat.docx"), **meta)
        render_pdf(tpl / "surat.html", data, out.path(".surat.pdf"), paper=prog.naskah.kertas_surat, **meta)
        pages = assemble([out.path(".surat.pdf")], out.path("naskah.pdf"), watermark=watermark(ctx.konsep, self.demo),
                         **meta)
        out.path(".surat.pdf").unlink()
        write_rows_atomic(out.private(self.list_name), exchange.sheet(exchange.susunan(self.susunan), basis.people),
                          mode=0o600)
        return {"tahun": self.year, "peserta": ctx.jumlah, "halaman": pages, "tanggal": ctx.tanggal.isoformat(),
                "untuk_bpjs": ["naskah.pdf", self.list_name], **({"nomor_sk": basis.nomor_sk} if basis.nomor_sk else {})}

    def check(self, ctx: SuratBpjs, basis: Daftar, out: Staging, summary: dict) -> None:
        from python_calamine import CalamineWorkbook
        rows = CalamineWorkbook.from_path(str(out.private(self.list_name))).get_sheet_by_index(0).to_python()
        if len(rows) - 1 != ctx.jumlah or ctx.jumlah != len(basis.people):
            raise BpjsDitolak(f"pemeriksaan kesesuaian gagal: surat {ctx.jumlah} orang, daftar {len(rows) - 1} baris; "
                              "tidak ada yang diterbitkan")

    def record(self, desk: Desk, basis: Daftar, nomor: Nomor | None) -> None:
        exchange.record_sent(desk, self.jenis, self.year, self.kunci(self._key), basis.people)


class PermohonanValidasi(_Request):
    kind, jenis, susunan = VALIDASI, "validasi", "validasi-permintaan"
    internal = ()

    def snapshot(self, desk: Desk) -> Daftar:
        people = exchange.to_validate(desk, self.year)
        if not people:
            raise BpjsDitolak(f"tidak ada calon peserta tahun {self.year} yang telah diverifikasi dan belum "
                              "dimohonkan validasi ke BPJS Ketenagakerjaan; permohonan tidak dibuat")
        return Daftar(Snapshot.of(people))

    def body(self, basis: Daftar, n: int) -> tuple[str, list[str]]:
        law = in_force(self.tanggal)
        return (f"Permohonan Validasi Data Calon Peserta Bantuan Iuran Tahun {self.year}", [
            f"Dalam rangka penetapan peserta bantuan iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan "
            f"Kota Balikpapan Tahun {self.year} sebagaimana diatur dalam {law.singkat}, data calon peserta yang "
            "telah diverifikasi oleh instansi teknis disampaikan kepada BPJS Ketenagakerjaan untuk divalidasi "
            "sebelum ditetapkan dengan Keputusan Wali Kota.",
            f"Sehubungan dengan hal tersebut, bersama ini kami sampaikan data {angka_kata(n)} orang calon peserta "
            "dalam berkas elektronik terlampir, dan kami mohon bantuan Saudara untuk memvalidasi bahwa setiap calon "
            "peserta belum terdaftar sebagai peserta program Jaminan Kecelakaan Kerja dan Jaminan Kematian pada "
            "skema lain, NIK-nya terdaftar pada Dinas Kependudukan dan Pencatatan Sipil, serta nama dan tanggal "
            "lahirnya sesuai. Hasil validasi mohon disampaikan kembali pada berkas yang sama dengan kolom hasil "
            "(diterima atau ditolak) dan keterangan alasan penolakan terisi untuk setiap calon peserta.",
            "Berkas tersebut memuat data pribadi yang dilindungi Undang-Undang Nomor 27 Tahun 2022 tentang "
            "Pelindungan Data Pribadi; mohon hanya digunakan untuk keperluan validasi dan tidak disebarluaskan."])


class PendaftaranPeserta(_Request):
    kind, jenis, susunan = REGISTRASI, "registrasi", "registrasi-permintaan"

    def snapshot(self, desk: Desk) -> Daftar:
        numbers = exchange.decree_numbers(desk, self.year)
        if not numbers:
            raise BpjsDitolak(f"belum ada Keputusan Wali Kota penetapan peserta tahun {self.year} yang terbit final; "
                              "daftar pendaftaran ke BPJS dibuat setelah SK ditetapkan")
        nomor_sk = numbers[-1]
        people = exchange.to_register(desk, self.year, nomor_sk)
        if not people:
            raise BpjsDitolak(f"semua peserta Keputusan Wali Kota Nomor {nomor_sk} telah didaftarkan ke BPJS "
                              "Ketenagakerjaan atau telah memiliki nomor KPJ; daftar pendaftaran tidak dibuat")
        sk = coverage.decrees(desk, self.year, [nomor_sk])[0]
        mulai = min((a.mulai for a in people if a.mulai), default=dt.date(self.year, 1, 1))
        return Daftar(Snapshot.of(people, nomor_sk), nomor_sk, sk.tanggal, mulai)

    def body(self, basis: Daftar, n: int) -> tuple[str, list[str]]:
        d = program().daerah
        sk = f"Keputusan {d.kepala_daerah} Nomor {basis.nomor_sk}" + (
            f" tanggal {tanggal(basis.sk_tanggal)}" if basis.sk_tanggal else "")
        return (f"Pendaftaran Peserta Bantuan Iuran Tahun {self.year}", [
            f"Berdasarkan {sk} tentang Penetapan Peserta Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi "
            f"Pekerja Rentan Tahun {self.year}, bersama ini kami sampaikan data {angka_kata(n)} orang peserta "
            f"dalam berkas elektronik terlampir untuk didaftarkan sebagai peserta program Jaminan Kecelakaan Kerja "
            f"dan Jaminan Kematian yang iurannya dibayarkan oleh {d.pemerintah}, terhitung mulai tanggal "
            f"{tanggal(basis.mulai)}.",
            "Kami mohon nomor Kartu Peserta Jamsostek (KPJ) setiap peserta disampaikan kembali pada berkas yang "
            "sama, agar dapat dicantumkan dalam data iuran bulanan.",
            "Berkas tersebut memuat data pribadi yang dilindungi Undang-Undang Nomor 27 Tahun 2022 tentang "
            "Pelindungan Data Pribadi; mohon hanya digunakan untuk keperluan pendaftaran dan tidak disebarluaskan."])


# --- the berita acara -------------------------------------------------------------------------------

def hari_tanggal(d: dt.date) -> str:
    """Senin tanggal empat bulan Januari tahun dua ribu dua puluh tujuh"""
    return (f"{HARI[d.weekday()]} tanggal {terbilang(d.day)} bulan {BULAN[d.month - 1]} tahun "
            f"{terbilang(d.year)}")


def _kalimat(text: str) -> str:
    """A clerk's note as a sentence: it ends with a full stop."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _signed(n: int) -> str:
    return "0" if n == 0 else (f"+{n:,}" if n > 0 else f"−{-n:,}").replace(",", ".")


class BeritaAcaraRekonsiliasi(Document[exchange.Rekonsiliasi, BeritaAcara]):
    kind = REKONSILIASI

    def __init__(self, periode: str, *, tanggal: dt.date | None = None, demo: bool = False, final: bool = False):
        self.first_day = coverage.parse_period(periode)
        self.periode = coverage.period_key(self.first_day)
        self.year, self.demo, self.final = self.first_day.year, demo, final
        self.tanggal = self.default_date(tanggal)

    def lock(self) -> str:
        return f"{self.kind}/{self.periode}"

    def key(self, desk: Desk) -> str:
        return self.periode

    def snapshot(self, desk: Desk) -> exchange.Rekonsiliasi:
        rec = exchange.reconciliation(desk, self.periode)
        label = bulan_tahun(self.first_day)
        if rec is None:
            raise BpjsDitolak(f"belum ada tagihan BPJS untuk {label}: impor dahulu dengan rentan bpjs tagihan-impor")
        if not rec.dijelaskan:
            raise BpjsDitolak(f"tagihan BPJS {label} berbeda dengan data kami ({rec.selisih} selisih) dan belum "
                              "dijelaskan: catat penjelasannya dengan rentan bpjs catat-selisih")
        return rec

    def snapshot_hash(self, rec: exchange.Rekonsiliasi) -> str:
        import hashlib
        import json
        return hashlib.sha256(json.dumps(rec.__dict__, sort_keys=True, default=str).encode()).hexdigest()

    def kantor(self) -> str:
        return program().kantor_pada(self.tanggal).kode

    def numbering(self, rec) -> Numbering:
        k = program().kantor_pada(self.tanggal)
        return Numbering(f"{k.kode}/{self.tanggal.year}", self.tanggal, lambda urut: k.nomor(urut))

    def templates(self) -> list[Path]:
        t = paths.templates()
        return [t / "bpjs" / "berita-acara.docx", t / "bpjs" / "berita-acara.html", t / "print.css",
                t / "_naskah.html", t / "_base.html"]

    def context(self, rec: exchange.Rekonsiliasi, nomor: Nomor | None) -> BeritaAcara:
        prog = program()
        when = nomor.tanggal if nomor else self.tanggal
        k = prog.kantor_pada(when)
        label = bulan_tahun(self.first_day)
        b = prog.bpjs
        tabel = [BarisRekon(uraian="Jumlah peserta", dinas=f"{rec.kami_peserta:,}".replace(",", "."),
                            bpjs=f"{rec.tagihan_peserta:,}".replace(",", "."),
                            selisih=_signed(rec.tagihan_peserta - rec.kami_peserta)),
                 BarisRekon(uraian="Jumlah iuran (JKK dan JKM)", dinas=rupiah(rec.kami_jumlah),
                            bpjs=rupiah(rec.tagihan_jumlah),
                            selisih=rupiah(rec.tagihan_jumlah - rec.kami_jumlah) if rec.tagihan_jumlah != rec.kami_jumlah
                            else "0")]
        rincian = []
        for label_, items in (("ditagih BPJS tetapi bukan peserta bulan ini menurut data Dinas",
                               rec.ditagih_bukan_kami),
                              ("peserta menurut data Dinas yang tidak ditagih BPJS", rec.kami_tidak_ditagih)):
            if items:
                rincian.append(f"{angka_kata(len(items))} orang {label_}: {', '.join(items)}")
        if rec.beda_jumlah:
            rincian.append(f"{angka_kata(len(rec.beda_jumlah))} orang dengan jumlah iuran berbeda: " + ", ".join(
                f"{n} (ditagih {rupiah(x)}, menurut data Dinas {rupiah(y)})" for n, x, y in rec.beda_jumlah))
        hasil = ("Data peserta dan jumlah iuran menurut Dinas sama dengan tagihan BPJS Ketenagakerjaan." if rec.cocok
                 else "Terdapat perbedaan antara data Dinas dan tagihan BPJS Ketenagakerjaan sebagaimana dirinci "
                      "di bawah ini.")
        pembuka = (f"Pada hari ini {hari_tanggal(when)}, kami yang bertanda tangan di bawah ini, masing-masing "
                   f"atas nama {k.nama_lengkap} dan {b.kantor}, telah melakukan rekonsiliasi data peserta dan iuran "
                   f"program Jaminan Kecelakaan Kerja dan Jaminan Kematian bagi Pekerja Rentan yang dibayarkan oleh "
                   f"{prog.daerah.pemerintah} untuk bulan {label}, dengan hasil sebagai berikut:")
        return BeritaAcara(kop=kop(k).model_dump(), nomor=nomor.nomor if nomor else "", tanggal=when,
                           pembuka=pembuka, periode=label, kode_iuran=rec.kode_iuran, tabel=tabel, hasil=hasil,
                           rincian=rincian, catatan=_kalimat(rec.catatan or ""),
                           pihak_dinas=kepala(k), pihak_bpjs=Penandatangan(jabatan=b.jabatan, nama=b.nama),
                           instansi_dinas=k.nama_lengkap, instansi_bpjs=b.kantor, demo=self.demo,
                           konsep=not self.final)

    def unconfirmed(self, ctx: BeritaAcara, rec) -> list[str]:
        return [] if ctx.pihak_bpjs.nama.strip() else ["bpjs.nama (penandatangan BPJS Ketenagakerjaan) belum diisi"]

    def faces(self, ctx: BeritaAcara, rec, out: Staging) -> dict:
        from rentan.render.assemble import assemble
        from rentan.render.docx import render_docx
        from rentan.render.pdf import render_pdf
        prog = program()
        tpl = paths.templates() / "bpjs"
        meta = dict(when=ctx.tanggal, title=f"Berita Acara Rekonsiliasi {ctx.periode}",
                    author=ctx.instansi_dinas, subject=f"Rekonsiliasi iuran {ctx.periode}")
        data = ctx.model_dump()
        render_docx(tpl / "berita-acara.docx", data, out.path("berita-acara.docx"), **meta)
        render_pdf(tpl / "berita-acara.html", data, out.path(".ba.pdf"), paper=prog.naskah.kertas_surat, **meta)
        pages = assemble([out.path(".ba.pdf")], out.path("berita-acara.pdf"),
                         watermark=watermark(ctx.konsep, self.demo), **meta)
        out.path(".ba.pdf").unlink()
        return {"periode": self.periode, "kode_iuran": rec.kode_iuran, "peserta_dinas": rec.kami_peserta,
                "peserta_bpjs": rec.tagihan_peserta, "jumlah_dinas": rec.kami_jumlah, "jumlah_bpjs": rec.tagihan_jumlah,
                "selisih": rec.selisih, "cocok": rec.cocok, "halaman": pages, "tanggal": ctx.tanggal.isoformat()}

    def check(self, ctx: BeritaAcara, rec, out: Staging, summary: dict) -> None:
        from pypdf import PdfReader
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out.path("berita-acara.pdf")).pages)
        for fact in (rupiah(rec.kami_jumlah), rupiah(rec.tagihan_jumlah), rec.kode_iuran):
            if fact not in text:
                raise BpjsDitolak(f"pemeriksaan kesesuaian gagal: berita acara PDF tidak memuat {fact}; tidak ada "
                                  "yang diterbitkan")


# --- entry points -----------------------------------------------------------------------------------

def issue_validasi(tahun: int, *, tanggal_surat: dt.date | None = None, demo: bool = False, final: bool = False,
                   url: str | None = None, root: Path | None = None, oleh: str | None = None) -> Published:
    return issue(PermohonanValidasi(tahun, tanggal=tanggal_surat, demo=demo, final=final), url=url, root=root,
                 oleh=oleh)


def issue_registrasi(tahun: int, *, tanggal_surat: dt.date | None = None, demo: bool = False, final: bool = False,
                     url: str | None = None, root: Path | None = None, oleh: str | None = None) -> Published:
    return issue(PendaftaranPeserta(tahun, tanggal=tanggal_surat, demo=demo, final=final), url=url, root=root,
                 oleh=oleh)


def issue_berita_acara(periode: str, *, tanggal: dt.date | None = None, demo: bool = False, final: bool = False,
                       url: str | None = None, root: Path | None = None, oleh: str | None = None) -> Published:
    return issue(BeritaAcaraRekonsiliasi(periode, tanggal=tanggal, demo=demo, final=final), url=url, root=root,
                 oleh=oleh)


__all__ = ["issue_validasi", "issue_registrasi", "issue_berita_acara", "PermohonanValidasi", "PendaftaranPeserta",
           "BeritaAcaraRekonsiliasi", "BpjsDitolak", "hari_tanggal"]
