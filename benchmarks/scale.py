"""Scale-out figures: full-mode ``sitrep run`` with one process against local worker
processes, a real Dask ``LocalCluster`` with one and with two workers, the one writer's
speed, and a projection for a million articles on a cluster. Not a test.

Corpus: the FA-KES dev articles (real Syrian-war reporting, ../shared/data/fakes/dev.csv) when
present, else the sample corpus with each copy made distinct. Each configuration runs on a
fresh SQLite store. Peak RSS is sampled (psutil, every 0.2 s) for every child process.

    python benchmarks/scale.py [--limit 240] [--workers 2] [--mode full]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=240, help="articles (default 240)")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    ap.add_argument("--mode", default="full", help="extraction mode (default full)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-scale-"))
    corpus_dir = tmp / "corpus"
    corpus_dir.mkdir()
    name = write_corpus(corpus_dir, args.limit)
    print(f"corpus: {name}; mode {args.mode}; {os.cpu_count()} cores; "
          f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip

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
            "seconds": seconds, "articles": n, "claims": report.extract.claims,
            "rate": n / seconds, "extract_s": report.extract.seconds,
            "ingest_s": report.ingest.seconds, "fuse_s": report.fuse.seconds,
            "verify_s": report.verify.seconds if report.verify else 0.0,
            "worker_rss": rss.largest_mb(workers) if workers > 1 else [],
        }  # fmt: skip
        f = figures[workers]
        print(f"run --workers {workers}: {n} articles, {f['claims']} claims in {seconds:.1f}s = "
              f"{f['rate']:.1f} articles/s (ingest {f['ingest_s']:.1f}s, extract "
              f"{f['extract_s']:.1f}s, fuse {f['fuse_s']:.1f}s, verify {f['verify_s']:.1f}s)")  # fmt: skip
    one, many = figures[1], figures[args.workers]
    print(f"  ratio {args.workers} workers / 1 process: {many['rate'] / one['rate']:.2f}x "
          f"end to end, {one['extract_s'] / many['extract_s']:.2f}x extraction "
          f"(incl. worker start-up)")  # fmt: skip
    print(f"  peak RSS: parent {self_peak_mb():.0f} MB (models loaded for --workers 1 too); "
          f"largest workers {', '.join(f'{x:.0f}' for x in many['worker_rss'])} MB")  # fmt: skip

    # 2. A real LocalCluster: extraction only, on an ingested store, models loaded beforehand.
    from distributed import Client, LocalCluster

    from sitrep.extract.cascade import Cascade
    from sitrep.scale.cluster import ClusterRunner

    version = Cascade(args.mode).version
    cluster_rate: dict[int, float] = {}
    for n_workers in (1, 2):
        with (
            LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                         host="127.0.0.1", dashboard_address=None) as cluster,
            Client(cluster) as client,
            fresh_store(tmp, f"cluster{n_workers}.db") as store,
            PeakRSS() as rss,
        ):  # fmt: skip
            sitrep.ingest([str(corpus_dir)], store)
            # Models load on the workers when the plugin is registered: not part of the rate.
            _, warm = timed(lambda client=client: ClusterRunner(client, args.mode, version).close())
            report, seconds = timed(
                lambda store=store, client=client: extract(store, mode=args.mode, scheduler=client)
            )
            cluster_rate[n_workers] = report.articles / seconds
            print(f"LocalCluster {n_workers} worker(s): {report.articles} articles in "
                  f"{seconds:.1f}s = {cluster_rate[n_workers]:.1f} articles/s (models loaded on the "
                  f"workers before, in {warm:.1f}s); largest processes "
                  f"{', '.join(f'{x:.0f}' for x in rss.largest_mb(n_workers + 1))} MB")  # fmt: skip
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

    # 4. Projection: 1M articles on 8 machines like this one.
    n, machines, cores = 1_000_000, 8, os.cpu_count() or 2
    per_worker = statistics.mean([cluster_rate[1], cluster_rate[2] / 2])
    claims_per_article = one["claims"] / max(one["articles"], 1)
    # The faster of the two runs: the first pays one-time loads (language model, gazetteer).
    best = {k: min(one[k], many[k]) for k in ("ingest_s", "fuse_s", "verify_s")}
    ingest_rate = one["articles"] / max(best["ingest_s"], 1e-9)
    fuse_rate = one["claims"] / max(best["fuse_s"], 1e-9)
    verify_rate = one["articles"] / max(best["verify_s"], 1e-9)
    t_extract = n / (per_worker * machines * cores)
    t_ingest, t_write = n / ingest_rate, n / write_rate
    t_fuse, t_verify = n * claims_per_article / fuse_rate, n / verify_rate
    total = t_ingest + max(t_extract, t_write) + t_fuse + t_verify
    print(f"projection, {n:,} articles on {machines} machines x {cores} workers:")
    print(f"  ingest on the client {t_ingest / 3600:.1f} h ({ingest_rate:.0f} articles/s); "
          f"extraction {t_extract / 3600:.1f} h ({per_worker:.1f} articles/s per worker); "
          f"writes {t_write / 3600:.1f} h (overlap extraction); fusion on the client "
          f"{t_fuse / 3600:.1f} h ({fuse_rate:.0f} claims/s, {claims_per_article:.2f} claims per "
          f"article); verify {t_verify / 3600:.1f} h; total about {total / 3600:.1f} h")  # fmt: skip
    print("  assumptions: per-worker speed as measured here and flat in the worker count (the "
          "scheduler and the client are not the limit); stages run one after another; fusion, "
          "verify and ingest rates measured on this small corpus hold at 1M (fusion's "
          "candidate search grows with the events per country and week, so this is a floor); "
          "the client has memory for fusion over all new claims at once")  # fmt: skip
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
