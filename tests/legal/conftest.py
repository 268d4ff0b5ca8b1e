from __future__ import annotations

import pytest

from rentan.legal.act import Act, load_act
from rentan.legal.amendment import Amendment, load_amendment

from .helpers import AMENDMENT_YAML, BASE_YAML


@pytest.fixture(scope="session")
def base() -> Act:
    return load_act(BASE_YAML)


@pytest.fixture(scope="session")
def amendment() -> Amendment:
    return load_amendment(AMENDMENT_YAML)
