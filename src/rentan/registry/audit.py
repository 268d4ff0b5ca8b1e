"""The append-only audit log: every change to the registry says who, when, what and why."""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from rentan.registry.models import AuditLog


def actor(explicit: str | None = None) -> str:
    """Who is acting: --oleh, else RENTAN_USER, else the operating-system user."""
    if explicit:
        return explicit
    if os.environ.get("RENTAN_USER"):
        return os.environ["RENTAN_USER"]
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (containers)
        return "tidak-diketahui"


def _jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v if isinstance(v, (str, int, float, bool, type(None))) else str(v)


def entry(subjek: str, tindakan: str, oleh: str, alasan: str | None = None,
          perubahan: dict[str, tuple[Any, Any]] | None = None,
          waktu: dt.datetime | None = None) -> dict:
    return {
        "waktu": waktu or dt.datetime.now(dt.timezone.utc),
        "oleh": oleh,
        "subjek": subjek,
        "tindakan": tindakan,
        "perubahan": json.dumps({k: [_jsonable(a), _jsonable(b)] for k, (a, b) in perubahan.items()},
                                ensure_ascii=False, sort_keys=True) if perubahan else None,
        "alasan": alasan,
    }


def record(s: Session, entries: list[dict]) -> None:
    if entries:
        s.execute(insert(AuditLog), entries)
