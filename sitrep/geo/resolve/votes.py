"""Step: the article's votes for countries and first-level divisions.

One voice per *distinct name* (eight "Alexandria"s do not outvote one "Virginia"), each spread
over its candidates by their current scores (or on its pick, once picks are made), so that a
mention can be scored against the votes of the *other* names alone. A ``country_hint`` counts
as at least ``Weights.hint_votes`` names for its country.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sitrep.geo.normalise import light_key
from sitrep.geo.resolve.context import ArticleContext, Resolution
from sitrep.geo.sources import KIND_CODE

__all__ = ["TINY_SHARE", "Votes", "allowed_countries", "count_votes"]

TINY_SHARE = 1e-9  # a share this small is no share (a float sum of cancelled votes)
# Per name: country indexes and weights, admin1 indexes and weights.
_Sparse = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@dataclass
class Votes:
    """Per distinct name its sparse votes, their dense totals (the last slot of each counts
    unknown countries/divisions), and the total weight (names + the hint's pseudo-votes)."""

    names: dict[str, _Sparse]
    total_c: np.ndarray
    total_a: np.ndarray
    weight: float

    def context(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Country and admin1 shares among the *other* names of the article."""
        own = self.names.get(key)
        if own is None:
            w = self.weight
            return (self.total_c / w, self.total_a / w) if w else (self.total_c, self.total_a)
        w = self.weight - 1.0
        if w <= 0:
            return np.zeros_like(self.total_c), np.zeros_like(self.total_a)
        c, a = self.total_c.copy(), self.total_a.copy()
        np.subtract.at(c, own[0], own[1])
        np.subtract.at(a, own[2], own[3])
        return c / w, a / w

    def countries(self) -> dict[int, float]:
        """Share of the article's names per country (all names)."""
        if not self.weight:
            return {}
        nz = np.flatnonzero(self.total_c[:-1])
        return {int(c): float(self.total_c[c] / self.weight) for c in nz}


def allowed_countries(ctx: ArticleContext, votes: Votes) -> list[int]:
    """The article's leading countries, largest share first: where a name the gazetteer lacks
    is looked for loosely, and what a fall-back may place it in."""
    w = ctx.weights
    ranked = sorted(votes.countries().items(), key=lambda kv: -kv[1])
    return [c for c, share in ranked if share >= w.allowed_share][: w.allowed_countries]


def _ballots(
    ctx: ArticleContext, chosen: bool
) -> dict[str, tuple[list[np.ndarray], list[np.ndarray]]]:
    """Per name: the rows each of its mentions votes for, and the weights."""
    per_name: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    floor = ctx.weights.vote_floor
    for res in ctx.results:
        if not _votes_at_all(res):
            continue
        if chosen and res.row is not None:
            rows, probs = np.array([res.row]), np.array([1.0])
        else:
            s = res.scores - res.scores.max()
            probs = np.exp(s)
            probs /= probs.sum()
            rows = res.candidates
        keep = probs >= floor
        entry = per_name.setdefault(light_key(res.mention.span.text), ([], []))
        entry[0].append(rows[keep])
        entry[1].append(probs[keep])
    return per_name


def _votes_at_all(res: Resolution) -> bool:
    """A dateline or a modifier says where the outlet is, not the story; a mention whose
    candidates were judged wrong votes for nothing."""
    if len(res.candidates) == 0 or res.mention.kind in ("dateline", "modifier"):
        return False
    return res.why_unplaced is None or res.row is not None


def count_votes(ctx: ArticleContext, chosen: bool = False) -> Votes:
    """The article's votes, from candidate scores, or from picks where ``chosen``."""
    g = ctx.gaz
    nc, na = len(g.countries) + 1, len(g.admin1_keys) + 1
    names: dict[str, _Sparse] = {}
    for key, (row_parts, prob_parts) in _ballots(ctx, chosen).items():
        rows = np.concatenate(row_parts)
        probs = np.concatenate(prob_parts) / len(row_parts)
        cc, a1 = g.cc[rows].astype(np.int64), g.admin1[rows].astype(np.int64)
        a1_ok = (a1 >= 0) & (g.kind[rows] != KIND_CODE["country"])
        c_ok = cc >= 0  # unknown country / admin1 (-1) votes for nothing
        names[key] = (cc[c_ok], probs[c_ok], a1[a1_ok], probs[a1_ok])
    total_c, total_a = np.zeros(nc), np.zeros(na)
    if names:
        parts = list(names.values())
        total_c = np.bincount(
            np.concatenate([p[0] for p in parts]),
            weights=np.concatenate([p[1] for p in parts]),
            minlength=nc,
        )
        total_a = np.bincount(
            np.concatenate([p[2] for p in parts]),
            weights=np.concatenate([p[3] for p in parts]),
            minlength=na,
        )
    weight = float(len(names))
    if ctx.hint >= 0:
        extra = max(ctx.weights.hint_votes, weight)
        total_c[ctx.hint] += extra
        weight += extra
    return Votes(names, total_c, total_a, weight)
