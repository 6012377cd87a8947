"""PostgreSQL back-end for shared deployments (``--db postgresql://user@host/db``)."""

from __future__ import annotations

import contextlib
from typing import Any

from sitrep.errors import StoreError
from sitrep.store.base import Store


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, conn: Any, url: str) -> None:
        super().__init__(conn, url)
        self._tx: Any = None

    def _sql(self, sql: str) -> str:
        # Our SQL never holds a literal '?' or '%', so this swap is safe.
        return sql.replace("?", "%s")

    def _begin(self) -> None:
        self._tx = self.conn.transaction()
        self._tx.__enter__()

    def _begin_snapshot(self) -> None:
        self._begin()
        self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    def _commit(self) -> None:
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def _rollback(self) -> None:
        tx, self._tx = self._tx, None
        if tx is not None:
            err = RuntimeError("rollback")
            with contextlib.suppress(RuntimeError):
                tx.__exit__(type(err), err, None)

    def _table_exists(self, name: str) -> bool:
        return self.scalar("SELECT to_regclass(?) IS NOT NULL", (name,)) is True


def connect_postgres(url: str, read_only: bool = False) -> PostgresStore:
    import psycopg

    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"cannot connect to PostgreSQL at {_redact(url)}: {first}. Is the server running "
            "and the URL right (postgresql://user:password@host:port/dbname)?"
        ) from exc
    store = PostgresStore(conn, _redact(url))
    if not read_only:
        try:
            store.migrate()
        except psycopg.Error as exc:
            store.close()
            raise StoreError(f"cannot prepare the schema in {_redact(url)}: {exc}") from exc
    return store


def _redact(url: str) -> str:
    """Hide a password so it never lands in logs, errors or run records."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url
