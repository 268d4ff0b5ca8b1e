"""The registry's tables. The schema itself is made by the Alembic migrations beside this module;
these classes must match them (a test compares the two)."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Status(str, enum.Enum):
    """In a coverage year: registered → verified or rejected → enrolled by SK → active → ended."""
    TERDAFTAR = "terdaftar"
    TERVERIFIKASI = "terverifikasi"
    DITOLAK = "ditolak"
    DITETAPKAN = "ditetapkan"
    AKTIF = "aktif"
    BERAKHIR = "berakhir"


class AlasanBerakhir(str, enum.Enum):
    MENINGGAL = "meninggal"
    PINDAH = "pindah"
    SEKTOR_FORMAL = "sektor_formal"
    USIA = "usia"
    GANDA_PROVINSI = "ganda_provinsi"


ALASAN_BERAKHIR_LABEL = {
    AlasanBerakhir.MENINGGAL: "meninggal dunia",
    AlasanBerakhir.PINDAH: "pindah domisili ke luar {daerah}",
    AlasanBerakhir.SEKTOR_FORMAL: "bekerja di sektor formal",
    AlasanBerakhir.USIA: "melewati batas usia",
    AlasanBerakhir.GANDA_PROVINSI: "ditanggung ganda oleh {skema_provinsi}",
}


def alasan_berakhir(kode: str) -> str:
    """Why a coverage ended, in words ("pindah domisili ke luar Kota Balikpapan"); other text as it is."""
    from rentan.program import program
    if kode not in AlasanBerakhir._value2member_map_:
        return kode
    d = program().daerah
    return ALASAN_BERAKHIR_LABEL[AlasanBerakhir(kode)].format(daerah=d.sebutan, skema_provinsi=d.skema_provinsi)


class Base(DeclarativeBase):
    pass


class Peserta(Base):
    """A person: who they are, where they live, what they do. One record whatever the years; its
    history is in the audit log. What they are in a coverage year is a `Kepesertaan`."""
    __tablename__ = "peserta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    tempat_lahir: Mapped[str] = mapped_column(String(100))
    tanggal_lahir: Mapped[dt.date] = mapped_column(Date)
    jenis_kelamin: Mapped[str] = mapped_column(String(1))
    alamat: Mapped[str] = mapped_column(String(300))
    kelurahan_kode: Mapped[str] = mapped_column(String(13), index=True)
    kecamatan_kode: Mapped[str] = mapped_column(String(8))
    telepon: Mapped[str | None] = mapped_column(String(30))
    sektor: Mapped[str] = mapped_column(String(30), index=True)
    pekerjaan: Mapped[str] = mapped_column(String(100))
    penghasilan: Mapped[int] = mapped_column(BigInteger)
    domisili_sejak: Mapped[dt.date] = mapped_column(Date)
    sumber: Mapped[str] = mapped_column(String(200))  # who first proposed them
    tahun_daftar: Mapped[int] = mapped_column(Integer)  # the first coverage year they were proposed for
    kpj: Mapped[str | None] = mapped_column(String(30))
    ditanggung_provinsi: Mapped[bool] = mapped_column(Boolean, default=False)
    # ojek online: has the platform's (aplikator's) letter been received (Perwali Pasal 4 ayat (1)
    # huruf d)? None: not known (no file said so)
    surat_aplikator: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class Kepesertaan(Base):
    """What a person is in one coverage year: candidate (terdaftar), verified or rejected (with the
    reason), enrolled by which SK from which date (ditetapkan, then aktif once paid for), ended
    (why, when). Earlier years are never touched by a later one."""
    __tablename__ = "kepesertaan"
    __table_args__ = (UniqueConstraint("peserta_id", "tahun"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    peserta_id: Mapped[int] = mapped_column(ForeignKey("peserta.id"), index=True)
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True, default=Status.TERDAFTAR.value)
    alasan_status: Mapped[str | None] = mapped_column(Text)
    lanjutan: Mapped[bool] = mapped_column(Boolean, default=False)  # enrolled the year before
    sumber: Mapped[str] = mapped_column(String(200))  # who proposed them for this year
    nomor_sk: Mapped[str | None] = mapped_column(String(100))
    mulai: Mapped[dt.date | None] = mapped_column(Date)
    alasan_berakhir: Mapped[str | None] = mapped_column(String(30))
    tanggal_berakhir: Mapped[dt.date | None] = mapped_column(Date)
    validasi: Mapped[str | None] = mapped_column(String(20))  # BPJS's answer: diterima / ditolak
    alasan_validasi: Mapped[str | None] = mapped_column(Text)


class AuditLog(Base):
    """Append-only (database triggers refuse UPDATE and DELETE): who, when, what, why."""
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    oleh: Mapped[str] = mapped_column(String(100))
    subjek: Mapped[str] = mapped_column(String(100), index=True)  # a NIK, or e.g. "impor:12"
    tindakan: Mapped[str] = mapped_column(String(50))
    perubahan: Mapped[str | None] = mapped_column(Text)  # JSON {field: [old, new]}
    alasan: Mapped[str | None] = mapped_column(Text)


class PesertaProvinsi(Base):
    """People whose contributions the Kaltim provincial budget pays (the provincial list)."""
    __tablename__ = "peserta_provinsi"

    nik: Mapped[str] = mapped_column(String(16), primary_key=True)
    sumber: Mapped[str] = mapped_column(String(200))
    diimpor: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Impor(Base):
    __tablename__ = "impor"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    oleh: Mapped[str] = mapped_column(String(100))
    berkas: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    tahun: Mapped[int] = mapped_column(Integer)
    dibaca: Mapped[int] = mapped_column(Integer)
    baru: Mapped[int] = mapped_column(Integer)
    diperbarui: Mapped[int] = mapped_column(Integer)
    ditolak: Mapped[int] = mapped_column(Integer)


class NomorSurat(Base):
    """The official-number register: one number per document key, never reused, never skipped."""
    __tablename__ = "nomor_surat"
    __table_args__ = (UniqueConstraint("seri", "urut"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kunci: Mapped[str] = mapped_column(String(200), unique=True)  # the document key
    seri: Mapped[str] = mapped_column(String(100))  # numbering series, e.g. "disnaker/2025"
    urut: Mapped[int] = mapped_column(Integer)
    nomor: Mapped[str] = mapped_column(String(200))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IuranPeriode(Base):
    """One issued remittance per period (and per numbered correction): the exactly-once record,
    written in the same transaction that takes the letter's number."""
    __tablename__ = "iuran_periode"
    __table_args__ = (UniqueConstraint("periode", "koreksi_ke"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    periode: Mapped[str] = mapped_column(String(7))  # "2026-01"
    koreksi_ke: Mapped[int] = mapped_column(Integer, default=0)  # 0 = the original letter
    kunci: Mapped[str] = mapped_column(String(200), unique=True)  # its key in the number register
    nomor: Mapped[str] = mapped_column(String(200))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    peserta: Mapped[int] = mapped_column(Integer)
    jkk: Mapped[int] = mapped_column(BigInteger)
    jkm: Mapped[int] = mapped_column(BigInteger)
    jumlah: Mapped[int] = mapped_column(BigInteger)
    alasan_koreksi: Mapped[str | None] = mapped_column(Text)
    snapshot_sha256: Mapped[str] = mapped_column(String(64))
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class NaskahTerbit(Base):
    """Every issued document, once: written in the same transaction that takes its number and
    records what it changes, after its files are in place (`rentan.documents.issuing`)."""
    __tablename__ = "naskah_terbit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kunci: Mapped[str] = mapped_column(String(200), unique=True)  # the document key (also the number's)
    jenis: Mapped[str] = mapped_column(String(50))
    tahun: Mapped[int] = mapped_column(Integer)
    folder: Mapped[str] = mapped_column(String(300))  # relative to the outputs root
    nomor: Mapped[str | None] = mapped_column(String(200))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    snapshot_sha256: Mapped[str | None] = mapped_column(String(64))
    ringkasan: Mapped[str | None] = mapped_column(Text)  # JSON: the manifest's summary (counts, no personal data)
    konsep: Mapped[bool] = mapped_column(Boolean, default=False)  # a konsep: no number, no effect
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class BpjsKiriman(Base):
    """A list sent to BPJS Ketenagakerjaan (validation request, registration)."""
    __tablename__ = "bpjs_kiriman"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20))  # validasi | registrasi
    tahun: Mapped[int] = mapped_column(Integer)
    kunci: Mapped[str] = mapped_column(String(200), unique=True)  # the document that carried it
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class BpjsKirimanBaris(Base):
    """One person as sent (the identity BPJS's answer must match)."""
    __tablename__ = "bpjs_kiriman_baris"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiriman_id: Mapped[int] = mapped_column(ForeignKey("bpjs_kiriman.id"), index=True)
    peserta_id: Mapped[int] = mapped_column(ForeignKey("peserta.id"))
    nik: Mapped[str] = mapped_column(String(16), index=True)
    nama: Mapped[str] = mapped_column(String(200))
    tanggal_lahir: Mapped[dt.date] = mapped_column(Date)


class BpjsTagihan(Base):
    """BPJS's bill for a month and its reconciliation with ours."""
    __tablename__ = "bpjs_tagihan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    periode: Mapped[str] = mapped_column(String(7), unique=True)
    kode_iuran: Mapped[str] = mapped_column(String(11))
    peserta: Mapped[int] = mapped_column(Integer)
    jumlah: Mapped[int] = mapped_column(BigInteger)
    berkas: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    selisih: Mapped[int] = mapped_column(Integer)  # differences found by the reconciliation
    catatan: Mapped[str | None] = mapped_column(Text)  # the clerk's explanation of them
    dicatat_oleh: Mapped[str | None] = mapped_column(String(100))
    diimpor: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class BpjsTagihanBaris(Base):
    __tablename__ = "bpjs_tagihan_baris"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tagihan_id: Mapped[int] = mapped_column(ForeignKey("bpjs_tagihan.id"), index=True)
    nik: Mapped[str] = mapped_column(String(16))
    kpj: Mapped[str | None] = mapped_column(String(30))
    jumlah: Mapped[int] = mapped_column(BigInteger)


__all__ = ["Base", "BpjsKiriman", "BpjsKirimanBaris", "BpjsTagihan", "BpjsTagihanBaris", "Peserta", "Kepesertaan", "NaskahTerbit", "AuditLog", "PesertaProvinsi", "Impor", "NomorSurat", "IuranPeriode", "Status",
           "AlasanBerakhir", "ALASAN_BERAKHIR_LABEL", "alasan_berakhir"]
