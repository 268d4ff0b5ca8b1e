"""Numbers of provisions as the drafting rules write them (UU 12/2011 Lampiran II).

- BAB: Roman numerals; a chapter inserted after BAB IV is BAB IVA, then IVB.
- Pasal: 1, 2, …; an article inserted after Pasal 5 is Pasal 5A, then 5B.
- ayat: (1), (2), …; inserted after ayat (1): (1a), (1b).
- angka: 1, 2, …; inserted after angka 11: 11a, 11b.
- huruf: a, b, ….

A number is kept as the string the act prints ("5A", "1a", "IVA"); `sort_key` orders them and
`successor` gives the number the next insertion after a provision must carry.
"""
from __future__ import annotations

import re
import string

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def int_to_roman(n: int) -> str:
    if n <= 0:
        raise ValueError(f"angka Romawi harus positif: {n}")
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def roman_to_int(s: str) -> int:
    values = {sym: v for v, sym in _ROMAN if len(sym) == 1}
    total, prev = 0, 0
    for ch in reversed(s):
        if ch not in values:
            raise ValueError(f"bukan angka Romawi: {s!r}")
        v = values[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    if not s or int_to_roman(total) != s:
        raise ValueError(f"bukan angka Romawi yang baku: {s!r}")
    return total


def split_roman(number: str) -> tuple[int, str]:
    """"IVA" -> (4, "A"): the longest canonical Roman prefix and the insertion letters."""
    for cut in range(len(number), 0, -1):
        head, tail = number[:cut], number[cut:]
        if tail and not tail.isalpha():
            continue
        try:
            return roman_to_int(head), tail
        except ValueError:
            continue
    raise ValueError(f"nomor BAB tidak sah: {number!r}")


_ARABIC = re.compile(r"^(\d+)([A-Za-z]*)$")


def split_arabic(number: str) -> tuple[int, str]:
    """"5A" -> (5, "A"); "11a" -> (11, "a")."""
    m = _ARABIC.match(number)
    if not m:
        raise ValueError(f"nomor tidak sah: {number!r}")
    return int(m.group(1)), m.group(2)


def is_letter_label(label: str) -> bool:
    """True for huruf labels (a, b, …), False for angka labels (1, 2, 11a)."""
    return bool(label) and label[0].isalpha()


def sort_key(number: str, *, roman: bool = False) -> tuple:
    """Order of two numbers of the same kind of provision."""
    if roman:
        base, suffix = split_roman(number)
    elif is_letter_label(number):
        return (0, number)  # huruf: a < b < … (single letters in practice)
    else:
        base, suffix = split_arabic(number)
    return (base, len(suffix), suffix.lower())


def successor(number: str, *, upper: bool, roman: bool = False) -> str:
    """The number of the provision inserted directly after `number`: 5 -> 5A, 5A -> 5B,
    1 -> 1a (ayat, angka: lower case), IV -> IVA."""
    base, suffix = split_roman(number) if roman else split_arabic(number)
    head = int_to_roman(base) if roman else str(base)
    letters = string.ascii_uppercase if upper else string.ascii_lowercase
    if not suffix:
        return head + letters[0]
    last = suffix[-1].upper() if upper else suffix[-1].lower()
    if last in ("Z", "z"):
        raise ValueError(f"tidak ada nomor sisipan sesudah {number}")
    return head + suffix[:-1] + letters[letters.index(last) + 1]


def huruf(n: int) -> str:
    """1 -> a, 2 -> b … (labels of a huruf list)."""
    if not 1 <= n <= 26:
        raise ValueError(f"rincian huruf hanya sampai z (ke-{n})")
    return string.ascii_lowercase[n - 1]
