"""Fusion reads a type the story lent a claim as the story's guess, not as evidence."""

from __future__ import annotations

from sitrep.fuse.events import build_event
from sitrep.fuse.features import ArticleInfo, view
from sitrep.model import STORY_TYPE_REASON, Claim, Span


def _claim(cid: str, sub: str, lent: bool) -> Claim:
    return Claim(
        id=cid,
        article_id="a1",
        sentence=Span(0, 10, "0123456789"),
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        type_reason=f"{STORY_TYPE_REASON} lent by claim x" if lent else None,
    )


def test_a_lent_type_is_matched_as_untyped() -> None:
    lent = view(_claim("c1", "Air/drone strike", True), ArticleInfo("a1"))
    own = view(_claim("c2", "Air/drone strike", False), ArticleInfo("a1"))
    assert (lent.sub, lent.family) == (None, None)
    assert own.sub == "Air/drone strike" and own.family is not None


def test_the_event_type_comes_from_the_claims_own_types_first() -> None:
    claims = [
        _claim("c1", "Air/drone strike", True),
        _claim("c2", "Air/drone strike", True),
        _claim("c3", "Shelling/artillery/missile attack", False),
    ]
    event = build_event("e1", claims, {})
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    only_lent = build_event("e2", claims[:2], {})
    assert only_lent.sub_event_type == "Air/drone strike"
