import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from rentan.idfmt import (NikError, angka_kata, mask_nik, nik_warnings, parse_nik, rupiah, rupiah_terbilang,
                          tanggal, terbilang)

# An independent reference for Indonesian number words, written from the grammar rather than
# from num2words: se- for one hundred and one thousand, "satu" before juta/miliar/triliun.
SATUAN = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def _below_1000(n: int) -> list[str]:
    out = []
    h, rest = divmod(n, 100)
    if h:
        out.append("seratus" if h == 1 else f"{SATUAN[h]} ratus")
    if rest == 10:
        out.append("sepuluh")
    elif rest == 11:
        out.append("sebelas")
    elif 12 <= rest <= 19:
        out.append(f"{SATUAN[rest - 10]} belas")
    elif rest >= 20:
        t, u = divmod(rest, 10)
        out.append(f"{SATUAN[t]} puluh")
        if u:
            out.append(SATUAN[u])
    elif rest:
        out.append(SATUAN[rest])
    return out


def reference_words(n: int) -> str:
    if n == 0:
        return "nol"
    words = []
    for scale, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"), (1, "")):
        part, n = divmod(n, scale)
        if not part:
            continue
        if name == "ribu" and part == 1:
            words.append("seribu")
        else:
            words += _below_1000(part) + ([name] if name else [])
    return " ".join(words)


def test_examples_from_the_issue():
    assert tanggal(dt.date(2026, 11, 21)) == "21 November 2026"
    assert tanggal(dt.date(2026, 1, 2)) == "2 Januari 2026"
    assert rupiah(16800) == "Rp16.800,00"
    assert rupiah(Decimal("3701508.68")) == "Rp3.701.508,68"
    assert terbilang(16800) == "enam belas ribu delapan ratus"
    assert rupiah_terbilang(16800) == "Rp16.800,00 (enam belas ribu delapan ratus rupiah)"
    assert angka_kata(14) == "14 (empat belas)"
    assert mask_nik("6471010101900001") == "6471********0001"


@pytest.mark.parametrize("n,words", [
    (0, "nol"), (11, "sebelas"), (100, "seratus"), (1000, "seribu"), (1_000_000, "satu juta"),
    (2_000_000_000, "dua miliar"), (1_431_360_000, "satu miliar empat ratus tiga puluh satu juta tiga ratus enam puluh ribu"),
    (10**12, "satu triliun"), (10**15 - 1, reference_words(10**15 - 1)),
    (479_001_000, "empat ratus tujuh puluh sembilan juta seribu"),  # num2words alone says "satu ribu"
    (21_000, "dua puluh satu ribu"), (1_001_000_000, "satu miliar satu juta"),
])
def test_terbilang_known_values(n, words):
    assert terbilang(n) == words


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_terbilang_matches_the_grammar(n):
    assert terbilang(n) == reference_words(n)


@given(st.integers(min_value=1000, max_value=1999))
def test_one_thousand_is_always_seribu(n):
    assert terbilang(n).startswith("seribu")
    assert "satu ribu" not in terbilang(n)


def test_terbilang_rejects_what_it_cannot_say():
    with pytest.raises(ValueError):
        terbilang(10**15)
    with pytest.raises(ValueError):
        terbilang(-1)
    with pytest.raises(TypeError):
        terbilang(1.5)
    with pytest.raises(TypeError):
        rupiah(16800.0)


def test_money_with_sen_in_words():
    assert rupiah_terbilang(Decimal("3701508.68")) == (
        "Rp3.701.508,68 (tiga juta tujuh ratus satu ribu lima ratus delapan rupiah enam puluh delapan sen)")


def test_nik_gives_birth_date_and_sex():
    man = parse_nik("6471011208750003", today=dt.date(2026, 1, 1))
    assert (man.tanggal_lahir, man.jenis_kelamin, man.kode_wilayah) == (dt.date(1975, 8, 12), "L", "64.71.01")
    woman = parse_nik("6471015208750003", today=dt.date(2026, 1, 1))  # day 52 = 12 + 40
    assert (woman.tanggal_lahir, woman.jenis_kelamin) == (dt.date(1975, 8, 12), "P")
    young = parse_nik("6471010101100001", today=dt.date(2026, 1, 1))
    assert young.tanggal_lahir == dt.date(2010, 1, 1)


@pytest.mark.parametrize("bad,why", [
    ("647101120875000", "16 digit"), ("64710112087500031", "16 digit"), ("6471013208750003", "tanggal lahir"),
    ("6471011213750003", "tanggal lahir"), ("6471011208750000", "0000"), ("647101120875000A", "16 digit"),
])
def test_impossible_niks_are_refused(bad, why):
    with pytest.raises(NikError, match=why):
        parse_nik(bad, today=dt.date(2026, 1, 1))


@pytest.mark.parametrize("bad", ["６４７１０１１２０８７５０００３", "٦٤٧١٠١١٢٠٨٧٥٠٠٠٣", "647101120875000３"])
def test_a_nik_is_sixteen_ascii_digits(bad):
    # Python's \d matches every script's digits: a NIK in full-width digits was a second NIK beside
    # the same person's ASCII one (rentan.registry.cells.nik turns them into ASCII first)
    with pytest.raises(NikError, match="16 digit angka 0–9"):
        parse_nik(bad, today=dt.date(2026, 1, 1))


def test_nik_mismatch_is_a_warning_not_a_rejection():
    nik = parse_nik("6471011208750003", today=dt.date(2026, 1, 1))
    assert nik_warnings(nik, dt.date(1975, 8, 12), "L") == []
    warnings = nik_warnings(nik, dt.date(1975, 8, 13), "P")
    assert len(warnings) == 2
    assert "13 Agustus 1975" in warnings[0] and "12 Agustus 1975" in warnings[0]


# --- exact forms, whatever the installed Babel/CLDR says -------------------------------------------

BULAN_REF = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]


def reference_rupiah(sen_total: int) -> str:
    """Rp + thousands by '.' + ',' + two digits of sen, built from the digits alone."""
    whole, sen = divmod(sen_total, 100)
    digits = str(whole)
    groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
    return "Rp" + ".".join(groups) + f",{sen:02d}"


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_whole_rupiah_always_prints_two_zero_sen(n):
    assert rupiah(n) == reference_rupiah(n * 100)
    assert rupiah(Decimal(n)) == reference_rupiah(n * 100)
    assert rupiah_terbilang(n) == f"{reference_rupiah(n * 100)} ({reference_words(n)} rupiah)"


@given(st.integers(min_value=0, max_value=10**17 - 1))
def test_sen_are_kept_never_rounded_and_words_agree(sen_total):
    amount = Decimal(sen_total).scaleb(-2)
    figure = rupiah(amount)
    assert figure == reference_rupiah(sen_total)
    whole, sen = divmod(sen_total, 100)
    words = f"{reference_words(whole)} rupiah" + (f" {reference_words(sen)} sen" if sen else "")
    assert rupiah_terbilang(amount) == f"{figure} ({words})"


def test_legal_figures_of_the_programme():
    assert rupiah(Decimal("3856694.43")) == "Rp3.856.694,43"  # UMK 2026, not "Rp3.856.694"
    assert rupiah(Decimal("3856694.44")) != rupiah(Decimal("3856694.43"))
    assert rupiah(2_000_000_000) == "Rp2.000.000.000,00"
    assert rupiah(Decimal("0.5")) == "Rp0,50"
    assert rupiah(-16800) == "-Rp16.800,00"


@pytest.mark.parametrize("bad", [Decimal("1.005"), Decimal("NaN"), Decimal("Infinity")])
def test_amounts_that_cannot_be_printed_exactly_are_refused(bad):
    with pytest.raises(ValueError):
        rupiah(bad)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_long_date_is_day_month_name_year(d):
    assert tanggal(d) == f"{d.day} {BULAN_REF[d.month - 1]} {d.year}"
