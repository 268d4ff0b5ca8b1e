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


def ubah_pasal(pasal: str, cite: str | None = None) -> str:
    return f"Ketentuan Pasal {pasal}{_c(cite)} diubah sehingga berbunyi {TAIL}"


def hapus_pasal(pasal: str, cite: str | None = None) -> str:
    return f"Pasal {pasal}{_c(cite)} dihapus."


def sisip_pasal(between: tuple[str, str], numbers: Sequence[str], cite: str | None = None) -> str:
    a, b = between
    return (f"Di antara Pasal {a} dan Pasal {b}{_c(cite)} disisipkan {jumlah(len(numbers), 'pasal')}, "
            f"yakni {daftar([ref('pasal', n) for n in numbers])} sehingga berbunyi {TAIL}")


def sisip_bab(between: tuple[str, str], numbers: Sequence[str], cite: str | None = None) -> str:
    a, b = between
    return (f"Di antara BAB {a} dan BAB {b}{_c(cite)} disisipkan {jumlah(len(numbers), 'bab')}, "
            f"yakni {daftar([ref('bab', n) for n in numbers])} sehingga berbunyi {TAIL}")


def ubah_isi_pasal(pasal: str, unit: str, *, changed: Sequence[str] = (),
                   inserted: Sequence[tuple[tuple[str, str], Sequence[str]]] = (),
                   deleted: Sequence[str] = (), cite: str | None = None) -> str:
    """One instruction for changes inside Pasal `pasal`: `unit` is ayat, angka or huruf;
    `inserted` lists ((after, before), new numbers) per insertion place."""
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
    sep = " " if only_insertion else ", "
    return f"{', '.join(clauses)}{sep}sehingga Pasal {pasal} berbunyi {TAIL}"


def instruction_sentence(ins, cite: str | None = None) -> str:
    """The sentence of an `amendment.Instruction`; `cite` names the amended act (used when
    Pasal I holds a single instruction)."""
    if ins.kind == "ubah_pasal":
        return ubah_pasal(ins.pasal, cite)
    if ins.kind == "hapus_pasal":
        return hapus_pasal(ins.pasal, cite)
    if ins.kind == "sisip_pasal":
        s = ins.insertions[0]
        return sisip_pasal(s.between, s.numbers, cite)
    if ins.kind == "sisip_bab":
        s = ins.insertions[0]
        return sisip_bab(s.between, s.numbers, cite)
    if ins.kind == "ubah_isi":
        return ubah_isi_pasal(ins.pasal, ins.unit, changed=ins.changed, deleted=ins.deleted,
                              inserted=[(s.between, s.numbers) for s in ins.insertions], cite=cite)
    raise ValueError(f"jenis instruksi tidak dikenal: {ins.kind}")


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
