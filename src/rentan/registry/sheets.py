"""Reading a spreadsheet as staff send it: XLSX (python-calamine, fast) or CSV (comma or semicolon),
a title block above the header row, header names that vary from office to office."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from python_calamine import CalamineWorkbook


class SheetError(ValueError):
    """The file as a whole cannot be used; one line for the clerk, nothing is changed."""


def _norm(header: str) -> str:
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
    headers: list[str]  # as written in the file
    mapping: dict[str, int]  # field → column index
    rows: list[tuple[int, list]]  # (row number as Excel/CSV shows it, cells)


def _read_raw(path: Path) -> list[list]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise SheetError(f"berkas {path} tidak ditemukan")
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        try:
            wb = CalamineWorkbook.from_path(str(path))
            if not wb.sheet_names:
                raise SheetError(f"{path.name}: tidak ada lembar kerja")
            return wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except SheetError:
            raise
        except Exception as e:  # calamine raises several kinds for broken files
            raise SheetError(f"{path.name}: berkas tidak dapat dibaca sebagai {suffix[1:].upper()} ({e})") from None
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "cp1252"):
            try:
                content = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        head = "\n".join(content.splitlines()[:20])
        delim = ";" if head.count(";") > head.count(",") else ","
        return [row for row in csv.reader(io.StringIO(content), delimiter=delim)]
    raise SheetError(f"{path.name}: jenis berkas {suffix or '(tanpa ekstensi)'} tidak didukung; kirim XLSX atau CSV")


def read_table(path: str | Path, wanted: list[Column], required: list[tuple[str, ...]],
               header_search_rows: int = 15) -> Table:
    """Find the header row (the first of the top rows that names every required column; a title
    block above it is skipped), map headers to fields, and return the data rows.

    `required` lists alternatives: ("tanggal_lahir", "ttl") means one of the two must be present.
    """
    path = Path(path)
    raw = _read_raw(path)
    lookup = {alias: c.field for c in wanted for alias in c.aliases}
    labels = {c.field: c.label for c in wanted}
    best: tuple[int, dict[str, int]] | None = None
    for i, row in enumerate(raw[:header_search_rows]):
        mapping: dict[str, int] = {}
        for j, cell in enumerate(row):
            f = lookup.get(_norm(cell)) if isinstance(cell, str) else None
            if f and f not in mapping:
                mapping[f] = j
        if best is None or len(mapping) > len(best[1]):
            best = (i, mapping)
        if all(any(f in mapping for f in alt) for alt in required):
            break
    if best is None or not best[1]:
        if not any(any(str(c).strip() for c in r) for r in raw):
            raise SheetError(f"{path.name}: lembar kerja kosong")
        raise SheetError(f"{path.name}: baris judul kolom tidak ditemukan (mis. kolom NIK, Nama)")
    header_idx, mapping = best
    missing = [" atau ".join(labels[f] for f in alt) for alt in required if not any(f in mapping for f in alt)]
    if missing:
        raise SheetError(f"{path.name}: kolom wajib tidak ada: {', '.join(missing)}")
    rows = [(header_idx + 2 + k, r) for k, r in enumerate(raw[header_idx + 1:])
            if any(str(c).strip() for c in r)]
    if not rows:
        raise SheetError(f"{path.name}: lembar kerja tidak berisi data di bawah judul kolom")
    return Table([str(c) for c in raw[header_idx]], mapping, rows)
