"""Reading the cells that kelurahan and OPD clerks really send: NIKs as text or as Excel numbers,
dates as Excel serials or "12-08-1975", "12/08/1975", "12 Agustus 1975", money as "Rp 2.500.000".

Every parser raises CellError with a message a clerk understands.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = dt.date(1899, 12, 30)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CellError(ValueError):
    pass


def text(value) -> str:
    """A cell as clean text: no control characters Excel leaves behind, single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = _CONTROL.sub("", str(value)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", s).strip()


def nik(value) -> str:
    """A NIK cell as its 16 digits. Excel keeps only 15 significant digits of a number, so a NIK
    stored as a number may have lost its last digit (6471014506800001 → 6471014506800000, shown as
    6,47101E+15); such a NIK is refused, never guessed."""
    if isinstance(value, bool):
        raise CellError("NIK kosong")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (not value.is_integer() or value >= 2**53):
            raise CellError("NIK tersimpan sebagai angka di Excel dan digitnya rusak; "
                            "ubah format kolom NIK menjadi Teks lalu ketik ulang")
        digits = str(int(value))
        if len(digits) == 16 and digits.endswith("0"):
            raise CellError("NIK tersimpan sebagai angka di Excel (hanya 15 digit yang disimpan, digit "
                            "terakhir menjadi 0); ubah format kolom NIK menjadi Teks lalu ketik ulang")
        return digits
    s = text(value).lstrip("'").replace(" ", "").replace(".", "").replace("-", "")
    if re.fullmatch(r"\d+(,\d+)?[eE]\+?\d+", text(value).replace(" ", "")) or "E+" in s.upper():
        raise CellError("NIK tertulis dalam bentuk ilmiah Excel (mis. 6,47101E+15) sehingga digitnya "
                        "hilang; ubah format kolom NIK menjadi Teks lalu ketik ulang")
    if not s:
        raise CellError("NIK kosong")
    if not s.isdigit():
        raise CellError(f"NIK hanya boleh berisi angka (tertulis {text(value)!r})")
    return s


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
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WORD_DATE = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$")


def date(value) -> dt.date:
    """Day-first dates as Indonesians write them, Excel date cells and Excel serial numbers."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not (1 <= value < 100000) or (isinstance(value, float) and not value.is_integer()):
            raise CellError(f"angka {value} bukan tanggal Excel")
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    s = text(value)
    if not s:
        raise CellError("tanggal kosong")
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
        if s.isdigit():
            return date(int(s))
    except ValueError:
        raise CellError(f"tanggal {s!r} tidak ada di kalender") from None
    raise CellError(f"tanggal {s!r} tidak terbaca (tulis mis. 12-08-1975 atau 12 Agustus 1975)")


def place_and_date(value) -> tuple[str, dt.date]:
    """"Balikpapan, 12-08-1975" (Tempat/Tgl Lahir in one column)."""
    s = text(value)
    if "," not in s:
        raise CellError(f"Tempat/Tgl Lahir {s!r} harus berbentuk 'Tempat, tanggal'")
    place, _, when = s.rpartition(",")
    if not place.strip():
        raise CellError("tempat lahir kosong")
    return place.strip(), date(when.strip())


def money(value) -> Decimal:
    """Rupiah as sent: 2500000, "Rp 2.500.000", "2.500.000,00", "Rp2,5 juta" is not accepted."""
    if isinstance(value, bool):
        raise CellError("penghasilan kosong")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    s = text(value).lower().replace("rp", "").replace(" ", "").rstrip("-").rstrip(",")
    if not s:
        raise CellError("penghasilan kosong")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", s):  # 2.500.000,00
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d{1,2})?", s):  # 2,500,000.00
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+(,\d{1,2})?", s):
        s = s.replace(",", ".")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise CellError(f"penghasilan {text(value)!r} bukan angka rupiah") from None
    if d < 0:
        raise CellError("penghasilan tidak boleh negatif")
    return d


def sex(value) -> str:
    s = text(value).upper().replace("-", "").replace(" ", "")
    if s in {"L", "LK", "LAKILAKI", "PRIA", "M"}:
        return "L"
    if s in {"P", "PR", "PEREMPUAN", "WANITA", "W", "F"}:
        return "P"
    raise CellError(f"jenis kelamin {text(value)!r} harus L atau P")
