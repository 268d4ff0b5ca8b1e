"""The monthly remittance: who is paid for, the amounts, the letter, exactly once, the budget.
(What the letter to BPJS says and does not say: test_iuran_bpjs.py; the year boundary:
test_iuran_tahun.py; the DOCX face in LibreOffice: test_iuran_docx.py.)"""
import datetime as dt
import subprocess
import threading

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from rentan.clock import is_working_day
from rentan.documents.iuran import RemittanceError, issue_month, letter_date
from rentan.registry.db import session
from rentan.registry.lifecycle import end_participant
from rentan.registry.models import IuranPeriode, Kepesertaan

from .iuran_settings import enrolled_with_decree, settings


def _pdf(path):
    """The PDF's text, whitespace collapsed: justified lines wrap anywhere ("30 (tiga\npuluh) orang")."""
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


@pytest.fixture
def enrolled(home, tmp_path):
    return enrolled_with_decree(tmp_path, 30)


def test_letter_date_is_a_working_day_before_the_15th():
    assert letter_date(dt.date(2026, 1, 1)) == dt.date(2026, 1, 2)
    assert letter_date(dt.date(2026, 5, 1)) == dt.date(2026, 5, 4)  # 2 May 2026 is a Saturday
    assert letter_date(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # 1 January a holiday, then the weekend
    # 2, 3, 4 and 7 April 2025 are cuti bersama of Idul Fitri (offices closed), 5–6 April a weekend
    assert letter_date(dt.date(2025, 4, 1)) == dt.date(2025, 4, 8)
    for year in (2025, 2026, 2027):
        for month in range(1, 13):
            d = letter_date(dt.date(year, month, 1))
            assert d.day < 15 and is_working_day(d), d


def test_january_letter_amounts_and_files(enrolled):
    o = issue_month("2026-01", final=True)
    assert o.baru and o.nomor.endswith("/Dinsos")
    letter = "\n".join(p.text for p in docx.Document(str(o.file("surat.docx"))).paragraphs)
    assert "Balikpapan, 2 Januari 2026" in letter
    assert "Yth. Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan" in letter
    assert "bulan Januari 2026 sebanyak 30 (tiga puluh) orang" in letter
    assert "Rp504.000,00 (lima ratus empat ribu rupiah)" in letter  # 30 × 16.800
    assert "paling lambat tanggal 15 Januari 2026" in letter
    assert ("Berdasarkan Keputusan Wali Kota Balikpapan Nomor 100.3.3.2/1/2025 tanggal 22 Desember 2025 tentang "
            "Penetapan Peserta Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Tahun 2026, "
            "bersama ini") in letter
    table = docx.Document(str(o.file("surat.docx"))).tables[1]
    assert [c.text for c in table.rows[1].cells] == ["Jaminan Kecelakaan Kerja (JKK)", "30", "Rp10.000,00", "Rp300.000,00"]
    assert [c.text for c in table.rows[2].cells] == ["Jaminan Kematian (JKM)", "30", "Rp6.800,00", "Rp204.000,00"]
    pdf = _pdf(o.file("naskah.pdf"))
    for fact in ("30 (tiga puluh) orang", "Rp504.000,00", "Rp300.000,00", "Rp204.000,00", "REKAPITULASI",
                 "Menurut Sektor", "Menurut Kecamatan", "Balikpapan Timur"):
        assert fact in pdf, fact
    # the ceiling is the dinas's own business: only in the internal recap (deliberately moved out of
    # the recap that goes to BPJS, issue 13.8)
    assert "Rp2.000.000.000,00" not in pdf and "Rp2.000.000.000,00" not in letter
    assert "Rp2.000.000.000,00" in _pdf(o.file("rekap-internal.pdf"))
    internal = _pdf(o.file("rekap-internal.pdf"))
    assert not any(n in pdf or n in letter or n in internal for n in enrolled)  # no NIK in these documents
    subprocess.run(["qpdf", "--check", str(o.file("naskah.pdf"))], check=True, capture_output=True)
    data = o.private("data-bpjs-2026-01.xlsx")
    assert data.stat().st_mode & 0o777 == 0o600 and data.parent.stat().st_mode & 0o777 == 0o700
    assert "rahasia" in data.parts and o.folder not in data.parents
    rows = list(openpyxl.load_workbook(data).active.iter_rows(values_only=True))
    # no KPJ column: the registry holds no KPJ number for anyone (test_iuran_bpjs.py: with some)
    assert rows[0] == ("No", "NIK", "Nama", "Tanggal Lahir", "Iuran JKK", "Iuran JKM", "Jumlah Iuran")
    assert sorted(r[1] for r in rows[1:]) == sorted(enrolled) and all(r[6] == 16800 for r in rows[1:])
    assert rows[1][3] == dt.datetime(1975, 8, 12) and [r[0] for r in rows[1:]] == list(range(1, 31))
    with session() as s:
        assert s.scalar(select(func.count()).where(Kepesertaan.status == "aktif")) == 30


def test_a_period_is_issued_once_with_identical_files(enrolled):
    first = issue_month("2026-01", final=True)
    again = issue_month("2026-01", final=True)
    assert (again.baru, again.nomor) == (False, first.nomor)
    assert "sudah diterbitkan" in again.pesan
    for name in first.manifest["berkas"]:
        assert again.file(name).read_bytes() == first.file(name).read_bytes()
    with session() as s:
        assert s.scalar(select(func.count()).select_from(IuranPeriode)) == 1


def test_two_runs_at_once_end_with_one_letter(enrolled):
    outcomes, errors = [], []

    def run():
        try:
            outcomes.append(issue_month("2026-02", final=True))
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(3)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert len({o.nomor for o in outcomes}) == 1 and sum(o.baru for o in outcomes) == 1
    assert all(o.pesan for o in outcomes if not o.baru)
    with session() as s:
        assert s.scalar(select(func.count()).select_from(IuranPeriode)) == 1


def test_endings_and_a_numbered_correction(enrolled):
    issue_month("2026-01", final=True)
    issue_month("2026-02", final=True)
    end_participant(enrolled[0], "meninggal", dt.date(2026, 2, 10))  # paid for February, not March
    end_participant(enrolled[1], "pindah", dt.date(2026, 1, 20))  # ended in January: February was wrong
    march = issue_month("2026-03", final=True)
    s = march.ringkasan
    assert (s["peserta"], s["baru"], s["berakhir"]) == (28, 0, 1)
    with pytest.raises(RemittanceError, match="belum pernah diterbitkan"):
        issue_month("2026-04", koreksi="salah data", final=True)
    fix = issue_month("2026-02", koreksi="satu peserta pindah domisili pada Januari belum tercatat",
                      tanggal=dt.date(2026, 3, 10), final=True)
    assert fix.baru and fix.ringkasan["koreksi_ke"] == 1 and fix.nomor != march.nomor
    text = "\n".join(p.text for p in docx.Document(str(fix.file("surat.docx"))).paragraphs)
    original = issue_month("2026-02", final=True).nomor
    assert f"Menunjuk surat kami Nomor {original} tanggal 2 Februari 2026" in text
    assert "karena satu peserta pindah domisili pada Januari belum tercatat" in text
    assert "sebanyak 29 (dua puluh sembilan) orang" in text
    assert "Balikpapan, 10 Maret 2026" in text


def test_budget_is_never_exceeded_and_warns_from_90_percent(enrolled, monkeypatch, tmp_path):
    # A budget of 2 months and a bit: January fine, February warns, March is refused.
    settings(tmp_path, monkeypatch, anggaran={2025: 2_000_000_000, 2026: 1_100_000})
    assert issue_month("2026-01", final=True).ringkasan["peringatan"] is None
    feb = issue_month("2026-02", final=True)
    assert "91,6% dari pagu anggaran" in feb.ringkasan["peringatan"]
    assert "Perhatian: Realisasi tahun 2026 sampai dengan surat ini telah mencapai 91,6% dari pagu" in \
        _pdf(feb.file("rekap-internal.pdf")).replace("\n", " ")
    assert "91,6%" not in _pdf(feb.file("naskah.pdf"))
    with pytest.raises(RemittanceError, match="melampaui sisa pagu tahun 2026") as e:
        issue_month("2026-03", final=True)
    assert "sisa Rp92.000,00" in str(e.value)
    with session() as s:
        assert s.scalar(select(func.count()).select_from(IuranPeriode)) == 2


def test_nothing_to_pay_is_refused(home):
    with pytest.raises(RemittanceError, match="tidak ada peserta yang ditanggung pada Januari 2026"):
        issue_month("2026-01", final=True)
