"""The cross-document check the demo runs: SK, monthly letters and registry agree, and a
disagreement is named."""
import datetime as dt

from sqlalchemy import update

from rentan.documents.crosscheck import crosscheck
from rentan.documents.iuran import issue_month
from rentan.documents.sk import issue_sk
from rentan.registry.db import session
from rentan.registry.lifecycle import end_participant
from rentan.registry.models import NaskahTerbit

from ..registry.helpers import person, write_xlsx
from ..year import set_year


def test_sk_and_remittances_agree_and_a_planted_difference_is_found(home, tmp_path, clock):
    from rentan.registry.importer import import_registry
    rows = [person(i) for i in range(1, 13)]
    import_registry(write_xlsx(tmp_path / "kel.xlsx", rows), 2026)
    set_year([r["No. KTP"] for r in rows], 2026, status="terverifikasi", validasi="diterima")
    issue_sk(2026, tanggal_penetapan=dt.date(2025, 12, 22), final=True)
    clock("2026-01-02")
    issue_month("2026-01", final=True)
    end_participant(rows[0]["No. KTP"], "meninggal", dt.date(2026, 1, 20))
    clock("2026-02-02")
    issue_month("2026-02", final=True)
    assert crosscheck() == []
    with session() as s:  # a letter's summary that no longer matches the registry
        s.execute(update(NaskahTerbit).where(NaskahTerbit.kunci == "iuran-bulanan/2026-02")
                  .values(ringkasan='{"peserta": 12, "jumlah": 201600}'))
    problems = crosscheck()
    assert any("12 peserta, registri 11 yang ditanggung SK 2026" in p for p in problems), problems
