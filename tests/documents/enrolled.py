"""A small registry of participants enrolled for 2026 (what the SK leaves behind), for the
remittance tests. The SK's own tests cover how they get there."""
import datetime as dt

from rentan.registry.importer import import_registry

from ..registry.helpers import person, write_xlsx
from ..year import set_year

SECTORS = ["Petani", "Nelayan", "Ojek Pangkalan", "Driver Ojol", "PKL Bakso", "Buruh", "Serabutan"]
KELURAHAN = ["Manggar", "Baru Ilir", "Muara Rapak", "Karang Rejo", "Sepinggan", "Prapatan"]


def enrolled_registry(folder, n: int = 30, sk: str = "100.3.3.2/1/2026") -> list[str]:
    rows = [person(i, Pekerjaan=SECTORS[i % len(SECTORS)], **{"Kel.": KELURAHAN[i % len(KELURAHAN)]})
            for i in range(1, n + 1)]
    import_registry(write_xlsx(folder / "kel.xlsx", rows), 2026)
    niks = [r["No. KTP"] for r in rows]
    set_year(niks, 2026, status="ditetapkan", nomor_sk=sk, mulai=dt.date(2026, 1, 1), validasi="diterima")
    return niks
