"""No final document prints what is not yet known (issue 13.1): every kind issued final on a small
registry, both faces of each read back — every DOCX through python-docx, every PDF through
pdftotext — for "⚠", "sesuaikan", an ellipsis or a dotted line."""
import datetime as dt
import re
import subprocess
from pathlib import Path

import docx

from rentan.documents import bpjs as bpjs_doc
from rentan.documents import naskah, verifikasi
from rentan.documents.iuran import issue_month
from rentan.documents.sk import issue_sk
from rentan.registry import bpjs

from ..bpjs import sheets
from ..bpjs.test_exchange import KODE
from ..registry.helpers import person, write_xlsx
from ..year import set_year

FACES = {  # kind: (the DOCX staff review in Word, the PDF face of the same text before its Lampiran)
    "verifikasi": ("memo.docx", "naskah.pdf"), "naskah-penjelasan": ("naskah-penjelasan.docx", "naskah-penjelasan.pdf"),
    "validasi-bpjs": ("surat.docx", "naskah.pdf"), "registrasi-bpjs": ("surat.docx", "naskah.pdf"),
    "sk-peserta": ("keputusan.docx", "keputusan-internal.pdf"), "iuran-bulanan": ("surat.docx", "naskah.pdf"),
    "rekonsiliasi-bpjs": ("berita-acara.docx", "berita-acara.pdf")}

PLACEHOLDER = re.compile(r"⚠|sesuaikan|…|\.{4,}|_{4,}", re.IGNORECASE)


def docx_text(path: Path) -> str:
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_final_document_is_free_of_placeholders_in_both_faces(home, tmp_path, clock):
    rows = [person(i, Pekerjaan=p) for i, p in enumerate(["Petani", "Nelayan", "Ojek Pangkalan", "Driver Ojol",
                                                           "PKL Bakso", "Buruh"] * 2, 1)]
    niks = [r["No. KTP"] for r in rows]
    from rentan.registry.importer import import_registry
    import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    issued = []
    clock("2025-11-03")
    issued += verifikasi.issue_all(2026, tanggal_surat=dt.date(2025, 11, 3), final=True)
    issued.append(naskah.issue(2026, tanggal=dt.date(2025, 11, 3), final=True))
    set_year(niks, 2026, status="terverifikasi")
    clock("2025-11-19")
    issued.append(bpjs_doc.issue_validasi(2026, tanggal_surat=dt.date(2025, 11, 19), final=True))
    bpjs.import_validasi(sheets.validation_answer(tmp_path / "v.xlsx", [(n, r["Nama Lengkap"], dt.date(1975, 8, 12))
                                                                         for n, r in zip(niks, rows)]))
    clock("2025-12-22")
    issued.append(issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), final=True))
    clock("2025-12-23")
    issued.append(bpjs_doc.issue_registrasi(2026, tanggal_surat=dt.date(2025, 12, 23), final=True))
    clock("2026-01-02")
    bpjs.import_tagihan(sheets.bill(tmp_path / "t.xlsx", KODE, [(n, None, 16_800) for n in niks]), "2026-01")
    issued.append(issue_month("2026-01", final=True))
    issued.append(bpjs_doc.issue_berita_acara("2026-01", tanggal=dt.date(2026, 1, 5), final=True))

    kinds, found = set(), []
    for p in issued:
        assert p.nomor or p.folder.parent.name == "naskah-penjelasan", p.folder  # a naskah takes no number
        assert not p.ringkasan.get("konsep"), p.folder
        kinds.add(p.folder.parent.name)
        for f in sorted(p.folder.iterdir()):
            if f.suffix not in (".docx", ".pdf"):
                continue
            text = docx_text(f) if f.suffix == ".docx" else pdf_text(f)
            found += [f"{p.folder.parent.name}/{f.name}: «{text[max(0, m.start() - 40):m.end() + 40]}»"
                      for m in PLACEHOLDER.finditer(text)]
    assert kinds >= {"verifikasi", "naskah-penjelasan", "validasi-bpjs", "sk-peserta", "registrasi-bpjs",
                     "iuran-bulanan", "rekonsiliasi-bpjs"}
    assert found == []
    assert_same_wording(issued)
    assert_docx_lays_out_as_the_pdf(issued, tmp_path)


def _words(text: str) -> list[str]:
    # a word broken at its hyphen across lines comes out of the PDF joined ("UndangUndang")
    text = re.sub(r"-\s*\n\s*", "", text.replace("\u00ad", ""))
    return re.findall(r"[\w.,;:()/%]+", text.replace("-", ""))


def _in_order(needle: list[str], hay: list[str], slack: int = 12) -> bool:
    """`needle` appears in `hay` in order, with at most `slack` other words between its words in
    all (a page's foot and head may fall inside a paragraph)."""
    starts = [i for i, w in enumerate(hay) if w == needle[0]]
    for start in starts:
        i, skipped, ok = start + 1, 0, True
        for w in needle[1:]:
            while i < len(hay) and hay[i] != w and skipped <= slack:
                i, skipped = i + 1, skipped + 1
            if i >= len(hay) or skipped > slack:
                ok = False
                break
            i += 1
        if ok:
            return True
    return False


def assert_same_wording(issued) -> None:
    """Both faces carry the same wording (issue 12.3): every sentence-long paragraph of the DOCX
    staff review in Word is in the PDF face, word for word and in order."""
    missing = []
    for p in issued:
        kind = p.folder.parent.name
        docx_name, pdf_name = FACES[kind]
        hay = _words(pdf_text(p.folder / pdf_name))
        d = docx.Document(p.folder / docx_name)
        for para in d.paragraphs:
            words = _words(para.text)
            if len(words) >= 8 and not _in_order(words, hay):
                missing.append(f"{kind}/{docx_name}: «{para.text[:90]}»")
    assert missing == []


def _before_lampiran(pdf: Path) -> int:
    from pypdf import PdfReader
    return sum(1 for label in PdfReader(pdf).page_labels if not label.startswith("Lampiran"))


def assert_docx_lays_out_as_the_pdf(issued, tmp_path: Path) -> None:
    """Each DOCX as LibreOffice lays it out (as Word would): as many pages as its PDF face, and
    every signatory's name on the page of its title — no signature block split across pages."""
    from rentan.program import program
    work = tmp_path / "lo"
    work.mkdir()
    pairs = {}
    for p in issued:
        kind = p.folder.parent.name
        docx_name, pdf_name = FACES[kind]
        copy = work / f"{kind}-{p.folder.name}.docx"
        copy.write_bytes((p.folder / docx_name).read_bytes())
        pairs[copy.with_suffix(".pdf")] = (kind, p.folder / pdf_name)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), *map(str, sorted(
        work.glob("*.docx")))], check=True, capture_output=True, timeout=240)
    prog = program()
    signers = [(k.kepala.jabatan, k.kepala.nama) for k in prog.kantor] + [
        (prog.sk.penandatangan.jabatan, prog.sk.penandatangan.nama), (prog.bpjs.jabatan, prog.bpjs.nama)]
    problems = []
    for converted, (kind, face) in sorted(pairs.items()):
        pages = pdf_text(converted).split("\f")
        if len(pages[-1].strip()) == 0:
            pages = pages[:-1]
        if len(pages) != _before_lampiran(face):
            problems.append(f"{kind}: DOCX {len(pages)} halaman, PDF {_before_lampiran(face)} halaman")
        for jabatan, nama in signers:
            for i, page in enumerate(pages, 1):
                flat = " ".join(page.split())
                if nama and nama.upper() in flat.upper() and " ".join(jabatan.split()[:3]).upper() not in flat.upper():
                    problems.append(f"{kind}: nama {nama} di halaman {i} terpisah dari jabatannya")
    assert problems == []
