"""The region's kecamatan and kelurahan and a forgiving matcher for the ways staff spell them.

The list is data, not code: the file `[daerah] wilayah` of program.toml names (for Kota Balikpapan,
`data/wilayah-6471.toml`: Kepmendagri 300.2.2-2430/2025 codes, as published in the MIT-licensed
cahyadsn/wilayah dataset), so another city is another settings file. Domicile is decided by the
address (kelurahan), never by the NIK prefix: the NIK's region is where it was first issued.

`KECAMATAN`, `KELURAHAN`, `KELURAHAN_BY_KODE` and `KECAMATAN_BY_KODE` are read from that file when
first used.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str


@dataclass(frozen=True)
class Kelurahan:
    kode: str
    nama: str
    kecamatan: Kecamatan


@dataclass(frozen=True)
class Wilayah:
    kode: str
    nama: str
    kecamatan: tuple[Kecamatan, ...]
    kelurahan: tuple[Kelurahan, ...]


@lru_cache(maxsize=4)
def _load(path: str) -> Wilayah:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    kec, kel = [], []
    for k in data["kecamatan"]:
        c = Kecamatan(k["kode"], k["nama"])
        kec.append(c)
        kel += [Kelurahan(x["kode"], x["nama"], c) for x in k["kelurahan"]]
    return Wilayah(data["kode"], data["nama"], tuple(kec), tuple(kel))


def wilayah() -> Wilayah:
    from rentan.program import program
    return _load(str(program().daerah.wilayah_path))


@lru_cache(maxsize=4)
def _tables(w: Wilayah) -> dict:
    return {"KECAMATAN": list(w.kecamatan), "KELURAHAN": list(w.kelurahan),
            "KELURAHAN_BY_KODE": {k.kode: k for k in w.kelurahan},
            "KECAMATAN_BY_KODE": {k.kode: k for k in w.kecamatan}}


def __getattr__(name: str):
    tables = _tables(wilayah())
    if name in tables:
        return tables[name]
    raise AttributeError(name)


_PREFIX = re.compile(r"^(kelurahan|kel|kec|kecamatan|desa|ds)\b\.?\s*", re.I)


def _key(text: str) -> str:
    """Spelling-insensitive key: case, spaces ("Gunungsamarinda"), dots, dashes, a "Kel." prefix
    and the abbreviations "Gn." and "Sei" do not matter."""
    t = _PREFIX.sub("", text.strip())
    t = t.lower().replace("gn.", "gunung ").replace("sei ", "sungai ").replace("sei.", "sungai ")
    t = re.sub(r"\bgn\b", "gunung", t)
    return re.sub(r"[^a-z0-9]", "", t)


@lru_cache(maxsize=4)
def _index(w: Wilayah) -> dict[str, Kelurahan]:
    idx = {}
    for k in w.kelurahan:
        idx[_key(k.nama)] = k
        idx[k.kode.replace(".", "")] = k
    return idx


def cari_kelurahan(text: str | None) -> Kelurahan | None:
    """The kelurahan a clerk meant by `text` ("Kel. Gn. Samarinda", "MUARA RAPAK"), or None."""
    if not text:
        return None
    return _index(wilayah()).get(_key(str(text)))
