"""Claim places from the geoparser: every toponym of the article, and each claim's own.

The rules' written place ("in the Tariq al-Bab district") is only a phrase; the geoparser
(``sitrep.geo``) finds every toponym of the article and resolves it against the offline
gazetteer with the article's context. A claim takes the place its sentence names (not the
dateline, a "-based" source or a nationality), else the preceding sentence's, else the
article's main place at a worse precision. When the geoparser finds nothing for a claim
the rules' written form stays, unresolved. All toponyms are returned so the stage stores them.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sitrep import vocab
from sitrep.extract.asides import (
    aside_spans,
    clause_spans,
    destination_spans,
    landmark_spans,
    origin_spans,
    purpose_spans,
    quote_spans,
    sequel_spans,
    telling_spans,
    within,
)
from sitrep.extract.sentences import dateline_end
from sitrep.extract.sidebars import sidebar_spans
from sitrep.extract.story_dates import live_entries
from sitrep.extract.story_types import VIOLENCE_EVENT_TYPES
from sitrep.model import Article, Claim, Place, Span

if TYPE_CHECKING:  # sitrep.geo needs the gazetteer's packages: imported only when present
    from sitrep.geo.placement import PlaceIndex
    from sitrep.geo.spans import SpanIndex


@functools.cache
def available_gazetteer() -> Any | None:
    """The cached gazetteer, or None when its packages are missing (places stay written)."""
    try:
        from sitrep.geo import load_gazetteer

        return load_gazetteer()
    except ImportError:
        return None


def gazetteer_version() -> str:
    gaz = available_gazetteer()
    return f"+geo-{str(getattr(gaz, 'fingerprint', 'x'))[:8]}" if gaz is not None else ""


# Capitalised words that name places somewhere ("Nine", Portugal) but are counts in news.
_NUMBER_WORDS = frozenset(w for w, _value in vocab.number_words("place"))


# "London based", "UK-based": the seat of whoever is described, never the event's place.
_SEAT = re.compile(r"\b[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,2}(?=[ -]based\b)")


def _taken_spans(article: Article, claims: Sequence[Claim]) -> SpanIndex:
    """Spans the extraction knows are no places: listed sources (with their seats: "the
    London based Observatory"), seats of anyone else and of the claims' sources, and
    dictionary actors."""
    from sitrep.extract.actors import find_actors
    from sitrep.extract.sources import find_sources
    from sitrep.geo.spans import SpanIndex

    text = article.text
    sources = [s.span for s in find_sources(text, speakers=False) if s.span is not None]
    # "Mogadishu police": the town qualifies the speaker and stays a place
    taken = [a.span for a in find_actors(text) if a.span is not None] + [
        s for s in sources if not _QUALIFIED_SPEAKER.match(s.text)
    ]
    spans = [(t.start, t.end) for t in taken]
    spans += [m.span() for m in _SEAT.finditer(text)]
    spans += sidebar_spans(text)  # other stories' headlines name other stories' places
    for span in sources:  # "the Observatory, a war monitor in Great Britain, said"
        m = _APPOSITION.match(text, span.end)
        if m:
            spans += [(m.start() + start, m.start() + end) for start, end in seats(m.group())]
    for claim in claims:  # a claim's source phrase: its seat ("a monitor in Britain") only
        for source in claim.sources:
            if source.span is not None:
                at = source.span.start
                spans += [(at + start, at + end) for start, end in seats(source.text)]
    return SpanIndex(spans)


# A source written as a name and lower-case speaker words ("Mogadishu police spokesman").
_QUALIFIED_SPEAKER = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?:\s+[a-z][a-z-]*){1,3}$"
)


# Where a speaker sits, inside its phrase: "a war monitor in Great Britain". A place that only
# qualifies the speaker ("the Gaza health ministry", "Syrian state television") stays a place:
# it usually names the event's country.
_SEAT_IN = re.compile(r"\b(?:in|at|from)\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")


# A description set off by commas right after a source's name: "the Observatory, a war monitor
# in Great Britain, said". Where it puts the source is the speaker's seat.
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,;:()\n]{1,80}?,")


def seats(phrase: str) -> list[tuple[int, int]]:
    """Offsets in a source phrase of where the speaker sits: after "in/at/from" ("a monitor in
    Great Britain") or before "based" ("the London based Observatory")."""
    return [m.span(1) for m in _SEAT_IN.finditer(phrase)] + [
        m.span() for m in _SEAT.finditer(phrase)
    ]


@functools.cache
def _source_names() -> frozenset[str]:
    return frozenset(a.alias.casefold() for a in vocab.sources())


def _not_a_place(span: Span, taken: SpanIndex) -> bool:
    """A source ("SANA" is no Sanaa), an actor ("Taliban" is no Turkish village's alternate
    name, "Hamas" no alternate of Hamm) or a count ("Nine")."""
    text = span.text.strip()
    if text.lower() in _NUMBER_WORDS or text.casefold() in _source_names():
        return True
    return taken.overlaps(span.start, span.end)


def drop_source_places(claims: Sequence[Claim]) -> None:
    """Unset a claim's place that is the seat of one of its sources, in place.

    The parser's sources come after the places were chosen (``Cascade.refine``), and a seat
    the rules did not see as part of a source ("the Observatory, a war monitor in Great
    Britain, said") is the speaker's place, not the event's: unknown beats wrong. A place
    that only qualifies the speaker ("the Gaza health ministry") stays."""
    for claim in claims:
        place = claim.place
        if place is None or place.span is None:
            continue
        for source in claim.sources:
            span = source.span
            if span is None:
                continue
            start, end = place.span.start - span.start, place.span.end - span.start
            if any(s <= start and end <= e for s, e in seats(span.text)):
                claim.place = None
                break


def locate(article: Article, claims: Sequence[Claim]) -> list[Place]:
    """Set each claim's place in place; return every toponym of the article.

    Each claim looks its place up in an index of the article's places (``PlaceIndex``), so a
    long article costs (claims + places) x log(places), not claims x places.
    """
    gaz = available_gazetteer()
    if gaz is None:
        return []
    from sitrep.geo import geoparse
    from sitrep.geo.placement import PlaceIndex
    from sitrep.geo.recognise import group_name_spans, not_a_written_place
    from sitrep.geo.spans import SpanIndex

    taken = _taken_spans(article, claims)
    # Dropped before resolution, so that a group's name never votes for a country either.
    places = geoparse(article.text, gazetteer=gaz, exclude=lambda s: _not_a_place(s, taken))
    # "the health ministry in Sanaa gave a higher toll": the ministry's seat, no vote and no
    # claim's place
    seated = [p for p in places if _seat(article.text, p) and _is_capital(p, gaz)]
    voters = _voters(article.text, places, gaz, seated)
    index = PlaceIndex(places, voters or None, article.text)
    main = index.main()
    # "Relatives gathered outside Medina hospital", "a second blast in Madina district" on a
    # Mogadishu page: a hospital or a quarter named after a place, read as that place abroad
    # (Madinah), is a local name the gazetteer lacks; it neither votes nor places a claim.
    misread = [p for p in places if main is not None and _misread_abroad(article.text, p, main)]
    if misread:
        voters = [p for p in voters if not any(p is m for m in misread)]
        index = PlaceIndex(places, voters or None, article.text)
        main = index.main()
    country = main.country if main is not None else None
    groups = SpanIndex(group_name_spans(article.text))
    written_index = _WrittenIndex(index, [*misread, *seated])
    # no claim's place, nor lent to the next sentence (and below, places of purpose phrases)
    meant: list[Place] = [*misread, *seated]
    # home towns ("evacuees from Kafraya"), in any sentence: lent to no other sentence
    homes = [p for p in places if _inside(p, _home_spans(article.text, places))]
    # the story's capital standing for its government ("the first time that Damascus had
    # used its air force against the Kurds" in a story of Hasakah): lent to no sentence
    meant += [p for p in places if _capital_acting(article.text, p, None, index, gaz)]
    entries = live_entries(article.text)
    entry_countries = _entry_countries(entries, voters)
    for claim in claims:
        s = claim.sentence
        # A wire dateline ("TAIZ, Yemen, March 9 (Gulf Courier) -") names where the story was
        # filed, not the event: look for the place after it, else take the story's main place
        # ("BEIRUT -" heads many reports on Syria), and the dateline's city only when the
        # story names no other place.
        body = s.start + dateline_end(s.text)
        elsewhere = [p for p in homes if not _own(p, s)] if _harm(claim) else []
        # A live page's entry may tell news from abroad ("In an unrelated incident in France,
        # soldiers at Orly shot dead a man. Flights were suspended"): a sentence that names
        # no place borrows one of its entry's country, and none from another entry abroad.
        entry = _entry_start(entries, s.start)
        lend = entry_countries.get(entry)
        if entries:
            elsewhere += [
                p for p in places if p.span and _abroad(entries, entry_countries, p, entry, country)
            ]
        found = index.for_sentence(body, s.end, country, [*meant, *elsewhere], lend)
        passed: list[Place] = []
        while found is not None and len(passed) < 3:
            # "Washington blames the government for the attack", "Washington has blamed
            # Moscow for the attack": a capital or country abroad speaking or spoken to for
            # its government is no place of the event; look past it. The story's own capital
            # acting for its government is lent to no later sentence either.
            if _capital_acting(article.text, found, s, index, gaz):
                meant.append(found)
            elif not _speaks(article.text, found, country, s):
                break
            passed.append(found)
            found = index.for_sentence(body, s.end, country, [*meant, *elsewhere, *passed], lend)
        asides = [(s.start + a, s.start + b) for a, b in aside_spans(s.text)]
        if found is not None and _inside(found, asides):
            # "fighters who surrendered at Mariupol": the clause describes the fighters
            # another place of the sentence no vaguer than it, or the story's in its country
            other = _past_asides(places, asides, body, s.end, country, elsewhere)
            if other is not None and (
                other.country == found.country
                or (_own(other, s) and (other.precision or 3) <= (found.precision or 3))
            ):
                found = other
        sequels = [(s.start + a, s.start + b) for a, b in sequel_spans(s.text)]
        if found is not None and _inside(found, sequels):
            # "a bomb exploded near a mosque in Balkh province, a day after an attack on a
            # shrine in Kabul": Kabul is the earlier attack's place; the sentence's own
            other = _past_asides(places, sequels, body, s.end, country, elsewhere)
            if other is not None and _own(other, s):
                found = other
                asides += sequels
        if found is not None and country and found.country not in (None, country):
            clauses = [(s.start + a, s.start + b) for a, b in clause_spans(s.text)]
            if _inside(found, clauses):
                # "the raids, which came hours before a ceasefire deal was announced in
                # Geneva": a place abroad inside a clause, even one about the event, is where
                # something else happened; another place of the sentence, or the story's
                other = _past_asides(places, clauses, body, s.end, country, elsewhere)
                if other is not None:
                    found = other
                asides += clauses  # nor is the rules' phrase for it ("in Geneva")
        purposes = [(s.start + a, s.start + b) for a, b in purpose_spans(s.text)]
        told_at = [(s.start + a, s.start + b) for a, b in telling_spans(s.text)]
        # "stormed government buildings in Kirkuk, in an apparent bid to divert forces from the
        # offensive on Mosul": where they meant to act; "Speaking to journalists at Defence
        # headquarters in Nairobi, the general said militants overran the base in Gedo
        # region": where it was told. The sentence's other place instead, lent to no other
        # sentence either; for a telling, only one abroad or as precise (officials often brief
        # in the stricken city: "told a briefing in Vinnytsya that 21 had been killed").
        for elsewhere_business, telling in ((purposes, False), (told_at, True)):
            if found is None or not _inside(found, elsewhere_business):
                continue
            other = _past_asides(places, elsewhere_business, body, s.end, country, elsewhere)
            # a briefing abroad ("a Pentagon spokesman told reporters in Washington") gives
            # way to the story's place too, when the sentence names no other
            abroad = telling and country is not None and found.country not in (None, country)
            if other is None or not (_own(other, s) or abroad):
                continue
            if (
                telling
                and other.country == found.country
                and (other.precision or 3) > (found.precision or 3)
            ):
                continue
            found = other
            asides += elsewhere_business
            meant += [
                p for p in index.starting_in(s.start, s.end) if _inside(p, elsewhere_business)
            ]
        origins = [(s.start + a, s.start + b) for a, b in _home_spans(s.text, places, s.start)]
        if found is not None and _inside(found, origins) and _harm(claim):
            # "a convoy carrying residents from the towns of Fuaa and Kafraya as they waited
            # in Rashidin": their home towns; the sentence's other place, else the story's
            # (home towns are lent to no other sentence either: ``homes``). Only for harm
            # done to them: an evacuation is where people leave ("3,000 people were
            # evacuated from east Aleppo", "evacuees from east Aleppo arrived in Idlib").
            other = _past_asides(places, origins, body, s.end, country, elsewhere)
            if other is not None:
                found = other
                asides += origins
        if found is not None and claim.sub_event_type in _MOVES:
            # "buses transported the gunmen from Muadamiyat al-Sham towards Idlib province":
            # an evacuation is where people left; where the buses went is not its place
            goals = [(s.start + a, s.start + b) for a, b in destination_spans(s.text)]
            if _inside(found, goals):
                other = _past_asides(places, goals, body, s.end, country, elsewhere)
                # the sentence's own place of leaving, else the story's ("Buses carrying the
                # evacuees reached rebel-held Idlib late on Friday" after a report of al-Tal)
                if other is not None and (_own(other, s) or other.country == found.country):
                    found = other
                    asides += goals
        quotes = [(s.start + a, s.start + b) for a, b in quote_spans(s.text)]
        if found is not None and _inside(found, quotes) and _told_outside(s, quotes):
            # 'the gunman shouted "Don't forget Aleppo!" before he was shot dead': the
            # shout's place is not where the shooting was
            other = _past_asides(places, quotes, body, s.end, country, elsewhere)
            if other is not None:
                found = other
                asides += quotes
        landmarks = [(s.start + a, s.start + b) for a, b in landmark_spans(s.text)]
        if found is not None and _inside(found, landmarks):
            # "in Al-Durayhimi district, south of Hodeida": the landmark locates the place
            # named before it; that place when the gazetteer knows it, else near the landmark.
            other = _past_asides(places, landmarks, body, s.end, country, elsewhere)
            if (
                other is not None
                and _own(other, s)
                and (other.precision or 3) <= 2
                and other.country == found.country  # a place near Raqqa is in Syria
            ):
                found = other
            else:
                found = dataclasses.replace(
                    found,
                    precision=max(2, found.precision or 2),
                    reason="near the landmark the sentence locates its place by",
                )
        asides += landmarks
        if body > s.start and (found is None or found.kind == "dateline"):
            filed = [
                p
                for p in index.starting_in(s.start, body)
                if p.kind == "dateline" and p.lat is not None
            ]
            if filed:
                found = dataclasses.replace(
                    filed[0],
                    precision=min(3, (filed[0].precision or 2) + 1),
                    reason="the dateline's city: the sentence names no other place",
                )
        # The dateline's city is a guess when the sentence writes another place the geoparser
        # could not read ("BAGHDAD - ... killed nine soldiers in Heet"): the phrase goes first.
        own = found is not None and found.kind != "dateline" and _own(found, s)
        written = claim.place  # the rules' phrase ("in the Tariq al-Bab district"), if any
        if (
            written is not None
            and written.span is not None
            and (
                not_a_written_place(article.text, written.span, groups)
                or within(written.span.start, written.span.end, asides)
            )
        ):
            written = claim.place = None  # "shipping in the Red Sea", "Abu al-Hassan"
        if not own and written is not None and written.span is not None:
            # The sentence names a place the geoparser did not pick: resolve that phrase
            # rather than borrow a neighbour's place.
            resolved = _resolve_written(article.text, written, written_index, gaz)
            if resolved is not None:
                found = resolved
            elif found is None or (found.precision or 3) >= 3:
                # keep the written form, unresolved, over a country-level guess; but in the
                # guess's country ("at Breitscheidplatz" on a page about Berlin is in
                # Germany): with no country at all it could join an event anywhere
                guess = found.country if found is not None else country
                if written.country is None and guess is not None:
                    claim.place = dataclasses.replace(
                        written,
                        country=guess,
                        reason=written.reason or "not in the gazetteer; the story's country",
                    )
                continue
        if found is not None:
            claim.place = found
    return places


# How a place is named when it is no event's place (``geo.placement.SKIP_KINDS``, kept here
# because this module loads without the gazetteer's packages).
_NO_EVENT_KINDS = ("dateline", "modifier", "demonym", "road")

# Sub-event types that move people from a place (evacuations under a deal, a withdrawal).
_MOVES = frozenset({"Agreement", "Non-violent transfer of territory"})


def _harm(claim: Claim) -> bool:
    """Whether the claim tells of violence (by its type, or a death toll with no type)."""
    if claim.event_type is not None:
        return claim.event_type in VIOLENCE_EVENT_TYPES
    return claim.casualties is not None and claim.casualties.killed is not None


def _home_spans(text: str, places: Sequence[Place], offset: int = 0) -> list[tuple[int, int]]:
    """Where ``text`` (at ``offset`` in the article) tells people's home towns: "evacuees from
    Kafraya", and "civilians fleeing the towns of Foua and Kafraya" when the sentence names
    another place they were at ("..., outside Aleppo"); "people fleeing east Aleppo" alone
    may have been hit there."""
    spans = origin_spans(text)
    for a, b in origin_spans(text, leaving=True):
        start = max(text.rfind(".", 0, a), text.rfind("\n", 0, a)) + 1
        ends = [i for i in (text.find(". ", b), text.find("\n", b)) if i >= 0]
        end = min(ends, default=len(text))
        others = [
            p
            for p in places
            if p.span is not None
            and start <= p.span.start - offset < end
            and not a <= p.span.start - offset < b
        ]
        if others:
            spans.append((a, b))
    return spans


def _told_outside(sentence: Span, quotes: list[tuple[int, int]]) -> bool:
    """Whether the event trigger of ``sentence`` stands outside its quotations."""
    from sitrep.extract.events import classify_event

    event = classify_event(sentence.text, sentence.start, check_non_event=False)
    trigger = event.trigger if event is not None else None
    return trigger is not None and not within(trigger.start, trigger.end, quotes)


def _inside(place: Place, spans: list[tuple[int, int]]) -> bool:
    if place.span is None:
        return False
    # the geoparser keeps a sentence's full stop on a short name ("on Mosul.")
    end = place.span.end - place.span.text.endswith(".")
    return within(place.span.start, end, spans)


def _entry_countries(entries: Sequence[int], voters: Sequence[Place]) -> dict[int, str]:
    """The main country of each live entry that names places, by the entry's start (the
    page's intro, before the first entry, is none)."""
    from sitrep.geo.placement import main_place

    by_entry: dict[int, list[Place]] = {}
    for p in voters:
        if p.span is not None and entries and p.span.start >= entries[0]:
            by_entry.setdefault(_entry_start(entries, p.span.start), []).append(p)
    mains = {start: main_place(inside) for start, inside in by_entry.items()}
    return {start: m.country for start, m in mains.items() if m is not None and m.country}


def _abroad(
    entries: Sequence[int], countries: dict[int, str], place: Place, entry: int, home: str | None
) -> bool:
    """Whether the place is written in another live entry than ``entry``, one whose country
    is not the page's (``home``)."""
    assert place.span is not None
    other = _entry_start(entries, place.span.start)
    return other != entry and countries.get(other) not in (None, home)


def _entry_start(entries: Sequence[int], start: int) -> int:
    """Where the live page's entry holding ``start`` begins (0 on any other page)."""
    here = bisect.bisect_right(entries, start)
    return entries[here - 1] if here else 0


def _own(place: Place, sentence: Span) -> bool:
    """Whether the place is written in the sentence (not lent by the story)."""
    return place.span is not None and sentence.start <= place.span.start < sentence.end


def _past_asides(
    places: Sequence[Place],
    asides: list[tuple[int, int]],
    start: int,
    end: int,
    country: str | None,
    away: Sequence[Place] = (),
) -> Place | None:
    """The sentence's place with its asides' places (and ``away``, places never lent)
    left out: another place it names, else the one the story gives it."""
    from sitrep.geo.placement import PlaceIndex

    kept = [p for p in places if not _inside(p, asides) and p not in away]
    return PlaceIndex(kept).for_sentence(start, end, country)


class _WrittenIndex:
    """What resolving a rules' phrase needs of the article's places, computed once: the
    places by offset (with the longest span, to find overlaps by bisection) and the
    countries the geoparser found."""

    def __init__(self, index: PlaceIndex, no_reading: Sequence[Place] = ()) -> None:
        self.index = index
        # ``_misread_abroad``, seats of government: no reading of the rules' phrase
        self.no_reading = {id(p) for p in no_reading}
        self.longest = max((p.span.end - p.span.start for p in index.located), default=0)  # type: ignore[union-attr]
        self.countries = {p.country for p in index.places if p.country and p.lat is not None}
        main = index.main()
        self.main_country = main.country if main is not None else None

    def overlapping(self, span: Span) -> list[Place]:
        near = self.index.starting_in(span.start - self.longest, span.end)
        return [p for p in near if p.span is not None and span.start < p.span.end]


# A place name speaking for its government ("Moscow says", "Washington holds Moscow
# responsible"): the speech verbs places take.
# "Russia on Saturday vetoed", "Moscow has also said": a day or an auxiliary may come between.
_AUX = (
    r"(?:\s+(?:on|late\s+on|early\s+on|last)\s+(?i:mon|tues|wednes|thurs|fri|satur|sun)day\b)?"
    r"\s+(?:has\s+|have\s+|had\s+|also\s+)?"
)
_SAID = f"{vocab.alternation(vocab.speech_verbs('place'))}|holds"
_SAYS = re.compile(rf"{_AUX}(?:{_SAID})\b")
# ... or acting as the subject of backing or attacking ("Russia has dropped a bomb on a
# theatre in Ukraine", "U.S. strikes Yemen"), or naming an actor's country ("U.S. air
# strikes", "the US-led coalition").
_SPEAKER = re.compile(
    rf"{_AUX}(?:{_SAID}"
    r"|dropped|fired|launched|struck|bombed|shelled|attacked|invaded|targeted|held"
    r"|turned|used|deployed|sent|ordered|unleashed"
    r"|strikes|hits|bombs|shells|attacks|fires|launches|targets|invades"
    r"|vetoed|vetoes|blocked|blocks)\b"
    r"|-(?:led|made|backed|trained|funded|supplied|brokered)\b"
    r"|\s+(?:air\s*strikes?|airstrikes?|forces|troops|military|army|warplanes|jets|drones|"
    r"planes|aircraft|soldiers|officials|government|coalition|special\s+forces|navy)\b"
)
# ... or the one a government is blamed, held responsible, urged or warned as ("blamed
# Moscow for the attack", "holds Damascus responsible", "called on Ankara to").
_ADDRESSED = re.compile(
    r"(?<![\w-])(?:blam(?:ed|es|ing)(?:\s+(?:it|this|that|the\s+[\w-]+))?\s+on"
    r"|blam(?:ed|es|ing)|accus(?:ed|es|ing)|holds|urg(?:ed|es|ing)"
    r"|warn(?:ed|s|ing)|critici[sz](?:ed|es|ing)|condemn(?:ed|s|ing)|press(?:ed|es|ing)"
    r"|sanction(?:ed|s|ing)|call(?:ed|s|ing)\s+(?:on|upon))\s+$",
    re.IGNORECASE,
)
# "the ministry in Gaza said": the place of a speaker, not a government speaking.
_PREPOSITION = re.compile(r"\b(?:in|of|from|at|near|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _acting(text: str, place: Place) -> bool:
    """Whether ``place`` names a government speaking, acting or spoken to ("Moscow says",
    "U.S. air strikes", "blamed Moscow for")."""
    if place.span is None:
        return False
    return bool(_SPEAKER.match(text, place.span.end)) or _addressed(text, place)


def _addressed(text: str, place: Place) -> bool:
    assert place.span is not None
    return bool(_ADDRESSED.search(text, max(0, place.span.start - 40), place.span.start))


# A facility or a quarter named after the word before it ("Medina hospital", "Erdogan
# hospital", "Madina district").
_NAMED_AFTER = re.compile(
    r"(?:\s+and\s+[A-Z][\w'’-]*)?\s+(?:hospitals?|clinics?|schools?|universit(?:y|ies)|"
    r"mosques?|hotels?|prisons?|stadiums?|district|neighbou?rhood|quarter)\b"
)


def _misread_abroad(text: str, place: Place, main: Place) -> bool:
    """Whether ``place`` names a facility or a quarter ("Medina hospital") and was read as a
    town or province in another country than the story's main place."""
    return (
        place.span is not None
        and place.country is not None
        and main.country is not None
        and place.country != main.country
        and (place.precision or 3) <= 2
        and bool(_NAMED_AFTER.match(text, place.span.end))
    )


def _voters(
    text: str, places: Sequence[Place], gaz: Any, seated: Sequence[Place] = ()
) -> list[Place]:
    """The places that vote for the story's main place. "Washington has blamed Moscow for
    the attack", "Moscow says": a government named by its capital or country, or a capital
    where a government body sits (``seated``: "the health ministry in Sanaa"), is no vote for
    where the story happened."""
    skip = {id(p) for p in seated}
    return [
        p
        for p in places
        if id(p) not in skip and _voter(text, p) and not (_acting(text, p) and _is_capital(p, gaz))
    ]


# "the Houthi-run health ministry in Sanaa", "the ministry in the rebel-held capital Sanaa":
# where a government sits
_SEATED_IN = re.compile(
    r"\b(?:ministry|ministries|government|authorities|administration|parliament|cabinet)"
    r"\s+(?:based\s+)?in\s+(?:the\s+)?(?:[\w-]+\s+)?(?:capital,?\s+)?$",
    re.IGNORECASE,
)


def _seat(text: str, place: Place) -> bool:
    """Whether ``place`` is named as where a government body sits ("the health ministry in
    Sanaa gave a higher toll"): for a capital, the seat of the speaker, not the story's town."""
    return place.span is not None and bool(
        _SEATED_IN.search(text, max(0, place.span.start - 40), place.span.start)
    )


def _voter(text: str, place: Place) -> bool:
    """Whether ``place`` counts towards the story's main place: not a government speaking or
    spoken to ("Moscow says", "blamed Moscow for"), nor a country acting ("U.S. strikes
    Yemen"); the people of a town ("Gaza officials said", "the ministry in Gaza said") still
    tell where the story is."""
    if place.span is None:
        return True
    if _PREPOSITION.search(text, max(0, place.span.start - 12), place.span.start):
        return True
    if (
        (place.precision or 0) >= 3
        and place.kind != "demonym"  # "Iraqi officials": weighed as a nationality already
        and _SPEAKER.match(text, place.span.end)
    ):
        return False  # "U.S. strikes Yemen", "the U.S. military": whose forces, not where
    return not (_SAYS.match(text, place.span.end) or _addressed(text, place))


def _capital_acting(
    text: str, place: Place, sentence: Span | None, index: PlaceIndex, gaz: Any
) -> bool:
    """Whether ``place`` is a capital standing for its government ("the first time that
    Damascus has turned its air force on the Kurds") in a sentence or story that names
    another town of its country (Hasakah, where the jets struck)."""
    if place.span is None or (sentence is not None and not _own(place, sentence)):
        return False
    if place.kind in _NO_EVENT_KINDS or not _acting(text, place):
        return False
    within = index.starting_in(sentence.start, sentence.end) if sentence is not None else []
    others = [
        p
        for p in within
        if p is not place
        and p.country == place.country
        and (p.precision or 3) <= 2
        and p.gazetteer_id != place.gazetteer_id
        and p.kind not in _NO_EVENT_KINDS
    ]
    main = index.main()
    if not others and (
        main is None
        or main.country != place.country
        or main.gazetteer_id == place.gazetteer_id
        or (main.precision or 3) > 2
    ):
        return False
    return _is_capital(place, gaz)


def _is_capital(place: Place, gaz: Any) -> bool:
    if place.gazetteer_id is None or place.span is None:
        return False
    rows, _ = gaz.lookup(place.name or place.text)
    return any(gaz.gids[r] == place.gazetteer_id and gaz.capital[r] for r in rows.tolist())


def _speaks(text: str, place: Place | None, country: str | None, sentence: Span) -> bool:
    return (
        place is not None
        and place.span is not None
        and country is not None
        and place.country is not None
        and place.country != country
        and sentence.start <= place.span.start < sentence.end
        and _acting(text, place)
    )


# How a resolution found its place when it matched the name (not a fall-back).
_MATCHED = frozenset({"exact", "alternate", "loose", "fuzzy"})


def _resolve_written(text: str, written: Place, places: _WrittenIndex, gaz: Any) -> Place | None:
    from sitrep.geo import resolve_spans
    from sitrep.geo.recognise import part_of_longer_name

    span = written.span
    assert span is not None
    overlapping = [
        p for p in places.overlapping(span) if p.lat is not None and p.kind not in _NO_EVENT_KINDS
    ]
    if any(id(p) in places.no_reading for p in overlapping):
        # "in Madina district" on a Mogadishu page (a quarter the gazetteer lacks), "the
        # health ministry in Sanaa" (where the speaker sits)
        return None
    if overlapping:
        return min(overlapping, key=lambda p: (p.precision or 9, -(p.confidence or 0)))
    if part_of_longer_name(text, span.start, span.end):
        return None  # "near the Etoile du Sud", a hotel: no Etoile, France
    resolved = resolve_spans(text, [span], gazetteer=gaz)
    if (not resolved or resolved[0].lat is None) and places.main_country:
        # A spelling the gazetteer lacks ("Heet" for Hit) is looked up loosely, but only
        # inside the story's country: alone, the phrase has no other names to vote for one.
        hinted = resolve_spans(text, [span], gazetteer=gaz, country_hint=places.main_country)
        # ...a match, not the hint itself (a hotel the gazetteer lacks is no country-wide event)
        resolved = [p for p in hinted if p.method in _MATCHED]
    if not resolved or resolved[0].lat is None:
        return None
    # Alone, the rules' phrase cannot bring in a country the geoparser found nowhere in the
    # article ("Al-Waer" was War, West Virginia; "Zahra" Ez Zahra, Tunisia).
    countries = places.countries
    if countries and resolved[0].country not in countries:
        return None
    return resolved[0]
