import datetime as dt
from decimal import Decimal

import pytest

from rentan.registry import cells
from rentan.registry.cells import CellError


@pytest.mark.parametrize("value", ["12-08-1975", "12/08/1975", "12.08.1975", "12 Agustus 1975", "12 Agt 1975",
                                   "12 agustus 1975", "1975-08-12", 27618, 27618.0, dt.date(1975, 8, 12),
                                   dt.datetime(1975, 8, 12, 0, 0), " 12-08-1975 "])
def test_dates_as_clerks_write_them(value):
    assert cells.date(value) == dt.date(1975, 8, 12)


@pytest.mark.parametrize("value,why", [("31-02-1980", "tidak ada di kalender"), ("kemarin", "tidak terbaca"),
                                       ("", "kosong"), (None, "kosong"), (27618.5, "bukan tanggal")])
def test_unreadable_dates_say_why(value, why):
    with pytest.raises(CellError, match=why):
        cells.date(value)


def test_place_and_date_in_one_column():
    assert cells.place_and_date("Balikpapan, 12-08-1975") == ("Balikpapan", dt.date(1975, 8, 12))
    assert cells.place_and_date("Pare-Pare , 1 Januari 1980") == ("Pare-Pare", dt.date(1980, 1, 1))
    with pytest.raises(CellError, match="Tempat, tanggal"):
        cells.place_and_date("12-08-1975")


@pytest.mark.parametrize("value,amount", [(2500000, 2500000), (2500000.0, 2500000), ("Rp 2.500.000", 2500000),
                                          ("2.500.000,00", 2500000), ("Rp2.500.000,-", 2500000),
                                          ("2,500,000", 2500000), ("3701508,68", Decimal("3701508.68"))])
def test_money_as_sent(value, amount):
    assert cells.money(value) == amount


def test_nik_as_text_or_number():
    assert cells.nik("6471015208750003") == "6471015208750003"
    assert cells.nik("'6471015208750003") == "6471015208750003"
    assert cells.nik("6471 0152 0875 0003") == "6471015208750003"
    assert cells.nik(6471015208750003.0) == "6471015208750003"  # a number that kept every digit


@pytest.mark.parametrize("value", [6471014506800000.0, "6.47101E+15", "6,47101E+15", 9.1e15])
def test_nik_corrupted_by_excel_is_refused(value):
    with pytest.raises(CellError, match="Excel"):
        cells.nik(value)


def test_text_strips_control_characters_excel_leaves():
    assert cells.text("Ma'ruf\x0b & Sons\x07 <CV>\xa0 ") == "Ma'ruf & Sons <CV>"


# --- nothing but a CellError, whatever the cell holds ---------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

ANY = st.one_of(st.none(), st.text(), st.text(min_size=1000, max_size=3000), st.integers(),
                st.integers(min_value=10**300, max_value=10**1200), st.floats(allow_nan=True, allow_infinity=True),
                st.booleans(), st.datetimes(), st.dates(), st.times(), st.timedeltas(),
                st.decimals(allow_nan=True, allow_infinity=True))


@given(ANY)
def test_every_reader_gives_a_value_or_a_cell_error(value):
    for reader in (cells.nik, cells.date, cells.money, cells.sex, cells.place_and_date):
        try:
            reader(value)
        except CellError as e:
            assert str(e) and "\n" not in str(e) and len(str(e)) < 300
    assert isinstance(cells.text(value), str)
    phone = cells.phone(value)
    assert phone is None or isinstance(phone, str)


@pytest.mark.parametrize("value,why", [(float("nan"), "bukan angka"), (float("inf"), "bukan angka"),
                                       ("NaN", "bukan angka rupiah"), ("Infinity", "bukan angka rupiah"),
                                       ("1E+400", "tidak masuk akal"), (-1, "negatif"), ("-500.000", "negatif"),
                                       (True, "benar/salah"), (dt.date(2020, 1, 1), "tanggal"), ("", "kosong")])
def test_money_that_is_not_an_income_says_why(value, why):
    with pytest.raises(CellError, match=why):
        cells.money(value)


def test_money_finer_than_a_sen_is_rounded_up_to_the_sen():
    assert cells.money(3856694.431) == Decimal("3856694.44")
    assert cells.money(-0.0) == 0 and str(cells.money(-0.0)) == "0.0"


@pytest.mark.parametrize("value,phone", [(81234567890, "081234567890"), (81234567890.0, "081234567890"),
                                         (6281234567890, "6281234567890"), ("81234567890", "81234567890"),
                                         ("0812-3456-7890", "0812-3456-7890"), (None, None), ("  ", None)])
def test_phone_numbers_excel_stored_as_numbers_get_their_zero_back(value, phone):
    assert cells.phone(value) == phone
