"""BPJS exchange benchmark: BPJS's validation answer and a month's bill for 36,000 participants,
each imported and reconciled against what we sent (target < 10 s each), beside a naive baseline
measured in the same run (openpyxl, then one ORM query and update per row).

    python bench/bench_bpjs.py [--peserta 36000]

Builds the registry through the real import, marks everyone verified, records the validation
request as issuing it would, writes the answers as BPJS would (rentan.demo_bpjs: a few refused,
a planted difference in the bill), then times rentan.registry.bpjs.import_validasi and
import_tagihan in this process.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

NAIVE_NOTE = "naive: openpyxl rows, one SELECT and one UPDATE per row"


def _table(path: Path):
    import openpyxl
    rows = list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r and r[0] == "NIK")
    return rows[top + 1:]


def naive_validation(path: Path) -> int:
    from sqlalchemy import select
    from rentan.registry.db import session
    from rentan.registry.models import Kepesertaan, Peserta
    n = 0
    with session() as s:
        for row in _table(path):
            nik, hasil = str(row[0]), row[3]
            p = s.scalars(select(Peserta).where(Peserta.nik == nik)).one()
            k = s.scalars(select(Kepesertaan).where(Kepesertaan.peserta_id == p.id, Kepesertaan.tahun == 2026)).one()
            k.validasi = "diterima" if hasil == "Diterima" else "ditolak"
            n += 1
        s.rollback()  # the baseline changes nothing: the real import is measured on the same registry
    return n


def naive_bill(path: Path) -> int:
    from sqlalchemy import select
    from rentan.registry.db import session
    from rentan.registry.models import Kepesertaan, Peserta
    differ = 0
    with session() as s:
        for row in _table(path):
            p = s.scalars(select(Peserta).where(Peserta.nik == str(row[0]))).one_or_none()
            k = p and s.scalars(select(Kepesertaan).where(Kepesertaan.peserta_id == p.id,
                                                          Kepesertaan.tahun == 2026)).one_or_none()
            differ += k is None or row[5] != 16_800
    return differ


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peserta", type=int, default=36000)
    n = ap.parse_args().peserta
    tmp = tempfile.mkdtemp()
    try:
        os.environ.update({"RENTAN_HOME": tmp, "RENTAN_DATABASE_URL": f"sqlite:///{tmp}/r.sqlite3",
                           "RENTAN_OUTPUTS": f"{tmp}/out"})
        from sqlalchemy import text

        from rentan import demo_bpjs
        from rentan.registry import bpjs, coverage
        from rentan.registry.db import session
        from rentan.registry.demo import write_demo_registry
        from rentan.registry.desk import open_desk, reader
        from rentan.registry.importer import import_registry
        from rentan.xlsx import write_rows_atomic
        t = time.perf_counter()
        write_demo_registry(Path(tmp) / "d.xlsx", count=n, seed=3, tahun=2026)
        import_registry(Path(tmp) / "d.xlsx", 2026)
        with session() as s:
            s.execute(text("update kepesertaan set status='terverifikasi'"))
        with open_desk() as desk:
            people = bpjs.to_validate(desk, 2026)
            bpjs.record_sent(desk, "validasi", 2026, "validasi-bpjs/2026/kiriman-1", people)
        request = Path(tmp) / "permohonan.xlsx"
        write_rows_atomic(request, bpjs.sheet(bpjs.susunan("validasi-permintaan"), people))
        answer = Path(tmp) / "jawaban.xlsx"
        demo_bpjs.validation_answer(request, answer, seed=1, refused=50)
        print(f"registry: {len(people)} verified candidates and their request prepared in "
              f"{time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        naive_validation(answer)
        naive_v = time.perf_counter() - t
        t = time.perf_counter()
        res = bpjs.import_validasi(answer)
        real_v = time.perf_counter() - t
        print(f"validation answer, {res.dibaca} rows ({res.diterima} diterima, {res.ditolak} ditolak): "
              f"{real_v:6.2f} s; target < 10 s: {'OK' if real_v < 10 and res.diterapkan else 'MISSED'}")
        print(f"  {NAIVE_NOTE}: {naive_v:6.2f} s")

        with session() as s:
            s.execute(text("update kepesertaan set status='ditetapkan', mulai='2026-01-01', "
                           "nomor_sk='100.3.3.2/1/2026' where status='terverifikasi'"))
        with reader() as desk:
            month = list(coverage.month(desk, dt.date(2026, 3, 1)).people)
        bill = Path(tmp) / "tagihan.xlsx"
        demo_bpjs.bill(month, bill, "40260300001", 10_000, 6_800, seed=2)
        t = time.perf_counter()
        naive_bill(bill)
        naive_b = time.perf_counter() - t
        t = time.perf_counter()
        rec, _ = bpjs.import_tagihan(bill, "2026-03")
        real_b = time.perf_counter() - t
        print(f"bill, {rec.tagihan_peserta} rows against {rec.kami_peserta} of ours ({rec.selisih} differences found): "
              f"{real_b:6.2f} s; target < 10 s: {'OK' if real_b < 10 and rec.selisih == 2 else 'MISSED'}")
        print(f"  {NAIVE_NOTE}: {naive_b:6.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
