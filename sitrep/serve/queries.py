"""Read-only look-ups the pages need beyond the catalogue: whole events by id, in pages.

They use only the store's public reading methods, so they work on SQLite and PostgreSQL alike
and never write.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sitrep.model import Event
from sitrep.store.base import Store

CHUNK = 500


def iter_events_by_ids(store: Store, ids: Sequence[str]) -> Iterator[Event]:
    """These events as readers see them (``store.events.get_many``), page by page, for
    downloads of big views."""
    for i in range(0, len(ids), CHUNK):
        yield from store.events.get_many(ids[i : i + CHUNK])
