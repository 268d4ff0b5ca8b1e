"""Who is covered in a month, what changed since the month before, what the year has spent, and
what paying for a month records.

A participant is covered in month M when the SK of M's coverage year enrolled them (their row for
that year is ditetapkan, aktif or, for the months before it ended, berakhir), their coverage started
on or before the last day of M, and it did not end before the first day of M: a participant who
dies on 10 March is paid for March (contributions are due by the 15th) and no longer from April. An
SK covers its own coverage year only: nobody is paid for a month of a year no decree covers. The
month before January is December of the year before, under that year's SK: the January letter says
who continues, who is new and who is no longer covered.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, insert, or_, select

from rentan.errors import Refusal
from rentan.registry.desk import Desk
from rentan.registry.models import IuranPeriode, Kepesertaan, Status
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


def covered(desk: Desk, first_day: dt.date) -> list[Anggota]:
    return in_year(desk, first_day.year, Kepesertaan.status.in_(ENROLLED), Kepesertaan.mulai.is_not(None),
                   Kepesertaan.mulai <= last_day(first_day),
                   or_(Kepesertaan.tanggal_berakhir.is_(None), Kepesertaan.tanggal_berakhir >= first_day))


def enrolled_in(desk: Desk, year: int) -> int:
    """How many participants a decree enrolled for coverage year `year` (0: no decree covers it)."""
    return desk._s.scalar(select(func.count()).select_from(Kepesertaan).where(
        Kepesertaan.tahun == year, Kepesertaan.status.in_(ENROLLED))) or 0


@dataclass(frozen=True)
class Month:
    """A month's participants (frozen) and how they differ from the month before, by NIK."""
    periode: dt.date
    people: Snapshot
    baru: tuple[Anggota, ...]  # covered now, not last month
    berakhir: tuple[Anggota, ...]  # covered last month, not now (their record of last month)
    lanjut_tahun: int  # (January) covered now and in December under the year before's SK

    @property
    def sha256(self) -> str:
        return self.people.sha256

    def berakhir_per_alasan(self) -> Counter:
        return Counter(a.alasan_berakhir or ("tidak diikutkan dalam SK tahun berikutnya"
                                             if a.tahun < self.periode.year else "lainnya") for a in self.berakhir)


def month(desk: Desk, first_day: dt.date) -> Month:
    now = covered(desk, first_day)
    before = covered(desk, previous(first_day))
    now_ids, before_ids = {a.peserta_id for a in now}, {a.peserta_id for a in before}
    crossing = sum(1 for a in now if a.peserta_id in before_ids) if first_day.month == 1 else 0
    return Month(first_day, Snapshot.of(now), tuple(a for a in now if a.peserta_id not in before_ids),
                 tuple(a for a in before if a.peserta_id not in now_ids), crossing)


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
