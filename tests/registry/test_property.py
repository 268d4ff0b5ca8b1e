"""Any value in any column gives at most a rejection of its row (issue 11, item 1): random values of
every type, written into a real XLSX (xlsxwriter) or CSV and imported for real, never make anything
but one of the three outcomes per row. And the import's two readers of a row — column by column for
a big file, row by row for the rest — give the same outcome for every row."""
from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter
from hypothesis import HealthCheck, given, settings, strategies as st

from rentan import clock
from rentan.program import program
from rentan.registry.importer import COLUMNS, REQUIRED, ImportResult, _Parser, import_registry
from rentan.registry.rules import rules
from rentan.registry.sheets import _norm, read_table

from .helpers import HEADERS, person

TEXT = st.text(max_size=40)  # any code point but surrogates, control characters included
ODD = st.one_of(
    st.none(),
    TEXT,
    st.text(min_size=150, max_size=700),
    st.text(alphabet=st.characters(max_codepoint=0x20), max_size=12),  # control characters only
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=10**300, max_value=10**1200),  # beyond what a float holds
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-0.0, 0.0, 1e308, -1e-308, 6471011208750000.0, 2**53 + 1.0, 81234567890.0]),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 1)),
    st.dates(),
    st.times(),
    st.sampled_from(["", " ", "-", "NaN", "Infinity", "-Infinity", "1E+400", "-500000", "0", "Rp", "JUMLAH",
                     "Mengetahui,", "NIP. 19700101 199003 1 005", "６４７１０１１２０８７５０００１", "31-02-1980",
                     "=1+1", "Balikpapan, 20 Oktober 2025", "(1)", "Kel.", "No. KTP", "\x00", "\u200f", "１２"]),
)


def _row(draw, i: int) -> dict:
    """A participant row where some columns hold anything at all."""
    base = person(i)
    return {h: draw(ODD) if draw(st.booleans()) else base[h] for h in HEADERS}


rows_strategy = st.integers(1, 4).flatmap(
    lambda n: st.composite(lambda draw: [_row(draw, 100 + k) for k in range(n)])())


def _xlsx_value(ws, r: int, c: int, v, datef) -> None:
    if v is None:
        return
    if isinstance(v, bool):
        ws.write_boolean(r, c, v)
    elif isinstance(v, int):
        ws.write_number(r, c, v) if abs(v) < 10**300 else ws.write_string(r, c, str(v)[:30000])
    elif isinstance(v, float):
        ws.write_number(r, c, v)
    elif isinstance(v, (dt.date, dt.time)):
        if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
            v = dt.datetime(v.year, v.month, v.day)
        if isinstance(v, dt.datetime) and v.year < 1900:
            ws.write_string(r, c, v.isoformat())
        else:
            ws.write_datetime(r, c, v, datef)
    else:
        ws.write_string(r, c, v)


def _write_xlsx(path, rows: list[dict]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("Data")
    datef = wb.add_format({"num_format": "dd-mm-yyyy"})
    ws.write_row(0, 0, HEADERS)
    for r, row in enumerate([person(1), *rows], 1):
        for c, h in enumerate(HEADERS):
            _xlsx_value(ws, r, c, row[h], datef)
    wb.close()


def _write_csv(path, rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(HEADERS)
    for row in [person(1), *rows]:
        w.writerow(["" if v is None else str(v)[:5000].replace("\x00", "") if not isinstance(v, dt.date)
                    else v.strftime("%d-%m-%Y") if v.year >= 1000 else str(v) for v in (row[h] for h in HEADERS)])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _accounted(r: ImportResult, data_rows: int) -> None:
    assert r.dibaca <= data_rows
    assert r.dibaca == r.baru + r.diperbarui + r.tidak_berubah + len(r.ditolak) + len(r.dilewati)
    numbers = [o.baris for o in r.ditolak] + [b for b, _ in r.dilewati]
    assert len(numbers) == len(set(numbers)) and all(2 <= b <= data_rows + 1 for b in numbers)
    for o in r.ditolak:
        assert o.violations and all(v.kolom and v.pesan and v.rule.dasar for v in o.violations)
    assert all(why for _, why in r.dilewati)
    r.lines()  # the summary can always be told


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


@SETTINGS
@given(rows=rows_strategy)
def test_any_value_in_a_real_xlsx_is_at_most_a_row_rejection(home, tmp_path, rows):
    f = tmp_path / "acak.xlsx"
    _write_xlsx(f, rows)
    r = import_registry(f, 2026)  # nothing may escape: no exception at all
    _accounted(r, len(rows) + 1)


@SETTINGS
@given(rows=rows_strategy)
def test_any_value_in_a_csv_is_at_most_a_row_rejection(home, tmp_path, rows):
    f = tmp_path / "acak.csv"
    _write_csv(f, rows)
    r = import_registry(f, 2026)
    _accounted(r, len(rows) + 1)


# --- the two readers of a row agree -------------------------------------------------------------------

def _outcome(o):
    return o.baris, o.data, [(v.kolom, v.rule.kode, v.pesan) for v in o.violations], o.warnings


def _calamine_like(v):
    """What python-calamine hands over: "" for an empty cell, floats for numbers."""
    if v is None:
        return ""
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v) if abs(v) < 10**300 else str(v)
    return v


NEAR = st.one_of(ODD, st.sampled_from(["Manggar", "MANGGAR", "Kel. Gn. Samarinda", "Balikpapan Timur", "Buruh",
                                       "Driver Ojol", "Dokter Gigi", "L", "P", "Laki-laki", "X", 2_500_000.0,
                                       3_900_000.0, "Rp 1.500.000", dt.datetime(2010, 1, 1), dt.date(2025, 9, 1),
                                       "Balikpapan, 12-08-1960", "Balikpapan, 13-08-1975", "Samarinda, 1 Mei 1990",
                                       "647101120875000", "7371011208750001", 6471011208750001.0, "1E+5"]))


@settings(max_examples=40, deadline=None)
@given(changes=st.lists(st.tuples(st.integers(0, 59), st.sampled_from(HEADERS), NEAR), max_size=40),
       duplicate=st.booleans())
def test_the_column_reader_and_the_row_reader_agree(changes, duplicate):
    header = {h: i for i, h in enumerate(HEADERS)}
    mapping = {c.field: j for c in COLUMNS for j, h in enumerate(HEADERS) if _norm(h) in c.aliases}
    grid = [[_calamine_like(person(i)[h]) for h in HEADERS] for i in range(1, 61)]
    for k, h, v in changes:
        grid[k][header[h]] = _calamine_like(v)
    if duplicate:
        grid[7] = grid[3][:-2]  # a short row, as CSV lines can be
    rows = [(k + 2, r) for k, r in enumerate(grid)]
    prog, today = program(), clock.today()
    rs = rules(prog, 2026)
    fast = _Parser(mapping, 2026, prog, rs, "uji", today).parse_all(rows)
    slow = [_Parser(mapping, 2026, prog, rs, "uji", today).parse(r, b) for b, r in rows]
    assert [_outcome(o) for o in fast] == [_outcome(o) for o in slow]


def test_the_readers_agree_on_the_demo_file(tmp_path):
    from rentan.registry.demo import write_demo_registry
    f = tmp_path / "demo.xlsx"
    write_demo_registry(f, count=2000, seed=11, tahun=2026)
    table = read_table(f, COLUMNS, REQUIRED)
    prog, today = program(), clock.today()
    rs = rules(prog, 2026)
    fast = _Parser(table.mapping, 2026, prog, rs, "demo", today).parse_all(table.rows)
    slow = [_Parser(table.mapping, 2026, prog, rs, "demo", today).parse(r, b) for b, r in table.rows]
    assert [_outcome(o) for o in fast] == [_outcome(o) for o in slow]
    assert sum(1 for o in fast if o.violations) == 13  # the planted rows but the duplicate pair (found later)
