"""What fusion compares about a claim, computed once per claim.

A claim's date becomes a window of days (ordinals): the reported day with one day of slack
either side (outlets in different time zones, "overnight", "on Wednesday night" vs "on
Thursday"), the reported week or month as told, or, with no date in the text, the two days
before publication (news reports events of the last day or two). Its place becomes a point with
a precision, its type a family, its sentence a set of content words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from sitrep import vocab
from sitrep.calendar_words import MONTH_PATTERN, MONTHS, WEEKDAY_NAMES
from sitrep.model import Claim, Place, When

__all__ = [
    "ArticleInfo",
    "ClaimView",
    "content_words",
    "country_level",
    "family",
    "fold",
    "has_figure",
    "lethal",
    "skeleton",
    "spelling",
    "spellings",
    "tells_own_fact",
    "view",
]

NO_DATE_DAYS = 2  # an undated claim happened at most this many days before publication
# How far back an undated claim with nothing else of its own may look for the only event at
# its place: a follow-up ("The three aid workers were seized on the road to Ansongo.") tells
# of a known incident of recent weeks.
FOLLOW_UP_DAYS = 31
DAY_SLACK = 1

_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
# Words every report of any event uses: no evidence that two claims tell the same one.
_STOP = vocab.words("stop_words.csv", "fusion")

# Types that different outlets give one incident: a strike one calls shelling another calls an
# air strike or an attack on civilians; a protest becomes a riot when it turns violent.
_FAMILY = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstration",
    "Riots": "demonstration",
}


REACTION = "reaction:"  # the family of a statement, meeting or vote: "reaction:REJECT"
SITTING = f"{REACTION}sitting"  # a council's vote or session, whatever its PLOVER code


def family(event_type: str | None, sub_event_type: str | None) -> str | None:
    """Coarse type group; each strategic development is its own group (an arrest is no deal)."""
    if event_type is None:
        return None
    if event_type == "Strategic developments":
        if sub_event_type in ("Agreement", "Non-violent transfer of territory"):
            return "agreement"
        return f"strategic:{sub_event_type}"
    return _FAMILY.get(event_type, event_type)


def lethal(group: str | None) -> bool:
    """Whether a type group can have deaths: ACLED's strategic developments (agreements,
    arrests, seized weapons, territory changing hands without a fight) are non-violent by
    definition, so a death toll told of a place and day belongs to the violence there."""
    return (
        group is not None
        and group != "agreement"
        and not group.startswith(("strategic:", REACTION))
    )


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


# The council's permanent members vote on everything: naming one tells no subject.
_COUNCIL_MEMBERS = frozenset({"USA", "RUS", "CHN", "FRA", "GBR"})


@cache
def _subject_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A country named after the word that makes it a resolution's subject ("an arms embargo
    on South Sudan", "demanded that Israel stop", "settlements on occupied Palestinian
    land"), not a member named as voting ("China and Angola abstained")."""
    names: dict[str, str] = {}
    for c in vocab.countries():
        names[c.adjective] = c.iso3
        names[c.country] = c.iso3
    names = {k: v for k, v in names.items() if v not in _COUNCIL_MEMBERS}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?:on|over|about|for|against|in|that|to|of|condemn(?:ed|s|ing)?|censur(?:ed|es|ing)"
        rf"|demand(?:ed|s|ing)?|urg(?:ed|es|ing))\s+(?:[a-z-]+\s+){{0,2}}?"
        rf"(?P<name>{alternation})\b"
    )
    return pattern, names


def subject_countries(text: str) -> frozenset[str]:
    """The countries a report of a vote or session names as its subject (ISO3): two votes of
    one day with subjects of their own, none in common, are two votes.

    Example:
        >>> sorted(subject_countries("The Security Council on Friday demanded that Israel stop"
        ...                          " building settlements, as China and Angola abstained."))
        ['ISR']
    """
    pattern, names = _subject_pattern()
    return frozenset(names[m["name"]] for m in pattern.finditer(text))


@dataclass(frozen=True)
class ArticleInfo:
    """What fusion needs to know about a claim's article (no text).

    ``unit`` is the independent report the article stands for: its own id for an original,
    the original's for a syndicated or spun copy; ``copied`` holds (start, end, unit) of the
    sentences a stitched page took from other reports.
    """

    id: str
    outlet: str | None = None
    dup_group: str | None = None
    published: dt.date | None = None
    copy_status: str | None = None
    # (start, end, unit, source article, source sentence start) per copied sentence
    copied: tuple[tuple[int, int, str, str, int], ...] = field(
        default=(), hash=False, compare=False
    )

    @property
    def unit(self) -> str:
        return self.dup_group or self.id

    def unit_at(self, offset: int) -> str:
        """The report a sentence starting at ``offset`` belongs to."""
        for start, end, unit, _, _ in self.copied:
            if start <= offset < end:
                return unit
        return self.unit

    def source_at(self, offset: int) -> tuple[str, int] | None:
        """(article, sentence start) a copied sentence starting at ``offset`` was taken from."""
        for start, end, _, article, source_start in self.copied:
            if start <= offset < end:
                return article, source_start
        return None


@dataclass
class ClaimView:
    claim: Claim
    article: ArticleInfo
    lo: int | None  # first possible day (ordinal), None when unknown
    hi: int | None
    day: int | None  # the exact day, for day-precision dates
    point: tuple[float, float] | None
    precision: int | None
    gazetteer_id: str | None
    admin1: str | None
    country: str | None
    sub: str | None
    family: str | None
    actors: frozenset[str]
    killed: int | None
    words: frozenset[str]
    place_words: frozenset[str]  # the place as written, for places the gazetteer cannot resolve
    unit: str  # the independent report this claim belongs to (copies collapse to the original)
    copy_of: tuple[str, int] | None = None  # the (article, sentence start) it was copied from
    vague: bool = False  # no date of its own and no figure: too little to found an event on
    subjects: frozenset[str] = frozenset()  # a vote or session's subject countries (ISO3)
    parent_placed: bool = False  # a town the gazetteer lacks, placed at the place it lies by
    # a name the gazetteer lacks ("in Moura"), placed at a parent or country or not at all
    unknown_place: bool = False
    # colour or a headline (``fusion.follows_story``): may join an event, never found one
    follower: bool = False
    coarse: bool = False  # placed no finer than a country (``coarse_place``)
    # "on July 29" on a page with no year to resolve it against: (month, day), else None
    month_day: tuple[int, int] | None = None
    # Violence whose sentence names its own day ("on Tuesday", "on October 11"), ``day`` set: a
    # day another report of it would not give as the next or the one before, unless either
    # tells of night-time ("late on Tuesday", "overnight"), when outlets split it at midnight.
    named_day: bool = False
    night: bool = False

    @property
    def sort_key(self) -> tuple:
        published = self.article.published.toordinal() if self.article.published else 0
        return (self.lo if self.lo is not None else 10**7, published, self.claim.id)


def coarse_place(claim: Claim) -> bool:
    """No place finer than a country: "a chemical attack in Syria" cannot tell one incident
    of the day from another by place, only by type."""
    p = claim.place
    return p is None or p.lat is None or country_level(p)


def country_level(p: Place) -> bool:
    """Placed at a country (or a region across borders), no province."""
    return (p.precision or 3) >= 3 and not p.admin1


def tells_own_fact(claim: Claim) -> bool:
    """A date of its own (not one inherited from an earlier sentence) or a figure."""
    return (claim.when is not None and claim.when.text is not None) or has_figure(claim)


def has_figure(claim: Claim) -> bool:
    """Whether the claim tells a number of people killed, injured, displaced or detained."""
    figures = (getattr(claim.casualties, kind) for kind in claim.casualties.KINDS)
    return any(f is not None and f.best is not None for f in figures)


_CLOSING = (".", "!", "?", '"', "\u201d", "'")


def is_headline(claim: Claim) -> bool:
    """A first line with no closing punctuation: the page's headline, which sums up its lead."""
    return claim.sentence.start == 0 and not claim.sentence.text.rstrip().endswith(_CLOSING)


def event_when(claim: Claim) -> When | None:
    """The claim's date as fusion reads it: its own, or one lent by the sentence before it
    (``origin`` "previous"). A date lent from the lead, the dateline or the publication date
    (``extract.story_dates``) says nothing the claim itself tells about the incident: it counts as
    none, so a claim's lent date never makes it look like a fact of its own."""
    when = claim.when
    return None if when is None or when.origin in ("story", "dateline", "published") else when


def _window(claim: Claim, published: dt.date | None) -> tuple[int | None, int | None, int | None]:
    when = event_when(claim)
    if when is not None and when.start is not None:
        start, end = when.start.toordinal(), (when.end or when.start).toordinal()
        if when.precision in (None, "day"):
            return start - DAY_SLACK, end + DAY_SLACK, start if end == start else None
        return start, end, None
    if published is not None:
        p = published.toordinal()
        return p - NO_DATE_DAYS, p, None
    return None, None, None


_MONTH_DAY = re.compile(
    rf"\b{MONTH_PATTERN}\s+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\s+{MONTH_PATTERN.replace('mon', 'mon2')}"
)


def month_day(claim: Claim) -> tuple[int, int] | None:
    """The month and day a claim's own date names when no year could resolve it ("early on
    July 29" on a page that gives no publication date): still enough to tell the July 29
    strike on a town from the April 4 one, and to meet it."""
    when = event_when(claim)
    if when is None or when.start is not None or not when.text:
        return None
    m = _MONTH_DAY.search(when.text)
    if m is None:
        return None
    name, day = (m["mon"], m["d1"]) if m["mon"] else (m["mon2"], m["d2"])
    month = MONTHS.get(name[:3].lower())
    return (month, int(day)) if month and 1 <= int(day) <= 31 else None


def _actor_keys(claim: Claim) -> frozenset[str]:
    keys = set()
    for actor in (claim.actor1, claim.actor2):
        if actor is not None and (actor.name or actor.text):
            keys.add((actor.name or actor.text).casefold())
    return frozenset(keys)


_PLACE_STOP = vocab.words("place_words.csv", "fusion")


def fold(text: str) -> str:
    """Lower case without accents, so "Khān Shaykhūn" is written as "khan shaykhun"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Romanisations of one Arabic, Pashto or Cyrillic name differ in vowels, in q for k, kh for
# k, doubled letters and a final h ("Qaraqosh" / "Karakosh", "Kunduz" / "Qunduz", "Khan
# Sheikhoun" / "Khan Shaykhun", "Hamdaniya" / "Hamdaniyah"); their consonants agree.
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("q", "k"), ("ph", "f"), ("dh", "d"))
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "es", "et", "ez"})
_NAME_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_BREAK = re.compile(r"[,.;:!?()\"“”]|\s[-–—]\s")  # no name runs across these
SPELLING_LETTERS = 4  # a skeleton shorter than this ("Duma" "dm") matches English words too


def skeleton(word: str) -> str:
    """The consonants of one word of a name, as its romanisations share them."""
    w = fold(word)
    w = re.sub(r"(?<=[aeiouy])h$", "", w)
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = re.sub(r"[aeiouy]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


def spelling(name: str) -> str | None:
    """A place name's skeleton, its words' consonants run together ("krksh" for Qaraqosh and
    Karakosh, "kfrnbl" for Kafr Nabl and Kafranbel), or None when too short to tell a name
    from a common word."""
    words = [w for w in _NAME_WORD.findall(fold(name)) if w not in _ARTICLES]
    key = "".join(skeleton(w) for w in words)
    return key if len(key) >= SPELLING_LETTERS else None


def spellings(text: str, longest: int = 3) -> frozenset[str]:
    """The skeletons of a text's runs of one to ``longest`` capitalised words, run together:
    what a name's ``spelling`` is looked up in ("market" is never taken for "Mirkat")."""
    runs: list[list[str]] = []
    for chunk in _BREAK.split(text):
        runs.append([])
        for w in _NAME_WORD.findall(chunk):
            article = w in ("al", "el") or (w[:1].isupper() and fold(w) in _ARTICLES)
            if article:
                continue  # "Bustan al-Qasr", "Az Zaydiyah": the article is no word of the name
            if w[:1].isupper() and (k := skeleton(w)):
                runs[-1].append(k)
            elif runs[-1]:
                runs.append([])
    return frozenset(
        key
        for run in runs
        for n in range(1, longest + 1)
        for i in range(len(run) - n + 1)
        if len(key := "".join(run[i : i + n])) >= SPELLING_LETTERS
    )


def place_words(text: str | None) -> frozenset[str]:
    """A place name's words, accents folded ("Az Zaydīyah" is "az zaydiyah", not "zayd" and
    "yah"), with the words for a division and its kind aside ("Muhafazat al Hudaydah")."""
    if not text:
        return frozenset()
    words = (w.removesuffix("'s") for w in _WORD.findall(fold(text)))
    return frozenset(w for w in words if w not in _PLACE_STOP and w not in ("al", "el"))


def view(claim: Claim, article: ArticleInfo) -> ClaimView:
    lo, hi, day = _window(claim, article.published)
    place = claim.place
    point = (
        (place.lat, place.lon)
        if place is not None and place.lat is not None and place.lon is not None
        else None
    )
    killed = claim.casualties.killed.best if claim.casualties.killed else None
    unit = article.unit_at(claim.sentence.start)
    # a type the story lent ("killed in the attack") is the story's guess, not evidence
    # that tells events apart: matched as if untyped, as before the type was lent
    kind = None if claim.type_from_story else family(claim.event_type, claim.sub_event_type)
    named = day is not None and unit == article.id and kind == "violence" and names_its_day(claim)
    return ClaimView(
        claim=claim,
        article=article,
        lo=lo,
        hi=hi,
        day=day,
        point=point,
        precision=place.precision if place else None,
        gazetteer_id=place.gazetteer_id if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        sub=None if claim.type_from_story else claim.sub_event_type,
        family=kind,
        actors=_actor_keys(claim),
        killed=killed,
        words=content_words(claim.sentence.text),
        place_words=place_words(place.text if place else None),
        unit=unit,
        copy_of=article.source_at(claim.sentence.start),
        vague=not tells_own_fact(claim),
        parent_placed=place is not None and place.method == "parent",
        unknown_place=place is not None
        and (place.method in ("parent", "country") or place.gazetteer_id is None),
        subjects=subject_countries(claim.sentence.text)
        if claim.plover and not claim.sub_event_type
        else frozenset(),
        coarse=coarse_place(claim),
        month_day=month_day(claim) if lo is None else None,
        named_day=named,
        night=named and any(p.search(claim.sentence.text) for p in _DATE_CUES["night"]),
    )


_NAMED_DAY = re.compile(
    rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b|\b{MONTH_PATTERN}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+"
    + MONTH_PATTERN.replace("mon", "mon2"),
    re.IGNORECASE,
)
_DATE_CUES = vocab.date_cues()


def names_its_day(claim: Claim) -> bool:
    """Whether the claim's own date names a weekday or a calendar day (not "yesterday", not
    one lent by the sentence before), before any word of telling: "The governor said on
    Monday that ...", "according to statements ... on Monday" date the telling, which may
    come a day after the violence."""
    when = event_when(claim)
    if when is None or when.text is None or not _NAMED_DAY.search(when.text):
        return False
    if when.span is None:
        return True
    before = claim.sentence.text[: max(0, when.span.start - claim.sentence.start)]
    told = any(p.search(before) for p in _DATE_CUES["telling_before"])
    return not told and not any(p.search(claim.sentence.text) for p in _DATE_CUES["aftermath"])
