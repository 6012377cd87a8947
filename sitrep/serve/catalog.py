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

import bisect
import datetime as dt
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, overload

import numpy as np

from sitrep.serve.filters import COPY_STATUSES, Filters
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
        (
            eid,
            start,
            end,
            etype,
            country,
            killed,
            n_art,
            n_ind,
            n_conf,
            sub,
            admin1,
            pname,
            ptext,
            lat,
            lon,
            prec,
            a1n,
            a1t,
            a2n,
            a2t,
        ) = r
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


def _codes(values: Sequence[str | None]) -> tuple[np.ndarray, dict[str, int]]:
    """Values as integer codes in sorted order of the values (None: -1), so that comparing
    codes compares the values: one pass in Python when the catalogue loads, then every filter
    and sort is a numpy operation."""
    vocab = {v: i for i, v in enumerate(sorted(v for v in dict.fromkeys(values) if v is not None))}
    lookup: dict[str | None, int] = {**vocab, None: -1}
    return np.fromiter(map(lookup.__getitem__, values), np.int32, len(values)), vocab


def _ordinal(day: str) -> int:
    try:
        return dt.date.fromisoformat(day).toordinal()
    except ValueError:
        return -1


class Columns:
    """The catalogue's rows as numpy arrays, one entry per row in the rows' (date) order.

    A filter is then a handful of vectorised comparisons over 100k entries (well under a
    millisecond each) instead of a Python loop over 100k rows, and the map's cells and the
    timeline are counted with ``bincount``. Built once per store version.
    """

    def __init__(self, rows: Sequence[Row]) -> None:
        n = len(rows)
        self.n = n
        self.country, self.country_codes = _codes([r.country for r in rows])
        self.event_type, self.type_codes = _codes([r.event_type for r in rows])
        self.sub_type, self.sub_type_codes = _codes([r.sub_type for r in rows])
        self.admin1, self.admin1_codes = _codes(
            [r.admin1.lower() if r.admin1 else None for r in rows]
        )
        self.actors, self.actor_codes = _codes([r.actors for r in rows])
        self.status, self.status_codes = _codes([r.status for r in rows])
        self.shown_type, _ = _codes([r.sub_type or r.event_type for r in rows])
        self.place, _ = _codes([r.place.lower() if r.place else None for r in rows])
        bits = {s: 1 << i for i, s in enumerate(COPY_STATUSES)}
        copies = {c: sum(bits.get(x, 0) for x in c) for c in {r.copies for r in rows}}
        self.copies = np.fromiter((copies[r.copies] for r in rows), np.uint8, n)
        numbers = np.array(
            [
                (
                    -1 if r.precision is None else r.precision,
                    r.killed is not None,
                    r.killed or 0,
                    r.n_articles,
                    r.n_independent,
                )
                for r in rows
            ],
            dtype=np.int64,
        ).reshape(n, 5)
        self.precision, self.killed, self.n_articles, self.n_independent = (
            numbers[:, 0].copy(),
            numbers[:, 2].copy(),
            numbers[:, 3].copy(),
            numbers[:, 4].copy(),
        )
        self.killed_known = numbers[:, 1] == 1
        place = np.array([(r.lat, r.lon) for r in rows], dtype=np.float64).reshape(n, 2)
        self.lat, self.lon = place[:, 0].copy(), place[:, 1].copy()  # None becomes NaN
        self.located = ~np.isnan(self.lat) & ~np.isnan(self.lon)
        # Rows come dated first, by their start text: a date range is one slice of them.
        self.starts = [r.start for r in rows if r.start is not None]
        if any(r.start is not None for r in rows[len(self.starts) :]):
            raise ValueError("catalogue rows must come in date order, undated last")
        days: dict[str, int] = {}
        for s in self.starts:
            if s[:10] not in days:
                days[s[:10]] = _ordinal(s[:10])
        self.day = np.fromiter((days[r.start[:10]] if r.start else -1 for r in rows), np.int64, n)
        # Ties in a sort go by (start or "", id): undated rows (by id) first, then the dated
        # ones in the catalogue's order.
        k = len(self.starts)
        pos = np.arange(n)
        self.dated = pos < k
        self.tie = np.where(pos < k, pos + (n - k), pos - k)
        self._orders: dict[tuple[str, bool], np.ndarray] = {}

    def _eq(self, keep: np.ndarray, codes: np.ndarray, vocab: dict[str, int], value: str) -> None:
        code = vocab.get(value)
        if code is None:
            keep[:] = False
        else:
            keep &= codes == code

    def mask(self, f: Filters, *, dates: bool = True) -> np.ndarray:
        """Which rows the filters keep (the dates only when ``dates``)."""
        keep = np.ones(self.n, dtype=bool)
        if f.country:
            self._eq(keep, self.country, self.country_codes, f.country)
        if f.admin1:
            self._eq(keep, self.admin1, self.admin1_codes, f.admin1.lower())
        if f.type:
            self._eq(keep, self.event_type, self.type_codes, f.type)
        if f.sub_type:
            self._eq(keep, self.sub_type, self.sub_type_codes, f.sub_type)
        if f.actor:
            needle = f.actor.lower()
            hits = [code for text, code in self.actor_codes.items() if needle in text]
            keep &= np.isin(self.actors, hits)
        if dates and (f.since or f.until):
            lo, hi = 0, len(self.starts)
            if f.since:
                lo = bisect.bisect_left(self.starts, f.since.isoformat())
            if f.until:
                # start[:10] <= until for every start text that sorts before until + U+FFFF
                hi = bisect.bisect_right(self.starts, f.until.isoformat() + "\uffff")
            keep[:lo] = False
            keep[max(hi, lo) :] = False
        if f.min_killed is not None:
            keep &= self.killed >= f.min_killed
        if f.min_independent is not None:
            keep &= self.n_independent >= f.min_independent
        if f.status:
            self._eq(keep, self.status, self.status_codes, f.status)
        if f.copy_status:
            keep &= (self.copies & (1 << COPY_STATUSES.index(f.copy_status))) != 0
        if f.precision is not None:
            keep &= self.precision == f.precision
        return keep

    def order(self, sort: str, desc: bool) -> np.ndarray:
        """Every row's position in one column's order (ties by date, then id; unknown values
        last either way), computed once per column and direction."""
        if (sort, desc) not in self._orders:
            value, known = {
                "killed": (self.killed, self.killed_known),
                "reports": (self.n_articles, None),
                "independent": (self.n_independent, None),
                "country": (self.country, self.country >= 0),
                "admin1": (self.admin1, self.admin1 >= 0),
                "type": (self.shown_type, self.shown_type >= 0),
                "place": (self.place, self.place >= 0),
                "date": (np.arange(self.n), self.dated),
            }[sort]
            have = np.arange(self.n) if known is None else np.flatnonzero(known)
            ranked = have[np.lexsort((self.tie[have], value[have]))]
            if desc:
                ranked = ranked[::-1]
            rest = np.array([], dtype=np.int64) if known is None else np.flatnonzero(~known)
            self._orders[(sort, desc)] = np.concatenate([ranked, rest])
        return self._orders[(sort, desc)]


class Selection(Sequence[Row]):
    """The rows one view keeps, in its order: indexes into the catalogue, rows made on demand
    (a page of 50 needs 50 rows, not 100k)."""

    def __init__(self, rows: Sequence[Row], columns: Columns, index: np.ndarray) -> None:
        self._rows = rows
        self.columns = columns
        self.index = index

    def __len__(self) -> int:
        return len(self.index)

    @overload
    def __getitem__(self, i: int) -> Row: ...
    @overload
    def __getitem__(self, i: slice) -> list[Row]: ...
    def __getitem__(self, i: int | slice) -> Row | list[Row]:
        if isinstance(i, slice):
            return [self._rows[j] for j in self.index[i].tolist()]
        return self._rows[int(self.index[i])]

    def __iter__(self) -> Iterator[Row]:
        rows = self._rows
        return (rows[j] for j in self.index.tolist())

    def take(self, index: np.ndarray) -> Selection:
        """These rows (indexes into the catalogue) as a selection over the same catalogue."""
        return Selection(self._rows, self.columns, index)

    def ids(self) -> list[str]:
        rows = self._rows
        return [rows[j].id for j in self.index.tolist()]

    def located(self) -> int:
        return int(np.count_nonzero(self.columns.located[self.index]))

    def killed(self) -> int:
        return int(self.columns.killed[self.index].sum())


class Catalog:
    """The rows of one store, kept current; every public method is safe across threads.

    Besides the rows it keeps their ``Columns``, the pickers' values, and a cache of what a
    view computes (its map, timeline, trends), keyed by the view and emptied whenever the store
    changes: the overview asks for the same aggregates on every reload. The cache is bounded by
    the number of items it holds (points, cells, bins, weekly counts), not of entries, since
    one unfiltered trends of 100k events holds hundreds of thousands of them.
    """

    CACHE_ITEMS = 400_000

    def __init__(self, store: Store, check_every_s: float = CHECK_EVERY_S) -> None:
        self.store = store
        self.check_every_s = check_every_s
        self._lock = threading.RLock()
        self._rows: list[Row] = []
        self._columns = Columns([])
        self._by_id: dict[str, Row] = {}
        self._fingerprint: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._cache: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._cached_items = 0
        self._facets: dict[str, list[str]] = {}

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
                    self._columns = Columns(loaded)
                    self._by_id = {r.id: r for r in self._rows}
                    self._cache.clear()
                    self._cached_items = 0
                    # every overview shows the pickers: their values come with the load
                    self._facets = self._facet_values()
                    self._fingerprint = current
            return self._rows

    def row(self, event_id: str) -> Row | None:
        self.rows()
        return self._by_id.get(event_id)

    def select(self, f: Filters, *, dates: bool = True) -> Selection:
        """The rows the filters keep, in the view's order (paging is the caller's)."""
        with self._lock:
            rows, columns = self.rows(), self._columns
        order = columns.order(f.sort, f.desc) if (f.sort, f.desc) != ("date", False) else None
        view = f.selection_only(dates=dates)
        if view == Filters():
            index = np.arange(len(rows)) if order is None else order
        else:
            keep = columns.mask(view)
            index = np.flatnonzero(keep) if order is None else order[keep[order]]
        return Selection(rows, columns, index)

    def cached(
        self, kind: str, key: Hashable, compute: Callable[[], Any], items: Callable[[Any], int]
    ) -> Any:
        """``compute()`` once per (kind, key) and store version; ``items`` tells how big a
        value is, and the least recently used values go once the cache holds too many."""
        with self._lock:
            self.rows()
            full = (kind, key)
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full][0]
            value = compute()
            size = items(value)
            if size <= self.CACHE_ITEMS:
                self._cache[full] = (value, size)
                self._cached_items += size
                while self._cached_items > self.CACHE_ITEMS:
                    _, (_, dropped) = self._cache.popitem(last=False)
                    self._cached_items -= dropped
            return value

    def facets(self) -> dict[str, list[str]]:
        """The values the overview's pickers offer, most frequent first for the long lists."""
        with self._lock:
            self.rows()
            return self._facets

    def _facet_values(self) -> dict[str, list[str]]:
        columns = self._columns
        admin1 = Counter(map(attrgetter("admin1"), self._rows))  # counted in C, not per row
        admin1.pop(None, None)
        return {
            "countries": [v for v in columns.country_codes if v],  # the codes' keys are sorted
            "admin1": [v for v, _ in sorted(admin1.items(), key=lambda kv: (-kv[1], kv[0])) if v],
            "types": [v for v in columns.type_codes if v],
            "sub_types": [v for v in columns.sub_type_codes if v],
        }

    def map_points(self, f: Filters, zoom: int) -> dict[str, Any]:
        """``map_points`` of a view, cached (paging and order do not change the map)."""
        view = f.selection_only()
        zoom = max(0, min(zoom, 18))
        return self.cached(  # type: ignore[no-any-return]
            "map",
            (view, zoom),
            lambda: map_points(self.select(view), zoom),
            lambda m: 1 + len(m.get("points") or m.get("cells") or ()),
        )

    def timeline(self, f: Filters) -> dict[str, Any]:
        """``timeline`` of a view under every filter but its dates, cached."""
        view = f.selection_only(dates=False)
        return self.cached(  # type: ignore[no-any-return]
            "timeline", view, lambda: timeline(self.select(view)), lambda t: 1 + len(t["bins"])
        )


def map_points(rows: Selection, zoom: int) -> dict[str, Any]:
    """What the map draws: one point per located event when there are few enough, else grid
    cells (about 60 px at this zoom) with their count, fatalities and commonest type (ties:
    the first type by name), so the browser never holds 100k markers. Either way every
    located event is counted once."""
    c = rows.columns
    index = rows.index[c.located[rows.index]]
    if len(index) <= MAX_POINTS:
        located = rows.take(index)
        return {
            "mode": "points",
            "located": len(index),
            "points": [
                {
                    "id": r.id,
                    "lat": r.lat,
                    "lon": r.lon,
                    "type": r.event_type,
                    "sub_type": r.sub_type,
                    "killed": r.killed,
                    "precision": r.precision,
                    "place": r.place,
                    "start": r.start,
                }
                for r in located
            ],
        }
    size = 360.0 / (2 ** max(0, min(zoom, 18)) * 4)
    lat, lon = c.lat[index], c.lon[index]
    i = np.floor_divide(lat + 90, size).astype(np.int64)
    j = np.floor_divide(lon + 180, size).astype(np.int64)
    keys, first, cell = np.unique((i << 24) + j, return_index=True, return_inverse=True)
    cell = cell.reshape(-1)
    n = np.bincount(cell, minlength=len(keys))
    lat_mean = np.bincount(cell, lat, len(keys)) / n
    lon_mean = np.bincount(cell, lon, len(keys)) / n
    killed = np.rint(np.bincount(cell, c.killed[index], len(keys))).astype(np.int64).tolist()
    names = [None, *c.type_codes]  # code + 1: None first, then by name
    width = len(names)
    by_type = np.bincount(cell * width + c.event_type[index] + 1, minlength=len(keys) * width)
    commonest = by_type.reshape(len(keys), width).argmax(axis=1)
    out = [
        {
            "lat": round(float(lat_mean[k]), 4),
            "lon": round(float(lon_mean[k]), 4),
            "n": int(n[k]),
            "killed": killed[k],
            "type": names[int(commonest[k])],
        }
        for k in np.argsort(first, kind="stable").tolist()  # first seen first, as before
    ]
    return {"mode": "cells", "located": len(index), "cells": out}


def timeline(rows: Selection) -> dict[str, Any]:
    """Events and fatalities per day, or per week (Mondays) when the span passes 120 days,
    counted with ``bincount`` over day numbers."""
    c = rows.columns
    index = rows.index[c.day[rows.index] >= 0]
    if not len(index):
        return {"unit": "day", "bins": []}
    days, killed = c.day[index], c.killed[index]
    first, last = int(days.min()), int(days.max())
    unit = "week" if last - first > 120 else "day"
    step = 7 if unit == "week" else 1
    if unit == "week":  # ordinal 1 (0001-01-01) was a Monday
        days = days - (days - 1) % 7
        first -= (first - 1) % 7
        last -= (last - 1) % 7
    slot = (days - first) // step
    size = (last - first) // step + 1
    events = np.bincount(slot, minlength=size)
    deaths = np.rint(np.bincount(slot, killed, size)).astype(np.int64).tolist()
    counts = events.tolist()
    bins = [
        {
            "start": dt.date.fromordinal(first + k * step).isoformat(),
            "events": counts[k],
            "killed": deaths[k],
        }
        for k in range(size)
    ]
    return {"unit": unit, "bins": bins}
