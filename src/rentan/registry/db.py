"""The registry database: SQLite in RENTAN_HOME by default, or whatever RENTAN_DATABASE_URL names
(PostgreSQL: postgresql+psycopg://…). Opening it brings the schema to the newest migration.
SQL errors never carry the statement's parameters (NIKs, names): `hide_parameters`.

Transactions are real on both. On SQLite every writing session begins `BEGIN IMMEDIATE`: it holds
the database's write lock from its first statement, so what it reads stays true until it commits
(pysqlite on its own starts the transaction only at the first write, after the reads a budget
check rests on). Read-only sessions (`session(readonly=True)`) begin a plain deferred transaction
and never wait for writers (WAL). On PostgreSQL, `lock(s, name)` serialises the rest of a
transaction with every other one that locks the same name (a transaction-level advisory lock).
"""
from __future__ import annotations

import hashlib
import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from rentan import paths

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url() -> str:
    return os.environ.get("RENTAN_DATABASE_URL") or f"sqlite:///{paths.home() / 'registry.sqlite3'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # the driver issues no BEGIN of its own: _sqlite_begin does
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _private_sqlite(db_file: Path) -> None:
    """The registry holds every NIK: its folder 0700, the file and its -wal/-shm journals 0600
    (SQLite gives the journals the main file's permissions, so the file is made before SQLite
    opens it)."""
    folder = db_file.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)
    os.close(os.open(db_file, os.O_RDWR | os.O_CREAT, 0o600))
    for f in (db_file, db_file.with_name(db_file.name + "-wal"), db_file.with_name(db_file.name + "-shm")):
        if f.exists() and f.stat().st_mode & 0o077:
            os.chmod(f, 0o600)


_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: database_url()), migrated, one per URL per process."""
    with _lock:  # migrations must not run twice at once in one process
        return _engine(url or database_url())


@lru_cache(maxsize=16)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        db_file = make_url(url).database
        if db_file and db_file != ":memory:":
            _private_sqlite(Path(db_file))
        eng = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(eng, "connect", _sqlite_pragmas)
        event.listen(eng, "begin", _sqlite_begin)
    else:
        eng = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    migrate(eng)
    return eng


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("rentan_readonly") else "BEGIN IMMEDIATE")


@contextmanager
def session(url: str | None = None, *, readonly: bool = False) -> Iterator[Session]:
    """A session in one transaction: committed when the block ends, rolled back on any error.
    `readonly`: a session that only reads (on SQLite it does not take the write lock)."""
    engine = get_engine(url)
    if readonly:
        engine = engine.execution_options(rentan_readonly=True)
    maker = sessionmaker(engine, expire_on_commit=False)
    with maker.begin() as s:
        yield s


def lock(s: Session, name: str) -> None:
    """Serialise the rest of this transaction with every other transaction that locks `name`
    (until commit or rollback). SQLite needs nothing more: a writing session holds the database's
    write lock from its BEGIN IMMEDIATE."""
    if s.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
