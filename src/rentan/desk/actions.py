"""What each step of the cycle lets a clerk do, and how its form is checked before anything runs.

An action is one deployment (flows.deployments) and the form that fills its parameters. `check()`
reads the form (and a saved upload), answers every mistake beside its field, and — when there is
none — gives the run's parameters and the lines that show back what was understood (dates with the
day and the Indonesian month name, the period's month, the rows found in an uploaded file), plus
the documents already issued that the run would only return.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from rentan import paths
from rentan.clock import today, working_day_on_or_after
from rentan.desk import forms
from rentan.desk.accounts import Akun
from rentan.desk.cycle import Dokumen, documents
from rentan.desk.forms import Salah, dmy, hari_tanggal
from rentan.idfmt import ribuan, tanggal

MAX_UPLOAD = 50 * 1024 * 1024
UPLOAD_EXT = (".xlsx", ".xlsm", ".csv")
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Aksi:
    kode: str
    langkah: str
    judul: str  # the button
    deployment: str
    peran: str  # accounts.BOLEH key
    unggah: bool = False
    demo: bool = True  # the flow takes `demo`


AKSI = {a.kode: a for a in [
    Aksi("impor", "impor", "Impor daftar calon peserta", "impor-registri", "impor", unggah=True, demo=False),
    Aksi("verifikasi", "verifikasi", "Terbitkan memo verifikasi", "verifikasi", "verifikasi"),
    Aksi("jawaban", "verifikasi", "Terapkan formulir hasil verifikasi", "impor-verifikasi", "jawaban", unggah=True,
         demo=False),
    Aksi("sk", "sk", "Terbitkan SK penetapan peserta", "sk-peserta", "sk_konsep"),
    Aksi("iuran", "iuran", "Terbitkan surat iuran bulanan", "iuran-bulanan", "iuran"),
    Aksi("perwali", "perwali", "Susun paket perubahan Perwali", "perwali", "perwali", demo=False),
    Aksi("naskah", "naskah", "Susun naskah penjelasan", "naskah-penjelasan", "naskah"),
    # BPJS Ketenagakerjaan (Perwali 3/2025 Pasal 8, 10 and 12): the requests are documents, the answers uploads
    Aksi("validasi", "validasi", "Kirim permohonan validasi ke BPJS", "validasi-bpjs", "bpjs"),
    Aksi("hasil_validasi", "validasi", "Terapkan hasil validasi dari BPJS", "impor-validasi-bpjs", "bpjs",
         unggah=True, demo=False),
    Aksi("registrasi", "kpj", "Kirim daftar pendaftaran peserta ke BPJS", "registrasi-bpjs", "bpjs"),
    Aksi("kpj", "kpj", "Terapkan nomor KPJ dari BPJS", "impor-kpj-bpjs", "bpjs", unggah=True, demo=False),
    Aksi("tagihan", "iuran", "Impor tagihan BPJS sebulan", "impor-tagihan-bpjs", "bpjs", unggah=True, demo=False),
    Aksi("selisih", "iuran", "Catat penjelasan selisih tagihan", "catat-selisih", "bpjs", demo=False),
    Aksi("berita_acara", "iuran", "Terbitkan berita acara rekonsiliasi", "rekonsiliasi-bpjs", "bpjs"),
]}
LANGKAH_AKSI = {"impor": ["impor"], "verifikasi": ["verifikasi", "jawaban"], "validasi": ["validasi", "hasil_validasi"],
                "sk": ["sk"], "kpj": ["registrasi", "kpj"], "iuran": ["iuran", "tagihan", "selisih", "berita_acara"],
                "perwali": ["perwali"], "naskah": ["naskah"]}
DEPLOYMENT_LANGKAH = {a.deployment: a.langkah for a in AKSI.values()}


@dataclass
class Periksa:
    """A form checked: its values (to show again), the mistakes by field, and when there is none the
    run's parameters and what was understood."""
    values: dict
    errors: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    lines: list[tuple[str, str]] = field(default_factory=list)
    issued: list[Dokumen] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def years() -> range:
    from rentan.program import program
    from rentan.registry.rules import tahun_program
    return tahun_program(program(), today())


def default_year() -> int:
    """Registration runs October–December for the next year's coverage."""
    t = today()
    y = t.year + 1 if t.month >= 10 else t.year
    ys = years()
    return min(max(y, ys.start), ys.stop - 1)


def default_date() -> dt.date:
    return working_day_on_or_after(today())


# --- uploads -------------------------------------------------------------------------------------

def uploads() -> Path:
    p = paths.home() / "unggahan"
    p.mkdir(mode=0o700, exist_ok=True)
    return p


def safe_name(name: str) -> str:
    base = Path(name or "").name
    stem, ext = os.path.splitext(base)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:80] or "berkas"
    return stem + ext.lower()


def save_upload(filename: str, stream, oleh: str) -> tuple[str, Path]:
    """Save an uploaded file owner-only under RENTAN_HOME/unggahan/<token>/ (it holds NIKs); Salah
    when it is not a spreadsheet or too big."""
    name = safe_name(filename)
    if not name or Path(name).suffix not in UPLOAD_EXT:
        raise Salah("pilih berkas Excel (.xlsx) atau CSV (.csv)" if not filename else
                    f"berkas {Path(filename).name!r} bukan Excel (.xlsx) atau CSV (.csv)")
    token = secrets.token_hex(16)
    folder = uploads() / token
    folder.mkdir(mode=0o700)
    target = folder / name
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                break
            out.write(chunk)
    if size > MAX_UPLOAD or size == 0:
        target.unlink()
        folder.rmdir()
        raise Salah("berkas kosong" if size == 0 else f"berkas lebih besar dari {MAX_UPLOAD // (1024 * 1024)} MB")
    (folder / ".meta.json").write_text(json.dumps({"oleh": oleh, "nama": Path(filename).name, "berkas": name}))
    os.chmod(folder / ".meta.json", 0o600)
    return token, target


def upload(token: str | None, oleh: str) -> tuple[Path, dict] | None:
    """The file saved under `token` by `oleh` (None when there is none)."""
    if not token or not _TOKEN.match(token):
        return None
    folder = uploads() / token
    try:
        meta = json.loads((folder / ".meta.json").read_text())
    except (OSError, ValueError):
        return None
    if meta.get("oleh") != oleh:
        return None
    return folder / meta["berkas"], meta


def upload_folder(path_text: str) -> Path | None:
    """The upload folder a run's `berkas` parameter lies in, if it is one."""
    try:
        p = Path(path_text).resolve()
        base = uploads().resolve()
    except (OSError, TypeError):
        return None
    return p.parent if p.parent.parent == base and _TOKEN.match(p.parent.name) else None


def _sha256(path: Path) -> str:
    from rentan.render.outputs import sha256_file
    return sha256_file(path)


# --- checks --------------------------------------------------------------------------------------

def _field(p: Periksa, name: str, fn):
    try:
        return fn()
    except Salah as e:
        p.errors[name] = str(e)
        return None


def _date_field(p: Periksa, name: str, default: dt.date | None, first: dt.date, last: dt.date, why: str):
    def read():
        d = forms.parse_date(p.values.get(name))
        if d is None:
            if default is None:
                return None
            d = default
        return forms.date_between(d, first, last, why)
    return _field(p, name, read)


def check(aksi: Aksi, form: dict, user: Akun, *, upload_file=None, demo: bool = False) -> Periksa:
    values = {k: (v if isinstance(v, str) else "") for k, v in form.items()}
    p = Periksa(values)
    ys = years()
    fn = globals()[f"_check_{aksi.kode}"]
    fn(p, ys, user, upload_file)
    if p.ok and aksi.demo:
        p.params["demo"] = demo
    return p


def _year(p: Periksa, ys: range):
    return _field(p, "tahun", lambda: forms.parse_year(p.values.get("tahun"), ys))


def _final(p: Periksa, label: str = "Terbitkan final") -> bool:
    final = forms.checked(p.values.get("final"))
    p.lines.append((label, "ya — bernomor, mengubah registri" if final else "tidak — konsep bertanda KONSEP, tanpa nomor"))
    return final


def _uploaded(p: Periksa, user: Akun, upload_file, read) -> Path | None:
    """The file of this form: uploaded now, or saved when the form was checked (its token)."""
    got = None
    if upload_file is not None and upload_file[0]:
        try:
            token, path = save_upload(upload_file[0], upload_file[1], user.nama)
        except Salah as e:
            p.errors["berkas"] = str(e)
            return None
        p.values["unggahan"] = token
        got = (path, {"nama": upload_file[0]})
    else:
        got = upload(p.values.get("unggahan"), user.nama)
    if got is None:
        p.errors["berkas"] = "pilih berkas yang akan diunggah (Excel .xlsx atau CSV)"
        return None
    path, meta = got
    p.values["nama_berkas"] = meta.get("nama") or path.name
    try:
        table = read(path)
    except Exception as e:  # SheetError (a Refusal) and anything a broken file raises
        from rentan.errors import Refusal
        why = str(e) if isinstance(e, Refusal) else "berkas tidak dapat dibaca sebagai tabel"
        p.errors["berkas"] = f"{why}. Perbaiki berkasnya lalu unggah lagi."
        p.values.pop("unggahan", None)
        return None
    size = path.stat().st_size
    where = f", lembar {table.sheet!r}" if getattr(table, "sheet", None) else ""
    p.lines.append(("Berkas", f"{p.values['nama_berkas']} ({ribuan(max(1, size // 1024))} KB{where}): "
                              f"{ribuan(len(table.rows))} baris data"))
    return path


def _check_impor(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    from rentan.registry.importer import COLUMNS, REQUIRED
    from rentan.registry.sheets import read_table
    tahun = _year(p, ys)
    sumber = _field(p, "sumber", lambda: forms.parse_text(p.values.get("sumber"), 200, "asal daftar"))
    path = _uploaded(p, user, upload_file, lambda f: read_table(f, COLUMNS, REQUIRED))
    if not p.ok:
        return
    p.lines.insert(0, ("Tahun kepesertaan", str(tahun)))
    p.lines.append(("Asal daftar", sumber or "kolom Sumber di berkas, atau nama berkasnya"))
    p.params = {"berkas": str(path), "tahun": tahun, "sumber": sumber, "oleh": user.nama}
    from sqlalchemy import select

    from rentan.registry.desk import reader
    from rentan.registry.models import Impor
    digest = _sha256(path)
    with reader() as desk:
        before = desk._s.execute(select(Impor.waktu, Impor.oleh).where(Impor.sha256 == digest, Impor.tahun == tahun)
                                 .order_by(Impor.id)).first()
    if before:
        p.notes.append(f"Berkas yang sama sudah diimpor untuk tahun {tahun} pada {tanggal(before[0].date())} oleh "
                       f"{before[1]}; mengimpornya lagi tidak mengubah registri.")


def _check_jawaban(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    from rentan.registry.sheets import read_table
    from rentan.registry.verification import FORM_COLUMNS
    required = [("nik",), ("nama",), ("ttl",), ("hasil",), ("keterangan",)]
    path = _uploaded(p, user, upload_file, lambda f: read_table(f, FORM_COLUMNS, required))
    if p.ok:
        p.params = {"berkas": str(path), "oleh": user.nama}


def _check_verifikasi(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    tahun = _year(p, ys)
    putaran = _field(p, "putaran", lambda: forms.parse_round(p.values.get("putaran")))
    on = None
    if tahun:
        on = _date_field(p, "tanggal_surat", default_date(), dt.date(tahun - 1, 1, 1), dt.date(tahun, 12, 31),
                         f"memo untuk tahun kepesertaan {tahun} bertanggal dalam tahun {tahun - 1} atau {tahun}")
    final = forms.checked(p.values.get("final"))
    if not p.ok:
        return
    from rentan.documents.verifikasi import plan
    day = working_day_on_or_after(on)
    groups = [(kode, nama, n) for kode, nama, n in plan(tahun, day) if n]
    issued = [d for d in documents("verifikasi", tahun) if not d.konsep and d.kunci.split("/")[2] == str(putaran)]
    if not groups and not issued:
        p.errors["tahun"] = (f"tidak ada calon peserta tahun {tahun} yang menunggu verifikasi; impor daftar calon "
                             "peserta lebih dahulu")
        return
    p.lines = [("Tahun kepesertaan", str(tahun)), ("Putaran", str(putaran)),
               ("Tanggal surat", hari_tanggal(day) + ("" if day == on else f" (hari kerja pertama sejak {tanggal(on)})"))]
    _final(p)
    for kode, nama, n in groups:
        p.lines.append(("Memo kepada", f"{nama}: {ribuan(n)} calon peserta"))
    if final:
        p.issued = issued
    p.params = {"tahun": tahun, "tanggal_surat": day.isoformat(), "putaran": putaran, "final": final}
    p.values["tanggal_surat"] = dmy(on)


def _check_sk(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    tahun = _year(p, ys)
    on = None
    if tahun:
        on = _date_field(p, "tanggal_penetapan", default_date(), dt.date(tahun - 1, 1, 1), dt.date(tahun, 12, 31),
                         f"SK ditetapkan paling lambat Desember {tahun - 1}, atau dalam tahun {tahun} bila terlambat")
    kecualikan = forms.checked(p.values.get("kecualikan"))
    final = forms.checked(p.values.get("final"))
    if final and not user.boleh("sk_final"):
        p.errors["final"] = (f"SK final diterbitkan oleh Bagian Hukum; akun {user.label_peran} membuat konsep untuk "
                             "diperiksa Bagian Hukum (kosongkan pilihan ini)")
    if not final and not user.boleh("sk_konsep"):
        p.errors["final"] = "akun Bagian Hukum menerbitkan SK final; konsep dibuat oleh Dinas (centang pilihan ini)"
    if not p.ok:
        return
    day = working_day_on_or_after(on)
    p.lines = [("Tahun kepesertaan", str(tahun)),
               ("Tanggal penetapan", hari_tanggal(day) + ("" if day == on else f" (hari kerja pertama sejak {tanggal(on)})")),
               ("Calon yang belum siap", "dikecualikan (dicatat di log audit)" if kecualikan else
                "tidak dikecualikan: SK ditolak bila masih ada yang belum siap")]
    _final(p)
    from rentan.documents.sk import rencana
    r = rencana(tahun)
    if r.get("nomor"):
        p.issued = [d for d in documents("sk-peserta", tahun) if not d.konsep]
    else:
        p.lines.append(("Peserta yang akan ditetapkan", ribuan(r["peserta"])))
        waiting = sum(v for k, v in r.items() if k not in ("nomor", "peserta", "provinsi_belum_verifikasi")
                      and isinstance(v, int))
        if waiting and not kecualikan:
            p.notes.append(f"{ribuan(waiting)} calon peserta belum siap (belum diverifikasi atau tidak lagi memenuhi "
                           "syarat): SK akan ditolak kecuali pilihan «Kecualikan yang belum siap» dicentang.")
    p.params = {"tahun": tahun, "tanggal_penetapan": day.isoformat(), "kecualikan": kecualikan, "final": final}
    p.values["tanggal_penetapan"] = dmy(on)


def _check_iuran(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    periode = _field(p, "periode", lambda: forms.parse_period(p.values.get("periode"), ys))
    koreksi = _field(p, "koreksi", lambda: forms.free_text(p.values.get("koreksi"), 500, "alasan koreksi"))
    final = forms.checked(p.values.get("final"))
    if not p.ok:
        return
    tahun = int(periode[:4])
    issued = [d for d in documents("iuran-bulanan", tahun) if not d.konsep and d.kunci.split("/")[1] == periode]
    if koreksi and not issued:
        p.errors["koreksi"] = (f"surat iuran {forms.period_label(periode)} belum pernah diterbitkan final; koreksi "
                               "tidak diperlukan (kosongkan isian ini)")
        return
    if koreksi and not final:
        p.errors["koreksi"] = "surat koreksi selalu bernomor: centang «Terbitkan final» atau kosongkan isian ini"
        return
    p.lines = [("Bulan yang dibayar", forms.period_label(periode))]
    _final(p)
    if koreksi:
        p.lines.append(("Alasan koreksi", koreksi))
        p.notes.append(f"Surat koreksi ke-{len(issued)} akan diterbitkan dengan nomor baru, merujuk surat asli.")
    elif final:
        p.issued = issued
    p.params = {"periode": periode, "koreksi": koreksi, "final": final}


def _check_perwali(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    first, last = dt.date(ys.start - 1, 1, 1), dt.date(ys.stop - 1, 12, 31)
    why = f"tanggal dalam tahun {first.year} sampai {last.year}"
    on = _date_field(p, "tanggal", None, first, last, why)
    per = _date_field(p, "per_tanggal", None, first, last, why)
    if not p.ok:
        return
    p.lines = [("Tanggal rancangan", hari_tanggal(on) if on else "tanggal yang tertulis di berkas perubahan"),
               ("Naskah terpadu keadaan tanggal", tanggal(per) if per else "tanggal mulai berlaku perubahan")]
    p.params = {"tanggal": on.isoformat() if on else None, "per_tanggal": per.isoformat() if per else None}


def _check_naskah(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    tahun = _year(p, ys)
    on = None
    if tahun:
        on = _date_field(p, "tanggal", default_date(), dt.date(tahun - 1, 1, 1), dt.date(tahun, 12, 31),
                         f"naskah penjelasan tahun {tahun} bertanggal dalam tahun {tahun - 1} atau {tahun}")
    if not p.ok:
        return
    day = working_day_on_or_after(on)
    p.lines = [("Tahun kepesertaan", str(tahun)),
               ("Tanggal naskah", hari_tanggal(day) + ("" if day == on else f" (hari kerja pertama sejak {tanggal(on)})"))]
    final = _final(p)
    p.params = {"tahun": tahun, "tanggal": day.isoformat(), "final": final}
    p.values["tanggal"] = dmy(on)


# --- BPJS Ketenagakerjaan ------------------------------------------------------------------------

def _letter_date(p: Periksa, tahun: int | None, what: str) -> dt.date | None:
    if not tahun:
        return None
    return _date_field(p, "tanggal_surat", default_date(), dt.date(tahun - 1, 1, 1), dt.date(tahun, 12, 31),
                       f"{what} untuk tahun kepesertaan {tahun} bertanggal dalam tahun {tahun - 1} atau {tahun}")


def _dated(p: Periksa, label: str, on: dt.date) -> dt.date:
    day = working_day_on_or_after(on)
    p.lines.append((label, hari_tanggal(day) + ("" if day == on else f" (hari kerja pertama sejak {tanggal(on)})")))
    return day


def _sebagian(p: Periksa) -> bool:
    part = forms.checked(p.values.get("sebagian"))
    p.lines.append(("Terima sebagian", "ya — baris yang sesuai diterapkan walaupun ada yang tidak sesuai" if part else
                    "tidak — bila ada baris yang tidak sesuai dengan yang kami kirim, tidak ada yang diterapkan"))
    return part


def _check_validasi(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    tahun = _year(p, ys)
    on = _letter_date(p, tahun, "permohonan validasi")
    final = forms.checked(p.values.get("final"))
    if not p.ok:
        return
    from rentan.registry import bpjs as exchange
    from rentan.registry.desk import reader
    with reader() as desk:
        n = len(exchange.to_validate(desk, tahun))
    if not n:
        p.errors["tahun"] = (f"tidak ada calon peserta tahun {tahun} yang telah diverifikasi dan belum dimohonkan "
                             "validasinya ke BPJS Ketenagakerjaan")
        return
    p.lines = [("Tahun kepesertaan", str(tahun))]
    day = _dated(p, "Tanggal surat", on)
    _final(p)
    p.lines.append(("Calon peserta yang dimohonkan validasi", ribuan(n)))
    p.notes.append("Daftar calon peserta (Excel, NIK lengkap) disimpan di folder rahasia dan hanya dapat diunduh akun "
                   "Dinas atau Admin; kirim daftar itu kepada BPJS Ketenagakerjaan bersama suratnya.")
    p.params = {"tahun": tahun, "tanggal_surat": day.isoformat(), "final": final}
    p.values["tanggal_surat"] = dmy(on)


def _answer_reader(layout: str, required):
    from rentan.registry.bpjs import susunan
    from rentan.registry.sheets import read_table
    return lambda f: read_table(f, susunan(layout).columns(), required)


def _check_hasil_validasi(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    path = _uploaded(p, user, upload_file, _answer_reader("validasi-jawaban", [("nik",), ("hasil",)]))
    if p.ok:
        part = _sebagian(p)
        p.params = {"berkas": str(path), "sebagian": part, "oleh": user.nama}


def _check_registrasi(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    tahun = _year(p, ys)
    on = _letter_date(p, tahun, "daftar pendaftaran")
    final = forms.checked(p.values.get("final"))
    if not p.ok:
        return
    sks = [d for d in documents("sk-peserta", tahun) if not d.konsep and d.nomor]
    if not sks:
        p.errors["tahun"] = (f"belum ada SK penetapan peserta tahun {tahun} yang terbit final; daftar pendaftaran ke "
                             "BPJS dibuat sesudah SK ditetapkan")
        return
    p.lines = [("Tahun kepesertaan", str(tahun)), ("Berdasarkan SK", f"nomor {sks[-1].nomor}")]
    day = _dated(p, "Tanggal surat", on)
    _final(p)
    p.notes.append("Daftar peserta (Excel, NIK lengkap) disimpan di folder rahasia dan hanya dapat diunduh akun Dinas "
                   "atau Admin; kirim daftar itu kepada BPJS Ketenagakerjaan bersama suratnya.")
    p.params = {"tahun": tahun, "tanggal_surat": day.isoformat(), "final": final}
    p.values["tanggal_surat"] = dmy(on)


def _check_kpj(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    path = _uploaded(p, user, upload_file, _answer_reader("registrasi-jawaban", [("nik",), ("kpj",)]))
    if p.ok:
        part = _sebagian(p)
        p.params = {"berkas": str(path), "sebagian": part, "oleh": user.nama}


def _bill(periode: str):
    from rentan.registry.bpjs import reconciliation_of
    return reconciliation_of(periode)


def _period(p: Periksa, ys: range) -> str | None:
    return _field(p, "periode", lambda: forms.parse_period(p.values.get("periode"), ys))


def _check_tagihan(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    periode = _period(p, ys)
    path = _uploaded(p, user, upload_file, _answer_reader("tagihan", [("nik",)]))
    if not p.ok:
        return
    p.lines.insert(0, ("Bulan tagihan", forms.period_label(periode)))
    before = _bill(periode)
    if before is not None:
        p.notes.append(f"Tagihan {forms.period_label(periode)} sudah diimpor (kode iuran {before.kode_iuran}). Berkas "
                       "yang sama tidak mengubah apa pun; berkas lain (tagihan perbaikan) menggantikannya, dan "
                       "selisihnya harus dijelaskan lagi.")
    p.params = {"berkas": str(path), "periode": periode, "oleh": user.nama}


def _check_selisih(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    periode = _period(p, ys)
    alasan = _field(p, "alasan", lambda: forms.free_text(p.values.get("alasan"), 1000, "penjelasan selisih"))
    if p.ok and (not alasan or len(alasan) < 10):
        p.errors["alasan"] = "tulis apa yang berbeda dan mengapa (paling sedikit 10 karakter)"
    if not p.ok:
        return
    rec = _bill(periode)
    if rec is None:
        p.errors["periode"] = f"belum ada tagihan BPJS untuk {forms.period_label(periode)}; impor tagihannya dahulu"
        return
    if rec.cocok:
        p.errors["periode"] = (f"tagihan BPJS {forms.period_label(periode)} cocok dengan data kami; tidak ada selisih "
                               "yang perlu dijelaskan")
        return
    p.lines = [("Bulan tagihan", forms.period_label(periode)), ("Selisih", f"{ribuan(rec.selisih)} peserta"),
               ("Penjelasan", alasan)]
    if rec.catatan:
        p.notes.append(f"Penjelasan yang sudah dicatat akan diganti: «{rec.catatan}»")
    p.params = {"periode": periode, "alasan": alasan, "oleh": user.nama}


def _check_berita_acara(p: Periksa, ys: range, user: Akun, upload_file) -> None:
    periode = _period(p, ys)
    on = None
    if periode:
        first = dt.date(int(periode[:4]), int(periode[5:]), 1)
        on = _date_field(p, "tanggal", default_date(), first, dt.date(first.year + 1, 12, 31),
                         f"berita acara {forms.period_label(periode)} bertanggal sejak awal bulan itu")
    final = forms.checked(p.values.get("final"))
    if not p.ok:
        return
    rec = _bill(periode)
    label = forms.period_label(periode)
    if rec is None:
        p.errors["periode"] = f"belum ada tagihan BPJS untuk {label}; impor tagihannya dahulu"
        return
    if not rec.dijelaskan:
        p.errors["periode"] = (f"tagihan BPJS {label} berbeda dengan data kami ({ribuan(rec.selisih)} selisih) dan "
                               "belum dijelaskan; catat penjelasan selisihnya dahulu")
        return
    p.lines = [("Bulan", label)]
    day = _dated(p, "Tanggal berita acara", on)
    _final(p)
    p.lines.append(("Rekonsiliasi", "cocok" if rec.cocok else f"{ribuan(rec.selisih)} selisih, sudah dijelaskan"))
    if final:
        p.issued = [d for d in documents("rekonsiliasi-bpjs", int(periode[:4]))
                    if not d.konsep and d.kunci.split("/")[2] == periode]
    p.params = {"periode": periode, "tanggal": day.isoformat(), "final": final}
    p.values["tanggal"] = dmy(on)
