"""The transaction a document is issued in: one registry transaction that locks what the document
serialises on, reads its snapshot, takes its official number, records what it changes and the
document itself — committed only after the document's files are in place
(`rentan.documents.issuing`). A failure anywhere rolls all of it back: no number, no record.

Documents never see SQLAlchemy: they call the methods here and the registry functions that take a
`Desk` (queries that return frozen snapshots, commands that record changes).
"""
from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from rentan.registry import audit, numbers
from rentan.registry.db import lock, session
from rentan.registry.models import NaskahTerbit


@dataclass(frozen=True)
class Terbit:
    """What the registry says about an issued document."""
    kunci: str
    jenis: str
    tahun: int
    folder: str  # relative to the outputs root
    nomor: str | None
    tanggal: dt.date
    snapshot_sha256: str | None
    ringkasan: dict | None = None
    konsep: bool = False


class Desk:
    """One open transaction of the registry, for issuing one document."""

    def __init__(self, s: Session, oleh: str):
        self._s = s
        self.oleh = oleh  # who is acting (the audit log's "oleh")
        self.now = dt.datetime.now(dt.timezone.utc)

    def lock(self, name: str) -> None:
        """Serialise the rest of this transaction with every other one that locks `name`."""
        lock(self._s, name)

    def issued(self, kunci: str) -> Terbit | None:
        row = self._s.scalars(select(NaskahTerbit).where(NaskahTerbit.kunci == kunci)).one_or_none()
        return None if row is None else Terbit(row.kunci, row.jenis, row.tahun, row.folder, row.nomor, row.tanggal,
                                               row.snapshot_sha256, json.loads(row.ringkasan or "null"), row.konsep)

    def number(self, kunci: str, seri: str, tanggal: dt.date, format_nomor: Callable[[int], str]) -> numbers.Nomor:
        """The document's official number, taken in this transaction (refused, NumberOrderError, when
        the series already numbered a later document)."""
        return numbers.take(self._s, kunci, seri, tanggal, format_nomor)

    def documents(self, jenis: str | None = None, tahun: int | None = None, konsep: bool | None = False) -> list[Terbit]:
        """The issued documents (final ones by default), oldest first."""
        q = select(NaskahTerbit).order_by(NaskahTerbit.id)
        if jenis:
            q = q.where(NaskahTerbit.jenis == jenis)
        if tahun:
            q = q.where(NaskahTerbit.tahun == tahun)
        if konsep is not None:
            q = q.where(NaskahTerbit.konsep.is_(konsep))
        return [Terbit(r.kunci, r.jenis, r.tahun, r.folder, r.nomor, r.tanggal, r.snapshot_sha256,
                       json.loads(r.ringkasan or "null"), r.konsep) for r in self._s.scalars(q)]

    def recorded_number(self, kunci: str) -> numbers.Nomor | None:
        row = numbers._existing(self._s, kunci)
        return None if row is None else numbers.Nomor(row.kunci, row.nomor, row.urut, row.tanggal, False)

    def record_issued(self, t: Terbit) -> None:
        self._s.add(NaskahTerbit(kunci=t.kunci, jenis=t.jenis, tahun=t.tahun, folder=t.folder, nomor=t.nomor,
                                 tanggal=t.tanggal, snapshot_sha256=t.snapshot_sha256,
                                 ringkasan=json.dumps(t.ringkasan, ensure_ascii=False, sort_keys=True),
                                 konsep=t.konsep,
                                 dibuat=self.now))
        audit.record(self._s, [audit.entry(f"naskah:{t.kunci}", "terbitkan", self.oleh,
                                           f"{t.jenis}{' (konsep)' if t.konsep else ''} {t.nomor or t.kunci} "
                                           f"tanggal {t.tanggal.isoformat()}",
                                           {"folder": (None, t.folder), "nomor": (None, t.nomor)}, self.now)])
        self._s.flush()

    def audit(self, entries: list[dict]) -> None:
        for i in range(0, len(entries), 5000):
            audit.record(self._s, entries[i:i + 5000])


@contextmanager
def open_desk(url: str | None = None, oleh: str | None = None) -> Iterator[Desk]:
    """A writing transaction: committed when the block ends, rolled back on any error."""
    with session(url) as s:
        yield Desk(s, audit.actor(oleh))


@contextmanager
def reader(url: str | None = None) -> Iterator[Desk]:
    """A read-only transaction, for plans and counts (it never waits for a writer)."""
    with session(url, readonly=True) as s:
        yield Desk(s, audit.actor(None))
