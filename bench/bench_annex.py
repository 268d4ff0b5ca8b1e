"""Bench of the SK Lampiran renderers (issue 4; targets in DESIGN.md "Performance targets").

    python bench/bench_annex.py [--sizes 7100,36000,70000] [--naive-max 36000] [--out bench/out]

For each size it builds a synthetic annex (bench/annex_data.py, deterministic) and measures, each in
its own child process, the wall time of the render call and the child's peak memory (its own
ru_maxrss, which includes the synthetic data: the data alone is shown too) for:

  docx   rentan.render.annex_docx.write_annex_docx (row XML streamed into the zip)
  pdf    rentan.render.annex_pdf.write_annex_pdf   (ReportLab canvas, two linear passes)
  naive  docxtpl with a `{%tr for %}` row loop over the same cells (the baseline; skipped above
         --naive-max rows because it grows super-linearly: 45 s / 971 MB at 70,000 rows here)
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {"docx": (3.0, 1024), "pdf": (20.0, 1024)}  # at 70,000 rows: seconds, MB


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- child ----------------------------------------------------------------------------------------

def _naive_docxtpl(path: Path, header, groups) -> int:
    """The baseline: a docxtpl template whose table has a `{%tr for %}` row loop."""
    import docx
    from docxtpl import DocxTemplate

    from rentan.render.annex import COLUMNS, ROW, Tally, walk

    tpl = path.with_suffix(".template.docx")
    d = docx.Document()
    for line in header.lines + [""] + header.title:
        d.add_paragraph(line)
    t = d.add_table(rows=4, cols=len(COLUMNS))
    t.style = "Table Grid"
    for cell, name in zip(t.rows[0].cells, COLUMNS):
        cell.text = name
    t.rows[1].cells[0].text = "{%tr for r in rows %}"
    for i, cell in enumerate(t.rows[2].cells):
        cell.text = "{{ r[%d] }}" % i
    t.rows[3].cells[0].text = "{%tr endfor %}"
    for line in header.signature:
        d.add_paragraph(line)
    d.save(tpl)
    rows = [ev[1] for ev in walk(groups, header.mask_nik, Tally()) if ev[0] == ROW]
    doc = DocxTemplate(tpl)
    doc.render({"rows": rows})
    doc.save(path)
    return len(rows)


def child(way: str, size: int, out: Path, cache_dir: Path) -> None:
    sys.path.insert(0, str(HERE))
    from annex_data import make_groups, make_header

    t0 = time.perf_counter()
    groups = make_groups(size)
    header = make_header(mask=True, watermark=None)
    data_s = time.perf_counter() - t0
    data_mb = _maxrss_mb()
    path = out / f"annex-{size}-{way}.{'pdf' if way == 'pdf' else 'docx'}"
    pages = None
    t0 = time.perf_counter()
    if way == "docx":
        from rentan.render.annex_docx import write_annex_docx
        rows = write_annex_docx(path, header, groups).rows
    elif way == "pdf":
        from rentan.render.annex_pdf import write_annex_pdf
        r = write_annex_pdf(path, header, groups, cache_dir=cache_dir)
        rows, pages = r.rows, r.pages
    elif way == "naive":
        rows = _naive_docxtpl(path, header, groups)
    else:
        raise SystemExit(f"unknown way {way}")
    seconds = time.perf_counter() - t0
    print(json.dumps({"way": way, "size": size, "rows": rows, "seconds": seconds, "maxrss_mb": _maxrss_mb(),
                      "data_mb": data_mb, "data_s": data_s, "pages": pages, "bytes": path.stat().st_size}))


# --- parent ---------------------------------------------------------------------------------------

def run(way: str, size: int, out: Path, cache_dir: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", way, "--size", str(size),
                           "--out", str(out), "--cache-dir", str(cache_dir)],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{way} {size} gagal:\n{proc.stderr}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["process_s"] = wall
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="7100,36000,70000")
    ap.add_argument("--naive-max", type=int, default=36000, help="skip the docxtpl baseline above this many rows")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--cache-dir", type=Path, default=None, help="converted fonts (default: out/fonts)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    cache_dir = a.cache_dir or a.out / "fonts"
    if a.child:
        child(a.child, a.size, a.out, cache_dir)
        return 0

    sys.path.insert(0, str(ROOT / "src"))
    t0 = time.perf_counter()
    from rentan.render.annex_pdf import annex_fonts
    fonts = annex_fonts(cache_dir)  # convert once, outside the measured runs
    print(f"font: {fonts.family} (cache {cache_dir}, ready in {time.perf_counter() - t0:.2f} s)")
    try:
        import reportlab.lib.rl_accel as acc
        print("ReportLab C accelerator (rl-accel):", "yes" if acc._c_funcs else "no (pure-Python fallbacks)")
    except Exception:  # pragma: no cover
        pass
    print(f"cores: {os.cpu_count()}; each figure from its own process; peak = the child's ru_maxrss, "
          "synthetic data included (shown apart)\n")
    head = f"{'rows':>7}  {'way':<6} {'render s':>9} {'peak MB':>8} {'data MB':>8} {'s/1000 rows':>11} " \
           f"{'pages':>6} {'file MB':>8}"
    print(head)
    print("-" * len(head))
    results = []
    for size in [int(s) for s in a.sizes.split(",") if s.strip()]:
        for way in ("docx", "pdf", "naive"):
            if way == "naive" and size > a.naive_max:
                print(f"{size:>7}  {way:<6} skipped: above --naive-max {a.naive_max} (docxtpl's row loop grows "
                      "super-linearly; DESIGN.md: 45 s / 971 MB at 70,000)")
                continue
            r = run(way, size, a.out, cache_dir)
            results.append(r)
            print(f"{size:>7}  {way:<6} {r['seconds']:>9.2f} {r['maxrss_mb']:>8.0f} {r['data_mb']:>8.0f} "
                  f"{1000 * r['seconds'] / size:>11.3f} {r['pages'] or '':>6} {r['bytes'] / 1e6:>8.1f}", flush=True)
    big = [r for r in results if r["size"] >= 70000 and r["way"] in TARGETS]
    if big:
        print()
        for r in big:
            s_max, mb_max = TARGETS[r["way"]]
            ok = r["seconds"] < s_max and r["maxrss_mb"] < mb_max
            print(f"target {r['way']} {r['size']} rows: < {s_max:g} s and < {mb_max} MB: "
                  f"{'met' if ok else 'NOT met'} ({r['seconds']:.2f} s, {r['maxrss_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
