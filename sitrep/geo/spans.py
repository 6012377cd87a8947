"""Overlap and containment tests against many character spans in O(log n) each.

Extraction asks, for every toponym or claim of an article, "does this span overlap a source
name, an actor, an armed group's name?". Scanning every such span per question made one
long article cost (toponyms x spans), which grew with the square of its length. Sorted
starts with a running maximum of ends answer both questions exactly with one bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanIndex:
    """A fixed set of half-open spans ``[start, end)``; spans may overlap each other.

    Example:
        >>> idx = SpanIndex([(10, 20), (30, 35)])
        >>> idx.overlaps(18, 25), idx.overlaps(20, 30), idx.contains(31, 35)
        (True, False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        top = -1
        for _, e in ordered:
            top = max(top, e)
            self._max_end.append(top)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``t`` has ``t.start < end and start < t.end``."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether some span ``t`` has ``t.start <= start and end <= t.end``."""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._max_end[i - 1] >= end
