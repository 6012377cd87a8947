"""A second look after claim-by-claim fusion: two events that are one incident are merged.

Claims are assigned one at a time, so the first reports of an incident can found two events
before a report that would bridge them arrives (three outlets on the Vinnytsia strike, each
joining whichever of two same-day events it met first). Two events are one incident when
they name the same town (one gazetteer place, or points within ``SAME_SPOT_KM``), the days
most of their reports give are at most a day apart, their most told sub-event types are one,
their death tolls are not far apart (every toll of one under a fifth of every toll of the
other is far), and no article tells both: an article that reports two strikes on one town
and day has told them apart. An event placed by the name of a first-level division ("in
Idlib": the city and the governorate) joins the one event of that division's towns it may
be, of the same day and type family (``names_division_of``), or the events it may be when
they all lie at one town (two gazetteer entries of it). Events with no date at all, placed
only at their country, merge when their reports write one town's name the gazetteer could
not resolve, with one type (or both deadly) and tolls not far apart. An event placed only at
its country joins the one event of its day and sub-type placed at a town (failing one, at a
province) in that country ("missiles struck an air base in Syria on Monday"); one placed at a
province, the one of its towns. An event dated only by a year or month
at a town ("the chemical attack on Khan Sheikhoun last year"), or by the days before a day
("days after the truck bombing"), joins the one dated event of its sub-type there in that
window (in a week's window, of its type family); fighting, which goes on for weeks at a town,
never does.
An event of pages with no date that write a day without its year ("early on July 29") joins
the event of that day at its town, of one type family: the only one, or among several at
that town the one told by twice as many articles as any other. An operation told as resumed
("the evacuation of eastern Aleppo resumed on Monday") joins the one event of its sub-type at
its town in the two weeks before (never fighting, every day of which is an event).
Every pair is judged on the events as the claims built them, and merged groups take the
smallest id, so the outcome does not depend on order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from sitrep.extract.event_typing import TERRITORY, TRANSFERS
from sitrep.fuse.cluster import Summary, days_meet, km, same_spot
from sitrep.fuse.features import lethal, place_words
from sitrep.vocab import countries, story_links

__all__ = ["SAME_SPOT_KM", "merge_groups", "same_incident"]

SAME_SPOT_KM = 2.0
ONE_TOWN_KM = 10.0  # two gazetteer entries of one town lie closer than this
FAR_TOLL_RATIO = 0.2  # the lower toll under this share of the higher: two incidents
# Fighting goes on for weeks at one town: a year or month told of a battle there ("the siege of
# Mariupol in May") is no one incident to find again, unlike a bombing or a massacre.
_ONGOING = frozenset(
    {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
)


def _top(counts: Counter) -> Any:
    """The most told value (the smallest among equals): an event's day and sub-type as most
    of its reports give them, not a stray background sentence's."""
    best = max(counts.values())
    return min(k for k, n in counts.items() if n == best)


def _towns(s: Summary) -> list[tuple[tuple[float, float], str | None]]:
    return list(s.points)


def same_incident(a: Summary, b: Summary) -> bool:
    """One town, one day, one sub-type, tolls not far apart, and no article telling both: on
    the same day, an article whose claim in one of them has no fact of its own, or only a
    country for a place ("no excuses left for the killing of children in Yemen"), tells
    nothing apart (a day apart it still does: shelling told day after day at one town would
    chain into one event)."""
    if not _close(a, b) or not a.points or not b.points:
        return False
    same_day = _top(a.days) == _top(b.days)
    if (a.telling & b.telling) if same_day else (a.articles & b.articles):
        return False
    if _other_ground(a, b):
        return False
    return (_same_sub(a, b) or _same_ground(a, b)) and same_spot(_towns(a), _towns(b), SAME_SPOT_KM)


def _same_ground(a: Summary, b: Summary) -> bool:
    """Ground changing hands at one place on one day, told as taken by one report and as
    given up by another ("the army captured Sakhour", "rebels withdrew from Sakhour")."""
    if not (a.subs and b.subs and a.days and b.days):
        return False
    return _top(a.subs) in TRANSFERS and _top(b.subs) in TRANSFERS and _top(a.days) == _top(b.days)


def _other_ground(a: Summary, b: Summary) -> bool:
    """Ground taken on other days at other places (two quarters of a city a day apart): an
    offensive takes a quarter a day, each its own event, however close the quarters."""
    if not (a.subs and b.subs) or _top(a.subs) not in TERRITORY or not (a.days and b.days):
        return False
    if _top(a.days) == _top(b.days):
        return False
    ga, gb = {g for _, g in a.points if g}, {g for _, g in b.points if g}
    return bool(ga) and bool(gb) and not ga & gb


WEEK_WINDOW_DAYS = 7


def _same_sub(a: Summary, b: Summary) -> bool:
    """The sub-type most of each event's reports give is one; an event whose claims all took
    their type from their story has none of its own, so it matches none."""
    return bool(a.subs) and bool(b.subs) and _top(a.subs) == _top(b.subs)


def _close(a: Summary, b: Summary) -> bool:
    """What any merge needs: one country, the days most reports give at most a day apart, and
    tolls not far apart."""
    if a.country != b.country or not a.days or not b.days:
        return False
    if abs(_top(a.days) - _top(b.days)) > 1:
        return False
    if not _named_days_meet(a, b):
        return False
    return _tolls_close(a, b)


def _named_days_meet(a: Summary, b: Summary) -> bool:
    """Whether two events' reports name days of violence that can be one (``days_meet``)."""
    if not (a.named_days or a.night_days) or not (b.named_days or b.night_days):
        return True
    return any(days_meet(d, False, b.named_days, b.night_days) for d in a.named_days) or any(
        days_meet(d, True, b.named_days, b.night_days) for d in a.night_days
    )


def _tolls_close(a: Summary, b: Summary) -> bool:
    """Far apart only when every toll of one is under a fifth of every toll of the other:
    one stray figure ("one person was killed in that attack") must not split a strike."""
    if a.killed and b.killed:
        for x, y in ((a.killed, b.killed), (b.killed, a.killed)):
            if max(x) < FAR_TOLL_RATIO * min(y):
                return False
    return True


def names_division_of(a: Summary, b: Summary) -> bool:
    """Event ``a`` is placed by the name of ``b``'s first-level division ("in Idlib", a city
    and its governorate) and both are violence of one day: reports of the Khan Shaykhun
    attack that say "in Idlib" found an event at the city, 60 km from the town. An article
    telling both is no bar here: it names the attack by its town and by its province."""
    if not _close(a, b) or not (a.families & b.families) or not b.points:
        return False
    if _other_days_other_kind(a, b):
        return False
    return any(pw == place_words(adm) for pw in a.place_words for adm in b.admin1 if adm)


def _other_days_other_kind(a: Summary, b: Summary) -> bool:
    """Both name their days, no day of one is a day of the other, and no sub-type of one is
    the other's: a bomb in Donetsk "late on Sunday" and shelling in the province on Monday
    meet by the night's slack, but are two incidents."""
    days_a, days_b = a.told_days(), b.told_days()
    return bool(days_a and days_b and not days_a & days_b and not set(a.subs) & set(b.subs))


def _one_town(events: Sequence[Summary]) -> bool:
    """Every pair of the events has points within ``ONE_TOWN_KM`` of each other."""
    return all(
        any(km(pa, pb) <= ONE_TOWN_KM for pa, _ in x.points for pb, _ in y.points)
        for i, x in enumerate(events)
        for y in events[i + 1 :]
    )


class _SpotIndex:
    """Dated events by where they lie (gazetteer id, and a grid of cells a little wider than
    ``SAME_SPOT_KM``), so a rule that looks for events at an event's town reads the few
    nearby, not every event of the country. With ``main`` only the points of an event's
    most told place are indexed."""

    CELL = 0.05  # degrees: 5.5 km of latitude

    def __init__(self, events: Sequence[Summary], *, main: bool) -> None:
        self._by_gid: dict[str, list[Summary]] = {}
        self._by_cell: dict[tuple[int, int], list[Summary]] = {}
        for s in events:
            for (lat, lon), gid in _main_town(s) if main else s.points:
                if gid is not None:
                    self._by_gid.setdefault(gid, []).append(s)
                self._by_cell.setdefault(self._cell(lat, lon), []).append(s)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def near(self, a: Summary) -> list[Summary]:
        """The indexed events of ``a``'s country that may lie at one of ``a``'s points (a
        superset: the rules test the distance themselves), in id order."""
        found: dict[str, Summary] = {}
        for (lat, lon), gid in a.points:
            for s in self._by_gid.get(gid, ()) if gid is not None else ():
                found[s.id] = s
            row, col = self._cell(lat, lon)
            # a cell is narrower east-west away from the equator: look far enough to cover it
            cos = max(math.cos(math.radians(lat)), 0.01)
            span = math.ceil(SAME_SPOT_KM / (111.0 * self.CELL * cos))
            for dr in (-1, 0, 1):
                for dc in range(-span, span + 1):
                    for s in self._by_cell.get((row + dr, col + dc), ()):
                        found[s.id] = s
        return [found[k] for k in sorted(found) if found[k].country == a.country]


class _Groups:
    """Union-find over event ids; a merged group takes its smallest id."""

    def __init__(self, summaries: Sequence[Summary]) -> None:
        self.parent = {s.id: s.id for s in summaries}

    def root(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def others(self, a: Summary, fitting: Sequence[Summary]) -> set[str]:
        """The groups other than ``a``'s that the fitting events make up."""
        return {self.root(b.id) for b in fitting} - {self.root(a.id)}

    def only_other(self, a: Summary, fitting: Sequence[Summary]) -> str | None:
        """The one group other than ``a``'s that the fitting events make up, if one."""
        fits = self.others(a, fitting)
        return fits.pop() if len(fits) == 1 else None

    def merged(self) -> dict[str, str]:
        return {x: self.root(x) for x in self.parent if self.root(x) != x}


Blocks = dict[tuple[str | None, int], list[Summary]]


def merge_groups(summaries: Sequence[Summary]) -> dict[str, str]:
    """event id -> the id it merges into (only for events that merge)."""
    by_block: Blocks = {}
    for s in summaries:
        for day in set(s.days):
            by_block.setdefault((s.country, day), []).append(s)
    ordered = sorted(summaries, key=lambda s: s.id)
    groups = _Groups(summaries)
    _same_incidents(ordered, by_block, groups)
    _division_names(ordered, by_block, groups)
    _country_only(ordered, by_block, groups)
    dated = [s for s in ordered if s.days and s.points]
    _coarse_dates(ordered, _SpotIndex(dated, main=True), groups)
    _yearless_days(ordered, _SpotIndex(dated, main=False), groups)
    _unresolved_towns(ordered, groups)
    _resumed(ordered, _SpotIndex(dated, main=False), groups)
    return groups.merged()


def _near(a: Summary, by_block: Blocks, days: Sequence[int]) -> list[Summary]:
    """The other events of ``a``'s country on ``days`` or a day either side, in id order."""
    found = {
        b.id: b
        for d in days
        for day in (d - 1, d, d + 1)
        for b in by_block.get((a.country, day), ())
        if b.id != a.id
    }
    return [found[k] for k in sorted(found)]


def _same_incidents(ordered: Sequence[Summary], by_block: Blocks, groups: _Groups) -> None:
    """One town, one day, one sub-type, tolls not far apart, no article telling both."""
    seen: set[tuple[str, str]] = set()
    for s in ordered:
        for day in sorted(set(s.days)):
            for near in (day - 1, day, day + 1):
                for t in by_block.get((s.country, near), ()):
                    pair = (s.id, t.id) if s.id < t.id else (t.id, s.id)
                    if t.id == s.id or pair in seen:
                        continue
                    seen.add(pair)
                    if same_incident(s, t):
                        groups.union(s.id, t.id)


def _division_names(ordered: Sequence[Summary], by_block: Blocks, groups: _Groups) -> None:
    """An event named by a division joins the one event of that division and day it may be;
    several fitting events at one town (two gazetteer entries of one town, a few km apart)
    are still the one incident the province name tells of."""
    for a in ordered:
        fitting = [b for b in _near(a, by_block, list(a.days)) if names_division_of(a, b)]
        fits = groups.others(a, fitting)
        if len(fits) == 1 or (fits and _one_town(fitting)):
            for rb in sorted(fits):
                groups.union(a.id, rb)


def _country_only(ordered: Sequence[Summary], by_block: Blocks, groups: _Groups) -> None:
    """An event placed at no town ("missiles struck an air base in Syria"): the one event of
    that country, day and sub-type that is placed more precisely (``_country_event_of``)."""
    for a in ordered:
        if a.points or not a.days or not a.subs:
            continue
        fitting = [b for b in _near(a, by_block, [_top(a.days)]) if _country_event_of(a, b)]
        # a town's event before a province's: the province's may be the town's, told vaguer
        fitting = [b for b in fitting if b.points] or fitting
        target = groups.only_other(a, fitting)
        if target is not None:
            groups.union(a.id, target)


def _coarse_dates(ordered: Sequence[Summary], dated: _SpotIndex, groups: _Groups) -> None:
    """A year or month told of an incident at a town ("the chemical attack on Khan
    Sheikhoun last year"): the one dated event of its type there in that window."""
    for a in ordered:
        if a.days or a.lo is None or not a.points:
            continue
        target = groups.only_other(a, [b for b in dated.near(a) if _recalls(a, b)])
        if target is not None:
            groups.union(a.id, target)


def _yearless_days(ordered: Sequence[Summary], dated: _SpotIndex, groups: _Groups) -> None:
    """Pages with no date that write a day without its year ("early on July 29, a blast
    ripped through the prison at Olenivka"): the event of that day at their town."""
    for a in ordered:
        if a.days or a.lo is not None or not a.month_days or not a.points:
            continue
        fitting = [b for b in dated.near(a) if _on_that_day(a, b)]
        target = _widely_told(a, fitting, groups.root)
        if target is not None:
            groups.union(a.id, target)


def _unresolved_towns(ordered: Sequence[Summary], groups: _Groups) -> None:
    """Events placed only at their country and named by one town the gazetteer lacks ("in
    Moura", a village it knows only a namesake of abroad): undated ones, which nothing tells
    apart but the type; dated ones of one day or the next (the army's "203 militants killed"
    and the reports of dozens of civilians killed there that week); and undated ones with the
    one dated incident there, whose reports are the same pages' with a date."""
    by_town: dict[tuple[str | None, frozenset[str]], list[Summary]] = {}
    for s in ordered:
        if not s.points:
            for words in _town_words(s):
                by_town.setdefault((s.country, words), []).append(s)
    for group in by_town.values():
        undated = [s for s in group if s.lo is None and not s.days]
        dated = [s for s in group if s.days]
        for i, a in enumerate(undated):
            for b in undated[i + 1 :]:
                if _same_undated(a, b):
                    groups.union(a.id, b.id)
        for i, a in enumerate(dated):
            for b in dated[i + 1 :]:
                if not a.articles & b.articles and _close(a, b) and _same_kind(a, b):
                    groups.union(a.id, b.id)
        if dated and len({groups.root(b.id) for b in dated}) == 1:
            for a in undated:
                if _tolls_close(a, dated[0]) and _same_kind(a, dated[0]):
                    groups.union(a.id, dated[0].id)


def _country_event_of(a: Summary, b: Summary) -> bool:
    """Event ``a``, placed at no town, may be ``b``, placed at a town of its province, or,
    when ``a`` is placed only at its country, at any town or province of it ("the T-4 base
    lies in Syria's central Homs province"): one day, one sub-type, tolls not far apart, no
    article telling both."""
    if a.admin1:  # a province's event: one of its towns'
        if not (b.points and a.admin1 & b.admin1):
            return False
    elif not (b.points or b.admin1):
        return False
    if a.articles & b.articles or not _close(a, b):
        return False
    return _same_sub(a, b)


def _widely_told(a: Summary, fitting: Sequence[Summary], root: Any) -> str | None:
    """The event an undated report joins among those it fits: the only one, or, when they all
    lie at one town, the one told by at least twice as many articles as any other (a page
    with no date is likelier about the incident everyone reported than about a split-off
    event of it)."""
    size: dict[str, int] = {}
    for b in fitting:
        if root(b.id) != root(a.id):
            size[root(b.id)] = size.get(root(b.id), 0) + len(b.articles)
    if len(size) == 1:
        return next(iter(size))
    if not size or not _one_town(fitting):
        return None
    ranked = sorted(size.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if ranked[0][1] >= 2 * ranked[1][1] else None


def _on_that_day(a: Summary, b: Summary) -> bool:
    """Undated event ``a`` gives a day without its year that is ``b``'s, at ``b``'s town, of
    one type family (a blast to one outlet is shelling to another), tolls not far apart and
    no article telling both."""
    day = dt.date.fromordinal(_top(b.days))
    if (day.month, day.day) not in a.month_days or a.articles & b.articles:
        return False
    if not (a.families & b.families) or not _tolls_close(a, b):
        return False
    return same_spot(_towns(a), _towns(b), SAME_SPOT_KM)


def _recalls(a: Summary, b: Summary) -> bool:
    """Event ``a``, dated only by a window (a year, a month, "days after"), is event ``b``
    told again: ``b``'s days fall in ``a``'s window, at one town, with one sub-type (or, in a
    week's window, one family) and tolls not far apart."""
    if not b.days or a.lo is None or a.hi is None:
        return False
    # a week's window ("days after the truck bombing") may name the type in other words
    # ("the suicide truck bomb"): one family is enough there; a month or a year needs the type
    week = a.hi - a.lo <= WEEK_WINDOW_DAYS and bool(a.families & b.families)
    if not (_same_sub(a, b) or week):
        return False
    if _top(a.subs) in _ONGOING or not a.lo <= _top(b.days) <= a.hi:
        return False
    if not _tolls_close(a, b):
        return False
    return same_spot(_towns(a), _main_town(b), SAME_SPOT_KM)


RESUME_DAYS = 14  # an operation resumed goes on from a pause at most this long


@cache
def _resumption() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for kind, p in story_links() if kind == "resumed")


def _tells_resumption(s: Summary) -> bool:
    return any(p.search(" ".join(sorted(w))) for w in s.words for p in _resumption())


def _resumed(ordered: Sequence[Summary], dated: _SpotIndex, groups: _Groups) -> None:
    """An operation told as resumed ("the evacuation of eastern Aleppo resumed on Monday"):
    the one event of its sub-type at its town in the two weeks before. Not fighting, whose
    every day is an event of its own, and never an event some article tells apart from it."""
    for a in ordered:
        if not (a.days and a.subs and a.points) or _top(a.subs) in _ONGOING:
            continue
        if not _tells_resumption(a):
            continue
        day = _top(a.days)
        fitting = [
            b
            for b in dated.near(a)
            if b.id != a.id
            and _same_sub(a, b)
            and not a.articles & b.articles
            and 0 < day - max(b.days) <= RESUME_DAYS
            and same_spot(_towns(a), _main_town(b), SAME_SPOT_KM)
        ]
        target = groups.only_other(a, fitting)
        if target is not None:
            groups.union(a.id, target)


def _main_town(s: Summary) -> list[tuple[tuple[float, float], str | None]]:
    """The points of the place most of an event's reports give (not a stray aside's)."""
    top = _top(Counter(g or f"{p[0]:.3f},{p[1]:.3f}" for p, g in s.points))
    return [(p, g) for p, g in s.points if (g or f"{p[0]:.3f},{p[1]:.3f}") == top]


@cache
def _country_words() -> dict[str, frozenset[frozenset[str]]]:
    """ISO3 -> the place words of the country's names (read once, not per event)."""
    out: dict[str, set[frozenset[str]]] = {}
    for c in countries():
        out.setdefault(c.iso3, set()).add(place_words(c.country))
    return {iso3: frozenset(words) for iso3, words in out.items()}


def _town_words(s: Summary) -> list[frozenset[str]]:
    """The names of places the gazetteer lacks that an event's reports write, not its
    country's name ("Moura", not "Mali" nor "Malian")."""
    own = _country_words().get(s.country or "", frozenset())
    return sorted((w for w in s.unknown_towns if w and w not in own), key=sorted)


def _same_undated(a: Summary, b: Summary) -> bool:
    """Two undated events at one written town: the same type (or both deadly), tolls not far
    apart, no article telling both."""
    if a.articles & b.articles or not _tolls_close(a, b):
        return False
    return _same_kind(a, b)


def _same_kind(a: Summary, b: Summary) -> bool:
    """The same sub-type, or both deadly."""
    if _same_sub(a, b):
        return True
    return any(map(lethal, a.families)) and any(map(lethal, b.families))
