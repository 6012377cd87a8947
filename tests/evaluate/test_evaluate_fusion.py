"""Which event an article counts for in the fusion evaluation."""

from __future__ import annotations

import datetime as dt

import sitrep
from sitrep.evaluate.fusion import lead_events
from sitrep.model import Article, Claim, Event, Span


def _claim(cid: str, article: str, start: int, sub: str | None) -> Claim:
    text = "At least 12 people died in Kabul on Tuesday." if sub is None else "Drones circled."
    return Claim(
        id=cid,
        article_id=article,
        sentence=Span(start, start + len(text), text),
        event_type="Battles" if sub else None,
        sub_event_type=sub,
    )


def test_an_article_counts_for_the_event_of_its_first_claim_in_an_event():
    store = sitrep.open_store("sqlite:///:memory:")
    claims = {
        # An untyped toll lead in one event, a later typed sentence in another.
        "a1": [_claim("l1", "a1", 0, None), _claim("t1", "a1", 200, "Armed clash")],
        # A lead in no event: the first claim that is in one decides.
        "a2": [_claim("l2", "a2", 0, None), _claim("t2", "a2", 100, "Armed clash")],
    }
    with store.transaction():
        store.articles.insert(
            [
                Article(
                    id=a,
                    text=f"text of {a}",
                    published=dt.date(2024, 3, 13),
                    language="en",
                    text_hash=a,
                )
                for a in claims
            ],
            store.articles.next_seq(),
        )
        for a, cs in claims.items():
            store.claims.replace(a, cs, "test")
        store.events.add([Event(id="E1", claims=["l1"]), Event(id="E2", claims=["t1", "t2"])])
    assert lead_events(store) == {"a1": "E1", "a2": "E2"}
