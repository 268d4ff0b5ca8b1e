"""The exact Indonesian sentences of an amending regulation (UU 12/2011 Lampiran II, as DOMAIN.md
quotes them):

    Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut:
    Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:
    Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi sebagai berikut:
    Di antara ayat (1) dan ayat (2) Pasal 18 disisipkan 2 (dua) ayat, yakni ayat (1a) dan ayat (1b)
        sehingga Pasal 18 berbunyi sebagai berikut:
    Pasal 16 dihapus.
    Ketentuan Pasal 1 angka 8 diubah, di antara angka 11 dan angka 12 disisipkan 2 (dua) angka, yakni
        angka 11a dan angka 11b, sehingga Pasal 1 berbunyi sebagai berikut:
    Di antara BAB IV dan BAB V disisipkan 1 (satu) bab, yakni BAB IVA sehingga berbunyi sebagai berikut:

Several operations on one article make one instruction of clauses in a fixed order — what is
changed ("Ketentuan … diubah"), what is deleted ("… dihapus"), what is inserted ("di antara …
disisipkan …, yakni …") — joined by commas, so that a "yakni" list always ends just before
", sehingga"; the article is named in the first clause only. Counts are a
numeral with its words (`rentan.idfmt.angka_kata`); lists of three or more read "ayat (2),
ayat (3), dan ayat (4)".

One phrasing per instruction, two renderings: `instruction_sentence` is the sentence of Pasal I
("… diubah sehingga berbunyi sebagai berikut:"), `uraian` the same change as a statement for the
matriks perubahan and the naskah penjelasan ("Ketentuan Pasal 6 diubah."). Both are the clauses of
`_parts` with a different ending, so the three documents cannot phrase a change differently.
"""
from __future__ import annotations

from typing import Sequence

from rentan.idfmt import angka_kata, terbilang
from rentan.legal.numbering import huruf

TAIL = "sebagai berikut:"


def daftar(items: Sequence[str], conj: str = "dan") -> str:
    """a | a dan b | a, b, dan c"""
    items = list(items)
    if not items:
        raise ValueError("daftar kosong")
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return f"{', '.join(items[:-1])}, {conj} {items[-1]}"


def ref(unit: str, number: str) -> str:
    """ayat (2) | Pasal 5A | angka 11a | huruf c | BAB IVA"""
    if unit == "ayat":
        return f"ayat ({number})"
    if unit == "pasal":
        return f"Pasal {number}"
    if unit == "bab":
        return f"BAB {number}"
    return f"{unit} {number}"


def jumlah(n: int, unit: str) -> str:
    """2 (dua) ayat | 1 (satu) pasal | 1 (satu) bab"""
    return f"{angka_kata(n)} {unit.lower()}"


def _c(cite: str | None) -> str:
    return f" dalam {cite}" if cite else ""


def _berbunyi(pasal: str | None = None) -> str:
    return f"sehingga Pasal {pasal} berbunyi {TAIL}" if pasal else f"sehingga berbunyi {TAIL}"


def _ubah_pasal(pasal: str, cite: str | None) -> tuple[str, str]:
    return f"Ketentuan Pasal {pasal}{_c(cite)} diubah", " " + _berbunyi()


def _hapus_pasal(pasal: str, cite: str | None) -> tuple[str, str]:
    return f"Pasal {pasal}{_c(cite)} dihapus", "."


def _sisip(unit: str, between: tuple[str, str], numbers: Sequence[str], cite: str | None) -> tuple[str, str]:
    a, b = between
    return (f"Di antara {ref(unit, a)} dan {ref(unit, b)}{_c(cite)} disisipkan {jumlah(len(numbers), unit)}, "
            f"yakni {daftar([ref(unit, n) for n in numbers])}", " " + _berbunyi())


def _ubah_isi(pasal: str, unit: str, changed: Sequence[str], inserted: Sequence[tuple[tuple[str, str], Sequence[str]]],
              deleted: Sequence[str], cite: str | None) -> tuple[str, str]:
    def target(refs: str) -> str:
        # "ayat (2) Pasal 8" but "Pasal 1 angka 8", as the rules write them
        return f"{refs} Pasal {pasal}" if unit == "ayat" else f"Pasal {pasal} {refs}"

    clauses: list[str] = []
    if changed:
        clauses.append(f"Ketentuan {target(daftar([ref(unit, n) for n in changed]))}{_c(cite)} diubah")
    if deleted:
        refs = daftar([ref(unit, n) for n in deleted])
        clauses.append(f"{refs} dihapus" if clauses else f"Ketentuan {target(refs)}{_c(cite)} dihapus")
    for (a, b), numbers in inserted:
        between = f"{ref(unit, a)} dan {ref(unit, b)}"
        what = f"disisipkan {jumlah(len(numbers), unit)}, yakni {daftar([ref(unit, n) for n in numbers])}"
        if clauses:
            clauses.append(f"di antara {between} {what}")
        else:
            clauses.append(f"Di antara {between} Pasal {pasal}{_c(cite)} {what}")
    if not clauses:
        raise ValueError("instruksi tanpa perubahan")
    only_insertion = len(clauses) == 1 and inserted and not changed and not deleted
    return ", ".join(clauses), (" " if only_insertion else ", ") + _berbunyi(pasal)


def ubah_pasal(pasal: str, cite: str | None = None) -> str:
    return "".join(_ubah_pasal(pasal, cite))


def hapus_pasal(pasal: str, cite: str | None = None) -> str:
    return "".join(_hapus_pasal(pasal, cite))


def sisip_pasal(between: tuple[str, str], numbers: Sequence[str], cite: str | None = None) -> str:
    return "".join(_sisip("pasal", between, numbers, cite))


def sisip_bab(between: tuple[str, str], numbers: Sequence[str], cite: str | None = None) -> str:
    return "".join(_sisip("bab", between, numbers, cite))


def ubah_isi_pasal(pasal: str, unit: str, *, changed: Sequence[str] = (),
                   inserted: Sequence[tuple[tuple[str, str], Sequence[str]]] = (),
                   deleted: Sequence[str] = (), cite: str | None = None) -> str:
    """One instruction for changes inside Pasal `pasal`: `unit` is ayat, angka or huruf;
    `inserted` lists ((after, before), new numbers) per insertion place."""
    return "".join(_ubah_isi(pasal, unit, changed, inserted, deleted, cite))


def _parts(ins, cite: str | None) -> tuple[str, str]:
    """The clauses of an `amendment.Instruction` and the ending Pasal I gives them."""
    if ins.kind == "ubah_pasal":
        return _ubah_pasal(ins.pasal, cite)
    if ins.kind == "hapus_pasal":
        return _hapus_pasal(ins.pasal, cite)
    if ins.kind in ("sisip_pasal", "sisip_bab"):
        s = ins.insertions[0]
        return _sisip(s.unit, s.between, s.numbers, cite)
    if ins.kind == "ubah_isi":
        return _ubah_isi(ins.pasal, ins.unit, ins.changed, [(s.between, s.numbers) for s in ins.insertions],
                         ins.deleted, cite)
    raise ValueError(f"jenis instruksi tidak dikenal: {ins.kind}")


def instruction_sentence(ins, cite: str | None = None) -> str:
    """The sentence of an `amendment.Instruction` in Pasal I; `cite` names the amended act (used
    when Pasal I holds a single instruction)."""
    return "".join(_parts(ins, cite))


def uraian(ins) -> str:
    """The same change stated, not instructed — for the matriks and the naskah penjelasan:
    "Ketentuan Pasal 1 angka 5 diubah, di antara angka 11 dan angka 12 disisipkan 2 (dua) angka,
    yakni angka 11a dan angka 11b." · "Pasal 16 dihapus." · "Ketentuan Pasal 6 diubah." """
    return _parts(ins, None)[0] + "."


def pembuka_pasal_i(cited_act: str) -> str:
    """Beberapa ketentuan dalam Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang …
    (Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4) diubah sebagai berikut:"""
    return f"Beberapa ketentuan dalam {cited_act} diubah {TAIL}"


def perubahan_ke(n: int) -> str:
    """Perubahan atas | Perubahan Kedua atas | Perubahan Ketiga atas"""
    if n < 1:
        raise ValueError("perubahan ke- harus 1 atau lebih")
    return "Perubahan atas" if n == 1 else f"Perubahan Ke{terbilang(n)} atas"


def tentang_perubahan(judul_singkat_base: str, tentang_base: str, n: int = 1) -> str:
    """Perubahan atas Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang …"""
    return f"{perubahan_ke(n)} {judul_singkat_base} tentang {tentang_base}"


def menimbang_penutup(n_before: int, jenis: str, tentang: str) -> str:
    """bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu
    menetapkan Peraturan Wali Kota tentang …;"""
    refs = daftar([f"huruf {huruf(i + 1)}" for i in range(n_before)])
    return f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam {refs}, perlu menetapkan {jenis} tentang {tentang};"
