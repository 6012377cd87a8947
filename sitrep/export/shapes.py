"""The documented JSON shapes of articles, claims and events (DESIGN.md, "JSONL shapes").

One declarative spec per record kind drives every exporter: JSONL writes the nested record,
GeoJSON, CSV and Parquet flatten it with ``flat.py``. Keeping the spec in one place means a
field added to the shape shows up in every format at once, with one type for Parquet.

Leaf types are the strings ``str``, ``int``, ``float``, ``date`` (ISO date string in JSON, a
real date in Parquet) and ``any`` (int or text: a conflicting figure's value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.model import Article, Claim, Event, to_dict

Leaf = str


@dataclass(frozen=True)
class Obj:
    """A nested object with these fields; ``None`` when the whole object is unknown."""

    fields: dict[str, Leaf]


@dataclass(frozen=True)
class ListOf:
    """A list of leaves or of nested objects; never ``None`` in a record (empty instead)."""

    item: Leaf | Obj


Spec = Leaf | Obj | ListOf
Shape = dict[str, Spec]

SPAN = Obj({"start": "int", "end": "int", "text": "str"})
ACTOR = Obj({"text": "str", "name": "str", "country": "str", "sector": "str"})
PLACE = Obj(
    {
        "text": "str",
        "name": "str",
        "lat": "float",
        "lon": "float",
        "admin1": "str",
        "country": "str",
        "gazetteer_id": "str",
        "precision": "int",
    }
)
WHEN = Obj({"text": "str", "start": "date", "end": "date", "precision": "str", "origin": "str"})
FIGURE = Obj({"best": "int", "low": "int", "high": "int", "text": "str"})
RANGE = Obj({"best": "int", "low": "int", "high": "int"})
SOURCE = Obj({"text": "str", "name": "str", "kind": "str"})
CONFLICT = Obj(
    {
        "field": "str",
        "value": "any",
        "source": "str",
        "outlet": "str",
        "article_id": "str",
    }
)

LINK = Obj({"article_id": "str", "score": "float", "reason": "str"})

ARTICLE_SHAPE: Shape = {
    "id": "str",
    "url": "str",
    "outlet": "str",
    "title": "str",
    # published may carry a time of day, so it stays an ISO string in every format
    "published": "str",
    "published_source": "str",
    "language": "str",
    "dup_group": "str",
    "dup_of": "str",
    "copy_status": "str",
    "credibility": "float",
    "source": "str",
    "n_chars": "int",
}
ARTICLE_TEXT_SHAPE: Shape = {**ARTICLE_SHAPE, "text": "str"}

CLAIM_SHAPE: Shape = {
    "id": "str",
    "article_id": "str",
    "sentence": SPAN,
    "event_type": "str",
    "sub_event_type": "str",
    "plover": "str",
    "cameo_root": "str",
    "confidence": "float",
    "actor1": ACTOR,
    "actor2": ACTOR,
    "place": PLACE,
    "when": WHEN,
    "killed": FIGURE,
    "injured": FIGURE,
    "displaced": FIGURE,
    "detained": FIGURE,
    "sources": ListOf(SOURCE),
    "status": "str",
}

EVENT_SHAPE: Shape = {
    "id": "str",
    "event_type": "str",
    "sub_event_type": "str",
    "plover": "str",
    "start": "date",
    "end": "date",
    "place": PLACE,
    "actor1": ACTOR,
    "actor2": ACTOR,
    "killed": RANGE,
    "injured": RANGE,
    "claims": ListOf("str"),
    "articles": ListOf("str"),
    "links": ListOf(LINK),
    "n_articles": "int",
    "n_outlets": "int",
    "n_independent": "int",
    "n_original_sources": "int",
    "conflicts": ListOf(CONFLICT),
}


def shape_for(what: str, *, include_text: bool = False) -> Shape:
    """The shape of one record kind: ``articles``, ``claims`` or ``events``."""
    if what == "articles":
        return ARTICLE_TEXT_SHAPE if include_text else ARTICLE_SHAPE
    if what == "claims":
        return CLAIM_SHAPE
    if what == "events":
        return EVENT_SHAPE
    raise ValueError(f"unknown record kind {what!r}")


def _select(value: Any, spec: Spec) -> Any:
    if isinstance(spec, Obj):
        if not isinstance(value, dict):
            return None
        return {key: value.get(key) for key in spec.fields}
    if isinstance(spec, ListOf):
        return [_select(v, spec.item) for v in value or []]
    return value


def record(obj: Article | Claim | Event, *, include_text: bool = False) -> dict[str, Any]:
    """The documented JSON shape of one model object (keys in shape order, absent = None).

    Starts from ``sitrep.model.to_dict`` so dates and casualties serialise exactly as the
    store and the web API see them, then keeps only the documented keys: spans, internal
    scores and raw HTML stay out of the exports.
    """
    data = to_dict(obj)
    if isinstance(obj, Article):
        what = "articles"
        data["n_chars"] = len(obj.text) if obj.text is not None else None
    else:
        what = "claims" if isinstance(obj, Claim) else "events"
    shape = shape_for(what, include_text=include_text)
    return {key: _select(data.get(key), spec) for key, spec in shape.items()}
