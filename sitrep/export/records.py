"""Stream the records of one kind from the store in their documented shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitrep.export.shapes import record
from sitrep.model import Article, Claim, Event
from sitrep.store.base import Store


def iter_objects(store: Store, what: str) -> Iterator[Article | Claim | Event]:
    """Articles (ingest order), claims (id order) or events (date order), paged by the store."""
    if what == "articles":
        yield from store.articles.iter()
    elif what == "claims":
        yield from store.claims.iter()
    elif what == "events":
        yield from store.events.iter()
    else:
        raise ValueError(f"unknown record kind {what!r}")


def iter_records(
    store: Store, what: str, *, include_text: bool = False
) -> Iterator[dict[str, Any]]:
    """The JSON shape of every record of ``what`` (see ``shapes.py``)."""
    for obj in iter_objects(store, what):
        yield record(obj, include_text=include_text)
