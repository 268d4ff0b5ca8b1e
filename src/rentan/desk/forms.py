"""The desk's form fields, checked before anything runs: every mistake answered in Indonesian
beside its field, and what was understood shown back (dates with the Indonesian month name).

Dates are typed dd-mm-yyyy (03-11-2025; 3/11/2025, 3.11.2025 and 03112025 are read the same way;
2025-11-03 too); a date that does not exist is named ("Februari 2026 hanya sampai tanggal 28"),
never moved or dropped. Years and periods are limited to the programme's coverage years — the same
limits the deployments' parameter schemas carry (flows.param), so the Prefect form refuses what the
desk refuses.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from rentan.idfmt import BULAN, tanggal

PERIODE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")  # the same as flows.PERIODE
MAKS_PUTARAN = 9  # the same as flows.MAKS_PUTARAN
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

_DMY = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4})$")
_PACKED = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
CONTOH = "hh-bb-tttt, mis. 03-11-2025 untuk 3 November 2025"


class Salah(ValueError):
    """A field's value refused; the message is for the clerk, beside the field."""


def hari_tanggal(d: dt.date) -> str:
    """Senin, 3 November 2025"""
    return f"{HARI[d.weekday()]}, {tanggal(d)}"


def dmy(d: dt.date | None) -> str:
    return "" if d is None else f"{d.day:02d}-{d.month:02d}-{d.year}"


def parse_date(text: str | None) -> dt.date | None:
    """A date typed dd-mm-yyyy; None when blank; Salah with the reason otherwise."""
    t = (text or "").strip()
    if not t:
        return None
    m = _DMY.match(t) or _PACKED.match(t)
    if m:
        day, month, year = (int(g) for g in m.groups())
    elif _ISO.match(t):
        year, month, day = (int(g) for g in _ISO.match(t).groups())
    else:
        raise Salah(f"tanggal {t!r} tidak dapat dibaca; tulis {CONTOH}")
    if not 1 <= month <= 12:
        raise Salah(f"bulan {month} tidak ada (bulan ditulis 01 sampai 12); tulis {CONTOH}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise Salah(f"tanggal {day} tidak ada: {BULAN[month - 1]} {year} hanya sampai tanggal {last}")
    return dt.date(year, month, day)


def date_between(d: dt.date, first: dt.date, last: dt.date, why: str) -> dt.date:
    if not first <= d <= last:
        raise Salah(f"{tanggal(d)} di luar jangka yang sah ({tanggal(first)} sampai {tanggal(last)}): {why}")
    return d


def parse_year(text: str | None, years: range) -> int:
    t = (text or "").strip()
    if not t:
        raise Salah("pilih tahun kepesertaan")
    if not t.isdigit():
        raise Salah(f"tahun {t!r} bukan angka tahun, mis. {years.stop - 1}")
    y = int(t)
    if y not in years:
        raise Salah(f"tahun {y} di luar tahun kepesertaan program ({years.start} sampai {years.stop - 1})")
    return y


def parse_period(text: str | None, years: range) -> str:
    t = (text or "").strip()
    if not t:
        raise Salah("pilih bulan yang dibayar")
    if not PERIODE.match(t):
        raise Salah(f"periode {t!r} harus berbentuk TTTT-BB, mis. {years.stop - 1}-01")
    if int(t[:4]) not in years:
        raise Salah(f"tahun {t[:4]} di luar tahun kepesertaan program ({years.start} sampai {years.stop - 1})")
    return t


def period_label(periode: str) -> str:
    return f"{BULAN[int(periode[5:7]) - 1]} {periode[:4]}"


def parse_round(text: str | None) -> int:
    t = (text or "").strip() or "1"
    if not t.isdigit() or not 1 <= int(t) <= MAKS_PUTARAN:
        raise Salah(f"putaran ditulis dengan angka 1 sampai {MAKS_PUTARAN} (1 untuk permohonan pertama)")
    return int(t)


def parse_text(text: str | None, limit: int, label: str) -> str | None:
    t = " ".join((text or "").split())
    if len(t) > limit:
        raise Salah(f"{label} paling banyak {limit} karakter (tertulis {len(t)})")
    return t or None


def free_text(text: str | None, limit: int, label: str) -> str | None:
    """A clerk's own sentence that becomes a flow parameter and lands in documents: as parse_text,
    with any NIK-like number masked (6471********1234), since parameters never hold a full NIK."""
    from rentan.errors import mask_numbers
    t = parse_text(text, limit, label)
    return mask_numbers(t) if t else t


def checked(value: str | None) -> bool:
    return value in ("1", "on", "ya", "true")
