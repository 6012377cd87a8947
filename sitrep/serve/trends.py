"""Weekly events and fatalities by admin1 and by event type, with a surge flag.

The surge rule (also shown on the page):

    A series (one admin1 of one country, or one event type) surges when, over the last four
    complete-or-current weeks up to the store's latest event, it averaged at least twice its
    weekly average over the 52 weeks before them, and had at least 3 events in those four
    weeks. A series with no event in the previous year surges once it has 3 events in the
    last four weeks.

Why this rule: it is the plain reading of "the last four weeks exceed the previous year's
weekly level", doubled so that ordinary week-to-week noise does not flag, and the floor of 3
events keeps one or two reports in a quiet place from raising an alarm. Weeks start on
Monday; undated events are left out.

The counts are numpy ``bincount``s over the catalogue's columns: a 100k-event store takes
tens of milliseconds rather than seconds of Python per row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from sitrep.serve.catalog import Selection

RECENT_WEEKS = 4
BASELINE_WEEKS = 52
FACTOR = 2.0
MIN_RECENT = 3
SHOWN_WEEKS = 26


def is_surge(recent: int, baseline: int) -> bool:
    """The rule above, on event counts: ``recent`` in the last 4 weeks, ``baseline`` in the
    52 weeks before.

    Example:
        >>> is_surge(8, 52)  # 2 a week against 1 a week
        True
        >>> is_surge(2, 0)
        False
    """
    if recent < MIN_RECENT:
        return False
    return recent / RECENT_WEEKS >= FACTOR * (baseline / BASELINE_WEEKS)


def _series(
    rows: Selection,
    index: np.ndarray,
    names: list[tuple[str, ...]],
    group: np.ndarray,
    week: np.ndarray,
    last_week: int,
) -> list[dict[str, Any]]:
    """One series per name: ``group`` gives each row's name (an index into ``names``, -1:
    in no series) and ``week`` its Monday's day number. Counted with ``bincount``."""
    weeks = [
        dt.date.fromordinal(last_week - 7 * i).isoformat() for i in range(SHOWN_WEEKS - 1, -1, -1)
    ]
    keep = group >= 0
    group, week, killed = group[keep], week[keep], rows.columns.killed[index][keep]
    back = (last_week - week) // 7  # 0: the last week, 1: the one before, ...
    n = len(names)
    events = np.bincount(group, minlength=n).tolist()
    deaths = np.bincount(group, killed, n).round().astype(np.int64).tolist()
    recent = np.bincount(group[back < RECENT_WEEKS], minlength=n).tolist()
    before = (back >= RECENT_WEEKS) & (back < RECENT_WEEKS + BASELINE_WEEKS)
    base = np.bincount(group[before], minlength=n).tolist()
    shown = back < SHOWN_WEEKS
    cell = group[shown] * SHOWN_WEEKS + (SHOWN_WEEKS - 1 - back[shown])
    w_events = np.bincount(cell, minlength=n * SHOWN_WEEKS).reshape(n, SHOWN_WEEKS).tolist()
    w_killed = (
        np.bincount(cell, killed[shown], n * SHOWN_WEEKS)
        .round()
        .astype(np.int64)
        .reshape(n, SHOWN_WEEKS)
        .tolist()
    )
    out = []
    for g, name in enumerate(names):
        if not events[g]:
            continue
        out.append(
            {
                "key": list(name),
                "weeks": [
                    {"start": w, "events": e, "killed": k}
                    for w, e, k in zip(weeks, w_events[g], w_killed[g], strict=True)
                ],
                "events": events[g],
                "killed": deaths[g],
                "recent_events": recent[g],
                "baseline_weekly": round(base[g] / BASELINE_WEEKS, 3),
                "surge": is_surge(recent[g], base[g]),
            }
        )
    out.sort(key=lambda s: (not s["surge"], -s["recent_events"], -s["events"], s["key"]))
    return out


def _groups(values: list[tuple[str, ...] | None]) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Distinct names (None: no series) and each value's index among them."""
    names = [v for v in dict.fromkeys(values) if v is not None]
    lookup: dict[tuple[str, ...] | None, int] = {v: i for i, v in enumerate(names)}
    lookup[None] = -1
    return names, np.fromiter(map(lookup.__getitem__, values), np.int64, len(values))


def trends(rows: Selection) -> dict[str, Any]:
    """Weekly series by (country, admin1) and by event type, surging series first."""
    c = rows.columns
    index = rows.index[c.day[rows.index] >= 0]  # undated events are left out
    if not len(index):
        return {"last_week": None, "weeks": [], "by_admin1": [], "by_type": [], "rule": RULE}
    day = c.day[index]
    week = day - (day - 1) % 7  # day 1 (0001-01-01) was a Monday
    last_week = int(week.max())
    weeks = [
        dt.date.fromordinal(last_week - 7 * i).isoformat() for i in range(SHOWN_WEEKS - 1, -1, -1)
    ]
    picked = rows.take(index)
    places, by_place = _groups([(r.country or "?", r.admin1) if r.admin1 else None for r in picked])
    types, by_type = _groups([(r.event_type,) if r.event_type else None for r in picked])
    return {
        "last_week": dt.date.fromordinal(last_week).isoformat(),
        "weeks": weeks,
        "by_admin1": _series(rows, index, places, by_place, week, last_week),
        "by_type": _series(rows, index, types, by_type, week, last_week),
        "rule": RULE,
    }


RULE = (
    f"A series surges when its last {RECENT_WEEKS} weeks averaged at least {FACTOR:g} times its "
    f"weekly average over the {BASELINE_WEEKS} weeks before, with at least {MIN_RECENT} events "
    f"in those {RECENT_WEEKS} weeks."
)
