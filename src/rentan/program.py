"""Dated programme parameters (OpenFisca-style): every value has the date it holds from and its
legal basis, and a lookup by date returns the value in force on that date.

The values live in `program.toml` beside this module (staff can read and edit it); the file named
by `RENTAN_PROGRAM` replaces it. Loading validates the whole file and names the key that is wrong.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rentan.errors import Refusal
from rentan.datafiles import read_data, validate

DEFAULT_PATH = Path(__file__).with_name("program.toml")


class ProgramError(Refusal):
    """The settings file is wrong; the message names the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Nilai(_Strict):
    sejak: dt.date
    nilai: Any
    dasar: str | None = None


JENIS = {"bilangan_bulat": "harus bilangan bulat tidak negatif",
         "desimal": "bukan angka desimal yang sah (tulis sebagai teks dengan titik desimal, mis. \"3701508.68\")"}


class Parameter(_Strict):
    """A dated parameter, with its unit and type declared (as OpenFisca's parameters are): a value
    of the wrong type is refused when the file is read, naming the key."""
    keterangan: str
    dasar: str
    satuan: Literal["rupiah", "rupiah_per_orang_per_bulan", "tahun", "bulan"]
    jenis: Literal["bilangan_bulat", "desimal"]
    tahunan: bool = False  # one value per coverage year: a year without its own value is not yet set
    nilai: list[Nilai] = Field(min_length=1)

    @field_validator("nilai")
    @classmethod
    def _sorted(cls, v: list[Nilai]) -> list[Nilai]:
        dates = [n.sejak for n in v]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError("tanggal `sejak` harus urut naik dan tidak berulang")
        return v

    @model_validator(mode="after")
    def _typed(self) -> "Parameter":
        for i, n in enumerate(self.nilai):
            ok = (isinstance(n.nilai, int) and not isinstance(n.nilai, bool) and n.nilai >= 0
                  if self.jenis == "bilangan_bulat" else _decimal(n.nilai) is not None)
            if not ok:
                raise ValueError(f"nilai[{i}]: {JENIS[self.jenis]}; tertulis {n.nilai!r}")
        return self


def _decimal(v: Any) -> Decimal | None:
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        return None
    return d if d.is_finite() and d >= 0 else None


class Pejabat(_Strict):
    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str) -> str:
        digits = v.replace(" ", "")
        if digits and not re.fullmatch(r"\d{18}", digits):
            raise ValueError("NIP harus 18 digit (atau kosong bila belum diisi)")
        return v


class Daerah(_Strict):
    """The region running the programme: every city fact documents print comes from here."""
    nama: str  # "Balikpapan"
    jenis: Literal["Kota", "Kabupaten"]
    provinsi: str  # "Kalimantan Timur"
    pemerintah: str  # "Pemerintah Kota Balikpapan"
    kepala_daerah: str  # "Wali Kota Balikpapan"
    peraturan_program: str  # the regulation of the programme, as cited
    bagian_hukum: str  # who drafts the regulations
    bpjs: str  # the addressee of letters to BPJS Ketenagakerjaan
    skema_provinsi: str  # who else pays for pekerja rentan (nobody is paid for twice)
    dasar_skema_provinsi: str
    zona_waktu: str  # the programme's clock (WITA: Asia/Makassar)
    wilayah: str  # the file listing the kecamatan and kelurahan, beside this settings file or in rentan/data/

    @property
    def sebutan(self) -> str:
        """Kota Balikpapan"""
        return f"{self.jenis} {self.nama}"

    @property
    def wilayah_path(self) -> Path:
        p = Path(self.wilayah)
        if p.is_absolute():
            return p
        beside = Path(os.environ.get("RENTAN_PROGRAM", DEFAULT_PATH)).parent / p
        return beside if beside.exists() else Path(__file__).with_name("data") / p


class Kantor(_Strict):
    kode: str
    sejak: dt.date
    sampai: dt.date | None = None
    nama: str
    singkatan: str
    alamat: str
    telepon: str = ""
    laman: str = ""
    format_nomor: str
    klasifikasi: str
    bidang: str  # the division inside the office that verifies its own sectors (nota dinas)
    kepala: Pejabat

    @property
    def nama_lengkap(self) -> str:
        """Dinas Sosial Kota Balikpapan"""
        return f"{self.nama} {program().daerah.sebutan}"

    def nomor(self, urut: int, klasifikasi: str | None = None, tahun: int | None = None) -> str:
        return self.format_nomor.format(klasifikasi=klasifikasi or self.klasifikasi, urut=urut,
                                        singkatan=self.singkatan, tahun=tahun or "")

    @field_validator("format_nomor")
    @classmethod
    def _format(cls, v: str) -> str:
        try:
            v.format(klasifikasi="500", urut=1, singkatan="X", tahun=2026)
        except (KeyError, IndexError, ValueError) as e:
            raise ValueError(f"format nomor tidak dikenal ({e}); gunakan {{klasifikasi}}, {{urut}}, "
                             "{singkatan}, {tahun}") from None
        return v


class Naskah(_Strict):
    kertas_surat: Literal["A4", "F4"]
    kertas_produk_hukum: Literal["A4", "F4"]
    sifat_verifikasi: str
    batas_verifikasi_hari_kerja: int = Field(ge=1, le=60)
    tembusan_verifikasi: list[str]


class Instansi(_Strict):
    nama: str
    singkatan: str
    jabatan_kepala: str


class Sektor(_Strict):
    kode: str = ""
    nama: str
    verifikator: str
    kata_kunci: list[str] = Field(min_length=1)


class Iuran(_Strict):
    jkk: int
    jkm: int

    @property
    def total(self) -> int:
        return self.jkk + self.jkm


class PenandatanganSk(_Strict):
    jabatan: str  # "Wali Kota Balikpapan" (printed in capitals)
    nama: str  # printed in capitals; blank prints as a dotted line


class Sk(_Strict):
    """The Keputusan Wali Kota fixing the year's participants (`[sk]` in program.toml)."""
    format_nomor: str  # {urut}: the decree's sequence number, {tahun}: the year of the decree's date
    rahmat: bool  # print "DENGAN RAHMAT TUHAN YANG MAHA ESA" on the keputusan
    tempat: str  # "Ditetapkan di …"
    penandatangan: PenandatanganSk
    pembebanan: str  # where the contributions are charged; {tahun}, {dinas}

    def nomor(self, urut: int, tahun: int) -> str:
        return self.format_nomor.format(urut=urut, tahun=tahun)

    @field_validator("format_nomor")
    @classmethod
    def _format(cls, v: str) -> str:
        try:
            out = v.format(urut=1, tahun=2026)
        except (KeyError, IndexError, ValueError) as e:
            raise ValueError(f"format nomor tidak dikenal ({e}); gunakan {{urut}} dan {{tahun}}") from None
        if out == v.format(urut=2, tahun=2026):
            raise ValueError("format nomor harus memuat {urut}")
        return v

    @field_validator("pembebanan")
    @classmethod
    def _pembebanan(cls, v: str) -> str:
        try:
            v.format(tahun=2026, dinas="Dinas")
        except (KeyError, IndexError, ValueError) as e:
            raise ValueError(f"isian tidak dikenal ({e}); gunakan {{tahun}} dan {{dinas}}") from None
        return v


class BelumPasti(_Strict):
    """A setting staff have not confirmed: a final document using it is refused."""
    alasan: str
    naskah: list[str] = []  # the document kinds that use it; empty: all


class Bpjs(_Strict):
    """The BPJS Ketenagakerjaan branch the dinas exchanges lists with, and who signs for it."""
    kantor: str = "BPJS Ketenagakerjaan Kantor Cabang Balikpapan"
    jabatan: str = "Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan"
    nama: str = ""  # the berita acara rekonsiliasi is final only when this is known


class Program(_Strict):
    daerah: Daerah
    bpjs: Bpjs = Bpjs()
    parameter: dict[str, Parameter]
    belum_pasti: dict[str, BelumPasti] = {}
    kantor: list[Kantor] = Field(min_length=1)
    naskah: Naskah
    instansi: dict[str, Instansi]
    sektor: dict[str, Sektor]
    sk: Sk

    @model_validator(mode="after")
    def _consistent(self) -> "Program":
        for name, jenis in REQUIRED.items():
            if name not in self.parameter:
                raise ValueError(f"parameter.{name} wajib ada")
            if self.parameter[name].jenis != jenis:
                raise ValueError(f"parameter.{name}: jenis harus {jenis!r}")
        ks = sorted(self.kantor, key=lambda k: k.sejak)
        for a, b in zip(ks, ks[1:]):
            if a.sampai is None or a.sampai >= b.sejak:
                raise ValueError(f"kantor {a.kode!r} harus berakhir (sampai) sebelum {b.kode!r} mulai")
        for kode, s in self.sektor.items():
            if s.verifikator != "penyelenggara" and s.verifikator not in self.instansi:
                raise ValueError(f"sektor.{kode}.verifikator: instansi {s.verifikator!r} tidak ada di [instansi]")
        return self

    def unconfirmed(self, kind: str, kantor: str | None = None) -> list[str]:
        """What document `kind` (issued by office `kantor`) would rest on that staff have not
        confirmed (program.toml [belum_pasti]; an entry with an empty `alasan` is confirmed), as
        lines for the clerk."""
        def relevant(key: str, b: BelumPasti) -> bool:
            if not b.alasan or (b.naskah and kind not in b.naskah):
                return False
            return not key.startswith("kantor.") or key.split(".")[1] == kantor
        return [f"{key}: {b.alasan} (program.toml [belum_pasti])" for key, b in sorted(self.belum_pasti.items())
                if relevant(key, b)]

    # --- lookups by date ---------------------------------------------------------------------

    def nilai(self, name: str, on: dt.date) -> Nilai:
        """The value of parameter `name` in force on `on`, with its legal basis."""
        p = self.parameter[name]
        current = None
        for n in p.nilai:
            if n.sejak <= on:
                current = n
        if current is None:
            raise ProgramError(f"parameter.{name} belum berlaku pada {on.isoformat()}")
        return current if current.dasar else current.model_copy(update={"dasar": p.dasar})

    def iuran(self, on: dt.date) -> Iuran:
        return Iuran(jkk=self.nilai("iuran_jkk", on).nilai, jkm=self.nilai("iuran_jkm", on).nilai)

    def tahunan(self, name: str, tahun: int) -> Nilai:
        """The value of a yearly parameter (UMK, budget) set for coverage year `tahun` itself: last
        year's is never reused silently."""
        p = self.parameter[name]
        for n in p.nilai:
            if n.sejak.year == tahun and n.sejak <= dt.date(tahun, 1, 1):
                return n if n.dasar else n.model_copy(update={"dasar": p.dasar})
        raise ProgramError(f"parameter.{name} untuk tahun {tahun} belum diisi di program.toml ({p.keterangan}); "
                           f"isi nilainya dengan `sejak = {tahun}-01-01` dan dasar hukumnya lebih dahulu")

    def umk(self, tahun: int) -> Decimal:
        return Decimal(str(self.nilai("umk", dt.date(tahun, 1, 1)).nilai))

    def anggaran(self, tahun: int) -> int:
        return self.nilai("anggaran", dt.date(tahun, 1, 1)).nilai

    def kantor_pada(self, on: dt.date) -> Kantor:
        """The issuing office on `on`: Disnaker through 2025, Dinas Sosial from 2026."""
        for k in self.kantor:
            if k.sejak <= on and (k.sampai is None or on <= k.sampai):
                return k
        raise ProgramError(f"tidak ada kantor penyelenggara pada {on.isoformat()} di [[kantor]]")

    def sektor_of(self, kode: str) -> Sektor:
        return self.sektor[kode].model_copy(update={"kode": kode})

    def verifikator(self, sektor: str, on: dt.date) -> tuple[str, str, str]:
        """(code, name, head's title) of the agency that verifies `sektor` on `on`."""
        v = self.sektor[sektor].verifikator
        if v == "penyelenggara":
            k = self.kantor_pada(on)
            return k.kode, k.nama_lengkap, k.kepala.jabatan
        i = self.instansi[v]
        return v, i.nama, i.jabatan_kepala

    def cari_sektor(self, text: str | None) -> str | None:
        """The sector code that a free-text occupation ("Driver Ojol", "PKL bakso") points to."""
        if not text:
            return None
        t = " " + re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip() + " "
        if t.strip().replace(" ", "_") in self.sektor:
            return t.strip().replace(" ", "_")
        best, best_len = None, 0
        for kode, s in self.sektor.items():
            for kw in [s.nama, *s.kata_kunci]:
                k = " " + re.sub(r"[^a-z0-9]+", " ", kw.lower()).strip() + " "
                if k in t and len(k) > best_len:
                    best, best_len = kode, len(k)
        return best


# parameters every settings file must have, with their type
REQUIRED = {"iuran_jkk": "bilangan_bulat", "iuran_jkm": "bilangan_bulat", "umk": "desimal",
            "usia_maksimum": "bilangan_bulat", "usia_minimum": "bilangan_bulat",
            "domisili_minimum_bulan": "bilangan_bulat", "anggaran": "bilangan_bulat"}


def load_program(path: str | Path | None = None) -> Program:
    """Read and validate a settings file; errors name the key in Indonesian."""
    p = Path(path) if path else Path(os.environ.get("RENTAN_PROGRAM", DEFAULT_PATH))
    return validate(Program, read_data(p, ProgramError, "berkas pengaturan program"), p.name, ProgramError)


@lru_cache(maxsize=8)
def _cached(path: str, overlay: str | None) -> Program:
    return load_program(path)


def program() -> Program:
    """The programme settings in force for this process (cached per file and overlay)."""
    from rentan.datafiles import OVERLAY
    return _cached(str(os.environ.get("RENTAN_PROGRAM", DEFAULT_PATH)), os.environ.get(OVERLAY))
