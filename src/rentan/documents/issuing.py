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
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Generic, TypeVar

from rentan import faults, paths
from rentan.clock import today, working_day_on_or_after
from rentan.errors import Refusal
from rentan.program import program
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
    """The protocol a document type fills in. `year` places it in outputs/<year>/<kind>/<key>/.

    A document is a *konsep* (`final` False) until issued final: a konsep takes no number, records
    nothing but itself, says KONSEP on every page and may show dotted lines for what is not yet
    known; each change of its data gives a new konsep folder. Final is refused while any fact it
    needs is unconfirmed (`unconfirmed`)."""

    kind: ClassVar[str]
    internal: ClassVar[tuple[str, ...]] = ()  # public-tree files holding full NIKs: owner-only
    year: int
    tanggal: dt.date  # the document's date
    final: bool = False
    rancangan: ClassVar[bool] = False  # a draft by nature (a Rancangan Perwali): no konsep/final, no fact check

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

    def kantor(self) -> str | None:
        """The code of the office issuing it ([[kantor]] of program.toml), for the settings it uses."""
        return None

    def unconfirmed(self, ctx: C, basis: B) -> list[str]:
        """What this document would print that is not yet known or confirmed (beyond what
        `unconfirmed_facts` finds in every context)."""
        return []


KONSEP_NOMOR = "……"  # how a konsep shows the number it does not have yet
_PLACEHOLDER = re.compile(r"⚠|sesuaikan|…|\.{4,}")
_REQUIRED = {"penandatangan": ("nama", "pangkat", "nip"), "kop": ("alamat",)}


def unconfirmed_facts(ctx: Any) -> list[str]:
    """Everything in a context that a final document may not print: a ⚠ note, "sesuaikan", an
    ellipsis or a dotted line, and an empty signatory name, rank, NIP or office address."""
    found: list[str] = []

    def walk(v: Any, path: str) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                if k in _REQUIRED and isinstance(x, dict):
                    found.extend(f"{path}{k}.{f} belum diisi" for f in _REQUIRED[k] if f in x and not str(x[f]).strip())
                walk(x, f"{path}{k}.")
        elif isinstance(v, (list, tuple)):
            for i, x in enumerate(v):
                walk(x, f"{path}{i}.")
        elif isinstance(v, str) and _PLACEHOLDER.search(v) and not v.startswith("data:"):
            m = _PLACEHOLDER.search(v)
            snippet = v[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            found.append(f"{path.rstrip('.')}: «{snippet}»")
    walk(ctx.model_dump() if hasattr(ctx, "model_dump") else ctx, "")
    return found


class FinalDitolak(Refusal):
    """A final document refused: the list of what is missing."""

    def __init__(self, kind: str, missing: list[str]):
        self.missing = missing
        shown = "; ".join(missing[:8]) + (f"; dan {len(missing) - 8} lainnya" if len(missing) > 8 else "")
        super().__init__(f"{kind} final tidak dapat diterbitkan: {len(missing)} isian belum diketahui atau belum "
                         f"dipastikan — {shown}. Lengkapi di program.toml atau drafts/, atau terbitkan sebagai konsep.")


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
        if not (doc.final or doc.rancangan):
            return _konsep(doc, desk, basis, numbering, key, root)
        nomor = desk.number(kunci, numbering.seri, numbering.tanggal, numbering.format) if numbering else None
        faults.point("nomor")
        ctx = doc.context(basis, nomor)
        missing = [] if doc.rancangan else [*program().unconfirmed(doc.kind, doc.kantor()),
                                             *doc.unconfirmed(ctx, basis), *unconfirmed_facts(ctx)]
        if missing:
            raise FinalDitolak(doc.kind, missing)  # rolls the number back
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


def _konsep(doc: Document, desk: Desk, basis: Any, numbering: Numbering | None, key: str,
            root: Path) -> Published:
    """A konsep: no number, nothing recorded but the konsep itself; its folder is named by what it
    says, so the same data give the same konsep and a change gives a new one."""
    nomor = Nomor("konsep", KONSEP_NOMOR, 0, numbering.tanggal, False) if numbering else None
    ctx = doc.context(basis, nomor)
    h = hashlib.sha256(json.dumps(ctx.model_dump(mode="json") if hasattr(ctx, "model_dump") else ctx,
                                  sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update(str(doc.snapshot_hash(basis)).encode())
    kunci = f"{doc.kunci(key)}/konsep-{h.hexdigest()[:8]}"  # never the final's key (nor its number's)
    key = f"{key}-konsep-{h.hexdigest()[:8]}"
    found = desk.issued(kunci)
    if found:
        return _returned(doc, desk, found, key, root)
    with Staging(doc.year, doc.kind, key, root) as out:
        summary = doc.faces(ctx, basis, out)
        doc.check(ctx, basis, out, summary)
        published = out.publish(nomor=None, snapshot_hash=doc.snapshot_hash(basis), templates=doc.templates(),
                                summary={**summary, "konsep": True}, internal=doc.internal)
    desk.record_issued(Terbit(kunci, doc.kind, doc.year, published.relative, None, doc.date_of(ctx, None),
                              doc.snapshot_hash(basis), published.ringkasan, konsep=True))
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
