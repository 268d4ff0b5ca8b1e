"""The Lampiran (annex) of an SK Wali Kota or a memo at full scale: the renderer-neutral input model,
the column spec each caller chooses, and the one walk over it that both faces (DOCX: `annex_docx`,
PDF: `annex_pdf`) consume, so both show the same rows, numbers and totals.

The annex lists participants grouped by kecamatan, then kelurahan (the caller sorts), with, per
kelurahan, a heading row ("Kecamatan Balikpapan Timur — Kelurahan Manggar"), its rows and a subtotal
("Jumlah Kelurahan Manggar: 1.234 orang"); a subtotal per kecamatan after its last kelurahan; and a
grand total ("JUMLAH SELURUHNYA: 7.100 orang", followed, when the columns include Keterangan, by how
many are continuing and how many new). "No" runs 1..N over the whole annex.

Columns (`AnnexHeader.columns`): a tuple of `Column`, each naming the `AnnexRow` field it prints,
its heading and its relative width. Ready-made sets:

    SK_INTERNAL   No | NIK | Nama | Tempat/Tanggal Lahir | L/P | Pekerjaan | Alamat
    SK_PUBLIK     No | NIK | Nama | Tempat/Tahun Lahir | Pekerjaan | Alamat
    VERIFIKASI    No | NIK | Nama | Tempat/Tanggal Lahir | L/P | Sektor | Alamat | Surat Aplikator
    DEFAULT_COLUMNS  the first layout (No | NIK | Nama | Tempat/Tanggal Lahir | Jenis Kelamin |
                  Pekerjaan | Kelurahan), for callers that name none

`with_keterangan(cols)` adds "Keterangan" (Lanjutan / Baru: the SK of a year with continuing
participants). A caller may compose its own tuple from the module's columns (NO, NIK, NAMA, TTL, JK,
PEKERJAAN, SEKTOR, ALAMAT, ALAMAT_PUBLIK, KELURAHAN, KETERANGAN, SURAT_APLIKATOR) or new
`Column(field, title, weight)` for any `AnnexRow` field. The verification memo, for instance:

    AnnexHeader(lines=[...], title=[...], signature=[...], mask_nik=False, columns=VERIFIKASI,
                marking=TERBATAS)   # rows from rentan.documents.common.annex_groups(people)

What the cells print is decided here, not by the caller (`cell_text`):

- no: the running number; nik: the NIK; nama: as given (annex_groups writes names in capitals, as
  Dukcapil does); ttl: "Balikpapan, 12 Agustus 1975"; jenis_kelamin: L / P; pekerjaan: the Pasal 5
  category (the sector's name; the clerk's own text stays in the registry); alamat: the street
  address and "Kel. Manggar"; kelurahan; keterangan: Lanjutan / Baru; surat_aplikator: for ojek
  online rows whether the platform letter is on file (Ada / Belum ada / Belum diketahui), "–" for
  other sectors.
- A masked (public) copy (`mask_nik`) cannot be un-masked, whatever columns it has. A NIK is
  region (6 digits) + DDMMYY of birth (day + 40 for women) + a 4-digit serial, so "6471********0009"
  beside a birth date, the sex and the kecamatan gives the whole NIK back. In a masked copy the NIK
  shows its first 4 digits only ("6471************"), the birth date its year only ("Balikpapan,
  1975"), the address its kelurahan only: even an attacker who takes the kecamatan to be the NIK's
  and knows the sex is left with every day of that year times 9,999 serials — at least 365 × 9,999
  NIKs for every row (tests/render/test_annex_masking.py counts them on the rendered files).

Pages (`marking`, `banner`): an internal copy is marked on every page as holding personal data
(`TERBATAS`, UU 27/2022), a konsep carries a boxed `banner` at the top of its first page.

Cost is linear in rows: the walk is a generator, nothing is laid out as one big table.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Literal, Sequence

from rentan.idfmt import ribuan, tanggal

# --- input model ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnnexRow:
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" / "P"
    pekerjaan: str  # what the Pekerjaan column prints: the Pasal 5 category
    kelurahan: str
    alamat: str = ""  # the street address as registered (its kelurahan is added by the cell)
    keterangan: str = ""  # "Lanjutan" / "Baru"
    surat_aplikator: str = ""  # "Ada" / "Belum ada" / "Belum diketahui" / "–"


@dataclass(frozen=True, slots=True)
class AnnexGroup:
    """The participants of one kelurahan. Names without the "Kecamatan"/"Kelurahan" prefix
    ("Balikpapan Timur", "Manggar"); every row's `kelurahan` must equal the group's."""
    kecamatan: str
    kelurahan: str
    rows: Sequence[AnnexRow]


@dataclass(frozen=True)
class Column:
    """One column: the `AnnexRow` field it prints (or "no" / "ttl"), its heading, its width — fixed
    in mm (`mm`: for what must never wrap, such as the NIK) or a share (`weight`) of what the fixed
    columns leave —, whether its cells are centred, and its heading in a masked copy when the cell
    shows less there."""
    field: str
    title: str
    weight: float
    centred: bool = False
    title_publik: str = ""
    mm: float | None = None

    def heading(self, masked: bool) -> str:
        return self.title_publik if masked and self.title_publik else self.title


# Fixed widths hold their longest text at 8 pt in TeX Gyre Bonum/Bookman plus the cell padding:
# "70000", a NIK, "L/P", "Keterangan", "Belum diketahui". The others share the rest.
NO = Column("no", "No", 0, True, mm=11)
NIK = Column("nik", "NIK", 0, True, mm=31)
NAMA = Column("nama", "Nama", 52)
TTL = Column("ttl", "Tempat/Tanggal Lahir", 50, title_publik="Tempat/Tahun Lahir")
JK = Column("jenis_kelamin", "L/P", 0, True, mm=8)
PEKERJAAN = Column("pekerjaan", "Pekerjaan", 55)  # "Pedagang Kaki Lima / Pedagang Kecil" on one line
SEKTOR = Column("pekerjaan", "Sektor", 55)
ALAMAT = Column("alamat", "Alamat", 78)
ALAMAT_PUBLIK = Column("alamat", "Alamat", 45)
KELURAHAN = Column("kelurahan", "Kelurahan", 40)
KETERANGAN = Column("keterangan", "Keterangan", 0, True, mm=19)
SURAT_APLIKATOR = Column("surat_aplikator", "Surat Aplikator", 0, True, mm=26)

DEFAULT_COLUMNS = (Column("no", "No", 5, True), Column("nik", "NIK", 12, True), Column("nama", "Nama", 23),
                   Column("ttl", "Tempat/Tanggal Lahir", 22, title_publik="Tempat/Tahun Lahir"),
                   Column("jenis_kelamin", "Jenis Kelamin", 6, True), Column("pekerjaan", "Pekerjaan", 15),
                   Column("kelurahan", "Kelurahan", 12))
SK_INTERNAL = (NO, NIK, NAMA, TTL, JK, PEKERJAAN, ALAMAT)
# The public copy leaves out the sex (not asked by Pasal 9 ayat (3); data minimisation) and prints
# the shorter address.
SK_PUBLIK = (NO, NIK, NAMA, TTL, PEKERJAAN, ALAMAT_PUBLIK)
VERIFIKASI = (NO, NIK, NAMA, TTL, JK, SEKTOR, ALAMAT, SURAT_APLIKATOR)

# What the Keterangan and Surat Aplikator columns print (rentan.documents.common.annex_groups fills
# them). The sector whose participants need the platform's letter (Perwali Pasal 4 ayat (1) huruf d)
# is named by its program.toml code.
LANJUTAN, BARU = "Lanjutan", "Baru"
SEKTOR_SURAT_APLIKATOR = "ojek_online"
SURAT_ADA, SURAT_BELUM, SURAT_BELUM_DIKETAHUI, SURAT_TIDAK_PERLU = "Ada", "Belum ada", "Belum diketahui", "–"

TERBATAS = ("TERBATAS — memuat data pribadi (Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data "
            "Pribadi); hanya untuk keperluan kedinasan, tidak untuk diumumkan")


def with_keterangan(columns: Sequence[Column]) -> tuple[Column, ...]:
    return (*columns, KETERANGAN)


@dataclass(frozen=True)
class AnnexHeader:
    lines: list[str]      # top-right block; "LABEL : value" lines get their colons aligned
    title: list[str]      # centred title lines above the table
    signature: list[str]  # signature block at the end ("" = blank line; the last line is the name)
    mask_nik: bool = True  # public copy (see the module docstring); internal copy: full NIK
    paper: Literal["F4", "A4"] = "F4"
    watermark: str | None = None
    author: str | None = None  # the PDF's metadata (default: the regional government, program.toml)
    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    marking: str | None = None  # printed at the top of every page (internal copies: TERBATAS)
    banner: str | None = None   # a boxed line at the top of the first page (a konsep: KONSEP — …)


@dataclass(frozen=True)
class AnnexResult:
    """What was written, for the caller's consistency gate (rows = the decree's count)."""
    rows: int
    per_kelurahan: dict[tuple[str, str], int]  # (kecamatan, kelurahan) -> rows
    per_kecamatan: dict[str, int]
    pages: int | None = None  # known for the PDF; None for the DOCX (Word paginates)
    per_keterangan: dict[str, int] = field(default_factory=dict)  # "Lanjutan"/"Baru" -> rows (with Keterangan)


# --- page geometry shared by both faces -----------------------------------------------------------

MM = 72 / 25.4  # points per millimetre

PAPER_MM = {"F4": (215.0, 330.0), "A4": (210.0, 297.0)}  # portrait width x height
# Landscape: 7 or 8 columns at 8 pt, the NIK on one line (it needs >= 3 cm), ~35 rows a page.
MARGIN_MM = {"top": 20.0, "bottom": 20.0, "left": 25.0, "right": 20.0}
FOOTER_MM = 10.0  # distance of the page-number line from the bottom edge
MARKING_MM = 11.0  # distance of the marking line (TERBATAS) from the top edge

TABLE_PT = 8.0    # table text size
BODY_PT = 12.0    # header block, title, signature: Bookman 12 pt as customary
MARKING_PT = 8.0  # the marking line at the top of every page
FONT_NAME = "Bookman Old Style"  # DOCX (Word/LibreOffice substitute); the PDF embeds TeX Gyre Bonum

COLUMNS = [c.title for c in DEFAULT_COLUMNS]  # the default headings (kept for callers of the first layout)

SIGNATURE_BLOCK_FRACTION = 0.42  # the header and signature blocks take this share of the width, at right


def page_size_mm(paper: str) -> tuple[float, float]:
    """(width, height) in mm, landscape."""
    try:
        w, h = PAPER_MM[paper]
    except KeyError:
        raise ValueError(f"ukuran kertas tidak dikenal: {paper!r} (pilih F4 atau A4)") from None
    return h, w


def column_widths_mm(paper: str, columns: Sequence[Column] = DEFAULT_COLUMNS) -> list[float]:
    """Each column's width: the fixed ones as given, the rest sharing what is left by weight."""
    w, _ = page_size_mm(paper)
    usable = w - MARGIN_MM["left"] - MARGIN_MM["right"]
    fixed = sum(c.mm for c in columns if c.mm is not None)
    total = sum(c.weight for c in columns if c.mm is None)
    if fixed >= usable or (total <= 0 and fixed < usable - 1e-6):
        raise ValueError(f"kolom lampiran tidak muat pada kertas {paper}: {fixed:.0f} mm tetap dari {usable:.0f} mm")
    return [c.mm if c.mm is not None else (usable - fixed) * c.weight / total for c in columns]


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


# --- one capitalisation ---------------------------------------------------------------------------

def nama_kapital(nama: str) -> str:
    """A person's name as Dukcapil writes it on the KTP: in capitals ("BAGUS SANTOSO")."""
    return " ".join(clean(nama).split()).upper()


def _kata(w: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))


@functools.lru_cache(maxsize=4096)
def nama_tempat(tempat: str) -> str:
    """A place in title case, whatever case the clerk typed: "PENAJAM PASER UTARA" → "Penajam
    Paser Utara", "kab. bone" → "Kab. Bone"."""
    return " ".join(_kata(w) for w in clean(tempat).split())


# --- masking --------------------------------------------------------------------------------------

NIK_SHOWN = 4  # digits of the NIK a masked copy shows: the province and kabupaten/kota of first issue


def mask_publik(nik: str) -> str:
    """6471************ — the NIK as a public copy prints it (module docstring: why not more)."""
    if len(nik) != 16 or not nik.isdigit():
        raise ValueError("NIK harus 16 digit angka untuk disamarkan")
    return nik[:NIK_SHOWN] + "*" * (16 - NIK_SHOWN)


def ttl_publik(tempat: str, lahir: dt.date) -> str:
    """Balikpapan, 1975 — the place and the year of birth only."""
    t = clean(tempat)
    return f"{t}, {lahir.year:04d}" if t else f"{lahir.year:04d}"


def alamat(row: AnnexRow) -> str:
    """Jl. Mulawarman RT 05 No. 3, Kel. Manggar"""
    a = clean(row.alamat)
    kel = clean(row.kelurahan)
    return f"{a}, Kel. {kel}" if a else f"Kel. {kel}"


def alamat_publik(row: AnnexRow) -> str:
    """Kel. Manggar — the domicile a public copy shows (the kecamatan is in the group's heading)."""
    return f"Kel. {clean(row.kelurahan)}"


def _cell_functions(columns: Sequence[Column], masked: bool) -> list[Callable[[AnnexRow], str]]:
    """One function per column giving a row's cell text (all but "no", which the walk numbers)."""
    out: list[Callable[[AnnexRow], str]] = []
    for c in columns:
        f = c.field
        if f == "no":
            out.append(None)  # type: ignore[arg-type]  (filled in by the walk)
        elif f == "nik":
            out.append((lambda r: mask_publik(clean(r.nik))) if masked else (lambda r: clean(r.nik)))
        elif f == "ttl":
            out.append((lambda r: ttl_publik(r.tempat_lahir, r.tanggal_lahir)) if masked
                       else (lambda r: ttl(r.tempat_lahir, r.tanggal_lahir)))
        elif f == "alamat":
            out.append(alamat_publik if masked else alamat)
        elif f == "tanggal_lahir":
            out.append((lambda r: f"{r.tanggal_lahir.year:04d}") if masked else (lambda r: _tanggal(r.tanggal_lahir)))
        elif f in AnnexRow.__slots__:
            out.append(lambda r, f=f: clean(getattr(r, f)))
        else:
            raise ValueError(f"kolom lampiran tidak dikenal: {f!r}")
    return out


def cell_text(row: AnnexRow, column: Column, masked: bool, no: int = 1) -> str:
    """What `column` prints for `row` (in a masked copy when `masked`)."""
    f = _cell_functions([column], masked)[0]
    return str(no) if f is None else f(row)


# --- the walk -------------------------------------------------------------------------------------

GROUP, ROW, SUB_KELURAHAN, SUB_KECAMATAN, TOTAL = range(5)
KETERANGAN_ORDER = (LANJUTAN, BARU)  # how the grand total breaks down when there is a Keterangan column


@dataclass
class Tally:
    rows: int = 0
    per_kelurahan: dict = field(default_factory=dict)
    per_kecamatan: dict = field(default_factory=dict)
    per_keterangan: dict = field(default_factory=dict)

    def result(self, pages: int | None = None) -> AnnexResult:
        return AnnexResult(self.rows, dict(self.per_kelurahan), dict(self.per_kecamatan), pages,
                           dict(self.per_keterangan))


def breakdown(per_keterangan: dict[str, int]) -> str:
    """Terdiri atas 36.000 orang peserta lanjutan dan 5.000 orang peserta baru"""
    order = [k for k in KETERANGAN_ORDER if per_keterangan.get(k)] + sorted(
        k for k in per_keterangan if k not in KETERANGAN_ORDER and per_keterangan[k])
    parts = [f"{ribuan(per_keterangan[k])} orang peserta {k.lower()}" for k in order]
    if not parts:
        return ""
    return "Terdiri atas " + (" dan ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + ", dan " + parts[-1])


def walk(groups: Iterable[AnnexGroup], masked: bool, tally: Tally,
         columns: Sequence[Column] = DEFAULT_COLUMNS) -> Iterator[tuple]:
    """The annex as a stream of events, in print order:

    (GROUP, kecamatan, kelurahan, heading)      a kelurahan starts (a new table in the DOCX)
    (ROW, cells)                                 one string per column, cleaned, not escaped
    (SUB_KELURAHAN, text) / (SUB_KECAMATAN, text) / (TOTAL, text)   (TOTAL twice with a Keterangan column)

    Empty groups are skipped. Raises ValueError (Indonesian message for staff: positions, never a
    NIK or a name) when the groups are not grouped as promised or there is nobody to list; the
    counts land in `tally`.
    """
    funcs = _cell_functions(columns, masked)
    no_at = [i for i, f in enumerate(funcs) if f is None]
    others = [(i, f) for i, f in enumerate(funcs) if f is not None]
    width = len(funcs)
    ket = next((i for i, c in enumerate(columns) if c.field == "keterangan"), None)
    per_ket: dict[str, int] = {}
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
            no += 1
            n += 1
            rk = clean(r.kelurahan)
            if rk != kel:
                raise ValueError(f"baris ke-{no} lampiran tercatat di Kelurahan {rk} tetapi berada dalam "
                                 f"kelompok Kelurahan {kel}")
            cells = [""] * width
            try:
                for i, f in others:
                    cells[i] = f(r)
            except ValueError as e:
                raise ValueError(f"baris ke-{no} lampiran (Kelurahan {kel}): {e}") from None
            for i in no_at:
                cells[i] = str(no)
            if ket is not None:
                per_ket[cells[ket]] = per_ket.get(cells[ket], 0) + 1
            yield ROW, cells
        tally.per_kelurahan[(kec, kel)] = n
        kec_count += n
        yield SUB_KELURAHAN, f"Jumlah Kelurahan {kel}: {ribuan(n)} orang"
        if nxt is None or clean(nxt.kecamatan) != kec:
            tally.per_kecamatan[kec] = kec_count
            done_kec.add(kec)
            yield SUB_KECAMATAN, f"Jumlah Kecamatan {kec}: {ribuan(kec_count)} orang"
            kec_count = 0
    tally.rows = no
    tally.per_keterangan = per_ket
    yield TOTAL, f"JUMLAH SELURUHNYA: {ribuan(no)} orang"
    if ket is not None and per_ket:
        yield TOTAL, breakdown(per_ket)
