"""The Perwali revision paperwork as Bagian Hukum reviews it: the Rancangan (DOCX and PDF) carries
every instruction sentence exactly, Pasal I then Pasal II, the formal title, and the same text in
both faces; the PDF is watermarked RANCANGAN; the matriks holds exactly the rows of
`matrix_rows()`; the naskah terpadu carries its annotations; the tracked-changes DOCX accepts to the
consolidated text; the files pass qpdf, open in LibreOffice, and come out byte-identical twice."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from rentan.documents import perwali as pw
from rentan.documents.samples import check_all
from rentan.legal import (ProvisionNotFound, act_blocks, apply, build_draft, matrix_rows, naskah_terpadu)
from rentan.legal.blocks import Block
from rentan.render.tracked_changes import accepted_text, rejected_text, revision_count

from ..legal.helpers import make_act, make_amendment

TANGGAL = dt.date(2025, 11, 3)
TERPADU = dt.date(2026, 1, 1)
SEBUTAN = ("Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang Penyelenggaraan Program Jaminan Sosial "
           "Ketenagakerjaan bagi Pekerja Rentan (Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4)")
OPENING = f"Beberapa ketentuan dalam {SEBUTAN} diubah sebagai berikut:"
INSTRUCTIONS = [
    "Ketentuan Pasal 1 angka 5 dan angka 6 diubah, di antara angka 11 dan angka 12 disisipkan 2 (dua) angka, "
    "yakni angka 11a dan angka 11b, sehingga Pasal 1 berbunyi sebagai berikut:",
    "Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A sehingga berbunyi sebagai berikut:",
    "Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:",
    "Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah, sehingga Pasal 8 berbunyi sebagai berikut:",
    "Di antara BAB IV dan BAB V disisipkan 1 (satu) bab, yakni BAB IVA sehingga berbunyi sebagai berikut:",
    "Di antara ayat (1) dan ayat (2) Pasal 10 disisipkan 2 (dua) ayat, yakni ayat (1a) dan ayat (1b) sehingga "
    "Pasal 10 berbunyi sebagai berikut:",
    "Pasal 16 dihapus.",
]
JUDUL = "RANCANGAN PERATURAN WALI KOTA BALIKPAPAN NOMOR … TAHUN 2025"
TENTANG = ("TENTANG PERUBAHAN ATAS PERATURAN WALI KOTA BALIKPAPAN NOMOR 3 TAHUN 2025 TENTANG PENYELENGGARAAN "
           "PROGRAM JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN")
NOTE = "Peraturan Wali Kota Nomor … Tahun 2025]"


# --- reading the faces back ---------------------------------------------------------------------


def paragraphs(path: Path) -> list[str]:
    """The body paragraphs of a DOCX as Block.text reads them (a tab between label and text is a
    space), empty paragraphs left out."""
    return [p.text.replace("\t", " ") for p in docx.Document(str(path)).paragraphs if p.text.strip()]


_RUNNING = re.compile(r"^(- \d+ -|Halaman \d+ dari \d+)$")


def pdf_text(path: Path, watermark: str | None = None) -> str:
    """The text of every page without its running header/footer and the watermark (drawn under
    the text, so pypdf reads it as the first line of each page), with all whitespace removed (line breaks and justification differ
    between faces; the words and their order do not)."""
    out = []
    for page in PdfReader(str(path)).pages:
        lines = [ln.strip() for ln in page.extract_text().splitlines() if ln.strip()]
        if watermark and lines and lines[0] == watermark:
            lines.pop(0)
        out += [ln for ln in lines if not _RUNNING.match(ln)]
    return squash("".join(out))


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in `haystack` (whitespace removed), each after the previous one."""
    pos = 0
    for n in needles:
        k = haystack.find(squash(n), pos)
        assert k >= 0, f"tidak ditemukan (atau tidak berurutan) di PDF: {n[:90]!r}"
        pos = k + len(squash(n))


# --- the published set --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """The Perwali package from the drafts as shipped (the amendment still a draft, no demo overlay)."""
    from tests.conftest import TODAY
    monkeypatch.setenv("RENTAN_HARI_INI", TODAY)
    monkeypatch.delenv("RENTAN_TAMBAHAN", raising=False)


@pytest.fixture(scope="module", autouse=True)
def module_home(tmp_path_factory):
    """The module-scoped package is issued into its own registry, never the project's .rentan/
    (a record left there made a later run return an older summary)."""
    h = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("RENTAN_HOME", str(h))
    mp.setenv("RENTAN_DATABASE_URL", f"sqlite:///{h / 'registry.sqlite3'}")
    yield h
    mp.undo()


@pytest.fixture(scope="module")
def src():
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("RENTAN_TAMBAHAN", raising=False)
        return pw.load(tanggal=TANGGAL)


@pytest.fixture(scope="module")
def published(src, tmp_path_factory):
    return pw.issue(src, root=tmp_path_factory.mktemp("outputs"))


@pytest.fixture(scope="module")
def draft(src):
    return build_draft(src.base, src.amendment)


def test_one_folder_with_every_document_and_a_manifest(published, src):
    assert published.folder.parent == published.folder.parents[2] / "2025" / "perwali"
    assert published.folder.name.startswith("perubahan-perwali-3-2025-2025-11-03-")
    names = set(published.manifest["berkas"])
    assert names == {"rancangan.docx", "rancangan.pdf", "matriks-perubahan.docx", "matriks-perubahan.pdf",
                     "naskah-terpadu.docx", "naskah-terpadu.pdf", "naskah-terpadu-perubahan-terlacak.docx"}
    assert {p.name for p in published.folder.iterdir()} == names | {"manifest.json"}
    s = published.manifest["ringkasan"]
    # issue 13.6: one count of changes — the 10 operations of the draft make 7 numbered changes of
    # Pasal I; the matriks has a row for each and one for Pasal II
    assert (s["operasi"], s["perubahan"], s["instruksi"], s["baris_matriks"], s["catatan_naskah_terpadu"]) == (
        10, 7, 7, 8, 12)
    assert s["tentang"] == ("Perubahan atas Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang "
                            "Penyelenggaraan Program Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan")
    assert s["peringatan"] == [] and s["ilustratif"] is True
    assert (s["tanggal"], s["naskah_terpadu_keadaan"], s["mulai_berlaku"]) == ("2025-11-03", "2026-01-01", "2026-01-01")
    assert {"perwali/naskah.docx", "perwali/naskah.html", "perwali/matriks.docx", "print.css"} <= set(
        published.manifest["templat"])


def test_rancangan_docx_is_exactly_the_draft_text(published, draft, src):
    assert paragraphs(published.file("rancangan.docx")) == [b.text for b in draft.blocks] + [
        "Paraf Koordinasi", pw.catatan_ilustratif(src.base, src.amendment)]


def test_rancangan_docx_ends_with_the_paraf_koordinasi_table(published):
    """Issue 13.1: a regulation's draft carries a paraf koordinasi table; the head of the office
    proposing it is the one in office on the draft's date (3 November 2025: Disnaker)."""
    d = docx.Document(str(published.file("rancangan.docx")))
    (table,) = d.tables
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Jabatan", "Paraf", "Tanggal"], ["Sekretaris Daerah", "", ""],
        ["Asisten Pemerintahan dan Kesejahteraan Rakyat", "", ""], ["Kepala Bagian Hukum", "", ""],
        ["Kepala Dinas Ketenagakerjaan Kota Balikpapan", "", ""]]
    header = [p.text for p in d.sections[0].header.paragraphs]
    assert header[0] == "RANCANGAN" and header[1] == "- 1 -"    # RANCANGAN above the page number


def test_rancangan_pdf_has_the_same_blocks_in_the_same_order(published, draft):
    in_order(pdf_text(published.file("rancangan.pdf"), "RANCANGAN"), [b.text for b in draft.blocks])


def test_every_instruction_is_phrased_exactly_in_both_faces(published, draft):
    numbered = [f"{k}. {s}" for k, s in enumerate(INSTRUCTIONS, start=1)]
    assert [b.text for b in draft.blocks if b.kind == "instruksi"] == numbered   # no other instruction
    paras = paragraphs(published.file("rancangan.docx"))
    at = [paras.index(t) for t in [OPENING, *numbered]]
    assert at == sorted(at)
    in_order(pdf_text(published.file("rancangan.pdf"), "RANCANGAN"), [OPENING, *numbered])


def test_title_and_articles_in_order(published):
    for face, text in (("docx", squash(" ".join(paragraphs(published.file("rancangan.docx"))))),
                       ("pdf", pdf_text(published.file("rancangan.pdf"), "RANCANGAN"))):
        in_order(text, ["WALI KOTA BALIKPAPAN", "PROVINSI KALIMANTAN TIMUR", JUDUL, TENTANG,
                        "DENGAN RAHMAT TUHAN YANG MAHA ESA", "WALI KOTA BALIKPAPAN,", "Menimbang : a. bahwa",
                        "Mengingat : 1. Pasal 18 ayat (6)", "MEMUTUSKAN:", f"Menetapkan : PERATURAN WALI KOTA {TENTANG}.",
                        "Pasal I", OPENING, "Pasal II", "Peraturan Wali Kota ini mulai berlaku pada tanggal 1 Januari 2026.",
                        "Ditetapkan di Balikpapan", "WALI KOTA BALIKPAPAN,", "Diundangkan di Balikpapan",
                        "SEKRETARIS DAERAH KOTA BALIKPAPAN,", "BERITA DAERAH KOTA BALIKPAPAN TAHUN 2025 NOMOR …"])
    paras = paragraphs(published.file("rancangan.docx"))
    assert paras.count("Pasal I") == paras.count("Pasal II") == 1
    assert paras.index("Pasal I") < paras.index(OPENING) < paras.index("Pasal II")


def test_rancangan_docx_uses_the_legal_styles_bookman_f4(published):
    d = docx.Document(str(published.file("rancangan.docx")))
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (215, 330)
    normal = d.styles["Normal"]
    assert normal.font.name == "Bookman Old Style" and normal.font.size.pt == 12
    style = {p.text.replace("\t", " "): p.style.name for p in d.paragraphs}
    assert style["Pasal I"] == "Perwali Pasal 0" and style["Pasal 5A"] == "Perwali Pasal 1"  # quoted: indented
    assert style["RANCANGAN"] == "Perwali Judul Awal" and style["TENTANG"] == "Perwali Tentang"
    assert style["1. " + INSTRUCTIONS[0]] == "Perwali Instruksi"   # kept with the text it introduces
    assert d.styles["Perwali Instruksi"].paragraph_format.keep_with_next is True
    assert d.styles["Perwali Instruksi"].paragraph_format.first_line_indent < 0  # hanging label
    assert style["(1) Pada saat Peraturan Wali Kota ini mulai berlaku:"] == "Perwali Rincian 0"
    assert style["(1) Dinas melakukan pemadanan data calon Peserta dan Peserta dengan DTSEN."] == "Perwali Rincian 1"
    assert style["b. memutakhirkan data Peserta; dan"] == "Perwali Rincian 2"   # quoted, under an ayat
    assert style["Ditetapkan di Balikpapan"] == "Perwali Ditetapkan Awal"
    assert d.styles["Perwali Pasal 0"].font.bold is True
    assert d.styles["Perwali Pasal 0"].paragraph_format.alignment == 1  # centred
    assert d.styles["Perwali Rincian 0"].paragraph_format.first_line_indent < 0  # hanging label


def test_the_watermark_is_on_every_page_of_the_draft(published):
    for name, marked in (("rancangan.pdf", True), ("naskah-terpadu.pdf", True), ("matriks-perubahan.pdf", False)):
        pages = PdfReader(str(published.file(name))).pages
        stamped = [b"(RANCANGAN) Tj" in p.get_contents().get_data() for p in pages]
        assert stamped == [marked] * len(pages), name
        assert (round(float(pages[0].mediabox.width) / 72 * 25.4), round(float(pages[0].mediabox.height) / 72 * 25.4)) \
            == ((330, 215) if name.startswith("matriks") else (215, 330))


def test_matriks_docx_rows_are_the_matrix_rows(published, src):
    rows = matrix_rows(src.base, src.amendment)
    table = docx.Document(str(published.file("matriks-perubahan.docx"))).tables[0]
    cells = [[c.text.replace("\t", " ") for c in r.cells] for r in table.rows]
    assert cells[0] == ["No", "Ketentuan Semula", "Ketentuan Perubahan", "Keterangan/Alasan"]
    assert cells[1:] == [[r.no, r.semula_text, r.perubahan_text, r.keterangan_text] for r in rows]
    # the 7 changes the Rancangan numbers, then Pasal II
    assert [c[0] for c in cells[1:]] == ["1", "2", "3", "4", "5", "6", "7", "II"]
    assert cells[7][1:3] == [rows[6].semula_text, "Pasal 16\nDihapus."]
    assert cells[-1][1] == "-" and cells[-1][2].startswith("Pasal II\n(1) Pada saat Peraturan Wali Kota ini mulai berlaku:")
    assert cells[-1][3] == src.amendment.alasan_pasal_ii


PT_PER_MM = 72 / 25.4


def matriks_columns(path: Path) -> list[str]:
    """The text of each column of the matriks table over all pages (whitespace removed), read word
    by word from where each word stands (pdftotext -bbox): a row that runs over a page puts the rest
    of every cell on the next page, so the reading order of the face interleaves the cells. Only the
    table: from each page's heading row to the closing note or the bottom margin (the page number). The edges come from the layout
    (print.css and matriks.html: left margin 25 mm, No 12 mm, Keterangan/Alasan 78 mm at the right
    margin of 20 mm; the two text columns share the rest)."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    cols: list[list[tuple]] = [[], [], [], []]
    for k, page in enumerate(re.findall(r'<page width="[\d.]+".*?</page>', html, re.S)):
        width, height = map(float, re.search(r'<page width="([\d.]+)" height="([\d.]+)"', page).groups())
        left, right = 25 * PT_PER_MM, width - 20 * PT_PER_MM
        no_end, alasan_start = left + 12 * PT_PER_MM, right - 78 * PT_PER_MM
        edges = [no_end, (no_end + alasan_start) / 2, alasan_start]
        words = [(float(y), float(x), w) for x, y, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', page)]
        top = min((y for y, x, w in words if w == "Keterangan/Alasan"), default=None)
        end = min((y for y, x, w in words if w == "Catatan:"), default=height - 18 * PT_PER_MM)  # not the footer
        for y, x, w in words:
            if top is not None and top < y < end:
                cols[sum(x >= e for e in edges)].append((k, round(y), x, w))
    return [squash("".join(w for *_, w in sorted(c))).replace("&quot;", '"') for c in cols]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) tidak terpasang")
def test_matriks_pdf_has_every_cell_in_order(published, src):
    text = pdf_text(published.file("matriks-perubahan.pdf"))
    in_order(text, ["No", "Ketentuan Semula", "Ketentuan Perubahan", "Keterangan/Alasan"])
    rows = matrix_rows(src.base, src.amendment)
    no, semula, perubahan, keterangan = matriks_columns(published.file("matriks-perubahan.pdf"))
    assert no == squash("".join(r.no for r in rows))
    in_order(semula, [r.semula_text for r in rows])
    in_order(perubahan, [r.perubahan_text for r in rows])
    in_order(keterangan, [k for r in rows for k in r.keterangan])
    # nothing but the cells in the text columns
    assert len(semula) == len(squash("".join(r.semula_text for r in rows)))
    assert len(perubahan) == len(squash("".join(r.perubahan_text for r in rows)))


def test_naskah_terpadu_carries_the_annotations_in_both_faces(published, src):
    nt = naskah_terpadu(src.base, [src.amendment], TERPADU)
    paras = paragraphs(published.file("naskah-terpadu.docx"))
    assert paras[:-1] == [b.text for b in nt.blocks]
    assert paras[6].startswith("Naskah terpadu keadaan tanggal 1 Januari 2026: Peraturan Wali Kota Balikpapan "
                               "Nomor 3 Tahun 2025 sebagaimana telah diubah dengan Peraturan Wali Kota Nomor … Tahun 2025.")
    after = {paras[k]: paras[k + 1] for k in range(len(paras) - 1)}
    assert after["5. Dinas adalah Dinas Sosial Kota Balikpapan."] == f"[diubah dengan {NOTE}"
    assert after["11b. " + src.amendment.operations[2].new[1].text] == f"[disisipkan dengan {NOTE}"
    i16 = paras.index("Pasal 16")
    assert paras[i16 + 1:i16 + 3] == ["Dihapus.", f"[dihapus dengan {NOTE}"]
    assert sum(p.startswith("[") and p.endswith(NOTE) for p in paras) == 12
    in_order(pdf_text(published.file("naskah-terpadu.pdf"), "RANCANGAN"), [b.text for b in nt.blocks])


def test_tracked_changes_accept_to_the_consolidated_act_and_reject_to_the_original(published, src):
    tracked = published.file("naskah-terpadu-perubahan-terlacak.docx")
    assert accepted_text(tracked) == [b.text for b in act_blocks(apply(src.base, src.amendment, annotate=False))]
    assert rejected_text(tracked) == [b.text for b in act_blocks(src.base)]
    counts = published.manifest["ringkasan"]["perubahan_terlacak"]
    assert counts == revision_count(tracked) and counts["ins"] > 0 and counts["del"] > 0


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf tidak terpasang")
def test_qpdf_finds_no_fault(published):
    for name in ("rancangan.pdf", "matriks-perubahan.pdf", "naskah-terpadu.pdf"):
        r = subprocess.run(["qpdf", "--check", str(published.file(name))], capture_output=True, text=True)
        assert r.returncode == 0, (name, r.stdout, r.stderr)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_libreoffice_opens_the_docx_files(published, tmp_path):
    names = ["rancangan.docx", "matriks-perubahan.docx", "naskah-terpadu.docx"]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *[str(published.file(n)) for n in names]],
                   check=True, capture_output=True, timeout=120)
    for n in names:
        pdf = tmp_path / n.replace(".docx", ".pdf")
        assert pdf.exists() and len(PdfReader(str(pdf)).pages) >= 3, n
    in_order(pdf_text(tmp_path / "rancangan.pdf"), [JUDUL, TENTANG, "Pasal I", OPENING, *INSTRUCTIONS, "Pasal II"])
    in_order(pdf_text(tmp_path / "matriks-perubahan.pdf"), ["Ketentuan Semula", "Ketentuan Perubahan",
                                                            "Keterangan/Alasan", "Dinas adalah Dinas Sosial"])


def test_same_inputs_give_byte_identical_files_and_a_rerun_reuses_the_folder(published, src, tmp_path):
    again = pw.issue(src, root=tmp_path)
    assert again.folder.name == published.folder.name and not again.reused
    for name in published.manifest["berkas"]:
        assert again.file(name).read_bytes() == published.file(name).read_bytes(), name
    rerun = pw.issue(src, root=tmp_path)
    assert rerun.reused and rerun.folder == again.folder


def test_an_edited_draft_gets_a_new_folder(src, published, tmp_path):
    other = pw.sumber(src.base, src.amendment, files=src.files, tanggal=dt.date(2025, 11, 4))
    assert pw.issue(other, root=tmp_path).folder.name.startswith("perubahan-perwali-3-2025-2025-11-04-")


# --- other shapes of amendment ------------------------------------------------------------------


def test_a_single_change_opens_pasal_i_with_the_citation_and_no_number(tmp_path):
    act = make_act()
    am = make_amendment({"jenis": "ubah_pasal", "pasal": 5, "isi": {"ayat": ["Ayat baru satu.", "Ayat baru dua."]}},
                        tanggal=TANGGAL, mulai_berlaku=TERPADU)
    pub = pw.issue(pw.sumber(act, am), root=tmp_path)
    paras = paragraphs(pub.file("rancangan.docx"))
    single = ("Ketentuan Pasal 5 dalam Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang Uji Coba (Berita "
              "Daerah Kota Balikpapan Tahun 2025 Nomor 4) diubah sehingga berbunyi sebagai berikut:")
    i = paras.index("Pasal I")
    assert paras[i + 1:i + 5] == [single, "Pasal 5", "(1) Ayat baru satu.", "(2) Ayat baru dua."]
    assert not any(p.startswith("Beberapa ketentuan") for p in paras)
    in_order(pdf_text(pub.file("rancangan.pdf"), "RANCANGAN"), ["Pasal I", single, "Pasal 5", "Pasal II"])
    style = {p.text.replace("\t", " "): p.style.name for p in docx.Document(str(pub.file("rancangan.docx"))).paragraphs}
    assert style[single] == "Perwali Teks 0" and style["Pasal 5"] == "Perwali Pasal 0"  # not indented: no number


def test_changing_more_than_half_of_the_articles_warns_in_the_summary(tmp_path):
    ops = [{"jenis": "ubah_pasal", "pasal": n, "isi": {"teks": f"Ketentuan baru Pasal {n}."}} for n in range(2, 13)]
    pub = pw.issue(pw.sumber(make_act(), make_amendment(*ops, tanggal=TANGGAL, mulai_berlaku=TERPADU)), root=tmp_path)
    (warning,) = pub.manifest["ringkasan"]["peringatan"]
    assert "11 pasal" in warning and "20 pasal" in warning and "lebih dari 50%" in warning
    assert "dicabut" in warning
    assert f"PERINGATAN: {warning}" in pw.summary_lines(pub)


def test_a_naskah_terpadu_before_entry_into_force_says_so(tmp_path):
    act = make_act()
    am = make_amendment({"jenis": "hapus_pasal", "pasal": 16}, tanggal=TANGGAL, mulai_berlaku=TERPADU)
    pub = pw.issue(pw.sumber(act, am, per_tanggal=dt.date(2025, 12, 31)), root=tmp_path)
    assert pub.manifest["ringkasan"]["peringatan"] == [
        "Naskah terpadu keadaan tanggal 31 Desember 2025 belum memuat perubahan ini (mulai berlaku 1 Januari 2026)."]
    paras = paragraphs(pub.file("naskah-terpadu.docx"))
    assert "Dihapus." not in paras and not any(p.startswith("[") for p in paras)
    stamped = [b"(RANCANGAN) Tj" in p.get_contents().get_data() for p in PdfReader(str(pub.file("naskah-terpadu.pdf"))).pages]
    assert not any(stamped)   # the text as it stands in force is not a draft


def test_an_operation_that_cannot_apply_names_itself_and_publishes_nothing(tmp_path):
    am = make_amendment({"jenis": "ubah_ayat", "pasal": 5, "ayat": 9, "teks": "Baru."}, tanggal=TANGGAL)
    with pytest.raises(ProvisionNotFound, match=r"Operasi ke-1 \(ubah ayat \(9\) Pasal 5\)"):
        pw.issue(pw.sumber(make_act(), am), root=tmp_path)
    assert not any(tmp_path.rglob("*.docx")) and not any(tmp_path.rglob("*.pdf"))


# --- layout model -------------------------------------------------------------------------------


def test_depths_follow_the_layout_of_a_rancangan():
    blocks = [
        Block("pasal", "Pasal I"),
        Block("instruksi", "Ketentuan Pasal 6 diubah sehingga berbunyi sebagai berikut:", label="1."),
        Block("pasal", "Pasal 6", quoted=True),
        Block("ayat", "Pendataan dilakukan melalui:", label="(2)", quoted=True),
        Block("butir", "pendaftaran;", label="a.", level=1, quoted=True),
        Block("instruksi", "Pasal 16 dihapus.", label="2."),
        Block("pasal", "Pasal II"),
        Block("paragraf", "Dalam Peraturan Wali Kota ini yang dimaksud dengan:"),
        Block("butir", "Daerah adalah Kota Balikpapan.", label="1.", level=1),
        Block("catatan", "[diubah dengan …]", level=1),
        Block("ayat", "Kepesertaan berakhir apabila:", label="(1)"),
        Block("butir", "meninggal dunia;", label="a.", level=1),
        Block("butir", "sub;", label="1.", level=2),
        Block("catatan", "[diubah dengan …]"),
    ]
    assert pw.depths(blocks) == [0, 0, 1, 1, 2, 0, 0, 0, 0, 1, 0, 1, 2, 0]


def test_templates_check_passes_for_the_perwali_templates():
    issues = dict(check_all())
    assert issues["perwali/naskah"] == [] and issues["perwali/matriks"] == []
