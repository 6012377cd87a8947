"""Events (``store.events``): fused events (``events``), the claims each holds
(``event_claims``) and the articles linked to each at document level (``event_articles``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sitrep.model import ArticleLink, Event, from_dict, to_dict
from sitrep.store.core import Records, int64_or_none, iso


def _with_links(event: Event, links: dict[str, list[ArticleLink]]) -> Event:
    """The event as readers see it: its linked articles after those of its claims."""
    event.links = [x for x in links.get(event.id, ()) if x.article_id not in event.articles]
    event.articles = [*event.articles, *(x.article_id for x in event.links)]
    event.n_articles = len(event.articles)
    return event


def _event(data: str) -> Event:
    return from_dict(Event, json.loads(data))


class Events(Records):
    """Events as fusion wrote them; the reading methods add their document-level links."""

    # ------------------------------------------------------------------ writing
    def replace_all(self, events: Sequence[Event]) -> None:
        """Replace the whole event table (the baseline fuser recomputes everything)."""
        self.db.execute("DELETE FROM event_articles")
        self.db.execute("DELETE FROM event_claims")
        self.db.execute("DELETE FROM events")
        self.add(events)

    def add(self, events: Sequence[Event]) -> None:
        self.db.executemany(
            "INSERT INTO events (id, event_type, date_start, date_end, country, n_articles, "
            "n_independent, fatalities, n_conflicts, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id,
                    e.event_type,
                    iso(e.start),
                    iso(e.end),
                    e.place.country if e.place else None,
                    e.n_articles,
                    e.n_independent,
                    int64_or_none(e.casualties.killed.best) if e.casualties.killed else None,
                    len(e.conflicts),
                    json.dumps(to_dict(e), ensure_ascii=False),
                )
                for e in events
            ],
        )
        self.db.executemany(
            "INSERT INTO event_claims (claim_id, event_id) VALUES (?, ?)",
            [(cid, e.id) for e in events for cid in e.claims],
        )

    def upsert(self, events: Sequence[Event]) -> None:
        """Replace these events (and their claim links) and keep all others."""
        self.delete([e.id for e in events])
        self.add(events)

    def delete(self, ids: Sequence[str]) -> None:
        """Remove these events, their claim links and their article links (the claims and
        articles stay)."""
        for table, column in (
            ("event_claims", "event_id"),
            ("event_articles", "event_id"),
            ("events", "id"),
        ):
            self.db.execute_in(f"DELETE FROM {table} WHERE {column} IN ({{marks}})", ids)

    def replace_links(self, article_ids: Sequence[str], links: Sequence[ArticleLink]) -> None:
        """Drop the document-level links of these articles and store ``links`` instead."""
        self.db.execute_in("DELETE FROM event_articles WHERE article_id IN ({marks})", article_ids)
        self.db.executemany(
            "INSERT INTO event_articles (article_id, event_id, score, reason) VALUES (?, ?, ?, ?)",
            [(x.article_id, x.event_id, x.score, x.reason) for x in links],
        )

    # ------------------------------------------------------------------ what fusion reads
    def assignments(self, article_id: str | None = None) -> dict[str, str]:
        """claim id -> event id for every fused claim (of one article with ``article_id``)."""
        if article_id is None:
            return dict(self.db.query("SELECT claim_id, event_id FROM event_claims"))
        return dict(
            self.db.query(
                "SELECT ec.claim_id, ec.event_id FROM event_claims ec JOIN claims c "
                "ON c.id = ec.claim_id WHERE c.article_id = ?",
                (article_id,),
            )
        )

    def touching(self, windows: Iterable[tuple[str | None, dt.date, dt.date]]) -> list[Event]:
        """Events of a country (or of no known country) whose dates touch a window, and the
        undated ones: the candidates an incremental fusion run compares new claims with."""
        found: dict[str, Event] = {}
        sql = (
            "SELECT id, data FROM events WHERE (date_start IS NULL OR "
            "(date_start <= ? AND COALESCE(date_end, date_start) >= ?))"
        )
        for country, first, last in windows:
            span = (last.isoformat(), first.isoformat())
            if country is None:
                rows = self.db.query(sql, span)
            else:
                rows = self.db.query(
                    sql + " AND (country = ? OR country IS NULL)", (*span, country)
                )
            for event_id, data in rows:
                if event_id not in found:
                    found[event_id] = _event(data)
        return list(found.values())

    def of_articles(self, article_ids: Sequence[str]) -> list[Event]:
        """The events holding a claim of any of these articles (as fusion wrote them: no
        document-level links attached)."""
        found: dict[str, Event] = {}
        sql = (
            "SELECT DISTINCT e.id, e.data FROM events e JOIN event_claims ec "
            "ON ec.event_id = e.id JOIN claims c ON c.id = ec.claim_id "
            "WHERE c.article_id IN ({marks})"
        )
        for event_id, data in self.db.query_in(sql, article_ids):
            found.setdefault(event_id, _event(data))
        return [found[k] for k in sorted(found)]

    # ------------------------------------------------------------------ document-level links
    def links(self, event_ids: Sequence[str] | None = None) -> dict[str, list[ArticleLink]]:
        """event id -> its document-level links (of every event when ``event_ids`` is None)."""
        sql = "SELECT article_id, event_id, score, reason FROM event_articles"
        if event_ids is None:
            rows = self.db.query(sql)
        else:
            rows = self.db.query_in(sql + " WHERE event_id IN ({marks})", event_ids)
        out: dict[str, list[ArticleLink]] = {}
        for article_id, event_id, value, reason in sorted(rows, key=lambda r: (r[1], -r[2], r[0])):
            out.setdefault(event_id, []).append(ArticleLink(article_id, event_id, value, reason))
        return out

    def link_candidates(self, first: dt.date | None, last: dt.date | None) -> list[str]:
        """Articles in no event told by another independent report (loners: a copy of the
        article does not count), published between ``first`` and ``last`` or undated (all
        dates when both are None): those a document-level link may place."""
        sql = (
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM claims c "
            "JOIN event_claims ec ON ec.claim_id = c.id JOIN events e ON e.id = ec.event_id "
            "WHERE c.article_id = a.id AND e.n_independent > 1)"
        )
        params: list[Any] = []
        if first is not None and last is not None:
            sql += " AND (a.published IS NULL OR (a.published >= ? AND a.published < ?))"
            params = [first.isoformat(), (last + dt.timedelta(days=1)).isoformat()]
        return sorted(r[0] for r in self.db.query(sql, params))

    def linked_to(self, event_ids: Sequence[str]) -> list[str]:
        """Articles with a document-level link to any of these events."""
        sql = "SELECT article_id FROM event_articles WHERE event_id IN ({marks})"
        return sorted({r[0] for r in self.db.query_in(sql, event_ids)})

    # ------------------------------------------------------------------ what readers see
    def iter(
        self,
        *,
        event_type: str | None = None,
        country: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        min_fatalities: int | None = None,
        limit: int | None = None,
        order: str = "date",
    ) -> Iterator[Event]:
        """Events matching the filters, by date (undated last) or, with order="reports", most
        reported first."""
        where, params = [], []
        if event_type:
            where.append("event_type = ?")
            params.append(event_type)
        if country:
            where.append("country = ?")
            params.append(country.upper())
        if since:
            where.append("date_start >= ?")
            params.append(since.isoformat())
        if until:
            where.append("date_start <= ?")
            params.append(until.isoformat())
        if min_fatalities is not None:
            where.append("fatalities >= ?")
            params.append(min_fatalities)
        sql = "SELECT data FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (
            " ORDER BY n_articles DESC, n_independent DESC, id"
            if order == "reports"
            else " ORDER BY (date_start IS NULL), date_start, id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        links = self.links()
        for (data,) in self.db.execute(sql, params):
            yield _with_links(_event(data), links)

    def get(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        if not row:
            return None
        return _with_links(_event(row[0]), self.links([event_id]))

    def get_many(self, ids: Sequence[str]) -> list[Event]:
        """These events as readers see them, in the order given; ids no longer stored are
        skipped (a fuse run may have merged them meanwhile)."""
        found = {
            event_id: _event(data)
            for event_id, data in self.db.query_in(
                "SELECT id, data FROM events WHERE id IN ({marks})", ids
            )
        }
        links = self.links(list(found))
        for event in found.values():
            _with_links(event, links)
        return [found[i] for i in ids if i in found]
