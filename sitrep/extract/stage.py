"""The extract stage: stored English articles -> claims, resumable article by article.

An article is marked with the extractor version in the same transaction that stores its claims,
so a killed run resumes where it stopped and a new extractor version re-extracts everything.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sitrep.errors import ModelError
from sitrep.extract.plausible import check_claim
from sitrep.ingest.normalise import date_problem
from sitrep.model import Article, Claim, Place
from sitrep.stages import Progress, StageReport, no_progress, recorded_run
from sitrep.store.base import Store

if TYPE_CHECKING:
    from sitrep.extract.cascade import Cascade
    from sitrep.store.pg_copy import CopyCounts

# Articles per unit of work handed to a worker: enough candidate sentences for an efficient
# model batch, few enough that two workers share a small corpus and a lost worker costs little.
CHUNK = 16


class ExtractorMismatch(ModelError):
    """A worker runs another extractor version (other rules or models) than this process."""


@dataclass
class ExtractReport(StageReport):
    articles: int = 0
    claims: int = 0
    skipped_language: int = 0
    failed: int = 0
    notes: int = 0  # implausible values dropped or text skipped (each in the errors table)
    concurrent: int = 0  # extracted meanwhile by another process: left as that one stored it
    writer: str = "client"  # who wrote the claims: this process, or "workers" (PostgreSQL COPY)

    def count(self, stored: CopyCounts) -> None:
        """Add a chunk a worker wrote itself."""
        self.articles += stored.articles
        self.claims += stored.claims
        self.notes += stored.notes
        self.failed += stored.failed
        self.concurrent += stored.concurrent


def plausible_article(article: Article) -> tuple[Article, list[str]]:
    """The article with an implausible publication date (stored before ingest checked it)
    treated as unknown, so "yesterday" is never resolved against year 9999."""
    if article.published is None:
        return article, []
    problem = date_problem(article.published)
    if problem is None:
        return article, []
    return dataclasses.replace(article, published=None), [
        f"publication {problem}: dates resolved as if it were unknown"
    ]


# The most of one article that is extracted. Long-form news runs to ~60,000 characters;
# 200,000 (about 1,500 sentences, ~1 s of rules extraction) is past any report, so only dumps,
# concatenated feeds or hostile input are cut. The rest is skipped, with the reason recorded.
MAX_EXTRACT_CHARS = 200_000


def extraction_window(
    article: Article, limit: int = MAX_EXTRACT_CHARS
) -> tuple[Article, list[str]]:
    """The article cut to its first ``limit`` characters (at the last paragraph or sentence
    break before the limit when there is one), and why. Offsets still index the full text."""
    if len(article.text) <= limit:
        return article, []
    head = article.text[:limit]
    cut = max(head.rfind("\n\n"), head.rfind(". ") + 1)
    cut = cut if cut > limit // 2 else limit
    note = (
        f"article has {len(article.text):,} characters: extracted the first {cut:,} "
        f"(limit {limit:,}), the rest skipped"
    )
    return dataclasses.replace(article, text=article.text[:cut]), [note]


def plausible_claims(claims: list[Claim]) -> tuple[list[Claim], list[str]]:
    """Claims with implausible figures and dates removed (phrases kept), and the reasons."""
    out, reasons = [], []
    for claim in claims:
        checked, why = check_claim(claim)
        out.append(checked)
        reasons += [f"claim {claim.id}: {r}" for r in why]
    return out, reasons


@dataclass
class ArticleResult:
    """What extraction made of one article: plain records only (no spaCy or model objects),
    so it can travel back from a worker process or a Dask worker to the one writer."""

    article_id: str
    claims: list[Claim] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why extraction failed: nothing is stored for the article


@dataclass
class ChunkResult:
    """A chunk's results and the extractor version that made them: a worker with another
    install (other models, other rules) must not stamp its claims as this version's.

    ``stored``: the worker wrote the chunk itself (PostgreSQL COPY, ``store.pg_copy``);
    ``results`` is then empty and only the counts travel back."""

    version: str
    results: list[ArticleResult]
    stored: CopyCounts | None = None


def extract_chunk(cascade: Cascade, articles: Sequence[Article]) -> ChunkResult:
    """Extract a chunk of articles with ``cascade``: rules and places per article, then the
    models over all the chunk's claims at once (the batch size does not change a claim).

    Pure (no store): the same function runs in this process, in local worker processes and
    on Dask workers, so every path gives the same claims.
    """
    done: list[tuple[Article, ArticleResult]] = []
    failed: list[ArticleResult] = []
    for article in articles:
        try:
            plausible, notes = plausible_article(article)
            window, cut = extraction_window(plausible, MAX_EXTRACT_CHARS)
            claims, places = cascade.claims(window)
            claims, why = plausible_claims(claims)
        except Exception as exc:  # one article's failure must not stop the others
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = f"{type(exc).__name__}: {exc} (at {where.name}:{where.lineno})"
            failed.append(ArticleResult(article.id, error=message))
            continue
        done.append((article, ArticleResult(article.id, claims, places, notes + cut + why)))
    # The models see only candidate sentences, the whole chunk's in one call.
    cascade.refine(
        [c for _, result in done for c in result.claims], {a.id: a.title for a, _ in done}
    )
    return ChunkResult(cascade.version, [r for _, r in done] + failed)


class ChunkRunner(Protocol):
    """Where chunks of articles are extracted: this process, local worker processes or a
    Dask cluster. ``map`` yields one ChunkResult per chunk (in any order), each article of
    every chunk exactly once, whatever workers died meanwhile."""

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]: ...

    def close(self) -> None: ...


class InProcess:
    """Today's path: the models in this process, chunk after chunk."""

    def __init__(self, cascade: Cascade) -> None:
        self.cascade = cascade

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield extract_chunk(self.cascade, chunk)

    def close(self) -> None:
        pass


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _copy_target(store: Store, run_id: str, version: str) -> Any:
    """Where Dask workers write their chunks with COPY: the store, when it is PostgreSQL."""
    if store.dialect != "postgresql":
        return None
    from sitrep.scale.cluster import CopyTarget
    from sitrep.store.pg_copy import conninfo

    return CopyTarget(conninfo(store), run_id, version)


def extract(
    store: Store,
    *,
    batch_size: int = 100,
    progress: Progress | None = None,
    mode: str = "full",
    workers: int = 1,
    scheduler: str | Any | None = None,
    chunk_size: int = CHUNK,
) -> ExtractReport:
    """Extract claims from every English article not yet done by the current extractor.

    The rules find the claims; in ``mode="full"`` the learned classifier re-types them and
    the parser assigns roles, in ``"fast"`` only the classifier's TF-IDF half runs, in
    ``"rules"`` nothing else (see ``extract.cascade``). The version stamp names what ran, so
    changing the mode or a model re-extracts.

    ``workers`` > 1 spreads chunks of ``chunk_size`` articles over that many local worker
    processes (each loads the models once); ``scheduler`` (a ``tcp://host:port`` address or
    a ``distributed.Client``) sends them to a Dask cluster instead. This process writes the
    results, ``batch_size`` articles per transaction, except on a cluster with PostgreSQL:
    there each worker writes its chunk with COPY (``store.pg_copy``). The claims are the same.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> sitrep.extract(store).claims
        0
    """
    from sitrep.extract.cascade import Cascade

    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    cascade = Cascade(mode)
    version = cascade.version
    notify = progress or no_progress
    report = ExtractReport()
    with recorded_run(store, "extract", report, progress) as run_id:
        pending = store.count(
            "articles",
            "language = ? AND (extracted_with IS NULL OR extracted_with <> ?)",
            ("en", version),
        )
        report.skipped_language = store.count(
            "articles", "language IS NULL OR language <> ?", ("en",)
        )
        notify("start", {"articles": pending})
        batch: list[ArticleResult] = []

        def flush() -> None:
            with store.transaction():
                # Another process (a concurrent `sitrep run`) may have extracted some of these
                # with this version since we read them, and verify may have given their claims
                # statuses since: rewriting them would wipe those statuses for nothing.
                ids = [r.article_id for r in batch if r.error is None]
                done = store.articles.extracted_with(ids)
                for result in batch:
                    for note in [result.error] if result.error else result.notes:
                        store.runs.add_error(run_id, "extract", result.article_id, None, note)
                    if result.error is not None:
                        continue
                    if done.get(result.article_id) == version:
                        report.concurrent += 1
                        continue
                    store.toponyms.replace(result.article_id, result.places)
                    store.claims.replace(result.article_id, result.claims, version)
            notify("advance", {"n": len(batch)})
            batch.clear()

        runner: ChunkRunner = InProcess(cascade)
        try:
            if scheduler is not None:
                from sitrep.scale import cluster_runner

                cluster = cluster_runner(
                    scheduler, mode, version, _copy_target(store, run_id, version)
                )
                runner = cluster
                report.writer = "workers" if cluster.copy_to is not None else "client"
                if cluster.note:  # why the workers cannot write: this process does
                    with store.transaction():
                        store.runs.add_error(run_id, "extract", None, None, cluster.note)
            elif workers > 1 and pending > chunk_size:  # fewer articles: not worth the start-up
                from sitrep.scale.local import PoolRunner

                runner = PoolRunner(workers, mode, version)
            articles = store.articles.iter(language="en", pending_extractor=version)
            for chunk in runner.map(_chunks(articles, chunk_size)):
                if chunk.version != version:
                    raise ExtractorMismatch(
                        f"a worker extracted with {chunk.version!r} but this process has "
                        f"{version!r}: install the same sitrep and models everywhere"
                    )
                if chunk.stored is not None:  # the worker wrote it (PostgreSQL COPY)
                    report.count(chunk.stored)
                    notify("advance", {"n": chunk.stored.articles + chunk.stored.failed})
                    continue
                for result in chunk.results:
                    if result.error is not None:
                        report.failed += 1
                    else:
                        report.articles += 1
                        report.claims += len(result.claims)
                        report.notes += len(result.notes)
                    batch.append(result)
                if len(batch) >= batch_size:
                    flush()
            if batch:
                flush()
        finally:
            runner.close()
    return report
