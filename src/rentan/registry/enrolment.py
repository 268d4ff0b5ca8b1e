"""Fixing a coverage year's participants by Keputusan Wali Kota (the SK): who may go in, and what
issuing the decree records.

Who goes in: the candidates of the year — new and continuing — whose verification found them
matching (their row for the year is `terverifikasi`), who still meet the rules of age, domicile and
income for the year (`rules.eligibility`, measured on 1 January) and whom the provincial budget
does not pay for (Pergub Kaltim 19/2023: nobody is paid for twice). Everyone else of the year with
an open row is a `Masalah`: still unverified, no longer eligible, or on the provincial list; the
document decides whether that refuses the decree (rentan.documents.sk).

Issuing records, on each participant's row for the year: the decree number, status `ditetapkan`,
coverage from 1 January of the year, and an audit entry each; with `kecualikan`, those verified but
no longer eligible are recorded `ditolak` with the rule they fail (the unverified stay `terdaftar`,
outside this decree). No row of another year is touched.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from rentan.idfmt import mask_nik, tanggal as tanggal_panjang
from rentan.program import Program, program
from rentan.registry.desk import Desk
from rentan.registry.models import Kepesertaan, Status
from rentan.registry.participation import in_year, set_same, set_status
from rentan.registry.rules import eligibility, rules
from rentan.registry.snapshot import Anggota, Snapshot
from rentan.wilayah import KELURAHAN_BY_KODE

BELUM_VERIFIKASI, TIDAK_MEMENUHI, PROVINSI = "belum_verifikasi", "tidak_memenuhi", "provinsi"
MASALAH_LABEL = {
    BELUM_VERIFIKASI: "calon peserta masih berstatus terdaftar (belum diverifikasi)",
    TIDAK_MEMENUHI: "peserta terverifikasi tidak lagi memenuhi syarat",
    PROVINSI: "peserta terverifikasi ditanggung {skema_provinsi}",
}


def masalah_label(kode: str) -> str:
    return MASALAH_LABEL[kode].format(skema_provinsi=program().daerah.skema_provinsi)
BULAN = 12  # a coverage year: January to December


def kunci(tahun: int) -> str:
    """The decree's document key in the registry and the number register: one per coverage year."""
    return f"sk-peserta/{tahun}"


def seri(tanggal: dt.date) -> str:
    """The numbering series of the Wali Kota's decrees: one per calendar year of the decree's date."""
    return f"kepwal/{tanggal.year}"


@dataclass(frozen=True)
class Masalah:
    """Why one candidate stops the decree."""
    kode: str  # BELUM_VERIFIKASI | TIDAK_MEMENUHI | PROVINSI
    anggota: Anggota
    uraian: str
    aturan: tuple[str, ...] = ()  # the rule codes it fails (TIDAK_MEMENUHI)

    @property
    def kelurahan(self) -> str:
        kel = KELURAHAN_BY_KODE.get(self.anggota.kelurahan_kode)
        return kel.nama if kel else self.anggota.kelurahan_kode

    def baris(self) -> str:
        """One line for the clerk's screen: masked NIK and kelurahan, no name."""
        return f"{mask_nik(self.anggota.nik)} (Kel. {self.kelurahan}): {self.uraian}"


@dataclass(frozen=True)
class Seleksi:
    """The year's candidates as the decree sees them; `peserta` is the decree's snapshot."""
    tahun: int
    peserta: Snapshot  # verified and eligible: the decree's Lampiran
    masalah: tuple[Masalah, ...]
    provinsi_belum_verifikasi: int  # registered but on the provincial list: never verified, left out

    @property
    def sha256(self) -> str:
        return self.peserta.sha256

    def jumlah_masalah(self) -> Counter:
        return Counter(m.kode for m in self.masalah)


def iuran_setahun(jumlah: int, tahun: int, prog: Program) -> int:
    """participants × monthly contribution (JKK + JKM) × 12 — integer Rupiah."""
    return jumlah * prog.iuran(dt.date(tahun, 1, 1)).total * BULAN


def seleksi(desk: Desk, tahun: int, prog: Program) -> Seleksi:
    """Sort the year's open candidates into those who go in and those who stop the decree."""
    rs = rules(prog, tahun)
    people = in_year(desk, tahun, Kepesertaan.status.in_([Status.TERDAFTAR.value, Status.TERVERIFIKASI.value]))
    ok, problems, provincial_unverified = [], [], 0
    for a in people:
        if a.status == Status.TERDAFTAR.value:
            if a.ditanggung_provinsi:
                provincial_unverified += 1
            else:
                problems.append(Masalah(BELUM_VERIFIKASI, a, "belum diverifikasi (status terdaftar)"))
            continue
        if a.ditanggung_provinsi:
            problems.append(Masalah(PROVINSI, a, "tercantum dalam daftar peserta yang ditanggung "
                                                 f"{prog.daerah.skema_provinsi} [dasar: {rs['provinsi'].dasar}]",
                                    ("provinsi",)))
            continue
        found = eligibility(tanggal_lahir=a.tanggal_lahir, domisili_sejak=a.domisili_sejak,
                            penghasilan=a.penghasilan, tahun=tahun, prog=prog, rs=rs)
        if found:
            problems.append(Masalah(TIDAK_MEMENUHI, a, "; ".join(v.alasan() for v in found),
                                    tuple(v.rule.kode for v in found)))
            continue
        ok.append(a)
    problems.sort(key=lambda m: (m.kode, m.anggota.kelurahan_kode, m.anggota.nik))
    return Seleksi(tahun, Snapshot.of(ok), tuple(problems), provincial_unverified)


class StatusBerubah(Exception):
    """A candidate's status changed while the decree was being made (cannot happen under the lock;
    kept as a guard)."""


def enrol(desk: Desk, sel: Seleksi, nomor: str, tanggal: dt.date, *, kecualikan: bool) -> Counter:
    """Record the decree on its participants' rows for the year (and, with `kecualikan`, the
    rejection of those verified who no longer qualify). Returns what was excluded, by problem."""
    why = f"Keputusan {program().daerah.kepala_daerah} Nomor {nomor} tanggal {tanggal_panjang(tanggal)}"
    mulai = dt.date(sel.tahun, 1, 1)
    done = set_same(desk, list(sel.peserta), {"status": Status.DITETAPKAN.value, "nomor_sk": nomor, "mulai": mulai},
                    "tetapkan", f"ditetapkan sebagai peserta tahun {sel.tahun}: {why}",
                    expect=(Status.TERVERIFIKASI.value,))
    if done != len(sel.peserta):
        raise StatusBerubah(f"{len(sel.peserta) - done} status berubah selama SK disiapkan")
    excluded = Counter(m.kode for m in sel.masalah) if kecualikan else Counter()
    if kecualikan:
        rejected = [(m.anggota, {"status": Status.DITOLAK.value,
                                 "alasan_status": f"tidak diikutkan dalam {why}: {m.uraian}"})
                    for m in sel.masalah if m.kode != BELUM_VERIFIKASI]  # the unverified stay terdaftar
        reasons = {a.kepesertaan_id: values["alasan_status"] for a, values in rejected}
        set_status(desk, rejected, "tolak", lambda a: reasons[a.kepesertaan_id])
    return excluded


def decree_of(desk: Desk, tahun: int, nomor: str) -> Snapshot:
    """The participants a decree enrolled (whatever happened to them since)."""
    return Snapshot.of(in_year(desk, tahun, Kepesertaan.nomor_sk == nomor))
