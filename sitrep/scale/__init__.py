"""Scale-out: local worker processes and a Dask distributed cluster.

Extraction runs the same pure function (``sitrep.extract.stage.extract_chunk``) on chunks
of articles, with the models loaded once per worker; the calling process writes the
results, except that Dask workers write to PostgreSQL themselves with COPY. Fusion of many
claims runs in blocks that cannot meet (``sitrep.fuse.partition``, ``scale.fusion``). See
the README, "When one machine is not enough".
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from sitrep.errors import SitrepError


class ScaleError(SitrepError):
    """The workers or the cluster cannot be used: the message says what to check."""


__all__ = ["ScaleError", "cluster_runner", "connect_scheduler"]


def _cluster() -> ModuleType:
    """``sitrep.scale.cluster``, or a ScaleError saying how to install Dask when it is
    missing (it is the optional ``scale`` extra)."""
    try:
        from sitrep.scale import cluster
    except ImportError as exc:
        raise ScaleError(
            f"--scheduler needs Dask distributed ({exc}): pip install 'sitrep[scale]' "
            "(or pip install 'dask[distributed]')"
        ) from exc
    return cluster


def cluster_runner(scheduler: Any, mode: str, version: str, copy_to: Any = None) -> Any:
    """A ``ClusterRunner`` extracting on ``scheduler`` (an address or a Client); with
    ``copy_to`` (a ``cluster.CopyTarget``), its workers write to PostgreSQL themselves."""
    return _cluster().ClusterRunner(scheduler, mode, version, copy_to)


def connect_scheduler(address: str) -> Any:
    """A ``distributed.Client`` on ``address``: ``sitrep run`` connects before it ingests,
    so a wrong address fails in seconds, not after the input was read."""
    client, _ = _cluster().connect(address)
    return client
