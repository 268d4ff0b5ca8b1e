"""The matriks perubahan Bagian Hukum expects: No | Ketentuan Semula | Ketentuan Perubahan |
Keterangan/Alasan — one row per changed provision, in the order of the act.

Each cell is a tuple of `Block`s (so a template can indent ayat and items) headed by the article it
belongs to ("Pasal 8" above "(2) Validasi …"); `semula_text` / `perubahan_text` give the plain
text. An insertion has no semula ("-"); a deletion reads "Dihapus.".
"""
from __future__ import annotations

from dataclasses import dataclass

from rentan.legal.act import (DIHAPUS, Act, Ayat, Butir, Pasal, bab_blocks, butir_blocks,
                              paragraph_blocks, pasal_blocks)
from rentan.legal.amendment import (Amendment, DeleteArticle, DeleteItem, DeleteParagraph, InsertArticles,
                                    InsertChapter, InsertItems, InsertParagraphs, ReplaceArticle, ReplaceItem,
                                    ReplaceParagraph, consolidate)
from rentan.legal.blocks import Block
from rentan.legal.numbering import sort_key

KOSONG = "-"


@dataclass(frozen=True)
class MatrixRow:
    no: int
    ketentuan: str                 # "Pasal 1 angka 5", "Pasal 8 ayat (2)", "Pasal 5A", "BAB IVA"
    semula: tuple[Block, ...]      # empty for an insertion
    perubahan: tuple[Block, ...]
    alasan: str
    operasi: int                   # 1-based position of the operation in the amendment

    @property
    def semula_text(self) -> str:
        return "\n".join(b.text for b in self.semula) if self.semula else KOSONG

    @property
    def perubahan_text(self) -> str:
        return "\n".join(b.text for b in self.perubahan)

    def as_dict(self) -> dict:
        return {"no": self.no, "ketentuan": self.ketentuan, "semula": [b.as_dict() for b in self.semula],
                "perubahan": [b.as_dict() for b in self.perubahan], "semula_text": self.semula_text,
                "perubahan_text": self.perubahan_text, "alasan": self.alasan, "operasi": self.operasi}


def _heading(p: str) -> Block:
    return Block("pasal", f"Pasal {p}")


def _ayat(a: Ayat) -> list[Block]:
    return paragraph_blocks(a)


def _item(b: Butir) -> list[Block]:
    return butir_blocks([b])


def matrix_rows(base: Act, amendment: Amendment) -> list[MatrixRow]:
    """One row per changed provision (checks the amendment first, like `build_draft`)."""
    result = consolidate(base, amendment, annotate=False)
    new = result.act
    rows: list[tuple[tuple, str, list[Block], list[Block], str, int]] = []
    for ins_pos, ins in enumerate(result.instructions):
        for i in ins.operations:
            op = amendment.operations[i - 1]
            why = op.alasan
            if isinstance(op, ReplaceArticle):
                rows.append(((ins_pos, 0), f"Pasal {op.pasal}", pasal_blocks(base.pasal(op.pasal)),
                             pasal_blocks(new.pasal(op.pasal)), why, i))
            elif isinstance(op, DeleteArticle):
                rows.append(((ins_pos, 0), f"Pasal {op.pasal}", pasal_blocks(base.pasal(op.pasal)),
                             [_heading(op.pasal), Block("paragraf", DIHAPUS)], why, i))
            elif isinstance(op, InsertArticles):
                for k, p in enumerate(op.new):
                    rows.append(((ins_pos, k), f"Pasal {p.number}", [], pasal_blocks(new.pasal(p.number)), why, i))
            elif isinstance(op, InsertChapter):
                rows.append(((ins_pos, 0), f"BAB {op.new.number}", [], bab_blocks(new.chapter(op.new.number)), why, i))
            elif isinstance(op, (ReplaceParagraph, DeleteParagraph)):
                old_a = base.pasal(op.pasal).ayat(op.ayat)
                new_a = new.pasal(op.pasal).ayat(op.ayat)
                rows.append(((ins_pos, sort_key(op.ayat)), f"Pasal {op.pasal} ayat ({op.ayat})",
                             [_heading(op.pasal), *_ayat(old_a)], [_heading(op.pasal), *_ayat(new_a)], why, i))
            elif isinstance(op, InsertParagraphs):
                for a in op.new:
                    rows.append(((ins_pos, sort_key(a.number)), f"Pasal {op.pasal} ayat ({a.number})", [],
                                 [_heading(op.pasal), *_ayat(new.pasal(op.pasal).ayat(a.number))], why, i))
            elif isinstance(op, (ReplaceItem, DeleteItem)):
                old_b = _find_item(base.pasal(op.pasal), op.item)
                new_b = _find_item(new.pasal(op.pasal), op.item)
                rows.append(((ins_pos, sort_key(op.item)), f"Pasal {op.pasal} {op.unit} {op.item}",
                             [_heading(op.pasal), *_item(old_b)], [_heading(op.pasal), *_item(new_b)], why, i))
            elif isinstance(op, InsertItems):
                for b in op.new:
                    rows.append(((ins_pos, sort_key(b.label)), f"Pasal {op.pasal} {op.unit} {b.label}", [],
                                 [_heading(op.pasal), *_item(_find_item(new.pasal(op.pasal), b.label))], why, i))
            else:  # pragma: no cover - every operation type is handled above
                raise TypeError(type(op).__name__)
    rows.sort(key=lambda r: r[0])
    return [MatrixRow(no=k, ketentuan=r[1], semula=tuple(r[2]), perubahan=tuple(r[3]), alasan=r[4], operasi=r[5])
            for k, r in enumerate(rows, start=1)]


def _find_item(p: Pasal, label: str) -> Butir:
    for b in p.list_paragraph.items:
        if b.label == label:
            return b
    raise KeyError(label)
