"""The programme's clock and calendar: today on Asia/Makassar time (WITA), and working days
(Monday to Friday, not a national holiday and not a cuti bersama).

Holidays are the `holidays` package's for Indonesia, in two categories: "public" (the libur
nasional of the SKB 3 Menteri) and "government" (its cuti bersama, e.g. 26 December 2025 beside
Christmas): government offices are closed on both, so neither counts as a hari kerja in a deadline
such as the 14 (empat belas) hari kerja of a verification memo. Dates the package marks
"(estimated)" (Idul Fitri and Idul Adha of a year whose SKB it does not know yet) are estimates.

`RENTAN_HARI_INI` (an ISO date, e.g. 2026-12-01) pins "today" for the whole process and its
children: tests pin it so the suite gives the same answers in any year, and the demo pins it to
each step of its story.
"""
from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

ENV = "RENTAN_HARI_INI"


def today() -> dt.date:
    """Today on the programme's clock (`[daerah] zona_waktu`: WITA), or the date `RENTAN_HARI_INI` pins."""
    pinned = os.environ.get(ENV)
    if pinned:
        try:
            return dt.date.fromisoformat(pinned.strip())
        except ValueError:
            raise ValueError(f"{ENV}={pinned!r} bukan tanggal TTTT-BB-HH") from None
    from rentan.program import program
    return dt.datetime.now(ZoneInfo(program().daerah.zona_waktu)).date()


CATEGORIES = ("public", "government")  # libur nasional and cuti bersama


@lru_cache(maxsize=32)
def _holidays(year: int):
    return holidays.country_holidays("ID", years=[year], categories=CATEGORIES)


def holiday_name(d: dt.date) -> str | None:
    """What closes the offices on `d` (the package's English name), or None."""
    return _holidays(d.year).get(d)


def is_working_day(d: dt.date) -> bool:
    return d.weekday() < 5 and d not in _holidays(d.year)


def working_day_on_or_before(d: dt.date) -> dt.date:
    while not is_working_day(d):
        d -= dt.timedelta(days=1)
    return d


def working_day_on_or_after(d: dt.date) -> dt.date:
    while not is_working_day(d):
        d += dt.timedelta(days=1)
    return d


def add_working_days(d: dt.date, n: int) -> dt.date:
    """The `n`-th working day after `d` (`d` itself not counted: "14 hari kerja sejak" the day)."""
    while n > 0:
        d += dt.timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d
