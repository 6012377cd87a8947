"""The ingest stage: inputs -> normalised, language-tagged, de-duplicated articles in the store.

Each batch (articles, sightings, dedup index, errors) is one transaction, and a file is marked
done only in the transaction that writes its last batch. So a killed run leaves whole batches;
re-running re-reads unfinished files and skips the articles already stored (ids are content
hashes), and files already done and unchanged are not read again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from sitrep.errors import InputError, printable
from sitrep.ingest.dedup import assign_duplicates, signature
from sitrep.ingest.files import InputFile, discover, open_input, read_input, state_key
from sitrep.ingest.language import detect_language
from sitrep.ingest.normalise import (
    article_id,
    normalise_inline,
    normalise_text,
    outlet_from_url,
    text_hash,
)
from sitrep.ingest.published import find_published
from sitrep.ingest.raw import Limits, RawDoc
from sitrep.model import Article
from sitrep.stages import Progress, StageReport, no_progress, recorded_run
from sitrep.store.base import Store
from sitrep.store.runs import FileState


@dataclass
class IngestReport(StageReport):
    files: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    records: int = 0
    new: int = 0
    already_stored: int = 0
    duplicates: int = 0
    non_english: int = 0
    skipped_files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    run_id: str | None = field(default=None, metadata={"stored": False})

    @property
    def ok(self) -> bool:
        return not self.errors


def to_article(doc: RawDoc, limits: Limits) -> Article | InputError:
    """Normalise one raw document into an Article (pure: no store, no I/O)."""
    text = normalise_text(doc.text)
    if not text:
        return InputError(doc.source, "empty article: no text after normalisation")
    url = normalise_inline(doc.url)
    outlet = normalise_inline(doc.outlet) or outlet_from_url(url)
    language, score = detect_language(text)
    raw = (
        printable(doc.raw)
        if doc.raw is not None and len(doc.raw) <= limits.keep_raw_bytes
        else None
    )
    published = find_published(doc.published, url, text)
    return Article(
        id=article_id(text, outlet),
        text=text,
        title=normalise_inline(doc.title),
        url=url,
        outlet=outlet,
        published=published.value,
        published_source=published.source,
        language=language,
        language_score=score,
        source=doc.source,
        text_hash=text_hash(text),
        raw=raw,
        ingested_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


Prepared = tuple[Article | InputError, bytes | None]
CHUNK = 200  # documents per worker task
IN_FLIGHT = 4  # chunks queued ahead of the writer


def prepare(docs: list[RawDoc | InputError], limits: Limits) -> list[Prepared]:
    """The CPU-heavy part of ingest (normalise, language, MinHash), run in worker processes.

    Guarded per document: whatever one document raises becomes an InputError for that
    document, so it can never take the other documents of its chunk (or the pool) with it.
    """
    out: list[Prepared] = []
    for doc in docs:
        if isinstance(doc, InputError):
            out.append((doc, None))
            continue
        try:
            item = to_article(doc, limits)
            sig = signature(item.text) if isinstance(item, Article) else None
            out.append((item, sig.tobytes() if sig is not None else None))
        except Exception as exc:  # one document's failure stays that document's
            message = f"cannot prepare this article: {type(exc).__name__}: {_short(exc)}"
            out.append((InputError(doc.source, message), None))
    return out


def _short(exc: BaseException, limit: int = 300) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[:limit] + "..."


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the ingest process that started it dies.

    Forked workers hold both ends of their task pipe, so a parent killed with SIGKILL would
    leave them idle forever. On Linux the kernel sends SIGKILL on the parent's death
    (PR_SET_PDEATHSIG); elsewhere, and as a backstop, a thread watches the parent pid.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


class _Workers:
    """A process pool started only once an input proves big enough to be worth it.

    If the pool breaks (a worker killed, a result that cannot travel back), the chunks in
    flight are prepared here instead and the rest of the run stays in this process: a
    broken pool costs speed, never documents.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.pool: Executor | None = None
        self.broken = False

    def _start(self) -> Executor:
        if self.pool is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            self.pool = ProcessPoolExecutor(
                max_workers=max(1, min(2, os.cpu_count() or 1)),
                mp_context=multiprocessing.get_context(method),
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            )
        return self.pool

    def _submit(self, chunk: list[RawDoc | InputError]) -> Future[list[Prepared]] | None:
        if self.broken:
            return None
        try:
            return self._start().submit(prepare, chunk, self.limits)
        except Exception:  # BrokenProcessPool, fork failure: go on in-process
            self._give_up()
            return None

    def _result(
        self, future: Future[list[Prepared]] | None, chunk: list[RawDoc | InputError]
    ) -> list[Prepared]:
        if future is not None:
            try:
                return future.result()
            except Exception:  # the chunk is redone here, nothing is lost
                self._give_up()
        return prepare(chunk, self.limits)

    def _give_up(self) -> None:
        self.broken = True
        self.close()

    def map(self, docs: Iterable[RawDoc | InputError]) -> Iterator[Prepared]:
        """Prepared documents in input order; small inputs never start the pool."""
        chunk: list[RawDoc | InputError] = []
        pending: deque[tuple[Future[list[Prepared]] | None, list[RawDoc | InputError]]] = deque()
        chunks = 0
        for doc in docs:
            chunk.append(doc)
            if len(chunk) < CHUNK:
                continue
            chunks += 1
            if (chunks == 1 and self.pool is None) or self.broken:
                yield from prepare(chunk, self.limits)  # the first chunk runs here, no fork yet
            else:
                pending.append((self._submit(chunk), chunk))
            chunk = []
            while len(pending) > IN_FLIGHT:
                yield from self._result(*pending.popleft())
        while pending:
            yield from self._result(*pending.popleft())
        yield from prepare(chunk, self.limits)

    def close(self) -> None:
        if self.pool is not None:
            with contextlib.suppress(Exception):  # a broken pool may fail to shut down cleanly
                self.pool.shutdown(cancel_futures=True)
            self.pool = None


class _Batcher:
    """Collects articles and errors, and writes them in one transaction per batch."""

    def __init__(self, store: Store, report: IngestReport, run_id: str, size: int) -> None:
        self.store, self.report, self.run_id, self.size = store, report, run_id, size
        self.articles: list[Article] = []
        self.errors: list[InputError] = []
        self.sigs: dict[str, bytes | None] = {}

    def add(self, item: Article | InputError, sig: bytes | None = None) -> None:
        if isinstance(item, InputError):
            self.errors.append(item)
            self.report.errors.append(item)
        else:
            self.articles.append(item)
            self.sigs[item.id] = sig

    @property
    def full(self) -> bool:
        return len(self.articles) >= self.size

    def flush(
        self, done_file: InputFile | None = None, file_counts: tuple[int, int] = (0, 0)
    ) -> None:
        store, report = self.store, self.report
        with store.transaction():
            unique: dict[str, Article] = {}
            for a in self.articles:
                unique.setdefault(a.id, a)
            stored = store.articles.existing_ids(list(unique))
            fresh = [a for aid, a in unique.items() if aid not in stored]
            report.already_stored += len(self.articles) - len(fresh)
            if fresh:
                rows = assign_duplicates(store, fresh, self.sigs)
                store.articles.insert(fresh, store.articles.next_seq())
                store.copies.add_signatures((aid, sig) for aid, sig, _ in rows)
                # Sorted keys insert into the index B-tree with far better locality.
                store.copies.add_lsh(sorted((k, aid) for aid, _, keys in rows for k in keys))
            store.articles.add_sightings((a.id, a.source or "") for a in self.articles)
            for err in self.errors:
                store.runs.add_error(self.run_id, "ingest", err.source, err.line, err.message)
            if done_file is not None and done_file.path is not None:
                store.runs.set_file_state(
                    state_key(done_file.path), done_file.size, done_file.mtime, "done", *file_counts
                )
        report.new += len(fresh)
        report.duplicates += sum(1 for a in fresh if a.dup_of)
        report.non_english += sum(1 for a in fresh if a.language not in ("en", None))
        self.articles, self.errors, self.sigs = [], [], {}


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    limits: Limits | None = None,
    batch_size: int = 500,
    force: bool = False,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    follow_links: bool = False,
    scheduler: Any | None = None,
) -> IngestReport:
    """Read articles from files, folders or stdin (``-``) into ``store``.

    Bad inputs never stop the run: each becomes an InputError in the report (and in the
    store's error table) naming the file and line. ``force`` re-reads unchanged files.
    ``follow_links`` follows symbolic links in folders that lead outside the folder given
    (off by default: a link to a system file must not become an article). With a
    ``scheduler`` (``tcp://host:port`` or a ``distributed.Client``) the documents read here
    are prepared on the Dask cluster; this process still de-duplicates and writes them.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> report = sitrep.ingest(["samples/"], store)  # doctest: +SKIP
        >>> report.new, report.duplicates, len(report.errors)  # doctest: +SKIP
        (31, 3, 1)
    """
    limits = limits or Limits()
    report = IngestReport()
    notify = progress or no_progress
    workers: Any = _Workers(limits)
    with recorded_run(store, "ingest", report, progress) as run_id:
        report.run_id = run_id
        batch = _Batcher(store, report, run_id, batch_size)
        items = list(discover(paths, report.skipped_files, follow_links))
        inputs = [i for i in items if isinstance(i, InputFile)]
        for err in (i for i in items if isinstance(i, InputError)):
            batch.add(err)
            report.files_failed += 1
        notify("start", {"files": len(inputs), "bytes": sum(i.size for i in inputs)})
        try:
            if scheduler is not None:
                from sitrep.scale.cluster import ClusterPrepare

                workers.close()
                workers = ClusterPrepare(scheduler, limits)
            for item in inputs:
                report.files += 1
                if item.path is not None and not force:
                    state = store.runs.file_state(state_key(item.path))
                    if state == FileState(item.size, item.mtime, "done"):
                        report.files_unchanged += 1
                        notify(
                            "file", {"name": item.display, "advance": item.size, "unchanged": True}
                        )
                        continue
                _ingest_file(item, batch, limits, notify, stdin, workers)
            batch.flush()
        finally:
            workers.close()
    return report


def _ingest_file(
    item: InputFile,
    batch: _Batcher,
    limits: Limits,
    notify: Progress,
    stdin: BinaryIO | None,
    workers: _Workers,  # or scale.cluster.ClusterPrepare: the same map and close
) -> None:
    n_articles = n_errors = 0
    position = 0
    try:
        raw = open_input(item, stdin)
    except OSError as exc:
        batch.add(InputError(item.display, f"cannot open: {exc.strerror or exc}"))
        batch.report.files_failed += 1
        return
    try:
        for result, sig in workers.map(read_input(item, raw, limits)):
            batch.report.records += 1
            if isinstance(result, InputError):
                n_errors += 1
            else:
                n_articles += 1
            batch.add(result, sig)
            if batch.full:
                batch.flush()
                now = _tell(raw)
                notify(
                    "file",
                    {"name": item.display, "advance": max(0, now - position), "partial": True},
                )
                position = now
        if n_articles == 0 and n_errors:
            batch.report.files_failed += 1
        batch.flush(item, (n_articles, n_errors))
    finally:
        if item.path is not None:
            raw.close()
    notify("file", {"name": item.display, "advance": max(0, item.size - position)})


def _tell(raw: BinaryIO) -> int:
    try:
        return raw.tell()
    except (OSError, ValueError):
        return 0
