"""Every instruction kind, phrased exactly as UU 12/2011 Lampiran II (DOMAIN.md) writes it, produced
from typed operations the way the draft produces it."""
from __future__ import annotations

import pytest

from rentan.legal.amendment import instructions
from rentan.legal.phrasing import (daftar, instruction_sentence, menimbang_penutup, pembuka_pasal_i,
                                   tentang_perubahan)

from .helpers import make_act, make_amendment, pasal

ACT = make_act()


def sentences(*ops: dict, cite: str | None = None) -> list[str]:
    return [instruction_sentence(i, cite) for i in instructions(ACT, make_amendment(*ops))]


def test_change_article():
    assert sentences({"jenis": "ubah_pasal", "pasal": 5, "isi": {"teks": "Ketentuan baru."}}) == [
        "Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut:"]


def test_change_two_ayat_of_one_article():
    assert sentences({"jenis": "ubah_ayat", "pasal": 8, "ayat": 2, "teks": "Baru."},
                     {"jenis": "ubah_ayat", "pasal": 8, "ayat": 3, "teks": "Baru."}) == [
        "Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:"]


def test_three_ayat_join_with_commas_and_dan():
    assert sentences(*({"jenis": "ubah_ayat", "pasal": 8, "ayat": k, "teks": "Baru."} for k in (4, 2, 3))) == [
        "Ketentuan ayat (2), ayat (3), dan ayat (4) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:"]


def test_insert_article():
    assert sentences({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A")]}) == [
        "Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi sebagai berikut:"]


def test_insert_three_articles():
    assert sentences({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A"), pasal("5B"), pasal("5C")]}) == [
        "Di antara Pasal 5 dan Pasal 6 disisipkan 3 (tiga) pasal, yakni Pasal 5A, Pasal 5B, dan Pasal 5C "
        "sehingga berbunyi sebagai berikut:"]


def test_insert_two_ayat():
    assert sentences({"jenis": "sisip_ayat", "pasal": 18, "sesudah": 1,
                      "ayat": [{"nomor": "1a", "teks": "Baru."}, {"nomor": "1b", "teks": "Baru."}]}) == [
        "Di antara ayat (1) dan ayat (2) Pasal 18 disisipkan 2 (dua) ayat, yakni ayat (1a) dan ayat (1b) "
        "sehingga Pasal 18 berbunyi sebagai berikut:"]


def test_delete_article():
    assert sentences({"jenis": "hapus_pasal", "pasal": 16}) == ["Pasal 16 dihapus."]


def test_definitions_changed_and_inserted_make_one_instruction():
    assert sentences({"jenis": "ubah_angka", "pasal": 1, "angka": 8, "teks": "Istilah 8 adalah baru."},
                     {"jenis": "sisip_angka", "pasal": 1, "sesudah": 11,
                      "angka": [{"nomor": "11a", "teks": "Istilah 11a adalah baru."},
                                {"nomor": "11b", "teks": "Istilah 11b adalah baru."}]}) == [
        "Ketentuan Pasal 1 angka 8 diubah, di antara angka 11 dan angka 12 disisipkan 2 (dua) angka, yakni "
        "angka 11a dan angka 11b, sehingga Pasal 1 berbunyi sebagai berikut:"]


def test_insert_chapter():
    assert sentences({"jenis": "sisip_bab", "sesudah": "IV",
                      "bab": {"nomor": "IVA", "judul": "BARU", "pasal": [pasal("10A")]}}) == [
        "Di antara BAB IV dan BAB V disisipkan 1 (satu) bab, yakni BAB IVA sehingga berbunyi sebagai berikut:"]


def test_changed_inserted_and_deleted_ayat_in_fixed_order():
    assert sentences({"jenis": "hapus_ayat", "pasal": 12, "ayat": 4},
                     {"jenis": "sisip_ayat", "pasal": 12, "sesudah": 1, "ayat": [{"nomor": "1a", "teks": "Baru."}]},
                     {"jenis": "ubah_ayat", "pasal": 12, "ayat": 2, "teks": "Baru."}) == [
        "Ketentuan ayat (2) Pasal 12 diubah, ayat (4) dihapus, di antara ayat (1) dan ayat (2) disisipkan "
        "1 (satu) ayat, yakni ayat (1a), sehingga Pasal 12 berbunyi sebagai berikut:"]


def test_deleted_definition_alone():
    assert sentences({"jenis": "hapus_angka", "pasal": 1, "angka": 7}) == [
        "Ketentuan Pasal 1 angka 7 dihapus, sehingga Pasal 1 berbunyi sebagai berikut:"]


def test_instructions_follow_the_order_of_the_act_not_of_the_file():
    assert sentences({"jenis": "hapus_pasal", "pasal": 16},
                     {"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A")]},
                     {"jenis": "ubah_pasal", "pasal": 5, "isi": {"teks": "Baru."}}) == [
        "Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut:",
        "Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi sebagai berikut:",
        "Pasal 16 dihapus.",
    ]


CITE = ("Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang Uji Coba "
        "(Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4)")


@pytest.mark.parametrize("op, expected", [
    ({"jenis": "ubah_pasal", "pasal": 5, "isi": {"teks": "Baru."}},
     f"Ketentuan Pasal 5 dalam {CITE} diubah sehingga berbunyi sebagai berikut:"),
    ({"jenis": "ubah_ayat", "pasal": 8, "ayat": 2, "teks": "Baru."},
     f"Ketentuan ayat (2) Pasal 8 dalam {CITE} diubah, sehingga Pasal 8 berbunyi sebagai berikut:"),
    ({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A")]},
     f"Di antara Pasal 5 dan Pasal 6 dalam {CITE} disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi "
     "sebagai berikut:"),
    ({"jenis": "hapus_pasal", "pasal": 16}, f"Pasal 16 dalam {CITE} dihapus."),
])
def test_single_change_names_the_amended_act(op, expected):
    assert sentences(op, cite=CITE) == [expected]


def test_opening_of_pasal_i_with_several_changes():
    assert pembuka_pasal_i(CITE) == f"Beberapa ketentuan dalam {CITE} diubah sebagai berikut:"


def test_lists_of_one_two_three():
    assert daftar(["huruf a"]) == "huruf a"
    assert daftar(["huruf a", "huruf b"]) == "huruf a dan huruf b"
    assert daftar(["huruf a", "huruf b", "huruf c"], "atau") == "huruf a, huruf b, atau huruf c"


def test_title_of_first_and_second_amendment(base):
    assert tentang_perubahan(base.judul_singkat, base.tentang).upper() == (
        "PERUBAHAN ATAS PERATURAN WALI KOTA BALIKPAPAN NOMOR 3 TAHUN 2025 TENTANG PENYELENGGARAAN PROGRAM "
        "JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN")
    assert tentang_perubahan(base.judul_singkat, base.tentang, 2).startswith(
        "Perubahan Kedua atas Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang")


def test_last_consideration():
    assert menimbang_penutup(2, "Peraturan Wali Kota", "Uji Coba") == (
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
        "Peraturan Wali Kota tentang Uji Coba;")
    assert menimbang_penutup(3, "Peraturan Wali Kota", "Uji Coba").startswith(
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b, dan huruf c, perlu")
