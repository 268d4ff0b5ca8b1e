"""Demo data: a synthetic but realistic list of candidate participants, written as the XLSX a
kelurahan or OPD clerk would send, so that the demo runs the real import path.

Deterministic: the same (count, seed, tahun) gives a byte-identical file. Besides `count` valid
rows the file holds a few extra rows, scattered through it, that each break exactly one rule
(`BROKEN`); `DemoSummary.broken_rows` says which ("No" → rule code).

The kelurahan weights are population-like guesses, not census figures; street names are real
Balikpapan roads grouped roughly by kecamatan.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from pathlib import Path

import xlsxwriter
from faker import Faker

from rentan.idfmt import tanggal
from rentan.program import program
from rentan.wilayah import KELURAHAN, Kelurahan

SHEET = "Data Peserta"
TITLE = "DAFTAR CALON PESERTA BANTUAN IURAN BPJS KETENAGAKERJAAN PEKERJA RENTAN TAHUN {tahun}"
HEADERS = ["No", "No. KTP", "Nama Lengkap", "Tempat/Tgl Lahir", "L/P", "Alamat", "Kel.", "Kecamatan",
           "No. HP", "Pekerjaan", "Penghasilan Rata-rata", "Domisili Sejak", "Sumber"]

# rule code → number of extra rows breaking it ("ganda_berkas" is one NIK written twice)
BROKEN = {"usia": 2, "usia_minimum": 1, "domisili": 1, "penghasilan": 2, "nik_format": 1,
          "nik_excel": 2, "kelurahan": 1, "sektor": 1, "ganda_berkas": 2, "tanggal": 1, "wajib": 1}

# population-like weights (roughly thousands of inhabitants)
KELURAHAN_BOBOT = {
    "Manggar": 30, "Lamaru": 14, "Teritip": 12, "Manggar Baru": 25,
    "Baru Ilir": 20, "Baru Tengah": 18, "Baru Ulu": 25, "Kariangau": 8, "Margo Mulyo": 18, "Marga Sari": 14,
    "Batu Ampar": 45, "Gunung Samarinda": 25, "Karang Joang": 35, "Muara Rapak": 25,
    "Gunung Samarinda Baru": 20, "Graha Indah": 30,
    "Gunung Sari Ulu": 17, "Gunung Sari Ilir": 22, "Karang Rejo": 18, "Karang Jati": 12, "Mekar Sari": 12,
    "Sumber Rejo": 20,
    "Sepinggan": 25, "Gunung Bahagia": 25, "Sepinggan Baru": 20, "Sepinggan Raya": 30, "Sungai Nangka": 20,
    "Damai Baru": 22, "Damai Bahagia": 22,
    "Prapatan": 10, "Telaga Sari": 15, "Klandasan Ulu": 13, "Klandasan Ilir": 12, "Damai": 12,
}
# fishers live on the coast, farmers on the city's rural edge
PESISIR = {"Manggar", "Lamaru", "Teritip", "Manggar Baru", "Kariangau", "Baru Ulu", "Baru Ilir",
           "Baru Tengah", "Margo Mulyo", "Sepinggan", "Prapatan", "Klandasan Ilir"}
PERTANIAN = {"Karang Joang", "Teritip", "Lamaru", "Kariangau", "Manggar", "Graha Indah", "Batu Ampar",
             "Manggar Baru"}

# sector → (share %, share of men, occupations as clerks write them)
SEKTOR = {
    "pedagang": (30, .35, ["PKL Bakso", "Pedagang Sayur", "Pedagang Kaki Lima", "Penjual Gorengan",
                           "Jualan Kue", "Warung Kelontong", "Pedagang Ikan", "Penjual Pentol"]),
    "buruh": (25, .65, ["Buruh Harian Lepas", "Serabutan", "Buruh Bangunan", "Tukang Batu", "Kuli Angkut",
                        "BHL", "Tukang Kayu"]),
    "ojek_online": (15, .90, ["Driver Ojol", "Ojek Online", "Mitra Gojek", "Driver Grab", "Driver Maxim",
                              "Ojol"]),
    "ojek_pangkalan": (8, .95, ["Ojek Pangkalan", "Tukang Ojek", "Opang", "Ojek"]),
    "nelayan": (8, .90, ["Nelayan", "Nelayan Tangkap", "Pembudidaya Ikan"]),
    "petani": (7, .65, ["Petani", "Petani Sawit", "Pekebun", "Peternak Ayam", "Petani Sayur"]),
    "lainnya": (7, .40, ["Tukang Parkir", "Juru Parkir", "Marbot Masjid", "Asisten Rumah Tangga"]),
}
OPD = {"petani": "Dinas Pangan, Pertanian dan Perikanan", "nelayan": "Dinas Pangan, Pertanian dan Perikanan",
       "ojek_pangkalan": "Dinas Perhubungan", "pedagang": "Dinas Koperasi, UMKM dan Perindustrian"}

JALAN = {  # by the kecamatan code's last two digits
    "01": ["Jl. Mulawarman"],
    "02": ["Jl. Letjen Suprapto", "Jl. Pandan Sari", "Jl. Kariangau"],
    "03": ["Jl. Soekarno Hatta", "Jl. Indrakila", "Jl. Projakal", "Jl. Batu Ampar"],
    "04": ["Jl. Ahmad Yani", "Jl. Gunung Malang", "Jl. Mayjen Sutoyo"],
    "05": ["Jl. MT Haryono", "Jl. Marsma R. Iswahyudi", "Jl. Syarifuddin Yoes", "Jl. Ruhui Rahayu",
           "Jl. Pupuk Raya"],
    "06": ["Jl. Jenderal Sudirman", "Jl. Telaga Sari"],
}
GANG = ["Melati", "Mawar", "Kenanga", "Anggrek", "Family", "Swadaya", "Keluarga", "Sederhana"]

# birthplace → (NIK region prefix, number of kecamatan there, weight among those born elsewhere)
DAERAH_LAIN = {
    "Samarinda": ("6472", 10, 20), "Makassar": ("7371", 15, 15), "Surabaya": ("3578", 31, 10),
    "Banjarmasin": ("6371", 5, 10), "Pare-Pare": ("7372", 4, 10), "Bone": ("7308", 27, 8),
    "Tenggarong": ("6402", 18, 8), "Penajam": ("6409", 4, 6), "Malang": ("3573", 5, 6),
    "Palu": ("7271", 8, 4), "Yogyakarta": ("3471", 14, 3),
}
NIK_LUAR = 0.15          # share of NIKs first issued outside Balikpapan
LAHIR_LAIN_BPP = 0.25    # share of Balikpapan-NIK holders born elsewhere
HP_PREFIX = ["11", "12", "13", "21", "22", "23", "51", "52", "53", "14", "15", "16", "55", "56", "57",
             "58", "17", "18", "19", "59", "77", "78", "95", "96", "97", "98", "99", "31", "32", "38"]


@dataclass(frozen=True)
class DemoSummary:
    valid: int
    broken: dict[str, int]        # rule code → number of rows breaking it
    total_rows: int               # data rows below the header
    broken_rows: dict[int, str]   # the row's "No" → rule code it breaks


@dataclass(frozen=True)
class _Orang:
    nik: str | float
    nama: str
    tempat: str
    lahir: dt.date
    jk: str
    alamat: str
    kelurahan: Kelurahan
    sektor: str
    pekerjaan: str
    penghasilan: int
    domisili: dt.date
    hp: str
    sumber: str
    kel_text: str = ""     # the spelling a clerk used; overrides for broken rows
    kec_text: str = ""
    ttl_text: str = ""
    rule: str = ""         # the rule this row breaks, "" when valid


class _Generator:
    def __init__(self, seed: int, tahun: int):
        self.rng = random.Random(seed)
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.tahun = tahun
        self.jan1 = dt.date(tahun, 1, 1)
        self.umk = program().umk(tahun)
        self.domisili_batas = dt.date(tahun - 1, 6, 30)  # comfortably ≥ 6 months before 1 January
        self.penyelenggara = program().kantor_pada(self.jan1).nama
        self.used: set[str] = set()
        self.kel_by_name = {k.nama: k for k in KELURAHAN}
        self.sektor_kode = list(SEKTOR)
        self.sektor_bobot = [s[0] for s in SEKTOR.values()]

    # --- pieces -----------------------------------------------------------------------------

    def kelurahan(self, sektor: str) -> Kelurahan:
        area = PESISIR if sektor == "nelayan" else PERTANIAN if sektor == "petani" else KELURAHAN_BOBOT
        names = [n for n in KELURAHAN_BOBOT if n in area]
        name = self.rng.choices(names, [KELURAHAN_BOBOT[n] for n in names])[0]
        return self.kel_by_name[name]

    def lahir(self, usia: int) -> dt.date:
        """A birth date giving age `usia` on 1 January of the year."""
        start = dt.date(self.tahun - usia - 1, 1, 2)
        return start + dt.timedelta(days=self.rng.randint(0, (dt.date(self.tahun - usia, 1, 1) - start).days))

    def nik(self, region: str, lahir: dt.date, jk: str, last_digit_nonzero: bool = False) -> str:
        day = lahir.day + (40 if jk == "P" else 0)
        stem = f"{region}{day:02d}{lahir.month:02d}{lahir.year % 100:02d}"
        serial = self.rng.randint(1, 30)
        while (nik := f"{stem}{serial:04d}") in self.used or (last_digit_nonzero and serial % 10 == 0):
            serial += 1
        self.used.add(nik)
        return nik

    def hp(self) -> str:
        rest = self.rng.choices([7, 8, 9], [2, 6, 2])[0]
        return "08" + self.rng.choice(HP_PREFIX) + "".join(str(self.rng.randint(0, 9)) for _ in range(rest))

    def alamat(self, kel: Kelurahan) -> str:
        r = self.rng
        jalan = r.choice(JALAN[kel.kecamatan.kode[-2:]])
        rt = r.randint(1, 60)
        form = r.random()
        if form < 0.6:
            return f"{jalan} RT {rt:02d} No. {r.randint(1, 120)}"
        if form < 0.85:
            return f"{jalan} Gg. {r.choice(GANG)} RT.{rt:03d}"
        return f"{jalan} RT {rt} No. {r.randint(1, 60)}{r.choice('ABC')}"

    def penghasilan(self) -> int:
        cap = int(self.umk) // 50_000 * 50_000
        return min(cap, round(self.rng.triangular(500_000, 3_650_000, 2_000_000) / 50_000) * 50_000)

    def nama(self, jk: str) -> str:
        f, r = self.fake, self.rng.random()
        first = f.first_name_male() if jk == "L" else f.first_name_female()
        if r < 0.12:
            return first
        return f"{first} {f.last_name_male() if jk == 'L' else f.last_name_female()}"

    # --- a whole person ---------------------------------------------------------------------

    def orang(self, usia: int | None = None) -> _Orang:
        r = self.rng
        sektor = r.choices(self.sektor_kode, self.sektor_bobot)[0]
        _, share_l, pekerjaan = SEKTOR[sektor]
        jk = "L" if r.random() < share_l else "P"
        kel = self.kelurahan(sektor)
        lahir = self.lahir(usia if usia is not None else int(r.triangular(18, 65, 38)))
        if r.random() < NIK_LUAR:
            tempat = r.choices(list(DAERAH_LAIN), [d[2] for d in DAERAH_LAIN.values()])[0]
            prefix, n_kec, _ = DAERAH_LAIN[tempat]
            region = f"{prefix}{r.randint(1, n_kec):02d}"
        else:
            region = kel.kecamatan.kode.replace(".", "")
            tempat = "Balikpapan"
            if r.random() < LAHIR_LAIN_BPP:
                tempat = r.choices(list(DAERAH_LAIN), [d[2] for d in DAERAH_LAIN.values()])[0]
        if tempat == "Balikpapan":
            domisili = lahir
        else:  # moved here, mostly as an adult
            start = min(dt.date(lahir.year + 17, lahir.month, min(lahir.day, 28)), self.domisili_batas)
            domisili = start + dt.timedelta(days=r.randint(0, (self.domisili_batas - start).days))
        sumber = f"Kelurahan {kel.nama}" if r.random() < 0.75 else OPD.get(sektor, self.penyelenggara)
        return _Orang(nik=self.nik(region, lahir, jk), nama=self.nama(jk), tempat=tempat, lahir=lahir, jk=jk,
                      alamat=self.alamat(kel), kelurahan=kel, sektor=sektor, pekerjaan=r.choice(pekerjaan),
                      penghasilan=self.penghasilan(), domisili=domisili, hp=self.hp(), sumber=sumber)

    def broken(self, rule: str) -> list[_Orang]:
        """Rows that break `rule` and nothing else."""
        r = self.rng
        o = self.orang(usia={"usia": r.randint(65, 72), "usia_minimum": 17}.get(rule))
        match rule:
            case "usia" | "usia_minimum":
                pass  # the age was set above
            case "domisili":
                o = replace(o, domisili=dt.date(self.tahun - 1, r.randint(8, 12), r.randint(1, 28)))
            case "penghasilan":
                o = replace(o, penghasilan=(int(self.umk) // 100_000 + r.randint(3, 15)) * 100_000)
            case "nik_format":
                o = replace(o, nik=o.nik[:12] + o.nik[13:])  # a serial digit left out
            case "nik_excel":  # typed as a number: Excel keeps 15 significant digits
                nik = self.nik(o.nik[:6], o.lahir, o.jk, last_digit_nonzero=True)
                self.used.add(nik[:15] + "0")
                o = replace(o, nik=float(nik[:15] + "0"))
            case "kelurahan":
                o = replace(o, kel_text="Loa Janan Ilir", kec_text="Loa Janan",  # Kutai Kartanegara
                            alamat=f"Jl. Poros Loa Janan RT {r.randint(1, 30):02d}",
                            sumber=OPD.get(o.sektor, self.penyelenggara))
            case "sektor":
                o = replace(o, pekerjaan="Dokter Gigi", sumber=f"Kelurahan {o.kelurahan.nama}")
            case "ganda_berkas":  # sent by the kelurahan and by an OPD
                other = OPD.get(o.sektor, self.penyelenggara)
                return [replace(o, rule=rule, sumber=f"Kelurahan {o.kelurahan.nama}"),
                        replace(o, rule=rule, sumber=other, hp=self.hp())]
            case "tanggal":
                o = replace(o, ttl_text=f"{o.tempat}, 31-02-{o.lahir.year}")
            case "wajib":
                o = replace(o, nama="")
            case _:
                raise ValueError(f"aturan tidak dikenal: {rule}")
        return [replace(o, rule=rule)]

    # --- as a clerk types it ----------------------------------------------------------------

    def cells(self, o: _Orang) -> list:
        r = self.rng
        upper = r.random() < 0.55
        nama = o.nama.upper() if upper else o.nama
        tempat = o.tempat.upper() if upper else o.tempat
        gaya = r.choices(["-", "/", "long"], [5, 3, 2])[0]
        tgl = tanggal(o.lahir) if gaya == "long" else o.lahir.strftime(f"%d{gaya}%m{gaya}%Y")
        kec = o.kec_text or o.kelurahan.kecamatan.nama
        return [None, o.nik, nama, o.ttl_text or f"{tempat}, {tgl}", o.jk, o.alamat,
                o.kel_text or self.ejaan(o.kelurahan.nama), kec.upper() if r.random() < 0.2 else kec,
                o.hp, o.pekerjaan.upper() if r.random() < 0.15 else o.pekerjaan, o.penghasilan, o.domisili,
                o.sumber]

    def ejaan(self, nama: str) -> str:
        """The many ways staff spell a kelurahan."""
        r = self.rng.random()
        if r < 0.45:
            return nama
        if r < 0.65:
            return nama.upper()
        if r < 0.75:
            return "Kel. " + nama.replace("Gunung ", "Gn. ")
        if r < 0.85:
            return nama.lower()
        if r < 0.93:
            return nama.replace("Sungai Nangka", "Sungainangka").replace("Gunung ", "Gn. ")
        return nama.replace(" ", "  ")


def write_demo_registry(path: str | Path, count: int, seed: int, tahun: int) -> DemoSummary:
    """Write `count` valid candidates plus the rows of `BROKEN` to the XLSX at `path`."""
    g = _Generator(seed, tahun)
    rows = [g.orang() for _ in range(count)]
    for rule, n in BROKEN.items():
        made: list[_Orang] = []
        while len(made) < n:
            made += g.broken(rule)
        for o in made:
            rows.insert(g.rng.randrange(len(rows) + 1), o)

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": TITLE.format(tahun=tahun), "author": "Operator Kelurahan",
                       "created": dt.datetime(tahun - 1, 11, 1, 8, 0, 0)})
    ws = wb.add_worksheet(SHEET)
    judul = wb.add_format({"bold": True, "align": "center", "font_size": 12})
    kepala = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True, "bg_color": "#D9E1F2"})
    teks, rupiah = wb.add_format({"num_format": "@"}), wb.add_format({"num_format": "#,##0"})
    tanggal_fmt, angka = wb.add_format({"num_format": "dd-mm-yyyy"}), wb.add_format({"num_format": "0"})

    ws.merge_range(0, 0, 0, len(HEADERS) - 1, TITLE.format(tahun=tahun), judul)
    ws.write_row(2, 0, HEADERS, kepala)
    ws.freeze_panes(3, 0)
    for col, width in enumerate([5, 19, 28, 30, 4, 38, 22, 20, 15, 22, 14, 13, 34]):
        ws.set_column(col, col, width)

    broken_rows = {}
    for i, o in enumerate(rows):
        row, no = i + 3, i + 1
        if o.rule:
            broken_rows[no] = o.rule
        for col, value in enumerate(g.cells(o)):
            if col == 0:
                ws.write_number(row, col, no)
            elif isinstance(value, str):
                if value:
                    ws.write_string(row, col, value, teks if col in (1, 8) else None)
            elif isinstance(value, float):  # the NIK Excel corrupted
                ws.write_number(row, col, value, angka)
            elif isinstance(value, int):
                ws.write_number(row, col, value, rupiah)
            elif isinstance(value, dt.date):
                ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), tanggal_fmt)
    wb.close()
    return DemoSummary(valid=count, broken=dict(BROKEN), total_rows=len(rows), broken_rows=broken_rows)
