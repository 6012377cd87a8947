"""GeoJSON export: a valid RFC 7946 FeatureCollection with [lon, lat] Points."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sitrep.export import export
from sitrep.store import Store


def _collection(store: Store, what: str, tmp_path: Path) -> dict:
    out = tmp_path / f"{what}.geojson"
    n = export(store, what, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == n
    for f in data["features"]:
        assert f["type"] == "Feature"
        assert set(f) == {"type", "id", "geometry", "properties"}
        assert f["id"] == f["properties"]["id"]
    return {f["id"]: f for f in data["features"]}


def test_claims_are_points_with_longitude_first(export_store: Store, tmp_path: Path) -> None:
    features = _collection(export_store, "claims", tmp_path)
    assert features["c1"]["geometry"] == {"type": "Point", "coordinates": [37.161171, 36.201235]}
    lon, lat = features["c4"]["geometry"]["coordinates"]
    assert (lon, lat) == (-74.08175, 4.60971)  # Bogota: west of Greenwich, north of the equator


def test_unlocated_claim_has_null_geometry(export_store: Store, tmp_path: Path) -> None:
    features = _collection(export_store, "claims", tmp_path)
    assert features["c3"]["geometry"] is None
    assert features["c3"]["properties"]["place_text"] == "the Idlib countryside"


def test_properties_are_the_flattened_shape(export_store: Store, tmp_path: Path) -> None:
    props = _collection(export_store, "claims", tmp_path)["c1"]["properties"]
    assert props["place_name"] == "Aleppo"
    assert props["killed_best"] == 8
    assert props["when_start"] == "2016-11-27"
    assert props["sources"] == [
        {"text": "the Syrian Observatory for Human Rights", "name": "SOHR", "kind": None}
    ]
    assert "place" not in props and "killed" not in props


def test_events(export_store: Store, tmp_path: Path) -> None:
    features = _collection(export_store, "events", tmp_path)
    assert features["e1"]["geometry"]["coordinates"] == [37.161171, 36.201235]
    assert features["e1"]["properties"]["claims"] == ["c1", "c2"]
    assert features["e2"]["geometry"] is None


def test_empty_store_gives_an_empty_collection(empty_store: Store) -> None:
    buf = io.StringIO()
    assert export(empty_store, "events", "geojson", buf) == 0
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}
