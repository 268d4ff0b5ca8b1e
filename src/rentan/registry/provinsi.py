"""The provincial list: people whose contributions the Kaltim provincial budget already pays.
A person must never be paid for by both (Pergub Kaltim 19/2023), so importing the list flags
them in the registry and later imports refuse them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from rentan.idfmt import NikError, parse_nik
from rentan.registry import audit, cells
from rentan.registry.cells import CellError
from rentan.registry.db import session
from rentan.registry.models import Peserta, PesertaProvinsi
from rentan.registry.sheets import columns, read_table

COLUMNS = columns(("nik", "NIK", ["NIK", "No. KTP", "No KTP", "Nomor KTP", "Nomor Induk Kependudukan"]))


@dataclass
class ProvincialResult:
    dibaca: int
    dimuat: int
    ditandai: int  # registry participants now flagged as provincially covered
    tidak_terbaca: list[tuple[int, str]] = field(default_factory=list)


def import_provincial(path: str | Path, *, oleh: str | None = None, url: str | None = None) -> ProvincialResult:
    """Replace the provincial list with the one in `path` and flag the registry's matches."""
    path = Path(path)
    table = read_table(path, COLUMNS, [("nik",)])
    niks, bad = set(), []
    i = table.mapping["nik"]
    for baris, row in table.rows:
        try:
            n = cells.nik(row[i] if i < len(row) else None)  # ASCII digits, whatever digits were typed
            parse_nik(n)
            niks.add(n)
        except (CellError, NikError) as e:
            bad.append((baris, str(e)))
    # a hidden row is not read (what the sender sees is what counts), but it is said
    bad += [(baris, "baris tersembunyi, tidak dibaca; tampilkan barisnya bila memang data") for baris, _ in table.hidden]
    bad.sort()
    who = audit.actor(oleh)
    now = dt.datetime.now(dt.timezone.utc)
    with session(url) as s:
        s.execute(delete(PesertaProvinsi))
        rows = [{"nik": n, "sumber": path.name, "diimpor": now} for n in sorted(niks)]
        for i in range(0, len(rows), 5000):
            s.execute(insert(PesertaProvinsi), rows[i:i + 5000])
        flagged = []
        ordered = sorted(niks)
        for i in range(0, len(ordered), 5000):
            flagged += s.scalars(select(Peserta.nik).where(Peserta.nik.in_(ordered[i:i + 5000]),
                                                           Peserta.ditanggung_provinsi.is_(False))).all()
        for i in range(0, len(flagged), 5000):
            s.execute(update(Peserta).where(Peserta.nik.in_(flagged[i:i + 5000])).values(ditanggung_provinsi=True))
        audit.record(s, [audit.entry(n, "tandai_provinsi", who, f"tercantum dalam daftar provinsi {path.name}",
                                     {"ditanggung_provinsi": (False, True)}, now) for n in flagged])
    return ProvincialResult(len(table.rows) + len(table.hidden), len(niks), len(flagged), bad)
