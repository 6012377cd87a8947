"""Scale-out for extraction: local worker processes and a Dask distributed cluster.

Both run the same pure function (``sitrep.extract.stage.extract_chunk``) on chunks of
articles, with the models loaded once per worker; the calling process stays the one writer.
Fusion stays in the calling process (see the README, "When one machine is not enough").
"""

from __future__ import annotations

from sitrep.errors import SitrepError


class ScaleError(SitrepError):
    """The workers or the cluster cannot be used: the message says what to check."""


__all__ = ["ScaleError", "cluster_runner"]


def cluster_runner(scheduler: object, mode: str, version: str) -> object:
    """A ``ClusterRunner`` on ``scheduler``, or a ScaleError saying how to install Dask when
    it is missing (it is the optional ``scale`` extra)."""
    try:
        from sitrep.scale.cluster import ClusterRunner
    except ImportError as exc:
        raise ScaleError(
            f"--scheduler needs Dask distributed ({exc}): pip install 'sitrep[scale]' "
            "(or pip install 'dask[distributed]')"
        ) from exc
    return ClusterRunner(scheduler, mode, version)  # type: ignore[arg-type]
