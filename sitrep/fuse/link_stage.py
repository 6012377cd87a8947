"""The document-linking step of the fuse stage: loners -> the event their text reports.

Runs after claim fusion, on the articles whose links may have changed: in a rebuild every
loner; in an incremental run the loners published around the events that changed (and the
undated ones), and the articles linked to those events before. Each looked-at article's links
are replaced in one transaction, so a re-run gives the same links and a killed run leaves the
earlier ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sitrep.fuse.features import FOLLOW_UP_DAYS, spelling
from sitrep.fuse.links import (
    ArticleProfile,
    EventProfile,
    article_profile,
    best_link,
    event_profile,
)
from sitrep.fuse.windows import merged_windows
from sitrep.model import Event
from sitrep.store.base import Store

__all__ = ["link_articles"]


def _windows(events: Sequence[Event]) -> list[tuple[str | None, dt.date, dt.date]]:
    """The runs of publication days whose loners may report one of these events (a day
    before each to ``FOLLOW_UP_DAYS`` after it). An undated event, or one deleted, is no
    link target: it adds no days (the articles linked to it are looked at anyway)."""
    spans = [
        (None, e.start.toordinal() - 1, (e.end or e.start).toordinal() + FOLLOW_UP_DAYS)
        for e in events
        if e.start is not None
    ]
    return merged_windows(spans)


def _profiles(store: Store, ids: Sequence[str]) -> list[ArticleProfile]:
    out = []
    for aid in ids:
        article = store.articles.get(aid)
        if article is not None:
            out.append(article_profile(article, list(store.claims.iter(article_id=aid))))
    return out


class _Events:
    """The link targets of one pass, indexed by where they are: a link needs the event's place
    named in the article's title or lead, or a claim of the article placed there, so each
    article is scored only against the events of the places it names or places claims at
    (by gazetteer id, by name, by a grid of cells around its points), then cut to its
    countries and the days its publication may follow."""

    def __init__(self, profiles: Sequence[EventProfile]) -> None:
        self._by_gid: dict[str, list[EventProfile]] = {}
        self._by_name: dict[str, list[EventProfile]] = {}
        self._by_spelling: dict[str, list[EventProfile]] = {}
        self._by_cell: dict[tuple[int, int], list[EventProfile]] = {}
        self._longest = 1
        for e in profiles:
            if e.gazetteer_id:
                self._by_gid.setdefault(e.gazetteer_id, []).append(e)
            for name in (*e.names, *e.town_names):
                key = _key(name)
                if key:
                    self._by_name.setdefault(key, []).append(e)
                    self._longest = max(self._longest, key.count(" ") + 1)
                spelt = spelling(name)
                if spelt:
                    self._by_spelling.setdefault(spelt, []).append(e)
            if e.point is not None:
                self._by_cell.setdefault(_cell(e.point), []).append(e)

    def near(self, a: ArticleProfile) -> list[EventProfile]:
        found: dict[str, EventProfile] = {}
        for point, gid in a.places:
            for e in self._by_gid.get(gid or "", ()):
                found[e.id] = e
            if point is not None:
                x, y = _cell(point)
                for cell in ((x + i, y + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
                    for e in self._by_cell.get(cell, ()):
                        found[e.id] = e
        words = _WORD.findall(a.lead)
        for n in range(1, self._longest + 1):
            for i in range(len(words) - n + 1):
                for e in self._by_name.get(" ".join(words[i : i + n]), ()):
                    found[e.id] = e
        for key in a.spelt:  # "Karakosh" for the event's "Qaraqosh"
            for e in self._by_spelling.get(key, ()):
                found[e.id] = e
        out = []
        for e in found.values():
            if a.countries and e.country is not None and e.country not in a.countries:
                continue
            if (
                a.published is not None
                and e.lo is not None
                and not (a.published - 2 * FOLLOW_UP_DAYS - 1 <= e.lo <= a.published + 1)
            ):
                continue
            out.append(e)
        return sorted(out, key=lambda e: e.id)


_WORD = re.compile(r"\w+")
_CELL = 5  # grid cells per degree (about 22 km): a claim within 15 km is in a neighbour


def _key(name: str) -> str:
    return " ".join(_WORD.findall(name))


def _cell(point: tuple[float, float]) -> tuple[int, int]:
    return int(point[0] * _CELL // 1), int(point[1] * _CELL // 1)


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
        for e in store.events.touching(merged_windows(windows))
        if e.start is not None and ((e.end or e.start) - e.start).days <= FOLLOW_UP_DAYS
    ]
    claims = {c.id: c for c in store.claims.get_many([cid for e in events for cid in e.claims])}
    titles = store.articles.titles(sorted({aid for e in events for aid in e.articles}))
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
        ids = store.events.link_candidates(None, None)
    else:
        found = set(store.events.linked_to([e.id for e in changed]))
        for _, first, last in _windows(changed):
            found |= set(store.events.link_candidates(first, last))
        ids = sorted(found)
    if not ids:
        return 0
    articles = _profiles(store, ids)
    events = _event_profiles(store, articles)
    links = [link for a in articles if (link := best_link(a, events.near(a))) is not None]
    with store.transaction():
        store.events.replace_links(ids, links)
    return len(links)
