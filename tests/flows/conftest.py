"""Flow tests share one Prefect test harness for the whole session (a temporary Prefect database;
starting one costs seconds), with RENTAN_HOME and RENTAN_OUTPUTS in a session temp folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import OVERLAY, TODAY


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory) -> Path:
    """The session's temp folder: `home/` (RENTAN_HOME, registry), `outputs/` (RENTAN_OUTPUTS)."""
    root = tmp_path_factory.mktemp("flows")
    mp = pytest.MonkeyPatch()
    mp.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    mp.setenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    mp.setenv("PREFECT_LOGGING_LEVEL", "WARNING")
    mp.setenv("PREFECT_HOME", str(root / "prefect"))  # effective when nothing imported Prefect yet
    mp.setenv("RENTAN_HOME", str(root / "home"))
    mp.setenv("RENTAN_DATABASE_URL", f"sqlite:///{root / 'home' / 'registry.sqlite3'}")
    mp.setenv("RENTAN_OUTPUTS", str(root / "outputs"))
    mp.setenv("RENTAN_USER", "petugas-uji")
    mp.setenv("RENTAN_TAMBAHAN", str(OVERLAY))
    mp.setenv("RENTAN_HARI_INI", TODAY)
    from prefect.testing.utilities import prefect_test_harness
    try:
        with prefect_test_harness(server_startup_timeout=90):
            yield root
    finally:
        mp.undo()
