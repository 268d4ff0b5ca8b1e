"""A real PostgreSQL server for the tests: started once per session with initdb into a temporary
folder (Debian's PostgreSQL 15 server, which install.sh installs), one fresh database per test.
On CI the server must be there: the PostgreSQL tests run, never skip."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


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


@pytest.fixture(scope="session")
def pg_server():
    """(socket folder, port) of a PostgreSQL server that lives as long as the test session."""
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing on CI; install.sh must install postgresql")
        pytest.skip("PostgreSQL server not installed")
    # As root the server runs as postgres, which may not be able to enter /tmp (0700 on some
    # machines, CI's among them): its folder then goes under postgres's own home.
    as_root = os.geteuid() == 0  # initdb refuses to run as root
    parent = pwd.getpwnam("postgres").pw_dir if as_root else None
    base = Path(tempfile.mkdtemp(prefix="rentan-pg-", dir=parent))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if as_root:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                    f"-k {sock} -p {port} -c listen_addresses='' -c max_connections=100", "start"],
                   check=True, capture_output=True)
    try:
        yield sock, port
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(pg_server, home, monkeypatch) -> str:
    """A fresh, empty database on the session's server, made the registry of this test."""
    import psycopg
    sock, port = pg_server
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(host=str(sock), port=port, user="postgres", dbname="postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@/{name}?host={sock}&port={port}"
    monkeypatch.setenv("RENTAN_DATABASE_URL", url)
    return url
