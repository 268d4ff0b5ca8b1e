"""The BPJS steps of the desk through FastAPI's TestClient (no Prefect server: the forms are checked
before anything runs): the validation request and BPJS's answer, the registration and its KPJ
numbers, a month's bill, the explanation of a difference and the berita acara — each answered
beside its field in Indonesian, and each refused to an account of Bagian Hukum."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from rentan.registry.importer import import_registry

from ..registry.helpers import person, write_xlsx
from ..year import set_year

NIKS = [person(i)["No. KTP"] for i in range(1, 7)]


@pytest.fixture
def desk(home, tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # no Prefect: the forms only
    from rentan.desk import accounts
    from rentan.desk.app import create_app
    accounts.add_user("siti", "dinas", "sandi-siti-dinas")
    accounts.add_user("budi", "bagian_hukum", "sandi-budi-hukum")
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 7)]), 2026)
    set_year(NIKS, 2026, status="terverifikasi")
    return TestClient(create_app())


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(c: TestClient, nama: str, sandi: str) -> str:
    c.cookies.clear()
    token = csrf(c.get("/masuk").text)
    r = c.post("/masuk", data={"csrf": token, "nama": nama, "sandi": sandi}, follow_redirects=True)
    assert r.status_code == 200 and f"{nama} ·" in r.text, r.text[:500]
    return csrf(r.text)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#34;", '"').replace("&#39;", "'")


def check(c, token, aksi, data=None, files=None):
    r = c.post(f"/aksi/{aksi}/periksa", data={"csrf": token, **(data or {})}, files=files)
    return r.status_code, text(r.text)


def test_the_cycle_shows_the_bpjs_steps_in_their_place(desk):
    login(desk, "siti", "sandi-siti-dinas")
    page = text(desk.get("/tahun/2026").text)
    order = [page.index(s) for s in ("Verifikasi oleh instansi", "Validasi oleh BPJS Ketenagakerjaan",
                                     "SK Wali Kota penetapan peserta", "Pendaftaran ke BPJS dan nomor KPJ",
                                     "Iuran bulanan kepada BPJS Ketenagakerjaan")]
    assert order == sorted(order)
    assert "Jawaban BPJS: 0 diterima, 0 ditolak; 6 terverifikasi belum divalidasi" in page
    assert "Menunggu SK penetapan peserta final" in page


def test_the_validation_request_is_checked_and_shown_back(desk):
    token = login(desk, "siti", "sandi-siti-dinas")
    status, page = check(desk, token, "validasi", {"tahun": "2026", "tanggal_surat": "31-02-2026"})
    assert status == 422 and "tanggal 31 tidak ada: Februari 2026 hanya sampai tanggal 28" in page
    assert "Periksa isian yang ditandai merah; belum ada yang dijalankan." in page
    status, page = check(desk, token, "validasi", {"tahun": "2026", "tanggal_surat": "19112025", "final": "1"})
    assert status == 200, page
    assert "Tanggal surat Rabu, 19 November 2025" in page and "Terbitkan final ya — bernomor" in page
    assert "Calon peserta yang dimohonkan validasi 6" in page
    assert "hanya dapat diunduh akun Dinas atau Admin" in page


def test_nobody_to_validate_is_said_beside_the_year(desk):
    set_year(NIKS, 2026, status="terdaftar")
    token = login(desk, "siti", "sandi-siti-dinas")
    status, page = check(desk, token, "validasi", {"tahun": "2026", "tanggal_surat": "19-11-2025"})
    assert status == 422
    assert ("tidak ada calon peserta tahun 2026 yang telah diverifikasi dan belum dimohonkan validasinya ke BPJS "
            "Ketenagakerjaan") in page


def test_bagian_hukum_reads_the_bpjs_steps_but_runs_none_of_them(desk):
    token = login(desk, "budi", "sandi-budi-hukum")
    page = text(desk.get("/langkah/validasi?tahun=2026").text)
    assert "Tindakan ini dijalankan oleh akun Dinas; akun Anda (Bagian Hukum) dapat membaca hasil" in page
    for aksi, judul in [("validasi", "Kirim permohonan validasi ke BPJS"), ("hasil_validasi", "Terapkan hasil validasi dari BPJS"),
                        ("registrasi", "Kirim daftar pendaftaran peserta ke BPJS"), ("kpj", "Terapkan nomor KPJ dari BPJS"),
                        ("tagihan", "Impor tagihan BPJS sebulan"), ("selisih", "Catat penjelasan selisih tagihan"),
                        ("berita_acara", "Terbitkan berita acara rekonsiliasi")]:
        status, page = check(desk, token, aksi, {"tahun": "2026", "periode": "2026-01"})
        assert status == 403 and f"Akun budi (Bagian Hukum) tidak dapat menjalankan «{judul}»." in page, (aksi, page)
        r = desk.post(f"/aksi/{aksi}/jalankan", data={"csrf": token, "tahun": "2026", "periode": "2026-01"})
        assert r.status_code == 403


def test_bpjs_answer_upload_is_read_before_it_runs(desk, tmp_path):
    from rentan import demo_bpjs
    from rentan.documents.bpjs import issue_validasi
    from rentan.render.outputs import private_folder_for
    sent = issue_validasi(2026, tanggal_surat=dt.date(2025, 11, 19), final=True)
    answer = tmp_path / "hasil-validasi.xlsx"
    demo_bpjs.validation_answer(private_folder_for(2026, "validasi-bpjs", sent.folder.name) / "validasi-bpjs-2026.xlsx",
                                answer, 7, refused=2)
    token = login(desk, "siti", "sandi-siti-dinas")
    status, page = check(desk, token, "hasil_validasi", files={"berkas": ("catatan.txt", b"bukan tabel")})
    assert status == 422 and "berkas 'catatan.txt' bukan Excel (.xlsx) atau CSV (.csv)" in page
    with open(answer, "rb") as f:
        status, page = check(desk, token, "hasil_validasi", {"sebagian": "1"}, files={"berkas": (answer.name, f)})
    assert status == 200, page
    assert "hasil-validasi.xlsx" in page and "6 baris data" in page
    assert "Terima sebagian ya — baris yang sesuai diterapkan" in page
    # the step's page: the request issued (its list under rahasia/ for Dinas only), nothing answered yet
    page = text(desk.get("/langkah/validasi?tahun=2026").text)
    assert "Permohonan keluar: 1 final untuk 6 calon peserta" in page
    doc = re.search(r'href="/naskah/(\d+)"', desk.get("/langkah/validasi?tahun=2026").text).group(1)
    page = text(desk.get(f"/naskah/{doc}").text)
    assert "Daftar calon peserta untuk divalidasi BPJS (Excel) NIK lengkap" in page
    login(desk, "budi", "sandi-budi-hukum")
    r = desk.get(f"/berkas/{doc}/validasi-bpjs-2026.xlsx")
    assert r.status_code == 403 and "memuat NIK lengkap dan hanya dapat diunduh oleh akun Dinas atau Admin" in text(r.text)


def test_registration_waits_for_the_final_sk(desk):
    token = login(desk, "siti", "sandi-siti-dinas")
    status, page = check(desk, token, "registrasi", {"tahun": "2026", "tanggal_surat": "23-12-2025"})
    assert status == 422
    assert ("belum ada SK penetapan peserta tahun 2026 yang terbit final; daftar pendaftaran ke BPJS dibuat sesudah SK "
            "ditetapkan") in page


def test_bill_difference_and_berita_acara_are_refused_before_the_bill(desk, tmp_path):
    token = login(desk, "siti", "sandi-siti-dinas")
    status, page = check(desk, token, "selisih", {"periode": "2026-01", "alasan": "singkat"})
    assert status == 422 and "tulis apa yang berbeda dan mengapa (paling sedikit 10 karakter)" in page
    status, page = check(desk, token, "selisih", {"periode": "2026-01", "alasan": "Satu peserta meninggal sebelum tagihan dibuat"})
    assert status == 422 and "belum ada tagihan BPJS untuk Januari 2026; impor tagihannya dahulu" in page
    status, page = check(desk, token, "berita_acara", {"periode": "2026-01", "tanggal": "05-02-2026"})
    assert status == 422 and "belum ada tagihan BPJS untuk Januari 2026; impor tagihannya dahulu" in page
    status, page = check(desk, token, "tagihan", {"periode": "Januari 2026"})
    assert status == 422 and "periode 'Januari 2026' harus berbentuk TTTT-BB" in page
    assert "pilih berkas yang akan diunggah" in page
    page = text(desk.get("/langkah/iuran?tahun=2026").text)
    for h in ("Impor tagihan BPJS sebulan", "Catat penjelasan selisih tagihan", "Terbitkan berita acara rekonsiliasi"):
        assert h in page


def test_an_answer_not_applied_is_said_so_with_its_rows(desk, monkeypatch):
    """The outcome page of an unmatched answer (the run read from Prefect stubbed): the reason, the
    counts and each row not matching, NIKs masked."""
    from rentan.desk import runs
    now = dt.datetime(2025, 11, 3, 2, 0, tzinfo=dt.timezone.utc)
    reason = ("1 baris jawaban BPJS tidak sesuai dengan yang kami kirim (rinciannya di bawah), jadi tidak ada yang "
              "diterapkan. Minta BPJS memperbaiki jawabannya, atau unggah lagi dengan pilihan «Terima sebagian».")
    tables = [runs.Tabel("jawaban-validasi-bpjs", [{"Uraian": "Berkas", "Nilai": "hasil.xlsx"},
                                                   {"Uraian": "Hasil", "Nilai": "tidak ada yang diterapkan"},
                                                   {"Uraian": "Diterima", "Nilai": "0"}]),
              runs.Tabel("jawaban-validasi-bpjs-tidak-sesuai", [
                  {"Baris": "tidak ada di jawaban", "Alasan": "NIK 6471********0006 ada dalam permohonan validasi kami "
                                                              "tetapi tidak dijawab"}])]
    proses = runs.Proses("abc", "impor-validasi-bpjs", "FAILED", reason, {"berkas": "/x/hasil.xlsx", "oleh": "siti"},
                         ["meja:siti"], now, now, now, tables)
    monkeypatch.setattr(runs, "read", lambda run_id: proses)
    monkeypatch.setattr(runs, "ui_url", lambda run_id: "http://127.0.0.1:4200/runs/flow-run/abc")
    login(desk, "siti", "sandi-siti-dinas")
    page = text(desk.get("/proses/abc").text)
    assert "Validasi oleh BPJS Ketenagakerjaan: Ditolak atau gagal" in page
    assert f"Tidak diterapkan. {reason}" in page
    assert "Ringkasan hasil validasi BPJS Uraian Nilai Hasil tidak ada yang diterapkan" in page
    assert ("Baris jawaban yang tidak sesuai dengan yang kami kirim Baris Alasan tidak ada di jawaban NIK "
            "6471********0006 ada dalam permohonan validasi kami tetapi tidak dijawab") in page
