"""The Perwali revision paperwork (issue 6), from the structured act and its amendment in `drafts/`:

    rancangan.docx / rancangan.pdf     the Rancangan Peraturan Wali Kota tentang Perubahan atas …
                                       (RANCANGAN on every page of both faces: the PDF's watermark,
                                       the DOCX's page header), with its paraf koordinasi table
    matriks-perubahan.docx / .pdf      No | Ketentuan Semula | Ketentuan Perubahan | Keterangan/Alasan
                                       (landscape): one row per numbered change of Pasal I, then
                                       Pasal II — the changes the Rancangan numbers and the naskah
                                       penjelasan counts
    naskah-terpadu.docx / .pdf         the consolidated text as of a date, each changed provision
                                       annotated "[diubah dengan Peraturan Wali Kota Nomor 99 Tahun
                                       2025]" ("Nomor …" and RANCANGAN on every page while the
                                       amendment is a draft)
    naskah-terpadu-perubahan-terlacak.docx
                                       the consolidated text with real Word tracked changes against
                                       the act it amends

The package knows what was known on its date (`rentan.legal.in_force.as_known_on`): dated before
the amendment's promulgation, it is a draft without number or dates of enactment, whatever the
drafts say was later done.

all in one folder `outputs/<year>/perwali/<key>/` with `manifest.json`. The legal text comes from
`rentan.legal` as a flat list of `Block`s; this module only adds the indentation depth a face
needs (`Blok.depth`), so the DOCX (docxtpl, `templates/perwali/naskah.docx`) and the PDF
(WeasyPrint, `templates/perwali/naskah.html`) are rendered from one context and show the same text.

The key is `<amendment file>-<draft date>-<hash>`, the hash covering both YAML files, the
templates and the dates: re-running with the same inputs returns the same folder and files, and
every edit of the draft gives a new folder (earlier versions stay, as a drafting history).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from rentan import paths
from rentan.clock import today
from rentan.documents.common import _Model
from rentan.idfmt import tanggal as tanggal_panjang
from rentan.legal import (Act, Amendment, AmendmentDraft, Block, MatrixRow, NaskahTerpadu, build_draft,
                          load_act, load_amendment, matrix_rows, naskah_terpadu)
from rentan.legal.in_force import as_known_on, promulgated_on
from rentan.program import program
from rentan.render.assemble import assemble, page_count
from rentan.render.docx import render_docx
from rentan.documents.issuing import Document, issue as issue_document
from rentan.render.outputs import Published, Staging
from rentan.render.pdf import render_pdf
from rentan.render.tracked_changes import revision_count, write_tracked_changes

KIND = "perwali"
BASE_FILE = "perwali-3-2025.yaml"
AMENDMENT_FILE = "perubahan-perwali-3-2025.yaml"
MAX_DEPTH = 4          # the templates style indentation depths 0–4; deeper text is drawn at 4
WATERMARK = "RANCANGAN"
# who initials a Rancangan when the amendment's file names nobody (drafts/…: paraf_koordinasi)
PARAF_BAWAAN = ("Sekretaris Daerah", "Asisten", "Kepala Bagian Hukum", "{kepala_dinas}")

FILES = {
    "rancangan": ("rancangan.docx", "rancangan.pdf"),
    "matriks": ("matriks-perubahan.docx", "matriks-perubahan.pdf"),
    "terpadu": ("naskah-terpadu.docx", "naskah-terpadu.pdf"),
    "terlacak": ("naskah-terpadu-perubahan-terlacak.docx",),
}


drafts_folder = paths.drafts


def templates_folder() -> Path:
    return paths.templates() / KIND


def template_files() -> list[Path]:
    t = templates_folder()
    return [t / "naskah.docx", t / "naskah.html", t / "matriks.docx", t / "matriks.html", t / "_blok.html",
            paths.templates() / "_base.html", paths.templates() / "print.css"]


# --- contexts -----------------------------------------------------------------------------------


class Blok(_Model):
    """One paragraph of legal text (see `rentan.legal.blocks`), with `depth`: how many indentation
    steps its label (or, without a label, its text) stands from the margin."""
    kind: str
    body: str
    label: str = ""
    head: str = ""
    level: int = 0
    quoted: bool = False
    group: str = ""
    role: str = ""
    depth: int = 0
    awal: bool = False         # the first of a run of blocks of its kind (space above it)
    text: str


class NaskahPerwali(_Model):
    """A whole regulation as blocks: the Rancangan or the naskah terpadu."""
    judul: str                 # the document's name (PDF/DOCX metadata)
    blocks: list[Blok]
    catatan: str = ""          # a closing note (an illustrative base text), else empty
    kertas: str = "F4"
    tanda: str = ""            # what every page says: RANCANGAN on a draft, else empty
    paraf: list[str] = []      # the paraf koordinasi table's Jabatan column (the Rancangan only)


class BarisMatriks(_Model):
    no: str                    # "1" … as Pasal I numbers its changes; "II" for Pasal II
    ketentuan: str
    semula: list[Blok]         # empty for an insertion: the cell reads "-"
    perubahan: list[Blok]
    keterangan: list[str]      # the change stated, then its reasons (paragraphs)


class MatriksPerubahan(_Model):
    judul: list[str]           # MATRIKS PERUBAHAN, RANCANGAN PERATURAN …, NOMOR …, TENTANG, …
    pembanding: str            # what the left column is: the act as it stands
    rows: list[BarisMatriks]
    catatan: str = ""
    kertas: str = "F4"


def depths(blocks: Sequence[Block]) -> list[int]:
    """The indentation step of each block, as a Rancangan is laid out:

    - an ayat's label "(1)" sits at the margin, its text one step in; its list items ("a.") sit
      under that text, one step in; items of a list directly in an article ("1. Daerah adalah …")
      sit at the margin;
    - a numbered instruction of Pasal I ("1. Ketentuan … berbunyi sebagai berikut:") sits at the
      margin, and the provision text quoted under it one step in (under the instruction's text);
    - annotations of the naskah terpadu sit under the text they annotate.
    """
    out: list[int] = []
    base = 0
    in_ayat = False
    for b in blocks:
        q = base if b.quoted else 0
        if b.kind == "instruksi":
            base = 1 if b.label else 0
            in_ayat = False
            d = 0
        elif b.kind in ("pasal", "bab", "bab_judul", "paragraf"):
            in_ayat = False
            d = q
        elif b.kind == "ayat":
            in_ayat = True
            d = q
        elif b.kind == "butir":
            d = q + (1 if in_ayat else 0) + max(b.level, 1) - 1
        elif b.kind == "catatan":
            d = q + ((1 if in_ayat else 0) + b.level if b.level else 0)
        else:
            d = 0
        out.append(min(d, MAX_DEPTH))
    return out


def bloks(blocks: Sequence[Block]) -> list[Blok]:
    kinds = [None, *(b.kind for b in blocks)]
    return [Blok(kind=b.kind, body=b.body, label=b.label, head=b.head, level=b.level, quoted=b.quoted,
                 group=b.group, role=b.role, depth=d, awal=b.kind != prev, text=b.text)
            for b, d, prev in zip(blocks, depths(blocks), kinds)]


def catatan_ilustratif(base: Act, amendment: Amendment) -> str:
    if not (base.ilustratif or amendment.ilustratif):
        return ""
    return (f"Catatan: disusun dari naskah ilustratif {base.judul_singkat} (drafts/), bukan dari naskah resmi; "
            "periksa terhadap naskah yang diundangkan sebelum dipakai.")


def paraf_koordinasi(amendment: Amendment) -> list[str]:
    """The Jabatan column of the Rancangan's paraf koordinasi table; "{kepala_dinas}" is the head of
    the office proposing it on the draft's date."""
    when = amendment.tanggal or today()
    kepala = program().kantor_pada(when).kepala.jabatan
    return [j.replace("{kepala_dinas}", kepala) for j in (amendment.paraf_koordinasi or PARAF_BAWAAN)]


def terpadu_draft(nt: NaskahTerpadu) -> bool:
    """A consolidated text that includes an amendment not yet promulgated is itself a draft."""
    return any(a.nomor is None for a in nt.applied)


def rancangan_context(draft: AmendmentDraft, base: Act, amendment: Amendment, kertas: str = "F4") -> NaskahPerwali:
    return NaskahPerwali(judul=f"Rancangan Peraturan Wali Kota tentang {draft.tentang}", blocks=bloks(draft.blocks),
                         catatan=catatan_ilustratif(base, amendment), kertas=kertas, tanda=WATERMARK,
                         paraf=paraf_koordinasi(amendment))


def terpadu_context(nt: NaskahTerpadu, base: Act, amendment: Amendment, kertas: str = "F4") -> NaskahPerwali:
    return NaskahPerwali(judul=f"Naskah Terpadu {base.sebutan} (keadaan {tanggal_panjang(nt.as_of)})",
                         blocks=bloks(nt.blocks), catatan=catatan_ilustratif(base, amendment), kertas=kertas,
                         tanda=WATERMARK if terpadu_draft(nt) else "")


def _title_lines(draft: AmendmentDraft) -> list[str]:
    return [b.body for b in draft.blocks if b.kind == "judul"]


def matriks_context(rows: Sequence[MatrixRow], draft: AmendmentDraft, base: Act, amendment: Amendment,
                    kertas: str = "F4") -> MatriksPerubahan:
    return MatriksPerubahan(
        judul=["MATRIKS PERUBAHAN", *_title_lines(draft)],
        pembanding=f"Ketentuan Semula: {base.sebutan_lengkap}. Ketentuan Perubahan: teks sebagaimana "
                   f"berbunyi setelah diubah dengan Rancangan Peraturan Wali Kota ini.",
        rows=[BarisMatriks(no=r.no, ketentuan=r.ketentuan, semula=bloks(r.semula), perubahan=bloks(r.perubahan),
                           keterangan=list(r.keterangan)) for r in rows],
        catatan=catatan_ilustratif(base, amendment), kertas=kertas)


# --- sources ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sumber:
    """The act, the amendment (its date set to the draft's date, as known on that date) and the
    files they came from."""
    base: Act
    amendment: Amendment
    files: tuple[Path, ...]
    tanggal: dt.date          # the date of the draft
    per_tanggal: dt.date      # the naskah terpadu shows the act as it stands on this date

    @property
    def stem(self) -> str:
        return self.files[1].stem if len(self.files) > 1 else "perubahan"


def load(*, naskah: str | Path | None = None, perubahan: str | Path | None = None,
         tanggal: dt.date | None = None, per_tanggal: dt.date | None = None) -> Sumber:
    """Read the act and the amendment. `tanggal` (the draft's date) defaults to the `tanggal` of
    the amendment file, else today (WITA); `per_tanggal` to the amendment's entry into force."""
    base_path = Path(naskah) if naskah else drafts_folder() / BASE_FILE
    am_path = Path(perubahan) if perubahan else drafts_folder() / AMENDMENT_FILE
    base, am = load_act(base_path), load_amendment(am_path)
    return sumber(base, am, files=(base_path, am_path), tanggal=tanggal, per_tanggal=per_tanggal)


def sumber(base: Act, amendment: Amendment, *, files: Sequence[Path] = (), tanggal: dt.date | None = None,
           per_tanggal: dt.date | None = None) -> Sumber:
    when = tanggal or amendment.tanggal or today()
    amendment = as_known_on(dataclasses.replace(amendment, tanggal=when), when)
    as_of = per_tanggal or amendment.mulai_berlaku or when
    return Sumber(base, amendment, tuple(Path(f) for f in files), when, as_of)


def _digest(src: Sumber, templates: Iterable[Path], contexts: Iterable[_Model] = ()) -> str:
    """The files, the templates and what the documents say (the act and amendment as loaded, with
    any overlay and the citations they drew; the contexts, with the settings they drew)."""
    h = hashlib.sha256()
    h.update(f"{src.tanggal.isoformat()}|{src.per_tanggal.isoformat()}\n".encode())
    for f in src.files:
        h.update(f.read_bytes())
    h.update(repr((src.base, src.amendment)).encode())
    for c in contexts:
        h.update(c.model_dump_json().encode())
    for t in templates:
        h.update(t.read_bytes())
    return h.hexdigest()


# --- publishing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Naskah:
    """Everything the four documents say, built and checked before anything is written."""
    draft: AmendmentDraft
    rancangan: NaskahPerwali
    matriks: MatriksPerubahan
    terpadu: NaskahPerwali
    terpadu_rancangan: bool    # the naskah terpadu includes the amendment while it is a draft
    rows: int
    perubahan: int             # the numbered changes of Pasal I: what all three documents count
    catatan_terpadu: int
    warnings: list[str]
    digest: str


class Package(Document[Naskah, Naskah]):
    """The Perwali amendment package: unnumbered (Bagian Hukum numbers the act when it is enacted);
    its key is the hash of the drafts, the templates and the dates. A Rancangan is a draft by
    nature: every page says RANCANGAN, and its NOMOR … TAHUN … is Bagian Hukum's to fill."""
    kind = KIND
    rancangan = True

    def __init__(self, src: Sumber):
        self.src = src
        am = src.amendment
        self.year = am.tahun or src.tanggal.year
        self.tanggal = src.tanggal

    def lock(self) -> str:
        return KIND

    def key(self, desk) -> str:
        self._naskah = self._build()
        return f"{self.src.stem}-{self.src.tanggal.isoformat()}-{self._naskah.digest[:8]}"

    def _build(self) -> Naskah:
        src = self.src
        base, am = src.base, src.amendment
        draft = build_draft(base, am)                 # checks every operation first
        rows = matrix_rows(base, am)
        nt = naskah_terpadu(base, [am], src.per_tanggal)
        kertas = program().naskah.kertas_produk_hukum
        warnings = list(draft.warnings)
        if promulgated_on(am, src.tanggal):
            warnings.append(f"Perubahan ini telah diundangkan sebagai {am.jenis} {am.daerah} Nomor {am.nomor} Tahun "
                            f"{am.tahun} pada {tanggal_panjang(am.diundangkan.tanggal)}: rancangan bertanggal "
                            f"{tanggal_panjang(src.tanggal)} hanya untuk arsip penyusunan.")
        if not nt.applied:
            warnings.append(
                f"Naskah terpadu keadaan tanggal {tanggal_panjang(src.per_tanggal)} belum memuat perubahan ini "
                + (f"(mulai berlaku {tanggal_panjang(am.mulai_berlaku)})." if am.mulai_berlaku
                   else "(tanggal mulai berlaku tidak diisi)."))
        contexts = (rancangan_context(draft, base, am, kertas), matriks_context(rows, draft, base, am, kertas),
                    terpadu_context(nt, base, am, kertas))
        return Naskah(draft, *contexts, terpadu_draft(nt), len(rows), len(draft.instructions),
                      sum(1 for b in nt.blocks if b.kind == "catatan"), warnings,
                      _digest(src, template_files(), contexts))

    def snapshot(self, desk) -> Naskah:
        return self._naskah

    def snapshot_hash(self, n: Naskah) -> str:
        return n.digest

    def snapshot_of_record(self, desk, found):
        """Built from its inputs alone (the key is their hash): the same inputs make the same files."""
        return self.snapshot(desk)

    def context(self, n: Naskah, nomor) -> Naskah:
        return n

    def templates(self) -> list[Path]:
        return template_files()

    def faces(self, n: Naskah, basis: Naskah, out: Staging) -> dict:
        src, am, base = self.src, self.src.amendment, self.src.base
        tpl = templates_folder()
        kertas = program().naskah.kertas_produk_hukum
        author = am.penyusun or program().daerah.bagian_hukum
        subject = f"Rancangan Peraturan Wali Kota tentang {n.draft.tentang}"
        pages: dict[str, int] = {}

        def both(name: str, docx_tpl: str, html_tpl: str, ctx: _Model, title: str, watermark: str | None) -> None:
            docx_name, pdf_name = FILES[name]
            data = ctx.model_dump()
            meta = dict(when=src.tanggal, title=title, author=author, subject=subject)
            render_docx(tpl / docx_tpl, data, out.path(docx_name), **meta)
            if watermark:
                part = out.path(f".{pdf_name}.part")
                render_pdf(tpl / html_tpl, data, part, paper=kertas, **meta)
                pages[pdf_name] = assemble([part], out.path(pdf_name), watermark=watermark, **meta)
                part.unlink()
            else:
                render_pdf(tpl / html_tpl, data, out.path(pdf_name), paper=kertas, **meta)
                pages[pdf_name] = page_count(out.path(pdf_name))

        both("rancangan", "naskah.docx", "naskah.html", n.rancangan, n.rancangan.judul, WATERMARK)
        both("matriks", "matriks.docx", "matriks.html", n.matriks, f"Matriks Perubahan — {subject}", None)
        # a consolidated text that includes a draft is itself a draft until the amendment is promulgated
        both("terpadu", "naskah.docx", "naskah.html", n.terpadu, n.terpadu.judul, n.terpadu.tanda or None)
        tracked = write_tracked_changes(base, am, out.path(FILES["terlacak"][0]), author=author,
                                        tanda=WATERMARK if am.nomor is None else None)
        return {
            "tentang": n.draft.tentang,
            "tanggal": src.tanggal.isoformat(),
            "mulai_berlaku": am.mulai_berlaku.isoformat() if am.mulai_berlaku else None,
            "naskah_terpadu_keadaan": src.per_tanggal.isoformat(),
            "operasi": len(am.operations),
            "perubahan": n.perubahan,
            "instruksi": len(n.draft.instructions),
            "baris_matriks": n.rows,
            "catatan_naskah_terpadu": n.catatan_terpadu,
            "perubahan_terlacak": revision_count(tracked),
            "halaman": pages,
            "peringatan": n.warnings,
            "ilustratif": bool(base.ilustratif or am.ilustratif),
            "sumber": [f.name for f in src.files],
        }


def issue(src: Sumber, *, root: Path | None = None, url: str | None = None) -> Published:
    """Build and publish the four documents of the amendment (see the module docstring). Raises
    `rentan.legal.AmendmentError` naming the operation when one cannot apply; warnings (more than
    half of the articles changed) are in `manifest["ringkasan"]["peringatan"]`."""
    return issue_document(Package(src), root=root, url=url)


def issue_perwali(*, tanggal: dt.date | None = None, per_tanggal: dt.date | None = None,
                  naskah: str | Path | None = None, perubahan: str | Path | None = None,
                  root: Path | None = None) -> Published:
    """The whole set from the files in `drafts/` (or the given ones): what `rentan run perwali`
    and the `perwali` flow call."""
    return issue(load(naskah=naskah, perubahan=perubahan, tanggal=tanggal, per_tanggal=per_tanggal), root=root)


DOCUMENTS = (
    ("Rancangan Peraturan Wali Kota", FILES["rancangan"]),
    ("Matriks perubahan", FILES["matriks"]),
    ("Naskah terpadu", FILES["terpadu"]),
    ("Naskah terpadu dengan perubahan terlacak", FILES["terlacak"]),
)


def table(published: Published) -> list[dict]:
    """One row per document: its files and pages — counts and paths only (for the Prefect
    artifact and the CLI)."""
    s = published.manifest["ringkasan"]
    n = s.get("perubahan", s["instruksi"])
    counts = {"Rancangan Peraturan Wali Kota": f"{n} perubahan (Pasal I) dan Pasal II",
              "Matriks perubahan": f"{s['baris_matriks']} baris: {n} perubahan (Pasal I) dan Pasal II",
              "Naskah terpadu": f"{s['catatan_naskah_terpadu']} catatan perubahan",
              "Naskah terpadu dengan perubahan terlacak":
                  f"{s['perubahan_terlacak']['ins']} sisipan, {s['perubahan_terlacak']['del']} hapusan"}
    rows = []
    for name, files in DOCUMENTS:
        pdf = next((f for f in files if f.endswith(".pdf")), None)
        rows.append({"Naskah": name, "Isi": counts[name],
                     "Halaman PDF": s["halaman"].get(pdf, "-") if pdf else "-",
                     "Berkas": ", ".join(str(published.folder / f) for f in files)})
    return rows


def summary_lines(published: Published) -> list[str]:
    """What the CLI prints (Indonesian): the folder, one line per document, then any warning."""
    s = published.manifest["ringkasan"]
    lines = [f"Naskah perubahan Perwali ({'baru' if not published.reused else 'sudah ada, tidak dibuat ulang'}): "
             f"{published.folder}"]
    lines += [f"  {r['Naskah']}: {r['Isi']}; halaman PDF: {r['Halaman PDF']}" for r in table(published)]
    lines += [f"PERINGATAN: {w}" for w in s["peringatan"]]
    if s.get("ilustratif"):
        lines.append("Catatan: naskah dasar dan rancangan di drafts/ bersifat ilustratif, bukan naskah resmi.")
    return lines
