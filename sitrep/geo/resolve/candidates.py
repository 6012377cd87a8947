"""Step: each mention's candidate rows and their priors.

First exact (light-key) matches of the phrase or its shortened variants; a name that ends a
list "X, Y and Z counties" is looked up as "X County" first. Then, once the exact matches have
voted, a name still without candidates is looked up loosely (transliteration skeleton) and by
fuzzy spelling, but only among places in the article's leading countries (and the hinted one),
so "al-Haamah" never becomes Hama and no misspelling lands in Kashgar.
"""

from __future__ import annotations

import re

import numpy as np

from sitrep.geo.resolve.context import ArticleContext
from sitrep.geo.resolve.lookup import division_after
from sitrep.geo.resolve.priors import prior
from sitrep.geo.resolve.votes import allowed_countries, count_votes

__all__ = ["exact_candidates", "inexact_candidates"]

# "Becker, Clay and Douglas counties": every name of the list is a county.
_COUNTY_LIST = re.compile(
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)*"
    r"\s+(counties|parishes)\b"
)


def _division_words(ctx: ArticleContext) -> dict[str, str]:
    """Names the article once writes with a division word only some countries use ("Sahel
    state"), with that word: one name is one place in an article, so the word rules out the
    other countries' namesakes at every mention ("Sahel's Moura area" too)."""
    out: dict[str, str] = {}
    for res in ctx.results if ctx.text else ():
        word = division_after(ctx.text, res.mention.span.end)
        if word:
            out.setdefault(res.mention.span.text, word)
    return out


def exact_candidates(ctx: ArticleContext) -> None:
    """Exact candidates, match quality, method and prior of every mention."""
    divisions = _division_words(ctx)
    for res in ctx.results:
        span = res.mention.span
        word = divisions.get(span.text)
        rows, quality, implied, method = ctx.lookup.find(
            f"{span.text} {word}" if word else span.text
        )
        listed = _COUNTY_LIST.match(ctx.text, span.end) if ctx.text else None
        if listed:
            unit = "County" if listed.group(1).lower() == "counties" else "Parish"
            c_rows, c_quality, _, c_method = ctx.lookup.find(f"{span.text} {unit}")
            if len(c_rows):
                rows, quality, implied, method = c_rows, c_quality, "admin2", c_method
        if res.mention.kind in ("admin1", "admin2") and implied is None:
            implied = res.mention.kind
        res.candidates, res.quality, res.method = rows, quality, method
        res.scores = prior(ctx, rows, quality, implied) if len(rows) else np.zeros(0)


def inexact_candidates(ctx: ArticleContext) -> None:
    """Loose and fuzzy candidates for the names without exact ones, inside the countries the
    exact matches vote for."""
    allowed = allowed_countries(ctx, count_votes(ctx))
    if ctx.hint >= 0 and ctx.hint not in allowed:
        allowed.insert(0, ctx.hint)
    if not allowed:
        return
    divisions = _division_words(ctx)
    for res in ctx.results:
        if len(res.candidates) == 0:
            word = divisions.get(res.mention.span.text)
            phrase = f"{res.mention.span.text} {word}" if word else res.mention.span.text
            rows, quality, implied, method = ctx.lookup.find(phrase, allowed)
            if len(rows):
                res.candidates, res.quality, res.method = rows, quality, method
                res.scores = prior(ctx, rows, quality, implied)
