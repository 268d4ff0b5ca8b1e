"""Participation per coverage year: reading people with what they are in a year as frozen
`Anggota` records, and the commands that change a year's participation (each with an audit entry).

Continuing participants: someone enrolled by the SK of year Y−1 whose coverage did not end is a
*continuing* candidate for year Y (`lanjutan`): re-verified by the agency of their sector, checked
again against year Y's rules, and — when they pass — listed in the SK of year Y beside the new
candidates. Their year-Y row is made when they are first sent for re-verification; the year-Y−1
row is never touched by anything done for year Y.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable, Iterable, Sequence

from sqlalchemy import insert, select, update

from rentan.registry.desk import Desk
from rentan.registry.models import Kepesertaan, Peserta, Status
from rentan.registry.snapshot import Anggota

ENROLLED = (Status.DITETAPKAN.value, Status.AKTIF.value, Status.BERAKHIR.value)
COVERED_NOW = (Status.DITETAPKAN.value, Status.AKTIF.value)
_PERSON = (Peserta.id, Peserta.nik, Peserta.nama, Peserta.tempat_lahir, Peserta.tanggal_lahir, Peserta.jenis_kelamin,
           Peserta.alamat, Peserta.kelurahan_kode, Peserta.kecamatan_kode, Peserta.sektor, Peserta.pekerjaan,
           Peserta.penghasilan, Peserta.domisili_sejak, Peserta.kpj, Peserta.ditanggung_provinsi,
           Peserta.surat_aplikator)
_YEAR = (Kepesertaan.id, Kepesertaan.tahun, Kepesertaan.status, Kepesertaan.alasan_status, Kepesertaan.lanjutan,
         Kepesertaan.sumber, Kepesertaan.nomor_sk, Kepesertaan.mulai, Kepesertaan.alasan_berakhir,
         Kepesertaan.tanggal_berakhir, Kepesertaan.validasi, Kepesertaan.alasan_validasi)


def _anggota(row) -> Anggota:
    (pid, nik, nama, tl, tgl, jk, alamat, kel, kec, sektor, pekerjaan, penghasilan, domisili, kpj, prov, surat,
     kid, tahun, status, alasan, lanjutan, sumber, sk, mulai, ab, tb, validasi, alasan_validasi) = row
    return Anggota(pid, kid, nik, nama, tl, tgl, jk, alamat, kel, kec, sektor, pekerjaan, penghasilan, domisili, kpj,
                   bool(prov), tahun, status, alasan, bool(lanjutan), sumber, sk, mulai, ab, tb,
                   None if surat is None else bool(surat), validasi, alasan_validasi)


def in_year(desk: Desk, tahun: int, *conditions) -> list[Anggota]:
    """Everyone with a row for coverage year `tahun` matching `conditions`."""
    q = (select(*_PERSON, *_YEAR).join(Kepesertaan, Kepesertaan.peserta_id == Peserta.id)
         .where(Kepesertaan.tahun == tahun, *conditions))
    return [_anggota(r) for r in desk._s.execute(q)]


def continuing(desk: Desk, tahun: int) -> list[Anggota]:
    """The participants enrolled for `tahun` − 1 whose coverage has not ended and who have no row for
    `tahun` yet: continuing candidates for `tahun` (not yet recorded; `kepesertaan_id` is None)."""
    later = select(Kepesertaan.peserta_id).where(Kepesertaan.tahun == tahun)
    q = (select(*_PERSON, *_YEAR).join(Kepesertaan, Kepesertaan.peserta_id == Peserta.id)
         .where(Kepesertaan.tahun == tahun - 1, Kepesertaan.status.in_(COVERED_NOW),
                Kepesertaan.tanggal_berakhir.is_(None), Peserta.id.not_in(later)))
    out = []
    for r in desk._s.execute(q):
        a = _anggota(r)
        out.append(Anggota(**{**{f: getattr(a, f) for f in a.__slots__}, "kepesertaan_id": None, "tahun": tahun,
                              "status": Status.TERDAFTAR.value, "alasan_status": None, "lanjutan": True,
                              "sumber": f"peserta tahun {tahun - 1}", "nomor_sk": None, "mulai": None,
                              "alasan_berakhir": None, "tanggal_berakhir": None,
                              "validasi": None, "alasan_validasi": None}))
    return out


def add_continuing(desk: Desk, people: Iterable[Anggota], why: str) -> int:
    """Record year rows (terdaftar, lanjutan) for continuing candidates that have none yet."""
    rows = [{"peserta_id": a.peserta_id, "tahun": a.tahun, "status": Status.TERDAFTAR.value, "alasan_status": None,
             "lanjutan": True, "sumber": a.sumber} for a in people if a.kepesertaan_id is None]
    for i in range(0, len(rows), 5000):
        desk._s.execute(insert(Kepesertaan), rows[i:i + 5000])
    desk.audit([desk_entry(desk, a, "lanjutkan", why, {"status": (None, Status.TERDAFTAR.value)})
                for a in people if a.kepesertaan_id is None])
    return len(rows)


def set_status(desk: Desk, changes: Sequence[tuple[Anggota, dict]], tindakan: str,
               why: str | Callable[[Anggota], str]) -> int:
    """Change year rows, [(record, {column: new value})], in bulk by primary key, with one audit entry
    each; `why` is the reason, or a function giving each row's."""
    by_shape: dict[tuple, list[dict]] = defaultdict(list)
    for a, values in changes:
        by_shape[tuple(sorted(values))].append({"id": a.kepesertaan_id, **values})
    for batch in by_shape.values():
        for i in range(0, len(batch), 5000):
            desk._s.execute(update(Kepesertaan), batch[i:i + 5000])
    desk.audit([desk_entry(desk, a, tindakan, why if isinstance(why, str) else why(a),
                           {k: (getattr(a, k), v) for k, v in values.items()}) for a, values in changes])
    return len(changes)


def set_same(desk: Desk, people: Sequence[Anggota], values: dict, tindakan: str, why: str,
             expect: Sequence[str]) -> int:
    """The same change for many year rows (one UPDATE per 5,000), one audit entry each; rows whose
    status is no longer in `expect` are left alone (the count returned says how many changed)."""
    ids = [a.kepesertaan_id for a in people]
    done = 0
    for i in range(0, len(ids), 5000):
        done += desk._s.execute(update(Kepesertaan).where(Kepesertaan.id.in_(ids[i:i + 5000]),
                                                          Kepesertaan.status.in_(expect))
                                .values(**values).execution_options(synchronize_session=False)).rowcount
    desk.audit([desk_entry(desk, a, tindakan, why, {k: (getattr(a, k), v) for k, v in values.items()})
                for a in people])
    return done


def desk_entry(desk: Desk, a: Anggota, tindakan: str, why: str, changes: dict) -> dict:
    from rentan.registry import audit
    return audit.entry(a.nik, tindakan, desk.oleh, f"tahun {a.tahun}: {why}", changes, desk.now)



def year_figures(desk: Desk, tahun: int, on: dt.date) -> tuple[dict, list[Anggota]]:
    """Participants of coverage year `tahun` as the registry stands, seen on `on`: candidates
    registered for it, enrolled by its SK, ended on or before `on`, and the rest — still paid for
    (the records of those)."""
    rows = in_year(desk, tahun)
    enrolled = [a for a in rows if a.status in ENROLLED and a.mulai is not None]
    ended = {a.peserta_id for a in enrolled if a.status == Status.BERAKHIR.value
             and (a.tanggal_berakhir is None or a.tanggal_berakhir <= on)}
    active = [a for a in enrolled if a.peserta_id not in ended]
    return {"calon_terdaftar": len(rows), "peserta_ditetapkan": len(enrolled), "peserta_berakhir": len(ended),
            "peserta": len(active), "nomor_sk": sorted({a.nomor_sk for a in enrolled if a.nomor_sk})}, active
