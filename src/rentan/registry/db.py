"""The registry database: SQLite in RENTAN_HOME by default, or whatever RENTAN_DATABASE_URL names
(PostgreSQL: postgresql+psycopg://…). Opening it brings the schema to the newest migration."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from rentan import paths

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url() -> str:
    return os.environ.get("RENTAN_DATABASE_URL") or f"sqlite:///{paths.home() / 'registry.sqlite3'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
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
            Path(db_file).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"timeout": 30})
        event.listen(eng, "connect", _sqlite_pragmas)
    else:
        eng = create_engine(url, pool_pre_ping=True)
    migrate(eng)
    return eng


@contextmanager
def session(url: str | None = None) -> Iterator[Session]:
    """A session in one transaction: committed when the block ends, rolled back on any error."""
    maker = sessionmaker(get_engine(url), expire_on_commit=False)
    with maker.begin() as s:
        yield s
