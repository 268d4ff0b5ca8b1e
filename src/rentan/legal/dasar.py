"""One citation of every act: `drafts/dasar-hukum.yaml`, read once. Each entry has its `kutipan`
(with its gazette, as a Mengingat cites it) and its `singkat` (without, as the naskah penjelasan's
Dasar and the body of letters cite it). The decree's Mengingat, the Rancangan's Mengingat, the act's
own Mengingat (`{kode: …}` entries in the drafts) and the naskah penjelasan's Dasar all take their
text from here, so an act is cited the same way in every document.

The programme's own Peraturan Wali Kota is not listed: its citation depends on the date (the text
in force with its promulgated amendments, `rentan.legal.in_force`)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rentan import paths
from rentan.datafiles import OVERLAY, read_data
from rentan.errors import Refusal

CITATIONS = "dasar-hukum.yaml"


@dataclass(frozen=True)
class Kutipan:
    kode: str
    kutipan: str  # with its gazette, as in Mengingat
    singkat: str  # without

    def untuk(self, tahun: int) -> "Kutipan":
        return Kutipan(self.kode, self.kutipan.format(tahun=tahun), self.singkat.format(tahun=tahun))


class CitationError(Refusal):
    pass


@lru_cache(maxsize=8)
def _citations(path: str, overlay: str | None) -> dict[str, Kutipan]:
    data = read_data(path, CitationError, "daftar dasar hukum") or {}
    out = {}
    for kode, v in data.items():
        if not isinstance(v, dict) or not v.get("kutipan") or not v.get("singkat"):
            raise CitationError(f"{CITATIONS}: {kode} harus memuat `kutipan` dan `singkat`")
        out[kode] = Kutipan(kode, " ".join(str(v["kutipan"]).split()), " ".join(str(v["singkat"]).split()))
    return out


def citations_file(folder: Path | None = None) -> Path:
    """The list a document cites from: `folder`'s own dasar-hukum.yaml when it has one (a whole
    drafts folder copied elsewhere), else the drafts folder's (paths.drafts(), RENTAN_DRAFTS) — a
    clerk who keeps an edited draft in another folder cites the acts as every other document does."""
    if folder is not None and (Path(folder) / CITATIONS).is_file():
        return Path(folder) / CITATIONS
    return paths.drafts() / CITATIONS


def citations(folder: Path | None = None) -> dict[str, Kutipan]:
    return _citations(str(citations_file(folder)), os.environ.get(OVERLAY))


def citation(kode: str, tahun: int | None = None, folder: Path | None = None) -> Kutipan:
    all_ = citations(folder)
    if kode not in all_:
        raise CitationError(f"dasar hukum {kode!r} tidak ada di drafts/{CITATIONS}; yang ada: {', '.join(all_)}")
    return all_[kode].untuk(tahun) if tahun else all_[kode]


__all__ = ["CITATIONS", "Kutipan", "CitationError", "citations", "citations_file", "citation"]
