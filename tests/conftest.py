"""Every test gets its own data folder, registry and outputs folder; nothing touches the project's."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pg import pg_server, postgres_url  # noqa: F401  (fixtures)

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# The suite's "today": the 2026 cycle's registration season. Every answer that depends on the date
# (default letter dates, ages, the coverage year offered) is the same whatever the machine's clock
# says; a test that needs another day sets RENTAN_HARI_INI itself (see `clock`).
TODAY = "2025-12-01"


# The suite's settings: program.toml with the demo's overlay, which fills the facts a real office has
# not confirmed yet (signatories' NIP, an address) with fictitious values, so final documents can be
# issued; a test of the final gate itself removes it.
OVERLAY = Path(__file__).resolve().parents[1] / "src" / "rentan" / "data" / "demo"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RENTAN_HARI_INI", TODAY)
    monkeypatch.setenv("RENTAN_TAMBAHAN", str(OVERLAY))


@pytest.fixture
def clock(monkeypatch):
    """Set the programme's today: clock("2026-03-03")."""
    def set_today(iso: str) -> None:
        monkeypatch.setenv("RENTAN_HARI_INI", iso)
    return set_today


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("RENTAN_HOME", str(h))
    monkeypatch.setenv("RENTAN_DATABASE_URL", f"sqlite:///{h / 'registry.sqlite3'}")
    monkeypatch.setenv("RENTAN_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("RENTAN_USER", "petugas-uji")
    return h
