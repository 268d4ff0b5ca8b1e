"""What the monthly letter to BPJS Ketenagakerjaan carries of the round trip with BPJS (issue 15):
each participant's KPJ in the data file and how many still lack one; the month's mutasi (tambah /
kurang, with reason and date) as a masked Lampiran and a private data file, "nihil" when none; the
bill's kode iuran and amount once reconciled, and a month refused while its bill differs unexplained."""
import datetime as dt

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from rentan.documents.iuran import RemittanceError, issue_month
from rentan.registry import bpjs
from rentan.registry.desk import open_desk
from rentan.registry.lifecycle import end_participant

from ..bpjs import sheets
from ..registry.helpers import person
from ..year import set_year
from .iuran_settings import SK_2026, enrolled_with_decree

KODE = "30000012345"


def _pdf(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _docx(path) -> str:
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(texts).split())


def _rows(path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


@pytest.fixture
def enrolled(home, tmp_path):
    """32 people in the registry: 30 covered from January 2026, 2 more from 1 February."""
    niks = enrolled_with_decree(tmp_path, 32)
    set_year(niks[30:], 2026, mulai=dt.date(2026, 2, 1))
    return niks


def _kpj(i: int) -> str:
    return f"2600000{i:04d}"


def _register(folder, niks) -> None:
    """The registration list sent to BPJS and BPJS's answer giving each of `niks` a KPJ number."""
    with open_desk() as desk:
        people = bpjs.to_register(desk, 2026, SK_2026)
        bpjs.record_sent(desk, "registrasi", 2026, "registrasi-bpjs/2026/1", people)
    names = {person(i)["No. KTP"]: person(i)["Nama Lengkap"] for i in range(1, 33)}
    res = bpjs.import_kpj(sheets.kpj_answer(folder / "kpj.xlsx", [(n, names[n], _kpj(i)) for i, n in enumerate(niks, 1)]),
                          sebagian=True)
    assert res.diterapkan and res.diisi == len(niks)


def test_kpj_in_the_data_file_and_how_many_lack_one(enrolled, tmp_path):
    _register(tmp_path, enrolled[:28])  # two of January's 30 still without a KPJ
    o = issue_month("2026-01", final=True)
    rows = _rows(o.private("data-bpjs-2026-01.xlsx"))
    assert rows[0] == ("No", "NIK", "KPJ", "Nama", "Tanggal Lahir", "Iuran JKK", "Iuran JKM", "Jumlah Iuran")
    kpj = {r[1]: r[2] for r in rows[1:]}
    assert len(kpj) == 30 and kpj[enrolled[0]] == _kpj(1) and kpj[enrolled[27]] == _kpj(28)
    assert kpj[enrolled[28]] in ("", None) and kpj[enrolled[29]] in ("", None)
    said = "Peserta yang belum memiliki nomor KPJ sebanyak 2 (dua) orang; kolom KPJ mereka dalam berkas data masih kosong."
    for face in (_pdf(o.file("naskah.pdf")), _docx(o.file("surat.docx"))):
        assert said in face
        assert "nomor KPJ bagi 28 (dua puluh delapan) peserta yang telah memilikinya" in face
        assert "Peserta yang belum memiliki nomor KPJ 2" in face  # the recap's row
    assert o.ringkasan["belum_kpj"] == 2


def test_all_with_kpj_and_a_month_without_mutasi_says_nihil(enrolled, tmp_path):
    set_year(enrolled[30:], 2026, mulai=dt.date(2026, 1, 1))  # all 32 from January: February changes nothing
    _register(tmp_path, enrolled)
    o = issue_month("2026-02", final=True)
    assert o.ringkasan["mutasi"] == {"tambah": 0, "kurang": 0}
    for face in (_pdf(o.file("naskah.pdf")), _docx(o.file("surat.docx"))):
        assert "Seluruh peserta telah memiliki nomor KPJ." in face
        assert ("Mutasi peserta (tambah dan kurang) bulan Februari 2026 dibandingkan dengan bulan Januari 2026 "
                "nihil.") in face
        assert "Mutasi tambah nihil" in face and "Mutasi kurang nihil" in face
        assert "Lampiran : 2 (dua) berkas" in face or "Lampiran: 2 (dua) berkas" in face
        assert "kode iuran" not in face  # no bill imported yet: issued as before, without a code
    assert not o.folder.joinpath("lampiran-mutasi.pdf").exists()
    assert "lampiran-mutasi.pdf" not in o.manifest["berkas"]


def test_the_months_mutasi_as_a_masked_lampiran_and_a_private_file(enrolled):
    issue_month("2026-01", final=True)
    end_participant(enrolled[0], "meninggal", dt.date(2026, 1, 20))  # paid for January, not February
    o = issue_month("2026-02", final=True)
    assert o.ringkasan["mutasi"] == {"tambah": 2, "kurang": 1}
    sentence = ("Mutasi peserta bulan Februari 2026 dibandingkan dengan bulan Januari 2026, yaitu tambah sebanyak "
                "2 (dua) orang dan kurang sebanyak 1 (satu) orang, beserta alasan dan tanggal kepesertaan yang "
                "berakhir, tercantum dalam Lampiran Daftar Mutasi Peserta surat ini.")
    naskah = _pdf(o.file("naskah.pdf"))
    for face in (naskah, _docx(o.file("surat.docx"))):
        assert sentence in face
        assert "Lampiran : 4 (empat) berkas" in face or "Lampiran: 4 (empat) berkas" in face
        assert "Mutasi tambah 2" in face and "Mutasi kurang 1" in face
    # the Lampiran: its own files and the last pages of naskah.pdf, NIKs masked, no birth date
    for annex in (_pdf(o.file("lampiran-mutasi.pdf")), _docx(o.file("lampiran-mutasi.docx")), naskah):
        assert "DAFTAR MUTASI PESERTA BULAN FEBRUARI 2026" in annex
        assert "TAMBAH 2, KURANG 1, DIBANDINGKAN DENGAN BULAN JANUARI 2026" in annex
        assert "Kurang — meninggal dunia, 20 Januari 2026" in annex
        assert annex.count("Tambah — peserta baru, 1 Februari 2026") == 2
        assert "WARGA UJI 1 " in annex and "WARGA UJI 31" in annex and "WARGA UJI 32" in annex
        assert "6471************" in annex and "JUMLAH SELURUHNYA: 3 orang" in annex
        assert not any(n in annex for n in enrolled)
        assert "12 Agustus 1975" not in annex
    assert "Nama Kepala Dinas Fiktif" in _pdf(o.file("lampiran-mutasi.pdf"))  # signed
    # the private data file with full NIKs, in the `mutasi` exchange layout
    data = o.private("mutasi-bpjs-2026-02.xlsx")
    assert data.stat().st_mode & 0o777 == 0o600 and "rahasia" in data.parts
    rows = _rows(data)
    assert rows[0] == ("No", "NIK", "KPJ", "Nama Lengkap", "Tanggal Lahir", "Mutasi", "Alasan", "Tanggal")
    body = {r[1]: r[5:] for r in rows[1:]}
    assert body == {enrolled[30]: ("Tambah", "peserta baru", dt.datetime(2026, 2, 1)),
                    enrolled[31]: ("Tambah", "peserta baru", dt.datetime(2026, 2, 1)),
                    enrolled[0]: ("Kurang", "meninggal dunia", dt.datetime(2026, 1, 20))}


def _bill(folder, niks, amounts=None, kode=KODE):
    amounts = amounts or {}
    return sheets.bill(folder / f"tagihan-{len(niks)}.xlsx", kode, [(n, None, amounts.get(n, 16_800)) for n in niks])


def test_a_reconciled_bill_is_cited_with_its_kode_iuran_and_amount(enrolled, tmp_path):
    rec, _ = bpjs.import_tagihan(_bill(tmp_path, enrolled[:30]), "2026-01")
    assert rec.cocok
    o = issue_month("2026-01", final=True)
    said = ("Pembayaran tersebut kami lakukan dengan kode iuran 30000012345 sesuai dengan tagihan BPJS "
            "Ketenagakerjaan bulan Januari 2026 untuk 30 (tiga puluh) orang sebesar Rp504.000,00 (lima ratus empat "
            "ribu rupiah), sesuai dengan data kami.")
    for face in (_pdf(o.file("naskah.pdf")), _docx(o.file("surat.docx"))):
        assert said in face
    assert o.ringkasan["tagihan"] == {"kode_iuran": KODE, "jumlah": 504_000, "peserta": 30, "cocok": True}


def test_a_bill_with_unexplained_differences_refuses_the_month_until_explained(enrolled, tmp_path):
    # BPJS bills 29 of our 30 and one of them at a different amount: two differences
    bpjs.import_tagihan(_bill(tmp_path, enrolled[:29], {enrolled[5]: 20_000}), "2026-01")
    with pytest.raises(RemittanceError) as refused:
        issue_month("2026-01", final=True)
    assert str(refused.value) == (
        "iuran Januari 2026 tidak dapat diterbitkan: tagihan BPJS Ketenagakerjaan (kode iuran 30000012345) berbeda "
        "dengan data kami dalam 2 (dua) hal yang belum dijelaskan; catat penjelasannya dengan perintah "
        "`rentan bpjs catat-selisih 2026-01`, lalu terbitkan kembali.")
    assert "\n" not in str(refused.value) and not any(n in str(refused.value) for n in enrolled)
    bpjs.catat_selisih("2026-01", "satu peserta belum terdaftar di BPJS; satu tagihan memuat iuran bulan lalu")
    o = issue_month("2026-01", final=True)
    said = ("Pembayaran tersebut kami lakukan dengan kode iuran 30000012345 sesuai dengan tagihan BPJS "
            "Ketenagakerjaan bulan Januari 2026 untuk 29 (dua puluh sembilan) orang sebesar Rp490.400,00 (empat "
            "ratus sembilan puluh ribu empat ratus rupiah), dengan 2 (dua) selisih terhadap data kami yang telah "
            "dijelaskan dalam catatan rekonsiliasi.")
    for face in (_pdf(o.file("naskah.pdf")), _docx(o.file("surat.docx"))):
        assert said in face
        assert "sebanyak 30 (tiga puluh) orang" in face  # our own count and amount stay ours
        assert "satu peserta belum terdaftar" not in face  # the clerk's note stays at the dinas
