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
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sitrep.serve.catalog import Row

RECENT_WEEKS = 4
BASELINE_WEEKS = 52
FACTOR = 2.0
MIN_RECENT = 3
SHOWN_WEEKS = 26


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


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


def _series(dated: list[tuple[dt.date, Row]], key: Any, last_week: dt.date) -> list[dict[str, Any]]:
    weeks = [last_week - dt.timedelta(weeks=i) for i in range(SHOWN_WEEKS - 1, -1, -1)]
    recent_from = last_week - dt.timedelta(weeks=RECENT_WEEKS - 1)
    base_from = recent_from - dt.timedelta(weeks=BASELINE_WEEKS)
    groups: dict[tuple[str, ...], dict[str, Any]] = defaultdict(
        lambda: {"events": defaultdict(int), "killed": defaultdict(int), "recent": 0, "base": 0}
    )
    for day, row in dated:
        name = key(row)
        if name is None:
            continue
        week = monday(day)
        g = groups[name]
        g["events"][week] += 1
        g["killed"][week] += row.killed or 0
        if recent_from <= week <= last_week:
            g["recent"] += 1
        elif base_from <= week < recent_from:
            g["base"] += 1
    out = []
    for name, g in groups.items():
        out.append({
            "key": list(name),
            "weeks": [{"start": w.isoformat(), "events": g["events"].get(w, 0),
                       "killed": g["killed"].get(w, 0)} for w in weeks],
            "events": sum(g["events"].values()),
            "killed": sum(g["killed"].values()),
            "recent_events": g["recent"],
            "baseline_weekly": round(g["base"] / BASELINE_WEEKS, 3),
            "surge": is_surge(g["recent"], g["base"]),
        })  # fmt: skip
    out.sort(key=lambda s: (not s["surge"], -s["recent_events"], -s["events"], s["key"]))
    return out


def trends(rows: Iterable[Row]) -> dict[str, Any]:
    """Weekly series by (country, admin1) and by event type, surging series first."""
    dated = [(dt.date.fromisoformat(r.start[:10]), r) for r in rows if r.start]
    if not dated:
        return {"last_week": None, "weeks": [], "by_admin1": [], "by_type": [], "rule": RULE}
    last_week = monday(max(d for d, _ in dated))
    weeks = [
        (last_week - dt.timedelta(weeks=i)).isoformat() for i in range(SHOWN_WEEKS - 1, -1, -1)
    ]
    return {
        "last_week": last_week.isoformat(),
        "weeks": weeks,
        "by_admin1": _series(
            dated, lambda r: (r.country or "?", r.admin1) if r.admin1 else None, last_week
        ),
        "by_type": _series(dated, lambda r: (r.event_type,) if r.event_type else None, last_week),
        "rule": RULE,
    }


RULE = (
    f"A series surges when its last {RECENT_WEEKS} weeks averaged at least {FACTOR:g} times its "
    f"weekly average over the {BASELINE_WEEKS} weeks before, with at least {MIN_RECENT} events "
    f"in those {RECENT_WEEKS} weeks."
)
