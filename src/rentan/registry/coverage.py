"""Who is covered in a month, what changed since the month before, and what the year has spent.

A participant is covered in month M when the SK of M's coverage year has enrolled them (status
ditetapkan, aktif or, for the months before it, berakhir), their coverage started on or before the
last day of M, and their coverage did not end before the first day of M: a participant who dies on
10 March is paid for March (contributions are due by the 15th) and no longer from April. An SK
covers its own coverage year only (coverage starts on 1 January of it): nobody is paid for a month
of a year no decree covers.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from rentan.errors import Refusal
from rentan.registry.models import IuranPeriode, Peserta, Status

ENROLLED = (Status.DITETAPKAN.value, Status.AKTIF.value, Status.BERAKHIR.value)


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


def covered(s: Session, first_day: dt.date) -> list[Peserta]:
    q = select(Peserta).where(
        Peserta.status.in_(ENROLLED),
        Peserta.mulai_kepesertaan.is_not(None),
        Peserta.mulai_kepesertaan >= dt.date(first_day.year, 1, 1),  # the decree of this coverage year
        Peserta.mulai_kepesertaan <= last_day(first_day),
        or_(Peserta.tanggal_berakhir.is_(None), Peserta.tanggal_berakhir >= first_day),
    ).order_by(Peserta.nik)
    return list(s.scalars(q))


def enrolled_in(s: Session, year: int) -> int:
    """How many participants a decree enrolled for coverage year `year` (0: no decree covers it)."""
    return s.scalar(select(func.count()).select_from(Peserta).where(
        Peserta.status.in_(ENROLLED), Peserta.mulai_kepesertaan >= dt.date(year, 1, 1),
        Peserta.mulai_kepesertaan <= dt.date(year, 12, 31))) or 0


@dataclass
class Month:
    periode: dt.date
    people: list[Peserta]
    baru: list[Peserta] = field(default_factory=list)  # covered now, not last month
    berakhir: list[Peserta] = field(default_factory=list)  # covered last month, not now

    def berakhir_per_alasan(self) -> Counter:
        return Counter(p.alasan_berakhir or "lainnya" for p in self.berakhir)


def month(s: Session, first_day: dt.date) -> Month:
    now = covered(s, first_day)
    before = covered(s, previous(first_day))
    now_ids, before_ids = {p.id for p in now}, {p.id for p in before}
    return Month(first_day, now, [p for p in now if p.id not in before_ids],
                 [p for p in before if p.id not in now_ids])


def issued(s: Session, periode: str) -> list[IuranPeriode]:
    """The letters issued for a period: the original first, then its corrections."""
    return list(s.scalars(select(IuranPeriode).where(IuranPeriode.periode == periode)
                          .order_by(IuranPeriode.koreksi_ke)))


def spent(s: Session, year: int, except_period: str | None = None) -> dict[str, int]:
    """Amount per issued period of `year` (the latest correction of each), in period order,
    whatever order they were issued in; `except_period` leaves one period out."""
    latest = (select(IuranPeriode.periode, func.max(IuranPeriode.koreksi_ke).label("k"))
              .where(IuranPeriode.periode.like(f"{year}-%")).group_by(IuranPeriode.periode).subquery())
    q = select(IuranPeriode.periode, IuranPeriode.jumlah).join(
        latest, (IuranPeriode.periode == latest.c.periode) & (IuranPeriode.koreksi_ke == latest.c.k))
    out = dict(s.execute(q).all())
    return {p: v for p, v in sorted(out.items()) if p != except_period}
