"""Point-in-time law, and one citation of every act.

`in_force(on)` is the programme's regulation as it stands on a date: the act in `drafts/` and the
amendments of it that were promulgated (diundangkan, with their number) on or before that date;
the amendments still in draft are `pending`. Every document cites the text in force on its own
date (`InForce.kutipan`), and a document that rests on an amendment not yet promulgated — a
decree for a coverage year whose rules that amendment changes — can only be a konsep
(`InForce.belum_diundangkan`).

A document is dated, and knows what was known on its date: `as_known_on(a, day)` is an amendment
as a document of that day sees it — before its promulgation a draft without number, dates of
enactment or gazette number (a Rancangan dated 3 November cannot print the number it gets on 10
December), after it the promulgated regulation. `InForce.terpadu()` is the naskah terpadu on `on`:
the act with the amendments promulgated and in force by then.

`citations()` (`rentan.legal.dasar`) reads `drafts/dasar-hukum.yaml`: the one citation of each
other act, used by the decree's Mengingat, the Rancangan's, the naskah penjelasan's Dasar and the
letters alike.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rentan import paths
from rentan.datafiles import OVERLAY
from rentan.legal.act import Act, ActError, load_act
from rentan.legal.amendment import Amendment, load_amendment
from rentan.legal.consolidated import NaskahTerpadu, naskah_terpadu
from rentan.legal.dasar import CITATIONS, CitationError, Kutipan, citation, citations
from rentan.legal.phrasing import tentang_perubahan

BASE_FILE = "perwali-3-2025.yaml"


drafts_folder = paths.drafts


def amendment_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or drafts_folder()).glob("perubahan-*.yaml"))


def _diundangkan(a: Amendment) -> dt.date | None:
    return a.diundangkan.tanggal if a.diundangkan else None


def promulgated_on(a: Amendment, day: dt.date) -> bool:
    """Promulgated, with its number, on or before `day`."""
    when = _diundangkan(a)
    return a.nomor is not None and when is not None and when <= day


def as_known_on(a: Amendment, day: dt.date) -> Amendment:
    """The amendment as a document dated `day` knows it (see the module docstring)."""
    if promulgated_on(a, day):
        return a
    undated = lambda sig: replace(sig, tanggal=None) if sig else None  # noqa: E731
    return replace(a, nomor=None, berita_daerah_nomor=None, ditetapkan=undated(a.ditetapkan),
                   diundangkan=undated(a.diundangkan))


def cite_amendment(a: Amendment, base: Act) -> str:
    """Peraturan Wali Kota Balikpapan Nomor 12 Tahun 2025 tentang Perubahan atas … (Berita Daerah …)"""
    tentang = tentang_perubahan(base.judul_singkat, base.tentang, a.perubahan_ke)
    return (f"{a.jenis} {a.daerah} Nomor {a.nomor} Tahun {a.tahun} tentang {tentang} (Berita Daerah Kota "
            f"{a.daerah} Tahun {a.berita_daerah_tahun or a.tahun} Nomor {a.berita_daerah_nomor or '…'})")


@dataclass(frozen=True)
class InForce:
    on: dt.date
    base: Act
    enacted: tuple[Amendment, ...]  # promulgated on or before `on`, in order
    pending: tuple[Amendment, ...]  # not yet promulgated on `on`

    @property
    def kutipan(self) -> str:
        """The act as cited on `on`, with its gazette and every amendment already promulgated."""
        text = self.base.sebutan_lengkap
        if self.enacted:
            text += " sebagaimana telah diubah dengan " if len(self.enacted) == 1 else \
                " sebagaimana telah beberapa kali diubah terakhir dengan "
            text += cite_amendment(self.enacted[-1], self.base)
        return text

    @property
    def singkat(self) -> str:
        """The same without gazettes: "Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang …
        sebagaimana telah diubah dengan Peraturan Wali Kota Balikpapan Nomor 12 Tahun 2025"."""
        text = self.base.sebutan
        if self.enacted:
            a = self.enacted[-1]
            text += f" sebagaimana telah diubah dengan {a.jenis} {a.daerah} Nomor {a.nomor} Tahun {a.tahun}"
        return text

    def terpadu(self) -> NaskahTerpadu:
        """The naskah terpadu on `on`: the act with every promulgated amendment in force by then."""
        return naskah_terpadu(self.base, self.enacted, self.on)

    def belum_diundangkan(self, berlaku: dt.date) -> list[str]:
        """What a document needing the rules in force on `berlaku` rests on that is still a draft
        on `on` (lines for the final gate)."""
        return [f"bertumpu pada rancangan perubahan {self.base.judul_singkat} (mulai berlaku "
                f"{a.mulai_berlaku.isoformat()}) yang belum diundangkan pada {self.on.isoformat()}"
                for a in self.pending if a.mulai_berlaku and a.mulai_berlaku <= berlaku]

    def unconfirmed(self) -> list[str]:
        out = []
        if self.base.ilustratif:
            out.append(f"naskah {self.base.judul_singkat} di drafts/ masih ilustratif (bukan naskah resmi)")
        if self.base.berita_daerah_nomor is None:
            out.append(f"nomor Berita Daerah {self.base.judul_singkat} belum diisi (drafts/{BASE_FILE})")
        return out


@lru_cache(maxsize=32)
def _load(folder: str, overlay: str | None) -> tuple[Act, tuple[Amendment, ...]]:
    f = Path(folder)
    base = load_act(f / BASE_FILE)
    ams = tuple(a for a in (load_amendment(p) for p in amendment_files(f))
                if (a.base_nomor, a.base_tahun) == (base.nomor, base.tahun))
    return base, tuple(sorted(ams, key=lambda a: a.perubahan_ke))


def in_force(on: dt.date, folder: Path | None = None) -> InForce:
    base, ams = _load(str(folder or drafts_folder()), os.environ.get(OVERLAY))
    return InForce(on, base, tuple(a for a in ams if promulgated_on(a, on)),
                   tuple(as_known_on(a, on) for a in ams if not promulgated_on(a, on)))


__all__ = ["in_force", "InForce", "citations", "citation", "Kutipan", "CitationError", "CITATIONS", "drafts_folder",
           "amendment_files", "promulgated_on", "as_known_on", "cite_amendment", "ActError"]
