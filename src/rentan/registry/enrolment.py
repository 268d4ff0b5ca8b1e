"""Fixing a coverage year's participants by Keputusan Wali Kota (the SK): who may go in, the refusal
when the set is not ready, and the record of the decree in the registry.

Who goes in: the participants registered for the year (`tahun_daftar`) whose verification found them
matching (status `terverifikasi`), who still meet the rules of age, domicile and income for the year
(`rules.eligibility`, measured on 1 January) and whom the provincial budget does not pay for
(Pergub Kaltim 19/2023: nobody is paid for twice).

When the set is not ready, issuing is refused — Bagian Hukum signs off a list that is complete and
final, so nobody is left out or dropped silently:

- a participant of the year is still `terdaftar` (verification not finished);
- a verified participant no longer meets the rules for the year, or is now on the provincial list;
- nobody is verified at all, or the year's contributions would exceed the budget ceiling.

The refusal message carries counts only (it reaches logs); the per-person list goes to an owner-only
XLSX in the data folder. With `kecualikan=True` staff decide to go on without them: the unverified stay
`terdaftar` and out of this decree; the verified who no longer qualify are recorded `ditolak` with the
rule they fail — each in the audit log, in the same transaction as the decree.

Issuing records, in ONE transaction with taking the decree's number from the number register, on each
participant: the decree number, status `ditetapkan`, coverage from 1 January of the year, and an audit
entry each (plus one for the decree). The documents are rendered and checked inside that transaction
(a `render` callback), so a failed render or consistency check takes no number and changes nothing.
Once a year's decree exists, issuing it again returns it (its number, date and participants) and
changes nothing.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Generic, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from rentan.errors import Refusal
from rentan import paths
from rentan.idfmt import mask_nik, ribuan, rupiah, tanggal as tanggal_panjang
from rentan.program import Program, program
from rentan.registry import audit, numbers
from rentan.registry.db import session
from rentan.registry.models import Peserta, Status
from rentan.registry.rules import Violation, eligibility, rules
from rentan.wilayah import KELURAHAN_BY_KODE
from rentan.xlsx import write_rows_atomic

T = TypeVar("T")

BELUM_VERIFIKASI, TIDAK_MEMENUHI, PROVINSI = "belum_verifikasi", "tidak_memenuhi", "provinsi"
MASALAH_LABEL = {
    BELUM_VERIFIKASI: "calon peserta masih berstatus terdaftar (belum diverifikasi)",
    TIDAK_MEMENUHI: "peserta terverifikasi tidak lagi memenuhi syarat",
    PROVINSI: "peserta terverifikasi ditanggung APBD Provinsi Kalimantan Timur",
}
BULAN = 12  # a coverage year: January to December


def kunci(tahun: int) -> str:
    """The decree's document key in the number register: one decree per coverage year."""
    return f"sk-peserta/{tahun}"


def seri(tanggal: dt.date) -> str:
    """The numbering series of the Wali Kota's decrees: one per calendar year of the decree's date."""
    return f"kepwal/{tanggal.year}"


class SkDitolak(Refusal):
    """Issuing refused; the message (Indonesian, counts only) is safe to log and show."""

    def __init__(self, pesan: str, masalah: list["Masalah"] | None = None, laporan: Path | None = None):
        super().__init__(pesan)
        self.masalah = masalah or []
        self.laporan = laporan

    def rincian(self, batas: int | None = 20) -> list[str]:
        """One line per person for the clerk's screen (masked NIK and kelurahan, no names)."""
        shown = self.masalah if batas is None else self.masalah[:batas]
        out = [m.baris() for m in shown]
        if len(shown) < len(self.masalah):
            out.append(f"… dan {ribuan(len(self.masalah) - len(shown))} lainnya (lihat {self.laporan})")
        return out


@dataclass(frozen=True)
class Masalah:
    """Why one participant stops the decree (plain values: it outlives the session)."""
    kode: str  # BELUM_VERIFIKASI | TIDAK_MEMENUHI | PROVINSI
    id: int
    nik: str
    nama: str
    kelurahan_kode: str
    sektor: str
    status: str
    alasan_status: str | None
    uraian: str
    aturan: tuple[str, ...] = ()  # the rule codes it fails (TIDAK_MEMENUHI)

    @classmethod
    def of(cls, kode: str, p: Peserta, uraian: str, aturan: tuple[str, ...] = ()) -> "Masalah":
        return cls(kode, p.id, p.nik, p.nama, p.kelurahan_kode, p.sektor, p.status, p.alasan_status, uraian, aturan)

    @property
    def kelurahan(self) -> str:
        kel = KELURAHAN_BY_KODE.get(self.kelurahan_kode)
        return kel.nama if kel else self.kelurahan_kode

    def baris(self) -> str:
        return f"{mask_nik(self.nik)} (Kel. {self.kelurahan}): {self.uraian}"


@dataclass
class Seleksi:
    """The year's participants as the decree sees them."""
    tahun: int
    peserta: list[Peserta]  # verified and eligible: the decree's Lampiran
    masalah: list[Masalah] = field(default_factory=list)
    provinsi_belum_verifikasi: int = 0  # registered but on the provincial list: never verified, left out

    def jumlah_masalah(self) -> Counter:
        return Counter(m.kode for m in self.masalah)


def iuran_setahun(jumlah: int, tahun: int, prog: Program) -> int:
    """participants × monthly contribution (JKK + JKM) × 12 — integer Rupiah."""
    return jumlah * prog.iuran(dt.date(tahun, 1, 1)).total * BULAN


def seleksi(s: Session, tahun: int, prog: Program) -> Seleksi:
    """Sort the year's registered and verified participants into those that go in and those that
    stop the decree."""
    rs = rules(prog, tahun)
    people = s.scalars(select(Peserta).where(
        Peserta.tahun_daftar == tahun,
        Peserta.status.in_([Status.TERDAFTAR.value, Status.TERVERIFIKASI.value]))).all()
    out = Seleksi(tahun, [])
    for p in people:
        if p.status == Status.TERDAFTAR.value:
            if p.ditanggung_provinsi:
                out.provinsi_belum_verifikasi += 1
            else:
                out.masalah.append(Masalah.of(BELUM_VERIFIKASI, p, "belum diverifikasi (status terdaftar)"))
            continue
        if p.ditanggung_provinsi:
            out.masalah.append(Masalah.of(PROVINSI, p, "tercantum dalam daftar peserta yang ditanggung APBD Provinsi "
                                                    "Kalimantan Timur [dasar: " + rs["provinsi"].dasar + "]",
                                       ("provinsi",)))
            continue
        found: list[Violation] = eligibility(tanggal_lahir=p.tanggal_lahir, domisili_sejak=p.domisili_sejak,
                                             penghasilan=p.penghasilan, tahun=tahun, prog=prog, rs=rs)
        if found:
            out.masalah.append(Masalah.of(TIDAK_MEMENUHI, p, "; ".join(v.alasan() for v in found),
                                          tuple(v.rule.kode for v in found)))
            continue
        out.peserta.append(p)
    return out


def laporan_path(tahun: int) -> Path:
    return paths.home() / "laporan" / f"sk-peserta-{tahun}-masalah.xlsx"


def tulis_laporan(sel: Seleksi, target: Path) -> Path:
    """The per-person list of what stops the decree (full NIK and name: owner-only file)."""
    rows = []
    for m in sorted(sel.masalah, key=lambda m: (m.kode, m.kelurahan_kode, m.nama.upper())):
        rows.append([m.nik, m.nama, m.kelurahan, m.sektor, m.status, MASALAH_LABEL[m.kode], m.uraian])
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
                lines.append(f"- {ribuan(counts[kode])} {MASALAH_LABEL[kode]}{detail}")
        target = tulis_laporan(sel, laporan_path(tahun))
        raise SkDitolak(
            "\n".join([head, *lines,
                       f"Rincian per orang (memuat NIK, hanya untuk petugas): {target}",
                       "Selesaikan verifikasinya lebih dahulu, atau terbitkan dengan pilihan 'kecualikan': calon "
                       "peserta yang belum diverifikasi tidak diikutkan dan tetap berstatus terdaftar, peserta yang "
                       "tidak lagi memenuhi syarat dicatat ditolak (tercatat di log audit)."]),
            sorted(sel.masalah, key=lambda m: (m.kode, m.kelurahan_kode, m.nik)), target)
    if not sel.peserta:
        extra = (f" ({ribuan(len(sel.masalah))} calon peserta lain belum diverifikasi atau tidak memenuhi syarat)"
                 if sel.masalah else "")
        raise SkDitolak(f"{head}\nTidak ada peserta terverifikasi yang memenuhi syarat untuk tahun {tahun}{extra}. "
                        f"Jalankan verifikasi (rentan run verifikasi --tahun {tahun}) dan impor hasilnya lebih dahulu.")
    total = iuran_setahun(len(sel.peserta), tahun, prog)
    pagu = prog.anggaran(tahun)
    if total > pagu:
        raise SkDitolak(f"{head}\nBantuan iuran setahun untuk {ribuan(len(sel.peserta))} peserta, {rupiah(total)}, "
                        f"melebihi pagu anggaran tahun {tahun} sebesar {rupiah(pagu)} (parameter.anggaran). "
                        "Sesuaikan jumlah peserta dengan kemampuan keuangan daerah, atau perbarui pagu di "
                        "program.toml bila anggarannya telah diubah.")


def periksa_tanggal(tahun: int, tanggal: dt.date) -> None:
    """A decree for coverage year `tahun` is dated in the year before (the rule: by December) or,
    late, in the year itself."""
    if tanggal.year not in (tahun - 1, tahun):
        raise SkDitolak(f"Tanggal penetapan {tanggal_panjang(tanggal)} tidak sesuai untuk SK peserta tahun {tahun}: "
                        f"SK ditetapkan paling lambat Desember {tahun - 1}, atau dalam tahun {tahun} bila terlambat.")


def catat(s: Session, sel: Seleksi, nomor: numbers.Nomor, *, oleh: str, kecualikan: bool) -> Counter:
    """Record the decree on its participants (and, with `kecualikan`, the rejection of those who no
    longer qualify), with audit entries. Returns what was excluded, by problem."""
    now = dt.datetime.now(dt.timezone.utc)
    mulai = dt.date(sel.tahun, 1, 1)
    why = f"Keputusan Wali Kota Balikpapan Nomor {nomor.nomor} tanggal {tanggal_panjang(nomor.tanggal)}"
    entries = []
    for p in sel.peserta:
        entries.append(audit.entry(p.nik, "tetapkan", oleh, f"ditetapkan sebagai peserta tahun {sel.tahun}: {why}",
                                   {"status": (p.status, Status.DITETAPKAN.value), "nomor_sk": (p.nomor_sk, nomor.nomor),
                                    "mulai_kepesertaan": (p.mulai_kepesertaan, mulai)}, now))
    excluded = Counter()
    rejected = []
    if kecualikan:
        for m in sel.masalah:
            excluded[m.kode] += 1
            if m.kode == BELUM_VERIFIKASI:
                continue  # stays registered; not part of this decree
            reason = f"tidak diikutkan dalam {why}: {m.uraian}"
            rejected.append({"id": m.id, "status": Status.DITOLAK.value, "alasan_status": reason})
            entries.append(audit.entry(m.nik, "tolak", oleh, reason,
                                       {"status": (m.status, Status.DITOLAK.value),
                                        "alasan_status": (m.alasan_status, reason)}, now))
    ids = [p.id for p in sel.peserta]
    done = 0
    for i in range(0, len(ids), 5000):  # the same values for everyone: one UPDATE per 5,000 ids
        done += s.execute(update(Peserta).where(Peserta.id.in_(ids[i:i + 5000]),
                                                Peserta.status == Status.TERVERIFIKASI.value)
                          .values(status=Status.DITETAPKAN.value, nomor_sk=nomor.nomor, mulai_kepesertaan=mulai)
                          .execution_options(synchronize_session=False)).rowcount
    if done != len(ids):  # someone's status changed while the decree was being made: start again
        raise SkDitolak(f"Status {len(ids) - done} peserta berubah selama SK disiapkan; registri tidak diubah. "
                        "Jalankan kembali.")
    for p in sel.peserta:  # the loaded objects say what the database now says
        set_committed_value(p, "status", Status.DITETAPKAN.value)
        set_committed_value(p, "nomor_sk", nomor.nomor)
        set_committed_value(p, "mulai_kepesertaan", mulai)
    if rejected:
        s.execute(update(Peserta), rejected)
    summary = {"jumlah": (None, len(sel.peserta)), "nomor": (None, nomor.nomor),
               "tanggal": (None, nomor.tanggal), "tahun": (None, sel.tahun)}
    summary.update({f"dikecualikan_{k}": (None, n) for k, n in sorted(excluded.items())})
    entries.append(audit.entry(f"sk:{sel.tahun}", "terbitkan_sk", oleh,
                               f"{why} tentang penetapan peserta tahun {sel.tahun}: {ribuan(len(sel.peserta))} peserta",
                               summary, now))
    for i in range(0, len(entries), 5000):
        audit.record(s, entries[i:i + 5000])
    return excluded


def existing(s: Session, tahun: int) -> tuple[numbers.Nomor, list[Peserta]] | None:
    """The year's decree if it was issued: its number and the participants it fixed."""
    nomor = numbers._existing(s, kunci(tahun))
    if nomor is None:
        return None
    people = s.scalars(select(Peserta).where(Peserta.nomor_sk == nomor.nomor, Peserta.tahun_daftar == tahun)).all()
    return numbers.Nomor(nomor.kunci, nomor.nomor, nomor.urut, nomor.tanggal, False), list(people)


@dataclass(frozen=True)
class Penetapan(Generic[T]):
    tahun: int
    nomor: numbers.Nomor
    peserta: list[Peserta]
    baru: bool  # issued by this call (False: the year's decree already existed; nothing changed)
    dikecualikan: Counter  # by problem code (new decrees with kecualikan only)
    hasil: T | None  # what `render` returned (new decrees only)


def tetapkan(tahun: int, tanggal: dt.date, render: Callable[[numbers.Nomor, list[Peserta]], T], *,
             kecualikan: bool = False, oleh: str | None = None, url: str | None = None) -> Penetapan[T]:
    """Issue the decree of `tahun` dated `tanggal` in one transaction: select and check the
    participants, take the number, `render(nomor, people)` (documents and their consistency gate;
    anything it raises rolls everything back), record. An existing decree is returned unchanged."""
    prog = program()
    who = audit.actor(oleh)
    with session(url) as s:
        found = existing(s, tahun)
        if found:
            nomor, people = found
            return Penetapan(tahun, nomor, people, False, Counter(), None)
        periksa_tanggal(tahun, tanggal)
        sel = seleksi(s, tahun, prog)
        periksa(sel, prog, kecualikan=kecualikan)
        nomor = numbers.take(s, kunci(tahun), seri(tanggal), tanggal, lambda urut: prog.sk.nomor(urut, tanggal.year))
        hasil = render(nomor, sel.peserta)
        excluded = catat(s, sel, nomor, oleh=who, kecualikan=kecualikan)
        return Penetapan(tahun, nomor, sel.peserta, True, excluded, hasil)


def ringkasan(tahun: int, url: str | None = None) -> dict[str, int | str | None]:
    """Counts only (safe to log): what a decree for `tahun` would contain now, or what it contains."""
    prog = program()
    with session(url) as s:
        found = existing(s, tahun)
        if found:
            return {"nomor": found[0].nomor, "peserta": len(found[1])}
        sel = seleksi(s, tahun, prog)
        c = sel.jumlah_masalah()
        return {"nomor": None, "peserta": len(sel.peserta), **{k: c[k] for k in MASALAH_LABEL},
                "provinsi_belum_verifikasi": sel.provinsi_belum_verifikasi}
