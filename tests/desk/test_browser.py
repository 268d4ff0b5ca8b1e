"""The web desk in a real browser (Debian's chromium through chromium-driver and selenium), against a
real `rentan serve` (Prefect server, served deployments, the desk), started once: a clerk of the dinas
logs in, uploads the demo spreadsheet, reads the import report, is answered beside the field for a
date that does not exist, issues the verification memos, downloads a memo DOCX (opened with
python-docx) and applies an agency's returned form; a Bagian Hukum clerk is refused the BPJS data
file and may download the public decree. Every page is saved as a 1366×768 screenshot under the
test's folder (RENTAN_SCREENSHOTS names another one to keep them)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and DRIVER) and not os.environ.get("CI"),
                                 reason="chromium and chromium-driver are installed by `bash install.sh --test`")]
TODAY = "2025-11-03"  # the server's today: a Monday of the 2026 registration season


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """`rentan serve` on free ports with its own data folder; two accounts; the demo spreadsheet."""
    root = tmp_path_factory.mktemp("meja")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "RENTAN_"))}
    env.update(RENTAN_HOME=str(root / "home"), RENTAN_DATABASE_URL=f"sqlite:///{root / 'home' / 'registry.sqlite3'}",
               RENTAN_OUTPUTS=str(root / "outputs"), RENTAN_HARI_INI=TODAY, RENTAN_USER="server-uji",
               RENTAN_TAMBAHAN=str(Path(__file__).resolve().parents[2] / "src" / "rentan" / "data" / "demo"),
               PREFECT_HOME=str(root / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_RUNNER_POLL_FREQUENCY="1")
    mp = pytest.MonkeyPatch()
    for k, v in env.items():
        if k.startswith("RENTAN_"):
            mp.setenv(k, v)
    from rentan.desk import accounts
    from rentan.registry.demo import write_demo_registry
    accounts.add_user("siti", "dinas", "sandi-siti-dinas")
    accounts.add_user("budi", "bagian_hukum", "sandi-budi-hukum")
    sheet = root / "daftar-kelurahan-manggar.xlsx"
    demo = write_demo_registry(sheet, count=24, seed=1, tahun=2026)  # (seed 1: three agencies, Dishub among them)
    port, desk_port = _free_port(), _free_port()
    log = open(root / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "rentan.cli", "serve", "--port", str(port), "--desk-port",
                             str(desk_port)], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{desk_port}"

    def up():  # the desk answers and every deployment is served (registered with this Prefect server)
        import httpx
        try:
            return httpx.get(f"{url}/sehat", timeout=2).status_code == 200 and \
                httpx.post(f"http://127.0.0.1:{port}/api/deployments/count", json={}, timeout=2).json() == 14
        except (httpx.HTTPError, ValueError):
            return False
    try:
        _wait(up, 180, "rentan serve")
        yield {"url": url, "root": root, "sheet": sheet, "demo": demo, "log": root / "serve.log"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        mp.undo()


@pytest.fixture(scope="module")
def browser(desk):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    downloads = desk["root"] / "unduhan"
    downloads.mkdir()
    o = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--lang=id", "--window-size=1366,768", f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"):
        o.add_argument(flag)
    o.binary_location = CHROMIUM or "/usr/bin/chromium"
    o.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                        "download.prompt_for_download": False})
    d = webdriver.Chrome(service=Service(DRIVER or "/usr/bin/chromedriver"), options=o)
    d.set_window_size(1366, 768)
    d.downloads = downloads
    d.shots = Path(os.environ.get("RENTAN_SCREENSHOTS") or desk["root"] / "layar")
    d.shots.mkdir(parents=True, exist_ok=True)
    try:
        yield d
    finally:
        d.quit()


def shot(d, name: str) -> None:
    d.save_screenshot(str(d.shots / f"{name}.png"))


def text(d) -> str:
    """The page's visible text, one space between words (read again if the page refreshed meanwhile)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.common.by import By
    for _ in range(20):
        try:
            shown = " ".join(d.find_element(By.TAG_NAME, "body").text.split())
            assert "Traceback" not in shown and "File \"/" not in shown, shown  # nothing of Python reaches a clerk
            return shown
        except (StaleElementReferenceException, NoSuchElementException):  # (the page was being replaced)
            time.sleep(0.1)
    raise AssertionError("the page kept changing")


def login(d, url: str, nama: str, sandi: str) -> None:
    from selenium.webdriver.common.by import By
    d.delete_all_cookies()
    d.get(f"{url}/masuk")
    d.find_element(By.NAME, "nama").send_keys(nama)
    d.find_element(By.NAME, "sandi").send_keys(sandi)
    d.find_element(By.CSS_SELECTOR, "button.utama").click()


def finished(d, what: str) -> str:
    """Wait on a run's page (it refreshes itself) until the run ends; the page's text."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    def ended():
        try:
            return bool(d.find_elements(By.ID, "hasil")) and not d.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
        except StaleElementReferenceException:
            return False
    _wait(ended, 120, what, every=0.5)
    return text(d)


def test_a_clerk_runs_the_cycle_in_a_browser(desk, browser):
    from selenium.webdriver.common.by import By
    d, url = browser, desk["url"]
    started = time.monotonic()

    # no session: the login page; a wrong password is answered, nothing else said
    d.get(f"{url}/tahun/2026")
    assert d.current_url == f"{url}/masuk"
    shot(d, "01-masuk")
    login(d, url, "siti", "bukan-sandinya")
    assert "Nama akun atau kata sandi salah." in text(d)
    shot(d, "02-masuk-salah")
    login(d, url, "siti", "sandi-siti-dinas")
    assert d.current_url == f"{url}/tahun/2026" and "siti · Dinas" in text(d)
    assert "Impor daftar calon peserta Belum dimulai" in text(d)
    shot(d, "03-beranda-kosong")

    # 1. the kelurahan list: checked and shown back before it runs, then imported through Prefect
    d.get(f"{url}/langkah/impor?tahun=2026")
    shot(d, "04-impor")
    d.find_element(By.CSS_SELECTOR, "#impor-berkas").send_keys(str(desk["sheet"]))
    d.find_element(By.CSS_SELECTOR, "form[action='/aksi/impor/periksa'] button.utama").click()
    page = text(d)
    rows = desk["demo"].valid + sum(desk["demo"].broken.values())
    assert "Tahun kepesertaan 2026" in page
    assert f"daftar-kelurahan-manggar.xlsx" in page and "baris data" in page
    shot(d, "05-impor-periksa")
    d.find_element(By.XPATH, "//button[text()='Jalankan']").click()
    page = text(d)  # the run's page at once, refreshing itself until the run ends
    assert d.current_url.startswith(f"{url}/proses/") and "diperbarui sendiri setiap 2 detik" in page, page
    assert any(s in page for s in ("Menunggu giliran", "Disiapkan", "Sedang berjalan")), page
    shot(d, "06a-impor-berjalan")
    page = finished(d, "the import")
    shot(d, "06-impor-hasil")
    assert "Selesai." in page, page
    assert f"Peserta baru {desk['demo'].valid}" in page
    assert f"Baris dibaca {desk['demo'].total_rows}" in page
    assert f"Ditolak {sum(desk['demo'].broken.values())}" in page
    assert "8 ditolak NIK: NIK harus 16 digit angka" in page  # each rejected row: its number and its reason
    assert "Unduh laporan penolakan (Excel)" in page
    del rows

    # 2. verification memos: a date that does not exist is answered beside the field, nothing runs
    d.get(f"{url}/langkah/verifikasi?tahun=2026")
    field = d.find_element(By.ID, "verifikasi-tanggal_surat")
    field.clear()
    field.send_keys("31-02-2026")
    d.find_element(By.CSS_SELECTOR, "form[action='/aksi/verifikasi/periksa'] button.utama").click()
    page = text(d)
    assert "tanggal 31 tidak ada: Februari 2026 hanya sampai tanggal 28" in page
    assert "Periksa isian yang ditandai merah; belum ada yang dijalankan." in page
    shot(d, "07-verifikasi-salah")
    field = d.find_element(By.ID, "verifikasi-tanggal_surat")
    field.clear()
    field.send_keys("03112025")
    d.find_element(By.NAME, "final").click()
    d.find_element(By.CSS_SELECTOR, "form[action='/aksi/verifikasi/periksa'] button.utama").click()
    page = text(d)
    assert "Tanggal surat Senin, 3 November 2025" in page and "Terbitkan final ya — bernomor" in page
    assert "Memo kepada Dinas Perhubungan Kota Balikpapan" in page
    shot(d, "08-verifikasi-periksa")
    d.find_element(By.XPATH, "//button[text()='Jalankan']").click()
    page = finished(d, "the verification memos")
    shot(d, "09-verifikasi-hasil")
    assert "Selesai." in page, page
    assert "Memo per instansi" in page and "Dinas Perhubungan Kota Balikpapan" in page
    memos = d.find_elements(By.LINK_TEXT, "Buka naskah dan unduh berkasnya")
    assert len(memos) == 3

    # a memo: its files; the DOCX for review in Word downloads and opens
    memos[0].click()
    shot(d, "10-naskah-memo")
    page = text(d)
    assert "sudah diterbitkan final dengan nomor 500.15/" in page and "tanggal 3 November 2025" in page
    assert "Dinas Perhubungan Kota Balikpapan" in page
    d.find_element(By.CSS_SELECTOR, "a[href$='/memo.docx']").click()
    docx_file = _wait(lambda: next(iter(d.downloads.glob("memo*.docx")), None), 30, "the download")
    _wait(lambda: not list(d.downloads.glob("*.crdownload")), 30, "the download to finish")
    import re

    import docx
    nomor = re.search(r"final dengan nomor (500\.15/\d+/\w+)", page).group(1)
    memo_docx = docx.Document(docx_file)
    body = "\n".join([p.text for p in memo_docx.paragraphs] +
                     [c.text for t in memo_docx.tables for r in t.rows for c in r.cells])
    assert nomor in body and "Yth. Kepala Dinas Perhubungan Kota Balikpapan" in body
    assert "Tahun 2026" in body and "KONSEP" not in body

    # an agency's returned form (here the Dishub form, answered as the demo simulates)
    from rentan.demo import simulate_answers
    from rentan.desk import cycle
    memo = next(m for m in cycle.documents("verifikasi", 2026) if "Perhubungan" in m.judul)
    answered = desk["root"] / "jawaban-dishub.xlsx"
    simulate_answers(desk["root"] / "outputs" / memo.folder / "formulir-verifikasi.xlsx", answered, 1)
    d.get(f"{url}/langkah/verifikasi?tahun=2026")
    d.find_element(By.ID, "jawaban-berkas").send_keys(str(answered))
    d.find_element(By.CSS_SELECTOR, "form[action='/aksi/jawaban/periksa'] button.utama").click()
    assert "jawaban-dishub.xlsx" in text(d)
    d.find_element(By.XPATH, "//button[text()='Jalankan']").click()
    page = finished(d, "the answers")
    shot(d, "11-jawaban-hasil")
    assert "Selesai." in page and f"Baris dibaca {memo.ringkasan['jumlah']}" in page

    # the other agencies' answers, straight through the library (the same registry and outputs)
    from rentan import demo_bpjs
    from rentan.documents import iuran, sk
    from rentan.registry.verification import import_results
    from rentan.render.outputs import private_folder_for
    for k, m in enumerate(x for x in cycle.documents("verifikasi", 2026) if x.id != memo.id):
        target = desk["root"] / f"jawaban-{k}.xlsx"
        simulate_answers(desk["root"] / "outputs" / m.folder / "formulir-verifikasi.xlsx", target, k + 2)
        import_results(target)
    bpjs_started = time.monotonic()

    def run_form(aksi: str, fill=None) -> str:
        d.get(f"{url}/langkah/{cycle_step[aksi]}?tahun=2026")
        if fill:
            fill()
        d.find_element(By.CSS_SELECTOR, f"form[action='/aksi/{aksi}/periksa'] button.utama").click()
        shot(d, f"16-{aksi}-periksa")
        d.find_element(By.XPATH, "//button[text()='Jalankan']").click()
        return finished(d, aksi)
    cycle_step = {"validasi": "validasi", "hasil_validasi": "validasi"}

    def sent_list(kind: str) -> Path:
        doc = [x for x in cycle.documents(kind, 2026) if not x.konsep][-1]
        return private_folder_for(2026, kind, doc.folder.rsplit("/", 1)[-1]) / f"{kind}-2026.xlsx"

    def date_and_final(field_id: str, typed: str):
        def fill():
            f = d.find_element(By.ID, field_id)
            f.clear()
            f.send_keys(typed)
            d.find_element(By.CSS_SELECTOR, f"form[action='/aksi/{field_id.split('-')[0]}/periksa'] input[name=final]").click()
        return fill

    # 3. BPJS validation from the desk: the request (final), then BPJS's answer (simulated) uploaded
    page = run_form("validasi", date_and_final("validasi-tanggal_surat", "19-11-2025"))
    shot(d, "16-validasi-hasil")
    assert "Selesai." in page and "Permohonan validasi" in page, page
    answer = desk["root"] / "hasil-validasi-bpjs.xlsx"
    refused = demo_bpjs.validation_answer(sent_list("validasi-bpjs"), answer, 7)
    page = run_form("hasil_validasi", lambda: d.find_element(By.ID, "hasil_validasi-berkas").send_keys(str(answer)))
    shot(d, "17-hasil-validasi")
    assert "Selesai." in page and f"Ditolak BPJS {refused}" in page and "Hasil diterapkan seluruhnya" in page, page
    d.get(f"{url}/langkah/validasi?tahun=2026")
    shot(d, "18-langkah-validasi")
    assert f"ditolak; 0 terverifikasi belum divalidasi" in text(d)
    sk.issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), kecualikan=True, final=True)

    # (registration and KPJ numbers through the library: the desk's forms for them are the same kind,
    # tested through TestClient in test_bpjs_steps.py; two more runs here would cost ~25 s)
    from rentan.documents.bpjs import issue_registrasi
    from rentan.registry.bpjs import import_kpj
    issue_registrasi(2026, tanggal_surat=dt.date(2025, 12, 23), final=True)
    kpj_answer = desk["root"] / "kpj-bpjs.xlsx"
    demo_bpjs.kpj_answer(sent_list("registrasi-bpjs"), kpj_answer, 7)
    import_kpj(kpj_answer)
    print(f"BPJS steps in the browser: {time.monotonic() - bpjs_started:.1f} s")
    os.environ["RENTAN_HARI_INI"] = "2026-01-02"
    month = iuran.issue_month("2026-01", final=True)
    os.environ["RENTAN_HARI_INI"] = TODAY

    # Bagian Hukum: the SK step, and the BPJS data file refused (it holds full NIKs)
    login(d, url, "budi", "sandi-budi-hukum")
    d.get(f"{url}/tahun/2026")
    shot(d, "12-beranda-hukum")
    assert "SK Wali Kota penetapan peserta Selesai" in text(d)
    d.get(f"{url}/langkah/sk?tahun=2026")
    shot(d, "13-sk-hukum")
    doc = next(x for x in cycle.documents("iuran-bulanan", 2026) if not x.konsep)
    d.get(f"{url}/naskah/{doc.id}")
    shot(d, "14-iuran-hukum")
    page = text(d)
    assert "Hanya untuk Dinas" in page and "NIK lengkap" in page
    data_file = next(p.name for p in month.files if p.name.startswith("data-bpjs-"))
    d.get(f"{url}/berkas/{doc.id}/{data_file}")
    page = text(d)
    shot(d, "15-berkas-ditolak")
    assert "memuat NIK lengkap dan hanya dapat diunduh oleh akun Dinas atau Admin" in page
    assert not list(d.downloads.glob("data-bpjs-*"))
    from sqlalchemy import select

    from rentan.registry.db import session
    from rentan.registry.models import AuditLog
    with session(readonly=True) as s:
        logged = s.execute(select(AuditLog.oleh, AuditLog.tindakan, AuditLog.subjek)
                           .where(AuditLog.subjek.like("berkas:%") | AuditLog.subjek.like("meja:%")
                                  | (AuditLog.tindakan == "terbitkan-meja"))).all()
    assert ("siti", "unduh", f"berkas:{memo.folder.rsplit('/', 1)[0]}/" ) not in logged  # (paths checked below)
    assert any(o == "siti" and t == "unduh" and s.endswith("/memo.docx") for o, t, s in logged)
    assert any(o == "budi" and t == "unduh-ditolak" and s.endswith(data_file) for o, t, s in logged)
    assert sum(1 for o, t, s in logged if o == "siti" and t == "jalankan") == 5
    assert sum(1 for o, t, s in logged if o == "siti" and t == "terbitkan-meja") == 4  # the memos and the validation request
    print(f"browser test: {time.monotonic() - started:.1f} s after the server was up")
