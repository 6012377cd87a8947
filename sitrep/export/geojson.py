"""Claims or events as an RFC 7946 GeoJSON FeatureCollection, written as a stream.

Each record is a Feature with a Point geometry ``[longitude, latitude]`` (RFC 7946 order,
rounded to 6 decimals, about 0.1 m) when its place has coordinates, and ``"geometry": null``
when it does not: RFC 7946 allows unlocated features, and dropping them would hide reports
whose place could not be resolved. Properties are the JSONL shape flattened
(``place_name``, ``killed_best``, ...) because GIS tools show flat attributes best; lists stay
JSON arrays. The collection is written header, features, footer, so memory stays flat.
"""

from __future__ import annotations

import json
import math
from typing import Any, TextIO

from sitrep.export.flat import flatten
from sitrep.export.records import iter_records
from sitrep.export.shapes import shape_for
from sitrep.store.base import Store

HEADER = '{"type": "FeatureCollection", "features": [\n'
FOOTER = "\n]}\n"
DECIMALS = 6


def geometry(rec: dict[str, Any]) -> dict[str, Any] | None:
    """A Point for the record's place, or None when it has no usable coordinates."""
    place = rec.get("place") or {}
    lat, lon = place.get("lat"), place.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return {"type": "Point", "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)]}


def feature(rec: dict[str, Any], what: str) -> dict[str, Any]:
    """One GeoJSON Feature for a record made by ``shapes.record``."""
    props = flatten(rec, shape_for(what), lists_as_json=False)
    for key, value in props.items():  # JSON has no NaN/Infinity: unknown is null
        if isinstance(value, float) and not math.isfinite(value):
            props[key] = None
    return {"type": "Feature", "id": rec["id"], "geometry": geometry(rec), "properties": props}


def write(store: Store, what: str, fh: TextIO) -> int:
    """Write claims or events as a FeatureCollection; returns the features written."""
    fh.write(HEADER)
    n = 0
    for rec in iter_records(store, what):
        if n:
            fh.write(",\n")
        fh.write(json.dumps(feature(rec, what), ensure_ascii=False, allow_nan=False))
        n += 1
    fh.write(FOOTER)
    return n
