"""Fall-back helper: a place named inside a name the gazetteer lacks.

"Vancouver Art Gallery", "Port of Los Angeles", "Greater Toronto Area": the longest run of
words that does not start or end with a feature word (``vocab/place_feature_words.csv``) and
names a place (not a country) in the article's leading countries, or a continent ("Southern
Europe"); hyphens split words ("Montreal-Pierre Elliott Trudeau International Airport").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from sitrep import vocab
from sitrep.geo.normalise import light_key
from sitrep.geo.resolve.context import ArticleContext, Resolution, precision_of
from sitrep.geo.resolve.lookup import Candidates
from sitrep.geo.resolve.priors import prior
from sitrep.geo.resolve.votes import Votes
from sitrep.geo.sources import KIND_CODE

__all__ = ["place_by_part", "places_inside"]

_COUNTRY, _CONTINENT = KIND_CODE["country"], KIND_CODE["continent"]


def places_inside(ctx: ArticleContext, text: str, allowed: Sequence[int]) -> tuple[Candidates, str]:
    """(candidates, the part that names them) for the longest fitting run of words of
    ``text``; no rows when none fits."""
    g, w = ctx.gaz, ctx.weights
    feature = vocab.place_feature_words()
    words = re.findall(r"[\w'’.]+", text)
    none: Candidates = (np.zeros(0, dtype=np.int32), np.zeros(0), None, "none")
    if not allowed or len(words) < 2 or len(words) > w.part_max_words:
        return none, ""
    countries = np.asarray(allowed, dtype=np.int16)
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i : i + n]
            if part[0].lower() in feature or part[-1].lower() in feature:
                continue
            if not part[0][:1].isupper() or len("".join(part)) < w.part_min_letters:
                continue
            phrase = " ".join(part)
            rows, quality, implied, method = ctx.lookup.find(phrase)
            kind = g.kind[rows]
            keep = (np.isin(g.cc[rows], countries) & (kind != _COUNTRY)) | (kind == _CONTINENT)
            if keep.any():
                return (rows[keep], quality[keep], implied, method), phrase
    return none, ""


def place_by_part(
    ctx: ArticleContext, res: Resolution, votes: Votes, state: int, allowed: Sequence[int]
) -> str | None:
    """Place an unknown name at a place named inside it, within the article's main state
    (``state``, -1 none) when it has one, scored like a pick; precision 2 at best. Returns
    the part it was placed at, or None (nothing changed)."""
    g, w = ctx.gaz, ctx.weights
    (rows, quality, implied, _), part = places_inside(ctx, res.mention.span.text, allowed)
    if state >= 0 and len(rows):
        keep = g.admin1[rows] == state
        rows, quality = rows[keep], quality[keep]
    if len(rows) == 0:
        return None
    cvec, avec = votes.context(light_key(res.mention.span.text))
    score = prior(ctx, rows, quality, implied)
    score += w.country * cvec[g.cc[rows]] + w.admin1 * avec[g.admin1[rows]]
    best = int(rows[int(np.argmax(score))])
    res.row, res.method = best, "partial"
    res.precision = max(precision_of(g, best), 2)
    res.confidence = w.part_confidence
    return part
