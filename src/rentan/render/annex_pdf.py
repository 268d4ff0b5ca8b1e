"""The Lampiran as PDF, drawn straight onto one ReportLab canvas.

Why not platypus Tables in chunks: a table is the simplest shape there is (fixed columns, rows of
one or a few lines), so this module lays it out itself in two linear passes — (1) measure every row
(line wrapping with the font's metrics only where a text could be too wide) and break pages; (2) draw
each page: the header block on the first, the table header on every page and at every kelurahan,
grid lines as one path per page, the text as one text object per page, "Halaman X dari Y" (the
total is known after pass 1, so no stamping and no pypdf merge are needed), the signature block at
the end, an optional diagonal watermark under the text. Cost and memory grow linearly with rows
(70,000 rows: about 6.5 s here, 5 s with the rl-accel package; one-story LongTable 158 s, WeasyPrint ~500 s — DESIGN.md).

The font is TeX Gyre Bonum (a free Bookman), converted once from OpenType/CFF to TrueType with
fontTools (ReportLab embeds only TrueType) and cached; DejaVu Serif is the fallback. Output is
deterministic: ReportLab's invariant mode (fixed dates and document ID) and a deterministic font
conversion, so the same input gives byte-identical files.
"""
from __future__ import annotations

import hashlib
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from reportlab import rl_config
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from rentan.atomic import atomic_path
from rentan.render.annex import (
    BODY_PT, COLON_MM, FOOTER_MM, GROUP, MARGIN_MM, MARKING_MM, MARKING_PT, MM, ROW, SIGNATURE_BLOCK_FRACTION,
    TABLE_PT, AnnexGroup, AnnexHeader, AnnexResult, Tally, clean, column_widths_mm, label_width_mm,
    page_size_mm, split_label, walk)

__all__ = ["write_annex_pdf", "annex_fonts", "AnnexFonts"]

# --- fonts ----------------------------------------------------------------------------------------

BONUM_DIRS = [
    Path("/usr/share/texmf/fonts/opentype/public/tex-gyre"),  # Debian/Ubuntu fonts-texgyre
    Path("/usr/share/fonts/opentype/tex-gyre"),
    Path("/usr/share/fonts/texgyre"),
    Path("/usr/share/fonts/tex-gyre"),
]
BONUM_FILES = {"regular": "texgyrebonum-regular.otf", "bold": "texgyrebonum-bold.otf",
               "italic": "texgyrebonum-italic.otf"}
DEJAVU_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
               Path("/usr/share/fonts/TTF")]
DEJAVU_FILES = {"regular": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf", "italic": "DejaVuSerif-Italic.ttf"}


@dataclass(frozen=True)
class AnnexFonts:
    regular: str  # ReportLab font names, registered
    bold: str
    italic: str
    family: str   # "TeX Gyre Bonum" or "DejaVu Serif"
    bold_path: str = ""  # the TrueType file of the bold face (watermark outlines)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rentan" / "fonts"


def _otf_to_ttf(src: Path, dst: Path) -> None:
    """OpenType/CFF -> TrueType (quadratic outlines), as fontTools' otf2ttf snippet does.
    Deterministic: no timestamp is recomputed."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FTFont, newTable

    font = FTFont(str(src), recalcTimestamp=False)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError(f"{src} is not an OpenType/CFF font")
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    with atomic_path(dst) as tmp:
        font.save(str(tmp))  # recomputes maxp and bounding boxes from the glyphs


def _converted(src: Path, cache_dir: Path) -> Path:
    import fontTools

    digest = hashlib.sha256(src.read_bytes()).hexdigest()[:16]
    dst = cache_dir / f"{src.stem}-{digest}-ft{fontTools.version}.ttf"
    if not dst.exists():
        _otf_to_ttf(src, dst)
    return dst


def _register(name: str, path: Path) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _writable(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        return os.access(d, os.W_OK)
    except OSError:
        return False


def annex_fonts(cache_dir: str | os.PathLike | None = None) -> AnnexFonts:
    """TeX Gyre Bonum as TrueType (converted once into `cache_dir`, default ~/.cache/rentan/fonts or a
    temp folder), registered with ReportLab; DejaVu Serif when Bonum or fontTools is missing."""
    bonum_dir = next((d for d in BONUM_DIRS if (d / BONUM_FILES["regular"]).is_file()), None)
    if bonum_dir is not None:
        cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        if cache_dir is None and not _writable(cache):
            cache = Path(tempfile.gettempdir()) / f"rentan-fonts-{os.getuid()}"
        try:
            paths = {k: _converted(bonum_dir / f, cache) for k, f in BONUM_FILES.items()}
        except ImportError:
            paths = None
        if paths:
            return AnnexFonts(*(_register(f"TeXGyreBonum-{k.title()}", paths[k])
                                for k in ("regular", "bold", "italic")), family="TeX Gyre Bonum",
                              bold_path=str(paths["bold"]))
    dejavu_dir = next((d for d in DEJAVU_DIRS if (d / DEJAVU_FILES["regular"]).is_file()), None)
    if dejavu_dir is None:
        raise RuntimeError("tidak ada font TeX Gyre Bonum (fonts-texgyre) maupun DejaVu Serif (fonts-dejavu)")
    return AnnexFonts(*(_register(f"DejaVuSerif-{k.title()}", dejavu_dir / DEJAVU_FILES[k])
                        for k in ("regular", "bold", "italic")), family="DejaVu Serif",
                      bold_path=str(dejavu_dir / DEJAVU_FILES["bold"]))


# --- geometry -------------------------------------------------------------------------------------

PAD_X = 1.0 * MM       # cell padding left/right
PAD_Y = 1.6            # cell padding top/bottom, pt
LEADING = TABLE_PT * 1.2
BASELINE = PAD_Y + (LEADING - TABLE_PT) / 2 + TABLE_PT * 0.78  # top of cell -> first baseline
ROW_H = LEADING + 2 * PAD_Y
NUM_PT = 7.0           # the row of column numbers under the header
NUM_H = NUM_PT * 1.2 + 2 * PAD_Y
BODY_LEADING = BODY_PT * 1.25
GROUP_GAP = 8.0        # space between two kelurahan tables
LINE_W = 0.5
FOOTER_PT = 9.0


class _Geom:
    def __init__(self, header: AnnexHeader, fonts: AnnexFonts):
        w, h = page_size_mm(header.paper)
        self.page_w, self.page_h = w * MM, h * MM
        self.left = MARGIN_MM["left"] * MM
        self.right = self.page_w - MARGIN_MM["right"] * MM
        self.top = self.page_h - MARGIN_MM["top"] * MM
        self.bottom = MARGIN_MM["bottom"] * MM
        self.usable = self.right - self.left
        self.columns = header.columns
        self.centred = tuple(c.centred for c in header.columns)
        widths = [x * MM for x in column_widths_mm(header.paper, header.columns)]
        self.widths = widths
        xs = [self.left]
        for cw in widths:
            xs.append(xs[-1] + cw)
        xs[-1] = self.right
        self.xs = xs
        self.fonts = fonts
        self.reg = pdfmetrics.getFont(fonts.regular)
        self.bold = pdfmetrics.getFont(fonts.bold)
        # the widest advance of any glyph: a text of at most `safe[i]` characters cannot overflow column i
        widest = max(self.reg.face.charWidths.values()) * TABLE_PT / 1000 if self.reg.face.charWidths else TABLE_PT
        self.inner = [cw - 2 * PAD_X for cw in widths]
        self.safe = [int(iw / widest) for iw in self.inner]
        # the long texts first when looking for a cell that needs wrapping
        self.wrap_order = tuple(sorted(range(len(widths)), key=lambda i: -header.columns[i].weight))
        names = [c.heading(header.mask_nik) for c in header.columns]
        head_lines = [simpleSplit(c, fonts.bold, TABLE_PT, iw) or [""] for c, iw in zip(names, self.inner)]
        self.head_lines = head_lines
        self.head_h = max(len(x) for x in head_lines) * LEADING + 2 * PAD_Y
        self.block_x = self.left + self.usable * (1 - SIGNATURE_BLOCK_FRACTION)

    def wrap(self, text: str, i: int, font_name: str | None = None) -> list[str]:
        """Lines of `text` in column i (word wrap; a word wider than the column is cut by characters)."""
        fn = font_name or self.fonts.regular
        iw = self.inner[i]
        out = []
        for line in simpleSplit(text, fn, TABLE_PT, iw) or [""]:
            while pdfmetrics.stringWidth(line, fn, TABLE_PT) > iw and len(line) > 1:
                k = len(line) - 1
                while k > 1 and pdfmetrics.stringWidth(line[:k], fn, TABLE_PT) > iw:
                    k -= 1
                out.append(line[:k])
                line = line[k:]
            out.append(line)
        return out

    def span_lines(self, text: str) -> list[str]:
        return simpleSplit(text, self.fonts.bold, TABLE_PT, self.usable - 2 * PAD_X) or [""]


# --- pass 1: measure and paginate ----------------------------------------------------------------

# page items: ("H", y) table header | ("S", y, h, lines, align) bold row across all columns |
#             ("R", y, cells) one-line row | ("W", y, h, lines per cell) wrapped row | ("E", y) table ends
_H, _S, _R, _W, _E = "H", "S", "R", "W", "E"


BANNER_PAD = 3.0  # pt, inside the konsep banner's box


def _first_page_blocks(header: AnnexHeader, g: _Geom):
    """The konsep banner, the header block and the title on page 1: (texts to draw, boxes to stroke,
    y where the table may start)."""
    items = []
    boxes = []
    y = g.top
    if header.banner and clean(header.banner):
        lines = simpleSplit(clean(header.banner), g.fonts.bold, BODY_PT, g.usable - 4 * BANNER_PAD) or [""]
        h = len(lines) * BODY_LEADING + 2 * BANNER_PAD
        boxes.append((g.left, y - h, g.usable, h))
        yb = y - BANNER_PAD
        for line in lines:
            yb -= BODY_LEADING
            w = pdfmetrics.stringWidth(line, g.fonts.bold, BODY_PT)
            items.append((g.left + (g.usable - w) / 2, yb + BODY_LEADING * 0.2, line, g.fonts.bold))
        y -= h + BODY_LEADING * 0.5
    labelled = [split_label(clean(s)) for s in header.lines]
    label_w = label_width_mm(lv[0] for lv in labelled if lv) * MM
    colon_w = COLON_MM * MM
    value_x = g.block_x + label_w + colon_w
    for raw, lv in zip(header.lines, labelled):
        if lv is None:
            for line in simpleSplit(clean(raw), g.fonts.regular, BODY_PT, g.right - g.block_x) or [""]:
                y -= BODY_LEADING
                items.append((g.block_x, y, line, g.fonts.regular))
        else:
            y -= BODY_LEADING
            items.append((g.block_x, y, lv[0], g.fonts.regular))
            items.append((g.block_x + label_w, y, ":", g.fonts.regular))
            for k, line in enumerate(simpleSplit(lv[1], g.fonts.regular, BODY_PT, g.right - value_x) or [""]):
                if k:
                    y -= BODY_LEADING
                items.append((value_x, y, line, g.fonts.regular))
    if header.title:
        y -= BODY_LEADING  # blank line
    for s in header.title:
        for line in simpleSplit(clean(s), g.fonts.bold, BODY_PT, g.usable) or [""]:
            y -= BODY_LEADING
            w = pdfmetrics.stringWidth(line, g.fonts.bold, BODY_PT)
            items.append((g.left + (g.usable - w) / 2, y, line, g.fonts.bold))
    y -= BODY_LEADING * 0.8
    return items, boxes, y


def _paginate(header: AnnexHeader, groups: Iterable[AnnexGroup], g: _Geom, tally: Tally):
    """Yields pages as lists of items; the first page's header block is added by the drawer."""
    first_items, first_boxes, y0 = _first_page_blocks(header, g)
    page: list = []
    y = y0
    bottom = g.bottom
    head_h = g.head_h + NUM_H
    safe = g.safe
    reg = g.reg
    inner = g.inner
    wrap = g.wrap
    in_table = False
    pages = []

    def new_page(repeat_header: bool):
        nonlocal page, y
        if in_table and page:
            page.append((_E, y))
        pages.append(page)
        page = []
        y = g.top
        if repeat_header:
            page.append((_H, y))
            y -= head_h

    order = g.wrap_order
    for ev in walk(groups, header.mask_nik, tally, header.columns):
        kind = ev[0]
        if kind == ROW:
            cells = ev[1]
            wrapped = None
            for i in order:  # the long texts first
                c = cells[i]
                if len(c) > safe[i] and reg.stringWidth(c, TABLE_PT) > inner[i]:
                    wrapped = [wrap(c, j) if len(c) > safe[j] else [c] for j, c in enumerate(cells)]
                    break
            h = ROW_H if wrapped is None else max(len(x) for x in wrapped) * LEADING + 2 * PAD_Y
            if y - h < bottom:
                new_page(True)
            if wrapped is None:
                page.append((_R, y, cells))
            else:
                page.append((_W, y, h, wrapped))
            y -= h
        elif kind == GROUP:
            lines = g.span_lines(ev[3])
            h = len(lines) * LEADING + 2 * PAD_Y
            if in_table:
                page.append((_E, y))
                y -= GROUP_GAP
            in_table = True
            # keep the table header and the heading with at least one row
            if y - head_h - h - ROW_H < bottom:
                in_table = False
                new_page(False)
                in_table = True
            page.append((_H, y))
            y -= head_h
            page.append((_S, y, h, lines, "left"))
            y -= h
        else:  # subtotals and the grand total
            lines = g.span_lines(ev[1])
            h = len(lines) * LEADING + 2 * PAD_Y
            if y - h < bottom:
                new_page(True)
            page.append((_S, y, h, lines, "right"))
            y -= h
    page.append((_E, y))
    in_table = False
    # the signature block, kept together
    sig = [clean(s) for s in header.signature]
    if sig:
        need = BODY_LEADING * (len(sig) + 2)
        if y - need < bottom:
            pages.append(page)
            page = []
            y = g.top
        page.append(("SIG", y - 2 * BODY_LEADING, sig))
    pages.append(page)
    return (first_items, first_boxes), pages


# --- pass 2: draw ---------------------------------------------------------------------------------

_WATERMARK_FORM = "AnnexWatermark"


def _define_watermark(c: Canvas, g: _Geom, text: str) -> None:
    """The watermark as a form XObject drawn once and placed on every page: the letters as filled
    outlines (from the bold face), light grey, along the page diagonal. Outlines rather than text, so
    that text extraction and search see the annex and not stray watermark letters."""
    from fontTools.pens.basePen import BasePen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont as FTFont

    ft = FTFont(g.fonts.bold_path, lazy=True)
    cmap = ft.getBestCmap()
    glyphs = ft.getGlyphSet()
    upem = ft["head"].unitsPerEm
    path = c.beginPath()

    class Pen(BasePen):
        def _moveTo(self, pt):
            path.moveTo(*pt)

        def _lineTo(self, pt):
            path.lineTo(*pt)

        def _curveToOne(self, p1, p2, p3):
            path.curveTo(*p1, *p2, *p3)

        def _closePath(self):
            path.close()

    x = 0
    for ch in text:
        gname = cmap.get(ord(ch), ".notdef")
        glyphs[gname].draw(TransformPen(Pen(glyphs), (1, 0, 0, 1, x, 0)))
        x += glyphs[gname].width
    cap = getattr(ft["OS/2"], "sCapHeight", 0) or upem * 0.7
    diag = math.hypot(g.page_w, g.page_h)
    size = min(140.0, diag * 0.55 * upem / max(1, x))  # points per em
    c.beginForm(_WATERMARK_FORM)
    c.saveState()
    c.setFillGray(0.9)
    c.translate(g.page_w / 2, g.page_h / 2)
    c.rotate(math.degrees(math.atan2(g.page_h, g.page_w)))
    c.scale(size / upem, size / upem)
    c.translate(-x / 2, -cap / 2)
    c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    c.restoreState()
    c.endForm()


def _draw_page(c: Canvas, g: _Geom, items: list, first, page_no: int, n_pages: int, watermark: str | None,
               marking: str | None = None):
    fonts = g.fonts
    if watermark:
        c.doForm(_WATERMARK_FORM)  # under the text
    first_items, first_boxes = first or ((), ())

    t = c.beginText()
    cur = None

    def font(name, size=TABLE_PT):
        nonlocal cur
        if cur != (name, size):
            t.setFont(name, size)
            cur = (name, size)

    for x, y, s, fn in first_items:
        font(fn, BODY_PT)
        t.setTextOrigin(x, y)
        t.textOut(s)

    xs = g.xs
    widths = g.widths
    reg = g.reg
    lines: list = []
    L = lines.append
    left, right = g.left, g.right
    seg_top = None      # top of the current table segment (outer verticals)
    run_top = None      # top of the current run of normal rows (inner verticals)
    setorigin = t.setTextOrigin
    out = t.textOut
    centred = g.centred

    def close_run(y):
        nonlocal run_top
        if run_top is not None and run_top > y:
            for xv in xs[1:-1]:
                L((xv, run_top, xv, y))
        run_top = None

    for it in items:
        kind = it[0]
        if kind == _R:
            _, y, cells = it
            if cur is None or cur[0] != fonts.regular or cur[1] != TABLE_PT:
                font(fonts.regular)
            yb = y - BASELINE
            for i, s in enumerate(cells):
                if centred[i]:
                    setorigin(xs[i] + (widths[i] - reg.stringWidth(s, TABLE_PT)) / 2, yb)
                else:
                    setorigin(xs[i] + PAD_X, yb)
                out(s)
            L((left, y - ROW_H, right, y - ROW_H))
            if run_top is None:
                run_top = y
        elif kind == _W:
            _, y, h, cells = it
            font(fonts.regular)
            for i, cell_lines in enumerate(cells):
                yb = y - BASELINE
                for s in cell_lines:
                    if centred[i]:
                        setorigin(xs[i] + (widths[i] - reg.stringWidth(s, TABLE_PT)) / 2, yb)
                    else:
                        setorigin(xs[i] + PAD_X, yb)
                    out(s)
                    yb -= LEADING
            L((left, y - h, right, y - h))
            if run_top is None:
                run_top = y
        elif kind == _S:
            _, y, h, span, align = it
            close_run(y)
            font(fonts.bold)
            yb = y - BASELINE
            for s in span:
                if align == "right":
                    setorigin(right - PAD_X - g.bold.stringWidth(s, TABLE_PT), yb)
                else:
                    setorigin(left + PAD_X, yb)
                out(s)
                yb -= LEADING
            L((left, y - h, right, y - h))
        elif kind == _H:
            _, y = it
            close_run(y)
            seg_top = y
            L((left, y, right, y))
            font(fonts.bold)
            hh = g.head_h
            for i, hl in enumerate(g.head_lines):
                yb = y - hh / 2 + len(hl) * LEADING / 2 - BASELINE + PAD_Y
                for s in hl:
                    setorigin(xs[i] + (widths[i] - g.bold.stringWidth(s, TABLE_PT)) / 2, yb)
                    out(s)
                    yb -= LEADING
            L((left, y - hh, right, y - hh))
            font(fonts.italic, NUM_PT)
            yb = y - hh - PAD_Y - NUM_PT * 0.95
            it_font = pdfmetrics.getFont(fonts.italic)
            for i in range(len(widths)):
                s = str(i + 1)
                setorigin(xs[i] + (widths[i] - it_font.stringWidth(s, NUM_PT)) / 2, yb)
                out(s)
            L((left, y - hh - NUM_H, right, y - hh - NUM_H))
            run_top = y
        elif kind == _E:
            _, y = it
            close_run(y)
            if seg_top is not None:
                L((left, seg_top, left, y))
                L((right, seg_top, right, y))
            seg_top = None
        elif kind == "SIG":
            _, y, sig = it
            last = max((k for k, s in enumerate(sig) if s), default=-1)
            width = right - g.block_x
            for k, s in enumerate(sig):
                fn = fonts.bold if k == last else fonts.regular
                font(fn, BODY_PT)
                setorigin(g.block_x + (width - pdfmetrics.stringWidth(s, fn, BODY_PT)) / 2, y - k * BODY_LEADING)
                out(s)
    if marking:
        font(fonts.bold, MARKING_PT)
        setorigin((g.page_w - pdfmetrics.stringWidth(marking, fonts.bold, MARKING_PT)) / 2,
                  g.page_h - MARKING_MM * MM)
        out(marking)
    # page number
    font(fonts.regular, FOOTER_PT)
    s = f"Halaman {page_no} dari {n_pages}"
    setorigin((g.page_w - pdfmetrics.stringWidth(s, fonts.regular, FOOTER_PT)) / 2, FOOTER_MM * MM)
    out(s)
    c.drawText(t)
    if lines:
        c.setLineWidth(LINE_W)
        c.lines(lines)
    for x, y, w, h in first_boxes:
        c.setLineWidth(1.0)
        c.rect(x, y, w, h, stroke=1, fill=0)


def write_annex_pdf(path: str | os.PathLike, header: AnnexHeader, groups: Iterable[AnnexGroup],
                    cache_dir: str | os.PathLike | None = None) -> AnnexResult:
    """Write the Lampiran as PDF at `path` (atomically). `cache_dir` keeps the converted TrueType font
    (default ~/.cache/rentan/fonts). Returns the counts and the number of pages."""
    fonts = annex_fonts(cache_dir)
    g = _Geom(header, fonts)
    tally = Tally()
    first, pages = _paginate(header, groups, g, tally)
    n = len(pages)
    watermark = clean(header.watermark) if header.watermark else None
    marking = clean(header.marking) if header.marking else None
    title = " ".join(clean(s) for s in header.title) or "Lampiran"
    use_a85 = rl_config.useA85
    with atomic_path(path) as tmp:
        # Flate alone: ASCII85 on top makes the file 25 % bigger and costs seconds in pure Python.
        # ReportLab reads this global when the pages are written, at save(); restored below.
        rl_config.useA85 = 0
        c = Canvas(str(tmp), pagesize=(g.page_w, g.page_h), invariant=1, pageCompression=1,
                   initialFontName=fonts.regular, initialFontSize=TABLE_PT, initialLeading=LEADING)
        c.setTitle(title)
        c.setSubject(" ".join(clean(s) for s in header.lines))
        c.setCreator("rentan")
        from rentan.program import program
        c.setAuthor(header.author or program().daerah.pemerintah)
        if watermark:
            _define_watermark(c, g, watermark)
        for k, items in enumerate(pages):
            _draw_page(c, g, items, first if k == 0 else None, k + 1, n, watermark, marking)
            pages[k] = None  # free as we go
            c.showPage()
        try:
            c.save()
        finally:
            rl_config.useA85 = use_a85
    return tally.result(n)


PARALLEL_ROWS = 20_000  # above this, two copies of a Lampiran are drawn at once (one in a child process)

_CHILD = ("import pickle, sys\n"
          "from rentan.lifeline import watch_parent\n"
          "watch_parent()\n"
          "from rentan.render.annex_pdf import write_annex_pdf\n"
          "with open(sys.argv[1], 'rb') as f: path, header, groups, cache = pickle.load(f)\n"
          "res = write_annex_pdf(path, header, groups, cache_dir=cache)\n"
          "with open(sys.argv[2], 'wb') as f: pickle.dump(res, f)\n")


def write_annex_pdfs(jobs: Sequence[tuple[Path, AnnexHeader]], groups: Sequence[AnnexGroup],
                     cache_dir: str | os.PathLike | None = None) -> list[AnnexResult]:
    """Copies of one Lampiran as PDF — [(path, header)], e.g. the internal and the public copy.
    ReportLab is pure Python (one core per copy): with more than one core and a big annex, the second
    copy is drawn meanwhile by a child Python process (`python -c`, so no caller's __main__ is
    re-imported as multiprocessing's spawn would), which ends itself if this process dies. Its input
    (full NIKs) is an owner-only file beside the output, removed afterwards."""
    import pickle
    import subprocess
    import sys

    rows = sum(len(g.rows) for g in groups)
    if len(jobs) != 2 or rows < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        return [write_annex_pdf(p, h, groups, cache_dir=cache_dir) for p, h in jobs]
    annex_fonts(cache_dir)  # convert the font once, before two processes want it
    (p1, h1), (p2, h2) = jobs
    p2 = Path(p2)
    job, out = p2.with_name(f".{p2.name}.job"), p2.with_name(f".{p2.name}.res")
    fd = os.open(job, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        pickle.dump((str(p2), h2, list(groups), str(cache_dir) if cache_dir else None), f, protocol=5)
    try:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(job), str(out)], stdin=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        from rentan import faults
        faults.point("lampiran")
        try:
            first = write_annex_pdf(p1, h1, groups, cache_dir=cache_dir)
        except BaseException:
            child.kill()
            raise
        finally:
            _, err = child.communicate()
        if child.returncode:
            raise RuntimeError("lampiran PDF kedua gagal dibuat: " + err.decode("utf-8", "replace")[-2000:])
        with open(out, "rb") as f:
            return [first, pickle.load(f)]
    finally:
        job.unlink(missing_ok=True)
        out.unlink(missing_ok=True)
