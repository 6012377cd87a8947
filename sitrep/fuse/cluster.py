"""Claims -> groups of claims that tell one event: blocked, scored, constrained, incremental.

Each claim is compared with the *summary* of every candidate event, never with every claim:
candidates come from a block index keyed by (country, day), so cost grows with the events of a
day and place, not with the corpus (10,000 reports of one event meet one summary). A claim
joins the best-scoring compatible event when the score clears ``THRESHOLD``; otherwise it founds
a new event, except a *vague* claim (no date and no figure of its own), which joins the only
compatible event at its place in its date window when there is exactly one. Claims are taken
in a fixed order (claims with a fact of their own first, so that the events vague ones may
join exist; a day of violence fewer reports name than the day beside it at its town after the
others, so a misdating page founds no event; a headline with no date of its own after the
claims that date themselves, so it joins its lead; then date window, publication, claim id),
so the grouping, and the event ids (a hash of the founding claim), do not depend on the order
in which articles arrived. An incremental run starts from the stored events' summaries.

Hard constraints (never one event): different countries; date windows that do not overlap;
two points resolved to better than a region more than ``MAX_KM`` apart (so two claims of one
article about different places stay apart); incompatible type families; violence whose
reports name different days (``days_meet``: the date windows' one-day slack is for reports
that do not name the day, or that tell of the night).

Score (each term documented at its constant; calibrated on the sample corpus and the
synthetic fusion sets of ``sitrep.evaluate.synthetic``): same day, place distance, type,
shared actors, close death tolls, shared content words of the evidence sentences, and the same
article. Copies are fused by construction: a sentence seen in an earlier copy of the same
article joins that sentence's event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sitrep.extract.event_typing import TERRITORY
from sitrep.fuse.features import (
    FOLLOW_UP_DAYS,
    REACTION,
    SITTING,
    ClaimView,
    event_when,
    is_headline,
    lethal,
    place_words,
)

__all__ = [
    "THRESHOLD",
    "Clusterer",
    "Spot",
    "Summary",
    "compatible",
    "event_id",
    "names_division",
    "same_spot",
    "score",
]

THRESHOLD = 3.5
MAX_KM = 50.0  # two resolved places farther apart than this are two events
MAX_WINDOW_DAYS = 31  # block index: longer windows are indexed by their first 31 days
_KEEP_POINTS = 8
_KEEP_WORDS = 6

# Score terms.
SAME_DAY, NEAR_DAY, OVERLAP_DAY = 1.5, 0.75, 0.25
SAME_PLACE, SAME_TOWN, SAME_AREA, SAME_ADMIN1 = 2.0, 1.5, 0.5, 0.5  # <= 2 km, 15 km, 50 km
SAME_SUB, SAME_FAMILY = 1.0, 0.5
SHARED_ACTOR = 0.5
CLOSE_TOLL, FAR_TOLL = 0.5, -0.5  # lower/higher toll ratio >= 0.5, < 0.2
TEXT_HIGH, TEXT_MID, TEXT_LOW = 2.0, 1.0, 0.5  # Jaccard >= 0.5, 0.3, 0.2
SAME_ARTICLE = 1.0
# An untyped claim joins the best event only when it beats the runner-up by more than this.
UNTYPED_MARGIN = 0.5


def event_id(founding_claim_id: str) -> str:
    return "ev_" + hashlib.sha1(founding_claim_id.encode()).hexdigest()[:12]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


Spot = tuple[tuple[float, float] | None, str | None]  # (point, gazetteer id)


def same_spot(ours: Iterable[Spot], theirs: Iterable[Spot], within_km: float) -> bool:
    """Whether two lists of places share one: a gazetteer id, or points ``within_km``."""
    theirs = list(theirs)
    return any(
        (ga is not None and ga == gb)
        or (pa is not None and pb is not None and km(pa, pb) <= within_km)
        for pa, ga in ours
        for pb, gb in theirs
    )


@dataclass
class Summary:
    """What an event keeps of its claims for comparison (bounded, whatever its size)."""

    id: str
    lo: int | None = None
    hi: int | None = None
    days: Counter = field(default_factory=Counter)
    points: list[tuple[tuple[float, float], str | None]] = field(default_factory=list)
    admin1: set[str] = field(default_factory=set)
    country: str | None = None
    subs: Counter = field(default_factory=Counter)
    families: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    killed: list[int] = field(default_factory=list)
    words: list[frozenset[str]] = field(default_factory=list)
    place_words: list[frozenset[str]] = field(default_factory=list)
    # the written names of its places the gazetteer lacks ("Moura"): what may tie events placed
    # only at their country
    unknown_towns: set[frozenset[str]] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)  # its votes' subject countries (ISO3)
    # the written names of the towns its taking of ground is told at: placed by the gazetteer,
    # or placed at the city they lie by (``ClaimView.parent_placed``)
    own_towns: set[frozenset[str]] = field(default_factory=set)
    parent_towns: set[frozenset[str]] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    # the articles with a claim here that tells a fact of its own (a date or a figure) at a
    # place finer than a country: only they can tell this event apart from another
    telling: set[str] = field(default_factory=set)
    sentences: dict[tuple[str, str], str] = field(default_factory=dict)
    origins: list[tuple[str, int, int]] = field(default_factory=list)  # (article, start, end)
    claims: list[str] = field(default_factory=list)
    month_days: set[tuple[int, int]] = field(default_factory=set)  # year-less "on July 29"
    # days the event's violent claims name themselves ("on Tuesday"), by day and by night
    named_days: Counter = field(default_factory=Counter)
    night_days: set[int] = field(default_factory=set)

    def told_days(self) -> set[int]:
        """The days its violent claims name, by day or by night."""
        return set(self.named_days) | self.night_days

    def core_window(self) -> tuple[int | None, int | None]:
        """The days the event happened on: its exact days (with slack) when any claim gives
        one, so one vague "this month" report cannot widen the event for everyone else."""
        if self.days:
            return min(self.days) - 1, max(self.days) + 1
        return self.lo, self.hi

    def add(self, v: ClaimView) -> None:
        # A copy dates its sentences from its own publication (a stitched page's "yesterday"
        # is weeks after the wire's): once the event has a date, a copy cannot move it.
        copy = v.copy_of is not None or v.unit != v.article.id
        if v.lo is not None and not (copy and self.lo is not None):
            self.lo = v.lo if self.lo is None else min(self.lo, v.lo)
            self.hi = v.hi if self.hi is None else max(self.hi, v.hi)  # type: ignore[type-var]
        if v.day is not None and not (copy and self.days):
            # a day the sentence writes itself outweighs one lent by the sentence before it
            written = v.claim.when is not None and v.claim.when.text is not None
            self.days[v.day] += 2 if written else 1
        if v.point is not None and (v.precision or 3) <= 2 and len(self.points) < _KEEP_POINTS:
            self.points.append((v.point, v.gazetteer_id))
        if v.admin1:
            self.admin1.add(v.admin1)
        self.country = self.country or v.country
        if v.sub:
            self.subs[v.sub] += 1
        if v.family:
            self.families.add(v.family)
            if v.family == SITTING and v.sub:
                # its PLOVER kind: a report of the vote not told as one ("the text, adopted on
                # Friday") meets it; a sitting meets only sittings
                self.families.add(v.sub)
        self.actors |= v.actors
        if v.killed is not None and len(self.killed) < _KEEP_POINTS:
            self.killed.append(v.killed)
        if v.words and len(self.words) < _KEEP_WORDS:
            self.words.append(v.words)
        if (
            v.place_words
            and v.place_words not in self.place_words
            and len(self.place_words) < _KEEP_WORDS
        ):
            self.place_words.append(v.place_words)
        self.subjects |= v.subjects
        if v.unknown_place and v.place_words and len(self.unknown_towns) < _KEEP_WORDS:
            self.unknown_towns.add(v.place_words)
        if v.sub in TERRITORY and v.place_words:
            (self.parent_towns if v.parent_placed else self.own_towns).add(v.place_words)
        self.articles.add(v.article.id)
        if not (v.vague or v.coarse):
            self.telling.add(v.article.id)
        self.sentences[(v.unit, " ".join(sorted(v.words)))] = self.id
        self.origins.append((v.article.id, v.claim.sentence.start, v.claim.sentence.end))
        self.claims.append(v.claim.id)
        if v.month_day is not None:
            self.month_days.add(v.month_day)
        if v.named_day:
            if v.night:
                self.night_days.add(v.day)
            else:
                self.named_days[v.day] += 1


def _same_month_day(v: ClaimView, s: Summary) -> bool | None:
    """Whether a year-less "on July 29" falls on one of the event's days (a day's slack);
    None when either side has nothing to compare."""
    if v.month_day is None or not s.days:
        return None
    for d in s.days:
        for near in (d - 1, d, d + 1):
            day = dt.date.fromordinal(near)
            if (day.month, day.day) == v.month_day:
                return True
    return False


def compatible(v: ClaimView, s: Summary, *, dates: bool = True) -> bool:
    if v.country and s.country and v.country != s.country:
        return False
    lo, hi = s.core_window()
    if dates and v.lo is not None and lo is not None and (v.hi < lo or hi < v.lo):  # type: ignore[operator]
        return False
    if dates and _same_month_day(v, s) is False:
        return False
    if (
        v.point is not None
        and (v.precision or 3) <= 2
        and s.points
        and min(km(v.point, p) for p, _ in s.points) > MAX_KM
        and not names_division(v, s)
    ):
        return False
    if _other_ground(v, s):
        return False
    if dates and v.named_day and not days_meet(v.day, v.night, s.named_days, s.night_days, s.days):  # type: ignore[arg-type]
        return False
    if dates and _other_night(v, s):
        return False
    if (v.family or "").startswith(REACTION) and _other_subject(v, s):
        return False
    if v.family == SITTING and v.lo is None and not s.subs.get(v.sub):
        return False  # an undated veto: a vote of the place it names, not one of its sessions
    return not (v.family and s.families and v.family not in s.families)


def _named_spot(v: ClaimView) -> tuple[str | None, str] | None:
    """Where a claim that names its day of violence says it happened, for counting the reports
    that name each day there (a resolved town, not a region)."""
    if not v.named_day or v.night:
        return None
    if v.point is None or (v.precision or 3) > 1:
        return None
    return (v.country, v.gazetteer_id or f"{v.point[0]:.2f},{v.point[1]:.2f}")


def _outvoted(views: Sequence[ClaimView]) -> set[str]:
    """Claims naming a day of violence at a town that fewer articles name than the day before
    or after it there: likelier a page's misdating ("on Monday, October 16" for Tuesday's blast)
    than another day's event. They are taken after the others, so that the day most reports
    give founds the event, and then they join it if they can (``days_meet`` decides)."""
    articles: dict[tuple[tuple[str | None, str], int], set[str]] = {}
    for v in views:
        spot = _named_spot(v)
        if spot is not None:
            articles.setdefault((spot, v.day), set()).add(v.article.id)  # type: ignore[arg-type]
    out: set[str] = set()
    for v in views:
        spot = _named_spot(v)
        if spot is None:
            continue
        n = len(articles[(spot, v.day)])  # type: ignore[index]
        if any(len(articles.get((spot, v.day + d), ())) > n for d in (-1, 1)):  # type: ignore[operator]
            out.add(v.claim.id)
    return out


def _other_subject(v: ClaimView, s: Summary) -> bool:
    """A vote or session whose subject countries (``subject_countries``) are none of the
    event's: the Security Council's vote on Israel's settlements and its vote on an arms
    embargo on South Sudan, the same Friday, are two votes. A report naming no subject
    ("Friday's vote ended with seven in favour") may join either."""
    return bool(v.subjects and s.subjects and not v.subjects & s.subjects)


def _other_night(v: ClaimView, s: Summary) -> bool:
    """A claim that names a day next to the event's only by a night's slack, told as another
    kind of violence than any of the event's, at another town: Monday's shelling of a
    frontline town near Donetsk is not the bomb that killed a commander there "late on
    Sunday"."""
    named = s.told_days()
    if not (v.named_day and v.sub and named and v.day not in named and not s.subs.get(v.sub)):
        return False
    # at another town: the same town's violence may be misdated by the telling ("suspended
    # aid on Tuesday after an attack on a convoy" of Monday night)
    return bool(
        v.gazetteer_id
        and (v.precision or 3) <= 1
        and s.points
        and all(g != v.gazetteer_id for _, g in s.points)
    )


def days_meet(
    day: int, night: bool, named: Iterable[int], nights: Iterable[int], lent: Iterable[int] = ()
) -> bool:
    """Whether violence told as on ``day`` can be the violence an event's reports name as on
    their days: the same day, or the next or the one before where either side tells of the
    night (a raid "late on Tuesday" is "overnight" or "on Wednesday" elsewhere). Each day of
    a city's bombardment is an event of its own, told in the same words day after day; the
    one-day slack of the date windows would chain them into one. An event no report of which
    names its day meets a day within one of the days its claims were lent (``lent``, those of
    the sentences before them), any day when it has none: strikes on Douma "on Sunday" are
    not the shelling a report of Friday's evacuation lent its day to."""
    named, nights = set(named), set(nights)
    if not named and not nights:
        lent = set(lent)
        return not lent or any(abs(day - d) <= 1 for d in lent)
    if day in named or any(abs(day - d) <= 1 for d in nights):
        return True
    return night and any(abs(day - d) <= 1 for d in named)


def _other_ground(v: ClaimView, s: Summary) -> bool:
    """Ground taken at another place, on another day or on none the claim gives ("captured
    Jabal Badro on Sunday", a day after "captured Hanano"; "as Syrian forces captured Sakhour"):
    an offensive takes a quarter a day, each its own event, however close the quarters and
    alike the reports."""
    if v.sub not in TERRITORY or not any(sub in TERRITORY for sub in s.subs):
        return False
    if v.day is not None and v.day in s.days:
        return False  # one day: a report may name one quarter of several taken
    if v.place_words and (v.parent_placed or (s.parent_towns and not s.own_towns)):
        # "retook the town of Saqlawiya, north-west of Fallujah": a town the gazetteer lacks,
        # placed at the city it is told from, is other ground than the city's own
        return v.place_words not in s.place_words
    if not v.gazetteer_id or (v.precision or 3) > 1 or not s.points:
        return False
    return all(g != v.gazetteer_id for _, g in s.points)


def names_division(v: ClaimView, s: Summary) -> bool:
    """The claim names the event's first-level division, or the event names the claim's:
    "in Idlib" is a city and its governorate, and a report of the Khan Shaykhun attack (60 km
    from the city) may name either, so the distance between the points proves nothing. Not
    within one article: a story that names both tells of two places."""
    if v.article.id in s.articles:
        return False
    if v.place_words and any(v.place_words == place_words(a) for a in s.admin1):
        return True
    own = place_words(v.admin1) if v.admin1 else frozenset()
    return bool(own) and own in s.place_words


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _place_score(v: ClaimView, s: Summary) -> float:
    place = 0.0
    if v.point is not None and (v.precision or 3) <= 2 and s.points:
        if v.gazetteer_id and any(g == v.gazetteer_id for _, g in s.points):
            place = SAME_PLACE
        else:
            d = min(km(v.point, p) for p, _ in s.points)
            place = SAME_PLACE if d <= 2 else SAME_TOWN if d <= 15 else SAME_AREA
    elif v.admin1 and v.admin1 in s.admin1:
        place = SAME_ADMIN1
    if v.subjects & s.subjects:
        # two reports of a vote on one country's affairs: the country is the place they
        # share (a vote's own place is where it was told, or whoever abstained)
        place = max(place, SAME_TOWN)
    if place < SAME_TOWN and v.place_words and s.place_words:
        # Unresolved or only coarsely resolved: compare the names as written.
        overlap = max(_jaccard(v.place_words, w) for w in s.place_words)
        place = max(place, SAME_TOWN if overlap >= 0.5 else SAME_AREA if overlap > 0 else 0.0)
    return place


def score(v: ClaimView, s: Summary) -> float:
    """How strongly the claim and the event look like one incident (compatibility aside)."""
    total = 0.0
    same_article = v.article.id in s.articles
    if v.day is not None and s.days:
        gap = min(abs(v.day - d) for d in s.days)
        total += SAME_DAY if gap == 0 else NEAR_DAY if gap == 1 else 0.0
    elif _same_month_day(v, s):
        total += SAME_DAY  # "on July 29" with no year, on the event's day
    elif same_article and event_when(v.claim) is None:
        total += SAME_DAY  # an undated sentence of a story is about the story's day
    elif v.lo is not None and s.lo is not None:
        total += OVERLAP_DAY
    total += _place_score(v, s)
    if v.sub and v.sub in s.subs:
        total += SAME_SUB
    elif v.family and v.family in s.families:
        total += SAME_FAMILY
    if v.actors & s.actors:
        total += SHARED_ACTOR
    if v.killed is not None and s.killed:
        ratio = max(min(v.killed, k) / max(v.killed, k, 1) for k in s.killed)
        total += CLOSE_TOLL if ratio >= 0.5 else FAR_TOLL if ratio < 0.2 else 0.0
    sim = max((_jaccard(v.words, w) for w in s.words), default=0.0)
    total += TEXT_HIGH if sim >= 0.5 else TEXT_MID if sim >= 0.3 else TEXT_LOW if sim >= 0.2 else 0
    if same_article:
        total += SAME_ARTICLE
    return total


class Clusterer:
    """Assigns claims to events; seed it with stored summaries for an incremental run."""

    def __init__(self, summaries: Iterable[Summary] = ()) -> None:
        self.summaries: dict[str, Summary] = {}
        self._blocks: dict[tuple[str, int | None], list[str]] = {}
        self._copies: dict[tuple[str, str], str] = {}
        self._origins: dict[str, list[tuple[int, int, str]]] = {}
        self._units: dict[str, list[str]] = {}  # report -> the events its claims joined
        self._by_country: dict[str, list[str]] = {}  # for claims with no date at all
        for s in summaries:
            self._register(s)

    def _days(self, lo: int | None, hi: int | None) -> list[int | None]:
        if lo is None or hi is None:
            return [None]
        return list(range(lo, min(hi, lo + MAX_WINDOW_DAYS) + 1))

    def _register(self, s: Summary) -> None:
        self.summaries[s.id] = s
        self._by_country.setdefault(s.country or "?", []).append(s.id)
        for day in self._days(s.lo, s.hi):
            self._blocks.setdefault((s.country or "?", day), []).append(s.id)
        self._copies.update(s.sentences)
        for unit, _ in s.sentences:
            self._add_unit(unit, s.id)
        for origin in s.origins:
            self._add_origin(origin, s.id)

    def _add_unit(self, unit: str, sid: str) -> None:
        events = self._units.setdefault(unit, [])
        if sid not in events:
            events.append(sid)

    def _add_origin(self, origin: tuple[str, int, int], sid: str) -> None:
        article, start, end = origin
        self._origins.setdefault(article, []).append((start, end, sid))

    def _origin(self, copy_of: tuple[str, int] | None) -> str | None:
        """The event of the claim whose sentence covers the copied source sentence."""
        if copy_of is None:
            return None
        article, offset = copy_of
        for start, end, sid in self._origins.get(article, ()):
            if start <= offset < end:
                return sid
        return None

    def _copied(self, v: ClaimView) -> str | None:
        """The event a copy's claim tells, whatever date the copy gives it (a stitched page
        re-dates old wire copy, a syndicated page resolves "on Tuesday" from its own day).

        First the event of the source sentence it was copied from; then the same sentence
        of the same report; then, for a page that copies a whole report (syndicated, spun,
        so its dateline or wording differs), the best-placed event of that report's claims
        of a compatible type and place.
        """
        sid = self._origin(v.copy_of)
        if sid is None and v.words:
            sid = self._copies.get((v.unit, " ".join(sorted(v.words))))
        if sid is not None or v.unit == v.article.id:
            return sid
        best, best_score = None, 0.0
        for eid in self._units.get(v.unit, ()):
            s = self.summaries[eid]
            if not compatible(v, s, dates=False):
                continue
            value = _place_score(v, s) + (SAME_SUB if v.sub and v.sub in s.subs else 0.0)
            if value > best_score or (value == best_score and best is not None and eid < best):
                best, best_score = eid, value
        return best if best_score >= SAME_TOWN else None

    def _candidates(self, v: ClaimView) -> list[Summary]:
        found: dict[str, None] = {}
        if v.lo is None and (v.country or (v.family or "").startswith(REACTION)):
            # No date at all (a page that gives none, a sentence that tells none): any event
            # of its country may be the one it tells; the scores and the margin decide. A
            # vote or a session has no country (it is cast in New York about Aleppo): any
            # event of its kind.
            for key in dict.fromkeys((v.country or "?", "?")):
                found.update(dict.fromkeys(self._by_country.get(key, ())))
            return [self.summaries[sid] for sid in found]
        countries = [v.country, "?"] if v.country else None
        for day in self._days(v.lo, v.hi):
            keys = (
                [(c, day) for c in countries]  # type: ignore[union-attr]
                if countries
                else [k for k in self._blocks if k[1] == day]
            )
            for key in keys:
                for sid in self._blocks.get(key, ()):  # type: ignore[arg-type]
                    found[sid] = None
        return [self.summaries[sid] for sid in found]

    def _only_near(self, v: ClaimView) -> str | None:
        """The only compatible event at a vague claim's place (``SAME_TOWN`` or better) in its
        date window: with no date and no figure of its own, the claim cannot tell a second
        incident there apart from the known one, so founding one would only split it."""
        if v.lo is None:
            return None
        if event_when(v.claim) is None and v.article.published is not None:
            v = replace(v, lo=v.article.published.toordinal() - FOLLOW_UP_DAYS)
        near = [
            s.id
            for s in self._candidates(v)
            if compatible(v, s) and _place_score(v, s) >= SAME_TOWN
        ]
        return near[0] if len(near) == 1 else None

    def _only_of_type(self, v: ClaimView) -> str | None:
        """The only compatible event of a coarse claim's sub-type in its country and date
        window: "the chemical attack in Syria" on the day of the one known chemical attack
        tells of it; with two such events it cannot choose and founds its own."""
        if v.sub is None or v.lo is None:
            return None
        same = [s.id for s in self._candidates(v) if v.sub in s.subs and compatible(v, s)]
        return same[0] if len(same) == 1 else None

    def match(self, v: ClaimView, *, undated_alone: bool = False) -> tuple[str | None, str]:
        """The event an untyped claim (a toll, a place, a day, no type) tells of, read-only.

        Such a claim never founds an event or changes one's summary: with no type it cannot
        say what happened, only add a report to an incident already known. It joins the
        best-scoring compatible event when the score (type terms cannot count) clears
        ``THRESHOLD``, or the only compatible event at its place (``SAME_TOWN`` or better)
        in its date window when that is unambiguous (with ``undated_alone``, also with no
        date at all: the one vote of its kind on the place it names); a death toll only
        weighs the events of a type that can kill, when there are any. Returns (event id or
        None, reason).
        """
        sid = self._copied(v)
        if sid is not None:
            return sid, "copy"
        if v.lo is None and v.point is None and not v.place_words:
            return None, "no date and no place"
        found = [s for s in self._candidates(v) if compatible(v, s)]
        if v.killed and not v.family:
            # A toll with no type tells of deaths: of the violence there, when there is any,
            # not of the truce or the arrests reported with it.
            found = [s for s in found if any(map(lethal, s.families))] or found
        scored = sorted(((score(v, s), s.id) for s in found), key=lambda x: (-x[0], x[1]))
        near = [sid for _, sid in scored if _place_score(v, self.summaries[sid]) >= SAME_TOWN]
        if scored and scored[0][0] >= THRESHOLD:
            if len(scored) == 1 or scored[0][0] - scored[1][0] > UNTYPED_MARGIN:
                return scored[0][1], "score"
            return None, "several events at its place and time"
        if len(near) == 1 and (v.lo is not None or undated_alone):
            return near[0], "only event at its place and time"
        if len(near) > 1:
            return None, "several events at its place and time"
        return None, "no event at its place and time"

    def _best(self, v: ClaimView) -> str | None:
        """The best-scoring compatible event when it clears ``THRESHOLD``, or for a dated vote
        or session the only compatible sitting of its day. A claim with no
        date at all must name the event's town (``SAME_TOWN`` or better: a province holds too
        many incidents) and beat the runner-up by ``UNTYPED_MARGIN``: nothing tells the 2013
        chemical attack on a town from the 2018 one but the date, so a tie founds its own.
        """
        best, best_score, runner_up = None, THRESHOLD, -math.inf
        candidates = self._candidates(v)
        if v.family == SITTING and v.day is not None:
            # One body's vote or session of a day, told in few shared words ("17:40 - Russia
            # and China have vetoed the resolution"): the only sitting of that day it may be
            same_day = [
                s
                for s in candidates
                if SITTING in s.families and v.day in s.days and compatible(v, s)
            ]
            if len(same_day) == 1 and score(v, same_day[0]) < THRESHOLD:
                return same_day[0].id
        for s in candidates:
            if not compatible(v, s) or (v.lo is None and _place_score(v, s) < SAME_TOWN):
                continue
            value = score(v, s)
            if value >= best_score:  # a tie goes to the later candidate, as it always has
                runner_up = max(runner_up, best_score if best is not None else -math.inf)
                best, best_score = s, value
            else:
                runner_up = max(runner_up, value)
        if best is None:
            return None
        if v.lo is None and best_score - runner_up <= UNTYPED_MARGIN:
            return None
        return best.id

    def assign(self, views: Sequence[ClaimView]) -> dict[str, str]:
        """claim id -> event id for the given claims (taken in the fixed order)."""
        out: dict[str, str] = {}
        outvoted = _outvoted(views)
        # Claims with a fact of their own first: they decide the events vague ones may join;
        # among them a day of violence fewer reports name than the day beside it comes last.
        for v in sorted(
            views,
            key=lambda v: (
                v.vague or v.follower or v.coarse,
                v.claim.id in outvoted,
                is_headline(v.claim) and event_when(v.claim) is None,
                v.sort_key,
            ),
        ):
            sid = self._copied(v)
            if sid is None:
                sid = self._best(v)
                if sid is None and v.vague:
                    sid = self._only_near(v)
                elif sid is None and v.coarse:
                    sid = self._only_of_type(v)
            if sid is None and v.follower:
                continue  # colour in a story: it may join an event, never found one
            if sid is None:
                s = Summary(id=event_id(v.claim.id))
                s.add(v)
                self._register(s)
                sid = s.id
            else:
                self.join(v, sid)
            out[v.claim.id] = sid
        return out

    def join(self, v: ClaimView, sid: str) -> None:
        """Add a typed claim to a known event (its summary and indexes)."""
        s = self.summaries[sid]
        before = (s.lo, s.hi, s.country)
        s.add(v)
        if (s.lo, s.hi, s.country) != before:
            self._register_new_days(s, before)
        self._copies[(v.unit, " ".join(sorted(v.words)))] = sid
        self._add_unit(v.unit, sid)
        self._add_origin((v.article.id, v.claim.sentence.start, v.claim.sentence.end), sid)

    def _register_new_days(self, s: Summary, before: tuple) -> None:
        if s.country != before[2]:
            self._by_country.setdefault(s.country or "?", []).append(s.id)
        old = {(before[2] or "?", d) for d in self._days(before[0], before[1])}
        for day in self._days(s.lo, s.hi):
            key = (s.country or "?", day)
            if key not in old:
                self._blocks.setdefault(key, []).append(s.id)
