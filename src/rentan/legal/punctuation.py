"""Checks of the punctuation the drafting rules prescribe (UU 12/2011 Lampiran II), so that a comma
or a "; dan" out of place is caught before a draft reaches Bagian Hukum.

- A sentence that introduces a list ends with ":".
- Definitions ("… yang dimaksud dengan:") end each with ".".
- Other list items end with ";", the second-to-last with "; dan", "; atau" or "; dan/atau", and
  the last with "." — or, in a sub-list, with what its parent item would have ended with.
- An ayat or paragraph without a list ends with ".".
- Menimbang: each "bahwa …;", the last "bahwa berdasarkan pertimbangan sebagaimana dimaksud
  dalam huruf a dan huruf b, perlu menetapkan … tentang …;". Mengingat: each ends with ";".
- No space before , ; : . and no doubled spaces.

Every check returns a list of messages in Indonesian (empty = clean); nothing raises.
"""
from __future__ import annotations

import re

from rentan.idfmt import tanggal
from rentan.legal.act import Act, Ayat, Butir, Pasal
from rentan.legal.phrasing import menimbang_penutup, tentang_perubahan

CONJ_ENDINGS = ("; dan", "; atau", "; dan/atau")
_SPACE_BEFORE = re.compile(r"\s[,;:.](?!\.)")


def _end_ok(text: str, expected: str) -> bool:
    if expected == ";":
        return text.endswith(";") and not text.endswith(CONJ_ENDINGS)
    if expected == "conj":
        return text.endswith(CONJ_ENDINGS)
    return text.endswith(expected)


_WORDS = {";": "\";\"", "conj": "\"; dan\", \"; atau\", atau \"; dan/atau\"", ".": "\".\"", ":": "\":\""}


def _spacing(text: str, where: str, out: list[str]) -> None:
    if "  " in text:
        out.append(f"{where}: spasi ganda")
    if _SPACE_BEFORE.search(text):
        out.append(f"{where}: ada spasi sebelum tanda baca")


def check_items(items: tuple[Butir, ...], where: str, last_end: str, definitions: bool = False) -> list[str]:
    out: list[str] = []
    live = [b for b in items if not b.deleted]
    for k, b in enumerate(live):
        w = f"{where} {b.kind} {b.label}"
        _spacing(b.text, w, out)
        if definitions:
            expected = "."
        elif k == len(live) - 1:
            expected = last_end
        elif k == len(live) - 2:
            expected = "conj"
        else:
            expected = ";"
        if b.items:
            if not b.text.endswith(":"):
                out.append(f"{w}: kalimat pengantar rincian harus diakhiri \":\"")
            out.extend(check_items(b.items, w, expected))
        elif not _end_ok(b.text, expected):
            out.append(f"{w}: harus diakhiri {_WORDS[expected]}")
    return out


def check_paragraph(a: Ayat, where: str) -> list[str]:
    if a.deleted:
        return []
    out: list[str] = []
    w = f"{where} ayat ({a.number})" if a.number is not None else where
    _spacing(a.text, w, out)
    if a.items:
        if not a.text.endswith(":"):
            out.append(f"{w}: kalimat pengantar rincian harus diakhiri \":\"")
        definitions = a.text.endswith("yang dimaksud dengan:")
        out.extend(check_items(a.items, w, ".", definitions))
    elif not a.text.endswith("."):
        out.append(f"{w}: harus diakhiri \".\"")
    return out


def check_pasal(p: Pasal) -> list[str]:
    if p.deleted:
        return []
    out: list[str] = []
    for a in p.paragraphs:
        out.extend(check_paragraph(a, f"Pasal {p.number}"))
    return out


def check_menimbang(items: tuple[str, ...], jenis: str, tentang: str) -> list[str]:
    out: list[str] = []
    for k, s in enumerate(items):
        w = f"Menimbang huruf {chr(ord('a') + k)}"
        _spacing(s, w, out)
        if not s.startswith("bahwa "):
            out.append(f"{w}: harus diawali \"bahwa\"")
        if not s.endswith(";"):
            out.append(f"{w}: harus diakhiri \";\"")
    if items:
        expected = menimbang_penutup(len(items) - 1, jenis, tentang)
        if items[-1] != expected:
            out.append(f"Menimbang huruf {chr(ord('a') + len(items) - 1)}: seharusnya berbunyi \"{expected}\"")
    return out


def check_mengingat(items: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for k, s in enumerate(items):
        _spacing(s, f"Mengingat angka {k + 1}", out)
        if not s.endswith(";"):
            out.append(f"Mengingat angka {k + 1}: harus diakhiri \";\"")
    return out


def check_act(act: Act) -> list[str]:
    """Messages for every punctuation fault of an act (base or consolidated)."""
    out = check_menimbang(act.menimbang, act.jenis, act.tentang) + check_mengingat(act.mengingat)
    for _, p in act.iter_pasal():
        out.extend(check_pasal(p))
    return out


def check_amendment(base: Act, amendment) -> list[str]:
    """The amending regulation's own text: its pembukaan, the new text it carries (checked on the
    consolidated act), Pasal II, and that the dates and citations agree."""
    from rentan.legal.amendment import apply

    tentang = tentang_perubahan(base.judul_singkat, base.tentang, amendment.perubahan_ke)
    mengingat = amendment.mengingat_bagi(base)
    out = check_menimbang(amendment.menimbang, amendment.jenis, tentang) + check_mengingat(mengingat)
    if mengingat and base.sebutan_lengkap not in mengingat[-1]:
        out.append(f"Mengingat angka {len(mengingat)}: peraturan yang diubah harus disebut terakhir "
                   f"sebagai \"{base.sebutan_lengkap};\"")
    consolidated = apply(base, amendment, annotate=False)
    for _, p in consolidated.iter_pasal():
        out.extend(check_pasal(p))
    out.extend(check_pasal(amendment.pasal_ii))
    if amendment.mulai_berlaku is not None:
        when = tanggal(amendment.mulai_berlaku)
        text = " ".join(a.text for a in amendment.pasal_ii.paragraphs)
        if f"mulai berlaku pada tanggal {when}" not in text:
            out.append(f"Pasal II: mulai_berlaku {when} tidak tertulis dalam Pasal II "
                       f"(\"… mulai berlaku pada tanggal {when}.\")")
    return out
