"""Fusion speed and memory: 100k claims from scratch, then 1,000 new articles incrementally.

Synthetic claims (not a test): events spread over 20 countries, 2 years and ~2,000 places,
each told by 1-6 articles with their own wording and tolls, some articles copies of others;
the new articles report the last week of the two years, as a daily run would see them.
Prints claims/s of the pure function, the stage through SQLite (read, fuse, write), the
incremental run, and peak RSS.

    python benchmarks/fuse.py [--claims 100000] [--new-articles 1000] [--max-reports 6]
    python benchmarks/fuse.py --max-reports 1 --claims 116500  # incremental into >= 100k events
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from sitrep.fuse.features import ArticleInfo
from sitrep.fuse.fusion import fuse_claims
from sitrep.model import Article, Casualties, Claim, Figure, Place, Source, Span, When

TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
]
_WORDS = (
    "market school hospital convoy checkpoint village camp bakery mosque road bridge "
    "district border base airport depot outskirts centre square farm"
)
WORDS = _WORDS.split()


def synthetic(
    n_claims: int,
    seed: int = 0,
    first_article: int = 0,
    first_day: int = 0,
    days: int = 730,
    max_reports: int = 6,
):
    rng = random.Random(seed)
    places = [
        (f"C{i % 20:02d}", f"Place {i}", 30 + rng.random() * 10, 35 + rng.random() * 10)
        for i in range(2000)
    ]
    start = dt.date(2016, 1, 1)
    claims: list[Claim] = []
    articles: dict[str, ArticleInfo] = {}
    n_article = first_article
    while len(claims) < n_claims:
        country, name, lat, lon = rng.choice(places)
        day = start + dt.timedelta(days=first_day + rng.randrange(days))
        etype, sub = rng.choice(TYPES)
        killed = rng.randrange(1, 40)
        detail = rng.sample(WORDS, 3)
        original = None
        for _ in range(rng.randint(1, max_reports)):
            aid = f"a{n_article:07d}"
            n_article += 1
            copy = original is not None and rng.random() < 0.2
            group = original if copy else aid
            original = original or aid
            articles[aid] = ArticleInfo(
                aid,
                f"outlet-{rng.randrange(300)}",
                group,
                day + dt.timedelta(days=rng.randint(0, 2)),
            )
            text = (
                f"{sub} hit the {detail[0]} and {detail[1]} near the {detail[2]} in {name}, "
                f"killing {killed + rng.randint(-2, 2)} people, report {aid} said."
            )
            claims.append(
                Claim(
                    id=f"{aid}-0",
                    article_id=aid,
                    sentence=Span(0, len(text), text),
                    event_type=etype,
                    sub_event_type=sub,
                    place=Place(
                        text=name,
                        name=name,
                        lat=lat,
                        lon=lon,
                        country=country,
                        precision=1,
                        gazetteer_id=f"bench:{name}",
                    ),
                    when=When(text="on Monday", start=day, end=day, precision="day"),
                    casualties=Casualties(killed=Figure(killed, killed, killed, "killing")),
                    sources=[Source(text="the monitor", name=rng.choice(["SOHR", "SANA", None]))],
                )
            )
    return claims, articles, n_article


def peak_rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmHWM:")) / 1024


def _store(path: Path, claims, articles):
    import sitrep

    store = sitrep.open_store(f"sqlite:///{path}")
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    ids = sorted(by_article)
    for i in range(0, len(ids), 5000):
        chunk = ids[i : i + 5000]
        with store.transaction():
            store.articles.insert(
                [
                    Article(
                        id=a,
                        text=a,
                        outlet=articles[a].outlet,
                        published=articles[a].published,
                        dup_group=articles[a].dup_group,
                        language="en",
                        text_hash=a,
                    )
                    for a in chunk
                ],
                store.articles.next_seq(),
            )
            for a in chunk:
                store.claims.replace(a, by_article[a], "bench")
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--new-articles", type=int, default=1000)
    ap.add_argument(
        "--max-reports",
        type=int,
        default=6,
        help="reports per event at most (1: a store of about as many events as claims)",
    )
    args = ap.parse_args()
    import sitrep

    claims, articles, next_article = synthetic(args.claims, max_reports=args.max_reports)
    t = time.perf_counter()
    events = fuse_claims(claims, articles)
    pure = time.perf_counter() - t
    print(
        f"pure fuse_claims: {len(claims):,} claims -> {len(events):,} events in {pure:.1f} s "
        f"({len(claims) / pure:,.0f} claims/s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = _store(Path(tmp) / "bench.db", claims, articles)
        t = time.perf_counter()
        report = sitrep.fuse(store)
        stage = time.perf_counter() - t
        print(
            f"fuse stage (SQLite, read + fuse + write): {report.events:,} events in {stage:.1f} s"
        )
        # A new batch is the news of the last week, as a daily or weekly run sees it.
        new_claims, new_articles, _ = synthetic(
            args.new_articles, seed=1, first_article=next_article, first_day=723, days=7
        )
        keep = sorted(new_articles)[: args.new_articles]
        new_claims = [c for c in new_claims if c.article_id in keep]
        new_articles = {a: new_articles[a] for a in keep}
        store.close()
        store = _store(Path(tmp) / "bench.db", new_claims, new_articles)
        before = store.count("events")
        t = time.perf_counter()
        report = sitrep.fuse(store)
        inc = time.perf_counter() - t
        print(
            f"incremental: {len(new_articles):,} new articles ({report.new_claims:,} claims) into "
            f"a store of {before:,} events in {inc:.1f} s "
            f"({report.changed_events:,} events written, rebuilt={report.rebuilt})"
        )
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
