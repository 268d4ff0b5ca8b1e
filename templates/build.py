"""Builds the DOCX templates in this folder with python-docx. The DOCX files are the source staff
edit in Word afterwards; run this only to recreate a template from scratch:

    python templates/build.py            # all templates
    python templates/build.py verifikasi # one
    python templates/build.py --ganti sk # replace a template that differs (erases edits made in Word)

A template that differs from what its builder makes (staff may have edited it in Word) is never
overwritten without --ganti: the rebuilt one is written beside it as <name>.baru.docx.

Jinja tags in the templates use the rentan filters (tanggal, angka_kata, rupiah_terbilang, …);
`rentan templates check` renders each with sample data and reports what is missing or broken.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).parent
REPLACE = "--ganti" in sys.argv  # rebuild over templates that differ (a clerk's Word edits are lost)
FONT = "Bookman Old Style"
PAPER = {"A4": (Mm(210), Mm(297)), "F4": (Mm(215), Mm(330))}


def save(doc, target: Path) -> None:
    """Save with fixed core properties and zip timestamps: rebuilding an unchanged template gives
    the same bytes, so git shows only real changes."""
    import datetime as dt
    import tempfile

    from rentan.render.docx import normalize_zip
    props = doc.core_properties
    props.author = props.last_modified_by = "rentan"
    props.created = props.modified = dt.datetime(2025, 1, 1)
    props.revision = 1
    target = Path(target)
    with tempfile.TemporaryDirectory() as tmp:
        raw, built = Path(tmp) / "raw.docx", Path(tmp) / "built.docx"
        doc.save(str(raw))
        normalize_zip(raw, built, dt.date(2025, 1, 1))
        if target.exists() and target.read_bytes() != built.read_bytes() and not REPLACE:
            # the template in the repository may hold a clerk's edits made in Word: never erased
            # silently; the rebuilt one goes beside it for comparison
            beside = target.with_name(target.stem + ".baru.docx")
            beside.write_bytes(built.read_bytes())
            print(f"{target.name} berbeda dengan hasil pembuatan ulang (mungkin telah diubah di Word): tidak ditimpa; "
                  f"hasil baru di {beside.name} (pakai --ganti untuk menimpa)")
            return
        target.write_bytes(built.read_bytes())


def new_document(paper: str = "A4", konsep: bool = True) -> Document:
    """A new template: paper, margins, Bookman 12 pt, "Halaman X dari Y" in the footer and, with
    `konsep`, the KONSEP mark at the top of every page of a konsep."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = PAPER[paper]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(22), Mm(25), Mm(20)
    st = doc.styles["Normal"]
    st.font.name, st.font.size = FONT, Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    st.paragraph_format.space_after = Pt(4)
    st.paragraph_format.line_spacing = 1.15
    # the page-number fields take the footer style's size (LibreOffice drew them at 12 pt beside 9 pt words)
    doc.styles["Footer"].font.size = Pt(9)
    _page_footer(sec)
    if konsep:
        konsep_mark(sec)
    return doc


def pdf_measure(doc) -> None:
    """The PDF face's measure (print.css: margins 15/20/18/25 mm, line height 1.2 of 12 pt), so
    both faces break their pages alike."""
    sec = doc.sections[0]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(15), Mm(18), Mm(25), Mm(20)
    sec.header_distance, sec.footer_distance = Mm(7), Mm(8)
    doc.styles["Normal"].paragraph_format.line_spacing = Pt(14.4)  # exactly 1.2 lines of 12 pt


def _field(run, instr: str) -> None:
    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def konsep_mark(sec, var: str = "konsep") -> None:
    """KONSEP at the top of every page of a konsep (the header of the section, and of its first page
    when that one has its own): Word shows the mark the PDF watermark shows."""
    headers = [sec.header] + ([sec.first_page_header] if sec.different_first_page_header_footer else [])
    for h in headers:
        p = h.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(f"{{% if {var} %}}KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR{{% endif %}}")
        r.bold, r.font.size = True, Pt(9)


def _page_footer(sec) -> None:
    p = sec.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, instr in (("Halaman ", None), (None, "PAGE"), (" dari ", None), (None, "NUMPAGES")):
        r = p.add_run(text or "")
        r.font.size = Pt(9)
        if instr:
            _field(r, instr)


def para(doc, text: str = "", *, align=None, bold=False, size=None, underline=False, after=None,
         indent_mm=None, first_line_mm=None, italic=False):
    p = doc.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold, r.underline, r.italic = bold, underline, italic
        if size:
            r.font.size = Pt(size)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if indent_mm is not None:
        p.paragraph_format.left_indent = Mm(indent_mm)
    if first_line_mm is not None:
        p.paragraph_format.first_line_indent = Mm(first_line_mm)
    return p


def cant_split(row) -> None:
    """A table row Word and LibreOffice never split across pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def box_border(pPr, sz: str, space: str, color: str) -> None:
    """A single line on all four sides of a paragraph (or paragraph style) with properties `pPr`."""
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), sz)
        b.set(qn("w:space"), space)
        b.set(qn("w:color"), color)
        bdr.append(b)
    pPr.append(bdr)


def bottom_border(p, double=True) -> None:
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    b.set(qn("w:val"), "double" if double else "single")
    b.set(qn("w:sz"), "12")
    b.set(qn("w:space"), "1")
    b.set(qn("w:color"), "000000")
    bdr.append(b)
    pPr.append(bdr)


def kop(doc) -> None:
    """The letterhead of the office in force on the document's date (context `kop`)."""
    para(doc, "{{ kop.pemerintah }}", align="center", bold=True, size=14, after=0)
    para(doc, "{{ kop.dinas }}", align="center", bold=True, size=16, after=0)
    p = para(doc, "{{ kop.alamat }}{% if kop.telepon %} · Telepon {{ kop.telepon }}{% endif %}"
                  "{% if kop.laman %} · {{ kop.laman }}{% endif %}", align="center", size=9.5, after=10)
    bottom_border(p)


def fields_table(doc, rows: list[tuple[str, str]], label_mm: float = 25) -> None:
    widths = (label_mm, 5, 130)
    t = _plain_table(doc, 3, list(widths))
    for label, value in rows:
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
        for cell, w in zip(cells, widths):
            cell.width = Mm(w)


def signature(doc, who: str = "penandatangan") -> None:
    """Signature block: title, space, name, rank, NIP (a blank setting prints as dots)."""
    for text, after, bold in ((f"{{{{ {who}.jabatan }}}},", 48, False), (f"{{{{ {who}.nama | titik }}}}", 0, True),
                              (f"{{% if {who}.pangkat %}}{{{{ {who}.pangkat }}}}{{% endif %}}", 0, False),
                              (f"NIP. {{{{ {who}.nip | titik(24) }}}}", 0, False)):
        p = para(doc, text, bold=bold, after=after, indent_mm=85)
        if bold:
            p.runs[0].underline = True


def tembusan(doc, var: str = "tembusan") -> None:
    para(doc, f"{{%p if {var} %}}")
    para(doc, "Tembusan:", size=11, after=0)
    para(doc, f"{{%p for t in {var} %}}")
    # one addressee is not a list: no "1." before it
    para(doc, f"{{{{ (loop.index ~ '. ') if {var} | length > 1 else '' }}}}{{{{ t }}}}{{{{ ';' if not loop.last else '.' }}}}",
         size=11, after=0, indent_mm=4)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")


def closing(doc) -> None:
    """The closing sentence of a letter and its signature block."""
    para(doc, "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.", align="justify",
         first_line_mm=10, after=12)
    signature(doc)


def demo_banner(doc) -> None:
    para(doc, "{%p if demo %}")
    para(doc, "DEMO — DATA SINTETIS, BUKAN NASKAH DINAS", align="center", bold=True)
    para(doc, "{%p endif %}")


def surat_head(doc) -> None:
    """Place and date, Nomor/Sifat/Lampiran/Hal, and the addressee of a surat dinas
    (rentan.documents.common.Surat)."""
    para(doc, "{{ kop.tempat }}, {{ tanggal | tanggal }}", align="right")
    fields_table(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                       ("Hal", "{{ hal }}")])
    para(doc, "")
    para(doc, "Yth. {{ kepada }}", after=0)
    para(doc, "di –", after=0)
    para(doc, "{{ kop.tempat }}", indent_mm=8)


def _cell(cell, text: str, *, width_mm: float, justify: bool = False, bold: bool = False) -> None:
    cell.width = Mm(width_mm)
    p = cell.paragraphs[0]
    if text:
        r = p.add_run(text)
        r.bold = bold
    if justify:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.space_after = Pt(5)


def _plain_table(doc, cols: int, widths: list[float]):
    """A table with fixed column widths in mm: in w:gridCol, which LibreOffice follows (Word follows
    each cell's width, which the caller sets)."""
    t = doc.add_table(rows=0, cols=cols)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    grid = t._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(int(Mm(w).twips)))
    return t


def _row(t, texts: list[str], widths: list[float], justify_last: bool = True):
    cells = t.add_row().cells
    for k, (c, text, w) in enumerate(zip(cells, texts, widths)):
        _cell(c, text, width_mm=w, justify=justify_last and k == len(texts) - 1)
    return cells


# --- produk hukum: Rancangan Perwali, naskah terpadu, matriks perubahan (rentan.documents.perwali) ---
#
# The legal text arrives as a flat list of blocks (rentan.legal.blocks); the template loops over
# them with one branch per kind (and indentation depth), each branch a paragraph in a named Word
# style ("Perwali Pasal", "Perwali Rincian 1", …). Change the look in Word by modifying those
# styles (Home → Styles → Modify), not the paragraphs: every paragraph of that kind follows.

from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # noqa: E402

STEP_MM = 10          # one indentation step: the width of a label such as "(1)", "a.", "11a."
DEPTHS = range(5)     # rentan.documents.perwali.MAX_DEPTH + 1


def legal_style(doc, name: str, *, align="justify", bold=False, italic=False, size=None, left_mm=0.0,
                hanging_mm=0.0, tabs_mm=(), before=0, after=6, keep_next=False, border=False):
    """A paragraph style for legal text (based on Normal: Bookman Old Style 12 pt)."""
    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles["Normal"]
    st.quick_style = True
    f = st.font
    f.bold, f.italic = bold or None, italic or None
    if size:
        f.size = Pt(size)
    pf = st.paragraph_format
    pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    pf.left_indent = Mm(left_mm)
    pf.first_line_indent = Mm(-hanging_mm) if hanging_mm else Mm(0)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.keep_with_next = keep_next or None
    for t in tabs_mm:
        pf.tab_stops.add_tab_stop(Mm(t))
    if border:
        box_border(st.element.get_or_add_pPr(), "4", "4", "000000")
    return st


def styled(container, text: str, style: str | None = None):
    """A paragraph in `container` (document or table cell); tabs in `text` become Word tabs."""
    p = container.add_paragraph(style=style)
    if text:
        p.add_run(text)
    return p


def _page_number_header(sec) -> None:
    """Produk hukum are numbered "- 2 -" at the top centre from the second page, no footer."""
    for r in list(sec.footer.paragraphs[0].runs):
        r._r.getparent().remove(r._r)
    sec.different_first_page_header_footer = True
    p = sec.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    _field(p.add_run(), "PAGE")
    p.add_run(" -")


def perwali_styles(doc) -> None:
    step = STEP_MM
    legal_style(doc, "Perwali Kop", align="center", bold=True, after=0, keep_next=True)
    legal_style(doc, "Perwali Judul", align="center", bold=True, after=0, keep_next=True)
    legal_style(doc, "Perwali Judul Awal", align="center", bold=True, before=18, after=0, keep_next=True)
    legal_style(doc, "Perwali Tentang", align="center", bold=True, before=12, after=12, keep_next=True)
    legal_style(doc, "Perwali Keterangan", italic=True, size=10, before=12, after=6, border=True)
    legal_style(doc, "Perwali Pembukaan", align="center", bold=True, before=24, after=12, keep_next=True)
    legal_style(doc, "Perwali Jabatan", align="center", bold=True, after=12, keep_next=True)
    legal_style(doc, "Perwali Konsiderans Awal", left_mm=45, hanging_mm=45, tabs_mm=(30, 35, 45), before=6)
    legal_style(doc, "Perwali Konsiderans", left_mm=45, hanging_mm=10, tabs_mm=(45,))
    legal_style(doc, "Perwali Memutuskan", align="center", bold=True, before=12, after=12, keep_next=True)
    legal_style(doc, "Perwali Menetapkan", left_mm=35, hanging_mm=35, tabs_mm=(30, 35), after=12)
    for q in (0, 1):
        legal_style(doc, f"Perwali Bab {q}", align="center", bold=True, left_mm=q * step, before=12, after=0,
                    keep_next=True)
        legal_style(doc, f"Perwali Judul Bab {q}", align="center", bold=True, left_mm=q * step, after=6,
                    keep_next=True)
        legal_style(doc, f"Perwali Pasal {q}", align="center", bold=True, left_mm=q * step, before=12, after=6,
                    keep_next=True)
    for d in DEPTHS:
        legal_style(doc, f"Perwali Rincian {d}", left_mm=(d + 1) * step, hanging_mm=step, tabs_mm=((d + 1) * step,))
        legal_style(doc, f"Perwali Teks {d}", left_mm=d * step)
        legal_style(doc, f"Perwali Catatan {d}", italic=True, size=10, left_mm=d * step)
    legal_style(doc, "Perwali Ditetapkan Awal", align="left", left_mm=85, before=24, after=0, keep_next=True)
    legal_style(doc, "Perwali Ditetapkan", align="left", left_mm=85, after=0, keep_next=True)
    legal_style(doc, "Perwali Ditetapkan Jabatan", align="left", left_mm=85, after=60, keep_next=True)
    legal_style(doc, "Perwali Diundangkan Awal", align="left", before=24, after=0, keep_next=True)
    legal_style(doc, "Perwali Diundangkan", align="left", after=0, keep_next=True)
    legal_style(doc, "Perwali Diundangkan Jabatan", align="left", after=60, keep_next=True)
    legal_style(doc, "Perwali Berita Daerah", align="left", bold=True, before=24)
    legal_style(doc, "Perwali Catatan Akhir", italic=True, size=9, before=12)


LABELLED = '("ayat", "butir", "instruksi")'


def legal_blocks(container, var: str = "b", prefix: str = "Perwali") -> None:
    """The branches that lay out one block `var` (see rentan.legal.blocks for the kinds)."""
    v = var
    P = lambda name: f"{prefix} {name}"  # noqa: E731
    branches: list[tuple[str, str, str]] = [
        (f'{v}.kind == "kop"', f"{{{{ {v}.body }}}}", P("Kop")),
        (f'{v}.kind == "judul" and {v}.body == "TENTANG"', f"{{{{ {v}.body }}}}", P("Tentang")),
        (f'{v}.kind == "judul" and {v}.awal', f"{{{{ {v}.body }}}}", P("Judul Awal")),
        (f'{v}.kind == "judul"', f"{{{{ {v}.body }}}}", P("Judul")),
        (f'{v}.kind == "keterangan"', f"{{{{ {v}.body }}}}", P("Keterangan")),
        (f'{v}.kind == "pembukaan"', f"{{{{ {v}.body }}}}", P("Pembukaan")),
        (f'{v}.kind == "jabatan"', f"{{{{ {v}.body }}}}", P("Jabatan")),
        (f'{v}.kind in ("menimbang", "mengingat") and {v}.head',
         f"{{{{ {v}.head }}}}\t:\t{{{{ {v}.label }}}}\t{{{{ {v}.body }}}}", P("Konsiderans Awal")),
        (f'{v}.kind in ("menimbang", "mengingat")', f"{{{{ {v}.label }}}}\t{{{{ {v}.body }}}}", P("Konsiderans")),
        (f'{v}.kind == "memutuskan"', f"{{{{ {v}.body }}}}", P("Memutuskan")),
        (f'{v}.kind == "menetapkan"', f"{{{{ {v}.head }}}}\t:\t{{{{ {v}.body }}}}", P("Menetapkan")),
    ]
    for kind, style in (("bab", "Bab"), ("bab_judul", "Judul Bab"), ("pasal", "Pasal")):
        branches.append((f'{v}.kind == "{kind}" and {v}.depth == 0', f"{{{{ {v}.body }}}}", P(f"{style} 0")))
        branches.append((f'{v}.kind == "{kind}"', f"{{{{ {v}.body }}}}", P(f"{style} 1")))
    for d in DEPTHS:
        cond = f"{v}.depth == {d}" if d < DEPTHS[-1] else f"{v}.depth >= {d}"
        branches.append((f"{v}.label and {v}.kind in {LABELLED} and {cond}",
                         f"{{{{ {v}.label }}}}\t{{{{ {v}.body }}}}", P(f"Rincian {d}")))
    for d in DEPTHS:
        cond = f"{v}.depth == {d}" if d < DEPTHS[-1] else f"{v}.depth >= {d}"
        branches.append((f'{v}.kind == "catatan" and {cond}', f"{{{{ {v}.body }}}}", P(f"Catatan {d}")))
    for d in DEPTHS:
        cond = f"{v}.depth == {d}" if d < DEPTHS[-1] else f"{v}.depth >= {d}"
        branches.append((f'{v}.kind in ("paragraf", "instruksi", "ayat", "butir") and {cond}',
                         f"{{{{ {v}.text }}}}", P(f"Teks {d}")))
    for group, style in (("ditetapkan", "Ditetapkan"), ("diundangkan", "Diundangkan")):
        branches += [
            (f'{v}.kind == "penutup" and {v}.group == "{group}" and {v}.role == "tempat"', f"{{{{ {v}.body }}}}",
             P(f"{style} Awal")),
            (f'{v}.kind == "penutup" and {v}.group == "{group}" and {v}.role == "jabatan"', f"{{{{ {v}.body }}}}",
             P(f"{style} Jabatan")),
            (f'{v}.kind == "penutup" and {v}.group == "{group}"', f"{{{{ {v}.body }}}}", P(style)),
        ]
    branches.append((f'{v}.kind == "berita_daerah"', f"{{{{ {v}.body }}}}", P("Berita Daerah")))
    for k, (cond, text, style) in enumerate(branches):
        styled(container, f"{{%p {'if' if k == 0 else 'elif'} {cond} %}}")
        styled(container, text, style)
    styled(container, "{%p else %}")
    styled(container, f"{{{{ {v}.text }}}}", P("Teks 0"))
    styled(container, "{%p endif %}")


def naskah() -> None:
    from _build_naskah import naskah_penjelasan  # a builder of its own: the Markdown blocks' styles
    (HERE / "naskah").mkdir(exist_ok=True)
    naskah_penjelasan(HERE / "naskah" / "penjelasan.docx")


def _builders() -> dict:
    from _build_bpjs import bpjs
    from _build_iuran import iuran
    from _build_perwali import perwali
    from _build_sk import sk
    from _build_verifikasi import verifikasi
    return {"verifikasi": lambda: verifikasi(HERE / "verifikasi" / "memo.docx"),
            "iuran": lambda: iuran(HERE / "iuran" / "surat.docx"),
            "sk": lambda: sk(HERE / "sk" / "keputusan.docx"),
            "perwali": perwali,
            "naskah": naskah,
            "bpjs": bpjs}


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    builders = _builders()
    for name in [a for a in sys.argv[1:] if not a.startswith("--")] or builders:
        builders[name]()
        print(f"built {name}")
