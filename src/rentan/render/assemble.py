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
from pypdf.generic import ArrayObject, ByteStringObject, DecodedStreamObject, NameObject
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from rentan.atomic import atomic_path


def _watermark_page(text: str, width: float, height: float):
    """A page with `text` drawn diagonally in light grey, in an embedded TrueType face (PDF/A allows
    no unembedded font) and without transparency."""
    from rentan import paths
    from rentan.render.annex_pdf import annex_fonts
    face = annex_fonts(paths.home() / "fonts").bold
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=face)  # no stray Helvetica
    c.setFillColor(Color(0.86, 0.86, 0.86))
    c.setFont(face, min(width, height) / 5)
    c.translate(width / 2, height / 2)
    c.rotate(55)
    c.drawCentredString(0, -min(width, height) / 15, text)
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue())).pages[0]


def pdf_date(when: dt.date) -> str:
    return f"D:{when.strftime('%Y%m%d')}000000+08'00'"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xmp_pdfa3b(*, title: str, author: str, subject: str, when: dt.date) -> bytes:
    """XMP metadata declaring PDF/A-3b, saying what the document Info says (PDF/A demands both agree)."""
    stamp = f"{when.isoformat()}T00:00:00+08:00"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="3" pdfaid:conformance="B"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{_xml(author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(subject)}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="rentan" xmp:CreateDate="{stamp}" xmp:ModifyDate="{stamp}"/>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="rentan (pypdf)"/>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def assemble(parts: Sequence[str | Path], target: str | Path, *, title: str, author: str, subject: str = "",
             when: dt.date, watermark: str | None = None,
             labels: Sequence[tuple[int, str]] = (), pdfa: bool = True) -> int:
    """Merge `parts` into `target`; returns the page count. `labels`: (first page index, prefix)
    pairs, e.g. [(0, ""), (2, "Lampiran-")] so the annex pages read Lampiran-1, Lampiran-2…

    With `pdfa`, the merged file keeps the PDF/A-3b declaration of its WeasyPrint part: pypdf
    drops the catalog's output intent and XMP metadata when merging, so they are carried over
    (the sRGB output intent) and written anew to agree with the document info. Every part must
    embed its fonts (WeasyPrint and the annex renderer do). Not checked by a PDF/A validator here."""
    writer = PdfWriter()
    digest = hashlib.sha256()
    intents = None
    for part in parts:
        data = Path(part).read_bytes()
        digest.update(data)
        reader = PdfReader(io.BytesIO(data))
        if intents is None and "/OutputIntents" in reader.trailer["/Root"]:
            intents = reader.trailer["/Root"]["/OutputIntents"]
        writer.append(reader)
    marks: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        if watermark:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if size not in marks:
                marks[size] = _watermark_page(watermark, *size)
            page.merge_page(marks[size], over=False)  # under the text: opaque grey never hides a word
        page.compress_content_streams()  # pypdf leaves merged streams inflated
    for k, (start, prefix) in enumerate(labels):
        end = labels[k + 1][0] - 1 if k + 1 < len(labels) else len(writer.pages) - 1
        writer.set_page_label(start, end, style="/D", prefix=prefix or None)
    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": subject, "/Creator": "rentan",
                         "/Producer": "rentan (pypdf)", "/CreationDate": pdf_date(when), "/ModDate": pdf_date(when)})
    if pdfa and intents is not None:
        writer._root_object[NameObject("/OutputIntents")] = intents.clone(writer)
        meta = DecodedStreamObject()
        meta.set_data(xmp_pdfa3b(title=title, author=author, subject=subject, when=when))
        meta.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(meta)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    ident = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([ident, ident])  # deterministic file identifier (pypdf leaves none)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as f:
            writer.write(f)
    return len(writer.pages)


def page_count(path: str | Path) -> int:
    return len(PdfReader(str(path)).pages)



