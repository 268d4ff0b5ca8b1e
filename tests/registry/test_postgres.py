"""The registry on a real PostgreSQL server that the test starts itself (initdb into a temporary
folder). CI installs Debian's PostgreSQL 15 server; there the test must run, not skip."""
import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from rentan.registry.db import session
from rentan.registry.importer import import_registry
from rentan.registry.lifecycle import end_participant
from rentan.registry.models import AuditLog, Peserta

from .helpers import person, write_xlsx


def _pg_bin() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing on CI; .ci/run must install postgresql")
        pytest.skip("PostgreSQL server not installed")
    # Not under pytest's tmp folder: that one is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="rentan-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                    f"-k {sock} -p {port} -c listen_addresses=''", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}&port={port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_registry_on_postgresql(postgres_url, home, tmp_path, monkeypatch):
    monkeypatch.setenv("RENTAN_DATABASE_URL", postgres_url)
    f = write_xlsx(tmp_path / "kel.xlsx", [person(i) for i in range(1, 31)] + [person(50, **{"Kel.": "Loa Janan Ilir"})])
    r = import_registry(f, 2026)
    assert (r.baru, len(r.ditolak)) == (30, 1)
    again = import_registry(f, 2026)
    assert (again.baru, again.tidak_berubah) == (0, 30)
    end_participant(person(3)["No. KTP"], "sektor_formal", dt.date(2026, 5, 1))
    with session() as s:
        assert s.bind.dialect.name == "postgresql"
        assert s.scalar(select(func.count()).select_from(Peserta)) == 30
        assert s.scalar(select(Peserta.status).where(Peserta.nik == person(3)["No. KTP"])) == "berakhir"
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 31
    with pytest.raises(DatabaseError, match="append-only"):
        with session() as s:
            s.execute(text("delete from audit_log"))
