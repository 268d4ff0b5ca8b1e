"""What every document shares: the letterhead and signatory of the office in force on the
document's date, and the conversion of a snapshot's participants to annex rows."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from pydantic import BaseModel, ConfigDict

from rentan.program import Kantor, program
from rentan.registry.snapshot import Anggota
from rentan.render.annex import AnnexGroup, AnnexRow
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Kop(_Model):
    pemerintah: str  # "PEMERINTAH KOTA BALIKPAPAN"
    dinas: str  # "DINAS SOSIAL"
    alamat: str
    telepon: str = ""
    laman: str = ""
    tempat: str  # where letters are dated and addressed: "Balikpapan"


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
    konsep: bool = False


def watermark(konsep: bool, demo: bool) -> str | None:
    """What every page of a PDF face says across it: KONSEP on a konsep, DEMO on the demo's."""
    return "KONSEP" if konsep else ("DEMO" if demo else None)


def kop(k: Kantor) -> Kop:
    d = program().daerah
    return Kop(pemerintah=d.pemerintah.upper(), dinas=k.nama.upper(), alamat=k.alamat, telepon=k.telepon,
               laman=k.laman, tempat=d.nama)


def kepala(k: Kantor) -> Penandatangan:
    return Penandatangan(jabatan=k.kepala.jabatan, nama=k.kepala.nama, pangkat=k.kepala.pangkat, nip=k.kepala.nip)


def order_key(a: Anggota) -> tuple:
    return (a.kecamatan_kode, a.kelurahan_kode, a.nama.upper(), a.nik)


def annex_groups(people: Iterable[Anggota]) -> list[AnnexGroup]:
    """Participants grouped by kecamatan then kelurahan, in code order, names alphabetical — as the
    Lampiran prints them (Perwali Pasal 9 ayat (3): nama, NIK, tempat dan tanggal lahir, pekerjaan,
    alamat): names in capitals as Dukcapil writes them, places in title case, the occupation as the
    Pasal 5 category (the sector's name in program.toml [sektor]; the clerk's own text stays in the
    registry), the address as registered, whether the person continues from the year before
    (Keterangan: Lanjutan / Baru) and, for ojek online drivers, whether the platform letter is on
    file (Ada / Belum ada / Belum diketahui; "–" for other sectors)."""
    from rentan.render.annex import (BARU, LANJUTAN, SEKTOR_SURAT_APLIKATOR, SURAT_ADA, SURAT_BELUM,
                                     SURAT_BELUM_DIKETAHUI, SURAT_TIDAK_PERLU, nama_kapital, nama_tempat)
    prog = program()
    sektor = {k: s.nama for k, s in prog.sektor.items()}
    groups: list[AnnexGroup] = []
    current: list[AnnexRow] = []
    key = None
    for a in sorted(people, key=order_key):
        if a.kelurahan_kode != key:
            if current:
                groups.append(AnnexGroup(KECAMATAN_BY_KODE[key[:8]].nama, KELURAHAN_BY_KODE[key].nama, current))
            key, current = a.kelurahan_kode, []
        if a.sektor == SEKTOR_SURAT_APLIKATOR:
            surat = getattr(a, "surat_aplikator", None)
            letter = SURAT_BELUM_DIKETAHUI if surat is None else (SURAT_ADA if surat else SURAT_BELUM)
        else:
            letter = SURAT_TIDAK_PERLU
        current.append(AnnexRow(nik=a.nik, nama=nama_kapital(a.nama), tempat_lahir=nama_tempat(a.tempat_lahir),
                                tanggal_lahir=a.tanggal_lahir, jenis_kelamin=a.jenis_kelamin,
                                pekerjaan=sektor.get(a.sektor) or a.pekerjaan,
                                kelurahan=KELURAHAN_BY_KODE[a.kelurahan_kode].nama, alamat=a.alamat or "",
                                keterangan=LANJUTAN if a.lanjutan else BARU, surat_aplikator=letter))
    if current:
        groups.append(AnnexGroup(KECAMATAN_BY_KODE[key[:8]].nama, KELURAHAN_BY_KODE[key].nama, current))
    return groups

