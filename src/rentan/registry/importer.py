"""`rentan registry import FILE`: participants as kelurahan and OPD clerks send them.

Every row is read forgivingly (rentan.registry.cells) and checked against the programme's rules for
the coverage year (rentan.registry.rules). Valid rows are added or updated in one transaction, with
an audit entry each; rejected rows go to a report (the row as sent plus "Alasan" citing the rule and
its legal basis). Importing the same file twice changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from rentan import clock
from rentan.idfmt import NikError, nik_warnings, parse_nik
from rentan.program import Program, program
from rentan.registry import audit, cells
from rentan.registry.cells import CellError
from rentan.registry.db import session
from rentan.registry.models import Impor, Kepesertaan, Peserta, PesertaProvinsi, Status
from rentan.registry.rules import Rule, Violation, eligibility, rules
from rentan.registry.sheets import Column, columns, read_table
from rentan.wilayah import cari_kelurahan
from rentan.xlsx import write_rows_atomic

COLUMNS: list[Column] = columns(
    ("nik", "NIK", ["NIK", "No. KTP", "No KTP", "Nomor KTP", "Nomor Induk Kependudukan", "No. NIK", "NIK KTP"]),
    ("nama", "Nama", ["Nama", "Nama Lengkap", "Nama Peserta", "Nama Sesuai KTP", "Nama (sesuai KTP)"]),
    ("ttl", "Tempat/Tgl Lahir", ["Tempat/Tgl Lahir", "Tempat, Tgl Lahir", "Tempat/Tanggal Lahir", "TTL",
                                 "Tempat Tanggal Lahir", "Tempat & Tgl Lahir"]),
    ("tempat_lahir", "Tempat Lahir", ["Tempat Lahir", "Tmpt Lahir", "Tmp Lahir", "Tmp. Lahir"]),
    ("tanggal_lahir", "Tanggal Lahir", ["Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir", "Tanggal Lhr"]),
    ("jenis_kelamin", "Jenis Kelamin", ["Jenis Kelamin", "JK", "L/P", "Kelamin", "Sex", "Gender"]),
    ("alamat", "Alamat", ["Alamat", "Alamat KTP", "Alamat Domisili", "Alamat Rumah", "Alamat Lengkap"]),
    ("kelurahan", "Kelurahan", ["Kelurahan", "Kel.", "Kel", "Desa/Kelurahan", "Kelurahan/Desa", "Desa"]),
    ("kecamatan", "Kecamatan", ["Kecamatan", "Kec.", "Kec"]),
    ("telepon", "No. HP", ["No. HP", "No HP", "HP", "Telepon", "No. Telp", "No Telp", "No. HP/WA",
                           "Nomor HP", "No. Telepon", "Telp"]),
    ("pekerjaan", "Pekerjaan", ["Pekerjaan", "Jenis Pekerjaan", "Profesi", "Pekerjaan/Usaha", "Jenis Usaha"]),
    ("sektor", "Sektor", ["Sektor", "Sektor Pekerjaan"]),
    ("penghasilan", "Penghasilan", ["Penghasilan", "Penghasilan Rata-rata", "Penghasilan Rata2",
                                    "Rata-rata Penghasilan", "Pendapatan", "Penghasilan per Bulan",
                                    "Penghasilan/Bulan", "Penghasilan Rata-rata per Bulan"]),
    ("domisili_sejak", "Domisili Sejak", ["Domisili Sejak", "Berdomisili Sejak", "Tinggal Sejak",
                                          "KTP Balikpapan Sejak", "Mulai Domisili", "Tanggal Domisili"]),
    ("kpj", "KPJ", ["KPJ", "No. KPJ", "Nomor KPJ", "No KPJ"]),
    ("sumber", "Sumber", ["Sumber", "Sumber Data", "Asal Data", "Pengusul"]),
)
REQUIRED = [("nik",), ("nama",), ("ttl", "tanggal_lahir"), ("kelurahan",), ("pekerjaan", "sektor"),
            ("penghasilan",), ("domisili_sejak",)]
COMPARED = ("nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat", "kelurahan_kode",
            "kecamatan_kode", "telepon", "sektor", "pekerjaan", "penghasilan", "domisili_sejak", "kpj")


@dataclass
class RowOutcome:
    baris: int
    cells: list
    data: dict | None = None
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    berkas: str
    tahun: int
    dibaca: int
    baru: int = 0
    diperbarui: int = 0
    tidak_berubah: int = 0
    ditolak: list[RowOutcome] = field(default_factory=list)
    peringatan: list[RowOutcome] = field(default_factory=list)
    laporan: Path | None = None

    def per_aturan(self) -> Counter:
        return Counter(v.rule.kode for r in self.ditolak for v in r.violations)


def _kec_key(text: str) -> str:
    t = "".join(ch for ch in text.lower() if ch.isalnum())
    return t.removeprefix("kecamatan").removeprefix("kec").removeprefix("balikpapan")


class _Row:
    """Cell access by field for one row."""

    def __init__(self, cells_: list, mapping: dict[str, int]):
        self.cells, self.mapping = cells_, mapping

    def raw(self, f: str):
        i = self.mapping.get(f)
        if i is None or i >= len(self.cells):
            return None
        v = self.cells[i]
        return None if isinstance(v, str) and not v.strip() else v


def parse_row(row: _Row, baris: int, tahun: int, prog: Program, rs: dict[str, Rule],
              default_sumber: str, today: dt.date) -> RowOutcome:
    out = RowOutcome(baris, row.cells)
    bad = out.violations.append
    d: dict = {}

    raw_nik = row.raw("nik")
    if raw_nik is None:
        bad(Violation(rs["wajib"], "NIK", "NIK kosong"))
    else:
        try:
            d["nik"] = cells.nik(raw_nik)
            nik = parse_nik(d["nik"], today)
        except CellError as e:
            bad(Violation(rs["nik_excel" if "Excel" in str(e) else "nik_format"], "NIK", str(e)))
            nik = None
        except NikError as e:
            bad(Violation(rs["nik_format"], "NIK", str(e)))
            nik = None

    d["nama"] = cells.text(row.raw("nama"))
    if not d["nama"]:
        bad(Violation(rs["wajib"], "Nama", "nama kosong"))

    try:
        if row.raw("ttl") is not None:
            d["tempat_lahir"], d["tanggal_lahir"] = cells.place_and_date(row.raw("ttl"))
        else:
            d["tempat_lahir"] = cells.text(row.raw("tempat_lahir"))
            d["tanggal_lahir"] = cells.date(row.raw("tanggal_lahir"))
            if not d["tempat_lahir"]:
                bad(Violation(rs["wajib"], "Tempat Lahir", "tempat lahir kosong"))
    except CellError as e:
        bad(Violation(rs["wajib" if "kosong" in str(e) else "tanggal"], "Tanggal Lahir", str(e)))

    if row.raw("jenis_kelamin") is not None:
        try:
            d["jenis_kelamin"] = cells.sex(row.raw("jenis_kelamin"))
        except CellError as e:
            bad(Violation(rs["jenis_kelamin"], "Jenis Kelamin", str(e)))
    elif nik:
        d["jenis_kelamin"] = nik.jenis_kelamin
    if nik:
        out.warnings += [f"NIK: {w}" for w in nik_warnings(nik, d.get("tanggal_lahir"), d.get("jenis_kelamin"))]

    d["alamat"] = cells.text(row.raw("alamat"))
    kel_text = cells.text(row.raw("kelurahan"))
    kel = cari_kelurahan(kel_text)
    if not kel_text:
        bad(Violation(rs["wajib"], "Kelurahan", "kelurahan kosong"))
    elif kel is None:
        bad(Violation(rs["kelurahan"], "Kelurahan", f"{kel_text!r} bukan kelurahan di Kota Balikpapan"))
    else:
        d["kelurahan_kode"], d["kecamatan_kode"] = kel.kode, kel.kecamatan.kode
        kec_text = cells.text(row.raw("kecamatan"))
        if kec_text and _kec_key(kec_text) != _kec_key(kel.kecamatan.nama):
            out.warnings.append(f"Kecamatan: {kec_text!r} tidak sesuai; Kelurahan {kel.nama} ada di "
                                f"Kecamatan {kel.kecamatan.nama}")

    d["telepon"] = cells.text(row.raw("telepon")) or None
    pekerjaan = cells.text(row.raw("pekerjaan"))
    sektor_text = cells.text(row.raw("sektor")) or pekerjaan
    d["sektor"] = prog.cari_sektor(sektor_text)
    if not sektor_text:
        bad(Violation(rs["wajib"], "Pekerjaan", "pekerjaan kosong"))
    elif d["sektor"] is None:
        bad(Violation(rs["sektor"], "Pekerjaan", f"{sektor_text!r} bukan sektor informal yang dikenal program"))
    else:
        d["pekerjaan"] = pekerjaan or prog.sektor[d["sektor"]].nama

    income: Decimal | None = None
    try:
        income = cells.money(row.raw("penghasilan"))
        d["penghasilan"] = int(income)
    except CellError as e:
        bad(Violation(rs["wajib"], "Penghasilan", str(e)))

    try:
        d["domisili_sejak"] = cells.date(row.raw("domisili_sejak"))
    except CellError as e:
        bad(Violation(rs["wajib" if "kosong" in str(e) else "tanggal"], "Domisili Sejak", str(e)))

    d["kpj"] = cells.text(row.raw("kpj")) or None
    d["sumber"] = cells.text(row.raw("sumber")) or default_sumber

    if "tanggal_lahir" in d and "domisili_sejak" in d and income is not None:
        out.violations += eligibility(tanggal_lahir=d["tanggal_lahir"], domisili_sejak=d["domisili_sejak"],
                                      penghasilan=income, tahun=tahun, prog=prog, rs=rs)
    out.data = d
    return out


def _existing(s: Session, niks: list[str]) -> dict[str, Peserta]:
    found = {}
    for i in range(0, len(niks), 5000):
        for p in s.scalars(select(Peserta).where(Peserta.nik.in_(niks[i:i + 5000]))):
            found[p.nik] = p
    return found


def _year_rows(s: Session, ids: list[int], tahun: int) -> dict[int, Kepesertaan]:
    found = {}
    for i in range(0, len(ids), 5000):
        for k in s.scalars(select(Kepesertaan).where(Kepesertaan.peserta_id.in_(ids[i:i + 5000]),
                                                     Kepesertaan.tahun == tahun)):
            found[k.peserta_id] = k
    return found


def _enrolled_before(s: Session, peserta_id: int, tahun: int) -> bool:
    return s.scalar(select(Kepesertaan.id).where(Kepesertaan.peserta_id == peserta_id, Kepesertaan.tahun == tahun - 1,
                                                 Kepesertaan.status.in_(("ditetapkan", "aktif")))) is not None


def _provincial(s: Session, niks: list[str]) -> set[str]:
    out = set()
    for i in range(0, len(niks), 5000):
        out.update(s.scalars(select(PesertaProvinsi.nik).where(PesertaProvinsi.nik.in_(niks[i:i + 5000]))))
    return out


def import_registry(path: str | Path, tahun: int, *, sumber: str | None = None, oleh: str | None = None,
                    laporan: str | Path | None = None, url: str | None = None,
                    progress: Callable[[str, int, int], None] | None = None,
                    today: dt.date | None = None) -> ImportResult:
    """Import one file for coverage year `tahun`. Raises SheetError (nothing changed) when the file
    as a whole cannot be used."""
    path = Path(path)
    prog = program()
    rs = rules(prog, tahun)
    today = today or clock.today()
    who = audit.actor(oleh)
    table = read_table(path, COLUMNS, REQUIRED)
    default_sumber = sumber or path.stem
    total = len(table.rows)

    outcomes = []
    for k, (baris, row_cells) in enumerate(table.rows, 1):
        outcomes.append(parse_row(_Row(row_cells, table.mapping), baris, tahun, prog, rs, default_sumber, today))
        if progress and (k % 2000 == 0 or k == total):
            progress("memeriksa", k, total)

    by_nik: dict[str, list[RowOutcome]] = defaultdict(list)
    for o in outcomes:
        if o.data and "nik" in o.data and not any(v.kolom == "NIK" for v in o.violations):
            by_nik[o.data["nik"]].append(o)
    for nik, group in by_nik.items():
        if len(group) > 1:
            for o in group:
                others = ", ".join(str(g.baris) for g in group if g is not o)
                o.violations.append(Violation(rs["ganda_berkas"], "NIK", f"NIK yang sama juga ada di baris {others}"))

    result = ImportResult(berkas=path.name, tahun=tahun, dibaca=total)
    now = dt.datetime.now(dt.timezone.utc)
    with session(url) as s:
        niks = list(by_nik)
        existing = _existing(s, niks)
        provincial = _provincial(s, niks)
        this_year = _year_rows(s, [p.id for p in existing.values()], tahun)
        inserts, updates, entries, years = [], [], [], []
        for o in outcomes:
            if not o.violations:
                nik = o.data["nik"]
                if nik in provincial:
                    o.violations.append(Violation(rs["provinsi"], "NIK",
                                                  "tercantum dalam daftar peserta yang ditanggung APBD Provinsi"))
                elif nik in existing and existing[nik].id in this_year \
                        and this_year[existing[nik].id].sumber != o.data["sumber"]:
                    o.violations.append(Violation(rs["ganda_registri"], "NIK",
                                                  f"sudah terdaftar dari {this_year[existing[nik].id].sumber} "
                                                  f"untuk tahun {tahun}"))
            if o.violations:
                result.ditolak.append(o)
                continue
            if o.warnings:
                result.peringatan.append(o)
            d, nik = o.data, o.data["nik"]
            if nik in existing:
                p = existing[nik]
                if p.id not in this_year:  # proposed again for another year
                    years.append({"peserta_id": p.id, "tahun": tahun, "status": Status.TERDAFTAR.value,
                                  "lanjutan": _enrolled_before(s, p.id, tahun), "sumber": d["sumber"]})
                    entries.append(audit.entry(nik, "daftar", who, f"tahun {tahun}: impor {path.name} ({d['sumber']})",
                                               None, now))
                changes = {f: (getattr(p, f), d.get(f)) for f in COMPARED
                           if d.get(f) != getattr(p, f) and not (f == "kpj" and d.get(f) is None)}
                if not changes:
                    if p.id in this_year:
                        result.tidak_berubah += 1
                    else:
                        result.diperbarui += 1
                    continue
                updates.append({"id": p.id, **{f: new for f, (_, new) in changes.items()}})
                entries.append(audit.entry(nik, "ubah", who, f"impor {path.name}", changes, now))
                result.diperbarui += 1
            else:
                inserts.append({**{f: d.get(f) for f in COMPARED}, "nik": nik, "sumber": d["sumber"],
                                "tahun_daftar": tahun, "ditanggung_provinsi": False})
                entries.append(audit.entry(nik, "daftar", who, f"tahun {tahun}: impor {path.name} ({d['sumber']})",
                                           None, now))
        for i in range(0, len(inserts), 5000):
            s.execute(insert(Peserta), inserts[i:i + 5000])
            if progress:
                progress("menyimpan", min(i + 5000, len(inserts)), len(inserts))
        if inserts:
            new_niks = [r["nik"] for r in inserts]
            ids = {}
            for i in range(0, len(new_niks), 5000):
                ids.update(s.execute(select(Peserta.nik, Peserta.id).where(Peserta.nik.in_(new_niks[i:i + 5000]))).all())
            years += [{"peserta_id": ids[r["nik"]], "tahun": tahun, "status": Status.TERDAFTAR.value,
                       "lanjutan": False, "sumber": r["sumber"]} for r in inserts]
        for i in range(0, len(years), 5000):
            s.execute(insert(Kepesertaan), years[i:i + 5000])
        by_shape: dict[tuple, list[dict]] = defaultdict(list)
        for u in updates:  # a bulk UPDATE by primary key per set of changed columns
            by_shape[tuple(sorted(u))].append(u)
        for batch in by_shape.values():
            s.execute(update(Peserta), batch)
        audit.record(s, entries)
        result.baru = len(inserts)
        s.add(Impor(waktu=now, oleh=who, berkas=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                    tahun=tahun, dibaca=total, baru=result.baru, diperbarui=result.diperbarui,
                    ditolak=len(result.ditolak)))
        if result.ditolak:
            # Written before the registry commits; if the commit fails, the exception leaves the
            # previous report in place and the registry untouched.
            result.laporan = Path(laporan) if laporan else path.with_name(f"{path.stem}-ditolak.xlsx")
            write_rejection_report(result.laporan, table.headers, result)
    return result


def write_rejection_report(target: Path, headers: list[str], result: ImportResult) -> None:
    sheets = {
        "Ditolak": (["Baris", *headers, "Alasan"],
                    [[o.baris, *o.cells[:len(headers)], *[""] * (len(headers) - len(o.cells)),
                      "; ".join(v.alasan() for v in o.violations)] for o in result.ditolak]),
    }
    if result.peringatan:
        sheets["Peringatan"] = (["Baris", "Peringatan (data tetap diterima; mohon diperiksa)"],
                                [[o.baris, "; ".join(o.warnings)] for o in result.peringatan])
    write_rows_atomic(target, sheets)
