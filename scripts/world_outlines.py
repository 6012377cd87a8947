"""Turn world-atlas's TopoJSON country outlines into the GeoJSON the dashboard ships.

Run once when updating the outlines (the output is committed as package data):

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/world_outlines.py package/countries-50m.json \
        sitrep/serve/static/world/countries.geojson

TopoJSON stores each shared border once as a delta-encoded, quantised "arc"; a polygon ring
lists arc indexes (a negative index ~i means arc i reversed). Decoding that here keeps a
JavaScript TopoJSON client out of the page, and rounding to 3 decimals (about 100 m) keeps the
file small: the outlines are a backdrop, never a source of coordinates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DECIMALS = 3


def decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    """Every arc as absolute [lon, lat] points (undoing the quantisation and the deltas)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """One closed ring from its arcs; consecutive arcs share an end point, kept once."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry(geom: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any] | None:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom["type"] == "MultiPolygon":
        polygons = [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None  # world-atlas countries are polygons; anything else carries no outline


def convert(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        shape = geometry(geom, arcs)
        if shape is None:
            continue
        name = (geom.get("properties") or {}).get("name")
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def main(source: str, target: str) -> None:
    topo = json.loads(Path(source).read_text(encoding="utf-8"))
    data = convert(topo)
    Path(target).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"{len(data['features'])} countries -> {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
