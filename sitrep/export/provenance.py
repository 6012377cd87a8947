"""Who reported a claim or event: the articles, their outlets and the sources they cite.

ACLED's ``source``/``notes`` and UCDP's ``source_*`` columns need the reporting articles and
the evidence sentences, which claims and events only reference by id. This module looks them
up through the store, keeping a small cache of article metadata (never article text), so an
export stays flat in memory however many events share an outlet.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.model import Claim, Event
from sitrep.store.base import Store

MAX_SENTENCES = 5  # evidence sentences quoted per event; the JSONL export has every claim id


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    outlet: str | None
    published: str | None  # ISO date (time of day dropped)
    title: str | None
    url: str | None


@dataclass
class Evidence:
    """The reporting behind one claim or event, each list de-duplicated in report order."""

    articles: list[ArticleInfo] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)  # "SOHR", "SANA", ...
    sentences: list[str] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return _unique(a.outlet for a in self.articles if a.outlet)


def _unique(items: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


class Provenance:
    """Looks up evidence for claims and events from one store, with an LRU of article metadata."""

    def __init__(self, store: Store, cache_size: int = 4096) -> None:
        self.store = store
        self.cache_size = cache_size
        self._cache: OrderedDict[str, ArticleInfo | None] = OrderedDict()

    def article(self, article_id: str) -> ArticleInfo | None:
        if article_id in self._cache:
            self._cache.move_to_end(article_id)
            return self._cache[article_id]
        art = self.store.articles.get(article_id)
        info = None
        if art is not None:
            published = art.published.isoformat()[:10] if art.published else None
            info = ArticleInfo(art.id, art.outlet, published, art.title, art.url)
        self._cache[article_id] = info
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return info

    def _articles(self, ids: list[str]) -> list[ArticleInfo]:
        found = (self.article(aid) for aid in dict.fromkeys(ids))
        return [a for a in found if a is not None]

    def for_claim(self, claim: Claim) -> Evidence:
        return Evidence(
            articles=self._articles([claim.article_id]),
            cited=_unique(s.name or s.text for s in claim.sources),
            sentences=_unique([claim.sentence.text.strip()] if claim.sentence else []),
        )

    def for_event(self, event: Event) -> Evidence:
        claims = self.store.claims.get_many(event.claims) if event.claims else []
        article_ids = event.articles or [c.article_id for c in claims]
        sentences = _unique(c.sentence.text.strip() for c in claims if c.sentence)
        if event.notes:
            sentences = [event.notes]
        return Evidence(
            articles=self._articles(article_ids),
            cited=_unique(s.name or s.text for c in claims for s in c.sources),
            sentences=sentences[:MAX_SENTENCES],
        )
