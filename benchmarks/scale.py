"""Scale-out figures: full-mode ``sitrep run`` with one process against local worker
processes, a real Dask ``LocalCluster`` with one and with two workers, the client's writer,
PostgreSQL (workers writing with COPY) against SQLite on synthetic reports, fusion in blocks
against one process, and a projection for a million articles on a cluster. Not a test.

Corpus for the first part: the FA-KES dev articles (real Syrian-war reporting,
../shared/data/fakes/dev.csv) when present, else the sample corpus with each copy made
distinct; each configuration runs on a fresh SQLite store. The second part
(``scale_store.py``) writes its own synthetic reports and extracts them in ``--store-mode``
(rules by default: full mode would take hours on 100k here). Peak RSS is sampled (psutil,
every 0.2 s) for every child process. About 15 minutes on 2 cores with the defaults.

    python benchmarks/scale.py [--limit 240] [--workers 2] [--mode full]
        [--store-articles 20000] [--store-mode rules] [--pg postgresql://...]
        [--fusion-claims 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
from scale_store import postgres, pure_fusion, store_run, write_reports

import sitrep
from sitrep.extract.stage import extract
from sitrep.store import Store

REPO = Path(__file__).resolve().parent.parent
FAKES = REPO.parent / "shared" / "data" / "fakes" / "dev.csv"


def write_corpus(folder: Path, limit: int) -> str:
    """``limit`` articles as one CSV (FA-KES) or JSONL (samples) file in ``folder``."""
    if FAKES.is_file():
        csv.field_size_limit(10**8)
        with open(FAKES, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = [r for r in reader if r["article_content"].strip()][:limit]
        with open(folder / "fakes.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return f"FA-KES dev ({len(rows)} articles)"
    store = sitrep.open_store("sqlite:///:memory:")
    sitrep.ingest([str(REPO / "samples")], store)
    texts = [(a.title, a.text, a.published) for a in store.articles.iter(language="en")]
    with open(folder / "synthetic.jsonl", "w", encoding="utf-8") as f:
        for i in range(limit):
            title, text, published = texts[i % len(texts)]
            # A distinct closing line: otherwise the copies are one article (ids hash the text).
            record = {"title": title, "text": f"{text}\n\nReport {i}.", "published": str(published)}
            f.write(json.dumps(record) + "\n")
    return f"samples made distinct ({limit} articles)"


class PeakRSS:
    """The peak resident memory of every descendant process, sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval, self.peaks = interval, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                    name = " ".join(child.cmdline()[-2:])[-40:]
                except psutil.Error:
                    continue
                key = (child.pid, name)
                self.peaks[key] = max(self.peaks.get(key, 0), rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def largest_mb(self, top: int) -> list[float]:
        return sorted((v / 2**20 for v in self.peaks.values()), reverse=True)[:top]


def self_peak_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmHWM:")) / 1024


@contextmanager
def fresh_store(folder: Path, name: str) -> Iterator[Store]:
    with sitrep.open_store(f"sqlite:///{folder / name}") as store:
        yield store


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def store_figures(tmp: Path, args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    """PostgreSQL against SQLite on ``--store-articles`` synthetic reports, then fusion in
    blocks on ``--fusion-claims`` synthetic claims; prints and returns the figures."""
    from distributed import Client, LocalCluster

    corpus = write_reports(tmp / "reports.jsonl", args.store_articles)
    stores: dict[str, Any] = {}
    with (
        LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
        postgres(args.pg) as pg_url,
    ):
        urls = {"SQLite": f"sqlite:///{tmp / 'store.db'}", "PostgreSQL": pg_url}
        for name, url in urls.items():
            if url is None:
                continue
            f = stores[name] = store_run(url, corpus, client, args.store_mode)
            total = f["ingest_s"] + f["extract_s"] + f["fuse_s"]
            print(
                f"{name} ({args.workers} Dask workers, {args.store_mode} mode, claims written by "
                f"the {f['writer']}): {f['articles']} articles, {f['claims']} claims, "
                f"{f['events']} events; ingest {f['articles'] / f['ingest_s']:.0f} articles/s, "
                f"extract {f['articles'] / f['extract_s']:.0f}/s, fuse {f['articles'] / f['fuse_s']:.0f}/s; "
                f"all three {f['articles'] / total:.0f} articles/s ({total:.0f} s)"
            )
            print(
                f"  fuse --rebuild: one process {f['rebuild_one_s']:.1f}s (of which the fusion "
                f"proper {f['pure_s']:.1f}s), in blocks on {args.workers} workers "
                f"{f['rebuild_blocks_s']:.1f}s (same events: {f['same_events']}); "
                f"{f['blocks']} blocks (found in {f['split_s']:.1f}s), the largest "
                f"{f['largest']:.0%} of the claims"
            )
        if len(stores) == 2:
            sq, pg = stores["SQLite"], stores["PostgreSQL"]
            print(
                "  PostgreSQL / SQLite throughput: "
                + ", ".join(
                    f"{k[:-2]} {sq[k] / pg[k]:.2f}x" for k in ("ingest_s", "extract_s", "fuse_s")
                )
            )
        p = pure_fusion(args.fusion_claims, client, args.workers)
    print(
        f"fusion, pure function, {p['claims']:,} synthetic claims: one process {p['one_s']:.1f}s; "
        f"{p['blocks']} blocks (built in {p['blocks_s']:.1f}s, the largest {p['largest']:.0%} of "
        f"the claims) on {args.workers} local processes {p['local_s']:.1f}s "
        f"({p['one_s'] / p['local_s']:.2f}x), on {args.workers} Dask workers {p['dask_s']:.1f}s "
        f"({p['one_s'] / p['dask_s']:.2f}x); same events: {p['same_events']}"
    )
    return stores, p


def project(
    args: argparse.Namespace,
    one: dict[str, Any],
    many: dict[str, Any],
    cluster_rate: dict[int, float],
    write_rate: float,
    stores: dict[str, Any],
    pure: dict[str, Any],
) -> None:
    """A million articles on 8 machines like this one, from the figures measured above."""
    n, machines, cores = 1_000_000, 8, os.cpu_count() or 2
    workers = machines * cores
    per_worker = statistics.mean([cluster_rate[1], cluster_rate[2] / 2])
    claims_per_article = one["claims"] / max(one["articles"], 1)
    # The faster of the two runs: the first pays one-time loads (language model, gazetteer).
    best = {k: min(one[k], many[k]) for k in ("ingest_s", "verify_s")}
    ingest_rate = one["articles"] / max(best["ingest_s"], 1e-9)
    verify_rate = one["articles"] / max(best["verify_s"], 1e-9)
    t_extract = n / (per_worker * workers)
    t_ingest, t_verify = n / ingest_rate, n / verify_rate
    # Writes: with PostgreSQL every worker copies its own chunks (no client writer to wait
    # for); with SQLite the client writes everything, overlapping extraction.
    t_write = n / write_rate
    # Fusion: the stage's time per claim on the synthetic store, split into what stays in one
    # process (copy analysis, document links, the store's reads and writes, finding the
    # blocks) and the fusion proper, which runs in blocks on every worker at once, as far
    # as the largest block allows (blocks of the synthetic store).
    f = stores.get("PostgreSQL") or stores.get("SQLite")
    if f:
        per_claim = f["rebuild_one_s"] / max(f["claims"], 1)
        share = min(1.0, f["pure_s"] / f["rebuild_one_s"])
        split = f["split_s"] / f["rebuild_one_s"]
        largest = f["largest"]
    else:
        per_claim, share, split, largest = pure["one_s"] / pure["claims"], 1.0, 0.0, pure["largest"]
    speedup = min(workers, 1 / largest)
    t_fuse_one = n * claims_per_article * per_claim
    t_fuse = t_fuse_one * ((1 - share) + split + share / speedup)
    total = t_ingest + max(t_extract, t_write) + t_fuse + t_verify
    total_pg = t_ingest + t_extract + t_fuse + t_verify
    print(f"projection, {n:,} articles on {machines} machines x {cores} workers:")
    print(
        f"  ingest on the client {t_ingest / 3600:.1f} h ({ingest_rate:.0f} articles/s); "
        f"extraction {t_extract / 3600:.1f} h ({per_worker:.1f} articles/s per worker, "
        f"{args.mode} mode); SQLite: the client writes {t_write / 3600:.2f} h, overlapping "
        f"extraction; PostgreSQL: each worker copies its own chunks"
    )
    print(
        f"  fusion {t_fuse / 3600:.1f} h ({claims_per_article:.2f} claims per article, "
        f"{1 / per_claim:.0f} claims/s in one process, {share:.0%} of it the fusion proper, in "
        f"blocks {speedup:.1f}x in parallel; {t_fuse_one / 3600:.1f} h in one process); verify "
        f"{t_verify / 3600:.1f} h; total about {total / 3600:.1f} h with SQLite, "
        f"{total_pg / 3600:.1f} h with PostgreSQL"
    )
    print(
        "  assumptions: per-worker extraction speed as measured here and flat in the worker "
        "count (neither the scheduler nor the database is the limit: the workers' COPY "
        "throughput above is far over what extraction feeds it); stages one after another; "
        "ingest and verify at the rates of the small corpus, on the client (ingest's "
        "preparing on the workers would take it lower); fusion per claim as on the synthetic "
        "store and in its blocks, the blocks' fusion perfectly parallel up to the largest "
        "block (the synthetic reports all name a town: claims with no country or no date "
        "tie blocks together, news_dev is one block, so on a real feed the fusion figure is "
        "a best case and the one-process figure its worst); the client has memory for "
        "fusion over all new claims at once"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=240, help="articles (default 240)")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    ap.add_argument("--mode", default="full", help="extraction mode (default full)")
    ap.add_argument(
        "--store-articles",
        type=int,
        default=20_000,
        help="synthetic reports for PostgreSQL against SQLite (default 20000)",
    )
    ap.add_argument("--store-mode", default="rules", help="their extraction mode (default rules)")
    ap.add_argument("--pg", help="a PostgreSQL URL (default: start a throwaway server)")
    ap.add_argument(
        "--fusion-claims",
        type=int,
        default=100_000,
        help="synthetic claims for fusion in blocks (default 100000)",
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-scale-"))
    corpus_dir = tmp / "corpus"
    corpus_dir.mkdir()
    name = write_corpus(corpus_dir, args.limit)
    print(
        f"corpus: {name}; mode {args.mode}; {os.cpu_count()} cores; "
        f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )

    # 1. sitrep run end to end: one process, then local workers (each on a fresh store).
    figures: dict[str, Any] = {}
    for workers in (1, args.workers):
        with fresh_store(tmp, f"run{workers}.db") as store, PeakRSS() as rss:
            report, seconds = timed(
                lambda store=store, workers=workers: sitrep.run(
                    [str(corpus_dir)], store, mode=args.mode, workers=workers
                )
            )
        n = report.extract.articles
        figures[workers] = {
            "seconds": seconds,
            "articles": n,
            "claims": report.extract.claims,
            "rate": n / seconds,
            "extract_s": report.extract.seconds,
            "ingest_s": report.ingest.seconds,
            "fuse_s": report.fuse.seconds,
            "verify_s": report.verify.seconds if report.verify else 0.0,
            "worker_rss": rss.largest_mb(workers) if workers > 1 else [],
        }
        f = figures[workers]
        print(
            f"run --workers {workers}: {n} articles, {f['claims']} claims in {seconds:.1f}s = "
            f"{f['rate']:.1f} articles/s (ingest {f['ingest_s']:.1f}s, extract "
            f"{f['extract_s']:.1f}s, fuse {f['fuse_s']:.1f}s, verify {f['verify_s']:.1f}s)"
        )
    one, many = figures[1], figures[args.workers]
    print(
        f"  ratio {args.workers} workers / 1 process: {many['rate'] / one['rate']:.2f}x "
        f"end to end, {one['extract_s'] / many['extract_s']:.2f}x extraction "
        f"(incl. worker start-up)"
    )
    print(
        f"  peak RSS: parent {self_peak_mb():.0f} MB (models loaded for --workers 1 too); "
        f"largest workers {', '.join(f'{x:.0f}' for x in many['worker_rss'])} MB"
    )

    # 2. A real LocalCluster: extraction only, on an ingested store, models loaded beforehand.
    from distributed import Client, LocalCluster

    from sitrep.extract.cascade import Cascade
    from sitrep.scale.cluster import ClusterRunner

    version = Cascade(args.mode).version
    cluster_rate: dict[int, float] = {}
    for n_workers in (1, 2):
        with (
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
            fresh_store(tmp, f"cluster{n_workers}.db") as store,
            PeakRSS() as rss,
        ):
            sitrep.ingest([str(corpus_dir)], store)
            # Models load on the workers when the plugin is registered: not part of the rate.
            _, warm = timed(lambda client=client: ClusterRunner(client, args.mode, version).close())
            report, seconds = timed(
                lambda store=store, client=client: extract(store, mode=args.mode, scheduler=client)
            )
            cluster_rate[n_workers] = report.articles / seconds
            print(
                f"LocalCluster {n_workers} worker(s): {report.articles} articles in "
                f"{seconds:.1f}s = {cluster_rate[n_workers]:.1f} articles/s (models loaded on the "
                f"workers before, in {warm:.1f}s); largest processes "
                f"{', '.join(f'{x:.0f}' for x in rss.largest_mb(n_workers + 1))} MB"
            )
    print(f"  LocalCluster speed-up 2 vs 1 worker: {cluster_rate[2] / cluster_rate[1]:.2f}x")

    # 3. The one writer: every article's claims rewritten, 100 articles per transaction.
    with fresh_store(tmp, f"run{args.workers}.db") as store:
        per_article: dict[str, list[Any]] = {}
        for claim in store.claims.iter():
            per_article.setdefault(claim.article_id, []).append(claim)
        ids = [a.id for a in store.articles.iter(language="en")]
        started = time.perf_counter()
        for i in range(0, len(ids), 100):
            with store.transaction():
                for aid in ids[i : i + 100]:
                    store.claims.replace(aid, per_article.get(aid, []), "benchmark")
        write_rate = len(ids) / (time.perf_counter() - started)
    print(f"writer (SQLite, client side): {write_rate:.0f} articles/s")

    # 4. PostgreSQL (workers write with COPY) against SQLite (the client writes), and fusion
    # in blocks, on a LocalCluster of as many workers as local processes above.
    stores, pure = store_figures(tmp, args)

    # 5. Projection: 1M articles on 8 machines like this one.
    project(args, one, many, cluster_rate, write_rate, stores, pure)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
