"""Step: spatial minimality before any pick, a candidate close to the other names' candidates.

"Paris" and "Henry County" together mean Paris, Tennessee: each candidate gains
``Weights.colocate`` for every *other* name of the article with a candidate near it (up to
``Weights.colocate_cap`` names); a first-level division counts as near the names that have a
candidate inside it, wherever its own point is. Countries gain nothing (they are near all).
"""

from __future__ import annotations

import numpy as np

from sitrep.geo.normalise import light_key
from sitrep.geo.resolve.arrays import haversine_km
from sitrep.geo.resolve.context import ArticleContext, Resolution
from sitrep.geo.sources import KIND_CODE

__all__ = ["colocate"]

_COUNTRY, _ADMIN1 = KIND_CODE["country"], KIND_CODE["admin1"]


def _rows_per_name(ctx: ArticleContext) -> dict[str, np.ndarray]:
    """Each distinct name's best non-country candidates (by prior), first mention's."""
    g, limit = ctx.gaz, ctx.weights.colocate_candidates
    per_name: dict[str, np.ndarray] = {}
    for res in ctx.results:
        key = light_key(res.mention.span.text)
        if len(res.candidates) == 0 or key in per_name:
            continue
        rows = res.candidates
        rows = rows[g.kind[rows] != _COUNTRY]
        if len(rows) > limit:
            rows = rows[np.argsort(-res.scores[np.isin(res.candidates, rows)])[:limit]]
        per_name[key] = rows  # even when empty: the name's first mention speaks for it
    return {key: rows for key, rows in per_name.items() if len(rows)}


class _Others:
    """The other names' candidates as one block of columns (one column per name)."""

    def __init__(self, ctx: ArticleContext, per_name: dict[str, np.ndarray]):
        g = ctx.gaz
        self.keys = list(per_name)
        sizes = np.array([len(per_name[k]) for k in self.keys])
        rows = np.concatenate([per_name[k] for k in self.keys])
        self.offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        self.lat, self.lon = g.lat[rows][None, :], g.lon[rows][None, :]
        self.column = {k: i for i, k in enumerate(self.keys)}
        self.columns_in: dict[int, list[int]] = {}  # admin1 code -> names with a candidate in it
        for j, k in enumerate(self.keys):
            for code in set(g.admin1[per_name[k]].tolist()):
                self.columns_in.setdefault(code, []).append(j)


def _support(ctx: ArticleContext, res: Resolution, others: _Others) -> np.ndarray:
    """Per candidate of ``res``, how many other names have a candidate near it (capped)."""
    g, w = ctx.gaz, ctx.weights
    own = light_key(res.mention.span.text)
    rows = res.candidates
    d = haversine_km(g.lat[rows][:, None], g.lon[rows][:, None], others.lat, others.lon)
    near = np.exp(-np.minimum.reduceat(d, others.offsets, axis=1) / w.near_km)
    for i in np.flatnonzero(g.kind[rows] == _ADMIN1).tolist():
        cols = others.columns_in.get(int(g.admin1[rows[i]]))
        if cols:
            near[i, cols] = 1.0
    if own in others.column:
        near[:, others.column[own]] = 0.0
    return np.minimum(near.sum(axis=1), w.colocate_cap) * (g.kind[rows] != _COUNTRY)


def colocate(ctx: ArticleContext) -> None:
    """Add each candidate's closeness to the other names' candidates to its score."""
    per_name = _rows_per_name(ctx)
    if len(per_name) < 2:
        return
    others = _Others(ctx, per_name)
    support_of: dict[tuple[str, bytes], np.ndarray] = {}
    for res in ctx.results:
        if len(res.candidates) == 0:
            continue
        # Same name, same candidates: same support ("Clay" in "Clay and Becker counties"
        # has county candidates only, a bare "Clay" elsewhere has them all).
        cache_key = (light_key(res.mention.span.text), res.candidates.tobytes())
        support = support_of.get(cache_key)
        if support is None:
            support = support_of[cache_key] = _support(ctx, res, others)
        res.scores = res.scores + ctx.weights.colocate * support
