"""Staff accounts of the web desk: passwords hashed with Argon2id (argon2-cffi, its recommended
parameters), never stored or logged; login attempts recorded and rate-limited; roles.

Roles and what they may do (`BOLEH`): *dinas* imports lists, issues verification memos and applies
the answers, issues the SK as konsep, issues the monthly remittance, runs the exchanges with BPJS Ketenagakerjaan
(validation, registration and KPJ numbers, the bill, its reconciliation) and holds the files with full
NIKs (the BPJS data file and request lists, the internal Lampiran, the return forms, the import's rejection report);
*bagian_hukum* issues the Perwali package and the naskah penjelasan, reads the SK konsep and issues
the SK final; *admin* may do everything. Every role may read the files that hold no full NIK.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from rentan.desk.models import PERAN, Pengguna, UpayaMasuk
from rentan.errors import Refusal
from rentan.registry import audit
from rentan.registry.db import session

# what each role may do
BOLEH = {
    "impor": {"dinas", "admin"},
    "verifikasi": {"dinas", "admin"},
    "jawaban": {"dinas", "admin"},
    "sk_konsep": {"dinas", "admin"},
    "sk_final": {"bagian_hukum", "admin"},
    "iuran": {"dinas", "admin"},
    "perwali": {"bagian_hukum", "admin"},
    "naskah": {"bagian_hukum", "admin"},
    "bpjs": {"dinas", "admin"},  # the exchanges with BPJS Ketenagakerjaan: requests, answers, bills, berita acara
    "nik_lengkap": {"dinas", "admin"},  # download a file that holds full NIKs
}

NAMA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,49}$")
MIN_SANDI = 10
# rate limit: this many failed attempts within the window lock the account name (per address a
# larger number), until the oldest of them leaves the window
WINDOW = dt.timedelta(minutes=15)
MAX_GAGAL_NAMA = 5
MAX_GAGAL_ALAMAT = 20

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("rentan-tidak-ada-akun-ini")  # checked when the name is unknown: the same time


class AccountError(Refusal):
    pass


@dataclass(frozen=True)
class Akun:
    id: int
    nama: str
    peran: str

    @property
    def label_peran(self) -> str:
        return PERAN[self.peran]

    def boleh(self, tindakan: str) -> bool:
        return self.peran in BOLEH[tindakan]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def check_name(nama: str) -> str:
    nama = (nama or "").strip().lower()
    if not NAMA.match(nama):
        raise AccountError("nama akun 2–50 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, "
                           "diawali huruf atau angka (mis. siti.dinsos)")
    return nama


def check_password(sandi: str) -> None:
    if len(sandi) < MIN_SANDI:
        raise AccountError(f"kata sandi paling sedikit {MIN_SANDI} karakter")
    if len(sandi) > 200:
        raise AccountError("kata sandi paling banyak 200 karakter")


def check_role(peran: str) -> str:
    if peran not in PERAN:
        raise AccountError(f"peran {peran!r} tidak dikenal; pilih salah satu: {', '.join(PERAN)}")
    return peran


def add_user(nama: str, peran: str, sandi: str, *, oleh: str | None = None, url: str | None = None) -> Akun:
    nama, peran = check_name(nama), check_role(peran)
    check_password(sandi)
    with session(url) as s:
        if s.scalars(select(Pengguna).where(Pengguna.nama == nama)).one_or_none():
            raise AccountError(f"akun {nama} sudah ada")
        u = Pengguna(nama=nama, peran=peran, sandi=_hasher.hash(sandi), dibuat=_now(), nonaktif=False)
        s.add(u)
        s.flush()
        audit.record(s, [audit.entry(f"pengguna:{nama}", "tambah", audit.actor(oleh), f"akun meja layanan, peran "
                                     f"{PERAN[peran]}", {"peran": (None, peran)})])
        return Akun(u.id, u.nama, u.peran)


def set_password(nama: str, sandi: str, *, oleh: str | None = None, url: str | None = None) -> None:
    nama = check_name(nama)
    check_password(sandi)
    with session(url) as s:
        u = s.scalars(select(Pengguna).where(Pengguna.nama == nama)).one_or_none()
        if u is None:
            raise AccountError(f"akun {nama} tidak ada")
        u.sandi = _hasher.hash(sandi)
        audit.record(s, [audit.entry(f"pengguna:{nama}", "ganti-sandi", audit.actor(oleh), "kata sandi diganti")])


def set_disabled(nama: str, nonaktif: bool, *, oleh: str | None = None, url: str | None = None) -> None:
    nama = check_name(nama)
    with session(url) as s:
        u = s.scalars(select(Pengguna).where(Pengguna.nama == nama)).one_or_none()
        if u is None:
            raise AccountError(f"akun {nama} tidak ada")
        before, u.nonaktif = u.nonaktif, nonaktif
        audit.record(s, [audit.entry(f"pengguna:{nama}", "nonaktifkan" if nonaktif else "aktifkan",
                                     audit.actor(oleh), None, {"nonaktif": (before, nonaktif)})])


def users(url: str | None = None) -> list[tuple[str, str, dt.datetime, bool]]:
    with session(url, readonly=True) as s:
        return [(u.nama, u.peran, u.dibuat, u.nonaktif) for u in s.scalars(select(Pengguna).order_by(Pengguna.nama))]


def active(user_id: int, url: str | None = None) -> Akun | None:
    """The account of a session, when it still exists and is not disabled."""
    with session(url, readonly=True) as s:
        u = s.get(Pengguna, user_id)
        return None if u is None or u.nonaktif else Akun(u.id, u.nama, u.peran)


def _locked_until(s, nama: str, alamat: str, now: dt.datetime) -> dt.datetime | None:
    since = now - WINDOW
    failed = (UpayaMasuk.berhasil.is_(False), UpayaMasuk.waktu > since)
    by_name = s.execute(select(func.count(), func.min(UpayaMasuk.waktu)).where(UpayaMasuk.nama == nama, *failed)).one()
    by_addr = s.execute(select(func.count(), func.min(UpayaMasuk.waktu)).where(UpayaMasuk.alamat == alamat,
                                                                              *failed)).one()
    for (n, oldest), limit in ((by_name, MAX_GAGAL_NAMA), (by_addr, MAX_GAGAL_ALAMAT)):
        if n >= limit:
            oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=dt.timezone.utc)
            return oldest + WINDOW
    return None


def login(nama: str, sandi: str, alamat: str, url: str | None = None) -> Akun:
    """The account whose name and password these are; AccountError (one line, the same for an
    unknown name and a wrong password) otherwise, or when too many attempts failed lately."""
    nama = (nama or "").strip().lower()[:100]
    alamat = (alamat or "-")[:64]
    now = _now()
    with session(url) as s:
        until = _locked_until(s, nama, alamat, now)
        if until is None:
            u = s.scalars(select(Pengguna).where(Pengguna.nama == nama)).one_or_none()
            try:
                ok = _hasher.verify(u.sandi if u else _DUMMY, sandi or "") and u is not None and not u.nonaktif
            except (VerificationError, InvalidHashError):
                ok = False
            s.add(UpayaMasuk(nama=nama, alamat=alamat, waktu=now, berhasil=ok))  # committed either way
            if ok and _hasher.check_needs_rehash(u.sandi):
                u.sandi = _hasher.hash(sandi)
            akun = Akun(u.id, u.nama, u.peran) if ok else None
    if until is not None:
        minutes = max(1, int((until - now).total_seconds() // 60) + 1)
        raise AccountError(f"terlalu banyak percobaan masuk yang gagal; coba lagi dalam {minutes} menit, atau "
                           "minta admin memeriksa akun Anda")
    if akun is None:
        raise AccountError("nama akun atau kata sandi salah")
    return akun
