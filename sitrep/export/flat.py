"""Flatten the nested JSON shapes into one column per leaf, for tables and GIS properties.

``place: {lat, lon}`` becomes ``place_lat, place_lon``; ``killed: {best}`` becomes
``killed_best``. A missing nested object still yields its columns (as ``None``), so every row
of a table has the same columns whatever the record holds. Lists (sources, claim ids,
conflicts) do not flatten well: tables get them as JSON text, GeoJSON keeps real arrays.
"""

from __future__ import annotations

import json
from typing import Any

from sitrep.export.shapes import ListOf, Obj, Shape

JSON = "json"  # the column type of a list serialised as JSON text


def columns(shape: Shape) -> list[tuple[str, str]]:
    """(column name, leaf type) for every flat column of a shape, in shape order."""
    out: list[tuple[str, str]] = []
    for key, spec in shape.items():
        if isinstance(spec, Obj):
            out.extend((f"{key}_{sub}", leaf) for sub, leaf in spec.fields.items())
        elif isinstance(spec, ListOf):
            out.append((key, JSON))
        else:
            out.append((key, spec))
    return out


def flatten(rec: dict[str, Any], shape: Shape, *, lists_as_json: bool = True) -> dict[str, Any]:
    """One flat row from a record made by ``shapes.record``.

    With ``lists_as_json`` lists become compact JSON text (for CSV and Parquet); without it
    they stay Python lists (for GeoJSON properties).
    """
    row: dict[str, Any] = {}
    for key, spec in shape.items():
        value = rec.get(key)
        if isinstance(spec, Obj):
            nested = value if isinstance(value, dict) else {}
            for sub in spec.fields:
                row[f"{key}_{sub}"] = nested.get(sub)
        elif isinstance(spec, ListOf):
            items = value or []
            row[key] = json.dumps(items, ensure_ascii=False) if lists_as_json else items
        else:
            row[key] = value
    return row
