"""The Lampiran as DOCX, streamed: the table rows are written as WordprocessingML straight into the
zip entry word/document.xml, a few thousand rows at a time. No object model of the table is ever
built, so cost and memory grow linearly with rows (70,000 rows: about 1 s here; docxtpl's
`{%tr for %}` loop takes 45 s and python-docx `add_row` 200 s — DESIGN.md).

Layout: one w:tbl per kelurahan (Word merges adjacent tables, so a small paragraph separates them);
each opens with the column header and a row of column numbers, both marked <w:tblHeader/> so Word
and LibreOffice repeat them on every page; every row has <w:cantSplit/>; the columns are the
caller's (`AnnexHeader.columns`) at fixed widths (w:tblLayout fixed, w:gridCol and every w:tcW), so
LibreOffice and Word lay them out alike. A konsep's banner (bordered, centred) opens the first page,
the header block sits top right, the signature block at the end kept on one page (keep-with-next,
keep-lines), "Halaman X dari Y" in the footer (PAGE and NUMPAGES fields); the page header carries
the marking of an internal copy (TERBATAS) on every page and the watermark. Bookman Old Style is
named as the font (Word substitutes when it is missing).

The same input gives a byte-identical file: fixed zip timestamps and attributes, fixed entry order,
no dates in the document properties.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Iterable

from rentan.atomic import atomic_path
from rentan.render.annex import (
    BODY_PT, COLON_MM, FONT_NAME, FOOTER_MM, GROUP, MARGIN_MM, MARKING_MM, MARKING_PT, ROW,
    SIGNATURE_BLOCK_FRACTION, SUB_KECAMATAN, SUB_KELURAHAN, TABLE_PT, TOTAL, AnnexGroup, AnnexHeader, AnnexResult,
    Tally, clean, column_widths_mm, label_width_mm, page_size_mm, split_label, walk)

__all__ = ["write_annex_docx"]

TWIPS_PER_MM = 1440 / 25.4
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CHUNK_ROWS = 2000
_COMPRESSLEVEL = 6

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = (f'xmlns:w="{_W}" xmlns:r="{_R}" xmlns:v="urn:schemas-microsoft-com:vml" '
       'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"')
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _x(s: str) -> str:
    """Escape text for an XML text node (the text is already `clean`: no control characters)."""
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    return s


def _xa(s: str) -> str:
    """Escape text for a double-quoted XML attribute."""
    return _x(s).replace('"', "&quot;")


# --- static parts ---------------------------------------------------------------------------------

def _content_types(has_header: bool) -> str:
    hdr = ('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
           'wordprocessingml.header+xml"/>') if has_header else ""
    return (_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.settings+xml"/>'
            '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.fontTable+xml"/>'
            '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.footer+xml"/>' + hdr +
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
            'core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'extended-properties+xml"/>'
            '</Types>')


_ROOT_RELS = (_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="word/document.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
              'core-properties" Target="docProps/core.xml"/>'
              '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'extended-properties" Target="docProps/app.xml"/>'
              '</Relationships>')


def _doc_rels(has_header: bool) -> str:
    t = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    hdr = f'<Relationship Id="rId5" Type="{t}header" Target="header1.xml"/>' if has_header else ""
    return (_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{t}styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{t}settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{t}fontTable" Target="fontTable.xml"/>'
            f'<Relationship Id="rId4" Type="{t}footer" Target="footer1.xml"/>' + hdr +
            '</Relationships>')


def _core(title: str) -> str:
    return (_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{_x(title)}</dc:title><dc:language>id-ID</dc:language></cp:coreProperties>')


_APP = (_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>rentan</Application></Properties>')

_FONTS = (_DECL + f'<w:fonts {_NS}><w:font w:name="{FONT_NAME}"><w:panose1 w:val="02050604050505020204"/>'
          '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>')

_SETTINGS = (_DECL + f'<w:settings {_NS}><w:defaultTabStop w:val="720"/>'
             '<w:characterSpacingControl w:val="doNotCompress"/>'
             '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
             'w:val="15"/></w:compat></w:settings>')


def _styles() -> str:
    body = round(BODY_PT * 2)
    table = round(TABLE_PT * 2)
    f = f'<w:rFonts w:ascii="{FONT_NAME}" w:hAnsi="{FONT_NAME}" w:cs="{FONT_NAME}" w:eastAsia="{FONT_NAME}"/>'

    def pstyle(sid, name, ppr="", rpr="", based="Normal"):
        return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based}"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')

    # Document defaults are the table's (8 pt, no spacing) so a table cell needs no paragraph properties:
    # the few paragraphs outside the tables carry a style.
    return (_DECL + f'<w:styles {_NS}>'
            f'<w:docDefaults><w:rPrDefault><w:rPr>{f}<w:sz w:val="{table}"/><w:szCs w:val="{table}"/>'
            '<w:lang w:val="id-ID"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            '</w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
            '</w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
            '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
            + pstyle("Kepala", "Lampiran Kepala", "", f'<w:sz w:val="{body}"/><w:szCs w:val="{body}"/>')
            + pstyle("Judul", "Lampiran Judul", '<w:keepNext/><w:jc w:val="center"/>',
                     f'<w:b/><w:bCs/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/>')
            + pstyle("Tandatangan", "Lampiran Tanda Tangan", '<w:keepNext/><w:keepLines/><w:jc w:val="center"/>',
                     f'<w:sz w:val="{body}"/><w:szCs w:val="{body}"/>')
            + pstyle("Pemisah", "Lampiran Pemisah", '<w:spacing w:after="0" w:line="160" w:lineRule="exact"/>',
                     '<w:sz w:val="8"/><w:szCs w:val="8"/>')
            + pstyle("Footer", "footer", '<w:jc w:val="center"/>', '<w:sz w:val="18"/><w:szCs w:val="18"/>')
            + pstyle("Header", "header", "", "")
            + '</w:styles>')


def _footer() -> str:
    def fld(instr):
        return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} '
                '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (_DECL + f'<w:ftr {_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">Halaman </w:t></w:r>' + fld("PAGE") +
            '<w:r><w:t xml:space="preserve"> dari </w:t></w:r>' + fld("NUMPAGES") + '</w:p></w:ftr>')


def _page_header(marking: str | None, watermark: str | None) -> str:
    """The page header: the marking line of an internal copy (every page) and Word's own diagonal
    text watermark (VML text path), which LibreOffice reads too."""
    body = ""
    if marking:
        size = round(MARKING_PT * 2)
        body += (f'<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/>'
                 f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">{_x(marking)}</w:t>'
                 '</w:r></w:p>')
    if watermark:
        body += _watermark_para(watermark)
    return _DECL + f'<w:hdr {_NS}>{body or "<w:p/>"}</w:hdr>'


def _watermark_para(text: str) -> str:
    width = max(200, min(700, 38 * len(text)))
    return ('<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict>'
            '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
            'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>'
            '<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
            '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
            '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>'
            '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
            'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
            '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
            '</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
            '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" '
            f'style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{width // 5}pt;'
            'rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
            'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
            'fillcolor="#d0d0d0" stroked="f"><v:fill opacity=".5"/>'
            f'<v:textpath style="font-family:&quot;{FONT_NAME}&quot;;font-size:1pt" string="{_xa(text)}"/>'
            '</v:shape></w:pict></w:r></w:p>')


# --- document.xml pieces ---------------------------------------------------------------------------

class _Layout:
    def __init__(self, header: AnnexHeader):
        pw, ph = page_size_mm(header.paper)
        self.page_w, self.page_h = _tw(pw), _tw(ph)
        self.ml, self.mr = _tw(MARGIN_MM["left"]), _tw(MARGIN_MM["right"])
        self.mt, self.mb = _tw(MARGIN_MM["top"]), _tw(MARGIN_MM["bottom"])
        self.usable = self.page_w - self.ml - self.mr
        columns = header.columns
        cols = [_tw(w) for w in column_widths_mm(header.paper, columns)]
        cols[-1] += self.usable - sum(cols)  # exact total
        self.cols = cols
        self.block_x = round(self.usable * (1 - SIGNATURE_BLOCK_FRACTION))  # header/signature block start
        centred = [c.centred for c in columns]
        names = [c.heading(header.mask_nik) for c in columns]

        cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p>{ppr}<w:r><w:t>%s</w:t></w:r></w:p></w:tc>'
        centre = '<w:pPr><w:jc w:val="center"/></w:pPr>'
        self.row_tpl = ('<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                        + "".join(cell.format(w=w, ppr=centre if c else "") for w, c in zip(cols, centred))
                        + "</w:tr>")
        borders = "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                          for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
        head_cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>'
            f'<w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>{_x(name)}</w:t>'
            '</w:r></w:p></w:tc>' for w, name in zip(cols, names))
        num_cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:keepNext/><w:jc w:val="center"/>'
            f'</w:pPr><w:r><w:rPr><w:i/><w:iCs/><w:sz w:val="14"/></w:rPr><w:t>{i}</w:t></w:r></w:p></w:tc>'
            for i, w in enumerate(cols, 1))
        self.table_open = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{self.usable}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="17" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
            '<w:bottom w:w="17" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head_cells}</w:tr>'
            f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{num_cells}</w:tr>')

    def banner(self, text: str) -> str:
        """A konsep's boxed line at the top of the first page."""
        bdr = "".join(f'<w:{b} w:val="single" w:sz="8" w:space="3" w:color="555555"/>'
                      for b in ("top", "left", "bottom", "right"))
        return (f'<w:p><w:pPr><w:pStyle w:val="Kepala"/><w:pBdr>{bdr}</w:pBdr><w:spacing w:after="200"/>'
                f'<w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr>'
                f'<w:t xml:space="preserve">{_x(clean(text))}</w:t></w:r></w:p>')

    def span_row(self, text: str, jc: str = "left", keep_next: bool = False) -> str:
        kn = "<w:keepNext/>" if keep_next else ""
        return (f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{self.usable}" w:type="dxa"/>'
                f'<w:gridSpan w:val="{len(self.cols)}"/></w:tcPr><w:p><w:pPr>{kn}<w:jc w:val="{jc}"/></w:pPr>'
                f'<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>{_x(text)}</w:t></w:r></w:p></w:tc></w:tr>')

    def header_block(self, lines: list[str]) -> str:
        """Top right; 'LABEL : value' lines as label, aligned colon, value with a hanging indent."""
        labelled = [split_label(clean(s)) for s in lines]
        label_w = _tw(label_width_mm(lv[0] for lv in labelled if lv))
        colon_w = _tw(COLON_MM)
        out = []
        for raw, lv in zip(lines, labelled):
            if lv is None:
                out.append(f'<w:p><w:pPr><w:pStyle w:val="Kepala"/><w:ind w:left="{self.block_x}"/></w:pPr>'
                           f'<w:r><w:t xml:space="preserve">{_x(clean(raw))}</w:t></w:r></w:p>')
            else:
                left = self.block_x + label_w + colon_w
                out.append(f'<w:p><w:pPr><w:pStyle w:val="Kepala"/><w:tabs><w:tab w:val="left" '
                           f'w:pos="{self.block_x + label_w}"/></w:tabs><w:ind w:left="{left}" '
                           f'w:hanging="{label_w + colon_w}"/></w:pPr>'
                           f'<w:r><w:t>{_x(lv[0])}</w:t></w:r><w:r><w:tab/><w:t>:</w:t></w:r>'
                           f'<w:r><w:tab/><w:t>{_x(lv[1])}</w:t></w:r></w:p>')
        return "".join(out)

    def title(self, lines: list[str]) -> str:
        out = ['<w:p><w:pPr><w:pStyle w:val="Kepala"/></w:pPr></w:p>']
        for i, s in enumerate(lines):
            after = '<w:spacing w:after="240"/>' if i == len(lines) - 1 else ""
            out.append(f'<w:p><w:pPr><w:pStyle w:val="Judul"/>{after}</w:pPr>'
                       f'<w:r><w:t xml:space="preserve">{_x(clean(s))}</w:t></w:r></w:p>')
        return "".join(out)

    def signature(self, lines: list[str]) -> str:
        last = max((i for i, s in enumerate(lines) if clean(s)), default=-1)
        out = ['<w:p><w:pPr><w:pStyle w:val="Tandatangan"/></w:pPr></w:p>'] * 2
        for i, s in enumerate(lines):
            rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if i == last else ""
            out.append(f'<w:p><w:pPr><w:pStyle w:val="Tandatangan"/><w:ind w:left="{self.block_x}" w:right="0"/>'
                       f'</w:pPr><w:r>{rpr}<w:t xml:space="preserve">{_x(clean(s))}</w:t></w:r></w:p>')
        return "".join(out)

    def sect(self, has_header: bool) -> str:
        hdr = '<w:headerReference w:type="default" r:id="rId5"/>' if has_header else ""
        return (f'<w:sectPr>{hdr}<w:footerReference w:type="default" r:id="rId4"/>'
                f'<w:pgSz w:w="{self.page_w}" w:h="{self.page_h}" w:orient="landscape"/>'
                f'<w:pgMar w:top="{self.mt}" w:right="{self.mr}" w:bottom="{self.mb}" w:left="{self.ml}" '
                f'w:header="{_tw(FOOTER_MM)}" w:footer="{_tw(FOOTER_MM)}" w:gutter="0"/></w:sectPr>')


_SEPARATOR = '<w:p><w:pPr><w:pStyle w:val="Pemisah"/></w:pPr></w:p>'


def _has_page_header(header: AnnexHeader) -> bool:
    return bool((header.watermark and clean(header.watermark)) or (header.marking and clean(header.marking)))


def _document_chunks(header: AnnexHeader, groups: Iterable[AnnexGroup], tally: Tally):
    """document.xml as a stream of str pieces."""
    lay = _Layout(header)
    yield _DECL + f'<w:document {_NS}><w:body>'
    if header.banner and clean(header.banner):
        yield lay.banner(header.banner)
    yield lay.header_block(header.lines)
    yield lay.title(header.title)
    row_tpl = lay.row_tpl
    buf: list[str] = []
    in_table = False
    for ev in walk(groups, header.mask_nik, tally, header.columns):
        kind = ev[0]
        if kind == ROW:
            cells = ev[1]
            for i, c in enumerate(cells):
                if "&" in c or "<" in c or ">" in c:
                    cells[i] = _x(c)
            buf.append(row_tpl % tuple(cells))
            if len(buf) >= _CHUNK_ROWS:
                yield "".join(buf)
                buf.clear()
        elif kind == GROUP:
            if in_table:
                buf.append("</w:tbl>" + _SEPARATOR)
            buf.append(lay.table_open)
            buf.append(lay.span_row(ev[3], keep_next=True))
            in_table = True
        elif kind in (SUB_KELURAHAN, SUB_KECAMATAN, TOTAL):
            buf.append(lay.span_row(ev[1], jc="right"))
    buf.append("</w:tbl>")
    yield "".join(buf)
    yield lay.signature(header.signature)
    yield lay.sect(_has_page_header(header)) + "</w:body></w:document>"


# --- the zip ---------------------------------------------------------------------------------------

def _info(name: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi._compresslevel = _COMPRESSLEVEL  # honoured by ZipFile.open(zinfo, "w")
    zi.create_system = 3
    zi.external_attr = 0o644 << 16
    return zi


def write_annex_docx(path: str | os.PathLike, header: AnnexHeader, groups: Iterable[AnnexGroup]) -> AnnexResult:
    """Write the Lampiran as DOCX at `path` (atomically: a temp file renamed into place).

    Returns the counts written (`pages` is None: Word paginates). Raises ValueError when the groups
    are empty or not grouped by kecamatan then kelurahan (see `rentan.render.annex.walk`).
    """
    tally = Tally()
    has_header = _has_page_header(header)
    title = " ".join(clean(s) for s in header.title) or "Lampiran"
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
            zf.writestr(_info("[Content_Types].xml"), _content_types(has_header))
            zf.writestr(_info("_rels/.rels"), _ROOT_RELS)
            zf.writestr(_info("docProps/core.xml"), _core(title))
            zf.writestr(_info("docProps/app.xml"), _APP)
            zf.writestr(_info("word/_rels/document.xml.rels"), _doc_rels(has_header))
            zf.writestr(_info("word/styles.xml"), _styles())
            zf.writestr(_info("word/settings.xml"), _SETTINGS)
            zf.writestr(_info("word/fontTable.xml"), _FONTS)
            zf.writestr(_info("word/footer1.xml"), _footer())
            if has_header:
                zf.writestr(_info("word/header1.xml"), _page_header(
                    clean(header.marking) if header.marking else None,
                    clean(header.watermark) if header.watermark else None))
            with zf.open(_info("word/document.xml"), "w") as out:
                for piece in _document_chunks(header, groups, tally):
                    out.write(piece.encode("utf-8"))
    return tally.result(None)
