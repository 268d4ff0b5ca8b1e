"""(to be merged into build.py) The monthly remittance letter."""
from pathlib import Path

from docx.shared import Mm, Pt

from build import HERE, fields_table, kop, new_document, para, signature, tembusan


def iuran(target: Path) -> None:
    doc = new_document("A4")
    kop(doc)
    para(doc, "{%p if demo %}")
    para(doc, "DEMO — DATA SINTETIS, BUKAN NASKAH DINAS", align="center", bold=True)
    para(doc, "{%p endif %}")
    para(doc, "Balikpapan, {{ tanggal | tanggal }}", align="right")
    fields_table(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                       ("Hal", "{{ hal }}")])
    para(doc, "")
    para(doc, "Yth. {{ kepada }}", after=0)
    para(doc, "di –", after=0)
    para(doc, "Balikpapan", indent_mm=8)
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
    t = doc.add_table(rows=4, cols=4)
    t.style = "Table Grid"
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
    for row in t.rows:
        for c, w in enumerate((Mm(62), Mm(25), Mm(33), Mm(40))):
            row.cells[c].width = w
    para(doc, "")
    para(doc, "Jumlah iuran bulan {{ periode }} sebesar {{ total.jumlah | rupiah_terbilang }} akan dibayarkan paling "
              "lambat tanggal {{ jatuh_tempo | tanggal }}. Dibandingkan bulan sebelumnya terdapat {{ baru | ribuan }} "
              "peserta baru dan {{ berakhir | ribuan }} peserta yang kepesertaannya berakhir{% if berakhir_rincian %} "
              "({% for r in berakhir_rincian %}{{ r.nama }}: {{ r.peserta | ribuan }}{{ ', ' if not loop.last }}"
              "{% endfor %}){% endif %}, sebagaimana rekapitulasi terlampir.", align="justify", first_line_mm=10)
    para(doc, "Data peserta (NIK, nomor KPJ, nama, tanggal lahir dan besaran iuran) kami sampaikan dalam berkas "
              "elektronik tersendiri karena memuat data pribadi yang dilindungi Undang-Undang Nomor 27 Tahun 2022 "
              "tentang Pelindungan Data Pribadi.", align="justify", first_line_mm=10)
    para(doc, "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.", align="justify",
         first_line_mm=10, after=12)
    signature(doc)
    tembusan(doc)
    doc.save(str(target))


if __name__ == "__main__":
    iuran(HERE / "iuran" / "surat.docx")
