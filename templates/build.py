"""Builds the DOCX templates in this folder with python-docx. The DOCX files are the source staff
edit in Word afterwards; run this only to recreate a template from scratch:

    python templates/build.py            # all templates
    python templates/build.py verifikasi # one

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
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.docx"
        doc.save(str(raw))
        normalize_zip(raw, Path(target), dt.date(2025, 1, 1))


def new_document(paper: str = "A4") -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = PAPER[paper]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(22), Mm(25), Mm(20)
    st = doc.styles["Normal"]
    st.font.name, st.font.size = FONT, Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    st.paragraph_format.space_after = Pt(4)
    st.paragraph_format.line_spacing = 1.15
    _page_footer(sec)
    return doc


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
    para(doc, "PEMERINTAH KOTA BALIKPAPAN", align="center", bold=True, size=14, after=0)
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
    para(doc, "{{ loop.index }}. {{ t }}{{ ';' if not loop.last else '.' }}", size=11, after=0, indent_mm=4)
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
    para(doc, "Balikpapan, {{ tanggal | tanggal }}", align="right")
    fields_table(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                       ("Hal", "{{ hal }}")])
    para(doc, "")
    para(doc, "Yth. {{ kepada }}", after=0)
    para(doc, "di –", after=0)
    para(doc, "Balikpapan", indent_mm=8)


def verifikasi(target: Path) -> None:
    doc = new_document("A4")
    kop(doc)
    demo_banner(doc)
    para(doc, "{%p if nota_dinas %}")
    para(doc, "NOTA DINAS", align="center", bold=True, underline=True, after=8)
    fields_table(doc, [("Yth.", "{{ kepada }}"), ("Dari", "{{ dari }}"), ("Tembusan", "{{ tembusan | join('; ') }}"),
                       ("Tanggal", "{{ tanggal | tanggal }}"), ("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"),
                       ("Lampiran", "{{ lampiran }}"), ("Hal", "{{ hal }}")])
    para(doc, "{%p else %}")
    surat_head(doc)
    para(doc, "{%p endif %}")
    para(doc, "Dalam rangka penetapan peserta bantuan iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan "
              "Kota Balikpapan Tahun {{ tahun }} sebagaimana diatur dalam {{ dasar }}, bersama ini kami sampaikan "
              "daftar calon peserta yang verifikasinya menjadi tugas {{ 'bidang Saudara' if nota_dinas else instansi }} sebanyak "
              "{{ jumlah | angka_kata }} orang, dengan rincian:", align="justify", first_line_mm=10)
    para(doc, "{%p for r in rincian %}")
    para(doc, "{{ 'abcdefghijklmnopqrstuvwxyz'[loop.index0] }}. {{ r.sektor }}: {{ r.jumlah | angka_kata }} orang"
              "{{ ';' if not loop.last else '.' }}", indent_mm=10, after=0)
    para(doc, "{%p endfor %}")
    para(doc, "Sehubungan dengan hal tersebut, kami mohon bantuan Saudara untuk memverifikasi kesesuaian data calon "
              "peserta dengan keadaan sebenarnya (pekerjaan, domisili, dan penghasilan), mengisi kolom “Hasil "
              "Verifikasi” (Sesuai/Tidak Sesuai) dan “Keterangan” pada formulir isian terlampir, serta "
              "menyampaikannya kembali paling lambat tanggal {{ batas | tanggal }}.", align="justify", first_line_mm=10)
    para(doc, "Lampiran memuat data pribadi (NIK) yang dilindungi Undang-Undang Nomor 27 Tahun 2022 tentang "
              "Pelindungan Data Pribadi; mohon hanya digunakan untuk keperluan verifikasi dan tidak "
              "disebarluaskan.", align="justify", first_line_mm=10)
    closing(doc)
    para(doc, "{%p if not nota_dinas %}")
    tembusan(doc)
    para(doc, "{%p endif %}")
    save(doc, target)


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


def iuran(target: Path) -> None:
    """The monthly remittance letter to BPJS Ketenagakerjaan (rentan.documents.iuran.Iuran)."""
    doc = new_document("A4")
    kop(doc)
    demo_banner(doc)
    surat_head(doc)
    para(doc, "{%p if koreksi %}")
    para(doc, "Menunjuk surat kami Nomor {{ koreksi.nomor_asal }} tanggal {{ koreksi.tanggal_asal | tanggal }} hal "
              "Penyampaian Data dan Pembayaran Iuran bulan {{ periode }}, dengan ini kami sampaikan koreksi atas data "
              "dan iuran bulan tersebut karena {{ koreksi.alasan }}. Surat ini menggantikan data sebelumnya "
              "({{ koreksi.peserta_asal | ribuan }} peserta, {{ koreksi.jumlah_asal | rupiah }}).", align="justify",
         first_line_mm=10)
    para(doc, "{%p endif %}")
    para(doc, "Berdasarkan Keputusan Wali Kota Balikpapan Nomor {{ nomor_sk | join(', ') }} tentang Penetapan Peserta "
              "Penerima Bantuan Iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan, bersama ini kami sampaikan "
              "data peserta yang iurannya dibayarkan oleh Pemerintah Kota Balikpapan untuk bulan {{ periode }} "
              "sebanyak {{ total.peserta | angka_kata }} orang, dengan rincian iuran sebagai berikut:",
         align="justify", first_line_mm=10)
    widths = (62, 25, 33, 40)
    t = _plain_table(doc, 4, list(widths))
    t.style = "Table Grid"
    for _ in range(4):
        t.add_row()
    rows = [("Program", "Peserta", "Iuran per Orang", "Jumlah"),
            ("Jaminan Kecelakaan Kerja (JKK)", "{{ total.peserta | ribuan }}", "{{ tarif_jkk | rupiah }}",
             "{{ total.jkk | rupiah }}"),
            ("Jaminan Kematian (JKM)", "{{ total.peserta | ribuan }}", "{{ tarif_jkm | rupiah }}", "{{ total.jkm | rupiah }}"),
            ("Jumlah", "{{ total.peserta | ribuan }}", "{{ tarif | rupiah }}", "{{ total.jumlah | rupiah }}")]
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            cell = t.cell(r, c)
            cell.text = v
            run = cell.paragraphs[0].runs[0]
            run.font.size = Pt(10)
            run.bold = r in (0, 3)
            cell.width = Mm(widths[c])
            if r and c:  # figures line up on the right
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para(doc, "")
    para(doc, "Jumlah iuran bulan {{ periode }} sebesar {{ total.jumlah | rupiah_terbilang }} akan dibayarkan paling "
              "lambat tanggal {{ jatuh_tempo | tanggal }}. Dibandingkan bulan sebelumnya terdapat {{ baru | ribuan }} "
              "peserta baru dan {{ berakhir | ribuan }} peserta yang kepesertaannya berakhir{% if berakhir_rincian %} "
              "({% for r in berakhir_rincian %}{{ r.nama }}: {{ r.peserta | ribuan }}{{ ', ' if not loop.last }}"
              "{% endfor %}){% endif %}, sebagaimana rekapitulasi terlampir.", align="justify", first_line_mm=10)
    para(doc, "Data peserta (NIK, nomor KPJ, nama, tanggal lahir dan besaran iuran) kami sampaikan dalam berkas "
              "elektronik tersendiri karena memuat data pribadi yang dilindungi Undang-Undang Nomor 27 Tahun 2022 "
              "tentang Pelindungan Data Pribadi.", align="justify", first_line_mm=10)
    closing(doc)
    tembusan(doc)
    save(doc, target)

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
        pPr = st.element.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            b = OxmlElement(f"w:{side}")
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), "4")
            b.set(qn("w:space"), "4")
            b.set(qn("w:color"), "000000")
            bdr.append(b)
        pPr.append(bdr)
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


def perwali_naskah(target: Path) -> None:
    """The Rancangan and the naskah terpadu: a whole regulation as a loop over its blocks."""
    doc = new_document("F4")
    _page_number_header(doc.sections[0])
    perwali_styles(doc)
    styled(doc, "{%p for b in blocks %}")
    legal_blocks(doc)
    styled(doc, "{%p endfor %}")
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
    doc = new_document("F4")
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

    widths = (Mm(12), Mm(105), Mm(105), Mm(68))
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
    cant_split = OxmlElement("w:cantSplit")   # keep a row on one page where it fits
    data._tr.get_or_add_trPr().append(cant_split)
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
    _cell_text(alasan, "{{ r.alasan }}", "Matriks Alasan")
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
    body = doc.element.body
    first = body[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
        body.remove(first)
    save(doc, target)


def perwali() -> None:
    (HERE / "perwali").mkdir(exist_ok=True)
    perwali_naskah(HERE / "perwali" / "naskah.docx")
    perwali_matriks(HERE / "perwali" / "matriks.docx")


def naskah() -> None:
    from _build_naskah import naskah_penjelasan  # a builder of its own: the Markdown blocks' styles
    (HERE / "naskah").mkdir(exist_ok=True)
    naskah_penjelasan(HERE / "naskah" / "penjelasan.docx")


BUILDERS = {
    "verifikasi": lambda: verifikasi(HERE / "verifikasi" / "memo.docx"),
    "iuran": lambda: iuran(HERE / "iuran" / "surat.docx"),
    "sk": lambda: sk(HERE / "sk" / "keputusan.docx"),
    "perwali": perwali,
    "naskah": naskah,
}


if __name__ == "__main__":
    for name in sys.argv[1:] or BUILDERS:
        BUILDERS[name]()
        print(f"built {name}")
