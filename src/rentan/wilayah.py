"""Kota Balikpapan's kecamatan and kelurahan (Kepmendagri 300.2.2-2138/2025 codes, as published
in the MIT-licensed cahyadsn/wilayah dataset) and a forgiving matcher for the ways staff spell them.

Domicile is decided by the address (kelurahan), never by the NIK prefix: the NIK's region is where
it was first issued.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KODE_KOTA = "64.71"
NAMA_KOTA = "Kota Balikpapan"


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str


@dataclass(frozen=True)
class Kelurahan:
    kode: str
    nama: str
    kecamatan: Kecamatan


_DATA = {
    ("64.71.01", "Balikpapan Timur"): [
        ("1001", "Manggar"), ("1002", "Lamaru"), ("1003", "Teritip"), ("1004", "Manggar Baru")],
    ("64.71.02", "Balikpapan Barat"): [
        ("1001", "Baru Ilir"), ("1002", "Baru Tengah"), ("1003", "Baru Ulu"), ("1004", "Kariangau"),
        ("1005", "Margo Mulyo"), ("1006", "Marga Sari")],
    ("64.71.03", "Balikpapan Utara"): [
        ("1001", "Batu Ampar"), ("1002", "Gunung Samarinda"), ("1003", "Karang Joang"),
        ("1004", "Muara Rapak"), ("1005", "Gunung Samarinda Baru"), ("1006", "Graha Indah")],
    ("64.71.04", "Balikpapan Tengah"): [
        ("1001", "Gunung Sari Ulu"), ("1002", "Gunung Sari Ilir"), ("1003", "Karang Rejo"),
        ("1004", "Karang Jati"), ("1005", "Mekar Sari"), ("1006", "Sumber Rejo")],
    ("64.71.05", "Balikpapan Selatan"): [
        ("1002", "Sepinggan"), ("1006", "Gunung Bahagia"), ("1008", "Sepinggan Baru"),
        ("1009", "Sepinggan Raya"), ("1010", "Sungai Nangka"), ("1011", "Damai Baru"),
        ("1012", "Damai Bahagia")],
    ("64.71.06", "Balikpapan Kota"): [
        ("1001", "Prapatan"), ("1002", "Telaga Sari"), ("1003", "Klandasan Ulu"),
        ("1004", "Klandasan Ilir"), ("1005", "Damai")],
}

KECAMATAN: list[Kecamatan] = [Kecamatan(k, n) for (k, n) in _DATA]
KELURAHAN: list[Kelurahan] = [
    Kelurahan(f"{kec_kode}.{suffix}", nama, Kecamatan(kec_kode, kec_nama))
    for (kec_kode, kec_nama), items in _DATA.items()
    for suffix, nama in items
]
KELURAHAN_BY_KODE = {k.kode: k for k in KELURAHAN}
KECAMATAN_BY_KODE = {k.kode: k for k in KECAMATAN}

_PREFIX = re.compile(r"^(kelurahan|kel|kec|kecamatan|desa|ds)\b\.?\s*", re.I)


def _key(text: str) -> str:
    """Spelling-insensitive key: case, spaces ("Gunungsamarinda"), dots, dashes, a "Kel." prefix
    and the abbreviations "Gn." and "Sei" do not matter."""
    t = _PREFIX.sub("", text.strip())
    t = t.lower().replace("gn.", "gunung ").replace("sei ", "sungai ").replace("sei.", "sungai ")
    t = re.sub(r"\bgn\b", "gunung", t)
    return re.sub(r"[^a-z0-9]", "", t)


@lru_cache(maxsize=1)
def _index() -> dict[str, Kelurahan]:
    idx = {}
    for k in KELURAHAN:
        idx[_key(k.nama)] = k
        idx[k.kode.replace(".", "")] = k
    return idx


def cari_kelurahan(text: str | None) -> Kelurahan | None:
    """The kelurahan a clerk meant by `text` ("Kel. Gn. Samarinda", "MUARA RAPAK"), or None."""
    if not text:
        return None
    return _index().get(_key(str(text)))
