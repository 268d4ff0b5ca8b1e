"""Crash points for the fault-injection tests (tests/test_faults.py): with RENTAN_UJI_HENTI set to a
point's name, the process kills itself there with SIGKILL — what `kill -9` at that moment does —
so the tests can check that no fault leaves a half-written registry, an orphaned child process or a
staging folder behind. Unset (always, outside those tests), a point does nothing."""
from __future__ import annotations

import os
import signal

ENV = "RENTAN_UJI_HENTI"


def point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
