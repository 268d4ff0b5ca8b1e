"""`rentan bpjs …` as a clerk runs it: what was applied in one summary, a refusal in one line."""
import datetime as dt

from ..registry.helpers import person, write_xlsx
from ..test_cli_failures import assert_one_clean_line, rentan
from ..year import set_year
from . import sheets
from .test_exchange import ident, nik


def test_an_answer_is_applied_and_a_refusal_is_one_line(home, tmp_path):
    from rentan.registry.importer import import_registry
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 4)]), 2026)
    set_year([nik(i) for i in range(1, 4)], 2026, status="terverifikasi")
    from rentan.documents.bpjs import issue_validasi  # (its flow runs below: berita-acara)
    issue_validasi(2026, tanggal_surat=dt.date(2025, 12, 1), final=True)
    answer = sheets.validation_answer(tmp_path / "v.xlsx", [ident(i) for i in range(1, 4)],
                                      {nik(2): ("Ditolak", "NIK tidak ditemukan di Dukcapil")})
    done = rentan("bpjs", "validasi-impor", answer)
    assert done.returncode == 0 and "3 baris; 2 diterima, 1 ditolak" in done.stdout and nik(2) not in done.stdout
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan lembar kerja")
    assert_one_clean_line(rentan("bpjs", "validasi-impor", tmp_path / "rusak.xlsx"), 2, "rusak.xlsx")
    assert_one_clean_line(rentan("bpjs", "catat-selisih", "--periode", "2026-01", "--alasan", "tagihan belum datang"),
                          2, "belum ada tagihan BPJS untuk periode 2026-01")
