"""PostgreSQL COPY from the workers (``store.pg_copy``): what the client's writer stores, in
one transaction per chunk, and a chunk written twice is stored once."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest

from sitrep.extract.stage import ArticleResult
from sitrep.model import Article, Claim, Place, Span, When, to_dict
from sitrep.store import Store, open_store
from sitrep.store.pg_copy import conninfo, write_chunk

pytestmark = pytest.mark.postgres

DAY = dt.date(2024, 3, 12)


def _articles(store: Store, n: int) -> list[Article]:
    articles = [
        Article(
            id=f"a{i}",
            text=f"Shelling hit Idlib on Monday, report {i}.",
            language="en",
            text_hash=f"h{i}",
            published=DAY,
        )
        for i in range(n)
    ]
    with store.transaction():
        store.articles.insert(articles, store.articles.next_seq())
    return articles


def _result(article: Article, claims: int = 2) -> ArticleResult:
    place = Place(
        text="Idlib", name="Idlib", lat=35.93, lon=36.63, country="SYR", span=Span(12, 17, "Idlib")
    )
    return ArticleResult(
        article.id,
        [
            Claim(
                id=f"{article.id}-c{n}",
                article_id=article.id,
                sentence=Span(0, 20, article.text[:20]),
                event_type="Explosions/Remote violence",
                place=place,
                when=When(text="on Monday", start=DAY, end=DAY, precision="day"),
            )
            for n in range(claims)
        ],
        [place, place],  # one toponym per start offset
        notes=["claim a: implausible toll dropped"],
    )


def _stored(store: Store) -> dict[str, list]:  # type: ignore[type-arg]
    return {
        "claims": sorted(json.dumps(to_dict(c), sort_keys=True) for c in store.claims.iter()),
        "toponyms": sorted((aid, p.text) for aid, p in store.toponyms.iter()),
        "marks": sorted(store.query("SELECT id, extracted_with FROM articles")),
        "errors": sorted((e.source, e.message) for e in store.runs.errors()),
    }


def test_a_chunk_copied_by_a_worker_is_what_the_client_writer_stores(pg_url: str) -> None:
    with open_store(pg_url) as store:
        articles = _articles(store, 3)
        results = [
            _result(articles[0]),
            _result(articles[1], claims=0),
            ArticleResult(articles[2].id, error="ValueError: boom"),
        ]
        run_id = store.runs.start("extract")
        with psycopg.connect(conninfo(store), autocommit=True) as conn:
            counts = write_chunk(conn, run_id, "v1", results)
        copied = _stored(store)
        # What the client's writer (extract.stage) stores for the same results.
        with store.transaction():
            for table in ("claims", "toponyms", "errors"):
                store.execute(f"DELETE FROM {table}")
            store.execute("UPDATE articles SET extracted_with = NULL")
            for r in results:
                for note in [r.error] if r.error else r.notes:
                    store.runs.add_error(run_id, "extract", r.article_id, None, note)
                if r.error is None:
                    store.toponyms.replace(r.article_id, r.places)
                    store.claims.replace(r.article_id, r.claims, "v1")
        assert _stored(store) == copied
    assert (counts.articles, counts.claims, counts.notes, counts.failed) == (2, 2, 2, 1)
    assert copied["marks"] == [("a0", "v1"), ("a1", "v1"), ("a2", None)]
    assert len(copied["toponyms"]) == 2 and len(copied["errors"]) == 3  # one per place offset


def test_a_chunk_copied_twice_is_stored_once(pg_url: str) -> None:
    with open_store(pg_url) as store:
        articles = _articles(store, 2)
        results = [_result(a) for a in articles]
        run_id = store.runs.start("extract")
        with psycopg.connect(conninfo(store), autocommit=True) as conn:
            write_chunk(conn, run_id, "v1", results)
            once = _stored(store)
            again = write_chunk(conn, run_id, "v1", results)  # a task Dask ran a second time
            assert _stored(store) == once
            assert again.concurrent == 2 and again.articles == 2
            # A new extractor version replaces the claims, never adds to them.
            write_chunk(conn, run_id, "v2", [_result(a, claims=1) for a in articles])
        assert store.count("claims") == 2
        assert store.query("SELECT DISTINCT extracted_with FROM articles") == [("v2",)]


def test_a_chunk_is_all_or_nothing(pg_url: str) -> None:
    with open_store(pg_url) as store:
        articles = _articles(store, 2)
        bad = _result(articles[1])
        bad.claims[1].id = bad.claims[0].id  # a duplicate key: the COPY fails
        with (
            psycopg.connect(conninfo(store), autocommit=True) as conn,
            pytest.raises(psycopg.errors.UniqueViolation),
        ):
            write_chunk(conn, "r1", "v1", [_result(articles[0]), bad])
        assert store.count("claims") == 0
        assert store.count("articles", "extracted_with IS NOT NULL") == 0
