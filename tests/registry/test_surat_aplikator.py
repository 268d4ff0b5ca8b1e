"""Whether an ojek online driver's letter from their platform (aplikator, Perwali Pasal 4 ayat (1)
huruf d) is on file: read from an optional import column, kept per person, carried by migration."""
import datetime as dt
import shutil

from sqlalchemy import inspect, select

from rentan import clock
from rentan.program import program
from rentan.registry.db import get_engine, session
from rentan.registry.desk import reader
from rentan.registry.importer import COLUMNS, REQUIRED, _Parser, import_registry
from rentan.registry.models import AuditLog, Peserta
from rentan.registry.participation import in_year
from rentan.registry.rules import rules
from rentan.registry.sheets import _norm, read_table

from .helpers import HEADERS, person, write_xlsx
from .test_migration import RELEASE_0_1

ANSWERS = ["Ya", "ADA", "\u2713", "Tidak", "belum", "", "Sudah ada", "Belum Ada", "v"]
EXPECTED = [True, True, True, False, False, None, True, False, True]


def _letters() -> dict[str, bool | None]:
    with session() as s:
        return dict(s.execute(select(Peserta.nik, Peserta.surat_aplikator)).all())


def _rows(start: int, n: int, header: str = "Surat Aplikator") -> list[dict]:
    return [person(i, Pekerjaan="Driver Ojol", **{header: ANSWERS[i % len(ANSWERS)]}) for i in range(start, start + n)]


def test_the_column_is_read_under_each_of_its_names_row_by_row_and_column_by_column(home, tmp_path):
    for start, n, header in ((1, 9, "Surat Aplikator"), (100, 60, "Surat Keterangan Aplikator")):  # < 50 rows: one by one
        rows = _rows(start, n, header)
        r = import_registry(write_xlsx(tmp_path / f"k{n}.xlsx", rows, HEADERS + [header]), 2026)
        assert r.baru == n and not r.ditolak and not r.peringatan
        got = _letters()
        assert [got[row["No. KTP"]] for row in rows] == [EXPECTED[i % len(EXPECTED)] for i in range(start, start + n)]
    r = import_registry(write_xlsx(tmp_path / "m.xlsx", [person(300, **{"Surat Mitra": "Ya"})],
                                   HEADERS + ["Surat Mitra"]), 2026)
    assert r.baru == 1 and _letters()[person(300)["No. KTP"]] is True


def test_the_two_readers_agree_on_the_column():
    headers = HEADERS + ["Surat Aplikator"]
    mapping = {c.field: j for c in COLUMNS for j, h in enumerate(headers) if _norm(h) in c.aliases}
    grid = [[person(i, **{"Surat Aplikator": v}).get(h, "") for h in headers]
            for i, v in enumerate([*ANSWERS, "Sdh", 1.0, 0.0, True, None] * 5, 1)]
    rows = [(k + 2, [("" if v is None else v) for v in r]) for k, r in enumerate(grid)]
    prog, today = program(), clock.today()
    rs = rules(prog, 2026)
    fast = _Parser(mapping, 2026, prog, rs, "uji", today).parse_all(rows)
    slow = [_Parser(mapping, 2026, prog, rs, "uji", today).parse(r, b) for b, r in rows]
    assert [(o.data, o.warnings) for o in fast] == [(o.data, o.warnings) for o in slow]
    assert {o.data["surat_aplikator"] for o in fast} == {True, False, None}


def test_an_unknown_answer_is_a_warning_and_not_known(home, tmp_path):
    rows = [person(1, Pekerjaan="Ojol", **{"Surat Aplikator": "Sdh diminta"})]
    r = import_registry(write_xlsx(tmp_path / "k.xlsx", rows, HEADERS + ["Surat Aplikator"]), 2026)
    assert r.baru == 1 and not r.ditolak
    assert r.peringatan[0].warnings == ["Surat Aplikator 'Sdh diminta' tidak dikenal (isi Ya/Ada atau Tidak/Belum); "
                                        "dicatat belum diketahui"]
    assert _letters()[rows[0]["No. KTP"]] is None


def test_a_file_that_says_nothing_keeps_what_is_recorded_and_a_new_answer_is_audited(home, tmp_path):
    headers = HEADERS + ["Surat Aplikator"]
    rows = [person(1, Pekerjaan="Ojol", **{"Surat Aplikator": "Belum"}),
            person(2, Pekerjaan="Ojol", **{"Surat Aplikator": "Ya"})]
    import_registry(write_xlsx(tmp_path / "a.xlsx", rows, headers), 2026, sumber="Kelurahan Manggar")
    nik1, nik2 = (r["No. KTP"] for r in rows)
    # a file without the column, and one with the cells blank: nothing changes
    assert import_registry(write_xlsx(tmp_path / "b.xlsx", rows), 2026, sumber="Kelurahan Manggar").tidak_berubah == 2
    blank = [{**r, "Surat Aplikator": ""} for r in rows]
    assert import_registry(write_xlsx(tmp_path / "c.xlsx", blank, headers), 2026, sumber="Kelurahan Manggar").tidak_berubah == 2
    assert _letters() == {nik1: False, nik2: True}
    # the letter arrives: the next file says so
    later = [{**rows[0], "Surat Aplikator": "Ada"}, rows[1]]
    r = import_registry(write_xlsx(tmp_path / "d.xlsx", later, headers), 2026, sumber="Kelurahan Manggar")
    assert (r.diperbarui, r.tidak_berubah) == (1, 1)
    assert _letters() == {nik1: True, nik2: True}
    with session() as s:
        change = s.scalars(select(AuditLog.perubahan).where(AuditLog.subjek == nik1, AuditLog.tindakan == "ubah")).one()
    assert '"surat_aplikator": [false, true]' in change
    with reader() as desk:
        assert {a.nik: a.surat_aplikator for a in in_year(desk, 2026)} == {nik1: True, nik2: True}


def test_a_2026_registry_migrates_to_the_column_with_nothing_guessed(home):
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(RELEASE_0_1, home / "registry.sqlite3")
    engine = get_engine()
    cols = {c["name"]: c for c in inspect(engine).get_columns("peserta")}
    assert cols["surat_aplikator"]["nullable"]
    assert set(cols) == set(Peserta.__table__.c.keys())  # the model and the migrations agree
    letters = _letters()
    assert len(letters) == 40 and set(letters.values()) == {None}
    with reader() as desk:
        assert {a.surat_aplikator for a in in_year(desk, 2026)} == {None}


def test_the_demo_file_still_reads_without_the_column(tmp_path):
    from rentan.registry.demo import write_demo_registry
    f = tmp_path / "demo.xlsx"
    write_demo_registry(f, count=200, seed=3, tahun=2026)
    table = read_table(f, COLUMNS, REQUIRED)
    assert "surat_aplikator" not in table.mapping
    out = _Parser(table.mapping, 2026, program(), rules(program(), 2026), "demo", dt.date(2025, 12, 1)).parse_all(
        table.rows)
    assert {o.data.get("surat_aplikator") for o in out if not o.violations} == {None}
