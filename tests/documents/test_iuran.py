"""The monthly remittance: who is paid for, the amounts, the letter, exactly once, the budget."""
import datetime as dt
import subprocess
import threading

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from rentan.documents.iuran import RemittanceError, issue_month, letter_date
from rentan.registry.db import session
from rentan.registry.lifecycle import end_participant
from rentan.registry.models import IuranPeriode, Kepesertaan

from .enrolled import enrolled_registry


def _pdf(path):
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


@pytest.fixture
def enrolled(home, tmp_path):
    return enrolled_registry(tmp_path, 30)


def test_letter_date_is_a_working_day_before_the_15th():
    assert letter_date(dt.date(2026, 1, 1)) == dt.date(2026, 1, 2)
    assert letter_date(dt.date(2026, 5, 1)) == dt.date(2026, 5, 4)  # 2 May 2026 is a Saturday
    for month in range(1, 13):
        d = letter_date(dt.date(2026, month, 1))
        assert d.day < 15 and d.weekday() < 5


def test_january_letter_amounts_and_files(enrolled):
    o = issue_month("2026-01", final=True)
    assert o.baru and o.nomor.endswith("/Dinsos")
    letter = "\n".join(p.text for p in docx.Document(str(o.file("surat.docx"))).paragraphs)
    assert "Balikpapan, 2 Januari 2026" in letter
    assert "Yth. Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan" in letter
    assert "bulan Januari 2026 sebanyak 30 (tiga puluh) orang" in letter
    assert "Rp504.000,00 (lima ratus empat ribu rupiah)" in letter  # 30 × 16.800
    assert "paling lambat tanggal 15 Januari 2026" in letter
    assert "Keputusan Wali Kota Balikpapan Nomor 100.3.3.2/1/2026" in letter
    table = docx.Document(str(o.file("surat.docx"))).tables[1]
    assert [c.text for c in table.rows[1].cells] == ["Jaminan Kecelakaan Kerja (JKK)", "30", "Rp10.000,00", "Rp300.000,00"]
    assert [c.text for c in table.rows[2].cells] == ["Jaminan Kematian (JKM)", "30", "Rp6.800,00", "Rp204.000,00"]
    pdf = _pdf(o.file("naskah.pdf"))
    for fact in ("30 (tiga puluh) orang", "Rp504.000,00", "Rp300.000,00", "Rp204.000,00", "REKAPITULASI",
                 "Menurut Sektor", "Menurut Kecamatan", "Balikpapan Timur", "Rp2.000.000.000,00"):
        assert fact in pdf, fact
    assert not any(n in pdf or n in letter for n in enrolled)  # no NIK in the public documents
    subprocess.run(["qpdf", "--check", str(o.file("naskah.pdf"))], check=True, capture_output=True)
    data = o.private("data-bpjs-2026-01.xlsx")
    assert data.stat().st_mode & 0o777 == 0o600 and data.parent.stat().st_mode & 0o777 == 0o700
    assert "rahasia" in data.parts and o.folder not in data.parents
    rows = list(openpyxl.load_workbook(data).active.iter_rows(values_only=True))
    assert rows[0] == ("No", "NIK", "KPJ", "Nama", "Tanggal Lahir", "Iuran JKK", "Iuran JKM", "Jumlah Iuran")
    assert sorted(r[1] for r in rows[1:]) == sorted(enrolled) and all(r[7] == 16800 for r in rows[1:])
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
    toml = (tmp_path / "program.toml")
    from rentan.program import DEFAULT_PATH
    toml.write_text(DEFAULT_PATH.read_text(encoding="utf-8").replace(
        '{ sejak = 2026-01-01, nilai = 2000000000, dasar', '{ sejak = 2026-01-01, nilai = 1100000, dasar'),
        encoding="utf-8")
    monkeypatch.setenv("RENTAN_PROGRAM", str(toml))
    assert issue_month("2026-01", final=True).ringkasan["peringatan"] is None
    feb = issue_month("2026-02", final=True)
    assert "91,6% dari pagu anggaran" in feb.ringkasan["peringatan"]
    with pytest.raises(RemittanceError, match="melampaui sisa pagu tahun 2026") as e:
        issue_month("2026-03", final=True)
    assert "sisa Rp92.000,00" in str(e.value)
    with session() as s:
        assert s.scalar(select(func.count()).select_from(IuranPeriode)) == 2


def test_nothing_to_pay_is_refused(home):
    with pytest.raises(RemittanceError, match="tidak ada peserta yang ditanggung pada Januari 2026"):
        issue_month("2026-01", final=True)
