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
