"""One big sheet written as XLSX part XML directly, for the data file sent to BPJS: the same shape
as `rentan.xlsx.write_rows_atomic` (bold header, frozen first row, filter, readable widths, text
kept as text, dates as dd-mm-yyyy cells, deterministic bytes, atomic write), about ten times faster
at tens of thousands of rows, because no cell goes through a per-cell library call. Values may be
str (inline text), int, date, or None (left blank)."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

from rentan.atomic import atomic_path

_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (1900 date system)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STAMP = (2025, 1, 1, 0, 0, 0)

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>rentan</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created></cp:coreProperties>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
# cellXfs: 0 plain, 1 header (bold, light blue, border, wrapped, top), 2 date dd-mm-yyyy
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


def column(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _text(v: str) -> str:
    v = escape(_CONTROL.sub("", v))
    space = ' xml:space="preserve"' if v[:1].isspace() or v[-1:].isspace() else ""
    return f"<is><t{space}>{v}</t></is>"


def _cells(row: Sequence, r: int, cols: Sequence[str]) -> str:
    out = []
    for c, v in zip(cols, row):
        if v is None:
            continue
        if isinstance(v, str):
            out.append(f'<c r="{c}{r}" t="inlineStr">{_text(v)}</c>')
        elif isinstance(v, bool):
            out.append(f'<c r="{c}{r}" t="b"><v>{int(v)}</v></c>')
        elif isinstance(v, dt.datetime):
            raise TypeError("sheet_xml: waktu (datetime) tidak didukung; gunakan tanggal")
        elif isinstance(v, dt.date):
            out.append(f'<c r="{c}{r}" s="2"><v>{(v - _EPOCH).days}</v></c>')
        elif isinstance(v, int):
            out.append(f'<c r="{c}{r}"><v>{v}</v></c>')
        else:
            raise TypeError(f"sheet_xml: nilai {type(v).__name__} tidak didukung")
    return "".join(out)


def _width(v) -> int:
    return 10 if isinstance(v, dt.date) else len(str(v))


def write_sheet(target: str | Path, name: str, headers: Sequence[str], rows: Sequence[Sequence],
                mode: int | None = None) -> Path:
    """Write one sheet `name` with `headers` and `rows` to the XLSX `target` (atomically)."""
    target = Path(target)
    cols = [column(i) for i in range(len(headers))]
    widths = [max(8, min(40, len(str(h)) + 2)) for h in headers]
    for row in rows[:200]:
        for c, v in enumerate(row[:len(widths)]):
            if v is not None:
                widths[c] = max(widths[c], min(60, _width(v) + 2))
    last = f"{cols[-1]}{len(rows) + 1}"
    sheet_name = escape(name[:31], {'"': "&quot;"})
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
             f'<dimension ref="A1:{last}"/>',
             '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
             'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
             '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>',
             "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1)),
             '</cols><sheetData>',
             '<row r="1">' + "".join(f'<c r="{c}1" t="inlineStr" s="1">{_text(str(h))}</c>'
                                     for c, h in zip(cols, headers)) + "</row>"]
    parts.extend(f'<row r="{r}">{_cells(row, r, cols)}</row>' for r, row in enumerate(rows, 2))
    parts.append("</sheetData>")
    if rows:
        parts.append(f'<autoFilter ref="A1:{last}"/>')
    parts.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    filter_name = (f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                   f"'{sheet_name}'!$A$1:${cols[-1]}${len(rows) + 1}</definedName></definedNames>" if rows else "")
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<bookViews><workbookView/></bookViews><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/>'
                f"</sheets>{filter_name}</workbook>")
    with atomic_path(target, mode) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for part, data in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                               ("docProps/core.xml", _CORE), ("xl/workbook.xml", workbook),
                               ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", _STYLES),
                               ("xl/worksheets/sheet1.xml", "".join(parts))):
                info = zipfile.ZipInfo(part, date_time=_STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                z.writestr(info, data.encode("utf-8"))
    return target
