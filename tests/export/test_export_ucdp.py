"""UCDP GED-style CSV: GED's columns, fatality estimates and precision codes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sitrep.export import export
from sitrep.export.codes import priogrid_gid
from sitrep.export.ucdp_csv import COLUMNS
from sitrep.store import Store

GED_CORE = [
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "where_prec",
    "where_coordinates",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_unknown",
    "best",
    "high",
    "low",
]


def _read(store: Store, what: str, tmp_path: Path) -> pd.DataFrame:
    out = tmp_path / f"{what}.csv"
    n = export(store, what, "ucdp-csv", out)
    df = pd.read_csv(out, dtype={"source_headline": str})
    assert len(df) == n
    return df.set_index("id", drop=False)


def test_columns_follow_the_codebook(export_store: Store, tmp_path: Path) -> None:
    df = _read(export_store, "claims", tmp_path)
    assert list(df.columns) == list(COLUMNS)
    assert set(GED_CORE) <= set(df.columns)
    assert df.columns[-3:].tolist() == ["best", "high", "low"]


def test_fatality_estimates(export_store: Store, tmp_path: Path) -> None:
    df = _read(export_store, "claims", tmp_path)
    # "eight people": a plain number is its own range
    assert df.loc["c1", ["best", "low", "high"]].tolist() == [8, 8, 8]
    # "more than ten": open-ended, the high estimate stays unknown
    assert df.loc["c2", ["best", "low"]].tolist() == [10, 10]
    assert pd.isna(df.loc["c2", "high"])
    # no figure at all: unknown, not zero
    assert df.loc["c3", ["best", "low", "high"]].isna().all()
    assert df.loc["c1", "deaths_unknown"] == 8
    events = _read(export_store, "events", tmp_path)
    assert events.loc["e1", ["best", "low", "high"]].tolist() == [8, 8, 10]
    assert events.loc["e1", "number_of_sources"] == 2


def test_precision_codes(export_store: Store, tmp_path: Path) -> None:
    df = _read(export_store, "claims", tmp_path)
    assert df["where_prec"].to_dict() == {"c1": 1, "c2": 2, "c3": 4, "c4": 1}
    assert df["date_prec"].to_dict() == {"c1": 1, "c2": 2, "c3": 4, "c4": 3}
    assert df.loc["c3", "date_end"] == "2016-11-30"


def test_violence_type_sides_and_country(export_store: Store, tmp_path: Path) -> None:
    df = _read(export_store, "claims", tmp_path)
    c1 = df.loc["c1"]
    assert c1["type_of_violence"] == 3  # army vs civilians: one-sided
    assert (c1["side_a"], c1["side_b"]) == ("Military Forces of Syria", "Civilians (Syria)")
    assert c1["gwnoa"] == 652
    assert df.loc["c2", "type_of_violence"] == 1  # army vs rebels: state-based
    assert pd.isna(df.loc["c4", "type_of_violence"])  # protesters alone
    assert (c1["country"], c1["country_id"], c1["region"]) == ("Syria", 652, "Middle East")
    assert df.loc["c4", "region"] == "Americas"


def test_geometry_columns(export_store: Store, tmp_path: Path) -> None:
    df = _read(export_store, "claims", tmp_path)
    c1 = df.loc["c1"]
    assert (c1["latitude"], c1["longitude"]) == (36.201235, 37.161171)
    assert c1["geom_wkt"] == "POINT (37.161171 36.201235)"
    assert c1["priogrid_gid"] == priogrid_gid(36.201235, 37.161171)
    assert df.loc["c4", "geom_wkt"] == "POINT (-74.08175 4.60971)"
    assert df.loc["c3", ["latitude", "geom_wkt", "priogrid_gid"]].isna().all()


def test_priogrid_matches_ucdp() -> None:
    # two rows of UCDP's GED Syria release: (latitude, longitude) -> priogrid_gid
    assert priogrid_gid(34.802462, 36.707602) == 179714
    assert priogrid_gid(35.688342, 36.449962) == 181153


def test_sources_and_escaped_headline(export_store: Store, tmp_path: Path) -> None:
    df = _read(export_store, "claims", tmp_path)
    assert (
        df.loc["c1", "source_article"]
        == "example-news.org,2016-11-27,Shelling kills eight in Aleppo"
    )
    assert df.loc["c1", "source_original"] == "SOHR"
    assert df.loc["c3", "source_headline"] == '\'=HYPERLINK("http://evil.example")'
    assert df.loc["c3", "side_a"] == "'=cmd|' /C calc'!A0"
