"""Read-only look-ups the pages need beyond the catalogue: whole events by id, in pages.

They use only the store's public reading methods and plain SELECTs, so they work on SQLite
and PostgreSQL alike and never write.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from sitrep.model import Event, from_dict
from sitrep.store.base import Store

CHUNK = 500


def events_by_ids(store: Store, ids: Sequence[str]) -> list[Event]:
    """These events as readers see them (document-level links added), in the order given;
    ids no longer in the store are skipped (a fuse run may have merged them meanwhile)."""
    found: dict[str, Event] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = list(ids[i : i + CHUNK])
        marks = ",".join("?" * len(chunk))
        for event_id, data in store.query(
            f"SELECT id, data FROM events WHERE id IN ({marks})", chunk
        ):
            found[event_id] = from_dict(Event, json.loads(data))
        links = store.links_of_events(chunk)
        for event_id in chunk:
            event = found.get(event_id)
            if event is None:
                continue
            extra = [x for x in links.get(event_id, ()) if x.article_id not in event.articles]
            event.links = extra
            event.articles = [*event.articles, *(x.article_id for x in extra)]
            event.n_articles = len(event.articles)
    return [found[i] for i in ids if i in found]


def iter_events_by_ids(store: Store, ids: Sequence[str]) -> Iterator[Event]:
    """Like ``events_by_ids`` but page by page, for downloads of big views."""
    for i in range(0, len(ids), CHUNK):
        yield from events_by_ids(store, ids[i : i + CHUNK])
