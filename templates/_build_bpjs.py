"""The bpjs template builder (see build.py): the covering letter of a list sent to BPJS
Ketenagakerjaan and the berita acara rekonsiliasi with both sides' signature blocks."""
from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from build import *  # noqa: F401,F403  (the shared pieces: kop, signature, styles, …)
from build import _cell, _plain_table, _row  # noqa: F401
from _build_verifikasi import _keep_whole, _widths


def surat(target: Path) -> None:
    doc = new_document("A4")
    pdf_measure(doc)
    kop(doc)
    demo_banner(doc)
    surat_head(doc)
    para(doc, "{%p for a in alinea %}")
    para(doc, "{{ a }}", align="justify", first_line_mm=10)
    para(doc, "{%p endfor %}")
    before = len(doc.paragraphs)
    closing(doc)
    _keep_whole(doc.paragraphs[before:])
    before = len(doc.paragraphs)
    tembusan(doc)
    _keep_whole(p for p in doc.paragraphs[before:] if "{%p" not in p.text)
    for t in doc.tables:
        _widths(t, (25, 5, 135))
    save(doc, target)


def berita_acara(target: Path) -> None:
    doc = new_document("A4")
    pdf_measure(doc)
    kop(doc)
    demo_banner(doc)
    para(doc, "BERITA ACARA REKONSILIASI DATA PESERTA DAN IURAN", align="center", bold=True, after=0)
    para(doc, "BULAN {{ periode | upper }}", align="center", bold=True, after=0)
    para(doc, "Nomor: {{ nomor | titik }}", align="center", after=10)
    para(doc, "{{ pembuka }}", align="justify", first_line_mm=10)
    widths = [52, 32, 50, 31]
    t = _plain_table(doc, 4, widths)
    t.style = doc.styles["Table Grid"]
    head = _row(t, ["Uraian", "Data Dinas", "Tagihan BPJS Ketenagakerjaan", "Selisih"], widths, justify_last=False)
    for c in head:
        c.paragraphs[0].runs[0].bold = True
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _row(t, ["{%tr for r in tabel %}", "", "", ""], widths, justify_last=False)
    cells = _row(t, ["{{ r.uraian }}", "{{ r.dinas }}", "{{ r.bpjs }}", "{{ r.selisih }}"], widths, justify_last=False)
    for c in cells[1:]:
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _row(t, ["{%tr endfor %}", "", "", ""], widths, justify_last=False)
    para(doc, "")
    para(doc, "Kode iuran (kode pembayaran) tagihan BPJS Ketenagakerjaan: {{ kode_iuran }}.", align="justify")
    para(doc, "{{ hasil }}", align="justify")
    para(doc, "{%p for x in rincian %}")
    p = para(doc, "{{ loop.index }}.\t{{ x }}{{ ';' if not loop.last else '.' }}", align="justify", indent_mm=8)
    p.paragraph_format.first_line_indent = Mm(-8)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if catatan %}")
    para(doc, "Penjelasan atas perbedaan tersebut: {{ catatan }}", align="justify")
    para(doc, "{%p endif %}")
    para(doc, "Demikian berita acara ini dibuat dalam rangkap 2 (dua) untuk dipergunakan sebagaimana mestinya.",
         align="justify", first_line_mm=10, after=12).paragraph_format.keep_with_next = True
    sig = _plain_table(doc, 2, [82, 83])
    rows = [[("{{ instansi_bpjs }}", True, False), ("{{ pihak_bpjs.jabatan }},", False, False)],
            [("{{ instansi_dinas }}", True, False), ("{{ pihak_dinas.jabatan }},", False, False)],
            [("", False, False)], [("", False, False)],
            [("{{ pihak_bpjs.nama | titik }}", True, True)],
            [("{{ pihak_dinas.nama | titik }}", True, True),
             ("{% if pihak_dinas.pangkat %}{{ pihak_dinas.pangkat }}{% endif %}", False, False),
             ("NIP. {{ pihak_dinas.nip | titik(24) }}", False, False)]]
    for k in range(3):  # the offices and titles, the room to sign, the names: each on one line across
        cells = sig.add_row().cells
        for cell, lines in zip(cells, rows[2 * k:2 * k + 2]):
            cell.width = Mm(82)
            for j, (text, bold, underline) in enumerate(lines):
                p = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
                if text:
                    r = p.add_run(text)
                    r.bold, r.underline = bold, underline
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(36 if k == 1 else 0)
                p.paragraph_format.keep_with_next = True
                p.paragraph_format.keep_together = True
        cant_split(sig.rows[k])
    save(doc, target)


def bpjs() -> None:
    (HERE / "bpjs").mkdir(exist_ok=True)
    surat(HERE / "bpjs" / "surat.docx")
    berita_acara(HERE / "bpjs" / "berita-acara.docx")
