"""Document-level links: an article that reports an event although none of its claims is in it.

Claim-level fusion puts an article in an event only through a claim. A page whose sentences
gave no claim (a monitor's bulletin cut before its toll), or whose claims founded events of
their own (no date on the page, a vaguer place), is still plainly about a known incident:
its title and lead name the town, give the toll, use the same words. Such an article is
linked to the one event its text fits best, with a score and the reasons, and counts among
the event's articles; it never adds a claim, a figure or an independent report.

Only *loners* are linked: articles in no event told by another independent report (a copy
of the article does not count). The target must be told by at least one other article. The
rule, each term at its constant:

- gates: the article's claims, if it has any, must include the event's country; a dated
  article is published from a day before the event to ``FOLLOW_UP_DAYS`` after it ends; the
  event has a date (an event of undated pages is confirmed by nothing but words); the
  article names the event's place in its title or lead or has a claim placed there; when its
  claims give days of their own (a page with no claim: the days its first
  ``LEAD_SENTENCES`` sentences give), one of them is the event's; the first violence its lead
  tells on a day of its own is no more than ``LEAD_AFTER_DAYS`` after the event (a page led by
  a grenade attack five days after a shrine bombing reports the grenade, however it recalls
  the bombing); when its claims are placed at towns, one of them is a town of the event's
  claims (a page that names the event's town as a landmark, "in Sarmin, north of Kafr
  Nabl", reports Sarmin); no article is linked to an event told only as a month or a year; a
  statement, meeting or vote takes no page whose claims tell only violence (a page telling
  one has a PLOVER-only claim or a sitting in its lead);
- the event's town named in the title or lead (as written, or in another romanisation:
  "Karakosh" for "Qaraqosh", ``features.spelling``), or a claim of the article placed there; a
  town where one of the event's claims is placed counts as its own when no other candidate
  event's reports name it ("Bustan al-Qasr" of a strike told at Aleppo; a candidate the
  gates rule out, another day's one-page arrests there, is none), else as its area,
  and not at all when it bears its province's name ("the Donetsk region" placed at the city);
- published within ``FRESH_DAYS`` of the event;
- a claim of the article of the event's sub-type (or type family);
- a death toll the event's reports give, in a claim or in the title and lead;
- shared content words with the event's evidence sentences and titles (place names aside);
- the event told by ``WIDELY_TOLD_ARTICLES`` or more articles: between a widely reported
  incident and a background mention of an older one, a report is likelier about the first.

The best event must clear ``THRESHOLD`` and beat the runner-up by ``MARGIN``, or, within
it, be told by ``WIDER_BY`` times as many articles as each close rival (a follow-up is
likelier about the incident many reported than about one page's incident there), or, for an
undated page whose lead names a weekday ("that Sunday in December"), be the only close one
that fell on it. An undated article must also name the event's town (or place a claim at one
of its towns, however it spells the name; the country of an event placed only at its country
is no town), tell its type or toll and share ``UNDATED_WORDS`` words with it, or, for an
event told by ``WIDELY_TOLD_ARTICLES`` or more, share ``UNDATED_ONLY_WORDS`` (a survivor's
account gives no type or toll of its own): nothing else tells this year's strike on a town
from last year's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.extract.dates import find_dates
from sitrep.extract.reactions import sitting
from sitrep.extract.sentences import split_sentences
from sitrep.extract.story_types import VIOLENCE_EVENT_TYPES
from sitrep.fuse.cluster import Spot, same_spot
from sitrep.fuse.features import (
    FOLLOW_UP_DAYS,
    content_words,
    country_level,
    event_when,
    family,
    fold,
    place_words,
    spelling,
    spellings,
)
from sitrep.model import Article, ArticleLink, Claim, Event

__all__ = ["ArticleProfile", "EventProfile", "article_profile", "best_link", "event_profile"]

THRESHOLD = 4.0
MARGIN = 1.0
FRESH_DAYS = 3
LEAD_CHARS = 600  # the title and this much of the text: where a report says what it is about
LEAD_SENTENCES = 2  # of a page with no claim, the days these sentences give are its own
UNDATED_WORDS = 3
# a follow-up's lead may tell the fighting or raids of the days after the incident ("jets kept
# up raids on the corridor on Monday" after Saturday's breakthrough); violence its lead tells
# later than this is another incident's
LEAD_AFTER_DAYS = 3
UNDATED_ONLY_WORDS = 6  # an undated article with no type or toll of the event: these many words

NAMED_TOWN, NAMED_AREA, PLACED_THERE = 2.0, 0.5, 2.0
FRESH = 1.0
SAME_SUB, SAME_FAMILY = 1.0, 0.5
SAME_TOLL = 1.0
WORD, MAX_WORDS = 0.25, 8  # per shared content word, at most this many
WIDELY_TOLD, WIDELY_TOLD_ARTICLES = 0.5, 3  # an event many articles tell is likelier the one
WIDER_BY = 3  # within MARGIN, an event told by this many times more articles still wins
_NEAR_KM = 15.0
SAME_TOWN_KM = 2.0  # an undated page's claim this close to the event's towns is placed there

_NUMBER = re.compile(r"\b\d{1,5}\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b")


@dataclass(frozen=True)
class ArticleProfile:
    """What an article tells as a whole: the words of its title and lead, its claims' facts."""

    id: str
    published: int | None  # day ordinal
    lead: str  # folded title + lead, for finding place names
    words: frozenset[str]
    countries: frozenset[str]
    places: tuple[Spot, ...]  # (point, gazetteer id) of its claims placed at towns
    subs: frozenset[str]
    families: frozenset[str]
    tolls: frozenset[int]
    days: frozenset[int] = frozenset()  # the days its claims' own dates name
    spelt: frozenset[str] = frozenset()  # the lead's names as skeletons (features.spellings)
    # it tells of a statement, meeting or vote (a PLOVER-only claim, a sitting in its lead)
    reacts: bool = False
    lead_days: frozenset[int] = frozenset()  # the days its lead's violence is told on
    # an undated page's weekdays its lead names ("that Sunday in December"), 0 for Monday
    weekdays: frozenset[int] = frozenset()


@dataclass(frozen=True)
class EventProfile:
    id: str
    lo: int | None
    hi: int | None
    country: str | None
    town: bool  # placed at a town or finer (precision <= 2)
    names: tuple[str, ...]  # folded place names: as resolved and as written
    gazetteer_id: str | None
    point: tuple[float, float] | None
    sub: str | None
    family: str | None
    tolls: frozenset[int]
    words: frozenset[str]
    articles: frozenset[str]
    towns: tuple[Spot, ...] = ()  # (point, gazetteer id) of its claims' towns
    town_names: tuple[str, ...] = ()  # folded names of its claims' towns, its place's aside
    area: str | None = None  # the folded name of its place when that is only a country


def _day(value: dt.date | dt.datetime | None) -> int | None:
    if isinstance(value, dt.datetime):
        return value.date().toordinal()
    return value.toordinal() if isinstance(value, dt.date) else None


def article_profile(article: Article, claims: Sequence[Claim]) -> ArticleProfile:
    lead = f"{article.title or ''}\n{article.text[:LEAD_CHARS]}"
    places = tuple(
        ((c.place.lat, c.place.lon) if c.place.lat is not None else None, c.place.gazetteer_id)
        for c in claims
        if c.place is not None and (c.place.precision or 3) <= 2
    )
    tolls = {c.casualties.killed.best for c in claims if c.casualties.killed}
    tolls |= {int(n) for n in _NUMBER.findall(lead) if int(n) > 1}
    return ArticleProfile(
        id=article.id,
        published=_day(article.published),
        lead=fold(lead),
        spelt=spellings(lead),
        words=content_words(lead),
        countries=frozenset(c.place.country for c in claims if c.place and c.place.country),
        places=places,
        subs=frozenset(c.sub_event_type for c in claims if c.sub_event_type),
        families=frozenset(
            f for c in claims if (f := family(c.event_type, c.sub_event_type)) is not None
        ),
        tolls=frozenset(t for t in tolls if t is not None),
        days=frozenset(
            w.start.toordinal()
            for c in claims
            if (w := event_when(c)) is not None and w.text and w.start and w.precision == "day"
        )
        or (frozenset() if claims else _lead_days(article)),
        reacts=sitting(lead) is not None or any(c.plover and not c.sub_event_type for c in claims),
        lead_days=_lead_violence_days(article, claims),
        weekdays=frozenset(_WEEKDAYS.index(d) for d in _WEEKDAY.findall(lead.lower()))
        if article.published is None
        else frozenset(),
    )


def _lead_violence_days(article: Article, claims: Sequence[Claim]) -> frozenset[int]:
    """The days its own words give the first violence its first ``LEAD_SENTENCES`` sentences
    tell ("a grenade hit a hotel in Khuzdar late on Thursday"): a page led by an incident of
    another week reports that one, whatever earlier incident there it recalls lower down
    ("still reeling from last Saturday's bombing at the shrine")."""
    head = split_sentences(article.text[:LEAD_CHARS])[:LEAD_SENTENCES]
    if not head:
        return frozenset()
    told = [
        (c.sentence.start, w.start.toordinal())
        for c in claims
        if c.sentence.start < head[-1].end
        and c.event_type in VIOLENCE_EVENT_TYPES
        and (w := c.when) is not None
        and w.origin == "own"
        and w.start is not None
        and w.precision == "day"
    ]
    first = min((start for start, _ in told), default=None)
    return frozenset(day for start, day in told if start == first)  # the first one's


def _lead_days(article: Article) -> frozenset[int]:
    """The days the lead of a page with no claim gives ("Kerry and Lavrov held talks in
    Lausanne on Saturday"): a meeting with no violence makes no claim, but its day still
    tells it from a session on the same city three weeks before. A page whose claims are
    undated keeps none: its lead's day may be a header's ("Thursday 9 November"), the day
    it was told, not the incident's."""
    head = split_sentences(article.text[:LEAD_CHARS])[:LEAD_SENTENCES]
    return frozenset(
        w.start.toordinal()
        for s in head
        for w in find_dates(s.text, article.published)
        if w.start is not None and w.precision == "day"
    )


def event_profile(event: Event, claims: Iterable[Claim], titles: Iterable[str]) -> EventProfile:
    claims = list(claims)
    place = event.place
    names = set()
    if place is not None:
        names |= {fold(n) for n in (place.name, place.text) if n and len(n) > 2}
    # a town named like its province ("Donetsk", "Idlib") may be the province as written
    town_names = {
        fold(n)
        for c in claims
        if c.place is not None and (c.place.precision or 3) <= 2
        for n in (c.place.name, c.place.text)
        if n and len(n) > 2 and place_words(n) != place_words(c.place.admin1)
    }
    words: set[str] = set()
    for text in [*(c.sentence.text for c in claims), *titles]:
        words |= content_words(text)
    tolls = {
        v
        for f in (event.casualties.killed,)
        if f is not None
        for v in (f.best, f.low, f.high)
        if v is not None
    }
    tolls |= {c.value for c in event.conflicts if c.field == "killed" and c.value is not None}
    if place is not None:
        words -= place_words(place.name) | place_words(place.text)
    towns = {
        ((c.place.lat, c.place.lon), c.place.gazetteer_id)
        for c in claims
        if c.place is not None and c.place.lat is not None and (c.place.precision or 3) <= 2
    }
    return EventProfile(
        id=event.id,
        lo=_day(event.start),
        hi=_day(event.end or event.start),
        country=place.country if place else None,
        town=place is not None and (place.precision or 3) <= 2,
        names=tuple(sorted(names)),
        gazetteer_id=place.gazetteer_id if place else None,
        point=(place.lat, place.lon) if place and place.lat is not None else None,
        sub=event.sub_event_type,
        family=family(event.event_type, event.sub_event_type),
        tolls=frozenset(int(t) for t in tolls),
        words=frozenset(words),
        articles=frozenset(event.articles),
        towns=tuple(sorted(towns, key=str)),
        town_names=tuple(sorted(town_names - names)),
        area=fold(place.name) if place and place.name and country_level(place) else None,
    )


# A name right after these only says where another place lies ("Khan al-Shih, 25 km
# southwest of Damascus", "a farm outside the capital Damascus"): no event of that city's.
_REFERENCE_POINT = re.compile(
    r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of"
    r"|outside|near|(?:km|kilomet(?:re|er)s|miles)\s+(?:from|of))"
    r"\s+(?:the\s+)?(?:(?:capital|city)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


# A name before these is a dateline's, where the story was filed ("DAMASCUS (Northstar
# News) -", "BEIRUT, Dec 27 (Levant Courier) -").
_DATELINE_AFTER = re.compile(r"(?:,[^\n(]{0,40})?\s*\([^)\n]{1,60}\)\s*[-—–:]")


def _written(lead: str, name: str) -> Iterator[re.Match[str]]:
    """Where ``name`` stands in ``lead`` as a word of its own."""
    return re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", lead)


def _names_in(lead: str, names: Sequence[str]) -> str | None:
    for name in names:
        for m in _written(lead, name):
            if _REFERENCE_POINT.search(lead[max(0, m.start() - 40) : m.start()]):
                continue
            if _DATELINE_AFTER.match(lead, m.end()):
                continue
            return name
    return None


def _named(a: ArticleProfile, names: Sequence[str]) -> str | None:
    """The first of ``names`` the lead names, as written or spelt otherwise ("Karakosh" for
    the event's "Qaraqosh": ``features.spelling``)."""
    found = _names_in(a.lead, names)
    if found is not None:
        return found
    return next(
        (
            name
            for name in names
            if spelling(name) in a.spelt
            # written as it is, only as a dateline or a reference point: not the place told
            and next(_written(a.lead, name), None) is None
        ),
        None,
    )


def score(
    a: ArticleProfile, e: EventProfile, common: frozenset[str] = frozenset()
) -> tuple[float, list[str]] | None:
    """The score of the article reporting the event and the reasons; None when a gate fails.
    ``common``: the place names more than one of the article's candidate events hold."""
    return _score(a, e, common) if gates(a, e) else None


def _score(
    a: ArticleProfile, e: EventProfile, common: frozenset[str]
) -> tuple[float, list[str]] | None:
    """``score`` of an event that passed the gates."""
    total, reasons = 0.0, []
    named = _named(a, e.names)
    if named is None and e.town:
        # a town only this event's reports name ("Bustan al-Qasr" of a strike told at
        # Aleppo) is as good as its place; one that other candidates' reports name is not
        named = _named(a, [n for n in e.town_names if n not in common])
    told = named or _named(a, e.town_names)
    placed = same_spot(a.places, [(e.point, e.gazetteer_id)], _NEAR_KM)
    if e.town and (named or placed):
        total += NAMED_TOWN if named else PLACED_THERE
        reasons.append(f"names {named}" if named else "a claim placed there")
    elif told:
        total += NAMED_AREA  # the event's area, or a town one of its reports names
        reasons.append(f"names {told}")
    else:
        return None  # a report says where: with no place in common, words are not enough
    if (
        a.published is not None
        and e.lo is not None
        and (e.hi or e.lo) - e.lo <= 2
        and a.published <= (e.hi or e.lo) + FRESH_DAYS
    ):
        total += FRESH
        reasons.append(f"published {a.published - e.lo} day(s) after it began")
    if e.sub and e.sub in a.subs:
        total += SAME_SUB
        reasons.append(e.sub.lower())
    elif e.family and e.family in a.families:
        total += SAME_FAMILY
        reasons.append(f"a {e.family} claim")
    tolls = sorted(a.tolls & e.tolls)
    if tolls:
        total += SAME_TOLL
        reasons.append(f"the toll {tolls[0]}")
    shared = sorted(a.words & e.words)
    if shared:
        total += WORD * min(len(shared), MAX_WORDS)
        reasons.append("shares " + ", ".join(shared[:MAX_WORDS]))
    if len(e.articles) >= WIDELY_TOLD_ARTICLES:
        total += WIDELY_TOLD
        reasons.append(f"told by {len(e.articles)} articles")
    town = named if named != e.area else _named(a, [n for n in e.names if n != e.area])
    if a.published is None and not (town or _at_its_towns(a, e)):
        return None  # undated: it names the town (not just the country the event is placed
        # at: "Mali"), or places a claim at one of its towns
    return total, reasons


def _told_alike(a: ArticleProfile, e: EventProfile) -> bool:
    """Whether an undated article tells the event's type or toll and shares
    ``UNDATED_WORDS`` words with it, or, told by no type or toll of its own (a survivor's
    or a resident's account), shares ``UNDATED_ONLY_WORDS`` with an incident many reports
    told."""
    shared = len(a.words & e.words)
    typed = (e.sub and e.sub in a.subs) or (e.family and e.family in a.families)
    if typed or a.tolls & e.tolls:
        return shared >= UNDATED_WORDS
    return shared >= UNDATED_ONLY_WORDS and len(e.articles) >= WIDELY_TOLD_ARTICLES


def gates(a: ArticleProfile, e: EventProfile) -> bool:
    """Whether the event could be the article's at all, whatever its words: its country,
    its days, its towns."""
    if a.countries and e.country and e.country not in a.countries:
        return False
    if e.lo is None:
        return False  # an event of undated pages: nothing but its words could confirm it
    hi = e.hi or e.lo
    if a.published is not None and not e.lo - 1 <= a.published <= hi + FOLLOW_UP_DAYS:
        return False
    if hi - e.lo > FOLLOW_UP_DAYS:
        return False  # told only as "this year": no report can be matched to it by its text
    if a.days and not any(e.lo - 1 <= d <= hi + 1 for d in a.days):
        return False  # its claims tell of other days: it reports another incident there
    if a.lead_days and not any(e.lo - 1 <= d <= hi + LEAD_AFTER_DAYS for d in a.lead_days):
        return False  # its lead tells violence of another week: that incident is its news
    if e.sub is None and e.family is None and a.subs and not a.reacts:
        return False  # a statement, meeting or vote: not the event of a page that tells
        # only violence ("rocket shells killed 8 in New Aleppo" on the day of a session on Aleppo)
    if a.published is None and not _told_alike(a, e):
        return False  # undated: nothing but the type or toll and the words tell the event
    placed = same_spot(a.places, [(e.point, e.gazetteer_id)], _NEAR_KM)
    # its claims place it at towns the event's never name: another incident
    return not (e.town and a.places and not placed and not same_spot(a.places, e.towns, _NEAR_KM))


def _at_its_towns(a: ArticleProfile, e: EventProfile) -> bool:
    """A claim of the article placed at the event's place or at a town of the event's claims
    (``SAME_TOWN_KM``), however the page spells it: "Kupiansk" for the event's "Kupyansk",
    the square of the Berlin market for the city. Nearby is not enough for an undated page
    (Douma's hospital lies within ``_NEAR_KM`` of a strike told at Damascus)."""
    return same_spot(a.places, [(e.point, e.gazetteer_id), *e.towns], SAME_TOWN_KM)


def _on_weekday(a: ArticleProfile, e: EventProfile) -> bool:
    """Whether the event's first day falls on a weekday the undated page names."""
    return e.lo is not None and dt.date.fromordinal(e.lo).weekday() in a.weekdays


def best_link(a: ArticleProfile, events: Iterable[EventProfile]) -> ArticleLink | None:
    """The event the article reports when one clearly fits; None otherwise."""
    # a name is ambiguous only between events that could be the article's: a one-page
    # event of another day or town that also names "Khanabad" leaves it the incident's
    events = [e for e in events if a.id not in e.articles and e.articles and gates(a, e)]
    held = Counter(n for e in events for n in {*e.names, *e.town_names})
    common = frozenset(n for n, k in held.items() if k > 1)
    scored = []
    for e in events:
        result = _score(a, e, common)
        if result is not None:
            scored.append((result[0], len(e.articles), e.id, result[1]))
    scored.sort(key=lambda x: (-x[0], x[2]))
    if not scored or scored[0][0] < THRESHOLD:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
        # close scores: the incident many reports told before one a single page tells
        close = [x for x in scored[1:] if scored[0][0] - x[0] < MARGIN]
        if any(scored[0][1] < WIDER_BY * x[1] for x in close):
            # or the one of them on the weekday an undated page names: "that Sunday in
            # December" tells the bombing of Sunday the 18th from the one at the same base
            # the Saturday before
            by_id = {e.id: e for e in events}
            on_day = [x for x in (scored[0], *close) if _on_weekday(a, by_id[x[2]])]
            if len(on_day) != 1:
                return None
            scored[0] = on_day[0]
    value, _, event_id, reasons = scored[0]
    return ArticleLink(a.id, event_id, round(value, 2), "; ".join(reasons))
