"""Extraction on an existing Dask distributed cluster (``sitrep run --scheduler tcp://...``).

The models reach each worker once, through a worker plugin that builds the extraction
cascade when the worker joins (and again on a worker the nanny restarts); tasks carry only
a chunk of articles and find the cascade on their worker, so no model is ever pickled per
task. Tasks return plain records (``ChunkResult``), and the calling process, the client,
writes them to SQLite, its one writer. With PostgreSQL each task writes its own chunk with
COPY (``store.pg_copy``, one transaction per chunk, a retried chunk replaces) and returns
only counts; when a worker cannot reach the database, the client writes instead.

Faults: a worker that dies mid-chunk has its chunk rescheduled on another worker by the
scheduler; a chunk that kills workers again and again (``distributed.scheduler.allowed-
failures``) ends as failed articles, which the next run retries. A killed client loses
only the chunks it had not written yet: re-running extracts exactly those.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, Worker, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.scheduler import KilledWorker

from sitrep.errors import InputError
from sitrep.extract.stage import ArticleResult, ChunkResult, ExtractorMismatch, extract_chunk
from sitrep.fuse.partition import Block, fuse_block
from sitrep.ingest.raw import Limits, RawDoc
from sitrep.ingest.stage import CHUNK, Prepared, prepare
from sitrep.model import Article, Event
from sitrep.scale import ScaleError

if TYPE_CHECKING:
    from sitrep.extract.cascade import Cascade

# The cascades built on this worker, by mode: registering the plugin again (every run
# registers it) reuses the models already loaded instead of loading them again.
_CASCADES: dict[str, Cascade] = {}


def _cascade(mode: str) -> Cascade:
    if mode not in _CASCADES:
        from sitrep.extract.cascade import Cascade

        _CASCADES[mode] = Cascade(mode)
    return _CASCADES[mode]


class ExtractionModels(WorkerPlugin):  # type: ignore[misc]
    """Loads the extraction models on a worker once (off its event loop, so the worker keeps
    answering the scheduler's heartbeats meanwhile)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    async def setup(self, worker: Worker) -> None:
        await asyncio.get_running_loop().run_in_executor(None, _cascade, self.mode)


def _extract_on_worker(mode: str, articles: list[Article]) -> ChunkResult:
    """The task: one chunk, with the cascade the plugin loaded on this worker."""
    return extract_chunk(_cascade(mode), articles)


def _worker_version(mode: str) -> str:
    return _cascade(mode).version


@dataclass(frozen=True)
class CopyTarget:
    """Where the workers write with COPY: a PostgreSQL connection string (with its password,
    so it is kept out of reprs and logs), the extract run and its extractor version."""

    conninfo: str = field(repr=False)
    run_id: str
    version: str


_DB = threading.local()  # each worker thread's connection to the store


def _db(conninfo: str) -> Any:
    conn = getattr(_DB, "conn", None)
    if conn is None or conn.closed or getattr(_DB, "conninfo", None) != conninfo:
        import psycopg

        conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
        _DB.conn, _DB.conninfo = conn, conninfo
    return conn


def _can_write(conninfo: str) -> str | None:
    """Why this worker cannot reach the store, or None."""
    try:
        _db(conninfo).execute("SELECT 1 FROM articles LIMIT 0")
    except Exception as exc:
        _DB.conn = None
        lines = str(exc).strip().splitlines() or [""]
        return f"{type(exc).__name__}: {lines[0]}"
    return None


def _extract_and_copy(mode: str, target: CopyTarget, articles: list[Article]) -> ChunkResult:
    """The task with PostgreSQL: one chunk extracted and written here, only counts returned."""
    import psycopg

    from sitrep.store.pg_copy import write_chunk

    chunk = extract_chunk(_cascade(mode), articles)
    if chunk.version != target.version:
        return ChunkResult(chunk.version, [])  # the client stops the run; nothing written
    try:
        counts = write_chunk(_db(target.conninfo), target.run_id, target.version, chunk.results)
    except psycopg.OperationalError:  # a dropped connection: once more, on a fresh one
        _DB.conn = None
        counts = write_chunk(_db(target.conninfo), target.run_id, target.version, chunk.results)
    return ChunkResult(chunk.version, [], stored=counts)


def connect(scheduler: str | Client, timeout: float = 10.0) -> tuple[Client, bool]:
    """A client for ``scheduler`` (an address or a client already made), and whether this
    call made it (and so must close it)."""
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout=timeout), True
    except (OSError, TimeoutError) as exc:
        raise ScaleError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}. Is `dask scheduler` "
            "running there, and the address tcp://HOST:PORT (default port 8786)?"
        ) from exc


class ClusterRunner:
    """Chunks extracted on a Dask cluster, about two chunks per worker thread in flight;
    with ``copy_to``, written by the workers (``copy_to`` is None when one cannot, and
    ``note`` says why)."""

    def __init__(
        self, scheduler: str | Client, mode: str, version: str, copy_to: CopyTarget | None = None
    ) -> None:
        self.mode, self.version = mode, version
        self.copy_to, self.note = copy_to, ""
        self.client, self.owned = connect(scheduler)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    def _prepare(self) -> None:
        client = self.client
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError as exc:
            raise ScaleError(
                f"no Dask worker joined the scheduler at {client.scheduler.address} within "
                "60 s: start some with `dask worker tcp://HOST:8786`"
            ) from exc
        try:
            client.register_plugin(ExtractionModels(self.mode), name=f"sitrep-models-{self.mode}")
            versions = client.run(_worker_version, self.mode)
        except (ImportError, ModuleNotFoundError) as exc:
            raise ScaleError(
                f"a Dask worker cannot load sitrep's extraction ({exc}): install the same "
                "sitrep, with its models, on every worker machine"
            ) from exc
        wrong = {addr: v for addr, v in versions.items() if v != self.version}
        if wrong:
            addr, v = next(iter(wrong.items()))
            raise ExtractorMismatch(
                f"{len(wrong)} Dask worker(s) extract with another version (e.g. {addr}: "
                f"{v!r}, here {self.version!r}): install the same sitrep and models everywhere"
            )
        if self.copy_to is not None:
            cannot = {
                a: why
                for a, why in client.run(_can_write, self.copy_to.conninfo).items()
                if why is not None
            }
            if cannot:
                addr, why = next(iter(cannot.items()))
                self.note = (
                    f"{len(cannot)} Dask worker(s) cannot reach the PostgreSQL store (e.g. "
                    f"{addr}: {why}), so this process wrote every claim; give --db an address "
                    "the workers can reach to let them write with COPY"
                )
                self.copy_to = None

    @property
    def threads(self) -> int:
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]:
        source = iter(chunks)
        held: dict[str, list[Article]] = {}  # future key -> its chunk (for failures)

        def submit() -> Future | None:
            chunk = next(source, None)
            if chunk is None:
                return None
            if self.copy_to is not None:
                future = self.client.submit(
                    _extract_and_copy, self.mode, self.copy_to, chunk, pure=False
                )
            else:
                future = self.client.submit(_extract_on_worker, self.mode, chunk, pure=False)
            held[future.key] = chunk
            return future

        window = as_completed()
        for _ in range(2 * self.threads):
            future = submit()
            if future is None:
                break
            window.add(future)
        for future in window:
            chunk = held.pop(future.key)
            try:
                result: ChunkResult = future.result()
            except KilledWorker as exc:
                why = f"Dask workers died on each try of this chunk ({exc})"
                result = ChunkResult(self.version, [ArticleResult(a.id, error=why) for a in chunk])
            except Exception as exc:  # a worker could not write its chunk (the database)
                if self.copy_to is None:
                    raise
                why = f"a Dask worker could not write this chunk: {type(exc).__name__}: {exc}"
                result = ChunkResult(self.version, [ArticleResult(a.id, error=why) for a in chunk])
            future.release()
            following = submit()
            if following is not None:
                window.add(following)
            yield result

    def close(self) -> None:
        if self.owned:
            with contextlib.suppress(Exception):
                self.client.close()


def fuse_blocks_on_cluster(client: Client, found: list[Block]) -> Iterator[list[Event]]:
    """Each block's events, fused on the cluster: the blocks are scattered to the workers
    (straight from here, not through the scheduler) and each task returns plain events. A
    block whose workers kept dying (``KilledWorker``) is fused in this process."""
    if not found:
        return
    data = client.scatter(found, hash=False)  # hashing every claim of a block costs seconds
    futures = client.map(fuse_block, data, pure=False)
    block_of = {f.key: b for f, b in zip(futures, found, strict=True)}
    for future in as_completed(futures):
        try:
            events: list[Event] = future.result()
        except KilledWorker:
            events = fuse_block(block_of[future.key])
        future.release()
        yield events


class ClusterPrepare:
    """Ingest's CPU-heavy part (normalise, language, MinHash: ``ingest.stage.prepare``) on
    the cluster, chunk by chunk, the results in input order: the client reads the files and
    writes, since de-duplication compares each article with all stored before it. A chunk
    whose workers kept dying is prepared here."""

    def __init__(self, scheduler: str | Client, limits: Limits, in_flight: int = 0) -> None:
        self.client, self.owned = connect(scheduler)
        self.limits = limits
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        threads = max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))
        self.in_flight = in_flight or 2 * threads

    def map(self, docs: Iterable[RawDoc | InputError]) -> Iterator[Prepared]:
        pending: deque[tuple[Future, list[RawDoc | InputError]]] = deque()

        def take() -> list[Prepared]:
            future, chunk = pending.popleft()
            try:
                out: list[Prepared] = future.result()
            except KilledWorker:
                out = prepare(chunk, self.limits)
            future.release()
            return out

        chunk: list[RawDoc | InputError] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= CHUNK:
                pending.append((self.client.submit(prepare, chunk, self.limits, pure=False), chunk))
                chunk = []
                while len(pending) > self.in_flight:
                    yield from take()
        while pending:
            yield from take()
        yield from prepare(chunk, self.limits)

    def close(self) -> None:
        if self.owned:
            with contextlib.suppress(Exception):
                self.client.close()
