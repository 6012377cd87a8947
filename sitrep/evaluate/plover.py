"""The PLOVER gold-standard records: event type, source actor and death toll per sentence.

Each record of ``PLOVER_GSR_CAMEO.json`` (a JSON array; the first record is a DOCUMENT
header) is one English sentence coded by hand: ``event`` (a PLOVER 0.5b1 type), ``source`` and
``target`` actor lists of ``{actorText, code, sector}``, and sometimes ``dead``/``injured``.
We run the pipeline's extractor on each sentence as if it were an article (no publication
date), re-type its claims with the shipped classifier when that is installed, and compare the
*first* claim with the gold record: a sentence is one event, and the first claim is the one
the extractor would put forward for it.

Why several event-type figures and not one:

- ``event_type_accuracy`` is the raw figure over every record; a record with no claim counts
  as wrong. It is low by construction: sitrep types events with ACLED sub-types and reaches
  PLOVER only through ``sitrep/vocab/event_types.csv``, so most gold types (DEMAND, REJECT,
  THREATEN, DISAPPROVE, ...) can never be predicted.
- ``event_type_accuracy_reachable`` scores only the records whose gold type is one that the
  crosswalk can output (the set is read from the crosswalk, not written here), which is the
  figure to watch while improving the extractor.
- ``event_detected`` (share of records with at least one claim) separates "missed the
  sentence" from "typed it wrongly".
- ``event_type_accuracy_fight_as_assault`` counts a gold FIGHT as ASSAULT. We think that is
  fair and say so openly instead of remapping silently: PLOVER 0.5b1 split CAMEO 19
  (conventional military force) into FIGHT and CAMEO 18/20 into ASSAULT, but the later PLOVER
  drafts dropped FIGHT and map CAMEO 19 to ASSAULT (``CAMEO2PLOVER-2021.txt``, draft 0.8, shipped
  next to the gold file: ``190: ASSAULT, , military``), and our crosswalk follows the newer
  manual. The raw figure stays the headline; this one is reported beside it.

Actors: the gold source is ``source[0]``, the predicted one ``actor1`` of the first claim.

- ``actor_country_accuracy``: over the records whose gold source has a ``code``; gold
  ``IGO``/``NGO`` and other non-country codes count as misses because sitrep's ``country`` is an
  ISO3 code only. ``actor_country_accuracy_iso3`` restricts to gold codes that are ISO3 country
  codes (``sitrep/vocab/iso_countries.csv``), which is what sitrep can output.
- ``actor_sector_accuracy``: over the records whose gold source has a sector. CAMEO sector codes
  are a three-letter role code optionally followed by qualifiers (``CVLalb`` = Albanian
  civilians, ``REBkur``), so only the first three letters are compared; ``***`` (unknown) is
  treated as no gold sector. ``actor_sector_accuracy_reachable`` restricts to gold roles that
  occur in sitrep's own sector vocabulary (``sitrep/vocab/actors.csv``): gold COP (police),
  OPP, JUD, ... are not, since sitrep codes police as GOV.

Deaths: ``dead_exact`` is the share of records with a gold ``dead`` whose extracted killed
figure (best estimate, from the first claim that has one) equals it; ``injured_exact`` likewise.

The sentences are edited examples from the CAMEO manual, not news articles: the figures say
whether the mapping of types, actors and figures works, not how the system does on real news.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from sitrep import vocab
from sitrep.model import Article, Claim, Figure

__all__ = [
    "evaluate_file",
    "extract_claims",
    "reachable_plover_types",
    "read_records",
    "score_records",
    "score_sentences",
]

# Claims re-typed per classifier call: large, so the embeddings run in big batches, but bounded
# so a corpus of many thousand sentences does not hold every embedding at once.


def extract_claims(
    articles: Sequence[Article], use_model: bool = True
) -> tuple[list[list[Claim]], str]:
    """Claims per article through the full cascade, and the extractor version that made them
    (so every figure says which system it measures)."""
    from sitrep.extract.cascade import Cascade

    cascade = Cascade("full" if use_model else "rules")
    return cascade.run(articles), cascade.version


def score_sentences(
    rows: Sequence[Any],
    sentence: Callable[[int, Any], tuple[str, str]],
    score: Callable[[Any, list[list[Claim]]], dict[str, Any]],
    use_model: bool,
    started: float,
) -> dict[str, Any]:
    """``score`` of the claims in each gold row's sentence (``sentence``: the row's id and text)
    read as an English article of unknown date, plus the extractor version and the seconds
    since ``started``, so the time includes reading the gold file."""
    articles = [
        Article(id=rid, text=text, published=None, language="en")
        for rid, text in (sentence(i, r) for i, r in enumerate(rows))
    ]
    claims, extractor = extract_claims(articles, use_model=use_model)
    out = score(rows, claims)
    out["extractor"] = extractor
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The coded sentences of a PLOVER gold file, without DOCUMENT headers or text-less rows."""
    with open(path, encoding="utf-8") as f:
        records = json.load(f)
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


@cache
def reachable_plover_types() -> frozenset[str]:
    """PLOVER types sitrep can output: those its ACLED-to-PLOVER crosswalk maps to."""
    return frozenset(t.plover for t in vocab.event_types() if t.plover)


@cache
def _iso3_codes() -> frozenset[str]:
    return frozenset(row["iso3"] for row in vocab.read_csv("iso_countries.csv"))


@cache
def _sitrep_sectors() -> frozenset[str]:
    return frozenset(a.sector for a in vocab.actors() if a.sector)


def _role(sector: str | None) -> str | None:
    """The three-letter CAMEO role code of a gold sector ("CVLalb" -> "CVL"); None if unknown."""
    if not sector or sector.startswith("*"):
        return None
    return sector[:3].upper()


def _int(value: Any) -> int | None:
    try:
        return int(str(value).replace(",", "").strip())
    except ValueError:
        return None


def _first_figure(claims: Sequence[Claim], kind: str) -> int | None:
    for claim in claims:
        figure: Figure | None = getattr(claim.casualties, kind)
        if figure is not None and figure.best is not None:
            return figure.best
    return None


def _share(hits: Sequence[bool]) -> float | None:
    """Share of True, or None when nothing was scored (0.0 would claim a measured failure)."""
    return round(sum(hits) / len(hits), 4) if hits else None


def score_records(
    records: Sequence[dict[str, Any]], claims: Sequence[Sequence[Claim]]
) -> dict[str, Any]:
    """Figures for gold records and the claims extracted from each (same order)."""
    reachable = reachable_plover_types()
    sectors = _sitrep_sectors()
    iso3 = _iso3_codes()
    out: dict[str, Any] = {"n": len(records)}

    pred = [cs[0].plover if cs else None for cs in claims]
    gold = [r["event"] for r in records]

    def as_assault(t: str) -> str:
        return "ASSAULT" if t == "FIGHT" else t

    def accuracy_where(
        keep: Callable[[str], bool], norm: Callable[[str], str]
    ) -> tuple[float | None, int]:
        hits = [norm(g) == p for g, p in zip(gold, pred, strict=True) if keep(g)]
        return _share(hits), len(hits)

    out["event_detected"] = _share([bool(cs) for cs in claims])
    out["event_type_accuracy"], _ = accuracy_where(lambda g: True, str)
    out["event_type_accuracy_reachable"], out["n_reachable"] = accuracy_where(
        lambda g: g in reachable, str
    )
    out["event_type_accuracy_fight_as_assault"], _ = accuracy_where(lambda g: True, as_assault)
    (
        out["event_type_accuracy_reachable_fight_as_assault"],
        out["n_reachable_fight_as_assault"],
    ) = accuracy_where(lambda g: as_assault(g) in reachable, as_assault)
    out["reachable_types"] = sorted(reachable)

    country_hits, iso3_hits, sector_hits, sector_reachable_hits, found = [], [], [], [], []
    for record, cs in zip(records, claims, strict=True):
        sources = record.get("source") or []
        if not sources:
            continue
        actor = cs[0].actor1 if cs else None
        found.append(actor is not None)
        code = sources[0].get("code")
        if code:
            hit = actor is not None and actor.country == code
            country_hits.append(hit)
            if code in iso3:
                iso3_hits.append(hit)
        role = _role(sources[0].get("sector"))
        if role:
            hit = actor is not None and actor.sector == role
            sector_hits.append(hit)
            if role in sectors:
                sector_reachable_hits.append(hit)
    out.update(
        {
            "actor_detected": _share(found),
            "n_actor": len(found),
            "actor_country_accuracy": _share(country_hits),
            "n_actor_country": len(country_hits),
            "actor_country_accuracy_iso3": _share(iso3_hits),
            "n_actor_country_iso3": len(iso3_hits),
            "actor_sector_accuracy": _share(sector_hits),
            "n_actor_sector": len(sector_hits),
            "actor_sector_accuracy_reachable": _share(sector_reachable_hits),
            "n_actor_sector_reachable": len(sector_reachable_hits),
        }
    )

    for key, kind in (("dead", "killed"), ("injured", "injured")):
        hits = [
            _first_figure(cs, kind) == _int(r[key])
            for r, cs in zip(records, claims, strict=True)
            if _int(r.get(key, "")) is not None
        ]
        out[f"{key}_exact"], out[f"n_{key}"] = _share(hits), len(hits)

    per_type: dict[str, dict[str, int]] = {}
    counts = Counter(gold)
    for g, p in zip(gold, pred, strict=True):
        row = per_type.setdefault(g, {"n": counts[g], "correct": 0, "detected": 0})
        row["correct"] += g == p
        row["detected"] += p is not None
    out["per_gold_type"] = dict(sorted(per_type.items()))
    return out


def evaluate_file(path: str | Path, use_model: bool = True) -> dict[str, Any]:
    """Score the extractor (plus the classifier when installed) on a PLOVER gold file.

    Example:
        >>> result = evaluate_file("../shared/data/plover_gsr/PLOVER_GSR_CAMEO.json")  # doctest: +SKIP
        >>> result["n"], result["event_type_accuracy_reachable"]  # doctest: +SKIP
        (322, 0.275)
    """
    started = time.perf_counter()
    records = read_records(path)
    return score_sentences(
        records, lambda i, r: (str(r.get("id") or i), r["text"]), score_records, use_model, started
    )
