"""Spreadsheets for staff: bold header, frozen first row, filters, readable widths, text cells
kept as text (a NIK must never become a number), deterministic bytes, atomic write."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

import xlsxwriter

from rentan.atomic import atomic_path

FIXED_CREATED = dt.datetime(2025, 1, 1)


def write_rows_atomic(target: str | Path, sheets: dict[str, tuple[Sequence[str], Sequence[Sequence]]],
                      mode: int | None = None, created: dt.datetime = FIXED_CREATED) -> Path:
    """Write {sheet name: (headers, rows)} to `target`. Dates become date cells (dd-mm-yyyy)."""
    target = Path(target)
    with atomic_path(target, mode) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                            "strings_to_urls": False, "remove_timezone": True})
        wb.set_properties({"created": created, "author": "rentan"})
        bold = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                              "valign": "top"})
        datef = wb.add_format({"num_format": "dd-mm-yyyy"})
        for name, (headers, rows) in sheets.items():
            ws = wb.add_worksheet(name[:31])
            widths = [max(8, min(40, len(str(h)) + 2)) for h in headers]
            ws.write_row(0, 0, list(headers), bold)
            for r, row in enumerate(rows, 1):
                for c, v in enumerate(row):
                    if isinstance(v, dt.datetime):
                        ws.write_datetime(r, c, v, datef)
                    elif isinstance(v, dt.date):
                        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), datef)
                    elif isinstance(v, str):
                        ws.write_string(r, c, v)
                    elif v is None:
                        ws.write_blank(r, c, None)
                    else:
                        ws.write(r, c, v)
                    if r <= 200 and c < len(widths):
                        widths[c] = max(widths[c], min(60, len(str(v)) + 2))
            for c, w in enumerate(widths):
                ws.set_column(c, c, w)
            ws.freeze_panes(1, 0)
            if rows:
                ws.autofilter(0, 0, len(rows), len(headers) - 1)
        wb.close()
    return target
