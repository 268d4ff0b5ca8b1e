"""The Rancangan Peraturan Wali Kota tentang Perubahan atas Perwali 3/2025 as blocks a template walks."""
from __future__ import annotations

import pytest

from rentan.legal.amendment import AmendmentError
from rentan.legal.blocks import texts
from rentan.legal.draft import build_draft
from rentan.legal.punctuation import check_amendment

from .helpers import make_amendment

CITE = ("Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang Penyelenggaraan Program Jaminan Sosial "
        "Ketenagakerjaan bagi Pekerja Rentan (Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4)")


@pytest.fixture(scope="module")
def draft(base, amendment):
    return build_draft(base, amendment)


def test_title(draft):
    assert texts(draft.blocks[:7]) == [
        "WALI KOTA BALIKPAPAN", "PROVINSI KALIMANTAN TIMUR", "RANCANGAN", "PERATURAN WALI KOTA BALIKPAPAN",
        "NOMOR … TAHUN 2025", "TENTANG",
        "PERUBAHAN ATAS PERATURAN WALI KOTA BALIKPAPAN NOMOR 3 TAHUN 2025 TENTANG PENYELENGGARAAN PROGRAM JAMINAN "
        "SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN"]
    assert [b.kind for b in draft.blocks[:7]] == ["kop", "kop", "judul", "judul", "judul", "judul", "judul"]


def test_pembukaan_comes_from_the_amendment_file(draft, amendment, base):
    menimbang = [b for b in draft.blocks if b.kind == "menimbang"]
    mengingat = [b for b in draft.blocks if b.kind == "mengingat"]
    assert [b.body for b in menimbang] == list(amendment.menimbang)
    assert [(b.head, b.label) for b in menimbang] == [("Menimbang", "a."), ("", "b."), ("", "c.")]
    # the Mengingat codes of the amendment file, the amended act cited last from its own file
    assert [b.body for b in mengingat] == list(amendment.mengingat_bagi(base))
    assert amendment.mengingat[-1] == "{peraturan yang diubah}"
    assert mengingat[0].text == "Mengingat : 1. Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;"
    assert mengingat[-1].text == f"9. {CITE};"
    menetapkan = next(b for b in draft.blocks if b.kind == "menetapkan")
    assert menetapkan.text == (
        "Menetapkan : PERATURAN WALI KOTA TENTANG PERUBAHAN ATAS PERATURAN WALI KOTA BALIKPAPAN NOMOR 3 TAHUN 2025 "
        "TENTANG PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN.")


def test_pasal_i_opening_and_numbered_instructions(draft):
    blocks = list(draft.blocks)
    k = texts(blocks).index("Pasal I")
    assert blocks[k + 1].text == f"Beberapa ketentuan dalam {CITE} diubah sebagai berikut:"
    assert [b.text for b in blocks if b.kind == "instruksi"] == [
        "1. Ketentuan Pasal 1 angka 5 dan angka 6 diubah, di antara angka 11 dan angka 12 disisipkan 2 (dua) angka, "
        "yakni angka 11a dan angka 11b, sehingga Pasal 1 berbunyi sebagai berikut:",
        "2. Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi sebagai berikut:",
        "3. Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:",
        "4. Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:",
        "5. Di antara BAB IV dan BAB V disisipkan 1 (satu) bab, yakni BAB IVA sehingga berbunyi sebagai berikut:",
        "6. Di antara ayat (1) dan ayat (2) Pasal 10 disisipkan 2 (dua) ayat, yakni ayat (1a) dan ayat (1b) sehingga "
        "Pasal 10 berbunyi sebagai berikut:",
        "7. Pasal 16 dihapus.",
    ]


def test_each_instruction_is_followed_by_the_full_new_provision(draft):
    by_number = {t.number: t for t in draft.instructions}
    assert texts(by_number[4].provision) == [
        "Pasal 8",
        "(1) Dinas menyampaikan data calon Peserta yang telah diverifikasi kepada BPJS Ketenagakerjaan untuk "
        "dilakukan validasi kepesertaan.",
        "(2) Validasi sebagaimana dimaksud pada ayat (1) dilakukan untuk memastikan calon Peserta tidak terdaftar "
        "sebagai peserta program JKK dan JKM, termasuk peserta yang iurannya dibayar oleh Pemerintah Provinsi "
        "Kalimantan Timur.",
        "(3) Hasil validasi sebagaimana dimaksud pada ayat (1) dan hasil pemadanan data sebagaimana dimaksud dalam "
        "Pasal 8A digunakan oleh Dinas sebagai bahan penyusunan rancangan Keputusan Wali Kota sebagaimana dimaksud "
        "dalam Pasal 9.",
    ]
    assert texts(by_number[5].provision)[:4] == [
        "BAB IVA", "PEMADANAN DATA DAN INTEGRASI PERLINDUNGAN SOSIAL", "Pasal 8A",
        "(1) Dinas melakukan pemadanan data calon Peserta dan Peserta dengan DTSEN."]
    assert len(texts(by_number[1].provision)) == 2 + 18          # heading, opening, 16 + 2 definitions
    assert by_number[7].provision == ()                           # "Pasal 16 dihapus." stands alone
    assert all(b.quoted for t in draft.instructions for b in t.provision)


def test_pasal_ii_entry_into_force_and_transition(draft):
    lines = texts(draft.blocks)
    k = lines.index("Pasal II")
    assert lines[k + 1] == "(1) Pada saat Peraturan Wali Kota ini mulai berlaku:"
    assert lines[k + 3].startswith("b. data calon Peserta dan data Peserta yang dikelola oleh Dinas Ketenagakerjaan "
                                   "Kota Balikpapan diserahkan kepada Dinas Sosial Kota Balikpapan")
    assert lines[k + 6] == "(3) Peraturan Wali Kota ini mulai berlaku pada tanggal 1 Januari 2026."
    assert lines[k + 7] == ("Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Wali Kota ini "
                            "dengan penempatannya dalam Berita Daerah Kota Balikpapan.")


def test_penutup_of_a_draft_leaves_dates_and_numbers_open(draft):
    assert texts(draft.blocks[-9:]) == [
        "Ditetapkan di Balikpapan", "pada tanggal …", "WALI KOTA BALIKPAPAN,", "RAHMAD MAS'UD",
        "Diundangkan di Balikpapan", "pada tanggal …", "SEKRETARIS DAERAH KOTA BALIKPAPAN,", "MUHAIMIN",
        "BERITA DAERAH KOTA BALIKPAPAN TAHUN 2025 NOMOR …"]
    assert [b.group for b in draft.blocks[-9:-1]] == ["ditetapkan"] * 4 + ["diundangkan"] * 4


def test_the_amendment_text_is_punctuated_and_dated_consistently(base, amendment):
    assert check_amendment(base, amendment) == []


def test_single_change_uses_the_single_change_opening(base):
    draft = build_draft(base, make_amendment({"jenis": "hapus_pasal", "pasal": 16}))
    lines = texts(draft.blocks)
    k = lines.index("Pasal I")
    assert lines[k + 1] == f"Pasal 16 dalam {CITE} dihapus."
    assert not any(line.startswith("Beberapa ketentuan") for line in lines)
    assert lines[k + 2] == "Pasal II"


def test_single_article_change_opening(base):
    draft = build_draft(base, make_amendment({"jenis": "ubah_pasal", "pasal": 13, "isi": {"ayat": [
        "Pendanaan pembayaran Iuran dibebankan pada APBD melalui dokumen pelaksanaan anggaran Dinas.",
        "Jumlah Peserta yang ditetapkan setiap tahun disesuaikan dengan kemampuan keuangan Daerah."]}}))
    (only,) = draft.instructions
    assert only.number is None
    assert only.sentence == f"Ketentuan Pasal 13 dalam {CITE} diubah sehingga berbunyi sebagai berikut:"
    assert texts(only.provision)[0] == "Pasal 13"


def test_draft_refuses_an_operation_that_cannot_apply(base):
    with pytest.raises(AmendmentError, match=r"^Operasi ke-1 \(hapus Pasal 18\): Pasal 18 tidak ada"):
        build_draft(base, make_amendment({"jenis": "hapus_pasal", "pasal": 18}))


def test_blocks_serialise_for_templates(draft):
    dicts = draft.as_dicts()
    first = next(x for x in dicts if x["kind"] == "instruksi")
    assert (first["label"], first["align"], first["quoted"]) == ("1.", "justify", False)
    assert first["body"].startswith("Ketentuan Pasal 1 angka 5 dan angka 6 diubah")
    assert {x["align"] for x in draft.as_dicts() if x["kind"] in ("bab", "pasal", "judul")} == {"center"}
