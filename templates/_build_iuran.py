"""The iuran template builder (see build.py)."""
from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from build import *  # noqa: F401,F403  (the shared pieces: kop, signature, styles, …)
from build import _cell, _field, _page_number_header, _plain_table, _row  # noqa: F401


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
