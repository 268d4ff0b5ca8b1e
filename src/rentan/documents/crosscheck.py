"""The cross-document check: the figures every issued document states agree with each other and
with the registry — the SK's participants and amount, each month's remittance (participants of
the decree still covered that month × the contribution), the year's spending within the decree's
amount, and the naskah penjelasan's enrolled count when it cites the decree. Run by the demo and
by a test; each disagreement is one Indonesian line (counts only)."""
from __future__ import annotations

import datetime as dt

from rentan.idfmt import ribuan, rupiah
from rentan.program import program
from rentan.registry.coverage import covered, parse_period
from rentan.registry.desk import Desk, reader


def crosscheck(url: str | None = None) -> list[str]:
    with reader(url) as desk:
        return _check(desk)


def _check(desk: Desk) -> list[str]:
    problems: list[str] = []
    prog = program()
    decrees = {d.tahun: d for d in desk.documents("sk-peserta")}
    for year, sk in sorted(decrees.items()):
        s = sk.ringkasan or {}
        tarif = prog.iuran(dt.date(year, 1, 1)).total
        if s.get("jumlah_bantuan") != s.get("jumlah", 0) * tarif * 12:
            problems.append(f"SK {sk.nomor}: jumlah bantuan {rupiah(s.get('jumlah_bantuan', 0))} ≠ "
                            f"{ribuan(s.get('jumlah', 0))} peserta × {rupiah(tarif)} × 12 bulan")
        paid = 0
        for m in desk.documents("iuran-bulanan", year):
            r = m.ringkasan or {}
            first = parse_period(m.kunci.split("/")[1])
            people = covered(desk, first)
            if r.get("peserta") != len(people):
                problems.append(f"surat iuran {m.nomor}: {ribuan(r.get('peserta', 0))} peserta, registri "
                                f"{ribuan(len(people))} yang ditanggung SK {year} pada bulan itu")
            if any(a.nomor_sk != sk.nomor for a in people):
                problems.append(f"surat iuran {m.nomor}: ada peserta yang bukan dari SK {sk.nomor}")
            if r.get("peserta", 0) > s.get("jumlah", 0):
                problems.append(f"surat iuran {m.nomor}: {ribuan(r['peserta'])} peserta, lebih dari SK "
                                f"({ribuan(s.get('jumlah', 0))})")
            if r.get("jumlah") != r.get("peserta", 0) * tarif:
                problems.append(f"surat iuran {m.nomor}: jumlah {rupiah(r.get('jumlah', 0))} ≠ peserta × "
                                f"{rupiah(tarif)}")
            if "/koreksi-" not in m.kunci:
                paid += r.get("jumlah", 0)
        if paid > s.get("jumlah_bantuan", 0):
            problems.append(f"iuran tahun {year} yang dibayarkan {rupiah(paid)} melebihi jumlah bantuan SK "
                            f"{rupiah(s.get('jumlah_bantuan', 0))}")
        for n in desk.documents("naskah-penjelasan", year):
            r = n.ringkasan or {}
            if sk.nomor in (r.get("nomor_sk") or []) and r.get("peserta_ditetapkan") != s.get("jumlah"):
                problems.append(f"naskah penjelasan {n.tanggal.isoformat()}: {ribuan(r.get('peserta_ditetapkan', 0))} "
                                f"peserta ditetapkan, SK {sk.nomor}: {ribuan(s.get('jumlah', 0))}")
    return problems
