"""A deliberately cautious baseline fuser: merge claims only when they are clearly one event.

Two claims join when (a) they are the same sentence in copies of one article (same dup group),
or (b) they have the same sub-event type, the same day-precision date and the same place text.
A claim with a figure but no event type ("The death toll rose to 14.") joins the nearest typed
claim before it in its article (or after it, if none comes before); with no typed claim in the
article it belongs to no event. Everything else stays its own event. Under-merging is honest: it never invents corroboration.
The cross-article fusion issue replaces this with scored, blocked clustering.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitrep.model import Actor, Casualties, Claim, Conflict, Event, Figure

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class ArticleInfo:
    """What fusion needs to know about a claim's article."""

    id: str
    outlet: str | None
    dup_group: str | None
    published: object = None


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _sentence_key(claim: Claim) -> str:
    return " ".join(_WORDS.findall(claim.sentence.text.lower()))


def cluster(claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> list[list[Claim]]:
    uf = _UnionFind(c.id for c in claims)
    first_by_key: dict[tuple, str] = {}
    for c in sorted(claims, key=lambda c: c.id):
        art = articles.get(c.article_id)
        keys = []
        if art and art.dup_group:
            keys.append(("copy", art.dup_group, _sentence_key(c)))
        if (
            c.sub_event_type
            and c.when
            and c.when.precision == "day"
            and c.when.start
            and c.place
            and c.place.text
        ):
            keys.append(
                ("same", c.sub_event_type, c.when.start.isoformat(), c.place.text.casefold())
            )
        for key in keys:
            if key in first_by_key:
                uf.union(first_by_key[key], c.id)
            else:
                first_by_key[key] = c.id
    _attach_untyped(claims, uf)
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        groups.setdefault(uf.find(c.id), []).append(c)
    return [
        sorted(g, key=lambda c: c.id) for g in groups.values() if any(c.sub_event_type for c in g)
    ]


def _attach_untyped(claims: Sequence[Claim], uf: _UnionFind) -> None:
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    for group in by_article.values():
        group.sort(key=lambda c: c.sentence.start)
        typed = [c for c in group if c.sub_event_type]
        if not typed:
            continue
        for c in group:
            if c.sub_event_type:
                continue
            before = [t for t in typed if t.sentence.start < c.sentence.start]
            uf.union((before[-1] if before else typed[0]).id, c.id)


def event_id(claim_ids: Sequence[str]) -> str:
    """Stable for the same set of claims, whatever order they arrived in."""
    return "ev_" + hashlib.sha1(min(claim_ids).encode()).hexdigest()[:12]


def _source_name(claim: Claim, art: ArticleInfo | None) -> str | None:
    if claim.sources:
        return claim.sources[0].name or claim.sources[0].text
    return art.outlet if art else None


def combine_figures(
    kind: str, claims: Sequence[Claim], articles: dict[str, ArticleInfo]
) -> tuple[Figure | None, list[Conflict]]:
    """Conservative best (the lowest best told), low = lowest low, high = highest told."""
    told = [(c, getattr(c.casualties, kind)) for c in claims]
    told = [(c, f) for c, f in told if f is not None and f.best is not None]
    if not told:
        return None, []
    bests = [f.best for _, f in told]
    lows = [f.low if f.low is not None else f.best for _, f in told]
    highs = [v for _, f in told for v in (f.high, f.best) if v is not None]
    figure = Figure(best=min(bests), low=min(lows), high=max(highs) if highs else None)
    conflicts: list[Conflict] = []
    if len(set(bests)) > 1:
        for c, f in told:
            art = articles.get(c.article_id)
            conflicts.append(
                Conflict(
                    kind, f.best, _source_name(c, art), art.outlet if art else None, c.article_id
                )
            )
    return figure, conflicts


def _common_actor(actors: Iterable[Actor | None]) -> Actor | None:
    named = [a for a in actors if a is not None]
    if not named:
        return None
    top = Counter((a.name or a.text) for a in named).most_common(1)[0][0]
    return next(a for a in named if (a.name or a.text) == top)


def build_event(claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> Event:
    arts = [articles[c.article_id] for c in claims if c.article_id in articles]
    types = Counter((c.event_type, c.sub_event_type) for c in claims if c.sub_event_type)
    event_type, sub_type = types.most_common(1)[0][0] if types else (None, None)
    starts = [c.when.start for c in claims if c.when and c.when.start]
    ends = [c.when.end or c.when.start for c in claims if c.when and c.when.start]
    casualties, conflicts = Casualties(), []
    for kind in Casualties.KINDS:
        figure, found = combine_figures(kind, claims, articles)
        setattr(casualties, kind, figure)
        conflicts += found
    independent = {a.dup_group or a.id for a in arts}
    original_sources = {
        (c.sources[0].name or c.sources[0].text) if c.sources else f"outlet:{articles[c.article_id].outlet}"
        for c in claims if c.article_id in articles
    }  # fmt: skip
    reports = sorted(str(a.published) for a in arts if a.published)
    place = next((c.place for c in claims if c.place and c.place.lat is not None), None)
    place = place or next((c.place for c in claims if c.place), None)
    ids = [c.id for c in claims]
    return Event(
        id=event_id(ids), event_type=event_type, sub_event_type=sub_type,
        start=min(starts) if starts else None, end=max(ends) if ends else None, place=place,
        actor1=_common_actor(c.actor1 for c in claims), actor2=_common_actor(c.actor2 for c in claims),
        casualties=casualties, claims=ids, articles=sorted({a.id for a in arts}),
        n_articles=len({a.id for a in arts}), n_outlets=len({a.outlet for a in arts if a.outlet}),
        n_independent=len(independent), n_original_sources=len(original_sources),
        conflicts=conflicts, first_report=_as_date(reports[0]) if reports else None,
        last_report=_as_date(reports[-1]) if reports else None,
        notes=" | ".join(dict.fromkeys(c.sentence.text for c in claims))[:2000],
    )  # fmt: skip


def _as_date(value: str) -> object:
    from sitrep.ingest.normalise import parse_published

    return parse_published(value)


def fuse_claims(claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> list[Event]:
    """Pure function: claims (plus their articles' copy info) -> events."""
    return sorted((build_event(g, articles) for g in cluster(claims, articles)), key=lambda e: e.id)
