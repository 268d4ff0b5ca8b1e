"""The one issuing pipeline (rentan.documents.issuing), exercised with a sixth document type written
here in a few lines — a note to a kelurahan listing its participants — as a newcomer would add one:
numbered once, files first and record second, private staging, the manifest, a re-run that costs a
manifest check, a tampered file refused in one line."""
import datetime as dt
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rentan.documents.issuing import Document, Numbering, issue
from rentan.errors import Refusal
from rentan.registry.db import session
from rentan.registry.desk import Desk
from rentan.registry.models import Kepesertaan, NaskahTerbit, NomorSurat
from rentan.registry.participation import in_year
from rentan.registry.snapshot import Snapshot
from rentan.render.outputs import OutputError, Staging

from ..registry.helpers import person, write_xlsx


class Catatan(Document[Snapshot, dict]):
    """A numbered note listing the candidates of a year (public: names only; private: NIKs)."""
    kind = "catatan"
    final = True

    def __init__(self, tahun: int, tanggal: dt.date, fail_at: str | None = None):
        self.year, self.tanggal, self.fail_at = tahun, tanggal, fail_at

    def key(self, desk: Desk) -> str:
        return "daftar"

    def snapshot(self, desk: Desk) -> Snapshot:
        people = Snapshot.of(in_year(desk, self.year))
        if not len(people):
            raise Refusal(f"belum ada calon peserta tahun {self.year}")
        return people

    def numbering(self, people: Snapshot) -> Numbering:
        return Numbering(f"catatan/{self.tanggal.year}", self.tanggal, lambda u: f"000/{u}/Catatan")

    def context(self, people: Snapshot, nomor) -> dict:
        return {"nomor": nomor.nomor, "nama": [a.nama for a in people]}

    def faces(self, ctx: dict, people: Snapshot, out: Staging) -> dict:
        out.path("catatan.txt").write_text(f"{ctx['nomor']}\n" + "\n".join(ctx["nama"]), encoding="utf-8")
        out.private("nik.txt").write_text("\n".join(a.nik for a in people), encoding="utf-8")
        if self.fail_at == "faces":
            raise RuntimeError("disk penuh")
        return {"jumlah": len(people)}

    def check(self, ctx, people, out, summary) -> None:
        if self.fail_at == "check":
            raise Refusal("jumlah tidak cocok")


def counts() -> tuple[int, int]:
    with session() as s:
        return (s.scalar(select(func.count()).select_from(NaskahTerbit)),
                s.scalar(select(func.count()).select_from(NomorSurat)))


@pytest.fixture
def registry(home, tmp_path):
    from rentan.registry.importer import import_registry
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 4)]), 2026)
    return Path(os.environ["RENTAN_OUTPUTS"])


def test_a_sixth_document_is_the_protocol_filled_in(registry):
    doc = issue(Catatan(2026, dt.date(2026, 3, 2)))
    assert (doc.nomor, doc.baru, doc.ringkasan) == ("000/1/Catatan", True, {"jumlah": 3})
    assert doc.folder == registry / "2026" / "catatan" / "daftar"
    m = json.loads(doc.file("manifest.json").read_text(encoding="utf-8"))
    assert m["rahasia"]["folder"] == "rahasia/2026/catatan/daftar"  # relative to the outputs root
    assert doc.private("nik.txt").stat().st_mode & 0o777 == 0o600
    assert doc.private("nik.txt").parent.stat().st_mode & 0o777 == 0o700
    assert doc.file("catatan.txt").stat().st_mode & 0o777 == 0o644
    assert counts() == (1, 1)
    again = issue(Catatan(2026, dt.date(2026, 3, 9)))  # another day: the same document, not rebuilt
    assert (again.nomor, again.baru) == ("000/1/Catatan", False) and "sudah diterbitkan" in again.pesan
    assert counts() == (1, 1)


def test_a_moved_outputs_folder_still_verifies(registry, tmp_path, monkeypatch):
    issue(Catatan(2026, dt.date(2026, 3, 2)))
    moved = tmp_path / "cadangan"
    registry.rename(moved)
    monkeypatch.setenv("RENTAN_OUTPUTS", str(moved))
    assert issue(Catatan(2026, dt.date(2026, 3, 2))).folder == moved / "2026" / "catatan" / "daftar"


def test_a_tampered_file_is_one_clear_refusal(registry):
    doc = issue(Catatan(2026, dt.date(2026, 3, 2)))
    doc.private("nik.txt").write_text("diubah", encoding="utf-8")
    with pytest.raises(OutputError, match="diubah atau dihapus sesudah terbit"):
        issue(Catatan(2026, dt.date(2026, 3, 2)))


@pytest.mark.parametrize("fail_at", ["faces", "check"])
def test_a_failure_leaves_no_number_no_record_and_no_file(registry, fail_at):
    with pytest.raises((RuntimeError, Refusal)):
        issue(Catatan(2026, dt.date(2026, 3, 2), fail_at=fail_at))
    assert counts() == (0, 0)
    assert not (registry / "2026").exists() and not (registry / "rahasia").exists()
    assert list((registry / ".staging").iterdir()) == []
    assert issue(Catatan(2026, dt.date(2026, 3, 2))).nomor == "000/1/Catatan"  # mended: completes, no gap


def test_a_refusal_in_the_snapshot_changes_nothing(home):
    with pytest.raises(Refusal, match="belum ada calon peserta tahun 2026"):
        issue(Catatan(2026, dt.date(2026, 3, 2)))
    assert counts() == (0, 0)


def test_staging_is_private_and_outside_the_published_tree(registry):
    seen = {}

    class Peek(Catatan):
        def faces(self, ctx, people, out):
            summary = super().faces(ctx, people, out)
            seen["mode"] = out.folder.stat().st_mode & 0o777
            seen["where"] = out.folder.relative_to(registry).parts[0]
            return summary

    issue(Peek(2026, dt.date(2026, 3, 2)))
    assert seen == {"mode": 0o700, "where": ".staging"}
