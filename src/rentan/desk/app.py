"""The web desk: a small FastAPI application with plain HTML forms (Jinja2), for the clerks of the
dinas and of Bagian Hukum. `create_app()` builds it; `rentan serve` runs it beside the Prefect
server (flows.serve).

Pages: log in (/masuk); the coverage year's cycle (/tahun/<tahun>); a step with its documents, its
form and its latest runs (/langkah/<langkah>); the check of a form, showing back what was understood
(POST …/periksa) before the run starts (POST …/jalankan); a run's progress and outcome
(/proses/<id>); an issued document and its files (/naskah/<id>, /berkas/<id>/<file>).

Security: accounts and roles (rentan.desk.accounts); the session is a signed cookie (Starlette's
SessionMiddleware, itsdangerous) with a key kept owner-only in the data folder; every POST carries
the session's CSRF token; a file holding full NIKs downloads only for a role that may hold it; each
download, refused download and run is written to the audit log with the user.
"""
from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from rentan import paths
from rentan.desk import accounts, actions, cycle, forms, runs
from rentan.desk.accounts import Akun, AccountError
from rentan.errors import Refusal, record_trace
from rentan.idfmt import ribuan, tanggal
from rentan.registry import audit
from rentan.registry.desk import open_desk

HERE = Path(__file__).parent
SESSION_HOURS = 8
DEMO_ENV = "RENTAN_MEJA_DEMO"
WITA = ZoneInfo("Asia/Makassar")

JUDUL_LANGKAH = {"impor": "Impor daftar calon peserta", "verifikasi": "Verifikasi oleh instansi",
                 "validasi": "Validasi oleh BPJS Ketenagakerjaan", "sk": "SK Wali Kota penetapan peserta",
                 "kpj": "Pendaftaran ke BPJS dan nomor KPJ", "iuran": "Iuran bulanan kepada BPJS Ketenagakerjaan",
                 "perwali": "Paket perubahan Perwali", "naskah": "Naskah penjelasan"}
PENJELASAN = {
    "impor": "Unggah daftar calon peserta dari kelurahan atau OPD (Excel atau CSV, seperti yang dikirim). Setiap baris "
             "diperiksa menurut aturan tahun kepesertaan; baris yang ditolak tercantum dengan alasannya dan dalam "
             "laporan penolakan (Excel).",
    "verifikasi": "Memo kepada setiap instansi verifikator dengan Lampiran daftar calon peserta dan formulir isian. "
                  "Sesudah instansi mengembalikan formulirnya, unggah formulir itu di bawah.",
    "validasi": "Calon peserta yang telah diverifikasi instansi dimohonkan validasinya kepada BPJS Ketenagakerjaan "
                "(belum terdaftar pada skema lain, NIK dikenal Dukcapil, nama dan tanggal lahir sesuai): surat dan "
                "daftar Excel. Sesudah BPJS menjawab, unggah jawabannya di bawah; calon yang ditolak BPJS tidak "
                "masuk SK. SK final baru dapat diterbitkan sesudah BPJS menjawab.",
    "kpj": "Sesudah SK ditetapkan, peserta didaftarkan ke BPJS Ketenagakerjaan (surat dan daftar Excel). Unggah "
           "jawaban BPJS yang berisi nomor KPJ setiap peserta; nomor itu dicantumkan dalam berkas data iuran "
           "bulanan.",
    "sk": "Keputusan Wali Kota yang menetapkan peserta tahun ini. Dinas membuat konsep untuk diperiksa Bagian Hukum; "
          "Bagian Hukum menerbitkan SK final (bernomor).",
    "iuran": "Surat pembayaran iuran satu bulan kepada BPJS Ketenagakerjaan dengan rekap dan berkas data. Berjalan "
             "sendiri pada tanggal 2 setiap bulan; di sini dapat diterbitkan bila perlu. Setiap bulan tagihan BPJS "
             "diunggah dan dibandingkan dengan data kami; selisih dijelaskan, lalu berita acara rekonsiliasi "
             "diterbitkan.",
    "perwali": "Rancangan perubahan Perwali 3/2025, matriks perubahan, naskah terpadu dan naskah dengan perubahan "
               "terlacak (Word), dari naskah di folder drafts/.",
    "naskah": "Naskah penjelasan rancangan Perwali dengan angka terkini dari registri.",
}
KEADAAN_PESERTA = {"terdaftar": "terdaftar (menunggu verifikasi)", "terverifikasi": "terverifikasi",
                   "ditolak": "ditolak", "ditetapkan": "ditetapkan dengan SK", "aktif": "aktif (sudah dibayar)",
                   "berakhir": "berakhir"}
TABLE_TITLES = [("impor-", "-ditolak", "Baris yang ditolak atau dilewati"), ("impor-", "", "Ringkasan impor"),
                ("jawaban-verifikasi-tidak", "", "Baris formulir yang tidak diterapkan"),
                ("jawaban-validasi-bpjs", "-tidak-sesuai", "Baris jawaban yang tidak sesuai dengan yang kami kirim"),
                ("jawaban-validasi-bpjs", "", "Ringkasan hasil validasi BPJS"),
                ("jawaban-kpj-bpjs", "-tidak-sesuai", "Baris jawaban yang tidak sesuai dengan yang kami kirim"),
                ("jawaban-kpj-bpjs", "", "Ringkasan nomor KPJ dari BPJS"),
                ("tagihan-bpjs-", "-rincian", "Rincian rekonsiliasi"), ("tagihan-bpjs-", "", "Rekonsiliasi tagihan BPJS"),
                ("validasi-bpjs-", "", "Permohonan validasi"), ("registrasi-bpjs-", "", "Daftar pendaftaran"),
                ("rekonsiliasi-bpjs-", "", "Berita acara rekonsiliasi"),
                ("jawaban-verifikasi", "", "Ringkasan jawaban instansi"), ("verifikasi-", "", "Memo per instansi"),
                ("sk-peserta-", "", "SK penetapan peserta"), ("iuran-", "", "Surat iuran"),
                ("perwali-", "", "Naskah dalam paket"), ("naskah-penjelasan-", "", "Angka dalam naskah penjelasan")]
HIDDEN_COLUMNS = {"Folder", "Baru", "Diterbitkan oleh run ini", "Berkas"}


def demo_mode() -> bool:
    return os.environ.get(DEMO_ENV) == "1"


def session_key() -> str:
    """The key that signs session cookies: made once, kept owner-only in the data folder."""
    f = paths.home() / "meja-layanan.kunci"
    if not f.exists():
        fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return f.read_text().strip()


def wita(t: dt.datetime | None) -> str:
    if t is None:
        return "-"
    t = t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)
    local = t.astimezone(WITA)
    return f"{tanggal(local.date())} pukul {local:%H.%M} WITA"


class Masuk(Exception):
    """Not logged in: to the login page."""


class Dilarang(Exception):
    def __init__(self, pesan: str):
        self.pesan = pesan


def create_app() -> FastAPI:
    app = FastAPI(title="Meja layanan rentan", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(SessionMiddleware, secret_key=session_key(), session_cookie="rentan_sesi",
                       max_age=SESSION_HOURS * 3600, same_site="strict", https_only=False)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.filters.update(ribuan=ribuan, tanggal=tanggal, wita=wita, hari_tanggal=forms.hari_tanggal)
    env.globals.update(JUDUL_LANGKAH=JUDUL_LANGKAH, demo=demo_mode)

    def csrf(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return token

    def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
        user = ctx.pop("user", None)
        ys = actions.years()
        ctx.setdefault("tahun", actions.default_year())
        return templates.TemplateResponse(request, name, {"user": user, "csrf": csrf(request), "years": list(ys),
                                                          **ctx}, status_code=status)

    def current(request: Request) -> Akun:
        uid = request.session.get("uid")
        user = accounts.active(uid) if isinstance(uid, int) else None
        if user is None:
            raise Masuk()
        return user

    async def posted(request: Request) -> dict:
        """The form of a POST, after its CSRF token is checked."""
        form = await request.form()
        token = form.get("csrf")
        if not isinstance(token, str) or not hmac.compare_digest(token, request.session.get("csrf") or "-"):
            raise Dilarang("Formulir ini sudah kedaluwarsa atau tidak berasal dari meja layanan. Muat ulang halaman, "
                           "lalu kirim lagi.")
        return form

    def log(user: Akun, subjek: str, tindakan: str, alasan: str) -> None:
        with open_desk(oleh=user.nama) as d:
            d.audit([audit.entry(subjek, tindakan, user.nama, alasan, None, d.now)])

    @app.exception_handler(Masuk)
    async def _login_first(request: Request, _exc: Masuk):
        return RedirectResponse("/masuk", status_code=303)

    @app.exception_handler(Dilarang)
    async def _forbidden(request: Request, exc: Dilarang):
        uid = request.session.get("uid")
        user = accounts.active(uid) if isinstance(uid, int) else None
        return page(request, "pesan.html", 403, user=user, judul="Tidak diizinkan", pesan=exc.pesan)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        try:
            where = f"rincian teknis dicatat di {record_trace(exc, f'meja layanan {request.method} {request.url.path}')}"
        except OSError:
            where = "rincian teknis tidak dapat dicatat"
        return HTMLResponse(templates.get_template("pesan.html").render(
            request=request, user=None, csrf="", years=[], tahun=None, judul="Terjadi kesalahan",
            pesan=f"Terjadi kesalahan yang tidak terduga ({type(exc).__name__}); {where}. Laporkan kepada pengelola "
                  "aplikasi."), status_code=500)

    # --- log in / out -------------------------------------------------------------------------

    @app.get("/masuk", response_class=HTMLResponse)
    def login_page(request: Request):
        return page(request, "masuk.html", nama="", salah=None)

    @app.post("/masuk", response_class=HTMLResponse)
    async def login(request: Request):
        form = await posted(request)
        nama = str(form.get("nama") or "")
        try:
            user = accounts.login(nama, str(form.get("sandi") or ""), request.client.host if request.client else "-")
        except AccountError as e:
            return page(request, "masuk.html", 401, nama=nama, salah=f"{str(e)[0].upper()}{str(e)[1:]}.")
        request.session.clear()  # a new session (and CSRF token) for the account
        request.session["uid"] = user.id
        return RedirectResponse("/", status_code=303)

    @app.post("/keluar")
    async def logout(request: Request):
        await posted(request)
        request.session.clear()
        return RedirectResponse("/masuk", status_code=303)

    # --- the cycle ------------------------------------------------------------------------------

    @app.get("/")
    def home(request: Request):
        current(request)
        return RedirectResponse(f"/tahun/{actions.default_year()}", status_code=303)

    def year_of(value) -> int:
        try:
            return forms.parse_year(str(value), actions.years())
        except forms.Salah as e:
            raise Dilarang(f"{str(e)[0].upper()}{str(e)[1:]}.") from None

    @app.get("/tahun/{tahun}", response_class=HTMLResponse)
    def year_page(request: Request, tahun: str):
        user = current(request)
        y = year_of(tahun)
        return page(request, "beranda.html", user=user, tahun=y, langkah=cycle.cycle(y),
                    peserta=[(KEADAAN_PESERTA.get(k, k), n) for k, n in sorted(cycle.status_counts(y).items(),
                                                                               key=lambda kv: list(KEADAAN_PESERTA).index(kv[0]) if kv[0] in KEADAAN_PESERTA else 99)])

    def step_page(request: Request, user: Akun, kode: str, tahun: int, *, forms_state: dict | None = None,
                  status: int = 200):
        steps = {s.kode: s for s in cycle.cycle(tahun)}
        if kode not in steps:
            raise Dilarang("Langkah itu tidak ada.")
        forms_state = forms_state or {}
        aksi = []
        for a in actions.LANGKAH_AKSI[kode]:
            ak = actions.AKSI[a]
            state = forms_state.get(a) or {"values": defaults(a, tahun), "errors": {}}
            aksi.append({"aksi": ak, "boleh": user.boleh(ak.peran) or (a == "sk" and user.boleh("sk_final")),
                         **state})
        try:
            latest = runs.recent([actions.AKSI[a].deployment for a in actions.LANGKAH_AKSI[kode]])
            prefect_ok = True
        except runs.RunError:
            latest, prefect_ok = [], False
        uploads = cycle.imports(tahun) if kode == "impor" else []
        return page(request, "langkah.html", status, user=user, tahun=tahun, langkah=steps[kode], aksi_list=aksi,
                    penjelasan=PENJELASAN[kode], proses=latest, prefect_ok=prefect_ok, impor=uploads,
                    bulan_bpjs=cycle.months_of(tahun) if kode == "iuran" else [],
                    bulan=[(f"{tahun}-{m:02d}", forms.period_label(f"{tahun}-{m:02d}")) for m in range(1, 13)])

    def defaults(aksi: str, tahun: int) -> dict:
        d = forms.dmy(actions.default_date())
        return {"impor": {"tahun": str(tahun)}, "jawaban": {},
                "verifikasi": {"tahun": str(tahun), "tanggal_surat": d, "putaran": "1"},
                "sk": {"tahun": str(tahun), "tanggal_penetapan": d},
                "iuran": {"periode": next_period(tahun)}, "perwali": {},
                "naskah": {"tahun": str(tahun), "tanggal": d},
                "validasi": {"tahun": str(tahun), "tanggal_surat": d}, "hasil_validasi": {},
                "registrasi": {"tahun": str(tahun), "tanggal_surat": d}, "kpj": {},
                "tagihan": {"periode": last_paid(tahun)}, "selisih": {"periode": last_paid(tahun)},
                "berita_acara": {"periode": last_paid(tahun), "tanggal": d}}[aksi]

    def last_paid(tahun: int) -> str:
        """The month BPJS bills next: the latest one paid (the month before the next to pay)."""
        paid = sorted(doc.kunci.split("/")[1] for doc in cycle.documents("iuran-bulanan", tahun) if not doc.konsep)
        return paid[-1] if paid else f"{tahun}-01"

    def next_period(tahun: int) -> str:
        paid = {doc.kunci.split("/")[1] for doc in cycle.documents("iuran-bulanan", tahun) if not doc.konsep}
        return next((f"{tahun}-{m:02d}" for m in range(1, 13) if f"{tahun}-{m:02d}" not in paid), f"{tahun}-12")

    @app.get("/langkah/{kode}", response_class=HTMLResponse)
    def step(request: Request, kode: str, tahun: str | None = None):
        user = current(request)
        return step_page(request, user, kode, year_of(tahun) if tahun else actions.default_year())

    async def checked_form(request: Request, aksi_kode: str):
        user = current(request)
        if aksi_kode not in actions.AKSI:
            raise Dilarang("Tindakan itu tidak ada.")
        aksi = actions.AKSI[aksi_kode]
        if not (user.boleh(aksi.peran) or (aksi.kode == "sk" and user.boleh("sk_final"))):
            raise Dilarang(f"Akun {user.nama} ({user.label_peran}) tidak dapat menjalankan «{aksi.judul}».")
        form = await posted(request)
        upload = form.get("berkas")
        upload_file = None
        if upload is not None and hasattr(upload, "filename") and upload.filename:
            upload_file = (upload.filename, upload.file)
        values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
        p = actions.check(aksi, values, user, upload_file=upload_file, demo=demo_mode())
        return user, aksi, p

    def tahun_for(aksi: actions.Aksi, p: actions.Periksa) -> int:
        t = p.values.get("tahun") or (p.values.get("periode") or "")[:4]
        try:
            return forms.parse_year(t, actions.years())
        except forms.Salah:
            return actions.default_year()

    @app.post("/aksi/{aksi_kode}/periksa", response_class=HTMLResponse)
    async def check_action(request: Request, aksi_kode: str):
        user, aksi, p = await checked_form(request, aksi_kode)
        tahun = tahun_for(aksi, p)
        if not p.ok:
            return step_page(request, user, aksi.langkah, tahun, status=422,
                             forms_state={aksi.kode: {"values": p.values, "errors": p.errors}})
        return page(request, "periksa.html", user=user, tahun=tahun, aksi=aksi, p=p)

    @app.post("/aksi/{aksi_kode}/ubah", response_class=HTMLResponse)
    async def change_action(request: Request, aksi_kode: str):
        user, aksi, p = await checked_form(request, aksi_kode)
        return step_page(request, user, aksi.langkah, tahun_for(aksi, p),
                         forms_state={aksi.kode: {"values": p.values, "errors": {}}})

    @app.post("/aksi/{aksi_kode}/jalankan")
    async def run_action(request: Request, aksi_kode: str):
        user, aksi, p = await checked_form(request, aksi_kode)
        tahun = tahun_for(aksi, p)
        if not p.ok:
            return step_page(request, user, aksi.langkah, tahun, status=422,
                             forms_state={aksi.kode: {"values": p.values, "errors": p.errors}})
        try:
            run_id = runs.submit(aksi.deployment, p.params, user.nama)
        except runs.RunError as e:
            return page(request, "pesan.html", 503, user=user, tahun=tahun, judul="Belum dapat dijalankan",
                        pesan=f"{str(e)[0].upper()}{str(e)[1:]}.")
        shown = {k: v for k, v in p.params.items() if k not in ("berkas", "oleh")}
        if "berkas" in p.params:
            shown["berkas"] = Path(p.params["berkas"]).name
        log(user, f"meja:{aksi.deployment}", "jalankan", f"run {run_id}: {shown}")
        return RedirectResponse(f"/proses/{run_id}", status_code=303)

    # --- runs -----------------------------------------------------------------------------------

    @app.get("/proses/{run_id}", response_class=HTMLResponse)
    def run_page(request: Request, run_id: str):
        user = current(request)
        try:
            p = runs.read(run_id)
        except runs.RunError as e:
            return page(request, "pesan.html", 503, user=user, judul="Server Prefect tidak menjawab",
                        pesan=f"{str(e)[0].upper()}{str(e)[1:]}.")
        if p is None:
            raise Dilarang("Proses itu tidak ada.")
        langkah = actions.DEPLOYMENT_LANGKAH.get(p.deployment or "")
        tabel, docs, laporan = [], [], None
        if p.final:
            tabel = [shown_table(t) for t in p.tabel]
            docs = run_documents(p)
            record_issued(p, docs)
            folder = actions.upload_folder(str(p.parameters.get("berkas") or ""))
            if folder is not None and any(folder.glob("*-ditolak.xlsx")):
                laporan = folder.name
        tahun = p.parameters.get("tahun") or (str(p.parameters.get("periode") or "")[:4] or None)
        aksi = next((a for a in actions.AKSI.values() if a.deployment == p.deployment), None)
        return page(request, "proses.html", user=user, p=p, langkah=langkah, tabel=tabel, dokumen=docs,
                    unggah=bool(aksi and (aksi.unggah or aksi.kode == "selisih")),
                    laporan=laporan, tahun=int(tahun) if tahun and str(tahun).isdigit() else actions.default_year(),
                    prefect_ui=runs.ui_url(p.id))

    def shown_table(t: runs.Tabel) -> dict:
        title = next((name for pre, suf, name in TABLE_TITLES if t.key.startswith(pre) and t.key.endswith(suf)), "Hasil")
        rows = [r for r in t.rows if not (r.get("Uraian") in HIDDEN_COLUMNS or _is_path(r.get("Nilai")))]
        cols = [c for c in (rows[0].keys() if rows else []) if c not in HIDDEN_COLUMNS]
        return {"judul": title, "kolom": cols, "baris": [[r.get(c, "") for c in cols] for r in rows]}

    def run_documents(p: runs.Proses) -> list[dict]:
        root = paths.outputs().resolve()
        folders: list[str] = []
        for t in p.tabel:
            for r in t.rows:
                for v in r.values():
                    for part in (v.split(", ") if isinstance(v, str) else []):
                        if _is_path(part):
                            try:
                                rel = Path(part).resolve().relative_to(root).parts
                            except ValueError:
                                continue
                            cand = "/".join(rel[:3]) if rel and rel[0] != "rahasia" else None
                            if cand and cand not in folders:
                                folders.append(cand)
        out = []
        for f in folders:
            d = cycle.by_folder(f)
            if d is not None:
                made = d.dibuat if d.dibuat.tzinfo else d.dibuat.replace(tzinfo=dt.timezone.utc)
                out.append({"d": d, "lama": bool(p.mulai and made < p.mulai)})
        return out

    def record_issued(p: runs.Proses, docs: list[dict]) -> None:
        """Once per run: the documents it issued, in the audit log with the account that ran it."""
        if not p.oleh or p.state != "COMPLETED":
            return
        from sqlalchemy import select

        from rentan.registry.models import AuditLog
        with open_desk(oleh=p.oleh) as d:
            for item in docs:
                if item["lama"]:
                    continue
                doc = item["d"]
                subjek, why = f"naskah:{doc.kunci}"[:100], f"lewat meja layanan, run {p.id}"
                seen = d._s.scalars(select(AuditLog.id).where(AuditLog.subjek == subjek, AuditLog.tindakan == "terbitkan-meja",
                                                              AuditLog.alasan == why)).first()
                if seen is None:
                    d.audit([audit.entry(subjek, "terbitkan-meja", p.oleh, why, None, d.now)])

    # --- documents and files --------------------------------------------------------------------

    @app.get("/naskah/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: int):
        user = current(request)
        d = cycle.document(doc_id)
        if d is None:
            raise Dilarang("Naskah itu tidak ada.")
        return page(request, "naskah.html", user=user, d=d, berkas=d.berkas(), tahun=d.tahun,
                    boleh_nik=user.boleh("nik_lengkap"), langkah=_step_of(d.jenis))

    @app.get("/berkas/{doc_id}/{nama}")
    def download(request: Request, doc_id: int, nama: str):
        user = current(request)
        d = cycle.document(doc_id)
        f = next((b for b in d.berkas() if b.nama == nama), None) if d else None
        if f is None or not f.path.is_file():
            raise Dilarang("Berkas itu tidak ada.")
        if f.nik_lengkap and not user.boleh("nik_lengkap"):
            log(user, f"berkas:{d.folder}/{nama}"[:100], "unduh-ditolak", f"{d.jenis}: memuat NIK lengkap")
            raise Dilarang(f"Berkas «{f.label}» memuat NIK lengkap dan hanya dapat diunduh oleh akun Dinas atau Admin. "
                           f"Akun {user.nama} ({user.label_peran}) dapat membuka berkas lain naskah ini.")
        log(user, f"berkas:{d.folder}/{nama}"[:100], "unduh", f"{d.jenis} {d.nomor or d.kunci}")
        return FileResponse(f.path, filename=nama, media_type=_media(nama))

    @app.get("/unggahan/{token}/laporan")
    def rejection_report(request: Request, token: str):
        user = current(request)
        if not user.boleh("nik_lengkap"):
            raise Dilarang("Laporan penolakan memuat baris daftar apa adanya (NIK lengkap) dan hanya dapat diunduh "
                           "oleh akun Dinas atau Admin.")
        if not actions._TOKEN.match(token):
            raise Dilarang("Laporan itu tidak ada.")
        found = sorted((actions.uploads() / token).glob("*-ditolak.xlsx"))
        if not found:
            raise Dilarang("Laporan itu tidak ada.")
        log(user, f"unggahan:{token}"[:100], "unduh", f"laporan penolakan {found[0].name}")
        return FileResponse(found[0], filename=found[0].name, media_type=_media(found[0].name))

    @app.get("/contoh-daftar")
    def sample(request: Request, tahun: str | None = None):
        """DEMO only: a synthetic kelurahan list to upload."""
        user = current(request)
        if not demo_mode():
            raise Dilarang("Daftar contoh hanya tersedia pada meja layanan DEMO (`rentan serve --demo`).")
        y = year_of(tahun) if tahun else actions.default_year()
        from rentan.registry.demo import write_demo_registry
        target = paths.home() / "contoh" / f"contoh-daftar-peserta-{y}.xlsx"
        target.parent.mkdir(mode=0o700, exist_ok=True)
        if not target.exists():
            write_demo_registry(target, count=200, seed=y, tahun=y)
        log(user, "contoh-daftar", "unduh", f"daftar contoh sintetis tahun {y}")
        return FileResponse(target, filename=target.name, media_type=_media(target.name))

    @app.get("/sehat")
    def health():
        return Response("ok", media_type="text/plain")

    return app


def _step_of(jenis: str) -> str:
    return {"verifikasi": "verifikasi", "sk-peserta": "sk", "iuran-bulanan": "iuran", "perwali": "perwali",
            "naskah-penjelasan": "naskah", "validasi-bpjs": "validasi", "registrasi-bpjs": "kpj",
            "rekonsiliasi-bpjs": "iuran"}.get(jenis, "impor")


def _is_path(v) -> bool:
    return isinstance(v, str) and v.startswith("/") and len(v) > 1


def _media(name: str) -> str:
    return {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".pdf": "application/pdf", ".csv": "text/csv"}.get(Path(name).suffix.lower(), "application/octet-stream")


__all__ = ["create_app", "Refusal"]
