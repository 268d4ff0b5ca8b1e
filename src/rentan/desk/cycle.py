"""What the desk shows of a coverage year: its cycle as steps, each with its state, its counts and
the documents issued for it, read from the registry (one read-only transaction,
rentan.registry.desk.reader) and the manifests beside the documents. Counts only: no NIK, no name.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from rentan import paths
from rentan.idfmt import ribuan, rupiah, tanggal
from rentan.registry.desk import reader
from rentan.registry.models import BpjsKiriman, BpjsTagihan, Impor, Kepesertaan, NaskahTerbit, Peserta

JENIS = {"verifikasi": "Memo verifikasi", "sk-peserta": "SK penetapan peserta", "iuran-bulanan": "Surat iuran bulanan",
         "perwali": "Paket perubahan Perwali", "naskah-penjelasan": "Naskah penjelasan",
         "validasi-bpjs": "Permohonan validasi ke BPJS", "registrasi-bpjs": "Pendaftaran peserta ke BPJS",
         "rekonsiliasi-bpjs": "Berita acara rekonsiliasi"}
SK_STATUS = ("ditetapkan", "aktif", "berakhir")

_LABELS = {
    ("verifikasi", "memo.docx"): "Memo (Word, untuk diperiksa)",
    ("verifikasi", "memo.pdf"): "Memo (PDF)",
    ("verifikasi", "naskah.pdf"): "Memo dengan Lampiran (PDF)",
    ("verifikasi", "lampiran.docx"): "Lampiran daftar calon peserta (Word)",
    ("verifikasi", "formulir-verifikasi.xlsx"): "Formulir hasil verifikasi untuk instansi (Excel)",
    ("sk-peserta", "keputusan.docx"): "Keputusan tanpa Lampiran (Word, untuk diperiksa)",
    ("sk-peserta", "keputusan-publik.pdf"): "Keputusan dengan Lampiran, salinan publik (PDF, NIK disamarkan)",
    ("sk-peserta", "keputusan-internal.pdf"): "Keputusan dengan Lampiran, salinan internal (PDF)",
    ("sk-peserta", "lampiran-internal.docx"): "Lampiran, salinan internal (Word)",
    ("sk-peserta", "lampiran-publik.docx"): "Lampiran, salinan publik (Word, NIK disamarkan)",
    ("iuran-bulanan", "surat.docx"): "Surat kepada BPJS Ketenagakerjaan (Word, untuk diperiksa)",
    ("iuran-bulanan", "naskah.pdf"): "Surat dengan rekap (PDF)",
    ("iuran-bulanan", "lampiran-mutasi.docx"): "Lampiran mutasi peserta (Word)",
    ("iuran-bulanan", "lampiran-mutasi.pdf"): "Lampiran mutasi peserta (PDF)",
    ("iuran-bulanan", "rekap-internal.pdf"): "Rekap internal dengan pagu anggaran (PDF)",
    ("validasi-bpjs", "surat.docx"): "Surat kepada BPJS Ketenagakerjaan (Word, untuk diperiksa)",
    ("validasi-bpjs", "naskah.pdf"): "Surat kepada BPJS Ketenagakerjaan (PDF)",
    ("registrasi-bpjs", "surat.docx"): "Surat kepada BPJS Ketenagakerjaan (Word, untuk diperiksa)",
    ("registrasi-bpjs", "naskah.pdf"): "Surat kepada BPJS Ketenagakerjaan (PDF)",
    ("rekonsiliasi-bpjs", "berita-acara.docx"): "Berita acara rekonsiliasi (Word, untuk diperiksa)",
    ("rekonsiliasi-bpjs", "berita-acara.pdf"): "Berita acara rekonsiliasi (PDF)",
    ("perwali", "rancangan.docx"): "Rancangan Perwali (Word)",
    ("perwali", "rancangan.pdf"): "Rancangan Perwali (PDF)",
    ("perwali", "matriks-perubahan.docx"): "Matriks perubahan (Word)",
    ("perwali", "matriks-perubahan.pdf"): "Matriks perubahan (PDF)",
    ("perwali", "naskah-terpadu.docx"): "Naskah terpadu (Word)",
    ("perwali", "naskah-terpadu.pdf"): "Naskah terpadu (PDF)",
    ("perwali", "naskah-terpadu-perubahan-terlacak.docx"): "Naskah terpadu dengan perubahan terlacak (Word)",
    ("naskah-penjelasan", "naskah-penjelasan.docx"): "Naskah penjelasan (Word)",
    ("naskah-penjelasan", "naskah-penjelasan.pdf"): "Naskah penjelasan (PDF)",
}
_KINDS = {".docx": "Word", ".pdf": "PDF", ".xlsx": "Excel", ".csv": "CSV"}


@dataclass(frozen=True)
class Berkas:
    """One file of an issued document."""
    nama: str
    label: str
    path: Path
    bytes: int
    nik_lengkap: bool  # holds full NIKs: internal in the manifest, or under outputs/rahasia/

    @property
    def ukuran(self) -> str:
        kb = self.bytes / 1024
        return f"{ribuan(round(kb))} KB" if kb < 1024 else f"{kb / 1024:.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class Dokumen:
    id: int
    kunci: str
    jenis: str
    tahun: int
    folder: str
    nomor: str | None
    tanggal: dt.date
    konsep: bool
    ringkasan: dict
    dibuat: dt.datetime

    @property
    def judul(self) -> str:
        r = self.ringkasan
        base = JENIS.get(self.jenis, self.jenis)
        if self.jenis == "verifikasi":
            base += f" kepada {r.get('instansi', '')}".rstrip()
            putaran = self.kunci.split("/")[2] if self.kunci.count("/") >= 3 else "1"
            base += f", putaran {putaran}"
        elif self.jenis == "iuran-bulanan":
            base += f" {r.get('periode', '')}" + (f" (koreksi ke-{r['koreksi_ke']})" if r.get("koreksi_ke") else "")
        elif self.jenis in ("sk-peserta", "naskah-penjelasan"):
            base += f" tahun {self.tahun}"
        elif self.jenis in ("validasi-bpjs", "registrasi-bpjs"):
            kiriman = self.kunci.split("/")[2].removeprefix("kiriman-") if self.kunci.count("/") >= 2 else ""
            base += f" tahun {self.tahun}" + (f", kiriman {kiriman}" if kiriman.isdigit() else "")
        elif self.jenis == "rekonsiliasi-bpjs" and r.get("periode"):
            base += f" {months_label(r['periode'])}"
        return base

    @property
    def keadaan(self) -> str:
        if self.jenis == "perwali":
            return "rancangan"
        return "konsep" if self.konsep else "final"

    def kalimat(self) -> str:
        """The document in one sentence, as the desk tells a clerk it is already issued."""
        if self.konsep:
            return f"{self.judul} sudah dibuat sebagai konsep (tanpa nomor) bertanggal {tanggal(self.tanggal)}."
        if self.nomor:
            return f"{self.judul} sudah diterbitkan final dengan nomor {self.nomor} tanggal {tanggal(self.tanggal)}."
        return f"{self.judul} sudah diterbitkan bertanggal {tanggal(self.tanggal)}."

    def angka(self) -> list[tuple[str, str]]:
        """Its counts, for the document page."""
        r = self.ringkasan
        out: list[tuple[str, str]] = []
        if self.jenis == "verifikasi":
            out = [("Calon peserta", ribuan(r.get("jumlah", 0))), ("Calon baru", ribuan(r.get("baru", 0))),
                   ("Peserta lanjutan", ribuan(r.get("lanjutan", 0))), ("Halaman PDF", ribuan(r.get("halaman", 0)))]
            out += [(f"Sektor {k}", ribuan(v)) for k, v in (r.get("per_sektor") or {}).items()]
        elif self.jenis == "sk-peserta":
            out = [("Peserta", ribuan(r.get("jumlah", 0))), ("Bantuan iuran setahun", rupiah(r.get("jumlah_bantuan", 0))),
                   ("Dikecualikan", ribuan(sum((r.get("dikecualikan") or {}).values()))),
                   ("Halaman", ribuan((r.get("halaman") or {}).get("seluruhnya", 0)))]
            out += [(f"Kecamatan {k}", ribuan(v)) for k, v in (r.get("per_kecamatan") or {}).items()]
        elif self.jenis == "iuran-bulanan":
            out = [("Periode", r.get("periode", "")), ("Peserta", ribuan(r.get("peserta", 0))),
                   ("Jumlah iuran", rupiah(r.get("jumlah", 0))), ("Peserta baru", ribuan(r.get("baru", 0))),
                   ("Kepesertaan berakhir", ribuan(r.get("berakhir", 0))),
                   ("Realisasi tahun ini", rupiah(r.get("realisasi", 0))), ("Pagu", rupiah(r.get("anggaran", 0)))]
            if r.get("peringatan"):
                out.append(("Peringatan", str(r["peringatan"])))
        elif self.jenis in ("validasi-bpjs", "registrasi-bpjs"):
            out = [("Peserta dalam daftar", ribuan(r.get("peserta", 0))), ("Halaman surat", ribuan(r.get("halaman", 0)))]
            if r.get("nomor_sk"):
                out.append(("Berdasarkan SK", r["nomor_sk"]))
        elif self.jenis == "rekonsiliasi-bpjs":
            out = [("Periode", months_label(r["periode"]) if r.get("periode") else "-"),
                   ("Kode iuran", r.get("kode_iuran", "")),
                   ("Peserta menurut Dinas", ribuan(r.get("peserta_dinas", 0))),
                   ("Peserta menurut BPJS", ribuan(r.get("peserta_bpjs", 0))),
                   ("Iuran menurut Dinas", rupiah(r.get("jumlah_dinas", 0))),
                   ("Iuran menurut BPJS", rupiah(r.get("jumlah_bpjs", 0))),
                   ("Selisih", "cocok" if r.get("cocok") else f"{ribuan(r.get('selisih', 0))} peserta")]
        elif self.jenis == "perwali":
            out = [("Instruksi perubahan", ribuan(r.get("instruksi", 0))), ("Baris matriks", ribuan(r.get("baris_matriks", 0))),
                   ("Mulai berlaku", tanggal(dt.date.fromisoformat(r["mulai_berlaku"])) if r.get("mulai_berlaku") else "-")]
            out += [("Peringatan", w) for w in r.get("peringatan") or []]
        elif self.jenis == "naskah-penjelasan":
            out = [("Peserta dibayarkan", ribuan(r.get("peserta", 0))), ("Kebutuhan anggaran setahun", rupiah(r.get("kebutuhan", 0))),
                   ("Pagu anggaran", rupiah(r.get("pagu", 0))), ("Penanda tangan", r.get("penandatangan", ""))]
            out += [("Peringatan", w) for w in r.get("peringatan") or []]
        return out

    def berkas(self, root: Path | None = None) -> list[Berkas]:
        """Its files, from its manifest (an empty list when the folder is gone)."""
        root = root or paths.outputs()
        folder = root / self.folder
        try:
            m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        out = [Berkas(n, _label(self.jenis, n), folder / n, info.get("bytes", 0), bool(info.get("internal")))
               for n, info in sorted(m.get("berkas", {}).items())]
        private = m.get("rahasia") or {}
        out += [Berkas(n, _label(self.jenis, n), root / private["folder"] / n, info.get("bytes", 0), True)
                for n, info in sorted(private.get("berkas", {}).items())]
        return out


def _label(jenis: str, name: str) -> str:
    if name.startswith("data-bpjs-"):
        return "Berkas data untuk BPJS Ketenagakerjaan (Excel)"
    if jenis == "validasi-bpjs" and name.endswith(".xlsx"):
        return "Daftar calon peserta untuk divalidasi BPJS (Excel)"
    if jenis == "registrasi-bpjs" and name.endswith(".xlsx"):
        return "Daftar peserta untuk didaftarkan ke BPJS (Excel)"
    return _LABELS.get((jenis, name)) or f"{name} ({_KINDS.get(Path(name).suffix.lower(), 'berkas')})"


def _dokumen(r: NaskahTerbit) -> Dokumen:
    return Dokumen(r.id, r.kunci, r.jenis, r.tahun, r.folder, r.nomor, r.tanggal, bool(r.konsep),
                   json.loads(r.ringkasan or "null") or {}, r.dibuat)


def document(doc_id: int) -> Dokumen | None:
    with reader() as desk:
        r = desk._s.get(NaskahTerbit, doc_id)
        return None if r is None else _dokumen(r)


def documents(jenis: str, tahun: int | None = None) -> list[Dokumen]:
    with reader() as desk:
        q = select(NaskahTerbit).where(NaskahTerbit.jenis == jenis).order_by(NaskahTerbit.id)
        if tahun is not None:
            q = q.where(NaskahTerbit.tahun == tahun)
        return [_dokumen(r) for r in desk._s.scalars(q)]


def by_folder(folder: str) -> Dokumen | None:
    with reader() as desk:
        r = desk._s.scalars(select(NaskahTerbit).where(NaskahTerbit.folder == folder)).one_or_none()
        return None if r is None else _dokumen(r)


@dataclass
class Langkah:
    """One step of the year's cycle."""
    kode: str
    nomor: int
    judul: str
    keadaan: str  # "belum", "sebagian", "selesai"
    baris: list[str] = field(default_factory=list)  # counts, one line each
    dokumen: list[Dokumen] = field(default_factory=list)

    @property
    def label_keadaan(self) -> str:
        return {"belum": "Belum dimulai", "sebagian": "Sedang berjalan", "selesai": "Selesai"}[self.keadaan]


def status_counts(tahun: int) -> dict[str, int]:
    with reader() as desk:
        rows = desk._s.execute(select(Kepesertaan.status, func.count()).where(Kepesertaan.tahun == tahun)
                               .group_by(Kepesertaan.status)).all()
    return {s: n for s, n in rows}


def imports(tahun: int) -> list[tuple[dt.datetime, str, str, int, int, int]]:
    """(when, by whom, file, rows read, new, rejected) of each import for the year, newest first."""
    with reader() as desk:
        rows = desk._s.execute(select(Impor.waktu, Impor.oleh, Impor.berkas, Impor.dibaca, Impor.baru, Impor.ditolak)
                               .where(Impor.tahun == tahun).order_by(Impor.id.desc())).all()
    return [tuple(r) for r in rows]


def cycle(tahun: int) -> list[Langkah]:
    st = status_counts(tahun)
    total = sum(st.values())
    n = lambda *k: sum(st.get(x, 0) for x in k)  # noqa: E731
    steps = []

    ims = imports(tahun)
    imp = Langkah("impor", 1, "Impor daftar calon peserta", "selesai" if total else "belum")
    imp.baris = [f"{ribuan(total)} calon peserta terdaftar untuk tahun {tahun}",
                 f"{ribuan(len(ims))} berkas diimpor; {ribuan(sum(i[5] for i in ims))} baris ditolak"]
    steps.append(imp)

    memos = [d for d in documents("verifikasi", tahun)]
    final_memos = [d for d in memos if not d.konsep]
    menunggu = n("terdaftar")
    dijawab = n("terverifikasi", "ditolak", "ditetapkan", "aktif", "berakhir")
    ver = Langkah("verifikasi", 2, "Verifikasi oleh instansi",
                  "belum" if not final_memos else "sebagian" if menunggu else "selesai", dokumen=memos)
    ver.baris = [f"Memo keluar: {ribuan(len(final_memos))} memo final untuk "
                 f"{ribuan(sum(d.ringkasan.get('jumlah', 0) for d in final_memos))} calon peserta"
                 + (f" ({ribuan(len(memos) - len(final_memos))} konsep)" if len(memos) > len(final_memos) else ""),
                 f"Jawaban masuk: {ribuan(n('terverifikasi', 'ditetapkan', 'aktif', 'berakhir'))} sesuai, "
                 f"{ribuan(n('ditolak'))} tidak sesuai; {ribuan(menunggu)} belum dijawab"]
    if not total:
        ver.baris = ["Menunggu impor daftar calon peserta"]
    del dijawab
    steps.append(ver)

    steps.append(validation_step(tahun))

    sks = documents("sk-peserta", tahun)
    final = [d for d in sks if not d.konsep]
    konsep = [d for d in sks if d.konsep]
    sk = Langkah("sk", 4, "SK Wali Kota penetapan peserta", "selesai" if final else "sebagian" if konsep else "belum",
                 dokumen=sks)
    sk.baris = ([f"Final: nomor {final[-1].nomor}, {ribuan(final[-1].ringkasan.get('jumlah', 0))} peserta"] if final
                else ["Belum ada SK final"])
    sk.baris.append(f"Konsep: {ribuan(len(konsep))}" + (f", terakhir bertanggal {tanggal(konsep[-1].tanggal)}"
                                                         if konsep else ""))
    steps.append(sk)

    steps.append(registration_step(tahun, bool(final)))

    months = documents("iuran-bulanan", tahun)
    paid = sorted({d.kunci.split("/")[1] for d in months if not d.konsep})
    acts = documents("rekonsiliasi-bpjs", tahun)
    iu = Langkah("iuran", 6, "Iuran bulanan kepada BPJS Ketenagakerjaan",
                 "selesai" if len(paid) == 12 else "sebagian" if paid else "belum", dokumen=months + acts)
    iu.baris = [f"{ribuan(len(paid))} dari 12 bulan diterbitkan final"
                + (f"; terakhir {months_label(paid[-1])}" if paid else ""),
                f"Dibayarkan tahun ini: {rupiah(sum(d.ringkasan.get('jumlah', 0) for d in months if not d.konsep and not d.ringkasan.get('koreksi_ke')))}"]
    bills = bills_of(tahun)
    if bills:
        open_ = [b for b in bills if b.selisih and not b.catatan]
        iu.baris.append(f"Tagihan BPJS: {ribuan(len(bills))} bulan diimpor"
                        + (f"; {ribuan(len(open_))} dengan selisih belum dijelaskan" if open_ else "")
                        + f"; {ribuan(len([d for d in acts if not d.konsep]))} berita acara rekonsiliasi final")
    steps.append(iu)

    pw = documents("perwali")
    per = Langkah("perwali", 7, "Paket perubahan Perwali (Bagian Hukum)", "selesai" if pw else "belum", dokumen=pw)
    per.baris = [f"{ribuan(len(pw))} paket rancangan" + (f"; terakhir bertanggal {tanggal(pw[-1].tanggal)}" if pw else "")]
    steps.append(per)

    nps = documents("naskah-penjelasan", tahun)
    npf = [d for d in nps if not d.konsep]
    nas = Langkah("naskah", 8, "Naskah penjelasan", "selesai" if npf else "sebagian" if nps else "belum", dokumen=nps)
    nas.baris = [f"{ribuan(len(npf))} final, {ribuan(len(nps) - len(npf))} konsep"
                 + (f"; terakhir bertanggal {tanggal(nps[-1].tanggal)}" if nps else "")]
    steps.append(nas)
    return steps


def validation_counts(tahun: int) -> dict[str | None, int]:
    """BPJS's validation answers of the year's candidates and participants: diterima / ditolak / None."""
    with reader() as desk:
        rows = desk._s.execute(select(Kepesertaan.validasi, func.count()).where(Kepesertaan.tahun == tahun)
                               .group_by(Kepesertaan.validasi)).all()
    return {v: n for v, n in rows}


def validation_step(tahun: int) -> Langkah:
    docs = documents("validasi-bpjs", tahun)
    final = [d for d in docs if not d.konsep]
    v = validation_counts(tahun)
    sent = sum(d.ringkasan.get("peserta", 0) for d in final)
    answered = v.get("diterima", 0) + v.get("ditolak", 0)
    st = status_counts(tahun)
    with reader() as desk:
        waiting = desk._s.scalar(select(func.count()).select_from(Kepesertaan).where(
            Kepesertaan.tahun == tahun, Kepesertaan.status == "terverifikasi", Kepesertaan.validasi.is_(None))) or 0
    step = Langkah("validasi", 3, "Validasi oleh BPJS Ketenagakerjaan",
                   "belum" if not final else "sebagian" if waiting else "selesai", dokumen=docs)
    step.baris = [f"Permohonan keluar: {ribuan(len(final))} final untuk {ribuan(sent)} calon peserta"
                  + (f" ({ribuan(len(docs) - len(final))} konsep)" if len(docs) > len(final) else ""),
                  f"Jawaban BPJS: {ribuan(v.get('diterima', 0))} diterima, {ribuan(v.get('ditolak', 0))} ditolak; "
                  f"{ribuan(waiting)} terverifikasi belum divalidasi"]
    if not answered and not final and not st.get("terverifikasi"):
        step.baris = ["Menunggu calon peserta yang telah diverifikasi instansi"]
    return step


def registration_step(tahun: int, sk_final: bool) -> Langkah:
    docs = documents("registrasi-bpjs", tahun)
    final = [d for d in docs if not d.konsep]
    with reader() as desk:
        q = (select(Peserta.kpj.is_(None), func.count()).join(Kepesertaan, Kepesertaan.peserta_id == Peserta.id)
             .where(Kepesertaan.tahun == tahun, Kepesertaan.status.in_(SK_STATUS)).group_by(Peserta.kpj.is_(None)))
        counts = {bool(k): n for k, n in desk._s.execute(q).all()}
    without, with_ = counts.get(True, 0), counts.get(False, 0)
    step = Langkah("kpj", 5, "Pendaftaran ke BPJS dan nomor KPJ",
                   "belum" if not final else "sebagian" if without else "selesai", dokumen=docs)
    step.baris = [f"Daftar pendaftaran: {ribuan(len(final))} final untuk "
                  f"{ribuan(sum(d.ringkasan.get('peserta', 0) for d in final))} peserta",
                  f"Nomor KPJ: {ribuan(with_)} peserta sudah bernomor, {ribuan(without)} belum"]
    if not sk_final and not docs:
        step.baris = ["Menunggu SK penetapan peserta final"]
    return step


@dataclass(frozen=True)
class Tagihan:
    periode: str
    kode_iuran: str
    peserta: int
    jumlah: int
    selisih: int
    catatan: str | None
    berkas: str
    diimpor: dt.datetime

    @property
    def keadaan(self) -> str:
        return "cocok" if not self.selisih else "dijelaskan" if self.catatan else "belum dijelaskan"


def bills_of(tahun: int) -> list[Tagihan]:
    """BPJS's bills imported for the year's months (counts only)."""
    with reader() as desk:
        rows = desk._s.scalars(select(BpjsTagihan).where(BpjsTagihan.periode.like(f"{tahun}-%"))
                               .order_by(BpjsTagihan.periode)).all()
        return [Tagihan(t.periode, t.kode_iuran, t.peserta, t.jumlah, t.selisih, t.catatan, t.berkas, t.diimpor)
                for t in rows]


def months_of(tahun: int) -> list[dict]:
    """Per month with anything in it: the remittance letter, BPJS's bill with the reconciliation's
    lines (NIKs masked), the berita acara."""
    from rentan.registry.bpjs import reconciliation_of
    letters = documents("iuran-bulanan", tahun)
    acts = documents("rekonsiliasi-bpjs", tahun)
    bills = {b.periode: b for b in bills_of(tahun)}
    out = []
    for m in range(1, 13):
        periode = f"{tahun}-{m:02d}"
        surat = [d for d in letters if d.kunci.split("/")[1] == periode]
        ba = [d for d in acts if d.kunci.split("/")[2] == periode]
        bill = bills.get(periode)
        if not (surat or ba or bill):
            continue
        rec = reconciliation_of(periode) if bill else None
        out.append({"periode": periode, "label": months_label(periode), "surat": surat, "berita_acara": ba,
                    "tagihan": bill, "rincian": [desk_line(x) for x in rec.lines()] if rec else []})
    return out


def desk_line(line: str) -> str:
    """A line of the library's outcome as the desk says it: the command it names is a form here."""
    return line.replace(" (rentan bpjs catat-selisih)", " (isi «Catat penjelasan selisih tagihan» di halaman ini)")


def months_label(periode: str) -> str:
    from rentan.desk.forms import period_label
    return period_label(periode)
