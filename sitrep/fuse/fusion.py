"""Claims -> events, as a pure function (batch) or on top of stored events (incremental).

Only typed claims found events. A claim with a figure but no type ("The death toll rose to
14.") joins the event of the nearest typed claim before it in its article (or after it, when
none comes before); with no typed claim in its article it joins nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sitrep.fuse.cluster import Clusterer, Summary
from sitrep.fuse.events import build_event
from sitrep.fuse.features import ArticleInfo, view
from sitrep.model import Claim, Event

__all__ = ["assign", "fuse_claims", "summaries"]


def _info(articles: dict[str, ArticleInfo], article_id: str) -> ArticleInfo:
    return articles.get(article_id) or ArticleInfo(article_id)


def summaries(
    events: Iterable[tuple[str, Sequence[Claim]]], articles: dict[str, ArticleInfo]
) -> list[Summary]:
    """Comparison summaries of stored events, each from its claims (in the fixed order)."""
    out = []
    for event_id, claims in events:
        s = Summary(id=event_id)
        views = [view(c, _info(articles, c.article_id)) for c in claims if c.sub_event_type]
        for v in sorted(views, key=lambda v: v.sort_key):
            s.add(v)
        out.append(s)
    return out


def assign(
    claims: Sequence[Claim],
    articles: dict[str, ArticleInfo],
    clusterer: Clusterer | None = None,
    reasons: dict[str, str] | None = None,
) -> dict[str, str]:
    """claim id -> event id; claims that join no event are left out (with ``reasons``
    given, each one's reason is put there)."""
    clusterer = clusterer or Clusterer()
    typed = [view(c, _info(articles, c.article_id)) for c in claims if c.sub_event_type]
    out = clusterer.assign(typed)
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    orphans: list[Claim] = []
    for group in by_article.values():
        group.sort(key=lambda c: c.sentence.start)
        typed_claims = [c for c in group if c.id in out]
        for c in group:
            if c.id in out:
                continue
            if not typed_claims:
                orphans.append(c)
                continue
            before = [t for t in typed_claims if t.sentence.start < c.sentence.start]
            out[c.id] = out[(before[-1] if before else typed_claims[0]).id]
    # Articles with no typed claim: each claim may join a known event, never found one; the
    # events are all known by now, so the outcome does not depend on arrival order.
    for c in sorted(orphans, key=lambda c: c.id):
        sid, reason = clusterer.match(view(c, _info(articles, c.article_id)))
        if sid is not None:
            out[c.id] = sid
        elif reasons is not None:
            reasons[c.id] = reason
    return out


def fuse_claims(claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> list[Event]:
    """Pure batch fusion: the same claims give the same events, whatever their order.

    Example:
        >>> fuse_claims([], {})
        []
    """
    mapping = assign(claims, articles)
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        if c.id in mapping:
            groups.setdefault(mapping[c.id], []).append(c)
    return sorted((build_event(eid, g, articles) for eid, g in groups.items()), key=lambda e: e.id)
