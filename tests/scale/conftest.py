"""The single-process run of the samples that every scaled-out run must equal, and a real
two-worker Dask cluster on loopback (processes, one thread each: the machine may be small)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scale_helpers import Snapshot, snapshot

import sitrep

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="session")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """The samples run in one process, today's path (``--workers 1``)."""
    path = tmp_path_factory.mktemp("baseline") / "one.db"
    with sitrep.open_store(f"sqlite:///{path}") as store:
        report = sitrep.run([str(SAMPLES)], store, workers=1)
        assert report.ok and report.extract.claims > 20
        return snapshot(store)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    yield from _local_client()


@pytest.fixture
def own_dask_client() -> Iterator[Any]:
    """A cluster of the test's own, for a test that kills a worker: the nanny's restart of
    it is Dask's business, and no later test waits on it."""
    yield from _local_client()


def _local_client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster, timeout="60s") as client,
    ):
        yield client
