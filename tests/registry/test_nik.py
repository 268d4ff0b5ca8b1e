"""One person, one NIK (issue 11, item 2): a NIK in full-width, Arabic-Indic or any other script's
decimal digits is the same NIK as in ASCII — normalised in one place (cells.nik) before any
comparison — and parse_nik accepts only ASCII 0–9."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from hypothesis import given, strategies as st
from sqlalchemy import select

from rentan.idfmt import NikError, parse_nik
from rentan.registry import cells
from rentan.registry.cells import CellError
from rentan.registry.db import session
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import LifecycleError, end_participant
from rentan.registry.models import Peserta
from rentan.registry.provinsi import import_provincial
from rentan.documents.verifikasi import write_form
from rentan.registry.desk import reader
from rentan.registry.participation import in_year
from rentan.registry.snapshot import Snapshot
from rentan.registry.verification import HEADERS, SESUAI, import_results

from ..year import year_rows
from .helpers import person, write_xlsx

NIK = "6471011208750001"
FULL_WIDTH = "６４７１０１１２０８７５０００１"
ARABIC_INDIC = "٦٤٧١٠١١٢٠٨٧٥٠٠٠١"
DEVANAGARI = "६४७१०११२०८७५०००१"


def _in(script_zero: str, nik: str = NIK) -> str:
    return "".join(chr(ord(script_zero) + int(d)) for d in nik)


@pytest.mark.parametrize("value", [FULL_WIDTH, ARABIC_INDIC, DEVANAGARI, _in("০"), _in("๐"), "6471０１１２０８７５０００１",
                                   "６４７１ ０１１２ ０８７５ ０００１", "6471．0112．0875．0001", "\u200f٦٤٧١٠١١٢٠٨٧٥٠٠٠١",
                                   "'６４７１０１１２０８７５０００１", "6471\u30000112\u30000875\u30000001"])
def test_every_scripts_digits_are_read_as_ascii(value):
    assert cells.nik(value) == NIK


@pytest.mark.parametrize("value,why", [
    ("6471O11208750001", "karakter ke-5 berupa huruf 'O'"),
    ("64710112087500０¹", "karakter ke-16 berupa tanda '¹'"),
    ("6471-0112-0875-000a", "karakter ke-19 berupa huruf 'a'"),
])
def test_anything_but_digits_is_refused_without_quoting_the_nik(value, why):
    with pytest.raises(CellError) as e:
        cells.nik(value)
    assert why in str(e.value) and "6471" not in str(e.value)


@pytest.mark.parametrize("value", [FULL_WIDTH, ARABIC_INDIC, "６４７１０１１２０８７５０００1"])
def test_parse_nik_accepts_only_ascii_digits(value):
    # today: \d matches "６" and "٦", so these were valid NIKs beside the ASCII one
    with pytest.raises(NikError, match="16 digit angka 0–9"):
        parse_nik(value, today=dt.date(2026, 1, 1))
    assert parse_nik(cells.nik(value), today=dt.date(2026, 1, 1)).nik == NIK


@given(st.lists(st.sampled_from(["0", "٠", "۰", "०", "০", "๐", "０", "၀"]), min_size=16, max_size=16),
       st.lists(st.integers(0, 9), min_size=16, max_size=16))
def test_any_mix_of_scripts_is_one_nik(zeros, digits):
    ascii_nik = "".join(map(str, digits))
    mixed = "".join(chr(ord(z) + d) for z, d in zip(zeros, digits))
    assert cells.nik(mixed) == ascii_nik


def test_the_same_person_twice_in_one_file_is_a_duplicate_whatever_the_digits(home, tmp_path):
    # today: two participants, enrolled, paid and sent to BPJS twice
    f = write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"No. KTP": NIK}), person(2),
                                           person(3, **{"No. KTP": FULL_WIDTH, "Nama Lengkap": "Orang Sama"})])
    r = import_registry(f, 2026)
    assert r.baru == 1
    assert {o.baris: [(v.rule.kode, v.pesan) for v in o.violations] for o in r.ditolak} == {
        4: [("ganda_berkas", "NIK yang sama juga ada di baris 6")],
        6: [("ganda_berkas", "NIK yang sama juga ada di baris 4")]}


def test_across_two_imports_it_is_the_same_person(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "manggar.xlsx", [person(1, **{"No. KTP": NIK})]), 2026,
                    sumber="Kelurahan Manggar")
    same_source = import_registry(write_xlsx(tmp_path / "lagi.xlsx", [person(1, **{"No. KTP": ARABIC_INDIC})]),
                                  2026, sumber="Kelurahan Manggar")
    assert (same_source.baru, same_source.tidak_berubah) == (0, 1)
    other = import_registry(write_xlsx(tmp_path / "dishub.xlsx", [person(1, **{"No. KTP": FULL_WIDTH})]), 2026,
                            sumber="Dinas Perhubungan")
    assert other.baru == 0 and other.ditolak[0].violations[0].rule.kode == "ganda_registri"
    with session() as s:
        assert s.scalars(select(Peserta.nik)).all() == [NIK]


def test_the_provincial_list_in_full_width_digits_flags_the_participant(home, tmp_path):
    # today: parse_nik accepted the full-width NIK, which then matched nobody
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"No. KTP": NIK})]), 2026)
    prov = write_xlsx(tmp_path / "prov.xlsx", [{"NIK": FULL_WIDTH}], headers=["NIK"], title=None)
    r = import_provincial(prov)
    assert (r.dimuat, r.ditandai, r.tidak_terbaca) == (1, 1, [])
    later = import_registry(write_xlsx(tmp_path / "lagi.xlsx", [person(1, **{"No. KTP": ARABIC_INDIC})]), 2026,
                            sumber="Kelurahan Lain")
    assert later.ditolak[0].violations[0].rule.kode == "provinsi"


def test_a_returned_verification_form_with_retyped_digits_is_applied(home, tmp_path):
    # today: "NIK tidak dikenal di registri"
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"No. KTP": NIK})]), 2026)
    with reader() as desk:
        people = Snapshot.of(in_year(desk, 2026))
    form = tmp_path / "formulir.xlsx"
    write_form(form, people, instansi="Dinas Uji", nomor="500/1/Uji", tanggal_surat=dt.date(2025, 11, 3),
               batas=dt.date(2025, 11, 17))
    wb = openpyxl.load_workbook(form)
    ws = wb.active
    ws.cell(6, 2).value = FULL_WIDTH  # the agency retyped the NIK on a phone keyboard
    ws.cell(6, HEADERS.index("Hasil Verifikasi") + 1).value = SESUAI
    wb.save(tmp_path / "jawaban.xlsx")
    r = import_results(tmp_path / "jawaban.xlsx")
    assert (r.sesuai, r.dilaporkan) == (1, [])
    assert year_rows(2026)[NIK].status == "terverifikasi"


def test_ending_coverage_with_retyped_digits_finds_the_participant(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"No. KTP": NIK})]), 2026)
    end_participant(FULL_WIDTH, "pindah", dt.date(2026, 3, 1))
    assert year_rows(2026)[NIK].status == "berakhir"
    with pytest.raises(LifecycleError) as e:
        end_participant("6471O11208750001", "pindah", dt.date(2026, 3, 1))
    assert "huruf 'O'" in str(e.value) and "6471O" not in str(e.value)
