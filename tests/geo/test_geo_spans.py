"""SpanIndex and PlaceIndex answer exactly what the scans they replaced answered."""

from __future__ import annotations

import random

from sitrep.geo.placement import PlaceIndex, main_place
from sitrep.geo.spans import SpanIndex
from sitrep.model import Place, Span


def test_span_index_matches_a_scan() -> None:
    rng = random.Random(7)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 60)
            spans.append((a, a + rng.randint(0, 15)))
        index = SpanIndex(spans)
        for _ in range(20):
            s = rng.randint(0, 70)
            e = s + rng.randint(0, 10)
            assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
            assert index.contains(s, e) == any(a <= s and e <= b for a, b in spans)


def _scan_for_sentence(places, start, end, country, exclude=None):
    """The pre-index algorithm, kept here as the reference."""
    from sitrep.geo.placement import _eligible, _kind, _rank, _worse

    places = [p for p in places if p is not exclude]
    inside = [p for p in places if p.span and start <= p.span.start < end and _eligible(p)]
    if country and any(p.country == country for p in inside):
        inside = [p for p in inside if p.country == country]
    if any(_kind(p) not in ("near", "far") and (p.precision or 3) <= 2 for p in inside):
        inside = [p for p in inside if _kind(p) not in ("near", "far")]
    inside = _named_below(inside)
    if inside:
        best = min(inside, key=lambda p: (_rank(p), p.span.start))
        return _worse(best, floor=3) if _kind(best) == "far" else best
    main = main_place(places)
    before = [p for p in places if p.span and p.span.start < start and _eligible(p)]
    if before:
        last = max(p.span.start for p in before)
        near = [p for p in before if p.span.start >= last - 300]
        if main is not None and main.country is not None:
            near = [p for p in near if p.country == main.country]
        if near:
            return _worse(min(_named_below(near), key=_rank))
    return _worse(main, floor=3) if main is not None else None


def _named_below(places):
    """A name the gazetteer lacks, placed at its parent, before that parent's own name."""
    fallen = {p.gazetteer_id for p in places if p.method == "parent"}
    return [p for p in places if p.method == "parent" or p.gazetteer_id not in fallen]


def test_place_index_matches_the_scan_it_replaced() -> None:
    rng = random.Random(11)
    kinds = [None, None, "near", "far", "dateline", "modifier"]
    for _ in range(150):
        places = []
        for i in range(rng.randint(0, 15)):
            start = rng.randint(0, 2000)
            places.append(
                Place(
                    text=f"P{i}",
                    name=f"P{i}",
                    span=Span(start, start + 5, f"P{i}"),
                    lat=None if rng.random() < 0.1 else 1.0,
                    lon=1.0,
                    country=rng.choice(["SYR", "USA", None]),
                    precision=rng.choice([1, 2, 3, None]),
                    confidence=rng.random(),
                    gazetteer_id=rng.choice(["g1", "g2", f"g{i}"]),
                    kind=rng.choice(kinds),
                    method=rng.choice([None, "parent"]),
                )
            )
        places.sort(key=lambda p: p.span.start)
        index = PlaceIndex(places)
        for _ in range(15):
            start = rng.randint(0, 2100)
            end = start + rng.randint(1, 400)
            country = rng.choice(["SYR", None])
            exclude = rng.choice([None, *places]) if places else None
            got = index.for_sentence(start, end, country, exclude=[exclude] if exclude else [])
            assert got == _scan_for_sentence(places, start, end, country, exclude)
