"""Every test gets its own data folder, registry and outputs folder; nothing touches the project's."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("RENTAN_HOME", str(h))
    monkeypatch.setenv("RENTAN_DATABASE_URL", f"sqlite:///{h / 'registry.sqlite3'}")
    monkeypatch.setenv("RENTAN_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("RENTAN_USER", "petugas-uji")
    return h
