"""The perwali template builder (see build.py)."""
from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from build import *  # noqa: F401,F403  (the shared pieces: kop, signature, styles, …)
from build import _cell, _field, _page_number_header, _plain_table, _row  # noqa: F401


def line_heights(doc) -> None:
    """Lines 1.2 times the font size, exactly — the PDF face's line-height (print.css): TeX Gyre
    Bonum's natural line is 1.34 em, so Word's "multiple 1.15" made the DOCX a quarter longer than
    the PDF, and exact heights lay out the same whatever Bookman the reader's Word has."""
    normal = doc.styles["Normal"]
    base = normal.font.size.pt
    normal.paragraph_format.line_spacing = Pt(round(base * 1.2, 1))
    for st in doc.styles:
        if getattr(st, "type", None) == 1 and st.name.startswith(("Perwali", "Matriks")) and st.font.size:
            st.paragraph_format.line_spacing = Pt(round(st.font.size.pt * 1.2, 1))


def _mark_headers(sec) -> None:
    """`tanda` (RANCANGAN on a draft) at the top of every page, above the page number: the mark the
    PDF face's watermark shows."""
    for h in (sec.first_page_header, sec.header):
        first = h.paragraphs[0]
        para = first if h is sec.first_page_header else first.insert_paragraph_before()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = para.add_run("{% if tanda %}{{ tanda }}{% endif %}")
        r.bold, r.font.size = True, Pt(10)


def _instruction_branch(doc) -> None:
    """A numbered instruction of Pasal I ("2. Di antara Pasal 5 dan Pasal 6 disisipkan … sebagai
    berikut:") keeps with the text it introduces: its own branch, before the labelled-paragraph
    branches of build.legal_blocks, in a style with keep-with-next."""
    legal_style(doc, "Perwali Instruksi", left_mm=STEP_MM, hanging_mm=STEP_MM, tabs_mm=(STEP_MM,), keep_next=True)
    anchor = next(p for p in doc.paragraphs if p.text.startswith("{%p elif b.label and b.kind in")
                  and p.text.endswith("b.depth == 0 %}"))
    for text, style in (('{%p elif b.kind == "instruksi" and b.label %}', None),
                        ("{{ b.label }}\t{{ b.body }}", "Perwali Instruksi")):
        new = styled(doc, text, style)
        anchor._p.addprevious(new._p)


def _paraf_table(doc) -> None:
    """The Rancangan's paraf koordinasi: Jabatan | Paraf | Tanggal, one row per official, kept on
    one page."""
    legal_style(doc, "Perwali Paraf Judul", align="left", bold=True, size=10, before=24, after=3, keep_next=True)
    legal_style(doc, "Perwali Paraf", align="left", size=10, after=0, keep_next=True)
    legal_style(doc, "Perwali Paraf Kepala", align="center", bold=True, size=10, after=0, keep_next=True)
    styled(doc, "{%p if paraf %}")
    styled(doc, "Paraf Koordinasi", "Perwali Paraf Judul")
    widths = (Mm(90), Mm(25), Mm(30))
    t = doc.add_table(rows=4, cols=3)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    head, loop, data, end = t.rows
    for cell, text in zip(head.cells, ("Jabatan", "Paraf", "Tanggal")):
        _cell_text(cell, text, "Perwali Paraf Kepala")
    _cell_text(loop.cells[0], "{%tr for j in paraf %}", "Perwali Paraf")
    _cell_text(data.cells[0], "{{ j }}", "Perwali Paraf")
    _cell_text(data.cells[1], "", "Perwali Paraf")
    _cell_text(data.cells[2], "", "Perwali Paraf")
    _cell_text(end.cells[0], "{%tr endfor %}", "Perwali Paraf")
    for row in (head, data):
        trPr = row._tr.get_or_add_trPr()
        trPr.append(OxmlElement("w:cantSplit"))
        if row is data:
            h = OxmlElement("w:trHeight")
            h.set(qn("w:val"), str(int(Mm(9).twips)))
            h.set(qn("w:hRule"), "atLeast")
            trPr.append(h)
    for col, w in zip(t.columns, widths):
        col.width = w
    for row in t.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    styled(doc, "{%p endif %}")


def perwali_naskah(target: Path) -> None:
    """The Rancangan and the naskah terpadu: a whole regulation as a loop over its blocks; a
    Rancangan ends with its paraf koordinasi table."""
    doc = new_document("F4", konsep=False)  # a Rancangan says RANCANGAN (`tanda`), not KONSEP
    _page_number_header(doc.sections[0])
    _mark_headers(doc.sections[0])
    perwali_styles(doc)
    styled(doc, "{%p for b in blocks %}")
    legal_blocks(doc)
    styled(doc, "{%p endfor %}")
    _instruction_branch(doc)
    _paraf_table(doc)
    line_heights(doc)
    styled(doc, "{%p if catatan %}")
    styled(doc, "{{ catatan }}", "Perwali Catatan Akhir")
    styled(doc, "{%p endif %}")
    body = doc.element.body
    first = body[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
        body.remove(first)  # python-docx's default empty paragraph
    save(doc, target)


def _cell_shading(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def _repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trPr.append(h)


def _cell_text(cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.style = cell.part.document.styles[style]
    p.add_run(text)


def perwali_matriks(target: Path) -> None:
    """The matriks perubahan: landscape, No | Ketentuan Semula | Ketentuan Perubahan | Keterangan/Alasan."""
    doc = new_document("F4", konsep=False)  # a Rancangan says RANCANGAN
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = PAPER["F4"][1], PAPER["F4"][0]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(20), Mm(20)
    step = 9
    legal_style(doc, "Matriks Judul", align="center", bold=True, after=0, keep_next=True)
    legal_style(doc, "Matriks Pembanding", italic=True, size=10, before=10, after=8)
    legal_style(doc, "Matriks Kepala Tabel", align="center", bold=True, size=10, after=0)
    legal_style(doc, "Matriks Nomor", align="center", size=10, after=0)
    legal_style(doc, "Matriks Alasan", align="left", size=10, after=0)
    legal_style(doc, "Matriks Kosong", align="center", size=10, after=0)
    legal_style(doc, "Matriks Pasal", align="center", bold=True, size=10, after=3, keep_next=True)
    for d in range(4):
        legal_style(doc, f"Matriks Rincian {d}", align="left", size=10, left_mm=(d + 1) * step, hanging_mm=step,
                    tabs_mm=((d + 1) * step,), after=3)
        legal_style(doc, f"Matriks Teks {d}", align="left", size=10, left_mm=d * step, after=3)
    legal_style(doc, "Perwali Catatan Akhir", italic=True, size=9, before=12)

    styled(doc, "{%p for j in judul %}")
    styled(doc, "{{ j }}", "Matriks Judul")
    styled(doc, "{%p endfor %}")
    styled(doc, "{{ pembanding }}", "Matriks Pembanding")

    widths = (Mm(12), Mm(100), Mm(100), Mm(78))
    t = doc.add_table(rows=4, cols=4)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    head, loop, data, end = t.rows
    for cell, text in zip(head.cells, ("No", "Ketentuan Semula", "Ketentuan Perubahan", "Keterangan/Alasan")):
        _cell_text(cell, text, "Matriks Kepala Tabel")
        _cell_shading(cell, "E8E8E8")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _repeat_header(head)
    # a row (one change of Pasal I, both texts in full) may run over a page: the header row repeats
    _cell_text(loop.cells[0], "{%tr for r in rows %}", "Matriks Nomor")
    _cell_text(end.cells[0], "{%tr endfor %}", "Matriks Nomor")
    no, semula, perubahan, alasan = data.cells
    _cell_text(no, "{{ r.no }}", "Matriks Nomor")

    def blocks(cell, var: str, empty: str | None) -> None:
        p = cell.paragraphs[0]
        p.add_run(f"{{%p if {var} %}}" if empty else f"{{%p for c in {var} %}}")
        if empty:
            styled(cell, f"{{%p for c in {var} %}}")
        branches = [('c.kind in ("bab", "bab_judul", "pasal")', "{{ c.body }}", "Matriks Pasal")]
        for d in range(4):
            cond = f"c.depth == {d}" if d < 3 else "c.depth >= 3"
            branches.append((f"c.label and {cond}", "{{ c.label }}\t{{ c.body }}", f"Matriks Rincian {d}"))
        for d in range(4):
            cond = f"c.depth == {d}" if d < 3 else "c.depth >= 3"
            branches.append((cond, "{{ c.text }}", f"Matriks Teks {d}"))
        for k, (cond, text, style) in enumerate(branches):
            styled(cell, f"{{%p {'if' if k == 0 else 'elif'} {cond} %}}")
            styled(cell, text, style)
        styled(cell, "{%p endif %}")
        styled(cell, "{%p endfor %}")
        if empty:
            styled(cell, "{%p else %}")
            styled(cell, empty, "Matriks Kosong")
            styled(cell, "{%p endif %}")

    blocks(semula, "r.semula", "-")
    blocks(perubahan, "r.perubahan", None)
    legal_style(doc, "Matriks Uraian", align="left", italic=True, size=10, after=3)
    legal_style(doc, "Matriks Alasan Lanjut", align="left", size=10, after=3)
    _cell_text(alasan, "{%p for k in r.keterangan %}", "Matriks Alasan")
    for k, (cond, style) in enumerate((('loop.first and r.no != "II"', "Matriks Uraian"), ("loop.first", "Matriks Alasan"),
                                       (None, "Matriks Alasan Lanjut"))):
        styled(alasan, f"{{%p {'if' if k == 0 else 'elif'} {cond} %}}" if cond else "{%p else %}")
        styled(alasan, "{{ k }}", style)
    styled(alasan, "{%p endif %}")
    styled(alasan, "{%p endfor %}")
    for col, w in zip(t.columns, widths):
        col.width = w                      # w:gridCol, which LibreOffice follows
    for row in t.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w                 # w:tcW, which Word follows
    tblPr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    styled(doc, "{%p if catatan %}")
    styled(doc, "{{ catatan }}", "Perwali Catatan Akhir")
    styled(doc, "{%p endif %}")
    line_heights(doc)
    body = doc.element.body
    first = body[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
        body.remove(first)
    save(doc, target)


def perwali() -> None:
    (HERE / "perwali").mkdir(exist_ok=True)
    perwali_naskah(HERE / "perwali" / "naskah.docx")
    perwali_matriks(HERE / "perwali" / "matriks.docx")
