"""Child processes that die with the process that started them.

A run killed with SIGKILL never reaches its exit handlers, so a child it started (the ephemeral
Prefect server, the second Lampiran PDF) would live on. `watch_parent()`, called early in the
child, ends it as soon as its parent is gone: Linux re-parents an orphan, so `os.getppid()` changes.
"""
from __future__ import annotations

import os
import signal
import threading
import time

ENV = "RENTAN_PARENT_PID"


def watch_parent(parent: int | None = None, every: float = 0.25, grace: float = 5.0) -> None:
    """End this process (SIGTERM, then SIGKILL after `grace` seconds) once `parent` (default: the
    pid in RENTAN_PARENT_PID, else the current parent) is no longer its parent."""
    parent = parent or int(os.environ.get(ENV) or os.getppid())

    def run() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(grace)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=run, name="rentan-lifeline", daemon=True).start()
