"""Geoparsing scores on corpora in the TR-News / LGL XML layout, and FA-KES main-place share.

Layout: ``<articles><article>`` with ``<text>`` and ``<toponyms><toponym>`` holding ``<start>``,
``<end>`` (character offsets into the text), ``<phrase>`` and optionally ``<gaztag>`` with
``<lat>``/``<lon>`` (the gold point). Toponyms without a gaztag have no gold point: they count
for recognition but are left out of every distance figure.

Figures (gold spans, the default):

- ``acc161``: share of gold toponyms resolved within 161 km (100 miles) of the gold point.
- ``mean_km``, ``median_km``: error distances (great circle). A toponym sitrep cannot resolve
  at all counts as 20,039 km (half the Earth's circumference, the largest possible error), as in
  Gritta et al., so giving up is never better than a wrong guess; ``n_unresolved`` says how many.
- ``auc``: area under the curve of the sorted, log-scaled errors (Gritta et al. 2018, "What's
  missing in geographical parsing?"; 2019 "A pragmatic guide"): each error ``e`` becomes
  ``ln(1 + e) / ln(1 + 20039)`` (0 = exact, 1 = the far side of the Earth), the values are sorted
  and the area under them is taken with the trapezoid rule over an x axis scaled to [0, 1].
  **Lower is better**; it rewards small errors more finely than acc@161.
- ``n``: gold toponyms with a gold point.

End to end (``end_to_end=True``): sitrep's own recogniser finds the toponyms. A predicted span
matches a gold span when the two **overlap** by at least one character (each gold toponym is
matched at most once, to the first overlapping prediction). ``precision``/``recall``/``f1`` of
recognition count every gold toponym (with or without a point); the distance figures are then
computed over the matched gold toponyms that have a point, and ``n`` is their number.
"""

from __future__ import annotations

import csv
import math
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from lxml import etree

from sitrep.errors import InputError
from sitrep.model import Place, Span

__all__ = [
    "MAX_ERROR_KM",
    "GoldToponym",
    "distance_metrics",
    "evaluate_fakes",
    "evaluate_file",
    "read_corpus",
]

MAX_ERROR_KM = 20039.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None and value.strip() else None
    except ValueError:
        return None


def _align(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """Offsets that cover ``phrase``: some TR-News articles are off by a character or two, so
    the phrase is looked for within a few characters of the given offsets."""
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - 5)
    found = text.find(phrase, lo, end + len(phrase) + 5)
    return (found, found + len(phrase)) if found >= 0 else (start, end)


def read_corpus(path: str | Path) -> Iterator[GoldArticle]:
    """Articles of a TR-News/LGL-style XML file, streamed (the files are several MB)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    tree = etree.parse(str(path), parser)
    for art in tree.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for tp in art.iter("toponym"):
            start, end = tp.findtext("start"), tp.findtext("end")
            if start is None or end is None:
                continue
            gaz = tp.find("gaztag")
            lat = _float(gaz.findtext("lat")) if gaz is not None else None
            lon = _float(gaz.findtext("lon")) if gaz is not None else None
            phrase = tp.findtext("phrase") or ""
            s, e = _align(text, int(start), int(end), phrase)
            tops.append(GoldToponym(s, e, phrase, lat, lon))
        yield GoldArticle(art.get("docid") or "", text, tuple(tops))


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _error(gold: GoldToponym, place: Place | None) -> float:
    if place is None or place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    assert gold.lat is not None and gold.lon is not None
    return _haversine(gold.lat, gold.lon, place.lat, place.lon)


def distance_metrics(errors: Sequence[float]) -> dict[str, Any]:
    """acc161, mean_km, median_km, auc and n for a list of error distances (km)."""
    if not errors:
        return {"acc161": None, "mean_km": None, "median_km": None, "auc": None, "n": 0}
    scaled = np.sort(np.log1p(np.asarray(errors, dtype=float)) / math.log1p(MAX_ERROR_KM))
    if len(scaled) > 1:
        auc = float(np.trapezoid(scaled, dx=1.0) / (len(scaled) - 1))
    else:
        auc = float(scaled[0])
    return {
        "acc161": round(sum(e <= 161.0 for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(auc, 4),
        "n": len(errors),
    }


def _overlap(a: Span, g: GoldToponym) -> bool:
    return a.start < g.end and g.start < a.end


def evaluate_file(
    path: str | Path, end_to_end: bool = False, limit: int | None = None
) -> dict[str, Any]:
    """Score sitrep's geoparser on one corpus file (see the module docstring for the figures).

    Example:
        >>> evaluate_file("../shared/data/geo/TR-News.xml")["acc161"]  # doctest: +SKIP
    """
    from sitrep.geo import geoparse, load_gazetteer, resolve_spans

    started = time.perf_counter()
    gaz = load_gazetteer()
    errors: list[float] = []
    unresolved = 0
    tp = fp = fn = 0
    n_articles = 0
    for art in read_corpus(path):
        if limit is not None and n_articles >= limit:
            break
        n_articles += 1
        if not end_to_end:
            spans = [
                Span(t.start, t.end, t.phrase or art.text[t.start : t.end]) for t in art.toponyms
            ]
            places = resolve_spans(art.text, spans, gazetteer=gaz)
            for gold, place in zip(art.toponyms, places, strict=True):
                if gold.lat is None:
                    continue
                unresolved += place.lat is None
                errors.append(_error(gold, place))
            continue
        predicted = [p for p in geoparse(art.text, gazetteer=gaz) if p.span is not None]
        used: set[int] = set()
        for gold in art.toponyms:
            match = next(
                (i for i, p in enumerate(predicted) if i not in used and _overlap(p.span, gold)),
                None,
            )  # type: ignore[arg-type]
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            if gold.lat is not None:
                unresolved += predicted[match].lat is None
                errors.append(_error(gold, predicted[match]))
        fp += len(predicted) - len(used)
    out: dict[str, Any] = distance_metrics(errors)
    out["n_unresolved"] = unresolved
    if end_to_end:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out.update(
            {
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "n_gold": tp + fn,
                "n_predicted": tp + fp,
            }
        )
    out["mode"] = "end_to_end" if end_to_end else "gold_spans"
    out["articles"] = n_articles
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


# ---------------------------------------------------------------------- FA-KES


def _same_place(location: str, place: Place, gaz: Any) -> bool:
    """True when the article's gold ``location`` (a Syrian city or governorate, lower case)
    names the predicted place, or the governorate (admin1) that contains it."""
    from sitrep.geo.normalise import light_key, loose_key

    gold_l, gold_s = light_key(location), loose_key(location)
    names = [n for n in (place.name, place.admin1) if n]
    for n in names:
        if light_key(n) == gold_l or loose_key(n) == gold_s:
            return True
    # The gold name may be an alias of the admin1 ("damascus" for Dimashq, "raqqa").
    rows, _ = gaz.lookup(location)
    for r in rows.tolist():
        kind = gaz.kind_name(r)
        if kind == "admin1" and gaz.names[r] == place.admin1:
            return True
        if kind == "city" and place.lat is not None and place.gazetteer_id == gaz.gids[r]:
            return True
    return False


def evaluate_fakes(path: str | Path, limit: int | None = None) -> dict[str, Any]:
    """Share of FA-KES articles whose sitrep main place falls in the gold ``location``.

    Example:
        >>> evaluate_fakes("../shared/data/fakes/dev.csv")["main_place_share"]  # doctest: +SKIP
    """
    from sitrep.geo import geoparse, load_gazetteer, main_place

    started = time.perf_counter()
    gaz = load_gazetteer()
    hits, total, none = 0, 0, 0
    by_location: dict[str, list[int]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        columns = csv.DictReader(f).fieldnames or []
    if "location" not in columns or "article_content" not in columns:
        raise InputError(
            str(path),
            "not the FA-KES layout: expected 'location' and "
            f"'article_content' columns (found: {', '.join(columns) or 'none'})",
        )
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if limit is not None and total >= limit:
                break
            location = (row.get("location") or "").strip()
            if not location:
                continue
            text = "\n\n".join(
                x for x in (row.get("article_title"), row.get("article_content")) if x
            )
            total += 1
            place = main_place(geoparse(text, gazetteer=gaz))
            if place is None:
                none += 1
            ok = place is not None and _same_place(location, place, gaz)
            hits += ok
            stats = by_location.setdefault(location.lower(), [0, 0])
            stats[0] += ok
            stats[1] += 1
    return {
        "main_place_share": round(hits / total, 4) if total else None,
        "n": total,
        "no_place": none,
        "per_location": {k: {"hits": v[0], "n": v[1]} for k, v in sorted(by_location.items())},
        "seconds": round(time.perf_counter() - started, 2),
    }
