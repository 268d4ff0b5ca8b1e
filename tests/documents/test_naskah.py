"""The naskah penjelasan: every figure in the DOCX and the PDF equals its source (registry,
programme settings, staff-set BPJS figures, amendment set — recomputed here, not copied from the
output), the registry drives the text, the three parts in order, an unknown placeholder stops
everything before a file is written, the signatory follows the date, the chart in both faces,
LibreOffice opens the DOCX, and a second run gives the same bytes."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import OVERLAY, TODAY
import yaml
from pypdf import PdfReader
from sqlalchemy import func, select, update

from rentan.documents import naskah
from rentan.idfmt import angka_kata, ribuan, rupiah, rupiah_terbilang, tanggal
from rentan.documents.issuing import FinalDitolak
from rentan.legal import build_draft, load_act, load_amendment
from rentan.program import program
from rentan.registry.db import session
from rentan.registry.desk import reader
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import end_participant
from rentan.registry.models import Peserta

from ..registry.helpers import person, write_xlsx
from ..year import set_year, year_rows
from .enrolled import enrolled_registry

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
SK = "100.3.3.2/1/2026"
NOV = dt.date(2025, 11, 3)   # Disnaker still runs the programme
MAR = dt.date(2026, 3, 2)    # Dinas Sosial does


def _one_line(text: str) -> str:
    return " ".join(text.split())


def docx_text(path: Path) -> str:
    return _one_line("\n".join(p.text.replace("\t", " ") for p in docx.Document(str(path)).paragraphs))


def pdf_text(path: Path) -> str:
    """The pages' text as one line, without the running footers (a sentence can span a page break)."""
    pages = [re.sub(r"Halaman \d+ dari \d+", " ", p.extract_text()) for p in PdfReader(str(path)).pages]
    return _one_line(" ".join(pages))


def texts(pub) -> tuple[str, str]:
    return docx_text(pub.file(naskah.FILES[0])), pdf_text(pub.file(naskah.FILES[1]))


def persen(part: int, whole: int) -> str:
    """One decimal, half up, decimal comma — computed independently of the module."""
    tenths = (part * 1000 * 2 + whole) // (whole * 2)
    return f"{tenths // 10},{tenths % 10}"


def expected(tahun: int, on: dt.date) -> dict[str, str]:
    """Every figure the naskah must show, from its sources."""
    prog = program()
    rows = year_rows(tahun).values()
    enrolled = sum(1 for k in rows if k.status in ("ditetapkan", "aktif", "berakhir"))
    ended = sum(1 for k in rows if k.status == "berakhir" and k.tanggal_berakhir <= on)
    calon = len(rows)
    n = enrolled - ended
    tarif = prog.iuran(dt.date(tahun, 1, 1))
    need = n * tarif.total * 12
    pagu = prog.anggaran(tahun)
    bpjs = yaml.safe_load((DRAFTS / naskah.INPUTS).read_text())["cakupan_bpjs"]
    aktif = bpjs["mandiri"] + bpjs["apbd_provinsi"]
    facts = {
        "potensi": f"berjumlah {angka_kata(bpjs['potensi'])} orang",
        "mandiri": f"mandiri sebanyak {angka_kata(bpjs['mandiri'])} orang",
        "provinsi": f"Kalimantan Timur sebanyak {angka_kata(bpjs['apbd_provinsi'])} orang",
        "aktif": f"peserta aktif sebanyak {angka_kata(aktif)} orang atau {persen(aktif, bpjs['potensi'])}%",
        "gap": f"belum terlindungi sebanyak {angka_kata(bpjs['potensi'] - aktif)} orang",
        "iuran": f"sebesar {rupiah_terbilang(tarif.total)} per orang per bulan",
        "jkk": f"iuran JKK sebesar {rupiah(tarif.jkk)}", "jkm": f"iuran JKM sebesar {rupiah(tarif.jkm)}",
        "umk": f"Tahun {tahun}, yaitu {rupiah(prog.umk(tahun))}",
        "ditetapkan": f"Nomor {SK} berjumlah {angka_kata(enrolled)} orang dari {angka_kata(calon)} calon peserta",
        "rumus": f"yaitu {ribuan(n)} orang × {rupiah(tarif.total)} × 12 bulan = {rupiah_terbilang(need)}",
        "pagu": f"tahun {tahun} sebesar {rupiah_terbilang(pagu)}",
        "persen_pagu": f"setara dengan {persen(need, pagu)}% dari pagu",
        "sisa": f"masih tersisa {rupiah_terbilang(pagu - need)}",
        "kapasitas": f"paling banyak {angka_kata(pagu // (tarif.total * 12))} orang",
        "dengan_kota": f"menjadi {angka_kata(aktif + n)} orang atau {persen(aktif + n, bpjs['potensi'])}%",
        "sisa_gap": f"belum terlindungi menjadi {angka_kata(bpjs['potensi'] - aktif - n)} orang",
        "cakupan_naik": f"dari {persen(aktif, bpjs['potensi'])}% menjadi {persen(aktif + n, bpjs['potensi'])}%",
        "analisa_peserta": f"Pelindungan bagi {angka_kata(n)} orang pekerja rentan",
        "kebutuhan": f"Kebutuhan anggaran tahun {tahun} sebesar {rupiah_terbilang(need)} dapat dipenuhi",
        "tanggal": f"Balikpapan, {tanggal(on)}",
    }
    if ended:
        facts["berakhir"] = (f"kepesertaan {angka_kata(ended)} orang telah berakhir")
        facts["dibayarkan"] = f"iurannya dibayarkan berjumlah {angka_kata(n)} orang"
    am = load_amendment(DRAFTS / naskah.AMENDMENT_FILE)
    # issue 13.6: the changes counted are the numbered instructions of the Rancangan's Pasal I — the
    # same count as the Rancangan and the matriks (whose extra row is Pasal II)
    draft = build_draft(load_act(DRAFTS / naskah.BASE_FILE), am)
    facts["jumlah_perubahan"] = f"sebanyak {angka_kata(len(draft.instructions))} perubahan, yaitu:"
    for i, op in enumerate(am.operations, 1):
        facts[f"alasan {i}"] = _one_line(op.alasan)
    return facts


def build(tahun: int, on: dt.date):
    with reader() as desk:
        return naskah.build_context(tahun, on, desk)


def _env(mp: pytest.MonkeyPatch, folder: Path) -> None:
    mp.setenv("RENTAN_HOME", str(folder / "home"))
    mp.setenv("RENTAN_DATABASE_URL", f"sqlite:///{folder / 'home' / 'registry.sqlite3'}")
    mp.setenv("RENTAN_OUTPUTS", str(folder / "outputs"))
    mp.setenv("RENTAN_USER", "petugas-uji")
    mp.setenv("RENTAN_TAMBAHAN", str(OVERLAY))
    mp.setenv("RENTAN_HARI_INI", TODAY)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One registry of 30 participants enrolled for 2026 and its naskah dated November 2025,
    shared by the read-only tests of this module (a build costs about a second)."""
    folder = tmp_path_factory.mktemp("naskah")
    mp = pytest.MonkeyPatch()
    _env(mp, folder)
    try:
        enrolled_registry(folder, 30, sk=SK)
        pub = naskah.issue(2026, tanggal=NOV, final=True)
        yield pub, expected(2026, NOV)
    finally:
        mp.undo()


def test_every_figure_equals_its_source_in_docx_and_pdf(built):
    pub, facts = built
    word, pdf = texts(pub)
    for name, fact in facts.items():
        assert fact in word, f"DOCX: {name}: {fact}"
        assert fact in pdf, f"PDF: {name}: {fact}"
    # the staff-set BPJS figures print exactly as the source states them
    for figure in ("67.021", "16.419", "14.289", "30.708", "36.313"):
        assert figure in word and figure in pdf
    # the pokok-pokok perubahan: one lettered item per instruction of Pasal I, phrased as the
    # Rancangan and the matriks phrase it; several reasons each after what it concerns
    assert "sebanyak 7 (tujuh) perubahan, yaitu:" in word and "sebanyak 7 (tujuh) perubahan, yaitu:" in pdf
    for phrase in ("a. Ketentuan Pasal 1 angka 5 dan angka 6 diubah, di antara angka 11 dan angka 12 disisipkan 2 (dua) "
                   "angka, yakni angka 11a dan angka 11b. Alasan perubahan: 1) Pasal 1 angka 5: Penyelenggaraan",
                   "b. Di antara Pasal 5 dan Pasal 6 disisipkan 1 (satu) pasal, yakni Pasal 5A. Memberikan dasar",
                   "c. Ketentuan Pasal 6 diubah. Menambah pendaftaran secara daring",
                   "d. Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah. Alasan perubahan: 1) Pasal 8 ayat (2): Mencegah",
                   "e. Di antara BAB IV dan BAB V disisipkan 1 (satu) bab, yakni BAB IVA. Sebagai perangkat daerah",
                   "f. Di antara ayat (1) dan ayat (2) Pasal 10 disisipkan 2 (dua) ayat, yakni ayat (1a) dan ayat (1b).",
                   "g. Pasal 16 dihapus. Dinas Sosial tidak memiliki bidang"):
        assert phrase in word, phrase
        assert phrase.split(" ", 1)[1] in pdf, phrase   # the PDF's list labels are drawn by CSS
    assert " h. " not in word.split("yaitu:", 1)[1].split("Perubahan tersebut tidak mengubah")[0]
    assert pub.manifest["ringkasan"]["peserta"] == 30
    assert set(pub.manifest["berkas"]) == set(naskah.FILES)


def test_docx_and_pdf_show_the_same_blocks(built):
    pub, _ = built
    ctx = build(2026, NOV)
    word, pdf = texts(pub)
    for b in ctx.blocks:
        text = _one_line(f"{b.label} {b.teks}")
        assert text in word, text
        assert _one_line(b.teks).replace("-", "") in pdf.replace("- ", "").replace("-", ""), b.teks


def test_three_parts_in_order_then_the_signature(built):
    pub, _ = built
    for text in texts(pub):
        marks = ["NASKAH PENJELASAN", "ANALISA PERLUNYA", "I. Dasar", "II. Data", "III. Analisa dan Kesimpulan",
                 "Kepala Dinas Ketenagakerjaan Kota Balikpapan, Ani Mufaidah"]
        positions = [text.find(m) for m in marks]
        assert -1 not in positions and positions == sorted(positions), list(zip(marks, positions))
    paragraphs = docx.Document(str(pub.file(naskah.FILES[0]))).paragraphs
    heads = [p.text for p in paragraphs if p.text in ("I. Dasar", "II. Data", "III. Analisa dan Kesimpulan")]
    assert heads == ["I. Dasar", "II. Data", "III. Analisa dan Kesimpulan"]


def test_chart_is_a_picture_in_word_and_an_image_in_the_pdf(built):
    pub, _ = built
    d = docx.Document(str(pub.file(naskah.FILES[0])))
    assert len(d.inline_shapes) == 1
    assert any(r.reltype.endswith("/image") and r.target_part.content_type == "image/png"
               for r in d.part.rels.values())
    images = []
    for page in PdfReader(str(pub.file(naskah.FILES[1]))).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        images += [k for k, v in xobjects.items() if v.get_object().get("/Subtype") == "/Image"]
    assert images, "no image XObject in the PDF"


def test_pdf_is_pdf_a_3b_and_signed_by_disnaker_in_2025(built):
    pub, _ = built
    reader = PdfReader(str(pub.file(naskah.FILES[1])))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    word, pdf = texts(pub)
    for t in (word, pdf):
        assert "DINAS KETENAGAKERJAAN KOTA BALIKPAPAN NASKAH PENJELASAN" in t
        assert "Kepala Dinas Ketenagakerjaan Kota Balikpapan, Ani Mufaidah" in t
        assert "Kepala Dinas Sosial" not in t


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_libreoffice_opens_the_docx(built, tmp_path):
    pub, facts = built
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(pub.file(naskah.FILES[0]))],
                   check=True, capture_output=True, timeout=120)
    text = pdf_text(tmp_path / "naskah-penjelasan.pdf")
    assert "III. Analisa dan Kesimpulan" in text and facts["rumus"] in text


def test_signed_by_dinas_sosial_in_2026_and_the_registry_drives_the_text(home, tmp_path):
    """Dated 2 March 2026 the naskah explains an amendment promulgated on 10 December 2025 (the demo's
    settings): a naskah penjelasan accompanies the proposal, so it cannot be final then (issue 13.4);
    as a konsep it still follows its date (Dinas Sosial signs) and the registry."""
    niks = enrolled_registry(tmp_path, 30, sk=SK)
    with pytest.raises(FinalDitolak, match=r"naskah penjelasan bertanggal 2 Maret 2026 menjelaskan perubahan yang "
                                           r"telah diundangkan pada 10 Desember 2025 sebagai Peraturan Wali Kota "
                                           r"Balikpapan Nomor 99 Tahun 2025"):
        naskah.issue(2026, tanggal=MAR, final=True)
    before = naskah.issue(2026, tanggal=MAR)
    assert before.manifest["ringkasan"]["konsep"] is True
    word, pdf = texts(before)
    for t in (word, pdf):
        assert "DINAS SOSIAL KOTA BALIKPAPAN NASKAH PENJELASAN" in t
        assert "Kepala Dinas Sosial Kota Balikpapan," in t
        assert "Kepala Dinas Ketenagakerjaan" not in t and "Ani Mufaidah" not in t
        assert "30 (tiga puluh) orang" in t
        # promulgated by then: named by its number, no longer a proposal
        assert "Peraturan Wali Kota Balikpapan Nomor 99 Tahun 2025 tentang Perubahan atas" in t
        assert "lampiran usulan" not in t

    # two participants leave (one before the naskah's date, one after it), five join
    end_participant(niks[0], "meninggal", dt.date(2026, 2, 10))
    end_participant(niks[1], "pindah", dt.date(2026, 4, 1))
    rows = [person(i, Pekerjaan="Nelayan") for i in range(31, 36)]
    import_registry(write_xlsx(tmp_path / "baru.xlsx", rows), 2026)
    set_year([r["No. KTP"] for r in rows], 2026, status="ditetapkan", nomor_sk=SK, mulai=dt.date(2026, 1, 1))
    after = naskah.issue(2026, tanggal=MAR)
    assert after.folder != before.folder and before.folder.exists()
    word, pdf = texts(after)
    facts = expected(2026, MAR)
    assert "kepesertaan 1 (satu) orang telah berakhir" in facts["berakhir"]
    assert "berjumlah 35 (tiga puluh lima) orang dari 35 (tiga puluh lima) calon" in facts["ditetapkan"]
    for name, fact in facts.items():
        assert fact in word, f"DOCX: {name}: {fact}"
        assert fact in pdf, f"PDF: {name}: {fact}"
    assert after.manifest["ringkasan"]["peserta"] == 34
    assert after.manifest["snapshot_sha256"] != before.manifest["snapshot_sha256"]


def test_same_inputs_same_bytes(home, tmp_path):
    enrolled_registry(tmp_path, 12, sk=SK)
    first = naskah.issue(2026, tanggal=NOV, root=tmp_path / "a", final=True)
    second = naskah.issue(2026, tanggal=NOV, root=tmp_path / "b", final=True)
    assert first.folder.name == second.folder.name
    for name in (*naskah.FILES, "manifest.json"):
        assert first.file(name).read_bytes() == second.file(name).read_bytes(), name
    again = naskah.issue(2026, tanggal=NOV, root=tmp_path / "a", final=True)
    assert again.reused and again.folder == first.folder


def _drafts(tmp_path: Path, monkeypatch, md: str | None = None, inputs: str | None = None) -> Path:
    d = tmp_path / "drafts"
    shutil.copytree(DRAFTS, d)
    if md is not None:
        (d / naskah.DRAFT).write_text(md, encoding="utf-8")
    if inputs is not None:
        (d / naskah.INPUTS).write_text(inputs, encoding="utf-8")
    monkeypatch.setenv("RENTAN_DRAFTS", str(d))
    return d


def test_unknown_placeholder_names_it_and_writes_nothing(home, tmp_path, monkeypatch):
    enrolled_registry(tmp_path, 5, sk=SK)
    md = (DRAFTS / naskah.DRAFT).read_text(encoding="utf-8")
    md = md.replace("## II. Data", "## II. Data\n\nPeserta ojol {{ jumlah_ojol }} dan {{ angka.salah }}.\n", 1)
    _drafts(tmp_path, monkeypatch, md=md)
    with pytest.raises(naskah.NaskahError, match=r"isian yang tidak dikenal: angka, jumlah_ojol\."):
        naskah.issue(2026, tanggal=NOV, root=tmp_path / "out", final=True)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))
    assert not any((tmp_path / "out").rglob("*.docx"))


def test_unknown_placeholder_is_caught_before_the_registry_is_read(home, tmp_path, monkeypatch):
    # an empty registry would fail too ("belum ada peserta"): the draft's error comes first
    _drafts(tmp_path, monkeypatch, md="# X\n\n## I. Dasar\n\n1. {{ tidak_ada }}\n")
    with pytest.raises(naskah.NaskahError, match="tidak_ada"):
        build(2026, NOV)


def test_parts_missing_or_out_of_order_are_refused(home, tmp_path, monkeypatch):
    enrolled_registry(tmp_path, 5, sk=SK)
    md = (DRAFTS / naskah.DRAFT).read_text(encoding="utf-8").replace("## II. Data", "## II. Fakta")
    _drafts(tmp_path, monkeypatch, md=md)
    with pytest.raises(naskah.NaskahError, match="II. Fakta"):
        build(2026, NOV)


def test_inconsistent_bpjs_figures_are_refused(home, tmp_path, monkeypatch):
    text = (DRAFTS / naskah.INPUTS).read_text(encoding="utf-8").replace("aktif: 30708", "aktif: 30780")
    _drafts(tmp_path, monkeypatch, inputs=text)
    with pytest.raises(naskah.NaskahError, match="aktif 30.780 ≠ mandiri"):
        build(2026, NOV)


def test_no_participants_yet_is_refused(home):
    # before the year's SK the need rests on the candidates: with none registered there is nothing to count
    with pytest.raises(naskah.NaskahError, match=r"belum ada calon peserta tahun 2026 yang terdaftar \(atau semuanya "
                                                 r"ditolak\) dan belum ada peserta yang ditetapkan"):
        build(2026, NOV)


# --- pure parts: fast, no registry ---------------------------------------------------------------


def test_markdown_blocks_labels_emphasis_and_escaped_values():
    src = ("# Judul\n\n## I. Dasar\n\n1. Satu *universal coverage* dan **tebal**\n"
           "   1. anak {{ nilai }}\n\n      lanjutan\n"
           "      1. cucu\n         1. cicit\n\n   kembali\n\n> kutipan\n\n![Gambar {{ nilai }}](grafik)\n")
    blocks = naskah.parse_blocks(naskah.fill(src, {"nilai": "*bukan* [tautan] #1"}))
    got = [(b.jenis, b.depth, b.label, b.teks) for b in blocks]
    assert got == [("judul", 0, "", "Judul"), ("bagian", 0, "", "I. Dasar"),
                   ("butir", 0, "1.", "Satu universal coverage dan tebal"),
                   ("butir", 1, "a.", "anak *bukan* [tautan] #1"), ("butir", 1, "", "lanjutan"),
                   ("butir", 2, "1)", "cucu"), ("butir", 3, "a)", "cicit"), ("butir", 0, "", "kembali"),
                   ("kutipan", 0, "", "kutipan"), ("grafik", 0, "", "Gambar *bukan* [tautan] #1")]
    assert [(r.teks, r.miring, r.tebal) for r in blocks[2].runs] == [
        ("Satu ", False, False), ("universal coverage", True, False), (" dan ", False, False), ("tebal", False, True)]


def test_markdown_refuses_what_the_faces_cannot_show():
    for src, word in (("```\nkode\n```\n", "fence"), ("![x](foto.png)\n", "foto.png"),
                      ("teks ![x](grafik) teks\n", "berdiri sendiri")):
        with pytest.raises(naskah.NaskahError, match=word):
            naskah.parse_blocks(src)


def test_figures_print_the_indonesian_way():
    from decimal import Decimal
    ns = {"pagu": naskah._Uang(2_000_000_000), "peserta": naskah._Jumlah(7085),
          "cakupan": naskah._Persen(Decimal("45.8")), "tanggal": dt.date(2026, 1, 2), "tahun": 2026}
    out = naskah.fill("{{ pagu }} {{ peserta }} {{ peserta | angka_kata }} {{ cakupan }}% {{ tanggal }} {{ tahun }} "
                      "{{ pagu | rupiah_terbilang }}", ns)
    assert out == ("Rp2.000.000.000,00 7.085 7.085 (tujuh ribu delapan puluh lima) 45,8% 2 Januari 2026 2026 "
                   "Rp2.000.000.000,00 (dua miliar rupiah)")


def test_pokok_perubahan_one_per_instruction_of_pasal_i_with_its_reasons():
    """Issue 13.6: the naskah lists the changes the Rancangan numbers (7), not the operations of the
    draft file (10); each with the reason of every operation behind it, in the file's order."""
    base = load_act(DRAFTS / naskah.BASE_FILE)
    am = load_amendment(DRAFTS / naskah.AMENDMENT_FILE)
    items = naskah.pokok_perubahan(base, am)
    draft = build_draft(base, am)
    assert [p.no for p in items] == [i.number for i in draft.instructions] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.ketentuan for p in items] == ["Pasal 1", "Pasal 5A", "Pasal 6", "Pasal 8", "BAB IVA", "Pasal 10",
                                            "Pasal 16"]
    assert [(r.ketentuan, r.alasan) for p in items for r in p.rincian] == [
        (op.ketentuan, _one_line(op.alasan)) for op in am.operations]
    by = {p.ketentuan: p for p in items}
    assert by["Pasal 1"].uraian == ("Ketentuan Pasal 1 angka 5 dan angka 6 diubah, di antara angka 11 dan angka 12 "
                                    "disisipkan 2 (dua) angka, yakni angka 11a dan angka 11b.")
    assert [r.ketentuan for r in by["Pasal 1"].rincian] == ["Pasal 1 angka 5", "Pasal 1 angka 6",
                                                           "Pasal 1 angka 11a dan angka 11b"]
    assert by["Pasal 10"].uraian == ("Di antara ayat (1) dan ayat (2) Pasal 10 disisipkan 2 (dua) ayat, yakni ayat (1a) "
                                     "dan ayat (1b).")
    assert by["Pasal 6"].uraian == "Ketentuan Pasal 6 diubah."
    assert by["Pasal 6"].alasan == _one_line(am.operations[4].alasan)


def test_every_placeholder_of_the_shipped_draft_is_known():
    assert naskah.unknown_placeholders((DRAFTS / naskah.DRAFT).read_text(encoding="utf-8")) == []
