"""The iuran template builder (see build.py): the letter to BPJS Ketenagakerjaan and, after a page
break, its recap (by sector, by kecamatan, the month's changes) — the same wording as
templates/iuran/surat.html and rekap.html. The budget is not in it: it is internal
(rekap-internal.html only).

Word and LibreOffice keep the signature block whole (every paragraph of it, and the closing
sentence before it, "keep with next"), tables have fixed column widths wide enough for their
labels and figures (cells do not wrap), table rows do not split across pages, and a table's header
row repeats."""
from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from build import *  # noqa: F401,F403  (the shared pieces: kop, signature, styles, …)
from build import _plain_table  # noqa: F401

SIZE = 10  # table text, pt


def _keep_with_next(paragraphs) -> None:
    for p in paragraphs:
        p.paragraph_format.keep_with_next = True


def _no_wrap(cell) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:noWrap")
    tcPr.append(el)


def _row_props(row, header: bool = False) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))
    if header:
        trPr.append(OxmlElement("w:tblHeader"))


def _fill(cell, text: str, width_mm: float, *, bold=False, right=False, center=False, shade=False) -> None:
    cell.width = Mm(width_mm)
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    if text:
        r = p.add_run(text)
        r.font.size = Pt(SIZE)
        r.bold = bold
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _no_wrap(cell)
    if shade:
        tcPr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "E8E8E8")
        tcPr.append(shd)


def _table(doc, widths, header, rows, loop=None, total=None, right=(1, 2, 3)):
    """A grid table: the header row (repeated on each page), `rows` (lists of cell texts) and, with
    `loop` ("r in per_sektor"), a docxtpl row loop around them, then an optional bold `total` row."""
    t = _plain_table(doc, len(widths), list(widths))
    t.style = "Table Grid"
    cells = t.add_row().cells
    _row_props(t.rows[-1], header=True)
    for c, (text, w) in enumerate(zip(header, widths)):
        _fill(cells[c], text, w, bold=True, center=True, shade=True)

    def plain(texts, bold=False):
        cells = t.add_row().cells
        _row_props(t.rows[-1])
        for c, (text, w) in enumerate(zip(texts, widths)):
            _fill(cells[c], text, w, bold=bold, right=c in right)

    def tag(text):
        cells = t.add_row().cells
        cells[0].text = text

    if loop:
        tag(f"{{%tr for {loop} %}}")
    for r in rows:
        plain(r)
    if loop:
        tag("{%tr endfor %}")
    if total:
        plain(total, bold=True)
    return t


def _signature_kept_whole(doc, first_of_block) -> None:
    """Every paragraph from `first_of_block` to the signature's last line keeps with the next."""
    paras = doc.paragraphs
    start = next(i for i, p in enumerate(paras) if p._p is first_of_block._p)
    _keep_with_next(paras[start:-1])


def letter(doc) -> None:
    kop(doc)
    demo_banner(doc)
    surat_head(doc)
    para(doc, "{%p if koreksi %}")
    para(doc, "Menunjuk surat kami Nomor {{ koreksi.nomor_asal }} tanggal {{ koreksi.tanggal_asal | tanggal }} hal "
              "Penyampaian Data dan Pembayaran Iuran bulan {{ periode }}, dengan ini kami sampaikan koreksi atas data "
              "dan iuran bulan tersebut karena {{ koreksi.alasan }}. Surat ini menggantikan data sebelumnya "
              "({{ koreksi.peserta_asal | angka_kata }} orang, {{ koreksi.jumlah_asal | rupiah_terbilang }}).",
         align="justify", first_line_mm=10)
    para(doc, "{%p endif %}")
    para(doc, "Berdasarkan {{ dasar_sk }}, bersama ini kami sampaikan data peserta yang iurannya dibayarkan oleh "
              "{{ pemerintah }} untuk bulan {{ periode }} sebanyak {{ total.peserta | angka_kata }} orang, dengan "
              "rincian iuran sebagai berikut:", align="justify", first_line_mm=10)
    _table(doc, (61, 22, 37, 45), ("Program", "Peserta", "Iuran per Orang", "Jumlah"),
           [("Jaminan Kecelakaan Kerja (JKK)", "{{ total.peserta | ribuan }}", "{{ tarif_jkk | rupiah }}",
             "{{ total.jkk | rupiah }}"),
            ("Jaminan Kematian (JKM)", "{{ total.peserta | ribuan }}", "{{ tarif_jkm | rupiah }}",
             "{{ total.jkm | rupiah }}")],
           total=("Jumlah", "{{ total.peserta | ribuan }}", "{{ tarif | rupiah }}", "{{ total.jumlah | rupiah }}"))
    para(doc, "")
    para(doc, "{%p if terlambat %}")
    para(doc, "Jumlah iuran bulan {{ periode }} sebesar {{ total.jumlah | rupiah_terbilang }}, yang jatuh tempo pada "
              "tanggal {{ jatuh_tempo | tanggal }} sesuai dengan {{ dasar_jatuh_tempo }}, kami bayarkan segera "
              "setelah surat ini.{% if tagihan %} {{ kalimat_tagihan }}{% endif %}", align="justify", first_line_mm=10)
    para(doc, "{%p else %}")
    para(doc, "Jumlah iuran bulan {{ periode }} sebesar {{ total.jumlah | rupiah_terbilang }} akan kami bayarkan "
              "paling lambat tanggal {{ jatuh_tempo | tanggal }} sesuai dengan {{ dasar_jatuh_tempo }}."
              "{% if tagihan %} {{ kalimat_tagihan }}{% endif %}",
         align="justify", first_line_mm=10)
    para(doc, "{%p endif %}")
    para(doc, "{{ kalimat_perubahan }} Rinciannya sebagaimana tercantum dalam rekapitulasi terlampir. "
              "{{ kalimat_mutasi }}",
         align="justify", first_line_mm=10)
    para(doc, "Data peserta ({{ isi_data }}){% if mutasi_tambah or mutasi_kurang %} dan data mutasi peserta"
              "{% endif %} kami sampaikan dalam berkas elektronik tersendiri karena memuat data pribadi yang "
              "dilindungi Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi. {{ kalimat_kpj }}",
         align="justify", first_line_mm=10)
    closing(doc)
    _signature_kept_whole(doc, next(p for p in reversed(doc.paragraphs) if p.text.startswith("Demikian")))
    tembusan(doc)
    heading = next(p for p in reversed(doc.paragraphs) if p.text == "Tembusan:")
    heading.paragraph_format.keep_with_next = True


def recap(doc) -> None:
    p = para(doc, "", after=0)
    p.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "REKAPITULASI IURAN JAMINAN SOSIAL KETENAGAKERJAAN", align="center", bold=True, after=0)
    para(doc, "BAGI PEKERJA RENTAN BULAN {{ periode | upper }}", align="center", bold=True, after=4)
    para(doc, "Lampiran surat Nomor {{ nomor }} tanggal {{ tanggal | tanggal }}", align="center", after=2)
    widths = (12, 83, 25, 45)

    def heading(text):
        h = para(doc, text, bold=True, size=11, after=2)
        h.paragraph_format.space_before = Pt(8)
        h.paragraph_format.keep_with_next = True

    for title, kolom, var in (("A. Menurut Sektor", "Sektor", "per_sektor"),
                              ("B. Menurut Kecamatan", "Kecamatan", "per_kecamatan")):
        heading(title)
        _table(doc, widths, ("No", kolom, "Peserta", "Iuran (JKK + JKM)"),
               [("{{ loop.index }}", "{{ r.nama }}", "{{ r.peserta | ribuan }}", "{{ r.jumlah | rupiah }}")],
               loop=f"r in {var}", total=("", "Jumlah", "{{ total.peserta | ribuan }}", "{{ total.jumlah | rupiah }}"),
               right=(0, 2, 3))
    heading("C. Perubahan Peserta dibandingkan dengan Bulan {{ bulan_sebelumnya }}")
    _table(doc, (120, 45), ("Uraian", "Peserta"),
           [("{% if r.rincian %}\u00a0\u00a0\u00a0– {% endif %}{{ r.uraian }}", "{{ r.teks }}")], loop="r in perubahan[:-1]",
           total=("{{ perubahan[-1].uraian }}", "{{ perubahan[-1].teks }}"), right=(1,))
    para(doc, "{{ kalimat_perubahan }}", align="justify", after=2).paragraph_format.space_before = Pt(8)
    heading("D. Mutasi, Nomor KPJ dan Tagihan")
    _table(doc, (120, 45), ("Uraian", "Peserta"), [("{{ r.uraian }}", "{{ r.teks }}")], loop="r in mutasi_rekap",
           right=(1,))
    sentence = para(doc, "{{ kalimat_mutasi }} {{ kalimat_kpj }}{% if tagihan %} {{ kalimat_tagihan }}{% endif %}",
                    align="justify", after=8)
    sentence.paragraph_format.space_before = Pt(8)
    signature(doc)
    _signature_kept_whole(doc, sentence)


def iuran(target: Path) -> None:
    """The monthly remittance letter to BPJS Ketenagakerjaan and its recap
    (rentan.documents.iuran.Iuran)."""
    doc = new_document("A4")
    sec = doc.sections[0]
    p = sec.header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{% if demo and not konsep %}DEMO — DATA SINTETIS, BUKAN NASKAH DINAS{% endif %}")
    r.bold, r.font.size = True, Pt(9)
    letter(doc)
    recap(doc)
    save(doc, target)
