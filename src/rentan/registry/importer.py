"""`rentan registry import FILE`: participants as kelurahan and OPD clerks send them.

Every row below the header ends as exactly one of three things:

- imported (new, updated or unchanged) — a participant whose data passes every rule;
- rejected with its reasons — a participant (a NIK, or a name with other identity data) that
  breaks a rule; each reason names the column, the rule and its legal basis, and the rejected rows
  go to a report (the row as sent plus "Alasan");
- skipped as not a participant — blank rows, hidden rows, a repeated header, totals, notes and the
  signature block under the table — reported with its row number and why.

Every row is read forgivingly (rentan.registry.cells) and checked against the programme's rules for
the coverage year (rentan.registry.rules); no value in any cell can do more than reject its row.
Valid rows are added or updated in one transaction, with an audit entry each. Importing the same
file twice changes nothing. A file that cannot be used as a whole raises SheetError before
anything is written.
"""
from __future__ import annotations

import datetime as dt
import gc
import math
import re
import sys
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Callable

from rentan import clock, faults
from rentan.errors import mask_numbers
from rentan.idfmt import NikError, nik_warnings, parse_nik, ribuan, tanggal
from rentan.program import Program, program
from rentan.registry import cells
from rentan.registry.cells import CellError
from rentan.registry.rules import Limits, Rule, Violation, add_months, check, rules, tahun_program
from rentan.registry.sheets import Background, Column, SheetError, Table, _norm, columns, is_blank, read_table
from rentan.wilayah import cari_kelurahan

# SQLAlchemy, Alembic (through rentan.registry.db), the models and the report writer are imported
# where they are used: for a big file they load on the registry's own thread while python-calamine
# parses the sheet, which takes half a second off a 70,000-row import.

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
    ("surat_aplikator", "Surat Aplikator", ["Surat Aplikator", "Surat Keterangan Aplikator", "Surat Mitra"]),
)
REQUIRED = [("nik",), ("nama",), ("ttl", "tanggal_lahir"), ("kelurahan",), ("pekerjaan", "sektor"),
            ("penghasilan",), ("domisili_sejak",)]
COMPARED = ("nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat", "kelurahan_kode",
            "kecamatan_kode", "telepon", "sektor", "pekerjaan", "penghasilan", "domisili_sejak", "surat_aplikator",
            "kpj")
# The last two are kept as recorded when a file leaves them blank (or has no such column): a file
# without KPJ or without the platform letter says nothing about either.
KEPT_WHEN_BLANK = COMPARED[-2:]
# the columns that make a row someone's data (besides the name)
IDENTITY = ("nik", "ttl", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat", "kelurahan", "kecamatan",
            "telepon", "pekerjaan", "sektor", "penghasilan", "domisili_sejak", "kpj")
# Text lengths come from the model, so a value too long for the database is a row's rejection on
# SQLite and PostgreSQL alike, never the failure of the whole file.
LABELS = {"nama": "Nama", "tempat_lahir": "Tempat Lahir", "alamat": "Alamat", "telepon": "No. HP",
          "pekerjaan": "Pekerjaan", "sumber": "Sumber", "kpj": "KPJ"}


@lru_cache(maxsize=1)
def lengths() -> dict[str, int]:
    """Field → its length in the registry (Peserta's String columns), and "oleh" → the length the
    audit log and the import record keep of who imported."""
    from rentan.registry.models import AuditLog, Impor, Peserta
    out = {f: Peserta.__table__.c[f].type.length for f in LABELS}
    out["oleh"] = min(AuditLog.__table__.c.oleh.type.length, Impor.__table__.c.oleh.type.length)
    return out

EARLIEST_BIRTH = dt.date(1900, 1, 1)

# The platform's (aplikator's) letter an ojek online driver hands in (Perwali Pasal 4 ayat (1) huruf d):
# received, not received, or — a blank cell — not known.
_SURAT_YA = frozenset({"ya", "ada", "sudah", "sudah ada", "y", "v", "\u2713", "\u2714", "\u221a", "true", "1"})
_SURAT_TIDAK = frozenset({"tidak", "tidak ada", "belum", "belum ada", "t", "x", "\u2717", "false", "0"})


def surat_aplikator(value) -> bool | None:
    """Ya/Ada/✓ → True, Tidak/Belum → False, blank → None; anything else raises CellError."""
    if value is None or value is True or value is False:
        return value
    t = cells.text(value)
    if not t:
        return None
    key = " ".join(t.lower().replace(".", " ").split())
    if key in _SURAT_YA:
        return True
    if key in _SURAT_TIDAK:
        return False
    raise CellError(f"Surat Aplikator {cells.quote(t)} tidak dikenal (isi Ya/Ada atau Tidak/Belum); dicatat "
                    "belum diketahui")

# why a row is skipped
KOSONG = "baris kosong"
TERSEMBUNYI = "baris tersembunyi"
JUDUL = "judul kolom berulang"
NOMOR_KOLOM = "baris nomor kolom"
JUMLAH = "baris jumlah"
CATATAN = "catatan atau tanda tangan di bawah tabel"
BUKAN_PESERTA = "tanpa NIK dan data diri"


@dataclass(slots=True)
class RowOutcome:
    baris: int
    cells: list
    data: dict | None = None
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    compared: tuple | None = None  # data's COMPARED values, in order (set where it is cheap to)


def ranges(numbers: list[int]) -> str:
    """12, 13, 14, 15, 18 → "12–15, 18"."""
    out, start, prev = [], None, None
    for n in sorted(set(numbers)):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}–{prev}" if prev > start else f"{start}")
            start = prev = n
    if start is not None:
        out.append(f"{start}–{prev}" if prev > start else f"{start}")
    return ", ".join(out)


@dataclass
class ImportResult:
    berkas: str
    tahun: int
    dibaca: int
    baru: int = 0  # people new to the registry
    diperbarui: int = 0
    tidak_berubah: int = 0
    diusulkan_lagi: int = 0  # people already registered, now proposed for this coverage year too
    ditolak: list[RowOutcome] = field(default_factory=list)
    peringatan: list[RowOutcome] = field(default_factory=list)
    laporan: Path | None = None
    dilewati: list[tuple[int, str]] = field(default_factory=list)  # (row, why it is not a participant)
    lembar: str | None = None  # the sheet the table was read from

    def per_aturan(self) -> Counter:
        return Counter(v.rule.kode for r in self.ditolak for v in r.violations)

    def lines(self, limit: int | None = 12) -> list[str]:
        """What the CLI prints: the counts, the skipped rows (numbers as ranges, by reason), the
        rejected rows with their reasons (`limit` of them; None: all) and the report's path. Rows
        are named by number and column, never by NIK or name (the report file holds those)."""
        out = [f"Impor {self.berkas} untuk tahun kepesertaan {self.tahun}:"
               + (f" (lembar {self.lembar!r})" if self.lembar else ""),
               f"  dibaca          : {ribuan(self.dibaca)} baris",
               f"  peserta baru    : {ribuan(self.baru)}",
               *([f"  diusulkan lagi  : {ribuan(self.diusulkan_lagi)} (sudah terdaftar, kini diusulkan untuk "
                  f"tahun {self.tahun})"] if self.diusulkan_lagi else []),
               f"  diperbarui      : {ribuan(self.diperbarui)}",
               f"  tidak berubah   : {ribuan(self.tidak_berubah)}",
               f"  ditolak         : {ribuan(len(self.ditolak))}",
               f"  dilewati        : {ribuan(len(self.dilewati))} baris bukan data peserta"]
        if self.peringatan:
            out.append(f"  peringatan      : {ribuan(len(self.peringatan))} baris diterima tetapi perlu diperiksa")
        if self.dilewati:
            out.append("Baris yang dilewati (bukan data peserta):")
            by_reason: dict[str, list[int]] = defaultdict(list)
            for baris, why in self.dilewati:
                by_reason[why].append(baris)
            groups = sorted(by_reason.items(), key=lambda kv: min(kv[1]))
            shown = groups if limit is None else groups[:limit]
            for why, numbers in shown:
                out.append(f"  baris {ranges(numbers)}: {why}")
            if len(shown) < len(groups):
                out.append(f"  … dan {ribuan(sum(len(n) for _, n in groups[len(shown):]))} baris lain")
        if self.ditolak:
            out.append("Baris yang ditolak menurut aturan:")
            for kode, n in sorted(self.per_aturan().items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"  {kode:<18} {ribuan(n)}")
            shown_rows = self.ditolak if limit is None else self.ditolak[:limit]
            out.append("Baris yang ditolak dan alasannya:")
            for o in shown_rows:
                out.append(f"  baris {o.baris}: " + "; ".join(v.alasan() for v in o.violations))
            if len(shown_rows) < len(self.ditolak):
                out.append(f"  … dan {ribuan(len(self.ditolak) - len(shown_rows))} baris lain (lihat laporan)")
        if self.laporan:
            out.append(f"Laporan penolakan (XLSX): {self.laporan}")
        return [mask_numbers(line) for line in out]  # a NIK typed into another column stays masked


def _kec_key(text: str) -> str:
    t = "".join(ch for ch in text.lower() if ch.isalnum())
    return t.removeprefix("kecamatan").removeprefix("kec").removeprefix("balikpapan")


# --- rows that are not participants -----------------------------------------------------------

_TOTALS = re.compile(r"(jumlah|total|sub\s*total|grand\s*total|jml|rekapitulasi)\b")
_NOTE = re.compile(r"""(
      mengetahui | menyetujui | diketahui | disetujui | diperiksa | dibuat | disusun | dicetak
    | yang\s+(membuat|menyerahkan|menerima|mengajukan|mengusulkan)
    | petugas | operator | pendata | verifikator | pengusul
    | lurah | camat | kepala | sekretaris | kasi | kasubb?ag | kabid | ketua | plt\b | plh\b
    | a\.?\s?n\.?\s | u\.?b\.?\s
    | nip\b | nrp\b | pangkat | pembina | penata
    | keterangan | ket\s*[.:] | ket\b | catatan | note\b | nb\b | n\.b\. | \*
    | ttd\b | \(\s*ttd | tanda\s+tangan | cap\b | stempel | materai | meterai
    | halaman | hal\.\s*\d
    | [(\[]?\s*[._…-]{3,}
)""", re.X)
_PLACE_DATE = re.compile(r"[a-z][a-z .'-]*,\s*(.*)")
_COLUMN_NUMBER = re.compile(r"\(?\s*([0-9]{1,2})\s*\)?")


class _Classifier:
    """Decides which rows are not participants. A row whose NIK cell holds digits is always a
    participant (a wrong NIK is a rejection, never a skip); the others are looked at closely."""

    def __init__(self, table: Table, today: dt.date):
        self.mapping = table.mapping
        self.nik_i = table.mapping["nik"]
        self.nama_i = table.mapping["nama"]
        aliases = {c.field: set(c.aliases) for c in COLUMNS}
        self.header_cells = [(i, aliases[f]) for f, i in table.mapping.items()]
        self.identity = [i for f, i in table.mapping.items() if f in IDENTITY and f != "nik"]
        self.recent = today.year - 3
        self.footer = False  # below the table: after a totals row or a note

    def _letter_date(self, t: str) -> bool:
        """"Balikpapan, 20 Oktober 2025", "Balikpapan, ........ 2025": the date of the signature
        block, not someone's place and date of birth (those are decades old)."""
        m = _PLACE_DATE.fullmatch(t)
        if not m:
            return False
        rest = m.group(1).strip()
        if not rest or _NOTE.match(rest):
            return True
        try:
            return cells.date(rest).year >= self.recent
        except CellError:
            return False

    def _note(self, value) -> bool:
        if not isinstance(value, str):
            return False
        t = cells.text(value).lower()
        return bool(_NOTE.match(t)) or self._letter_date(t)

    def reason(self, row: list) -> str | None:
        """Why `row` is not a participant, or None when it is one."""
        n = len(row)
        v = row[self.nik_i] if self.nik_i < n else None
        if not is_blank(v):
            if type(v) is float or type(v) is int:
                if v >= 1000 or v < 0 or not self._column_numbers(row):
                    self.footer = False
                    return None
                return NOMOR_KOLOM
            if type(v) is str:
                first = v.lstrip(" '\t\u00a0")[:1]
                if first.isdigit() and not _COLUMN_NUMBER.fullmatch(v.strip()):
                    self.footer = False
                    return None
            else:
                return None  # a date or a boolean in the NIK column: the row's NIK is wrong
        return self._without_nik(row)

    def _column_numbers(self, row: list) -> bool:
        """(1) (2) (3) … : the row numbering the columns under a government table's header."""
        numbers = []
        for c in row:
            if is_blank(c):
                continue
            if isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) and float(c).is_integer():
                numbers.append(int(c))
            elif isinstance(c, str) and (m := _COLUMN_NUMBER.fullmatch(c.strip())):
                numbers.append(int(m.group(1)))
            else:
                return False
        return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))

    def _without_nik(self, row: list) -> str | None:
        n = len(row)
        filled = [c for c in row if not is_blank(c)]
        if sum(1 for i, names in self.header_cells
               if i < n and isinstance(row[i], str) and _norm(row[i]) in names) >= 2:
            return JUDUL
        if self._column_numbers(row):
            return NOMOR_KOLOM
        texts = [cells.text(c).lower() for c in filled if isinstance(c, str)]
        if any(_TOTALS.match(t) for t in texts):
            self.footer = True
            return JUMLAH
        if all(self._note(c) for c in filled):
            self.footer = True
            return CATATAN
        if self.footer:
            return CATATAN
        name = row[self.nama_i] if self.nama_i < n else None
        nik = row[self.nik_i] if self.nik_i < n else None
        if not is_blank(name) and not self._note(name) and (
                (not is_blank(nik) and not self._note(nik))
                or any(i < n and not is_blank(row[i]) and not self._note(row[i]) for i in self.identity)):
            return None  # someone's data without a NIK: a rejection, not a skip
        return BUKAN_PESERTA


# --- reading one participant --------------------------------------------------------------------

_FIELDS = ("nik", "nama", "ttl", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat", "kelurahan",
           "kecamatan", "telepon", "pekerjaan", "sektor", "penghasilan", "domisili_sejak", "kpj", "sumber",
           "surat_aplikator")


_BAD = object()  # a column value that is not plainly fine: its row is read by _Parser.parse


def _safe(fn, v):
    try:
        return fn(v)
    except CellError:
        return _BAD


def _value(v):
    """A cell, or None when it is blank."""
    if v is None or v == "" or (type(v) is str and v.isspace()):
        return None
    return v


class _Parser:
    """Reads rows into participant data and violations. Clerks repeat the same spellings thousands
    of times (kelurahan, occupation, sex, income, dates), so what each distinct value means is
    worked out once per file."""

    def __init__(self, mapping: dict[str, int], tahun: int, prog: Program, rs: dict[str, Rule],
                 default_sumber: str, today: dt.date):
        self.tahun, self.prog, self.rs, self.today = tahun, prog, rs, today
        self.default_sumber = default_sumber
        self.limits = Limits.of(prog, tahun)
        self.lengths = {f: n for f, n in lengths().items() if f in LABELS}
        self.width = max(mapping.values()) + 1
        # a field the file does not have reads the always-empty slot after the last column
        self.at = tuple(mapping.get(f, self.width) for f in _FIELDS)
        self._kel: dict = {}
        self._kec: dict = {}
        self._sektor: dict = {}
        self._sex: dict = {}
        self._money: dict = {}
        self._date: dict = {}

    @staticmethod
    def _cached(cache: dict, fn, value):
        """fn(value), or the CellError it raised, remembered per distinct value (a boolean is not
        remembered: True == 1)."""
        try:
            hit = cache[value]
        except (KeyError, TypeError):
            try:
                hit = (True, fn(value))
            except CellError as e:
                hit = (False, str(e))
            if type(value) is not bool and len(cache) < 200_000:
                try:
                    cache[value] = hit
                except TypeError:  # unhashable: not from a sheet, but never a crash
                    pass
        if hit[0]:
            return hit[1]
        raise CellError(hit[1])

    def _birth(self, ttl) -> tuple[str, dt.date]:
        """cells.place_and_date, with the date part looked up once per distinct text."""
        s = cells.text(ttl) if not isinstance(ttl, (dt.date, dt.datetime)) else ""
        place, comma, when = s.rpartition(",")
        if not comma or not place.strip():
            return cells.place_and_date(ttl)  # the message for what is wrong
        return place.strip(), self._cached(self._date, cells.date, when.strip())

    def _kelurahan(self, text: str):
        try:
            return self._kel[text]
        except KeyError:
            kel = self._kel[text] = cari_kelurahan(text)
            return kel

    def _sector(self, text: str):
        try:
            return self._sektor[text]
        except KeyError:
            code = self._sektor[text] = self.prog.cari_sektor(text)
            return code

    def parse_all(self, rows: list[tuple[int, list]]) -> list[RowOutcome]:
        """`parse` for every row, faster. A file's rows are read column by column: each distinct
        value is read once, and a column whose every cell is already clean text is taken as it
        is. A row whose every column is plainly fine is assembled directly; any row with anything
        to say (a violation, a warning, a value that is not plainly fine) goes through `parse`
        itself, so both ways give the same outcome (a test holds them to it)."""
        n = len(rows)
        if n < 50:
            return [self.parse(r, b) for b, r in rows]
        w = self.width
        lim, today, L = self.limits, self.today, self.lengths
        text, BAD = cells.text, _BAD
        widths = {len(r) for _, r in rows}
        if len(widths) == 1 and min(widths) >= w:  # a sheet's rows are all as wide: columns at once
            cols = list(zip(*(r for _, r in rows)))[:w] + [(None,) * n]
        else:  # CSV lines can be short: pad them, and keep the always-empty slot after the last column
            cols = list(zip(*[r[:w] + [None] if len(r) >= w else r + [None] * (w + 1 - len(r)) for _, r in rows]))
        (i_nik, i_nama, i_ttl, i_tempat, i_tgl, i_jk, i_alamat, i_kel, i_kec, i_tel, i_pek, i_sek, i_ph, i_dom,
         i_kpj, i_sumber, i_surat) = self.at

        def per_value(col, fn) -> list:
            """fn of each cell (BAD where it raises CellError), worked out once per distinct value."""
            def safe(v):
                try:
                    return fn(v)
                except CellError:
                    return BAD
            types = set(map(type, col))
            if bool in types:  # True == 1: no sharing
                return [BAD if type(v) is bool else safe(v) for v in col]
            try:
                memo = {v: safe(v) for v in set(col)}
            except TypeError:  # unhashable: not from a sheet, but never a crash
                return [safe(v) for v in col]
            return list(map(memo.__getitem__, col))

        def clean_text(col, limit: int) -> bool:
            """Every cell is a str that cells.text returns unchanged, none blank, none too long."""
            if set(map(type, col)) != {str}:
                return False
            big = " ".join(col)
            return (big.isprintable() and "  " not in big and big[:1] != " " and big[-1:] != " "
                    and max(map(len, col)) <= limit)

        def by_chunks(col, limit: int, fn) -> list:
            """The cells of clean stretches of the column as they are, the others through fn."""
            out = []
            for i in range(0, len(col), 500):
                part = col[i:i + 500]
                out += part if clean_text(part, limit) else per_value(part, fn)
            return out

        def texts(col, limit: int, blank=BAD) -> list:
            def fn(v):
                t = text(v)
                return (t if len(t) <= limit else BAD) if t else blank
            if set(map(type, col)) == {type(None)}:
                return [blank] * len(col)
            return by_chunks(col, limit, fn)

        def age_ok(lahir: dt.date) -> bool:
            if lahir > today or lahir < EARLIEST_BIRTH:
                return False
            on = lim.on
            age = on.year - lahir.year - ((on.month, on.day) < (lahir.month, lahir.day))
            return lim.min_age <= age <= lim.max_age

        def born(when) -> dt.date:
            lahir = cells.date(when)
            return lahir if age_ok(lahir) else BAD

        # NIK: the digits, and what parse_nik reads from them
        def nik_text(v):
            if type(v) is str and len(v) == 16 and v.isdigit() and v.isascii():
                return v  # what cells.nik returns for it
            if type(v) is bool or _value(v) is None:
                return BAD
            return _safe(cells.nik, v)
        nik_s = list(map(nik_text, cols[i_nik]))
        nik_o = []
        for v in nik_s:
            try:
                nik_o.append(parse_nik(v, today) if v is not BAD else BAD)
            except NikError:
                nik_o.append(BAD)

        names = texts(cols[i_nama], L["nama"])
        if i_ttl < w:
            col = cols[i_ttl]
            if clean_text(col, 10**9):
                parts = [v.rpartition(",") for v in col]
                places = [p[0].strip() if p[1] else BAD for p in parts]
                places = [p if p and p is not BAD and len(p) <= L["tempat_lahir"] else BAD for p in places]
                births = per_value([p[2].strip() for p in parts], born)
            else:
                def ttl(v):
                    if _value(v) is None:
                        return BAD
                    place, lahir = self._birth(v)
                    return (place, lahir) if len(place) <= L["tempat_lahir"] and age_ok(lahir) else BAD
                pairs = per_value(col, ttl)
                places = [BAD if p is BAD else p[0] for p in pairs]
                births = [BAD if p is BAD else p[1] for p in pairs]
        else:
            places = texts(cols[i_tempat], L["tempat_lahir"])
            births = per_value(cols[i_tgl], lambda v: born(_value(v)))
        sexes = per_value(cols[i_jk], lambda v: None if _value(v) is None else cells.sex(v))
        addresses = texts(cols[i_alamat], L["alamat"], blank="")

        def where(pair):  # (kelurahan cell, kecamatan cell) → (kelurahan code, kecamatan code)
            kel_text = text(pair[0])
            kel = self._kelurahan(kel_text) if kel_text else None
            if kel is None:
                return BAD
            kec_text = text(pair[1])
            if kec_text and _kec_key(kec_text) != _kec_key(kel.kecamatan.nama):
                return BAD
            return kel.kode, kel.kecamatan.kode
        places_kel = per_value(list(zip(cols[i_kel], cols[i_kec])), where)

        phones = by_chunks(cols[i_tel], L["telepon"], lambda v: (
            t if (t := cells.phone(_value(v))) is None or len(t) <= L["telepon"] else BAD))

        def work(pair):  # (pekerjaan cell, sektor cell) → (sector code, occupation)
            pekerjaan = text(pair[0])
            sektor_text = text(pair[1]) or pekerjaan
            code = self._sector(sektor_text) if sektor_text else None
            if code is None:
                return BAD
            pekerjaan = pekerjaan or self.prog.sektor[code].nama
            return (code, pekerjaan) if len(pekerjaan) <= L["pekerjaan"] else BAD
        works = per_value(list(zip(cols[i_pek], cols[i_sek])), work)

        def income(v):
            m = cells.money(_value(v))
            return int(m) if m <= lim.umk else BAD
        incomes = per_value(cols[i_ph], income)

        def domicile(v):
            sejak = cells.date(_value(v))
            return sejak if sejak <= today and add_months(sejak, lim.months) <= lim.on else BAD
        domiciles = per_value(cols[i_dom], domicile)
        kpjs = texts(cols[i_kpj], L["kpj"], blank=None)
        sources = texts(cols[i_sumber], L["sumber"], blank=self.default_sumber)
        letters = per_value(cols[i_surat], surat_aplikator) if i_surat < w else cols[w]

        out: list[RowOutcome] = []
        append = out.append
        parse = self.parse
        for (baris, row), t in zip(rows, zip(nik_s, nik_o, names, places, births, sexes, addresses, places_kel,
                                             phones, works, incomes, domiciles, kpjs, sources, letters)):
            if BAD in t:
                append(parse(row, baris))
                continue
            nik, nik_p, nama, tempat, lahir, sex, alamat, kel, hp, wk, gaji, sejak, kpj, sumber, surat = t
            if sex is None:
                sex = nik_p.jenis_kelamin
            if sejak < lahir or lahir != nik_p.tanggal_lahir or sex != nik_p.jenis_kelamin:
                append(parse(row, baris))  # an impossible domicile, or a NIK warning to write
                continue
            o = RowOutcome(baris, row)
            o.data = {"nik": nik, "nama": nama, "tempat_lahir": tempat, "tanggal_lahir": lahir, "jenis_kelamin": sex,
                      "alamat": alamat, "kelurahan_kode": kel[0], "kecamatan_kode": kel[1], "telepon": hp,
                      "sektor": wk[0], "pekerjaan": wk[1], "penghasilan": gaji, "domisili_sejak": sejak, "kpj": kpj,
                      "sumber": sumber, "surat_aplikator": surat}
            o.compared = (nama, tempat, lahir, sex, alamat, kel[0], kel[1], hp, wk[0], wk[1], gaji, sejak, surat, kpj)
            append(o)
        return out

    def parse(self, row: list, baris: int) -> RowOutcome:
        out = RowOutcome(baris, row)
        vs = out.violations
        rs = self.rs
        w = self.width
        r = row[:w]
        r += [None] * (w + 1 - len(r))
        (i_nik, i_nama, i_ttl, i_tempat, i_tgl, i_jk, i_alamat, i_kel, i_kec, i_tel, i_pek, i_sek, i_ph, i_dom,
         i_kpj, i_sumber, i_surat) = self.at
        text = cells.text

        d: dict = {}
        nik = None
        raw_nik = _value(r[i_nik])
        if raw_nik is None:
            vs.append(Violation(rs["wajib"], "NIK", "NIK kosong"))
        else:
            try:
                d["nik"] = cells.nik(raw_nik)
                nik = parse_nik(d["nik"], self.today)
            except CellError as e:
                msg = str(e)
                vs.append(Violation(rs["nik_excel" if "Excel" in msg else "wajib" if msg == "NIK kosong" else
                                       "nik_format"], "NIK", msg))
                d.pop("nik", None)
            except NikError as e:
                vs.append(Violation(rs["nik_format"], "NIK", str(e)))
                d.pop("nik", None)

        d["nama"] = text(r[i_nama])
        if not d["nama"]:
            vs.append(Violation(rs["wajib"], "Nama", "nama kosong"))

        ttl = _value(r[i_ttl])
        try:
            if ttl is not None:
                d["tempat_lahir"], d["tanggal_lahir"] = self._birth(ttl)
            else:
                d["tempat_lahir"] = text(r[i_tempat])
                if not d["tempat_lahir"]:
                    vs.append(Violation(rs["wajib"], "Tempat Lahir", "tempat lahir kosong"))
                d["tanggal_lahir"] = self._cached(self._date, cells.date, _value(r[i_tgl]))
        except CellError as e:
            vs.append(Violation(rs["wajib" if "kosong" in str(e) else "tanggal"], "Tanggal Lahir", str(e)))
            d.pop("tanggal_lahir", None)

        jk = _value(r[i_jk])
        if jk is not None:
            try:
                d["jenis_kelamin"] = self._cached(self._sex, cells.sex, jk)
            except CellError as e:
                vs.append(Violation(rs["jenis_kelamin"], "Jenis Kelamin", str(e)))
        elif nik:
            d["jenis_kelamin"] = nik.jenis_kelamin
        if nik:
            lahir, sex = d.get("tanggal_lahir"), d.get("jenis_kelamin")
            if (lahir is not None and lahir != nik.tanggal_lahir) or (sex is not None and sex != nik.jenis_kelamin):
                out.warnings += [f"NIK: {w}" for w in nik_warnings(nik, lahir, sex)]

        d["alamat"] = text(r[i_alamat])
        kel_text = text(r[i_kel])
        if not kel_text:
            vs.append(Violation(rs["wajib"], "Kelurahan", "kelurahan kosong"))
        elif (kel := self._kelurahan(kel_text)) is None:
            vs.append(Violation(rs["kelurahan"], "Kelurahan",
                                f"{cells.quote(kel_text)} bukan kelurahan di {self.prog.daerah.sebutan}"))
        else:
            d["kelurahan_kode"], d["kecamatan_kode"] = kel.kode, kel.kecamatan.kode
            kec_text = text(r[i_kec])
            if kec_text:
                key = (kec_text, kel.kode)
                warn = self._kec.get(key, 0)
                if warn == 0:
                    warn = self._kec[key] = None if _kec_key(kec_text) == _kec_key(kel.kecamatan.nama) else (
                        f"Kecamatan: {cells.quote(kec_text)} tidak sesuai; Kelurahan {kel.nama} ada di "
                        f"Kecamatan {kel.kecamatan.nama}")
                if warn:
                    out.warnings.append(warn)

        d["telepon"] = cells.phone(_value(r[i_tel]))
        pekerjaan = text(r[i_pek])
        sektor_text = text(r[i_sek]) or pekerjaan
        d["sektor"] = self._sector(sektor_text) if sektor_text else None
        if not sektor_text:
            vs.append(Violation(rs["wajib"], "Pekerjaan", "pekerjaan kosong"))
        elif d["sektor"] is None:
            vs.append(Violation(rs["sektor"], "Pekerjaan",
                                f"{cells.quote(sektor_text)} bukan sektor informal yang dikenal program"))
        else:
            d["pekerjaan"] = pekerjaan or self.prog.sektor[d["sektor"]].nama

        income: Decimal | None = None
        try:
            income = self._cached(self._money, cells.money, _value(r[i_ph]))
            d["penghasilan"] = int(income)
        except CellError as e:
            vs.append(Violation(rs["wajib" if "kosong" in str(e) else "penghasilan_format"], "Penghasilan", str(e)))

        dom = _value(r[i_dom])
        try:
            d["domisili_sejak"] = dom if type(dom) is dt.date else self._cached(self._date, cells.date, dom)
        except CellError as e:
            vs.append(Violation(rs["wajib" if "kosong" in str(e) else "tanggal"], "Domisili Sejak", str(e)))

        d["kpj"] = text(r[i_kpj]) or None
        d["sumber"] = text(r[i_sumber]) or self.default_sumber
        try:
            d["surat_aplikator"] = surat_aplikator(r[i_surat])
        except CellError as e:  # an optional column: the row stands, the letter is not known
            d["surat_aplikator"] = None
            out.warnings.append(str(e))

        if any(len(d.get(f) or "") > limit for f, limit in self.lengths.items()):
            for f, limit in self.lengths.items():
                if len(d.get(f) or "") > limit:
                    vs.append(Violation(rs["panjang"], LABELS[f], f"{LABELS[f]} terlalu panjang: "
                                                                  f"{len(d[f])} karakter, paling banyak {limit}"))

        lahir_ok, sejak_ok = self._dates(d, vs)
        vs += check(self.limits, rs, d["tanggal_lahir"] if lahir_ok else None,
                    d["domisili_sejak"] if sejak_ok else None, income)
        out.data = d
        return out

    def _dates(self, d: dict, vs: list[Violation]) -> tuple[bool, bool]:
        """Dates that cannot be true are rejected before any age or duration is worked out from
        them (no "berusia -148 tahun"): (birth date usable, domicile date usable)."""
        lahir, sejak = d.get("tanggal_lahir"), d.get("domisili_sejak")
        today, r = self.today, self.rs["tanggal_wajar"]
        lahir_ok = lahir is not None
        if lahir_ok and lahir > today:
            vs.append(Violation(r, "Tanggal Lahir", f"tanggal lahir {tanggal(lahir)} belum terjadi"))
            lahir_ok = False
        elif lahir_ok and lahir < EARLIEST_BIRTH:
            vs.append(Violation(r, "Tanggal Lahir", f"tanggal lahir {tanggal(lahir)} sebelum tahun 1900"))
            lahir_ok = False
        sejak_ok = sejak is not None
        if sejak_ok and sejak > today:
            vs.append(Violation(r, "Domisili Sejak", f"tanggal mulai berdomisili {tanggal(sejak)} belum terjadi"))
            sejak_ok = False
        elif sejak_ok and lahir_ok and sejak < lahir:
            vs.append(Violation(r, "Domisili Sejak", f"berdomisili sejak {tanggal(sejak)}, sebelum tanggal lahir "
                                                     f"{tanggal(lahir)}"))
            sejak_ok = False
        return lahir_ok, sejak_ok


def parse_row(row: list, baris: int, tahun: int, prog: Program, rs: dict[str, Rule], default_sumber: str,
              today: dt.date, mapping: dict[str, int]) -> RowOutcome:
    """One participant row on its own (the import reads a whole file with one _Parser)."""
    return _Parser(mapping, tahun, prog, rs, default_sumber, today).parse(row, baris)


# --- the registry -------------------------------------------------------------------------------

_CHUNK = 5000
INSERTED = ("nik", "sumber", "tahun_daftar", "ditanggung_provinsi", *COMPARED)
YEAR = ("peserta_id", "tahun", "status", "lanjutan", "sumber")
AUDITED = ("waktu", "oleh", "subjek", "tindakan", "perubahan", "alasan")


class _Bulk:
    """Tens of thousands of rows in and out of one table without an object per row: values go to
    the driver as tuples in the form the column stores them (SQLAlchemy's own bind processing,
    worked out once per distinct value: dates repeat), and rows already there are compared in that
    same stored form. Dialects whose driver takes other placeholders go through SQLAlchemy Core."""

    def __init__(self, conn, table, names: tuple[str, ...]):
        self.conn, self.table, self.names = conn, table, names
        d = conn.dialect
        self.mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(d.paramstyle)
        self.q = d.identifier_preparer
        procs = [table.c[name].type.dialect_impl(d).bind_processor(d) for name in names] if self.mark else []
        self.procs = [(k, p, {}) for k, p in enumerate(procs) if p is not None]

    def stored(self, values: tuple) -> tuple:
        if not self.procs:
            return values
        v = list(values)
        for k, proc, memo in self.procs:
            x = v[k]
            if x is not None:
                try:
                    v[k] = memo[x]
                except KeyError:
                    v[k] = memo[x] = proc(x)
        return tuple(v)

    def insert(self, rows: list[tuple]) -> None:
        """`rows` as `stored` gave them."""
        if not rows:
            return
        if self.mark is None:
            self.conn.execute(self.table.insert(), [dict(zip(self.names, r)) for r in rows])
            return
        sql = (f"INSERT INTO {self.q.format_table(self.table)} ({', '.join(self.q.quote(c) for c in self.names)}) "
               f"VALUES ({', '.join([self.mark] * len(self.names))})")
        for i in range(0, len(rows), _CHUNK):
            self.conn.exec_driver_sql(sql, rows[i:i + _CHUNK])

    def _fetch(self, sql: str, params: tuple) -> list[tuple]:
        cur = self.conn.connection.dbapi_connection.cursor()  # plain tuples, no Row objects
        try:
            cur.execute(sql, params)
            return cur.fetchall()
        finally:
            cur.close()

    def select(self, names: tuple[str, ...], key: str | None = None, values: list | None = None) -> list[tuple]:
        """Rows (all, or those whose `key` is one of `values`) as tuples of columns `names`, in
        stored form."""
        t = self.table
        if self.mark is None:
            from sqlalchemy import select
            q = select(*(t.c[c] for c in names))
            if key is None:
                return [tuple(r) for r in self.conn.execute(q)]
            return [tuple(r) for i in range(0, len(values), _CHUNK)
                    for r in self.conn.execute(q.where(t.c[key].in_(values[i:i + _CHUNK])))]
        sql = f"SELECT {', '.join(self.q.quote(c) for c in names)} FROM {self.q.format_table(t)}"
        if key is None:
            return self._fetch(sql, ())
        out = []
        for i in range(0, len(values), _CHUNK):
            part = tuple(values[i:i + _CHUNK])
            out += self._fetch(f"{sql} WHERE {self.q.quote(key)} IN ({', '.join([self.mark] * len(part))})", part)
        return out


EXISTING = ("id", "nik", "sumber", *COMPARED)
OVERLAP_BYTES = 1_000_000  # from about 10,000 rows, the registry is opened while the file is read


class _Registry:
    """The registry side of one import: its write transaction, the rows already registered and the
    provincial list. For a big file all of it is made ready on a thread of its own while the file
    is read (python-calamine lets go of the interpreter while it parses a sheet): the engine and
    its migrations, BEGIN, and the registered rows in one pass. For a small one, the transaction
    opens after the file is read and only the file's NIKs are looked up."""

    def __init__(self, url: str | None, ahead: bool):
        self.url, self.ahead = url, ahead
        self._cm = None
        self._all: tuple[dict, set] | None = None
        self._job = Background(self._open) if ahead else None

    def _open(self):
        from rentan.registry.db import session
        cm = session(self.url)
        s = cm.__enter__()
        self._cm = cm
        if self.ahead:
            try:
                from rentan.registry.models import Peserta, PesertaProvinsi
                lengths()
                conn = s.connection()
                rows = _Bulk(conn, Peserta.__table__, EXISTING).select(EXISTING)
                prov = _Bulk(conn, PesertaProvinsi.__table__, ("nik",)).select(("nik",))
                self._all = ({r[1]: r for r in rows}, {r[0] for r in prov})
            except BaseException:
                self._cm = None
                cm.__exit__(*sys.exc_info())
                raise
        return s

    def session(self):
        return self._job.result() if self._job else self._open()

    def years(self, s, tahun: int) -> tuple[dict[int, str], set[int]]:
        """(peserta_id → who proposed them for `tahun`, ids enrolled for `tahun` − 1 and not ended)."""
        from sqlalchemy import select
        from rentan.registry.models import Kepesertaan
        conn = s.connection()
        this = dict(conn.execute(select(Kepesertaan.peserta_id, Kepesertaan.sumber).where(Kepesertaan.tahun == tahun)).all())
        before = set(conn.execute(select(Kepesertaan.peserta_id).where(
            Kepesertaan.tahun == tahun - 1, Kepesertaan.status.in_(("ditetapkan", "aktif")))).scalars())
        return this, before

    def known(self, s, niks: list[str]) -> tuple[dict[str, tuple], set[str]]:
        """(nik → registered row (EXISTING columns, stored form), NIKs on the provincial list)."""
        if self._all is not None:
            return self._all
        from rentan.registry.models import Peserta, PesertaProvinsi
        conn = s.connection()
        rows = _Bulk(conn, Peserta.__table__, EXISTING).select(EXISTING, "nik", niks)
        prov = _Bulk(conn, PesertaProvinsi.__table__, ("nik",)).select(("nik",), "nik", niks)
        return {r[1]: r for r in rows}, {r[0] for r in prov}

    def close(self, *exc) -> None:
        """Commit (no exception) or roll back (`exc` from sys.exc_info())."""
        if self._job:
            try:
                self._job.result()
            except BaseException:
                return  # it never opened; the caller's exception, or this one via session(), stands
        if self._cm is not None:
            cm, self._cm = self._cm, None
            cm.__exit__(*exc)


def check_year(prog: Program, tahun: int, today: dt.date) -> None:
    years = tahun_program(prog, today)
    if tahun not in years:
        raise SheetError(f"tahun kepesertaan {tahun} di luar jangkauan program ({years.start}–{years.stop - 1})")


@contextmanager
def _collector_paused():
    """A file's rows are hundreds of thousands of small objects without reference cycles; with the
    cyclic garbage collector running, each of its full passes walks them all again (a third of the
    time of a 70,000-row import). It is paused while one import runs, and resumed after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def import_registry(path: str | Path, tahun: int, *, sumber: str | None = None, oleh: str | None = None,
                    laporan: str | Path | None = None, url: str | None = None,
                    progress: Callable[[str, int, int], None] | None = None,
                    today: dt.date | None = None) -> ImportResult:
    """Import one file for coverage year `tahun`. Raises SheetError (nothing changed, no report)
    when the file as a whole cannot be used, or the year is outside the programme."""
    with _collector_paused():
        return _import(Path(path), tahun, sumber=sumber, oleh=oleh, laporan=laporan, url=url, progress=progress,
                       today=today)


def _import(path: Path, tahun: int, *, sumber, oleh, laporan, url, progress, today) -> ImportResult:
    prog = program()
    today = today or clock.today()
    check_year(prog, tahun, today)
    rs = rules(prog, tahun)
    try:
        ahead = path.is_file() and path.stat().st_size > OVERLAP_BYTES
    except OSError:
        ahead = False
    registry = _Registry(url, ahead)
    try:
        result = _import_rows(path, tahun, registry, prog=prog, rs=rs, oleh=oleh, today=today, sumber=sumber,
                              laporan=laporan, progress=progress)
    except BaseException:
        registry.close(*sys.exc_info())
        raise
    registry.close(None, None, None)
    return result


def _import_rows(path: Path, tahun: int, registry: _Registry, *, prog, rs, oleh, today, sumber, laporan,
                 progress) -> ImportResult:
    table = read_table(path, COLUMNS, REQUIRED)
    default_sumber = cells.text(sumber) or path.stem
    classifier = _Classifier(table, today)
    parser = _Parser(table.mapping, tahun, prog, rs, default_sumber, today)

    dilewati: list[tuple[int, str]] = [(b, KOSONG) for b in table.blank] + [(b, TERSEMBUNYI) for b, _ in table.hidden]
    total = len(table.rows)
    participants = []
    nik_i = table.mapping["nik"]
    for baris, row_cells in table.rows:
        v = row_cells[nik_i] if nik_i < len(row_cells) else None
        if type(v) is str and len(v) == 16 and v.isdigit():  # the common case, told at once
            classifier.footer = False
            participants.append((baris, row_cells))
            continue
        why = classifier.reason(row_cells)
        if why is None:
            participants.append((baris, row_cells))
        else:
            dilewati.append((baris, why))
    dilewati.sort()
    outcomes = parser.parse_all(participants)
    del participants
    if progress:
        progress("memeriksa", total, total)

    by_nik: dict[str, list[RowOutcome]] = defaultdict(list)
    for o in outcomes:
        nik = o.data.get("nik")
        if nik is not None:
            by_nik[nik].append(o)
    for group in by_nik.values():
        if len(group) > 1:
            for o in group:
                others = ", ".join(str(g.baris) for g in group if g is not o)
                o.violations.append(Violation(rs["ganda_berkas"], "NIK", f"NIK yang sama juga ada di baris {others}"))

    result = ImportResult(berkas=path.name, tahun=tahun, dibaca=total + len(table.blank) + len(table.hidden),
                          dilewati=dilewati, lembar=table.sheet)
    now = dt.datetime.now(dt.timezone.utc)
    s = registry.session()
    # inside the registry's transaction: the caller commits it, or rolls it back
    from sqlalchemy import update

    from rentan.registry import audit
    from rentan.registry.models import AuditLog, Impor, Kepesertaan, Peserta, Status
    who = audit.actor(oleh)
    if len(who) > lengths()["oleh"]:
        raise SheetError(f"nama petugas terlalu panjang: {len(who)} karakter, paling banyak {lengths()['oleh']}")
    conn = s.connection()
    peserta = _Bulk(conn, Peserta.__table__, INSERTED)
    log = _Bulk(conn, AuditLog.__table__, AUDITED)
    existing, provincial = registry.known(s, list(by_nik))
    this_year, enrolled_before = registry.years(s, tahun)
    years = _Bulk(conn, Kepesertaan.__table__, YEAR)
    year_rows: list[tuple] = []  # for people already registered, proposed for this year
    compared = _Bulk(conn, Peserta.__table__, COMPARED)
    inserts, updates, entries = [], [], []
    reason_new: dict[str, str] = {}
    values_of = itemgetter(*COMPARED)
    stored_of, known = compared.stored, existing.get
    for o in outcomes:
        if o.violations:
            result.ditolak.append(o)
            continue
        d = o.data
        nik = d["nik"]
        old = known(nik)
        if nik in provincial:
            o.violations.append(Violation(rs["provinsi"], "NIK",
                                          "tercantum dalam daftar peserta yang ditanggung APBD Provinsi"))
        elif old is not None and old[0] in this_year and this_year[old[0]] != d["sumber"]:
            o.violations.append(Violation(rs["ganda_registri"], "NIK", f"sudah terdaftar dari {this_year[old[0]]} "
                                                                       f"untuk tahun {tahun}"))
        if o.violations:
            result.ditolak.append(o)
            continue
        if o.warnings:
            result.peringatan.append(o)
        new = o.compared or values_of(d)
        if old is not None:
            before = old[3:]
            if new[-1] is None or new[-2] is None:  # KEPT_WHEN_BLANK: a blank keeps what is recorded
                new = new[:-2] + tuple(b if n is None else n for n, b in zip(new[-2:], before[-2:]))
            stored = stored_of(new)
            if old[0] not in this_year:  # registered before, proposed for this year too
                this_year[old[0]] = d["sumber"]
                year_rows.append(years.stored((old[0], tahun, Status.TERDAFTAR.value, old[0] in enrolled_before,
                                               d["sumber"])))
                entries.append(audit.entry(nik, "daftar", who, f"tahun {tahun}: impor {path.name} ({d['sumber']})",
                                           None, now))
                result.diusulkan_lagi += 1
                if stored == before:
                    continue
            elif stored == before:
                result.tidak_berubah += 1
                continue
            changes = {f: (a, b) for f, a, b, c in zip(COMPARED, before, new, stored) if a != c}
            if "surat_aplikator" in changes and changes["surat_aplikator"][0] is not None:  # SQLite keeps 0/1
                changes["surat_aplikator"] = (bool(changes["surat_aplikator"][0]), changes["surat_aplikator"][1])
            updates.append({"id": old[0], **{f: b for f, (_, b) in changes.items()}})
            entries.append(audit.entry(nik, "ubah", who, f"impor {path.name}", changes, now))
            result.diperbarui += 1
        else:
            inserts.append(peserta.stored((nik, d["sumber"], tahun, False, *new)))
            why = reason_new.get(d["sumber"])
            if why is None:
                why = reason_new[d["sumber"]] = f"tahun {tahun}: impor {path.name} ({d['sumber']})"
            entries.append(audit.entry(nik, "daftar", who, why, None, now))
    if progress and inserts:
        progress("menyimpan", 0, len(inserts))
    peserta.insert(inserts)
    if inserts:  # each new person's row for this year
        ids = dict((nik, pid) for pid, nik in _Bulk(conn, Peserta.__table__, ("id", "nik")).select(
            ("id", "nik"), "nik", [r[0] for r in inserts]))
        year_rows += [years.stored((ids[r[0]], tahun, Status.TERDAFTAR.value, False, r[1])) for r in inserts]
    years.insert(year_rows)
    if progress and inserts:
        progress("menyimpan", len(inserts), len(inserts))
    by_shape: dict[tuple, list[dict]] = defaultdict(list)
    for u in updates:  # a bulk UPDATE by primary key per set of changed columns
        by_shape[tuple(sorted(u))].append(u)
    for batch in by_shape.values():
        s.execute(update(Peserta), batch)
    audited = itemgetter(*AUDITED)
    log.insert([log.stored(audited(e)) for e in entries])
    result.baru = len(inserts)
    faults.point("impor")
    s.add(Impor(waktu=now, oleh=who, berkas=path.name, sha256=table.sha256, tahun=tahun, dibaca=result.dibaca,
                baru=result.baru, diperbarui=result.diperbarui, ditolak=len(result.ditolak)))
    if result.ditolak:
        # Written before the registry commits; if the commit fails, the exception leaves the
        # previous report in place and the registry untouched.
        result.laporan = Path(laporan) if laporan else path.with_name(f"{path.stem}-ditolak.xlsx")
        try:
            write_rejection_report(result.laporan, table.headers, result)
        except OSError as e:
            raise SheetError(f"laporan penolakan tidak dapat ditulis ke {result.laporan} "
                             f"({e.strerror or 'galat sistem'})") from None
    return result


_EXCEL_INT = 2**53


def _as_sent(v):
    """A cell for the report as the clerk sent it, in a form XLSX can hold."""
    if v is None or isinstance(v, (str, bool, dt.date, dt.time)):
        return v
    if isinstance(v, int):
        return v if -_EXCEL_INT < v < _EXCEL_INT else cells.text(v)
    if isinstance(v, float):
        return v if math.isfinite(v) else cells.text(v)
    return cells.text(v)


def write_rejection_report(target: Path, headers: list[str], result: ImportResult) -> None:
    width = len(headers)
    sheets = {
        "Ditolak": (["Baris", *headers, "Alasan"],
                    [[o.baris, *(_as_sent(c) for c in o.cells[:width]), *[""] * (width - len(o.cells)),
                      "; ".join(v.alasan() for v in o.violations)] for o in result.ditolak]),
    }
    if result.peringatan:
        sheets["Peringatan"] = (["Baris", "Peringatan (data tetap diterima; mohon diperiksa)"],
                                [[o.baris, "; ".join(o.warnings)] for o in result.peringatan])
    if result.dilewati:
        sheets["Dilewati"] = (["Baris", "Dilewati karena (bukan data peserta)"],
                              [[b, why] for b, why in result.dilewati])
    from rentan.xlsx import write_rows_atomic
    write_rows_atomic(target, sheets)
