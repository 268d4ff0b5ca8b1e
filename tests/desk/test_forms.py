"""The desk's fields refuse what a clerk can get wrong, in Indonesian, and show back what they
understood; the deployments' schemas carry the same limits (so the Prefect form refuses them too)."""
import datetime as dt

import pytest

from rentan.desk import forms
from rentan.desk.forms import Salah


@pytest.mark.parametrize("typed", ["03-11-2025", "3-11-2025", "3/11/2025", "03.11.2025", "03112025", "2025-11-03",
                                   " 3 - 11 - 2025 "])
def test_a_date_is_read_day_first(typed):
    assert forms.parse_date(typed) == dt.date(2025, 11, 3)


def test_the_clerks_packed_date_is_the_31st_of_december_not_the_3rd_of_november():
    assert forms.parse_date("31122026") == dt.date(2026, 12, 31)
    assert forms.hari_tanggal(dt.date(2026, 12, 31)) == "Kamis, 31 Desember 2026"


@pytest.mark.parametrize("typed, said", [
    ("31-02-2026", "tanggal 31 tidak ada: Februari 2026 hanya sampai tanggal 28"),
    ("02/31/2026", "bulan 31 tidak ada (bulan ditulis 01 sampai 12); tulis hh-bb-tttt, mis. 03-11-2025 untuk "
                   "3 November 2025"),
    ("Januari 2026", "tanggal 'Januari 2026' tidak dapat dibaca; tulis hh-bb-tttt, mis. 03-11-2025 untuk "
                     "3 November 2025"),
])
def test_a_date_that_does_not_exist_is_named_never_moved(typed, said):
    with pytest.raises(Salah) as e:
        forms.parse_date(typed)
    assert str(e.value) == said


def test_blank_date_is_none_and_ranges_say_why():
    assert forms.parse_date("  ") is None
    with pytest.raises(Salah) as e:
        forms.date_between(dt.date(2024, 5, 1), dt.date(2025, 1, 1), dt.date(2026, 12, 31), "memo tahun 2026")
    assert str(e.value) == "1 Mei 2024 di luar jangka yang sah (1 Januari 2025 sampai 31 Desember 2026): memo tahun 2026"


def test_years_periods_and_rounds():
    years = range(2025, 2028)
    assert forms.parse_year("2026", years) == 2026
    for typed, said in [("1999", "tahun 1999 di luar tahun kepesertaan program (2025 sampai 2027)"),
                        ("", "pilih tahun kepesertaan"), ("dua ribu", "tahun 'dua ribu' bukan angka tahun, mis. 2027")]:
        with pytest.raises(Salah) as e:
            forms.parse_year(typed, years)
        assert str(e.value) == said
    assert forms.parse_period("2026-01", years) == "2026-01" and forms.period_label("2026-01") == "Januari 2026"
    with pytest.raises(Salah, match=r"^periode 'Januari 2026' harus berbentuk TTTT-BB, mis. 2027-01$"):
        forms.parse_period("Januari 2026", years)
    with pytest.raises(Salah, match="tahun 2030 di luar"):
        forms.parse_period("2030-01", years)
    assert forms.parse_round("") == 1
    with pytest.raises(Salah, match="putaran ditulis dengan angka 1 sampai 9"):
        forms.parse_round("0")


def test_the_deployments_schemas_refuse_what_the_desk_refuses():
    """The parameter schema each deployment enforces (Prefect's server checks it with jsonschema):
    the programme's years, the period's pattern, the round's range."""
    import jsonschema

    from flows import PERIODE, tahun_program
    from flows.impor import impor_registri
    from flows.iuran_bulanan import iuran_bulanan
    from flows.verifikasi import verifikasi
    assert PERIODE == forms.PERIODE.pattern
    years = tahun_program()

    def ok(flow, params) -> bool:
        try:
            jsonschema.validate(params, flow.parameters.model_dump())
            return True
        except jsonschema.ValidationError:
            return False

    assert ok(verifikasi, {"tahun": years.start}) and ok(verifikasi, {"tahun": years.stop - 1})
    assert not ok(verifikasi, {"tahun": 1999}) and not ok(verifikasi, {"tahun": years.stop})
    assert not ok(verifikasi, {"tahun": years.start, "putaran": 0})
    assert ok(iuran_bulanan, {"periode": "2026-01"}) and ok(iuran_bulanan, {})
    assert not ok(iuran_bulanan, {"periode": "Januari 2026"}) and not ok(iuran_bulanan, {"periode": "2026-13"})
    assert ok(impor_registri, {"berkas": "/x/daftar.xlsx", "tahun": years.start})
    assert not ok(impor_registri, {"berkas": "/x/daftar.exe", "tahun": years.start})
    props = verifikasi.parameters.model_dump()["properties"]
    assert props["tahun"]["title"] == "Tahun kepesertaan" and props["tahun"]["minimum"] == years.start
