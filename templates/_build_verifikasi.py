"""The verifikasi template builder (see build.py)."""
from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from build import *  # noqa: F401,F403  (the shared pieces: kop, signature, styles, …)
from build import _cell, _field, _page_number_header, _plain_table, _row  # noqa: F401


def _keep_whole(paragraphs) -> None:
    """Word and LibreOffice keep these paragraphs on one page: each is kept with the next (the last
    one ends the block) and none is split across pages."""
    paragraphs = list(paragraphs)
    for k, p in enumerate(paragraphs):
        pf = p.paragraph_format
        pf.keep_together = True
        if k < len(paragraphs) - 1:
            pf.keep_with_next = True


def verifikasi(target: Path) -> None:
    doc = new_document("A4")  # with the KONSEP mark at the top of every page of a konsep
    pdf_measure(doc)
    kop(doc)
    demo_banner(doc)
    para(doc, "{%p if nota_dinas %}")
    para(doc, "NOTA DINAS", align="center", bold=True, underline=True, after=8)
    fields_table(doc, [("Yth.", "{{ kepada }}"), ("Dari", "{{ dari }}"),
                       ("{%tr if tembusan %}", ""), ("Tembusan", "{{ tembusan | join('; ') }}"), ("{%tr endif %}", ""),
                       ("Tanggal", "{{ tanggal | tanggal }}"), ("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"),
                       ("Lampiran", "{{ lampiran }}"), ("Hal", "{{ hal }}")])
    para(doc, "{%p else %}")
    surat_head(doc)
    para(doc, "{%p endif %}")
    para(doc, "Dalam rangka penetapan peserta bantuan iuran Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan "
              "Kota Balikpapan Tahun {{ tahun }} sebagaimana diatur dalam {{ dasar }}, bersama ini kami sampaikan "
              "{{ daftar }}", align="justify", first_line_mm=10)
    para(doc, "{%p for r in rincian %}")
    p = para(doc, "{{ r.label }}\t{{ r.sektor }}: {{ r.jumlah | angka_kata }} orang{{ r.tanda }}", indent_mm=18,
             after=0)
    p.paragraph_format.first_line_indent = Mm(-8)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(18))
    para(doc, "{%p endfor %}")
    para(doc, "Sehubungan dengan hal tersebut, kami mohon bantuan Saudara untuk memverifikasi kesesuaian data calon "
              "peserta dengan keadaan sebenarnya (pekerjaan, domisili, dan penghasilan), mengisi kolom “Hasil "
              "Verifikasi” (Sesuai/Tidak Sesuai) dan “Keterangan” pada formulir isian terlampir, serta "
              "menyampaikannya kembali paling lambat tanggal {{ batas | tanggal }}{% if batas_dasar %}, "
              "{{ 'mengikuti batas waktu' if nota_dinas else 'yaitu' }} {{ batas_hari }} hari kerja sebagaimana "
              "dimaksud dalam {{ batas_dasar }} Peraturan Wali Kota tersebut{% endif %}.", align="justify",
         first_line_mm=10)
    para(doc, "{%p if lanjutan %}")
    para(doc, "Bagi peserta tahun {{ tahun - 1 }} yang diverifikasi ulang (bertanda “Lanjutan” pada formulir), "
              "mohon dipastikan pula bahwa yang bersangkutan masih bekerja pada sektor yang sama, masih "
              "berdomisili di Kota Balikpapan, dan belum bekerja sebagai pekerja penerima upah.", align="justify",
         first_line_mm=10)
    para(doc, "{%p endif %}")
    para(doc, "{%p if ojek_online %}")
    para(doc, "Bagi pengemudi ojek online, kolom “Surat Aplikator” pada formulir menunjukkan apakah surat keterangan "
              "dari perusahaan aplikasi telah kami terima; surat tersebut telah kami terima untuk "
              "{{ surat_aplikator_ada | angka_kata }} dari {{ ojek_online | angka_kata }} orang.", align="justify",
         first_line_mm=10)
    para(doc, "{%p endif %}")
    para(doc, "Lampiran memuat data pribadi (NIK) yang dilindungi Undang-Undang Nomor 27 Tahun 2022 tentang "
              "Pelindungan Data Pribadi; mohon hanya digunakan untuk keperluan verifikasi dan tidak "
              "disebarluaskan.", align="justify", first_line_mm=10)
    before = len(doc.paragraphs)
    closing(doc)  # "Demikian …" and the signature block: kept on one page
    block = doc.paragraphs[before:]
    _keep_whole(block)
    block[1].paragraph_format.space_after = Pt(40)  # room to sign, as the PDF face leaves (.ttd .jabatan)
    para(doc, "{%p if not nota_dinas %}")
    before = len(doc.paragraphs)
    tembusan(doc)
    _keep_whole(p for p in doc.paragraphs[before:] if "{%p" not in p.text)  # "Tembusan:" with its list
    para(doc, "{%p endif %}")
    for t in doc.tables:  # label and colon columns as wide as the PDF face's, plus LibreOffice's cell margins
        _widths(t, (25, 5, 135))
    save(doc, target)


def _widths(t, widths_mm) -> None:
    for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        gc.set(qn("w:w"), str(int(Mm(w).twips)))
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(1)
