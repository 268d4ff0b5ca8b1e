import datetime as dt
from decimal import Decimal

import pytest

from rentan.program import DEFAULT_PATH, ProgramError, load_program


@pytest.fixture(autouse=True)
def shipped_settings(monkeypatch):
    monkeypatch.delenv("RENTAN_TAMBAHAN", raising=False)  # program.toml as shipped, no demo overlay


@pytest.fixture(scope="module")
def prog():
    return load_program()


def test_contribution_is_jkk_plus_jkm(prog):
    iuran = prog.iuran(dt.date(2026, 1, 1))
    assert (iuran.jkk, iuran.jkm, iuran.total) == (10000, 6800, 16800)


def test_umk_by_year(prog):
    assert prog.umk(2025) == Decimal("3701508.68")
    assert prog.umk(2026) == Decimal("3856694.43")


def test_each_value_carries_its_legal_basis(prog):
    v = prog.nilai("umk", dt.date(2026, 6, 1))
    assert v.sejak == dt.date(2026, 1, 1) and "UMK Tahun 2026" in v.dasar
    assert "PP Nomor 44 Tahun 2015" in prog.nilai("iuran_jkk", dt.date(2025, 3, 1)).dasar
    assert prog.nilai("usia_maksimum", dt.date(2026, 1, 1)).nilai == 64
    assert prog.nilai("domisili_minimum_bulan", dt.date(2026, 1, 1)).nilai == 6
    assert prog.anggaran(2025) == 2_000_000_000


def test_a_value_before_the_programme_existed_is_an_error(prog):
    with pytest.raises(ProgramError, match="parameter.umk belum berlaku pada 2024-12-31"):
        prog.nilai("umk", dt.date(2024, 12, 31))


def test_issuing_office_moves_to_dinas_sosial_in_2026(prog):
    last_day = prog.kantor_pada(dt.date(2025, 12, 31))
    first_day = prog.kantor_pada(dt.date(2026, 1, 1))
    assert (last_day.nama, last_day.singkatan) == ("Dinas Ketenagakerjaan", "Disnaker")
    assert (first_day.nama, first_day.singkatan) == ("Dinas Sosial", "Dinsos")
    assert last_day.kepala.nama == "Ani Mufaidah"
    assert last_day.nomor(123) == "500.15/123/Disnaker"
    assert first_day.nomor(7) == "400.9/7/Dinsos"


def test_sector_to_verifying_agency_follows_the_date(prog):
    assert prog.verifikator("petani", dt.date(2026, 1, 1))[1] == "Dinas Pangan, Pertanian dan Perikanan Kota Balikpapan"
    assert prog.verifikator("nelayan", dt.date(2025, 1, 1))[0] == "dp3"
    assert prog.verifikator("ojek_pangkalan", dt.date(2026, 1, 1))[1] == "Dinas Perhubungan Kota Balikpapan"
    assert prog.verifikator("ojek_online", dt.date(2025, 11, 1))[1] == "Dinas Ketenagakerjaan Kota Balikpapan"
    assert prog.verifikator("ojek_online", dt.date(2026, 2, 1))[1] == "Dinas Sosial Kota Balikpapan"


@pytest.mark.parametrize("text,kode", [("Driver Ojol", "ojek_online"), ("Tukang Ojek", "ojek_pangkalan"),
                                       ("PKL Bakso", "pedagang"), ("Buruh Harian Lepas", "buruh"),
                                       ("NELAYAN", "nelayan"), ("Dokter Gigi", None)])
def test_occupation_text_to_sector(prog, text, kode):
    assert prog.cari_sektor(text) == kode


def _broken(tmp_path, old, new):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "program.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


@pytest.mark.parametrize("old,new,message", [
    ("nilai = [{ sejak = 2025-01-01, nilai = 10000 }]", "nilai = [{ sejak = 2025-01-01, nilai = \"sepuluh ribu\" }]",
     "parameter.iuran_jkk: nilai[0]: harus bilangan bulat"),
    ('nilai = "3701508.68"', 'nilai = "3.701.508,68"', "parameter.umk: nilai[0]: bukan angka"),
    ('nama = "Ani Mufaidah", pangkat = "", nip = ""', 'nama = "Ani Mufaidah", pangkat = "", nip = "1970"',
     "kantor.0.kepala.nip: NIP harus 18 digit"),
    ("sampai = 2025-12-31", "sampai = 2026-03-31", "kantor 'disnaker' harus berakhir (sampai) sebelum 'dinsos' mulai"),
    ('verifikator = "dishub"', 'verifikator = "dinas_perhubungan"', "sektor.ojek_pangkalan.verifikator"),
    ('[parameter.anggaran]', '[parameter.anggaran_x]', "parameter.anggaran wajib ada"),
    ('format_nomor = "{klasifikasi}/{urut}/{singkatan}"\nklasifikasi = "500.15"',
     'format_nomor = "{klasifikasi}/{nomor}/{singkatan}"\nklasifikasi = "500.15"', "kantor.0.format_nomor"),
])
def test_a_wrong_settings_file_names_the_key(tmp_path, old, new, message):
    with pytest.raises(ProgramError) as e:
        load_program(_broken(tmp_path, old, new))
    assert message in str(e.value)


def test_a_settings_file_that_is_not_toml(tmp_path):
    p = tmp_path / "program.toml"
    p.write_text("[parameter\n", encoding="utf-8")
    with pytest.raises(ProgramError, match="penulisan TOML salah"):
        load_program(p)


def test_keputusan_wali_kota_settings(prog):
    assert prog.sk.nomor(12, 2025) == "100.3.3.2/12/2025"
    assert prog.sk.rahmat is True
    assert prog.sk.penandatangan.jabatan == "Wali Kota Balikpapan"
    assert prog.sk.pembebanan.format(tahun=2026, dinas="Dinas Sosial Kota Balikpapan").endswith(
        "Tahun Anggaran 2026 pada Dokumen Pelaksanaan Anggaran Dinas Sosial Kota Balikpapan")


@pytest.mark.parametrize("old,new,message", [
    ('format_nomor = "100.3.3.2/{urut}/{tahun}"', 'format_nomor = "100.3.3.2/{nomor}/{tahun}"', "sk.format_nomor"),
    ('format_nomor = "100.3.3.2/{urut}/{tahun}"', 'format_nomor = "100.3.3.2/{tahun}"', "harus memuat {urut}"),
    ("{tahun} pada Dokumen Pelaksanaan Anggaran {dinas}", "{tahun} pada DPA {opd}", "sk.pembebanan"),
    ("[sk]", "[sk_lama]", "sk"),
])
def test_a_wrong_sk_table_names_the_key(tmp_path, old, new, message):
    with pytest.raises(ProgramError) as e:
        load_program(_broken(tmp_path, old, new))
    assert message in str(e.value)
