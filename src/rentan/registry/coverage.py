"""Who is covered in a month, what changed since the month before, what the year has spent, and
what paying for a month records.

A participant is covered in month M when the SK of M's coverage year enrolled them (their row for
that year is ditetapkan, aktif or, for the months before it ended, berakhir), their coverage started
on or before the last day of M, and it did not end before the first day of M: a participant who
dies on 10 March is paid for March (contributions are due by the 15th) and no longer from April. An
SK covers its own coverage year only: nobody is paid for a month of a year no decree covers. The
month before January is December of the year before, under that year's SK: the January letter says
who continues, who is new and who is no longer covered, and why (their coverage ended in December,
or they are not in the new year's decree: rejected on re-verification, or not enrolled).

`decrees` gives the Keputusan Wali Kota a month's participants were enrolled by, as the registry
recorded it (its number, date and summary), for the letter to cite in full.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field as dataclass_field

from typing import Iterable, Mapping

from sqlalchemy import func, insert, or_, select

from rentan.errors import Refusal
from rentan.registry.desk import Desk
from rentan.registry.models import IuranPeriode, Kepesertaan, NaskahTerbit, NomorSurat, Status
from rentan.registry.participation import ENROLLED, in_year, set_same
from rentan.registry.snapshot import Anggota, Snapshot


class PeriodError(Refusal):
    pass


def parse_period(text: str) -> dt.date:
    """"2026-01" → 1 January 2026."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(text).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise PeriodError(f"periode {text!r} harus berbentuk TTTT-BB, mis. 2026-01")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def period_key(first_day: dt.date) -> str:
    return f"{first_day.year}-{first_day.month:02d}"


def last_day(first_day: dt.date) -> dt.date:
    return first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])


def previous(first_day: dt.date) -> dt.date:
    return (first_day - dt.timedelta(days=1)).replace(day=1)


def _covering(first_day: dt.date) -> tuple:
    """The conditions on a year row that make it cover month `first_day` (see the module docstring)."""
    return (Kepesertaan.tahun == first_day.year, Kepesertaan.status.in_(ENROLLED), Kepesertaan.mulai.is_not(None),
            Kepesertaan.mulai <= last_day(first_day),
            or_(Kepesertaan.tanggal_berakhir.is_(None), Kepesertaan.tanggal_berakhir >= first_day))


def covered(desk: Desk, first_day: dt.date) -> list[Anggota]:
    return in_year(desk, first_day.year, *_covering(first_day)[1:])


def covered_ids(desk: Desk, first_day: dt.date) -> set[int]:
    """The people (peserta ids) covered in month `first_day`: the month before's side of a
    comparison needs no more than that."""
    return set(desk._s.execute(select(Kepesertaan.peserta_id).where(*_covering(first_day))).scalars())


def enrolled_in(desk: Desk, year: int) -> int:
    """How many participants a decree enrolled for coverage year `year` (0: no decree covers it)."""
    return desk._s.scalar(select(func.count()).select_from(Kepesertaan).where(
        Kepesertaan.tahun == year, Kepesertaan.status.in_(ENROLLED))) or 0


# Why someone covered in December is not covered in January although their coverage did not end:
# what their row for the new year says (Month.tidak_lanjut).
TIDAK_LOLOS = "tidak_lolos_verifikasi_ulang"  # rejected for the new year (re-verification, the rules of the year)
TIDAK_DITETAPKAN = "tidak_ditetapkan"  # not enrolled by the new year's decree (no row, or not verified in time)
LAINNYA = "lainnya"


@dataclass(frozen=True)
class Month:
    """A month's participants (frozen) and how they differ from the month before, by person."""
    periode: dt.date
    people: Snapshot
    baru: tuple[Anggota, ...]  # covered now, not last month
    berakhir: tuple[Anggota, ...]  # covered last month, not now (their record of last month)
    lanjut_tahun: int  # (January) covered now and in December under the year before's SK
    tidak_lanjut: Mapping[int, str] = dataclass_field(default_factory=dict)  # (January) peserta id → why not

    @property
    def sha256(self) -> str:
        return self.people.sha256

    @property
    def sebelumnya(self) -> int:
        """How many were covered in the month before."""
        return len(self.people) - len(self.baru) + len(self.berakhir)

    def alasan(self, a: Anggota) -> str:
        """Why `a` (one of `berakhir`) is no longer paid for: the reason their coverage ended (an
        AlasanBerakhir code), or, across the year boundary, TIDAK_LOLOS or TIDAK_DITETAPKAN."""
        return a.alasan_berakhir or self.tidak_lanjut.get(a.peserta_id) or LAINNYA

    def berakhir_per_alasan(self) -> Counter:
        return Counter(self.alasan(a) for a in self.berakhir)


def month(desk: Desk, first_day: dt.date) -> Month:
    """The month's participants and the change from the month before: the month before is read as
    ids only, and in full only for those who left."""
    now = covered(desk, first_day)
    before = previous(first_day)
    before_ids = covered_ids(desk, before)
    now_ids = {a.peserta_id for a in now}
    gone = before_ids - now_ids
    left: list[Anggota] = []
    for chunk in _chunks(sorted(gone)):
        left += in_year(desk, before.year, *_covering(before)[1:], Kepesertaan.peserta_id.in_(chunk))
    left.sort(key=lambda a: (a.kecamatan_kode, a.kelurahan_kode, a.nama.upper(), a.nik))
    crossing = len(now_ids & before_ids) if first_day.month == 1 else 0
    why: dict[int, str] = {}
    if first_day.month == 1:
        open_ended = [a.peserta_id for a in left if not a.alasan_berakhir]
        for chunk in _chunks(open_ended):
            for pid, status in desk._s.execute(select(Kepesertaan.peserta_id, Kepesertaan.status).where(
                    Kepesertaan.tahun == first_day.year, Kepesertaan.peserta_id.in_(chunk))):
                why[pid] = TIDAK_LOLOS if status == Status.DITOLAK.value else TIDAK_DITETAPKAN
        why.update({pid: TIDAK_DITETAPKAN for pid in open_ended if pid not in why})
    return Month(first_day, Snapshot.of(now), tuple(a for a in now if a.peserta_id not in before_ids),
                 tuple(left), crossing, why)


def _chunks(ids: list[int], size: int = 5000) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


@dataclass(frozen=True)
class Keputusan:
    """A Keputusan Wali Kota enrolling participants, as the registry recorded it."""
    nomor: str
    tahun: int  # the coverage year it fixes
    tanggal: dt.date | None  # its date (None: the registry does not know the decree, only the number)
    ringkasan: Mapping | None = None  # what it recorded when issued (counts, its title when recorded)


def decrees(desk: Desk, tahun: int, nomor: Iterable[str]) -> list[Keputusan]:
    """The decrees numbered `nomor` of coverage year `tahun`: the issued document (sk-peserta) when
    the registry has it, else the number register's entry for that number, else the number alone."""
    out = []
    for n in sorted(set(nomor)):
        row = desk._s.execute(select(NaskahTerbit.tanggal, NaskahTerbit.ringkasan).where(
            NaskahTerbit.jenis == "sk-peserta", NaskahTerbit.nomor == n, NaskahTerbit.konsep.is_(False))
            .order_by(NaskahTerbit.id).limit(1)).first()
        if row is not None:
            out.append(Keputusan(n, tahun, row.tanggal, json.loads(row.ringkasan or "null")))
            continue
        when = desk._s.scalar(select(NomorSurat.tanggal).where(NomorSurat.nomor == n,
                                                               NomorSurat.kunci.like("sk-peserta/%")).limit(1))
        out.append(Keputusan(n, tahun, when))
    return out


def issued(desk: Desk, periode: str) -> list[IuranPeriode]:
    """The letters issued for a period: the original first, then its corrections."""
    return list(desk._s.scalars(select(IuranPeriode).where(IuranPeriode.periode == periode)
                                .order_by(IuranPeriode.koreksi_ke)))


def spent(desk: Desk, year: int, except_period: str | None = None) -> dict[str, int]:
    """Amount per issued period of `year` (the latest correction of each), in period order,
    whatever order they were issued in; `except_period` leaves one period out."""
    latest = (select(IuranPeriode.periode, func.max(IuranPeriode.koreksi_ke).label("k"))
              .where(IuranPeriode.periode.like(f"{year}-%")).group_by(IuranPeriode.periode).subquery())
    q = select(IuranPeriode.periode, IuranPeriode.jumlah).join(
        latest, (IuranPeriode.periode == latest.c.periode) & (IuranPeriode.koreksi_ke == latest.c.k))
    out = dict(desk._s.execute(q).all())
    return {p: v for p, v in sorted(out.items()) if p != except_period}


def record_month(desk: Desk, m: Month, *, ke: int, kunci: str, nomor: str, tanggal: dt.date, jkk: int, jkm: int,
                 alasan_koreksi: str | None) -> None:
    """The period's row (what the budget counts) and, for those enrolled by the SK and paid for the
    first time, ditetapkan → aktif."""
    n = len(m.people)
    desk._s.execute(insert(IuranPeriode).values(
        periode=period_key(m.periode), koreksi_ke=ke, kunci=kunci, nomor=nomor, tanggal=tanggal, peserta=n,
        jkk=n * jkk, jkm=n * jkm, jumlah=n * (jkk + jkm), alasan_koreksi=alasan_koreksi, snapshot_sha256=m.sha256,
        dibuat=desk.now))
    first = [a for a in m.people if a.status == Status.DITETAPKAN.value]
    if first:
        set_same(desk, first, {"status": Status.AKTIF.value}, "aktif",
                 f"iuran {period_key(m.periode)} dibayarkan ({nomor})", expect=(Status.DITETAPKAN.value,))
