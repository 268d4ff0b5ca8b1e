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


def sk(target: Path) -> None:
    """Keputusan Wali Kota penetapan peserta: the decree body (the Lampiran is a separate file)."""
    doc = new_document("F4")
    sec = doc.sections[0]
    # produk hukum: no "Halaman X dari Y"; "- 2 -" centred at the top from page 2 on
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
    para(doc, "{%p if demo %}")
    para(doc, "DEMO — DATA SINTETIS, BUKAN NASKAH DINAS", align="center", bold=True)
    para(doc, "{%p endif %}")
    for text, after in (("KEPUTUSAN WALI KOTA BALIKPAPAN", 2), ("NOMOR {{ nomor }}", 8), ("TENTANG", 2),
                        ("{{ judul }}", 14)):
        para(doc, text, align="center", bold=True, after=after)
    para(doc, "{%p if rahmat %}")
    para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", align="center", bold=True, after=10)
    para(doc, "{%p endif %}")
    para(doc, "{{ penandatangan.jabatan }},", align="center", bold=True, after=10)

    w4 = [30, 5, 8, 127]
    t = _plain_table(doc, 4, w4)
    for var, label in (("menimbang", "Menimbang"), ("mengingat", "Mengingat")):
        _row(t, [f"{{%tr for b in {var} %}}", "", "", ""], w4)
        _row(t, [f"{{{{ '{label}' if loop.first else '' }}}}", "{{ ':' if loop.first else '' }}", "{{ b.label }}",
                 "{{ b.teks }}"], w4)
        _row(t, ["{%tr endfor %}", "", "", ""], w4)
        if var == "menimbang":
            _row(t, ["", "", "", ""], w4)
    para(doc, "MEMUTUSKAN:", align="center", bold=True, after=8)

    w3 = [30, 5, 135]
    t = _plain_table(doc, 3, w3)
    _row(t, ["Menetapkan", ":", "{{ menetapkan }}"], w3, justify_last=False)
    _row(t, ["{%tr for d in dikta %}", "", ""], w3)
    cells = _row(t, ["{{ d.label }}", ":", "{{ d.teks }}"], w3)
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

    para(doc, "", after=8)
    para(doc, "Ditetapkan di {{ tempat }}", indent_mm=85, after=0)
    para(doc, "pada tanggal {{ tanggal | tanggal }}", indent_mm=85, after=10)
    para(doc, "{{ penandatangan.jabatan }},", indent_mm=85, bold=True, after=60)
    para(doc, "{{ penandatangan.nama | titik }}", indent_mm=85, bold=True)
    save(doc, target)
