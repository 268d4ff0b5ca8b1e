"""What the dinas sends BPJS and signs with it: the validation request and the registration list
(letter + private list in the branch's columns) and the berita acara rekonsiliasi, read back from
the files a clerk and BPJS receive."""
import datetime as dt
import os
import stat

import docx
import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from rentan.documents import bpjs as doc
from rentan.documents.issuing import FinalDitolak
from rentan.registry import bpjs
from rentan.registry.desk import Terbit, open_desk
from rentan.registry.importer import import_registry

from ..registry.helpers import person, write_xlsx
from ..year import set_year, year_rows
from . import sheets
from .test_exchange import KODE, covered_lines, ident, kpj, nik

ON = dt.date(2025, 12, 1)  # a Monday


def pdf_text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def docx_text(path) -> str:
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(parts).split())


def rows(path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.fixture
def verified(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 7)]), 2026)
    set_year([nik(i) for i in range(1, 7)], 2026, status="terverifikasi")
    return tmp_path


def test_the_validation_request_sends_every_verified_candidate_once(verified):
    konsep = doc.issue_validasi(2026, tanggal_surat=ON)
    assert konsep.nomor is None and "KONSEP" in pdf_text(konsep.folder / "naskah.pdf")
    with open_desk() as desk:
        assert len(bpjs.to_validate(desk, 2026)) == 6  # a konsep records nothing
    final = doc.issue_validasi(2026, tanggal_surat=ON, final=True)
    assert final.nomor and final.nomor.endswith("/Disnaker")
    for face in (pdf_text(final.folder / "naskah.pdf"), docx_text(final.folder / "surat.docx")):
        assert "Permohonan Validasi Data Calon Peserta Bantuan Iuran Tahun 2026" in face
        assert "data 6 (enam) orang calon peserta" in face
        assert "Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan" in face
        assert "1 Desember 2025" in face and final.nomor in face
        assert nik(1) not in face and "KONSEP" not in face
    lst = final.private("validasi-bpjs-2026.xlsx")
    assert "rahasia" in lst.parts and stat.S_IMODE(os.stat(lst).st_mode) == 0o600
    table = rows(lst)
    assert table[0][:3] == ["No", "NIK", "Nama Lengkap"] and len(table) == 7
    assert sorted(r[1] for r in table[1:]) == sorted(nik(i) for i in range(1, 7))  # text, never a number
    with open_desk() as desk:
        assert bpjs.to_validate(desk, 2026) == []  # sent: not asked again
    with pytest.raises(doc.BpjsDitolak, match="belum dimohonkan validasi"):  # a second request has nobody to send
        doc.issue_validasi(2026, tanggal_surat=ON, final=True)
    # the answer to exactly this request applies
    res = bpjs.import_validasi(sheets.validation_answer(verified / "v.xlsx", [ident(i) for i in range(1, 7)],
                                                        {nik(4): ("Ditolak", "NIK tidak ditemukan di Dukcapil")}))
    assert res.diterapkan and (res.diterima, res.ditolak) == (5, 1)
    assert year_rows(2026)[nik(4)].status == "ditolak"


def test_a_request_with_nobody_to_send_is_refused_in_one_line(home):
    with pytest.raises(doc.BpjsDitolak, match="tidak ada calon peserta tahun 2026 yang telah diverifikasi"):
        doc.issue_validasi(2026, tanggal_surat=ON, final=True)


def test_the_registration_list_follows_the_decree_and_asks_for_kpj(verified):
    bpjs.import_validasi(sheets.validation_answer(verified / "v.xlsx", [ident(i) for i in range(1, 7)]))
    with pytest.raises(doc.BpjsDitolak, match="belum ada Keputusan Wali Kota"):
        doc.issue_registrasi(2026, tanggal_surat=dt.date(2025, 12, 29), final=True)
    sk = "100.3.3.2/1/2026"
    with open_desk() as desk:  # what issuing the SK final records (its own tests cover how)
        desk.record_issued(Terbit("sk-peserta/2026/penetapan", "sk-peserta", 2026, "2026/sk-peserta/penetapan", sk,
                                  dt.date(2025, 12, 22), None, {}))
    set_year([nik(i) for i in range(1, 7)], 2026, status="ditetapkan", nomor_sk=sk, mulai=dt.date(2026, 1, 1))
    p = doc.issue_registrasi(2026, tanggal_surat=dt.date(2025, 12, 29), final=True)
    for face in (pdf_text(p.folder / "naskah.pdf"), docx_text(p.folder / "surat.docx")):
        assert f"Berdasarkan Keputusan Wali Kota Balikpapan Nomor {sk} tanggal 22 Desember 2025" in face
        assert "data 6 (enam) orang peserta" in face and "terhitung mulai tanggal 1 Januari 2026" in face
        assert "Kartu Peserta Jamsostek (KPJ)" in face
    table = rows(p.private("registrasi-bpjs-2026.xlsx"))
    assert len(table) == 7 and table[0][1] == "NIK"
    with pytest.raises(doc.BpjsDitolak, match="telah didaftarkan"):
        doc.issue_registrasi(2026, tanggal_surat=dt.date(2025, 12, 30), final=True)
    res = bpjs.import_kpj(sheets.kpj_answer(verified / "kpj.xlsx", [(nik(i), f"Warga Uji {i}", kpj(i))
                                                                      for i in range(1, 7)]))
    assert res.diterapkan and res.diisi == 6


def test_berita_acara_states_both_sides_and_signs_for_both(registered_month):
    tmp = registered_month
    lines = covered_lines(5)
    lines.append(("6471011208751234", None, 16_800))
    bpjs.import_tagihan(sheets.bill(tmp / "t.xlsx", KODE, lines), "2026-03")
    with pytest.raises(doc.BpjsDitolak, match="belum dijelaskan: catat penjelasannya"):
        doc.issue_berita_acara("2026-03", tanggal=dt.date(2026, 4, 6), final=True)
    bpjs.catat_selisih("2026-03", "Satu peserta luar kota ditagih keliru dan satu peserta belum tertagih; "
                                  "BPJS menerbitkan koreksi tagihan", oleh="kasi")
    p = doc.issue_berita_acara("2026-03", tanggal=dt.date(2026, 4, 6), final=True)
    assert p.nomor.endswith("/Dinsos")
    for face in (pdf_text(p.folder / "berita-acara.pdf"), docx_text(p.folder / "berita-acara.docx")):
        assert "BERITA ACARA REKONSILIASI DATA PESERTA DAN IURAN" in face and "BULAN MARET 2026" in face
        assert "Pada hari ini Senin tanggal enam bulan April tahun dua ribu dua puluh enam" in face
        assert "Jumlah peserta 6 6 0" in face and "Rp100.800,00 Rp100.800,00 0" in face
        assert KODE in face and "Satu peserta luar kota ditagih keliru" in face
        assert "6471********1234" in face and "6471011208751234" not in face
        assert "Kepala Kantor Cabang BPJS Ketenagakerjaan Balikpapan" in face and "Nama Kepala Cabang Fiktif" in face
        assert "Kepala Dinas Sosial Kota Balikpapan" in face and "NIP. 197201012000031002" in face


def test_berita_acara_final_waits_for_the_bpjs_signatory(registered_month, monkeypatch):
    bpjs.import_tagihan(sheets.bill(registered_month / "t.xlsx", KODE, covered_lines()), "2026-03")
    monkeypatch.delenv("RENTAN_TAMBAHAN")  # the settings as shipped: the BPJS signatory not yet known
    with pytest.raises(FinalDitolak, match="penandatangan BPJS"):
        doc.issue_berita_acara("2026-03", tanggal=dt.date(2026, 4, 6), final=True)
    konsep = doc.issue_berita_acara("2026-03", tanggal=dt.date(2026, 4, 6))
    assert konsep.nomor is None and "KONSEP" in pdf_text(konsep.folder / "berita-acara.pdf")


@pytest.fixture
def registered_month(verified):
    bpjs.import_validasi(sheets.validation_answer(verified / "v.xlsx", [ident(i) for i in range(1, 7)]))
    set_year([nik(i) for i in range(1, 7)], 2026, status="ditetapkan", nomor_sk="100.3.3.2/1/2026",
             mulai=dt.date(2026, 1, 1))
    return verified
