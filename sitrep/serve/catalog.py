"""An in-memory catalogue of every event's filterable fields, reloaded when the store changes.

Most filters (admin1, sub-type, actor, claim status, copy status, precision) live inside the
events' JSON records, not in indexed columns, and the store's schema belongs to the pipeline.
Rather than add columns, the dashboard reads those fields once with the database's own JSON
functions (no record is decoded in Python) into one small row per event, and filters, sorts,
pages, clusters and counts those rows in memory: on 100k events a filter pass takes tens of
milliseconds and the rows take tens of megabytes. Only the page of events shown is read in
full from the store.

The catalogue checks a cheap fingerprint of the store (row counts and the latest run) at most
once a second, so events a running ``sitrep run`` or ``watch`` commits show on the next reload.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sitrep.serve.filters import Filters
from sitrep.store.base import Store

CHECK_EVERY_S = 1.0
# Above this many located events the map gets grid cells counted by the server rather than
# one marker per event: a browser clusters a few thousand markers smoothly, not 100k.
MAX_POINTS = 3000


@dataclass(slots=True)
class Row:
    """The fields of one event that the overview filters, sorts, maps and counts on."""

    id: str
    start: str | None
    end: str | None
    event_type: str | None
    sub_type: str | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    actor1: str | None  # the first actor's name as shown in the table
    actors: str  # actor names and texts, lower case, for the actor filter
    killed: int | None
    n_articles: int
    n_independent: int
    n_conflicts: int
    status: str | None = None
    copies: frozenset[str] = frozenset()


# (column alias, JSON path) read from each event record.
_JSON_FIELDS = (
    ("sub_type", ("sub_event_type",)),
    ("admin1", ("place", "admin1")),
    ("place_name", ("place", "name")),
    ("place_text", ("place", "text")),
    ("lat", ("place", "lat")),
    ("lon", ("place", "lon")),
    ("precision", ("place", "precision")),
    ("a1_name", ("actor1", "name")),
    ("a1_text", ("actor1", "text")),
    ("a2_name", ("actor2", "name")),
    ("a2_text", ("actor2", "text")),
)


def json_field(dialect: str, path: Sequence[str]) -> str:
    """A SQL expression reading one JSON field of ``events.data`` as text (or number)."""
    if dialect == "postgresql":
        return "(data::jsonb #>> '{" + ",".join(path) + "}')"
    return "json_extract(data, '$." + ".".join(path) + "')"


def event_status(counts: Counter[str]) -> str | None:
    """An event's claim status from its claims' checks: contested when any claim is,
    corroborated when any claim is (and none contested), single-source otherwise; None
    when verify has not run."""
    if not counts:
        return None
    if counts.get("contested"):
        return "contested"
    if counts.get("corroborated"):
        return "corroborated"
    return "single-source"


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def load_rows(store: Store) -> list[Row]:
    """Every event's catalogue row, read in one snapshot of the store."""
    extra = ", ".join(f"{json_field(store.dialect, path)}" for _, path in _JSON_FIELDS)
    sql = (
        "SELECT id, date_start, date_end, event_type, country, fatalities, n_articles, "
        f"n_independent, n_conflicts, {extra} FROM events"
    )
    with store.snapshot():
        raw = store.query(sql)
        checks: dict[str, Counter[str]] = defaultdict(Counter)
        for event_id, status, n in store.query(
            "SELECT event_id, status, COUNT(*) FROM claim_checks WHERE event_id IS NOT NULL "
            "GROUP BY event_id, status"
        ):
            checks[event_id][status] += int(n)
        copies: dict[str, set[str]] = defaultdict(set)
        for event_id, status in store.query(
            "SELECT ec.event_id, a.copy_status FROM event_claims ec "
            "JOIN claims c ON c.id = ec.claim_id JOIN articles a ON a.id = c.article_id "
            "WHERE a.copy_status IS NOT NULL GROUP BY ec.event_id, a.copy_status "
            "UNION SELECT x.event_id, a.copy_status FROM event_articles x "
            "JOIN articles a ON a.id = x.article_id WHERE a.copy_status IS NOT NULL"
        ):
            copies[event_id].add(status)
    rows = []
    for r in raw:
        (eid, start, end, etype, country, killed, n_art, n_ind, n_conf,
         sub, admin1, pname, ptext, lat, lon, prec, a1n, a1t, a2n, a2t) = r  # fmt: skip
        actors = " | ".join(str(x) for x in (a1n, a1t, a2n, a2t) if x).lower()
        rows.append(
            Row(
                id=eid,
                start=start,
                end=end,
                event_type=etype,
                sub_type=sub,
                country=country,
                admin1=admin1,
                place=pname or ptext,
                lat=_float(lat),
                lon=_float(lon),
                precision=_int(prec),
                actor1=a1n or a1t,
                actors=actors,
                killed=_int(killed),
                n_articles=int(n_art or 0),
                n_independent=int(n_ind or 0),
                n_conflicts=int(n_conf or 0),
                status=event_status(checks.get(eid, Counter())),
                copies=frozenset(copies.get(eid, ())),
            )
        )
    return rows


def _keep(row: Row, f: Filters, *, dates: bool = True) -> bool:
    if f.country and row.country != f.country:
        return False
    if f.admin1 and (row.admin1 or "").lower() != f.admin1.lower():
        return False
    if f.type and row.event_type != f.type:
        return False
    if f.sub_type and row.sub_type != f.sub_type:
        return False
    if f.actor and f.actor.lower() not in row.actors:
        return False
    if dates and f.since and (row.start is None or row.start < f.since.isoformat()):
        return False
    if dates and f.until and (row.start is None or row.start[:10] > f.until.isoformat()):
        return False
    if f.min_killed is not None and (row.killed or 0) < f.min_killed:
        return False
    if f.min_independent is not None and row.n_independent < f.min_independent:
        return False
    if f.status and row.status != f.status:
        return False
    if f.copy_status and f.copy_status not in row.copies:
        return False
    return not (f.precision is not None and row.precision != f.precision)


# The value each table column sorts on; None (unknown) sorts last in either direction.
SORT_VALUES: dict[str, Any] = {
    "date": lambda r: r.start,
    "killed": lambda r: r.killed,
    "reports": lambda r: r.n_articles,
    "independent": lambda r: r.n_independent,
    "country": lambda r: r.country,
    "admin1": lambda r: r.admin1.lower() if r.admin1 else None,
    "type": lambda r: r.sub_type or r.event_type,
    "place": lambda r: r.place.lower() if r.place else None,
}


def ordered(rows: list[Row], sort: str, desc: bool) -> list[Row]:
    """Rows by one column (ties by date, then id), unknown values last either way."""
    if sort == "date" and not desc:
        return rows  # the catalogue keeps its rows in this order: no sort on the common view
    value = SORT_VALUES[sort]
    known = [r for r in rows if value(r) is not None]
    unknown = [r for r in rows if value(r) is None]
    known.sort(key=lambda r: (value(r), r.start or "", r.id), reverse=desc)
    unknown.sort(key=lambda r: (r.start is None, r.start or "", r.id))
    return known + unknown


class Catalog:
    """The rows of one store, kept current; every public method is safe across threads."""

    def __init__(self, store: Store, check_every_s: float = CHECK_EVERY_S) -> None:
        self.store = store
        self.check_every_s = check_every_s
        self._lock = threading.RLock()
        self._rows: list[Row] = []
        self._by_id: dict[str, Row] = {}
        self._fingerprint: tuple[Any, ...] | None = None
        self._checked = 0.0

    def fingerprint(self) -> tuple[Any, ...]:
        """Changes whenever a stage commits something the dashboard shows."""
        q = self.store.scalar
        return (
            q("SELECT COUNT(*) FROM events"),
            q("SELECT COUNT(*) FROM event_articles"),
            q("SELECT COUNT(*) FROM claim_checks"),
            q("SELECT COUNT(*) FROM runs"),
            q("SELECT MAX(COALESCE(finished_at, started_at)) FROM runs"),
        )

    def rows(self) -> list[Row]:
        with self._lock:
            now = time.monotonic()
            if self._fingerprint is None or now - self._checked >= self.check_every_s:
                self._checked = now
                current = self.fingerprint()
                if current != self._fingerprint:
                    loaded = load_rows(self.store)
                    # date order (undated last), so filtering keeps the default view sorted
                    loaded.sort(key=lambda r: (r.start is None, r.start or "", r.id))
                    self._rows = loaded
                    self._by_id = {r.id: r for r in self._rows}
                    self._fingerprint = current
            return self._rows

    def row(self, event_id: str) -> Row | None:
        self.rows()
        return self._by_id.get(event_id)

    def select(self, f: Filters, *, dates: bool = True) -> list[Row]:
        """The rows the filters keep, in the view's order (paging is the caller's)."""
        rows = self.rows()
        bare = Filters(sort=f.sort, desc=f.desc, limit=f.limit, offset=f.offset)
        unfiltered = f == bare or (not dates and f == replace(bare, since=f.since, until=f.until))
        kept = list(rows) if unfiltered else [r for r in rows if _keep(r, f, dates=dates)]
        return ordered(kept, f.sort, f.desc)

    def facets(self) -> dict[str, list[str]]:
        """The values the overview's pickers offer, most frequent first for the long lists."""
        rows = self.rows()

        def ranked(values: Iterable[str | None]) -> list[str]:
            counts = Counter(v for v in values if v)
            return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

        return {
            "countries": sorted({r.country for r in rows if r.country}),
            "admin1": ranked(r.admin1 for r in rows),
            "types": sorted({r.event_type for r in rows if r.event_type}),
            "sub_types": sorted({r.sub_type for r in rows if r.sub_type}),
        }


def map_points(rows: Iterable[Row], zoom: int) -> dict[str, Any]:
    """What the map draws: one point per located event when there are few enough, else grid
    cells (about 60 px at this zoom) with their count, fatalities and commonest type, so the
    browser never holds 100k markers. Either way every located event is counted once."""
    located = [r for r in rows if r.lat is not None and r.lon is not None]
    if len(located) <= MAX_POINTS:
        return {
            "mode": "points",
            "located": len(located),
            "points": [
                {"id": r.id, "lat": r.lat, "lon": r.lon, "type": r.event_type,
                 "sub_type": r.sub_type, "killed": r.killed, "precision": r.precision,
                 "place": r.place, "start": r.start}
                for r in located
            ],
        }  # fmt: skip
    size = 360.0 / (2 ** max(0, min(zoom, 18)) * 4)
    cells: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for r in located:
        cells[(int((r.lat + 90) // size), int((r.lon + 180) // size))].append(r)  # type: ignore[operator]
    out = []
    for members in cells.values():
        types = Counter(m.event_type for m in members)
        out.append({
            "lat": round(sum(m.lat for m in members) / len(members), 4),  # type: ignore[misc]
            "lon": round(sum(m.lon for m in members) / len(members), 4),  # type: ignore[misc]
            "n": len(members), "killed": sum(m.killed or 0 for m in members),
            "type": types.most_common(1)[0][0],
        })  # fmt: skip
    return {"mode": "cells", "located": len(located), "cells": out}


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def timeline(rows: Iterable[Row]) -> dict[str, Any]:
    """Events and fatalities per day, or per week (Mondays) when the span passes 120 days.
    Counts by day string first: a store spans a few thousand days, not 100k dates to parse."""
    per_day: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.start:
            cell = per_day[r.start[:10]]
            cell[0] += 1
            cell[1] += r.killed or 0
    if not per_day:
        return {"unit": "day", "bins": []}
    days = {dt.date.fromisoformat(d): v for d, v in per_day.items()}
    first, last = min(days), max(days)
    unit = "week" if (last - first).days > 120 else "day"
    key = _week if unit == "week" else (lambda d: d)
    step = dt.timedelta(days=7 if unit == "week" else 1)
    counts: dict[dt.date, list[int]] = {}
    day = key(first)
    while day <= key(last):
        counts[day] = [0, 0]
        day += step
    for d, (n, killed) in days.items():
        counts[key(d)][0] += n
        counts[key(d)][1] += killed
    bins = [{"start": d.isoformat(), "events": n, "killed": k} for d, (n, k) in counts.items()]
    return {"unit": unit, "bins": bins}


def page(rows: Sequence[Row], f: Filters) -> Iterator[Row]:
    yield from rows[f.offset : f.offset + f.limit]
