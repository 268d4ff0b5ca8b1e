"""The 2027 round (December 2026): each agency gets the new candidates and the continuing 2026
participants of its sectors, marked as such, checked again against the 2027 rules; who no longer
qualifies is not sent and their 2027 row says why; who ended during 2026 is not carried over; what
happens after the memo (an answer, an end in December) touches the 2027 row only."""
import datetime as dt

import docx
import openpyxl
import pytest

from rentan.documents.verifikasi import groups, issue_all, issue_memo, plan
from rentan.errors import Refusal
from rentan.program import program
from rentan.registry.desk import reader
from rentan.registry.enrolment import seleksi
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import end_participant
from rentan.registry.verification import HEADERS, import_results

from ..registry.helpers import person, write_xlsx
from ..year import set_person, set_year, year_rows

SK_2026 = "100.3.3.2/7/2025"
MEMO_DAY = dt.date(2026, 11, 2)


def _nik(i: int, born: dt.date) -> str:
    return f"647101{born:%d%m%y}{i:04d}"


# who is who: (key, occupation, birth date, what happens)
PEOPLE = {
    "lanjut": ("Petani", dt.date(1975, 8, 12)),         # enrolled 2026, continues
    "meninggal": ("Petani", dt.date(1975, 8, 12)),      # died in March 2026: not carried over
    "tua": ("Petani", dt.date(1961, 6, 15)),            # 64 on 1 January 2026, 65 on 1 January 2027
    "desember": ("Nelayan", dt.date(1975, 8, 12)),      # sent, then formal work from 10 December 2026
    "ditolak": ("Nelayan", dt.date(1975, 8, 12)),       # the agency answers Tidak Sesuai
    "umk": ("Petani", dt.date(1975, 8, 12)),            # income above the 2026 UMK, below the 2027 UMK
    "opang": ("Ojek Pangkalan", dt.date(1975, 8, 12)),  # income above the 2027 UMK; Dishub has nobody else
}


@pytest.fixture
def cycle(home, tmp_path, clock):
    """A 2026 registry as the 2026 SK left it, a death in March, new income figures, and a new
    candidate for 2027."""
    niks = {}
    rows = []
    for i, (key, (job, born)) in enumerate(PEOPLE.items(), 1):
        niks[key] = _nik(i, born)
        rows.append(person(i, Pekerjaan=job, **{"No. KTP": niks[key], "Nama Lengkap": f"Warga {key.title()}",
                                                "Tempat/Tgl Lahir": f"Balikpapan, {born:%d-%m-%Y}"}))
    assert import_registry(write_xlsx(tmp_path / "kel-2026.xlsx", rows), 2026).baru == len(PEOPLE)
    set_year(niks.values(), 2026, status="aktif", nomor_sk=SK_2026, mulai=dt.date(2026, 1, 1))
    clock("2026-03-16")
    end_participant(niks["meninggal"], "meninggal", dt.date(2026, 3, 10))
    set_person([niks["umk"]], penghasilan=3_950_000)  # > Rp3.856.694,43 (2026), < Rp4.010.962,21 (2027)
    set_person([niks["opang"]], penghasilan=4_100_000)
    clock("2026-10-05")
    new = person(50, Pekerjaan="Pembudidaya ikan", **{"Nama Lengkap": "Calon Baru"})
    niks["baru"] = new["No. KTP"]
    assert import_registry(write_xlsx(tmp_path / "kel-2027.xlsx", [new]), 2027).baru == 1
    clock(MEMO_DAY.isoformat())
    return niks


def test_the_2027_round_sends_new_and_continuing_against_the_2027_rules(cycle, tmp_path):
    niks = cycle
    assert plan(2027, MEMO_DAY) == [("dishub", "Dinas Perhubungan Kota Balikpapan", 0),
                                    ("dp3", "Dinas Pangan, Pertanian dan Perikanan Kota Balikpapan", 5)]
    before_2026 = {n: (r.status, r.nomor_sk, r.tanggal_berakhir) for n, r in year_rows(2026).items()}
    pub = issue_all(2027, tanggal_surat=MEMO_DAY, final=True)
    assert [p.folder.name for p in pub] == ["dp3-putaran-1"]  # Dishub has nobody left to verify
    s = pub[0].ringkasan
    assert (s["jumlah"], s["baru"], s["lanjutan"]) == (5, 1, 4)
    assert (s["tidak_memenuhi_syarat"], s["tidak_memenuhi_syarat_instansi_lain"]) == (1, 1)  # too old; Dishub's
    memo = "\n".join(p.text for p in docx.Document(str(pub[0].file("memo.docx"))).paragraphs)
    assert ("sebanyak 5 (lima) orang, terdiri atas 1 (satu) calon peserta baru dan 4 (empat) peserta tahun 2026 "
            "yang diverifikasi ulang, dengan rincian:") in memo
    assert "a.\tPetani: 2 (dua) orang; dan\nb.\tNelayan: 3 (tiga) orang." in memo
    assert "Bagi peserta tahun 2026 yang diverifikasi ulang (bertanda “Lanjutan” pada formulir)" in memo
    assert "paling lambat tanggal 20 November 2026, yaitu 14 (empat belas) hari kerja" in memo
    # the form tells new from continuing
    ws = openpyxl.load_workbook(pub[0].file("formulir-verifikasi.xlsx"))["Formulir Verifikasi"]
    col = {h: HEADERS.index(h) for h in HEADERS}
    form = {r[col["NIK"]]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[1]}
    assert {n: r[col["Baru/Lanjutan"]] for n, r in form.items()} == {
        niks["lanjut"]: "Lanjutan", niks["desember"]: "Lanjutan", niks["ditolak"]: "Lanjutan",
        niks["umk"]: "Lanjutan", niks["baru"]: "Baru"}
    assert ws.cell(2, 1).value.endswith("(Baru: 1 (satu); Lanjutan, yaitu peserta tahun 2026 yang diverifikasi "
                                        "ulang: 4 (empat)).")
    # the 2027 rows: sent ones as continuing candidates, the failing ones rejected with the rule
    rows = year_rows(2027)
    assert {n for n, r in rows.items() if r.status == "terdaftar"} == set(form)
    assert all(rows[n].lanjutan for n in form if n != niks["baru"]) and not rows[niks["baru"]].lanjutan
    assert rows[niks["tua"]].status == "ditolak"
    assert rows[niks["tua"]].alasan_status.startswith("Tanggal Lahir: berusia 65 tahun pada 1 Januari 2027 "
                                                      "[aturan: usia paling tinggi 64 tahun pada 1 Januari 2027")
    assert rows[niks["opang"]].status == "ditolak"
    assert "penghasilan Rp4.100.000,00 melebihi UMK Rp4.010.962,21" in rows[niks["opang"]].alasan_status
    assert niks["meninggal"] not in rows  # ended during 2026: not carried over
    # nothing of 2026 changed
    assert {n: (r.status, r.nomor_sk, r.tanggal_berakhir) for n, r in year_rows(2026).items()} == before_2026
    # a second run changes nothing and sends nobody twice
    again = issue_all(2027, tanggal_surat=MEMO_DAY, final=True)
    assert again[0].reused and again[0].nomor == pub[0].nomor
    assert {n: (r.status, r.alasan_status) for n, r in year_rows(2027).items()} == \
        {n: (r.status, r.alasan_status) for n, r in rows.items()}


def test_after_the_memo_an_answer_or_an_end_in_december_changes_the_2027_row_only(cycle, tmp_path, clock):
    niks = cycle
    pub = issue_memo(2027, "dp3", tanggal_surat=MEMO_DAY, final=True)
    # formal work from 10 December 2026, after re-verification, before the 2027 SK
    clock("2026-12-11")
    assert end_participant(niks["desember"], "sektor_formal", dt.date(2026, 12, 10)) == 2
    r26, r27 = year_rows(2026)[niks["desember"]], year_rows(2027)[niks["desember"]]
    assert (r26.status, r26.tanggal_berakhir, r26.alasan_berakhir) == ("berakhir", dt.date(2026, 12, 10),
                                                                        "sektor_formal")
    assert r27.status == "ditolak" and r27.alasan_status == ("kepesertaan berakhir 10 Desember 2026: bekerja di "
                                                             "sektor formal")
    # the agency's answers arrive: Sesuai for everyone but one
    wb = openpyxl.load_workbook(pub.file("formulir-verifikasi.xlsx"))
    ws = wb["Formulir Verifikasi"]
    hasil, ket = HEADERS.index("Hasil Verifikasi") + 1, HEADERS.index("Keterangan") + 1
    for r in range(6, ws.max_row + 1):
        if ws.cell(r, 2).value == niks["ditolak"]:
            ws.cell(r, hasil, "Tidak Sesuai")
            ws.cell(r, ket, "sudah pindah ke Samarinda")
        elif ws.cell(r, 2).value:
            ws.cell(r, hasil, "Sesuai")
    wb.save(tmp_path / "jawaban.xlsx")
    res = import_results(tmp_path / "jawaban.xlsx", oleh="dp3")
    assert (res.sesuai, res.tidak_sesuai) == (3, 1)  # lanjut, umk, baru; ditolak
    assert [why for _, why in res.dilaporkan] == [
        "calon peserta ini sudah ditolak bukan karena jawaban verifikasi (kepesertaan berakhir 10 Desember 2026: "
        "bekerja di sektor formal); jawaban tidak diterapkan"]
    rows = year_rows(2027)
    assert rows[niks["desember"]].status == "ditolak"  # an answer does not bring an ended participant back
    assert (rows[niks["ditolak"]].status, rows[niks["ditolak"]].alasan_status) == (
        "ditolak", "tidak sesuai hasil verifikasi: sudah pindah ke Samarinda")
    assert year_rows(2026)[niks["ditolak"]].status == "aktif"  # still covered for the rest of 2026
    # the 2027 SK would take the three verified, and nobody would stop it
    with reader() as desk:
        sel = seleksi(desk, 2027, program())
    assert sorted(a.nik for a in sel.peserta) == sorted([niks["lanjut"], niks["umk"], niks["baru"]])
    assert not sel.masalah
    # a second round sends nobody: everyone of the year has an answer or a reason
    with reader() as desk:
        assert {k: len(g.people) for k, g in groups(desk, 2027, MEMO_DAY, program()).items()} == {}


def test_a_year_without_its_own_umk_or_budget_is_refused(home, tmp_path, monkeypatch, cycle):
    bare = tmp_path / "tanpa-2027"
    bare.mkdir()
    monkeypatch.setenv("RENTAN_TAMBAHAN", str(bare))  # program.toml as shipped: no 2027 UMK or budget
    with pytest.raises(Refusal) as e:
        plan(2027, MEMO_DAY)
    assert str(e.value).startswith("verifikasi calon peserta tahun 2027 belum dapat disiapkan: parameter.umk untuk "
                                   "tahun 2027 belum diisi di program.toml")
    umk_only = tmp_path / "umk-2027"  # (settings are cached per overlay folder)
    umk_only.mkdir()
    (umk_only / "program.toml").write_text('[parameter.umk]\nnilai = [\n  { sejak = 2026-01-01, nilai = "3856694.43" },\n'
                                           '  { sejak = 2027-01-01, nilai = "4010962.21", dasar = "uji" },\n]\n')
    monkeypatch.setenv("RENTAN_TAMBAHAN", str(umk_only))
    with pytest.raises(Refusal, match="parameter.anggaran untuk tahun 2027 belum diisi"):
        issue_memo(2027, "dp3", tanggal_surat=MEMO_DAY)
    assert set(year_rows(2027)) == {cycle["baru"]}  # nothing recorded


def test_when_no_agency_has_anyone_to_verify_the_failing_are_still_recorded(home, tmp_path, clock):
    rows = [person(1, Pekerjaan="Ojek Pangkalan")]
    import_registry(write_xlsx(tmp_path / "k.xlsx", rows), 2026)
    nik = rows[0]["No. KTP"]
    set_year([nik], 2026, status="aktif", nomor_sk=SK_2026, mulai=dt.date(2026, 1, 1))
    set_person([nik], penghasilan=4_100_000)
    clock(MEMO_DAY.isoformat())
    assert issue_all(2027, tanggal_surat=MEMO_DAY) == []  # a konsep round: nobody to send, nothing recorded
    assert year_rows(2027) == {}
    assert issue_all(2027, tanggal_surat=MEMO_DAY, final=True) == []
    row = year_rows(2027)[nik]
    assert row.status == "ditolak" and row.lanjutan and "melebihi UMK Rp4.010.962,21" in row.alasan_status
    assert year_rows(2026)[nik].status == "aktif"
