"""Extraction on local worker processes (``sitrep run --workers N``).

Each worker loads the models once (the pool's initializer) and extracts whole chunks; the
parent reads articles, hands out chunks and writes every result itself, so SQLite keeps its
single writer. A worker that dies (killed, out of memory) breaks the pool: the pool is
started again and every chunk that had no result yet is handed out again. Claims are
replaced per article, so a chunk done twice is stored once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from sitrep.extract.stage import ArticleResult, ChunkResult, extract_chunk
from sitrep.model import Article

# A chunk whose worker died this many times is given up: its articles are recorded as failed
# (re-running retries them), so one article that crashes the models cannot stall the run.
MAX_ATTEMPTS = 3

_cascade = None  # the worker's Cascade, built once by ``_start_worker``


def _start_worker(parent: int, mode: str, threads: int) -> None:
    """Pool initializer: die with the parent, cap math threads, load the models once."""
    global _cascade
    from sitrep.ingest.stage import _die_with_parent

    _die_with_parent(parent)
    # N workers on N cores: each must not also start one BLAS/OpenMP thread per core.
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if mode == "full":
        with contextlib.suppress(ImportError):
            import torch

            torch.set_num_threads(threads)
    from sitrep.extract.cascade import Cascade

    _cascade = Cascade(mode)


def _run_chunk(articles: list[Article]) -> ChunkResult:
    assert _cascade is not None, "the pool initializer did not run"
    return extract_chunk(_cascade, articles)


@dataclass
class _Job:
    chunk: list[Article]
    future: Future[ChunkResult]
    attempts: int = 1


class PoolRunner:
    """Chunks extracted by ``workers`` processes (started fresh, not forked from a parent that
    may already hold model threads), at most two chunks per worker queued ahead."""

    def __init__(self, workers: int, mode: str, version: str) -> None:
        self.workers, self.mode, self.version = workers, mode, version
        self.threads = max(1, (os.cpu_count() or 1) // workers)
        self.in_flight = 2 * workers
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), self.mode, self.threads),
            )
        return self.pool

    def _submit(self, chunk: list[Article], attempts: int = 1) -> _Job:
        return _Job(chunk, self._pool().submit(_run_chunk, chunk), attempts)

    def _restart(self, jobs: deque[_Job]) -> None:
        """A worker died: every job without a result is lost with the pool; start a new
        pool and hand those chunks out again."""
        self.restarts += 1
        self.close()
        for _ in range(len(jobs)):
            job = jobs.popleft()
            jobs.append(self._submit(job.chunk, job.attempts + 1))

    def _take(self, jobs: deque[_Job]) -> Iterator[ChunkResult]:
        job = jobs[0]
        try:
            result = job.future.result()
        except BrokenProcessPool:
            if job.attempts >= MAX_ATTEMPTS:
                jobs.popleft()
                why = f"a worker process died on each of {job.attempts} tries of its chunk"
                yield ChunkResult(self.version, [ArticleResult(a.id, error=why) for a in job.chunk])
            self._restart(jobs)
            return
        jobs.popleft()
        yield result

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]:
        jobs: deque[_Job] = deque()
        for chunk in chunks:
            jobs.append(self._submit(chunk))
            while len(jobs) >= self.in_flight:
                yield from self._take(jobs)
        while jobs:
            yield from self._take(jobs)

    def close(self) -> None:
        if self.pool is not None:
            with contextlib.suppress(Exception):  # a broken pool may fail to shut down cleanly
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
