"""The naskah terpadu: an act with every amendment in force on a date applied, each changed
provision followed by a note such as "[diubah dengan Peraturan Wali Kota Nomor … Tahun 2025]"."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from rentan.idfmt import tanggal
from rentan.legal.act import Act, act_blocks, title_blocks
from rentan.legal.amendment import Amendment, consolidate
from rentan.legal.blocks import Block
from rentan.legal.phrasing import daftar


@dataclass(frozen=True)
class NaskahTerpadu:
    act: Act                          # the consolidated act, provisions carrying their notes
    as_of: dt.date
    applied: tuple[Amendment, ...]    # the amendments in force on `as_of`, in order
    blocks: tuple[Block, ...]         # title, a note on what is consolidated, the annotated text

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def keterangan(base: Act, applied: Iterable[Amendment], as_of: dt.date) -> str:
    applied = list(applied)
    when = tanggal(as_of)
    if not applied:
        return (f"Naskah terpadu keadaan tanggal {when}: {base.judul_singkat} belum mengalami perubahan "
                f"yang berlaku. Naskah terpadu bukan naskah resmi.")
    names = daftar([a.judul_singkat for a in applied])
    return (f"Naskah terpadu keadaan tanggal {when}: {base.judul_singkat} sebagaimana telah diubah dengan "
            f"{names}. Naskah terpadu bukan naskah resmi; yang berlaku ialah naskah yang diundangkan "
            f"dalam Berita Daerah Kota {base.daerah}.")


def naskah_terpadu(base: Act, amendments: Iterable[Amendment], as_of: dt.date) -> NaskahTerpadu:
    """Apply, in order, every amendment in force on `as_of` (its `mulai_berlaku` not later than
    that date); an amendment without a date of entry into force is not applied."""
    act = base
    applied = []
    for am in amendments:
        if am.in_force_on(as_of):
            act = consolidate(act, am, annotate=True).act
            applied.append(am)
    blocks = act_blocks(act, annotate=True)
    n_title = len(title_blocks(act))
    blocks = [*blocks[:n_title], Block("keterangan", keterangan(base, applied, as_of)), *blocks[n_title:]]
    return NaskahTerpadu(act=act, as_of=as_of, applied=tuple(applied), blocks=tuple(blocks))
