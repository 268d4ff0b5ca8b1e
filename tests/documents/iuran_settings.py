"""Test-local settings for the remittance tests: a copy of the suite's overlay folder
(RENTAN_TAMBAHAN: the demo's fictitious facts, so finals can be issued) whose program.toml sets the
yearly budget (and the UMK) per coverage year as the test needs — a value for one year never leaks
into another."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

UMK = {2025: "3701508.68", 2026: "3856694.43"}


def _without(text: str, table: str) -> str:
    """`text` without the TOML table `[table]` (up to the next table header)."""
    return re.sub(rf"(?ms)^\[{re.escape(table)}\]\n.*?(?=^\[|\Z)", "", text)


def settings(tmp_path: Path, monkeypatch, anggaran: dict[int, int], umk: dict[int, str] | None = None) -> Path:
    """Use an overlay with exactly these budgets ({year: rupiah}) and UMK ({year: "decimal"}; 2025
    and 2026 as in program.toml unless given)."""
    source = Path(os.environ["RENTAN_TAMBAHAN"])
    folder = next(tmp_path / f"tambahan-iuran-{k}" for k in range(1000) if not (tmp_path / f"tambahan-iuran-{k}").exists())
    shutil.copytree(source, folder)  # a new folder each time: settings are cached per overlay path
    toml = folder / "program.toml"
    text = _without(_without(toml.read_text(encoding="utf-8"), "parameter.anggaran"), "parameter.umk")
    umk = {**UMK, **(umk or {})}
    text += "\n[parameter.umk]\nnilai = [\n" + "".join(
        f'  {{ sejak = {y}-01-01, nilai = "{v}", dasar = "UMK {y} (uji)" }},\n' for y, v in sorted(umk.items())) + "]\n"
    text += "\n[parameter.anggaran]\nnilai = [\n" + "".join(
        f'  {{ sejak = {y}-01-01, nilai = {v}, dasar = "Pagu {y} (uji)" }},\n' for y, v in sorted(anggaran.items())) + "]\n"
    toml.write_text(text, encoding="utf-8")
    monkeypatch.setenv("RENTAN_TAMBAHAN", str(folder))
    return folder


SK_2026 = "100.3.3.2/1/2025"  # the 2026 decree, dated 22 December 2025 (numbered in the year of its date)


def enrolled_with_decree(folder: Path, n: int = 30) -> list[str]:
    """`n` participants enrolled for 2026 by a decree the registry knows: its number taken in the
    number register for the decree's key, dated 22 December 2025 (the SK's own tests cover issuing it)."""
    import datetime as dt

    from rentan.registry import numbers

    from .enrolled import enrolled_registry
    niks = enrolled_registry(folder, n, sk=SK_2026)
    numbers.assign("sk-peserta/2026", "kepwal/2025", dt.date(2025, 12, 22), lambda u: f"100.3.3.2/{u}/2025")
    return niks
