"""Masking that holds (issue 13 item 2): the public Lampiran is read back from the rendered files —
the PDF through `pdftotext -bbox`, the DOCX through python-docx — and for every row the NIKs
consistent with what the row shows are enumerated: the digits of the NIK that are printed, the
place and year (or date) of birth, the sex when a column shows it, the kecamatan of the row's
heading taken to be the NIK's. Every row must leave at least 10,000 candidates.

A NIK is PP KK CC DDMMYY SSSS: province, kabupaten/kota, kecamatan, the birth date (day + 40 for
women) and a serial 0001–9999. The enumeration assumes the worst: an attacker who knows the city
code and the kecamatan even when the copy hides them.

`consistent_niks`, `pdf_rows` and `docx_rows` are used by tests/documents/test_sk.py on the issued
decree too."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import html
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from rentan.idfmt import tanggal
from rentan.render.annex import (DEFAULT_COLUMNS, MARGIN_MM, MM, SK_PUBLIK, AnnexGroup, AnnexRow, column_widths_mm,
                                 with_keterangan)
from rentan.render.annex_docx import write_annex_docx
from rentan.render.annex_pdf import write_annex_pdf
from rentan.wilayah import KECAMATAN_BY_KODE

from .test_annex import header, make_groups

MINIMUM = 10_000
CITY = "6471"  # what an attacker assumes for hidden region digits
KEC_CODE = {k.nama: kode[-2:] for kode, k in KECAMATAN_BY_KODE.items()}
_BULAN = {tanggal(dt.date(2000, m, 1)).split()[1]: m for m in range(1, 13)}
_DATE = re.compile(r"(\d{1,2}) (" + "|".join(_BULAN) + r") (\d{4})$")
_YEAR = re.compile(r"(?:^|, )(\d{4})$")
_HEADING = re.compile(r"^Kecamatan (.+?) \u2014 Kelurahan (.+)$")


@dataclasses.dataclass
class Visible:
    """What one printed row gives away."""
    nik: str  # 16 characters, digits or "*"
    ttl: str  # the Tempat/Tanggal (or Tahun) Lahir cell
    kecamatan: str  # from the group's heading
    sex: str | None = None  # "L" / "P" when a column shows it


def consistent_niks(v: Visible) -> int:
    """How many 16-digit NIKs agree with everything the row shows."""
    assert len(v.nik) == 16 and re.fullmatch(r"[\d*]{16}", v.nik), v.nik
    m = _DATE.search(v.ttl)
    if m:
        days = [dt.date(int(m.group(3)), _BULAN[m.group(2)], int(m.group(1)))]
    else:
        y = _YEAR.search(v.ttl)
        assert y, f"no year of birth in {v.ttl!r}"
        year = int(y.group(1))
        days = [dt.date(year, 1, 1) + dt.timedelta(d) for d in range(366 if calendar.isleap(year) else 365)]
    sexes = [v.sex] if v.sex else ["L", "P"]
    known = CITY + KEC_CODE[v.kecamatan]  # positions 1–6 as the attacker assumes them

    def fits(digits: str, start: int) -> bool:
        return all(p == "*" or p == d for p, d in zip(v.nik[start:start + len(digits)], digits))

    if not fits(known, 0):
        return 0
    serials = _serials(v.nik[12:])
    total = 0
    for day in days:
        for sex in sexes:
            dd = day.day + (40 if sex == "P" else 0)
            if fits(f"{dd:02d}{day.month:02d}{day.year % 100:02d}", 6):
                total += serials
    return total


@functools.lru_cache(maxsize=None)
def _serials(pattern: str) -> int:
    """Serials 0001–9999 that agree with the printed last four characters."""
    return sum(1 for s in range(1, 10_000) if all(p == "*" or p == d for p, d in zip(pattern, f"{s:04d}")))


# --- reading the rendered files back --------------------------------------------------------------

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pdf_rows(path: Path, columns, paper: str = "F4") -> list[Visible]:
    """The Lampiran's data rows as printed in the PDF: words placed in the columns by their left edge
    (the column grid of rentan.render.annex), a row's wrapped lines joined to it, the kecamatan from
    the last heading above."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    left = MARGIN_MM["left"] * MM
    edges = [left]
    for w in column_widths_mm(paper, columns):
        edges.append(edges[-1] + w * MM)
    fields = [c.field for c in columns]
    rows: list[dict] = []
    kecamatan = None
    for page in out.split("<page ")[1:]:
        lines: dict[float, list] = {}
        for x0, y0, _x1, _y1, text in _WORD.findall(page):
            key = round(float(y0), 0)
            lines.setdefault(key, []).append((float(x0), html.unescape(text)))
        last_y = None
        for y in sorted(lines):
            words = sorted(lines[y])
            text = " ".join(t for _, t in words)
            h = _HEADING.match(text)
            if h:
                kecamatan, last_y = h.group(1), None
                continue
            cells = [""] * len(fields)
            for x, t in words:
                i = next((k for k in range(len(fields)) if edges[k] - 0.5 <= x < edges[k + 1] - 0.5), None)
                if i is not None:
                    cells[i] = f"{cells[i]} {t}".strip()
            row = dict(zip(fields, cells))
            if row.get("no", "").isdigit() and re.fullmatch(r"[\d*]{16}", row.get("nik", "")):
                row["kecamatan"] = kecamatan
                rows.append(row)
                last_y = y
            elif (last_y is not None and y - last_y < 12 and not row.get("no") and not row.get("nik")
                  and not re.match(r"(Jumlah|JUMLAH|Terdiri)", text)):
                for f, c in row.items():  # a wrapped cell: its next line
                    if c:
                        rows[-1][f] = f"{rows[-1][f]} {c}".strip()
                last_y = y
            else:
                last_y = None
    return [_visible(r) for r in rows]


def docx_rows(path: Path) -> list[Visible]:
    """The Lampiran's data rows as the DOCX holds them: one table per kelurahan, its heading in the
    first spanning row, the columns named by the header row."""
    d = docx.Document(str(path))
    names = {"No": "no", "NIK": "nik", "Tempat/Tanggal Lahir": "ttl", "Tempat/Tahun Lahir": "ttl", "L/P": "jenis_kelamin",
             "Jenis Kelamin": "jenis_kelamin"}
    rows = []
    for t in d.tables:
        head = [c.text for c in t.rows[0].cells]
        fields = [names.get(h, h) for h in head]
        kecamatan = None
        for r in t.rows[2:]:
            cells = [c.text for c in r.cells]
            if len(set(cells)) == 1:  # a spanning row: heading or subtotal
                h = _HEADING.match(cells[0])
                kecamatan = h.group(1) if h else kecamatan
                continue
            row = dict(zip(fields, cells))
            row["kecamatan"] = kecamatan
            rows.append(row)
    return [_visible(r) for r in rows]


def _visible(row: dict) -> Visible:
    sex = row.get("jenis_kelamin") or None
    return Visible(nik=row["nik"], ttl=row["ttl"], kecamatan=row["kecamatan"], sex=sex)


def assert_masking_holds(rows: list[Visible], expected_rows: int) -> int:
    """Every row leaves ≥ 10,000 candidate NIKs; returns the smallest count."""
    assert len(rows) == expected_rows, f"{len(rows)} rows read back, {expected_rows} expected"
    counts = [consistent_niks(v) for v in rows]
    worst = min(counts)
    assert worst >= MINIMUM, f"row {counts.index(worst) + 1}: only {worst} NIKs consistent with what it shows"
    return worst


# --- the tests ------------------------------------------------------------------------------------

def test_the_enumeration_itself():
    full = Visible("6471011208750001", "Balikpapan, 12 Agustus 1975", "Balikpapan Timur", "L")
    assert consistent_niks(full) == 1
    old_mask = Visible("6471********0001", "Balikpapan, 12 Agustus 1975", "Balikpapan Timur", "L")
    assert consistent_niks(old_mask) == 1  # issue 13: the old mask beside the full date gave the NIK back
    assert consistent_niks(Visible("6471********0001", "Balikpapan, 1975", "Balikpapan Timur")) == 365 * 2
    new = Visible("6471************", "Balikpapan, 1976", "Balikpapan Timur")
    assert consistent_niks(new) == 366 * 2 * 9999
    assert consistent_niks(dataclasses.replace(new, sex="P")) == 366 * 9999
    assert consistent_niks(Visible("6472************", "1976", "Balikpapan Timur")) == 0  # contradicts the city


def _groups() -> list[AnnexGroup]:
    """test_annex's rows (women and men, leap years, long places) with an address and a Keterangan."""
    out = []
    for g in make_groups():
        out.append(AnnexGroup(g.kecamatan, g.kelurahan, [
            dataclasses.replace(r, alamat=f"Jl. Mulawarman RT {i % 40:02d} No. {i}",
                                keterangan="Lanjutan" if i % 2 else "Baru")
            for i, r in enumerate(g.rows, 1)]))
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("masking")
    fonts = tmp_path_factory.mktemp("fonts")
    groups = _groups()
    made = {}
    for name, columns in (("sk", with_keterangan(SK_PUBLIK)), ("default", DEFAULT_COLUMNS)):
        h = dataclasses.replace(header(mask=True), columns=columns)
        made[name] = (write_annex_pdf(out / f"{name}.pdf", h, groups, cache_dir=fonts).rows,
                      out / f"{name}.pdf", write_annex_docx(out / f"{name}.docx", h, groups).rows, out / f"{name}.docx",
                      columns)
    return made, groups


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) tidak terpasang")
@pytest.mark.parametrize("layout", ["sk", "default"])
def test_every_public_row_leaves_at_least_ten_thousand_niks(rendered, layout):
    made, groups = rendered
    pdf_n, pdf, docx_n, docx_path, columns = made[layout]
    n = sum(len(g.rows) for g in groups)
    assert pdf_n == docx_n == n
    for rows in (pdf_rows(pdf, columns), docx_rows(docx_path)):
        worst = assert_masking_holds(rows, n)
        # the year is all a row gives away of the birth date; the sex only where a column shows it
        assert worst == 365 * 9999 * (1 if layout == "default" else 2)
        assert all(v.nik == "6471************" for v in rows)
    # what the masked copy must not print at all
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert not re.search(r"\d{16}", text) and "Jl. Mulawarman" not in text
    birth_dates = re.compile(r"\b\d{1,2} (" + "|".join(_BULAN) + r") 19\d\d\b")
    assert not birth_dates.search(" ".join(text.split()))
    assert birth_dates.search(tanggal(dt.date(1975, 8, 12)))  # (the pattern does find a printed birth date)
