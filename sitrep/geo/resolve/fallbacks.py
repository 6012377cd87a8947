"""Step: a place, with a worse precision and a reason, for every name left unplaced.

In order: the parent named next to it (precision 2/3); a place named inside the name ("Port of
Los Angeles", precision 2); the article's main state/province (at least ``Weights.state_names``
other names and ``Weights.state_share`` of them in it, precision 3); its leading country
(precision 3). A string that cannot be a name (empty, no letters, a script the gazetteer lacks,
absurdly long), or an article with no context, stays unresolved (precision ``None``, reason in
``Resolution.reason``); the other mentions are resolved regardless.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from sitrep.geo.normalise import fold, light_key
from sitrep.geo.resolve.context import BROAD, ArticleContext, Resolution
from sitrep.geo.resolve.parts import place_by_part
from sitrep.geo.resolve.votes import Votes, allowed_countries
from sitrep.geo.sources import KIND_CODE

__all__ = ["MAX_NAME_CHARS", "fallbacks", "plausible_name", "why_unresolved"]

MAX_NAME_CHARS = 80  # a longer string is no place name
_COUNTRY, _CITY = KIND_CODE["country"], KIND_CODE["city"]


@dataclass
class _Where:
    """Where the article's placed names (not fall-backs) lie: what the fall-backs lean on."""

    countries: dict[int, float]  # share of names per country (the votes)
    names_in_cc: dict[int, set[str]] = field(default_factory=dict)
    names_in_a1: dict[int, set[str]] = field(default_factory=dict)
    named: set[int] = field(default_factory=set)  # countries named outright
    top: int | None = None  # the leading country
    top_share: float = 0.0
    state: int = -1  # the main first-level division, -1 none
    n_state: int = 0  # names in it
    allowed: list[int] = field(default_factory=list)  # the leading countries


def _where(ctx: ArticleContext, votes: Votes) -> _Where:
    """Summarise the article once, before any fall-back changes a result."""
    g, w = ctx.gaz, ctx.weights
    at = _Where(votes.countries(), allowed=allowed_countries(ctx, votes))
    mentions: dict[int, int] = {}
    first: dict[int, int] = {}
    for r in ctx.results:
        if r.row is None or r.method in ("country", "admin1", "parent"):
            continue
        key = light_key(r.mention.span.text)
        cc = int(g.cc[r.row])
        at.names_in_cc.setdefault(cc, set()).add(key)
        if g.kind[r.row] != _COUNTRY:  # a town or province, not "Russian", "the Russians"
            mentions[cc] = mentions.get(cc, 0) + 1
        first[cc] = min(first.get(cc, r.mention.span.start), r.mention.span.start)
        if g.kind[r.row] == _COUNTRY:
            at.named.add(int(g.cc[r.row]))
        elif g.admin1[r.row] >= 0:
            at.names_in_a1.setdefault(int(g.admin1[r.row]), set()).add(key)
    # On a tie, the country the article names outright ("Malian troops" over the Sahel
    # region of Burkina Faso), then the one more of its towns and provinces are named in
    # ("near Gossi" over "the Russians"), then the one named first ("Mali's army killed 203
    # in Moura ... spreading to neighbouring Burkina Faso": one name each, the page is Mali's).
    top = max(
        at.countries.items(),
        key=lambda kv: (
            kv[1],
            kv[0] in at.named,
            mentions.get(kv[0], 0),
            -first.get(kv[0], len(ctx.text)),
        ),
        default=None,
    )
    if top is not None:
        at.top, at.top_share = top
    state = max(at.names_in_a1.items(), key=lambda kv: len(kv[1]), default=None)
    n_sub = len({k for ks in at.names_in_a1.values() for k in ks})
    if (
        state is not None
        and len(state[1]) >= w.state_names
        and len(state[1]) >= w.state_share * n_sub
    ):
        at.state, at.n_state = int(state[0]), len(state[1])
    return at


def _to_parent(ctx: ArticleContext, res: Resolution, parent: np.ndarray, at: _Where) -> None:
    """The parent's candidate in the article's leading country, the broadest or largest."""
    g, w = ctx.gaz, ctx.weights

    def rank(r: int) -> tuple[float, float]:
        kind = g.kind[r]
        size = (
            math.log10(g.population[r] + w.population_offset)
            if kind == _CITY
            else ctx.kind_prior[kind]
        )
        return at.countries.get(int(g.cc[r]), 0.0), size

    best = max(parent.tolist(), key=rank)
    res.row, res.method = int(best), "parent"
    res.precision = 3 if g.kind[best] in BROAD else 2
    res.confidence = w.parent_confidence
    res.reason = f"{_unplaced(res)}; placed at its parent"


def _to_state(ctx: ArticleContext, res: Resolution, at: _Where) -> bool:
    """The article's main state, when it lies in the leading country; whether it was used."""
    g = ctx.gaz
    row = int(g.admin1_row[at.state]) if at.state >= 0 else -1
    if row < 0 or (at.top is not None and int(g.cc[row]) != at.top):
        return False
    res.row, res.method, res.precision = row, "admin1", 3
    res.confidence = ctx.weights.state_confidence
    res.reason = (
        f"{_unplaced(res)}; placed at the article's main province/state "
        f"({at.n_state} other places lie in it)"
    )
    return True


def _to_country(ctx: ArticleContext, res: Resolution, at: _Where) -> None:
    """The leading country, when it holds enough of the names and is more than a guess: hinted,
    named outright, or holding several placed names."""
    if at.top is None or at.top_share < ctx.weights.country_share:
        return
    if not (
        ctx.hint == at.top
        or at.top in at.named
        or len(at.names_in_cc.get(at.top, ())) >= ctx.weights.country_names
    ):
        return
    row = int(ctx.gaz.country_row[at.top])
    if row >= 0:
        res.row, res.method, res.precision = row, "country", 3
        res.confidence = ctx.weights.country_confidence
        res.reason = f"{_unplaced(res)}; only the article's country is known"


def fallbacks(ctx: ArticleContext, votes: Votes) -> None:
    """Place each unresolved name at the closest enclosing place the article supports."""
    at = _where(ctx, votes)
    for i, res in enumerate(ctx.results):
        if res.row is not None:
            continue
        parent = ctx.parents[i]
        resolved = ctx.parent_of[i]
        if resolved is not None and resolved.row is not None:
            parent = np.array([resolved.row], dtype=np.int32)
        if parent is not None:
            _to_parent(ctx, res, parent, at)
        elif plausible_name(res.mention.span.text):
            part = place_by_part(ctx, res, votes, at.state, at.allowed)
            if part is not None:
                res.reason = f"{_unplaced(res)}; placed at {part!r}, named in it"
            elif not _to_state(ctx, res, at):
                _to_country(ctx, res, at)
        if res.row is None:
            res.method = "none"
            res.reason = res.why_unplaced or why_unresolved(res.mention.span.text)


def _unplaced(res: Resolution) -> str:
    return res.why_unplaced or f"{res.mention.span.text!r} not in the gazetteer"


def plausible_name(text: str) -> bool:
    """Whether a string could be a place name at all (else no fall-back is guessed for it)."""
    key = light_key(text)
    return bool(key) and key.replace(" ", "").isascii() and len(key) <= MAX_NAME_CHARS


def why_unresolved(text: str) -> str:
    """The reason a name stays unplaced when no fall-back applied."""
    if not fold(text).strip():
        return "empty place string"
    key = light_key(text)
    if not key:
        return "no letters in the place string"
    if not key.replace(" ", "").isascii():
        return f"{text!r}: name in a script the gazetteer does not hold"
    if len(key) > MAX_NAME_CHARS:
        return "place string too long to be a name"
    return f"{text!r} not in the gazetteer and no parent or country to fall back to"
