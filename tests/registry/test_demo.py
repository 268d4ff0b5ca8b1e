"""The demo registry: deterministic, realistic, and every broken row breaks exactly its rule."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter

import openpyxl
import pytest

from rentan.idfmt import BULAN, parse_nik
from rentan.program import program
from rentan.registry.demo import BROKEN, HEADERS, SEKTOR, SHEET, write_demo_registry
from rentan.wilayah import KELURAHAN, cari_kelurahan

TAHUN = 2025
COUNT = 7_100


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read(path) -> tuple[list[tuple], list[dict]]:
    ws = openpyxl.load_workbook(path, read_only=True)[SHEET]
    raw = list(ws.iter_rows(values_only=True))
    return raw, [dict(zip(HEADERS, r)) for r in raw[3:]]


def _lahir(ttl: str) -> tuple[str, dt.date | None]:
    """"Balikpapan, 12-08-1975" / "12/08/1975" / "12 Agustus 1975" → (place, date or None)."""
    tempat, _, tgl = ttl.rpartition(", ")
    m = re.fullmatch(r"(\d{2})[-/](\d{2})[-/](\d{4})", tgl) or re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", tgl)
    assert m, ttl
    d, mo, y = m.groups()
    mo = int(mo) if mo.isdigit() else BULAN.index(mo) + 1
    try:
        return tempat, dt.date(int(y), mo, int(d))
    except ValueError:
        return tempat, None


def _usia(lahir: dt.date) -> int:
    """Age on 1 January of TAHUN."""
    return TAHUN - lahir.year - ((lahir.month, lahir.day) > (1, 1))


def _violations(r: dict, nik_count: Counter) -> set[str]:
    """The programme's rules, as simply as a test can state them."""
    out, nik = set(), r["No. KTP"]
    if not r["Nama Lengkap"]:
        out.add("wajib")
    if not isinstance(nik, str):
        out.add("nik_excel")
    elif not re.fullmatch(r"\d{16}", nik):
        out.add("nik_format")
    elif nik_count[nik] > 1:
        out.add("ganda_berkas")
    _, lahir = _lahir(r["Tempat/Tgl Lahir"])
    if lahir is None:
        out.add("tanggal")
    elif _usia(lahir) > 64:
        out.add("usia")
    elif _usia(lahir) < 18:
        out.add("usia_minimum")
    if r["Domisili Sejak"].date() > dt.date(TAHUN - 1, 7, 1):
        out.add("domisili")
    if r["Penghasilan Rata-rata"] > program().umk(TAHUN):
        out.add("penghasilan")
    if cari_kelurahan(r["Kel."]) is None:
        out.add("kelurahan")
    if program().cari_sektor(r["Pekerjaan"]) is None:
        out.add("sektor")
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "calon.xlsx"
    summary = write_demo_registry(path, COUNT, seed=2025, tahun=TAHUN)
    raw, rows = _read(path)
    valid = [r for r in rows if r["No"] not in summary.broken_rows]
    return path, summary, raw, rows, valid


def test_same_arguments_same_bytes_other_seed_other_file(tmp_path):
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    assert write_demo_registry(a, 300, seed=7, tahun=TAHUN) == write_demo_registry(b, 300, seed=7, tahun=TAHUN)
    write_demo_registry(c, 300, seed=8, tahun=TAHUN)
    assert _sha(a) == _sha(b)
    assert _sha(a) != _sha(c)


def test_layout_as_a_clerk_sends_it(demo):
    path, summary, raw, rows, _ = demo
    assert raw[0][0] == f"DAFTAR CALON PESERTA BANTUAN IURAN BPJS KETENAGAKERJAAN PEKERJA RENTAN TAHUN {TAHUN}"
    assert all(v is None for v in raw[1])
    assert list(raw[2]) == HEADERS
    assert [r["No"] for r in rows] == list(range(1, summary.total_rows + 1))
    ws = openpyxl.load_workbook(path, read_only=True)[SHEET]
    domisili = next(ws.iter_rows(min_row=4, max_row=4, min_col=12, max_col=12))[0]
    assert domisili.is_date and domisili.number_format == "dd-mm-yyyy"


def test_counts(demo):
    _, summary, _, rows, valid = demo
    assert summary.valid == COUNT == len(valid)
    assert summary.broken == BROKEN
    assert all(1 <= n <= 2 for n in summary.broken.values()) and summary.broken["ganda_berkas"] == 2
    assert summary.total_rows == len(rows) == COUNT + sum(BROKEN.values())
    assert Counter(summary.broken_rows.values()) == Counter(BROKEN)


def test_broken_rows_are_scattered(demo):
    _, summary, _, _, _ = demo
    nos = sorted(summary.broken_rows)
    assert nos[0] < summary.total_rows / 2 < nos[-1]
    assert nos[-1] - nos[0] > summary.total_rows / 2


def test_every_row_breaks_exactly_its_rule(demo):
    _, summary, _, rows, _ = demo
    niks = Counter(r["No. KTP"] for r in rows)
    for r in rows:
        expected = {summary.broken_rows[r["No"]]} if r["No"] in summary.broken_rows else set()
        assert _violations(r, niks) == expected, r


def test_broken_raw_values(demo):
    _, summary, _, rows, _ = demo
    by_rule: dict[str, list[dict]] = {}
    for r in rows:
        if r["No"] in summary.broken_rows:
            by_rule.setdefault(summary.broken_rows[r["No"]], []).append(r)
    for r in by_rule["nik_format"]:
        assert isinstance(r["No. KTP"], str) and re.fullmatch(r"\d{15}", r["No. KTP"])
    for r in by_rule["nik_excel"]:
        v = r["No. KTP"]
        assert isinstance(v, (int, float)) and not isinstance(v, bool)
        assert len(str(int(v))) == 16 and int(v) % 10 == 0  # the 16th digit is lost
    a, b = by_rule["ganda_berkas"]
    assert a["No. KTP"] == b["No. KTP"] and a["Sumber"] != b["Sumber"]
    assert [_lahir(r["Tempat/Tgl Lahir"])[1] for r in by_rule["tanggal"]] == [None]
    assert all(re.search(r", 31-02-\d{4}$", r["Tempat/Tgl Lahir"]) for r in by_rule["tanggal"])
    assert [r["Nama Lengkap"] for r in by_rule["wajib"]] == [None]
    assert [r["Pekerjaan"] for r in by_rule["sektor"]] == ["Dokter Gigi"]
    assert [r["Kel."] for r in by_rule["kelurahan"]] == ["Loa Janan Ilir"]
    assert all(_usia(_lahir(r["Tempat/Tgl Lahir"])[1]) >= 65 for r in by_rule["usia"])
    assert all(_usia(_lahir(r["Tempat/Tgl Lahir"])[1]) < 18 for r in by_rule["usia_minimum"])
    assert all(r["Penghasilan Rata-rata"] > program().umk(TAHUN) for r in by_rule["penghasilan"])


# Faker id_ID's name() adds these: "Dr.", "Ir.", "H.", "KH.", "Tgk.", ", S.Kom", ", S.E." ...
TITLES = re.compile(r"(^|\s)(dr|drs|drg|ir|h|hj|kh|r|ra|rm|t|tgk|dt|s\.\w+|m\.\w+)\.|,|\bS\.?(Kom|Pd|H|E|T|Ked)\b",
                    re.I)


def test_names_look_indonesian_without_titles(demo):
    *_, valid = demo
    names = [r["Nama Lengkap"] for r in valid]
    assert not [n for n in names if TITLES.search(n) or "." in n]
    assert all(re.fullmatch(r"[A-Za-z]+( [A-Za-z]+)*", n) for n in names)
    assert len(set(names)) > COUNT / 3  # not a handful of names repeated
    upper = sum(n.isupper() for n in names) / len(names)
    assert 0.4 < upper < 0.7  # clerks type some lists in capitals


def test_nik_consistent_with_birth_date_and_sex(demo):
    *_, valid = demo
    niks = [r["No. KTP"] for r in valid]
    assert len(set(niks)) == len(niks)
    for r in valid:
        nik = parse_nik(r["No. KTP"])
        assert nik.tanggal_lahir == _lahir(r["Tempat/Tgl Lahir"])[1], r
        assert nik.jenis_kelamin == r["L/P"]
        assert int(nik.nomor_urut) >= 1


def test_nik_region_is_mostly_balikpapan_matching_kecamatan(demo):
    *_, valid = demo
    outside = 0
    for r in valid:
        kel = cari_kelurahan(r["Kel."])
        if r["No. KTP"].startswith("6471"):
            assert r["No. KTP"][4:6] == kel.kecamatan.kode[-2:], r
        else:
            outside += 1
    assert 0.10 < outside / len(valid) < 0.20


def test_kelurahan_all_present_spread_unevenly_and_spelled_many_ways(demo):
    *_, valid = demo
    per = Counter(cari_kelurahan(r["Kel."]).kode for r in valid)
    assert set(per) == {k.kode for k in KELURAHAN}
    assert max(per.values()) > 3 * min(per.values())
    for r in valid:
        assert r["Kecamatan"].lower() == cari_kelurahan(r["Kel."]).kecamatan.nama.lower()
    spellings = {r["Kel."] for r in valid}
    assert {"Kel. Gn. Samarinda", "SUNGAI NANGKA", "Sepinggan  Baru", "Sungainangka", "muara rapak"} <= spellings


def test_sector_mix(demo):
    *_, valid = demo
    share = Counter(program().cari_sektor(r["Pekerjaan"]) for r in valid)
    assert None not in share
    for kode, (pct, _, _) in SEKTOR.items():
        assert abs(share[kode] / len(valid) * 100 - pct) < 2.5, (kode, share[kode])
    assert len({r["Pekerjaan"] for r in valid}) > 20


def test_occupation_table_points_to_its_sector():
    for kode, (_, _, pekerjaan) in SEKTOR.items():
        for p in pekerjaan:
            assert program().cari_sektor(p) == kode, p
            assert program().cari_sektor(p.upper()) == kode, p
    assert sum(s[0] for s in SEKTOR.values()) == 100


def test_people_ages_sexes_places(demo):
    *_, valid = demo
    lahir = [_lahir(r["Tempat/Tgl Lahir"]) for r in valid]
    ages = [_usia(d) for _, d in lahir]
    assert min(ages) >= 18 and max(ages) <= 64
    assert 30 < sum(ages) / len(ages) < 45
    men = sum(r["L/P"] == "L" for r in valid) / len(valid)
    assert 0.55 < men < 0.68
    places = Counter(t.title() for t, _ in lahir)
    assert 0.5 < places["Balikpapan"] / len(valid) < 0.8
    assert {"Samarinda", "Makassar", "Surabaya", "Banjarmasin", "Pare-Pare"} <= set(places)
    formats = Counter("/" if "/" in t else "-" if re.search(r"\d-\d", t) else "long"
                      for t in (r["Tempat/Tgl Lahir"] for r in valid))
    assert all(n > len(valid) / 10 for n in formats.values()) and len(formats) == 3


def test_income_domicile_phone_address(demo):
    *_, valid = demo
    umk = program().umk(TAHUN)
    incomes = [r["Penghasilan Rata-rata"] for r in valid]
    assert all(isinstance(v, int) and 0 < v <= umk for v in incomes)
    assert sum(1_000_000 <= v <= 3_500_000 for v in incomes) / len(incomes) > 0.85
    batas = dt.date(TAHUN - 1, 7, 1)  # 6 months before 1 January
    for r in valid:
        d = r["Domisili Sejak"]
        assert isinstance(d, dt.datetime) and d.date() <= batas
        assert d.date() >= _lahir(r["Tempat/Tgl Lahir"])[1]
        assert isinstance(r["No. HP"], str) and re.fullmatch(r"08\d{9,11}", r["No. HP"])
        assert re.match(r"Jl\. .+ RT[ .]\d+", r["Alamat"])
        assert r["Sumber"].startswith(("Kelurahan ", "Dinas "))
    assert sum(r["Sumber"].startswith("Dinas ") for r in valid) > len(valid) / 10
