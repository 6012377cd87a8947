"""The document-linking step of the fuse stage: loners -> the event their text reports.

Runs after claim fusion, on the articles whose links may have changed: in a rebuild every
loner; in an incremental run the loners published around the events that changed (and the
undated ones), and the articles linked to those events before. Each looked-at article's links
are replaced in one transaction, so a re-run gives the same links and a killed run leaves the
earlier ones.
"""

from __future__ import annotations

import bisect
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
from sitrep.fuse.windows import day, merged_windows
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
    return day(first.toordinal() - 1), day(last.toordinal() + FOLLOW_UP_DAYS)


def _profiles(store: Store, ids: Sequence[str]) -> list[ArticleProfile]:
    out = []
    for aid in ids:
        article = store.get_article(aid)
        if article is not None:
            out.append(article_profile(article, list(store.iter_claims(article_id=aid))))
    return out


class _Events:
    """The link targets of one pass, indexed by country and first day, so each article is
    scored against the events its publication may follow, not against all of them."""

    def __init__(self, profiles: Sequence[EventProfile]) -> None:
        self._by_country: dict[str | None, list[tuple[int, str, EventProfile]]] = {}
        for e in profiles:
            self._by_country.setdefault(e.country, []).append((e.lo or 0, e.id, e))
        for rows in self._by_country.values():
            rows.sort(key=lambda r: (r[0], r[1]))

    def near(self, a: ArticleProfile) -> list[EventProfile]:
        countries = [*sorted(a.countries), None] if a.countries else list(self._by_country)
        out = []
        for country in countries:
            rows = self._by_country.get(country, [])
            if a.published is None:
                out += [e for _, _, e in rows]
                continue
            first = bisect.bisect_left(rows, (a.published - 2 * FOLLOW_UP_DAYS - 1, ""))
            last = bisect.bisect_right(rows, (a.published + 1, "\uffff"))
            out += [e for _, _, e in rows[first:last]]
        return out


def _event_profiles(store: Store, articles: Sequence[ArticleProfile]) -> _Events:
    """The events these articles may report: those of their countries (every country for an
    article without claims) whose dates their publication may follow, and that may be a
    link's target at all (dated, told as days rather than a month or a year)."""
    windows: list[tuple[str | None, int, int]] = []
    for a in articles:
        if a.published is None:
            lo, hi = 1, dt.date.max.toordinal()
        else:
            lo, hi = a.published - FOLLOW_UP_DAYS, a.published + 1
        for country in sorted(a.countries) or [None]:
            windows.append((country, lo, hi))
    events = [
        e
        for e in store.events_touching(merged_windows(windows))
        if e.start is not None and ((e.end or e.start) - e.start).days <= FOLLOW_UP_DAYS
    ]
    claims = {c.id: c for c in store.get_claims([cid for e in events for cid in e.claims])}
    titles = store.titles(sorted({aid for e in events for aid in e.articles}))
    return _Events(
        [
            event_profile(
                e,
                [claims[cid] for cid in e.claims if cid in claims],
                [titles[aid] for aid in e.articles if aid in titles],
            )
            for e in events
        ]
    )


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
    links = [link for a in articles if (link := best_link(a, events.near(a))) is not None]
    with store.transaction():
        store.replace_links(ids, links)
    return len(links)
