"""What a clerk is told when the product refuses, and where the technical detail goes.

`Refusal` is every *expected* refusal: a bad file, a bad parameter, a document that cannot be
issued yet, a tampered output. Its message is Indonesian, for the clerk, and never holds a NIK or a
name. Anything else that goes wrong is unexpected: the clerk gets one line naming the log file, and
the full trace goes there (`record_trace`), with every NIK-like number masked.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import traceback
from pathlib import Path

_NIK_LIKE = re.compile(r"(?<![0-9])([0-9]{4})[0-9]{8}([0-9]{4})(?![0-9])")


class Refusal(ValueError):
    """An expected refusal; `str(e)` is the reason for the clerk (Indonesian, no personal data)."""

    def line(self) -> str:
        """The reason in one line."""
        return " ".join(str(self).split())


def mask_numbers(text: str) -> str:
    """Every 16-digit run masked as a published annex masks a NIK (6471********1234)."""
    return _NIK_LIKE.sub(lambda m: f"{m.group(1)}{'*' * 8}{m.group(2)}", text)


def log_path() -> Path:
    from rentan import paths
    folder = paths.home() / "log"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / "rentan.log"


def record_trace(exc: BaseException, what: str) -> Path:
    """Append the full trace of `exc` (NIK-like numbers masked) to the owner-only log; its path."""
    target = log_path()
    stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(f"--- {stamp} {mask_numbers(what)}\n{mask_numbers(trace)}\n")
    return target
