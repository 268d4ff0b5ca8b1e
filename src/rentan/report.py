"""What the rentan command and the demo print about an outcome: lines of Indonesian, counts and
row numbers, never a NIK or a name (an import's own `lines()` masks NIK-like numbers)."""
from __future__ import annotations

from rentan.errors import mask_numbers
from rentan.idfmt import ribuan


def import_lines(r, limit: int | None = 12) -> list[str]:
    return r.lines(limit)


def verification_lines(r, limit: int = 20) -> list[str]:
    out = [f"Formulir {r.berkas}: {ribuan(r.dibaca)} baris; {ribuan(r.sesuai)} sesuai (terverifikasi), "
           f"{ribuan(r.tidak_sesuai)} tidak sesuai (ditolak), {ribuan(r.tidak_berubah)} tidak berubah, "
           f"{ribuan(len(r.dilaporkan))} tidak diterapkan."]
    out += [f"  baris {baris}: {why}" for baris, why in r.dilaporkan[:limit]]
    if len(r.dilaporkan) > limit:
        out.append(f"  … dan {ribuan(len(r.dilaporkan) - limit)} baris lain")
    return [mask_numbers(line) for line in out]


def flow_lines(rows: list[dict]) -> list[str]:
    """A flow's result rows, one line each ("Kunci: nilai | …")."""
    return ["  " + " | ".join(f"{k}: {v}" for k, v in r.items()) for r in rows]
