"""Changes of a participant's status after registration, each written to the audit log."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from rentan.errors import Refusal
from rentan.idfmt import NikError, parse_nik
from rentan.registry import audit, cells
from rentan.registry.cells import CellError
from rentan.registry.db import session
from rentan.registry.models import ALASAN_BERAKHIR_LABEL, AlasanBerakhir, Peserta, Status


class LifecycleError(Refusal):
    pass


def end_participant(nik: str, alasan: str, tanggal: dt.date, *, keterangan: str | None = None,
                    oleh: str | None = None, url: str | None = None) -> Peserta:
    """End a participant's coverage on `tanggal` for one of the reasons the programme knows."""
    try:
        reason = AlasanBerakhir(alasan)
    except ValueError:
        raise LifecycleError(f"alasan {alasan!r} tidak dikenal; pilih salah satu: "
                             + ", ".join(a.value for a in AlasanBerakhir)) from None
    try:  # the NIK as the registry holds it: ASCII digits, whatever digits were typed
        nik = cells.nik(nik)
        parse_nik(nik)
    except (CellError, NikError) as e:
        raise LifecycleError(str(e)) from None
    with session(url) as s:
        p = s.scalars(select(Peserta).where(Peserta.nik == nik)).one_or_none()
        if p is None:
            raise LifecycleError("NIK tersebut tidak ada di registri")
        if p.status == Status.BERAKHIR.value:
            raise LifecycleError(f"kepesertaan sudah berakhir sejak {p.tanggal_berakhir} ({p.alasan_berakhir})")
        if p.mulai_kepesertaan and tanggal < p.mulai_kepesertaan:
            raise LifecycleError("tanggal berakhir tidak boleh sebelum kepesertaan dimulai "
                                 f"({p.mulai_kepesertaan.isoformat()})")
        before = {"status": p.status, "alasan_berakhir": p.alasan_berakhir, "tanggal_berakhir": p.tanggal_berakhir}
        p.status, p.alasan_berakhir, p.tanggal_berakhir = Status.BERAKHIR.value, reason.value, tanggal
        why = ALASAN_BERAKHIR_LABEL[reason] + (f" — {keterangan}" if keterangan else "")
        audit.record(s, [audit.entry(nik, "akhiri", audit.actor(oleh), why,
                                     {k: (v, getattr(p, k)) for k, v in before.items()})])
        return p
