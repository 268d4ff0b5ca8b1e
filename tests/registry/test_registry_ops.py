import csv
import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from rentan.cli import main
from rentan.registry.db import session
from rentan.registry.export import export_registry
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import LifecycleError, end_participant
from rentan.registry.models import AuditLog, Peserta
from rentan.registry.provinsi import import_provincial

from ..year import year_rows
from .helpers import person, write_xlsx


@pytest.fixture
def registry(home, tmp_path):
    import_registry(write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 6)]), 2026)
    return tmp_path


def test_audit_log_is_append_only_in_the_database(registry):
    with pytest.raises(DatabaseError, match="append-only"):
        with session() as s:
            s.execute(text("update audit_log set oleh = 'orang lain'"))
    with pytest.raises(DatabaseError, match="append-only"):
        with session() as s:
            s.execute(text("delete from audit_log"))
    with session() as s:
        assert s.scalar(text("select count(*) from audit_log where tindakan = 'daftar'")) == 5


def test_ending_coverage_records_reason_and_audit(registry):
    nik = person(2)["No. KTP"]
    end_participant(nik, "meninggal", dt.date(2026, 3, 4), keterangan="akta kematian 12/2026", oleh="clerk")
    p = year_rows(2026)[nik]
    with session() as s:
        log = s.scalars(select(AuditLog).where(AuditLog.tindakan == "akhiri")).one()
    assert (p.status, p.alasan_berakhir, p.tanggal_berakhir) == ("berakhir", "meninggal", dt.date(2026, 3, 4))
    assert log.oleh == "clerk" and log.subjek == nik and "tahun 2026: meninggal dunia — akta kematian 12/2026" == log.alasan
    assert json.loads(log.perubahan)["status"] == ["terdaftar", "berakhir"]
    with pytest.raises(LifecycleError, match="sudah berakhir"):
        end_participant(nik, "pindah", dt.date(2026, 4, 1))
    with pytest.raises(LifecycleError, match="tidak dikenal"):
        end_participant(person(3)["No. KTP"], "bosan", dt.date(2026, 4, 1))
    with pytest.raises(LifecycleError, match="tidak ada di registri"):
        end_participant("6471011208759999", "pindah", dt.date(2026, 4, 1))


def test_cli_end_masks_the_nik(registry):
    nik = person(1)["No. KTP"]
    res = CliRunner().invoke(main, ["registry", "end", nik, "--alasan", "pindah", "--tanggal", "01-05-2026"])
    assert res.exit_code == 0, res.output
    assert "6471********" + nik[-4:] in res.output and nik not in res.output
    assert "1 Mei 2026" in res.output


def test_provincial_list_flags_and_then_refuses(registry):
    prov = write_xlsx(registry / "prov.xlsx", [{"NIK": person(1)["No. KTP"]}, {"NIK": person(40)["No. KTP"]}],
                      headers=["NIK"], title="DAFTAR PESERTA APBD PROVINSI")
    r = import_provincial(prov)
    assert (r.dimuat, r.ditandai) == (2, 1)
    with session() as s:
        assert s.scalar(select(Peserta.ditanggung_provinsi).where(Peserta.nik == person(1)["No. KTP"])) is True
    later = import_registry(write_xlsx(registry / "baru.xlsx", [person(40), person(41)]), 2026)
    assert later.baru == 1
    assert later.ditolak[0].violations[0].rule.kode == "provinsi"
    assert "Pergub Kalimantan Timur Nomor 19 Tahun 2023" in later.ditolak[0].violations[0].alasan()


def test_export_xlsx_keeps_nik_as_text(registry):
    out = registry / "registri.xlsx"
    assert export_registry(out) == 5
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]]))
    assert isinstance(row["NIK"], str) and len(row["NIK"]) == 16
    assert row["Kelurahan"] == "Manggar" and row["Kecamatan"] == "Balikpapan Timur"
    assert row["Sektor"] == "Pedagang Kaki Lima / Pedagang Kecil" and row["Status"] == "terdaftar"


def test_export_csv_and_status_filter(registry):
    end_participant(person(1)["No. KTP"], "pindah", dt.date(2026, 2, 1))
    out = registry / "berakhir.csv"
    assert export_registry(out, status="berakhir") == 1
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1][1] == person(1)["No. KTP"] and rows[1][rows[0].index("Tanggal Berakhir")] == "01-02-2026"
    with pytest.raises(ValueError, match="status 'hilang' tidak dikenal"):
        export_registry(out, status="hilang")
