"""The naskah penjelasan's DOCX, laid out by LibreOffice, pages as its PDF face does (issue 13.7):
the same number of pages, the chart on the page the PDF puts it, the signature block whole and on
the page of the closing "Demikian …", no heading alone at a page foot, "Halaman k dari N" on every
page after the cover, and one KONSEP mark per page of a konsep (the cover's boxed banner, the header
on the pages after it) and none on a final."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from rentan.documents import naskah

from .enrolled import enrolled_registry
from .test_naskah import SK, _env

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")

NOV = dt.date(2025, 11, 3)   # before the amendment's promulgation (10 Dec 2025, demo settings): a final is allowed
KONSEP = "KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR"
HEADINGS = ("I. Dasar", "II. Data", "III. Analisa dan Kesimpulan")
JABATAN = "Kepala Dinas Ketenagakerjaan Kota"
NAMA = "Ani Mufaidah"


def pages(pdf: Path) -> list[list[str]]:
    """Each page's text lines, spaces squashed (justified lines), empty lines left out."""
    return [[" ".join(ln.split()) for ln in (p.extract_text() or "").splitlines() if ln.strip()]
            for p in PdfReader(str(pdf)).pages]


def page_of(pp: list[list[str]], text: str) -> list[int]:
    """The (1-based) pages whose text holds `text` (lines joined, so a phrase may wrap)."""
    return [k for k, lines in enumerate(pp, 1) if text in " ".join(lines)]


@pytest.fixture(scope="module")
def faces(tmp_path_factory) -> dict[str, tuple[list[list[str]], list[list[str]]]]:
    """A konsep and a final of one registry's naskah, each as (DOCX through LibreOffice, PDF face)."""
    folder = tmp_path_factory.mktemp("naskah-tata-letak")
    mp = pytest.MonkeyPatch()
    _env(mp, folder)
    try:
        enrolled_registry(folder, 30, sk=SK)
        issued = {"konsep": naskah.issue(2026, tanggal=NOV), "final": naskah.issue(2026, tanggal=NOV, final=True)}
    finally:
        mp.undo()
    assert issued["konsep"].manifest["ringkasan"]["konsep"] is True
    assert not issued["final"].manifest["ringkasan"].get("konsep")
    word = folder / "word"
    word.mkdir()
    for name, pub in issued.items():
        shutil.copy(pub.file(naskah.FILES[0]), word / f"{name}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(word), str(word / "konsep.docx"), str(word / "final.docx")],
                   check=True, capture_output=True, timeout=120)
    return {name: (pages(word / f"{name}.pdf"), pages(pub.file(naskah.FILES[1]))) for name, pub in issued.items()}


@pytest.mark.parametrize("kind", ["konsep", "final"])
def test_docx_has_the_pdf_faces_pages_and_the_chart_on_the_same_page(faces, kind):
    word, pdf = faces[kind]
    assert len(pdf) == 5, len(pdf)
    assert len(word) == len(pdf), (len(word), len(pdf))
    chart = page_of(pdf, "Gambar 1.")
    assert len(chart) == 1 and page_of(word, "Gambar 1.") == chart
    for heading in HEADINGS:  # each part begins on the page the PDF begins it
        assert page_of(word, heading)[:1] == page_of(pdf, heading)[:1], heading


@pytest.mark.parametrize("kind", ["konsep", "final"])
def test_signature_block_whole_on_the_page_of_the_closing_sentence(faces, kind):
    for face in faces[kind]:
        last = len(face)
        assert page_of(face, "Demikian telaah/analisa ini dibuat") == [last]
        assert page_of(face, "Balikpapan, 3 November 2025") == [last]
        assert page_of(face, JABATAN) == [last]
        assert page_of(face, NAMA) == [last]
        assert page_of(face, "NIP. 197001012000032001") == [last]
        # and in order, the name under its jabatan
        body = " ".join(face[-1])
        assert body.index("Demikian") < body.index(JABATAN) < body.index(NAMA) < body.index("NIP.")


@pytest.mark.parametrize("kind", ["konsep", "final"])
def test_no_heading_alone_at_a_page_foot(faces, kind):
    word, _ = faces[kind]
    for k, lines in enumerate(word, 1):
        body = [ln for ln in lines if not re.fullmatch(r"Halaman \d+ dari \d+", ln) and ln != KONSEP]
        assert body and body[-1] not in HEADINGS, f"halaman {k} berakhir dengan judul {body[-1]!r}"


@pytest.mark.parametrize("kind", ["konsep", "final"])
def test_every_page_after_the_cover_is_numbered(faces, kind):
    word, pdf = faces[kind]
    n = len(word)
    for face in (word, pdf):
        assert not any(re.search(r"Halaman \d+ dari", ln) for ln in face[0])  # the cover, as the PDF's
        for k in range(2, n + 1):
            assert f"Halaman {k} dari {n}" in face[k - 1], f"halaman {k}: {face[k - 1][-2:]}"


def test_one_konsep_mark_per_page_of_a_konsep_none_on_a_final(faces):
    word, _ = faces["konsep"]
    for k, lines in enumerate(word, 1):
        assert sum(ln.count(KONSEP) for ln in lines) == 1, f"halaman {k}"
    word, pdf = faces["final"]
    for face in (word, pdf):
        assert not any("KONSEP" in ln for lines in face for ln in lines)
