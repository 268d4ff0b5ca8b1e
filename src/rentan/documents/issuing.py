"""One way to issue a document. Each document type fills in a small protocol (`Document`); `issue()`
owns everything they share:

    lock → already issued? → snapshot → number → context → faces → checks → publish → record → commit

1. One registry transaction (`rentan.registry.desk`) locks what the document serialises on, so two
   runs at once end with one document.
2. A document already recorded is returned after its files are checked against its manifest — a
   manifest check, not a rebuild.
3. The snapshot is read (a frozen `Snapshot` and the figures it rests on; refusals happen here),
   the official number is taken (one rule: once per document key, in the transaction that records
   the document), the context is built by a pure function, the faces are rendered into a private
   staging folder, the document's consistency checks run on what was rendered.
4. Files first, record second: the files are put in place, then what the document changes and the
   document itself are recorded, and the transaction commits. A failure at any point leaves the
   registry and the number register as they were; the staging folder is removed (or, after a
   kill, by the next run); a re-run after the cause is mended completes the document.

Adding a document type is writing a `Document` subclass: its kind and key, its snapshot, its
numbering, its context, its faces, its checks and what it records.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Generic, TypeVar

from rentan import faults, paths
from rentan.clock import today, working_day_on_or_after
from rentan.registry.desk import Desk, Terbit, open_desk
from rentan.registry.numbers import Nomor
from rentan.render.outputs import OutputError, Published, Staging, sweep, verified

B = TypeVar("B")  # what a document rests on: its snapshot and figures
C = TypeVar("C")  # its context


@dataclass(frozen=True)
class Numbering:
    """How a document is numbered: its series, its date and the format of the number."""
    seri: str
    tanggal: dt.date
    format: Callable[[int], str]


class Document(Generic[B, C]):
    """The protocol a document type fills in. `year` places it in outputs/<year>/<kind>/<key>/."""

    kind: ClassVar[str]
    internal: ClassVar[tuple[str, ...]] = ()  # public-tree files holding full NIKs: owner-only
    year: int
    tanggal: dt.date  # the document's date

    @staticmethod
    def default_date(tanggal: dt.date | None) -> dt.date:
        """The date when staff give none: today's working day (WITA)."""
        return tanggal or working_day_on_or_after(today())

    def lock(self) -> str:
        """What runs of this document serialise on."""
        return f"{self.kind}/{self.year}"

    def key(self, desk: Desk) -> str:
        """The document's folder key (cheap: before the snapshot is read)."""
        raise NotImplementedError

    def kunci(self, key: str) -> str:
        """Its key in the registry and the number register."""
        return f"{self.kind}/{self.year}/{key}"

    def snapshot(self, desk: Desk) -> B:
        raise NotImplementedError

    def snapshot_hash(self, basis: B) -> str | None:
        return getattr(basis, "sha256", None)

    def numbering(self, basis: B) -> Numbering | None:
        return None

    def context(self, basis: B, nomor: Nomor | None) -> C:
        raise NotImplementedError

    def faces(self, ctx: C, basis: B, out: Staging) -> dict:
        """Render the files into `out` (big lists, such as a Lampiran or a data file, straight from
        the snapshot in `basis`); return the manifest's summary (counts, no personal data)."""
        raise NotImplementedError

    def check(self, ctx: C, basis: B, out: Staging, summary: dict) -> None:
        """The consistency gate on what was rendered; raise a Refusal to stop."""

    def record(self, desk: Desk, basis: B, nomor: Nomor | None) -> None:
        """What issuing this document changes in the registry."""

    def templates(self) -> list[Path]:
        return []

    def date_of(self, ctx: C, nomor: Nomor | None) -> dt.date:
        return nomor.tanggal if nomor else self.tanggal


def issue(doc: Document[Any, Any], *, url: str | None = None, root: Path | None = None,
          oleh: str | None = None) -> Published:
    """Issue `doc` once (see the module docstring); an issued one is returned as it is."""
    root = root or paths.outputs()
    sweep(root)
    with open_desk(url, oleh) as desk:
        desk.lock(doc.lock())
        key = doc.key(desk)
        kunci = doc.kunci(key)
        found = desk.issued(kunci)
        if found:
            return _returned(doc, desk, found, key, root)
        basis = doc.snapshot(desk)
        numbering = doc.numbering(basis)
        nomor = desk.number(kunci, numbering.seri, numbering.tanggal, numbering.format) if numbering else None
        faults.point("nomor")
        ctx = doc.context(basis, nomor)
        with Staging(doc.year, doc.kind, key, root) as out:
            summary = doc.faces(ctx, basis, out)
            doc.check(ctx, basis, out, summary)
            faults.point("staging")
            published = out.publish(nomor=nomor.nomor if nomor else None, snapshot_hash=doc.snapshot_hash(basis),
                                    templates=doc.templates(), summary=summary, internal=doc.internal)
        faults.point("terbit")
        doc.record(desk, basis, nomor)
        desk.record_issued(Terbit(kunci, doc.kind, doc.year, published.relative, published.nomor,
                                  doc.date_of(ctx, nomor), doc.snapshot_hash(basis), published.ringkasan))
        faults.point("catat")
    return published


def _returned(doc: Document, desk: Desk, found: Terbit, key: str, root: Path) -> Published:
    """An issued document: its folder, checked against its manifest. When the folder is gone (a new
    machine, outputs not restored) and the document can say what it rested on, its files are made
    again — only if that snapshot is the very one recorded, so the same data give the same files."""
    published = verified(root, found.folder)
    label = f"{found.jenis} {found.nomor or found.kunci}"
    if published is not None:
        return published.again(f"sudah diterbitkan ({found.nomor or 'tanpa nomor'}, tanggal "
                               f"{found.tanggal.isoformat()}); naskah yang sama dikembalikan tanpa dibuat ulang")
    missing = (f"{label} tercatat terbit di registri, tetapi foldernya ({found.folder}) tidak ada di {root}")
    again = getattr(doc, "snapshot_of_record", None)
    basis = again(desk, found) if again else None
    if basis is None or doc.snapshot_hash(basis) != found.snapshot_sha256:
        raise OutputError(f"{missing}: kembalikan folder itu dari salinan atau cadangan (naskah yang sudah terbit "
                          "tidak dibuat ulang dari data yang sudah berubah)")
    nomor = desk.recorded_number(found.kunci)
    ctx = doc.context(basis, nomor)
    with Staging(doc.year, doc.kind, key, root) as out:
        doc.check(ctx, basis, out, doc.faces(ctx, basis, out))
        published = out.publish(nomor=found.nomor, snapshot_hash=found.snapshot_sha256, templates=doc.templates(),
                                summary=found.ringkasan, internal=doc.internal)
    return published.again(f"{missing}; dibuat ulang dari data yang sama dengan yang tercatat")
