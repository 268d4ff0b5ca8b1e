from __future__ import annotations

import pytest

from rentan.legal.act import Act, load_act
from rentan.legal.amendment import Amendment, load_amendment

from .helpers import AMENDMENT_YAML, BASE_YAML


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """The legal tests read the drafts as shipped: no demo overlay (it fills the amendment's number)."""
    from tests.conftest import TODAY
    monkeypatch.setenv("RENTAN_HARI_INI", TODAY)
    monkeypatch.delenv("RENTAN_TAMBAHAN", raising=False)


def _shipped(load, path):
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("RENTAN_TAMBAHAN", raising=False)
        return load(path)


@pytest.fixture(scope="session")
def base() -> Act:
    return _shipped(load_act, BASE_YAML)


@pytest.fixture(scope="session")
def amendment() -> Amendment:
    return _shipped(load_amendment, AMENDMENT_YAML)
