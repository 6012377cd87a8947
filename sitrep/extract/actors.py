"""A small dictionary-based actor finder, and a simple guess at who did what to whom.

Actors come from ``sitrep/vocab/actors.csv`` (alias -> normalised name, ISO3 country, sector)
plus the country adjectives in ``sitrep/vocab/countries.csv``: "Russian warplanes" is the alias
"warplanes" (template name "Military Forces of {country}", sector MIL) with the adjective
"Russian" (RUS), giving "Military Forces of Russia". Without an adjective the template falls
back to the bare name ("Military Forces") and the country stays None: we don't guess it.

Roles, deliberately simple (a later issue brings a parser):

1. an actor after "by" is the agent ("were killed by Russian warplanes");
2. "between X and Y" gives X and Y;
3. otherwise the first event verb is the pivot: actor1 is the last actor before it, actor2 the
   first actor after it; in the passive ("civilians were killed when Russian drones hit") the
   actor before the verb was acted on (actor2) and the first armed or state actor after it,
   if any, is actor1.

Actors that are the attributed source ("rebels said") are left out. When unsure: None.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from sitrep import vocab
from sitrep.model import Actor, Span

__all__ = ["find_actors", "pick_roles"]

_PIVOT = re.compile(
    r"\b(?:attacked|attacking|struck|striking|hit|hitting|killed|killing|clashed|clashing|"
    r"fought|shelled|shelling|bombed|bombing|pounded|pounding|targeted|targeting|seized|"
    r"captured|recaptured|retook|overran|stormed|raided|ambushed|abducted|kidnapped|arrested|"
    r"detained|fired|opened\s+fire|launched|carried\s+out|protested|rallied|marched|"
    r"demonstrated|dispersed|looted|torched|withdrew|shot|stabbed|executed|raped|intercepted|"
    r"set\s+up|signed|agreed|exploded|detonated|blew|dropped|lynched|beat|burned|set\s+fire|"
    r"pushed|beaten|broke\s+up|evacuated|"
    r"wounded|wounding|injured|injuring|repelled|besieged|massacred|"
    # present tense, as in headlines ("Taliban disperse protest", "Jets strike town")
    r"attacks?|strikes?|hits?|kills?|clash|shells?|bombs?|seizes?|captures?|retakes?|storms?|"
    r"raids?|abducts?|kidnaps?|arrests?|detains?|disperses?|loots?|torch(?:es)?|withdraws?)\b",
    re.IGNORECASE,
)
# Sectors that are usually on the receiving end; never taken as the hidden agent of a passive.
_TARGET_SECTORS = frozenset({"CVL", "PRO", "MED", "NGO", "IGO"})
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_AND_BETWEEN = re.compile(r"^\s+and\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _matcher() -> tuple[
    re.Pattern[str], dict[str, vocab.ActorEntry], dict[str, vocab.CountryEntry]
]:
    entries = {e.alias.lower(): e for e in vocab.actors()}
    adjectives = {c.adjective: c for c in vocab.countries()}
    for c in vocab.countries():  # "Mali's army" works for every listed country
        adjectives.setdefault(f"{c.country}'s", c)
        adjectives.setdefault(f"{c.country}’s", c)
    adj = vocab.alias_pattern(adjectives)
    alias = vocab.alias_pattern(e.alias for e in vocab.actors())
    # One lower-case word may sit between adjective and alias: "Russian attack drones".
    pattern = re.compile(
        rf"(?<![\w-])(?:(?P<adj>{adj})\s+(?:[a-z][\w-]*\s+)?)?(?P<alias>{alias})(?![\w-])"
    )
    return pattern, entries, adjectives


def _actor(m: re.Match[str], offset: int) -> Actor:
    _, entries, adjectives = _matcher()
    entry = entries[re.sub(r"\s+", " ", m.group("alias")).lower()]
    country_entry = adjectives.get(m.group("adj") or "")
    country = entry.country or (country_entry.iso3 if country_entry else None)
    name = entry.name
    if "{country}" in name:
        if country_entry and not entry.country:
            name = name.replace("{country}", country_entry.country)
        else:
            name = name.replace(" of {country}", "").replace("{country}", "").strip()
    text = m.group(0)
    return Actor(
        text=text,
        name=name,
        country=country,
        sector=entry.sector,
        span=Span(offset + m.start(), offset + m.end(), text),
    )


def find_actors(sentence: str, offset: int = 0) -> list[Actor]:
    """Actor mentions in ``sentence`` in text order; spans shifted by ``offset``.

    Example:
        >>> [(a.name, a.country, a.sector) for a in find_actors("Russian warplanes hit rebels.")]
        [('Military Forces of Russia', 'RUS', 'MIL'), ('Rebels', None, 'REB')]
    """
    pattern, _, _ = _matcher()
    return [_actor(m, offset) for m in pattern.finditer(sentence)]


def _overlaps(span: Span | None, others: Iterable[Span]) -> bool:
    return span is not None and any(span.start < o.end and o.start < span.end for o in others)


def pick_roles(
    sentence: str,
    actors: list[Actor],
    offset: int = 0,
    trigger: Span | None = None,
    exclude: Iterable[Span] = (),
) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) among ``actors`` of ``sentence`` (see the module docstring for the rules).

    ``offset`` is where the sentence starts in the article (the actors' spans include it);
    ``trigger`` is the event trigger, used as the pivot when no event verb is found;
    ``exclude`` holds spans (the cited sources) whose actors play no role.
    """
    excluded = list(exclude)
    cands = [a for a in actors if a.span is not None and not _overlaps(a.span, excluded)]
    if not cands:
        return None, None

    def rel(a: Actor) -> tuple[int, int]:
        assert a.span is not None
        return a.span.start - offset, a.span.end - offset

    def other(first: Actor | None, after: int) -> Actor | None:
        for a in cands:
            if a is not first and rel(a)[0] >= after and (first is None or a.name != first.name):
                return a
        return None

    for a in cands:
        if _BY_BEFORE.search(sentence, 0, rel(a)[0]):
            patient = next((b for b in cands if b is not a and b.name != a.name), None)
            return a, patient
    for first, second in itertools.pairwise(cands):
        between = sentence[rel(first)[1] : rel(second)[0]]
        if _BETWEEN_BEFORE.search(sentence, 0, rel(first)[0]) and _AND_BETWEEN.match(between):
            return first, second

    pivot_start = pivot_end = None
    for m in _PIVOT.finditer(sentence):
        if not _overlaps(Span(offset + m.start(), offset + m.end(), ""), excluded):
            pivot_start, pivot_end = m.start(), m.end()
            break
    if pivot_start is None and trigger is not None:
        pivot_start, pivot_end = trigger.start - offset, trigger.end - offset
    if pivot_start is None or pivot_end is None:
        return None, None
    before = [a for a in cands if rel(a)[0] < pivot_start]
    if _PASSIVE_BEFORE.search(sentence, 0, pivot_start):
        # "Five people were killed when Russian drones hit ...": the armed actor after the verb
        # acted, the one before it was acted on.
        patient = before[-1] if before else None
        agent = next(
            (a for a in cands if rel(a)[0] >= pivot_end and a.sector not in _TARGET_SECTORS), None
        )
        return agent, patient
    agent = before[-1] if before else None
    patient = other(agent, pivot_end)
    if patient is None and len(before) >= 2:
        # "The army and the rebels fought ...": two subjects joined by "and".
        first, second = before[-2], before[-1]
        if (
            _AND_BETWEEN.match(sentence[rel(first)[1] : rel(second)[0]])
            and first.name != second.name
        ):
            return first, second
    return agent, patient
