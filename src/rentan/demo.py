"""`rentan demo`: the whole paperwork cycle on synthetic data, through the real import path.

The demo keeps its own registry (RENTAN_HOME/demo/) and writes its documents under outputs/demo/,
so it never mixes synthetic people into the real registry. Each run starts from a fresh demo
registry, so its output is the same every time.
"""
from __future__ import annotations

import os
import shutil
import time

import click

from rentan import paths
from rentan.idfmt import ribuan

TAHUN = 2026


def _use_demo_data_folder() -> None:
    demo_home = paths.home() / "demo"
    if demo_home.exists():
        shutil.rmtree(demo_home)
    demo_home.mkdir(parents=True)
    os.environ["RENTAN_DATABASE_URL"] = f"sqlite:///{demo_home / 'registry.sqlite3'}"
    os.environ["RENTAN_OUTPUTS"] = str(paths.project_root() / "outputs" / "demo")


def run_demo(count: int = 7100, seed: int = 2026) -> int:
    from rentan.cli import print_import_summary
    from rentan.registry.demo import write_demo_registry
    from rentan.registry.importer import import_registry

    started = time.perf_counter()
    _use_demo_data_folder()
    click.echo("== DEMO: data sintetis, bukan data warga sebenarnya ==")
    source = paths.home() / "demo" / f"contoh-daftar-peserta-{TAHUN}.xlsx"
    s = write_demo_registry(source, count=count, seed=seed, tahun=TAHUN)
    click.echo(f"1. Daftar contoh dari kelurahan: {source} ({ribuan(s.valid)} calon peserta sah, "
               f"{ribuan(sum(s.broken.values()))} baris yang sengaja melanggar aturan)")
    click.echo("2. Impor ke registri:")
    r = import_registry(source, TAHUN, oleh="demo")
    print_import_summary(r, limit=None)
    click.echo(f"Demo selesai dalam {time.perf_counter() - started:.1f} detik.")
    return 0
