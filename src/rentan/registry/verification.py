"""Verification by the sector agencies: who is to be verified for a coverage year, and the import
of the return form an agency sends back (`rentan verification import FILE`).

For year Y the agencies verify the new candidates registered for Y and the continuing participants
of Y−1 (re-verification, "peserta lama akan diverifikasi ulang"), each checked again against year
Y's rules first: a continuing participant who no longer qualifies (too old on 1 January, income
above the new UMK) is not sent, and their row for Y records why. People the province pays for are
never sent (nobody is paid for twice). Year Y's rules need year Y's own UMK and budget in
program.toml: without them the round is refused, never checked against last year's.

An answer is applied only when the row is the one we sent: an unknown NIK, identity columns that
were altered, a blank or unknown answer, or "Tidak Sesuai" without a reason is reported, not
applied. It applies to the person's open row (terdaftar, terverifikasi, or ditolak by an earlier
answer) of the latest year, never to a year already decided by an SK, nor to a row rejected for
another reason (the year's rules, or coverage that ended after the form was sent).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from rentan.errors import Refusal
from rentan.idfmt import tanggal
from rentan.program import Program, ProgramError
from rentan.registry import cells
from rentan.registry.cells import CellError
from rentan.registry.desk import Desk, open_desk
from rentan.registry.models import Kepesertaan, Peserta, Status
from rentan.registry.participation import add_continuing, continuing, in_year, set_status
from rentan.registry.rules import Violation, eligibility, rules
from rentan.registry.sheets import columns, read_table
from rentan.registry.snapshot import Anggota

SHEET = "Formulir Verifikasi"
HEADERS = ["No", "NIK", "Nama", "Tempat/Tanggal Lahir", "L/P", "Alamat", "Kelurahan", "Kecamatan", "Pekerjaan",
           "Sektor", "Baru/Lanjutan", "Surat Aplikator", "Hasil Verifikasi", "Keterangan"]
SESUAI, TIDAK_SESUAI = "Sesuai", "Tidak Sesuai"
BARU, LANJUTAN = "Baru", "Lanjutan"
# the ojek online driver's platform letter (Perwali Pasal 4 ayat (1) huruf d), as the form shows it
SURAT_ADA, SURAT_BELUM, SURAT_TIDAK_DIKETAHUI = "Ada", "Belum ada", "Belum diketahui"
BY_ANSWER = "tidak sesuai hasil verifikasi: "  # how a "Tidak Sesuai" answer is recorded
FORM_COLUMNS = columns(
    ("nik", "NIK", ["NIK"]), ("nama", "Nama", ["Nama"]), ("ttl", "Tempat/Tanggal Lahir", ["Tempat/Tanggal Lahir"]),
    ("hasil", "Hasil Verifikasi", ["Hasil Verifikasi", "Hasil"]), ("keterangan", "Keterangan", ["Keterangan"]),
)
OPEN = (Status.TERDAFTAR.value, Status.TERVERIFIKASI.value, Status.DITOLAK.value)


def ttl(a) -> str:
    return f"{a.tempat_lahir}, {tanggal(a.tanggal_lahir)}"


def surat_aplikator(a) -> str:
    """Whether an ojek online driver's platform letter is on file ("" for other sectors)."""
    if a.sektor != "ojek_online":
        return ""
    return SURAT_TIDAK_DIKETAHUI if a.surat_aplikator is None else (SURAT_ADA if a.surat_aplikator else SURAT_BELUM)


def year_settings(tahun: int, prog: Program) -> None:
    """Refuse a year whose own UMK or budget is not yet set (the rules would reuse last year's)."""
    for name in ("umk", "anggaran"):
        try:
            prog.tahunan(name, tahun)
        except ProgramError as e:
            raise Refusal(f"verifikasi calon peserta tahun {tahun} belum dapat disiapkan: {e}") from None


@dataclass(frozen=True)
class Calon:
    """The candidates of a year, before grouping by agency."""
    kirim: tuple[Anggota, ...]  # to be verified (new and continuing)
    gugur: tuple[tuple[Anggota, tuple[Violation, ...]], ...]  # continuing who fail the year's rules


def candidates(desk: Desk, tahun: int, prog: Program) -> Calon:
    """New candidates registered for `tahun` and continuing participants of `tahun` − 1 (checked
    again against the year's rules), none the province pays for."""
    year_settings(tahun, prog)
    rs = rules(prog, tahun)
    new = in_year(desk, tahun, Kepesertaan.status == Status.TERDAFTAR.value, Peserta.ditanggung_provinsi.is_(False))
    kirim, gugur = list(new), []
    for a in continuing(desk, tahun):
        if a.ditanggung_provinsi:
            continue
        found = eligibility(tanggal_lahir=a.tanggal_lahir, domisili_sejak=a.domisili_sejak, penghasilan=a.penghasilan,
                            tahun=tahun, prog=prog, rs=rs)
        (gugur.append((a, tuple(found))) if found else kirim.append(a))
    return Calon(tuple(kirim), tuple(gugur))


def record_sent(desk: Desk, sent: list[Anggota], failed: list[tuple[Anggota, tuple[Violation, ...]]],
                why: str) -> None:
    """Year rows for the continuing participants sent for re-verification (terdaftar) and for those
    who fail the year's rules (ditolak, with the rule and its basis)."""
    add_continuing(desk, sent, f"dikirim untuk verifikasi ulang: {why}")
    if failed:
        add_continuing(desk, [a for a, _ in failed], "peserta tahun sebelumnya, diperiksa ulang")
        rows = {r.peserta_id: r for r in in_year(desk, failed[0][0].tahun,
                                                  Kepesertaan.peserta_id.in_([a.peserta_id for a, _ in failed]))}
        set_status(desk, [(rows[a.peserta_id], {"status": Status.DITOLAK.value,
                                                "alasan_status": "; ".join(v.alasan() for v in vs)})
                          for a, vs in failed], "tolak", "tidak lagi memenuhi syarat tahun kepesertaan")


@dataclass
class VerificationResult:
    berkas: str
    dibaca: int
    sesuai: int = 0
    tidak_sesuai: int = 0
    tidak_berubah: int = 0
    dilaporkan: list[tuple[int, str]] = field(default_factory=list)  # (row, why it was not applied)


def _answer(value) -> str | None:
    s = cells.text(value).lower().replace("-", " ")
    s = " ".join(s.split())
    if s in {"sesuai", "ya", "s"}:
        return SESUAI
    if s in {"tidak sesuai", "tidak", "ts", "tdk sesuai"}:
        return TIDAK_SESUAI
    return None


def _open_rows(desk: Desk, niks: list[str]) -> dict[str, Anggota]:
    """Each person's open candidate row of the latest year that has one."""
    out: dict[str, Anggota] = {}
    for i in range(0, len(niks), 5000):
        chunk = niks[i:i + 5000]
        years = desk._s.execute(select(Kepesertaan.tahun).join(Peserta, Peserta.id == Kepesertaan.peserta_id)
                                .where(Peserta.nik.in_(chunk), Kepesertaan.status.in_(OPEN)).distinct()).scalars()
        for y in sorted(years):
            for a in in_year(desk, y, Peserta.nik.in_(chunk), Kepesertaan.status.in_(OPEN)):
                out[a.nik] = a  # later years overwrite earlier ones
    return out


def import_results(path: str | Path, *, oleh: str | None = None, url: str | None = None) -> VerificationResult:
    """Apply a returned form: Sesuai → verified, Tidak Sesuai → rejected with the reason."""
    path = Path(path)
    table = read_table(path, FORM_COLUMNS, [("nik",), ("nama",), ("ttl",), ("hasil",), ("keterangan",)])
    res = VerificationResult(path.name, len(table.rows) + len(table.hidden))
    # a row the agency hid is not an answer anyone saw: reported, never applied
    res.dilaporkan += [(baris, "baris disembunyikan di formulir; jawaban tidak diterapkan") for baris, _ in table.hidden]

    def cell(row, f):
        i = table.mapping[f]
        return row[i] if i < len(row) else None

    with open_desk(url, oleh) as desk:
        niks = []
        for _, row in table.rows:
            try:
                niks.append(cells.nik(cell(row, "nik")))
            except CellError:
                pass
        known = _open_rows(desk, niks)
        seen, changes, reasons = set(), [], {}
        for baris, row in table.rows:
            try:
                nik = cells.nik(cell(row, "nik"))
            except CellError as e:
                res.dilaporkan.append((baris, f"NIK: {e}"))
                continue
            a = known.get(nik)
            if a is None:
                res.dilaporkan.append((baris, "NIK tidak dikenal sebagai calon peserta yang sedang diverifikasi "
                                              "(bukan dari daftar yang kami kirim, atau tahunnya sudah ditetapkan)"))
                continue
            if nik in seen:
                res.dilaporkan.append((baris, "NIK muncul lebih dari sekali dalam formulir"))
                continue
            seen.add(nik)
            if cells.text(cell(row, "nama")) != a.nama or cells.text(cell(row, "ttl")) != ttl(a):
                res.dilaporkan.append((baris, "kolom identitas (Nama atau Tempat/Tanggal Lahir) diubah; "
                                              "jawaban tidak diterapkan"))
                continue
            raw = cells.text(cell(row, "hasil"))
            hasil = _answer(cell(row, "hasil"))
            ket = cells.text(cell(row, "keterangan"))
            if not raw:
                res.dilaporkan.append((baris, "Hasil Verifikasi kosong"))
                continue
            if hasil is None:
                res.dilaporkan.append((baris, f"Hasil Verifikasi {raw!r} harus Sesuai atau Tidak Sesuai"))
                continue
            if hasil == TIDAK_SESUAI and not ket:
                res.dilaporkan.append((baris, "Keterangan wajib diisi bila Tidak Sesuai"))
                continue
            if a.status == Status.DITOLAK.value and not (a.alasan_status or "").startswith(BY_ANSWER):
                res.dilaporkan.append((baris, "calon peserta ini sudah ditolak bukan karena jawaban verifikasi "
                                              f"({(a.alasan_status or '').split(' [aturan')[0]}); jawaban tidak diterapkan"))
                continue
            new_status = Status.TERVERIFIKASI.value if hasil == SESUAI else Status.DITOLAK.value
            new_reason = None if hasil == SESUAI else f"{BY_ANSWER}{ket}"
            if a.status == new_status and a.alasan_status == new_reason:
                res.tidak_berubah += 1
                continue
            changes.append((a, {"status": new_status, "alasan_status": new_reason}))
            reasons[a.nik] = f"{hasil} — formulir {path.name}" + (f": {ket}" if ket else "")
            if hasil == SESUAI:
                res.sesuai += 1
            else:
                res.tidak_sesuai += 1
        set_status(desk, changes, "verifikasi", lambda a: reasons[a.nik])
    res.dilaporkan.sort()
    return res
