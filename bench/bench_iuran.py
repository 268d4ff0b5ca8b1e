"""Monthly remittance benchmark: a 36,000-participant month end to end (target < 10 s), and the
same month again (returning the issued letter: under 1 s beyond start-up).

    python bench/bench_iuran.py [--peserta 36000]

Builds a registry of that many enrolled participants (synthetic, through the real import), then
times `rentan run iuran-bulanan` (Prefect flow, ephemeral mode, a fresh process: import, Prefect
start-up, letter, recap, chart, data file) beside the naive baseline of one docxtpl letter with the
whole participant list as a table row loop, measured in the same run.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_MEASURE = ("import resource, subprocess, sys; "
            "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")

NAIVE = """
import sys, datetime as dt
from docx import Document
from docxtpl import DocxTemplate
from sqlalchemy import select
from rentan.registry.db import session
from rentan.registry.models import Peserta
d = Document(); d.add_paragraph("{{ n }} peserta")
t = d.add_table(rows=3, cols=4)
t.cell(0, 0).text = "{%tr for p in people %}"
t.cell(1, 0).text = "{{ p.nik }}"; t.cell(1, 1).text = "{{ p.nama }}"; t.cell(1, 2).text = "{{ p.tgl }}"
t.cell(1, 3).text = "16800"
t.cell(2, 0).text = "{%tr endfor %}"
d.save(sys.argv[1] + "/t.docx")
with session() as s:
    people = [{"nik": p.nik, "nama": p.nama, "tgl": p.tanggal_lahir.isoformat()} for p in s.scalars(select(Peserta))]
tpl = DocxTemplate(sys.argv[1] + "/t.docx"); tpl.render({"people": people, "n": len(people)}); tpl.save(sys.argv[1] + "/o.docx")
assert len(Document(sys.argv[1] + "/o.docx").tables[0].rows) == len(people)
"""


def run(cmd, env):
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], env=env, capture_output=True, text=True).stdout
    kb, rc = out.split()
    return time.perf_counter() - t, int(kb) / 1024, int(rc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peserta", type=int, default=36000)
    n = ap.parse_args().peserta
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RENTAN_HOME": tmp, "RENTAN_DATABASE_URL": f"sqlite:///{tmp}/r.sqlite3",
               "RENTAN_OUTPUTS": f"{tmp}/out", "PREFECT_HOME": f"{tmp}/prefect",
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        os.environ.update(env)
        from sqlalchemy import text

        from rentan.registry.db import session
        from rentan.registry.demo import write_demo_registry
        from rentan.registry.importer import import_registry
        t = time.perf_counter()
        write_demo_registry(Path(tmp) / "d.xlsx", count=n, seed=3, tahun=2026)
        import_registry(Path(tmp) / "d.xlsx", 2026)
        with session() as s:
            s.execute(text("update kepesertaan set status='ditetapkan', mulai='2026-01-01', "
                           "nomor_sk='100.3.3.2/1/2026'"))
            enrolled = s.execute(text("select count(*) from kepesertaan")).scalar()
        print(f"registry: {enrolled} enrolled participants prepared in {time.perf_counter() - t:.1f} s")
        warm, _, _ = run([sys.executable, "-m", "rentan.cli", "run", "verifikasi", "--tahun", "2030"], env)
        print(f"(Prefect home created and migrated in a first flow run: {warm:.1f} s, not counted)")
        start_up, _, _ = run([sys.executable, "-m", "rentan.cli", "run", "iuran-bulanan", "--periode", "2031-01"], env)
        print(f"start-up: a refused period (process, Prefect, registry, no document): {start_up:6.2f} s")
        wall, mb, rc = run([sys.executable, "-m", "rentan.cli", "run", "iuran-bulanan", "--periode", "2026-01"], env)
        print(f"rentan run iuran-bulanan (end to end): {wall:6.2f} s {mb:7.0f} MB exit {rc}; target < 10 s: "
              f"{'OK' if wall < 10 and rc == 0 else 'MISSED'}")
        again, mb2, rc2 = run([sys.executable, "-m", "rentan.cli", "run", "iuran-bulanan", "--periode", "2026-01"], env)
        print(f"same period again (returns the issued letter): {again:6.2f} s {mb2:7.0f} MB exit {rc2}; "
              f"beyond start-up {again - start_up:+.2f} s (target < 1 s)")
        nwall, nmb, nrc = run([sys.executable, "-c", NAIVE, tmp], env)
        print(f"naive: one docxtpl letter with a {enrolled}-row loop: {nwall:6.2f} s {nmb:7.0f} MB exit {nrc}")


if __name__ == "__main__":
    main()
