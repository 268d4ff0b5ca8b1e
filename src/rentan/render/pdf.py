"""PDF through WeasyPrint from an HTML template and the shared print stylesheet
(templates/print.css): paper per document type, margins, running footer "Halaman X dari Y",
TeX Gyre Bonum (a free Bookman-compatible face, Debian fonts-texgyre). Final copies are PDF/A-3b.
Right for letters, decrees and memos of a few pages; big annexes go through render.annex_pdf."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

import jinja2
import weasyprint

from rentan.atomic import atomic_path
from rentan.render.docx import FILTERS, clean_text
from rentan import paths

PAPER = {"F4": "215mm 330mm", "A4": "210mm 297mm"}


def html_env(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(folder), str(paths.templates())]),
                             autoescape=True, undefined=jinja2.StrictUndefined, finalize=clean_text)
    env.filters.update(FILTERS)
    return env


def render_html(template: str | Path, context: dict, *, paper: Literal["F4", "A4"] = "A4",
                title: str, author: str, subject: str = "", when: dt.date) -> str:
    template = Path(template)
    env = html_env(template.parent)
    stamp = f"{when.isoformat()}T00:00:00+08:00"
    return env.get_template(template.name).render(
        **context, _paper=PAPER[paper], _title=title, _author=author, _subject=subject, _stamp=stamp)


def render_pdf(template: str | Path, context: dict, target: str | Path, *, when: dt.date, title: str,
               author: str, subject: str = "", paper: Literal["F4", "A4"] = "A4",
               variant: str | None = "pdf/a-3b") -> Path:
    """Render an HTML template to a PDF at `target`; the same inputs give the same bytes."""
    html = render_html(template, context, paper=paper, title=title, author=author, subject=subject, when=when)
    ident = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
    doc = weasyprint.HTML(string=html, base_url=str(Path(template).parent))
    with atomic_path(target) as tmp:
        doc.write_pdf(str(tmp), stylesheets=[weasyprint.CSS(filename=str(paths.templates() / "print.css"))],
                      pdf_variant=variant, pdf_identifier=ident)
    return Path(target)
