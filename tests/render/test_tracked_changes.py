"""The consolidated Perwali as a DOCX with real Word tracked changes against Perwali 3/2025: accepting
every change gives the consolidated text, rejecting every change gives the original, and LibreOffice
opens it and sees the changes as changes."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from rentan.legal.act import act_blocks, load_act
from rentan.legal.amendment import apply, load_amendment
from rentan.legal.blocks import Block
from rentan.render.tracked_changes import (accepted_text, diff_words, rejected_text, revision_count,
                                           tracked_changes_docx, write_tracked_changes)

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def base():
    return load_act(DRAFTS / "perwali-3-2025.yaml")


@pytest.fixture(scope="module")
def amendment():
    return load_amendment(DRAFTS / "perubahan-perwali-3-2025.yaml")


@pytest.fixture(scope="module")
def docx(base, amendment, tmp_path_factory) -> Path:
    return write_tracked_changes(base, amendment, tmp_path_factory.mktemp("tc") / "perwali-3-2025-terpadu.docx")


def test_accepting_every_change_gives_the_consolidated_text(docx, base, amendment):
    assert accepted_text(docx) == [b.text for b in act_blocks(apply(base, amendment, annotate=False))]


def test_rejecting_every_change_gives_the_original_text(docx, base):
    assert rejected_text(docx) == [b.text for b in act_blocks(base)]


def test_changes_are_revisions_with_author_date_and_unique_ids(docx):
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        settings_xml = z.read("word/settings.xml").decode()
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids)) > 0
    assert {m.get(f"{W}author") for m in marks} == {"Bagian Hukum Sekretariat Daerah Kota Balikpapan"}
    assert {m.get(f"{W}date") for m in marks} == {"2025-11-03T00:00:00Z"}
    assert "<w:trackRevisions/>" in settings_xml
    counts = revision_count(docx)
    assert counts["ins"] > 0 and counts["del"] > 0


def test_a_changed_definition_shows_the_old_word_struck_and_the_new_one_inserted(docx):
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    para = next(p for p in root.iter(f"{W}p") if "Dinas adalah Dinas " in "".join(p.itertext()))
    deleted = "".join(t.text for t in para.iter(f"{W}delText"))
    inserted = "".join(t.text for i in para.iter(f"{W}ins") for t in i.iter(f"{W}t"))
    assert (deleted, inserted) == ("Ketenagakerjaan", "Sosial")


def test_same_input_gives_a_byte_identical_file(base, amendment, tmp_path, docx):
    again = write_tracked_changes(base, amendment, tmp_path / "lagi.docx")
    assert again.read_bytes() == docx.read_bytes()
    with zipfile.ZipFile(docx) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 3, 0, 0, 0)}


def test_word_diff_keeps_unchanged_words():
    assert diff_words("Dinas adalah Dinas Ketenagakerjaan Kota Balikpapan.",
                      "Dinas adalah Dinas Sosial Kota Balikpapan.") == [
        ("equal", "Dinas adalah Dinas "), ("delete", "Ketenagakerjaan"), ("insert", "Sosial"),
        ("equal", " Kota Balikpapan.")]
    assert diff_words("Pelaksanaan teknis oleh bidang pada Dinas.", "Dihapus.") == [
        ("delete", "Pelaksanaan teknis oleh bidang pada Dinas."), ("insert", "Dihapus.")]


_WORDS = st.sampled_from(["Dinas", "Sosial", "Ketenagakerjaan", "Peserta", "Iuran", "dan", "atau", "(1)", "Pasal",
                          "5A", "Rp16.800,00", "…", "huruf", "a", "dihapus."])
_BLOCKS = st.builds(
    lambda kind, label, words: Block(kind, " ".join(words), label=label, level=1 if kind == "butir" else 0),
    st.sampled_from(["ayat", "butir", "paragraf", "pasal"]), st.sampled_from(["", "(1)", "a.", "11a."]),
    st.lists(_WORDS, min_size=1, max_size=6))


@settings(max_examples=25, deadline=None)
@given(old=st.lists(_BLOCKS, min_size=1, max_size=8), new=st.lists(_BLOCKS, min_size=1, max_size=8))
def test_any_pair_of_texts_round_trips_through_tracked_changes(tmp_path_factory, old, new):
    path = tmp_path_factory.mktemp("h") / "x.docx"
    path.write_bytes(tracked_changes_docx(old, new, author="uji", date=dt.date(2025, 11, 3)))
    assert accepted_text(path) == [b.text for b in new]
    assert rejected_text(path) == [b.text for b in old]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_libreoffice_opens_it_and_sees_the_changes_as_changes(docx, tmp_path):
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    out = tmp_path / "out"
    for fmt in ("pdf", "odt"):
        subprocess.run(["soffice", profile, "--headless", "--convert-to", fmt, "--outdir", str(out), str(docx)],
                       check=True, capture_output=True, timeout=180)
    pdf = out / f"{docx.stem}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    with zipfile.ZipFile(out / f"{docx.stem}.odt") as z:
        content = z.read("content.xml").decode()
    assert "<text:tracked-changes" in content
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content, re.S)
    insertions = [r for r in regions if "<text:insertion>" in r]
    deletions = [r for r in regions if "<text:deletion>" in r]
    assert len(insertions) >= 7 and len(deletions) >= 5
    assert any(">Ketenagakerjaan<" in r for r in deletions)
    assert all("<dc:creator>Bagian Hukum Sekretariat Daerah Kota Balikpapan</dc:creator>" in r for r in regions)
