"""Test shortcuts for participation per coverage year: put people of the registry in a state
without going through every document (each document's own tests cover how they get there)."""
from __future__ import annotations

from sqlalchemy import select, update

from rentan.registry.db import session
from rentan.registry.models import Kepesertaan, Peserta


def set_year(niks, tahun: int, **values) -> int:
    """Set columns of the year rows of `niks` (e.g. status="terverifikasi"). A final SK lists only
    those BPJS accepted at validation: add validasi="diterima" (or use `set_verified`)."""
    with session() as s:
        ids = select(Peserta.id).where(Peserta.nik.in_(list(niks)))
        return s.execute(update(Kepesertaan).where(Kepesertaan.tahun == tahun, Kepesertaan.peserta_id.in_(ids))
                         .values(**values)).rowcount


def set_verified(niks, tahun: int, validasi: str | None = "diterima") -> int:
    """Verified by their agency and, unless `validasi` is None, answered by BPJS's validation: what a
    final SK needs of its participants."""
    return set_year(niks, tahun, status="terverifikasi", validasi=validasi)


def set_person(niks, **values) -> int:
    with session() as s:
        return s.execute(update(Peserta).where(Peserta.nik.in_(list(niks))).values(**values)).rowcount


def year_rows(tahun: int) -> dict[str, Kepesertaan]:
    """nik → that person's row for `tahun`."""
    with session() as s:
        return {nik: k for nik, k in s.execute(select(Peserta.nik, Kepesertaan).join(
            Kepesertaan, Kepesertaan.peserta_id == Peserta.id).where(Kepesertaan.tahun == tahun))}
