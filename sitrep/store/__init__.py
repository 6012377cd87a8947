"""Open a store from a URL: ``sqlite:///file.db`` (default), a plain path, or ``postgresql://``."""

from __future__ import annotations

from sitrep.errors import StoreError
from sitrep.store.base import Store

DEFAULT_URL = "sqlite:///sitrep.db"

# Characters a shell would have consumed: in a database path they are almost always a quoting
# slip ("sqlite:///'out.db'"), and SQLite would silently create a new file with them in its
# name, so later stages read an empty store while the real one sits next to it.
_SHELL_LEFTOVERS = frozenset("'\"`$;|&<>")

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
        check_sqlite_path(path, url)
        from sitrep.store.sqlite import connect_sqlite

        return connect_sqlite(path, url, read_only=read_only)
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"unsupported database URL scheme {scheme!r}: use sqlite:///FILE or postgresql://..."
        )
    check_sqlite_path(url, url)
    from sitrep.store.sqlite import connect_sqlite

    return connect_sqlite(url, f"sqlite:///{url}", read_only=read_only)


def check_sqlite_path(path: str, url: str) -> None:
    """Refuse a SQLite path with quotes, shell metacharacters, control characters or white
    space at either end: a ``StoreError`` that names the character, instead of a new file."""
    bad = sorted({ch for ch in path if ch in _SHELL_LEFTOVERS or not ch.isprintable()})
    if bad:
        shown = " ".join(repr(ch) for ch in bad)
        raise StoreError(
            f"database URL {url!r} has {shown} in its file path, probably left over from "
            "shell quoting; SQLite would create a new file with that name. Remove them "
            "(e.g. --db sqlite:///sitrep.db)"
        )
    if path != path.strip():
        raise StoreError(
            f"database URL {url!r} has white space at the start or end of its file path; "
            "remove it (e.g. --db sqlite:///sitrep.db)"
        )
