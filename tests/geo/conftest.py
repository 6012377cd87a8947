"""The real gazetteer, built once per test session into a temporary cache (or reused)."""

from __future__ import annotations

import pytest

from sitrep.geo import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()
