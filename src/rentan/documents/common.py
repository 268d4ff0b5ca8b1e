"""What every document shares: the letterhead and signatory of the office in force on the
document's date, the snapshot of participants it is about, working-day dates, the conversion of
participants to annex rows."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from rentan.program import Kantor, Program
from rentan.registry.models import Peserta
from rentan.render.annex import AnnexGroup, AnnexRow
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Kop(_Model):
    dinas: str  # "DINAS SOSIAL"
    alamat: str
    telepon: str = ""
    laman: str = ""


class Penandatangan(_Model):
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""


class Surat(_Model):
    """What every letter and memo carries in its head and its foot (Permendagri 1/2023)."""
    kop: Kop
    nomor: str
    tanggal: dt.date
    sifat: str
    lampiran: str
    hal: str
    kepada: str
    penandatangan: Penandatangan
    tembusan: list[str]
    demo: bool = False


def kop(k: Kantor) -> Kop:
    return Kop(dinas=k.nama.upper(), alamat=k.alamat, telepon=k.telepon, laman=k.laman)


def kepala(k: Kantor) -> Penandatangan:
    return Penandatangan(jabatan=k.kepala.jabatan, nama=k.kepala.nama, pangkat=k.kepala.pangkat, nip=k.kepala.nip)


SNAPSHOT_FIELDS = ("nik", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "kelurahan_kode",
                   "kecamatan_kode", "sektor", "pekerjaan", "status", "kpj")


def snapshot_hash(people: Iterable[Peserta]) -> str:
    """A hash of exactly the participant data a document shows, in a fixed order."""
    h = hashlib.sha256()
    for p in sorted(people, key=lambda p: p.nik):
        h.update(json.dumps([str(getattr(p, f)) for f in SNAPSHOT_FIELDS], ensure_ascii=False).encode())
        h.update(b"\n")
    return h.hexdigest()


def order_key(p: Peserta) -> tuple:
    return (p.kecamatan_kode, p.kelurahan_kode, p.nama.upper(), p.nik)


def annex_groups(people: Sequence[Peserta], prog: Program) -> list[AnnexGroup]:
    """Participants grouped by kecamatan then kelurahan, in code order, names alphabetical."""
    groups: list[AnnexGroup] = []
    current: list[AnnexRow] = []
    key = None
    for p in sorted(people, key=order_key):
        if p.kelurahan_kode != key:
            if current:
                groups.append(AnnexGroup(KECAMATAN_BY_KODE[key[:8]].nama, KELURAHAN_BY_KODE[key].nama, current))
            key, current = p.kelurahan_kode, []
        current.append(AnnexRow(nik=p.nik, nama=p.nama, tempat_lahir=p.tempat_lahir, tanggal_lahir=p.tanggal_lahir,
                                jenis_kelamin=p.jenis_kelamin, pekerjaan=p.pekerjaan,
                                kelurahan=KELURAHAN_BY_KODE[p.kelurahan_kode].nama))
    if current:
        groups.append(AnnexGroup(KECAMATAN_BY_KODE[key[:8]].nama, KELURAHAN_BY_KODE[key].nama, current))
    return groups
