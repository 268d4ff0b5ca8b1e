"""The sk template builder (see build.py)."""
from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from build import *  # noqa: F401,F403  (the shared pieces: kop, signature, styles, …)
from build import _cell, _field, _page_number_header, _plain_table, _row  # noqa: F401

KONSEP_BANNER = "KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR"  # as templates/_naskah.html konsep_banner
LABEL_MM, COLON_MM, NO_MM = 34, 5, 8  # the label column holds "KESEMBILAN" in bold on one line


def _keep(p, *, with_next: bool = True, lines: bool = True) -> None:
    pf = p.paragraph_format
    pf.keep_with_next = with_next or None
    pf.keep_together = lines or None


def _border(p) -> None:
    box_border(p._p.get_or_add_pPr(), "8", "3", "555555")


def _paraf_table(doc) -> None:
    """The paraf koordinasi table: Jabatan | Paraf | Tanggal, one row per official (drafts/sk-peserta.yaml),
    at fixed widths, its caption kept with it and no row split."""
    para(doc, "{%p if paraf %}")
    cap = para(doc, "Paraf Koordinasi", bold=True, size=10, after=3)
    cap.paragraph_format.space_before = Pt(18)
    _keep(cap)
    widths = (90, 25, 30)
    t = _plain_table(doc, 3, list(widths))
    t.style = doc.styles["Table Grid"]
    head = _row(t, ["Jabatan", "Paraf", "Tanggal"], list(widths), justify_last=False)
    for c in head:
        p = c.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].bold = True
        p.runs[0].font.size = Pt(10)
        p.paragraph_format.space_after = Pt(0)
        _keep(p)
    _row(t, ["{%tr for p in paraf %}", "", ""], list(widths), justify_last=False)
    data = _row(t, ["{{ p.jabatan }}", "", ""], list(widths), justify_last=False)
    for c in data:
        p = c.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        for r in p.runs:
            r.font.size = Pt(10)
        _keep(p)
    _row(t, ["{%tr endfor %}", "", ""], list(widths), justify_last=False)
    for row in (t.rows[0], t.rows[2]):
        cant_split(row)
    h = OxmlElement("w:trHeight")
    h.set(qn("w:val"), str(int(Mm(9).twips)))
    h.set(qn("w:hRule"), "atLeast")
    t.rows[2]._tr.get_or_add_trPr().append(h)
    para(doc, "{%p endif %}")


def sk(target: Path) -> None:
    """Keputusan Wali Kota penetapan peserta: the decree body (the Lampiran is a separate file).

    Produk hukum: "- 2 -" centred at the top from page 2 on (as the PDF face), no footer; a konsep
    says KONSEP at the top of the first page and in the header of every page; the title, MEMUTUSKAN
    and the signature block keep with what follows them, no Menimbang/Mengingat/diktum row splits
    across pages; fixed column widths so LibreOffice and Word never wrap a label; the paraf
    koordinasi table at the end."""
    doc = new_document("F4", konsep=False)
    pdf_measure(doc)
    sec = doc.sections[0]
    for p in sec.footer.paragraphs:
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
    sec.different_first_page_header_footer = True
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, instr in (("- ", None), (None, "PAGE"), (" -", None)):
        r = hp.add_run(text or "")
        r.font.size = Pt(11)
        if instr:
            _field(r, instr)
    konsep_mark(sec)  # after the first page got its own header: KONSEP on every page
    para(doc, "{%p if konsep %}")
    p = para(doc, KONSEP_BANNER, align="center", bold=True, after=8)
    _border(p)
    para(doc, "{%p endif %}")
    para(doc, "{%p if demo %}")
    para(doc, "DEMO — DATA SINTETIS, BUKAN NASKAH DINAS", align="center", bold=True)
    para(doc, "{%p endif %}")
    for text, after in (("KEPUTUSAN WALI KOTA BALIKPAPAN", 2), ("NOMOR {{ nomor }}", 8), ("TENTANG", 2),
                        ("{{ judul }}", 14)):
        _keep(para(doc, text, align="center", bold=True, after=after))
    para(doc, "{%p if rahmat %}")
    _keep(para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", align="center", bold=True, after=10))
    para(doc, "{%p endif %}")
    _keep(para(doc, "{{ penandatangan.jabatan }},", align="center", bold=True, after=10))

    w4 = [LABEL_MM, COLON_MM, NO_MM, 170 - LABEL_MM - COLON_MM - NO_MM]
    t = _plain_table(doc, 4, w4)
    for var, label in (("menimbang", "Menimbang"), ("mengingat", "Mengingat")):
        _row(t, [f"{{%tr for b in {var} %}}", "", "", ""], w4)
        _row(t, [f"{{{{ '{label}' if loop.first else '' }}}}", "{{ ':' if loop.first else '' }}", "{{ b.label }}",
                 "{{ b.teks }}"], w4)
        cant_split(t.rows[-1])
        _row(t, ["{%tr endfor %}", "", "", ""], w4)
        if var == "menimbang":
            _row(t, ["", "", "", ""], w4)
    _keep(para(doc, "MEMUTUSKAN:", align="center", bold=True, after=8))

    w3 = [LABEL_MM, COLON_MM, 170 - LABEL_MM - COLON_MM]
    t = _plain_table(doc, 3, w3)
    _row(t, ["Menetapkan", ":", "{{ menetapkan }}"], w3, justify_last=False)
    cant_split(t.rows[-1])
    _row(t, ["{%tr for d in dikta[:-1] %}", "", ""], w3)
    cells = _row(t, ["{{ d.label }}", ":", "{{ d.teks }}"], w3)
    cant_split(t.rows[-1])
    text_cell = cells[2]
    for text in ("{%p for b in d.butir %}", "{{ b.label }}\t{{ b.teks }}", "{%p endfor %}"):
        p = text_cell.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.space_after = Pt(3)
        if "b.teks" in text:
            p.paragraph_format.left_indent = Mm(8)
            p.paragraph_format.first_line_indent = Mm(-8)
            p.paragraph_format.tab_stops.add_tab_stop(Mm(8))
    _row(t, ["{%tr endfor %}", "", ""], w3)
    # the last diktum keeps with the signature block: a signature never stands alone on a page
    last = _row(t, ["{{ dikta[-1].label }}", ":", "{{ dikta[-1].teks }}"], w3)
    cant_split(t.rows[-1])
    for c in last:
        _keep(c.paragraphs[0])

    # the signature block: one unit, never split from its jabatan nor its name
    _keep(para(doc, "", after=8))
    _keep(para(doc, "Ditetapkan di {{ tempat }}", indent_mm=85, after=0))
    _keep(para(doc, "pada tanggal {{ tanggal | tanggal }}", indent_mm=85, after=10))
    _keep(para(doc, "{{ penandatangan.jabatan }},", indent_mm=85, bold=True, after=60))
    _keep(para(doc, "{{ penandatangan.nama | titik }}", indent_mm=85, bold=True), with_next=False)
    _paraf_table(doc)
    save(doc, target)
