"""The 2026 handover amendment: what it changes in Perwali 3/2025, and the errors an amendment that
cannot apply raises — each naming the operation, in Indonesian."""
from __future__ import annotations

import pytest

from rentan.legal.act import ActError, pasal_blocks
from rentan.legal.amendment import (AmendmentError, ConflictingOperations, DeleteArticle, InsertArticles,
                                    InsertChapter, InsertItems, InsertParagraphs, InsertionPointNotFound,
                                    NumberOutOfSequence, ProvisionNotFound, ReplaceArticle, ReplaceItem,
                                    ReplaceParagraph, apply, check, consolidate)
from rentan.legal.blocks import texts

from .helpers import make_act, make_amendment, pasal

ACT = make_act()
NOTE = "[diubah dengan Peraturan Wali Kota Nomor … Tahun 2025]"


# --- the handover amendment ---------------------------------------------------------------------


def test_uses_every_kind_of_operation_and_gives_reasons(amendment):
    kinds = {type(op) for op in amendment.operations}
    assert kinds == {ReplaceArticle, ReplaceParagraph, ReplaceItem, InsertArticles, InsertParagraphs, InsertItems,
                     InsertChapter, DeleteArticle}
    assert all(len(op.alasan) > 30 for op in amendment.operations)


def test_changes_well_under_half_of_the_articles_so_no_warning(base, amendment):
    result = consolidate(base, amendment)
    assert result.changed_share < 0.45
    assert result.warnings == ()


def test_consolidated_definition_names_dinas_sosial(base, amendment):
    lines = texts(pasal_blocks(apply(base, amendment, annotate=False).pasal("1")))
    assert "5. Dinas adalah Dinas Sosial Kota Balikpapan." in lines
    assert "6. Kepala Dinas adalah Kepala Dinas Sosial Kota Balikpapan." in lines
    labels = [line.split(".")[0] for line in lines[2:]]
    assert labels[10:14] == ["11", "11a", "11b", "12"]


def test_consolidated_5a_sits_between_5_and_6_in_the_same_chapter(base, amendment):
    act = apply(base, amendment, annotate=False)
    assert act.pasal_numbers[4:7] == ["5", "5A", "6"]
    assert act.bab_of("5A").number == "III"
    assert texts(pasal_blocks(act.pasal("5A")))[1] == (
        "(1) Dalam menetapkan calon Peserta, Dinas mengutamakan Pekerja Rentan yang terdaftar dalam DTSEN.")


def test_consolidated_pasal_16_reads_dihapus(base, amendment):
    act = apply(base, amendment, annotate=False)
    assert texts(pasal_blocks(act.pasal("16"))) == ["Pasal 16", "Dihapus."]


def test_consolidated_chapter_iva_between_iv_and_v(base, amendment):
    act = apply(base, amendment, annotate=False)
    assert [b.number for b in act.bab] == ["I", "II", "III", "IV", "IVA", "V", "VI", "VII", "VIII"]
    assert act.chapter("IVA").title == "PEMADANAN DATA DAN INTEGRASI PERLINDUNGAN SOSIAL"
    assert [p.number for p in act.chapter("IVA").pasal] == ["8A"]
    assert act.pasal_numbers[8:11] == ["8", "8A", "9"]


def test_consolidated_ayat_order_and_changed_ayat(base, amendment):
    act = apply(base, amendment, annotate=False)
    assert [a.number for a in act.pasal("10").paragraphs] == ["1", "1a", "1b", "2", "3"]
    assert texts(pasal_blocks(act.pasal("8")))[2] == (
        "(2) Validasi sebagaimana dimaksud pada ayat (1) dilakukan untuk memastikan calon Peserta tidak terdaftar "
        "sebagai peserta program JKK dan JKM, termasuk peserta yang iurannya dibayar oleh Pemerintah Provinsi "
        "Kalimantan Timur.")
    assert texts(pasal_blocks(act.pasal("6")))[-1] == (
        "(4) Data calon Peserta hasil pendataan sebagaimana dimaksud pada ayat (2) dicatat dalam sistem informasi "
        "yang dikelola oleh Dinas.")


def test_unchanged_articles_stay_identical_and_the_base_is_untouched(base, amendment):
    act = apply(base, amendment, annotate=False)
    for n in ("2", "3", "4", "5", "7", "9", "11", "12", "13", "14", "15", "17"):
        assert act.pasal(n) == base.pasal(n)
    assert "5. Dinas adalah Dinas Ketenagakerjaan Kota Balikpapan." in texts(pasal_blocks(base.pasal("1")))


def test_annotations_name_the_amending_regulation(base, amendment):
    lines = texts(pasal_blocks(apply(base, amendment).pasal("8"), annotate=True))
    assert lines[0:2] == ["Pasal 8", lines[1]]
    assert lines[2].startswith("(2) Validasi") and lines[3] == NOTE
    assert lines[4].startswith("(3) Hasil validasi") and lines[5] == NOTE
    assert len(lines) == 6


def test_deleting_an_ayat_and_an_item_keeps_their_numbers():
    act = apply(ACT, make_amendment({"jenis": "hapus_ayat", "pasal": 12, "ayat": 3},
                                    {"jenis": "hapus_angka", "pasal": 1, "angka": 7}), annotate=False)
    assert texts(pasal_blocks(act.pasal("12")))[3] == "(3) Dihapus."
    assert "7. Dihapus." in texts(pasal_blocks(act.pasal("1")))


# --- errors, not surprises ----------------------------------------------------------------------


def error(*ops) -> AmendmentError:
    with pytest.raises(AmendmentError) as e:
        check(ACT, make_amendment(*ops))
    assert isinstance(e.value, ValueError)
    return e.value


def test_article_that_does_not_exist():
    e = error({"jenis": "ubah_ayat", "pasal": 8, "ayat": 2, "teks": "Baru."},
              {"jenis": "ubah_pasal", "pasal": 99, "isi": {"teks": "Baru."}})
    assert isinstance(e, ProvisionNotFound)
    assert e.index == 2
    assert str(e) == ("Operasi ke-2 (ubah Pasal 99): Pasal 99 tidak ada dalam Peraturan Wali Kota Balikpapan "
                      "Nomor 3 Tahun 2025")


def test_ayat_that_does_not_exist():
    e = error({"jenis": "ubah_ayat", "pasal": 8, "ayat": 7, "teks": "Baru."})
    assert isinstance(e, ProvisionNotFound)
    assert str(e) == ("Operasi ke-1 (ubah ayat (7) Pasal 8): Pasal 8 tidak memiliki ayat (7); ayat yang ada: "
                      "(1), (2), (3), (4)")


def test_definition_that_does_not_exist():
    e = error({"jenis": "ubah_angka", "pasal": 1, "angka": 40, "teks": "Istilah adalah baru."})
    assert isinstance(e, ProvisionNotFound)
    assert str(e) == ("Operasi ke-1 (ubah Pasal 1 angka 40): Pasal 1 tidak memiliki angka 40 "
                      "(rinciannya 1 sampai dengan 14)")


def test_changing_an_already_deleted_article():
    act = apply(ACT, make_amendment({"jenis": "hapus_pasal", "pasal": 16}))
    with pytest.raises(ProvisionNotFound, match=r"^Operasi ke-1 \(ubah Pasal 16\): Pasal 16 sudah dihapus"):
        check(act, make_amendment({"jenis": "ubah_pasal", "pasal": 16, "isi": {"teks": "Baru."}}))


@pytest.mark.parametrize("op, message", [
    ({"jenis": "sisip_pasal", "sesudah": 99, "pasal": [pasal("99A")]},
     "Operasi ke-1 (sisipkan Pasal 99A sesudah Pasal 99): Pasal 99 tidak ada dalam Peraturan Wali Kota Balikpapan "
     "Nomor 3 Tahun 2025, sehingga tidak dapat menjadi tempat penyisipan"),
    ({"jenis": "sisip_pasal", "sesudah": 20, "pasal": [pasal("20A")]},
     "Operasi ke-1 (sisipkan Pasal 20A sesudah Pasal 20): tidak ada pasal sesudah Pasal 20, sehingga tidak ada "
     "tempat \"di antara\" untuk menyisipkan"),
    ({"jenis": "sisip_ayat", "pasal": 8, "sesudah": 4, "ayat": [{"nomor": "4a", "teks": "Baru."}]},
     "Operasi ke-1 (sisipkan ayat (4a) sesudah ayat (4) Pasal 8): ayat (4) adalah ayat terakhir Pasal 8, sehingga "
     "tidak ada tempat \"di antara\" untuk menyisipkan"),
    ({"jenis": "sisip_bab", "sesudah": "IX", "bab": {"nomor": "IXA", "judul": "BARU", "pasal": [pasal("20A")]}},
     "Operasi ke-1 (sisipkan BAB IXA sesudah BAB IX): BAB IX tidak ada dalam Peraturan Wali Kota Balikpapan "
     "Nomor 3 Tahun 2025, sehingga tidak dapat menjadi tempat penyisipan"),
])
def test_insertion_point_that_does_not_exist(op, message):
    e = error(op)
    assert isinstance(e, InsertionPointNotFound)
    assert str(e) == message


@pytest.mark.parametrize("ops, message", [
    ([{"jenis": "ubah_ayat", "pasal": 8, "ayat": 2, "teks": "Baru."},
      {"jenis": "ubah_ayat", "pasal": 8, "ayat": 2, "teks": "Lain."}],
     "Operasi ke-2 (ubah ayat (2) Pasal 8): bentrok dengan operasi ke-1 (ubah ayat (2) Pasal 8): keduanya mengenai "
     "ayat (2) Pasal 8; gabungkan menjadi satu operasi"),
    ([{"jenis": "ubah_ayat", "pasal": 8, "ayat": 2, "teks": "Baru."},
      {"jenis": "ubah_pasal", "pasal": 8, "isi": {"teks": "Baru."}}],
     "Operasi ke-2 (ubah Pasal 8): bentrok dengan operasi ke-1 (ubah ayat (2) Pasal 8): keduanya mengenai Pasal 8; "
     "bila seluruh pasal diubah, ubahan ayat atau rinciannya dimasukkan ke dalam teks pasal yang baru"),
    ([{"jenis": "hapus_pasal", "pasal": 16}, {"jenis": "hapus_pasal", "pasal": 16}],
     "Operasi ke-2 (hapus Pasal 16): bentrok dengan operasi ke-1 (hapus Pasal 16): keduanya mengenai Pasal 16; "
     "gabungkan menjadi satu operasi"),
    ([{"jenis": "sisip_pasal", "sesudah": 10, "pasal": [pasal("10A")]},
      {"jenis": "sisip_bab", "sesudah": "IV", "bab": {"nomor": "IVA", "judul": "BARU", "pasal": [pasal("10A")]}}],
     "Operasi ke-2 (sisipkan BAB IVA sesudah BAB IV): bentrok dengan operasi ke-1 (sisipkan Pasal 10A sesudah "
     "Pasal 10): keduanya mengenai tempat sesudah Pasal 10; gabungkan menjadi satu operasi"),
])
def test_two_operations_on_the_same_place(ops, message):
    e = error(*ops)
    assert isinstance(e, ConflictingOperations)
    assert str(e) == message


@pytest.mark.parametrize("op, message", [
    ({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5B")]},
     "Operasi ke-1 (sisipkan Pasal 5B sesudah Pasal 5): nomor sisipan tidak berurutan: sesudah Pasal 5 seharusnya "
     "Pasal 5A, bukan Pasal 5B"),
    ({"jenis": "sisip_pasal", "sesudah": 6, "pasal": [pasal("5A")]},
     "Operasi ke-1 (sisipkan Pasal 5A sesudah Pasal 6): nomor sisipan tidak berurutan: sesudah Pasal 6 seharusnya "
     "Pasal 6A, bukan Pasal 5A"),
    ({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A"), pasal("5C")]},
     "Operasi ke-1 (sisipkan Pasal 5A dan Pasal 5C sesudah Pasal 5): nomor sisipan tidak berurutan: sesudah "
     "Pasal 5A seharusnya Pasal 5B, bukan Pasal 5C"),
    ({"jenis": "sisip_ayat", "pasal": 8, "sesudah": 1, "ayat": [{"nomor": "1b", "teks": "Baru."}]},
     "Operasi ke-1 (sisipkan ayat (1b) sesudah ayat (1) Pasal 8): nomor sisipan tidak berurutan: sesudah ayat (1) "
     "seharusnya ayat (1a), bukan ayat (1b)"),
    ({"jenis": "sisip_angka", "pasal": 1, "sesudah": 11, "angka": [{"nomor": "11b", "teks": "Istilah baru."}]},
     "Operasi ke-1 (sisipkan angka 11b sesudah angka 11 Pasal 1): nomor sisipan tidak berurutan: sesudah angka 11 "
     "seharusnya angka 11a, bukan angka 11b"),
    ({"jenis": "sisip_bab", "sesudah": "IV", "bab": {"nomor": "IVB", "judul": "BARU", "pasal": [pasal("10A")]}},
     "Operasi ke-1 (sisipkan BAB IVB sesudah BAB IV): nomor sisipan tidak berurutan: sesudah BAB IV seharusnya "
     "BAB IVA, bukan BAB IVB"),
    ({"jenis": "sisip_bab", "sesudah": "IV", "bab": {"nomor": "IVA", "judul": "BARU", "pasal": [pasal("8A")]}},
     "Operasi ke-1 (sisipkan BAB IVA sesudah BAB IV): nomor sisipan tidak berurutan: sesudah Pasal 10 seharusnya "
     "Pasal 10A, bukan Pasal 8A"),
])
def test_number_out_of_sequence(op, message):
    e = error(op)
    assert isinstance(e, NumberOutOfSequence)
    assert str(e) == message


def test_no_free_number_between_an_article_and_its_earlier_insertion():
    act = apply(ACT, make_amendment({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A")]}))
    with pytest.raises(NumberOutOfSequence, match="tidak ada nomor sisipan yang tersedia di antara Pasal 5 dan Pasal 5A"):
        check(act, make_amendment({"jenis": "sisip_pasal", "sesudah": 5, "pasal": [pasal("5A")]}))
    # after the earlier insertion the next free number is 5B
    assert check(act, make_amendment({"jenis": "sisip_pasal", "sesudah": "5A", "pasal": [pasal("5B")]})) == []


def test_amendment_of_another_act_is_refused():
    with pytest.raises(AmendmentError, match="mengubah Peraturan Wali Kota Nomor 4 Tahun 2025, bukan Peraturan Wali "
                                             "Kota Balikpapan Nomor 3 Tahun 2025"):
        check(ACT, make_amendment({"jenis": "hapus_pasal", "pasal": 16}, mengubah={"nomor": 4, "tahun": 2025}))


def test_more_than_half_changed_warns_to_revoke_and_replace():
    ops = [{"jenis": "ubah_pasal", "pasal": n, "isi": {"teks": "Baru."}} for n in range(2, 12)]
    assert check(ACT, make_amendment(*ops)) == []          # 10 of 20: exactly half is not more than half
    ops.append({"jenis": "hapus_pasal", "pasal": 16})
    assert check(ACT, make_amendment(*ops)) == [
        "Perubahan mengenai 11 pasal, sedangkan Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 memuat 20 pasal "
        "(55%, lebih dari 50%). Menurut Lampiran II Undang-Undang Nomor 12 Tahun 2011, peraturan yang materi "
        "muatannya berubah lebih dari 50% lebih baik dicabut dan disusun kembali dalam peraturan yang baru "
        "(pencabutan dan penggantian), bukan diubah."]


@pytest.mark.parametrize("op, message", [
    ({"jenis": "ganti_pasal", "pasal": 5, "alasan": "uji"}, "uji: operasi ke-1: jenis operasi tidak dikenal: 'ganti_pasal'"),
    ({"jenis": "hapus_pasal", "pasal": 5, "alasan": " "},
     "uji: operasi ke-1: alasan wajib diisi (untuk kolom Keterangan/Alasan matriks perubahan)"),
    ({"jenis": "sisip_ayat", "pasal": 8, "sesudah": 1, "ayat": ["Tanpa nomor."], "alasan": "uji"},
     "uji: operasi ke-1: ayat[1]: ayat sisipan wajib diberi nomor (misalnya 1a)"),
])
def test_malformed_operations_are_refused_when_read(op, message):
    from rentan.legal.amendment import amendment_from_dict
    with pytest.raises(ActError) as e:
        amendment_from_dict({"mengubah": {"nomor": 3, "tahun": 2025}, "operasi": [op],
                             "pasal_ii": {"teks": "Berlaku."}}, source="uji")
    assert str(e.value).startswith(message)
