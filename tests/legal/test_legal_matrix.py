"""The matriks perubahan: No | Ketentuan Semula | Ketentuan Perubahan | Keterangan/Alasan.

Issue 13 item 6: one row per numbered change of Pasal I (numbered as the Rancangan numbers its
instructions, so the naskah penjelasan, the Rancangan and the matriks count the same 7 changes),
then a row for Pasal II."""
from __future__ import annotations

import pytest

from rentan.legal.draft import build_draft
from rentan.legal.matrix import matrix_rows


@pytest.fixture(scope="module")
def rows(base, amendment):
    return matrix_rows(base, amendment)


def test_one_row_per_instruction_of_pasal_i_then_pasal_ii(rows, base, amendment):
    assert [(r.no, r.ketentuan) for r in rows] == [
        ("1", "Pasal 1"), ("2", "Pasal 5A"), ("3", "Pasal 6"), ("4", "Pasal 8"), ("5", "BAB IVA"),
        ("6", "Pasal 10"), ("7", "Pasal 16"), ("II", "Pasal II")]
    # the same numbering as the instructions of the Rancangan's Pasal I
    draft = build_draft(base, amendment)
    assert [str(i.number) for i in draft.instructions] == [r.no for r in rows[:-1]]
    # every operation of the amendment file is behind exactly one row
    assert sorted(k for r in rows for k in r.operasi) == list(range(1, len(amendment.operations) + 1))
    assert [r.operasi for r in rows] == [(1, 2, 3), (4,), (5,), (6, 7), (8,), (9,), (10,), ()]


def test_changed_definitions_and_insertions_share_the_pasal_1_row(rows, amendment):
    row = rows[0]
    assert row.semula_text == ("Pasal 1\n5. Dinas adalah Dinas Ketenagakerjaan Kota Balikpapan.\n"
                               "6. Kepala Dinas adalah Kepala Dinas Ketenagakerjaan Kota Balikpapan.")
    lines = row.perubahan_text.splitlines()
    assert lines[:3] == ["Pasal 1", "5. Dinas adalah Dinas Sosial Kota Balikpapan.",
                         "6. Kepala Dinas adalah Kepala Dinas Sosial Kota Balikpapan."]
    assert lines[3].startswith("11a. Data Tunggal Sosial dan Ekonomi Nasional yang selanjutnya disingkat DTSEN")
    assert lines[4].startswith("11b. Tenaga Kesejahteraan Sosial Kecamatan yang selanjutnya disingkat TKSK")
    assert len(lines) == 5
    assert row.keterangan[0] == ("Ketentuan Pasal 1 angka 5 dan angka 6 diubah, di antara angka 11 dan angka 12 "
                                 "disisipkan 2 (dua) angka, yakni angka 11a dan angka 11b.")
    # several operations: each reason after what it concerns, in the order of the amendment file
    assert row.alasan == tuple((op.ketentuan, op.alasan) for op in amendment.operations[:3])
    assert row.keterangan[1].startswith("Pasal 1 angka 5: Penyelenggaraan program beralih dari Dinas "
                                        "Ketenagakerjaan kepada Dinas Sosial")
    assert row.keterangan[2] == "Pasal 1 angka 6: Menyesuaikan dengan pengalihan penyelenggaraan program kepada Dinas Sosial."
    assert row.keterangan[3].startswith("Pasal 1 angka 11a dan angka 11b: Istilah DTSEN dan TKSK")
    assert len(row.keterangan) == 4


def test_insertions_have_no_semula(rows):
    for r in rows:
        if r.ketentuan in ("Pasal 5A", "BAB IVA", "Pasal 10", "Pasal II"):
            assert r.semula == () and r.semula_text == "-"
    pasal_10 = rows[5]
    assert pasal_10.perubahan_text.startswith("Pasal 10\n(1a) Berakhirnya kepesertaan sebagaimana dimaksud pada "
                                              "ayat (1) huruf b dan huruf c dibuktikan")
    assert pasal_10.perubahan_text.splitlines()[2].startswith("(1b) Berakhirnya kepesertaan sebagaimana dimaksud "
                                                              "pada ayat (1) tidak menghapus hak Peserta")
    bab = rows[4]
    assert bab.perubahan_text.splitlines()[:4] == [
        "BAB IVA", "PEMADANAN DATA DAN INTEGRASI PERLINDUNGAN SOSIAL", "Pasal 8A",
        "(1) Dinas melakukan pemadanan data calon Peserta dan Peserta dengan DTSEN."]


def test_deletion_row_reads_dihapus(rows):
    row = rows[6]
    assert row.semula_text == ("Pasal 16\nPelaksanaan teknis Peraturan Wali Kota ini dilakukan oleh bidang pada Dinas "
                               "yang membidangi hubungan industrial dan jaminan sosial tenaga kerja.")
    assert row.perubahan_text == "Pasal 16\nDihapus."
    assert row.perubahan[-1].text == "Dihapus."
    assert row.keterangan[0] == "Pasal 16 dihapus."
    assert "bidang hubungan industrial" in row.keterangan[1]


def test_changed_article_row_holds_both_full_texts(rows):
    row = rows[2]
    assert row.semula_text.splitlines()[3] == "a. pendaftaran secara langsung oleh Pekerja Rentan di kantor Dinas; dan"
    assert row.perubahan_text.splitlines()[3] == ("a. pendaftaran oleh Pekerja Rentan secara langsung di kantor Dinas "
                                                   "atau secara daring;")
    assert row.perubahan_text.splitlines()[5] == "c. penjangkauan oleh TKSK."
    assert row.as_dict()["semula"][0]["kind"] == "pasal"
    assert row.keterangan == ("Ketentuan Pasal 6 diubah.", row.alasan[0][1])


def test_changed_ayat_row_holds_only_the_ayat_changed(rows):
    row = rows[3]
    assert [line[:4] for line in row.semula_text.splitlines()] == ["Pasa", "(2) ", "(3) "]
    assert row.perubahan_text.splitlines()[1].endswith("termasuk peserta yang iurannya dibayar oleh Pemerintah "
                                                       "Provinsi Kalimantan Timur.")
    assert row.keterangan[1].startswith("Pasal 8 ayat (2): Mencegah pembayaran iuran ganda")
    assert row.keterangan[2].startswith("Pasal 8 ayat (3): Mengaitkan penyusunan rancangan Keputusan Wali Kota")


def test_pasal_ii_row_holds_its_text_and_the_reason_from_the_amendment_file(rows, amendment):
    row = rows[-1]
    assert row.no == "II" and row.uraian == ""
    assert row.perubahan_text.splitlines()[:2] == ["Pasal II", "(1) Pada saat Peraturan Wali Kota ini mulai berlaku:"]
    assert "(3) Peraturan Wali Kota ini mulai berlaku pada tanggal 1 Januari 2026." in row.perubahan_text.splitlines()
    assert row.keterangan == (amendment.alasan_pasal_ii,)
    assert row.keterangan[0].startswith("Mengatur peralihan dari Dinas Ketenagakerjaan kepada Dinas Sosial")
