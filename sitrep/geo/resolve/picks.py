"""Step: pick each mention's best candidate, its prior plus the article's context.

Context, from the *other* names only: the share of their votes in the candidate's country and
first-level division; a division's name gets its country's share again (a state named in a US
report is the state, not the village of Florida, New York; not for a division named like a
town inside it, "Aleppo", or like its country's capital, "Washington"); a division in a country
no other name points to loses a little; a town just across the border of a country the others
point to shares in that country's vote ("Gaza" next to "Israel"); the ``country_hint``; a
parent named next to the mention; and, from the second round on, closeness to the other names'
picks (a division being close to the places inside it).
"""

from __future__ import annotations

import math

import numpy as np

from sitrep.geo.normalise import light_key
from sitrep.geo.resolve.arrays import haversine_km, isin
from sitrep.geo.resolve.context import BROAD, ArticleContext, Resolution, precision_of
from sitrep.geo.resolve.votes import TINY_SHARE, Votes
from sitrep.geo.sources import KIND_CODE

__all__ = ["Anchors", "beside", "context_score", "inside", "pick"]

_COUNTRY, _ADMIN1, _CITY = KIND_CODE["country"], KIND_CODE["admin1"], KIND_CODE["city"]

Anchors = tuple[np.ndarray, np.ndarray]  # the previous round's picks: name keys, rows
_Points = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # keys, lat, lon, admin1


def pick(ctx: ArticleContext, votes: Votes, anchors: Anchors | None = None) -> Anchors:
    """Pick every mention's best candidate; returns the picks below division level as the
    anchors of the next round."""
    g = ctx.gaz
    keys_a: list[str] = []
    rows_a: list[int] = []
    shares: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    points = None
    if anchors is not None:
        a_keys, a_rows = anchors
        points = (a_keys, g.lat[a_rows], g.lon[a_rows], g.admin1[a_rows])
    memo: dict[tuple[str, bytes, bytes], np.ndarray] = {}
    for res, parent in zip(ctx.results, ctx.parents, strict=True):
        rows = res.candidates
        if len(rows) == 0:
            continue
        key = light_key(res.mention.span.text)
        if key not in shares:
            shares[key] = votes.context(key)
        # The same name with the same candidates and priors and no parent of its own scores
        # the same (its context leaves out all of its own mentions): score it once.
        memo_key = (key, rows.tobytes(), res.scores.tobytes()) if parent is None else None
        score = memo.get(memo_key) if memo_key is not None else None
        if score is None:
            score = context_score(ctx, res, key, shares[key], parent, points)
            if memo_key is not None:
                memo[memo_key] = score
        _choose(ctx, res, score)
        if g.kind[res.row] not in BROAD:
            keys_a.append(key)
            rows_a.append(res.row)
    return np.array(keys_a, dtype=object), np.array(rows_a, dtype=np.int64)


def _choose(ctx: ArticleContext, res: Resolution, score: np.ndarray) -> None:
    """The best-scoring candidate, with a softmax confidence."""
    res.final = score
    best = int(np.argmax(score))
    probs = np.exp(score - score[best])
    res.row = int(res.candidates[best])
    res.confidence = round(float(1.0 / probs.sum()), 3)
    res.precision = precision_of(ctx.gaz, res.row)


def context_score(
    ctx: ArticleContext,
    res: Resolution,
    key: str,
    shares: tuple[np.ndarray, np.ndarray],
    parent: np.ndarray | None,
    points: _Points | None,
) -> np.ndarray:
    """Prior + the article's context for one mention's candidates (``shares``: the other
    names' country and division shares; ``points``: the previous round's picks)."""
    g, w = ctx.gaz, ctx.weights
    rows = res.candidates
    score = res.scores.copy()
    cvec, avec = shares
    cc, a1, kind = g.cc[rows], g.admin1[rows], g.kind[rows]
    not_country = kind != _COUNTRY
    score += w.country * cvec[cc]
    score += w.admin1 * avec[a1] * not_country
    division = kind == _ADMIN1
    if division.any():
        city = kind == _CITY
        division &= ~isin(a1, a1[city]) & ~isin(cc, cc[city & g.capital[rows]])
        score += w.division * cvec[cc] * division
    if w.abroad and cvec.any():
        # A division in a country no other name points to is a weaker reading of a bare
        # name than its namesake town in a country the article is about ("Gaza" next to
        # "Palestinians" is no province of Mozambique).
        score -= w.abroad * ((kind == _ADMIN1) & (cvec[cc] <= 0))
    if w.border and cvec.any():
        score += w.border * beside(ctx, rows, cvec)
    if w.capital_named and len(res.quality) == len(rows):
        # "pressure on Islamabad" in an Indian story that names Pakistan: a capital called by
        # its own name, in a story that names its country, is no other town's other name
        # (Anantnag, called Islamabad too, in the Kashmir of the story). Namesakes by their own
        # name (Paris, Texas; London, Ontario), and the story's own capital, are left to the
        # context.
        primary = res.quality >= 1.0
        abroad = (cvec[cc] > 0) & (cvec[cc] < cvec[:-1].max())  # named, not the story's
        named_capital = g.capital[rows] & primary & abroad
        if named_capital.any():
            score -= w.capital_named * ~primary
    if ctx.hint >= 0:
        score += w.hint * (cc == ctx.hint)
    if parent is not None:
        score += w.parent * inside(ctx, rows, parent)
    near = _nearness(ctx, key, rows, points) if points is not None else None
    if near is not None:
        score += w.near * near * not_country
    return score


def _nearness(
    ctx: ArticleContext, key: str, rows: np.ndarray, points: _Points
) -> np.ndarray | None:
    """exp(-km / near_km) to the closest pick of another name (None when there is none); a
    division is near the picks that lie inside it, wherever its point is."""
    g = ctx.gaz
    a_keys, a_lat, a_lon, a_a1 = points
    other = a_keys != key  # the other names' picks, never this name's own
    if not other.any():
        return None
    d = haversine_km(
        g.lat[rows][:, None], g.lon[rows][:, None], a_lat[other][None, :], a_lon[other][None, :]
    )
    near = np.exp(-np.min(d, axis=1) / ctx.weights.near_km)
    is_a1 = g.kind[rows] == _ADMIN1
    if is_a1.any():
        near[is_a1] = np.maximum(near[is_a1], isin(g.admin1[rows][is_a1], a_a1[other]))
    return near


def beside(ctx: ArticleContext, rows: np.ndarray, cvec: np.ndarray) -> np.ndarray:
    """Per candidate, the largest share of the article's names held by a country the
    candidate is not in but lies next to (within a grid cell of one of its places):
    "Gaza" in a report that names Israel is the city on Israel's border, not the province
    of Mozambique no name points to. 0 for countries and first-level divisions (a region
    of Burkina Faso is no part of the Mali a report names) and for candidates whose own
    country has votes (the country term speaks for those)."""
    g = ctx.gaz
    out = np.zeros(len(rows))
    lead = [int(c) for c in np.flatnonzero(cvec[:-1] >= ctx.weights.border_lead)]
    if not lead:
        return out
    cc = g.cc[rows]
    for i, r in enumerate(rows.tolist()):
        if g.kind[r] in BROAD or cvec[cc[i]] > TINY_SHARE:
            continue  # a division abroad is no town on the border ("Sahel" in Mali)
        lat, lon = math.floor(float(g.lat[r])), math.floor(float(g.lon[r]))
        around = {(lat + a, lon + b) for a in (-1, 0, 1) for b in (-1, 0, 1)}
        for c in lead:
            if cvec[c] > out[i] and not around.isdisjoint(ctx.lookup.cells(c)):
                out[i] = float(cvec[c])
    return out


def inside(ctx: ArticleContext, rows: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """1.0 where a candidate lies in or near one of the parent's candidates."""
    g, w = ctx.gaz, ctx.weights
    hit = np.zeros(len(rows))
    for p in parent.tolist()[: w.parent_candidates]:
        kind = int(g.kind[p])
        if kind == _COUNTRY:
            hit = np.maximum(hit, g.cc[rows] == g.cc[p])
        elif kind == _ADMIN1:
            hit = np.maximum(hit, (g.admin1[rows] == g.admin1[p]) & (g.cc[rows] == g.cc[p]))
        else:
            d = haversine_km(g.lat[rows], g.lon[rows], g.lat[p], g.lon[p])
            hit = np.maximum(hit, d < w.parent_km)
    return hit
