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
    t = doc.add_table(rows=0, cols=3)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, value in rows:
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, ":", value
    for row in t.rows:
        row.cells[0].width, row.cells[1].width, row.cells[2].width = Mm(label_mm), Mm(5), Mm(130)


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


def verifikasi(target: Path) -> None:
    doc = new_document("A4")
    kop(doc)
    para(doc, "{%p if demo %}")
    para(doc, "DEMO — DATA SINTETIS, BUKAN NASKAH DINAS", align="center", bold=True)
    para(doc, "{%p endif %}")
    para(doc, "{%p if nota_dinas %}")
    para(doc, "NOTA DINAS", align="center", bold=True, underline=True, after=8)
    fields_table(doc, [("Yth.", "{{ kepada }}"), ("Dari", "{{ dari }}"), ("Tembusan", "{{ tembusan | join('; ') }}"),
                       ("Tanggal", "{{ tanggal | tanggal }}"), ("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"),
                       ("Lampiran", "{{ lampiran }}"), ("Hal", "{{ hal }}")])
    para(doc, "{%p else %}")
    para(doc, "Balikpapan, {{ tanggal | tanggal }}", align="right")
    fields_table(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                       ("Hal", "{{ hal }}")])
    para(doc, "")
    para(doc, "Yth. {{ kepada }}", after=0)
    para(doc, "di –", after=0)
    para(doc, "Balikpapan", indent_mm=8)
    para(doc, "{%p endif %}")
    para(doc, "Dalam rangka penetapan peserta bantuan iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan "
              "Kota Balikpapan Tahun {{ tahun }} sebagaimana diatur dalam {{ dasar }}, bersama ini kami sampaikan "
              "daftar calon peserta yang verifikasinya menjadi tugas {{ instansi }} sebanyak "
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
    para(doc, "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.", align="justify",
         first_line_mm=10, after=12)
    signature(doc)
    para(doc, "{%p if not nota_dinas %}")
    tembusan(doc)
    para(doc, "{%p endif %}")
    doc.save(str(target))


BUILDERS = {"verifikasi": lambda: verifikasi(HERE / "verifikasi" / "memo.docx")}

if __name__ == "__main__":
    for name in sys.argv[1:] or BUILDERS:
        BUILDERS[name]()
        print(f"built {name}")
