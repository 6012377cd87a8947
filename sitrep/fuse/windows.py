"""Day windows per country, overlapping ones merged: what the fuse stage asks the store for.

Both the incremental claim fusion and the document-linking step load "the stored events a
country's days may touch"; merging the windows first keeps that to one store query per run of
days, however many claims or articles asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

__all__ = ["day", "merged_windows"]

FIRST_DAY, LAST_DAY = dt.date.min.toordinal(), dt.date.max.toordinal()


def day(ordinal: int) -> dt.date:
    """The date of a day number, clamped to what ``datetime.date`` can hold: slack around a
    date near year 1 or 9999 (an old store's implausible claim) must widen a window, not raise."""
    return dt.date.fromordinal(min(max(ordinal, FIRST_DAY), LAST_DAY))


def merged_windows(
    spans: Iterable[tuple[str | None, int, int]],
) -> list[tuple[str | None, dt.date, dt.date]]:
    """(country, first day, last day) per run of overlapping or adjacent day spans.

    Example:
        >>> merged_windows([("SYR", 738000, 738002), ("SYR", 738003, 738004)])
        [('SYR', datetime.date(2021, 7, 29), datetime.date(2021, 8, 2))]
    """
    by_country: dict[str | None, list[tuple[int, int]]] = {}
    for country, lo, hi in spans:
        by_country.setdefault(country, []).append((lo, hi))
    out = []
    for country, runs in by_country.items():
        runs.sort()
        lo, hi = runs[0]
        for a, b in runs[1:]:
            if a > hi + 1:
                out.append((country, day(lo), day(hi)))
                lo, hi = a, b
            else:
                hi = max(hi, b)
        out.append((country, day(lo), day(hi)))
    return out
