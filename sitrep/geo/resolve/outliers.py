"""Step: doubt picks the article itself argues against, so the fall-backs place them instead.

Two kinds. A town the text puts in a country it is not in ("Solhan in northeast Burkina Faso"
is no town of Turkey). And a small pick no other name supports: a town under
``Weights.outlier_pop`` in a country (or a state) no other name points to when the others
agree on one or all point to countries the article names outright, or a town under
``Weights.named_pop`` when the country leading the others' votes is one the article names
outright, by name or nationality ("Moura" in Portugal in a report on Mali), or under ``Weights.part_pop`` when the text calls it a part of a town ("the al-Jadida
district" of Mosul is no El Jadida in Morocco: a city abroad is no district of the story's
town). A doubted state namesake is re-picked inside the article's state when it can be.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from sitrep import vocab
from sitrep.geo.normalise import light_key
from sitrep.geo.resolve.arrays import haversine_km
from sitrep.geo.resolve.context import ArticleContext, Resolution, precision_of
from sitrep.geo.resolve.votes import TINY_SHARE, count_votes
from sitrep.geo.sources import KIND_CODE

__all__ = ["reject_outliers", "reject_outside_parent"]

_COUNTRY, _CITY = KIND_CODE["country"], KIND_CODE["city"]


def _outside_parent(ctx: ArticleContext, res: Resolution, parent: Resolution | None) -> str | None:
    """Why a place is not where the text puts it, or None: a town in a parent country it is
    not in, or a place far from the town the text calls it a part of ("the al-Zahraa district
    of Homs" is no al-Zahraa 190 km north, beside Nubl; "Vodiane, east of Mariupol" may lie
    anywhere east of it)."""
    g, r = ctx.gaz, res.row
    if r is None or parent is None or parent.row is None or res.mention.parent is None:
        return None
    p = parent.row
    if g.kind[p] == _COUNTRY:
        if g.kind[r] != _CITY or g.cc[r] == g.cc[p]:
            return None
        where = g.country_iso3(r)
    elif (
        g.kind[p] == _CITY
        and g.kind[r] != _COUNTRY
        and g.population[r] <= g.population[p]
        and _called_part(ctx, res)
    ):
        # a part bigger than the town it is called a part of is read the other way round:
        # "the Cincinnati suburb of West Chester" names the suburb last
        km = float(haversine_km(g.lat[r], g.lon[r], g.lat[p], g.lon[p]))
        if km <= ctx.weights.parent_km:
            return None
        where = f"{km:.0f} km away"
    else:
        return None
    return (
        f"{res.mention.span.text!r}: its gazetteer match {g.names[r]!r} ({where}) "
        f"is not in {parent.mention.span.text}, where the text puts it"
    )


def reject_outside_parent(ctx: ArticleContext) -> None:
    """Un-pick a place the text puts where it is not (``_outside_parent``); one name, one place
    in an article, so its other mentions ("the Moura killings") go too and take the same parent."""
    wrong: dict[tuple[str, int], str] = {}
    for res, parent in zip(ctx.results, ctx.parent_of, strict=True):
        why = _outside_parent(ctx, res, parent)
        if why is not None and res.row is not None:
            wrong[(light_key(res.mention.span.text), res.row)] = why
    where = {
        light_key(res.mention.span.text): ctx.parent_of[i]
        for i, res in enumerate(ctx.results)
        if res.mention.parent is not None
    }
    for i, res in enumerate(ctx.results):
        key = light_key(res.mention.span.text)
        why = wrong.get((key, res.row if res.row is not None else -1))
        if why is not None:
            res.unpick(why)
            if ctx.parent_of[i] is None:
                ctx.parent_of[i] = where.get(key)


@functools.cache
def _part_words() -> re.Pattern[str]:
    """The words that make a name a part of a town ("district", "neighbourhood", "quarter"),
    written after it or ending it."""
    words = [a.text for a in vocab.place_affixes() if a.role == "suffix" and a.value == "part"]
    return re.compile(rf"(?i)\s+(?:{'|'.join(map(re.escape, words))})\b")


def _called_part(ctx: ArticleContext, res: Resolution) -> bool:
    span = res.mention.span
    words = _part_words()
    return bool(words.search(span.text)) or bool(ctx.text and words.match(ctx.text, span.end))


def _named_by(ctx: ArticleContext) -> dict[int, set[str]]:
    """Country index -> the names that name it outright (picked as the country itself)."""
    g = ctx.gaz
    named_by: dict[int, set[str]] = {}
    for res in ctx.results:
        if res.row is not None and g.kind[res.row] == _COUNTRY:
            named_by.setdefault(int(g.cc[res.row]), set()).add(light_key(res.mention.span.text))
    return named_by


def _named_lead(
    ctx: ArticleContext, cvec: np.ndarray, named_by: dict[int, set[str]], key: str
) -> bool:
    """Whether a country the article names outright (not only through its towns) leads the
    other names' votes for any country, with at least ``Weights.named_share`` of them."""
    total = float(cvec[:-1].sum())
    if total <= 0:
        return False
    top = max((float(cvec[c]) for c, keys in named_by.items() if keys - {key}), default=0.0)
    return (
        top > 0 and top >= cvec[:-1].max() - TINY_SHARE and top >= ctx.weights.named_share * total
    )


def _all_named(cvec: np.ndarray, named_by: dict[int, set[str]], key: str) -> bool:
    """Whether the other names point to two or more countries, all named outright and none
    unknown: "Mali, Burkina Faso and Niger", and "larger than Germany", leave no room for a
    Moura in Portugal, though no one country leads."""
    voted = np.flatnonzero(cvec[:-1] >= TINY_SHARE)
    named = {c for c, keys in named_by.items() if keys - {key}}
    return len(voted) >= 2 and cvec[-1] < TINY_SHARE and all(int(c) in named for c in voted)


def _repick_in_state(ctx: ArticleContext, res: Resolution, state: int) -> bool:
    """Take the best-scoring namesake inside ``state``, if the name has one there."""
    inside = np.flatnonzero(ctx.gaz.admin1[res.candidates] == state)
    if not len(inside):
        return False
    j = int(inside[np.argmax(res.final[inside])]) if res.final is not None else int(inside[0])
    res.row = int(res.candidates[j])
    res.precision = precision_of(ctx.gaz, res.row)
    return True


def _doubt(
    ctx: ArticleContext,
    res: Resolution,
    shares: tuple[np.ndarray, np.ndarray],
    named_by: dict[int, set[str]],
    others: float = 0.0,
) -> str | None:
    """Where a picked town stands against the other names' votes, when that makes it doubtful
    (None: keep it, or it was re-picked inside the article's state); ``others``: how many
    other names voted."""
    g, w = ctx.gaz, ctx.weights
    r = res.row
    assert r is not None
    cvec, avec = shares
    unsupported = cvec[g.cc[r]] < TINY_SHARE
    small = g.population[r] < w.outlier_pop
    if unsupported and small and cvec[:-1].max() >= w.agree_share:
        return f"({g.country_iso3(r)}) is a small place in a country"
    if (
        unsupported
        and g.population[r] < w.named_pop
        and others >= w.unanimous_names
        and cvec[:-1].max() >= w.unanimous_share * float(cvec[:-1].sum())
    ):
        return f"({g.country_iso3(r)}) is a town in a country"
    if unsupported and small and _all_named(cvec, named_by, light_key(res.mention.span.text)):
        return f"({g.country_iso3(r)}) is a small place in a country"
    lead = unsupported and _named_lead(ctx, cvec, named_by, light_key(res.mention.span.text))
    if lead and (g.population[r] < w.named_pop or _called_part(ctx, res)):
        return f"({g.country_iso3(r)}) is a town in a country"
    if not (w.state_outliers and small and g.admin1[r] >= 0):
        return None
    if avec[g.admin1[r]] >= TINY_SHARE or avec[:-1].max() < w.agree_share:
        return None
    if _repick_in_state(ctx, res, int(np.argmax(avec[:-1]))):
        return None
    return f"({g.admin1_name(r)}) is a small place in a province/state"


def reject_outliers(ctx: ArticleContext) -> None:
    """Un-pick each small town no other name of the article supports (see the module doc)."""
    g, w = ctx.gaz, ctx.weights
    votes = count_votes(ctx, chosen=True)
    named_by = _named_by(ctx)
    for res in ctx.results:
        r = res.row
        if r is None or res.method not in ("exact", "loose", "fuzzy"):
            continue
        if g.kind[r] != _CITY or g.population[r] >= w.part_pop:
            continue
        key = light_key(res.mention.span.text)
        others = votes.weight - (1.0 if key in votes.names else 0)
        if others < w.min_others:
            continue
        where = _doubt(ctx, res, votes.context(key), named_by, others)
        if where is not None:
            res.unpick(
                f"{res.mention.span.text!r}: its gazetteer match {g.names[r]!r} {where} "
                "the article does not otherwise name"
            )
