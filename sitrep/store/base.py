"""The store: one attribute per kind of record, each holding the SQL of its tables.

``store.articles``, ``store.copies``, ``store.claims``, ``store.toponyms``, ``store.events``,
``store.checks`` and ``store.runs`` (modules of the same names) share one core
(``core.py``: the connection, transactions, snapshots, migrations), as sqlite-utils' tables
share their ``Database``. The SQLite and PostgreSQL back-ends subclass this class and differ
only in how they connect, open a transaction and spell a placeholder.
"""

from __future__ import annotations

from typing import Any

from sitrep.store.articles import Articles
from sitrep.store.checks import Checks
from sitrep.store.claims import Claims
from sitrep.store.copies import Copies
from sitrep.store.core import Core, int64_or_none, now_iso
from sitrep.store.events import Events
from sitrep.store.runs import Runs
from sitrep.store.toponyms import Toponyms

__all__ = ["Store", "int64_or_none", "now_iso"]

TABLES = frozenset(
    {
        "articles",
        "claims",
        "events",
        "errors",
        "files",
        "runs",
        "sightings",
        "claim_checks",
        "reference_checks",
        "article_verdicts",
    }
)


class Store(Core):
    """A sitrep database. Open one with ``sitrep.open_store(url)``.

    Example:
        >>> import sitrep
        >>> with sitrep.open_store("sqlite:///:memory:") as store:
        ...     store.count("articles"), list(store.events.iter())
        (0, [])
    """

    def __init__(self, conn: Any, url: str) -> None:
        super().__init__(conn, url)
        self.articles = Articles(self)
        self.copies = Copies(self)
        self.claims = Claims(self)
        self.toponyms = Toponyms(self)
        self.events = Events(self)
        self.checks = Checks(self)
        self.runs = Runs(self)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, table: str, where: str = "", params: Any = ()) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        sql = f"SELECT COUNT(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.scalar(sql, params))

    def stats(self) -> dict[str, Any]:
        """What the store holds: articles by language and copy status, claims, events."""
        languages = dict(
            self.query(
                "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        copies = dict(
            self.query(
                "SELECT COALESCE(copy_status, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        return {
            "db": self.url,
            "schema_version": self.schema_version(),
            "articles": self.count("articles"),
            "languages": languages,
            "copy_status": copies,
            "dup_groups": int(self.scalar("SELECT COUNT(DISTINCT dup_group) FROM articles") or 0),
            "extracted": self.count("articles", "extracted_with IS NOT NULL"),
            "claims": self.count("claims"),
            "events": self.count("events"),
            "errors": self.count("errors"),
        }
