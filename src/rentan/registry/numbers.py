"""The official-number register: every letter, memo and decree takes its number here, once per
document key, inside a transaction. Running the same document again returns the same number and
date; two runs at once cannot take the same number, and a failed run leaves no gap (the number is
taken in the same transaction that records it).

Taking a number locks its series for the rest of the transaction (`db.lock`), so runs at once
wait for each other instead of colliding on the unique (series, sequence) pair. Within a series
numbers follow the documents' dates: a document dated before the newest one already numbered is
refused (`NumberOrderError`), since its number would break the order of the agenda book."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from rentan.errors import Refusal
from rentan.idfmt import tanggal as tanggal_panjang
from rentan.registry.db import lock, session
from rentan.registry.models import NomorSurat


class NumberOrderError(Refusal):
    """A document dated before the newest one already numbered in its series."""


@dataclass(frozen=True)
class Nomor:
    kunci: str
    nomor: str
    urut: int
    tanggal: dt.date
    baru: bool  # taken by this call (False: the document already had it)


def _existing(s: Session, kunci: str) -> NomorSurat | None:
    return s.scalars(select(NomorSurat).where(NomorSurat.kunci == kunci)).one_or_none()


def take(s: Session, kunci: str, seri: str, tanggal: dt.date, format_nomor) -> Nomor:
    """Within the caller's transaction: the number of `kunci`, taking the next one of `seri` if it
    has none. `format_nomor(urut) -> str` builds the number in the issuing office's format."""
    lock(s, f"nomor/{seri}")
    row = _existing(s, kunci)
    if row:
        return Nomor(row.kunci, row.nomor, row.urut, row.tanggal, False)
    last = s.execute(select(NomorSurat.nomor, NomorSurat.tanggal).where(NomorSurat.seri == seri)
                     .order_by(NomorSurat.urut.desc()).limit(1)).first()
    if last is not None and tanggal < last.tanggal:
        raise NumberOrderError(
            f"naskah bertanggal {tanggal_panjang(tanggal)} tidak dapat diberi nomor: nomor terakhir seri ini "
            f"({last.nomor}) sudah diberikan kepada naskah bertanggal {tanggal_panjang(last.tanggal)}, dan nomor "
            f"harus urut menurut tanggal. Beri tanggal {tanggal_panjang(last.tanggal)} atau sesudahnya.")
    urut = (s.scalar(select(func.max(NomorSurat.urut)).where(NomorSurat.seri == seri)) or 0) + 1
    row = NomorSurat(kunci=kunci, seri=seri, urut=urut, nomor=format_nomor(urut), tanggal=tanggal,
                     dibuat=dt.datetime.now(dt.timezone.utc))
    s.add(row)
    s.flush()
    return Nomor(kunci, row.nomor, urut, tanggal, True)


def assign(kunci: str, seri: str, tanggal: dt.date, format_nomor, url: str | None = None,
           attempts: int = 20) -> Nomor:
    """`take` in a transaction of its own, retried while the database stays busy."""
    for _ in range(attempts):
        try:
            with session(url) as s:
                return take(s, kunci, seri, tanggal, format_nomor)
        except OperationalError:
            continue
    raise RuntimeError(f"nomor untuk {kunci} tidak dapat diambil setelah {attempts} percobaan")


def lookup(kunci: str, url: str | None = None) -> Nomor | None:
    with session(url, readonly=True) as s:
        row = _existing(s, kunci)
        return Nomor(row.kunci, row.nomor, row.urut, row.tanggal, False) if row else None
