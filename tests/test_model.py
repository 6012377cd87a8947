"""The data model's JSON round-trip, which the store, exports and API all rely on."""

from __future__ import annotations

import datetime as dt

from sitrep.model import (
    Actor,
    Article,
    Casualties,
    Claim,
    Conflict,
    Event,
    Figure,
    Place,
    Source,
    Span,
    When,
    from_dict,
    to_dict,
)


def test_claim_round_trip_and_flat_casualties():
    span = Span(10, 20, "x" * 10)
    claim = Claim(
        id="c1",
        article_id="a1",
        sentence=span,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=Actor("regime forces", "Military Forces of Syria", "SYR", "MIL", span),
        place=Place("Aleppo", "Aleppo", 36.2, 37.16, "Aleppo", "SYR", "170063", 1, 0.9, span),
        when=When("on Thursday", dt.date(2024, 3, 14), dt.date(2024, 3, 14), "day", span),
        casualties=Casualties(
            killed=Figure(14, 14, None, "at least 14", span), injured=Figure(7, 7, 7, "seven")
        ),
        sources=[Source("the Observatory", "SOHR", span)],
    )
    data = to_dict(claim)
    assert data["killed"] == {
        "best": 14,
        "low": 14,
        "high": None,
        "text": "at least 14",
        "span": {"start": 10, "end": 20, "text": "x" * 10},
    }
    assert "casualties" not in data and data["displaced"] is None
    assert data["when"]["start"] == "2024-03-14"
    assert from_dict(Claim, data) == claim


def test_event_and_article_round_trip():
    event = Event(
        id="e1",
        start=dt.date(2024, 3, 1),
        conflicts=[Conflict("killed", 8, "SANA", "wire", "a2")],
        first_report=dt.datetime(2024, 3, 2, 9, 30, tzinfo=dt.UTC),
    )
    assert from_dict(Event, to_dict(event)) == event
    art = Article(id="a", text="t", published=dt.date(2024, 3, 1))
    assert from_dict(Article, to_dict(art)) == art
    # Unknown keys from a newer writer are ignored.
    assert from_dict(Article, {**to_dict(art), "new_field": 1}) == art
