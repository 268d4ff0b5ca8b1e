"""The document engine: DOCX through docxtpl, PDF through WeasyPrint, assembly through pypdf,
outputs with a manifest. Each test reads the produced file back as a reviewer's tools would."""
import datetime as dt
import json
import subprocess
import threading
import zipfile

import docx
import pytest
from pypdf import PdfReader

from rentan.clock import add_working_days, is_working_day, working_day_on_or_before
from rentan.registry import numbers
from rentan.render.assemble import assemble
from rentan.render.docx import broken_tags, render_docx, undeclared
from rentan.render.pdf import render_pdf

WHEN = dt.date(2026, 1, 5)
TRICKY = "Ma'ruf & Sons <CV>\x0b \"Bu Endah\""


@pytest.fixture
def simple_template(tmp_path):
    d = docx.Document()
    d.add_paragraph("Nama: {{ nama }}")
    d.add_paragraph("Iuran: {{ iuran | rupiah_terbilang }}; peserta {{ n | angka_kata }} orang; {{ tgl | tanggal }}")
    p = tmp_path / "t.docx"
    d.save(str(p))
    return p


def test_docx_escapes_names_and_drops_control_characters(tmp_path, simple_template):
    out = render_docx(simple_template, {"nama": TRICKY, "iuran": 16800, "n": 14, "tgl": WHEN}, tmp_path / "o.docx",
                      when=WHEN, title="Uji", author="Dinas Sosial Kota Balikpapan")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "Nama: Ma'ruf & Sons <CV> \"Bu Endah\""
    assert texts[1] == ("Iuran: Rp16.800,00 (enam belas ribu delapan ratus rupiah); peserta 14 (empat belas) orang; "
                        "5 Januari 2026")
    props = docx.Document(str(out)).core_properties
    assert (props.title, props.author, props.created.date()) == ("Uji", "Dinas Sosial Kota Balikpapan", WHEN)


def test_docx_is_byte_identical_for_the_same_input(tmp_path, simple_template):
    ctx = {"nama": "A", "iuran": 1, "n": 1, "tgl": WHEN}
    a = render_docx(simple_template, ctx, tmp_path / "a.docx", when=WHEN, title="t", author="a").read_bytes()
    b = render_docx(simple_template, ctx, tmp_path / "b.docx", when=WHEN, title="t", author="a").read_bytes()
    assert a == b
    assert {i.date_time for i in zipfile.ZipFile(tmp_path / "a.docx").infolist()} == {(2026, 1, 5, 0, 0, 0)}


def test_missing_variable_is_an_error_and_leaves_no_file(tmp_path, simple_template):
    with pytest.raises(ValueError, match="variabel yang tidak ada: iuran"):
        render_docx(simple_template, {"nama": "A", "n": 1, "tgl": WHEN}, tmp_path / "o.docx", when=WHEN, title="t",
                    author="a")
    assert list(tmp_path.glob("*o.docx*")) == []


def test_template_check_finds_split_tags_and_unknown_variables(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Yth. {{ kep")  # Word split the tag over two runs (a spelling mark, a font change)
    p.add_run("ada }}")
    d.add_paragraph("{{ tidak_ada }}")
    f = tmp_path / "t.docx"
    d.save(str(f))
    assert broken_tags(f) == ["Yth. {{ kepada }}"]
    assert "tidak_ada" in undeclared(f, {"kepada": "x"})


def test_pdf_is_pdfa_deterministic_and_says_page_x_of_y(tmp_path):
    tpl = tmp_path / "t.html"
    tpl.write_text('{% extends "_base.html" %}{% block body %}<p>{{ nama }}</p>'
                   '<p style="page-break-before: always">{{ 16800 | rupiah }}</p>{% endblock %}', encoding="utf-8")
    kw = dict(when=WHEN, title="Surat Uji", author="Dinas Sosial Kota Balikpapan", subject="uji", paper="F4")
    a = render_pdf(tpl, {"nama": TRICKY}, tmp_path / "a.pdf", **kw)
    b = render_pdf(tpl, {"nama": TRICKY}, tmp_path / "b.pdf", **kw)
    assert a.read_bytes() == b.read_bytes()
    r = PdfReader(str(a))
    assert "Ma'ruf & Sons <CV>" in r.pages[0].extract_text()
    assert "Halaman 1 dari 2" in r.pages[0].extract_text() and "Halaman 2 dari 2" in r.pages[1].extract_text()
    assert round(float(r.pages[0].mediabox.width) / 72 * 25.4) == 215
    assert round(float(r.pages[0].mediabox.height) / 72 * 25.4) == 330
    assert r.metadata.title == "Surat Uji" and r.metadata.author == "Dinas Sosial Kota Balikpapan"
    root = r.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in xmp and b"<dc:title>" in xmp
    assert "/OutputIntents" in root
    subprocess.run(["qpdf", "--check", str(a)], check=True, capture_output=True)


def test_assembly_merges_labels_watermarks_and_sets_metadata(tmp_path):
    tpl = tmp_path / "t.html"
    tpl.write_text('{% extends "_base.html" %}{% block body %}<p>{{ isi }}</p>{% endblock %}', encoding="utf-8")
    kw = dict(when=WHEN, title="x", author="y")
    render_pdf(tpl, {"isi": "SURAT"}, tmp_path / "a.pdf", **kw)
    render_pdf(tpl, {"isi": "LAMPIRAN"}, tmp_path / "b.pdf", **kw)
    n = assemble([tmp_path / "a.pdf", tmp_path / "b.pdf"], tmp_path / "m.pdf", title="Surat 1/2026",
                 author="Dinas Sosial Kota Balikpapan", subject="Hal", when=WHEN, watermark="KONSEP",
                 labels=[(0, ""), (1, "Lampiran-")])
    r = PdfReader(str(tmp_path / "m.pdf"))
    assert n == 2 and list(r.page_labels) == ["1", "Lampiran-1"]
    assert "SURAT" in r.pages[0].extract_text() and "LAMPIRAN" in r.pages[1].extract_text()
    assert all("KONSEP" in p.extract_text() for p in r.pages)
    assert r.metadata.title == "Surat 1/2026" and r.metadata["/CreationDate"].startswith("D:20260105")
    root = r.trailer["/Root"]  # the PDF/A-3b declaration survives the merge and agrees with the info
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in xmp and b">Surat 1/2026<" in xmp
    assert "/OutputIntents" in root and root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    fonts = subprocess.run(["pdffonts", str(tmp_path / "m.pdf")], capture_output=True, text=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    again = assemble([tmp_path / "a.pdf", tmp_path / "b.pdf"], tmp_path / "m2.pdf", title="Surat 1/2026",
                     author="Dinas Sosial Kota Balikpapan", subject="Hal", when=WHEN, watermark="KONSEP",
                     labels=[(0, ""), (1, "Lampiran-")])
    assert again == 2 and (tmp_path / "m.pdf").read_bytes() == (tmp_path / "m2.pdf").read_bytes()
    subprocess.run(["qpdf", "--check", str(tmp_path / "m.pdf")], check=True, capture_output=True)


def test_number_register_same_key_same_number_and_no_gaps(home):
    fmt = lambda u: f"400.9/{u}/Dinsos"  # noqa: E731
    first = numbers.assign("surat/a", "dinsos/2026", WHEN, fmt)
    again = numbers.assign("surat/a", "dinsos/2026", dt.date(2026, 2, 1), fmt)
    assert (first.nomor, first.baru, again.nomor, again.tanggal, again.baru) == (
        "400.9/1/Dinsos", True, "400.9/1/Dinsos", WHEN, False)
    assert numbers.assign("surat/b", "dinsos/2026", WHEN, fmt).nomor == "400.9/2/Dinsos"
    assert numbers.assign("surat/c", "disnaker/2025", WHEN, fmt).urut == 1  # each series counts on its own


def test_concurrent_runs_never_share_a_number_or_leave_a_gap(home):
    fmt = lambda u: f"400.9/{u}/Dinsos"  # noqa: E731
    results, errors = [], []

    def take(i):
        try:
            results.append(numbers.assign(f"surat/{i % 10}", "dinsos/2026", WHEN, fmt))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=take, args=(i,)) for i in range(30)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    by_key = {}
    for r in results:
        by_key.setdefault(r.kunci, set()).add(r.nomor)
    assert all(len(v) == 1 for v in by_key.values())  # one number per document key
    assert sorted(next(iter(v)) for v in by_key.values()) == sorted(fmt(u) for u in range(1, 11))  # 1..10, no gap


# Libur nasional and cuti bersama of the SKB 3 Menteri, 2025–2027 (cuti bersama marked *): the
# offices are closed on all of them, so none is a hari kerja in a deadline.
CLOSED = {
    2025: ["01-01", "01-27", "01-28*", "01-29", "03-28*", "03-31", "04-01", "04-02*", "04-03*", "04-04*",
           "04-07*", "04-18", "05-01", "05-12", "05-13*", "05-29", "05-30*", "06-06", "06-09*", "06-27",
           "08-18*", "09-05", "12-25", "12-26*"],
    2026: ["01-01", "01-16", "02-16*", "02-17", "03-18*", "03-19", "03-20*", "03-23*", "03-24*", "04-03",
           "05-01", "05-14", "05-15*", "05-27", "05-28*", "06-01", "06-16", "08-17", "08-25", "12-24*",
           "12-25"],
    2027: ["01-01", "01-05", "02-05*", "03-08", "03-09*", "03-10", "03-11", "03-12*", "03-15*", "03-25*",
           "03-26", "05-06", "05-17", "05-18*", "05-19*", "05-20", "06-01", "08-17", "12-24*"],
}


def test_working_days_skip_weekends_national_holidays_and_cuti_bersama():
    from rentan.clock import holiday_name
    for year, days in CLOSED.items():
        for md in days:
            d = dt.date.fromisoformat(f"{year}-{md.rstrip('*')}")
            assert not is_working_day(d), d
            assert ("Joint Holiday" in holiday_name(d)) == md.endswith("*"), (d, holiday_name(d))
    # every weekday that is not on the list is a working day
    for year, days in CLOSED.items():
        closed = {dt.date.fromisoformat(f"{year}-{md.rstrip('*')}") for md in days}
        d = dt.date(year, 1, 1)
        while d.year == year:
            if d.weekday() < 5:
                assert is_working_day(d) == (d not in closed), d
            d += dt.timedelta(days=1)
    assert not is_working_day(dt.date(2026, 1, 3))  # Saturday
    assert working_day_on_or_before(dt.date(2026, 1, 4)) == dt.date(2026, 1, 2)
    assert add_working_days(dt.date(2025, 12, 31), 1) == dt.date(2026, 1, 2)
    # A deadline across Christmas skips the cuti bersama. 25 December 2025 (Thursday) is Natal, 26 December (Friday) its cuti bersama, 1 January 2026
    # Tahun Baru: 14 hari kerja from Monday 15 December 2025 end on Wednesday 7 January 2026
    # (without the cuti bersama: 6 January).
    assert add_working_days(dt.date(2025, 12, 15), 14) == dt.date(2026, 1, 7)
    assert add_working_days(dt.date(2025, 12, 24), 1) == dt.date(2025, 12, 29)
    # 24 December 2026 (Thursday) cuti bersama, 25 December (Friday) Natal
    assert add_working_days(dt.date(2026, 12, 23), 1) == dt.date(2026, 12, 28)
    # a memo of 3 November 2025: 14 hari kerja (Pasal 7 ayat (3)) → Friday 21 November 2025
    assert add_working_days(dt.date(2025, 11, 3), 14) == dt.date(2025, 11, 21)


def test_templates_check_passes_on_what_we_ship_and_catches_a_clerks_mistake(tmp_path, monkeypatch):
    import shutil

    from click.testing import CliRunner

    from rentan import paths
    from rentan.cli import main
    ok = CliRunner().invoke(main, ["templates", "check"])
    assert ok.exit_code == 0, ok.output
    assert "OK    iuran/surat" in ok.output and "OK    sk/keputusan" in ok.output
    copy = tmp_path / "templates"
    shutil.copytree(paths.templates(), copy)
    memo = copy / "verifikasi" / "memo.docx"
    d = docx.Document(str(memo))
    p = d.add_paragraph()
    p.add_run("Hormat kami, {{ nama_kep")  # a tag Word split in two, and a variable we do not give
    p.add_run("ala }}")
    d.save(str(memo))
    monkeypatch.setenv("RENTAN_TEMPLATES", str(copy))
    bad = CliRunner().invoke(main, ["templates", "check"])
    assert bad.exit_code == 1
    assert "SALAH verifikasi/memo" in bad.output
    assert "tag terpotong" in bad.output and "nama_kepala" in bad.output
