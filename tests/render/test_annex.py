"""The SK Lampiran renderers (issue 4): DOCX read back with python-docx and opened by LibreOffice,
PDF read back with pypdf and checked by qpdf; public copy masks every NIK (first 4 digits, birth year
only: issue 13; tests/render/test_annex_masking.py counts what is left to guess); same input, same
bytes."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

from rentan.render.annex import AnnexGroup, AnnexHeader, AnnexRow, clean
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import write_annex_pdf

SPECIAL = "Ma'ruf & Sons <CV>"
QUOTED = 'Nur "Ani" Aini'

# kecamatan -> kelurahan -> rows
LAYOUT = [("Balikpapan Timur", [("Manggar", 23), ("Lamaru", 1), ("Teritip", 40)]),
          ("Balikpapan Utara", [("Batu Ampar", 61), ("Gunung Samarinda Baru", 17)]),
          ("Balikpapan Kota", [("Damai", 58)])]


def nik(i: int, female: bool) -> str:
    day = 1 + i % 28 + (40 if female else 0)
    return f"647101{day:02d}{1 + i % 12:02d}{70 + i % 30:02d}{i % 9999 + 1:04d}"


def make_groups(layout=LAYOUT, scale: int = 1) -> list[AnnexGroup]:
    groups, i = [], 0
    for kec, kels in layout:
        for kel, n in kels:
            rows = []
            for _ in range(n * scale):
                i += 1
                female = i % 3 == 0
                nama = {5: SPECIAL, 9: "Siti\x0bAisyah\x01", 12: QUOTED,
                        20: "Raden Mas Muhammad Abdurrahman Wahid Kusumanegara Hadiningrat Sastrowardoyo"}.get(
                    i, f"Peserta {i:05d}")
                rows.append(AnnexRow(nik(i, female), nama, "Balikpapan" if i % 2 else "Penajam Paser Utara",
                                     dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28), "P" if female else "L",
                                     "Nelayan" if i % 2 else "Pedagang Kaki Lima", kel))
            groups.append(AnnexGroup(kec, kel, rows))
    return groups


def header(mask: bool = True, watermark: str | None = None, paper: str = "F4") -> AnnexHeader:
    return AnnexHeader(
        lines=["LAMPIRAN", "KEPUTUSAN WALI KOTA BALIKPAPAN", "NOMOR : 100.3.3.2/12/2026",
               "TANGGAL : 2 Januari 2026", "TENTANG : PENETAPAN PESERTA PENERIMA BANTUAN IURAN JAMINAN "
               "SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN TAHUN 2026"],
        title=["DAFTAR PESERTA PENERIMA BANTUAN IURAN", "JAMINAN SOSIAL KETENAGAKERJAAN TAHUN 2026"],
        signature=["WALI KOTA BALIKPAPAN,", "", "", "RAHMAD MAS'UD"],
        mask_nik=mask, paper=paper, watermark=watermark)


GROUPS = make_groups()
N = sum(len(g.rows) for g in GROUPS)
ALL_NIK = [r.nik for g in GROUPS for r in g.rows]
MASKED_RE = re.compile(r"^\d{4}\*{12}$")


@pytest.fixture(scope="module")
def font_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("fonts")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("annex")


@pytest.fixture(scope="module")
def public_docx(out):
    p = out / "publik.docx"
    return p, write_annex_docx(p, header(mask=True, watermark="SALINAN"), GROUPS)


@pytest.fixture(scope="module")
def public_pdf(out, font_cache):
    p = out / "publik.pdf"
    return p, write_annex_pdf(p, header(mask=True, watermark="SALINAN"), GROUPS, cache_dir=font_cache)


def docx_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def pdf_text(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


# --- counts ---------------------------------------------------------------------------------------

def test_result_counts(public_docx, public_pdf):
    for _, res in (public_docx, public_pdf):
        assert res.rows == N
        assert res.per_kelurahan == {(g.kecamatan, g.kelurahan): len(g.rows) for g in GROUPS}
        assert res.per_kecamatan == {kec: sum(n for _, n in kels) for kec, kels in LAYOUT}
    assert public_docx[1].pages is None
    assert public_pdf[1].pages == len(PdfReader(public_pdf[0]).pages) > 1


# --- DOCX -----------------------------------------------------------------------------------------

def test_docx_tables_rows_and_totals(public_docx):
    path, _ = public_docx
    doc = Document(path)
    tables = doc.tables
    assert len(tables) == sum(len(k) for _, k in LAYOUT)  # one table per kelurahan
    numbers = []
    kel_iter = iter([(kec, kel, n) for kec, kels in LAYOUT for kel, n in kels])
    for t in tables:
        kec, kel, n = next(kel_iter)
        rows = t.rows
        # the column header and the column numbers repeat on every page, and no row splits
        for r in rows[:2]:
            assert r._tr.trPr.find(qn("w:tblHeader")) is not None
        assert rows[2]._tr.trPr.find(qn("w:tblHeader")) is None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert [c.text for c in rows[0].cells] == ["No", "NIK", "Nama", "Tempat/Tahun Lahir", "Jenis Kelamin",
                                                  "Pekerjaan", "Kelurahan"]  # a masked copy shows the year
        assert rows[2].cells[0].text == f"Kecamatan {kec} \u2014 Kelurahan {kel}"
        data = rows[3:3 + n]
        for r in data:
            cells = [c.text for c in r.cells]
            numbers.append(int(cells[0]))
            assert MASKED_RE.match(cells[1]), cells[1]
            assert cells[6] == kel
        assert rows[3 + n].cells[0].text == f"Jumlah Kelurahan {kel}: {n} orang"
    last = tables[-1].rows
    assert last[-2].cells[0].text == "Jumlah Kecamatan Balikpapan Kota: 58 orang"
    assert last[-1].cells[0].text == f"JUMLAH SELURUHNYA: {N} orang"
    assert numbers == list(range(1, N + 1))  # "No" runs over the whole annex
    # the kecamatan subtotal follows the last kelurahan of its kecamatan
    teritip = tables[2].rows
    assert teritip[-1].cells[0].text == "Jumlah Kecamatan Balikpapan Timur: 64 orang"


def test_docx_text_intact_and_cleaned(public_docx):
    path, _ = public_docx
    names = [r.cells[2].text for t in Document(path).tables for r in t.rows[3:]]
    assert SPECIAL in names
    assert QUOTED in names
    assert "Siti Aisyah" in names  # vertical tab -> space, control character dropped
    ttl = [r.cells[3].text for t in Document(path).tables for r in t.rows[3:]]
    assert "Balikpapan, 1971" in ttl and not any("Februari" in x for x in ttl)  # the public copy: the year
    # every part is well-formed XML
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.endswith(".xml") or n.endswith(".rels"):
                etree.fromstring(z.read(n))


def test_docx_header_block_signature_footer(public_docx):
    path, _ = public_docx
    doc = Document(path)
    paras = [p.text for p in doc.paragraphs]
    assert paras[0] == "LAMPIRAN"
    assert "NOMOR\t:\t100.3.3.2/12/2026" in paras
    assert paras[-1] == "RAHMAD MAS'UD"
    sec = doc.sections[0]
    assert sec.page_width > sec.page_height  # landscape F4
    assert round(sec.page_width.mm) == 330 and round(sec.page_height.mm) == 215
    footer = sec.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Halaman" in footer
    assert 'w:val="Bookman Old Style"' not in footer  # the font is set once, in the styles
    assert "Bookman Old Style" in docx_xml(path)
    assert 'string="SALINAN"' in docx_xml(path)  # the watermark


def test_docx_public_copy_has_no_full_nik(public_docx):
    xml = docx_xml(public_docx[0])
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", xml)
    assert not any(n in xml for n in ALL_NIK)
    assert ALL_NIK[0][:4] + "*" * 12 in xml


def test_docx_internal_copy_has_full_nik(out):
    p = out / "internal.docx"
    write_annex_docx(p, header(mask=False), GROUPS)
    niks = [r.cells[1].text for t in Document(p).tables for r in t.rows[3:] if r.cells[1].text.isdigit()]
    assert niks == ALL_NIK
    ttl = [r.cells[3].text for t in Document(p).tables for r in t.rows[3:]]
    assert "Balikpapan, 2 Februari 1971" in ttl


def test_docx_byte_identical(out):
    a, b = out / "a.docx", out / "b.docx"
    write_annex_docx(a, header(), GROUPS)
    write_annex_docx(b, header(), make_groups())
    assert a.read_bytes() == b.read_bytes()


def test_docx_a4(out):
    p = out / "a4.docx"
    write_annex_docx(p, header(paper="A4"), GROUPS)
    sec = Document(p).sections[0]
    assert round(sec.page_width.mm) == 297 and round(sec.page_height.mm) == 210


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_docx_opens_in_libreoffice(public_docx, tmp_path):
    path, _ = public_docx
    profile = tmp_path / "profile"
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "publik.pdf"
    assert pdf.exists(), proc.stderr
    text = "\n".join(pdf_text(pdf))
    assert f"JUMLAH SELURUHNYA: {N} orang" in text
    assert "Halaman 1 dari" in text
    assert SPECIAL in text


# --- PDF ------------------------------------------------------------------------------------------

def test_pdf_pages_numbers_and_total(public_pdf):
    path, res = public_pdf
    pages = pdf_text(path)
    n = len(pages)
    assert res.pages == n
    assert "Halaman 1 dari %d" % n in pages[0]
    assert "Halaman %d dari %d" % (n, n) in pages[-1]
    assert all(f"Halaman {i} dari {n}" in t for i, t in enumerate(pages, 1))
    assert "LAMPIRAN" in pages[0] and "100.3.3.2/12/2026" in pages[0]
    text = "\n".join(pages)
    assert f"JUMLAH SELURUHNYA: {N} orang" in text
    assert "Jumlah Kelurahan Gunung Samarinda Baru: 17 orang" in text
    assert "Jumlah Kecamatan Balikpapan Utara: 78 orang" in text
    assert "RAHMAD MAS'UD" in pages[-1]
    # the table header is on every page
    assert all("Tempat/Tahun Lahir" in t for t in pages)
    # the watermark is drawn as outlines: it does not get into the text
    assert "SALINAN" not in text


def test_pdf_text_and_masked_nik(public_pdf):
    text = "\n".join(pdf_text(public_pdf[0]))
    assert SPECIAL in text
    assert "Siti Aisyah" in text
    assert "Peserta 00200" in text
    assert ALL_NIK[0][:4] + "*" * 12 in text
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", text)
    assert not any(n in text for n in ALL_NIK)


def test_pdf_internal_copy_has_full_nik(out, font_cache):
    p = out / "internal.pdf"
    write_annex_pdf(p, header(mask=False), GROUPS, cache_dir=font_cache)
    text = "\n".join(pdf_text(p))
    assert all(n in text for n in ALL_NIK)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf tidak terpasang")
def test_pdf_passes_qpdf_check(public_pdf):
    proc = subprocess.run(["qpdf", "--check", str(public_pdf[0])], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pdf_fonts_embedded(public_pdf):
    r = PdfReader(public_pdf[0])
    fonts = r.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        f = ref.get_object()
        assert f["/Subtype"] == "/TrueType"
        assert "/FontFile2" in f["/FontDescriptor"]


def test_pdf_byte_identical(out, font_cache):
    a, b = out / "a.pdf", out / "b.pdf"
    write_annex_pdf(a, header(watermark="SALINAN"), GROUPS, cache_dir=font_cache)
    write_annex_pdf(b, header(watermark="SALINAN"), make_groups(), cache_dir=font_cache)
    assert a.read_bytes() == b.read_bytes()


# --- both faces, larger -----------------------------------------------------------------------------

def test_five_thousand_rows_both_faces(out, font_cache):
    groups = make_groups(scale=25)  # 200 x 25 = 5,000 rows
    n = sum(len(g.rows) for g in groups)
    assert n == 5000
    d = write_annex_docx(out / "5000.docx", header(), groups)
    p = write_annex_pdf(out / "5000.pdf", header(), groups, cache_dir=font_cache)
    assert d.rows == p.rows == n
    assert d.per_kelurahan == p.per_kelurahan
    reader = PdfReader(out / "5000.pdf")
    assert len(reader.pages) == p.pages
    assert "JUMLAH SELURUHNYA: 5.000 orang" in reader.pages[-1].extract_text()
    assert "JUMLAH SELURUHNYA: 5.000 orang" in docx_xml(out / "5000.docx")


# --- refusals ---------------------------------------------------------------------------------------

def _row(kel: str, i: int = 1) -> AnnexRow:
    return AnnexRow(nik(i, False), "A", "Balikpapan", dt.date(1980, 1, 1), "L", "Nelayan", kel)


@pytest.mark.parametrize("groups, message", [
    ([], "tidak berisi peserta"),
    ([AnnexGroup("Balikpapan Timur", "Manggar", [])], "tidak berisi peserta"),
    ([AnnexGroup("Balikpapan Timur", "Manggar", [_row("Manggar")]),
      AnnexGroup("Balikpapan Kota", "Damai", [_row("Damai")]),
      AnnexGroup("Balikpapan Timur", "Lamaru", [_row("Lamaru")])], "tidak berurutan"),
    ([AnnexGroup("Balikpapan Timur", "Manggar", [_row("Manggar")]),
      AnnexGroup("Balikpapan Timur", "Manggar", [_row("Manggar")])], "lebih dari sekali"),
    ([AnnexGroup("Balikpapan Timur", "Manggar", [_row("Lamaru")])], "Kelurahan Lamaru"),
])
def test_refuses_bad_groups(out, font_cache, groups, message):
    with pytest.raises(ValueError, match=message):
        write_annex_docx(out / "bad.docx", header(), groups)
    with pytest.raises(ValueError, match=message):
        write_annex_pdf(out / "bad.pdf", header(), groups, cache_dir=font_cache)
    assert not (out / "bad.docx").exists() and not (out / "bad.pdf").exists()  # nothing half-written
    assert not list(out.glob(".bad.*"))


def test_clean():
    assert clean(SPECIAL) == SPECIAL
    assert clean(" Siti\x0bAisyah\x01 \t\r\n") == "Siti Aisyah"
    assert clean("a\x00b\ufffe\udcffc") == "abc"
    assert clean(None) == ""
    assert clean(6471) == "6471"
