"""Perwali 3/2025 as structured data: its structure, its exact text, and the checks that keep its
punctuation and numbers as the drafting rules want them."""
from __future__ import annotations

import re

import pytest

from rentan.idfmt import rupiah_terbilang
from rentan.legal.act import (ActError, Butir, Pasal, act_blocks, act_from_dict, butir_blocks, load_act,
                              pasal_blocks)
from rentan.legal.blocks import texts
from rentan.legal.punctuation import check_act

from .helpers import BASE_YAML


def test_the_file_says_it_is_illustrative(base):
    assert base.ilustratif
    assert "ILUSTRATIF" in BASE_YAML.read_text(encoding="utf-8").splitlines()[0]
    assert "ilustratif" in base.keterangan


def test_structure_eight_chapters_seventeen_articles_numbered_straight_through(base):
    assert [b.number for b in base.bab] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert base.pasal_numbers == [str(n) for n in range(1, 18)]
    assert [b.title for b in base.bab][:3] == ["KETENTUAN UMUM", "MAKSUD DAN TUJUAN", "KEPESERTAAN"]


def test_title_and_citation(base):
    assert texts(act_blocks(base)[:6]) == [
        "WALI KOTA BALIKPAPAN", "PROVINSI KALIMANTAN TIMUR", "PERATURAN WALI KOTA BALIKPAPAN",
        "NOMOR 3 TAHUN 2025", "TENTANG",
        "PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN"]
    assert base.sebutan_lengkap == (
        "Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang Penyelenggaraan Program Jaminan Sosial "
        "Ketenagakerjaan bagi Pekerja Rentan (Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4)")


def test_pembukaan(base):
    lines = texts(act_blocks(base))
    assert lines[6:8] == ["DENGAN RAHMAT TUHAN YANG MAHA ESA", "WALI KOTA BALIKPAPAN,"]
    assert lines[8].startswith("Menimbang : a. bahwa ")
    assert lines[10] == ("c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
                         "menetapkan Peraturan Wali Kota tentang Penyelenggaraan Program Jaminan Sosial "
                         "Ketenagakerjaan bagi Pekerja Rentan;")
    assert lines[11] == "Mengingat : 1. Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945;"
    assert "MEMUTUSKAN:" in lines
    assert ("Menetapkan : PERATURAN WALI KOTA TENTANG PENYELENGGARAAN PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN "
            "BAGI PEKERJA RENTAN.") in lines


def test_mengingat_in_hierarchy_order_without_the_inpres(base):
    kinds = ["Undang-Undang Dasar", "Undang-Undang Nomor", "Peraturan Pemerintah", "Peraturan Menteri",
             "Peraturan Gubernur"]
    rank = [next(k for k, name in enumerate(kinds) if name in m[:40]) for m in base.mengingat]
    assert rank == sorted(rank)
    laws = [int(re.search(r"Tahun (\d{4})", m).group(1)) for m in base.mengingat if m.startswith("Undang-Undang Nomor")]
    assert laws == sorted(laws) == [1959, 2004, 2011, 2014]
    assert not any("Instruksi Presiden" in m for m in base.mengingat)
    assert any("Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia Tahun 2014 "
               "Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587)" in m for m in base.mengingat)


def test_definition_of_dinas_names_disnaker(base):
    assert "5. Dinas adalah Dinas Ketenagakerjaan Kota Balikpapan." in texts(pasal_blocks(base.pasal("1")))


def test_criteria_article_reads_exactly(base):
    assert texts(pasal_blocks(base.pasal("3"))) == [
        "Pasal 3",
        "(1) Pekerja Rentan yang dapat ditetapkan sebagai Peserta harus memenuhi persyaratan:",
        "a. berdomisili di Daerah yang dibuktikan dengan kartu tanda penduduk elektronik Daerah paling singkat "
        "6 (enam) bulan;",
        "b. berusia paling rendah 18 (delapan belas) tahun dan paling tinggi 64 (enam puluh empat) tahun;",
        "c. memiliki penghasilan rata-rata per bulan paling tinggi sebesar UMK;",
        "d. tidak terdaftar sebagai peserta program JKK dan JKM, baik yang iurannya dibayar sendiri, oleh pemberi "
        "kerja, maupun oleh pemerintah daerah lain; dan",
        "e. tidak sedang bekerja sebagai pekerja penerima upah.",
        "(2) Selain memenuhi persyaratan sebagaimana dimaksud pada ayat (1), Pekerja Rentan yang bekerja sebagai "
        "pengemudi ojek online harus memiliki surat keterangan sebagai mitra pengemudi dari Perusahaan Aplikasi.",
        "(3) Lama domisili sebagaimana dimaksud pada ayat (1) huruf a dan usia sebagaimana dimaksud pada ayat (1) "
        "huruf b dihitung pada tanggal 1 Januari tahun kepesertaan.",
    ]


def test_verification_by_sector_agency(base):
    lines = texts(pasal_blocks(base.pasal("7")))
    assert "a. petani dan nelayan diverifikasi oleh Dinas Pangan, Pertanian dan Perikanan Kota Balikpapan;" in lines
    assert "b. pengemudi ojek pangkalan diverifikasi oleh Dinas Perhubungan Kota Balikpapan;" in lines
    assert "c. pengemudi ojek online diverifikasi oleh Dinas; dan" in lines


def test_contribution_article_and_every_amount_in_words(base):
    lines = texts(pasal_blocks(base.pasal("11")))
    assert lines[2] == ("(2) Besaran Iuran sebagaimana dimaksud pada ayat (1) sebesar Rp16.800,00 (enam belas ribu "
                        "delapan ratus rupiah) per orang per bulan, yang terdiri atas:")
    whole = "\n".join(texts(act_blocks(base)))
    amounts = re.findall(r"Rp([\d.]+),00 \(([^)]*)\)", whole)
    assert len(amounts) == 4
    for digits, words in amounts:
        assert f"Rp{digits},00 ({words})" == rupiah_terbilang(int(digits.replace(".", "")))


def test_closing_article_and_penutup(base):
    assert texts(pasal_blocks(base.pasal("17"))) == [
        "Pasal 17",
        "Peraturan Wali Kota ini mulai berlaku pada tanggal diundangkan.",
        "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Wali Kota ini dengan penempatannya "
        "dalam Berita Daerah Kota Balikpapan.",
    ]
    assert texts(act_blocks(base)[-9:]) == [
        "Ditetapkan di Balikpapan", "pada tanggal 10 Maret 2025", "WALI KOTA BALIKPAPAN,", "RAHMAD MAS'UD",
        "Diundangkan di Balikpapan", "pada tanggal 10 Maret 2025", "SEKRETARIS DAERAH KOTA BALIKPAPAN,", "MUHAIMIN",
        "BERITA DAERAH KOTA BALIKPAPAN TAHUN 2025 NOMOR 4",
    ]


def test_base_act_punctuation_is_clean(base):
    assert check_act(base) == []


def test_punctuation_faults_are_reported_in_indonesian():
    act = act_from_dict({"nomor": 1, "tahun": 2025, "tentang": "Uji", "bab": [{"nomor": "I", "judul": "UMUM", "pasal": [
        {"nomor": 1, "teks": "Peserta meliputi:", "huruf": ["petani;", "nelayan;", "pedagang."]},
        {"nomor": 2, "ayat": ["Tanpa titik", {"teks": "Dengan rincian", "huruf": ["satu; dan", "dua; dan", "tiga."]}]},
    ]}]})
    assert check_act(act) == [
        "Pasal 1 huruf b: harus diakhiri \"; dan\", \"; atau\", atau \"; dan/atau\"",
        "Pasal 2 ayat (1): harus diakhiri \".\"",
        "Pasal 2 ayat (2): kalimat pengantar rincian harus diakhiri \":\"",
        "Pasal 2 ayat (2) huruf a: harus diakhiri \";\"",
    ]


def test_labels_follow_a_dot_then_parenthesis_below_two_levels():
    items = (Butir("a", "satu:", (Butir("1", "dua:", (Butir("a", "tiga:", (Butir("1", "empat."),)),)),)),)
    assert texts(butir_blocks(items)) == ["a. satu:", "1. dua:", "a) tiga:", "1) empat."]


def test_deleted_article_keeps_its_number_and_reads_dihapus():
    assert texts(pasal_blocks(Pasal("16", (), deleted=True))) == ["Pasal 16", "Dihapus."]


@pytest.mark.parametrize("pasal, message", [
    ([{"nomor": 1, "teks": "Satu."}, {"nomor": 3, "teks": "Tiga."}, {"nomor": 2, "teks": "Dua."}],
     "uji: nomor Pasal tidak berurutan (3 lalu 2)"),
    ([{"nomor": 1, "teks": "Satu."}, {"nomor": 1, "teks": "Lagi."}], "uji: nomor Pasal 1 dipakai lebih dari sekali"),
    ([{"nomor": 1, "isi": "Satu."}], "uji: bab[1] (BAB I): pasal[1] (Pasal 1): kunci tidak dikenal: isi"),
    ([{"nomor": 1, "huruf": ["a;"]}],
     "uji: bab[1] (BAB I): pasal[1] (Pasal 1): rincian huruf/angka memerlukan kalimat pengantar (teks)"),
])
def test_malformed_acts_are_refused_with_the_place_named(pasal, message):
    with pytest.raises(ActError) as e:
        act_from_dict({"tentang": "Uji", "bab": [{"nomor": "I", "judul": "UMUM", "pasal": pasal}]}, source="uji")
    assert str(e.value) == message


def test_missing_file_message(tmp_path):
    with pytest.raises(ActError, match="berkas naskah tidak ditemukan"):
        load_act(tmp_path / "tidak-ada.yaml")
