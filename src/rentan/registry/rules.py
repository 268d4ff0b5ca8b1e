"""The programme's eligibility rules, each with the legal basis a rejection quotes.

Pure functions of a participant's data, the coverage year and the programme settings: the import
uses them on every row, and the SK uses them again before fixing the year's participants.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from rentan.idfmt import rupiah, tanggal
from rentan.program import Program

ADMINDUK = "UU Nomor 24 Tahun 2013 tentang Perubahan atas UU Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"


@dataclass(frozen=True)
class Rule:
    kode: str
    uraian: str  # what the rule demands, in a clerk's words
    dasar: str  # its legal basis


@dataclass(frozen=True)
class Violation:
    rule: Rule
    kolom: str  # the column the clerk should look at
    pesan: str  # what exactly is wrong in this row

    def alasan(self) -> str:
        """The report's "Alasan": what is wrong, the rule, and its legal basis."""
        return f"{self.kolom}: {self.pesan} [aturan: {self.rule.uraian}; dasar: {self.rule.dasar}]"


def rules(prog: Program, tahun: int) -> dict[str, Rule]:
    on = dt.date(tahun, 1, 1)
    umk = prog.nilai("umk", on)
    d = prog.daerah
    PERWALI = d.peraturan_program
    return {r.kode: r for r in [
        Rule("wajib", "data wajib diisi lengkap", PERWALI),
        Rule("nik_format", "NIK terdiri atas 16 digit angka yang sah", ADMINDUK),
        Rule("nik_excel", "NIK tidak boleh rusak karena disimpan sebagai angka di Excel", ADMINDUK),
        Rule("tanggal", "tanggal harus dapat dibaca", PERWALI),
        Rule("tanggal_wajar", "tanggal lahir dan tanggal mulai berdomisili harus masuk akal (tidak di masa "
                              "depan, lahir tidak sebelum 1900, domisili tidak sebelum lahir)", PERWALI),
        Rule("panjang", "isian tidak melebihi panjang yang dapat dicatat registri", PERWALI),
        Rule("penghasilan_format", "penghasilan ditulis sebagai angka rupiah yang wajar", PERWALI),
        Rule("jenis_kelamin", "jenis kelamin L atau P", ADMINDUK),
        Rule("usia", f"usia paling tinggi {prog.nilai('usia_maksimum', on).nilai} tahun pada 1 Januari {tahun}",
             prog.nilai("usia_maksimum", on).dasar),
        Rule("usia_minimum", f"usia paling rendah {prog.nilai('usia_minimum', on).nilai} tahun pada "
                             f"1 Januari {tahun}", prog.nilai("usia_minimum", on).dasar),
        Rule("domisili", f"ber-KTP/berdomisili di {d.sebutan} paling singkat "
                         f"{prog.nilai('domisili_minimum_bulan', on).nilai} bulan pada 1 Januari {tahun}",
             prog.nilai("domisili_minimum_bulan", on).dasar),
        Rule("penghasilan", f"penghasilan rata-rata paling tinggi UMK {tahun} {rupiah(prog.umk(tahun))}",
             f"{PERWALI}; {umk.dasar}"),
        Rule("kelurahan", f"berdomisili di salah satu kelurahan {d.sebutan}", PERWALI),
        Rule("sektor", "bekerja di sektor informal yang dikenal program (Bukan Penerima Upah)",
             f"{PERWALI}; Permenaker Nomor 5 Tahun 2021"),
        Rule("ganda_berkas", "satu NIK hanya satu kali dalam satu berkas", PERWALI),
        Rule("ganda_registri", "satu orang hanya satu kepesertaan", PERWALI),
        Rule("provinsi", f"tidak sedang ditanggung iurannya oleh {d.skema_provinsi}",
             f"{d.dasar_skema_provinsi}; {PERWALI}"),
    ]}


ELIGIBILITY_PARAMETERS = ("umk", "usia_maksimum", "usia_minimum", "domisili_minimum_bulan")


def tahun_program(prog: Program, today: dt.date) -> range:
    """The coverage years an import or a decree may be for: from the first year on whose 1 January
    every eligibility parameter is in force, to next year (registration runs ahead of coverage)."""
    first = max(prog.parameter[name].nilai[0].sejak for name in ELIGIBILITY_PARAMETERS)
    start = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    return range(start, today.year + 2)


@dataclass(frozen=True)
class Limits:
    """The year's eligibility figures, looked up once for a whole file."""
    tahun: int
    on: dt.date
    max_age: int
    min_age: int
    months: int
    umk: Decimal

    @classmethod
    def of(cls, prog: Program, tahun: int) -> "Limits":
        on = dt.date(tahun, 1, 1)
        return cls(tahun, on, prog.nilai("usia_maksimum", on).nilai, prog.nilai("usia_minimum", on).nilai,
                   prog.nilai("domisili_minimum_bulan", on).nilai, prog.umk(tahun))


def age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def eligibility(*, tanggal_lahir: dt.date, domisili_sejak: dt.date, penghasilan: Decimal | int,
                tahun: int, prog: Program, rs: dict[str, Rule] | None = None) -> list[Violation]:
    """The rules of age, domicile and income for the coverage year `tahun` (all measured on
    1 January of that year, when coverage starts)."""
    return check(Limits.of(prog, tahun), rs or rules(prog, tahun), tanggal_lahir, domisili_sejak, penghasilan)


def check(lim: Limits, rs: dict[str, Rule], tanggal_lahir: dt.date | None, domisili_sejak: dt.date | None,
          penghasilan: Decimal | int | None) -> list[Violation]:
    """`eligibility` with the year's figures already looked up (the import calls it per row); a
    part whose datum is None (unreadable or impossible) is not checked."""
    out = []
    on, tahun = lim.on, lim.tahun
    if tanggal_lahir is not None:
        age = on.year - tanggal_lahir.year - ((on.month, on.day) < (tanggal_lahir.month, tanggal_lahir.day))
        if age > lim.max_age:
            out.append(Violation(rs["usia"], "Tanggal Lahir", f"berusia {age} tahun pada 1 Januari {tahun}"))
        if age < lim.min_age:
            out.append(Violation(rs["usia_minimum"], "Tanggal Lahir", f"berusia {age} tahun pada 1 Januari {tahun}"))
    if domisili_sejak is not None and add_months(domisili_sejak, lim.months) > on:
        out.append(Violation(rs["domisili"], "Domisili Sejak",
                             f"berdomisili sejak {tanggal(domisili_sejak)}, belum {lim.months} bulan pada "
                             f"1 Januari {tahun}"))
    if penghasilan is not None and penghasilan > lim.umk:
        out.append(Violation(rs["penghasilan"], "Penghasilan",
                             f"penghasilan {rupiah(Decimal(penghasilan))} melebihi UMK {rupiah(lim.umk)}"))
    return out
