"""Claims or events as a UCDP GED-style CSV (column names from the UCDP GED codebook).

Researchers compare their data with UCDP's Georeferenced Event Dataset; giving them GED's
columns lets the same scripts read both. Columns the pipeline cannot know (UCDP's conflict
and dyad ids, ``relid``, ``code_status``, ``active_year``, ``event_clarity``, the split of
deaths by side, ``adm_2``) stay empty. How ours fill the rest:

- ``best``/``low``/``high``: the killed figure. A plain number ("8 killed") has no range, so
  low = high = best as GED codes it; an open-ended one ("more than 10": low set, high
  unknown) keeps ``high`` empty. ``deaths_unknown`` = ``best`` (we do not split by side).
  No killed figure at all leaves them empty (unknown, not zero).
- ``where_prec``: our place precision 1 -> 1 (exact location), 2 -> 2 (within ~25 km),
  3 -> 4 (first-order admin area) or 6 (country, when no admin1 is known).
- ``date_prec``: 1 one day, 2 a range of 2-6 days, 3 a week, 4 a month or 8-30 days,
  5 a longer range or a year.
- ``type_of_violence``: from the actors' classes (``codes.py``): state vs an armed group or
  state -> 1 (state-based, the state becomes side A), two non-state armed groups -> 2,
  an armed actor vs civilians -> 3 (one-sided, civilians are side B); otherwise empty.
- ``number_of_sources``: independent reports (``n_independent`` of an event, 1 for a claim).
- ``source_article``: "outlet,date,headline" per report joined by ";", as GED cites;
  ``source_office``/``source_date``/``source_headline`` list the same parts, and
  ``source_original`` the sources the reports cite (SOHR, SANA, ...).
- ``country_id``: the Gleditsch & Ward number, as GED uses; ``gwnoa``/``gwnob`` likewise
  for a state side; ``priogrid_gid`` is computed from the coordinates.
"""

from __future__ import annotations

from typing import Any, TextIO

from sitrep.export import codes
from sitrep.export.countries import country
from sitrep.export.csvsafe import SafeCsvWriter
from sitrep.export.incident import Incident, iter_incidents
from sitrep.model import Actor, Place
from sitrep.store.base import Store

COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "gwnoa",
    "side_a",
    "side_b_new_id",
    "gwnob",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)

STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3


def sides(inc: Incident) -> tuple[int | None, Actor | None, Actor | None]:
    """(type_of_violence, side A, side B), ordered the way GED orders sides."""
    a, b = inc.actor1, inc.actor2
    ca, cb = codes.inter_code(a), codes.inter_code(b)
    if ca is None or cb is None:
        return None, a, b
    if codes.STATE in (ca, cb) and ca in codes.ARMED and cb in codes.ARMED:
        return (STATE_BASED, a, b) if ca == codes.STATE else (STATE_BASED, b, a)
    if ca in codes.ARMED and cb in codes.ARMED:
        return NON_STATE, a, b
    if ca in codes.ARMED and cb == codes.CIVILIANS:
        return ONE_SIDED, a, b
    if cb in codes.ARMED and ca == codes.CIVILIANS:
        return ONE_SIDED, b, a
    return None, a, b


def where_prec(place: Place | None) -> int | None:
    if place is None or place.precision is None:
        return None
    if place.precision <= 2:
        return max(place.precision, 1)
    return 4 if place.admin1 else 6


def date_prec(inc: Incident) -> int | None:
    days = codes.span_days(inc.start, inc.end)
    if days is None:
        return None
    n = days + 1  # days covered, both ends included
    by_range = 1 if n == 1 else 2 if n <= 6 else 3 if n == 7 else 4 if n <= 30 else 5
    floor = {"week": 3, "month": 4, "year": 5}.get(inc.precision or "", 1)
    return max(by_range, floor)


def deaths(inc: Incident) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) following the rules in the module docstring."""
    fig = inc.killed
    if fig is None or fig.best is None:
        return None, None, None
    if fig.low is None and fig.high is None:
        return fig.best, fig.best, fig.best
    return fig.best, fig.low, fig.high


def _gwno(actor: Actor | None) -> int | None:
    if codes.inter_code(actor) != codes.STATE or actor is None:
        return None
    found = country(actor.country)
    return found.gwno if found else None


def row(inc: Incident) -> list[Any]:
    """One GED-style row, in ``COLUMNS`` order."""
    violence, side_a, side_b = sides(inc)
    place = inc.place
    where = country(place.country if place else None)
    coords = codes.coordinates(place)
    lat, lon = (round(coords[0], 6), round(coords[1], 6)) if coords else (None, None)
    best, low, high = deaths(inc)
    articles = inc.evidence.articles
    cite = ";".join(",".join(p or "" for p in (a.outlet, a.published, a.title)) for a in articles)
    return [
        inc.id,
        None,
        inc.start.year if inc.start else None,
        None,
        None,
        violence,
        None,
        None,
        None,
        None,
        None,
        _gwno(side_a),
        codes.actor_label(side_a),
        None,
        _gwno(side_b),
        codes.actor_label(side_b),
        inc.n_sources,
        cite or None,
        "; ".join(inc.evidence.outlets) or None,
        "; ".join(a.published for a in articles if a.published) or None,
        "; ".join(a.title for a in articles if a.title) or None,
        "; ".join(inc.evidence.cited) or None,
        where_prec(place),
        codes.place_label(place),
        place.text if place else None,
        place.admin1 if place else None,
        None,
        lat,
        lon,
        f"POINT ({lon} {lat})" if coords else None,
        codes.priogrid_gid(*coords) if coords else None,
        where.name if where else (place.country if place else None),
        where.gwno if where else None,
        where.ucdp_region if where else None,
        None,
        date_prec(inc),
        inc.start.isoformat() if inc.start else None,
        (inc.end or inc.start).isoformat() if inc.start else None,
        None,
        None,
        None,
        best,
        best,
        high,
        low,
    ]


def write(store: Store, what: str, fh: TextIO) -> int:
    """Write claims or events as UCDP GED-style CSV to ``fh``; returns the rows written."""
    writer = SafeCsvWriter(fh, COLUMNS)
    for inc in iter_incidents(store, what):
        writer.writerow(row(inc))
    return writer.rows
