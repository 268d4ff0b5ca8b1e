"""Import benchmark: a 70,000-row kelurahan XLSX into a fresh SQLite registry.

    python bench/bench_import.py [--rows 70000] [--repeat 1]

Prints, from one run, wall time and peak memory of three commands, each in a fresh process:
`rentan registry import` into an empty registry, the same import again (nothing changes), and the
naive baseline of merely reading the same file with python-calamine (every cell to Python, nothing
else). Targets (DESIGN.md, 2 cores): import < 5 s, the re-import < 3 s, peak < 500 MB.
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


def run(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, peak MB and exit code of `cmd`, measured through a fresh parent process so
    that each figure is that command's own peak."""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], env=env, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t
    kb, rc = out.split()
    return wall, int(kb) / 1024, int(rc)


NAIVE = """
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
"""

TARGETS = {"import": (5.0, 500), "again": (3.0, 500)}


def verdict(name: str, wall: float, mb: float) -> str:
    limit_s, limit_mb = TARGETS[name]
    return "OK" if wall < limit_s and mb < limit_mb else "MISSED"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=70000)
    ap.add_argument("--repeat", type=int, default=1, help="measure the three commands this many times")
    args = ap.parse_args()
    from rentan.registry.demo import write_demo_registry

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "kelurahan.xlsx"
        t = time.perf_counter()
        s = write_demo_registry(src, count=args.rows, seed=7, tahun=2026)
        print(f"data: {s.total_rows} rows written in {time.perf_counter() - t:.1f} s ({src.stat().st_size / 1e6:.1f} MB)")
        cli = [sys.executable, "-m", "rentan.cli", "registry", "import", str(src), "--tahun", "2026"]
        for k in range(args.repeat):
            db = Path(tmp) / f"bench-{k}.sqlite3"
            env = {**os.environ, "RENTAN_HOME": tmp, "RENTAN_DATABASE_URL": f"sqlite:///{db}"}
            wall, mb, rc = run(cli, env)
            print(f"rentan registry import : {wall:6.2f} s  {mb:6.0f} MB  {verdict('import', wall, mb):6}"
                  f" (exit {rc}: 1 = some rows rejected, as planted)")
            wall2, mb2, _ = run(cli, env)
            print(f"same file again        : {wall2:6.2f} s  {mb2:6.0f} MB  {verdict('again', wall2, mb2):6}"
                  " (nothing changes)")
            nwall, nmb, _ = run([sys.executable, "-c", NAIVE, str(src)], env)
            print(f"naive: python-calamine reading only: {nwall:6.2f} s  {nmb:6.0f} MB")
            print(f"ratio import / naive read: {wall / nwall:.2f}; again / naive read: {wall2 / nwall:.2f}")


if __name__ == "__main__":
    main()
