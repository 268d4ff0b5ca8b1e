"""Bench of the whole SK penetapan peserta, end to end (issue 4): registry selection and eligibility
re-check, the number, the decree body (DOCX + WeasyPrint PDF), the Lampiran three times (internal DOCX,
internal PDF, public masked PDF), the consistency gate, both merged PDFs, the PDF/A marking, the
registry record (one UPDATE and one audit row per participant) and publishing.

    python bench/bench_sk.py [--sizes 7100,70000]

Each size runs in its own child process with its own data folder: N synthetic verified participants
(bench/annex_data.py) are inserted straight into a fresh SQLite registry (not timed), then
`rentan.documents.sk.issue_sk` is timed; peak memory is the child's ru_maxrss (it includes the
registry rows loaded as ORM objects); "child MB" is the process that draws the public Lampiran PDF
meanwhile (from 20,000 rows on, on a machine with two or more cores). The budget ceiling is raised in a copy of program.toml so that
70,000 participants are not refused for exceeding the 2025 pagu.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def child(n: int) -> dict:
    import datetime as dt

    sys.path.insert(0, str(HERE))
    from annex_data import make_groups
    from sqlalchemy import insert, text

    from rentan.program import DEFAULT_PATH
    from rentan.wilayah import KELURAHAN

    work = Path(tempfile.mkdtemp(prefix="bench-sk-"))
    prog = work / "program.toml"
    prog.write_text(DEFAULT_PATH.read_text(encoding="utf-8").replace("nilai = 2000000000", "nilai = 20000000000"),
                    encoding="utf-8")
    # a final decree needs every fact confirmed: the demo's overlay (fictitious facts), its budget raised too
    import shutil
    overlay = work / "overlay"
    shutil.copytree(ROOT / "src" / "rentan" / "data" / "demo", overlay)
    ov = overlay / "program.toml"
    ov.write_text(ov.read_text(encoding="utf-8").replace("nilai = 2000000000", "nilai = 20000000000"), encoding="utf-8")
    os.environ.update(RENTAN_HOME=str(work / "home"), RENTAN_OUTPUTS=str(work / "out"), RENTAN_USER="bench",
                      RENTAN_DATABASE_URL=f"sqlite:///{work / 'home' / 'registry.sqlite3'}",
                      RENTAN_PROGRAM=str(prog), RENTAN_TAMBAHAN=str(overlay))
    from rentan.documents import sk
    from rentan.documents.sk import issue_sk
    from rentan.registry.db import session

    # the child that draws the public Lampiran PDF reports its own peak (VmHWM of its own address
    # space; ru_maxrss would include the parent's pages from before exec)
    hwm = work / "child-hwm"
    from rentan.render import annex_pdf
    annex_pdf._CHILD += ("hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
                  f"open({str(hwm)!r}, 'w').write(hwm)\n")
    from rentan.registry.models import Kepesertaan, Peserta

    by_name = {k.nama: k for k in KELURAHAN}
    rows, seen = [], set()
    for g in make_groups(n):
        kel = by_name[g.kelurahan]
        for r in g.rows:
            nik = r.nik
            while nik in seen:  # the bench's serials wrap at 9999: keep NIKs unique
                nik = nik[:12] + f"{(int(nik[12:]) + 1) % 9999 + 1:04d}"
            seen.add(nik)
            born = min(max(r.tanggal_lahir, dt.date(1962, 1, 2)), dt.date(2007, 12, 31))  # 18–64 in 2026
            rows.append(dict(nik=nik, nama=r.nama, tempat_lahir=r.tempat_lahir, tanggal_lahir=born,
                             jenis_kelamin=r.jenis_kelamin, alamat="Jl. Uji", kelurahan_kode=kel.kode,
                             kecamatan_kode=kel.kecamatan.kode, telepon=None, sektor="lainnya",
                             pekerjaan=r.pekerjaan, penghasilan=2_000_000, domisili_sejak=dt.date(2010, 1, 1),
                             sumber="bench", tahun_daftar=2026, ditanggung_provinsi=False))
    with session() as s:
        for i in range(0, len(rows), 5000):
            s.execute(insert(Peserta), rows[i:i + 5000])
        # verified by their agencies and accepted at BPJS validation: what a final SK lists
        s.execute(text("INSERT INTO kepesertaan (peserta_id, tahun, status, validasi, lanjutan, sumber) "
                       "SELECT id, 2026, 'terverifikasi', 'diterima', false, 'bench' FROM peserta"))
    del rows, seen
    # the annex alone, both faces and both copies, in this same process (the figure beside the SK's)
    from rentan.documents.common import annex_groups
    from rentan.registry.desk import reader
    from rentan.registry.participation import in_year
    from rentan.render.annex import AnnexHeader
    from rentan.render.annex_docx import write_annex_docx
    with reader() as desk:
        people = in_year(desk, 2026)
    t0 = time.perf_counter()
    groups = annex_groups(people)
    head = dict(lines=["LAMPIRAN"], title=["DAFTAR"], signature=["WALI KOTA,", "", "NAMA"], paper="F4")
    write_annex_docx(work / "a.docx", AnnexHeader(**head, mask_nik=False), groups)
    annex_pdf.write_annex_pdfs([(work / "a.pdf", AnnexHeader(**head, mask_nik=False)),
                                (work / "b.pdf", AnnexHeader(**head, mask_nik=True))], groups, cache_dir=work / "f")
    annex_only = time.perf_counter() - t0
    del people, groups
    start = time.perf_counter()
    h = issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), final=True)
    wall = time.perf_counter() - start
    start = time.perf_counter()
    again = issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), final=True)
    rerun = time.perf_counter() - start
    assert not again.baru and again.nomor == h.nomor
    sizes = {p.name: p.stat().st_size for p in h.files}
    out = {"rows": h.ringkasan["jumlah"], "wall_s": round(wall, 2), "rerun_s": round(rerun, 2),
           "annex_only_s": round(annex_only, 2),
           "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
           "child_peak_mb": round(int(hwm.read_text()) / 1024) if hwm.exists() else "-",
           "pages": h.ringkasan["halaman"], "bytes": sizes}
    import shutil
    shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="7100,70000")
    ap.add_argument("--child", type=int, default=None)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child)))
        return
    print(f"{'rows':>8} {'SK s':>6} {'annex s':>8} {'again s':>8} {'peak MB':>8} {'child MB':>8} {'pages':>7}  "
          "files (MB)   [SK: decree + 2 Lampiran copies + enrolment, end to end; annex: the Lampiran "
          "alone, same run; again: returning the issued decree]")
    for n in (int(x) for x in a.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})
        if out.returncode:
            print(out.stderr[-3000:])
            raise SystemExit(out.returncode)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        files = ", ".join(f"{k} {v / 1e6:.1f}" for k, v in sorted(r["bytes"].items()) if k != "manifest.json")
        print(f"{r['rows']:>8,} {r['wall_s']:>6.1f} {r['annex_only_s']:>8.1f} {r['rerun_s']:>8.2f} {r['peak_mb']:>8} "
              f"{r['child_peak_mb']:>8} "
              f"{r['pages']['seluruhnya']:>7}  {files}")


if __name__ == "__main__":
    main()
