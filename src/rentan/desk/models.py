"""The web desk's tables, on the registry's declarative base (schema: migration 0005_pengguna)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from rentan.registry.models import Base

PERAN = {"dinas": "Dinas", "bagian_hukum": "Bagian Hukum", "admin": "Admin"}


class Pengguna(Base):
    """A staff account: login name, role, Argon2id hash of the password; disabled, never deleted."""
    __tablename__ = "pengguna"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nama: Mapped[str] = mapped_column(String(100), unique=True)
    peran: Mapped[str] = mapped_column(String(20))
    sandi: Mapped[str] = mapped_column(String(200))
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    nonaktif: Mapped[bool] = mapped_column(Boolean, default=False)


class UpayaMasuk(Base):
    """One login attempt: the name tried, the client's address, when, and whether it succeeded."""
    __tablename__ = "upaya_masuk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nama: Mapped[str] = mapped_column(String(100), index=True)
    alamat: Mapped[str] = mapped_column(String(64), index=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    berhasil: Mapped[bool] = mapped_column(Boolean)
