"""Ending a participant's coverage (death, moving away, formal work, …), written to the audit log.

Coverage ends in the year the date falls in: that year's row — enrolled, or still a candidate —
becomes `berakhir` with the reason and the date (paid for that month, not after). A row of a later
year already made — a continuing candidate re-verified for next year, or even enrolled by next
year's SK — ends too: rejected with the reason when not yet enrolled, `berakhir` on the same date
when enrolled (so it is never paid for). Earlier years are history and stay as they are.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from rentan.errors import Refusal
from rentan.idfmt import tanggal as tanggal_panjang
from rentan.registry.desk import Desk, open_desk
from rentan.registry.models import AlasanBerakhir, Kepesertaan, Peserta, Status, alasan_berakhir
from rentan.registry.participation import ENROLLED, in_year, set_status

OPEN = (Status.TERDAFTAR.value, Status.TERVERIFIKASI.value)


class LifecycleError(Refusal):
    pass


def end_participant(nik: str, alasan: str, tanggal: dt.date, *, keterangan: str | None = None,
                    oleh: str | None = None, url: str | None = None) -> int:
    """End a participant's coverage on `tanggal` for one of the reasons the programme knows;
    returns how many year rows changed."""
    from rentan.idfmt import NikError, parse_nik
    from rentan.registry.cells import CellError, nik as read_nik
    try:
        reason = AlasanBerakhir(alasan)
    except ValueError:
        raise LifecycleError(f"alasan {alasan!r} tidak dikenal; pilih salah satu: "
                             + ", ".join(a.value for a in AlasanBerakhir)) from None
    try:  # the NIK as the registry holds it: ASCII digits, whatever digits were typed
        nik = read_nik(nik)
        parse_nik(nik)
    except (CellError, NikError) as e:
        raise LifecycleError(str(e)) from None
    with open_desk(url, oleh) as desk:
        return _end(desk, nik, reason, tanggal, keterangan)


def _end(desk: Desk, nik: str, reason: AlasanBerakhir, tanggal: dt.date, keterangan: str | None) -> int:
    pid = desk._s.scalar(select(Peserta.id).where(Peserta.nik == nik))
    if pid is None:
        raise LifecycleError("NIK tersebut tidak ada di registri")
    rows = [a for year in desk._s.scalars(select(Kepesertaan.tahun).where(Kepesertaan.peserta_id == pid,
                                                                           Kepesertaan.tahun >= tanggal.year))
            for a in in_year(desk, year, Kepesertaan.peserta_id == pid)]
    rows.sort(key=lambda a: a.tahun)
    # the row that ends: the year's own when it is enrolled or still a candidate, else the next year's
    # open candidacy (a continuing participant already re-verified)
    current = next((a for a in rows if a.status in (*ENROLLED, *OPEN)), None)
    if current is None:
        raise LifecycleError(f"tidak ada kepesertaan atau pencalonan yang berjalan pada {tanggal_panjang(tanggal)}")
    if current.status == Status.BERAKHIR.value:
        raise LifecycleError(f"kepesertaan tahun {current.tahun} sudah berakhir sejak "
                             f"{tanggal_panjang(current.tanggal_berakhir)} ({current.alasan_berakhir})")
    if current.mulai and tanggal < current.mulai:
        raise LifecycleError("tanggal berakhir tidak boleh sebelum kepesertaan dimulai "
                             f"({tanggal_panjang(current.mulai)})")
    why = alasan_berakhir(reason.value) + (f" — {keterangan}" if keterangan else "")
    ended = {"status": Status.BERAKHIR.value, "alasan_berakhir": reason.value, "tanggal_berakhir": tanggal}
    changes = [(current, ended)]
    for a in rows:
        if a is current or a.tahun <= current.tahun:
            continue
        if a.status in (Status.DITETAPKAN.value, Status.AKTIF.value):
            changes.append((a, ended))  # enrolled for next year already: never paid for
        elif a.status in (Status.TERDAFTAR.value, Status.TERVERIFIKASI.value):
            changes.append((a, {"status": Status.DITOLAK.value,
                                "alasan_status": f"kepesertaan berakhir {tanggal_panjang(tanggal)}: {why}"}))
    set_status(desk, changes, "akhiri", why)
    return len(changes)
