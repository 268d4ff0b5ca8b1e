"""Killed runs leave nothing behind (issue 11): a run killed with SIGKILL at each point of issuing a
document — after taking its number, while the second Lampiran PDF is drawn by a child, with its
files staged, after putting them in place, after recording them — leaves the registry and the
number register as they were, no process of its own alive and no readable staging; the next run
cleans up and completes the document. The kill is `rentan.faults.point`: the process kills itself
with SIGKILL at the named point, as `kill -9` at that moment would."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rentan.registry.db import get_engine, session
from rentan.registry.models import IuranPeriode, Kepesertaan, NaskahTerbit, NomorSurat

from .documents.enrolled import enrolled_registry
from .registry.helpers import person, write_xlsx
from .year import set_year

ROOT = Path(__file__).resolve().parents[1]


def survivors(home: Path) -> list[str]:
    """Processes (other than this one) started for this test's data folder."""
    mark = f"RENTAN_HOME={home}".encode()
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if mark in (d / "environ").read_bytes().split(b"\0"):
                found.append((d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:120])
        except OSError:
            continue
    return found


def state() -> dict:
    with session() as s:
        return {"naskah": s.scalar(select(func.count()).select_from(NaskahTerbit)),
                "nomor": s.scalar(select(func.count()).select_from(NomorSurat)),
                "iuran": s.scalar(select(func.count()).select_from(IuranPeriode)),
                "status": sorted(s.execute(select(Kepesertaan.peserta_id, Kepesertaan.tahun, Kepesertaan.status,
                                                  Kepesertaan.nomor_sk)).all())}


def killed(code: str, point: str, home: Path, *args: str) -> None:
    """Run `code` (or the rentan command when `args`) with the crash point set; it must die by SIGKILL
    there, and nothing it started may outlive it."""
    env = {**os.environ, "RENTAN_UJI_HENTI": point}
    cmd = [shutil.which("rentan"), *args] if args else [sys.executable, "-c", code]
    p = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == -9, (p.returncode, p.stdout[-2000:], p.stderr[-3000:])
    deadline = time.monotonic() + 15
    while survivors(home) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert survivors(home) == [], survivors(home)


def staging_is_private(outputs: Path) -> None:
    staging = outputs / ".staging"
    if staging.exists():
        assert staging.stat().st_mode & 0o077 == 0
        for d in staging.iterdir():
            assert d.stat().st_mode & 0o077 == 0, d


SK = """
import datetime as dt
import rentan.render.annex_pdf as annex_pdf
annex_pdf.PARALLEL_ROWS = 1  # two Lampiran copies at once, one in a child process
from rentan.documents.sk import issue_sk
issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), final=True)
"""
IURAN = """
from rentan.documents.iuran import issue_month
issue_month("2026-01", final=True)
"""


@pytest.fixture
def verified(home, tmp_path):
    rows = [person(i) for i in range(1, 41)]
    from rentan.registry.importer import import_registry
    import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    set_year([r["No. KTP"] for r in rows], 2026, status="terverifikasi", validasi="diterima")
    get_engine()
    return Path(os.environ["RENTAN_OUTPUTS"])


@pytest.mark.parametrize("point", ["nomor", "lampiran", "staging", "terbit", "catat"])
def test_a_decree_killed_anywhere_leaves_nothing_and_completes_on_the_next_run(verified, home, point):
    before = state()
    killed(SK, point, home)
    assert state() == before  # no number, no record, nobody enrolled
    staging_is_private(verified)
    if point in ("nomor", "lampiran", "staging"):
        assert not (verified / "2026" / "sk-peserta" / "penetapan").exists()
    from rentan.documents.sk import issue_sk
    import datetime as dt
    done = issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), final=True)
    assert (done.baru, done.nomor, done.ringkasan["jumlah"]) == (True, "100.3.3.2/1/2025", 40)
    assert done.pesan is None  # a folder left in place by the killed run held the same files: adopted
    assert not (verified / ".staging").exists() or list((verified / ".staging").iterdir()) == []
    after = state()
    assert (after["naskah"], after["nomor"]) == (before["naskah"] + 1, before["nomor"] + 1)


def test_a_remittance_killed_through_rentan_run_leaves_no_prefect_server(home, tmp_path):
    enrolled_registry(tmp_path, 20)
    get_engine()
    before = state()
    killed("", "staging", home, "run", "iuran-bulanan", "--periode", "2026-01", "--final")
    assert state() == before
    from rentan.documents.iuran import issue_month
    done = issue_month("2026-01", final=True)
    assert done.baru and done.ringkasan["peserta"] == 20 and state()["iuran"] == 1


def test_a_remittance_killed_after_its_files_are_in_place_is_completed_not_lost(home, tmp_path):
    enrolled_registry(tmp_path, 20)
    get_engine()
    killed(IURAN, "terbit", home)
    outputs = Path(os.environ["RENTAN_OUTPUTS"])
    assert (outputs / "2026" / "iuran-bulanan" / "2026-01" / "manifest.json").exists()  # files, no record
    assert state()["iuran"] == 0
    from rentan.documents.iuran import issue_month
    done = issue_month("2026-01", final=True)
    assert done.baru and done.nomor == "400.9/1/Dinsos" and state()["iuran"] == 1
