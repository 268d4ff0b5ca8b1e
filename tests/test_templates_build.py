"""The DOCX templates are what staff edit in Word: rebuilding them never erases an edit silently."""
import shutil
import subprocess
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]


def test_a_template_edited_in_word_is_not_overwritten_by_a_rebuild(tmp_path):
    tpl = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", tpl)
    target = tpl / "verifikasi" / "memo.docx"
    d = docx.Document(target)
    d.add_paragraph("Tambahan petugas di Word.")
    d.save(target)
    edited = target.read_bytes()
    p = subprocess.run([sys.executable, str(tpl / "build.py"), "verifikasi"], capture_output=True, text=True, cwd=tpl)
    assert p.returncode == 0, p.stderr
    assert "memo.docx berbeda dengan hasil pembuatan ulang" in p.stdout and "tidak ditimpa" in p.stdout
    assert target.read_bytes() == edited
    assert "Tambahan petugas" not in "\n".join(x.text for x in docx.Document(tpl / "verifikasi" / "memo.baru.docx").paragraphs)
    again = subprocess.run([sys.executable, str(tpl / "build.py"), "--ganti", "verifikasi"], capture_output=True,
                           text=True, cwd=tpl)
    assert again.returncode == 0 and target.read_bytes() != edited
