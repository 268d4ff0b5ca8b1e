"""Synthetic, deterministic annex data for the bench: Indonesian-looking names, Balikpapan kelurahan,
NIKs of the right shape. No registry, no Faker: the same seed gives the same annex everywhere."""
from __future__ import annotations

import datetime as dt
import random

from rentan.render.annex import AnnexGroup, AnnexHeader, AnnexRow
from rentan.wilayah import KELURAHAN

FIRST_L = ["Ahmad", "Muhammad", "Budi", "Agus", "Andi", "Rahmat", "Hendra", "Syamsul", "Joko", "Eko", "Arif",
           "Bambang", "Dedi", "Fajar", "Hasan", "Iwan", "Ma'ruf", "Nur", "Rudi", "Slamet", "Taufik", "Wahyu",
           "Yusuf", "Zainal", "Abdul", "Daeng", "La Ode", "Suparman", "Herman", "Usman"]
FIRST_P = ["Siti", "Sri", "Dewi", "Nur", "Rina", "Ani", "Yuliana", "Fitri", "Hasnah", "Kartini", "Lestari",
           "Maryam", "Ningsih", "Rahmawati", "Sulastri", "Wulan", "Aisyah", "Fatimah", "Hartini", "Indah",
           "Juwita", "Suryani", "Andi Nurul", "Wa Ode"]
LAST = ["Saputra", "Hidayat", "Santoso", "Wijaya", "Kurniawan", "Setiawan", "Pratama", "Nugroho", "Siregar",
        "Lubis", "Hasibuan", "Rahman", "Syahputra", "Simanjuntak", "Pangaribuan", "Sitompul", "Tanjung",
        "Hakim", "Maulana", "Firmansyah", "Ramadhan", "Gunawan", "Sulistyowati", "Handayani", "Wulandari",
        "Pertiwi", "Anggraini", "Purnamasari", "Susanti", "Rusdi", "Baso", "Mappaseng", "Tahir", "Jufri"]
TEMPAT = ["Balikpapan"] * 8 + ["Samarinda", "Makassar", "Parepare", "Surabaya", "Banjarmasin", "Pinrang",
                               "Penajam Paser Utara", "Sidenreng Rappang", "Tenggarong", "Bone", "Jember"]
PEKERJAAN = ["Pedagang Kaki Lima", "Nelayan", "Petani", "Ojek Pangkalan", "Pengemudi Ojek Online",
             "Buruh Harian Lepas", "Tukang Bangunan", "Pemulung", "Asisten Rumah Tangga", "Penjahit",
             "Marbot Masjid", "Petugas Kebersihan", "Pedagang Keliling"]
ODD_NAMES = ["Ma'ruf & Sons <CV>", "Nur\x0bAini \"Ani\"", "Raden Mas Muhammad Abdurrahman Wahid Kusumanegara "
             "Hadiningrat Sastrowardoyo", "Ñoño Ürük Żółw"]


def make_groups(n: int, seed: int = 2026) -> list[AnnexGroup]:
    """n participants over Balikpapan's 34 kelurahan (uneven sizes), sorted as the caller sorts."""
    rnd = random.Random(seed)
    weights = [rnd.uniform(0.4, 2.0) for _ in KELURAHAN]
    total = sum(weights)
    counts = [int(n * w / total) for w in weights]
    for i in range(n - sum(counts)):
        counts[i % len(counts)] += 1
    groups = []
    serial = 0
    for kel, k in zip(KELURAHAN, counts):
        rows = []
        kec_digits = kel.kecamatan.kode[-2:]
        for _ in range(k):
            serial += 1
            sex = "L" if rnd.random() < 0.55 else "P"
            born = dt.date(1961, 1, 1) + dt.timedelta(days=rnd.randrange(0, 47 * 365))
            day = born.day + (40 if sex == "P" else 0)
            nik = f"6471{kec_digits}{day:02d}{born.month:02d}{born.year % 100:02d}{serial % 9999 + 1:04d}"
            if serial % 997 == 0:
                nama = ODD_NAMES[(serial // 997) % len(ODD_NAMES)]
            else:
                nama = f"{rnd.choice(FIRST_L if sex == 'L' else FIRST_P)} {rnd.choice(LAST)}"
            rows.append(AnnexRow(nik, nama, rnd.choice(TEMPAT), born, sex, rnd.choice(PEKERJAAN), kel.nama))
        rows.sort(key=lambda r: (r.nama, r.nik))
        groups.append(AnnexGroup(kel.kecamatan.nama, kel.nama, rows))
    return groups


def make_header(tahun: int = 2026, mask: bool = True, paper: str = "F4", watermark: str | None = None) -> AnnexHeader:
    tentang = ("PENETAPAN PESERTA PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA "
               f"RENTAN TAHUN {tahun}")
    return AnnexHeader(
        lines=["LAMPIRAN", "KEPUTUSAN WALI KOTA BALIKPAPAN", f"NOMOR : 100.3.3.2/12/{tahun}",
               f"TANGGAL : 2 Januari {tahun}", f"TENTANG : {tentang}"],
        title=["DAFTAR PESERTA PENERIMA BANTUAN IURAN JAMINAN SOSIAL KETENAGAKERJAAN",
               f"BAGI PEKERJA RENTAN KOTA BALIKPAPAN TAHUN {tahun}"],
        signature=["WALI KOTA BALIKPAPAN,", "", "", "", "RAHMAD MAS'UD"],
        mask_nik=mask, paper=paper, watermark=watermark)
