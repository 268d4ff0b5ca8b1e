"""Where a draft's Mengingat codes are cited from: the draft's own folder when it holds a
dasar-hukum.yaml (a whole drafts folder copied elsewhere), else the drafts folder — so a clerk who
keeps an edited draft in another folder cites every act as the other documents do (issue 13.6)."""
from __future__ import annotations

import shutil

import pytest

from rentan.legal.act import ActError
from rentan.legal.amendment import load_amendment
from rentan.legal.dasar import CITATIONS, CitationError, citations_file

from .helpers import AMENDMENT_YAML

UU_40 = ("Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional (Lembaran Negara Republik "
         "Indonesia Tahun 2004 Nomor 150, Tambahan Lembaran Negara Republik Indonesia Nomor 4456);")


def test_a_draft_alone_in_another_folder_cites_from_the_drafts_folder(tmp_path):
    draft = tmp_path / "perubahan-salinan.yaml"
    shutil.copy(AMENDMENT_YAML, draft)
    assert citations_file(tmp_path) == AMENDMENT_YAML.parent / CITATIONS
    am = load_amendment(draft)
    assert am.mengingat[2] == UU_40
    assert am.mengingat == load_amendment(AMENDMENT_YAML).mengingat


def test_a_folder_with_its_own_list_cites_from_it(tmp_path):
    shutil.copy(AMENDMENT_YAML, tmp_path / "perubahan.yaml")
    (tmp_path / CITATIONS).write_text("uud_1945_18_6: {kutipan: UUD ayat (6), singkat: UUD}\n", encoding="utf-8")
    assert citations_file(tmp_path) == tmp_path / CITATIONS
    with pytest.raises(ActError, match=r"mengingat\[2\]: dasar hukum 'uu_27_1959' tidak ada"):
        load_amendment(tmp_path / "perubahan.yaml")


def test_an_unknown_code_names_itself_and_the_list():
    from rentan.legal.dasar import citation
    with pytest.raises(CitationError, match=r"dasar hukum 'uu_99_2099' tidak ada di drafts/dasar-hukum.yaml; yang ada: "
                                            r"uud_1945_18_6, uu_27_1959"):
        citation("uu_99_2099")
