"""Import benchmark: a 70,000-row kelurahan XLSX into a fresh SQLite registry (target < 20 s).

    python bench/bench_import.py [--rows 70000]

Prints wall time and peak memory of `rentan registry import` (one process), beside the naive
baseline of merely reading the same file with openpyxl in read-only mode, measured in this run.
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
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = sum(1 for _ in wb.active.iter_rows(values_only=True))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=70000)
    args = ap.parse_args()
    from rentan.registry.demo import write_demo_registry

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "kelurahan.xlsx"
        t = time.perf_counter()
        s = write_demo_registry(src, count=args.rows, seed=7, tahun=2026)
        print(f"data: {s.total_rows} rows written in {time.perf_counter() - t:.1f} s ({src.stat().st_size / 1e6:.1f} MB)")
        env = {**os.environ, "RENTAN_HOME": tmp, "RENTAN_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
        wall, mb, rc = run([sys.executable, "-m", "rentan.cli", "registry", "import", str(src), "--tahun", "2026"], env)
        print(f"rentan registry import : {wall:6.2f} s  {mb:7.0f} MB  (exit {rc}: 1 = some rows rejected, as planted)")
        wall2, mb2, _ = run([sys.executable, "-m", "rentan.cli", "registry", "import", str(src), "--tahun", "2026"], env)
        print(f"same file again        : {wall2:6.2f} s  {mb2:7.0f} MB  (nothing changes)")
        nwall, nmb, _ = run([sys.executable, "-c", NAIVE, str(src)], env)
        print(f"naive: openpyxl read-only, reading only: {nwall:6.2f} s  {nmb:7.0f} MB")
        print(f"ratio import / naive read: {wall / nwall:.2f}; target < 20 s: {'OK' if wall < 20 else 'MISSED'}")


if __name__ == "__main__":
    main()
