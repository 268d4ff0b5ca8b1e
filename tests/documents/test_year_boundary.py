"""The year boundary in the remittance (issue 14): December 2026 pays the 2026 participants still
covered, January 2027 those of the 2027 decree, and the January letter says who continues, who is
new and who is no longer covered — and why — against December."""
import datetime as dt

from rentan.documents.iuran import issue_month
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import end_participant

from ..registry.helpers import person, write_xlsx
from ..year import set_year, year_rows

SK26, SK27 = "100.3.3.2/1/2025", "100.3.3.2/1/2026"


def old(i: int) -> dict:
    """Covered in 2026 at 64, 65 on 1 January 2027: too old for the next year."""
    return person(i, **{"No. KTP": f"6471011512{61}{i:04d}", "Tempat/Tgl Lahir": "Balikpapan, 15-12-1961"})


def nik(i: int) -> str:
    return (old(i) if i == 9 else person(i))["No. KTP"]


def test_december_and_january_across_the_boundary(home, tmp_path, clock):
    rows26 = [person(i) for i in range(1, 9)] + [old(9)]
    import_registry(write_xlsx(tmp_path / "2026.xlsx", rows26), 2026)
    set_year([nik(i) for i in range(1, 10)], 2026, status="ditetapkan", nomor_sk=SK26, mulai=dt.date(2026, 1, 1),
             validasi="diterima")
    end_participant(nik(3), "meninggal", dt.date(2026, 5, 10))  # ended mid-year
    clock("2026-10-05")
    # the 2027 round: 1, 2, 5, 6 continue, 7 is proposed again but rejected, 8 is not proposed, 9 is
    # proposed but too old for 2027 (the import refuses that row); 10 and 11 are new
    r = import_registry(write_xlsx(tmp_path / "2027.xlsx", [person(i) for i in (1, 2, 5, 6, 7, 10, 11)] + [old(9)]),
                        2027)
    assert [(o.baris, o.violations[0].pesan) for o in r.ditolak] == [(11, "berusia 65 tahun pada 1 Januari 2027")]
    set_year([nik(i) for i in (1, 2, 5, 6, 10, 11)], 2027, status="ditetapkan", nomor_sk=SK27,
             mulai=dt.date(2027, 1, 1), validasi="diterima")
    set_year([nik(7)], 2027, status="ditolak", alasan_status="tidak sesuai pada verifikasi ulang: sudah bekerja formal")
    end_participant(nik(4), "pindah", dt.date(2026, 12, 10))  # ended in December: paid for December

    clock("2026-12-02")
    dec = issue_month("2026-12").ringkasan
    assert (dec["peserta"], dec["jumlah"]) == (8, 8 * 16_800)  # all of 2026 but 3, who died in May
    clock("2027-01-04")
    jan = issue_month("2027-01")
    s = jan.ringkasan
    assert (s["peserta"], s["lanjutan"], s["baru"], s["berakhir"], s["sebelumnya"]) == (6, 4, 2, 4, 8)
    assert s["berakhir_per_alasan"] == {"pindah domisili ke luar Kota Balikpapan": 1,
                                        "tidak memenuhi syarat kepesertaan tahun 2027": 1,
                                        "tidak ditetapkan kembali dalam Keputusan Wali Kota Balikpapan tahun 2027": 2}
    assert s["keputusan"] == [{"nomor": SK27, "tanggal": None}] and s["mutasi"] == {"tambah": 2, "kurang": 4}
    from pypdf import PdfReader
    text = " ".join(" ".join((pg.extract_text() or "").split()) for pg in PdfReader(jan.folder / "naskah.pdf").pages)
    assert ("Dibandingkan dengan bulan Desember 2026: 4 (empat) peserta lanjutan dari tahun 2026, 2 (dua) peserta "
            "baru, dan 4 (empat) peserta tidak lagi ditanggung, yaitu pindah domisili ke luar Kota Balikpapan "
            "sebanyak 1 (satu) orang, tidak memenuhi syarat kepesertaan tahun 2027 sebanyak 1 (satu) orang, dan tidak "
            "ditetapkan kembali dalam Keputusan Wali Kota Balikpapan tahun 2027 sebanyak 2 (dua) orang.") in text
    assert "sebanyak 6 (enam) orang" in text and "Rp100.800,00 (seratus ribu delapan ratus rupiah)" in text
    # every 2026 row is as it was: the 2027 letter changed nothing of 2026
    rows = year_rows(2026)
    assert rows[nik(3)].status == "berakhir" and rows[nik(1)].nomor_sk == SK26
