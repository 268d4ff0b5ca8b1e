"""The money holds whatever order or concurrency things run in (issue 10): the year's ceiling counts
every issued month, runs for one year are serialised, "realisasi" is the year's total as of each
letter, coverage ends with the decree's year, and the number register stays gap-free, unique and in
date order with eight real processes at once, on SQLite and on PostgreSQL."""
import datetime as dt

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from rentan.documents.iuran import RemittanceError, issue_month
from rentan.registry import numbers
from rentan.registry.db import get_engine, session
from rentan.registry.models import IuranPeriode, NomorSurat

from ..parallel import at_once
from .enrolled import enrolled_registry
from .iuran_settings import settings

MONTHLY = 200 * 16_800  # Rp3.360.000 for the 200 participants of these tests


def _ceiling(tmp_path, monkeypatch, amount: int) -> None:
    """The 2026 ceiling set to `amount`, in the settings overlay the suite runs with: the overlay
    (RENTAN_TAMBAHAN, the demo's facts) carries its own [parameter.anggaran] list, which replaces
    program.toml's, so editing program.toml alone would leave the ceiling at Rp2 miliar. Child
    processes inherit the environment."""
    settings(tmp_path, monkeypatch, anggaran={2025: 2_000_000_000, 2026: amount})


def _paid(year: int = 2026) -> int:
    with session() as s:
        return s.scalar(select(func.coalesce(func.sum(IuranPeriode.jumlah), 0))
                        .where(IuranPeriode.periode.like(f"{year}-%")))


def _text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


@pytest.fixture(params=["sqlite", "postgresql"])
def registry(request, home, tmp_path):
    """200 participants enrolled for 2026, in a SQLite or a PostgreSQL registry."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")
    get_engine()  # migrated before any child process opens it
    enrolled_registry(tmp_path, 200)
    return request.param


def test_the_ceiling_counts_every_issued_month_whatever_the_order(home, tmp_path, monkeypatch, clock):
    enrolled_registry(tmp_path, 200)
    _ceiling(tmp_path, monkeypatch, 10_000_000)  # room for 2 months of 3.360.000, not 3
    clock("2026-03-02")
    march = issue_month("2026-03", final=True)
    assert march.ringkasan["realisasi"] == MONTHLY
    clock("2026-03-03")
    january = issue_month("2026-01", final=True)  # issued late: dated the day it is issued, never backdated
    s = january.ringkasan
    assert (s["tanggal"], s["realisasi"]) == ("2026-03-03", 2 * MONTHLY)
    # the realisasi is the dinas's own business: in the internal recap only (issue 13 item 8)
    assert "Realisasi sampai dengan surat ini Rp6.720.000,00" in _text(january.file("rekap-internal.pdf"))
    assert "Rp6.720.000,00" not in _text(january.file("naskah.pdf"))
    with pytest.raises(RemittanceError, match="melampaui sisa pagu tahun 2026") as refused:
        issue_month("2026-02", final=True)
    assert "terpakai Rp6.720.000,00 untuk 2 bulan lain" in str(refused.value)
    assert _paid() == 2 * MONTHLY <= 10_000_000


IURAN = ("rentan.documents.iuran",)


def test_four_months_at_once_never_pass_the_ceiling(registry, tmp_path, monkeypatch, clock):
    _ceiling(tmp_path, monkeypatch, 10_000_000)
    clock("2026-05-04")
    results = at_once([f"""
from rentan.documents.iuran import issue_month
o = issue_month("2026-0{m}", final=True)
done(periode="2026-0{m}", nomor=o.nomor, baru=o.baru, tanggal=o.ringkasan["tanggal"])
""" for m in (1, 2, 3, 4)], preload=IURAN)
    issued = [r for r in results if "nomor" in r]
    refused = [r for r in results if "error" in r]
    assert len(issued) == 2 and len(refused) == 2, results
    # all are late and dated the day they run (4 May): numbers in any order follow the dates
    assert {r["tanggal"] for r in issued} == {"2026-05-04"}, results
    assert all(r["error"] == "RemittanceError" and "melampaui sisa pagu" in r["message"] for r in refused), results
    assert _paid() == 2 * MONTHLY


def test_eight_months_at_once_numbers_in_order_and_realisasi_right(postgres_url, tmp_path, clock):
    get_engine()
    enrolled_registry(tmp_path, 200)
    clock("2026-09-01")  # all eight are late: dated the day they are issued
    results = at_once([f"""
from rentan.documents.iuran import issue_month
o = issue_month("2026-0{m}", final=True)
s = o.ringkasan
done(nomor=o.nomor, realisasi=s["realisasi"], tanggal=s["tanggal"])
""" for m in range(1, 9)], preload=IURAN)
    assert not [r for r in results if "error" in r], results
    by_number = sorted(results, key=lambda r: int(r["nomor"].split("/")[1]))
    assert [int(r["nomor"].split("/")[1]) for r in by_number] == list(range(1, 9))  # unique, no gap
    # each letter's realisasi is the year's total as of that letter, whatever order they ran in
    assert [r["realisasi"] for r in by_number] == [k * MONTHLY for k in range(1, 9)]
    assert _paid() == 8 * MONTHLY


def test_numbers_never_go_to_a_letter_dated_before_one_already_numbered(home, tmp_path, clock):
    enrolled_registry(tmp_path, 200)
    clock("2025-12-01")  # issued in advance: each letter carries its planned date (2 January, 2 February …)
    results = at_once([f"""
from rentan.documents.iuran import issue_month
o = issue_month("2026-0{m}", final=True)
done(nomor=o.nomor, tanggal=o.ringkasan["tanggal"])
""" for m in range(1, 5)], preload=IURAN)
    issued = [r for r in results if "nomor" in r]
    refused = [r for r in results if "error" in r]
    assert issued and all(r["error"] == "NumberOrderError" and "harus urut menurut tanggal" in r["message"]
                          for r in refused), results
    by_number = sorted(issued, key=lambda r: int(r["nomor"].split("/")[1]))
    assert [int(r["nomor"].split("/")[1]) for r in by_number] == list(range(1, len(issued) + 1))
    assert [r["tanggal"] for r in by_number] == sorted(r["tanggal"] for r in issued)


def test_coverage_ends_with_the_year_of_the_decree(home, tmp_path):
    enrolled_registry(tmp_path, 20)
    assert issue_month("2026-12", final=True).ringkasan["peserta"] == 20
    for periode, label in (("2027-01", "Januari 2027"), ("2030-01", "Januari 2030")):
        with pytest.raises(RemittanceError, match=f"tidak ada peserta yang ditanggung pada {label}: belum ada SK "
                                                  f"penetapan peserta tahun {periode[:4]}"):
            issue_month(periode, final=True)
    assert _paid(2030) == 0 and _paid(2027) == 0


def test_the_register_under_eight_processes_at_once(registry):
    results = at_once([f"""
import datetime as dt
from rentan.registry import numbers
n = numbers.assign("uji/{k}", "uji/2026", dt.date(2026, 3, 2), lambda u: f"400.9/{{u}}/Dinsos")
done(urut=n.urut, nomor=n.nomor)
""" for k in range(8)], preload=("rentan.registry.numbers",))
    assert not [r for r in results if "error" in r], results
    assert sorted(r["urut"] for r in results) == list(range(1, 9))
    with session() as s:
        assert s.scalar(select(func.count()).select_from(NomorSurat)) == 8


def test_a_letter_dated_before_the_last_numbered_one_is_refused(home):
    fmt = lambda u: f"400.9/{u}/Dinsos"  # noqa: E731
    assert numbers.assign("a", "dinsos/2026", dt.date(2026, 3, 5), fmt).urut == 1
    assert numbers.assign("b", "dinsos/2026", dt.date(2026, 3, 5), fmt).urut == 2  # the same day is fine
    with pytest.raises(numbers.NumberOrderError) as e:
        numbers.assign("c", "dinsos/2026", dt.date(2026, 3, 4), fmt)
    assert str(e.value) == ("naskah bertanggal 4 Maret 2026 tidak dapat diberi nomor: nomor terakhir seri ini "
                            "(400.9/2/Dinsos) sudah diberikan kepada naskah bertanggal 5 Maret 2026, dan nomor harus "
                            "urut menurut tanggal. Beri tanggal 5 Maret 2026 atau sesudahnya.")
    assert numbers.assign("a", "dinsos/2026", dt.date(2026, 3, 1), fmt).nomor == "400.9/1/Dinsos"  # its own number
    assert numbers.assign("c", "dinsos/2027", dt.date(2026, 3, 4), fmt).urut == 1  # another series
