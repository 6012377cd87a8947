"""The document-linking step of the fuse stage: loners -> the event their text reports.

Runs after claim fusion, on the articles whose links may have changed: in a rebuild every
loner; in an incremental run the loners published around the events that changed (and the
undated ones), and the articles linked to those events before. Each looked-at article's links
are replaced in one transaction, so a re-run gives the same links and a killed run leaves the
earlier ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sitrep.fuse.features import FOLLOW_UP_DAYS
from sitrep.fuse.links import (
    ArticleProfile,
    EventProfile,
    article_profile,
    best_link,
    event_profile,
)
from sitrep.model import Event
from sitrep.store.base import Store

__all__ = ["link_articles"]


def _window(events: Sequence[Event]) -> tuple[dt.date, dt.date] | None:
    """The publication days whose loners may report one of these events; None for all days
    (an undated event may be reported on any)."""
    if not events or any(e.start is None for e in events):
        return None
    first = min(e.start for e in events if e.start is not None)
    last = max((e.end or e.start) for e in events if e.start is not None)
    return _date(first.toordinal() - 1), _date(last.toordinal() + FOLLOW_UP_DAYS)


def _date(ordinal: int) -> dt.date:
    """The date of a day number, clamped to what ``datetime.date`` holds (a stored year-9999
    claim must widen a window, not raise)."""
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))


def _profiles(store: Store, ids: Sequence[str]) -> list[ArticleProfile]:
    out = []
    for aid in ids:
        article = store.get_article(aid)
        if article is not None:
            out.append(article_profile(article, list(store.iter_claims(article_id=aid))))
    return out


def _event_profiles(store: Store, articles: Sequence[ArticleProfile]) -> list[EventProfile]:
    """The events these articles may report: those of their countries (every country for an
    article without claims) whose dates their publication may follow."""
    windows: list[tuple[str | None, dt.date, dt.date]] = []
    for a in articles:
        if a.published is None:
            first, last = dt.date.min, dt.date.max
        else:
            first, last = _date(a.published - FOLLOW_UP_DAYS), _date(a.published + 1)
        for country in sorted(a.countries) or [None]:
            windows.append((country, first, last))
    events = [e for e in store.events_touching(windows) if e.n_articles >= 1]
    claims = {c.id: c for c in store.get_claims([cid for e in events for cid in e.claims])}
    titles = store.titles(sorted({aid for e in events for aid in e.articles}))
    return [
        event_profile(
            e,
            [claims[cid] for cid in e.claims if cid in claims],
            [titles[aid] for aid in e.articles if aid in titles],
        )
        for e in events
    ]


def link_articles(store: Store, changed: Sequence[Event] | None) -> int:
    """Replace the document-level links of the articles ``changed`` events may concern (every
    loner when ``changed`` is None: a rebuild). Returns how many links were stored."""
    if changed is None:
        ids = store.link_candidates(None, None)
    else:
        window = _window(changed)
        ids = store.link_candidates(*(window or (None, None)))
        ids = sorted(set(ids) | set(store.linked_to([e.id for e in changed])))
    if not ids:
        return 0
    articles = _profiles(store, ids)
    events = _event_profiles(store, articles)
    links = [link for a in articles if (link := best_link(a, events)) is not None]
    with store.transaction():
        store.replace_links(ids, links)
    return len(links)
