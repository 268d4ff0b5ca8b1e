"""The naskah terpadu as of a date, each changed provision annotated."""
from __future__ import annotations

import datetime as dt

from rentan.legal.act import act_blocks
from rentan.legal.blocks import texts
from rentan.legal.consolidated import naskah_terpadu

from .helpers import make_amendment

DIUBAH = "[diubah dengan Peraturan Wali Kota Nomor … Tahun 2025]"
DISISIPKAN = "[disisipkan dengan Peraturan Wali Kota Nomor … Tahun 2025]"
DIHAPUS = "[dihapus dengan Peraturan Wali Kota Nomor … Tahun 2025]"


def after(lines: list[str], line: str) -> str:
    return lines[lines.index(line) + 1]


def test_as_of_the_handover_every_change_is_annotated(base, amendment):
    n = naskah_terpadu(base, [amendment], dt.date(2026, 1, 1))
    lines = texts(n.blocks)
    assert n.applied == (amendment,)
    assert after(lines, "5. Dinas adalah Dinas Sosial Kota Balikpapan.") == DIUBAH
    assert after(lines, "Pasal 16") == "Dihapus."
    assert after(lines, "Dihapus.") == DIHAPUS
    assert after(lines, "PEMADANAN DATA DAN INTEGRASI PERLINDUNGAN SOSIAL") == DISISIPKAN
    k = lines.index("Pasal 5A")
    assert lines[k - 1] == "g. pekerja sektor informal lainnya."
    assert lines[k + 3] == DISISIPKAN and lines[k + 4] == "BAB IV"
    assert lines.count(DIUBAH) == 5 and lines.count(DISISIPKAN) == 6 and lines.count(DIHAPUS) == 1


def test_note_under_the_title_says_what_is_consolidated(base, amendment):
    n = naskah_terpadu(base, [amendment], dt.date(2026, 1, 1))
    note = next(b for b in n.blocks if b.kind == "keterangan")
    assert note.text == (
        "Naskah terpadu keadaan tanggal 1 Januari 2026: Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 "
        "sebagaimana telah diubah dengan Peraturan Wali Kota Nomor … Tahun 2025. Naskah terpadu bukan naskah "
        "resmi; yang berlaku ialah naskah yang diundangkan dalam Berita Daerah Kota Balikpapan.")


def test_before_the_amendment_takes_effect_the_text_is_the_original(base, amendment):
    n = naskah_terpadu(base, [amendment], dt.date(2025, 12, 31))
    assert n.applied == ()
    assert [b for b in n.blocks if b.kind != "keterangan"] == act_blocks(base)


def test_a_second_amendment_stacks_on_the_first(base, amendment):
    second = make_amendment({"jenis": "ubah_ayat", "pasal": 12, "ayat": 1,
                             "teks": "Dinas membayarkan Iuran kepada BPJS Ketenagakerjaan setiap bulan paling lambat "
                                     "tanggal 10 (sepuluh) bulan berkenaan."},
                            nomor=7, tahun=2026, perubahan_ke=2, mulai_berlaku=dt.date(2026, 7, 1))
    lines = texts(naskah_terpadu(base, [amendment, second], dt.date(2026, 7, 1)).blocks)
    assert after(lines, "(1) Dinas membayarkan Iuran kepada BPJS Ketenagakerjaan setiap bulan paling lambat tanggal 10 "
                        "(sepuluh) bulan berkenaan.") == "[diubah dengan Peraturan Wali Kota Nomor 7 Tahun 2026]"
    assert after(lines, "5. Dinas adalah Dinas Sosial Kota Balikpapan.") == DIUBAH
    assert "sebagaimana telah diubah dengan Peraturan Wali Kota Nomor … Tahun 2025 dan Peraturan Wali Kota Nomor 7 " \
           "Tahun 2026." in next(x for x in lines if x.startswith("Naskah terpadu"))
