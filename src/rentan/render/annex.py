"""The Lampiran (annex) of an SK Wali Kota at full scale: the renderer-neutral input model and the
one walk over it that both faces (DOCX: `annex_docx`, PDF: `annex_pdf`) consume, so both show the
same rows, numbers and totals.

The annex lists participants grouped by kecamatan, then kelurahan (the caller sorts):

    No | NIK | Nama | Tempat/Tanggal Lahir | Jenis Kelamin | Pekerjaan | Kelurahan

with, per kelurahan, a heading row ("Kecamatan Balikpapan Timur — Kelurahan Manggar"), its rows and a
subtotal ("Jumlah Kelurahan Manggar: 1.234 orang"); a subtotal per kecamatan after its last
kelurahan; and a grand total ("JUMLAH SELURUHNYA: 7.100 orang"). "No" runs 1..N over the whole annex.

Cost is linear in rows: the walk is a generator, nothing is laid out as one big table.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Literal, Sequence

from rentan.idfmt import mask_nik, ribuan, tanggal

# --- input model ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnnexRow:
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" / "P"
    pekerjaan: str
    kelurahan: str


@dataclass(frozen=True, slots=True)
class AnnexGroup:
    """The participants of one kelurahan. Names without the "Kecamatan"/"Kelurahan" prefix
    ("Balikpapan Timur", "Manggar"); every row's `kelurahan` must equal the group's."""
    kecamatan: str
    kelurahan: str
    rows: Sequence[AnnexRow]


@dataclass(frozen=True)
class AnnexHeader:
    lines: list[str]      # top-right block; "LABEL : value" lines get their colons aligned
    title: list[str]      # centred title lines above the table
    signature: list[str]  # signature block at the end ("" = blank line; the last line is the name)
    mask_nik: bool = True  # public copy: 6471********1234; internal copy: full NIK
    paper: Literal["F4", "A4"] = "F4"
    watermark: str | None = None
    author: str | None = None  # the PDF's metadata (default: the regional government, program.toml)


@dataclass(frozen=True)
class AnnexResult:
    """What was written, for the caller's consistency gate (rows = the decree's count)."""
    rows: int
    per_kelurahan: dict[tuple[str, str], int]  # (kecamatan, kelurahan) -> rows
    per_kecamatan: dict[str, int]
    pages: int | None = None  # known for the PDF; None for the DOCX (Word paginates)


# --- page geometry shared by both faces -----------------------------------------------------------

MM = 72 / 25.4  # points per millimetre

PAPER_MM = {"F4": (215.0, 330.0), "A4": (210.0, 297.0)}  # portrait width x height
# Landscape: 7 columns at 8 pt fit on one line each (NIK needs >= 3 cm), ~35 rows a page.
MARGIN_MM = {"top": 20.0, "bottom": 20.0, "left": 25.0, "right": 20.0}
FOOTER_MM = 10.0  # distance of the page-number line from the bottom edge

TABLE_PT = 8.0    # table text size
BODY_PT = 12.0    # header block, title, signature: Bookman 12 pt as customary
FONT_NAME = "Bookman Old Style"  # DOCX (Word/LibreOffice substitute); the PDF embeds TeX Gyre Bonum

COLUMNS = ["No", "NIK", "Nama", "Tempat/Tanggal Lahir", "Jenis Kelamin", "Pekerjaan", "Kelurahan"]
_WEIGHTS = [5, 12, 23, 22, 6, 15, 12]  # relative column widths
CENTRED = (True, True, False, False, True, False, False)  # per column

SIGNATURE_BLOCK_FRACTION = 0.42  # the header and signature blocks take this share of the width, at right


def page_size_mm(paper: str) -> tuple[float, float]:
    """(width, height) in mm, landscape."""
    try:
        w, h = PAPER_MM[paper]
    except KeyError:
        raise ValueError(f"ukuran kertas tidak dikenal: {paper!r} (pilih F4 atau A4)") from None
    return h, w


def column_widths_mm(paper: str) -> list[float]:
    w, _ = page_size_mm(paper)
    usable = w - MARGIN_MM["left"] - MARGIN_MM["right"]
    total = sum(_WEIGHTS)
    return [usable * k / total for k in _WEIGHTS]


def split_label(line: str) -> tuple[str, str] | None:
    """'NOMOR : 100.3.3.2/12/2026' -> ('NOMOR', '100.3.3.2/12/2026'); None when no ' : ' label."""
    m = _LABEL_RE.match(line)
    return (m.group(1).strip(), m.group(2).strip()) if m else None


_LABEL_RE = re.compile(r"^([^:]{1,20}?)\s*:\s?(.*)$")
COLON_MM = 4.0  # from the colon to the value in the header block


def label_width_mm(labels: Iterable[str]) -> float:
    """Width of the label column in the header block (NOMOR, TANGGAL, TENTANG): the same estimate in
    both faces, so the colons sit in the same place in the DOCX and the PDF."""
    longest = max((len(s) for s in labels), default=0)
    return max(22.0, longest * BODY_PT * 0.75 / MM + 2.0)


# --- text hygiene ---------------------------------------------------------------------------------

# Characters illegal in XML 1.0 (Excel leaves some in cells), plus whitespace that would break a cell.
_BAD = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]| {2,}|^ | $")
_DROP = {c: None for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF]}
_DROP.update({c: " " for c in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)})  # tab, line breaks (VT: Excel/Word's)
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean(s: object) -> str:
    """A cell's text as printed: control characters dropped, tabs/line breaks as spaces, runs of
    spaces collapsed, trimmed. Fast path: most strings need nothing."""
    s = s if type(s) is str else ("" if s is None else str(s))
    if _BAD.search(s) is None:
        return s
    return " ".join(_SURROGATES.sub("", s.translate(_DROP)).split())


_tanggal = functools.lru_cache(maxsize=1 << 16)(tanggal)


def ttl(tempat: str, lahir: dt.date) -> str:
    """Balikpapan, 12 Agustus 1975"""
    t = clean(tempat)
    return f"{t}, {_tanggal(lahir)}" if t else _tanggal(lahir)


# --- the walk -------------------------------------------------------------------------------------

GROUP, ROW, SUB_KELURAHAN, SUB_KECAMATAN, TOTAL = range(5)


@dataclass
class Tally:
    rows: int = 0
    per_kelurahan: dict = field(default_factory=dict)
    per_kecamatan: dict = field(default_factory=dict)

    def result(self, pages: int | None = None) -> AnnexResult:
        return AnnexResult(self.rows, dict(self.per_kelurahan), dict(self.per_kecamatan), pages)


def walk(groups: Iterable[AnnexGroup], masked: bool, tally: Tally) -> Iterator[tuple]:
    """The annex as a stream of events, in print order:

    (GROUP, kecamatan, kelurahan, heading)      a kelurahan starts (a new table in the DOCX)
    (ROW, (no, nik, nama, ttl, jk, pekerjaan, kelurahan))   cleaned strings, not escaped
    (SUB_KELURAHAN, text) / (SUB_KECAMATAN, text) / (TOTAL, text)

    Empty groups are skipped. Raises ValueError (Indonesian message, for staff) when the groups are
    not grouped as promised or there is nobody to list; the counts land in `tally`.
    """
    seen_kel: set = set()
    done_kec: set = set()
    it = (g for g in groups if len(g.rows))
    nxt = next(it, None)
    if nxt is None:
        raise ValueError("Lampiran tidak berisi peserta")
    no = 0
    kec_count = 0
    while nxt is not None:
        g, nxt = nxt, next(it, None)
        kec, kel = clean(g.kecamatan), clean(g.kelurahan)
        if (kec, kel) in seen_kel:
            raise ValueError(f"Kelurahan {kel} (Kecamatan {kec}) muncul lebih dari sekali; urutkan peserta "
                             "per kecamatan lalu kelurahan")
        if kec in done_kec:
            raise ValueError(f"Kecamatan {kec} tidak berurutan; urutkan peserta per kecamatan lalu kelurahan")
        seen_kel.add((kec, kel))
        yield GROUP, kec, kel, f"Kecamatan {kec} \u2014 Kelurahan {kel}"
        n = 0
        for r in g.rows:
            rk = clean(r.kelurahan)
            if rk != kel:
                raise ValueError(f"peserta NIK {r.nik} tercatat di Kelurahan {rk} tetapi berada dalam "
                                 f"kelompok Kelurahan {kel}")
            no += 1
            n += 1
            nik = clean(r.nik)
            if masked:
                try:
                    nik = mask_nik(nik)
                except ValueError as e:
                    raise ValueError(f"NIK peserta {clean(r.nama)} (Kelurahan {kel}) tidak dapat disamarkan: "
                                     f"{e}") from None
            yield ROW, (str(no), nik, clean(r.nama),
                        ttl(r.tempat_lahir, r.tanggal_lahir), clean(r.jenis_kelamin), clean(r.pekerjaan), rk)
        tally.per_kelurahan[(kec, kel)] = n
        kec_count += n
        yield SUB_KELURAHAN, f"Jumlah Kelurahan {kel}: {ribuan(n)} orang"
        if nxt is None or clean(nxt.kecamatan) != kec:
            tally.per_kecamatan[kec] = kec_count
            done_kec.add(kec)
            yield SUB_KECAMATAN, f"Jumlah Kecamatan {kec}: {ribuan(kec_count)} orang"
            kec_count = 0
    tally.rows = no
    yield TOTAL, f"JUMLAH SELURUHNYA: {ribuan(no)} orang"
