"""Fusion in blocks (``sitrep.fuse.partition``) on local processes or a Dask cluster.

``partitioned_fuser`` gives the fuse stage a drop-in for ``fuse_claims``: below
``PARTITION_MIN`` claims it is ``fuse_claims`` itself (a pool's start-up would cost more
than it saves); above, the claims are split into blocks that fuse apart, the blocks are
fused in parallel and their events put together, the same events either way.

Local processes are forked after the blocks are built, so each worker finds them in its
memory and only a block's number and its events travel; a Dask cluster gets each block
scattered to a worker (plain claims and article facts) and returns plain events. A worker
that dies costs speed, never events: its block is fused again in this process (locally) or
on another worker (Dask reschedules it; a block that keeps killing workers is fused here).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sitrep.fuse.features import ArticleInfo
from sitrep.fuse.fusion import fuse_claims
from sitrep.fuse.partition import Block, fuse_block, fuse_partitioned
from sitrep.fuse.stage import Fuser
from sitrep.model import Claim, Event

__all__ = ["PARTITION_MIN", "fuse_blocks_locally", "partitioned_fuser"]

# Claims from which fusion is split into blocks: below, one process fuses 10,000 claims in
# about 2 s here, about what forking workers and building the blocks take.
PARTITION_MIN = 10_000
# Blocks smaller than this are packed into one task: a task costs a few milliseconds.
PACK_CLAIMS = 500

_BLOCKS: list[Block] = []  # the blocks a forked worker inherits


def _fuse_nth(i: int) -> list[Event]:
    return fuse_block(_BLOCKS[i])


def fuse_blocks_locally(found: list[Block], workers: int) -> Iterator[list[Event]]:
    """Each block's events, fused by ``workers`` forked processes (in this process where
    fork is missing, or for what a dead worker held)."""
    global _BLOCKS
    if workers < 2 or len(found) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fuse_block, found)
        return
    from sitrep.ingest.stage import _die_with_parent

    _BLOCKS = found
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(found)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        futures = [pool.submit(_fuse_nth, i) for i in range(len(found))]
        for i, future in enumerate(futures):
            try:
                yield future.result()
            except Exception:  # BrokenProcessPool: a worker died; the block is fused here
                yield fuse_block(found[i])
    finally:
        _BLOCKS = []
        with contextlib.suppress(Exception):  # a broken pool may fail to shut down cleanly
            pool.shutdown(wait=True, cancel_futures=True)


def partitioned_fuser(
    workers: int = 1, scheduler: Any | None = None, min_claims: int | None = None
) -> Fuser:
    """``fuse_claims``, or, from ``min_claims`` claims (default ``PARTITION_MIN``), the same
    events fused in blocks on ``workers`` local processes or on the Dask cluster of
    ``scheduler`` (a Client)."""
    if scheduler is not None:
        from sitrep.scale.cluster import fuse_blocks_on_cluster

        def run_blocks(found: list[Block]) -> Iterator[list[Event]]:
            return fuse_blocks_on_cluster(scheduler, found)
    elif workers > 1:

        def run_blocks(found: list[Block]) -> Iterator[list[Event]]:
            return fuse_blocks_locally(found, workers)
    else:
        return fuse_claims

    def fuser(claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> list[Event]:
        if len(claims) < (PARTITION_MIN if min_claims is None else min_claims):
            return fuse_claims(claims, articles)
        return fuse_partitioned(claims, articles, run_blocks, PACK_CLAIMS)

    return fuser
