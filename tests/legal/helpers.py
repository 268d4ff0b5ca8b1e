"""Small acts and amendments written the way Bagian Hukum would, for the legal tests."""
from __future__ import annotations

from pathlib import Path

from rentan.legal.act import Act, act_from_dict
from rentan.legal.amendment import Amendment, amendment_from_dict

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
BASE_YAML = DRAFTS / "perwali-3-2025.yaml"
AMENDMENT_YAML = DRAFTS / "perubahan-perwali-3-2025.yaml"

# BAB → its articles. Pasal 1 holds 14 definitions; every other article 4 ayat.
LAYOUT = {"I": [1], "II": [2, 3, 4], "III": [5, 6, 7], "IV": [8, 9, 10], "V": [11, 12, 13, 14],
          "VI": [15, 16, 17, 18, 19, 20]}


def _pasal(n: int) -> dict:
    if n == 1:
        return {"nomor": 1, "teks": "Dalam Peraturan Wali Kota ini yang dimaksud dengan:",
                "angka": [f"Istilah {k} adalah pengertian ke-{k}." for k in range(1, 15)]}
    return {"nomor": n, "ayat": [f"Ketentuan ayat ({k}) Pasal {n}." for k in range(1, 5)]}


def make_act() -> Act:
    """Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 in miniature: 6 BAB, 20 Pasal."""
    return act_from_dict({
        "nomor": 3, "tahun": 2025, "tentang": "Uji Coba",
        "berita_daerah": {"tahun": 2025, "nomor": 4},
        "bab": [{"nomor": b, "judul": f"JUDUL BAB {b}", "pasal": [_pasal(n) for n in ns]} for b, ns in LAYOUT.items()],
    }, source="uji")


def make_amendment(*ops: dict, **extra) -> Amendment:
    """An amendment of make_act() (or of the real Perwali 3/2025: same number and year)."""
    return amendment_from_dict({
        "mengubah": {"nomor": 3, "tahun": 2025}, "tahun": 2025,
        "operasi": [{"alasan": "uji", **op} for op in ops],
        "pasal_ii": {"paragraf": ["Peraturan Wali Kota ini mulai berlaku pada tanggal diundangkan."]},
        **extra,
    }, source="uji")


def pasal(n, text: str = "Ketentuan baru.") -> dict:
    return {"nomor": n, "teks": text}
