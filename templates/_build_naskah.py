"""(to be merged into build.py) The naskah penjelasan: a cover, then the blocks parsed from
drafts/naskah-penjelasan.md (rentan.documents.naskah.Blok), the place and date, the signature.

    python templates/_build_naskah.py     # writes templates/naskah/penjelasan.docx

Each block kind (and list depth) has its own paragraph, styled here, between `{%p if %}` tags;
inside it the block's runs are written by a loop whose branches are runs formatted bold, italic,
bold italic or plain, so Word shows the Markdown's emphasis. `{{ grafik }}` becomes the chart
picture (rentan.render.docx.render_docx `images=`).
"""
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from build import save, HERE, konsep_mark, new_document, para, signature

STEP_MM = 8          # one indentation step: the width of a label ("1.", "a.", "1)")
DEPTHS = 4           # 1. → a. → 1) → a)


def runs_paragraph(doc, *, bold=False, italic=False, size=None, align="justify", left_mm=0.0, first_mm=0.0,
                   before=None, after=None, label=False, keep_next=False):
    """A paragraph that writes `b.runs` (optionally after `b.label` and a tab) with their emphasis."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    if left_mm:
        fmt.left_indent = Mm(left_mm)
    if first_mm:
        fmt.first_line_indent = Mm(first_mm)
        fmt.tab_stops.add_tab_stop(Mm(left_mm))
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if keep_next:
        fmt.keep_with_next = True  # a heading never stands alone at a page foot

    def run(text, b=False, i=False):
        r = p.add_run(text)
        r.bold, r.italic = bold or b or None, italic or i or None
        if size:
            r.font.size = Pt(size)
        return r

    if label:
        run("{{ b.label }}").add_tab()
    for text, b, i in (("{% for r in b.runs %}{% if r.tebal and r.miring %}", False, False),
                       ("{{ r.teks }}", True, True), ("{% elif r.tebal %}", False, False),
                       ("{{ r.teks }}", True, False), ("{% elif r.miring %}", False, False),
                       ("{{ r.teks }}", False, True), ("{% else %}", False, False),
                       ("{{ r.teks }}", False, False), ("{% endif %}{% endfor %}", False, False)):
        run(text, b, i)
    for t in p._p.iter(qn("w:t")):  # keep the spaces at the edges of each run's text
        t.set(qn("xml:space"), "preserve")
    return p


def banner(p, color: str) -> None:
    """A box around paragraph `p`, as the PDF's .konsep and .demo banners (1 pt line, 3 pt inside)."""
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        for k, v in (("val", "single"), ("sz", "8"), ("space", "3"), ("color", color)):
            b.set(qn(f"w:{k}"), v)
        bdr.append(b)
    p._p.get_or_add_pPr().append(bdr)


def keep_if_last(p) -> None:
    """The last block (the draft's closing "Demikian …") is kept with the place, date and signature
    that follow it, as the PDF face keeps them (penjelasan.html): Word's keep-with-next, switched on
    by the blocks loop for its last block only."""
    pPr = p._p.get_or_add_pPr()
    keep = OxmlElement("w:keepNext")
    keep.set(qn("w:val"), "{{ 'true' if loop.last else 'false' }}")
    pPr.insert(0, keep)  # w:keepNext comes first in w:pPr


def naskah_penjelasan(target: Path) -> None:
    doc = new_document("F4", konsep=False)
    sec = doc.sections[0]
    # The PDF face's measure (templates/print.css: margins 15/20/18/25 mm, lines 1.2 of 12 pt, see
    # line_heights), so both faces break their pages alike; header and footer sit in the margins.
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(15), Mm(18), Mm(25), Mm(20)
    sec.header_distance, sec.footer_distance = Mm(7), Mm(8)
    sec.different_first_page_header_footer = True  # the cover: no page number, its banner is its mark
    # LibreOffice draws a field written in one run (build._field) in the paragraph style's size, not
    # the run's: "Halaman 3 dari 5" came out with 12 pt figures; the style says 9 pt, as the PDF
    doc.styles["Footer"].font.size = Pt(9)
    # KONSEP at the top of every page after the cover (and DEMO on the demo's final), as the PDF's
    # watermark; the cover says it once, in the boxed banner the PDF cover shows (konsep_banner)
    p = sec.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{% if konsep %}KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR{% elif demo %}DEMO — DATA SINTETIS, "
                  "BUKAN NASKAH DINAS{% endif %}")
    r.bold, r.font.size = True, Pt(9)

    # --- cover (seed 002) ---
    para(doc, "{%p if konsep %}")
    banner(para(doc, "KONSEP — BELUM DITANDATANGANI, BELUM BERNOMOR", align="center", bold=True, after=8), "555555")
    para(doc, "{%p endif %}")
    para(doc, "{%p if demo %}")
    p = para(doc, "DEMO — DATA SINTETIS, BUKAN NASKAH DINAS", align="center", bold=True, after=8)
    banner(p, "BB0000")
    p.runs[0].font.color.rgb = RGBColor(0xBB, 0, 0)
    para(doc, "{%p endif %}")
    p = para(doc, "{{ dinas }}", align="center", bold=True, size=14, after=0)
    p.paragraph_format.space_before = Pt(60)
    para(doc, "{{ daerah }}", align="center", bold=True, size=14, after=0)
    p = para(doc, "NASKAH PENJELASAN", align="center", bold=True, size=20, after=0)
    p.paragraph_format.space_before = Pt(150)
    # RANCANGAN / PERATURAN WALI KOTA BALIKPAPAN while a proposal, else … / NOMOR 99 TAHUN 2025
    p = para(doc, "{{ sampul[0] }}", align="center", bold=True, size=14, after=0)
    p.paragraph_format.space_before = Pt(40)
    para(doc, "{{ sampul[1] }}", align="center", bold=True, size=14, after=12)
    para(doc, "TENTANG", align="center", bold=True, size=14, after=12)
    para(doc, "{{ judul_rancangan }}", align="center", bold=True, size=14, after=0)
    p = para(doc, "{{ tanggal.year }}", align="center", bold=True, size=14, after=0)
    p.paragraph_format.space_before = Pt(150)
    p.runs[0].add_break(WD_BREAK.PAGE)

    # --- the blocks ---
    para(doc, "{%p for b in blocks %}")
    para(doc, "{%p if b.jenis == 'judul' %}")
    runs_paragraph(doc, bold=True, align="center", after=14, keep_next=True)
    para(doc, "{%p elif b.jenis == 'bagian' %}")
    runs_paragraph(doc, bold=True, align="left", before=10, after=4, keep_next=True)
    para(doc, "{%p elif b.jenis == 'subjudul' %}")
    runs_paragraph(doc, bold=True, italic=True, align="left", before=6, after=4, keep_next=True)
    para(doc, "{%p elif b.jenis == 'paragraf' %}")
    keep_if_last(runs_paragraph(doc, first_mm=10))
    para(doc, "{%p elif b.jenis == 'grafik' %}")
    p = para(doc, "{{ grafik }}", align="center", after=2)
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.line_spacing = 1.0  # an exact line height would clip the picture
    runs_paragraph(doc, italic=True, size=9, align="center", left_mm=STEP_MM, after=8)
    for d in range(DEPTHS):
        left = STEP_MM * (d + 1)
        para(doc, f"{{%p elif b.jenis == 'kutipan' and b.depth == {d} %}}")
        runs_paragraph(doc, italic=True, left_mm=left + STEP_MM)
        para(doc, f"{{%p elif b.depth == {d} and b.label %}}")
        keep_if_last(runs_paragraph(doc, left_mm=left, first_mm=-STEP_MM, label=True))
        para(doc, f"{{%p elif b.depth == {d} %}}")
        keep_if_last(runs_paragraph(doc, left_mm=left))
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")

    # --- place, date, signature: one block on one page, with the closing before it (.np-penutup) ---
    p = para(doc, "{{ tempat }}, {{ tanggal | tanggal }}", indent_mm=85, after=6)
    p.paragraph_format.space_before = Pt(18)
    before = len(doc.paragraphs)
    signature(doc)
    block = [p] + doc.paragraphs[before:]
    block[1].paragraph_format.space_before = Pt(8)   # .ttd margin-top
    block[1].paragraph_format.space_after = Pt(40)   # room to sign, as the PDF face's .ttd .jabatan
    for k, q in enumerate(block):
        q.paragraph_format.keep_together = True
        if k < len(block) - 1:
            q.paragraph_format.keep_with_next = True
    line_heights(doc)
    save(doc, target)


def line_heights(doc) -> None:
    """Lines 1.2 times their font size, exactly, as the PDF face's line-height (print.css); see
    _build_perwali.line_heights. A paragraph that holds a picture keeps its own (single) spacing."""
    normal = doc.styles["Normal"]
    normal.paragraph_format.line_spacing = Pt(round(normal.font.size.pt * 1.2, 1))
    for p in doc.paragraphs:
        if p.paragraph_format.line_spacing == 1.0:
            continue
        sizes = [r.font.size.pt for r in p.runs if r.font.size]
        if sizes and max(sizes) != normal.font.size.pt:
            p.paragraph_format.line_spacing = Pt(round(max(sizes) * 1.2, 1))


if __name__ == "__main__":
    (HERE / "naskah").mkdir(exist_ok=True)
    naskah_penjelasan(HERE / "naskah" / "penjelasan.docx")
