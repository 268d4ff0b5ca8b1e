"""The consolidated act as a DOCX with real Word tracked changes (w:ins / w:del) against the act
it amends, so that a reviewer can accept or reject each change in Word or LibreOffice.

The document is built with python-docx; the revision marks are inserted with lxml:

- paragraphs the amendment adds are inserted whole (runs in <w:ins>, paragraph mark inserted);
- paragraphs it removes are deleted whole (runs in <w:del> with <w:delText>, mark deleted);
- a paragraph that changes in place (same kind and number, e.g. "5. Dinas adalah …") keeps its
  number and shows the changed words as a deletion followed by an insertion.

Pages are numbered "- 2 -" at the top centre from the second page, as produk hukum are; a draft
(`tanda`, "RANCANGAN") says so at the top of every page. Headings (BAB, its title, Pasal) and the
signature blocks are kept with what follows them, so no heading stands alone at a page foot.

Every revision has a unique w:id, the author, and the date of the amendment (`Amendment.tanggal`),
and the zip entries carry fixed timestamps, so the same input gives a byte-identical file.

`accepted_text` / `rejected_text` read such a file back from its XML and return its paragraphs
with every change accepted or rejected — what Word shows after "Accept All" / "Reject All".
Labels and captions are separated by tabs in the DOCX; read back, a tab is one space, which is
how `Block.text` joins them.
"""
from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from rentan.atomic import atomic_path
from rentan.legal.act import Act, act_blocks
from rentan.legal.amendment import Amendment, apply
from rentan.legal.blocks import Block

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Bookman Old Style"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
WHOLE_REPLACE_BELOW = 0.5   # a changed paragraph less similar than this is shown as one del + one ins


# --- paragraph alignment (pure) -----------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphChange:
    op: str                 # equal | insert | delete | change
    old: Block | None
    new: Block | None


def _key(b: Block) -> tuple:
    return (b.kind, b.label, b.head, b.level)


def align_paragraphs(old: Sequence[Block], new: Sequence[Block]) -> list[ParagraphChange]:
    """Pair the paragraphs of two texts: equal text, whole insertions and deletions, and changes in
    place (same kind, label and level)."""
    out: list[ParagraphChange] = []
    sm = difflib.SequenceMatcher(None, [b.text for b in old], [b.text for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(ParagraphChange("equal", o, n) for o, n in zip(old[i1:i2], new[j1:j2]))
        elif tag == "delete":
            out.extend(ParagraphChange("delete", o, None) for o in old[i1:i2])
        elif tag == "insert":
            out.extend(ParagraphChange("insert", None, n) for n in new[j1:j2])
        else:
            a, b = old[i1:i2], new[j1:j2]
            inner = difflib.SequenceMatcher(None, [_key(x) for x in a], [_key(x) for x in b], autojunk=False)
            for t, k1, k2, l1, l2 in inner.get_opcodes():
                if t == "equal":
                    out.extend(ParagraphChange("change", o, n) for o, n in zip(a[k1:k2], b[l1:l2]))
                else:
                    out.extend(ParagraphChange("delete", o, None) for o in a[k1:k2])
                    out.extend(ParagraphChange("insert", None, n) for n in b[l1:l2])
    return out


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """[(equal|delete|insert, text)] turning `old` into `new` word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.ratio() < WHOLE_REPLACE_BELOW:
        return [("delete", old), ("insert", new)]
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(b[j1:j2])))
    return out


# --- writing ------------------------------------------------------------------------------------


class _Revisions:
    def __init__(self, author: str, date: dt.datetime):
        self.author = author
        self.date = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1

    def mark(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def _run(text: str, deleted: bool = False):
    r = OxmlElement("w:r")
    for k, part in enumerate(text.split("\t")):
        if k:
            r.append(OxmlElement("w:tab"))
        if part:
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = part
            r.append(t)
    return r


def _prefix(b: Block) -> str:
    """Caption and label before the body, tab-separated (read back as single spaces)."""
    parts = []
    if b.head:
        parts += [b.head, ":"]
    if b.label:
        parts.append(b.label)
    return "\t".join(parts) + ("\t" if parts and b.body else "")


KEEP_WITH_NEXT = frozenset({"kop", "judul", "pembukaan", "jabatan", "memutuskan", "bab", "bab_judul", "pasal"})


def _format(paragraph, b: Block) -> None:
    pf = paragraph.paragraph_format
    pf.space_after = Pt(6)
    if b.kind in KEEP_WITH_NEXT or (b.kind == "penutup" and b.role != "nama"):
        pf.keep_with_next = True
    if b.align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if b.align == "justify" else WD_ALIGN_PARAGRAPH.LEFT
    if b.kind in ("menimbang", "mengingat"):
        pf.left_indent = Cm(4.5)
        if b.head:
            pf.first_line_indent = Cm(-4.5)
            for pos in (3.0, 3.5, 4.5):
                pf.tab_stops.add_tab_stop(Cm(pos))
        else:
            pf.first_line_indent = Cm(-1.0)
            pf.tab_stops.add_tab_stop(Cm(4.5))
    elif b.kind == "menetapkan":
        pf.left_indent = Cm(3.5)
        pf.first_line_indent = Cm(-3.5)
        for pos in (3.0, 3.5):
            pf.tab_stops.add_tab_stop(Cm(pos))
    elif b.kind in ("ayat", "instruksi"):
        pf.left_indent = Cm(1.0)
        pf.first_line_indent = Cm(-1.0)
    elif b.kind == "butir":
        pf.left_indent = Cm(1.0 + b.level * 1.0)
        pf.first_line_indent = Cm(-1.0)
    elif b.kind == "penutup":
        pf.left_indent = Cm(8.0)
        pf.space_after = Pt(0)


def _pPr(paragraph):
    return paragraph._p.get_or_add_pPr()


def _mark_paragraph(paragraph, mark) -> None:
    rpr = OxmlElement("w:rPr")
    rpr.append(mark)
    _pPr(paragraph).append(rpr)


def _write_paragraph(doc, change: ParagraphChange, rev: _Revisions) -> None:
    b = change.new if change.new is not None else change.old
    p = doc.add_paragraph()
    _format(p, b)
    el = p._p
    if change.op == "equal":
        el.append(_run(_prefix(b) + b.body))
    elif change.op == "insert":
        ins = rev.mark("w:ins")
        ins.append(_run(_prefix(b) + b.body))
        el.append(ins)
        _mark_paragraph(p, rev.mark("w:ins"))
    elif change.op == "delete":
        d = rev.mark("w:del")
        d.append(_run(_prefix(b) + b.body, deleted=True))
        el.append(d)
        _mark_paragraph(p, rev.mark("w:del"))
    else:
        prefix = _prefix(b)
        if prefix:
            el.append(_run(prefix))
        for tag, text in diff_words(change.old.body, change.new.body):
            if tag == "equal":
                el.append(_run(text))
            elif tag == "delete":
                d = rev.mark("w:del")
                d.append(_run(text, deleted=True))
                el.append(d)
            else:
                ins = rev.mark("w:ins")
                ins.append(_run(text))
                el.append(ins)


def _settings_track_revisions(doc) -> None:
    """Turn on "Track Changes" so that the reviewer's own edits are tracked too."""
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    track = OxmlElement("w:trackRevisions")
    anchor = settings.find(qn("w:defaultTabStop"))
    if anchor is not None:
        anchor.addprevious(track)
    else:
        settings.insert(0, track)


def _field(run, instr: str) -> None:
    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _page_headers(section, tanda: str | None) -> None:
    """"- n -" at the top centre from the second page; `tanda` above it on every page."""
    section.different_first_page_header_footer = True
    for header, number in ((section.first_page_header, False), (section.header, True)):
        header.is_linked_to_previous = False
        first = header.paragraphs[0]
        if tanda:
            first.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = first.add_run(tanda)
            r.bold, r.font.size = True, Pt(10)
        if number:
            p = header.add_paragraph() if tanda else first
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run("- ")
            _field(p.add_run(), "PAGE")
            p.add_run(" -")


def _deterministic_zip(data: bytes, when: dt.datetime) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def tracked_changes_docx(old: Sequence[Block], new: Sequence[Block], *, author: str, date: dt.date,
                         title: str = "", tanda: str | None = None) -> bytes:
    """A DOCX (as bytes) showing `new` with tracked changes against `old`."""
    when = dt.datetime(date.year, date.month, date.day)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.line_spacing = Pt(14.4)  # 1.2 lines, as the PDF faces of the package
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.5), Cm(33.0)   # F4, as produk hukum daerah
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    _page_headers(section, tanda)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = author
    cp.created = cp.modified = when
    cp.revision = 1
    cp.title = title
    cp.comments = ""
    _settings_track_revisions(doc)

    rev = _Revisions(author, when)
    for change in align_paragraphs(old, new):
        _write_paragraph(doc, change, rev)
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue(), when)


def write_tracked_changes(base: Act, amendment: Amendment, path: str | Path, *, author: str | None = None,
                          tanda: str | None = None) -> Path:
    """Write the consolidated act with tracked changes against `base`; returns the path. Raises
    `AmendmentError` when an operation cannot apply. `tanda` ("RANCANGAN") heads every page."""
    consolidated = apply(base, amendment, annotate=False)
    date = amendment.tanggal or amendment.mulai_berlaku or dt.date(base.tahun or 1980, 1, 1)
    data = tracked_changes_docx(
        act_blocks(base), act_blocks(consolidated),
        author=author or amendment.penyusun or "rentan", date=date,
        title=f"{base.judul_singkat} (naskah terpadu dengan perubahan terlacak)", tanda=tanda)
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


# --- reading back -------------------------------------------------------------------------------


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _paragraph_text(p, accept: bool) -> str:
    out: list[str] = []

    def walk(el, in_ins: bool, in_del: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == _w("pPr"):
                continue
            ins = in_ins or tag == _w("ins")
            dele = in_del or tag == _w("del")
            keep = not dele if accept else not ins
            if tag == _w("t") and keep:
                out.append(child.text or "")
            elif tag == _w("delText") and keep:
                out.append(child.text or "")
            elif tag == _w("tab") and keep:
                out.append(" ")
            else:
                walk(child, ins, dele)

    walk(p, False, False)
    return "".join(out)


def _read(path: str | Path, accept: bool) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(_w("body"))
    out: list[str] = []
    carry = ""
    for p in body.iter(_w("p")):
        text = carry + _paragraph_text(p, accept)
        mark = p.find(f"{_w('pPr')}/{_w('rPr')}")
        removed = mark is not None and mark.find(_w("del" if accept else "ins")) is not None
        if removed:
            carry = text     # the paragraph mark goes: this text joins the next paragraph
            continue
        out.append(text)
        carry = ""
    if carry:
        out.append(carry)
    return out


def accepted_text(path: str | Path) -> list[str]:
    """The paragraphs with every tracked change accepted."""
    return _read(path, accept=True)


def rejected_text(path: str | Path) -> list[str]:
    """The paragraphs with every tracked change rejected."""
    return _read(path, accept=False)


def revision_count(path: str | Path) -> dict[str, int]:
    """How many w:ins and w:del marks the document holds (paragraph marks included)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return {"ins": len(root.findall(f".//{_w('ins')}")), "del": len(root.findall(f".//{_w('del')}"))}
