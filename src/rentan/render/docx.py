"""DOCX through docxtpl: templates staff can edit in Word, rendered with autoescaping on and the
Indonesian formats as Jinja filters; files are deterministic (fixed zip timestamps and core
properties derived from the document date) and land atomically."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Mapping

import jinja2
import markupsafe
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from rentan.errors import Refusal
from rentan import idfmt
from rentan.atomic import atomic_path

class TemplateError(Refusal):
    pass


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any) -> Any:
    """Control characters Excel leaves in cells are illegal in XML: drop them before escaping.
    Markup (a macro's or RichText's output) is the template's own and passes unchanged."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return _CONTROL.sub("", value)
    return value


FILTERS = {
    "tanggal": idfmt.tanggal,
    "bulan_tahun": idfmt.bulan_tahun,
    "rupiah": idfmt.rupiah,
    "ribuan": idfmt.ribuan,
    "terbilang": idfmt.terbilang,
    "rupiah_terbilang": idfmt.rupiah_terbilang,
    "angka_kata": idfmt.angka_kata,
    "mask_nik": idfmt.mask_nik,
    "titik": lambda v, n=30: v if v else "." * n,  # a blank setting prints as a dotted line
}


def jinja_env(autoescape: bool = True) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=autoescape, undefined=jinja2.StrictUndefined,
                             finalize=clean_text, trim_blocks=False)
    env.filters.update(FILTERS)
    return env


def zip_time(when: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(when.year, 1980), when.month, when.day, 0, 0, 0)


def normalize_zip(src: Path, dst: Path, when: dt.date) -> None:
    """Rewrite a DOCX/XLSX zip with every entry stamped `when` and a fixed order, so the same
    content gives the same bytes."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=zip_time(when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, zin.read(item.filename))


def render_docx(template: str | Path, context: dict, target: str | Path, *, when: dt.date,
                title: str, author: str, subject: str = "",
                images: Mapping[str, tuple[bytes, float]] | None = None) -> Path:
    """Render `template` with `context` to `target`. Undefined variables are errors, not blanks.

    `images` puts pictures in Word: {name: (PNG/JPEG bytes, width in mm)} — `{{ name }}` in the
    template becomes an inline picture (docxtpl InlineImage, bound to this render), replacing any
    value `context` gives that name (e.g. the data: URI the HTML face shows)."""
    target = Path(target)
    tpl = DocxTemplate(str(template))
    if images:
        context = {**context, **{name: InlineImage(tpl, io.BytesIO(data), width=Mm(width_mm))
                                 for name, (data, width_mm) in images.items()}}
    missing = tpl.get_undeclared_template_variables(jinja_env(), context)
    if missing:
        raise TemplateError(f"templat {Path(template).name} memakai variabel yang tidak ada: {', '.join(sorted(missing))}")
    tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    props = tpl.docx.core_properties
    stamp = dt.datetime(when.year, when.month, when.day)
    props.title, props.author, props.subject = title, author, subject
    props.last_modified_by, props.revision = author, 1
    props.created = props.modified = props.last_printed = stamp
    with atomic_path(target) as tmp:
        raw = tmp.with_suffix(".raw.docx")
        try:
            tpl.save(str(raw))
            normalize_zip(raw, tmp, when)
        finally:
            raw.unlink(missing_ok=True)
    return target


_RUN_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_PARA = re.compile(r"<w:p[ >].*?</w:p>", re.S)


def broken_tags(template: str | Path) -> list[str]:
    """Jinja tags that Word has split over several runs (a spelling mark, a font change in the
    middle of `{{ nama }}`): the paragraph texts in which they occur."""
    with zipfile.ZipFile(template) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    problems = []
    for para in _PARA.findall(xml):
        runs = _RUN_TEXT.findall(para)
        for r in runs:
            if r.count("{{") != r.count("}}") or r.count("{%") != r.count("%}"):
                problems.append("".join(runs))
                break
    return problems


def undeclared(template: str | Path, context: dict) -> set[str]:
    """Variables the template uses that `context` does not give."""
    return DocxTemplate(str(template)).get_undeclared_template_variables(jinja_env(), context)
