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
    rs = rs or rules(prog, tahun)
    on = dt.date(tahun, 1, 1)
    out = []
    age = age_on(tanggal_lahir, on)
    max_age = prog.nilai("usia_maksimum", on).nilai
    min_age = prog.nilai("usia_minimum", on).nilai
    if age > max_age:
        out.append(Violation(rs["usia"], "Tanggal Lahir", f"berusia {age} tahun pada 1 Januari {tahun}"))
    if age < min_age:
        out.append(Violation(rs["usia_minimum"], "Tanggal Lahir", f"berusia {age} tahun pada 1 Januari {tahun}"))
    months = prog.nilai("domisili_minimum_bulan", on).nilai
    if add_months(domisili_sejak, months) > on:
        out.append(Violation(rs["domisili"], "Domisili Sejak",
                             f"berdomisili sejak {tanggal(domisili_sejak)}, belum {months} bulan pada "
                             f"1 Januari {tahun}"))
    umk = prog.umk(tahun)
    if Decimal(penghasilan) > umk:
        out.append(Violation(rs["penghasilan"], "Penghasilan",
                             f"penghasilan {rupiah(Decimal(penghasilan))} melebihi UMK {rupiah(umk)}"))
    return out
