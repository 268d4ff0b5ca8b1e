"""The matriks perubahan: No | Ketentuan Semula | Ketentuan Perubahan | Keterangan/Alasan."""
from __future__ import annotations

import pytest

from rentan.legal.matrix import matrix_rows


@pytest.fixture(scope="module")
def rows(base, amendment):
    return matrix_rows(base, amendment)


def test_one_row_per_changed_provision_in_the_order_of_the_act(rows):
    assert [(r.no, r.ketentuan) for r in rows] == [
        (1, "Pasal 1 angka 5"), (2, "Pasal 1 angka 6"), (3, "Pasal 1 angka 11a"), (4, "Pasal 1 angka 11b"),
        (5, "Pasal 5A"), (6, "Pasal 6"), (7, "Pasal 8 ayat (2)"), (8, "Pasal 8 ayat (3)"), (9, "BAB IVA"),
        (10, "Pasal 10 ayat (1a)"), (11, "Pasal 10 ayat (1b)"), (12, "Pasal 16")]


def test_changed_definition_row(rows, amendment):
    row = rows[0]
    assert row.semula_text == "Pasal 1\n5. Dinas adalah Dinas Ketenagakerjaan Kota Balikpapan."
    assert row.perubahan_text == "Pasal 1\n5. Dinas adalah Dinas Sosial Kota Balikpapan."
    assert row.alasan == amendment.operations[0].alasan
    assert row.alasan.startswith("Penyelenggaraan program beralih dari Dinas Ketenagakerjaan kepada Dinas Sosial")


def test_insertions_have_no_semula(rows):
    for r in rows:
        if r.ketentuan in ("Pasal 1 angka 11a", "Pasal 1 angka 11b", "Pasal 5A", "BAB IVA",
                           "Pasal 10 ayat (1a)", "Pasal 10 ayat (1b)"):
            assert r.semula == () and r.semula_text == "-"
    assert rows[9].perubahan_text.startswith("Pasal 10\n(1a) Berakhirnya kepesertaan sebagaimana dimaksud pada ayat (1) "
                                             "huruf b dan huruf c dibuktikan")


def test_deletion_row_reads_dihapus(rows):
    row = rows[-1]
    assert row.semula_text == ("Pasal 16\nPelaksanaan teknis Peraturan Wali Kota ini dilakukan oleh bidang pada Dinas "
                               "yang membidangi hubungan industrial dan jaminan sosial tenaga kerja.")
    assert row.perubahan_text == "Pasal 16\nDihapus."
    assert row.perubahan[-1].text == "Dihapus."
    assert "bidang hubungan industrial" in row.alasan


def test_changed_article_row_holds_both_full_texts(rows):
    row = rows[5]
    assert row.semula_text.splitlines()[3] == "a. pendaftaran secara langsung oleh Pekerja Rentan di kantor Dinas; dan"
    assert row.perubahan_text.splitlines()[3] == ("a. pendaftaran oleh Pekerja Rentan secara langsung di kantor Dinas "
                                                   "atau secara daring;")
    assert row.perubahan_text.splitlines()[5] == "c. penjangkauan oleh TKSK."
    assert row.as_dict()["semula"][0]["kind"] == "pasal"
