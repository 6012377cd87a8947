"""Extraction results written into PostgreSQL with COPY, by the workers that made them.

With ``--scheduler`` and a PostgreSQL store, each Dask worker writes its chunk itself, so the
client only hands out articles and counts: what one process had to write for every worker
is spread over all of them, and COPY moves rows in bulk instead of one INSERT each.

A chunk is one transaction and may be written twice (Dask runs a task again when its worker
died after the commit but before the answer came back), so it replaces, never adds: the
articles' rows are locked, their claims, toponyms and this run's notes on them deleted,
then the new ones copied in and the articles marked with the extractor version. An article
another process has extracted with this version meanwhile (or an earlier try of this
chunk) is left as stored, as the client's writer does: rewriting it would wipe the
statuses verify may have given its claims since.

SQLite has no such path: it allows one writer at a time, so the client writes there.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.store.claims import CLAIM_COLUMNS, claim_row
from sitrep.store.core import now_iso
from sitrep.store.toponyms import TOPONYM_COLUMNS, toponym_rows

if TYPE_CHECKING:
    from sitrep.extract.stage import ArticleResult
    from sitrep.store.base import Store

__all__ = ["CopyCounts", "conninfo", "write_chunk"]

_ERROR_COLUMNS = ("id", "run_id", "stage", "source", "line", "message", "created_at")


@dataclass
class CopyCounts:
    """What writing one chunk did, for the client's report (the records stay on the worker)."""

    articles: int = 0  # extracted without error (stored now, or found stored: ``concurrent``)
    claims: int = 0
    notes: int = 0
    failed: int = 0
    concurrent: int = 0


def conninfo(store: Store) -> str:
    """How a worker connects to the PostgreSQL server of ``store``, password included (the
    store's URL hides it, so it never lands in logs)."""
    from psycopg.conninfo import make_conninfo

    info = store.conn.info
    return make_conninfo(info.dsn, password=info.password) if info.password else info.dsn


def write_chunk(
    conn: Any, run_id: str, version: str, results: Sequence[ArticleResult]
) -> CopyCounts:
    """Store one chunk's extraction in one transaction on ``conn`` (psycopg, autocommit):
    claims and toponyms of the articles extracted without error, every note and error in
    ``errors`` under ``run_id``, and the articles marked as done with ``version``."""
    counts = CopyCounts()
    ids = sorted({r.article_id for r in results})
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            "SELECT id, extracted_with FROM articles WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            (ids,),
        )
        done = dict(cur.fetchall())
        write = []
        for r in results:
            if r.error is not None:
                counts.failed += 1
                continue
            counts.articles += 1
            counts.claims += len(r.claims)
            counts.notes += len(r.notes)
            if done.get(r.article_id) == version:
                counts.concurrent += 1
            else:
                write.append(r)
        written = [r.article_id for r in write]
        cur.execute(
            "DELETE FROM errors WHERE run_id = %s AND stage = 'extract' AND source = ANY(%s)",
            (run_id, ids),
        )
        cur.execute("DELETE FROM claims WHERE article_id = ANY(%s)", (written,))
        cur.execute("DELETE FROM toponyms WHERE article_id = ANY(%s)", (written,))
        with cur.copy(f"COPY claims ({', '.join(CLAIM_COLUMNS)}) FROM STDIN") as copy:
            for r in write:
                for claim in r.claims:
                    copy.write_row(claim_row(claim))
        with cur.copy(f"COPY toponyms ({', '.join(TOPONYM_COLUMNS)}) FROM STDIN") as copy:
            for r in write:
                for row in toponym_rows(r.article_id, r.places):
                    copy.write_row(row)
        with cur.copy(f"COPY errors ({', '.join(_ERROR_COLUMNS)}) FROM STDIN") as copy:
            created = now_iso()
            for r in results:
                for note in [r.error] if r.error is not None else r.notes:
                    copy.write_row(
                        (uuid.uuid4().hex, run_id, "extract", r.article_id, None, note, created)
                    )
        cur.execute(
            "UPDATE articles SET extracted_with = %s WHERE id = ANY(%s)", (version, written)
        )
    return counts
