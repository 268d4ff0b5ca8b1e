"""What a clerk sees when something goes wrong (issue 11): one Indonesian line and a non-zero exit
code, never a traceback; the trace of anything unexpected in an owner-only log whose path the line
names, with NIK-like numbers masked; private files and folders; CSV exports that cannot run."""
import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from rentan.errors import mask_numbers, record_trace

ROOT = Path(__file__).resolve().parents[1]


def rentan(*args, cwd=None, timeout=240) -> subprocess.CompletedProcess:
    """The `rentan` command as a clerk runs it (the console script install.sh puts on PATH)."""
    command = shutil.which("rentan") or pytest.fail("the rentan command is not installed (bash install.sh)")
    return subprocess.run([command, *map(str, args)], capture_output=True, text=True, cwd=cwd or ROOT,
                          timeout=timeout)


def assert_one_clean_line(p: subprocess.CompletedProcess, code: int, fragment: str) -> str:
    assert p.returncode == code, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stdout + p.stderr
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("GAGAL: ") and fragment in lines[-1], p.stderr
    return lines[-1]


def test_refusals_end_with_one_line(home, tmp_path):
    assert_one_clean_line(rentan("run", "iuran-bulanan", "--periode", "Januari 2026"), 2, "harus berbentuk TTTT-BB")
    assert_one_clean_line(rentan("registry", "export", tmp_path / "x.txt"), 2, "ekspor hanya ke .xlsx atau .csv")
    assert_one_clean_line(rentan("registry", "end", "6471011208750001", "--alasan", "meninggal", "--tanggal",
                                 "10-02-2026"), 2, "tidak ada di registri")


def test_an_unexpected_error_names_the_log_and_the_log_masks_niks(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "registry.sqlite3").write_bytes(b"bukan basis data " * 100)  # a broken registry file
    line = assert_one_clean_line(rentan("registry", "end", "6471011208750001", "--alasan", "meninggal",
                                        "--tanggal", "10-02-2026"), 3, "terjadi kesalahan yang tidak terduga")
    log = home / "log" / "rentan.log"
    assert str(log) in line
    assert log.stat().st_mode & 0o777 == 0o600 and log.parent.stat().st_mode & 0o777 == 0o700
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "6471011208750001" not in text and "6471********0001" in text


def test_masking_and_the_trace_file():
    assert mask_numbers("NIK 6471011208750001 dan 64710112087500011") == \
        "NIK 6471********0001 dan 64710112087500011"  # 17 digits are not a NIK
    try:
        raise RuntimeError("gagal untuk 6471011208750001")
    except RuntimeError as e:
        path = record_trace(e, "uji")
    assert "6471011208750001" not in path.read_text(encoding="utf-8")


def test_the_registry_is_private(home):
    from rentan.registry.db import session
    from sqlalchemy import text
    with session() as s:
        s.execute(text("select 1"))
    for f in home.glob("registry.sqlite3*"):
        assert f.stat().st_mode & 0o777 == 0o600, f
    assert home.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
                                  "\t=1+1", "＝1+1"])
def test_csv_export_never_holds_a_formula(home, tmp_path, name):
    from rentan.registry.export import export_registry
    from rentan.registry.importer import import_registry
    from tests.registry.helpers import person, write_xlsx
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(1, **{"Nama Lengkap": name})]), 2026)
    export_registry(tmp_path / "x.csv")
    with open(tmp_path / "x.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "＝")), cell
    assert rows[1][2] == "'" + " ".join(name.split())  # the name, kept as text


def test_a_stray_inspect_py_in_the_working_folder_does_not_break_flows(home, tmp_path):
    (tmp_path / "inspect.py").write_text("raise SystemExit('inspect.py milik pengguna diimpor')\n", encoding="utf-8")
    p = rentan("run", "perwali", cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "Naskah perubahan Perwali" in p.stdout
