"""Claims or events as an ACLED-style CSV, with ACLED's column names and codes.

Analysts already have loaders for ACLED exports, so the columns are ACLED's, in ACLED's order.
How our fields fill them (see also ``codes.py``):

- ``event_id_cnty``: our claim/event id (stable across runs; not ACLED's country+number).
- ``event_date``/``year``: the start date; empty when the date is unknown (never invented).
- ``time_precision``: 1 a day, 2 a week or a range of up to 7 days, 3 a month or longer.
- ``disorder_type``: from the event type (Protests/Riots -> Demonstrations, Strategic
  developments as is, other violence -> Political violence; excessive force against
  protesters -> "Political violence; Demonstrations").
- ``inter1``/``inter2``: ACLED's numeric actor classes from our sectors; ``interaction`` is
  both codes smaller first ("17"), or the lone actor's code followed by 0 ("60").
- ``civilian_targeting``: "Civilian targeting" when the second actor is civilians or the
  type is Violence against civilians.
- ``iso``/``country``/``region``: ISO numeric code, English name, ACLED-style region.
- ``location``, ``latitude``/``longitude`` (4 decimals, as ACLED), ``geo_precision`` = our
  place precision (1 the place itself, 2 near/part of it, 3 only the region is known).
- ``source``: the sources the reports cite, then the outlets, joined by "; ".
- ``notes``: the evidence sentence(s). ``fatalities``: the best killed figure, 0 when none
  was reported (ACLED's convention); ``tags`` then says "fatalities=no report".
- Claims and events with no ACLED event type are left out: reactions typed by PLOVER only
  ("Syria denied any use of chemical weapons") and figures whose sentence says no more ("the
  death toll rose to 14") are no ACLED events; the JSONL export keeps them.
- ``timestamp``: the export time as a Unix time. ``assoc_actor_*``, ``admin2``/``admin3``
  and ``source_scale`` stay empty: the pipeline does not know them.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from sitrep.export import codes
from sitrep.export.countries import country
from sitrep.export.csvsafe import SafeCsvWriter
from sitrep.export.incident import Incident, iter_incidents
from sitrep.store.base import Store

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

DEMONSTRATIONS = {"Protests", "Riots"}
EXCESSIVE_FORCE = "Excessive force against protesters"


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    if not event_type:
        return None
    if sub_event_type == EXCESSIVE_FORCE:
        return "Political violence; Demonstrations"
    if event_type in DEMONSTRATIONS:
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def time_precision(inc: Incident) -> int | None:
    days = codes.span_days(inc.start, inc.end)
    if days is None:
        return None
    if inc.precision in ("month", "year") or days > 7:
        return 3
    if inc.precision == "week" or days > 0:
        return 2
    return 1


def _tags(inc: Incident) -> str | None:
    tags = []
    if inc.killed is None or inc.killed.best is None:
        tags.append("fatalities=no report")
    if inc.contested:
        tags.append("contested=" + ",".join(inc.contested))
    if inc.status:
        tags.append(f"status={inc.status}")
    return "; ".join(tags) or None


def row(inc: Incident, timestamp: int) -> list[Any]:
    """One ACLED-style row, in ``COLUMNS`` order."""
    place = inc.place
    where = country(place.country if place else None)
    inter1, inter2 = codes.inter_code(inc.actor1), codes.inter_code(inc.actor2)
    targeting = inter2 == codes.CIVILIANS or inc.event_type == "Violence against civilians"
    coords = codes.coordinates(place)
    killed = inc.killed.best if inc.killed and inc.killed.best is not None else 0
    return [
        inc.id,
        inc.start.isoformat() if inc.start else None,
        inc.start.year if inc.start else None,
        time_precision(inc),
        disorder_type(inc.event_type, inc.sub_event_type),
        inc.event_type,
        inc.sub_event_type,
        codes.actor_label(inc.actor1),
        None,
        inter1,
        codes.actor_label(inc.actor2),
        None,
        inter2,
        codes.interaction(inter1, inter2),
        "Civilian targeting" if targeting else None,
        where.iso_numeric if where else None,
        where.acled_region if where else None,
        where.name if where else (place.country if place else None),
        place.admin1 if place else None,
        None,
        None,
        codes.place_label(place),
        round(coords[0], 4) if coords else None,
        round(coords[1], 4) if coords else None,
        place.precision if place else None,
        "; ".join(inc.evidence.cited + inc.evidence.outlets) or None,
        None,
        " | ".join(inc.evidence.sentences) or None,
        killed,
        _tags(inc),
        timestamp,
    ]


def write(store: Store, what: str, fh: TextIO, *, timestamp: int | None = None) -> int:
    """Write claims or events as ACLED-style CSV to ``fh``; returns the rows written."""
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = SafeCsvWriter(fh, COLUMNS)
    for inc in iter_incidents(store, what):
        if inc.event_type is None:
            continue  # no ACLED type: a reaction (PLOVER only) or a bare figure; see above
        writer.writerow(row(inc, stamp))
    return writer.rows
