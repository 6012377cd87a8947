"""What the reading commands show, gathered from the store as plain records.

``sitrep event``, ``sitrep article`` and ``sitrep check`` print these, the dashboard's event and
article pages lay them out: the look-ups live here once, and the CLI only chooses how to print.
``as_dict`` gives the ``--json`` shapes.

Example:
    >>> import sitrep
    >>> store = sitrep.open_store("sqlite:///:memory:")
    >>> event_view(store, "ev_unknown") is None
    True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sitrep.model import (
    Article,
    ArticleVerdict,
    Claim,
    ClaimCheck,
    CopyVerdict,
    Event,
    ReferenceCheck,
    to_dict,
)
from sitrep.store.base import Store

__all__ = [
    "ArticleView",
    "EventView",
    "ReferenceView",
    "article_view",
    "event_view",
    "reference_view",
]


@dataclass
class EventView:
    """An event with every claim behind it and the articles that tell it."""

    event: Event
    claims: list[Claim]  # by id
    articles: dict[str, Article | None]  # its articles (claims' and linked), None when gone
    copies: dict[str, CopyVerdict] = field(default_factory=dict)  # article id -> verdict
    checks: dict[str, ClaimCheck] = field(default_factory=dict)  # claim id -> check
    references: dict[str, ReferenceCheck] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """``sitrep event ID --json``: the event record and its claims' records."""
        return {**to_dict(self.event), "claim_records": [to_dict(c) for c in self.claims]}


def event_view(store: Store, event_id: str) -> EventView | None:
    """The event ``event_id`` with its claims, articles, copy verdicts and checks; None
    when the store has no such event."""
    event = store.events.get(event_id)
    if event is None:
        return None
    claims = store.claims.get_many(event.claims)
    articles = {a: store.articles.get(a) for a in event.articles}
    for c in claims:  # a claim's article is among the event's: this is only a safeguard
        if c.article_id not in articles:
            articles[c.article_id] = store.articles.get(c.article_id)
    view = EventView(event, claims, articles, store.copies.verdicts(list(articles)))
    for aid in sorted({c.article_id for c in claims}):
        view.checks.update(store.checks.claims(aid))
        view.references.update(store.checks.references(aid))
    return view


@dataclass
class ArticleView:
    """An article's verdict and copy analysis, and each claim's checks."""

    article: Article
    verdict: ArticleVerdict | None  # None: verify has not run since it was ingested
    copy: CopyVerdict | None  # None: not copy-analysed yet
    claims: list[Claim]  # in text order
    checks: dict[str, ClaimCheck]  # claim id -> check against independent reports
    references: dict[str, ReferenceCheck]  # claim id -> check against the reference
    events: dict[str, str]  # claim id -> the event it is in

    def as_dict(self) -> dict[str, Any]:
        """``sitrep article ID --json``: the verdict and, per claim, its checks."""
        checks, refs = self.checks, self.references
        return {
            "article_id": self.article.id,
            "verdict": to_dict(self.verdict) if self.verdict else None,
            "claims": [
                {
                    "claim_id": c.id,
                    "sentence": c.sentence.text,
                    "check": checks[c.id].as_dict() if c.id in checks else None,
                    "reference": to_dict(refs[c.id]) if c.id in refs else None,
                }
                for c in self.claims
            ],
        }


def article_view(store: Store, article_id: str) -> ArticleView | None:
    """The article ``article_id`` with its verdict, copy analysis, claims and their checks;
    None when the store has no such article."""
    article = store.articles.get(article_id)
    if article is None:
        return None
    claims = store.claims.iter(article_id=article_id)
    return ArticleView(
        article=article,
        verdict=store.checks.verdict(article_id),
        copy=store.copies.verdict(article_id),
        claims=sorted(claims, key=lambda c: c.sentence.start),
        checks=store.checks.claims(article_id),
        references=store.checks.references(article_id),
        events=store.events.assignments(article_id),
    )


@dataclass
class ReferenceView:
    """Every claim's check against the reference dataset last checked against."""

    checks: dict[str, ReferenceCheck]  # claim id -> check
    claims: dict[str, Claim]  # the checked claims by id

    @property
    def not_checkable(self) -> dict[str, int]:
        """Why claims could not be checked: the rule -> how many claims."""
        return dict(
            Counter(c.why or "?" for c in self.checks.values() if c.verdict == "not checkable")
        )

    @property
    def checkable(self) -> int:
        return len(self.checks) - sum(self.not_checkable.values())

    def by_verdict(self) -> list[ReferenceCheck]:
        """The checks by verdict, then claim id (how ``sitrep check`` lists them)."""
        return sorted(self.checks.values(), key=lambda c: (c.verdict, c.claim_id))

    def as_dicts(self) -> list[dict[str, Any]]:
        """``sitrep check --json``: one object per claim, by claim id."""
        return [to_dict(check) for _, check in sorted(self.checks.items())]


def reference_view(store: Store) -> ReferenceView:
    """The stored reference checks (``sitrep check`` runs verify with the file first)."""
    checks = store.checks.references()
    return ReferenceView(checks, {c.id: c for c in store.claims.get_many(sorted(checks))})
