"""Step: each candidate's prior, what a bare name most likely means before any context.

Countries and continents are what a bare name usually means, then first-level divisions, then
towns by log population (a national capital over its namesakes); a county only when the
phrase says "County"/"Parish"; a division named like a town inside it ("Aleppo", "Kharkiv")
means the town unless the wording says "province", and so does one named like its country's
capital ("Kiev"). Alternate-name, loose and fuzzy matches
cost in proportion to their match quality.
"""

from __future__ import annotations

import numpy as np

from sitrep.geo.resolve.arrays import isin
from sitrep.geo.resolve.context import ArticleContext
from sitrep.geo.sources import KIND_CODE

__all__ = ["prior"]

_CITY, _ADMIN1, _ADMIN2 = KIND_CODE["city"], KIND_CODE["admin1"], KIND_CODE["admin2"]


def prior(
    ctx: ArticleContext, rows: np.ndarray, quality: np.ndarray, implied: str | None
) -> np.ndarray:
    """Prior score per candidate row; ``implied`` is the kind the wording names, if any."""
    g, w = ctx.gaz, ctx.weights
    kind = g.kind[rows]
    pop = g.population[rows]
    score = ctx.kind_prior[kind].copy()
    city = kind == _CITY
    score[city] = np.log10(pop[city] + w.population_offset) + w.capital * g.capital[rows][city]
    score += w.quality * (quality - 1.0)
    a1 = kind == _ADMIN1
    if a1.any() and city.any() and implied != "admin1":
        named_like = isin(g.admin1[rows][a1], np.unique(g.admin1[rows][city]))
        # "Kiev": the province around a national capital named by it, whose city is a
        # division of its own ("Kyiv City"), still means the capital
        capitals = city & g.capital[rows]
        if capitals.any():
            named_like |= isin(g.cc[rows][a1], g.cc[rows][capitals])
        score[a1] -= w.named_like_city * named_like
    if implied == "admin1":  # "X region" may be a region across borders ("the Sahel")
        score[(kind == _ADMIN1) | (kind == KIND_CODE["region"])] += w.said_admin1
    elif implied == "admin2":
        score[kind == _ADMIN2] += w.said_admin2
    else:
        score[kind == _ADMIN2] -= w.bare_admin2
    return score
