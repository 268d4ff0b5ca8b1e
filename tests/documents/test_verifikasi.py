"""The verification cycle: memos per agency with Lampiran and return form, and the answers read back."""
import datetime as dt
import re
import subprocess
import tempfile
import zipfile

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from rentan.documents.verifikasi import issue_all
from rentan.registry.db import session
from rentan.registry.importer import import_registry
from rentan.registry.models import AuditLog, Peserta
from rentan.registry.verification import HEADERS, import_results

from ..registry.helpers import person, write_xlsx
from ..year import year_rows

SECTORS = ["Petani"] * 3 + ["Nelayan"] * 2 + ["Ojek Pangkalan"] * 4 + ["Driver Ojol"] * 3 + ["PKL Bakso"] * 5
NOV_2025 = dt.date(2025, 11, 3)


def _text(path):
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def _pdf_text(path):
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


@pytest.fixture
def registry(home, tmp_path):
    rows = [person(i, Pekerjaan=s, **{"Nama Lengkap": f"Warga {s.split()[0]} {i}"}) for i, s in enumerate(SECTORS, 1)]
    rows.append(person(99, **{"Nama Lengkap": "Ma'ruf & Sons <CV>", "Pekerjaan": "Buruh"}))
    import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    return tmp_path


def test_one_memo_per_agency_with_counts_names_and_letterhead(registry):
    pubs = {p.folder.name: p for p in issue_all(2026, tanggal_surat=NOV_2025, final=True)}
    assert set(pubs) == {"dp3-putaran-1", "dishub-putaran-1", "disnaker-putaran-1"}
    dp3 = pubs["dp3-putaran-1"]
    memo = _text(dp3.file("memo.docx"))
    assert "DINAS KETENAGAKERJAAN" in memo and "Balikpapan, 3 November 2025" in memo
    assert f"Nomor | : | {dp3.manifest['nomor']}" in memo and dp3.manifest["nomor"].endswith("/Disnaker")
    assert "Yth. Kepala Dinas Pangan, Pertanian dan Perikanan Kota Balikpapan" in memo
    assert "menjadi tugas Dinas Pangan, Pertanian dan Perikanan Kota Balikpapan sebanyak 5 (lima) orang" in memo
    # the Perwali's order (Pasal 5: petani before nelayan), "; dan" on the second-to-last
    assert "a.\tPetani: 3 (tiga) orang; dan\nb.\tNelayan: 2 (dua) orang." in memo
    assert "Ani Mufaidah" in memo and "Tembusan:" in memo
    pdf = _pdf_text(dp3.file("memo.pdf"))
    for fact in ("sebanyak 5 (lima) orang", dp3.manifest["nomor"], "Nelayan: 2 (dua) orang", "Ani Mufaidah",
                 "3 November 2025", "Halaman 1 dari"):
        assert fact in pdf, fact
    # the Lampiran (full NIK: it stays inside the government) lists exactly the agency's people
    with session() as s:
        people = s.scalars(select(Peserta).where(Peserta.sektor.in_(["petani", "nelayan"]))).all()
    lampiran_docx = _text(dp3.file("lampiran.docx"))
    naskah = _pdf_text(dp3.file("naskah.pdf"))
    # names in capitals as on the KTP (deliberate, issue 13 item 3); the alamat, the declared sector
    # and the platform letter column the agencies verify against (issue 13 item 5)
    for p in people:
        assert p.nama.upper() in lampiran_docx and p.nik in lampiran_docx
        assert p.nama.upper() in naskah and p.nik in naskah
        assert f"{p.alamat}, Kel. Manggar" in lampiran_docx
    assert "WARGA NELAYAN 4" in lampiran_docx and "Warga Nelayan 4" not in lampiran_docx
    heading = "No | NIK | Nama | Tempat/Tanggal Lahir | L/P | Sektor | Alamat | Surat Aplikator"
    assert heading in lampiran_docx
    assert "Balikpapan, 12 Agustus 1975 | L | Nelayan | Jl. Mulawarman" in lampiran_docx
    assert "TERBATAS — memuat data pribadi" in naskah and "KONSEP" not in naskah
    # the total once: python-docx repeats a spanning cell once per grid column, the document holds it once
    assert "JUMLAH SELURUHNYA: 5 orang" in lampiran_docx and "JUMLAH SELURUHNYA: 5 orang" in naskah
    with zipfile.ZipFile(dp3.file("lampiran.docx")) as z:
        xml = z.read("word/document.xml").decode()
        header_xml = z.read("word/header1.xml").decode()
    assert xml.count("JUMLAH SELURUHNYA") == 1 and naskah.count("JUMLAH SELURUHNYA") == 1
    assert "TERBATAS" in header_xml  # on every page of the DOCX too
    ws = openpyxl.load_workbook(dp3.file("formulir-verifikasi.xlsx"))["Formulir Verifikasi"]
    niks = [r[1] for r in ws.iter_rows(min_row=6, values_only=True) if r[1]]
    assert sorted(niks) == sorted(p.nik for p in people)
    for f in ("memo.pdf", "naskah.pdf"):
        subprocess.run(["qpdf", "--check", str(dp3.file(f))], check=True, capture_output=True)
    assert dp3.file("naskah.pdf").stat().st_mode & 0o777 == 0o600  # full NIKs: owner only


def test_own_sectors_get_a_nota_dinas_and_2026_memos_come_from_dinas_sosial(registry):
    pubs = {p.folder.name: p for p in issue_all(2026, tanggal_surat=dt.date(2026, 1, 6), final=True)}
    own = pubs["dinsos-putaran-1"]
    text = _text(own.file("memo.docx"))
    assert "NOTA DINAS" in text and "DINAS SOSIAL" in text
    assert "Dari | : | Kepala Dinas Sosial Kota Balikpapan" in text
    assert "menjadi tugas bidang Saudara sebanyak 9 (sembilan) orang" in text  # 3 ojol + 5 PKL + 1 buruh
    assert "Tembusan" not in text and "Wali Kota Balikpapan (sebagai laporan)" not in text  # stays inside the office
    assert own.manifest["nomor"] == "400.9/1/Dinsos" or own.manifest["nomor"].endswith("/Dinsos")
    # names in capitals (deliberate, issue 13 item 3), & < > intact in both faces
    assert "MA'RUF & SONS <CV>" in _text(own.file("lampiran.docx"))
    assert "MA'RUF & SONS <CV>" in _pdf_text(own.file("naskah.pdf"))
    with zipfile.ZipFile(own.file("lampiran.docx")) as z:
        assert "MA'RUF &amp; SONS &lt;CV&gt;" in z.read("word/document.xml").decode()
    # an ojek online driver's row says whether the platform letter is on file; others "–"
    lampiran = _text(own.file("lampiran.docx"))
    assert "| Ojek Online | " in lampiran and re.search(r"\| Ojek Online \| [^|]+ \| Belum diketahui", lampiran)
    assert re.search(r"\| Pedagang Kaki Lima[^|]* \| [^|]+ \| –", lampiran)


def test_running_again_gives_the_same_numbers_and_identical_files(registry, tmp_path, monkeypatch):
    first = {p.folder.name: p for p in issue_all(2026, tanggal_surat=NOV_2025, final=True)}
    again = {p.folder.name: p for p in issue_all(2026, tanggal_surat=dt.date(2025, 11, 20), final=True)}
    assert all(again[k].reused and again[k].manifest["nomor"] == first[k].manifest["nomor"] for k in first)
    # rendering anew from the same registry gives the same bytes
    monkeypatch.setenv("RENTAN_OUTPUTS", str(tmp_path / "fresh"))
    fresh = {p.folder.name: p for p in issue_all(2026, tanggal_surat=NOV_2025, final=True)}
    for k, pub in first.items():
        for name in pub.manifest["berkas"]:
            assert fresh[k].file(name).read_bytes() == pub.file(name).read_bytes(), (k, name)


def test_libreoffice_opens_the_memo(registry, tmp_path):
    soffice = "soffice"
    pub = issue_all(2026, tanggal_surat=NOV_2025, final=True)[0]
    profile = tempfile.mkdtemp(prefix="lo-")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(pub.file("memo.docx"))], check=True, capture_output=True,
                   timeout=120)
    converted = _pdf_text(tmp_path / "memo.pdf")
    assert pub.manifest["nomor"] in converted and "Permohonan Verifikasi" in converted
    assert docx.Document(str(pub.file("memo.docx"))).paragraphs  # python-docx reads it too


HASIL, KETERANGAN, NAMA = (HEADERS.index(h) + 1 for h in ("Hasil Verifikasi", "Keterangan", "Nama"))


def _answer(form, answers, target, alter=None):
    wb = openpyxl.load_workbook(form)
    ws = wb["Formulir Verifikasi"]
    rows = [r for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value]
    for r, (hasil, ket) in zip(rows, answers):
        ws.cell(r, HASIL, hasil)
        ws.cell(r, KETERANGAN, ket)
    if alter:
        alter(ws, rows)
    wb.save(target)
    return [ws.cell(r, 2).value for r in rows]


def test_answers_are_applied_and_bad_rows_reported(registry, tmp_path):
    dishub = next(p for p in issue_all(2026, tanggal_surat=NOV_2025, final=True) if p.folder.name.startswith("dishub"))

    def alter(ws, rows):
        ws.cell(rows[3], NAMA, "Nama Diganti")  # identity column altered
        ws.cell(rows[3], HASIL, "Sesuai")
        ws.cell(ws.max_row + 1, 2, "6471011208759999")  # a NIK we never sent
        ws.cell(ws.max_row, HASIL, "Sesuai")

    niks = _answer(dishub.file("formulir-verifikasi.xlsx"),
                   [("Sesuai", None), ("Tidak Sesuai", "sudah bekerja di sektor formal"), ("Tidak Sesuai", None)],
                   tmp_path / "jawaban.xlsx", alter)
    r = import_results(tmp_path / "jawaban.xlsx", oleh="dishub")
    assert (r.sesuai, r.tidak_sesuai) == (1, 1)
    reasons = [why for _, why in r.dilaporkan]
    assert any("Keterangan wajib diisi" in w for w in reasons)
    assert any("kolom identitas" in w for w in reasons)
    assert any("NIK tidak dikenal" in w for w in reasons)
    rows = year_rows(2026)
    with session() as s:
        log = s.scalars(select(AuditLog).where(AuditLog.tindakan == "verifikasi")).all()
    assert [rows[n].status for n in niks] == ["terverifikasi", "ditolak", "terdaftar", "terdaftar"]
    assert rows[niks[1]].alasan_status == "tidak sesuai hasil verifikasi: sudah bekerja di sektor formal"
    assert len(log) == 2 and all(e.oleh == "dishub" for e in log)
    again = import_results(tmp_path / "jawaban.xlsx", oleh="dishub")
    assert (again.sesuai, again.tidak_sesuai, again.tidak_berubah) == (0, 0, 2)


def test_blank_answers_are_reported_not_applied(registry, tmp_path):
    dp3 = next(p for p in issue_all(2026, tanggal_surat=NOV_2025, final=True) if p.folder.name.startswith("dp3"))
    _answer(dp3.file("formulir-verifikasi.xlsx"), [("Sesuai", None)], tmp_path / "j.xlsx")
    r = import_results(tmp_path / "j.xlsx")
    assert r.sesuai == 1 and sum("kosong" in w for _, w in r.dilaporkan) == 4
