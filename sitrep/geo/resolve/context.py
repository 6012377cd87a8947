"""The records resolution passes between its steps, and the per-article context.

Why a context object: one ``Resolver`` (and its lookup caches) is shared by every article that
uses the same gazetteer, also across threads, so nothing an article decides may live on it.
Each call to ``Resolver.resolve`` makes one ``ArticleContext``; every step reads and writes
only that context and the ``Resolution``s in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve.lookup import Lookup
from sitrep.geo.resolve.weights import Weights, kind_prior_table
from sitrep.geo.sources import KIND_CODE
from sitrep.model import Span

__all__ = ["BROAD", "ArticleContext", "Mention", "Resolution", "precision_of"]

# Countries, first-level divisions and continents: a pick of these says where, not what.
BROAD = frozenset({KIND_CODE["country"], KIND_CODE["admin1"], KIND_CODE["continent"]})


@dataclass
class Mention:
    """A toponym to resolve: where it is, a kind hint from recognition, an optional parent."""

    span: Span
    kind: str | None = None  # "admin1", "admin2", "camp", "dateline", "modifier", "demonym", ...
    parent: Span | None = None  # "X district of Y", "X, Y": the Y


@dataclass
class Resolution:
    """One mention's outcome: the chosen row (or None), how it was reached, and why."""

    mention: Mention
    row: int | None = None
    precision: int | None = None
    confidence: float | None = None
    method: str = ""  # exact / alternate / loose / fuzzy / parent / country / none
    reason: str | None = None
    candidates: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    scores: np.ndarray = field(default_factory=lambda: np.zeros(0))
    quality: np.ndarray = field(default_factory=lambda: np.zeros(0))
    why_unplaced: str | None = None  # why a fall-back was needed, when not "not in gazetteer"
    final: np.ndarray | None = None  # the last round's scores (prior + context)

    def unpick(self, why: str) -> None:
        """Drop the pick (a later step judged it wrong), keeping why for the fall-backs."""
        self.why_unplaced = why
        self.row = self.precision = self.confidence = None


@dataclass
class ArticleContext:
    """One article's resolution in progress: its text, country hint and results, the parents
    found for its mentions, and the shared services (lookup, weights) it reads."""

    text: str
    results: list[Resolution]
    lookup: Lookup
    weights: Weights
    hint: int = -1  # country index of the caller's country_hint, -1 none
    parents: list[np.ndarray | None] = field(default_factory=list)  # parent candidate rows
    parent_of: list[Resolution | None] = field(default_factory=list)  # parent mention's result
    gaz: Gazetteer = field(init=False)  # the lookup's
    kind_prior: np.ndarray = field(init=False)  # the weights' prior per feature kind

    def __post_init__(self) -> None:
        self.gaz = self.lookup.gaz
        self.kind_prior = kind_prior_table(self.weights)


def precision_of(g: Gazetteer, row: int) -> int:
    """DESIGN.md precision of a pick: 3 a country/division/continent, 2 a county or region."""
    kind = int(g.kind[row])
    if kind in BROAD:
        return 3
    if kind in (KIND_CODE["admin2"], KIND_CODE["region"]):
        return 2
    return 1
