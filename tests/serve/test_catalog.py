"""The catalogue's vectorised filters, sorts, map cells and timeline against plain Python
versions of the same rules, on random rows with every kind of missing value."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter, defaultdict
from typing import Any

import pytest

from sitrep.serve.catalog import Columns, Row, Selection, map_points, timeline
from sitrep.serve.filters import COPY_STATUSES, SORTS, STATUSES, Filters
from sitrep.serve.trends import (
    BASELINE_WEEKS,
    RECENT_WEEKS,
    SHOWN_WEEKS,
    is_surge,
    trends,
)

COUNTRIES = ["SYR", "NGA", "UKR", None]
TYPES = ["Battles", "Protests", "Riots", None]
SUBS = ["Armed clash", "Peaceful protest", None]
ADMIN1 = ["North", "north", "South", "", None]
ACTORS = ["military forces of syria", "police forces | protesters", "", "rebels"]


def random_rows(n: int, seed: int) -> list[Row]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        dated = rng.random() > 0.1
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(400))
        start = (day.isoformat() + ("T10:00" if rng.random() < 0.05 else "")) if dated else None
        located = rng.random() > 0.2
        rows.append(
            Row(
                id=f"e{rng.randrange(10**6):06d}{i}",
                start=start,
                end=start,
                event_type=rng.choice(TYPES),
                sub_type=rng.choice(SUBS),
                country=rng.choice(COUNTRIES),
                admin1=rng.choice(ADMIN1),
                place=rng.choice(["Hilltown", "rivertown", "Ab", None]),
                lat=rng.uniform(-40, 60) if located else None,
                lon=rng.uniform(-20, 120) if located else None,
                precision=rng.choice((1, 2, 3, None)),
                actor1=None,
                actors=rng.choice(ACTORS),
                killed=rng.choice((None, 0, 1, 3, 7, 40)),
                n_articles=rng.randint(1, 5),
                n_independent=rng.randint(0, 3),
                n_conflicts=0,
                status=rng.choice([*STATUSES, None]),
                copies=frozenset(rng.sample(COPY_STATUSES, rng.randint(0, 2))),
            )
        )
    rows.sort(key=lambda r: (r.start is None, r.start or "", r.id))
    return rows


def keep(row: Row, f: Filters, dates: bool = True) -> bool:
    """The filter rules one row at a time, as the catalogue first had them."""
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
    value = SORT_VALUES[sort]
    known = [r for r in rows if value(r) is not None]
    unknown = [r for r in rows if value(r) is None]
    known.sort(key=lambda r: (value(r), r.start or "", r.id), reverse=desc)
    unknown.sort(key=lambda r: (r.start is None, r.start or "", r.id))
    return known + unknown


def random_filters(rng: random.Random) -> Filters:
    def maybe(values: list[Any]) -> Any:
        return rng.choice(values) if rng.random() < 0.3 else None

    since = maybe([dt.date(2023, 3, 1), dt.date(2023, 6, 15), dt.date(2025, 1, 1)])
    until = maybe([dt.date(2023, 3, 1), dt.date(2023, 9, 30), dt.date(2022, 1, 1)])
    if since and until and since > until:
        since, until = until, since
    return Filters(
        country=maybe(["SYR", "NGA", "FRA"]),
        admin1=maybe(["NORTH", "south", "West"]),
        type=maybe(TYPES[:3]),
        sub_type=maybe(SUBS[:2]),
        actor=maybe(["forces", "POL", "zzz"]),
        since=since,
        until=until,
        min_killed=maybe([0, 1, 5]),
        min_independent=maybe([1, 2]),
        status=maybe(list(STATUSES)),
        copy_status=maybe(list(COPY_STATUSES)),
        precision=maybe([1, 2, 3]),
        sort=rng.choice(SORTS),
        desc=rng.random() < 0.5,
    )


def select(rows: list[Row], columns: Columns, f: Filters, dates: bool = True) -> Selection:
    index = columns.order(f.sort, f.desc)
    mask = columns.mask(f.selection_only(dates=dates))
    return Selection(rows, columns, index[mask[index]])


@pytest.mark.parametrize("seed", range(3))
def test_filters_and_sorts_match_the_row_rules(seed: int) -> None:
    rows = random_rows(600, seed)
    columns = Columns(rows)
    rng = random.Random(seed)
    kept = 0
    for _ in range(300):
        f = random_filters(rng)
        expected = ordered([r for r in rows if keep(r, f)], f.sort, f.desc)
        got = select(rows, columns, f)
        assert [r.id for r in got] == [r.id for r in expected], f
        kept += bool(expected)
        assert got.killed() == sum(r.killed or 0 for r in expected)
        assert got.located() == sum(1 for r in expected if r.lat is not None)
    assert kept > 100  # most views keep something, so the orders are compared too


def test_timeline_matches_counting_by_day_and_week() -> None:
    rows = random_rows(800, 5)
    columns = Columns(rows)
    for f in (
        Filters(),
        Filters(country="SYR"),
        Filters(since=dt.date(2023, 2, 1), until=dt.date(2023, 3, 1)),
    ):
        picked = [r for r in rows if keep(r, f)]
        got = timeline(select(rows, columns, f))
        per: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
        days = [dt.date.fromisoformat(r.start[:10]) for r in picked if r.start]
        unit = "week" if (max(days) - min(days)).days > 120 else "day"
        assert got["unit"] == unit
        for r in picked:
            if r.start:
                day = dt.date.fromisoformat(r.start[:10])
                if unit == "week":
                    day -= dt.timedelta(days=day.weekday())
                per[day][0] += 1
                per[day][1] += r.killed or 0
        bins = {dt.date.fromisoformat(b["start"]): [b["events"], b["killed"]] for b in got["bins"]}
        assert {d: v for d, v in bins.items() if v != [0, 0]} == dict(per)
        step = 7 if unit == "week" else 1
        starts = sorted(bins)
        assert all((b - a).days == step for a, b in itertools.pairwise(starts))


def test_map_cells_count_every_located_event_once() -> None:
    rows = random_rows(5000, 9)
    columns = Columns(rows)
    sel = select(rows, columns, Filters())
    located = [r for r in rows if r.lat is not None]
    assert len(located) > 3000  # cells, not points
    for zoom in (0, 3, 7):
        got = map_points(sel, zoom)
        assert got["mode"] == "cells" and got["located"] == len(located)
        assert sum(c["n"] for c in got["cells"]) == len(located)
        assert sum(c["killed"] for c in got["cells"]) == sum(r.killed or 0 for r in located)
        size = 360.0 / (2**zoom * 4)
        cells: dict[tuple[int, int], list[Row]] = defaultdict(list)
        for r in located:
            cells[(int((r.lat + 90) // size), int((r.lon + 180) // size))].append(r)  # type: ignore[operator]
        assert len(got["cells"]) == len(cells)
        for want, cell in zip(cells.values(), got["cells"], strict=True):  # first seen first
            assert cell["n"] == len(want)
            assert cell["lat"] == pytest.approx(sum(r.lat for r in want) / len(want), abs=1e-4)  # type: ignore[misc]
            counts = Counter(r.event_type for r in want)
            assert counts[cell["type"]] == max(counts.values())


def test_few_located_events_are_points() -> None:
    rows = random_rows(200, 2)
    got = map_points(select(rows, Columns(rows), Filters(type="Battles")), 5)
    assert got["mode"] == "points"
    assert [p["id"] for p in got["points"]] == [
        r.id for r in rows if r.event_type == "Battles" and r.lat is not None
    ]


def reference_series(
    dated: list[tuple[dt.date, Row]], key: Any, last_week: dt.date
) -> list[dict[str, Any]]:
    """The trends' series counted one row at a time."""
    weeks = [last_week - dt.timedelta(weeks=i) for i in range(SHOWN_WEEKS - 1, -1, -1)]
    recent_from = last_week - dt.timedelta(weeks=RECENT_WEEKS - 1)
    base_from = recent_from - dt.timedelta(weeks=BASELINE_WEEKS)
    groups: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {"events": Counter(), "killed": Counter(), "recent": 0, "base": 0}
    )
    for day, row in dated:
        name = key(row)
        if name is None:
            continue
        week = day - dt.timedelta(days=day.weekday())
        g = groups[name]
        g["events"][week] += 1
        g["killed"][week] += row.killed or 0
        if recent_from <= week <= last_week:
            g["recent"] += 1
        elif base_from <= week < recent_from:
            g["base"] += 1
    out = [
        {
            "key": list(name),
            "weeks": [
                {"start": w.isoformat(), "events": g["events"][w], "killed": g["killed"][w]}
                for w in weeks
            ],
            "events": sum(g["events"].values()),
            "killed": sum(g["killed"].values()),
            "recent_events": g["recent"],
            "baseline_weekly": round(g["base"] / BASELINE_WEEKS, 3),
            "surge": is_surge(g["recent"], g["base"]),
        }
        for name, g in groups.items()
    ]
    out.sort(key=lambda s: (not s["surge"], -s["recent_events"], -s["events"], s["key"]))
    return out


@pytest.mark.parametrize("seed", range(2))
def test_trends_match_counting_row_by_row(seed: int) -> None:
    rows = random_rows(3000, seed)
    # a surge: a burst of events in one place in the last weeks
    last = max(r.start[:10] for r in rows if r.start)
    burst = [
        Row(
            id=f"z{i}",
            start=last,
            end=last,
            event_type="Riots",
            sub_type=None,
            country="UKR",
            admin1="East",
            place=None,
            lat=None,
            lon=None,
            precision=None,
            actor1=None,
            actors="",
            killed=i % 3,
            n_articles=1,
            n_independent=1,
            n_conflicts=0,
        )
        for i in range(12)
    ]
    rows = sorted(rows + burst, key=lambda r: (r.start is None, r.start or "", r.id))
    columns = Columns(rows)
    for f in (Filters(), Filters(country="SYR"), Filters(type="Riots")):
        picked = [r for r in rows if keep(r, f)]
        got = trends(select(rows, columns, f))
        dated = [(dt.date.fromisoformat(r.start[:10]), r) for r in picked if r.start]
        last_week = max(d for d, _ in dated)
        last_week -= dt.timedelta(days=last_week.weekday())
        assert got["last_week"] == last_week.isoformat()
        assert got["by_admin1"] == reference_series(
            dated, lambda r: (r.country or "?", r.admin1) if r.admin1 else None, last_week
        )
        assert got["by_type"] == reference_series(
            dated, lambda r: (r.event_type,) if r.event_type else None, last_week
        )
    assert any(s["surge"] for s in trends(select(rows, columns, Filters()))["by_admin1"])


def test_trends_without_dated_events() -> None:
    rows = [r for r in random_rows(50, 1) if r.start is None]
    assert trends(select(rows, Columns(rows), Filters()))["by_admin1"] == []
