"""Sample contexts for every DOCX/HTML template, so `rentan templates check` can render each one
after a clerk edited it in Word and report variables the context does not give, Jinja tags that
Word split across runs, and any error rendering raises."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from rentan import paths
from rentan.program import program
from rentan.render.docx import broken_tags, render_docx, undeclared
from rentan.render.pdf import render_html


def sample_people(sectors=("petani", "nelayan", "ojek_online"), tahun: int = 2026) -> list:
    """Made-up participants (frozen snapshot records) for the sample contexts."""
    from rentan.registry.snapshot import Anggota
    return [Anggota(peserta_id=i, kepesertaan_id=i, nik=f"647101120875{i:04d}", nama=f"Contoh {i}",
                    tempat_lahir="Balikpapan", tanggal_lahir=dt.date(1975, 8, 12), jenis_kelamin="L",
                    alamat=f"Jl. Contoh No. {i}", kelurahan_kode="64.71.01.1001", kecamatan_kode="64.71.01",
                    sektor=sektor, pekerjaan=sektor, penghasilan=2_500_000, domisili_sejak=dt.date(2010, 1, 1),
                    kpj=None, ditanggung_provinsi=False, tahun=tahun, status="aktif", alasan_status=None,
                    lanjutan=i % 2 == 0, sumber="contoh", nomor_sk="100.3.3.2/1/2025", mulai=dt.date(tahun, 1, 1),
                    alasan_berakhir=None, tanggal_berakhir=None)
            for i, sektor in enumerate(sectors, 1)]


def _verifikasi(nota_dinas: bool) -> dict:
    from rentan.documents.verifikasi import Group, memo_context
    from rentan.registry.numbers import Nomor
    from rentan.registry.snapshot import Snapshot
    prog = program()
    when = dt.date(2026, 11, 2)
    k = prog.kantor_pada(when)
    none = Snapshot.of([])
    g = Group(k.kode, k.nama_lengkap, k.kepala.jabatan, none) if nota_dinas else \
        Group("dp3", prog.instansi["dp3"].nama, prog.instansi["dp3"].jabatan_kepala, none)
    ctx = memo_context(g, 2027, Nomor("contoh", k.nomor(1), 1, when, True), prog, demo=True)
    return ctx.model_dump()


def _perwali(which: str) -> dict:
    from rentan.documents import perwali as pw
    from rentan.legal import build_draft, matrix_rows, naskah_terpadu
    src = pw.load(tanggal=dt.date(2025, 11, 3))
    base, am = src.base, src.amendment
    draft = build_draft(base, am)
    if which == "rancangan":
        return pw.rancangan_context(draft, base, am).model_dump()
    if which == "terpadu":
        return pw.terpadu_context(naskah_terpadu(base, [am], src.per_tanggal), base, am).model_dump()
    return pw.matriks_context(matrix_rows(base, am), draft, base, am).model_dump()


def _sk(demo: bool, tahun: int = 2026) -> dict:
    from rentan.documents.sk import sk_context
    prog = program()
    when = dt.date(tahun - 1, 12, 22)
    return sk_context(tahun, prog.sk.nomor(1, when.year), when, 7085, prog, demo=demo).model_dump()


def _iuran(koreksi: bool) -> dict:
    from rentan.documents.iuran import Koreksi, build_context
    from rentan.registry.coverage import Month
    from rentan.registry.snapshot import Snapshot
    people = sample_people()
    m = Month(dt.date(2026, 2, 1), Snapshot.of(people), baru=tuple(people[:1]), berakhir=tuple(people[2:]),
              lanjut_tahun=0)
    fix = Koreksi(ke=1, alasan="contoh", nomor_asal="400.9/1/Dinsos", tanggal_asal=dt.date(2026, 2, 2), peserta_asal=4,
                  jumlah_asal=4 * 16800, selisih=-16800) if koreksi else None
    return build_context(m, nomor="400.9/2/Dinsos", tanggal=dt.date(2026, 2, 2), spent_other={"2026-01": 50400},
                         koreksi=fix, demo=True).model_dump()


SAMPLES: dict[str, list[Callable[[], dict]]] = {
    "iuran/surat": [lambda: _iuran(False), lambda: _iuran(True)],
    "verifikasi/memo": [lambda: _verifikasi(False), lambda: _verifikasi(True)],
    "sk/keputusan": [lambda: _sk(False), lambda: _sk(True), lambda: _sk(False, 2027)],
    "perwali/naskah": [lambda: _perwali("rancangan"), lambda: _perwali("terpadu")],
    "perwali/matriks": [lambda: _perwali("matriks")],
    "naskah/penjelasan": [lambda: __import__("rentan.documents.naskah", fromlist=["naskah"]).sample_context()],
}


def check_template(name: str, make: Callable[[], dict]) -> list[str]:
    issues = []
    ctx = make()
    docx = paths.templates() / f"{name}.docx"
    html = paths.templates() / f"{name}.html"
    for what, f in (("DOCX", docx), ("HTML", html)):
        if not f.exists():
            issues.append(f"{what}: berkas templat {f} tidak ada")
    if docx.exists():
        issues += [f"DOCX: tag terpotong di antara run (ketik ulang tag ini dalam satu ketikan): {t!r}"
                   for t in broken_tags(docx)]
        issues += [f"DOCX: variabel tidak dikenal: {v}" for v in sorted(undeclared(docx, ctx))]
        with tempfile.TemporaryDirectory() as tmp:
            try:
                render_docx(docx, ctx, Path(tmp) / "x.docx", when=dt.date(2026, 1, 1), title="uji", author="uji")
            except Exception as e:  # report every kind of template error to the clerk
                issues.append(f"DOCX: gagal dirender: {e}")
    if html.exists():
        try:
            render_html(html, ctx, title="uji", author="uji", when=dt.date(2026, 1, 1))
        except Exception as e:
            issues.append(f"HTML: gagal dirender: {e}")
    return issues


def check_all() -> Iterator[tuple[str, list[str]]]:
    for name, makers in SAMPLES.items():
        issues: list[str] = []
        for make in makers:
            issues += [i for i in check_template(name, make) if i not in issues]
        yield name, issues
