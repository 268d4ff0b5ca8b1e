"""The SK after BPJS's validation (issue 15 item 1, Perwali Pasal 8): a final decree lists only the
verified candidates BPJS accepted and cites the validation; it is refused while any verified
candidate of the year has no answer yet; a konsep may be drafted before and says what is awaited."""
from __future__ import annotations

import datetime as dt

import pytest

from rentan.documents import sk
from rentan.documents.sk import SkDitolak, docx_text, issue_sk, pdf_text

from ..year import set_year, year_rows
from .test_sk import NOMOR, TAHUN, TANGGAL, build_registry, state

BPJS = "BPJS Ketenagakerjaan Kantor Cabang Balikpapan"


def test_a_final_decree_waits_for_every_answer_and_a_konsep_says_what_is_awaited(home, tmp_path):
    rows = build_registry(tmp_path, validasi=None)
    niks = [r["No. KTP"] for r in rows]
    before = state()
    with pytest.raises(SkDitolak) as e:
        issue_sk(TAHUN, tanggal_penetapan=TANGGAL, final=True)
    assert str(e.value) == ("SK penetapan peserta tahun 2026 belum dapat diterbitkan final: 12 calon peserta "
                            "terverifikasi belum mendapat jawaban validasi BPJS Ketenagakerjaan; impor jawabannya "
                            "lebih dahulu (rentan bpjs validasi-impor), atau susun konsep dahulu.")
    assert state() == before

    konsep = issue_sk(TAHUN, tanggal_penetapan=TANGGAL)
    assert konsep.ringkasan["validasi"] == {"diterima": 0, "menunggu": 12}
    awaited = f"serta hasil validasi oleh {BPJS}, yang untuk 12 (dua belas) calon peserta masih ditunggu;"
    body = docx_text(konsep.file(sk.FILES["keputusan_docx"]))
    assert awaited in body and "KONSEP" in body
    assert awaited in pdf_text(konsep.file(sk.FILES["publik_pdf"]), pages=konsep.ringkasan["halaman"]["keputusan"])
    after = state()  # a konsep takes no number and changes nobody (it records only itself)
    assert (after["peserta"], after["nomor"]) == (before["peserta"], before["nomor"])

    # half answered: the konsep says both; the final is still refused for the other half
    set_year(niks[:6], TAHUN, validasi="diterima")
    with pytest.raises(SkDitolak, match="6 calon peserta terverifikasi belum mendapat jawaban validasi"):
        issue_sk(TAHUN, tanggal_penetapan=TANGGAL, final=True)


def test_the_final_decree_lists_only_those_bpjs_accepted_and_cites_the_validation(home, tmp_path):
    rows = build_registry(tmp_path)
    niks = [r["No. KTP"] for r in rows]
    refused = niks[:2]  # as import_validasi leaves those BPJS refused
    set_year(refused, TAHUN, status="ditolak", validasi="ditolak", alasan_validasi="sudah terdaftar",
             alasan_status="ditolak BPJS Ketenagakerjaan pada validasi: sudah terdaftar")
    h = issue_sk(TAHUN, tanggal_penetapan=TANGGAL, final=True)
    assert (h.nomor, h.ringkasan["jumlah"], h.ringkasan["validasi"]) == (NOMOR, 10, {"diterima": 10, "menunggu": 0})
    cited = ("oleh perangkat daerah terkait serta hasil validasi oleh "
             f"{BPJS} atas 10 (sepuluh) calon peserta;")
    body_pages = h.ringkasan["halaman"]["keputusan"]
    for text in (docx_text(h.file(sk.FILES["keputusan_docx"])),
                 pdf_text(h.file(sk.FILES["publik_pdf"]), pages=body_pages)):
        assert cited in text and "masih ditunggu" not in text
    internal = pdf_text(h.file(sk.FILES["internal_pdf"])) + docx_text(h.file(sk.FILES["lampiran_docx"]))
    assert not any(n in internal for n in refused) and all(n in internal for n in niks[2:])
    year = year_rows(TAHUN)
    assert [year[n].status for n in refused] == ["ditolak", "ditolak"]
    assert {year[n].status for n in niks[2:]} == {"ditetapkan"}


def test_the_menimbang_text_for_each_case():
    from rentan.program import program
    prog = program()
    assert sk.validasi_text(prog, 7085, 0) == f" serta hasil validasi oleh {BPJS} atas 7.085 (tujuh ribu delapan puluh lima) calon peserta"
    assert sk.validasi_text(prog, 10, 2) == (f" serta hasil validasi oleh {BPJS} atas 10 (sepuluh) calon peserta, "
                                             "sedangkan hasil validasi atas 2 (dua) calon peserta lainnya masih ditunggu")
    with pytest.raises(ValueError):  # only a konsep may be drafted with answers outstanding
        sk.sk_context(TAHUN, NOMOR, TANGGAL, 10, prog, validasi_menunggu=2)
    ctx = sk.sk_context(TAHUN, NOMOR, dt.date(2025, 12, 22), 10, prog, konsep=True, validasi_menunggu=2)
    assert ctx.menimbang[1].teks.endswith("lainnya masih ditunggu;")
