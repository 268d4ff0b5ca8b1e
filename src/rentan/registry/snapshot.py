"""Frozen snapshots: what a document is about, as plain records, read once from the registry.

A `Snapshot` is an immutable tuple of `Anggota` (a person and what they are in one coverage year)
and the SHA-256 of exactly what documents show of them, in a fixed order. Contexts are built from
snapshots by pure functions, so they are testable without a database, and the manifest of every
document carries the snapshot's hash.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, fields
from typing import Iterable, Iterator


@dataclass(frozen=True, slots=True)
class Anggota:
    """A person and their participation in one coverage year (plain values: it outlives the
    transaction that read it)."""
    peserta_id: int
    kepesertaan_id: int | None  # None: no row for this year yet (a continuing participant)
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    jenis_kelamin: str
    alamat: str
    kelurahan_kode: str
    kecamatan_kode: str
    sektor: str
    pekerjaan: str
    penghasilan: int
    domisili_sejak: dt.date
    kpj: str | None
    ditanggung_provinsi: bool
    tahun: int
    status: str
    alasan_status: str | None
    lanjutan: bool  # enrolled in the coverage year before
    sumber: str
    nomor_sk: str | None
    mulai: dt.date | None
    alasan_berakhir: str | None
    tanggal_berakhir: dt.date | None
    surat_aplikator: bool | None = None  # ojek online: platform letter received (None: not known)
    validasi: str | None = None  # BPJS's answer to the year's validation request: diterima / ditolak
    alasan_validasi: str | None = None  # BPJS's reason, when refused


# What a document shows of a person: the fields the hash covers. Not the status or the SK number,
# which issuing the document itself changes: a decree's snapshot is the same read before it
# enrolls its participants and after.
SHOWN = ("nik", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat", "kelurahan_kode",
         "kecamatan_kode", "sektor", "pekerjaan", "kpj", "tahun", "lanjutan")
FIELDS = tuple(f.name for f in fields(Anggota))


def digest(records: Iterable[Anggota], extra: object = None) -> str:
    """SHA-256 of the shown fields of `records` (in NIK order) and of `extra` (figures the
    document also rests on, e.g. the year's spending), as canonical JSON."""
    h = hashlib.sha256()
    for r in sorted(records, key=lambda r: r.nik):
        h.update(json.dumps([str(getattr(r, f)) for f in SHOWN], ensure_ascii=False).encode())
        h.update(b"\n")
    if extra is not None:
        h.update(json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str).encode())
    return h.hexdigest()


@dataclass(frozen=True)
class Snapshot:
    records: tuple[Anggota, ...]
    sha256: str

    @classmethod
    def of(cls, records: Iterable[Anggota], extra: object = None) -> "Snapshot":
        rs = tuple(sorted(records, key=lambda r: (r.kecamatan_kode, r.kelurahan_kode, r.nama.upper(), r.nik)))
        return cls(rs, digest(rs, extra))

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Anggota]:
        return iter(self.records)
