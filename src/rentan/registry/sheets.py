"""Reading a spreadsheet as staff send it: a title block above the header row, header names that
vary from office to office, and whatever file they happened to save.

A file is read by what it contains, never by its name: XLSX/XLSM/XLSB, XLS and ODS through
python-calamine (an XLSX renamed .csv is still an XLSX); anything else is text, decoded as UTF-8
(with or without BOM), UTF-16 (with BOM, Excel's "Unicode text") or Windows-1252, with the
delimiter (";", "," or tab) chosen by which one makes the header row readable. What cannot be read
is refused with one Indonesian line that names the file (SheetError), never a traceback.

What a clerk sees is what is read: in XLSX, hidden columns are left out and hidden rows are set
aside (`Table.hidden`), hidden sheets are not read, and when the table is not on the first sheet
the visible sheets are searched for the header row.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import threading
import zipfile
import zlib
from dataclasses import dataclass, field
from html import unescape
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from rentan.errors import Refusal


class SheetError(Refusal):
    """The file as a whole cannot be used; one line for the clerk (naming the file, never a NIK or
    a name), nothing is changed."""


def _norm(header) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # how the report names it when the file does not have it
    aliases: tuple[str, ...]


def columns(*specs: tuple[str, str, Iterable[str]]) -> list[Column]:
    return [Column(f, label, tuple(_norm(a) for a in aliases)) for f, label, aliases in specs]


@dataclass
class Table:
    headers: list[str]  # as written in the file (visible columns only)
    mapping: dict[str, int]  # field → column index
    rows: list[tuple[int, list]]  # (row number as Excel/CSV shows it, cells): visible, not blank
    hidden: list[tuple[int, list]] = field(default_factory=list)  # rows hidden in the sheet, not blank
    blank: list[int] = field(default_factory=list)  # blank rows between the header and the last row
    sheet: str | None = None  # the sheet the table was found on, when the workbook shows more than one
    sha256: str = ""  # of the bytes that were read
    above: list[list] = field(default_factory=list)  # the rows above the header (a title block)


def is_blank(cell) -> bool:
    return cell is None or cell == "" or (type(cell) is str and not cell.strip())


def _blank_row(row: list) -> bool:
    for c in row:
        if c is None or c == "":
            continue
        if type(c) is str and not c.strip():
            continue
        return False
    return True


# --- what the bytes are ---------------------------------------------------------------------

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise SheetError(f"berkas {path} tidak ditemukan")
    if path.is_dir():
        raise SheetError(f"{path.name} adalah folder, bukan berkas; sebutkan berkas XLSX atau CSV di dalamnya")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SheetError(f"{path.name}: berkas tidak dapat dibuka ({e.strerror or 'galat sistem'})") from None
    if not data:
        raise SheetError(f"{path.name}: berkas kosong (0 bita)")
    return data


def _zip_kind(path: Path, data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SheetError(f"{path.name}: berkas tidak dapat dibaca sebagai XLSX (rusak atau bukan lembar "
                         "kerja); buka di Excel lalu simpan ulang sebagai XLSX") from None
    if "xl/workbook.xml" in names or any(re.fullmatch(r"xl/[^/]*workbook[^/]*\.xml", n) for n in names):
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    if "word/document.xml" in names:
        raise SheetError(f"{path.name}: ini dokumen Word, bukan lembar kerja; kirim XLSX atau CSV")
    raise SheetError(f"{path.name}: berkas ZIP ini bukan XLSX atau ODS; kirim XLSX atau CSV")


# --- text files -------------------------------------------------------------------------------

def _decode(path: Path, data: bytes) -> str:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                content = data.decode(enc)
            except UnicodeDecodeError:
                raise SheetError(f"{path.name}: isi berkas tidak dapat dibaca sebagai teks {enc.upper()} "
                                 "(rusak)") from None
            break
    else:
        if b"\x00" in data:
            content = _utf16_without_bom(data)
            if content is None:
                raise SheetError(f"{path.name}: berkas berisi karakter NUL, jadi bukan teks CSV dan bukan "
                                 "lembar kerja yang dikenal; buka di Excel lalu simpan sebagai XLSX")
        else:
            try:
                content = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    content = data.decode("cp1252")
                except UnicodeDecodeError:
                    raise SheetError(f"{path.name}: isi berkas tidak dapat dibaca sebagai teks (bukan UTF-8, "
                                     "UTF-16 atau Windows-1252); simpan ulang sebagai XLSX atau CSV UTF-8") from None
    if "\x00" in content:
        raise SheetError(f"{path.name}: berkas berisi karakter NUL; buka di Excel lalu simpan sebagai XLSX")
    return content


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 without its BOM: nearly every other byte is NUL (for Latin text)."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.8 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _not_a_table(path: Path, content: str) -> None:
    head = content[:2048].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("%pdf"):
        raise SheetError(f"{path.name}: ini berkas PDF, bukan lembar kerja; kirim XLSX atau CSV")
    if head.startswith("<") and ("<html" in head or "<table" in head or "<!doctype html" in head):
        raise SheetError(f"{path.name}: ini halaman HTML yang diberi nama lembar kerja; buka di Excel lalu "
                         "simpan sebagai XLSX")
    if head.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in content[:4096]:
        raise SheetError(f"{path.name}: ini lembar kerja XML 2003; buka di Excel lalu simpan sebagai XLSX")


def _csv_rows(content: str, delimiter: str, limit: int | None = None) -> list[list]:
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, 1 << 26))  # a long cell is a row's problem, not the file's
    try:
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
        return list(islice(reader, limit) if limit else reader)
    finally:
        csv.field_size_limit(old)


# --- hidden rows and columns in XLSX ----------------------------------------------------------

_HIDDEN = re.compile(rb"""hidden\s*=\s*["'](?:1|true)["']""")
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_REL_TAG = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_COL_TAG = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*)>")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)>")
_SHEETDATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")


def _attrs(raw: bytes) -> dict[str, str]:
    out = {}
    for k, v1, v2 in _ATTR.findall(raw):
        key = k.decode("ascii", "replace")
        out[key.rsplit(":", 1)[-1] if key.endswith(":id") else key] = unescape((v1 or v2).decode("utf-8", "replace"))
    return out


def _true(v: str | None) -> bool:
    return v in ("1", "true")


def _xlsx_hidden(data: bytes) -> dict[str, tuple[set[int], set[int]]]:
    """{sheet name: (hidden row indexes, hidden column indexes)}, both 0-based, for the sheets that
    hide any. python-calamine does not tell, so the sheet's XML says it; a sheet without the bytes
    `hidden="1"` is not parsed at all (the common case costs one search)."""
    out: dict[str, tuple[set[int], set[int]]] = {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        rels = {a.get("Id"): a.get("Target", "") for a in map(_attrs, _REL_TAG.findall(
            zf.read("xl/_rels/workbook.xml.rels")))}
        sheets = [_attrs(m) for m in _SHEET_TAG.findall(zf.read("xl/workbook.xml"))]
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, zlib.error):
        return out
    names = set(zf.namelist())
    for a in sheets:
        target = rels.get(a.get("id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        part = re.sub(r"[^/]+/\.\./", "", part)
        if part not in names:
            continue
        try:
            xml = zf.read(part)
        except (zipfile.BadZipFile, OSError, ValueError, zlib.error):
            continue  # calamine refuses the sheet, and says so
        if not _HIDDEN.search(xml):
            continue
        rows, cols = set(), set()
        start = _SHEETDATA.search(xml)
        for m in _COL_TAG.findall(xml[:start.start()] if start else xml):
            c = _attrs(m)
            if _true(c.get("hidden")):
                try:
                    cols.update(range(int(c["min"]) - 1, int(c.get("max", c["min"]))))
                except (KeyError, ValueError):
                    pass
        r = 0
        for m in _ROW_TAG.findall(xml):
            attrs = _attrs(m)
            try:
                r = int(attrs["r"]) if "r" in attrs else r + 1
            except ValueError:
                r += 1
            if _true(attrs.get("hidden")):
                rows.add(r - 1)
        out[a.get("name", "")] = (rows, cols)
    return out


# --- the sheets or parses a header may be on --------------------------------------------------

@dataclass
class _Grid:
    name: str | None  # sheet name (workbooks) or None (text)
    rows: list[list]
    hidden_rows: set[int] = field(default_factory=set)


class Background:
    """fn(*args) on a thread of its own; `result()` waits for it and returns or raises what it did.
    Worth it beside python-calamine, which lets go of the interpreter while it parses a sheet."""

    def __init__(self, fn, *args):
        self._value, self._error = None, None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn, args) -> None:
        try:
            self._value = fn(*args)
        except BaseException as e:  # handed to the caller of result()
            self._error = e

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _workbook_grids(path: Path, data: bytes, kind: str) -> tuple[Iterator[_Grid], list[str], list[str]]:
    label = {"xlsx": "XLSX", "xlsb": "XLSB", "ods": "ODS", "xls": "XLS"}[kind]
    hidden_scan = Background(_xlsx_hidden, data) if kind == "xlsx" else None
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = wb.sheets_metadata
    except Exception as e:  # calamine raises several kinds for broken files
        if type(e).__name__ == "PasswordError":
            raise SheetError(f"{path.name}: berkas dilindungi kata sandi; buka kuncinya lalu simpan ulang") from None
        raise SheetError(f"{path.name}: berkas tidak dapat dibaca sebagai {label} (rusak atau bukan lembar "
                         "kerja); buka di Excel lalu simpan ulang") from None
    visible = [m.name for m in meta if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet]
    hidden = [m.name for m in meta if m.visible != SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet]
    if not meta:
        raise SheetError(f"{path.name}: tidak ada lembar kerja")
    if not visible:
        raise SheetError(f"{path.name}: tidak ada lembar kerja yang terlihat (semua lembar disembunyikan)")

    def grids() -> Iterator[_Grid]:
        for name in visible:
            try:
                raw = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception:
                raise SheetError(f"{path.name}: lembar {name!r} tidak dapat dibaca (rusak); buka di Excel lalu "
                                 "simpan ulang") from None
            hrows, hcols = (hidden_scan.result() if hidden_scan else {}).get(name, (set(), set()))
            if hcols:
                raw = [[c for j, c in enumerate(r) if j not in hcols] for r in raw]
            yield _Grid(name, raw, hrows)
    return grids(), visible, hidden


# --- finding the header -----------------------------------------------------------------------

def _find_header(grid: _Grid, lookup: dict[str, str], required: list[tuple[str, ...]],
                 limit: int) -> tuple[int, dict[str, int], bool] | None:
    """(row index, field → column, complete) of the best header among the first `limit` visible
    rows: the first that names every required column, else the one naming the most columns."""
    best: tuple[int, dict[str, int], bool] | None = None
    seen = 0
    for i, row in enumerate(grid.rows):
        if i in grid.hidden_rows:
            continue
        seen += 1
        if seen > limit:
            break
        mapping: dict[str, int] = {}
        for j, cell in enumerate(row):
            f = lookup.get(_norm(cell)) if isinstance(cell, str) and len(cell) < 200 else None
            if f and f not in mapping:
                mapping[f] = j
        complete = all(any(f in mapping for f in alt) for alt in required)
        if best is None or len(mapping) > len(best[1]) or complete:
            best = (i, mapping, complete)
        if complete:
            break
    return best


def read_table(path: str | Path, wanted: list[Column], required: list[tuple[str, ...]],
               header_search_rows: int = 15) -> Table:
    """Find the header row (the first of the top rows that names every required column; a title
    block above it is skipped), map headers to fields, and return the data rows.

    `required` lists alternatives: ("tanggal_lahir", "ttl") means one of the two must be present.
    """
    path = Path(path)
    data = _read_bytes(path)
    lookup = {alias: c.field for c in wanted for alias in c.aliases}
    labels = {c.field: c.label for c in wanted}
    sheets_seen: list[str] = []
    hidden_sheets: list[str] = []

    if data.startswith(_ZIP) or data.startswith(_OLE2):
        kind = _zip_kind(path, data) if data.startswith(_ZIP) else "xls"
        grids, visible, hidden_sheets = _workbook_grids(path, data, kind)
    else:
        content = _decode(path, data)
        _not_a_table(path, content)
        visible = []

        def text_grids() -> Iterator[_Grid]:
            # the delimiter is the one under which the header row reads best
            best = None
            for delim in (";", ",", "\t"):
                head = _Grid(None, _csv_rows(content, delim, header_search_rows * 4))
                found = _find_header(head, lookup, required, header_search_rows)
                score = (found[2], len(found[1])) if found else (False, 0)
                if best is None or score > best[0]:
                    best = (score, delim)
            yield _Grid(None, _csv_rows(content, best[1]))
        grids = text_grids()

    chosen: tuple[_Grid, int, dict[str, int]] | None = None
    partial: tuple[_Grid, int, dict[str, int]] | None = None
    any_content = False
    for grid in grids:
        if grid.name is not None:
            sheets_seen.append(grid.name)
        if not any_content and any(not _blank_row(r) for r in grid.rows):
            any_content = True
        found = _find_header(grid, lookup, required, header_search_rows)
        if found is None or not found[1]:
            continue
        i, mapping, complete = found
        if complete:
            chosen = (grid, i, mapping)
            break
        if partial is None or len(mapping) > len(partial[2]):
            partial = (grid, i, mapping)

    where = ""
    if len(sheets_seen) > 1 or hidden_sheets:
        where = "; lembar yang diperiksa: " + ", ".join(repr(n) for n in sheets_seen)
        if hidden_sheets:
            where += " (lembar tersembunyi tidak dibaca: " + ", ".join(repr(n) for n in hidden_sheets) + ")"
    if chosen is None:
        if partial is not None:
            grid, _, mapping = partial
            missing = [" atau ".join(labels[f] for f in alt) for alt in required
                       if not any(f in mapping for f in alt)]
            on = f" (lembar {grid.name!r})" if grid.name is not None and len(sheets_seen) > 1 else ""
            raise SheetError(f"{path.name}: kolom wajib tidak ada{on}: {', '.join(missing)}{where}")
        if not any_content:
            raise SheetError(f"{path.name}: lembar kerja kosong{where}")
        raise SheetError(f"{path.name}: baris judul kolom tidak ditemukan (mis. kolom NIK, Nama){where}")

    grid, header_idx, mapping = chosen
    rows: list[tuple[int, list]] = []
    hidden: list[tuple[int, list]] = []
    blank: list[int] = []
    hidden_rows = grid.hidden_rows
    for k in range(header_idx + 1, len(grid.rows)):
        r = grid.rows[k]
        if _blank_row(r):
            blank.append(k + 1)
        elif hidden_rows and k in hidden_rows:
            hidden.append((k + 1, r))
        else:
            rows.append((k + 1, r))
    last = max(rows[-1][0] if rows else 0, hidden[-1][0] if hidden else 0)
    blank = [b for b in blank if b < last]
    if not rows:
        if hidden:
            raise SheetError(f"{path.name}: semua baris data di bawah judul kolom tersembunyi; tampilkan "
                             "barisnya (Unhide) atau hapus bila memang bukan data")
        raise SheetError(f"{path.name}: lembar kerja tidak berisi data di bawah judul kolom")
    headers = ["" if c is None else str(c) for c in grid.rows[header_idx]]
    sheet = grid.name if len(visible) > 1 else None
    return Table(headers, mapping, rows, hidden, blank, sheet, hashlib.sha256(data).hexdigest(),
                 grid.rows[:header_idx])
