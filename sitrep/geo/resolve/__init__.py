"""Toponym resolution: pick the gazetteer place each mention means, using the whole article.

Why context, not just population: "Paris" is in Texas in a Texas paper, "Georgia" is a country
in a report on South Ossetia, "Aleppo" the city (not the governorate) unless "province" follows.

``Resolver.resolve`` runs one article through these steps, each a module of its own that reads
and writes only the article's ``ArticleContext`` (so one ``Resolver`` serves many articles at
once, also from threads):

1. ``candidates``: exact gazetteer matches and their ``priors``; then ``votes`` of the exact
   matches choose the countries where names still unknown are looked up loosely or fuzzily
   (``lookup`` does the looking up, cached per gazetteer);
2. ``parents``: the parent the text gives a mention ("X district of Y", "X, Idlib");
3. ``colocate``: closeness to the other names' candidates;
4. ``picks``: prior + the other names' votes, parents, hint and border terms; picked once on
   soft votes and again (``Weights.rounds``) with the picks as votes and anchors;
5. ``outliers``: doubt picks the article argues against (a town outside the country the text
   puts it in; a small town no other name supports);
6. ``fallbacks``: a place with a worse precision and a reason for every name left unplaced
   (its parent, a place named inside it via ``parts``, the article's state, its country).

Every tuning number is in ``Weights``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve.arrays import haversine_km
from sitrep.geo.resolve.candidates import exact_candidates, inexact_candidates
from sitrep.geo.resolve.colocate import colocate
from sitrep.geo.resolve.context import ArticleContext, Mention, Resolution
from sitrep.geo.resolve.fallbacks import fallbacks
from sitrep.geo.resolve.lookup import Candidates, Lookup
from sitrep.geo.resolve.outliers import reject_outliers, reject_outside_parent
from sitrep.geo.resolve.parents import find_parents
from sitrep.geo.resolve.picks import pick
from sitrep.geo.resolve.votes import count_votes
from sitrep.geo.resolve.weights import Weights
from sitrep.model import Place

__all__ = [
    "ArticleContext",
    "Lookup",
    "Mention",
    "Resolution",
    "Resolver",
    "Weights",
    "haversine_km",
]


class Resolver:
    """Resolves the mentions of one article at a time against a gazetteer; holds nothing
    about any article, so one instance may serve many threads.

    Example:
        >>> from sitrep.geo import load_gazetteer
        >>> r = Resolver(load_gazetteer())  # doctest: +SKIP
        >>> text = "Shells hit Tariq al-Bab in Aleppo."
        >>> [r.to_place(x).name for x in r.resolve(text, [Mention(Span(11, 23, "Tariq al-Bab"))])]  # doctest: +SKIP
        ['Tariq al-Bab']
    """

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None):
        self.gaz = gazetteer
        self.w = weights or Weights()
        self.lookup = Lookup(gazetteer, self.w)

    def candidates(self, phrase: str, countries: Sequence[int] = ()) -> Candidates:
        """(rows, match quality per row, implied kind, method) for a phrase (``Lookup.find``)."""
        return self.lookup.find(phrase, countries)

    def resolve(
        self, text: str, mentions: Sequence[Mention], country_hint: str | None = None
    ) -> list[Resolution]:
        """Resolve every mention; the result has one Resolution per mention, same order."""
        ctx = ArticleContext(
            text,
            [Resolution(m) for m in mentions],
            self.lookup,
            self.w,
            hint=self.gaz.cc_index(country_hint),
        )
        exact_candidates(ctx)
        inexact_candidates(ctx)
        find_parents(ctx)
        colocate(ctx)
        anchors = pick(ctx, count_votes(ctx))
        for _ in range(self.w.rounds):
            anchors = pick(ctx, count_votes(ctx, chosen=True), anchors)
        reject_outside_parent(ctx)
        reject_outliers(ctx)
        fallbacks(ctx, count_votes(ctx, chosen=True))
        return ctx.results

    def to_place(self, res: Resolution) -> Place:
        """The model's ``Place`` for a resolution (no coordinates when it stayed unplaced)."""
        g = self.gaz
        span = res.mention.span
        if res.row is None:
            return Place(text=span.text, precision=None, confidence=None, span=span)
        r = res.row
        return Place(
            text=span.text,
            name=g.names[r],
            lat=round(float(g.lat[r]), 5),
            lon=round(float(g.lon[r]), 5),
            admin1=g.admin1_name(r),
            country=g.country_iso3(r),
            gazetteer_id=g.gids[r],
            precision=res.precision,
            confidence=res.confidence,
            span=span,
        )
