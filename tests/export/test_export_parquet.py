"""Parquet export: typed columns of the flattened shape, readable by pandas."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.errors import SitrepError
from sitrep.export import export
from sitrep.export.flat import columns
from sitrep.export.shapes import shape_for
from sitrep.store import Store


@pytest.mark.parametrize("what", ["articles", "claims", "events"])
def test_rows_and_columns(export_store: Store, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.parquet"
    n = export(export_store, what, "parquet", out)
    df = pd.read_parquet(out)
    assert len(df) == n == {"articles": 3, "claims": 4, "events": 2}[what]
    assert list(df.columns) == [name for name, _ in columns(shape_for(what))]


def test_column_types(export_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    export(export_store, "claims", "parquet", out)
    schema = pq.read_schema(out)
    assert schema.field("when_start").type == pa.date32()
    assert schema.field("place_lat").type == pa.float64()
    assert schema.field("killed_best").type == pa.int64()
    assert schema.field("sources").type == pa.string()
    table = pq.read_table(out).to_pydict()
    row = table["id"].index("c1")
    assert table["when_start"][row] == dt.date(2016, 11, 27)
    assert table["killed_best"][row] == 8
    assert table["killed_best"][table["id"].index("c3")] is None  # nullable, not 0


def test_articles_with_text(export_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "articles.parquet"
    export(export_store, "articles", "parquet", out, include_text=True)
    df = pd.read_parquet(out)
    assert df.loc[df["id"] == "a1", "text"].item().startswith("Government shelling")
    assert df.loc[df["id"] == "a2", "published_source"].item() == "url"


def test_empty_store_keeps_the_schema(empty_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export(empty_store, "events", "parquet", out) == 0
    df = pd.read_parquet(out)
    assert len(df) == 0 and "killed_best" in df.columns
    assert pq.read_schema(out).field("start").type == pa.date32()


def test_binary_file_object(export_store: Store) -> None:
    buf = io.BytesIO()
    assert export(export_store, "events", "parquet", buf) == 2
    assert not buf.closed
    assert len(pd.read_parquet(io.BytesIO(buf.getvalue()))) == 2


def test_not_to_stdout(export_store: Store) -> None:
    with pytest.raises(SitrepError, match="stdout"):
        export(export_store, "events", "parquet", "-")
    with pytest.raises(SitrepError, match="stdout"):
        export(export_store, "events", "parquet", io.StringIO())
