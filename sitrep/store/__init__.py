"""Open a store from a URL: ``sqlite:///file.db`` (default), a plain path, or ``postgresql://``."""

from __future__ import annotations

from sitrep.errors import StoreError
from sitrep.store.base import Store

DEFAULT_URL = "sqlite:///sitrep.db"

__all__ = ["DEFAULT_URL", "Store", "open_store"]


def open_store(url: str = DEFAULT_URL, *, read_only: bool = False) -> Store:
    """Open (and create or migrate) a sitrep store.

    ``sqlite:///relative.db``, ``sqlite:////absolute/path.db``, ``sqlite:///:memory:`` or a bare
    file path give SQLite; ``postgresql://user:pw@host:5432/db`` gives PostgreSQL.

    Example:
        >>> store = open_store("sqlite:///:memory:")
        >>> store.schema_version() >= 1
        True
    """
    if url.startswith(("postgresql://", "postgres://")):
        from sitrep.store.postgres import connect_postgres

        return connect_postgres(url, read_only=read_only)
    if url.startswith("sqlite://"):
        path = url[len("sqlite://") :]
        if path.startswith("/"):
            path = path[1:]
        from sitrep.store.sqlite import connect_sqlite

        return connect_sqlite(path, url, read_only=read_only)
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"unsupported database URL scheme {scheme!r}: use sqlite:///FILE or postgresql://..."
        )
    from sitrep.store.sqlite import connect_sqlite

    return connect_sqlite(url, f"sqlite:///{url}", read_only=read_only)
