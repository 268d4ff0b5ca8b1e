"""The answers BPJS Ketenagakerjaan sends back, matched against what we sent: every way an answer
can fail to match is reported by row and applies nothing (unless accepted partly); the same
answer twice changes nothing."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from rentan.registry import bpjs
from rentan.registry.db import session
from rentan.registry.desk import open_desk
from rentan.registry.importer import import_registry
from rentan.registry.models import AuditLog, Peserta

from ..registry.helpers import person, write_xlsx
from ..year import set_year, year_rows
from . import sheets

BORN = dt.date(1975, 8, 12)


def nik(i: int) -> str:
    return person(i)["No. KTP"]


def ident(i: int) -> tuple[str, str, dt.date]:
    return nik(i), f"Warga Uji {i}", BORN


@pytest.fixture
def verified(home, tmp_path):
    """Six candidates for 2026, verified by their agencies, sent to BPJS for validation."""
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 7)]), 2026)
    set_year([nik(i) for i in range(1, 7)], 2026, status="terverifikasi")
    with open_desk() as desk:
        people = bpjs.to_validate(desk, 2026)
        assert len(people) == 6
        bpjs.record_sent(desk, "validasi", 2026, "validasi-bpjs/2026/1", people)
    with open_desk() as desk:
        assert bpjs.to_validate(desk, 2026) == []  # sent and waiting: not sent again
    return tmp_path


def statuses():
    return {n: (k.status, k.validasi, k.alasan_validasi) for n, k in year_rows(2026).items()}


def test_a_complete_answer_applies_refusals_with_their_reason(verified):
    before = statuses()
    path = sheets.validation_answer(verified / "jawaban.xlsx", [ident(i) for i in range(1, 7)],
                                    {nik(2): ("Tidak Valid", "Sudah terdaftar sebagai peserta BPU mandiri"),
                                     nik(5): ("Ditolak", "NIK tidak ditemukan di Dukcapil")})
    res = bpjs.import_validasi(path)
    assert res.diterapkan and (res.diterima, res.ditolak, res.dilaporkan) == (4, 2, [])
    after = statuses()
    assert after[nik(1)] == ("terverifikasi", "diterima", None)
    assert after[nik(2)] == ("ditolak", "ditolak", "Sudah terdaftar sebagai peserta BPU mandiri")
    assert year_rows(2026)[nik(5)].alasan_status == "ditolak BPJS Ketenagakerjaan pada validasi: NIK tidak ditemukan di Dukcapil"
    assert before[nik(1)][1] is None
    # the same file again changes nothing
    again = bpjs.import_validasi(path)
    assert (again.diterima, again.ditolak, again.tidak_berubah, again.dilaporkan) == (0, 0, 6, [])
    assert statuses() == after
    with session() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.tindakan == "validasi_bpjs")) == 6
    assert all(nik(2) not in line for line in res.lines())


MISMATCHES = {
    "NIK tidak dikirim": (lambda rows: rows + [("6471011208759999", "Orang Lain", BORN, "Valid", "")],
                          "tidak ada dalam permohonan validasi yang kami kirim"),
    "nama diubah": (lambda rows: [(*r[:1], "Warga Lain", *r[2:]) if r[0] == nik(3) else r for r in rows],
                    "nama tidak sama dengan yang kami kirim"),
    "tanggal lahir diubah": (lambda rows: [(*r[:2], dt.date(1976, 8, 12), *r[3:]) if r[0] == nik(3) else r
                                           for r in rows], "tanggal lahir tidak sama dengan yang kami kirim"),
    "orang hilang": (lambda rows: [r for r in rows if r[0] != nik(3)], "tetapi tidak dijawab"),
    "dua kali": (lambda rows: rows + [rows[2]], "muncul lebih dari sekali"),
    "hasil kosong": (lambda rows: [(*r[:3], "", "") if r[0] == nik(3) else r for r in rows], "hasil validasi kosong"),
    "hasil lain": (lambda rows: [(*r[:3], "Pending", "") if r[0] == nik(3) else r for r in rows],
                   "hasil validasi 'Pending' harus Diterima atau Ditolak"),
    "ditolak tanpa alasan": (lambda rows: [(*r[:3], "Ditolak", "") if r[0] == nik(3) else r for r in rows],
                             "ditolak tanpa alasan"),
    "NIK rusak": (lambda rows: [("64710112", *r[1:]) if r[0] == nik(3) else r for r in rows],
                  "NIK harus 16 digit angka (tertulis 8 digit)"),
}


@pytest.mark.parametrize("case", list(MISMATCHES))
def test_an_answer_that_does_not_match_the_request_applies_nothing(verified, case):
    change, why = MISMATCHES[case]
    rows = change([(*ident(i), "Valid", "") for i in range(1, 7)])
    path = sheets.write(verified / "jawaban.xlsx", ["NIK", "Nama", "Tanggal Lahir", "Hasil", "Keterangan"],
                        [list(r) for r in rows])
    before = statuses()
    res = bpjs.import_validasi(path)
    # an unreadable NIK leaves its person unanswered too: both are said
    assert not res.diterapkan and len(res.dilaporkan) == 1 + (case == "NIK rusak"), res.lines()
    assert why in res.dilaporkan[-1][1]
    assert (res.dilaporkan[-1][0] == 0) == (case == "orang hilang")  # a row number, or "not in the answer"
    assert "Tidak ada yang diterapkan" in "\n".join(res.lines())
    assert statuses() == before
    # accepted partly: the rows that match are applied, the odd one is left as it was
    part = bpjs.import_validasi(path, sebagian=True)
    only_extra = case in ("NIK tidak dikirim", "dua kali")  # all six answered, plus an odd row
    assert part.diterapkan and part.diterima == (6 if only_extra else 5)
    assert statuses()[nik(3)][1] == ("diterima" if only_extra else None)


def test_the_row_numbers_reported_are_the_rows_staff_see(verified):
    rows = [[*ident(i), "Valid", ""] for i in range(1, 7)]
    rows[3][1] = "Warga Lain"  # the fourth person, under a two-line title and a blank line: Excel row 8
    path = sheets.write(verified / "jawaban.xlsx", ["NIK", "Nama", "Tanggal Lahir", "Hasil", "Keterangan"], rows,
                        above=["BPJS KETENAGAKERJAAN", "HASIL VALIDASI"])
    res = bpjs.import_validasi(path)
    assert res.dilaporkan == [(8, f"NIK {bpjs.mask_nik(nik(4))}: nama tidak sama dengan yang kami kirim")]
    assert "baris 8:" in "\n".join(res.lines())


def test_totals_and_signature_rows_are_not_people(verified):
    rows = [[*ident(i), "Valid", ""] for i in range(1, 7)]
    path = sheets.write(verified / "jawaban.xlsx", ["NIK", "Nama", "Tanggal Lahir", "Hasil", "Keterangan"], rows,
                        footer=["", "JUMLAH: 6 peserta", "", "", ""])
    res = bpjs.import_validasi(path)
    assert res.diterapkan and res.diterima == 6 and res.dilewati == 1


def test_a_refused_person_accepted_on_a_corrected_answer(verified):
    people = [ident(i) for i in range(1, 7)]
    bpjs.import_validasi(sheets.validation_answer(verified / "a.xlsx", people,
                                                  {nik(2): ("Ditolak", "Nama tidak sesuai Dukcapil")}))
    assert statuses()[nik(2)][0] == "ditolak"
    res = bpjs.import_validasi(sheets.validation_answer(verified / "b.xlsx", people))
    assert res.diterapkan and res.diterima == 1 and res.tidak_berubah == 5
    assert statuses()[nik(2)] == ("terverifikasi", "diterima", None)


@pytest.fixture
def registered(verified):
    """The six, accepted and enrolled by an SK from January 2026, sent for registration."""
    bpjs.import_validasi(sheets.validation_answer(verified / "v.xlsx", [ident(i) for i in range(1, 7)]))
    set_year([nik(i) for i in range(1, 7)], 2026, status="ditetapkan", nomor_sk="100.3.3.2/1/2026",
             mulai=dt.date(2026, 1, 1))
    with open_desk() as desk:
        people = bpjs.to_register(desk, 2026, "100.3.3.2/1/2026")
        assert len(people) == 6
        bpjs.record_sent(desk, "registrasi", 2026, "registrasi-bpjs/2026/1", people)
    return verified


def kpj(i: int) -> str:
    return f"2600{i:07d}"


def kpjs():
    with session() as s:
        return dict(s.execute(select(Peserta.nik, Peserta.kpj)).all())


def test_kpj_numbers_fill_in_once(registered):
    path = sheets.kpj_answer(registered / "kpj.xlsx", [(nik(i), f"Warga Uji {i}", kpj(i)) for i in range(1, 7)])
    res = bpjs.import_kpj(path)
    assert res.diterapkan and res.diisi == 6 and res.dilaporkan == []
    assert kpjs()[nik(4)] == kpj(4)
    again = bpjs.import_kpj(path)
    assert (again.diisi, again.tidak_berubah) == (0, 6)
    with open_desk() as desk:
        assert bpjs.to_register(desk, 2026, "100.3.3.2/1/2026") == []


KPJ_MISMATCHES = {
    "NIK tidak didaftarkan": (lambda r: r + [("6471011208759999", "Orang Lain", "26009999999")],
                              "tidak ada dalam daftar pendaftaran yang kami kirim"),
    "KPJ bukan 11 digit": (lambda r: [(n, m, "2600-12") if n == nik(3) else (n, m, k) for n, m, k in r],
                           "nomor KPJ harus 11 digit angka"),
    "KPJ kosong": (lambda r: [(n, m, "") if n == nik(3) else (n, m, k) for n, m, k in r], "(kosong)"),
    "KPJ ganda": (lambda r: [(n, m, kpj(1)) if n == nik(3) else (n, m, k) for n, m, k in r],
                  "sudah milik peserta lain"),
    "nama diubah": (lambda r: [(n, "Orang Lain", k) if n == nik(3) else (n, m, k) for n, m, k in r],
                    "nama tidak sama"),
    "orang hilang": (lambda r: [x for x in r if x[0] != nik(3)], "tetapi tidak dijawab"),
    "dua kali": (lambda r: r + [r[2]], "muncul lebih dari sekali"),
}


@pytest.mark.parametrize("case", list(KPJ_MISMATCHES))
def test_a_registration_answer_that_does_not_match_applies_nothing(registered, case):
    change, why = KPJ_MISMATCHES[case]
    path = sheets.kpj_answer(registered / "kpj.xlsx", change([(nik(i), f"Warga Uji {i}", kpj(i)) for i in range(1, 7)]))
    res = bpjs.import_kpj(path)
    assert not res.diterapkan and len(res.dilaporkan) == 1 and why in res.dilaporkan[0][1], res.lines()
    assert all(v is None for v in kpjs().values())
    part = bpjs.import_kpj(path, sebagian=True)
    assert part.diterapkan and kpjs()[nik(1)] == kpj(1)


def test_a_kpj_is_never_replaced_silently(registered):
    bpjs.import_kpj(sheets.kpj_answer(registered / "a.xlsx", [(nik(i), f"Warga Uji {i}", kpj(i)) for i in range(1, 7)]))
    res = bpjs.import_kpj(sheets.kpj_answer(registered / "b.xlsx",
                                            [(nik(1), "Warga Uji 1", "26009999990")]))
    assert not res.diterapkan and "sudah bernomor KPJ lain" in res.dilaporkan[0][1]
    assert kpjs()[nik(1)] == kpj(1)


# --- the bill ---------------------------------------------------------------------------------------

KODE = "40012345678"


def covered_lines(n=6):
    return [(nik(i), kpj(i), 16_800) for i in range(1, n + 1)]


def test_a_bill_that_matches_reconciles(registered):
    rec, _ = bpjs.import_tagihan(sheets.bill(registered / "t.xlsx", KODE, covered_lines()), "2026-03")
    assert rec.cocok and rec.kode_iuran == KODE and (rec.tagihan_peserta, rec.tagihan_jumlah) == (6, 100_800)
    assert (rec.kami_peserta, rec.kami_jumlah) == (6, 100_800)
    assert bpjs.reconciliation_of("2026-03").cocok


def test_every_difference_is_found_and_must_be_explained(registered):
    lines = covered_lines(5)  # nik(6) not billed
    lines[1] = (nik(2), kpj(2), 20_000)  # billed more
    lines.append(("6471011208751234", None, 16_800))  # not ours
    rec, _ = bpjs.import_tagihan(sheets.bill(registered / "t.xlsx", KODE, lines), "2026-03")
    assert rec.ditagih_bukan_kami == (bpjs.mask_nik("6471011208751234"),)
    assert rec.kami_tidak_ditagih == (bpjs.mask_nik(nik(6)),)
    assert rec.beda_jumlah == ((bpjs.mask_nik(nik(2)), 20_000, 16_800),)
    assert not rec.cocok and not rec.dijelaskan and rec.selisih == 3
    assert "belum dijelaskan" in "\n".join(rec.lines())
    with pytest.raises(bpjs.BpjsError, match="terlalu singkat"):
        bpjs.catat_selisih("2026-03", "beda")
    done = bpjs.catat_selisih("2026-03", "Peserta luar kota ditagih keliru; BPJS menerbitkan koreksi tagihan",
                              oleh="kasi")
    assert done.dijelaskan and bpjs.reconciliation_of("2026-03").catatan.startswith("Peserta luar kota")
    # the same file again keeps the explanation; a corrected bill must be explained anew
    again, _ = bpjs.import_tagihan(registered / "t.xlsx", "2026-03")
    assert again.dijelaskan
    fixed, _ = bpjs.import_tagihan(sheets.bill(registered / "t2.xlsx", KODE, covered_lines()[:5]), "2026-03")
    assert fixed.catatan is None and fixed.selisih == 1


@pytest.mark.parametrize("case,why", [
    ("no code", "kode iuran 11 digit tidak ditemukan"),
    ("bad amount", "tidak terbaca"),
    ("twice", "ditagih lebih dari sekali"),
])
def test_a_bill_that_cannot_be_read_is_not_stored(registered, case, why):
    lines = covered_lines()
    kode = None if case == "no code" else KODE
    if case == "twice":
        lines.append(lines[0])
    path = sheets.bill(registered / "t.xlsx", kode, lines)
    if case == "bad amount":
        path = sheets.write(registered / "t.xlsx", ["NIK", "KPJ", "Nama", "Jumlah Iuran"],
                            [[nik(1), kpj(1), "x", "enam belas ribu"]], above=[f"Kode Iuran: {KODE}"])
    with pytest.raises(bpjs.BpjsError, match=why):
        bpjs.import_tagihan(path, "2026-03")
    assert bpjs.reconciliation_of("2026-03") is None


def test_a_nik_typed_into_an_explanation_is_kept_masked(registered):
    bpjs.import_tagihan(sheets.bill(registered / "t.xlsx", KODE, covered_lines(5)), "2026-03")
    rec = bpjs.catat_selisih("2026-03", f"Peserta {nik(6)} belum tertagih; BPJS menerbitkan koreksi")
    assert rec.catatan == f"Peserta {bpjs.mask_nik(nik(6))} belum tertagih; BPJS menerbitkan koreksi"
    assert nik(6) not in "\n".join(rec.lines())
