"""The store's core: one connection, transactions, snapshots, migrations, SQL helpers.

Every record kind (``articles.py``, ``claims.py``, ...) holds the SQL of its own tables and
reaches the database only through this core, so the SQLite and PostgreSQL back-ends differ
only in how they connect, open a transaction and spell a placeholder. Every write expects to
run inside ``transaction()`` (a batch is all or nothing), so a killed run leaves whole
batches or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sitrep.errors import StoreError
from sitrep.store.schema import LATEST_VERSION, MIGRATIONS, render

CHUNK = 2000  # ids per IN (...) list: under SQLite's (32766) and PostgreSQL's (65535) limits
INT64_MAX = 2**63 - 1


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def int64_or_none(value: int | None) -> int | None:
    """A value a 64-bit integer column (SQLite, PostgreSQL BIGINT, Parquet int64) can hold,
    else None: the last guard for records stored before extraction bounded its figures
    (``sitrep.extract.plausible``), so one such record cannot fail a whole batch or file."""
    if value is None or -INT64_MAX - 1 <= value <= INT64_MAX:
        return value
    return None


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Core:
    """A connection with transactions and the SQL helpers every record kind uses."""

    dialect = "sqlite"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn = conn
        self.url = url
        self._depth = 0

    # ------------------------------------------------------------------ back-end hooks
    def _sql(self, sql: str) -> str:
        return sql

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def _begin_snapshot(self) -> None:
        """Start a read transaction (SQLite in WAL mode reads one snapshot until it ends)."""
        self.conn.execute("BEGIN DEFERRED")

    # ------------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """All writes inside commit together or not at all; nesting joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Any]:
        """Every read inside sees the store as it was at the first one, whatever other
        processes commit meanwhile; inside a transaction, joins it.

        An export reads claims, articles and events in many queries (pages, lookups); read
        one by one, a concurrent stage committing between two of them made a file mix two
        states of the store (claims of a re-extraction without the statuses verify gave).

        Example:
            >>> import sitrep
            >>> store = sitrep.open_store("sqlite:///:memory:")
            >>> with store.snapshot():
            ...     store.count("claims")
            0
        """
        if self._depth:
            with self.transaction():
                yield self
            return
        self._begin_snapshot()
        self._depth = 1
        try:
            yield self
        finally:
            self._depth = 0
            try:
                self._commit()  # nothing was written: this only ends the read
            except Exception:
                self._rollback()

    # ------------------------------------------------------------------ SQL
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self.conn.cursor().executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def query_in(self, sql: str, ids: Iterable[Any]) -> list[tuple[Any, ...]]:
        """The rows of ``sql`` for every id, its ``{marks}`` taking one chunk of ids at a
        time: a list of any length stays under the back-ends' limits on parameters."""
        rows: list[tuple[Any, ...]] = []
        for chunk in chunks(list(ids)):
            rows += self.query(sql.replace("{marks}", ",".join("?" * len(chunk))), chunk)
        return rows

    def execute_in(self, sql: str, ids: Iterable[Any]) -> None:
        """``sql`` (a DELETE or UPDATE) for every id, chunk by chunk as in ``query_in``."""
        for chunk in chunks(list(ids)):
            self.execute(sql.replace("{marks}", ",".join("?" * len(chunk))), chunk)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()

    # ------------------------------------------------------------------ schema
    def schema_version(self) -> int:
        if not self._table_exists("schema_version"):
            return 0
        return int(self.scalar("SELECT MAX(version) FROM schema_version") or 0)

    def migrate(self) -> int:
        """Bring the schema to the latest version; returns the version reached."""
        with self.transaction():
            self.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT NOT NULL)"
            )
        current = self.schema_version()
        if current > LATEST_VERSION:
            raise StoreError(
                f"database schema version {current} is newer than this sitrep "
                f"(knows up to {LATEST_VERSION}); upgrade sitrep"
            )
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for stmt in statements:
                    self.execute(render(stmt, self.dialect))
                self.execute(
                    "INSERT INTO schema_version (version, description, applied_at) "
                    "VALUES (?, ?, ?)",
                    (version, description, now_iso()),
                )
        return LATEST_VERSION


class Records:
    """One kind of record: the SQL of its tables over the store's core (sqlite-utils'
    ``Table`` over its ``Database``)."""

    def __init__(self, db: Core) -> None:
        self.db = db
