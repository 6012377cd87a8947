"""Shared fixtures: a fresh store on each back-end, small article files, the sample corpus."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED_DATA = REPO.parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """One PostgreSQL server for the session, or a skip (a failure under CI=true)."""
    from pg import Cluster

    url = os.environ.get("SITREP_TEST_PG_URL")
    if url:
        yield url
        return
    try:
        cluster = Cluster()
        cluster.start()
    except Exception as exc:  # missing binaries, no postgres user, ...
        if IN_CI:
            pytest.fail(f"PostgreSQL tests must run under CI but the server could not start: {exc}")
        pytest.skip(
            f"PostgreSQL not available here ({exc}); `make test` installs it when run as root"
        )
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: object) -> Iterator[str]:
    if isinstance(pg_cluster, str):
        yield pg_cluster
        return
    name = "t_" + uuid.uuid4().hex[:12]
    url = pg_cluster.create_database(name)  # type: ignore[attr-defined]
    yield url
    pg_cluster.drop_database(name)  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database on each back-end: store tests run on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'test.db'}")
    yield s
    s.close()


@pytest.fixture
def samples() -> Path:
    assert SAMPLES.is_dir(), "samples/ is part of the repository"
    return SAMPLES
