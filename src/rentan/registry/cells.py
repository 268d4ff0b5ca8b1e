"""Reading the cells that kelurahan and OPD clerks really send: NIKs as text or as Excel numbers,
dates as Excel serials or "12-08-1975", "12/08/1975", "12 Agustus 1975", money as "Rp 2.500.000".

Every parser raises CellError with a message a clerk understands, and any value of any type gives
at most a CellError: nothing else escapes. Messages never quote a NIK; where they quote what a
clerk typed, the quote is cut short.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_CEILING, Decimal, InvalidOperation

EXCEL_EPOCH = dt.date(1899, 12, 30)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_MAX_INT_DIGITS = 4000  # Python refuses str() of ints beyond 4300 digits


class CellError(ValueError):
    pass


def quote(s: str, limit: int = 40) -> str:
    """What a clerk typed, quoted for a message, cut short: a message must stay one readable line."""
    return repr(s if len(s) <= limit else s[:limit] + "…")


def text(value) -> str:
    """A cell as clean text: no control characters Excel leaves behind, single spaces."""
    if value is None:
        return ""
    if type(value) is str:
        # the common case, checked cheaply: printable (no control characters, no tab, newline or
        # no-break space), no double space, nothing to strip
        if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
            return value
        s = value
    elif isinstance(value, bool):
        s = str(value)
    elif isinstance(value, int):
        if value.bit_length() > _MAX_INT_DIGITS * 3:
            return f"(bilangan {value.bit_length()} bit)"
        s = str(value)
    elif isinstance(value, float):
        s = str(int(value)) if value.is_integer() else str(value)
    else:
        s = str(value)
    s = _CONTROL.sub("", s).replace("\xa0", " ")
    return _SPACES.sub(" ", s).strip()


# --- NIK ------------------------------------------------------------------------------------

_NIK_SEPARATORS = frozenset(" .-'\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]*)?[eE][+]?[0-9]+")
_EXCEL_NUMBER = ("NIK tersimpan sebagai angka di Excel dan digitnya rusak; "
                 "ubah format kolom NIK menjadi Teks lalu ketik ulang")


def _ascii_digits(s: str) -> str:
    """`s` with every Unicode decimal digit (full-width ６, Arabic-Indic ٦, …) as its ASCII digit,
    separators (spaces, dots, dashes, their full-width forms) and invisible format marks dropped;
    any other character is refused."""
    out = []
    for pos, ch in enumerate(s, 1):
        if "0" <= ch <= "9":
            out.append(ch)
            continue
        if ch in _NIK_SEPARATORS or ch.isspace() or unicodedata.category(ch) == "Cf":
            continue
        d = unicodedata.decimal(ch, None)
        if d is not None:
            out.append("0123456789"[d])
            continue
        if unicodedata.normalize("NFKC", ch) in _NIK_SEPARATORS:  # full-width dot, hyphen, space
            continue
        kind = "huruf" if ch.isalpha() else "tanda"
        raise CellError(f"NIK hanya boleh berisi angka 0–9 (karakter ke-{pos} berupa {kind} {ch!r})")
    return "".join(out)


def nik(value) -> str:
    """A NIK cell as its digits, always ASCII 0–9: "６４７１…" and "٦٤٧١…" are the same NIK as
    "6471…", so no duplicate can hide behind another script's digits. Excel keeps only 15
    significant digits of a number, so a NIK stored as a number may have lost its last digit
    (6471014506800001 → 6471014506800000, shown as 6,47101E+15); such a NIK is refused, never
    guessed. The length and the date digits are checked by `rentan.idfmt.parse_nik`."""
    if value is None:
        raise CellError("NIK kosong")
    if isinstance(value, bool):
        raise CellError("NIK berisi nilai benar/salah (TRUE/FALSE), bukan angka")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or abs(value) >= 2**53:
            raise CellError(_EXCEL_NUMBER)
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise CellError("NIK tidak boleh bertanda minus")
        if value >= 10**16:
            raise CellError("NIK lebih dari 16 digit")
        digits = str(value)
        if len(digits) == 16 and digits.endswith("0"):
            raise CellError("NIK tersimpan sebagai angka di Excel (hanya 15 digit yang disimpan, digit "
                            "terakhir menjadi 0); ubah format kolom NIK menjadi Teks lalu ketik ulang")
        return digits
    if not isinstance(value, str):
        raise CellError("NIK harus ditulis sebagai teks angka, bukan tanggal atau jam")
    s = text(value).lstrip("'")
    if s.isascii() and s.isdigit():  # the common case
        return s
    if not s:
        raise CellError("NIK kosong")
    compact = "".join(ch for ch in s if not ch.isspace())
    if "e" in compact.lower() and _SCIENTIFIC.fullmatch(
            "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in compact)):
        raise CellError("NIK tertulis dalam bentuk ilmiah Excel (mis. 6,47101E+15) sehingga digitnya "
                        "hilang; ubah format kolom NIK menjadi Teks lalu ketik ulang")
    digits = _ascii_digits(s)
    if not digits:
        raise CellError("NIK kosong")
    return digits


# --- dates ------------------------------------------------------------------------------------

BULAN = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agus": 8, "agust": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_NUMERIC_DATE = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00)?)?$")
_WORD_DATE = re.compile(r"^([0-9]{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+([0-9]{4})$")


def date(value) -> dt.date:
    """Day-first dates as Indonesians write them, Excel date cells and Excel serial numbers."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not (1 <= value < 100000) or (isinstance(value, float) and not value.is_integer()):
            raise CellError(f"angka {text(value)[:20]} bukan tanggal Excel")
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    if isinstance(value, (dt.time, dt.timedelta, bool)):
        raise CellError("isian berupa jam atau nilai benar/salah, bukan tanggal")
    s = text(value)
    if not s:
        raise CellError("tanggal kosong")
    if len(s) == 10 and s[2] == s[5] and s[2] in "-/." and s[:2].isdigit() and s[3:5].isdigit() \
            and s[6:].isdigit() and s.isascii():  # 12-08-1975, the common case, without a regex
        try:
            return dt.date(int(s[6:]), int(s[3:5]), int(s[:2]))
        except ValueError:
            raise CellError(f"tanggal {quote(s)} tidak ada di kalender") from None
    if not s.isascii():
        s = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in s)
    try:
        if m := _NUMERIC_DATE.match(s):
            d, mo, y = (int(g) for g in m.groups())
            return dt.date(y, mo, d)
        if m := _ISO_DATE.match(s):
            y, mo, d = (int(g) for g in m.groups())
            return dt.date(y, mo, d)
        if m := _WORD_DATE.match(s):
            month = BULAN.get(m.group(2).lower())
            if month:
                return dt.date(int(m.group(3)), month, int(m.group(1)))
        if s.isascii() and s.isdigit() and len(s) <= 6:
            return date(int(s))
    except ValueError:
        raise CellError(f"tanggal {quote(s)} tidak ada di kalender") from None
    raise CellError(f"tanggal {quote(s)} tidak terbaca (tulis mis. 12-08-1975 atau 12 Agustus 1975)")


def place_and_date(value) -> tuple[str, dt.date]:
    """"Balikpapan, 12-08-1975" (Tempat/Tgl Lahir in one column)."""
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError("Tempat/Tgl Lahir hanya berisi tanggal; tulis 'Tempat, tanggal'")
    s = text(value)
    if "," not in s:
        raise CellError(f"Tempat/Tgl Lahir {quote(s)} harus berbentuk 'Tempat, tanggal'")
    place, _, when = s.rpartition(",")
    if not place.strip():
        raise CellError("tempat lahir kosong")
    return place.strip(), date(when.strip())


# --- money ------------------------------------------------------------------------------------

_SEN = Decimal("0.01")
MAX_RUPIAH = Decimal(10**12)  # a month's income beyond Rp1 triliun is a typing error, not an income
_DOTTED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]{1,2})?")  # 2.500.000,00
_COMMAED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?")  # 2,500,000.00
_DECIMAL_COMMA = re.compile(r"[0-9]+(,[0-9]{1,2})?")  # 3701508,68


def money(value, what: str = "penghasilan") -> Decimal:
    """Rupiah as sent: 2500000, "Rp 2.500.000", "2.500.000,00"; "Rp2,5 juta" is not accepted.

    The result is finite, not negative, below Rp1 triliun and has at most two decimals (sen): a
    finer value, such as an average an Excel formula computed, is rounded *up* to the sen, which
    keeps "at most the UMK" exact, since the UMK itself is a whole number of sen."""
    if value is None:
        raise CellError(f"{what} kosong")
    if isinstance(value, bool):
        raise CellError(f"{what} berisi nilai benar/salah (TRUE/FALSE), bukan angka")
    if isinstance(value, int):
        d = Decimal(value) if value.bit_length() < 200 else MAX_RUPIAH * (1 if value > 0 else -1)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(f"{what} bukan angka")
        d = Decimal(repr(value))
    elif isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise CellError(f"{what} berisi tanggal atau jam, bukan angka rupiah")
    else:
        shown = text(value)
        s = shown.lower().replace("rp", "").replace(" ", "").rstrip("-").rstrip(",")
        if not s:
            raise CellError(f"{what} kosong")
        if not s.isascii():
            s = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in s)
        if _DOTTED.fullmatch(s):
            s = s.replace(".", "").replace(",", ".")
        elif _COMMAED.fullmatch(s):
            s = s.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(s):
            s = s.replace(",", ".")
        try:
            d = Decimal(s) if len(s) <= 60 else Decimal("NaN")
        except InvalidOperation:
            d = Decimal("NaN")
        if not d.is_finite():
            raise CellError(f"{what} {quote(shown)} bukan angka rupiah")
    if d < 0:
        raise CellError(f"{what} tidak boleh negatif")
    if d >= MAX_RUPIAH:
        raise CellError(f"{what} tidak masuk akal (Rp1 triliun atau lebih sebulan)")
    if d.as_tuple().exponent < -2:
        d = d.quantize(_SEN, rounding=ROUND_CEILING)
    return d + 0  # -0 → 0


def sex(value) -> str:
    s = text(value).upper().replace("-", "").replace(" ", "")
    if s in {"L", "LK", "LAKILAKI", "PRIA", "M"}:
        return "L"
    if s in {"P", "PR", "PEREMPUAN", "WANITA", "W", "F"}:
        return "P"
    raise CellError(f"jenis kelamin {quote(text(value))} harus L atau P")


def phone(value) -> str | None:
    """A phone number as text. Excel drops the leading 0 of a number typed into a number cell
    (0812… becomes 812…): a numeric cell whose digits start with 8 gets its 0 back; 62… stays."""
    if value is None:
        return None
    s = text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and s.isdigit() and s.startswith("8"):
        s = "0" + s
    return s or None
