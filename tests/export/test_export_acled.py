"""ACLED-style CSV: ACLED's columns, codes and conventions, readable by pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sitrep.export import export
from sitrep.store import Store

ACLED_COLUMNS = [
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
]


def _read(store: Store, what: str, tmp_path: Path) -> tuple[pd.DataFrame, str]:
    out = tmp_path / f"{what}.csv"
    n = export(store, what, "acled-csv", out, timestamp=1_700_000_000)
    df = pd.read_csv(out, dtype={"interaction": str})
    assert len(df) == n
    return df.set_index("event_id_cnty", drop=False), out.read_text(encoding="utf-8")


def test_claims_columns_and_values(export_store: Store, tmp_path: Path) -> None:
    df, _ = _read(export_store, "claims", tmp_path)
    assert list(df.columns) == ACLED_COLUMNS
    c1 = df.loc["c1"]
    assert c1["event_date"] == "2016-11-27"
    assert c1["year"] == 2016
    assert c1["time_precision"] == 1
    assert c1["fatalities"] == 8
    assert c1["latitude"] == 36.2012 and c1["longitude"] == 37.1612
    assert c1["geo_precision"] == 1
    assert (c1["iso"], c1["country"], c1["region"]) == (760, "Syria", "Middle East")
    assert (c1["inter1"], c1["inter2"], c1["interaction"]) == (1, 7, "17")
    assert c1["civilian_targeting"] == "Civilian targeting"
    assert c1["disorder_type"] == "Political violence"
    assert c1["actor1"] == "Military Forces of Syria"
    assert c1["source"] == "SOHR; example-news.org"
    assert c1["notes"].startswith("Government shelling killed eight")
    assert c1["timestamp"] == 1_700_000_000


def test_dates_precision_and_missing_figures(export_store: Store, tmp_path: Path) -> None:
    df, _ = _read(export_store, "claims", tmp_path)
    assert df.loc["c2", "time_precision"] == 2  # a three-day range
    assert df.loc["c2", "interaction"] == "12"
    c3 = df.loc["c3"]
    assert c3["time_precision"] == 3  # only the month is known
    assert c3["fatalities"] == 0  # ACLED: 0 when no figure is reported ...
    assert "fatalities=no report" in c3["tags"]  # ... and we say so
    assert pd.isna(c3["latitude"]) and pd.isna(c3["longitude"])
    assert c3["location"] == "the Idlib countryside"
    assert c3["interaction"] == "20"  # a lone rebel actor
    c4 = df.loc["c4"]
    assert (c4["disorder_type"], c4["interaction"], c4["time_precision"]) == (
        "Demonstrations",
        "60",
        2,
    )
    assert (c4["iso"], c4["region"]) == (170, "South America")


def test_formula_text_is_escaped_but_negative_numbers_are_not(
    export_store: Store, tmp_path: Path
) -> None:
    df, raw = _read(export_store, "claims", tmp_path)
    assert df.loc["c3", "actor1"] == "'=cmd|' /C calc'!A0"
    assert df.loc["c3", "notes"].startswith("'=cmd|")
    assert df.loc["c4", "longitude"] == -74.0817
    assert ",-74.0817," in raw and "'-74" not in raw
    assert not any(cell.startswith("=") for line in raw.splitlines() for cell in line.split(","))


def test_events_merge_sources_and_flag_contested_figures(
    export_store: Store, tmp_path: Path
) -> None:
    df, _ = _read(export_store, "events", tmp_path)
    assert list(df.index) == ["e2", "e1"]
    e1 = df.loc["e1"]
    assert e1["fatalities"] == 8
    assert e1["source"] == "SOHR; SANA; example-news.org; other-wire.net"
    assert "Government shelling" in e1["notes"] and "SANA said" in e1["notes"]
    assert e1["tags"] == "contested=killed"
    assert df.loc["e2", "fatalities"] == 0


def test_claims_with_no_acled_type_are_left_out(empty_store: Store, tmp_path: Path) -> None:
    from sitrep.model import Article, Claim, Span

    text = "Ministers condemned the shelling of Kessa. Shelling hit Kessa on Monday."
    empty_store.articles.insert([Article(id="r1", text=text, text_hash="hr", language="en")], 1)
    reaction = Claim(
        id="react",
        article_id="r1",
        sentence=Span(0, 42, text[:42]),
        plover="ACCUSE",
        cameo_root="11",
    )
    shelling = Claim(
        id="shell",
        article_id="r1",
        sentence=Span(43, len(text), text[43:]),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        plover="ASSAULT",
    )
    with empty_store.transaction():
        empty_store.claims.replace("r1", [reaction, shelling], "test")
    df, _ = _read(empty_store, "claims", tmp_path)
    assert list(df.index) == ["shell"]
