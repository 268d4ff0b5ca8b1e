"""Assembly through pypdf: merge the parts of a document (letter, recap, annex), continuous page
labels, document metadata (title, author = issuing office, subject), a "KONSEP" watermark on
drafts; content streams re-compressed after stamping; deterministic /ID and dates."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from rentan.atomic import atomic_path


def _watermark_page(text: str, width: float, height: float):
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1)
    c.setFillColor(Color(0.55, 0.55, 0.55, alpha=0.25))
    c.setFont("Helvetica-Bold", min(width, height) / 5)
    c.translate(width / 2, height / 2)
    c.rotate(55)
    c.drawCentredString(0, -min(width, height) / 15, text)
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue())).pages[0]


def pdf_date(when: dt.date) -> str:
    return f"D:{when.strftime('%Y%m%d')}000000+08'00'"


def assemble(parts: Sequence[str | Path], target: str | Path, *, title: str, author: str, subject: str = "",
             when: dt.date, watermark: str | None = None,
             labels: Sequence[tuple[int, str]] = ()) -> int:
    """Merge `parts` into `target`; returns the page count. `labels`: (first page index, prefix)
    pairs, e.g. [(0, ""), (2, "Lampiran-")] so the annex pages read Lampiran-1, Lampiran-2…"""
    writer = PdfWriter()
    digest = hashlib.sha256()
    for part in parts:
        data = Path(part).read_bytes()
        digest.update(data)
        writer.append(PdfReader(io.BytesIO(data)))
    marks: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        if watermark:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if size not in marks:
                marks[size] = _watermark_page(watermark, *size)
            page.merge_page(marks[size])
        page.compress_content_streams()  # pypdf leaves merged streams inflated
    for k, (start, prefix) in enumerate(labels):
        end = labels[k + 1][0] - 1 if k + 1 < len(labels) else len(writer.pages) - 1
        writer.set_page_label(start, end, style="/D", prefix=prefix or None)
    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": subject, "/Creator": "rentan",
                         "/Producer": "rentan (pypdf)", "/CreationDate": pdf_date(when), "/ModDate": pdf_date(when)})
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    ident = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([ident, ident])  # deterministic file identifier (pypdf leaves none)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as f:
            writer.write(f)
    return len(writer.pages)


def page_count(path: str | Path) -> int:
    return len(PdfReader(str(path)).pages)



