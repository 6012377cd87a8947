"""Claim places from the geoparser: every toponym of the article, and each claim's own.

The rules' written place ("in the Tariq al-Bab district") is only a phrase; the geoparser
(``sitrep.geo``) finds every toponym of the article and resolves it against the offline
gazetteer with the article's context. A claim takes the place its sentence names (not the
dateline, a "-based" source or a nationality), else the preceding sentence's, else the
article's main place at a worse precision. When the geoparser finds nothing for a claim
the rules' written form stays, unresolved. All toponyms are returned so the stage stores them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import Any

from sitrep.extract.sentences import dateline_end
from sitrep.model import Article, Claim, Place, Span


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
_NUMBER_TEXT = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands dozens scores"
)
_NUMBER_WORDS = frozenset(_NUMBER_TEXT.split())


def _taken_spans(article: Article, claims: Sequence[Claim]) -> list[Span]:
    """Spans the extraction knows are no places: cited sources and dictionary actors."""
    from sitrep.extract.actors import find_actors
    from sitrep.extract.sources import find_sources

    taken = [a.span for a in find_actors(article.text) if a.span is not None]
    taken += [s.span for s in find_sources(article.text) if s.span is not None]
    for claim in claims:
        taken += [s.span for s in claim.sources if s.span is not None]
    return taken


@functools.cache
def _source_names() -> frozenset[str]:
    from sitrep import vocab

    return frozenset(a.alias.casefold() for a in vocab.sources())


def _not_a_place(place: Place, taken: Sequence[Span]) -> bool:
    """A source ("SANA" is no Sanaa), an actor ("Taliban" is no Turkish village's alternate
    name) or a count ("Nine")."""
    text = place.text.strip()
    if text.lower() in _NUMBER_WORDS or text.casefold() in _source_names():
        return True
    span = place.span
    return span is not None and any(t.start < span.end and span.start < t.end for t in taken)


def locate(article: Article, claims: Sequence[Claim]) -> list[Place]:
    """Set each claim's place in place; return every toponym of the article."""
    gaz = available_gazetteer()
    if gaz is None:
        return []
    from sitrep.geo import geoparse, main_place, place_for_sentence
    from sitrep.geo.recognise import group_name_spans, not_a_written_place

    taken = _taken_spans(article, claims)
    places = [p for p in geoparse(article.text, gazetteer=gaz) if not _not_a_place(p, taken)]
    main = main_place(places)
    country = main.country if main is not None else None
    groups = group_name_spans(article.text)
    for claim in claims:
        s = claim.sentence
        # A wire dateline ("TAIZ, Yemen, March 9 (Gulf Courier) -") names where the story was
        # filed, not the event: look for the place after it, and fall back to its city.
        body = s.start + dateline_end(s.text)
        found = place_for_sentence(places, body, s.end, country)
        if _speaks(article.text, found, country, s):
            # "Washington blames the government for the attack": a capital or country abroad
            # speaking for its government is no place of the event; look past it.
            found = place_for_sentence([p for p in places if p is not found], body, s.end, country)
        if body > s.start and (found is None or found.span is None or found.span.start < body):
            filed = [p for p in places if p.span and s.start <= p.span.start < body
                     and p.kind == "dateline" and p.lat is not None]  # fmt: skip
            if filed:
                found = dataclasses.replace(
                    filed[0], precision=min(3, (filed[0].precision or 2) + 1),
                    reason="the dateline's city: the sentence names no other place",
                )  # fmt: skip
        own = found is not None and found.span is not None and s.start <= found.span.start < s.end
        written = claim.place  # the rules' phrase ("in the Tariq al-Bab district"), if any
        if (
            written is not None
            and written.span is not None
            and not_a_written_place(article.text, written.span, groups)
        ):
            written = claim.place = None  # "shipping in the Red Sea", "Abu al-Hassan"
        if not own and written is not None and written.span is not None:
            # The sentence names a place the geoparser did not pick: resolve that phrase
            # rather than borrow a neighbour's place.
            resolved = _resolve_written(article.text, written, places, gaz)
            if resolved is not None:
                found = resolved
            elif found is None or (found.precision or 3) >= 3:
                continue  # keep the written form, unresolved, over a country-level guess
        if found is not None:
            claim.place = found
    return places


# A place name acting as the subject of saying or backing ("Moscow says", "Russia has been"),
# or naming an actor's country ("U.S. air strikes", "the US-led coalition").
_SPEAKER = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:said|says|blamed|blames|accused|accuses|denied|"
    r"denies|condemned|condemns|called|calls|warned|warns|insisted|insists|claimed|claims|"
    r"urged|urges|vowed|vows|announced|announces|backed|backs|been|began|begins|believes|"
    r"believed|demanded|demands|rejected|rejects)\b"
    r"|-(?:led|made|backed|trained|funded|supplied|brokered)\b"
    r"|\s+(?:air\s*strikes?|airstrikes?|forces|troops|military|army|warplanes|jets|drones|"
    r"planes|aircraft|soldiers|officials|government|coalition|special\s+forces|navy)\b"
)


def _speaks(text: str, place: Place | None, country: str | None, sentence: Span) -> bool:
    return (
        place is not None and place.span is not None and country is not None
        and place.country is not None and place.country != country
        and sentence.start <= place.span.start < sentence.end
        and bool(_SPEAKER.match(text, place.span.end))
    )  # fmt: skip


def _resolve_written(text: str, written: Place, places: Sequence[Place], gaz: Any) -> Place | None:
    from sitrep.geo import resolve_spans

    span = written.span
    assert span is not None
    overlapping = [
        p for p in places
        if p.span is not None and p.span.start < span.end and span.start < p.span.end
        and p.lat is not None and p.kind not in ("dateline", "modifier", "demonym")
    ]  # fmt: skip
    if overlapping:
        return min(overlapping, key=lambda p: (p.precision or 9, -(p.confidence or 0)))
    resolved = resolve_spans(text, [span], gazetteer=gaz)
    if not resolved or resolved[0].lat is None:
        return None
    # Alone, the rules' phrase cannot bring in a country the geoparser found nowhere in the
    # article ("Al-Waer" was War, West Virginia; "Zahra" Ez Zahra, Tunisia).
    countries = {p.country for p in places if p.country and p.lat is not None}
    if countries and resolved[0].country not in countries:
        return None
    return resolved[0]
