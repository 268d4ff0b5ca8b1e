"""Indonesian formats every document uses: long dates, Rupiah, number words, "1 (satu)",
and the NIK (Nomor Induk Kependudukan).

Every legal figure is written by an explicit pattern here, never by a locale default: Babel's
defaults follow its CLDR data, and a Babel upgrade once turned "Rp16.800,00" into "Rp16.800" and
rounded the UMK's sen away. The tests pin the exact strings (property tests over every amount up
to 999 triliun, with and without sen, and over dates), so no library upgrade can change them.
num2words gives the words below 1.000; the scales are composed here (see `terbilang`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from num2words import num2words

from rentan import clock

MAX_TERBILANG = 10**15 - 1  # 999 triliun ...
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


def tanggal(d: dt.date) -> str:
    """21 November 2026 — day without a leading zero, the month's Indonesian name, four-digit year."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year:04d}"


def bulan_tahun(d: dt.date) -> str:
    """November 2026"""
    return f"{BULAN[d.month - 1]} {d.year}"


_SEN = Decimal("0.01")


def _money(amount: int | Decimal) -> Decimal:
    """The amount as an exact Decimal with at most two decimals (sen); anything else is refused,
    never rounded: a legal figure is printed as it is or not at all."""
    if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
        raise TypeError(f"uang harus int atau Decimal, bukan {type(amount).__name__}")
    d = Decimal(amount)
    if not d.is_finite():
        raise ValueError(f"jumlah uang tidak sah: {amount}")
    if d != d.quantize(_SEN, rounding=ROUND_DOWN):
        raise ValueError(f"jumlah uang {amount} lebih halus dari 1 sen")
    return d


def rupiah(amount: int | Decimal) -> str:
    """Rp16.800,00 — "Rp", thousands by ".", always two decimals after ",", sen kept, never rounded
    (Rp3.856.694,43). Money is integer Rupiah, or a Decimal where a legal figure has sen (the UMK)."""
    d = _money(amount)
    sign = "-" if d < 0 else ""
    whole, sen = divmod(abs(d).quantize(_SEN) * 100, 100)
    return f"{sign}Rp{ribuan(int(whole))},{int(sen):02d}"


def ribuan(n: int) -> str:
    """7.100 — a count with Indonesian thousands separators."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"ribuan menerima bilangan bulat, bukan {type(n).__name__}")
    sign, digits = ("-", str(-n)) if n < 0 else ("", str(n))
    groups = []
    while digits:
        digits, group = digits[:-3], digits[-3:]
        groups.append(group)
    return sign + ".".join(reversed(groups))


def terbilang(n: int) -> str:
    """enam belas ribu delapan ratus — 0 up to 999 triliun."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"terbilang menerima bilangan bulat, bukan {type(n).__name__}")
    if n < 0 or n > MAX_TERBILANG:
        raise ValueError(f"terbilang hanya untuk 0 sampai {MAX_TERBILANG}: {n}")
    if n == 0:
        return "nol"
    # num2words says "… juta satu ribu" for 479.001.000 (found by the property test); it is right
    # below 1.000, so the scales are composed here: a thousands group of exactly 1 is "seribu".
    words = []
    for scale, name in _SCALES:
        group, n = divmod(n, scale)
        if group:
            words.append("seribu" if scale == 1000 and group == 1 else f"{num2words(group, lang='id')} {name}")
    if n:
        words.append(num2words(n, lang="id"))
    return " ".join(words)


def rupiah_terbilang(amount: int | Decimal) -> str:
    """Rp16.800,00 (enam belas ribu delapan ratus rupiah); the words are those of the very figure
    printed ("… lima ratus delapan rupiah enam puluh delapan sen" beside Rp3.701.508,68)."""
    d = _money(amount)
    if d < 0:
        raise ValueError("jumlah uang dalam huruf tidak boleh negatif")
    whole, sen = (int(x) for x in divmod(d.quantize(_SEN) * 100, 100))
    words = f"{terbilang(whole)} rupiah"
    if sen:
        words += f" {terbilang(sen)} sen"
    return f"{rupiah(amount)} ({words})"


def angka_kata(n: int) -> str:
    """14 (empat belas) — a numeral with its words, as the drafting rules write numbers."""
    return f"{ribuan(n)} ({terbilang(n)})"


# --- NIK -------------------------------------------------------------------------------------

# ASCII digits only: Python's \d also matches "６" and "٦", and a NIK in another script's digits
# would be a second participant beside the same person in ASCII (rentan.registry.cells.nik
# normalises them to ASCII before any comparison).
_NIK_RE = re.compile(r"[0-9]{16}")


class NikError(ValueError):
    """A NIK that cannot be right; the message is for a clerk."""


@dataclass(frozen=True)
class Nik:
    nik: str
    kode_wilayah: str  # where the NIK was first issued (PP.KK.CC) — never the domicile
    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" or "P"
    nomor_urut: str


def _birth_date(day: int, month: int, yy: int, today: dt.date) -> dt.date:
    """The two-digit year resolved to the century that does not lie in the future."""
    year = 2000 + yy
    if year > today.year:
        year -= 100
    candidate = dt.date(year, month, day)
    if candidate > today:
        candidate = dt.date(year - 100, month, day)
    return candidate


def parse_nik(value: str, today: dt.date | None = None) -> Nik:
    """Read a NIK: 16 digits = province, kab/kota, kecamatan, DDMMYY (day + 40 for women), serial."""
    s = str(value).strip()
    if not _NIK_RE.fullmatch(s):
        raise NikError(f"NIK harus 16 digit angka 0–9 (tertulis {len(s)} karakter"
                       + (", tidak semuanya angka 0–9)" if len(s) == 16 else ")"))
    day, month, yy = int(s[6:8]), int(s[8:10]), int(s[10:12])
    sex = "L"
    if day > 40:
        day -= 40
        sex = "P"
    try:
        born = _birth_date(day, month, yy, today or clock.today())
    except ValueError:
        raise NikError(f"digit ke-7 s.d. 12 NIK ({s[6:12]}) bukan tanggal lahir yang sah") from None
    if s[12:] == "0000":
        raise NikError("nomor urut NIK (4 digit terakhir) tidak boleh 0000")
    return Nik(s, f"{s[0:2]}.{s[2:4]}.{s[4:6]}", born, sex, s[12:])


def nik_warnings(nik: Nik, tanggal_lahir: dt.date | None, jenis_kelamin: str | None) -> list[str]:
    """Disagreements between the NIK and the recorded data: for a human to look at, not a rejection
    (a corrected birth date keeps its old NIK)."""
    out = []
    if tanggal_lahir and (nik.tanggal_lahir.day, nik.tanggal_lahir.month, nik.tanggal_lahir.year % 100) != (
            tanggal_lahir.day, tanggal_lahir.month, tanggal_lahir.year % 100):
        out.append(f"tanggal lahir pada NIK ({tanggal(nik.tanggal_lahir)}) berbeda dengan tanggal lahir "
                   f"tercatat ({tanggal(tanggal_lahir)})")
    if jenis_kelamin and jenis_kelamin != nik.jenis_kelamin:
        out.append(f"jenis kelamin pada NIK ({nik.jenis_kelamin}) berbeda dengan yang tercatat ({jenis_kelamin})")
    return out


def mask_nik(nik: str) -> str:
    """6471********1234 — the form a published annex shows (UU 27/2022 on personal data)."""
    s = str(nik)
    if len(s) != 16:
        raise NikError("NIK harus 16 digit untuk disamarkan")
    return s[:4] + "*" * 8 + s[-4:]
