"""The amending Peraturan Wali Kota as a renderer-neutral model: a flat list of `Block`s a DOCX or
HTML template walks in order (see `rentan.legal.blocks` for the kinds).

Order of the blocks:

    kop ×2 · judul (RANCANGAN, PERATURAN WALI KOTA BALIKPAPAN, NOMOR … TAHUN 2025, TENTANG,
    PERUBAHAN ATAS …) · pembukaan · jabatan · menimbang a.–c. · mengingat 1.–n. · memutuskan ·
    menetapkan · pasal "Pasal I" · paragraf "Beberapa ketentuan dalam … diubah sebagai berikut:" ·
    for each change: instruksi "1." + the quoted new text (quoted=True: bab, bab_judul, pasal,
    ayat, paragraf, butir) · pasal "Pasal II" · its ayat/butir/paragraf · penutup (ditetapkan,
    diundangkan) · berita_daerah

`pokok_perubahan` lists the same instructions, numbered as Pasal I numbers them, each stated
(`Instruction.uraian`) with the reasons of its operations: what the matriks perubahan and the
naskah penjelasan count and explain, so the three documents count the same changes.

With exactly one change, Pasal I holds a single unnumbered instruksi block that names the amended
act ("Ketentuan Pasal 5 dalam Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang … (Berita
Daerah …) diubah sehingga berbunyi sebagai berikut:") instead of the "Beberapa ketentuan" opening.
"""
from __future__ import annotations

from dataclasses import dataclass

from rentan.legal.act import (Act, bab_blocks, closing_blocks, opening_blocks, pasal_blocks, title_blocks)
from rentan.legal.amendment import Amendment, Instruction, consolidate
from rentan.legal.blocks import Block
from rentan.legal.phrasing import pembuka_pasal_i, tentang_perubahan


@dataclass(frozen=True)
class InstructionText:
    """One instruction of Pasal I with the full new text that follows it."""
    number: int | None          # 1, 2, … (None when Pasal I holds a single change)
    sentence: str
    provision: tuple[Block, ...]  # the new text (quoted); empty for "Pasal 16 dihapus."
    instruction: Instruction


@dataclass(frozen=True)
class Pokok:
    """One change of Pasal I as the matriks and the naskah penjelasan state it."""
    no: int                                 # its number in Pasal I (1 when Pasal I holds one change)
    ketentuan: str                          # "Pasal 1", "Pasal 5A", "BAB IVA"
    uraian: str                             # "Ketentuan Pasal 6 diubah."
    alasan: tuple[tuple[str, str], ...]     # (what each operation concerns, its reason), in order
    instruction: Instruction

    @property
    def alasan_teks(self) -> str:
        return " ".join(reasons(self.alasan))


def reasons(alasan: tuple[tuple[str, str], ...]) -> list[str]:
    """Reasons as sentences: one as it is; several, each after what it concerns ("Pasal 1 angka 5: …")."""
    def sentence(text: str) -> str:
        text = " ".join(text.split())
        return text if text.endswith((".", "!", "?")) else text + "."
    if len(alasan) == 1:
        return [sentence(alasan[0][1])]
    return [f"{k}: {sentence(a)}" for k, a in alasan]


def pokok_perubahan(base: Act, amendment: Amendment) -> list[Pokok]:
    """The instructions of Pasal I, in its order and numbering, each with its reasons."""
    result = consolidate(base, amendment, annotate=False)
    out = []
    for k, ins in enumerate(result.instructions, start=1):
        ops = [amendment.operations[i - 1] for i in sorted(ins.operations)]
        out.append(Pokok(k, ins.ketentuan, ins.uraian, tuple((op.ketentuan, op.alasan) for op in ops), ins))
    return out


@dataclass(frozen=True)
class AmendmentDraft:
    tentang: str                 # Perubahan atas Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang …
    title: str                   # the same in capitals (the TENTANG line of the title)
    blocks: tuple[Block, ...]    # the whole regulation, in order
    instructions: tuple[InstructionText, ...]
    warnings: tuple[str, ...]    # e.g. more than half of the articles changed
    consolidated: Act            # the act as amended (unannotated)

    def as_dicts(self) -> list[dict]:
        return [b.as_dict() for b in self.blocks]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def _provision(consolidated: Act, ins: Instruction) -> list[Block]:
    if ins.kind == "hapus_pasal":
        return []
    if ins.kind == "sisip_bab":
        return bab_blocks(consolidated.chapter(ins.insertions[0].numbers[0]))
    numbers = ins.new_pasal if ins.kind == "sisip_pasal" else (ins.pasal,)
    out: list[Block] = []
    for n in numbers:
        out.extend(pasal_blocks(consolidated.pasal(n)))
    return out


def build_draft(base: Act, amendment: Amendment, *, rancangan: bool = True) -> AmendmentDraft:
    """The amending regulation: checks every operation (raising `AmendmentError` when one cannot
    apply) and returns its text as blocks, with any warnings."""
    result = consolidate(base, amendment, annotate=False)
    tentang = tentang_perubahan(base.judul_singkat, base.tentang, amendment.perubahan_ke)
    self_act = Act(tentang=tentang, bab=(), nomor=amendment.nomor, tahun=amendment.tahun,
                   jenis=amendment.jenis, daerah=amendment.daerah, provinsi=amendment.provinsi)

    blocks: list[Block] = [
        *title_blocks(self_act, rancangan=rancangan),
        *opening_blocks(self_act, amendment.menimbang, amendment.mengingat_bagi(base),
                        f"{amendment.jenis.upper()} TENTANG {tentang.upper()}."),
        Block("pasal", "Pasal I"),
    ]
    single = len(result.instructions) == 1
    texts: list[InstructionText] = []
    if not single:
        blocks.append(Block("paragraf", pembuka_pasal_i(base.sebutan_lengkap)))
    for k, ins in enumerate(result.instructions, start=1):
        sentence = ins.kalimat(cite=base.sebutan_lengkap if single else None)
        provision = tuple(b.as_quoted() for b in _provision(result.act, ins))
        number = None if single else k
        texts.append(InstructionText(number, sentence, provision, ins))
        blocks.append(Block("instruksi", sentence, label="" if single else f"{k}."))
        blocks.extend(provision)

    blocks.extend(pasal_blocks(amendment.pasal_ii))
    blocks.extend(closing_blocks(amendment.ditetapkan, amendment.diundangkan, amendment.daerah,
                                 amendment.berita_daerah_tahun, amendment.berita_daerah_nomor))
    return AmendmentDraft(tentang=tentang, title=tentang.upper(), blocks=tuple(blocks),
                          instructions=tuple(texts), warnings=result.warnings, consolidated=result.act)
