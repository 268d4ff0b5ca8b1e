"""The matriks perubahan Bagian Hukum expects: No | Ketentuan Semula | Ketentuan Perubahan |
Keterangan/Alasan — one row per numbered change of Pasal I (numbered as Pasal I numbers it), then
a row for Pasal II (No "II"): the unit a reviewer counts, the same changes the Rancangan numbers
and the naskah penjelasan lists (`rentan.legal.draft.pokok_perubahan`).

Each text cell is a tuple of `Block`s (so a template can indent ayat and items) headed by the
article it belongs to ("Pasal 8" above "(2) Validasi …"), holding only the provisions the change
touches: for a change inside an article, the ayat or items changed, deleted or inserted; for a
whole article or chapter, all of it. An insertion has no semula ("-"); a deletion reads
"Dihapus.". The Keterangan/Alasan cell states the change (`Instruction.uraian`, the phrasing the
Rancangan's instruction is made of) and then the reason of each operation behind it.
"""
from __future__ import annotations

from dataclasses import dataclass

from rentan.legal.act import DIHAPUS, Act, Pasal, bab_blocks, butir_blocks, paragraph_blocks, pasal_blocks
from rentan.legal.amendment import Amendment, Instruction, consolidate
from rentan.legal.blocks import Block
from rentan.legal.draft import Pokok, pokok_perubahan, reasons

KOSONG = "-"
PASAL_II = "II"
ALASAN_PASAL_II = "Mengatur saat mulai berlaku Peraturan Wali Kota ini."


@dataclass(frozen=True)
class MatrixRow:
    no: str                        # "1" … "7" as in Pasal I; "II" for Pasal II
    ketentuan: str                 # "Pasal 1", "Pasal 5A", "BAB IVA", "Pasal II"
    semula: tuple[Block, ...]      # empty for an insertion
    perubahan: tuple[Block, ...]
    uraian: str                    # the change stated ("Ketentuan Pasal 6 diubah."); empty for Pasal II
    alasan: tuple[tuple[str, str], ...]  # (what each operation concerns, its reason)
    operasi: tuple[int, ...]       # 1-based positions of its operations in the amendment

    @property
    def semula_text(self) -> str:
        return "\n".join(b.text for b in self.semula) if self.semula else KOSONG

    @property
    def perubahan_text(self) -> str:
        return "\n".join(b.text for b in self.perubahan)

    @property
    def keterangan(self) -> tuple[str, ...]:
        """The Keterangan/Alasan cell, paragraph by paragraph: the change, then its reasons (each
        after what it concerns when there are several)."""
        return tuple(p for p in (self.uraian, *reasons(self.alasan)) if p)

    @property
    def keterangan_text(self) -> str:
        return "\n".join(self.keterangan)

    def as_dict(self) -> dict:
        return {"no": self.no, "ketentuan": self.ketentuan, "semula": [b.as_dict() for b in self.semula],
                "perubahan": [b.as_dict() for b in self.perubahan], "semula_text": self.semula_text,
                "perubahan_text": self.perubahan_text, "uraian": self.uraian, "keterangan": list(self.keterangan),
                "operasi": list(self.operasi)}


def _heading(p: str) -> Block:
    return Block("pasal", f"Pasal {p}")


def _inner(p: Pasal | None, unit: str, numbers: set[str]) -> list[Block]:
    """The ayat or list items of `p` whose numbers are in `numbers`, under the article's heading;
    empty when `p` has none of them."""
    if p is None:
        return []
    out: list[Block] = []
    if unit == "ayat":
        for a in p.paragraphs:
            if a.number in numbers:
                out.extend(paragraph_blocks(a))
    else:
        lp = p.list_paragraph
        for b in (lp.items if lp else ()):
            if b.label in numbers:
                out.extend(butir_blocks([b]))
    return [_heading(p.number), *out] if out else []


def _cells(base: Act, new: Act, ins: Instruction) -> tuple[list[Block], list[Block]]:
    if ins.kind == "ubah_pasal":
        return pasal_blocks(base.pasal(ins.pasal)), pasal_blocks(new.pasal(ins.pasal))
    if ins.kind == "hapus_pasal":
        return pasal_blocks(base.pasal(ins.pasal)), [_heading(ins.pasal), Block("paragraf", DIHAPUS)]
    if ins.kind == "sisip_pasal":
        return [], [b for n in ins.new_pasal for b in pasal_blocks(new.pasal(n))]
    if ins.kind == "sisip_bab":
        return [], bab_blocks(new.chapter(ins.insertions[0].numbers[0]))
    touched = {*ins.changed, *ins.deleted, *(n for s in ins.insertions for n in s.numbers)}
    return _inner(base.pasal(ins.pasal), ins.unit, touched), _inner(new.pasal(ins.pasal), ins.unit, touched)


def matrix_rows(base: Act, amendment: Amendment) -> list[MatrixRow]:
    """One row per change of Pasal I, then Pasal II (checks the amendment first, like `build_draft`)."""
    new = consolidate(base, amendment, annotate=False).act
    rows = []
    for p in pokok_perubahan(base, amendment):
        semula, perubahan = _cells(base, new, p.instruction)
        rows.append(_row(p, semula, perubahan))
    rows.append(MatrixRow(no=PASAL_II, ketentuan="Pasal II", semula=(), perubahan=tuple(pasal_blocks(amendment.pasal_ii)),
                          uraian="", alasan=(("Pasal II", amendment.alasan_pasal_ii or ALASAN_PASAL_II),), operasi=()))
    return rows


def _row(p: Pokok, semula: list[Block], perubahan: list[Block]) -> MatrixRow:
    return MatrixRow(no=str(p.no), ketentuan=p.ketentuan, semula=tuple(semula), perubahan=tuple(perubahan),
                     uraian=p.uraian, alasan=p.alasan, operasi=tuple(sorted(p.instruction.operations)))
